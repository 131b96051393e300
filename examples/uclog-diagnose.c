/*
 * uclog-diagnose: why did an external audio/video call fail?
 * Walks the troubleshooting procedure over a client log and prints each
 * step's verdict with its evidence and checklist, as text or JSON.
 * A thin program on the public API; the logic lives in libuclog-diag.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <uclog/diag.h>
#include <uclog/uclog.h>

#include "colour.h"
#include "clients.h"
#include "common.h"
#include "folders.h"
#include "diagnose-both.h"
#include "diagnose-view.h"
#include "fleet.h"
#include "follow.h"
#include "options.h"
#include "os.h"

static void usage(FILE *out)
{
    fputs("usage: uclog-diagnose [--json] [--stream] [--summary] [--failures]\n"
          "                      [--call-id ID]... [--edge-ip IP]... [--edge-nat-ip IP]\n"
          "                      [--edge-private-ip IP]... [--location remote|internal]\n"
          "                      FILE...\n"
          "       uclog-diagnose --jobs N [OPTION]... PATH...\n"
          "       uclog-diagnose --follow [options] FILE\n"
          "       uclog-diagnose --explain CODE\n"
          "Diagnose an external audio/video call failure from a Communicator, Lync or\n"
          "Skype for Business client log (*.uccapilog). Several FILEs of one signed-in\n"
          "user are read as one rotated set, in any order; '-' (once, anywhere) reads\n"
          "standard input, the FILEs then one set. A FILE may be gzip-compressed, or a\n"
          "zip (of the Tracing folder): its *.uccapilog files are read. FILEs of two\n"
          "users (the caller's log and the callee's) are two clients: each diagnosed,\n"
          "then per shared call which side's offer lacked an Edge candidate.\n"
          "\n"
          "  --json               one JSON object instead of text\n"
          "  --stream             one pass in memory that does not grow with the log: each\n"
          "                       call when it ends, the client and the log-wide verdicts\n"
          "                       last ('-' alone is read as it comes; JSON: an object a\n"
          "                       line)\n"
          "  --summary            one line per call: start, direction, outcome, worst\n"
          "                       severity, failing verdict, Call-ID, peer; then the\n"
          "                       log-wide line and the totals\n"
          "  --call-id ID         only the calls whose Call-ID is ID or starts with it\n"
          "                       (repeatable; exit 2 when no call has it)\n"
          "  --failures           only the calls with a warning or failure verdict\n"
          "  -f, --follow         read FILE (one) as the client writes it, through its\n"
          "                       rotation, as --stream does: each call when it ends;\n"
          "                       Ctrl-C ends it with the client and log-wide verdicts\n"
          "  --edge-ip IP         an address of the A/V Edge's external interface\n"
          "                       (repeatable); without it the candidate verdicts are\n"
          "                       inferred\n"
          "  --edge-nat-ip IP     the public address the external interface is NAT-ed to\n"
          "  --edge-private-ip IP the external interface's private address behind NAT\n"
          "  --location WHERE     remote or internal: override what the log says\n"
          "  --color WHEN         auto (colour on a terminal, unless NO_COLOR is set),\n"
          "                       always or never\n"
          "  -j, --jobs N         diagnose many logs, N at a time: each PATH a log file or\n"
          "                       a folder whose tree is searched for *.uccapilog,\n"
          "                       *.uccapilog.gz and *.zip (a rotated set is one log);\n"
          "                       one JSON object a line for each log, in path order\n"
          "  --list-verdicts      print every verdict code with its checklist (Markdown)\n"
          "  --explain CODE       what an ms-diagnostics or ms-client-diagnostics code\n"
          "                       means, who raises it, what to check (exit 1: unknown)\n"
          "  --list-ms-codes      print the registry of those codes (Markdown)\n"
          "  -h, --help           this text\n"
          "  --version            the version\n"
          "Options come before the FILEs ('--' ends them); a value follows its option as\n"
          "the next argument or after '=' (--edge-ip=IP).\n"
          "\n"
          "A checklist shared by verdicts given more than once is printed once, at the\n"
          "end, with the calls it concerns. The log-wide verdicts are always shown.\n"
          "\n"
          "Exit status: 0 no failure found, 1 a failure verdict (among those shown), 2\n"
          "usage or input error (with --jobs: the largest over the logs).\n",
          out);
    ex_usage_log_folders(out);
}

/* ---- text ---- */

static int use_colour;

static const char *sev_colour(int32_t s)
{
    if (!use_colour)
        return "";
    return s == UCLOG_DIAG_FAILURE ? "\033[1;31m" : s == UCLOG_DIAG_WARNING ? "\033[1;33m" : "\033[1;32m";
}

static const char *reset(void)
{
    return use_colour ? "\033[0m" : "";
}

/* Columns to wrap the text at: the terminal's; 0 (no wrapping) when the
 * output is not a terminal, so that a pipe or a file gets one line per item. */
static int width;

/* The characters of n bytes of UTF-8 (a byte that is not UTF-8 is one '?'). */
static int chars(const char *s, size_t n)
{
    size_t i, l;
    int c = 0;

    for (i = 0; i < n; i += l ? l : 1, c++)
        l = ex_utf8_len((const unsigned char *)s + i, n - i);
    return c;
}

/* Print text after `first`, wrapped at `width` columns (none: not wrapped),
 * later lines indented. A line breaks only between words: a word longer
 * than a line (a URI, LocalSite=10.0.0.20:20612) runs past its end, whole,
 * so that it can still be searched for and copied. The text is the log's:
 * written by ex_put_text(), no control byte as is. */
