/**
 * @file uclog/mras.h
 * @brief MRAS ([MS-AVEDGEA]) request and response bodies. The XML defect
 *        codes are in xml.h, which this header includes.
 *
 * The client asks the A/V Edge's Media Relay Authentication Service for
 * TURN credentials with a SIP SERVICE whose body
 * (`application/msrtc-media-relay-auth+xml`) is a `request` element in the
 * namespace `http://schemas.microsoft.com/2006/09/sip/mrasp`; the answer, in
 * the 200 OK, is a `response` element in the same namespace.
 *
 * Any buffer can be parsed, not only one taken from a log. Give the body's
 * position in its log as `base` and every span is absolute (offset, line,
 * column and file in the log); without it spans are relative to the buffer
 * (offset 0, line 1, column 1 at its first byte).
 *
 * Lifetimes: every string and handle handed out by the functions below
 * points into memory owned by the ::uclog_mras object (decoded text, such
 * as `&amp;` turned into `&`, is copied there). It stays valid until
 * uclog_mras_free(); the input buffer may be freed as soon as
 * uclog_mras_parse() returns.
 *
 * Values in a text element are trimmed of surrounding XML white space;
 * attribute values are given as decoded. An absent value is `{NULL, 0}` and
 * its getter returns ::UCLOG_E_NOT_FOUND.
 *
 * XML bodies are parsed by expat with: no document type declaration (a
 * `<!DOCTYPE` is refused, so no entity can be declared or fetched), no
 * parameter entities, the context's limits ::UCLOG_LIMIT_MAX_XML_DEPTH,
 * ::UCLOG_LIMIT_MAX_XML_ELEMENTS and ::UCLOG_LIMIT_MAX_XML_BYTES, and the
 * context's allocator.
 */
#ifndef UCLOG_MRAS_H
#define UCLOG_MRAS_H

#include <uclog/common.h>
#include <uclog/errors.h>
#include <uclog/xml.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A parsed MRAS body (request or response). */
typedef struct uclog_mras uclog_mras;
/** One `credentialsRequest` of a request; lent by its ::uclog_mras. */
typedef struct uclog_mras_credreq uclog_mras_credreq;
/** One `credentialsResponse` of a response; lent by its ::uclog_mras. */
typedef struct uclog_mras_credresp uclog_mras_credresp;
/** One `mediaRelay` of a credentialsResponse; lent by its ::uclog_mras. */
typedef struct uclog_mras_relay uclog_mras_relay;

/** Which root element the body has. */
enum uclog_mras_kind {
    UCLOG_MRAS_REQUEST = 1, /**< `request` (client to MRAS) */
    UCLOG_MRAS_RESPONSE = 2 /**< `response` (MRAS to client) */
};

/** The `reasonPhrase` values of [MS-AVEDGEA] 2.2.4.7. */
enum uclog_mras_reason {
    UCLOG_MRAS_REASON_UNKNOWN = 0,               /**< absent, or not in this list */
    UCLOG_MRAS_REASON_OK = 1,                    /**< "OK" */
    UCLOG_MRAS_REASON_REQUEST_MALFORMED = 2,     /**< "Request Malformed" */
    UCLOG_MRAS_REASON_REQUEST_TOO_LARGE = 3,     /**< "Request Too Large" */
    UCLOG_MRAS_REASON_NOT_SUPPORTED = 4,         /**< "Not Supported" */
    UCLOG_MRAS_REASON_SERVER_BUSY = 5,           /**< "Server Busy" */
    UCLOG_MRAS_REASON_TIME_OUT = 6,              /**< "Time Out" */
    UCLOG_MRAS_REASON_FORBIDDEN = 7,             /**< "Forbidden" */
    UCLOG_MRAS_REASON_INTERNAL_SERVER_ERROR = 8, /**< "Internal Server Error" */
    UCLOG_MRAS_REASON_OTHER_FAILURE = 9,         /**< "Other Failure" */
    UCLOG_MRAS_REASON_VERSION_MISMATCH = 10      /**< "Version Mismatch" */
};

/** How a media relay is named. */
enum uclog_mras_host_kind {
    UCLOG_MRAS_HOST_NONE = 0,     /**< neither element is present */
    UCLOG_MRAS_HOST_NAME = 1,     /**< `hostName` (an FQDN, or an address written as one) */
    UCLOG_MRAS_HOST_DIRECT_IP = 2 /**< `directIPAddress` (a literal IPv4 or IPv6 address) */
};

