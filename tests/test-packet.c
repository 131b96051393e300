/* Packets and the message iterator. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

typedef struct {
    uclog_ctx *ctx;
    uclog_log *log;
    uclog_packet_iter *it;
} fixture;

static void open_file(fixture *f, const char *name)
{
    f->ctx = tu_ctx();
    ck_assert_int_eq(uclog_log_open_file(&f->log, f->ctx, tu_data(name)), 0);
    ck_assert_int_eq(uclog_packet_iter_new(&f->it, f->log), 0);
}

static void open_buffer(fixture *f, const char *text)
{
    f->ctx = tu_ctx();
    ck_assert_int_eq(uclog_log_open_buffer(&f->log, f->ctx, text, strlen(text), "buf"), 0);
    ck_assert_int_eq(uclog_packet_iter_new(&f->it, f->log), 0);
}

static void close_fixture(fixture *f)
{
    uclog_packet_iter_free(f->it);
    uclog_log_free(f->log);
    uclog_ctx_free(f->ctx);
}

static int has_defect(const uclog_packet *p, int32_t code)
{
    uint32_t i;
    uclog_defect d;
    for (i = 0; i < uclog_packet_defect_count(p); i++) {
        ck_assert_int_eq(uclog_packet_defect(&d, p, i), 0);
        if (d.code == code)
            return 1;
    }
    return 0;
}

static const struct {
    int32_t dir;
    uint32_t local_port;
    uint64_t declared, offset, end;
    uint32_t line;
    const char *start;
} seed_packets[] = {
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

#define HDR(t) "01/15/2012|11:30:10." t " 1384:11C0 INFO  :: "
#define OPEN_SENT(n) HDR("100") "Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) " n " bytes:\r\n"
#define END_SENT(n) HDR("102") "End of Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) " n " bytes\r\n"

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

/* ---- messages ---- */

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

#define TWO_MSGS                                                                  \
    "NOTIFY sip:a SIP/2.0\r\nCall-ID: one\r\nCSeq: 1 NOTIFY\r\nContent-Length: 3\r\n\r\nabc" \
    "BENOTIFY sip:a SIP/2.0\r\nCall-ID: two\r\nCSeq: 2 BENOTIFY\r\nContent-Length: 0\r\n\r\n"

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

/* ---- frames the log damaged (tests/data/frames, README.md there) ---- */

/* The messages of a log, with what the tests ask of each. */
struct got {
    char call_id[64];
    uint64_t length, body_len;
    int32_t pkt_defect;      /* the first packet defect, 0 if none */
    uint32_t pkt_defect_line, pkt_defect_file, npkt_defects;
    int beyond, truncated;   /* the message has SIP_BODY_BEYOND_LENGTH, SIP_BODY_TRUNCATED */
};

static int sip_has(const uclog_sip *m, int32_t code)
{
    uclog_defect d;
    uint32_t i;
    for (i = 0; i < uclog_sip_defect_count(m); i++)
        if (uclog_sip_defect(&d, m, i) == 0 && d.code == code)
            return 1;
    return 0;
}

static size_t read_messages(struct got *out, size_t max, uclog_log *log, uint64_t *unusable)
{
    uclog_msg_iter *it = NULL;
    const uclog_sip *m;
    const uclog_packet *p;
    uclog_str s;
    uclog_span sp;
    uclog_defect d;
    size_t n = 0;
    int rc;

    ck_assert_int_eq(uclog_msg_iter_new(&it, log), 0);
    while ((rc = uclog_msg_iter_next(&m, &p, it)) == 0) {
        struct got *g = &out[n];
        ck_assert_uint_lt(n, max);
        memset(g, 0, sizeof(*g));
        if (uclog_sip_call_id(&s, m) == 0)
            snprintf(g->call_id, sizeof(g->call_id), "%.*s", (int)s.len, s.ptr);
        ck_assert_int_eq(uclog_sip_span(&sp, m), 0);
        g->length = sp.length;
        if (uclog_sip_body(&s, NULL, m) == 0)
            g->body_len = s.len;
        g->npkt_defects = uclog_packet_defect_count(p);
        if (uclog_packet_defect(&d, p, 0) == 0) {
            g->pkt_defect = d.code;
            g->pkt_defect_line = d.span.line;
            g->pkt_defect_file = d.span.file;
        }
        g->beyond = sip_has(m, UCLOG_DEFECT_SIP_BODY_BEYOND_LENGTH);
        g->truncated = sip_has(m, UCLOG_DEFECT_SIP_BODY_TRUNCATED);
        n++;
    }
    ck_assert_int_eq(rc, UCLOG_DONE);
    if (unusable)
        *unusable = uclog_msg_iter_unusable_count(it);
    uclog_msg_iter_free(it);
    return n;
}

