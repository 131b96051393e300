/*
 * SIP header value parsers: pure functions on views. They never allocate
 * and never look outside the view they are given.
 */
#include <uclog/sip.h>

#include "internal.h"
#include "sip-internal.h"

static const uclog_str absent_str = {NULL, 0};

static uclog_str view(const char *p, size_t n)
{
    uclog_str s;
    s.ptr = p;
    s.len = n;
    return s;
}

static void put(uclog_str *out, uclog_str v)
{
    if (out)
        *out = v;
}

static int is_blank(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static size_t skip_blanks(const char *s, size_t n, size_t i)
{
    while (i < n && is_blank((unsigned char)s[i]))
        i++;
    return i;
}

/* Index of the quote closing the quoted string opening at s[i], or n. */
static size_t quote_end(const char *s, size_t n, size_t i)
{
    for (i++; i < n; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '"')
            return i;
    }
    return n;
}

/* Index after the element that starts at s[i] when it is a quoted string or
 * an angle-bracketed address; i + 1 otherwise. */
static size_t skip_element(const char *s, size_t n, size_t i)
{
    if (s[i] == '"') {
        size_t e = quote_end(s, n, i);
        return e < n ? e + 1 : n;
    }
    if (s[i] == '<') {
        const char *gt = memchr(s + i, '>', n - i);
        return gt ? (size_t)(gt - s) + 1 : n;
    }
    return i + 1;
}

/* A quoted value without its quotes, or an unquoted one trimmed. */
static uclog_str unquote(uclog_str v)
{
    v = uclog__str_trim(v);
    if (v.len >= 2 && v.ptr[0] == '"' && v.ptr[v.len - 1] == '"') {
        v.ptr++;
        v.len -= 2;
    }
    return v;
}

/*
 * The next `;name[=value]` parameter at or after *pos. With lists set, a
 * top-level comma ends the value and the search (SIP header lists);
 * without, a comma is an ordinary character (diagnostics entries, whose
 * unquoted reasons may hold commas). Returns 1 with a parameter, 0 at the end.
 */
static int param_next(uclog_str *name, uclog_str *val, const char *s, size_t n, size_t *pos,
                      int lists)
{
    size_t i = *pos, ns;

    while (i < n && s[i] != ';') {
        if (s[i] == ',' && lists) {
            *pos = n;
            return 0;
        }
        i = skip_element(s, n, i);
    }
    if (i >= n) {
        *pos = n;
        return 0;
    }
    i = skip_blanks(s, n, i + 1);
    ns = i;
    while (i < n && s[i] != '=' && s[i] != ';' && !(s[i] == ',' && lists) &&
           !is_blank((unsigned char)s[i]))
        i++;
    *name = view(s + ns, i - ns);
    i = skip_blanks(s, n, i);
    if (i < n && s[i] == '=') {
        i = skip_blanks(s, n, i + 1);
        if (i < n && s[i] == '"') {
            size_t e = quote_end(s, n, i);
            *val = view(s + i + 1, e - i - 1);
            i = e < n ? e + 1 : n;
        } else {
            size_t vs = i;
            while (i < n && s[i] != ';' && !(s[i] == ',' && lists))
                i++;
            *val = uclog__str_trim(view(s + vs, i - vs));
            if (!val->ptr)
                *val = view(s + vs, 0);
        }
    } else {
        *val = view(s + i, 0);
    }
    *pos = i;
    return 1;
}

static int find_param(uclog_str *out, uclog_str value, const char *name, int lists)
{
    uclog_str pn, pv;
    size_t pos = 0;

    if (!out || !name || (!value.ptr && value.len))
        return UCLOG_E_INVALID_ARG;
    *out = absent_str;
    if (!value.ptr)
        return UCLOG_E_NOT_FOUND;
    while (param_next(&pn, &pv, value.ptr, value.len, &pos, lists)) {
        if (uclog__str_ieq(pn, name)) {
            *out = pv;
            return UCLOG_OK;
        }
    }
    return UCLOG_E_NOT_FOUND;
}

