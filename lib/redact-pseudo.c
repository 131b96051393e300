/* Pseudonyms for the personal data of a line: URIs' user parts, numbers,
 * display names, domains, IPv4 and IPv6 addresses. Each is derived from a
 * keyed hash (SipHash-2-4) of what it replaces, so the same input gives the
 * same pseudonym, and has its length, so nothing else in the log moves. */
#include <string.h>

#include "addr-internal.h"
#include "internal.h"
#include "redact-internal.h"
#include "siphash.h"

typedef const struct uclog__pseudo_key key_t_;

/* ---- keyed randomness --------------------------------------------------- */

/* SipHash of tag and the text (lower-cased when fold), in chunks chained
 * through the key. */
static uint64_t keyed(key_t_ *key, uint64_t tag, const char *p, size_t n, int fold)
{
    char buf[128] = {0};
    uint64_t h = tag;

    do {
        size_t m = n < sizeof buf ? n : sizeof buf, i;

        for (i = 0; i < m; i++)
            buf[i] = (char)(fold ? uclog__to_lower((unsigned char)p[i]) : p[i]);
        h = uclog__siphash24(key->k0 ^ h, key->k1, buf, m);
        p += m;
        n -= m;
    } while (n > 0);
    return h;
}

/* splitmix64: a stream of values from one hash. */
static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint32_t gcd(uint32_t a, uint32_t b)
{
    while (b) {
        uint32_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* A bijection of [0, m) chosen by seed: i -> (i * a + b) mod m. */
static uint32_t affine(uint32_t i, uint32_t m, uint64_t seed)
{
    uint32_t a, b;

    if (m <= 1)
        return i;
    a = 1 + (uint32_t)(seed % (m - 1));
    while (gcd(a, m) != 1)
        a = a + 1 < m ? a + 1 : 1;
    b = (uint32_t)((seed >> 32) % m);
    return (uint32_t)(((uint64_t)i * a + b) % m);
}

/* ---- what was already replaced ------------------------------------------ */

static int untouched(const unsigned char *done, size_t a, size_t b)
{
    for (; a < b; a++)
        if (done[a])
            return 0;
    return 1;
}

static void touch(unsigned char *done, size_t a, size_t b)
{
    memset(done + a, 1, b - a);
}

/* ---- words, numbers, domains -------------------------------------------- */

static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_alnum(int c) { return is_alpha(c) || uclog__is_digit(c); }

/* Letters to letters (case kept), digits to digits, the rest kept; the
 * same text in any case gives the same word. */
static void word(key_t_ *key, uint64_t tag, char *p, size_t n)
{
    uint64_t s = keyed(key, tag, p, n, 1);
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];

        if (is_alpha(c))
            p[i] = (char)((c >= 'a' ? 'a' : 'A') + next(&s) % 26);
        else if (uclog__is_digit(c))
            p[i] = (char)('0' + next(&s) % 10);
    }
}

/* Digits of a number from its digits alone ("+1 425" and "+1425" agree). */
static void number(key_t_ *key, char *p, size_t n)
{
    char d[64];
    size_t i, k = 0;
    uint64_t s;

    for (i = 0; i < n && k < sizeof d; i++)
        if (uclog__is_digit((unsigned char)p[i]))
            d[k++] = p[i];
    s = keyed(key, 'p', d, k, 0);
    for (i = 0; i < n; i++)
        if (uclog__is_digit((unsigned char)p[i]))
            p[i] = (char)('0' + next(&s) % 10);
}

static int is_host_char(int c) { return is_alnum(c) || c == '-' || c == '.' || c == '_'; }

/* Every label but the last (the top-level domain) of a name with dots; a
 * name without dots is one label, replaced. */
static void domain(key_t_ *key, char *p, size_t n)
{
    size_t i = 0, last = n;

    while (last > 0 && p[last - 1] != '.')
        last--;
    if (last == 0)
        last = n + 1; /* one label: replace it */
    while (i < n && i + 1 < last) {
        size_t e = i;

        while (e < n && p[e] != '.')
            e++;
        word(key, 'd', p + i, e - i);
        i = e + 1;
    }
}

/* A host name (letters in it, not an address). */
static int is_name(const char *p, size_t n)
{
    uint8_t q[4];
    size_t i;

    if (n == 0 || uclog__parse_ipv4(q, p, n))
        return 0;
    for (i = 0; i < n; i++)
        if (is_alpha((unsigned char)p[i]))
            return 1;
    return 0;
}

