/* Address checks for the library's own parsers. Never installed.
 *
 * The SDP parser checks two addresses per candidate. Calling the exported
 * uclog_addr_family() from inside the library goes through the PLT, and
 * most candidate addresses are dotted quads, so the quad is checked inline
 * here and only other text reaches the full check in addr.c. */
#ifndef UCLOG_ADDR_INTERNAL_H
#define UCLOG_ADDR_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* Dotted quad; exactly the whole view: four parts of one to three digits
 * (leading zeros allowed), each at most 255. */
static inline int uclog__parse_ipv4(uint8_t out[4], const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *e = p + len;
    int part = 0;

    if (len < 7 || len > 15) /* "0.0.0.0" to "255.255.255.255" */
        return 0;
    for (;;) {
        unsigned v, d;

        if (p == e || (v = (unsigned)(*p - '0')) > 9)
            return 0;
        p++;
        if (p < e && (d = (unsigned)(*p - '0')) <= 9) {
            v = v * 10 + d;
            p++;
            if (p < e && (d = (unsigned)(*p - '0')) <= 9) {
                v = v * 10 + d;
                p++;
                if (v > 255)
                    return 0;
            }
        }
        out[part] = (uint8_t)v;
        if (++part == 4)
            return p == e;
        if (p == e || *p != '.')
            return 0;
        p++;
    }
}

/* uclog_addr_family(), called directly. */
int32_t uclog__addr_family(const char *addr, size_t len);

/* Whether the text is an IPv4 or IPv6 address or a host name, that is
 * uclog_addr_family() != UCLOG_ADDR_INVALID. */
static inline int uclog__addr_valid(const char *addr, size_t len)
{
    uint8_t q[4];

    if (addr && uclog__parse_ipv4(q, addr, len))
        return 1;
    return uclog__addr_family(addr, len) != 0;
}

#endif
