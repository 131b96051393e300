/*
 * The byte-scanning toolkit of the parsers that read text a chunk of bytes
 * at a time (log.c and the SDP layer): bytes equal to one of two, the first
 * of a byte, tokens split at blanks, ASCII letters and digits read a word at
 * a time, line feeds and high bytes found in lanes. All inline: each is a
 * few instructions in a loop of its caller. Never installed.
 */
#ifndef UCLOG_SCAN_H
#define UCLOG_SCAN_H

#include <stdint.h>
#include <string.h>

#include <uclog/common.h>

#include "simd.h"

static const uclog_str uclog__no_str = {NULL, 0};

/* Scanning looks at a chunk of bytes at a time: sixteen with SSE2, else
 * eight where the compiler can find the lowest set bit and bytes are
 * little-endian; elsewhere, or built with simd=byte, one by one (simd.h). uclog__chunk_eq2() gives one bit per byte
 * equal to a or b, UCLOG__SCAN_SHIFT converts a bit's index to a byte's. */
#if defined(UCLOG__SIMD_SSE2)
#include <emmintrin.h>
#define UCLOG__SCAN_CHUNK 16
#define UCLOG__SCAN_SHIFT 0

static inline uint64_t uclog__chunk_eq2(const char *p, char a, char b)
{
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i m = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(a)), _mm_cmpeq_epi8(x, _mm_set1_epi8(b)));
    return (uint64_t)(unsigned)_mm_movemask_epi8(m);
}

/* uclog__chunk_eq2() of 64 bytes, one bit per byte: a line's blanks or several
 * lines' ends at once, with less work per byte than four chunks. */
#define UCLOG__SCAN_WIDE 64
static inline uint64_t uclog__wide_eq2(const char *p, char a, char b)
{
    uint64_t m[4];
    int k;

    for (k = 0; k < 4; k++)
        m[k] = uclog__chunk_eq2(p + 16 * k, a, b);
    return m[0] | m[1] << 16 | m[2] << 32 | m[3] << 48;
}
#elif defined(UCLOG__SIMD_WORD)
#define UCLOG__SCAN_CHUNK 8
#define UCLOG__SCAN_SHIFT 3
#define UCLOG__SCAN_LOW7 0x7f7f7f7f7f7f7f7full
#define UCLOG__SCAN_ONES 0x0101010101010101ull

/* Bit 7 set in exactly the zero bytes of v (no carry crosses a byte). */
static inline uint64_t uclog__zero_bytes(uint64_t v)
{
    return ~(((v & UCLOG__SCAN_LOW7) + UCLOG__SCAN_LOW7) | v | UCLOG__SCAN_LOW7);
}

static inline uint64_t uclog__chunk_eq2(const char *p, char a, char b)
{
    uint64_t x;

    memcpy(&x, p, 8);
    return uclog__zero_bytes(x ^ (UCLOG__SCAN_ONES * (unsigned char)a)) |
           uclog__zero_bytes(x ^ (UCLOG__SCAN_ONES * (unsigned char)b));
}
#endif

/* The first c in s[0..n), as memchr(); bytes up to lim may be read. Most
 * attribute names fit in two chunks: a load or two, no call. */
static inline const char *uclog__find_byte(const char *s, size_t n, char c, const char *lim)
{
#ifdef UCLOG__SCAN_CHUNK
    int k;

    for (k = 0; k < 2 && lim - s >= UCLOG__SCAN_CHUNK; k++) {
        uint64_t m = uclog__chunk_eq2(s, c, c);

        if (n < UCLOG__SCAN_CHUNK)
            m &= ((uint64_t)1 << (n << UCLOG__SCAN_SHIFT)) - 1;
        if (m)
            return s + (__builtin_ctzll(m) >> UCLOG__SCAN_SHIFT);
        if (n <= UCLOG__SCAN_CHUNK)
            return NULL;
        s += UCLOG__SCAN_CHUNK;
        n -= UCLOG__SCAN_CHUNK;
    }
#else
    (void)lim;
#endif
    return memchr(s, c, n);
}