/* ---- IPv4 ---------------------------------------------------------------- */

enum { V4_PUBLIC, V4_TEN, V4_172, V4_192, V4_LINK, V4_SHARED, V4_KEEP };

static int v4_class(unsigned a, unsigned b)
{
    if (a == 0 || a == 127 || a >= 224)
        return V4_KEEP; /* this network, loopback, multicast, reserved */
    if (a == 10)
        return V4_TEN;
    if (a == 172 && b >= 16 && b <= 31)
        return V4_172;
    if (a == 192 && b == 168)
        return V4_192;
    if (a == 169 && b == 254)
        return V4_LINK;
    if (a == 100 && b >= 64 && b <= 127)
        return V4_SHARED;
    return V4_PUBLIC;
}

static unsigned digits(unsigned v) { return v < 10 ? 1 : v < 100 ? 2 : 3; }

/* A first octet every address of which is public. */
static int public_first(unsigned a)
{
    return a >= 1 && a <= 223 && a != 10 && a != 100 && a != 127 && a != 169 && a != 172 && a != 192;
}

/* Octet i (0-3) of q: a value of as many digits that keeps the address's
 * class, by a bijection chosen by the key and the octets before it. */
static unsigned v4_octet(key_t_ *key, const uint8_t q[4], int i)
{
    unsigned char allowed[256];
    unsigned v, m = 0, at = 0, x = q[i], cls = (unsigned)v4_class(q[0], q[1]);
    uint8_t in[5];
    uint64_t seed;

    if (i == 0 && !public_first(x))
        return x;
    if (i == 3 && (x == 0 || x == 255))
        return x;
    for (v = 0; v < 256; v++) {
        int ok = digits(v) == digits(x);

        if (ok && i == 0)
            ok = public_first(v);
        else if (ok && i == 1)
            ok = (unsigned)v4_class(q[0], v) == cls || public_first(q[0]);
        else if (ok && i == 3)
            ok = v != 0 && v != 255;
        if (ok) {
            if (v == x)
                at = m;
            allowed[m++] = (unsigned char)v;
        }
    }
    in[0] = (uint8_t)i;
    memcpy(in + 1, q, (size_t)i);
    seed = keyed(key, 0x3476, (const char *)in, (size_t)i + 1, 0);
    return allowed[affine(at, m, seed)];
}

/* Rewrite p[0, n), a dotted quad q, keeping each octet's width. */
static void ipv4(key_t_ *key, char *p, size_t n, const uint8_t q[4])
{
    unsigned o[4];
    size_t i = 0;
    int k;

    if (v4_class(q[0], q[1]) == V4_KEEP)
        return;
    for (k = 0; k < 4; k++)
        o[k] = v4_octet(key, q, k);
    for (k = 0; k < 4; k++, i++) {
        size_t s = i, w;

        while (i < n && p[i] != '.')
            i++;
        w = i - s;
        /* leading zeros as written, then the value's digits */
        {
            unsigned v = o[k];
            size_t j;

            for (j = w; j > 0; j--) {
                p[s + j - 1] = (char)('0' + v % 10);
                v /= 10;
            }
        }
    }
}

/* ---- IPv6 ---------------------------------------------------------------- */

static int is_hex(int c) { return uclog__hex_value(c) >= 0; }

/* The groups of an IPv6 text (hex and colons only): their offsets,
 * widths and expanded indexes. 0 when it is not one. */
struct v6 {
    size_t at[8], w[8];
    int idx[8], n;
    uint16_t g[8];
};

static int v6_parse(struct v6 *a, const char *p, size_t n)
{
    size_t i = 0;
    int gap = -1, k;

    memset(a, 0, sizeof *a);
    if (n >= 2 && p[0] == ':' && p[1] == ':') {
        gap = 0;
        i = 2;
    } else if (n >= 1 && p[0] == ':')
        return 0;
    while (i < n) {
        size_t s = i;
        unsigned v = 0;

        while (i < n && is_hex((unsigned char)p[i]) && i - s < 5)
            v = v * 16 + (unsigned)uclog__hex_value((unsigned char)p[i++]);
        if (i == s || i - s > 4 || a->n == 8)
            return 0;
        a->at[a->n] = s;
        a->w[a->n] = i - s;
        a->g[a->n++] = (uint16_t)v;
        if (i == n)
            break;
        if (p[i] != ':')
            return 0;
        i++;
        if (i < n && p[i] == ':') {
            if (gap >= 0)
                return 0;
            gap = a->n;
            i++;
        } else if (i == n)
            return 0;
    }
    if (gap < 0 && a->n != 8)
        return 0;
    if (gap >= 0 && a->n > 7)
        return 0;
    for (k = 0; k < a->n; k++)
        a->idx[k] = (gap >= 0 && k >= gap) ? 8 - (a->n - k) : k;
    return 1;
}