/* The messages of a fixture, read from the file and again as a stream (whose
 * bytes are always copied): both must agree. */
static size_t frame_messages(struct got *out, size_t max, const char *name, uint64_t *unusable)
{
    struct got again[8];
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    FILE *fp;
    size_t n, n2;

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data(name)), 0);
    n = read_messages(out, max, log, unusable);
    uclog_log_free(log);
    fp = fopen(tu_data(name), "rb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(uclog_log_open_stream(&log, ctx, fp, NULL), 0);
    n2 = read_messages(again, 8, log, NULL);
    ck_assert_uint_eq(n2, n);
    ck_assert_int_eq(memcmp(again, out, n * sizeof(*out)), 0);
    uclog_log_free(log);
    fclose(fp);
    uclog_ctx_free(ctx);
    return n;
}

/* Rule: a message logged as two reads is one message. */
START_TEST(frames_joined_reads)
{
    struct got g[8];
    uint64_t unusable = 9;

    ck_assert_uint_eq(frame_messages(g, 8, "frames/joined-reads.uccapilog", &unusable), 4);
    ck_assert_str_eq(g[0].call_id, "joined0invite0call");
    ck_assert_uint_eq(g[0].length, 438 + 235);
    ck_assert_uint_eq(g[0].body_len, 381);
    ck_assert_int_eq(g[0].truncated, 0);
    ck_assert_int_eq(g[0].pkt_defect, UCLOG_DEFECT_PACKET_JOINED);
    ck_assert_uint_eq(g[0].pkt_defect_line, 21);
    ck_assert_uint_eq(g[0].npkt_defects, 1);
    ck_assert_str_eq(g[1].call_id, "joined0invite0call");
    ck_assert_uint_eq(g[1].length, 239);
    ck_assert_uint_eq(g[1].npkt_defects, 0);
    /* Three reads, the first cut inside the headers. */
    ck_assert_str_eq(g[2].call_id, "joined0notify0call");
    ck_assert_uint_eq(g[2].length, 434);
    ck_assert_uint_eq(g[2].body_len, 118);
    ck_assert_int_eq(g[2].truncated, 0);
    ck_assert_int_eq(g[2].pkt_defect, UCLOG_DEFECT_PACKET_JOINED);
    ck_assert_uint_eq(g[2].pkt_defect_line, 46);
    ck_assert_uint_eq(g[2].npkt_defects, 2);
    /* Two reads, the second completed on another thread. */
    ck_assert_str_eq(g[3].call_id, "joined0info0call");
    ck_assert_uint_eq(g[3].length, 363 + 306);
    ck_assert_uint_eq(g[3].body_len, 381);
    ck_assert_int_eq(g[3].pkt_defect, UCLOG_DEFECT_PACKET_JOINED);
    ck_assert_uint_eq(g[3].pkt_defect_line, 73);
    ck_assert_uint_eq(g[3].npkt_defects, 1);
    ck_assert_uint_eq(unusable, 0);
}
END_TEST

/* Rule: a record header of the packet's own thread inside the declared
 * bytes is part of them; another thread's line is not. */
