/**
 * @file uclog/sip.h
 * @brief SIP messages: start line, headers, body, multipart parts, and
 *        parsers for the header values found in Communicator/Lync logs.
 *
 * uclog_sip_parse() reads one message from any buffer (a log record, a
 * packet capture, a test string). It finds boundaries only: the start line,
 * where each header's name and value are, the body, the MIME parts. Values
 * are split when asked for, by the functions in the second half of this
 * header, which work on any ::uclog_str and never allocate.
 *
 * **Lifetimes.** Every view (::uclog_str) handed out points into the
 * caller's bytes given to uclog_sip_parse(): those bytes must stay unchanged
 * and alive as long as the views are used, and at least as long as the
 * message. Part handles (::uclog_sip_part) are lent by their message and
 * live until uclog_sip_free(). Nothing is copied except by
 * uclog_sip_unfold(), which writes into a buffer the caller owns.
 *
 * **Leniency** (see DESIGN.md decision 3). Damaged input still gives a
 * message, with defects (UCLOG_DEFECT_SIP_*, each with a span):
 * - blank lines before the start line are skipped silently; other text
 *   before it is skipped with ::UCLOG_DEFECT_SIP_TEXT_BEFORE_START;
 * - lines may end in CRLF or LF;
 * - a line that starts with a space or tab continues the previous header
 *   (folding), unless it reads `name:` (a header-name token followed by a
 *   colon), in which case it is a header whose name has stray leading
 *   blanks (::UCLOG_DEFECT_SIP_HEADER_INDENTED);
 * - header names are compared without regard to case, and the compact
 *   forms (i m e l c f s k t v o u r b x a j d y n) match their long names;
 * - trailing blanks are trimmed from values;
 * - the body is bounded by Content-Length when it is valid and fits, and
 *   runs to the end of the buffer otherwise.
 *
 * **Positions.** Spans are absolute: the `base` given to uclog_sip_parse()
 * says where `data[0]` is in its source (file index, offset, line, column).
 *
 * **Errors.** Functions return 0 on success, ::UCLOG_E_NOT_FOUND when the
 * header or parameter asked for is absent, ::UCLOG_E_FORMAT when it is
 * present but cannot be read, ::UCLOG_E_RANGE for an index past the end,
 * ::UCLOG_E_INVALID_ARG for a NULL handle or a NULL required pointer.
 * On any error, view out-parameters are set to `{NULL, 0}` and numbers to 0.
 * Out-parameters documented as optional may be NULL.
 */
#ifndef UCLOG_SIP_H
#define UCLOG_SIP_H

#include <uclog/common.h>
#include <uclog/errors.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A parsed SIP message. Owned by the caller; see uclog_sip_free(). */
typedef struct uclog_sip uclog_sip;
/** One part of a multipart body; lent by its message. */
typedef struct uclog_sip_part uclog_sip_part;

/** Defect codes of the SIP layer (range 200-299). Never renumbered. */
enum uclog_sip_defect_code {
    UCLOG_DEFECT_SIP_TEXT_BEFORE_START = 200,      /**< non-blank text before the start line */
    UCLOG_DEFECT_SIP_START_LINE_MALFORMED = 201,   /**< e.g. a status code that is not 3 digits */
    UCLOG_DEFECT_SIP_HEADER_MALFORMED = 202,       /**< a header line without a colon or a valid name (not indexed) */
    UCLOG_DEFECT_SIP_HEADER_INDENTED = 203,        /**< blanks before a header name */
    UCLOG_DEFECT_SIP_HEADERS_UNTERMINATED = 204,   /**< the data ended before the blank line after the headers */
    UCLOG_DEFECT_SIP_TOO_MANY_HEADERS = 205,       /**< over UCLOG_LIMIT_MAX_SIP_HEADERS; the rest are not indexed */
    UCLOG_DEFECT_SIP_CONTENT_LENGTH_INVALID = 206, /**< Content-Length not a number, or too large to represent */
    UCLOG_DEFECT_SIP_CONTENT_LENGTH_CONFLICT = 207,/**< several Content-Length headers that disagree (first used) */
    UCLOG_DEFECT_SIP_BODY_TRUNCATED = 208,         /**< fewer body bytes than Content-Length says */
    UCLOG_DEFECT_SIP_MULTIPART_NO_BOUNDARY = 209,  /**< a multipart Content-Type without a boundary parameter */
    UCLOG_DEFECT_SIP_MULTIPART_NO_DELIMITER = 210, /**< the boundary never appears in the body */
    UCLOG_DEFECT_SIP_MULTIPART_UNTERMINATED = 211, /**< no closing `--boundary--` line */
    UCLOG_DEFECT_SIP_TOO_MANY_PARTS = 212,         /**< over UCLOG_LIMIT_MAX_MIME_PARTS; the rest are ignored */
    UCLOG_DEFECT_SIP_PART_HEADERS_UNTERMINATED = 213, /**< a part without the blank line after its headers */
    UCLOG_DEFECT_SIP_DEFECTS_DROPPED = 214,        /**< too many defects; later ones were not recorded */
    /** The packet framed more bytes than Content-Length says, and what
     * follows is not another message (a length counted with LF for CRLF,
     * or too small): the body runs to the end of the framed bytes. Only a
     * message read from a log's packets has it. @since 1.2 */
    UCLOG_DEFECT_SIP_BODY_BEYOND_LENGTH = 215,
    /** CSeq whose number is missing or over 2^32 - 1: uclog_sip_cseq() gives
     * UCLOG_E_FORMAT, and the message is matched to no request. @since 1.2 */
    UCLOG_DEFECT_SIP_CSEQ_INVALID = 216
};

