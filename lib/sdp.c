/*
 * SDP bodies: lines, session and media levels, ICE candidates in both the
 * MS draft-6 and the RFC 5245 form, key and diagnostics attributes.
 *
 * One pass splits the body into lines and stores, per body, arrays of
 * lines, attributes, media, candidates and remote-candidate triples (views
 * into the caller's bytes). Attributes whose fields are only needed on
 * demand (crypto, diagnostics, candidate extensions) are checked during the
 * pass, for defects, and split again when asked for.
 */
#include <uclog/sdp.h>

#include "internal.h"

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
                     : sdp_grow((sdp), (void **)(void *)&(arr), &(cap), (need),           \
                                sizeof(*(arr)), (bit)))

static int sdp_grow(uclog_sdp *sdp, void **arr, size_t *cap, size_t need, size_t elem,
                    unsigned bit)
{
    void *p = *arr;
    int rc;

    if (sdp->in_block & bit) { /* never realloc() a part of the object's block */
        size_t ncap = *cap ? *cap : 8;
        while (ncap < need) {
            if (ncap > SIZE_MAX / 2)
                return UCLOG_E_NOMEM;
            ncap *= 2;
        }
        p = uclog__reallocarray(sdp->ctx, NULL, ncap, elem);
        if (!p)
            return UCLOG_E_NOMEM;
        if (*cap)
            memcpy(p, *arr, *cap * elem);
        *arr = p;
        *cap = ncap;
        sdp->in_block &= ~bit;
        return UCLOG_OK;
    }
    rc = uclog__grow(sdp->ctx, &p, cap, need, elem);
    *arr = p;
    return rc;
}

static const uclog_str no_str = {NULL, 0};

/* ------------------------------------------------------------------------ */
/* Small text helpers                                                        */

/* Token splitting looks at eight bytes at a time where the compiler can
 * find the lowest set bit and bytes are little-endian; elsewhere one by one. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SDP_SWAR 1
#define SDP_HIGH 0x8080808080808080ull

/* Bit 7 set in each byte of x below 0x21 (spaces, tabs and other control
 * bytes), and maybe in some bytes after one of those: callers check each. */
static uint64_t below_0x21(uint64_t x)
{
    return (x - 0x2121212121212121ull) & ~x & SDP_HIGH;
}
#endif

static uclog_str next_token(uclog_str *rest)
{
    const char *p = rest->ptr, *e, *start;
    uclog_str t;

    if (!p)
        return no_str;
    e = p + rest->len;
    while (p < e && (*p == ' ' || *p == '\t'))
        p++;
    start = p;
    while (p < e && *p != ' ' && *p != '\t')
        p++;
    rest->ptr = p;
    rest->len = (size_t)(e - p);
    t.len = (size_t)(p - start);
    t.ptr = t.len ? start : NULL;
    return t;
}

/*
 * Up to max tokens of *rest, as that many next_token() calls would give
 * them: t[0..n) are filled, t[n..max) emptied, n returned, and *rest left
 * just after the last token taken (at the end when fewer than max).
 * One pass over the line finds every token boundary, eight bytes at a time.
 */
static int split_tokens(uclog_str *t, int max, uclog_str *rest)
{
    const char *p = rest->ptr, *e, *tok;
    int n = 0, k;

    if (!p || max <= 0)
        goto done;
    e = p + rest->len;
    tok = p; /* where the current token would start */
#ifdef SDP_SWAR
    /* Visit each blank: the text from tok to it, when not empty, is a token. */
    while (p < e) {
        uint64_t x = 0, b;
        size_t len = (size_t)(e - p);

        if (len >= 8) {
            memcpy(&x, p, 8);
            len = 8;
            b = below_0x21(x);
        } else {
            memcpy(&x, p, len);
            b = below_0x21(x) & (SDP_HIGH >> (8 * (8 - len)));
        }
        while (b) {
            const char *at = p + (__builtin_ctzll(b) >> 3);
            b &= b - 1;
            if (*at != ' ' && *at != '\t') /* another control byte, or a false hit */
                continue;
            if (at > tok) {
                t[n].ptr = tok;
                t[n].len = (size_t)(at - tok);
                if (++n == max) {
                    rest->ptr = at;
                    rest->len = (size_t)(e - at);
                    goto done;
                }
            }
            tok = at + 1;
        }
        p += len;
    }
#else
    for (; p < e; p++) {
        if (*p != ' ' && *p != '\t')
            continue;
        if (p > tok) {
            t[n].ptr = tok;
            t[n].len = (size_t)(p - tok);
            if (++n == max) {
                rest->ptr = p;
                rest->len = (size_t)(e - p);
                goto done;
            }
        }
        tok = p + 1;
    }
#endif
    if (e > tok) {
        t[n].ptr = tok;
        t[n].len = (size_t)(e - tok);
        n++;
    }
    rest->ptr = e;
    rest->len = 0;
done:
    for (k = n; k < max; k++)
        t[k] = no_str;
    return n;
}

/* As UCLOG__IEQ for a literal of lowercase letters only, where setting bit 5
 * of a byte maps exactly its two cases onto the literal's. */
static int ieq_alpha(uclog_str s, const char *lower, size_t n)
{
    size_t i;

    if (s.len != n)
        return 0;
    i = 0;
#ifdef SDP_SWAR
    for (; n - i >= 8; i += 8) {
        uint64_t x, y;
        memcpy(&x, s.ptr + i, 8);
        memcpy(&y, lower + i, 8);
        if ((x | 0x2020202020202020ull) != y)
            return 0;
    }
#endif
    for (; i < n; i++)
        if (((unsigned char)s.ptr[i] | 0x20) != (unsigned char)lower[i])
            return 0;
    return 1;
}

#define IEQ_ALPHA(s, lit) ieq_alpha((s), "" lit, sizeof(lit) - 1)

/* Decimal uint32. 0: ok, 1: not a number, 2: overflow. */
static int parse_u32(uint32_t *out, uclog_str s)
{
    uint64_t v = 0;
    size_t i;

    if (!s.ptr || s.len == 0)
        return 1;
    if (s.len < 10) { /* cannot overflow */
        uint32_t w = 0;
        for (i = 0; i < s.len; i++) {
            unsigned d = (unsigned)((unsigned char)s.ptr[i] - '0');
            if (d > 9)
                return 1;
            w = w * 10 + d;
        }
        *out = w;
        return 0;
    }
    for (i = 0; i < s.len; i++) {
        unsigned d = (unsigned)((unsigned char)s.ptr[i] - '0');

        if (d > 9)
            return 1; /* junk reads as junk even after an overflow */
        if (v <= UINT32_MAX)
            v = v * 10 + d; /* stops growing once too large */
    }
    if (v > UINT32_MAX)
        return 2;
    *out = (uint32_t)v;
    return 0;
}

static int parse_port(uint16_t *out, uclog_str s)
{
    uint32_t v = 0;
    int rc = parse_u32(&v, s);

    if (rc)
        return rc;
    if (v > 65535)
        return 2;
    *out = (uint16_t)v;
    return 0;
}

/* qvalue = "0" ["." 0*3DIGIT] / "1" ["." 0*3"0"], as thousandths. */
static int parse_qvalue(uint32_t *out, uclog_str s)
{
    uint32_t v, scale = 100;
    size_t i;

    if (!s.ptr || s.len == 0 || (s.ptr[0] != '0' && s.ptr[0] != '1'))
        return 1;
    v = (uint32_t)(s.ptr[0] - '0') * 1000;
    if (s.len == 1) {
        *out = v;
        return 0;
    }
    if (s.ptr[1] != '.' || s.len > 5)
        return 1;
    for (i = 2; i < s.len; i++) {
        if (!uclog__is_digit((unsigned char)s.ptr[i]))
            return 1;
        v += (uint32_t)(s.ptr[i] - '0') * scale;
        scale /= 10;
    }
    if (v > 1000)
        return 1;
    *out = v;
    return 0;
}

