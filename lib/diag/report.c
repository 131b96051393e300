/* The report: verdicts, evidence, and the memory that holds them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag-internal.h"

/* The report's strings live in an arena (arena.h) of blocks of this size: one
 * allocation per string cost more in allocator overhead than the strings. */
#define CHUNK 16384

/* size bytes that uclog_diag_report_free() frees. */
static void *keep(uclog_diag_report *r, size_t size)
{
    void *p = uclog__arena_alloc(&r->arena, size);

    if (!p)
        r->nomem = 1;
    return p;
}

char *uclog__diag_keep(uclog_diag_report *r, size_t size)
{
    return keep(r, size);
}

int uclog__diag_report_new(uclog_diag_report **out, uclog_ctx *ctx)
{
    uclog_diag_report *r = uclog_ctx_alloc(ctx, sizeof(*r));
    if (!r)
        return UCLOG_E_NOMEM;
    memset(r, 0, sizeof(*r));
    r->ctx = ctx;
    uclog__arena_init(&r->arena, ctx, CHUNK - UCLOG__ARENA_HDR);
    r->location_reason = "nothing in the log says where the client signed in from";
    *out = r;
    return UCLOG_OK;
}

void uclog_diag_report_free(uclog_diag_report *r)
{
    size_t i;

    if (!r)
        return;
    uclog__arena_release(&r->arena);
    for (i = 0; i < r->nverdicts; i++) {
        uclog_ctx_dealloc(r->ctx, r->verdicts[i]->ev);
        uclog_ctx_dealloc(r->ctx, r->verdicts[i]);
    }
    uclog_ctx_dealloc(r->ctx, r->verdicts);
    uclog_ctx_dealloc(r->ctx, r->calls);
    uclog_ctx_dealloc(r->ctx, (void *)r->files);
    uclog_ctx_dealloc(r->ctx, r);
}

