/*
 * What the rules of the diagnosis share: the run (the state of one
 * diagnosis), the message source it reads (the whole-log index or the
 * streaming window, behind one interface), and the helpers that give
 * verdicts and cite evidence. Private to libuclog-diag.
 *
 * The rules live in files named after the procedure's steps: client.c
 * (client and location), signin.c (provisioning, mrasUri, MRAS), calls.c
 * (what a call attempt is), candidates.c (whose each candidate is), media.c
 * (media failures and refusals). whole.c and stream.c drive them over a
 * log; source-index.c and source-window.c are the two message sources.
 */
#ifndef UCLOG_DIAG_RUN_H
#define UCLOG_DIAG_RUN_H

#include "diag-internal.h"

#define NONE UINT32_MAX
#define MAX_RELAYS 16
#define MAX_RECEIVED 8
#define MAX_OK_EVENTS 64

/* Where a message is in the log set: files in time order, then bytes. */
typedef struct {
    uint32_t file;
    uint64_t offset;
} log_pos;

/* A sign-in answer (2xx to REGISTER, SUBSCRIBE or SERVICE) whose location differs from the one
 * before it: with ms-user-logon-data: RemoteUser (remote) or without. */
typedef struct {
    log_pos at;
    uclog_span span;
    int remote;
} signin_ok_event;

/* A provisioning SUBSCRIBE or MRAS SERVICE the client sent; pins: open calls that
 * may still read it (streaming only). */
