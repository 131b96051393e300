/* What each file of a log holds (uclog_log_file_kind()), and files of bare SIP messages read
 * through the packet and message iterators (tests/data/sources). */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static int32_t kind_of_buffer(const char *data, size_t len)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    int32_t kind;

    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, data, len, "b"), 0);
    kind = uclog_log_file_kind(log, 0);
    ck_assert_int_eq(uclog_log_file_kind(log, 1), -1);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    return kind;
}

static int32_t kind_of_file(const char *name)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    int32_t kind;

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data(name)), 0);
    kind = uclog_log_file_kind(log, 0);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    return kind;
}

START_TEST(kinds_of_fixtures)
{
    ck_assert_int_eq(kind_of_file("seed.uccapilog"), UCLOG_FILE_KIND_LOG);
    ck_assert_int_eq(kind_of_file("seed-lf.uccapilog"), UCLOG_FILE_KIND_LOG);
    ck_assert_int_eq(kind_of_file("seed-utf16le.uccapilog"), UCLOG_FILE_KIND_LOG);
    ck_assert_int_eq(kind_of_file("hostile/nul-bytes.uccapilog"), UCLOG_FILE_KIND_LOG);
    ck_assert_int_eq(kind_of_file("sources/invite-lf.txt"), UCLOG_FILE_KIND_SIP);
    ck_assert_int_eq(kind_of_file("sources/several-crlf.txt"), UCLOG_FILE_KIND_SIP);
    ck_assert_int_eq(kind_of_file("sources/framed-invite.txt"), UCLOG_FILE_KIND_SIP);
    ck_assert_int_eq(kind_of_file("sources/no-length.txt"), UCLOG_FILE_KIND_SIP);
    ck_assert_int_eq(kind_of_file("sources/empty.txt"), UCLOG_FILE_KIND_EMPTY);
    ck_assert_int_eq(kind_of_file("sources/binary.bin"), UCLOG_FILE_KIND_BINARY);
    ck_assert_int_eq(kind_of_file("sources/readme.txt"), UCLOG_FILE_KIND_TEXT);
}
END_TEST

START_TEST(kinds_of_buffers)
{
    static const char latin1[] = "SIP/2.0 200 OK\nFrom: \"Ren\xE9\" <sip:r@x>\nContent-Length: 0\n\n";
    char big[70000];

    ck_assert_int_eq(kind_of_buffer("", 0), UCLOG_FILE_KIND_EMPTY);
    ck_assert_int_eq(kind_of_buffer("a\0b\n", 4), UCLOG_FILE_KIND_BINARY);
    /* a NUL is binary even around a start line; a record header wins over both */
    ck_assert_int_eq(kind_of_buffer("INVITE sip:a@b SIP/2.0\n\0", 24), UCLOG_FILE_KIND_BINARY);
    ck_assert_int_eq(kind_of_buffer("11/21/2008|23:35:11.691 2808:36EC INFO  :: x\n\0", 47), UCLOG_FILE_KIND_LOG);
    /* control bytes beyond one in 32 are not text; a few Latin-1 letters are */
    ck_assert_int_eq(kind_of_buffer("\x01\x02\x03\x04 text\n", 10), UCLOG_FILE_KIND_BINARY);
    ck_assert_int_eq(kind_of_buffer(latin1, sizeof(latin1) - 1), UCLOG_FILE_KIND_SIP);
    ck_assert_int_eq(kind_of_buffer("SIP/2.0 2000 OK\n", 16), UCLOG_FILE_KIND_TEXT);
    ck_assert_int_eq(kind_of_buffer("  INVITE sip:a@b SIP/2.0\n", 25), UCLOG_FILE_KIND_TEXT);
    ck_assert_int_eq(kind_of_buffer("OPTIONS sip:a@b SIP/2.0\r\n", 25), UCLOG_FILE_KIND_SIP);
    /* prose that ends in the version is no request line */
    ck_assert_int_eq(kind_of_buffer("We use SIP/2.0\n", 15), UCLOG_FILE_KIND_TEXT);
    ck_assert_int_eq(kind_of_buffer("INVITE the remote party over SIP/2.0\n", 37), UCLOG_FILE_KIND_TEXT);
    ck_assert_int_eq(kind_of_buffer("INVITE jeremy SIP/2.0\n", 22), UCLOG_FILE_KIND_TEXT);
    ck_assert_int_eq(kind_of_buffer("INVITE tel:+15551234 SIP/2.0\n", 29), UCLOG_FILE_KIND_SIP);
    /* UTF-16 is transcoded first: a message saved by a Windows editor is still one */
    ck_assert_int_eq(kind_of_buffer("\xFF\xFES\0I\0P\0/\0\x32\0.\0\x30\0 \0\x32\0\x30\0\x30\0 \0O\0K\0\n\0", 32),
                     UCLOG_FILE_KIND_SIP);
    /* judged on the first 64 KiB: a header past them is not looked for */
    memset(big, 'x', sizeof(big));
    big[66000] = '\n';
    memcpy(big + 66001, "11/21/2008|23:35:11.691 2808:36EC INFO  :: x\n", 45);
    ck_assert_int_eq(kind_of_buffer(big, 66046), UCLOG_FILE_KIND_TEXT);
    memcpy(big + 100, "\n11/21/2008|23:35:11.691 2808:36EC INFO  :: x\n", 46);
    ck_assert_int_eq(kind_of_buffer(big, sizeof(big)), UCLOG_FILE_KIND_LOG);
}
END_TEST

