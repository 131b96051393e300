/* What a file holds: a client log, bare SIP messages, or something else (and why), judged on
 * its first bytes as the encoding and the line ends are. */
#include "log-internal.h"
#include "sip-internal.h"

/* A file is judged on its first 64 KiB: a stream can be, before its first record. */
#define KIND_HEAD 65536

/* Bytes that are not text: a NUL, or more than one in 32 that is a control character other than
 * line layout, or does not start a UTF-8 sequence. A few Latin-1 letters in a pasted message keep
 * it text. */
static int looks_binary(const unsigned char *d, size_t n)
{
    size_t i = 0, odd = 0;

    if (memchr(d, '\0', n))
        return 1;
    while (i < n) {
        size_t k;
        if (d[i] < 0x80) {
            if (d[i] < 0x20 && d[i] != '\t' && d[i] != '\n' && d[i] != '\r' && d[i] != '\f' && d[i] != '\v')
                odd++;
            else if (d[i] == 0x7F)
                odd++;
            i++;
            continue;
        }
        k = uclog__utf8_seq(d + i, n - i);
        if (k == 0) {
            odd++;
            k = 1;
        }
        i += k;
    }
    return odd * 32 > n;
}

int32_t uclog__file_kind(const char *d, size_t n)
{
    size_t head = n < KIND_HEAD ? n : KIND_HEAD;
    const char *p = d, *end = d + head;
    int sip = 0;

    if (n == 0)
        return UCLOG_FILE_KIND_EMPTY;
    if (head >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
        p += 3;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (uclog_line_is_header(p, len))
            return UCLOG_FILE_KIND_LOG;
        if (!sip && uclog__sip_is_start_line(p, len))
            sip = 1;
        if (!nl)
            break;
        p = nl + 1;
    }
    if (looks_binary((const unsigned char *)d, head))
        return UCLOG_FILE_KIND_BINARY;
    return sip ? UCLOG_FILE_KIND_SIP : UCLOG_FILE_KIND_TEXT;
}

/* One table: each kind's name and the reason it gives. */
static const char *const kinds[][2] = {
    {"log", ""},
    {"sip", "bare SIP messages, no record header"},
    {"empty", "empty"},
    {"binary", "binary: NUL bytes or bytes that are not text"},
    {"text", "text without a record header or a SIP start line"},
    {"unread", "not read yet"},
};

const char *uclog_file_kind_name(int32_t kind)
{
    if (kind < 0 || (size_t)kind >= sizeof(kinds) / sizeof(kinds[0]))
        return "unknown";
    return kinds[kind][0];
}

const char *uclog_file_kind_reason(int32_t kind)
{
    if (kind < 0 || (size_t)kind >= sizeof(kinds) / sizeof(kinds[0]))
        return "";
    return kinds[kind][1];
}