static inline uclog_str uclog__next_token(uclog_str *rest)
{
    const char *p = rest->ptr, *e, *start;
    uclog_str t;

    if (!p)
        return uclog__no_str;
    e = p + rest->len;
    while (p < e && (*p == ' ' || *p == '\t'))
        p++;
    start = p;
    while (p < e && *p != ' ' && *p != '\t')
        p++;
    rest->ptr = p;
    rest->len = (size_t)(e - p);
    t.len = (size_t)(p - start);
    t.ptr = t.len ? start : NULL;
    return t;
}

/* *o = {ptr, len} in one store where there is one: the fields are copied
 * on as a whole view, with a wide load that two separate stores of the
 * fields could not forward to (the processor then stalls). */
static inline void uclog__put_token(uclog_str *o, const char *ptr, size_t len)
{
#if defined(UCLOG__SIMD_SSE2) && defined(__x86_64__) && !defined(__ILP32__)
    /* LP64 x86-64 only (not x32): there a view is two 8-byte fields, ptr first */
    typedef char view_is_16_bytes[sizeof(uclog_str) == 16 ? 1 : -1];
    (void)sizeof(view_is_16_bytes);
    _mm_storeu_si128((__m128i *)(void *)o, _mm_set_epi64x((long long)len, (long long)(intptr_t)ptr));
#else
    o->ptr = ptr;
    o->len = len;
#endif
}

#ifdef UCLOG__SCAN_CHUNK
/* The tokens ending at the blanks of mask b (bit i: byte p[i >> shift]),
 * appended at *o from *tok on, as uclog__split_tokens_in() does; 1 when full. */
static inline int uclog__take_blanks(uint64_t b, const char *p, int shift, const char **tok,
                              uclog_str **o, const uclog_str *full, uclog_str *rest,
                              const char *e)
{
    while (b) {
        const char *at = p + (__builtin_ctzll(b) >> shift);
        b &= b - 1;
        if (at > *tok) {
            uclog__put_token(*o, *tok, (size_t)(at - *tok));
            if (++*o == full) {
                rest->ptr = at;
                rest->len = (size_t)(e - at);
                return 1;
            }
        }
        *tok = at + 1;
    }
    return 0;
}
#endif

/*
 * Up to max tokens of *rest, as that many uclog__next_token() calls would give
 * them: t[0..n) are filled (t[n..max) left as they were), n returned, and
 * *rest left just after the last token taken (at the end when fewer than max).
 * Bytes from *rest up to lim may be read (lim is at or after its end: the
 * end of the whole body while parsing), so that whole chunks can be loaded
 * up to a line's last byte; blanks after the line's end are masked off.
 */
static inline int uclog__split_tokens_in(uclog_str *t, int max, uclog_str *rest, const char *lim)
{
    const char *p = rest->ptr, *e, *tok;
    uclog_str *o = t, *full = t + max;

    if (!p || max <= 0)
        return 0;
    e = p + rest->len;
    tok = p; /* where the current token would start */
    /* Visit each blank: the text from tok to it, when not empty, is a token. */
#ifdef UCLOG__SCAN_WIDE
    for (; p < e && lim - p >= UCLOG__SCAN_WIDE; p += UCLOG__SCAN_WIDE) {
        uint64_t b = uclog__wide_eq2(p, ' ', '\t');

        if (e - p < UCLOG__SCAN_WIDE)
            b &= ((uint64_t)1 << (size_t)(e - p)) - 1;
        if (uclog__take_blanks(b, p, 0, &tok, &o, full, rest, e))
            return max;
    }
#endif
#ifdef UCLOG__SCAN_CHUNK
    for (; p < e && lim - p >= UCLOG__SCAN_CHUNK; p += UCLOG__SCAN_CHUNK) {
        uint64_t b = uclog__chunk_eq2(p, ' ', '\t');

        if (e - p < UCLOG__SCAN_CHUNK)
            b &= ((uint64_t)1 << ((size_t)(e - p) << UCLOG__SCAN_SHIFT)) - 1;
        if (uclog__take_blanks(b, p, UCLOG__SCAN_SHIFT, &tok, &o, full, rest, e))
            return max;
    }
#endif
#if !defined(UCLOG__SCAN_WIDE) && !defined(UCLOG__SCAN_CHUNK)
    (void)lim;
#endif
    for (; p < e; p++) {
        if (*p != ' ' && *p != '\t')
            continue;
        if (p > tok) {
            uclog__put_token(o, tok, (size_t)(p - tok));
            if (++o == full) {
                rest->ptr = p;
                rest->len = (size_t)(e - p);
                return max;
            }
        }
        tok = p + 1;
    }
    if (e > tok) {
        uclog__put_token(o, tok, (size_t)(e - tok));
        o++;
    }
    rest->ptr = e;
    rest->len = 0;
    return (int)(o - t);
}

