/*
 * What the layers above the record layer (packets, the index) use of it
 * beyond its public interface: whether the bytes a log's records lend
 * outlast them (defined in log.c), and the timestamp getter's rule. They
 * read records through the public accessors. Never installed.
 */
#ifndef UCLOG_LOG_LAYER_H
#define UCLOG_LOG_LAYER_H

#include <stddef.h>
#include <stdint.h>

#include <string.h>

#include <uclog/errors.h>
#include <uclog/log.h>

/* 1 when the log is read from a stream or a reader: a record's bytes last
 * only until the next record. */
int uclog__log_is_stream(const uclog_log *log);

/* 1 when p[0..len) lies in the bytes the log holds of its file `file` (read
 * whole, transcoded, or the caller's buffer), which last as long as the log;
 * file out of range asks of the first. */
int uclog__log_holds(const uclog_log *log, uint32_t file, const char *p, size_t len);

/* Copy a timestamp out for an accessor: 0, or UCLOG_E_NOT_FOUND (zeroed). */
static inline int uclog__timestamp_get(uclog_timestamp *out, const uclog_timestamp *ts, int ok)
{
    if (!ok) {
        memset(out, 0, sizeof(*out));
        return UCLOG_E_NOT_FOUND;
    }
    *out = *ts;
    return UCLOG_OK;
}

#endif