/** Which member of the diagnostics family an entry came from. */
enum uclog_sip_diag_kind {
    UCLOG_SIP_DIAG_SERVER = 1, /**< `ms-diagnostics` */
    UCLOG_SIP_DIAG_PUBLIC = 2, /**< `ms-diagnostics-public` */
    UCLOG_SIP_DIAG_CLIENT = 3  /**< `ms-client-diagnostics` */
};

/** Sub error id reported by uclog_sip_diag_parse() when there is none. */
#define UCLOG_SIP_DIAG_NO_SUB_ID UINT32_MAX

/* ------------------------------------------------------------------ */
/* Messages                                                            */
/* ------------------------------------------------------------------ */

/**
 * Parse one SIP message from @p data.
 *
 * The message starts at the first line that is a SIP start line (request
 * `METHOD uri SIP/2.0` or response `SIP/2.0 code reason`) and ends after
 * its body; bytes after that are left alone (see uclog_sip_length()).
 * Nothing is copied: the message keeps pointers into @p data, which must
 * stay valid and unchanged until uclog_sip_free().
 *
 * @param[out] out  the message, owned by the caller (uclog_sip_free()).
 *                  NULL on error.
 * @param ctx   allocator and limits (UCLOG_LIMIT_MAX_SIP_HEADERS,
 *              UCLOG_LIMIT_MAX_MIME_PARTS); must outlive the message.
 * @param data  the bytes; need not be NUL-terminated.
 * @param len   number of bytes.
 * @param base  where `data[0]` is in its source, or NULL for offset 0,
 *              line 1, column 1, file 0. A line or column of 0 means
 *              unknown and stays 0 in the spans derived from it.
 * @return 0 (damage is reported as defects); ::UCLOG_E_FORMAT when no line
 *         of @p data is a SIP start line (the context's error gives a
 *         message and the span of the buffer); ::UCLOG_E_NOMEM;
 *         ::UCLOG_E_INVALID_ARG.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_parse(uclog_sip **out, uclog_ctx *ctx, const char *data, size_t len,
                                 const uclog_span *base);

/** Free a message and its parts. NULL is accepted. @since 1.0 */
UCLOG_EXPORT void uclog_sip_free(uclog_sip *msg);

/**
 * Number of bytes of @p data used by this message: from `data[0]` through
 * the end of the body (blank lines and text skipped before the start line
 * included). `data + uclog_sip_length()` is where a following message
 * starts, so a buffer holding several messages back to back is split by
 * parsing again from there. It equals the buffer length when the body had
 * no (valid, fitting) Content-Length. 0 for NULL.
 * @since 1.0
 */
UCLOG_EXPORT uint64_t uclog_sip_length(const uclog_sip *msg);

