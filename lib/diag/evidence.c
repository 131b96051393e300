/*
 * What every rule of the diagnosis uses: verdicts given once, evidence
 * cited at its message (or at the line inside it), copies the report owns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

int uclog__diag_fail(run *R, int rc)
{
    if (!R->rc)
        R->rc = rc;
    return R->rc;
}

/* The hash of a Call-ID, never 0. */
uint64_t uclog__diag_cid_hash(uclog_str id)
{
    return uclog__hash(id.ptr, id.len) | 1; /* 0 marks an empty slot */
}

int uclog__diag_is(uclog_str s, const char *lit)
{
    return s.ptr && uclog__str_ieq(s, lit);
}

/* A copy in report r: the part (R->r) or the log's facts (R->life). */
const char *uclog__diag_dup_in(run *R, uclog_diag_report *r, uclog_str s)
{
    const char *p;
    if (!s.ptr)
        return NULL;
    p = uclog__diag_strdup(r, s.ptr, s.len);
    if (!p)
        uclog__diag_fail(R, UCLOG_E_NOMEM);
    return p;
}

const char *uclog__diag_dup(run *R, uclog_str s)
{
    return uclog__diag_dup_in(R, R->r, s);
}

/* Keep a copy of view s in *own (freeing what was there), for as long as the run. */
const char *uclog__diag_own_view(run *R, char **own, uclog_str s)
{
    uclog_ctx_dealloc(R->ctx, *own);
    *own = NULL;
    if (!s.ptr)
        return NULL;
    if (!(*own = uclog_ctx_alloc(R->ctx, s.len + 1))) {
        uclog__diag_fail(R, UCLOG_E_NOMEM);
        return NULL;
    }
    memcpy(*own, s.ptr, s.len);
    (*own)[s.len] = '\0';
    return *own;
}

/* Keep s in *own (freeing what was there), for as long as the run: in a
 * streaming run the part s was written in is cleared after each call. */
const char *uclog__diag_own_copy(run *R, char **own, const char *s)
{
    uclog_str v;
    v.ptr = s;
    v.len = s ? strlen(s) : 0;
    return uclog__diag_own_view(R, own, v);
}

/* Evidence pointing at message i (or at a span inside it). */
int uclog__diag_cite(run *R, struct uclog_diag_verdict *v, uint32_t i, const uclog_span *where,
                       const char *detail)
{
    struct uclog_diag_evidence e;
    uclog_str cid;

    if (!v)
        return uclog__diag_fail(R, UCLOG_E_NOMEM);
    memset(&e, 0, sizeof(e));
    if (i != NONE) {
        R->src->where(&e.span, &e.ts, &e.has_ts, R, i);
        if (call_id_of(&cid, R, i) == 0) {
            if (!R->last_cid || strlen(R->last_cid) != cid.len || memcmp(R->last_cid, cid.ptr, cid.len))
                R->last_cid = uclog__diag_dup(R, cid);
            e.call_id = R->last_cid;
        }
        e.file = uclog_diag_report_file_name(R->r, e.span.file);
    }
    if (where) {
        e.span = *where;
        if (i == NONE)
            e.file = uclog_diag_report_file_name(R->r, e.span.file);
    }
    e.detail = detail;
    if (!detail || uclog__diag_evidence(R->r, v, &e))
        return uclog__diag_fail(R, UCLOG_E_NOMEM);
    return UCLOG_OK;
}

/* "SIP/2.0 488 Not Acceptable Here" or "SERVICE sip:…": the start line, for evidence. */
const char *uclog__diag_line_of(run *R, const uclog_sip *m)
{
    uclog_str line;
    const char *s = uclog_sip_start_line(&line, NULL, m) == 0 ? uclog__diag_dup(R, line) : NULL;
    return s ? s : "?";
}

const char *uclog__diag_start_line(run *R, uint32_t i)
{
    uclog_sip *m = NULL;
    const char *s;

    if (parse_msg(R, i, &m))
        return "?";
    s = uclog__diag_line_of(R, m);
    uclog_sip_free(m);
    return s;
}

struct uclog_diag_verdict *uclog__diag_give(run *R, int32_t code, int32_t call, const char *call_id)
{
    struct uclog_diag_verdict *v = uclog__diag_verdict(R->r, code, call, call_id);
    if (!v)
        uclog__diag_fail(R, UCLOG_E_NOMEM);
    return v;
}

/* Sign-in verdicts are given once per message they are about. */
int uclog__diag_already(run *R, int32_t code, uint32_t msg)
{
    uint64_t key = (uint64_t)(uint32_t)code << 32 | msg;
    size_t i;
    for (i = 0; i < R->ndone; i++)
        if (R->done[i] == key)
            return 1;
    if (uclog__diag_grow(R->r, (void **)&R->done, &R->done_cap, R->ndone + 1, sizeof(*R->done)))
        uclog__diag_fail(R, UCLOG_E_NOMEM);
    else
        R->done[R->ndone++] = key;
    return 0;
}

