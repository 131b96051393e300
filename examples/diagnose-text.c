/* uclog-diagnose's text: a report, or a part of one, as a reader sees it (diagnose-text.h). */
#include <stdio.h>
#include <string.h>

#include "common.h"
#include "diagnose-text.h"

static const char *sev_colour(const dt_text *t, int32_t s)
{
    if (!t->colour)
        return "";
    return s == UCLOG_DIAG_FAILURE ? "\033[1;31m" : s == UCLOG_DIAG_WARNING ? "\033[1;33m" : "\033[1;32m";
}

static const char *reset(const dt_text *t)
{
    return t->colour ? "\033[0m" : "";
}

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
static void wrap(int width, const char *first, int indent, const char *text)
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

static void print_evidence(const dt_text *t, const uclog_diag_evidence *e)
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
    wrap(t->width, head, 8, uclog_diag_evidence_detail(e));
}

/* A verdict's checklist, numbered; under `label` ("Check" for a warning or failure, "Next" otherwise). */
static void print_checklist(const dt_text *t, const uclog_diag_verdict *v, const char *label)
{
    char head[128];
    uint32_t i, n = uclog_diag_verdict_checklist_count(v);

    if (n)
        printf("    %s:\n", label);
    for (i = 0; i < n; i++) {
        snprintf(head, sizeof(head), "      %2u. ", (unsigned)(i + 1));
        wrap(t->width, head, 10, uclog_diag_verdict_checklist(v, i));
    }
}

