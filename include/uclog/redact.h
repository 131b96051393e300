/**
 * @file uclog/redact.h
 * @brief Redaction: a copy of a log without its secrets, and optionally
 *        with its personal data replaced by pseudonyms.
 *
 * A client log holds credentials: the tokens of the `Authorization`,
 * `Proxy-Authorization`, `WWW-Authenticate`, `Proxy-Authenticate` and
 * `Authentication-Info` headers (NTLM, Kerberos, TLS-DSK; over the header's
 * folded lines, as the SIP reader joins them), the MRAS
 * `<username>` and `<password>` (media relay credentials valid for hours),
 * SRTP keys (`inline:` of `a=crypto`/`a=cryptoscale`), ICE passwords
 * (`a=ice-pwd`, and the password field of every draft-6 `a=candidate` and
 * `a=x-candidate-ipv6` line). uclog_redact_log() writes a copy of a log in
 * which each of them is replaced, wherever it appears: in its own place
 * (also XML-escaped, `&lt;password&gt;`), and every other occurrence of
 * its value or of its base64 form anywhere in the log (a quote or a CR
 * inside a secret is kept, every other byte replaced), inside a longer
 * word too (a value of 8 or more characters that are not all digits),
 * across a record's line ends too. A record's header (date, time,
 * process and thread, level) is kept as it is, so that the copy reads as a
 * log: a copy that starts inside one loses the part after the header, and
 * a "secret" whose text is all header text (a value copied from a header)
 * stays where a header holds it.
 *
 * With uclog_redact_options_set_pseudonymise(), personal data is replaced
 * too, consistently (the same input, the same pseudonym, in one run, and
 * across runs given the same key): the user part of `sip:`/`sips:` URIs,
 * `tel:` numbers and other `+`-numbers, display names (`From`, `To`,
 * `Contact`, `P-Asserted-Identity`, `P-Preferred-Identity`, `Referred-By`),
 * domain names (URI hosts, `Via` hosts, `targetname`, MRAS `hostName`),
 * and IPv4 and IPv6 addresses, keeping what a diagnosis needs: an address
 * keeps its class (private, public, link-local, shared, loopback) and
 * distinct addresses stay distinct, with the same /24 (IPv4) or the same
 * leading groups (IPv6) mapped to one pseudonymous prefix; ports are kept;
 * a domain keeps its labels' count and lengths and its last label; case
 * is kept, and letters stay letters, digits stay digits.
 *
 * **Length-preserving.** Every replacement has the length of what it
 * replaces (a secret becomes a run of `X`). The redacted log therefore has
 * the bytes, lines and offsets of the original: the framing's declared byte
 * counts (`… N bytes`), `Content-Length` and every position a diagnosis
 * cites stay true, so the redacted log reads without a defect the original
 * did not have, and evidence from it points at the same line of the
 * original. (A redaction that changed lengths would have to rewrite those
 * counts; this one never has to.)
 *
 * The library never prints; counts of what was replaced are kept in a
 * ::uclog_redact_stats object if one is given.
 * @since 1.3
 */
#ifndef UCLOG_REDACT_H
#define UCLOG_REDACT_H

#include <uclog/common.h>
#include <uclog/errors.h>
#include <uclog/log.h>

