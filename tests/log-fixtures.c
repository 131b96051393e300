/* The log suite's shared fixtures: records copied out, their comparisons, the chunked reader. */
#include "log-fixtures.h"

#include <stdlib.h>
#include <string.h>

char *dup_view(uclog_str s)
{
    char *p = malloc(s.len + 1);
    ck_assert_ptr_nonnull(p);
    memcpy(p, s.ptr ? s.ptr : "", s.len);
    p[s.len] = '\0';
    return p;
}

rec_list collect(uclog_log *log)
{
    rec_list l = {NULL, 0, 0};
    uclog_record_iter *it = NULL;
    const uclog_record *rec;
    int rc;

    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    while ((rc = uclog_record_iter_next(&rec, it)) == 0) {
        rec_copy *c;
        uclog_span sp;
        uclog_timestamp ts;
        uclog_str t;
        uint32_t i;

        l.r = realloc(l.r, (l.n + 1) * sizeof(*l.r));
        c = &l.r[l.n++];
        memset(c, 0, sizeof(*c));
        uclog_record_span(&sp, rec);
        c->offset = sp.offset;
        c->length = sp.length;
        c->line = sp.line;
        c->column = sp.column;
        c->file = sp.file;
        c->nlines = uclog_record_line_count(rec);
        c->pid = uclog_record_pid(rec);
        c->tid = uclog_record_tid(rec);
        c->level = uclog_record_level(rec);
        c->has_header = uclog_record_has_header(rec);
        c->ms = uclog_record_timestamp(&ts, rec) == 0 ? ts.epoch_ms : -1;
        uclog_record_text(&t, rec);
        c->text = dup_view(t);
        c->ndefects = uclog_record_defect_count(rec);
        for (i = 0; i < c->ndefects && i < 8; i++) {
            uclog_defect d;
            ck_assert_int_eq(uclog_record_defect(&d, rec, i), 0);
            c->defects[i] = d.code;
        }
    }
    l.rc = rc;
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), rc); /* sticky */
    ck_assert_ptr_null(rec);
    uclog_record_iter_free(it);
    return l;
}

void list_free(rec_list *l)
{
    size_t i;
    for (i = 0; i < l->n; i++)
        free(l->r[i].text);
    free(l->r);
}

rec_list collect_buffer(const char *data, size_t len)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    rec_list l;

    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, data, len, "buf"), 0);
    l = collect(log);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    return l;
}

void assert_tiles(const rec_list *l, uint64_t size)
{
    uint64_t off = 0;
    size_t i;
    for (i = 0; i < l->n; i++) {
        ck_assert_uint_eq(l->r[i].offset, off);
        off += l->r[i].length;
    }
    ck_assert_uint_eq(off, size);
}

void assert_same_records(const rec_list *a, const rec_list *b)
{
    size_t i;
    ck_assert_uint_eq(a->n, b->n);
    for (i = 0; i < a->n; i++) {
        ck_assert_str_eq(a->r[i].text, b->r[i].text);
        ck_assert_int_eq(a->r[i].ms, b->r[i].ms);
        ck_assert_uint_eq(a->r[i].pid, b->r[i].pid);
        ck_assert_uint_eq(a->r[i].tid, b->r[i].tid);
        ck_assert_uint_eq(a->r[i].line, b->r[i].line);
        ck_assert_uint_eq(a->r[i].nlines, b->r[i].nlines);
        ck_assert_int_eq(a->r[i].level, b->r[i].level);
    }
}

int64_t chunk_read(void *ud, void *buf, size_t cap)
{
    chunker *c = ud;
    size_t n;
    if (c->fixed) {
        n = c->fixed;
    } else {
        c->seed = c->seed * 1103515245u + 12345u;
        n = 1 + (c->seed >> 16) % 97;
    }
    if (n > cap)
        n = cap;
    if (n > c->len - c->pos)
        n = c->len - c->pos;
    memcpy(buf, c->data + c->pos, n);
    c->pos += n;
    return (int64_t)n;
}

