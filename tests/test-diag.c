/* The diagnostics library: each verdict from a fixture that produces it (the streaming
 * diagnosis and damaged input: test-diag-parts.c). */
#include "diag-fixtures.h"

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
    diag_add_parts(tc);
    suite_add_tcase(s, tc);
    return s;
}
