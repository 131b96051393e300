/*
 * The window of a streaming diagnosis: copies of the messages it may still
 * read, numbered in log order. The engine drops a message once nothing can
 * ask for it again (its call was judged, its sign-in is no longer the
 * newest), so the window holds the calls in progress and the newest
 * sign-in dialogs, whatever the size of the log.
 */
#include <string.h>

#include "../match.h"
#include "diag-internal.h"

/* Messages are also chained by a hash of their Call-ID, in log order, so that what
 * is asked of one call (a request's responses, its messages) walks that call only. */
#define BUCKETS 256

struct uclog__diag_win {
    uclog_ctx *ctx;
    struct uclog__diag_wmsg **live; /* ascending seq */
    size_t n, cap;
    uint32_t next;
    size_t call_bytes; /* what the live call messages (UCLOG__DIAG_F_CALL) take */
    struct uclog__diag_wmsg *head[BUCKETS], *tail[BUCKETS];
};

static uint32_t bucket_of(uclog_str cid)
{
    return (uint32_t)(uclog__hash(cid.ptr, cid.len) & (BUCKETS - 1));
}

static int same_call(const struct uclog__diag_wmsg *e, uclog_str cid)
{
    return e->call_id.ptr && e->call_id.len == cid.len && !memcmp(e->call_id.ptr, cid.ptr, cid.len);
}

const struct uclog__diag_wmsg *uclog__diag_win_call_first(const struct uclog__diag_win *w, uclog_str cid)
{
    const struct uclog__diag_wmsg *e;
    if (!cid.ptr)
        return NULL;
    for (e = w->head[bucket_of(cid)]; e && !same_call(e, cid); e = e->next_same)
        ;
    return e;
}

const struct uclog__diag_wmsg *uclog__diag_win_call_next(const struct uclog__diag_wmsg *e)
{
    const struct uclog__diag_wmsg *n;
    for (n = e->next_same; n && !same_call(n, e->call_id); n = n->next_same)
        ;
    return n;
}

static void unchain(struct uclog__diag_win *w, struct uclog__diag_wmsg *e)
{
    if (e->prev_same)
        e->prev_same->next_same = e->next_same;
    else
        w->head[e->bucket] = e->next_same;
    if (e->next_same)
        e->next_same->prev_same = e->prev_same;
    else
        w->tail[e->bucket] = e->prev_same;
}

int uclog__diag_win_new(struct uclog__diag_win **out, uclog_ctx *ctx)
{
    struct uclog__diag_win *w = uclog_ctx_alloc(ctx, sizeof(*w));
    if (!w)
        return UCLOG_E_NOMEM;
    memset(w, 0, sizeof(*w));
    w->ctx = ctx;
    *out = w;
    return UCLOG_OK;
}

void uclog__diag_win_free(struct uclog__diag_win *w)
{
    size_t i;
    if (!w)
        return;
    for (i = 0; i < w->n; i++)
        uclog_ctx_dealloc(w->ctx, w->live[i]);
    uclog_ctx_dealloc(w->ctx, w->live);
    uclog_ctx_dealloc(w->ctx, w);
}

