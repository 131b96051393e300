/*
 * Logs as users send them: a gzip file (zlib) or a zip of the Tracing
 * folder (libarchive), decompressed whole into memory the log owns, never
 * more than UCLOG_LIMIT_MAX_ARCHIVE_BYTES from one archive: a few hundred
 * bytes of zip may stand for gigabytes.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>

#include "log-archive.h"

#ifdef UCLOG_HAVE_ZLIB
#include <zlib.h>
#endif
#ifdef UCLOG_HAVE_LIBARCHIVE
#include <archive.h>
#include <archive_entry.h>
#endif

int uclog__archive_kind(const char *d, size_t n)
{
    const unsigned char *u = (const unsigned char *)d;

    if (n >= 2 && u[0] == 0x1f && u[1] == 0x8b)
        return UCLOG__ARCHIVE_GZIP;
    if (n >= 4 && u[0] == 'P' && u[1] == 'K' && ((u[2] == 3 && u[3] == 4) || (u[2] == 5 && u[3] == 6)))
        return UCLOG__ARCHIVE_ZIP;
    return UCLOG__ARCHIVE_NONE;
}

#if defined(UCLOG_HAVE_ZLIB) || defined(UCLOG_HAVE_LIBARCHIVE)

/* The bytes of one file coming out of an archive. */
struct outbuf {
    char *p;
    size_t len, cap;
    size_t most; /* the archive's bytes left, plus one: holding more is over the limit */
};

static int over_limit(uclog_ctx *ctx, const char *name)
{
    return uclog__error(ctx, UCLOG_E_LIMIT, NULL,
                        "%s: more than %llu bytes once decompressed (UCLOG_LIMIT_MAX_ARCHIVE_BYTES)", name,
                        (unsigned long long)uclog__limit(ctx, UCLOG_LIMIT_MAX_ARCHIVE_BYTES));
}

/* Room for more bytes: the block doubles, up to `most`; a full block of
 * `most` bytes is over the limit. */
static int out_room(uclog_ctx *ctx, struct outbuf *o, const char *name, size_t hint)
{
    size_t ncap;
    char *np;

    if (o->len < o->cap)
        return UCLOG_OK;
    if (o->cap >= o->most)
        return over_limit(ctx, name);
    ncap = o->cap ? (o->cap > o->most / 2 ? o->most : o->cap * 2) : (hint < o->most ? hint : o->most);
    if (!(np = uclog__realloc(ctx, o->p, ncap)))
        return UCLOG_E_NOMEM;
    o->p = np;
    o->cap = ncap;
    return UCLOG_OK;
}

/* Bytes the archive may still give, plus one (see struct outbuf). */
static size_t most_of(uint64_t left)
{
    return left < SIZE_MAX ? (size_t)left + 1 : SIZE_MAX;
}

/* Hand a finished file over; a file over what is left is over the limit. */
static int hand_over(uclog_ctx *ctx, struct outbuf *o, uint64_t *left, const char *archive, const char *name,
                     uclog__member_fn fn, void *userdata)
{
    char *p;

    if (o->len > *left) {
        uclog__free(ctx, o->p);
        o->p = NULL;
        return over_limit(ctx, archive);
    }
    *left -= o->len;
    if (!o->p && !(o->p = uclog__malloc(ctx, 1))) /* an empty file: still bytes to own */
        return UCLOG_E_NOMEM;
    p = o->p;
    o->p = NULL;
    return fn(userdata, name, p, o->len);
}

#endif

/* ---- gzip ---- */

#ifdef UCLOG_HAVE_ZLIB

static voidpf z_alloc(voidpf opaque, uInt items, uInt size)
{
    if (size && items > SIZE_MAX / size)
        return NULL;
    return uclog__malloc(opaque, (size_t)items * size);
}

static void z_free(voidpf opaque, voidpf p)
{
    uclog__free(opaque, p);
}

/* Bytes after the end of a gzip member: another member (gzip -c a b > c
 * joins two), NULs (padding some tools leave), or damage. */
static int gzip_tail(const unsigned char *p, size_t n)
{
    size_t i;

    if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b)
        return 1;
    for (i = 0; i < n; i++)
        if (p[i])
            return -1;
    return 0;
}