START_TEST(frames_header_inside)
{
    struct got g[8];

    ck_assert_uint_eq(frame_messages(g, 8, "frames/interrupted-frame.uccapilog", NULL), 2);
    ck_assert_str_eq(g[0].call_id, "interrupted0im0call");
    ck_assert_uint_eq(g[0].length, 469);
    ck_assert_uint_eq(g[0].body_len, 164);
    ck_assert_int_eq(g[0].truncated, 0);
    ck_assert_int_eq(g[0].pkt_defect, UCLOG_DEFECT_PACKET_HEADER_INSIDE);
    ck_assert_uint_eq(g[0].pkt_defect_line, 12);
    ck_assert_uint_eq(g[0].npkt_defects, 1);
    ck_assert_str_eq(g[1].call_id, "interrupted0im0call");
    ck_assert_uint_eq(g[1].npkt_defects, 0);
}
END_TEST

/* Rule: the framing wins over a Content-Length that says less; no byte is
 * lost when it says more. */
START_TEST(frames_content_length)
{
    struct got g[8];

    ck_assert_uint_eq(frame_messages(g, 8, "frames/content-length.uccapilog", NULL), 4);
    ck_assert_str_eq(g[0].call_id, "cl0short0call");
    ck_assert_uint_eq(g[0].length, 389);
    ck_assert_uint_eq(g[0].body_len, 93);
    ck_assert_int_eq(g[0].beyond, 1);
    ck_assert_uint_eq(g[0].npkt_defects, 0); /* no leftover */
    ck_assert_str_eq(g[1].call_id, "cl0long0call");
    ck_assert_uint_eq(g[1].length, 315);
    ck_assert_uint_eq(g[1].body_len, 34);
    ck_assert_int_eq(g[1].truncated, 1);
    ck_assert_int_eq(g[1].beyond, 0);
    /* Two in one read: the text before the second start line is the first's body. */
    ck_assert_str_eq(g[2].call_id, "cl0first0call");
    ck_assert_uint_eq(g[2].length, 389);
    ck_assert_uint_eq(g[2].body_len, 93);
    ck_assert_int_eq(g[2].beyond, 1);
    ck_assert_str_eq(g[3].call_id, "cl0second0call");
    ck_assert_uint_eq(g[3].length, 650 - 389);
    ck_assert_uint_eq(g[3].body_len, 0);
    ck_assert_uint_eq(g[3].npkt_defects, 0);
}
END_TEST

