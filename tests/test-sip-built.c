/* The SIP suite, built messages: compact forms, the deprecated calls, folding, diagnostics,
 * multipart bodies, messages back to back, truncated or damaged, the limit on headers, and
 * the helpers that read one header of a message. */
#include "sip-fixtures.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int has_defect(const uclog_sip *m, int32_t code, uclog_defect *out)
{
    uint32_t i;
    uclog_defect d;
    for (i = 0; i < uclog_sip_defect_count(m); i++) {
        ck_assert_int_eq(uclog_sip_defect(&d, m, i), 0);
        if (d.code == code) {
            if (out)
                *out = d;
            return 1;
        }
    }
    return 0;
}

/* A CSeq whose number overflows 32 bits is a defect at its line, not a silent null. */
START_TEST(cseq_overflow)
{
    static const char msg[] = "SIP/2.0 200 OK\r\n"
                              "Call-ID: x1\r\n"
                              "CSeq: 4294967296 INVITE\r\n"
                              "Content-Length: 0\r\n\r\n";
    static const char fits[] = "SIP/2.0 200 OK\r\n"
                               "CSeq: 4294967295 INVITE\r\n"
                               "Content-Length: 0\r\n\r\n";
    static const char none[] = "SIP/2.0 200 OK\r\n"
                               "CSeq: INVITE\r\n"
                               "Content-Length: 0\r\n\r\n";
    uclog_ctx *ctx = tu_ctx();
    uclog_sip *m = parse_ok(ctx, S(msg));
    uclog_defect d;
    uint32_t n;

    ck_assert(has_defect(m, UCLOG_DEFECT_SIP_CSEQ_INVALID, &d));
    ck_assert_uint_eq(d.span.line, 3);
    ck_assert_int_eq(uclog_sip_cseq(&n, NULL, m), UCLOG_E_FORMAT);
    ck_assert_str_eq(uclog_defect_name(UCLOG_DEFECT_SIP_CSEQ_INVALID), "SIP_CSEQ_INVALID");
    uclog_sip_free(m);
    m = parse_ok(ctx, S(fits));
    ck_assert(!has_defect(m, UCLOG_DEFECT_SIP_CSEQ_INVALID, NULL));
    ck_assert_int_eq(uclog_sip_cseq(&n, NULL, m), 0);
    ck_assert_uint_eq(n, 4294967295u);
    uclog_sip_free(m);
    m = parse_ok(ctx, S(none));
    ck_assert(has_defect(m, UCLOG_DEFECT_SIP_CSEQ_INVALID, NULL));
    uclog_sip_free(m);
    uclog_ctx_free(ctx);
}
END_TEST

const char compact_msg[] =
    "INVITE sip:b@y.com SIP/2.0\r\n"
    "v: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK77;received=1.2.3.4\r\n"
    "f: \"Alice, A.\" <sip:a@x.com>;tag=1f;epid=99\r\n"
    "t: <sip:b@y.com>\r\n"
    "i: abc@h\r\n"
    "m: <sip:a@10.0.0.1:5060;transport=udp>;expires=60\r\n"
    "o: presence;id=7\r\n"
    "k: timer\r\n"
    "c: text/plain;charset=utf-8\r\n"
    "l: 4\r\n"
    "CSeq: 42 INVITE\r\n"
    "\r\n"
    "bodyEXTRA";

START_TEST(compact_forms)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_sip *m = parse_ok(ctx, S(compact_msg));
    uclog_str a, b, c, d;
    uint32_t n;
    uint16_t port;
    uint64_t cl;

    ck_assert_uint_eq(uclog_sip_defect_count(m), 0);
    ck_assert_int_eq(uclog_sip_call_id(&a, m), 0);
    ck_assert_str_view(a, "abc@h");
    ck_assert_int_eq(uclog_sip_header_find(&a, &n, m, "CALL-ID", 0), 0);
    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(uclog_sip_header_find(&a, &n, m, "i", 0), 0);
    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(uclog_sip_header_find(&a, &n, m, "i", 4), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_sip_from(&a, &b, &c, &d, m), 0);
    ck_assert_str_view(a, "Alice, A.");
    ck_assert_str_view(b, "sip:a@x.com");
    ck_assert_str_view(c, "1f");
    ck_assert_str_view(d, "99");
    ck_assert_int_eq(uclog_sip_to(NULL, &b, &c, NULL, m), 0);
    ck_assert_str_view(b, "sip:b@y.com");
    ck_assert_int_eq(uclog_sip_contact(&a, &b, &c, m), 0);
    ck_assert_str_view(b, "sip:a@10.0.0.1:5060;transport=udp");
    ck_assert_int_eq(uclog_sip_param(&d, c, "expires"), 0);
    ck_assert_str_view(d, "60");
    ck_assert_int_eq(uclog_sip_via_entry(&a, &b, &port, &c, m, 0), 0);
    ck_assert_str_view(a, "UDP");
    ck_assert_str_view(b, "10.0.0.1");
    ck_assert_uint_eq(port, 5060);
    ck_assert_int_eq(uclog_sip_param(&d, c, "branch"), 0);
    ck_assert_str_view(d, "z9hG4bK77");
    ck_assert_int_eq(uclog_sip_param(&d, c, "received"), 0);
    ck_assert_str_view(d, "1.2.3.4");
    ck_assert_int_eq(uclog_sip_event(&a, &b, m), 0);
    ck_assert_str_view(a, "presence");
    ck_assert_int_eq(uclog_sip_param(&d, b, "id"), 0);
    ck_assert_str_view(d, "7");
    ck_assert_int_eq(uclog_sip_header_find(&a, NULL, m, "Supported", 0), 0);
    ck_assert_str_view(a, "timer");
    ck_assert_int_eq(uclog_sip_content_type(&a, &b, &c, m), 0);
    ck_assert_str_view(a, "text");
    ck_assert_str_view(b, "plain");
    ck_assert_int_eq(uclog_sip_param(&d, c, "charset"), 0);
    ck_assert_str_view(d, "utf-8");
    ck_assert_int_eq(uclog_sip_content_length(&cl, m), 0);
    ck_assert_uint_eq(cl, 4);
    ck_assert_int_eq(uclog_sip_body(&a, NULL, m), 0);
    ck_assert_str_view(a, "body");
    ck_assert_uint_eq(uclog_sip_length(m), sizeof(compact_msg) - 1 - 5);
    ck_assert_int_eq(uclog_sip_cseq(&n, &a, m), 0);
    ck_assert_uint_eq(n, 42);
    ck_assert_int_eq(uclog_sip_header_find(&a, NULL, m, "Subject", 0), UCLOG_E_NOT_FOUND);
    ck_assert_ptr_null(a.ptr);
    uclog_sip_free(m);

    /* Long names are found by compact queries too. */
    m = parse_ok(ctx, S("MESSAGE sip:x SIP/2.0\r\nCall-ID: q\r\nContent-Length: 0\r\n\r\n"));
    ck_assert_int_eq(uclog_sip_header_find(&a, NULL, m, "I", 0), 0);
    ck_assert_str_view(a, "q");
    ck_assert_int_eq(uclog_sip_header_find(&a, NULL, m, "l", 0), 0);
    ck_assert_str_view(a, "0");
    ck_assert_int_eq(uclog_sip_header_find(&a, NULL, m, "z", 0), UCLOG_E_NOT_FOUND);
    uclog_sip_free(m);
    uclog_ctx_free(ctx);
}
END_TEST

