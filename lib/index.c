/* The opt-in message index, built: calls by Call-ID, responses matched to requests, retransmissions
 * told from new messages (index-store.h is its layout, index-read.c answers the queries). */
#include <stdlib.h>

#include <uclog/index.h>
#include <uclog/packet.h>

#include "index-internal.h"
#include "index-store.h"
#include "hash.h"
#include "internal.h"
#include "match.h"
#include "log-layer.h"

static int rehash(uclog_index *idx, size_t cap)
{
    uint32_t *t = uclog__calloc(idx->ctx, cap, sizeof(*t));
    size_t i;

    if (!t)
        return UCLOG_E_NOMEM;
    for (i = 0; i < idx->ncalls; i++) {
        size_t h = (size_t)uclog__hash(idx->calls[i].call_id.ptr, idx->calls[i].call_id.len) & (cap - 1);
        while (t[h])
            h = (h + 1) & (cap - 1);
        t[h] = (uint32_t)i + 1;
    }
    uclog__free(idx->ctx, idx->table);
    idx->table = t;
    idx->table_cap = cap;
    return UCLOG_OK;
}

int uclog__idx_lookup(const uclog_index *idx, const char *p, size_t n, size_t *slot)
{
    size_t h;

    if (!idx->table_cap)
        return 0;
    h = (size_t)uclog__hash(p, n) & (idx->table_cap - 1);
    while (idx->table[h]) {
        const struct idx_call *c = &idx->calls[idx->table[h] - 1];
        if (c->call_id.len == n && !memcmp(c->call_id.ptr, p, n)) {
            *slot = h;
            return 1;
        }
        h = (h + 1) & (idx->table_cap - 1);
    }
    *slot = h;
    return 0;
}

/* The call of a Call-ID, made when new. */
static int call_of(uint32_t *call, uclog_index *idx, uclog_str id)
{
    size_t slot = 0;
    int rc;

    if (uclog__idx_lookup(idx, id.ptr, id.len, &slot)) {
        *call = idx->table[slot] - 1;
        return UCLOG_OK;
    }
    if ((idx->ncalls + 1) * 2 > idx->table_cap) {
        if ((rc = rehash(idx, idx->table_cap ? idx->table_cap * 2 : 64)))
            return rc;
        uclog__idx_lookup(idx, id.ptr, id.len, &slot);
    }
    if (idx->ncalls >= NONE - 1 ||
        uclog__grow(idx->ctx, (void **)&idx->calls, &idx->calls_cap, idx->ncalls + 1, sizeof(*idx->calls)))
        return UCLOG_E_NOMEM;
    idx->calls[idx->ncalls].call_id = id;
    idx->calls[idx->ncalls].first = idx->calls[idx->ncalls].count = 0;
    idx->table[slot] = (uint32_t)++idx->ncalls;
    *call = (uint32_t)idx->ncalls - 1;
    return UCLOG_OK;
}


/*
 * Request matching, by the rule of match.h. A transaction is a Call-ID, a
 * CSeq number and a CSeq method (compared without case); the table keeps,
 * for each transaction and direction, the latest request seen so far, so a
 * response finds the latest earlier request going the other way in at most
 * three look-ups.
 */
static size_t tx_hash(uint32_t call, uint32_t cseq, int8_t direction, uclog_str method)
{
    uint64_t h = UCLOG__HASH_SEED ^ ((uint64_t)call << 32 | cseq);

    h = uclog__hash_byte(h, (uint8_t)direction);
    h = uclog__hash_add_lower(h, method.ptr, method.len);
    return (size_t)(h ^ h >> 29);
}

/* The slot of a transaction and direction: its request's, or the empty one it would take. */
static size_t tx_slot(uclog_index *idx, uint32_t call, uint32_t cseq, int8_t direction, uclog_str method)
{
    size_t h = tx_hash(call, cseq, direction, method) & (idx->txs_cap - 1);

    for (; idx->txs[h]; h = (h + 1) & (idx->txs_cap - 1)) {
        const struct idx_msg *m = MSG(idx, idx->txs[h] - 1);
        idx->steps++;
        if (m->call == call && m->direction == direction &&
            uclog__match_cseq(m->cseq, uclog__idx_cseq_method(m), cseq, method))
            break;
    }
    idx->steps++;
    return h;
}

