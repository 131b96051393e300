/* The packet suite: packets of the seed log and built logs, their framing, level, process id
 * and defects, and bad arguments. The other parts: messages (test-packet-messages.c),
 * frames the log damaged (test-packet-frames.c); what they share is in packet-fixtures.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "packet-fixtures.h"

const struct seed_packet seed_packets[5] = {
    {UCLOG_DIRECTION_SENT, 1259, 1288, 169, 1593, 2, "SUBSCRIBE sip:bart@litwareinc.com SIP/2.0\r\n"},
    {UCLOG_DIRECTION_RECEIVED, 1259, 3110, 1759, 5000, 25, "SIP/2.0 200 OK\r\nms-user-logon-data: RemoteUser\r\n"},
    {UCLOG_DIRECTION_SENT, 1259, 1292, 5169, 6595, 80, "SERVICE sip:edgesrv.litwareinc.com@litwareinc.com;gruu"},
    {UCLOG_DIRECTION_RECEIVED, 1259, 1769, 6761, 8663, 96, "SIP/2.0 200 OK\r\nms-user-logon-data: RemoteUser\r\nVia:"},
    {UCLOG_DIRECTION_SENT, 44511, 2478, 8837, 11452, 129, "INVITE sip:jeremy@litwareinc.com SIP/2.0\r\n"},
};

START_TEST(seed_packets_exact)
{
    fixture f;
    const uclog_packet *p;
    uclog_str s;
    uclog_span sp;
    uint16_t port;
    uint64_t n;
    uclog_timestamp ts;
    size_t i = 0;
    int rc;

    open_file(&f, "seed.uccapilog");
    while ((rc = uclog_packet_iter_next(&p, f.it)) == 0) {
        ck_assert_uint_lt(i, 5);
        ck_assert_int_eq(uclog_packet_direction(p), seed_packets[i].dir);
        ck_assert_int_eq(uclog_packet_remote_endpoint(&s, &port, p), 0);
        ck_assert_str_view(s, "192.168.1.5");
        ck_assert_uint_eq(port, 5061);
        ck_assert_int_eq(uclog_packet_local_endpoint(&s, &port, p), 0);
        ck_assert_str_view(s, "192.168.1.10");
        ck_assert_uint_eq(port, seed_packets[i].local_port);
        ck_assert_int_eq(uclog_packet_declared_bytes(&n, p), 0);
        ck_assert_uint_eq(n, seed_packets[i].declared);
        uclog_packet_bytes(&s, p);
        ck_assert_uint_eq(s.len, seed_packets[i].declared); /* the byte counts match in this file */
        ck_assert_int_eq(memcmp(s.ptr, seed_packets[i].start, strlen(seed_packets[i].start)), 0);
        uclog_packet_bytes_span(&sp, p);
        ck_assert_uint_eq(sp.offset, seed_packets[i].offset);
        ck_assert_uint_eq(sp.length, seed_packets[i].declared);
        ck_assert_uint_eq(sp.line, seed_packets[i].line);
        ck_assert_uint_eq(sp.column, seed_packets[i].dir == UCLOG_DIRECTION_SENT && i == 4 ? 44 : 42);
        uclog_packet_span(&sp, p);
        ck_assert_uint_eq(sp.offset + sp.length, seed_packets[i].end);
        ck_assert_uint_eq(uclog_packet_defect_count(p), 0);
        ck_assert_int_eq(uclog_packet_timestamp(&ts, p), 0);
        ck_assert_uint_eq(ts.year, 2008);
        i++;
    }
    ck_assert_int_eq(rc, UCLOG_DONE);
    ck_assert_uint_eq(i, 5);
    ck_assert_int_eq(uclog_packet_iter_next(&p, f.it), UCLOG_DONE);
    close_fixture(&f);
}
END_TEST

static size_t count_packets(const char *name, int want_defect)
{
    fixture f;
    const uclog_packet *p;
    size_t n = 0;
    open_file(&f, name);
    while (uclog_packet_iter_next(&p, f.it) == 0) {
        n++;
        if (want_defect)
            ck_assert(has_defect(p, UCLOG_DEFECT_PACKET_BYTE_COUNT));
        else
            ck_assert_uint_eq(uclog_packet_defect_count(p), 0);
    }
    close_fixture(&f);
    return n;
}

