/* MRAS ([MS-AVEDGEA]) request and response bodies, read from the xml tree. */
#include "xmltree.h"
#include <uclog/mras.h>

struct uclog_mras_relay {
    uclog_span span;
    uclog_str location;
    int32_t host_kind;
    uclog_str host;
    uclog_span host_span;
    int udp_state; /* 0 absent, 1 valid, -1 not a port number */
    int tcp_state;
    uint16_t udp;
    uint16_t tcp;
};

struct uclog_mras_credresp {
    uclog_span span;
    uclog_str id;
    uclog_str username;
    uclog_str password;
    uclog_str realm;
    int duration_state;
    uint32_t duration;
    uclog_mras_relay *relays;
    uint32_t nrelays;
};

struct uclog_mras_credreq {
    uclog_span span;
    uclog_str id;
    uclog_str identity;
    uclog_str location;
    int duration_state;
    uint32_t duration;
};

struct uclog_mras {
    uclog_ctx *ctx;
    uclog__arena arena;
    int32_t kind;
    uclog_span span;
    uclog_str request_id;
    uclog_str version;
    uclog_str server_version;
    uclog_str to;
    uclog_str from;
    uclog_str route;
    uclog_str reason_phrase;
    int32_t reason;
    uclog_mras_credreq *reqs;
    uint32_t nreqs;
    uclog_mras_credresp *resps;
    uint32_t nresps;
    uclog__defects defects;
};

static const char *const reason_names[] = {
    "unknown",         "OK",        "Request Malformed",     "Request Too Large",
    "Not Supported",   "Server Busy", "Time Out",            "Forbidden",
    "Internal Server Error", "Other Failure", "Version Mismatch",
};
#define NREASONS ((int32_t)(sizeof(reason_names) / sizeof(reason_names[0])))

const char *uclog_mras_reason_name(int32_t reason)
{
    if (reason <= 0 || reason >= NREASONS)
        return "unknown";
    return reason_names[reason];
}

static int32_t reason_of(uclog_str s)
{
    int32_t i;

    for (i = 1; s.ptr && i < NREASONS; i++) {
        if (uclog__str_ieq(s, reason_names[i]))
            return i;
    }
    return UCLOG_MRAS_REASON_UNKNOWN;
}

/* A duration in minutes: state and value. */
static int duration_of(uclog__xbuild *b, uint32_t *out, const uclog__xnode *parent, int required)
{
    const uclog__xnode *el;
    uclog_str s = uclog__xb_text(b, parent, "duration", required, &el);
    uint64_t v = 0;
    int state = uclog__xb_number(b, &v, s, UINT32_MAX, el ? &el->span : NULL);

    *out = (uint32_t)v;
    return state;
}

static int port_of(uclog__xbuild *b, uint16_t *out, const uclog__xnode *relay, const char *name)
{
    const uclog__xnode *el;
    uclog_str s = uclog__xb_text(b, relay, name, 0, &el);
    uint64_t v = 0;
    int state = uclog__xb_number(b, &v, s, UINT16_MAX, el ? &el->span : NULL);

    *out = (uint16_t)v;
    return state;
}

/* Allocate an array for the children of parent named name. */
static void *children_array(uclog__xbuild *b, const uclog__xnode *parent, const char *name,
                            size_t elem, uint32_t *count)
{
    void *arr;

    /* After an earlier failure there is no array, so there must be no count. */
    *count = b->rc ? 0 : uclog__xml_count(parent, b->ns, name);
    if (!*count)
        return NULL;
    arr = uclog__arena_alloc(b->arena, (size_t)*count * elem);
    if (!arr) {
        b->rc = UCLOG_E_NOMEM;
        *count = 0;
        return NULL;
    }
    memset(arr, 0, (size_t)*count * elem);
    return arr;
}

static void read_request(uclog__xbuild *b, uclog_mras *m, const uclog__xnode *root)
{
    const uclog__xnode *c;
    uint32_t i = 0;

    m->route = uclog__xb_attr(b, root, "route", 0);
    m->reqs = children_array(b, root, "credentialsRequest", sizeof(*m->reqs), &m->nreqs);
    for (c = root->first; c && i < m->nreqs; c = c->next) {
        uclog_mras_credreq *r = &m->reqs[i];

        if (!uclog__xml_is(c, UCLOG__NS_MRAS, "credentialsRequest"))
            continue;
        r->span = c->span;
        r->id = uclog__xb_attr(b, c, "credentialsRequestID", 1);
        r->identity = uclog__xb_text(b, c, "identity", 1, NULL);
        r->location = uclog__xb_text(b, c, "location", 0, NULL);
        r->duration_state = duration_of(b, &r->duration, c, 0);
        i++;
    }
}

