/*
 * Sign-in: the provisioning SUBSCRIBE and its 200 OK, the mrasUri in it,
 * the MRAS SERVICE with a credentialsRequest and its answer, with the relays
 * the calls after it are judged against.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

/*
 * The messages the procedure reads: sign-in (REGISTER, SUBSCRIBE, SERVICE)
 * and call (INVITE, BYE, CANCEL) requests and their responses. Each is
 * looked at here, while it is parsed anyway, for what the procedure asks of
 * every message (uclog__diag_observe()). The index keeps only what is read again later:
 * the calls' messages, and the provisioning SUBSCRIBEs and MRAS SERVICEs with
 * the responses of their dialogs; REGISTERs and presence SUBSCRIBEs are not
 * kept. The memory is in proportion to sign-ins and calls, not to the log.
 */
int uclog__diag_method_kind(uclog_str method)
{
    return uclog__diag_is(method, "INVITE") || uclog__diag_is(method, "BYE") || uclog__diag_is(method, "CANCEL") ? K_CALL
           : uclog__diag_is(method, "SUBSCRIBE")                                                   ? K_SUBSCRIBE
           : uclog__diag_is(method, "SERVICE")                                                     ? K_SERVICE
           : uclog__diag_is(method, "REGISTER")                                                    ? K_REGISTER
                                                                                            : K_OTHER;
}

/* A SUBSCRIBE or SERVICE request that opens a sign-in dialog (kept in the index). */
int uclog__diag_signin_request(const uclog_sip *m, int kind)
{
    uclog_str pkg, t, st;

    if (kind == K_SUBSCRIBE)
        return uclog_sip_event(&pkg, NULL, m) == 0 && uclog__diag_is(pkg, "vnd-microsoft-provisioning-v2")
                   ? SIGNIN_PROVISIONING
                   : SIGNIN_NONE;
    return kind == K_SERVICE && uclog_sip_content_type(&t, &st, NULL, m) == 0 &&
                   uclog__diag_is(st, "msrtc-media-relay-auth+xml")
               ? SIGNIN_MRAS
               : SIGNIN_NONE;
}

static int grow_signin(run *R, signin_entry **arr, size_t *n, size_t *cap, uint32_t msg)
{
    if (uclog__diag_grow(R->life, (void **)arr, cap, *n + 1, sizeof(**arr)))
        return uclog__diag_fail(R, UCLOG_E_NOMEM);
    memset(&(*arr)[*n], 0, sizeof(**arr));
    (*arr)[*n].msg = msg;
    (*n)++;
    return UCLOG_OK;
}

/* Provisioning SUBSCRIBEs and MRAS SERVICEs with a credentialsRequest the client sent. */
void uclog__diag_observe_signin(run *R, uint32_t i, const uclog_sip *m, int signin)
{
    uclog_str body;
    uclog_span span;
    uclog_mras *req = NULL;
    int prc;

    if (signin == SIGNIN_PROVISIONING) {
        grow_signin(R, &R->subs, &R->nsubs, &R->subs_cap, i);
        return;
    }
    if (uclog__diag_body(&body, &span, m))
        return;
    prc = uclog_mras_parse(&req, R->ctx, body.ptr, body.len, &span);
    if (prc == UCLOG_E_NOMEM)
        uclog__diag_fail(R, prc);
    if (prc == 0 && uclog_mras_kind(req) == UCLOG_MRAS_REQUEST && uclog_mras_credreq_count(req) > 0 &&
        grow_signin(R, &R->mras, &R->nmras, &R->mras_cap, i) == 0) {
        uint8_t loc = uclog__diag_mras_location(req);
        const uclog_mras_credreq *cr;
        uclog_str where = {NULL, 0};
        uclog_span at = span;
        if (uclog_mras_credreq_get(&cr, req, 0) == 0 && uclog_mras_credreq_location(&where, cr) == 0)
            uclog__diag_line_at(&at, m, where.ptr);
        R->mras[R->nmras - 1].loc = loc;
        R->mras[R->nmras - 1].loc_span = at;
        if (!R->mras_loc) {
            R->mras_loc = loc;
            R->mras_loc_span = at;
        }
        if (!R->mras_loc_set && (loc == LOC_INTERNET || loc == LOC_INTRANET)) {
            R->mras_loc_set = loc;
            R->mras_loc_set_span = at;
        }
    }
    uclog_mras_free(req);
}

