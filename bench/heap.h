/*
 * Heap accounting. uclog's own memory is counted through the uclog_mem hooks
 * of its context (bench_heap_uclog_mem); the other parsers are counted by a
 * malloc interposer in this program (malloc, calloc, realloc, free and the
 * aligned variants forward to glibc's __libc_* functions). Both count
 * malloc_usable_size() of each block: what the allocator really hands out.
 */
#ifndef BENCH_HEAP_H
#define BENCH_HEAP_H

#include <stddef.h>

#include <uclog/common.h>

typedef struct bench_heap {
    size_t cur;  /* bytes in use now */
    size_t peak; /* high-water mark since the last bench_heap_mark() */
} bench_heap;

/* Counters of the allocations made through the uclog hooks. */
extern bench_heap bench_heap_uclog;
/* Counters of every malloc in the process. */
extern bench_heap bench_heap_process;

extern const uclog_mem bench_heap_uclog_mem;

/* Start a measurement: the peak becomes the current use, which is returned. */
size_t bench_heap_mark(bench_heap *h);

#endif
