/*
 * uclog-report: one HTML file that opens from disk with no network: the
 * verdicts of the diagnosis with their evidence, a ladder per call, and
 * every message in a list with filters. The page is a style and a script
 * (examples/report/, embedded at build time) and the data as one JSON object
 * (report-data.c) that the script renders.
 * A thin program on the public API; the logic lives in the library.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uclog/diag.h>
#include <uclog/uclog.h>

#include "common.h"
#include "folders.h"
#include "options.h"
#include "os.h"
#include "report.h"

#define PROG "uclog-report"
#define MAX_EDGE_IPS 16 /* as many as uclog_diag_options_add_edge_ip() takes */

static void usage(FILE *out)
{
    fputs("usage: uclog-report [--edge-ip IP]... [--show-secrets] [-o OUT] FILE...\n"
          "Write one HTML page of Communicator/Lync/Skype for Business client logs\n"
          "(*.uccapilog) that opens from disk with no network: the verdicts of the\n"
          "diagnosis (as uclog-diagnose gives them) with their evidence linked to the\n"
          "messages they cite, a ladder per call, and every message in a list with\n"
          "filters. Several FILEs are read as one rotated set; '-' reads standard input.\n"
          "\n"
          "  --edge-ip IP     an address of the A/V Edge's external interface\n"
          "                   (repeatable): the diagnosis is certain of candidates, and\n"
          "                   the ladders and candidates name it \"Edge\"\n"
          "  --show-secrets   keep the secrets (tokens, credentials, keys, ICE\n"
          "                   passwords) that are masked with * by default\n"
          "  -o, --output OUT the page to write (default: standard output)\n"
          "  -h, --help       this text\n"
          "  --version        the version\n"
          "Options come before the FILEs ('--' ends them).\n"
          "\n"
          "Exit status: 0 fine, 2 usage, input or output error.\n",
          out);
    ex_usage_log_folders(out);
}

/* The page around the data: everything inline, and a policy that forbids
 * the page any other source (no request can leave it, whatever a log holds). */
static int write_page(FILE *out, const uclog_index *idx, const uclog_diag_report *r, const rp_options *o)
{
    int rc;

    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"color-scheme\" content=\"light dark\">\n"
          "<title>uclog report</title>\n<style>\n",
          out);
    fputs(ex_report_css, out);
    fputs("</style>\n</head>\n<body>\n"
          "<noscript><p>This report is drawn by its script: allow scripts for this file.</p></noscript>\n"
          "<main id=\"report\" data-arrows=\"0\" data-verdicts=\"0\" data-rows=\"0\"></main>\n"
          "<script type=\"application/json\" id=\"uclog-data\">",
          out);
    rc = rp_write_data(out, idx, r, o);
    fputs("</script>\n<script>\n", out);
    fputs(ex_report_js, out);
    fputs("</script>\n</body>\n</html>\n", out);
    return rc;
}

static int say(int rc, uclog_ctx *ctx)
{
    fprintf(stderr, PROG ": %s\n", uclog_ctx_errcode(ctx) == rc ? uclog_ctx_errmsg(ctx) : uclog_strerror(rc));
    return rc;
}

int main(int argc, char **argv)
{
    uclog_ctx *ctx = NULL;
    uclog_log *log = NULL;
    uclog_index *idx = NULL;
    uclog_diag_options *dopts = NULL;
    uclog_diag_report *report = NULL;
    const char *edge[MAX_EDGE_IPS], *output = NULL, *val;
    rp_options o = {edge, 0, 0};
    char *input = NULL;
    ex_args a;
    size_t at, e;
    int i, id, rc;

    ex_os_init(&argc, &argv);
    ex_args_init(&a, ex_options_report, argc, argv);
    while ((rc = ex_args_next(&id, &val, &a)) == 0) {
        if (id == EX_OPT_HELP || id == EX_OPT_VERSION) {
            if (id == EX_OPT_HELP)
                usage(stdout);
            else
                printf(PROG " %s\n", uclog_version_string());
            return ex_stdout_close(PROG) ? 2 : 0;
        } else if (id == EX_OPT_EDGE_IP) {
            if (o.edge_ip_count == MAX_EDGE_IPS) {
                fprintf(stderr, PROG ": --edge-ip: at most %d addresses\n", MAX_EDGE_IPS);
                return 2;
            }
            edge[o.edge_ip_count++] = val;
        } else if (id == EX_OPT_OUTPUT) {
            output = val;
        } else {
            o.show_secrets = 1; /* EX_OPT_SHOW_SECRETS */
        }
    }
    if (rc < 0) {
        fprintf(stderr, PROG ": %s\n", a.msg);
        return 2;
    }
    i = a.first;
    if (i >= argc) {
        usage(stderr);
        return 2;
    }
    if (ex_check_files(&at, PROG, argv + i, (size_t)(argc - i)) != 0)
        return 2;
    if (uclog_ctx_new(&ctx, NULL) != 0 || uclog_diag_options_new(&dopts, ctx) != 0) {
        fputs(PROG ": out of memory\n", stderr);
        uclog_ctx_free(ctx);
        return 2;
    }
    for (e = 0, rc = 0; e < o.edge_ip_count && rc == 0; e++)
        if ((rc = uclog_diag_options_add_edge_ip(dopts, edge[e])) != 0)
            fprintf(stderr, PROG ": --edge-ip %s: not an IP address\n", edge[e]);
    if (rc != 0) {
        uclog_diag_options_free(dopts);
        uclog_ctx_free(ctx);
        return 2;
    }
    /* The index needs the log's bytes in memory: standard input is read whole. */
    rc = ex_open_files(&log, ctx, PROG, NULL, argv + i, (size_t)(argc - i), at, &input);
    if (rc != 0 && rc != EX_SAID)
        say(rc, ctx);
    if (rc == 0 && ex_not_log(log) != UINT32_MAX) {
        ex_say_not_log(PROG, log, ex_not_log(log));
        rc = EX_SAID;
    }
    if (rc == 0 && (rc = uclog_index_build(&idx, log)) != 0)
        say(rc, ctx);
    if (rc == 0 && (rc = uclog_diag_run(&report, log, dopts)) != 0)
        say(rc, ctx);
    if (rc == 0 && output && strcmp(output, "-") && ex_os_stdout_to(output) != 0) {
        perror(PROG ": cannot write the page");
        rc = UCLOG_E_IO;
    }
    if (rc == 0)
        ex_os_stdout_binary(); /* the page's bytes, the same on every system */
    if (rc == 0 && (rc = write_page(stdout, idx, report, &o)) != 0)
        say(rc, ctx);
    if (ex_stdout_close(PROG) != 0 && rc == 0)
        rc = UCLOG_E_IO;
    uclog_diag_report_free(report);
    uclog_diag_options_free(dopts);
    uclog_index_free(idx);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    free(input);
    return rc != 0 ? 2 : 0;
}
