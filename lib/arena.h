/*
 * The one arena of the libraries: a bump allocator over blocks taken from
 * the context's allocator, freed together. The xml layer keeps a parsed
 * body's tree and strings in one, the diagnosis a report's strings. Inline,
 * through the public allocation calls, so that libuclog-diag links to
 * nothing private. Never installed.
 */
#ifndef UCLOG_ARENA_H
#define UCLOG_ARENA_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <uclog/common.h>

typedef struct uclog__arena_block {
    struct uclog__arena_block *next;
    size_t used;
    size_t size;
    /* data follows, aligned for any object the arena hands out */
} uclog__arena_block;

typedef struct uclog__arena {
    const uclog_ctx *ctx;
    uclog__arena_block *head; /* the block being filled, then the others */
    size_t block;             /* data bytes of a block; more than a quarter gets one of its own */
} uclog__arena;

#define UCLOG__ARENA_ALIGN (sizeof(void *) > sizeof(uint64_t) ? sizeof(void *) : sizeof(uint64_t))
#define UCLOG__ARENA_HDR \
    ((sizeof(uclog__arena_block) + UCLOG__ARENA_ALIGN - 1) / UCLOG__ARENA_ALIGN * UCLOG__ARENA_ALIGN)

static inline void uclog__arena_init(uclog__arena *a, const uclog_ctx *ctx, size_t block)
{
    a->ctx = ctx;
    a->head = NULL;
    a->block = block;
}

/* size bytes, aligned for any object; NULL when the allocator fails. */
static inline void *uclog__arena_alloc(uclog__arena *a, size_t size)
{
    uclog__arena_block *b = a->head;
    size_t need;

    if (size > SIZE_MAX - UCLOG__ARENA_HDR - UCLOG__ARENA_ALIGN)
        return NULL;
    need = (size + UCLOG__ARENA_ALIGN - 1) / UCLOG__ARENA_ALIGN * UCLOG__ARENA_ALIGN;
    if (b && b->size - b->used >= need) {
        b->used += need;
        return (char *)b + UCLOG__ARENA_HDR + (b->used - need);
    }
    if (need > a->block / 4) { /* a block of its own, behind the one being filled */
        if (!(b = uclog_ctx_alloc(a->ctx, UCLOG__ARENA_HDR + need)))
            return NULL;
        b->used = b->size = need;
        if (a->head) {
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = NULL;
            a->head = b;
        }
        return (char *)b + UCLOG__ARENA_HDR;
    }
    if (!(b = uclog_ctx_alloc(a->ctx, UCLOG__ARENA_HDR + a->block)))
        return NULL;
    b->used = need;
    b->size = a->block;
    b->next = a->head;
    a->head = b;
    return (char *)b + UCLOG__ARENA_HDR;
}

/* A copy of s[0..n) with a NUL after it. */
static inline char *uclog__arena_strndup(uclog__arena *a, const char *s, size_t n)
{
    char *p;

    if (n == SIZE_MAX || !(p = uclog__arena_alloc(a, n + 1)))
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* Free every block but one of the usual size, kept empty for what comes next. */
static inline void uclog__arena_reset(uclog__arena *a)
{
    uclog__arena_block *b = a->head, *kept = NULL;

    while (b) {
        uclog__arena_block *next = b->next;
        if (!kept && b->size == a->block)
            kept = b;
        else
            uclog_ctx_dealloc(a->ctx, b);
        b = next;
    }
    if (kept) {
        kept->next = NULL;
        kept->used = 0;
    }
    a->head = kept;
}

/* Free every block. */
static inline void uclog__arena_release(uclog__arena *a)
{
    uclog__arena_block *b = a->head;

    while (b) {
        uclog__arena_block *next = b->next;
        uclog_ctx_dealloc(a->ctx, b);
        b = next;
    }
    a->head = NULL;
}

#endif
