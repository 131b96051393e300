/*
 * Whose each candidate of an offer is, and the Edge step of the procedure.
 *
 * What the log states decides first: an address the user gave, a relay
 * MRAS named, an explicit `typ` (host, srflx and prflx are the client's own,
 * relay is a relay), an address the log proves the client's (the framing's
 * local address, the Via it wrote, the raddr of its typed candidates, its
 * srflx addresses, the Via received= of the answers to it), an IPv6 host
 * candidate. Only an untyped draft-6 candidate is classified by inference,
 * and each inference names its signals: the q-value rank against the
 * client's host candidates, the default candidate's address (c=), the Edge
 * media port range, and the perimeter the client reaches (the address its
 * SIP goes to). The c=/o= address proves nothing (RFC 5245 4.1.4 makes the
 * relay the default), and neither does a private range (labs and some
 * perimeters are private). When the signals do not decide, the verdict says
 * so (EDGE_CANDIDATE_UNDECIDED), never a confident failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

#define EDGE_PORT_MIN 50000
#define EDGE_PORT_MAX 59999
#define MAX_OWN 32
#define MAX_DEFAULT 8

enum cand_class {
    C_OWN,          /* the client's */
    C_EDGE,         /* on the A/V Edge's external address */
    C_PRIVATE_EDGE, /* on the Edge's private address, not the NAT-ed one */
    C_UNDECIDED,    /* the signals do not decide */
    C_NOT_EDGE,     /* an Edge address was given, and this is not on it */
    C_COUNT
};

typedef struct {
    enum cand_class cls;
    int certain;
    const char *why;
} judgement;

/* What the offer and the log say around the candidates. */
typedef struct {
    uint8_t own[MAX_OWN][16];
    const char *own_why[MAX_OWN];
    uint32_t nown;
    uint8_t dflt[MAX_DEFAULT][16]; /* c= addresses: the default candidate's */
    uint32_t ndflt;
    uint32_t host_q[2];  /* lowest q of the client's untyped host candidates: UDP, TCP (0: none) */
    int32_t perimeter;   /* address class of where the client's SIP goes (NONE: unknown) */
    uclog_str peer;      /* that address */
    int given;           /* the Edge's external address was given */
} offer_facts;

static int in_list(const uint8_t (*list)[16], uint32_t n, const uint8_t ip[16])
{
    uint32_t k;
    for (k = 0; k < n; k++)
        if (!memcmp(list[k], ip, 16))
            return 1;
    return 0;
}

static void own_add_ip(offer_facts *f, const uint8_t ip[16], const char *why)
{
    if (f->nown == MAX_OWN || in_list((const uint8_t(*)[16])f->own, f->nown, ip))
        return;
    memcpy(f->own[f->nown], ip, 16);
    f->own_why[f->nown++] = why;
}

static void own_add(offer_facts *f, uclog_str a, const char *why)
{
    uint8_t ip[16];
    if (a.ptr && uclog_addr_to_bytes(ip, NULL, a.ptr, a.len) == 0)
        own_add_ip(f, ip, why);
}

static const char *own_why(const offer_facts *f, const uint8_t ip[16])
{
    uint32_t k;
    for (k = 0; k < f->nown; k++)
        if (!memcmp(f->own[k], ip, 16))
            return f->own_why[k];
    return NULL;
}

static void default_add(offer_facts *f, uclog_str a)
{
    uint8_t ip[16];
    if (a.ptr && f->ndflt < MAX_DEFAULT && uclog_addr_to_bytes(ip, NULL, a.ptr, a.len) == 0 &&
        !in_list((const uint8_t(*)[16])f->dflt, f->ndflt, ip))
        memcpy(f->dflt[f->ndflt++], ip, 16);
}

static int media_wanted(const uclog_sdp_media *md, const char *type)
{
    uclog_str t;
    uclog_sdp_media_type(&t, md);
    return uclog__diag_is(t, type);
}

/* The media whose candidates are judged: the audio ones, or the video ones when there is no audio. */
static const char *judged_type(uclog_sdp *const *sdps, uint32_t nsdp)
{
    return uclog__diag_has_media(sdps, nsdp, "audio") ? "audio" : "video";
}

