/* Where the secrets of a log's text are: authentication header tokens,
 * MRAS credentials, SRTP keys, ICE passwords. One line at a time; what a
 * line leaves open (a folded header, an element cut by a line end) is
 * carried in uclog__secret_state. */
#include <string.h>

#include <uclog/sip.h>

#include "internal.h"
#include "redact-internal.h"
#include "sip-internal.h"

/* The line starts with lit, ignoring ASCII case (lit in lower case). */
static int starts_ieq(const char *p, size_t n, const char *lit)
{
    size_t i, m = strlen(lit);

    if (n < m)
        return 0;
    for (i = 0; i < m; i++)
        if (uclog__to_lower((unsigned char)p[i]) != (unsigned char)lit[i])
            return 0;
    return 1;
}

static size_t skip_space(const char *p, size_t i, size_t n)
{
    while (i < n && uclog__is_space((unsigned char)p[i]))
        i++;
    return i;
}

/* Report [a, b) trimmed of spaces (and a CR), when anything is left; 1 when reported. */
static int report(const char *p, size_t a, size_t b, int32_t kind, uclog__redact_hit_fn hit, void *u)
{
    while (a < b && (uclog__is_space((unsigned char)p[a]) || p[a] == '\r'))
        a++;
    while (b > a && (uclog__is_space((unsigned char)p[b - 1]) || p[b - 1] == '\r'))
        b--;
    if (b > a)
        hit(u, a, b - a, kind);
    return b > a;
}

/* ---- authentication headers ------------------------------------------ */

static const char *const auth_headers[] = {
    "authorization", "proxy-authorization", "www-authenticate", "proxy-authenticate",
    "authentication-info",
};

/* Whether c may be the first byte of one of auth_headers' names (A, P or W). */
static int starts_auth_header_name(int c)
{
    c = uclog__to_lower(c);
    return c == 'a' || c == 'p' || c == 'w';
}

/* Parameters that carry a token, a signature or a server's state; realm,
 * targetname, version, qop, cnum/snum, crand/srand stay (a reader of a
 * challenge needs them, and they open nothing). */
static const char *const auth_secret_params[] = {
    "gssapi-data", "response", "rspauth", "opaque", "nonce", "cnonce", "signature", "token",
};

static int is_token68_char(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
}

static int is_secret_param(const char *p, size_t n)
{
    size_t k, m;

    for (k = 0; k < sizeof auth_secret_params / sizeof *auth_secret_params; k++) {
        m = strlen(auth_secret_params[k]);
        if (m == n && starts_ieq(p, n, auth_secret_params[k]))
            return 1;
    }
    return 0;
}

/* `response=` (a secret parameter's name and one '=') and nothing else: the parameter, whose value
 * a fold puts on the next line, not a token with its padding. */
static int is_name_alone(const char *p, size_t n)
{
    return n >= 2 && p[n - 1] == '=' && is_secret_param(p, n - 1);
}

/* The end of a quoted value that starts at p[i] (its closing quote, or n). */
static size_t quoted_end(const char *p, size_t i, size_t n)
{
    while (i < n && p[i] != '"')
        i += (p[i] == '\\' && i + 1 < n) ? 2 : 1;
    return i < n ? i : n;
}

/* The end of a list item that starts at p[i]: the next comma outside a quoted string or an
 * <...>, as uclog_sip_list_next() splits a header's value, or n; *open is set when a quoted string
 * is still open at n. */
static size_t item_end(const char *p, size_t i, size_t n, int *open)
{
    *open = 0;
    while (i < n && p[i] != ',') {
        if (p[i] == '"') {
            size_t e = quoted_end(p, i + 1, n);
            if (e >= n) {
                *open = 1;
                return n;
            }
            i = e + 1;
        } else if (p[i] == '<') {
            const char *gt = memchr(p + i, '>', n - i);
            i = gt ? (size_t)(gt - p) + 1 : n;
        } else {
            i++;
        }
    }
    return i;
}