static void wrap(const char *first, int indent, const char *text)
{
    size_t n = strlen(first);
    int col, fresh = 1;
    const char *p = text;

    if (n && first[n - 1] == ' ' && strspn(first, " ") < n) {
        n--; /* the space is written only if a word follows on this line */
        fresh = 0;
    }
    col = ex_put_text(first, n);
    while (*p == ' ')
        p++;
    while (*p) {
        const char *w = p;
        int len;
        while (*p && *p != ' ')
            p++;
        len = chars(w, (size_t)(p - w));
        if (width && col > indent && col + !fresh + len > width) {
            printf("\n%*s", indent, "");
            col = indent;
        } else if (!fresh) {
            putchar(' ');
            col++;
        }
        col += ex_put_text(w, (size_t)(p - w));
        fresh = 0;
        while (*p == ' ')
            p++;
    }
    putchar('\n');
}

static const char *base_name(const char *path)
{
    const char *s = path ? strrchr(path, '/') : NULL;
    return s ? s + 1 : path ? path : "";
}

static void print_evidence(const uclog_diag_evidence *e)
{
    char head[160];
    uclog_span sp;
    uclog_timestamp ts;
    int n;

    uclog_diag_evidence_span(&sp, e);
    if (uclog_diag_evidence_file(e))
        n = snprintf(head, sizeof(head), "      %s:%u", base_name(uclog_diag_evidence_file(e)), (unsigned)sp.line);
    else
        n = snprintf(head, sizeof(head), "     ");
    if (n < 0)
        n = 0;
    if (uclog_diag_evidence_time(&ts, e) == 0 && n > 0 && (size_t)n < sizeof(head))
        snprintf(head + n, sizeof(head) - (size_t)n, " %02u:%02u:%02u.%03u", ts.hour, ts.minute, ts.second,
                 ts.millisecond);
    strncat(head, " ", sizeof(head) - strlen(head) - 1);
    wrap(head, 8, uclog_diag_evidence_detail(e));
}

/* A verdict's checklist, numbered; under `label` ("Check" for a warning or failure, "Next" otherwise). */
static void print_checklist(const uclog_diag_verdict *v, const char *label)
{
    char head[128];
    uint32_t i, n = uclog_diag_verdict_checklist_count(v);

    if (n)
        printf("    %s:\n", label);
    for (i = 0; i < n; i++) {
        snprintf(head, sizeof(head), "      %2u. ", (unsigned)(i + 1));
        wrap(head, 10, uclog_diag_verdict_checklist(v, i));
    }
}

/* A verdict, its checklist in full, or (`check_ref`) where it is printed instead. */
static void print_verdict(const uclog_diag_verdict *v, const char *check_ref)
{
    char head[128];
    uint32_t i, n;
    int32_t sev = uclog_diag_verdict_severity(v);

    printf("  %s[%s]%s %d %s (%s%s)\n", sev_colour(sev), uclog_diag_severity_name(sev), reset(),
           (int)uclog_diag_verdict_code(v), uclog_diag_verdict_name(v), uclog_diag_verdict_step(v),
           uclog_diag_verdict_certainty(v) == UCLOG_DIAG_INFERRED     ? ", inferred"
           : uclog_diag_verdict_certainty(v) == UCLOG_DIAG_UNREADABLE ? ", unreadable"
                                                                      : "");
    wrap("    ", 4, uclog_diag_verdict_summary(v));
    if (uclog_diag_verdict_reason(v))
        wrap(uclog_diag_verdict_certainty(v) == UCLOG_DIAG_UNREADABLE ? "    Unreadable: " : "    Inferred: ", 6,
             uclog_diag_verdict_reason(v));
    n = uclog_diag_verdict_evidence_count(v);
    if (n)
        printf("    Evidence:\n");
    for (i = 0; i < n; i++)
        print_evidence(uclog_diag_verdict_evidence(v, i));
    if (!uclog_diag_verdict_checklist_count(v))
        return;
    if (!check_ref) {
        print_checklist(v, sev >= UCLOG_DIAG_WARNING ? "Check" : "Next");
        return;
    }
    snprintf(head, sizeof(head), "    %s: ", sev >= UCLOG_DIAG_WARNING ? "Check" : "Next");
    wrap(head, 6, check_ref);
}

/* Why a streaming diagnosis judged a call before its end. */
static const char *cut_text(int32_t cut)
{
    return cut == UCLOG_DIAG_CALL_CUT_CALLS      ? "256 calls were in progress at once"
           : cut == UCLOG_DIAG_CALL_CUT_MESSAGES ? "it reached 512 messages"
                                                 : "the calls in progress reached the window's byte budget";
}

/* A call attempt's direction; "direction unknown" for bare SIP messages, which do not say it. */
static const char *direction_name(int32_t dir)
{
    return dir == UCLOG_DIAG_CALL_OUTGOING ? "outgoing" : dir == UCLOG_DIAG_CALL_INCOMING ? "incoming" : "direction unknown";
}

/* What is shown, and which checklists are printed once (by code: a verdict's checklist is its code's). */
static dv_view view;
#define CODES 1024
/* whole report: the verdicts shown of each code; 2 or more print the checklist once, at the end */
static uint32_t code_uses[CODES];
/* --stream: 1 + the number of the call whose verdict printed the code's checklist (UINT32_MAX: the sign-in) */
static uint32_t code_first[CODES];

static int code_slot(int32_t code)
{
    return code > 0 && code < CODES ? (int)code : 0;
}

/* Where a verdict's checklist is, when not under it; NULL: under it. */
static const char *check_ref(const uclog_diag_verdict *v, uint32_t call_number, int stream, char *buf, size_t size)
{
    int c = code_slot(uclog_diag_verdict_code(v));

    if (!c)
        return NULL;
    if (!stream) {
        if (code_uses[c] < 2)
            return NULL;
        snprintf(buf, size, "listed once at the end, under %d %s", c, uclog_diag_verdict_name(v));
        return buf;
    }
    if (!code_first[c]) {
        code_first[c] = uclog_diag_verdict_call(v) < 0 ? UINT32_MAX : call_number;
        return NULL;
    }
    if (code_first[c] == UINT32_MAX)
        snprintf(buf, size, "as under \"Sign-in and log\" above (%d %s)", c, uclog_diag_verdict_name(v));
    else
        snprintf(buf, size, "as for call %u above (%d %s)", (unsigned)code_first[c], c, uclog_diag_verdict_name(v));
    return buf;
}

