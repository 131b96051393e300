/* The SIP suite, robustness: every prefix, random input, many defects, allocation failures. */
#include "sip-fixtures.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Every accessor, on whatever came out. */
static void touch_all(const uclog_sip *m)
{
    uclog_str a, b, c, d;
    uclog_span sp;
    uclog_defect df;
    uint32_t i, n, k;
    uint16_t vp;
    uint64_t cl;
    size_t need;

    uclog_sip_length(m);
    uclog_sip_span(&sp, m);
    uclog_sip_start_line(&a, &sp, m);
    uclog_sip_request_line(&a, &b, &c, m);
    uclog_sip_status_line(&a, &n, &b, m);
    for (i = 0; i < uclog_sip_header_count(m); i++) {
        ck_assert_int_eq(uclog_sip_header(&a, &b, &sp, m, i), 0);
        uclog_sip_unfold(NULL, 0, &need, b);
    }
    for (i = 0; i < uclog_sip_defect_count(m); i++)
        ck_assert_int_eq(uclog_sip_defect(&df, m, i), 0);
    uclog_sip_body(&a, &sp, m);
    uclog_sip_call_id(&a, m);
    uclog_sip_cseq(&n, &a, m);
    uclog_sip_from(&a, &b, &c, &d, m);
    uclog_sip_to(&a, &b, &c, &d, m);
    uclog_sip_contact(&a, &b, &c, m);
    for (i = 0; i < uclog_sip_via_count(m); i++)
        uclog_sip_via_entry(&a, &b, &vp, &c, m, i);
    uclog_sip_content_type(&a, &b, &c, m);
    uclog_sip_content_length(&cl, m);
    uclog_sip_event(&a, &b, m);
    uclog_sip_expires(&n, m);
    uclog_sip_is_remote_user(m);
    uclog_sip_endpoint_location(&a, &b, m);
    for (i = 0; i < uclog_sip_diag_count(m); i++) {
        ck_assert_int_eq(uclog_sip_diag(&a, &k, m, i), 0);
        uclog_sip_diag_parse(&n, &k, &b, &c, a);
        uclog_sip_diag_media_debug(&b, &c, a, "ICEWarn");
    }
    for (i = 0; i < uclog_sip_part_count(m); i++) {
        const uclog_sip_part *p;
        uint32_t j;
        ck_assert_int_eq(uclog_sip_part_get(&p, m, i), 0);
        for (j = 0; j < uclog_sip_part_header_count(p); j++)
            ck_assert_int_eq(uclog_sip_part_header(&a, &b, &sp, p, j), 0);
        uclog_sip_part_body(&a, &sp, p);
        uclog_sip_part_raw(&a, &sp, p);
        uclog_sip_part_content_type(&a, &b, &c, p);
        uclog_sip_part_is_2007_fallback(p);
    }
}

/* Parse every prefix of every seed message, and of the built ones. */
START_TEST(every_prefix)
{
    uclog_ctx *ctx = tu_ctx();
    static const char *const needles[] = {"SUBSCRIBE sip:", "SIP/2.0 200 OK", "SERVICE sip:",
                                          "INVITE sip:jeremy"};
    const char *built[] = {compact_msg, folded_msg, diag_msg, multipart_msg};
    size_t k, len;

    for (k = 0; k < 8; k++) {
        struct seedmsg s;
        const char *msg;
        char *copy;

        s.file = NULL;
        if (k < 4) {
            seed_get(&s, needles[k], 0);
            msg = s.msg;
            len = s.len;
        } else {
            msg = built[k - 4];
            len = strlen(msg);
        }
        for (; len > 0; len--) {
            uclog_sip *m = NULL;
            int rc;
            /* An exact-size heap copy so that ASan sees any read past the end. */
            copy = malloc(len);
            ck_assert_ptr_nonnull(copy);
            memcpy(copy, msg, len);
            rc = uclog_sip_parse(&m, ctx, copy, len, NULL);
            ck_assert(rc == 0 || rc == UCLOG_E_FORMAT);
            if (rc == 0) {
                ck_assert_uint_le(uclog_sip_length(m), len);
                touch_all(m);
            }
            uclog_sip_free(m);
            free(copy);
        }
        free(s.file);
    }
    uclog_ctx_free(ctx);
}
END_TEST

