/* A record's accessors, and the log's that the layers above ask: what the records iterator
 * (log.c) found, read out; the NUL and UTF-8 scan it defers run on the first defect query. */
#include <stddef.h>
#include <stdlib.h>

#include "log-layer.h"
#include "log-internal.h"

int uclog__log_is_stream(const uclog_log *log)
{
    return log->read != NULL;
}

int uclog__log_holds(const uclog_log *log, uint32_t file, const char *p, size_t len)
{
    const struct uclog__file *f = &log->files[file < log->nfiles ? file : 0];

    return p >= f->data && len <= f->len && p <= f->data + f->len - len;
}

static void set_str(uclog_str *out, const char *p, size_t n)
{
    out->ptr = p;
    out->len = n;
}

int uclog_record_has_header(const uclog_record *rec)
{
    return rec ? rec->has_header : 0;
}

int uclog_record_timestamp(uclog_timestamp *out, const uclog_record *rec)
{
    if (!out || !rec)
        return UCLOG_E_INVALID_ARG;
    return uclog__timestamp_get(out, &rec->ts, rec->ts_ok);
}

uint32_t uclog_record_pid(const uclog_record *rec)
{
    return rec ? rec->pid : 0;
}

uint32_t uclog_record_tid(const uclog_record *rec)
{
    return rec ? rec->tid : 0;
}

int32_t uclog_record_level(const uclog_record *rec)
{
    return rec ? rec->level : UCLOG_LEVEL_UNKNOWN;
}

void uclog_record_level_word(uclog_str *out, const uclog_record *rec)
{
    if (out)
        *out = rec ? rec->level_word : (uclog_str){NULL, 0};
}

void uclog_record_text(uclog_str *out, const uclog_record *rec)
{
    if (!out)
        return;
    if (!rec) {
        set_str(out, NULL, 0);
        return;
    }
    set_str(out, rec->ptr + rec->text_off, rec->text_len);
}

void uclog_record_continuation(uclog_str *out, const uclog_record *rec)
{
    if (!out)
        return;
    if (!rec) {
        set_str(out, NULL, 0);
        return;
    }
    set_str(out, rec->ptr + rec->first_line_end, rec->len - rec->first_line_end);
}

void uclog_record_raw(uclog_str *out, const uclog_record *rec)
{
    if (!out)
        return;
    if (!rec) {
        set_str(out, NULL, 0);
        return;
    }
    set_str(out, rec->ptr, rec->len);
}

void uclog_record_span(uclog_span *out, const uclog_record *rec)
{
    if (!out)
        return;
    if (!rec) {
        memset(out, 0, sizeof(*out));
        return;
    }
    *out = rec->span;
}

uint32_t uclog_record_text_offset(const uclog_record *rec)
{
    return rec ? (uint32_t)rec->text_off : 0;
}

uint32_t uclog_record_line_count(const uclog_record *rec)
{
    return rec ? rec->nlines : 0;
}

uint32_t uclog_record_defect_count(const uclog_record *rec)
{
    if (!rec)
        return 0;
    uclog__record_settle(rec);
    return (uint32_t)rec->ndefects;
}

int uclog_record_defect(uclog_defect *out, const uclog_record *rec, uint32_t i)
{
    if (!out || !rec)
        return UCLOG_E_INVALID_ARG;
    uclog__record_settle(rec);
    if (i >= rec->ndefects)
        return UCLOG_E_RANGE;
    *out = rec->defects[i];
    return UCLOG_OK;
}
