/* The message index's queries: what a message, a call and a transaction are, from the layout
 * index.c built (index-store.h). */
#include <stdlib.h>

#include <uclog/index.h>
#include <uclog/packet.h>

#include "index-store.h"
#include "internal.h"
#include "log-layer.h"
#include "sip-internal.h"

uint32_t uclog_index_message_count(const uclog_index *idx)
{
    return idx ? (uint32_t)idx->nmsgs : 0;
}

static const struct idx_msg *msg_at(const uclog_index *idx, uint32_t i)
{
    return idx && i < idx->nmsgs ? MSG(idx, i) : NULL;
}

int uclog_index_message_parse(uclog_sip **out, const uclog_index *idx, uint32_t i)
{
    const struct idx_msg *e = msg_at(idx, i);

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!e)
        return idx ? UCLOG_E_RANGE : UCLOG_E_INVALID_ARG;
    /* as the packet gave it: its framing decides where the body ends, as when it was indexed */
    return uclog__sip_parse_framed(out, idx->ctx, e->ptr, (size_t)e->span.length, &e->span);
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

int uclog_index_message_endpoints(uclog_str *local, uint16_t *local_port, uclog_str *remote,
                                  uint16_t *remote_port, const uclog_index *idx, uint32_t i)
{
    const struct idx_msg *e = msg_at(idx, i);
    if (!e)
        return UCLOG_E_RANGE;
    if (local)
        local->ptr = e->local_len ? e->local : NULL, local->len = e->local_len;
    if (local_port)
        *local_port = (uint16_t)e->local_port; /* a framing's port is at most 65535 */
    if (remote)
        remote->ptr = e->remote_len ? e->remote : NULL, remote->len = e->remote_len;
    if (remote_port)
        *remote_port = (uint16_t)e->remote_port;
    return e->local_len || e->remote_len ? UCLOG_OK : UCLOG_E_NOT_FOUND;
}

int uclog_index_message_addresses(uclog_str *local, uint32_t *local_port, uclog_str *remote,
                                  uint32_t *remote_port, const uclog_index *idx, uint32_t i)
{
    uint16_t lp, rp;
    int rc = uclog_index_message_endpoints(local, &lp, remote, &rp, idx, i);

    if (rc == UCLOG_E_RANGE)
        return rc;
    if (local_port)
        *local_port = lp;
    if (remote_port)
        *remote_port = rp;
    return rc;
}

/* The calendar fields of a day number (days since 1970-01-01), proleptic Gregorian. */
static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    int64_t era, doe, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* The timestamp rebuilt from its epoch_ms: the same fields the packet gave. */
static int timestamp_of(uclog_timestamp *out, const struct idx_msg *e)
{
    int64_t ms, days, rem, y;
    unsigned m, d;

    memset(out, 0, sizeof(*out));
    if (!(e->ts & TS_OK))
        return UCLOG_E_NOT_FOUND;
    ms = e->ts & TS_LEAP ? e->epoch_ms - 1000 : e->epoch_ms;
    days = (ms >= 0 ? ms : ms - 86399999) / 86400000;
    rem = ms - days * 86400000;
    civil_from_days(days, &y, &m, &d);
    out->epoch_ms = e->epoch_ms;
    out->year = (uint16_t)y;
    out->month = (uint8_t)m;
    out->day = (uint8_t)d;
    out->hour = (uint8_t)(rem / 3600000);
    out->minute = (uint8_t)(rem / 60000 % 60);
    out->second = (uint8_t)(e->ts & TS_LEAP ? 60 : rem / 1000 % 60);
    out->millisecond = (uint16_t)(rem % 1000);
    return UCLOG_OK;
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
    return timestamp_of(out, e);
}

int uclog_index_message_call_id(uclog_str *out, const uclog_index *idx, uint32_t i)
{
    const struct idx_msg *e = msg_at(idx, i);
    if (!out)
        return UCLOG_E_INVALID_ARG;
    if (!e)
        return UCLOG_E_RANGE;
    *out = uclog__idx_view(e, HAS_CALL_ID, e->call_id_off, e->call_id_len);
    return out->ptr ? UCLOG_OK : UCLOG_E_NOT_FOUND;
}

int uclog_index_message_cseq(uint32_t *number, uclog_str *method, const uclog_index *idx, uint32_t i)
{
    const struct idx_msg *e = msg_at(idx, i);
    if (!e)
        return UCLOG_E_RANGE;
    if (number)
        *number = e->cseq;
    if (method)
        *method = uclog__idx_cseq_method(e);
    return e->has & HAS_CSEQ_METHOD ? UCLOG_OK : UCLOG_E_NOT_FOUND;
}

int uclog_index_message_type(int32_t *type, uclog_str *method, uint32_t *status, const uclog_index *idx,
                             uint32_t i)
{
    const struct idx_msg *e;

    if (!idx)
        return UCLOG_E_INVALID_ARG;
    if (!(e = msg_at(idx, i)))
        return UCLOG_E_RANGE;
    if (type)
        *type = e->is_request ? UCLOG_INDEX_REQUEST : UCLOG_INDEX_RESPONSE;
    if (method)
        *method = uclog__idx_view(e, HAS_METHOD, e->method_off, e->method_len);
    if (status)
        *status = e->status;
    return UCLOG_OK;
}

int uclog_index_message_kind(uclog_str *method, uint32_t *status, const uclog_index *idx, uint32_t i)
{
    int32_t type;
    int rc = uclog_index_message_type(&type, method, status, idx, i);

    return rc == UCLOG_E_INVALID_ARG ? UCLOG_E_RANGE : rc ? rc : type == UCLOG_INDEX_REQUEST;
}