/**
 * Where the message is: from the first byte of the start line through the
 * end of the body.
 * @return 0, or ::UCLOG_E_INVALID_ARG.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_span(uclog_span *out, const uclog_sip *msg);

/**
 * The message's own bytes: from the first byte of the start line through
 * the end of the body (the bytes uclog_sip_span() locates), without what
 * precedes the start line in the parsed data or follows the body (a next
 * message, the rest of a packet).
 * @param[out] raw  a view into the data the message was parsed from;
 *                  valid while that data and the message live.
 * @param[out] span where it is. Optional.
 * @param msg the message.
 * @return 0, or ::UCLOG_E_INVALID_ARG for a NULL @p raw or @p msg (no
 *         context to record it on).
 * @since 1.3
 */
UCLOG_EXPORT int uclog_sip_raw(uclog_str *raw, uclog_span *span, const uclog_sip *msg);

/** 1 for a request, 0 for a response (or NULL). @since 1.0 */
UCLOG_EXPORT int uclog_sip_is_request(const uclog_sip *msg);

/**
 * The start line without its line end, and its span.
 * @param[out] line  the text.
 * @param[out] span  optional.
 * @param msg the message.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_start_line(uclog_str *line, uclog_span *span, const uclog_sip *msg);

/**
 * The fields of a request line. Any method token is accepted (SERVICE,
 * BENOTIFY, …). All out-parameters are optional.
 * @return 0; ::UCLOG_E_NOT_FOUND for a response.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_request_line(uclog_str *method, uclog_str *uri, uclog_str *version,
                                        const uclog_sip *msg);

/**
 * The fields of a status line. All out-parameters are optional.
 * @param[out] code the status code; 0 when it was not 3 digits (a defect).
 * @param[out] version the SIP version text. Optional.
 * @param[out] reason the reason phrase. Optional.
 * @param msg the message.
 * @return 0; ::UCLOG_E_NOT_FOUND for a request.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_status_line(uclog_str *version, uint32_t *code, uclog_str *reason,
                                       const uclog_sip *msg);

/** Number of indexed headers (at most UCLOG_LIMIT_MAX_SIP_HEADERS). @since 1.0 */
UCLOG_EXPORT uint32_t uclog_sip_header_count(const uclog_sip *msg);

/**
 * Header @p i, in message order.
 * @param[out] name   the name as written (possibly a compact form).
 * @param[out] value  the raw value: leading and trailing blanks trimmed;
 *                    a folded value keeps its inner line breaks (see
 *                    uclog_sip_unfold()). Optional.
 * @param[out] span   from the name through the end of the header's last
 *                    line (line end excluded). Optional.
 * @param msg the message.
 * @param i which header, from 0.
 * @return 0, ::UCLOG_E_RANGE.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_header(uclog_str *name, uclog_str *value, uclog_span *span,
                                  const uclog_sip *msg, uint32_t i);

/**
 * Find the first header called @p name at index @p start or later. Names
 * are compared without regard to case and compact forms match long names
 * ("l" finds Content-Length and "Content-Length" finds "l"). To visit
 * repeated headers, call again with `start = *index + 1`.
 * @param[out] value  its raw value, as uclog_sip_header(). Optional.
 * @param[out] index  its index. Optional.
 * @param name  NUL-terminated ASCII.
 * @param msg the message.
 * @param start the header index to start at.
 * @return 0, ::UCLOG_E_NOT_FOUND.
 * @since 1.3 (as uclog_sip_find_header() since 1.0)
 */
UCLOG_EXPORT int uclog_sip_header_find(uclog_str *value, uint32_t *index, const uclog_sip *msg,
                                       const char *name, uint32_t start);

/**
 * As uclog_sip_header_find().
 * @deprecated since 1.3, use uclog_sip_header_find(): `find` comes last in
 *             the library's names.
 * @since 1.0
 */
UCLOG_EXPORT UCLOG_DEPRECATED int uclog_sip_find_header(uclog_str *value, uint32_t *index,
                                                        const uclog_sip *msg, const char *name,
                                                        uint32_t start);

/**
 * The body: after the blank line that ends the headers, bounded by
 * Content-Length when it is valid and fits, else to the end of the data.
 * Empty (non-NULL pointer) when there is none.
 * @param[out] span optional.
 * @param[out] body the body's bytes.
 * @param msg the message.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_body(uclog_str *body, uclog_span *span, const uclog_sip *msg);

/** Number of defects found. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_sip_defect_count(const uclog_sip *msg);

/**
 * Defect @p i, in the order found (message order).
 * @return 0, ::UCLOG_E_RANGE.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_defect(uclog_defect *out, const uclog_sip *msg, uint32_t i);

/**
 * Whether @p response answers @p request: one is a request and the other
 * a response, with the same Call-ID (compared exactly) and the same CSeq
 * number and method (method compared without regard to case).
 * @return 1 when it does, 0 when not (or when a value is missing).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_is_response_to(const uclog_sip *response, const uclog_sip *request);

/* ------------------------------------------------------------------ */
/* Multipart bodies                                                    */
/* ------------------------------------------------------------------ */

