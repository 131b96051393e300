/**
 * @file uclog/follow.h
 * @brief Following a log file while the client writes it, as `tail -F` does.
 *
 * The client appends to `Lync-UccApi-0.UccApilog` while the user works, and
 * rotates it: the file is renamed to `-1` and a new `-0` is started. A
 * follower reads what the file holds, then waits for what is appended, and
 * goes on in the new file after a rotation (having read the old one to its
 * end) or from the start after a truncation. It is a read callback:
 * ```
 * uclog_follow_new(&f, ctx, path, 0);
 * uclog_log_open_live(&log, ctx, uclog_follow_read, f, path);
 * ... iterate records or messages, or uclog_diag_run_parts(), as for any stream ...
 * ```
 * and the iteration ends when uclog_follow_stop() is called (from a signal
 * handler, or another thread) and what the file holds then has been read.
 *
 * Waiting costs no processor time: where the system has inotify the
 * follower sleeps until the file's directory changes (and looks at the file
 * every few seconds anyway, for file systems that send no events); elsewhere
 * it looks at the file at an interval (uclog_follow_set_times()).
 *
 * What the follower noticed (a rotation, a truncation) is told through the
 * context's log callback (uclog_ctx_set_log_fn(), level UCLOG_LOG_INFO), one
 * line naming the file.
 *
 * Threads: one thread reads; only uclog_follow_stop() may be called from
 * another thread or a signal handler.
 */
#ifndef UCLOG_FOLLOW_H
#define UCLOG_FOLLOW_H

#include <uclog/common.h>
#include <uclog/errors.h>
#include <uclog/log.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A file being followed. */
typedef struct uclog_follow uclog_follow;

/** Flags of uclog_follow_new(). */
enum uclog_follow_flag {
    /** Look at the file at an interval, never through inotify (for a file
     * system that sends no events, or to test that path). */
    UCLOG_FOLLOW_POLL = 1
};

/**
 * Start following a file: it is opened now, and read from its start.
 * @param[out] out the follower, owned by the caller (uclog_follow_free());
 *             it must outlive any log reading through it.
 * @param ctx the context; must outlive the follower.
 * @param path the file (copied); it must exist and be a regular file.
 * @param flags ::uclog_follow_flag values, or'ed; 0 for the defaults.
 * @return 0; UCLOG_E_IO (missing, unreadable, not a regular file; the
 *         context's errmsg names the file); UCLOG_E_NOMEM;
 *         UCLOG_E_INVALID_ARG (no @p out, @p ctx or @p path, an unknown
 *         flag).
 * On Windows this release has no follower: the call returns
 * ::UCLOG_E_UNSUPPORTED (lib/follow-none.c).
 * @since 1.3
 */
UCLOG_EXPORT int uclog_follow_new(uclog_follow **out, uclog_ctx *ctx, const char *path, uint32_t flags);

/**
 * Free a follower and close its file.
 * @param f the follower, or NULL (nothing is done).
 * @since 1.3
 */
UCLOG_EXPORT void uclog_follow_free(uclog_follow *f);

/**
 * Set how long to wait.
 * @param f the follower.
 * @param flush_ms how long nothing new must come before the records held
 *        are handed out (uclog_follow_read() then returns
 *        ::UCLOG_READ_IDLE); 0 for the default, 500 ms.
 * @param poll_ms how often the file is looked at when no event says it
 *        changed; 0 for the default: 250 ms without inotify, 5 s with it.
 * @return 0, or UCLOG_E_INVALID_ARG for a NULL follower.
 * @since 1.3
 */
UCLOG_EXPORT int uclog_follow_set_times(uclog_follow *f, uint32_t flush_ms, uint32_t poll_ms);

/**
 * 1 when the follower sleeps until inotify says the file's directory
 * changed, 0 when it looks at the file at an interval (no inotify on this
 * system, it could not watch the directory, or ::UCLOG_FOLLOW_POLL).
 * @param f the follower; NULL gives 0.
 * @return 1 or 0.
 * @since 1.3
 */
UCLOG_EXPORT int uclog_follow_watching(const uclog_follow *f);

/**
 * The read callback (a ::uclog_read_fn) of a live log
 * (uclog_log_open_live()): the bytes the file holds past what was read,
 * else waits until there are some. When the file was rotated (its path
 * now names another file), what the old file holds is read to its end
 * first, then the new file from its start; when it shrank (truncated), it
 * is read again from its start (a file truncated and written past the
 * length read before the follower looked cannot be told from one that
 * grew, as with `tail -F`). Both are told through the context's log
 * callback. The bytes of the files follow each other as one stream.
 * @param follow the follower (a `uclog_follow *`).
 * @param buf where the bytes go.
 * @param cap room at @p buf.
 * @return the number of bytes read (1 to @p cap); ::UCLOG_READ_IDLE once
 *         the bytes read last are flush_ms old with nothing after them; 0
 *         after uclog_follow_stop(), once the file (and a file it was
 *         rotated to) is read to its end; -1 on a read error or a NULL
 *         argument (the error is recorded on the context).
 * @since 1.3
 */
UCLOG_EXPORT int64_t uclog_follow_read(void *follow, void *buf, size_t cap);

/**
 * Ask the follower to end: uclog_follow_read() reads what the file holds
 * now, then returns 0, and a wait in progress returns at once. Safe to
 * call from a signal handler (it sets a flag and writes one byte to a
 * pipe) and from another thread.
 * @param f the follower, or NULL (nothing is done).
 * @since 1.3
 */
UCLOG_EXPORT void uclog_follow_stop(uclog_follow *f);

#ifdef __cplusplus
}
#endif
#endif
