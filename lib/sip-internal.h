/* Private structures of the SIP layer (sip.c, sip-typed.c). Never installed. */
#ifndef UCLOG_SIP_INTERNAL_H
#define UCLOG_SIP_INTERNAL_H

#include <uclog/sip.h>

#include "internal.h"

/* Where a byte is: its 0-based line within the data, and that line's start. */
struct sip_loc {
    size_t lineno;
    size_t line_start;
};

/* A header, as offsets into the message's data. */
struct sip_hdr {
    size_t name, name_len;
    size_t value, value_len; /* raw value, folding kept, blanks trimmed */
    size_t end;              /* end of the header's last line, line end excluded */
    struct sip_loc loc;      /* of the name */
};

struct uclog_sip_part {
    const uclog_sip *msg;
    size_t first, nhdr;      /* its headers in msg->hdrs */
    size_t off, len;         /* the whole part */
    struct sip_loc loc;
    size_t body, body_len;
    struct sip_loc body_loc;
};

struct uclog_sip {
    uclog_ctx *ctx;
    const char *data;
    size_t len;
    uclog_span base;

    size_t start, start_len; /* start line */
    struct sip_loc start_loc;
    int request;
    uclog_str f[3];          /* method, uri, version / version, code, reason */
    uint32_t status;

    struct sip_hdr *hdrs;    /* message headers first, then each part's */
    size_t nhdr;             /* the message's */
    size_t nhdrs_total, hdr_cap;

    size_t body, body_len, end;
    struct sip_loc body_loc;

    struct uclog_sip_part *parts;
    size_t nparts, parts_cap;

    uclog_defect *defects;
    size_t ndefects, defect_cap;
};

/* Header name comparison: case-insensitive, compact forms equal long names. */
int uclog__sip_name_matches(uclog_str name, const char *query);

#endif