static int32_t transport_of(uclog_str t)
{
    switch (t.len) {
    case 3:
        if (IEQ_ALPHA(t, "udp"))
            return UCLOG_SDP_TRANSPORT_UDP;
        if (IEQ_ALPHA(t, "tcp"))
            return UCLOG_SDP_TRANSPORT_TCP;
        break;
    case 7:
        if (UCLOG__IEQ(t, "tcp-act"))
            return UCLOG_SDP_TRANSPORT_TCP_ACT;
        break;
    case 8:
        if (UCLOG__IEQ(t, "tcp-pass"))
            return UCLOG_SDP_TRANSPORT_TCP_PASS;
        break;
    default:
        break;
    }
    return UCLOG_SDP_TRANSPORT_OTHER;
}

static int32_t type_of(uclog_str t)
{
    if (IEQ_ALPHA(t, "host"))
        return UCLOG_SDP_CANDIDATE_TYPE_HOST;
    if (t.len == 5) {
        if (IEQ_ALPHA(t, "srflx"))
            return UCLOG_SDP_CANDIDATE_TYPE_SRFLX;
        if (IEQ_ALPHA(t, "prflx"))
            return UCLOG_SDP_CANDIDATE_TYPE_PRFLX;
        if (IEQ_ALPHA(t, "relay"))
            return UCLOG_SDP_CANDIDATE_TYPE_RELAY;
    }
    return UCLOG_SDP_CANDIDATE_TYPE_OTHER;
}

static int valid_address(uclog_str a)
{
    return uclog_addr_family(a.ptr, a.len) != UCLOG_ADDR_INVALID;
}

/* `<nettype> <addrtype> <address>` */
static int parse_connection(uclog_str *addrtype, uclog_str *address, uclog_str v)
{
    uclog_str f[4]; /* net, addrtype, address, and nothing more */

    if (split_tokens(f, 4, &v) != 3)
        return 0;
    if (addrtype)
        *addrtype = f[1];
    if (address)
        *address = f[2];
    return 1;
}

/* `<tag> [<role>] <suite> <params…>`; role only for cryptoscale. */
static int parse_crypto(uint32_t *tag, uclog_str *role, uclog_str *suite, uclog_str *params,
                        uclog_str v, int scale)
{
    uclog_str t = next_token(&v), r = no_str, s;
    uint32_t n = 0;

    if (parse_u32(&n, t) != 0 || t.len > 9)
        return 0;
    if (scale && !(r = next_token(&v)).ptr)
        return 0;
    s = next_token(&v);
    v = uclog__str_trim(v);
    if (!s.ptr || v.len == 0)
        return 0;
    if (tag)
        *tag = n;
    if (role)
        *role = r;
    if (suite)
        *suite = s;
    if (params)
        *params = v;
    return 1;
}

/* `<id>[.<sub>][;reason="…"]…` */
static int parse_diagnostics(uint32_t *id, uclog_str *reason, uclog_str v)
{
    size_t i = 0;
    uint32_t n = 0;
    uclog_str num;
    const char *r;

    v = uclog__str_trim(v);
    while (i < v.len && uclog__is_digit((unsigned char)v.ptr[i]))
        i++;
    num.ptr = v.ptr;
    num.len = i;
    if (parse_u32(&n, num) != 0)
        return 0;
    if (id)
        *id = n;
    if (reason) {
        static const char key[] = "reason=\"";
        size_t k;
        *reason = no_str;
        for (k = i; k + sizeof(key) - 1 <= v.len; k++) {
            uclog_str w;
            w.ptr = v.ptr + k;
            w.len = sizeof(key) - 1;
            if (uclog__str_ieq(w, key)) {
                const char *start = v.ptr + k + w.len;
                size_t left = v.len - k - w.len;
                r = memchr(start, '"', left);
                reason->ptr = start;
                reason->len = r ? (size_t)(r - start) : left;
                break;
            }
        }
    }
    return 1;
}

/* ------------------------------------------------------------------------ */
/* The parse pass                                                            */

struct parser {
    uclog_sdp *sdp;
    const char *line;   /* start of the current line */
    uclog_span lspan;   /* its span */
    size_t media;       /* index + 1 of the current media, 0 at session level */
};

static uclog_span sub_span(const struct parser *p, const char *ptr, size_t len)
{
    uclog_span s = p->lspan;
    size_t d;

    if (!ptr)
        return s;
    d = (size_t)(ptr - p->line);
    s.offset += d;
    s.column += (uint32_t)d;
    s.length = len;
    return s;
}

static int add_defect(struct parser *p, int32_t code, const char *ptr, size_t len)
{
    uclog_sdp *sdp = p->sdp;
    uclog_defect *d;

    if (SDP_GROW(sdp, sdp->defects, sdp->defects_cap, sdp->ndefects + 1, 0))
        return UCLOG_E_NOMEM;
    d = &sdp->defects[sdp->ndefects++];
    memset(d, 0, sizeof(*d));
    d->code = code;
    d->span = sub_span(p, ptr, len);
    return UCLOG_OK;
}

static uclog_sdp_media *cur_media(struct parser *p)
{
    return p->media ? &p->sdp->media[p->media - 1] : NULL;
}

/* `<media> <port>[/<n>] <proto> <fmt>…` */
static int on_media(struct parser *p, uclog_str v)
{
    uclog_sdp *sdp = p->sdp;
    uclog_sdp_media *m;
    uclog_str type, port, proto, num;
    const char *slash;
    int bad = 0;

    if (SDP_GROW(sdp, sdp->media, sdp->media_cap, sdp->nmedia + 1, SDP_IN_BLOCK_MEDIA))
        return UCLOG_E_NOMEM;
    m = &sdp->media[sdp->nmedia++];
    memset(m, 0, sizeof(*m));
    m->sdp = sdp;
    m->first_line = (uint32_t)(sdp->nlines - 1);
    m->first_attr = (uint32_t)sdp->nattrs;
    m->first_cand = (uint32_t)sdp->ncands;
    m->first_remote = (uint32_t)sdp->nremotes;
    if (p->media == 0) {
        sdp->session_lines = sdp->nlines - 1;
        sdp->session_attrs = sdp->nattrs;
    }
    p->media = sdp->nmedia;

    type = next_token(&v);
    port = next_token(&v);
    proto = next_token(&v);
    num = port;
    if (port.ptr && (slash = memchr(port.ptr, '/', port.len)) != NULL)
        num.len = (size_t)(slash - port.ptr);
    if (!type.ptr || !proto.ptr || parse_port(&m->port, num) != 0) {
        m->port = 0;
        bad = 1;
    }
    m->type = type.ptr ? type : no_str;
    m->proto = proto.ptr ? proto : no_str;
    m->formats = uclog__str_trim(v);
    if (bad)
        return add_defect(p, UCLOG_DEFECT_SDP_MEDIA_MALFORMED, NULL, 0);
    return UCLOG_OK;
}