static void ipv6(key_t_ *key, char *p, struct v6 *a)
{
    uint16_t full[8] = {0};
    int k, all_zero = 1, upper;

    for (k = 0; k < a->n; k++) {
        full[a->idx[k]] = a->g[k];
        if (a->g[k] && a->idx[k] > 0)
            all_zero = 0;
    }
    if (full[0] == 0 || all_zero)
        return; /* ::, ::1, ::ffff:…, and the like: no one's address */
    for (k = 0; k < a->n; k++) {
        uint32_t v = a->g[k], lo, hi, out;
        uint8_t in[17];
        size_t j;
        int d, gi = a->idx[k];

        if (gi == 0 || v == 0)
            continue;
        for (d = 1, hi = 16; v >= hi; d++)
            hi *= 16;
        lo = d == 1 ? 1 : hi / 16;
        in[0] = (uint8_t)gi;
        for (j = 0; j < (size_t)gi; j++) {
            in[1 + 2 * j] = (uint8_t)(full[j] >> 8);
            in[2 + 2 * j] = (uint8_t)full[j];
        }
        out = lo + affine(v - lo, hi - lo, keyed(key, 0x3676, (const char *)in, 1 + 2 * (size_t)gi, 0));
        upper = 0;
        for (j = 0; j < a->w[k]; j++)
            if (p[a->at[k] + j] >= 'A' && p[a->at[k] + j] <= 'F')
                upper = 1;
        for (j = a->w[k]; j > 0; j--) {
            p[a->at[k] + j - 1] = (upper ? "0123456789ABCDEF" : "0123456789abcdef")[out % 16];
            out /= 16;
        }
    }
}

/* ---- where they are in a line -------------------------------------------- */

struct line {
    key_t_ *key;
    char *p;
    unsigned char *done;
    size_t n;
    uint64_t *counts;
};

static void replace(struct line *L, size_t a, size_t b, int32_t kind)
{
    if (b <= a || !untouched(L->done, a, b))
        return;
    switch (kind) {
    case UCLOG_REDACT_PHONE:
        number(L->key, L->p + a, b - a);
        break;
    case UCLOG_REDACT_DOMAIN:
        domain(L->key, L->p + a, b - a);
        break;
    case UCLOG_REDACT_DISPLAY_NAME:
        word(L->key, 'n', L->p + a, b - a);
        break;
    default:
        word(L->key, 'u', L->p + a, b - a);
        break;
    }
    touch(L->done, a, b);
    L->counts[kind]++;
}

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

static int is_phone(const char *p, size_t n)
{
    size_t i = (n > 0 && p[0] == '+') ? 1 : 0, d = 0;

    for (; i < n; i++) {
        if (uclog__is_digit((unsigned char)p[i]))
            d++;
        else if (p[i] != '-' && p[i] != '.' && p[i] != '(' && p[i] != ')')
            return 0;
    }
    return d >= 3;
}

