/* Logs opened from archives (tests/data/archive, made by make-archives.py): a gzip file is one file
 * of the log, a zip file's client logs are files of a set; each reads as the uncompressed logs do. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#if defined(UCLOG_TEST_HAVE_ZLIB) || defined(UCLOG_TEST_HAVE_LIBARCHIVE)

/* What a log holds, as text to compare: its records' bytes, then each SIP message's Call-ID. */
typedef struct {
    size_t records, bytes, messages;
    char call_ids[8192];
} summary;

static void summarize(summary *s, uclog_log *log)
{
    uclog_record_iter *it;
    uclog_msg_iter *mi;
    const uclog_record *rec;
    const uclog_sip *msg;
    const uclog_packet *pkt;
    uclog_str raw, id;
    int rc;

    memset(s, 0, sizeof(*s));
    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    while ((rc = uclog_record_iter_next(&rec, it)) == 0) {
        uclog_record_raw(&raw, rec);
        s->records++;
        s->bytes += raw.len;
    }
    ck_assert_int_eq(rc, UCLOG_DONE);
    uclog_record_iter_free(it);
    ck_assert_int_eq(uclog_msg_iter_new(&mi, log), 0);
    while ((rc = uclog_msg_iter_next(&msg, &pkt, mi)) == 0) {
        size_t n = strlen(s->call_ids);
        s->messages++;
        ck_assert_int_eq(uclog_sip_call_id(&id, msg), 0);
        ck_assert_uint_lt(n + id.len + 2, sizeof(s->call_ids));
        memcpy(s->call_ids + n, id.ptr, id.len);
        s->call_ids[n + id.len] = '\n';
    }
    ck_assert_int_eq(rc, UCLOG_DONE);
    uclog_msg_iter_free(mi);
}

static void summarize_files(summary *s, uclog_ctx *ctx, const char *const *names, size_t n)
{
    char paths[4][4096];
    const char *p[4];
    uclog_log *log;
    size_t i;

    for (i = 0; i < n; i++) {
        snprintf(paths[i], sizeof(paths[i]), "%s", tu_data(names[i]));
        p[i] = paths[i];
    }
    ck_assert_int_eq(uclog_log_open_files(&log, ctx, p, n), 0);
    summarize(s, log);
    uclog_log_free(log);
}

static void assert_same(const summary *a, const summary *b)
{
    ck_assert_uint_eq(a->records, b->records);
    ck_assert_uint_eq(a->bytes, b->bytes);
    ck_assert_uint_eq(a->messages, b->messages);
    ck_assert_str_eq(a->call_ids, b->call_ids);
}

#endif

#ifdef UCLOG_TEST_HAVE_ZLIB

/* The seed log gzip-compressed: one file, named as the .gz, read as the seed log is. */
START_TEST(gzip_file_reads_as_its_log)
{
    uclog_ctx *ctx = tu_ctx();
    const char *plain = "seed.uccapilog";
    summary want, got;
    uclog_log *log;

    summarize_files(&want, ctx, &plain, 1);
    ck_assert_uint_eq(want.messages, 5);
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("archive/seed.uccapilog.gz")), 0);
    ck_assert_uint_eq(uclog_log_file_count(log), 1);
    ck_assert_ptr_nonnull(strstr(uclog_log_file_name(log, 0), "archive/seed.uccapilog.gz"));
    ck_assert_uint_eq(uclog_log_file_size(log, 0), want.bytes);
    summarize(&got, log);
    assert_same(&want, &got);
    ck_assert_ptr_nonnull(strstr(got.call_ids, "8a9fb943e2"));
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

/* The same bytes handed over as a buffer (a program's standard input read whole). */
START_TEST(gzip_buffer)
{
    uclog_ctx *ctx = tu_ctx();
    const char *plain = "seed.uccapilog";
    summary want, got;
    uclog_log *log;
    size_t len;
    char *gz = tu_read("archive/seed.uccapilog.gz", &len);

    summarize_files(&want, ctx, &plain, 1);
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, gz, len, "-"), 0);
    ck_assert_str_eq(uclog_log_file_name(log, 0), "-");
    summarize(&got, log);
    assert_same(&want, &got);
    uclog_log_free(log);
    free(gz);
    uclog_ctx_free(ctx);
}
END_TEST

