/* What the parts of the log suite share: the records of a log copied out, the comparisons
 * between them, a reader that hands out bytes in chunks, and the calls that add each
 * part's cases to the suite (test-log.c, test-log-fields.c, test-log-files.c). */
#ifndef UCLOG_TEST_LOG_FIXTURES_H
#define UCLOG_TEST_LOG_FIXTURES_H

#include <stddef.h>
#include <stdint.h>

#include "testutil.h"

/* Every record of a log, copied out, for comparisons between sources. */
typedef struct {
    uint64_t offset, length;
    uint32_t line, column, file, nlines, pid, tid, ndefects;
    int32_t level;
    int has_header;
    int64_t ms;
    char *text;
    int32_t defects[8];
} rec_copy;

typedef struct {
    rec_copy *r;
    size_t n;
    int rc;
} rec_list;

char *dup_view(uclog_str s);

/* Every record of the log, to the end; the iterator's last answer is in rc. */
rec_list collect(uclog_log *log);
void list_free(rec_list *l);
rec_list collect_buffer(const char *data, size_t len);

/* Records tile the input: contiguous, no gap, no overlap, ending at the end. */
void assert_tiles(const rec_list *l, uint64_t size);

/* The same records (text, time, ids, lines) whatever the line ends or encoding. */
void assert_same_records(const rec_list *a, const rec_list *b);

/* A reader that hands out the bytes in chunks of a chosen size pattern. */
typedef struct {
    const char *data;
    size_t len, pos;
    unsigned seed;
    size_t fixed;
} chunker;

int64_t chunk_read(void *ud, void *buf, size_t cap);

/* A record header. */
#define H1 "01/15/2012|11:30:10.163 1384:11C0 INFO  :: "

/* Each part adds its cases to the suite. */
void log_add_fields(Suite *s);
void log_add_files(Suite *s);

#endif