static int store_candidate(struct parser *p, const uclog_sdp_candidate *c)
{
    uclog_sdp *sdp = p->sdp;
    uint64_t limit = uclog__limit(sdp->ctx, UCLOG_LIMIT_MAX_CANDIDATES);

    if (sdp->ncands >= limit) {
        if (sdp->cand_limit_hit)
            return UCLOG_OK;
        sdp->cand_limit_hit = 1;
        return add_defect(p, UCLOG_DEFECT_SDP_TOO_MANY_CANDIDATES, NULL, 0);
    }
    if (c != sdp->cands + sdp->ncands) { /* not parsed in place */
        if (SDP_GROW(sdp, sdp->cands, sdp->cands_cap, sdp->ncands + 1, SDP_IN_BLOCK_CANDS))
            return UCLOG_E_NOMEM;
        sdp->cands[sdp->ncands] = *c;
    }
    sdp->ncands++;
    cur_media(p)->ncands++;
    return UCLOG_OK;
}

/* Draft 6: username comp password transport qvalue address port */
static int on_draft6(struct parser *p, uclog_sdp_candidate *c, const uclog_str *t)
{
    uclog_str extra = t[7];
    int rc;

    c->form = UCLOG_SDP_ICE_DRAFT6;
    c->username = t[0];
    c->password = t[2];
    c->transport_raw = t[3];
    c->transport = transport_of(t[3]);
    c->address = t[5];
    if (extra.ptr)
        return add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED, extra.ptr, extra.len);
    if (parse_u32(&c->component, t[1]) != 0)
        return add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED, t[1].ptr, t[1].len);
    if (parse_qvalue(&c->qvalue, t[4]) != 0)
        return add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_QVALUE_INVALID, t[4].ptr, t[4].len);
    if (!valid_address(t[5]))
        return add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_ADDRESS_INVALID, t[5].ptr, t[5].len);
    rc = parse_port(&c->port, t[6]);
    if (rc)
        return add_defect(p, rc == 1 ? UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED
                                     : UCLOG_DEFECT_SDP_CANDIDATE_PORT_RANGE,
                          t[6].ptr, t[6].len);
    return store_candidate(p, c);
}

/* The pairs after `typ <type>`: raddr/rport are taken, others left in ext. */
static int rfc_extensions(struct parser *p, uclog_sdp_candidate *c, uclog_str rest, int *keep)
{
    uclog_str kv[8];
    int n = 0, i = 0;

    for (;; i += 2) {
        uclog_str name, value;
        int rc;

        if (i == n) { /* the next pairs, four at a time */
            if (n && n < 8)
                return UCLOG_OK;
            n = split_tokens(kv, 8, &rest);
            i = 0;
            if (n == 0)
                return UCLOG_OK;
        }
        name = kv[i];
        if (i + 1 == n)
            return add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_EXTENSION, name.ptr, name.len);
        value = kv[i + 1];
        if (IEQ_ALPHA(name, "raddr")) {
            if (!valid_address(value)) {
                *keep = 0;
                return add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_ADDRESS_INVALID, value.ptr,
                                  value.len);
            }
            c->raddr = value;
            c->has_raddr = 1;
        } else if (IEQ_ALPHA(name, "rport")) {
            rc = parse_port(&c->rport, value);
            if (rc) {
                *keep = 0;
                return add_defect(p, rc == 1 ? UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED
                                             : UCLOG_DEFECT_SDP_CANDIDATE_PORT_RANGE,
                                  value.ptr, value.len);
            }
        }
    }
}

/* RFC 5245: foundation comp transport priority address port typ type [pairs];
 * t[7] is the type, rest what follows it. */
static int on_rfc5245(struct parser *p, uclog_sdp_candidate *c, const uclog_str *t, int n,
                      uclog_str rest)
{
    uclog_str type;
    int rc, keep = 1;

    if (n < 7 || !IEQ_ALPHA(t[6], "typ"))
        return add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED, NULL, 0);
    c->form = UCLOG_SDP_ICE_RFC5245;
    c->foundation = t[0];
    c->transport_raw = t[2];
    c->transport = transport_of(t[2]);
    c->address = t[4];
    if (parse_u32(&c->component, t[1]) != 0)
        return add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED, t[1].ptr, t[1].len);
    rc = parse_u32(&c->priority, t[3]);
    if (rc)
        return add_defect(p, rc == 1 ? UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED
                                     : UCLOG_DEFECT_SDP_CANDIDATE_PRIORITY_RANGE,
                          t[3].ptr, t[3].len);
    if (!valid_address(t[4]))
        return add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_ADDRESS_INVALID, t[4].ptr, t[4].len);
    rc = parse_port(&c->port, t[5]);
    if (rc)
        return add_defect(p, rc == 1 ? UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED
                                     : UCLOG_DEFECT_SDP_CANDIDATE_PORT_RANGE,
                          t[5].ptr, t[5].len);
    type = t[7];
    if (!type.ptr)
        return add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED, t[6].ptr, t[6].len);
    c->type_raw = type;
    c->type = type_of(type);
    c->ext = uclog__str_trim(rest);
    rc = rfc_extensions(p, c, rest, &keep);
    if (rc || !keep)
        return rc;
    return store_candidate(p, c);
}

static int on_candidate(struct parser *p, uclog_str v, int32_t attribute, uclog_str name)
{
    uclog_sdp *sdp = p->sdp;
    uclog_sdp_candidate local, *c = &local;
    uclog_str t[8], rest = v;
    int n;

    if (!p->media)
        return add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_OUTSIDE_MEDIA, name.ptr, name.len);
    /* Parse into the next free slot when there is one (the arrays are sized
     * up front): store_candidate() then has nothing to copy. */
    if (sdp->ncands < sdp->cands_cap)
        c = &sdp->cands[sdp->ncands];
    memset(c, 0, sizeof(*c));
    c->span = p->lspan;
    c->raw = v;
    c->attribute = attribute;
    /* seven fields, and the type (RFC 5245) or a stray eighth token (draft 6) */
    n = split_tokens(t, 8, &rest);
    if (n > 7)
        n = 7;
    if (n == 7 && IEQ_ALPHA(t[6], "typ"))
        return on_rfc5245(p, c, t, n, rest);
    if (n >= 4 && (IEQ_ALPHA(t[3], "udp") || IEQ_ALPHA(t[3], "tcp"))) {
        if (n < 7)
            return add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED, NULL, 0);
        return on_draft6(p, c, t);
    }
    if (n >= 3 && transport_of(t[2]) != UCLOG_SDP_TRANSPORT_OTHER)
        return on_rfc5245(p, c, t, n, rest);
    return add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED, NULL, 0);
}

/* `<comp> <addr> <port>` triples */
static int on_remote_candidates(struct parser *p, uclog_str v)
{
    uclog_sdp *sdp = p->sdp;
    uint64_t limit = uclog__limit(sdp->ctx, UCLOG_LIMIT_MAX_CANDIDATES);
    uclog_sdp_media *m = cur_media(p);

    if (!m)
        return add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_OUTSIDE_MEDIA, NULL, 0);
    for (;;) {
        struct sdp_remote r;
        uclog_str comp = next_token(&v), addr, port;

        if (!comp.ptr)
            return UCLOG_OK;
        addr = next_token(&v);
        port = next_token(&v);
        if (!addr.ptr || !port.ptr || parse_u32(&r.component, comp) != 0 ||
            !valid_address(addr) || parse_port(&r.port, port) != 0)
            return add_defect(p, UCLOG_DEFECT_SDP_REMOTE_CANDIDATES_MALFORMED, comp.ptr,
                              (size_t)(v.ptr - comp.ptr));
        if (m->nremotes >= limit)
            return add_defect(p, UCLOG_DEFECT_SDP_TOO_MANY_CANDIDATES, comp.ptr, comp.len);
        r.address = addr;
        if (SDP_GROW(sdp, sdp->remotes, sdp->remotes_cap, sdp->nremotes + 1, 0))
            return UCLOG_E_NOMEM;
        sdp->remotes[sdp->nremotes++] = r;
        m->nremotes++;
    }
}