/* uclog__split_tokens_in() within the view itself, t[n..max) emptied. */
static inline int uclog__split_tokens(uclog_str *t, int max, uclog_str *rest)
{
    int n = uclog__split_tokens_in(t, max, rest, rest->ptr ? rest->ptr + rest->len : NULL), k;

    for (k = n; k < max; k++)
        t[k] = uclog__no_str;
    return n;
}

/* As UCLOG__IEQ for a literal of lowercase letters only, where setting bit 5
 * of a byte maps exactly its two cases onto the literal's. Inlined with the
 * literal's length known, it is a few whole-word loads: two overlapping ones
 * cover lengths that are not a word's (never a word assembled in memory
 * from smaller pieces, which the processor cannot forward to a load). */
static inline int uclog__ieq_alpha(uclog_str s, const char *lower, size_t n)
{
    size_t i;

    if (s.len != n)
        return 0;
    if (n >= 8) {
        uint64_t x, y;
        for (i = 0; i + 8 <= n; i += 8) {
            memcpy(&x, s.ptr + i, 8);
            memcpy(&y, lower + i, 8);
            if ((x | 0x2020202020202020ull) != y)
                return 0;
        }
        if (i == n)
            return 1;
        memcpy(&x, s.ptr + n - 8, 8);
        memcpy(&y, lower + n - 8, 8);
        return (x | 0x2020202020202020ull) == y;
    }
    if (n >= 4) {
        uint32_t a, b, c, d;
        memcpy(&a, s.ptr, 4);
        memcpy(&b, s.ptr + n - 4, 4);
        memcpy(&c, lower, 4);
        memcpy(&d, lower + n - 4, 4);
        return ((a | 0x20202020u) == c) & ((b | 0x20202020u) == d);
    }
    if (n >= 2) {
        uint16_t a, b, c, d;
        memcpy(&a, s.ptr, 2);
        memcpy(&b, s.ptr + n - 2, 2);
        memcpy(&c, lower, 2);
        memcpy(&d, lower + n - 2, 2);
        return ((uint16_t)(a | 0x2020u) == c) & ((uint16_t)(b | 0x2020u) == d);
    }
    return n == 0 || ((unsigned char)s.ptr[0] | 0x20) == (unsigned char)lower[0];
}

#define UCLOG__IEQ_ALPHA(s, lit) uclog__ieq_alpha((s), "" lit, sizeof(lit) - 1)

#if defined(UCLOG__GNU_LITTLE_ENDIAN) && !defined(UCLOG__SIMD_BYTE)
/* Eight ASCII digits at p (the first in the lowest byte) as a number in
 * *out, by pairs, then quads, then the whole; 0 when a byte is not a digit. */
static inline int uclog__eight_digits(uint64_t *out, const char *p)
{
    const uint64_t high = 0xf0f0f0f0f0f0f0f0ull, zeros = 0x3030303030303030ull;
    uint64_t x;

    memcpy(&x, p, 8);
    /* '0'-'9' are 0x30-0x39: high nibble 3, and still 3 after adding 6 */
    if ((x & high) != zeros || ((x + 0x0606060606060606ull) & high) != zeros)
        return 0;
    x -= zeros;
    x = (x * 10 + (x >> 8)) & 0x00ff00ff00ff00ffull;
    x = (x * 100 + (x >> 16)) & 0x0000ffff0000ffffull;
    *out = (x * 10000 + (x >> 32)) & 0xffffffffull;
    return 1;
}
#endif