/**
 * Number of parts when the message's Content-Type is `multipart/...` with
 * a boundary; 0 otherwise. The preamble before the first delimiter and the
 * epilogue after the closing one are ignored. Nested multiparts are not
 * split.
 * @since 1.0
 */
UCLOG_EXPORT uint32_t uclog_sip_part_count(const uclog_sip *msg);

/**
 * Part @p i.
 * @param[out] out lent; valid until uclog_sip_free() of @p msg.
 * @param msg the message.
 * @param i the index, from 0.
 * @return 0, ::UCLOG_E_RANGE.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_part_get(const uclog_sip_part **out, const uclog_sip *msg, uint32_t i);

/** Number of headers of a part. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_sip_part_header_count(const uclog_sip_part *part);

/** Header @p i of a part; as uclog_sip_header(). @since 1.0 */
UCLOG_EXPORT int uclog_sip_part_header(uclog_str *name, uclog_str *value, uclog_span *span,
                                       const uclog_sip_part *part, uint32_t i);

/**
 * Find a part header; as uclog_sip_header_find().
 * @since 1.3 (as uclog_sip_part_find_header() since 1.0)
 */
UCLOG_EXPORT int uclog_sip_part_header_find(uclog_str *value, uint32_t *index,
                                            const uclog_sip_part *part, const char *name,
                                            uint32_t start);

/**
 * As uclog_sip_part_header_find().
 * @deprecated since 1.3, use uclog_sip_part_header_find().
 * @since 1.0
 */
UCLOG_EXPORT UCLOG_DEPRECATED int uclog_sip_part_find_header(uclog_str *value, uint32_t *index,
                                                             const uclog_sip_part *part,
                                                             const char *name, uint32_t start);

/**
 * The part's body: after the blank line that ends its headers, up to the
 * line end in front of the next delimiter.
 * @param[out] span optional.
 * @param[out] body the part's body.
 * @param part the body part.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_part_body(uclog_str *body, uclog_span *span, const uclog_sip_part *part);

/**
 * The whole part (headers and body) and its span.
 * @param[out] span optional.
 * @param[out] raw the part, headers and body.
 * @param part the body part.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_part_raw(uclog_str *raw, uclog_span *span, const uclog_sip_part *part);

/**
 * The part's Content-Type, split as uclog_sip_content_type_parse().
 * @return 0, ::UCLOG_E_NOT_FOUND, ::UCLOG_E_FORMAT.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_part_content_type(uclog_str *type, uclog_str *subtype, uclog_str *params,
                                             const uclog_sip_part *part);

/**
 * The part's Content-Disposition: the disposition type (e.g. "session")
 * and its parameters (from the first `;`, for uclog_sip_param(), e.g.
 * `handling` or the flag `ms-proxy-2007fallback`). Both optional.
 * @return 0, ::UCLOG_E_NOT_FOUND.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_part_disposition(uclog_str *type, uclog_str *params,
                                            const uclog_sip_part *part);

/**
 * 1 when the part's Content-Disposition carries the `ms-proxy-2007fallback`
 * flag (the part a proxy gives to an OCS 2007 peer), else 0.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_part_is_2007_fallback(const uclog_sip_part *part);

/** The part's Content-ID value (angle brackets kept). @since 1.0 */
UCLOG_EXPORT int uclog_sip_part_content_id(uclog_str *out, const uclog_sip_part *part);

/* ------------------------------------------------------------------ */
/* Typed header helpers (the first header of that name is used)        */
/* ------------------------------------------------------------------ */

/** Call-ID (or `i`). @return 0, ::UCLOG_E_NOT_FOUND. @since 1.0 */
UCLOG_EXPORT int uclog_sip_call_id(uclog_str *out, const uclog_sip *msg);

