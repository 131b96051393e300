/* The opt-in message index: calls by Call-ID, responses matched to requests. */
#include <stdlib.h>

#include <uclog/index.h>
#include <uclog/packet.h>

#include "log-internal.h"

#define NONE UINT32_MAX

struct idx_msg {
    const char *ptr; /* the message's bytes: the log's, or a copy in the index */
    size_t len;
    uclog_span span;
    uclog_timestamp ts;
    int ts_ok, is_request;
    int32_t direction;
    uint32_t status, cseq;
    uclog_str method, call_id, cseq_method;
    uint32_t call;
    uint32_t request;   /* for a response: the request it answers */
    uint32_t next_in_call;
    char local[40], remote[40]; /* the packet's addresses (IPv6 text fits in 39) */
    uint8_t local_len, remote_len;
    uint16_t local_port, remote_port;
};

struct idx_call {
    uclog_str call_id;
    uint32_t first, last, count;
};

struct uclog_index {
    uclog_ctx *ctx;
    struct idx_msg *msgs;
    size_t nmsgs, msgs_cap;
    struct idx_call *calls;
    size_t ncalls, calls_cap;
    uint32_t *table; /* open addressing: call index + 1, 0 = empty */
    size_t table_cap;
    char **copies;   /* messages copied out of joined packets */
    size_t ncopies, copies_cap;
};

static uint64_t hash(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    while (n--) {
        h ^= (unsigned char)*p++;
        h *= 1099511628211ull;
    }
    return h;
}

static int rehash(uclog_index *idx, size_t cap)
{
    uint32_t *t = uclog__calloc(idx->ctx, cap, sizeof(*t));
    size_t i;

    if (!t)
        return UCLOG_E_NOMEM;
    for (i = 0; i < idx->ncalls; i++) {
        size_t h = (size_t)hash(idx->calls[i].call_id.ptr, idx->calls[i].call_id.len) & (cap - 1);
        while (t[h])
            h = (h + 1) & (cap - 1);
        t[h] = (uint32_t)i + 1;
    }
    uclog__free(idx->ctx, idx->table);
    idx->table = t;
    idx->table_cap = cap;
    return UCLOG_OK;
}

static int lookup(const uclog_index *idx, const char *p, size_t n, size_t *slot)
{
    size_t h;

    if (!idx->table_cap)
        return 0;
    h = (size_t)hash(p, n) & (idx->table_cap - 1);
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
    size_t slot;
    int rc;

    if (lookup(idx, id.ptr, id.len, &slot)) {
        *call = idx->table[slot] - 1;
        return UCLOG_OK;
    }
    if ((idx->ncalls + 1) * 2 > idx->table_cap) {
        if ((rc = rehash(idx, idx->table_cap ? idx->table_cap * 2 : 64)))
            return rc;
        lookup(idx, id.ptr, id.len, &slot);
    }
    if (idx->ncalls >= NONE - 1 ||
        uclog__grow(idx->ctx, (void **)&idx->calls, &idx->calls_cap, idx->ncalls + 1, sizeof(*idx->calls)))
        return UCLOG_E_NOMEM;
    idx->calls[idx->ncalls].call_id = id;
    idx->calls[idx->ncalls].first = idx->calls[idx->ncalls].last = NONE;
    idx->calls[idx->ncalls].count = 0;
    idx->table[slot] = (uint32_t)++idx->ncalls;
    *call = (uint32_t)idx->ncalls - 1;
    return UCLOG_OK;
}

static int same_token(uclog_str a, uclog_str b)
{
    size_t i;
    if (a.len != b.len || !a.ptr || !b.ptr)
        return 0;
    for (i = 0; i < a.len; i++)
        if (uclog__to_lower((unsigned char)a.ptr[i]) != uclog__to_lower((unsigned char)b.ptr[i]))
            return 0;
    return 1;
}

/* The latest earlier request of the same transaction, going the other way. */
static uint32_t find_request(const uclog_index *idx, const struct idx_msg *resp)
{
    uint32_t i, best = NONE;

    if (resp->call == NONE)
        return NONE;
    for (i = idx->calls[resp->call].first; i != NONE; i = idx->msgs[i].next_in_call) {
        const struct idx_msg *m = &idx->msgs[i];
        if (m == resp)
            break;
        if (m->is_request && m->cseq == resp->cseq && same_token(m->cseq_method, resp->cseq_method) &&
            (m->direction != resp->direction || m->direction == UCLOG_DIRECTION_UNKNOWN))
            best = i;
    }
    return best;
}

