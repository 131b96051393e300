/*
 * SIP messages: finding the start line, the headers, the body and the MIME
 * parts. Only boundaries are found here; values are split on request by the
 * parsers in sip-value.c and the helpers in sip-typed.c.
 */
#include <uclog/sip.h>

#include "internal.h"
#include "sip-internal.h"
#include "sip-names.h"

/* Defects kept per message; a hostile buffer must not grow this without end. */
#define SIP_MAX_DEFECTS 1024

/* ------------------------------------------------------------------ */
/* Positions                                                           */
/* ------------------------------------------------------------------ */

/* A span for data[off, off+len), whose line is lineno (0-based within data)
 * and starts at line_start. */
static uclog_span make_span(const uclog_sip *m, size_t off, size_t len, struct sip_loc loc)
{
    uclog_span sp;

    memset(&sp, 0, sizeof(sp));
    sp.offset = m->base.offset + off;
    sp.length = len;
    sp.file = m->base.file;
    sp.line = m->base.line ? uclog__sat32((uint64_t)m->base.line + loc.lineno) : 0;
    if (loc.lineno == 0)
        sp.column = m->base.column ? uclog__sat32((uint64_t)m->base.column + off) : 0;
    else
        sp.column = uclog__sat32((uint64_t)(off - loc.line_start) + 1);
    return sp;
}

/* ------------------------------------------------------------------ */
/* Lines                                                               */
/* ------------------------------------------------------------------ */

struct cursor {
    const char *d;
    size_t pos, end;
    struct sip_loc loc; /* of d[pos] */
};

/* Take the next line: data[*ls, *le) without its line end. 0 at the end. */
static int next_line(struct cursor *c, size_t *ls, size_t *le, struct sip_loc *loc)
{
    const char *nl;

    if (c->pos >= c->end)
        return 0;
    *ls = c->pos;
    *loc = c->loc;
    nl = memchr(c->d + c->pos, '\n', c->end - c->pos);
    if (nl) {
        *le = (size_t)(nl - c->d);
        c->pos = *le + 1;
        c->loc.lineno++;
        c->loc.line_start = c->pos;
    } else {
        *le = c->end;
        c->pos = c->end;
    }
    if (*le > *ls && c->d[*le - 1] == '\r')
        (*le)--;
    return 1;
}

