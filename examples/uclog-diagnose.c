/*
 * uclog-diagnose: why did an external audio/video call fail?
 * Walks the troubleshooting procedure over a client log and prints each
 * step's verdict with its evidence and checklist, as text or JSON.
 * A thin program on the public API; the logic lives in libuclog-diag.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <uclog/diag.h>
#include <uclog/uclog.h>

#include "colour.h"
#include "clients.h"
#include "common.h"
#include "diagnose-fleet.h"
#include "diagnose-json.h"
#include "diagnose-registry.h"
#include "diagnose-stream.h"
#include "diagnose-text.h"
#include "diagnose-two.h"
#include "folders.h"
#include "diagnose-view.h"
#include "follow.h"
#include "options.h"
#include "os.h"

static void usage(FILE *out)
{
    fputs("usage: uclog-diagnose [--json] [--stream] [--summary] [--failures]\n"
          "                      [--call-id ID]... [--edge-ip IP]... [--edge-nat-ip IP]\n"
          "                      [--edge-private-ip IP]... [--location remote|internal]\n"
          "                      FILE...\n"
          "       uclog-diagnose --jobs N [OPTION]... PATH...\n"
          "       uclog-diagnose --follow [options] FILE\n"
          "       uclog-diagnose --explain CODE\n"
          "Diagnose an external audio/video call failure from a Communicator, Lync or\n"
          "Skype for Business client log (*.uccapilog). Several FILEs of one signed-in\n"
          "user are read as one rotated set, in any order; '-' (once, anywhere) reads\n"
          "standard input, the FILEs then one set. A FILE may be gzip-compressed, or a\n"
          "zip (of the Tracing folder): its *.uccapilog files are read. FILEs of two\n"
          "users (the caller's log and the callee's) are two clients: each diagnosed\n"
          "(in every form below), then per shared call which side's offer lacked an\n"
          "Edge candidate or whose ICE failed.\n"
          "\n"
          "  --json               one JSON object instead of text\n"
          "  --stream             one pass in memory that does not grow with the log: each\n"
          "                       call when it ends, the client and the log-wide verdicts\n"
          "                       last ('-' alone is read as it comes; JSON: an object a\n"
          "                       line)\n"
          "  --summary            one line per call: start, direction, outcome, worst\n"
          "                       severity, failing verdict, Call-ID, peer; then the\n"
          "                       log-wide line and the totals\n"
          "  --call-id ID         only the calls whose Call-ID is ID or starts with it\n"
          "                       (repeatable; exit 2 when no call has it)\n"
          "  --failures           only the calls with a warning or failure verdict\n"
          "  -f, --follow         read FILE (one) as the client writes it, through its\n"
          "                       rotation, as --stream does: each call when it ends;\n"
          "                       Ctrl-C ends it with the client and log-wide verdicts\n"
          "  --edge-ip IP         an address of the A/V Edge's external interface\n"
          "                       (repeatable); without it the candidate verdicts are\n"
          "                       inferred\n"
          "  --edge-nat-ip IP     the public address the external interface is NAT-ed to\n"
          "  --edge-private-ip IP the external interface's private address behind NAT\n"
          "  --location WHERE     remote or internal: override what the log says\n"
          "  --color WHEN         auto (colour on a terminal, unless NO_COLOR is set),\n"
          "                       always or never\n"
          "  -j, --jobs N         diagnose many logs, N at a time: each PATH a log file or\n"
          "                       a folder whose tree is searched for *.uccapilog,\n"
          "                       *.uccapilog.gz and *.zip (a rotated set is one log);\n"
          "                       one JSON object a line for each log, in path order\n"
          "  --list-verdicts      print every verdict code with its checklist (Markdown)\n"
          "  --explain CODE       what an ms-diagnostics or ms-client-diagnostics code\n"
          "                       means, who raises it, what to check (exit 1: unknown)\n"
          "  --list-ms-codes      print the registry of those codes (Markdown)\n"
          "  -h, --help           this text\n"
          "  --version            the version\n"
          "Options come before the FILEs ('--' ends them); a value follows its option as\n"
          "the next argument or after '=' (--edge-ip=IP).\n"
          "\n"
          "A checklist shared by verdicts given more than once is printed once, at the\n"
          "end, with the calls it concerns. The log-wide verdicts are always shown.\n"
          "\n"
          "Exit status: 0 no failure found, 1 a failure verdict (among those shown), 2\n"
          "usage or input error (with --jobs: the largest over the logs).\n",
          out);
    ex_usage_log_folders(out);
}

/* ---- input ---- */

