/*
 * The procedure of "Troubleshooting External Audio/Video Call Failures",
 * step by step, for every call attempt in a log:
 *   provisioning SUBSCRIBE -> its 200 OK -> mrasUri -> MRAS SERVICE with a
 *   credentialsRequest -> its 200 OK with credentials and relays -> the
 *   INVITE's offer -> a candidate on the A/V Edge's external address (or on
 *   its private address behind NAT),
 * and the field rules beyond it (ms-client-diagnostics 22-26 with ICEWarn,
 * the ms-diagnostics of a failed INVITE).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag-internal.h"

#define EDGE_PORT_MIN 50000
#define EDGE_PORT_MAX 59999
#define NONE UINT32_MAX
#define MAX_RELAYS 16
#define MAX_OWN 32

/* A provisioning SUBSCRIBE or MRAS SERVICE the client sent; pins: open calls that
 * may still read it (streaming only). */
typedef struct {
    uint32_t msg, pins;
} signin_entry;

/* A call a streaming diagnosis has seen the INVITE of and not judged yet. */
typedef struct {
    uint32_t invite;    /* its first INVITE */
    uint32_t sub, svc;  /* the newest sign-in before it, pinned (NONE: none) */
    uint32_t nmsgs;     /* messages of it in the window */
    int answered;       /* an INVITE of it was accepted */
    int ended;
    char *call_id;
    size_t call_id_len;
} open_call;

typedef struct {
    uclog_ctx *ctx;
    uclog_index *idx;           /* a whole-log diagnosis reads the messages here ... */
    struct uclog__diag_win *win; /* ... a streaming one here */
    const uclog_diag_options *opts;
    uclog_diag_report *r;       /* where verdicts go: the report, or the part being built */
    uclog_diag_report *life;    /* the log's facts (files, client, location): r, or the run's own */
    uint32_t nmsgs;
    signin_entry *subs, *mras;   /* provisioning SUBSCRIBEs and MRAS SERVICEs the client sent */
    size_t nsubs, subs_cap, nmras, mras_cap;
    open_call *open;       /* streaming: calls not judged yet, oldest first */
    size_t nopen, open_cap;
    uint64_t *recent;      /* streaming: hashes of the Call-IDs judged lately (UCLOG__DIAG_RECENT) */
    size_t recent_at;
    uclog_diag_part_fn fn; /* streaming: where parts go */
    uint32_t ncalls_total; /* streaming: call attempts handed over so far */
    void *userdata;
    char *uri_own, *problem_own; /* R->uri and R->uri_problem, owned by the run */
    char *ua_own, *version_own;  /* the client's User-Agent and version, owned by the run */
    uint64_t *done;        /* (code << 32 | message) of sign-in verdicts already given */
    size_t ndone, done_cap;
    uint8_t relay_ip[MAX_RELAYS][16]; /* directIPAddress of the relays of MRAS response relay_msg */
    uint32_t nrelay, relay_msg;
    int relays_on;         /* the call being judged has them: its sign-in got to relay_msg */
    uint32_t uri_msg;      /* the provisioning 200 OK whose mrasUri was read last, and what it gave */
    const char *uri, *uri_problem;
    uclog_span uri_span;
    uint8_t *call_done;    /* per Call-ID of the index: an INVITE of it was looked at */
    const char *last_cid;  /* the Call-ID copied last, shared by the evidence that follows */
    int location_weak;     /* the location was only inferred: an MRAS request may say better */
    uint32_t nseen;        /* SIP messages in the log, kept by the index or not */
    uint32_t nkept;        /* messages the index kept so far: the next one's number */
    uint64_t *dialogs;     /* hashes of the sign-in dialogs' Call-IDs (open addressing) */
    size_t ndialogs, dialogs_cap;
    uint8_t *flags;        /* per kept message: F_DIAG, F_SDP */
    size_t flags_cap;
    uint8_t mras_loc, mras_loc_set; /* the first MRAS location given, and the first internet/intranet one */
    int32_t loc;           /* the client's location as the sign-in responses tell it */
    const char *loc_why;
    int saw_signin_ok;
    int rc;                /* first error: sticky */
} run;

/* What the walk over the log learnt of a kept message, so that it is not parsed again to ask. */
#define F_DIAG 1 /* carries ms-diagnostics or ms-client-diagnostics */
#define F_SDP 2  /* carries an SDP body */
#define F_CALL 4 /* streaming: held for its call (not for a sign-in with the same Call-ID) */

/* The location of an MRAS credentialsRequest. */
enum { LOC_NONE, LOC_INTERNET, LOC_INTRANET, LOC_OTHER };

/* What a message is to the procedure: its method (a response's, from CSeq), and for a
 * request, whether it opens a sign-in dialog. */
enum { K_OTHER, K_REGISTER, K_SUBSCRIBE, K_SERVICE, K_CALL /* INVITE, BYE, CANCEL */ };
enum { SIGNIN_NONE, SIGNIN_PROVISIONING, SIGNIN_MRAS };

static void observe(run *R, uint32_t i, const uclog_sip *m, const uclog_packet *p, int kind, int signin);
static int view_is(uclog_str s, const char *lit);
static int fail(run *R, int rc);

/* FNV-1a of a Call-ID. */
static uint64_t cid_hash(uclog_str id)
{
    uint64_t h = 1469598103934665603ull;
    size_t i;
    for (i = 0; i < id.len; i++)
        h = (h ^ (unsigned char)id.ptr[i]) * 1099511628211ull;
    return h | 1; /* 0 marks an empty slot */
}

/* Remember a sign-in dialog's Call-ID (by hash: a collision only keeps a message more). */
static void signin_dialog_add(run *R, uclog_str id)
{
    uint64_t h = cid_hash(id);
    size_t i;

    if ((R->ndialogs + 1) * 2 > R->dialogs_cap) {
        size_t cap = R->dialogs_cap ? R->dialogs_cap * 2 : 64, k;
        uint64_t *t = uclog_ctx_alloc(R->ctx, cap * sizeof(*t));
        if (!t) {
            fail(R, UCLOG_E_NOMEM);
            return;
        }
        memset(t, 0, cap * sizeof(*t));
        for (k = 0; k < R->dialogs_cap; k++)
            if (R->dialogs[k]) {
                for (i = (size_t)R->dialogs[k] & (cap - 1); t[i]; i = (i + 1) & (cap - 1))
                    ;
                t[i] = R->dialogs[k];
            }
        uclog_ctx_dealloc(R->ctx, R->dialogs);
        R->dialogs = t;
        R->dialogs_cap = cap;
    }
    for (i = (size_t)h & (R->dialogs_cap - 1); R->dialogs[i]; i = (i + 1) & (R->dialogs_cap - 1))
        if (R->dialogs[i] == h)
            return;
    R->dialogs[i] = h;
    R->ndialogs++;
}

static int signin_dialog_has(const run *R, uclog_str id)
{
    uint64_t h;
    size_t i;

    if (!R->dialogs_cap)
        return 0;
    h = cid_hash(id);
    for (i = (size_t)h & (R->dialogs_cap - 1); R->dialogs[i]; i = (i + 1) & (R->dialogs_cap - 1))
        if (R->dialogs[i] == h)
            return 1;
    return 0;
}

static int signin_request(const uclog_sip *m, int kind);

/*
 * The messages the procedure reads: sign-in (REGISTER, SUBSCRIBE, SERVICE)
 * and call (INVITE, BYE, CANCEL) requests and their responses. Each is
 * looked at here, while it is parsed anyway, for what the procedure asks of
 * every message (observe()). The index keeps only what is read again later:
 * the calls' messages, and the provisioning SUBSCRIBEs and MRAS SERVICEs with
 * the responses of their dialogs; REGISTERs and presence SUBSCRIBEs are not
 * kept. The memory is in proportion to sign-ins and calls, not to the log.
 */
static int method_kind(uclog_str method)
{
    return view_is(method, "INVITE") || view_is(method, "BYE") || view_is(method, "CANCEL") ? K_CALL
           : view_is(method, "SUBSCRIBE")                                                   ? K_SUBSCRIBE
           : view_is(method, "SERVICE")                                                     ? K_SERVICE
           : view_is(method, "REGISTER")                                                    ? K_REGISTER
                                                                                            : K_OTHER;
}

static int wanted(const uclog_sip *m, const uclog_packet *p, void *userdata)
{
    run *R = userdata;
    uclog_str method, cid;
    int request = uclog_sip_is_request(m), kind, signin = SIGNIN_NONE, keep;

    R->nseen++;
    if (request ? uclog_sip_request_line(&method, NULL, NULL, m) : uclog_sip_cseq(NULL, &method, m))
        return 0;
    kind = method_kind(method);
    if (kind == K_OTHER)
        return 0;
    if (kind == K_CALL) {
        keep = 1;
    } else if (kind == K_REGISTER) {
        keep = 0;
    } else if (request && (signin = signin_request(m, kind)) != SIGNIN_NONE) {
        keep = 1;
        if (uclog_sip_call_id(&cid, m) == 0)
            signin_dialog_add(R, cid);
    } else {
        keep = uclog_sip_call_id(&cid, m) == 0 && signin_dialog_has(R, cid);
    }
    observe(R, keep ? R->nkept : NONE, m, p, kind, signin);
    if (keep)
        R->nkept++;
    return keep;
}

