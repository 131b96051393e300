/* Small string and version helpers. */
#include "internal.h"
#include "log-internal.h"
#include <uclog/version.h>

uint32_t uclog_version(void)
{
    return UCLOG_VERSION_NUMBER;
}

const char *uclog_version_string(void)
{
    return UCLOG_VERSION_STRING;
}

int uclog_str_next_line(uclog_str *line, uclog_str *rest)
{
    const char *nl;
    size_t n;

    if (!line || !rest)
        return UCLOG_E_INVALID_ARG;
    if (!rest->ptr || rest->len == 0) {
        line->ptr = rest->ptr;
        line->len = 0;
        return UCLOG_DONE;
    }
    nl = memchr(rest->ptr, '\n', rest->len);
    n = nl ? (size_t)(nl - rest->ptr) : rest->len;
    line->ptr = rest->ptr;
    line->len = n;
    if (n && rest->ptr[n - 1] == '\r')
        line->len--;
    if (nl)
        n++;
    rest->ptr += n;
    rest->len -= n;
    return UCLOG_OK;
}

size_t uclog_utf8_char_len(const char *p, size_t n)
{
    return p && n ? uclog__utf8_seq((const unsigned char *)p, n) : 0;
}

int uclog_utf8_char_shown(const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    size_t l = uclog_utf8_char_len(p, n);

    if (l == 1)
        return u[0] >= 0x20 && u[0] != 0x7F; /* C0 and DEL */
    if (l == 2)
        return u[0] != 0xC2 || u[1] >= 0xA0; /* C1: U+0080-U+009F */
    return l > 0;
}

size_t uclog__line_end(const char *d, size_t len, size_t at, size_t *next)
{
    const char *nl = memchr(d + at, '\n', len - at);
    size_t e = nl ? (size_t)(nl - d) : len;

    *next = nl ? e + 1 : len;
    if (e > at && d[e - 1] == '\r')
        e--;
    return e;
}

uclog_str uclog__str_trim(uclog_str s)
{
    while (s.len && (uclog__is_space((unsigned char)s.ptr[0]) || s.ptr[0] == '\r' || s.ptr[0] == '\n')) {
        s.ptr++;
        s.len--;
    }
    while (s.len && (uclog__is_space((unsigned char)s.ptr[s.len - 1]) || s.ptr[s.len - 1] == '\r' ||
                     s.ptr[s.len - 1] == '\n'))
        s.len--;
    return s;
}