/* A message the procedure looks at, seen once while the index is built;
 * i is its number in the index, or NONE when it is not kept. The flags are
 * asked of a call's messages only (INVITE, BYE, CANCEL and their responses). */
void uclog__diag_observe(run *R, uint32_t i, const uclog_sip *m, const uclog_packet *p, int kind, int signin)
{
    int request = uclog_sip_is_request(m), is_sent = uclog_packet_direction(p) == UCLOG_DIRECTION_SENT;

    if (R->rc)
        return;
    uclog__diag_observe_client(R, m, request, is_sent);
    if (i == NONE)
        return;
    if (uclog__diag_grow(R->r, (void **)&R->whole.flags, &R->whole.flags_cap, (size_t)i + 1, 1)) {
        uclog__diag_fail(R, UCLOG_E_NOMEM);
        return;
    }
    R->whole.flags[i] = kind != K_CALL ? 0 : (uint8_t)((uclog_sip_diag_count(m) ? F_DIAG : 0) |
                                                 (!request && uclog_sip_sdp_count(m) ? F_SDP : 0));
    if (signin != SIGNIN_NONE && is_sent)
        uclog__diag_observe_signin(R, i, m, signin);
}

/* The newest of list[] (ascending) with after < index < before, or NONE. */
static uint32_t newest(const signin_entry *list, size_t n, uint32_t after, uint32_t before)
{
    size_t lo = 0, hi = n;

    while (lo < hi) { /* the first element >= before */
        size_t mid = lo + (hi - lo) / 2;
        if (list[mid].msg < before)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || (after != NONE && list[lo - 1].msg <= after))
        return NONE;
    return list[lo - 1].msg;
}

uint32_t uclog__diag_mras_before(const run *R, uint32_t before)
{
    return newest(R->mras, R->nmras, NONE, before);
}

const signin_entry *uclog__diag_mras_entry(const run *R, uint32_t msg)
{
    size_t k;
    for (k = 0; k < R->nmras; k++)
        if (R->mras[k].msg == msg)
            return &R->mras[k];
    return NULL;
}

/*
 * Where in m's body, from the element that starts at `from`, the text `what`
 * is written (XML text is decoded into copies, so its own view cannot say):
 * an attribute ("reasonPhrase="), or an element's name with any prefix
 * ("credentials" matches <credentials> and <p:credentials ...>). NULL when not found.
 */
static const char *written_at(const uclog_sip *m, const uclog_span *from, const char *what, int element)
{
    uclog_str body;
    uclog_span bs;
    const char *p, *end;
    size_t n = strlen(what);

    if (uclog__diag_body(&body, &bs, m) || from->offset < bs.offset || from->offset - bs.offset >= body.len)
        return NULL;
    end = body.ptr + body.len;
    for (p = body.ptr + (from->offset - bs.offset); p + n < end; p++) {
        if (memcmp(p, what, n))
            continue;
        if (!element)
            return p;
        if ((p[-1] == '<' || p[-1] == ':') && (p[n] == '>' || p[n] == ' ' || p[n] == '\t' || p[n] == '\r' ||
                                               p[n] == '\n' || p[n] == '/'))
            return p - 1;
    }
    return NULL;
}

/*
 * The mrasUri of the provisioning 200 OK (or of a NOTIFY in the same dialog).
 * The body is read only up to the end of ServerConfiguration: the groups
 * after it (most of a 10-15 KB body) say nothing the procedure needs.
 */