/* ---- small helpers ---- */

static int fail(run *R, int rc)
{
    if (!R->rc)
        R->rc = rc;
    return R->rc;
}

static int grow_signin(run *R, signin_entry **arr, size_t *n, size_t *cap, uint32_t msg)
{
    if (uclog__diag_grow(R->life, (void **)arr, cap, *n + 1, sizeof(**arr)))
        return fail(R, UCLOG_E_NOMEM);
    (*arr)[*n].msg = msg;
    (*arr)[*n].pins = 0;
    (*n)++;
    return UCLOG_OK;
}

static int view_is(uclog_str s, const char *lit)
{
    uclog_str l;
    l.ptr = lit;
    l.len = strlen(lit);
    return uclog__diag_same_token(s, l);
}

/* A copy in report r: the part (R->r) or the log's facts (R->life). */
static const char *dup_in(run *R, uclog_diag_report *r, uclog_str s)
{
    const char *p;
    if (!s.ptr)
        return NULL;
    p = uclog__diag_strdup(r, s.ptr, s.len);
    if (!p)
        fail(R, UCLOG_E_NOMEM);
    return p;
}

static const char *dup_view(run *R, uclog_str s)
{
    return dup_in(R, R->r, s);
}

/* ---- the messages read again: from the index, or from the window ---- */

static const struct uclog__diag_wmsg *wmsg(const run *R, uint32_t i)
{
    return R->win ? uclog__diag_win_get(R->win, i) : NULL;
}

static int parse_msg(run *R, uint32_t i, uclog_sip **m)
{
    const struct uclog__diag_wmsg *e;
    int rc;

    if (!R->win)
        rc = uclog_index_message_parse(m, R->idx, i);
    else if ((e = wmsg(R, i)) != NULL)
        rc = uclog_sip_parse(m, R->ctx, e->bytes, e->len, &e->span);
    else
        rc = UCLOG_E_STATE; /* the engine read a message it had dropped */
    if (rc)
        fail(R, rc);
    return rc;
}

static int is_request(run *R, uint32_t i, const char *method)
{
    const struct uclog__diag_wmsg *e;
    uclog_str mth;

    if (!R->win)
        return uclog_index_message_kind(&mth, NULL, R->idx, i) == 1 && view_is(mth, method);
    return (e = wmsg(R, i)) != NULL && e->is_request && view_is(e->method, method);
}

static uint32_t status_of(run *R, uint32_t i)
{
    const struct uclog__diag_wmsg *e;
    uint32_t status = 0;

    if (!R->win)
        uclog_index_message_kind(NULL, &status, R->idx, i);
    else if ((e = wmsg(R, i)) != NULL)
        status = e->status;
    return status;
}

static int sent(run *R, uint32_t i)
{
    const struct uclog__diag_wmsg *e;

    if (!R->win)
        return uclog_index_message_direction(R->idx, i) == UCLOG_DIRECTION_SENT;
    return (e = wmsg(R, i)) != NULL && e->direction == UCLOG_DIRECTION_SENT;
}

static uint8_t flags_of(const run *R, uint32_t i)
{
    const struct uclog__diag_wmsg *e;

    if (!R->win)
        return R->flags[i];
    return (e = wmsg(R, i)) != NULL ? e->flags : 0;
}

static int call_id_of(uclog_str *cid, const run *R, uint32_t i)
{
    const struct uclog__diag_wmsg *e;

    if (!R->win)
        return uclog_index_message_call_id(cid, R->idx, i);
    if (!(e = wmsg(R, i)) || !e->call_id.ptr)
        return UCLOG_E_NOT_FOUND;
    *cid = e->call_id;
    return UCLOG_OK;
}

/* Response k of request i, in log order. */
static int response_of(uint32_t *out, const run *R, uint32_t i, uint32_t k)
{
    const struct uclog__diag_wmsg *e;

    if (!R->win)
        return uclog_index_response(out, R->idx, i, k);
    if (!(e = wmsg(R, i)))
        return UCLOG_E_RANGE;
    for (e = uclog__diag_win_call_first(R->win, e->call_id); e; e = uclog__diag_win_call_next(e)) {
        if (e->request == i && k-- == 0) {
            *out = e->seq;
            return UCLOG_OK;
        }
    }
    return UCLOG_E_RANGE;
}

/* The final response to request i, the last one when several. */
static int final_of(uint32_t *out, run *R, uint32_t i)
{
    uint32_t k, j;
    int found = 0;

    if (!R->win)
        return uclog_index_final_response(out, R->idx, i);
    for (k = 0; response_of(&j, R, i, k) == 0; k++)
        if (status_of(R, j) >= 200) {
            *out = j;
            found = 1;
        }
    return found ? UCLOG_OK : UCLOG_E_NOT_FOUND;
}

/* Message k of the call message i belongs to (by Call-ID), in log order. */
static int call_message(uint32_t *out, const run *R, uint32_t i, uint32_t k)
{
    const struct uclog__diag_wmsg *e;
    uclog_str cid;
    uint32_t c;

    if (call_id_of(&cid, R, i))
        return UCLOG_E_NOT_FOUND;
    if (!R->win)
        return uclog_index_find_call(&c, R->idx, cid.ptr, cid.len) ? UCLOG_E_NOT_FOUND
                                                                    : uclog_index_call_message(out, R->idx, c, k);
    for (e = uclog__diag_win_call_first(R->win, cid); e; e = uclog__diag_win_call_next(e)) {
        if (k-- == 0) {
            *out = e->seq;
            return UCLOG_OK;
        }
    }
    return UCLOG_E_RANGE;
}

/* Evidence pointing at message i (or at a span inside it). */
static int evidence_at(run *R, struct uclog_diag_verdict *v, uint32_t i, const uclog_span *where,
                       const char *detail)
{
    struct uclog_diag_evidence e;
    uclog_str cid;

    if (!v)
        return fail(R, UCLOG_E_NOMEM);
    memset(&e, 0, sizeof(e));
    if (i != NONE) {
        const struct uclog__diag_wmsg *w = wmsg(R, i);
        if (w) {
            e.span = w->span;
            e.ts = w->ts;
            e.has_ts = w->has_ts;
        } else if (!R->win) {
            uclog_index_message_span(&e.span, R->idx, i);
            e.has_ts = uclog_index_message_timestamp(&e.ts, R->idx, i) == 0;
        }
        if (call_id_of(&cid, R, i) == 0) {
            if (!R->last_cid || strlen(R->last_cid) != cid.len || memcmp(R->last_cid, cid.ptr, cid.len))
                R->last_cid = dup_view(R, cid);
            e.call_id = R->last_cid;
        }
        e.file = uclog_diag_report_file_name(R->r, e.span.file);
    }
    if (where)
        e.span = *where;
    e.detail = detail;
    if (!detail || uclog__diag_evidence(R->r, v, &e))
        return fail(R, UCLOG_E_NOMEM);
    return UCLOG_OK;
}

/* "SIP/2.0 488 Not Acceptable Here" or "SERVICE sip:…": the start line, for evidence. */
static const char *line_of(run *R, const uclog_sip *m)
{
    uclog_str line;
    const char *s = uclog_sip_start_line(&line, NULL, m) == 0 ? dup_view(R, line) : NULL;
    return s ? s : "?";
}

static const char *start_line_of(run *R, uint32_t i)
{
    uclog_sip *m = NULL;
    const char *s;

    if (parse_msg(R, i, &m))
        return "?";
    s = line_of(R, m);
    uclog_sip_free(m);
    return s;
}

static struct uclog_diag_verdict *verdict(run *R, int32_t code, int32_t call, const char *call_id)
{
    struct uclog_diag_verdict *v = uclog__diag_verdict(R->r, code, call, call_id);
    if (!v)
        fail(R, UCLOG_E_NOMEM);
    return v;
}

/* Sign-in verdicts are given once per message they are about. */
static int already(run *R, int32_t code, uint32_t msg)
{
    uint64_t key = (uint64_t)(uint32_t)code << 32 | msg;
    size_t i;
    for (i = 0; i < R->ndone; i++)
        if (R->done[i] == key)
            return 1;
    if (uclog__diag_grow(R->r, (void **)&R->done, &R->done_cap, R->ndone + 1, sizeof(*R->done)))
        fail(R, UCLOG_E_NOMEM);
    else
        R->done[R->ndone++] = key;
    return 0;
}

