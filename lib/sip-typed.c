/*
 * Typed SIP header helpers: each finds a header and splits its value with
 * the parsers of sip-value.c. Nothing here allocates.
 */
#include "match.h"
#include "sip-internal.h"

static const uclog_str absent_str = {NULL, 0};

static void put(uclog_str *out, uclog_str v)
{
    if (out)
        *out = v;
}

/* The first header called name, trimmed. */
static int value_of(uclog_str *out, const uclog_sip *m, const char *name)
{
    *out = absent_str;
    if (!m)
        return UCLOG_E_INVALID_ARG;
    return uclog_sip_header_find(out, NULL, m, name, 0);
}

int uclog_sip_call_id(uclog_str *out, const uclog_sip *m)
{
    if (!out)
        return UCLOG_E_INVALID_ARG;
    return value_of(out, m, "Call-ID");
}

int uclog_sip_cseq(uint32_t *number, uclog_str *method, const uclog_sip *m)
{
    uclog_str v;
    uint64_t n;
    size_t i = 0;
    int rc;

    if (number)
        *number = 0;
    put(method, absent_str);
    rc = value_of(&v, m, "CSeq");
    if (rc)
        return rc;
    while (i < v.len && uclog__is_digit((unsigned char)v.ptr[i]))
        i++;
    {
        uclog_str digits;
        digits.ptr = v.ptr;
        digits.len = i;
        if (i == 0 || uclog_sip_parse_u64(&n, digits) || n > UINT32_MAX)
            return UCLOG_E_FORMAT;
    }
    if (number)
        *number = (uint32_t)n;
    if (method) {
        uclog_str rest;
        rest.ptr = v.ptr + i;
        rest.len = v.len - i;
        *method = uclog__str_trim(rest);
        if (!method->ptr)
            method->ptr = v.ptr + v.len;
    }
    return UCLOG_OK;
}

static int address(uclog_str *display, uclog_str *uri, uclog_str *tag, uclog_str *epid,
                   const uclog_sip *m, const char *name)
{
    uclog_str v, params;
    int rc;

    put(display, absent_str);
    put(uri, absent_str);
    put(tag, absent_str);
    put(epid, absent_str);
    rc = value_of(&v, m, name);
    if (rc)
        return rc;
    rc = uclog_sip_name_addr_parse(display, uri, &params, v);
    if (rc)
        return rc;
    if (tag && uclog_sip_param(tag, params, "tag"))
        *tag = absent_str;
    if (epid && uclog_sip_param(epid, params, "epid"))
        *epid = absent_str;
    return UCLOG_OK;
}

int uclog_sip_from(uclog_str *display, uclog_str *uri, uclog_str *tag, uclog_str *epid,
                   const uclog_sip *m)
{
    return address(display, uri, tag, epid, m, "From");
}

int uclog_sip_to(uclog_str *display, uclog_str *uri, uclog_str *tag, uclog_str *epid,
                 const uclog_sip *m)
{
    return address(display, uri, tag, epid, m, "To");
}

int uclog_sip_contact(uclog_str *display, uclog_str *uri, uclog_str *params, const uclog_sip *m)
{
    uclog_str v, item;
    int rc;

    put(display, absent_str);
    put(uri, absent_str);
    put(params, absent_str);
    rc = value_of(&v, m, "Contact");
    if (rc)
        return rc;
    if (uclog_sip_list_next(&item, &v) != UCLOG_OK)
        return UCLOG_E_FORMAT;
    return uclog_sip_name_addr_parse(display, uri, params, item);
}

/* Via entry i (counting across headers and commas); *count gets the total
 * seen when i is past the end. */
static int via_entry(uclog_str *entry, uint32_t *count, const uclog_sip *m, uint32_t i)
{
    uint32_t n = 0, idx = 0;
    uclog_str v, item;

    while (uclog_sip_header_find(&v, &idx, m, "Via", idx) == UCLOG_OK) {
        while (uclog_sip_list_next(&item, &v) == UCLOG_OK) {
            if (n == i) {
                *entry = item;
                return UCLOG_OK;
            }
            n++;
        }
        idx++;
    }
    *count = n;
    return UCLOG_E_RANGE;
}

uint32_t uclog_sip_via_count(const uclog_sip *m)
{
    uclog_str e;
    uint32_t n = 0;

    if (!m)
        return 0;
    via_entry(&e, &n, m, UINT32_MAX);
    return n;
}

int uclog_sip_via_entry(uclog_str *transport, uclog_str *host, uint16_t *port, uclog_str *params,
                        const uclog_sip *m, uint32_t i)
{
    uclog_str e;
    uint32_t n, p = 0;
    int rc;

    put(transport, absent_str);
    put(host, absent_str);
    put(params, absent_str);
    if (port)
        *port = 0;
    if (!m)
        return UCLOG_E_INVALID_ARG;
    rc = via_entry(&e, &n, m, i);
    if (rc)
        return rc;
    rc = uclog__sip_via_parse(transport, host, &p, params, e);
    if (port)
        *port = (uint16_t)p; /* at most 65535 */
    return rc;
}

