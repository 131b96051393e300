/* What uclog-diagnose shows of a report: the calls chosen, and the summary. */
#include "diagnose-view.h"

#include <stdio.h>
#include <string.h>

#include "common.h"


/* A call's direction in one of three words: bare SIP messages do not say it. */
static const char *dv_direction(int32_t dir, const char *out, const char *in, const char *unknown)
{
    return dir == UCLOG_DIAG_CALL_OUTGOING ? out : dir == UCLOG_DIAG_CALL_INCOMING ? in : unknown;
}

/* ---- which calls ---- */

/* Call-ID is the value, or starts with it: as --call-id of uclog-dump and uclog-flow. */
static int id_matches(const char *call_id, const char *want)
{
    return call_id && !strncmp(call_id, want, strlen(want));
}

static int32_t call_worst(const uclog_diag_report *r, uint32_t i)
{
    const uclog_diag_verdict *w = uclog_diag_report_call_worst_verdict(r, i);
    return w ? uclog_diag_verdict_severity(w) : UCLOG_DIAG_OK;
}

int dv_call_shown(dv_view *v, const uclog_diag_report *r, uint32_t i)
{
    size_t k;
    int named = !v->nids;

    for (k = 0; k < v->nids; k++)
        if (id_matches(uclog_diag_report_call_id(r, i), v->ids[k])) {
            v->id_found[k] = 1;
            named = 1;
        }
    return named && (!v->failures || call_worst(r, i) >= UCLOG_DIAG_WARNING);
}

uint32_t dv_shown_calls(dv_view *v, const uclog_diag_report *r)
{
    uint32_t i, n = 0;

    for (i = 0; i < uclog_diag_report_call_count(r); i++)
        n += (uint32_t)dv_call_shown(v, r, i);
    return n;
}

int dv_verdict_shown(dv_view *v, const uclog_diag_report *r, const uclog_diag_verdict *verdict)
{
    int32_t call = uclog_diag_verdict_call(verdict);
    return call < 0 || dv_call_shown(v, r, (uint32_t)call);
}

int dv_filtering(const dv_view *v)
{
    return v->nids || v->failures;
}

const char *dv_unmatched_id(const dv_view *v)
{
    size_t k;

    for (k = 0; k < v->nids; k++)
        if (!v->id_found[k])
            return v->ids[k];
    return NULL;
}

void dv_match_ids(dv_view *v, const uclog_diag_report *r)
{
    uint32_t i;

    for (i = 0; v->nids && i < uclog_diag_report_call_count(r); i++)
        dv_call_shown(v, r, i);
}

void dv_note_worst(dv_view *v, const uclog_diag_report *r)
{
    uint32_t i;

    for (i = 0; i < uclog_diag_report_verdict_count(r); i++) {
        const uclog_diag_verdict *verdict = uclog_diag_report_verdict(r, i);
        if (uclog_diag_verdict_severity(verdict) > v->worst && dv_verdict_shown(v, r, verdict))
            v->worst = uclog_diag_verdict_severity(verdict);
    }
}

/* ---- the summary ---- */

/* The verdict column: a code and the longest name of the registry. */
static int verdict_width(void)
{
    int32_t c;
    int w = 0;

    for (c = uclog_diag_code_next(0); c; c = uclog_diag_code_next(c))
        if ((int)strlen(uclog_diag_code_name(c)) > w)
            w = (int)strlen(uclog_diag_code_name(c));
    return w + 4;
}

/* Log text padded to `width` columns (a longer text is written whole, then one space). */
static void put_padded(const char *s, int width)
{
    int n = ex_put_z(s);

    printf("%*s", n < width ? width - n + 2 : 2, "");
}

static void json_str(const char *s)
{
    ex_json_strn(s, s ? strlen(s) : 0);
}

static void json_verdict(int32_t code, const char *name, int32_t sev)
{
    if (sev < UCLOG_DIAG_WARNING) {
        fputs("null", stdout);
        return;
    }
    printf("{\"code\": %d, \"name\": ", (int)code);
    json_str(name);
    fputs(", \"severity\": ", stdout);
    json_str(uclog_diag_severity_name(sev));
    putchar('}');
}

