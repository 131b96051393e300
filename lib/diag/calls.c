/*
 * What a call attempt is: an INVITE with an audio or video offer the client
 * sent, or one it received and answered, judged once per dialog.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

uint32_t uclog__diag_parse_offers(run *R, const uclog_sip *m, uclog_sdp **sdps, uint32_t max)
{
    uint32_t k, n = uclog_sip_sdp_count(m), got = 0;
    for (k = 0; k < n && got < max; k++) {
        uclog_str body;
        uclog_span span;
        if (uclog_sip_sdp_body(&body, &span, NULL, m, k))
            continue;
        if (uclog_sdp_parse(&sdps[got], R->ctx, body.ptr, body.len, &span)) {
            uclog__diag_fail(R, UCLOG_E_NOMEM);
            break;
        }
        got++;
    }
    return got;
}

void uclog__diag_free_sdps(uclog_sdp **sdps, uint32_t n)
{
    while (n)
        uclog_sdp_free(sdps[--n]);
}

void uclog__diag_parsed_free(parsed *p)
{
    while (p->nsdp)
        uclog_sdp_free(p->sdps[--p->nsdp]);
    uclog_sip_free(p->m);
    p->m = NULL;
}

/* On failure nothing is left to free. */
int uclog__diag_parse_with_sdp(run *R, uint32_t i, parsed *p)
{
    memset(p, 0, sizeof(*p));
    if (parse_msg(R, i, &p->m))
        return R->rc;
    p->nsdp = uclog__diag_parse_offers(R, p->m, p->sdps, 4);
    if (R->rc)
        uclog__diag_parsed_free(p);
    return R->rc;
}

int uclog__diag_has_media(uclog_sdp *const *sdps, uint32_t n, const char *type)
{
    uint32_t s, k;
    const uclog_sdp_media *md;
    uclog_str t;

    for (s = 0; s < n; s++)
        for (k = 0; k < uclog_sdp_media_count(sdps[s]); k++)
            if (uclog_sdp_media_get(&md, sdps[s], k) == 0 && (uclog_sdp_media_type(&t, md), uclog__diag_is(t, type)))
                return 1;
    return 0;
}

/* An A/V offer: audio or video (instant messaging or application sharing alone is not a call attempt). */
static int has_av(uclog_sdp *const *sdps, uint32_t n)
{
    return uclog__diag_has_media(sdps, n, "audio") || uclog__diag_has_media(sdps, n, "video");
}

/* The answer from the other party with SDP (183 or 200), or NONE. */
static uint32_t answer_of(run *R, uint32_t offer)
{
    uint32_t k, resp;
    for (k = 0; response_of(&resp, R, offer, k) == 0; k++) {
        uclog_sip *m = NULL;
        uint32_t cnt;
        if (!(flags_of(R, resp) & F_SDP) || parse_msg(R, resp, &m))
            continue;
        cnt = uclog_sip_sdp_count(m);
        uclog_sip_free(m);
        if (cnt)
            return resp;
    }
    return NONE;
}

/*
 * The call attempt INVITE i begins, when it is one: an INVITE with an audio
 * offer the client sent, or one it received and answered with SDP. Its
 * verdicts go to R->r, the sign-in steps before it first.
 */
