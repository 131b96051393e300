/* What a log's bytes are written in: the text encoding its first bytes show, and lines that
 * end with CR alone. Read by the file opener (log-source.c) and by a stream as its first bytes
 * arrive (log.c). */
#include <string.h>

#include <uclog/log.h>

#include "encoding.h"

int32_t uclog__detect_encoding(const unsigned char *d, size_t n)
{
    if (n >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
        return UCLOG_ENCODING_UTF8_BOM;
    if (n >= 2 && d[0] == 0xFF && d[1] == 0xFE)
        return UCLOG_ENCODING_UTF16LE;
    if (n >= 2 && d[0] == 0xFE && d[1] == 0xFF)
        return UCLOG_ENCODING_UTF16BE;
    /* A log starts with ASCII digits; UTF-16 without a mark shows NULs beside them. */
    if (n >= 4 && d[0] && !d[1] && d[2] && !d[3])
        return UCLOG_ENCODING_UTF16LE;
    if (n >= 4 && !d[0] && d[1] && !d[2] && d[3])
        return UCLOG_ENCODING_UTF16BE;
    return UCLOG_ENCODING_UTF8;
}

/* Lines that end with CR alone (an old Mac convention some tools still write) would read as
 * one record. */
int uclog__cr_only(const char *d, size_t n)
{
    size_t head = n < 65536 ? n : 65536;
    return memchr(d, '\r', head) != NULL && memchr(d, '\n', head) == NULL;
}

void uclog__cr_to_lf(char *p, size_t n)
{
    char *e = p + n;

    while ((p = memchr(p, '\r', (size_t)(e - p))) != NULL)
        *p++ = '\n';
}
