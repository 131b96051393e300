/*
 * Hostile inputs (tests/data/hostile/, and the huge ones made here at run
 * time): each test asserts the exact defect or error, and, through the
 * counting allocator, that nothing leaked. Check runs every test in its own
 * process with a timeout, so a crash or a hang fails the test. The last
 * group runs an allocation-failure loop over every public entry point.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HDR "11/21/2008|23:31:10.381 190:4FC INFO  :: "

/* A context on the counting allocator, with the leak counter reset. */
static uclog_ctx *fresh_ctx(void)
{
    tu_alloc_reset(-1);
    tu_live = 0;
    return tu_ctx();
}

static void end_ctx(uclog_ctx *ctx)
{
    uclog_ctx_free(ctx);
    ck_assert_int_eq(tu_live, 0);
}

static const char *hostile(const char *name)
{
    static char path[4096];
    snprintf(path, sizeof(path), "%s/hostile/%s", UCLOG_TEST_DATA, name);
    return path;
}

static char *read_hostile(const char *name, size_t *len)
{
    char rel[256];
    snprintf(rel, sizeof(rel), "hostile/%s", name);
    return tu_read(rel, len);
}

/* The first defect of the record with that code, or fail. */
static uclog_defect record_defect(const uclog_record *rec, int32_t code)
{
    uclog_defect d;
    uint32_t i;

    for (i = 0; i < uclog_record_defect_count(rec); i++) {
        ck_assert_int_eq(uclog_record_defect(&d, rec, i), 0);
        if (d.code == code)
            return d;
    }
    ck_abort_msg("record has no defect %s", uclog_defect_name(code));
    return d;
}

/* ------------------------------------------------------------------ */
/* Records                                                             */
/* ------------------------------------------------------------------ */

START_TEST(test_nul_bytes)
{
    uclog_ctx *ctx = fresh_ctx();
    uclog_log *log = NULL;
    uclog_record_iter *it = NULL;
    const uclog_record *rec;
    uclog_defect d;
    uclog_str text;
    size_t first = strlen(HDR "first record\r\n");

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, hostile("nul-bytes.uccapilog")), 0);
    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), 0);
    ck_assert_uint_eq(uclog_record_defect_count(rec), 0);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), 0);
    ck_assert_uint_eq(uclog_record_defect_count(rec), 1);
    d = record_defect(rec, UCLOG_DEFECT_NUL_BYTE);
    ck_assert_uint_eq(d.span.offset, first + strlen(HDR "text with a "));
    ck_assert_uint_eq(d.span.length, 1);
    ck_assert_uint_eq(d.span.line, 2);
    ck_assert_uint_eq(d.span.column, strlen(HDR "text with a ") + 1);
    /* The text is kept whole, NUL included. */
    uclog_record_text(&text, rec);
    ck_assert_uint_eq(text.len, strlen("text with a ") + 1 + strlen(" NUL byte"));
    ck_assert_int_eq(text.ptr[strlen("text with a ")], '\0');
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), UCLOG_DONE);
    uclog_record_iter_free(it);
    uclog_log_free(log);
    end_ctx(ctx);
}
END_TEST

START_TEST(test_line_20mib)
{
    const size_t big = 20u << 20;
    size_t hl = strlen(HDR "long line follows\n"), len = hl + big + 1;
    char *buf = malloc(len);
    uclog_ctx *ctx = fresh_ctx();
    uclog_log *log = NULL;
    uclog_record_iter *it = NULL;
    const uclog_record *rec;
    uclog_defect d;
    uclog_span sp;

    ck_assert_ptr_nonnull(buf);
    memcpy(buf, HDR "long line follows\n", hl);
    memset(buf + hl, 'x', big);
    buf[len - 1] = '\n';
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, buf, len, "20mib"), 0);
    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), 0);
    /* Under the 64 MiB record limit: one record, whose second line is flagged. */
    uclog_record_span(&sp, rec);
    ck_assert_uint_eq(sp.length, len);
    ck_assert_uint_eq(uclog_record_line_count(rec), 2);
    ck_assert_uint_eq(uclog_record_defect_count(rec), 1);
    d = record_defect(rec, UCLOG_DEFECT_LINE_TOO_LONG);
    ck_assert_uint_eq(d.span.offset, hl);
    ck_assert_uint_eq(d.span.length, big);
    ck_assert_uint_eq(d.span.line, 2);
    ck_assert_uint_eq(d.span.column, 1);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), UCLOG_DONE);
    uclog_record_iter_free(it);
    uclog_log_free(log);

    /* Over a 1 MiB record limit the line is cut, and the rest says so. */
    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_RECORD_BYTES, 1u << 20), 0);
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, buf, len, "20mib"), 0);
    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), 0);
    uclog_record_span(&sp, rec);
    ck_assert_uint_eq(sp.length, hl);
    ck_assert_int_eq(record_defect(rec, UCLOG_DEFECT_RECORD_TOO_LONG).span.offset, hl);
    {
        uint64_t total = sp.length;
        uint32_t n = 1;
        while (uclog_record_iter_next(&rec, it) == 0) {
            uclog_record_span(&sp, rec);
            ck_assert_uint_eq(sp.offset, total);
            ck_assert_uint_le(sp.length, 1u << 20);
            ck_assert_int_eq(record_defect(rec, UCLOG_DEFECT_RECORD_CONTINUED).span.offset, total);
            total += sp.length;
            n++;
        }
        ck_assert_uint_eq(total, len);
        ck_assert_uint_eq(n, 1 + 20 + 1); /* the header line, 20 full pieces, the line end */
    }
    uclog_record_iter_free(it);
    uclog_log_free(log);
    free(buf);
    end_ctx(ctx);
}
END_TEST