static int on_attribute(struct parser *p, uclog_str v)
{
    uclog_sdp *sdp = p->sdp;
    struct sdp_attr *a;
    const char *colon = memchr(v.ptr, ':', v.len);
    uclog_str name = v, value = no_str;

    if (colon) {
        name.len = (size_t)(colon - v.ptr);
        value.ptr = colon + 1;
        value.len = v.len - name.len - 1;
    }
    if (SDP_GROW(sdp, sdp->attrs, sdp->attrs_cap, sdp->nattrs + 1, SDP_IN_BLOCK_ATTRS))
        return UCLOG_E_NOMEM;
    a = &sdp->attrs[sdp->nattrs++];
    a->name = name;
    a->value = value;
    a->line = (uint32_t)(sdp->nlines - 1);
    if (p->media)
        cur_media(p)->nattrs++;
    if (!value.ptr)
        return UCLOG_OK;

    /* Dispatch on the name's length first: most attributes match none. */
    switch (name.len) {
    case 9:
        if (IEQ_ALPHA(name, "candidate"))
            return on_candidate(p, value, UCLOG_SDP_CANDIDATE_ATTR, name);
        break;
    case 16:
        if (UCLOG__IEQ(name, "x-candidate-ipv6"))
            return on_candidate(p, value, UCLOG_SDP_CANDIDATE_X_IPV6, name);
        break;
    case 17:
        if (UCLOG__IEQ(name, "remote-candidates"))
            return on_remote_candidates(p, value);
        break;
    case 10:
        if (IEQ_ALPHA(name, "encryption")) {
            uclog_str e = uclog__str_trim(value);
            if (!IEQ_ALPHA(e, "required") && !IEQ_ALPHA(e, "optional") && !IEQ_ALPHA(e, "rejected"))
                return add_defect(p, UCLOG_DEFECT_SDP_ENCRYPTION_UNKNOWN, value.ptr, value.len);
        }
        break;
    case 6:
    case 11:
        if (IEQ_ALPHA(name, "crypto") || IEQ_ALPHA(name, "cryptoscale")) {
            if (!parse_crypto(NULL, NULL, NULL, NULL, value, name.len == 11))
                return add_defect(p, UCLOG_DEFECT_SDP_CRYPTO_MALFORMED, value.ptr, value.len);
        }
        break;
    case 20:
        if (UCLOG__IEQ(name, "x-ms-sdp-diagnostics") && !parse_diagnostics(NULL, NULL, value))
            return add_defect(p, UCLOG_DEFECT_SDP_DIAGNOSTICS_MALFORMED, value.ptr, value.len);
        break;
    default:
        break;
    }
    return UCLOG_OK;
}

static int on_line(struct parser *p, uclog_str text)
{
    uclog_sdp *sdp = p->sdp;
    struct sdp_line *l;
    unsigned char t = (unsigned char)text.ptr[0];
    uclog_str v;

    if (text.len < 2 || text.ptr[1] != '=' || !((t >= 'a' && t <= 'z') || (t >= 'A' && t <= 'Z')))
        return add_defect(p, UCLOG_DEFECT_SDP_LINE_MALFORMED, NULL, 0);
    v.ptr = text.ptr + 2;
    v.len = text.len - 2;
    if (SDP_GROW(sdp, sdp->lines, sdp->lines_cap, sdp->nlines + 1, SDP_IN_BLOCK_LINES))
        return UCLOG_E_NOMEM;
    l = &sdp->lines[sdp->nlines++];
    l->type = t;
    l->value = v;
    l->span = p->lspan;
    if (p->media && t != 'm')
        cur_media(p)->nlines++;

    switch (t) {
    case 'm':
        return on_media(p, v);
    case 'a':
        return on_attribute(p, v);
    case 'c':
        if (!parse_connection(NULL, NULL, v))
            return add_defect(p, UCLOG_DEFECT_SDP_CONNECTION_MALFORMED, NULL, 0);
        return UCLOG_OK;
    case 'o': {
        uclog_str rest = v, f[7];
        if (split_tokens(f, 7, &rest) != 6)
            return add_defect(p, UCLOG_DEFECT_SDP_ORIGIN_MALFORMED, NULL, 0);
        return UCLOG_OK;
    }
    default:
        return UCLOG_OK;
    }
}

/* Upper bounds of the lines, attributes, media and candidates a body can
 * store, from one memchr pass over it, so that the object and its arrays
 * take one allocation instead of arrays grown line by line. */
#define SDP_LINE_ENDS 128

struct sdp_sizes {
    size_t lines, attrs, media, cands;
    /* where the first lines end (their '\n', or the body's length), so
     * that the parse pass need not search for them again */
    size_t ends[SDP_LINE_ENDS], nends;
};