/* gzip -c a b > c: the members one after the other, as one text. */
START_TEST(gzip_members_joined)
{
    uclog_ctx *ctx = tu_ctx();
    size_t n0, n1;
    char *r0 = tu_read("rotated-uccapi-0.uccapilog", &n0), *r1 = tu_read("rotated-uccapi-1.uccapilog", &n1);
    uclog_log *log;
    uclog_record_iter *it;
    const uclog_record *rec;
    uclog_str raw;
    size_t at = 0;
    int rc;

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("archive/joined.gz")), 0);
    ck_assert_uint_eq(uclog_log_file_count(log), 1);
    ck_assert_uint_eq(uclog_log_file_size(log, 0), n0 + n1);
    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    while ((rc = uclog_record_iter_next(&rec, it)) == 0) {
        uclog_record_raw(&raw, rec);
        ck_assert_mem_eq(raw.ptr, at < n1 ? r1 + at : r0 + (at - n1), raw.len);
        at += raw.len;
    }
    ck_assert_int_eq(rc, UCLOG_DONE);
    ck_assert_uint_eq(at, n0 + n1);
    uclog_record_iter_free(it);
    uclog_log_free(log);
    free(r0);
    free(r1);
    uclog_ctx_free(ctx);
}
END_TEST

/* Damage is an error that names the file and where; nothing is read from it. */
START_TEST(gzip_cut_or_damaged)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = (uclog_log *)1;

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("archive/cut.gz")), UCLOG_E_FORMAT);
    ck_assert_ptr_null(log);
    ck_assert_int_eq(uclog_ctx_errcode(ctx), UCLOG_E_FORMAT);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "cut.gz: the gzip data is cut short: it ends at byte 1735"));
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("archive/damaged.gz")), UCLOG_E_FORMAT);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "damaged.gz: damaged gzip data near byte"));
    /* two bytes of magic and nothing else */
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, "\x1f\x8b", 2, "x.gz"), UCLOG_E_FORMAT);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "x.gz: the gzip data is cut short"));
    uclog_ctx_free(ctx);
}
END_TEST

/* Trailing bytes: NULs are padding, anything else is damage. */
START_TEST(gzip_trailing_bytes)
{
    uclog_ctx *ctx = tu_ctx();
    size_t len;
    char *gz = tu_read("archive/seed.uccapilog.gz", &len), *more = malloc(len + 8);
    uclog_log *log;

    memcpy(more, gz, len);
    memset(more + len, 0, 8);
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, more, len + 8, "padded.gz"), 0);
    uclog_log_free(log);
    more[len + 3] = 'x';
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, more, len + 8, "tail.gz"), UCLOG_E_FORMAT);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "not gzip data after the end"));
    free(more);
    free(gz);
    uclog_ctx_free(ctx);
}
END_TEST

/* 8 MiB of NULs from 8 KiB: over a limit of 1 MiB, an error, and the memory held stays near the limit. */
START_TEST(gzip_over_the_limit)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log;

    ck_assert_uint_eq(uclog_ctx_get_limit(ctx, UCLOG_LIMIT_MAX_ARCHIVE_BYTES), 1u << 30);
    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_ARCHIVE_BYTES, 1u << 20), 0);
    tu_peak_bytes = tu_bytes;
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("archive/zeros.gz")), UCLOG_E_LIMIT);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "zeros.gz: more than 1048576 bytes once decompressed "
                                                        "(UCLOG_LIMIT_MAX_ARCHIVE_BYTES)"));
    ck_assert_uint_lt(tu_peak_bytes, (1u << 20) + (256u << 10));
    ck_assert_uint_eq(tu_live, 1); /* the context */
    /* the default limit takes it */
    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_ARCHIVE_BYTES, 0), 0);
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("archive/zeros.gz")), 0);
    ck_assert_uint_eq(uclog_log_file_size(log, 0), 8u << 20);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

#else