static void header(dv_view *v, const uclog_diag_report *r)
{
    uint32_t i;

    if (!v->id_width) {
        v->id_width = 7;
        for (i = 0; i < uclog_diag_report_call_count(r); i++) {
            const char *id = uclog_diag_report_call_id(r, i);
            if (id && (int)strlen(id) > v->id_width && dv_call_shown(v, r, i))
                v->id_width = (int)strlen(id);
        }
    }
    if (v->json) {
        if (!v->stream)
            fputs("{\"calls\": [", stdout);
        return;
    }
    printf("%*s  %-23s  %-3s  %-12s  %-7s  %-*s  %-*s  %s\n", v->number_width, "call", "start", "dir", "outcome",
           "worst", verdict_width(), "verdict", v->id_width, "Call-ID", "peer");
}

static void line_json(dv_view *v, const uclog_diag_report *r, uint32_t i, uint32_t number,
                      const uclog_diag_verdict *w, const uclog_timestamp *ts)
{
    int32_t sev = w ? uclog_diag_verdict_severity(w) : UCLOG_DIAG_OK;

    if (!v->stream && v->lines)
        fputs(", ", stdout);
    putchar('{');
    if (v->client_number)
        printf("\"client_number\": %d, ", v->client_number);
    printf("\"number\": %u, \"call_id\": ", (unsigned)number);
    json_str(uclog_diag_report_call_id(r, i));
    fputs(", \"start\": ", stdout);
    if (ts)
        printf("\"%04u-%02u-%02uT%02u:%02u:%02u.%03u\"", ts->year, ts->month, ts->day, ts->hour, ts->minute,
               ts->second, ts->millisecond);
    else
        fputs("null", stdout);
    fputs(", \"direction\": ", stdout);
    json_str(dv_direction(uclog_diag_report_call_direction(r, i), "outgoing", "incoming", "unknown"));
    fputs(", \"peer\": ", stdout);
    json_str(uclog_diag_report_call_peer(r, i));
    fputs(", \"outcome\": ", stdout);
    json_str(uclog_diag_call_outcome_name(uclog_diag_report_call_outcome(r, i)));
    fputs(", \"worst\": ", stdout);
    json_str(uclog_diag_severity_name(sev));
    fputs(", \"verdict\": ", stdout);
    json_verdict(w ? uclog_diag_verdict_code(w) : 0, w ? uclog_diag_verdict_name(w) : NULL, sev);
    fputs(v->stream ? "}\n" : "}", stdout);
}

static void line_text(dv_view *v, const uclog_diag_report *r, uint32_t i, uint32_t number,
                      const uclog_diag_verdict *w, const uclog_timestamp *ts)
{
    int32_t sev = w ? uclog_diag_verdict_severity(w) : UCLOG_DIAG_OK;
    char verdict[96];

    printf("%*u  ", v->number_width, (unsigned)number);
    if (ts)
        printf("%04u-%02u-%02u %02u:%02u:%02u.%03u  ", ts->year, ts->month, ts->day, ts->hour, ts->minute, ts->second,
               ts->millisecond);
    else
        printf("%-23s  ", "-");
    printf("%-3s  %-12s  %-7s  ", dv_direction(uclog_diag_report_call_direction(r, i), "out", "in", "?"),
           uclog_diag_call_outcome_name(uclog_diag_report_call_outcome(r, i)), uclog_diag_severity_name(sev));
    if (sev >= UCLOG_DIAG_WARNING)
        snprintf(verdict, sizeof(verdict), "%d %s", (int)uclog_diag_verdict_code(w), uclog_diag_verdict_name(w));
    else
        snprintf(verdict, sizeof(verdict), "-");
    printf("%-*s  ", verdict_width(), verdict);
    put_padded(uclog_diag_report_call_id(r, i) ? uclog_diag_report_call_id(r, i) : "-", v->id_width);
    ex_put_z(uclog_diag_report_call_peer(r, i) ? uclog_diag_report_call_peer(r, i) : "-");
    putchar('\n');
}

/* The log-wide verdicts of r: the worst is kept for the last line. */
static void note_log_wide(dv_view *v, const uclog_diag_report *r)
{
    uint32_t i;

    for (i = 0; i < uclog_diag_report_verdict_count(r); i++) {
        const uclog_diag_verdict *w = uclog_diag_report_verdict(r, i);
        if (uclog_diag_verdict_call(w) < 0 && uclog_diag_verdict_severity(w) > v->log_worst) {
            v->log_worst = uclog_diag_verdict_severity(w);
            v->log_code = uclog_diag_verdict_code(w);
            v->log_name = uclog_diag_code_name(v->log_code);
        }
    }
}

