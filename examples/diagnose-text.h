/*
 * uclog-diagnose's text: a whole report (the files, the client, the
 * verdicts under a heading for the sign-in and each call, the checklists
 * given more than once listed once at the end), or the pieces --stream
 * prints part by part. The verdicts shown are the view's.
 */
#ifndef UCLOG_EXAMPLES_DIAGNOSE_TEXT_H
#define UCLOG_EXAMPLES_DIAGNOSE_TEXT_H

#include <stdint.h>

#include <uclog/diag.h>

#include "diagnose-view.h"

#define DT_CODES 1024

typedef struct dt_text {
    dv_view *view;
    int colour; /* severities in colour (escape sequences) */
    int width;  /* columns to wrap at; 0: not wrapped (a pipe or a file gets one line per item) */
    /* whole report: the verdicts shown of each code; 2 or more print the checklist once, at the end */
    uint32_t code_uses[DT_CODES];
    /* --stream: 1 + the number of the call whose verdict printed the code's checklist (UINT32_MAX: the sign-in) */
    uint32_t code_first[DT_CODES];
} dt_text;

/* A whole report: files, client, verdicts, shared checklists (the counts of checklists are r's own). */
void dt_report(dt_text *t, const uclog_diag_report *r);

/* "Log: FILE" for each of r's files. */
void dt_files(const uclog_diag_report *r);

/* The client, the number of calls (and of those shown), the unreadable packets. */
void dt_client(const dt_text *t, const uclog_diag_report *r, uint32_t calls, uint32_t shown);

/* The verdicts shown, under a heading for the sign-in and for each call (numbered from first + 1);
 * stream: a checklist given before is referred to ("as for call N above"). */
void dt_verdicts(dt_text *t, const uclog_diag_report *r, uint32_t first, int stream);

#endif
