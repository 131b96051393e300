/*
 * uclog-flow: the SIP ladder of a call, or of every call, in a client log:
 * the client on the left, the server it talks to on the right, one arrow
 * per message with its time and method or status, in 80 columns.
 * A thin program on the public API (the index groups the messages by
 * Call-ID); the logic lives in the library.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uclog/uclog.h>

#include "colour.h"
#include "common.h"
#include "options.h"

#define WIDTH 80
#define CLIENT 17 /* column of the client's lane */
#define SERVER 65 /* column of the server's lane */
#define INNER (SERVER - CLIENT - 1)
#define ELLIPSIS "\xe2\x80\xa6" /* U+2026, one column */

static void usage(FILE *out)
{
    fputs("usage: uclog-flow [--call-id ID] [--color WHEN] FILE...\n"
          "Draw the SIP ladder of every call (every Call-ID) in Communicator/Lync/Skype\n"
          "for Business client logs (*.uccapilog): the client on the left, the server it\n"
          "talks to on the right, one arrow per message with its time and method or\n"
          "status. Several FILEs are read as one rotated set, in time order; '-' (once,\n"
          "anywhere) reads standard input. A FILE may be gzip-compressed, or a zip (of\n"
          "the Tracing folder): its *.uccapilog files are read.\n"
          "\n"
          "  --call-id ID  only the calls whose Call-ID is ID or starts with it\n"
          "  --color WHEN  auto (colour on a terminal, unless NO_COLOR is set), always\n"
          "                or never\n"
          "  -h, --help    this text\n"
          "  --version     the version\n"
          "Options come before the FILEs ('--' ends them); --call-id=ID works too.\n"
          "\n"
          "Exit status: 0 fine, 2 usage or input error (or no call with that Call-ID).\n",
          out);
}

/* ---- text ---- */

static int columns_n(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, l;
    int col = 0;

    for (; i < n; i += l ? l : 1, col++)
        l = ex_utf8_len(p + i, n - i);
    return col;
}

static int columns(const char *s)
{
    return columns_n(s, strlen(s));
}

/* Print at most @width columns of s, an ellipsis ending a cut one, control
 * bytes and bytes that are not UTF-8 as '?'; returns the columns used. */
static int put_field_n(const char *s, size_t n, int width)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    int col = 0, total = columns_n(s, n);

    for (; i < n && col < width; col++) {
        if (total > width && col == width - 1) {
            fputs(ELLIPSIS, stdout);
            return width;
        }
        i += ex_put_char(p + i, n - i);
    }
    return col;
}

static int put_field(const char *s, int width)
{
    return put_field_n(s, strlen(s), width);
}

static void repeat(int c, int n)
{
    for (; n > 0; n--)
        putchar(c);
}

/* Text centred on column @at, kept inside the page. */
static void centred(const char *left, int at, const char *right, int at2)
{
    int w1 = columns(left) < 26 ? columns(left) : 26, w2 = columns(right) < 26 ? columns(right) : 26;
    int s1 = at - w1 / 2, s2 = at2 - w2 / 2;

    if (s1 < 0)
        s1 = 0;
    if (s2 + w2 > WIDTH)
        s2 = WIDTH - w2;
    if (s2 < s1 + w1 + 1)
        s2 = s1 + w1 + 1;
    repeat(' ', s1);
    put_field(left, w1);
    repeat(' ', s2 - s1 - w1);
    put_field(right, WIDTH - s2);
    putchar('\n');
}

/* The lanes, with @time in the left margin. */
static void lanes(const char *time)
{
    repeat(' ', CLIENT - put_field(time, CLIENT - 1));
    putchar('|');
    repeat(' ', INNER);
    puts("|");
}

/* An arrow between the lanes with @label on it, and @after past the server's lane. */
/* sent: 1 to the server, 0 to the client, -1 unknown (bare SIP messages): no head.
 * In colour, the arrow in its direction's, the label of a failure red. */