static const char *find_mras_uri(run *R, uint32_t ok, uclog_span *where, const char **problem, int *unreadable,
                                 uclog_span *problem_at)
{
    uclog_sip *m = NULL;
    uclog_prov *prov = NULL;
    uclog_str body, uri;
    uclog_span span;
    const char *res = NULL;
    int rc;

    *problem = "ServerConfiguration has no mrasUri";
    *unreadable = 0;
    if (parse_msg(R, ok, &m))
        return NULL;
    if (uclog__diag_body(&body, &span, m) && uclog__diag_body_lost(problem_at, m)) {
        *unreadable = 1;
        *problem = "the log lost its body (Content-Length says more bytes than were framed)";
    } else if (uclog__diag_body(&body, &span, m)) {
        *problem = "the 200 OK has no body";
    } else if ((rc = uclog_prov_parse_until(&prov, R->ctx, body.ptr, body.len, &span, "ServerConfiguration")) != 0) {
        if (rc == UCLOG_E_NOMEM)
            uclog__diag_fail(R, rc);
        /* the body is not what the log could not say: it is unreadable, and where */
        *unreadable = 1;
        if (uclog_ctx_error_span(problem_at, R->ctx))
            *problem_at = span;
        *problem = uclog__diag_printf(R->r, "its body could not be read: %s", uclog_ctx_errmsg(R->ctx));
    } else if (uclog_prov_lookup(&uri, where, prov, "ServerConfiguration", "mrasUri") == 0 && uri.len) {
        const char *at;
        res = uclog__diag_dup(R, uri);
        /* the element's text may start on a later line than its tag: cite the value's line */
        if (res && (at = written_at(m, where, res, 0)) != NULL)
            uclog__diag_line_at(where, m, at);
    } else if (uclog_prov_lookup(&uri, where, prov, "ServerConfiguration", "mrasUri") == 0) {
        *problem = "mrasUri is empty";
    }
    uclog_prov_free(prov);
    uclog_sip_free(m);
    return res;
}

/* "UDP port 3478", "UDP port (none)" or "UDP port unreadable" (a value that is not a port). */
static const char *port_text(run *R, const char *what, int rc, uint16_t port)
{
    return rc == 0 ? uclog__diag_printf(R->r, "%s port %u", what, (unsigned)port)
                   : uclog__diag_printf(R->r, "%s port %s", what, rc == UCLOG_E_FORMAT ? "unreadable" : "(none)");
}

/* The credentials and every relay; returns how many relay ports could not be read. */
static uint32_t relay_evidence(run *R, struct uclog_diag_verdict *v, uint32_t ok, const uclog_sip *m,
                               const uclog_mras_credresp *cr)
{
    uint32_t k, n = uclog_mras_relay_count(cr), dur = 0, bad = 0;
    uclog_str user;
    uclog_span at;

    uclog_mras_credresp_span(&at, cr);
    if (uclog_mras_credresp_username(&user, cr) == 0 && uclog_mras_credresp_duration(&dur, cr) == 0)
        uclog__diag_cite_in(R, v, ok, m, written_at(m, &at, "credentials", 1),
                            uclog__diag_printf(R->r, "credentials received: username of %zu characters, duration %u "
                                                     "minutes", user.len, dur));
    for (k = 0; k < n && !R->rc; k++) {
        const uclog_mras_relay *relay;
        uclog_str loc = {"", 0}, host = {"", 0};
        uclog_span hs;
        uint16_t udp = 0, tcp = 0;
        int ru, rt;
        const char *element;
        uclog__diag_field f[5];
        uint32_t nf;

        if (uclog_mras_relay_get(&relay, cr, k))
            continue;
        uclog_mras_relay_location(&loc, relay);
        uclog_mras_relay_host(&host, &hs, relay);
        ru = uclog_mras_relay_udp_port(&udp, relay);
        rt = uclog_mras_relay_tcp_port(&tcp, relay);
        bad += (ru == UCLOG_E_FORMAT) + (rt == UCLOG_E_FORMAT);
        element = uclog_mras_relay_host_kind(relay) == UCLOG_MRAS_HOST_DIRECT_IP ? "directIPAddress" : "hostName";
        uclog__diag_cite(R, v, ok, &hs,
                         uclog__diag_printf(R->r, "media relay (%.*s): %s %.*s, %s, %s", (int)loc.len, loc.ptr,
                                            element, (int)host.len, host.ptr, port_text(R, "UDP", ru, udp),
                                            port_text(R, "TCP", rt, tcp)));
        nf = 0;
        if (loc.len)
            f[nf].name = "location", f[nf++].text = loc;
        if (!host.ptr) /* neither element: the relay's host is empty, as the detail says */
            host.ptr = "", host.len = 0;
        f[nf].name = "host", f[nf++].text = host;
        f[nf].name = "host_element", f[nf].text.ptr = element, f[nf++].text.len = strlen(element);
        if (ru == 0)
            f[nf].name = "udp_port", f[nf].text.ptr = NULL, f[nf++].number = udp;
        if (rt == 0)
            f[nf].name = "tcp_port", f[nf].text.ptr = NULL, f[nf++].number = tcp;
        uclog__diag_fields(R, v, "relay", f, nf);
    }
    return bad;
}