START_TEST(kind_names_and_reasons)
{
    ck_assert_str_eq(uclog_file_kind_name(UCLOG_FILE_KIND_LOG), "log");
    ck_assert_str_eq(uclog_file_kind_name(UCLOG_FILE_KIND_SIP), "sip");
    ck_assert_str_eq(uclog_file_kind_name(UCLOG_FILE_KIND_BINARY), "binary");
    ck_assert_str_eq(uclog_file_kind_name(UCLOG_FILE_KIND_UNREAD), "unread");
    ck_assert_str_eq(uclog_file_kind_name(99), "unknown");
    ck_assert_str_eq(uclog_file_kind_name(-1), "unknown");
    ck_assert_str_eq(uclog_file_kind_reason(UCLOG_FILE_KIND_LOG), "");
    ck_assert_str_eq(uclog_file_kind_reason(UCLOG_FILE_KIND_EMPTY), "empty");
    ck_assert_str_eq(uclog_file_kind_reason(UCLOG_FILE_KIND_BINARY), "binary: NUL bytes or bytes that are not text");
    ck_assert_str_eq(uclog_file_kind_reason(UCLOG_FILE_KIND_TEXT),
                     "text without a record header or a SIP start line");
    ck_assert_str_eq(uclog_file_kind_reason(42), "");
    ck_assert_int_eq(uclog_log_file_kind(NULL, 0), -1);
}
END_TEST

struct mem_reader {
    const char *p;
    size_t len, at;
};

static int64_t mem_read(void *userdata, void *buf, size_t cap)
{
    struct mem_reader *r = userdata;
    size_t n = r->len - r->at < cap ? r->len - r->at : cap;

    if (n > 7)
        n = 7; /* small reads: the kind waits for the first 64 KiB or the end */
    memcpy(buf, r->p + r->at, n);
    r->at += n;
    return (int64_t)n;
}

START_TEST(stream_kind_known_at_first_record)
{
    static const char *const texts[] = {"some text\nmore\n", "", "SIP/2.0 100 Trying\r\nContent-Length: 0\r\n\r\n"};
    static const int32_t kinds[] = {UCLOG_FILE_KIND_TEXT, UCLOG_FILE_KIND_EMPTY, UCLOG_FILE_KIND_SIP};
    size_t i;

    for (i = 0; i < 3; i++) {
        struct mem_reader r = {texts[i], strlen(texts[i]), 0};
        uclog_ctx *ctx = tu_ctx();
        uclog_log *log = NULL;
        uclog_record_iter *it = NULL;
        const uclog_record *rec;
        ck_assert_int_eq(uclog_log_open_reader(&log, ctx, mem_read, &r, "s"), 0);
        ck_assert_int_eq(uclog_log_file_kind(log, 0), UCLOG_FILE_KIND_UNREAD);
        ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
        ck_assert_int_eq(uclog_record_iter_next(&rec, it), i == 1 ? UCLOG_DONE : 0);
        ck_assert_int_eq(uclog_log_file_kind(log, 0), kinds[i]);
        uclog_record_iter_free(it);
        uclog_log_free(log);
        uclog_ctx_free(ctx);
    }
}
END_TEST

/* What a test asks of one message. */
struct want {
    uint32_t line;
    uint64_t offset;
    const char *start;    /* its start line */
    const char *call_id;
    int32_t direction;
    uint32_t ports[6];    /* its candidates' ports, 0-terminated */
};

