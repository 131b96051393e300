/* Private helpers shared by the library's source files. Never installed. */
#ifndef UCLOG_INTERNAL_H
#define UCLOG_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>

/* A compile-time check, in C99: an array of negative size when cond is false. */
#define UCLOG__STATIC_ASSERT(cond, name) typedef char uclog__static_assert_##name[(cond) ? 1 : -1]

/* What malloc aligns every block for. */
typedef union {
    void *p;
    long l;
    long long ll;
    double d;
    long double ld;
} uclog__max_align;
#include <stdint.h>
#include <string.h>

#include "os.h"

#include <uclog/common.h>
#include <uclog/errors.h>

#include "ascii.h"

#define UCLOG__NLIMITS 13

struct uclog_ctx {
    uclog_mem mem;
    uint64_t limits[UCLOG__NLIMITS];
    uint32_t pos_max; /* largest line or column a record reports: UINT32_MAX but in tests */
    uclog_log_fn log_fn;
    void *log_userdata;
    int32_t log_max_level;
    int errcode;
    int has_span;
    uclog_span errspan;
    char errmsg[256];
};

/* Allocation through the context's hooks. Sizes that overflow fail. */
void *uclog__malloc(const uclog_ctx *ctx, size_t size);
void *uclog__calloc(const uclog_ctx *ctx, size_t n, size_t size);
void *uclog__realloc(const uclog_ctx *ctx, void *ptr, size_t size);
void *uclog__reallocarray(const uclog_ctx *ctx, void *ptr, size_t n, size_t size);
void uclog__free(const uclog_ctx *ctx, void *ptr);
char *uclog__strndup(const uclog_ctx *ctx, const char *s, size_t n);

/* Grow *arr (of *cap elements of size elem) so it holds at least need. */
int uclog__grow(const uclog_ctx *ctx, void **arr, size_t *cap, size_t need, size_t elem);

/* Record the detail of an error on the context and return code. span may be NULL. */
int uclog__error(uclog_ctx *ctx, int code, const uclog_span *span, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(UCLOG__PRINTF, 4, 5)))
#endif
    ;
void uclog__log(const uclog_ctx *ctx, int32_t level, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(UCLOG__PRINTF, 3, 4)))
#endif
    ;

/* Lower the largest line and column the record layer reports, so that tests
 * reach it on a small input; the library never calls it. */
void uclog__ctx_set_position_max(uclog_ctx *ctx, uint32_t max);

/* A 64-bit count as a 32-bit position, saturated (see uclog_span). */
static inline uint32_t uclog__sat32(uint64_t v)
{
    return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

static inline uint64_t uclog__limit(const uclog_ctx *ctx, uint32_t which)
{
    return ctx->limits[which];
}

/* Trim spaces and tabs (and CR/LF) at both ends. */
uclog_str uclog__str_trim(uclog_str s);

/* The line that starts at d[at] (at < len): its end, before its LF or CR LF (len when none),
 * and in *next where the line after it starts (len at the end). */
size_t uclog__line_end(const char *d, size_t len, size_t at, size_t *next);

#endif
