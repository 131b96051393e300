/*
 * Following a file (include/uclog/follow.h) where the platform gives no way
 * to wait for a file to grow that this release uses (Windows: no poll(),
 * pipes or inotify). Every call is defined, so that the library exports the
 * symbols of its version map everywhere; uclog_follow_new() says the feature
 * is not available, and the rest never get an object.
 */
#include <uclog/follow.h>

#include "internal.h"

int uclog_follow_new(uclog_follow **out, uclog_ctx *ctx, const char *path, uint32_t flags)
{
    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!ctx || !path || (flags & ~(uint32_t)UCLOG_FOLLOW_POLL))
        return UCLOG_E_INVALID_ARG;
    return uclog__error(ctx, UCLOG_E_UNSUPPORTED, NULL,
                        "%s: following a file is not available on this platform in this release", path);
}

void uclog_follow_free(uclog_follow *f)
{
    (void)f;
}

int uclog_follow_set_times(uclog_follow *f, uint32_t flush_ms, uint32_t poll_ms)
{
    (void)f;
    (void)flush_ms;
    (void)poll_ms;
    return UCLOG_E_INVALID_ARG;
}

int uclog_follow_watching(const uclog_follow *f)
{
    (void)f;
    return 0;
}

void uclog_follow_stop(uclog_follow *f)
{
    (void)f;
}

int64_t uclog_follow_read(void *follow, void *buf, size_t cap)
{
    (void)follow;
    (void)buf;
    (void)cap;
    return -1;
}