/**
 * Parse an MRAS request or response body.
 * @param[out] out  the parsed body, owned by the caller (uclog_mras_free());
 *                  NULL on error.
 * @param ctx       the context (allocator, limits, error detail); must
 *                  outlive the object.
 * @param data      the body bytes (need not be NUL-terminated); only read
 *                  during the call.
 * @param len       number of bytes.
 * @param base      the position of the body's first byte in its log, or
 *                  NULL; element spans are made absolute with it.
 * @return 0; UCLOG_E_INVALID_ARG (NULL out, ctx, or data with len > 0);
 *         UCLOG_E_XML (not well-formed, or a DOCTYPE/entity declaration);
 *         UCLOG_E_LIMIT (body, depth or element count over the context's
 *         limits); UCLOG_E_FORMAT (the root is not `request`/`response` in
 *         the MRAS namespace); UCLOG_E_NOMEM. On error uclog_ctx_errmsg()
 *         says what and uclog_ctx_error_span() where (absolute when @p base
 *         is given).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_mras_parse(uclog_mras **out, uclog_ctx *ctx, const char *data, size_t len,
                                  const uclog_span *base);

/** Free a parsed body and everything lent from it. NULL is accepted. @since 1.0 */
UCLOG_EXPORT void uclog_mras_free(uclog_mras *mras);

/** ::UCLOG_MRAS_REQUEST or ::UCLOG_MRAS_RESPONSE; 0 for NULL. @since 1.0 */
UCLOG_EXPORT int32_t uclog_mras_kind(const uclog_mras *mras);

/** The span of the root element (start tag to end tag). @since 1.0 */
UCLOG_EXPORT void uclog_mras_span(uclog_span *out, const uclog_mras *mras);

/**
 * The root's `requestID` attribute.
 * @return 0, UCLOG_E_NOT_FOUND (absent; @p out gets `{NULL, 0}`), or
 *         UCLOG_E_INVALID_ARG.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_mras_request_id(uclog_str *out, const uclog_mras *mras);

/** The root's `version` attribute; returns as uclog_mras_request_id(). @since 1.0 */
UCLOG_EXPORT int uclog_mras_version(uclog_str *out, const uclog_mras *mras);

/** The response's `serverVersion` attribute; returns as uclog_mras_request_id(). @since 1.0 */
UCLOG_EXPORT int uclog_mras_server_version(uclog_str *out, const uclog_mras *mras);

/** The root's `to` attribute (the MRAS URI); returns as uclog_mras_request_id(). @since 1.0 */
UCLOG_EXPORT int uclog_mras_to(uclog_str *out, const uclog_mras *mras);

/** The root's `from` attribute (the user's URI); returns as uclog_mras_request_id(). @since 1.0 */
UCLOG_EXPORT int uclog_mras_from(uclog_str *out, const uclog_mras *mras);

/** The request's `route` attribute; returns as uclog_mras_request_id(). @since 1.0 */
UCLOG_EXPORT int uclog_mras_route(uclog_str *out, const uclog_mras *mras);

/**
 * The response's `reasonPhrase` attribute exactly as written (for example
 * "Request Malformed"); returns as uclog_mras_request_id().
 * @since 1.0
 */
UCLOG_EXPORT int uclog_mras_reason_phrase(uclog_str *out, const uclog_mras *mras);

/**
 * The response's `reasonPhrase` as a ::uclog_mras_reason value (compared
 * without regard to ASCII case); ::UCLOG_MRAS_REASON_UNKNOWN when absent,
 * not in the list, for a request, or for NULL.
 * @since 1.0
 */
UCLOG_EXPORT int32_t uclog_mras_reason(const uclog_mras *mras);

/**
 * The protocol's text of a ::uclog_mras_reason value ("OK", "Server Busy",
 * ...); static, never NULL ("unknown" for other values).
 * @since 1.0
 */
UCLOG_EXPORT const char *uclog_mras_reason_name(int32_t reason);

/** Number of defects found in the body. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_mras_defect_count(const uclog_mras *mras);

/**
 * Defect @p i (codes ::uclog_xml_defect_code, spans absolute as the rest).
 * @return 0, UCLOG_E_RANGE, or UCLOG_E_INVALID_ARG.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_mras_defect(uclog_defect *out, const uclog_mras *mras, uint32_t i);

/* ---- request: credentialsRequest ---- */

/** Number of `credentialsRequest` elements (0 for a response). @since 1.0 */
UCLOG_EXPORT uint32_t uclog_mras_credreq_count(const uclog_mras *mras);

/**
 * Credentials request @p i, in document order; lent, valid until
 * uclog_mras_free().
 * @return 0, UCLOG_E_RANGE, or UCLOG_E_INVALID_ARG.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_mras_credreq_get(const uclog_mras_credreq **out, const uclog_mras *mras,
                                    uint32_t i);

/** The `credentialsRequestID` attribute; 0 or UCLOG_E_NOT_FOUND. @since 1.0 */
UCLOG_EXPORT int uclog_mras_credreq_id(uclog_str *out, const uclog_mras_credreq *req);

/** The `identity` element (the user's SIP URI); 0 or UCLOG_E_NOT_FOUND. @since 1.0 */
UCLOG_EXPORT int uclog_mras_credreq_identity(uclog_str *out, const uclog_mras_credreq *req);