/* The verdicts shown, under a heading for the sign-in and for each call (numbered from first + 1). */
static void print_verdicts(const uclog_diag_report *r, uint32_t first, int stream)
{
    uint32_t i, n = uclog_diag_report_verdict_count(r);
    int32_t last_call = -2;
    char ref[160];

    for (i = 0; i < n; i++) {
        const uclog_diag_verdict *v = uclog_diag_report_verdict(r, i);
        int32_t call = uclog_diag_verdict_call(v);
        if (!dv_verdict_shown(&view, r, v))
            continue;
        if (call != last_call) {
            if (call < 0) {
                printf("\nSign-in and log\n");
            } else {
                const char *peer = uclog_diag_report_call_peer(r, (uint32_t)call);
                int32_t dir = uclog_diag_report_call_direction(r, (uint32_t)call);
                printf("\nCall %u: %s %s", (unsigned)(first + (uint32_t)call + 1), direction_name(dir),
                       peer ? (dir == UCLOG_DIAG_CALL_INCOMING ? "from " : "to ") : "");
                ex_put_z(peer);
                fputs("\n  Call-ID: ", stdout);
                ex_put_z(uclog_diag_report_call_id(r, (uint32_t)call));
                putchar('\n');
                if (uclog_diag_report_call_cut(r, (uint32_t)call) != UCLOG_DIAG_CALL_WHOLE)
                    printf("  Judged before its end: %s\n", cut_text(uclog_diag_report_call_cut(r, (uint32_t)call)));
            }
            last_call = call;
        }
        print_verdict(v, check_ref(v, first + (uint32_t)call + 1, stream, ref, sizeof(ref)));
    }
}

/* "2008-11-21 23:40:00.100", or "-" when the call's INVITE has no time. */
static void format_start(char *buf, size_t size, const uclog_diag_report *r, uint32_t call)
{
    uclog_timestamp ts;

    if (uclog_diag_report_call_start(&ts, r, call) == 0)
        snprintf(buf, size, "%04u-%02u-%02u %02u:%02u:%02u.%03u", ts.year, ts.month, ts.day, ts.hour, ts.minute,
                 ts.second, ts.millisecond);
    else
        snprintf(buf, size, "-");
}

/* Count the shown verdicts of each code: which checklists are printed once, at the end. */
static void count_codes(const uclog_diag_report *r)
{
    uint32_t i;

    for (i = 0; i < uclog_diag_report_verdict_count(r); i++) {
        const uclog_diag_verdict *v = uclog_diag_report_verdict(r, i);
        if (dv_verdict_shown(&view, r, v))
            code_uses[code_slot(uclog_diag_verdict_code(v))]++;
    }
}

/* Each checklist of a code given more than once, once: the code, the calls it concerns, the list. */
static void print_shared_checklists(const uclog_diag_report *r)
{
    uint32_t i, n = uclog_diag_report_verdict_count(r);
    int32_t code;
    int headed = 0;
    char start[32];

    for (code = uclog_diag_code_next(0); code; code = uclog_diag_code_next(code)) {
        const uclog_diag_verdict *any = NULL;
        int32_t worst = UCLOG_DIAG_OK, last_call = -2;
        int c = code_slot(code);
        if (!c || code_uses[c] < 2 || !uclog_diag_code_checklist_count(code))
            continue;
        for (i = 0; i < n; i++) {
            const uclog_diag_verdict *v = uclog_diag_report_verdict(r, i);
            if (uclog_diag_verdict_code(v) == code && dv_verdict_shown(&view, r, v) &&
                uclog_diag_verdict_severity(v) >= worst) {
                worst = uclog_diag_verdict_severity(v);
                any = v;
            }
        }
        if (!any)
            continue;
        if (!headed)
            printf("\nChecklists of the verdicts given more than once\n");
        headed = 1;
        printf("\n%s[%s]%s %d %s, given %u times:\n", sev_colour(worst), uclog_diag_severity_name(worst), reset(),
               (int)code, uclog_diag_code_name(code), (unsigned)code_uses[c]);
        for (i = 0; i < n; i++) {
            const uclog_diag_verdict *v = uclog_diag_report_verdict(r, i);
            int32_t call = uclog_diag_verdict_call(v);
            if (uclog_diag_verdict_code(v) != code || call == last_call || !dv_verdict_shown(&view, r, v))
                continue;
            last_call = call;
            if (call < 0) {
                printf("  Sign-in and log\n");
                continue;
            }
            format_start(start, sizeof(start), r, (uint32_t)call);
            printf("  Call %u  %s  ", (unsigned)call + 1, start);
            ex_put_z(uclog_diag_report_call_id(r, (uint32_t)call));
            putchar('\n');
        }
        print_checklist(any, worst >= UCLOG_DIAG_WARNING ? "Check" : "Next");
    }
}

static void print_files(const uclog_diag_report *r)
{
    uint32_t i;

    for (i = 0; i < uclog_diag_report_file_count(r); i++) {
        fputs("Log: ", stdout);
        ex_put_z(uclog_diag_report_file_name(r, i));
        putchar('\n');
    }
}

/* Packets that yielded no SIP message: how many, and where the first are. */
static void print_unusable(const uclog_diag_report *r)
{
    uint64_t n = uclog_diag_report_unusable_count(r);
    uint32_t i;
    uclog_span sp;

    if (!n)
        return;
    printf("Unreadable packets: %llu (no SIP message could be read from them)\n", (unsigned long long)n);
    for (i = 0; i < 5 && uclog_diag_report_unusable_span(&sp, r, i) == 0; i++)
        printf("  %s:%u\n", base_name(uclog_diag_report_file_name(r, sp.file)), (unsigned)sp.line);
    if (n > 5)
        printf("  ... and %llu more (uclog-dump lists them all)\n", (unsigned long long)(n - 5));
}

