/* The diagnostics library: each verdict from a fixture that produces it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uclog/diag.h>
#include <uclog/sip.h>

#include "testutil.h"

typedef struct {
    uclog_ctx *ctx;
    uclog_log *log;
    uclog_diag_options *opts;
    uclog_diag_report *rep;
} diag;

static void opts_new(diag *d)
{
    d->ctx = tu_ctx();
    ck_assert_int_eq(uclog_diag_options_new(&d->opts, d->ctx), 0);
}

static void run_files(diag *d, const char *const *names, size_t n)
{
    char paths[4][4096];
    const char *p[4];
    size_t i;

    for (i = 0; i < n; i++) {
        snprintf(paths[i], sizeof(paths[i]), "%s", tu_data(names[i]));
        p[i] = paths[i];
    }
    ck_assert_int_eq(uclog_log_open_files(&d->log, d->ctx, p, n), 0);
    ck_assert_int_eq(uclog_diag_run(&d->rep, d->log, d->opts), 0);
}

static void run1(diag *d, const char *name)
{
    if (!d->ctx)
        opts_new(d);
    run_files(d, &name, 1);
}

static void done(diag *d)
{
    uclog_diag_report_free(d->rep);
    uclog_log_free(d->log);
    uclog_diag_options_free(d->opts);
    uclog_ctx_free(d->ctx);
    ck_assert_int_eq(tu_live, 0);
}

/* The codes of the report, in order, as "170 230". */
static const char *codes(const diag *d)
{
    static char buf[256];
    uint32_t i, n = uclog_diag_report_verdict_count(d->rep);
    size_t len = 0;
    buf[0] = '\0';
    for (i = 0; i < n; i++)
        len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%d", i ? " " : "",
                                (int)uclog_diag_verdict_code(uclog_diag_report_verdict(d->rep, i)));
    return buf;
}

static const uclog_diag_verdict *find(const diag *d, int32_t code)
{
    uint32_t i;
    for (i = 0; i < uclog_diag_report_verdict_count(d->rep); i++)
        if (uclog_diag_verdict_code(uclog_diag_report_verdict(d->rep, i)) == code)
            return uclog_diag_report_verdict(d->rep, i);
    ck_abort_msg("no verdict %d in %s", (int)code, codes(d));
    return NULL;
}

/* The evidence item whose detail contains `text`. */
static const uclog_diag_evidence *evidence_with(const uclog_diag_verdict *v, const char *text)
{
    uint32_t i;
    for (i = 0; i < uclog_diag_verdict_evidence_count(v); i++) {
        const uclog_diag_evidence *e = uclog_diag_verdict_evidence(v, i);
        if (strstr(uclog_diag_evidence_detail(e), text))
            return e;
    }
    ck_abort_msg("no evidence with \"%s\" in verdict %d", text, (int)uclog_diag_verdict_code(v));
    return NULL;
}

START_TEST(seed_edge_undecided)
{
    diag d = {0};
    const uclog_diag_verdict *v;
    const uclog_diag_evidence *e;
    uclog_span sp;
    uclog_timestamp ts;

    run1(&d, "seed.uccapilog");
    ck_assert_str_eq(codes(&d), "170 215");
    ck_assert_str_eq(uclog_diag_report_client_uri(d.rep), "sip:bart@litwareinc.com");
    ck_assert_str_eq(uclog_diag_report_client_version(d.rep), "3.5.6874.0");
    ck_assert_int_eq(uclog_diag_report_client_location(d.rep), UCLOG_DIAG_LOCATION_REMOTE);
    ck_assert_ptr_nonnull(strstr(uclog_diag_report_client_location_reason(d.rep), "RemoteUser"));
    ck_assert_uint_eq(uclog_diag_report_call_count(d.rep), 1);
    ck_assert_str_eq(uclog_diag_report_call_id(d.rep, 0), "e41f3fa11696494d90130b78761b202c");
    ck_assert_int_eq(uclog_diag_report_call_direction(d.rep, 0), UCLOG_DIAG_CALL_OUTGOING);
    ck_assert_str_eq(uclog_diag_report_call_peer(d.rep, 0), "sip:jeremy@litwareinc.com");
    ck_assert_int_eq(uclog_diag_report_worst_severity(d.rep), UCLOG_DIAG_WARNING); /* no failure claimed */

    v = find(&d, UCLOG_DIAG_MRAS_OK);
    ck_assert_int_eq(uclog_diag_verdict_call(v), -1);
    ck_assert_ptr_null(uclog_diag_verdict_call_id(v));
    ck_assert_int_eq(uclog_diag_verdict_certainty(v), UCLOG_DIAG_CERTAIN);
    e = evidence_with(v, "mrasUri = sip:edgesrv.litwareinc.com@litwareinc.com;gruu;opaque=srvr:MRAS:P2nY_WtqnEGPHhBbcYD8VQAA");
    uclog_diag_evidence_span(&sp, e);
    ck_assert_uint_eq(sp.line, 75); /* the line of the mrasUri value */
    ck_assert_str_eq(uclog_diag_evidence_call_id(e), "8a9fb943e213456482dbede7bc8ea467");
    e = evidence_with(v, "media relay (internet): hostName avedge.litwareinc.com, UDP port 3478, TCP port 443");
    uclog_diag_evidence_span(&sp, e);
    ck_assert_uint_eq(sp.line, 120);
    ck_assert_str_eq(uclog_diag_evidence_call_id(e), "54b45caa1e33428abe89238d8b8ddd80");
    evidence_with(v, "duration 480 minutes");

    v = find(&d, UCLOG_DIAG_EDGE_CANDIDATE_UNDECIDED);
    ck_assert_str_eq(uclog_diag_verdict_name(v), "EDGE_CANDIDATE_UNDECIDED");
    ck_assert_int_eq(uclog_diag_verdict_severity(v), UCLOG_DIAG_WARNING);
    ck_assert_int_eq(uclog_diag_verdict_certainty(v), UCLOG_DIAG_INFERRED);
    ck_assert_ptr_nonnull(strstr(uclog_diag_verdict_reason(v), "no Edge address was given"));
    ck_assert_str_eq(uclog_diag_verdict_step(v), "edge");
    ck_assert_str_eq(uclog_diag_verdict_call_id(v), "e41f3fa11696494d90130b78761b202c");
    ck_assert_int_eq(uclog_diag_verdict_call(v), 0);
    ck_assert_uint_eq(uclog_diag_verdict_evidence_count(v), 10); /* the offer, its 8 candidates, how to decide */
    e = evidence_with(v, "offer: INVITE sip:jeremy@litwareinc.com SIP/2.0");
    uclog_diag_evidence_span(&sp, e);
    ck_assert_str_eq(uclog_diag_evidence_file(e), tu_data("seed.uccapilog"));
    ck_assert_uint_eq(sp.line, 129);
    ck_assert_uint_eq(sp.offset, 8837);
    ck_assert_int_eq(uclog_diag_evidence_time(&ts, e), 0);
    ck_assert_uint_eq(ts.hour, 23);
    ck_assert_uint_eq(ts.minute, 35);
    ck_assert_uint_eq(ts.second, 11);
    ck_assert_uint_eq(ts.millisecond, 691);
    e = evidence_with(v, "a=candidate:UOBdojwDkC1fPKrOEjaKI+g2VKcU8xLZDC0YmZdrsNk 1 1aZ9EbjsP8LMhi6fxLVJVQ UDP "
                         "0.830 192.168.1.10 50000 (the client's own: the packet's local address)");
    uclog_diag_evidence_span(&sp, e);
    ck_assert_uint_eq(sp.line, 167);
    /* the c= address and the relays' rank: not the client's, but not placed either */
    e = evidence_with(v, "0.490 192.168.1.7 52545 (undecided, ranked as a relay: not an address the log proves the "
                         "client's; ranked below the client's UDP host candidates (q 0.490 < 0.830); on the default "
                         "candidate's address (c=); port 52545 in the Edge media range 50000-59999; private address; "
                         "the perimeter the client reaches (192.168.1.5) is private");
    uclog_diag_evidence_span(&sp, e);
    ck_assert_uint_eq(sp.line, 171);
    evidence_with(v, "0.190 192.168.1.7 50746 (undecided, ranked as a relay: not an address the log proves the "
                     "client's; ranked below the client's TCP host candidates (q 0.190 < 0.250)");
    evidence_with(v, "to decide: give the address the MRAS relay hostName avedge.litwareinc.com resolves to as --edge-ip");
    ck_assert_uint_eq(uclog_diag_verdict_checklist_count(v), 2);
    ck_assert_ptr_nonnull(strstr(uclog_diag_verdict_checklist(v, 1), "--edge-ip"));
    done(&d);

    /* With the Edge's address given, the step passes, for certain. */
    memset(&d, 0, sizeof(d));
    opts_new(&d);
    ck_assert_int_eq(uclog_diag_options_add_edge_ip(d.opts, "192.168.1.7"), 0);
    run1(&d, "seed.uccapilog");
    ck_assert_str_eq(codes(&d), "170 230");
    v = find(&d, UCLOG_DIAG_EDGE_CANDIDATE_PRESENT);
    ck_assert_int_eq(uclog_diag_verdict_certainty(v), UCLOG_DIAG_CERTAIN);
    ck_assert_uint_eq(uclog_diag_verdict_evidence_count(v), 5); /* the offer and the 4 candidates on the Edge */
    evidence_with(v, "UDP 0.490 192.168.1.7 52545 (on the A/V Edge's external address given)");
    ck_assert_int_eq(uclog_diag_report_worst_severity(d.rep), UCLOG_DIAG_OK);
    done(&d);
}
END_TEST

START_TEST(seed_mras_uri_missing)
{
    diag d = {0};
    const uclog_diag_verdict *v;
    run1(&d, "seed-no-mras.uccapilog");
    ck_assert_str_eq(codes(&d), "130 200");
    v = find(&d, UCLOG_DIAG_MRAS_URI_MISSING);
    ck_assert_str_eq(uclog_diag_verdict_step(v), "mras-uri");
    evidence_with(v, "ServerConfiguration has no mrasUri");
    ck_assert_ptr_nonnull(strstr(uclog_diag_verdict_checklist(v, 0), "Edge Servers tab"));
    ck_assert_ptr_nonnull(strstr(uclog_diag_verdict_checklist(v, 1), "A/V Authentication Service list"));
    ck_assert_uint_eq(uclog_diag_report_call_count(d.rep), 0);
    done(&d);
}
END_TEST

/*
 * A provisioning 200 OK damaged after ServerConfiguration still gives its
 * mrasUri (the body is read only that far); damage inside the group is
 * still MRAS_URI_MISSING, saying the body could not be read.
 */