int uclog__diag_line_at(uclog_span *out, const uclog_sip *m, const char *p)
{
    uclog_str raw;
    uclog_span at;
    const char *start, *bol, *eol, *end;

    /* p must point into the message's own bytes */
    if (!p || uclog_sip_raw(&raw, &at, m) || p < raw.ptr || (size_t)(p - raw.ptr) >= raw.len)
        return UCLOG_E_NOT_FOUND;
    start = bol = raw.ptr;
    end = start + raw.len;
    for (eol = start; eol < p; eol++)
        if (*eol == '\n') {
            at.line++;
            bol = eol + 1;
        }
    if (bol != start)
        at.column = 1;
    at.offset += (uint64_t)(bol - start);
    for (eol = bol; eol < end && *eol != '\r' && *eol != '\n'; eol++)
        ;
    at.length = (uint64_t)(eol - bol);
    *out = at;
    return UCLOG_OK;
}

int uclog__diag_cite_in(run *R, struct uclog_diag_verdict *v, uint32_t i, const uclog_sip *m, const char *p,
                        const char *detail)
{
    uclog_span at;
    return uclog__diag_cite(R, v, i, uclog__diag_line_at(&at, m, p) == 0 ? &at : NULL, detail);
}

/* Evidence for every ms-diagnostics entry of message i, each on its header line, with its range. */
int uclog__diag_ms_evidence(run *R, struct uclog_diag_verdict *v, uint32_t i, const uclog_sip *m)
{
    uint32_t k, n = uclog_sip_diag_count(m), kind, id, sub;
    uclog_str entry, reason;

    for (k = 0; k < n && !R->rc; k++) {
        if (uclog_sip_diag(&entry, &kind, m, k))
            continue;
        if (uclog_sip_diag_parse(&id, &sub, &reason, NULL, entry)) {
            uclog__diag_cite_in(R, v, i, m, entry.ptr, uclog__diag_printf(R->r, "%s: %.*s",
                        kind == UCLOG_SIP_DIAG_CLIENT ? "ms-client-diagnostics" : "ms-diagnostics",
                        (int)entry.len, entry.ptr));
            continue;
        }
        uclog__diag_cite_in(R, v, i, m, entry.ptr,
                    uclog__diag_printf(R->r, "%s %u (%s): %.*s",
                                       kind == UCLOG_SIP_DIAG_CLIENT   ? "ms-client-diagnostics"
                                       : kind == UCLOG_SIP_DIAG_PUBLIC ? "ms-diagnostics-public"
                                                                       : "ms-diagnostics",
                                       id, uclog_diag_ms_diagnostics_range(id), (int)reason.len,
                                       reason.ptr ? reason.ptr : ""));
        uclog__diag_ms_fields(R, v, kind, entry);
    }
    return R->rc;
}

/* A field's text up to a NUL byte a hostile log may hold: each field is one C string. */
static size_t text_len(uclog_str s)
{
    const char *nul = memchr(s.ptr, '\0', s.len);
    return nul ? (size_t)(nul - s.ptr) : s.len;
}

int uclog__diag_fields(run *R, struct uclog_diag_verdict *v, const char *subject, const uclog__diag_field *f,
                       uint32_t n)
{
    struct uclog_diag_evidence *e;
    char num[24], *buf, *p;
    size_t size = 1, len;
    uint32_t k, kept = 0;

    if (R->rc || !v || !v->nev)
        return R->rc;
    for (k = 0; k < n; k++) {
        if (!f[k].text.ptr)
            len = (size_t)snprintf(num, sizeof(num), "%lld", (long long)f[k].number);
        else
            len = text_len(f[k].text);
        if (len > SIZE_MAX / 2 - size - strlen(f[k].name) - 3)
            return uclog__diag_fail(R, UCLOG_E_NOMEM);
        size += strlen(f[k].name) + len + 3;
    }
    if (!(buf = uclog__diag_keep(R->r, size)))
        return uclog__diag_fail(R, UCLOG_E_NOMEM);
    for (p = buf, k = 0; k < n; k++) {
        const char *val = f[k].text.ptr;
        len = val ? text_len(f[k].text) : 0;
        if (!val) {
            len = (size_t)snprintf(num, sizeof(num), "%lld", (long long)f[k].number);
            val = num;
        }
        memcpy(p, f[k].name, strlen(f[k].name) + 1);
        p += strlen(f[k].name) + 1;
        *p++ = f[k].text.ptr ? 't' : 'n';
        memcpy(p, val, len);
        p += len;
        *p++ = '\0';
        kept++;
    }
    *p = '\0';
    e = &v->ev[v->nev - 1];
    e->subject = subject;
    e->fields = buf;
    e->nfields = kept;
    return UCLOG_OK;
}