/* Evidence for every ms-diagnostics entry of message i, with its range explained. */
static int diagnostics_evidence(run *R, struct uclog_diag_verdict *v, uint32_t i, const uclog_sip *m)
{
    uint32_t k, n = uclog_sip_diag_count(m), kind, id, sub;
    uclog_str entry, reason;

    for (k = 0; k < n && !R->rc; k++) {
        if (uclog_sip_diag(&entry, &kind, m, k))
            continue;
        if (uclog_sip_diag_parse(&id, &sub, &reason, NULL, entry)) {
            evidence_at(R, v, i, NULL, uclog__diag_printf(R->r, "%s: %.*s",
                        kind == UCLOG_SIP_DIAG_CLIENT ? "ms-client-diagnostics" : "ms-diagnostics",
                        (int)entry.len, entry.ptr));
            continue;
        }
        evidence_at(R, v, i, NULL,
                    uclog__diag_printf(R->r, "%s %u (%s): %.*s",
                                       kind == UCLOG_SIP_DIAG_CLIENT   ? "ms-client-diagnostics"
                                       : kind == UCLOG_SIP_DIAG_PUBLIC ? "ms-diagnostics-public"
                                                                       : "ms-diagnostics",
                                       id, uclog_diag_ms_diagnostics_range(id), (int)reason.len,
                                       reason.ptr ? reason.ptr : ""));
        if (!R->rc) { /* the code and its header, for the registry: uclog_diag_evidence_ms_code() */
            v->ev[v->nev - 1].ms_code = id;
            v->ev[v->nev - 1].ms_kind = kind;
        }
    }
    return R->rc;
}

/* ---- the client ---- */

/* "UCCAPI/3.5.6874.0 OC/3.5.6874.0 (…)" gives "3.5.6874.0". */
static uclog_str version_of(uclog_str ua)
{
    static const char *const marks[] = {"UCCAPI/", "OC/"};
    uclog_str none = {NULL, 0};
    size_t m, i, n;

    for (m = 0; m < 2; m++) {
        n = strlen(marks[m]);
        for (i = 0; i + n <= ua.len; i++) {
            if (memcmp(ua.ptr + i, marks[m], n) == 0) {
                size_t e = i + n;
                while (e < ua.len && ua.ptr[e] != ' ' && ua.ptr[e] != '(')
                    e++;
                if (e > i + n) {
                    uclog_str v;
                    v.ptr = ua.ptr + i + n;
                    v.len = e - i - n;
                    return v;
                }
                return none;
            }
        }
    }
    return none;
}

/* Keep a copy of view s in *own (freeing what was there), for as long as the run. */
static const char *own_view(run *R, char **own, uclog_str s)
{
    uclog_ctx_dealloc(R->ctx, *own);
    *own = NULL;
    if (!s.ptr)
        return NULL;
    if (!(*own = uclog_ctx_alloc(R->ctx, s.len + 1))) {
        fail(R, UCLOG_E_NOMEM);
        return NULL;
    }
    memcpy(*own, s.ptr, s.len);
    (*own)[s.len] = '\0';
    return *own;
}

/* The client's URI and user agent, and what the sign-in responses say of its location. */
static void observe_client(run *R, const uclog_sip *m, int request, int is_sent)
{
    uclog_str v, cseq_method;
    uint32_t status = 0;
    uclog_span sp;

    if (request && is_sent && !R->life->client_uri) {
        if (uclog_sip_from(NULL, &v, NULL, NULL, m) == 0)
            R->life->client_uri = dup_in(R, R->life, v);
        if (uclog_sip_user_agent(&v, m) == 0) {
            /* run-owned: until a From is read, each request without one replaces them */
            R->life->client_ua = own_view(R, &R->ua_own, v);
            R->life->client_version = own_view(R, &R->version_own, version_of(v));
        }
    }
    if (request || is_sent || R->loc != UCLOG_DIAG_LOCATION_UNKNOWN ||
        uclog_sip_status_line(NULL, &status, NULL, m) || status < 200 || status >= 300 ||
        uclog_sip_cseq(NULL, &cseq_method, m) ||
        !(view_is(cseq_method, "REGISTER") || view_is(cseq_method, "SUBSCRIBE") || view_is(cseq_method, "SERVICE")))
        return;
    R->saw_signin_ok = 1;
    if (uclog_sip_is_remote_user(m) == 1) {
        R->loc = UCLOG_DIAG_LOCATION_REMOTE;
        uclog_sip_span(&sp, m);
        R->loc_why = uclog__diag_printf(R->life, "ms-user-logon-data: RemoteUser in the %.*s response at %s:%u",
                                        (int)cseq_method.len, cseq_method.ptr,
                                        uclog_diag_report_file_name(R->life, sp.file), sp.line);
    }
}

static void client_facts(run *R)
{
    int32_t loc = R->loc;
    const char *why = R->loc_why;

    if (loc == UCLOG_DIAG_LOCATION_UNKNOWN && R->saw_signin_ok) {
        loc = UCLOG_DIAG_LOCATION_INTERNAL;
        why = "the sign-in responses carry no ms-user-logon-data: RemoteUser";
        R->location_weak = 1;
    }
    if (R->opts && R->opts->location) {
        loc = R->opts->location;
        why = "given in the options";
        R->location_weak = 0;
    }
    if (loc != UCLOG_DIAG_LOCATION_UNKNOWN) {
        R->life->location = loc;
        R->life->location_reason = why ? why : "";
    }
}

/* The location an MRAS request's first credentialsRequest gives. */
static uint8_t mras_location(const uclog_mras *req)
{
    const uclog_mras_credreq *cr;
    uclog_str loc;

    if (uclog_mras_credreq_get(&cr, req, 0) || uclog_mras_credreq_location(&loc, cr))
        return LOC_NONE;
    return view_is(loc, "internet") ? LOC_INTERNET : view_is(loc, "intranet") ? LOC_INTRANET : LOC_OTHER;
}

/*
 * MRAS request locations, when the sign-in responses said nothing (or only
 * by inference): the first request that gives one decides; when it gives
 * neither internet nor intranet and nothing else is known, the first that
 * does.
 */
static void client_location_from_mras(run *R)
{
    uint8_t loc;

    if ((R->life->location != UCLOG_DIAG_LOCATION_UNKNOWN && !R->location_weak) || !R->mras_loc)
        return;
    R->location_weak = 0;
    loc = R->mras_loc;
    if (loc == LOC_OTHER && R->life->location == UCLOG_DIAG_LOCATION_UNKNOWN)
        loc = R->mras_loc_set;
    if (loc == LOC_INTERNET) {
        R->life->location = UCLOG_DIAG_LOCATION_REMOTE;
        R->life->location_reason = "the MRAS credentialsRequest says location internet";
    } else if (loc == LOC_INTRANET) {
        R->life->location = UCLOG_DIAG_LOCATION_INTERNAL;
        R->life->location_reason = "the MRAS credentialsRequest says location intranet";
    }
}

/* ---- finding the procedure's messages ---- */

static int body_of(uclog_str *body, uclog_span *span, const uclog_sip *m)
{
    return uclog_sip_body(body, span, m) || body->len == 0 ? UCLOG_E_NOT_FOUND : UCLOG_OK;
}

/* Provisioning SUBSCRIBEs and MRAS SERVICEs with a credentialsRequest the client sent. */
static void observe_signin(run *R, uint32_t i, const uclog_sip *m, int signin)
{
    uclog_str body;
    uclog_span span;
    uclog_mras *req = NULL;
    int prc;

    if (signin == SIGNIN_PROVISIONING) {
        grow_signin(R, &R->subs, &R->nsubs, &R->subs_cap, i);
        return;
    }
    if (body_of(&body, &span, m))
        return;
    prc = uclog_mras_parse(&req, R->ctx, body.ptr, body.len, &span);
    if (prc == UCLOG_E_NOMEM)
        fail(R, prc);
    if (prc == 0 && uclog_mras_kind(req) == UCLOG_MRAS_REQUEST && uclog_mras_credreq_count(req) > 0 &&
        grow_signin(R, &R->mras, &R->nmras, &R->mras_cap, i) == 0) {
        uint8_t loc = mras_location(req);
        if (!R->mras_loc)
            R->mras_loc = loc;
        if (!R->mras_loc_set && (loc == LOC_INTERNET || loc == LOC_INTRANET))
            R->mras_loc_set = loc;
    }
    uclog_mras_free(req);
}

/* A message the procedure looks at, seen once while the index is built;
 * i is its number in the index, or NONE when it is not kept. The flags are
 * asked of a call's messages only (INVITE, BYE, CANCEL and their responses). */
static void observe(run *R, uint32_t i, const uclog_sip *m, const uclog_packet *p, int kind, int signin)
{
    int request = uclog_sip_is_request(m), is_sent = uclog_packet_direction(p) == UCLOG_DIRECTION_SENT;

    if (R->rc)
        return;
    observe_client(R, m, request, is_sent);
    if (i == NONE)
        return;
    if (uclog__diag_grow(R->r, (void **)&R->flags, &R->flags_cap, (size_t)i + 1, 1)) {
        fail(R, UCLOG_E_NOMEM);
        return;
    }
    R->flags[i] = kind != K_CALL ? 0 : (uint8_t)((uclog_sip_diag_count(m) ? F_DIAG : 0) |
                                                 (!request && uclog_sip_sdp_count(m) ? F_SDP : 0));
    if (signin != SIGNIN_NONE && is_sent)
        observe_signin(R, i, m, signin);
}

