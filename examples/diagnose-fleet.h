/*
 * uclog-diagnose --jobs N PATH...: every log under the paths (a rotated set
 * is one log), N at a time, each in a process of its own; one JSON object a
 * line for each log, in path order.
 */
#ifndef UCLOG_EXAMPLES_DIAGNOSE_FLEET_H
#define UCLOG_EXAMPLES_DIAGNOSE_FLEET_H

#include <stddef.h>

#include <uclog/diag.h>

#include "diagnose-view.h"

/* The value of --jobs (1 to 256) into *jobs: 0, or 2 having said why on stderr. */
int df_option_jobs(int *jobs, const char *val);

/* Diagnose every log under paths[0..n); the view chooses the calls shown. Returns the exit
 * status: the largest over the logs (2 an error said on stderr or in the log's line). */
int df_run(uclog_ctx *ctx, const uclog_diag_options *opts, dv_view *view, int jobs, char *const *paths, size_t n);

#endif
