/**
 * @file uclog/common.h
 * @brief The export macro, string views, positions, the context object.
 *
 * Threading: a ::uclog_ctx and every object made from it may be used by one
 * thread at a time; different contexts are independent. The library has no
 * global mutable state and never writes to stdout or stderr.
 */
#ifndef UCLOG_COMMON_H
#define UCLOG_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @cond INTERNAL */
#if defined(_WIN32) && defined(UCLOG_BUILDING)
#define UCLOG_EXPORT __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
#define UCLOG_EXPORT __attribute__((visibility("default")))
#else
#define UCLOG_EXPORT
#endif
#if defined(__GNUC__) || defined(__clang__)
#define UCLOG_DEPRECATED __attribute__((deprecated))
#else
#define UCLOG_DEPRECATED
#endif
/** @endcond */

/**
 * A view of bytes owned by somebody else. Not NUL-terminated.
 * An absent value is `{NULL, 0}`; an empty one has a non-NULL `ptr`.
 * This layout is frozen for every 1.x release.
 */
typedef struct uclog_str {
    const char *ptr; /**< first byte, or NULL when absent */
    size_t len;      /**< number of bytes */
} uclog_str;

/**
 * Where something is in its source. Frozen for every 1.x release.
 * For a log, `offset` is the byte offset in the file (or in the UTF-8 text
 * a UTF-16 file was transcoded to), `line` and `column` are 1-based, and
 * `file` is the index of the file in its log (see uclog_log_file_name()).
 * For a buffer parsed on its own (a SIP message, an SDP body) the offset is
 * relative to that buffer plus the base the caller gave, and `file` is 0.
 * Line and column have 32 bits: past 4 294 967 295 (a file over 4 GiB of
 * lines, or a line over 4 GiB) they saturate at 4 294 967 295 (UINT32_MAX),
 * never wrap; `offset` stays exact. A record whose positions saturated
 * carries the defect UCLOG_DEFECT_POSITION_SATURATED (since 1.2).
 */
typedef struct uclog_span {
    uint64_t offset; /**< byte offset of the first byte */
    uint64_t length; /**< number of bytes */
    uint32_t line;   /**< 1-based line of the first byte (0: unknown) */
    uint32_t column; /**< 1-based column, in bytes (0: unknown) */
    uint32_t file;   /**< index of the file within its log */
    uint32_t reserved; /**< always 0 */
} uclog_span;

/**
 * Allocator hooks, the same shape as expat's XML_Memory_Handling_Suite so
 * that they can be handed to it unchanged. Frozen for every 1.x release.
 */
typedef struct uclog_mem {
    void *(*malloc_fcn)(size_t size);             /**< as malloc() */
    void *(*realloc_fcn)(void *ptr, size_t size); /**< as realloc() */
    void (*free_fcn)(void *ptr);                  /**< as free() */
} uclog_mem;

/** The context: allocator, limits, log callback, last error detail. */
typedef struct uclog_ctx uclog_ctx;

/** Limits, set with uclog_ctx_set_limit(). */
enum uclog_limit {
    UCLOG_LIMIT_MAX_RECORD_BYTES = 1,  /**< a longer record is cut (defect); default 64 MiB */
    UCLOG_LIMIT_MAX_LINE_BYTES = 2,    /**< a longer line is a defect; default 1 MiB */
    UCLOG_LIMIT_MAX_SIP_HEADERS = 3,   /**< headers kept per SIP message; default 1024 */
    UCLOG_LIMIT_MAX_MIME_PARTS = 4,    /**< parts per multipart body; default 64 */
    UCLOG_LIMIT_MAX_SDP_LINES = 5,     /**< lines per SDP body; default 8192 */
    UCLOG_LIMIT_MAX_CANDIDATES = 6,    /**< candidates per SDP body; default 1024 */
    UCLOG_LIMIT_MAX_XML_DEPTH = 7,     /**< element nesting; default 64 */
    UCLOG_LIMIT_MAX_XML_ELEMENTS = 8,  /**< elements per XML body; default 100000 */
    UCLOG_LIMIT_MAX_XML_BYTES = 9,     /**< bytes per XML body; default 16 MiB */
    UCLOG_LIMIT_MAX_FILES = 10,        /**< files per log set; default 256 */
    /**
     * bytes read from a file that has no size (a FIFO, a pipe, a character
     * device, a socket) opened by uclog_log_open_file(), which reads it whole
     * into memory; more is UCLOG_E_LIMIT. Default 256 MiB. @since 1.2
     */
    UCLOG_LIMIT_MAX_UNSIZED_FILE_BYTES = 11,
    /**
     * bytes decompressed from one archive a log is opened from (a gzip
     * file, or the client logs of a zip file together), which are held in
     * memory; more is UCLOG_E_LIMIT, and nothing is kept. A few kilobytes
     * of archive may stand for gigabytes. Default 1 GiB. @since 1.3
     */
    UCLOG_LIMIT_MAX_ARCHIVE_BYTES = 12
};

/** Severity of a message given to the log callback. */
enum uclog_log_level {
    UCLOG_LOG_ERROR = 1,
    UCLOG_LOG_WARNING = 2,
    UCLOG_LOG_INFO = 3,
    UCLOG_LOG_DEBUG = 4
};

