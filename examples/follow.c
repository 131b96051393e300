/* --follow: a log file read as the client writes it, ended by Ctrl-C. */
#include "follow.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "common.h"

/* The follower the signal handler stops: one per program. */
static uclog_follow *stopping;
static struct sigaction old_int, old_term;

static void on_signal(int sig)
{
    (void)sig;
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
    struct sigaction sa;
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
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESETHAND; /* a second Ctrl-C ends the program at once */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    return 0;
}

void ex_follow_close(uclog_follow *f)
{
    if (!f)
        return;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    stopping = NULL;
    uclog_follow_free(f);
}