START_TEST(packet_counts)
{
    ck_assert_uint_eq(count_packets("seed.uccapilog", 0), 5);
    ck_assert_uint_eq(count_packets("seed-no-mras.uccapilog", 0), 2);
    ck_assert_uint_eq(count_packets("seed-mras-unanswered.uccapilog", 0), 4);
    ck_assert_uint_eq(count_packets("seed-lf.uccapilog", 1), 5);
}
END_TEST

START_TEST(lf_copy_keeps_bytes)
{
    fixture f;
    const uclog_packet *p;
    uclog_str s;
    uint64_t n;

    open_file(&f, "seed-lf.uccapilog");
    ck_assert_int_eq(uclog_packet_iter_next(&p, f.it), 0);
    uclog_packet_bytes(&s, p);
    ck_assert_int_eq(uclog_packet_declared_bytes(&n, p), 0);
    ck_assert_uint_eq(n, 1288);
    ck_assert_uint_eq(s.len, 1288 - 20); /* 20 CRs fewer; the added line break dropped */
    ck_assert_int_eq(memcmp(s.ptr + s.len - 24, "</provisioningGroupList>", 24), 0);
    close_fixture(&f);
}
END_TEST

START_TEST(truncated_packets)
{
    static const char text[] =
        OPEN_SENT("12") HDR("101") "BYE sip:a SIP/2.0\r\n"
        HDR("101") "Unrelated trace line\r\n"
        OPEN_SENT("7") HDR("101") "OPTIONS\r\n" END_SENT("7")
        OPEN_SENT("30") HDR("101") "INFO sip:b SIP/2.0\r\n";
    fixture f;
    const uclog_packet *p;
    uclog_str s;
    uclog_defect d;

    open_buffer(&f, text);
    ck_assert_int_eq(uclog_packet_iter_next(&p, f.it), 0);
    uclog_packet_bytes(&s, p);
    ck_assert_str_view(s, "BYE sip:a SIP/2.0");
    ck_assert(has_defect(p, UCLOG_DEFECT_PACKET_TRUNCATED));
    ck_assert(has_defect(p, UCLOG_DEFECT_PACKET_BYTE_COUNT));
    ck_assert_int_eq(uclog_packet_iter_next(&p, f.it), 0);
    uclog_packet_bytes(&s, p);
    ck_assert_str_view(s, "OPTIONS");
    ck_assert_uint_eq(uclog_packet_defect_count(p), 0);
    ck_assert_int_eq(uclog_packet_iter_next(&p, f.it), 0);
    uclog_packet_bytes(&s, p);
    ck_assert_str_view(s, "INFO sip:b SIP/2.0");
    ck_assert_uint_eq(uclog_packet_defect_count(p), 2);
    ck_assert_int_eq(uclog_packet_defect(&d, p, 1), 0);
    ck_assert_int_eq(d.code, UCLOG_DEFECT_PACKET_TRUNCATED);
    ck_assert_uint_eq(d.span.offset, sizeof(text) - 1);
    ck_assert_int_eq(uclog_packet_iter_next(&p, f.it), UCLOG_DONE);
    close_fixture(&f);
}
END_TEST

START_TEST(other_threads_skipped)
{
    static const char text[] =
        OPEN_SENT("7") HDR("101") "OPTIONS\r\n"
        "01/15/2012|11:30:10.101 1384:99 INFO  :: another thread\r\n" END_SENT("7");
    fixture f;
    const uclog_packet *p;
    uclog_str s;
    uclog_span sp;

    open_buffer(&f, text);
    ck_assert_int_eq(uclog_packet_iter_next(&p, f.it), 0);
    uclog_packet_bytes(&s, p);
    ck_assert_str_view(s, "OPTIONS");
    ck_assert_uint_eq(uclog_packet_defect_count(p), 0);
    ck_assert_uint_eq(uclog_packet_tid(p), 0x11C0);
    uclog_packet_span(&sp, p);
    ck_assert_uint_eq(sp.length, sizeof(text) - 1);
    ck_assert_int_eq(uclog_packet_iter_next(&p, f.it), UCLOG_DONE);
    close_fixture(&f);
}
END_TEST

/* Two threads' packets interleaved: each thread's records go to its own
 * packet; the packets come in the order they were opened. */