static int gunzip(uclog_ctx *ctx, const char *name, const unsigned char *in, size_t n, struct outbuf *o)
{
    z_stream z;
    size_t off = 0;
    int rc = UCLOG_OK, zr;

    memset(&z, 0, sizeof(z));
    z.zalloc = z_alloc;
    z.zfree = z_free;
    z.opaque = ctx;
    if (inflateInit2(&z, 15 + 16) != Z_OK) /* 16: a gzip header and trailer */
        return UCLOG_E_NOMEM;
    z.next_in = (Bytef *)(uintptr_t)in;
    for (;;) {
        uInt room;
        if (z.avail_in == 0 && off < n)
            z.avail_in = (uInt)(n - off < UINT_MAX ? n - off : UINT_MAX);
        if ((rc = out_room(ctx, o, name, n < SIZE_MAX / 8 - 65536 ? n * 8 + 65536 : SIZE_MAX)) != 0)
            break;
        room = (uInt)(o->cap - o->len < UINT_MAX ? o->cap - o->len : UINT_MAX);
        z.next_out = (Bytef *)o->p + o->len;
        z.avail_out = room;
        zr = inflate(&z, Z_NO_FLUSH);
        o->len += room - z.avail_out;
        off = (size_t)(z.next_in - in);
        if (zr == Z_STREAM_END) {
            int more = gzip_tail(in + off, n - off);
            if (more < 0) {
                rc = uclog__error(ctx, UCLOG_E_FORMAT, NULL,
                                  "%s: bytes that are not gzip data after the end of the gzip data, at byte %zu",
                                  name, off);
                break;
            }
            if (!more)
                break;
            if (inflateReset(&z) != Z_OK) {
                rc = UCLOG_E_NOMEM;
                break;
            }
            continue;
        }
        if (zr == Z_MEM_ERROR) {
            rc = UCLOG_E_NOMEM;
            break;
        }
        if (zr == Z_OK || (zr == Z_BUF_ERROR && (z.avail_out == 0 || (z.avail_in == 0 && off < n))))
            continue;
        if (zr == Z_BUF_ERROR && off == n) {
            rc = uclog__error(ctx, UCLOG_E_FORMAT, NULL,
                              "%s: the gzip data is cut short: it ends at byte %zu before its end (%zu bytes "
                              "decompressed)",
                              name, n, o->len);
            break;
        }
        rc = uclog__error(ctx, UCLOG_E_FORMAT, NULL, "%s: damaged gzip data near byte %zu: %s", name, off,
                          z.msg ? z.msg : "no progress");
        break;
    }
    inflateEnd(&z);
    return rc;
}

static int read_gzip(uclog_ctx *ctx, const char *name, const char *d, size_t n, uclog__member_fn fn, void *userdata)
{
    uint64_t left = uclog__limit(ctx, UCLOG_LIMIT_MAX_ARCHIVE_BYTES);
    struct outbuf o = {NULL, 0, 0, most_of(left)};
    int rc = gunzip(ctx, name, (const unsigned char *)d, n, &o);

    if (rc) {
        uclog__free(ctx, o.p);
        return rc;
    }
    return hand_over(ctx, &o, &left, name, name, fn, userdata);
}

#else

static int read_gzip(uclog_ctx *ctx, const char *name, const char *d, size_t n, uclog__member_fn fn, void *userdata)
{
    (void)d;
    (void)n;
    (void)fn;
    (void)userdata;
    return uclog__error(ctx, UCLOG_E_UNSUPPORTED, NULL,
                        "%s: a gzip file, and this build of uclog reads none (it was built without zlib)", name);
}

#endif

/* ---- zip ---- */

#ifdef UCLOG_HAVE_LIBARCHIVE

/* The client's own name for its logs: <app>-UccApi-<n>.uccapilog, in any case. */
static int is_client_log(const char *member)
{
    static const char ext[] = ".uccapilog";
    size_t n = strlen(member), k = sizeof(ext) - 1, i;

    if (n <= k || member[n - k - 1] == '/')
        return 0;
    for (i = 0; i < k; i++)
        if (uclog__to_lower((unsigned char)member[n - k + i]) != ext[i])
            return 0;
    return 1;
}

