/* The record layer: framing, header fields, positions, defects, sources. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifndef _WIN32
#include <sys/wait.h> /* the FIFO test's writer; Windows has neither FIFOs nor fork() */
#endif

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

static char *dup_view(uclog_str s)
{
    char *p = malloc(s.len + 1);
    ck_assert_ptr_nonnull(p);
    memcpy(p, s.ptr ? s.ptr : "", s.len);
    p[s.len] = '\0';
    return p;
}

static rec_list collect(uclog_log *log)
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

static void list_free(rec_list *l)
{
    size_t i;
    for (i = 0; i < l->n; i++)
        free(l->r[i].text);
    free(l->r);
}

static rec_list collect_buffer(const char *data, size_t len)
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

static int has_defect(const rec_copy *c, int32_t code)
{
    uint32_t i;
    for (i = 0; i < c->ndefects && i < 8; i++)
        if (c->defects[i] == code)
            return 1;
    return 0;
}

/* Records tile the input: contiguous, no gap, no overlap, ending at the end. */
static void assert_tiles(const rec_list *l, uint64_t size)
{
    uint64_t off = 0;
    size_t i;
    for (i = 0; i < l->n; i++) {
        ck_assert_uint_eq(l->r[i].offset, off);
        off += l->r[i].length;
    }
    ck_assert_uint_eq(off, size);
}

/* Offsets and lines of the 15 records of seed.uccapilog, from the file itself. */
static const struct {
    uint64_t offset;
    uint32_t line;
    const char *text_start;
} seed_records[] = {
    {0, 1, "Sending Packet - 192.168.1.5:5061 (From Local Address: 192.168.1.10:1259) 1288 bytes:"},
    {128, 2, "SUBSCRIBE sip:bart@litwareinc.com SIP/2.0"},
    {1459, 23, "End of Sending Packet - 192.168.1.5:5061 (From Local Address: 192.168.1.10:1259) 1288 bytes"},
    {1593, 24, "Data Received - 192.168.1.5:5061 (To Local Address: 192.168.1.10:1259) 3110 bytes:"},
    {1718, 25, "SIP/2.0 200 OK"},
    {4869, 78, "End of Data Received - 192.168.1.5:5061 (To Local Address: 192.168.1.10:1259) 3110 bytes"},
    {5000, 79, "Sending Packet - 192.168.1.5:5061 (From Local Address: 192.168.1.10:1259) 1292 bytes:"},
    {5128, 80, "SERVICE sip:edgesrv.litwareinc.com@litwareinc.com;gruu;opaque=srvr:MRAS:P2nY_WtqnEGPHhBbcYD8VQAA SIP/2.0"},
    {6461, 94, "End of Sending Packet - 192.168.1.5:5061 (From Local Address: 192.168.1.10:1259) 1292 bytes"},
    {6595, 95, "Data Received - 192.168.1.5:5061 (To Local Address: 192.168.1.10:1259) 1769 bytes:"},
    {6720, 96, "SIP/2.0 200 OK"},
    {8532, 127, "End of Data Received - 192.168.1.5:5061 (To Local Address: 192.168.1.10:1259) 1769 bytes"},
    {8663, 128, "Sending Packet - 192.168.1.5:5061 (From Local Address: 192.168.1.10:44511) 2478 bytes:"},
    {8794, 129, "INVITE sip:jeremy@litwareinc.com SIP/2.0"},
    {11315, 177, "End of Sending Packet - 192.168.1.5:5061 (From Local Address: 192.168.1.10:44511) 2478 bytes"},
};

START_TEST(seed_records_exact)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_record_iter *it = NULL;
    const uclog_record *rec;
    uclog_timestamp ts;
    uclog_str s;
    uclog_span sp;
    size_t i = 0;
    int rc;

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("seed.uccapilog")), 0);
    ck_assert_uint_eq(uclog_log_file_count(log), 1);
    ck_assert_uint_eq(uclog_log_file_size(log, 0), 11452);
    ck_assert_int_eq(uclog_log_file_encoding(log, 0), UCLOG_ENCODING_UTF8);
    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    while ((rc = uclog_record_iter_next(&rec, it)) == 0) {
        ck_assert_uint_lt(i, 15);
        uclog_record_span(&sp, rec);
        ck_assert_uint_eq(sp.offset, seed_records[i].offset);
        ck_assert_uint_eq(sp.line, seed_records[i].line);
        ck_assert_uint_eq(sp.column, 1);
        ck_assert_uint_eq(sp.file, 0);
        ck_assert_uint_eq(sp.length, (i < 14 ? seed_records[i + 1].offset : 11452) - seed_records[i].offset);
        uclog_record_text(&s, rec);
        ck_assert_str_view(s, seed_records[i].text_start);
        ck_assert_int_eq(uclog_record_has_header(rec), 1);
        ck_assert_uint_eq(uclog_record_defect_count(rec), 0);
        ck_assert_int_eq(uclog_record_level(rec), UCLOG_LEVEL_INFO);
        uclog_record_level_word(&s, rec);
        ck_assert_str_view(s, "INFO");
        i++;
    }
    ck_assert_int_eq(rc, UCLOG_DONE);
    ck_assert_uint_eq(i, 15);
    uclog_record_iter_free(it);

    /* Field values of the first record and the INVITE's record. */
    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), 0);
    ck_assert_int_eq(uclog_record_timestamp(&ts, rec), 0);
    ck_assert_uint_eq(ts.month, 11);
    ck_assert_uint_eq(ts.day, 21);
    ck_assert_uint_eq(ts.year, 2008);
    ck_assert_uint_eq(ts.hour, 23);
    ck_assert_uint_eq(ts.minute, 31);
    ck_assert_uint_eq(ts.second, 10);
    ck_assert_uint_eq(ts.millisecond, 381);
    ck_assert_int_eq(ts.epoch_ms, 1227310270381LL); /* 2008-11-21T23:31:10.381 */
    ck_assert_uint_eq(uclog_record_pid(rec), 0x190);
    ck_assert_uint_eq(uclog_record_tid(rec), 0x4FC);
    ck_assert_uint_eq(uclog_record_line_count(rec), 1);
    uclog_record_continuation(&s, rec);
    ck_assert_uint_eq(s.len, 0);
    for (i = 1; i < 14; i++)
        ck_assert_int_eq(uclog_record_iter_next(&rec, it), 0);
    ck_assert_uint_eq(uclog_record_pid(rec), 0x2808);
    ck_assert_uint_eq(uclog_record_tid(rec), 0x36EC);
    ck_assert_uint_eq(uclog_record_line_count(rec), 48);
    ck_assert_uint_eq(uclog_record_text_offset(rec), 43);
    uclog_record_continuation(&s, rec);
    ck_assert_uint_eq(s.len, 11315 - 8794 - 85);
    ck_assert_int_eq(memcmp(s.ptr, "Via: SIP/2.0/TLS 192.168.1.10:44511\r\n", 37), 0);
    uclog_record_raw(&s, rec);
    ck_assert_uint_eq(s.len, 11315 - 8794);
    ck_assert_int_eq(memcmp(s.ptr, "11/21/2008|23:35:11.691 2808:36EC INFO  :: INVITE", 49), 0);
    uclog_record_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