int uclog_sip_via(uclog_str *transport, uclog_str *host, uint32_t *port, uclog_str *params,
                  const uclog_sip *m, uint32_t i)
{
    uclog_str e;
    uint32_t n;
    int rc;

    put(transport, absent_str);
    put(host, absent_str);
    put(params, absent_str);
    if (port)
        *port = 0;
    if (!m)
        return UCLOG_E_INVALID_ARG;
    rc = via_entry(&e, &n, m, i);
    if (rc)
        return rc;
    return uclog__sip_via_parse(transport, host, port, params, e);
}

int uclog_sip_content_type(uclog_str *type, uclog_str *subtype, uclog_str *params,
                           const uclog_sip *m)
{
    uclog_str v;
    int rc;

    put(type, absent_str);
    put(subtype, absent_str);
    put(params, absent_str);
    rc = value_of(&v, m, "Content-Type");
    if (rc)
        return rc;
    return uclog_sip_content_type_parse(type, subtype, params, v);
}

int uclog_sip_content_length(uint64_t *out, const uclog_sip *m)
{
    uclog_str v;
    int rc;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = 0;
    rc = value_of(&v, m, "Content-Length");
    if (rc)
        return rc;
    if (v.len > 1 && (v.ptr[1] == 'x' || v.ptr[1] == 'X'))
        return UCLOG_E_FORMAT;
    return uclog_sip_parse_u64(out, v);
}

/* `word;params`: the word trimmed, the parameters from the first ';'. */
static void split_word(uclog_str *word, uclog_str *params, uclog_str v)
{
    const char *semi = memchr(v.ptr, ';', v.len);
    size_t n = semi ? (size_t)(semi - v.ptr) : v.len;
    uclog_str w;

    w.ptr = v.ptr;
    w.len = n;
    w = uclog__str_trim(w);
    if (!w.ptr)
        w.ptr = v.ptr;
    put(word, w);
    if (params) {
        params->ptr = v.ptr + n;
        params->len = v.len - n;
    }
}

int uclog_sip_event(uclog_str *package, uclog_str *params, const uclog_sip *m)
{
    uclog_str v;
    int rc;

    put(package, absent_str);
    put(params, absent_str);
    rc = value_of(&v, m, "Event");
    if (rc)
        return rc;
    split_word(package, params, v);
    return UCLOG_OK;
}

int uclog_sip_expires(uint32_t *out, const uclog_sip *m)
{
    uclog_str v;
    uint64_t n;
    int rc;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = 0;
    rc = value_of(&v, m, "Expires");
    if (rc)
        return rc;
    if ((v.len > 1 && (v.ptr[1] == 'x' || v.ptr[1] == 'X')) || uclog_sip_parse_u64(&n, v) ||
        n > UINT32_MAX)
        return UCLOG_E_FORMAT;
    *out = (uint32_t)n;
    return UCLOG_OK;
}

int uclog_sip_user_agent(uclog_str *out, const uclog_sip *m)
{
    if (!out)
        return UCLOG_E_INVALID_ARG;
    return value_of(out, m, "User-Agent");
}

int uclog_sip_server(uclog_str *out, const uclog_sip *m)
{
    if (!out)
        return UCLOG_E_INVALID_ARG;
    return value_of(out, m, "Server");
}

int uclog_sip_logon_data(uclog_str *out, const uclog_sip *m)
{
    if (!out)
        return UCLOG_E_INVALID_ARG;
    return value_of(out, m, "ms-user-logon-data");
}

int uclog_sip_is_remote_user(const uclog_sip *m)
{
    uclog_str v;
    uint32_t idx = 0;

    if (!m)
        return 0;
    while (uclog_sip_header_find(&v, &idx, m, "ms-user-logon-data", idx) == UCLOG_OK) {
        uclog_str w;
        split_word(&w, NULL, v);
        if (uclog__str_ieq(w, "RemoteUser"))
            return 1;
        idx++;
    }
    return 0;
}

int uclog_sip_endpoint_location(uclog_str *scope, uclog_str *media_location_type,
                                const uclog_sip *m)
{
    uclog_str v, params;
    int rc;

    put(scope, absent_str);
    put(media_location_type, absent_str);
    rc = value_of(&v, m, "ms-endpoint-location-data");
    if (rc)
        return rc;
    split_word(scope, &params, v);
    if (media_location_type &&
        uclog_sip_param(media_location_type, params, "ms-media-location-type"))
        *media_location_type = absent_str;
    return UCLOG_OK;
}

/* ------------------------------------------------------------------ */
/* Diagnostics family                                                  */
/* ------------------------------------------------------------------ */

/* The header of each ::uclog_sip_diag_kind, by its value. */
static const char *const diag_kind_names[] = {NULL, "ms-diagnostics", "ms-diagnostics-public",
                                              "ms-client-diagnostics"};

static uint32_t diag_kind(uclog_str name)
{
    uint32_t k;

    for (k = UCLOG_SIP_DIAG_SERVER; k <= UCLOG_SIP_DIAG_CLIENT; k++)
        if (uclog__str_ieq(name, diag_kind_names[k]))
            return k;
    return 0;
}

