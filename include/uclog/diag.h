/**
 * @file uclog/diag.h
 * @brief libuclog-diag: why an external audio/video call failed.
 *
 * The diagnostics walk the procedure "Troubleshooting External Audio/Video
 * Call Failures" over a client log: the provisioning SUBSCRIBE and its
 * 200 OK, the `mrasUri` in it, the MRAS SERVICE asking for media relay
 * credentials and its 200 OK, then for every call attempt the SDP offer
 * and whether it carries a candidate on the A/V Edge's external address.
 * Each step ends in a verdict with a stable code (see ::uclog_diag_code),
 * its evidence (file, line, byte offset, time, Call-ID, the value seen) and
 * the checklist the procedure gives for that outcome. Field rules go
 * further: ms-client-diagnostics 22-26 with ICEWarn decoded, the
 * ms-diagnostics of a failed MRAS request or INVITE.
 *
 * The library uses only the public API of libuclog. Link with
 * `pkg-config --libs uclog-diag`. doc/design.md says how the diagnosis is
 * built and doc/verdicts.md what each code means and how sure it is.
 *
 * Lifetimes: a report owns copies of everything it says; it stays valid
 * after the log is freed, until uclog_diag_report_free(). Strings and
 * handles it lends live as long as the report.
 */
#ifndef UCLOG_DIAG_H
#define UCLOG_DIAG_H

#include <uclog/common.h>
#include <uclog/errors.h>
#include <uclog/log.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Verdict codes. A code never changes meaning; the text may improve.
 * doc/verdicts.md lists them with their checklists.
 */
enum uclog_diag_code {
    UCLOG_DIAG_NO_SIP_TRAFFIC = 100,
    UCLOG_DIAG_CLIENT_IS_INTERNAL = 105,
    UCLOG_DIAG_PROVISIONING_NOT_FOUND = 110,
    UCLOG_DIAG_PROVISIONING_UNANSWERED = 120,
    UCLOG_DIAG_PROVISIONING_UNREADABLE = 125, /**< @since 1.2 */
    UCLOG_DIAG_MRAS_URI_MISSING = 130,
    UCLOG_DIAG_MRAS_NOT_REQUESTED = 140,
    UCLOG_DIAG_MRAS_UNANSWERED = 150,
    UCLOG_DIAG_MRAS_REJECTED = 160,
    UCLOG_DIAG_MRAS_UNREADABLE = 165, /**< @since 1.2 */
    UCLOG_DIAG_MRAS_OK = 170,
    UCLOG_DIAG_INVITE_NOT_FOUND = 200,
    UCLOG_DIAG_NO_EDGE_CANDIDATE = 210,
    UCLOG_DIAG_EDGE_CANDIDATE_UNDECIDED = 215, /**< @since 1.2 */
    UCLOG_DIAG_EDGE_NAT_PRIVATE_ADDRESS = 220,
    UCLOG_DIAG_EDGE_CANDIDATE_PRESENT = 230,
    UCLOG_DIAG_MEDIA_CONNECTIVITY_FAILED = 300,
    UCLOG_DIAG_CALL_REJECTED = 310,
    UCLOG_DIAG_CALL_CANCELLED = 320 /**< @since 1.2 */
};

/** How bad a verdict is. */
enum uclog_diag_severity {
    UCLOG_DIAG_OK = 0,
    UCLOG_DIAG_INFO = 1,
    UCLOG_DIAG_WARNING = 2,
    UCLOG_DIAG_FAILURE = 3
};

/**
 * Whether a verdict was seen or inferred: ::UCLOG_DIAG_CERTAIN for what the
 * log states (an answer that arrived, a typed candidate, an address the
 * user gave), ::UCLOG_DIAG_INFERRED for what rests on a named guess,
 * ::UCLOG_DIAG_UNREADABLE for a body that could not be read whole, on which
 * no verdict is built. doc/verdicts.md explains the model. A program built
 * against 1.0 or 1.1 may meet the value 2 from a 1.2 library: treat an
 * unknown certainty as not certain.
 */
enum uclog_diag_certainty {
    UCLOG_DIAG_CERTAIN = 0,   /**< the log states it, or the user gave it */
    UCLOG_DIAG_INFERRED = 1,  /**< uclog_diag_verdict_reason() says from what */
    UCLOG_DIAG_UNREADABLE = 2 /**< the body the step needed could not be read; @since 1.2 */
};

/** Where the client signed in from. */
enum uclog_diag_location {
    UCLOG_DIAG_LOCATION_UNKNOWN = 0,
    UCLOG_DIAG_LOCATION_REMOTE = 1,   /**< outside: through the Access Edge */
    UCLOG_DIAG_LOCATION_INTERNAL = 2  /**< inside the network */
};

