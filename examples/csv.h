/*
 * CSV as RFC 4180 has it: fields separated by ',', records ended by CRLF, a
 * field holding ',', '"', CR or LF in double quotes with its quotes doubled.
 * Characters go through ex_put_char(): no control byte reaches the output.
 */
#ifndef UCLOG_EXAMPLES_CSV_H
#define UCLOG_EXAMPLES_CSV_H

#include <stddef.h>
#include <stdint.h>

/* Field of n bytes of s (NULL: empty) to stdout, after a ',' unless first. */
void ex_csv_field(const char *s, size_t n, int first);

/* A C string field (NULL: empty). */
void ex_csv_z(const char *s, int first);

/* A number field. */
void ex_csv_u(uint64_t v, int first);

/* The end of a record. */
void ex_csv_end(void);

#endif
