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

#define UCLOG__SIP_INLINE_HDRS 32

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
    int framed;              /* read from a packet: its framing wins over a smaller Content-Length */

    /* Room for the headers of most messages, so that a parse allocates
     * once; hdrs points here until a message has more. Last member: it is
     * not cleared when the object is made. */
    struct sip_hdr inline_hdrs[UCLOG__SIP_INLINE_HDRS];
};

/* uclog_sip_via_parse(), which the library's own calls use (sip-value.c). */
int uclog__sip_via_parse(uclog_str *transport, uclog_str *host, uint32_t *port, uclog_str *params,
                         uclog_str entry);

/* uclog_sip_parse() for a message whose end the packet's framing gives: a
 * Content-Length smaller than the data does not end it
 * (UCLOG_DEFECT_SIP_BODY_BEYOND_LENGTH). */
int uclog__sip_parse_framed(uclog_sip **out, uclog_ctx *ctx, const char *data, size_t len,
                            const uclog_span *base);
/* uclog_sip_parse() for a caller that recovers from bytes that are not SIP: it then returns
 * UCLOG_E_FORMAT and records nothing on the context. */
int uclog__sip_try_parse(uclog_sip **out, uclog_ctx *ctx, const char *data, size_t len,
                         const uclog_span *base);

/* 1 when s[0..n) has the shape of a SIP start line ("INVITE sip:x SIP/2.0", "SIP/2.0 200 OK"). */
int uclog__sip_is_start_line(const char *s, size_t n);

/* The length of the header name (token characters) at s[0..n) when blanks and a ':' follow it,
 * with *colon the colon's offset; 0 when the line is no header's first line. A line that starts
 * with a space or a tab and reads no name this way continues the header before it (folding). */
size_t uclog__sip_name_before_colon(const char *s, size_t n, size_t *colon);

#endif