static const char *const fixtures[] = {
    "seed.uccapilog", "seed-no-mras.uccapilog", "seed-mras-unanswered.uccapilog",
    "seed-lf.uccapilog", "seed-utf16le.uccapilog", "rotated-uccapi-0.uccapilog",
    "rotated-uccapi-1.uccapilog",
};

START_TEST(every_byte_in_one_record)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    rec_list l;

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data(fixtures[_i])), 0);
    l = collect(log);
    ck_assert_int_eq(l.rc, UCLOG_DONE);
    ck_assert_uint_gt(l.n, 0);
    assert_tiles(&l, uclog_log_file_size(log, 0));
    list_free(&l);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(counts_of_shared_logs)
{
    static const struct {
        const char *name;
        size_t records;
    } want[] = {
        {"seed.uccapilog", 15},
        {"seed-no-mras.uccapilog", 6},
        {"seed-mras-unanswered.uccapilog", 12},
    };
    size_t i;
    for (i = 0; i < 3; i++) {
        uclog_ctx *ctx = tu_ctx();
        uclog_log *log = NULL;
        rec_list l;
        ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data(want[i].name)), 0);
        l = collect(log);
        ck_assert_uint_eq(l.n, want[i].records);
        list_free(&l);
        uclog_log_free(log);
        uclog_ctx_free(ctx);
    }
}
END_TEST

/* The same records (text, time, ids, lines) whatever the line ends or encoding. */
static void assert_same_records(const rec_list *a, const rec_list *b)
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

static rec_list collect_file(const char *name, int32_t *encoding)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    rec_list l;
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data(name)), 0);
    if (encoding)
        *encoding = uclog_log_file_encoding(log, 0);
    l = collect(log);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    return l;
}

START_TEST(lf_and_crlf_same_records)
{
    rec_list a = collect_file("seed.uccapilog", NULL);
    rec_list b = collect_file("seed-lf.uccapilog", NULL);
    assert_same_records(&a, &b);
    ck_assert_uint_eq(b.r[1].offset, 127); /* one CR fewer before it */
    list_free(&a);
    list_free(&b);
}
END_TEST

/* A log whose lines end with CR alone reads as the LF one does, not as one record. */
START_TEST(cr_only_line_ends)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    size_t len, i, o = 0;
    char *crlf = tu_read("seed.uccapilog", &len), *cr = malloc(len + 1);
    rec_list a = collect_file("seed-lf.uccapilog", NULL), b;

    ck_assert_ptr_nonnull(cr);
    for (i = 0; i < len; i++)
        if (!(crlf[i] == '\n' && i && crlf[i - 1] == '\r'))
            cr[o++] = crlf[i];
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, cr, o, "cr-only"), 0);
    ck_assert_int_eq(uclog_log_file_cr_line_ends(log, 0), 1);
    ck_assert_int_eq(uclog_log_file_cr_line_ends(log, 1), -1);
    b = collect(log);
    assert_same_records(&a, &b); /* same records, lines and offsets as with LF */
    ck_assert_uint_gt(b.n, 10);
    uclog_log_free(log);
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, crlf, len, "crlf"), 0);
    ck_assert_int_eq(uclog_log_file_cr_line_ends(log, 0), 0);
    uclog_log_free(log);
    list_free(&a);
    list_free(&b);
    uclog_ctx_free(ctx);
    free(cr);
    free(crlf);
}
END_TEST

START_TEST(utf16le_transcoded)
{
    int32_t enc = -1;
    rec_list a = collect_file("seed.uccapilog", NULL);
    rec_list b = collect_file("seed-utf16le.uccapilog", &enc);
    ck_assert_int_eq(enc, UCLOG_ENCODING_UTF16LE);
    assert_same_records(&a, &b);
    ck_assert_uint_eq(b.r[14].offset, 11315);
    list_free(&a);
    list_free(&b);
}
END_TEST

START_TEST(utf16_stream_refused)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_record_iter *it = NULL;
    const uclog_record *rec;
    FILE *f = fopen(tu_data("seed-utf16le.uccapilog"), "rb");

    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(uclog_log_open_stream(&log, ctx, f, "utf16"), 0);
    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), UCLOG_E_ENCODING);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "UTF-16"));
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), UCLOG_E_ENCODING);
    uclog_record_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    fclose(f);
}
END_TEST

