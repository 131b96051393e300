/* Live logs (uclog_log_open_live) and following a file (uclog_follow_*). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "testutil.h"

#define H1 "11/21/2008|23:35:10.001 2808:36EC INFO  :: "
#define H2 "11/21/2008|23:35:10.002 2808:36EC INFO  :: "
#define H3 "11/21/2008|23:35:10.003 2808:36EC INFO  :: "

/* ---- a live log over a script of reads ---- */

/* Each step is bytes to hand over, or IDLE (NULL); after the last, the end. */
struct script {
    const char *const *steps;
    size_t n, at, off;
    size_t reads; /* reads answered so far */
};

static int64_t read_script(void *userdata, void *buf, size_t cap)
{
    struct script *s = userdata;
    const char *step;
    size_t len;

    if (s->at == s->n)
        return 0;
    s->reads++;
    step = s->steps[s->at];
    if (!step) {
        s->at++;
        return UCLOG_READ_IDLE;
    }
    len = strlen(step) - s->off;
    if (len > cap)
        len = cap;
    memcpy(buf, step + s->off, len);
    s->off += len;
    if (s->off == strlen(step)) {
        s->at++;
        s->off = 0;
    }
    return (int64_t)len;
}

/* A record is handed out at an IDLE that follows whole lines, before the next record starts. */
START_TEST(idle_hands_out_whole_records)
{
    static const char *const steps[] = {H1 "Sending Packet\nINVITE sip:a@b SIP/2.0\n", NULL,
                                        H2 "second\n", NULL, H3 "third\n"};
    struct script s = {steps, 5, 0, 0, 0};
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_record_iter *it = NULL;
    const uclog_record *rec;
    uclog_str text;

    ck_assert_int_eq(uclog_log_open_live(&log, ctx, read_script, &s, "live"), 0);
    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), 0);
    uclog_record_text(&text, rec);
    ck_assert_str_view(text, "Sending Packet");
    ck_assert_uint_eq(uclog_record_line_count(rec), 2);
    ck_assert_uint_eq(uclog_record_defect_count(rec), 0);
    ck_assert_uint_eq(s.reads, 2); /* the bytes and the IDLE: the second record was not waited for */
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), 0);
    uclog_record_text(&text, rec);
    ck_assert_str_view(text, "second");
    ck_assert_uint_eq(s.reads, 4);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), 0);
    uclog_record_text(&text, rec);
    ck_assert_str_view(text, "third");
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), UCLOG_DONE);
    uclog_record_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

/* An IDLE after half a line hands nothing out: the line waits for its end. */
START_TEST(idle_inside_a_line_waits)
{
    static const char *const steps[] = {H1 "first\n" H2 "sec", NULL, "ond\n", NULL, H3 "third\n"};
    struct script s = {steps, 5, 0, 0, 0};
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_record_iter *it = NULL;
    const uclog_record *rec;
    uclog_str text;
    uclog_span sp;

    ck_assert_int_eq(uclog_log_open_live(&log, ctx, read_script, &s, "live"), 0);
    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), 0);
    uclog_record_text(&text, rec);
    ck_assert_str_view(text, "first");
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), 0);
    uclog_record_text(&text, rec);
    ck_assert_str_view(text, "second");
    ck_assert_uint_eq(uclog_record_defect_count(rec), 0);
    uclog_record_span(&sp, rec);
    ck_assert_uint_eq(sp.offset, strlen(H1 "first\n"));
    ck_assert_uint_eq(sp.line, 2);
    ck_assert_uint_eq(s.reads, 4); /* "ond\n" and the second IDLE were needed */
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), 0);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), UCLOG_DONE);
    uclog_record_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

/* A plain reader's -2 is an error, as it always was. */
START_TEST(idle_from_a_plain_reader_is_an_error)
{
    static const char *const steps[] = {H1 "first\n", NULL};
    struct script s = {steps, 2, 0, 0, 0};
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_record_iter *it = NULL;
    const uclog_record *rec;

    ck_assert_int_eq(uclog_log_open_reader(&log, ctx, read_script, &s, "plain"), 0);
    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), UCLOG_E_IO);
    ck_assert_str_eq(uclog_ctx_errmsg(ctx), "plain: read error");
    uclog_record_iter_free(it);
    uclog_log_free(log);
    ck_assert_int_eq(uclog_log_open_live(NULL, ctx, read_script, &s, "x"), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_log_open_live(&log, ctx, NULL, &s, "x"), UCLOG_E_INVALID_ARG);
    ck_assert_ptr_null(log);
    uclog_ctx_free(ctx);
}
END_TEST

