/*
 * Whose each candidate of an offer is (the client's, the A/V Edge's, or
 * undecided), and the Edge step of the procedure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

#define EDGE_PORT_MIN 50000
#define EDGE_PORT_MAX 59999
#define MAX_OWN 32

enum cand_class { C_OWN, C_EDGE, C_PRIVATE_EDGE, C_OTHER };

typedef struct {
    uint8_t own[MAX_OWN][16];
    uint32_t nown;
} own_set;

static void own_add(own_set *o, uclog_str a)
{
    uint8_t ip[16];
    uint32_t k;
    if (!a.ptr || uclog_addr_parse(ip, a.ptr, a.len) <= 0)
        return;
    for (k = 0; k < o->nown; k++)
        if (!memcmp(o->own[k], ip, 16))
            return;
    if (o->nown < MAX_OWN)
        memcpy(o->own[o->nown++], ip, 16);
}

static int in_list(const uint8_t (*list)[16], uint32_t n, const uint8_t ip[16])
{
    uint32_t k;
    for (k = 0; k < n; k++)
        if (!memcmp(list[k], ip, 16))
            return 1;
    return 0;
}

/* The client's own addresses: the packet's local address, Via, o=/c=, raddr. */
static void own_addresses(run *R, own_set *o, uint32_t offer, const uclog_sip *m, uclog_sdp *const *sdps, uint32_t nsdp)
{
    uclog_str a, via_host;
    uint32_t s, k, c;

    if (R->src->local(&a, R, offer) == 0)
        own_add(o, a);
    if (uclog_sip_via(NULL, &via_host, NULL, NULL, m, 0) == 0)
        own_add(o, via_host);
    for (s = 0; s < nsdp; s++) {
        if (uclog_sdp_origin(NULL, NULL, NULL, NULL, &a, sdps[s]) == 0)
            own_add(o, a);
        if (uclog_sdp_connection(NULL, &a, sdps[s]) == 0)
            own_add(o, a);
        for (k = 0; k < uclog_sdp_media_count(sdps[s]); k++) {
            const uclog_sdp_media *md;
            if (uclog_sdp_media_get(&md, sdps[s], k))
                continue;
            if (uclog_sdp_media_connection(NULL, &a, md) == 0)
                own_add(o, a);
            for (c = 0; c < uclog_sdp_candidate_count(md); c++) {
                const uclog_sdp_candidate *cd;
                uint16_t rp;
                if (uclog_sdp_candidate_get(&cd, md, c) == 0 && uclog_sdp_candidate_related(&a, &rp, cd) == 0)
                    own_add(o, a);
            }
        }
    }
}

static enum cand_class classify(run *R, const own_set *own, const uclog_sdp_candidate *cd, const char **why)
{
    const uclog_diag_options *op = R->opts;
    uclog_str a;
    uint8_t ip[16];
    uint16_t port = uclog_sdp_candidate_port(cd);
    int32_t cls;

    uclog_sdp_candidate_address(&a, cd);
    if (uclog_addr_parse(ip, a.ptr, a.len) <= 0) {
        *why = "not an IP address";
        return C_OTHER;
    }
    if (op && (op->nedge || op->has_nat || op->npriv)) {
        if (in_list((const uint8_t(*)[16])op->edge, op->nedge, ip) || (op->has_nat && !memcmp(op->nat, ip, 16))) {
            *why = "on the A/V Edge's external address given";
            return C_EDGE;
        }
        if (in_list((const uint8_t(*)[16])op->priv, op->npriv, ip)) {
            *why = "on the A/V Edge's private external address given (not the NAT-ed one)";
            return C_PRIVATE_EDGE;
        }
        if (in_list((const uint8_t(*)[16])own->own, own->nown, ip)) {
            *why = "the client's own address";
            return C_OWN;
        }
        *why = uclog_sdp_candidate_type(cd) == UCLOG_SDP_CANDIDATE_TYPE_RELAY
                   ? "a relay candidate, but not on the A/V Edge address given"
                   : "not on the A/V Edge address given";
        return C_OTHER;
    }
    if (uclog_sdp_candidate_type(cd) == UCLOG_SDP_CANDIDATE_TYPE_RELAY) {
        *why = "typ relay";
        return C_EDGE;
    }
    if (R->relays_on && in_list((const uint8_t(*)[16])R->relay_ip, R->nrelay, ip)) {
        *why = "on the media relay address MRAS gave";
        return C_EDGE;
    }
    if (in_list((const uint8_t(*)[16])own->own, own->nown, ip)) {
        *why = "the client's own address";
        return C_OWN;
    }
    cls = uclog_addr_class(a.ptr, a.len);
    if (port >= EDGE_PORT_MIN && port <= EDGE_PORT_MAX) {
        if (cls == UCLOG_ADDR_CLASS_PUBLIC) {
            *why = "a public address, not the client's, in the Edge media port range 50000-59999";
            return C_EDGE;
        }
        if (cls == UCLOG_ADDR_CLASS_PRIVATE || cls == UCLOG_ADDR_CLASS_CGN) {
            *why = "a private address, not the client's, in the Edge media port range 50000-59999";
            return C_PRIVATE_EDGE;
        }
    }
    *why = cls == UCLOG_ADDR_CLASS_PUBLIC ? "a public address outside the Edge media port range"
                                          : "a private address that is not the client's";
    return C_OTHER;
}