/** Direction of a call attempt. */
enum uclog_diag_call_direction {
    /** A file of bare SIP messages (::UCLOG_FILE_KIND_SIP) does not say who
     * sent the INVITE: its own offer is judged. @since 1.3 */
    UCLOG_DIAG_CALL_DIRECTION_UNKNOWN = 0,
    UCLOG_DIAG_CALL_OUTGOING = 1, /**< the client sent the INVITE */
    UCLOG_DIAG_CALL_INCOMING = 2  /**< the client received it and answered */
};

/**
 * Whether a call attempt was judged on all its messages, or before its end
 * because a limit of uclog_diag_run_parts() was reached (what came later in
 * its dialog was not read). uclog_diag_run() judges every call whole.
 * @since 1.2
 */
enum uclog_diag_call_cut {
    UCLOG_DIAG_CALL_WHOLE = 0,       /**< judged on every message of it the log has */
    UCLOG_DIAG_CALL_CUT_CALLS = 1,   /**< 256 calls were in progress at once: the oldest was judged */
    UCLOG_DIAG_CALL_CUT_MESSAGES = 2, /**< it reached 512 messages */
    UCLOG_DIAG_CALL_CUT_BYTES = 3    /**< the calls in progress reached the window's budget (64 MiB unless set): the oldest was judged */
};

/**
 * How a call attempt ended, as far as the log says
 * (uclog_diag_report_call_outcome()).
 * @since 1.3
 */
enum uclog_diag_call_outcome {
    UCLOG_DIAG_OUTCOME_UNKNOWN = 0,     /**< no final answer to its INVITE in the log (or in what was read of
                                             it), a redirect, or a challenge never answered */
    UCLOG_DIAG_OUTCOME_ESTABLISHED = 1, /**< a 2xx answered its INVITE, and no media failure was reported */
    UCLOG_DIAG_OUTCOME_REFUSED = 2,     /**< a final answer 4xx-6xx (not a challenge, not after a cancel);
                                             a refusal that is a normal end (603 with 51004) too */
    UCLOG_DIAG_OUTCOME_CANCELLED = 3,   /**< cancelled before it was answered (487 after a CANCEL) */
    UCLOG_DIAG_OUTCOME_MEDIA_FAILED = 4 /**< ms-client-diagnostics 22-26 in the call: media did not connect */
};

/** Options of a diagnosis; made with uclog_diag_options_new(). */
typedef struct uclog_diag_options uclog_diag_options;
/** The result of a diagnosis. */
typedef struct uclog_diag_report uclog_diag_report;
/** One verdict; lent by its report. */
typedef struct uclog_diag_verdict uclog_diag_verdict;
/** One evidence item of a verdict; lent by its report. */
typedef struct uclog_diag_evidence uclog_diag_evidence;

/**
 * Make options: no Edge addresses, client location decided from the log,
 * the streaming diagnosis's window at 64 MiB.
 * @param[out] out owned by the caller (uclog_diag_options_free()).
 * @param ctx the context (allocator, errors); must outlive the options.
 * @return 0, UCLOG_E_NOMEM, UCLOG_E_INVALID_ARG.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_diag_options_new(uclog_diag_options **out, uclog_ctx *ctx);

/** Free options. NULL is accepted. @since 1.0 */
UCLOG_EXPORT void uclog_diag_options_free(uclog_diag_options *opts);

/**
 * Add an address of the A/V Edge's external interface (repeatable). With
 * one given, the candidate verdicts are certain instead of inferred.
 * @param ip IPv4 or IPv6 text, NUL-terminated (copied).
 * @param opts the options.
 * @return 0, UCLOG_E_INVALID_ARG (not an IP address), UCLOG_E_LIMIT (16
 *         addresses were given already).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_diag_options_add_edge_ip(uclog_diag_options *opts, const char *ip);

/**
 * Set the public address the external interface is NAT'ed to.
 * @return 0, UCLOG_E_INVALID_ARG (not an IP address).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_diag_options_set_edge_nat_ip(uclog_diag_options *opts, const char *ip);

/**
 * Add a private address of the external interface behind NAT (repeatable):
 * a candidate on it means "External IP address is translated by NAT" is
 * not selected.
 * @return 0, UCLOG_E_INVALID_ARG (not an IP address), UCLOG_E_LIMIT (16
 *         addresses were given already).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_diag_options_add_edge_private_ip(uclog_diag_options *opts, const char *ip);

/**
 * Override the client location found in the log (a ::uclog_diag_location;
 * UNKNOWN restores detection).
 * @return 0, UCLOG_E_INVALID_ARG.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_diag_options_set_client_location(uclog_diag_options *opts, int32_t location);

/**
 * The budget of uclog_diag_run_parts() for the messages of the calls in
 * progress: when their copies take more, the oldest call is judged with what
 * it has (uclog_diag_report_call_cut() says UCLOG_DIAG_CALL_CUT_BYTES). The
 * window may exceed it by one message, at most the context's record limit.
 * uclog_diag_run() does not use it.
 * @param bytes 0 for the default (64 MiB), or at least 4096.
 * @param opts the options.
 * @return 0, UCLOG_E_INVALID_ARG.
 * @since 1.2
 */
