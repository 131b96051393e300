/*
 * The SDP parse pass. One pass splits the body into lines and stores, per body, arrays of
 * lines, attributes, media, candidates and remote-candidate triples (views
 * into the caller's bytes). Attributes whose fields are only needed on
 * demand (crypto, diagnostics, candidate extensions) are checked during the
 * pass, for defects, and split again when asked for (sdp-fields.c,
 * sdp-access.c). Candidate lines are read by sdp-candidate.c.
 */
#include "sdp-internal.h"

int uclog__sdp_grow(uclog_sdp *sdp, void **arr, size_t *cap, size_t need, size_t elem,
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

/* ------------------------------------------------------------------------ */
/* The parse pass                                                            */

int uclog__sdp_add_defect(struct sdp_parser *p, int32_t code, const char *ptr, size_t len)
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


/* `<media> <port>[/<n>] <proto> <fmt>…` */
static int on_media(struct sdp_parser *p, uclog_str v)
{
    uclog_sdp *sdp = p->sdp;
    uclog_sdp_media *m;
    uclog_str f[3], type, port, proto, num;
    const char *slash;
    int bad = 0;

    if (SDP_GROW(sdp, sdp->media, sdp->media_cap, sdp->nmedia + 1, SDP_IN_BLOCK_MEDIA))
        return UCLOG_E_NOMEM;
    m = &sdp->media[sdp->nmedia++];
    /* field by field, as in uclog__sdp_on_candidate() */
    m->sdp = sdp;
    m->type = uclog__no_str;
    m->proto = uclog__no_str;
    m->formats = uclog__no_str;
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

    /* as three uclog__next_token() calls */
    uclog__split_tokens(f, 3, &v);
    type = f[0];
    port = f[1];
    proto = f[2];
    num = port;
    if (port.ptr && (slash = memchr(port.ptr, '/', port.len)) != NULL)
        num.len = (size_t)(slash - port.ptr);
    if (!type.ptr || !proto.ptr || uclog__parse_port(&m->port, num) != 0) {
        m->port = 0;
        bad = 1;
    }
    m->type = type.ptr ? type : uclog__no_str;
    m->proto = proto.ptr ? proto : uclog__no_str;
    m->formats = uclog__str_trim(v);
    if (bad)
        return uclog__sdp_add_defect(p, UCLOG_DEFECT_SDP_MEDIA_MALFORMED, NULL, 0);
    return UCLOG_OK;
}

static int on_attribute(struct sdp_parser *p, uclog_str v)
{
    uclog_sdp *sdp = p->sdp;
    struct sdp_attr *a;
    const char *colon = uclog__find_byte(v.ptr, v.len, ':', p->end);
    uclog_str name = v, value = uclog__no_str;

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
        if (UCLOG__IEQ_ALPHA(name, "candidate"))
            return uclog__sdp_on_candidate(p, value, UCLOG_SDP_CANDIDATE_ATTR, name);
        break;
    case 16:
        if (UCLOG__IEQ(name, "x-candidate-ipv6"))
            return uclog__sdp_on_candidate(p, value, UCLOG_SDP_CANDIDATE_X_IPV6, name);
        break;
    case 17:
        if (UCLOG__IEQ(name, "remote-candidates"))
            return uclog__sdp_on_remote_candidates(p, value);
        break;
    case 10:
        if (UCLOG__IEQ_ALPHA(name, "encryption")) {
            uclog_str e = uclog__str_trim(value);
            if (!UCLOG__IEQ_ALPHA(e, "required") && !UCLOG__IEQ_ALPHA(e, "optional") &&
                !UCLOG__IEQ_ALPHA(e, "rejected"))
                return uclog__sdp_add_defect(p, UCLOG_DEFECT_SDP_ENCRYPTION_UNKNOWN, value.ptr, value.len);
        }
        break;
    case 6:
    case 11:
        if (UCLOG__IEQ_ALPHA(name, "crypto") || UCLOG__IEQ_ALPHA(name, "cryptoscale")) {
            if (!uclog__sdp_parse_crypto(NULL, NULL, NULL, NULL, value, name.len == 11, p->end))
                return uclog__sdp_add_defect(p, UCLOG_DEFECT_SDP_CRYPTO_MALFORMED, value.ptr, value.len);
        }
        break;
    case 20:
        if (UCLOG__IEQ(name, "x-ms-sdp-diagnostics") && !uclog__sdp_parse_diagnostics(NULL, NULL, value))
            return uclog__sdp_add_defect(p, UCLOG_DEFECT_SDP_DIAGNOSTICS_MALFORMED, value.ptr, value.len);
        break;
    default:
        break;
    }
    return UCLOG_OK;
}

static int on_line(struct sdp_parser *p, uclog_str text)
{
    uclog_sdp *sdp = p->sdp;
    struct sdp_line *l;
    unsigned char t = (unsigned char)text.ptr[0];
    uclog_str v;

    if (text.len < 2 || text.ptr[1] != '=' || !((t >= 'a' && t <= 'z') || (t >= 'A' && t <= 'Z')))
        return uclog__sdp_add_defect(p, UCLOG_DEFECT_SDP_LINE_MALFORMED, NULL, 0);
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
        if (!uclog__sdp_parse_connection(NULL, NULL, v))
            return uclog__sdp_add_defect(p, UCLOG_DEFECT_SDP_CONNECTION_MALFORMED, NULL, 0);
        return UCLOG_OK;
    case 'o': {
        uclog_str rest = v, f[7];
        if (uclog__split_tokens(f, 7, &rest) != 6)
            return uclog__sdp_add_defect(p, UCLOG_DEFECT_SDP_ORIGIN_MALFORMED, NULL, 0);
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
#ifdef UCLOG__SCAN_CHUNK
    {
        /* SDP lines are short: a bit mask of 64 bytes (then of a chunk)
         * finds several line ends for each memchr() call it replaces */
        const char *q = data;
        uint64_t m;

#ifdef UCLOG__SCAN_WIDE
        for (; e - q >= UCLOG__SCAN_WIDE; q += UCLOG__SCAN_WIDE) {
            for (m = uclog__wide_eq2(q, '\n', '\n'); m; m &= m - 1) {
                const char *nl = q + __builtin_ctzll(m);
                count_line(z, data, s, (size_t)(nl - s));
                s = nl + 1;
            }
        }
#endif
        for (; e - q >= UCLOG__SCAN_CHUNK; q += UCLOG__SCAN_CHUNK) {
            for (m = uclog__chunk_eq2(q, '\n', '\n'); m; m &= m - 1) {
                const char *nl = q + (__builtin_ctzll(m) >> UCLOG__SCAN_SHIFT);
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

static int parse_body(struct sdp_parser *p, const char *data, size_t len, const struct sdp_sizes *z)
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
        if (!(n >= 2 && start[1] == '=') && uclog__only_blanks(text.ptr, text.len)) /* '=' is not blank */
            continue;
        if (++seen > max_lines)
            return uclog__sdp_add_defect(p, UCLOG_DEFECT_SDP_TOO_MANY_LINES, NULL, 0);
        rc = on_line(p, text);
        if (rc)
            return rc;
    }
    return UCLOG_OK;
}

int uclog_sdp_parse(uclog_sdp **out, uclog_ctx *ctx, const char *data, size_t len,
                    const uclog_span *base)
{
    struct sdp_parser p;
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