/* A SUBSCRIBE or SERVICE request that opens a sign-in dialog (kept in the index). */
static int signin_request(const uclog_sip *m, int kind)
{
    uclog_str pkg, t, st;

    if (kind == K_SUBSCRIBE)
        return uclog_sip_event(&pkg, NULL, m) == 0 && view_is(pkg, "vnd-microsoft-provisioning-v2")
                   ? SIGNIN_PROVISIONING
                   : SIGNIN_NONE;
    return kind == K_SERVICE && uclog_sip_content_type(&t, &st, NULL, m) == 0 &&
                   view_is(st, "msrtc-media-relay-auth+xml")
               ? SIGNIN_MRAS
               : SIGNIN_NONE;
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

/* ---- sign-in: provisioning, mrasUri, MRAS ---- */

/*
 * The mrasUri of the provisioning 200 OK (or of a NOTIFY in the same dialog).
 * The body is read only up to the end of ServerConfiguration: the groups
 * after it (most of a 10-15 KB body) say nothing the procedure needs.
 */
static const char *find_mras_uri(run *R, uint32_t ok, uclog_span *where, const char **problem)
{
    uclog_sip *m = NULL;
    uclog_prov *prov = NULL;
    uclog_str body, uri;
    uclog_span span;
    const char *res = NULL;
    int rc;

    *problem = "ServerConfiguration has no mrasUri";
    if (parse_msg(R, ok, &m))
        return NULL;
    if (body_of(&body, &span, m)) {
        *problem = "the 200 OK has no body";
    } else if ((rc = uclog_prov_parse_until(&prov, R->ctx, body.ptr, body.len, &span, "ServerConfiguration")) != 0) {
        if (rc == UCLOG_E_NOMEM)
            fail(R, rc);
        *problem = uclog__diag_printf(R->r, "its body could not be read: %s", uclog_ctx_errmsg(R->ctx));
    } else if (uclog_prov_lookup(&uri, where, prov, "ServerConfiguration", "mrasUri") == 0 && uri.len) {
        res = dup_view(R, uri);
    } else if (uclog_prov_lookup(&uri, where, prov, "ServerConfiguration", "mrasUri") == 0) {
        *problem = "mrasUri is empty";
    }
    uclog_prov_free(prov);
    uclog_sip_free(m);
    return res;
}

static void relay_evidence(run *R, struct uclog_diag_verdict *v, uint32_t ok, const uclog_mras_credresp *cr)
{
    uint32_t k, n = uclog_mras_relay_count(cr), dur = 0;
    uclog_str user;

    if (uclog_mras_credresp_username(&user, cr) == 0 && uclog_mras_credresp_duration(&dur, cr) == 0)
        evidence_at(R, v, ok, NULL, uclog__diag_printf(R->r, "credentials received: username of %zu characters, duration %u minutes",
                                                      user.len, dur));
    for (k = 0; k < n && !R->rc; k++) {
        const uclog_mras_relay *relay;
        uclog_str loc = {"", 0}, host = {"", 0};
        uclog_span hs;
        uint16_t udp = 0, tcp = 0;
        int hu, ht;

        if (uclog_mras_relay_get(&relay, cr, k))
            continue;
        uclog_mras_relay_location(&loc, relay);
        uclog_mras_relay_host(&host, &hs, relay);
        hu = uclog_mras_relay_udp_port(&udp, relay) == 0;
        ht = uclog_mras_relay_tcp_port(&tcp, relay) == 0;
        evidence_at(R, v, ok, &hs,
                    uclog__diag_printf(R->r, "media relay (%.*s): %s %.*s, UDP port %s%u, TCP port %s%u",
                                       (int)loc.len, loc.ptr,
                                       uclog_mras_relay_host_kind(relay) == UCLOG_MRAS_HOST_DIRECT_IP ? "directIPAddress" : "hostName",
                                       (int)host.len, host.ptr, hu ? "" : "(none) ", udp, ht ? "" : "(none) ", tcp));
    }
}

/* The provisioning steps that led here: the SUBSCRIBE, its 200 OK, the mrasUri. */
static void chain_evidence(run *R, struct uclog_diag_verdict *v, uint32_t sub, uint32_t ok, const char *uri,
                           const uclog_span *uri_span)
{
    evidence_at(R, v, sub, NULL, "provisioning SUBSCRIBE sent (Event: vnd-microsoft-provisioning-v2)");
    evidence_at(R, v, ok, NULL, "its 200 OK, with the same Call-ID");
    evidence_at(R, v, ok, uri_span, uclog__diag_printf(R->r, "mrasUri = %s", uri));
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
    uint32_t k, n;

    R->relay_msg = fin;
    R->relays_on = 1;
    R->nrelay = 0;
    if (!resp || uclog_mras_kind(resp) != UCLOG_MRAS_RESPONSE || uclog_mras_reason(resp) != UCLOG_MRAS_REASON_OK ||
        uclog_mras_credresp_get(&cr, resp, 0))
        return;
    for (k = 0, n = uclog_mras_relay_count(cr); k < n && R->nrelay < MAX_RELAYS; k++) {
        const uclog_mras_relay *relay;
        uclog_str host;
        if (uclog_mras_relay_get(&relay, cr, k) == 0 &&
            uclog_mras_relay_host_kind(relay) == UCLOG_MRAS_HOST_DIRECT_IP &&
            uclog_mras_relay_host(&host, NULL, relay) == 0 &&
            uclog_addr_parse(R->relay_ip[R->nrelay], host.ptr, host.len) > 0)
            R->nrelay++;
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
        body_of(&body, &span, m) == 0 && (prc = uclog_mras_parse(&resp, R->ctx, body.ptr, body.len, &span)) != 0) {
        if (prc == UCLOG_E_NOMEM)
            fail(R, prc);
        resp = NULL;
    }
    relays_from(R, fin, resp);
    uclog_mras_free(resp);
    uclog_sip_free(m);
}

/* The MRAS step for the sign-in that gave mrasUri, before message `before`. */
static void mras_step(run *R, uint32_t sub, uint32_t before, const char *uri, uint32_t uri_msg,
                      const uclog_span *uri_span)
{
    uint32_t svc = newest(R->mras, R->nmras, sub, before), fin;
    struct uclog_diag_verdict *v;
    uclog_sip *m = NULL;
    uclog_mras *resp = NULL;
    uclog_str body, phrase;
    uclog_span span;
    uint32_t status;

    if (svc == NONE) {
        if (already(R, UCLOG_DIAG_MRAS_NOT_REQUESTED, sub))
            return;
        v = verdict(R, UCLOG_DIAG_MRAS_NOT_REQUESTED, -1, NULL);
        chain_evidence(R, v, sub, uri_msg, uri, uri_span);
        if (v)
            v->summary = "mrasUri is known, but the client sent no SERVICE with a credentialsRequest after it";
        return;
    }
    if (final_of(&fin, R, svc) != 0) {
        if (already(R, UCLOG_DIAG_MRAS_UNANSWERED, svc))
            return;
        v = verdict(R, UCLOG_DIAG_MRAS_UNANSWERED, -1, NULL);
        chain_evidence(R, v, sub, uri_msg, uri, uri_span);
        evidence_at(R, v, svc, NULL, uclog__diag_printf(R->r, "sent: %s (no response with this Call-ID follows)",
                                                       start_line_of(R, svc)));
        if (v)
            v->summary = "the MRAS SERVICE got no 200 OK: the A/V Authentication Service could not be reached; "
                         "check the A/V Edge's internal interface";
        return;
    }
    /* keyed on the request: a copy of its response coming later is not a second answer */
    if (already(R, UCLOG_DIAG_MRAS_OK, svc) || already(R, UCLOG_DIAG_MRAS_REJECTED, svc)) {
        relays_of(R, fin);
        return;
    }
    if (parse_msg(R, fin, &m))
        return;
    status = status_of(R, fin);
    if (status >= 200 && status < 300 && body_of(&body, &span, m) == 0) {
        int prc = uclog_mras_parse(&resp, R->ctx, body.ptr, body.len, &span);
        if (prc == UCLOG_E_NOMEM) {
            fail(R, prc);
            uclog_sip_free(m);
            return;
        }
    }
    relays_from(R, fin, resp);
    if (status < 200 || status >= 300) {
        v = verdict(R, UCLOG_DIAG_MRAS_REJECTED, -1, NULL);
        chain_evidence(R, v, sub, uri_msg, uri, uri_span);
        evidence_at(R, v, svc, NULL, uclog__diag_printf(R->r, "sent: %s", start_line_of(R, svc)));
        evidence_at(R, v, fin, NULL, uclog__diag_printf(R->r, "answer: %s", start_line_of(R, fin)));
        diagnostics_evidence(R, v, fin, m);
        if (v)
            v->summary = uclog__diag_printf(R->r, "the MRAS SERVICE was refused with %u", status);
    } else if (!resp || uclog_mras_kind(resp) != UCLOG_MRAS_RESPONSE) {
        v = verdict(R, UCLOG_DIAG_MRAS_REJECTED, -1, NULL);
        chain_evidence(R, v, sub, uri_msg, uri, uri_span);
        evidence_at(R, v, fin, NULL, uclog__diag_printf(R->r, "the 200 OK has no readable MRAS response: %s",
                                                       resp || body_of(&body, &span, m) ? "no response element"
                                                                                        : uclog_ctx_errmsg(R->ctx)));
        if (v)
            v->summary = "the MRAS 200 OK carries no readable response";
    } else if (uclog_mras_reason(resp) != UCLOG_MRAS_REASON_OK || uclog_mras_credresp_count(resp) == 0) {
        v = verdict(R, UCLOG_DIAG_MRAS_REJECTED, -1, NULL);
        chain_evidence(R, v, sub, uri_msg, uri, uri_span);
        evidence_at(R, v, svc, NULL, uclog__diag_printf(R->r, "sent: %s", start_line_of(R, svc)));
        if (uclog_mras_reason_phrase(&phrase, resp))
            phrase.ptr = "(none)", phrase.len = 6;
        evidence_at(R, v, fin, NULL, uclog__diag_printf(R->r, "reasonPhrase=\"%.*s\", %u credentialsResponse",
                                                       (int)phrase.len, phrase.ptr, uclog_mras_credresp_count(resp)));
        diagnostics_evidence(R, v, fin, m);
        if (v)
            v->summary = uclog__diag_printf(R->r, "MRAS answered reasonPhrase \"%.*s\"%s", (int)phrase.len, phrase.ptr,
                                            uclog_mras_credresp_count(resp) ? "" : " with no credentials");
    } else {
        const uclog_mras_credresp *cr;
        v = verdict(R, UCLOG_DIAG_MRAS_OK, -1, NULL);
        chain_evidence(R, v, sub, uri_msg, uri, uri_span);
        evidence_at(R, v, svc, NULL, uclog__diag_printf(R->r, "sent: %s", start_line_of(R, svc)));
        if (uclog_mras_credresp_get(&cr, resp, 0) == 0)
            relay_evidence(R, v, fin, cr);
        if (v)
            v->summary = "MRAS answered OK with credentials and a media relay list";
    }
    uclog_mras_free(resp);
    uclog_sip_free(m);
}

/* Keep s in *own (freeing what was there), for as long as the run: in a
 * streaming run the part s was written in is cleared after each call. */
static const char *own_copy(run *R, char **own, const char *s)
{
    uclog_str v;
    v.ptr = s;
    v.len = s ? strlen(s) : 0;
    return own_view(R, own, v);
}

/* Every sign-in step before message `before` (the call's offer, or the end of the log). */
static void signin_steps(run *R, uint32_t before)
{
    uint32_t sub = newest(R->subs, R->nsubs, NONE, before), fin, status = 0;

    struct uclog_diag_verdict *v;
    const char *uri, *problem;
    uclog_span uri_span;
    uclog_sip *m = NULL;

    relays_of(R, NONE); /* the sign-in's MRAS step reads them, when it gets there */

    if (sub == NONE) {
        if (!already(R, UCLOG_DIAG_PROVISIONING_NOT_FOUND, NONE)) {
            v = verdict(R, UCLOG_DIAG_PROVISIONING_NOT_FOUND, -1, NULL);
            evidence_at(R, v, NONE, NULL,
                        uclog__diag_printf(R->r, "%u SIP messages read; none is a SUBSCRIBE with Event: "
                                                 "vnd-microsoft-provisioning-v2 sent by the client", R->nseen));
        }
        return;
    }
    if (final_of(&fin, R, sub) != 0 || (status = status_of(R, fin), status < 200 || status >= 300)) {
        int answered = final_of(&fin, R, sub) == 0;
        if (already(R, UCLOG_DIAG_PROVISIONING_UNANSWERED, sub))
            return;
        v = verdict(R, UCLOG_DIAG_PROVISIONING_UNANSWERED, -1, NULL);
        evidence_at(R, v, sub, NULL, uclog__diag_printf(R->r, "sent: %s", start_line_of(R, sub)));
        if (answered) {
            evidence_at(R, v, fin, NULL, uclog__diag_printf(R->r, "answer: %s", start_line_of(R, fin)));
            if (parse_msg(R, fin, &m) == 0) {
                diagnostics_evidence(R, v, fin, m);
                uclog_sip_free(m);
            }
            if (v)
                v->summary = uclog__diag_printf(R->r, "the provisioning SUBSCRIBE was refused with %u", status);
        } else if (v) {
            v->summary = "the provisioning SUBSCRIBE got no 200 OK with its Call-ID";
        }
        return;
    }
    if (R->uri_msg != fin) { /* calls after one sign-in share its 200 OK: read it once */
        const char *u = find_mras_uri(R, fin, &R->uri_span, &problem);
        R->uri = own_copy(R, &R->uri_own, u);
        R->uri_problem = own_copy(R, &R->problem_own, problem);
        R->uri_msg = fin;
    }
    uri = R->uri;
    uri_span = R->uri_span;
    problem = R->uri_problem;
    if (R->rc)
        return;
    if (!uri) {
        if (already(R, UCLOG_DIAG_MRAS_URI_MISSING, sub))
            return;
        v = verdict(R, UCLOG_DIAG_MRAS_URI_MISSING, -1, NULL);
        evidence_at(R, v, sub, NULL, uclog__diag_printf(R->r, "sent: %s", start_line_of(R, sub)));
        evidence_at(R, v, fin, NULL, uclog__diag_printf(R->r, "provisioning 200 OK: %s", problem ? problem : "?"));
        if (v)
            v->summary = "the provisioning 200 OK has no mrasUri: no A/V Edge is configured for the pool";
        return;
    }
    mras_step(R, sub, before, uri, fin, &uri_span);
}

/* ---- calls: the offer and its candidates ---- */

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

    if (R->win) {
        const struct uclog__diag_wmsg *e = wmsg(R, offer);
        if (e && e->local.ptr)
            own_add(o, e->local);
    } else if (uclog_index_message_addresses(&a, NULL, NULL, NULL, R->idx, offer) == 0) {
        own_add(o, a);
    }
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

/* Parse every SDP body of message i; returns how many. */
static uint32_t parse_offers(run *R, const uclog_sip *m, uclog_sdp **sdps, uint32_t max)
{
    uint32_t k, n = uclog_sip_sdp_count(m), got = 0;
    for (k = 0; k < n && got < max; k++) {
        uclog_str body;
        uclog_span span;
        if (uclog_sip_sdp_body(&body, &span, NULL, m, k))
            continue;
        if (uclog_sdp_parse(&sdps[got], R->ctx, body.ptr, body.len, &span)) {
            fail(R, UCLOG_E_NOMEM);
            break;
        }
        got++;
    }
    return got;
}

/* A message parsed with its SDP bodies, to be read by several steps. */
typedef struct {
    uclog_sip *m;
    uclog_sdp *sdps[4];
    uint32_t nsdp;
} parsed;

static void parsed_free(parsed *p)
{
    while (p->nsdp)
        uclog_sdp_free(p->sdps[--p->nsdp]);
    uclog_sip_free(p->m);
    p->m = NULL;
}

/* On failure nothing is left to free. */
static int parse_with_sdp(run *R, uint32_t i, parsed *p)
{
    memset(p, 0, sizeof(*p));
    if (parse_msg(R, i, &p->m))
        return R->rc;
    p->nsdp = parse_offers(R, p->m, p->sdps, 4);
    if (R->rc)
        parsed_free(p);
    return R->rc;
}

static int has_audio(uclog_sdp *const *sdps, uint32_t n)
{
    uint32_t s, k;
    for (s = 0; s < n; s++)
        for (k = 0; k < uclog_sdp_media_count(sdps[s]); k++) {
            const uclog_sdp_media *md;
            uclog_str t;
            if (uclog_sdp_media_get(&md, sdps[s], k) == 0 && (uclog_sdp_media_type(&t, md), view_is(t, "audio")))
                return 1;
        }
    return 0;
}

static void free_sdps(uclog_sdp **sdps, uint32_t n)
{
    while (n)
        uclog_sdp_free(sdps[--n]);
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
            if (uclog_sdp_media_get(&md, sdps[s], k) || (uclog_sdp_media_type(&t, md), !view_is(t, "audio")))
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
                    evidence_at(R, v, msg, &sp, candidate_line(R, cd, "other party's candidate (context, not judged): ", NULL));
                    continue;
                }
                cl = classify(R, own, cd, &why);
                found[cl]++;
                if (v && (!only_edge || cl == C_EDGE))
                    evidence_at(R, v, msg, &sp, candidate_line(R, cd, "", why));
            }
        }
}

