/* Archives a log arrives in (log-archive.c), as log-source.c opens them. */
#ifndef UCLOG_LOG_ARCHIVE_H
#define UCLOG_LOG_ARCHIVE_H

#include "internal.h"

enum uclog__archive_kind {
    UCLOG__ARCHIVE_NONE = 0, /* not an archive: the bytes are the text */
    UCLOG__ARCHIVE_GZIP = 1, /* 1f 8b: one file, compressed */
    UCLOG__ARCHIVE_ZIP = 2   /* PK 03 04 (PK 05 06 when empty): files, the client logs among them */
};

/* What the first bytes of a file say it is (its name does not count). */
int uclog__archive_kind(const char *d, size_t n);

/*
 * Receives one file the archive holds, decompressed: its name (NUL-ended,
 * lent for the call) and its bytes, allocated through the context, which
 * the callee owns from then on, whatever it returns. Not 0 stops the read,
 * and the read returns that.
 */
typedef int (*uclog__member_fn)(void *userdata, const char *name, char *bytes, size_t len);

/*
 * Decompress the archive d[0..n) named `name`: a gzip file gives one file
 * under the archive's own name; a zip file gives each member whose name
 * ends in ".uccapilog" (any case) as "name:member/path", in the order the
 * archive lists them. At most UCLOG_LIMIT_MAX_ARCHIVE_BYTES in all.
 * Returns 0, or an error recorded on ctx: UCLOG_E_FORMAT (damaged or cut
 * short; a zip without a client log), UCLOG_E_LIMIT, UCLOG_E_UNSUPPORTED
 * (built without zlib or libarchive), UCLOG_E_NOMEM, or what fn returned.
 */
int uclog__archive_read(uclog_ctx *ctx, const char *name, const char *d, size_t n, uclog__member_fn fn,
                        void *userdata);

#endif
