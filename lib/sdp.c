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

#include "addr-internal.h"
#include "internal.h"
#include "simd.h"

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

/* Scanning looks at a chunk of bytes at a time: sixteen with SSE2, else
 * eight where the compiler can find the lowest set bit and bytes are
 * little-endian; elsewhere, or built with simd=byte, one by one (simd.h).
 * chunk_eq2() gives one bit per byte equal to a or b, SDP_SHIFT converts a
 * bit's index to a byte's. */
#if defined(UCLOG__SIMD_SSE2)
#include <emmintrin.h>
#define SDP_CHUNK 16
#define SDP_SHIFT 0

static uint64_t chunk_eq2(const char *p, char a, char b)
{
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i m = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(a)), _mm_cmpeq_epi8(x, _mm_set1_epi8(b)));
    return (uint64_t)(unsigned)_mm_movemask_epi8(m);
}

/* chunk_eq2() of 64 bytes, one bit per byte: a line's blanks or several
 * lines' ends at once, with less work per byte than four chunks. */
#define SDP_WIDE 64
static uint64_t wide_eq2(const char *p, char a, char b)
{
    uint64_t m[4];
    int k;

    for (k = 0; k < 4; k++)
        m[k] = chunk_eq2(p + 16 * k, a, b);
    return m[0] | m[1] << 16 | m[2] << 32 | m[3] << 48;
}
#elif defined(UCLOG__SIMD_WORD)
#define SDP_CHUNK 8
#define SDP_SHIFT 3
#define SDP_LOW7 0x7f7f7f7f7f7f7f7full
#define SDP_ONES 0x0101010101010101ull

/* Bit 7 set in exactly the zero bytes of v (no carry crosses a byte). */
static uint64_t zero_bytes(uint64_t v)
{
    return ~(((v & SDP_LOW7) + SDP_LOW7) | v | SDP_LOW7);
}

static uint64_t chunk_eq2(const char *p, char a, char b)
{
    uint64_t x;

    memcpy(&x, p, 8);
    return zero_bytes(x ^ (SDP_ONES * (unsigned char)a)) | zero_bytes(x ^ (SDP_ONES * (unsigned char)b));
}
#endif

/* The first c in s[0..n), as memchr(); bytes up to lim may be read. Most
 * attribute names fit in two chunks: a load or two, no call. */
static const char *find_byte(const char *s, size_t n, char c, const char *lim)
{
#ifdef SDP_CHUNK
    int k;

    for (k = 0; k < 2 && lim - s >= SDP_CHUNK; k++) {
        uint64_t m = chunk_eq2(s, c, c);

        if (n < SDP_CHUNK)
            m &= ((uint64_t)1 << (n << SDP_SHIFT)) - 1;
        if (m)
            return s + (__builtin_ctzll(m) >> SDP_SHIFT);
        if (n <= SDP_CHUNK)
            return NULL;
        s += SDP_CHUNK;
        n -= SDP_CHUNK;
    }
#else
    (void)lim;
#endif
    return memchr(s, c, n);
}

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

/* *o = {ptr, len} in one store where there is one: the fields are copied
 * on as a whole view, with a wide load that two separate stores of the
 * fields could not forward to (the processor then stalls). */
static inline void put_token(uclog_str *o, const char *ptr, size_t len)
{
#if defined(UCLOG__SIMD_SSE2) && defined(__x86_64__) && !defined(__ILP32__)
    /* LP64 x86-64 only (not x32): there a view is two 8-byte fields, ptr first */
    typedef char view_is_16_bytes[sizeof(uclog_str) == 16 ? 1 : -1];
    (void)sizeof(view_is_16_bytes);
    _mm_storeu_si128((__m128i *)(void *)o, _mm_set_epi64x((long long)len, (long long)(intptr_t)ptr));
#else
    o->ptr = ptr;
    o->len = len;
#endif
}

#ifdef SDP_CHUNK
/* The tokens ending at the blanks of mask b (bit i: byte p[i >> shift]),
 * appended at *o from *tok on, as split_tokens_in() does; 1 when full. */