UCLOG_EXPORT int uclog_diag_options_set_window_bytes(uclog_diag_options *opts, uint64_t bytes);

/**
 * Diagnose a log (one file, a buffer, or a rotated set in any order; it
 * must not be a stream).
 * @param[out] out the report, owned by the caller (uclog_diag_report_free()).
 * @param opts NULL for the defaults.
 * @param log the log; not a stream (uclog_diag_run_parts() reads one).
 * @return 0 (whatever the verdicts); UCLOG_E_STATE for a stream log;
 *         UCLOG_E_NOMEM; UCLOG_E_INVALID_ARG; an I/O error of the log.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_diag_run(uclog_diag_report **out, uclog_log *log, const uclog_diag_options *opts);

/**
 * What uclog_diag_run_parts() hands over: one part of a report, lent for
 * the call only. Return 0 to go on; anything else stops the diagnosis,
 * which then returns that value.
 * @since 1.1
 */
typedef int (*uclog_diag_part_fn)(const uclog_diag_report *part, void *userdata);

/**
 * Diagnose a log in one pass, in memory that does not grow with the log:
 * the report comes in parts, each handed to @p fn and freed when it
 * returns. Any log is accepted, a stream too (a pipe, standard input).
 *
 * A part holds one call attempt (uclog_diag_report_call_count() is 1, the
 * call is number 0) with its verdicts, after the sign-in verdicts (call -1)
 * first reached for it; the last part holds no call and the verdicts about
 * the whole log (NO_SIP_TRAFFIC, CLIENT_IS_INTERNAL, INVITE_NOT_FOUND with
 * the sign-in steps). Every part has the log's files and the client facts
 * known so far. The parts' verdicts are uclog_diag_run()'s, with these
 * differences, all from reading the log once:
 * - calls come in the order they end, not the order they began;
 * - a call is judged when its dialog ends (the final response to a BYE, a
 *   failure response to its INVITE), when 256 calls are in progress at
 *   once (the oldest), when it has 512 messages, when the messages of the
 *   calls in progress take 64 MiB (uclog_diag_options_set_window_bytes();
 *   the oldest call), or at the end of the
 *   log; a call judged by a limit says so (uclog_diag_report_call_cut());
 *   what comes of it later is not read (e.g. an INVITE sent again with the
 *   same Call-ID after a 422 or 491). Every INVITE dialog counts as a call
 *   in progress until it is judged, an IM session's too;
 * - a call is judged with what the log said up to then: of the client's
 *   location, and of its sign-in (a provisioning or MRAS answer that
 *   comes after the call was judged is not one); a sign-in verdict counts
 *   the messages read up to then;
 * - an INVITE of a Call-ID judged more than 1024 calls before begins a
 *   new call attempt.
 * Strings and handles of a part live until @p fn returns.
 *
 * Memory: the messages of the calls in progress (at most 256 x 512, each
 * copied once, and at most 64 MiB of them plus the one message being
 * added, itself at most the context's record limit), the newest
 * provisioning and MRAS dialogs and those a call in progress began after,
 * and one part: bounded in bytes for a log of any size.
 *
 * @param opts NULL for the defaults.
 * @param log the log.
 * @param fn called with each part in turn.
 * @param userdata handed to @p fn unchanged.
 * @return 0; what @p fn returned when not 0; UCLOG_E_NOMEM;
 *         UCLOG_E_INVALID_ARG (no log or no @p fn); UCLOG_E_STATE for a
 *         stream log read before; UCLOG_E_ENCODING for a UTF-16 stream;
 *         UCLOG_E_LIMIT after 2^32 - 1 messages kept; an I/O error of the
 *         log.
 * @since 1.1
 */
UCLOG_EXPORT int uclog_diag_run_parts(uclog_log *log, const uclog_diag_options *opts, uclog_diag_part_fn fn,
                                      void *userdata);

/** Free a report. NULL is accepted. @since 1.0 */
UCLOG_EXPORT void uclog_diag_report_free(uclog_diag_report *report);

/** How many unusable packets uclog_diag_report_unusable_span() places (the first ones). @since 1.2 */
#define UCLOG_DIAG_UNUSABLE_KEPT 64

