/**
 * @file uclog/errors.h
 * @brief Status codes, error text and defect codes.
 *
 * Functions return `int`: 0 is success, 1 is "done" (iterators), negative
 * values are errors. Codes are never renumbered or reused.
 */
#ifndef UCLOG_ERRORS_H
#define UCLOG_ERRORS_H

#include <uclog/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Status codes. */
enum uclog_status {
    UCLOG_OK = 0,              /**< success */
    UCLOG_DONE = 1,            /**< an iterator's end: nothing more */
    UCLOG_E_NOMEM = -1,        /**< an allocation failed */
    UCLOG_E_INVALID_ARG = -2,  /**< a NULL handle, an unknown flag, a bad value */
    UCLOG_E_IO = -3,           /**< a file could not be opened or read */
    UCLOG_E_FORMAT = -4,       /**< the input is not in the expected format */
    UCLOG_E_LIMIT = -5,        /**< a configured limit was exceeded */
    UCLOG_E_UNSUPPORTED = -6,  /**< valid input this build cannot handle */
    UCLOG_E_ABI = -7,          /**< a struct size or version this library does not know */
    UCLOG_E_NOT_FOUND = -8,    /**< the item asked for is not there */
    UCLOG_E_ENCODING = -9,     /**< text encoding that cannot be read (e.g. UTF-16 from a stream) */
    UCLOG_E_XML = -10,         /**< malformed or hostile XML */
    UCLOG_E_STATE = -11,       /**< the call is not allowed in the object's state */
    UCLOG_E_RANGE = -12        /**< an index or number out of range */
};

/**
 * Static text for a status code. Never NULL; unknown codes give
 * "unknown error".
 * @since 1.0
 */
UCLOG_EXPORT const char *uclog_strerror(int code);

/**
 * A defect: damage found in the input that did not stop the work.
 * Frozen for every 1.x release.
 */
typedef struct uclog_defect {
    int32_t code;     /**< a UCLOG_DEFECT_* value */
    uint32_t reserved; /**< always 0 */
    uclog_span span;  /**< where */
} uclog_defect;

/**
 * Defect codes. Ranges: 1-99 records, 100-199 packets, 200-299 SIP,
 * 300-399 SDP, 400-499 XML.
 */
enum uclog_defect_code {
    UCLOG_DEFECT_TEXT_BEFORE_HEADER = 1, /**< bytes before the first record header */
    UCLOG_DEFECT_HEADER_MALFORMED = 2,   /**< a header line with missing or bad fields */
    UCLOG_DEFECT_TIMESTAMP_INVALID = 3,  /**< a date or time out of range */
    UCLOG_DEFECT_LINE_TOO_LONG = 4,      /**< a line over UCLOG_LIMIT_MAX_LINE_BYTES */
    UCLOG_DEFECT_RECORD_TOO_LONG = 5,    /**< the record was cut at UCLOG_LIMIT_MAX_RECORD_BYTES */
    UCLOG_DEFECT_RECORD_CONTINUED = 6,   /**< the rest of a record that was cut */
    UCLOG_DEFECT_NUL_BYTE = 7,           /**< a NUL byte in the text */
    UCLOG_DEFECT_NO_FINAL_NEWLINE = 8,   /**< the file's last line has no line end */
    UCLOG_DEFECT_INVALID_UTF8 = 9,       /**< bytes that are not UTF-8 */
    /**
     * a line or column of the record (its start, or a defect in it) is past
     * 4 294 967 295, the largest a ::uclog_span holds, and is reported as
     * 4 294 967 295; byte offsets stay exact. @since 1.2
     */
    UCLOG_DEFECT_POSITION_SATURATED = 10
};

/**
 * Static name of a defect code (e.g. "NUL_BYTE"). Never NULL; unknown codes
 * give "UNKNOWN".
 * @since 1.0
 */
UCLOG_EXPORT const char *uclog_defect_name(int32_t code);

/**
 * Static one-line explanation of a defect code. Never NULL.
 * @since 1.0
 */
UCLOG_EXPORT const char *uclog_defect_text(int32_t code);

#ifdef __cplusplus
}
#endif
#endif