/* Rule: a packet cut by the rotation is one message when the set is read. */
START_TEST(frames_rotated)
{
    static const char *const names[] = {"frames/rotated-cut-0.uccapilog", "frames/rotated-cut-1.uccapilog"};
    char paths[2][4096];
    const char *p[2];
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    struct got g[8];
    size_t i;

    for (i = 0; i < 2; i++) {
        snprintf(paths[i], sizeof(paths[i]), "%s", tu_data(names[i]));
        p[i] = paths[i];
    }
    ck_assert_int_eq(uclog_log_open_files(&log, ctx, p, 2), 0);
    ck_assert_str_eq(uclog_log_file_name(log, 1), paths[0]); /* -0 is the newer */
    ck_assert_uint_eq(read_messages(g, 8, log, NULL), 3);
    ck_assert_str_eq(g[0].call_id, "rotated0register");
    ck_assert_str_eq(g[1].call_id, "rotated0invite0call");
    ck_assert_uint_eq(g[1].length, 674);
    ck_assert_uint_eq(g[1].body_len, 381);
    ck_assert_int_eq(g[1].pkt_defect, UCLOG_DEFECT_PACKET_ROTATED);
    ck_assert_uint_eq(g[1].pkt_defect_file, 1);
    ck_assert_uint_eq(g[1].pkt_defect_line, 1);
    ck_assert_uint_eq(g[1].npkt_defects, 1);
    ck_assert_str_eq(g[2].call_id, "rotated0invite0call");
    ck_assert_uint_eq(g[2].npkt_defects, 0);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

/* Rule: each thread's frame is followed on its own. */
START_TEST(frames_interleaved)
{
    struct got g[8];

    ck_assert_uint_eq(frame_messages(g, 8, "frames/interleaved-threads.uccapilog", NULL), 2);
    ck_assert_str_eq(g[0].call_id, "interleaved0invite");
    ck_assert_uint_eq(g[0].length, 673);
    ck_assert_uint_eq(g[0].body_len, 381);
    ck_assert_int_eq(g[0].pkt_defect, UCLOG_DEFECT_PACKET_INTERLEAVED);
    ck_assert_uint_eq(g[0].pkt_defect_line, 2);
    ck_assert_uint_eq(g[0].npkt_defects, 1);
    ck_assert_str_eq(g[1].call_id, "interleaved0presence");
    ck_assert_uint_eq(g[1].npkt_defects, 0);
}
END_TEST

/* Rule: nothing is dropped silently. */
START_TEST(frames_unusable)
{
    struct got g[8];
    uint64_t unusable = 0;
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_msg_iter *it = NULL;
    const uclog_sip *m;
    const uclog_packet *p;
    uclog_defect d;
    uclog_str s;

    ck_assert_uint_eq(frame_messages(g, 8, "frames/unusable-frames.uccapilog", &unusable), 1);
    ck_assert_str_eq(g[0].call_id, "unusable0options");
    ck_assert_uint_eq(unusable, 2);

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("frames/unusable-frames.uccapilog")), 0);
    ck_assert_int_eq(uclog_msg_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_msg_iter_set_flags(it, 2), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_msg_iter_set_flags(NULL, UCLOG_MSG_ITER_UNUSABLE), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_msg_iter_set_flags(it, UCLOG_MSG_ITER_UNUSABLE), 0);
    ck_assert_int_eq(uclog_msg_iter_next(&m, &p, it), 0);
    ck_assert_ptr_null(m);
    ck_assert_int_eq(uclog_packet_direction(p), UCLOG_DIRECTION_RECEIVED);
    ck_assert(has_defect(p, UCLOG_DEFECT_PACKET_NO_MESSAGE));
    ck_assert_int_eq(uclog_packet_defect(&d, p, uclog_packet_defect_count(p) - 1), 0);
    ck_assert_int_eq(d.code, UCLOG_DEFECT_PACKET_NO_MESSAGE);
    ck_assert_uint_eq(d.span.line, 2);
    ck_assert_uint_eq(d.span.length, 82);
    ck_assert_uint_eq(uclog_msg_iter_unusable_count(it), 1);
    ck_assert_int_eq(uclog_msg_iter_set_flags(it, 0), UCLOG_E_STATE);
    ck_assert_int_eq(uclog_msg_iter_next(&m, &p, it), 0);
    ck_assert_ptr_nonnull(m);
    ck_assert_int_eq(uclog_sip_call_id(&s, m), 0);
    ck_assert_str_view(s, "unusable0options");
    ck_assert_int_eq(uclog_msg_iter_next(&m, &p, it), 0);
    ck_assert_ptr_null(m);
    ck_assert(has_defect(p, UCLOG_DEFECT_PACKET_TRUNCATED));
    ck_assert_int_eq(uclog_packet_defect(&d, p, uclog_packet_defect_count(p) - 1), 0);
    ck_assert_int_eq(d.code, UCLOG_DEFECT_PACKET_NO_MESSAGE);
    ck_assert_uint_eq(d.span.line, 15);
    ck_assert_int_eq(uclog_msg_iter_next(&m, &p, it), UCLOG_DONE);
    ck_assert_uint_eq(uclog_msg_iter_unusable_count(it), 2);
    ck_assert_uint_eq(uclog_msg_iter_unusable_count(NULL), 0);
    ck_assert_str_eq(uclog_defect_name(UCLOG_DEFECT_PACKET_NO_MESSAGE), "PACKET_NO_MESSAGE");
    ck_assert_str_eq(uclog_defect_name(UCLOG_DEFECT_SIP_BODY_BEYOND_LENGTH), "SIP_BODY_BEYOND_LENGTH");
    uclog_msg_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

/* A body line of the packet's own thread with a header's shape, after
 * another thread's line: the other thread's line is left out, the bytes are
 * joined around it. */