/* A reader that hands out the bytes in chunks of a chosen size pattern. */
typedef struct {
    const char *data;
    size_t len, pos;
    unsigned seed;
    size_t fixed;
} chunker;

static int64_t chunk_read(void *ud, void *buf, size_t cap)
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

static rec_list collect_reader(const char *data, size_t len, size_t fixed, unsigned seed)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_record_iter *it = NULL;
    chunker c = {data, len, 0, seed, fixed};
    rec_list l;

    ck_assert_int_eq(uclog_log_open_reader(&log, ctx, chunk_read, &c, "chunks"), 0);
    l = collect(log);
    ck_assert_int_eq(uclog_record_iter_new(&it, log), UCLOG_E_STATE); /* once only */
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    return l;
}

START_TEST(stream_equals_file)
{
    size_t len, k;
    char *data = tu_read(fixtures[_i], &len);
    rec_list a = collect_buffer(data, len);
    static const size_t sizes[] = {1, 2, 3, 7, 64, 4096, 0};

    if (strstr(fixtures[_i], "utf16")) {
        list_free(&a);
        free(data);
        return;
    }
    for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
        rec_list b = collect_reader(data, len, sizes[k], (unsigned)k + 1);
        size_t i;
        ck_assert_int_eq(b.rc, UCLOG_DONE);
        assert_same_records(&a, &b);
        for (i = 0; i < a.n; i++) {
            ck_assert_uint_eq(a.r[i].offset, b.r[i].offset);
            ck_assert_uint_eq(a.r[i].length, b.r[i].length);
            ck_assert_uint_eq(a.r[i].ndefects, b.r[i].ndefects);
        }
        list_free(&b);
    }
    list_free(&a);
    free(data);
}
END_TEST

/* A stream whose lines end with CR alone reads as the same text in a buffer does: the decision
 * is taken on the first 64 KiB, whatever the read sizes (fuzz-records: crash-stream-cr-only). */
START_TEST(cr_only_stream_equals_buffer)
{
    size_t len, i, o = 0, k;
    char *crlf = tu_read("seed.uccapilog", &len), *cr = malloc(len + 1);
    static const char tiny[] = "D\0\0Sending Packet -\xff\r\0\0=";
    static const size_t sizes[] = {1, 3, 97, 4096, 0};
    rec_list a, b;

    ck_assert_ptr_nonnull(cr);
    for (i = 0; i < len; i++)
        if (!(crlf[i] == '\n' && i && crlf[i - 1] == '\r'))
            cr[o++] = crlf[i];
    a = collect_buffer(cr, o);
    ck_assert_uint_gt(a.n, 10);
    for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
        b = collect_reader(cr, o, sizes[k], 7);
        assert_same_records(&a, &b);
        list_free(&b);
    }
    list_free(&a);
    a = collect_buffer(tiny, sizeof(tiny) - 1);
    for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
        b = collect_reader(tiny, sizeof(tiny) - 1, sizes[k], 7);
        assert_same_records(&a, &b);
        list_free(&b);
    }
    list_free(&a);
    free(cr);
    free(crlf);
}
END_TEST

START_TEST(stdio_stream)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    FILE *f = fopen(tu_data("seed.uccapilog"), "rb");
    rec_list l;

    ck_assert_int_eq(uclog_log_open_stream(&log, ctx, f, NULL), 0);
    ck_assert_str_eq(uclog_log_file_name(log, 0), "(stdin)");
    l = collect(log);
    ck_assert_uint_eq(l.n, 15);
    ck_assert_uint_eq(l.r[14].offset, 11315);
    ck_assert_uint_eq(l.r[14].line, 177);
    list_free(&l);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    fclose(f);
}
END_TEST

START_TEST(rotated_set_ordered_by_time)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    char a[4096], b[4096];
    const char *paths[2];
    rec_list l;

    /* Given newest first, as a shell glob of -0, -1 would give them. */
    snprintf(a, sizeof(a), "%s", tu_data("rotated-uccapi-0.uccapilog"));
    snprintf(b, sizeof(b), "%s", tu_data("rotated-uccapi-1.uccapilog"));
    paths[0] = a;
    paths[1] = b;
    ck_assert_int_eq(uclog_log_open_files(&log, ctx, paths, 2), 0);
    ck_assert_uint_eq(uclog_log_file_count(log), 2);
    ck_assert_str_eq(uclog_log_file_name(log, 0), b);
    ck_assert_str_eq(uclog_log_file_name(log, 1), a);
    l = collect(log);
    ck_assert_uint_eq(l.n, 15);
    ck_assert_uint_eq(l.r[5].file, 0);
    ck_assert_uint_eq(l.r[6].file, 1);
    ck_assert_uint_eq(l.r[6].offset, 0);
    ck_assert_uint_eq(l.r[6].line, 1);
    ck_assert_uint_eq(l.r[14].offset, 11315 - 5000);
    ck_assert_uint_eq(l.r[14].line, 177 - 78);
    ck_assert_str_eq(l.r[13].text, "INVITE sip:jeremy@litwareinc.com SIP/2.0");
    list_free(&l);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

