/* The SIP messages the packets carry: each packet split into its messages,
 * parsed before the first is lent; a packet that yields none counted. */
#include <uclog/packet.h>

#include "packet-internal.h"
#include "scan.h"
#include "sip-internal.h"

struct uclog_msg_iter {
    uclog_ctx *ctx;
    uclog_packet_iter *pit;
    uclog_packet *pkt;
    uclog_sip **msgs; /* the current packet's messages, parsed before the first is lent */
    size_t nmsgs, msgs_cap, next;
    int status;
    uint32_t flags;
    int started;
    int unusable_pkt;  /* the current packet yielded no message */
    uint64_t unusable;
};

int uclog_msg_iter_new(uclog_msg_iter **out, uclog_log *log)
{
    uclog_msg_iter *it;
    int rc;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!log)
        return UCLOG_E_INVALID_ARG;
    it = uclog__calloc(uclog_log_ctx(log), 1, sizeof(*it));
    if (!it)
        return UCLOG_E_NOMEM;
    it->ctx = uclog_log_ctx(log);
    rc = uclog_packet_iter_new(&it->pit, log);
    if (rc) {
        uclog__free(it->ctx, it);
        return rc;
    }
    *out = it;
    return UCLOG_OK;
}

static void drop_msgs(uclog_msg_iter *it)
{
    size_t i;
    for (i = 0; i < it->nmsgs; i++)
        uclog_sip_free(it->msgs[i]);
    it->nmsgs = it->next = 0;
}

void uclog_msg_iter_free(uclog_msg_iter *it)
{
    if (!it)
        return;
    drop_msgs(it);
    uclog__free(it->ctx, it->msgs);
    uclog_packet_iter_free(it->pit);
    uclog__free(it->ctx, it);
}


/* The packet yielded no message: a defect at its bytes (or its framing
 * record when it has none), counted. */
static int no_message(uclog_msg_iter *it, uclog_packet *p, const uclog_span *at)
{
    uclog_span where = *at;

    if (!p->bytes.len) {
        where = p->span;
        where.length = p->open_span.length;
    }
    it->unusable++;
    it->unusable_pkt = 1;
    return uclog__packet_defect(it->ctx, p, UCLOG_DEFECT_PACKET_NO_MESSAGE, &where);
}

/* Message m came after text that is not SIP: when the message before it
 * ended early by its Content-Length, that text is the rest of its body (the
 * framing wins); it is parsed again, up to m's start line. */
static int body_before(uclog_msg_iter *it, const uclog_sip *m, uclog_str b, size_t prev_off,
                       const uclog_span *prev)
{
    uclog_defect d;
    uclog_str line;
    uclog_sip *again = NULL;
    int rc;

    if (!uclog_sip_defect_count(m) || uclog_sip_defect(&d, m, 0) || d.code != UCLOG_DEFECT_SIP_TEXT_BEFORE_START)
        return UCLOG_OK;
    uclog_sip_start_line(&line, NULL, m);
    rc = uclog__sip_parse_framed(&again, it->ctx, b.ptr + prev_off, (size_t)(line.ptr - b.ptr) - prev_off, prev);
    if (rc)
        return rc;
    uclog_sip_free(it->msgs[it->nmsgs - 1]);
    it->msgs[it->nmsgs - 1] = again;
    return UCLOG_OK;
}

/* Parse every message of the packet, so that its defects are known before
 * any of its messages is lent. */
static int split_packet(uclog_msg_iter *it)
{
    uclog_packet *p = it->pkt;
    uclog_str b = p->bytes;
    uclog_span pos = p->bytes_span, prev = pos;
    size_t off = 0, last = 0, prev_off = 0;
    int rc;

    it->unusable_pkt = 0;
    while (off < b.len && !uclog__only_blanks(b.ptr + off, b.len - off)) {
        uclog_sip *m = NULL;
        uint64_t used;
        /* Lines are counted over the previous message only when another
         * follows: most packets hold one. */
        uclog__packet_advance(&pos, b.ptr + last, off - last);
        last = off;
        pos.length = b.len - off;
        rc = uclog__sip_try_parse(&m, it->ctx, b.ptr + off, b.len - off, &pos);
        if (rc == UCLOG_E_FORMAT && it->nmsgs == 0)
            return no_message(it, p, &pos);
        if (rc == UCLOG_E_FORMAT) {
            /* Not SIP after a message that Content-Length ended early: the
             * framing wins, the bytes are that message's body. */
            rc = uclog__sip_parse_framed(&m, it->ctx, b.ptr + prev_off, b.len - prev_off, &prev);
            if (rc)
                return rc;
            uclog_sip_free(it->msgs[it->nmsgs - 1]);
            it->msgs[it->nmsgs - 1] = m;
            return UCLOG_OK;
        }
        if (rc)
            return rc;
        if (it->nmsgs && (rc = body_before(it, m, b, prev_off, &prev))) {
            uclog_sip_free(m);
            return rc;
        }
        if (uclog__grow(it->ctx, (void **)&it->msgs, &it->msgs_cap, it->nmsgs + 1, sizeof(*it->msgs))) {
            uclog_sip_free(m);
            return UCLOG_E_NOMEM;
        }
        it->msgs[it->nmsgs++] = m;
        prev = pos;
        prev_off = off;
        used = uclog_sip_length(m);
        if (used == 0 || used > b.len - off)
            used = b.len - off;
        off += (size_t)used;
    }
    /* A packet cut before any message is one; blank lines alone are a
     * keep-alive. */
    if (it->nmsgs == 0 && p->truncated)
        return no_message(it, p, &p->bytes_span);
    return UCLOG_OK;
}

int uclog_msg_iter_next(const uclog_sip **msg, const uclog_packet **pkt, uclog_msg_iter *it)
{
    int rc;

    if (!msg)
        return UCLOG_E_INVALID_ARG;
    *msg = NULL;
    if (pkt)
        *pkt = NULL;
    if (!it)
        return UCLOG_E_INVALID_ARG;
    if (it->status)
        return it->status;
    it->started = 1;
    while (it->next >= it->nmsgs) {
        drop_msgs(it);
        rc = uclog__packet_next(&it->pkt, it->pit);
        if (!rc)
            rc = split_packet(it);
        if (rc) {
            drop_msgs(it);
            it->status = rc;
            return rc;
        }
        if (it->unusable_pkt && (it->flags & UCLOG_MSG_ITER_UNUSABLE)) {
            if (pkt)
                *pkt = it->pkt;
            return UCLOG_OK;
        }
    }
    *msg = it->msgs[it->next++];
    if (pkt)
        *pkt = it->pkt;
    return UCLOG_OK;
}

int uclog_msg_iter_set_flags(uclog_msg_iter *it, uint32_t flags)
{
    if (!it || (flags & ~(uint32_t)UCLOG_MSG_ITER_UNUSABLE))
        return UCLOG_E_INVALID_ARG;
    if (it->started)
        return UCLOG_E_STATE;
    it->flags = flags;
    return UCLOG_OK;
}

uint64_t uclog_msg_iter_unusable_count(const uclog_msg_iter *it)
{
    return it ? it->unusable : 0;
}

void uclog__msg_iter_unread(uclog_msg_iter *it)
{
    it->next--;
}

uint32_t uclog__msg_iter_flags(const uclog_msg_iter *it)
{
    return it->flags;
}

uclog_ctx *uclog__msg_iter_ctx(const uclog_msg_iter *it)
{
    return it->ctx;
}
