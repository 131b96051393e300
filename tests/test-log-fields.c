/* The log suite, header fields and damage: header variants, malformed headers, text before
 * the first header, byte order marks, NUL bytes and bad UTF-8, the limits on lines and
 * records, and the line helpers. */
#include <stdlib.h>
#include <string.h>

#include "log-fixtures.h"

static int has_defect(const rec_copy *c, int32_t code)
{
    uint32_t i;
    for (i = 0; i < c->ndefects && i < 8; i++)
        if (c->defects[i] == code)
            return 1;
    return 0;
}

START_TEST(header_variants)
{
    static const char text[] =
        "01/15/2012|11:30:10.163 1384:11C0 INFO :: one space\r\n"
        "01/15/2012|11:30:10.164 1384:11C0 INFO     ::    several spaces\r\n"
        "01/15/2012|11:30:10.165 1384:11C0 WARN ::no space\n"
        "01/15/2012|11:30:10.166 a:b ERROR :: short ids\n"
        "01/15/2012|11:30:10.167 DEADBEEF:0001234F TRACE :: long ids\n"
        "01/15/2012|11:30:10.168\t1:2\tVerbose\t::\ttabs\n"
        "01/15/2012|11:30:10.169 1:2 SPECIAL :: unknown level\n";
    rec_list l = collect_buffer(text, sizeof(text) - 1);
    ck_assert_uint_eq(l.n, 7);
    ck_assert_str_eq(l.r[0].text, "one space");
    ck_assert_int_eq(l.r[0].level, UCLOG_LEVEL_INFO);
    ck_assert_str_eq(l.r[1].text, "   several spaces");
    ck_assert_str_eq(l.r[2].text, "no space");
    ck_assert_int_eq(l.r[2].level, UCLOG_LEVEL_WARN);
    ck_assert_uint_eq(l.r[3].pid, 0xA);
    ck_assert_uint_eq(l.r[3].tid, 0xB);
    ck_assert_int_eq(l.r[3].level, UCLOG_LEVEL_ERROR);
    ck_assert_uint_eq(l.r[4].pid, 0xDEADBEEF);
    ck_assert_uint_eq(l.r[4].tid, 0x1234F);
    ck_assert_int_eq(l.r[4].level, UCLOG_LEVEL_TRACE);
    ck_assert_int_eq(l.r[5].level, UCLOG_LEVEL_VERBOSE);
    ck_assert_str_eq(l.r[5].text, "\ttabs");
    ck_assert_int_eq(l.r[6].level, UCLOG_LEVEL_UNKNOWN);
    ck_assert_str_eq(l.r[6].text, "unknown level");
    ck_assert_uint_eq(l.r[0].ndefects + l.r[1].ndefects + l.r[2].ndefects + l.r[3].ndefects +
                          l.r[4].ndefects + l.r[5].ndefects + l.r[6].ndefects,
                      0);
    ck_assert_int_eq(l.r[6].ms - l.r[0].ms, 6);
    list_free(&l);
}
END_TEST

START_TEST(header_malformed)
{
    static const char text[] =
        "01/15/2012|11:30:10.163 1384 INFO :: no tid\n"
        "01/15/2012|11:30:10.163 123456789:1 INFO :: pid overflow\n"
        "13/45/2012|25:30:10.163 1:1 INFO :: bad date\n"
        "01/15/2012|11:30:10.163\n";
    rec_list l = collect_buffer(text, sizeof(text) - 1);
    ck_assert_uint_eq(l.n, 4);
    ck_assert(has_defect(&l.r[0], UCLOG_DEFECT_HEADER_MALFORMED));
    ck_assert_str_eq(l.r[0].text, "no tid");
    ck_assert(has_defect(&l.r[1], UCLOG_DEFECT_HEADER_MALFORMED));
    ck_assert_str_eq(l.r[1].text, "pid overflow");
    ck_assert_uint_eq(l.r[1].pid, 0); /* no partial PID is kept */
    ck_assert_uint_eq(l.r[1].tid, 0);
    ck_assert_uint_eq(l.r[0].pid, 0);
    ck_assert(has_defect(&l.r[2], UCLOG_DEFECT_TIMESTAMP_INVALID));
    ck_assert_int_eq(l.r[2].ms, -1);
    ck_assert_str_eq(l.r[2].text, "bad date");
    ck_assert_int_eq(l.r[2].has_header, 1);
    ck_assert(has_defect(&l.r[3], UCLOG_DEFECT_HEADER_MALFORMED));
    ck_assert_str_eq(l.r[3].text, "");
    assert_tiles(&l, sizeof(text) - 1);
    list_free(&l);
}
END_TEST