/* One member of a set given as bytes (a program's "-"): ordered among the files by time. */
START_TEST(rotated_set_with_buffer)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    char a[4096];
    const char *paths[2], *dash[2] = {"-", "-"};
    size_t len;
    char *bytes = tu_read("rotated-uccapi-1.uccapilog", &len);
    rec_list l;

    snprintf(a, sizeof(a), "%s", tu_data("rotated-uccapi-0.uccapilog"));
    paths[0] = a;
    paths[1] = "-";
    ck_assert_int_eq(uclog_log_open_files_buffer(&log, ctx, paths, 2, 1, bytes, len), 0);
    ck_assert_uint_eq(uclog_log_file_count(log), 2);
    ck_assert_str_eq(uclog_log_file_name(log, 0), "-"); /* the older half */
    ck_assert_str_eq(uclog_log_file_name(log, 1), a);
    l = collect(log);
    ck_assert_uint_eq(l.n, 15);
    ck_assert_uint_eq(l.r[6].file, 1);
    ck_assert_uint_eq(l.r[6].offset, 0);
    ck_assert_str_eq(l.r[13].text, "INVITE sip:jeremy@litwareinc.com SIP/2.0");
    list_free(&l);
    uclog_log_free(log);
    /* the bytes' member is not opened, even when its name is a file's */
    ck_assert_int_eq(uclog_log_open_files_buffer(&log, ctx, dash, 1, 0, "", 0), 0);
    ck_assert_uint_eq(uclog_log_file_count(log), 1);
    uclog_log_free(log);
    log = (uclog_log *)1;
    ck_assert_int_eq(uclog_log_open_files_buffer(&log, ctx, paths, 2, 2, bytes, len), UCLOG_E_INVALID_ARG);
    ck_assert_ptr_null(log);
    ck_assert_int_eq(uclog_log_open_files_buffer(&log, ctx, paths, 2, SIZE_MAX, bytes, len), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_log_open_files_buffer(&log, ctx, paths, 2, 1, NULL, 1), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_log_open_files_buffer(NULL, ctx, paths, 2, 1, bytes, len), UCLOG_E_INVALID_ARG);
    paths[0] = "/nonexistent/x.uccapilog";
    ck_assert_int_eq(uclog_log_open_files_buffer(&log, ctx, paths, 2, 1, bytes, len), UCLOG_E_IO);
    ck_assert_ptr_null(log);
    free(bytes);
    uclog_ctx_free(ctx);
}
END_TEST

#define H1 "01/15/2012|11:30:10.163 1384:11C0 INFO  :: "

START_TEST(header_variants)
{
    static const char text[] =
        "01/15/2012|11:30:10.163 1384:11C0 INFO :: one space\r\n"
        "01/15/2012|11:30:10.164 1384:11C0 INFO     ::    several spaces\r\n"
        "01/15/2012|11:30:10.165 1384:11C0 WARN ::no space\n"
        "01/15/2012|11:30:10.166 a:b ERROR :: short ids\n"
        "01/15/2012|11:30:10.167 DEADBEEF:0001234F TRACE :: long ids\n"
        "01/15/2012|11:30:10.168\t1:2\tVerbose\t::\ttabs\n"
        "01/15/2012|11:30:10.169 1:2 SPECIAL :: unknown level\n";
    rec_list l = collect_buffer(text, sizeof(text) - 1);
    ck_assert_uint_eq(l.n, 7);
    ck_assert_str_eq(l.r[0].text, "one space");
    ck_assert_int_eq(l.r[0].level, UCLOG_LEVEL_INFO);
    ck_assert_str_eq(l.r[1].text, "   several spaces");
    ck_assert_str_eq(l.r[2].text, "no space");
    ck_assert_int_eq(l.r[2].level, UCLOG_LEVEL_WARN);
    ck_assert_uint_eq(l.r[3].pid, 0xA);
    ck_assert_uint_eq(l.r[3].tid, 0xB);
    ck_assert_int_eq(l.r[3].level, UCLOG_LEVEL_ERROR);
    ck_assert_uint_eq(l.r[4].pid, 0xDEADBEEF);
    ck_assert_uint_eq(l.r[4].tid, 0x1234F);
    ck_assert_int_eq(l.r[4].level, UCLOG_LEVEL_TRACE);
    ck_assert_int_eq(l.r[5].level, UCLOG_LEVEL_VERBOSE);
    ck_assert_str_eq(l.r[5].text, "\ttabs");
    ck_assert_int_eq(l.r[6].level, UCLOG_LEVEL_UNKNOWN);
    ck_assert_str_eq(l.r[6].text, "unknown level");
    ck_assert_uint_eq(l.r[0].ndefects + l.r[1].ndefects + l.r[2].ndefects + l.r[3].ndefects +
                          l.r[4].ndefects + l.r[5].ndefects + l.r[6].ndefects,
                      0);
    ck_assert_int_eq(l.r[6].ms - l.r[0].ms, 6);
    list_free(&l);
}
END_TEST

START_TEST(header_malformed)
{
    static const char text[] =
        "01/15/2012|11:30:10.163 1384 INFO :: no tid\n"
        "01/15/2012|11:30:10.163 123456789:1 INFO :: pid overflow\n"
        "13/45/2012|25:30:10.163 1:1 INFO :: bad date\n"
        "01/15/2012|11:30:10.163\n";
    rec_list l = collect_buffer(text, sizeof(text) - 1);
    ck_assert_uint_eq(l.n, 4);
    ck_assert(has_defect(&l.r[0], UCLOG_DEFECT_HEADER_MALFORMED));
    ck_assert_str_eq(l.r[0].text, "no tid");
    ck_assert(has_defect(&l.r[1], UCLOG_DEFECT_HEADER_MALFORMED));
    ck_assert_str_eq(l.r[1].text, "pid overflow");
    ck_assert_uint_eq(l.r[1].pid, 0); /* no partial PID is kept */
    ck_assert_uint_eq(l.r[1].tid, 0);
    ck_assert_uint_eq(l.r[0].pid, 0);
    ck_assert(has_defect(&l.r[2], UCLOG_DEFECT_TIMESTAMP_INVALID));
    ck_assert_int_eq(l.r[2].ms, -1);
    ck_assert_str_eq(l.r[2].text, "bad date");
    ck_assert_int_eq(l.r[2].has_header, 1);
    ck_assert(has_defect(&l.r[3], UCLOG_DEFECT_HEADER_MALFORMED));
    ck_assert_str_eq(l.r[3].text, "");
    assert_tiles(&l, sizeof(text) - 1);
    list_free(&l);
}
END_TEST