int uclog_sip_param(uclog_str *out, uclog_str value, const char *name)
{
    return find_param(out, value, name, 1);
}

int uclog_sip_diag_param(uclog_str *out, uclog_str entry, const char *name)
{
    return find_param(out, entry, name, 0);
}

int uclog_sip_list_next(uclog_str *item, uclog_str *rest)
{
    const char *s;
    size_t n, i;

    if (!item || !rest || (!rest->ptr && rest->len))
        return UCLOG_E_INVALID_ARG;
    *item = absent_str;
    s = rest->ptr;
    n = rest->len;
    i = s ? skip_blanks(s, n, 0) : 0;
    if (i >= n) {
        rest->ptr = s ? s + n : s;
        rest->len = 0;
        return UCLOG_DONE;
    }
    {
        size_t start = i;
        while (i < n && s[i] != ',')
            i = skip_element(s, n, i);
        if (i > n)
            i = n;
        *item = uclog__str_trim(view(s + start, i - start));
        if (!item->len)
            *item = view(s + start, 0);
    }
    if (i < n)
        i++;
    rest->ptr = s + i;
    rest->len = n - i;
    return UCLOG_OK;
}

static int parse_digits(uint64_t *out, const char *s, size_t n, int base)
{
    uint64_t v = 0;
    size_t i;

    if (n == 0)
        return UCLOG_E_FORMAT;
    for (i = 0; i < n; i++) {
        int d = base == 16 ? uclog__hex_value((unsigned char)s[i])
                           : (uclog__is_digit((unsigned char)s[i]) ? s[i] - '0' : -1);
        if (d < 0)
            return UCLOG_E_FORMAT;
        if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
            return UCLOG_E_FORMAT;
        v = v * (uint64_t)base + (uint64_t)d;
    }
    *out = v;
    return UCLOG_OK;
}

int uclog_sip_parse_u64(uint64_t *out, uclog_str text)
{
    uclog_str t;
    int rc;

    if (!out || (!text.ptr && text.len))
        return UCLOG_E_INVALID_ARG;
    *out = 0;
    t = uclog__str_trim(text);
    if (t.len > 2 && t.ptr[0] == '0' && (t.ptr[1] == 'x' || t.ptr[1] == 'X'))
        rc = parse_digits(out, t.ptr + 2, t.len - 2, 16);
    else
        rc = parse_digits(out, t.ptr, t.len, 10);
    if (rc)
        *out = 0;
    return rc;
}

int uclog_sip_unfold(char *buf, size_t cap, size_t *needed, uclog_str value)
{
    size_t i, n = 0, run = 0, run_start = 0;
    int brk = 0;

    if ((!buf && cap) || (!value.ptr && value.len))
        return UCLOG_E_INVALID_ARG;
    for (i = 0; i < value.len; i++) {
        char c = value.ptr[i];
        if (c == '\r' || c == '\n') {
            /* Blanks before the break are dropped with it. */
            brk = 1;
            run = 0;
            continue;
        }
        if (c == ' ' || c == '\t') {
            if (!brk && run++ == 0)
                run_start = i;
            continue;
        }
        if (brk) {
            if (n) {
                if (n < cap)
                    buf[n] = ' ';
                n++;
            }
            brk = 0;
        }
        for (; run; run--, run_start++) {
            if (n < cap)
                buf[n] = value.ptr[run_start];
            n++;
        }
        if (n < cap)
            buf[n] = c;
        n++;
    }
    if (needed)
        *needed = n;
    if (cap > n) {
        buf[n] = '\0';
        return UCLOG_OK;
    }
    if (cap)
        buf[cap - 1] = '\0';
    return UCLOG_E_RANGE;
}

