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
 * A file of bare SIP messages (::UCLOG_FILE_KIND_SIP, since 1.3) has no
 * framing records: each message is a packet of its own, from its start
 * line through its Content-Length (never past the next start line or
 * framing line; to it when there is no Content-Length), with no time and
 * no thread. A framing line written without its record header
 * (`Sending Packet - …`) gives the packet after it its direction,
 * addresses and byte count; otherwise its direction is
 * `UCLOG_DIRECTION_UNKNOWN` and uclog_packet_remote() says
 * UCLOG_E_NOT_FOUND.
 *
 * Lifetimes: a packet and a message handed out by an iterator are lent
 * until the next call on that iterator. Their views point into the log's
 * bytes (valid until uclog_log_free(); for a stream, until the next call)
 * or, for a packet whose bytes had to be joined, into the iterator.
 *
 * Zero-copy, except where decoding needs a copy: the iterator copies a
 * packet's bytes only when they are not contiguous in the log, that is for
 * a stream (whose buffer moves) and for a body the log damaged: a message
 * logged as two reads (::UCLOG_DEFECT_PACKET_JOINED), a packet cut by the
 * rotation of the log (::UCLOG_DEFECT_PACKET_ROTATED), a message whose
 * records of its own thread have another thread's records between them
 * (::UCLOG_DEFECT_PACKET_HEADER_INSIDE). The positions of such bytes
 * (uclog_packet_bytes_span(), the spans of its messages) count them as if
 * they followed each other from the first byte on; the defect tells where
 * each later part really is.
 *
 * Threads: records carry PID:TID, and each thread's frame is followed on
 * its own; a packet is handed out once complete, in the order the framing
 * records were written. Memory stays bounded: at most 16 frames are open at
 * once (one more ends the oldest, as truncated), a frame takes records of
 * its thread only until its declared byte count (capped at
 * ::UCLOG_LIMIT_MAX_RECORD_BYTES) is reached, and a received packet waits
 * for a continuation read only until its thread's next record (or 64
 * records of others), and only while the joined bytes stay under that cap.
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
    UCLOG_DEFECT_PACKET_LEFTOVER = 103,    /**< bytes after the last message that are not SIP (since 1.2 the message iterator makes them that message's body: ::UCLOG_DEFECT_SIP_BODY_BEYOND_LENGTH) */
    UCLOG_DEFECT_PACKET_END_MISMATCH = 104, /**< the `End of …` record names another direction, address or count */
    /** The message went on in the next `Data Received` read with the same
     * addresses (a read without a start line; of the same thread, or of
     * another one when a read completed there): the reads are joined into
     * one packet. At the later read's framing record. @since 1.2 */
    UCLOG_DEFECT_PACKET_JOINED = 105,
    /** A line of the packet's own thread with a record header's shape came
     * before the declared byte count was reached: it is kept as part of the
     * bytes (a body quoting the log). At that line. @since 1.2 */
    UCLOG_DEFECT_PACKET_HEADER_INSIDE = 106,
    /** Another thread framed a packet inside this one's frame: each thread's
     * records went to its own packet. At the other packet's framing record.
     * @since 1.2 */
    UCLOG_DEFECT_PACKET_INTERLEAVED = 107,
    /** The packet went on at the start of the next file of a rotated set:
     * the parts are joined. At the first byte read from the later file.
     * @since 1.2 */
    UCLOG_DEFECT_PACKET_ROTATED = 108,
    /** The packet yields no SIP message: its bytes are not SIP, or it was
     * cut before any (a packet of blank lines, a keep-alive, is not this).
     * At its bytes, or at its framing record when it has none. @since 1.2 */
    UCLOG_DEFECT_PACKET_NO_MESSAGE = 109
};

