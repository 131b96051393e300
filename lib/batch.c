/* Batches: the fields of many records or messages in one call, copied out
 * as numbers (and a message's texts into the caller's buffer), for callers
 * that pay per foreign call (bindings). */
#include <string.h>

#include <uclog/log.h>
#include <uclog/packet.h>
#include <uclog/sip.h>

#include "internal.h"
#include "packet-internal.h"

UCLOG__STATIC_ASSERT(sizeof(uclog_msg_fields) == 88, msg_fields_size_1_3);
UCLOG__STATIC_ASSERT(sizeof(uclog_record_fields) == 64, record_fields_size_1_3);

static int entry_size_ok(size_t entry_size, size_t known)
{
    return entry_size >= known && entry_size % 8 == 0;
}

static void *entry_at(void *out, size_t entry_size, uint32_t i)
{
    return (char *)out + (size_t)i * entry_size;
}

int uclog_record_iter_next_batch(uclog_record_fields *out, uint32_t *count, uclog_record_iter *it,
                                 uint32_t cap, size_t entry_size)
{
    uint32_t n = 0;
    int rc = UCLOG_OK;

    if (!count)
        return UCLOG_E_INVALID_ARG;
    *count = 0;
    if (!out || !it || !cap || !entry_size_ok(entry_size, sizeof(*out)))
        return UCLOG_E_INVALID_ARG;
    while (n < cap) {
        const uclog_record *r;
        uclog_record_fields *f = entry_at(out, entry_size, n);
        uclog_timestamp ts;

        rc = uclog_record_iter_next(&r, it);
        if (rc)
            break;
        memset(f, 0, sizeof(*f));
        uclog_record_span(&f->span, r);
        if (uclog_record_has_header(r))
            f->flags |= UCLOG_RECORD_FIELDS_HEADER;
        if (uclog_record_timestamp(&ts, r) == UCLOG_OK) {
            f->flags |= UCLOG_RECORD_FIELDS_TIMESTAMP;
            f->epoch_ms = ts.epoch_ms;
        }
        f->level = uclog_record_level(r);
        f->pid = uclog_record_pid(r);
        f->tid = uclog_record_tid(r);
        f->text_offset = uclog_record_text_offset(r);
        f->line_count = uclog_record_line_count(r);
        n++;
    }
    *count = n;
    /* The iterator's DONE and errors are sticky: the next call says them. */
    return n ? UCLOG_OK : rc;
}

/* Copy s into text at *used; 0, or 1 when it does not fit. */
static int put_text(uint32_t *offset, uint32_t *length, char *text, size_t *used, size_t cap,
                    uclog_str s)
{
    if (s.len > cap - *used)
        return 1;
    if (s.len)
        memcpy(text + *used, s.ptr, s.len);
    *offset = (uint32_t)*used;
    *length = (uint32_t)s.len;
    *used += s.len;
    return 0;
}

/* Fill f from msg and its packet; 1 when its texts do not fit. */
static int msg_fields(uclog_msg_fields *f, char *text, size_t *used, size_t cap,
                      const uclog_sip *msg, const uclog_packet *pkt)
{
    uclog_str s;
    uclog_timestamp ts;
    uint32_t num;
    size_t start = *used;

    memset(f, 0, sizeof(*f));
    uclog_sip_span(&f->span, msg);
    f->direction = uclog_packet_direction(pkt);
    if (uclog_packet_timestamp(&ts, pkt) == UCLOG_OK) {
        f->flags |= UCLOG_MSG_FIELDS_TIMESTAMP;
        f->epoch_ms = ts.epoch_ms;
    }
    if (uclog_sip_request_line(&s, NULL, NULL, msg) == UCLOG_OK) {
        f->flags |= UCLOG_MSG_FIELDS_REQUEST;
        if (put_text(&f->method_offset, &f->method_length, text, used, cap, s))
            goto full;
    } else if (uclog_sip_status_line(NULL, &num, NULL, msg) == UCLOG_OK) {
        f->status = num;
    }
    if (uclog_sip_call_id(&s, msg) == UCLOG_OK) {
        f->flags |= UCLOG_MSG_FIELDS_CALL_ID;
        if (put_text(&f->call_id_offset, &f->call_id_length, text, used, cap, s))
            goto full;
    }
    if (uclog_sip_cseq(&num, &s, msg) == UCLOG_OK) {
        f->flags |= UCLOG_MSG_FIELDS_CSEQ;
        f->cseq = num;
        if (put_text(&f->cseq_method_offset, &f->cseq_method_length, text, used, cap, s))
            goto full;
    }
    return 0;
full:
    *used = start;
    return 1;
}

int uclog_msg_iter_next_batch(uclog_msg_fields *out, uint32_t *count, char *text, uclog_msg_iter *it,
                              uint32_t cap, size_t entry_size, size_t text_cap)
{
    uint32_t n = 0;
    size_t used = 0;
    int rc = UCLOG_OK;

    if (!count)
        return UCLOG_E_INVALID_ARG;
    *count = 0;
    if (!out || !text || !it || !cap || !entry_size_ok(entry_size, sizeof(*out)))
        return UCLOG_E_INVALID_ARG;
    if (uclog__msg_iter_flags(it) & UCLOG_MSG_ITER_UNUSABLE)
        return UCLOG_E_STATE;
    if (text_cap > UINT32_MAX)
        text_cap = UINT32_MAX;
    while (n < cap) {
        const uclog_sip *msg;
        const uclog_packet *pkt;

        rc = uclog_msg_iter_next(&msg, &pkt, it);
        if (rc)
            break;
        if (msg_fields(entry_at(out, entry_size, n), text, &used, text_cap, msg, pkt)) {
            uclog__msg_iter_unread(it);
            if (!n)
                return uclog__error(uclog__msg_iter_ctx(it), UCLOG_E_RANGE, NULL,
                                    "a message's Call-ID and CSeq need more than %zu bytes of text",
                                    text_cap);
            break;
        }
        n++;
    }
    *count = n;
    return n ? UCLOG_OK : rc;
}