START_TEST(text_before_first_header)
{
    static const char text[] = "garbage line\r\nmore\r\n" H1 "first\r\ncontinued\r\n";
    rec_list l = collect_buffer(text, sizeof(text) - 1);
    ck_assert_uint_eq(l.n, 2);
    ck_assert_int_eq(l.r[0].has_header, 0);
    ck_assert_str_eq(l.r[0].text, "garbage line");
    ck_assert_uint_eq(l.r[0].nlines, 2);
    ck_assert_uint_eq(l.r[0].ndefects, 1);
    ck_assert_int_eq(l.r[0].defects[0], UCLOG_DEFECT_TEXT_BEFORE_HEADER);
    ck_assert_uint_eq(l.r[1].offset, 20);
    ck_assert_uint_eq(l.r[1].line, 3);
    ck_assert_uint_eq(l.r[1].nlines, 2);
    ck_assert_uint_eq(l.r[1].ndefects, 0);
    assert_tiles(&l, sizeof(text) - 1);
    list_free(&l);
}
END_TEST

START_TEST(utf8_bom_and_mixed_line_ends)
{
    static const char text[] = "\xEF\xBB\xBF" H1 "a\r\nx\n" H1 "b\n" H1 "c\r\ny\r\n";
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    rec_list l;
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, text, sizeof(text) - 1, NULL), 0);
    ck_assert_int_eq(uclog_log_file_encoding(log, 0), UCLOG_ENCODING_UTF8_BOM);
    ck_assert_str_eq(uclog_log_file_name(log, 0), "(buffer)");
    l = collect(log);
    ck_assert_uint_eq(l.n, 3);
    ck_assert_int_eq(l.r[0].has_header, 1);
    ck_assert_str_eq(l.r[0].text, "a");
    ck_assert_uint_eq(l.r[0].offset, 0); /* the mark belongs to the first record */
    ck_assert_uint_eq(l.r[0].ndefects, 0);
    ck_assert_uint_eq(l.r[0].pid, 0x1384);
    ck_assert_str_eq(l.r[1].text, "b");
    ck_assert_uint_eq(l.r[1].line, 3);
    ck_assert_str_eq(l.r[2].text, "c");
    ck_assert_uint_eq(l.r[2].nlines, 2);
    assert_tiles(&l, sizeof(text) - 1);
    list_free(&l);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(no_final_newline)
{
    static const char text[] = H1 "a\r\n" H1 "last";
    rec_list l = collect_buffer(text, sizeof(text) - 1);
    ck_assert_uint_eq(l.n, 2);
    ck_assert_str_eq(l.r[1].text, "last");
    ck_assert_uint_eq(l.r[1].ndefects, 1);
    ck_assert_int_eq(l.r[1].defects[0], UCLOG_DEFECT_NO_FINAL_NEWLINE);
    ck_assert_uint_eq(l.r[0].ndefects, 0);
    assert_tiles(&l, sizeof(text) - 1);
    list_free(&l);
}
END_TEST