#define QUOTED HDR("050") "quoted\r\n"
#define PART1 "MESSAGE sip:a SIP/2.0\r\nContent-Length: 51\r\n\r\n"
START_TEST(frames_header_inside_split)
{
    char text[2048];
    const uclog_packet *p;
    fixture f;
    uclog_str s;
    uclog_defect d;
    size_t n = strlen(PART1) + strlen(QUOTED);

    snprintf(text, sizeof(text),
             HDR("100") "Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) %zu bytes:\r\n"
             HDR("101") PART1
             "01/15/2012|11:30:10.101 1384:99 INFO  :: another thread\r\n"
             QUOTED
             HDR("102") "End of Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) %zu bytes\r\n",
             n, n);
    ck_assert_uint_eq(strlen(QUOTED), 51);
    open_buffer(&f, text);
    ck_assert_int_eq(uclog_packet_iter_next(&p, f.it), 0);
    uclog_packet_bytes(&s, p);
    ck_assert_str_view(s, PART1 QUOTED);
    ck_assert_uint_eq(uclog_packet_defect_count(p), 1);
    ck_assert_int_eq(uclog_packet_defect(&d, p, 0), 0);
    ck_assert_int_eq(d.code, UCLOG_DEFECT_PACKET_HEADER_INSIDE);
    ck_assert_uint_eq(d.span.line, 6);
    ck_assert_int_eq(uclog_packet_iter_next(&p, f.it), UCLOG_DONE);
    close_fixture(&f);
}
END_TEST

/* Bounded memory: 17 threads open a frame each before any has its bytes;
 * the oldest ends there (truncated), the 16 others read whole. */
START_TEST(frames_bounded)
{
    char text[17 * 400], *w = text;
    const uclog_packet *p;
    fixture f;
    uclog_str s;
    int i;

    for (i = 1; i <= 17; i++)
        w += sprintf(w, "01/15/2012|11:30:10.100 1384:%X INFO  :: Sending Packet - 10.0.0.1:5061 "
                        "(From Local Address: 10.0.0.2:1000) 7 bytes:\r\n", i);
    for (i = 1; i <= 17; i++)
        w += sprintf(w, "01/15/2012|11:30:10.101 1384:%X INFO  :: OPTIONS\r\n"
                        "01/15/2012|11:30:10.102 1384:%X INFO  :: End of Sending Packet - 10.0.0.1:5061 "
                        "(From Local Address: 10.0.0.2:1000) 7 bytes\r\n", i, i);
    open_buffer(&f, text);
    ck_assert_int_eq(uclog_packet_iter_next(&p, f.it), 0);
    ck_assert_uint_eq(uclog_packet_tid(p), 1);
    ck_assert(has_defect(p, UCLOG_DEFECT_PACKET_TRUNCATED));
    uclog_packet_bytes(&s, p);
    ck_assert_uint_eq(s.len, 0);
    for (i = 2; i <= 17; i++) {
        ck_assert_int_eq(uclog_packet_iter_next(&p, f.it), 0);
        ck_assert_uint_eq(uclog_packet_tid(p), (uint32_t)i);
        uclog_packet_bytes(&s, p);
        ck_assert_str_view(s, "OPTIONS");
        ck_assert(!has_defect(p, UCLOG_DEFECT_PACKET_TRUNCATED));
    }
    ck_assert_int_eq(uclog_packet_iter_next(&p, f.it), UCLOG_DONE);
    close_fixture(&f);
}
END_TEST

static int iterate_frames(void *arg)
{
    uclog_ctx *ctx = NULL;
    uclog_log *log = NULL;
    uclog_msg_iter *it = NULL;
    const uclog_sip *m;
    int rc = uclog_ctx_new(&ctx, &tu_mem);

    if (rc)
        return rc;
    rc = uclog_log_open_file(&log, ctx, arg);
    if (!rc)
        rc = uclog_msg_iter_new(&it, log);
    if (!rc)
        rc = uclog_msg_iter_set_flags(it, UCLOG_MSG_ITER_UNUSABLE);
    while (!rc && (rc = uclog_msg_iter_next(&m, NULL, it)) == 0)
        ;
    uclog_msg_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    return rc == UCLOG_DONE ? 0 : rc;
}

