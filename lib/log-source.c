/* Opening logs: files (read whole), buffers, readers, rotated sets; archives through log-archive.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "encoding.h"
#include "log-archive.h"
#include "log-internal.h"
#include "os.h"

static int set_name(uclog_log *log, struct uclog__file *f, const char *name)
{
    const char *n = name ? name : "(buffer)";
    f->name = uclog__strndup(log->ctx, n, strlen(n));
    return f->name ? UCLOG_OK : UCLOG_E_NOMEM;
}

static int log_alloc(uclog_log **out, uclog_ctx *ctx)
{
    uclog_log *log;

    log = uclog__calloc(ctx, 1, sizeof(*log));
    if (!log)
        return UCLOG_E_NOMEM;
    log->ctx = ctx;
    *out = log;
    return UCLOG_OK;
}

/* A new file at the end of the set; given_index is its place among the files as they were opened
 * (an archive's files in its order). */
static int add_file(struct uclog__file **out, uclog_log *log)
{
    uint64_t most = uclog__limit(log->ctx, UCLOG_LIMIT_MAX_FILES);
    struct uclog__file *f;

    if (log->nfiles >= most || log->nfiles == UINT32_MAX)
        return uclog__error(log->ctx, UCLOG_E_LIMIT, NULL, "more than %llu files in one log (UCLOG_LIMIT_MAX_FILES)",
                            (unsigned long long)most);
    if (uclog__grow(log->ctx, (void **)&log->files, &log->files_cap, (size_t)log->nfiles + 1, sizeof(*log->files)))
        return UCLOG_E_NOMEM;
    f = &log->files[log->nfiles];
    memset(f, 0, sizeof(*f));
    f->given_index = log->nfiles++;
    *out = f;
    return UCLOG_OK;
}

static void file_release(const uclog_ctx *ctx, struct uclog__file *f)
{
    uclog__free(ctx, f->owned);
    uclog__free(ctx, f->name);
    memset(f, 0, sizeof(*f));
}

void uclog_log_free(uclog_log *log)
{
    uint32_t i;

    if (!log)
        return;
    for (i = 0; i < log->nfiles; i++)
        file_release(log->ctx, &log->files[i]);
    uclog__free(log->ctx, log->files);
    uclog__free(log->ctx, log);
}

/* Append one code point as UTF-8. */
static size_t put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Transcode UTF-16 to UTF-8 into memory the file owns; bad units become U+FFFD. */
static int transcode_utf16(uclog_log *log, struct uclog__file *f, const unsigned char *d, size_t n,
                           int big_endian)
{
    size_t i = 0, o = 0, units = n / 2;
    char *out;

    if (units > (SIZE_MAX - 8) / 3)
        return UCLOG_E_NOMEM;
    out = uclog__malloc(log->ctx, units * 3 + 8);
    if (!out)
        return UCLOG_E_NOMEM;
    if (units && ((big_endian && d[0] == 0xFE && d[1] == 0xFF) || (!big_endian && d[0] == 0xFF && d[1] == 0xFE)))
        i = 1; /* the byte order mark is not text */
    for (; i < units; i++) {
        uint32_t u = big_endian ? (uint32_t)(d[2 * i] << 8 | d[2 * i + 1])
                                : (uint32_t)(d[2 * i + 1] << 8 | d[2 * i]);
        if (u >= 0xD800 && u < 0xDC00 && i + 1 < units) {
            uint32_t l = big_endian ? (uint32_t)(d[2 * i + 2] << 8 | d[2 * i + 3])
                                    : (uint32_t)(d[2 * i + 3] << 8 | d[2 * i + 2]);
            if (l >= 0xDC00 && l < 0xE000) {
                u = 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00);
                i++;
            } else {
                u = 0xFFFD;
            }
        } else if (u >= 0xD800 && u < 0xE000) {
            u = 0xFFFD;
        }
        o += put_utf8(out + o, u);
    }
    if (n % 2)
        o += put_utf8(out + o, 0xFFFD);
    f->owned = out;
    f->data = out;
    f->len = o;
    return UCLOG_OK;
}

static int cr_to_lf(uclog_log *log, struct uclog__file *f)
{
    char *t = f->owned;

    if (!t) {
        if (!(t = uclog__malloc(log->ctx, f->len ? f->len : 1)))
            return UCLOG_E_NOMEM;
        memcpy(t, f->data, f->len);
        f->owned = t;
        f->data = t;
    }
    uclog__cr_to_lf(t, f->len);
    f->cr_line_ends = 1;
    return UCLOG_OK;
}

