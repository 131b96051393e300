/*
 * uclog-report's parts: the data of the page (report-data.c: a client's
 * verdicts, calls and messages, as members of one JSON object;
 * report-both.c: two clients' shared calls paired) and the page around it
 * (uclog-report.c, with the style and script of examples/report/ embedded at
 * build time as ex_report_css and ex_report_js).
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

/* The page's settings as members of its data object: "version", "show_secrets", "edge_ips". */
void rp_write_head(FILE *out, const rp_options *o);

/*
 * Write one client's part of the page's data as members of a JSON object
 * ("files", "client", "verdicts", "calls", "messages"), safe inside a
 * <script> element (every '<' escaped): the report's verdicts with their
 * evidence linked to the message each cites, the index's calls, and every
 * message of the index with its text and the index's retransmissions and
 * timings. Returns 0 or a UCLOG_E_* error (out of memory, or the index
 * refused a message it counted).
 */
int rp_write_side(FILE *out, const uclog_index *idx, const uclog_diag_report *r, const rp_options *o);

/*
 * Two clients' logs A and B (report-both.c): the member "both", the clocks'
 * skew and every Call-ID both hold with its messages paired ([A's number or
 * null, B's or null, 1 A to B / 0 B to A / -1 neither], in time order).
 * Returns 0 or UCLOG_E_NOMEM.
 */
int rp_write_both(FILE *out, const uclog_index *A, const uclog_index *B);

/* A JSON string of s (n bytes) as it is: no masking. */
void rp_json_string(FILE *out, const char *s, size_t n);

#endif