/* A view into the message moved to where its bytes are kept. */
static uclog_str rebase(uclog_str v, const char *from, const char *to)
{
    if (v.ptr && from != to)
        v.ptr = to + (v.ptr - from);
    return v;
}

/*
 * Keep the message's keys, as views into bytes that live as long as the
 * index: the log's own, or, for a joined packet whose bytes live in the
 * iterator, a copy.
 */
static int keep_message(uclog_index *idx, struct idx_msg *e, const uclog_sip *m, const uclog_log *log)
{
    uclog_str line;
    const char *start, *kept;
    const struct uclog__file *f;

    uclog_sip_span(&e->span, m);
    uclog_sip_start_line(&line, NULL, m);
    start = line.ptr;
    e->len = (size_t)e->span.length;
    f = &log->files[e->span.file < log->nfiles ? e->span.file : 0];
    if (start >= f->data && e->len <= f->len && start <= f->data + f->len - e->len) {
        kept = start;
    } else {
        char *copy;
        if (uclog__grow(idx->ctx, (void **)&idx->copies, &idx->copies_cap, idx->ncopies + 1, sizeof(char *)))
            return UCLOG_E_NOMEM;
        copy = uclog__malloc(idx->ctx, e->len);
        if (!copy)
            return UCLOG_E_NOMEM;
        memcpy(copy, start, e->len);
        idx->copies[idx->ncopies++] = copy;
        kept = copy;
    }
    e->ptr = kept;
    e->is_request = uclog_sip_is_request(m);
    if (e->is_request)
        uclog_sip_request_line(&e->method, NULL, NULL, m);
    else
        uclog_sip_status_line(NULL, &e->status, NULL, m);
    if (uclog_sip_call_id(&e->call_id, m))
        e->call_id.ptr = NULL, e->call_id.len = 0;
    if (uclog_sip_cseq(&e->cseq, &e->cseq_method, m))
        e->cseq = 0, e->cseq_method.ptr = NULL, e->cseq_method.len = 0;
    e->method = rebase(e->method, start, kept);
    e->call_id = rebase(e->call_id, start, kept);
    e->cseq_method = rebase(e->cseq_method, start, kept);
    return UCLOG_OK;
}

static void copy_address(char *dst, uint8_t *len, uint16_t *port, const uclog_packet *p, int local)
{
    uclog_str a;
    uint32_t pt;
    int rc = local ? uclog_packet_local(&a, &pt, p) : uclog_packet_remote(&a, &pt, p);

    *len = 0;
    *port = 0;
    if (rc || a.len > 40)
        return;
    memcpy(dst, a.ptr, a.len);
    *len = (uint8_t)a.len;
    *port = (uint16_t)pt;
}

static int add_message(uclog_index *idx, const uclog_sip *m, const uclog_packet *p, const uclog_log *log)
{
    struct idx_msg *e;
    uint32_t i;
    int rc;

    if (idx->nmsgs >= NONE - 1 ||
        uclog__grow(idx->ctx, (void **)&idx->msgs, &idx->msgs_cap, idx->nmsgs + 1, sizeof(*idx->msgs)))
        return UCLOG_E_NOMEM;
    i = (uint32_t)idx->nmsgs;
    e = &idx->msgs[i];
    memset(e, 0, sizeof(*e));
    e->call = e->request = e->next_in_call = NONE;
    e->direction = uclog_packet_direction(p);
    e->ts_ok = uclog_packet_timestamp(&e->ts, p) == 0;
    copy_address(e->local, &e->local_len, &e->local_port, p, 1);
    copy_address(e->remote, &e->remote_len, &e->remote_port, p, 0);
    if ((rc = keep_message(idx, e, m, log)))
        return rc;
    idx->nmsgs++;
    if (e->call_id.ptr) {
        struct idx_call *c;
        if ((rc = call_of(&e->call, idx, e->call_id)))
            return rc;
        c = &idx->calls[e->call];
        if (c->last != NONE)
            idx->msgs[c->last].next_in_call = i;
        else
            c->first = i;
        c->last = i;
        c->count++;
    }
    if (!e->is_request)
        e->request = find_request(idx, e);
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
    int rc;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!log)
        return UCLOG_E_INVALID_ARG;
    if (log->read)
        return uclog__error(log->ctx, UCLOG_E_STATE, NULL,
                            "%s: the index needs a log opened from files or a buffer, not a stream",
                            log->files[0].name);
    idx = uclog__calloc(log->ctx, 1, sizeof(*idx));
    if (!idx)
        return UCLOG_E_NOMEM;
    idx->ctx = log->ctx;
    rc = uclog_msg_iter_new(&it, log);
    while (!rc && (rc = uclog_msg_iter_next(&m, &p, it)) == 0)
        if (!keep || keep(m, p, userdata))
            rc = add_message(idx, m, p, log);
    uclog_msg_iter_free(it);
    if (rc != UCLOG_DONE) {
        uclog_index_free(idx);
        return rc;
    }
    *out = idx;
    return UCLOG_OK;
}