/* One URI from its scheme's colon on: where it ends. */
static size_t uri(struct line *L, size_t i, int tel)
{
    const char *p = L->p;
    size_t n = L->n, s = i, at = 0, e, run;

    for (e = i; e < n && !strchr(" \t\"'<>;,?&@\r", p[e]); e++)
        ;
    run = e; /* the caller goes on after it: the run is looked at once */
    if (tel) {
        if (is_phone(p + s, e - s))
            replace(L, s, e, UCLOG_REDACT_PHONE);
        return e;
    }
    if (e < n && p[e] == '@') {
        size_t ue = s;

        while (ue < e && p[ue] != ':')
            ue++; /* user:password */
        if (is_phone(p + s, ue - s))
            replace(L, s, ue, UCLOG_REDACT_PHONE);
        else if (memchr(p + s, '.', ue - s) && is_name(p + s, ue - s))
            replace(L, s, ue, UCLOG_REDACT_DOMAIN);
        else
            replace(L, s, ue, UCLOG_REDACT_URI_USER);
        at = e + 1;
    } else
        at = s;
    for (e = at; e < n && is_host_char((unsigned char)p[e]); e++)
        ;
    if (is_name(p + at, e - at))
        replace(L, at, e, UCLOG_REDACT_DOMAIN);
    /* the port, then parameters whose value is a host name (ms-fe=, maddr=) */
    if (e < n && p[e] == ':')
        while (++e < n && uclog__is_digit((unsigned char)p[e]))
            ;
    while (e < n && p[e] == ';') {
        size_t v;

        for (v = e + 1; v < n && p[v] != '=' && p[v] != ';' && p[v] != '>' && p[v] != ' '; v++)
            ;
        if (v >= n || p[v] != '=') {
            e = v;
            continue;
        }
        for (e = ++v; e < n && is_host_char((unsigned char)p[e]); e++)
            ;
        if (memchr(p + v, '.', e - v) && is_name(p + v, e - v))
            replace(L, v, e, UCLOG_REDACT_DOMAIN);
        while (e < n && p[e] != ';' && p[e] != '>' && p[e] != ' ' && p[e] != '"' && p[e] != ',')
            e++;
    }
    return e > run ? e : run;
}

static void uris(struct line *L)
{
    size_t i;

    for (i = 0; i + 4 <= L->n; i++) {
        const char *q = L->p + i;
        size_t left = L->n - i, e = 0;

        if (i > 0 && (is_alnum((unsigned char)q[-1]) || q[-1] == '-'))
            continue;
        if (starts_ieq(q, left, "sip:"))
            e = uri(L, i + 4, 0);
        else if (starts_ieq(q, left, "sips:"))
            e = uri(L, i + 5, 0);
        else if (starts_ieq(q, left, "tel:"))
            e = uri(L, i + 4, 1);
        if (e > i + 4)
            i = e - 1; /* on after the URI: each byte is looked at a bounded number of times */
    }
}

/* Display names of the identity headers: `"Name" <uri>` or `Name <uri>`,
 * each of a comma-separated list. */
static const char *const name_headers[] = {
    "from", "f", "to", "t", "contact", "m", "p-asserted-identity", "p-preferred-identity",
    "referred-by", "b",
};

static void display_names(struct line *L)
{
    const char *p = L->p;
    size_t n = L->n, i = 0, k, m;

    for (k = 0; k < sizeof name_headers / sizeof *name_headers; k++) {
        m = strlen(name_headers[k]);
        if (!starts_ieq(p, n, name_headers[k]))
            continue;
        for (i = m; i < n && uclog__is_space((unsigned char)p[i]); i++)
            ;
        if (i < n && p[i] == ':')
            break;
    }
    if (k == sizeof name_headers / sizeof *name_headers)
        return;
    i++;
    while (i < n) {
        size_t s, e;

        while (i < n && (uclog__is_space((unsigned char)p[i]) || p[i] == ','))
            i++;
        if (i < n && p[i] == '"') {
            s = ++i;
            while (i < n && p[i] != '"')
                i += (p[i] == '\\' && i + 1 < n) ? 2 : 1;
            replace(L, s, i < n ? i : n, UCLOG_REDACT_DISPLAY_NAME);
            i++;
        } else {
            s = i;
            while (i < n && p[i] != '<' && p[i] != ',' && p[i] != ':' && p[i] != ';')
                i++;
            if (i < n && p[i] == '<') {
                for (e = i; e > s && uclog__is_space((unsigned char)p[e - 1]); e--)
                    ;
                replace(L, s, e, UCLOG_REDACT_DISPLAY_NAME);
            }
        }
        /* to the next entry: past the <uri> and the parameters */
        while (i < n && p[i] != '<' && p[i] != ',')
            i++;
        if (i < n && p[i] == '<') {
            while (i < n && p[i] != '>')
                i++;
            while (i < n && p[i] != ',')
                i++;
        }
    }
}

/* Host names where no URI scheme announces them: Via sent-by,
 * targetname="…", MRAS <hostName>. */
static void host_at(struct line *L, size_t s)
{
    size_t e = s;

    while (e < L->n && is_host_char((unsigned char)L->p[e]))
        e++;
    if (is_name(L->p + s, e - s))
        replace(L, s, e, UCLOG_REDACT_DOMAIN);
}