static void count_body(struct sdp_sizes *z, const uclog_ctx *ctx, const char *data, size_t len)
{
    uint64_t max_lines = uclog__limit(ctx, UCLOG_LIMIT_MAX_SDP_LINES);
    uint64_t max_cands = uclog__limit(ctx, UCLOG_LIMIT_MAX_CANDIDATES);
    const char *s = data, *e = data + len;

    z->lines = z->attrs = z->media = z->cands = z->nends = 0;
    while (s < e) {
        const char *nl = memchr(s, '\n', (size_t)(e - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(e - s);

        if (z->nends < SDP_LINE_ENDS)
            z->ends[z->nends++] = (size_t)(s - data) + n;
        if (n >= 2 && s[1] == '=') {
            z->lines++;
            if (s[0] == 'a') {
                unsigned char c = n > 2 ? (unsigned char)(s[2] | 0x20) : 0;
                z->attrs++;
                z->cands += c == 'c' || c == 'x';
            } else if (s[0] == 'm') {
                z->media++;
            }
        }
        s = nl ? nl + 1 : e;
    }
    if ((uint64_t)z->lines > max_lines)
        z->lines = (size_t)max_lines;
    if (z->attrs > z->lines)
        z->attrs = z->lines;
    if (z->media > z->lines)
        z->media = z->lines;
    if ((uint64_t)z->cands > max_cands)
        z->cands = (size_t)max_cands;
    if (z->cands > z->attrs)
        z->cands = z->attrs;
}

/* *total += n * elem, or 0 on overflow. */
static int add_array(size_t *total, size_t n, size_t elem)
{
    if (n > (SIZE_MAX - *total) / elem)
        return 0;
    *total += n * elem;
    return 1;
}

/* The object and its four arrays in one block (every element size is a
 * multiple of the alignment the next array needs). */
static uclog_sdp *new_sdp(uclog_ctx *ctx, const struct sdp_sizes *z)
{
    size_t total = sizeof(uclog_sdp), at_lines, at_attrs, at_media, at_cands;
    uclog_sdp *sdp;
    char *b;

    at_lines = total;
    if (!add_array(&total, z->lines, sizeof(struct sdp_line)))
        return NULL;
    at_attrs = total;
    if (!add_array(&total, z->attrs, sizeof(struct sdp_attr)))
        return NULL;
    at_media = total;
    if (!add_array(&total, z->media, sizeof(uclog_sdp_media)))
        return NULL;
    at_cands = total;
    if (!add_array(&total, z->cands, sizeof(uclog_sdp_candidate)))
        return NULL;
    b = uclog__malloc(ctx, total);
    if (!b)
        return NULL;
    sdp = (uclog_sdp *)(void *)b;
    memset(sdp, 0, sizeof(*sdp));
    sdp->ctx = ctx;
    sdp->in_block = SDP_IN_BLOCK_LINES | SDP_IN_BLOCK_ATTRS | SDP_IN_BLOCK_MEDIA |
                    SDP_IN_BLOCK_CANDS;
    sdp->lines = z->lines ? (struct sdp_line *)(void *)(b + at_lines) : NULL;
    sdp->lines_cap = z->lines;
    sdp->attrs = z->attrs ? (struct sdp_attr *)(void *)(b + at_attrs) : NULL;
    sdp->attrs_cap = z->attrs;
    sdp->media = z->media ? (uclog_sdp_media *)(void *)(b + at_media) : NULL;
    sdp->media_cap = z->media;
    sdp->cands = z->cands ? (uclog_sdp_candidate *)(void *)(b + at_cands) : NULL;
    sdp->cands_cap = z->cands;
    return sdp;
}

/* A line of blanks only (spaces, tabs, CR), which is skipped. */
static int blank_line(uclog_str text)
{
    size_t i;

    for (i = 0; i < text.len; i++) {
        char c = text.ptr[i];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return 0;
    }
    return 1;
}

static int parse_body(struct parser *p, const char *data, size_t len, const struct sdp_sizes *z)
{
    uclog_sdp *sdp = p->sdp;
    uint64_t max_lines = uclog__limit(sdp->ctx, UCLOG_LIMIT_MAX_SDP_LINES);
    uint64_t seen = 0;
    size_t off = 0;
    uint32_t lineno = 0;

    while (off < len) {
        const char *start = data + off;
        const char *nl;
        size_t n;

        if (lineno < z->nends) {
            size_t end = z->ends[lineno];
            nl = end < len ? data + end : NULL;
        } else {
            nl = memchr(start, '\n', len - off);
        }
        n = nl ? (size_t)(nl - start) : len - off;
        uclog_str text;
        int rc;

        text.ptr = start;
        text.len = n && start[n - 1] == '\r' ? n - 1 : n;
        p->line = start;
        p->lspan = sdp->span;
        p->lspan.offset += off;
        p->lspan.length = text.len;
        p->lspan.line = sdp->span.line + lineno;
        p->lspan.column = lineno ? 1 : sdp->span.column;
        off += nl ? n + 1 : n;
        lineno++;
        if (blank_line(text))
            continue;
        if (++seen > max_lines)
            return add_defect(p, UCLOG_DEFECT_SDP_TOO_MANY_LINES, NULL, 0);
        rc = on_line(p, text);
        if (rc)
            return rc;
    }
    return UCLOG_OK;
}

int uclog_sdp_parse(uclog_sdp **out, uclog_ctx *ctx, const char *data, size_t len,
                    const uclog_span *base)
{
    struct parser p;
    struct sdp_sizes z;
    uclog_sdp *sdp;
    int rc;

    if (out)
        *out = NULL;
    if (!out || !ctx || (!data && len))
        return UCLOG_E_INVALID_ARG;
    count_body(&z, ctx, data ? data : "", len);
    sdp = new_sdp(ctx, &z);
    if (!sdp)
        return uclog__error(ctx, UCLOG_E_NOMEM, NULL, "out of memory parsing SDP");
    if (base)
        sdp->span = *base;
    sdp->span.reserved = 0;
    sdp->span.length = len;
    if (sdp->span.line == 0)
        sdp->span.line = 1;
    if (sdp->span.column == 0)
        sdp->span.column = 1;

    memset(&p, 0, sizeof(p));
    p.sdp = sdp;
    rc = parse_body(&p, data ? data : "", len, &z);
    if (rc) {
        uclog_sdp_free(sdp);
        return uclog__error(ctx, rc, NULL, "out of memory parsing SDP");
    }
    if (p.media == 0) {
        sdp->session_lines = sdp->nlines;
        sdp->session_attrs = sdp->nattrs;
    }
    *out = sdp;
    return UCLOG_OK;
}

void uclog_sdp_free(uclog_sdp *sdp)
{
    const uclog_ctx *ctx;

    if (!sdp)
        return;
    ctx = sdp->ctx;
    if (!(sdp->in_block & SDP_IN_BLOCK_LINES))
        uclog__free(ctx, sdp->lines);
    if (!(sdp->in_block & SDP_IN_BLOCK_ATTRS))
        uclog__free(ctx, sdp->attrs);
    if (!(sdp->in_block & SDP_IN_BLOCK_MEDIA))
        uclog__free(ctx, sdp->media);
    if (!(sdp->in_block & SDP_IN_BLOCK_CANDS))
        uclog__free(ctx, sdp->cands);
    uclog__free(ctx, sdp->remotes);
    uclog__free(ctx, sdp->defects);
    uclog__free(ctx, sdp);
}

/* ------------------------------------------------------------------------ */
/* Body, lines, defects                                                      */

void uclog_sdp_span(uclog_span *out, const uclog_sdp *sdp)
{
    if (!out)
        return;
    if (!sdp) {
        memset(out, 0, sizeof(*out));
        return;
    }
    *out = sdp->span;
}

uint32_t uclog_sdp_line_count(const uclog_sdp *sdp)
{
    return sdp ? (uint32_t)sdp->nlines : 0;
}

int uclog_sdp_line(int32_t *type, uclog_str *value, uclog_span *span, const uclog_sdp *sdp,
                   uint32_t i)
{
    if (!sdp)
        return UCLOG_E_INVALID_ARG;
    if (i >= sdp->nlines)
        return UCLOG_E_RANGE;
    if (type)
        *type = sdp->lines[i].type;
    if (value)
        *value = sdp->lines[i].value;
    if (span)
        *span = sdp->lines[i].span;
    return UCLOG_OK;
}

uint32_t uclog_sdp_defect_count(const uclog_sdp *sdp)
{
    return sdp ? (uint32_t)sdp->ndefects : 0;
}

int uclog_sdp_defect(uclog_defect *out, const uclog_sdp *sdp, uint32_t i)
{
    if (!out || !sdp)
        return UCLOG_E_INVALID_ARG;
    if (i >= sdp->ndefects)
        return UCLOG_E_RANGE;
    *out = sdp->defects[i];
    return UCLOG_OK;
}

/* ------------------------------------------------------------------------ */
/* Lookups shared by session and media levels                                */

static int find_line(uclog_str *out, const uclog_sdp *sdp, size_t first, size_t n, int32_t type)
{
    size_t i;

    if (out)
        *out = no_str;
    for (i = first; i < first + n; i++) {
        if (sdp->lines[i].type == type) {
            if (out)
                *out = sdp->lines[i].value;
            return UCLOG_OK;
        }
    }
    return UCLOG_E_NOT_FOUND;
}

static int find_conn(uclog_str *addrtype, uclog_str *address, const uclog_sdp *sdp, size_t first,
                     size_t n)
{
    size_t i;

    for (i = first; i < first + n; i++)
        if (sdp->lines[i].type == 'c' && parse_connection(addrtype, address, sdp->lines[i].value))
            return UCLOG_OK;
    return UCLOG_E_NOT_FOUND;
}

static int get_attr(uclog_str *name, uclog_str *value, uclog_span *span, const uclog_sdp *sdp,
                    size_t first, size_t n, uint32_t i)
{
    const struct sdp_attr *a;

    if (i >= n)
        return UCLOG_E_RANGE;
    a = &sdp->attrs[first + i];
    if (name)
        *name = a->name;
    if (value)
        *value = a->value;
    if (span)
        *span = sdp->lines[a->line].span;
    return UCLOG_OK;
}

static int find_attr(uclog_str *value, uint32_t *index, const uclog_sdp *sdp, size_t first,
                     size_t n, const char *name, uint32_t from)
{
    size_t i;

    if (value)
        *value = no_str;
    if (!name)
        return UCLOG_E_INVALID_ARG;
    for (i = from; i < n; i++) {
        if (uclog__str_ieq(sdp->attrs[first + i].name, name)) {
            if (value)
                *value = sdp->attrs[first + i].value;
            if (index)
                *index = (uint32_t)i;
            return UCLOG_OK;
        }
    }
    return UCLOG_E_NOT_FOUND;
}

/* ------------------------------------------------------------------------ */
/* Session level                                                             */

int uclog_sdp_session_line(uclog_str *out, const uclog_sdp *sdp, int32_t type)
{
    if (out)
        *out = no_str;
    if (!sdp)
        return UCLOG_E_INVALID_ARG;
    return find_line(out, sdp, 0, sdp->session_lines, type);
}

int uclog_sdp_origin(uclog_str *username, uclog_str *sess_id, uclog_str *sess_version,
                     uclog_str *addrtype, uclog_str *address, const uclog_sdp *sdp)
{
    size_t i;

    if (!sdp)
        return UCLOG_E_INVALID_ARG;
    for (i = 0; i < sdp->session_lines; i++) {
        uclog_str rest = sdp->lines[i].value, f[6];
        int k;

        if (sdp->lines[i].type != 'o')
            continue;
        for (k = 0; k < 6; k++)
            if (!(f[k] = next_token(&rest)).ptr)
                break;
        if (k < 6 || next_token(&rest).ptr)
            continue;
        if (username)
            *username = f[0];
        if (sess_id)
            *sess_id = f[1];
        if (sess_version)
            *sess_version = f[2];
        if (addrtype)
            *addrtype = f[4];
        if (address)
            *address = f[5];
        return UCLOG_OK;
    }
    return UCLOG_E_NOT_FOUND;
}

int uclog_sdp_connection(uclog_str *addrtype, uclog_str *address, const uclog_sdp *sdp)
{
    if (!sdp)
        return UCLOG_E_INVALID_ARG;
    return find_conn(addrtype, address, sdp, 0, sdp->session_lines);
}

uint32_t uclog_sdp_attr_count(const uclog_sdp *sdp)
{
    return sdp ? (uint32_t)sdp->session_attrs : 0;
}

int uclog_sdp_attr(uclog_str *name, uclog_str *value, uclog_span *span, const uclog_sdp *sdp,
                   uint32_t i)
{
    if (!sdp)
        return UCLOG_E_INVALID_ARG;
    return get_attr(name, value, span, sdp, 0, sdp->session_attrs, i);
}

int uclog_sdp_attr_find(uclog_str *value, uint32_t *index, const uclog_sdp *sdp, const char *name,
                        uint32_t from)
{
    if (!sdp)
        return UCLOG_E_INVALID_ARG;
    return find_attr(value, index, sdp, 0, sdp->session_attrs, name, from);
}

/* ------------------------------------------------------------------------ */
/* Media                                                                     */

uint32_t uclog_sdp_media_count(const uclog_sdp *sdp)
{
    return sdp ? (uint32_t)sdp->nmedia : 0;
}

int uclog_sdp_media_get(const uclog_sdp_media **out, const uclog_sdp *sdp, uint32_t i)
{
    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!sdp)
        return UCLOG_E_INVALID_ARG;
    if (i >= sdp->nmedia)
        return UCLOG_E_RANGE;
    *out = &sdp->media[i];
    return UCLOG_OK;
}

void uclog_sdp_media_span(uclog_span *out, const uclog_sdp_media *media)
{
    const uclog_span *first, *last;

    if (!out)
        return;
    memset(out, 0, sizeof(*out));
    if (!media)
        return;
    first = &media->sdp->lines[media->first_line].span;
    last = &media->sdp->lines[media->first_line + media->nlines].span;
    *out = *first;
    out->length = last->offset + last->length - first->offset;
}

void uclog_sdp_media_type(uclog_str *out, const uclog_sdp_media *media)
{
    if (out)
        *out = media ? media->type : no_str;
}

uint16_t uclog_sdp_media_port(const uclog_sdp_media *media)
{
    return media ? media->port : 0;
}

void uclog_sdp_media_proto(uclog_str *out, const uclog_sdp_media *media)
{
    if (out)
        *out = media ? media->proto : no_str;
}

uint32_t uclog_sdp_media_format_count(const uclog_sdp_media *media)
{
    uclog_str rest;
    uint32_t n = 0;

    if (!media)
        return 0;
    rest = media->formats;
    while (next_token(&rest).ptr)
        n++;
    return n;
}

int uclog_sdp_media_format(uclog_str *out, const uclog_sdp_media *media, uint32_t i)
{
    uclog_str rest, t;
    uint32_t k = 0;

    if (out)
        *out = no_str;
    if (!media)
        return UCLOG_E_INVALID_ARG;
    rest = media->formats;
    while ((t = next_token(&rest)).ptr) {
        if (k++ == i) {
            if (out)
                *out = t;
            return UCLOG_OK;
        }
    }
    return UCLOG_E_RANGE;
}

/* Lines of the media after its m= line (the m= line itself is first_line). */
int uclog_sdp_media_line(uclog_str *out, const uclog_sdp_media *media, int32_t type)
{
    if (out)
        *out = no_str;
    if (!media)
        return UCLOG_E_INVALID_ARG;
    return find_line(out, media->sdp, media->first_line, media->nlines + 1, type);
}

int uclog_sdp_media_connection(uclog_str *addrtype, uclog_str *address,
                               const uclog_sdp_media *media)
{
    if (!media)
        return UCLOG_E_INVALID_ARG;
    if (find_conn(addrtype, address, media->sdp, media->first_line + 1, media->nlines) == 0)
        return UCLOG_OK;
    return find_conn(addrtype, address, media->sdp, 0, media->sdp->session_lines);
}

uint32_t uclog_sdp_media_attr_count(const uclog_sdp_media *media)
{
    return media ? media->nattrs : 0;
}

int uclog_sdp_media_attr(uclog_str *name, uclog_str *value, uclog_span *span,
                         const uclog_sdp_media *media, uint32_t i)
{
    if (!media)
        return UCLOG_E_INVALID_ARG;
    return get_attr(name, value, span, media->sdp, media->first_attr, media->nattrs, i);
}

int uclog_sdp_media_attr_find(uclog_str *value, uint32_t *index, const uclog_sdp_media *media,
                              const char *name, uint32_t from)
{
    if (!media)
        return UCLOG_E_INVALID_ARG;
    return find_attr(value, index, media->sdp, media->first_attr, media->nattrs, name, from);
}

/* A media attribute, else the session one. */
static int find_attr_fallback(uclog_str *value, const uclog_sdp_media *media, const char *name)
{
    if (!media)
        return UCLOG_E_INVALID_ARG;
    if (uclog_sdp_media_attr_find(value, NULL, media, name, 0) == 0)
        return UCLOG_OK;
    return uclog_sdp_attr_find(value, NULL, media->sdp, name, 0);
}

int uclog_sdp_media_ice_ufrag(uclog_str *out, const uclog_sdp_media *media)
{
    return find_attr_fallback(out, media, "ice-ufrag");
}

int uclog_sdp_media_ice_pwd(uclog_str *out, const uclog_sdp_media *media)
{
    return find_attr_fallback(out, media, "ice-pwd");
}

int uclog_sdp_media_encryption(int32_t *level, uclog_str *raw, const uclog_sdp_media *media)
{
    uclog_str v = {NULL, 0};
    int rc = find_attr_fallback(&v, media, "encryption");

    if (raw)
        *raw = v;
    if (rc)
        return rc;
    v = uclog__str_trim(v);
    if (level) {
        if (uclog__str_ieq(v, "required"))
            *level = UCLOG_SDP_ENCRYPTION_REQUIRED;
        else if (uclog__str_ieq(v, "optional"))
            *level = UCLOG_SDP_ENCRYPTION_OPTIONAL;
        else if (uclog__str_ieq(v, "rejected"))
            *level = UCLOG_SDP_ENCRYPTION_REJECTED;
        else
            *level = UCLOG_SDP_ENCRYPTION_OTHER;
    }
    return UCLOG_OK;
}

int uclog_sdp_media_key(uclog_str *method, uclog_str *key, const uclog_sdp_media *media)
{
    uclog_str v;
    const char *colon;

    if (method)
        *method = no_str;
    if (key)
        *key = no_str;
    if (!media)
        return UCLOG_E_INVALID_ARG;
    if (find_line(&v, media->sdp, media->first_line + 1, media->nlines, 'k') != 0 &&
        find_line(&v, media->sdp, 0, media->sdp->session_lines, 'k') != 0)
        return UCLOG_E_NOT_FOUND;
    colon = memchr(v.ptr, ':', v.len);
    if (method) {
        method->ptr = v.ptr;
        method->len = colon ? (size_t)(colon - v.ptr) : v.len;
    }
    if (key && colon) {
        key->ptr = colon + 1;
        key->len = v.len - (size_t)(colon - v.ptr) - 1;
    }
    return UCLOG_OK;
}

/* Walk the well-formed crypto/cryptoscale attributes; fill the i-th. */
static int crypto_walk(int32_t *kind, uint32_t *tag, uclog_str *role, uclog_str *suite,
                       uclog_str *params, const uclog_sdp_media *media, uint32_t i,
                       uint32_t *count)
{
    uint32_t k, n = 0;

    for (k = 0; k < media->nattrs; k++) {
        const struct sdp_attr *a = &media->sdp->attrs[media->first_attr + k];
        int scale;

        if (uclog__str_ieq(a->name, "crypto"))
            scale = 0;
        else if (uclog__str_ieq(a->name, "cryptoscale"))
            scale = 1;
        else
            continue;
        if (!a->value.ptr || !parse_crypto(NULL, NULL, NULL, NULL, a->value, scale))
            continue;
        if (!count && n == i) {
            if (kind)
                *kind = scale ? UCLOG_SDP_CRYPTO_SCALE : UCLOG_SDP_CRYPTO_SDES;
            parse_crypto(tag, role, suite, params, a->value, scale);
            return UCLOG_OK;
        }
        n++;
    }
    if (count)
        *count = n;
    return count ? UCLOG_OK : UCLOG_E_RANGE;
}

uint32_t uclog_sdp_media_crypto_count(const uclog_sdp_media *media)
{
    uint32_t n = 0;

    if (!media)
        return 0;
    crypto_walk(NULL, NULL, NULL, NULL, NULL, media, 0, &n);
    return n;
}

int uclog_sdp_media_crypto(int32_t *kind, uint32_t *tag, uclog_str *role, uclog_str *suite,
                           uclog_str *params, const uclog_sdp_media *media, uint32_t i)
{
    if (role)
        *role = no_str;
    if (!media)
        return UCLOG_E_INVALID_ARG;
    return crypto_walk(kind, tag, role, suite, params, media, i, NULL);
}

static int diag_in(uint32_t *error_id, uclog_str *reason, uclog_str *raw, const uclog_sdp *sdp,
                   size_t first, size_t n)
{
    size_t k;

    for (k = first; k < first + n; k++) {
        const struct sdp_attr *a = &sdp->attrs[k];
        if (!uclog__str_ieq(a->name, "x-ms-SDP-diagnostics") || !a->value.ptr ||
            !parse_diagnostics(error_id, reason, a->value))
            continue;
        if (raw)
            *raw = a->value;
        return UCLOG_OK;
    }
    return UCLOG_E_NOT_FOUND;
}

int uclog_sdp_media_diagnostics(uint32_t *error_id, uclog_str *reason, uclog_str *raw,
                                const uclog_sdp_media *media)
{
    if (reason)
        *reason = no_str;
    if (raw)
        *raw = no_str;
    if (!media)
        return UCLOG_E_INVALID_ARG;
    if (diag_in(error_id, reason, raw, media->sdp, media->first_attr, media->nattrs) == 0)
        return UCLOG_OK;
    return diag_in(error_id, reason, raw, media->sdp, 0, media->sdp->session_attrs);
}

int uclog_sdp_media_remote_username(uclog_str *out, const uclog_sdp_media *media)
{
    uclog_str v;
    int rc;

    if (out)
        *out = no_str;
    if (!media)
        return UCLOG_E_INVALID_ARG;
    rc = uclog_sdp_media_attr_find(&v, NULL, media, "remote-candidate", 0);
    if (rc == 0 && out)
        *out = uclog__str_trim(v);
    return rc;
}

uint32_t uclog_sdp_media_remote_count(const uclog_sdp_media *media)
{
    return media ? media->nremotes : 0;
}

int uclog_sdp_media_remote(uint32_t *component, uclog_str *address, uint16_t *port,
                           const uclog_sdp_media *media, uint32_t i)
{
    const struct sdp_remote *r;

    if (!media)
        return UCLOG_E_INVALID_ARG;
    if (i >= media->nremotes)
        return UCLOG_E_RANGE;
    r = &media->sdp->remotes[media->first_remote + i];
    if (component)
        *component = r->component;
    if (address)
        *address = r->address;
    if (port)
        *port = r->port;
    return UCLOG_OK;
}

/* ------------------------------------------------------------------------ */
/* Candidates                                                                */

uint32_t uclog_sdp_candidate_count(const uclog_sdp_media *media)
{
    return media ? media->ncands : 0;
}

int uclog_sdp_candidate_get(const uclog_sdp_candidate **out, const uclog_sdp_media *media,
                            uint32_t i)
{
    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!media)
        return UCLOG_E_INVALID_ARG;
    if (i >= media->ncands)
        return UCLOG_E_RANGE;
    *out = &media->sdp->cands[media->first_cand + i];
    return UCLOG_OK;
}