/* A file of one header line repeated 1 000 000 times, written to a temp dir. */
START_TEST(test_repeated_header_line)
{
    static const char line[] = HDR "x\r\n";
    const uint32_t times = 1000000;
    char dir[] = "/tmp/uclog-hostile-XXXXXX", path[64];
    uclog_ctx *ctx = fresh_ctx();
    uclog_log *log = NULL;
    uclog_record_iter *it = NULL;
    const uclog_record *rec;
    uint32_t i, n = 0, bad = 0;
    size_t ll = sizeof(line) - 1;
    char *chunk;
    FILE *f;
    int rc;

    ck_assert_ptr_nonnull(tu_mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/repeated.uccapilog", dir);
    f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    chunk = malloc(ll * 1000);
    ck_assert_ptr_nonnull(chunk);
    for (i = 0; i < 1000; i++)
        memcpy(chunk + i * ll, line, ll);
    for (i = 0; i < times / 1000; i++)
        ck_assert_uint_eq(fwrite(chunk, 1, ll * 1000, f), ll * 1000);
    free(chunk);
    ck_assert_int_eq(fclose(f), 0);

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, path), 0);
    ck_assert_uint_eq(uclog_log_file_size(log, 0), (uint64_t)ll * times);
    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    while ((rc = uclog_record_iter_next(&rec, it)) == 0) {
        uclog_span sp;
        uclog_record_span(&sp, rec);
        bad += sp.offset != (uint64_t)n * ll || sp.length != ll || sp.line != n + 1 ||
               uclog_record_defect_count(rec) != 0 || !uclog_record_has_header(rec);
        n++;
    }
    ck_assert_int_eq(rc, UCLOG_DONE);
    ck_assert_uint_eq(n, times);
    ck_assert_uint_eq(bad, 0);
    uclog_record_iter_free(it);
    uclog_log_free(log);
    unlink(path);
    rmdir(dir);
    end_ctx(ctx);
}
END_TEST

START_TEST(test_invalid_utf8)
{
    uclog_ctx *ctx = fresh_ctx();
    uclog_log *log = NULL;
    uclog_record_iter *it = NULL;
    const uclog_record *rec;
    uclog_defect d;
    size_t first = strlen(HDR "caf\xc3\xa9 is fine\r\n");

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, hostile("invalid-utf8.uccapilog")), 0);
    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), 0);
    ck_assert_uint_eq(uclog_record_defect_count(rec), 0); /* valid UTF-8 is not a defect */
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), 0);
    /* One defect, at the first bad byte. */
    ck_assert_uint_eq(uclog_record_defect_count(rec), 1);
    d = record_defect(rec, UCLOG_DEFECT_INVALID_UTF8);
    ck_assert_uint_eq(d.span.offset, first + strlen(HDR "bad "));
    ck_assert_uint_eq(d.span.line, 2);
    ck_assert_uint_eq(d.span.column, strlen(HDR "bad ") + 1);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), UCLOG_DONE);
    uclog_record_iter_free(it);
    uclog_log_free(log);
    end_ctx(ctx);
}
END_TEST