static void read_relay(uclog__xbuild *b, uclog_mras_relay *r, const uclog__xnode *el)
{
    const uclog__xnode *name_el, *ip_el;
    uclog_str name, ip;

    r->span = el->span;
    r->location = uclog__xb_text(b, el, "location", 1, NULL);
    name = uclog__xb_text(b, el, "hostName", 0, &name_el);
    ip = uclog__xb_text(b, el, "directIPAddress", 0, &ip_el);
    /* The schema has a choice of the two; when both are there the one that
     * comes first is taken. */
    if (name_el && (!ip_el || name_el->start_index < ip_el->start_index)) {
        r->host_kind = UCLOG_MRAS_HOST_NAME;
        r->host = name;
        r->host_span = name_el->span;
    } else if (ip_el) {
        r->host_kind = UCLOG_MRAS_HOST_DIRECT_IP;
        r->host = ip;
        r->host_span = ip_el->span;
    } else {
        uclog__xb_defect(b, UCLOG_DEFECT_XML_MISSING, &el->span);
    }
    r->udp_state = port_of(b, &r->udp, el, "udpPort");
    r->tcp_state = port_of(b, &r->tcp, el, "tcpPort");
}

static void read_credresp(uclog__xbuild *b, uclog_mras_credresp *r, const uclog__xnode *el)
{
    const uclog__xnode *creds, *list, *c;
    uint32_t i = 0;

    r->span = el->span;
    r->id = uclog__xb_attr(b, el, "credentialsRequestID", 1);
    uclog__xb_text(b, el, "credentials", 1, &creds);
    if (creds) {
        r->username = uclog__xb_text(b, creds, "username", 1, NULL);
        r->password = uclog__xb_text(b, creds, "password", 1, NULL);
        r->realm = uclog__xb_text(b, creds, "realm", 0, NULL);
        r->duration_state = duration_of(b, &r->duration, creds, 1);
    }
    uclog__xb_text(b, el, "mediaRelayList", 0, &list);
    if (!list)
        return;
    r->relays = children_array(b, list, "mediaRelay", sizeof(*r->relays), &r->nrelays);
    for (c = list->first; c && i < r->nrelays; c = c->next) {
        if (uclog__xml_is(c, UCLOG__NS_MRAS, "mediaRelay"))
            read_relay(b, &r->relays[i++], c);
    }
}

static void read_response(uclog__xbuild *b, uclog_mras *m, const uclog__xnode *root)
{
    const uclog__xnode *c;
    uint32_t i = 0;

    m->server_version = uclog__xb_attr(b, root, "serverVersion", 0);
    m->reason_phrase = uclog__xb_attr(b, root, "reasonPhrase", 1);
    m->reason = reason_of(m->reason_phrase);
    if (m->reason_phrase.ptr && m->reason == UCLOG_MRAS_REASON_UNKNOWN)
        uclog__xb_defect(b, UCLOG_DEFECT_XML_UNKNOWN_VALUE, &root->span);
    m->resps = children_array(b, root, "credentialsResponse", sizeof(*m->resps), &m->nresps);
    for (c = root->first; c && i < m->nresps; c = c->next) {
        if (uclog__xml_is(c, UCLOG__NS_MRAS, "credentialsResponse"))
            read_credresp(b, &m->resps[i++], c);
    }
}

static int build(uclog_mras *m, const uclog__xnode *root)
{
    static const char *const roots[] = {"request", "response", NULL};
    uclog__xbuild b;
    int which = uclog__xml_expect_root(m->ctx, root, "MRAS", UCLOG__NS_MRAS, roots);

    if (which < 0)
        return which;
    b.arena = &m->arena;
    b.defects = &m->defects;
    b.ns = UCLOG__NS_MRAS;
    b.rc = UCLOG_OK;
    m->kind = which == 0 ? UCLOG_MRAS_REQUEST : UCLOG_MRAS_RESPONSE;
    m->span = root->span;
    /* A response to a malformed request leaves out requestID, to and from. */
    m->request_id = uclog__xb_attr(&b, root, "requestID", which == 0);
    m->version = uclog__xb_attr(&b, root, "version", 1);
    m->to = uclog__xb_attr(&b, root, "to", which == 0);
    m->from = uclog__xb_attr(&b, root, "from", which == 0);
    if (which == 0)
        read_request(&b, m, root);
    else
        read_response(&b, m, root);
    if (b.rc)
        return uclog__error(m->ctx, b.rc, NULL, "out of memory reading an MRAS body");
    return UCLOG_OK;
}