static int option_ip(int (*set)(uclog_diag_options *, const char *), uclog_diag_options *o, const char *opt,
                     const char *ip)
{
    if (set(o, ip) != 0) {
        fprintf(stderr, "uclog-diagnose: %s %s: not an IP address\n", opt, ip);
        return 2;
    }
    return 0;
}

int main(int argc, char **argv)
{
    uclog_ctx *ctx = NULL;
    uclog_log *log = NULL;
    uclog_follow *follow = NULL;
    uclog_diag_options *opts = NULL;
    uclog_diag_report *rep = NULL;
    char *input = NULL, *const *files;
    const char *val;
    ex_args a;
    size_t at, n;
    int id, json = 0, stream = 0, jobs = 0, following = 0, rc, status = 2, colour = EX_COLOUR_AUTO;
    dt_text text;
    dv_view view;
    ds_stream st;

    memset(&view, 0, sizeof(view));
    memset(&text, 0, sizeof(text));
    text.view = &view;

    ex_os_init(&argc, &argv);
    view.ids = calloc((size_t)argc + 1, sizeof(*view.ids));
    view.id_found = calloc((size_t)argc + 1, 1);
    if (!view.ids || !view.id_found || uclog_ctx_new(&ctx, NULL) || uclog_diag_options_new(&opts, ctx)) {
        fputs("uclog-diagnose: out of memory\n", stderr);
        goto out;
    }
    ex_args_init(&a, ex_options_diagnose, argc, argv);
    while ((rc = ex_args_next(&id, &val, &a)) == 0) {
        switch (id) {
        case EX_OPT_HELP:
            usage(stdout);
            status = 0;
            goto done;
        case EX_OPT_VERSION:
            printf("uclog-diagnose %s\n", uclog_version_string());
            status = 0;
            goto done;
        case EX_OPT_LIST_VERDICTS:
            dr_list_verdicts();
            status = 0;
            goto done;
        case EX_OPT_LIST_MS_CODES:
            dr_list_ms_codes();
            status = 0;
            goto done;
        case EX_OPT_EXPLAIN:
            status = dr_explain(val);
            goto done;
        case EX_OPT_JSON:
            json = 1;
            break;
        case EX_OPT_STREAM:
            stream = 1;
            break;
        case EX_OPT_SUMMARY:
            view.summary = 1;
            break;
        case EX_OPT_FAILURES:
            view.failures = 1;
            break;
        case EX_OPT_CALL_ID:
            view.ids[view.nids++] = (char *)val;
            break;
        case EX_OPT_JOBS:
            if (df_option_jobs(&jobs, val))
                goto out;
            break;
        case EX_OPT_FOLLOW:
            following = stream = 1;
            break;
        case EX_OPT_COLOR:
            if (ex_colour_parse(&colour, val)) {
                fprintf(stderr, "uclog-diagnose: --color %s: not auto, always or never\n", val);
                goto out;
            }
            break;
        case EX_OPT_EDGE_IP:
            if (option_ip(uclog_diag_options_add_edge_ip, opts, "--edge-ip", val))
                goto out;
            break;
        case EX_OPT_EDGE_NAT_IP:
            if (option_ip(uclog_diag_options_set_edge_nat_ip, opts, "--edge-nat-ip", val))
                goto out;
            break;
        case EX_OPT_EDGE_PRIVATE_IP:
            if (option_ip(uclog_diag_options_add_edge_private_ip, opts, "--edge-private-ip", val))
                goto out;
            break;
        default: /* EX_OPT_LOCATION */
            if (strcmp(val, "remote") && strcmp(val, "internal")) {
                fprintf(stderr, "uclog-diagnose: --location %s: not remote or internal\n", val);
                goto out;
            }
            uclog_diag_options_set_client_location(opts, !strcmp(val, "remote") ? UCLOG_DIAG_LOCATION_REMOTE
                                                                                : UCLOG_DIAG_LOCATION_INTERNAL);
            break;
        }
    }
    if (rc < 0) {
        fprintf(stderr, "uclog-diagnose: %s\n", a.msg);
        goto out;
    }
    if (a.first >= argc) {
        usage(stderr);
        goto out;
    }
    files = argv + a.first;
    n = (size_t)(argc - a.first);
    if (jobs && stream) {
        fputs("uclog-diagnose: --jobs writes one JSON object for each log: --stream cannot go with it\n", stderr);
        goto out;
    }
    if (jobs) {
        status = df_run(ctx, opts, &view, jobs, files, n);
        if (ex_stdout_close("uclog-diagnose"))
            status = 2;
        goto out;
    }
    if (ex_check_files(&at, "uclog-diagnose", files, n) != 0)
        goto out;
    if (following && (n != 1 || at == 0)) {
        fputs("uclog-diagnose: --follow reads one FILE, not standard input\n", stderr);
        goto out;
    }
    text.ctx = ctx;
    text.colour = !json && ex_colour_decide(colour, STDOUT_FILENO);
    text.width = json ? 0 : ex_terminal_width(STDOUT_FILENO);
    view.json = json;
    view.stream = stream;
    view.worst = UCLOG_DIAG_OK;
    /* Files of two signed-in users are two clients: each diagnosed, then both sides of their calls. */
    if (!following && n > 1 && at == n) {
        int *which = calloc(n, sizeof(*which)), clients;
        char users[2][EX_USER_MAX];
        clients = which ? ex_clients_split(which, users, ctx, "uclog-diagnose", files, n, at) : -1;
        if (clients == 2)
            status = d2_run(&text, ctx, opts, files, n, which);
        free(which);
        if (clients != 1) {
            if (ex_stdout_close("uclog-diagnose"))
                status = 2;
            goto out;
        }
    }
    /* "-" alone with --stream is read as it comes; among files it is read whole */
    if (following)
        rc = ex_follow_open(&log, &follow, ctx, "uclog-diagnose", files[0]);
    else if (n == 1 && at == 0 && stream)
        rc = uclog_log_open_stream(&log, ctx, stdin, "-");
    else
        rc = ex_open_files(&log, ctx, "uclog-diagnose", "; --stream reads it in constant memory", files, n, at,
                           &input);
    if (rc == 0 && !stream && dj_refuse_not_log(log, json))
        rc = EX_SAID;
    if (rc == EX_SAID) {
        ex_stdout_close("uclog-diagnose");
        status = 2;
        goto out;
    }
    memset(&st, 0, sizeof(st));
    st.text = &text;
    st.json = json;
    st.log = log;
    if (rc == 0 && stream)
        rc = uclog_diag_run_parts(log, opts, ds_print_part, &st);
    else if (rc == 0)
        rc = uclog_diag_run(&rep, log, opts);
    if (rc == 0 && stream && st.parts == 0 && dj_refuse_not_log(log, json))
        rc = EX_SAID;
    if (rc == EX_SAID) {
        ex_stdout_close("uclog-diagnose");
        status = 2;
        goto out;
    }
    if (rc != 0) {
        fprintf(stderr, "uclog-diagnose: %s\n", uclog_ctx_errcode(ctx) == rc ? uclog_ctx_errmsg(ctx)
                                                                            : uclog_strerror(rc));
        goto out;
    }
    if (!stream)
        dv_match_ids(&view, rep);
    if (dv_unmatched_id(&view)) {
        if (stream)
            ex_stdout_flush();
        fputs("uclog-diagnose: --call-id ", stderr);
        fputs(dv_unmatched_id(&view), stderr);
        fputs(": no audio/video call attempt has this Call-ID (or one starting with it)\n", stderr);
        status = 2;
        goto done;
    }
    if (stream) {
        if (view.summary && dt_summary_end(&text, st.calls) != 0)
            goto done;
        status = view.worst == UCLOG_DIAG_FAILURE ? 1 : 0;
        goto done;
    }
    dv_note_worst(&view, rep);
    if (view.summary) {
        if (dt_summary_report(&text, rep) != 0)
            goto done;
        if (json)
            putchar('\n'); /* the summary's JSON object is left open to a larger document */
    } else if (json) {
        dj_report(&view, rep, NULL, 0);
        putchar('\n');
    } else if (dt_report(&text, rep) != 0) {
        goto done;
    }
    status = view.worst == UCLOG_DIAG_FAILURE ? 1 : 0;
done:
    if (ex_stdout_close("uclog-diagnose"))
        status = 2;
out:
    dt_close(&text);
    uclog_diag_report_free(rep);
    uclog_log_free(log);
    ex_follow_close(follow);
    uclog_diag_options_free(opts);
    uclog_ctx_free(ctx);
    free(input);
    free(view.ids);
    free(view.id_found);
    return status;
}