START_TEST(gzip_unsupported)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log;

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("archive/seed.uccapilog.gz")), UCLOG_E_UNSUPPORTED);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "built without zlib"));
    uclog_ctx_free(ctx);
}
END_TEST

#endif

#ifdef UCLOG_TEST_HAVE_LIBARCHIVE

static const char *const rotated[] = {"rotated-uccapi-0.uccapilog", "rotated-uccapi-1.uccapilog"};

/* A zipped Tracing folder: its two client logs are the set, in time order (the older -1 first, though
 * the zip lists -0 first), named archive:member; the readme and the folder entry are left out. */
START_TEST(zip_members_are_the_set)
{
    uclog_ctx *ctx = tu_ctx();
    summary want, got;
    uclog_log *log;
    const char *name;

    summarize_files(&want, ctx, rotated, 2);
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("archive/tracing.zip")), 0);
    ck_assert_uint_eq(uclog_log_file_count(log), 2);
    name = uclog_log_file_name(log, 0);
    ck_assert_ptr_nonnull(strstr(name, "archive/tracing.zip:Tracing/Lync-UccApi-1.UccApilog"));
    ck_assert_str_eq(name + strlen(name) - strlen("tracing.zip:Tracing/Lync-UccApi-1.UccApilog"),
                     "tracing.zip:Tracing/Lync-UccApi-1.UccApilog");
    ck_assert_ptr_nonnull(strstr(uclog_log_file_name(log, 1), "tracing.zip:Tracing/Lync-UccApi-0.UccApilog"));
    summarize(&got, log);
    assert_same(&want, &got);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

/* A zip among plain files: its members join the set beside them. */
START_TEST(zip_among_files)
{
    uclog_ctx *ctx = tu_ctx();
    char a[4096], b[4096];
    const char *p[2] = {a, b};
    uclog_log *log;

    snprintf(a, sizeof(a), "%s", tu_data("archive/tracing.zip"));
    snprintf(b, sizeof(b), "%s", tu_data("diag/no-sip.uccapilog"));
    ck_assert_int_eq(uclog_log_open_files(&log, ctx, p, 2), 0);
    ck_assert_uint_eq(uclog_log_file_count(log), 3);
    /* no-sip.uccapilog (23:31:00) is older than the rotated pair (23:31:10, 23:31:11) */
    ck_assert_str_eq(uclog_log_file_name(log, 0), b);
    ck_assert_ptr_nonnull(strstr(uclog_log_file_name(log, 1), "Lync-UccApi-1.UccApilog"));
    ck_assert_ptr_nonnull(strstr(uclog_log_file_name(log, 2), "Lync-UccApi-0.UccApilog"));
    uclog_log_free(log);
    /* and the limit on files counts them */
    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_FILES, 2), 0);
    ck_assert_int_eq(uclog_log_open_files(&log, ctx, p, 2), UCLOG_E_LIMIT);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "UCLOG_LIMIT_MAX_FILES"));
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(zip_without_a_log)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log;
    size_t len;
    char *z = tu_read("archive/tracing.zip", &len);

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("archive/no-log.zip")), UCLOG_E_FORMAT);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "no-log.zip: no client log (a file named *.uccapilog) in this zip file (entries: 1)"));
    /* cut short: the central directory is gone */
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, z, len / 2, "half.zip"), UCLOG_E_FORMAT);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "half.zip"));
    free(z);
    uclog_ctx_free(ctx);
}
END_TEST

/* The limit counts the client logs of a zip together: their sum passes, one byte less does not. */
START_TEST(zip_limit_counts_every_member)
{
    uclog_ctx *ctx = tu_ctx();
    size_t n0, n1;
    char *r0 = tu_read(rotated[0], &n0), *r1 = tu_read(rotated[1], &n1);
    uclog_log *log;

    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_ARCHIVE_BYTES, n0 + n1), 0);
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("archive/tracing.zip")), 0);
    uclog_log_free(log);
    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_ARCHIVE_BYTES, n0 + n1 - 1), 0);
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("archive/tracing.zip")), UCLOG_E_LIMIT);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "tracing.zip: more than"));
    free(r0);
    free(r1);
    uclog_ctx_free(ctx);
}
END_TEST