START_TEST(frames_alloc_failures)
{
    static const char *const names[] = {
        "frames/joined-reads.uccapilog", "frames/interrupted-frame.uccapilog",
        "frames/content-length.uccapilog", "frames/interleaved-threads.uccapilog",
        "frames/unusable-frames.uccapilog",
    };
    char path[4096];
    size_t i;

    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        snprintf(path, sizeof(path), "%s", tu_data(names[i]));
        tu_alloc_loop(iterate_frames, path);
    }
}
END_TEST

/* Rule: whether a read continues the held packet depends on the two reads
 * only. Two reads with no readable remote address (PACKET_FRAMING) are
 * joined the same whether or not a packet with an address was framed before
 * them: the frame an earlier packet used keeps nothing of it. */
#define REUSE_HDR "01/15/2012|11:30:10.100 1384:11C0 INFO  :: "
#define REUSE_RECV "Data Received - unreadable (To Local Address: 192.168.1.10:1259) "
static const char reuse_before[] =
    REUSE_HDR "Sending Packet - 192.168.1.5:5061 (From Local Address: 192.168.1.10:1259) 60 bytes:\n"
    REUSE_HDR "SIP/2.0 200 OK\nCall-ID: first\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n"
    REUSE_HDR "End of Sending Packet - 192.168.1.5:5061 (From Local Address: 192.168.1.10:1259) 60 bytes\n";
static const char reuse_reads[] =
    REUSE_HDR REUSE_RECV "78 bytes:\n"
    REUSE_HDR "OPTIONS sip:a@b SIP/2.0\nCall-ID: reuse\nCSeq: 1 OPTIONS\nContent-Length: 10\n\n01234\n"
    REUSE_HDR "End of " REUSE_RECV "78 bytes\n"
    REUSE_HDR REUSE_RECV "5 bytes:\n"
    REUSE_HDR "56789\n"
    REUSE_HDR "End of " REUSE_RECV "5 bytes\n";

START_TEST(frames_joined_after_reuse)
{
    struct got g[4];
    char text[2048];
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    int with;

    for (with = 0; with < 2; with++) {
        struct got *r;
        snprintf(text, sizeof(text), "%s%s", with ? reuse_before : "", reuse_reads);
        ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, text, strlen(text), "buf"), 0);
        ck_assert_uint_eq(read_messages(g, 4, log, NULL), 1u + (size_t)with);
        uclog_log_free(log);
        r = &g[with];
        ck_assert_str_eq(r->call_id, "reuse");
        ck_assert_uint_eq(r->body_len, 10);
        ck_assert_int_eq(r->truncated, 0);
        ck_assert_int_eq(r->pkt_defect, UCLOG_DEFECT_PACKET_FRAMING);
        ck_assert_uint_eq(r->npkt_defects, 4); /* FRAMING, BYTE_COUNT, JOINED, the read's FRAMING */
    }
    uclog_ctx_free(ctx);
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
    tc = tcase_create("messages");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, seed_messages);
    tcase_add_test(tc, seed_messages_from_stream);
    tcase_add_test(tc, several_messages_in_one_packet);
    tcase_add_test(tc, keepalive_and_leftover);
    tcase_add_test(tc, alloc_failures);
    suite_add_tcase(s, tc);
    tc = tcase_create("frames");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, frames_joined_reads);
    tcase_add_test(tc, frames_header_inside);
    tcase_add_test(tc, frames_content_length);
    tcase_add_test(tc, frames_rotated);
    tcase_add_test(tc, frames_interleaved);
    tcase_add_test(tc, frames_unusable);
    tcase_add_test(tc, frames_bounded);
    tcase_add_test(tc, frames_header_inside_split);
    tcase_add_test(tc, frames_alloc_failures);
    tcase_add_test(tc, frames_joined_after_reuse);
    suite_add_tcase(s, tc);
    return s;
}