/* The answer from the other party with SDP (183 or 200), or NONE. */
static uint32_t answer_of(run *R, uint32_t offer)
{
    uint32_t k, resp;
    for (k = 0; response_of(&resp, R, offer, k) == 0; k++) {
        uclog_sip *m = NULL;
        uint32_t cnt;
        if (!(flags_of(R, resp) & F_SDP) || parse_msg(R, resp, &m))
            continue;
        cnt = uclog_sip_sdp_count(m);
        uclog_sip_free(m);
        if (cnt)
            return resp;
    }
    return NONE;
}

static void edge_step(run *R, int32_t call, const char *call_id, uint32_t offer, const parsed *op,
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
    v = verdict(R, code, call, call_id);
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
    evidence_at(R, v, offer, NULL, uclog__diag_printf(R->r, "offer: %s", line_of(R, op->m)));
    memset(found, 0, sizeof(found));
    /* A present Edge candidate is shown alone; a failure shows every candidate
     * and, as context, the other party's. */
    candidates_evidence(R, v, offer, op->sdps, op->nsdp, &own, 0, code == UCLOG_DIAG_EDGE_CANDIDATE_PRESENT, found);
    if (code != UCLOG_DIAG_EDGE_CANDIDATE_PRESENT && context_msg != NONE && parse_msg(R, context_msg, &cm) == 0) {
        ncsdp = parse_offers(R, cm, csdps, 4);
        candidates_evidence(R, v, context_msg, csdps, ncsdp, &own, 1, 0, found);
        free_sdps(csdps, ncsdp);
        uclog_sip_free(cm);
    }
}

