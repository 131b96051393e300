/**
 * @file uclog/packet.h
 * @brief SIP traffic in a log: packets and the messages they carry.
 *
 * The client frames what it sends and receives as
 * ```
 * <hdr> INFO  :: Sending Packet - <remote>:<port> (From Local Address: <local>:<port>) <N> bytes:
 * <hdr> INFO  :: <SIP start line>
 * <headers, body…>
 * <hdr> INFO  :: End of Sending Packet - <remote>:<port> (From Local Address: …) <N> bytes
 * ```
 * and the same with `Data Received` / `To Local Address` for what it
 * receives. A packet's bytes run from the start line's text to the `End of`
 * record, without the line break the client adds before that record when
 * the message does not end in one (the declared byte count tells which).
 *
 * Lifetimes: a packet and a message handed out by an iterator are lent
 * until the next call on that iterator. Their views point into the log's
 * bytes (valid until uclog_log_free(); for a stream, until the next call)
 * or, for a packet whose bytes had to be joined, into the iterator.
 */
#ifndef UCLOG_PACKET_H
#define UCLOG_PACKET_H

#include <uclog/common.h>
#include <uclog/errors.h>
#include <uclog/log.h>
#include <uclog/sip.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A cursor over the packets of a log. */
typedef struct uclog_packet_iter uclog_packet_iter;
/** One packet; lent by its iterator. */
typedef struct uclog_packet uclog_packet;
/** A cursor over the SIP messages of a log. */
typedef struct uclog_msg_iter uclog_msg_iter;

/** Direction of a packet, seen from the client that wrote the log. */
enum uclog_direction {
    UCLOG_DIRECTION_UNKNOWN = 0,
    UCLOG_DIRECTION_SENT = 1,     /**< "Sending Packet" */
    UCLOG_DIRECTION_RECEIVED = 2  /**< "Data Received" */
};

/** Packet defects (100-199). */
enum uclog_packet_defect {
    UCLOG_DEFECT_PACKET_BYTE_COUNT = 100,  /**< the declared byte count differs from the bytes */
    UCLOG_DEFECT_PACKET_TRUNCATED = 101,   /**< no `End of …` record: ends at the next record that cannot belong */
    UCLOG_DEFECT_PACKET_FRAMING = 102,     /**< the framing line's addresses or count could not be read */
    UCLOG_DEFECT_PACKET_LEFTOVER = 103,    /**< bytes after the last message that are not SIP */
    UCLOG_DEFECT_PACKET_END_MISMATCH = 104 /**< the `End of …` record names another direction, address or count */
};

/**
 * Start iterating the packets of a log.
 * @param[out] out owned by the caller (uclog_packet_iter_free()), to be
 *             freed before the log.
 * @return 0, UCLOG_E_NOMEM, UCLOG_E_INVALID_ARG, UCLOG_E_STATE (a stream
 *         already read).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_packet_iter_new(uclog_packet_iter **out, uclog_log *log);

/**
 * The next packet. Records that are not part of a packet are skipped.
 * @param[out] out lent until the next call on @p it.
 * @return 0, UCLOG_DONE, or a negative error (sticky).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_packet_iter_next(const uclog_packet **out, uclog_packet_iter *it);

/** Free a packet iterator. NULL is accepted. @since 1.0 */
UCLOG_EXPORT void uclog_packet_iter_free(uclog_packet_iter *it);

/** A ::uclog_direction value. @since 1.0 */
UCLOG_EXPORT int32_t uclog_packet_direction(const uclog_packet *pkt);

/**
 * The remote address (IPv4 or IPv6 text, brackets removed) and port.
 * @return 0, or UCLOG_E_NOT_FOUND when the framing line did not give them.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_packet_remote(uclog_str *address, uint32_t *port, const uclog_packet *pkt);

/** The local address and port, as uclog_packet_remote(). @since 1.0 */
UCLOG_EXPORT int uclog_packet_local(uclog_str *address, uint32_t *port, const uclog_packet *pkt);

/**
 * The byte count the framing line declares.
 * @return 0, or UCLOG_E_NOT_FOUND.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_packet_declared_bytes(uint64_t *out, const uclog_packet *pkt);

/** The packet's bytes (the SIP messages it carries). @since 1.0 */
UCLOG_EXPORT void uclog_packet_bytes(uclog_str *out, const uclog_packet *pkt);

/**
 * Where the packet's bytes are (offset, line and column of their first
 * byte, their length, the file).
 * @since 1.0
 */
UCLOG_EXPORT void uclog_packet_bytes_span(uclog_span *out, const uclog_packet *pkt);

/**
 * Where the whole packet is: from the framing record through the `End of`
 * record (or the last record that belongs to it).
 * @since 1.0
 */
UCLOG_EXPORT void uclog_packet_span(uclog_span *out, const uclog_packet *pkt);

/**
 * The framing record's timestamp.
 * @return 0, or UCLOG_E_NOT_FOUND.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_packet_timestamp(uclog_timestamp *out, const uclog_packet *pkt);

/** The framing record's thread id. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_packet_tid(const uclog_packet *pkt);

/** Number of defects of the packet. @since 1.0 */
UCLOG_EXPORT uint32_t uclog_packet_defect_count(const uclog_packet *pkt);

/**
 * Defect @p i of the packet.
 * @return 0, or UCLOG_E_RANGE.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_packet_defect(uclog_defect *out, const uclog_packet *pkt, uint32_t i);

/**
 * Read a framing line (the text after `::` of a `Sending Packet` or
 * `Data Received` record, or of an `End of …` record).
 * @param[out] direction a ::uclog_direction value.
 * @param[out] is_end    1 for an `End of …` line.
 * All out-parameters are optional.
 * @return 0 when the line is a framing line (with what could be read);
 *         UCLOG_E_NOT_FOUND when it is not one; UCLOG_E_FORMAT when it
 *         starts like one but its addresses or count are unreadable.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_packet_parse_framing(int32_t *direction, int *is_end, uclog_str *remote,
                                            uint32_t *remote_port, uclog_str *local,
                                            uint32_t *local_port, uint64_t *declared, uclog_str text);

/**
 * Start iterating the SIP messages of a log: every message of every packet,
 * a packet holding several back to back split by their Content-Length.
 * @param[out] out owned by the caller (uclog_msg_iter_free()), to be
 *             freed before the log.
 * @return as uclog_packet_iter_new().
 * @since 1.0
 */
UCLOG_EXPORT int uclog_msg_iter_new(uclog_msg_iter **out, uclog_log *log);

/**
 * The next message and the packet it came in.
 * @param[out] msg the parsed message, lent until the next call on @p it;
 *                 its spans are positions in the log.
 * @param[out] pkt its packet, lent likewise. Optional.
 * @return 0, UCLOG_DONE, or a negative error (sticky). Packets that hold
 *         no SIP message (keep-alives) yield nothing; bytes that are not
 *         SIP are a UCLOG_DEFECT_PACKET_LEFTOVER defect of their packet.
 * @since 1.0
 */
UCLOG_EXPORT int uclog_msg_iter_next(const uclog_sip **msg, const uclog_packet **pkt,
                                     uclog_msg_iter *it);

/** Free a message iterator. NULL is accepted. @since 1.0 */
UCLOG_EXPORT void uclog_msg_iter_free(uclog_msg_iter *it);

#ifdef __cplusplus
}
#endif
#endif
