/*
 * uclog-diagnose's text, written by libuclog-diag's renderer (uclog/diag-text.h): a whole report
 * (the files, the client, the verdicts under a heading for the sign-in and each call, the
 * checklists given more than once listed once at the end), or a --stream part. The calls shown
 * are the view's (--failures, --call-id). The --summary (a line per call, the totals; text or
 * JSON) is the same renderer's.
 */
#ifndef UCLOG_EXAMPLES_DIAGNOSE_TEXT_H
#define UCLOG_EXAMPLES_DIAGNOSE_TEXT_H

#include <uclog/diag-text.h>
#include <uclog/diag.h>

#include "diagnose-view.h"

typedef struct dt_text {
    dv_view *view;
    uclog_ctx *ctx;
    int colour;          /* severities in colour (escape sequences) */
    int width;           /* columns to wrap at; 0: not wrapped (a pipe or a file gets one line per item) */
    int client_number;   /* --stream --json --summary over two clients: whose lines (1, 2); 0: one client */
    uclog_diag_text *r;  /* made on first use, from the fields above and the view */
} dt_text;

/* A whole report on standard output. 0, or an error code (said on standard error). */
int dt_report(dt_text *t, const uclog_diag_report *r);

/* One part of a streaming diagnosis on standard output, its calls numbered after the parts before.
 * 0, or an error code (said on standard error). */
int dt_part(dt_text *t, const uclog_diag_report *part);

/* --summary: the lines of the calls shown of r (a whole report, or a --stream part), numbered from
 * first + 1. 0, or an error code (said on standard error). */
int dt_summary_calls(dt_text *t, const uclog_diag_report *r, uint32_t first);

/* --summary: the log's line and the totals (calls: in the log), after the last part. As JSON of a
 * whole report, no line end. 0, or an error code (said on standard error). */
int dt_summary_end(dt_text *t, uint32_t calls);

/* --summary of a whole report: its lines, the log's line, the totals. */
int dt_summary_report(dt_text *t, const uclog_diag_report *r);

/* Free the renderer. The next call makes a fresh one: a new stream (another client's) then
 * numbers its calls from 1 and refers to no checklist printed before, and the next summary is
 * another (its client number read again). */
void dt_close(dt_text *t);

#endif