int uclog_index_request_of(uint32_t *request, const uclog_index *idx, uint32_t i)
{
    const struct idx_msg *e = msg_at(idx, i);
    if (!request)
        return UCLOG_E_INVALID_ARG;
    if (!e)
        return UCLOG_E_RANGE;
    if (e->is_request || e->tx.request == NONE)
        return UCLOG_E_NOT_FOUND;
    *request = e->tx.request;
    return UCLOG_OK;
}

uint32_t uclog_index_response_count(const uclog_index *idx, uint32_t i)
{
    const struct idx_msg *e = msg_at(idx, i);
    return e && e->is_request ? e->tx.responses.count : 0;
}

int uclog_index_response(uint32_t *response, const uclog_index *idx, uint32_t i, uint32_t k)
{
    const struct idx_msg *e = msg_at(idx, i);

    if (!response)
        return UCLOG_E_INVALID_ARG;
    if (!e || !e->is_request || k >= e->tx.responses.count)
        return UCLOG_E_RANGE;
    *response = idx->answers[e->tx.responses.first + k];
    return UCLOG_OK;
}

int uclog_index_final_response(uint32_t *response, const uclog_index *idx, uint32_t i)
{
    const struct idx_msg *e = msg_at(idx, i);

    if (!response)
        return UCLOG_E_INVALID_ARG;
    if (!e)
        return UCLOG_E_RANGE;
    if (!e->is_request || e->tx.responses.final == NONE)
        return UCLOG_E_NOT_FOUND;
    *response = e->tx.responses.final;
    return UCLOG_OK;
}

uint32_t uclog_index_call_count(const uclog_index *idx)
{
    return idx ? (uint32_t)idx->ncalls : 0;
}

int uclog_index_call_find(uint32_t *call, const uclog_index *idx, const char *call_id, size_t len)
{
    size_t slot;
    if (!call || !idx || (!call_id && len))
        return UCLOG_E_INVALID_ARG;
    if (!uclog__idx_lookup(idx, call_id ? call_id : "", len, &slot))
        return UCLOG_E_NOT_FOUND;
    *call = idx->table[slot] - 1;
    return UCLOG_OK;
}

int uclog_index_find_call(uint32_t *call, const uclog_index *idx, const char *call_id, size_t len)
{
    return uclog_index_call_find(call, idx, call_id, len);
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

    if (!message || !idx)
        return UCLOG_E_INVALID_ARG;
    if (c >= idx->ncalls || k >= idx->calls[c].count)
        return UCLOG_E_RANGE;
    *message = idx->by_call[idx->calls[c].first + k];
    return UCLOG_OK;
}

int uclog_index_message_retransmits(uint32_t *of, const uclog_index *idx, uint32_t i)
{
    const struct idx_msg *e = msg_at(idx, i);

    if (!of || !idx)
        return UCLOG_E_INVALID_ARG;
    if (!e)
        return UCLOG_E_RANGE;
    if (e->retx == NONE)
        return UCLOG_E_NOT_FOUND;
    *of = e->retx;
    return UCLOG_OK;
}

/* Milliseconds from message a to message b, when both have a timestamp. */
static int64_t ms_between(const uclog_index *idx, uint32_t a, uint32_t b)
{
    const struct idx_msg *x, *y;

    if (a == NONE || b == NONE)
        return UCLOG_INDEX_NO_TIME;
    x = MSG(idx, a);
    y = MSG(idx, b);
    return x->ts & y->ts & TS_OK ? y->epoch_ms - x->epoch_ms : UCLOG_INDEX_NO_TIME;
}

int uclog_index_message_since_request(int64_t *ms, const uclog_index *idx, uint32_t i)
{
    const struct idx_msg *e = msg_at(idx, i);

    if (!ms || !idx)
        return UCLOG_E_INVALID_ARG;
    *ms = UCLOG_INDEX_NO_TIME;
    if (!e)
        return UCLOG_E_RANGE;
    if (e->is_request || e->tx.request == NONE)
        return UCLOG_E_NOT_FOUND;
    *ms = ms_between(idx, uclog__idx_first_sending(idx, e->tx.request), i);
    return *ms == UCLOG_INDEX_NO_TIME ? UCLOG_E_NOT_FOUND : UCLOG_OK;
}

int uclog_index_transaction_timing(int64_t *provisional_ms, int64_t *final_ms, const uclog_index *idx, uint32_t i)
{
    const struct idx_msg *e = msg_at(idx, i), *first;
    uint32_t f;

    if (provisional_ms)
        *provisional_ms = UCLOG_INDEX_NO_TIME;
    if (final_ms)
        *final_ms = UCLOG_INDEX_NO_TIME;
    if (!idx)
        return UCLOG_E_INVALID_ARG;
    if (!e)
        return UCLOG_E_RANGE;
    if (!e->is_request)
        return UCLOG_E_NOT_FOUND;
    f = uclog__idx_first_sending(idx, i);
    first = MSG(idx, f);
    if (provisional_ms)
        *provisional_ms = ms_between(idx, f, first->tx.responses.provisional);
    if (final_ms)
        *final_ms = ms_between(idx, f, first->tx.responses.first_final);
    return UCLOG_OK;
}

uint32_t uclog_index_transaction_retransmissions(const uclog_index *idx, uint32_t i)
{
    const struct idx_msg *e = msg_at(idx, i);

    return e && e->is_request ? MSG(idx, uclog__idx_first_sending(idx, i))->tx.responses.retransmissions : 0;
}
