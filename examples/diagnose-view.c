/* What uclog-diagnose shows of a report: the calls chosen. */
#include "diagnose-view.h"

#include <string.h>

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
