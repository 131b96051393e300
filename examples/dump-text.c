/*
 * uclog-dump's text output: one line per message or record, cut to 80
 * columns, or the messages and records whole (--verbose); secrets masked
 * unless --show-secrets, in the JSON output too (dump_masked()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colour.h"
#include "common.h"
#include "dump.h"

static const uclog_str absent = {NULL, 0};

#define WIDTH 80
#define ELLIPSIS "\xe2\x80\xa6" /* U+2026, one column */

int dump_show_secrets;

uclog_str dump_masked(uclog_str s)
{
    static char *buf;
    static size_t cap;
    uclog_str out = s;

    if (dump_show_secrets || !s.ptr || s.len == 0)
        return s;
    if (s.len > cap) {
        char *b = realloc(buf, s.len);
        if (!b)
            return s;
        buf = b;
        cap = s.len;
    }
    uclog_redact_mask_text(buf, s.ptr, s.len);
    out.ptr = buf;
    return out;
}

/* Print at most @width columns of s (an ellipsis ends a cut field),
 * padded to @width when @pad; returns the columns used. */
static int put_field(const char *s, size_t n, int width, int pad)
{
    const unsigned char *p;
    size_t i = 0, chars = 0;
    int col = 0;
    uclog_str m;

    if (!s)
        n = 0;
    m.ptr = s;
    m.len = n;
    m = dump_masked(m);
    s = m.ptr;
    p = (const unsigned char *)s;
    for (i = 0; i < n; i += ex_utf8_len(p + i, n - i) ? ex_utf8_len(p + i, n - i) : 1)
        chars++;
    for (i = 0; i < n && col < width; col++) {
        if ((size_t)width < chars && col == width - 1) {
            fputs(ELLIPSIS, stdout);
            col++;
            break;
        }
        i += ex_put_char(p + i, n - i);
    }
    for (; pad && col < width; col++)
        putchar(' ');
    return col;
}

static int put_z(const char *s, int width, int pad)
{
    return put_field(s, s ? strlen(s) : 0, width, pad);
}

/* Print text with its line ends as LF and its tabs as they are (its layout),
 * any other control byte as ex_put_char() does. */
static void put_text(uclog_str s)
{
    const unsigned char *p;
    size_t i = 0;

    s = dump_masked(s);
    p = (const unsigned char *)s.ptr;
    while (i < s.len) {
        if (p[i] == '\r' && i + 1 < s.len && p[i + 1] == '\n') {
            i++;
            continue;
        }
        if (p[i] == '\n' || p[i] == '\t') {
            putchar(p[i++]);
            continue;
        }
        i += ex_put_char(p + i, s.len - i);
    }
    if (s.len == 0 || p[s.len - 1] != '\n')
        putchar('\n');
}

static void new_place(struct place *pl, const uclog_log *log, uint32_t file, int have_ts,
                      const uclog_timestamp *ts, int days)
{
    if (uclog_log_file_count(log) > 1 && (!pl->have_file || pl->file != file)) {
        const char *name = uclog_log_file_name(log, file);
        fputs("==> ", stdout);
        put_z(name, WIDTH - 8, 0);
        fputs(" <==\n", stdout);
        pl->have_file = 1;
        pl->file = file;
    }
    if (days && have_ts && (!pl->have_day || pl->day != ((unsigned)ts->year * 13 + ts->month) * 32 + ts->day)) {
        printf("--- %02u/%02u/%04u\n", ts->month, ts->day, ts->year);
        pl->have_day = 1;
        pl->day = ((unsigned)ts->year * 13 + ts->month) * 32 + ts->day;
    }
}

