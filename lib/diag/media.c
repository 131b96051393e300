/*
 * How a call ended: ms-client-diagnostics 22-26 with ICEWarn decoded, the
 * INVITE's final error, a cancel.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

static void icewarn_evidence(run *R, struct uclog_diag_verdict *v, uint32_t msg, const uclog_sip *m, uclog_str entry)
{
    uclog_str val, media;
    uint64_t bits;
    uint32_t b;

    if (uclog_sip_diag_media_debug(&val, &media, entry, "ICEWarn") != 0 || uclog_sip_parse_u64(&bits, val) != 0)
        return;
    uclog__diag_cite_in(R, v, msg, m, val.ptr, uclog__diag_printf(R->r, "ICEWarn=%.*s%s%.*s", (int)val.len, val.ptr,
                                                   media.ptr ? " for " : "", (int)media.len, media.ptr ? media.ptr : ""));
    for (b = 0; b < 64; b++) {
        uint64_t bit = (uint64_t)1 << b;
        const char *meaning;
        if (!(bits & bit))
            continue;
        meaning = bit <= 0xFFFFFFFFu ? uclog_diag_icewarn_bit((uint32_t)bit) : NULL;
        uclog__diag_cite_in(R, v, msg, m, val.ptr, meaning ? uclog__diag_printf(R->r, "ICEWarn bit 0x%llx: %s", (unsigned long long)bit, meaning)
                                             : uclog__diag_printf(R->r, "ICEWarn bit 0x%llx: in neither the Resource Kit nor the [MS-QoE] table (raw value kept)",
                                                                  (unsigned long long)bit));
    }
    if (uclog_sip_diag_media_debug(&val, NULL, entry, "LocalMR") == 0)
        uclog__diag_cite_in(R, v, msg, m, val.ptr, val.len ? uclog__diag_printf(R->r, "LocalMR=%.*s", (int)val.len, val.ptr)
                                             : "LocalMR is empty: this side got no media relay (MRAS or TURN allocation)");
    if (uclog_sip_diag_media_debug(&val, NULL, entry, "RemoteMR") == 0)
        uclog__diag_cite_in(R, v, msg, m, val.ptr, val.len ? uclog__diag_printf(R->r, "RemoteMR=%.*s", (int)val.len, val.ptr)
                                             : "RemoteMR is empty: the other side got no media relay");
}

/*
 * The final answer that ends the attempt INVITE i began (NONE: none): a
 * 401/407 followed by the INVITE sent again with credentials is one
 * authentication step, so the resent INVITE's answer is the one. *cancel is
 * a CANCEL the client sent in the call before that answer (NONE: none).
 */
static uint32_t attempt_final(run *R, uint32_t i, uint32_t *cancel)
{
    uint32_t inv = i, fin, k, msg, status;

    *cancel = NONE;
    for (;;) {
        uint32_t next = NONE;
        if (final_of(&fin, R, inv) != 0)
            return NONE;
        status = status_of(R, fin);
        for (k = 0; call_message(&msg, R, i, k) == 0; k++) {
            if (msg <= inv || !sent(R, msg))
                continue;
            if (msg < fin && is_request(R, msg, "CANCEL"))
                *cancel = msg;
            else if (next == NONE && msg > fin && is_request(R, msg, "INVITE"))
                next = msg;
        }
        if ((status != 401 && status != 407) || next == NONE)
            return fin;
        inv = next;
    }
}

/* What the final answer to a call's INVITE says of how it ended (a redirect, or a challenge never
 * answered in the log, says nothing). */
static void set_outcome(run *R, int32_t call, uint32_t status, int cancelled)
{
    int32_t o = cancelled                                          ? UCLOG_DIAG_OUTCOME_CANCELLED
                : status >= 200 && status < 300                    ? UCLOG_DIAG_OUTCOME_ESTABLISHED
                : status >= 400 && status != 401 && status != 407 ? UCLOG_DIAG_OUTCOME_REFUSED
                                                                   : UCLOG_DIAG_OUTCOME_UNKNOWN;
    if (call >= 0 && (size_t)call < R->r->ncalls)
        R->r->calls[call].outcome = o;
}

