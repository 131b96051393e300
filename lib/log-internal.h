/* Private structures of the record layer. */
#ifndef UCLOG_LOG_INTERNAL_H
#define UCLOG_LOG_INTERNAL_H

#include <uclog/log.h>

#include "internal.h"
#include "log-layer.h"

struct uclog__file {
    char *name;
    const char *data; /* the text: owned, or the caller's */
    size_t len;
    char *owned;      /* free on free (read whole, or transcoded) */
    int32_t encoding;
    int32_t kind;     /* a uclog_file_kind value */
    int cr_line_ends; /* its lines ended with CR alone: read with LF in their place (a copy) */
    int has_first;
    int64_t first_ms; /* first record timestamp, for ordering a set */
    uint32_t given_index;
};

struct uclog_log {
    uclog_ctx *ctx;
    uint32_t nfiles;
    struct uclog__file *files;
    size_t files_cap;
    uclog_read_fn read; /* set for a stream */
    void *read_userdata;
    int read_started;
    int live;        /* uclog_log_open_live(): frame each read, UCLOG_READ_IDLE flushes */
};

struct uclog_record {
    const char *ptr;
    size_t len;
    uclog_span span;
    uint64_t line, column; /* where it starts, before saturation (span has them saturated) */
    int pos_saturated;     /* its POSITION_SATURATED defect was added */
    uint32_t nlines;
    int has_header;
    int ts_ok;
    uclog_timestamp ts;
    uint32_t pid, tid;
    int32_t level;
    uclog_str level_word;
    size_t text_off, text_len;
    size_t first_line_end; /* offset of the continuation lines */
    uclog_defect *defects;
    size_t ndefects, defects_cap;
    int bytes_checked; /* NUL and UTF-8 defects are looked for when first asked */
};

/* 1 and *ms set when the text has a record header; scans to the first one. */
int uclog__first_timestamp(int64_t *ms, const char *data, size_t len);

/* Length of the valid UTF-8 sequence at p (n bytes available), or 0 when it is invalid. */
size_t uclog__utf8_seq(const unsigned char *p, size_t n);

/* Run the deferred scan of a record its iterator lends for NUL bytes and invalid UTF-8 (one
 * defect each, at the first place found), once: log-read.c asks before it reads defects. */
void uclog__record_settle(const uclog_record *rec);

/* What a text holds, judged on its first 64 KiB (log-kind.c): a uclog_file_kind value. */
int32_t uclog__file_kind(const char *d, size_t n);

#endif