#else

START_TEST(zip_unsupported)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log;

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("archive/tracing.zip")), UCLOG_E_UNSUPPORTED);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "built without libarchive"));
    uclog_ctx_free(ctx);
}
END_TEST

#endif

typedef struct {
    const char *p;
    size_t left;
} chunks;

static int64_t read_chunks(void *userdata, void *buf, size_t cap)
{
    chunks *c = userdata;
    size_t n = c->left < cap ? c->left : cap;

    memcpy(buf, c->p, n);
    c->p += n;
    c->left -= n;
    return (int64_t)n;
}

/* A stream is not decompressed: an archive read as one is refused, not taken for text. */
START_TEST(stream_refuses_archives)
{
    static const char *const names[] = {"archive/seed.uccapilog.gz", "archive/tracing.zip"};
    static const char *const kinds[] = {"(stream): a gzip file cannot be read from a stream; open it as a file",
                                        "(stream): a zip file cannot be read from a stream; open it as a file"};
    uclog_ctx *ctx = tu_ctx();
    size_t i;

    for (i = 0; i < 2; i++) {
        size_t len;
        char *data = tu_read(names[i], &len);
        chunks c = {data, len};
        uclog_log *log;
        uclog_record_iter *it;
        const uclog_record *rec;
        ck_assert_int_eq(uclog_log_open_reader(&log, ctx, read_chunks, &c, NULL), 0);
        ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
        ck_assert_int_eq(uclog_record_iter_next(&rec, it), UCLOG_E_UNSUPPORTED);
        ck_assert_str_eq(uclog_ctx_errmsg(ctx), kinds[i]);
        uclog_record_iter_free(it);
        uclog_log_free(log);
        free(data);
    }
    uclog_ctx_free(ctx);
}
END_TEST

static int open_archive(void *arg)
{
    uclog_ctx *ctx = NULL;
    uclog_log *log = NULL;
    uclog_record_iter *it = NULL;
    const uclog_record *rec;
    int rc;

    rc = uclog_ctx_new(&ctx, &tu_mem);
    if (rc)
        return rc;
    rc = uclog_log_open_file(&log, ctx, arg);
    if (rc == UCLOG_E_UNSUPPORTED)
        rc = 0;
    else if (!rc)
        rc = uclog_record_iter_new(&it, log);
    while (!rc && log)
        rc = uclog_record_iter_next(&rec, it);
    uclog_record_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    return rc == UCLOG_DONE ? 0 : rc;
}

START_TEST(alloc_failures)
{
    char gz[4096], zip[4096];

    snprintf(gz, sizeof(gz), "%s", tu_data("archive/seed.uccapilog.gz"));
    snprintf(zip, sizeof(zip), "%s", tu_data("archive/tracing.zip"));
    tu_alloc_loop(open_archive, gz);
    tu_alloc_loop(open_archive, zip);
}
END_TEST

Suite *tu_suite(void)
{
    Suite *s = suite_create("archive");
    TCase *tc = tcase_create("archives");

    tcase_set_timeout(tc, 120);
#ifdef UCLOG_TEST_HAVE_ZLIB
    tcase_add_test(tc, gzip_file_reads_as_its_log);
    tcase_add_test(tc, gzip_buffer);
    tcase_add_test(tc, gzip_members_joined);
    tcase_add_test(tc, gzip_cut_or_damaged);
    tcase_add_test(tc, gzip_trailing_bytes);
    tcase_add_test(tc, gzip_over_the_limit);
#else
    tcase_add_test(tc, gzip_unsupported);
#endif
#ifdef UCLOG_TEST_HAVE_LIBARCHIVE
    tcase_add_test(tc, zip_members_are_the_set);
    tcase_add_test(tc, zip_among_files);
    tcase_add_test(tc, zip_without_a_log);
    tcase_add_test(tc, zip_limit_counts_every_member);
#else
    tcase_add_test(tc, zip_unsupported);
#endif
    tcase_add_test(tc, stream_refuses_archives);
    tcase_add_test(tc, alloc_failures);
    suite_add_tcase(s, tc);
    return s;
}