START_TEST(provisioning_damaged_after_the_group)
{
    diag d = {0};
    const uclog_diag_verdict *v;
    const uclog_diag_evidence *e;
    uclog_span sp;
    size_t len;
    char *text = tu_read("seed.uccapilog", &len);
    char *at = strstr(text, "</provisionGroupList>");

    ck_assert_ptr_nonnull(at);
    memcpy(at, "</provisionGroupLisX>", 21); /* same length: the byte counts still hold */
    opts_new(&d);
    ck_assert_int_eq(uclog_log_open_buffer(&d.log, d.ctx, text, len, "damaged-after"), 0);
    ck_assert_int_eq(uclog_diag_run(&d.rep, d.log, d.opts), 0);
    ck_assert_str_eq(codes(&d), "170 215");
    evidence_with(find(&d, UCLOG_DIAG_MRAS_OK), "mrasUri = sip:");
    done(&d);

    memcpy(at, "</provisionGroupList>", 21);
    at = strstr(text, "</mrasUri>");
    ck_assert_ptr_nonnull(at);
    at[2] = 'X'; /* </mXasUri>: a mismatched tag inside the group */
    memset(&d, 0, sizeof(d));
    opts_new(&d);
    ck_assert_int_eq(uclog_log_open_buffer(&d.log, d.ctx, text, len, "damaged-inside"), 0);
    ck_assert_int_eq(uclog_diag_run(&d.rep, d.log, d.opts), 0);
    ck_assert_str_eq(codes(&d), "125 215"); /* unreadable, not a confident MRAS_URI_MISSING */
    v = find(&d, UCLOG_DIAG_PROVISIONING_UNREADABLE);
    ck_assert_int_eq(uclog_diag_verdict_certainty(v), UCLOG_DIAG_UNREADABLE);
    ck_assert_int_eq(uclog_diag_verdict_severity(v), UCLOG_DIAG_WARNING);
    e = evidence_with(v, "its body could not be read: malformed XML at line 75, column 91: mismatched tag");
    uclog_diag_evidence_span(&sp, e);
    ck_assert_uint_eq(sp.line, 75); /* where the XML broke */
    done(&d);
    free(text);
}
END_TEST

/* An MRAS 200 OK whose XML does not parse: unreadable, never MRAS_REJECTED. */
START_TEST(mras_body_unreadable)
{
    diag d = {0};
    const uclog_diag_verdict *v;
    const uclog_diag_evidence *e;
    uclog_span sp;
    size_t len;
    char *text = tu_read("seed.uccapilog", &len);
    char *at = strstr(text, "</response>");

    ck_assert_ptr_nonnull(at);
    memcpy(at, "</responsX>", 11); /* same length: the byte counts still hold */
    opts_new(&d);
    ck_assert_int_eq(uclog_log_open_buffer(&d.log, d.ctx, text, len, "mras-damaged"), 0);
    ck_assert_int_eq(uclog_diag_run(&d.rep, d.log, d.opts), 0);
    ck_assert_str_eq(codes(&d), "165 215");
    v = find(&d, UCLOG_DIAG_MRAS_UNREADABLE);
    ck_assert_int_eq(uclog_diag_verdict_certainty(v), UCLOG_DIAG_UNREADABLE);
    ck_assert_ptr_nonnull(strstr(uclog_diag_verdict_reason(v), "no rejection is claimed"));
    e = evidence_with(v, "the 200 OK's MRAS body could not be read: malformed XML");
    uclog_diag_evidence_span(&sp, e);
    ck_assert_uint_eq(sp.line, 126); /* the line of </responsX> */
    done(&d);
    free(text);
}
END_TEST

START_TEST(seed_mras_unanswered)
{
    diag d = {0};
    const uclog_diag_verdict *v;
    const uclog_diag_evidence *e;
    uclog_span sp;

    run1(&d, "seed-mras-unanswered.uccapilog");
    ck_assert_str_eq(codes(&d), "150 215");
    v = find(&d, UCLOG_DIAG_MRAS_UNANSWERED);
    e = evidence_with(v, "sent: SERVICE sip:edgesrv.litwareinc.com@litwareinc.com");
    ck_assert_str_eq(uclog_diag_evidence_call_id(e), "54b45caa1e33428abe89238d8b8ddd80");
    uclog_diag_evidence_span(&sp, e);
    ck_assert_uint_eq(sp.line, 80);
    ck_assert_uint_eq(uclog_diag_verdict_checklist_count(v), 8);
    ck_assert_ptr_nonnull(strstr(uclog_diag_verdict_checklist(v, 3), "subject name"));
    done(&d);
}
END_TEST

START_TEST(edge_ip_given)
{
    diag d = {0};
    const uclog_diag_verdict *v;

    opts_new(&d);
    ck_assert_int_eq(uclog_diag_options_add_edge_ip(d.opts, "131.107.0.10"), 0);
    run1(&d, "seed.uccapilog");
    v = find(&d, UCLOG_DIAG_NO_EDGE_CANDIDATE);
    ck_assert_int_eq(uclog_diag_verdict_certainty(v), UCLOG_DIAG_CERTAIN);
    ck_assert_ptr_null(uclog_diag_verdict_reason(v));
    done(&d);

    memset(&d, 0, sizeof(d));
    opts_new(&d);
    ck_assert_int_eq(uclog_diag_options_add_edge_ip(d.opts, "131.107.0.10"), 0);
    run1(&d, "diag/relay-candidate.uccapilog");
    ck_assert_str_eq(codes(&d), "170 230");
    v = find(&d, UCLOG_DIAG_EDGE_CANDIDATE_PRESENT);
    ck_assert_int_eq(uclog_diag_verdict_certainty(v), UCLOG_DIAG_CERTAIN);
    evidence_with(v, "131.107.0.10 55000 (on the A/V Edge's external address given)");
    ck_assert_ptr_nonnull(strstr(uclog_diag_verdict_checklist(v, 0), "MRAS, S4 and SIPStack"));
    done(&d);

    memset(&d, 0, sizeof(d));
    opts_new(&d);
    ck_assert_int_eq(uclog_diag_options_add_edge_ip(d.opts, "2001:db8::10"), 0);
    run1(&d, "diag/relay-candidate.uccapilog");
    ck_assert_str_eq(codes(&d), "170 210"); /* a public candidate, but not the given Edge */
    v = find(&d, UCLOG_DIAG_NO_EDGE_CANDIDATE);
    ck_assert_int_eq(uclog_diag_verdict_certainty(v), UCLOG_DIAG_CERTAIN);
    evidence_with(v, "131.107.0.10 55000 (not on the A/V Edge address given)");
    done(&d);
}
END_TEST

START_TEST(edge_inferred)
{
    diag d = {0};
    const uclog_diag_verdict *v;

    run1(&d, "diag/relay-candidate.uccapilog");
    ck_assert_str_eq(codes(&d), "170 230");
    v = find(&d, UCLOG_DIAG_EDGE_CANDIDATE_PRESENT);
    ck_assert_int_eq(uclog_diag_verdict_certainty(v), UCLOG_DIAG_INFERRED);
    evidence_with(v, "131.107.0.10 55000 (inferred, a relay: not an address the log proves the client's; ranked below "
                     "the client's UDP host candidates (q 0.450 < 0.830); not the default candidate; port 55000 in "
                     "the Edge media range 50000-59999; public address)");
    ck_assert_int_eq(uclog_diag_report_worst_severity(d.rep), UCLOG_DIAG_OK);
    done(&d);
}
END_TEST

START_TEST(nat_private_address)
{
    diag d = {0};
    const uclog_diag_verdict *v;
    size_t len, k;
    char *text, *at;

    /* A private relay-ranked candidate while the client reaches a private
     * perimeter (the lab's Access Edge 192.168.1.5): the log does not decide. */
    run1(&d, "diag/nat-private.uccapilog");
    ck_assert_str_eq(codes(&d), "170 215");
    v = find(&d, UCLOG_DIAG_EDGE_CANDIDATE_UNDECIDED);
    ck_assert_int_eq(uclog_diag_verdict_certainty(v), UCLOG_DIAG_INFERRED);
    evidence_with(v, "10.20.30.40 55010 (undecided, ranked as a relay: not an address the log proves the client's; "
                     "ranked below the client's UDP host candidates (q 0.450 < 0.830)");
    done(&d);

    /* The same log with the Access Edge on a public address: a relay on a
     * private address behind a public perimeter is the NAT case, inferred. */
    memset(&d, 0, sizeof(d));
    text = tu_read("diag/nat-private.uccapilog", &len);
    for (at = text, k = 0; (at = strstr(at, "192.168.1.5:")) != NULL; at += 12, k++)
        memcpy(at, "131.107.0.5:", 12); /* same length: the byte counts still hold */
    ck_assert_uint_eq(k, 10); /* the framing of five packets */
    opts_new(&d);
    ck_assert_int_eq(uclog_log_open_buffer(&d.log, d.ctx, text, len, "public-perimeter"), 0);
    ck_assert_int_eq(uclog_diag_run(&d.rep, d.log, d.opts), 0);
    ck_assert_str_eq(codes(&d), "170 220");
    v = find(&d, UCLOG_DIAG_EDGE_NAT_PRIVATE_ADDRESS);
    ck_assert_int_eq(uclog_diag_verdict_certainty(v), UCLOG_DIAG_INFERRED);
    evidence_with(v, "10.20.30.40 55010 (inferred, a relay on a private address:");
    evidence_with(v, "while the client reaches a public perimeter (131.107.0.5)");
    ck_assert_ptr_nonnull(strstr(uclog_diag_verdict_checklist(v, 0), "External IP address is translated by NAT"));
    done(&d);
    free(text);

    memset(&d, 0, sizeof(d));
    opts_new(&d);
    ck_assert_int_eq(uclog_diag_options_add_edge_private_ip(d.opts, "10.20.30.40"), 0);
    ck_assert_int_eq(uclog_diag_options_set_edge_nat_ip(d.opts, "131.107.0.99"), 0);
    run1(&d, "diag/nat-private.uccapilog");
    ck_assert_str_eq(codes(&d), "170 220");
    v = find(&d, UCLOG_DIAG_EDGE_NAT_PRIVATE_ADDRESS);
    ck_assert_int_eq(uclog_diag_verdict_certainty(v), UCLOG_DIAG_CERTAIN);
    evidence_with(v, "(on the A/V Edge's private external address given (not the NAT-ed one))");
    done(&d);

    memset(&d, 0, sizeof(d));
    opts_new(&d);
    ck_assert_int_eq(uclog_diag_options_set_edge_nat_ip(d.opts, "131.107.0.10"), 0);
    run1(&d, "diag/relay-candidate.uccapilog");
    ck_assert_str_eq(codes(&d), "170 230"); /* the NAT-ed address is the Edge's public one */
    done(&d);
}
END_TEST

START_TEST(no_sip_traffic)
{
    diag d = {0};
    run1(&d, "diag/no-sip.uccapilog");
    ck_assert_str_eq(codes(&d), "100");
    ck_assert_ptr_nonnull(strstr(uclog_diag_verdict_checklist(find(&d, UCLOG_DIAG_NO_SIP_TRAFFIC), 0),
                                 "Turn on logging in Communicator"));
    ck_assert_ptr_null(uclog_diag_report_client_uri(d.rep));
    done(&d);
}
END_TEST

/* SIP traffic the procedure does not read is still SIP traffic: not 100. */
START_TEST(only_other_traffic)
{
    static const char text[] =
        "01/15/2012|11:30:10.100 1384:11C0 INFO  :: Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 71 bytes:\r\n"
        "01/15/2012|11:30:10.100 1384:11C0 INFO  :: OPTIONS sip:a SIP/2.0\r\nCall-ID: o1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"
        "01/15/2012|11:30:10.100 1384:11C0 INFO  :: End of Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 71 bytes\r\n";
    diag d = {0};

    opts_new(&d);
    ck_assert_int_eq(uclog_log_open_buffer(&d.log, d.ctx, text, sizeof(text) - 1, "options-only"), 0);
    ck_assert_int_eq(uclog_diag_run(&d.rep, d.log, d.opts), 0);
    ck_assert_str_eq(codes(&d), "110 200");
    evidence_with(find(&d, 110), "1 SIP messages read");
    done(&d);
}
END_TEST