static int tx_grow(uclog_index *idx)
{
    size_t cap = idx->txs_cap ? idx->txs_cap * 2 : 64, i, h;
    uint32_t *t = uclog__calloc(idx->ctx, cap, sizeof(*t));

    if (!t)
        return UCLOG_E_NOMEM;
    for (i = 0; i < idx->txs_cap; i++) {
        const struct idx_msg *m;
        if (!idx->txs[i])
            continue;
        m = MSG(idx, idx->txs[i] - 1);
        h = tx_hash(m->call, m->cseq, m->direction, uclog__idx_cseq_method(m)) & (cap - 1);
        while (t[h])
            h = (h + 1) & (cap - 1);
        t[h] = idx->txs[i];
    }
    uclog__free(idx->ctx, idx->txs);
    idx->txs = t;
    idx->txs_cap = cap;
    return UCLOG_OK;
}

static int same_keys(const uclog_index *idx, uint32_t a, uint32_t b, uint8_t which);

/*
 * Request i becomes the latest of its transaction in its direction. When
 * the one it replaces has the same top Via branch (or neither has one), i
 * sends that request again: a retransmission of its first sending.
 */
static int tx_add(uclog_index *idx, uint32_t i)
{
    struct idx_msg *m = MSG(idx, i);
    size_t h;
    int rc;

    if (m->call == NONE || !(m->has & HAS_CSEQ_METHOD))
        return UCLOG_OK; /* no response can match it */
    if ((idx->ntxs + 1) * 2 > idx->txs_cap && (rc = tx_grow(idx)))
        return rc;
    h = tx_slot(idx, m->call, m->cseq, m->direction, uclog__idx_cseq_method(m));
    if (!idx->txs[h]) {
        idx->ntxs++;
    } else if (same_keys(idx, idx->txs[h] - 1, i, HAS_BRANCH)) {
        m->retx = uclog__idx_first_sending(idx, idx->txs[h] - 1);
        MSG(idx, m->retx)->tx.responses.retransmissions++;
    }
    idx->txs[h] = i + 1;
    return UCLOG_OK;
}

/* The latest earlier request of the same transaction, going the other way. */
static uint32_t find_request(uclog_index *idx, const struct idx_msg *resp)
{
    static const int8_t dirs[] = {UCLOG_DIRECTION_UNKNOWN, UCLOG_DIRECTION_SENT, UCLOG_DIRECTION_RECEIVED};
    uint32_t best = NONE;
    size_t k;

    if (resp->call == NONE || !(resp->has & HAS_CSEQ_METHOD) || !idx->txs_cap)
        return NONE;
    for (k = 0; k < sizeof(dirs); k++) {
        uint32_t r;
        if (!uclog__match_way(dirs[k], resp->direction))
            continue;
        r = idx->txs[tx_slot(idx, resp->call, resp->cseq, dirs[k], uclog__idx_cseq_method(resp))];
        if (r && (best == NONE || r - 1 > best))
            best = r - 1;
    }
    return best;
}

/*
 * Response retransmissions. A response repeats an earlier one when both
 * answer the same transaction (the first sending of their requests), go the
 * same way, and carry the same status code, top Via branch and To tag; the
 * table keeps the first of each, message + 1, 0 = empty.
 */
static size_t resp_hash(const uclog_index *idx, uint32_t i)
{
    const struct idx_msg *e = MSG(idx, i);
    const struct idx_keys *k = &idx->keys[i];
    uint64_t h = UCLOG__HASH_SEED ^ ((uint64_t)uclog__idx_first_sending(idx, e->tx.request) << 32 | e->status);

    h = uclog__hash_byte(h, (uint8_t)e->direction);
    h = uclog__hash_byte(h, k->has);
    h = uclog__hash_add(h, e->ptr + k->branch_off, k->branch_len);
    h = uclog__hash_byte(h, 0);
    h = uclog__hash_add(h, e->ptr + k->tag_off, k->tag_len);
    return (size_t)(h ^ h >> 29);
}

/* Messages a and b carry the same branch and To tag, as far as @p which
 * says (HAS_BRANCH, HAS_TAG): both absent or both the same bytes. */
