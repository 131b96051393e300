/*
 * The streaming diagnosis (uclog_diag_run_parts): one pass, a window of
 * messages, each call judged as it ends and handed over as a part.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

/* Forget the sign-in verdicts given about message msg: nothing can be about it again. */
static void done_forget(run *R, uint32_t msg)
{
    size_t k, out = 0;
    for (k = 0; k < R->ndone; k++)
        if ((uint32_t)R->done[k] != msg)
            R->done[out++] = R->done[k];
    R->ndone = out;
}

typedef struct {
    run *R;
    uint32_t msg;
} forgetting;

static int of_request(const struct uclog__diag_wmsg *e, void *userdata)
{
    forgetting *f = userdata;
    if (e->seq != f->msg && (e->request != f->msg || (e->flags & F_CALL)))
        return 0;
    done_forget(f->R, e->seq);
    return 1;
}

/* Drop request msg, its responses, and what was said about them. */
static void forget_request(run *R, uint32_t msg)
{
    forgetting f;
    f.R = R;
    f.msg = msg;
    uclog__diag_win_drop_if(R->stream.win, of_request, &f);
}

/* Keep of list[] the newest entry and those an open call pinned. */
static void prune_signins(run *R, signin_entry *list, size_t *n)
{
    size_t k, out = 0;

    for (k = 0; k < *n; k++) {
        if (k + 1 == *n || list[k].pins)
            list[out++] = list[k];
        else
            forget_request(R, list[k].msg);
    }
    *n = out;
}

static void pin(signin_entry *list, size_t n, uint32_t msg, int delta)
{
    size_t k;
    for (k = 0; k < n; k++)
        if (list[k].msg == msg) {
            list[k].pins = (uint32_t)((int64_t)list[k].pins + delta);
            return;
        }
}

static int call_is(const open_call *c, uclog_str cid)
{
    return c->call_id_len == cid.len && !memcmp(c->call_id, cid.ptr, cid.len);
}

/* The client facts known so far, lent to the part. */
static void part_facts(run *R)
{
    R->r->files = R->life->files;
    R->r->nfiles = R->life->nfiles;
    R->r->client_uri = R->life->client_uri;
    R->r->client_ua = R->life->client_ua;
    R->r->client_version = R->life->client_version;
    R->r->location = R->life->location;
    R->r->location_reason = R->life->location_reason;
    R->r->nunusable = R->life->nunusable;
    memcpy(R->r->unusable, R->life->unusable, sizeof(R->r->unusable));
}

/* Hand the part over when it has a call or a verdict (or when `always`), then clear it. */
static void deliver(run *R, int always)
{
    if (!R->rc && (R->r->nomem || R->life->nomem))
        uclog__diag_fail(R, UCLOG_E_NOMEM);
    if (!R->rc && (always || R->r->nverdicts || R->r->ncalls)) {
        int rc;
        part_facts(R);
        uclog__diag_order(R->r);
        if ((rc = R->stream.fn(R->r, R->stream.userdata)) != 0 && !R->rc)
            R->rc = rc;
    }
    uclog__diag_report_clear(R->r);
    R->last_cid = NULL;
}

static int of_call(const struct uclog__diag_wmsg *e, void *userdata)
{
    const open_call *c = userdata;
    return (e->flags & F_CALL) && e->call_id.ptr && e->call_id.len == c->call_id_len &&
           !memcmp(e->call_id.ptr, c->call_id, c->call_id_len);
}

/* Judge open call k, hand its part over, and forget it. */
static void close_call(run *R, size_t k, int32_t cut)
{
    open_call c = R->stream.open[k];

    memmove(R->stream.open + k, R->stream.open + k + 1, (R->stream.nopen - k - 1) * sizeof(*R->stream.open));
    R->stream.nopen--;
    if (!R->rc) {
        uclog__diag_client_facts(R);
        uclog__diag_client_location_from_mras(R);
        uclog__diag_judge_call(R, c.invite);
        if (R->r->ncalls)
            R->r->calls[R->r->ncalls - 1].cut = cut;
        R->stream.ncalls_total += (uint32_t)R->r->ncalls;
        deliver(R, 0);
    }
    uclog__diag_win_drop_if(R->stream.win, of_call, &c);
    R->stream.recent[R->stream.recent_at++ % UCLOG__DIAG_RECENT] = uclog__diag_cid_hash((uclog_str){c.call_id, c.call_id_len});
    uclog_ctx_dealloc(R->ctx, c.call_id);
    if (c.sub != NONE)
        pin(R->subs, R->nsubs, c.sub, -1);
    if (c.svc != NONE)
        pin(R->mras, R->nmras, c.svc, -1);
    prune_signins(R, R->subs, &R->nsubs);
    prune_signins(R, R->mras, &R->nmras);
}

static int judged_lately(const run *R, uclog_str cid)
{
    uint64_t h = uclog__diag_cid_hash(cid);
    size_t k, n = R->stream.recent_at < UCLOG__DIAG_RECENT ? R->stream.recent_at : UCLOG__DIAG_RECENT;
    for (k = 0; k < n; k++)
        if (R->stream.recent[k] == h)
            return 1;
    return 0;
}

