/**
 * @file uclog/sdp.h
 * @brief SDP bodies: session, media, ICE candidates (MS draft 6 and
 *        RFC 5245 style), encryption and Microsoft diagnostics attributes.
 *
 * uclog_sdp_parse() reads any buffer, not only text taken from a log.
 *
 * **Lifetimes.** Every ::uclog_str handed out points into the bytes given
 * to uclog_sdp_parse() (zero copy): those bytes must stay valid and
 * unchanged for as long as the views are used, and at least as long as the
 * ::uclog_sdp object. Media and candidate handles are lent by their
 * ::uclog_sdp and live until uclog_sdp_free(). The context must outlive the
 * object.
 *
 * **Leniency.** Lines end in CRLF or LF (a lone final line without a line
 * end is read too); empty lines are skipped. A line that cannot be read
 * gives a defect (code and position; see uclog_sdp_defect()) and parsing
 * goes on with the next line:
 * - a line that is not `<letter>=<value>`: UCLOG_DEFECT_SDP_LINE_MALFORMED,
 *   line ignored;
 * - a malformed `o=`, `c=` or `m=` line: a defect; the line is kept (a bad
 *   `m=` still starts a media description, with port 0);
 * - a candidate line with a missing or bad required field (component,
 *   transport, priority or qvalue, address, port, type): a defect, and the
 *   candidate is not stored (the line is still an attribute);
 *   a dangling extension name at the end of an RFC 5245 candidate: a defect,
 *   the candidate is stored.
 *
 * **Positions.** Spans are absolute: the @p base given to uclog_sdp_parse()
 * is the position of the first byte of the buffer (file index, byte offset,
 * line, column); every later line starts at column 1.
 *
 * **Session vs media.** Lines before the first `m=` are the session level.
 * Accessors named `uclog_sdp_media_*` look at the media description; those
 * documented "with session fallback" look at the session level when the
 * media has no such line.
 */
#ifndef UCLOG_SDP_H
#define UCLOG_SDP_H

#include <uclog/addr.h>
#include <uclog/common.h>
#include <uclog/errors.h>
#include <uclog/sip.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A parsed SDP body, owned by the caller. */
typedef struct uclog_sdp uclog_sdp;
/** One media description (`m=` line and what follows); lent by its ::uclog_sdp. */
typedef struct uclog_sdp_media uclog_sdp_media;
/** One ICE candidate; lent by its ::uclog_sdp. */
typedef struct uclog_sdp_candidate uclog_sdp_candidate;

/** Defect codes of the SDP layer (range 300-399; see uclog_defect_name()). */
enum uclog_sdp_defect_code {
    UCLOG_DEFECT_SDP_LINE_MALFORMED = 300,        /**< not `<letter>=<value>` */
    UCLOG_DEFECT_SDP_TOO_MANY_LINES = 301,        /**< over UCLOG_LIMIT_MAX_SDP_LINES; rest ignored */
    UCLOG_DEFECT_SDP_ORIGIN_MALFORMED = 302,      /**< `o=` without its six fields */
    UCLOG_DEFECT_SDP_CONNECTION_MALFORMED = 303,  /**< `c=` not `<net> <addrtype> <address>` */
    UCLOG_DEFECT_SDP_MEDIA_MALFORMED = 304,       /**< `m=` with missing fields or a bad port */
    UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED = 305,   /**< missing fields, bad component or transport */
    UCLOG_DEFECT_SDP_CANDIDATE_PORT_RANGE = 306,  /**< a port (or rport) not in 0-65535 */
    UCLOG_DEFECT_SDP_CANDIDATE_PRIORITY_RANGE = 307, /**< priority not a uint32 */
    UCLOG_DEFECT_SDP_CANDIDATE_QVALUE_INVALID = 308, /**< draft-6 qvalue not 0[.ddd] or 1[.000] */
    UCLOG_DEFECT_SDP_CANDIDATE_ADDRESS_INVALID = 309, /**< address not IPv4, IPv6 or a host name */
    UCLOG_DEFECT_SDP_CANDIDATE_EXTENSION = 310,   /**< extension name without value; candidate kept */
    UCLOG_DEFECT_SDP_TOO_MANY_CANDIDATES = 311,   /**< over UCLOG_LIMIT_MAX_CANDIDATES; rest not stored */
    UCLOG_DEFECT_SDP_CANDIDATE_OUTSIDE_MEDIA = 312, /**< a candidate before the first `m=`; not stored */
    UCLOG_DEFECT_SDP_REMOTE_CANDIDATES_MALFORMED = 313, /**< not `<comp> <addr> <port>` triples */
    UCLOG_DEFECT_SDP_ENCRYPTION_UNKNOWN = 314,    /**< `a=encryption` value not required/optional/rejected */
    UCLOG_DEFECT_SDP_CRYPTO_MALFORMED = 315,      /**< `a=crypto`/`a=cryptoscale` missing fields or bad tag */
    UCLOG_DEFECT_SDP_DIAGNOSTICS_MALFORMED = 316  /**< `a=x-ms-SDP-diagnostics` without a numeric id */
};

