/* The packet suite, frames the log damaged (tests/data/frames, README.md there): reads
 * joined, headers inside a frame, Content-Length, rotation, interleaved threads, nothing
 * dropped silently, bounded memory, allocation failures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "packet-fixtures.h"

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

void packet_add_frames(Suite *s)
{
    TCase *tc = tcase_create("frames");

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
}
