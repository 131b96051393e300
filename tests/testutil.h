/* Helpers shared by the Check suites. */
#ifndef UCLOG_TESTUTIL_H
#define UCLOG_TESTUTIL_H

#include <check.h>
#include <stdio.h>
#include <stddef.h>
#include <uclog/uclog.h>

/* A counting allocator that can fail the Nth allocation (0-based). */
extern long tu_fail_at;   /* -1: never fail */
extern long tu_allocs;    /* allocations attempted since the last reset */
extern long tu_live;      /* blocks currently allocated */
extern size_t tu_bytes, tu_peak_bytes; /* bytes allocated now, and at most (reset it to measure) */
extern const uclog_mem tu_mem;
void tu_alloc_reset(long fail_at);

/* A context on tu_mem; aborts the test when it cannot be made. */
uclog_ctx *tu_ctx(void);

/* Path of a fixture in tests/data (static buffer). */
const char *tu_data(const char *name);

/* Read a whole fixture into a malloc'd buffer; aborts on failure. */
char *tu_read(const char *name, size_t *len);

/* mkdtemp(): a new folder from a template ending in XXXXXX, on Windows too. */
char *tu_mkdtemp(char *tmpl);

/* open_memstream(), on Windows too: what was written is in *out (NUL-terminated, the
 * caller frees it) and *n once tu_memstream_close() has returned. */
FILE *tu_memstream_open(char **out, size_t *n);
void tu_memstream_close(FILE *f, char **out, size_t *n);

/* Compare a view with a C string. */
int tu_streq(uclog_str s, const char *lit);
#define ck_assert_str_view(view, lit)                                                    \
    ck_assert_msg(tu_streq((view), (lit)), "expected \"%s\", got \"%.*s\"", (lit),       \
                  (int)(view).len, (view).ptr ? (view).ptr : "(null)")

/*
 * Allocation-failure loop: run fn with the Nth allocation failing, for every
 * N until a run needs no more than N allocations. Each run must return 0 or
 * UCLOG_E_NOMEM and leave nothing allocated.
 */
void tu_alloc_loop(int (*fn)(void *), void *arg);

/* Each suite file defines this. */
Suite *tu_suite(void);

#endif
