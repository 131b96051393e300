/* Status text. The defects are named in defects.c. */
#include "internal.h"

const char *uclog_strerror(int code)
{
    switch (code) {
    case UCLOG_OK: return "success";
    case UCLOG_DONE: return "no more items";
    case UCLOG_E_NOMEM: return "out of memory";
    case UCLOG_E_INVALID_ARG: return "invalid argument";
    case UCLOG_E_IO: return "input/output error";
    case UCLOG_E_FORMAT: return "input is not in the expected format";
    case UCLOG_E_LIMIT: return "a configured limit was exceeded";
    case UCLOG_E_UNSUPPORTED: return "unsupported input";
    case UCLOG_E_ABI: return "unknown structure size or version";
    case UCLOG_E_NOT_FOUND: return "not found";
    case UCLOG_E_ENCODING: return "unreadable text encoding";
    case UCLOG_E_XML: return "malformed or hostile XML";
    case UCLOG_E_STATE: return "call not allowed in this state";
    case UCLOG_E_RANGE: return "index or number out of range";
    default: return "unknown error";
    }
}
