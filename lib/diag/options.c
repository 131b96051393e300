/* Diagnosis options: the Edge's addresses and the client location override. */
#include <stdint.h>
#include <string.h>

#include "diag-internal.h"

int uclog_diag_options_new(uclog_diag_options **out, uclog_ctx *ctx)
{
    uclog_diag_options *o;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!ctx)
        return UCLOG_E_INVALID_ARG;
    o = uclog_ctx_alloc(ctx, sizeof(*o));
    if (!o)
        return UCLOG_E_NOMEM;
    memset(o, 0, sizeof(*o));
    o->ctx = ctx;
    *out = o;
    return UCLOG_OK;
}

void uclog_diag_options_free(uclog_diag_options *o)
{
    if (o)
        uclog_ctx_dealloc(o->ctx, o);
}

static int parse_ip(uint8_t out[16], const char *ip)
{
    if (!ip)
        return UCLOG_E_INVALID_ARG;
    return uclog_addr_to_bytes(out, NULL, ip, strlen(ip)) == 0 ? UCLOG_OK : UCLOG_E_INVALID_ARG;
}

int uclog_diag_options_add_edge_ip(uclog_diag_options *o, const char *ip)
{
    if (!o)
        return UCLOG_E_INVALID_ARG;
    if (o->nedge >= UCLOG__DIAG_MAX_EDGE)
        return UCLOG_E_LIMIT;
    if (parse_ip(o->edge[o->nedge], ip))
        return UCLOG_E_INVALID_ARG;
    o->nedge++;
    return UCLOG_OK;
}

int uclog_diag_options_set_edge_nat_ip(uclog_diag_options *o, const char *ip)
{
    if (!o || parse_ip(o->nat, ip))
        return UCLOG_E_INVALID_ARG;
    o->has_nat = 1;
    return UCLOG_OK;
}

int uclog_diag_options_add_edge_private_ip(uclog_diag_options *o, const char *ip)
{
    if (!o)
        return UCLOG_E_INVALID_ARG;
    if (o->npriv >= UCLOG__DIAG_MAX_EDGE)
        return UCLOG_E_LIMIT;
    if (parse_ip(o->priv[o->npriv], ip))
        return UCLOG_E_INVALID_ARG;
    o->npriv++;
    return UCLOG_OK;
}

int uclog_diag_options_set_client_location(uclog_diag_options *o, int32_t location)
{
    if (!o || location < UCLOG_DIAG_LOCATION_UNKNOWN || location > UCLOG_DIAG_LOCATION_INTERNAL)
        return UCLOG_E_INVALID_ARG;
    o->location = location;
    return UCLOG_OK;
}

int uclog_diag_options_set_window_bytes(uclog_diag_options *o, uint64_t bytes)
{
    if (!o || (bytes && bytes < UCLOG__DIAG_MIN_WINDOW_BYTES) || bytes > SIZE_MAX / 2)
        return UCLOG_E_INVALID_ARG;
    o->window_bytes = (size_t)bytes;
    return UCLOG_OK;
}