START_TEST(nul_bytes_and_bad_utf8)
{
    static const char text[] = H1 "a\0b\r\nbody \xff\xfe\r\n" H1 "caf\xc3\xa9 ok\r\n";
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_record_iter *it = NULL;
    const uclog_record *rec;
    uclog_defect d;
    uclog_str s;

    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, text, sizeof(text) - 1, NULL), 0);
    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), 0);
    uclog_record_text(&s, rec);
    ck_assert_uint_eq(s.len, 3); /* "a\0b": the view keeps the NUL */
    ck_assert_uint_eq(uclog_record_defect_count(rec), 2);
    ck_assert_int_eq(uclog_record_defect(&d, rec, 0), 0);
    ck_assert_int_eq(d.code, UCLOG_DEFECT_NUL_BYTE);
    ck_assert_uint_eq(d.span.offset, 44);
    ck_assert_uint_eq(d.span.line, 1);
    ck_assert_uint_eq(d.span.column, 45);
    ck_assert_int_eq(uclog_record_defect(&d, rec, 1), 0);
    ck_assert_int_eq(d.code, UCLOG_DEFECT_INVALID_UTF8);
    ck_assert_uint_eq(d.span.offset, 53);
    ck_assert_uint_eq(d.span.line, 2);
    ck_assert_uint_eq(d.span.column, 6);
    ck_assert_int_eq(uclog_record_defect(&d, rec, 2), UCLOG_E_RANGE);
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), 0);
    ck_assert_uint_eq(uclog_record_defect_count(rec), 0); /* valid UTF-8 is no defect */
    ck_assert_int_eq(uclog_record_iter_next(&rec, it), UCLOG_DONE);
    uclog_record_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(line_and_record_limits)
{
    char text[4096];
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    rec_list l;
    size_t n, i;

    n = (size_t)snprintf(text, sizeof(text), H1 "start\r\n");
    for (i = 0; i < 30; i++)
        n += (size_t)snprintf(text + n, sizeof(text) - n, "continuation line %02zu of the long record\r\n", i);
    n += (size_t)snprintf(text + n, sizeof(text) - n, H1 "after\r\n");
    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_RECORD_BYTES, 500), 0);
    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_LINE_BYTES, 40), 0);
    ck_assert_uint_eq(uclog_ctx_get_limit(ctx, UCLOG_LIMIT_MAX_RECORD_BYTES), 500);
    ck_assert_int_eq(uclog_ctx_set_limit(ctx, 999, 1), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, text, n, NULL), 0);
    l = collect(log);
    /* 50 + 30*41 bytes: cut at line boundaries below 500 bytes each. */
    ck_assert_uint_eq(l.n, 4);
    ck_assert_int_eq(l.r[0].has_header, 1);
    ck_assert(has_defect(&l.r[0], UCLOG_DEFECT_RECORD_TOO_LONG));
    ck_assert(has_defect(&l.r[0], UCLOG_DEFECT_LINE_TOO_LONG));
    ck_assert_uint_le(l.r[0].length, 500);
    ck_assert_uint_eq(l.r[0].length, 50 + 10 * 41);
    ck_assert_int_eq(l.r[1].has_header, 0);
    ck_assert(has_defect(&l.r[1], UCLOG_DEFECT_RECORD_CONTINUED));
    ck_assert_uint_eq(l.r[1].line, 12);
    ck_assert_str_eq(l.r[1].text, "continuation line 10 of the long record");
    ck_assert_str_eq(l.r[3].text, "after");
    ck_assert_int_eq(l.r[3].has_header, 1);
    assert_tiles(&l, n);
    list_free(&l);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(one_huge_line_is_cut_in_stream)
{
    size_t n = 3000000, i;
    char *text = malloc(n);
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    chunker c;
    rec_list l;

    memcpy(text, H1, strlen(H1));
    for (i = strlen(H1); i < n; i++)
        text[i] = 'x';
    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_RECORD_BYTES, 1000000), 0);
    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_LINE_BYTES, 100000), 0);
    c.data = text;
    c.len = n;
    c.pos = 0;
    c.fixed = 65536;
    c.seed = 0;
    ck_assert_int_eq(uclog_log_open_reader(&log, ctx, chunk_read, &c, NULL), 0);
    l = collect(log);
    ck_assert_int_eq(l.rc, UCLOG_DONE);
    ck_assert_uint_eq(l.n, 3);
    ck_assert_uint_eq(l.r[0].length, 1000000);
    ck_assert(has_defect(&l.r[0], UCLOG_DEFECT_RECORD_TOO_LONG));
    ck_assert(has_defect(&l.r[0], UCLOG_DEFECT_LINE_TOO_LONG));
    ck_assert(has_defect(&l.r[1], UCLOG_DEFECT_RECORD_CONTINUED));
    ck_assert_uint_eq(l.r[1].line, 1);
    ck_assert_uint_eq(l.r[1].column, 1000001);
    ck_assert(has_defect(&l.r[2], UCLOG_DEFECT_NO_FINAL_NEWLINE));
    assert_tiles(&l, n);
    list_free(&l);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    free(text);
}
END_TEST

