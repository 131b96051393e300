/* The registry of ms-diagnostics and ms-client-diagnostics codes (ms-codes.c). */
#ifndef UCLOG_DIAG_MS_CODES_H
#define UCLOG_DIAG_MS_CODES_H

#include <stdint.h>

#include <uclog/diag.h>

struct uclog_diag_ms_code {
    uint32_t code;
    uint32_t kind; /* UCLOG_SIP_DIAG_SERVER (ms-diagnostics, -public share the ids) or _CLIENT */
    const char *meaning;
    const char *component;
    const char *check;
    const char *source;
    const char *confidence; /* "spec", "field", "range", "unverified" */
    int32_t normal_end;
};

#endif