static void arrow(const char *time, const char *label, int sent, int failure, const char *after)
{
    const char *dc = ex_colour_start(sent > 0 ? EX_COLOUR_SENT : sent == 0 ? EX_COLOUR_RECEIVED : 0);
    int w = columns(label), left, right;

    if (w > INNER - 6)
        w = INNER - 6;
    left = (INNER - w - 2) / 2;
    right = INNER - w - 2 - left;
    repeat(' ', CLIENT - put_field(time, CLIENT - 1));
    putchar('|');
    fputs(dc, stdout);
    putchar(sent == 0 ? '<' : '-');
    repeat('-', left - 1);
    putchar(' ');
    if (failure)
        printf("%s%s", ex_colour_end(), ex_colour_start(EX_COLOUR_FAILURE));
    put_field(label, w);
    if (failure)
        printf("%s%s", ex_colour_end(), dc);
    putchar(' ');
    repeat('-', right - 1);
    putchar(sent > 0 ? '>' : '-');
    fputs(*dc ? ex_colour_end() : "", stdout);
    putchar('|');
    if (*after) {
        putchar(' ');
        put_field(after, WIDTH - SERVER - 2);
    }
    putchar('\n');
}

/* A note between the lanes, under the arrow it belongs to, wrapped at
 * blanks over at most three lines. */
static void note(const char *text)
{
    const char *p = text, *end, *q;
    int lines, w;

    for (lines = 0; *p && lines < 3; lines++) {
        while (*p == ' ')
            p++;
        end = p + strcspn(p, " ");
        for (q = end; lines < 2 && *q;) {
            const char *next = q + strspn(q, " ");
            next += strcspn(next, " ");
            if (columns_n(p, (size_t)(next - p)) > INNER - 3)
                break;
            end = q = next;
        }
        if (lines == 2 || columns_n(p, (size_t)(end - p)) > INNER - 3)
            end = p + strlen(p);
        repeat(' ', CLIENT);
        fputs("|  ", stdout);
        fputs(ex_colour_start(EX_COLOUR_DIAG), stdout);
        w = put_field_n(p, (size_t)(end - p), INNER - 3);
        fputs(ex_colour_end(), stdout);
        repeat(' ', INNER - 2 - w);
        puts("|");
        p = end;
    }
}

static void str_copy(char *buf, size_t cap, uclog_str s)
{
    size_t n = s.ptr ? (s.len < cap - 1 ? s.len : cap - 1) : 0;
    if (n)
        memcpy(buf, s.ptr, n);
    buf[n] = '\0';
}

/* ---- one call ---- */

/* What follows the arrow of message @i: the time since the call's
 * previous message @prev (UINT32_MAX: none), and RETX for a
 * retransmission. */
static void timing_after(char *buf, size_t cap, const uclog_index *idx, uint32_t i, uint32_t prev)
{
    uclog_timestamp a, b;
    uint32_t of;
    size_t n;

    buf[0] = '\0';
    if (prev != UINT32_MAX && uclog_index_message_timestamp(&a, idx, prev) == 0 &&
        uclog_index_message_timestamp(&b, idx, i) == 0)
        ex_fmt_delta(buf, cap, b.epoch_ms - a.epoch_ms);
    n = strlen(buf);
    if (uclog_index_message_retransmits(&of, idx, i) == 0)
        snprintf(buf + n, cap - n, "%sRETX", n ? " " : "");
}

