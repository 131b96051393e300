/**
 * @file uclog/index.h
 * @brief An opt-in index of a log's SIP messages: calls (by Call-ID) and
 * transactions (responses matched to their requests).
 *
 * Building it reads the whole log once. Its memory is in proportion to the
 * number of messages (144 bytes per message, 4 more per message with a
 * Call-ID and per response matched to a request, and about 50 per Call-ID;
 * while it is built, a table of transactions, 8 to 16 bytes per request, a
 * table of distinct responses, 8 to 16 bytes per response, and 20 to 40
 * bytes per message for telling retransmissions, all freed when it is done:
 * about 230 bytes per message in all at the peak on
 * the benchmark's log, measured by uclog-bench; plus each distinct packet
 * address once, and a copy of any message whose packet had to be joined),
 * never to the size of the log. It needs a log whose bytes stay in memory:
 * one opened from files or a buffer, not from a stream.
 *
 * Time: building costs O(1) per message, however many messages one call
 * has (a response finds its request through the table of transactions);
 * a response's request, a request's k-th or final response, a call's
 * k-th message, a retransmission's first sending and a transaction's
 * timings are then read in constant time.
 *
 * Lifetimes: views returned point into the log's bytes or into the index;
 * they stay valid until uclog_index_free(), which must come before
 * uclog_log_free().
 */
#ifndef UCLOG_INDEX_H
#define UCLOG_INDEX_H

#include <uclog/common.h>
#include <uclog/errors.h>
#include <uclog/log.h>
#include <uclog/sip.h>
#include <uclog/packet.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The index. */
typedef struct uclog_index uclog_index;

/**
 * Index every SIP message of a log.
 * @param[out] out owned by the caller (uclog_index_free()).
 * @param log the log.
 * @return 0; UCLOG_E_STATE for a stream; UCLOG_E_NOMEM; UCLOG_E_INVALID_ARG;
 *         UCLOG_E_LIMIT (since 1.1) for a message of over 4 GiB, which only a
 *         UCLOG_LIMIT_MAX_RECORD_BYTES raised past 4 GiB lets through: the
 *         index keeps 32-bit offsets into each message.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_index_build(uclog_index **out, uclog_log *log);

/**
 * Filter for uclog_index_build_filtered(): return non-zero to keep the
 * message. Both arguments are lent for the call only.
 *
 * The contract a filter may rely on: it is called exactly once for every
 * SIP message of the log, in log order (the order uclog_msg_iter_next()
 * gives), before the next message is read; a message it keeps gets the
 * next message number, so the n-th message kept is message n - 1 of the
 * index. A filter may therefore keep its own per-message state numbered
 * like the index (the diagnosis does).
 */
typedef int (*uclog_index_filter_fn)(const uclog_sip *msg, const uclog_packet *pkt, void *userdata);

/**
 * Index only the SIP messages @p keep accepts (all when it is NULL), so that
 * a tool that needs a few kinds of messages pays memory only for those.
 * Message numbers count the kept messages. Calls and request/response
 * matching work among the kept messages.
 * @return as uclog_index_build().
 * @since 1.0
 */
UCLOG_EXPORT int uclog_index_build_filtered(uclog_index **out, uclog_log *log, uclog_index_filter_fn keep,
                                            void *userdata);

/** How many packets uclog_index_unusable_span() places (the first ones). @since 1.2 */
#define UCLOG_INDEX_UNUSABLE_KEPT 64

/**
 * How many packets of the log yielded no SIP message (each with the defect
 * UCLOG_DEFECT_PACKET_NO_MESSAGE; keep-alives are not counted): the index
 * skips none silently. The filter is not called for them.
 * @return the count; 0 for NULL.
 * @since 1.2
 */
UCLOG_EXPORT uint64_t uclog_index_unusable_count(const uclog_index *idx);

/**
 * Where unusable packet @p i is (uclog_packet_span()), for the first
 * ::UCLOG_INDEX_UNUSABLE_KEPT of them: the index keeps no more, so that its
 * memory follows the messages it keeps.
 * @return 0; UCLOG_E_RANGE past the count or the kept ones; UCLOG_E_INVALID_ARG.
 * @since 1.2
 */
UCLOG_EXPORT int uclog_index_unusable_span(uclog_span *out, const uclog_index *idx, uint32_t i);

/** Free an index. NULL is accepted. @since 1.0 */
UCLOG_EXPORT void uclog_index_free(uclog_index *idx);

/** Number of SIP messages, in log order. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_index_message_count(const uclog_index *idx);

/**
 * Parse message @p i again, for everything the index does not keep: as
 * its packet gave it (where the packet's framing held a longer body than
 * Content-Length says, the framing wins, as in uclog_msg_iter_next(); since
 * 1.3, before which Content-Length did here). Text before the start line
 * is the packet's and gives no defect here.
 * @param[out] out owned by the caller (uclog_sip_free()); its views point
 *             into the log's bytes (or the index's copy).
 * @param idx the index.
 * @param i the message's number in the index, from 0.
 * @return 0, UCLOG_E_RANGE, UCLOG_E_NOMEM.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_index_message_parse(uclog_sip **out, const uclog_index *idx, uint32_t i);

/** A ::uclog_direction value of message @p i (0 when out of range). @since 1.0 */
UCLOG_EXPORT int32_t uclog_index_message_direction(const uclog_index *idx, uint32_t i);

