#include <malloc.h>
#include <stdlib.h>

#include "heap.h"

bench_heap bench_heap_uclog;
bench_heap bench_heap_process;

size_t bench_heap_mark(bench_heap *h)
{
    h->peak = h->cur;
    return h->cur;
}

static void add(bench_heap *h, void *p)
{
    if (p) {
        h->cur += malloc_usable_size(p);
        if (h->cur > h->peak)
            h->peak = h->cur;
    }
}

static void sub(bench_heap *h, void *p)
{
    if (p)
        h->cur -= malloc_usable_size(p);
}

/* ---- the uclog_mem hooks ---- */

static void *uc_malloc(size_t n)
{
    void *p = malloc(n);
    add(&bench_heap_uclog, p);
    return p;
}

static void *uc_realloc(void *old, size_t n)
{
    size_t before = old ? malloc_usable_size(old) : 0;
    void *p = realloc(old, n);
    if (p) {
        bench_heap_uclog.cur -= before;
        add(&bench_heap_uclog, p);
    }
    return p;
}

static void uc_free(void *p)
{
    sub(&bench_heap_uclog, p);
    free(p);
}

const uclog_mem bench_heap_uclog_mem = {uc_malloc, uc_realloc, uc_free};

/* ---- the process-wide interposer ---- */

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void *__libc_memalign(size_t align, size_t n);
extern void __libc_free(void *p);
/* C11, not declared under -std=c99 */
void *aligned_alloc(size_t align, size_t n);

void *malloc(size_t n)
{
    void *p = __libc_malloc(n);
    add(&bench_heap_process, p);
    return p;
}

void *calloc(size_t n, size_t size)
{
    void *p = __libc_calloc(n, size);
    add(&bench_heap_process, p);
    return p;
}

void *realloc(void *old, size_t n)
{
    size_t before = old ? malloc_usable_size(old) : 0;
    void *p = __libc_realloc(old, n);
    if (p || n == 0)
        bench_heap_process.cur -= before;
    add(&bench_heap_process, p);
    return p;
}

void free(void *p)
{
    sub(&bench_heap_process, p);
    __libc_free(p);
}

void *memalign(size_t align, size_t n)
{
    void *p = __libc_memalign(align, n);
    add(&bench_heap_process, p);
    return p;
}

void *aligned_alloc(size_t align, size_t n)
{
    return memalign(align, n);
}

int posix_memalign(void **out, size_t align, size_t n)
{
    void *p = memalign(align, n);
    if (!p)
        return 12; /* ENOMEM */
    *out = p;
    return 0;
}
