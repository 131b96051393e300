/*
 * The client: its URI, user agent and version, and where it signed in from
 * (the sign-in responses' ms-user-logon-data, the MRAS request's location).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

/* "UCCAPI/3.5.6874.0 OC/3.5.6874.0 (…)" gives "3.5.6874.0". */
static uclog_str version_of(uclog_str ua)
{
    static const char *const marks[] = {"UCCAPI/", "OC/"};
    uclog_str none = {NULL, 0};
    size_t m, i, n;

    for (m = 0; m < 2; m++) {
        n = strlen(marks[m]);
        for (i = 0; i + n <= ua.len; i++) {
            if (memcmp(ua.ptr + i, marks[m], n) == 0) {
                size_t e = i + n;
                while (e < ua.len && ua.ptr[e] != ' ' && ua.ptr[e] != '(')
                    e++;
                if (e > i + n) {
                    uclog_str v;
                    v.ptr = ua.ptr + i + n;
                    v.len = e - i - n;
                    return v;
                }
                return none;
            }
        }
    }
    return none;
}

log_pos uclog__diag_pos(const uclog_span *span)
{
    log_pos p;
    p.file = span->file;
    p.offset = span->offset;
    return p;
}

int uclog__diag_pos_before(log_pos a, log_pos b)
{
    return a.file < b.file || (a.file == b.file && a.offset < b.offset);
}

/* The address a server saw the client's request come from: received= of the topmost Via of its
 * answer, with where it was seen first (a call is judged with those seen before it). */
static void received_add(run *R, const uclog_sip *m)
{
    uclog_str params, rcv;
    uclog_span sp;
    uint8_t ip[16];
    uint32_t k;

    if (R->nreceived == MAX_RECEIVED || uclog_sip_via_entry(NULL, NULL, NULL, &params, m, 0) ||
        uclog_sip_param(&rcv, params, "received") || uclog_addr_to_bytes(ip, NULL, rcv.ptr, rcv.len) != 0)
        return;
    for (k = 0; k < R->nreceived; k++)
        if (!memcmp(R->received[k], ip, 16))
            return;
    uclog_sip_span(&sp, m);
    R->received_at[R->nreceived] = uclog__diag_pos(&sp);
    memcpy(R->received[R->nreceived++], ip, 16);
}

/* A sign-in answer: kept when its location differs from the one before (the oldest dropped past
 * MAX_OK_EVENTS, so that a log that flips without end costs no more). */
static void ok_event(run *R, const uclog_sip *m, int remote)
{
    signin_ok_event *e;

    if (R->noks && R->oks[R->noks - 1].remote == remote)
        return;
    if (R->noks == MAX_OK_EVENTS) {
        memmove(R->oks, R->oks + 1, (MAX_OK_EVENTS - 1) * sizeof(*R->oks));
        R->noks--;
    }
    e = &R->oks[R->noks++];
    uclog_sip_span(&e->span, m);
    e->at = uclog__diag_pos(&e->span);
    e->remote = remote;
}

int32_t uclog__diag_call_location(run *R, log_pos at, uint32_t svc, const char **why, uclog_span *span,
                                  int *has_span)
{
    const signin_entry *mr = svc == NONE ? NULL : uclog__diag_mras_entry(R, svc);
    const signin_ok_event *ok = NULL;
    uint32_t k;

    *has_span = 0;
    if (R->opts && R->opts->location) {
        *why = "given in the options";
        return R->opts->location;
    }
    for (k = 0; k < R->noks && uclog__diag_pos_before(R->oks[k].at, at); k++)
        ok = &R->oks[k];
    if (ok && ok->remote) {
        *why = "ms-user-logon-data: RemoteUser in the sign-in answer before the call";
        *span = ok->span;
        *has_span = 1;
        return UCLOG_DIAG_LOCATION_REMOTE;
    }
    if (mr && (mr->loc == LOC_INTERNET || mr->loc == LOC_INTRANET)) {
        *why = mr->loc == LOC_INTERNET ? "the call's MRAS credentialsRequest says location internet"
                                       : "the call's MRAS credentialsRequest says location intranet";
        *span = mr->loc_span;
        *has_span = 1;
        return mr->loc == LOC_INTERNET ? UCLOG_DIAG_LOCATION_REMOTE : UCLOG_DIAG_LOCATION_INTERNAL;
    }
    if (ok) {
        *why = "the sign-in answers before the call carry no ms-user-logon-data: RemoteUser";
        *span = ok->span;
        *has_span = 1;
        return UCLOG_DIAG_LOCATION_INTERNAL;
    }
    *why = "nothing in the log before the call says where the client signed in from";
    return UCLOG_DIAG_LOCATION_UNKNOWN;
}

