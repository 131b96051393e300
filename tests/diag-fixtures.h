/* What the diag suite's parts share (test-diag.c, test-diag-parts.c): a diagnosis run on
 * fixtures and the lookups its assertions use. */
#ifndef UCLOG_TEST_DIAG_FIXTURES_H
#define UCLOG_TEST_DIAG_FIXTURES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uclog/diag.h>
#include <uclog/sip.h>

#include "testutil.h"

typedef struct {
    uclog_ctx *ctx;
    uclog_log *log;
    uclog_diag_options *opts;
    uclog_diag_report *rep;
} diag;

static inline void opts_new(diag *d)
{
    d->ctx = tu_ctx();
    ck_assert_int_eq(uclog_diag_options_new(&d->opts, d->ctx), 0);
}

static inline void run_files(diag *d, const char *const *names, size_t n)
{
    char paths[4][4096];
    const char *p[4];
    size_t i;

    for (i = 0; i < n; i++) {
        snprintf(paths[i], sizeof(paths[i]), "%s", tu_data(names[i]));
        p[i] = paths[i];
    }
    ck_assert_int_eq(uclog_log_open_files(&d->log, d->ctx, p, n), 0);
    ck_assert_int_eq(uclog_diag_run(&d->rep, d->log, d->opts), 0);
}

static inline void run1(diag *d, const char *name)
{
    if (!d->ctx)
        opts_new(d);
    run_files(d, &name, 1);
}

static inline void done(diag *d)
{
    uclog_diag_report_free(d->rep);
    uclog_log_free(d->log);
    uclog_diag_options_free(d->opts);
    uclog_ctx_free(d->ctx);
    ck_assert_int_eq(tu_live, 0);
}

/* The codes of the report, in order, as "170 230". */
static inline const char *codes(const diag *d)
{
    static char buf[256];
    uint32_t i, n = uclog_diag_report_verdict_count(d->rep);
    size_t len = 0;
    buf[0] = '\0';
    for (i = 0; i < n; i++)
        len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%d", i ? " " : "",
                                (int)uclog_diag_verdict_code(uclog_diag_report_verdict(d->rep, i)));
    return buf;
}

static inline const uclog_diag_verdict *find(const diag *d, int32_t code)
{
    uint32_t i;
    for (i = 0; i < uclog_diag_report_verdict_count(d->rep); i++)
        if (uclog_diag_verdict_code(uclog_diag_report_verdict(d->rep, i)) == code)
            return uclog_diag_report_verdict(d->rep, i);
    ck_abort_msg("no verdict %d in %s", (int)code, codes(d));
    return NULL;
}

/* The evidence item whose detail contains `text`. */
static inline const uclog_diag_evidence *evidence_with(const uclog_diag_verdict *v, const char *text)
{
    uint32_t i;
    for (i = 0; i < uclog_diag_verdict_evidence_count(v); i++) {
        const uclog_diag_evidence *e = uclog_diag_verdict_evidence(v, i);
        if (strstr(uclog_diag_evidence_detail(e), text))
            return e;
    }
    ck_abort_msg("no evidence with \"%s\" in verdict %d", text, (int)uclog_diag_verdict_code(v));
    return NULL;
}

/* The streaming diagnosis, damaged and cut input, allocation failures (test-diag-parts.c). */
void diag_add_parts(TCase *tc);

#endif