static int same_keys(const uclog_index *idx, uint32_t a, uint32_t b, uint8_t which)
{
    const struct idx_keys *ka = &idx->keys[a], *kb = &idx->keys[b];
    const char *pa = MSG(idx, a)->ptr, *pb = MSG(idx, b)->ptr;

    if ((ka->has ^ kb->has) & which)
        return 0;
    if ((which & ka->has & HAS_BRANCH) &&
        (ka->branch_len != kb->branch_len || memcmp(pa + ka->branch_off, pb + kb->branch_off, ka->branch_len)))
        return 0;
    if ((which & ka->has & HAS_TAG) &&
        (ka->tag_len != kb->tag_len || memcmp(pa + ka->tag_off, pb + kb->tag_off, ka->tag_len)))
        return 0;
    return 1;
}

static int same_response(const uclog_index *idx, uint32_t a, uint32_t b)
{
    const struct idx_msg *x = MSG(idx, a), *y = MSG(idx, b);

    return x->status == y->status && x->direction == y->direction &&
           uclog__idx_first_sending(idx, x->tx.request) == uclog__idx_first_sending(idx, y->tx.request) &&
           same_keys(idx, a, b, HAS_BRANCH | HAS_TAG);
}

static int resps_grow(uclog_index *idx)
{
    size_t cap = idx->resps_cap ? idx->resps_cap * 2 : 64, i, h;
    uint32_t *t = uclog__calloc(idx->ctx, cap, sizeof(*t));

    if (!t)
        return UCLOG_E_NOMEM;
    for (i = 0; i < idx->resps_cap; i++) {
        if (!idx->resps[i])
            continue;
        for (h = resp_hash(idx, idx->resps[i] - 1) & (cap - 1); t[h]; h = (h + 1) & (cap - 1))
            ;
        t[h] = idx->resps[i];
    }
    uclog__free(idx->ctx, idx->resps);
    idx->resps = t;
    idx->resps_cap = cap;
    return UCLOG_OK;
}

/*
 * Response i, matched to a request: a retransmission of the first response
 * like it, or else the first of its kind; the first provisional and the
 * first final response of the transaction are noted for its timings.
 */
static int resp_add(uclog_index *idx, uint32_t i)
{
    struct idx_msg *e = MSG(idx, i), *first = MSG(idx, uclog__idx_first_sending(idx, e->tx.request));
    size_t h;
    int rc;

    if ((idx->nresps + 1) * 2 > idx->resps_cap && (rc = resps_grow(idx)))
        return rc;
    for (h = resp_hash(idx, i) & (idx->resps_cap - 1); idx->resps[h]; h = (h + 1) & (idx->resps_cap - 1)) {
        idx->steps++;
        if (same_response(idx, idx->resps[h] - 1, i)) {
            e->retx = idx->resps[h] - 1;
            first->tx.responses.retransmissions++;
            return UCLOG_OK;
        }
    }
    idx->resps[h] = i + 1;
    idx->nresps++;
    if (e->status >= 100 && e->status < 200 && first->tx.responses.provisional == NONE)
        first->tx.responses.provisional = i;
    else if (e->status >= 200 && first->tx.responses.first_final == NONE)
        first->tx.responses.first_final = i;
    return UCLOG_OK;
}

/* Where a view of the message's bytes starts, as an offset; sets bit in *has. */
static uint32_t offset_of(uint8_t *has, uint8_t bit, uclog_str v, const char *start, uint32_t *len)
{
    if (!v.ptr)
        return 0;
    *has |= bit;
    *len = (uint32_t)v.len;
    return (uint32_t)(v.ptr - start);
}

/*
 * Bytes that live as long as the index: the log's own (a mapped, read or
 * transcoded file, or the caller's buffer), or else a copy the index owns
 * (a joined packet's bytes live in the iterator).
 */
static const char *lasting(uclog_index *idx, const uclog_log *log, uint32_t file, const char *p, size_t len)
{
    char *copy;

    if (uclog__log_holds(log, file, p, len))
        return p;
    if (uclog__grow(idx->ctx, (void **)&idx->copies, &idx->copies_cap, idx->ncopies + 1, sizeof(char *)))
        return NULL;
    copy = uclog__malloc(idx->ctx, len ? len : 1);
    if (!copy)
        return NULL;
    memcpy(copy, p, len);
    idx->copies[idx->ncopies++] = copy;
    return copy;
}