/* A record limit that cuts inside the byte order mark: the text stays inside the record. */
START_TEST(bom_cut_by_tiny_limit)
{
    static const char text[] = "\xEF\xBB\xBF\n" H1 "a\n";
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_record_iter *it = NULL;
    const uclog_record *rec;
    uclog_str t, raw;
    uint64_t total = 0;
    int rc;

    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_RECORD_BYTES, 2), 0);
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, text, sizeof(text) - 1, NULL), 0);
    ck_assert_int_eq(uclog_record_iter_new(&it, log), 0);
    while ((rc = uclog_record_iter_next(&rec, it)) == 0) {
        uclog_record_text(&t, rec);
        uclog_record_raw(&raw, rec);
        ck_assert_uint_le(raw.len, 2);
        ck_assert(t.ptr >= raw.ptr && t.ptr + t.len <= raw.ptr + raw.len);
        total += raw.len;
    }
    ck_assert_int_eq(rc, UCLOG_DONE);
    ck_assert_uint_eq(total, sizeof(text) - 1);
    uclog_record_iter_free(it);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(str_next_line)
{
    uclog_str rest = {"a\r\nbb\nc", 7}, line;
    ck_assert_int_eq(uclog_str_next_line(&line, &rest), 0);
    ck_assert_str_view(line, "a");
    ck_assert_int_eq(uclog_str_next_line(&line, &rest), 0);
    ck_assert_str_view(line, "bb");
    ck_assert_int_eq(uclog_str_next_line(&line, &rest), 0);
    ck_assert_str_view(line, "c");
    ck_assert_int_eq(uclog_str_next_line(&line, &rest), UCLOG_DONE);
    ck_assert_int_eq(uclog_line_is_header(H1, strlen(H1)), 1);
    ck_assert_int_eq(uclog_line_is_header("01/15/2012|11:30:10", 19), 0);
    ck_assert_str_eq(uclog_level_name(UCLOG_LEVEL_WARN), "WARN");
    ck_assert_str_eq(uclog_level_name(99), "UNKNOWN");
}
END_TEST