/** The two candidate syntaxes. */
enum uclog_sdp_ice_form {
    UCLOG_SDP_ICE_DRAFT6 = 1, /**< [MS-ICE]: username comp password transport qvalue addr port */
    UCLOG_SDP_ICE_RFC5245 = 2 /**< [MS-ICE2]: foundation comp transport priority addr port typ … */
};

/** Which attribute a candidate came from. */
enum uclog_sdp_candidate_attr {
    UCLOG_SDP_CANDIDATE_ATTR = 1,    /**< `a=candidate` */
    UCLOG_SDP_CANDIDATE_X_IPV6 = 2   /**< `a=x-candidate-ipv6` */
};

/** Candidate transports (the raw token is also available). */
enum uclog_sdp_transport {
    UCLOG_SDP_TRANSPORT_OTHER = 0,    /**< any other token (RFC 5245 form only) */
    UCLOG_SDP_TRANSPORT_UDP = 1,
    UCLOG_SDP_TRANSPORT_TCP = 2,      /**< draft 6: both active and passive */
    UCLOG_SDP_TRANSPORT_TCP_ACT = 3,
    UCLOG_SDP_TRANSPORT_TCP_PASS = 4
};

/** Candidate types (`typ`). */
enum uclog_sdp_candidate_type {
    UCLOG_SDP_CANDIDATE_TYPE_UNKNOWN = 0, /**< draft 6: not stated */
    UCLOG_SDP_CANDIDATE_TYPE_HOST = 1,
    UCLOG_SDP_CANDIDATE_TYPE_SRFLX = 2,
    UCLOG_SDP_CANDIDATE_TYPE_PRFLX = 3,
    UCLOG_SDP_CANDIDATE_TYPE_RELAY = 4,
    UCLOG_SDP_CANDIDATE_TYPE_OTHER = 5    /**< any other token, kept raw */
};

/** `a=encryption` values. */
enum uclog_sdp_encryption {
    UCLOG_SDP_ENCRYPTION_OTHER = 0,    /**< an unknown value (a defect) */
    UCLOG_SDP_ENCRYPTION_REQUIRED = 1,
    UCLOG_SDP_ENCRYPTION_OPTIONAL = 2,
    UCLOG_SDP_ENCRYPTION_REJECTED = 3
};

/** Kinds of key attribute returned by uclog_sdp_media_crypto(). */
enum uclog_sdp_crypto_kind {
    UCLOG_SDP_CRYPTO_SDES = 1,  /**< `a=crypto:<tag> <suite> <key-params> [<session-params>]` */
    UCLOG_SDP_CRYPTO_SCALE = 2  /**< `a=cryptoscale:<tag> <role> <suite> <key-params> …` */
};

/* ------------------------------------------------------------------------ */
/* Parsing                                                                   */

/**
 * Parse an SDP body.
 * @param[out] out  the object, owned by the caller (uclog_sdp_free()); NULL
 *                  on error.
 * @param ctx  the context (allocator, limits UCLOG_LIMIT_MAX_SDP_LINES and
 *             UCLOG_LIMIT_MAX_CANDIDATES); must outlive the object.
 * @param data the body; not copied, must outlive the object. May be NULL
 *             when @p len is 0.
 * @param len  its length in bytes. An empty body (or one with only empty
 *             lines) is not an error: it gives an object with no lines and
 *             no media.
 * @param base position of data[0] in its source, or NULL for offset 0,
 *             line 1, column 1, file 0. A base line or column of 0 is
 *             read as 1.
 * @return 0; UCLOG_E_INVALID_ARG (NULL @p out or @p ctx, NULL @p data with
 *         a length); UCLOG_E_NOMEM. Damage in the text is never an error:
 *         see the defects.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_parse(uclog_sdp **out, uclog_ctx *ctx, const char *data, size_t len,
                                 const uclog_span *base);

/** Free an SDP object and everything it lent. NULL is accepted. @since 1.0 */
UCLOG_EXPORT void uclog_sdp_free(uclog_sdp *sdp);

