/*
 * ASCII helpers that do not depend on the locale, and the one
 * case-insensitive comparison of the libraries (libuclog and
 * libuclog-diag: all inline, so the diagnosis library links to nothing
 * private). Never installed.
 */
#ifndef UCLOG_ASCII_H
#define UCLOG_ASCII_H

#include <stddef.h>
#include <string.h>

#include <uclog/common.h>

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

/* a[0..n) and b[0..n) equal, ignoring ASCII case. */
static inline int uclog__mem_ieq(const char *a, const char *b, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (uclog__to_lower((unsigned char)a[i]) != uclog__to_lower((unsigned char)b[i]))
            return 0;
    return 1;
}

/* Two present views equal, ignoring ASCII case (an absent one equals nothing). */
static inline int uclog__view_ieq(uclog_str a, uclog_str b)
{
    return a.ptr && b.ptr && a.len == b.len && uclog__mem_ieq(a.ptr, b.ptr, a.len);
}

/* A view equal, ignoring ASCII case, to a NUL-terminated string. */
static inline int uclog__str_ieq(uclog_str s, const char *lit)
{
    size_t n = strlen(lit);

    return s.len == n && uclog__mem_ieq(s.ptr, lit, n);
}

/* The same for a literal: UCLOG__IEQ(s, "content-length"). No strlen: the
 * length is the literal's. */
#define UCLOG__IEQ(s, lit) ((s).len == sizeof(lit) - 1 && uclog__mem_ieq((s).ptr, "" lit, sizeof(lit) - 1))

#endif