/* A lone INVITE pasted into a ticket (bare SIP messages, direction unknown): its candidates
 * are judged, the sign-in the file cannot hold is information, never a failure. */
START_TEST(bare_invite_host_only)
{
    diag d = {0};
    const uclog_diag_verdict *v;
    const uclog_diag_evidence *e;
    uclog_span at;

    run1(&d, "sources/invite-lf.txt");
    ck_assert_str_eq(codes(&d), "110 210");
    v = find(&d, UCLOG_DIAG_PROVISIONING_NOT_FOUND);
    ck_assert_int_eq(uclog_diag_verdict_severity(v), UCLOG_DIAG_INFO);
    ck_assert_int_eq(uclog_diag_verdict_certainty(v), UCLOG_DIAG_INFERRED);
    ck_assert_ptr_nonnull(strstr(uclog_diag_verdict_reason(v), "bare SIP messages"));
    evidence_with(v, "1 bare SIP messages read: pasted text");
    ck_assert_int_eq(uclog_diag_report_worst_severity(d.rep), UCLOG_DIAG_FAILURE);
    ck_assert_uint_eq(uclog_diag_report_call_count(d.rep), 1);
    ck_assert_int_eq(uclog_diag_report_call_direction(d.rep, 0), UCLOG_DIAG_CALL_DIRECTION_UNKNOWN);
    ck_assert_str_eq(uclog_diag_report_call_id(d.rep, 0), "a84b4c76e66710@bart-pc");
    v = find(&d, UCLOG_DIAG_NO_EDGE_CANDIDATE);
    ck_assert_int_eq(uclog_diag_verdict_certainty(v), UCLOG_DIAG_CERTAIN);
    e = evidence_with(v, "192.168.1.10 50010 typ host");
    uclog_diag_evidence_span(&at, e);
    ck_assert_uint_eq(at.line, 22);
    done(&d);
}
END_TEST

START_TEST(bare_invite_relay)
{
    diag d = {0};
    const uclog_diag_evidence *e;
    uclog_span at;

    run1(&d, "sources/several-crlf.txt");
    ck_assert_str_eq(codes(&d), "110 230 310");
    ck_assert_int_eq(uclog_diag_verdict_severity(find(&d, 110)), UCLOG_DIAG_INFO);
    e = evidence_with(find(&d, UCLOG_DIAG_EDGE_CANDIDATE_PRESENT), "131.107.1.20 52000 typ relay");
    uclog_diag_evidence_span(&at, e);
    ck_assert_uint_eq(at.line, 23);
    evidence_with(find(&d, UCLOG_DIAG_CALL_REJECTED), "SIP/2.0 486 Busy Here");
    ck_assert_int_eq(uclog_diag_report_call_direction(d.rep, 0), UCLOG_DIAG_CALL_DIRECTION_UNKNOWN);
    done(&d);
}
END_TEST

/* Framing lines pasted without their record headers give the direction: an outgoing call. */
START_TEST(bare_invite_framed)
{
    diag d = {0};

    run1(&d, "sources/framed-invite.txt");
    ck_assert_str_eq(codes(&d), "110 210");
    ck_assert_int_eq(uclog_diag_report_call_direction(d.rep, 0), UCLOG_DIAG_CALL_OUTGOING);
    ck_assert_int_eq(uclog_diag_verdict_severity(find(&d, 110)), UCLOG_DIAG_INFO);
    done(&d);
}
END_TEST

START_TEST(provisioning_steps)
{
    diag d = {0};
    const uclog_diag_verdict *v;

    run1(&d, "diag/invite-only.uccapilog");
    ck_assert_str_eq(codes(&d), "110 215");
    ck_assert_ptr_nonnull(strstr(uclog_diag_verdict_checklist(find(&d, 110), 0), "Communicator-uccapi-1.uccapilog"));
    done(&d);

    memset(&d, 0, sizeof(d));
    run1(&d, "diag/provisioning-unanswered.uccapilog");
    ck_assert_str_eq(codes(&d), "120 215");
    ck_assert_str_eq(uclog_diag_verdict_summary(find(&d, 120)), "the provisioning SUBSCRIBE got no 200 OK with its Call-ID");
    done(&d);

    memset(&d, 0, sizeof(d));
    run1(&d, "diag/provisioning-refused.uccapilog");
    ck_assert_str_eq(codes(&d), "120 215");
    v = find(&d, UCLOG_DIAG_PROVISIONING_UNANSWERED);
    ck_assert_str_eq(uclog_diag_verdict_summary(v), "the provisioning SUBSCRIBE was refused with 403");
    evidence_with(v, "answer: SIP/2.0 403 Forbidden");
    evidence_with(v, "ms-diagnostics 4005 (user services: registration, user lookup): Destination URI either not "
                     "enabled for SIP or does not exist");
    done(&d);
}
END_TEST

START_TEST(mras_steps)
{
    diag d = {0};
    const uclog_diag_verdict *v;

    run1(&d, "diag/mras-not-requested.uccapilog");
    ck_assert_str_eq(codes(&d), "140 215");
    v = find(&d, UCLOG_DIAG_MRAS_NOT_REQUESTED);
    ck_assert_int_eq(uclog_diag_verdict_severity(v), UCLOG_DIAG_WARNING);
    evidence_with(v, "mrasUri = sip:edgesrv.litwareinc.com@litwareinc.com");
    evidence_with(v, "provisioning SUBSCRIBE sent");
    done(&d);

    memset(&d, 0, sizeof(d));
    run1(&d, "diag/mras-forbidden.uccapilog");
    ck_assert_str_eq(codes(&d), "160 215");
    v = find(&d, UCLOG_DIAG_MRAS_REJECTED);
    ck_assert_str_eq(uclog_diag_verdict_summary(v), "MRAS answered reasonPhrase \"Forbidden\" with no credentials");
    evidence_with(v, "reasonPhrase=\"Forbidden\", 0 credentialsResponse");
    ck_assert_uint_eq(uclog_diag_verdict_checklist_count(v), 9); /* its own item, then the internal interface */
    ck_assert_ptr_nonnull(strstr(uclog_diag_verdict_checklist(v, 0), "Forbidden"));
    done(&d);

    memset(&d, 0, sizeof(d));
    run1(&d, "diag/mras-504.uccapilog");
    ck_assert_str_eq(codes(&d), "160 215");
    v = find(&d, UCLOG_DIAG_MRAS_REJECTED);
    ck_assert_str_eq(uclog_diag_verdict_summary(v), "the MRAS SERVICE was refused with 504");
    evidence_with(v, "ms-diagnostics 1008 (SIP stack: proxy, routing, federation, TLS or DNS): Unable to resolve DNS SRV record");
    done(&d);
}
END_TEST

START_TEST(media_connectivity_failed)
{
    diag d = {0};
    const uclog_diag_verdict *v;

    run1(&d, "diag/media-failed.uccapilog");
    ck_assert_str_eq(codes(&d), "170 230 300");
    v = find(&d, UCLOG_DIAG_MEDIA_CONNECTIVITY_FAILED);
    ck_assert_ptr_nonnull(strstr(uclog_diag_verdict_summary(v), "ms-client-diagnostics 23: Call failed to establish"));
    evidence_with(v, "ICEWarn=0x40000a3 for audio");
    evidence_with(v, "ICEWarn bit 0x1: TURN server unreachable");
    evidence_with(v, "ICEWarn bit 0x2: UDP allocation on the TURN server failed");
    evidence_with(v, "ICEWarn bit 0x20: local (direct) connectivity failed");
    evidence_with(v, "ICEWarn bit 0x80: UDP TURN (relay) connectivity failed");
    evidence_with(v, "ICEWarn bit 0x4000000: TURN server FQDN was not resolved (DNS)");
    evidence_with(v, "LocalMR=131.107.0.10:55512");
    evidence_with(v, "RemoteMR is empty: the other side got no media relay");
    ck_assert_str_eq(uclog_diag_verdict_call_id(v), "e41f3fa11696494d90130b78761b202c");
    done(&d);
}
END_TEST

START_TEST(call_rejected)
{
    diag d = {0};
    const uclog_diag_verdict *v;

    run1(&d, "diag/call-rejected.uccapilog");
    ck_assert_str_eq(codes(&d), "170 230 310");
    v = find(&d, UCLOG_DIAG_CALL_REJECTED);
    ck_assert_str_eq(uclog_diag_verdict_summary(v), "the INVITE was refused with 404");
    evidence_with(v, "ms-diagnostics 4005 (user services: registration, user lookup)");
    done(&d);
}
END_TEST

/* Each evidence item that cites a diagnostics header carries its code and kind. */
START_TEST(evidence_ms_codes)
{
    diag d = {0};
    const uclog_diag_verdict *v;
    const uclog_diag_evidence *e;
    uint32_t code = 0, kind = 0;

    run1(&d, "diag/media-failed.uccapilog");
    v = find(&d, UCLOG_DIAG_MEDIA_CONNECTIVITY_FAILED);
    e = evidence_with(v, "ms-client-diagnostics: 23;");
    ck_assert_int_eq(uclog_diag_evidence_ms_code(&code, &kind, e), 0);
    ck_assert_uint_eq(code, 23);
    ck_assert_uint_eq(kind, UCLOG_SIP_DIAG_CLIENT);
    e = evidence_with(v, "ICEWarn=0x40000a3 for audio");
    ck_assert_int_eq(uclog_diag_evidence_ms_code(&code, &kind, e), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_diag_evidence_ms_code(NULL, &kind, e), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_evidence_ms_code(&code, &kind, NULL), UCLOG_E_INVALID_ARG);
    done(&d);

    memset(&d, 0, sizeof(d));
    run1(&d, "diag/call-rejected.uccapilog");
    v = find(&d, UCLOG_DIAG_CALL_REJECTED);
    ck_assert_int_eq(uclog_diag_verdict_severity(v), UCLOG_DIAG_FAILURE);
    e = evidence_with(v, "ms-diagnostics 4005");
    ck_assert_int_eq(uclog_diag_evidence_ms_code(&code, &kind, e), 0);
    ck_assert_uint_eq(code, 4005);
    ck_assert_uint_eq(kind, UCLOG_SIP_DIAG_SERVER);
    e = evidence_with(v, "answer: SIP/2.0 404 Not Found");
    ck_assert_int_eq(uclog_diag_evidence_ms_code(&code, &kind, e), UCLOG_E_NOT_FOUND);
    done(&d);
}
END_TEST

/* A refusal whose diagnostics say the call ended normally is not a failure. */
START_TEST(normal_end_is_not_a_failure)
{
    diag d = {0};
    const uclog_diag_verdict *v;
    uint32_t code, kind;

    run1(&d, "diag/call-declined.uccapilog");
    ck_assert_str_eq(codes(&d), "170 230 310");
    v = find(&d, UCLOG_DIAG_CALL_REJECTED);
    ck_assert_int_eq(uclog_diag_evidence_ms_code(&code, &kind, evidence_with(v, "ms-client-diagnostics 51004")), 0);
    ck_assert_uint_eq(code, 51004);
    ck_assert_int_eq(uclog_diag_verdict_severity(v), UCLOG_DIAG_INFO);
    ck_assert_int_eq(uclog_diag_report_worst_severity(d.rep), UCLOG_DIAG_INFO);
    done(&d);
}
END_TEST