void dv_summary_calls(dv_view *v, const uclog_diag_report *r, uint32_t first)
{
    uint32_t i, n = uclog_diag_report_call_count(r);

    note_log_wide(v, r);
    for (i = 0; i < n; i++) {
        const uclog_diag_verdict *w;
        uclog_timestamp ts;
        int32_t sev, outcome;
        if (!dv_call_shown(v, r, i))
            continue;
        if (v->lines == 0 && !v->headed) {
            header(v, r);
            v->headed = 1;
        }
        w = uclog_diag_report_call_worst_verdict(r, i);
        sev = w ? uclog_diag_verdict_severity(w) : UCLOG_DIAG_OK;
        outcome = uclog_diag_report_call_outcome(r, i);
        v->shown++;
        v->outcomes[outcome >= 0 && outcome < DV_OUTCOMES ? outcome : 0]++;
        v->failure += sev == UCLOG_DIAG_FAILURE;
        v->warning += sev == UCLOG_DIAG_WARNING;
        if (v->json)
            line_json(v, r, i, first + i + 1, w, uclog_diag_report_call_start(&ts, r, i) == 0 ? &ts : NULL);
        else
            line_text(v, r, i, first + i + 1, w, uclog_diag_report_call_start(&ts, r, i) == 0 ? &ts : NULL);
        v->lines++;
    }
}

static void end_json(const dv_view *v, uint32_t calls)
{
    uint32_t k;

    if (v->stream && v->client_number)
        printf("{\"client_number\": %d, \"log\": {\"worst\": ", v->client_number);
    else
        fputs(v->stream ? "{\"log\": {\"worst\": " : "], \"log\": {\"worst\": ", stdout);
    json_str(v->log_worst < 0 ? NULL : uclog_diag_severity_name(v->log_worst));
    fputs(", \"verdict\": ", stdout);
    json_verdict(v->log_code, v->log_name, v->log_worst);
    printf("}, \"totals\": {\"calls\": %u, \"shown\": %u", (unsigned)calls, (unsigned)v->shown);
    for (k = 0; k < DV_OUTCOMES; k++)
        printf(", \"%s\": %u", uclog_diag_call_outcome_name((int32_t)k), (unsigned)v->outcomes[k]);
    printf(", \"failure\": %u, \"warning\": %u}}%s", (unsigned)v->failure, (unsigned)v->warning, v->nested ? "" : "\n");
}

void dv_summary_end(dv_view *v, uint32_t calls)
{
    char verdict[96];
    uint32_t k;

    if (!v->headed) {
        header(v, NULL);
        v->headed = 1;
    }
    if (v->json) {
        end_json(v, calls);
        return;
    }
    if (v->log_worst >= UCLOG_DIAG_WARNING)
        snprintf(verdict, sizeof(verdict), "%d %s", (int)v->log_code, v->log_name ? v->log_name : "");
    else
        snprintf(verdict, sizeof(verdict), "-");
    printf("%*s  %-23s  %-3s  %-12s  %-7s  %s\n", v->number_width, "log", "-", "-", "-",
           v->log_worst < 0 ? "-" : uclog_diag_severity_name(v->log_worst), verdict);
    if (dv_filtering(v))
        printf("Total: calls %u shown of %u", (unsigned)v->shown, (unsigned)calls);
    else
        printf("Total: calls %u", (unsigned)calls);
    for (k = 0; k < DV_OUTCOMES; k++)
        printf(", %s %u", uclog_diag_call_outcome_name((int32_t)(k + 1) % DV_OUTCOMES),
               (unsigned)v->outcomes[(k + 1) % DV_OUTCOMES]);
    printf("; failure %u, warning %u\n", (unsigned)v->failure, (unsigned)v->warning);
}

void dv_summary_report(dv_view *v, const uclog_diag_report *r)
{
    uint32_t calls = uclog_diag_report_call_count(r), w;

    for (w = 10000; w <= calls && v->number_width < 10; w *= 10)
        v->number_width++;
    dv_summary_calls(v, r, 0);
    dv_summary_end(v, calls);
}

void dv_summary_reset(dv_view *v)
{
    v->headed = 0;
    v->id_width = v->stream ? 32 : 0; /* parts come one by one: a Call-ID of the usual length */
    v->number_width = v->stream ? 6 : 4;
    v->lines = v->shown = v->failure = v->warning = 0;
    memset(v->outcomes, 0, sizeof(v->outcomes));
    v->log_worst = -1;
    v->log_code = 0;
    v->log_name = NULL;
}
