/* Status text and defect names. Each layer names its own defects. */
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

static const struct {
    const char *name;
    const char *text;
} log_defects[] = {
    {NULL, NULL},
    {"TEXT_BEFORE_HEADER", "text before the first record header"},
    {"HEADER_MALFORMED", "record header with missing or malformed fields"},
    {"TIMESTAMP_INVALID", "record timestamp out of range"},
    {"LINE_TOO_LONG", "line longer than the line limit"},
    {"RECORD_TOO_LONG", "record cut at the record size limit"},
    {"RECORD_CONTINUED", "continuation of a record that was cut"},
    {"NUL_BYTE", "NUL byte in the text"},
    {"NO_FINAL_NEWLINE", "last line has no line end"},
    {"INVALID_UTF8", "bytes that are not valid UTF-8"},
    {"POSITION_SATURATED", "line or column past 4294967295, reported as 4294967295"},
};

static const char *defect_lookup(int32_t code, const char **text)
{
    *text = NULL;
    if (code > 0 && code < (int32_t)(sizeof(log_defects) / sizeof(log_defects[0]))) {
        *text = log_defects[code].text;
        return log_defects[code].name;
    }
    if (code >= 100 && code < 200)
        return uclog__packet_defect_name(code, text);
    if (code >= 200 && code < 300)
        return uclog__sip_defect_name(code, text);
    if (code >= 300 && code < 400)
        return uclog__sdp_defect_name(code, text);
    if (code >= 400 && code < 500)
        return uclog__xml_defect_name(code, text);
    return NULL;
}

const char *uclog_defect_name(int32_t code)
{
    const char *text;
    const char *name = defect_lookup(code, &text);
    return name ? name : "UNKNOWN";
}

const char *uclog_defect_text(int32_t code)
{
    const char *text = NULL;
    defect_lookup(code, &text);
    return text ? text : "unknown defect";
}