/* Where a writer may pause past the flush time without a record coming out cut: inside a line,
 * or before a record header (not between two lines of a record). */
static int pause_allowed(const char *text, size_t off)
{
    const char *nl;

    if (off == 0 || text[off - 1] != '\n')
        return 1;
    nl = strchr(text + off, '\n');
    return uclog_line_is_header(text + off, nl ? (size_t)(nl - text - off) : strlen(text + off));
}

/* Read in pieces of 1 to 13 bytes with an IDLE between some: the same records as the buffer. */
static int64_t read_pieces(void *userdata, void *buf, size_t cap)
{
    struct script *s = userdata; /* steps[0] the text, off the position, at a counter */
    const char *text = s->steps[0];
    size_t len = strlen(text) - s->off, want = 1 + (s->at * 7) % 13;

    if (len == 0)
        return 0;
    if (++s->at % 5 == 0 && pause_allowed(text, s->off))
        return UCLOG_READ_IDLE;
    if (len > want)
        len = want;
    if (len > cap)
        len = cap;
    memcpy(buf, text + s->off, len);
    s->off += len;
    return (int64_t)len;
}

START_TEST(pieces_give_the_records_of_the_buffer)
{
    size_t len;
    char *text = tu_read("seed.uccapilog", &len);
    const char *steps[1];
    struct script s = {steps, 1, 0, 0, 0};
    uclog_ctx *ctx = tu_ctx();
    uclog_log *whole = NULL, *live = NULL;
    uclog_record_iter *a = NULL, *b = NULL;
    const uclog_record *ra, *rb;
    int rca, rcb;
    unsigned n = 0;

    steps[0] = text;
    ck_assert_uint_eq(strlen(text), len);
    ck_assert_int_eq(uclog_log_open_buffer(&whole, ctx, text, len, "seed"), 0);
    ck_assert_int_eq(uclog_log_open_live(&live, ctx, read_pieces, &s, "seed"), 0);
    ck_assert_int_eq(uclog_record_iter_new(&a, whole), 0);
    ck_assert_int_eq(uclog_record_iter_new(&b, live), 0);
    for (;;) {
        uclog_str x, y;
        rca = uclog_record_iter_next(&ra, a);
        rcb = uclog_record_iter_next(&rb, b);
        ck_assert_int_eq(rca, rcb);
        if (rca)
            break;
        uclog_record_raw(&x, ra);
        uclog_record_raw(&y, rb);
        ck_assert_uint_eq(x.len, y.len);
        ck_assert(memcmp(x.ptr, y.ptr, x.len) == 0);
        ck_assert_uint_eq(uclog_record_defect_count(ra), uclog_record_defect_count(rb));
        n++;
    }
    ck_assert_int_eq(rca, UCLOG_DONE);
    ck_assert_uint_eq(n, 15);
    uclog_record_iter_free(a);
    uclog_record_iter_free(b);
    uclog_log_free(whole);
    uclog_log_free(live);
    uclog_ctx_free(ctx);
    free(text);
}
END_TEST

/* ---- following a file ---- */

static char dir[64];