/* The client's URI and user agent, and what the sign-in responses say of its location. */
void uclog__diag_observe_client(run *R, const uclog_sip *m, int request, int is_sent)
{
    uclog_str v, cseq_method;
    uint32_t status = 0;
    uclog_span sp;
    int remote;

    if (request && is_sent && !R->life->client_uri) {
        if (uclog_sip_from(NULL, &v, NULL, NULL, m) == 0)
            R->life->client_uri = uclog__diag_dup_in(R, R->life, v);
        if (uclog_sip_user_agent(&v, m) == 0) {
            /* run-owned: until a From is read, each request without one replaces them */
            R->life->client_ua = uclog__diag_own_view(R, &R->ua_own, v);
            R->life->client_version = uclog__diag_own_view(R, &R->version_own, version_of(v));
        }
    }
    if (!request && !is_sent)
        received_add(R, m);
    if (request || is_sent || uclog_sip_status_line(NULL, &status, NULL, m) || status < 200 || status >= 300 ||
        uclog_sip_cseq(NULL, &cseq_method, m) ||
        !(uclog__diag_is(cseq_method, "REGISTER") || uclog__diag_is(cseq_method, "SUBSCRIBE") ||
          uclog__diag_is(cseq_method, "SERVICE")))
        return;
    remote = uclog_sip_is_remote_user(m) == 1;
    ok_event(R, m, remote);
    if (R->loc != UCLOG_DIAG_LOCATION_UNKNOWN)
        return;
    if (!R->saw_signin_ok)
        uclog_sip_span(&R->signin_ok_span, m);
    R->saw_signin_ok = 1;
    if (remote) {
        R->loc = UCLOG_DIAG_LOCATION_REMOTE;
        uclog_sip_span(&sp, m);
        R->loc_why = uclog__diag_printf(R->life, "ms-user-logon-data: RemoteUser in the %.*s response at %s:%u",
                                        (int)cseq_method.len, cseq_method.ptr,
                                        uclog_diag_report_file_name(R->life, sp.file), sp.line);
    }
}

void uclog__diag_client_facts(run *R)
{
    int32_t loc = R->loc;
    const char *why = R->loc_why;

    if (loc == UCLOG_DIAG_LOCATION_UNKNOWN && R->saw_signin_ok) {
        loc = UCLOG_DIAG_LOCATION_INTERNAL;
        why = "the sign-in responses carry no ms-user-logon-data: RemoteUser";
        R->location_weak = 1;
        R->loc_span = R->signin_ok_span;
        R->has_loc_span = 1;
    }
    if (R->opts && R->opts->location) {
        loc = R->opts->location;
        why = "given in the options";
        R->location_weak = 0;
        R->has_loc_span = 0;
    }
    if (loc != UCLOG_DIAG_LOCATION_UNKNOWN) {
        R->life->location = loc;
        R->life->location_reason = why ? why : "";
    }
}

/* The location an MRAS request's first credentialsRequest gives. */
uint8_t uclog__diag_mras_location(const uclog_mras *req)
{
    const uclog_mras_credreq *cr;
    uclog_str loc;

    if (uclog_mras_credreq_get(&cr, req, 0) || uclog_mras_credreq_location(&loc, cr))
        return LOC_NONE;
    return uclog__diag_is(loc, "internet") ? LOC_INTERNET : uclog__diag_is(loc, "intranet") ? LOC_INTRANET : LOC_OTHER;
}

/*
 * MRAS request locations, when the sign-in responses said nothing (or only
 * by inference): the first request that gives one decides; when it gives
 * neither internet nor intranet and nothing else is known, the first that
 * does.
 */
void uclog__diag_client_location_from_mras(run *R)
{
    uint8_t loc;

    if ((R->life->location != UCLOG_DIAG_LOCATION_UNKNOWN && !R->location_weak) || !R->mras_loc)
        return;
    R->location_weak = 0;
    loc = R->mras_loc;
    R->loc_span = R->mras_loc_span;
    if (loc == LOC_OTHER && R->life->location == UCLOG_DIAG_LOCATION_UNKNOWN) {
        loc = R->mras_loc_set;
        R->loc_span = R->mras_loc_set_span;
    }
    R->has_loc_span = loc == LOC_INTERNET || loc == LOC_INTRANET;
    if (loc == LOC_INTERNET) {
        R->life->location = UCLOG_DIAG_LOCATION_REMOTE;
        R->life->location_reason = "the MRAS credentialsRequest says location internet";
    } else if (loc == LOC_INTRANET) {
        R->life->location = UCLOG_DIAG_LOCATION_INTERNAL;
        R->life->location_reason = "the MRAS credentialsRequest says location intranet";
    }
}

/* What the log says of the client so far, and CLIENT_IS_INTERNAL when it is. */
void uclog__diag_client_verdict(run *R)
{
    struct uclog_diag_verdict *v;

    uclog__diag_client_facts(R);
    uclog__diag_client_location_from_mras(R);
    if (R->rc || R->life->location != UCLOG_DIAG_LOCATION_INTERNAL)
        return;
    v = uclog__diag_give(R, UCLOG_DIAG_CLIENT_IS_INTERNAL, -1, NULL);
    /* cited where the log said it: the <location> element, or the sign-in answer without RemoteUser */
    uclog__diag_cite(R, v, NONE, R->has_loc_span ? &R->loc_span : NULL,
                     uclog__diag_printf(R->r, "client location: internal (%s)", R->life->location_reason));
    if (v)
        v->summary = "this log is from a client inside the network; the procedure needs the remote "
                     "user's log, and no Edge failure is claimed from its candidates";
}