void dump_text_record(const uclog_log *log, const uclog_record *rec, struct place *pl, int verbose)
{
    uclog_span sp;
    uclog_timestamp ts;
    uclog_str text, raw;
    uint32_t i, n = uclog_record_line_count(rec);
    int have_ts = uclog_record_timestamp(&ts, rec) == 0, col;
    char head[64], more[32] = "";

    uclog_record_span(&sp, rec);
    new_place(pl, log, sp.file, have_ts, &ts, 1);
    if (verbose) {
        uclog_record_raw(&raw, rec);
        put_text(raw);
    } else {
        if (have_ts) {
            char ids[32];
            snprintf(ids, sizeof(ids), "%X:%X", (unsigned)uclog_record_pid(rec), (unsigned)uclog_record_tid(rec));
            snprintf(head, sizeof(head), "%-6u %02u:%02u:%02u.%03u %-9s %-5s ", (unsigned)sp.line, ts.hour,
                     ts.minute, ts.second, ts.millisecond, ids, uclog_level_name(uclog_record_level(rec)));
        } else {
            snprintf(head, sizeof(head), "%-6u %-29s", (unsigned)sp.line, "-");
        }
        col = put_z(head, WIDTH, 0);
        if (n > 1)
            snprintf(more, sizeof(more), " [+%u lines]", (unsigned)(n - 1));
        uclog_record_text(&text, rec);
        put_field(text.ptr, text.len, WIDTH - col - (int)strlen(more), 0);
        printf("%s\n", more);
    }
    for (i = 0; i < uclog_record_defect_count(rec); i++) {
        uclog_defect d;
        uclog_record_defect(&d, rec, i);
        printf("       defect %s at line %u\n", uclog_defect_name(d.code), (unsigned)d.span.line);
    }
}

/* Whether a header line is an ms-diagnostics header (any case). */
static int is_diag_header(uclog_str line)
{
    static const char *const names[] = {"ms-diagnostics:", "ms-diagnostics-public:", "ms-client-diagnostics:"};
    size_t i, k, n;

    for (i = 0; i < 3; i++) {
        n = strlen(names[i]);
        for (k = 0; k < n && k < line.len; k++) {
            int c = (unsigned char)line.ptr[k];
            if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != names[i][k])
                break;
        }
        if (k == n)
            return 1;
    }
    return 0;
}

/* put_text() in colour: the start line red for a failure, the ms-diagnostics
 * headers yellow. Line by line, each line masked as put_text() masks. */
static void put_text_coloured(uclog_str s, int failure)
{
    const char *p = s.ptr, *end = s.ptr + s.len, *nl;
    int first = 1;

    while (p && p < end) {
        uclog_str line;
        size_t i = 0;
        int c = 0;
        nl = memchr(p, '\n', (size_t)(end - p));
        line.ptr = p;
        line.len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (line.len && line.ptr[line.len - 1] == '\r')
            line.len--;
        c = first && failure ? EX_COLOUR_FAILURE : is_diag_header(line) ? EX_COLOUR_DIAG : 0;
        fputs(ex_colour_start(c), stdout);
        line = dump_masked(line);
        while (i < line.len)
            if (line.ptr[i] == '\t')
                putchar(line.ptr[i++]);
            else
                i += ex_put_char((const unsigned char *)line.ptr + i, line.len - i);
        fputs(c ? ex_colour_end() : "", stdout);
        putchar('\n');
        first = 0;
        p = nl ? nl + 1 : end;
    }
    if (!s.ptr || s.len == 0)
        putchar('\n');
}

/* Colour: a failure (4xx-6xx) red, else a message with ms-diagnostics yellow. */
static int msg_colour(const struct msg *m)
{
    if (!m->is_request && m->status >= 400 && m->status < 700)
        return EX_COLOUR_FAILURE;
    return uclog_sip_diag_count(m->sip) ? EX_COLOUR_DIAG : 0;
}

static int direction_colour(int32_t dir)
{
    return dir == UCLOG_DIRECTION_SENT ? EX_COLOUR_SENT : dir == UCLOG_DIRECTION_RECEIVED ? EX_COLOUR_RECEIVED : 0;
}

/* The timing column: see ex_fmt_timing(); blank without an index (a stream). */
static int timing_column(const uclog_index *idx, uint32_t k)
{
    char buf[32] = "";

    if (idx)
        ex_fmt_timing(buf, sizeof(buf), idx, k);
    return put_z(buf, 7, 1) + printf(" ");
}