static void print_client(const uclog_diag_report *r, uint32_t calls, uint32_t shown)
{
    fputs("Client: ", stdout);
    ex_put_z(uclog_diag_report_client_uri(r) ? uclog_diag_report_client_uri(r) : "(unknown)");
    putchar('\n');
    if (uclog_diag_report_client_user_agent(r))
        wrap("  Agent: ", 9, uclog_diag_report_client_user_agent(r));
    {
        char head[64], why[512];
        snprintf(head, sizeof(head), "  Location: %s ",
                 uclog_diag_location_name(uclog_diag_report_client_location(r)));
        snprintf(why, sizeof(why), "(%s)", uclog_diag_report_client_location_reason(r));
        wrap(head, 4, why);
    }
    printf("Calls: %u\n", (unsigned)calls);
    if (dv_filtering(&view))
        printf("Shown: %u of them (%s%s%s)\n", (unsigned)shown, view.nids ? "--call-id" : "",
               view.nids && view.failures ? ", " : "", view.failures ? "--failures" : "");
    print_unusable(r);
}

static uint32_t shown_calls(const uclog_diag_report *r)
{
    uint32_t i, n = 0;

    for (i = 0; i < uclog_diag_report_call_count(r); i++)
        n += (uint32_t)dv_call_shown(&view, r, i);
    return n;
}

static void print_text(const uclog_diag_report *r)
{
    print_files(r);
    print_client(r, uclog_diag_report_call_count(r), shown_calls(r));
    count_codes(r);
    print_verdicts(r, 0, 0);
    print_shared_checklists(r);
}

/* ---- JSON ---- */

static void json_str(const char *s)
{
    ex_json_strn(s, s ? strlen(s) : 0);
}

/* The diagnostics code an evidence item cites, with its meaning from the registry (null when the
 * registry does not hold it). */
static void print_json_ms_code(const uclog_diag_evidence *e)
{
    const uclog_diag_ms_code *c;
    uint32_t code, kind;

    if (uclog_diag_evidence_ms_code(&code, &kind, e) != 0)
        return;
    printf(", \"ms_code\": %u, \"ms_kind\": ", (unsigned)code);
    json_str(uclog_diag_ms_kind_name(kind));
    fputs(", \"ms_meaning\": ", stdout);
    json_str(uclog_diag_ms_code_lookup(&c, kind, code) == 0 ? uclog_diag_ms_code_meaning(c) : NULL);
}

/* What the evidence item names, as an object of its fields under the subject's name ("relay",
 * "candidate", "ms_diagnostics"): doc/uclog-diagnose.schema.json lists them. */
static void print_json_subject(const uclog_diag_evidence *e)
{
    const char *subject = uclog_diag_evidence_subject(e), *name, *text;
    int64_t number;
    uint32_t i;

    if (!subject)
        return;
    printf(", \"%s\": {", subject);
    for (i = 0; uclog_diag_evidence_field(&name, &text, &number, e, i) == 0; i++) {
        printf("%s\"%s\": ", i ? ", " : "", name);
        if (text)
            json_str(text);
        else
            printf("%lld", (long long)number);
    }
    putchar('}');
}

/* The version of the output's shape, doc/uclog-diagnose.schema.json: the major number changes when a
 * field changes meaning or goes, the minor one when fields are added. */
#define JSON_SCHEMA_ID "urn:uclog:uclog-diagnose.schema.json"
#define JSON_SCHEMA_VERSION "1.0"
/* With --jobs: the path that names the log, the first member of each object. */
static const char *json_log;