/** Where the whole body is. @since 1.0 */
UCLOG_EXPORT void uclog_sdp_span(uclog_span *out, const uclog_sdp *sdp);

/** Number of `<letter>=` lines read (empty and malformed lines not counted). @since 1.0 */
UCLOG_EXPORT uint32_t uclog_sdp_line_count(const uclog_sdp *sdp);

/**
 * Line @p i: its type letter, its value (after `=`, line end excluded,
 * trailing spaces kept) and where the line is.
 * @param[out] type  the letter (e.g. 'v'); may be NULL.
 * @param[out] value may be NULL.
 * @param[out] span  may be NULL.
 * @param sdp the SDP body.
 * @param i the index, from 0.
 * @return 0, or UCLOG_E_RANGE.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_line(int32_t *type, uclog_str *value, uclog_span *span,
                                const uclog_sdp *sdp, uint32_t i);

/** Number of defects found. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_sdp_defect_count(const uclog_sdp *sdp);

/**
 * Defect @p i, in the order found (by position).
 * @return 0, or UCLOG_E_RANGE.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_defect(uclog_defect *out, const uclog_sdp *sdp, uint32_t i);

/* ------------------------------------------------------------------------ */
/* Session level                                                             */

/**
 * Value of the first session-level line of a type: `v`, `o`, `s`, `i`,
 * `u`, `e`, `p`, `c`, `b`, `t`, `r`, `z`, `k` (any letter is accepted).
 * For `b` and `t`, which may repeat, this is the first one; all lines are
 * available through uclog_sdp_line().
 * @param[out] out the value (after `=`), `{NULL, 0}` when absent.
 * @param type an ASCII letter such as 'v'.
 * @param sdp the SDP body.
 * @return 0; UCLOG_E_NOT_FOUND.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_session_line(uclog_str *out, const uclog_sdp *sdp, int32_t type);

/**
 * Fields of the `o=` line: `<username> <sess-id> <sess-version> <nettype>
 * <addrtype> <address>`. Every out parameter may be NULL.
 * @return 0; UCLOG_E_NOT_FOUND when there is no well-formed `o=` line.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_origin(uclog_str *username, uclog_str *sess_id, uclog_str *sess_version,
                                  uclog_str *addrtype, uclog_str *address, const uclog_sdp *sdp);

/**
 * The session-level `c=` line: address type (e.g. "IP4") and address
 * (TTL or count suffixes `/n` are kept in the address). Either out
 * parameter may be NULL.
 * @return 0; UCLOG_E_NOT_FOUND when there is no well-formed session `c=`.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_connection(uclog_str *addrtype, uclog_str *address,
                                      const uclog_sdp *sdp);

/** Number of session-level `a=` lines. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_sdp_attr_count(const uclog_sdp *sdp);

/**
 * Session attribute @p i: `a=<name>[:<value>]`. A flag attribute
 * (`a=recvonly`) has an absent value `{NULL, 0}`; `a=x:` has an empty one.
 * @param[out] name  may be NULL.
 * @param[out] value may be NULL.
 * @param[out] span  the line; may be NULL.
 * @param sdp the SDP body.
 * @param i the index, from 0.
 * @return 0, or UCLOG_E_RANGE.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_attr(uclog_str *name, uclog_str *value, uclog_span *span,
                                const uclog_sdp *sdp, uint32_t i);

/**
 * Find a session attribute by name (ASCII case-insensitive), starting at
 * index @p from (0 for the first; pass the previous index + 1 to find the
 * next one of a repeated attribute).
 * @param[out] value the value (may be NULL).
 * @param[out] index where it was found (may be NULL).
 * @param name NUL-terminated attribute name, without `a=` and `:`.
 * @param sdp the SDP body.
 * @param from the index to start at.
 * @return 0; UCLOG_E_NOT_FOUND; UCLOG_E_INVALID_ARG for a NULL name.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_attr_find(uclog_str *value, uint32_t *index, const uclog_sdp *sdp,
                                     const char *name, uint32_t from);

/* ------------------------------------------------------------------------ */
/* Media                                                                     */