/**
 * CSeq: sequence number and method. Both optional.
 * @return 0, ::UCLOG_E_NOT_FOUND, ::UCLOG_E_FORMAT (no number, or over
 *         2^32-1).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_cseq(uint32_t *number, uclog_str *method, const uclog_sip *msg);

/**
 * From (or `f`): display name (quotes removed; absent when none), URI
 * (without angle brackets), `tag` and `epid` parameters (absent when not
 * there). All optional.
 * @return 0, ::UCLOG_E_NOT_FOUND.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_from(uclog_str *display, uclog_str *uri, uclog_str *tag,
                                uclog_str *epid, const uclog_sip *msg);

/** To (or `t`); as uclog_sip_from(). @since 1.0 */
UCLOG_EXPORT int uclog_sip_to(uclog_str *display, uclog_str *uri, uclog_str *tag,
                              uclog_str *epid, const uclog_sip *msg);

/**
 * The first Contact (or `m`) entry: display name, URI and the header
 * parameters after the address (for uclog_sip_param()). All optional. URI
 * parameters such as `transport` or `ms-received-cid` are read with
 * uclog_sip_param() on @p uri.
 * @return 0, ::UCLOG_E_NOT_FOUND.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_contact(uclog_str *display, uclog_str *uri, uclog_str *params,
                                   const uclog_sip *msg);

/**
 * Number of Via entries: every Via (or `v`) header, each split at its
 * top-level commas.
 * @since 1.0
 */
UCLOG_EXPORT uint32_t uclog_sip_via_count(const uclog_sip *msg);

/**
 * Via entry @p i (0 is the topmost), split as uclog_sip_via_entry_parse().
 * Parameters such as `branch`, `received`, `ms-received-port` and
 * `ms-received-cid` are read with uclog_sip_param() on @p params.
 * @param[out] transport e.g. "TLS". Optional.
 * @param[out] host      sent-by host (IPv6 without brackets). Optional.
 * @param[out] port      sent-by port, 0 when absent. Optional.
 * @param[out] params    from the first `;` on. Optional.
 * @param msg the message.
 * @param i which Via value, from 0 (the topmost).
 * @return 0, ::UCLOG_E_RANGE (fewer entries), ::UCLOG_E_FORMAT.
 * @since 1.3
 */
UCLOG_EXPORT int uclog_sip_via_entry(uclog_str *transport, uclog_str *host, uint16_t *port,
                                     uclog_str *params, const uclog_sip *msg, uint32_t i);

/**
 * As uclog_sip_via_entry(), the port as uint32_t.
 * @deprecated since 1.3, use uclog_sip_via_entry(): a port is a uint16_t in every call
 *             of the library.
 * @since 1.0
 */
UCLOG_EXPORT UCLOG_DEPRECATED int uclog_sip_via(uclog_str *transport, uclog_str *host, uint32_t *port,
                                                uclog_str *params, const uclog_sip *msg, uint32_t i);

/**
 * Content-Type (or `c`), split as uclog_sip_content_type_parse().
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_content_type(uclog_str *type, uclog_str *subtype, uclog_str *params,
                                        const uclog_sip *msg);

/**
 * The declared Content-Length (or `l`), as written (it may not fit the
 * data; see ::UCLOG_DEFECT_SIP_BODY_TRUNCATED).
 * @return 0, ::UCLOG_E_NOT_FOUND, ::UCLOG_E_FORMAT (not a number, or over
 *         2^64-1).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_content_length(uint64_t *out, const uclog_sip *msg);

/**
 * Event (or `o`): the event package (e.g. "vnd-microsoft-provisioning-v2")
 * and its parameters. Both optional.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_event(uclog_str *package, uclog_str *params, const uclog_sip *msg);

/**
 * Expires, in seconds.
 * @return 0, ::UCLOG_E_NOT_FOUND, ::UCLOG_E_FORMAT (over 2^32-1).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_expires(uint32_t *out, const uclog_sip *msg);

/** The User-Agent value (trimmed). @since 1.0 */
UCLOG_EXPORT int uclog_sip_user_agent(uclog_str *out, const uclog_sip *msg);

/** The Server value (trimmed). @since 1.0 */
UCLOG_EXPORT int uclog_sip_server(uclog_str *out, const uclog_sip *msg);

