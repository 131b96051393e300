/*
 * The whole-log diagnosis (uclog_diag_run): the index keeps the messages
 * the rules read again, the calls are judged in the order they began.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

/* Remember a sign-in dialog's Call-ID (by hash: a collision only keeps a message more). */
static void signin_dialog_add(run *R, uclog_str id)
{
    uint64_t h = uclog__diag_cid_hash(id);
    size_t i;

    if ((R->whole.ndialogs + 1) * 2 > R->whole.dialogs_cap) {
        size_t cap = R->whole.dialogs_cap ? R->whole.dialogs_cap * 2 : 64, k;
        uint64_t *t = uclog_ctx_alloc(R->ctx, cap * sizeof(*t));
        if (!t) {
            uclog__diag_fail(R, UCLOG_E_NOMEM);
            return;
        }
        memset(t, 0, cap * sizeof(*t));
        for (k = 0; k < R->whole.dialogs_cap; k++)
            if (R->whole.dialogs[k]) {
                for (i = (size_t)R->whole.dialogs[k] & (cap - 1); t[i]; i = (i + 1) & (cap - 1))
                    ;
                t[i] = R->whole.dialogs[k];
            }
        uclog_ctx_dealloc(R->ctx, R->whole.dialogs);
        R->whole.dialogs = t;
        R->whole.dialogs_cap = cap;
    }
    for (i = (size_t)h & (R->whole.dialogs_cap - 1); R->whole.dialogs[i]; i = (i + 1) & (R->whole.dialogs_cap - 1))
        if (R->whole.dialogs[i] == h)
            return;
    R->whole.dialogs[i] = h;
    R->whole.ndialogs++;
}

static int signin_dialog_has(const run *R, uclog_str id)
{
    uint64_t h;
    size_t i;

    if (!R->whole.dialogs_cap)
        return 0;
    h = uclog__diag_cid_hash(id);
    for (i = (size_t)h & (R->whole.dialogs_cap - 1); R->whole.dialogs[i]; i = (i + 1) & (R->whole.dialogs_cap - 1))
        if (R->whole.dialogs[i] == h)
            return 1;
    return 0;
}

static int wanted(const uclog_sip *m, const uclog_packet *p, void *userdata)
{
    run *R = userdata;
    uclog_str method, cid;
    int request = uclog_sip_is_request(m), kind, signin = SIGNIN_NONE, keep;

    R->nseen++;
    if (request ? uclog_sip_request_line(&method, NULL, NULL, m) : uclog_sip_cseq(NULL, &method, m))
        return 0;
    kind = uclog__diag_method_kind(method);
    if (kind == K_OTHER)
        return 0;
    if (kind == K_CALL) {
        keep = 1;
    } else if (kind == K_REGISTER) {
        keep = 0;
    } else if (request && (signin = uclog__diag_signin_request(m, kind)) != SIGNIN_NONE) {
        keep = 1;
        if (uclog_sip_call_id(&cid, m) == 0)
            signin_dialog_add(R, cid);
    } else {
        keep = uclog_sip_call_id(&cid, m) == 0 && signin_dialog_has(R, cid);
    }
    uclog__diag_observe(R, keep ? R->whole.nkept : NONE, m, p, kind, signin);
    if (keep)
        R->whole.nkept++;
    return keep;
}

/* Every call attempt of the index, in the order their first INVITE comes. */
static void find_calls(run *R)
{
    uint32_t i, ic;
    uclog_str cid;

    for (i = 0; i < R->whole.nmsgs && !R->rc; i++) {
        if (!is_request(R, i, "INVITE") || uclog_index_message_call_id(&cid, R->whole.idx, i) ||
            uclog_index_call_find(&ic, R->whole.idx, cid.ptr, cid.len) || R->whole.call_done[ic])
            continue;
        R->whole.call_done[ic] = 1; /* later INVITEs of a Call-ID re-offer the same call */
        uclog__diag_judge_call(R, i);
    }
}

int uclog_diag_run(uclog_diag_report **out, uclog_log *log, const uclog_diag_options *opts)
{
    run R;
    int rc;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!log)
        return UCLOG_E_INVALID_ARG;
    memset(&R, 0, sizeof(R));
    R.ctx = uclog_log_ctx(log);
    R.opts = opts;
    R.src = &uclog__diag_index_source;
    if ((rc = uclog__diag_report_new(&R.r, R.ctx)))
        return rc;
    R.life = R.r;
    R.uri_msg = R.relay_msg = NONE;
    if (uclog__diag_copy_files(&R, log) == 0 && (rc = uclog_index_build_filtered(&R.whole.idx, log, wanted, &R)) != 0)
        uclog__diag_fail(&R, rc);
    if (!R.rc) {
        uint32_t k;
        R.whole.nmsgs = uclog_index_message_count(R.whole.idx);
        R.r->nunusable = uclog_index_unusable_count(R.whole.idx);
        for (k = 0; k < UCLOG_DIAG_UNUSABLE_KEPT && uclog_index_unusable_span(&R.r->unusable[k], R.whole.idx, k) == 0; k++)
            ;
        if (R.whole.nmsgs != R.whole.nkept) /* the index keeps what the filter says, or fails */
            uclog__diag_fail(&R, UCLOG_E_STATE);
        R.whole.call_done = uclog_ctx_alloc(R.ctx, uclog_index_call_count(R.whole.idx) + 1);
        if (!R.whole.call_done)
            uclog__diag_fail(&R, UCLOG_E_NOMEM);
        else
            memset(R.whole.call_done, 0, uclog_index_call_count(R.whole.idx) + 1);
    }
    if (!R.rc) {
        if (R.nseen == 0) {
            uclog__diag_no_sip_verdict(&R);
        } else {
            uclog__diag_client_verdict(&R);
            find_calls(&R);
            if (!R.rc && R.r->ncalls == 0)
                uclog__diag_no_call_verdicts(&R, R.whole.nmsgs);
        }
    }
    if (R.r->client_ua) /* the report owns what it says */
        R.r->client_ua = uclog__diag_strdup(R.r, R.ua_own, strlen(R.ua_own));
    if (R.r->client_version)
        R.r->client_version = uclog__diag_strdup(R.r, R.version_own, strlen(R.version_own));
    if (!R.rc && R.r->nomem)
        R.rc = UCLOG_E_NOMEM;
    uclog_index_free(R.whole.idx);
    uclog_ctx_dealloc(R.ctx, R.whole.call_done);
    uclog_ctx_dealloc(R.ctx, R.whole.flags);
    uclog_ctx_dealloc(R.ctx, R.whole.dialogs);
    uclog__diag_free_run(&R);
    if (R.rc) {
        uclog_diag_report_free(R.r);
        return R.rc;
    }
    uclog__diag_order(R.r);
    *out = R.r;
    return UCLOG_OK;
}
