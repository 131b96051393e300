/*
 * uclog-diagnose over two clients (diagnose-two.h). The order of the output:
 * client 1's report, client 2's, each as one client's is (its text under
 * "Client N of 2"; with --stream its parts as they come), then both sides of
 * the calls. --json: one document {"clients": [report, report],
 * "both_sides": ...}; --stream --json: each client's parts a line each,
 * with its client_number, then a last line {"both_sides": ...}.
 */
#include <stdio.h>
#include <string.h>

#include "clients.h"
#include "common.h"
#include "diagnose-both.h"
#include "diagnose-json.h"
#include "diagnose-stream.h"
#include "diagnose-two.h"

typedef struct {
    ds_stream st;
    db_side *side;
} two_part;

/* A part of one client's streaming diagnosis: printed, and kept for both sides. */
static int on_part(const uclog_diag_report *part, void *userdata)
{
    two_part *tp = userdata;
    int rc = ds_print_part(part, &tp->st);

    return rc ? rc : db_side_add(tp->side, tp->st.text->view, part);
}

static void heading(int side)
{
    printf("%sClient %d of 2\n", side ? "\n" : "", side + 1);
}

/* Client `side`'s diagnosis, streamed: its parts printed as they come. */
static int stream_side(dt_text *text, uclog_log *log, const uclog_diag_options *opts, db_side *s, int side)
{
    dv_view *view = text->view;
    two_part tp;
    int rc;

    memset(&tp, 0, sizeof(tp));
    tp.st.text = text;
    tp.st.log = log;
    tp.st.json = view->json;
    tp.st.client_number = side + 1;
    tp.side = s;
    dt_close(text);
    text->client_number = view->json ? side + 1 : 0;
    if (!view->json)
        heading(side);
    rc = uclog_diag_run_parts(log, opts, on_part, &tp);
    if (rc == 0 && view->summary)
        rc = dt_summary_end(text, tp.st.calls);
    text->client_number = 0;
    return rc;
}

/* Both clients' whole reports, as one client's is printed. */
static void print_whole(dt_text *text, uclog_diag_report *const rep[2])
{
    dv_view *view = text->view;
    int side;

    if (view->json)
        fputs(view->summary ? "{\"clients\": [" : "{\"schema\": \"" DJ_SCHEMA_ID "\", \"schema_version\": \""
                                                   DJ_SCHEMA_VERSION_TWO "\", \"clients\": [",
              stdout);
    for (side = 0; side < 2; side++) {
        if (view->json && side)
            fputs(", ", stdout);
        else if (!view->json)
            heading(side);
        if (view->summary) {
            dt_close(text);
            if (dt_summary_report(text, rep[side]) != 0)
                return;
        } else if (view->json) {
            dj_report(view, rep[side], NULL, 0);
        } else if (dt_report(text, rep[side]) != 0) {
            return;
        }
    }
    if (view->json)
        fputs("], \"both_sides\": ", stdout);
}

/* The part of both sides, ending the output. Returns 0 or UCLOG_E_NOMEM. */
static int print_both(const dv_view *view, const db_side s[2], const ex_skew *skew)
{
    int rc;

    if (view->json && view->stream)
        fputs("{\"schema\": \"" DJ_SCHEMA_ID "\", \"schema_version\": \"" DJ_SCHEMA_VERSION_TWO "\", \"both_sides\": ",
              stdout);
    rc = db_print_both(s, skew, view->json ? DB_JSON : view->summary ? DB_SUMMARY : DB_TEXT);
    if (view->json)
        fputs("}\n", stdout);
    return rc < 0 ? rc : 0;
}

static int no_such_call(const dv_view *view)
{
    if (!dv_unmatched_id(view))
        return 0;
    ex_stdout_flush();
    fputs("uclog-diagnose: --call-id ", stderr);
    fputs(dv_unmatched_id(view), stderr);
    fputs(": no audio/video call attempt has this Call-ID (or one starting with it)\n", stderr);
    return 1;
}

int d2_run(dt_text *text, uclog_ctx *ctx, const uclog_diag_options *opts, char *const *files, size_t n,
           const int *which)
{
    dv_view *view = text->view;
    uclog_log *log[2];
    uclog_diag_report *rep[2] = {NULL, NULL};
    db_side s[2];
    ex_skew skew;
    int side, rc = ex_clients_open(log, ctx, "uclog-diagnose", files, n, which), status = 2;

    memset(s, 0, sizeof(s));
    memset(&skew, 0, sizeof(skew));
    for (side = 0; rc == 0 && side < 2; side++) {
        if (view->stream) {
            rc = stream_side(text, log[side], opts, &s[side], side);
        } else if ((rc = uclog_diag_run(&rep[side], log[side], opts)) == 0) {
            rc = db_side_add(&s[side], view, rep[side]);
            dv_note_worst(view, rep[side]);
        }
    }
    if (rc == 0)
        rc = db_skew(&skew, log[0], log[1]);
    if (rc != 0 && rc != EX_SAID) {
        ex_stdout_flush();
        fprintf(stderr, "uclog-diagnose: %s\n",
                uclog_ctx_errcode(ctx) == rc ? uclog_ctx_errmsg(ctx) : uclog_strerror(rc));
    }
    if (rc == 0 && !no_such_call(view)) {
        if (!view->stream)
            print_whole(text, rep);
        if (print_both(view, s, &skew) == 0)
            status = view->worst == UCLOG_DIAG_FAILURE ? 1 : 0;
        else
            fputs("uclog-diagnose: out of memory\n", stderr);
    }
    for (side = 0; side < 2; side++) {
        db_side_free(&s[side]);
        uclog_diag_report_free(rep[side]);
        uclog_log_free(log[side]);
    }
    return status;
}