/**
 * How many packets of the log yielded no SIP message (a frame whose bytes
 * are not SIP, or that was cut before any message: libuclog's defect
 * UCLOG_DEFECT_PACKET_NO_MESSAGE). The diagnosis read no verdict from
 * them, and says so here. A streaming diagnosis's part counts those read so
 * far; its last part, the whole log's. 0 for NULL.
 * @since 1.2
 */
UCLOG_EXPORT uint64_t uclog_diag_report_unusable_count(const uclog_diag_report *report);

/**
 * Where unusable packet @p i is (its framing through its `End of` record),
 * for the first ::UCLOG_DIAG_UNUSABLE_KEPT; the file is
 * uclog_diag_report_file_name(report, out->file).
 * @return 0; UCLOG_E_RANGE past the count or the kept ones; UCLOG_E_INVALID_ARG.
 * @since 1.2
 */
UCLOG_EXPORT int uclog_diag_report_unusable_span(uclog_span *out, const uclog_diag_report *report, uint32_t i);

/** Number of files the log had. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_diag_report_file_count(const uclog_diag_report *report);

/** Name of file @p i (in time order), or NULL. @since 1.0 */
UCLOG_EXPORT const char *uclog_diag_report_file_name(const uclog_diag_report *report, uint32_t i);

/** The client's SIP URI (from its requests), or NULL when unknown. @since 1.0 */
UCLOG_EXPORT const char *uclog_diag_report_client_uri(const uclog_diag_report *report);

/** The client's User-Agent text, or NULL when unknown. @since 1.0 */
UCLOG_EXPORT const char *uclog_diag_report_client_user_agent(const uclog_diag_report *report);

/**
 * The client's version from its User-Agent (`UCCAPI/3.5.6874.0 …` gives
 * "3.5.6874.0"), or NULL when unknown.
 * @since 1.0
 */
UCLOG_EXPORT const char *uclog_diag_report_client_version(const uclog_diag_report *report);

/** The client's location (a ::uclog_diag_location). @since 1.0 */
UCLOG_EXPORT int32_t uclog_diag_report_client_location(const uclog_diag_report *report);

/** What the location was decided from (never NULL). @since 1.0 */
UCLOG_EXPORT const char *uclog_diag_report_client_location_reason(const uclog_diag_report *report);

/** Number of call attempts found. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_diag_report_call_count(const uclog_diag_report *report);

/** Call-ID of call attempt @p i, or NULL. @since 1.0 */
UCLOG_EXPORT const char *uclog_diag_report_call_id(const uclog_diag_report *report, uint32_t i);

/**
 * Direction of call attempt @p i (a ::uclog_diag_call_direction); 0 when
 * out of range, and since 1.3 also ::UCLOG_DIAG_CALL_DIRECTION_UNKNOWN for
 * an INVITE of bare SIP messages that does not say who sent it.
 * @since 1.0
 */
UCLOG_EXPORT int32_t uclog_diag_report_call_direction(const uclog_diag_report *report, uint32_t i);

/**
 * Whether call attempt @p i was judged whole or before its end, and why (a
 * ::uclog_diag_call_cut); 0 when out of range.
 * @since 1.2
 */
UCLOG_EXPORT int32_t uclog_diag_report_call_cut(const uclog_diag_report *report, uint32_t i);

/** "whole", "calls", "messages", "bytes" for a ::uclog_diag_call_cut; "unknown" otherwise. Never NULL;
 * static storage. @since 1.2 */
UCLOG_EXPORT const char *uclog_diag_call_cut_name(int32_t cut);

/** The other party's URI of call attempt @p i, or NULL. @since 1.0 */
UCLOG_EXPORT const char *uclog_diag_report_call_peer(const uclog_diag_report *report, uint32_t i);

/**
 * How call attempt @p i ended (a ::uclog_diag_call_outcome), from the final
 * answer to its INVITE and the ms-client-diagnostics of its dialog; a
 * streaming diagnosis says it from the messages read before the call was
 * judged. 0 (UNKNOWN) when out of range.
 * @since 1.3
 */
UCLOG_EXPORT int32_t uclog_diag_report_call_outcome(const uclog_diag_report *report, uint32_t i);

/** "unknown", "established", "refused", "cancelled", "media-failed" for a ::uclog_diag_call_outcome;
 * "unknown" otherwise. Never NULL; static storage. @since 1.3 */
UCLOG_EXPORT const char *uclog_diag_call_outcome_name(int32_t outcome);

/**
 * When call attempt @p i began: the time of the record that holds the
 * INVITE that began it.
 * @return 0; UCLOG_E_NOT_FOUND when that record has no time (@p out is
 *         zeroed); UCLOG_E_RANGE past the call count; UCLOG_E_INVALID_ARG
 *         for a NULL argument. Nothing is recorded in the context.
 * @since 1.3
 */