static int is_typed_own(int32_t type)
{
    return type == UCLOG_SDP_CANDIDATE_TYPE_HOST || type == UCLOG_SDP_CANDIDATE_TYPE_SRFLX ||
           type == UCLOG_SDP_CANDIDATE_TYPE_PRFLX;
}

static int tcp_index(const uclog_sdp_candidate *cd)
{
    return uclog_sdp_candidate_transport(cd) == UCLOG_SDP_TRANSPORT_UDP ? 0 : 1;
}

/* The addresses the log proves the client's, the defaults, the host ranks and the perimeter. */
static void offer_facts_of(run *R, offer_facts *f, uint32_t offer, const parsed *op, const char *type)
{
    uclog_span at;
    uclog_timestamp ts;
    int has_ts;
    uclog_str a, remote = {NULL, 0};
    uint32_t s, k, c, q;
    const uclog_diag_options *o = R->opts;

    memset(f, 0, sizeof(*f));
    f->given = o && (o->nedge || o->has_nat);
    f->perimeter = -1;
    if (R->src->addresses(&a, &remote, R, offer) == 0) {
        own_add(f, a, "the packet's local address");
        if (remote.ptr && remote.len) {
            f->peer = remote;
            f->perimeter = uclog_addr_class(remote.ptr, remote.len);
        }
    }
    if (uclog_sip_is_request(op->m) && uclog_sip_via_entry(NULL, &a, NULL, NULL, op->m, 0) == 0)
        own_add(f, a, "the address the client wrote in its Via");
    R->src->where(&at, &ts, &has_ts, R, offer);
    for (k = 0; k < R->nreceived; k++) /* those seen before the offer: as a streaming run knows them */
        if (uclog__diag_pos_before(R->received_at[k], uclog__diag_pos(&at)))
            own_add_ip(f, R->received[k], "the address the client's server saw it on (Via received=)");
    for (s = 0; s < op->nsdp; s++) {
        if (uclog_sdp_connection(NULL, &a, op->sdps[s]) == 0)
            default_add(f, a);
        for (k = 0; k < uclog_sdp_media_count(op->sdps[s]); k++) {
            const uclog_sdp_media *md;
            if (uclog_sdp_media_get(&md, op->sdps[s], k) || !media_wanted(md, type))
                continue;
            if (uclog_sdp_media_connection(NULL, &a, md) == 0)
                default_add(f, a);
            for (c = 0; c < uclog_sdp_candidate_count(md); c++) {
                const uclog_sdp_candidate *cd;
                int32_t t;
                if (uclog_sdp_candidate_get(&cd, md, c))
                    continue;
                t = uclog_sdp_candidate_type(cd);
                if (uclog_sdp_candidate_related(&a, NULL, cd) == 0)
                    own_add(f, a, "the raddr of the client's typed candidate");
                if (t == UCLOG_SDP_CANDIDATE_TYPE_SRFLX || t == UCLOG_SDP_CANDIDATE_TYPE_PRFLX) {
                    uclog_sdp_candidate_address(&a, cd);
                    own_add(f, a, "the client's server-reflexive (NAT) address");
                }
            }
        }
    }
    /* the client's untyped host candidates: on an address proven its own */
    for (s = 0; s < op->nsdp; s++)
        for (k = 0; k < uclog_sdp_media_count(op->sdps[s]); k++) {
            const uclog_sdp_media *md;
            if (uclog_sdp_media_get(&md, op->sdps[s], k) || !media_wanted(md, type))
                continue;
            for (c = 0; c < uclog_sdp_candidate_count(md); c++) {
                const uclog_sdp_candidate *cd;
                uint8_t ip[16];
                uint32_t *h;
                if (uclog_sdp_candidate_get(&cd, md, c) || uclog_sdp_candidate_qvalue(&q, cd) ||
                    (uclog_sdp_candidate_address(&a, cd), uclog_addr_to_bytes(ip, NULL, a.ptr, a.len) != 0) ||
                    !in_list((const uint8_t(*)[16])f->own, f->nown, ip))
                    continue;
                h = &f->host_q[tcp_index(cd)];
                if (*h == 0 || q < *h)
                    *h = q;
            }
        }
}