/* The arrow of message @i, and a note for each diagnostics entry it carries. */
static int draw_message(const uclog_index *idx, uint32_t i, uint32_t prev, const char *server, unsigned *day)
{
    uclog_sip *sip = NULL;
    uclog_timestamp ts;
    uclog_str method, reason, remote, entry, text;
    uint32_t status = 0, k, kind, id, sub;
    uint16_t port = 0;
    char time[32] = "", label[512], addr[96], buf[256], after[32];
    int32_t dir;
    int rc = uclog_index_message_parse(&sip, idx, i);

    if (rc != 0)
        return rc;
    if (uclog_index_message_timestamp(&ts, idx, i) == 0) {
        unsigned d = ((unsigned)ts.year * 13 + ts.month) * 32 + ts.day;
        if (d != *day) {
            snprintf(time, sizeof(time), "%02u/%02u/%04u", ts.month, ts.day, ts.year);
            lanes(time);
            *day = d;
        }
        snprintf(time, sizeof(time), "%02u:%02u:%02u.%03u", ts.hour, ts.minute, ts.second, ts.millisecond);
    }
    if (uclog_sip_is_request(sip)) {
        uclog_sip_request_line(&method, NULL, NULL, sip);
        str_copy(label, sizeof(label), method);
    } else {
        uclog_sip_status_line(NULL, &status, &reason, sip);
        str_copy(buf, sizeof(buf), reason);
        snprintf(label, sizeof(label), "%03u %s", (unsigned)status, buf);
    }
    if (uclog_sip_sdp_count(sip))
        strncat(label, " (SDP)", sizeof(label) - strlen(label) - 1);
    remote.ptr = NULL;
    if (uclog_index_message_endpoints(NULL, NULL, &remote, &port, idx, i) == 0) {
        ex_fmt_addr(addr, sizeof(addr), remote, port);
        if (strcmp(addr, server)) {
            strncat(label, uclog_index_message_direction(idx, i) == UCLOG_DIRECTION_SENT       ? " to "
                           : uclog_index_message_direction(idx, i) == UCLOG_DIRECTION_RECEIVED ? " from "
                                                                                               : " ",
                    sizeof(label) - strlen(label) - 1);
            strncat(label, addr, sizeof(label) - strlen(label) - 1);
        }
    }
    dir = uclog_index_message_direction(idx, i);
    timing_after(after, sizeof(after), idx, i, prev);
    arrow(time, label, dir == UCLOG_DIRECTION_SENT ? 1 : dir == UCLOG_DIRECTION_RECEIVED ? 0 : -1,
          status >= 400 && status < 700, after);
    for (k = 0; k < uclog_sip_diag_count(sip); k++) {
        uclog_sip_diag(&entry, &kind, sip, k);
        if (uclog_sip_diag_parse(&id, &sub, &text, NULL, entry) == 0) {
            str_copy(buf, sizeof(buf), text);
            snprintf(label, sizeof(label), "%s: %u %s", uclog_sip_diag_kind_name(kind), (unsigned)id, buf);
        } else {
            str_copy(buf, sizeof(buf), entry);
            snprintf(label, sizeof(label), "%s: %s", uclog_sip_diag_kind_name(kind), buf);
        }
        note(label);
    }
    uclog_sip_free(sip);
    return 0;
}

static int draw_call(const uclog_index *idx, uint32_t c)
{
    uint32_t k, n = uclog_index_call_message_count(idx, c), m, prev = UINT32_MAX;
    uclog_str id, local, remote, from, to;
    uint16_t lport = 0, rport = 0;
    uclog_sip *first = NULL;
    char client[96] = "?", server[96] = "?", line[320], a[128], b[128];
    unsigned day = 0;
    int rc;

    uclog_index_call_id(&id, idx, c);
    str_copy(line, sizeof(line), id);
    fputs("Call-ID: ", stdout);
    put_field(line, WIDTH - 9);
    putchar('\n');
    /* The lanes are named after the first message that says where it went. */
    for (k = 0; k < n; k++) {
        uclog_index_call_message(&m, idx, c, k);
        if (uclog_index_message_endpoints(&local, &lport, &remote, &rport, idx, m) == 0) {
            ex_fmt_addr(client, sizeof(client), local, lport);
            ex_fmt_addr(server, sizeof(server), remote, rport);
            break;
        }
    }
    uclog_index_call_message(&m, idx, c, 0);
    if (uclog_index_message_parse(&first, idx, m) == 0 && uclog_sip_from(NULL, &from, NULL, NULL, first) == 0 &&
        uclog_sip_to(NULL, &to, NULL, NULL, first) == 0) {
        str_copy(a, sizeof(a), from);
        str_copy(b, sizeof(b), to);
        snprintf(line, sizeof(line), "From %s to %s", a, b);
        put_field(line, WIDTH);
        putchar('\n');
    }
    uclog_sip_free(first);
    putchar('\n');
    centred("client", CLIENT, "server", SERVER);
    centred(client, CLIENT, server, SERVER);
    lanes("");
    for (k = 0; k < n; k++) {
        uclog_index_call_message(&m, idx, c, k);
        if ((rc = draw_message(idx, m, prev, server, &day)) != 0)
            return rc;
        prev = m;
    }
    lanes("");
    return 0;
}