void uclog_index_free(uclog_index *idx)
{
    size_t i;

    if (!idx)
        return;
    for (i = 0; i < idx->ncopies; i++)
        uclog__free(idx->ctx, idx->copies[i]);
    uclog__free(idx->ctx, idx->copies);
    uclog__free(idx->ctx, idx->msgs);
    uclog__free(idx->ctx, idx->calls);
    uclog__free(idx->ctx, idx->table);
    uclog__free(idx->ctx, idx);
}

uint32_t uclog_index_message_count(const uclog_index *idx)
{
    return idx ? (uint32_t)idx->nmsgs : 0;
}

static const struct idx_msg *msg_at(const uclog_index *idx, uint32_t i)
{
    return idx && i < idx->nmsgs ? &idx->msgs[i] : NULL;
}

int uclog_index_message_parse(uclog_sip **out, const uclog_index *idx, uint32_t i)
{
    const struct idx_msg *e = msg_at(idx, i);

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!e)
        return idx ? UCLOG_E_RANGE : UCLOG_E_INVALID_ARG;
    return uclog_sip_parse(out, idx->ctx, e->ptr, e->len, &e->span);
}

int32_t uclog_index_message_direction(const uclog_index *idx, uint32_t i)
{
    const struct idx_msg *e = msg_at(idx, i);
    return e ? e->direction : UCLOG_DIRECTION_UNKNOWN;
}

int uclog_index_message_span(uclog_span *out, const uclog_index *idx, uint32_t i)
{
    const struct idx_msg *e = msg_at(idx, i);
    if (!out)
        return UCLOG_E_INVALID_ARG;
    if (!e)
        return UCLOG_E_RANGE;
    *out = e->span;
    return UCLOG_OK;
}

int uclog_index_message_addresses(uclog_str *local, uint32_t *local_port, uclog_str *remote,
                                  uint32_t *remote_port, const uclog_index *idx, uint32_t i)
{
    const struct idx_msg *e = msg_at(idx, i);
    if (!e)
        return UCLOG_E_RANGE;
    if (local)
        local->ptr = e->local_len ? e->local : NULL, local->len = e->local_len;
    if (local_port)
        *local_port = e->local_port;
    if (remote)
        remote->ptr = e->remote_len ? e->remote : NULL, remote->len = e->remote_len;
    if (remote_port)
        *remote_port = e->remote_port;
    return e->local_len || e->remote_len ? UCLOG_OK : UCLOG_E_NOT_FOUND;
}

int uclog_index_message_timestamp(uclog_timestamp *out, const uclog_index *idx, uint32_t i)
{
    const struct idx_msg *e = msg_at(idx, i);
    if (!out)
        return UCLOG_E_INVALID_ARG;
    if (!e) {
        memset(out, 0, sizeof(*out));
        return UCLOG_E_RANGE;
    }
    return uclog__timestamp_get(out, &e->ts, e->ts_ok);
}

int uclog_index_message_call_id(uclog_str *out, const uclog_index *idx, uint32_t i)
{
    const struct idx_msg *e = msg_at(idx, i);
    if (!out)
        return UCLOG_E_INVALID_ARG;
    if (!e)
        return UCLOG_E_RANGE;
    *out = e->call_id;
    return e->call_id.ptr ? UCLOG_OK : UCLOG_E_NOT_FOUND;
}