static int is_blank_cr(int c)
{
    return uclog__is_space(c) || c == '\r';
}

static size_t skip_blank_cr(const char *p, size_t i, size_t n)
{
    while (i < n && is_blank_cr((unsigned char)p[i]))
        i++;
    return i;
}

/* The looser reading of parameters, as a person reads them: `name=value` wherever a blank, a
 * comma or a CR ends a word, a value ending at the next of them or at its closing quote. It finds
 * a secret parameter the reader takes as part of an earlier, malformed value. */
/* A value of the looser reading at p[i]: to its closing quote, or to the next comma, blank or CR;
 * reported when secret. Returns where the reading goes on. */
static size_t loose_value(const char *p, size_t i, size_t n, int secret, uclog__redact_hit_fn hit, void *u)
{
    size_t v;

    if (i < n && p[i] == '"') {
        v = ++i;
        i = quoted_end(p, i, n);
        if (secret)
            report(p, v, i, UCLOG_REDACT_AUTH_TOKEN, hit, u);
        return i < n ? i + 1 : i;
    }
    for (v = i; i < n && p[i] != ',' && !is_blank_cr((unsigned char)p[i]); i++)
        ;
    if (secret)
        report(p, v, i, UCLOG_REDACT_AUTH_TOKEN, hit, u);
    return i;
}

static void auth_params_loose(const char *p, size_t i, size_t n, struct uclog__secret_state *st,
                              uclog__redact_hit_fn hit, void *u)
{
    if (st->value_next) {
        /* a secret's `name=` ended the line before: its value starts this folded line */
        st->value_next = 0;
        i = loose_value(p, skip_blank_cr(p, i, n), n, 1, hit, u);
    }
    while (i < n) {
        size_t name, name_end;
        int secret;

        while (i < n && (is_blank_cr((unsigned char)p[i]) || p[i] == ','))
            i++;
        name = i;
        while (i < n && p[i] != '=' && p[i] != ',' && !is_blank_cr((unsigned char)p[i]))
            i++;
        name_end = i;
        i = skip_space(p, i, n);
        if (i >= n || p[i] != '=') {
            if (i == name) /* a bare word (a scheme after a comma): go on after it */
                i++;
            continue;
        }
        secret = is_secret_param(p + name, name_end - name);
        i = skip_space(p, i + 1, n);
        if (i >= n && secret) {
            st->value_next = 1; /* the value, if any, is on the next line (a fold) */
            break;
        }
        i = loose_value(p, i, n, secret, hit, u);
    }
}

/* Parameters as the SIP reader reads them: the list's items cut as uclog_sip_list_next() cuts
 * them (quotes and <...> anywhere in an item count), each value as uclog_sip_auth_param() takes
 * it (the rest of the item, trimmed; without its quotes when it starts and ends with one). A
 * quoted value a line leaves open goes on in the next line of the header (st->quote: 1 a
 * secret's, 2 another's), to the end of its item there. */
