/* The log suite, opening files: a path outside ASCII, open errors, empty inputs, a file
 * truncated while read, a file with no size (a FIFO), and allocation failures. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifndef _WIN32
#include <sys/wait.h> /* the FIFO test's writer; Windows has neither FIFOs nor fork() */
#endif

#include "log-fixtures.h"

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

void log_add_files(Suite *s)
{
    TCase *tc = tcase_create("files");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, open_errors);
    tcase_add_test(tc, non_ascii_path);
    tcase_add_test(tc, empty_inputs);
    tcase_add_test(tc, file_truncated_while_read);
#ifndef _WIN32
    tcase_add_test(tc, unsized_file_limit);
#endif
    tcase_add_test(tc, alloc_failures);
    suite_add_tcase(s, tc);
}