START_TEST(text_before_first_header)
{
    static const char text[] = "garbage line\r\nmore\r\n" H1 "first\r\ncontinued\r\n";
    rec_list l = collect_buffer(text, sizeof(text) - 1);
    ck_assert_uint_eq(l.n, 2);
    ck_assert_int_eq(l.r[0].has_header, 0);
    ck_assert_str_eq(l.r[0].text, "garbage line");
    ck_assert_uint_eq(l.r[0].nlines, 2);
    ck_assert_uint_eq(l.r[0].ndefects, 1);
    ck_assert_int_eq(l.r[0].defects[0], UCLOG_DEFECT_TEXT_BEFORE_HEADER);
    ck_assert_uint_eq(l.r[1].offset, 20);
    ck_assert_uint_eq(l.r[1].line, 3);
    ck_assert_uint_eq(l.r[1].nlines, 2);
    ck_assert_uint_eq(l.r[1].ndefects, 0);
    assert_tiles(&l, sizeof(text) - 1);
    list_free(&l);
}
END_TEST

START_TEST(utf8_bom_and_mixed_line_ends)
{
    static const char text[] = "\xEF\xBB\xBF" H1 "a\r\nx\n" H1 "b\n" H1 "c\r\ny\r\n";
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    rec_list l;
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, text, sizeof(text) - 1, NULL), 0);
    ck_assert_int_eq(uclog_log_file_encoding(log, 0), UCLOG_ENCODING_UTF8_BOM);
    ck_assert_str_eq(uclog_log_file_name(log, 0), "(buffer)");
    l = collect(log);
    ck_assert_uint_eq(l.n, 3);
    ck_assert_int_eq(l.r[0].has_header, 1);
    ck_assert_str_eq(l.r[0].text, "a");
    ck_assert_uint_eq(l.r[0].offset, 0); /* the mark belongs to the first record */
    ck_assert_uint_eq(l.r[0].ndefects, 0);
    ck_assert_uint_eq(l.r[0].pid, 0x1384);
    ck_assert_str_eq(l.r[1].text, "b");
    ck_assert_uint_eq(l.r[1].line, 3);
    ck_assert_str_eq(l.r[2].text, "c");
    ck_assert_uint_eq(l.r[2].nlines, 2);
    assert_tiles(&l, sizeof(text) - 1);
    list_free(&l);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(no_final_newline)
{
    static const char text[] = H1 "a\r\n" H1 "last";
    rec_list l = collect_buffer(text, sizeof(text) - 1);
    ck_assert_uint_eq(l.n, 2);
    ck_assert_str_eq(l.r[1].text, "last");
    ck_assert_uint_eq(l.r[1].ndefects, 1);
    ck_assert_int_eq(l.r[1].defects[0], UCLOG_DEFECT_NO_FINAL_NEWLINE);
    ck_assert_uint_eq(l.r[0].ndefects, 0);
    assert_tiles(&l, sizeof(text) - 1);
    list_free(&l);
}
END_TEST

START_TEST(nul_bytes_and_bad_utf8)
{
    static const char text[] = H1 "a\0b\r\nbody \xff\xfe\r\n" H1 "caf\xc3\xa9 ok\r\n";
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_record_iter *it = NULL;
    const uclog_record *rec;
    uclog_defect d;
    uclog_str s;

    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, text, sizeof(text) - 1, NULL), 0);
    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), 0);
    uclog_record_text(&s, rec);
    ck_assert_uint_eq(s.len, 3); /* "a\0b": the view keeps the NUL */
    ck_assert_uint_eq(uclog_record_defect_count(rec), 2);
    ck_assert_int_eq(uclog_record_defect(&d, rec, 0), 0);
    ck_assert_int_eq(d.code, UCLOG_DEFECT_NUL_BYTE);
    ck_assert_uint_eq(d.span.offset, 44);
    ck_assert_uint_eq(d.span.line, 1);
    ck_assert_uint_eq(d.span.column, 45);
    ck_assert_int_eq(uclog_record_defect(&d, rec, 1), 0);
    ck_assert_int_eq(d.code, UCLOG_DEFECT_INVALID_UTF8);
    ck_assert_uint_eq(d.span.offset, 53);
    ck_assert_uint_eq(d.span.line, 2);
    ck_assert_uint_eq(d.span.column, 6);
    ck_assert_int_eq(uclog_record_defect(&d, rec, 2), UCLOG_E_RANGE);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), 0);
    ck_assert_uint_eq(uclog_record_defect_count(rec), 0); /* valid UTF-8 is no defect */
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), UCLOG_DONE);
    uclog_record_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(line_and_record_limits)
{
    char text[4096];
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    rec_list l;
    size_t n, i;

    n = (size_t)snprintf(text, sizeof(text), H1 "start\r\n");
    for (i = 0; i < 30; i++)
        n += (size_t)snprintf(text + n, sizeof(text) - n, "continuation line %02zu of the long record\r\n", i);
    n += (size_t)snprintf(text + n, sizeof(text) - n, H1 "after\r\n");
    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_RECORD_BYTES, 500), 0);
    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_LINE_BYTES, 40), 0);
    ck_assert_uint_eq(uclog_ctx_get_limit(ctx, UCLOG_LIMIT_MAX_RECORD_BYTES), 500);
    ck_assert_int_eq(uclog_ctx_set_limit(ctx, 999, 1), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, text, n, NULL), 0);
    l = collect(log);
    /* 50 + 30*41 bytes: cut at line boundaries below 500 bytes each. */
    ck_assert_uint_eq(l.n, 4);
    ck_assert_int_eq(l.r[0].has_header, 1);
    ck_assert(has_defect(&l.r[0], UCLOG_DEFECT_RECORD_TOO_LONG));
    ck_assert(has_defect(&l.r[0], UCLOG_DEFECT_LINE_TOO_LONG));
    ck_assert_uint_le(l.r[0].length, 500);
    ck_assert_uint_eq(l.r[0].length, 50 + 10 * 41);
    ck_assert_int_eq(l.r[1].has_header, 0);
    ck_assert(has_defect(&l.r[1], UCLOG_DEFECT_RECORD_CONTINUED));
    ck_assert_uint_eq(l.r[1].line, 12);
    ck_assert_str_eq(l.r[1].text, "continuation line 10 of the long record");
    ck_assert_str_eq(l.r[3].text, "after");
    ck_assert_int_eq(l.r[3].has_header, 1);
    assert_tiles(&l, n);
    list_free(&l);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(one_huge_line_is_cut_in_stream)
{
    size_t n = 3000000, i;
    char *text = malloc(n);
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    chunker c;
    rec_list l;

    memcpy(text, H1, strlen(H1));
    for (i = strlen(H1); i < n; i++)
        text[i] = 'x';
    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_RECORD_BYTES, 1000000), 0);
    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_LINE_BYTES, 100000), 0);
    c.data = text;
    c.len = n;
    c.pos = 0;
    c.fixed = 65536;
    c.seed = 0;
    ck_assert_int_eq(uclog_log_open_reader(&log, ctx, chunk_read, &c, NULL), 0);
    l = collect(log);
    ck_assert_int_eq(l.rc, UCLOG_DONE);
    ck_assert_uint_eq(l.n, 3);
    ck_assert_uint_eq(l.r[0].length, 1000000);
    ck_assert(has_defect(&l.r[0], UCLOG_DEFECT_RECORD_TOO_LONG));
    ck_assert(has_defect(&l.r[0], UCLOG_DEFECT_LINE_TOO_LONG));
    ck_assert(has_defect(&l.r[1], UCLOG_DEFECT_RECORD_CONTINUED));
    ck_assert_uint_eq(l.r[1].line, 1);
    ck_assert_uint_eq(l.r[1].column, 1000001);
    ck_assert(has_defect(&l.r[2], UCLOG_DEFECT_NO_FINAL_NEWLINE));
    assert_tiles(&l, n);
    list_free(&l);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    free(text);
}
END_TEST