int uclog_mras_parse(uclog_mras **out, uclog_ctx *ctx, const char *data, size_t len,
                     const uclog_span *base)
{
    uclog_mras *m;
    uclog__xnode *root;
    int rc;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!ctx || (!data && len))
        return uclog__error(ctx, UCLOG_E_INVALID_ARG, NULL, "uclog_mras_parse: NULL argument");
    if (!data)
        data = "";
    rc = uclog__xml_check_size(ctx, data, len, base);
    if (rc != UCLOG_OK)
        return rc;
    m = uclog__calloc(ctx, 1, sizeof(*m));
    if (!m)
        return uclog__error(ctx, UCLOG_E_NOMEM, NULL, "out of memory");
    m->ctx = ctx;
    uclog__arena_init(&m->arena, ctx, UCLOG__XML_ARENA_BLOCK);
    rc = uclog__xml_parse(&root, &m->arena, ctx, data, len, base);
    if (rc == UCLOG_OK)
        rc = build(m, root);
    if (rc != UCLOG_OK) {
        uclog_mras_free(m);
        return rc;
    }
    *out = m;
    return UCLOG_OK;
}

void uclog_mras_free(uclog_mras *mras)
{
    if (!mras)
        return;
    uclog__arena_release(&mras->arena);
    uclog__free(mras->ctx, mras);
}

int32_t uclog_mras_kind(const uclog_mras *mras)
{
    return mras ? mras->kind : 0;
}

void uclog_mras_span(uclog_span *out, const uclog_mras *mras)
{
    if (!out)
        return;
    if (mras)
        *out = mras->span;
    else
        memset(out, 0, sizeof(*out));
}

#define MRAS_STR_GETTER(fn, type, field)                                                         \
    int fn(uclog_str *out, const type *obj)                                                      \
    {                                                                                            \
        uclog_str none = {NULL, 0};                                                              \
        if (!out)                                                                                \
            return UCLOG_E_INVALID_ARG;                                                          \
        if (!obj) {                                                                              \
            *out = none;                                                                         \
            return UCLOG_E_INVALID_ARG;                                                          \
        }                                                                                        \
        return uclog__str_out(out, obj->field);                                                  \
    }

MRAS_STR_GETTER(uclog_mras_request_id, uclog_mras, request_id)
MRAS_STR_GETTER(uclog_mras_version, uclog_mras, version)
MRAS_STR_GETTER(uclog_mras_server_version, uclog_mras, server_version)
MRAS_STR_GETTER(uclog_mras_to, uclog_mras, to)
MRAS_STR_GETTER(uclog_mras_from, uclog_mras, from)
MRAS_STR_GETTER(uclog_mras_route, uclog_mras, route)
MRAS_STR_GETTER(uclog_mras_reason_phrase, uclog_mras, reason_phrase)
MRAS_STR_GETTER(uclog_mras_credreq_id, uclog_mras_credreq, id)
MRAS_STR_GETTER(uclog_mras_credreq_identity, uclog_mras_credreq, identity)
MRAS_STR_GETTER(uclog_mras_credreq_location, uclog_mras_credreq, location)
MRAS_STR_GETTER(uclog_mras_credresp_id, uclog_mras_credresp, id)
MRAS_STR_GETTER(uclog_mras_credresp_username, uclog_mras_credresp, username)
MRAS_STR_GETTER(uclog_mras_credresp_password, uclog_mras_credresp, password)
MRAS_STR_GETTER(uclog_mras_credresp_realm, uclog_mras_credresp, realm)
MRAS_STR_GETTER(uclog_mras_relay_location, uclog_mras_relay, location)

int32_t uclog_mras_reason(const uclog_mras *mras)
{
    return mras ? mras->reason : UCLOG_MRAS_REASON_UNKNOWN;
}

