/*
 * uclog-report's two halves: the data of the page (report-data.c: the
 * verdicts, the calls and every message, as one JSON object) and the page
 * around it (uclog-report.c, with the style and script of examples/report/
 * embedded at build time as ex_report_css and ex_report_js).
 */
#ifndef UCLOG_EXAMPLES_REPORT_H
#define UCLOG_EXAMPLES_REPORT_H

#include <stdio.h>

#include <uclog/diag.h>
#include <uclog/uclog.h>

extern const char ex_report_css[];
extern const char ex_report_js[];

/* What the page shows beside the log. */
typedef struct rp_options {
    const char *const *edge_ips; /* --edge-ip, named "Edge" on the ladders */
    size_t edge_ip_count;
    int show_secrets; /* 0: every text from the log through uclog_redact_mask_text() */
} rp_options;

/*
 * Write the page's data to out as one JSON object, safe inside a <script>
 * element (every '<' escaped): the report's verdicts with their evidence
 * linked to the message each cites, the index's calls, and every message of
 * the index with its text. Returns 0 or a UCLOG_E_* error (out of memory,
 * or the index refused a message it counted).
 */
int rp_write_data(FILE *out, const uclog_index *idx, const uclog_diag_report *r, const rp_options *o);

#endif