/* Take bytes as the file's text: kept as they are, or transcoded from UTF-16,
 * or with LF for CR alone, into memory the file owns (then *transcoded is 1
 * and the bytes may go). */
static int adopt_bytes(uclog_log *log, struct uclog__file *f, const char *data, size_t len,
                       int *transcoded)
{
    int rc = UCLOG_OK;

    f->encoding = uclog__detect_encoding((const unsigned char *)data, len);
    *transcoded = f->encoding == UCLOG_ENCODING_UTF16LE || f->encoding == UCLOG_ENCODING_UTF16BE;
    if (*transcoded) {
        rc = transcode_utf16(log, f, (const unsigned char *)data, len, f->encoding == UCLOG_ENCODING_UTF16BE);
    } else {
        f->data = data;
        f->len = len;
    }
    if (rc == UCLOG_OK && uclog__cr_only(f->data, f->len)) {
        rc = cr_to_lf(log, f);
        *transcoded = 1;
    }
    return rc;
}

/* Read from fd into buf[*len..cap) until it is full or the file ends (*eof); 0 or an errno. */
static int fill(int fd, char *buf, size_t cap, size_t *len, int *eof)
{
    *eof = 0;
    while (*len < cap) {
        ssize_t n = read(fd, buf + *len, cap - *len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errno;
        if (n == 0) {
            *eof = 1;
            return 0;
        }
        *len += (size_t)n;
    }
    return 0;
}

/* Read a file that has no size (a FIFO, a device) until its end, into one
 * block that grows as it fills, up to UCLOG_LIMIT_MAX_UNSIZED_FILE_BYTES:
 * /dev/zero or an endless pipe must not take all the memory there is. */
static int read_unsized(uclog_log *log, const char *name, int fd, char **out, size_t *out_len)
{
    uint64_t limit = uclog__limit(log->ctx, UCLOG_LIMIT_MAX_UNSIZED_FILE_BYTES);
    /* one byte over the limit tells a file of exactly the limit from a longer one */
    size_t most = limit < SIZE_MAX ? (size_t)limit + 1 : SIZE_MAX;
    size_t cap = most < 65536 ? most : 65536, len = 0;
    char *buf = uclog__malloc(log->ctx, cap);

    if (!buf)
        return UCLOG_E_NOMEM;
    for (;;) {
        int eof, err = fill(fd, buf, cap, &len, &eof);
        char *nb;
        size_t ncap = cap > most / 2 ? most : cap * 2;
        if (err) {
            uclog__free(log->ctx, buf);
            return uclog__error(log->ctx, UCLOG_E_IO, NULL, "%s: %s", name, strerror(err));
        }
        if (eof)
            break;
        if (len > limit) {
            uclog__free(log->ctx, buf);
            return uclog__error(log->ctx, UCLOG_E_LIMIT, NULL,
                                "%s: more than %llu bytes from a file with no size "
                                "(UCLOG_LIMIT_MAX_UNSIZED_FILE_BYTES)",
                                name, (unsigned long long)limit);
        }
        if (ncap == cap || !(nb = uclog__realloc(log->ctx, buf, ncap))) {
            uclog__free(log->ctx, buf);
            return UCLOG_E_NOMEM;
        }
        buf = nb;
        cap = ncap;
    }
    *out = buf;
    *out_len = len;
    return UCLOG_OK;
}

/* Read the size bytes a regular file had when it was opened, or fewer when it
 * shrank since; bytes written after that are not read. */
static int read_sized(uclog_log *log, const char *name, int fd, uint64_t size, char **out,
                      size_t *out_len)
{
    size_t len = 0;
    char *buf;
    int eof, err;

    if (size > SIZE_MAX)
        return uclog__error(log->ctx, UCLOG_E_NOMEM, NULL, "%s: %llu bytes do not fit in memory",
                            name, (unsigned long long)size);
    buf = uclog__malloc(log->ctx, (size_t)size);
    if (!buf)
        return UCLOG_E_NOMEM;
    uclog__os_advise_bulk(buf, (size_t)size);
    if ((err = fill(fd, buf, (size_t)size, &len, &eof)) != 0) {
        uclog__free(log->ctx, buf);
        return uclog__error(log->ctx, UCLOG_E_IO, NULL, "%s: %s", name, strerror(err));
    }
    *out = buf;
    *out_len = len;
    return UCLOG_OK;
}

/* One file of the set from bytes: the caller's (owned NULL), or `owned`, which is freed here when it is
 * not kept. */
static int add_text(uclog_log *log, const char *name, char *owned, const char *data, size_t len)
{
    struct uclog__file *f;
    int rc, transcoded = 0;

    rc = add_file(&f, log);
    if (!rc)
        rc = set_name(log, f, name);
    if (!rc)
        rc = adopt_bytes(log, f, data, len, &transcoded);
    if (rc || transcoded)
        uclog__free(log->ctx, owned);
    else
        f->owned = owned;
    if (!rc) {
        f->kind = uclog__file_kind(f->data, f->len);
        f->has_first = uclog__first_timestamp(&f->first_ms, f->data, f->len);
    }
    return rc;
}

static int take_member(void *userdata, const char *name, char *bytes, size_t len)
{
    return add_text(userdata, name, bytes, bytes, len);
}

/* Bytes read from a file or given: an archive's client logs (decompressed), or one file. */
static int add_source(uclog_log *log, const char *name, char *owned, const char *data, size_t len)
{
    int rc;

    if (uclog__archive_kind(data, len) == UCLOG__ARCHIVE_NONE)
        return add_text(log, name, owned, data, len);
    rc = uclog__archive_read(log->ctx, name ? name : "(buffer)", data, len, take_member, log);
    uclog__free(log->ctx, owned);
    return rc;
}

/*
 * A file is read whole into memory the log owns, never mapped: a mapping
 * faults (SIGBUS, which kills the host) on every page a writer cuts off by
 * truncating or rotating the file while it is read, and the views a log
 * lends must stay valid until uclog_log_free() whatever happens to the file.
 */
static int open_one(uclog_log *log, const char *path)
{
    struct stat st;
    char *buf = NULL;
    size_t len = 0;
    int fd, rc;

    fd = uclog__os_open_read(path);
    if (fd < 0 && errno == EISDIR)
        return uclog__error(log->ctx, UCLOG_E_IO, NULL, "%s: is a directory", path);
    if (fd < 0)
        return uclog__error(log->ctx, UCLOG_E_IO, NULL, "%s: %s", path, strerror(errno));
    if (fstat(fd, &st) != 0) {
        rc = uclog__error(log->ctx, UCLOG_E_IO, NULL, "%s: %s", path, strerror(errno));
        close(fd);
        return rc;
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return uclog__error(log->ctx, UCLOG_E_IO, NULL, "%s: is a directory", path);
    }
    if (S_ISREG(st.st_mode) && st.st_size == 0) {
        close(fd);
        return add_text(log, path, NULL, "", 0);
    }
    if (S_ISREG(st.st_mode))
        rc = read_sized(log, path, fd, (uint64_t)st.st_size, &buf, &len);
    else
        rc = read_unsized(log, path, fd, &buf, &len);
    close(fd);
    if (rc)
        return rc;
    return add_source(log, path, buf, buf, len);
}

int uclog_log_open_file(uclog_log **out, uclog_ctx *ctx, const char *path)
{
    return uclog_log_open_files(out, ctx, &path, 1);
}

static int cmp_first(const struct uclog__file *a, const struct uclog__file *b)
{
    if (a->has_first != b->has_first)
        return a->has_first ? -1 : 1;
    if (a->has_first && a->first_ms != b->first_ms)
        return a->first_ms < b->first_ms ? -1 : 1;
    return a->given_index < b->given_index ? -1 : (a->given_index > b->given_index);
}

/* Insertion sort: sets are small, and it is stable. */
static void sort_files(struct uclog__file *f, uint32_t n)
{
    uint32_t i, j;

    for (i = 1; i < n; i++) {
        struct uclog__file t = f[i];
        for (j = i; j > 0 && cmp_first(&t, &f[j - 1]) < 0; j--)
            f[j] = f[j - 1];
        f[j] = t;
    }
}

/* A set of files, paths[at] (at < n) the caller's bytes when data is given. */
static int open_set(uclog_log **out, uclog_ctx *ctx, const char *const *paths, size_t n, size_t at,
                    const void *data, size_t len)
{
    uclog_log *log = NULL;
    size_t i;
    int rc;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!ctx || !paths || n == 0 || (at != SIZE_MAX && at >= n) || (!data && len))
        return UCLOG_E_INVALID_ARG;
    for (i = 0; i < n; i++)
        if (!paths[i])
            return UCLOG_E_INVALID_ARG;
    if (n > uclog__limit(ctx, UCLOG_LIMIT_MAX_FILES))
        return uclog__error(ctx, UCLOG_E_LIMIT, NULL, "%zu files: more than the limit of %llu", n,
                            (unsigned long long)uclog__limit(ctx, UCLOG_LIMIT_MAX_FILES));
    rc = log_alloc(&log, ctx);
    for (i = 0; !rc && i < n; i++)
        rc = i == at ? add_source(log, paths[i], NULL, data ? data : "", len) : open_one(log, paths[i]);
    if (rc) {
        uclog_log_free(log);
        return rc;
    }
    sort_files(log->files, log->nfiles);
    *out = log;
    return UCLOG_OK;
}