START_TEST(test_utf16_log)
{
    static const char expect[] = HDR "first record\r\n" HDR "caf\xc3\xa9 \xf0\x9f\x98\x80 second\r\n";
    uclog_ctx *ctx = fresh_ctx();
    uclog_log *log = NULL;
    uclog_record_iter *it = NULL;
    const uclog_record *rec;
    uclog_str text;
    FILE *f;

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, hostile("utf16le.uccapilog")), 0);
    ck_assert_int_eq(uclog_log_file_encoding(log, 0), UCLOG_ENCODING_UTF16LE);
    ck_assert_uint_eq(uclog_log_file_size(log, 0), sizeof(expect) - 1);
    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), 0);
    uclog_record_text(&text, rec);
    ck_assert_str_view(text, "first record");
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), 0);
    uclog_record_text(&text, rec);
    ck_assert_str_view(text, "caf\xc3\xa9 \xf0\x9f\x98\x80 second"); /* the surrogate pair joined */
    ck_assert_uint_eq(uclog_record_defect_count(rec), 0);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), UCLOG_DONE);
    uclog_record_iter_free(it);
    uclog_log_free(log);

    /* From a stream it is refused, with a reason. */
    f = fopen(hostile("utf16le.uccapilog"), "rb");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(uclog_log_open_stream(&log, ctx, f, NULL), 0);
    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), UCLOG_E_ENCODING);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), UCLOG_E_ENCODING);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "UTF-16"));
    uclog_record_iter_free(it);
    uclog_log_free(log);
    fclose(f);
    end_ctx(ctx);
}
END_TEST

START_TEST(test_empty_file)
{
    uclog_ctx *ctx = fresh_ctx();
    uclog_log *log = NULL;
    uclog_record_iter *it = NULL;
    uclog_packet_iter *pit = NULL;
    uclog_msg_iter *mit = NULL;
    const uclog_record *rec;
    const uclog_packet *pkt;
    const uclog_sip *msg;
    uclog_index *idx = NULL;
    FILE *f;

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, hostile("empty.uccapilog")), 0);
    ck_assert_uint_eq(uclog_log_file_size(log, 0), 0);
    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), UCLOG_DONE);
    ck_assert_ptr_null(rec);
    ck_assert_int_eq(uclog_packet_iter_new(&pit, log), 0);
    ck_assert_int_eq(uclog_packet_iter_next(&pkt, pit), UCLOG_DONE);
    ck_assert_int_eq(uclog_msg_iter_new(&mit, log), 0);
    ck_assert_int_eq(uclog_msg_iter_next(&msg, &pkt, mit), UCLOG_DONE);
    ck_assert_int_eq(uclog_index_build(&idx, log), 0);
    ck_assert_uint_eq(uclog_index_message_count(idx), 0);
    ck_assert_uint_eq(uclog_index_call_count(idx), 0);
    uclog_index_free(idx);
    uclog_msg_iter_free(mit);
    uclog_packet_iter_free(pit);
    uclog_record_iter_free(it);
    uclog_log_free(log);

    /* The same from a buffer and from a stream. */
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, NULL, 0, NULL), 0);
    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), UCLOG_DONE);
    uclog_record_iter_free(it);
    uclog_log_free(log);
    f = fopen(hostile("empty.uccapilog"), "rb");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(uclog_log_open_stream(&log, ctx, f, NULL), 0);
    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), UCLOG_DONE);
    uclog_record_iter_free(it);
    uclog_log_free(log);
    fclose(f);
    end_ctx(ctx);
}
END_TEST

START_TEST(test_directory)
{
    uclog_ctx *ctx = fresh_ctx();
    uclog_log *log = (uclog_log *)ctx; /* must be reset to NULL */
    const char *paths[2];

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, hostile("directory.uccapilog")), UCLOG_E_IO);
    ck_assert_ptr_null(log);
    ck_assert_int_eq(uclog_ctx_errcode(ctx), UCLOG_E_IO);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "is a directory"));
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "directory.uccapilog"));
    /* In a set, the good file opened first is released again. */
    paths[0] = hostile("nul-bytes.uccapilog");
    paths[0] = strcpy(malloc(strlen(paths[0]) + 1), paths[0]);
    paths[1] = hostile("directory.uccapilog");
    ck_assert_int_eq(uclog_log_open_files(&log, ctx, paths, 2), UCLOG_E_IO);
    ck_assert_ptr_null(log);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "is a directory"));
    free((void *)paths[0]);
    end_ctx(ctx);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Packets                                                             */
/* ------------------------------------------------------------------ */

