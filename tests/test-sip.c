/* The SIP suite: the messages of the seed log, and the suite itself. The other parts:
 * built messages (test-sip-built.c), value parsers (test-sip-values.c), robustness
 * (test-sip-robust.c); what they share is in sip-fixtures.h. */
#include "sip-fixtures.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uclog_sip *seed_parse(struct seedmsg *s, uclog_ctx *ctx, const char *needle, int nth)
{
    uclog_sip *m = NULL;
    seed_get(s, needle, nth);
    ck_assert_int_eq(uclog_sip_parse(&m, ctx, s->msg, s->len, &s->base), 0);
    ck_assert_ptr_nonnull(m);
    return m;
}

/* The expected span of the text at p in the seed file. */
static void check_span_at(const struct seedmsg *s, const uclog_span *sp, const char *p, size_t len)
{
    size_t off = (size_t)(p - s->file);
    ck_assert_uint_eq(sp->offset, off);
    ck_assert_uint_eq(sp->length, len);
    ck_assert_uint_eq(sp->line, line_of(s->file, off));
    ck_assert_uint_eq(sp->column, column_of(s->file, off));
    ck_assert_uint_eq(sp->file, 3);
}

static uint32_t count_headers(const uclog_sip *m, const char *name)
{
    uint32_t n = 0, idx = 0;
    while (uclog_sip_header_find(NULL, &idx, m, name, idx) == 0) {
        n++;
        idx++;
    }
    return n;
}

