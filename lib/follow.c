/* Following a file as it is written: waiting, rotation, truncation. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef UCLOG_HAVE_INOTIFY
#include <sys/inotify.h>
#endif

#include <uclog/follow.h>

#include "internal.h"

#define FLUSH_MS_DEFAULT 500
#define POLL_MS_DEFAULT 250
#define WATCH_POLL_MS_DEFAULT 5000

struct uclog_follow {
    uclog_ctx *ctx;
    char *path;
    int fd;                /* the file being read */
    dev_t dev;             /* its identity, to tell when the path names another file */
    ino_t ino;
    uint64_t pos;          /* bytes read from fd */
    int rotating;          /* the path names another file: read fd to its end, then go there */
    int pending;           /* bytes were given since the last UCLOG_READ_IDLE */
    int64_t last_ms;       /* when they were read */
    int ended;
    volatile sig_atomic_t stopped;
    int wake[2];           /* uclog_follow_stop() writes to wake[1] */
    int watch_fd;          /* inotify, or -1 */
    uint32_t flush_ms, poll_ms;
};

static int64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int set_flags(int fd, int fl_flags)
{
    int fl = fcntl(fd, F_GETFL);

    if (fl < 0 || fcntl(fd, F_SETFL, fl | fl_flags) < 0)
        return -1;
    fl = fcntl(fd, F_GETFD);
    return fl < 0 || fcntl(fd, F_SETFD, fl | FD_CLOEXEC) < 0 ? -1 : 0;
}

/* Open the path as the file to read; 0, or an errno. */
static int open_file(struct uclog_follow *f, int *fd_out, struct stat *st)
{
    int fd = open(f->path, O_RDONLY);

    if (fd < 0)
        return errno;
    if (fstat(fd, st) != 0 || set_flags(fd, 0) != 0) {
        int err = errno;
        close(fd);
        return err;
    }
    if (!S_ISREG(st->st_mode)) {
        close(fd);
        return S_ISDIR(st->st_mode) ? EISDIR : EINVAL;
    }
    *fd_out = fd;
    return 0;
}

/*
 * Watch the directory that holds the file: a rotation creates the path
 * anew, which a watch on the file itself would not see. Any change there
 * wakes the follower, which then looks at its file. Failing to watch is not
 * an error: the follower polls instead.
 */
static void watch(struct uclog_follow *f)
{
#ifdef UCLOG_HAVE_INOTIFY
    const char *slash = strrchr(f->path, '/');
    char *dir;
    int fd = inotify_init();

    if (fd < 0)
        return;
    if (set_flags(fd, O_NONBLOCK) != 0) {
        close(fd);
        return;
    }
    dir = slash ? uclog__strndup(f->ctx, f->path, slash == f->path ? 1 : (size_t)(slash - f->path))
                : uclog__strndup(f->ctx, ".", 1);
    if (dir && inotify_add_watch(fd, dir, IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE |
                                              IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF) >= 0) {
        f->watch_fd = fd;
        fd = -1;
    }
    uclog__free(f->ctx, dir);
    if (fd >= 0)
        close(fd);
#else
    (void)f;
#endif
}

int uclog_follow_new(uclog_follow **out, uclog_ctx *ctx, const char *path, uint32_t flags)
{
    struct uclog_follow *f;
    struct stat st;
    int err;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!ctx || !path || (flags & ~(uint32_t)UCLOG_FOLLOW_POLL))
        return UCLOG_E_INVALID_ARG;
    f = uclog__calloc(ctx, 1, sizeof(*f));
    if (!f)
        return UCLOG_E_NOMEM;
    f->ctx = ctx;
    f->fd = f->wake[0] = f->wake[1] = f->watch_fd = -1;
    f->flush_ms = FLUSH_MS_DEFAULT;
    f->path = uclog__strndup(ctx, path, strlen(path));
    if (!f->path) {
        uclog_follow_free(f);
        return UCLOG_E_NOMEM;
    }
    if ((err = open_file(f, &f->fd, &st)) != 0) {
        uclog_follow_free(f);
        return uclog__error(ctx, UCLOG_E_IO, NULL, "%s: %s", path,
                            err == EINVAL ? "not a regular file, which cannot be followed" : strerror(err));
    }
    f->dev = st.st_dev;
    f->ino = st.st_ino;
    if (pipe(f->wake) != 0 || set_flags(f->wake[0], O_NONBLOCK) || set_flags(f->wake[1], O_NONBLOCK)) {
        err = errno;
        uclog_follow_free(f);
        return uclog__error(ctx, UCLOG_E_IO, NULL, "%s: %s", path, strerror(err));
    }
    if (!(flags & UCLOG_FOLLOW_POLL))
        watch(f);
    f->poll_ms = f->watch_fd >= 0 ? WATCH_POLL_MS_DEFAULT : POLL_MS_DEFAULT;
    *out = f;
    return UCLOG_OK;
}