#ifdef __cplusplus
extern "C" {
#endif

/** How to redact; opaque. @since 1.3 */
typedef struct uclog_redact_options uclog_redact_options;
/** Counts of what a redaction replaced, by kind; opaque. @since 1.3 */
typedef struct uclog_redact_stats uclog_redact_stats;

/** Kinds of replaced text (values are stable; new kinds may be added). @since 1.3 */
enum uclog_redact_kind {
    UCLOG_REDACT_AUTH_TOKEN = 1,     /**< a token or signature of an authentication header */
    UCLOG_REDACT_MRAS_CREDENTIAL = 2, /**< an MRAS `<username>` or `<password>` */
    UCLOG_REDACT_SRTP_KEY = 3,       /**< an `inline:` key of `a=crypto`/`a=cryptoscale` */
    UCLOG_REDACT_ICE_PASSWORD = 4,   /**< `a=ice-pwd`, a draft-6 candidate's password */
    UCLOG_REDACT_SECRET_COPY = 5,    /**< another copy of a secret's value, or its base64 form */
    UCLOG_REDACT_URI_USER = 6,       /**< the user part of a `sip:`/`sips:` URI (pseudonymise) */
    UCLOG_REDACT_PHONE = 7,          /**< a `tel:` or `+` number (pseudonymise) */
    UCLOG_REDACT_DISPLAY_NAME = 8,   /**< a display name (pseudonymise) */
    UCLOG_REDACT_DOMAIN = 9,         /**< a domain name (pseudonymise) */
    UCLOG_REDACT_IPV4 = 10,          /**< an IPv4 address (pseudonymise) */
    UCLOG_REDACT_IPV6 = 11           /**< an IPv6 address (pseudonymise) */
};

/** One past the largest ::uclog_redact_kind value of this release. @since 1.3 */
#define UCLOG_REDACT_KIND_END 12

/**
 * Receives the redacted bytes of file @p file of the log (0-based, in the
 * order of uclog_log_file_name()), in order. The bytes are lent for the
 * call only.
 * @return 0 to go on; anything else stops the redaction
 *         (uclog_redact_log() then returns ::UCLOG_E_IO).
 * @since 1.3
 */
typedef int (*uclog_redact_write_fn)(void *userdata, uint32_t file, const char *data, size_t len);

/**
 * New options: secrets replaced, no pseudonyms.
 * @param[out] out owned by the caller (uclog_redact_options_free()).
 * @param ctx the context, which must outlive the options.
 * @return 0, ::UCLOG_E_NOMEM, ::UCLOG_E_INVALID_ARG.
 * @since 1.3
 */
UCLOG_EXPORT int uclog_redact_options_new(uclog_redact_options **out, uclog_ctx *ctx);

/** Free options. NULL is accepted. @since 1.3 */
UCLOG_EXPORT void uclog_redact_options_free(uclog_redact_options *opts);

/**
 * Replace personal data by pseudonyms too (@p on 1) or not (0, the default).
 * Without a key (uclog_redact_options_set_key()), the key is drawn at
 * random when the options are made: pseudonyms are then consistent within
 * the runs that use these options, and unrelated to any other's.
 * @return 0, ::UCLOG_E_INVALID_ARG (NULL, or @p on not 0 or 1).
 * @since 1.3
 */
UCLOG_EXPORT int uclog_redact_options_set_pseudonymise(uclog_redact_options *opts, int32_t on);

/**
 * The key pseudonyms are derived from (any bytes; copied). The same key
 * gives the same pseudonyms in every run, on every machine.
 * @return 0, ::UCLOG_E_INVALID_ARG (NULL options, or NULL @p key with a
 *         nonzero @p len).
 * @since 1.3
 */
UCLOG_EXPORT int uclog_redact_options_set_key(uclog_redact_options *opts, const void *key, size_t len);

/**
 * New, zeroed counts.
 * @param[out] out owned by the caller (uclog_redact_stats_free()).
 * @param ctx the context that allocates them and records errors.
 * @return 0, ::UCLOG_E_NOMEM, ::UCLOG_E_INVALID_ARG.
 * @since 1.3
 */
UCLOG_EXPORT int uclog_redact_stats_new(uclog_redact_stats **out, uclog_ctx *ctx);

/** Free counts. NULL is accepted. @since 1.3 */
UCLOG_EXPORT void uclog_redact_stats_free(uclog_redact_stats *stats);

/**
 * How many texts of ::uclog_redact_kind @p kind were replaced; 0 for an
 * unknown kind or NULL @p stats. Counts add up over the redactions the
 * object was given to.
 * @since 1.3
 */
UCLOG_EXPORT uint64_t uclog_redact_stats_count(const uclog_redact_stats *stats, int32_t kind);

/** Name of a ::uclog_redact_kind ("auth-token", …), "unknown" otherwise; static storage, never NULL. @since 1.3 */
UCLOG_EXPORT const char *uclog_redact_kind_name(int32_t kind);

/**
 * Write a redacted copy of every file of @p log through @p write: each
 * file's bytes as the log read them (a UTF-16 file as the UTF-8 it was
 * transcoded to, a file with CR line ends with LF), with the replacements
 * described at the top of this header. The log is read twice (once to
 * learn its secrets, once to write), so it must be a file, a set of files
 * or a buffer, not a stream.
 * @param log   the log; only read.
 * @param opts  the options, or NULL for the defaults (secrets only).
 * @param write receives the bytes.
 * @param userdata given to @p write unchanged.
 * @param stats counts to add to, or NULL.
 * @return 0; ::UCLOG_E_IO when @p write refused bytes; ::UCLOG_E_STATE for
 *         a stream log; ::UCLOG_E_NOMEM; ::UCLOG_E_INVALID_ARG; an error
 *         reading the log. On an error, what was written is incomplete.
 * @since 1.3
 */
UCLOG_EXPORT int uclog_redact_log(uclog_log *log, const uclog_redact_options *opts,
                                  uclog_redact_write_fn write, void *userdata,
                                  uclog_redact_stats *stats);

/**
 * Mask the secrets of one text (a SIP message, an SDP or XML body, a
 * header value, a record's text): write @p len bytes to @p out, a copy of
 * @p text in which every secret the redactor recognises is a run of `*`
 * of the same length. Only the text itself is looked at (no other copies
 * of its secrets are known). For programs that show a log: masked by
 * default, shown on request.
 * @param[out] out at least @p len bytes; may be @p text itself.
 * @param text the text; not NUL-terminated necessarily; NULL only with a zero @p len.
 * @param len its length in bytes.
 * @return the number of secrets masked.
 * @since 1.3
 */
UCLOG_EXPORT uint32_t uclog_redact_mask_text(char *out, const char *text, size_t len);

#ifdef __cplusplus
}
#endif
#endif
