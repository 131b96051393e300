/*
 * Private to the SDP layer (sdp.c, sdp-fields.c, sdp-candidate.c,
 * sdp-access.c): the parsed object, the parse pass's state, and what the
 * files call of each other. Never installed.
 */
#ifndef UCLOG_SDP_INTERNAL_H
#define UCLOG_SDP_INTERNAL_H

#include <uclog/sdp.h>

#include "internal.h"
#include "scan.h"

struct sdp_line {
    uclog_str value;
    uclog_span span;
    int32_t type;
};

struct sdp_attr {
    uclog_str name;
    uclog_str value;
    uint32_t line;
};

struct sdp_remote {
    uint32_t component;
    uclog_str address;
    uint16_t port;
};

struct uclog_sdp_candidate {
    uclog_span span;
    uclog_str raw;
    uclog_str foundation, username, password;
    uclog_str transport_raw, address, type_raw, raddr;
    uclog_str ext; /* everything after the type token (RFC 5245) */
    int32_t form, attribute, transport, type;
    uint32_t component, priority, qvalue;
    uint16_t port, rport;
    int has_raddr;
};

struct uclog_sdp_media {
    const uclog_sdp *sdp;
    uclog_str type, proto, formats;
    uint16_t port;
    uint32_t first_line, nlines;
    uint32_t first_attr, nattrs;
    uint32_t first_cand, ncands;
    uint32_t first_remote, nremotes;
};

struct uclog_sdp {
    uclog_ctx *ctx;
    uclog_span span;
    struct sdp_line *lines;
    struct sdp_attr *attrs;
    uclog_sdp_media *media;
    uclog_sdp_candidate *cands;
    struct sdp_remote *remotes;
    uclog_defect *defects;
    size_t nlines, lines_cap, nattrs, attrs_cap, nmedia, media_cap;
    size_t ncands, cands_cap, nremotes, remotes_cap, ndefects, defects_cap;
    size_t session_lines, session_attrs; /* counts before the first m= */
    int cand_limit_hit;
    unsigned in_block; /* SDP_IN_BLOCK_* of the arrays that share the object's allocation */
};

/* Lines, attributes, media and candidates are allocated with the object,
 * sized from a count of the body's lines; these bits say which still are. */
#define SDP_IN_BLOCK_LINES 1u
#define SDP_IN_BLOCK_ATTRS 2u
#define SDP_IN_BLOCK_MEDIA 4u
#define SDP_IN_BLOCK_CANDS 8u

/* Grow an array member through the context's allocator. */
#define SDP_GROW(sdp, arr, cap, need, bit)                                                \
    ((need) <= (cap) ? UCLOG_OK                                                           \
                     : uclog__sdp_grow((sdp), (void **)(void *)&(arr), &(cap), (need),           \
                                sizeof(*(arr)), (bit)))

int uclog__sdp_grow(uclog_sdp *sdp, void **arr, size_t *cap, size_t need, size_t elem,
                    unsigned bit);

/* The current line's span is kept as separate fields, written one by one
 * for each line and copied one by one into the spans that need it. Fields
 * read together lie apart: a span stored field by field and read back
 * whole, or two neighbours read with one wide load, cannot be forwarded
 * from the stores just made and stall the processor once per line. */
struct sdp_parser {
    uclog_sdp *sdp;
    const char *line;   /* start of the current line */
    const char *end;    /* end of the body: the tokenizer may read up to it */
    uint64_t loffset;   /* the current line's span: offset, */
    uint32_t lline;     /* line, */
    uint64_t llength;   /* length (without CR), */
    uint32_t lcolumn;   /* column */
    size_t media;       /* index + 1 of the current media, 0 at session level */
    uclog_sdp_media *cur; /* that media (the array only moves when a media is added) */
};

static inline void line_span(uclog_span *s, const struct sdp_parser *p)
{
    s->offset = p->loffset;
    s->length = p->llength;
    s->line = p->lline;
    s->column = p->lcolumn;
    s->file = p->sdp->span.file;
    s->reserved = 0;
}

static inline uclog_span sub_span(const struct sdp_parser *p, const char *ptr, size_t len)
{
    uclog_span s;
    size_t d;

    line_span(&s, p);
    if (!ptr)
        return s;
    d = (size_t)(ptr - p->line);
    s.offset += d;
    s.column = uclog__sat32((uint64_t)s.column + d);
    s.length = len;
    return s;
}

static inline uclog_sdp_media *cur_media(struct sdp_parser *p)
{
    return p->cur;
}

/* A defect at ptr[0..len) of the current line (the whole line when ptr is NULL). */
int uclog__sdp_add_defect(struct sdp_parser *p, int32_t code, const char *ptr, size_t len);

/* Attribute values read by the parse pass (for defects) and the accessors
 * (sdp-fields.c): 1 when well-formed, the fields then stored where asked. */
int uclog__sdp_parse_connection(uclog_str *addrtype, uclog_str *address, uclog_str v);
int uclog__sdp_parse_crypto(uint32_t *tag, uclog_str *role, uclog_str *suite, uclog_str *params,
                            uclog_str v, int scale, const char *lim);
int uclog__sdp_parse_diagnostics(uint32_t *id, uclog_str *reason, uclog_str v);

/* a=candidate (attribute: UCLOG_SDP_CANDIDATE_ATTR or _X_IPV6; name: the attribute's
 * name, for a defect) and a=remote-candidates, in the parse pass (sdp-candidate.c). */
int uclog__sdp_on_candidate(struct sdp_parser *p, uclog_str v, int32_t attribute, uclog_str name);
int uclog__sdp_on_remote_candidates(struct sdp_parser *p, uclog_str v);

#endif