static const char *class_name(int32_t cls)
{
    switch (cls) {
    case UCLOG_ADDR_CLASS_PUBLIC: return "public";
    case UCLOG_ADDR_CLASS_PRIVATE: return "private";
    case UCLOG_ADDR_CLASS_CGN: return "shared (CGN)";
    default: return cls < 0 ? "unknown" : "special-purpose";
    }
}

static int is_private(int32_t cls)
{
    return cls == UCLOG_ADDR_CLASS_PRIVATE || cls == UCLOG_ADDR_CLASS_CGN;
}

/* An untyped draft-6 candidate that nothing in the log places: the signals, named. */
static judgement infer(run *R, const offer_facts *f, const uclog_sdp_candidate *cd, const uint8_t ip[16],
                       uclog_str a)
{
    judgement j;
    uint32_t q = 0, host = f->host_q[tcp_index(cd)];
    uint16_t port = uclog_sdp_candidate_port(cd);
    int has_q = uclog_sdp_candidate_qvalue(&q, cd) == 0 && host != 0;
    int below = has_q && q < host, dflt = in_list((const uint8_t(*)[16])f->dflt, f->ndflt, ip);
    int ports = port >= EDGE_PORT_MIN && port <= EDGE_PORT_MAX, relay_like;
    int32_t cls = uclog_addr_class(a.ptr, a.len);
    const char *tr = tcp_index(cd) ? "TCP" : "UDP";
    char rank[96], sig[320];

    j.certain = 0;
    if (has_q && !below) {
        j.cls = C_OWN;
        j.why = uclog__diag_printf(R->r, "inferred: ranked as the client's %s host candidates (q %u.%03u, host "
                                         "q %u.%03u); not an address the log proves its own",
                                   tr, q / 1000, q % 1000, host / 1000, host % 1000);
        return j;
    }
    if (cls == UCLOG_ADDR_CLASS_LOOPBACK || cls == UCLOG_ADDR_CLASS_LINK_LOCAL) {
        j.cls = C_OWN;
        j.why = "inferred: a loopback or link-local address is never a relay";
        return j;
    }
    if (below)
        snprintf(rank, sizeof(rank), "ranked below the client's %s host candidates (q %u.%03u < %u.%03u)", tr,
                 q / 1000, q % 1000, host / 1000, host % 1000);
    else
        snprintf(rank, sizeof(rank), "no %s host candidate of the client to rank it against", tr);
    snprintf(sig, sizeof(sig), "not an address the log proves the client's; %s; %s; port %u %s the Edge media range "
                               "50000-59999; %s address",
             rank, dflt ? "on the default candidate's address (c=)" : "not the default candidate",
             (unsigned)port, ports ? "in" : "outside", class_name(cls));
    relay_like = (below && (dflt || ports)) || (!has_q && dflt && ports);
    if (relay_like && cls == UCLOG_ADDR_CLASS_PUBLIC) {
        j.cls = C_EDGE;
        j.why = uclog__diag_printf(R->r, "inferred, a relay: %s", sig);
    } else if (relay_like && is_private(cls) && f->perimeter == UCLOG_ADDR_CLASS_PUBLIC) {
        j.cls = C_PRIVATE_EDGE;
        j.why = uclog__diag_printf(R->r, "inferred, a relay on a private address: %s, while the client reaches a "
                                         "public perimeter (%.*s)", sig, (int)f->peer.len, f->peer.ptr);
    } else if (relay_like && is_private(cls)) {
        j.cls = C_UNDECIDED;
        j.why = uclog__diag_printf(R->r, "undecided, ranked as a relay: %s; the perimeter the client reaches "
                                         "(%.*s) is %s, so the Edge's external address may be private",
                                   sig, (int)f->peer.len, f->peer.ptr ? f->peer.ptr : "",
                                   class_name(f->perimeter));
    } else {
        j.cls = C_UNDECIDED;
        j.why = uclog__diag_printf(R->r, "undecided: %s", sig);
    }
    return j;
}

