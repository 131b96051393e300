/*
 * Which form the scanning loops take (lib/scan.h), as the build option simd
 * says, so that each form can be built and tested on any machine:
 *   UCLOG__SIMD_SSE2  sixteen bytes at a time with SSE2;
 *   UCLOG__SIMD_WORD  eight bytes at a time in a 64-bit word (little-endian);
 *   UCLOG__SIMD_BYTE  one byte at a time, the plain loops, on any processor.
 * The build defines UCLOG_SIMD_SSE2, UCLOG_SIMD_WORD or UCLOG_SIMD_BYTE;
 * with none (simd=auto), the first the target allows. Exactly one
 * UCLOG__SIMD_ macro is defined. Never installed.
 */
#ifndef UCLOG_SIMD_H
#define UCLOG_SIMD_H

/* A word's first byte is its lowest, and __builtin_ctzll() finds it. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define UCLOG__GNU_LITTLE_ENDIAN 1
#endif

#if defined(UCLOG_SIMD_SSE2)
#if !defined(__GNUC__) || !defined(__SSE2__)
#error "simd=sse2: the compiler does not target SSE2"
#endif
#define UCLOG__SIMD_SSE2 1
#elif defined(UCLOG_SIMD_WORD)
#ifndef UCLOG__GNU_LITTLE_ENDIAN
#error "simd=word: the target is not little-endian, or the compiler has no GCC builtins"
#endif
#define UCLOG__SIMD_WORD 1
#elif defined(UCLOG_SIMD_BYTE)
#define UCLOG__SIMD_BYTE 1
#elif defined(__GNUC__) && defined(__SSE2__)
#define UCLOG__SIMD_SSE2 1
#elif defined(UCLOG__GNU_LITTLE_ENDIAN)
#define UCLOG__SIMD_WORD 1
#else
#define UCLOG__SIMD_BYTE 1
#endif

#endif
