/*
 * What uclog-diagnose shows of a report on a big log: the calls chosen by
 * --call-id and --failures, and the --summary (one line per call, then the
 * totals), as text or JSON. Works on a whole report and on the parts of a
 * streaming diagnosis alike, in memory that does not grow with the log.
 */
#ifndef UCLOG_EXAMPLES_DIAGNOSE_VIEW_H
#define UCLOG_EXAMPLES_DIAGNOSE_VIEW_H

#include <stdint.h>

#include <uclog/diag.h>

/* The outcomes of uclog_diag_call_outcome_name(), UNKNOWN to MEDIA_FAILED. */
#define DV_OUTCOMES 5

typedef struct dv_view {
    int failures;            /* --failures: only calls with a warning or failure verdict */
    int summary;             /* --summary */
    int json;                /* --json */
    int stream;              /* --stream: a JSON object a line */
    int headed;              /* the summary's header was written */
    int client_number;       /* --stream --json over two clients: which client a line is of (1, 2); 0 one */
    int nested;              /* the summary's JSON is a member of a larger document: no line end after it */
    char **ids;              /* --call-id values (the command line's), nids of them */
    unsigned char *id_found; /* per value: a call matched it */
    size_t nids;
    /* the summary's columns (fixed before the first line) and totals */
    int id_width, number_width;
    uint32_t lines, shown, outcomes[DV_OUTCOMES], failure, warning;
    int32_t log_worst;       /* the worst log-wide verdict's severity, -1 when none */
    int32_t log_code;        /* its code */
    const char *log_name;    /* its name (static storage: the registry's) */
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

/*
 * --summary: the lines of r's shown calls, numbered from first + 1 (its
 * log-wide verdicts are noted for dv_summary_end()); a header line before
 * the first. id_width of 0 sets it from r's calls.
 */
void dv_summary_calls(dv_view *v, const uclog_diag_report *r, uint32_t first);

/* --summary: the log-wide line and the totals, after the last part (calls: in the log). */
void dv_summary_end(dv_view *v, uint32_t calls);

/* --summary of a whole report: its lines (the number column as wide as its calls need), the end. */
void dv_summary_report(dv_view *v, const uclog_diag_report *r);

/* Before a summary (another client's): no line written, no total, the columns as --stream or a
 * whole report starts them. */
void dv_summary_reset(dv_view *v);

#endif