static judgement classify(run *R, const offer_facts *f, const uclog_sdp_candidate *cd)
{
    const uclog_diag_options *op = R->opts;
    int32_t type = uclog_sdp_candidate_type(cd), cls;
    judgement j;
    uclog_str a;
    uint8_t ip[16];
    const char *why;

    j.certain = 1;
    uclog_sdp_candidate_address(&a, cd);
    if (uclog_addr_to_bytes(ip, NULL, a.ptr, a.len) != 0) {
        j.cls = f->given ? C_NOT_EDGE : C_UNDECIDED;
        j.certain = f->given;
        j.why = "not an IP address";
        return j;
    }
    cls = uclog_addr_class(a.ptr, a.len);
    if (op && (in_list((const uint8_t(*)[16])op->edge, op->nedge, ip) || (op->has_nat && !memcmp(op->nat, ip, 16)))) {
        j.cls = C_EDGE;
        j.why = "on the A/V Edge's external address given";
    } else if (op && in_list((const uint8_t(*)[16])op->priv, op->npriv, ip)) {
        j.cls = C_PRIVATE_EDGE;
        j.why = "on the A/V Edge's private external address given (not the NAT-ed one)";
    } else if (is_typed_own(type)) {
        j.cls = C_OWN; /* an explicit type is authoritative, even on a relay's address */
        j.why = uclog__diag_printf(R->r, "typ %s: the client's own", uclog_sdp_candidate_type_name(type));
    } else if (R->relays_on && in_list((const uint8_t(*)[16])R->relay_ip, R->nrelay, ip)) {
        j.cls = C_EDGE;
        j.why = "on the media relay address MRAS gave";
    } else if (type == UCLOG_SDP_CANDIDATE_TYPE_UNKNOWN &&
               (uclog_sdp_candidate_attribute(cd) == UCLOG_SDP_CANDIDATE_X_IPV6 || cls == UCLOG_ADDR_CLASS_TEREDO)) {
        j.cls = C_OWN;
        j.why = cls == UCLOG_ADDR_CLASS_TEREDO ? "a Teredo address (2001::/32): the client's own"
                                               : "an IPv6 host candidate (x-candidate-ipv6): the client's own";
    } else if ((why = own_why(f, ip)) != NULL) {
        j.cls = C_OWN;
        j.why = uclog__diag_printf(R->r, "the client's own: %s", why);
    } else if (type == UCLOG_SDP_CANDIDATE_TYPE_RELAY) {
        if (f->given) {
            j.cls = C_NOT_EDGE;
            j.why = "typ relay, but not on the A/V Edge address given";
        } else if (is_private(cls) && f->perimeter == UCLOG_ADDR_CLASS_PUBLIC) {
            j.cls = C_PRIVATE_EDGE; /* the relay is stated; the NAT fault is concluded from the perimeter */
            j.certain = 0;
            j.why = uclog__diag_printf(R->r, "inferred: typ relay on a private address, while the client reaches a "
                                             "public perimeter (%.*s)", (int)f->peer.len, f->peer.ptr);
        } else {
            j.cls = C_EDGE;
            j.why = "typ relay";
        }
    } else if (type != UCLOG_SDP_CANDIDATE_TYPE_UNKNOWN || f->given) {
        j.cls = f->given ? C_NOT_EDGE : C_UNDECIDED;
        j.certain = f->given;
        j.why = f->given ? "not on the A/V Edge address given" : "a candidate type the procedure does not know";
    } else {
        j = infer(R, f, cd, ip, a);
    }
    return j;
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

static const char *placed_name(enum cand_class cls)
{
    switch (cls) {
    case C_OWN: return "client";
    case C_EDGE: return "edge";
    case C_PRIVATE_EDGE: return "edge-private";
    case C_NOT_EDGE: return "not-edge";
    default: return "undecided";
    }
}

/* The candidate's fields, on the evidence item just cited: as written, and, for the client's (j not
 * NULL), whose address the judging placed it on and how sure it is. */
static void candidate_fields(run *R, struct uclog_diag_verdict *v, const uclog_sdp_candidate *cd,
                             const judgement *j)
{
    uclog__diag_field f[16];
    uint32_t n = 0, q;
    uint16_t rport;
    uclog_str a;
    char qv[16], cls[24];
    const char *s;
    size_t k;

#define TEXT(nm, str) (f[n].name = (nm), f[n].text.ptr = (str), f[n++].text.len = strlen(str))
#define VIEW(nm, view) ((view).ptr ? (f[n].name = (nm), f[n++].text = (view), 0) : 0)
#define NUMBER(nm, num) (f[n].name = (nm), f[n].text.ptr = NULL, f[n++].number = (num))
    TEXT("attribute", uclog_sdp_candidate_attribute(cd) == UCLOG_SDP_CANDIDATE_X_IPV6 ? "x-candidate-ipv6"
                                                                                      : "candidate");
    TEXT("form", uclog_sdp_candidate_form(cd) == UCLOG_SDP_ICE_RFC5245 ? "rfc5245" : "draft-6");
    uclog_sdp_candidate_foundation(&a, cd);
    VIEW("foundation", a);
    uclog_sdp_candidate_username(&a, cd);
    VIEW("username", a);
    NUMBER("component", uclog_sdp_candidate_component(cd));
    uclog_sdp_candidate_transport_raw(&a, cd);
    VIEW("transport", a);
    if (uclog_sdp_candidate_qvalue(&q, cd) == 0) {
        snprintf(qv, sizeof(qv), "%u.%03u", q / 1000, q % 1000);
        TEXT("qvalue", qv);
    } else if (uclog_sdp_candidate_priority(&q, cd) == 0) {
        NUMBER("priority", q);
    }
    uclog_sdp_candidate_address(&a, cd);
    VIEW("address", a);
    s = uclog_addr_class_name(uclog_addr_class(a.ptr, a.len));
    for (k = 0; s[k] && k + 1 < sizeof(cls); k++) /* "PRIVATE": "private", as the other names */
        cls[k] = (char)(s[k] >= 'A' && s[k] <= 'Z' ? s[k] - 'A' + 'a' : s[k] == '_' ? '-' : s[k]);
    cls[k] = '\0';
    TEXT("address_class", cls);
    NUMBER("port", uclog_sdp_candidate_port(cd));
    uclog_sdp_candidate_type_raw(&a, cd);
    VIEW("type", a);
    if (uclog_sdp_candidate_related(&a, &rport, cd) == 0) {
        VIEW("related_address", a);
        NUMBER("related_port", rport);
    }
    TEXT("party", j ? "client" : "peer");
    if (j) {
        TEXT("placed", placed_name(j->cls));
        TEXT("certainty", j->certain ? "certain" : "inferred");
    }
#undef TEXT
#undef VIEW
#undef NUMBER
    uclog__diag_fields(R, v, "candidate", f, n);
}

/* What the judging of every candidate found. */
typedef struct {
    uint32_t n[C_COUNT];
    uint32_t certain[C_COUNT];
} tally;

/*
 * Candidates of the judged media, as evidence of v: every one of the client's
 * (or, with only_edge, those on the Edge), or the other party's as context.
 * With v NULL, only counts them.
 */
static void candidates_evidence(run *R, struct uclog_diag_verdict *v, uint32_t msg, uclog_sdp *const *sdps,
                                uint32_t nsdp, const char *type, const offer_facts *f, int context, int only_edge,
                                tally *t)
{
    uint32_t s, k, c;

    for (s = 0; s < nsdp && !R->rc; s++)
        for (k = 0; k < uclog_sdp_media_count(sdps[s]); k++) {
            const uclog_sdp_media *md;
            if (uclog_sdp_media_get(&md, sdps[s], k) || !media_wanted(md, type))
                continue;
            for (c = 0; c < uclog_sdp_candidate_count(md); c++) {
                const uclog_sdp_candidate *cd;
                judgement j;
                uclog_span sp;
                if (uclog_sdp_candidate_get(&cd, md, c))
                    continue;
                uclog_sdp_candidate_span(&sp, cd);
                if (context) {
                    uclog__diag_cite(R, v, msg, &sp, candidate_line(R, cd, "other party's candidate (context, not judged): ", NULL));
                    candidate_fields(R, v, cd, NULL);
                    continue;
                }
                j = classify(R, f, cd);
                if (t) {
                    t->n[j.cls]++;
                    t->certain[j.cls] += (uint32_t)j.certain;
                }
                if (v && (!only_edge || j.cls == C_EDGE)) {
                    uclog__diag_cite(R, v, msg, &sp, candidate_line(R, cd, "", j.why));
                    candidate_fields(R, v, cd, &j);
                }
            }
        }
}

/* The verdict the tally gives, and whether it is certain. */
static int32_t edge_code(const tally *t, const offer_facts *f, int *certain)
{
    if (t->n[C_EDGE]) {
        *certain = t->certain[C_EDGE] > 0;
        return UCLOG_DIAG_EDGE_CANDIDATE_PRESENT;
    }
    if (t->n[C_PRIVATE_EDGE]) {
        *certain = t->certain[C_PRIVATE_EDGE] > 0;
        return UCLOG_DIAG_EDGE_NAT_PRIVATE_ADDRESS;
    }
    if (t->n[C_UNDECIDED]) {
        *certain = 0;
        return UCLOG_DIAG_EDGE_CANDIDATE_UNDECIDED;
    }
    *certain = f->given || t->certain[C_OWN] == t->n[C_OWN];
    return UCLOG_DIAG_NO_EDGE_CANDIDATE;
}

static const char *edge_reason(int32_t code)
{
    switch (code) {
    case UCLOG_DIAG_EDGE_CANDIDATE_PRESENT:
        return "no Edge address was given and MRAS named none: a candidate is taken for a relay on the "
               "Edge's external address from its rank, the default candidate and the Edge port range "
               "(each candidate says which)";
    case UCLOG_DIAG_EDGE_NAT_PRIVATE_ADDRESS:
        return "no Edge private address was given: a candidate ranked as a relay sits on a private address "
               "while the client reaches a public perimeter";
    case UCLOG_DIAG_EDGE_CANDIDATE_UNDECIDED:
        return "no Edge address was given, and the untyped candidates that are not the client's cannot be "
               "placed from the log alone (each candidate says which signals it has)";
    default:
        return "no Edge address was given: some candidates are the client's only by their rank";
    }
}

static const char *edge_summary(run *R, int32_t code, const tally *t)
{
    uint32_t all = 0, k;
    for (k = 0; k < C_COUNT; k++)
        all += t->n[k];
    switch (code) {
    case UCLOG_DIAG_EDGE_CANDIDATE_PRESENT:
        return "the offer has a candidate on the A/V Edge's external address";
    case UCLOG_DIAG_EDGE_NAT_PRIVATE_ADDRESS:
        return "a candidate carries the A/V Edge's private external address instead of the NAT-ed one";
    case UCLOG_DIAG_EDGE_CANDIDATE_UNDECIDED:
        return uclog__diag_printf(R->r, "%u of the offer's %u candidates may be on the A/V Edge's external "
                                        "address; the log alone does not say", t->n[C_UNDECIDED], all);
    default:
        return uclog__diag_printf(R->r, "none of the %u candidates read of the offer is on the A/V Edge's external "
                                        "address", all);
    }
}

/*
 * Whether the client placed the call from inside, as the sign-in before it
 * says (each call with its own: a log may hold an internal sign-in, then a
 * remote one). When the log as a whole is not said internal, the call gets
 * its own CLIENT_IS_INTERNAL, citing what made it so.
 */
static int internal_call(run *R, int32_t call, const char *call_id, uint32_t offer)
{
    uclog_span at, said;
    uclog_timestamp ts;
    const char *why;
    int has_ts, has_said;
    struct uclog_diag_verdict *v;

    R->src->where(&at, &ts, &has_ts, R, offer);
    if (uclog__diag_call_location(R, uclog__diag_pos(&at), uclog__diag_mras_before(R, offer), &why, &said,
                                  &has_said) != UCLOG_DIAG_LOCATION_INTERNAL)
        return 0;
    if (R->life->location == UCLOG_DIAG_LOCATION_INTERNAL)
        return 1; /* the log-wide CLIENT_IS_INTERNAL says it */
    v = uclog__diag_give(R, UCLOG_DIAG_CLIENT_IS_INTERNAL, call, call_id);
    uclog__diag_cite(R, v, NONE, has_said ? &said : NULL,
                     uclog__diag_printf(R->r, "client location when the call was placed: internal (%s)", why));
    if (v)
        v->summary = "this call was placed while the client was signed in from inside the network; no Edge "
                     "failure is claimed from its candidates";
    return 1;
}

/* Whether the offer was not read whole: a limit cut it (candidates, lines), or the log lost part of
 * its message (a body shorter than its Content-Length, headers or parts that do not end). */
static int offer_cut(const parsed *op, uclog_span *where)
{
    uint32_t s, k;
    uclog_defect d;

    if (uclog__diag_body_lost(where, op->m))
        return 1;
    for (k = 0; uclog_sip_defect(&d, op->m, k) == 0; k++)
        if (d.code == UCLOG_DEFECT_SIP_HEADERS_UNTERMINATED || d.code == UCLOG_DEFECT_SIP_MULTIPART_UNTERMINATED) {
            *where = d.span;
            return 1;
        }

    for (s = 0; s < op->nsdp; s++)
        for (k = 0; uclog_sdp_defect(&d, op->sdps[s], k) == 0; k++)
            if (d.code == UCLOG_DEFECT_SDP_TOO_MANY_CANDIDATES || d.code == UCLOG_DEFECT_SDP_TOO_MANY_LINES) {
                *where = d.span;
                return 1;
            }
    return 0;
}

void uclog__diag_edge_step(run *R, int32_t call, const char *call_id, uint32_t offer, const parsed *op,
                           uint32_t context_msg)
{
    uclog_sip *cm = NULL;
    uclog_sdp *csdps[4];
    uint32_t ncsdp = 0;
    offer_facts f;
    tally t;
    uclog_span cut_at;
    int certain;
    int32_t code;
    const char *type = judged_type(op->sdps, op->nsdp);
    struct uclog_diag_verdict *v;

    offer_facts_of(R, &f, offer, op, type);
    memset(&t, 0, sizeof(t));
    candidates_evidence(R, NULL, offer, op->sdps, op->nsdp, type, &f, 0, 0, &t);
    code = edge_code(&t, &f, &certain);
    if (code != UCLOG_DIAG_EDGE_CANDIDATE_PRESENT && internal_call(R, call, call_id, offer))
        return; /* an internal client offers host candidates: no Edge failure is claimed from them */
    v = uclog__diag_give(R, code, call, call_id);
    if (!v)
        return;
    if (!certain) {
        v->certainty = UCLOG_DIAG_INFERRED;
        v->reason = edge_reason(code);
    }
    v->summary = edge_summary(R, code, &t);
    uclog__diag_cite(R, v, offer, NULL, uclog__diag_printf(R->r, "offer: %s", uclog__diag_line_of(R, op->m)));
    if (code != UCLOG_DIAG_EDGE_CANDIDATE_PRESENT && offer_cut(op, &cut_at)) {
        /* what was not read may be on the Edge: no absence is claimed from a part */
        v->certainty = UCLOG_DIAG_INFERRED;
        v->reason = "the offer was not read whole (a limit, or a body the log cut short): the candidates not "
                    "read may be on the Edge";
        uclog__diag_cite(R, v, offer, &cut_at, "the offer was read only up to here");
    }
    /* A present Edge candidate is shown alone; any other outcome shows every
     * candidate and, as context, the other party's. */
    candidates_evidence(R, v, offer, op->sdps, op->nsdp, type, &f, 0, code == UCLOG_DIAG_EDGE_CANDIDATE_PRESENT, NULL);
    if (code == UCLOG_DIAG_EDGE_CANDIDATE_UNDECIDED && R->relays_on && R->relay_host[0]) {
        uclog__diag_field host;
        host.name = "host";
        host.text.ptr = R->relay_host;
        host.text.len = strlen(R->relay_host);
        uclog__diag_cite(R, v, offer, NULL,
                         uclog__diag_printf(R->r, "to decide: give the address the MRAS relay hostName %s "
                                                  "resolves to as --edge-ip", R->relay_host));
        uclog__diag_fields(R, v, "relay", &host, 1);
    } else if (code == UCLOG_DIAG_EDGE_CANDIDATE_UNDECIDED) {
        uclog__diag_cite(R, v, offer, NULL, "to decide: give the A/V Edge's external address as --edge-ip");
    }
    if (code != UCLOG_DIAG_EDGE_CANDIDATE_PRESENT && context_msg != NONE && parse_msg(R, context_msg, &cm) == 0) {
        ncsdp = uclog__diag_parse_offers(R, cm, csdps, 4);
        candidates_evidence(R, v, context_msg, csdps, ncsdp, type, &f, 1, 0, NULL);
        uclog__diag_free_sdps(csdps, ncsdp);
        uclog_sip_free(cm);
    }
}