/**
 * Where message @p i is in the log.
 * @return 0, UCLOG_E_RANGE.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_index_message_span(uclog_span *out, const uclog_index *idx, uint32_t i);

/**
 * The local and remote address and port of the packet that carried message
 * @p i (the client's side and the server's side). All out-parameters are
 * optional.
 * @return 0, UCLOG_E_NOT_FOUND (the framing line did not give them),
 *         UCLOG_E_RANGE.
 * @since 1.3
 */
UCLOG_EXPORT int uclog_index_message_endpoints(uclog_str *local, uint16_t *local_port, uclog_str *remote,
                                               uint16_t *remote_port, const uclog_index *idx, uint32_t i);

/**
 * As uclog_index_message_endpoints(), ports as uint32_t.
 * @deprecated since 1.3, use uclog_index_message_endpoints(): a port is a uint16_t in every call
 *             of the library.
 * @since 1.0
 */
UCLOG_EXPORT UCLOG_DEPRECATED int uclog_index_message_addresses(uclog_str *local, uint32_t *local_port,
                                                                uclog_str *remote, uint32_t *remote_port,
                                                                const uclog_index *idx, uint32_t i);

/**
 * The timestamp of the record that framed message @p i.
 * @return 0, UCLOG_E_NOT_FOUND, UCLOG_E_RANGE.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_index_message_timestamp(uclog_timestamp *out, const uclog_index *idx, uint32_t i);

/**
 * The Call-ID of message @p i.
 * @return 0, UCLOG_E_NOT_FOUND (no Call-ID), UCLOG_E_RANGE.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_index_message_call_id(uclog_str *out, const uclog_index *idx, uint32_t i);

/**
 * The CSeq of message @p i. Both out-parameters are optional.
 * @return 0, UCLOG_E_NOT_FOUND, UCLOG_E_RANGE.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_index_message_cseq(uint32_t *number, uclog_str *method, const uclog_index *idx,
                                          uint32_t i);

/** What a message is, for uclog_index_message_type(). @since 1.3 */
enum uclog_index_message_type {
    UCLOG_INDEX_RESPONSE = 0, /**< a SIP response */
    UCLOG_INDEX_REQUEST = 1   /**< a SIP request */
};

/**
 * Whether message @p i is a request or a response, with the method of a
 * request or the status code of a response. Every out-parameter is
 * optional; for a request @p status is 0, for a response @p method is
 * `{NULL, 0}`.
 * @param[out] type a ::uclog_index_message_type.
 * @param[out] method lent; valid as long as the index.
 * @param[out] status the status code of a response.
 * @param idx the index.
 * @param i the message's number, from 0.
 * @return 0, ::UCLOG_E_INVALID_ARG (no index), ::UCLOG_E_RANGE.
 * @since 1.3
 */
UCLOG_EXPORT int uclog_index_message_type(int32_t *type, uclog_str *method, uint32_t *status,
                                          const uclog_index *idx, uint32_t i);

/**
 * The method of a request, or the status code of a response. Both
 * out-parameters are optional.
 * @return 1 for a request, 0 for a response, UCLOG_E_RANGE.
 * @deprecated since 1.3, use uclog_index_message_type(), which returns 0 or
 *             an error as every call of the library does.
 * @since 1.0
 */
UCLOG_EXPORT UCLOG_DEPRECATED int uclog_index_message_kind(uclog_str *method, uint32_t *status,
                                                           const uclog_index *idx, uint32_t i);

/**
 * The request that response @p i answers: the latest earlier request with
 * the same Call-ID, CSeq number and CSeq method, going the other way.
 * @return 0, UCLOG_E_NOT_FOUND (no such request, or @p i is a request),
 *         UCLOG_E_RANGE.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_index_request_of(uint32_t *request, const uclog_index *idx, uint32_t i);

/**
 * Number of responses (provisional and final) matched to request @p i.
 * BENOTIFY gets none by design.
 * @since 1.0
 */
UCLOG_EXPORT uint32_t uclog_index_response_count(const uclog_index *idx, uint32_t i);