START_TEST(ms_code_registry)
{
    const uclog_diag_ms_code *c, *prev = NULL, *found;
    uint32_t n = 0;

    ck_assert_int_eq(uclog_diag_ms_code_lookup(&c, UCLOG_SIP_DIAG_SERVER, 1046), 0);
    ck_assert_str_eq(uclog_diag_ms_code_meaning(c), "Failed to connect to a federated peer server.");
    ck_assert_str_eq(uclog_diag_ms_code_component(c), "Access Edge: federation");
    ck_assert_str_eq(uclog_diag_ms_code_confidence(c), "unverified");
    ck_assert_int_eq(uclog_diag_ms_code_normal_end(c), 0);
    ck_assert_uint_eq(uclog_diag_ms_code_id(c), 1046);
    ck_assert_uint_eq(uclog_diag_ms_code_kind(c), UCLOG_SIP_DIAG_SERVER);
    ck_assert_int_eq(uclog_diag_ms_code_lookup(&c, UCLOG_SIP_DIAG_SERVER, 1047), 0);
    ck_assert_str_eq(uclog_diag_ms_code_meaning(c), "Failed to complete TLS negotiation with a federated peer server.");
    ck_assert_str_eq(uclog_diag_ms_code_confidence(c), "field");
    /* ms-diagnostics-public shares the server ids */
    ck_assert_int_eq(uclog_diag_ms_code_lookup(&c, UCLOG_SIP_DIAG_PUBLIC, 4003), 0);
    ck_assert_str_eq(uclog_diag_ms_code_meaning(c), "From URI not enabled for remote access.");
    ck_assert_str_eq(uclog_diag_ms_code_source(c), "[MS-OCER] front end ErrorIds (4000-4999)");
    ck_assert_str_eq(uclog_diag_ms_code_confidence(c), "spec");
    /* the hang-up is a normal end; a media failure is not */
    ck_assert_int_eq(uclog_diag_ms_code_lookup(&c, UCLOG_SIP_DIAG_CLIENT, 51004), 0);
    ck_assert_int_eq(uclog_diag_ms_code_normal_end(c), 1);
    ck_assert_int_eq(uclog_diag_ms_code_lookup(&c, UCLOG_SIP_DIAG_CLIENT, 23), 0);
    ck_assert_int_eq(uclog_diag_ms_code_normal_end(c), 0);
    ck_assert_str_eq(uclog_diag_ms_code_component(c), "client (UCCAPI)");
    /* a client id is not a server id */
    ck_assert_int_eq(uclog_diag_ms_code_lookup(&c, UCLOG_SIP_DIAG_SERVER, 23), UCLOG_E_NOT_FOUND);
    ck_assert_ptr_null(c);
    ck_assert_int_eq(uclog_diag_ms_code_lookup(&c, UCLOG_SIP_DIAG_CLIENT, 52107), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_diag_ms_code_lookup(NULL, UCLOG_SIP_DIAG_CLIENT, 23), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_ms_code_lookup(&c, 0, 23), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_ms_code_lookup(&c, 4, 23), UCLOG_E_INVALID_ARG);
    ck_assert_ptr_null(uclog_diag_ms_code_meaning(NULL));
    ck_assert_int_eq(uclog_diag_ms_code_normal_end(NULL), -1);
    ck_assert_str_eq(uclog_diag_ms_kind_name(UCLOG_SIP_DIAG_PUBLIC), "ms-diagnostics-public");
    ck_assert_str_eq(uclog_diag_ms_kind_name(9), "unknown");

    /* the walk: server ids then client ids, each ascending, each found by its lookup */
    for (c = uclog_diag_ms_code_next(NULL); c; prev = c, c = uclog_diag_ms_code_next(c), n++) {
        ck_assert_int_eq(uclog_diag_ms_code_lookup(&found, uclog_diag_ms_code_kind(c), uclog_diag_ms_code_id(c)), 0);
        ck_assert_ptr_eq(found, c);
        ck_assert_ptr_nonnull(uclog_diag_ms_code_meaning(c));
        ck_assert_ptr_nonnull(uclog_diag_ms_code_component(c));
        ck_assert_ptr_nonnull(uclog_diag_ms_code_check(c));
        ck_assert_ptr_nonnull(uclog_diag_ms_code_source(c));
        ck_assert_ptr_nonnull(uclog_diag_ms_code_confidence(c));
        if (prev && uclog_diag_ms_code_kind(prev) == uclog_diag_ms_code_kind(c))
            ck_assert_uint_gt(uclog_diag_ms_code_id(c), uclog_diag_ms_code_id(prev));
        else if (prev)
            ck_assert_uint_eq(uclog_diag_ms_code_kind(c), UCLOG_SIP_DIAG_CLIENT);
    }
    ck_assert_uint_gt(n, 60);
    /* a pointer that is not an entry ends the walk */
    ck_assert_ptr_null(uclog_diag_ms_code_next((const uclog_diag_ms_code *)(const void *)&n));
}
END_TEST

START_TEST(icewarn_bits)
{
    /* the Resource Kit bits keep their meaning */
    ck_assert_str_eq(uclog_diag_icewarn_bit(0x1), "TURN server unreachable (TCP 443 / UDP 3478 blocked, or the Edge is down)");
    ck_assert_str_eq(uclog_diag_icewarn_bit(0x200), "TCP TURN (relay) connectivity failed");
    /* the [MS-QoE] bits above them, seen in real logs */
    ck_assert_str_eq(uclog_diag_icewarn_bit(0x800000), "candidate lookup failed on receiving a connectivity check response");
    ck_assert_str_eq(uclog_diag_icewarn_bit(0x4000000), "TURN server FQDN was not resolved (DNS)");
    ck_assert_str_eq(uclog_diag_icewarn_bit(0x80000), "TCP TURN (relay) connectivity failed");
    ck_assert_ptr_null(uclog_diag_icewarn_bit(0x400));
    ck_assert_ptr_null(uclog_diag_icewarn_bit(0x80000000u));
    ck_assert_ptr_null(uclog_diag_icewarn_bit(0));
    /* the [MS-QoE] layout of the low bits */
    ck_assert_str_eq(uclog_diag_icewarn_bit_qoe(0x10), "TURN server is unreachable ([MS-QoE] layout)");
    ck_assert_ptr_null(uclog_diag_icewarn_bit_qoe(0x1));
    ck_assert_str_eq(uclog_diag_icewarn_bit_qoe(0x4000000), uclog_diag_icewarn_bit(0x4000000));
}
END_TEST

/* Two sign-ins, a call after each: each call is judged on the newest sign-in
 * before it, and each mrasUri is given at its own place in the log. */
START_TEST(repeated_sign_in)
{
    size_t len, i;
    char *one = tu_read("seed.uccapilog", &len), *two = malloc(2 * len), *p;
    diag d = {0};
    const uclog_diag_evidence *e;
    uclog_span sp;
    uint32_t n170 = 0;

    memcpy(two, one, len);
    memcpy(two + len, one, len);
    /* The second copy's INVITE is another call. */
    p = strstr(two + len, "e41f3fa11696494d90130b78761b202c");
    ck_assert_ptr_nonnull(p);
    p[0] = 'f';
    opts_new(&d);
    ck_assert_int_eq(uclog_log_open_buffer(&d.log, d.ctx, two, 2 * len, "twice"), 0);
    ck_assert_int_eq(uclog_diag_run(&d.rep, d.log, d.opts), 0);
    ck_assert_str_eq(codes(&d), "170 170 215 215");
    for (i = 0; i < uclog_diag_report_verdict_count(d.rep); i++) {
        const uclog_diag_verdict *v = uclog_diag_report_verdict(d.rep, i);
        if (uclog_diag_verdict_code(v) != UCLOG_DIAG_MRAS_OK)
            continue;
        e = evidence_with(v, "mrasUri = sip:edgesrv.litwareinc.com@litwareinc.com;gruu;opaque=srvr:MRAS:P2nY_WtqnEGPHhBbcYD8VQAA");
        uclog_diag_evidence_span(&sp, e);
        ck_assert_uint_eq(sp.line, 75 + 177 * n170);
        ck_assert_uint_eq(sp.offset, (n170 ? len : 0) + 4727); /* the line of the mrasUri value */
        n170++;
    }
    ck_assert_uint_eq(n170, 2);
    ck_assert_str_eq(uclog_diag_report_call_id(d.rep, 1), "f41f3fa11696494d90130b78761b202c");
    done(&d);
    free(two);
    free(one);
}
END_TEST

START_TEST(two_calls)
{
    diag d = {0};
    const uclog_diag_verdict *v;

    run1(&d, "diag/two-calls.uccapilog");
    ck_assert_str_eq(codes(&d), "170 215 230"); /* the sign-in once, then each call */
    ck_assert_uint_eq(uclog_diag_report_call_count(d.rep), 2);
    ck_assert_str_eq(uclog_diag_report_call_id(d.rep, 1), "2b0c6e1f8d8b4c6fa1d1d1b0a9e8c7f6");
    v = find(&d, UCLOG_DIAG_EDGE_CANDIDATE_UNDECIDED);
    ck_assert_int_eq(uclog_diag_verdict_call(v), 0);
    v = find(&d, UCLOG_DIAG_EDGE_CANDIDATE_PRESENT);
    ck_assert_int_eq(uclog_diag_verdict_call(v), 1);
    ck_assert_str_eq(uclog_diag_verdict_call_id(v), "2b0c6e1f8d8b4c6fa1d1d1b0a9e8c7f6");
    done(&d);
}
END_TEST

