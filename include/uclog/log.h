/**
 * @file uclog/log.h
 * @brief Logs (files, buffers, streams, rotated sets) and their records.
 *
 * A record is a header line `MM/DD/YYYY|HH:MM:SS.mmm PID:TID LEVEL :: text`
 * plus every following line that is not a header line. Every byte of the
 * input belongs to exactly one record: text before the first header, and
 * the rest of a record cut at the size limit, come out as records without a
 * header and with a defect saying why.
 *
 * Lifetimes: views returned for a record point into the log's bytes. For a
 * log opened from a file or a buffer they stay valid until uclog_log_free()
 * (for a buffer, the caller's bytes must live that long too). For a log
 * read from a stream they stay valid only until the next
 * uclog_record_iter_next(). The `const uclog_record *` handed out by
 * uclog_record_iter_next() is valid until the next call on its iterator.
 */
#ifndef UCLOG_LOG_H
#define UCLOG_LOG_H

#include <stdio.h>

#include <uclog/common.h>
#include <uclog/errors.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A log: one file, a buffer, a stream, or a set of rotated files. */
typedef struct uclog_log uclog_log;
/** A cursor over the records of a log. */
typedef struct uclog_record_iter uclog_record_iter;
/** One record; lent by its iterator. */
typedef struct uclog_record uclog_record;

/** Levels of a record header (the raw word is always available too). */
enum uclog_level {
    UCLOG_LEVEL_UNKNOWN = 0, /**< a word not in this list, or no header */
    UCLOG_LEVEL_TRACE = 1,
    UCLOG_LEVEL_DEBUG = 2,
    UCLOG_LEVEL_VERBOSE = 3,
    UCLOG_LEVEL_INFO = 4,
    UCLOG_LEVEL_WARN = 5,    /**< WARN or WARNING */
    UCLOG_LEVEL_ERROR = 6,
    UCLOG_LEVEL_FATAL = 7
};

/** Text encoding a file was found in. */
enum uclog_encoding {
    UCLOG_ENCODING_UTF8 = 0,     /**< UTF-8 or ASCII, no byte order mark */
    UCLOG_ENCODING_UTF8_BOM = 1, /**< UTF-8 with a byte order mark */
    UCLOG_ENCODING_UTF16LE = 2,  /**< transcoded to UTF-8 when opened */
    UCLOG_ENCODING_UTF16BE = 3   /**< transcoded to UTF-8 when opened */
};

/**
 * What a file of a log holds, judged on its first 64 KiB of text (after
 * UTF-16 is transcoded): uclog_log_file_kind(). The library reads every
 * kind (leniency); a program that wants a client log refuses an empty,
 * binary or other text file, naming the reason uclog_file_kind_reason()
 * gives.
 * @since 1.3
 */
enum uclog_file_kind {
    /** A client log: a line with a record header's shape. */
    UCLOG_FILE_KIND_LOG = 0,
    /** Bare SIP messages, as pasted into a ticket: no record header, a SIP
     * start line at the start of a line (`SIP/2.0` and a three-digit code,
     * or an upper-case method, a URI with a scheme and `SIP/2.0`). Its messages come out of the
     * packet and message iterators, one packet each; a message is framed
     * by its start line and Content-Length (the next start line when it has
     * none), CRLF or LF. A framing line of the log written without its
     * record header (`Sending Packet - …`, `Data Received - …`) gives the
     * packet after it its direction and addresses; otherwise the direction
     * is `UCLOG_DIRECTION_UNKNOWN` (packet.h). */
    UCLOG_FILE_KIND_SIP = 1,
    /** No bytes. */
    UCLOG_FILE_KIND_EMPTY = 2,
    /** Not text: a NUL byte, or more than one byte in 32 that is a control
     * character other than line layout or is not part of UTF-8 text. */
    UCLOG_FILE_KIND_BINARY = 3,
    /** Text with no record header and no SIP start line. */
    UCLOG_FILE_KIND_TEXT = 4,
    /** A stream not read yet: it is judged before its first record is given. */
    UCLOG_FILE_KIND_UNREAD = 5
};

/**
 * A record's timestamp, as written (no time zone). Frozen for every 1.x.
 */
typedef struct uclog_timestamp {
    int64_t epoch_ms;  /**< milliseconds since 1970-01-01 00:00, taking the time as UTC */
    uint16_t year;     /**< e.g. 2008 */
    uint8_t month;     /**< 1-12 */
    uint8_t day;       /**< 1-31 */
    uint8_t hour;      /**< 0-23 */
    uint8_t minute;    /**< 0-59 */
    uint8_t second;    /**< 0-59 */
    uint8_t reserved;  /**< always 0 */
    uint16_t millisecond; /**< 0-999 */
    uint16_t reserved2; /**< always 0 */
} uclog_timestamp;

