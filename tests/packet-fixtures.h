/* What the parts of the packet suite share: a log with its packet iterator, the record
 * headers and framing lines logs are built of, and the calls that add each part's cases to
 * the suite (test-packet.c, test-packet-messages.c, test-packet-frames.c). */
#ifndef UCLOG_TEST_PACKET_FIXTURES_H
#define UCLOG_TEST_PACKET_FIXTURES_H

#include <stdint.h>
#include <string.h>

#include "testutil.h"

typedef struct {
    uclog_ctx *ctx;
    uclog_log *log;
    uclog_packet_iter *it;
} fixture;

static inline void open_file(fixture *f, const char *name)
{
    f->ctx = tu_ctx();
    ck_assert_int_eq(uclog_log_open_file(&f->log, f->ctx, tu_data(name)), 0);
    ck_assert_int_eq(uclog_packet_iter_new(&f->it, f->log), 0);
}

static inline void open_buffer(fixture *f, const char *text)
{
    f->ctx = tu_ctx();
    ck_assert_int_eq(uclog_log_open_buffer(&f->log, f->ctx, text, strlen(text), "buf"), 0);
    ck_assert_int_eq(uclog_packet_iter_new(&f->it, f->log), 0);
}

static inline void close_fixture(fixture *f)
{
    uclog_packet_iter_free(f->it);
    uclog_log_free(f->log);
    uclog_ctx_free(f->ctx);
}

static inline int has_defect(const uclog_packet *p, int32_t code)
{
    uint32_t i;
    uclog_defect d;
    for (i = 0; i < uclog_packet_defect_count(p); i++) {
        ck_assert_int_eq(uclog_packet_defect(&d, p, i), 0);
        if (d.code == code)
            return 1;
    }
    return 0;
}

/* The 5 packets of seed.uccapilog (test-packet.c); the messages' positions are theirs. */
struct seed_packet {
    int32_t dir;
    uint32_t local_port;
    uint64_t declared, offset, end;
    uint32_t line;
    const char *start;
};
extern const struct seed_packet seed_packets[5];

#define HDR(t) "01/15/2012|11:30:10." t " 1384:11C0 INFO  :: "
#define OPEN_SENT(n) HDR("100") "Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) " n " bytes:\r\n"
#define END_SENT(n) HDR("102") "End of Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) " n " bytes\r\n"

#define TWO_MSGS                                                                  \
    "NOTIFY sip:a SIP/2.0\r\nCall-ID: one\r\nCSeq: 1 NOTIFY\r\nContent-Length: 3\r\n\r\nabc" \
    "BENOTIFY sip:a SIP/2.0\r\nCall-ID: two\r\nCSeq: 2 BENOTIFY\r\nContent-Length: 0\r\n\r\n"

/* Each part adds its cases to the suite. */
void packet_add_messages(Suite *s);
void packet_add_frames(Suite *s);

#endif
