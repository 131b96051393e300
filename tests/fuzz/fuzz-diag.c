/*
 * Fuzz target: the whole diagnosis of one buffer as a log, with and without
 * Edge addresses, with default limits, tiny limits and a failing allocator;
 * every verdict, evidence item and checklist line is read, and the text of
 * the report written (uclog/diag-text.h: no control byte of the log in it).
 * The same again in parts (uclog_diag_run_parts), every part read and
 * written the same way.
 */
#include <uclog/diag-text.h>
#include <uclog/diag.h>

#include "fuzz.h"

static void walk_report(const uclog_diag_report *r)
{
    uint32_t i, k, n = uclog_diag_report_verdict_count(r);

    for (i = 0; i < uclog_diag_report_file_count(r); i++)
        FZ_CHECK(uclog_diag_report_file_name(r, i) != NULL);
    FZ_CHECK(uclog_diag_report_client_location_reason(r) != NULL);
    for (i = 0; i < uclog_diag_report_call_count(r); i++)
        FZ_CHECK(uclog_diag_report_call_id(r, i) != NULL);
    for (i = 0; i < n; i++) {
        const uclog_diag_verdict *v = uclog_diag_report_verdict(r, i);
        const char *s;
        FZ_CHECK(v != NULL);
        FZ_CHECK(uclog_diag_code_name(uclog_diag_verdict_code(v)) != NULL);
        s = uclog_diag_verdict_summary(v);
        fz_str((uclog_str){s, strlen(s)});
        if (uclog_diag_verdict_certainty(v) == UCLOG_DIAG_INFERRED)
            FZ_CHECK(uclog_diag_verdict_reason(v) != NULL);
        for (k = 0; k < uclog_diag_verdict_evidence_count(v); k++) {
            const uclog_diag_evidence *e = uclog_diag_verdict_evidence(v, k);
            uclog_span sp;
            uclog_timestamp ts;
            s = uclog_diag_evidence_detail(e);
            fz_str((uclog_str){s, strlen(s)});
            uclog_diag_evidence_span(&sp, e);
            fz_span(&sp);
            if (uclog_diag_evidence_time(&ts, e) == 0)
                fz_sink += ts.millisecond;
            if ((s = uclog_diag_evidence_call_id(e)) != NULL)
                fz_str((uclog_str){s, strlen(s)});
        }
        for (k = 0; k < uclog_diag_verdict_checklist_count(v); k++)
            FZ_CHECK(uclog_diag_verdict_checklist(v, k) != NULL);
    }
}

/* The text without colour: line feeds and printable UTF-8, no C0, DEL or C1 (within a piece). */
static int check_text(const char *s, size_t n, void *userdata)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i;

    (void)userdata;
    for (i = 0; i < n; i++) {
        FZ_CHECK(p[i] == '\n' || (p[i] >= 0x20 && p[i] != 0x7F));
        FZ_CHECK(!(p[i] == 0xC2 && i + 1 < n && p[i + 1] < 0xA0));
    }
    fz_sink += n;
    return 0;
}

/* A renderer: a width, --failures, a --call-id and the summary's JSON form from the input's first
 * and last bytes; stream: the summary of parts. */
static uclog_diag_text *text_new(uclog_ctx *ctx, const uint8_t *data, size_t size, int stream)
{
    uclog_diag_text *t = NULL;
    int rc = uclog_diag_text_new(&t, ctx, size ? data[size - 1] % 100 : 0,
                                 (size && (data[0] & 4) ? UCLOG_DIAG_TEXT_FAILURES : 0) |
                                     (size && (data[0] & 16) ? UCLOG_DIAG_TEXT_JSON : 0) |
                                     (stream ? UCLOG_DIAG_TEXT_STREAM : 0));

    if (rc == 0 && size && (data[0] & 8))
        rc = uclog_diag_text_add_call_id(t, "a");
    FZ_CHECK(rc == 0 || rc == UCLOG_E_NOMEM);
    if (rc) {
        uclog_diag_text_free(t);
        return NULL;
    }
    return t;
}

typedef struct {
    uint32_t parts, calls;
    uclog_diag_text *t; /* NULL: could not be made (a failing allocator) */
} parts_state;

static int walk_part(const uclog_diag_report *part, void *userdata)
{
    parts_state *st = userdata;
    uint32_t i;
    FZ_CHECK(uclog_diag_report_call_count(part) <= 1);
    for (i = 0; i < uclog_diag_report_verdict_count(part); i++)
        FZ_CHECK(uclog_diag_verdict_call(uclog_diag_report_verdict(part, i)) <
                 (int32_t)uclog_diag_report_call_count(part));
    walk_report(part);
    if (st->t) {
        FZ_CHECK(uclog_diag_text_part(st->t, part, check_text, NULL) == 0);
        FZ_CHECK(uclog_diag_text_summary_calls(st->t, part, st->calls, check_text, NULL) == 0);
    }
    st->parts++;
    st->calls += uclog_diag_report_call_count(part);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int cfg;

    for (cfg = 0; cfg < 3; cfg++) {
        uclog_ctx *ctx = fz_ctx(cfg, data, size);
        uclog_log *log = NULL;
        uclog_diag_options *opts = NULL;
        uclog_diag_report *rep = NULL;
        int rc = uclog_log_open_buffer(&log, ctx, data, size, "fuzz");

        if (rc == 0)
            rc = uclog_diag_options_new(&opts, ctx);
        if (rc == 0 && size && (data[0] & 1))
            rc = uclog_diag_options_add_edge_ip(opts, "131.107.0.10");
        if (rc == 0 && size && (data[0] & 2))
            rc = uclog_diag_options_add_edge_private_ip(opts, "10.20.30.40");
        if (rc == 0)
            rc = uclog_diag_run(&rep, log, opts);
        fz_status(rc);
        FZ_CHECK(rc == 0 || rc == UCLOG_E_NOMEM || (fz_archive(data, size) && fz_archive_error(rc) && !log));
        if (rc == 0) {
            uclog_diag_text *t = text_new(ctx, data, size, 0);
            walk_report(rep);
            if (t) {
                FZ_CHECK(uclog_diag_text_report(t, rep, check_text, NULL) == 0);
                FZ_CHECK(uclog_diag_text_summary_calls(t, rep, 0, check_text, NULL) == 0);
                FZ_CHECK(uclog_diag_text_summary_end(t, uclog_diag_report_call_count(rep), check_text, NULL) == 0);
            }
            uclog_diag_text_free(t);
        }
        if (rc == 0 || rc == UCLOG_E_NOMEM) {
            parts_state st = {0, 0, NULL};
            int prc;
            st.t = log && opts ? text_new(ctx, data, size, 1) : NULL;
            prc = log && opts ? uclog_diag_run_parts(log, opts, walk_part, &st) : UCLOG_E_NOMEM;
            fz_status(prc);
            FZ_CHECK(prc == 0 || prc == UCLOG_E_NOMEM);
            FZ_CHECK(prc != 0 || st.parts >= 1); /* the last part always comes */
            if (prc == 0 && st.t)
                FZ_CHECK(uclog_diag_text_summary_end(st.t, st.calls, check_text, NULL) == 0);
            uclog_diag_text_free(st.t);
        }
        uclog_diag_report_free(rep);
        uclog_diag_options_free(opts);
        uclog_log_free(log);
        fz_ctx_free(ctx);
    }
    return 0;
}