UCLOG_EXPORT int uclog_diag_report_call_start(uclog_timestamp *out, const uclog_diag_report *report, uint32_t i);

/**
 * The worst verdict of call attempt @p i: the first of its verdicts with
 * the highest severity (log-wide verdicts are not the call's), lent by the
 * report. NULL when the call has none or @p i is out of range.
 * @since 1.3
 */
UCLOG_EXPORT const uclog_diag_verdict *uclog_diag_report_call_worst_verdict(const uclog_diag_report *report,
                                                                             uint32_t i);

/**
 * Find a call attempt by Call-ID (compared byte for byte, as SIP compares
 * Call-IDs): the first call attempt with it.
 * @param[out] out its index.
 * @param report the report.
 * @param call_id the Call-ID, NUL-terminated.
 * @return 0; UCLOG_E_NOT_FOUND when no call attempt has it (a Call-ID of an
 *         IM dialog or of a sign-in is none); UCLOG_E_INVALID_ARG for a NULL
 *         argument. Nothing is recorded in the context.
 * @since 1.3
 */
UCLOG_EXPORT int uclog_diag_report_call_find(uint32_t *out, const uclog_diag_report *report, const char *call_id);

/** Number of verdicts, log-wide ones first, then each call's. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_diag_report_verdict_count(const uclog_diag_report *report);

/** Verdict @p i, lent by the report, or NULL when out of range. @since 1.0 */
UCLOG_EXPORT const uclog_diag_verdict *uclog_diag_report_verdict(const uclog_diag_report *report,
                                                                  uint32_t i);

/** The worst severity among the verdicts (UCLOG_DIAG_OK when none). @since 1.0 */
UCLOG_EXPORT int32_t uclog_diag_report_worst_severity(const uclog_diag_report *report);

/** A ::uclog_diag_code. @since 1.0 */
UCLOG_EXPORT int32_t uclog_diag_verdict_code(const uclog_diag_verdict *v);
/** The code's name, e.g. "NO_EDGE_CANDIDATE". @since 1.0 */
UCLOG_EXPORT const char *uclog_diag_verdict_name(const uclog_diag_verdict *v);
/** A ::uclog_diag_severity. @since 1.0 */
UCLOG_EXPORT int32_t uclog_diag_verdict_severity(const uclog_diag_verdict *v);
/** A ::uclog_diag_certainty. @since 1.0 */
UCLOG_EXPORT int32_t uclog_diag_verdict_certainty(const uclog_diag_verdict *v);
/** For an inferred verdict, what it was inferred from; for an unreadable one (since 1.2), what could not
 * be read and what is therefore not claimed; NULL when certain. @since 1.0 */
UCLOG_EXPORT const char *uclog_diag_verdict_reason(const uclog_diag_verdict *v);
/** The step of the procedure ("provisioning", "mras-uri", "mras", "invite", "edge", "media", "signalling", "log"). @since 1.0 */
UCLOG_EXPORT const char *uclog_diag_verdict_step(const uclog_diag_verdict *v);
/** One sentence saying what was found. Never NULL. @since 1.0 */
UCLOG_EXPORT const char *uclog_diag_verdict_summary(const uclog_diag_verdict *v);
/** The call attempt's Call-ID, or NULL for a log-wide verdict. @since 1.0 */
UCLOG_EXPORT const char *uclog_diag_verdict_call_id(const uclog_diag_verdict *v);
/** Index of the call attempt, or -1 for a log-wide verdict. @since 1.0 */
UCLOG_EXPORT int32_t uclog_diag_verdict_call(const uclog_diag_verdict *v);
/** Number of evidence items. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_diag_verdict_evidence_count(const uclog_diag_verdict *v);
/** Evidence item @p i, or NULL. @since 1.0 */
UCLOG_EXPORT const uclog_diag_evidence *uclog_diag_verdict_evidence(const uclog_diag_verdict *v, uint32_t i);
/** Number of checklist items. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_diag_verdict_checklist_count(const uclog_diag_verdict *v);
/** Checklist item @p i (plain text), or NULL. @since 1.0 */
UCLOG_EXPORT const char *uclog_diag_verdict_checklist(const uclog_diag_verdict *v, uint32_t i);

/** Name of the file the evidence is in, or NULL (e.g. a value from the options). @since 1.0 */
UCLOG_EXPORT const char *uclog_diag_evidence_file(const uclog_diag_evidence *e);
/** Where in the log: file index, byte offset, line, column, length. @since 1.0 */
UCLOG_EXPORT void uclog_diag_evidence_span(uclog_span *out, const uclog_diag_evidence *e);
/**
 * The time of the record it comes from.
 * @return 0, or UCLOG_E_NOT_FOUND.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_diag_evidence_time(uclog_timestamp *out, const uclog_diag_evidence *e);
/** The Call-ID of the message it comes from, or NULL. @since 1.0 */
UCLOG_EXPORT const char *uclog_diag_evidence_call_id(const uclog_diag_evidence *e);
/** What was seen (e.g. "mrasUri = sip:…", a candidate line). Never NULL. @since 1.0 */
UCLOG_EXPORT const char *uclog_diag_evidence_detail(const uclog_diag_evidence *e);

