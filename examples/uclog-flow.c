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
#include "clients.h"
#include "common.h"
#include "folders.h"
#include "options.h"
#include "os.h"
#include "pair.h"

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
          "status. Several FILEs of one signed-in user are read as one rotated set, in\n"
          "time order; '-' (once, anywhere) reads standard input, the FILEs then one set.\n"
          "A FILE may be gzip-compressed, or a zip (of the Tracing folder): its\n"
          "*.uccapilog files are read. FILEs of two users (the caller's log and the\n"
          "callee's) are two clients: one ladder of both sides per shared Call-ID, with\n"
          "the skew between their clocks.\n"
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
    ex_usage_log_folders(out);
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

/* A note between the lanes (the left one at column at, inner columns
 * between them), under the arrow it belongs to, wrapped at blanks over at
 * most three lines. */
static void note_at(const char *text, int at, int inner)
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
            if (columns_n(p, (size_t)(next - p)) > inner - 3)
                break;
            end = q = next;
        }
        if (lines == 2 || columns_n(p, (size_t)(end - p)) > inner - 3)
            end = p + strlen(p);
        repeat(' ', at);
        fputs("|  ", stdout);
        fputs(ex_colour_start(EX_COLOUR_DIAG), stdout);
        w = put_field_n(p, (size_t)(end - p), inner - 3);
        fputs(ex_colour_end(), stdout);
        repeat(' ', inner - 2 - w);
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