static void print_json(const uclog_diag_report *r)
{
    uint32_t i, k, n, shown;

    putchar('{');
    if (json_log) {
        fputs("\"log\": ", stdout);
        json_str(json_log);
        fputs(", ", stdout);
    }
    fputs("\"schema\": \"" JSON_SCHEMA_ID "\", \"schema_version\": \"" JSON_SCHEMA_VERSION "\", \"files\": [", stdout);
    for (i = 0; i < uclog_diag_report_file_count(r); i++) {
        if (i)
            fputs(", ", stdout);
        json_str(uclog_diag_report_file_name(r, i));
    }
    fputs("], \"client\": {\"uri\": ", stdout);
    json_str(uclog_diag_report_client_uri(r));
    fputs(", \"user_agent\": ", stdout);
    json_str(uclog_diag_report_client_user_agent(r));
    fputs(", \"version\": ", stdout);
    json_str(uclog_diag_report_client_version(r));
    fputs(", \"location\": ", stdout);
    json_str(uclog_diag_location_name(uclog_diag_report_client_location(r)));
    fputs(", \"location_reason\": ", stdout);
    json_str(uclog_diag_report_client_location_reason(r));
    fputs("}, \"calls\": [", stdout);
    for (i = 0, k = 0; i < uclog_diag_report_call_count(r); i++) {
        if (!dv_call_shown(&view, r, i))
            continue;
        fputs(k++ ? ", {\"call_id\": " : "{\"call_id\": ", stdout);
        json_str(uclog_diag_report_call_id(r, i));
        fputs(", \"direction\": ", stdout);
        json_str(uclog_diag_report_call_direction(r, i) == UCLOG_DIAG_CALL_OUTGOING   ? "outgoing"
                 : uclog_diag_report_call_direction(r, i) == UCLOG_DIAG_CALL_INCOMING ? "incoming"
                                                                                      : "unknown");
        fputs(", \"peer\": ", stdout);
        json_str(uclog_diag_report_call_peer(r, i));
        fputs(", \"cut\": ", stdout);
        json_str(uclog_diag_call_cut_name(uclog_diag_report_call_cut(r, i)));
        putchar('}');
    }
    fputs("], \"unusable_packets\": {\"count\": ", stdout);
    printf("%llu, \"first\": [", (unsigned long long)uclog_diag_report_unusable_count(r));
    {
        uclog_span sp;
        for (i = 0; uclog_diag_report_unusable_span(&sp, r, i) == 0; i++) {
            fputs(i ? ", {\"file\": " : "{\"file\": ", stdout);
            json_str(uclog_diag_report_file_name(r, sp.file));
            printf(", \"line\": %u, \"offset\": %llu}", (unsigned)sp.line, (unsigned long long)sp.offset);
        }
    }
    fputs("]}, \"verdicts\": [", stdout);
    n = uclog_diag_report_verdict_count(r);
    for (i = 0, shown = 0; i < n; i++) {
        const uclog_diag_verdict *v = uclog_diag_report_verdict(r, i);
        if (!dv_verdict_shown(&view, r, v))
            continue;
        printf("%s{\"code\": %d, \"name\": ", shown++ ? ", " : "", (int)uclog_diag_verdict_code(v));
        json_str(uclog_diag_verdict_name(v));
        fputs(", \"severity\": ", stdout);
        json_str(uclog_diag_severity_name(uclog_diag_verdict_severity(v)));
        fputs(", \"certainty\": ", stdout);
        json_str(uclog_diag_certainty_name(uclog_diag_verdict_certainty(v)));
        fputs(", \"reason\": ", stdout);
        json_str(uclog_diag_verdict_reason(v));
        fputs(", \"step\": ", stdout);
        json_str(uclog_diag_verdict_step(v));
        fputs(", \"summary\": ", stdout);
        json_str(uclog_diag_verdict_summary(v));
        fputs(", \"call_id\": ", stdout);
        json_str(uclog_diag_verdict_call_id(v));
        fputs(", \"evidence\": [", stdout);
        for (k = 0; k < uclog_diag_verdict_evidence_count(v); k++) {
            const uclog_diag_evidence *e = uclog_diag_verdict_evidence(v, k);
            uclog_span sp;
            uclog_timestamp ts;
            char t[32];
            uclog_diag_evidence_span(&sp, e);
            fputs(k ? ", {\"file\": " : "{\"file\": ", stdout);
            json_str(uclog_diag_evidence_file(e));
            if (uclog_diag_evidence_file(e))
                printf(", \"line\": %u, \"offset\": %llu", (unsigned)sp.line, (unsigned long long)sp.offset);
            else
                fputs(", \"line\": null, \"offset\": null", stdout);
            fputs(", \"time\": ", stdout);
            if (uclog_diag_evidence_time(&ts, e) == 0) {
                snprintf(t, sizeof(t), "%04u-%02u-%02uT%02u:%02u:%02u.%03u", ts.year, ts.month, ts.day, ts.hour,
                         ts.minute, ts.second, ts.millisecond);
                json_str(t);
            } else {
                fputs("null", stdout);
            }
            fputs(", \"call_id\": ", stdout);
            json_str(uclog_diag_evidence_call_id(e));
            fputs(", \"detail\": ", stdout);
            json_str(uclog_diag_evidence_detail(e));
            print_json_ms_code(e);
            print_json_subject(e);
            putchar('}');
        }
        fputs("], \"checklist\": [", stdout);
        for (k = 0; k < uclog_diag_verdict_checklist_count(v); k++) {
            if (k)
                fputs(", ", stdout);
            json_str(uclog_diag_verdict_checklist(v, k));
        }
        fputs("]}", stdout);
    }
    fputs("]}\n", stdout);
}

/* ---- in parts (--stream) ---- */

typedef struct {
    const uclog_log *log;
    int json;
    uint32_t parts, calls, shown;
} stream_state;

/* Whether a part has something shown: a call, or a log-wide verdict. */
static int part_shown(const uclog_diag_report *part)
{
    uint32_t i;

    if (shown_calls(part))
        return 1;
    for (i = 0; i < uclog_diag_report_verdict_count(part); i++)
        if (uclog_diag_verdict_call(uclog_diag_report_verdict(part, i)) < 0)
            return 1;
    return 0;
}

/* Refuse a file that is neither a client log nor bare SIP messages: one line on stderr, and
 * with --json the same in a JSON object, never a verdict. Returns 0, or EX_SAID (exit 2). */
static int refuse_not_log(const uclog_log *log, int json)
{
    uint32_t i = ex_not_log(log);
    int32_t kind;

    if (i == UINT32_MAX)
        return 0;
    kind = uclog_log_file_kind(log, i);
    ex_say_not_log("uclog-diagnose", log, i);
    if (json) {
        fputs("{\"error\": \"not a client log\", \"file\": ", stdout);
        json_str(uclog_log_file_name(log, i));
        fputs(", \"kind\": ", stdout);
        json_str(uclog_file_kind_name(kind));
        fputs(", \"reason\": ", stdout);
        json_str(uclog_file_kind_reason(kind));
        fputs("}\n", stdout);
    }
    return EX_SAID;
}

/* The files first; a call's part: its verdicts as they come; the last part: the client, then the
 * log-wide verdicts. With --summary: a line per call, the totals after the last part. */
static int print_part(const uclog_diag_report *part, void *userdata)
{
    stream_state *st = userdata;
    int last = uclog_diag_report_call_count(part) == 0;

    /* a stream's kind is known once its first record is read, before the first part */
    if (st->parts == 0 && refuse_not_log(st->log, st->json))
        return EX_SAID;

    dv_note_worst(&view, part);
    if (view.summary) {
        dv_summary_calls(&view, part, st->calls);
    } else if (st->json) {
        if (last || part_shown(part))
            print_json(part);
    } else {
        if (st->parts == 0)
            print_files(part);
        if (last) {
            putchar('\n');
            print_client(part, st->calls, st->shown);
        }
        print_verdicts(part, st->calls, 1);
    }
    st->parts++;
    st->shown += shown_calls(part);
    st->calls += uclog_diag_report_call_count(part);
    ex_stdout_flush();
    return 0;
}