static size_t find(const struct uclog__diag_win *w, uint32_t seq)
{
    size_t lo = 0, hi = w->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (w->live[mid]->seq < seq)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t uclog__diag_win_call_bytes(const struct uclog__diag_win *w)
{
    return w->call_bytes;
}

const struct uclog__diag_wmsg *uclog__diag_win_get(const struct uclog__diag_win *w, uint32_t seq)
{
    size_t k = find(w, seq);
    return k < w->n && w->live[k]->seq == seq ? w->live[k] : NULL;
}

void uclog__diag_win_drop(struct uclog__diag_win *w, uint32_t seq)
{
    size_t k = find(w, seq);
    if (k >= w->n || w->live[k]->seq != seq)
        return;
    unchain(w, w->live[k]);
    if (w->live[k]->flags & UCLOG__DIAG_F_CALL)
        w->call_bytes -= w->live[k]->size;
    uclog_ctx_dealloc(w->ctx, w->live[k]);
    memmove(w->live + k, w->live + k + 1, (w->n - k - 1) * sizeof(*w->live));
    w->n--;
}

void uclog__diag_win_drop_if(struct uclog__diag_win *w, int (*drop)(const struct uclog__diag_wmsg *, void *),
                             void *userdata)
{
    size_t k, out = 0;

    for (k = 0; k < w->n; k++) {
        struct uclog__diag_wmsg *e = w->live[k];
        if (drop(e, userdata)) {
            unchain(w, e);
            if (e->flags & UCLOG__DIAG_F_CALL)
                w->call_bytes -= e->size;
            uclog_ctx_dealloc(w->ctx, e);
        } else {
            w->live[out++] = e;
        }
    }
    w->n = out;
}

/* Copy v after the message's bytes, at *at; an absent view stays absent. */
static uclog_str append(char *base, size_t *at, uclog_str v)
{
    uclog_str r = {NULL, 0};
    if (!v.ptr)
        return r;
    memcpy(base + *at, v.ptr, v.len);
    r.ptr = base + *at;
    r.len = v.len;
    *at += v.len;
    return r;
}

/* By the rule of match.h, as the index: the latest earlier request of the
 * same Call-ID (the chain's), CSeq number and method, going the other way. */
static uint32_t request_of(const struct uclog__diag_win *w, const struct uclog__diag_wmsg *resp)
{
    const struct uclog__diag_wmsg *q;
    uint32_t best = UINT32_MAX;

    for (q = uclog__diag_win_call_first(w, resp->call_id); q; q = uclog__diag_win_call_next(q))
        if (q->is_request && uclog__match_cseq(q->cseq, q->cseq_method, resp->cseq, resp->cseq_method) &&
            uclog__match_way(q->direction, resp->direction))
            best = q->seq; /* the latest: the chain is in log order */
    return best;
}

int uclog__diag_win_add(struct uclog__diag_win *w, const uclog_sip *m, const uclog_packet *p, uint8_t flags,
                        uint32_t *seq)
{
    struct uclog__diag_wmsg *e;
    uclog_str line, method = {NULL, 0}, cseq_method = {NULL, 0}, cid = {NULL, 0}, local = {NULL, 0},
              remote = {NULL, 0};
    uclog_span span;
    uint32_t cseq = 0;
    size_t len, at;

    if (w->next == UINT32_MAX)
        return UCLOG_E_LIMIT;
    if (uclog_sip_raw(&line, &span, m))
        return UCLOG_E_INVALID_ARG;
    len = line.len;
    if (uclog_sip_cseq(&cseq, &cseq_method, m))
        cseq = 0, cseq_method.ptr = NULL, cseq_method.len = 0;
    if (uclog_sip_is_request(m))
        uclog_sip_request_line(&method, NULL, NULL, m);
    else
        method = cseq_method;
    if (uclog_sip_call_id(&cid, m))
        cid.ptr = NULL;
    if (uclog_packet_local_endpoint(&local, NULL, p) || !local.ptr || local.len > 40)
        local.ptr = NULL, local.len = 0; /* as the index: a longer one is not an address it keeps */
    if (uclog_packet_remote_endpoint(&remote, NULL, p) || !remote.ptr || remote.len > 40)
        remote.ptr = NULL, remote.len = 0;
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 64;
        struct uclog__diag_wmsg **t = uclog_ctx_realloc(w->ctx, w->live, cap * sizeof(*t));
        if (!t)
            return UCLOG_E_NOMEM;
        w->live = t;
        w->cap = cap;
    }
    if (len > SIZE_MAX / 2 || method.len + cseq_method.len + cid.len + local.len + remote.len > SIZE_MAX / 4 ||
        !(e = uclog_ctx_alloc(w->ctx, sizeof(*e) + len + method.len + cseq_method.len + cid.len + local.len +
                                         remote.len + 1)))
        return UCLOG_E_NOMEM;
    memset(e, 0, sizeof(*e));
    e->size = sizeof(*e) + len + method.len + cseq_method.len + cid.len + local.len + remote.len + 1;
    e->bytes = (char *)(e + 1);
    memcpy(e->bytes, line.ptr, len);
    at = len;
    e->method = append(e->bytes, &at, method);
    e->cseq_method = append(e->bytes, &at, cseq_method);
    e->call_id = append(e->bytes, &at, cid);
    e->local = append(e->bytes, &at, local);
    e->remote = append(e->bytes, &at, remote);
    e->bytes[at] = '\0';
    e->len = len;
    e->span = span;
    e->has_ts = uclog_packet_timestamp(&e->ts, p) == 0;
    e->direction = uclog_packet_direction(p);
    e->is_request = (uint8_t)uclog_sip_is_request(m);
    if (!e->is_request)
        uclog_sip_status_line(NULL, &e->status, NULL, m);
    e->cseq = cseq;
    e->flags = flags;
    if (flags & UCLOG__DIAG_F_CALL)
        w->call_bytes += e->size;
    e->seq = w->next++;
    e->request = e->is_request || !e->call_id.ptr ? UINT32_MAX : request_of(w, e);
    w->live[w->n++] = e;
    e->bucket = bucket_of(e->call_id);
    e->prev_same = w->tail[e->bucket];
    if (e->prev_same)
        e->prev_same->next_same = e;
    else
        w->head[e->bucket] = e;
    w->tail[e->bucket] = e;
    *seq = e->seq;
    return UCLOG_OK;
}