/**
 * The `ms-user-logon-data` value, e.g. "RemoteUser".
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_logon_data(uclog_str *out, const uclog_sip *msg);

/**
 * 1 when an `ms-user-logon-data` header says `RemoteUser` (the client
 * signed in through the Access Edge), 0 otherwise (or NULL).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_is_remote_user(const uclog_sip *msg);

/**
 * `ms-endpoint-location-data: NetworkScope;ms-media-location-type=Intranet`:
 * the scope word and the `ms-media-location-type` parameter (absent when
 * not there). Both optional.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_endpoint_location(uclog_str *scope, uclog_str *media_location_type,
                                             const uclog_sip *msg);

/**
 * Number of diagnostics entries: every `ms-diagnostics`,
 * `ms-diagnostics-public` and `ms-client-diagnostics` header, a header
 * holding several comma-separated entries counting for each.
 * @since 1.0
 */
UCLOG_EXPORT uint32_t uclog_sip_diag_count(const uclog_sip *msg);

/**
 * Diagnostics entry @p i, in message order.
 * @param[out] entry the entry text (`1034;reason="…";source="…"`), for
 *             uclog_sip_diag_parse(), uclog_sip_diag_param() and
 *             uclog_sip_diag_media_debug().
 * @param[out] kind  a ::uclog_sip_diag_kind value. Optional.
 * @param msg the message.
 * @param i which entry, from 0.
 * @return 0, ::UCLOG_E_RANGE.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_diag(uclog_str *entry, uint32_t *kind, const uclog_sip *msg,
                                uint32_t i);

/**
 * The header a diagnostics kind stands for.
 * @param kind a ::uclog_sip_diag_kind value, as uclog_sip_diag() gives it.
 * @return "ms-diagnostics", "ms-diagnostics-public" or
 *         "ms-client-diagnostics", a static string; "unknown" for any
 *         other value. Never NULL.
 * @since 1.3
 */
UCLOG_EXPORT const char *uclog_sip_diag_kind_name(uint32_t kind);

/* ------------------------------------------------------------------ */
/* Value parsers: pure functions on any view; no allocation            */
/* ------------------------------------------------------------------ */

/**
 * Take the next element of a comma-separated header value. Commas inside
 * double quotes or angle brackets do not split.
 * @param[out] item  the element, blanks trimmed.
 * @param[in,out] rest the value; advanced past the element and its comma.
 * @return 0 with an element; ::UCLOG_DONE when only blanks remain.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_list_next(uclog_str *item, uclog_str *rest);

/**
 * Read a `;name=value` parameter from @p value (a header value, a URI, a
 * Via entry, the params out-parameter of another parser, …). Names are
 * compared without regard to case; blanks around `;` and `=` are allowed.
 * Looking stops at the first comma outside quotes and angle brackets, and
 * parameters inside `<…>` are not seen (so a From value gives the header's
 * `tag`, not a URI parameter).
 * @param[out] out  the value; double quotes removed (backslash escapes are
 *                  left as written); empty (non-NULL) for a flag
 *                  parameter without `=`.
 * @param name  NUL-terminated.
 * @param value the header value.
 * @return 0, ::UCLOG_E_NOT_FOUND.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_param(uclog_str *out, uclog_str value, const char *name);

/**
 * Read an unsigned number: decimal, or hex with a `0x`/`0X` prefix,
 * surrounding blanks allowed.
 * @return 0, ::UCLOG_E_FORMAT (empty, other characters, or over 2^64-1).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_parse_u64(uint64_t *out, uclog_str text);

/**
 * Remove the line folding from a header value: every line break together
 * with the blanks around it becomes one space. The result is written to
 * @p buf and NUL-terminated when it fits.
 * @param buf     may be NULL when @p cap is 0 (to ask for the size).
 * @param cap     size of @p buf in bytes.
 * @param[out] needed the length of the unfolded text, NUL excluded. Optional.
 * @param value the header value.
 * @return 0 when it fit (`cap > *needed`); ::UCLOG_E_RANGE when @p buf is
 *         too small (nothing useful written).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_unfold(char *buf, size_t cap, size_t *needed, uclog_str value);

/**
 * Split a name-addr or addr-spec (From, To, Contact, Route, …):
 * `"Name" <uri>;params` or `uri;params`. All out-parameters optional.
 * @param[out] display quotes removed; absent when there is none.
 * @param[out] uri     without angle brackets.
 * @param[out] params  from the first `;` after the address (empty when none).
 * @param value the header value.
 * @return 0; ::UCLOG_E_FORMAT (an unclosed `<`, or nothing at all).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_name_addr_parse(uclog_str *display, uclog_str *uri, uclog_str *params,
                                           uclog_str value);

/**
 * Split one Via entry `SIP/2.0/TLS host:port;params`. All out-parameters
 * optional; see uclog_sip_via_entry().
 * @return 0, ::UCLOG_E_FORMAT (no protocol or host, bad port).
 * @since 1.3
 */
