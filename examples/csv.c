/* A small RFC 4180 writer. */
#include "csv.h"

#include <stdio.h>
#include <string.h>

#include "common.h"

void ex_csv_field(const char *s, size_t n, int first)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i;
    int quote;

    if (!first)
        putchar(',');
    if (!s)
        return;
    quote = memchr(s, ',', n) || memchr(s, '"', n) || memchr(s, '\r', n) || memchr(s, '\n', n);
    if (quote)
        putchar('"');
    for (i = 0; i < n;) {
        if (p[i] == '"') {
            fputs("\"\"", stdout);
            i++;
            continue;
        }
        i += ex_put_char(p + i, n - i);
    }
    if (quote)
        putchar('"');
}

void ex_csv_z(const char *s, int first)
{
    ex_csv_field(s, s ? strlen(s) : 0, first);
}

void ex_csv_u(uint64_t v, int first)
{
    printf("%s%llu", first ? "" : ",", (unsigned long long)v);
}

void ex_csv_end(void)
{
    fputs("\r\n", stdout);
}