/* A verdict, its checklist in full, or (`check_ref`) where it is printed instead. */
static void print_verdict(const dt_text *t, const uclog_diag_verdict *v, const char *check_ref)
{
    char head[128];
    uint32_t i, n;
    int32_t sev = uclog_diag_verdict_severity(v);

    printf("  %s[%s]%s %d %s (%s%s)\n", sev_colour(t, sev), uclog_diag_severity_name(sev), reset(t),
           (int)uclog_diag_verdict_code(v), uclog_diag_verdict_name(v), uclog_diag_verdict_step(v),
           uclog_diag_verdict_certainty(v) == UCLOG_DIAG_INFERRED     ? ", inferred"
           : uclog_diag_verdict_certainty(v) == UCLOG_DIAG_UNREADABLE ? ", unreadable"
                                                                      : "");
    wrap(t->width, "    ", 4, uclog_diag_verdict_summary(v));
    if (uclog_diag_verdict_reason(v))
        wrap(t->width, uclog_diag_verdict_certainty(v) == UCLOG_DIAG_UNREADABLE ? "    Unreadable: " : "    Inferred: ", 6,
             uclog_diag_verdict_reason(v));
    n = uclog_diag_verdict_evidence_count(v);
    if (n)
        printf("    Evidence:\n");
    for (i = 0; i < n; i++)
        print_evidence(t, uclog_diag_verdict_evidence(v, i));
    if (!uclog_diag_verdict_checklist_count(v))
        return;
    if (!check_ref) {
        print_checklist(t, v, sev >= UCLOG_DIAG_WARNING ? "Check" : "Next");
        return;
    }
    snprintf(head, sizeof(head), "    %s: ", sev >= UCLOG_DIAG_WARNING ? "Check" : "Next");
    wrap(t->width, head, 6, check_ref);
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

/* A verdict's checklist is its code's: which are printed once is kept by code. */
static int code_slot(int32_t code)
{
    return code > 0 && code < DT_CODES ? (int)code : 0;
}

/* Where a verdict's checklist is, when not under it; NULL: under it. */
static const char *check_ref(dt_text *t, const uclog_diag_verdict *v, uint32_t call_number, int stream, char *buf,
                             size_t size)
{
    int c = code_slot(uclog_diag_verdict_code(v));

    if (!c)
        return NULL;
    if (!stream) {
        if (t->code_uses[c] < 2)
            return NULL;
        snprintf(buf, size, "listed once at the end, under %d %s", c, uclog_diag_verdict_name(v));
        return buf;
    }
    if (!t->code_first[c]) {
        t->code_first[c] = uclog_diag_verdict_call(v) < 0 ? UINT32_MAX : call_number;
        return NULL;
    }
    if (t->code_first[c] == UINT32_MAX)
        snprintf(buf, size, "as under \"Sign-in and log\" above (%d %s)", c, uclog_diag_verdict_name(v));
    else
        snprintf(buf, size, "as for call %u above (%d %s)", (unsigned)t->code_first[c], c, uclog_diag_verdict_name(v));
    return buf;
}

/* The verdicts shown, under a heading for the sign-in and for each call (numbered from first + 1). */
void dt_verdicts(dt_text *t, const uclog_diag_report *r, uint32_t first, int stream)
{
    uint32_t i, n = uclog_diag_report_verdict_count(r);
    int32_t last_call = -2;
    char ref[160];

    for (i = 0; i < n; i++) {
        const uclog_diag_verdict *v = uclog_diag_report_verdict(r, i);
        int32_t call = uclog_diag_verdict_call(v);
        if (!dv_verdict_shown(t->view, r, v))
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
        print_verdict(t, v, check_ref(t, v, first + (uint32_t)call + 1, stream, ref, sizeof(ref)));
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
static void count_codes(dt_text *t, const uclog_diag_report *r)
{
    uint32_t i;

    for (i = 0; i < uclog_diag_report_verdict_count(r); i++) {
        const uclog_diag_verdict *v = uclog_diag_report_verdict(r, i);
        if (dv_verdict_shown(t->view, r, v))
            t->code_uses[code_slot(uclog_diag_verdict_code(v))]++;
    }
}

/* Each checklist of a code given more than once, once: the code, the calls it concerns, the list. */
static void print_shared_checklists(dt_text *t, const uclog_diag_report *r)
{
    uint32_t i, n = uclog_diag_report_verdict_count(r);
    int32_t code;
    int headed = 0;
    char start[32];

    for (code = uclog_diag_code_next(0); code; code = uclog_diag_code_next(code)) {
        const uclog_diag_verdict *any = NULL;
        int32_t worst = UCLOG_DIAG_OK, last_call = -2;
        int c = code_slot(code);
        if (!c || t->code_uses[c] < 2 || !uclog_diag_code_checklist_count(code))
            continue;
        for (i = 0; i < n; i++) {
            const uclog_diag_verdict *v = uclog_diag_report_verdict(r, i);
            if (uclog_diag_verdict_code(v) == code && dv_verdict_shown(t->view, r, v) &&
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
        printf("\n%s[%s]%s %d %s, given %u times:\n", sev_colour(t, worst), uclog_diag_severity_name(worst), reset(t),
               (int)code, uclog_diag_code_name(code), (unsigned)t->code_uses[c]);
        for (i = 0; i < n; i++) {
            const uclog_diag_verdict *v = uclog_diag_report_verdict(r, i);
            int32_t call = uclog_diag_verdict_call(v);
            if (uclog_diag_verdict_code(v) != code || call == last_call || !dv_verdict_shown(t->view, r, v))
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
        print_checklist(t, any, worst >= UCLOG_DIAG_WARNING ? "Check" : "Next");
    }
}

void dt_files(const uclog_diag_report *r)
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

void dt_client(const dt_text *t, const uclog_diag_report *r, uint32_t calls, uint32_t shown)
{
    fputs("Client: ", stdout);
    ex_put_z(uclog_diag_report_client_uri(r) ? uclog_diag_report_client_uri(r) : "(unknown)");
    putchar('\n');
    if (uclog_diag_report_client_user_agent(r))
        wrap(t->width, "  Agent: ", 9, uclog_diag_report_client_user_agent(r));
    {
        char head[64], why[512];
        snprintf(head, sizeof(head), "  Location: %s ",
                 uclog_diag_location_name(uclog_diag_report_client_location(r)));
        snprintf(why, sizeof(why), "(%s)", uclog_diag_report_client_location_reason(r));
        wrap(t->width, head, 4, why);
    }
    printf("Calls: %u\n", (unsigned)calls);
    if (dv_filtering(t->view))
        printf("Shown: %u of them (%s%s%s)\n", (unsigned)shown, t->view->nids ? "--call-id" : "",
               t->view->nids && t->view->failures ? ", " : "", t->view->failures ? "--failures" : "");
    print_unusable(r);
}

void dt_report(dt_text *t, const uclog_diag_report *r)
{
    memset(t->code_uses, 0, sizeof(t->code_uses));
    dt_files(r);
    dt_client(t, r, uclog_diag_report_call_count(r), dv_shown_calls(t->view, r));
    count_codes(t, r);
    dt_verdicts(t, r, 0, 0);
    print_shared_checklists(t, r);
}
