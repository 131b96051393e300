/**
 * @file uclog/reporterror.h
 * @brief The client's error report body ([MS-OCER] 3.1.4.1,
 *        `application/msrtc-reporterror+xml`).
 *
 * After a failed call the client may send a SIP SERVICE whose body is a
 * `reportError` element (namespace
 * `http://schemas.microsoft.com/2006/09/sip/error-reporting`) with one
 * `error` element per failure: attributes `toUri`, `callId`, `fromTag`,
 * `toTag`, `contentType`, `responseCode`, `requestType`; children
 * `diagHeader` (the text of an ms-diagnostics header) and
 * `progressReports/progressReport/diagHeader`.
 *
 * Positions, parsing rules and defects are those of mras.h. Lifetimes: every
 * string and handle handed out points into memory owned by the
 * ::uclog_errreport object and stays valid until uclog_errreport_free(); the
 * input buffer may be freed as soon as uclog_errreport_parse() returns.
 */
#ifndef UCLOG_REPORTERROR_H
#define UCLOG_REPORTERROR_H

#include <uclog/common.h>
#include <uclog/errors.h>
#include <uclog/mras.h>
#include <uclog/xml.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A parsed error report body. */
typedef struct uclog_errreport uclog_errreport;
/** One `error` element of a report; lent by its ::uclog_errreport. */
typedef struct uclog_errreport_error uclog_errreport_error;

/**
 * Parse an error report body.
 * @param[out] out  the report, owned by the caller (uclog_errreport_free());
 *                  NULL on error.
 * @param ctx       the context; must outlive the object.
 * @param data      the body bytes; only read during the call.
 * @param len       number of bytes.
 * @param base      the position of the body's first byte in its log, or NULL.
 * @return 0; UCLOG_E_INVALID_ARG; UCLOG_E_XML; UCLOG_E_LIMIT; UCLOG_E_FORMAT
 *         (the root is not `reportError` in its namespace); UCLOG_E_NOMEM.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_errreport_parse(uclog_errreport **out, uclog_ctx *ctx, const char *data,
                                       size_t len, const uclog_span *base);

/** Free a report and everything lent from it. NULL is accepted. @since 1.0 */
UCLOG_EXPORT void uclog_errreport_free(uclog_errreport *report);

/** The span of the root element. @since 1.0 */
UCLOG_EXPORT void uclog_errreport_span(uclog_span *out, const uclog_errreport *report);

/** Number of `error` elements. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_errreport_error_count(const uclog_errreport *report);

/**
 * Error @p i, in document order; lent, valid until uclog_errreport_free().
 * @return 0, UCLOG_E_RANGE, or UCLOG_E_INVALID_ARG.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_errreport_error_get(const uclog_errreport_error **out,
                                           const uclog_errreport *report, uint32_t i);

/**
 * An attribute of the `error` element by name (NUL-terminated, exact):
 * "toUri", "callId", "fromTag", "toTag", "contentType", "responseCode",
 * "requestType", or any other unprefixed attribute.
 * @return 0, UCLOG_E_NOT_FOUND, or UCLOG_E_INVALID_ARG.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_errreport_error_attr(uclog_str *out, const uclog_errreport_error *error,
                                            const char *name);

/**
 * The `responseCode` attribute as a number.
 * @return 0, UCLOG_E_NOT_FOUND, UCLOG_E_FORMAT (not a number up to 999), or
 *         UCLOG_E_INVALID_ARG.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_errreport_error_response_code(uint32_t *out,
                                                     const uclog_errreport_error *error);

/** The span of the `error` element. @since 1.0 */
UCLOG_EXPORT void uclog_errreport_error_span(uclog_span *out, const uclog_errreport_error *error);

/** Number of `diagHeader` children of the `error` element. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_errreport_diag_count(const uclog_errreport_error *error);

/**
 * The text of `diagHeader` @p i of the error (trimmed, decoded).
 * @param[out] span the span of the element; may be NULL.
 * @param[out] out the text.
 * @param error the error element.
 * @param i the index, from 0.
 * @return 0, UCLOG_E_RANGE, or UCLOG_E_INVALID_ARG.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_errreport_diag_get(uclog_str *out, uclog_span *span,
                                          const uclog_errreport_error *error, uint32_t i);

/**
 * Number of `diagHeader` elements under the error's
 * `progressReports/progressReport` elements (all of them, in document order).
 * @since 1.0
 */
UCLOG_EXPORT uint32_t uclog_errreport_progress_count(const uclog_errreport_error *error);

/**
 * The text of progress `diagHeader` @p i (trimmed, decoded).
 * @param[out] span the span of the element; may be NULL.
 * @param[out] out the text.
 * @param error the error element.
 * @param i the index, from 0.
 * @return 0, UCLOG_E_RANGE, or UCLOG_E_INVALID_ARG.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_errreport_progress_get(uclog_str *out, uclog_span *span,
                                              const uclog_errreport_error *error, uint32_t i);

/** Number of defects found in the report. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_errreport_defect_count(const uclog_errreport *report);

/**
 * Defect @p i (codes ::uclog_xml_defect_code).
 * @return 0, UCLOG_E_RANGE, or UCLOG_E_INVALID_ARG.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_errreport_defect(uclog_defect *out, const uclog_errreport *report,
                                        uint32_t i);

#ifdef __cplusplus
}
#endif
#endif
