/* Output helpers shared by the example programs. */
#include "common.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "os.h"

size_t ex_utf8_len(const unsigned char *p, size_t n)
{
    return uclog_utf8_char_len((const char *)p, n);
}

size_t ex_put_char(const unsigned char *p, size_t n)
{
    size_t l = ex_utf8_len(p, n);

    if (!uclog_utf8_char_shown((const char *)p, n)) {
        putchar('?');
        return l ? l : 1;
    }
    fwrite(p, 1, l, stdout);
    return l;
}

int ex_put_text(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    int chars = 0;

    while (s && i < n) {
        i += ex_put_char(p + i, n - i);
        chars++;
    }
    return chars;
}

int ex_put_z(const char *s)
{
    return ex_put_text(s, s ? strlen(s) : 0);
}

void ex_json_strn(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, l;

    if (!s) {
        fputs("null", stdout);
        return;
    }
    putchar('"');
    while (i < n) {
        unsigned c = p[i];
        switch (c) {
        case '"': fputs("\\\"", stdout); break;
        case '\\': fputs("\\\\", stdout); break;
        case '\n': fputs("\\n", stdout); break;
        case '\r': fputs("\\r", stdout); break;
        case '\t': fputs("\\t", stdout); break;
        default:
            if (c < 0x20 || c == 0x7F) {
                printf("\\u%04x", c);
            } else if (c == 0xC2 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] < 0xA0) {
                printf("\\u%04x", p[i + 1]); /* C1: valid JSON as it is, but not for a terminal */
                i++;
            } else if ((l = ex_utf8_len(p + i, n - i)) == 0) {
                fputs("\\ufffd", stdout);
            } else {
                fwrite(p + i, 1, l, stdout);
                i += l;
                continue;
            }
        }
        i++;
    }
    putchar('"');
}

int ex_slurp(char **out, size_t *len, FILE *in, uint64_t limit)
{
    /* one byte over the limit tells input of exactly the limit from more */
    size_t most = limit < SIZE_MAX ? (size_t)limit + 1 : SIZE_MAX;
    size_t cap = most < 65536 ? most : 65536, n = 0, got;
    char *buf = malloc(cap);

    *out = NULL;
    *len = 0;
    while (buf && (got = fread(buf + n, 1, cap - n, in)) > 0) {
        n += got;
        if (n > limit) {
            free(buf);
            return UCLOG_E_LIMIT;
        }
        if (n == cap) {
            size_t ncap = cap > most / 2 ? most : cap * 2;
            char *nb = ncap > cap ? realloc(buf, ncap) : NULL;
            if (!nb) {
                free(buf);
                return UCLOG_E_NOMEM;
            }
            buf = nb;
            cap = ncap;
        }
    }
    if (!buf)
        return UCLOG_E_NOMEM;
    if (ferror(in)) {
        free(buf);
        return UCLOG_E_IO;
    }
    *out = buf;
    *len = n;
    return 0;
}

/* Files i and k are one: the same name, or the same identity (device and inode, volume and file index). */
static int same_file(char *const *files, size_t i, size_t k, const ex_os_file_id *id, const int *have)
{
    if (!strcmp(files[i], files[k]))
        return 1;
    return have[i] && have[k] && id[i].volume == id[k].volume && id[i].file == id[k].file;
}

int ex_check_files(size_t *at, const char *prog, char *const *files, size_t n)
{
    ex_os_file_id *st = calloc(n ? n : 1, sizeof(*st));
    int *have = calloc(n ? n : 1, sizeof(*have)), rc = 0;
    size_t i, k;

    *at = n;
    if (!st || !have) {
        fprintf(stderr, "%s: out of memory\n", prog);
        rc = -1;
    }
    for (i = 0; rc == 0 && i < n; i++) {
        if (strcmp(files[i], "-") == 0) {
            if (*at != n) {
                fprintf(stderr, "%s: '-' (standard input) given twice: it can be read once\n", prog);
                rc = -1;
            }
            *at = i;
            continue;
        }
        /* A file that cannot be looked at is reported when it is opened. */
        have[i] = ex_os_file_id_get(&st[i], files[i]) == 0;
        for (k = 0; k < i && rc == 0; k++) {
            if (strcmp(files[k], "-") == 0 || !same_file(files, i, k, st, have))
                continue;
            if (!strcmp(files[i], files[k]))
                fprintf(stderr, "%s: %s given twice\n", prog, files[i]);
            else
                fprintf(stderr, "%s: %s and %s are the same file\n", prog, files[k], files[i]);
            rc = -1;
        }
    }
    free(st);
    free(have);
    return rc;
}