/* An INVITE of a Call-ID not open: a call begins, with the newest sign-in pinned for it. */
static open_call *open_new(run *R, uclog_str cid)
{
    open_call *c;

    if (R->stream.nopen == UCLOG__DIAG_MAX_OPEN)
        close_call(R, 0, UCLOG_DIAG_CALL_CUT_CALLS);
    if (R->rc || uclog__diag_grow(R->life, (void **)&R->stream.open, &R->stream.open_cap, R->stream.nopen + 1, sizeof(*R->stream.open)))
        return uclog__diag_fail(R, UCLOG_E_NOMEM), NULL;
    c = &R->stream.open[R->stream.nopen];
    memset(c, 0, sizeof(*c));
    if (!(c->call_id = uclog_ctx_alloc(R->ctx, cid.len ? cid.len : 1)))
        return uclog__diag_fail(R, UCLOG_E_NOMEM), NULL;
    memcpy(c->call_id, cid.ptr, cid.len);
    c->call_id_len = cid.len;
    c->invite = NONE;
    c->sub = R->nsubs ? R->subs[R->nsubs - 1].msg : NONE;
    c->svc = R->nmras ? R->mras[R->nmras - 1].msg : NONE;
    if (c->sub != NONE)
        R->subs[R->nsubs - 1].pins++;
    if (c->svc != NONE)
        R->mras[R->nmras - 1].pins++;
    R->stream.nopen++;
    return c;
}

static size_t window_bytes(const run *R)
{
    return R->opts && R->opts->window_bytes ? R->opts->window_bytes : UCLOG__DIAG_MAX_WINDOW_BYTES;
}

/* A call's message: into the window; the call is judged when it ends. */
static void stream_call_message(run *R, const uclog_sip *m, const uclog_packet *p, int request, uclog_str method)
{
    const struct uclog__diag_wmsg *e, *req;
    uclog_str cid;
    open_call *c = NULL;
    size_t k;
    uint32_t seq;
    uint8_t flags;
    int rc;

    if (uclog_sip_call_id(&cid, m))
        return;
    for (k = 0; k < R->stream.nopen; k++)
        if (call_is(&R->stream.open[k], cid)) {
            c = &R->stream.open[k];
            break;
        }
    if (!c) {
        if (!request || !uclog__diag_is(method, "INVITE") || judged_lately(R, cid) || !(c = open_new(R, cid)))
            return;
        k = R->stream.nopen - 1;
    }
    flags = (uint8_t)(F_CALL | (uclog_sip_diag_count(m) ? F_DIAG : 0) | (!request && uclog_sip_sdp_count(m) ? F_SDP : 0));
    if ((rc = uclog__diag_win_add(R->stream.win, m, p, flags, &seq)) != 0) {
        uclog__diag_fail(R, rc);
        return;
    }
    if (c->invite == NONE)
        c->invite = seq;
    c->nmsgs++;
    e = uclog__diag_win_get(R->stream.win, seq);
    if (!request && e->status >= 200 && e->request != NONE && (req = uclog__diag_win_get(R->stream.win, e->request)) != NULL) {
        int invite = uclog__diag_is(req->method, "INVITE");
        if (invite && e->status < 300)
            c->answered = 1;
        /* over: a BYE answered, or an INVITE refused before any was accepted (a
         * challenge is not a refusal: the INVITE comes again with credentials) */
        if (uclog__diag_is(req->method, "BYE") ||
            (invite && !c->answered && e->status >= 300 && e->status != 401 && e->status != 407))
            c->ended = 1;
    }
    if (c->ended || c->nmsgs >= UCLOG__DIAG_MAX_CALL_MSGS)
        close_call(R, k, c->ended ? UCLOG_DIAG_CALL_WHOLE : UCLOG_DIAG_CALL_CUT_MESSAGES);
    /* the byte budget: the oldest calls are judged with what they have */
    while (!R->rc && R->stream.nopen && uclog__diag_win_call_bytes(R->stream.win) > window_bytes(R))
        close_call(R, 0, UCLOG_DIAG_CALL_CUT_BYTES);
}

/* A sign-in request or response: kept while a call may read it. */
static void stream_signin_message(run *R, const uclog_sip *m, const uclog_packet *p, int request, int signin,
                                  int is_sent)
{
    size_t nsubs = R->nsubs, nmras = R->nmras, k;
    uint32_t seq;
    uclog_str cid;
    int rc, live = 0;

    if (!request) { /* a response is kept when its request is */
        if (uclog_sip_call_id(&cid, m))
            return;
        for (k = 0; k < R->nsubs + R->nmras && !live; k++) {
            const struct uclog__diag_wmsg *q = uclog__diag_win_get(R->stream.win, k < R->nsubs ? R->subs[k].msg : R->mras[k - R->nsubs].msg);
            live = q && q->call_id.len == cid.len && q->call_id.ptr && !memcmp(q->call_id.ptr, cid.ptr, cid.len);
        }
        if (!live)
            return;
    } else if (signin == SIGNIN_NONE || !is_sent) {
        return;
    }
    if ((rc = uclog__diag_win_add(R->stream.win, m, p, 0, &seq)) != 0) {
        uclog__diag_fail(R, rc);
        return;
    }
    if (!request) {
        if (uclog__diag_win_get(R->stream.win, seq)->request == NONE)
            uclog__diag_win_drop(R->stream.win, seq);
        return;
    }
    uclog__diag_observe_signin(R, seq, m, signin);
    if (R->nsubs == nsubs && R->nmras == nmras) {
        uclog__diag_win_drop(R->stream.win, seq); /* an MRAS request without credentialsRequest */
        return;
    }
    prune_signins(R, R->subs, &R->nsubs);
    prune_signins(R, R->mras, &R->nmras);
}