/**
 * Open a log file. The file is read whole into memory the log owns (its
 * size in bytes, counted through the context's allocator), never mapped:
 * the log holds the bytes the file had when it was opened, and a client that
 * appends to, truncates or rotates the file while it is read changes
 * nothing that the log lends or will return (a mapping would fault on the
 * pages cut off, and kill the process). A file that shrinks while it is
 * being opened is read up to its new end. A UTF-16 file (with or without
 * byte order mark) is transcoded to UTF-8; positions then refer to the
 * UTF-8 text.
 * @param[out] out the log, owned by the caller (uclog_log_free()).
 * @param ctx  the context; must outlive the log.
 * @param path the file; "-" is not special here (see uclog_log_open_stream()).
 * A file that has no size (a FIFO, a character device, a socket) is read
 * to its end, up to UCLOG_LIMIT_MAX_UNSIZED_FILE_BYTES (since 1.2).
 *
 * Archives (since 1.3), known by their first bytes, not their names: a
 * gzip file (1f 8b; members one after the other read as one text) is one
 * file of the log, under the archive's own name; a zip file (`PK`, a
 * zipped Tracing folder) gives each member whose name ends in `.uccapilog`
 * (any case) as a file of the log, named `ARCHIVE:MEMBER/PATH` (e.g.
 * `logs.zip:Tracing/Lync-UccApi-0.UccApilog`), ordered among the others
 * as a rotated set is; its other members are left out. They are
 * decompressed whole into memory the log owns, at most
 * UCLOG_LIMIT_MAX_ARCHIVE_BYTES per archive. gzip needs a build with
 * zlib, zip one with libarchive.
 * @return 0; UCLOG_E_IO (missing, unreadable, a directory; the context's
 *         errmsg names the file), UCLOG_E_NOMEM, UCLOG_E_INVALID_ARG;
 *         UCLOG_E_LIMIT for a file with no size that holds more than
 *         UCLOG_LIMIT_MAX_UNSIZED_FILE_BYTES (since 1.2), for an archive
 *         that decompresses to more than UCLOG_LIMIT_MAX_ARCHIVE_BYTES, or a
 *         zip holding more client logs than UCLOG_LIMIT_MAX_FILES (since
 *         1.3); UCLOG_E_FORMAT for an archive that is damaged or cut short
 *         (the errmsg says where) or a zip without a client log, and
 *         UCLOG_E_UNSUPPORTED for an archive this build cannot read (built
 *         without zlib or libarchive) (since 1.3).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_log_open_file(uclog_log **out, uclog_ctx *ctx, const char *path);

/**
 * Open a set of files (rotated `-0`, `-1`, …, `.bak`) that iterate as one
 * log, ordered by each file's first timestamp (files without any record
 * header come last, in the order given). Index i of uclog_log_file_name()
 * is the i-th file in that order. An archive among the paths adds its
 * files (see uclog_log_open_file()), so that the log may hold more files
 * than @p n (since 1.3).
 * @return as uclog_log_open_file(); UCLOG_E_LIMIT for more files than
 *         UCLOG_LIMIT_MAX_FILES; UCLOG_E_INVALID_ARG for n == 0.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_log_open_files(uclog_log **out, uclog_ctx *ctx, const char *const *paths,
                                      size_t n);

/**
 * Open a set as uclog_log_open_files() does, one member of which is bytes
 * the caller holds rather than a file: paths[at] is not opened but names
 * those bytes (a program's "-", its standard input read whole, given among
 * files). The bytes are not copied and must outlive the log, as with
 * uclog_log_open_buffer() (UTF-16 is transcoded into memory the log owns).
 * @param at   the index in @p paths of the bytes' member.
 * @param data the bytes (NULL only with @p len 0).
 * @param[out] out the log, owned by the caller (uclog_log_free()).
 * @param ctx the context; must outlive the log.
 * @param paths the members' names (copied).
 * @param n the number of names in @p paths.
 * @param len the number of bytes at @p data.
 * @return as uclog_log_open_files(); UCLOG_E_INVALID_ARG for @p at >= @p n.
 * @since 1.2
 */
UCLOG_EXPORT int uclog_log_open_files_buffer(uclog_log **out, uclog_ctx *ctx, const char *const *paths,
                                             size_t n, size_t at, const void *data, size_t len);

