/* uclog-diagnose --stream: each part as it comes (diagnose-stream.h). */
#include <stdio.h>

#include "common.h"
#include "diagnose-json.h"
#include "diagnose-stream.h"

/* Whether a part has something shown: a call, or a log-wide verdict. */
static int part_shown(dv_view *view, const uclog_diag_report *part)
{
    uint32_t i;

    if (dv_shown_calls(view, part))
        return 1;
    for (i = 0; i < uclog_diag_report_verdict_count(part); i++)
        if (uclog_diag_verdict_call(uclog_diag_report_verdict(part, i)) < 0)
            return 1;
    return 0;
}

/* The files first; a call's part: its verdicts as they come; the last part: the client, then the
 * log-wide verdicts. With --summary: a line per call, the totals after the last part. */
int ds_print_part(const uclog_diag_report *part, void *userdata)
{
    ds_stream *st = userdata;
    dv_view *view = st->text->view;
    int last = uclog_diag_report_call_count(part) == 0;

    /* a stream's kind is known once its first record is read, before the first part */
    if (st->parts == 0 && dj_refuse_not_log(st->log, st->json))
        return EX_SAID;

    dv_note_worst(view, part);
    if (view->summary) {
        int rc = dt_summary_calls(st->text, part, st->calls);
        if (rc)
            return rc;
    } else if (st->json) {
        if (last || part_shown(view, part)) {
            dj_report(view, part, NULL, st->client_number);
            putchar('\n');
        }
    } else {
        int rc = dt_part(st->text, part);
        if (rc)
            return rc;
    }
    st->parts++;
    st->shown += dv_shown_calls(view, part);
    st->calls += uclog_diag_report_call_count(part);
    ex_stdout_flush();
    return 0;
}
