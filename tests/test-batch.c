/* Batches: uclog_msg_iter_next_batch() and uclog_record_iter_next_batch()
 * give what the per-item calls give. */
#include <string.h>

#include "testutil.h"

static const struct {
    uint32_t flags;
    int32_t dir;
    uint32_t status;
    const char *method, *call_id, *cseq_method;
    uint64_t offset;
} seed_msgs[] = {
    {15, UCLOG_DIRECTION_SENT, 0, "SUBSCRIBE", "8a9fb943e213456482dbede7bc8ea467", "SUBSCRIBE", 169},
    {14, UCLOG_DIRECTION_RECEIVED, 200, "", "8a9fb943e213456482dbede7bc8ea467", "SUBSCRIBE", 1759},
    {15, UCLOG_DIRECTION_SENT, 0, "SERVICE", "54b45caa1e33428abe89238d8b8ddd80", "SERVICE", 5169},
    {14, UCLOG_DIRECTION_RECEIVED, 200, "", "54b45caa1e33428abe89238d8b8ddd80", "SERVICE", 6761},
    {15, UCLOG_DIRECTION_SENT, 0, "INVITE", "e41f3fa11696494d90130b78761b202c", "INVITE", 8837},
};

static void check_text(const char *text, uint32_t off, uint32_t len, const char *want)
{
    ck_assert_uint_eq(len, strlen(want));
    ck_assert_int_eq(memcmp(text + off, want, len), 0);
}

/* Reads the seed log's messages in batches of `cap` with `text_cap` bytes
 * of text; each batch's entries checked against seed_msgs. */
static void read_seed_batches(uint32_t cap, size_t text_cap, uint32_t want_batches)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_msg_iter *it = NULL;
    uclog_msg_fields out[8];
    char text[256];
    uint32_t n, i, total = 0, batches = 0;
    int rc;

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("seed.uccapilog")), 0);
    ck_assert_int_eq(uclog_msg_iter_new(&it, log), 0);
    while ((rc = uclog_msg_iter_next_batch(out, &n, text, it, cap, sizeof(out[0]), text_cap)) == 0) {
        ck_assert_uint_ge(n, 1);
        ck_assert_uint_le(n, cap);
        batches++;
        for (i = 0; i < n; i++, total++) {
            const uclog_msg_fields *f = &out[i];
            ck_assert_uint_lt(total, 5);
            ck_assert_uint_eq(f->flags, seed_msgs[total].flags);
            ck_assert_int_eq(f->direction, seed_msgs[total].dir);
            ck_assert_uint_eq(f->status, seed_msgs[total].status);
            ck_assert_uint_eq(f->cseq, 1);
            ck_assert_uint_eq(f->span.offset, seed_msgs[total].offset);
            check_text(text, f->method_offset, f->method_length, seed_msgs[total].method);
            check_text(text, f->call_id_offset, f->call_id_length, seed_msgs[total].call_id);
            check_text(text, f->cseq_method_offset, f->cseq_method_length, seed_msgs[total].cseq_method);
            ck_assert_uint_eq(f->reserved[0] | f->reserved[1], 0);
        }
    }
    ck_assert_int_eq(rc, UCLOG_DONE);
    ck_assert_uint_eq(n, 0);
    ck_assert_uint_eq(total, 5);
    ck_assert_uint_eq(batches, want_batches);
    ck_assert_int_eq(out[0].flags & UCLOG_MSG_FIELDS_TIMESTAMP, UCLOG_MSG_FIELDS_TIMESTAMP);
    uclog_msg_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}

START_TEST(seed_message_batches)
{
    read_seed_batches(8, 256, 1);  /* the texts: 50, 41, 46, 41, 44 bytes */
    read_seed_batches(8, 120, 3);  /* 50 + 41, 46 + 41, 44 */
    read_seed_batches(2, 256, 3);
    read_seed_batches(1, 50, 5);   /* the SUBSCRIBE's: exactly 50 */
}
END_TEST