/* ---- calls: media failure and refusal ---- */

static void icewarn_evidence(run *R, struct uclog_diag_verdict *v, uint32_t msg, uclog_str entry)
{
    uclog_str val, media;
    uint64_t bits;
    uint32_t b;

    if (uclog_sip_diag_media_debug(&val, &media, entry, "ICEWarn") != 0 || uclog_sip_parse_u64(&bits, val) != 0)
        return;
    evidence_at(R, v, msg, NULL, uclog__diag_printf(R->r, "ICEWarn=%.*s%s%.*s", (int)val.len, val.ptr,
                                                   media.ptr ? " for " : "", (int)media.len, media.ptr ? media.ptr : ""));
    for (b = 0; b < 64; b++) {
        uint64_t bit = (uint64_t)1 << b;
        const char *meaning;
        if (!(bits & bit))
            continue;
        meaning = bit <= 0xFFFFFFFFu ? uclog_diag_icewarn_bit((uint32_t)bit) : NULL;
        evidence_at(R, v, msg, NULL, meaning ? uclog__diag_printf(R->r, "ICEWarn bit 0x%llx: %s", (unsigned long long)bit, meaning)
                                             : uclog__diag_printf(R->r, "ICEWarn bit 0x%llx: not in the Resource Kit table (raw value kept)",
                                                                  (unsigned long long)bit));
    }
    if (uclog_sip_diag_media_debug(&val, NULL, entry, "LocalMR") == 0)
        evidence_at(R, v, msg, NULL, val.len ? uclog__diag_printf(R->r, "LocalMR=%.*s", (int)val.len, val.ptr)
                                             : "LocalMR is empty: this side got no media relay (MRAS or TURN allocation)");
    if (uclog_sip_diag_media_debug(&val, NULL, entry, "RemoteMR") == 0)
        evidence_at(R, v, msg, NULL, val.len ? uclog__diag_printf(R->r, "RemoteMR=%.*s", (int)val.len, val.ptr)
                                             : "RemoteMR is empty: the other side got no media relay");
}

/* ms-client-diagnostics 22-26 anywhere in the call; and the INVITE's final error. */
static void call_outcome(run *R, int32_t call, const char *call_id, uint32_t offer, int outgoing)
{
    uint32_t k, msg, fin, status = 0;
    struct uclog_diag_verdict *media = NULL, *rej;

    for (k = 0; call_message(&msg, R, offer, k) == 0 && !R->rc; k++) {
        uclog_sip *m = NULL;
        uint32_t d, nd, kind, id;
        uclog_str entry, reason;
        if (msg < offer || !(flags_of(R, msg) & F_DIAG) || parse_msg(R, msg, &m))
            continue;
        nd = uclog_sip_diag_count(m);
        for (d = 0; d < nd; d++) {
            if (uclog_sip_diag(&entry, &kind, m, d) || kind != UCLOG_SIP_DIAG_CLIENT ||
                uclog_sip_diag_parse(&id, NULL, &reason, NULL, entry) || id < 22 || id > 26)
                continue;
            if (!media) {
                media = verdict(R, UCLOG_DIAG_MEDIA_CONNECTIVITY_FAILED, call, call_id);
                if (media)
                    media->summary = uclog__diag_printf(R->r, "ms-client-diagnostics %u: %.*s", id, (int)reason.len,
                                                        reason.ptr ? reason.ptr : "");
            }
            evidence_at(R, media, msg, NULL, uclog__diag_printf(R->r, "%s: ms-client-diagnostics: %.*s",
                                                               start_line_of(R, msg), (int)entry.len, entry.ptr));
            icewarn_evidence(R, media, msg, entry);
        }
        uclog_sip_free(m);
    }
    if (!outgoing || final_of(&fin, R, offer) != 0)
        return;
    status = status_of(R, fin);
    if (status < 300 || status == 401 || status == 407 || (media && status >= 400))
        return;
    rej = verdict(R, UCLOG_DIAG_CALL_REJECTED, call, call_id);
    evidence_at(R, rej, fin, NULL, uclog__diag_printf(R->r, "answer: %s", start_line_of(R, fin)));
    {
        uclog_sip *m = NULL;
        if (parse_msg(R, fin, &m) == 0) {
            diagnostics_evidence(R, rej, fin, m);
            uclog_sip_free(m);
        }
    }
    if (rej)
        rej->summary = uclog__diag_printf(R->r, "the INVITE was refused with %u", status);
}

/* ---- call attempts ---- */

/*
 * The call attempt INVITE i begins, when it is one: an INVITE with an audio
 * offer the client sent, or one it received and answered with SDP. Its
 * verdicts go to R->r, the sign-in steps before it first.
 */
static void judge_call(run *R, uint32_t i)
{
    parsed inv, ans;
    const parsed *op;
    uint32_t offer = NONE, ctxmsg = NONE, c;
    int32_t dir;
    uclog_str cid, peer;

    if (call_id_of(&cid, R, i) || parse_with_sdp(R, i, &inv))
        return;
    if (!has_audio(inv.sdps, inv.nsdp)) {
        parsed_free(&inv);
        return;
    }
    memset(&ans, 0, sizeof(ans));
    if (sent(R, i)) {
        dir = UCLOG_DIAG_CALL_OUTGOING;
        offer = i;
        op = &inv;
        ctxmsg = answer_of(R, i);
        if (uclog_sip_to(NULL, &peer, NULL, NULL, inv.m))
            peer.ptr = NULL;
    } else {
        dir = UCLOG_DIAG_CALL_INCOMING;
        offer = answer_of(R, i); /* the client's own answer */
        ctxmsg = i;
        op = &ans;
        if (uclog_sip_from(NULL, &peer, NULL, NULL, inv.m))
            peer.ptr = NULL;
        if (offer == NONE || !sent(R, offer) || parse_with_sdp(R, offer, &ans)) {
            parsed_free(&inv);
            return;
        }
    }
    if (uclog__diag_grow(R->r, (void **)&R->r->calls, &R->r->calls_cap, R->r->ncalls + 1, sizeof(*R->r->calls))) {
        parsed_free(&inv);
        parsed_free(&ans);
        fail(R, UCLOG_E_NOMEM);
        return;
    }
    c = (uint32_t)R->r->ncalls++;
    R->r->calls[c].call_id = dup_view(R, cid);
    R->r->calls[c].peer = dup_view(R, peer);
    R->r->calls[c].direction = dir;
    if (!R->rc) {
        size_t first = R->r->nverdicts;
        signin_steps(R, offer < i ? offer : i);
        edge_step(R, (int32_t)c, R->r->calls[c].call_id, offer, op, ctxmsg);
        call_outcome(R, (int32_t)c, R->r->calls[c].call_id, i, dir == UCLOG_DIAG_CALL_OUTGOING);
        uclog__diag_trim(R->r, first);
    }
    parsed_free(&inv);
    parsed_free(&ans);
}

/* Every call attempt of the index, in the order their first INVITE comes. */
static void find_calls(run *R)
{
    uint32_t i, ic;
    uclog_str cid;

    for (i = 0; i < R->nmsgs && !R->rc; i++) {
        if (!is_request(R, i, "INVITE") || uclog_index_message_call_id(&cid, R->idx, i) ||
            uclog_index_find_call(&ic, R->idx, cid.ptr, cid.len) || R->call_done[ic])
            continue;
        R->call_done[ic] = 1; /* later INVITEs of a Call-ID re-offer the same call */
        judge_call(R, i);
    }
}