START_TEST(interleaved_threads)
{
    static const char text[] =
        HDR("100") "Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 7 bytes:\r\n"
        "01/15/2012|11:30:10.100 1384:22 INFO  :: Data Received - 10.0.0.1:5061 (To Local Address: 10.0.0.2:1000) 14 bytes:\r\n"
        HDR("101") "OPTIONS\r\n"
        "01/15/2012|11:30:10.101 1384:22 INFO  :: SIP/2.0 200 OK\r\n"
        HDR("102") "End of Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 7 bytes\r\n"
        "01/15/2012|11:30:10.102 1384:22 INFO  :: End of Data Received - 10.0.0.1:5061 (To Local Address: 10.0.0.2:1000) 14 bytes\r\n";
    fixture f;
    const uclog_packet *p;
    uclog_str s;

    uclog_defect d;

    open_buffer(&f, text);
    ck_assert_int_eq(uclog_packet_iter_next(&p, f.it), 0);
    ck_assert_uint_eq(uclog_packet_tid(p), 0x11C0);
    uclog_packet_bytes(&s, p);
    ck_assert_str_view(s, "OPTIONS");
    ck_assert_uint_eq(uclog_packet_defect_count(p), 1); /* closed by its own End of */
    ck_assert_int_eq(uclog_packet_defect(&d, p, 0), 0);
    ck_assert_int_eq(d.code, UCLOG_DEFECT_PACKET_INTERLEAVED);
    ck_assert_uint_eq(d.span.line, 2);
    ck_assert_int_eq(uclog_packet_iter_next(&p, f.it), 0);
    ck_assert_uint_eq(uclog_packet_tid(p), 0x22);
    ck_assert_int_eq(uclog_packet_direction(p), UCLOG_DIRECTION_RECEIVED);
    uclog_packet_bytes(&s, p);
    ck_assert_str_view(s, "SIP/2.0 200 OK");
    ck_assert_uint_eq(uclog_packet_defect_count(p), 0); /* closed by its own End of */
    ck_assert_int_eq(uclog_packet_iter_next(&p, f.it), UCLOG_DONE);
    close_fixture(&f);
}
END_TEST

START_TEST(end_mismatch)
{
    static const char text[] =
        OPEN_SENT("7") HDR("101") "OPTIONS\r\n"
        HDR("102") "End of Data Received - 10.0.0.1:5061 (To Local Address: 10.0.0.2:1000) 7 bytes\r\n";
    fixture f;
    const uclog_packet *p;

    open_buffer(&f, text);
    ck_assert_int_eq(uclog_packet_iter_next(&p, f.it), 0);
    ck_assert(has_defect(p, UCLOG_DEFECT_PACKET_END_MISMATCH));
    close_fixture(&f);
}
END_TEST

START_TEST(framing_lines)
{
    int32_t dir;
    int end;
    uclog_str r, l;
    uint16_t rp, lp;
    uint64_t n;
#define V(lit) ((uclog_str){lit, sizeof(lit) - 1})

    ck_assert_int_eq(uclog_packet_framing_parse(&dir, &end, &r, &rp, &l, &lp, &n,
        V("Data Received - [2001:db8::5]:443 (To Local Address: [fe80::1%11]:50123) 17 bytes:")), 0);
    ck_assert_int_eq(dir, UCLOG_DIRECTION_RECEIVED);
    ck_assert_int_eq(end, 0);
    ck_assert_str_view(r, "2001:db8::5");
    ck_assert_uint_eq(rp, 443);
    ck_assert_str_view(l, "fe80::1%11");
    ck_assert_uint_eq(lp, 50123);
    ck_assert_uint_eq(n, 17);
    ck_assert_int_eq(uclog_packet_framing_parse(&dir, &end, &r, &rp, &l, &lp, &n,
        V("End of Sending Packet - 2001:db8::5:5061 (From Local Address: 2001:db8::9:1259) 5 bytes")), 0);
    ck_assert_int_eq(dir, UCLOG_DIRECTION_SENT);
    ck_assert_int_eq(end, 1);
    ck_assert_str_view(r, "2001:db8::5");
    ck_assert_uint_eq(rp, 5061);
    ck_assert_str_view(l, "2001:db8::9");
    ck_assert_uint_eq(lp, 1259);
    ck_assert_int_eq(uclog_packet_framing_parse(&dir, &end, &r, &rp, &l, &lp, &n, V("Sending  Packet")),
                     UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_packet_framing_parse(NULL, NULL, NULL, NULL, NULL, NULL, NULL, V("INVITE sip:x SIP/2.0")),
                     UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_packet_framing_parse(&dir, &end, &r, &rp, &l, &lp, &n,
        V("Sending Packet - 10.0.0.1:99999 (From Local Address: x) bytes:")), UCLOG_E_FORMAT);
    ck_assert_int_eq(dir, UCLOG_DIRECTION_SENT);
#undef V
}
END_TEST