const char *uclog__diag_strdup(uclog_diag_report *r, const char *s, size_t n)
{
    char *p;
    if (!s)
        return NULL;
    if (n == SIZE_MAX)
        return NULL;
    p = keep(r, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

const char *uclog__diag_printf(uclog_diag_report *r, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    int n;
    char *p;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    p = keep(r, (size_t)n + 1);
    if (!p)
        return NULL;
    if ((size_t)n < sizeof(small)) {
        memcpy(p, small, (size_t)n + 1);
    } else {
        va_start(ap, fmt);
        vsnprintf(p, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return p;
}

int uclog__diag_grow(uclog_diag_report *r, void **arr, size_t *cap, size_t need, size_t elem)
{
    size_t ncap;
    void *p;

    if (need <= *cap)
        return UCLOG_OK;
    ncap = *cap ? *cap * 2 : 8;
    while (ncap < need)
        ncap *= 2;
    if (ncap > SIZE_MAX / elem) {
        r->nomem = 1;
        return UCLOG_E_NOMEM;
    }
    p = uclog_ctx_realloc(r->ctx, *arr, ncap * elem);
    if (!p) {
        r->nomem = 1;
        return UCLOG_E_NOMEM;
    }
    *arr = p;
    *cap = ncap;
    return UCLOG_OK;
}

struct uclog_diag_verdict *uclog__diag_verdict(uclog_diag_report *r, int32_t code, int32_t call,
                                              const char *call_id)
{
    struct uclog_diag_verdict *v;

    if (uclog__diag_grow(r, (void **)&r->verdicts, &r->verdicts_cap, r->nverdicts + 1, sizeof(*r->verdicts)))
        return NULL;
    v = uclog_ctx_alloc(r->ctx, sizeof(*v));
    if (!v) {
        r->nomem = 1;
        return NULL;
    }
    memset(v, 0, sizeof(*v));
    v->reg = uclog__diag_code(code);
    v->call = call;
    v->call_id = call_id;
    v->summary = v->reg->condition;
    r->verdicts[r->nverdicts++] = v;
    return v;
}

int uclog__diag_evidence(uclog_diag_report *r, struct uclog_diag_verdict *v, const struct uclog_diag_evidence *e)
{
    if (!e->detail)
        return UCLOG_E_NOMEM;
    if (uclog__diag_grow(r, (void **)&v->ev, &v->ev_cap, v->nev + 1, sizeof(*v->ev)))
        return UCLOG_E_NOMEM;
    v->ev[v->nev++] = *e;
    return UCLOG_OK;
}

void uclog__diag_trim(uclog_diag_report *r, size_t first)
{
    size_t i;

    for (i = first; i < r->nverdicts; i++) {
        struct uclog_diag_verdict *v = r->verdicts[i];
        void *p;
        if (!v->nev || v->nev == v->ev_cap)
            continue;
        p = uclog_ctx_realloc(r->ctx, v->ev, v->nev * sizeof(*v->ev));
        if (p) { /* a failed shrink leaves the array as it was */
            v->ev = p;
            v->ev_cap = v->nev;
        }
    }
}

void uclog__diag_report_clear(uclog_diag_report *r)
{
    size_t i;

    uclog__arena_reset(&r->arena); /* the block being filled is kept for the next part */
    for (i = 0; i < r->nverdicts; i++) {
        uclog_ctx_dealloc(r->ctx, r->verdicts[i]->ev);
        uclog_ctx_dealloc(r->ctx, r->verdicts[i]);
    }
    r->nverdicts = 0;
    r->ncalls = 0;
}

/* Log-wide verdicts first, then each call's, keeping the order found. */
void uclog__diag_order(uclog_diag_report *r)
{
    size_t i, j;
    for (i = 1; i < r->nverdicts; i++) {
        struct uclog_diag_verdict *t = r->verdicts[i];
        for (j = i; j > 0 && r->verdicts[j - 1]->call > t->call; j--)
            r->verdicts[j] = r->verdicts[j - 1];
        r->verdicts[j] = t;
    }
}

/* ---- accessors ---- */

static int32_t verdict_severity(const uclog_diag_verdict *v);

uint32_t uclog_diag_report_file_count(const uclog_diag_report *r)
{
    return r ? r->nfiles : 0;
}

const char *uclog_diag_report_file_name(const uclog_diag_report *r, uint32_t i)
{
    return r && i < r->nfiles ? r->files[i] : NULL;
}

const char *uclog_diag_report_client_uri(const uclog_diag_report *r)
{
    return r ? r->client_uri : NULL;
}

const char *uclog_diag_report_client_user_agent(const uclog_diag_report *r)
{
    return r ? r->client_ua : NULL;
}

const char *uclog_diag_report_client_version(const uclog_diag_report *r)
{
    return r ? r->client_version : NULL;
}

int32_t uclog_diag_report_client_location(const uclog_diag_report *r)
{
    return r ? r->location : UCLOG_DIAG_LOCATION_UNKNOWN;
}

const char *uclog_diag_report_client_location_reason(const uclog_diag_report *r)
{
    return r ? r->location_reason : "";
}

uint32_t uclog_diag_report_call_count(const uclog_diag_report *r)
{
    return r ? (uint32_t)r->ncalls : 0;
}

const char *uclog_diag_report_call_id(const uclog_diag_report *r, uint32_t i)
{
    return r && i < r->ncalls ? r->calls[i].call_id : NULL;
}

uint64_t uclog_diag_report_unusable_count(const uclog_diag_report *r)
{
    return r ? r->nunusable : 0;
}

int uclog_diag_report_unusable_span(uclog_span *out, const uclog_diag_report *r, uint32_t i)
{
    if (!out || !r)
        return UCLOG_E_INVALID_ARG;
    if (i >= r->nunusable || i >= UCLOG_DIAG_UNUSABLE_KEPT)
        return UCLOG_E_RANGE;
    *out = r->unusable[i];
    return UCLOG_OK;
}

int32_t uclog_diag_report_call_cut(const uclog_diag_report *r, uint32_t i)
{
    return r && i < r->ncalls ? r->calls[i].cut : 0;
}

const char *uclog_diag_call_cut_name(int32_t cut)
{
    static const char *const names[] = {"whole", "calls", "messages", "bytes"};
    return cut >= 0 && cut <= 3 ? names[cut] : "unknown";
}

int32_t uclog_diag_report_call_direction(const uclog_diag_report *r, uint32_t i)
{
    return r && i < r->ncalls ? r->calls[i].direction : 0;
}

const char *uclog_diag_report_call_peer(const uclog_diag_report *r, uint32_t i)
{
    return r && i < r->ncalls ? r->calls[i].peer : NULL;
}

int32_t uclog_diag_report_call_outcome(const uclog_diag_report *r, uint32_t i)
{
    return r && i < r->ncalls ? r->calls[i].outcome : UCLOG_DIAG_OUTCOME_UNKNOWN;
}

const char *uclog_diag_call_outcome_name(int32_t outcome)
{
    static const char *const names[] = {"unknown", "established", "refused", "cancelled", "media-failed"};
    return outcome >= 0 && outcome <= 4 ? names[outcome] : "unknown";
}

int uclog_diag_report_call_start(uclog_timestamp *out, const uclog_diag_report *r, uint32_t i)
{
    if (!out || !r)
        return UCLOG_E_INVALID_ARG;
    memset(out, 0, sizeof(*out));
    if (i >= r->ncalls)
        return UCLOG_E_RANGE;
    if (!r->calls[i].has_start)
        return UCLOG_E_NOT_FOUND;
    *out = r->calls[i].start;
    return UCLOG_OK;
}

/* The first verdict of call `call` or of a later call: the verdicts are in call order
 * (uclog__diag_order()), so a report of many calls is searched, not walked, for each. */
static size_t first_verdict_of(const uclog_diag_report *r, int32_t call)
{
    size_t lo = 0, hi = r->nverdicts;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->verdicts[mid]->call < call)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const uclog_diag_verdict *uclog_diag_report_call_worst_verdict(const uclog_diag_report *r, uint32_t i)
{
    const uclog_diag_verdict *worst = NULL;
    size_t k;

    if (!r || i >= r->ncalls)
        return NULL;
    for (k = first_verdict_of(r, (int32_t)i); k < r->nverdicts && r->verdicts[k]->call == (int32_t)i; k++)
        if (!worst || verdict_severity(r->verdicts[k]) > verdict_severity(worst))
            worst = r->verdicts[k];
    return worst;
}

int uclog_diag_report_call_find(uint32_t *out, const uclog_diag_report *r, const char *call_id)
{
    size_t i;

    if (!out || !r || !call_id)
        return UCLOG_E_INVALID_ARG;
    for (i = 0; i < r->ncalls; i++)
        if (r->calls[i].call_id && !strcmp(r->calls[i].call_id, call_id)) {
            *out = (uint32_t)i;
            return UCLOG_OK;
        }
    return UCLOG_E_NOT_FOUND;
}

uint32_t uclog_diag_report_verdict_count(const uclog_diag_report *r)
{
    return r ? (uint32_t)r->nverdicts : 0;
}

const uclog_diag_verdict *uclog_diag_report_verdict(const uclog_diag_report *r, uint32_t i)
{
    return r && i < r->nverdicts ? r->verdicts[i] : NULL;
}

/* A verdict's severity: its code's, except that a refusal whose diagnostics
 * say the call ended normally (e.g. 51004 "Action initiated by user") is not
 * a failure but information. */
static int32_t verdict_severity(const uclog_diag_verdict *v)
{
    const uclog_diag_ms_code *c;
    size_t i;

    if (v->not_shown)
        return UCLOG_DIAG_INFO;
    if (v->reg->code != UCLOG_DIAG_CALL_REJECTED)
        return v->reg->severity;
    for (i = 0; i < v->nev; i++)
        if (v->ev[i].ms_kind && uclog_diag_ms_code_lookup(&c, v->ev[i].ms_kind, v->ev[i].ms_code) == 0 &&
            uclog_diag_ms_code_normal_end(c) == 1)
            return UCLOG_DIAG_INFO;
    return v->reg->severity;
}

int32_t uclog_diag_report_worst_severity(const uclog_diag_report *r)
{
    int32_t worst = UCLOG_DIAG_OK;
    size_t i;
    for (i = 0; r && i < r->nverdicts; i++)
        if (verdict_severity(r->verdicts[i]) > worst)
            worst = verdict_severity(r->verdicts[i]);
    return worst;
}

int32_t uclog_diag_verdict_code(const uclog_diag_verdict *v)
{
    return v ? v->reg->code : 0;
}

const char *uclog_diag_verdict_name(const uclog_diag_verdict *v)
{
    return v ? v->reg->name : NULL;
}

int32_t uclog_diag_verdict_severity(const uclog_diag_verdict *v)
{
    return v ? verdict_severity(v) : -1;
}

int32_t uclog_diag_verdict_certainty(const uclog_diag_verdict *v)
{
    return v ? v->certainty : -1;
}

const char *uclog_diag_verdict_reason(const uclog_diag_verdict *v)
{
    return v && v->certainty != UCLOG_DIAG_CERTAIN ? v->reason : NULL;
}

const char *uclog_diag_verdict_step(const uclog_diag_verdict *v)
{
    return v ? v->reg->step : NULL;
}

const char *uclog_diag_verdict_summary(const uclog_diag_verdict *v)
{
    return v && v->summary ? v->summary : "";
}

const char *uclog_diag_verdict_call_id(const uclog_diag_verdict *v)
{
    return v ? v->call_id : NULL;
}

int32_t uclog_diag_verdict_call(const uclog_diag_verdict *v)
{
    return v ? v->call : -1;
}

uint32_t uclog_diag_verdict_evidence_count(const uclog_diag_verdict *v)
{
    return v ? (uint32_t)v->nev : 0;
}

const uclog_diag_evidence *uclog_diag_verdict_evidence(const uclog_diag_verdict *v, uint32_t i)
{
    return v && i < v->nev ? &v->ev[i] : NULL;
}

uint32_t uclog_diag_verdict_checklist_count(const uclog_diag_verdict *v)
{
    return v ? uclog__diag_checklist_count(v->reg) : 0;
}

const char *uclog_diag_verdict_checklist(const uclog_diag_verdict *v, uint32_t i)
{
    return v ? uclog__diag_checklist_item(v->reg, i) : NULL;
}

const char *uclog_diag_evidence_file(const uclog_diag_evidence *e)
{
    return e ? e->file : NULL;
}

void uclog_diag_evidence_span(uclog_span *out, const uclog_diag_evidence *e)
{
    if (!out)
        return;
    if (!e)
        memset(out, 0, sizeof(*out));
    else
        *out = e->span;
}

int uclog_diag_evidence_time(uclog_timestamp *out, const uclog_diag_evidence *e)
{
    if (!out || !e)
        return UCLOG_E_INVALID_ARG;
    if (!e->has_ts) {
        memset(out, 0, sizeof(*out));
        return UCLOG_E_NOT_FOUND;
    }
    *out = e->ts;
    return UCLOG_OK;
}

const char *uclog_diag_evidence_call_id(const uclog_diag_evidence *e)
{
    return e ? e->call_id : NULL;
}

const char *uclog_diag_evidence_detail(const uclog_diag_evidence *e)
{
    return e && e->detail ? e->detail : "";
}

const char *uclog_diag_evidence_subject(const uclog_diag_evidence *e)
{
    return e ? e->subject : NULL;
}

uint32_t uclog_diag_evidence_field_count(const uclog_diag_evidence *e)
{
    return e ? e->nfields : 0;
}

int uclog_diag_evidence_field(const char **name, const char **text, int64_t *number, const uclog_diag_evidence *e,
                              uint32_t i)
{
    const char *p;
    uint32_t k;

    if (!e)
        return UCLOG_E_INVALID_ARG;
    if (i >= e->nfields)
        return UCLOG_E_RANGE;
    for (p = e->fields, k = 0; k < i; k++) { /* past name, type and value: a handful of fields */
        p += strlen(p) + 1;
        p += strlen(p) + 1;
    }
    if (name)
        *name = p;
    p += strlen(p) + 1;
    if (text)
        *text = *p == 't' ? p + 1 : NULL;
    if (number)
        *number = *p == 'n' ? strtoll(p + 1, NULL, 10) : 0;
    return UCLOG_OK;
}

int uclog_diag_evidence_info_get(uclog_diag_evidence_info *out, const uclog_diag_evidence *e, size_t info_size)
{
    const char *p;
    uint32_t k;

    if (!out || !e || info_size < sizeof(*out) || info_size % 8)
        return UCLOG_E_INVALID_ARG;
    memset(out, 0, sizeof(*out));
    out->span = e->span;
    if (e->has_ts) {
        out->time = e->ts;
        out->has_time = 1;
    }
    out->file = e->file;
    out->call_id = e->call_id;
    out->detail = uclog_diag_evidence_detail(e);
    out->subject = e->subject;
    out->ms_code = e->ms_kind ? e->ms_code : 0;
    out->ms_kind = e->ms_kind;
    out->field_count = e->nfields;
    if (e->nfields) {
        for (p = e->fields, k = 0; k < e->nfields; k++) {
            p += strlen(p) + 1;
            p += strlen(p) + 1;
        }
        out->fields = e->fields;
        out->fields_length = (uint64_t)(p - e->fields);
    }
    return UCLOG_OK;
}

uint32_t uclog_diag_version(void)
{
    return UCLOG_VERSION_NUMBER;
}