/* Keep the message's bytes and its keys, as offsets into those bytes. */
static int keep_message(uclog_index *idx, struct idx_msg *e, const uclog_sip *m, const uclog_log *log)
{
    uclog_str line, method = {NULL, 0}, call_id, cseq_method;

    uclog_sip_span(&e->span, m);
    uclog_sip_start_line(&line, NULL, m);
    if (e->span.length > UINT32_MAX) /* views are kept as 32-bit offsets */
        return uclog__error(idx->ctx, UCLOG_E_LIMIT, &e->span, "a message of over 4 GiB cannot be indexed");
    e->ptr = lasting(idx, log, e->span.file, line.ptr, (size_t)e->span.length);
    if (!e->ptr)
        return UCLOG_E_NOMEM;
    e->is_request = (uint8_t)uclog_sip_is_request(m);
    if (e->is_request)
        uclog_sip_request_line(&method, NULL, NULL, m);
    else
        uclog_sip_status_line(NULL, &e->status, NULL, m);
    if (uclog_sip_call_id(&call_id, m))
        call_id.ptr = NULL;
    if (uclog_sip_cseq(&e->cseq, &cseq_method, m))
        e->cseq = 0, cseq_method.ptr = NULL;
    e->method_off = offset_of(&e->has, HAS_METHOD, method, line.ptr, &e->method_len);
    e->call_id_off = offset_of(&e->has, HAS_CALL_ID, call_id, line.ptr, &e->call_id_len);
    e->cseq_method_off = offset_of(&e->has, HAS_CSEQ_METHOD, cseq_method, line.ptr, &e->cseq_method_len);
    return UCLOG_OK;
}

/* A view's offset among the message's bytes, when it lies there (a view
 * into anything else is not kept). */
static uint32_t inside(uint8_t *has, uint8_t bit, uclog_str v, const char *start, uint64_t length,
                       uint32_t *len)
{
    if (!v.ptr || v.ptr < start || (uint64_t)(v.ptr - start) > length || v.len > length - (uint64_t)(v.ptr - start))
        return 0;
    return offset_of(has, bit, v, start, len);
}

/* Keep where message i's top Via branch and To tag are, for telling retransmissions. */
static int keep_keys(uclog_index *idx, uint32_t i, const uclog_sip *m)
{
    struct idx_keys *k;
    uclog_str line, params, v;

    if (i >= idx->keys_cap &&
        uclog__grow(idx->ctx, (void **)&idx->keys, &idx->keys_cap, (size_t)i + 1, sizeof(*idx->keys)))
        return UCLOG_E_NOMEM;
    k = &idx->keys[i];
    memset(k, 0, sizeof(*k));
    uclog_sip_start_line(&line, NULL, m);
    if (uclog_sip_via_entry(NULL, NULL, NULL, &params, m, 0) == 0 && uclog_sip_param(&v, params, "branch") == 0)
        k->branch_off = inside(&k->has, HAS_BRANCH, v, line.ptr, MSG(idx, i)->span.length, &k->branch_len);
    if (uclog_sip_to(NULL, NULL, &v, NULL, m) == 0)
        k->tag_off = inside(&k->has, HAS_TAG, v, line.ptr, MSG(idx, i)->span.length, &k->tag_len);
    return UCLOG_OK;
}

/*
 * The packet's address text, interned: a log has a handful of distinct
 * addresses, so each is kept once (the packet holds its own copy, which
 * does not outlive the iteration).
 */
static const char *intern(uclog_index *idx, const char *p, size_t len)
{
    size_t h, i;
    char *copy;

    if ((idx->naddrs + 1) * 2 > idx->addrs_cap) {
        size_t cap = idx->addrs_cap ? idx->addrs_cap * 2 : 16, k;
        char **t = uclog__calloc(idx->ctx, cap, sizeof(*t));
        if (!t)
            return NULL;
        for (k = 0; k < idx->addrs_cap; k++) {
            if (!idx->addrs[k])
                continue;
            for (i = (size_t)uclog__hash(idx->addrs[k] + 1, (unsigned char)idx->addrs[k][0]) & (cap - 1); t[i];
                 i = (i + 1) & (cap - 1))
                ;
            t[i] = idx->addrs[k];
        }
        uclog__free(idx->ctx, idx->addrs);
        idx->addrs = t;
        idx->addrs_cap = cap;
    }
    h = (size_t)uclog__hash(p, len);
    for (i = h & (idx->addrs_cap - 1); idx->addrs[i]; i = (i + 1) & (idx->addrs_cap - 1))
        if ((unsigned char)idx->addrs[i][0] == len && !memcmp(idx->addrs[i] + 1, p, len))
            return idx->addrs[i] + 1;
    if (!(copy = uclog__malloc(idx->ctx, len + 1)))
        return NULL;
    copy[0] = (char)len; /* len <= 40 */
    memcpy(copy + 1, p, len);
    idx->addrs[i] = copy;
    idx->naddrs++;
    return copy + 1;
}