/* A call the client received: its own final answer to the INVITE (a 487 follows the caller's
 * CANCEL). */
static void set_incoming_outcome(run *R, int32_t call, uint32_t invite, int media_failed)
{
    uint32_t fin, status;

    if (media_failed || final_of(&fin, R, invite) != 0)
        return;
    status = status_of(R, fin);
    set_outcome(R, call, status, status == 487);
}

/* ms-client-diagnostics 22-26 anywhere in the call; and how the attempt ended. */
void uclog__diag_call_outcome(run *R, int32_t call, const char *call_id, uint32_t offer, int outgoing)
{
    uint32_t k, msg, fin, status = 0;
    struct uclog_diag_verdict *media = NULL, *rej;
    uint32_t cancel;

    for (k = 0; call_message(&msg, R, offer, k) == 0 && !R->rc; k++) {
        uclog_sip *m = NULL;
        uint32_t d, nd, kind, id;
        uclog_str entry, reason;
        if (msg < offer || !(flags_of(R, msg) & F_DIAG) || parse_msg(R, msg, &m))
            continue;
        nd = uclog_sip_diag_count(m);
        for (d = 0; d < nd; d++) {
            if (uclog_sip_diag(&entry, &kind, m, d) || kind != UCLOG_SIP_DIAG_CLIENT ||
                uclog_sip_diag_parse(&id, NULL, &reason, NULL, entry) || id < 22 || id > 26)
                continue;
            if (!media) {
                media = uclog__diag_give(R, UCLOG_DIAG_MEDIA_CONNECTIVITY_FAILED, call, call_id);
                if (media)
                    media->summary = uclog__diag_printf(R->r, "ms-client-diagnostics %u: %.*s", id, (int)reason.len,
                                                        reason.ptr ? reason.ptr : "");
            }
            uclog__diag_cite_in(R, media, msg, m, entry.ptr, uclog__diag_printf(R->r, "%s: ms-client-diagnostics: %.*s",
                                                               uclog__diag_start_line(R, msg), (int)entry.len, entry.ptr));
            uclog__diag_ms_fields(R, media, kind, entry);
            icewarn_evidence(R, media, msg, m, entry);
        }
        uclog_sip_free(m);
    }
    if (media && call >= 0 && (size_t)call < R->r->ncalls)
        R->r->calls[call].outcome = UCLOG_DIAG_OUTCOME_MEDIA_FAILED;
    if (!outgoing) {
        set_incoming_outcome(R, call, offer, media != NULL);
        return;
    }
    if ((fin = attempt_final(R, offer, &cancel)) == NONE)
        return;
    status = status_of(R, fin);
    if (!media)
        set_outcome(R, call, status, status == 487 && cancel != NONE);
    if (status == 487 && cancel != NONE) {
        struct uclog_diag_verdict *c = uclog__diag_give(R, UCLOG_DIAG_CALL_CANCELLED, call, call_id);
        uclog__diag_cite(R, c, cancel, NULL, uclog__diag_printf(R->r, "sent: %s", uclog__diag_start_line(R, cancel)));
        uclog__diag_cite(R, c, fin, NULL, uclog__diag_printf(R->r, "answer to the INVITE: %s",
                                                             uclog__diag_start_line(R, fin)));
        if (c)
            c->summary = "the client cancelled the call before it was answered";
        return;
    }
    /* a redirect is no refusal; a challenge never answered in the log is not judged */
    if (status < 400 || status == 401 || status == 407 || (media && status >= 400))
        return;
    rej = uclog__diag_give(R, UCLOG_DIAG_CALL_REJECTED, call, call_id);
    uclog__diag_cite(R, rej, fin, NULL, uclog__diag_printf(R->r, "answer: %s", uclog__diag_start_line(R, fin)));
    {
        uclog_sip *m = NULL;
        if (parse_msg(R, fin, &m) == 0) {
            uclog__diag_ms_evidence(R, rej, fin, m);
            uclog_sip_free(m);
        }
    }
    if (rej)
        rej->summary = uclog__diag_printf(R->r, "the INVITE was refused with %u", status);
}