/**
 * Response @p k of request @p i, in log order.
 * @return 0, UCLOG_E_RANGE.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_index_response(uint32_t *response, const uclog_index *idx, uint32_t i, uint32_t k);

/**
 * The final (>= 200) response to request @p i, the last one when several.
 * @return 0, UCLOG_E_NOT_FOUND, UCLOG_E_RANGE.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_index_final_response(uint32_t *response, const uclog_index *idx, uint32_t i);

/**
 * @name Retransmissions and timings (since 1.3)
 *
 * A request is a retransmission when an earlier request went the same way
 * with the same Call-ID, CSeq number and method and top Via `branch` (or
 * neither had a branch) and no other request of that CSeq came between in
 * that direction. A response is a retransmission when an earlier response
 * to the same transaction went the same way with the same status code, top
 * Via `branch` and To `tag` (absent on both counts as the same). A
 * transaction is a request's first sending with its retransmissions; its
 * responses are those matched to any of them (uclog_index_request_of()).
 *
 * Retransmissions stay indexed as messages (in their call, among their
 * request's responses, and a retransmitted request gets its own responses
 * as uclog_index_request_of() matches them): these calls tell them apart.
 * Timings are differences of the records' timestamps, in milliseconds, and
 * may be negative when a log's clock went back.
 * @{
 */

/** A timing that is not known: no such response, or a timestamp missing. @since 1.3 */
#define UCLOG_INDEX_NO_TIME INT64_MIN

/**
 * Whether message @p i is a retransmission, and of which message.
 * @param[out] of the earlier message that @p i sends again: for a request,
 *             its first sending; for a response, the first response like it.
 *             Untouched unless 0 is returned.
 * @param idx the index.
 * @param i the message's number, from 0.
 * @return 0 for a retransmission; ::UCLOG_E_NOT_FOUND for a message sent
 *         for the first time; ::UCLOG_E_RANGE; ::UCLOG_E_INVALID_ARG (no
 *         @p of or no index).
 * @since 1.3
 */
UCLOG_EXPORT int uclog_index_message_retransmits(uint32_t *of, const uclog_index *idx, uint32_t i);

/**
 * The time from the first sending of a response's request to response
 * @p i.
 * @param[out] ms milliseconds; ::UCLOG_INDEX_NO_TIME unless 0 is returned.
 * @param idx the index.
 * @param i the message's number, from 0.
 * @return 0; ::UCLOG_E_NOT_FOUND for a request, a response matched to no
 *         request, or a timestamp missing; ::UCLOG_E_RANGE;
 *         ::UCLOG_E_INVALID_ARG (no @p ms or no index).
 * @since 1.3
 */
UCLOG_EXPORT int uclog_index_message_since_request(int64_t *ms, const uclog_index *idx, uint32_t i);

/**
 * The timings of the transaction of request @p i (its first sending or a
 * retransmission of it), from its first sending: to its first provisional
 * (1xx) response and to its first final (>= 200) response. Repeated
 * responses do not move them. Both out-parameters are optional; each is
 * ::UCLOG_INDEX_NO_TIME when not known (no such response, a timestamp
 * missing, or an error).
 * @param[out] provisional_ms milliseconds to the first 1xx.
 * @param[out] final_ms milliseconds to the first final response.
 * @param idx the index.
 * @param i the request's number, from 0.
 * @return 0; ::UCLOG_E_NOT_FOUND when @p i is a response; ::UCLOG_E_RANGE;
 *         ::UCLOG_E_INVALID_ARG (no index).
 * @since 1.3
 */
UCLOG_EXPORT int uclog_index_transaction_timing(int64_t *provisional_ms, int64_t *final_ms,
                                                const uclog_index *idx, uint32_t i);

/**
 * How many messages of the transaction of request @p i are
 * retransmissions: its request sent again and its responses received (or
 * sent) again.
 * @param idx the index.
 * @param i the request's number (its first sending or a retransmission).
 * @return the count; 0 for a response, out of range or no index.
 * @since 1.3
 */
UCLOG_EXPORT uint32_t uclog_index_transaction_retransmissions(const uclog_index *idx, uint32_t i);

/** @} */

/** Number of distinct Call-IDs. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_index_call_count(const uclog_index *idx);

/**
 * Find a call by its Call-ID (compared exactly).
 * @return 0, UCLOG_E_NOT_FOUND.
 * @since 1.3 (as uclog_index_find_call() since 1.0)
 */
UCLOG_EXPORT int uclog_index_call_find(uint32_t *call, const uclog_index *idx, const char *call_id,
                                       size_t len);

/**
 * As uclog_index_call_find().
 * @deprecated since 1.3, use uclog_index_call_find(): `find` comes last in
 *             the library's names.
 * @since 1.0
 */
UCLOG_EXPORT UCLOG_DEPRECATED int uclog_index_find_call(uint32_t *call, const uclog_index *idx,
                                                        const char *call_id, size_t len);

/**
 * The Call-ID of call @p c.
 * @return 0, UCLOG_E_RANGE.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_index_call_id(uclog_str *out, const uclog_index *idx, uint32_t c);

/** Number of messages of call @p c. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_index_call_message_count(const uclog_index *idx, uint32_t c);

/**
 * Message @p k of call @p c, in log order.
 * @return 0, UCLOG_E_RANGE.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_index_call_message(uint32_t *message, const uclog_index *idx, uint32_t c,
                                          uint32_t k);

#ifdef __cplusplus
}
#endif
#endif