/* ---- the registry, as doc/verdicts.md ---- */

static void list_verdicts(void)
{
    int32_t c;
    uint32_t i;

    puts("# Verdicts of uclog-diagnose\n");
    puts("Made by `uclog-diagnose --list-verdicts` from the registry in `lib/diag/registry.c`; a test");
    puts("checks that this page and the registry agree. A code never changes meaning; the text may");
    puts("improve. The ms-diagnostics codes the evidence cites are explained in [ms-codes.md](ms-codes.md).\n");
    puts("## How sure a verdict is\n");
    puts("Every verdict says how much of it the log itself states. **certain**: the log says it in so");
    puts("many words (an answer that arrived or never came, a candidate with an explicit `typ`, a relay");
    puts("address MRAS named, an address you gave with `--edge-ip`). **inferred**: it rests on a guess,");
    puts("and the verdict names the guess and the signals behind it (for an untyped candidate: not an");
    puts("address the log proves the client's, its q-value rank against the client's host candidates, the");
    puts("default candidate's address, the Edge media port range, the perimeter the client reaches); treat");
    puts("it as a lead to confirm, not a finding. **unreadable**: the body the step needed (the MRAS or");
    puts("provisioning XML) could not be read whole; the verdict gives the parse error and its position and");
    puts("claims nothing about what the body would have said. When the signals do not decide, the verdict");
    puts("says so (215 `EDGE_CANDIDATE_UNDECIDED`) and tells how to decide; it is never a failure.\n");
    puts("## The codes\n");
    puts("| code | name | severity | step | when |");
    puts("|---|---|---|---|---|");
    for (c = uclog_diag_code_next(0); c; c = uclog_diag_code_next(c))
        printf("| %d | `%s` | %s | %s | %s |\n", (int)c, uclog_diag_code_name(c),
               uclog_diag_severity_name(uclog_diag_code_severity(c)), uclog_diag_code_step(c),
               uclog_diag_code_condition(c));
    for (c = uclog_diag_code_next(0); c; c = uclog_diag_code_next(c)) {
        printf("\n## %d `%s`\n\n%s.\n\n", (int)c, uclog_diag_code_name(c), uclog_diag_code_condition(c));
        for (i = 0; i < uclog_diag_code_checklist_count(c); i++)
            printf("%u. %s\n", (unsigned)(i + 1), uclog_diag_code_checklist(c, i));
    }
}

/* ---- the registry of diagnostics codes ---- */

/* --explain CODE: every entry with that id (a server and a client code may share one). */
static int explain(const char *arg)
{
    static const uint32_t kinds[] = {UCLOG_SIP_DIAG_SERVER, UCLOG_SIP_DIAG_CLIENT};
    const uclog_diag_ms_code *c;
    char *end;
    unsigned long id;
    int found = 0;
    size_t k;

    id = arg && *arg >= '0' && *arg <= '9' ? strtoul(arg, &end, 10) : 0;
    if (!arg || *arg < '0' || *arg > '9' || *end || id > UINT32_MAX) {
        fprintf(stderr, "uclog-diagnose: --explain needs a code (a number)\n");
        return 2;
    }
    for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
        if (uclog_diag_ms_code_lookup(&c, kinds[k], (uint32_t)id) != 0)
            continue;
        printf("%s%s %lu\n", found ? "\n" : "", uclog_diag_ms_kind_name(kinds[k]), id);
        printf("  meaning:     %s\n", uclog_diag_ms_code_meaning(c));
        printf("  component:   %s\n", uclog_diag_ms_code_component(c));
        printf("  check:       %s\n", uclog_diag_ms_code_check(c));
        printf("  source:      %s (%s)\n", uclog_diag_ms_code_source(c), uclog_diag_ms_code_confidence(c));
        printf("  normal end:  %s\n", uclog_diag_ms_code_normal_end(c) ? "yes, not a failure" : "no");
        found = 1;
    }
    if (!found)
        printf("%lu: not in the registry; its range: %s\n", id, uclog_diag_ms_diagnostics_range((uint32_t)id));
    return found ? 0 : 1;
}

static void list_ms_codes(void)
{
    const uclog_diag_ms_code *c;

    puts("# ms-diagnostics codes");
    puts("");
    puts("Made by `uclog-diagnose --list-ms-codes` from the registry in `lib/diag/ms-codes.c`; a test");
    puts("checks that this page and the registry agree. `uclog-diagnose --explain CODE` prints one entry.");
    puts("A code the registry does not hold is explained by its range only.");
    puts("");
    puts("Confidence: **spec** the reason text is in [MS-OCER]; **field** a capture or an article quotes");
    puts("it; **range** the id is published but its reason text was not found; **unverified** recalled, not");
    puts("found in a source. A code marked *normal end* is never made a failure by the diagnosis.");
    puts("");
    puts("| header | code | meaning | component | check | source | confidence | normal end |");
    puts("|---|---|---|---|---|---|---|---|");
    for (c = uclog_diag_ms_code_next(NULL); c; c = uclog_diag_ms_code_next(c))
        printf("| %s | %u | %s | %s | %s | %s | %s | %s |\n", uclog_diag_ms_kind_name(uclog_diag_ms_code_kind(c)),
               (unsigned)uclog_diag_ms_code_id(c), uclog_diag_ms_code_meaning(c), uclog_diag_ms_code_component(c),
               uclog_diag_ms_code_check(c), uclog_diag_ms_code_source(c), uclog_diag_ms_code_confidence(c),
               uclog_diag_ms_code_normal_end(c) ? "yes" : "no");
    puts("");
    puts("ms-diagnostics-public carries the same ids as ms-diagnostics.");
}

/* ---- many logs (--jobs) ---- */

typedef struct {
    uclog_ctx *ctx;
    const uclog_diag_options *opts;
} fleet_args;