/* The 1.0 Via calls with a uint32_t port, deprecated in 1.3, answer as before. */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif
START_TEST(deprecated_via_calls)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_sip *m = parse_ok(ctx, S(compact_msg));
    uclog_str a, b, c;
    uint32_t port = 1;
    uint16_t p16 = 1;

    ck_assert_int_eq(uclog_sip_via(&a, &b, &port, &c, m, 0), 0);
    ck_assert_int_eq(uclog_sip_via_entry(&a, &b, &p16, &c, m, 0), 0);
    ck_assert_uint_eq(port, p16);
    ck_assert_int_eq(uclog_sip_via_parse(&a, &b, &port, &c, sv("SIP/2.0/TLS h.example.com:5061;branch=z")), 0);
    ck_assert_uint_eq(port, 5061);
    ck_assert_str_view(b, "h.example.com");
    ck_assert_int_eq(uclog_sip_via_parse(&a, &b, &port, &c, sv("SIP/2.0/TCP h:99999")), UCLOG_E_FORMAT);
    uclog_sip_free(m);
    uclog_ctx_free(ctx);
}
END_TEST
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

/* The names deprecated in 1.3 still find what the new ones find. */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif
START_TEST(deprecated_find_names)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_sip *m = parse_ok(ctx, S(compact_msg));
    uclog_str a;
    uint32_t n;

    ck_assert_int_eq(uclog_sip_find_header(&a, &n, m, "i", 0), 0);
    ck_assert_uint_eq(n, 3);
    ck_assert_str_view(a, "abc@h");
    ck_assert_int_eq(uclog_sip_find_header(&a, &n, m, "i", 4), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_sip_part_find_header(&a, NULL, NULL, "x", 0), UCLOG_E_INVALID_ARG);
    uclog_sip_free(m);
    uclog_ctx_free(ctx);
}
END_TEST
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

const char folded_msg[] =
    "BENOTIFY sip:b@y.com SIP/2.0\n"
    "Subject: hello  \n"
    " world\n"
    "\t  again   \n"
    "Via: SIP/2.0/UDP a.example.com:5060;branch=z1,\n"
    "  SIP/2.0/TCP [2001:db8::1]:5061;branch=z2\n"
    "Via:\n"
    " SIP/2.0/TLS c.example.com\n"
    " Contact: <sip:x@y>\n"
    "Call-ID: abc   \n"
    "CSeq: 3 BENOTIFY\n"
    "\n";

START_TEST(folding_and_blanks)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_sip *m = parse_ok(ctx, S(folded_msg));
    uclog_str a, b, c;
    uclog_span sp;
    uclog_defect d;
    uint32_t idx;
    uint16_t port;
    size_t need;
    char buf[64];

    ck_assert_int_eq(uclog_sip_request_line(&a, NULL, NULL, m), 0);
    ck_assert_str_view(a, "BENOTIFY");
    ck_assert_uint_eq(uclog_sip_header_count(m), 6);
    ck_assert_int_eq(uclog_sip_header(&a, &b, &sp, m, 0), 0);
    ck_assert_str_view(a, "Subject");
    ck_assert_str_view(b, "hello  \n world\n\t  again");
    ck_assert_uint_eq(sp.line, 2);
    ck_assert_uint_eq(sp.column, 1);
    ck_assert_uint_eq(sp.offset, 29);
    ck_assert_uint_eq(sp.length, strlen("Subject: hello  \n world\n\t  again   "));

    ck_assert_int_eq(uclog_sip_unfold(NULL, 0, &need, b), UCLOG_E_RANGE);
    ck_assert_uint_eq(need, strlen("hello world again"));
    ck_assert_int_eq(uclog_sip_unfold(buf, 5, &need, b), UCLOG_E_RANGE);
    ck_assert_int_eq(buf[4], '\0');
    ck_assert_int_eq(uclog_sip_unfold(buf, need, &need, b), UCLOG_E_RANGE);
    ck_assert_int_eq(uclog_sip_unfold(buf, need + 1, &need, b), 0);
    ck_assert_str_eq(buf, "hello world again");
    ck_assert_int_eq(uclog_sip_unfold(buf, sizeof(buf), NULL, sv("a  b\r\n c")), 0);
    ck_assert_str_eq(buf, "a  b c");
    ck_assert_int_eq(uclog_sip_unfold(buf, sizeof(buf), &need, sv("")), 0);
    ck_assert_str_eq(buf, "");
    ck_assert_uint_eq(need, 0);

    ck_assert_uint_eq(uclog_sip_via_count(m), 3);
    ck_assert_int_eq(uclog_sip_via_entry(&a, &b, &port, &c, m, 0), 0);
    ck_assert_str_view(b, "a.example.com");
    ck_assert_int_eq(uclog_sip_via_entry(&a, &b, &port, &c, m, 1), 0);
    ck_assert_str_view(a, "TCP");
    ck_assert_str_view(b, "2001:db8::1");
    ck_assert_uint_eq(port, 5061);
    ck_assert_int_eq(uclog_sip_param(&a, c, "branch"), 0);
    ck_assert_str_view(a, "z2");
    ck_assert_int_eq(uclog_sip_via_entry(&a, &b, &port, &c, m, 2), 0);
    ck_assert_str_view(a, "TLS");
    ck_assert_str_view(b, "c.example.com");
    ck_assert_uint_eq(port, 0);

    /* A one-space indented header is still a header, with a defect. */
    ck_assert_int_eq(uclog_sip_contact(NULL, &a, NULL, m), 0);
    ck_assert_str_view(a, "sip:x@y");
    ck_assert_int_eq(uclog_sip_header_find(NULL, &idx, m, "Contact", 0), 0);
    ck_assert_int_eq(uclog_sip_header(&a, NULL, &sp, m, idx), 0);
    ck_assert_uint_eq(sp.line, 9);
    ck_assert_uint_eq(sp.column, 2);
    ck_assert_int_eq(has_defect(m, UCLOG_DEFECT_SIP_HEADER_INDENTED, &d), 1);
    ck_assert_uint_eq(d.span.line, 9);
    ck_assert_uint_eq(d.span.column, 1);
    ck_assert_uint_eq(uclog_sip_defect_count(m), 1);

    ck_assert_int_eq(uclog_sip_call_id(&a, m), 0);
    ck_assert_str_view(a, "abc");
    ck_assert_int_eq(uclog_sip_body(&a, NULL, m), 0);
    ck_assert_ptr_nonnull(a.ptr);
    ck_assert_uint_eq(a.len, 0);
    ck_assert_uint_eq(uclog_sip_length(m), sizeof(folded_msg) - 1);
    uclog_sip_free(m);

    /* A stray indented first line that is no header; a line without a colon. */
    m = parse_ok(ctx, S("SIP/2.0 486 Busy Here\r\n   junk\r\nNoColonHere\r\nTo: <sip:a@b>\r\n\r\n"));
    ck_assert_uint_eq(uclog_sip_header_count(m), 1);
    ck_assert_uint_eq(uclog_sip_defect_count(m), 2);
    ck_assert_int_eq(uclog_sip_defect(&d, m, 0), 0);
    ck_assert_int_eq(d.code, UCLOG_DEFECT_SIP_HEADER_MALFORMED);
    ck_assert_uint_eq(d.span.line, 2);
    ck_assert_int_eq(uclog_sip_defect(&d, m, 1), 0);
    ck_assert_int_eq(d.code, UCLOG_DEFECT_SIP_HEADER_MALFORMED);
    ck_assert_uint_eq(d.span.line, 3);
    ck_assert_uint_eq(d.span.offset, 32);
    ck_assert_uint_eq(d.span.length, 11);
    ck_assert_int_eq(uclog_sip_defect(&d, m, 2), UCLOG_E_RANGE);
    ck_assert_int_eq(uclog_sip_status_line(NULL, &idx, &a, m), 0);
    ck_assert_uint_eq(idx, 486);
    ck_assert_str_view(a, "Busy Here");
    uclog_sip_free(m);
    uclog_ctx_free(ctx);
}
END_TEST