START_TEST(seed_subscribe)
{
    uclog_ctx *ctx = tu_ctx();
    struct seedmsg s;
    uclog_sip *m = seed_parse(&s, ctx, "SUBSCRIBE sip:bart@litwareinc.com SIP/2.0", 0);
    uclog_str a, b, c, d;
    uclog_span sp;
    uint32_t n, idx;
    uint16_t port;
    uint64_t cl;
    const char *p;

    ck_assert_int_eq(uclog_sip_is_request(m), 1);
    ck_assert_int_eq(uclog_sip_request_line(&a, &b, &c, m), 0);
    ck_assert_str_view(a, "SUBSCRIBE");
    ck_assert_str_view(b, "sip:bart@litwareinc.com");
    ck_assert_str_view(c, "SIP/2.0");
    ck_assert_int_eq(uclog_sip_status_line(&a, &n, &b, m), UCLOG_E_NOT_FOUND);
    ck_assert_ptr_null(a.ptr);

    /* The message is 1288 bytes (the seed's count); the log's line end after it is not. */
    ck_assert_uint_eq(uclog_sip_length(m), 1288);
    ck_assert_uint_eq(s.len, 1290);
    ck_assert_int_eq(uclog_sip_span(&sp, m), 0);
    ck_assert_uint_eq(sp.offset, 169);
    ck_assert_uint_eq(sp.length, 1288);
    ck_assert_uint_eq(sp.line, 2);
    ck_assert_uint_eq(sp.column, 42);
    ck_assert_uint_eq(sp.file, 3);
    ck_assert_int_eq(uclog_sip_start_line(&a, &sp, m), 0);
    ck_assert_str_view(a, "SUBSCRIBE sip:bart@litwareinc.com SIP/2.0");
    ck_assert_uint_eq(sp.line, 2);
    ck_assert_uint_eq(sp.column, 42);
    ck_assert_uint_eq(sp.length, 41);

    ck_assert_uint_eq(uclog_sip_defect_count(m), 0);
    ck_assert_uint_eq(uclog_sip_header_count(m), 18);

    ck_assert_int_eq(uclog_sip_call_id(&a, m), 0);
    ck_assert_str_view(a, "8a9fb943e213456482dbede7bc8ea467");
    ck_assert_int_eq(uclog_sip_header_find(&a, &idx, m, "call-id", 0), 0);
    ck_assert_uint_eq(idx, 4);
    ck_assert_int_eq(uclog_sip_header(&a, &b, &sp, m, idx), 0);
    ck_assert_str_view(a, "Call-ID");
    p = strstr(s.msg, "Call-ID: ");
    check_span_at(&s, &sp, p, strlen("Call-ID: 8a9fb943e213456482dbede7bc8ea467"));
    ck_assert_uint_eq(sp.line, 7);
    ck_assert_uint_eq(sp.column, 1);

    ck_assert_int_eq(uclog_sip_cseq(&n, &a, m), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_view(a, "SUBSCRIBE");

    ck_assert_int_eq(uclog_sip_from(&a, &b, &c, &d, m), 0);
    ck_assert_ptr_null(a.ptr);
    ck_assert_str_view(b, "sip:bart@litwareinc.com");
    ck_assert_str_view(c, "a8a3ea681b");
    ck_assert_str_view(d, "3c465b617a");
    ck_assert_int_eq(uclog_sip_to(&a, &b, &c, &d, m), 0);
    ck_assert_str_view(b, "sip:bart@litwareinc.com");
    ck_assert_ptr_null(c.ptr);
    ck_assert_ptr_null(d.ptr);

    ck_assert_int_eq(uclog_sip_contact(&a, &b, &c, m), 0);
    ck_assert_ptr_null(a.ptr);
    ck_assert_str_view(b, "sip:bart@litwareinc.com;opaque=user:epid:cYUGvoWWcl6mKX37xhEMuAAA;gruu");
    ck_assert_uint_eq(c.len, 0);
    ck_assert_int_eq(uclog_sip_param(&d, b, "opaque"), 0);
    ck_assert_str_view(d, "user:epid:cYUGvoWWcl6mKX37xhEMuAAA");
    ck_assert_int_eq(uclog_sip_param(&d, b, "gruu"), 0);
    ck_assert_ptr_nonnull(d.ptr);
    ck_assert_uint_eq(d.len, 0);

    ck_assert_uint_eq(uclog_sip_via_count(m), 1);
    ck_assert_int_eq(uclog_sip_via_entry(&a, &b, &port, &c, m, 0), 0);
    ck_assert_str_view(a, "TLS");
    ck_assert_str_view(b, "192.168.1.10");
    ck_assert_uint_eq(port, 1259);
    ck_assert_uint_eq(c.len, 0);
    ck_assert_int_eq(uclog_sip_via_entry(&a, &b, &port, &c, m, 1), UCLOG_E_RANGE);

    ck_assert_int_eq(uclog_sip_event(&a, &b, m), 0);
    ck_assert_str_view(a, "vnd-microsoft-provisioning-v2");
    ck_assert_int_eq(uclog_sip_expires(&n, m), 0);
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(uclog_sip_user_agent(&a, m), 0);
    ck_assert_str_view(a, "UCCAPI/3.5.6874.0 OC/3.5.6874.0 (Microsoft Office Communicator 2007 R2 (RC))");
    ck_assert_int_eq(uclog_sip_server(&a, m), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_sip_logon_data(&a, m), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_sip_is_remote_user(m), 0);
    ck_assert_uint_eq(count_headers(m, "Supported"), 3);
    ck_assert_uint_eq(count_headers(m, "k"), 3);
    ck_assert_uint_eq(uclog_sip_diag_count(m), 0);
    ck_assert_int_eq(uclog_sip_diag(&a, &n, m, 0), UCLOG_E_RANGE);

    ck_assert_int_eq(uclog_sip_header_find(&a, NULL, m, "Proxy-Authorization", 0), 0);
    ck_assert_int_eq(uclog_sip_auth_parse(&b, &c, a), 0);
    ck_assert_str_view(b, "NTLM");
    ck_assert_int_eq(uclog_sip_auth_param(&d, c, "qop"), 0);
    ck_assert_str_view(d, "auth");
    ck_assert_int_eq(uclog_sip_auth_param(&d, c, "realm"), 0);
    ck_assert_str_view(d, "SIP Communications Service");
    ck_assert_int_eq(uclog_sip_auth_param(&d, c, "TARGETNAME"), 0);
    ck_assert_str_view(d, "OCS-FE.litwareinc.com");
    ck_assert_int_eq(uclog_sip_auth_param(&d, c, "cnum"), 0);
    ck_assert_str_view(d, "4");
    ck_assert_int_eq(uclog_sip_auth_param(&d, c, "response"), 0);
    ck_assert_str_view(d, "0100000000000000bfb8bea5f1377568");
    ck_assert_int_eq(uclog_sip_auth_param(&d, c, "snum"), UCLOG_E_NOT_FOUND);

    ck_assert_int_eq(uclog_sip_content_type(&a, &b, &c, m), 0);
    ck_assert_str_view(a, "application");
    ck_assert_str_view(b, "vnd-microsoft-roaming-provisioning-v2+xml");
    ck_assert_int_eq(uclog_sip_content_length(&cl, m), 0);
    ck_assert_uint_eq(cl, 327);
    ck_assert_int_eq(uclog_sip_body(&a, &sp, m), 0);
    ck_assert_uint_eq(a.len, 327);
    ck_assert_int_eq(memcmp(a.ptr, "<provisioningGroupList xmlns=", 29), 0);
    ck_assert_int_eq(memcmp(a.ptr + a.len - 24, "</provisioningGroupList>", 24), 0);
    check_span_at(&s, &sp, a.ptr, 327);
    ck_assert_uint_eq(uclog_sip_part_count(m), 0);

    uclog_sip_free(m);
    free(s.file);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(seed_provisioning_ok)
{
    uclog_ctx *ctx = tu_ctx();
    struct seedmsg s;
    uclog_sip *m = seed_parse(&s, ctx, "SIP/2.0 200 OK", 0);
    uclog_str a, b, c, d;
    uint32_t code;
    uint16_t port;
    uint64_t cl;

    ck_assert_int_eq(uclog_sip_is_request(m), 0);
    ck_assert_int_eq(uclog_sip_status_line(&a, &code, &b, m), 0);
    ck_assert_str_view(a, "SIP/2.0");
    ck_assert_uint_eq(code, 200);
    ck_assert_str_view(b, "OK");
    ck_assert_int_eq(uclog_sip_request_line(&a, &b, &c, m), UCLOG_E_NOT_FOUND);
    ck_assert_uint_eq(uclog_sip_length(m), 3110);
    ck_assert_uint_eq(uclog_sip_defect_count(m), 0);

    ck_assert_int_eq(uclog_sip_logon_data(&a, m), 0);
    ck_assert_str_view(a, "RemoteUser");
    ck_assert_int_eq(uclog_sip_is_remote_user(m), 1);

    ck_assert_int_eq(uclog_sip_contact(&a, &b, &c, m), 0);
    ck_assert_int_eq(uclog_sip_param(&d, b, "transport"), 0);
    ck_assert_str_view(d, "tls");
    ck_assert_int_eq(uclog_sip_param(&d, b, "ms-received-cid"), 0);
    ck_assert_str_view(d, "602");
    ck_assert_int_eq(uclog_sip_param(&d, b, "received"), 0);
    ck_assert_str_view(d, "192.168.100.5");

    ck_assert_int_eq(uclog_sip_header_find(&a, NULL, m, "Authentication-Info", 0), 0);
    ck_assert_int_eq(uclog_sip_auth_parse(&b, &c, a), 0);
    ck_assert_str_view(b, "NTLM");
    ck_assert_int_eq(uclog_sip_auth_param(&d, c, "rspauth"), 0);
    ck_assert_str_view(d, "0100000000000000F0006AACF1377568");
    ck_assert_int_eq(uclog_sip_auth_param(&d, c, "srand"), 0);
    ck_assert_str_view(d, "DE6811F2");
    ck_assert_int_eq(uclog_sip_auth_param(&d, c, "snum"), 0);
    ck_assert_str_view(d, "4");
    ck_assert_int_eq(uclog_sip_auth_param(&d, c, "realm"), 0);
    ck_assert_str_view(d, "SIP Communications Service");

    ck_assert_int_eq(uclog_sip_from(&a, &b, &c, &d, m), 0);
    ck_assert_str_view(a, "Bart Duncan");
    ck_assert_str_view(b, "sip:bart@litwareinc.com");
    ck_assert_str_view(c, "a8a3ea681b");
    ck_assert_str_view(d, "3c465b617a");
    ck_assert_int_eq(uclog_sip_to(NULL, NULL, &c, NULL, m), 0);
    ck_assert_str_view(c, "AB7E8D4E");

    ck_assert_int_eq(uclog_sip_via_entry(&a, &b, &port, &c, m, 0), 0);
    ck_assert_str_view(a, "TLS");
    ck_assert_str_view(b, "192.168.1.10");
    ck_assert_uint_eq(port, 1259);
    ck_assert_int_eq(uclog_sip_param(&d, c, "ms-received-port"), 0);
    ck_assert_str_view(d, "1259");
    ck_assert_int_eq(uclog_sip_param(&d, c, "ms-received-cid"), 0);
    ck_assert_str_view(d, "C00");
    ck_assert_int_eq(uclog_sip_param(&d, c, "branch"), UCLOG_E_NOT_FOUND);

    ck_assert_int_eq(uclog_sip_header_find(&a, NULL, m, "Subscription-State", 0), 0);
    ck_assert_int_eq(uclog_sip_param(&d, a, "expires"), 0);
    ck_assert_str_view(d, "0");
    ck_assert_int_eq(uclog_sip_content_length(&cl, m), 0);
    ck_assert_uint_eq(cl, 2088);
    ck_assert_int_eq(uclog_sip_body(&a, NULL, m), 0);
    ck_assert_uint_eq(a.len, 2088);
    ck_assert_int_eq(memcmp(a.ptr + a.len - 23, "</provisionGroupList>\r\n", 23), 0);

    uclog_sip_free(m);
    free(s.file);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(seed_mras_ok)
{
    uclog_ctx *ctx = tu_ctx();
    struct seedmsg s, s2, s3;
    uclog_sip *m = seed_parse(&s, ctx, "SIP/2.0 200 OK", 1);
    uclog_sip *service = seed_parse(&s2, ctx, "SERVICE sip:", 0);
    uclog_sip *sub = seed_parse(&s3, ctx, "SUBSCRIBE sip:", 0);
    uclog_str a, b, c, d;
    uint32_t n, idx;
    uint64_t cl;

    ck_assert_uint_eq(uclog_sip_length(m), 1769);
    ck_assert_uint_eq(uclog_sip_length(service), 1292);
    ck_assert_uint_eq(uclog_sip_defect_count(m), 0);
    /* Upper-case names are found by their usual spelling. */
    ck_assert_int_eq(uclog_sip_header_find(&a, &idx, m, "From", 0), 0);
    ck_assert_int_eq(uclog_sip_header(&b, NULL, NULL, m, idx), 0);
    ck_assert_str_view(b, "FROM");
    ck_assert_int_eq(uclog_sip_call_id(&a, m), 0);
    ck_assert_str_view(a, "54b45caa1e33428abe89238d8b8ddd80");
    ck_assert_int_eq(uclog_sip_cseq(&n, &a, m), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_view(a, "SERVICE");
    ck_assert_int_eq(uclog_sip_from(&a, &b, &c, &d, m), 0);
    ck_assert_str_view(a, "Bart Duncan");
    ck_assert_str_view(c, "a12b482214");
    ck_assert_int_eq(uclog_sip_to(NULL, &b, &c, NULL, m), 0);
    ck_assert_str_view(b, "sip:edgesrv.litwareinc.com@litwareinc.com;gruu;opaque=srvr:MRAS:P2nY_WtqnEGPHhBbcYD8VQAA");
    ck_assert_str_view(c, "e1fef8fa0");
    ck_assert_int_eq(uclog_sip_server(&a, m), 0);
    ck_assert_str_view(a, "RTCC/3.5.0.0 MRAS/2.0");
    ck_assert_int_eq(uclog_sip_content_type(&a, &b, NULL, m), 0);
    ck_assert_str_view(a, "application");
    ck_assert_str_view(b, "msrtc-media-relay-auth+xml");
    ck_assert_int_eq(uclog_sip_content_length(&cl, m), 0);
    ck_assert_uint_eq(cl, 956);
    ck_assert_int_eq(uclog_sip_body(&a, NULL, m), 0);
    ck_assert_uint_eq(a.len, 956);
    ck_assert_int_eq(memcmp(a.ptr, "<?xml version=\"1.0\"?>\r\n", 23), 0);
    ck_assert_int_eq(memcmp(a.ptr + a.len - 11, "</response>", 11), 0);
    ck_assert_int_eq(uclog_sip_header_find(&a, NULL, m, "ms-edge-proxy-message-trust", 0), 0);
    ck_assert_int_eq(uclog_sip_param(&b, a, "ms-ep-fqdn"), 0);
    ck_assert_str_view(b, "edgesrv.litwareinc.com");
    ck_assert_int_eq(uclog_sip_is_remote_user(m), 1);

    ck_assert_int_eq(uclog_sip_request_line(&a, &b, NULL, service), 0);
    ck_assert_str_view(a, "SERVICE");
    ck_assert_str_view(b, "sip:edgesrv.litwareinc.com@litwareinc.com;gruu;opaque=srvr:MRAS:P2nY_WtqnEGPHhBbcYD8VQAA");
    ck_assert_int_eq(uclog_sip_is_response_to(m, service), 1);
    ck_assert_int_eq(uclog_sip_is_response_to(m, sub), 0);
    ck_assert_int_eq(uclog_sip_is_response_to(service, m), 0);
    ck_assert_int_eq(uclog_sip_is_response_to(NULL, m), 0);

    uclog_sip_free(m);
    uclog_sip_free(service);
    uclog_sip_free(sub);
    free(s.file);
    free(s2.file);
    free(s3.file);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(seed_invite)
{
    uclog_ctx *ctx = tu_ctx();
    struct seedmsg s;
    uclog_sip *m = seed_parse(&s, ctx, "INVITE sip:jeremy@litwareinc.com SIP/2.0", 0);
    const uclog_sip_part *p;
    uclog_str a, b, c;
    uclog_span sp;
    uint32_t idx;

    ck_assert_uint_eq(uclog_sip_length(m), 2478);
    ck_assert_uint_eq(uclog_sip_defect_count(m), 0);
    ck_assert_uint_eq(count_headers(m, "supported"), 8);
    ck_assert_int_eq(uclog_sip_header_find(&a, NULL, m, "Allow", 0), 0);
    ck_assert_ptr_nonnull(strstr(a.ptr, "BENOTIFY"));
    ck_assert_int_eq(uclog_sip_header_find(&a, NULL, m, "ms-keep-alive", 0), 0);
    ck_assert_int_eq(uclog_sip_param(&b, a, "hop-hop"), 0);
    ck_assert_str_view(b, "yes");

    ck_assert_int_eq(uclog_sip_content_type(&a, &b, &c, m), 0);
    ck_assert_str_view(a, "multipart");
    ck_assert_str_view(b, "alternative");
    ck_assert_int_eq(uclog_sip_param(&a, c, "boundary"), 0);
    ck_assert_str_view(a, "----=_NextPart_000_0003_01C94CB6.82AAA4B0");

    ck_assert_uint_eq(uclog_sip_part_count(m), 1);
    ck_assert_int_eq(uclog_sip_part_get(&p, m, 1), UCLOG_E_RANGE);
    ck_assert_ptr_null(p);
    ck_assert_int_eq(uclog_sip_part_get(&p, m, 0), 0);
    ck_assert_uint_eq(uclog_sip_part_header_count(p), 3);
    ck_assert_int_eq(uclog_sip_part_content_type(&a, &b, NULL, p), 0);
    ck_assert_str_view(a, "application");
    ck_assert_str_view(b, "sdp");
    ck_assert_int_eq(uclog_sip_part_disposition(&a, &b, p), 0);
    ck_assert_str_view(a, "session");
    ck_assert_int_eq(uclog_sip_param(&c, b, "handling"), 0);
    ck_assert_str_view(c, "optional");
    ck_assert_int_eq(uclog_sip_param(&c, b, "ms-proxy-2007fallback"), 0);
    ck_assert_uint_eq(c.len, 0);
    ck_assert_int_eq(uclog_sip_part_is_2007_fallback(p), 1);
    ck_assert_int_eq(uclog_sip_part_content_id(&a, p), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_sip_part_header_find(&a, &idx, p, "content-transfer-encoding", 0), 0);
    ck_assert_str_view(a, "7bit");
    ck_assert_uint_eq(idx, 1);
    ck_assert_int_eq(uclog_sip_part_header(&a, &b, &sp, p, 0), 0);
    ck_assert_str_view(a, "Content-Type");
    check_span_at(&s, &sp, a.ptr, strlen("Content-Type: application/sdp"));
    ck_assert_int_eq(uclog_sip_part_header(&a, &b, &sp, p, 3), UCLOG_E_RANGE);

    ck_assert_int_eq(uclog_sip_part_body(&a, &sp, p), 0);
    ck_assert_int_eq(memcmp(a.ptr, "v=0\r\no=- 0 0 IN IP4 192.168.1.7\r\n", 33), 0);
    ck_assert_int_eq(memcmp(a.ptr + a.len - 7, "50010\r\n", 7), 0);
    check_span_at(&s, &sp, a.ptr, a.len);
    ck_assert_int_eq(uclog_sip_part_raw(&b, &sp, p), 0);
    ck_assert_int_eq(memcmp(b.ptr, "Content-Type: application/sdp\r\n", 31), 0);
    ck_assert_ptr_eq(b.ptr + b.len, a.ptr + a.len);
    check_span_at(&s, &sp, b.ptr, b.len);

    uclog_sip_free(m);
    free(s.file);
    uclog_ctx_free(ctx);
}
END_TEST

Suite *tu_suite(void)
{
    Suite *s = suite_create("sip");
    TCase *seed = tcase_create("seed");

    tcase_add_test(seed, seed_subscribe);
    tcase_add_test(seed, seed_provisioning_ok);
    tcase_add_test(seed, seed_mras_ok);
    tcase_add_test(seed, seed_invite);
    suite_add_tcase(s, seed);

    sip_add_built(s);
    sip_add_values(s);
    sip_add_robust(s);
    return s;
}