int uclog_sip_name_addr_parse(uclog_str *display, uclog_str *uri, uclog_str *params,
                              uclog_str value)
{
    uclog_str v;
    size_t i = 0;

    put(display, absent_str);
    put(uri, absent_str);
    put(params, absent_str);
    if (!value.ptr && value.len)
        return UCLOG_E_INVALID_ARG;
    v = uclog__str_trim(value);
    if (!v.ptr || !v.len)
        return UCLOG_E_FORMAT;
    /* Look for '<' outside quotes, before any parameter. */
    while (i < v.len && v.ptr[i] != '<' && v.ptr[i] != ';') {
        if (v.ptr[i] == '"') {
            size_t e = quote_end(v.ptr, v.len, i);
            i = e < v.len ? e + 1 : v.len;
        } else {
            i++;
        }
    }
    if (i < v.len && v.ptr[i] == '<') {
        const char *gt = memchr(v.ptr + i, '>', v.len - i);
        uclog_str d;
        size_t g;

        if (!gt)
            return UCLOG_E_FORMAT;
        g = (size_t)(gt - v.ptr);
        d = unquote(view(v.ptr, i));
        if (d.len)
            put(display, d);
        put(uri, uclog__str_trim(view(v.ptr + i + 1, g - i - 1)));
        if (uri && !uri->ptr)
            *uri = view(v.ptr + i + 1, 0);
        put(params, view(v.ptr + g + 1, v.len - g - 1));
        return UCLOG_OK;
    }
    /* addr-spec: parameters after the first ';' belong to the header. */
    {
        const char *semi = memchr(v.ptr, ';', v.len);
        size_t u = semi ? (size_t)(semi - v.ptr) : v.len;
        put(uri, uclog__str_trim(view(v.ptr, u)));
        if (uri && !uri->ptr)
            *uri = view(v.ptr, 0);
        put(params, view(v.ptr + u, v.len - u));
    }
    return UCLOG_OK;
}

static int parse_port(uint32_t *out, const char *s, size_t n)
{
    uint64_t v;

    if (parse_digits(&v, s, n, 10) || v > 65535)
        return UCLOG_E_FORMAT;
    *out = (uint32_t)v;
    return UCLOG_OK;
}

int uclog_sip_via_parse(uclog_str *transport, uclog_str *host, uint32_t *port, uclog_str *params,
                        uclog_str entry)
{
    return uclog__sip_via_parse(transport, host, port, params, entry);
}

int uclog_sip_via_entry_parse(uclog_str *transport, uclog_str *host, uint16_t *port, uclog_str *params,
                              uclog_str entry)
{
    uint32_t p = 0; /* at most 65535: parse_port() refuses more */
    int rc = uclog__sip_via_parse(transport, host, &p, params, entry);

    if (port)
        *port = (uint16_t)p;
    return rc;
}

int uclog__sip_via_parse(uclog_str *transport, uclog_str *host, uint32_t *port, uclog_str *params,
                         uclog_str entry)
{
    uclog_str v, h = absent_str, t;
    size_t i = 0, ps, hs, he;
    const char *slash;
    uint32_t pn = 0;

    put(transport, absent_str);
    put(host, absent_str);
    put(params, absent_str);
    if (port)
        *port = 0;
    if (!entry.ptr && entry.len)
        return UCLOG_E_INVALID_ARG;
    v = uclog__str_trim(entry);
    if (!v.ptr || !v.len)
        return UCLOG_E_FORMAT;
    while (i < v.len && !is_blank((unsigned char)v.ptr[i]))
        i++;
    t = view(v.ptr, i);
    slash = NULL;
    for (ps = 0; ps < t.len; ps++)
        if (t.ptr[ps] == '/')
            slash = t.ptr + ps;
    if (!slash || slash == t.ptr + t.len - 1)
        return UCLOG_E_FORMAT;
    t = view(slash + 1, (size_t)(t.ptr + t.len - slash - 1));
    i = skip_blanks(v.ptr, v.len, i);
    hs = i;
    if (i < v.len && v.ptr[i] == '[') {
        const char *rb = memchr(v.ptr + i, ']', v.len - i);
        if (!rb)
            return UCLOG_E_FORMAT;
        h = view(v.ptr + i + 1, (size_t)(rb - v.ptr) - i - 1);
        i = (size_t)(rb - v.ptr) + 1;
        he = i;
        while (i < v.len && v.ptr[i] != ';' && !is_blank((unsigned char)v.ptr[i]))
            i++;
        if (i > he && (v.ptr[he] != ':' || parse_port(&pn, v.ptr + he + 1, i - he - 1)))
            return UCLOG_E_FORMAT;
    } else {
        const char *colon;
        while (i < v.len && v.ptr[i] != ';' && !is_blank((unsigned char)v.ptr[i]))
            i++;
        he = i;
        colon = he > hs ? memchr(v.ptr + hs, ':', he - hs) : NULL;
        if (colon) {
            size_t c = (size_t)(colon - v.ptr);
            if (parse_port(&pn, v.ptr + c + 1, he - c - 1))
                return UCLOG_E_FORMAT;
            he = c;
        }
        h = view(v.ptr + hs, he - hs);
    }
    if (!h.len)
        return UCLOG_E_FORMAT;
    i = skip_blanks(v.ptr, v.len, i);
    put(transport, t);
    put(host, h);
    if (port)
        *port = pn;
    put(params, view(v.ptr + i, v.len - i));
    return UCLOG_OK;
}

