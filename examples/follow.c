/* --follow: a log file read as the client writes it, ended by Ctrl-C. */
#include "follow.h"

#include <stdio.h>

#include "common.h"
#include "os.h"

/* The follower the signal handler stops: one per program. */
static uclog_follow *stopping;

static void on_interrupt(void)
{
    uclog_follow_stop(stopping);
}

/* What the follower noticed (a rotation, a truncation); errors are the program's to tell. */
static void note(int32_t level, const char *message, void *userdata)
{
    if (level == UCLOG_LOG_INFO)
        fprintf(stderr, "%s: %s\n", (const char *)userdata, message);
}

int ex_follow_open(uclog_log **log, uclog_follow **f, uclog_ctx *ctx, const char *prog, const char *path)
{
    int rc;

    *log = NULL;
    *f = NULL;
    if ((rc = uclog_follow_new(f, ctx, path, 0)) == 0)
        rc = uclog_log_open_live(log, ctx, uclog_follow_read, *f, path);
    if (rc) {
        fprintf(stderr, "%s: %s\n", prog, uclog_ctx_errcode(ctx) == rc ? uclog_ctx_errmsg(ctx) : uclog_strerror(rc));
        uclog_follow_free(*f);
        *f = NULL;
        return EX_SAID;
    }
    uclog_ctx_set_log_fn(ctx, note, (void *)(uintptr_t)prog, UCLOG_LOG_INFO);
    setvbuf(stdout, NULL, _IOLBF, 0);
    stopping = *f;
    ex_os_on_interrupt(on_interrupt); /* a second Ctrl-C ends the program at once */
    return 0;
}

void ex_follow_close(uclog_follow *f)
{
    if (!f)
        return;
    ex_os_interrupt_reset();
    stopping = NULL;
    uclog_follow_free(f);
}
