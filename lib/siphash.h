/* SipHash-2-4, the keyed hash the redactor derives pseudonyms from. Never
 * installed. Written from the published algorithm (Aumasson and Bernstein,
 * "SipHash: a fast short-input PRF", 2012). */
#ifndef UCLOG_SIPHASH_H
#define UCLOG_SIPHASH_H

#include <stddef.h>
#include <stdint.h>

/* The 64-bit SipHash-2-4 of data under the 128-bit key (k0, k1): k0 holds
 * the key's first eight bytes read little-endian, k1 the next eight. */
uint64_t uclog__siphash24(uint64_t k0, uint64_t k1, const void *data, size_t len);

#endif