void uclog_sdp_candidate_span(uclog_span *out, const uclog_sdp_candidate *cand)
{
    if (!out)
        return;
    if (!cand)
        memset(out, 0, sizeof(*out));
    else
        *out = cand->span;
}

#define CAND_STR(fn, field)                                                    \
    void fn(uclog_str *out, const uclog_sdp_candidate *cand)                   \
    {                                                                          \
        if (out)                                                               \
            *out = cand ? cand->field : no_str;                                \
    }

CAND_STR(uclog_sdp_candidate_raw, raw)
CAND_STR(uclog_sdp_candidate_transport_raw, transport_raw)
CAND_STR(uclog_sdp_candidate_address, address)
CAND_STR(uclog_sdp_candidate_type_raw, type_raw)
CAND_STR(uclog_sdp_candidate_foundation, foundation)
CAND_STR(uclog_sdp_candidate_username, username)
CAND_STR(uclog_sdp_candidate_password, password)

int32_t uclog_sdp_candidate_form(const uclog_sdp_candidate *cand)
{
    return cand ? cand->form : 0;
}

int32_t uclog_sdp_candidate_attribute(const uclog_sdp_candidate *cand)
{
    return cand ? cand->attribute : 0;
}

uint32_t uclog_sdp_candidate_component(const uclog_sdp_candidate *cand)
{
    return cand ? cand->component : 0;
}