START_TEST(test_packet_without_end)
{
    uclog_ctx *ctx = fresh_ctx();
    uclog_log *log = NULL;
    uclog_packet_iter *it = NULL;
    const uclog_packet *pkt;
    uclog_defect d;
    uclog_str bytes;
    uclog_span sp;
    uint64_t size;

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, hostile("packet-no-end.uccapilog")), 0);
    size = uclog_log_file_size(log, 0);
    ck_assert_int_eq(uclog_packet_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_packet_iter_next(&pkt, it), 0);
    uclog_packet_bytes(&bytes, pkt);
    /* 120 declared matches neither reading, so the last line break is taken as
     * the one the client adds before its End of record (packet.h). */
    ck_assert_uint_eq(bytes.len, strlen("OPTIONS sip:bart@litwareinc.com SIP/2.0\r\nCall-ID: abc\r\n"
                                        "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n"));
    /* It runs to the end of the log, and says it was cut there. */
    uclog_packet_span(&sp, pkt);
    ck_assert_uint_eq(sp.offset, 0);
    ck_assert_uint_eq(sp.length, size);
    ck_assert_uint_eq(uclog_packet_defect_count(pkt), 2);
    ck_assert_int_eq(uclog_packet_defect(&d, pkt, 0), 0);
    ck_assert_int_eq(d.code, UCLOG_DEFECT_PACKET_BYTE_COUNT); /* 120 declared, 91 there */
    ck_assert_int_eq(uclog_packet_defect(&d, pkt, 1), 0);
    ck_assert_int_eq(d.code, UCLOG_DEFECT_PACKET_TRUNCATED);
    ck_assert_uint_eq(d.span.offset, size);
    ck_assert_uint_eq(d.span.length, 0);
    ck_assert_uint_eq(d.span.line, 7);
    ck_assert_uint_eq(d.span.column, 1);
    ck_assert_int_eq(uclog_packet_iter_next(&pkt, it), UCLOG_DONE);
    uclog_packet_iter_free(it);
    uclog_log_free(log);
    end_ctx(ctx);
}
END_TEST

/* ------------------------------------------------------------------ */
/* SIP                                                                 */
/* ------------------------------------------------------------------ */

START_TEST(test_sip_100000_headers)
{
    static const char start[] = "INVITE sip:a@b SIP/2.0\r\n", hdr[] = "X-H: v\r\n";
    const size_t n = 100000, sl = sizeof(start) - 1, hl = sizeof(hdr) - 1;
    size_t len = sl + n * hl + 2, i;
    char *buf = malloc(len);
    uclog_ctx *ctx = fresh_ctx();
    uclog_sip *msg = NULL;
    uclog_defect d;
    uclog_str name;

    ck_assert_ptr_nonnull(buf);
    memcpy(buf, start, sl);
    for (i = 0; i < n; i++)
        memcpy(buf + sl + i * hl, hdr, hl);
    memcpy(buf + len - 2, "\r\n", 2);
    ck_assert_int_eq(uclog_sip_parse(&msg, ctx, buf, len, NULL), 0);
    ck_assert_uint_eq(uclog_sip_header_count(msg), 1024);
    ck_assert_int_eq(uclog_sip_header(&name, NULL, NULL, msg, 1023), 0);
    ck_assert_str_view(name, "X-H");
    ck_assert_int_eq(uclog_sip_header(&name, NULL, NULL, msg, 1024), UCLOG_E_RANGE);
    ck_assert_uint_eq(uclog_sip_defect_count(msg), 1);
    ck_assert_int_eq(uclog_sip_defect(&d, msg, 0), 0);
    ck_assert_int_eq(d.code, UCLOG_DEFECT_SIP_TOO_MANY_HEADERS);
    ck_assert_uint_eq(d.span.offset, sl + 1024 * hl); /* the first header not kept */
    ck_assert_uint_eq(d.span.line, 1026);
    ck_assert_uint_eq(uclog_sip_length(msg), len);
    uclog_sip_free(msg);
    free(buf);
    end_ctx(ctx);
}
END_TEST

START_TEST(test_sip_content_length_overflow)
{
    size_t len;
    char *buf = read_hostile("content-length-overflow.sip", &len);
    uclog_ctx *ctx = fresh_ctx();
    uclog_sip *msg = NULL;
    uclog_defect d;
    uclog_str body;
    uint64_t cl = 1;

    ck_assert_int_eq(uclog_sip_parse(&msg, ctx, buf, len, NULL), 0);
    ck_assert_uint_eq(uclog_sip_defect_count(msg), 1);
    ck_assert_int_eq(uclog_sip_defect(&d, msg, 0), 0);
    ck_assert_int_eq(d.code, UCLOG_DEFECT_SIP_CONTENT_LENGTH_INVALID);
    ck_assert_uint_eq(d.span.line, 4);
    ck_assert_uint_eq(d.span.column, 1);
    ck_assert_uint_eq(d.span.length, strlen("Content-Length: 99999999999999999999"));
    ck_assert_int_eq(uclog_sip_content_length(&cl, msg), UCLOG_E_FORMAT);
    ck_assert_uint_eq(cl, 0);
    /* Without a usable length the body runs to the end of the data. */
    ck_assert_int_eq(uclog_sip_body(&body, NULL, msg), 0);
    ck_assert_str_view(body, "body bytes");
    ck_assert_uint_eq(uclog_sip_length(msg), len);
    uclog_sip_free(msg);
    free(buf);
    end_ctx(ctx);
}
END_TEST

