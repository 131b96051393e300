/* What a parsed SDP body tells: its lines and defects, the session and
 * media levels, and the attributes read from them on demand. */
#include "sdp-internal.h"

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
        *out = uclog__no_str;
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
        if (sdp->lines[i].type == 'c' && uclog__sdp_parse_connection(addrtype, address, sdp->lines[i].value))
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
        *value = uclog__no_str;
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
        *out = uclog__no_str;
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
            if (!(f[k] = uclog__next_token(&rest)).ptr)
                break;
        if (k < 6 || uclog__next_token(&rest).ptr)
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
        *out = media ? media->type : uclog__no_str;
}

uint16_t uclog_sdp_media_port(const uclog_sdp_media *media)
{
    return media ? media->port : 0;
}

void uclog_sdp_media_proto(uclog_str *out, const uclog_sdp_media *media)
{
    if (out)
        *out = media ? media->proto : uclog__no_str;
}

uint32_t uclog_sdp_media_format_count(const uclog_sdp_media *media)
{
    uclog_str rest;
    uint32_t n = 0;

    if (!media)
        return 0;
    rest = media->formats;
    while (uclog__next_token(&rest).ptr)
        n++;
    return n;
}

int uclog_sdp_media_format(uclog_str *out, const uclog_sdp_media *media, uint32_t i)
{
    uclog_str rest, t;
    uint32_t k = 0;

    if (out)
        *out = uclog__no_str;
    if (!media)
        return UCLOG_E_INVALID_ARG;
    rest = media->formats;
    while ((t = uclog__next_token(&rest)).ptr) {
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
        *out = uclog__no_str;
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
        *method = uclog__no_str;
    if (key)
        *key = uclog__no_str;
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
        if (!a->value.ptr || !uclog__sdp_parse_crypto(NULL, NULL, NULL, NULL, a->value, scale, NULL))
            continue;
        if (!count && n == i) {
            if (kind)
                *kind = scale ? UCLOG_SDP_CRYPTO_SCALE : UCLOG_SDP_CRYPTO_SDES;
            uclog__sdp_parse_crypto(tag, role, suite, params, a->value, scale, NULL);
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
        *role = uclog__no_str;
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
            !uclog__sdp_parse_diagnostics(error_id, reason, a->value))
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
        *reason = uclog__no_str;
    if (raw)
        *raw = uclog__no_str;
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
        *out = uclog__no_str;
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