typedef struct {
    uint32_t msg, pins;
    uint8_t loc;      /* an MRAS request's location (LOC_*) */
    uclog_span loc_span;
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

typedef struct uclog__diag_run run;

/*
 * The messages a diagnosis reads again, numbered in log order from 0. The
 * rules ask through this interface only; the index (whole log) and the
 * window (streaming) answer it.
 */
struct uclog__diag_source {
    int (*parse)(uclog_sip **m, run *R, uint32_t i);
    /* request: its method (1); response: its status (0); < 0 when gone */
    int (*kind)(uclog_str *method, uint32_t *status, const run *R, uint32_t i);
    int32_t (*direction)(const run *R, uint32_t i);
    uint8_t (*flags)(const run *R, uint32_t i);
    int (*call_id)(uclog_str *cid, const run *R, uint32_t i);
    /* response k of request i, in log order */
    int (*response)(uint32_t *out, const run *R, uint32_t i, uint32_t k);
    /* the final response to request i, the last one when several */
    int (*final)(uint32_t *out, const run *R, uint32_t i);
    /* message k of the call message i belongs to (by Call-ID), in log order */
    int (*call_message)(uint32_t *out, const run *R, uint32_t i, uint32_t k);
    void (*where)(uclog_span *span, uclog_timestamp *ts, int *has_ts, const run *R, uint32_t i);
    /* the local and remote addresses of the packet it came in (either may be NULL) */
    int (*addresses)(uclog_str *local, uclog_str *remote, const run *R, uint32_t i);
};
extern const struct uclog__diag_source uclog__diag_index_source;
extern const struct uclog__diag_source uclog__diag_window_source;

struct uclog__diag_run {
    uclog_ctx *ctx;
    const uclog_log *log;       /* for the kind of its files */
    const struct uclog__diag_source *src;
    struct {                   /* the whole-log driver's (whole.c), read by source-index.c */
        uclog_index *idx;
        uint32_t nmsgs;
        uint32_t nkept;        /* messages the index kept so far: the next one's number */
        uint8_t *flags;        /* per kept message: F_DIAG, F_SDP */
        size_t flags_cap;
        uint8_t *call_done;    /* per Call-ID of the index: an INVITE of it was looked at */
        uint64_t *dialogs;     /* hashes of the sign-in dialogs' Call-IDs (open addressing) */
        size_t ndialogs, dialogs_cap;
    } whole;
    struct {                   /* the streaming driver's (stream.c), read by source-window.c */
        struct uclog__diag_win *win;
        open_call *open;       /* calls not judged yet, oldest first */
        size_t nopen, open_cap;
        uint64_t *recent;      /* hashes of the Call-IDs judged lately (UCLOG__DIAG_RECENT) */
        size_t recent_at;
        uclog_diag_part_fn fn; /* where parts go */
        void *userdata;
        uint32_t ncalls_total; /* call attempts handed over so far */
    } stream;
    const uclog_diag_options *opts;
    uclog_diag_report *r;       /* where verdicts go: the report, or the part being built */
    uclog_diag_report *life;    /* the log's facts (files, client, location): r, or the run's own */
    signin_entry *subs, *mras;   /* provisioning SUBSCRIBEs and MRAS SERVICEs the client sent */
    size_t nsubs, subs_cap, nmras, mras_cap;
    char *uri_own, *problem_own; /* R->uri and R->uri_problem, owned by the run */
    char *ua_own, *version_own;  /* the client's User-Agent and version, owned by the run */
    uint64_t *done;        /* (code << 32 | message) of sign-in verdicts already given */
    size_t ndone, done_cap;
    uint8_t relay_ip[MAX_RELAYS][16]; /* the relays of MRAS response relay_msg given as addresses */
    uint32_t nrelay, relay_msg;
    char relay_host[256];  /* its first relay hostName, for what to resolve ("" when none) */
    uint8_t received[MAX_RECEIVED][16]; /* the client's addresses its servers saw (Via received=) ... */
    log_pos received_at[MAX_RECEIVED];  /* ... and where each was seen first */
    uint32_t nreceived;
    signin_ok_event oks[MAX_OK_EVENTS]; /* where the sign-in answers' location changed (oldest dropped) */
    uint32_t noks;
    int relays_on;         /* the call being judged has them: its sign-in got to relay_msg */
    uint32_t uri_msg;      /* the provisioning 200 OK whose mrasUri was read last, and what it gave */
    const char *uri, *uri_problem;
    int uri_unreadable;    /* its body could not be read up to mrasUri */
    uclog_span uri_span, uri_problem_span;
    const char *last_cid;  /* the Call-ID copied last, shared by the evidence that follows */
    int location_weak;     /* the location was only inferred: an MRAS request may say better */
    uint32_t nseen;        /* SIP messages in the log, kept by the index or not */
    uint8_t mras_loc, mras_loc_set; /* the first MRAS location given, and the first internet/intranet one */
    int32_t loc;           /* the client's location as the sign-in responses tell it */
    const char *loc_why;
    uclog_span signin_ok_span;                  /* the first sign-in 200 OK */
    uclog_span mras_loc_span, mras_loc_set_span; /* the <location> of mras_loc and of mras_loc_set */
    uclog_span loc_span;   /* the line that told the location given in the report */
    int has_loc_span;
    int saw_signin_ok;
    int rc;                /* first error: sticky */
};

/* What the walk over the log learnt of a kept message, so that it is not parsed again to ask. */
#define F_DIAG 1 /* carries ms-diagnostics or ms-client-diagnostics */
#define F_SDP 2  /* carries an SDP body */
#define F_CALL UCLOG__DIAG_F_CALL /* streaming: held for its call (not for a sign-in with the same Call-ID) */

/* The location of an MRAS credentialsRequest. */
enum { LOC_NONE, LOC_INTERNET, LOC_INTRANET, LOC_OTHER };

/* What a message is to the procedure: its method (a response's, from CSeq), and for a
 * request, whether it opens a sign-in dialog. */
enum { K_OTHER, K_REGISTER, K_SUBSCRIBE, K_SERVICE, K_CALL /* INVITE, BYE, CANCEL */ };
enum { SIGNIN_NONE, SIGNIN_PROVISIONING, SIGNIN_MRAS };

/* ---- the message source, as the rules ask it ---- */

int uclog__diag_fail(run *R, int rc);

static inline int parse_msg(run *R, uint32_t i, uclog_sip **m)
{
    int rc = R->src->parse(m, R, i);
    if (rc)
        uclog__diag_fail(R, rc);
    return rc;
}

int uclog__diag_is(uclog_str s, const char *lit);

static inline int is_request(run *R, uint32_t i, const char *method)
{
    uclog_str mth;
    return R->src->kind(&mth, NULL, R, i) == 1 && uclog__diag_is(mth, method);
}

static inline uint32_t status_of(run *R, uint32_t i)
{
    uint32_t status = 0;
    R->src->kind(NULL, &status, R, i);
    return status;
}

static inline int sent(run *R, uint32_t i)
{
    return R->src->direction(R, i) == UCLOG_DIRECTION_SENT;
}

static inline uint8_t flags_of(const run *R, uint32_t i)
{
    return R->src->flags(R, i);
}

static inline int call_id_of(uclog_str *cid, const run *R, uint32_t i)
{
    return R->src->call_id(cid, R, i);
}

static inline int response_of(uint32_t *out, const run *R, uint32_t i, uint32_t k)
{
    return R->src->response(out, R, i, k);
}

static inline int call_message(uint32_t *out, const run *R, uint32_t i, uint32_t k)
{
    return R->src->call_message(out, R, i, k);
}

static inline int final_of(uint32_t *out, const run *R, uint32_t i)
{
    return R->src->final(out, R, i);
}

/* ---- helpers (evidence.c) ---- */

uint64_t uclog__diag_cid_hash(uclog_str id);
/* A copy of s in report r: the part (R->r) or the log's facts (R->life); NULL for a NULL view. */
const char *uclog__diag_dup_in(run *R, uclog_diag_report *r, uclog_str s);
const char *uclog__diag_dup(run *R, uclog_str s);
/* Keep a copy in *own (freeing what was there), for as long as the run. */
const char *uclog__diag_own_view(run *R, char **own, uclog_str s);
const char *uclog__diag_own_copy(run *R, char **own, const char *s);
struct uclog_diag_verdict *uclog__diag_give(run *R, int32_t code, int32_t call, const char *call_id);
/* Sign-in verdicts are given once per message they are about. */
int uclog__diag_already(run *R, int32_t code, uint32_t msg);
/* Evidence pointing at message i (NONE: none), or at the span `where` inside it. */
int uclog__diag_cite(run *R, struct uclog_diag_verdict *v, uint32_t i, const uclog_span *where, const char *detail);
/* The start line of a message, for evidence ("?" when unreadable). */
const char *uclog__diag_line_of(run *R, const uclog_sip *m);
const char *uclog__diag_start_line(run *R, uint32_t i);
/* Evidence for every ms-diagnostics entry of message i, each on its header line. */
int uclog__diag_ms_evidence(run *R, struct uclog_diag_verdict *v, uint32_t i, const uclog_sip *m);
/* One field of an evidence item's subject: text (a view, copied), or a number when text.ptr is NULL. */
typedef struct {
    const char *name;
    uclog_str text;
    int64_t number;
} uclog__diag_field;
/* The subject and fields of v's last evidence item (uclog_diag_evidence_field()), copied into the
 * report; a text field without text is left out. */
int uclog__diag_fields(run *R, struct uclog_diag_verdict *v, const char *subject, const uclog__diag_field *f,
                       uint32_t n);
/* The diagnostics entry v's last evidence item cites (a header of the kind, parsed): its code for the
 * registry and its fields (ms_diagnostics: header, code, sub_code, reason, source). */
void uclog__diag_ms_fields(run *R, struct uclog_diag_verdict *v, uint32_t kind, uclog_str entry);
/* The log lost (part of) m's body: a Content-Length over the bytes framed. *where: that defect. */
int uclog__diag_body_lost(uclog_span *where, const uclog_sip *m);
/* A message's body (not empty), or UCLOG_E_NOT_FOUND. */
int uclog__diag_body(uclog_str *body, uclog_span *span, const uclog_sip *m);
/* The line of message m that holds byte p (a view into m: a header value, a part of the body). */
int uclog__diag_line_at(uclog_span *out, const uclog_sip *m, const char *p);
/* Evidence at the line of m that holds p (the message's start line when p is not in m). */
int uclog__diag_cite_in(run *R, struct uclog_diag_verdict *v, uint32_t i, const uclog_sip *m, const char *p,
                        const char *detail);
/* A verdict that something is missing, when packets could not be read: it may be among them. */
void uclog__diag_unusable_evidence(run *R, struct uclog_diag_verdict *v);
int uclog__diag_copy_files(run *R, uclog_log *log);
/* 1 when every file of the log holds bare SIP messages (UCLOG_FILE_KIND_SIP): the sign-in is not
 * in it, nor who sent what. A stream is judged once its first record is read. */
int uclog__diag_bare(const run *R);
void uclog__diag_free_run(run *R);

/* ---- the rules ---- */

/* client.c */
log_pos uclog__diag_pos(const uclog_span *span);
int uclog__diag_pos_before(log_pos a, log_pos b);
/* Where the client was when it placed the call at `at` (whose sign-in's MRAS request is svc, NONE:
 * none): *why and *span say from what (span NULL-able: has_span). */
int32_t uclog__diag_call_location(run *R, log_pos at, uint32_t svc, const char **why, uclog_span *span,
                                  int *has_span);
void uclog__diag_observe_client(run *R, const uclog_sip *m, int request, int is_sent);
void uclog__diag_client_facts(run *R);
void uclog__diag_client_location_from_mras(run *R);
void uclog__diag_client_verdict(run *R);
uint8_t uclog__diag_mras_location(const uclog_mras *req);

/* signin.c */
int uclog__diag_method_kind(uclog_str method);
int uclog__diag_signin_request(const uclog_sip *m, int kind);
void uclog__diag_observe(run *R, uint32_t i, const uclog_sip *m, const uclog_packet *p, int kind, int signin);
void uclog__diag_observe_signin(run *R, uint32_t i, const uclog_sip *m, int signin);
void uclog__diag_signin_steps(run *R, uint32_t before);
/* The newest MRAS SERVICE with a credentialsRequest sent before message `before` (NONE: none). */
uint32_t uclog__diag_mras_before(const run *R, uint32_t before);
const signin_entry *uclog__diag_mras_entry(const run *R, uint32_t msg);

/* calls.c */
void uclog__diag_judge_call(run *R, uint32_t i);
void uclog__diag_no_sip_verdict(run *R);
void uclog__diag_no_call_verdicts(run *R, uint32_t end);

/* A message parsed with its SDP bodies, to be read by several steps. */
typedef struct {
    uclog_sip *m;
    uclog_sdp *sdps[4];
    uint32_t nsdp;
} parsed;
/* Parse every SDP body of m (at most max); returns how many. */
uint32_t uclog__diag_parse_offers(run *R, const uclog_sip *m, uclog_sdp **sdps, uint32_t max);
void uclog__diag_free_sdps(uclog_sdp **sdps, uint32_t n);
/* Whether one of the bodies has a media of that type ("audio", "video"). */
int uclog__diag_has_media(uclog_sdp *const *sdps, uint32_t n, const char *type);
int uclog__diag_parse_with_sdp(run *R, uint32_t i, parsed *p);
void uclog__diag_parsed_free(parsed *p);

/* candidates.c */
void uclog__diag_edge_step(run *R, int32_t call, const char *call_id, uint32_t offer, const parsed *op,
                           uint32_t context_msg);

/* media.c */
void uclog__diag_call_outcome(run *R, int32_t call, const char *call_id, uint32_t invite, int outgoing);

#endif
