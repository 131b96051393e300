/*
 * The one hash of the libraries (libuclog and libuclog-diag): FNV-1a over
 * 64 bits, for the Call-ID and transaction tables of the index and the
 * diagnosis. Inline, so the diagnosis library links to nothing private.
 * Never installed.
 */
#ifndef UCLOG_HASH_H
#define UCLOG_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "ascii.h"

#define UCLOG__HASH_SEED 1469598103934665603ull
#define UCLOG__HASH_PRIME 1099511628211ull

/* h with the byte c added. */
static inline uint64_t uclog__hash_byte(uint64_t h, unsigned char c)
{
    return (h ^ c) * UCLOG__HASH_PRIME;
}

/* h with p[0..n) added. */
static inline uint64_t uclog__hash_add(uint64_t h, const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        h = uclog__hash_byte(h, (unsigned char)p[i]);
    return h;
}

/* h with p[0..n) added as if in lower case: texts that uclog__mem_ieq()
 * holds equal hash alike. */
static inline uint64_t uclog__hash_add_lower(uint64_t h, const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        h = uclog__hash_byte(h, (unsigned char)uclog__to_lower((unsigned char)p[i]));
    return h;
}

/* The hash of p[0..n). */
static inline uint64_t uclog__hash(const char *p, size_t n)
{
    return uclog__hash_add(UCLOG__HASH_SEED, p, n);
}

#endif