/**
 * Start iterating the packets of a log.
 * @param[out] out owned by the caller (uclog_packet_iter_free()), to be
 *             freed before the log.
 * @param log the log.
 * @return 0, UCLOG_E_NOMEM, UCLOG_E_INVALID_ARG, UCLOG_E_STATE (a stream
 *         already read).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_packet_iter_new(uclog_packet_iter **out, uclog_log *log);

/**
 * The next packet. Records that are not part of a packet are skipped.
 * @param[out] out lent until the next call on @p it.
 * @param it the iterator.
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
 * Both out-parameters are optional.
 * @param[out] address lent; valid as long as the packet.
 * @param[out] port the port.
 * @param pkt the packet.
 * @return 0, or ::UCLOG_E_NOT_FOUND when the framing line did not give them;
 *         ::UCLOG_E_INVALID_ARG without a packet.
 * @since 1.3
 */
UCLOG_EXPORT int uclog_packet_remote_endpoint(uclog_str *address, uint16_t *port,
                                              const uclog_packet *pkt);

/** The local address and port, as uclog_packet_remote_endpoint(). @since 1.3 */
UCLOG_EXPORT int uclog_packet_local_endpoint(uclog_str *address, uint16_t *port,
                                             const uclog_packet *pkt);

/**
 * The remote address and port, as uclog_packet_remote_endpoint().
 * @deprecated since 1.3, use uclog_packet_remote_endpoint(): a port is a uint16_t in every call
 *             of the library.
 * @since 1.0
 */
UCLOG_EXPORT UCLOG_DEPRECATED int uclog_packet_remote(uclog_str *address, uint32_t *port,
                                                      const uclog_packet *pkt);

/**
 * The local address and port, as uclog_packet_local_endpoint().
 * @deprecated since 1.3, use uclog_packet_local_endpoint(): a port is a uint16_t in every call
 *             of the library.
 * @since 1.0
 */
UCLOG_EXPORT UCLOG_DEPRECATED int uclog_packet_local(uclog_str *address, uint32_t *port,
                                                     const uclog_packet *pkt);

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

/**
 * The framing record's process id, as uclog_record_pid() gives it.
 * @param pkt the packet.
 * @return the process id; 0 for NULL or a bare SIP packet (one that no
 *         record framed).
 * @since 1.3
 */
UCLOG_EXPORT uint32_t uclog_packet_pid(const uclog_packet *pkt);

/**
 * The trace level of the packet's framing record (the `Sending Packet` or
 * `Data Received` record), as uclog_record_level() gives it: what
 * `uclog-dump --level` filters messages by. No record need be read again.
 * @param pkt the packet; it and the value live as uclog_packet_tid()'s.
 * @return a ::uclog_level value; ::UCLOG_LEVEL_UNKNOWN for NULL, for a
 *         framing record without a header, and for a bare SIP packet.
 * @since 1.3
 */
UCLOG_EXPORT int32_t uclog_packet_level(const uclog_packet *pkt);

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
 * @param[out] remote the remote address (a view into @p text).
 * @param[out] remote_port the remote port.
 * @param[out] local the local address (a view into @p text).
 * @param[out] local_port the local port.
 * @param[out] declared the byte count the line declares.
 * @param text the framing line.
 * @return 0 when the line is a framing line (with what could be read);
 *         UCLOG_E_NOT_FOUND when it is not one; UCLOG_E_FORMAT when it
 *         starts like one but its addresses or count are unreadable.
 * @since 1.3
 */
UCLOG_EXPORT int uclog_packet_framing_parse(int32_t *direction, int *is_end, uclog_str *remote,
                                            uint16_t *remote_port, uclog_str *local,
                                            uint16_t *local_port, uint64_t *declared, uclog_str text);

/**
 * As uclog_packet_framing_parse(), ports as uint32_t.
 * @deprecated since 1.3, use uclog_packet_framing_parse(): a port is a
 *             uint16_t, and the verb comes last, in every call of the library.
 * @since 1.0
 */