static int zip_error(uclog_ctx *ctx, struct archive *a, const char *name, const char *member)
{
    const char *why = archive_error_string(a);

    if (archive_errno(a) == ENOMEM)
        return UCLOG_E_NOMEM;
    return uclog__error(ctx, UCLOG_E_FORMAT, NULL, "%s%s%s: the zip data cannot be read: %s", name,
                        member ? ":" : "", member ? member : "", why ? why : "unknown error");
}

/* One member's bytes. */
static int zip_member(uclog_ctx *ctx, struct archive *a, const char *name, const char *member, struct outbuf *o,
                      int64_t size)
{
    la_ssize_t got;
    int rc;

    for (;;) {
        size_t hint = size > 0 && (uint64_t)size < SIZE_MAX - 1 ? (size_t)size + 1 : 65536;
        if ((rc = out_room(ctx, o, name, hint)) != 0)
            return rc;
        got = archive_read_data(a, o->p + o->len, o->cap - o->len);
        if (got == 0)
            return UCLOG_OK;
        if (got < 0)
            return zip_error(ctx, a, name, member);
        o->len += (size_t)got;
    }
}

static int read_zip(uclog_ctx *ctx, const char *name, const char *d, size_t n, uclog__member_fn fn, void *userdata)
{
    uint64_t left = uclog__limit(ctx, UCLOG_LIMIT_MAX_ARCHIVE_BYTES);
    struct archive *a = archive_read_new();
    struct archive_entry *e;
    char *full = NULL;
    size_t logs = 0, others = 0;
    int rc = UCLOG_OK, ar;

    if (!a)
        return UCLOG_E_NOMEM;
    if (archive_read_support_format_zip(a) != ARCHIVE_OK || archive_read_open_memory(a, d, n) != ARCHIVE_OK) {
        rc = zip_error(ctx, a, name, NULL);
        archive_read_free(a);
        return rc;
    }
    while ((ar = archive_read_next_header(a, &e)) == ARCHIVE_OK || ar == ARCHIVE_WARN) {
        const char *member = archive_entry_pathname_utf8(e);
        struct outbuf o = {NULL, 0, 0, most_of(left)};
        size_t len;
        if (!member)
            member = archive_entry_pathname(e);
        if (!member || archive_entry_filetype(e) != AE_IFREG || !is_client_log(member)) {
            others++;
            continue;
        }
        len = strlen(name) + 1 + strlen(member) + 1;
        uclog__free(ctx, full);
        if (!(full = uclog__malloc(ctx, len))) {
            rc = UCLOG_E_NOMEM;
            break;
        }
        snprintf(full, len, "%s:%s", name, member);
        rc = zip_member(ctx, a, name, member, &o, archive_entry_size_is_set(e) ? archive_entry_size(e) : -1);
        if (rc) {
            uclog__free(ctx, o.p);
            break;
        }
        if ((rc = hand_over(ctx, &o, &left, name, full, fn, userdata)) != 0)
            break;
        logs++;
    }
    if (!rc && ar != ARCHIVE_EOF)
        rc = zip_error(ctx, a, name, NULL);
    if (!rc && !logs)
        rc = uclog__error(ctx, UCLOG_E_FORMAT, NULL,
                          "%s: no client log (a file named *.uccapilog) in this zip file (entries: %zu)",
                          name, others);
    uclog__free(ctx, full);
    archive_read_free(a);
    return rc;
}

#else

static int read_zip(uclog_ctx *ctx, const char *name, const char *d, size_t n, uclog__member_fn fn, void *userdata)
{
    (void)d;
    (void)n;
    (void)fn;
    (void)userdata;
    return uclog__error(ctx, UCLOG_E_UNSUPPORTED, NULL,
                        "%s: a zip file, and this build of uclog reads none (it was built without libarchive)",
                        name);
}

#endif

int uclog__archive_read(uclog_ctx *ctx, const char *name, const char *d, size_t n, uclog__member_fn fn,
                        void *userdata)
{
    switch (uclog__archive_kind(d, n)) {
    case UCLOG__ARCHIVE_GZIP:
        return read_gzip(ctx, name, d, n, fn, userdata);
    case UCLOG__ARCHIVE_ZIP:
        return read_zip(ctx, name, d, n, fn, userdata);
    default:
        return UCLOG_E_INVALID_ARG;
    }
}