/**
 * Open a log over the caller's bytes, which are not copied and must outlive
 * the log (unless they are UTF-16, which is transcoded into memory the log
 * owns). Bytes that are a gzip or zip archive are decompressed into memory
 * the log owns, as uclog_log_open_file() does (since 1.3).
 * @param name a name for messages and uclog_log_file_name() (copied), or NULL.
 * @param[out] out the log, owned by the caller (uclog_log_free()).
 * @param ctx the context; must outlive the log.
 * @param data the bytes (NULL only with @p len 0).
 * @param len their number.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_log_open_buffer(uclog_log **out, uclog_ctx *ctx, const void *data,
                                       size_t len, const char *name);

/**
 * Read callback for uclog_log_open_reader(): copy up to @p cap bytes into
 * @p buf and return how many, 0 at the end, or a negative value on error.
 */
typedef int64_t (*uclog_read_fn)(void *userdata, void *buf, size_t cap);

/**
 * Open a log read through a callback, in constant memory (proportional to
 * the largest record). Only one iterator can run over it, once. A UTF-16
 * stream is refused with UCLOG_E_ENCODING when iterated. A stream is not
 * decompressed: one that starts as a gzip or zip file is refused with
 * UCLOG_E_UNSUPPORTED when iterated (since 1.3); open an archive as a file
 * or a buffer.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_log_open_reader(uclog_log **out, uclog_ctx *ctx, uclog_read_fn read,
                                       void *userdata, const char *name);

/**
 * Open a log read from a stdio stream (e.g. stdin), as
 * uclog_log_open_reader(). The stream is not closed by the log.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_log_open_stream(uclog_log **out, uclog_ctx *ctx, FILE *stream,
                                       const char *name);

/**
 * What the read callback of a live log (uclog_log_open_live()) returns
 * when nothing new has come for a while: the bytes given so far end where
 * they are, and the records they hold are handed out. A plain reader's
 * negative value is an error; this one is only understood from a live
 * log's reader.
 * @since 1.3
 */
#define UCLOG_READ_IDLE ((int64_t)-2)

/**
 * Open a log read through a callback that returns bytes as they are
 * written (a file being followed: uclog_follow_read()), in constant
 * memory as uclog_log_open_reader() does, with two differences that let
 * its records come out while the writer is still at work:
 * - each read's bytes are framed as soon as they come (a plain stream is
 *   read until its buffer is full first), so @p read may block until it
 *   has something and then return what it has;
 * - @p read may return ::UCLOG_READ_IDLE: then a record whose lines are
 *   all there is handed out without waiting for the next record header
 *   to start (which is otherwise how a record is known to be complete).
 *   A line without its line end is never taken as complete: it waits for
 *   the rest, or for the end of the log (0 from @p read).
 * Records that come out after an IDLE are the same as from a one-shot
 * read of the same bytes, unless the writer stopped inside a record (after
 * a line end, before a continuation line) for longer than the reader
 * waited: the lines after the pause then make a record of their own,
 * without a header (::UCLOG_DEFECT_TEXT_BEFORE_HEADER).
 * The line ends (CR alone, or LF), the encoding and what the file holds
 * (uclog_log_file_kind()) are judged on the first 64 KiB, or on what came
 * before the first IDLE when that is less. A
 * UTF-16 log is refused with UCLOG_E_ENCODING when iterated. Positions
 * count every byte @p read returned, from 0, as one file named @p name.
 * Framing what is pending again after each read costs time in proportion
 * to the pending record: a record written in k pieces is scanned k times.
 * @param[out] out the log, owned by the caller (uclog_log_free()).
 * @param ctx the context; must outlive the log.
 * @param read the callback; it returns a count of bytes (at least 1 and
 *        at most @p cap), 0 at the end, ::UCLOG_READ_IDLE, or another
 *        negative value on error (the iteration then fails with
 *        UCLOG_E_IO).
 * @param userdata handed to @p read unchanged.
 * @param name a name for messages and uclog_log_file_name() (copied), or
 *        NULL for "(stream)".
 * @return 0; UCLOG_E_INVALID_ARG (no @p out, @p ctx or @p read);
 *         UCLOG_E_NOMEM.
 * @since 1.3
 */
UCLOG_EXPORT int uclog_log_open_live(uclog_log **out, uclog_ctx *ctx, uclog_read_fn read, void *userdata,
                                     const char *name);

/** Free a log and what it owns. NULL is accepted. @since 1.0 */
UCLOG_EXPORT void uclog_log_free(uclog_log *log);

