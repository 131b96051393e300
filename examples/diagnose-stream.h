/*
 * uclog-diagnose --stream: the parts of a streaming diagnosis printed as
 * they come (uclog_diag_run_parts()): the files first, each call's verdicts
 * when it ends, the client and the log-wide verdicts last; with --json an
 * object a line; with --summary a line per call.
 */
#ifndef UCLOG_EXAMPLES_DIAGNOSE_STREAM_H
#define UCLOG_EXAMPLES_DIAGNOSE_STREAM_H

#include <stdint.h>

#include <uclog/diag.h>

#include "diagnose-text.h"

typedef struct ds_stream {
    dt_text *text;         /* its view says what is shown */
    const uclog_log *log;  /* refused at the first part when it is not a client log */
    int json;
    int client_number;     /* over two clients: which one (1 or 2); 0: one client */
    uint32_t parts, calls, shown;
} ds_stream;

/* A uclog_diag_part_fn; userdata a ds_stream. Returns 0, or EX_SAID: the log was refused. */
int ds_print_part(const uclog_diag_report *part, void *userdata);

#endif
