/* Textual IPv4/IPv6 addresses and host names: family, class, equality. */
#include <uclog/addr.h>

#include "addr-internal.h"
#include "internal.h"

static int parse_bytes(uint8_t *out, const char *addr, size_t len);

/* Length of the address part before a zone "%id"; 0 when the zone is bad. */
static size_t strip_zone(const char *s, size_t len, int *has_zone)
{
    const char *pct = memchr(s, '%', len);
    size_t i;

    *has_zone = 0;
    if (!pct)
        return len;
    for (i = (size_t)(pct - s) + 1; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!(uclog__is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
              c == '-' || c == '.'))
            return 0;
    }
    if ((size_t)(pct - s) + 1 == len)
        return 0;
    *has_zone = 1;
    return (size_t)(pct - s);
}

/* Hex digit values plus one, 0 for other bytes: candidate lines carry IPv6
 * addresses, read a byte at a time without a branch per digit range. */
static const unsigned char hex1[256] = {
    ['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7, ['7'] = 8,
    ['8'] = 9, ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15,
    ['f'] = 16, ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

/* IPv6 text without zone; exactly the whole view. */
static int parse_ipv6(uint8_t out[16], const char *s, size_t len)
{
    uint16_t groups[8];
    int n = 0, gap = -1;
    size_t i = 0;

    if (len < 2)
        return 0;
    if (s[0] == ':') {
        if (s[1] != ':')
            return 0;
        gap = 0;
        i = 2;
    }
    while (i < len) {
        size_t start = i;
        unsigned v = 0;

        if (n == 8)
            return 0;
        while (i < len && i - start < 5) {
            unsigned h = hex1[(unsigned char)s[i]];
            if (!h)
                break;
            v = v * 16 + h - 1;
            i++;
        }
        if (i < len && s[i] == '.') {
            /* the last 32 bits as a dotted quad */
            uint8_t q[4];
            if (n > 6 || !uclog__parse_ipv4(q, s + start, len - start))
                return 0;
            groups[n++] = (uint16_t)(q[0] << 8 | q[1]);
            groups[n++] = (uint16_t)(q[2] << 8 | q[3]);
            i = len;
            break;
        }
        if (i == start || i - start > 4)
            return 0;
        groups[n++] = (uint16_t)v;
        if (i == len)
            break;
        if (s[i] != ':')
            return 0;
        i++;
        if (i < len && s[i] == ':') {
            if (gap >= 0)
                return 0;
            gap = n;
            i++;
        } else if (i == len) {
            return 0; /* a single trailing colon */
        }
    }
    if (gap < 0 && n != 8)
        return 0;
    if (gap >= 0 && n > 7)
        return 0;
    {
        int k, fill = 8 - n, o = 0;
        for (k = 0; k < 8; k++) {
            uint16_t g;
            if (gap >= 0 && k >= gap && k < gap + fill)
                g = 0;
            else
                g = groups[o++];
            out[2 * k] = (uint8_t)(g >> 8);
            out[2 * k + 1] = (uint8_t)(g & 0xff);
        }
    }
    return 1;
}

static int is_hostname(const char *s, size_t len)
{
    size_t i, label = 0;
    int last_all_digits = 1;

    if (len && s[len - 1] == '.')
        len--;
    if (len == 0 || len > 253)
        return 0;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '.') {
            if (label == 0)
                return 0;
            label = 0;
            last_all_digits = 1;
            continue;
        }
        if (!(uclog__is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
              c == '_'))
            return 0;
        if (!uclog__is_digit(c))
            last_all_digits = 0;
        if (++label > 63)
            return 0;
    }
    return label > 0 && !last_all_digits;
}

int uclog_addr_to_bytes(uint8_t *out, int32_t *family, const char *addr, size_t len)
{
    int rc = parse_bytes(out, addr, len);

    if (rc < 0)
        return rc;
    if (family)
        *family = rc;
    return UCLOG_OK;
}

int uclog_addr_parse(uint8_t *out, const char *addr, size_t len)
{
    return parse_bytes(out, addr, len);
}

/* The 16 bytes of an IP address; UCLOG_ADDR_IPV4, _IPV6 or UCLOG_E_FORMAT. */
static int parse_bytes(uint8_t *out, const char *addr, size_t len)
{
    uint8_t b[16];
    int has_zone;
    size_t n;

    if (!addr || len == 0)
        return UCLOG_E_FORMAT;
    if (uclog__parse_ipv4(b + 12, addr, len)) {
        memset(b, 0, 10);
        b[10] = b[11] = 0xff;
        if (out)
            memcpy(out, b, 16);
        return UCLOG_ADDR_IPV4;
    }
    n = strip_zone(addr, len, &has_zone);
    if (n && parse_ipv6(b, addr, n)) {
        if (out)
            memcpy(out, b, 16);
        return UCLOG_ADDR_IPV6;
    }
    return UCLOG_E_FORMAT;
}

int32_t uclog_addr_family(const char *addr, size_t len)
{
    return uclog__addr_family(addr, len);
}

