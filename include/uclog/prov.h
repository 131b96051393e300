/**
 * @file uclog/prov.h
 * @brief In-band provisioning ([MS-SIPREGE], `vnd-microsoft-provisioning-v2`)
 *        request and response bodies.
 *
 * The client's SUBSCRIBE carries a `provisioningGroupList` (namespace
 * `http://schemas.microsoft.com/2006/09/sip/provisioninggrouplist`) naming the
 * groups it asks for; the 200 OK (or a NOTIFY) carries a `provisionGroupList`
 * (namespace
 * `http://schemas.microsoft.com/2006/09/sip/provisiongrouplist-notification`)
 * with one `provisionGroup` per group. A group holds keys in one of three
 * shapes, all read into the same name/value list:
 * - one element per key, the element's name being the key
 *   (`ServerConfiguration`: `<mrasUri>sip:…</mrasUri>`);
 * - `<instance><property name="key">value</property>…</instance>`
 *   (meetingPolicy, ucPolicy; keys of every instance, in document order);
 * - `<propertyEntryList><property name="key">value</property>…`.
 *
 * Values are the element's own text, decoded (`&amp;` is `&`) and trimmed of
 * surrounding XML white space. Names are compared exactly (they are
 * case-sensitive).
 *
 * Positions and parsing rules are those of mras.h: give the body's position
 * in its log as `base` and spans are absolute; expat runs with DOCTYPE
 * refused and the context's XML limits. Defects use the codes of
 * ::uclog_xml_defect_code.
 *
 * Lifetimes: every string and handle handed out points into memory owned by
 * the ::uclog_prov object and stays valid until uclog_prov_free(); the
 * input buffer may be freed as soon as uclog_prov_parse() returns.
 */
#ifndef UCLOG_PROV_H
#define UCLOG_PROV_H

#include <uclog/common.h>
#include <uclog/errors.h>
#include <uclog/mras.h>
#include <uclog/xml.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A parsed provisioning body (request or response). */
typedef struct uclog_prov uclog_prov;
/** One group of a provisioning body; lent by its ::uclog_prov. */
typedef struct uclog_prov_group uclog_prov_group;

/** Which root element the body has. */
enum uclog_prov_kind {
    UCLOG_PROV_REQUEST = 1, /**< `provisioningGroupList`: group names asked for */
    UCLOG_PROV_RESPONSE = 2 /**< `provisionGroupList`: groups with their keys */
};

/** How a response group holds its keys (the first shape found in it). */
enum uclog_prov_shape {
    UCLOG_PROV_SHAPE_NONE = 0,      /**< no keys (a request's group, or an empty one) */
    UCLOG_PROV_SHAPE_ELEMENTS = 1,  /**< one child element per key */
    UCLOG_PROV_SHAPE_INSTANCE = 2,  /**< `instance/property name=…` */
    UCLOG_PROV_SHAPE_ENTRY_LIST = 3 /**< `propertyEntryList/property name=…` */
};

/**
 * Parse a provisioning request or response body.
 * @param[out] out  the parsed body, owned by the caller (uclog_prov_free());
 *                  NULL on error.
 * @param ctx       the context; must outlive the object.
 * @param data      the body bytes (need not be NUL-terminated); only read
 *                  during the call.
 * @param len       number of bytes.
 * @param base      the position of the body's first byte in its log, or NULL.
 * @return 0; UCLOG_E_INVALID_ARG; UCLOG_E_XML (not well-formed, or a
 *         DOCTYPE/entity declaration); UCLOG_E_LIMIT; UCLOG_E_FORMAT (the
 *         root is not one of the two lists in its namespace); UCLOG_E_NOMEM.
 *         On error uclog_ctx_errmsg() and uclog_ctx_error_span() say what and
 *         where.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_prov_parse(uclog_prov **out, uclog_ctx *ctx, const char *data, size_t len,
                                  const uclog_span *base);

/**
 * Parse a provisioning body only as far as the group the caller needs: the
 * parse stops at the end tag of the first group (`provisionGroup` in a
 * response, `provisioningGroup` in a request) whose `name` is @p group.
 * A response is typically 10-15 KB with ServerConfiguration first, so
 * reading `mrasUri` this way skips most of the XML.
 *
 * The result is what uclog_prov_parse() gives for the body cut just after
 * that group: the groups before it and the group itself, with their keys,
 * spans and defects. What follows is neither read nor checked, so a body
 * damaged after the group parses, where uclog_prov_parse() would fail with
 * UCLOG_E_XML; uclog_prov_span() covers the bytes read. When no group has
 * that name, the whole body is read, exactly as uclog_prov_parse() does.
 *
 * @param group  the group's name, compared exactly (case-sensitive), or
 *               NULL for the whole body (same as uclog_prov_parse()).
 * Other parameters, ownership, lifetimes and errors: uclog_prov_parse().
 * @param[out] out the parsed body, owned by the caller (uclog_prov_free()).
 * @param ctx the context; must outlive the object.
 * @param data the body bytes (need not be NUL-terminated); only read during the call.
 * @param len number of bytes.
 * @param base the position of the body's first byte in its log, or NULL.
 * @since 1.1
 */