UCLOG_EXPORT UCLOG_DEPRECATED int uclog_packet_parse_framing(int32_t *direction, int *is_end,
                                                             uclog_str *remote, uint32_t *remote_port,
                                                             uclog_str *local, uint32_t *local_port,
                                                             uint64_t *declared, uclog_str text);

/**
 * Start iterating the SIP messages of a log: every message of every packet,
 * a packet holding several back to back split by their Content-Length.
 * @param[out] out owned by the caller (uclog_msg_iter_free()), to be
 *             freed before the log.
 * @param log the log.
 * @return as uclog_packet_iter_new().
 * @since 1.0
 */
UCLOG_EXPORT int uclog_msg_iter_new(uclog_msg_iter **out, uclog_log *log);

/**
 * The next message and the packet it came in.
 * @param[out] msg the parsed message, lent until the next call on @p it;
 *                 its spans are positions in the log.
 * @param[out] pkt its packet, lent likewise. Optional.
 * @param it the iterator.
 * @return 0, UCLOG_DONE, or a negative error (sticky). Packets that hold
 *         no SIP message yield nothing: keep-alives silently, others with
 *         the defect UCLOG_DEFECT_PACKET_NO_MESSAGE, counted by
 *         uclog_msg_iter_unusable_count() (and handed out, with `*msg`
 *         NULL, under ::UCLOG_MSG_ITER_UNUSABLE). Bytes after a message that
 *         are not SIP mean its Content-Length was smaller than the framed
 *         bytes: the framing wins, and its body runs to the next message's
 *         start line or the end of the packet
 *         (UCLOG_DEFECT_SIP_BODY_BEYOND_LENGTH on the message).
 * @since 1.0
 */
UCLOG_EXPORT int uclog_msg_iter_next(const uclog_sip **msg, const uclog_packet **pkt,
                                     uclog_msg_iter *it);

/** Flags of uclog_msg_iter_set_flags(). */
enum uclog_msg_iter_flag {
    /** Also hand out every packet that yields no SIP message (defect
     * ::UCLOG_DEFECT_PACKET_NO_MESSAGE): uclog_msg_iter_next() returns 0
     * with `*msg` NULL and `*pkt` that packet. */
    UCLOG_MSG_ITER_UNUSABLE = 1
};

/**
 * Set the flags of a message iterator (::uclog_msg_iter_flag values, or'ed),
 * before its first uclog_msg_iter_next().
 * @return 0; UCLOG_E_INVALID_ARG for a NULL iterator or an unknown flag;
 *         UCLOG_E_STATE once the iterator has been read.
 * @since 1.2
 */
UCLOG_EXPORT int uclog_msg_iter_set_flags(uclog_msg_iter *it, uint32_t flags);

/**
 * How many packets read so far yielded no SIP message (each has the defect
 * ::UCLOG_DEFECT_PACKET_NO_MESSAGE; keep-alives are not counted). Without
 * ::UCLOG_MSG_ITER_UNUSABLE those packets are passed over, and this count is
 * how a program learns of them; read it after UCLOG_DONE for the whole log.
 * @return the count; 0 for NULL.
 * @since 1.2
 */
UCLOG_EXPORT uint64_t uclog_msg_iter_unusable_count(const uclog_msg_iter *it);

/** Bits of uclog_msg_fields::flags. @since 1.3 */
enum uclog_msg_fields_flag {
    /** The message is a request (else a response). */
    UCLOG_MSG_FIELDS_REQUEST = 1,
    /** It has a Call-ID: `call_id_offset`/`call_id_length` are set. */
    UCLOG_MSG_FIELDS_CALL_ID = 2,
    /** It has a readable CSeq: `cseq` and the `cseq_method_` pair are set. */
    UCLOG_MSG_FIELDS_CSEQ = 4,
    /** Its packet has a timestamp: `epoch_ms` is set. */
    UCLOG_MSG_FIELDS_TIMESTAMP = 8
};

