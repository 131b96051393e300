/* The packet suite, messages: the SIP messages of the seed log, from a file and a stream,
 * several in one packet, keep-alives and leftovers, allocation failures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "packet-fixtures.h"

static const char *const seed_call_ids[] = {
    "8a9fb943e213456482dbede7bc8ea467", "8a9fb943e213456482dbede7bc8ea467",
    "54b45caa1e33428abe89238d8b8ddd80", "54b45caa1e33428abe89238d8b8ddd80",
    "e41f3fa11696494d90130b78761b202c",
};

static void check_seed_messages(uclog_log *log)
{
    uclog_msg_iter *it = NULL;
    const uclog_sip *m;
    const uclog_packet *p;
    uclog_str s;
    uclog_span sp;
    size_t i = 0;
    int rc;

    ck_assert_int_eq(uclog_msg_iter_new(&it, log), 0);
    while ((rc = uclog_msg_iter_next(&m, &p, it)) == 0) {
        ck_assert_uint_lt(i, 5);
        ck_assert_int_eq(uclog_sip_call_id(&s, m), 0);
        ck_assert_str_view(s, seed_call_ids[i]);
        ck_assert_int_eq(uclog_sip_is_request(m), i % 2 == 0);
        ck_assert_int_eq(uclog_packet_direction(p), i % 2 == 0 ? UCLOG_DIRECTION_SENT : UCLOG_DIRECTION_RECEIVED);
        ck_assert_int_eq(uclog_sip_span(&sp, m), 0);
        ck_assert_uint_eq(sp.offset, seed_packets[i].offset);
        ck_assert_uint_eq(sp.line, seed_packets[i].line);
        i++;
    }
    ck_assert_int_eq(rc, UCLOG_DONE);
    ck_assert_uint_eq(i, 5);
    uclog_msg_iter_free(it);
}

START_TEST(seed_messages)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("seed.uccapilog")), 0);
    check_seed_messages(log);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(seed_messages_from_stream)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    FILE *fp = fopen(tu_data("seed.uccapilog"), "rb");
    ck_assert_int_eq(uclog_log_open_stream(&log, ctx, fp, NULL), 0);
    check_seed_messages(log);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    fclose(fp);
}
END_TEST

START_TEST(several_messages_in_one_packet)
{
    char text[1024];
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_msg_iter *it = NULL;
    const uclog_sip *m;
    const uclog_packet *p;
    uclog_str s;
    uclog_span sp;

    snprintf(text, sizeof(text),
             HDR("100") "Data Received - 10.0.0.1:5061 (To Local Address: 10.0.0.2:1000) %zu bytes:\r\n"
             HDR("101") "%s\r\n"
             HDR("102") "End of Data Received - 10.0.0.1:5061 (To Local Address: 10.0.0.2:1000) %zu bytes\r\n",
             strlen(TWO_MSGS), TWO_MSGS, strlen(TWO_MSGS));
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, text, strlen(text), NULL), 0);
    ck_assert_int_eq(uclog_msg_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_msg_iter_next(&m, &p, it), 0);
    ck_assert_int_eq(uclog_sip_call_id(&s, m), 0);
    ck_assert_str_view(s, "one");
    ck_assert_uint_eq(uclog_packet_defect_count(p), 0);
    ck_assert_int_eq(uclog_msg_iter_next(&m, NULL, it), 0);
    ck_assert_int_eq(uclog_sip_call_id(&s, m), 0);
    ck_assert_str_view(s, "two");
    ck_assert_int_eq(uclog_sip_span(&sp, m), 0);
    ck_assert_uint_eq(sp.line, 7);
    ck_assert_uint_eq(sp.column, 4);
    ck_assert_int_eq(uclog_msg_iter_next(&m, &p, it), UCLOG_DONE);
    uclog_msg_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(keepalive_and_leftover)
{
    static const char text[] =
        HDR("100") "Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 4 bytes:\r\n\r\n\r\n\r\n"
        HDR("102") "End of Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 4 bytes\r\n"
        OPEN_SENT("47") HDR("101") "OPTIONS sip:a SIP/2.0\r\nContent-Length: 0\r\n\r\n%%garbage%%\r\n" END_SENT("47");
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_msg_iter *it = NULL;
    const uclog_sip *m;
    const uclog_packet *p;
    uclog_str s;

    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, text, sizeof(text) - 1, NULL), 0);
    ck_assert_int_eq(uclog_msg_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_msg_iter_next(&m, &p, it), 0);
    ck_assert_int_eq(uclog_sip_request_line(&s, NULL, NULL, m), 0);
    ck_assert_str_view(s, "OPTIONS");
    /* Content-Length says 0, the framing holds more: the framing wins. */
    ck_assert(!has_defect(p, UCLOG_DEFECT_PACKET_LEFTOVER));
    ck_assert_int_eq(uclog_sip_body(&s, NULL, m), 0);
    ck_assert_str_view(s, "%%garbage%%");
    ck_assert_uint_eq(uclog_sip_defect_count(m), 1);
    ck_assert_int_eq(uclog_msg_iter_next(&m, &p, it), UCLOG_DONE);
    ck_assert_uint_eq(uclog_msg_iter_unusable_count(it), 0); /* the keep-alive is not */
    uclog_msg_iter_free(it);
    uclog_log_free(log);

    /* Not SIP at all after a message: the body; a packet of it alone: no message. */
    {
        static const char two[] =
            OPEN_SENT("45") HDR("101") "OPTIONS sip:a SIP/2.0\r\nContent-Length: 0\r\n\r\n" END_SENT("45")
            OPEN_SENT("11") HDR("101") "%%garbage%%\r\n" END_SENT("11");
        ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, two, sizeof(two) - 1, NULL), 0);
        ck_assert_int_eq(uclog_msg_iter_new(&it, log), 0);
        ck_assert_int_eq(uclog_msg_iter_next(&m, &p, it), 0);
        ck_assert_int_eq(uclog_msg_iter_next(&m, &p, it), UCLOG_DONE);
        ck_assert_uint_eq(uclog_msg_iter_unusable_count(it), 1);
    }
    uclog_msg_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

static int iterate_messages(void *arg)
{
    uclog_ctx *ctx = NULL;
    uclog_log *log = NULL;
    uclog_msg_iter *it = NULL;
    const uclog_sip *m;
    int rc = uclog_ctx_new(&ctx, &tu_mem), n = 0;

    if (rc)
        return rc;
    rc = uclog_log_open_file(&log, ctx, arg);
    if (!rc)
        rc = uclog_msg_iter_new(&it, log);
    while (!rc && (rc = uclog_msg_iter_next(&m, NULL, it)) == 0)
        n++;
    uclog_msg_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    if (rc == UCLOG_DONE)
        ck_assert_int_eq(n, 5);
    return rc == UCLOG_DONE ? 0 : rc;
}

START_TEST(alloc_failures)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s", tu_data("seed.uccapilog"));
    tu_alloc_loop(iterate_messages, path);
    snprintf(path, sizeof(path), "%s", tu_data("seed-utf16le.uccapilog"));
    tu_alloc_loop(iterate_messages, path);
}
END_TEST

void packet_add_messages(Suite *s)
{
    TCase *tc = tcase_create("messages");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, seed_messages);
    tcase_add_test(tc, seed_messages_from_stream);
    tcase_add_test(tc, several_messages_in_one_packet);
    tcase_add_test(tc, keepalive_and_leftover);
    tcase_add_test(tc, alloc_failures);
    suite_add_tcase(s, tc);
}