/* ------------------------------------------------------------------ */
/* SDP                                                                 */
/* ------------------------------------------------------------------ */

START_TEST(test_sdp_overflows)
{
    static const struct {
        int32_t code;
        uint32_t line, column;
        const char *text;
    } expect[] = {
        {UCLOG_DEFECT_SDP_MEDIA_MALFORMED, 2, 1, "m=audio 70000 RTP/AVP 0"},
        {UCLOG_DEFECT_SDP_CANDIDATE_PORT_RANGE, 3, 45, "65536"},
        {UCLOG_DEFECT_SDP_CANDIDATE_PRIORITY_RANGE, 4, 21, "4294967296"},
        {UCLOG_DEFECT_SDP_CANDIDATE_PORT_RANGE, 5, 82, "99999"},
        {UCLOG_DEFECT_SDP_CANDIDATE_PRIORITY_RANGE, 6, 21, "99999999999999999999999"},
        {UCLOG_DEFECT_SDP_CANDIDATE_PORT_RANGE, 7, 41, "18446744073709551617"},
    };
    size_t len, i;
    char *buf = read_hostile("sdp-overflow.sdp", &len);
    uclog_ctx *ctx = fresh_ctx();
    uclog_sdp *sdp = NULL;
    const uclog_sdp_media *m;
    uclog_defect d;

    ck_assert_int_eq(uclog_sdp_parse(&sdp, ctx, buf, len, NULL), 0);
    ck_assert_uint_eq(uclog_sdp_defect_count(sdp), sizeof(expect) / sizeof(expect[0]));
    for (i = 0; i < sizeof(expect) / sizeof(expect[0]); i++) {
        ck_assert_int_eq(uclog_sdp_defect(&d, sdp, (uint32_t)i), 0);
        ck_assert_int_eq(d.code, expect[i].code);
        ck_assert_uint_eq(d.span.line, expect[i].line);
        ck_assert_uint_eq(d.span.column, expect[i].column);
        ck_assert_uint_eq(d.span.length, strlen(expect[i].text));
        ck_assert_int_eq(memcmp(buf + d.span.offset, expect[i].text, strlen(expect[i].text)), 0);
    }
    /* The media is kept with port 0; no candidate with a bad number is stored. */
    ck_assert_uint_eq(uclog_sdp_media_count(sdp), 1);
    ck_assert_int_eq(uclog_sdp_media_get(&m, sdp, 0), 0);
    ck_assert_uint_eq(uclog_sdp_media_port(m), 0);
    ck_assert_uint_eq(uclog_sdp_candidate_count(m), 0);
    uclog_sdp_free(sdp);
    free(buf);
    end_ctx(ctx);
}
END_TEST

START_TEST(test_sdp_candidate_1000_fields)
{
    size_t len;
    char *buf = read_hostile("candidate-1000-fields.sdp", &len);
    uclog_ctx *ctx = fresh_ctx();
    uclog_sdp *sdp = NULL;
    const uclog_sdp_media *m;
    const uclog_sdp_candidate *c;
    uclog_str name, value;

    ck_assert_int_eq(uclog_sdp_parse(&sdp, ctx, buf, len, NULL), 0);
    ck_assert_uint_eq(uclog_sdp_defect_count(sdp), 0);
    ck_assert_int_eq(uclog_sdp_media_get(&m, sdp, 0), 0);
    ck_assert_uint_eq(uclog_sdp_candidate_count(m), 1);
    ck_assert_int_eq(uclog_sdp_candidate_get(&c, m, 0), 0);
    ck_assert_int_eq(uclog_sdp_candidate_type(c), UCLOG_SDP_CANDIDATE_TYPE_HOST);
    /* 8 fields before the extensions, then 496 name/value pairs. */
    ck_assert_uint_eq(uclog_sdp_candidate_ext_count(c), 496);
    ck_assert_int_eq(uclog_sdp_candidate_ext(&name, &value, c, 495), 0);
    ck_assert_str_view(name, "x495");
    ck_assert_str_view(value, "495");
    ck_assert_int_eq(uclog_sdp_candidate_ext(&name, &value, c, 496), UCLOG_E_RANGE);
    ck_assert_int_eq(uclog_sdp_candidate_ext_find(&value, c, "x300"), 0);
    ck_assert_str_view(value, "300");
    uclog_sdp_free(sdp);
    free(buf);
    end_ctx(ctx);
}
END_TEST