/* Each call's outcome, start, worst verdict, and the call of a Call-ID. */
START_TEST(call_outcomes)
{
    static const int32_t outcome[] = {UCLOG_DIAG_OUTCOME_REFUSED, UCLOG_DIAG_OUTCOME_REFUSED,
                                      UCLOG_DIAG_OUTCOME_UNKNOWN, UCLOG_DIAG_OUTCOME_ESTABLISHED,
                                      UCLOG_DIAG_OUTCOME_CANCELLED, UCLOG_DIAG_OUTCOME_ESTABLISHED};
    static const int32_t worst[] = {UCLOG_DIAG_CALL_REJECTED, UCLOG_DIAG_CALL_REJECTED,
                                    UCLOG_DIAG_EDGE_CANDIDATE_UNDECIDED, UCLOG_DIAG_EDGE_CANDIDATE_PRESENT,
                                    UCLOG_DIAG_CALL_CANCELLED, UCLOG_DIAG_EDGE_CANDIDATE_PRESENT};
    diag d = {0};
    uclog_timestamp ts;
    uint32_t i, at = 99;

    run1(&d, "diag/many-calls.uccapilog");
    ck_assert_str_eq(codes(&d), "170 230 310 230 310 215 230 230 320 230");
    ck_assert_uint_eq(uclog_diag_report_call_count(d.rep), 6);
    ck_assert_int_eq(uclog_diag_report_call_direction(d.rep, 5), UCLOG_DIAG_CALL_INCOMING);
    for (i = 0; i < 6; i++) {
        ck_assert_int_eq(uclog_diag_report_call_outcome(d.rep, i), outcome[i]);
        ck_assert_int_eq(uclog_diag_verdict_code(uclog_diag_report_call_worst_verdict(d.rep, i)), worst[i]);
        ck_assert_int_eq(uclog_diag_report_call_start(&ts, d.rep, i), 0);
        ck_assert_uint_eq(ts.hour, 23);
        ck_assert_uint_eq(ts.minute, 40 + i);
        ck_assert_uint_eq(ts.millisecond, 100);
    }
    ck_assert_uint_eq(ts.year, 2008);
    ck_assert_uint_eq(ts.day, 21);
    ck_assert_int_eq(uclog_diag_report_call_start(&ts, d.rep, 6), UCLOG_E_RANGE);
    ck_assert_int_eq(uclog_diag_report_call_start(NULL, d.rep, 0), UCLOG_E_INVALID_ARG);
    ck_assert_ptr_null(uclog_diag_report_call_worst_verdict(d.rep, 6));
    ck_assert_int_eq(uclog_diag_report_call_outcome(d.rep, 6), UCLOG_DIAG_OUTCOME_UNKNOWN);
    ck_assert_int_eq(uclog_diag_report_call_find(&at, d.rep, "a3000000000000000000000000000003"), 0);
    ck_assert_uint_eq(at, 2);
    ck_assert_int_eq(uclog_diag_report_call_find(&at, d.rep, "a3000000000000000000000000000009"), UCLOG_E_NOT_FOUND);
    /* the sign-in's Call-ID is no call attempt's */
    ck_assert_int_eq(uclog_diag_report_call_find(&at, d.rep, uclog_diag_evidence_call_id(
                         uclog_diag_verdict_evidence(find(&d, UCLOG_DIAG_MRAS_OK), 0))), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_diag_report_call_find(NULL, d.rep, "x"), UCLOG_E_INVALID_ARG);
    ck_assert_str_eq(uclog_diag_call_outcome_name(UCLOG_DIAG_OUTCOME_MEDIA_FAILED), "media-failed");
    ck_assert_str_eq(uclog_diag_call_outcome_name(UCLOG_DIAG_OUTCOME_CANCELLED), "cancelled");
    ck_assert_str_eq(uclog_diag_call_outcome_name(-1), "unknown");
    ck_assert_str_eq(uclog_diag_call_outcome_name(5), "unknown");
    uclog_diag_report_free(d.rep);
    uclog_log_free(d.log);
    d.rep = NULL;
    d.log = NULL;
    run1(&d, "diag/media-failed.uccapilog");
    ck_assert_int_eq(uclog_diag_report_call_outcome(d.rep, 0), UCLOG_DIAG_OUTCOME_MEDIA_FAILED);
    ck_assert_int_eq(uclog_diag_verdict_code(uclog_diag_report_call_worst_verdict(d.rep, 0)),
                     UCLOG_DIAG_MEDIA_CONNECTIVITY_FAILED);
    uclog_diag_report_free(d.rep);
    uclog_log_free(d.log);
    d.rep = NULL;
    d.log = NULL;
    run1(&d, "diag/call-declined.uccapilog");
    ck_assert_int_eq(uclog_diag_report_call_outcome(d.rep, 0), UCLOG_DIAG_OUTCOME_REFUSED);
    done(&d);
}
END_TEST

START_TEST(internal_client)
{
    diag d = {0};
    run1(&d, "diag/internal-client.uccapilog");
    ck_assert_str_eq(codes(&d), "105 170"); /* no Edge failure claimed */
    ck_assert_int_eq(uclog_diag_report_client_location(d.rep), UCLOG_DIAG_LOCATION_INTERNAL);
    ck_assert_int_eq(uclog_diag_verdict_severity(find(&d, 105)), UCLOG_DIAG_WARNING);
    done(&d);

    /* The same log said to be a remote user's: the Edge step is judged. */
    memset(&d, 0, sizeof(d));
    opts_new(&d);
    ck_assert_int_eq(uclog_diag_options_set_client_location(d.opts, UCLOG_DIAG_LOCATION_REMOTE), 0);
    run1(&d, "diag/internal-client.uccapilog");
    ck_assert_str_eq(codes(&d), "170 215");
    ck_assert_str_eq(uclog_diag_report_client_location_reason(d.rep), "given in the options");
    done(&d);
}
END_TEST

START_TEST(rotated_in_wrong_order)
{
    static const char *const files[] = {"rotated-uccapi-0.uccapilog", "rotated-uccapi-1.uccapilog"};
    diag d = {0};
    const uclog_diag_evidence *e;

    opts_new(&d);
    run_files(&d, files, 2);
    ck_assert_str_eq(codes(&d), "170 215");
    ck_assert_uint_eq(uclog_diag_report_file_count(d.rep), 2);
    ck_assert_str_eq(uclog_diag_report_file_name(d.rep, 0), tu_data("rotated-uccapi-1.uccapilog"));
    e = evidence_with(find(&d, 170), "mrasUri =");
    ck_assert_str_eq(uclog_diag_evidence_file(e), tu_data("rotated-uccapi-1.uccapilog"));
    e = evidence_with(find(&d, 215), "offer: INVITE");
    ck_assert_str_eq(uclog_diag_evidence_file(e), tu_data("rotated-uccapi-0.uccapilog"));
    done(&d);
}
END_TEST