/* A record limit that cuts inside the byte order mark: the text stays inside the record. */
START_TEST(bom_cut_by_tiny_limit)
{
    static const char text[] = "\xEF\xBB\xBF\n" H1 "a\n";
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_record_iter *it = NULL;
    const uclog_record *rec;
    uclog_str t, raw;
    uint64_t total = 0;
    int rc;

    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_RECORD_BYTES, 2), 0);
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, text, sizeof(text) - 1, NULL), 0);
    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    while ((rc = uclog_record_iter_next(&rec, it)) == 0) {
        uclog_record_text(&t, rec);
        uclog_record_raw(&raw, rec);
        ck_assert_uint_le(raw.len, 2);
        ck_assert(t.ptr >= raw.ptr && t.ptr + t.len <= raw.ptr + raw.len);
        total += raw.len;
    }
    ck_assert_int_eq(rc, UCLOG_DONE);
    ck_assert_uint_eq(total, sizeof(text) - 1);
    uclog_record_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

/*
 * A client's log folder sits under the user's profile, whose name may be any Unicode: a file
 * named in UTF-8 outside ASCII opens (on Windows through the wide-character API, whatever
 * the ANSI code page), and on Windows by a full path with a drive letter and backslashes too.
 * Its records are those of the same bytes under a plain name.
 */
START_TEST(non_ascii_path)
{
    const char *rel = "windows/J\xc3\xbcrgen \xc3\x98rsted/Tracing/Lync-UccApi-0.UccApilog";
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    rec_list want, got;

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("rotated-uccapi-1.uccapilog")), 0);
    want = collect(log);
    uclog_log_free(log);
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data(rel)), 0);
    got = collect(log);
    ck_assert_uint_gt(got.n, 0);
    assert_same_records(&want, &got);
    list_free(&got);
    uclog_log_free(log);
#ifdef _WIN32
    {
        char full[4096], *p;
        ck_assert_ptr_nonnull(_fullpath(full, tu_data(rel), sizeof(full)));
        for (p = full; *p; p++)
            if (*p == '/')
                *p = '\\';
        ck_assert_int_eq(full[1], ':'); /* a drive letter */
        ck_assert_ptr_nonnull(strchr(full, '\\'));
        ck_assert_int_eq(uclog_log_open_file(&log, ctx, full), 0);
        got = collect(log);
        assert_same_records(&want, &got);
        ck_assert_str_eq(uclog_log_file_name(log, 0), full);
        list_free(&got);
        uclog_log_free(log);
    }