static int copy_address(uclog_index *idx, const char **dst, uint8_t *len, uint16_t *port, const uclog_packet *p,
                        int local)
{
    uclog_str a;
    uint16_t pt;
    int rc = local ? uclog_packet_local_endpoint(&a, &pt, p) : uclog_packet_remote_endpoint(&a, &pt, p);

    *len = 0;
    *port = 0;
    if (rc || a.len > 40 || !a.len)
        return UCLOG_OK;
    if (!(*dst = intern(idx, a.ptr, a.len)))
        return UCLOG_E_NOMEM;
    *len = (uint8_t)a.len;
    *port = pt;
    return UCLOG_OK;
}

static int add_message(uclog_index *idx, const uclog_sip *m, const uclog_packet *p, const uclog_log *log)
{
    struct idx_msg *e;
    uclog_timestamp ts;
    uint32_t i;
    int rc;

    if (idx->nmsgs >= NONE - 1)
        return UCLOG_E_NOMEM;
    if (idx->nmsgs == idx->nblocks * MSG_BLOCK) {
        if (uclog__grow(idx->ctx, (void **)&idx->blocks, &idx->blocks_cap, idx->nblocks + 1, sizeof(*idx->blocks)))
            return UCLOG_E_NOMEM;
        if (!(idx->blocks[idx->nblocks] = uclog__malloc(idx->ctx, MSG_BLOCK * sizeof(struct idx_msg))))
            return UCLOG_E_NOMEM;
        idx->nblocks++;
    }
    i = (uint32_t)idx->nmsgs;
    e = MSG(idx, i);
    memset(e, 0, sizeof(*e));
    e->call = NONE;
    e->direction = (int8_t)uclog_packet_direction(p);
    if (uclog_packet_timestamp(&ts, p) == 0) {
        e->ts = TS_OK | (ts.second == 60 ? TS_LEAP : 0);
        e->epoch_ms = ts.epoch_ms;
    }
    if ((rc = keep_message(idx, e, m, log)) ||
        (rc = copy_address(idx, &e->local, &e->local_len, &e->local_port, p, 1)) ||
        (rc = copy_address(idx, &e->remote, &e->remote_len, &e->remote_port, p, 0)))
        return rc;
    e->retx = NONE;
    if ((rc = keep_keys(idx, i, m)))
        return rc;
    idx->nmsgs++;
    if (e->has & HAS_CALL_ID) {
        if ((rc = call_of(&e->call, idx, uclog__idx_view(e, HAS_CALL_ID, e->call_id_off, e->call_id_len))))
            return rc;
        idx->calls[e->call].count++;
    }
    if (e->is_request) {
        e->tx.responses.count = e->tx.responses.retransmissions = 0;
        e->tx.responses.final = e->tx.responses.provisional = e->tx.responses.first_final = NONE;
        return tx_add(idx, i);
    }
    if ((e->tx.request = find_request(idx, e)) == NONE)
        return UCLOG_OK;
    MSG(idx, e->tx.request)->tx.responses.count++;
    return resp_add(idx, i);
}

/*
 * Once every message is in: lay out each call's messages and each
 * request's responses as runs of one array (counted while building, placed
 * here from the last message back, so each run is in log order), and drop
 * the transaction table.
 */
static int finish(uclog_index *idx)
{
    size_t i, incall = 0, answered = 0;

    uclog__free(idx->ctx, idx->txs);
    uclog__free(idx->ctx, idx->resps);
    uclog__free(idx->ctx, idx->keys);
    idx->txs = idx->resps = NULL;
    idx->keys = NULL;
    idx->txs_cap = idx->ntxs = idx->resps_cap = idx->nresps = idx->keys_cap = 0;
    for (i = 0; i < idx->ncalls; i++) {
        incall += idx->calls[i].count;
        idx->calls[i].first = (uint32_t)incall; /* the end, until placed */
    }
    for (i = 0; i < idx->nmsgs; i++) {
        struct idx_msg *e = MSG(idx, i);
        if (e->is_request) {
            answered += e->tx.responses.count;
            e->tx.responses.first = (uint32_t)answered;
        }
    }
    if ((incall && !(idx->by_call = uclog__malloc(idx->ctx, incall * sizeof(uint32_t)))) ||
        (answered && !(idx->answers = uclog__malloc(idx->ctx, answered * sizeof(uint32_t)))))
        return UCLOG_E_NOMEM;
    for (i = idx->nmsgs; i-- > 0;) {
        const struct idx_msg *e = MSG(idx, i);
        if (e->call != NONE)
            idx->by_call[--idx->calls[e->call].first] = (uint32_t)i;
        if (!e->is_request && e->tx.request != NONE) {
            struct idx_msg *r = MSG(idx, e->tx.request);
            idx->answers[--r->tx.responses.first] = (uint32_t)i;
            if (r->tx.responses.final == NONE && e->status >= 200)
                r->tx.responses.final = (uint32_t)i;
        }
    }
    return UCLOG_OK;
}