/**
 * What uclog_msg_iter_next_batch() tells of one message: the fields most
 * programs read of every message, as numbers, with its texts as offsets
 * into the batch's text buffer. Fields a later minor release adds go at
 * the end; a caller passes `sizeof(uclog_msg_fields)` as it was compiled,
 * and the library fills no more than that (ABI.md).
 * @since 1.3
 */
typedef struct uclog_msg_fields {
    uclog_span span;          /**< the message in the log (uclog_sip_span()) */
    int64_t epoch_ms;         /**< its packet's time (::UCLOG_MSG_FIELDS_TIMESTAMP) */
    uint32_t flags;           /**< ::uclog_msg_fields_flag bits */
    int32_t direction;        /**< its packet's (uclog_packet_direction()) */
    uint32_t status;          /**< a response's status code; 0 for a request */
    uint32_t cseq;            /**< the CSeq number (::UCLOG_MSG_FIELDS_CSEQ) */
    uint32_t call_id_offset;  /**< the Call-ID's value in the text buffer */
    uint32_t call_id_length;  /**< its length in bytes */
    uint32_t cseq_method_offset; /**< the CSeq's method in the text buffer */
    uint32_t cseq_method_length; /**< its length in bytes */
    uint32_t method_offset;   /**< a request's method (start line) in the text buffer */
    uint32_t method_length;   /**< its length in bytes; 0 for a response */
    uint32_t reserved[2];     /**< always 0 */
} uclog_msg_fields;

/**
 * The next messages of the iterator, up to @p cap of them, with their
 * Call-ID, CSeq, method, status, direction and time, in one call: what a
 * binding reads of every message without one foreign call per field.
 * The texts are copied into @p text (not 0-terminated; an offset and a
 * length in each entry), so nothing here is lent: the entries stay valid
 * after the next call. A batch ends early when the next message's texts
 * would not fit in what is left of @p text; that message is the first of
 * the next batch. Packets that yield no message are passed over, as
 * uclog_msg_iter_next() does without ::UCLOG_MSG_ITER_UNUSABLE (and
 * counted by uclog_msg_iter_unusable_count()). Calls to uclog_msg_iter_next()
 * and to this function may be mixed.
 * @param[out] out @p cap entries of @p entry_size bytes each.
 * @param[out] count how many entries were filled (0 with UCLOG_DONE).
 * @param[out] text the buffer the texts are copied into.
 * @param it the iterator (without ::UCLOG_MSG_ITER_UNUSABLE).
 * @param cap the number of entries of @p out (at least 1).
 * @param entry_size `sizeof(uclog_msg_fields)` as the caller was compiled;
 *        at least the 1.3 size (88 bytes), a multiple of 8; entries are
 *        this far apart, and the library writes only the fields it knows.
 * @param text_cap the bytes of @p text (at most 2^32 - 1 are used).
 * @return 0 with at least one entry; UCLOG_DONE with none; a negative error
 *         from the iterator (sticky, as uclog_msg_iter_next(); after a
 *         batch of entries, it comes with the next call); UCLOG_E_RANGE
 *         (not sticky, nothing consumed) when the first message's texts do
 *         not fit in @p text: call again with a larger buffer;
 *         UCLOG_E_INVALID_ARG for a NULL pointer, @p cap 0 or a bad
 *         @p entry_size; UCLOG_E_STATE under ::UCLOG_MSG_ITER_UNUSABLE.
 * @since 1.3
 */
UCLOG_EXPORT int uclog_msg_iter_next_batch(uclog_msg_fields *out, uint32_t *count, char *text,
                                           uclog_msg_iter *it, uint32_t cap, size_t entry_size,
                                           size_t text_cap);

/** Free a message iterator. NULL is accepted. @since 1.0 */
UCLOG_EXPORT void uclog_msg_iter_free(uclog_msg_iter *it);

#ifdef __cplusplus
}
#endif
#endif
