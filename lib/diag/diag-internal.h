/* Private structures of libuclog-diag. It uses only libuclog's public API. */
#ifndef UCLOG_DIAG_INTERNAL_H
#define UCLOG_DIAG_INTERNAL_H

#include <stdarg.h>

#include <uclog/diag.h>
#include <uclog/uclog.h>

#include "../arena.h" /* inline only: nothing private is linked */
#include "../ascii.h"
#include "../os.h"
#include "../hash.h"

struct uclog__diag_code {
    int32_t code;
    const char *name;
    int32_t severity;
    const char *step;
    const char *condition;
    const char *const *lists[2]; /* checklist: one or two NULL-ended lists */
};

const struct uclog__diag_code *uclog__diag_code(int32_t code);
uint32_t uclog__diag_checklist_count(const struct uclog__diag_code *c);
const char *uclog__diag_checklist_item(const struct uclog__diag_code *c, uint32_t k);

#define UCLOG__DIAG_MAX_EDGE 16
/* Streaming diagnosis (uclog_diag_run_parts): the limits its header states. */
#define UCLOG__DIAG_MAX_OPEN 256       /* calls in progress at once: more judges the oldest */
#define UCLOG__DIAG_MAX_CALL_MSGS 512  /* messages of one call: more judges it */
#define UCLOG__DIAG_MAX_WINDOW_BYTES ((size_t)64 << 20) /* messages of the calls in progress: more judges the oldest */
#define UCLOG__DIAG_MIN_WINDOW_BYTES ((size_t)4096)
#define UCLOG__DIAG_RECENT 1024        /* Call-IDs judged lately, whose late messages are not a new call */

struct uclog_diag_options {
    uclog_ctx *ctx;
    uint8_t edge[UCLOG__DIAG_MAX_EDGE][16]; /* external interface addresses */
    uint32_t nedge;
    uint8_t nat[16];
    int has_nat;
    uint8_t priv[UCLOG__DIAG_MAX_EDGE][16];
    uint32_t npriv;
    int32_t location;
    size_t window_bytes; /* the streaming window's budget; 0: UCLOG__DIAG_MAX_WINDOW_BYTES */
};

struct uclog_diag_evidence {
    const char *file;
    uclog_span span;
    uclog_timestamp ts;
    int has_ts;
    const char *call_id;
    const char *detail;
    uint32_t ms_code, ms_kind; /* the diagnostics header it cites (ms_kind 0: none) */
    const char *subject;       /* what its fields are of ("relay", "candidate", "ms_diagnostics"); NULL: none */
    const char *fields;        /* nfields of "name\0" 't' "text\0" or "name\0" 'n' "number\0" */
    uint32_t nfields;
};

struct uclog_diag_verdict {
    const struct uclog__diag_code *reg;
    int32_t certainty;
    int not_shown;  /* a step the file cannot show (bare SIP messages): information, not a failure */
    const char *reason;
    const char *summary;
    int32_t call;
    const char *call_id;
    struct uclog_diag_evidence *ev;
    size_t nev, ev_cap;
};

struct uclog__diag_call {
    const char *call_id;
    const char *peer;
    int32_t direction;
    int32_t cut; /* a ::uclog_diag_call_cut */
    int32_t outcome; /* a ::uclog_diag_call_outcome */
    uclog_timestamp start; /* of the INVITE that began it */
    int has_start;
};


struct uclog_diag_report {
    uclog_ctx *ctx;
    int nomem; /* an allocation failed while building: the run fails */
    uclog__arena arena; /* its strings */
    const char **files;
    uint32_t nfiles;
    const char *client_uri, *client_ua, *client_version, *location_reason;
    int32_t location;
    struct uclog__diag_call *calls;
    size_t ncalls, calls_cap;
    uint64_t nunusable;                            /* packets that yielded no SIP message */
    uclog_span unusable[UCLOG_DIAG_UNUSABLE_KEPT]; /* where the first of them are */
    struct uclog_diag_verdict **verdicts;
    size_t nverdicts, verdicts_cap;
};

/* Report building (report.c). Every call returns 0 or UCLOG_E_NOMEM. */
int uclog__diag_report_new(uclog_diag_report **out, uclog_ctx *ctx);
const char *uclog__diag_strdup(uclog_diag_report *r, const char *s, size_t n);
/* size bytes, unaligned (text only), that uclog_diag_report_free() frees. */
char *uclog__diag_keep(uclog_diag_report *r, size_t size);
const char *uclog__diag_printf(uclog_diag_report *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(UCLOG__PRINTF, 2, 3)))
#endif
    ;
int uclog__diag_grow(uclog_diag_report *r, void **arr, size_t *cap, size_t need, size_t elem);
struct uclog_diag_verdict *uclog__diag_verdict(uclog_diag_report *r, int32_t code, int32_t call,
                                              const char *call_id);
int uclog__diag_evidence(uclog_diag_report *r, struct uclog_diag_verdict *v, const struct uclog_diag_evidence *e);
void uclog__diag_order(uclog_diag_report *r);
/* Make the evidence arrays of verdicts[first..] no longer than they need be. */
void uclog__diag_trim(uclog_diag_report *r, size_t first);
/* Forget the verdicts, calls and strings; keep the files and client facts' pointers. */
void uclog__diag_report_clear(uclog_diag_report *r);

/* The window of a streaming diagnosis (window.c): copies of the messages it
 * may still read, numbered in log order from 0. */
struct uclog__diag_wmsg {
    uint32_t seq;
    uint32_t request; /* a response: the seq of the request it answers (UINT32_MAX: none live) */
    char *bytes;      /* the message, len bytes, then copies of the views below */
    size_t len;
    uclog_span span;
    uclog_timestamp ts;
    uint8_t has_ts, is_request, flags;
    int32_t direction;
    uint32_t status, cseq;
    uclog_str method; /* a request's method, a response's CSeq method */
    uclog_str cseq_method;
    uclog_str call_id, local, remote;
    struct uclog__diag_wmsg *prev_same, *next_same; /* the chain of its Call-ID's bucket */
    uint32_t bucket;
    size_t size; /* bytes it takes, itself included */
};
struct uclog__diag_win;
int uclog__diag_win_new(struct uclog__diag_win **out, uclog_ctx *ctx);
void uclog__diag_win_free(struct uclog__diag_win *w);
int uclog__diag_win_add(struct uclog__diag_win *w, const uclog_sip *m, const uclog_packet *p, uint8_t flags,
                        uint32_t *seq);
/* A window message held for its call (not for a sign-in): what the byte budget counts. */
#define UCLOG__DIAG_F_CALL 4
/* The bytes the window's call messages (UCLOG__DIAG_F_CALL) take. */
size_t uclog__diag_win_call_bytes(const struct uclog__diag_win *w);
const struct uclog__diag_wmsg *uclog__diag_win_get(const struct uclog__diag_win *w, uint32_t seq);
void uclog__diag_win_drop(struct uclog__diag_win *w, uint32_t seq);
/* Drop every message drop() says so of, in one pass. */
void uclog__diag_win_drop_if(struct uclog__diag_win *w, int (*drop)(const struct uclog__diag_wmsg *, void *),
                             void *userdata);
/* The messages with Call-ID cid, in log order: the first, then each next (NULL at the end). */
const struct uclog__diag_wmsg *uclog__diag_win_call_first(const struct uclog__diag_win *w, uclog_str cid);
const struct uclog__diag_wmsg *uclog__diag_win_call_next(const struct uclog__diag_wmsg *e);

#endif