static inline int take_blanks(uint64_t b, const char *p, int shift, const char **tok,
                              uclog_str **o, const uclog_str *full, uclog_str *rest,
                              const char *e)
{
    while (b) {
        const char *at = p + (__builtin_ctzll(b) >> shift);
        b &= b - 1;
        if (at > *tok) {
            put_token(*o, *tok, (size_t)(at - *tok));
            if (++*o == full) {
                rest->ptr = at;
                rest->len = (size_t)(e - at);
                return 1;
            }
        }
        *tok = at + 1;
    }
    return 0;
}
#endif

/*
 * Up to max tokens of *rest, as that many next_token() calls would give
 * them: t[0..n) are filled (t[n..max) left as they were), n returned, and
 * *rest left just after the last token taken (at the end when fewer than max).
 * Bytes from *rest up to lim may be read (lim is at or after its end: the
 * end of the whole body while parsing), so that whole chunks can be loaded
 * up to a line's last byte; blanks after the line's end are masked off.
 */
static int split_tokens_in(uclog_str *t, int max, uclog_str *rest, const char *lim)
{
    const char *p = rest->ptr, *e, *tok;
    uclog_str *o = t, *full = t + max;

    if (!p || max <= 0)
        return 0;
    e = p + rest->len;
    tok = p; /* where the current token would start */
    /* Visit each blank: the text from tok to it, when not empty, is a token. */
#ifdef SDP_WIDE
    for (; p < e && lim - p >= SDP_WIDE; p += SDP_WIDE) {
        uint64_t b = wide_eq2(p, ' ', '\t');

        if (e - p < SDP_WIDE)
            b &= ((uint64_t)1 << (size_t)(e - p)) - 1;
        if (take_blanks(b, p, 0, &tok, &o, full, rest, e))
            return max;
    }
#endif
#ifdef SDP_CHUNK
    for (; p < e && lim - p >= SDP_CHUNK; p += SDP_CHUNK) {
        uint64_t b = chunk_eq2(p, ' ', '\t');

        if (e - p < SDP_CHUNK)
            b &= ((uint64_t)1 << ((size_t)(e - p) << SDP_SHIFT)) - 1;
        if (take_blanks(b, p, SDP_SHIFT, &tok, &o, full, rest, e))
            return max;
    }
#else
    (void)lim;
#endif
    for (; p < e; p++) {
        if (*p != ' ' && *p != '\t')
            continue;
        if (p > tok) {
            put_token(o, tok, (size_t)(p - tok));
            if (++o == full) {
                rest->ptr = p;
                rest->len = (size_t)(e - p);
                return max;
            }
        }
        tok = p + 1;
    }
    if (e > tok) {
        put_token(o, tok, (size_t)(e - tok));
        o++;
    }
    rest->ptr = e;
    rest->len = 0;
    return (int)(o - t);
}

/* split_tokens_in() within the view itself, t[n..max) emptied. */
static int split_tokens(uclog_str *t, int max, uclog_str *rest)
{
    int n = split_tokens_in(t, max, rest, rest->ptr ? rest->ptr + rest->len : NULL), k;

    for (k = n; k < max; k++)
        t[k] = no_str;
    return n;
}

/* As UCLOG__IEQ for a literal of lowercase letters only, where setting bit 5
 * of a byte maps exactly its two cases onto the literal's. Inlined with the
 * literal's length known, it is a few whole-word loads: two overlapping ones
 * cover lengths that are not a word's (never a word assembled in memory
 * from smaller pieces, which the processor cannot forward to a load). */
static inline int ieq_alpha(uclog_str s, const char *lower, size_t n)
{
    size_t i;

    if (s.len != n)
        return 0;
    if (n >= 8) {
        uint64_t x, y;
        for (i = 0; i + 8 <= n; i += 8) {
            memcpy(&x, s.ptr + i, 8);
            memcpy(&y, lower + i, 8);
            if ((x | 0x2020202020202020ull) != y)
                return 0;
        }
        if (i == n)
            return 1;
        memcpy(&x, s.ptr + n - 8, 8);
        memcpy(&y, lower + n - 8, 8);
        return (x | 0x2020202020202020ull) == y;
    }
    if (n >= 4) {
        uint32_t a, b, c, d;
        memcpy(&a, s.ptr, 4);
        memcpy(&b, s.ptr + n - 4, 4);
        memcpy(&c, lower, 4);
        memcpy(&d, lower + n - 4, 4);
        return ((a | 0x20202020u) == c) & ((b | 0x20202020u) == d);
    }
    if (n >= 2) {
        uint16_t a, b, c, d;
        memcpy(&a, s.ptr, 2);
        memcpy(&b, s.ptr + n - 2, 2);
        memcpy(&c, lower, 2);
        memcpy(&d, lower + n - 2, 2);
        return ((uint16_t)(a | 0x2020u) == c) & ((uint16_t)(b | 0x2020u) == d);
    }
    return n == 0 || ((unsigned char)s.ptr[0] | 0x20) == (unsigned char)lower[0];
}