/**
 * Log callback: receives one NUL-terminated line (no line break), valid
 * only during the call.
 */
typedef void (*uclog_log_fn)(int32_t level, const char *message, void *userdata);

/**
 * Create a context.
 * @param[out] out the new context, owned by the caller; free it with
 *             uclog_ctx_free() after every object made from it.
 * @param mem  allocator hooks (copied), or NULL for malloc/realloc/free.
 *             All three members must be set.
 * @return 0, UCLOG_E_INVALID_ARG, or UCLOG_E_NOMEM.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_ctx_new(uclog_ctx **out, const uclog_mem *mem);

/** Free a context. NULL is accepted. @since 1.0 */
UCLOG_EXPORT void uclog_ctx_free(uclog_ctx *ctx);

/**
 * Set a limit (see ::uclog_limit). A value of 0 restores the default.
 * @return 0, or UCLOG_E_INVALID_ARG for an unknown limit.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_ctx_set_limit(uclog_ctx *ctx, uint32_t limit, uint64_t value);

/**
 * The current value of a limit, or 0 for an unknown limit or a NULL context.
 * @since 1.0
 */
UCLOG_EXPORT uint64_t uclog_ctx_get_limit(const uclog_ctx *ctx, uint32_t limit);

/**
 * Install a log callback (NULL removes it). Messages at or below
 * @p max_level are delivered.
 * @since 1.0
 */
UCLOG_EXPORT void uclog_ctx_set_log_fn(uclog_ctx *ctx, uclog_log_fn fn, void *userdata,
                                       int32_t max_level);

/**
 * Text that explains the last error returned by a call on this context (or
 * on an object made from it). Never NULL; valid until the next call that
 * fails on this context.
 * @since 1.0
 */
UCLOG_EXPORT const char *uclog_ctx_errmsg(const uclog_ctx *ctx);

/**
 * The code of the last error on this context (0 when there was none).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_ctx_errcode(const uclog_ctx *ctx);

/**
 * Where the last error happened.
 * @param[out] out filled when the last error has a position.
 * @param ctx the context; a failure's error is recorded on it.
 * @return 0, or UCLOG_E_NOT_FOUND when it has none.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_ctx_error_span(uclog_span *out, const uclog_ctx *ctx);

/**
 * Allocate through the context's hooks, for code built on libuclog (the
 * diagnostics library, bindings) that wants its memory counted with the
 * library's. Free with uclog_ctx_dealloc().
 * @return the block, or NULL (also for a NULL context).
 * @since 1.0
 */
UCLOG_EXPORT void *uclog_ctx_alloc(const uclog_ctx *ctx, size_t size);

/**
 * Resize a block from uclog_ctx_alloc() (NULL @p ptr allocates).
 * @return the block, or NULL with @p ptr untouched.
 * @since 1.0
 */
UCLOG_EXPORT void *uclog_ctx_realloc(const uclog_ctx *ctx, void *ptr, size_t size);

/** Free a block from uclog_ctx_alloc(). NULL is accepted. @since 1.0 */
UCLOG_EXPORT void uclog_ctx_dealloc(const uclog_ctx *ctx, void *ptr);

/**
 * Split off the first line of @p rest: @p line gets its text without the
 * line end (LF or CRLF), @p rest what follows the line end.
 * @return 0 when a line was taken, 1 (UCLOG_DONE) when @p rest was empty.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_str_next_line(uclog_str *line, uclog_str *rest);

/**
 * Length of the UTF-8 character that starts at @p p, of which @p n bytes
 * are there: 1 for an ASCII byte (control characters included), 2 to 4 for
 * a well-formed multi-byte sequence, 0 when the bytes at @p p are not one
 * (a stray continuation byte, an overlong form, a surrogate, a code point
 * past U+10FFFF, or a sequence cut short by @p n). The rule the library
 * uses for its UTF-8 defects and the programs for their text output; a
 * caller that escapes text steps over one byte where this returns 0.
 * @param p  the bytes (not NUL-terminated; may be NULL when @p n is 0)
 * @param n  how many bytes may be read from @p p
 * @return 0 to 4, never more than @p n; 0 when @p n is 0
 * @since 1.3
 */
UCLOG_EXPORT size_t uclog_utf8_char_len(const char *p, size_t n);

/**
 * Whether the character that starts at @p p (@p n bytes there) is text a
 * terminal shows as it is: a well-formed UTF-8 character
 * (uclog_utf8_char_len() > 0) that is no control character: not C0
 * (U+0000-U+001F, tab, CR and LF included), not DEL (U+007F), not C1
 * (U+0080-U+009F, which some terminals obey as commands). The rule by which
 * libuclog-diag's text renderer and the programs write any other character,
 * and any byte that is not UTF-8, as one `?` (stepping over
 * uclog_utf8_char_len() bytes, or one when it is 0).
 * @param p  the bytes (not NUL-terminated; may be NULL when @p n is 0)
 * @param n  how many bytes may be read from @p p
 * @return 1 when shown as it is, 0 otherwise (0 when @p n is 0)
 * @since 1.3
 */
UCLOG_EXPORT int uclog_utf8_char_shown(const char *p, size_t n);

#ifdef __cplusplus
}
#endif
#endif