/* ------------------------------------------------------------------ */
/* XML                                                                 */
/* ------------------------------------------------------------------ */

typedef int (*xml_parse_fn)(uclog_ctx *ctx, const char *data, size_t len);

static int parse_mras(uclog_ctx *ctx, const char *data, size_t len)
{
    uclog_mras *m = NULL;
    int rc = uclog_mras_parse(&m, ctx, data, len, NULL);
    ck_assert(rc ? m == NULL : m != NULL);
    uclog_mras_free(m);
    return rc;
}

static int parse_prov(uclog_ctx *ctx, const char *data, size_t len)
{
    uclog_prov *p = NULL;
    int rc = uclog_prov_parse(&p, ctx, data, len, NULL);
    ck_assert(rc ? p == NULL : p != NULL);
    uclog_prov_free(p);
    return rc;
}

static int parse_errreport(uclog_ctx *ctx, const char *data, size_t len)
{
    uclog_errreport *r = NULL;
    int rc = uclog_errreport_parse(&r, ctx, data, len, NULL);
    ck_assert(rc ? r == NULL : r != NULL);
    uclog_errreport_free(r);
    return rc;
}

static const xml_parse_fn xml_parsers[] = {parse_mras, parse_prov, parse_errreport};

START_TEST(test_xml_nested_10000)
{
    static const char root[] =
        "<response xmlns=\"http://schemas.microsoft.com/2006/09/sip/mrasp\">";
    const size_t depth = 10000, rl = sizeof(root) - 1;
    size_t len = rl + depth * 3 + depth * 4 + strlen("</response>"), i, o = 0;
    char *buf = malloc(len);
    uclog_ctx *ctx = fresh_ctx();
    uclog_span sp;

    ck_assert_ptr_nonnull(buf);
    memcpy(buf, root, rl);
    o = rl;
    for (i = 0; i < depth; i++, o += 3)
        memcpy(buf + o, "<a>", 3);
    for (i = 0; i < depth; i++, o += 4)
        memcpy(buf + o, "</a>", 4);
    memcpy(buf + o, "</response>", strlen("</response>"));
    /* Every parser stops at the depth limit (64), and says where. */
    for (i = 0; i < sizeof(xml_parsers) / sizeof(xml_parsers[0]); i++) {
        ck_assert_int_eq(xml_parsers[i](ctx, buf, len), UCLOG_E_LIMIT);
        ck_assert_int_eq(uclog_ctx_errcode(ctx), UCLOG_E_LIMIT);
        ck_assert_int_eq(uclog_ctx_error_span(&sp, ctx), 0);
        ck_assert_uint_eq(sp.offset, rl + 63 * 3); /* the 65th element */
    }
    free(buf);
    end_ctx(ctx);
}
END_TEST

START_TEST(test_xml_billion_laughs)
{
    size_t len, i;
    char *buf = read_hostile("billion-laughs.xml", &len);
    uclog_ctx *ctx = fresh_ctx();
    uclog_span sp;

    for (i = 0; i < sizeof(xml_parsers) / sizeof(xml_parsers[0]); i++) {
        ck_assert_int_eq(xml_parsers[i](ctx, buf, len), UCLOG_E_XML);
        ck_assert_int_eq(uclog_ctx_errcode(ctx), UCLOG_E_XML);
        ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "document type declaration refused"));
        ck_assert_int_eq(uclog_ctx_error_span(&sp, ctx), 0);
        ck_assert_uint_eq(sp.line, 2);
    }
    free(buf);
    end_ctx(ctx);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Allocation failure at every public entry point                      */
/* ------------------------------------------------------------------ */