/** Number of files in the log (1 for a buffer or stream). @since 1.0 */
UCLOG_EXPORT uint32_t uclog_log_file_count(const uclog_log *log);

/**
 * Name of file @p i (NUL-terminated, lent until uclog_log_free()), or NULL
 * when out of range.
 * @since 1.0
 */
UCLOG_EXPORT const char *uclog_log_file_name(const uclog_log *log, uint32_t i);

/** Size in bytes of file @p i as read (after decompression and transcoding), 0 when unknown. @since 1.0 */
UCLOG_EXPORT uint64_t uclog_log_file_size(const uclog_log *log, uint32_t i);

/** Encoding of file @p i (a ::uclog_encoding value), -1 when out of range. @since 1.0 */
UCLOG_EXPORT int32_t uclog_log_file_encoding(const uclog_log *log, uint32_t i);

/**
 * Whether file @p i had its lines end with CR alone (CR and no LF in its
 * first 64 KiB), and was read with LF in place of each CR: its text is then
 * a copy the log owns, with the same offsets. A stream is judged the same
 * way on its first 64 KiB, read before its first record is given (until
 * then this says 0), and then has LF in place of each CR as it arrives.
 * @return 1, 0, or -1 when out of range.
 * @since 1.2
 */
UCLOG_EXPORT int32_t uclog_log_file_cr_line_ends(const uclog_log *log, uint32_t i);

/**
 * What file @p i holds (a ::uclog_file_kind value), judged on its first
 * 64 KiB when it was opened; a stream is judged on its first 64 KiB before
 * its first record is given (until then ::UCLOG_FILE_KIND_UNREAD), a live
 * log on what came before its first IDLE when that is less. Opening
 * never fails on the kind: the caller decides what to refuse.
 * @return the kind, or -1 when out of range.
 * @since 1.3
 */
UCLOG_EXPORT int32_t uclog_log_file_kind(const uclog_log *log, uint32_t i);

/**
 * A ::uclog_file_kind value's name: "log", "sip", "empty", "binary", "text",
 * "unread"; "unknown" for any other value. Static storage, never NULL.
 * @since 1.3
 */
UCLOG_EXPORT const char *uclog_file_kind_name(int32_t kind);

/**
 * Why a file of that kind is not a client log, in a few words for a
 * message (`FILE: not a client log (REASON)`): "empty", "binary: NUL bytes
 * or bytes that are not text", "text without a record header or a SIP
 * start line"; "bare SIP messages, no record header" for
 * ::UCLOG_FILE_KIND_SIP; "not read yet" for ::UCLOG_FILE_KIND_UNREAD; ""
 * for ::UCLOG_FILE_KIND_LOG and for values not listed. Static storage,
 * never NULL.
 * @since 1.3
 */
UCLOG_EXPORT const char *uclog_file_kind_reason(int32_t kind);

/** The context of a log. @since 1.0 */
UCLOG_EXPORT uclog_ctx *uclog_log_ctx(const uclog_log *log);

/**
 * Start iterating the records of a log.
 * @param[out] out the iterator, owned by the caller (uclog_record_iter_free());
 *             it must be freed before the log.
 * @param log the log.
 * @return 0, UCLOG_E_NOMEM, UCLOG_E_STATE (a second pass over a stream).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_record_iter_new(uclog_record_iter **out, uclog_log *log);

/**
 * The next record.
 * @param[out] out the record, lent until the next call on @p it.
 * @param it the iterator.
 * @return 0 with a record; UCLOG_DONE at the end; a negative error (e.g.
 *         UCLOG_E_IO from a stream, UCLOG_E_ENCODING). DONE and errors are
 *         sticky.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_record_iter_next(const uclog_record **out, uclog_record_iter *it);

/** Bits of uclog_record_fields::flags. @since 1.3 */
enum uclog_record_fields_flag {
    /** The record has a header line (uclog_record_has_header()). */
    UCLOG_RECORD_FIELDS_HEADER = 1,
    /** It has a timestamp: `epoch_ms` is set. */
    UCLOG_RECORD_FIELDS_TIMESTAMP = 2
};

/**
 * What uclog_record_iter_next_batch() tells of one record, as numbers.
 * Fields a later minor release adds go at the end; a caller passes
 * `sizeof(uclog_record_fields)` as it was compiled, and the library fills
 * no more than that (ABI.md).
 * @since 1.3
 */