/* A note for each diagnostics entry of a message, between the lanes at and at + inner + 1. */
static void diag_notes(const uclog_sip *sip, int at, int inner)
{
    uclog_str entry, text;
    uint32_t k, kind, id, sub;
    char label[512], buf[256];

    for (k = 0; k < uclog_sip_diag_count(sip); k++) {
        uclog_sip_diag(&entry, &kind, sip, k);
        if (uclog_sip_diag_parse(&id, &sub, &text, NULL, entry) == 0) {
            str_copy(buf, sizeof(buf), text);
            snprintf(label, sizeof(label), "%s: %u %s", uclog_sip_diag_kind_name(kind), (unsigned)id, buf);
        } else {
            str_copy(buf, sizeof(buf), entry);
            snprintf(label, sizeof(label), "%s: %s", uclog_sip_diag_kind_name(kind), buf);
        }
        note_at(label, at, inner);
    }
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
    uclog_str method, reason, remote;
    uint32_t status = 0;
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
    diag_notes(sip, CLIENT, INNER);
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

static int starts_with(uclog_str s, const char *prefix)
{
    size_t n = strlen(prefix);
    return s.ptr && s.len >= n && !memcmp(s.ptr, prefix, n);
}

/* ---- both sides: the caller's log and the callee's ---- */

#define SIDE_A 14 /* column of A's lane */
#define SIDE_B 65 /* column of B's lane */
#define INNER2 (SIDE_B - SIDE_A - 1)

/* "23:35:11.040" for ms since 1970 (the log's clock), "" when unknown. */
static void clock_text(char *buf, size_t cap, int64_t ms)
{
    int64_t d = 86400000;

    if (ms == INT64_MIN) {
        buf[0] = '\0';
        return;
    }
    ms = ((ms % d) + d) % d;
    snprintf(buf, cap, "%02u:%02u:%02u.%03u", (unsigned)(ms / 3600000), (unsigned)(ms / 60000 % 60),
             (unsigned)(ms / 1000 % 60), (unsigned)(ms % 1000));
}

/* An arrow from lane A to lane B (a_to_b 1), back (0) or without head (-1), the times in the margins. */
static void arrow2(const char *ta, const char *label, int a_to_b, const char *tb)
{
    int w = columns(label), left, right;

    if (w > INNER2 - 6)
        w = INNER2 - 6;
    left = (INNER2 - w - 2) / 2;
    right = INNER2 - w - 2 - left;
    repeat(' ', SIDE_A - put_field(ta, SIDE_A - 1));
    putchar('|');
    putchar(a_to_b == 0 ? '<' : '-');
    repeat('-', left - 1);
    putchar(' ');
    put_field(label, w);
    putchar(' ');
    repeat('-', right - 1);
    putchar(a_to_b == 1 ? '>' : '-');
    putchar('|');
    if (*tb) {
        putchar(' ');
        put_field(tb, WIDTH - SIDE_B - 2);
    }
    putchar('\n');
}

static void lanes2(void)
{
    repeat(' ', SIDE_A);
    putchar('|');
    repeat(' ', INNER2);
    puts("|");
}

/* The label of message i: method or status, (SDP), the side that did not log it. */
static void label_of(char *label, size_t cap, const uclog_index *idx, uint32_t i, const char *only)
{
    uclog_sip *sip = NULL;
    uclog_str method, reason;
    uint32_t status = 0;
    char buf[256];

    label[0] = '\0';
    if (uclog_index_message_parse(&sip, idx, i) != 0)
        return;
    if (uclog_sip_is_request(sip)) {
        uclog_sip_request_line(&method, NULL, NULL, sip);
        str_copy(label, cap, method);
    } else {
        uclog_sip_status_line(NULL, &status, &reason, sip);
        str_copy(buf, sizeof(buf), reason);
        snprintf(label, cap, "%03u %s", (unsigned)status, buf);
    }
    if (uclog_sip_sdp_count(sip))
        strncat(label, " (SDP)", cap - strlen(label) - 1);
    if (only) {
        strncat(label, " [", cap - strlen(label) - 1);
        strncat(label, only, cap - strlen(label) - 1);
        strncat(label, " only]", cap - strlen(label) - 1);
    }
    uclog_sip_free(sip);
}

/* The user part of a SIP URI, for the lanes: "alice" of sip:alice@litwareinc.com. */
static void user_name(char *buf, size_t cap, const char *uri)
{
    const char *p = strncmp(uri, "sip:", 4) ? uri : uri + 4;
    size_t n = strcspn(p, "@;");

    if (n >= cap)
        n = cap - 1;
    memcpy(buf, p, n);
    buf[n] = '\0';
}

static int draw_pair_call(const uclog_index *A, uint32_t ca, const uclog_index *B, uint32_t cb, const ex_skew *skew,
                          char users[2][EX_USER_MAX])
{
    ex_pair_msg *p;
    uclog_sip *sip = NULL;
    uint32_t n, k;
    uclog_str id;
    char line[320], ta[32], tb[32], label[512], na[64], nb[64];
    int rc = ex_pair_call(&p, &n, A, ca, B, cb, skew);

    if (rc != 0)
        return rc;
    user_name(na, sizeof(na), users[0]);
    user_name(nb, sizeof(nb), users[1]);
    uclog_index_call_id(&id, A, ca);
    str_copy(line, sizeof(line), id);
    fputs("Call-ID: ", stdout);
    put_field(line, WIDTH - 9);
    putchar('\n');
    putchar('\n');
    centred(na, SIDE_A, nb, SIDE_B);
    lanes2();
    for (k = 0; k < n; k++) {
        const uclog_index *idx = p[k].a != EX_NONE ? A : B;
        uint32_t m = p[k].a != EX_NONE ? p[k].a : p[k].b;
        clock_text(ta, sizeof(ta), p[k].a != EX_NONE ? ex_pair_time(A, p[k].a, 0) : INT64_MIN);
        clock_text(tb, sizeof(tb), p[k].b != EX_NONE ? ex_pair_time(B, p[k].b, skew->skew_ms) : INT64_MIN);
        label_of(label, sizeof(label), idx, m, p[k].a == EX_NONE ? nb : p[k].b == EX_NONE ? na : NULL);
        arrow2(ta, label, p[k].a_to_b, tb);
        if (uclog_index_message_parse(&sip, idx, m) == 0) {
            diag_notes(sip, SIDE_A, INNER2);
            uclog_sip_free(sip);
        }
    }
    lanes2();
    free(p);
    return 0;
}

/* One ladder per Call-ID of A's log that B's holds too, after the clocks' skew. */
static int draw_pair(const uclog_index *A, const uclog_index *B, char users[2][EX_USER_MAX], const char *call_id)
{
    ex_skew skew;
    uint32_t c, cb, shown = 0;
    uclog_str id;
    int rc = ex_pair_skew(&skew, A, B);

    if (rc != 0)
        return rc;
    printf("Both sides of the calls: %s and %s\n", users[0], users[1]);
    if (skew.known)
        printf("Clock of %s is %.3f s %s %s's,\nfrom %u pairs (%u one way, %u the other); one way takes %.3f s\n",
               users[1], (double)(skew.skew_ms < 0 ? -skew.skew_ms : skew.skew_ms) / 1000,
               skew.skew_ms < 0 ? "behind" : "ahead of", users[0], (unsigned)(skew.ab + skew.ba), (unsigned)skew.ab,
               (unsigned)skew.ba, (double)skew.delay_ms / 1000);
    else if (skew.ab || skew.ba)
        printf("Clock of %s: %+.3f s from %s's, delay included,\nfrom %u pairs all one way\n", users[1],
               (double)skew.skew_ms / 1000, users[0], (unsigned)(skew.ab + skew.ba));
    else
        puts("Clock skew unknown: no message of one log is in the other");
    puts("Times: the first client's clock on the left, the second's less the skew on the right");
    for (c = 0; c < uclog_index_call_count(A); c++) {
        uclog_index_call_id(&id, A, c);
        if ((call_id && !starts_with(id, call_id)) || uclog_index_call_find(&cb, B, id.ptr, id.len) != 0)
            continue;
        putchar('\n');
        shown++;
        if ((rc = draw_pair_call(A, c, B, cb, &skew, users)) != 0)
            return rc;
    }
    if (!shown) {
        fprintf(stderr, "uclog-flow: no call%s%s in both clients' logs\n", call_id ? " with Call-ID " : "",
                call_id ? call_id : "");
        return UCLOG_E_NOT_FOUND;
    }
    return 0;
}

/* ---- input ---- */

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

/* Two clients' files (which[i]: file i's client): one ladder per shared call. Returns 0 or an error said on stderr. */
static int flow_two(uclog_ctx *ctx, char *const *files, size_t n, const int *which, char users[2][EX_USER_MAX],
                    const char *call_id)
{
    uclog_log *log[2];
    uclog_index *idx[2] = {NULL, NULL};
    int side, rc = ex_clients_open(log, ctx, "uclog-flow", files, n, which);

    for (side = 0; rc == 0 && side < 2; side++)
        rc = uclog_index_build(&idx[side], log[side]);
    if (rc != 0 && rc != EX_SAID)
        fprintf(stderr, "uclog-flow: %s\n", uclog_ctx_errcode(ctx) == rc ? uclog_ctx_errmsg(ctx) : uclog_strerror(rc));
    else if (rc == 0 && (rc = draw_pair(idx[0], idx[1], users, call_id)) != 0 && rc != UCLOG_E_NOT_FOUND)
        fprintf(stderr, "uclog-flow: %s\n", uclog_strerror(rc));
    for (side = 0; side < 2; side++) {
        uclog_index_free(idx[side]);
        uclog_log_free(log[side]);
    }
    return rc;
}

int main(int argc, char **argv)
{
    uclog_ctx *ctx = NULL;
    uclog_log *log = NULL;
    uclog_index *idx = NULL;
    const char *call_id = NULL, *val;
    char *input = NULL, users[2][EX_USER_MAX];
    int *which = NULL;
    ex_args a;
    size_t at;
    int i, id, rc, colour = EX_COLOUR_AUTO;

    ex_os_init(&argc, &argv);
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
    /* Files of two signed-in users are two clients: both sides of their calls. */
    which = calloc((size_t)(argc - i), sizeof(*which));
    rc = which ? ex_clients_split(which, users, ctx, "uclog-flow", argv + i, (size_t)(argc - i), at) : -1;
    if (rc != 1) {
        if (rc == 2)
            rc = flow_two(ctx, argv + i, (size_t)(argc - i), which, users, call_id);
        if (ex_stdout_close("uclog-flow") != 0)
            rc = UCLOG_E_IO;
        free(which);
        uclog_ctx_free(ctx);
        return rc != 0 ? 2 : 0;
    }
    free(which);
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