static void auth_params_items(const char *p, size_t i, size_t n, struct uclog__secret_state *st,
                              uclog__redact_hit_fn hit, void *u)
{
    if (st->quote) {
        size_t e = quoted_end(p, i, n), end = n;
        int open = 1;

        if (e < n)
            end = item_end(p, e + 1, n, &open);
        if (st->quote == 1) {
            size_t ve = end; /* the value ends at its closing quote, or with the item after it */
            while (ve > e + 1 && is_blank_cr((unsigned char)p[ve - 1]))
                ve--;
            report(p, i, e < n && ve == e + 1 ? e : end, UCLOG_REDACT_AUTH_TOKEN, hit, u);
        }
        if (open)
            return; /* still open */
        st->quote = 0;
        i = end;
    }
    while (i < n) {
        size_t start, e, name, name_end, v, ve;
        int open, secret;

        while (i < n && (is_blank_cr((unsigned char)p[i]) || p[i] == ','))
            i++;
        if (i >= n)
            break;
        start = i;
        e = item_end(p, start, n, &open);
        /* its parameter's name: the first word followed by '=' (a scheme may come before it) */
        for (name = start;;) {
            while (i < e && p[i] != '=' && !is_blank_cr((unsigned char)p[i]))
                i++;
            name_end = i;
            i = skip_blank_cr(p, i, e);
            if (i >= e || p[i] == '=')
                break;
            name = i;
        }
        if (open)
            st->quote = 2;
        if (i >= e) {
            i = e;
            continue;
        }
        secret = is_secret_param(p + name, name_end - name);
        v = skip_space(p, i + 1, e);
        ve = e;
        while (ve > v && is_blank_cr((unsigned char)p[ve - 1]))
            ve--;
        if (open) {
            v += v < n && p[v] == '"';
            ve = n;
            st->quote = secret ? 1 : 2;
        } else if (ve - v >= 2 && p[v] == '"' && p[ve - 1] == '"') {
            v++;
            ve--;
        }
        if (secret)
            report(p, v, ve, UCLOG_REDACT_AUTH_TOKEN, hit, u);
        i = e;
    }
}

/* Both readings: what either finds is a secret (a range found twice is replaced once). */
static void auth_params(const char *p, size_t i, size_t n, struct uclog__secret_state *st,
                        uclog__redact_hit_fn hit, void *u)
{
    auth_params_items(p, i, n, st, hit, u);
    auth_params_loose(p, i, n, st, hit, u);
}

/* The value of an authentication header: a scheme, then a token68 (Basic,
 * Bearer, Negotiate) or parameters. */
static void auth_value(const char *p, size_t i, size_t n, struct uclog__secret_state *st,
                       uclog__redact_hit_fn hit, void *u)
{
    size_t t, j;

    i = skip_blank_cr(p, i, n);
    t = i;
    while (i < n && !is_blank_cr((unsigned char)p[i]) && p[i] != ',' && p[i] != '=')
        i++; /* the scheme */
    if (i < n && p[i] == '=') {
        /* no scheme (Authentication-Info may have none): all parameters, as the reader has it */
        auth_params(p, t, n, st, hit, u);
        return;
    }
    i = skip_blank_cr(p, i, n);
    t = i;
    for (j = i; j < n && is_token68_char((unsigned char)p[j]); j++)
        ;
    while (j < n && p[j] == '=')
        j++;
    if (j > t && skip_space(p, j, n) >= n && !is_name_alone(p + t, j - t)) {
        report(p, t, j, UCLOG_REDACT_AUTH_TOKEN, hit, u);
        return;
    }
    auth_params(p, i, n, st, hit, u);
}

/* A header `Name:` of auth_headers at the line's start, or quoted further
 * on in a trace line: the offset after the colon, or 0. */
static size_t auth_header(const char *p, size_t n)
{
    size_t k, m, i, at;

    for (at = 0; at < n; at++) {
        if (at > 0 && (p[at - 1] == '-' || (p[at - 1] >= 'A' && p[at - 1] <= 'Z') ||
                       (p[at - 1] >= 'a' && p[at - 1] <= 'z')))
            continue;
        if (!starts_auth_header_name((unsigned char)p[at]))
            continue;
        for (k = 0; k < sizeof auth_headers / sizeof *auth_headers; k++) {
            m = strlen(auth_headers[k]);
            if (!starts_ieq(p + at, n - at, auth_headers[k]))
                continue;
            i = skip_space(p, at + m, n);
            if (i < n && p[i] == ':')
                return i + 1;
        }
    }
    return 0;
}

/* ---- an authentication header over its folded lines --------------------------- */