/* One log of the fleet, in a process of its own: its JSON object on one line; exit status as for one log. */
static int diagnose_one(const char *const *files, size_t n, void *userdata)
{
    const fleet_args *fa = userdata;
    uclog_log *log = NULL;
    uclog_diag_report *rep = NULL;
    int rc, status;

    json_log = files[0];
    rc = uclog_log_open_files(&log, fa->ctx, files, n);
    if (rc == 0)
        rc = uclog_diag_run(&rep, log, fa->opts);
    if (rc != 0) {
        ex_fleet_error_line(files[0], uclog_ctx_errcode(fa->ctx) == rc ? uclog_ctx_errmsg(fa->ctx) : uclog_strerror(rc));
        status = 2;
    } else {
        print_json(rep);
        status = uclog_diag_report_worst_severity(rep) == UCLOG_DIAG_FAILURE ? 1 : 0;
    }
    uclog_diag_report_free(rep);
    uclog_log_free(log);
    return status;
}

/* One client's text report of two (the checklists' counts are each report's own). */
static void print_one_of_two(const uclog_diag_report *r)
{
    memset(code_uses, 0, sizeof(code_uses));
    print_text(r);
}

/* --jobs N PATH...: every log under the paths. */
static int diagnose_fleet(uclog_ctx *ctx, const uclog_diag_options *opts, int jobs, char *const *paths, size_t n)
{
    fleet_args fa = {ctx, opts};
    ex_fleet f;
    int status;
    size_t i;

    for (i = 0; i < n; i++) {
        if (!strcmp(paths[i], "-")) {
            fputs("uclog-diagnose: --jobs reads logs by name: '-' (standard input) cannot be one\n", stderr);
            return 2;
        }
    }
    if (ex_fleet_collect(&f, "uclog-diagnose", paths, n) != 0) {
        ex_fleet_free(&f);
        return 2;
    }
    if (f.nlogs == 0) {
        fputs("uclog-diagnose: no client log (*.uccapilog, *.uccapilog.gz, *.zip) under the paths given\n", stderr);
        ex_fleet_free(&f);
        return 2;
    }
    status = ex_fleet_run(&f, "uclog-diagnose", jobs, diagnose_one, &fa);
    ex_fleet_free(&f);
    return status;
}

static int option_jobs(int *jobs, const char *val)
{
    char *end;
    long n = val && *val >= '0' && *val <= '9' ? strtol(val, &end, 10) : 0;

    if (n < 1 || n > 256 || *end) {
        fprintf(stderr, "uclog-diagnose: --jobs %s: not a number from 1 to 256\n", val ? val : "");
        return 2;
    }
    *jobs = (int)n;
    return 0;
}

/* ---- input ---- */

static int option_ip(int (*set)(uclog_diag_options *, const char *), uclog_diag_options *o, const char *opt,
                     const char *ip)
{
    if (set(o, ip) != 0) {
        fprintf(stderr, "uclog-diagnose: %s %s: not an IP address\n", opt, ip);
        return 2;
    }
    return 0;
}