START_TEST(message_batch_first_time)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_msg_iter *it = NULL;
    uclog_msg_fields out[2];
    char text[256];
    uint32_t n = 7;

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("seed.uccapilog")), 0);
    ck_assert_int_eq(uclog_msg_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_msg_iter_next_batch(out, &n, text, it, 2, sizeof(out[0]), 16), UCLOG_E_RANGE);
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(uclog_ctx_errcode(ctx), UCLOG_E_RANGE);
    /* nothing consumed: the first message comes with a larger buffer */
    ck_assert_int_eq(uclog_msg_iter_next_batch(out, &n, text, it, 1, sizeof(out[0]), sizeof(text)), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(out[0].span.offset, 169);
    ck_assert_int_eq(out[0].epoch_ms, 1227310270381);
    uclog_msg_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(batch_bad_arguments)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_msg_iter *it = NULL;
    uclog_record_iter *rit = NULL;
    uclog_msg_fields out[2];
    uclog_record_fields rout[2];
    char text[64];
    uint32_t n;

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("seed.uccapilog")), 0);
    ck_assert_int_eq(uclog_msg_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_record_iter_new(&rit, log), 0);
    ck_assert_int_eq(uclog_msg_iter_next_batch(out, NULL, text, it, 2, sizeof(out[0]), 64), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_msg_iter_next_batch(out, &n, text, it, 0, sizeof(out[0]), 64), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_msg_iter_next_batch(out, &n, text, it, 2, 80, 64), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_msg_iter_next_batch(out, &n, text, it, 2, sizeof(out[0]) + 4, 64), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_msg_iter_next_batch(out, &n, NULL, it, 2, sizeof(out[0]), 64), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_record_iter_next_batch(rout, &n, rit, 2, 56), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_record_iter_next_batch(rout, &n, NULL, 2, sizeof(rout[0])), UCLOG_E_INVALID_ARG);
    uclog_msg_iter_free(it);
    ck_assert_int_eq(uclog_msg_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_msg_iter_set_flags(it, UCLOG_MSG_ITER_UNUSABLE), 0);
    ck_assert_int_eq(uclog_msg_iter_next_batch(out, &n, text, it, 2, sizeof(out[0]), 64), UCLOG_E_STATE);
    uclog_msg_iter_free(it);
    uclog_record_iter_free(rit);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

/* A larger entry than the library knows (a caller built against a later
 * minor release): entries are entry_size apart, the tail left alone. */
START_TEST(record_batches_match_records)
{
    struct wide { uclog_record_fields f; uint64_t later; } out[3];
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_record_iter *a = NULL, *b = NULL;
    const uclog_record *r;
    uint32_t n, i, total = 0;
    int rc;

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("seed.uccapilog")), 0);
    ck_assert_int_eq(uclog_record_iter_new(&a, log), 0);
    ck_assert_int_eq(uclog_record_iter_new(&b, log), 0);
    for (i = 0; i < 3; i++)
        out[i].later = 0xdeadbeef;
    while ((rc = uclog_record_iter_next_batch(&out[0].f, &n, a, 3, sizeof(out[0]))) == 0) {
        for (i = 0; i < n; i++, total++) {
            const uclog_record_fields *f = &out[i].f;
            uclog_span sp;
            uclog_timestamp ts;
            ck_assert_int_eq(uclog_record_iter_next(&r, b), 0);
            uclog_record_span(&sp, r);
            ck_assert_uint_eq(f->span.offset, sp.offset);
            ck_assert_uint_eq(f->span.length, sp.length);
            ck_assert_uint_eq(f->span.line, sp.line);
            ck_assert_int_eq(f->level, uclog_record_level(r));
            ck_assert_uint_eq(f->pid, uclog_record_pid(r));
            ck_assert_uint_eq(f->tid, uclog_record_tid(r));
            ck_assert_uint_eq(f->line_count, uclog_record_line_count(r));
            ck_assert_uint_eq(f->text_offset, uclog_record_text_offset(r));
            ck_assert_uint_eq(f->flags, (uint32_t)(uclog_record_has_header(r) ? 1 : 0) |
                                        (uclog_record_timestamp(&ts, r) == 0 ? 2 : 0));
            if (f->flags & UCLOG_RECORD_FIELDS_TIMESTAMP)
                ck_assert_int_eq(f->epoch_ms, ts.epoch_ms);
            ck_assert_uint_eq(out[i].later, 0xdeadbeef);
        }
    }
    ck_assert_int_eq(rc, UCLOG_DONE);
    ck_assert_int_eq(uclog_record_iter_next(&r, b), UCLOG_DONE);
    ck_assert_uint_gt(total, 10);
    uclog_record_iter_free(b);
    /* the first record, by value */
    ck_assert_int_eq(uclog_record_iter_new(&b, log), 0);
    ck_assert_int_eq(uclog_record_iter_next_batch(&out[0].f, &n, b, 1, sizeof(out[0])), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(out[0].f.epoch_ms, 1227310270381);
    ck_assert_int_eq(out[0].f.level, UCLOG_LEVEL_INFO);
    ck_assert_uint_eq(out[0].f.pid, 0x190);
    ck_assert_uint_eq(out[0].f.tid, 0x4fc);
    ck_assert_uint_eq(out[0].f.span.offset, 0);
    ck_assert_uint_eq(out[0].f.span.line, 1);
    uclog_record_iter_free(b);
    uclog_record_iter_free(a);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

Suite *tu_suite(void)
{
    Suite *s = suite_create("batch");
    TCase *tc = tcase_create("batch");
    tcase_add_test(tc, seed_message_batches);
    tcase_add_test(tc, message_batch_first_time);
    tcase_add_test(tc, batch_bad_arguments);
    tcase_add_test(tc, record_batches_match_records);
    suite_add_tcase(s, tc);
    return s;
}
