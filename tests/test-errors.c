/* Status text, defect names, the context and the version. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

START_TEST(strerror_every_code)
{
    int code;
    ck_assert_str_eq(uclog_strerror(UCLOG_OK), "success");
    ck_assert_str_eq(uclog_strerror(UCLOG_E_NOMEM), "out of memory");
    ck_assert_str_eq(uclog_strerror(UCLOG_E_ENCODING), "unreadable text encoding");
    for (code = UCLOG_E_RANGE; code <= UCLOG_DONE; code++)
        ck_assert_str_ne(uclog_strerror(code), "unknown error");
    ck_assert_str_eq(uclog_strerror(-1000), "unknown error");
    ck_assert_str_eq(uclog_strerror(42), "unknown error");
}
END_TEST

START_TEST(defect_names)
{
    ck_assert_str_eq(uclog_defect_name(UCLOG_DEFECT_NUL_BYTE), "NUL_BYTE");
    ck_assert_str_eq(uclog_defect_name(UCLOG_DEFECT_TEXT_BEFORE_HEADER), "TEXT_BEFORE_HEADER");
    ck_assert_str_eq(uclog_defect_text(UCLOG_DEFECT_RECORD_TOO_LONG), "record cut at the record size limit");
    ck_assert_str_eq(uclog_defect_name(0), "UNKNOWN");
    ck_assert_str_eq(uclog_defect_name(99), "UNKNOWN");
    ck_assert_str_eq(uclog_defect_name(-5), "UNKNOWN");
    ck_assert_str_eq(uclog_defect_text(100000), "unknown defect");
}
END_TEST

/* One table names every layer's codes: each range's first and last, and none past them. */
START_TEST(defect_names_every_layer)
{
    static const struct {
        int32_t code;
        const char *name;
    } known[] = {
        {UCLOG_DEFECT_TEXT_BEFORE_HEADER, "TEXT_BEFORE_HEADER"},
        {UCLOG_DEFECT_POSITION_SATURATED, "POSITION_SATURATED"},
        {UCLOG_DEFECT_PACKET_BYTE_COUNT, "PACKET_BYTE_COUNT"},
        {UCLOG_DEFECT_PACKET_NO_MESSAGE, "PACKET_NO_MESSAGE"},
        {UCLOG_DEFECT_SIP_TEXT_BEFORE_START, "SIP_TEXT_BEFORE_START"},
        {UCLOG_DEFECT_SIP_CSEQ_INVALID, "SIP_CSEQ_INVALID"},
        {UCLOG_DEFECT_SDP_LINE_MALFORMED, "SDP_LINE_MALFORMED"},
        {UCLOG_DEFECT_SDP_DIAGNOSTICS_MALFORMED, "SDP_DIAGNOSTICS_MALFORMED"},
        {UCLOG_DEFECT_XML_BAD_NUMBER, "XML_BAD_NUMBER"},
        {UCLOG_DEFECT_XML_UNKNOWN_VALUE, "XML_UNKNOWN_VALUE"},
    };
    static const int32_t unknown[] = {11, 99, 110, 199, 217, 299, 317, 400, 405};
    size_t i;
    int32_t c;

    for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
        ck_assert_str_eq(uclog_defect_name(known[i].code), known[i].name);
    for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++)
        ck_assert_str_eq(uclog_defect_name(unknown[i]), "UNKNOWN");
    for (c = UCLOG_DEFECT_SIP_TEXT_BEFORE_START; c <= UCLOG_DEFECT_SIP_CSEQ_INVALID; c++)
        ck_assert_str_ne(uclog_defect_text(c), "unknown defect");
    ck_assert_str_eq(uclog_defect_text(UCLOG_DEFECT_XML_DUPLICATE),
                     "XML element that should appear once appears again (the first is used)");
}
END_TEST

static int logged;
static void count_log(int32_t level, const char *msg, void *ud)
{
    (void)level;
    ck_assert_ptr_nonnull(msg);
    *(int *)ud += 1;
}