static void check_candidates(uclog_ctx *ctx, const uclog_sip *m, const uint32_t *ports)
{
    uclog_str body;
    uclog_span at;
    uclog_sdp *sdp = NULL;
    const uclog_sdp_media *media;
    const uclog_sdp_candidate *c;
    uint32_t k, n;

    if (!ports[0]) {
        ck_assert_uint_eq(uclog_sip_sdp_count(m), 0);
        return;
    }
    ck_assert_uint_eq(uclog_sip_sdp_count(m), 1);
    ck_assert_int_eq(uclog_sip_sdp_body(&body, &at, NULL, m, 0), 0);
    ck_assert_int_eq(uclog_sdp_parse(&sdp, ctx, body.ptr, body.len, &at), 0);
    ck_assert_int_eq(uclog_sdp_media_get(&media, sdp, 0), 0);
    n = uclog_sdp_candidate_count(media);
    for (k = 0; ports[k]; k++) {
        ck_assert_uint_lt(k, n);
        ck_assert_int_eq(uclog_sdp_candidate_get(&c, media, k), 0);
        ck_assert_uint_eq(uclog_sdp_candidate_port(c), ports[k]);
    }
    ck_assert_uint_eq(k, n);
    uclog_sdp_free(sdp);
}

static void check_messages(const char *name, const struct want *w, size_t n)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_msg_iter *it = NULL;
    const uclog_sip *m;
    const uclog_packet *p;
    size_t i = 0;
    int rc;

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data(name)), 0);
    ck_assert_int_eq(uclog_msg_iter_new(&it, log), 0);
    while ((rc = uclog_msg_iter_next(&m, &p, it)) == 0) {
        uclog_str line, cid;
        uclog_span span;
        ck_assert_uint_lt(i, n);
        ck_assert_int_eq(uclog_sip_start_line(&line, &span, m), 0);
        ck_assert_str_view(line, w[i].start);
        ck_assert_uint_eq(span.line, w[i].line);
        ck_assert_uint_eq(span.column, 1);
        ck_assert_uint_eq(span.offset, w[i].offset);
        ck_assert_int_eq(uclog_sip_call_id(&cid, m), 0);
        ck_assert_str_view(cid, w[i].call_id);
        ck_assert_int_eq(uclog_packet_direction(p), w[i].direction);
        /* no record framed it */
        ck_assert_int_eq(uclog_packet_level(p), UCLOG_LEVEL_UNKNOWN);
        ck_assert_uint_eq(uclog_packet_pid(p), 0);
        check_candidates(ctx, m, w[i].ports);
        i++;
    }
    ck_assert_int_eq(rc, UCLOG_DONE);
    ck_assert_uint_eq(i, n);
    ck_assert_uint_eq(uclog_msg_iter_unusable_count(it), 0);
    uclog_msg_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}

#define INV "INVITE sip:jeremy@litwareinc.com SIP/2.0"

START_TEST(lone_invite_lf)
{
    /* its Content-Length counts the CRs the paste lost: the body ends with the text */
    static const struct want w[] = {
        {1, 0, INV, "a84b4c76e66710@bart-pc", UCLOG_DIRECTION_UNKNOWN, {50000, 50001, 50010, 0}},
    };
    check_messages("sources/invite-lf.txt", w, 1);
}
END_TEST

START_TEST(several_messages_crlf)
{
    static const struct want w[] = {
        {1, 0, INV, "f81d4fae7dec11d0@bart-pc", UCLOG_DIRECTION_UNKNOWN, {50000, 50001, 50010, 52000, 52001}},
        {28, 1029, "SIP/2.0 100 Trying", "f81d4fae7dec11d0@bart-pc", UCLOG_DIRECTION_UNKNOWN, {0}},
        {37, 1276, "SIP/2.0 486 Busy Here", "f81d4fae7dec11d0@bart-pc", UCLOG_DIRECTION_UNKNOWN, {0}},
    };
    check_messages("sources/several-crlf.txt", w, 3);
}
END_TEST

START_TEST(invite_without_content_length)
{
    /* text before it; its body runs to the next start line */
    static const struct want w[] = {
        {3, 36, INV, "a84b4c76e66710@bart-pc", UCLOG_DIRECTION_UNKNOWN, {50000, 50001, 50010, 0}},
        {26, 860, "SIP/2.0 100 Trying", "a84b4c76e66710@bart-pc", UCLOG_DIRECTION_UNKNOWN, {0}},
    };
    check_messages("sources/no-length.txt", w, 2);
}
END_TEST

