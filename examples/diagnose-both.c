/* Both sides of the calls two clients' logs share (diagnose-both.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients.h"
#include "common.h"
#include "diagnose-both.h"
#include "pair.h"

static const char *role(const uclog_diag_report *r, uint32_t call)
{
    int32_t d = uclog_diag_report_call_direction(r, call);

    return d == UCLOG_DIAG_CALL_OUTGOING ? "caller" : d == UCLOG_DIAG_CALL_INCOMING ? "callee" : "party";
}

/* Whether the call's verdicts on this side include code. */
static int has_code(const uclog_diag_report *r, uint32_t call, int32_t code)
{
    uint32_t i;

    for (i = 0; i < uclog_diag_report_verdict_count(r); i++) {
        const uclog_diag_verdict *v = uclog_diag_report_verdict(r, i);
        if (uclog_diag_verdict_call(v) == (int32_t)call && uclog_diag_verdict_code(v) == code)
            return 1;
    }
    return 0;
}

/* "  caller sip:alice@…: 210 NO_EDGE_CANDIDATE, 310 CALL_REJECTED" */
static void side_line(const uclog_diag_report *r, uint32_t call)
{
    uint32_t i, n = 0;
    const char *uri = uclog_diag_report_client_uri(r);

    printf("  %s ", role(r, call));
    ex_put_z(uri ? uri : "(unknown)");
    putchar(':');
    for (i = 0; i < uclog_diag_report_verdict_count(r); i++) {
        const uclog_diag_verdict *v = uclog_diag_report_verdict(r, i);
        if (uclog_diag_verdict_call(v) != (int32_t)call)
            continue;
        printf("%s %d %s", n++ ? "," : "", (int)uclog_diag_verdict_code(v), uclog_diag_verdict_name(v));
    }
    puts(n ? "" : " no verdict");
}

/* What the two sides' verdicts say together, one line each finding. */
static void conclusion(const uclog_diag_report *const r[2], const uint32_t call[2])
{
    int k, said = 0, ice[2];

    for (k = 0; k < 2; k++) {
        const char *who = role(r[k], call[k]);
        if (has_code(r[k], call[k], UCLOG_DIAG_NO_EDGE_CANDIDATE)) {
            printf("  So: the %s's offer lacked an Edge candidate (210 on the %s's side)\n", who, who);
            said++;
        }
        if (has_code(r[k], call[k], UCLOG_DIAG_EDGE_NAT_PRIVATE_ADDRESS)) {
            printf("  So: the %s's offer carries the Edge's private address, not its NAT'ed one (220)\n", who);
            said++;
        }
    }
    /* ICE failed: the ms-client-diagnostics that says so travels between the two, so both logs
     * may hold it; a side whose log alone holds it is named */
    ice[0] = has_code(r[0], call[0], UCLOG_DIAG_MEDIA_CONNECTIVITY_FAILED);
    ice[1] = has_code(r[1], call[1], UCLOG_DIAG_MEDIA_CONNECTIVITY_FAILED);
    if (ice[0] && ice[1]) {
        puts("  So: ICE failed: media did not connect between the two (300 in both logs)");
        said++;
    } else if (ice[0] || ice[1]) {
        k = ice[1];
        printf("  So: the %s's ICE failed: media did not connect, as its log alone says (300)\n", role(r[k], call[k]));
        said++;
    }
    if (!said)
        puts("  So: neither side's offer lacked an Edge candidate, and neither side says its ICE failed");
}

/* The skew between the two clients' clocks, from the messages one sent and the other received. */
static void print_skew(uclog_log *la, uclog_log *lb, const uclog_diag_report *a, const uclog_diag_report *b)
{
    uclog_index *ia = NULL, *ib = NULL;
    ex_skew s;
    const char *ua = uclog_diag_report_client_uri(a), *ub = uclog_diag_report_client_uri(b);

    if (uclog_index_build(&ia, la) == 0 && uclog_index_build(&ib, lb) == 0 && ex_pair_skew(&s, ia, ib) == 0 &&
        s.known) {
        fputs("Clock of ", stdout);
        ex_put_z(ub ? ub : "client 2");
        printf(" is %.3f s %s ", (double)(s.skew_ms < 0 ? -s.skew_ms : s.skew_ms) / 1000,
               s.skew_ms < 0 ? "behind" : "ahead of");
        ex_put_z(ua ? ua : "client 1");
        printf("'s,\nfrom %u messages one side sent and the other received (uclog-flow draws them)\n",
               (unsigned)(s.ab + s.ba));
    } else {
        puts("Clock skew unknown: no message went both ways between the two logs");
    }
    uclog_index_free(ia);
    uclog_index_free(ib);
}

unsigned db_print_both(const uclog_diag_report *a, const uclog_diag_report *b, uclog_log *la, uclog_log *lb)
{
    const uclog_diag_report *r[2] = {a, b};
    uint32_t c[2], i;
    unsigned shared = 0;
    const char *id;

    for (i = 0; i < uclog_diag_report_call_count(a); i++) {
        id = uclog_diag_report_call_id(a, i);
        c[0] = i;
        if (!id || uclog_diag_report_call_find(&c[1], b, id) != 0)
            continue;
        if (!shared++) {
            puts("\nBoth sides of the calls");
            print_skew(la, lb, a, b);
        }
        fputs("Call ", stdout);
        ex_put_z(id);
        putchar('\n');
        side_line(a, c[0]);
        side_line(b, c[1]);
        conclusion(r, c);
    }
    if (!shared)
        puts("\nBoth sides of the calls: no Call-ID is in both clients' logs");
    return shared;
}

/* Two clients' files (which[i]: file i's client): each client's report, then both sides of the
 * calls they share. Returns the exit status. */
int db_diagnose_two(dt_text *text, uclog_ctx *ctx, const uclog_diag_options *opts, char *const *files, size_t n,
                    const int *which)
{
    dv_view *view = text->view;
    uclog_log *log[2];
    uclog_diag_report *rep[2] = {NULL, NULL};
    int side, rc = ex_clients_open(log, ctx, "uclog-diagnose", files, n, which);

    for (side = 0; rc == 0 && side < 2; side++)
        rc = uclog_diag_run(&rep[side], log[side], opts);
    if (rc != 0 && rc != EX_SAID)
        fprintf(stderr, "uclog-diagnose: %s\n", uclog_ctx_errcode(ctx) == rc ? uclog_ctx_errmsg(ctx) : uclog_strerror(rc));
    for (side = 0; rc == 0 && side < 2; side++) {
        dv_match_ids(view, rep[side]);
        dv_note_worst(view, rep[side]);
    }
    if (rc == 0 && dv_unmatched_id(view)) {
        fputs("uclog-diagnose: --call-id ", stderr);
        fputs(dv_unmatched_id(view), stderr);
        fputs(": no audio/video call attempt has this Call-ID (or one starting with it)\n", stderr);
        rc = UCLOG_E_NOT_FOUND;
    }
    for (side = 0; rc == 0 && side < 2; side++) {
        printf("%sClient %d of 2\n", side ? "\n" : "", side + 1);
        dt_report(text, rep[side]);
    }
    if (rc == 0)
        db_print_both(rep[0], rep[1], log[0], log[1]);
    for (side = 0; side < 2; side++) {
        uclog_diag_report_free(rep[side]);
        uclog_log_free(log[side]);
    }
    return rc != 0 ? 2 : view->worst == UCLOG_DIAG_FAILURE ? 1 : 0;
}
