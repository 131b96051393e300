/* What the library asks of the operating system, one file per system: os-posix.c, os-win32.c. */
#ifndef UCLOG_OS_H
#define UCLOG_OS_H

#include <stddef.h>
#include <stdio.h>

/* The printf flavour that format attributes check against: on MinGW, its own C99 printf
 * (__USE_MINGW_ANSI_STDIO, set by the build) rather than the C runtime's. */
#if defined(__MINGW32__)
#define UCLOG__PRINTF __MINGW_PRINTF_FORMAT
#else
#define UCLOG__PRINTF printf
#endif

/* Open a file for reading in binary mode, by its name in UTF-8 (on Windows through the
 * wide-character API, so that a name outside the ANSI code page opens). A file descriptor
 * that read(), fstat() and close() take, or -1 with errno set (EISDIR for a folder where the
 * system refuses to open one). */
int uclog__os_open_read(const char *path);

/* A hint that the n bytes at buf, just allocated, are about to be filled in one pass and read
 * through: on Linux the whole 2 MiB pages inside it are asked for as transparent huge pages
 * (madvise(MADV_HUGEPAGE): one page fault for 512 pages when a big log is read in); elsewhere,
 * or when the system declines, nothing. Never an error. */
void uclog__os_advise_bulk(void *buf, size_t n);

/* Fill buf with n bytes from the system's random source; 0 when it could not. */
int uclog__os_random(void *buf, size_t n);

#endif