/* The 1.0 calls with uint32_t ports, deprecated in 1.3, answer as before. */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif
START_TEST(deprecated_port_calls)
{
    static const char line[] =
        "Data Received - [2001:db8::5]:443 (To Local Address: [fe80::1%11]:50123) 17 bytes:";
    fixture f;
    const uclog_packet *p;
    uclog_str s, r, l;
    uint32_t port, rp, lp;
    int32_t dir;
    int end;
    uint64_t n;

    open_file(&f, "seed.uccapilog");
    ck_assert_int_eq(uclog_packet_iter_next(&p, f.it), 0);
    ck_assert_int_eq(uclog_packet_remote(&s, &port, p), 0);
    ck_assert_str_view(s, "192.168.1.5");
    ck_assert_uint_eq(port, 5061);
    ck_assert_int_eq(uclog_packet_local(&s, &port, p), 0);
    ck_assert_str_view(s, "192.168.1.10");
    ck_assert_int_eq(uclog_packet_remote(&s, &port, NULL), UCLOG_E_INVALID_ARG);
    close_fixture(&f);
    s.ptr = line;
    s.len = sizeof(line) - 1;
    ck_assert_int_eq(uclog_packet_parse_framing(&dir, &end, &r, &rp, &l, &lp, &n, s), 0);
    ck_assert_uint_eq(rp, 443);
    ck_assert_uint_eq(lp, 50123);
    ck_assert_uint_eq(n, 17);
}
END_TEST
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

START_TEST(malformed_framing_is_a_defect)
{
    static const char text[] =
        HDR("100") "Sending Packet - somewhere 7 bytes:\r\n" HDR("101") "OPTIONS\r\n" END_SENT("7");
    fixture f;
    const uclog_packet *p;
    uclog_str s;
    uint16_t port;

    open_buffer(&f, text);
    ck_assert_int_eq(uclog_packet_iter_next(&p, f.it), 0);
    ck_assert(has_defect(p, UCLOG_DEFECT_PACKET_FRAMING));
    ck_assert_int_eq(uclog_packet_remote_endpoint(&s, &port, p), UCLOG_E_NOT_FOUND);
    uclog_packet_bytes(&s, p);
    ck_assert_str_view(s, "OPTIONS");
    close_fixture(&f);
}
END_TEST

/* The framing record's level and process id, read with the packet: an
 * ERROR record frames the first packet, a WARN record of another process the
 * second; the records inside and the End of records say other levels. */
START_TEST(packet_level_and_pid)
{
    static const char text[] =
        "01/15/2012|11:30:10.100 1384:11C0 ERROR :: Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 7 bytes:\r\n"
        HDR("101") "OPTIONS\r\n" END_SENT("7")
        "01/15/2012|11:30:11.100 2A0:31 WARN  :: Data Received - 10.0.0.1:5061 (To Local Address: 10.0.0.2:1000) 14 bytes:\r\n"
        "01/15/2012|11:30:11.101 2A0:31 FATAL :: SIP/2.0 200 OK\r\n"
        "01/15/2012|11:30:11.102 2A0:31 INFO  :: End of Data Received - 10.0.0.1:5061 (To Local Address: 10.0.0.2:1000) 14 bytes\r\n";
    fixture f;
    const uclog_packet *p;
    uclog_str s;

    open_buffer(&f, text);
    ck_assert_int_eq(uclog_packet_iter_next(&p, f.it), 0);
    uclog_packet_bytes(&s, p);
    ck_assert_str_view(s, "OPTIONS");
    ck_assert_int_eq(uclog_packet_level(p), UCLOG_LEVEL_ERROR);
    ck_assert_uint_eq(uclog_packet_pid(p), 0x1384);
    ck_assert_uint_eq(uclog_packet_tid(p), 0x11C0);
    ck_assert_int_eq(uclog_packet_iter_next(&p, f.it), 0);
    uclog_packet_bytes(&s, p);
    ck_assert_str_view(s, "SIP/2.0 200 OK");
    ck_assert_int_eq(uclog_packet_level(p), UCLOG_LEVEL_WARN);
    ck_assert_uint_eq(uclog_packet_pid(p), 0x2A0);
    ck_assert_uint_eq(uclog_packet_tid(p), 0x31);
    ck_assert_int_eq(uclog_packet_iter_next(&p, f.it), UCLOG_DONE);
    ck_assert_int_eq(uclog_packet_level(NULL), UCLOG_LEVEL_UNKNOWN);
    ck_assert_uint_eq(uclog_packet_pid(NULL), 0);
    close_fixture(&f);
}
END_TEST