int32_t uclog__addr_family(const char *addr, size_t len)
{
    uint8_t b[16];
    int has_zone;
    size_t n;

    if (!addr || len == 0)
        return UCLOG_ADDR_INVALID;
    if (uclog__parse_ipv4(b, addr, len))
        return UCLOG_ADDR_IPV4;
    /* Only IPv6 text has a colon; a host name cannot. */
    if (!memchr(addr, ':', len))
        return is_hostname(addr, len) ? UCLOG_ADDR_HOSTNAME : UCLOG_ADDR_INVALID;
    n = strip_zone(addr, len, &has_zone);
    return n && parse_ipv6(b, addr, n) ? UCLOG_ADDR_IPV6 : UCLOG_ADDR_INVALID;
}

static int32_t class_v4(const uint8_t *a)
{
    if (a[0] == 10 || (a[0] == 172 && (a[1] & 0xf0) == 16) || (a[0] == 192 && a[1] == 168))
        return UCLOG_ADDR_CLASS_PRIVATE;
    if (a[0] == 100 && (a[1] & 0xc0) == 64)
        return UCLOG_ADDR_CLASS_CGN;
    if (a[0] == 127)
        return UCLOG_ADDR_CLASS_LOOPBACK;
    if (a[0] == 169 && a[1] == 254)
        return UCLOG_ADDR_CLASS_LINK_LOCAL;
    if (a[0] == 0)
        return UCLOG_ADDR_CLASS_UNSPECIFIED;
    if ((a[0] & 0xf0) == 224)
        return UCLOG_ADDR_CLASS_MULTICAST;
    return UCLOG_ADDR_CLASS_PUBLIC;
}

static int is_zero(const uint8_t *b, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (b[i])
            return 0;
    return 1;
}

int32_t uclog_addr_class(const char *addr, size_t len)
{
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    uint8_t b[16];

    if (parse_bytes(b, addr, len) < 0)
        return UCLOG_ADDR_CLASS_NONE;
    if (memcmp(b, mapped, 12) == 0)
        return class_v4(b + 12);
    if (is_zero(b, 16))
        return UCLOG_ADDR_CLASS_UNSPECIFIED;
    if (is_zero(b, 15) && b[15] == 1)
        return UCLOG_ADDR_CLASS_LOOPBACK;
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
        return UCLOG_ADDR_CLASS_LINK_LOCAL;
    if ((b[0] & 0xfe) == 0xfc)
        return UCLOG_ADDR_CLASS_ULA;
    if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0)
        return UCLOG_ADDR_CLASS_TEREDO;
    if (b[0] == 0xff)
        return UCLOG_ADDR_CLASS_MULTICAST;
    return UCLOG_ADDR_CLASS_PUBLIC;
}

static int host_ieq(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen && a[alen - 1] == '.')
        alen--;
    if (blen && b[blen - 1] == '.')
        blen--;
    return alen == blen && uclog__mem_ieq(a, b, alen);
}

/* The zone of an IPv6 text (after '%'), or an empty view. */
static uclog_str zone_of(const char *s, size_t len)
{
    uclog_str z = {NULL, 0};
    const char *pct = memchr(s, '%', len);

    if (pct) {
        z.ptr = pct + 1;
        z.len = len - (size_t)(pct - s) - 1;
    }
    return z;
}

int uclog_addr_equal(const char *a, size_t alen, const char *b, size_t blen)
{
    uint8_t x[16], y[16];
    int fa, fb;

    if (!a || !b)
        return 0;
    fa = parse_bytes(x, a, alen);
    fb = parse_bytes(y, b, blen);
    if (fa > 0 && fb > 0) {
        uclog_str za = zone_of(a, alen), zb = zone_of(b, blen);
        if (memcmp(x, y, 16) != 0 || za.len != zb.len)
            return 0;
        return za.len == 0 || memcmp(za.ptr, zb.ptr, za.len) == 0;
    }
    if (fa > 0 || fb > 0)
        return 0;
    return is_hostname(a, alen) && is_hostname(b, blen) && host_ieq(a, alen, b, blen);
}

const char *uclog_addr_family_name(int32_t family)
{
    switch (family) {
    case UCLOG_ADDR_IPV4: return "IPV4";
    case UCLOG_ADDR_IPV6: return "IPV6";
    case UCLOG_ADDR_HOSTNAME: return "HOSTNAME";
    default: return "INVALID";
    }
}

const char *uclog_addr_class_name(int32_t cls)
{
    switch (cls) {
    case UCLOG_ADDR_CLASS_PUBLIC: return "PUBLIC";
    case UCLOG_ADDR_CLASS_PRIVATE: return "PRIVATE";
    case UCLOG_ADDR_CLASS_CGN: return "CGN";
    case UCLOG_ADDR_CLASS_LOOPBACK: return "LOOPBACK";
    case UCLOG_ADDR_CLASS_LINK_LOCAL: return "LINK_LOCAL";
    case UCLOG_ADDR_CLASS_TEREDO: return "TEREDO";
    case UCLOG_ADDR_CLASS_ULA: return "ULA";
    case UCLOG_ADDR_CLASS_UNSPECIFIED: return "UNSPECIFIED";
    case UCLOG_ADDR_CLASS_MULTICAST: return "MULTICAST";
    default: return "NONE";
    }
}
