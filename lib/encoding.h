/* Text encoding and line ends of a log, found from its first bytes (encoding.c). Never
 * installed. */
#ifndef UCLOG_ENCODING_H
#define UCLOG_ENCODING_H

#include <stddef.h>
#include <stdint.h>

/* The UCLOG_ENCODING_* of a log that starts with d[0..n): a byte order mark, else NULs beside
 * the ASCII digits of a UTF-16 text without one, else UTF-8. */
int32_t uclog__detect_encoding(const unsigned char *d, size_t n);

/* CR and no LF in the first 64 KiB: the lines end with CR alone. A file or a buffer is then
 * read with LF for each CR; so is a stream, as it arrives. */
int uclog__cr_only(const char *d, size_t n);
/* LF in place of each CR of p[0..n) (a text whose lines end with CR alone). */
void uclog__cr_to_lf(char *p, size_t n);

#endif
