/* The context: allocator hooks, limits, log callback, last error. */
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

static const uint64_t default_limits[UCLOG__NLIMITS] = {
    0,
    64u << 20, /* UCLOG_LIMIT_MAX_RECORD_BYTES */
    1u << 20,  /* UCLOG_LIMIT_MAX_LINE_BYTES */
    1024,      /* UCLOG_LIMIT_MAX_SIP_HEADERS */
    64,        /* UCLOG_LIMIT_MAX_MIME_PARTS */
    8192,      /* UCLOG_LIMIT_MAX_SDP_LINES */
    1024,      /* UCLOG_LIMIT_MAX_CANDIDATES */
    64,        /* UCLOG_LIMIT_MAX_XML_DEPTH */
    100000,    /* UCLOG_LIMIT_MAX_XML_ELEMENTS */
    16u << 20, /* UCLOG_LIMIT_MAX_XML_BYTES */
    256,       /* UCLOG_LIMIT_MAX_FILES */
    256u << 20, /* UCLOG_LIMIT_MAX_UNSIZED_FILE_BYTES */
    1u << 30,   /* UCLOG_LIMIT_MAX_ARCHIVE_BYTES */
};

int uclog_ctx_new(uclog_ctx **out, const uclog_mem *mem)
{
    uclog_mem m;
    uclog_ctx *ctx;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (mem) {
        if (!mem->malloc_fcn || !mem->realloc_fcn || !mem->free_fcn)
            return UCLOG_E_INVALID_ARG;
        m = *mem;
    } else {
        m.malloc_fcn = malloc;
        m.realloc_fcn = realloc;
        m.free_fcn = free;
    }
    ctx = m.malloc_fcn(sizeof(*ctx));
    if (!ctx)
        return UCLOG_E_NOMEM;
    memset(ctx, 0, sizeof(*ctx));
    ctx->mem = m;
    memcpy(ctx->limits, default_limits, sizeof(ctx->limits));
    ctx->pos_max = UINT32_MAX;
    *out = ctx;
    return UCLOG_OK;
}

void uclog_ctx_free(uclog_ctx *ctx)
{
    if (ctx)
        ctx->mem.free_fcn(ctx);
}

int uclog_ctx_set_limit(uclog_ctx *ctx, uint32_t limit, uint64_t value)
{
    if (!ctx || limit == 0 || limit >= UCLOG__NLIMITS)
        return UCLOG_E_INVALID_ARG;
    ctx->limits[limit] = value ? value : default_limits[limit];
    return UCLOG_OK;
}

uint64_t uclog_ctx_get_limit(const uclog_ctx *ctx, uint32_t limit)
{
    if (!ctx || limit == 0 || limit >= UCLOG__NLIMITS)
        return 0;
    return ctx->limits[limit];
}

void uclog__ctx_set_position_max(uclog_ctx *ctx, uint32_t max)
{
    ctx->pos_max = max ? max : UINT32_MAX;
}

void uclog_ctx_set_log_fn(uclog_ctx *ctx, uclog_log_fn fn, void *userdata, int32_t max_level)
{
    if (!ctx)
        return;
    ctx->log_fn = fn;
    ctx->log_userdata = userdata;
    ctx->log_max_level = max_level;
}

const char *uclog_ctx_errmsg(const uclog_ctx *ctx)
{
    if (!ctx || !ctx->errcode)
        return "no error";
    return ctx->errmsg;
}

int uclog_ctx_errcode(const uclog_ctx *ctx)
{
    return ctx ? ctx->errcode : UCLOG_E_INVALID_ARG;
}

int uclog_ctx_error_span(uclog_span *out, const uclog_ctx *ctx)
{
    if (!out || !ctx)
        return UCLOG_E_INVALID_ARG;
    if (!ctx->errcode || !ctx->has_span)
        return UCLOG_E_NOT_FOUND;
    *out = ctx->errspan;
    return UCLOG_OK;
}

int uclog__error(uclog_ctx *ctx, int code, const uclog_span *span, const char *fmt, ...)
{
    va_list ap;

    if (!ctx)
        return code;
    ctx->errcode = code;
    ctx->has_span = span != NULL;
    if (span)
        ctx->errspan = *span;
    va_start(ap, fmt);
    vsnprintf(ctx->errmsg, sizeof(ctx->errmsg), fmt, ap);
    va_end(ap);
    if (ctx->log_fn && ctx->log_max_level >= UCLOG_LOG_ERROR)
        ctx->log_fn(UCLOG_LOG_ERROR, ctx->errmsg, ctx->log_userdata);
    return code;
}

void uclog__log(const uclog_ctx *ctx, int32_t level, const char *fmt, ...)
{
    char buf[256];
    va_list ap;

    if (!ctx || !ctx->log_fn || level > ctx->log_max_level)
        return;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    ctx->log_fn(level, buf, ctx->log_userdata);
}

void *uclog__malloc(const uclog_ctx *ctx, size_t size)
{
    return ctx->mem.malloc_fcn(size ? size : 1);
}

void *uclog__calloc(const uclog_ctx *ctx, size_t n, size_t size)
{
    void *p;

    if (size && n > SIZE_MAX / size)
        return NULL;
    p = uclog__malloc(ctx, n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void *uclog__realloc(const uclog_ctx *ctx, void *ptr, size_t size)
{
    return ctx->mem.realloc_fcn(ptr, size ? size : 1);
}

void *uclog__reallocarray(const uclog_ctx *ctx, void *ptr, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    return uclog__realloc(ctx, ptr, n * size);
}

void uclog__free(const uclog_ctx *ctx, void *ptr)
{
    if (ptr)
        ctx->mem.free_fcn(ptr);
}

char *uclog__strndup(const uclog_ctx *ctx, const char *s, size_t n)
{
    char *p;

    if (n == SIZE_MAX)
        return NULL;
    p = uclog__malloc(ctx, n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

int uclog__grow(const uclog_ctx *ctx, void **arr, size_t *cap, size_t need, size_t elem)
{
    size_t ncap;
    void *p;

    if (need <= *cap)
        return UCLOG_OK;
    ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return UCLOG_E_NOMEM;
        ncap *= 2;
    }
    p = uclog__reallocarray(ctx, *arr, ncap, elem);
    if (!p)
        return UCLOG_E_NOMEM;
    *arr = p;
    *cap = ncap;
    return UCLOG_OK;
}

void *uclog_ctx_alloc(const uclog_ctx *ctx, size_t size)
{
    return ctx ? uclog__malloc(ctx, size) : NULL;
}

void *uclog_ctx_realloc(const uclog_ctx *ctx, void *ptr, size_t size)
{
    return ctx ? uclog__realloc(ctx, ptr, size) : NULL;
}

void uclog_ctx_dealloc(const uclog_ctx *ctx, void *ptr)
{
    if (ctx)
        uclog__free(ctx, ptr);
}