const char diag_msg[] =
    "SIP/2.0 404 Not Found\r\n"
    "ms-diagnostics: 1034;reason=\"Previous hop federated peer did not report diagnostic "
    "information\";Domain=\"x.com\";PeerServer=\"sip.x.com\";source=\"sip.y.com\"\r\n"
    "Call-ID: c1\r\n"
    "ms-diagnostics: 10003;source=\"med.y.com\";reason=\"Proxy returned a SIP failure code\";"
    "component=\"MediationServer\";SipResponseCode=\"404\"\r\n"
    "ms-diagnostics-public: 1009; reason =\"No match for domain in DNS SRV results\" ; "
    "Domain = x.com\r\n"
    "MS-CLIENT-DIAGNOSTICS: 52017.3;reason=\"Encryption levels dont match\", 22;reason=\"a, b\"\r\n"
    "Content-Length: 0\r\n"
    "\r\n";

START_TEST(diagnostics)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_sip *m = parse_ok(ctx, S(diag_msg));
    uclog_str e, r, src, v;
    uint32_t kind, id, sub;

    ck_assert_uint_eq(uclog_sip_diag_count(m), 5);

    ck_assert_int_eq(uclog_sip_diag(&e, &kind, m, 0), 0);
    ck_assert_uint_eq(kind, UCLOG_SIP_DIAG_SERVER);
    ck_assert_str_eq(uclog_sip_diag_kind_name(kind), "ms-diagnostics");
    ck_assert_int_eq(uclog_sip_diag_parse(&id, &sub, &r, &src, e), 0);
    ck_assert_uint_eq(id, 1034);
    ck_assert_uint_eq(sub, UCLOG_SIP_DIAG_NO_SUB_ID);
    ck_assert_str_view(r, "Previous hop federated peer did not report diagnostic information");
    ck_assert_str_view(src, "sip.y.com");
    ck_assert_int_eq(uclog_sip_diag_param(&v, e, "domain"), 0);
    ck_assert_str_view(v, "x.com");
    ck_assert_int_eq(uclog_sip_diag_param(&v, e, "PeerServer"), 0);
    ck_assert_str_view(v, "sip.x.com");

    ck_assert_int_eq(uclog_sip_diag(&e, &kind, m, 1), 0);
    ck_assert_uint_eq(kind, UCLOG_SIP_DIAG_SERVER);
    ck_assert_int_eq(uclog_sip_diag_parse(&id, NULL, &r, &src, e), 0);
    ck_assert_uint_eq(id, 10003);
    ck_assert_str_view(r, "Proxy returned a SIP failure code");
    ck_assert_str_view(src, "med.y.com");
    ck_assert_int_eq(uclog_sip_diag_param(&v, e, "SipResponseCode"), 0);
    ck_assert_str_view(v, "404");

    ck_assert_int_eq(uclog_sip_diag(&e, &kind, m, 2), 0);
    ck_assert_uint_eq(kind, UCLOG_SIP_DIAG_PUBLIC);
    ck_assert_str_eq(uclog_sip_diag_kind_name(kind), "ms-diagnostics-public");
    ck_assert_int_eq(uclog_sip_diag_parse(&id, &sub, &r, &src, e), 0);
    ck_assert_uint_eq(id, 1009);
    ck_assert_str_view(r, "No match for domain in DNS SRV results");
    ck_assert_ptr_null(src.ptr);
    ck_assert_int_eq(uclog_sip_diag_param(&v, e, "Domain"), 0);
    ck_assert_str_view(v, "x.com");

    ck_assert_int_eq(uclog_sip_diag(&e, &kind, m, 3), 0);
    ck_assert_uint_eq(kind, UCLOG_SIP_DIAG_CLIENT);
    ck_assert_str_eq(uclog_sip_diag_kind_name(kind), "ms-client-diagnostics");
    ck_assert_int_eq(uclog_sip_diag_parse(&id, &sub, &r, NULL, e), 0);
    ck_assert_uint_eq(id, 52017);
    ck_assert_uint_eq(sub, 3);
    ck_assert_str_view(r, "Encryption levels dont match");

    ck_assert_int_eq(uclog_sip_diag(&e, NULL, m, 4), 0);
    ck_assert_int_eq(uclog_sip_diag_parse(&id, &sub, &r, NULL, e), 0);
    ck_assert_uint_eq(id, 22);
    ck_assert_str_view(r, "a, b");
    ck_assert_int_eq(uclog_sip_diag(&e, &kind, m, 5), UCLOG_E_RANGE);
    ck_assert_ptr_null(e.ptr);
    ck_assert_uint_eq(kind, 0);
    ck_assert_str_eq(uclog_sip_diag_kind_name(kind), "unknown");
    ck_assert_str_eq(uclog_sip_diag_kind_name(4), "unknown");

    ck_assert_int_eq(uclog_sip_diag_parse(&id, &sub, &r, &src, sv("reason=\"x\"")), UCLOG_E_FORMAT);
    ck_assert_int_eq(uclog_sip_diag_parse(&id, &sub, &r, &src, sv("99999999999;reason=x")),
                     UCLOG_E_FORMAT);
    ck_assert_int_eq(uclog_sip_diag_parse(&id, &sub, &r, &src, sv("7.;reason=x")), UCLOG_E_FORMAT);
    ck_assert_int_eq(uclog_sip_diag_parse(&id, &sub, &r, &src, sv(" 4005 ")), 0);
    ck_assert_uint_eq(id, 4005);
    ck_assert_ptr_null(r.ptr);
    uclog_sip_free(m);

    /* An unquoted reason with a comma stays one entry. */
    m = parse_ok(ctx, S("SIP/2.0 480 X\r\nms-diagnostics: 4005;reason=Destination URI, not enabled;"
                        "source=fe\r\n\r\n"));
    ck_assert_uint_eq(uclog_sip_diag_count(m), 1);
    ck_assert_int_eq(uclog_sip_diag(&e, NULL, m, 0), 0);
    ck_assert_int_eq(uclog_sip_diag_parse(&id, NULL, &r, &src, e), 0);
    ck_assert_str_view(src, "fe");
    ck_assert_str_view(r, "Destination URI, not enabled");
    /* The list-aware reader stops at the comma. */
    ck_assert_int_eq(uclog_sip_param(&v, e, "source"), UCLOG_E_NOT_FOUND);
    uclog_sip_free(m);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(media_debug)
{
    uclog_ctx *ctx = tu_ctx();
    static const char msg[] =
        "BYE sip:b@y SIP/2.0\r\n"
        "ms-client-diagnostics: 23;reason=\"Call failed to establish due to a media connectivity "
        "failure when one endpoint is internal and the other is remote\";"
        "CalleeMediaDebug=\"audio:ICEWarn=0x40003a0,LocalSite=10.0.0.5:50010,"
        "LocalMR=1.2.3.4:55000,RemoteSite=192.168.1.7:6000,RemoteMR=,PortRange=1025:65000,"
        "LocalMRTCPPort=55000,MrDnsU=av.x.com\"\r\n"
        "ms-client-diagnostics: 51007;reason=\"Callee media connectivity diagnosis info\";"
        "UserType=\"Callee\";MediaType=\"audio\";ICEWarn=\"0x4000320\";LocalSite=\"10.1.1.1:3000\"\r\n"
        "\r\n";
    uclog_sip *m = parse_ok(ctx, S(msg));
    uclog_str e, v, media;
    uint32_t id;
    uint64_t n;

    ck_assert_uint_eq(uclog_sip_diag_count(m), 2);
    ck_assert_int_eq(uclog_sip_diag(&e, NULL, m, 0), 0);
    ck_assert_int_eq(uclog_sip_diag_parse(&id, NULL, NULL, NULL, e), 0);
    ck_assert_uint_eq(id, 23);
    ck_assert_int_eq(uclog_sip_diag_media_debug(&v, &media, e, "ICEWarn"), 0);
    ck_assert_str_view(v, "0x40003a0");
    ck_assert_str_view(media, "audio");
    ck_assert_int_eq(uclog_sip_parse_u64(&n, v), 0);
    ck_assert_uint_eq(n, 0x40003a0);
    ck_assert_int_eq(uclog_sip_diag_media_debug(&v, &media, e, "localsite"), 0);
    ck_assert_str_view(v, "10.0.0.5:50010");
    ck_assert_int_eq(uclog_sip_diag_media_debug(&v, NULL, e, "LocalMR"), 0);
    ck_assert_str_view(v, "1.2.3.4:55000");
    ck_assert_int_eq(uclog_sip_diag_media_debug(&v, NULL, e, "RemoteMR"), 0);
    ck_assert_ptr_nonnull(v.ptr);
    ck_assert_uint_eq(v.len, 0);
    ck_assert_int_eq(uclog_sip_diag_media_debug(&v, NULL, e, "PortRange"), 0);
    ck_assert_str_view(v, "1025:65000");
    ck_assert_int_eq(uclog_sip_diag_media_debug(&v, NULL, e, "MrDnsU"), 0);
    ck_assert_str_view(v, "av.x.com");
    ck_assert_int_eq(uclog_sip_diag_media_debug(&v, &media, e, "BaseAddress"), UCLOG_E_NOT_FOUND);
    ck_assert_ptr_null(v.ptr);
    ck_assert_ptr_null(media.ptr);

    ck_assert_int_eq(uclog_sip_diag(&e, NULL, m, 1), 0);
    ck_assert_int_eq(uclog_sip_diag_media_debug(&v, &media, e, "ICEWarn"), 0);
    ck_assert_str_view(v, "0x4000320");
    ck_assert_ptr_null(media.ptr);
    ck_assert_int_eq(uclog_sip_diag_media_debug(&v, NULL, e, "LocalSite"), 0);
    ck_assert_str_view(v, "10.1.1.1:3000");
    ck_assert_int_eq(uclog_sip_diag_media_debug(&v, NULL, e, "MediaType"), 0);
    ck_assert_str_view(v, "audio");

    /* Caller list with several media prefixes, unquoted-by-mistake spacing. */
    ck_assert_int_eq(uclog_sip_diag_media_debug(&v, &media,
                         sv("24; CallerMediaDebug = \"audio:ICEWarn=0x0,LocalLocation=1,"
                            "video:ICEWarn=0x20,VideoOnly=1\""), "VideoOnly"), 0);
    ck_assert_str_view(v, "1");
    ck_assert_str_view(media, "video");
    uclog_sip_free(m);
    uclog_ctx_free(ctx);
}
END_TEST