int32_t uclog_sdp_candidate_transport(const uclog_sdp_candidate *cand)
{
    return cand ? cand->transport : UCLOG_SDP_TRANSPORT_OTHER;
}

int uclog_sdp_candidate_priority(uint32_t *out, const uclog_sdp_candidate *cand)
{
    if (!out || !cand)
        return UCLOG_E_INVALID_ARG;
    *out = 0;
    if (cand->form != UCLOG_SDP_ICE_RFC5245)
        return UCLOG_E_NOT_FOUND;
    *out = cand->priority;
    return UCLOG_OK;
}

int uclog_sdp_candidate_qvalue(uint32_t *out, const uclog_sdp_candidate *cand)
{
    if (!out || !cand)
        return UCLOG_E_INVALID_ARG;
    *out = 0;
    if (cand->form != UCLOG_SDP_ICE_DRAFT6)
        return UCLOG_E_NOT_FOUND;
    *out = cand->qvalue;
    return UCLOG_OK;
}

uint16_t uclog_sdp_candidate_port(const uclog_sdp_candidate *cand)
{
    return cand ? cand->port : 0;
}

int32_t uclog_sdp_candidate_type(const uclog_sdp_candidate *cand)
{
    return cand ? cand->type : UCLOG_SDP_CANDIDATE_TYPE_UNKNOWN;
}