/**
 * What an evidence item names, when it is a thing with fields of its own
 * beyond its detail text:
 * - "relay": a media relay MRAS gave (the 200 OK's relay list), or the one
 *   whose address decides a candidate (host only);
 * - "candidate": an SDP candidate of the offer (judged) or of the other
 *   party's answer (context);
 * - "ms_diagnostics": an entry of an ms-diagnostics,
 *   ms-diagnostics-public or ms-client-diagnostics header.
 *
 * NULL for an item that is only its detail. uclog_diag_evidence_field()
 * gives the fields; doc/uclog-diagnose.schema.json lists each subject's.
 * @param e the evidence item.
 * @return a string from static storage, or NULL (also for NULL).
 * @since 1.3
 */
UCLOG_EXPORT const char *uclog_diag_evidence_subject(const uclog_diag_evidence *e);

/**
 * Number of fields of the evidence item's subject: 0 without a subject (or
 * for NULL).
 * @param e the evidence item.
 * @since 1.3
 */
UCLOG_EXPORT uint32_t uclog_diag_evidence_field_count(const uclog_diag_evidence *e);

/**
 * Field @p i of the evidence item's subject, in a fixed order; a field the
 * log did not give is absent rather than empty. Each is text or a number:
 * - relay: location ("internet", "intranet"), host, host_element
 *   ("hostName", "directIPAddress"), udp_port, tcp_port (numbers, absent
 *   when the answer has none or it could not be read);
 * - candidate: attribute ("candidate", "x-candidate-ipv6"), form
 *   ("rfc5245", "draft-6"), foundation (RFC 5245) or username (draft 6),
 *   component, transport (as written), qvalue (draft 6, text as "0.830") or
 *   priority (RFC 5245, a number), address (as written), address_class
 *   (uclog_addr_class_name() in lower case, '_' as '-': "public",
 *   "private", "cgn", "none" for a host name, …), port, type (the `typ`
 *   token; absent for draft 6), related_address and related_port (raddr,
 *   rport), party ("client" for the offer's, "peer" for the other
 *   party's); for the client's also placed (whose address the judging put
 *   it on: "client", "edge", "edge-private", "not-edge", "undecided") and
 *   certainty ("certain", "inferred");
 * - ms_diagnostics: header ("ms-diagnostics", "ms-diagnostics-public",
 *   "ms-client-diagnostics"), code, sub_code (when given), reason and
 *   source (when given, as written without their quotes).
 * @param[out] name   the field's name. Optional.
 * @param[out] text   a text field's value; NULL for a number field. Optional.
 * @param[out] number a number field's value; 0 for a text field. Optional.
 * @param e the evidence item.
 * @param i the field, from 0.
 * @return 0; UCLOG_E_RANGE for @p i past uclog_diag_evidence_field_count();
 *         UCLOG_E_INVALID_ARG for no @p e. The strings are lent by the
 *         report and live as long as it does.
 * @since 1.3
 */
UCLOG_EXPORT int uclog_diag_evidence_field(const char **name, const char **text, int64_t *number,
                                           const uclog_diag_evidence *e, uint32_t i);

/**
 * Everything uclog_diag_evidence_file(), _span(), _time(), _call_id(),
 * _detail(), _subject(), _ms_code() and _field() tell of one evidence
 * item, in one call (for bindings, which pay per foreign call). Fields a
 * later minor release adds go at the end; the caller passes
 * `sizeof(uclog_diag_evidence_info)` as it was compiled. The strings are
 * lent by the report and live as long as it does.
 * @since 1.3
 */
typedef struct uclog_diag_evidence_info {
    uclog_span span;          /**< uclog_diag_evidence_span() */
    uclog_timestamp time;     /**< uclog_diag_evidence_time(), when `has_time` */
    const char *file;         /**< uclog_diag_evidence_file(); NULL for none */
    const char *call_id;      /**< uclog_diag_evidence_call_id(); NULL for none */
    const char *detail;       /**< uclog_diag_evidence_detail(); never NULL */
    const char *subject;      /**< uclog_diag_evidence_subject(); NULL for none */
    /** The fields of uclog_diag_evidence_field(), `field_count` of them, one
     * after the other: the name and a NUL, then `t` and the text and a NUL,
     * or `n`, the number in decimal (an optional `-` and digits) and a NUL.
     * NULL when there are none. */
    const char *fields;
    uint64_t fields_length;   /**< the bytes of `fields`, the last NUL included */
    uint32_t field_count;     /**< uclog_diag_evidence_field_count() */
    uint32_t has_time;        /**< 1 when `time` is set */
    uint32_t ms_code;         /**< uclog_diag_evidence_ms_code(), when `ms_kind` is not 0 */
    uint32_t ms_kind;         /**< its kind; 0 when the item cites no diagnostics header */
} uclog_diag_evidence_info;