int main(int argc, char **argv)
{
    uclog_ctx *ctx = NULL;
    uclog_log *log = NULL;
    uclog_follow *follow = NULL;
    uclog_diag_options *opts = NULL;
    uclog_diag_report *rep = NULL;
    char *input = NULL, *const *files;
    const char *val;
    ex_args a;
    size_t at, n;
    int id, json = 0, stream = 0, jobs = 0, following = 0, rc, status = 2, colour = EX_COLOUR_AUTO;
    stream_state st;

    ex_os_init(&argc, &argv);
    view.ids = calloc((size_t)argc + 1, sizeof(*view.ids));
    view.id_found = calloc((size_t)argc + 1, 1);
    if (!view.ids || !view.id_found || uclog_ctx_new(&ctx, NULL) || uclog_diag_options_new(&opts, ctx)) {
        fputs("uclog-diagnose: out of memory\n", stderr);
        goto out;
    }
    ex_args_init(&a, ex_options_diagnose, argc, argv);
    while ((rc = ex_args_next(&id, &val, &a)) == 0) {
        switch (id) {
        case EX_OPT_HELP:
            usage(stdout);
            status = 0;
            goto done;
        case EX_OPT_VERSION:
            printf("uclog-diagnose %s\n", uclog_version_string());
            status = 0;
            goto done;
        case EX_OPT_LIST_VERDICTS:
            list_verdicts();
            status = 0;
            goto done;
        case EX_OPT_LIST_MS_CODES:
            list_ms_codes();
            status = 0;
            goto done;
        case EX_OPT_EXPLAIN:
            status = explain(val);
            goto done;
        case EX_OPT_JSON:
            json = 1;
            break;
        case EX_OPT_STREAM:
            stream = 1;
            break;
        case EX_OPT_SUMMARY:
            view.summary = 1;
            break;
        case EX_OPT_FAILURES:
            view.failures = 1;
            break;
        case EX_OPT_CALL_ID:
            view.ids[view.nids++] = (char *)val;
            break;
        case EX_OPT_JOBS:
            if (option_jobs(&jobs, val))
                goto out;
            break;
        case EX_OPT_FOLLOW:
            following = stream = 1;
            break;
        case EX_OPT_COLOR:
            if (ex_colour_parse(&colour, val)) {
                fprintf(stderr, "uclog-diagnose: --color %s: not auto, always or never\n", val);
                goto out;
            }
            break;
        case EX_OPT_EDGE_IP:
            if (option_ip(uclog_diag_options_add_edge_ip, opts, "--edge-ip", val))
                goto out;
            break;
        case EX_OPT_EDGE_NAT_IP:
            if (option_ip(uclog_diag_options_set_edge_nat_ip, opts, "--edge-nat-ip", val))
                goto out;
            break;
        case EX_OPT_EDGE_PRIVATE_IP:
            if (option_ip(uclog_diag_options_add_edge_private_ip, opts, "--edge-private-ip", val))
                goto out;
            break;
        default: /* EX_OPT_LOCATION */
            if (strcmp(val, "remote") && strcmp(val, "internal")) {
                fprintf(stderr, "uclog-diagnose: --location %s: not remote or internal\n", val);
                goto out;
            }
            uclog_diag_options_set_client_location(opts, !strcmp(val, "remote") ? UCLOG_DIAG_LOCATION_REMOTE
                                                                                : UCLOG_DIAG_LOCATION_INTERNAL);
            break;
        }
    }
    if (rc < 0) {
        fprintf(stderr, "uclog-diagnose: %s\n", a.msg);
        goto out;
    }
    if (a.first >= argc) {
        usage(stderr);
        goto out;
    }
    files = argv + a.first;
    n = (size_t)(argc - a.first);
    if (jobs && stream) {
        fputs("uclog-diagnose: --jobs writes one JSON object for each log: --stream cannot go with it\n", stderr);
        goto out;
    }
    if (jobs) {
        status = diagnose_fleet(ctx, opts, jobs, files, n);
        if (ex_stdout_close("uclog-diagnose"))
            status = 2;
        goto out;
    }
    if (ex_check_files(&at, "uclog-diagnose", files, n) != 0)
        goto out;
    if (following && (n != 1 || at == 0)) {
        fputs("uclog-diagnose: --follow reads one FILE, not standard input\n", stderr);
        goto out;
    }
    /* Files of two signed-in users are two clients: each diagnosed, then both sides of their calls. */
    if (!following && n > 1 && at == n) {
        int *which = calloc(n, sizeof(*which)), clients;
        char users[2][EX_USER_MAX];
        clients = which ? ex_clients_split(which, users, ctx, "uclog-diagnose", files, n, at) : -1;
        if (clients == 2 && (json || stream || view.summary)) {
            fprintf(stderr, "uclog-diagnose: the files are two clients' logs (%s, %s): --json, --stream and "
                            "--summary read one client's; give each client's files alone\n", users[0], users[1]);
            clients = -1;
        }
        if (clients == 2) {
            use_colour = ex_colour_decide(colour, STDOUT_FILENO);
            width = ex_terminal_width(STDOUT_FILENO);
            view.worst = UCLOG_DIAG_OK;
            view.log_worst = -1;
            view.number_width = 4;
            status = db_diagnose_two(&view, ctx, opts, files, n, which, print_one_of_two);
        }
        free(which);
        if (clients != 1) {
            if (ex_stdout_close("uclog-diagnose"))
                status = 2;
            goto out;
        }
    }
    /* "-" alone with --stream is read as it comes; among files it is read whole */
    if (following)
        rc = ex_follow_open(&log, &follow, ctx, "uclog-diagnose", files[0]);
    else if (n == 1 && at == 0 && stream)
        rc = uclog_log_open_stream(&log, ctx, stdin, "-");
    else
        rc = ex_open_files(&log, ctx, "uclog-diagnose", "; --stream reads it in constant memory", files, n, at,
                           &input);
    if (rc == 0 && !stream && refuse_not_log(log, json))
        rc = EX_SAID;
    if (rc == EX_SAID) {
        ex_stdout_close("uclog-diagnose");
        status = 2;
        goto out;
    }
    use_colour = !json && ex_colour_decide(colour, STDOUT_FILENO);
    width = json ? 0 : ex_terminal_width(STDOUT_FILENO);
    memset(&st, 0, sizeof(st));
    st.json = json;
    view.json = json;
    view.stream = stream;
    view.worst = UCLOG_DIAG_OK;
    view.log_worst = -1;
    view.number_width = stream ? 6 : 4;
    view.id_width = stream ? 32 : 0; /* parts come one by one: a Call-ID of the usual length */
    st.log = log;
    if (rc == 0 && stream)
        rc = uclog_diag_run_parts(log, opts, print_part, &st);
    else if (rc == 0)
        rc = uclog_diag_run(&rep, log, opts);
    if (rc == 0 && stream && st.parts == 0 && refuse_not_log(log, json))
        rc = EX_SAID;
    if (rc == EX_SAID) {
        ex_stdout_close("uclog-diagnose");
        status = 2;
        goto out;
    }
    if (rc != 0) {
        fprintf(stderr, "uclog-diagnose: %s\n", uclog_ctx_errcode(ctx) == rc ? uclog_ctx_errmsg(ctx)
                                                                            : uclog_strerror(rc));
        goto out;
    }
    if (!stream)
        dv_match_ids(&view, rep);
    if (dv_unmatched_id(&view)) {
        if (stream)
            ex_stdout_flush();
        fputs("uclog-diagnose: --call-id ", stderr);
        fputs(dv_unmatched_id(&view), stderr);
        fputs(": no audio/video call attempt has this Call-ID (or one starting with it)\n", stderr);
        status = 2;
        goto done;
    }
    if (stream) {
        if (view.summary)
            dv_summary_end(&view, st.calls);
        status = view.worst == UCLOG_DIAG_FAILURE ? 1 : 0;
        goto done;
    }
    dv_note_worst(&view, rep);
    if (view.summary) {
        uint32_t calls = uclog_diag_report_call_count(rep), w;
        for (w = 10000; w <= calls && view.number_width < 10; w *= 10)
            view.number_width++;
        dv_summary_calls(&view, rep, 0);
        dv_summary_end(&view, calls);
    } else if (json) {
        print_json(rep);
    } else {
        print_text(rep);
    }
    status = view.worst == UCLOG_DIAG_FAILURE ? 1 : 0;
done:
    if (ex_stdout_close("uclog-diagnose"))
        status = 2;
out:
    uclog_diag_report_free(rep);
    uclog_log_free(log);
    ex_follow_close(follow);
    uclog_diag_options_free(opts);
    uclog_ctx_free(ctx);
    free(input);
    free(view.ids);
    free(view.id_found);
    return status;
}