static int walk_log(uclog_log *log)
{
    uclog_record_iter *rit = NULL;
    uclog_packet_iter *pit = NULL;
    uclog_msg_iter *mit = NULL;
    const uclog_record *rec;
    const uclog_packet *pkt;
    const uclog_sip *msg;
    int rc;

    if ((rc = uclog_record_iter_new(&rit, log)))
        return rc;
    while ((rc = uclog_record_iter_next(&rec, rit)) == 0)
        ;
    uclog_record_iter_free(rit);
    if (rc != UCLOG_DONE)
        return rc;
    if (uclog_log_file_count(log) && uclog_log_ctx(log) && !uclog_log_file_name(log, 0))
        return -100;
    if ((rc = uclog_packet_iter_new(&pit, log)) == UCLOG_E_STATE)
        return 0; /* a stream: read once already */
    if (rc)
        return rc;
    while ((rc = uclog_packet_iter_next(&pkt, pit)) == 0)
        ;
    uclog_packet_iter_free(pit);
    if (rc != UCLOG_DONE)
        return rc;
    if ((rc = uclog_msg_iter_new(&mit, log)))
        return rc;
    while ((rc = uclog_msg_iter_next(&msg, &pkt, mit)) == 0)
        ;
    uclog_msg_iter_free(mit);
    return rc == UCLOG_DONE ? 0 : rc;
}

static int run_in_ctx(int (*fn)(uclog_ctx *, void *), void *arg)
{
    uclog_ctx *ctx = NULL;
    int rc = uclog_ctx_new(&ctx, &tu_mem);

    if (rc)
        return rc;
    rc = fn(ctx, arg);
    uclog_ctx_free(ctx);
    return rc;
}

static int do_open_file(uclog_ctx *ctx, void *arg)
{
    uclog_log *log = NULL;
    int rc = uclog_log_open_file(&log, ctx, hostile(arg));
    if (!rc)
        rc = walk_log(log);
    uclog_log_free(log);
    return rc;
}

static int do_open_files(uclog_ctx *ctx, void *arg)
{
    const char *paths[2];
    uclog_log *log = NULL;
    char first[4096];
    int rc;

    (void)arg;
    snprintf(first, sizeof(first), "%s", hostile("packet-no-end.uccapilog"));
    paths[0] = first;
    paths[1] = tu_data("seed.uccapilog");
    rc = uclog_log_open_files(&log, ctx, paths, 2);
    if (!rc)
        rc = walk_log(log);
    uclog_log_free(log);
    return rc;
}

/* A set one of whose members is bytes in memory (UTF-16: transcoded, so allocated). */
static int do_open_files_buffer(uclog_ctx *ctx, void *arg)
{
    const char *paths[2] = {"-", NULL};
    uclog_log *log = NULL;
    size_t len;
    char *buf = read_hostile("utf16le.uccapilog", &len);
    int rc;

    (void)arg;
    paths[1] = tu_data("seed.uccapilog");
    rc = uclog_log_open_files_buffer(&log, ctx, paths, 2, 0, buf, len);
    if (!rc)
        rc = walk_log(log);
    uclog_log_free(log);
    free(buf);
    return rc;
}

static int do_open_buffer(uclog_ctx *ctx, void *arg)
{
    size_t len;
    char *buf = read_hostile(arg, &len);
    uclog_log *log = NULL;
    uclog_index *idx = NULL;
    int rc = uclog_log_open_buffer(&log, ctx, buf, len, "buf");

    if (!rc)
        rc = walk_log(log);
    if (!rc)
        rc = uclog_index_build(&idx, log);
    if (!rc) {
        uclog_sip *msg = NULL;
        if (uclog_index_message_count(idx) > 0)
            rc = uclog_index_message_parse(&msg, idx, 0);
        uclog_sip_free(msg);
    }
    uclog_index_free(idx);
    uclog_log_free(log);
    free(buf);
    return rc;
}

static int do_open_stream(uclog_ctx *ctx, void *arg)
{
    FILE *f = fopen(hostile(arg), "rb");
    uclog_log *log = NULL;
    int rc;

    ck_assert_ptr_nonnull(f);
    rc = uclog_log_open_stream(&log, ctx, f, NULL);
    if (!rc)
        rc = walk_log(log);
    uclog_log_free(log);
    fclose(f);
    return rc == UCLOG_E_ENCODING ? 0 : rc;
}

static int do_sip(uclog_ctx *ctx, void *arg)
{
    size_t len;
    char *buf = read_hostile(arg, &len);
    uclog_sip *msg = NULL;
    int rc = uclog_sip_parse(&msg, ctx, buf, len, NULL);

    uclog_sip_free(msg);
    free(buf);
    return rc;
}

static int do_sdp(uclog_ctx *ctx, void *arg)
{
    size_t len;
    char *buf = read_hostile(arg, &len);
    uclog_sdp *sdp = NULL;
    int rc = uclog_sdp_parse(&sdp, ctx, buf, len, NULL);

    uclog_sdp_free(sdp);
    free(buf);
    return rc;
}

