/* Private to the packet layer (packet.c, packet-framing.c, packet-msg.c, packet-bare.c).
 * Never installed. */
#ifndef UCLOG_PACKET_INTERNAL_H
#define UCLOG_PACKET_INTERNAL_H

#include <uclog/packet.h>

#include "internal.h"

#define ADDR_MAX 64

#define OPEN_TEXT_MAX 192

/* A frame's state in its iterator. */
enum { FRAME_FREE, FRAME_OPEN, FRAME_HELD, FRAME_READY, FRAME_LENT };

struct uclog_packet {
    int32_t direction;
    int has_remote, has_local, has_declared, ts_ok;
    char remote[ADDR_MAX], local[ADDR_MAX];
    size_t remote_len, local_len;
    uint32_t remote_port, local_port;
    uint64_t declared;
    uclog_str bytes;
    uclog_span bytes_span, span;
    uint32_t end_line, end_column; /* where the last record that belongs ends */
    uclog_timestamp ts;
    uint32_t pid, tid;
    int32_t level;             /* of the framing record */
    uclog_defect *defects;
    size_t ndefects, defects_cap;

    /* The frame, while its iterator reads it. */
    int state;
    uint64_t seq;              /* opening order: packets are handed out in it */
    int contents;              /* records taken as its bytes */
    int truncated, interleaved, rotated;
    uclog_span open_span;      /* its framing record */
    uint64_t held_at;          /* records read when it started waiting */
    struct uclog_packet *cont_of; /* the held packet this read may continue */
    uint64_t cont_seq;
    /* How far wants_more() read the bytes: the next line of the last
     * message's headers, or where its body starts and its Content-Length. */
    size_t scan_line, scan_body;
    int scan_started, scan_has_cl;
    uint64_t scan_cl;
    /* The opening framing line through "bytes", when it was read whole and
     * fits: an End of line that repeats it closes the packet without being
     * parsed again. A copy, since a stream's buffer moves. */
    char open_text[OPEN_TEXT_MAX];
    size_t open_text_len;
    char *buf;                 /* joined or copied bytes */
    size_t buf_len, buf_cap;
};

/* uclog_packet_iter_next(), the packet lent as the iterator's own: the
 * message iterator records on it the defect of a packet that yields no
 * message. */
/* Give the message uclog_msg_iter_next() returned last once more, on the
 * next call (it is still held: a packet's messages live until the next). */
void uclog__msg_iter_unread(uclog_msg_iter *it);
uint32_t uclog__msg_iter_flags(const uclog_msg_iter *it);
uclog_ctx *uclog__msg_iter_ctx(const uclog_msg_iter *it);

int uclog__packet_next(uclog_packet **out, uclog_packet_iter *it);

/* Add a defect to the packet; UCLOG_E_NOMEM on failure. */
int uclog__packet_defect(const uclog_ctx *ctx, uclog_packet *p, int32_t code, const uclog_span *where);

/* uclog_packet_parse_framing(), telling also where it stopped reading: after
 * "bytes" when it returns 0 (*used is set only then). */
int uclog__packet_parse_framing(int32_t *direction, int *is_end, uclog_str *remote, uint32_t *remote_port,
                                uclog_str *local, uint32_t *local_port, uint64_t *declared,
                                size_t *used, uclog_str text);

enum { UCLOG__FRAMING_NONE, UCLOG__FRAMING_OPEN, UCLOG__FRAMING_END };

/* Which framing line a record's text is, without reading its fields: what
 * uclog_packet_parse_framing() tells by UCLOG_E_NOT_FOUND and is_end. */
int uclog__packet_framing_kind(uclog_str text);

/* Advance a position over bytes, keeping line and column right. */
void uclog__packet_advance(uclog_span *pos, const char *p, size_t n);

/* ---- files of bare SIP messages (packet-bare.c) ---- */

/* One bare message: offsets into the text it was found in. */
struct uclog__bare_msg {
    int has_framing;            /* a framing line without its record header names the packet */
    size_t framing, framing_len; /* that line, its line break excluded */
    size_t start;               /* the start line */
    size_t end;                 /* the end of the message's bytes */
};

/* The next message of d[0..len) at or after from: UCLOG_OK with *m, or UCLOG_DONE. Linear in the
 * bytes it passes; the next call starts at m->end. */
int uclog__bare_next(struct uclog__bare_msg *m, const char *d, size_t len, size_t from);

#endif