int ex_open_files(uclog_log **log, uclog_ctx *ctx, const char *prog, const char *hint, char *const *files,
                  size_t n, size_t at, char **input)
{
    size_t len = 0;
    uint64_t most = uclog_ctx_get_limit(ctx, UCLOG_LIMIT_MAX_UNSIZED_FILE_BYTES);
    int rc;

    *input = NULL;
    if (at >= n)
        return uclog_log_open_files(log, ctx, (const char *const *)files, n);
    if ((rc = ex_slurp(input, &len, stdin, most)) == UCLOG_E_LIMIT) {
        fprintf(stderr, "%s: -: " EX_SLURP_LIMIT "%s\n", prog, (unsigned long long)most, hint ? hint : "");
        return EX_SAID;
    }
    if (rc)
        return rc;
    if (n == 1)
        return uclog_log_open_buffer(log, ctx, *input, len, "-");
    return uclog_log_open_files_buffer(log, ctx, (const char *const *)files, n, at, *input, len);
}

uint32_t ex_not_log(const uclog_log *log)
{
    uint32_t i;

    for (i = 0; i < uclog_log_file_count(log); i++) {
        int32_t kind = uclog_log_file_kind(log, i);
        if (kind != UCLOG_FILE_KIND_LOG && kind != UCLOG_FILE_KIND_SIP && kind != UCLOG_FILE_KIND_UNREAD)
            return i;
    }
    return UINT32_MAX;
}

void ex_say_not_log(const char *prog, const uclog_log *log, uint32_t i)
{
    fprintf(stderr, "%s: %s: not a client log (%s)\n", prog, uclog_log_file_name(log, i),
            uclog_file_kind_reason(uclog_log_file_kind(log, i)));
}

/* Why ex_stdout_flush() failed, for ex_stdout_close(). */
static int stdout_errno;

int ex_stdout_flush(void)
{
    int rc;

    errno = 0;
    if ((rc = fflush(stdout)) != 0 && !stdout_errno)
        stdout_errno = errno;
    return rc;
}

int ex_stdout_write(const char *s, size_t n)
{
    errno = 0;
    if (fwrite(s, 1, n, stdout) == n)
        return 0;
    if (!stdout_errno)
        stdout_errno = errno;
    return -1;
}

int ex_terminal_width(int fd)
{
    const char *env = getenv("COLUMNS");
    char *end;
    long n;

    if (!ex_os_isatty(fd))
        return 0;
    if (env && *env) {
        n = strtol(env, &end, 10);
        if (!*end && n > 0 && n < 10000)
            return (int)n;
    }
    n = ex_os_terminal_columns(fd);
    return n > 0 ? (int)n : 80;
}

int ex_stdout_close(const char *prog)
{
    int failed_before = ferror(stdout);

    errno = 0;
    if (fflush(stdout) == 0 && !failed_before)
        return 0;
    if (!errno)
        errno = stdout_errno;
    if (errno)
        fprintf(stderr, "%s: cannot write the output: %s\n", prog, strerror(errno));
    else
        fprintf(stderr, "%s: cannot write the output\n", prog);
    return -1;
}

void ex_fmt_addr(char *buf, size_t cap, uclog_str a, uint32_t port)
{
    int n = (int)(a.len < 64 ? a.len : 64);

    if (!a.ptr)
        snprintf(buf, cap, "?");
    else if (memchr(a.ptr, ':', a.len))
        snprintf(buf, cap, "[%.*s]:%u", n, a.ptr, (unsigned)port);
    else
        snprintf(buf, cap, "%.*s:%u", n, a.ptr, (unsigned)port);
}

void ex_fmt_delta(char *buf, size_t cap, int64_t ms)
{
    uint64_t a = ms < 0 ? (uint64_t)-(ms + 1) + 1 : (uint64_t)ms;

    if (a < 10000)
        snprintf(buf, cap, "%c%llums", ms < 0 ? '-' : '+', (unsigned long long)a);
    else
        snprintf(buf, cap, "%c%llus", ms < 0 ? '-' : '+', (unsigned long long)(a / 1000));
}

void ex_fmt_timing(char *buf, size_t cap, const uclog_index *idx, uint32_t i)
{
    uint32_t of;
    int64_t ms;

    if (uclog_index_message_retransmits(&of, idx, i) == 0)
        snprintf(buf, cap, "RETX");
    else if (uclog_index_message_since_request(&ms, idx, i) == 0)
        ex_fmt_delta(buf, cap, ms);
    else if (cap)
        buf[0] = '\0';
}