int uclog_sdp_candidate_related(uclog_str *raddr, uint16_t *rport, const uclog_sdp_candidate *cand)
{
    if (raddr)
        *raddr = no_str;
    if (rport)
        *rport = 0;
    if (!cand)
        return UCLOG_E_INVALID_ARG;
    if (!cand->has_raddr)
        return UCLOG_E_NOT_FOUND;
    if (raddr)
        *raddr = cand->raddr;
    if (rport)
        *rport = cand->rport;
    return UCLOG_OK;
}

/* Walk the extension pairs other than raddr/rport; fill the i-th (or the named one). */
static int ext_walk(uclog_str *name, uclog_str *value, const uclog_sdp_candidate *cand,
                    uint32_t i, const char *want, uint32_t *count)
{
    uclog_str rest = cand->ext;
    uint32_t n = 0;

    for (;;) {
        uclog_str k = next_token(&rest), v;

        if (!k.ptr)
            break;
        v = next_token(&rest);
        if (!v.ptr)
            break;
        if (uclog__str_ieq(k, "raddr") || uclog__str_ieq(k, "rport"))
            continue;
        if ((want && uclog__str_ieq(k, want)) || (!want && !count && n == i)) {
            if (name)
                *name = k;
            if (value)
                *value = v;
            return UCLOG_OK;
        }
        n++;
    }
    if (count)
        *count = n;
    return count ? UCLOG_OK : want ? UCLOG_E_NOT_FOUND : UCLOG_E_RANGE;
}

uint32_t uclog_sdp_candidate_ext_count(const uclog_sdp_candidate *cand)
{
    uint32_t n = 0;

    if (!cand)
        return 0;
    ext_walk(NULL, NULL, cand, 0, NULL, &n);
    return n;
}

int uclog_sdp_candidate_ext(uclog_str *name, uclog_str *value, const uclog_sdp_candidate *cand,
                            uint32_t i)
{
    if (name)
        *name = no_str;
    if (value)
        *value = no_str;
    if (!cand)
        return UCLOG_E_INVALID_ARG;
    return ext_walk(name, value, cand, i, NULL, NULL);
}

int uclog_sdp_candidate_ext_find(uclog_str *value, const uclog_sdp_candidate *cand,
                                 const char *name)
{
    if (value)
        *value = no_str;
    if (!cand || !name)
        return UCLOG_E_INVALID_ARG;
    return ext_walk(NULL, value, cand, 0, name, NULL);
}

/* ------------------------------------------------------------------------ */
/* Names                                                                     */

const char *uclog_sdp_transport_name(int32_t transport)
{
    switch (transport) {
    case UCLOG_SDP_TRANSPORT_UDP: return "UDP";
    case UCLOG_SDP_TRANSPORT_TCP: return "TCP";
    case UCLOG_SDP_TRANSPORT_TCP_ACT: return "TCP-ACT";
    case UCLOG_SDP_TRANSPORT_TCP_PASS: return "TCP-PASS";
    default: return "OTHER";
    }
}

const char *uclog_sdp_candidate_type_name(int32_t type)
{
    switch (type) {
    case UCLOG_SDP_CANDIDATE_TYPE_HOST: return "host";
    case UCLOG_SDP_CANDIDATE_TYPE_SRFLX: return "srflx";
    case UCLOG_SDP_CANDIDATE_TYPE_PRFLX: return "prflx";
    case UCLOG_SDP_CANDIDATE_TYPE_RELAY: return "relay";
    case UCLOG_SDP_CANDIDATE_TYPE_OTHER: return "other";
    default: return "unknown";
    }
}

static const struct {
    const char *name;
    const char *text;
} sdp_defects[] = {
    {"SDP_LINE_MALFORMED", "SDP line is not <letter>=<value>"},
    {"SDP_TOO_MANY_LINES", "more SDP lines than the limit; the rest was ignored"},
    {"SDP_ORIGIN_MALFORMED", "o= line without its six fields"},
    {"SDP_CONNECTION_MALFORMED", "c= line is not <nettype> <addrtype> <address>"},
    {"SDP_MEDIA_MALFORMED", "m= line with missing fields or a bad port"},
    {"SDP_CANDIDATE_MALFORMED", "candidate with missing fields or a bad component or transport"},
    {"SDP_CANDIDATE_PORT_RANGE", "candidate port not in 0-65535"},
    {"SDP_CANDIDATE_PRIORITY_RANGE", "candidate priority not a 32-bit number"},
    {"SDP_CANDIDATE_QVALUE_INVALID", "draft-6 candidate qvalue is not 0[.ddd] or 1[.000]"},
    {"SDP_CANDIDATE_ADDRESS_INVALID", "candidate address is not IPv4, IPv6 or a host name"},
    {"SDP_CANDIDATE_EXTENSION", "candidate extension name without a value"},
    {"SDP_TOO_MANY_CANDIDATES", "more candidates than the limit; the rest was not stored"},
    {"SDP_CANDIDATE_OUTSIDE_MEDIA", "candidate before the first m= line"},
    {"SDP_REMOTE_CANDIDATES_MALFORMED", "remote-candidates is not <comp> <addr> <port> triples"},
    {"SDP_ENCRYPTION_UNKNOWN", "encryption value is not required, optional or rejected"},
    {"SDP_CRYPTO_MALFORMED", "crypto attribute with missing fields or a bad tag"},
    {"SDP_DIAGNOSTICS_MALFORMED", "x-ms-SDP-diagnostics without a numeric error id"},
};

const char *uclog__sdp_defect_name(int32_t code, const char **text)
{
    int32_t i = code - UCLOG_DEFECT_SDP_LINE_MALFORMED;

    *text = NULL;
    if (i < 0 || i >= (int32_t)(sizeof(sdp_defects) / sizeof(sdp_defects[0])))
        return NULL;
    *text = sdp_defects[i].text;
    return sdp_defects[i].name;
}