/* Linear white space as the SIP reader skips it in a header's value (a fold's CR LF too). */
static int is_lws(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Report a value that may run over folded lines, a piece per line: the line ends and the blanks
 * that indent the next line are the text's structure and stay. The pieces after the first are
 * reported with UCLOG__HIT_MORE: one secret. */
static void report_folded(const char *p, size_t a, size_t b, int32_t kind, uclog__redact_hit_fn hit,
                          void *u)
{
    int32_t more = 0;

    while (a < b) {
        const char *nl = memchr(p + a, '\n', b - a);
        size_t e = nl ? (size_t)(nl - p) : b;

        if (report(p, a, e, kind | more, hit, u))
            more = UCLOG__HIT_MORE;
        a = e + 1;
    }
}

/* A scheme's token (Negotiate, Basic, Bearer), as a person reads it: token68 characters and
 * padding, which a fold may cut. */
static int is_folded_token68(uclog_str v)
{
    size_t i;

    if (is_name_alone(v.ptr, v.len))
        return 0;

    for (i = 0; i < v.len; i++) {
        int c = (unsigned char)v.ptr[i];

        if (c == '=' && (i + 1 == v.len || v.ptr[i + 1] == '=' || is_lws((unsigned char)v.ptr[i + 1])))
            continue;
        if (!is_token68_char(c) && !is_lws(c))
            return 0;
    }
    return v.len > 0;
}

/* When the line p[0, len) starts an authentication header (as the SIP reader finds headers: the
 * name at the start, or indented), that header read whole, over the folded lines that follow it
 * in p[0, avail) (avail == len: none followed), as the reader reads it: its value cut by uclog_sip_auth_parse(), its items by
 * uclog_sip_list_next(), each parameter's value as uclog_sip_auth_param() gives it. The reading
 * line by line misses a value a fold takes from its name (`response=` at a line's end, the value
 * on the next) and a token after a scheme alone on its line. */
static void auth_whole(const char *p, size_t len, size_t avail, uclog__redact_hit_fn hit, void *u)
{
    size_t first = skip_space(p, 0, len), colon = 0, nl, h, next, end, v0;
    uclog_str value, scheme, params, rest, item;

    if (first >= len || !starts_auth_header_name((unsigned char)p[first]))
        return; /* most lines stop here */
    nl = uclog__sip_name_before_colon(p + first, len - first, &colon);
    for (h = 0; nl && h < sizeof auth_headers / sizeof *auth_headers; h++)
        if (nl == strlen(auth_headers[h]) && starts_ieq(p + first, nl, auth_headers[h]))
            break;
    if (!nl || h == sizeof auth_headers / sizeof *auth_headers)
        return;
    end = uclog__line_end(p, avail, 0, &next);
    while (next < avail && uclog__is_space((unsigned char)p[next])) {
        size_t after, le = uclog__line_end(p, avail, next, &after), f = skip_space(p, next, le), c;

        if (f == le || uclog__sip_name_before_colon(p + f, le - f, &c))
            break; /* a blank line ends the headers; an indented `name:` is a header of its own */
        end = le;
        next = after;
    }
    v0 = first + colon + 1;
    value.ptr = p + v0;
    value.len = end > v0 ? end - v0 : 0;
    if (uclog_sip_auth_parse(&scheme, &params, value) != 0 || !params.ptr)
        return;
    if (scheme.ptr && is_folded_token68(params)) {
        report_folded(p, (size_t)(params.ptr - p), (size_t)(params.ptr - p) + params.len,
                      UCLOG_REDACT_AUTH_TOKEN, hit, u);
        return;
    }
    rest = params;
    while (uclog_sip_list_next(&item, &rest) == UCLOG_OK) {
        size_t i = 0;

        while (i < item.len && item.ptr[i] != '=' && !is_lws((unsigned char)item.ptr[i]))
            i++;
        if (!is_secret_param(item.ptr, i))
            continue;
        while (i < item.len && is_lws((unsigned char)item.ptr[i]))
            i++;
        if (i >= item.len || item.ptr[i] != '=')
            continue;
        value.ptr = item.ptr + i + 1; /* as uclog_sip_auth_param(): trimmed, then unquoted */
        value.len = item.len - i - 1;
        value = uclog__str_trim(value);
        if (value.len >= 2 && value.ptr[0] == '"' && value.ptr[value.len - 1] == '"') {
            value.ptr++;
            value.len -= 2;
        }
        report_folded(p, (size_t)(value.ptr - p), (size_t)(value.ptr - p) + value.len, UCLOG_REDACT_AUTH_TOKEN,
                      hit, u);
    }
}

/* ---- MRAS credentials -------------------------------------------------- */

/* The end of an element's text: the next '<' or "&lt;" that does not open
 * a CDATA section (whose text runs to its "]]>"). */
static size_t text_end(const char *p, size_t i, size_t n, int *closed)
{
    for (; i < n; i++) {
        if (p[i] == '<' && n - i >= 9 && memcmp(p + i, "<![CDATA[", 9) == 0) {
            size_t j;

            for (j = i + 9; j + 3 <= n && memcmp(p + j, "]]>", 3) != 0; j++)
                ;
            if (j + 3 > n) {
                *closed = 0; /* the section goes on past the line */
                return n;
            }
            i = j + 2;
            continue;
        }
        if (p[i] == '<' || (p[i] == '&' && n - i >= 4 && memcmp(p + i, "&lt;", 4) == 0)) {
            *closed = 1;
            return i;
        }
    }
    *closed = 0;
    return n;
}

/* At p[i] == '<' (or "&lt;" when esc): an opening <username> or <password>
 * (any namespace prefix, any attributes)? The offset of its text, or 0. */
static size_t credential_open(const char *p, size_t i, size_t n, int esc)
{
    size_t s = i + (esc ? 4 : 1), e, local;

    if (s >= n || p[s] == '/')
        return 0;
    for (e = s; e < n && p[e] != '>' && p[e] != '&' && p[e] != '<' && p[e] != '/' &&
                !uclog__is_space((unsigned char)p[e]);
         e++)
        ;
    for (local = e; local > s && p[local - 1] != ':'; local--)
        ;
    if (e - local != 8 || (memcmp(p + local, "username", 8) != 0 && memcmp(p + local, "password", 8) != 0))
        return 0;
    /* attributes, then the end of the tag */
    for (; e < n; e++) {
        if (!esc && p[e] == '>')
            return p[e - 1] == '/' ? 0 : e + 1;
        if (esc && p[e] == '&' && n - e >= 4 && memcmp(p + e, "&gt;", 4) == 0)
            return p[e - 1] == '/' ? 0 : e + 4;
        if (p[e] == '<' || (p[e] == '&' && n - e >= 4 && memcmp(p + e, "&lt;", 4) == 0))
            return 0;
    }
    return 0;
}

static void mras_credentials(const char *p, size_t n, struct uclog__secret_state *st,
                             uclog__redact_hit_fn hit, void *u)
{
    size_t i = 0, v, e;
    int closed;

    if (st->in_xml) {
        e = text_end(p, 0, n, &closed);
        report(p, 0, e, UCLOG_REDACT_MRAS_CREDENTIAL, hit, u);
        st->in_xml = !closed;
        i = e;
    }
    /* the next '<' and '&', each searched for again only once passed */
    size_t lt = 0, amp = 0;
    int lt_ok = 0, amp_ok = 0;

    while (i < n) {
        const char *f;
        int esc;

        if (!lt_ok || lt < i) {
            f = memchr(p + i, '<', n - i);
            lt = f ? (size_t)(f - p) : n;
            lt_ok = 1;
        }
        if (!amp_ok || amp < i) {
            f = memchr(p + i, '&', n - i);
            amp = f ? (size_t)(f - p) : n;
            amp_ok = 1;
        }
        if (lt == n && amp == n)
            return;
        esc = amp < lt;
        i = esc ? amp : lt;
        if (esc && (n - i < 4 || memcmp(p + i, "&lt;", 4) != 0)) {
            i++;
            continue;
        }
        v = credential_open(p, i, n, esc);
        if (!v) {
            i += esc ? 4 : 1;
            continue;
        }
        e = text_end(p, v, n, &closed);
        report(p, v, e, UCLOG_REDACT_MRAS_CREDENTIAL, hit, u);
        if (!closed) {
            st->in_xml = 1;
            return;
        }
        i = e;
    }
}

/* ---- SDP ---------------------------------------------------------------- */

static int is_transport(const char *p, size_t n)
{
    return n == 3 && (starts_ieq(p, n, "udp") || starts_ieq(p, n, "tcp"));
}

/* Draft 6: `<username> <component> <password> <transport> <qvalue> <addr> <port>`. */
static void candidate(const char *p, size_t i, size_t n, uclog__redact_hit_fn hit, void *u)
{
    size_t a[4], b[4];
    int k;

    for (k = 0; k < 4; k++) {
        i = skip_space(p, i, n);
        a[k] = i;
        while (i < n && !uclog__is_space((unsigned char)p[i])) /* as the SDP reader: a CR is a token's */
            i++;
        b[k] = i;
        if (a[k] == b[k])
            return;
    }
    if (is_transport(p + a[3], b[3] - a[3]))
        report(p, a[2], b[2], UCLOG_REDACT_ICE_PASSWORD, hit, u);
}

static void crypto_keys(const char *p, size_t i, size_t n, uclog__redact_hit_fn hit, void *u)
{
    for (; i + 7 <= n; i++) {
        size_t v;

        if (!starts_ieq(p + i, n - i, "inline:"))
            continue;
        v = i + 7;
        for (i = v; i < n && p[i] != '|' && p[i] != ';' && !uclog__is_space((unsigned char)p[i]); i++)
            ;
        report(p, v, i, UCLOG_REDACT_SRTP_KEY, hit, u);
    }
}

static void sdp_line(const char *p, size_t n, uclog__redact_hit_fn hit, void *u)
{
    if (n < 2 || p[0] != 'a' || p[1] != '=')
        return;
    if (starts_ieq(p, n, "a=ice-pwd:"))
        report(p, 10, n, UCLOG_REDACT_ICE_PASSWORD, hit, u);
    else if (starts_ieq(p, n, "a=candidate:"))
        candidate(p, 12, n, hit, u);
    else if (starts_ieq(p, n, "a=x-candidate-ipv6:"))
        candidate(p, 19, n, hit, u);
    else if (starts_ieq(p, n, "a=crypto"))
        crypto_keys(p, 8, n, hit, u);
}

void uclog__redact_find_secrets(const char *p, size_t n, size_t avail, struct uclog__secret_state *st,
                                uclog__redact_hit_fn hit, void *u)
{
    size_t v;

    int folded = st->in_auth && n > 0 && uclog__is_space((unsigned char)p[0]);

    /* a folded line goes on with the header's parameters; it may also hold a header of its own
     * (the SIP reader takes an indented line for a new header): both are looked at */
    if (folded) {
        size_t f = skip_space(p, 0, n), c;

        if (uclog__sip_name_before_colon(p + f, n - f, &c))
            st->value_next = 0; /* an indented `name:` is a header of its own to the reader */
        auth_params(p, 0, n, st, hit, u);
    }
    auth_whole(p, n, avail, hit, u);
    if (!folded)
        st->value_next = 0;
    if ((v = auth_header(p, n)) != 0) {
        st->in_auth = 1;
        st->quote = 0;
        st->value_next = 0;
        auth_value(p, v, n, st, hit, u);
    } else if (!folded) {
        st->in_auth = 0;
        st->quote = 0;
    }
    if (!folded) /* an attribute line may quote a header's name too */
        sdp_line(p, n, hit, u);
    mras_credentials(p, n, st, hit, u);
}
