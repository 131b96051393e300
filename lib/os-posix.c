/* The operating system's side of the library on POSIX systems (os.h). */
/* madvise()'s MADV_HUGEPAGE is outside POSIX: the project builds as c99 with _POSIX_C_SOURCE,
 * which hides it unless this file asks for the system's defaults too. */
#define _DEFAULT_SOURCE 1
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

#include "os.h"

#if defined(__linux__) && !defined(MADV_HUGEPAGE)
#error "MADV_HUGEPAGE is not declared: reading a file would fault in 4 KiB pages"
#endif

int uclog__os_open_read(const char *path)
{
    return open(path, O_RDONLY);
}

int uclog__os_random(void *buf, size_t n)
{
    FILE *f = fopen("/dev/urandom", "rb");
    int ok;

    if (!f)
        return 0;
    ok = fread(buf, 1, n, f) == n;
    fclose(f);
    return ok;
}

void uclog__os_advise_bulk(void *buf, size_t n)
{
#if defined(MADV_HUGEPAGE)
    /* the whole 2 MiB pages inside the block: madvise() takes page-aligned ranges only */
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t start = ((uintptr_t)buf + huge - 1) & ~(huge - 1);
    uintptr_t end = ((uintptr_t)buf + n) & ~(huge - 1);

    if (end > start)
        (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
    (void)buf;
    (void)n;
#endif
}
