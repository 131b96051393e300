/* The grammar of the SDP values read both by the parse pass, which only
 * checks them for defects, and by the accessors, which split them when asked. */
#include "sdp-internal.h"

/* `<nettype> <addrtype> <address>` */
int uclog__sdp_parse_connection(uclog_str *addrtype, uclog_str *address, uclog_str v)
{
    uclog_str f[4]; /* net, addrtype, address, and nothing more */

    if (uclog__split_tokens(f, 4, &v) != 3)
        return 0;
    if (addrtype)
        *addrtype = f[1];
    if (address)
        *address = f[2];
    return 1;
}

/* `<tag> [<role>] <suite> <params…>`; role only for cryptoscale. Bytes up
 * to lim may be read (NULL: the view's end). */
int uclog__sdp_parse_crypto(uint32_t *tag, uclog_str *role, uclog_str *suite, uclog_str *params,
                        uclog_str v, int scale, const char *lim)
{
    uclog_str f[3], t, r = uclog__no_str, s;
    int want = scale ? 3 : 2;
    int nf = uclog__split_tokens_in(f, want, &v, lim ? lim : v.ptr ? v.ptr + v.len : NULL);
    uint32_t n = 0;

    t = nf ? f[0] : uclog__no_str;
    if (uclog__parse_u32(&n, t) != 0 || t.len > 9)
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
int uclog__sdp_parse_diagnostics(uint32_t *id, uclog_str *reason, uclog_str v)
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
    if (uclog__parse_u32(&n, num) != 0)
        return 0;
    if (id)
        *id = n;
    if (reason) {
        static const char key[] = "reason=\"";
        size_t k;
        *reason = uclog__no_str;
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