int uclog_log_open_files(uclog_log **out, uclog_ctx *ctx, const char *const *paths, size_t n)
{
    return open_set(out, ctx, paths, n, SIZE_MAX, NULL, 0);
}

int uclog_log_open_files_buffer(uclog_log **out, uclog_ctx *ctx, const char *const *paths, size_t n, size_t at,
                                const void *data, size_t len)
{
    if (at == SIZE_MAX) {
        if (out)
            *out = NULL;
        return UCLOG_E_INVALID_ARG;
    }
    return open_set(out, ctx, paths, n, at, data, len);
}

int uclog_log_open_buffer(uclog_log **out, uclog_ctx *ctx, const void *data, size_t len,
                          const char *name)
{
    uclog_log *log = NULL;
    int rc;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!ctx || (!data && len))
        return UCLOG_E_INVALID_ARG;
    rc = log_alloc(&log, ctx);
    if (!rc)
        rc = add_source(log, name, NULL, data ? data : "", len);
    if (rc) {
        uclog_log_free(log);
        return rc;
    }
    sort_files(log->files, log->nfiles);
    *out = log;
    return UCLOG_OK;
}

int uclog_log_open_reader(uclog_log **out, uclog_ctx *ctx, uclog_read_fn read_fn, void *userdata,
                          const char *name)
{
    uclog_log *log;
    struct uclog__file *f;
    int rc;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!ctx || !read_fn)
        return UCLOG_E_INVALID_ARG;
    rc = log_alloc(&log, ctx);
    if (rc)
        return rc;
    rc = add_file(&f, log);
    if (!rc)
        rc = set_name(log, f, name ? name : "(stream)");
    if (rc) {
        uclog_log_free(log);
        return rc;
    }
    log->files[0].kind = UCLOG_FILE_KIND_UNREAD;
    log->read = read_fn;
    log->read_userdata = userdata;
    *out = log;
    return UCLOG_OK;
}