int uclog_index_message_cseq(uint32_t *number, uclog_str *method, const uclog_index *idx, uint32_t i)
{
    const struct idx_msg *e = msg_at(idx, i);
    if (!e)
        return UCLOG_E_RANGE;
    if (number)
        *number = e->cseq;
    if (method)
        *method = e->cseq_method;
    return e->cseq_method.ptr ? UCLOG_OK : UCLOG_E_NOT_FOUND;
}

int uclog_index_message_kind(uclog_str *method, uint32_t *status, const uclog_index *idx, uint32_t i)
{
    const struct idx_msg *e = msg_at(idx, i);
    if (!e)
        return UCLOG_E_RANGE;
    if (method)
        *method = e->method;
    if (status)
        *status = e->status;
    return e->is_request;
}

int uclog_index_request_of(uint32_t *request, const uclog_index *idx, uint32_t i)
{
    const struct idx_msg *e = msg_at(idx, i);
    if (!request)
        return UCLOG_E_INVALID_ARG;
    if (!e)
        return UCLOG_E_RANGE;
    if (e->request == NONE)
        return UCLOG_E_NOT_FOUND;
    *request = e->request;
    return UCLOG_OK;
}

/* Responses of request i, visited through its call. */
static int nth_response(uint32_t *out, const uclog_index *idx, uint32_t i, uint32_t k)
{
    const struct idx_msg *e = msg_at(idx, i);
    uint32_t j, n = 0;

    if (!e || e->call == NONE)
        return UCLOG_E_RANGE;
    for (j = e->next_in_call; j != NONE; j = idx->msgs[j].next_in_call) {
        if (idx->msgs[j].request == i && n++ == k) {
            *out = j;
            return UCLOG_OK;
        }
    }
    return UCLOG_E_RANGE;
}

uint32_t uclog_index_response_count(const uclog_index *idx, uint32_t i)
{
    uint32_t n = 0, j;
    while (nth_response(&j, idx, i, n) == 0)
        n++;
    return n;
}

int uclog_index_response(uint32_t *response, const uclog_index *idx, uint32_t i, uint32_t k)
{
    if (!response)
        return UCLOG_E_INVALID_ARG;
    return nth_response(response, idx, i, k);
}

int uclog_index_final_response(uint32_t *response, const uclog_index *idx, uint32_t i)
{
    uint32_t k, j;
    int found = 0;

    if (!response)
        return UCLOG_E_INVALID_ARG;
    if (!msg_at(idx, i))
        return UCLOG_E_RANGE;
    for (k = 0; nth_response(&j, idx, i, k) == 0; k++) {
        if (idx->msgs[j].status >= 200) {
            *response = j;
            found = 1;
        }
    }
    return found ? UCLOG_OK : UCLOG_E_NOT_FOUND;
}

uint32_t uclog_index_call_count(const uclog_index *idx)
{
    return idx ? (uint32_t)idx->ncalls : 0;
}

int uclog_index_find_call(uint32_t *call, const uclog_index *idx, const char *call_id, size_t len)
{
    size_t slot;
    if (!call || !idx || (!call_id && len))
        return UCLOG_E_INVALID_ARG;
    if (!lookup(idx, call_id ? call_id : "", len, &slot))
        return UCLOG_E_NOT_FOUND;
    *call = idx->table[slot] - 1;
    return UCLOG_OK;
}

int uclog_index_call_id(uclog_str *out, const uclog_index *idx, uint32_t c)
{
    if (!out || !idx)
        return UCLOG_E_INVALID_ARG;
    if (c >= idx->ncalls)
        return UCLOG_E_RANGE;
    *out = idx->calls[c].call_id;
    return UCLOG_OK;
}

uint32_t uclog_index_call_message_count(const uclog_index *idx, uint32_t c)
{
    return idx && c < idx->ncalls ? idx->calls[c].count : 0;
}

int uclog_index_call_message(uint32_t *message, const uclog_index *idx, uint32_t c, uint32_t k)
{
    uint32_t j, n = 0;

    if (!message || !idx)
        return UCLOG_E_INVALID_ARG;
    if (c >= idx->ncalls || k >= idx->calls[c].count)
        return UCLOG_E_RANGE;
    for (j = idx->calls[c].first; j != NONE; j = idx->msgs[j].next_in_call) {
        if (n++ == k) {
            *message = j;
            return UCLOG_OK;
        }
    }
    return UCLOG_E_RANGE;
}