static void msg_line(const struct msg *m)
{
    char buf[128];
    int col = 0;

    if (m->have_ts)
        snprintf(buf, sizeof(buf), "%02u:%02u:%02u.%03u", m->ts.hour, m->ts.minute, m->ts.second,
                 m->ts.millisecond);
    else
        snprintf(buf, sizeof(buf), "-");
    col += put_z(buf, 12, 1);
    printf(" %s%-3s%s ", ex_colour_start(direction_colour(m->direction)),
           m->direction == UCLOG_DIRECTION_SENT ? "out" : m->direction == UCLOG_DIRECTION_RECEIVED ? "in" : "?",
           direction_colour(m->direction) ? ex_colour_end() : "");
    col += 5;
    ex_fmt_addr(buf, sizeof(buf), m->have_remote ? m->remote : absent, m->remote_port);
    col += put_z(buf, 21, 1) + printf(" ");
    fputs(ex_colour_start(msg_colour(m)), stdout);
    if (m->is_request) {
        col += put_field(m->method.ptr, m->method.len, 14, 1);
    } else {
        snprintf(buf, sizeof(buf), "%03u %.*s", (unsigned)m->status, (int)(m->reason.len < 64 ? m->reason.len : 64),
                 m->reason.ptr ? m->reason.ptr : "");
        col += put_z(buf, 14, 1);
    }
    fputs(msg_colour(m) ? ex_colour_end() : "", stdout);
    col += printf(" ");
    col += timing_column(m->idx, m->k);
    col += put_field(m->call_id.ptr ? m->call_id.ptr : "-", m->call_id.ptr ? m->call_id.len : 1, 8, 1);
    col += printf(" ");
    if (m->have_cseq) {
        snprintf(buf, sizeof(buf), "%u %.*s", (unsigned)m->cseq, (int)(m->cseq_method.len < 64 ? m->cseq_method.len : 64),
                 m->cseq_method.ptr ? m->cseq_method.ptr : "");
        put_z(buf, WIDTH - col, 0);
    } else {
        putchar('-');
    }
    putchar('\n');
}

static void msg_full(const struct msg *m)
{
    char buf[160], local[64], remote[64];

    ex_fmt_addr(local, sizeof(local), m->have_local ? m->local : absent, m->local_port);
    ex_fmt_addr(remote, sizeof(remote), m->have_remote ? m->remote : absent, m->remote_port);
    if (m->have_ts)
        snprintf(buf, sizeof(buf), "=== line %u, %02u/%02u/%04u|%02u:%02u:%02u.%03u", (unsigned)m->span.line,
                 m->ts.month, m->ts.day, m->ts.year, m->ts.hour, m->ts.minute, m->ts.second, m->ts.millisecond);
    else
        snprintf(buf, sizeof(buf), "=== line %u", (unsigned)m->span.line);
    snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), ", %s %s %s %s",
             m->direction == UCLOG_DIRECTION_RECEIVED ? "in" : m->direction == UCLOG_DIRECTION_SENT ? "out" : "?",
             local, m->direction == UCLOG_DIRECTION_RECEIVED ? "<-" : m->direction == UCLOG_DIRECTION_SENT ? "->" : "--",
             remote);
    fputs(ex_colour_start(direction_colour(m->direction)), stdout);
    put_z(buf, WIDTH, 0);
    fputs(direction_colour(m->direction) ? ex_colour_end() : "", stdout);
    putchar('\n');
    if (ex_colour_on)
        put_text_coloured(m->raw, msg_colour(m) == EX_COLOUR_FAILURE);
    else
        put_text(m->raw);
    putchar('\n');
}

void dump_text_msg(const uclog_log *log, const struct msg *m, struct place *pl, int verbose)
{
    new_place(pl, log, m->span.file, m->have_ts, &m->ts, !verbose);
    if (verbose)
        msg_full(m);
    else
        msg_line(m);
}