/* The provisioning steps that led here: the SUBSCRIBE, its 200 OK, the mrasUri. */
static void chain_evidence(run *R, struct uclog_diag_verdict *v, uint32_t sub, uint32_t ok, const char *uri,
                           const uclog_span *uri_span)
{
    uclog__diag_cite(R, v, sub, NULL, "provisioning SUBSCRIBE sent (Event: vnd-microsoft-provisioning-v2)");
    uclog__diag_cite(R, v, ok, NULL, "its 200 OK, with the same Call-ID");
    uclog__diag_cite(R, v, ok, uri_span, uclog__diag_printf(R->r, "mrasUri = %s", uri));
}

/*
 * The relays' directIPAddress of MRAS response fin (NONE: none), which the
 * candidates of a call after that sign-in are judged against: each call takes
 * them from its own sign-in's answer, whether or not its verdict was given.
 * relays_from() keeps them from the parsed answer (NULL: not a 2xx one).
 */
static void relays_from(run *R, uint32_t fin, const uclog_mras *resp)
{
    const uclog_mras_credresp *cr;
    uint32_t c, k, n;

    R->relay_msg = fin;
    R->relays_on = 1;
    R->nrelay = 0;
    R->relay_host[0] = '\0';
    if (!resp || uclog_mras_kind(resp) != UCLOG_MRAS_RESPONSE || uclog_mras_reason(resp) != UCLOG_MRAS_REASON_OK)
        return;
    for (c = 0; uclog_mras_credresp_get(&cr, resp, c) == 0; c++)
        for (k = 0, n = uclog_mras_relay_count(cr); k < n && R->nrelay < MAX_RELAYS; k++) {
            const uclog_mras_relay *relay;
            uclog_str host, loc;
            if (uclog_mras_relay_get(&relay, cr, k) || uclog_mras_relay_host(&host, NULL, relay) || !host.len)
                continue;
            /* only a relay for the internet is on the Edge's external interface */
            if (uclog_mras_relay_location(&loc, relay) == 0 && !uclog__diag_is(loc, "internet"))
                continue;
            /* a directIPAddress, or a hostName written as an address, is matched as it is */
            if (uclog_addr_to_bytes(R->relay_ip[R->nrelay], NULL, host.ptr, host.len) == 0)
                R->nrelay++;
            else if (!R->relay_host[0] && host.len < sizeof(R->relay_host)) {
                memcpy(R->relay_host, host.ptr, host.len);
                R->relay_host[host.len] = '\0';
            }
        }
}

/* The same, when the answer's verdict was given already: read once per answer. */
static void relays_of(run *R, uint32_t fin)
{
    uclog_sip *m = NULL;
    uclog_mras *resp = NULL;
    uclog_str body;
    uclog_span span;
    uint32_t status;
    int prc;

    R->relays_on = fin != NONE;
    if (fin == NONE || R->relay_msg == fin) /* read once per response */
        return;
    if ((status = status_of(R, fin)) >= 200 && status < 300 && parse_msg(R, fin, &m) == 0 &&
        uclog__diag_body(&body, &span, m) == 0 && (prc = uclog_mras_parse(&resp, R->ctx, body.ptr, body.len, &span)) != 0) {
        if (prc == UCLOG_E_NOMEM)
            uclog__diag_fail(R, prc);
        resp = NULL;
    }
    relays_from(R, fin, resp);
    uclog_mras_free(resp);
    uclog_sip_free(m);
}

/* An MRAS answer being judged, and the provisioning chain that led to it. */
typedef struct {
    uint32_t sub, uri_msg, svc, fin, status;
    const char *uri;
    const uclog_span *uri_span;
    uclog_sip *m;       /* the answer */
    uclog_mras *resp;   /* its body, when it parsed */
    const char *why;    /* why it did not */
    uclog_span err_at;  /* and where */
} mras_answer;

