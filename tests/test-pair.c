/* Both sides of one call (examples/clients.c, examples/pair.c): the files split by signed-in
 * user, the messages of a Call-ID paired across the caller's and the callee's logs, and the
 * clocks' skew, on tests/data/pair (bob's clock 2.5 s ahead, 40 ms a hop). */
#include <stdlib.h>
#include <string.h>

#include "../examples/clients.h"
#include "../examples/pair.h"
#include "testutil.h"

/* The log and index of fixture files (one client's set). */
static void open_side(uclog_log **log, uclog_index **idx, uclog_ctx *ctx, const char *a, const char *b)
{
    char pa[512], pb[512];
    const char *paths[2] = {pa, pb};

    snprintf(pa, sizeof(pa), "%s", tu_data(a));
    if (b)
        snprintf(pb, sizeof(pb), "%s", tu_data(b));
    ck_assert_int_eq(uclog_log_open_files(log, ctx, paths, b ? 2 : 1), 0);
    ck_assert_int_eq(uclog_index_build(idx, *log), 0);
}

START_TEST(skew_from_pairs)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *la, *lb;
    uclog_index *a, *b;
    ex_skew s;

    open_side(&la, &a, ctx, "pair/alice.uccapilog", NULL);
    open_side(&lb, &b, ctx, "pair/bob.uccapilog", NULL);
    ck_assert_int_eq(ex_pair_skew(&s, a, b), 0);
    ck_assert_int_eq(s.known, 1);
    ck_assert_int_eq(s.skew_ms, 2500);
    ck_assert_int_eq(s.delay_ms, 40);
    ck_assert_uint_eq(s.ab, 2); /* INVITE, ACK */
    ck_assert_uint_eq(s.ba, 3); /* 100, 180, 200 */
    /* the other way round: alice's clock behind bob's */
    ck_assert_int_eq(ex_pair_skew(&s, b, a), 0);
    ck_assert_int_eq(s.skew_ms, -2500);
    ck_assert_int_eq(s.delay_ms, 40);
    uclog_index_free(a);
    uclog_index_free(b);
    uclog_log_free(la);
    uclog_log_free(lb);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(pairs_of_one_call)
{
    static const char *const labels[] = {"INVITE", "100", "180", "200", "ACK", "BYE"};
    static const int a_to_b[] = {1, 0, 0, 0, 1, 1};
    static const int64_t b_moved[] = {40, 50, 100, 3000, 3095, 0}; /* ms after the INVITE, on alice's clock */
    uclog_ctx *ctx = tu_ctx();
    uclog_log *la, *lb;
    uclog_index *a, *b;
    ex_skew s;
    ex_pair_msg *p;
    uint32_t n, ca, cb, k, status;
    uclog_str method;
    int64_t t0;
    char num[8];
    const char *cid = "c4117e2b0b5e4e5f9a3a5a1d2f6b7c8d";

    open_side(&la, &a, ctx, "pair/alice.uccapilog", NULL);
    open_side(&lb, &b, ctx, "pair/bob.uccapilog", NULL);
    ck_assert_int_eq(uclog_index_call_find(&ca, a, cid, strlen(cid)), 0);
    ck_assert_int_eq(uclog_index_call_find(&cb, b, cid, strlen(cid)), 0);
    ck_assert_int_eq(ex_pair_skew(&s, a, b), 0);
    ck_assert_int_eq(ex_pair_call(&p, &n, a, ca, b, cb, &s), 0);
    ck_assert_uint_eq(n, 6);
    t0 = ex_pair_time(a, p[0].a, 0);
    for (k = 0; k < n; k++) {
        ck_assert_uint_ne(p[k].a, EX_NONE);
        ck_assert_int_eq(p[k].a_to_b, a_to_b[k]);
        ck_assert_int_eq(uclog_index_message_type(NULL, &method, &status, a, p[k].a), 0);
        snprintf(num, sizeof(num), "%u", (unsigned)status);
        ck_assert_str_eq(status ? num : "", status ? labels[k] : "");
        if (!status)
            ck_assert_str_view(method, labels[k]);
        if (k < 5) {
            ck_assert_uint_ne(p[k].b, EX_NONE);
            ck_assert_int_eq(uclog_index_message_direction(b, p[k].b),
                             a_to_b[k] ? UCLOG_DIRECTION_RECEIVED : UCLOG_DIRECTION_SENT);
            ck_assert_int_eq(ex_pair_time(b, p[k].b, s.skew_ms) - t0, b_moved[k]);
        } else {
            ck_assert_uint_eq(p[k].b, EX_NONE); /* bob's log ends before alice's BYE */
        }
    }
    free(p);
    uclog_index_free(a);
    uclog_index_free(b);
    uclog_log_free(la);
    uclog_log_free(lb);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(clients_by_user)
{
    uclog_ctx *ctx = tu_ctx();
    char p0[512], p1[512], p2[512], users[2][EX_USER_MAX];
    char *files[3] = {p0, p1, p2};
    int which[3];

    snprintf(p0, sizeof(p0), "%s", tu_data("pair/alice-rotated-0.uccapilog"));
    snprintf(p1, sizeof(p1), "%s", tu_data("pair/bob.uccapilog"));
    snprintf(p2, sizeof(p2), "%s", tu_data("pair/alice-rotated-1.uccapilog"));
    ck_assert_int_eq(ex_clients_split(which, users, ctx, "test", files, 3, 3), 2);
    ck_assert_int_eq(which[0], 0);
    ck_assert_int_eq(which[1], 1);
    ck_assert_int_eq(which[2], 0);
    ck_assert_str_eq(users[0], "sip:alice@litwareinc.com");
    ck_assert_str_eq(users[1], "sip:bob@litwareinc.com");
    /* "-" among them: one set, as before */
    ck_assert_int_eq(ex_clients_split(which, users, ctx, "test", files, 3, 1), 1);
    /* one client's rotated set stays one client */
    snprintf(p0, sizeof(p0), "%s", tu_data("rotated-uccapi-0.uccapilog"));
    snprintf(p1, sizeof(p1), "%s", tu_data("rotated-uccapi-1.uccapilog"));
    ck_assert_int_eq(ex_clients_split(which, users, ctx, "test", files, 2, 2), 1);
    ck_assert_int_eq(which[0], 0);
    ck_assert_int_eq(which[1], 0);
    uclog_ctx_free(ctx);
}
END_TEST

Suite *tu_suite(void)
{
    Suite *s = suite_create("pair");
    TCase *tc = tcase_create("pair");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, skew_from_pairs);
    tcase_add_test(tc, pairs_of_one_call);
    tcase_add_test(tc, clients_by_user);
    suite_add_tcase(s, tc);
    return s;
}