int uclog_sip_content_type_parse(uclog_str *type, uclog_str *subtype, uclog_str *params,
                                 uclog_str value)
{
    uclog_str v;
    const char *semi, *slash;
    size_t end;

    put(type, absent_str);
    put(subtype, absent_str);
    put(params, absent_str);
    if (!value.ptr && value.len)
        return UCLOG_E_INVALID_ARG;
    v = uclog__str_trim(value);
    if (!v.ptr || !v.len)
        return UCLOG_E_FORMAT;
    semi = memchr(v.ptr, ';', v.len);
    end = semi ? (size_t)(semi - v.ptr) : v.len;
    slash = memchr(v.ptr, '/', end);
    if (!slash)
        return UCLOG_E_FORMAT;
    put(type, uclog__str_trim(view(v.ptr, (size_t)(slash - v.ptr))));
    put(subtype, uclog__str_trim(view(slash + 1, (size_t)(v.ptr + end - slash - 1))));
    put(params, view(v.ptr + end, v.len - end));
    return UCLOG_OK;
}

int uclog_sip_auth_parse(uclog_str *scheme, uclog_str *params, uclog_str value)
{
    uclog_str v;
    size_t i = 0;

    put(scheme, absent_str);
    put(params, absent_str);
    if (!value.ptr && value.len)
        return UCLOG_E_INVALID_ARG;
    v = uclog__str_trim(value);
    if (!v.ptr || !v.len)
        return UCLOG_E_FORMAT;
    while (i < v.len && !is_blank((unsigned char)v.ptr[i]) && v.ptr[i] != ',' && v.ptr[i] != '=')
        i++;
    if (i < v.len && v.ptr[i] == '=') {
        /* No scheme (Authentication-Info may have none): all parameters. */
        put(params, v);
        return UCLOG_OK;
    }
    put(scheme, view(v.ptr, i));
    i = skip_blanks(v.ptr, v.len, i);
    put(params, view(v.ptr + i, v.len - i));
    return UCLOG_OK;
}

int uclog_sip_auth_param(uclog_str *out, uclog_str params, const char *name)
{
    uclog_str rest = params, item;

    if (!out || !name || (!params.ptr && params.len))
        return UCLOG_E_INVALID_ARG;
    *out = absent_str;
    while (uclog_sip_list_next(&item, &rest) == UCLOG_OK) {
        size_t i = 0;
        while (i < item.len && item.ptr[i] != '=' && !is_blank((unsigned char)item.ptr[i]))
            i++;
        if (!uclog__str_ieq(view(item.ptr, i), name))
            continue;
        i = skip_blanks(item.ptr, item.len, i);
        if (i < item.len && item.ptr[i] == '=') {
            uclog_str v = view(item.ptr + i + 1, item.len - i - 1);
            v = unquote(v);
            *out = v.ptr ? v : view(item.ptr + item.len, 0);
        } else {
            *out = view(item.ptr + item.len, 0);
        }
        return UCLOG_OK;
    }
    return UCLOG_E_NOT_FOUND;
}

