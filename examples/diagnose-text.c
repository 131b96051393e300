/* uclog-diagnose's text through libuclog-diag's renderer (diagnose-text.h). */
#include <stdio.h>

#include "common.h"
#include "diagnose-text.h"

static int write_stdout(const char *s, size_t n, void *userdata)
{
    (void)userdata;
    return ex_stdout_write(s, n);
}

/* The renderer, once the output's width and colour are known, told the view's calls. */
static int renderer(dt_text *t)
{
    const dv_view *view = t->view;
    uint32_t flags = (t->colour ? UCLOG_DIAG_TEXT_COLOUR : 0) | (view->failures ? UCLOG_DIAG_TEXT_FAILURES : 0) |
                     (view->json ? UCLOG_DIAG_TEXT_JSON : 0) | (view->stream ? UCLOG_DIAG_TEXT_STREAM : 0);
    size_t k;
    int rc;

    if (t->r)
        return 0;
    rc = uclog_diag_text_new(&t->r, t->ctx, t->width > 0 ? (uint32_t)t->width : 0, flags);
    for (k = 0; rc == 0 && k < view->nids; k++)
        rc = uclog_diag_text_add_call_id(t->r, view->ids[k]);
    if (rc == 0)
        rc = uclog_diag_text_set_client_number(t->r, t->client_number > 0 ? (uint32_t)t->client_number : 0);
    if (rc) {
        dt_close(t);
        fputs("uclog-diagnose: out of memory\n", stderr);
    }
    return rc;
}

int dt_report(dt_text *t, const uclog_diag_report *r)
{
    int rc = renderer(t);

    if (rc == 0)
        uclog_diag_text_report(t->r, r, write_stdout, NULL); /* a write error is told at the close */
    return rc;
}

int dt_part(dt_text *t, const uclog_diag_report *part)
{
    int rc = renderer(t);

    if (rc == 0)
        uclog_diag_text_part(t->r, part, write_stdout, NULL);
    return rc;
}

int dt_summary_calls(dt_text *t, const uclog_diag_report *r, uint32_t first)
{
    int rc = renderer(t);

    if (rc == 0)
        uclog_diag_text_summary_calls(t->r, r, first, write_stdout, NULL);
    return rc;
}

int dt_summary_end(dt_text *t, uint32_t calls)
{
    int rc = renderer(t);

    if (rc == 0)
        uclog_diag_text_summary_end(t->r, calls, write_stdout, NULL);
    return rc;
}

int dt_summary_report(dt_text *t, const uclog_diag_report *r)
{
    int rc = dt_summary_calls(t, r, 0);

    return rc ? rc : dt_summary_end(t, uclog_diag_report_call_count(r));
}

void dt_close(dt_text *t)
{
    uclog_diag_text_free(t->r);
    t->r = NULL;
}