/**
 * Fill @p out with what the evidence item tells (uclog_diag_evidence_info).
 * @param[out] out the item's fields; only the first @p info_size bytes are written.
 * @param e the evidence item.
 * @param info_size `sizeof(uclog_diag_evidence_info)` as the caller was
 *        compiled: at least the 1.3 size, a multiple of 8.
 * @return 0; UCLOG_E_INVALID_ARG for a NULL pointer or a smaller size.
 * @since 1.3
 */
UCLOG_EXPORT int uclog_diag_evidence_info_get(uclog_diag_evidence_info *out, const uclog_diag_evidence *e,
                                              size_t info_size);

/* The registry of codes. */

/**
 * The code after @p code in the registry (0 gives the first), or 0 at the
 * end: `for (c = uclog_diag_code_next(0); c; c = uclog_diag_code_next(c))`.
 * @since 1.0
 */
UCLOG_EXPORT int32_t uclog_diag_code_next(int32_t code);
/** Name of a code, or NULL for an unknown code. @since 1.0 */
UCLOG_EXPORT const char *uclog_diag_code_name(int32_t code);
/** Severity of a code, or -1 for an unknown code. @since 1.0 */
UCLOG_EXPORT int32_t uclog_diag_code_severity(int32_t code);
/** Step of a code, or NULL. @since 1.0 */
UCLOG_EXPORT const char *uclog_diag_code_step(int32_t code);
/** When the code is given, in one sentence, or NULL. @since 1.0 */
UCLOG_EXPORT const char *uclog_diag_code_condition(int32_t code);
/** Number of checklist items of a code. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_diag_code_checklist_count(int32_t code);
/** Checklist item @p i of a code, or NULL. @since 1.0 */
UCLOG_EXPORT const char *uclog_diag_code_checklist(int32_t code, uint32_t i);

/** "ok", "info", "warning", "failure"; "unknown" otherwise. @since 1.0 */
UCLOG_EXPORT const char *uclog_diag_severity_name(int32_t severity);
/** "certain", "inferred"; "unknown" otherwise. @since 1.0 */
UCLOG_EXPORT const char *uclog_diag_certainty_name(int32_t certainty);
/** "unknown", "remote", "internal". @since 1.0 */
UCLOG_EXPORT const char *uclog_diag_location_name(int32_t location);

/**
 * Meaning of one ICEWarn bit in ms-client-diagnostics (Lync 2010 Resource
 * Kit table: 0x1 TURN server unreachable … 0x200 TCP TURN connectivity
 * failed; since 1.2 also the bits above 0x200 that [MS-QoE] IceWarningFlags
 * names, 0x4000 … 0x4000000 TURN server FQDN not resolved), or NULL for a
 * bit neither table names. See uclog_diag_icewarn_bit_qoe() for the [MS-QoE]
 * meaning of the low bits.
 * @since 1.0
 */
UCLOG_EXPORT const char *uclog_diag_icewarn_bit(uint32_t bit);

/**
 * The server component an ms-diagnostics id belongs to, by range
 * (1000-1999 SIP stack, 9000-9999 MRAS, …; client ids 22-26 and
 * 51000-52999). Never NULL.
 * @since 1.0
 */
UCLOG_EXPORT const char *uclog_diag_ms_diagnostics_range(uint32_t error_id);

/**
 * Meaning of one ICEWarn bit in the [MS-QoE] 2.2.1.7.1 IceWarningFlags
 * layout (0x10 TURN server unreachable, 0x20 shared secret failed, 0x40 UDP
 * allocation failed, 0x200 TCP allocation failed, 0x4000 UDP local
 * connectivity failed … 0x4000000 TURN server FQDN not resolved), or NULL
 * for a bit that table does not name. The low bits (0x10, 0x20, 0x40,
 * 0x200) mean other things than in the Resource Kit table of
 * uclog_diag_icewarn_bit(); which layout a client's ICEWarn= uses is not
 * published, so both are given.
 * @return a string from static storage.
 * @since 1.2
 */
UCLOG_EXPORT const char *uclog_diag_icewarn_bit_qoe(uint32_t bit);

/* The registry of ms-diagnostics codes. */

