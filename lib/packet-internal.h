/* Private interface of the packet layer: where the messages of a file of bare SIP messages are
 * (packet-bare.c), for the packet iterator (packet.c). */
#ifndef UCLOG_PACKET_INTERNAL_H
#define UCLOG_PACKET_INTERNAL_H

#include "internal.h"

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
