/* A packet's accessors: its direction, endpoints, bytes, places, time, thread and defects, as
 * the framing (packet.c) left them. */
#include <string.h>

#include <uclog/packet.h>

#include "internal.h"
#include "log-layer.h"
#include "packet-internal.h"

int32_t uclog_packet_direction(const uclog_packet *pkt)
{
    return pkt ? pkt->direction : UCLOG_DIRECTION_UNKNOWN;
}

static int get_addr(uclog_str *address, uint32_t *port, const char *a, size_t n, uint32_t p, int has)
{
    if (!has) {
        if (address)
            address->ptr = NULL, address->len = 0;
        if (port)
            *port = 0;
        return UCLOG_E_NOT_FOUND;
    }
    if (address)
        address->ptr = a, address->len = n;
    if (port)
        *port = p;
    return UCLOG_OK;
}

/* The 1.3 form of get_addr(): a port is a uint16_t (the framing's are at most 65535). */
static int get_endpoint(uclog_str *address, uint16_t *port, const char *a, size_t n, uint32_t p, int has)
{
    uint32_t p32 = 0;
    int rc = get_addr(address, &p32, a, n, p, has);

    if (port)
        *port = (uint16_t)p32;
    return rc;
}

int uclog_packet_remote_endpoint(uclog_str *address, uint16_t *port, const uclog_packet *pkt)
{
    if (!pkt)
        return UCLOG_E_INVALID_ARG;
    return get_endpoint(address, port, pkt->remote, pkt->remote_len, pkt->remote_port, pkt->has_remote);
}

int uclog_packet_local_endpoint(uclog_str *address, uint16_t *port, const uclog_packet *pkt)
{
    if (!pkt)
        return UCLOG_E_INVALID_ARG;
    return get_endpoint(address, port, pkt->local, pkt->local_len, pkt->local_port, pkt->has_local);
}

int uclog_packet_remote(uclog_str *address, uint32_t *port, const uclog_packet *pkt)
{
    if (!pkt)
        return UCLOG_E_INVALID_ARG;
    return get_addr(address, port, pkt->remote, pkt->remote_len, pkt->remote_port, pkt->has_remote);
}

int uclog_packet_local(uclog_str *address, uint32_t *port, const uclog_packet *pkt)
{
    if (!pkt)
        return UCLOG_E_INVALID_ARG;
    return get_addr(address, port, pkt->local, pkt->local_len, pkt->local_port, pkt->has_local);
}

int uclog_packet_declared_bytes(uint64_t *out, const uclog_packet *pkt)
{
    if (!out || !pkt)
        return UCLOG_E_INVALID_ARG;
    *out = pkt->declared;
    return pkt->has_declared ? UCLOG_OK : UCLOG_E_NOT_FOUND;
}

void uclog_packet_bytes(uclog_str *out, const uclog_packet *pkt)
{
    if (!out)
        return;
    if (!pkt) {
        out->ptr = NULL;
        out->len = 0;
        return;
    }
    *out = pkt->bytes;
}

void uclog_packet_bytes_span(uclog_span *out, const uclog_packet *pkt)
{
    if (!out)
        return;
    if (!pkt)
        memset(out, 0, sizeof(*out));
    else
        *out = pkt->bytes_span;
}

void uclog_packet_span(uclog_span *out, const uclog_packet *pkt)
{
    if (!out)
        return;
    if (!pkt)
        memset(out, 0, sizeof(*out));
    else
        *out = pkt->span;
}

int uclog_packet_timestamp(uclog_timestamp *out, const uclog_packet *pkt)
{
    if (!out || !pkt)
        return UCLOG_E_INVALID_ARG;
    return uclog__timestamp_get(out, &pkt->ts, pkt->ts_ok);
}

uint32_t uclog_packet_tid(const uclog_packet *pkt)
{
    return pkt ? pkt->tid : 0;
}

uint32_t uclog_packet_pid(const uclog_packet *pkt)
{
    return pkt ? pkt->pid : 0;
}

int32_t uclog_packet_level(const uclog_packet *pkt)
{
    return pkt ? pkt->level : UCLOG_LEVEL_UNKNOWN;
}

uint32_t uclog_packet_defect_count(const uclog_packet *pkt)
{
    return pkt ? (uint32_t)pkt->ndefects : 0;
}

int uclog_packet_defect(uclog_defect *out, const uclog_packet *pkt, uint32_t i)
{
    if (!out || !pkt)
        return UCLOG_E_INVALID_ARG;
    if (i >= pkt->ndefects)
        return UCLOG_E_RANGE;
    *out = pkt->defects[i];
    return UCLOG_OK;
}