const char *uclog_sip_diag_kind_name(uint32_t kind)
{
    return kind >= UCLOG_SIP_DIAG_SERVER && kind <= UCLOG_SIP_DIAG_CLIENT ? diag_kind_names[kind] : "unknown";
}

/*
 * The next entry of a diagnostics value. Entries are split at a top-level
 * comma only when what follows starts with a digit: an unquoted reason may
 * hold commas of its own.
 */
static int diag_next(uclog_str *entry, uclog_str *rest)
{
    uclog_str item, peek, nxt;

    if (uclog_sip_list_next(&item, rest) != UCLOG_OK)
        return UCLOG_DONE;
    *entry = item;
    for (;;) {
        peek = *rest;
        if (uclog_sip_list_next(&nxt, &peek) != UCLOG_OK)
            break;
        if (nxt.len && uclog__is_digit((unsigned char)nxt.ptr[0]))
            break;
        entry->len = (size_t)(nxt.ptr + nxt.len - entry->ptr);
        *rest = peek;
    }
    return UCLOG_OK;
}

/* Entry i; *count gets the total when i is past the end. */
static int diag_entry(uclog_str *entry, uint32_t *kind, uint32_t *count, const uclog_sip *m,
                      uint32_t i)
{
    uint32_t h, n = 0, nh = uclog_sip_header_count(m);

    for (h = 0; h < nh; h++) {
        uclog_str name, v, e;
        uint32_t k;

        uclog_sip_header(&name, &v, NULL, m, h);
        k = diag_kind(name);
        if (!k)
            continue;
        while (diag_next(&e, &v) == UCLOG_OK) {
            if (n == i) {
                *entry = e;
                *kind = k;
                return UCLOG_OK;
            }
            n++;
        }
    }
    *count = n;
    return UCLOG_E_RANGE;
}

uint32_t uclog_sip_diag_count(const uclog_sip *m)
{
    uclog_str e;
    uint32_t k, n = 0;

    if (!m)
        return 0;
    diag_entry(&e, &k, &n, m, UINT32_MAX);
    return n;
}

int uclog_sip_diag(uclog_str *entry, uint32_t *kind, const uclog_sip *m, uint32_t i)
{
    uint32_t k = 0, n;
    int rc;

    if (kind)
        *kind = 0;
    if (!entry || !m) {
        if (entry)
            *entry = absent_str;
        return UCLOG_E_INVALID_ARG;
    }
    *entry = absent_str;
    rc = diag_entry(entry, &k, &n, m, i);
    if (rc == UCLOG_OK && kind)
        *kind = k;
    return rc;
}

/* ------------------------------------------------------------------ */
/* Parts                                                               */
/* ------------------------------------------------------------------ */

int uclog_sip_part_content_type(uclog_str *type, uclog_str *subtype, uclog_str *params,
                                const uclog_sip_part *p)
{
    uclog_str v;
    int rc;

    put(type, absent_str);
    put(subtype, absent_str);
    put(params, absent_str);
    if (!p)
        return UCLOG_E_INVALID_ARG;
    rc = uclog_sip_part_header_find(&v, NULL, p, "Content-Type", 0);
    if (rc)
        return rc;
    return uclog_sip_content_type_parse(type, subtype, params, v);
}

int uclog_sip_part_disposition(uclog_str *type, uclog_str *params, const uclog_sip_part *p)
{
    uclog_str v;
    int rc;

    put(type, absent_str);
    put(params, absent_str);
    if (!p)
        return UCLOG_E_INVALID_ARG;
    rc = uclog_sip_part_header_find(&v, NULL, p, "Content-Disposition", 0);
    if (rc)
        return rc;
    split_word(type, params, v);
    return UCLOG_OK;
}

int uclog_sip_part_is_2007_fallback(const uclog_sip_part *p)
{
    uclog_str params, flag;

    if (uclog_sip_part_disposition(NULL, &params, p) != UCLOG_OK)
        return 0;
    return uclog_sip_param(&flag, params, "ms-proxy-2007fallback") == UCLOG_OK;
}

int uclog_sip_part_content_id(uclog_str *out, const uclog_sip_part *p)
{
    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = absent_str;
    if (!p)
        return UCLOG_E_INVALID_ARG;
    return uclog_sip_part_header_find(out, NULL, p, "Content-ID", 0);
}

/* ------------------------------------------------------------------ */
/* Transactions                                                        */
/* ------------------------------------------------------------------ */

int uclog_sip_is_response_to(const uclog_sip *response, const uclog_sip *request)
{
    uclog_str c1, c2, m1, m2;
    uint32_t n1, n2;

    if (!response || !request || response->request || !request->request)
        return 0;
    if (uclog_sip_call_id(&c1, response) || uclog_sip_call_id(&c2, request))
        return 0;
    if (c1.len != c2.len || memcmp(c1.ptr, c2.ptr, c1.len) != 0)
        return 0;
    if (uclog_sip_cseq(&n1, &m1, response) || uclog_sip_cseq(&n2, &m2, request))
        return 0;
    return uclog__match_cseq(n2, m2, n1, m1);
}