/* A message's own bytes: the second of two in one packet, without the
 * first, and the span uclog_sip_span() gives. */
START_TEST(message_raw_bytes)
{
    char text[1024];
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_msg_iter *it = NULL;
    const uclog_sip *m;
    const uclog_packet *p;
    uclog_str raw;
    uclog_span sp, rsp;

    snprintf(text, sizeof(text),
             HDR("100") "Data Received - 10.0.0.1:5061 (To Local Address: 10.0.0.2:1000) %zu bytes:\r\n"
             HDR("101") "%s\r\n"
             HDR("102") "End of Data Received - 10.0.0.1:5061 (To Local Address: 10.0.0.2:1000) %zu bytes\r\n",
             strlen(TWO_MSGS), TWO_MSGS, strlen(TWO_MSGS));
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, text, strlen(text), NULL), 0);
    ck_assert_int_eq(uclog_msg_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_msg_iter_next(&m, &p, it), 0);
    ck_assert_int_eq(uclog_sip_raw(&raw, NULL, m), 0);
    ck_assert_str_view(raw, "NOTIFY sip:a SIP/2.0\r\nCall-ID: one\r\nCSeq: 1 NOTIFY\r\nContent-Length: 3\r\n\r\nabc");
    ck_assert_int_eq(uclog_msg_iter_next(&m, &p, it), 0);
    ck_assert_int_eq(uclog_sip_raw(&raw, &rsp, m), 0);
    ck_assert_str_view(raw, "BENOTIFY sip:a SIP/2.0\r\nCall-ID: two\r\nCSeq: 2 BENOTIFY\r\nContent-Length: 0\r\n\r\n");
    ck_assert_int_eq(uclog_sip_span(&sp, m), 0);
    ck_assert_uint_eq(rsp.line, 7);
    ck_assert_uint_eq(rsp.column, 4);
    ck_assert_uint_eq(rsp.offset, sp.offset);
    ck_assert_uint_eq(rsp.length, raw.len);
    ck_assert_int_eq(uclog_sip_raw(NULL, NULL, m), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_sip_raw(&raw, NULL, NULL), UCLOG_E_INVALID_ARG);
    uclog_msg_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(bad_arguments)
{
    const uclog_packet *p;
    const uclog_sip *m;
    uclog_packet_iter *pit = NULL;
    uclog_msg_iter *mit = NULL;
    uclog_str s;
    uclog_span sp;

    ck_assert_int_eq(uclog_packet_iter_new(NULL, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_packet_iter_new(&pit, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_packet_iter_next(&p, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_msg_iter_new(&mit, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_msg_iter_next(&m, NULL, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_packet_direction(NULL), UCLOG_DIRECTION_UNKNOWN);
    ck_assert_int_eq(uclog_packet_remote_endpoint(&s, NULL, NULL), UCLOG_E_INVALID_ARG);
    uclog_packet_bytes(&s, NULL);
    ck_assert_ptr_null(s.ptr);
    uclog_packet_span(&sp, NULL);
    ck_assert_uint_eq(sp.length, 0);
    uclog_packet_iter_free(NULL);
    uclog_msg_iter_free(NULL);
}
END_TEST

Suite *tu_suite(void)
{
    Suite *s = suite_create("packet");
    TCase *tc = tcase_create("packets");
    tcase_add_test(tc, seed_packets_exact);
    tcase_add_test(tc, packet_counts);
    tcase_add_test(tc, lf_copy_keeps_bytes);
    tcase_add_test(tc, truncated_packets);
    tcase_add_test(tc, other_threads_skipped);
    tcase_add_test(tc, interleaved_threads);
    tcase_add_test(tc, packet_level_and_pid);
    tcase_add_test(tc, message_raw_bytes);
    tcase_add_test(tc, end_mismatch);
    tcase_add_test(tc, framing_lines);
    tcase_add_test(tc, deprecated_port_calls);
    tcase_add_test(tc, malformed_framing_is_a_defect);
    tcase_add_test(tc, bad_arguments);
    suite_add_tcase(s, tc);

    packet_add_messages(s);
    packet_add_frames(s);
    return s;
}
