/* uclog-diagnose --json: a report, or a part of one, as one JSON object (diagnose-json.h). */
#include <stdio.h>
#include <string.h>

#include "common.h"
#include "diagnose-json.h"

void dj_str(const char *s)
{
    ex_json_strn(s, s ? strlen(s) : 0);
}

void dj_time(const uclog_timestamp *ts)
{
    char t[32];

    if (!ts) {
        fputs("null", stdout);
        return;
    }
    snprintf(t, sizeof(t), "%04u-%02u-%02uT%02u:%02u:%02u.%03u", ts->year, ts->month, ts->day, ts->hour,
             ts->minute, ts->second, ts->millisecond);
    dj_str(t);
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
    dj_str(uclog_diag_ms_kind_name(kind));
    fputs(", \"ms_meaning\": ", stdout);
    dj_str(uclog_diag_ms_code_lookup(&c, kind, code) == 0 ? uclog_diag_ms_code_meaning(c) : NULL);
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
            dj_str(text);
        else
            printf("%lld", (long long)number);
    }
    putchar('}');
}

/* One evidence item as an object. */
static void dj_evidence(const uclog_diag_evidence *e)
{
    uclog_span sp;
    uclog_timestamp ts;

    uclog_diag_evidence_span(&sp, e);
    fputs("{\"file\": ", stdout);
    dj_str(uclog_diag_evidence_file(e));
    if (uclog_diag_evidence_file(e))
        printf(", \"line\": %u, \"offset\": %llu", (unsigned)sp.line, (unsigned long long)sp.offset);
    else
        fputs(", \"line\": null, \"offset\": null", stdout);
    fputs(", \"time\": ", stdout);
    dj_time(uclog_diag_evidence_time(&ts, e) == 0 ? &ts : NULL);
    fputs(", \"call_id\": ", stdout);
    dj_str(uclog_diag_evidence_call_id(e));
    fputs(", \"detail\": ", stdout);
    dj_str(uclog_diag_evidence_detail(e));
    print_json_ms_code(e);
    print_json_subject(e);
    putchar('}');
}

void dj_report(dv_view *view, const uclog_diag_report *r, const char *log, int client_number)
{
    uint32_t i, k, n, shown;

    putchar('{');
    if (log) {
        fputs("\"log\": ", stdout);
        dj_str(log);
        fputs(", ", stdout);
    }
    if (client_number)
        printf("\"client_number\": %d, ", client_number);
    fputs("\"schema\": \"" DJ_SCHEMA_ID "\", \"schema_version\": \"" DJ_SCHEMA_VERSION "\", \"files\": [", stdout);
    for (i = 0; i < uclog_diag_report_file_count(r); i++) {
        if (i)
            fputs(", ", stdout);
        dj_str(uclog_diag_report_file_name(r, i));
    }
    fputs("], \"client\": {\"uri\": ", stdout);
    dj_str(uclog_diag_report_client_uri(r));
    fputs(", \"user_agent\": ", stdout);
    dj_str(uclog_diag_report_client_user_agent(r));
    fputs(", \"version\": ", stdout);
    dj_str(uclog_diag_report_client_version(r));
    fputs(", \"location\": ", stdout);
    dj_str(uclog_diag_location_name(uclog_diag_report_client_location(r)));
    fputs(", \"location_reason\": ", stdout);
    dj_str(uclog_diag_report_client_location_reason(r));
    fputs("}, \"calls\": [", stdout);
    for (i = 0, k = 0; i < uclog_diag_report_call_count(r); i++) {
        if (!dv_call_shown(view, r, i))
            continue;
        fputs(k++ ? ", {\"call_id\": " : "{\"call_id\": ", stdout);
        dj_str(uclog_diag_report_call_id(r, i));
        fputs(", \"direction\": ", stdout);
        dj_str(uclog_diag_report_call_direction(r, i) == UCLOG_DIAG_CALL_OUTGOING   ? "outgoing"
                 : uclog_diag_report_call_direction(r, i) == UCLOG_DIAG_CALL_INCOMING ? "incoming"
                                                                                      : "unknown");
        fputs(", \"peer\": ", stdout);
        dj_str(uclog_diag_report_call_peer(r, i));
        fputs(", \"cut\": ", stdout);
        dj_str(uclog_diag_call_cut_name(uclog_diag_report_call_cut(r, i)));
        putchar('}');
    }
    fputs("], \"unusable_packets\": {\"count\": ", stdout);
    printf("%llu, \"first\": [", (unsigned long long)uclog_diag_report_unusable_count(r));
    {
        uclog_span sp;
        for (i = 0; uclog_diag_report_unusable_span(&sp, r, i) == 0; i++) {
            fputs(i ? ", {\"file\": " : "{\"file\": ", stdout);
            dj_str(uclog_diag_report_file_name(r, sp.file));
            printf(", \"line\": %u, \"offset\": %llu}", (unsigned)sp.line, (unsigned long long)sp.offset);
        }
    }
    fputs("]}, \"verdicts\": [", stdout);
    n = uclog_diag_report_verdict_count(r);
    for (i = 0, shown = 0; i < n; i++) {
        const uclog_diag_verdict *v = uclog_diag_report_verdict(r, i);
        if (!dv_verdict_shown(view, r, v))
            continue;
        printf("%s{\"code\": %d, \"name\": ", shown++ ? ", " : "", (int)uclog_diag_verdict_code(v));
        dj_str(uclog_diag_verdict_name(v));
        fputs(", \"severity\": ", stdout);
        dj_str(uclog_diag_severity_name(uclog_diag_verdict_severity(v)));
        fputs(", \"certainty\": ", stdout);
        dj_str(uclog_diag_certainty_name(uclog_diag_verdict_certainty(v)));
        fputs(", \"reason\": ", stdout);
        dj_str(uclog_diag_verdict_reason(v));
        fputs(", \"step\": ", stdout);
        dj_str(uclog_diag_verdict_step(v));
        fputs(", \"summary\": ", stdout);
        dj_str(uclog_diag_verdict_summary(v));
        fputs(", \"call_id\": ", stdout);
        dj_str(uclog_diag_verdict_call_id(v));
        fputs(", \"evidence\": [", stdout);
        for (k = 0; k < uclog_diag_verdict_evidence_count(v); k++) {
            if (k)
                fputs(", ", stdout);
            dj_evidence(uclog_diag_verdict_evidence(v, k));
        }
        fputs("], \"checklist\": [", stdout);
        for (k = 0; k < uclog_diag_verdict_checklist_count(v); k++) {
            if (k)
                fputs(", ", stdout);
            dj_str(uclog_diag_verdict_checklist(v, k));
        }
        fputs("]}", stdout);
    }
    fputs("]}", stdout);
}

int dj_refuse_not_log(const uclog_log *log, int json)
{
    uint32_t i = ex_not_log(log);
    int32_t kind;

    if (i == UINT32_MAX)
        return 0;
    kind = uclog_log_file_kind(log, i);
    ex_say_not_log("uclog-diagnose", log, i);
    if (json) {
        fputs("{\"error\": \"not a client log\", \"file\": ", stdout);
        dj_str(uclog_log_file_name(log, i));
        fputs(", \"kind\": ", stdout);
        dj_str(uclog_file_kind_name(kind));
        fputs(", \"reason\": ", stdout);
        dj_str(uclog_file_kind_reason(kind));
        fputs("}\n", stdout);
    }
    return EX_SAID;
}
