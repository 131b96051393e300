/*
 * The message source of a streaming diagnosis: the window's copies
 * (window.c), chained by Call-ID so that what is asked of one call walks
 * that call only.
 */
#include "run.h"

static const struct uclog__diag_wmsg *wmsg(const run *R, uint32_t i)
{
    return uclog__diag_win_get(R->stream.win, i);
}

static int win_parse(uclog_sip **m, run *R, uint32_t i)
{
    const struct uclog__diag_wmsg *e = wmsg(R, i);
    if (!e)
        return UCLOG_E_STATE; /* a rule read a message the window had dropped */
    return uclog_sip_parse(m, R->ctx, e->bytes, e->len, &e->span);
}

static int win_kind(uclog_str *method, uint32_t *status, const run *R, uint32_t i)
{
    const struct uclog__diag_wmsg *e = wmsg(R, i);
    if (!e)
        return UCLOG_E_RANGE;
    if (method)
        *method = e->method;
    if (status)
        *status = e->status;
    return e->is_request ? 1 : 0;
}

static int32_t win_direction(const run *R, uint32_t i)
{
    const struct uclog__diag_wmsg *e = wmsg(R, i);
    return e ? e->direction : UCLOG_DIRECTION_UNKNOWN;
}

static uint8_t win_flags(const run *R, uint32_t i)
{
    const struct uclog__diag_wmsg *e = wmsg(R, i);
    return e ? e->flags : 0;
}

static int win_call_id(uclog_str *cid, const run *R, uint32_t i)
{
    const struct uclog__diag_wmsg *e = wmsg(R, i);
    if (!e || !e->call_id.ptr)
        return UCLOG_E_NOT_FOUND;
    *cid = e->call_id;
    return UCLOG_OK;
}

static int win_response(uint32_t *out, const run *R, uint32_t i, uint32_t k)
{
    const struct uclog__diag_wmsg *e = wmsg(R, i);

    if (!e)
        return UCLOG_E_RANGE;
    for (e = uclog__diag_win_call_first(R->stream.win, e->call_id); e; e = uclog__diag_win_call_next(e)) {
        if (e->request == i && k-- == 0) {
            *out = e->seq;
            return UCLOG_OK;
        }
    }
    return UCLOG_E_RANGE;
}

static int win_final(uint32_t *out, const run *R, uint32_t i)
{
    uint32_t k, j, status;
    int found = 0;

    for (k = 0; win_response(&j, R, i, k) == 0; k++)
        if (win_kind(NULL, &status, R, j) == 0 && status >= 200) {
            *out = j;
            found = 1;
        }
    return found ? UCLOG_OK : UCLOG_E_NOT_FOUND;
}

static int win_call_message(uint32_t *out, const run *R, uint32_t i, uint32_t k)
{
    const struct uclog__diag_wmsg *e = wmsg(R, i);

    if (!e || !e->call_id.ptr)
        return UCLOG_E_NOT_FOUND;
    for (e = uclog__diag_win_call_first(R->stream.win, e->call_id); e; e = uclog__diag_win_call_next(e)) {
        if (k-- == 0) {
            *out = e->seq;
            return UCLOG_OK;
        }
    }
    return UCLOG_E_RANGE;
}

static void win_where(uclog_span *span, uclog_timestamp *ts, int *has_ts, const run *R, uint32_t i)
{
    const struct uclog__diag_wmsg *e = wmsg(R, i);
    if (!e)
        return;
    *span = e->span;
    *ts = e->ts;
    *has_ts = e->has_ts;
}

static int win_addresses(uclog_str *local, uclog_str *remote, const run *R, uint32_t i)
{
    const struct uclog__diag_wmsg *e = wmsg(R, i);
    if (!e)
        return UCLOG_E_NOT_FOUND;
    if (local)
        *local = e->local;
    if (remote)
        *remote = e->remote;
    return UCLOG_OK;
}

const struct uclog__diag_source uclog__diag_window_source = {
    win_parse, win_kind, win_direction, win_flags, win_call_id, win_response, win_final, win_call_message, win_where, win_addresses,
};