/** Number of media descriptions. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_sdp_media_count(const uclog_sdp *sdp);

/**
 * Media description @p i (in order of the `m=` lines).
 * @param[out] out the media, lent by @p sdp until uclog_sdp_free().
 * @param sdp the SDP body.
 * @param i the index, from 0.
 * @return 0, or UCLOG_E_RANGE (with *out NULL).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_media_get(const uclog_sdp_media **out, const uclog_sdp *sdp, uint32_t i);

/**
 * The span of a media description: from its `m=` line to the end of its
 * last line (line end excluded).
 * @since 1.0
 */
UCLOG_EXPORT void uclog_sdp_media_span(uclog_span *out, const uclog_sdp_media *media);

/** Media type ("audio", "video", …); empty when the `m=` line is malformed. @since 1.0 */
UCLOG_EXPORT void uclog_sdp_media_type(uclog_str *out, const uclog_sdp_media *media);

/** Port of the `m=` line; 0 when absent or invalid. @since 1.0 */
UCLOG_EXPORT uint16_t uclog_sdp_media_port(const uclog_sdp_media *media);

/** Transport profile ("RTP/AVP", "RTP/SAVP", "TCP/RTP/AVP", …). @since 1.0 */
UCLOG_EXPORT void uclog_sdp_media_proto(uclog_str *out, const uclog_sdp_media *media);

/** Number of formats (payload types) on the `m=` line. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_sdp_media_format_count(const uclog_sdp_media *media);

/**
 * Format @p i of the `m=` line (e.g. "114").
 * @return 0, or UCLOG_E_RANGE.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_media_format(uclog_str *out, const uclog_sdp_media *media, uint32_t i);

/**
 * Value of the first line of a type inside the media description
 * (`m`, `i`, `c`, `b`, `k`; any letter is accepted). No session fallback.
 * @return 0; UCLOG_E_NOT_FOUND.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_media_line(uclog_str *out, const uclog_sdp_media *media, int32_t type);

/**
 * The connection address of the media: its own well-formed `c=` line, with
 * session fallback. Either out parameter may be NULL.
 * @return 0; UCLOG_E_NOT_FOUND.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_media_connection(uclog_str *addrtype, uclog_str *address,
                                            const uclog_sdp_media *media);

/** Number of `a=` lines of the media description. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_sdp_media_attr_count(const uclog_sdp_media *media);

/** Media attribute @p i; as uclog_sdp_attr(). @since 1.0 */
UCLOG_EXPORT int uclog_sdp_media_attr(uclog_str *name, uclog_str *value, uclog_span *span,
                                      const uclog_sdp_media *media, uint32_t i);

/** Find a media attribute; as uclog_sdp_attr_find() (no session fallback). @since 1.0 */
UCLOG_EXPORT int uclog_sdp_media_attr_find(uclog_str *value, uint32_t *index,
                                           const uclog_sdp_media *media, const char *name,
                                           uint32_t from);

