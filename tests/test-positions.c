/*
 * Line and column numbers past what a uclog_span holds (32 bits) saturate,
 * and the record says so with a POSITION_SATURATED defect.
 *
 * Reaching line or column 4 294 967 296 takes a file over 4 GiB: far too slow
 * to write and read in the suite. The record layer takes the largest line and
 * column it reports from a field of the context that only the library sets
 * (UINT32_MAX), and tests set through uclog__ctx_set_position_max(); this
 * suite, linked with the internal static library, lowers it to a few units so
 * that the same counting code saturates on a small input.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "testutil.h"

#define H1 "01/15/2012|11:30:10.163 1384:11C0 INFO  :: "

typedef struct {
    uint64_t offset;
    uint32_t line, column, ndefects;
    int saturated;
    int32_t codes[4];
} pos_copy;

static size_t collect(pos_copy *out, size_t cap, uclog_log *log)
{
    uclog_record_iter *it = NULL;
    const uclog_record *rec;
    size_t n = 0;
    int rc;

    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    while ((rc = uclog_record_iter_next(&rec, it)) == 0) {
        uclog_span sp;
        uint32_t i;
        ck_assert_uint_lt(n, cap);
        memset(&out[n], 0, sizeof(out[n]));
        uclog_record_span(&sp, rec);
        out[n].offset = sp.offset;
        out[n].line = sp.line;
        out[n].column = sp.column;
        out[n].ndefects = uclog_record_defect_count(rec);
        for (i = 0; i < out[n].ndefects; i++) {
            uclog_defect d;
            ck_assert_int_eq(uclog_record_defect(&d, rec, i), 0);
            if (i < 4)
                out[n].codes[i] = d.code;
            if (d.code == UCLOG_DEFECT_POSITION_SATURATED) {
                out[n].saturated = 1;
                ck_assert_uint_eq(d.span.offset, sp.offset);
            }
        }
        n++;
    }
    ck_assert_int_eq(rc, UCLOG_DONE);
    uclog_record_iter_free(it);
    return n;
}

static size_t collect_buffer(pos_copy *out, size_t cap, const char *text, size_t len,
                             uint32_t pos_max, uint64_t max_record)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    size_t n;

    uclog__ctx_set_position_max(ctx, pos_max);
    if (max_record)
        ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_RECORD_BYTES, max_record), 0);
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, text, len, "buf"), 0);
    n = collect(out, cap, log);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    return n;
}

typedef struct {
    const char *p;
    size_t len, at;
} reader;

static int64_t read_3(void *ud, void *buf, size_t cap)
{
    reader *r = ud;
    size_t k = r->len - r->at < 3 ? r->len - r->at : 3;
    (void)cap;
    memcpy(buf, r->p + r->at, k);
    r->at += k;
    return (int64_t)k;
}

/* Lines: the sixth record onwards reports line 5, the largest, and says so. */
START_TEST(lines_saturate)
{
    static const char text[] = H1 "1\n" H1 "2\n" H1 "3\n" H1 "4\n" H1 "5\n" H1 "6\nmore\n" H1 "8\n";
    pos_copy a[16], b[16];
    size_t n, i, hlen = sizeof(H1 "1\n") - 1;
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    reader r = {text, sizeof(text) - 1, 0};

    n = collect_buffer(a, 16, text, sizeof(text) - 1, 5, 0);
    ck_assert_uint_eq(n, 7);
    for (i = 0; i < n; i++) {
        ck_assert_uint_eq(a[i].offset, i * hlen + (i == 6 ? 5 : 0)); /* offsets stay exact */
        ck_assert_uint_eq(a[i].line, i < 5 ? i + 1 : 5);
        ck_assert_uint_eq(a[i].column, 1);
        ck_assert_int_eq(a[i].saturated, i >= 5);
        ck_assert_uint_eq(a[i].ndefects, i >= 5 ? 1 : 0);
    }
    /* a stream counts the same way */
    uclog__ctx_set_position_max(ctx, 5);
    ck_assert_int_eq(uclog_log_open_reader(&log, ctx, read_3, &r, "s"), 0);
    ck_assert_uint_eq(collect(b, 16, log), n);
    for (i = 0; i < n; i++) {
        ck_assert_uint_eq(b[i].line, a[i].line);
        ck_assert_int_eq(b[i].saturated, a[i].saturated);
    }
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

/* Columns: a one-line log cut into records at the record limit, the case of
 * a 4.4 GB line that once reported offset 2^32 as column 1. */
START_TEST(columns_saturate)
{
    char text[101];
    pos_copy a[16];
    size_t n, i;

    memset(text, 'x', 100);
    text[100] = '\n';
    n = collect_buffer(a, 16, text, sizeof(text), 40, 16);
    ck_assert_uint_eq(n, 7);
    for (i = 0; i < n; i++) {
        ck_assert_uint_eq(a[i].offset, i * 16);
        ck_assert_uint_eq(a[i].line, 1);
        ck_assert_uint_eq(a[i].column, 1 + i * 16 <= 40 ? 1 + i * 16 : 40);
        ck_assert_int_eq(a[i].saturated, 1 + i * 16 > 40);
    }
}
END_TEST

/* A defect inside a record that starts below the largest line, past it. */
START_TEST(defect_past_the_largest_line)
{
    static const char text[] = H1 "1\n" H1 "2\nthree\nfour\nfive\nsix";
    pos_copy a[4];
    size_t n;
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_record_iter *it = NULL;
    const uclog_record *rec;
    uclog_defect d;

    n = collect_buffer(a, 4, text, sizeof(text) - 1, 5, 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(a[1].line, 2);
    ck_assert_int_eq(a[1].saturated, 1);
    ck_assert_uint_eq(a[1].ndefects, 2);
    ck_assert_int_eq(a[1].codes[0], UCLOG_DEFECT_NO_FINAL_NEWLINE);

    uclog__ctx_set_position_max(ctx, 5);
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, text, sizeof(text) - 1, "buf"), 0);
    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), 0);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), 0);
    ck_assert_int_eq(uclog_record_defect(&d, rec, 0), 0);
    ck_assert_uint_eq(d.span.line, 5); /* line 6, saturated */
    ck_assert_uint_eq(d.span.column, 4);
    uclog_record_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

/* Without the knob nothing saturates, and the defect has a name. */
START_TEST(default_and_name)
{
    static const char text[] = H1 "1\n" H1 "2\n";
    pos_copy a[4];

    ck_assert_uint_eq(collect_buffer(a, 4, text, sizeof(text) - 1, UINT32_MAX, 0), 2);
    ck_assert_uint_eq(a[1].line, 2);
    ck_assert_int_eq(a[1].saturated, 0);
    ck_assert_str_eq(uclog_defect_name(UCLOG_DEFECT_POSITION_SATURATED), "POSITION_SATURATED");
    ck_assert_int_eq(UCLOG_DEFECT_POSITION_SATURATED, 10);
}
END_TEST

Suite *tu_suite(void)
{
    Suite *s = suite_create("positions");
    TCase *tc = tcase_create("saturation");
    tcase_add_test(tc, lines_saturate);
    tcase_add_test(tc, columns_saturate);
    tcase_add_test(tc, defect_past_the_largest_line);
    tcase_add_test(tc, default_and_name);
    suite_add_tcase(s, tc);
    return s;
}