typedef struct uclog_record_fields {
    uclog_span span;       /**< the record in the log (uclog_record_span()) */
    int64_t epoch_ms;      /**< its time (::UCLOG_RECORD_FIELDS_TIMESTAMP) */
    uint32_t flags;        /**< ::uclog_record_fields_flag bits */
    int32_t level;         /**< uclog_record_level() */
    uint32_t pid;          /**< uclog_record_pid() */
    uint32_t tid;          /**< uclog_record_tid() */
    uint32_t text_offset;  /**< uclog_record_text_offset() */
    uint32_t line_count;   /**< uclog_record_line_count() */
} uclog_record_fields;

/**
 * The next records of the iterator, up to @p cap of them, as numbers, in
 * one call (nothing is lent). Calls to uclog_record_iter_next() and to
 * this function may be mixed; a record lent by uclog_record_iter_next() is
 * no longer valid after this call.
 * @param[out] out @p cap entries of @p entry_size bytes each.
 * @param[out] count how many entries were filled (0 with UCLOG_DONE).
 * @param it the iterator.
 * @param cap the number of entries of @p out (at least 1).
 * @param entry_size `sizeof(uclog_record_fields)` as the caller was
 *        compiled: at least the 1.3 size (64 bytes), a multiple of 8.
 * @return 0 with at least one entry; UCLOG_DONE with none; a negative
 *         error of the iterator (sticky, as uclog_record_iter_next(); after
 *         a batch of entries, it comes with the next call);
 *         UCLOG_E_INVALID_ARG for a NULL pointer, @p cap 0 or a bad
 *         @p entry_size.
 * @since 1.3
 */
UCLOG_EXPORT int uclog_record_iter_next_batch(uclog_record_fields *out, uint32_t *count,
                                              uclog_record_iter *it, uint32_t cap,
                                              size_t entry_size);

/** Free an iterator. NULL is accepted. @since 1.0 */
UCLOG_EXPORT void uclog_record_iter_free(uclog_record_iter *it);

/** 1 when the record starts with a header line, 0 for headerless text. @since 1.0 */
UCLOG_EXPORT int uclog_record_has_header(const uclog_record *rec);

/**
 * The record's timestamp.
 * @return 0; UCLOG_E_NOT_FOUND when the record has no (readable) timestamp,
 *         with @p out zeroed.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_record_timestamp(uclog_timestamp *out, const uclog_record *rec);

/** Process id (hex in the log), 0 when absent. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_record_pid(const uclog_record *rec);

/** Thread id (hex in the log), 0 when absent. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_record_tid(const uclog_record *rec);

/** Level as a ::uclog_level value. @since 1.0 */
UCLOG_EXPORT int32_t uclog_record_level(const uclog_record *rec);

/** The raw level word (e.g. "INFO"); absent for headerless records. @since 1.0 */
UCLOG_EXPORT void uclog_record_level_word(uclog_str *out, const uclog_record *rec);

/**
 * The text after `::` on the header line (one following space removed),
 * without the line end. For a headerless record, its first line.
 * @since 1.0
 */
UCLOG_EXPORT void uclog_record_text(uclog_str *out, const uclog_record *rec);

/**
 * The continuation lines: every byte after the first line's line end,
 * line ends included. Empty for a one-line record.
 * @since 1.0
 */
UCLOG_EXPORT void uclog_record_continuation(uclog_str *out, const uclog_record *rec);

/** The whole record, every byte, line ends included. @since 1.0 */
UCLOG_EXPORT void uclog_record_raw(uclog_str *out, const uclog_record *rec);

/**
 * Where the record is: file index, byte offset, first line, length.
 * @since 1.0
 */
UCLOG_EXPORT void uclog_record_span(uclog_span *out, const uclog_record *rec);

/** Offset within the raw record where the text (uclog_record_text()) starts. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_record_text_offset(const uclog_record *rec);

/** Number of lines in the record. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_record_line_count(const uclog_record *rec);

/** Number of defects found in the record. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_record_defect_count(const uclog_record *rec);

/**
 * Defect @p i of the record.
 * @return 0, or UCLOG_E_RANGE.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_record_defect(uclog_defect *out, const uclog_record *rec, uint32_t i);

/**
 * Parse a header line (the first line of a record, without line end).
 * Useful for text that did not come from a log object.
 * @return 1 when @p line has the timestamp shape of a header, 0 otherwise.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_line_is_header(const char *line, size_t len);

/** Name of a ::uclog_level value ("INFO", …), "UNKNOWN" otherwise. @since 1.0 */
UCLOG_EXPORT const char *uclog_level_name(int32_t level);

#ifdef __cplusplus
}
#endif
#endif