START_TEST(framing_lines_without_headers)
{
    static const struct want w[] = {
        {2, 87, INV, "a84b4c76e66710@bart-pc", UCLOG_DIRECTION_SENT, {50000, 50001, 50010, 0}},
    };
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_packet_iter *it = NULL;
    const uclog_packet *p;
    uclog_str addr, bytes;
    uclog_span span;
    uint16_t port;
    uint64_t declared;

    check_messages("sources/framed-invite.txt", w, 1);
    /* the framing line gives the packet its addresses and count */
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("sources/framed-invite.txt")), 0);
    ck_assert_int_eq(uclog_packet_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_packet_iter_next(&p, it), 0);
    ck_assert_int_eq(uclog_packet_remote_endpoint(&addr, &port, p), 0);
    ck_assert_str_view(addr, "192.168.1.5");
    ck_assert_uint_eq(port, 5061);
    ck_assert_int_eq(uclog_packet_local_endpoint(&addr, &port, p), 0);
    ck_assert_str_view(addr, "192.168.1.10");
    ck_assert_uint_eq(port, 44511);
    ck_assert_int_eq(uclog_packet_declared_bytes(&declared, p), 0);
    uclog_packet_bytes(&bytes, p);
    ck_assert_uint_eq(declared, 845);
    ck_assert_uint_eq(bytes.len, 845);
    ck_assert_uint_eq(uclog_packet_defect_count(p), 0);
    uclog_packet_span(&span, p);
    ck_assert_uint_eq(span.offset, 0);
    ck_assert_uint_eq(span.line, 1);
    uclog_packet_bytes_span(&span, p);
    ck_assert_uint_eq(span.offset, 87);
    ck_assert_uint_eq(span.line, 2);
    ck_assert_int_eq(uclog_packet_timestamp(&(uclog_timestamp){0}, p), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_packet_iter_next(&p, it), UCLOG_DONE);
    uclog_packet_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