/* ---- input ---- */

static int starts_with(uclog_str s, const char *prefix)
{
    size_t n = strlen(prefix);
    return s.ptr && s.len >= n && !memcmp(s.ptr, prefix, n);
}

static int draw(const uclog_log *log, const uclog_index *idx, const char *call_id)
{
    uint32_t c, shown = 0;
    uclog_str id;
    int rc;

    for (c = 0; c < uclog_index_call_count(idx); c++) {
        uclog_index_call_id(&id, idx, c);
        if (call_id && !starts_with(id, call_id))
            continue;
        if (shown++)
            putchar('\n');
        if ((rc = draw_call(idx, c)) != 0)
            return rc;
    }
    if (call_id && !shown) {
        fprintf(stderr, "uclog-flow: %s: no call with Call-ID %s\n", uclog_log_file_name(log, 0), call_id);
        return UCLOG_E_NOT_FOUND;
    }
    return 0;
}

int main(int argc, char **argv)
{
    uclog_ctx *ctx = NULL;
    uclog_log *log = NULL;
    uclog_index *idx = NULL;
    const char *call_id = NULL, *val;
    char *input = NULL;
    ex_args a;
    size_t at;
    int i, id, rc, colour = EX_COLOUR_AUTO;

    ex_args_init(&a, ex_options_flow, argc, argv);
    while ((rc = ex_args_next(&id, &val, &a)) == 0) {
        if (id == EX_OPT_HELP || id == EX_OPT_VERSION) {
            if (id == EX_OPT_HELP)
                usage(stdout);
            else
                printf("uclog-flow %s\n", uclog_version_string());
            return ex_stdout_close("uclog-flow") ? 2 : 0;
        }
        if (id == EX_OPT_COLOR && ex_colour_parse(&colour, val)) {
            fprintf(stderr, "uclog-flow: --color %s: not auto, always or never\n", val);
            return 2;
        }
        if (id == EX_OPT_CALL_ID)
            call_id = val;
    }
    ex_colour_on = ex_colour_decide(colour, 1);
    if (rc < 0) {
        fprintf(stderr, "uclog-flow: %s\n", a.msg);
        return 2;
    }
    i = a.first;
    if (i >= argc) {
        usage(stderr);
        return 2;
    }
    if (ex_check_files(&at, "uclog-flow", argv + i, (size_t)(argc - i)) != 0)
        return 2;
    if (uclog_ctx_new(&ctx, NULL) != 0) {
        fputs("uclog-flow: out of memory\n", stderr);
        return 2;
    }
    /* The index needs the log's bytes in memory: standard input is read whole. */
    rc = ex_open_files(&log, ctx, "uclog-flow", NULL, argv + i, (size_t)(argc - i), at, &input);
    if (rc == 0 && ex_not_log(log) != UINT32_MAX) {
        ex_say_not_log("uclog-flow", log, ex_not_log(log));
        rc = EX_SAID;
    }
    if (rc == EX_SAID) {
        uclog_log_free(log);
        uclog_ctx_free(ctx);
        free(input);
        return 2;
    }
    if (rc == 0)
        rc = uclog_index_build(&idx, log);
    if (rc != 0)
        fprintf(stderr, "uclog-flow: %s\n", uclog_ctx_errcode(ctx) == rc ? uclog_ctx_errmsg(ctx) : uclog_strerror(rc));
    else if ((rc = draw(log, idx, call_id)) != 0 && rc != UCLOG_E_NOT_FOUND)
        fprintf(stderr, "uclog-flow: %s\n", uclog_strerror(rc));
    if (ex_stdout_close("uclog-flow") != 0)
        rc = UCLOG_E_IO;
    uclog_index_free(idx);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    free(input);
    return rc != 0 ? 2 : 0;
}