/* A verdict about the answer, with the chain and the request as its first evidence. */
static struct uclog_diag_verdict *mras_verdict(run *R, const mras_answer *a, int32_t code, int sent_too)
{
    struct uclog_diag_verdict *v = uclog__diag_give(R, code, -1, NULL);
    chain_evidence(R, v, a->sub, a->uri_msg, a->uri, a->uri_span);
    if (sent_too)
        uclog__diag_cite(R, v, a->svc, NULL, uclog__diag_printf(R->r, "sent: %s", uclog__diag_start_line(R, a->svc)));
    return v;
}

static void mras_refused(run *R, const mras_answer *a)
{
    struct uclog_diag_verdict *v = mras_verdict(R, a, UCLOG_DIAG_MRAS_REJECTED, 1);
    uclog__diag_cite(R, v, a->fin, NULL, uclog__diag_printf(R->r, "answer: %s", uclog__diag_start_line(R, a->fin)));
    uclog__diag_ms_evidence(R, v, a->fin, a->m);
    if (v)
        v->summary = uclog__diag_printf(R->r, "the MRAS SERVICE was refused with %u", a->status);
}

/* The 200 OK's body did not parse, or the log lost it: nothing is claimed of what it said. */
static void mras_unreadable(run *R, const mras_answer *a, const uclog_span *at)
{
    struct uclog_diag_verdict *v = mras_verdict(R, a, UCLOG_DIAG_MRAS_UNREADABLE, 1);
    uclog__diag_cite(R, v, a->fin, at, uclog__diag_printf(R->r, "the 200 OK's MRAS body could not be read: %s",
                                                          a->why));
    if (!v)
        return;
    v->certainty = UCLOG_DIAG_UNREADABLE;
    v->reason = "the MRAS answer's body could not be read whole: whether it gave credentials is not known, and "
                "no rejection is claimed";
    v->summary = "the MRAS 200 OK's body could not be read";
}

static void mras_not_a_response(run *R, const mras_answer *a)
{
    struct uclog_diag_verdict *v = mras_verdict(R, a, UCLOG_DIAG_MRAS_REJECTED, 0);
    uclog__diag_cite(R, v, a->fin, NULL, a->resp ? "the 200 OK's MRAS body is a request, not a response"
                                                 : "the 200 OK has no MRAS body");
    if (v)
        v->summary = "the MRAS 200 OK carries no MRAS response";
}

static void mras_rejected(run *R, const mras_answer *a)
{
    struct uclog_diag_verdict *v = mras_verdict(R, a, UCLOG_DIAG_MRAS_REJECTED, 1);
    uint32_t n = uclog_mras_credresp_count(a->resp);
    uclog_str phrase;
    uclog_span root;

    if (uclog_mras_reason_phrase(&phrase, a->resp))
        phrase.ptr = "(none)", phrase.len = 6;
    uclog_mras_span(&root, a->resp);
    uclog__diag_cite_in(R, v, a->fin, a->m, written_at(a->m, &root, "reasonPhrase=", 0),
                        uclog__diag_printf(R->r, "reasonPhrase=\"%.*s\", %u credentialsResponse", (int)phrase.len,
                                           phrase.ptr, n));
    uclog__diag_ms_evidence(R, v, a->fin, a->m);
    if (v)
        v->summary = uclog__diag_printf(R->r, "MRAS answered reasonPhrase \"%.*s\"%s", (int)phrase.len, phrase.ptr,
                                        n ? "" : " with no credentials");
}

static void mras_ok(run *R, const mras_answer *a)
{
    struct uclog_diag_verdict *v = mras_verdict(R, a, UCLOG_DIAG_MRAS_OK, 1);
    const uclog_mras_credresp *cr;

    if (uclog_mras_credresp_get(&cr, a->resp, 0) == 0 && relay_evidence(R, v, a->fin, a->m, cr) && v) {
        /* a relay the client cannot use as written: the answer arrived, its content is in doubt */
        v->certainty = UCLOG_DIAG_INFERRED;
        v->reason = "a media relay's port could not be read (not a number from 0 to 65535): the client may not "
                    "have been able to use that relay";
    }
    if (v)
        v->summary = "MRAS answered OK with credentials and a media relay list";
}

