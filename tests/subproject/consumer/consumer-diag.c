/* Uses libuclog-diag (and through it libuclog): the verdict codes of a log. */
#include <stdio.h>

#include <uclog/diag.h>
#include <uclog/uclog.h>

int main(int argc, char **argv)
{
    uclog_ctx *ctx = NULL;
    uclog_log *log = NULL;
    uclog_diag_report *rep = NULL;
    int rc;
    uint32_t i;

    if (argc != 2 || uclog_ctx_new(&ctx, NULL))
        return 2;
    rc = uclog_log_open_file(&log, ctx, argv[1]);
    if (!rc)
        rc = uclog_diag_run(&rep, log, NULL);
    if (rc) {
        fprintf(stderr, "%s\n", uclog_strerror(rc));
        return 2;
    }
    for (i = 0; i < uclog_diag_report_verdict_count(rep); i++)
        printf("%d\n", (int)uclog_diag_verdict_code(uclog_diag_report_verdict(rep, i)));
    uclog_diag_report_free(rep);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    return uclog_version() >> 16 == 1 ? 0 : 1;
}