void uclog__diag_ms_fields(run *R, struct uclog_diag_verdict *v, uint32_t kind, uclog_str entry)
{
    uclog__diag_field f[5];
    uint32_t id, sub, n = 0;
    uclog_str reason = {NULL, 0}, source = {NULL, 0};
    const char *header = uclog_diag_ms_kind_name(kind);

    if (R->rc || !v || !v->nev || uclog_sip_diag_parse(&id, &sub, &reason, &source, entry))
        return;
    /* the code and its header, for the registry: uclog_diag_evidence_ms_code() */
    v->ev[v->nev - 1].ms_code = id;
    v->ev[v->nev - 1].ms_kind = kind;
    f[n].name = "header", f[n].text.ptr = header, f[n++].text.len = strlen(header);
    f[n].name = "code", f[n].text.ptr = NULL, f[n++].number = id;
    if (sub != UCLOG_SIP_DIAG_NO_SUB_ID)
        f[n].name = "sub_code", f[n].text.ptr = NULL, f[n++].number = sub;
    if (reason.ptr)
        f[n].name = "reason", f[n++].text = reason;
    if (source.ptr)
        f[n].name = "source", f[n++].text = source;
    uclog__diag_fields(R, v, "ms_diagnostics", f, n);
}

int uclog__diag_body(uclog_str *body, uclog_span *span, const uclog_sip *m)
{
    return uclog_sip_body(body, span, m) || body->len == 0 ? UCLOG_E_NOT_FOUND : UCLOG_OK;
}

int uclog__diag_body_lost(uclog_span *where, const uclog_sip *m)
{
    uclog_defect d;
    uclog_str body = {NULL, 0};
    uint64_t declared, lf = 0;
    size_t i;
    uint32_t k;

    for (k = 0; uclog_sip_defect(&d, m, k) == 0; k++)
        if (d.code == UCLOG_DEFECT_SIP_BODY_TRUNCATED || d.code == UCLOG_DEFECT_SIP_HEADERS_UNTERMINATED)
            break;
    if (uclog_sip_defect(&d, m, k) || uclog_sip_content_length(&declared, m) || declared == 0)
        return 0;
    if (d.code == UCLOG_DEFECT_SIP_HEADERS_UNTERMINATED) { /* cut before its body began */
        *where = d.span;
        return 1;
    }
    uclog_sip_body(&body, NULL, m);
    for (i = 0; i < body.len; i++)
        lf += body.ptr[i] == '\n';
    /* a log written with LF line ends shortens a body by one byte a line, and the framing may take
     * the last line end (two bytes): nothing is lost then */
    if (declared <= (uint64_t)body.len + lf + 2)
        return 0;
    *where = d.span;
    return 1;
}

void uclog__diag_unusable_evidence(run *R, struct uclog_diag_verdict *v)
{
    uint64_t n = R->life->nunusable;

    if (!v || !n)
        return;
    v->certainty = UCLOG_DIAG_INFERRED;
    v->reason = uclog__diag_printf(R->r, "%llu packets of the log could not be read as SIP messages: what is "
                                         "missing may be among them", (unsigned long long)n);
    uclog__diag_cite(R, v, NONE, &R->life->unusable[0],
                     uclog__diag_printf(R->r, "%llu packets yield no SIP message, the first here",
                                        (unsigned long long)n));
}

int uclog__diag_copy_files(run *R, uclog_log *log)
{
    uint32_t i, n = uclog_log_file_count(log);
    R->life->files = uclog_ctx_alloc(R->ctx, (n ? n : 1) * sizeof(char *));
    if (!R->life->files)
        return uclog__diag_fail(R, UCLOG_E_NOMEM);
    for (i = 0; i < n; i++) {
        const char *name = uclog_log_file_name(log, i);
        R->life->files[i] = uclog__diag_strdup(R->life, name, strlen(name));
        if (!R->life->files[i])
            return uclog__diag_fail(R, UCLOG_E_NOMEM);
    }
    R->life->nfiles = n;
    R->log = log;
    return UCLOG_OK;
}

int uclog__diag_bare(const run *R)
{
    uint32_t i, n = uclog_log_file_count(R->log);

    for (i = 0; i < n; i++)
        if (uclog_log_file_kind(R->log, i) != UCLOG_FILE_KIND_SIP)
            return 0;
    return n > 0;
}

void uclog__diag_free_run(run *R)
{
    uclog_ctx_dealloc(R->ctx, R->subs);
    uclog_ctx_dealloc(R->ctx, R->mras);
    uclog_ctx_dealloc(R->ctx, R->done);
    uclog_ctx_dealloc(R->ctx, R->uri_own);
    uclog_ctx_dealloc(R->ctx, R->problem_own);
    uclog_ctx_dealloc(R->ctx, R->ua_own);
    uclog_ctx_dealloc(R->ctx, R->version_own);
}