/* Which outcome the answer is, its body parsed (or not) already. */
static void judge_answer(run *R, mras_answer *a, int has_body)
{
    uclog_span at;

    if (a->status < 200 || a->status >= 300) {
        mras_refused(R, a);
    } else if (!a->resp && has_body) {
        mras_unreadable(R, a, &a->err_at);
    } else if (!a->resp && uclog__diag_body_lost(&at, a->m)) {
        a->why = "the log lost its body (Content-Length says more bytes than were framed)";
        mras_unreadable(R, a, &at);
    } else if (!a->resp || uclog_mras_kind(a->resp) != UCLOG_MRAS_RESPONSE) {
        mras_not_a_response(R, a);
    } else if (uclog_mras_reason(a->resp) != UCLOG_MRAS_REASON_OK || uclog_mras_credresp_count(a->resp) == 0) {
        mras_rejected(R, a);
    } else {
        mras_ok(R, a);
    }
}

/* Judge the final answer a->fin to the MRAS request a->svc. */
static void mras_answered(run *R, mras_answer *a)
{
    uclog_str body;
    uclog_span span;
    int has_body;

    if (parse_msg(R, a->fin, &a->m))
        return;
    a->status = status_of(R, a->fin);
    has_body = uclog__diag_body(&body, &span, a->m) == 0;
    if (a->status >= 200 && a->status < 300 && has_body) {
        int prc = uclog_mras_parse(&a->resp, R->ctx, body.ptr, body.len, &span);
        if (prc == UCLOG_E_NOMEM) {
            uclog__diag_fail(R, prc);
        } else if (prc) {
            a->why = uclog__diag_printf(R->r, "%s", uclog_ctx_errmsg(R->ctx));
            if (uclog_ctx_error_span(&a->err_at, R->ctx))
                a->err_at = span;
        }
    }
    relays_from(R, a->fin, a->resp);
    if (!R->rc)
        judge_answer(R, a, has_body);
    uclog_mras_free(a->resp);
    uclog_sip_free(a->m);
}

/* The MRAS step for the sign-in that gave mrasUri, before message `before`. */
static void mras_step(run *R, uint32_t sub, uint32_t before, const char *uri, uint32_t uri_msg,
                      const uclog_span *uri_span)
{
    mras_answer a;
    struct uclog_diag_verdict *v;

    memset(&a, 0, sizeof(a));
    a.sub = sub;
    a.uri = uri;
    a.uri_msg = uri_msg;
    a.uri_span = uri_span;
    a.svc = newest(R->mras, R->nmras, sub, before);
    if (a.svc == NONE) {
        if (uclog__diag_already(R, UCLOG_DIAG_MRAS_NOT_REQUESTED, sub))
            return;
        v = mras_verdict(R, &a, UCLOG_DIAG_MRAS_NOT_REQUESTED, 0);
        uclog__diag_unusable_evidence(R, v);
        if (v)
            v->summary = "mrasUri is known, but the client sent no SERVICE with a credentialsRequest after it";
        return;
    }
    if (final_of(&a.fin, R, a.svc) != 0) {
        if (uclog__diag_already(R, UCLOG_DIAG_MRAS_UNANSWERED, a.svc))
            return;
        v = mras_verdict(R, &a, UCLOG_DIAG_MRAS_UNANSWERED, 0);
        uclog__diag_unusable_evidence(R, v);
        uclog__diag_cite(R, v, a.svc, NULL, uclog__diag_printf(R->r, "sent: %s (no response with this Call-ID follows)",
                                                               uclog__diag_start_line(R, a.svc)));
        if (v)
            v->summary = "the MRAS SERVICE got no 200 OK: the A/V Authentication Service could not be reached; "
                         "check the A/V Edge's internal interface";
        return;
    }
    /* keyed on the request: a copy of its answer coming later is not a second answer */
    if (uclog__diag_already(R, UCLOG_DIAG_MRAS_OK, a.svc)) {
        relays_of(R, a.fin);
        return;
    }
    mras_answered(R, &a);
}