/* The candidate line as written: "a=candidate:…", without trailing blanks. */
static const char *candidate_line(run *R, const uclog_sdp_candidate *cd, const char *prefix, const char *why)
{
    uclog_str raw;
    uclog_sdp_candidate_raw(&raw, cd);
    while (raw.len && (raw.ptr[raw.len - 1] == ' ' || raw.ptr[raw.len - 1] == '\r'))
        raw.len--;
    return uclog__diag_printf(R->r, "%sa=%s:%.*s%s%s%s", prefix,
                              uclog_sdp_candidate_attribute(cd) == UCLOG_SDP_CANDIDATE_X_IPV6 ? "x-candidate-ipv6"
                                                                                              : "candidate",
                              (int)raw.len, raw.ptr, why ? " (" : "", why ? why : "", why ? ")" : "");
}

/* Candidates of the audio media, as evidence of v (the other party's as context). */
/*
 * Candidates of the audio media, as evidence of v: every one of the client's
 * (or, with only_edge, those on the Edge), or the other party's as context.
 */
static void candidates_evidence(run *R, struct uclog_diag_verdict *v, uint32_t msg, uclog_sdp *const *sdps,
                                uint32_t nsdp, const own_set *own, int context, int only_edge, int *found)
{
    uint32_t s, k, c;

    for (s = 0; s < nsdp && !R->rc; s++)
        for (k = 0; k < uclog_sdp_media_count(sdps[s]); k++) {
            const uclog_sdp_media *md;
            uclog_str t;
            if (uclog_sdp_media_get(&md, sdps[s], k) || (uclog_sdp_media_type(&t, md), !uclog__diag_is(t, "audio")))
                continue;
            for (c = 0; c < uclog_sdp_candidate_count(md); c++) {
                const uclog_sdp_candidate *cd;
                const char *why;
                enum cand_class cl;
                uclog_span sp;
                if (uclog_sdp_candidate_get(&cd, md, c))
                    continue;
                uclog_sdp_candidate_span(&sp, cd);
                if (context) {
                    uclog__diag_cite(R, v, msg, &sp, candidate_line(R, cd, "other party's candidate (context, not judged): ", NULL));
                    continue;
                }
                cl = classify(R, own, cd, &why);
                found[cl]++;
                if (v && (!only_edge || cl == C_EDGE))
                    uclog__diag_cite(R, v, msg, &sp, candidate_line(R, cd, "", why));
            }
        }
}

void uclog__diag_edge_step(run *R, int32_t call, const char *call_id, uint32_t offer, const parsed *op,
                      uint32_t context_msg)
{
    uclog_sip *cm = NULL;
    uclog_sdp *csdps[4];
    uint32_t ncsdp = 0;
    own_set own;
    int found[4] = {0, 0, 0, 0}, given = R->opts && (R->opts->nedge || R->opts->has_nat || R->opts->npriv);
    int32_t code;
    struct uclog_diag_verdict *v;

    memset(&own, 0, sizeof(own));
    own_addresses(R, &own, offer, op->m, op->sdps, op->nsdp);
    candidates_evidence(R, NULL, offer, op->sdps, op->nsdp, &own, 0, 0, found);
    code = found[C_EDGE]           ? UCLOG_DIAG_EDGE_CANDIDATE_PRESENT
           : found[C_PRIVATE_EDGE] ? UCLOG_DIAG_EDGE_NAT_PRIVATE_ADDRESS
                                   : UCLOG_DIAG_NO_EDGE_CANDIDATE;
    if (code != UCLOG_DIAG_EDGE_CANDIDATE_PRESENT && R->life->location == UCLOG_DIAG_LOCATION_INTERNAL)
        return; /* an internal client offers host candidates: no Edge failure is claimed from them */
    v = uclog__diag_give(R, code, call, call_id);
    if (v && !given) {
        v->certainty = UCLOG_DIAG_INFERRED;
        v->reason = code == UCLOG_DIAG_EDGE_CANDIDATE_PRESENT
                        ? "no Edge address was given: a candidate of type relay, on the relay address MRAS gave, "
                          "or public and not the client's in the Edge media port range 50000-59999"
                    : code == UCLOG_DIAG_EDGE_NAT_PRIVATE_ADDRESS
                        ? "no Edge address was given: a private address that is not the client's, in the Edge "
                          "media port range 50000-59999, points at an Edge behind NAT"
                        : "no Edge address was given: no candidate is of type relay, on a relay address MRAS gave, "
                          "or public and not the client's in the Edge media port range 50000-59999";
    }
    if (v)
        v->summary = code == UCLOG_DIAG_EDGE_CANDIDATE_PRESENT
                         ? "the offer has a candidate on the A/V Edge's external address"
                     : code == UCLOG_DIAG_EDGE_NAT_PRIVATE_ADDRESS
                         ? "a candidate carries the A/V Edge's private external address instead of the NAT-ed one"
                         : uclog__diag_printf(R->r, "none of the offer's %d audio candidates is on the A/V Edge's "
                                                    "external address", found[0] + found[1] + found[2] + found[3]);
    uclog__diag_cite(R, v, offer, NULL, uclog__diag_printf(R->r, "offer: %s", uclog__diag_line_of(R, op->m)));
    memset(found, 0, sizeof(found));
    /* A present Edge candidate is shown alone; a failure shows every candidate
     * and, as context, the other party's. */
    candidates_evidence(R, v, offer, op->sdps, op->nsdp, &own, 0, code == UCLOG_DIAG_EDGE_CANDIDATE_PRESENT, found);
    if (code != UCLOG_DIAG_EDGE_CANDIDATE_PRESENT && context_msg != NONE && parse_msg(R, context_msg, &cm) == 0) {
        ncsdp = uclog__diag_parse_offers(R, cm, csdps, 4);
        candidates_evidence(R, v, context_msg, csdps, ncsdp, &own, 1, 0, found);
        uclog__diag_free_sdps(csdps, ncsdp);
        uclog_sip_free(cm);
    }
}