/* A log and a file of bare messages in one set: the log's packets, then the bare ones. */
START_TEST(log_and_bare_file_in_a_set)
{
    const char *paths[2];
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_msg_iter *it = NULL;
    const uclog_sip *m;
    const uclog_packet *p;
    uclog_span span;
    uint32_t n = 0, bare = 0;
    char a[512];
    int rc;

    strcpy(a, tu_data("sources/no-length.txt"));
    paths[0] = a;
    paths[1] = tu_data("seed.uccapilog");
    ck_assert_int_eq(uclog_log_open_files(&log, ctx, paths, 2), 0);
    ck_assert_int_eq(uclog_log_file_kind(log, 0), UCLOG_FILE_KIND_LOG); /* ordered by time: the log first */
    ck_assert_int_eq(uclog_log_file_kind(log, 1), UCLOG_FILE_KIND_SIP);
    ck_assert_int_eq(uclog_msg_iter_new(&it, log), 0);
    while ((rc = uclog_msg_iter_next(&m, &p, it)) == 0) {
        uclog_sip_span(&span, m);
        if (span.file == 1) {
            ck_assert_int_eq(uclog_packet_direction(p), UCLOG_DIRECTION_UNKNOWN);
            ck_assert_uint_eq(span.line, bare ? 26 : 3);
            bare++;
        } else {
            ck_assert_uint_eq(bare, 0);
        }
        n++;
    }
    ck_assert_int_eq(rc, UCLOG_DONE);
    ck_assert_uint_eq(n, 5 + 2);
    ck_assert_uint_eq(bare, 2);
    uclog_msg_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

/* Read as a stream in small reads, the same messages at the same places. */
START_TEST(bare_stream_equals_file)
{
    size_t len, i = 0;
    char *text = tu_read("sources/several-crlf.txt", &len);
    struct mem_reader r = {text, len, 0};
    static const uint64_t offsets[] = {0, 1029, 1276};
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_msg_iter *it = NULL;
    const uclog_sip *m;
    const uclog_packet *p;
    uclog_span span;
    int rc;

    ck_assert_int_eq(uclog_log_open_reader(&log, ctx, mem_read, &r, "-"), 0);
    ck_assert_int_eq(uclog_msg_iter_new(&it, log), 0);
    while ((rc = uclog_msg_iter_next(&m, &p, it)) == 0) {
        ck_assert_uint_lt(i, 3);
        uclog_sip_span(&span, m);
        ck_assert_uint_eq(span.offset, offsets[i]);
        i++;
    }
    ck_assert_int_eq(rc, UCLOG_DONE);
    ck_assert_uint_eq(i, 3);
    ck_assert_int_eq(uclog_log_file_kind(log, 0), UCLOG_FILE_KIND_SIP);
    uclog_msg_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    free(text);
}
END_TEST

/* Pasted fragments: no message, a start line alone, blank lines, a framing line alone. */
START_TEST(bare_fragments)
{
    static const struct {
        const char *text;
        uint32_t messages;
    } cases[] = {
        {"INVITE sip:a@b SIP/2.0", 1},
        {"INVITE sip:a@b SIP/2.0\n", 1},
        {"\n\n\nSIP/2.0 200 OK\n\n\n\nSIP/2.0 180 Ringing\n", 2},
        {"SIP/2.0 200 OK\nContent-Length: 99999999999999999999\n\nbody\n", 1},
        {"Sending Packet - 1.2.3.4:5061 (From Local Address: 5.6.7.8:1) 10 bytes:\nSIP/2.0 200 OK\n", 1},
        {"End of Data Received - 1.2.3.4:5061 (To Local Address: 5.6.7.8:1) 10 bytes\nSIP/2.0 200 OK\n", 1},
        {"SIP/2.0 200 OK\nVia: x\nSIP/2.0 100 Trying\nVia: y\n", 2},
        /* a body that starts with a status line (message/sipfrag) is a body while its
         * Content-Length covers it */
        {"NOTIFY sip:a@b SIP/2.0\r\nContent-Length: 20\r\n\r\nSIP/2.0 100 Trying\r\n\r\n", 1},
        {"NOTIFY sip:a@b SIP/2.0\r\n\r\nSIP/2.0 100 Trying\r\n\r\n", 2},
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uclog_ctx *ctx = tu_ctx();
        uclog_log *log = NULL;
        uclog_msg_iter *it = NULL;
        const uclog_sip *m;
        uint32_t n = 0;
        int rc;
        ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, cases[i].text, strlen(cases[i].text), "b"), 0);
        ck_assert_int_eq(uclog_log_file_kind(log, 0), UCLOG_FILE_KIND_SIP);
        ck_assert_int_eq(uclog_msg_iter_new(&it, log), 0);
        while ((rc = uclog_msg_iter_next(&m, NULL, it)) == 0)
            n++;
        ck_assert_int_eq(rc, UCLOG_DONE);
        ck_assert_msg(n == cases[i].messages, "case %zu: %u messages", i, n);
        uclog_msg_iter_free(it);
        uclog_log_free(log);
        uclog_ctx_free(ctx);
    }
}
END_TEST

static int iterate_bare(void *arg)
{
    uclog_ctx *ctx;
    uclog_log *log = NULL;
    uclog_msg_iter *it = NULL;
    const uclog_sip *m;
    int rc;

    if (uclog_ctx_new(&ctx, &tu_mem))
        return UCLOG_E_NOMEM;
    rc = uclog_log_open_file(&log, ctx, tu_data(arg));
    if (!rc)
        rc = uclog_msg_iter_new(&it, log);
    while (!rc && (rc = uclog_msg_iter_next(&m, NULL, it)) == 0)
        ;
    uclog_msg_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    return rc == UCLOG_DONE ? 0 : rc;
}

START_TEST(alloc_failures)
{
    tu_alloc_loop(iterate_bare, "sources/several-crlf.txt");
    tu_alloc_loop(iterate_bare, "sources/framed-invite.txt");
}
END_TEST

Suite *tu_suite(void)
{
    Suite *s = suite_create("sources");
    TCase *tc = tcase_create("kinds");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, kinds_of_fixtures);
    tcase_add_test(tc, kinds_of_buffers);
    tcase_add_test(tc, kind_names_and_reasons);
    tcase_add_test(tc, stream_kind_known_at_first_record);
    tcase_add_test(tc, lone_invite_lf);
    tcase_add_test(tc, several_messages_crlf);
    tcase_add_test(tc, invite_without_content_length);
    tcase_add_test(tc, framing_lines_without_headers);
    tcase_add_test(tc, log_and_bare_file_in_a_set);
    tcase_add_test(tc, bare_stream_equals_file);
    tcase_add_test(tc, bare_fragments);
    tcase_add_test(tc, alloc_failures);
    suite_add_tcase(s, tc);
    return s;
}