/* RFC 3261 token characters: alphanumerics and -.!%*_+`'~ */
static const unsigned char token_chars[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

static int is_token_char(int c)
{
    return token_chars[(unsigned char)c];
}

static int all_blank(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (!uclog__is_space((unsigned char)s[i]))
            return 0;
    return 1;
}

static int starts_with_version(const char *s, size_t n)
{
    return n >= 5 && uclog__to_lower((unsigned char)s[0]) == 's' &&
           uclog__to_lower((unsigned char)s[1]) == 'i' &&
           uclog__to_lower((unsigned char)s[2]) == 'p' && s[3] == '/' &&
           uclog__is_digit((unsigned char)s[4]);
}

static uclog_str view(const char *p, size_t n)
{
    uclog_str s;
    s.ptr = p;
    s.len = n;
    return s;
}

/* ------------------------------------------------------------------ */
/* Defects                                                             */
/* ------------------------------------------------------------------ */

static int add_defect(uclog_sip *m, int32_t code, size_t off, size_t len, struct sip_loc loc)
{
    uclog_defect *d;

    if (m->ndefects >= SIP_MAX_DEFECTS)
        return UCLOG_OK;
    if (uclog__grow(m->ctx, (void **)&m->defects, &m->defect_cap, m->ndefects + 1,
                    sizeof(*m->defects)))
        return UCLOG_E_NOMEM;
    if (m->ndefects == SIP_MAX_DEFECTS - 1) {
        code = UCLOG_DEFECT_SIP_DEFECTS_DROPPED;
        len = 0;
    }
    d = &m->defects[m->ndefects++];
    memset(d, 0, sizeof(*d));
    d->code = code;
    d->span = make_span(m, off, len, loc);
    return UCLOG_OK;
}

/* ------------------------------------------------------------------ */
/* Start line                                                          */
/* ------------------------------------------------------------------ */

/* 1 when data[ls, le) is a start line (fields stored in m), else 0. */
static int read_start_line(uclog_sip *m, size_t ls, size_t le, int *malformed)
{
    const char *s = m->data + ls;
    size_t n = le - ls, i = 0, a, b;

    *malformed = 0;
    if (starts_with_version(s, n)) {
        while (i < n && !uclog__is_space((unsigned char)s[i]))
            i++;
        m->f[0] = view(s, i);
        while (i < n && uclog__is_space((unsigned char)s[i]))
            i++;
        a = i;
        while (i < n && !uclog__is_space((unsigned char)s[i]))
            i++;
        m->f[1] = view(s + a, i - a);
        m->f[2] = uclog__str_trim(view(s + i, n - i));
        if (!m->f[2].ptr)
            m->f[2] = view(s + n, 0);
        if (i - a == 3 && uclog__is_digit((unsigned char)s[a]) &&
            uclog__is_digit((unsigned char)s[a + 1]) && uclog__is_digit((unsigned char)s[a + 2]))
            m->status = (uint32_t)((s[a] - '0') * 100 + (s[a + 1] - '0') * 10 + (s[a + 2] - '0'));
        else
            *malformed = 1;
        m->request = 0;
        return 1;
    }
    /* METHOD SP Request-URI SP SIP-Version */
    while (i < n && is_token_char((unsigned char)s[i]))
        i++;
    if (i == 0 || i >= n || !uclog__is_space((unsigned char)s[i]))
        return 0;
    a = i;
    b = n;
    while (b > a && uclog__is_space((unsigned char)s[b - 1]))
        b--;
    while (b > a && !uclog__is_space((unsigned char)s[b - 1]))
        b--;
    if (b <= a + 1 || !starts_with_version(s + b, n - b))
        return 0;
    m->f[0] = view(s, i);
    m->f[1] = uclog__str_trim(view(s + a, b - a));
    if (!m->f[1].len)
        return 0;
    m->f[2] = uclog__str_trim(view(s + b, n - b));
    m->request = 1;
    return 1;
}

/* The shape of a start line, for a caller that looks for one in text (a file of bare SIP
 * messages): what read_start_line() takes, and stricter, so that prose that ends in "SIP/2.0"
 * is not one: a response's code is three digits; a request's method is upper case, its URI one
 * token with a scheme ("sip:", "tel:"). */
int uclog__sip_is_start_line(const char *s, size_t n)
{
    size_t i = 0, b = n, u;

    while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
        b = --n;
    if (starts_with_version(s, n)) {
        while (i < n && !uclog__is_space((unsigned char)s[i]))
            i++;
        while (i < n && uclog__is_space((unsigned char)s[i]))
            i++;
        return n - i >= 3 && uclog__is_digit((unsigned char)s[i]) && uclog__is_digit((unsigned char)s[i + 1]) &&
               uclog__is_digit((unsigned char)s[i + 2]) && (n - i == 3 || uclog__is_space((unsigned char)s[i + 3]));
    }
    while (i < n && ((s[i] >= 'A' && s[i] <= 'Z') || s[i] == '-' || s[i] == '_'))
        i++;
    if (i == 0 || i >= n || s[i] != ' ')
        return 0;
    while (b > i && !uclog__is_space((unsigned char)s[b - 1]))
        b--;
    if (b < i + 3 || s[b - 1] != ' ' || !starts_with_version(s + b, n - b))
        return 0;
    for (u = i + 1; u < b - 1; u++)
        if (uclog__is_space((unsigned char)s[u]))
            return 0;
    return memchr(s + i + 1, ':', b - 2 - i) != NULL;
}

/* ------------------------------------------------------------------ */
/* Header blocks (the message's and each part's)                       */
/* ------------------------------------------------------------------ */

struct block {
    size_t first, count;
    int over, terminated;
    int has_cl, has_ct, has_cseq;
    struct sip_hdr cl, ct;
    size_t body;           /* offset after the blank line (or the end) */
    struct sip_loc body_loc;
};

static uclog_str hdr_name(const uclog_sip *m, const struct sip_hdr *h)
{
    return view(m->data + h->name, h->name_len);
}

static uclog_str hdr_value(const uclog_sip *m, const struct sip_hdr *h)
{
    return view(m->data + h->value, h->value_len);
}

/* Room for one more header: the inline array is copied to the heap once full. */
static int grow_headers(uclog_sip *m)
{
    struct sip_hdr *p;
    size_t cap;

    if (m->hdrs != m->inline_hdrs)
        return uclog__grow(m->ctx, (void **)&m->hdrs, &m->hdr_cap, m->nhdrs_total + 1,
                           sizeof(*m->hdrs));
    cap = 2 * m->hdr_cap;
    p = uclog__reallocarray(m->ctx, NULL, cap, sizeof(*p));
    if (!p)
        return UCLOG_E_NOMEM;
    memcpy(p, m->hdrs, m->nhdrs_total * sizeof(*p));
    m->hdrs = p;
    m->hdr_cap = cap;
    return UCLOG_OK;
}

/* Content-Length or its compact form "l"; Content-Type or "c". */
static int is_content_length(uclog_str n)
{
    return n.len == 1 ? (n.ptr[0] | 0x20) == 'l' : UCLOG__IEQ(n, "content-length");
}

static int is_content_type(uclog_str n)
{
    return n.len == 1 ? (n.ptr[0] | 0x20) == 'c' : UCLOG__IEQ(n, "content-type");
}

/* A CSeq value starts with a number that fits 32 bits (uclog_sip_cseq() reads it so). */
static int cseq_number_ok(uclog_str v)
{
    uint64_t n = 0;
    size_t i;

    for (i = 0; i < v.len && uclog__is_digit((unsigned char)v.ptr[i]); i++)
        if ((n = n * 10 + (uint64_t)(v.ptr[i] - '0')) > UINT32_MAX)
            return 0;
    return i > 0;
}

static inline int finish_header(uclog_sip *m, struct block *b, const struct sip_hdr *h)
{
    uclog_str name = hdr_name(m, h);

    if (is_content_length(name)) {
        if (!b->has_cl) {
            b->cl = *h;
            b->has_cl = 1;
        } else {
            uclog_str v1 = hdr_value(m, &b->cl), v2 = hdr_value(m, h);
            if (v1.len != v2.len || memcmp(v1.ptr, v2.ptr, v1.len) != 0) {
                if (add_defect(m, UCLOG_DEFECT_SIP_CONTENT_LENGTH_CONFLICT, h->name,
                               h->end - h->name, h->loc))
                    return UCLOG_E_NOMEM;
            }
        }
    } else if (!b->has_ct && is_content_type(name)) {
        b->ct = *h;
        b->has_ct = 1;
    } else if (name.len == 4 && !b->has_cseq && UCLOG__IEQ(name, "cseq")) {
        b->has_cseq = 1;
        if (!cseq_number_ok(hdr_value(m, h)) &&
            add_defect(m, UCLOG_DEFECT_SIP_CSEQ_INVALID, h->name, h->end - h->name, h->loc))
            return UCLOG_E_NOMEM;
    }
    if ((uint64_t)b->count >= uclog__limit(m->ctx, UCLOG_LIMIT_MAX_SIP_HEADERS)) {
        if (!b->over) {
            b->over = 1;
            return add_defect(m, UCLOG_DEFECT_SIP_TOO_MANY_HEADERS, h->name, h->end - h->name,
                              h->loc);
        }
        return UCLOG_OK;
    }
    if (h != &m->hdrs[m->nhdrs_total]) {
        if (m->nhdrs_total == m->hdr_cap && grow_headers(m))
            return UCLOG_E_NOMEM;
        m->hdrs[m->nhdrs_total] = *h;
    }
    m->nhdrs_total++;
    b->count++;
    return UCLOG_OK;
}

/* Length of a header name (token chars) followed by blanks and ':' at s, or 0 (sip-internal.h). */
size_t uclog__sip_name_before_colon(const char *s, size_t n, size_t *colon)
{
    size_t i = 0, nl;

    while (i < n && is_token_char((unsigned char)s[i]))
        i++;
    nl = i;
    while (i < n && uclog__is_space((unsigned char)s[i]))
        i++;
    if (nl == 0 || i >= n || s[i] != ':')
        return 0;
    *colon = i;
    return nl;
}

static void set_value_end(const uclog_sip *m, struct sip_hdr *h, size_t le)
{
    size_t e = le;
    while (e > h->value && uclog__is_space((unsigned char)m->data[e - 1]))
        e--;
    h->value_len = e - h->value;
    h->end = le;
}

/*
 * A header is written where it will be kept, the free slot after the last
 * one, when there is room: copied there from the stack afterwards, its
 * fields were read back right after being written, which stalls the copy.
 */
static int parse_block(uclog_sip *m, struct cursor *c, struct block *b, int32_t unterminated_code)
{
    struct sip_hdr spare, *cur = NULL;
    struct sip_loc loc;
    size_t ls, le;

    memset(b, 0, sizeof(*b));
    b->first = m->nhdrs_total;
    while (next_line(c, &ls, &le, &loc)) {
        size_t first = ls, colon = 0, nl;
        const char *s;

        while (first < le && uclog__is_space((unsigned char)m->data[first]))
            first++;
        if (first == le) { /* a blank line ends the block */
            b->terminated = 1;
            break;
        }
        s = m->data + first;
        nl = uclog__sip_name_before_colon(s, le - first, &colon);
        if (first > ls && !nl) {
            if (cur) {
                /* A folded line: the value now reaches its end. */
                if (cur->value_len == 0)
                    cur->value = first;
                set_value_end(m, cur, le);
            } else if (add_defect(m, UCLOG_DEFECT_SIP_HEADER_MALFORMED, ls, le - ls, loc)) {
                return UCLOG_E_NOMEM;
            }
            continue;
        }
        if (cur && finish_header(m, b, cur))
            return UCLOG_E_NOMEM;
        cur = NULL;
        if (!nl) {
            if (add_defect(m, UCLOG_DEFECT_SIP_HEADER_MALFORMED, ls, le - ls, loc))
                return UCLOG_E_NOMEM;
            continue;
        }
        if (first > ls && add_defect(m, UCLOG_DEFECT_SIP_HEADER_INDENTED, ls, le - ls, loc))
            return UCLOG_E_NOMEM;
        cur = m->nhdrs_total < m->hdr_cap ? &m->hdrs[m->nhdrs_total] : &spare;
        cur->name = first;
        cur->name_len = nl;
        cur->loc = loc;
        cur->value = first + colon + 1;
        while (cur->value < le && uclog__is_space((unsigned char)m->data[cur->value]))
            cur->value++;
        set_value_end(m, cur, le);
    }
    if (cur && finish_header(m, b, cur))
        return UCLOG_E_NOMEM;
    b->body = c->pos;
    b->body_loc = c->loc;
    if (!b->terminated && add_defect(m, unterminated_code, c->pos, 0, c->loc))
        return UCLOG_E_NOMEM;
    return UCLOG_OK;
}

/* ------------------------------------------------------------------ */
/* Multipart                                                           */
/* ------------------------------------------------------------------ */

/* 1 for `--boundary`, 2 for `--boundary--`, blanks allowed after; else 0. */
static int delimiter_kind(const char *s, size_t n, uclog_str boundary)
{
    size_t i;

    if (n < boundary.len + 2 || s[0] != '-' || s[1] != '-' ||
        memcmp(s + 2, boundary.ptr, boundary.len) != 0)
        return 0;
    i = boundary.len + 2;
    if (n - i >= 2 && s[i] == '-' && s[i + 1] == '-' && all_blank(s + i + 2, n - i - 2))
        return 2;
    return all_blank(s + i, n - i) ? 1 : 0;
}

static int add_part(uclog_sip *m, size_t start, size_t end, struct sip_loc loc)
{
    struct uclog_sip_part *p;
    struct cursor c;
    struct block b;

    if (uclog__grow(m->ctx, (void **)&m->parts, &m->parts_cap, m->nparts + 1, sizeof(*m->parts)))
        return UCLOG_E_NOMEM;
    c.d = m->data;
    c.pos = start;
    c.end = end;
    c.loc = loc;
    if (parse_block(m, &c, &b, UCLOG_DEFECT_SIP_PART_HEADERS_UNTERMINATED))
        return UCLOG_E_NOMEM;
    p = &m->parts[m->nparts++];
    memset(p, 0, sizeof(*p));
    p->msg = m;
    p->first = b.first;
    p->nhdr = b.count;
    p->off = start;
    p->len = end - start;
    p->loc = loc;
    p->body = b.body;
    p->body_len = end - b.body;
    p->body_loc = b.body_loc;
    return UCLOG_OK;
}

static int parse_multipart(uclog_sip *m, uclog_str boundary, struct sip_loc body_loc)
{
    struct cursor c;
    struct sip_loc loc, part_loc;
    size_t ls, le, part_start = 0;
    uint64_t max_parts = uclog__limit(m->ctx, UCLOG_LIMIT_MAX_MIME_PARTS);
    int in_part = 0, found = 0, closed = 0;

    c.d = m->data;
    c.pos = m->body;
    c.end = m->body + m->body_len;
    c.loc = body_loc;
    memset(&part_loc, 0, sizeof(part_loc));
    while (next_line(&c, &ls, &le, &loc)) {
        int kind = delimiter_kind(m->data + ls, le - ls, boundary);
        if (!kind)
            continue;
        found = 1;
        if (in_part) {
            /* The line end in front of a delimiter belongs to the delimiter. */
            size_t e = ls;
            if (e > part_start && m->data[e - 1] == '\n')
                e--;
            if (e > part_start && m->data[e - 1] == '\r')
                e--;
            if (add_part(m, part_start, e, part_loc))
                return UCLOG_E_NOMEM;
            in_part = 0;
        }
        if (kind == 2) {
            closed = 1;
            break;
        }
        if ((uint64_t)m->nparts >= max_parts) {
            if (add_defect(m, UCLOG_DEFECT_SIP_TOO_MANY_PARTS, ls, le - ls, loc))
                return UCLOG_E_NOMEM;
            return UCLOG_OK;
        }
        in_part = 1;
        part_start = c.pos;
        part_loc = c.loc;
    }
    if (!found)
        return add_defect(m, UCLOG_DEFECT_SIP_MULTIPART_NO_DELIMITER, m->body, m->body_len,
                          body_loc);
    if (!closed) {
        if (in_part && add_part(m, part_start, c.end, part_loc))
            return UCLOG_E_NOMEM;
        return add_defect(m, UCLOG_DEFECT_SIP_MULTIPART_UNTERMINATED, c.end, 0, c.loc);
    }
    return UCLOG_OK;
}

/* ------------------------------------------------------------------ */
/* Message                                                             */
/* ------------------------------------------------------------------ */

static int find_start_line(uclog_sip *m, struct cursor *c)
{
    struct sip_loc loc, garbage_loc;
    size_t ls, le, garbage = SIZE_MAX;
    int malformed;

    memset(&garbage_loc, 0, sizeof(garbage_loc));
    while (next_line(c, &ls, &le, &loc)) {
        if (all_blank(m->data + ls, le - ls))
            continue;
        if (read_start_line(m, ls, le, &malformed)) {
            m->start = ls;
            m->start_len = le - ls;
            m->start_loc = loc;
            if (garbage != SIZE_MAX &&
                add_defect(m, UCLOG_DEFECT_SIP_TEXT_BEFORE_START, garbage, ls - garbage,
                           garbage_loc))
                return UCLOG_E_NOMEM;
            if (malformed &&
                add_defect(m, UCLOG_DEFECT_SIP_START_LINE_MALFORMED, ls, le - ls, loc))
                return UCLOG_E_NOMEM;
            return UCLOG_OK;
        }
        if (garbage == SIZE_MAX) {
            garbage = ls;
            garbage_loc = loc;
        }
    }
    return UCLOG_E_FORMAT;
}

static int read_content_length(uclog_sip *m, const struct block *b, uint64_t *cl)
{
    uclog_str v = hdr_value(m, &b->cl);
    int rc = uclog_sip_parse_u64(cl, v);

    /* Only decimal digits; parse_u64 would also take 0x…. */
    if (rc == UCLOG_OK && v.len > 1 && (v.ptr[1] == 'x' || v.ptr[1] == 'X'))
        rc = UCLOG_E_FORMAT;
    if (rc != UCLOG_OK)
        return add_defect(m, UCLOG_DEFECT_SIP_CONTENT_LENGTH_INVALID, b->cl.name,
                          b->cl.end - b->cl.name, b->cl.loc) ? UCLOG_E_NOMEM : UCLOG_E_FORMAT;
    return UCLOG_OK;
}

static int parse_body(uclog_sip *m, const struct block *b)
{
    size_t avail = m->len - b->body;
    uint64_t cl = 0;
    int rc;

    m->body = b->body;
    m->body_len = avail;
    m->body_loc = b->body_loc;
    if (b->has_cl) {
        rc = read_content_length(m, b, &cl);
        if (rc == UCLOG_E_NOMEM)
            return rc;
        if (rc == UCLOG_OK && b->terminated) {
            if (cl < (uint64_t)avail && m->framed) {
                /* The packet's framing holds more: it wins. */
                if (add_defect(m, UCLOG_DEFECT_SIP_BODY_BEYOND_LENGTH, b->body, avail, b->body_loc))
                    return UCLOG_E_NOMEM;
            } else if (cl <= (uint64_t)avail)
                m->body_len = (size_t)cl;
            else if (add_defect(m, UCLOG_DEFECT_SIP_BODY_TRUNCATED, b->body, avail, b->body_loc))
                return UCLOG_E_NOMEM;
        }
    }
    m->end = m->body + m->body_len;
    if (b->has_ct) {
        uclog_str type, params, boundary;
        if (uclog_sip_content_type_parse(&type, NULL, &params, hdr_value(m, &b->ct)) == UCLOG_OK &&
            uclog__str_ieq(type, "multipart")) {
            if (uclog_sip_param(&boundary, params, "boundary") != UCLOG_OK || !boundary.len)
                return add_defect(m, UCLOG_DEFECT_SIP_MULTIPART_NO_BOUNDARY, b->ct.name,
                                  b->ct.end - b->ct.name, b->ct.loc);
            return parse_multipart(m, boundary, b->body_loc);
        }
    }
    return UCLOG_OK;
}

/* Ask for the cache lines of the head of the message before walking it
 * line by line: a message taken from a large log is usually not in the
 * cache, and each line's memchr would otherwise wait for its own miss. */
static void prefetch_head(const char *d, size_t len)
{
#if defined(__GNUC__)
    size_t off, n = len < 2048 ? len : 2048;

    for (off = 0; off < n; off += 64)
        __builtin_prefetch(d + off);
#else
    (void)d;
    (void)len;
#endif
}

static int parse_message(uclog_sip *m)
{
    struct cursor c;
    struct block b;
    int rc;

    prefetch_head(m->data, m->len);
    c.d = m->data;
    c.pos = 0;
    c.end = m->len;
    c.loc.lineno = 0;
    c.loc.line_start = 0;
    rc = find_start_line(m, &c);
    if (rc)
        return rc;
    if (parse_block(m, &c, &b, UCLOG_DEFECT_SIP_HEADERS_UNTERMINATED))
        return UCLOG_E_NOMEM;
    m->nhdr = b.count;
    return parse_body(m, &b);
}

void uclog_sip_free(uclog_sip *m)
{
    if (!m)
        return;
    if (m->hdrs != m->inline_hdrs)
        uclog__free(m->ctx, m->hdrs);
    uclog__free(m->ctx, m->parts);
    uclog__free(m->ctx, m->defects);
    uclog__free(m->ctx, m);
}

static int parse_with(uclog_sip **out, uclog_ctx *ctx, const char *data, size_t len,
                      const uclog_span *base, int framed, int quiet);

int uclog_sip_parse(uclog_sip **out, uclog_ctx *ctx, const char *data, size_t len,
                    const uclog_span *base)
{
    return parse_with(out, ctx, data, len, base, 0, 0);
}

int uclog__sip_parse_framed(uclog_sip **out, uclog_ctx *ctx, const char *data, size_t len,
                            const uclog_span *base)
{
    return parse_with(out, ctx, data, len, base, 1, 0);
}

int uclog__sip_try_parse(uclog_sip **out, uclog_ctx *ctx, const char *data, size_t len,
                         const uclog_span *base)
{
    return parse_with(out, ctx, data, len, base, 0, 1);
}

/* quiet: bytes that are not SIP are an answer the caller recovers from, not an error of the
 * context (only a failing public call records one). */
static int parse_with(uclog_sip **out, uclog_ctx *ctx, const char *data, size_t len,
                      const uclog_span *base, int framed, int quiet)
{
    uclog_sip *m;
    int rc;

    if (out)
        *out = NULL;
    if (!out || !ctx || (!data && len))
        return UCLOG_E_INVALID_ARG;
    m = uclog__malloc(ctx, sizeof(*m));
    if (!m)
        return uclog__error(ctx, UCLOG_E_NOMEM, NULL, "out of memory parsing a SIP message");
    memset(m, 0, offsetof(uclog_sip, inline_hdrs));
    m->hdrs = m->inline_hdrs;
    m->hdr_cap = UCLOG__SIP_INLINE_HDRS;
    m->ctx = ctx;
    m->framed = framed;
    m->data = data ? data : "";
    m->len = len;
    if (base) {
        m->base = *base;
    } else {
        m->base.line = 1;
        m->base.column = 1;
    }
    m->base.length = 0;
    rc = parse_message(m);
    if (rc == UCLOG_E_FORMAT && quiet) {
        uclog_sip_free(m);
        return UCLOG_E_FORMAT;
    }
    if (rc == UCLOG_E_FORMAT) {
        struct sip_loc l0 = {0, 0};
        uclog_span sp = make_span(m, 0, len, l0);
        uclog_sip_free(m);
        return uclog__error(ctx, UCLOG_E_FORMAT, &sp,
                            "no SIP start line in %lu bytes", (unsigned long)len);
    }
    if (rc) {
        uclog_sip_free(m);
        return uclog__error(ctx, rc, NULL, "out of memory parsing a SIP message");
    }
    *out = m;
    return UCLOG_OK;
}

/* ------------------------------------------------------------------ */
/* Accessors                                                           */
/* ------------------------------------------------------------------ */

static const uclog_str absent_str = {NULL, 0};

uint64_t uclog_sip_length(const uclog_sip *m)
{
    return m ? (uint64_t)m->end : 0;
}

int uclog_sip_span(uclog_span *out, const uclog_sip *m)
{
    if (!out || !m)
        return UCLOG_E_INVALID_ARG;
    *out = make_span(m, m->start, m->end - m->start, m->start_loc);
    return UCLOG_OK;
}

int uclog_sip_raw(uclog_str *raw, uclog_span *span, const uclog_sip *m)
{
    if (!raw || !m)
        return UCLOG_E_INVALID_ARG;
    *raw = view(m->data + m->start, m->end - m->start);
    if (span)
        *span = make_span(m, m->start, m->end - m->start, m->start_loc);
    return UCLOG_OK;
}

int uclog_sip_is_request(const uclog_sip *m)
{
    return m ? m->request : 0;
}

int uclog_sip_start_line(uclog_str *line, uclog_span *span, const uclog_sip *m)
{
    if (!line || !m)
        return UCLOG_E_INVALID_ARG;
    *line = view(m->data + m->start, m->start_len);
    if (span)
        *span = make_span(m, m->start, m->start_len, m->start_loc);
    return UCLOG_OK;
}

static void put3(uclog_str *a, uclog_str *b, uclog_str *c, const uclog_str *f)
{
    if (a)
        *a = f ? f[0] : absent_str;
    if (b)
        *b = f ? f[1] : absent_str;
    if (c)
        *c = f ? f[2] : absent_str;
}

int uclog_sip_request_line(uclog_str *method, uclog_str *uri, uclog_str *version,
                           const uclog_sip *m)
{
    put3(method, uri, version, NULL);
    if (!m)
        return UCLOG_E_INVALID_ARG;
    if (!m->request)
        return UCLOG_E_NOT_FOUND;
    put3(method, uri, version, m->f);
    return UCLOG_OK;
}

int uclog_sip_status_line(uclog_str *version, uint32_t *code, uclog_str *reason, const uclog_sip *m)
{
    uclog_str dummy;

    put3(version, &dummy, reason, NULL);
    if (code)
        *code = 0;
    if (!m)
        return UCLOG_E_INVALID_ARG;
    if (m->request)
        return UCLOG_E_NOT_FOUND;
    put3(version, &dummy, reason, m->f);
    if (code)
        *code = m->status;
    return UCLOG_OK;
}

/* Header i of the range [first, first+count). */
static int get_header(uclog_str *name, uclog_str *value, uclog_span *span, const uclog_sip *m,
                      size_t first, size_t count, uint32_t i)
{
    const struct sip_hdr *h;

    if (name)
        *name = absent_str;
    if (value)
        *value = absent_str;
    if (!m || !name)
        return UCLOG_E_INVALID_ARG;
    if (i >= count)
        return UCLOG_E_RANGE;
    h = &m->hdrs[first + i];
    *name = hdr_name(m, h);
    if (value)
        *value = hdr_value(m, h);
    if (span)
        *span = make_span(m, h->name, h->end - h->name, h->loc);
    return UCLOG_OK;
}

static int find_header(uclog_str *value, uint32_t *index, const uclog_sip *m, size_t first,
                       size_t count, const char *name, uint32_t start)
{
    size_t i;

    struct uclog__sip_query q;

    if (value)
        *value = absent_str;
    if (index)
        *index = 0;
    if (!m || !name)
        return UCLOG_E_INVALID_ARG;
    uclog__sip_query_init(&q, name);
    for (i = start; i < count; i++) {
        const struct sip_hdr *h = &m->hdrs[first + i];
        if (uclog__sip_query_matches(&q, hdr_name(m, h))) {
            if (value)
                *value = hdr_value(m, h);
            if (index)
                *index = (uint32_t)i;
            return UCLOG_OK;
        }
    }
    return UCLOG_E_NOT_FOUND;
}

uint32_t uclog_sip_header_count(const uclog_sip *m)
{
    return m ? (uint32_t)m->nhdr : 0;
}

int uclog_sip_header(uclog_str *name, uclog_str *value, uclog_span *span, const uclog_sip *m,
                     uint32_t i)
{
    return get_header(name, value, span, m, 0, m ? m->nhdr : 0, i);
}

int uclog_sip_header_find(uclog_str *value, uint32_t *index, const uclog_sip *m, const char *name,
                          uint32_t start)
{
    return find_header(value, index, m, 0, m ? m->nhdr : 0, name, start);
}

int uclog_sip_find_header(uclog_str *value, uint32_t *index, const uclog_sip *m, const char *name,
                          uint32_t start)
{
    return uclog_sip_header_find(value, index, m, name, start);
}

int uclog_sip_body(uclog_str *body, uclog_span *span, const uclog_sip *m)
{
    if (!body || !m)
        return UCLOG_E_INVALID_ARG;
    *body = view(m->data + m->body, m->body_len);
    if (span)
        *span = make_span(m, m->body, m->body_len, m->body_loc);
    return UCLOG_OK;
}

uint32_t uclog_sip_defect_count(const uclog_sip *m)
{
    return m ? (uint32_t)m->ndefects : 0;
}

int uclog_sip_defect(uclog_defect *out, const uclog_sip *m, uint32_t i)
{
    if (!out || !m)
        return UCLOG_E_INVALID_ARG;
    if (i >= m->ndefects) {
        memset(out, 0, sizeof(*out));
        return UCLOG_E_RANGE;
    }
    *out = m->defects[i];
    return UCLOG_OK;
}

uint32_t uclog_sip_part_count(const uclog_sip *m)
{
    return m ? (uint32_t)m->nparts : 0;
}

int uclog_sip_part_get(const uclog_sip_part **out, const uclog_sip *m, uint32_t i)
{
    if (out)
        *out = NULL;
    if (!out || !m)
        return UCLOG_E_INVALID_ARG;
    if (i >= m->nparts)
        return UCLOG_E_RANGE;
    *out = &m->parts[i];
    return UCLOG_OK;
}

uint32_t uclog_sip_part_header_count(const uclog_sip_part *p)
{
    return p ? (uint32_t)p->nhdr : 0;
}

int uclog_sip_part_header(uclog_str *name, uclog_str *value, uclog_span *span,
                          const uclog_sip_part *p, uint32_t i)
{
    if (!p) {
        if (name)
            *name = absent_str;
        if (value)
            *value = absent_str;
        return UCLOG_E_INVALID_ARG;
    }
    return get_header(name, value, span, p->msg, p->first, p->nhdr, i);
}

int uclog_sip_part_find_header(uclog_str *value, uint32_t *index, const uclog_sip_part *p,
                               const char *name, uint32_t start)
{
    return uclog_sip_part_header_find(value, index, p, name, start);
}

int uclog_sip_part_header_find(uclog_str *value, uint32_t *index, const uclog_sip_part *p,
                               const char *name, uint32_t start)
{
    if (!p) {
        if (value)
            *value = absent_str;
        if (index)
            *index = 0;
        return UCLOG_E_INVALID_ARG;
    }
    return find_header(value, index, p->msg, p->first, p->nhdr, name, start);
}

int uclog_sip_part_body(uclog_str *body, uclog_span *span, const uclog_sip_part *p)
{
    if (!body || !p)
        return UCLOG_E_INVALID_ARG;
    *body = view(p->msg->data + p->body, p->body_len);
    if (span)
        *span = make_span(p->msg, p->body, p->body_len, p->body_loc);
    return UCLOG_OK;
}

int uclog_sip_part_raw(uclog_str *raw, uclog_span *span, const uclog_sip_part *p)
{
    if (!raw || !p)
        return UCLOG_E_INVALID_ARG;
    *raw = view(p->msg->data + p->off, p->len);
    if (span)
        *span = make_span(p->msg, p->off, p->len, p->loc);
    return UCLOG_OK;
}
