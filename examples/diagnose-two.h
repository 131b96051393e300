/*
 * uclog-diagnose over two clients' logs (the caller's and the callee's,
 * told apart by ex_clients_split()): each client diagnosed and printed as
 * one client's log is (text, --json, --summary, --stream), then the part
 * "both sides of the calls" (diagnose-both.h).
 */
#ifndef UCLOG_EXAMPLES_DIAGNOSE_TWO_H
#define UCLOG_EXAMPLES_DIAGNOSE_TWO_H

#include <stddef.h>

#include <uclog/diag.h>

#include "diagnose-text.h"

/*
 * Two clients' files (which[i]: the client of file i). The text's view says the form (json,
 * stream, summary) and the calls shown; its --call-id values and worst severity take both
 * clients. Returns the exit status (0, 1 a failure verdict shown, 2 an error said on stderr).
 */
int d2_run(dt_text *text, uclog_ctx *ctx, const uclog_diag_options *opts, char *const *files, size_t n,
           const int *which);

#endif
