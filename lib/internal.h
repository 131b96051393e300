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

#include <uclog/common.h>
#include <uclog/errors.h>

#define UCLOG__NLIMITS 12

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
    __attribute__((format(printf, 4, 5)))
#endif
    ;
void uclog__log(const uclog_ctx *ctx, int32_t level, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
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

/* ASCII helpers that do not depend on the locale. */
static inline int uclog__is_digit(int c) { return c >= '0' && c <= '9'; }
static inline int uclog__is_space(int c) { return c == ' ' || c == '\t'; }
static inline int uclog__to_lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static inline int uclog__hex_value(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Case-insensitive comparison of a view with a NUL-terminated ASCII string. */
int uclog__str_ieq(uclog_str s, const char *lit);
/* A view equal, ignoring ASCII case, to a literal written in lower case:
 * UCLOG__IEQ(s, "content-length"). No strlen: the length is the literal's. */
static inline int uclog__ieq_lower(uclog_str s, const char *lower, size_t n)
{
    size_t i;

    if (s.len != n)
        return 0;
    for (i = 0; i < n; i++)
        if (uclog__to_lower((unsigned char)s.ptr[i]) != (unsigned char)lower[i])
            return 0;
    return 1;
}
#define UCLOG__IEQ(s, lit) uclog__ieq_lower((s), "" lit, sizeof(lit) - 1)

/* Trim spaces and tabs (and CR/LF) at both ends. */
uclog_str uclog__str_trim(uclog_str s);

#endif