START_TEST(context)
{
    uclog_ctx *ctx = NULL;
    uclog_mem bad = {NULL, NULL, NULL};
    uclog_log *log = NULL;

    ck_assert_int_eq(uclog_ctx_new(NULL, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_ctx_new(&ctx, &bad), UCLOG_E_INVALID_ARG);
    ck_assert_ptr_null(ctx);
    ck_assert_int_eq(uclog_ctx_new(&ctx, NULL), 0);
    ck_assert_str_eq(uclog_ctx_errmsg(ctx), "no error");
    ck_assert_int_eq(uclog_ctx_errcode(ctx), 0);
    ck_assert_uint_eq(uclog_ctx_get_limit(ctx, UCLOG_LIMIT_MAX_RECORD_BYTES), 64u << 20);
    ck_assert_uint_eq(uclog_ctx_get_limit(ctx, UCLOG_LIMIT_MAX_XML_DEPTH), 64);
    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_XML_DEPTH, 5), 0);
    ck_assert_uint_eq(uclog_ctx_get_limit(ctx, UCLOG_LIMIT_MAX_XML_DEPTH), 5);
    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_XML_DEPTH, 0), 0);
    ck_assert_uint_eq(uclog_ctx_get_limit(ctx, UCLOG_LIMIT_MAX_XML_DEPTH), 64);
    ck_assert_uint_eq(uclog_ctx_get_limit(ctx, 0), 0);
    ck_assert_uint_eq(uclog_ctx_get_limit(NULL, 1), 0);
    uclog_ctx_set_log_fn(ctx, count_log, &logged, UCLOG_LOG_ERROR);
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, "/nonexistent"), UCLOG_E_IO);
    ck_assert_int_eq(logged, 1);
    uclog_ctx_set_log_fn(ctx, NULL, NULL, 0);
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, "/nonexistent"), UCLOG_E_IO);
    ck_assert_int_eq(logged, 1);
    {
        char *p = uclog_ctx_alloc(ctx, 16);
        ck_assert_ptr_nonnull(p);
        memset(p, 'x', 16);
        p = uclog_ctx_realloc(ctx, p, 4096);
        ck_assert_ptr_nonnull(p);
        ck_assert_int_eq(p[15], 'x');
        uclog_ctx_dealloc(ctx, p);
        uclog_ctx_dealloc(ctx, NULL);
        ck_assert_ptr_null(uclog_ctx_alloc(NULL, 1));
    }
    uclog_ctx_free(ctx);
    uclog_ctx_free(NULL);
}
END_TEST

static int ctx_cycle(void *arg)
{
    uclog_ctx *ctx = NULL;
    int rc = uclog_ctx_new(&ctx, &tu_mem);
    (void)arg;
    uclog_ctx_free(ctx);
    return rc;
}

START_TEST(context_alloc_failure)
{
    tu_alloc_loop(ctx_cycle, NULL);
}
END_TEST

static void count_errors(int32_t level, const char *msg, void *userdata)
{
    (void)msg;
    if (level == UCLOG_LOG_ERROR)
        ++*(int *)userdata;
}

/* Reading logs whose damage the library recovers from leaves no error on the context, and logs
 * none: only a failing public call records one. */
START_TEST(recovered_parses_record_nothing)
{
    static const char *const logs[] = {"seed.uccapilog", "frames/content-length.uccapilog",
                                       "frames/unusable-frames.uccapilog", "frames/joined-reads.uccapilog",
                                       "hostile/packet-no-end.uccapilog"};
    size_t k;

    for (k = 0; k < sizeof(logs) / sizeof(logs[0]); k++) {
        uclog_ctx *ctx = tu_ctx();
        uclog_log *log;
        uclog_msg_iter *it;
        const uclog_sip *m;
        const uclog_packet *p;
        int errors = 0, rc;

        uclog_ctx_set_log_fn(ctx, count_errors, &errors, UCLOG_LOG_DEBUG);
        ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data(logs[k])), 0);
        ck_assert_int_eq(uclog_msg_iter_new(&it, log), 0);
        while ((rc = uclog_msg_iter_next(&m, &p, it)) == 0)
            ;
        ck_assert_int_eq(rc, UCLOG_DONE);
        ck_assert_msg(uclog_ctx_errcode(ctx) == 0, "%s: %s", logs[k], uclog_ctx_errmsg(ctx));
        ck_assert_int_eq(errors, 0);
        uclog_msg_iter_free(it);
        uclog_log_free(log);
        uclog_ctx_free(ctx);
    }
}
END_TEST

START_TEST(version)
{
    ck_assert_uint_eq(uclog_version(), UCLOG_VERSION_NUMBER);
    ck_assert_uint_eq(uclog_version() >> 16, 1);
    ck_assert_str_eq(uclog_version_string(), UCLOG_VERSION_STRING);
    ck_assert_str_eq(uclog_version_string(), "1.3.0");
}
END_TEST

Suite *tu_suite(void)
{
    Suite *s = suite_create("errors");
    TCase *tc = tcase_create("errors");
    tcase_add_test(tc, strerror_every_code);
    tcase_add_test(tc, defect_names);
    tcase_add_test(tc, defect_names_every_layer);
    tcase_add_test(tc, context);
    tcase_add_test(tc, context_alloc_failure);
    tcase_add_test(tc, version);
    tcase_add_test(tc, recovered_parses_record_nothing);
    suite_add_tcase(s, tc);
    return s;
}