START_TEST(options_and_arguments)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_diag_options *o = NULL;
    uclog_diag_report *r = (uclog_diag_report *)1;
    uclog_log *log = NULL;
    FILE *f = fopen(tu_data("seed.uccapilog"), "rb");
    int i;

    ck_assert_int_eq(uclog_diag_options_new(NULL, ctx), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_options_new(&o, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_options_new(&o, ctx), 0);
    ck_assert_int_eq(uclog_diag_options_add_edge_ip(o, "edge.example.com"), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_options_add_edge_ip(o, "300.1.1.1"), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_options_add_edge_ip(o, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_options_set_edge_nat_ip(o, ""), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_options_set_client_location(o, 7), UCLOG_E_INVALID_ARG);
    for (i = 0; i < 16; i++)
        ck_assert_int_eq(uclog_diag_options_add_edge_ip(o, "2001:db8::1"), 0);
    ck_assert_int_eq(uclog_diag_options_add_edge_ip(o, "2001:db8::1"), UCLOG_E_LIMIT);
    ck_assert_int_eq(uclog_log_open_stream(&log, ctx, f, NULL), 0);
    ck_assert_int_eq(uclog_diag_run(&r, log, o), UCLOG_E_STATE);
    ck_assert_ptr_null(r);
    ck_assert_int_eq(uclog_diag_run(NULL, log, o), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_run(&r, NULL, o), UCLOG_E_INVALID_ARG);
    uclog_log_free(log);
    fclose(f);
    uclog_diag_options_free(o);
    uclog_diag_options_free(NULL);
    uclog_diag_report_free(NULL);
    ck_assert_uint_eq(uclog_diag_report_verdict_count(NULL), 0);
    ck_assert_ptr_null(uclog_diag_report_verdict(NULL, 0));
    ck_assert_str_eq(uclog_diag_verdict_summary(NULL), "");
    ck_assert_str_eq(uclog_diag_evidence_detail(NULL), "");
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(registry)
{
    int32_t c, n = 0, prev = 0;
    for (c = uclog_diag_code_next(0); c; c = uclog_diag_code_next(c)) {
        ck_assert_int_gt(c, prev);
        ck_assert_ptr_nonnull(uclog_diag_code_name(c));
        ck_assert_ptr_nonnull(uclog_diag_code_step(c));
        ck_assert_ptr_nonnull(uclog_diag_code_condition(c));
        ck_assert_int_ge(uclog_diag_code_severity(c), 0);
        ck_assert_uint_gt(uclog_diag_code_checklist_count(c), 0);
        prev = c;
        n++;
    }
    ck_assert_int_eq(n, 19);
    ck_assert_str_eq(uclog_diag_code_name(125), "PROVISIONING_UNREADABLE");
    ck_assert_str_eq(uclog_diag_code_name(165), "MRAS_UNREADABLE");
    ck_assert_str_eq(uclog_diag_code_name(215), "EDGE_CANDIDATE_UNDECIDED");
    ck_assert_int_eq(uclog_diag_code_severity(215), UCLOG_DIAG_WARNING);
    ck_assert_str_eq(uclog_diag_code_name(320), "CALL_CANCELLED");
    ck_assert_int_eq(uclog_diag_code_severity(320), UCLOG_DIAG_INFO);
    ck_assert_str_eq(uclog_diag_certainty_name(UCLOG_DIAG_UNREADABLE), "unreadable");
    ck_assert_str_eq(uclog_diag_code_name(210), "NO_EDGE_CANDIDATE");
    ck_assert_str_eq(uclog_diag_code_name(105), "CLIENT_IS_INTERNAL");
    ck_assert_int_eq(uclog_diag_code_severity(230), UCLOG_DIAG_OK);
    ck_assert_ptr_null(uclog_diag_code_name(999));
    ck_assert_int_eq(uclog_diag_code_severity(999), -1);
    ck_assert_uint_eq(uclog_diag_code_checklist_count(999), 0);
    ck_assert_str_eq(uclog_diag_severity_name(UCLOG_DIAG_FAILURE), "failure");
    ck_assert_str_eq(uclog_diag_certainty_name(UCLOG_DIAG_INFERRED), "inferred");
    ck_assert_str_eq(uclog_diag_location_name(UCLOG_DIAG_LOCATION_REMOTE), "remote");
    ck_assert_ptr_nonnull(strstr(uclog_diag_icewarn_bit(0x200), "TCP TURN"));
    ck_assert_ptr_null(uclog_diag_icewarn_bit(0x400));
    ck_assert_ptr_null(uclog_diag_icewarn_bit(0x3));
    ck_assert_str_eq(uclog_diag_ms_diagnostics_range(9001), "MRAS (A/V Authentication Service)");
    ck_assert_str_eq(uclog_diag_ms_diagnostics_range(23), "client: media connectivity failure (ICE)");
    ck_assert_str_eq(uclog_diag_ms_diagnostics_range(99999), "unknown range");
    ck_assert_uint_eq(uclog_diag_version(), uclog_version());
}
END_TEST

/* ---- the streaming diagnosis ---- */

/* Lines of text, to compare two diagnoses verdict by verdict. */
typedef struct {
    char **line;
    size_t n, cap;
    char facts[1024]; /* the last part's client facts */
    uint32_t parts, calls, last_calls;
    int stop_after; /* >0: the part number to stop at */
} lines;

static void add_line(lines *l, const char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->line = realloc(l->line, l->cap * sizeof(*l->line));
        ck_assert_ptr_nonnull(l->line);
    }
    l->line[l->n] = strdup(s);
    ck_assert_ptr_nonnull(l->line[l->n]);
    l->n++;
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void lines_free(lines *l)
{
    while (l->n)
        free(l->line[--l->n]);
    free(l->line);
}

/* Every verdict of r as one line with all it says (its call by Call-ID, direction and peer). */
static void verdict_lines(lines *l, const uclog_diag_report *r)
{
    uint32_t i, k;
    char buf[65536];

    for (i = 0; i < uclog_diag_report_verdict_count(r); i++) {
        const uclog_diag_verdict *v = uclog_diag_report_verdict(r, i);
        int32_t c = uclog_diag_verdict_call(v);
        uclog_timestamp start = {0};
        size_t len;
        if (c >= 0)
            uclog_diag_report_call_start(&start, r, (uint32_t)c);
        len = (size_t)snprintf(buf, sizeof(buf), "%d|%s|%d|%d|%lld|%s|%s|%s|%d|%s|", (int)uclog_diag_verdict_code(v),
                                      c < 0 ? "-" : uclog_diag_report_call_id(r, (uint32_t)c),
                                      c < 0 ? 0 : (int)uclog_diag_report_call_direction(r, (uint32_t)c),
                                      c < 0 ? -1 : (int)uclog_diag_report_call_outcome(r, (uint32_t)c),
                                      (long long)start.epoch_ms,
                                      c < 0 ? "-" : uclog_diag_report_call_peer(r, (uint32_t)c),
                                      uclog_diag_verdict_summary(v),
                                      uclog_diag_verdict_reason(v) ? uclog_diag_verdict_reason(v) : "-",
                                      (int)uclog_diag_verdict_certainty(v),
                                      uclog_diag_verdict_call_id(v) ? uclog_diag_verdict_call_id(v) : "-");
        for (k = 0; k < uclog_diag_verdict_evidence_count(v) && len < sizeof(buf) - 1024; k++) {
            const uclog_diag_evidence *e = uclog_diag_verdict_evidence(v, k);
            uclog_span sp;
            uclog_timestamp ts;
            int has = uclog_diag_evidence_time(&ts, e) == 0;
            uclog_diag_evidence_span(&sp, e);
            len += (size_t)snprintf(buf + len, sizeof(buf) - len, "[%s %u:%llu+%llu %u:%u %lld %s %s]",
                                    uclog_diag_evidence_file(e) ? uclog_diag_evidence_file(e) : "-", sp.file,
                                    (unsigned long long)sp.offset, (unsigned long long)sp.length, sp.line, sp.column,
                                    has ? (long long)ts.epoch_ms : -1LL,
                                    uclog_diag_evidence_call_id(e) ? uclog_diag_evidence_call_id(e) : "-",
                                    uclog_diag_evidence_detail(e));
        }
        add_line(l, buf);
    }
}

static void facts_of(char *out, size_t size, const uclog_diag_report *r)
{
    snprintf(out, size, "%u %s %s %s %s %d %s", uclog_diag_report_file_count(r),
             uclog_diag_report_file_name(r, 0) ? uclog_diag_report_file_name(r, 0) : "-",
             uclog_diag_report_client_uri(r) ? uclog_diag_report_client_uri(r) : "-",
             uclog_diag_report_client_user_agent(r) ? uclog_diag_report_client_user_agent(r) : "-",
             uclog_diag_report_client_version(r) ? uclog_diag_report_client_version(r) : "-",
             (int)uclog_diag_report_client_location(r), uclog_diag_report_client_location_reason(r));
}

static int collect_part(const uclog_diag_report *part, void *userdata)
{
    lines *l = userdata;
    uint32_t i;

    l->parts++;
    l->last_calls = uclog_diag_report_call_count(part);
    l->calls += l->last_calls;
    ck_assert_uint_le(l->last_calls, 1);
    for (i = 0; i < uclog_diag_report_verdict_count(part); i++) { /* a part's verdicts: its call's or log-wide */
        int32_t c = uclog_diag_verdict_call(uclog_diag_report_verdict(part, i));
        ck_assert(c == -1 || (c == 0 && l->last_calls == 1));
    }
    verdict_lines(l, part);
    facts_of(l->facts, sizeof(l->facts), part);
    return l->stop_after > 0 && l->parts == (uint32_t)l->stop_after ? 7 : 0;
}

/* uclog_diag_run_parts() says of the log what uclog_diag_run() says, verdict by verdict. */
static void parts_agree(const char *const *names, size_t n, uclog_diag_options *opts, uclog_ctx *ctx)
{
    char paths[4][4096], facts[1024];
    const char *p[4];
    uclog_log *log;
    uclog_diag_report *rep;
    lines whole = {0}, parts = {0};
    size_t i;

    for (i = 0; i < n; i++) {
        snprintf(paths[i], sizeof(paths[i]), "%s", tu_data(names[i]));
        p[i] = paths[i];
    }
    ck_assert_int_eq(uclog_log_open_files(&log, ctx, p, n), 0);
    ck_assert_int_eq(uclog_diag_run(&rep, log, opts), 0);
    verdict_lines(&whole, rep);
    facts_of(facts, sizeof(facts), rep);
    ck_assert_int_eq(uclog_diag_run_parts(log, opts, collect_part, &parts), 0);
    ck_assert_uint_eq(parts.calls, uclog_diag_report_call_count(rep));
    ck_assert_uint_eq(parts.last_calls, 0); /* the last part: the log-wide verdicts */
    ck_assert_uint_eq(parts.parts, parts.calls + 1);
    ck_assert_str_eq(parts.facts, facts);
    ck_assert_uint_eq(parts.n, whole.n);
    qsort(whole.line, whole.n, sizeof(char *), by_text);
    qsort(parts.line, parts.n, sizeof(char *), by_text);
    for (i = 0; i < whole.n; i++)
        ck_assert_str_eq(parts.line[i], whole.line[i]);
    lines_free(&whole);
    lines_free(&parts);
    uclog_diag_report_free(rep);
    uclog_log_free(log);
}

static const char *const every_fixture[] = {
    "seed.uccapilog", "seed-lf.uccapilog", "seed-utf16le.uccapilog", "seed-no-mras.uccapilog",
    "seed-mras-unanswered.uccapilog", "diag/call-rejected.uccapilog", "diag/call-declined.uccapilog", "diag/internal-client.uccapilog",
    "diag/invite-only.uccapilog", "diag/media-failed.uccapilog", "diag/mras-504.uccapilog",
    "diag/mras-forbidden.uccapilog", "diag/mras-not-requested.uccapilog", "diag/nat-private.uccapilog",
    "diag/no-sip.uccapilog", "diag/provisioning-refused.uccapilog", "diag/provisioning-unanswered.uccapilog",
    "diag/relay-candidate.uccapilog", "diag/two-calls.uccapilog", "diag/many-calls.uccapilog",
    "diag/parts/relay-stale-order.uccapilog",
    "diag/parts/relay-dedup-order.uccapilog", "diag/parts/local-address-41plus.uccapilog",
    "frames/unusable-frames.uccapilog", "frames/joined-reads.uccapilog", "frames/interleaved-threads.uccapilog",
    "frames/interrupted-frame.uccapilog", "frames/content-length.uccapilog",
    "sources/invite-lf.txt", "sources/several-crlf.txt", "sources/framed-invite.txt", "sources/no-length.txt",
};

START_TEST(parts_agree_with_run)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_diag_options *opts;
    static const char *const rotated[] = {"rotated-uccapi-1.uccapilog", "rotated-uccapi-0.uccapilog"};

    parts_agree(&every_fixture[_i], 1, NULL, ctx);
    ck_assert_int_eq(uclog_diag_options_new(&opts, ctx), 0);
    ck_assert_int_eq(uclog_diag_options_add_edge_private_ip(opts, "10.20.30.40"), 0);
    ck_assert_int_eq(uclog_diag_options_add_edge_ip(opts, "131.107.0.10"), 0);
    parts_agree(&every_fixture[_i], 1, opts, ctx);
    ck_assert_int_eq(uclog_diag_options_set_client_location(opts, UCLOG_DIAG_LOCATION_INTERNAL), 0);
    parts_agree(&every_fixture[_i], 1, opts, ctx);
    parts_agree(rotated, 2, NULL, ctx);
    uclog_diag_options_free(opts);
    uclog_ctx_free(ctx);
    ck_assert_int_eq(tu_live, 0);
}
END_TEST

/* A log of the sign-in of diag/call-rejected.uccapilog, then `calls` copies of its
 * call (the INVITE, with its 404 when `answered`), each with Call-ID %032x of its
 * number. Lines 1-127 are the sign-in, 128-178 the INVITE, 179-189 the 404. */
static char *many_calls(size_t *len, unsigned calls, int answered)
{
    size_t flen, cap, at = 0, k, signin_end = 0, invite_end = 0, answer_end = 0;
    char *f = tu_read("diag/call-rejected.uccapilog", &flen), *out;
    unsigned line = 1, c;

    for (k = 0; k < flen; k++) {
        if (f[k] != '\n')
            continue;
        if (line == 127)
            signin_end = k + 1;
        if (line == 178)
            invite_end = k + 1;
        if (line == 189)
            answer_end = k + 1;
        line++;
    }
    ck_assert(signin_end && invite_end && answer_end);
    if (!answered)
        answer_end = invite_end;
    cap = signin_end + (size_t)calls * (answer_end - signin_end) + 1;
    out = malloc(cap);
    ck_assert_ptr_nonnull(out);
    memcpy(out, f, signin_end);
    at = signin_end;
    for (c = 0; c < calls; c++) {
        char id[40], *p;
        memcpy(out + at, f + signin_end, answer_end - signin_end);
        out[at + (answer_end - signin_end)] = '\0'; /* for strstr; the next copy goes over it */
        snprintf(id, sizeof(id), "%032x", c);
        for (p = out + at; (p = strstr(p, "e41f3fa11696494d90130b78761b202c")) != NULL && p < out + at + (answer_end - signin_end);)
            memcpy(p, id, 32);
        at += answer_end - signin_end;
    }
    out[at] = '\0';
    free(f);
    *len = at;
    return out;
}

typedef struct {
    uint32_t parts, calls;
    char first_call[64], last_call[64];
    char codes[256];
} part_tally;

static int tally_part(const uclog_diag_report *part, void *userdata)
{
    part_tally *t = userdata;
    uint32_t i;

    t->parts++;
    if (uclog_diag_report_call_count(part)) {
        ck_assert_uint_eq(uclog_diag_report_call_count(part), 1);
        snprintf(t->calls++ ? t->last_call : t->first_call, 64, "%s", uclog_diag_report_call_id(part, 0));
    }
    if (t->parts == 1) /* the codes of the first part */
        for (i = 0; i < uclog_diag_report_verdict_count(part); i++) {
            size_t n = strlen(t->codes);
            snprintf(t->codes + n, sizeof(t->codes) - n, "%s%d", n ? " " : "",
                     (int)uclog_diag_verdict_code(uclog_diag_report_verdict(part, i)));
        }
    return 0;
}

static void run_parts_buffer(part_tally *t, const char *data, size_t len, size_t *peak)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log;
    size_t base;

    memset(t, 0, sizeof(*t));

    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, data, len, "many"), 0);
    tu_peak_bytes = base = tu_bytes;
    ck_assert_int_eq(uclog_diag_run_parts(log, NULL, tally_part, t), 0);
    *peak = tu_peak_bytes - base;
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}

static size_t run_whole_buffer(const char *data, size_t len, uint32_t *calls)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log;
    uclog_diag_report *rep;
    size_t peak, base;

    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, data, len, "many"), 0);
    tu_peak_bytes = base = tu_bytes;
    ck_assert_int_eq(uclog_diag_run(&rep, log, NULL), 0);
    peak = tu_peak_bytes - base;
    *calls = uclog_diag_report_call_count(rep);
    uclog_diag_report_free(rep);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    return peak;
}

/* The memory of the parts does not grow with the log; uclog_diag_run()'s does. */
START_TEST(parts_memory_does_not_grow)
{
    size_t len20, len400, peak20, peak400, whole20, whole400;
    char *log20 = many_calls(&len20, 20, 1), *log400 = many_calls(&len400, 400, 1);
    part_tally t;
    uint32_t calls;

    run_parts_buffer(&t, log20, len20, &peak20);
    ck_assert_uint_eq(t.calls, 20);
    ck_assert_uint_eq(t.parts, 21);
    ck_assert_str_eq(t.codes, "170 230 310"); /* MRAS OK (the sign-in), then the first call's */
    ck_assert_str_eq(t.first_call, "00000000000000000000000000000000");
    ck_assert_str_eq(t.last_call, "00000000000000000000000000000013");
    run_parts_buffer(&t, log400, len400, &peak400);
    ck_assert_uint_eq(t.calls, 400);
    ck_assert_str_eq(t.last_call, "0000000000000000000000000000018f");
    ck_assert_msg(peak400 <= peak20 + peak20 / 20, "parts: %zu bytes for 20 calls, %zu for 400", peak20, peak400);
    whole20 = run_whole_buffer(log20, len20, &calls);
    ck_assert_uint_eq(calls, 20);
    whole400 = run_whole_buffer(log400, len400, &calls);
    ck_assert_uint_eq(calls, 400);
    ck_assert_msg(whole400 > whole20 * 2, "whole: %zu bytes for 20 calls, %zu for 400", whole20, whole400);
    free(log20);
    free(log400);
    ck_assert_int_eq(tu_live, 0);
}
END_TEST