UCLOG_EXPORT int uclog_sip_via_entry_parse(uclog_str *transport, uclog_str *host, uint16_t *port,
                                           uclog_str *params, uclog_str entry);

/**
 * As uclog_sip_via_entry_parse(), the port as uint32_t.
 * @deprecated since 1.3, use uclog_sip_via_entry_parse(): a port is a uint16_t in every call
 *             of the library.
 * @since 1.0
 */
UCLOG_EXPORT UCLOG_DEPRECATED int uclog_sip_via_parse(uclog_str *transport, uclog_str *host, uint32_t *port,
                                                      uclog_str *params, uclog_str entry);

/**
 * Split a Content-Type value `type/subtype;params`, e.g.
 * `multipart/alternative;boundary="----=_NextPart_…"`. Read `boundary` or
 * `charset` with uclog_sip_param() on @p params. All optional.
 * @return 0, ::UCLOG_E_FORMAT (no `/`).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_content_type_parse(uclog_str *type, uclog_str *subtype,
                                              uclog_str *params, uclog_str value);

/**
 * Split an authentication header value (Authorization,
 * Proxy-Authorization, WWW-Authenticate, Proxy-Authenticate,
 * Authentication-Info): the scheme (`NTLM`, `Kerberos`, `TLS-DSK`, …) and
 * the comma-separated parameters. Both optional.
 * @return 0, ::UCLOG_E_FORMAT (empty).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_auth_parse(uclog_str *scheme, uclog_str *params, uclog_str value);

/**
 * Read one `name=value` or `name="value"` from comma-separated
 * authentication parameters (the params of uclog_sip_auth_parse()).
 * @return 0, ::UCLOG_E_NOT_FOUND.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_auth_param(uclog_str *out, uclog_str params, const char *name);

/**
 * Split a diagnostics entry `ErrorId[.SubId];reason="…";source="…";…`.
 * Spacing (`1009; reason ="…"`), quoting and parameter order are free.
 * Other parameters (Domain, PeerServer, component, …) are read with
 * uclog_sip_diag_param().
 * @param[out] error_id  optional.
 * @param[out] sub_id    ::UCLOG_SIP_DIAG_NO_SUB_ID when absent. Optional.
 * @param[out] reason    absent when there is none. Optional.
 * @param[out] source    absent when there is none. Optional.
 * @param entry one diagnostics entry (from uclog_sip_diag()).
 * @return 0, ::UCLOG_E_FORMAT (no number, or one over 2^32-1).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_diag_parse(uint32_t *error_id, uint32_t *sub_id, uclog_str *reason,
                                      uclog_str *source, uclog_str entry);

/**
 * Read a `;name=value` parameter of a diagnostics entry: as
 * uclog_sip_param(), except that a comma is an ordinary character (an
 * unquoted reason may hold commas; entries were split already).
 * @return 0, ::UCLOG_E_NOT_FOUND.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_diag_param(uclog_str *out, uclog_str entry, const char *name);

/**
 * Look up a media debug item (ICEWarn, LocalSite, LocalMR, RemoteMR,
 * PortRange, MrDnsU, …) in a diagnostics entry. Both forms are searched:
 * first the packed lists `CallerMediaDebug="audio:ICEWarn=0x0,LocalSite=…"`
 * and `CalleeMediaDebug=…` (in entry order), then a separate parameter
 * `;ICEWarn="0x…"`. Keys are compared without regard to case.
 * @param[out] value the item's value (may be empty).
 * @param[out] media the media of the packed list it came from (e.g.
 *             "audio"); absent for the separate-parameter form or a list
 *             without a media prefix. Optional.
 * @param entry one diagnostics entry (from uclog_sip_diag()).
 * @param key the item's name, NUL-terminated (ASCII case-insensitive).
 * @return 0, ::UCLOG_E_NOT_FOUND.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_diag_media_debug(uclog_str *value, uclog_str *media, uclog_str entry,
                                            const char *key);

#ifdef __cplusplus
}
#endif
#endif