/* uclog__parse_u32() of eight digits or more. */
static inline int uclog__parse_u32_long(uint32_t *out, uclog_str s)
{
    uint64_t v = 0;
    size_t i = 0;

#if defined(UCLOG__GNU_LITTLE_ENDIAN) && !defined(UCLOG__SIMD_BYTE)
    if (!uclog__eight_digits(&v, s.ptr)) /* ICE priorities have eight to ten digits */
        return 1;
    i = 8;
#endif
    for (; i < s.len; i++) {
        unsigned d = (unsigned)((unsigned char)s.ptr[i] - '0');

        if (d > 9)
            return 1; /* junk reads as junk even after an overflow */
        if (v <= UINT32_MAX)
            v = v * 10 + d; /* stops growing once too large */
    }
    if (v > UINT32_MAX)
        return 2;
    *out = (uint32_t)v;
    return 0;
}

/* Decimal uint32. 0: ok, 1: not a number, 2: overflow. Inline: components
 * and ports are a few digits, read where the field is split. */
static inline int uclog__parse_u32(uint32_t *out, uclog_str s)
{
    uint32_t w = 0;
    size_t i;

    if (!s.ptr || s.len == 0)
        return 1;
    if (s.len >= 8)
        return uclog__parse_u32_long(out, s);
    for (i = 0; i < s.len; i++) { /* seven digits cannot overflow */
        unsigned d = (unsigned)((unsigned char)s.ptr[i] - '0');
        if (d > 9)
            return 1;
        w = w * 10 + d;
    }
    *out = w;
    return 0;
}

static inline int uclog__parse_port(uint16_t *out, uclog_str s)
{
    uint32_t v = 0;
    int rc = uclog__parse_u32(&v, s);

    if (rc)
        return rc;
    if (v > 65535)
        return 2;
    *out = (uint16_t)v;
    return 0;
}

/*
 * Whether p[0..n) holds a NUL byte or a byte >= 0x80: for a byte c,
 * (c - 1) | c has its high bit set exactly when c is 0 or >= 0x80. The inner
 * loop has a fixed count so that compilers turn it into vector code.
 */
static inline int uclog__has_nul_or_high(const unsigned char *p, size_t n)
{
    size_t i = 0, k;
    unsigned char lanes[32] = {0}, acc = 0;

    /* Records are short: accumulate in 32 lanes, look once at the end. */
    for (; i + 32 <= n; i += 32)
        for (k = 0; k < 32; k++)
            lanes[k] |= (unsigned char)((unsigned char)(p[i + k] - 1) | p[i + k]);
    for (k = 0; k < 32; k++)
        acc |= lanes[k];
    for (; i < n; i++)
        acc |= (unsigned char)((unsigned char)(p[i] - 1) | p[i]);
    return (acc & 0x80) != 0;
}

/* The line feeds in p[0..n). Byte lanes count up to 255 rounds of 32 bytes at
 * a time, a loop compilers turn into vector code. */
static inline size_t uclog__count_newlines(const unsigned char *p, size_t n)
{
    size_t i = 0, total = 0, k, stop;

    while (n - i >= 32) {
        unsigned char lanes[32] = {0};
        stop = n - i >= 255 * 32 ? i + 255 * 32 : i + (n - i) / 32 * 32;
        for (; i < stop; i += 32)
            for (k = 0; k < 32; k++)
                lanes[k] = (unsigned char)(lanes[k] + (p[i + k] == '\n'));
        for (k = 0; k < 32; k++)
            total += lanes[k];
    }
    for (; i < n; i++)
        total += p[i] == '\n';
    return total;
}

/* Whether p[0..n) holds only spaces, tabs, CR and LF (or nothing): a blank
 * line, or what is left of a packet after its messages. */
static inline int uclog__only_blanks(const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (p[i] != '\r' && p[i] != '\n' && p[i] != ' ' && p[i] != '\t')
            return 0;
    return 1;
}

#endif