int uclog_index_build(uclog_index **out, uclog_log *log)
{
    return uclog_index_build_filtered(out, log, NULL, NULL);
}

int uclog_index_build_filtered(uclog_index **out, uclog_log *log, uclog_index_filter_fn keep, void *userdata)
{
    uclog_index *idx;
    uclog_msg_iter *it = NULL;
    const uclog_sip *m;
    const uclog_packet *p;
    uclog_ctx *ctx;
    int rc;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!log)
        return UCLOG_E_INVALID_ARG;
    ctx = uclog_log_ctx(log);
    if (uclog__log_is_stream(log))
        return uclog__error(ctx, UCLOG_E_STATE, NULL,
                            "%s: the index needs a log opened from files or a buffer, not a stream",
                            uclog_log_file_name(log, 0));
    idx = uclog__calloc(ctx, 1, sizeof(*idx));
    if (!idx)
        return UCLOG_E_NOMEM;
    idx->ctx = ctx;
    rc = uclog_msg_iter_new(&it, log);
    if (!rc)
        rc = uclog_msg_iter_set_flags(it, UCLOG_MSG_ITER_UNUSABLE);
    while (!rc && (rc = uclog_msg_iter_next(&m, &p, it)) == 0) {
        if (!m) { /* a packet that yielded no message: counted, and the first ones placed */
            if (idx->nunusable < UCLOG_INDEX_UNUSABLE_KEPT)
                uclog_packet_span(&idx->unusable[idx->nunusable], p);
            idx->nunusable++;
        } else if (!keep || keep(m, p, userdata)) {
            rc = add_message(idx, m, p, log);
        }
    }
    uclog_msg_iter_free(it);
    if (rc == UCLOG_DONE && (rc = finish(idx)) == UCLOG_OK)
        rc = UCLOG_DONE;
    if (rc != UCLOG_DONE) {
        uclog_index_free(idx);
        return rc;
    }
    *out = idx;
    return UCLOG_OK;
}

uint64_t uclog_index_unusable_count(const uclog_index *idx)
{
    return idx ? idx->nunusable : 0;
}

int uclog_index_unusable_span(uclog_span *out, const uclog_index *idx, uint32_t i)
{
    if (!out || !idx)
        return UCLOG_E_INVALID_ARG;
    if (i >= idx->nunusable || i >= UCLOG_INDEX_UNUSABLE_KEPT)
        return UCLOG_E_RANGE;
    *out = idx->unusable[i];
    return UCLOG_OK;
}

void uclog_index_free(uclog_index *idx)
{
    size_t i;

    if (!idx)
        return;
    for (i = 0; i < idx->ncopies; i++)
        uclog__free(idx->ctx, idx->copies[i]);
    for (i = 0; i < idx->addrs_cap; i++)
        uclog__free(idx->ctx, idx->addrs[i]);
    uclog__free(idx->ctx, idx->addrs);
    uclog__free(idx->ctx, idx->copies);
    for (i = 0; i < idx->nblocks; i++)
        uclog__free(idx->ctx, idx->blocks[i]);
    uclog__free(idx->ctx, idx->blocks);
    uclog__free(idx->ctx, idx->calls);
    uclog__free(idx->ctx, idx->table);
    uclog__free(idx->ctx, idx->txs);
    uclog__free(idx->ctx, idx->resps);
    uclog__free(idx->ctx, idx->keys);
    uclog__free(idx->ctx, idx->by_call);
    uclog__free(idx->ctx, idx->answers);
    uclog__free(idx->ctx, idx);
}

uint64_t uclog__index_steps(const uclog_index *idx)
{
    return idx->steps;
}