#define IEQ_ALPHA(s, lit) ieq_alpha((s), "" lit, sizeof(lit) - 1)

#if defined(UCLOG__GNU_LITTLE_ENDIAN) && !defined(UCLOG__SIMD_BYTE)
/* Eight ASCII digits at p (the first in the lowest byte) as a number in
 * *out, by pairs, then quads, then the whole; 0 when a byte is not a digit. */
static int eight_digits(uint64_t *out, const char *p)
{
    const uint64_t high = 0xf0f0f0f0f0f0f0f0ull, zeros = 0x3030303030303030ull;
    uint64_t x;

    memcpy(&x, p, 8);
    /* '0'-'9' are 0x30-0x39: high nibble 3, and still 3 after adding 6 */
    if ((x & high) != zeros || ((x + 0x0606060606060606ull) & high) != zeros)
        return 0;
    x -= zeros;
    x = (x * 10 + (x >> 8)) & 0x00ff00ff00ff00ffull;
    x = (x * 100 + (x >> 16)) & 0x0000ffff0000ffffull;
    *out = (x * 10000 + (x >> 32)) & 0xffffffffull;
    return 1;
}
#endif

/* parse_u32() of eight digits or more. */
static int parse_u32_long(uint32_t *out, uclog_str s)
{
    uint64_t v = 0;
    size_t i = 0;

#if defined(UCLOG__GNU_LITTLE_ENDIAN) && !defined(UCLOG__SIMD_BYTE)
    if (!eight_digits(&v, s.ptr)) /* ICE priorities have eight to ten digits */
        return 1;
    i = 8;
#endif
    for (; i < s.len; i++) {
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

/* Decimal uint32. 0: ok, 1: not a number, 2: overflow. Inline: components
 * and ports are a few digits, read where the field is split. */
static inline int parse_u32(uint32_t *out, uclog_str s)
{
    uint32_t w = 0;
    size_t i;

    if (!s.ptr || s.len == 0)
        return 1;
    if (s.len >= 8)
        return parse_u32_long(out, s);
    for (i = 0; i < s.len; i++) { /* seven digits cannot overflow */
        unsigned d = (unsigned)((unsigned char)s.ptr[i] - '0');
        if (d > 9)
            return 1;
        w = w * 10 + d;
    }
    *out = w;
    return 0;
}

static inline int parse_port(uint16_t *out, uclog_str s)
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

/* What uclog__str_trim() removes. */
static inline int is_trim_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
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
    if (t.len == 4 && IEQ_ALPHA(t, "host"))
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
    return uclog__addr_valid(a.ptr, a.len);
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

/* `<tag> [<role>] <suite> <params…>`; role only for cryptoscale. Bytes up
 * to lim may be read (NULL: the view's end). */
static int parse_crypto(uint32_t *tag, uclog_str *role, uclog_str *suite, uclog_str *params,
                        uclog_str v, int scale, const char *lim)
{
    uclog_str f[3], t, r = no_str, s;
    int want = scale ? 3 : 2;
    int nf = split_tokens_in(f, want, &v, lim ? lim : v.ptr ? v.ptr + v.len : NULL);
    uint32_t n = 0;

    t = nf ? f[0] : no_str;
    if (parse_u32(&n, t) != 0 || t.len > 9)
        return 0;
    if (nf < want) /* no role, or no suite */
        return 0;
    if (scale)
        r = f[1];
    s = f[want - 1];
    v = uclog__str_trim(v);
    if (v.len == 0)
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

/* The current line's span is kept as separate fields, written one by one
 * for each line and copied one by one into the spans that need it. Fields
 * read together lie apart: a span stored field by field and read back
 * whole, or two neighbours read with one wide load, cannot be forwarded
 * from the stores just made and stall the processor once per line. */
struct parser {
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

static void line_span(uclog_span *s, const struct parser *p)
{
    s->offset = p->loffset;
    s->length = p->llength;
    s->line = p->lline;
    s->column = p->lcolumn;
    s->file = p->sdp->span.file;
    s->reserved = 0;
}

static uclog_span sub_span(const struct parser *p, const char *ptr, size_t len)
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
    return p->cur;
}

/* `<media> <port>[/<n>] <proto> <fmt>…` */
static int on_media(struct parser *p, uclog_str v)
{
    uclog_sdp *sdp = p->sdp;
    uclog_sdp_media *m;
    uclog_str f[3], type, port, proto, num;
    const char *slash;
    int bad = 0;

    if (SDP_GROW(sdp, sdp->media, sdp->media_cap, sdp->nmedia + 1, SDP_IN_BLOCK_MEDIA))
        return UCLOG_E_NOMEM;
    m = &sdp->media[sdp->nmedia++];
    /* field by field, as in on_candidate() */
    m->sdp = sdp;
    m->type = no_str;
    m->proto = no_str;
    m->formats = no_str;
    m->port = 0;
    m->first_line = (uint32_t)(sdp->nlines - 1);
    m->nlines = 0;
    m->first_attr = (uint32_t)sdp->nattrs;
    m->nattrs = 0;
    m->first_cand = (uint32_t)sdp->ncands;
    m->ncands = 0;
    m->first_remote = (uint32_t)sdp->nremotes;
    m->nremotes = 0;
    if (p->media == 0) {
        sdp->session_lines = sdp->nlines - 1;
        sdp->session_attrs = sdp->nattrs;
    }
    p->media = sdp->nmedia;
    p->cur = m;

    /* as three next_token() calls */
    split_tokens(f, 3, &v);
    type = f[0];
    port = f[1];
    proto = f[2];
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

static inline int store_candidate(struct parser *p, const uclog_sdp_candidate *c)
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

/* Tokens split at once from a candidate line: seven fields, the type and
 * four extension pairs cover the candidates clients write. */
#define SDP_CAND_TOKENS 16

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

/* The pairs after `typ <type>`: raddr/rport are taken, others left in ext.
 * kv[0..n) are the first tokens, already split; when more is set, further
 * tokens may follow in rest. */
static int rfc_extensions(struct parser *p, uclog_sdp_candidate *c, const uclog_str *kv, int n,
                          int more, uclog_str rest, int *keep)
{
    uclog_str next[8];
    int i;

    for (;;) {
        for (i = 0; i < n; i += 2) {
            uclog_str name = kv[i], value;
            int rc;

            if (i + 1 == n)
                return add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_EXTENSION, name.ptr, name.len);
            value = kv[i + 1];
            if (name.len != 5)
                continue;
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
        if (!more)
            return UCLOG_OK;
        /* eight tokens at a time: pairs never straddle two splits */
        n = split_tokens_in(next, 8, &rest, p->end);
        kv = next;
        more = n == 8;
    }
}

/* RFC 5245: foundation comp transport priority address port typ type [pairs];
 * t[0..n) are the line's first tokens (n <= SDP_CAND_TOKENS), t[7] the type,
 * t[8..n) the first extension tokens, rest what follows t[n - 1]. */
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
    c->ext.ptr = type.ptr + type.len;
    c->ext.len = (size_t)(rest.ptr + rest.len - c->ext.ptr);
    while (c->ext.len && is_trim_byte(c->ext.ptr[0])) { /* as uclog__str_trim(), inline */
        c->ext.ptr++;
        c->ext.len--;
    }
    while (c->ext.len && is_trim_byte(c->ext.ptr[c->ext.len - 1]))
        c->ext.len--;
    rc = rfc_extensions(p, c, t + 8, n - 8, n == SDP_CAND_TOKENS, rest, &keep);
    if (rc || !keep)
        return rc;
    return store_candidate(p, c);
}

static int on_candidate(struct parser *p, uclog_str v, int32_t attribute, uclog_str name)
{
    uclog_sdp *sdp = p->sdp;
    uclog_sdp_candidate local, *c = &local;
    uclog_str t[SDP_CAND_TOKENS], rest = v;
    int n, nf;

    if (!p->media)
        return add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_OUTSIDE_MEDIA, name.ptr, name.len);
    /* Parse into the next free slot when there is one (the arrays are sized
     * up front): store_candidate() then has nothing to copy. */
    if (sdp->ncands < sdp->cands_cap)
        c = &sdp->cands[sdp->ncands];
    /* Field by field: a memset() of the struct is compiled to `rep stos`,
     * whose start-up takes longer than the rest of a candidate's parse. */
    line_span(&c->span, p);
    c->raw = v;
    c->foundation = no_str;
    c->username = no_str;
    c->password = no_str;
    c->transport_raw = no_str;
    c->address = no_str;
    c->type_raw = no_str;
    c->raddr = no_str;
    c->ext = no_str;
    c->form = 0;
    c->attribute = attribute;
    c->transport = 0;
    c->type = 0;
    c->component = 0;
    c->priority = 0;
    c->qvalue = 0;
    c->port = 0;
    c->rport = 0;
    c->has_raddr = 0;
    /* One split for the seven fields, the type (RFC 5245) or a stray eighth
     * token (draft 6), and the first extension pairs. nf counts the fields. */
    n = split_tokens_in(t, SDP_CAND_TOKENS, &rest, p->end);
    for (nf = n; nf < 8; nf++) /* the type and the draft-6 stray token are read when missing */
        t[nf] = no_str;
    nf = n > 7 ? 7 : n;
    if (nf == 7 && IEQ_ALPHA(t[6], "typ"))
        return on_rfc5245(p, c, t, n, rest);
    if (nf >= 4 && (IEQ_ALPHA(t[3], "udp") || IEQ_ALPHA(t[3], "tcp"))) {
        if (nf < 7)
            return add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED, NULL, 0);
        return on_draft6(p, c, t);
    }
    if (nf >= 3 && transport_of(t[2]) != UCLOG_SDP_TRANSPORT_OTHER)
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
    const char *colon = find_byte(v.ptr, v.len, ':', p->end);
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
            if (!parse_crypto(NULL, NULL, NULL, NULL, value, name.len == 11, p->end))
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
    line_span(&l->span, p);
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

/* What count_body() learns from one line: s its start, n its length. */
static void count_line(struct sdp_sizes *z, const char *data, const char *s, size_t n)
{
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
}

static void count_body(struct sdp_sizes *z, const uclog_ctx *ctx, const char *data, size_t len)
{
    uint64_t max_lines = uclog__limit(ctx, UCLOG_LIMIT_MAX_SDP_LINES);
    uint64_t max_cands = uclog__limit(ctx, UCLOG_LIMIT_MAX_CANDIDATES);
    const char *s = data, *e = data + len;

    z->lines = z->attrs = z->media = z->cands = z->nends = 0;
#ifdef SDP_CHUNK
    {
        /* SDP lines are short: a bit mask of 64 bytes (then of a chunk)
         * finds several line ends for each memchr() call it replaces */
        const char *q = data;
        uint64_t m;

#ifdef SDP_WIDE
        for (; e - q >= SDP_WIDE; q += SDP_WIDE) {
            for (m = wide_eq2(q, '\n', '\n'); m; m &= m - 1) {
                const char *nl = q + __builtin_ctzll(m);
                count_line(z, data, s, (size_t)(nl - s));
                s = nl + 1;
            }
        }
#endif
        for (; e - q >= SDP_CHUNK; q += SDP_CHUNK) {
            for (m = chunk_eq2(q, '\n', '\n'); m; m &= m - 1) {
                const char *nl = q + (__builtin_ctzll(m) >> SDP_SHIFT);
                count_line(z, data, s, (size_t)(nl - s));
                s = nl + 1;
            }
        }
    }
#endif
    /* the rest: no line end lies between s and where the scan above stopped */
    while (s < e) {
        const char *nl = memchr(s, '\n', (size_t)(e - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(e - s);

        count_line(z, data, s, n);
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
/* The alignment each array of the block needs, in C99: the offset of a member after a char. */
struct align_line { char c; struct sdp_line x; };
struct align_attr { char c; struct sdp_attr x; };
struct align_media { char c; uclog_sdp_media x; };
struct align_cand { char c; uclog_sdp_candidate x; };
#define ALIGN_LINE offsetof(struct align_line, x)
#define ALIGN_ATTR offsetof(struct align_attr, x)
#define ALIGN_MEDIA offsetof(struct align_media, x)
#define ALIGN_CAND offsetof(struct align_cand, x)
/* add_array() rounds with a mask: each is a power of two, and no more than malloc gives */
UCLOG__STATIC_ASSERT((ALIGN_LINE & (ALIGN_LINE - 1)) == 0 && ALIGN_LINE <= sizeof(uclog__max_align), line_align);
UCLOG__STATIC_ASSERT((ALIGN_ATTR & (ALIGN_ATTR - 1)) == 0 && ALIGN_ATTR <= sizeof(uclog__max_align), attr_align);
UCLOG__STATIC_ASSERT((ALIGN_MEDIA & (ALIGN_MEDIA - 1)) == 0 && ALIGN_MEDIA <= sizeof(uclog__max_align), media_align);
UCLOG__STATIC_ASSERT((ALIGN_CAND & (ALIGN_CAND - 1)) == 0 && ALIGN_CAND <= sizeof(uclog__max_align), cand_align);

/* Reserve n elements of size elem at an offset aligned to align (a power of two); *at: where. */
static int add_array(size_t *total, size_t *at, size_t n, size_t elem, size_t align)
{
    size_t start = (*total + align - 1) & ~(align - 1);
    if (start < *total || n > (SIZE_MAX - start) / elem)
        return 0;
    *at = start;
    *total = start + n * elem;
    return 1;
}

/* The object and its four arrays in one block, each array at the alignment its elements need
 * (on 32-bit ABIs an odd number of 12-byte lines would leave the next array misaligned). The
 * block itself comes from malloc, aligned for any of them. */
static uclog_sdp *new_sdp(uclog_ctx *ctx, const struct sdp_sizes *z)
{
    size_t total = sizeof(uclog_sdp), at_lines, at_attrs, at_media, at_cands;
    uclog_sdp *sdp;
    char *b;

    if (!add_array(&total, &at_lines, z->lines, sizeof(struct sdp_line), ALIGN_LINE) ||
        !add_array(&total, &at_attrs, z->attrs, sizeof(struct sdp_attr), ALIGN_ATTR) ||
        !add_array(&total, &at_media, z->media, sizeof(uclog_sdp_media), ALIGN_MEDIA) ||
        !add_array(&total, &at_cands, z->cands, sizeof(uclog_sdp_candidate), ALIGN_CAND))
        return NULL;
    b = uclog__malloc(ctx, total);
    if (!b)
        return NULL;
    sdp = (uclog_sdp *)(void *)b;
    /* field by field: a memset() of the struct is compiled to `rep stos`,
     * slow to start for a struct parsed in a few thousand cycles */
    memset(&sdp->span, 0, sizeof(sdp->span));
    sdp->remotes = NULL;
    sdp->defects = NULL;
    sdp->nlines = sdp->nattrs = sdp->nmedia = sdp->ncands = 0;
    sdp->nremotes = sdp->remotes_cap = sdp->ndefects = sdp->defects_cap = 0;
    sdp->session_lines = sdp->session_attrs = 0;
    sdp->cand_limit_hit = 0;
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
        p->loffset = sdp->span.offset + off;
        p->llength = text.len;
        p->lline = uclog__sat32((uint64_t)sdp->span.line + lineno);
        p->lcolumn = lineno ? 1 : sdp->span.column;
        off += nl ? n + 1 : n;
        lineno++;
        if (!(n >= 2 && start[1] == '=') && blank_line(text)) /* '=' is not blank */
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
#if defined(__GNUC__)
    {
        /* Ask for the whole body at once: the count pass would otherwise
         * wait for its cache lines one after the other. */
        size_t k;
        for (k = 0; k < len; k += 64)
            __builtin_prefetch(data + k);
    }
#endif
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
    p.end = (data ? data : "") + len;
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
        if (!a->value.ptr || !parse_crypto(NULL, NULL, NULL, NULL, a->value, scale, NULL))
            continue;
        if (!count && n == i) {
            if (kind)
                *kind = scale ? UCLOG_SDP_CRYPTO_SCALE : UCLOG_SDP_CRYPTO_SDES;
            parse_crypto(tag, role, suite, params, a->value, scale, NULL);
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
