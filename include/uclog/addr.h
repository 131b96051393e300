/**
 * @file uclog/addr.h
 * @brief Textual network addresses: family, class, equality.
 *
 * The functions take a view (`ptr`, `len`), which need not be
 * NUL-terminated, and never read past `ptr[len - 1]`. They allocate nothing
 * and keep no state. Accepted forms:
 * - IPv4: dotted quad, each part 1-3 decimal digits and at most 255
 *   ("192.168.1.10", "010.1.1.1" is read as decimal 10.1.1.1).
 * - IPv6: RFC 4291 text (hex groups case-insensitive, one `::`, an optional
 *   dotted quad in the last 32 bits, e.g. "::ffff:192.0.2.1"), optionally
 *   followed by a zone `%<id>` ("fe80::1%12"). No brackets.
 * - Host names: dot-separated labels of letters, digits, `-` and `_`, each
 *   1-63 bytes, at most 253 bytes in all, an optional final dot, and a last
 *   label that is not all digits.
 */
#ifndef UCLOG_ADDR_H
#define UCLOG_ADDR_H

#include <uclog/common.h>
#include <uclog/errors.h>

#ifdef __cplusplus
extern "C" {
#endif

/** What kind of text an address is. */
enum uclog_addr_family {
    UCLOG_ADDR_INVALID = 0,  /**< none of the forms below */
    UCLOG_ADDR_IPV4 = 1,     /**< dotted quad */
    UCLOG_ADDR_IPV6 = 2,     /**< IPv6 text */
    UCLOG_ADDR_HOSTNAME = 3  /**< a syntactically valid host name */
};

/**
 * Where an IP address lives. IPv4-mapped IPv6 addresses ("::ffff:a.b.c.d")
 * get the class of their IPv4 address.
 */
enum uclog_addr_class {
    UCLOG_ADDR_CLASS_NONE = 0,        /**< not an IP address (host name, invalid) */
    UCLOG_ADDR_CLASS_PUBLIC = 1,      /**< none of the classes below */
    UCLOG_ADDR_CLASS_PRIVATE = 2,     /**< RFC 1918: 10/8, 172.16/12, 192.168/16 */
    UCLOG_ADDR_CLASS_CGN = 3,         /**< RFC 6598 shared space 100.64/10 */
    UCLOG_ADDR_CLASS_LOOPBACK = 4,    /**< 127/8, ::1 */
    UCLOG_ADDR_CLASS_LINK_LOCAL = 5,  /**< 169.254/16, fe80::/10 */
    UCLOG_ADDR_CLASS_TEREDO = 6,      /**< 2001::/32 */
    UCLOG_ADDR_CLASS_ULA = 7,         /**< unique local fc00::/7 */
    UCLOG_ADDR_CLASS_UNSPECIFIED = 8, /**< 0.0.0.0/8, :: */
    UCLOG_ADDR_CLASS_MULTICAST = 9    /**< 224/4, ff00::/8 */
};

/**
 * The family of a textual address.
 * @param addr the text (need not be NUL-terminated); NULL gives INVALID.
 * @param len  its length in bytes.
 * @return a ::uclog_addr_family value.
 * @since 1.0
 */
UCLOG_EXPORT int32_t uclog_addr_family(const char *addr, size_t len);

/**
 * Parse an IP address into 16 bytes in network order. An IPv4 address is
 * written in its IPv4-mapped form ("::ffff:a.b.c.d"). A zone is ignored.
 * @param[out] out 16 bytes; untouched on error. May be NULL (validation only).
 * @param[out] family ::UCLOG_ADDR_IPV4 or ::UCLOG_ADDR_IPV6; untouched on
 *             error. May be NULL.
 * @param addr the text (need not be NUL-terminated).
 * @param len  its length.
 * @return 0; ::UCLOG_E_FORMAT when the text is not an IP address (host
 *         names included).
 * @since 1.3
 */
UCLOG_EXPORT int uclog_addr_to_bytes(uint8_t *out, int32_t *family, const char *addr, size_t len);

/**
 * Parse an IP address into 16 bytes in network order. An IPv4 address is
 * written in its IPv4-mapped form ("::ffff:a.b.c.d"). A zone is ignored.
 * @param[out] out 16 bytes; untouched on error. May be NULL (validation only).
 * @param addr the text (need not be NUL-terminated).
 * @param len  its length.
 * @return UCLOG_ADDR_IPV4 or UCLOG_ADDR_IPV6; UCLOG_E_FORMAT when the text
 *         is not an IP address (host names included).
 * @deprecated since 1.3, use uclog_addr_to_bytes(), which returns 0 or an
 *             error as every call of the library does.
 * @since 1.0
 */
UCLOG_EXPORT UCLOG_DEPRECATED int uclog_addr_parse(uint8_t *out, const char *addr, size_t len);

/**
 * The class of an IP address given as text.
 * @return a ::uclog_addr_class value; UCLOG_ADDR_CLASS_NONE for a host name
 *         or invalid text.
 * @since 1.0
 */
UCLOG_EXPORT int32_t uclog_addr_class(const char *addr, size_t len);

/**
 * Whether two textual addresses name the same address. IP addresses are
 * compared by value, so `2001:0:5ef5:79fb::7cf9` equals
 * `2001:0000:5EF5:79FB:0:0:0:7cf9`, and "::ffff:192.0.2.1" equals
 * `192.0.2.1`; zones must match byte for byte. Host names are compared
 * ASCII case-insensitively, ignoring one final dot. Invalid text equals
 * nothing, not even itself.
 * @return 1 when equal, 0 otherwise.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_addr_equal(const char *a, size_t alen, const char *b, size_t blen);

/** Static name of a ::uclog_addr_family value ("IPV4", …); never NULL. @since 1.0 */
UCLOG_EXPORT const char *uclog_addr_family_name(int32_t family);

/** Static name of a ::uclog_addr_class value ("PRIVATE", …); never NULL. @since 1.0 */
UCLOG_EXPORT const char *uclog_addr_class_name(int32_t cls);

#ifdef __cplusplus
}
#endif
#endif