#endif
    list_free(&want);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(open_errors)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = (uclog_log *)1;
    const char *none = NULL;
    uclog_span sp;

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, "/nonexistent/x.uccapilog"), UCLOG_E_IO);
    ck_assert_ptr_null(log);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "/nonexistent/x.uccapilog"));
    ck_assert_int_eq(uclog_ctx_errcode(ctx), UCLOG_E_IO);
    ck_assert_int_eq(uclog_ctx_error_span(&sp, ctx), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, UCLOG_TEST_DATA), UCLOG_E_IO);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "is a directory"));
    ck_assert_int_eq(uclog_log_open_file(NULL, ctx, "x"), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_log_open_file(&log, NULL, "x"), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_log_open_files(&log, ctx, &none, 0), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, NULL, 5, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_log_open_reader(&log, ctx, NULL, NULL, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_log_open_stream(&log, ctx, NULL, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_record_iter_new(NULL, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_record_iter_next(NULL, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_FILES, 1), 0);
    {
        const char *two[2] = {"a", "b"};
        ck_assert_int_eq(uclog_log_open_files(&log, ctx, two, 2), UCLOG_E_LIMIT);
    }
    uclog_log_free(NULL);
    uclog_record_iter_free(NULL);
    ck_assert_uint_eq(uclog_log_file_count(NULL), 0);
    ck_assert_ptr_null(uclog_log_file_name(NULL, 0));
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(empty_inputs)
{
    rec_list l = collect_buffer("", 0);
    FILE *f = tmpfile();
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    char path[64];

    ck_assert_uint_eq(l.n, 0);
    ck_assert_int_eq(l.rc, UCLOG_DONE);
    list_free(&l);
    ck_assert_int_eq(uclog_log_open_stream(&log, ctx, f, NULL), 0);
    l = collect(log);
    ck_assert_uint_eq(l.n, 0);
    list_free(&l);
    uclog_log_free(log);
    snprintf(path, sizeof(path), "/tmp/uclog-empty-%ld.uccapilog", (long)getpid());
    fclose(fopen(path, "wb"));
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, path), 0);
    l = collect(log);
    ck_assert_uint_eq(l.n, 0);
    list_free(&l);
    uclog_log_free(log);
    remove(path);
    fclose(f);
    uclog_ctx_free(ctx);
}
END_TEST

/*
 * A log that shrinks while it is read (the client truncates or rotates it):
 * the reader keeps the bytes the file held when it was opened, so the
 * records already lent stay readable and the rest come out as they were.
 * A mapping of the file would fault (SIGBUS) on the pages cut off.
 */
START_TEST(file_truncated_while_read)
{
    enum { NREC = 4000 };
    char path[64];
    FILE *w;
    int i, rc;
    size_t n = 0;
    uint64_t sum = 0, want = 0;
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_record_iter *it = NULL;
    const uclog_record *rec;
    uclog_str raw, first = {NULL, 0};

    snprintf(path, sizeof(path), "/tmp/uclog-shrink-%ld.uccapilog", (long)getpid());
    w = fopen(path, "wb");
    ck_assert_ptr_nonnull(w);
    for (i = 0; i < NREC; i++) {
        fprintf(w, H1 "record %d of a log that is cut while it is read\n", i);
        want += (uint64_t)i;
    }
    ck_assert_int_eq(fflush(w), 0);
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, path), 0);
    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    for (i = 0; i < 3; i++) {
        ck_assert_int_eq(uclog_record_iter_next(&rec, it), 0);
        if (i == 0)
            uclog_record_raw(&first, rec);
        n++;
    }
    ck_assert_int_eq(ftruncate(fileno(w), 100), 0);
    while ((rc = uclog_record_iter_next(&rec, it)) == 0) {
        uclog_str text;
        uclog_record_raw(&raw, rec);
        uclog_record_text(&text, rec);
        /* read every byte, as a caller would */
        sum += strtoul(text.ptr + 7, NULL, 10) + (uint64_t)raw.ptr[raw.len - 1];
        n++;
    }
    ck_assert_int_eq(rc, UCLOG_DONE);
    ck_assert_uint_eq(n, NREC);
    ck_assert_uint_eq(sum, want - 3 + (uint64_t)(NREC - 3) * '\n');
    /* a view lent before the cut lives until uclog_log_free() */
    {
        char *copy = dup_view(first);
        ck_assert_ptr_nonnull(strstr(copy, "record 0 of"));
        free(copy);
    }
    uclog_record_iter_free(it);
    uclog_log_free(log);
    fclose(w);
    remove(path);
    uclog_ctx_free(ctx);
}
END_TEST

#ifndef _WIN32
/* A child that writes n bytes of text (records of H1, cut to n) into a FIFO. */
static pid_t fifo_writer(const char *path, size_t n)
{
    pid_t pid = fork();

    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        static const char rec[] = H1 "a record read through a FIFO\n";
        FILE *w;
        signal(SIGPIPE, SIG_DFL);
        w = fopen(path, "wb");
        if (!w)
            _exit(1);
        while (n) {
            size_t k = n < sizeof(rec) - 1 ? n : sizeof(rec) - 1;
            if (fwrite(rec, 1, k, w) != k)
                _exit(0); /* the reader stopped at its limit */
            n -= k;
        }
        fclose(w);
        _exit(0);
    }
    return pid;
}

/*
 * A file with no size (a FIFO, a character device) is read whole up to
 * UCLOG_LIMIT_MAX_UNSIZED_FILE_BYTES: /dev/zero and a FIFO fed with more end
 * with UCLOG_E_LIMIT in bounded memory; a FIFO with a small log works.
 */
START_TEST(unsized_file_limit)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = (uclog_log *)1;
    const uint64_t lim = 1u << 20;
    const size_t rec_len = sizeof(H1 "a record read through a FIFO\n") - 1;
    char path[64];
    size_t base;
    pid_t pid;
    int status;
    rec_list l;

    ck_assert_uint_eq(uclog_ctx_get_limit(ctx, UCLOG_LIMIT_MAX_UNSIZED_FILE_BYTES), 256u << 20);
    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_UNSIZED_FILE_BYTES, lim), 0);
    ck_assert_uint_eq(uclog_ctx_get_limit(ctx, UCLOG_LIMIT_MAX_UNSIZED_FILE_BYTES), lim);

    tu_alloc_reset(-1);
    tu_peak_bytes = base = tu_bytes;
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, "/dev/zero"), UCLOG_E_LIMIT);
    ck_assert_ptr_null(log);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "/dev/zero"));
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "UCLOG_LIMIT_MAX_UNSIZED_FILE_BYTES"));
    ck_assert_uint_le(tu_peak_bytes - base, lim + 4096);
    ck_assert_uint_eq(tu_bytes, base);

    snprintf(path, sizeof(path), "/tmp/uclog-fifo-%ld", (long)getpid());
    ck_assert_int_eq(mkfifo(path, 0600), 0);
    pid = fifo_writer(path, 2 * lim);
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, path), UCLOG_E_LIMIT);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);

    /* exactly the limit is still read */
    pid = fifo_writer(path, (size_t)lim / rec_len * rec_len);
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, path), 0);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_uint_eq(uclog_log_file_size(log, 0), lim / rec_len * rec_len);
    uclog_log_free(log);

    pid = fifo_writer(path, 3 * rec_len);
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, path), 0);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    l = collect(log);
    ck_assert_uint_eq(l.n, 3);
    ck_assert_int_eq(l.rc, UCLOG_DONE);
    ck_assert_str_eq(l.r[2].text, "a record read through a FIFO");
    list_free(&l);
    uclog_log_free(log);
    remove(path);
    uclog_ctx_free(ctx);
}
END_TEST
#endif