void uclog_follow_free(uclog_follow *f)
{
    if (!f)
        return;
    if (f->fd >= 0)
        close(f->fd);
    if (f->wake[0] >= 0)
        close(f->wake[0]);
    if (f->wake[1] >= 0)
        close(f->wake[1]);
    if (f->watch_fd >= 0)
        close(f->watch_fd);
    uclog__free(f->ctx, f->path);
    uclog__free(f->ctx, f);
}

int uclog_follow_set_times(uclog_follow *f, uint32_t flush_ms, uint32_t poll_ms)
{
    if (!f)
        return UCLOG_E_INVALID_ARG;
    f->flush_ms = flush_ms ? flush_ms : FLUSH_MS_DEFAULT;
    f->poll_ms = poll_ms ? poll_ms : f->watch_fd >= 0 ? WATCH_POLL_MS_DEFAULT : POLL_MS_DEFAULT;
    return UCLOG_OK;
}

int uclog_follow_watching(const uclog_follow *f)
{
    return f && f->watch_fd >= 0;
}

void uclog_follow_stop(uclog_follow *f)
{
    int saved = errno;

    if (!f)
        return;
    f->stopped = 1;
    if (write(f->wake[1], "", 1) < 0) {
        /* the pipe is full: a wake-up is pending already */
    }
    errno = saved;
}

/* Go on in the file the path names now, from its start: 1, or 0 when it is
 * gone again (the old one is kept). */
static int switch_file(struct uclog_follow *f)
{
    struct stat st;
    int fd;

    f->rotating = 0;
    if (open_file(f, &fd, &st) != 0)
        return 0;
    close(f->fd);
    f->fd = fd;
    f->dev = st.st_dev;
    f->ino = st.st_ino;
    f->pos = 0;
    uclog__log(f->ctx, UCLOG_LOG_INFO, "%s: rotated; reading the new file from its start", f->path);
    return 1;
}

/*
 * At the end of what the file holds: was it truncated (shorter than what
 * was read), or does its path name another file now (rotated)? 1 when the
 * reading goes on somewhere else, 0 when there is nothing to do but wait.
 */
static int look(struct uclog_follow *f)
{
    struct stat st;

    if (fstat(f->fd, &st) == 0 && (uint64_t)st.st_size < f->pos) {
        if (lseek(f->fd, 0, SEEK_SET) == 0) {
            f->pos = 0;
            uclog__log(f->ctx, UCLOG_LOG_INFO, "%s: truncated; reading it again from its start", f->path);
            return 1;
        }
    }
    if (stat(f->path, &st) != 0 || (st.st_dev == f->dev && st.st_ino == f->ino))
        return 0; /* renamed away and not started again yet, or the same file */
    /* The client renames its file before it starts the new one: what the old
     * one holds now is all it will hold. Read it to its end, then switch. */
    f->rotating = 1;
    return 1;
}

/* Sleep until the directory changes, a stop, or timeout_ms. */
static void wait_change(struct uclog_follow *f, int64_t timeout_ms)
{
    struct pollfd p[2];
    char drain[4096];
    nfds_t n = 1;

    p[0].fd = f->wake[0];
    p[0].events = POLLIN;
    if (f->watch_fd >= 0) {
        p[1].fd = f->watch_fd;
        p[1].events = POLLIN;
        n = 2;
    }
    if (timeout_ms < 0)
        timeout_ms = 0;
    if (poll(p, n, (int)(timeout_ms > 60000 ? 60000 : timeout_ms)) <= 0)
        return; /* timed out, or a signal: the caller looks again */
    while (read(p[0].fd, drain, sizeof(drain)) > 0) {
    }
    if (n == 2)
        while (read(p[1].fd, drain, sizeof(drain)) > 0) {
        }
}

int64_t uclog_follow_read(void *follow, void *buf, size_t cap)
{
    struct uclog_follow *f = follow;

    if (!f)
        return -1;
    if (!buf || !cap)
        return uclog__error(f->ctx, UCLOG_E_INVALID_ARG, NULL, "%s: no room to read into", f->path), -1;
    if (f->ended)
        return 0;
    if (cap > SSIZE_MAX)
        cap = SSIZE_MAX;
    for (;;) {
        int64_t now, timeout;
        ssize_t n = read(f->fd, buf, cap);
        if (n > 0) {
            f->pos += (uint64_t)n;
            f->pending = 1;
            f->last_ms = now_ms();
            return (int64_t)n;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            uclog__error(f->ctx, UCLOG_E_IO, NULL, "%s: %s", f->path, strerror(errno));
            return -1;
        }
        if (f->rotating ? switch_file(f) : look(f))
            continue;
        if (f->stopped) {
            f->ended = 1;
            return 0;
        }
        now = now_ms();
        timeout = f->poll_ms;
        if (f->pending) {
            if (now - f->last_ms >= f->flush_ms) {
                f->pending = 0;
                return UCLOG_READ_IDLE;
            }
            if (f->last_ms + f->flush_ms - now < timeout)
                timeout = f->last_ms + f->flush_ms - now;
        }
        wait_change(f, timeout);
    }
}