static void make_dir(void)
{
    strcpy(dir, "/tmp/uclog-follow-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static const char *in_dir(const char *name)
{
    static char path[2][128];
    static int k;
    k ^= 1;
    snprintf(path[k], sizeof(path[k]), "%s/%s", dir, name);
    return path[k];
}

static void put(const char *path, const char *mode, const char *text)
{
    FILE *fp = fopen(path, mode);
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(fputs(text, fp) >= 0, 1);
    ck_assert_int_eq(fclose(fp), 0);
}

static void remove_dir(void)
{
    unlink(in_dir("Lync-UccApi-0.UccApilog"));
    unlink(in_dir("Lync-UccApi-1.UccApilog"));
    rmdir(dir);
}

/* What the follower told the context's log callback, one line after another. */
static char notes[512];

static void take_note(int32_t level, const char *message, void *userdata)
{
    (void)userdata;
    if (level == UCLOG_LOG_INFO && strlen(notes) + strlen(message) + 2 < sizeof(notes)) {
        strcat(notes, message);
        strcat(notes, "\n");
    }
}

/* Read until n bytes have come into out, through the follower. */
static void read_bytes(uclog_follow *f, char *out, size_t n)
{
    size_t got = 0;
    while (got < n) {
        int64_t r = uclog_follow_read(f, out + got, n - got);
        if (r == UCLOG_READ_IDLE)
            continue;
        ck_assert_int_gt(r, 0);
        got += (size_t)r;
    }
    out[got] = '\0';
}

static void follow_rotation(uint32_t flags)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_follow *f = NULL;
    const char *live;
    char buf[256];
    char expect[512];

    make_dir();
    live = in_dir("Lync-UccApi-0.UccApilog");
    put(live, "w", H1 "before\n");
    notes[0] = '\0';
    uclog_ctx_set_log_fn(ctx, take_note, NULL, UCLOG_LOG_INFO);
    ck_assert_int_eq(uclog_follow_new(&f, ctx, live, flags), 0);
    ck_assert_int_eq(uclog_follow_set_times(f, 20, 20), 0);
    read_bytes(f, buf, strlen(H1 "before\n"));
    ck_assert_str_eq(buf, H1 "before\n");
    /* Nothing more: after the flush time, IDLE once. */
    ck_assert_int_eq(uclog_follow_read(f, buf, sizeof(buf)), UCLOG_READ_IDLE);
    /* The client writes the last of the old file, renames it, starts a new one. */
    put(live, "a", H2 "last of -0\n");
    ck_assert_int_eq(rename(live, in_dir("Lync-UccApi-1.UccApilog")), 0);
    put(live, "w", H3 "first of the new -0\n");
    read_bytes(f, buf, strlen(H2 "last of -0\n" H3 "first of the new -0\n"));
    ck_assert_str_eq(buf, H2 "last of -0\n" H3 "first of the new -0\n");
    snprintf(expect, sizeof(expect), "%s: rotated; reading the new file from its start\n", live);
    ck_assert_str_eq(notes, expect);
    /* Truncated: read again from its start. */
    ck_assert_int_eq(truncate(live, 0), 0);
    put(live, "w", H1 "again\n");
    read_bytes(f, buf, strlen(H1 "again\n"));
    ck_assert_str_eq(buf, H1 "again\n");
    snprintf(expect + strlen(expect), sizeof(expect) - strlen(expect),
             "%s: truncated; reading it again from its start\n", live);
    ck_assert_str_eq(notes, expect);
    /* Stopped: what the file holds is read, then the end. */
    put(live, "a", H2 "at the stop\n");
    uclog_follow_stop(f);
    read_bytes(f, buf, strlen(H2 "at the stop\n"));
    ck_assert_str_eq(buf, H2 "at the stop\n");
    ck_assert_int_eq(uclog_follow_read(f, buf, sizeof(buf)), 0);
    ck_assert_int_eq(uclog_follow_read(f, buf, sizeof(buf)), 0);
    ck_assert_int_eq(uclog_ctx_errcode(ctx), 0);
    uclog_follow_free(f);
    uclog_ctx_free(ctx);
    remove_dir();
}

START_TEST(rotation_and_truncation_watched)
{
    follow_rotation(0);
}
END_TEST

START_TEST(rotation_and_truncation_polled)
{
    follow_rotation(UCLOG_FOLLOW_POLL);
}
END_TEST

START_TEST(watching_where_there_is_inotify)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_follow *f = NULL;

    ck_assert_int_eq(uclog_follow_new(&f, ctx, tu_data("seed.uccapilog"), UCLOG_FOLLOW_POLL), 0);
    ck_assert_int_eq(uclog_follow_watching(f), 0);
    uclog_follow_free(f);
    ck_assert_int_eq(uclog_follow_new(&f, ctx, tu_data("seed.uccapilog"), 0), 0);
#ifdef __linux__
    ck_assert_int_eq(uclog_follow_watching(f), 1);
#endif
    uclog_follow_free(f);
    ck_assert_int_eq(uclog_follow_watching(NULL), 0);
    uclog_ctx_free(ctx);
}
END_TEST

/* A signal handler stops a follower that waits: the wait ends at once. */
static uclog_follow *to_stop;

static void on_alarm(int sig)
{
    (void)sig;
    uclog_follow_stop(to_stop);
}

