/* Output helpers shared by the example programs (text, JSON, input). */
#ifndef UCLOG_EXAMPLES_COMMON_H
#define UCLOG_EXAMPLES_COMMON_H

#include <stdio.h>

#include <uclog/uclog.h>

/* Length of the valid UTF-8 sequence at p (n bytes available), or 0. */
size_t ex_utf8_len(const unsigned char *p, size_t n);

/* Write n bytes as a JSON string to stdout (NULL: null): quotes, backslashes
 * and control characters escaped, bytes that are not UTF-8 as \ufffd. */
void ex_json_strn(const char *s, size_t n);

/*
 * Read a whole stream into malloc'd memory (*out, free it), at most limit
 * bytes: standard input may be an endless pipe. Returns 0, UCLOG_E_NOMEM,
 * UCLOG_E_IO, or UCLOG_E_LIMIT when it holds more (EX_SLURP_LIMIT says so).
 * The programs pass the context's UCLOG_LIMIT_MAX_UNSIZED_FILE_BYTES, the
 * limit the library keeps for a FIFO or a device opened by name.
 */
int ex_slurp(char **out, size_t *len, FILE *in, uint64_t limit);
#define EX_SLURP_LIMIT "more than %llu bytes on standard input, the limit for input read whole " \
                       "(UCLOG_LIMIT_MAX_UNSIZED_FILE_BYTES)"

/* "ms-diagnostics", "ms-diagnostics-public" or "ms-client-diagnostics". */
const char *ex_diag_kind_name(uint32_t kind);

/* "1.2.3.4:5061" or "[2001:db8::1]:5061"; "?" for an absent address. */
void ex_fmt_addr(char *buf, size_t cap, uclog_str a, uint32_t port);

#endif