/* Calls that never end: 256 at once judges the oldest; the rest at the end of the log. */
START_TEST(parts_open_call_limit)
{
    size_t len, peak;
    char *log = many_calls(&len, 300, 0);
    part_tally t;

    run_parts_buffer(&t, log, len, &peak);
    ck_assert_uint_eq(t.calls, 300);
    ck_assert_uint_eq(t.parts, 301);
    ck_assert_str_eq(t.first_call, "00000000000000000000000000000000"); /* the oldest, judged first */
    ck_assert_str_eq(t.last_call, "0000000000000000000000000000012b");
    ck_assert_str_eq(t.codes, "170 230"); /* unanswered: no CALL_REJECTED */
    free(log);
    ck_assert_int_eq(tu_live, 0);
}
END_TEST

/* A call attempt with no verdict of its own is a part all the same (as it is a call of the report). */
START_TEST(parts_call_without_verdicts)
{
    size_t len;
    char *data = many_calls(&len, 3, 0);
    uclog_ctx *ctx = tu_ctx();
    uclog_diag_options *opts;
    uclog_log *log;
    uclog_diag_report *rep;
    part_tally t;

    ck_assert_int_eq(uclog_diag_options_new(&opts, ctx), 0);
    /* an Edge address none of the candidates is on, inside the network: no Edge verdict */
    ck_assert_int_eq(uclog_diag_options_add_edge_ip(opts, "198.51.100.1"), 0);
    ck_assert_int_eq(uclog_diag_options_set_client_location(opts, UCLOG_DIAG_LOCATION_INTERNAL), 0);
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, data, len, "many"), 0);
    ck_assert_int_eq(uclog_diag_run(&rep, log, opts), 0);
    ck_assert_uint_eq(uclog_diag_report_call_count(rep), 3);
    ck_assert_str_eq(codes(&(diag){.rep = rep}), "105 170");
    memset(&t, 0, sizeof(t));
    ck_assert_int_eq(uclog_diag_run_parts(log, opts, tally_part, &t), 0);
    ck_assert_uint_eq(t.calls, 3);
    ck_assert_uint_eq(t.parts, 4);
    ck_assert_str_eq(t.codes, "170");
    ck_assert_str_eq(t.last_call, "00000000000000000000000000000002");
    uclog_diag_report_free(rep);
    uclog_log_free(log);
    uclog_diag_options_free(opts);
    uclog_ctx_free(ctx);
    free(data);
    ck_assert_int_eq(tu_live, 0);
}
END_TEST

static int stop_at_first(const uclog_diag_report *part, void *userdata)
{
    (void)part;
    ++*(int *)userdata;
    return 42;
}

/* Cuts of the calls a streaming diagnosis judged, in the order they came. */
typedef struct {
    int32_t cut[64];
    uint32_t n;
    uint32_t edge; /* calls with an Edge verdict */
} cuts;

static int collect_cuts(const uclog_diag_report *part, void *userdata)
{
    cuts *c = userdata;
    uint32_t i;
    if (uclog_diag_report_call_count(part) == 1 && c->n < 64)
        c->cut[c->n++] = uclog_diag_report_call_cut(part, 0);
    for (i = 0; i < uclog_diag_report_verdict_count(part); i++)
        c->edge += uclog_diag_verdict_code(uclog_diag_report_verdict(part, i)) == UCLOG_DIAG_EDGE_CANDIDATE_UNDECIDED;
    return 0;
}

/*
 * The streaming window is bounded in bytes: twenty calls that never end, a
 * budget that holds three of them; the oldest are judged early, each saying
 * so, and every call still gets its verdict.
 */
START_TEST(parts_window_budget)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_diag_options *opts;
    uclog_log *log;
    cuts c;
    size_t len, head, one, k;
    char *seed = tu_read("seed.uccapilog", &len), *text, *at;
    const char *invite = strstr(seed, "11/21/2008|23:35:11.691");

    ck_assert_ptr_nonnull(invite);
    head = (size_t)(invite - seed);
    one = len - head;
    text = malloc(head + 20 * one + 1);
    ck_assert_ptr_nonnull(text);
    memcpy(text, seed, head);
    for (k = 0; k < 20; k++)
        memcpy(text + head + k * one, invite, one);
    text[head + 20 * one] = '\0'; /* strstr below stops here */
    for (k = 0; k < 20; k++) {
        char id[5];
        snprintf(id, sizeof(id), "%04u", (unsigned)k); /* a Call-ID of the same length each */
        for (at = text + head + k * one; (at = strstr(at, "e41f3fa11696494d90130b78761b202c")) != NULL &&
                                          at < text + head + (k + 1) * one;
             at++)
            memcpy(at, id, 4);
    }
    ck_assert_int_eq(uclog_diag_options_new(&opts, ctx), 0);
    ck_assert_int_eq(uclog_diag_options_set_window_bytes(opts, 100), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_options_set_window_bytes(opts, 0), 0);
    ck_assert_int_eq(uclog_diag_options_set_window_bytes(opts, 3 * one + 4096), 0);
    ck_assert_int_eq(uclog_diag_options_set_window_bytes(NULL, 0), UCLOG_E_INVALID_ARG);

    memset(&c, 0, sizeof(c));
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, text, head + 20 * one, "twenty-open"), 0);
    ck_assert_int_eq(uclog_diag_run_parts(log, opts, collect_cuts, &c), 0);
    uclog_log_free(log);
    ck_assert_uint_eq(c.n, 20);
    ck_assert_uint_eq(c.edge, 20);
    /* the oldest are judged early, each saying so; the budget holds about four (the size of a
     * message's copy depends on the ABI), which are judged whole at the end of the log */
    for (k = 0; k < 20 && c.cut[k] == UCLOG_DIAG_CALL_CUT_BYTES; k++)
        ;
    ck_assert_uint_ge(k, 14);
    ck_assert_uint_le(k, 18);
    for (; k < 20; k++)
        ck_assert_int_eq(c.cut[k], UCLOG_DIAG_CALL_WHOLE);
    ck_assert_str_eq(uclog_diag_call_cut_name(UCLOG_DIAG_CALL_CUT_BYTES), "bytes");
    ck_assert_str_eq(uclog_diag_call_cut_name(99), "unknown");

    /* the default budget holds them all: none is cut */
    memset(&c, 0, sizeof(c));
    ck_assert_int_eq(uclog_diag_options_set_window_bytes(opts, 0), 0);
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, text, head + 20 * one, "twenty-open"), 0);
    ck_assert_int_eq(uclog_diag_run_parts(log, opts, collect_cuts, &c), 0);
    uclog_log_free(log);
    for (k = 0; k < c.n; k++)
        ck_assert_int_eq(c.cut[k], UCLOG_DIAG_CALL_WHOLE);
    uclog_diag_options_free(opts);
    uclog_ctx_free(ctx);
    free(text);
    free(seed);
}
END_TEST

/* Packets that yield no SIP message are counted and placed, and what is missing may be among them. */
START_TEST(unusable_packets)
{
    static const char *const names[] = {"frames/unusable-frames.uccapilog"};
    diag d = {0};
    const uclog_diag_verdict *v;
    const uclog_diag_evidence *e;
    uclog_span sp;
    size_t len;
    char *text;

    run1(&d, "frames/unusable-frames.uccapilog");
    ck_assert_str_eq(codes(&d), "110 200");
    ck_assert_uint_eq(uclog_diag_report_unusable_count(d.rep), 2);
    ck_assert_int_eq(uclog_diag_report_unusable_span(&sp, d.rep, 0), 0);
    ck_assert_uint_eq(sp.line, 1);
    ck_assert_int_eq(uclog_diag_report_unusable_span(&sp, d.rep, 1), 0);
    ck_assert_uint_eq(sp.line, 15);
    ck_assert_str_eq(uclog_diag_report_file_name(d.rep, sp.file), tu_data("frames/unusable-frames.uccapilog"));
    ck_assert_int_eq(uclog_diag_report_unusable_span(&sp, d.rep, 2), UCLOG_E_RANGE);
    ck_assert_int_eq(uclog_diag_report_unusable_span(NULL, d.rep, 0), UCLOG_E_INVALID_ARG);
    v = find(&d, UCLOG_DIAG_PROVISIONING_NOT_FOUND);
    ck_assert_int_eq(uclog_diag_verdict_certainty(v), UCLOG_DIAG_INFERRED); /* it may be among them */
    ck_assert_ptr_nonnull(strstr(uclog_diag_verdict_reason(v), "2 packets of the log could not be read"));
    e = evidence_with(v, "2 packets yield no SIP message, the first here");
    uclog_diag_evidence_span(&sp, e);
    ck_assert_uint_eq(sp.line, 1);
    done(&d);
    {
        uclog_ctx *ctx = tu_ctx();
        parts_agree(names, 1, NULL, ctx);
        uclog_ctx_free(ctx);
    }

    /* only the unreadable packet: packets there are, so not a log without traffic */
    memset(&d, 0, sizeof(d));
    text = tu_read("frames/unusable-frames.uccapilog", &len);
    opts_new(&d);
    ck_assert_int_eq(uclog_log_open_buffer(&d.log, d.ctx, text, (size_t)(strstr(text, "01/15/2012|11:30:10.610") - text),
                                           "only-unusable"), 0);
    ck_assert_int_eq(uclog_diag_run(&d.rep, d.log, d.opts), 0);
    ck_assert_str_eq(codes(&d), "100");
    v = find(&d, UCLOG_DIAG_NO_SIP_TRAFFIC);
    ck_assert_int_eq(uclog_diag_verdict_certainty(v), UCLOG_DIAG_UNREADABLE);
    ck_assert_str_eq(uclog_diag_verdict_summary(v), "no packet of the log could be read as a SIP message");
    evidence_with(v, "a packet that yields no SIP message");
    ck_assert_uint_eq(uclog_diag_report_unusable_count(d.rep), 1);
    done(&d);
    free(text);
}
END_TEST

/* A limit reached is never a confident verdict: an offer cut at the candidate limit, a relay port
 * that is not a port. */