UCLOG_EXPORT int uclog_prov_parse_until(uclog_prov **out, uclog_ctx *ctx, const char *data,
                                        size_t len, const uclog_span *base, const char *group);

/** Free a parsed body and everything lent from it. NULL is accepted. @since 1.0 */
UCLOG_EXPORT void uclog_prov_free(uclog_prov *prov);

/** ::UCLOG_PROV_REQUEST or ::UCLOG_PROV_RESPONSE; 0 for NULL. @since 1.0 */
UCLOG_EXPORT int32_t uclog_prov_kind(const uclog_prov *prov);

/** The span of the root element. @since 1.0 */
UCLOG_EXPORT void uclog_prov_span(uclog_span *out, const uclog_prov *prov);

/** Number of groups (asked for, or delivered). @since 1.0 */
UCLOG_EXPORT uint32_t uclog_prov_group_count(const uclog_prov *prov);

/**
 * Group @p i, in document order; lent, valid until uclog_prov_free().
 * @return 0, UCLOG_E_RANGE, or UCLOG_E_INVALID_ARG.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_prov_group_get(const uclog_prov_group **out, const uclog_prov *prov,
                                  uint32_t i);

/**
 * The first group named @p name (NUL-terminated, exact comparison).
 * @return 0, UCLOG_E_NOT_FOUND (@p out gets NULL), or UCLOG_E_INVALID_ARG.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_prov_group_find(const uclog_prov_group **out, const uclog_prov *prov,
                                       const char *name);

/** The group's `name` attribute; 0 or UCLOG_E_NOT_FOUND. @since 1.0 */
UCLOG_EXPORT int uclog_prov_group_name(uclog_str *out, const uclog_prov_group *group);

/** The span of the group element. @since 1.0 */
UCLOG_EXPORT void uclog_prov_group_span(uclog_span *out, const uclog_prov_group *group);

/** The group's ::uclog_prov_shape. @since 1.0 */
UCLOG_EXPORT int32_t uclog_prov_group_shape(const uclog_prov_group *group);

/** Number of keys in the group (0 for a request's group). @since 1.0 */
UCLOG_EXPORT uint32_t uclog_prov_key_count(const uclog_prov_group *group);

/**
 * Key @p i of the group, in document order.
 * @param[out] name  the key's name; may be NULL.
 * @param[out] value the key's value (trimmed, decoded; may be empty); may be NULL.
 * @param[out] span  the span of the element holding the value; may be NULL.
 * @param group the group.
 * @param i the index, from 0.
 * @return 0, UCLOG_E_RANGE, or UCLOG_E_INVALID_ARG.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_prov_key(uclog_str *name, uclog_str *value, uclog_span *span,
                                const uclog_prov_group *group, uint32_t i);

/**
 * The value of the first key named @p key in @p group.
 * @param[out] value the value; `{NULL, 0}` when not found.
 * @param[out] span  the span of the element holding it; may be NULL.
 * @param group the group.
 * @param key the key's name, NUL-terminated (compared exactly).
 * @return 0, UCLOG_E_NOT_FOUND, or UCLOG_E_INVALID_ARG.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_prov_group_lookup(uclog_str *value, uclog_span *span,
                                         const uclog_prov_group *group, const char *key);

/**
 * The value of key @p key in the first group named @p group that has it,
 * e.g. `("ServerConfiguration", "mrasUri")`.
 * @param[out] value the value; `{NULL, 0}` when not found.
 * @param[out] span  the span of the element holding it; may be NULL.
 * @param prov the parsed provisioning body.
 * @param group the group's name, NUL-terminated.
 * @param key the key's name, NUL-terminated (compared exactly).
 * @return 0, UCLOG_E_NOT_FOUND, or UCLOG_E_INVALID_ARG.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_prov_lookup(uclog_str *value, uclog_span *span, const uclog_prov *prov,
                                   const char *group, const char *key);

/** Number of defects found in the body. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_prov_defect_count(const uclog_prov *prov);

/**
 * Defect @p i.
 * @return 0, UCLOG_E_RANGE, or UCLOG_E_INVALID_ARG.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_prov_defect(uclog_defect *out, const uclog_prov *prov, uint32_t i);

#ifdef __cplusplus
}
#endif
#endif