/**
 * `a=ice-ufrag` of the media, with session fallback.
 * @return 0; UCLOG_E_NOT_FOUND.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_media_ice_ufrag(uclog_str *out, const uclog_sdp_media *media);

/**
 * `a=ice-pwd` of the media, with session fallback.
 * @return 0; UCLOG_E_NOT_FOUND.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_media_ice_pwd(uclog_str *out, const uclog_sdp_media *media);

/**
 * `a=encryption` of the media, with session fallback.
 * @param[out] level a ::uclog_sdp_encryption value (may be NULL).
 * @param[out] raw   the value as written (may be NULL).
 * @param media the media description.
 * @return 0; UCLOG_E_NOT_FOUND.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_media_encryption(int32_t *level, uclog_str *raw,
                                            const uclog_sdp_media *media);

/**
 * The `k=` line of the media, with session fallback: `<method>[:<key>]`
 * (e.g. "base64" and the key). Either out parameter may be NULL; @p key
 * is absent when there is no `:`.
 * @return 0; UCLOG_E_NOT_FOUND.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_media_key(uclog_str *method, uclog_str *key,
                                     const uclog_sdp_media *media);

/** Number of well-formed `a=crypto` and `a=cryptoscale` lines of the media. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_sdp_media_crypto_count(const uclog_sdp_media *media);

/**
 * Key attribute @p i of the media (`a=crypto` and `a=cryptoscale` in the
 * order written; malformed ones are skipped). Every out parameter may be
 * NULL.
 * @param[out] kind   a ::uclog_sdp_crypto_kind value.
 * @param[out] tag    the tag.
 * @param[out] role   cryptoscale only (e.g. "client"); absent for crypto.
 * @param[out] suite  e.g. "AES_CM_128_HMAC_SHA1_80".
 * @param[out] params the rest of the line, raw (key params, session params).
 * @param media the media description.
 * @param i the index, from 0.
 * @return 0, or UCLOG_E_RANGE.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_media_crypto(int32_t *kind, uint32_t *tag, uclog_str *role,
                                        uclog_str *suite, uclog_str *params,
                                        const uclog_sdp_media *media, uint32_t i);

/**
 * `a=x-ms-SDP-diagnostics:<id>[.<sub>];reason="<text>"` of the media, with
 * session fallback (the first well-formed one).
 * @param[out] error_id the id (may be NULL).
 * @param[out] reason   the reason text without its quotes, not unescaped;
 *                      absent when there is none (may be NULL).
 * @param[out] raw      the whole value (may be NULL).
 * @param media the media description.
 * @return 0; UCLOG_E_NOT_FOUND.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_media_diagnostics(uint32_t *error_id, uclog_str *reason, uclog_str *raw,
                                             const uclog_sdp_media *media);

/**
 * The draft-6 selected candidate `a=remote-candidate:<username>`.
 * @return 0; UCLOG_E_NOT_FOUND.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_media_remote_username(uclog_str *out, const uclog_sdp_media *media);

/** Number of `<comp> <addr> <port>` triples in the media's `a=remote-candidates`. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_sdp_media_remote_count(const uclog_sdp_media *media);

/**
 * Triple @p i of `a=remote-candidates`. Every out parameter may be NULL.
 * @return 0, or UCLOG_E_RANGE.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_media_remote(uint32_t *component, uclog_str *address, uint16_t *port,
                                        const uclog_sdp_media *media, uint32_t i);

/* ------------------------------------------------------------------------ */
/* Candidates                                                                */

/** Number of stored candidates (`a=candidate` and `a=x-candidate-ipv6`). @since 1.0 */
UCLOG_EXPORT uint32_t uclog_sdp_candidate_count(const uclog_sdp_media *media);

/**
 * Candidate @p i of the media, in the order written.
 * @param[out] out the candidate, lent by the ::uclog_sdp until uclog_sdp_free().
 * @param media the media description.
 * @param i the index, from 0.
 * @return 0, or UCLOG_E_RANGE (with *out NULL).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_candidate_get(const uclog_sdp_candidate **out,
                                         const uclog_sdp_media *media, uint32_t i);

/** The candidate's line (from `a=` to before the line end). @since 1.0 */
UCLOG_EXPORT void uclog_sdp_candidate_span(uclog_span *out, const uclog_sdp_candidate *cand);

/** The value of the line after `a=candidate:` (raw, trailing spaces kept). @since 1.0 */
UCLOG_EXPORT void uclog_sdp_candidate_raw(uclog_str *out, const uclog_sdp_candidate *cand);

/** A ::uclog_sdp_ice_form value, detected per line (`typ` at field 7). @since 1.0 */
UCLOG_EXPORT int32_t uclog_sdp_candidate_form(const uclog_sdp_candidate *cand);

/** A ::uclog_sdp_candidate_attr value. @since 1.0 */
UCLOG_EXPORT int32_t uclog_sdp_candidate_attribute(const uclog_sdp_candidate *cand);

/** Component id (1 RTP, 2 RTCP). @since 1.0 */
UCLOG_EXPORT uint32_t uclog_sdp_candidate_component(const uclog_sdp_candidate *cand);

/** A ::uclog_sdp_transport value. @since 1.0 */
UCLOG_EXPORT int32_t uclog_sdp_candidate_transport(const uclog_sdp_candidate *cand);

/** The transport token as written ("UDP", "TCP-ACT", …). @since 1.0 */
UCLOG_EXPORT void uclog_sdp_candidate_transport_raw(uclog_str *out,
                                                    const uclog_sdp_candidate *cand);

/**
 * RFC 5245 priority.
 * @return 0; UCLOG_E_NOT_FOUND for a draft-6 candidate (see qvalue).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_candidate_priority(uint32_t *out, const uclog_sdp_candidate *cand);

/**
 * Draft-6 qvalue in thousandths, exactly as written: "0.830" → 830,
 * "0.19" → 190, "1" → 1000.
 * @return 0; UCLOG_E_NOT_FOUND for an RFC 5245 candidate.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_candidate_qvalue(uint32_t *out, const uclog_sdp_candidate *cand);

/** The connection address as written (IPv4, IPv6 or host name). @since 1.0 */
UCLOG_EXPORT void uclog_sdp_candidate_address(uclog_str *out, const uclog_sdp_candidate *cand);