static void hosts(struct line *L)
{
    const char *p = L->p;
    size_t n = L->n, i;
    int via = starts_ieq(p, n, "via:") || starts_ieq(p, n, "v:") || starts_ieq(p, n, "via ");

    for (i = 0; i < n; i++) {
        if (via && starts_ieq(p + i, n - i, "sip/2.0/")) {
            i += 8;
            while (i < n && !uclog__is_space((unsigned char)p[i]))
                i++;
            while (i < n && uclog__is_space((unsigned char)p[i]))
                i++;
            host_at(L, i);
        } else if (starts_ieq(p + i, n - i, "targetname=\"")) {
            host_at(L, i + 12);
        } else if (starts_ieq(p + i, n - i, "<hostname>")) {
            host_at(L, i + 10);
        }
    }
}

/* `+` and 7 to 15 digits, on their own. */
static void numbers(struct line *L)
{
    size_t i, e;

    for (i = 0; i < L->n; i++) {
        if (L->p[i] != '+' || (i > 0 && is_alnum((unsigned char)L->p[i - 1])))
            continue;
        for (e = i + 1; e < L->n && uclog__is_digit((unsigned char)L->p[e]); e++)
            ;
        if (e - i - 1 >= 7 && e - i - 1 <= 15 && (e == L->n || !is_alnum((unsigned char)L->p[e])))
            replace(L, i + 1, e, UCLOG_REDACT_PHONE);
        i = e - 1;
    }
}

static int boundary(int c)
{
    return !is_alnum(c) && c != '.' && c != '-' && c != '_';
}

/* A dotted quad at p[s]: its end, or 0. */
static size_t quad_at(const char *p, size_t s, size_t n, uint8_t q[4])
{
    size_t e = s;

    while (e < n && (uclog__is_digit((unsigned char)p[e]) ||
                     (p[e] == '.' && e + 1 < n && uclog__is_digit((unsigned char)p[e + 1]))))
        e++;
    if (e < n && !boundary((unsigned char)p[e]) && p[e] != '.')
        return 0;
    return uclog__parse_ipv4(q, p + s, e - s) ? e : 0;
}

static void addresses(struct line *L)
{
    char *p = L->p;
    size_t n = L->n, i = 0;

    while (i < n) {
        size_t s = i, e;
        int colons = 0, gap = 0, dots = 0;
        uint8_t q[4];
        struct v6 a;

        if (!is_hex((unsigned char)p[i]) && p[i] != ':') {
            i++;
            continue;
        }
        if (s > 0 && !boundary((unsigned char)p[s - 1])) {
            while (i < n && (is_hex((unsigned char)p[i]) || p[i] == ':' || p[i] == '.'))
                i++;
            continue;
        }
        if ((e = quad_at(p, s, n, q)) != 0) {
            if (untouched(L->done, s, e)) {
                ipv4(L->key, p + s, e - s, q);
                touch(L->done, s, e);
                L->counts[UCLOG_REDACT_IPV4]++;
            }
            i = e;
            continue;
        }
        for (e = i; e < n && (is_hex((unsigned char)p[e]) || p[e] == ':' || p[e] == '.'); e++) {
            colons += p[e] == ':';
            dots += p[e] == '.';
            gap |= p[e] == ':' && e + 1 < n && p[e + 1] == ':';
        }
        i = e;
        if (dots || colons < 2 || !(gap || colons == 7))
            continue;
        if (e < n && !boundary((unsigned char)p[e]))
            continue;
        /* a trailing colon ends a sentence or opens a port: not ours */
        while (e > s && p[e - 1] == ':' && !(e - s >= 2 && p[e - 2] == ':'))
            e--;
        if (v6_parse(&a, p + s, e - s) && untouched(L->done, s, e)) {
            ipv6(L->key, p + s, &a);
            touch(L->done, s, e);
            L->counts[UCLOG_REDACT_IPV6]++;
        }
    }
}

void uclog__redact_pseudonymise(const struct uclog__pseudo_key *key, char *p, unsigned char *done,
                                size_t n, uint64_t counts[UCLOG_REDACT_KIND_END])
{
    struct line L;

    L.key = key;
    L.p = p;
    L.done = done;
    L.n = n;
    L.counts = counts;
    uris(&L);
    display_names(&L);
    hosts(&L);
    numbers(&L);
    addresses(&L);
}