/** The `location` element ("internet" or "intranet"); 0 or UCLOG_E_NOT_FOUND. @since 1.0 */
UCLOG_EXPORT int uclog_mras_credreq_location(uclog_str *out, const uclog_mras_credreq *req);

/**
 * The `duration` element (minutes).
 * @return 0; UCLOG_E_NOT_FOUND (absent); UCLOG_E_FORMAT (present but not a
 *         decimal number up to 2^32-1; a defect says so too).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_mras_credreq_duration(uint32_t *out, const uclog_mras_credreq *req);

/** The span of the `credentialsRequest` element. @since 1.0 */
UCLOG_EXPORT void uclog_mras_credreq_span(uclog_span *out, const uclog_mras_credreq *req);

/* ---- response: credentialsResponse ---- */

/** Number of `credentialsResponse` elements (0 for a request or a refusal). @since 1.0 */
UCLOG_EXPORT uint32_t uclog_mras_credresp_count(const uclog_mras *mras);

/**
 * Credentials response @p i, in document order; lent, valid until
 * uclog_mras_free().
 * @return 0, UCLOG_E_RANGE, or UCLOG_E_INVALID_ARG.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_mras_credresp_get(const uclog_mras_credresp **out, const uclog_mras *mras,
                                     uint32_t i);

/** The `credentialsRequestID` attribute; 0 or UCLOG_E_NOT_FOUND. @since 1.0 */
UCLOG_EXPORT int uclog_mras_credresp_id(uclog_str *out, const uclog_mras_credresp *resp);

/** `credentials/username`; 0 or UCLOG_E_NOT_FOUND. @since 1.0 */
UCLOG_EXPORT int uclog_mras_credresp_username(uclog_str *out, const uclog_mras_credresp *resp);

/** `credentials/password`; 0 or UCLOG_E_NOT_FOUND. @since 1.0 */
UCLOG_EXPORT int uclog_mras_credresp_password(uclog_str *out, const uclog_mras_credresp *resp);

/** `credentials/realm`; 0 or UCLOG_E_NOT_FOUND. @since 1.0 */
UCLOG_EXPORT int uclog_mras_credresp_realm(uclog_str *out, const uclog_mras_credresp *resp);

/**
 * `credentials/duration` (minutes the credentials are valid).
 * @return 0, UCLOG_E_NOT_FOUND, or UCLOG_E_FORMAT (not a number up to 2^32-1).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_mras_credresp_duration(uint32_t *out, const uclog_mras_credresp *resp);

/** The span of the `credentialsResponse` element. @since 1.0 */
UCLOG_EXPORT void uclog_mras_credresp_span(uclog_span *out, const uclog_mras_credresp *resp);

/** Number of `mediaRelayList/mediaRelay` elements. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_mras_relay_count(const uclog_mras_credresp *resp);

/**
 * Media relay @p i of a credentials response, in document order; lent,
 * valid until uclog_mras_free().
 * @return 0, UCLOG_E_RANGE, or UCLOG_E_INVALID_ARG.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_mras_relay_get(const uclog_mras_relay **out, const uclog_mras_credresp *resp,
                                  uint32_t i);

/** The relay's `location` ("internet" or "intranet"); 0 or UCLOG_E_NOT_FOUND. @since 1.0 */
UCLOG_EXPORT int uclog_mras_relay_location(uclog_str *out, const uclog_mras_relay *relay);

/** Which element names the relay: a ::uclog_mras_host_kind value. @since 1.0 */
UCLOG_EXPORT int32_t uclog_mras_relay_host_kind(const uclog_mras_relay *relay);

/**
 * The relay's `hostName` or `directIPAddress` text (see
 * uclog_mras_relay_host_kind() for which).
 * @param[out] span the span of that element; may be NULL.
 * @param[out] out the text.
 * @param relay the relay.
 * @return 0 or UCLOG_E_NOT_FOUND.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_mras_relay_host(uclog_str *out, uclog_span *span,
                                       const uclog_mras_relay *relay);

/**
 * The relay's `udpPort`.
 * @return 0; UCLOG_E_NOT_FOUND (absent); UCLOG_E_FORMAT (not a number from
 *         0 to 65535; a defect says so too).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_mras_relay_udp_port(uint16_t *out, const uclog_mras_relay *relay);

/** The relay's `tcpPort`; returns as uclog_mras_relay_udp_port(). @since 1.0 */
UCLOG_EXPORT int uclog_mras_relay_tcp_port(uint16_t *out, const uclog_mras_relay *relay);

/** The span of the `mediaRelay` element. @since 1.0 */
UCLOG_EXPORT void uclog_mras_relay_span(uclog_span *out, const uclog_mras_relay *relay);

#ifdef __cplusplus
}
#endif
#endif