START_TEST(stop_from_a_signal_ends_the_wait)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_follow *f = NULL;
    struct sigaction sa, old;
    struct itimerval t;
    char buf[64];
    int64_t r;

    make_dir();
    put(in_dir("Lync-UccApi-0.UccApilog"), "w", "");
    ck_assert_int_eq(uclog_follow_new(&f, ctx, in_dir("Lync-UccApi-0.UccApilog"), 0), 0);
    to_stop = f;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm;
    sigemptyset(&sa.sa_mask);
    ck_assert_int_eq(sigaction(SIGALRM, &sa, &old), 0);
    memset(&t, 0, sizeof(t));
    t.it_value.tv_usec = 100000;
    ck_assert_int_eq(setitimer(ITIMER_REAL, &t, NULL), 0);
    /* Nothing comes and the poll interval is long: only the stop ends this read. */
    ck_assert_int_eq(uclog_follow_set_times(f, 0, 3600000), 0);
    r = uclog_follow_read(f, buf, sizeof(buf));
    ck_assert_int_eq(r, 0);
    sigaction(SIGALRM, &old, NULL);
    uclog_follow_stop(NULL);
    uclog_follow_free(f);
    uclog_follow_free(NULL);
    uclog_ctx_free(ctx);
    remove_dir();
}
END_TEST

START_TEST(errors)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_follow *f = (uclog_follow *)1;
    char buf[4];

    ck_assert_int_eq(uclog_follow_new(&f, ctx, tu_data("missing.uccapilog"), 0), UCLOG_E_IO);
    ck_assert_ptr_null(f);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "missing.uccapilog: No such file or directory"));
    ck_assert_int_eq(uclog_follow_new(&f, ctx, tu_data("hostile/directory.uccapilog"), 0), UCLOG_E_IO);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "directory.uccapilog: Is a directory"));
    ck_assert_int_eq(uclog_follow_new(&f, ctx, "/dev/null", 0), UCLOG_E_IO);
    ck_assert_str_eq(uclog_ctx_errmsg(ctx), "/dev/null: not a regular file, which cannot be followed");
    ck_assert_int_eq(uclog_follow_new(&f, ctx, tu_data("seed.uccapilog"), 2), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_follow_new(&f, NULL, tu_data("seed.uccapilog"), 0), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_follow_new(&f, ctx, NULL, 0), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_follow_new(NULL, ctx, tu_data("seed.uccapilog"), 0), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_follow_set_times(NULL, 1, 1), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_follow_read(NULL, buf, sizeof(buf)), -1);
    ck_assert_int_eq(uclog_follow_new(&f, ctx, tu_data("seed.uccapilog"), 0), 0);
    ck_assert_int_eq(uclog_follow_read(f, NULL, 4), -1);
    ck_assert_int_eq(uclog_ctx_errcode(ctx), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_follow_read(f, buf, sizeof(buf)), 4);
    ck_assert(memcmp(buf, "11/2", 4) == 0);
    uclog_follow_free(f);
    uclog_ctx_free(ctx);
}
END_TEST

static int open_follow(void *arg)
{
    uclog_ctx *ctx = arg;
    uclog_follow *f = NULL;
    int rc = uclog_follow_new(&f, ctx, tu_data("seed.uccapilog"), 0);

    uclog_follow_free(f);
    return rc;
}

START_TEST(alloc_failures)
{
    uclog_ctx *ctx = tu_ctx();

    tu_alloc_loop(open_follow, ctx);
    uclog_ctx_free(ctx);
}
END_TEST

Suite *tu_suite(void)
{
    Suite *s = suite_create("follow");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, idle_hands_out_whole_records);
    tcase_add_test(tc, idle_inside_a_line_waits);
    tcase_add_test(tc, idle_from_a_plain_reader_is_an_error);
    tcase_add_test(tc, pieces_give_the_records_of_the_buffer);
    tcase_add_test(tc, rotation_and_truncation_watched);
    tcase_add_test(tc, rotation_and_truncation_polled);
    tcase_add_test(tc, watching_where_there_is_inotify);
    tcase_add_test(tc, stop_from_a_signal_ends_the_wait);
    tcase_add_test(tc, errors);
    tcase_add_test(tc, alloc_failures);
    suite_add_tcase(s, tc);
    return s;
}