/**
 * One entry of the registry of ms-diagnostics, ms-diagnostics-public and
 * ms-client-diagnostics codes (doc/ms-codes.md); lives in static storage,
 * for as long as the library is loaded.
 */
typedef struct uclog_diag_ms_code uclog_diag_ms_code;

/**
 * Look a diagnostics code up.
 * @param[out] out the entry (static storage), NULL when not found.
 * @param kind the header it came in: ::UCLOG_SIP_DIAG_SERVER or
 *        ::UCLOG_SIP_DIAG_PUBLIC (both share the server ids) or
 *        ::UCLOG_SIP_DIAG_CLIENT.
 * @param code the ErrorId (without a sub-id).
 * @return 0; UCLOG_E_NOT_FOUND for a code the registry does not hold (its
 *         range is explained by uclog_diag_ms_diagnostics_range());
 *         UCLOG_E_INVALID_ARG for no @p out or another kind.
 * @since 1.2
 */
UCLOG_EXPORT int uclog_diag_ms_code_lookup(const uclog_diag_ms_code **out, uint32_t kind, uint32_t code);
/**
 * The entry after @p prev (NULL gives the first), or NULL at the end: the
 * server codes by id, then the client codes by id.
 * @since 1.2
 */
UCLOG_EXPORT const uclog_diag_ms_code *uclog_diag_ms_code_next(const uclog_diag_ms_code *prev);
/** The ErrorId of an entry, 0 for NULL. @since 1.2 */
UCLOG_EXPORT uint32_t uclog_diag_ms_code_id(const uclog_diag_ms_code *c);
/** ::UCLOG_SIP_DIAG_SERVER (ms-diagnostics and -public) or ::UCLOG_SIP_DIAG_CLIENT; 0 for NULL. @since 1.2 */
UCLOG_EXPORT uint32_t uclog_diag_ms_code_kind(const uclog_diag_ms_code *c);
/** What the code means: its published reason text, with what it tells. NULL for NULL. @since 1.2 */
UCLOG_EXPORT const char *uclog_diag_ms_code_meaning(const uclog_diag_ms_code *c);
/** The component that raises it (e.g. "Access Edge: federation", "client (UCCAPI)"). NULL for NULL. @since 1.2 */
UCLOG_EXPORT const char *uclog_diag_ms_code_component(const uclog_diag_ms_code *c);
/** What to check next, in one sentence. NULL for NULL. @since 1.2 */
UCLOG_EXPORT const char *uclog_diag_ms_code_check(const uclog_diag_ms_code *c);
/** Where the meaning is published (e.g. "[MS-OCER] 8.2 SipStack (1000-1999)"). NULL for NULL. @since 1.2 */
UCLOG_EXPORT const char *uclog_diag_ms_code_source(const uclog_diag_ms_code *c);
/**
 * How sure the source is: "spec" ([MS-OCER] gives the reason text),
 * "field" (a capture or an article quotes it), "range" (the id is published,
 * its reason text was not found), "unverified" (recalled, not found in a
 * source). NULL for NULL.
 * @since 1.2
 */
UCLOG_EXPORT const char *uclog_diag_ms_code_confidence(const uclog_diag_ms_code *c);
/**
 * 1 when the code means the call ended normally (e.g. ms-client-diagnostics
 * 51004 "Action initiated by user"): the diagnosis never turns it into a
 * failure (a refused INVITE that carries one is CALL_REJECTED with severity
 * info). 0 otherwise, -1 for NULL.
 * @since 1.2
 */
UCLOG_EXPORT int32_t uclog_diag_ms_code_normal_end(const uclog_diag_ms_code *c);
/** "ms-diagnostics", "ms-diagnostics-public", "ms-client-diagnostics" for a ::uclog_sip_diag_kind; "unknown" otherwise. @since 1.2 */
UCLOG_EXPORT const char *uclog_diag_ms_kind_name(uint32_t kind);

/**
 * The diagnostics header an evidence item cites (an ms-diagnostics entry of
 * a failure response, or an ms-client-diagnostics header quoted whole).
 * @param[out] code the ErrorId.
 * @param[out] kind a ::uclog_sip_diag_kind (look it up with
 *             uclog_diag_ms_code_lookup()).
 * @param e the evidence item.
 * @return 0; UCLOG_E_NOT_FOUND when the item cites none;
 *         UCLOG_E_INVALID_ARG for a NULL argument.
 * @since 1.2
 */
UCLOG_EXPORT int uclog_diag_evidence_ms_code(uint32_t *code, uint32_t *kind, const uclog_diag_evidence *e);

/** The run-time version of libuclog-diag, as uclog_version(). @since 1.0 */
UCLOG_EXPORT uint32_t uclog_diag_version(void);

#ifdef __cplusplus
}
#endif
#endif
