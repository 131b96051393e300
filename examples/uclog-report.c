/*
 * uclog-report: one HTML file that opens from disk with no network: the
 * verdicts of the diagnosis with their evidence, a ladder per call, and
 * every message in a list with filters; with two clients' logs, both sides
 * of their shared calls (report-both.c). The page is a style and a script
 * (examples/report/, embedded at build time) and the data as one JSON object
 * (report-data.c) that the script renders.
 * A thin program on the public API; the logic lives in the library.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uclog/diag.h>
#include <uclog/uclog.h>

#include "clients.h"
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
          "filters; retransmissions marked and the transactions' timings shown.\n"
          "Several FILEs are read as one rotated set; '-' reads standard input. Files\n"
          "of two signed-in users (the caller's log and the callee's) are two clients:\n"
          "each one's diagnosis, and one ladder of both sides per shared Call-ID with\n"
          "the skew of their clocks.\n"
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

/* A client's log, its index and its diagnosis. */
typedef struct side {
    uclog_log *log;
    uclog_index *idx;
    uclog_diag_report *report;
} side;

/* The data: the first client's members, and with two clients the second's
 * as "other" and their shared calls as "both". */
static int write_data(FILE *out, const side *s, int sides, const rp_options *o)
{
    int rc;

    putc('{', out);
    rp_write_head(out, o);
    putc(',', out);
    rc = rp_write_side(out, s[0].idx, s[0].report, o);
    if (rc == 0 && sides == 2) {
        fputs(",\n\"other\":{", out);
        rc = rp_write_side(out, s[1].idx, s[1].report, o);
        fputs("},\n", out);
        if (rc == 0)
            rc = rp_write_both(out, s[0].idx, s[1].idx);
    }
    putc('}', out);
    return rc;
}

/* The page around the data: everything inline, and a policy that forbids
 * the page any other source (no request can leave it, whatever a log holds). */
static int write_page(FILE *out, const side *s, int sides, const rp_options *o)
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
    rc = write_data(out, s, sides, o);
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

/* The FILEs as one client (a rotated set) or two (by their signed-in users):
 * s[0] and s[1] opened, *sides their number. Returns 0, EX_SAID or an error to say. */
static int open_sides(side s[2], int *sides, uclog_ctx *ctx, char *const *files, size_t n, size_t at, char **input)
{
    char users[2][EX_USER_MAX];
    uclog_log *logs[2];
    int *which = calloc(n, sizeof(*which));
    int rc;

    if (!which)
        return UCLOG_E_NOMEM;
    *sides = ex_clients_split(which, users, ctx, PROG, files, n, at);
    if (*sides < 0) {
        rc = EX_SAID;
    } else if (*sides == 2) {
        rc = ex_clients_open(logs, ctx, PROG, files, n, which);
        s[0].log = logs[0];
        s[1].log = logs[1];
    } else {
        rc = ex_open_files(&s[0].log, ctx, PROG, NULL, files, n, at, input);
        if (rc == 0 && ex_not_log(s[0].log) != UINT32_MAX) {
            ex_say_not_log(PROG, s[0].log, ex_not_log(s[0].log));
            rc = EX_SAID;
        }
    }
    free(which);
    return rc;
}

int main(int argc, char **argv)
{
    uclog_ctx *ctx = NULL;
    uclog_diag_options *dopts = NULL;
    side s[2] = {{NULL, NULL, NULL}, {NULL, NULL, NULL}};
    const char *edge[MAX_EDGE_IPS], *output = NULL, *val;
    rp_options o = {edge, 0, 0};
    char *input = NULL;
    ex_args a;
    size_t at, e;
    int i, k, id, rc, sides = 1;

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
    rc = open_sides(s, &sides, ctx, argv + i, (size_t)(argc - i), at, &input);
    if (rc != 0 && rc != EX_SAID)
        say(rc, ctx);
    for (k = 0; k < sides && rc == 0; k++) {
        if ((rc = uclog_index_build(&s[k].idx, s[k].log)) != 0 || (rc = uclog_diag_run(&s[k].report, s[k].log, dopts)) != 0)
            say(rc, ctx);
    }
    if (rc == 0 && output && strcmp(output, "-") && ex_os_stdout_to(output) != 0) {
        perror(PROG ": cannot write the page");
        rc = UCLOG_E_IO;
    }
    if (rc == 0)
        ex_os_stdout_binary(); /* the page's bytes, the same on every system */
    if (rc == 0 && (rc = write_page(stdout, s, sides, &o)) != 0)
        say(rc, ctx);
    if (ex_stdout_close(PROG) != 0 && rc == 0)
        rc = UCLOG_E_IO;
    for (k = 0; k < 2; k++) {
        uclog_diag_report_free(s[k].report);
        uclog_index_free(s[k].idx);
        uclog_log_free(s[k].log);
    }
    uclog_diag_options_free(dopts);
    uclog_ctx_free(ctx);
    free(input);
    return rc != 0 ? 2 : 0;
}