/* An XML fixture and the parser it is for (-1: none, every parser refuses it). */
struct xml_case {
    const char *file;
    int own;
    int refusal; /* what every parser that is not its own answers: UCLOG_E_FORMAT or UCLOG_E_XML */
};

static int do_xml(uclog_ctx *ctx, void *arg)
{
    const struct xml_case *c = arg;
    size_t len, i;
    char *buf = tu_read(c->file, &len);
    int rc = 0;

    for (i = 0; i < sizeof(xml_parsers) / sizeof(xml_parsers[0]) && rc != UCLOG_E_NOMEM; i++) {
        int r = xml_parsers[i](ctx, buf, len);
        if (r == UCLOG_E_NOMEM)
            rc = r;
        else if ((int)i == c->own)
            ck_assert_msg(r == 0, "%s: its own parser failed with %d", c->file, r); /* it reads its fixture */
        else
            ck_assert_msg(r == c->refusal, "%s: parser %u gave %d", c->file, (unsigned)i, r);
    }
    free(buf);
    return rc;
}

struct call {
    int (*fn)(uclog_ctx *, void *);
    void *arg;
};

static int call_in_ctx(void *p)
{
    const struct call *c = p;
    return run_in_ctx(c->fn, c->arg);
}

static void loop(int (*fn)(uclog_ctx *, void *), const void *arg)
{
    struct call c;
    c.fn = fn;
    c.arg = (void *)arg;
    tu_alloc_loop(call_in_ctx, &c);
}

START_TEST(test_alloc_logs)
{
    loop(do_open_file, "nul-bytes.uccapilog");
    loop(do_open_file, "utf16le.uccapilog");
    loop(do_open_file, "packet-no-end.uccapilog");
    loop(do_open_file, "empty.uccapilog");
    loop(do_open_files, NULL);
    loop(do_open_files_buffer, NULL);
    loop(do_open_buffer, "invalid-utf8.uccapilog");
    loop(do_open_buffer, "utf16le.uccapilog");
    loop(do_open_buffer, "packet-no-end.uccapilog");
    loop(do_open_stream, "packet-no-end.uccapilog");
    loop(do_open_stream, "utf16le.uccapilog");
}
END_TEST

START_TEST(test_alloc_parsers)
{
    loop(do_sip, "content-length-overflow.sip");
    loop(do_sdp, "sdp-overflow.sdp");
    loop(do_sdp, "candidate-1000-fields.sdp");
    static const struct xml_case cases[] = {
        {"xml/mras-response.xml", 0, UCLOG_E_FORMAT},
        {"xml/prov-response.xml", 1, UCLOG_E_FORMAT},
        {"xml/reporterror.xml", 2, UCLOG_E_FORMAT},
        {"hostile/billion-laughs.xml", -1, UCLOG_E_XML},
    };
    size_t k;

    for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
        loop(do_xml, &cases[k]);
}
END_TEST

Suite *tu_suite(void)
{
    Suite *s = suite_create("hostile");
    TCase *tc = tcase_create("records");
    tcase_set_timeout(tc, 120); /* generous for sanitizer builds; a hang still fails */
    tcase_add_test(tc, test_nul_bytes);
    tcase_add_test(tc, test_line_20mib);
    tcase_add_test(tc, test_repeated_header_line);
    tcase_add_test(tc, test_invalid_utf8);
    tcase_add_test(tc, test_utf16_log);
    tcase_add_test(tc, test_empty_file);
    tcase_add_test(tc, test_directory);
    suite_add_tcase(s, tc);
    tc = tcase_create("packets");
    tcase_add_test(tc, test_packet_without_end);
    suite_add_tcase(s, tc);
    tc = tcase_create("sip");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_sip_100000_headers);
    tcase_add_test(tc, test_sip_content_length_overflow);
    suite_add_tcase(s, tc);
    tc = tcase_create("sdp");
    tcase_add_test(tc, test_sdp_overflows);
    tcase_add_test(tc, test_sdp_candidate_1000_fields);
    suite_add_tcase(s, tc);
    tc = tcase_create("xml");
    tcase_add_test(tc, test_xml_nested_10000);
    tcase_add_test(tc, test_xml_billion_laughs);
    suite_add_tcase(s, tc);
    tc = tcase_create("alloc");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_alloc_logs);
    tcase_add_test(tc, test_alloc_parsers);
    suite_add_tcase(s, tc);
    return s;
}
