/*
 * What uclog-diagnose shows of a report on a big log: the calls chosen by
 * --call-id and --failures. Works on a whole report and on the parts of a
 * streaming diagnosis alike, in memory that does not grow with the log.
 * (The --summary, a line per call then the totals, is libuclog-diag's
 * renderer's: diagnose-text.h.)
 */
#ifndef UCLOG_EXAMPLES_DIAGNOSE_VIEW_H
#define UCLOG_EXAMPLES_DIAGNOSE_VIEW_H

#include <stdint.h>

#include <uclog/diag.h>

typedef struct dv_view {
    int failures;            /* --failures: only calls with a warning or failure verdict */
    int summary;             /* --summary */
    int json;                /* --json */
    int stream;              /* --stream: a JSON object a line */
    char **ids;              /* --call-id values (the command line's), nids of them */
    unsigned char *id_found; /* per value: a call matched it */
    size_t nids;
    int32_t worst;           /* the worst severity of the verdicts shown */
} dv_view;

/* Whether call i of report r is shown (a call a --call-id matches is marked found). */
int dv_call_shown(dv_view *v, const uclog_diag_report *r, uint32_t i);

/* How many of r's calls are shown. */
uint32_t dv_shown_calls(dv_view *v, const uclog_diag_report *r);

/* Whether a verdict of r is shown: a log-wide one always, a call's when its call is. */
int dv_verdict_shown(dv_view *v, const uclog_diag_report *r, const uclog_diag_verdict *verdict);

/* Whether some call is left out (a filter is on). */
int dv_filtering(const dv_view *v);

/* After every call was seen: the first --call-id no call matched, or NULL. */
const char *dv_unmatched_id(const dv_view *v);

/* Mark the --call-id values that some call of r matches (for a whole report, before printing). */
void dv_match_ids(dv_view *v, const uclog_diag_report *r);

/* Fold the shown verdicts of r into v->worst (the exit status). */
void dv_note_worst(dv_view *v, const uclog_diag_report *r);

#endif