void uclog__diag_judge_call(run *R, uint32_t i)
{
    parsed inv, ans;
    const parsed *op;
    uint32_t offer = NONE, ctxmsg = NONE, c;
    int32_t dir;
    uclog_str cid, peer;

    /* an IM or sharing dialog re-INVITEd with audio or video becomes a call attempt there */
    for (;;) {
        uint32_t k, next = NONE, msg;
        if (call_id_of(&cid, R, i) || uclog__diag_parse_with_sdp(R, i, &inv))
            return;
        if (has_av(inv.sdps, inv.nsdp))
            break;
        uclog__diag_parsed_free(&inv);
        for (k = 0; next == NONE && call_message(&msg, R, i, k) == 0; k++)
            if (msg > i && is_request(R, msg, "INVITE"))
                next = msg;
        if (next == NONE)
            return;
        i = next;
    }
    memset(&ans, 0, sizeof(ans));
    if (sent(R, i)) {
        dir = UCLOG_DIAG_CALL_OUTGOING;
        offer = i;
        op = &inv;
        ctxmsg = answer_of(R, i);
        if (uclog_sip_to(NULL, &peer, NULL, NULL, inv.m))
            peer.ptr = NULL;
    } else if (R->src->direction(R, i) == UCLOG_DIRECTION_UNKNOWN) {
        /* bare SIP messages: whoever sent it, its own offer is what the file shows */
        dir = UCLOG_DIAG_CALL_DIRECTION_UNKNOWN;
        offer = i;
        op = &inv;
        ctxmsg = answer_of(R, i);
        if (uclog_sip_to(NULL, &peer, NULL, NULL, inv.m))
            peer.ptr = NULL;
    } else {
        dir = UCLOG_DIAG_CALL_INCOMING;
        offer = answer_of(R, i); /* the client's own answer */
        ctxmsg = i;
        op = &ans;
        if (uclog_sip_from(NULL, &peer, NULL, NULL, inv.m))
            peer.ptr = NULL;
        if (offer == NONE || !sent(R, offer) || uclog__diag_parse_with_sdp(R, offer, &ans)) {
            uclog__diag_parsed_free(&inv);
            return;
        }
    }
    if (uclog__diag_grow(R->r, (void **)&R->r->calls, &R->r->calls_cap, R->r->ncalls + 1, sizeof(*R->r->calls))) {
        uclog__diag_parsed_free(&inv);
        uclog__diag_parsed_free(&ans);
        uclog__diag_fail(R, UCLOG_E_NOMEM);
        return;
    }
    c = (uint32_t)R->r->ncalls++;
    R->r->calls[c].call_id = uclog__diag_dup(R, cid);
    R->r->calls[c].peer = uclog__diag_dup(R, peer);
    R->r->calls[c].direction = dir;
    R->r->calls[c].cut = UCLOG_DIAG_CALL_WHOLE;
    R->r->calls[c].outcome = UCLOG_DIAG_OUTCOME_UNKNOWN;
    {
        uclog_span sp;
        R->src->where(&sp, &R->r->calls[c].start, &R->r->calls[c].has_start, R, i);
    }
    if (!R->rc) {
        size_t first = R->r->nverdicts;
        uclog__diag_signin_steps(R, offer < i ? offer : i);
        uclog__diag_edge_step(R, (int32_t)c, R->r->calls[c].call_id, offer, op, ctxmsg);
        uclog__diag_call_outcome(R, (int32_t)c, R->r->calls[c].call_id, i, dir != UCLOG_DIAG_CALL_INCOMING);
        uclog__diag_trim(R->r, first);
    }
    uclog__diag_parsed_free(&inv);
    uclog__diag_parsed_free(&ans);
}

void uclog__diag_no_sip_verdict(run *R)
{
    struct uclog_diag_verdict *v = uclog__diag_give(R, UCLOG_DIAG_NO_SIP_TRAFFIC, -1, NULL);
    uint64_t n = R->life->nunusable;
    uint32_t f;

    if (!v)
        return;
    if (!n) {
        for (f = 0; f < R->life->nfiles; f++)
            uclog__diag_cite(R, v, NONE, NULL, uclog__diag_printf(R->r, "%s: no Sending Packet or Data Received record",
                                                                  R->life->files[f]));
        return;
    }
    /* packets there are, but none could be read as SIP: that is not a log without traffic */
    v->certainty = UCLOG_DIAG_UNREADABLE;
    v->reason = uclog__diag_printf(R->r, "the log frames %llu packets, and none of them could be read as a SIP "
                                         "message: whether the client signed in or called is not known",
                                   (unsigned long long)n);
    v->summary = "no packet of the log could be read as a SIP message";
    for (f = 0; f < n && f < UCLOG_DIAG_UNUSABLE_KEPT; f++)
        uclog__diag_cite(R, v, NONE, &R->life->unusable[f], "a packet that yields no SIP message");
}

/* No call attempt in the whole log: the sign-in steps up to its end, and INVITE_NOT_FOUND. */
void uclog__diag_no_call_verdicts(run *R, uint32_t end)
{
    struct uclog_diag_verdict *v;

    uclog__diag_signin_steps(R, end);
    v = uclog__diag_give(R, UCLOG_DIAG_INVITE_NOT_FOUND, -1, NULL);
    uclog__diag_cite(R, v, NONE, NULL, uclog__diag_printf(R->r, "%u SIP messages read; no INVITE carries an "
                                                         "SDP offer with m=audio or m=video", R->nseen));
    uclog__diag_unusable_evidence(R, v);
}