START_TEST(limits_are_not_certainty)
{
    diag d = {0};
    const uclog_diag_verdict *v;
    size_t len;
    char *text, *at;

    opts_new(&d);
    ck_assert_int_eq(uclog_ctx_set_limit(d.ctx, UCLOG_LIMIT_MAX_CANDIDATES, 2), 0);
    ck_assert_int_eq(uclog_diag_options_add_edge_ip(d.opts, "131.107.0.10"), 0);
    run1(&d, "seed.uccapilog");
    ck_assert_str_eq(codes(&d), "170 210");
    v = find(&d, UCLOG_DIAG_NO_EDGE_CANDIDATE);
    ck_assert_int_eq(uclog_diag_verdict_certainty(v), UCLOG_DIAG_INFERRED);
    ck_assert_ptr_nonnull(strstr(uclog_diag_verdict_reason(v), "the candidates not read may be on the Edge"));
    evidence_with(v, "the offer was read only up to here");
    ck_assert_str_eq(uclog_diag_verdict_summary(v),
                     "none of the 2 candidates read of the offer is on the A/V Edge's external address");
    done(&d);

    /* the same offer read whole: certain */
    memset(&d, 0, sizeof(d));
    opts_new(&d);
    ck_assert_int_eq(uclog_diag_options_add_edge_ip(d.opts, "131.107.0.10"), 0);
    run1(&d, "seed.uccapilog");
    ck_assert_int_eq(uclog_diag_verdict_certainty(find(&d, UCLOG_DIAG_NO_EDGE_CANDIDATE)), UCLOG_DIAG_CERTAIN);
    done(&d);

    /* an MRAS relay whose UDP port is not a port */
    memset(&d, 0, sizeof(d));
    text = tu_read("seed.uccapilog", &len);
    at = strstr(text, "<udpPort>3478</udpPort>");
    ck_assert_ptr_nonnull(at);
    memcpy(at + 9, "34x8", 4); /* not a number; same length: the byte counts still hold */
    opts_new(&d);
    ck_assert_int_eq(uclog_log_open_buffer(&d.log, d.ctx, text, len, "bad-port"), 0);
    ck_assert_int_eq(uclog_diag_run(&d.rep, d.log, d.opts), 0);
    v = find(&d, UCLOG_DIAG_MRAS_OK);
    ck_assert_int_eq(uclog_diag_verdict_certainty(v), UCLOG_DIAG_INFERRED);
    evidence_with(v, "UDP port unreadable, TCP port 443");
    done(&d);
    free(text);
}
END_TEST

/* A log read from a stream; a callback that stops the run; bad arguments. */
START_TEST(parts_stream_stop_and_arguments)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log;
    FILE *f = fopen(tu_data("seed.uccapilog"), "rb");
    lines l = {0};
    int n = 0;

    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(uclog_log_open_stream(&log, ctx, f, "seed (stdin)"), 0);
    ck_assert_int_eq(uclog_diag_run_parts(log, NULL, collect_part, &l), 0);
    ck_assert_uint_eq(l.parts, 2);
    ck_assert_uint_eq(l.calls, 1);
    ck_assert_uint_eq(l.n, 2);
    qsort(l.line, l.n, sizeof(char *), by_text);
    ck_assert_msg(strncmp(l.line[0], "170|-|", 6) == 0, "%s", l.line[0]);
    ck_assert_msg(strncmp(l.line[1], "215|", 4) == 0, "%s", l.line[1]);
    /* the evidence of a stream names its file and points at the right line */
    ck_assert_ptr_nonnull(strstr(l.line[0], "[seed (stdin) 0:169+1288 2:42 "));
    lines_free(&l);
    uclog_log_free(log);
    fclose(f);

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("diag/two-calls.uccapilog")), 0);
    ck_assert_int_eq(uclog_diag_run_parts(log, NULL, stop_at_first, &n), 42);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(uclog_diag_run_parts(NULL, NULL, stop_at_first, &n), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_run_parts(log, NULL, NULL, NULL), UCLOG_E_INVALID_ARG);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    ck_assert_int_eq(tu_live, 0);
}
END_TEST

/* A call's candidates are judged against the relays of its own sign-in's MRAS answer, whatever
 * call was judged before (diag/parts/README.md says how these logs are made). */
START_TEST(relays_are_the_calls_own)
{
    diag d = {0};
    part_tally t;
    uclog_ctx *ctx;
    uclog_log *log;

    /* cB comes after a second sign-in whose MRAS request got a 504: no relay, so its candidate
     * on the first sign-in's relay address is not an Edge candidate */
    run1(&d, "diag/parts/relay-stale-order.uccapilog");
    ck_assert_str_eq(codes(&d), "170 160 210 310 210 310");
    ck_assert_str_eq(uclog_diag_verdict_call_id(uclog_diag_report_verdict(d.rep, 4)), "cB");
    done(&d);
    /* cB (first sign-in, relay 131.107.0.10) judged after cC (second sign-in, another relay) */
    memset(&d, 0, sizeof(d));
    run1(&d, "diag/parts/relay-dedup-order.uccapilog");
    /* its candidate is typ host: an explicit type decides, even on the relay's address (the
     * relays of each sign-in are held to their calls by diag/rules/two-signins) */
    ck_assert_str_eq(codes(&d), "170 170 210 310 210 210 310");
    ck_assert_str_eq(uclog_diag_verdict_call_id(uclog_diag_report_verdict(d.rep, 4)), "cB");
    evidence_with(uclog_diag_report_verdict(d.rep, 4), "typ host: the client's own");
    done(&d);
    /* the MRAS 200 OK twice, a call between the copies: MRAS_OK once, in the first call's part */
    ctx = tu_ctx();
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("diag/parts/dup-mras-response.uccapilog")), 0);
    memset(&t, 0, sizeof(t));
    ck_assert_int_eq(uclog_diag_run_parts(log, NULL, tally_part, &t), 0);
    ck_assert_uint_eq(t.calls, 2);
    ck_assert_str_eq(t.codes, "170 210 310");
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    ck_assert_int_eq(tu_live, 0);
}
END_TEST

/* Allocation failures: the whole diagnosis of every fixture. A run that
 * succeeds must give the same verdicts as one with no failure: a failure
 * may never be swallowed into a different diagnosis. */
typedef struct {
    const char *path;
    char want[256];
    int parts; /* uclog_diag_run_parts() instead, giving parts_want */
    char parts_want[256];
} alloc_case;

static int diagnose(void *arg)
{
    alloc_case *c = arg;
    diag d = {0};
    int rc = uclog_ctx_new(&d.ctx, &tu_mem);

    if (rc)
        return rc;
    rc = uclog_diag_options_new(&d.opts, d.ctx);
    if (!rc)
        rc = uclog_diag_options_add_edge_private_ip(d.opts, "10.20.30.40");
    if (!rc)
        rc = uclog_log_open_file(&d.log, d.ctx, c->path);
    if (!rc && c->parts) {
        lines l = {0};
        rc = uclog_diag_run_parts(d.log, d.opts, collect_part, &l);
        if (!rc) { /* the same verdicts as uclog_diag_run(), in the order of the parts */
            size_t k, len = 0;
            char got[256] = "";
            for (k = 0; k < l.n; k++)
                len += (size_t)snprintf(got + len, sizeof(got) - len, "%s%d", k ? " " : "", atoi(l.line[k]));
            ck_assert_str_eq(got, c->parts_want);
        }
        lines_free(&l);
    } else if (!rc) {
        rc = uclog_diag_run(&d.rep, d.log, d.opts);
    }
    if (!rc && c->want[0] && !c->parts)
        ck_assert_str_eq(codes(&d), c->want);
    if (!rc && !c->want[0] && !c->parts)
        snprintf(c->want, sizeof(c->want), "%s", codes(&d));
    uclog_diag_report_free(d.rep);
    uclog_log_free(d.log);
    uclog_diag_options_free(d.opts);
    uclog_ctx_free(d.ctx);
    return rc;
}

static const char *const alloc_fixtures[] = {
    "seed.uccapilog", "seed-no-mras.uccapilog", "diag/media-failed.uccapilog",
    "diag/mras-forbidden.uccapilog", "diag/nat-private.uccapilog", "diag/provisioning-refused.uccapilog",
    "diag/internal-client.uccapilog", "diag/no-sip.uccapilog", "diag/call-rejected.uccapilog",
    "diag/two-calls.uccapilog",
};

START_TEST(alloc_failures)
{
    char path[4096];
    alloc_case c;

    snprintf(path, sizeof(path), "%s", tu_data(alloc_fixtures[_i]));
    memset(&c, 0, sizeof(c));
    c.path = path;
    tu_alloc_reset(-1);
    ck_assert_int_eq(diagnose(&c), 0);
    ck_assert_str_ne(c.want, "");
    tu_alloc_loop(diagnose, &c);
}
END_TEST

START_TEST(alloc_failures_in_parts)
{
    char path[4096];
    alloc_case c;
    lines l = {0};
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log;
    size_t k, len = 0;

    snprintf(path, sizeof(path), "%s", tu_data(alloc_fixtures[_i]));
    memset(&c, 0, sizeof(c));
    c.path = path;
    c.parts = 1;
    tu_alloc_reset(-1);
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, path), 0); /* what a run with no failure gives */
    {
        uclog_diag_options *opts;
        ck_assert_int_eq(uclog_diag_options_new(&opts, ctx), 0);
        ck_assert_int_eq(uclog_diag_options_add_edge_private_ip(opts, "10.20.30.40"), 0);
        ck_assert_int_eq(uclog_diag_run_parts(log, opts, collect_part, &l), 0);
        uclog_diag_options_free(opts);
    }
    for (k = 0; k < l.n; k++)
        len += (size_t)snprintf(c.parts_want + len, sizeof(c.parts_want) - len, "%s%d", k ? " " : "", atoi(l.line[k]));
    ck_assert_str_ne(c.parts_want, "");
    lines_free(&l);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    tu_alloc_loop(diagnose, &c);
}
END_TEST

Suite *tu_suite(void)
{
    Suite *s = suite_create("diag");
    TCase *tc = tcase_create("verdicts");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, seed_edge_undecided);
    tcase_add_test(tc, seed_mras_uri_missing);
    tcase_add_test(tc, provisioning_damaged_after_the_group);
    tcase_add_test(tc, mras_body_unreadable);
    tcase_add_test(tc, seed_mras_unanswered);
    tcase_add_test(tc, edge_ip_given);
    tcase_add_test(tc, edge_inferred);
    tcase_add_test(tc, nat_private_address);
    tcase_add_test(tc, no_sip_traffic);
    tcase_add_test(tc, only_other_traffic);
    tcase_add_test(tc, bare_invite_host_only);
    tcase_add_test(tc, bare_invite_relay);
    tcase_add_test(tc, bare_invite_framed);
    tcase_add_test(tc, provisioning_steps);
    tcase_add_test(tc, mras_steps);
    tcase_add_test(tc, media_connectivity_failed);
    tcase_add_test(tc, call_rejected);
    tcase_add_test(tc, evidence_ms_codes);
    tcase_add_test(tc, normal_end_is_not_a_failure);
    tcase_add_test(tc, ms_code_registry);
    tcase_add_test(tc, icewarn_bits);
    tcase_add_test(tc, repeated_sign_in);
    tcase_add_test(tc, two_calls);
    tcase_add_test(tc, call_outcomes);
    tcase_add_test(tc, internal_client);
    tcase_add_test(tc, rotated_in_wrong_order);
    tcase_add_test(tc, options_and_arguments);
    tcase_add_test(tc, registry);
    tcase_add_loop_test(tc, parts_agree_with_run, 0, sizeof(every_fixture) / sizeof(every_fixture[0]));
    tcase_add_loop_test(tc, alloc_failures, 0, sizeof(alloc_fixtures) / sizeof(alloc_fixtures[0]));
    tcase_add_loop_test(tc, alloc_failures_in_parts, 0, sizeof(alloc_fixtures) / sizeof(alloc_fixtures[0]));
    tcase_add_test(tc, parts_memory_does_not_grow);
    tcase_add_test(tc, parts_open_call_limit);
    tcase_add_test(tc, parts_call_without_verdicts);
    tcase_add_test(tc, relays_are_the_calls_own);
    tcase_add_test(tc, parts_stream_stop_and_arguments);
    tcase_add_test(tc, parts_window_budget);
    tcase_add_test(tc, unusable_packets);
    tcase_add_test(tc, limits_are_not_certainty);
    suite_add_tcase(s, tc);
    return s;
}
