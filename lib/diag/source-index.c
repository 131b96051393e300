/*
 * The message source of a whole-log diagnosis: the index that
 * uclog_index_build_filtered() kept (whole.c says which messages).
 */
#include "run.h"

static int idx_parse(uclog_sip **m, run *R, uint32_t i)
{
    return uclog_index_message_parse(m, R->whole.idx, i);
}

static int idx_kind(uclog_str *method, uint32_t *status, const run *R, uint32_t i)
{
    int32_t type;
    int rc = uclog_index_message_type(&type, method, status, R->whole.idx, i);

    return rc ? rc : type == UCLOG_INDEX_REQUEST;
}

static int32_t idx_direction(const run *R, uint32_t i)
{
    return uclog_index_message_direction(R->whole.idx, i);
}

static uint8_t idx_flags(const run *R, uint32_t i)
{
    return i < R->whole.flags_cap ? R->whole.flags[i] : 0;
}

static int idx_call_id(uclog_str *cid, const run *R, uint32_t i)
{
    return uclog_index_message_call_id(cid, R->whole.idx, i);
}

static int idx_response(uint32_t *out, const run *R, uint32_t i, uint32_t k)
{
    return uclog_index_response(out, R->whole.idx, i, k);
}

static int idx_final(uint32_t *out, const run *R, uint32_t i)
{
    return uclog_index_final_response(out, R->whole.idx, i);
}

static int idx_call_message(uint32_t *out, const run *R, uint32_t i, uint32_t k)
{
    uclog_str cid;
    uint32_t c;

    if (uclog_index_message_call_id(&cid, R->whole.idx, i) || uclog_index_call_find(&c, R->whole.idx, cid.ptr, cid.len))
        return UCLOG_E_NOT_FOUND;
    return uclog_index_call_message(out, R->whole.idx, c, k);
}

static void idx_where(uclog_span *span, uclog_timestamp *ts, int *has_ts, const run *R, uint32_t i)
{
    uclog_index_message_span(span, R->whole.idx, i);
    *has_ts = uclog_index_message_timestamp(ts, R->whole.idx, i) == 0;
}

static int idx_addresses(uclog_str *local, uclog_str *remote, const run *R, uint32_t i)
{
    return uclog_index_message_endpoints(local, NULL, remote, NULL, R->whole.idx, i);
}

const struct uclog__diag_source uclog__diag_index_source = {
    idx_parse, idx_kind, idx_direction, idx_flags, idx_call_id, idx_response, idx_final, idx_call_message, idx_where, idx_addresses,
};