static void stream_message(run *R, const uclog_sip *m, const uclog_packet *p)
{
    uclog_str method;
    int request = uclog_sip_is_request(m), kind, is_sent = uclog_packet_direction(p) == UCLOG_DIRECTION_SENT;

    R->nseen++;
    if (request ? uclog_sip_request_line(&method, NULL, NULL, m) : uclog_sip_cseq(NULL, &method, m))
        return;
    kind = uclog__diag_method_kind(method);
    if (kind == K_OTHER)
        return;
    uclog__diag_observe_client(R, m, request, is_sent);
    if (kind == K_CALL)
        stream_call_message(R, m, p, request, method);
    else if (kind != K_REGISTER)
        stream_signin_message(R, m, p, request, request ? uclog__diag_signin_request(m, kind) : SIGNIN_NONE, is_sent);
}

int uclog_diag_run_parts(uclog_log *log, const uclog_diag_options *opts, uclog_diag_part_fn fn, void *userdata)
{
    run R;
    uclog_msg_iter *it = NULL;
    const uclog_sip *m;
    const uclog_packet *p;
    int rc;
    size_t k;

    if (!log || !fn)
        return UCLOG_E_INVALID_ARG;
    memset(&R, 0, sizeof(R));
    R.ctx = uclog_log_ctx(log);
    R.opts = opts;
    R.src = &uclog__diag_window_source;
    R.stream.fn = fn;
    R.stream.userdata = userdata;
    R.uri_msg = R.relay_msg = NONE;
    if ((rc = uclog__diag_report_new(&R.life, R.ctx)) != 0)
        return rc;
    if ((rc = uclog__diag_report_new(&R.r, R.ctx)) != 0 || (rc = uclog__diag_win_new(&R.stream.win, R.ctx)) != 0 ||
        (rc = uclog_msg_iter_new(&it, log)) != 0)
        uclog__diag_fail(&R, rc);
    else if (!(R.stream.recent = uclog_ctx_alloc(R.ctx, UCLOG__DIAG_RECENT * sizeof(*R.stream.recent))))
        uclog__diag_fail(&R, UCLOG_E_NOMEM);
    else
        memset(R.stream.recent, 0, UCLOG__DIAG_RECENT * sizeof(*R.stream.recent));
    if (!R.rc && uclog__diag_copy_files(&R, log) == 0)
        part_facts(&R); /* the evidence names its file from the start */
    if (!R.rc && (rc = uclog_msg_iter_set_flags(it, UCLOG_MSG_ITER_UNUSABLE)) != 0)
        uclog__diag_fail(&R, rc);
    while (!R.rc && (rc = uclog_msg_iter_next(&m, &p, it)) == 0) {
        if (m) {
            stream_message(&R, m, p);
            continue;
        }
        if (R.life->nunusable < UCLOG_DIAG_UNUSABLE_KEPT) /* a packet that yielded no message */
            uclog_packet_span(&R.life->unusable[R.life->nunusable], p);
        R.life->nunusable++;
    }
    if (!R.rc && rc != UCLOG_DONE)
        uclog__diag_fail(&R, rc);
    while (!R.rc && R.stream.nopen)
        close_call(&R, 0, UCLOG_DIAG_CALL_WHOLE);
    if (!R.rc) {
        if (R.nseen == 0) {
            uclog__diag_no_sip_verdict(&R);
        } else {
            uclog__diag_client_verdict(&R);
            if (!R.rc && R.stream.ncalls_total == 0)
                uclog__diag_no_call_verdicts(&R, NONE);
        }
        deliver(&R, 1);
    }
    uclog_msg_iter_free(it);
    if (!R.rc && R.life->nomem)
        R.rc = UCLOG_E_NOMEM;
    uclog__diag_win_free(R.stream.win);
    for (k = 0; k < R.stream.nopen; k++)
        uclog_ctx_dealloc(R.ctx, R.stream.open[k].call_id);
    uclog_ctx_dealloc(R.ctx, R.stream.open);
    uclog_ctx_dealloc(R.ctx, R.stream.recent);
    uclog__diag_free_run(&R);
    if (R.r)
        R.r->files = NULL; /* the life report's */
    uclog_diag_report_free(R.r);
    uclog_diag_report_free(R.life);
    return R.rc;
}