uint32_t uclog_mras_defect_count(const uclog_mras *mras)
{
    return mras ? (uint32_t)mras->defects.count : 0;
}

int uclog_mras_defect(uclog_defect *out, const uclog_mras *mras, uint32_t i)
{
    if (!mras)
        return UCLOG_E_INVALID_ARG;
    return uclog__defects_get(out, &mras->defects, i);
}

uint32_t uclog_mras_credreq_count(const uclog_mras *mras)
{
    return mras ? mras->nreqs : 0;
}

int uclog_mras_credreq_get(const uclog_mras_credreq **out, const uclog_mras *mras, uint32_t i)
{
    if (!out || !mras)
        return UCLOG_E_INVALID_ARG;
    if (i >= mras->nreqs)
        return UCLOG_E_RANGE;
    *out = &mras->reqs[i];
    return UCLOG_OK;
}

/* Number getters: 0 valid, UCLOG_E_NOT_FOUND absent, UCLOG_E_FORMAT bad. */
static int number_status(int state)
{
    return state > 0 ? UCLOG_OK : state == 0 ? UCLOG_E_NOT_FOUND : UCLOG_E_FORMAT;
}

int uclog_mras_credreq_duration(uint32_t *out, const uclog_mras_credreq *req)
{
    if (!out || !req)
        return UCLOG_E_INVALID_ARG;
    *out = req->duration;
    return number_status(req->duration_state);
}

void uclog_mras_credreq_span(uclog_span *out, const uclog_mras_credreq *req)
{
    if (!out)
        return;
    if (req)
        *out = req->span;
    else
        memset(out, 0, sizeof(*out));
}

uint32_t uclog_mras_credresp_count(const uclog_mras *mras)
{
    return mras ? mras->nresps : 0;
}

int uclog_mras_credresp_get(const uclog_mras_credresp **out, const uclog_mras *mras, uint32_t i)
{
    if (!out || !mras)
        return UCLOG_E_INVALID_ARG;
    if (i >= mras->nresps)
        return UCLOG_E_RANGE;
    *out = &mras->resps[i];
    return UCLOG_OK;
}

int uclog_mras_credresp_duration(uint32_t *out, const uclog_mras_credresp *resp)
{
    if (!out || !resp)
        return UCLOG_E_INVALID_ARG;
    *out = resp->duration;
    return number_status(resp->duration_state);
}

void uclog_mras_credresp_span(uclog_span *out, const uclog_mras_credresp *resp)
{
    if (!out)
        return;
    if (resp)
        *out = resp->span;
    else
        memset(out, 0, sizeof(*out));
}

uint32_t uclog_mras_relay_count(const uclog_mras_credresp *resp)
{
    return resp ? resp->nrelays : 0;
}

int uclog_mras_relay_get(const uclog_mras_relay **out, const uclog_mras_credresp *resp, uint32_t i)
{
    if (!out || !resp)
        return UCLOG_E_INVALID_ARG;
    if (i >= resp->nrelays)
        return UCLOG_E_RANGE;
    *out = &resp->relays[i];
    return UCLOG_OK;
}

int32_t uclog_mras_relay_host_kind(const uclog_mras_relay *relay)
{
    return relay ? relay->host_kind : UCLOG_MRAS_HOST_NONE;
}

int uclog_mras_relay_host(uclog_str *out, uclog_span *span, const uclog_mras_relay *relay)
{
    if (!out || !relay)
        return UCLOG_E_INVALID_ARG;
    if (span)
        *span = relay->host_span;
    return uclog__str_out(out, relay->host);
}

int uclog_mras_relay_udp_port(uint16_t *out, const uclog_mras_relay *relay)
{
    if (!out || !relay)
        return UCLOG_E_INVALID_ARG;
    *out = relay->udp;
    return number_status(relay->udp_state);
}

int uclog_mras_relay_tcp_port(uint16_t *out, const uclog_mras_relay *relay)
{
    if (!out || !relay)
        return UCLOG_E_INVALID_ARG;
    *out = relay->tcp;
    return number_status(relay->tcp_state);
}

void uclog_mras_relay_span(uclog_span *out, const uclog_mras_relay *relay)
{
    if (!out)
        return;
    if (relay)
        *out = relay->span;
    else
        memset(out, 0, sizeof(*out));
}