/* Random bytes and random mutations of a real message. */
START_TEST(random_input)
{
    uclog_ctx *ctx = tu_ctx();
    static const char alphabet[] = "SIP/2.0 \r\n:;,=\"<>-ab1 \t";
    struct seedmsg s;
    uint32_t seed = 12345;
    int iter;

    seed_get(&s, "INVITE sip:jeremy", 0);
    for (iter = 0; iter < 3000; iter++) {
        size_t len = iter % 2 ? s.len : (size_t)(seed % 300) + 1, i;
        char *buf = malloc(len);
        uclog_sip *m = NULL;
        int rc;

        ck_assert_ptr_nonnull(buf);
        if (iter % 2) {
            memcpy(buf, s.msg, len);
            for (i = 0; i < 8; i++) {
                seed = seed * 1103515245u + 12345u;
                buf[(seed >> 8) % len] = alphabet[(seed >> 20) % (sizeof(alphabet) - 1)];
            }
        } else {
            for (i = 0; i < len; i++) {
                seed = seed * 1103515245u + 12345u;
                buf[i] = (iter % 4) ? alphabet[(seed >> 16) % (sizeof(alphabet) - 1)]
                                    : (char)(seed >> 16);
            }
            if (len > 20 && iter % 8 == 2)
                memcpy(buf, "SIP/2.0 200 OK\r\n", 16);
        }
        rc = uclog_sip_parse(&m, ctx, buf, len, NULL);
        ck_assert(rc == 0 || rc == UCLOG_E_FORMAT);
        if (m)
            touch_all(m);
        uclog_sip_free(m);
        free(buf);
    }
    free(s.file);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(many_defects)
{
    uclog_ctx *ctx = tu_ctx();
    size_t n = 5000 * 4 + 32, i, len = 0;
    char *buf = malloc(n);
    uclog_sip *m;
    uclog_defect d;

    ck_assert_ptr_nonnull(buf);
    memcpy(buf, "SIP/2.0 200 OK\r\n", 16);
    len = 16;
    for (i = 0; i < 5000; i++) {
        memcpy(buf + len, "x\r\n", 3);
        len += 3;
    }
    m = parse_ok(ctx, buf, len);
    ck_assert_uint_eq(uclog_sip_defect_count(m), 1024);
    ck_assert_int_eq(uclog_sip_defect(&d, m, 1022), 0);
    ck_assert_int_eq(d.code, UCLOG_DEFECT_SIP_HEADER_MALFORMED);
    ck_assert_int_eq(uclog_sip_defect(&d, m, 1023), 0);
    ck_assert_int_eq(d.code, UCLOG_DEFECT_SIP_DEFECTS_DROPPED);
    uclog_sip_free(m);
    free(buf);
    uclog_ctx_free(ctx);
}
END_TEST

/* Allocation failures: parse (the only allocating call) plus every accessor. */
struct alloc_arg {
    const char *data;
    size_t len;
};

static int alloc_run(void *arg)
{
    const struct alloc_arg *a = arg;
    uclog_ctx *ctx = NULL;
    uclog_sip *m = NULL;
    int rc;

    rc = uclog_ctx_new(&ctx, &tu_mem);
    if (rc)
        return rc;
    uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_SIP_HEADERS, 20);
    rc = uclog_sip_parse(&m, ctx, a->data, a->len, NULL);
    if (rc == 0) {
        ck_assert_ptr_nonnull(m);
        touch_all(m);
    } else {
        ck_assert_ptr_null(m);
        ck_assert_int_eq(uclog_ctx_errcode(ctx), rc);
    }
    uclog_sip_free(m);
    uclog_ctx_free(ctx);
    return rc;
}

START_TEST(alloc_failures)
{
    struct seedmsg s;
    struct alloc_arg arg;
    static const char damaged[] = "junk\r\nSIP/2.0 2x0 X\r\n bad\r\nContent-Length: 9\r\nl: 8\r\n"
                                  "c: multipart/mixed;boundary=q\r\n\r\n--q\r\nA: 1\r\n";

    seed_get(&s, "INVITE sip:jeremy", 0);
    arg.data = s.msg;
    arg.len = s.len;
    tu_alloc_loop(alloc_run, &arg);
    arg.data = multipart_msg;
    arg.len = strlen(multipart_msg);
    tu_alloc_loop(alloc_run, &arg);
    arg.data = damaged;
    arg.len = sizeof(damaged) - 1;
    tu_alloc_loop(alloc_run, &arg);
    free(s.file);
}
END_TEST

void sip_add_robust(Suite *s)
{
    TCase *robust = tcase_create("robust");

    tcase_set_timeout(robust, 120);
    tcase_add_test(robust, every_prefix);
    tcase_add_test(robust, random_input);
    tcase_add_test(robust, many_defects);
    tcase_add_test(robust, alloc_failures);
    suite_add_tcase(s, robust);
}