/* The one UTF-8 rule: the library's defects, the diagnosis's text and the programs' output. */
START_TEST(utf8_char_len)
{
    static const struct {
        const char *bytes;
        size_t n, want;
    } cases[] = {
        {"A", 1, 1},                    {"\x1b", 1, 1},               /* ASCII, controls too */
        {"\xc3\xa9", 2, 2},             {"\xe2\x82\xac", 3, 3},      /* e acute, euro */
        {"\xf0\x9f\x98\x80", 4, 4},     {"\xf4\x8f\xbf\xbf", 4, 4}, /* U+1F600, U+10FFFF */
        {"\xc3\xa9rest", 6, 2},         {"\xed\x9f\xbf", 3, 3},      /* U+D7FF, before surrogates */
        {"\x80", 1, 0},                 {"\xbf\x41", 2, 0},            /* stray continuation */
        {"\xc0\x80", 2, 0},             {"\xc1\xbf", 2, 0},            /* overlong two-byte */
        {"\xe0\x80\x80", 3, 0},         {"\xf0\x8f\xbf\xbf", 4, 0}, /* overlong three, four */
        {"\xed\xa0\x80", 3, 0},         {"\xed\xbf\xbf", 3, 0},      /* surrogates */
        {"\xf4\x90\x80\x80", 4, 0},     {"\xf5\x80\x80\x80", 4, 0}, /* past U+10FFFF */
        {"\xff", 1, 0},                 {"\xc3\x41", 2, 0},            /* bad lead, bad follower */
        {"\xe2\x82\xac", 2, 0},         {"\xf0\x9f\x98\x80", 3, 0}, /* cut short by n */
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        ck_assert_msg(uclog_utf8_char_len(cases[i].bytes, cases[i].n) == cases[i].want, "case %zu: %zu, want %zu",
                      i, uclog_utf8_char_len(cases[i].bytes, cases[i].n), cases[i].want);
    ck_assert_uint_eq(uclog_utf8_char_len(NULL, 0), 0);
    ck_assert_uint_eq(uclog_utf8_char_len("A", 0), 0);
}
END_TEST

/* The programs' and the renderer's one rule for what reaches a terminal as it is. */
START_TEST(utf8_char_shown)
{
    static const struct {
        const char *bytes;
        size_t n;
        int want;
    } cases[] = {
        {"A", 1, 1},            {" ", 1, 1},            {"~", 1, 1},           /* printable ASCII */
        {"\x1b[2J", 4, 0},      {"\x07", 1, 0},         {"\t", 1, 0},          /* ESC, BEL, tab */
        {"\r", 1, 0},           {"\n", 1, 0},           {"\x7f", 1, 0},        /* CR, LF, DEL */
        {"", 1, 0},                                                        /* NUL */
        {"\xc2\x80", 2, 0},     {"\xc2\x9b", 2, 0},     {"\xc2\x9f", 2, 0},   /* C1: PAD, CSI, APC */
        {"\xc2\xa0", 2, 1},     {"\xc3\xa9", 2, 1},     {"\xe2\x82\xac", 3, 1}, /* NBSP, e acute, euro */
        {"\xf0\x9f\x98\x80", 4, 1},                                          /* U+1F600 */
        {"\x80", 1, 0},         {"\xc0\x80", 2, 0},     {"\xed\xa0\x80", 3, 0}, /* not UTF-8 */
        {"\xe2\x82\xac", 2, 0},                                             /* cut short */
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        ck_assert_msg(uclog_utf8_char_shown(cases[i].bytes, cases[i].n) == cases[i].want, "case %zu", i);
    ck_assert_int_eq(uclog_utf8_char_shown(NULL, 0), 0);
    ck_assert_int_eq(uclog_utf8_char_shown("A", 0), 0);
}
END_TEST

void log_add_fields(Suite *s)
{
    TCase *tc = tcase_create("fields");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, header_variants);
    tcase_add_test(tc, header_malformed);
    tcase_add_test(tc, text_before_first_header);
    tcase_add_test(tc, utf8_bom_and_mixed_line_ends);
    tcase_add_test(tc, no_final_newline);
    tcase_add_test(tc, nul_bytes_and_bad_utf8);
    tcase_add_test(tc, line_and_record_limits);
    tcase_add_test(tc, one_huge_line_is_cut_in_stream);
    tcase_add_test(tc, bom_cut_by_tiny_limit);
    tcase_add_test(tc, str_next_line);
    tcase_add_test(tc, utf8_char_len);
    tcase_add_test(tc, utf8_char_shown);
    suite_add_tcase(s, tc);
}
