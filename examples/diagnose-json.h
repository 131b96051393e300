/*
 * uclog-diagnose --json: a report, or a part of one, as one JSON object of
 * the shape doc/uclog-diagnose.schema.json describes; the verdicts shown
 * are the view's. Also the refusal of a file that is not a client log.
 */
#ifndef UCLOG_EXAMPLES_DIAGNOSE_JSON_H
#define UCLOG_EXAMPLES_DIAGNOSE_JSON_H

#include <uclog/diag.h>

#include "diagnose-view.h"

/* The version of the output's shape, doc/uclog-diagnose.schema.json: the major number changes when a
 * field changes meaning or goes, the minor one when fields are added. A document states the first
 * version that has its form: one client's report 1.0, two clients' (both sides of their calls) 1.1. */
#define DJ_SCHEMA_ID "urn:uclog:uclog-diagnose.schema.json"
#define DJ_SCHEMA_VERSION "1.0"
#define DJ_SCHEMA_VERSION_TWO "1.1"

/* A string as JSON, null for NULL. */
void dj_str(const char *s);

/* Report r as one object, no line end after it. log (NULL: none): with --jobs, the path that
 * names the log, the first member; client_number (0: none): with --stream over two clients,
 * which client the part is of (1 or 2). */
void dj_report(dv_view *view, const uclog_diag_report *r, const char *log, int client_number);

/* A time as "2008-11-21T23:40:00.100"; null for NULL. */
void dj_time(const uclog_timestamp *ts);

/* Refuse a file of log that is neither a client log nor bare SIP messages: one line on stderr
 * after "uclog-diagnose: ", and with json the same in a JSON object, never a verdict. Returns 0
 * (every file is one), or EX_SAID (exit 2). */
int dj_refuse_not_log(const uclog_log *log, int json);

#endif
