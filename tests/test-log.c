/* The log suite: the records of the seed log and the fixtures, and the same records from every
 * source (files, line ends, UTF-16, readers in chunks, stdio streams, rotated sets). The other
 * parts: header fields, damage and limits (test-log-fields.c), opening files
 * (test-log-files.c); what they share is in log-fixtures.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log-fixtures.h"

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
    suite_add_tcase(s, tc);

    log_add_fields(s);
    log_add_files(s);
    return s;
}
