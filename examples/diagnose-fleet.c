/* uclog-diagnose --jobs: many logs, each in a process of its own (diagnose-fleet.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "diagnose-fleet.h"
#include "diagnose-json.h"
#include "fleet.h"

typedef struct {
    uclog_ctx *ctx;
    const uclog_diag_options *opts;
    dv_view *view;
} fleet_args;

/* One log of the fleet, in a process of its own: its JSON object on one line; exit status as for one log. */
static int diagnose_one(const char *const *files, size_t n, void *userdata)
{
    const fleet_args *fa = userdata;
    uclog_log *log = NULL;
    uclog_diag_report *rep = NULL;
    int rc, status;

    rc = uclog_log_open_files(&log, fa->ctx, files, n);
    if (rc == 0)
        rc = uclog_diag_run(&rep, log, fa->opts);
    if (rc != 0) {
        ex_fleet_error_line(files[0], uclog_ctx_errcode(fa->ctx) == rc ? uclog_ctx_errmsg(fa->ctx) : uclog_strerror(rc));
        status = 2;
    } else {
        dj_report(fa->view, rep, files[0], 0);
        putchar('\n');
        status = uclog_diag_report_worst_severity(rep) == UCLOG_DIAG_FAILURE ? 1 : 0;
    }
    uclog_diag_report_free(rep);
    uclog_log_free(log);
    return status;
}

int df_run(uclog_ctx *ctx, const uclog_diag_options *opts, dv_view *view, int jobs, char *const *paths, size_t n)
{
    fleet_args fa = {ctx, opts, view};
    ex_fleet f;
    int status;
    size_t i;

    for (i = 0; i < n; i++) {
        if (!strcmp(paths[i], "-")) {
            fputs("uclog-diagnose: --jobs reads logs by name: '-' (standard input) cannot be one\n", stderr);
            return 2;
        }
    }
    if (ex_fleet_collect(&f, "uclog-diagnose", paths, n) != 0) {
        ex_fleet_free(&f);
        return 2;
    }
    if (f.nlogs == 0) {
        fputs("uclog-diagnose: no client log (*.uccapilog, *.uccapilog.gz, *.zip) under the paths given\n", stderr);
        ex_fleet_free(&f);
        return 2;
    }
    status = ex_fleet_run(&f, "uclog-diagnose", jobs, diagnose_one, &fa);
    ex_fleet_free(&f);
    return status;
}

int df_option_jobs(int *jobs, const char *val)
{
    char *end;
    long n = val && *val >= '0' && *val <= '9' ? strtol(val, &end, 10) : 0;

    if (n < 1 || n > 256 || *end) {
        fprintf(stderr, "uclog-diagnose: --jobs %s: not a number from 1 to 256\n", val ? val : "");
        return 2;
    }
    *jobs = (int)n;
    return 0;
}