static int copy_files(run *R, uclog_log *log)
{
    uint32_t i, n = uclog_log_file_count(log);
    R->life->files = uclog_ctx_alloc(R->ctx, (n ? n : 1) * sizeof(char *));
    if (!R->life->files)
        return fail(R, UCLOG_E_NOMEM);
    for (i = 0; i < n; i++) {
        const char *name = uclog_log_file_name(log, i);
        R->life->files[i] = uclog__diag_strdup(R->life, name, strlen(name));
        if (!R->life->files[i])
            return fail(R, UCLOG_E_NOMEM);
    }
    R->life->nfiles = n;
    return UCLOG_OK;
}

/* What the log says of the client so far, and CLIENT_IS_INTERNAL when it is. */
static void client_verdict(run *R)
{
    struct uclog_diag_verdict *v;

    client_facts(R);
    client_location_from_mras(R);
    if (R->rc || R->life->location != UCLOG_DIAG_LOCATION_INTERNAL)
        return;
    v = verdict(R, UCLOG_DIAG_CLIENT_IS_INTERNAL, -1, NULL);
    evidence_at(R, v, NONE, NULL, uclog__diag_printf(R->r, "client location: internal (%s)", R->life->location_reason));
    if (v)
        v->summary = "this log is from a client inside the network; the procedure needs the remote "
                     "user's log, and no Edge failure is claimed from its candidates";
}

static void no_sip_verdict(run *R)
{
    struct uclog_diag_verdict *v = verdict(R, UCLOG_DIAG_NO_SIP_TRAFFIC, -1, NULL);
    uint32_t f;
    for (f = 0; f < R->life->nfiles && v; f++)
        evidence_at(R, v, NONE, NULL, uclog__diag_printf(R->r, "%s: no Sending Packet or Data Received record",
                                                         R->life->files[f]));
}

/* No call attempt in the whole log: the sign-in steps up to its end, and INVITE_NOT_FOUND. */
static void no_call_verdicts(run *R, uint32_t end)
{
    struct uclog_diag_verdict *v;

    signin_steps(R, end);
    v = verdict(R, UCLOG_DIAG_INVITE_NOT_FOUND, -1, NULL);
    evidence_at(R, v, NONE, NULL, uclog__diag_printf(R->r, "%u SIP messages read; no INVITE carries an "
                                                         "SDP offer with m=audio", R->nseen));
}

static void free_run(run *R)
{
    size_t k;

    uclog_index_free(R->idx);
    uclog__diag_win_free(R->win);
    for (k = 0; k < R->nopen; k++)
        uclog_ctx_dealloc(R->ctx, R->open[k].call_id);
    uclog_ctx_dealloc(R->ctx, R->open);
    uclog_ctx_dealloc(R->ctx, R->recent);
    uclog_ctx_dealloc(R->ctx, R->subs);
    uclog_ctx_dealloc(R->ctx, R->mras);
    uclog_ctx_dealloc(R->ctx, R->done);
    uclog_ctx_dealloc(R->ctx, R->call_done);
    uclog_ctx_dealloc(R->ctx, R->flags);
    uclog_ctx_dealloc(R->ctx, R->dialogs);
    uclog_ctx_dealloc(R->ctx, R->uri_own);
    uclog_ctx_dealloc(R->ctx, R->problem_own);
    uclog_ctx_dealloc(R->ctx, R->ua_own);
    uclog_ctx_dealloc(R->ctx, R->version_own);
}

int uclog_diag_run(uclog_diag_report **out, uclog_log *log, const uclog_diag_options *opts)
{
    run R;
    int rc;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!log)
        return UCLOG_E_INVALID_ARG;
    memset(&R, 0, sizeof(R));
    R.ctx = uclog_log_ctx(log);
    R.opts = opts;
    if ((rc = uclog__diag_report_new(&R.r, R.ctx)))
        return rc;
    R.life = R.r;
    R.uri_msg = R.relay_msg = NONE;
    if (copy_files(&R, log) == 0 && (rc = uclog_index_build_filtered(&R.idx, log, wanted, &R)) != 0)
        fail(&R, rc);
    if (!R.rc) {
        R.nmsgs = uclog_index_message_count(R.idx);
        if (R.nmsgs != R.nkept) /* the index keeps what the filter says, or fails */
            fail(&R, UCLOG_E_STATE);
        R.call_done = uclog_ctx_alloc(R.ctx, uclog_index_call_count(R.idx) + 1);
        if (!R.call_done)
            fail(&R, UCLOG_E_NOMEM);
        else
            memset(R.call_done, 0, uclog_index_call_count(R.idx) + 1);
    }
    if (!R.rc) {
        if (R.nseen == 0) {
            no_sip_verdict(&R);
        } else {
            client_verdict(&R);
            find_calls(&R);
            if (!R.rc && R.r->ncalls == 0)
                no_call_verdicts(&R, R.nmsgs);
        }
    }
    if (R.r->client_ua) /* the report owns what it says */
        R.r->client_ua = uclog__diag_strdup(R.r, R.ua_own, strlen(R.ua_own));
    if (R.r->client_version)
        R.r->client_version = uclog__diag_strdup(R.r, R.version_own, strlen(R.version_own));
    if (!R.rc && R.r->nomem)
        R.rc = UCLOG_E_NOMEM;
    free_run(&R);
    if (R.rc) {
        uclog_diag_report_free(R.r);
        return R.rc;
    }
    uclog__diag_order(R.r);
    *out = R.r;
    return UCLOG_OK;
}

/* ---- streaming: one pass, a window of messages, the report in parts ---- */

/* Forget the sign-in verdicts given about message msg: nothing can be about it again. */
static void done_forget(run *R, uint32_t msg)
{
    size_t k, out = 0;
    for (k = 0; k < R->ndone; k++)
        if ((uint32_t)R->done[k] != msg)
            R->done[out++] = R->done[k];
    R->ndone = out;
}

typedef struct {
    run *R;
    uint32_t msg;
} forgetting;

static int of_request(const struct uclog__diag_wmsg *e, void *userdata)
{
    forgetting *f = userdata;
    if (e->seq != f->msg && (e->request != f->msg || (e->flags & F_CALL)))
        return 0;
    done_forget(f->R, e->seq);
    return 1;
}

/* Drop request msg, its responses, and what was said about them. */
static void forget_request(run *R, uint32_t msg)
{
    forgetting f;
    f.R = R;
    f.msg = msg;
    uclog__diag_win_drop_if(R->win, of_request, &f);
}

/* Keep of list[] the newest entry and those an open call pinned. */
static void prune_signins(run *R, signin_entry *list, size_t *n)
{
    size_t k, out = 0;

    for (k = 0; k < *n; k++) {
        if (k + 1 == *n || list[k].pins)
            list[out++] = list[k];
        else
            forget_request(R, list[k].msg);
    }
    *n = out;
}

static void pin(signin_entry *list, size_t n, uint32_t msg, int delta)
{
    size_t k;
    for (k = 0; k < n; k++)
        if (list[k].msg == msg) {
            list[k].pins = (uint32_t)((int64_t)list[k].pins + delta);
            return;
        }
}

static int call_is(const open_call *c, uclog_str cid)
{
    return c->call_id_len == cid.len && !memcmp(c->call_id, cid.ptr, cid.len);
}

/* The client facts known so far, lent to the part. */
static void part_facts(run *R)
{
    R->r->files = R->life->files;
    R->r->nfiles = R->life->nfiles;
    R->r->client_uri = R->life->client_uri;
    R->r->client_ua = R->life->client_ua;
    R->r->client_version = R->life->client_version;
    R->r->location = R->life->location;
    R->r->location_reason = R->life->location_reason;
}

/* Hand the part over when it has a call or a verdict (or when `always`), then clear it. */
static void deliver(run *R, int always)
{
    if (!R->rc && (R->r->nomem || R->life->nomem))
        fail(R, UCLOG_E_NOMEM);
    if (!R->rc && (always || R->r->nverdicts || R->r->ncalls)) {
        int rc;
        part_facts(R);
        uclog__diag_order(R->r);
        if ((rc = R->fn(R->r, R->userdata)) != 0 && !R->rc)
            R->rc = rc;
    }
    uclog__diag_report_clear(R->r);
    R->last_cid = NULL;
}

static int of_call(const struct uclog__diag_wmsg *e, void *userdata)
{
    const open_call *c = userdata;
    return (e->flags & F_CALL) && e->call_id.ptr && e->call_id.len == c->call_id_len &&
           !memcmp(e->call_id.ptr, c->call_id, c->call_id_len);
}