START_TEST(str_next_line)
{
    uclog_str rest = {"a\r\nbb\nc", 7}, line;
    ck_assert_int_eq(uclog_str_next_line(&line, &rest), 0);
    ck_assert_str_view(line, "a");
    ck_assert_int_eq(uclog_str_next_line(&line, &rest), 0);
    ck_assert_str_view(line, "bb");
    ck_assert_int_eq(uclog_str_next_line(&line, &rest), 0);
    ck_assert_str_view(line, "c");
    ck_assert_int_eq(uclog_str_next_line(&line, &rest), UCLOG_DONE);
    ck_assert_int_eq(uclog_line_is_header(H1, strlen(H1)), 1);
    ck_assert_int_eq(uclog_line_is_header("01/15/2012|11:30:10", 19), 0);
    ck_assert_str_eq(uclog_level_name(UCLOG_LEVEL_WARN), "WARN");
    ck_assert_str_eq(uclog_level_name(99), "UNKNOWN");
}
END_TEST

/* Allocation failures: open a set and iterate it to the end. */
static int open_and_iterate(void *arg)
{
    const char *const *paths = arg;
    uclog_ctx *ctx = NULL;
    uclog_log *log = NULL;
    uclog_record_iter *it = NULL;
    const uclog_record *rec;
    int rc;

    rc = uclog_ctx_new(&ctx, &tu_mem);
    if (rc)
        return rc;
    uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_LINE_BYTES, 50); /* defects allocate too */
    rc = uclog_log_open_files(&log, ctx, paths, 3);
    if (!rc)
        rc = uclog_record_iter_new(&it, log);
    while (!rc)
        rc = uclog_record_iter_next(&rec, it);
    uclog_record_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    return rc == UCLOG_DONE ? 0 : rc;
}

static int stream_iterate(void *arg)
{
    chunker c = {arg, strlen(arg), 0, 7, 0};
    uclog_ctx *ctx = NULL;
    uclog_log *log = NULL;
    uclog_record_iter *it = NULL;
    const uclog_record *rec;
    int rc = uclog_ctx_new(&ctx, &tu_mem);

    if (rc)
        return rc;
    rc = uclog_log_open_reader(&log, ctx, chunk_read, &c, "s");
    if (!rc)
        rc = uclog_record_iter_new(&it, log);
    while (!rc)
        rc = uclog_record_iter_next(&rec, it);
    uclog_record_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    return rc == UCLOG_DONE ? 0 : rc;
}

START_TEST(alloc_failures)
{
    char a[4096], b[4096], c[4096];
    const char *paths[3];
    snprintf(a, sizeof(a), "%s", tu_data("rotated-uccapi-0.uccapilog"));
    snprintf(b, sizeof(b), "%s", tu_data("seed-utf16le.uccapilog"));
    snprintf(c, sizeof(c), "%s", tu_data("rotated-uccapi-1.uccapilog"));
    paths[0] = a;
    paths[1] = b;
    paths[2] = c;
    tu_alloc_loop(open_and_iterate, (void *)paths);
    tu_alloc_loop(stream_iterate, "junk\n" H1 "a\0b\n" H1 "c\n");
}
END_TEST

Suite *tu_suite(void)
{
    Suite *s = suite_create("log");
    TCase *tc = tcase_create("records");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, seed_records_exact);
    tcase_add_loop_test(tc, every_byte_in_one_record, 0, sizeof(fixtures) / sizeof(fixtures[0]));
    tcase_add_test(tc, counts_of_shared_logs);
    tcase_add_test(tc, lf_and_crlf_same_records);
    tcase_add_test(tc, cr_only_line_ends);
    tcase_add_test(tc, utf16le_transcoded);
    tcase_add_test(tc, utf16_stream_refused);
    tcase_add_loop_test(tc, stream_equals_file, 0, sizeof(fixtures) / sizeof(fixtures[0]));
    tcase_add_test(tc, cr_only_stream_equals_buffer);
    tcase_add_test(tc, stdio_stream);
    tcase_add_test(tc, rotated_set_ordered_by_time);
    tcase_add_test(tc, rotated_set_with_buffer);
    tcase_add_test(tc, header_variants);
    tcase_add_test(tc, header_malformed);
    tcase_add_test(tc, text_before_first_header);
    tcase_add_test(tc, utf8_bom_and_mixed_line_ends);
    tcase_add_test(tc, no_final_newline);
    tcase_add_test(tc, nul_bytes_and_bad_utf8);
    tcase_add_test(tc, line_and_record_limits);
    tcase_add_test(tc, one_huge_line_is_cut_in_stream);
    tcase_add_test(tc, bom_cut_by_tiny_limit);
    tcase_add_test(tc, open_errors);
    tcase_add_test(tc, non_ascii_path);
    tcase_add_test(tc, empty_inputs);
    tcase_add_test(tc, file_truncated_while_read);
#ifndef _WIN32
    tcase_add_test(tc, unsized_file_limit);
#endif
    tcase_add_test(tc, str_next_line);
    tcase_add_test(tc, alloc_failures);
    suite_add_tcase(s, tc);
    return s;
}