int uclog_log_open_live(uclog_log **out, uclog_ctx *ctx, uclog_read_fn read_fn, void *userdata,
                        const char *name)
{
    int rc = uclog_log_open_reader(out, ctx, read_fn, userdata, name);

    if (rc == UCLOG_OK)
        (*out)->live = 1;
    return rc;
}

static int64_t read_stdio(void *userdata, void *buf, size_t cap)
{
    FILE *fp = userdata;
    size_t n = fread(buf, 1, cap, fp);

    if (n == 0 && ferror(fp))
        return -1;
    return (int64_t)n;
}

int uclog_log_open_stream(uclog_log **out, uclog_ctx *ctx, FILE *stream, const char *name)
{
    if (!stream) {
        if (out)
            *out = NULL;
        return UCLOG_E_INVALID_ARG;
    }
    return uclog_log_open_reader(out, ctx, read_stdio, stream, name ? name : "(stdin)");
}

uint32_t uclog_log_file_count(const uclog_log *log)
{
    return log ? log->nfiles : 0;
}

const char *uclog_log_file_name(const uclog_log *log, uint32_t i)
{
    return log && i < log->nfiles ? log->files[i].name : NULL;
}

uint64_t uclog_log_file_size(const uclog_log *log, uint32_t i)
{
    return log && i < log->nfiles ? (uint64_t)log->files[i].len : 0;
}

int32_t uclog_log_file_encoding(const uclog_log *log, uint32_t i)
{
    return log && i < log->nfiles ? log->files[i].encoding : -1;
}

int32_t uclog_log_file_cr_line_ends(const uclog_log *log, uint32_t i)
{
    return log && i < log->nfiles ? log->files[i].cr_line_ends : -1;
}

int32_t uclog_log_file_kind(const uclog_log *log, uint32_t i)
{
    return log && i < log->nfiles ? log->files[i].kind : -1;
}

uclog_ctx *uclog_log_ctx(const uclog_log *log)
{
    return log ? log->ctx : NULL;
}