/** The port. @since 1.0 */
UCLOG_EXPORT uint16_t uclog_sdp_candidate_port(const uclog_sdp_candidate *cand);

/** A ::uclog_sdp_candidate_type value (UNKNOWN for draft 6). @since 1.0 */
UCLOG_EXPORT int32_t uclog_sdp_candidate_type(const uclog_sdp_candidate *cand);

/** The `typ` token as written; absent for draft 6. @since 1.0 */
UCLOG_EXPORT void uclog_sdp_candidate_type_raw(uclog_str *out, const uclog_sdp_candidate *cand);

/**
 * Related address and port (`raddr`, `rport`). Either out may be NULL.
 * @return 0; UCLOG_E_NOT_FOUND when the candidate has no `raddr` (the
 *         port is 0 when `rport` is missing).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_candidate_related(uclog_str *raddr, uint16_t *rport,
                                             const uclog_sdp_candidate *cand);

/** RFC 5245 foundation; absent for draft 6. @since 1.0 */
UCLOG_EXPORT void uclog_sdp_candidate_foundation(uclog_str *out, const uclog_sdp_candidate *cand);

/** Draft-6 username; absent for RFC 5245. @since 1.0 */
UCLOG_EXPORT void uclog_sdp_candidate_username(uclog_str *out, const uclog_sdp_candidate *cand);

/** Draft-6 password; absent for RFC 5245. @since 1.0 */
UCLOG_EXPORT void uclog_sdp_candidate_password(uclog_str *out, const uclog_sdp_candidate *cand);

/**
 * Number of extension pairs after `typ <type>` other than `raddr` and
 * `rport` (e.g. `generation 0`). Counted on each call (no storage).
 * @since 1.0
 */
UCLOG_EXPORT uint32_t uclog_sdp_candidate_ext_count(const uclog_sdp_candidate *cand);

/**
 * Extension pair @p i. Either out parameter may be NULL.
 * @return 0, or UCLOG_E_RANGE.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_candidate_ext(uclog_str *name, uclog_str *value,
                                         const uclog_sdp_candidate *cand, uint32_t i);

/**
 * Find an extension by name (ASCII case-insensitive, NUL-terminated).
 * @return 0; UCLOG_E_NOT_FOUND; UCLOG_E_INVALID_ARG for a NULL name.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sdp_candidate_ext_find(uclog_str *value, const uclog_sdp_candidate *cand,
                                              const char *name);

/* ------------------------------------------------------------------------ */
/* SDP offers in a SIP message                                               */

/**
 * Number of SDP bodies a SIP message carries: 1 when its Content-Type is
 * `application/sdp`, else the number of `application/sdp` parts of its
 * multipart body (Lync and later send two: the draft-6 fallback and the
 * RFC 5245 one), 0 otherwise.
 * @since 1.0
 */
UCLOG_EXPORT uint32_t uclog_sip_sdp_count(const uclog_sip *msg);

/**
 * SDP body @p i of a message, to hand to uclog_sdp_parse() with @p span as
 * its base. All out-parameters are optional.
 * @param[out] body     a view into the message's bytes.
 * @param[out] span     where the body is.
 * @param[out] fallback 1 for the part marked `ms-proxy-2007fallback` in its
 *                      Content-Disposition (the [MS-ICE] draft-6 offer kept
 *                      for Office Communicator 2007 peers), else 0.
 * @param msg the message.
 * @param i which SDP body, from 0.
 * @return 0, UCLOG_E_RANGE, UCLOG_E_INVALID_ARG.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_sip_sdp_body(uclog_str *body, uclog_span *span, int32_t *fallback,
                                    const uclog_sip *msg, uint32_t i);

/* ------------------------------------------------------------------------ */
/* Names                                                                     */

/** "UDP", "TCP", "TCP-ACT", "TCP-PASS" or "OTHER"; never NULL. @since 1.0 */
UCLOG_EXPORT const char *uclog_sdp_transport_name(int32_t transport);

/** "host", "srflx", "prflx", "relay", "other" or "unknown"; never NULL. @since 1.0 */
UCLOG_EXPORT const char *uclog_sdp_candidate_type_name(int32_t type);

#ifdef __cplusplus
}
#endif
#endif