int uclog_sip_diag_parse(uint32_t *error_id, uint32_t *sub_id, uclog_str *reason,
                         uclog_str *source, uclog_str entry)
{
    uclog_str v, r, s;
    uint64_t id = 0, sub = 0;
    size_t i = 0, j;
    int has_sub = 0;

    if (error_id)
        *error_id = 0;
    if (sub_id)
        *sub_id = UCLOG_SIP_DIAG_NO_SUB_ID;
    put(reason, absent_str);
    put(source, absent_str);
    if (!entry.ptr && entry.len)
        return UCLOG_E_INVALID_ARG;
    v = uclog__str_trim(entry);
    while (i < v.len && uclog__is_digit((unsigned char)v.ptr[i]))
        i++;
    if (parse_digits(&id, v.ptr, i, 10) || id > UINT32_MAX)
        return UCLOG_E_FORMAT;
    if (i < v.len && v.ptr[i] == '.') {
        j = ++i;
        while (i < v.len && uclog__is_digit((unsigned char)v.ptr[i]))
            i++;
        if (parse_digits(&sub, v.ptr + j, i - j, 10) || sub >= UINT32_MAX)
            return UCLOG_E_FORMAT;
        has_sub = 1;
    }
    if (error_id)
        *error_id = (uint32_t)id;
    if (sub_id && has_sub)
        *sub_id = (uint32_t)sub;
    if (reason && uclog_sip_diag_param(&r, v, "reason") == UCLOG_OK)
        *reason = r;
    if (source && uclog_sip_diag_param(&s, v, "source") == UCLOG_OK)
        *source = s;
    return UCLOG_OK;
}

/* Search one packed media debug list `audio:Key=v,Key=v,…` for key. */
static int media_list_find(uclog_str *value, uclog_str *media, uclog_str list, const char *key)
{
    uclog_str rest = list, item, cur_media = absent_str;

    while (uclog_sip_list_next(&item, &rest) == UCLOG_OK) {
        const char *eq = memchr(item.ptr, '=', item.len);
        size_t klen = eq ? (size_t)(eq - item.ptr) : item.len;
        const char *colon = memchr(item.ptr, ':', klen);

        if (colon) {
            /* A media prefix: it applies to this item and the ones after it. */
            cur_media = uclog__str_trim(view(item.ptr, (size_t)(colon - item.ptr)));
            item = view(colon + 1, item.len - (size_t)(colon + 1 - item.ptr));
            klen = eq ? (size_t)(eq - item.ptr) : item.len;
        }
        if (uclog__str_ieq(uclog__str_trim(view(item.ptr, klen)), key)) {
            uclog_str v = eq ? unquote(view(eq + 1, item.len - klen - 1)) : absent_str;
            *value = v.ptr ? v : view(item.ptr + item.len, 0);
            if (media)
                *media = cur_media.len ? cur_media : absent_str;
            return UCLOG_OK;
        }
    }
    return UCLOG_E_NOT_FOUND;
}

int uclog_sip_diag_media_debug(uclog_str *value, uclog_str *media, uclog_str entry, const char *key)
{
    uclog_str pn, pv;
    size_t pos = 0;

    if (!value || !key || (!entry.ptr && entry.len))
        return UCLOG_E_INVALID_ARG;
    *value = absent_str;
    put(media, absent_str);
    if (!entry.ptr)
        return UCLOG_E_NOT_FOUND;
    while (param_next(&pn, &pv, entry.ptr, entry.len, &pos, 0)) {
        if (!uclog__str_ieq(pn, "CallerMediaDebug") && !uclog__str_ieq(pn, "CalleeMediaDebug"))
            continue;
        if (media_list_find(value, media, pv, key) == UCLOG_OK)
            return UCLOG_OK;
    }
    if (uclog_sip_diag_param(value, entry, key) == UCLOG_OK)
        return UCLOG_OK;
    return UCLOG_E_NOT_FOUND;
}