/* Every sign-in step before message `before` (the call's offer, or the end of the log). */
void uclog__diag_signin_steps(run *R, uint32_t before)
{
    uint32_t sub = newest(R->subs, R->nsubs, NONE, before), fin, status = 0;

    struct uclog_diag_verdict *v;
    const char *uri, *problem;
    uclog_span uri_span;
    uclog_sip *m = NULL;

    relays_of(R, NONE); /* the sign-in's MRAS step reads them, when it gets there */

    if (sub == NONE) {
        if (!uclog__diag_already(R, UCLOG_DIAG_PROVISIONING_NOT_FOUND, NONE)) {
            v = uclog__diag_give(R, UCLOG_DIAG_PROVISIONING_NOT_FOUND, -1, NULL);
            if (v && uclog__diag_bare(R)) {
                /* pasted messages: no claim about a sign-in the file cannot hold */
                v->not_shown = 1;
                v->certainty = UCLOG_DIAG_INFERRED;
                v->reason = "the file holds bare SIP messages, not a client log: who sent each is not "
                            "in it, so the sign-in steps (provisioning, MRAS) are not judged";
                v->summary = "the sign-in steps are not judged: the file holds bare SIP messages";
                uclog__diag_cite(R, v, NONE, NULL,
                                 uclog__diag_printf(R->r, "%u bare SIP messages read: pasted text, not the "
                                                          "client's log of its sign-in", R->nseen));
                return;
            }
            uclog__diag_cite(R, v, NONE, NULL,
                        uclog__diag_printf(R->r, "%u SIP messages read; none is a SUBSCRIBE with Event: "
                                                 "vnd-microsoft-provisioning-v2 sent by the client", R->nseen));
            uclog__diag_unusable_evidence(R, v);
        }
        return;
    }
    if (final_of(&fin, R, sub) != 0 || (status = status_of(R, fin), status < 200 || status >= 300)) {
        int answered = final_of(&fin, R, sub) == 0;
        if (uclog__diag_already(R, UCLOG_DIAG_PROVISIONING_UNANSWERED, sub))
            return;
        v = uclog__diag_give(R, UCLOG_DIAG_PROVISIONING_UNANSWERED, -1, NULL);
        uclog__diag_cite(R, v, sub, NULL, uclog__diag_printf(R->r, "sent: %s", uclog__diag_start_line(R, sub)));
        if (answered) {
            uclog__diag_cite(R, v, fin, NULL, uclog__diag_printf(R->r, "answer: %s", uclog__diag_start_line(R, fin)));
            if (parse_msg(R, fin, &m) == 0) {
                uclog__diag_ms_evidence(R, v, fin, m);
                uclog_sip_free(m);
            }
            if (v)
                v->summary = uclog__diag_printf(R->r, "the provisioning SUBSCRIBE was refused with %u", status);
        } else if (v) {
            v->summary = "the provisioning SUBSCRIBE got no 200 OK with its Call-ID";
            uclog__diag_unusable_evidence(R, v);
        }
        return;
    }
    if (R->uri_msg != fin) { /* calls after one sign-in share its 200 OK: read it once */
        const char *u = find_mras_uri(R, fin, &R->uri_span, &problem, &R->uri_unreadable, &R->uri_problem_span);
        R->uri = uclog__diag_own_copy(R, &R->uri_own, u);
        R->uri_problem = uclog__diag_own_copy(R, &R->problem_own, problem);
        R->uri_msg = fin;
    }
    uri = R->uri;
    uri_span = R->uri_span;
    problem = R->uri_problem;
    if (R->rc)
        return;
    if (!uri) {
        int32_t code = R->uri_unreadable ? UCLOG_DIAG_PROVISIONING_UNREADABLE : UCLOG_DIAG_MRAS_URI_MISSING;
        if (uclog__diag_already(R, code, sub))
            return;
        v = uclog__diag_give(R, code, -1, NULL);
        uclog__diag_cite(R, v, sub, NULL, uclog__diag_printf(R->r, "sent: %s", uclog__diag_start_line(R, sub)));
        uclog__diag_cite(R, v, fin, R->uri_unreadable ? &R->uri_problem_span : NULL,
                         uclog__diag_printf(R->r, "provisioning 200 OK: %s", problem ? problem : "?"));
        if (v && R->uri_unreadable) {
            v->certainty = UCLOG_DIAG_UNREADABLE;
            v->reason = "the body stops being XML before ServerConfiguration ends: whether it names an mrasUri "
                        "is not known, and no MRAS verdict is built on it";
            v->summary = "the provisioning 200 OK's body could not be read; the log does not say whether an A/V "
                         "Edge is configured";
        } else if (v) {
            v->summary = "the provisioning 200 OK has no mrasUri: no A/V Edge is configured for the pool";
        }
        return;
    }
    mras_step(R, sub, before, uri, fin, &uri_span);
}