const char multipart_msg[] =
    "INVITE sip:b@y SIP/2.0\r\n"
    "Content-Type: multipart/mixed; boundary=b0undary\r\n"
    "Content-Length: 333\r\n"
    "\r\n"
    "This is the preamble.\r\n"
    "--b0undary\r\n"
    "Content-Type: application/sdp\r\n"
    "Content-ID: <1@x>\r\n"
    "Content-Disposition: session; handling=optional; ms-proxy-2007fallback\r\n"
    "\r\n"
    "v=0\r\n"
    "m=audio 1 RTP/AVP 0\r\n"
    "\r\n"
    "--b0undary  \r\n"
    "Content-Type: application/sdp\r\n"
    "Content-Disposition: session; handling=optional\r\n"
    "\r\n"
    "v=0\r\n"
    "m=audio 2 RTP/AVP 0\r\n"
    "--b0undary--\r\n"
    "epilogue\r\n";

START_TEST(multipart_two_parts)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_sip *m;
    const uclog_sip_part *p;
    uclog_str a, b;
    uclog_span sp;

    ck_assert_uint_eq(strstr(multipart_msg, "\r\n\r\n") + 4 + 333 - multipart_msg,
                      sizeof(multipart_msg) - 1);
    m = parse_ok(ctx, S(multipart_msg));
    ck_assert_uint_eq(uclog_sip_defect_count(m), 0);
    ck_assert_uint_eq(uclog_sip_part_count(m), 2);

    ck_assert_int_eq(uclog_sip_part_get(&p, m, 0), 0);
    ck_assert_int_eq(uclog_sip_part_is_2007_fallback(p), 1);
    ck_assert_int_eq(uclog_sip_part_content_id(&a, p), 0);
    ck_assert_str_view(a, "<1@x>");
    ck_assert_int_eq(uclog_sip_part_body(&a, &sp, p), 0);
    ck_assert_str_view(a, "v=0\r\nm=audio 1 RTP/AVP 0\r\n");
    ck_assert_uint_eq(sp.line, 11);
    ck_assert_uint_eq(sp.column, 1);
    ck_assert_uint_eq(sp.offset, (uint64_t)(strstr(multipart_msg, "v=0") - multipart_msg));

    ck_assert_int_eq(uclog_sip_part_get(&p, m, 1), 0);
    ck_assert_int_eq(uclog_sip_part_is_2007_fallback(p), 0);
    ck_assert_int_eq(uclog_sip_part_disposition(&a, &b, p), 0);
    ck_assert_str_view(a, "session");
    ck_assert_int_eq(uclog_sip_part_content_id(&a, p), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_sip_part_body(&a, &sp, p), 0);
    ck_assert_str_view(a, "v=0\r\nm=audio 2 RTP/AVP 0");
    ck_assert_uint_eq(sp.line, 18);
    uclog_sip_free(m);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(multipart_damage)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_sip *m;
    const uclog_sip_part *p;
    uclog_defect d;
    uclog_str a;

    /* No closing delimiter: the last part runs to the end of the body. */
    m = parse_ok(ctx, S("INVITE sip:b@y SIP/2.0\r\nContent-Type: multipart/alternative;"
                        "boundary=\"zz\"\r\n\r\n--zz\r\nContent-Type: application/sdp\r\n\r\n"
                        "v=0\r\n"));
    ck_assert_uint_eq(uclog_sip_part_count(m), 1);
    ck_assert_int_eq(has_defect(m, UCLOG_DEFECT_SIP_MULTIPART_UNTERMINATED, &d), 1);
    ck_assert_uint_eq(d.span.length, 0);
    ck_assert_int_eq(uclog_sip_part_get(&p, m, 0), 0);
    ck_assert_int_eq(uclog_sip_part_body(&a, NULL, p), 0);
    ck_assert_str_view(a, "v=0\r\n");
    uclog_sip_free(m);

    /* No boundary parameter. */
    m = parse_ok(ctx, S("INVITE sip:b@y SIP/2.0\r\nc: multipart/mixed\r\n\r\n--zz\r\n"));
    ck_assert_uint_eq(uclog_sip_part_count(m), 0);
    ck_assert_int_eq(has_defect(m, UCLOG_DEFECT_SIP_MULTIPART_NO_BOUNDARY, &d), 1);
    ck_assert_uint_eq(d.span.line, 2);
    uclog_sip_free(m);

    /* The boundary never appears. */
    m = parse_ok(ctx, S("INVITE sip:b@y SIP/2.0\r\nc: multipart/mixed;boundary=q\r\n\r\n--zz\r\n"));
    ck_assert_uint_eq(uclog_sip_part_count(m), 0);
    ck_assert_int_eq(has_defect(m, UCLOG_DEFECT_SIP_MULTIPART_NO_DELIMITER, NULL), 1);
    uclog_sip_free(m);

    /* A part without the blank line after its headers; an empty part. */
    m = parse_ok(ctx, S("INVITE sip:b@y SIP/2.0\nc: multipart/mixed;boundary=q\n\n--q\n"
                        "Content-Type: text/plain\n--q\n--q--\n"));
    ck_assert_uint_eq(uclog_sip_part_count(m), 2);
    ck_assert_int_eq(has_defect(m, UCLOG_DEFECT_SIP_PART_HEADERS_UNTERMINATED, NULL), 1);
    ck_assert_int_eq(uclog_sip_part_get(&p, m, 0), 0);
    ck_assert_uint_eq(uclog_sip_part_header_count(p), 1);
    ck_assert_int_eq(uclog_sip_part_body(&a, NULL, p), 0);
    ck_assert_uint_eq(a.len, 0);
    ck_assert_int_eq(uclog_sip_part_get(&p, m, 1), 0);
    ck_assert_uint_eq(uclog_sip_part_header_count(p), 0);
    uclog_sip_free(m);

    /* Over the part limit. */
    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_MIME_PARTS, 2), 0);
    m = parse_ok(ctx, S("INVITE sip:b@y SIP/2.0\nc: multipart/mixed;boundary=q\n\n--q\n\na\n--q\n\nb\n"
                        "--q\n\nc\n--q--\n"));
    ck_assert_uint_eq(uclog_sip_part_count(m), 2);
    ck_assert_int_eq(has_defect(m, UCLOG_DEFECT_SIP_TOO_MANY_PARTS, &d), 1);
    ck_assert_uint_eq(d.span.line, 10);
    ck_assert_int_eq(has_defect(m, UCLOG_DEFECT_SIP_MULTIPART_UNTERMINATED, NULL), 0);
    uclog_sip_free(m);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(back_to_back)
{
    uclog_ctx *ctx = tu_ctx();
    static const char two[] =
        "\r\nMESSAGE sip:b@y SIP/2.0\r\nCall-ID: one\r\nCSeq: 1 MESSAGE\r\nContent-Length: 5\r\n\r\nhello"
        "\r\n\r\nSIP/2.0 200 OK\r\nCall-ID: one\r\nCSeq: 1 MESSAGE\r\nl: 0\r\n\r\n";
    uclog_sip *m1, *m2, *m3 = NULL;
    uclog_span base, sp;
    uclog_str a;
    uint64_t n1, n2;

    m1 = parse_ok(ctx, S(two));
    ck_assert_uint_eq(uclog_sip_defect_count(m1), 0);
    n1 = uclog_sip_length(m1);
    ck_assert_uint_eq(n1, (uint64_t)(strstr(two, "hello") + 5 - two));
    ck_assert_int_eq(uclog_sip_body(&a, NULL, m1), 0);
    ck_assert_str_view(a, "hello");
    ck_assert_int_eq(uclog_sip_span(&sp, m1), 0);
    ck_assert_uint_eq(sp.offset, 2);
    ck_assert_uint_eq(sp.line, 2);
    ck_assert_uint_eq(sp.length, n1 - 2);
    /* its own bytes: not the blank line before it nor the message after it */
    ck_assert_int_eq(uclog_sip_raw(&a, &sp, m1), 0);
    ck_assert_str_view(a, "MESSAGE sip:b@y SIP/2.0\r\nCall-ID: one\r\nCSeq: 1 MESSAGE\r\nContent-Length: 5\r\n\r\nhello");
    ck_assert_ptr_eq(a.ptr, two + 2);
    ck_assert_uint_eq(sp.offset, 2);
    ck_assert_uint_eq(sp.line, 2);
    ck_assert_uint_eq(sp.length, a.len);

    memset(&base, 0, sizeof(base));
    base.offset = n1;
    base.line = 6;
    base.column = 6;
    ck_assert_int_eq(uclog_sip_parse(&m2, ctx, two + n1, sizeof(two) - 1 - n1, &base), 0);
    n2 = uclog_sip_length(m2);
    ck_assert_uint_eq(n1 + n2, sizeof(two) - 1);
    ck_assert_int_eq(uclog_sip_span(&sp, m2), 0);
    ck_assert_uint_eq(sp.offset, (uint64_t)(strstr(two, "SIP/2.0 200") - two));
    ck_assert_uint_eq(sp.line, 8);
    ck_assert_uint_eq(sp.column, 1);
    ck_assert_int_eq(uclog_sip_is_response_to(m2, m1), 1);
    ck_assert_uint_eq(uclog_sip_defect_count(m2), 0);

    /* Nothing but blank lines left: no start line. */
    ck_assert_int_eq(uclog_sip_parse(&m3, ctx, S("\r\n\r\n"), NULL), UCLOG_E_FORMAT);
    ck_assert_ptr_null(m3);
    uclog_sip_free(m1);
    uclog_sip_free(m2);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(truncated)
{
    uclog_ctx *ctx = tu_ctx();
    static const char cut_headers[] = "SIP/2.0 180 Ringing\r\nCall-ID: x\r\nCSeq: 2 INV";
    static const char cut_body[] = "SIP/2.0 200 OK\r\nContent-Length: 100\r\n\r\nv=0\r\n";
    uclog_sip *m;
    uclog_defect d;
    uclog_str a;
    uint32_t n;

    m = parse_ok(ctx, S(cut_headers));
    ck_assert_uint_eq(uclog_sip_header_count(m), 2);
    ck_assert_int_eq(uclog_sip_cseq(&n, &a, m), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_view(a, "INV");
    ck_assert_int_eq(uclog_sip_defect(&d, m, 0), 0);
    ck_assert_int_eq(d.code, UCLOG_DEFECT_SIP_HEADERS_UNTERMINATED);
    ck_assert_uint_eq(d.span.offset, sizeof(cut_headers) - 1);
    ck_assert_uint_eq(d.span.line, 3);
    ck_assert_uint_eq(d.span.column, 12);
    ck_assert_int_eq(uclog_sip_body(&a, NULL, m), 0);
    ck_assert_uint_eq(a.len, 0);
    ck_assert_uint_eq(uclog_sip_length(m), sizeof(cut_headers) - 1);
    ck_assert_str_eq(uclog_defect_name(d.code), "SIP_HEADERS_UNTERMINATED");
    uclog_sip_free(m);

    m = parse_ok(ctx, S(cut_body));
    ck_assert_int_eq(has_defect(m, UCLOG_DEFECT_SIP_BODY_TRUNCATED, &d), 1);
    ck_assert_uint_eq(d.span.line, 4);
    ck_assert_uint_eq(d.span.length, 5);
    ck_assert_int_eq(uclog_sip_body(&a, NULL, m), 0);
    ck_assert_str_view(a, "v=0\r\n");
    ck_assert_uint_eq(uclog_sip_length(m), sizeof(cut_body) - 1);
    uclog_sip_free(m);

    /* Just a start line. */
    m = parse_ok(ctx, S("OPTIONS sip:x SIP/2.0"));
    ck_assert_uint_eq(uclog_sip_header_count(m), 0);
    ck_assert_int_eq(has_defect(m, UCLOG_DEFECT_SIP_HEADERS_UNTERMINATED, NULL), 1);
    uclog_sip_free(m);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(bad_content_length)
{
    uclog_ctx *ctx = tu_ctx();
    static const char *const bad[] = {"99999999999999999999", "-5", "abc", "0x10", "12 34", ""};
    char buf[256];
    size_t i;
    uclog_sip *m;
    uclog_defect d;
    uclog_str a;
    uint64_t cl;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        int n = snprintf(buf, sizeof(buf), "SIP/2.0 200 OK\r\nContent-Length: %s\r\n\r\nabc", bad[i]);
        m = parse_ok(ctx, buf, (size_t)n);
        ck_assert_msg(has_defect(m, UCLOG_DEFECT_SIP_CONTENT_LENGTH_INVALID, &d), "%s", bad[i]);
        ck_assert_uint_eq(d.span.line, 2);
        ck_assert_uint_eq(d.span.offset, 16);
        ck_assert_int_eq(uclog_sip_content_length(&cl, m), UCLOG_E_FORMAT);
        ck_assert_uint_eq(cl, 0);
        ck_assert_int_eq(uclog_sip_body(&a, NULL, m), 0);
        ck_assert_str_view(a, "abc");
        ck_assert_uint_eq(uclog_sip_length(m), (uint64_t)n);
        uclog_sip_free(m);
    }

    /* The largest value still parses but does not fit. */
    m = parse_ok(ctx, S("SIP/2.0 200 OK\r\nContent-Length: 18446744073709551615\r\n\r\nabc"));
    ck_assert_int_eq(uclog_sip_content_length(&cl, m), 0);
    ck_assert_uint_eq(cl, UINT64_MAX);
    ck_assert_int_eq(has_defect(m, UCLOG_DEFECT_SIP_BODY_TRUNCATED, NULL), 1);
    uclog_sip_free(m);

    /* Two Content-Lengths that disagree: the first is used. */
    m = parse_ok(ctx, S("SIP/2.0 200 OK\r\nContent-Length: 1\r\nl: 2\r\n\r\nabc"));
    ck_assert_int_eq(has_defect(m, UCLOG_DEFECT_SIP_CONTENT_LENGTH_CONFLICT, &d), 1);
    ck_assert_uint_eq(d.span.line, 3);
    ck_assert_int_eq(uclog_sip_body(&a, NULL, m), 0);
    ck_assert_str_view(a, "a");
    uclog_sip_free(m);

    /* CSeq and Expires out of range. */
    m = parse_ok(ctx, S("SIP/2.0 200 OK\r\nCSeq: 4294967296 X\r\nExpires: 4294967296\r\n\r\n"));
    ck_assert_int_eq(uclog_sip_cseq(NULL, &a, m), UCLOG_E_FORMAT);
    {
        uint32_t ex = 7;
        ck_assert_int_eq(uclog_sip_expires(&ex, m), UCLOG_E_FORMAT);
        ck_assert_uint_eq(ex, 0);
    }
    uclog_sip_free(m);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(header_limit)
{
    uclog_ctx *ctx = tu_ctx();
    size_t cap = 64 * 2100, n = 0, i;
    char *buf = malloc(cap);
    uclog_sip *m;
    uclog_defect d;
    uclog_str a, b;

    ck_assert_ptr_nonnull(buf);
    n += (size_t)snprintf(buf + n, cap - n, "NOTIFY sip:x SIP/2.0\r\n");
    for (i = 0; i < 2000; i++)
        n += (size_t)snprintf(buf + n, cap - n, "X-H%lu: v%lu\r\n", (unsigned long)i,
                              (unsigned long)i);
    n += (size_t)snprintf(buf + n, cap - n, "Content-Length: 4\r\n\r\nbodyMORE");

    m = parse_ok(ctx, buf, n);
    ck_assert_uint_eq(uclog_sip_header_count(m), 1024);
    uclog_sip_free(m);

    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_SIP_HEADERS, 100), 0);
    m = parse_ok(ctx, buf, n);
    ck_assert_uint_eq(uclog_sip_header_count(m), 100);
    ck_assert_int_eq(uclog_sip_header(&a, &b, NULL, m, 99), 0);
    ck_assert_str_view(a, "X-H99");
    ck_assert_str_view(b, "v99");
    ck_assert_int_eq(uclog_sip_header(&a, &b, NULL, m, 100), UCLOG_E_RANGE);
    ck_assert_uint_eq(uclog_sip_defect_count(m), 1);
    ck_assert_int_eq(uclog_sip_defect(&d, m, 0), 0);
    ck_assert_int_eq(d.code, UCLOG_DEFECT_SIP_TOO_MANY_HEADERS);
    ck_assert_uint_eq(d.span.line, 102);
    /* The body is found through the Content-Length that was not indexed. */
    ck_assert_int_eq(uclog_sip_body(&a, NULL, m), 0);
    ck_assert_str_view(a, "body");
    ck_assert_uint_eq(uclog_sip_length(m), n - 4);
    ck_assert_int_eq(uclog_sip_content_length(NULL, m), UCLOG_E_INVALID_ARG);
    uclog_sip_free(m);
    free(buf);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(garbage)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_sip *m = (uclog_sip *)1;
    uclog_span sp, base;
    uclog_defect d;
    uclog_str a;
    uint32_t code;

    ck_assert_int_eq(uclog_sip_parse(&m, ctx, S("hello world\r\nthis is not SIP\r\n"), NULL),
                     UCLOG_E_FORMAT);
    ck_assert_ptr_null(m);
    ck_assert_int_eq(uclog_ctx_errcode(ctx), UCLOG_E_FORMAT);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "start line"));
    ck_assert_int_eq(uclog_ctx_error_span(&sp, ctx), 0);
    ck_assert_uint_eq(sp.offset, 0);
    ck_assert_uint_eq(sp.length, 30);
    ck_assert_int_eq(uclog_sip_parse(&m, ctx, "", 0, NULL), UCLOG_E_FORMAT);
    ck_assert_int_eq(uclog_sip_parse(&m, ctx, NULL, 0, NULL), UCLOG_E_FORMAT);
    ck_assert_int_eq(uclog_sip_parse(&m, ctx, NULL, 3, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_sip_parse(&m, NULL, S("SIP/2.0 200 OK\r\n"), NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_sip_parse(NULL, ctx, S("SIP/2.0 200 OK\r\n"), NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_sip_parse(&m, ctx, S("INVITE SIP/2.0\r\n"), NULL), UCLOG_E_FORMAT);
    ck_assert_int_eq(uclog_sip_parse(&m, ctx, S("IN VITE sip:x HTTP/1.1\r\n"), NULL), UCLOG_E_FORMAT);
    ck_assert_int_eq(uclog_sip_parse(&m, ctx, S("SIP/x 200 OK\r\n"), NULL), UCLOG_E_FORMAT);

    /* Text before the start line is skipped with a defect; positions follow base. */
    memset(&base, 0, sizeof(base));
    base.offset = 1000;
    base.line = 50;
    base.column = 30;
    base.file = 2;
    ck_assert_int_eq(uclog_sip_parse(&m, ctx, S("junk\r\n\r\nSIP/2.0 2x0 Odd\r\n\r\n"), &base), 0);
    ck_assert_uint_eq(uclog_sip_defect_count(m), 2);
    ck_assert_int_eq(uclog_sip_defect(&d, m, 0), 0);
    ck_assert_int_eq(d.code, UCLOG_DEFECT_SIP_TEXT_BEFORE_START);
    ck_assert_uint_eq(d.span.offset, 1000);
    ck_assert_uint_eq(d.span.length, 8);
    ck_assert_uint_eq(d.span.line, 50);
    ck_assert_uint_eq(d.span.column, 30);
    ck_assert_uint_eq(d.span.file, 2);
    ck_assert_int_eq(uclog_sip_defect(&d, m, 1), 0);
    ck_assert_int_eq(d.code, UCLOG_DEFECT_SIP_START_LINE_MALFORMED);
    ck_assert_uint_eq(d.span.offset, 1008);
    ck_assert_uint_eq(d.span.line, 52);
    ck_assert_uint_eq(d.span.column, 1);
    ck_assert_int_eq(uclog_sip_status_line(&a, &code, NULL, m), 0);
    ck_assert_uint_eq(code, 0);
    ck_assert_str_eq(uclog_defect_name(UCLOG_DEFECT_SIP_START_LINE_MALFORMED),
                     "SIP_START_LINE_MALFORMED");
    ck_assert_str_eq(uclog_defect_name(UCLOG_DEFECT_SIP_DEFECTS_DROPPED), "SIP_DEFECTS_DROPPED");
    ck_assert_str_eq(uclog_defect_name(UCLOG_DEFECT_SIP_BODY_BEYOND_LENGTH), "SIP_BODY_BEYOND_LENGTH");
    ck_assert_str_eq(uclog_defect_name(217), "UNKNOWN");
    ck_assert_str_eq(uclog_defect_text(UCLOG_DEFECT_SIP_BODY_TRUNCATED),
                     "fewer body bytes than Content-Length says");
    uclog_sip_free(m);

    /* Unknown line and column stay unknown. */
    base.line = 0;
    base.column = 0;
    ck_assert_int_eq(uclog_sip_parse(&m, ctx, S("SIP/2.0 200 OK\r\nTo: <sip:a>\r\n\r\n"), &base), 0);
    ck_assert_int_eq(uclog_sip_header(&a, NULL, &sp, m, 0), 0);
    ck_assert_uint_eq(sp.line, 0);
    ck_assert_uint_eq(sp.column, 1);
    ck_assert_int_eq(uclog_sip_start_line(&a, &sp, m), 0);
    ck_assert_uint_eq(sp.column, 0);
    uclog_sip_free(m);

    /* NULL handles. */
    uclog_sip_free(NULL);
    ck_assert_uint_eq(uclog_sip_length(NULL), 0);
    ck_assert_uint_eq(uclog_sip_header_count(NULL), 0);
    ck_assert_uint_eq(uclog_sip_part_count(NULL), 0);
    ck_assert_uint_eq(uclog_sip_diag_count(NULL), 0);
    ck_assert_uint_eq(uclog_sip_via_count(NULL), 0);
    ck_assert_uint_eq(uclog_sip_defect_count(NULL), 0);
    ck_assert_int_eq(uclog_sip_is_request(NULL), 0);
    ck_assert_int_eq(uclog_sip_is_remote_user(NULL), 0);
    ck_assert_int_eq(uclog_sip_part_is_2007_fallback(NULL), 0);
    ck_assert_int_eq(uclog_sip_call_id(&a, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_sip_call_id(NULL, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_sip_span(&sp, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_sip_header(&a, NULL, NULL, NULL, 0), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_sip_header_find(&a, NULL, NULL, "To", 0), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_sip_body(&a, NULL, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_sip_part_body(&a, NULL, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_sip_part_header(&a, NULL, NULL, NULL, 0), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_sip_part_header_find(&a, NULL, NULL, "x", 0), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_sip_defect(&d, NULL, 0), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_sip_diag(&a, NULL, NULL, 0), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_sip_via_entry(NULL, NULL, NULL, NULL, NULL, 0), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_sip_param(NULL, sv("a"), "a"), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_sip_param(&a, sv("a"), NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_sip_unfold(NULL, 3, NULL, sv("a")), UCLOG_E_INVALID_ARG);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(message_helpers)
{
    uclog_ctx *ctx = tu_ctx();
    static const char msg[] =
        "INVITE sip:b@y SIP/2.0\r\n"
        "ms-endpoint-location-data: NetworkScope;ms-media-location-type=Intranet\r\n"
        "WWW-Authenticate: TLS-DSK realm=\"SIP Communications Service\", "
        "sts-uri=\"https://fe/CertProv/CertProvisioningService.svc\", version=4\r\n"
        "ms-user-logon-data: Other\r\n"
        "ms-user-logon-data: remoteuser\r\n"
        "Server: RTC/6.0\r\n"
        "\r\n";
    uclog_sip *m = parse_ok(ctx, S(msg));
    uclog_str a, b, c;

    ck_assert_int_eq(uclog_sip_endpoint_location(&a, &b, m), 0);
    ck_assert_str_view(a, "NetworkScope");
    ck_assert_str_view(b, "Intranet");
    ck_assert_int_eq(uclog_sip_header_find(&a, NULL, m, "www-authenticate", 0), 0);
    ck_assert_int_eq(uclog_sip_auth_parse(&b, &c, a), 0);
    ck_assert_str_view(b, "TLS-DSK");
    ck_assert_int_eq(uclog_sip_auth_param(&a, c, "sts-uri"), 0);
    ck_assert_str_view(a, "https://fe/CertProv/CertProvisioningService.svc");
    ck_assert_int_eq(uclog_sip_logon_data(&a, m), 0);
    ck_assert_str_view(a, "Other");
    ck_assert_int_eq(uclog_sip_is_remote_user(m), 1);
    ck_assert_int_eq(uclog_sip_server(&a, m), 0);
    ck_assert_str_view(a, "RTC/6.0");
    ck_assert_int_eq(uclog_sip_cseq(NULL, NULL, m), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_sip_from(&a, &b, NULL, NULL, m), UCLOG_E_NOT_FOUND);
    ck_assert_ptr_null(b.ptr);
    ck_assert_int_eq(uclog_sip_event(&a, &b, m), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_sip_content_type(&a, &b, &c, m), UCLOG_E_NOT_FOUND);
    ck_assert_uint_eq(uclog_sip_part_count(m), 0);
    uclog_sip_free(m);
    uclog_ctx_free(ctx);
}
END_TEST

void sip_add_built(Suite *s)
{
    TCase *built = tcase_create("built");

    tcase_add_test(built, compact_forms);
    tcase_add_test(built, deprecated_find_names);
    tcase_add_test(built, deprecated_via_calls);
    tcase_add_test(built, cseq_overflow);
    tcase_add_test(built, folding_and_blanks);
    tcase_add_test(built, diagnostics);
    tcase_add_test(built, media_debug);
    tcase_add_test(built, multipart_two_parts);
    tcase_add_test(built, multipart_damage);
    tcase_add_test(built, back_to_back);
    tcase_add_test(built, truncated);
    tcase_add_test(built, bad_content_length);
    tcase_add_test(built, header_limit);
    tcase_add_test(built, garbage);
    tcase_add_test(built, message_helpers);
    suite_add_tcase(s, built);
}