/* Judge open call k, hand its part over, and forget it. */
static void close_call(run *R, size_t k)
{
    open_call c = R->open[k];

    memmove(R->open + k, R->open + k + 1, (R->nopen - k - 1) * sizeof(*R->open));
    R->nopen--;
    if (!R->rc) {
        client_facts(R);
        client_location_from_mras(R);
        judge_call(R, c.invite);
        R->ncalls_total += (uint32_t)R->r->ncalls;
        deliver(R, 0);
    }
    uclog__diag_win_drop_if(R->win, of_call, &c);
    R->recent[R->recent_at++ % UCLOG__DIAG_RECENT] = cid_hash((uclog_str){c.call_id, c.call_id_len});
    uclog_ctx_dealloc(R->ctx, c.call_id);
    if (c.sub != NONE)
        pin(R->subs, R->nsubs, c.sub, -1);
    if (c.svc != NONE)
        pin(R->mras, R->nmras, c.svc, -1);
    prune_signins(R, R->subs, &R->nsubs);
    prune_signins(R, R->mras, &R->nmras);
}

static int judged_lately(const run *R, uclog_str cid)
{
    uint64_t h = cid_hash(cid);
    size_t k, n = R->recent_at < UCLOG__DIAG_RECENT ? R->recent_at : UCLOG__DIAG_RECENT;
    for (k = 0; k < n; k++)
        if (R->recent[k] == h)
            return 1;
    return 0;
}

/* An INVITE of a Call-ID not open: a call begins, with the newest sign-in pinned for it. */
static open_call *open_new(run *R, uclog_str cid)
{
    open_call *c;

    if (R->nopen == UCLOG__DIAG_MAX_OPEN)
        close_call(R, 0);
    if (R->rc || uclog__diag_grow(R->life, (void **)&R->open, &R->open_cap, R->nopen + 1, sizeof(*R->open)))
        return fail(R, UCLOG_E_NOMEM), NULL;
    c = &R->open[R->nopen];
    memset(c, 0, sizeof(*c));
    if (!(c->call_id = uclog_ctx_alloc(R->ctx, cid.len ? cid.len : 1)))
        return fail(R, UCLOG_E_NOMEM), NULL;
    memcpy(c->call_id, cid.ptr, cid.len);
    c->call_id_len = cid.len;
    c->invite = NONE;
    c->sub = R->nsubs ? R->subs[R->nsubs - 1].msg : NONE;
    c->svc = R->nmras ? R->mras[R->nmras - 1].msg : NONE;
    if (c->sub != NONE)
        R->subs[R->nsubs - 1].pins++;
    if (c->svc != NONE)
        R->mras[R->nmras - 1].pins++;
    R->nopen++;
    return c;
}

/* A call's message: into the window; the call is judged when it ends. */
static void stream_call_message(run *R, const uclog_sip *m, const uclog_packet *p, int request, uclog_str method)
{
    const struct uclog__diag_wmsg *e, *req;
    uclog_str cid;
    open_call *c = NULL;
    size_t k;
    uint32_t seq;
    uint8_t flags;
    int rc;

    if (uclog_sip_call_id(&cid, m))
        return;
    for (k = 0; k < R->nopen; k++)
        if (call_is(&R->open[k], cid)) {
            c = &R->open[k];
            break;
        }
    if (!c) {
        if (!request || !view_is(method, "INVITE") || judged_lately(R, cid) || !(c = open_new(R, cid)))
            return;
        k = R->nopen - 1;
    }
    flags = (uint8_t)(F_CALL | (uclog_sip_diag_count(m) ? F_DIAG : 0) | (!request && uclog_sip_sdp_count(m) ? F_SDP : 0));
    if ((rc = uclog__diag_win_add(R->win, m, p, flags, &seq)) != 0) {
        fail(R, rc);
        return;
    }
    if (c->invite == NONE)
        c->invite = seq;
    c->nmsgs++;
    e = wmsg(R, seq);
    if (!request && e->status >= 200 && e->request != NONE && (req = wmsg(R, e->request)) != NULL) {
        int invite = view_is(req->method, "INVITE");
        if (invite && e->status < 300)
            c->answered = 1;
        /* over: a BYE answered, or an INVITE refused before any was accepted (a
         * challenge is not a refusal: the INVITE comes again with credentials) */
        if (view_is(req->method, "BYE") ||
            (invite && !c->answered && e->status >= 300 && e->status != 401 && e->status != 407))
            c->ended = 1;
    }
    if (c->ended || c->nmsgs >= UCLOG__DIAG_MAX_CALL_MSGS)
        close_call(R, k);
}

/* A sign-in request or response: kept while a call may read it. */
static void stream_signin_message(run *R, const uclog_sip *m, const uclog_packet *p, int request, int signin,
                                  int is_sent)
{
    size_t nsubs = R->nsubs, nmras = R->nmras, k;
    uint32_t seq;
    uclog_str cid;
    int rc, live = 0;

    if (!request) { /* a response is kept when its request is */
        if (uclog_sip_call_id(&cid, m))
            return;
        for (k = 0; k < R->nsubs + R->nmras && !live; k++) {
            const struct uclog__diag_wmsg *q = wmsg(R, k < R->nsubs ? R->subs[k].msg : R->mras[k - R->nsubs].msg);
            live = q && q->call_id.len == cid.len && q->call_id.ptr && !memcmp(q->call_id.ptr, cid.ptr, cid.len);
        }
        if (!live)
            return;
    } else if (signin == SIGNIN_NONE || !is_sent) {
        return;
    }
    if ((rc = uclog__diag_win_add(R->win, m, p, 0, &seq)) != 0) {
        fail(R, rc);
        return;
    }
    if (!request) {
        if (wmsg(R, seq)->request == NONE)
            uclog__diag_win_drop(R->win, seq);
        return;
    }
    observe_signin(R, seq, m, signin);
    if (R->nsubs == nsubs && R->nmras == nmras) {
        uclog__diag_win_drop(R->win, seq); /* an MRAS request without credentialsRequest */
        return;
    }
    prune_signins(R, R->subs, &R->nsubs);
    prune_signins(R, R->mras, &R->nmras);
}

static void stream_message(run *R, const uclog_sip *m, const uclog_packet *p)
{
    uclog_str method;
    int request = uclog_sip_is_request(m), kind, is_sent = uclog_packet_direction(p) == UCLOG_DIRECTION_SENT;

    R->nseen++;
    if (request ? uclog_sip_request_line(&method, NULL, NULL, m) : uclog_sip_cseq(NULL, &method, m))
        return;
    kind = method_kind(method);
    if (kind == K_OTHER)
        return;
    observe_client(R, m, request, is_sent);
    if (kind == K_CALL)
        stream_call_message(R, m, p, request, method);
    else if (kind != K_REGISTER)
        stream_signin_message(R, m, p, request, request ? signin_request(m, kind) : SIGNIN_NONE, is_sent);
}

int uclog_diag_run_parts(uclog_log *log, const uclog_diag_options *opts, uclog_diag_part_fn fn, void *userdata)
{
    run R;
    uclog_msg_iter *it = NULL;
    const uclog_sip *m;
    const uclog_packet *p;
    int rc;

    if (!log || !fn)
        return UCLOG_E_INVALID_ARG;
    memset(&R, 0, sizeof(R));
    R.ctx = uclog_log_ctx(log);
    R.opts = opts;
    R.fn = fn;
    R.userdata = userdata;
    R.uri_msg = R.relay_msg = NONE;
    if ((rc = uclog__diag_report_new(&R.life, R.ctx)) != 0)
        return rc;
    if ((rc = uclog__diag_report_new(&R.r, R.ctx)) != 0 || (rc = uclog__diag_win_new(&R.win, R.ctx)) != 0 ||
        (rc = uclog_msg_iter_new(&it, log)) != 0)
        fail(&R, rc);
    else if (!(R.recent = uclog_ctx_alloc(R.ctx, UCLOG__DIAG_RECENT * sizeof(*R.recent))))
        fail(&R, UCLOG_E_NOMEM);
    else
        memset(R.recent, 0, UCLOG__DIAG_RECENT * sizeof(*R.recent));
    if (!R.rc && copy_files(&R, log) == 0)
        part_facts(&R); /* the evidence names its file from the start */
    while (!R.rc && (rc = uclog_msg_iter_next(&m, &p, it)) == 0)
        stream_message(&R, m, p);
    if (!R.rc && rc != UCLOG_DONE)
        fail(&R, rc);
    while (!R.rc && R.nopen)
        close_call(&R, 0);
    if (!R.rc) {
        if (R.nseen == 0) {
            no_sip_verdict(&R);
        } else {
            client_verdict(&R);
            if (!R.rc && R.ncalls_total == 0)
                no_call_verdicts(&R, NONE);
        }
        deliver(&R, 1);
    }
    uclog_msg_iter_free(it);
    if (!R.rc && R.life->nomem)
        R.rc = UCLOG_E_NOMEM;
    free_run(&R);
    if (R.r)
        R.r->files = NULL; /* the life report's */
    uclog_diag_report_free(R.r);
    uclog_diag_report_free(R.life);
    return R.rc;
}
