/* The message index: calls and transactions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index-internal.h"
#include "testutil.h"

static uclog_index *build(uclog_ctx **ctx, uclog_log **log, const char *name)
{
    uclog_index *idx = NULL;
    *ctx = tu_ctx();
    ck_assert_int_eq(uclog_log_open_file(log, *ctx, tu_data(name)), 0);
    ck_assert_int_eq(uclog_index_build(&idx, *log), 0);
    return idx;
}

/* Packets that yield no SIP message are not indexed, but counted and placed. */
START_TEST(unusable_packets)
{
    uclog_ctx *ctx;
    uclog_log *log;
    uclog_index *idx = build(&ctx, &log, "frames/unusable-frames.uccapilog");
    uclog_span sp;

    ck_assert_uint_eq(uclog_index_message_count(idx), 1);
    ck_assert_uint_eq(uclog_index_unusable_count(idx), 2);
    ck_assert_int_eq(uclog_index_unusable_span(&sp, idx, 0), 0);
    ck_assert_uint_eq(sp.line, 1);
    ck_assert_uint_eq(sp.offset, 0);
    ck_assert_int_eq(uclog_index_unusable_span(&sp, idx, 1), 0);
    ck_assert_uint_eq(sp.line, 15);
    ck_assert_int_eq(uclog_index_unusable_span(&sp, idx, 2), UCLOG_E_RANGE);
    ck_assert_int_eq(uclog_index_unusable_span(NULL, idx, 0), UCLOG_E_INVALID_ARG);
    ck_assert_uint_eq(uclog_index_unusable_count(NULL), 0);
    uclog_index_free(idx);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

/* A message parsed again from the index is the message the walk gave: where the packet's framing
 * held a longer body than Content-Length says, the framing wins both times (defect 215). */
START_TEST(parse_again_as_framed)
{
    uclog_ctx *ctx;
    uclog_log *log;
    uclog_index *idx = build(&ctx, &log, "frames/content-length.uccapilog");
    uclog_msg_iter *it = NULL;
    const uclog_sip *m;
    const uclog_packet *pkt;
    uint32_t i = 0, beyond = 0;

    ck_assert_int_eq(uclog_msg_iter_new(&it, log), 0);
    while (uclog_msg_iter_next(&m, &pkt, it) == 0) {
        uclog_sip *again = NULL;
        uclog_str a, b;
        uint32_t d;

        ck_assert_int_eq(uclog_index_message_parse(&again, idx, i), 0);
        ck_assert_int_eq(uclog_sip_body(&a, NULL, m), 0);
        ck_assert_int_eq(uclog_sip_body(&b, NULL, again), 0);
        ck_assert_uint_eq(a.len, b.len);
        ck_assert(a.ptr == b.ptr);
        /* the same defects of the body (text before the start line is the packet's: not again) */
        for (d = 0; d < uclog_sip_defect_count(m); d++) {
            uclog_defect x, y;
            uint32_t k, same = 0;
            ck_assert_int_eq(uclog_sip_defect(&x, m, d), 0);
            if (x.code == UCLOG_DEFECT_SIP_TEXT_BEFORE_START)
                continue;
            for (k = 0; k < uclog_sip_defect_count(again); k++)
                same += uclog_sip_defect(&y, again, k) == 0 && y.code == x.code;
            ck_assert_uint_eq(same, 1);
            beyond += x.code == UCLOG_DEFECT_SIP_BODY_BEYOND_LENGTH;
        }
        uclog_sip_free(again);
        i++;
    }
    ck_assert_uint_eq(i, uclog_index_message_count(idx));
    ck_assert_uint_eq(beyond, 2);
    uclog_msg_iter_free(it);
    uclog_index_free(idx);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(seed_transactions)
{
    uclog_ctx *ctx;
    uclog_log *log;
    uclog_index *idx = build(&ctx, &log, "seed.uccapilog");
    uint32_t call, m, n;
    int32_t type = -1;
    uclog_str s;
    uclog_span sp;
    uclog_timestamp ts;
    uclog_sip *msg = NULL;
    static const char sub[] = "8a9fb943e213456482dbede7bc8ea467";
    static const char mras[] = "54b45caa1e33428abe89238d8b8ddd80";

    ck_assert_uint_eq(uclog_index_message_count(idx), 5);
    ck_assert_uint_eq(uclog_index_call_count(idx), 3);
    /* "the 200 OK whose Call-ID is the SUBSCRIBE's" */
    ck_assert_int_eq(uclog_index_call_find(&call, idx, sub, strlen(sub)), 0);
    ck_assert_uint_eq(uclog_index_call_message_count(idx, call), 2);
    ck_assert_int_eq(uclog_index_call_message(&m, idx, call, 0), 0);
    ck_assert_uint_eq(m, 0);
    ck_assert_int_eq(uclog_index_message_type(&type, &s, &n, idx, 0), 0);
    ck_assert_int_eq(type, UCLOG_INDEX_REQUEST);
    ck_assert_uint_eq(n, 0);
    ck_assert_str_view(s, "SUBSCRIBE");
    ck_assert_int_eq(uclog_index_final_response(&m, idx, 0), 0);
    ck_assert_uint_eq(m, 1);
    ck_assert_int_eq(uclog_index_message_type(&type, &s, &n, idx, 1), 0);
    ck_assert_int_eq(type, UCLOG_INDEX_RESPONSE);
    ck_assert_ptr_null(s.ptr);
    ck_assert_uint_eq(n, 200);
    ck_assert_int_eq(uclog_index_request_of(&m, idx, 1), 0);
    ck_assert_uint_eq(m, 0);
    ck_assert_int_eq(uclog_index_message_direction(idx, 1), UCLOG_DIRECTION_RECEIVED);
    ck_assert_int_eq(uclog_index_message_cseq(&n, &s, idx, 1), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_view(s, "SUBSCRIBE");
    ck_assert_int_eq(uclog_index_message_span(&sp, idx, 1), 0);
    ck_assert_uint_eq(sp.offset, 1759);
    ck_assert_uint_eq(sp.line, 25);
    {
        uclog_str l, r;
        uint16_t lp, rp;
        ck_assert_int_eq(uclog_index_message_endpoints(&l, &lp, &r, &rp, idx, 4), 0);
        ck_assert_str_view(l, "192.168.1.10");
        ck_assert_uint_eq(lp, 44511);
        ck_assert_str_view(r, "192.168.1.5");
        ck_assert_uint_eq(rp, 5061);
        ck_assert_int_eq(uclog_index_message_endpoints(NULL, NULL, NULL, NULL, idx, 5), UCLOG_E_RANGE);
    }
    ck_assert_int_eq(uclog_index_message_timestamp(&ts, idx, 1), 0);
    ck_assert_uint_eq(ts.millisecond, 396);
    /* the MRAS SERVICE and its answer */
    ck_assert_int_eq(uclog_index_call_find(&call, idx, mras, strlen(mras)), 0);
    ck_assert_int_eq(uclog_index_call_message(&m, idx, call, 1), 0);
    ck_assert_uint_eq(m, 3);
    ck_assert_int_eq(uclog_index_request_of(&n, idx, 3), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(uclog_index_response_count(idx, 2), 1);
    ck_assert_int_eq(uclog_index_response(&m, idx, 2, 0), 0);
    ck_assert_uint_eq(m, 3);
    ck_assert_int_eq(uclog_index_response(&m, idx, 2, 1), UCLOG_E_RANGE);
    ck_assert_int_eq(uclog_index_message_call_id(&s, idx, 3), 0);
    ck_assert_str_view(s, mras);
    ck_assert_int_eq(uclog_index_call_id(&s, idx, call), 0);
    ck_assert_str_view(s, mras);
    /* the INVITE: no answer in this log */
    ck_assert_int_eq(uclog_index_final_response(&m, idx, 4), UCLOG_E_NOT_FOUND);
    ck_assert_uint_eq(uclog_index_response_count(idx, 4), 0);
    ck_assert_int_eq(uclog_index_request_of(&m, idx, 4), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_index_message_parse(&msg, idx, 4), 0);
    ck_assert_int_eq(uclog_sip_call_id(&s, msg), 0);
    ck_assert_str_view(s, "e41f3fa11696494d90130b78761b202c");
    uclog_sip_free(msg);
    ck_assert_int_eq(uclog_index_call_find(&call, idx, "nope", 4), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_index_message_parse(&msg, idx, 5), UCLOG_E_RANGE);
    ck_assert_int_eq(uclog_index_message_span(&sp, idx, 9), UCLOG_E_RANGE);
    uclog_index_free(idx);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

/* The calls deprecated in 1.3 still answer as in 1.0. */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif
START_TEST(deprecated_calls)
{
    uclog_ctx *ctx;
    uclog_log *log;
    uclog_index *idx = build(&ctx, &log, "seed.uccapilog");
    static const char sub[] = "8a9fb943e213456482dbede7bc8ea467";
    uint32_t call, n;
    uclog_str s;

    ck_assert_int_eq(uclog_index_find_call(&call, idx, sub, strlen(sub)), 0);
    ck_assert_int_eq(uclog_index_find_call(&n, idx, "nope", 4), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_index_message_kind(&s, &n, idx, 0), 1);
    ck_assert_str_view(s, "SUBSCRIBE");
    ck_assert_int_eq(uclog_index_message_kind(NULL, &n, idx, 1), 0);
    ck_assert_uint_eq(n, 200);
    ck_assert_int_eq(uclog_index_message_kind(NULL, NULL, idx, 99), UCLOG_E_RANGE);
    ck_assert_int_eq(uclog_index_message_kind(NULL, NULL, NULL, 0), UCLOG_E_RANGE);
    ck_assert_int_eq(uclog_index_message_type(NULL, NULL, NULL, NULL, 0), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_index_message_type(NULL, NULL, NULL, idx, 99), UCLOG_E_RANGE);
    {
        uclog_str l, r;
        uint32_t lp, rp;
        ck_assert_int_eq(uclog_index_message_addresses(&l, &lp, &r, &rp, idx, 4), 0);
        ck_assert_str_view(l, "192.168.1.10");
        ck_assert_uint_eq(lp, 44511);
        ck_assert_uint_eq(rp, 5061);
        ck_assert_int_eq(uclog_index_message_addresses(NULL, NULL, NULL, NULL, idx, 5), UCLOG_E_RANGE);
    }
    uclog_index_free(idx);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

START_TEST(unanswered_service)
{
    uclog_ctx *ctx;
    uclog_log *log;
    uclog_index *idx = build(&ctx, &log, "seed-mras-unanswered.uccapilog");
    uint32_t m;
    uclog_str s;

    ck_assert_uint_eq(uclog_index_message_count(idx), 4);
    ck_assert_int_eq(uclog_index_message_type(NULL, &s, NULL, idx, 2), 0);
    ck_assert_str_view(s, "SERVICE");
    ck_assert_int_eq(uclog_index_final_response(&m, idx, 2), UCLOG_E_NOT_FOUND);
    uclog_index_free(idx);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

#define HDR(t) "01/15/2012|11:30:10." t " 1384:11C0 INFO  :: "
#define SENT "Sending Packet"
#define RECV "Data Received"

START_TEST(provisional_final_and_benotify)
{
    char text[4096];
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_index *idx = NULL;
    uint32_t m, call;
    size_t n = 0;

#define ADD(d, lm, msg)                                                                                 \
    n += (size_t)snprintf(text + n, sizeof(text) - n,                                                   \
                          HDR("100") d " - 10.0.0.1:5061 (" lm " Local Address: 10.0.0.2:1000) 0 bytes:\r\n" \
                          HDR("101") msg "\r\n" HDR("102") "End of " d " - 10.0.0.1:5061 (" lm          \
                          " Local Address: 10.0.0.2:1000) 0 bytes\r\n")
    ADD(SENT, "From", "INVITE sip:b SIP/2.0\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n");
    ADD(RECV, "To", "SIP/2.0 100 Trying\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n");
    ADD(RECV, "To", "SIP/2.0 180 Ringing\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n");
    ADD(RECV, "To", "BENOTIFY sip:a SIP/2.0\r\ni: c2\r\nCSeq: 5 BENOTIFY\r\nl: 0\r\n");
    ADD(RECV, "To", "SIP/2.0 488 Not Acceptable Here\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n");
    ADD(RECV, "To", "SIP/2.0 200 OK\r\nCall-ID: c1\r\nCSeq: 2 INVITE\r\nContent-Length: 0\r\n");
#undef ADD
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, text, n, NULL), 0);
    ck_assert_int_eq(uclog_index_build(&idx, log), 0);
    ck_assert_uint_eq(uclog_index_message_count(idx), 6);
    ck_assert_uint_eq(uclog_index_call_count(idx), 2);
    ck_assert_uint_eq(uclog_index_response_count(idx, 0), 3);
    ck_assert_int_eq(uclog_index_response(&m, idx, 0, 0), 0);
    ck_assert_uint_eq(m, 1);
    ck_assert_int_eq(uclog_index_final_response(&m, idx, 0), 0);
    ck_assert_uint_eq(m, 4);
    ck_assert_int_eq(uclog_index_request_of(&m, idx, 5), UCLOG_E_NOT_FOUND); /* CSeq 2 was never sent */
    ck_assert_uint_eq(uclog_index_response_count(idx, 3), 0); /* BENOTIFY: nothing waits */
    ck_assert_int_eq(uclog_index_call_find(&call, idx, "c2", 2), 0); /* compact i: */
    ck_assert_uint_eq(uclog_index_call_message_count(idx, call), 1);
    uclog_index_free(idx);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

/*
 * One call of n responses to one INVITE (reinvite = 0), or of n re-INVITEs
 * each answered (reinvite = 1), built as an index: what it says, and the
 * steps its matching took.
 */
static uint64_t one_call_steps(size_t n, int reinvite)
{
    size_t cap = (n + 2) * 2 * 400, len = 0, k;
    char *text = malloc(cap);
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_index *idx = NULL;
    uint32_t m, call, count;
    uint64_t steps;

#define PKT(d, lm, fmt, ...)                                                                           \
    len += (size_t)snprintf(text + len, cap - len,                                                   \
                            HDR("100") d " - 10.0.0.1:5061 (" lm " Local Address: 10.0.0.2:1000) 0 bytes:\r\n" \
                            HDR("101") fmt "\r\n" HDR("102") "End of " d " - 10.0.0.1:5061 (" lm            \
                            " Local Address: 10.0.0.2:1000) 0 bytes\r\n", __VA_ARGS__)
    ck_assert_ptr_nonnull(text);
    if (!reinvite)
        PKT(SENT, "From", "INVITE sip:b SIP/2.0\r\nCall-ID: c\r\nCSeq: %d INVITE\r\nl: 0\r\n", 1);
    for (k = 0; k < n; k++) {
        if (reinvite)
            PKT(SENT, "From", "INVITE sip:b SIP/2.0\r\nCall-ID: c\r\nCSeq: %zu invite\r\nl: 0\r\n", k + 1);
        PKT(RECV, "To", "SIP/2.0 %s\r\nCall-ID: c\r\nCSeq: %zu INVITE\r\nl: 0\r\n",
            reinvite ? "200 OK" : "183 Session Progress", reinvite ? k + 1 : (size_t)1);
    }
#undef PKT
    ck_assert_uint_lt(len, cap);
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, text, len, NULL), 0);
    ck_assert_int_eq(uclog_index_build(&idx, log), 0);
    count = reinvite ? (uint32_t)(2 * n) : (uint32_t)(n + 1);
    ck_assert_uint_eq(uclog_index_message_count(idx), count);
    ck_assert_int_eq(uclog_index_call_find(&call, idx, "c", 1), 0);
    ck_assert_uint_eq(uclog_index_call_message_count(idx, call), count);
    for (k = 0; k < count; k++) {
        ck_assert_int_eq(uclog_index_call_message(&m, idx, call, (uint32_t)k), 0);
        ck_assert_uint_eq(m, k);
    }
    ck_assert_int_eq(uclog_index_call_message(&m, idx, call, count), UCLOG_E_RANGE);
    if (reinvite) {
        for (k = 0; k < n; k++) {
            ck_assert_uint_eq(uclog_index_response_count(idx, (uint32_t)(2 * k)), 1);
            ck_assert_int_eq(uclog_index_final_response(&m, idx, (uint32_t)(2 * k)), 0);
            ck_assert_uint_eq(m, 2 * k + 1);
            ck_assert_int_eq(uclog_index_request_of(&m, idx, (uint32_t)(2 * k + 1)), 0);
            ck_assert_uint_eq(m, 2 * k);
        }
    } else {
        ck_assert_uint_eq(uclog_index_response_count(idx, 0), n);
        for (k = 0; k < n; k++) {
            ck_assert_int_eq(uclog_index_response(&m, idx, 0, (uint32_t)k), 0);
            ck_assert_uint_eq(m, k + 1);
            ck_assert_int_eq(uclog_index_request_of(&m, idx, (uint32_t)(k + 1)), 0);
            ck_assert_uint_eq(m, 0);
            ck_assert_uint_eq(uclog_index_response_count(idx, (uint32_t)(k + 1)), 0);
        }
        ck_assert_int_eq(uclog_index_response(&m, idx, 0, (uint32_t)n), UCLOG_E_RANGE);
        ck_assert_int_eq(uclog_index_final_response(&m, idx, 0), UCLOG_E_NOT_FOUND);
    }
    steps = uclog__index_steps(idx);
    uclog_index_free(idx);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    free(text);
    return steps;
}

/* Matching costs the same per message in a call of 4n messages as in one of n. */
START_TEST(one_long_call_is_linear)
{
    int reinvite;

    for (reinvite = 0; reinvite < 2; reinvite++) {
        uint64_t small = one_call_steps(1000, reinvite), large = one_call_steps(4000, reinvite);
        ck_assert_msg(large <= 5 * small + 100, "%s: %llu steps for 1000, %llu for 4000",
                      reinvite ? "re-INVITEs" : "183s", (unsigned long long)small, (unsigned long long)large);
    }
}
END_TEST

/* A retransmitted INVITE, a 180 received twice beside another fork's, and
 * the transactions' timings (tests/data/timing/README.md). */
START_TEST(retransmissions_and_timings)
{
    uclog_ctx *ctx;
    uclog_log *log;
    uclog_index *idx = build(&ctx, &log, "timing/retransmissions.uccapilog");
    static const uint32_t retx[10] = {UINT32_MAX, 0, UINT32_MAX, UINT32_MAX, UINT32_MAX, 3,
                                      UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX};
    static const int64_t since[10] = {0, 0, 620, 1000, 1100, 1250, 3400, 0, 0, 80};
    int64_t prov, fin, ms;
    uint32_t i, of;

    ck_assert_uint_eq(uclog_index_message_count(idx), 10);
    for (i = 0; i < 10; i++) {
        of = 77;
        if (retx[i] == UINT32_MAX) {
            ck_assert_int_eq(uclog_index_message_retransmits(&of, idx, i), UCLOG_E_NOT_FOUND);
            ck_assert_uint_eq(of, 77);
        } else {
            ck_assert_int_eq(uclog_index_message_retransmits(&of, idx, i), 0);
            ck_assert_uint_eq(of, retx[i]);
        }
        if (since[i]) {
            ck_assert_int_eq(uclog_index_message_since_request(&ms, idx, i), 0);
            ck_assert_int_eq(ms, since[i]);
        } else {
            ck_assert_int_eq(uclog_index_message_since_request(&ms, idx, i), UCLOG_E_NOT_FOUND);
            ck_assert(ms == UCLOG_INDEX_NO_TIME);
        }
    }
    /* the responses still answer the latest sending, as matching says */
    ck_assert_int_eq(uclog_index_request_of(&of, idx, 2), 0);
    ck_assert_uint_eq(of, 1);
    ck_assert_uint_eq(uclog_index_response_count(idx, 1), 5);
    ck_assert_uint_eq(uclog_index_response_count(idx, 0), 0);
    /* the INVITE's transaction, from its first sending or its retransmission */
    for (i = 0; i < 2; i++) {
        ck_assert_int_eq(uclog_index_transaction_timing(&prov, &fin, idx, i), 0);
        ck_assert_int_eq(prov, 620);
        ck_assert_int_eq(fin, 3400);
        ck_assert_uint_eq(uclog_index_transaction_retransmissions(idx, i), 2);
    }
    ck_assert_int_eq(uclog_index_transaction_timing(NULL, &fin, idx, 8), 0); /* BYE */
    ck_assert_int_eq(fin, 80);
    ck_assert_int_eq(uclog_index_transaction_timing(&prov, NULL, idx, 8), 0);
    ck_assert(prov == UCLOG_INDEX_NO_TIME);
    ck_assert_uint_eq(uclog_index_transaction_retransmissions(idx, 8), 0);
    ck_assert_int_eq(uclog_index_transaction_timing(&prov, &fin, idx, 7), 0); /* ACK: none answers */
    ck_assert(prov == UCLOG_INDEX_NO_TIME && fin == UCLOG_INDEX_NO_TIME);
    /* errors */
    ck_assert_int_eq(uclog_index_transaction_timing(&prov, &fin, idx, 6), UCLOG_E_NOT_FOUND);
    ck_assert(prov == UCLOG_INDEX_NO_TIME && fin == UCLOG_INDEX_NO_TIME);
    ck_assert_uint_eq(uclog_index_transaction_retransmissions(idx, 5), 0);
    ck_assert_int_eq(uclog_index_transaction_timing(&prov, &fin, idx, 10), UCLOG_E_RANGE);
    ck_assert_int_eq(uclog_index_transaction_timing(&prov, &fin, NULL, 0), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_index_message_retransmits(&of, idx, 10), UCLOG_E_RANGE);
    ck_assert_int_eq(uclog_index_message_retransmits(NULL, idx, 1), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_index_message_since_request(&ms, idx, 10), UCLOG_E_RANGE);
    ck_assert_int_eq(uclog_index_message_since_request(NULL, idx, 2), UCLOG_E_INVALID_ARG);
    ck_assert_uint_eq(uclog_index_transaction_retransmissions(NULL, 0), 0);
    uclog_index_free(idx);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

/* What is not a retransmission: another branch, another direction, another
 * status; two requests without a branch are the same one sent again. */
START_TEST(retransmission_keys)
{
    char text[4096];
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_index *idx = NULL;
    uint32_t of;
    size_t n = 0;

#define ADD(d, lm, msg)                                                                                 \
    n += (size_t)snprintf(text + n, sizeof(text) - n,                                                   \
                          HDR("100") d " - 10.0.0.1:5061 (" lm " Local Address: 10.0.0.2:1000) 0 bytes:\r\n" \
                          HDR("101") msg "\r\n" HDR("102") "End of " d " - 10.0.0.1:5061 (" lm          \
                          " Local Address: 10.0.0.2:1000) 0 bytes\r\n")
    ADD(SENT, "From", "OPTIONS sip:b SIP/2.0\r\nv: SIP/2.0/TLS h;branch=x1\r\ni: c\r\nCSeq: 1 OPTIONS\r\nl: 0\r\n");
    ADD(SENT, "From", "OPTIONS sip:b SIP/2.0\r\nv: SIP/2.0/TLS h;branch=x2\r\ni: c\r\nCSeq: 1 OPTIONS\r\nl: 0\r\n");
    ADD(RECV, "To", "OPTIONS sip:b SIP/2.0\r\nv: SIP/2.0/TLS h;branch=x2\r\ni: c\r\nCSeq: 1 OPTIONS\r\nl: 0\r\n");
    ADD(RECV, "To", "SIP/2.0 200 OK\r\nv: SIP/2.0/TLS h;branch=x2\r\ni: c\r\nCSeq: 1 OPTIONS\r\nt: <sip:b>;tag=a\r\nl: 0\r\n");
    ADD(RECV, "To", "SIP/2.0 486 Busy\r\nv: SIP/2.0/TLS h;branch=x2\r\ni: c\r\nCSeq: 1 OPTIONS\r\nt: <sip:b>;tag=a\r\nl: 0\r\n");
    ADD(RECV, "To", "SIP/2.0 200 OK\r\nv: SIP/2.0/TLS h;branch=x2\r\ni: c\r\nCSeq: 1 OPTIONS\r\nt: <sip:b>;tag=a\r\nl: 0\r\n");
    ADD(SENT, "From", "BYE sip:b SIP/2.0\r\ni: c\r\nCSeq: 2 BYE\r\nl: 0\r\n");
    ADD(SENT, "From", "BYE sip:b SIP/2.0\r\ni: c\r\nCSeq: 2 BYE\r\nl: 0\r\n");
#undef ADD
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, text, n, NULL), 0);
    ck_assert_int_eq(uclog_index_build(&idx, log), 0);
    ck_assert_uint_eq(uclog_index_message_count(idx), 8);
    ck_assert_int_eq(uclog_index_message_retransmits(&of, idx, 1), UCLOG_E_NOT_FOUND); /* branch x2, not x1 */
    ck_assert_int_eq(uclog_index_message_retransmits(&of, idx, 2), UCLOG_E_NOT_FOUND); /* received, not sent */
    ck_assert_int_eq(uclog_index_message_retransmits(&of, idx, 4), UCLOG_E_NOT_FOUND); /* 486, not 200 */
    ck_assert_int_eq(uclog_index_message_retransmits(&of, idx, 5), 0);
    ck_assert_uint_eq(of, 3);
    ck_assert_int_eq(uclog_index_message_retransmits(&of, idx, 7), 0); /* neither has a branch */
    ck_assert_uint_eq(of, 6);
    ck_assert_uint_eq(uclog_index_transaction_retransmissions(idx, 1), 1);
    ck_assert_uint_eq(uclog_index_transaction_retransmissions(idx, 0), 0);
    ck_assert_uint_eq(uclog_index_transaction_retransmissions(idx, 7), 1);
    uclog_index_free(idx);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

/* Every indexed message says what iterating the log says of it. */
static void check_against_iteration(uclog_log *log)
{
    uclog_index *idx = NULL;
    uclog_msg_iter *it = NULL;
    const uclog_sip *m;
    const uclog_packet *p;
    uint32_t i = 0;
    int rc;

    ck_assert_int_eq(uclog_index_build(&idx, log), 0);
    ck_assert_int_eq(uclog_msg_iter_new(&it, log), 0);
    while ((rc = uclog_msg_iter_next(&m, &p, it)) == 0) {
        uclog_timestamp a, b;
        uclog_span sa, sb;
        uclog_str x, y, ix, iy;
        uint32_t n, in, st, ist;
        uint16_t xp, yp, ixp, iyp;
        int32_t type = -1;
        int ra, rb;
        uclog_sip *again = NULL;

        ck_assert_uint_lt(i, uclog_index_message_count(idx));
        ra = uclog_packet_timestamp(&a, p);
        rb = uclog_index_message_timestamp(&b, idx, i);
        ck_assert_int_eq(ra, rb);
        ck_assert_int_eq(memcmp(&a, &b, sizeof(a)), 0);
        uclog_sip_span(&sa, m);
        ck_assert_int_eq(uclog_index_message_span(&sb, idx, i), 0);
        ck_assert_int_eq(memcmp(&sa, &sb, sizeof(sa)), 0);
        ck_assert_int_eq(uclog_index_message_direction(idx, i), uclog_packet_direction(p));
        ra = uclog_packet_local_endpoint(&x, &xp, p) == 0 && x.len <= 40 && x.len;
        rb = uclog_packet_remote_endpoint(&y, &yp, p) == 0 && y.len <= 40 && y.len;
        ck_assert_int_eq(uclog_index_message_endpoints(&ix, &ixp, &iy, &iyp, idx, i),
                         ra || rb ? UCLOG_OK : UCLOG_E_NOT_FOUND);
        if (ra) {
            ck_assert(ix.len == x.len && memcmp(ix.ptr, x.ptr, x.len) == 0);
            ck_assert_uint_eq(ixp, xp);
        }
        if (rb) {
            ck_assert(iy.len == y.len && memcmp(iy.ptr, y.ptr, y.len) == 0);
            ck_assert_uint_eq(iyp, yp);
        }
        ra = uclog_sip_call_id(&x, m);
        ck_assert_int_eq(uclog_index_message_call_id(&ix, idx, i), ra);
        if (ra == 0)
            ck_assert(ix.len == x.len && memcmp(ix.ptr, x.ptr, x.len) == 0);
        ra = uclog_sip_cseq(&n, &x, m);
        ck_assert_int_eq(uclog_index_message_cseq(&in, &ix, idx, i), ra ? UCLOG_E_NOT_FOUND : 0);
        if (ra == 0) {
            ck_assert_uint_eq(in, n);
            ck_assert(ix.len == x.len && memcmp(ix.ptr, x.ptr, x.len) == 0);
        }
        ck_assert_int_eq(uclog_index_message_type(&type, &ix, &ist, idx, i), 0);
        ck_assert_int_eq(type == UCLOG_INDEX_REQUEST, uclog_sip_is_request(m));
        if (uclog_sip_is_request(m)) {
            uclog_sip_request_line(&x, NULL, NULL, m);
            ck_assert(ix.len == x.len && memcmp(ix.ptr, x.ptr, x.len) == 0);
        } else {
            st = 0;
            uclog_sip_status_line(NULL, &st, NULL, m);
            ck_assert_uint_eq(ist, st);
        }
        ck_assert_int_eq(uclog_index_message_parse(&again, idx, i), 0);
        ck_assert_uint_eq(uclog_sip_length(again), uclog_sip_length(m));
        uclog_sip_start_line(&x, NULL, again);
        uclog_sip_start_line(&y, NULL, m);
        ck_assert(x.len == y.len && memcmp(x.ptr, y.ptr, x.len) == 0);
        uclog_sip_free(again);
        i++;
    }
    ck_assert_int_eq(rc, UCLOG_DONE);
    ck_assert_uint_eq(i, uclog_index_message_count(idx));
    uclog_msg_iter_free(it);
    uclog_index_free(idx);
}

START_TEST(agrees_with_iteration)
{
    static const char *const files[] = {"seed.uccapilog", "seed-lf.uccapilog", "seed-utf16le.uccapilog",
                                        "seed-no-mras.uccapilog", "seed-mras-unanswered.uccapilog",
                                        "rotated-uccapi-0.uccapilog", "hostile/packet-no-end.uccapilog",
                                        "hostile/utf16le.uccapilog", "diag/two-calls.uccapilog"};
    /* timestamps at the edges of what a header can say: a leap second at the
     * end of a year, February 29th, the first and last years, and no valid time */
    static const char *const stamps[] = {"12/31/1999|23:59:60.999", "02/29/2000|00:00:00.000",
                                         "01/01/0000|00:00:00.001", "12/31/9999|23:59:59.999",
                                         "03/01/1900|12:00:00.500", "02/30/2001|10:00:00.000",
                                         "06/30/2015|23:59:60.000"};
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    char text[8192];
    size_t k, n = 0;

    for (k = 0; k < sizeof(files) / sizeof(files[0]); k++) {
        ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data(files[k])), 0);
        check_against_iteration(log);
        uclog_log_free(log);
    }
    for (k = 0; k < sizeof(stamps) / sizeof(stamps[0]); k++)
        n += (size_t)snprintf(text + n, sizeof(text) - n,
                              "%s 1384:11C0 INFO  :: Sending Packet - [2001:db8::1]:5061 (From Local Address: "
                              "[2001:db8::2]:1000) 0 bytes:\r\n%s 1384:11C0 INFO  :: OPTIONS sip:b SIP/2.0\r\n"
                              "Call-ID: t%zu\r\nCSeq: %zu OPTIONS\r\nContent-Length: 0\r\n\r\n%s 1384:11C0 INFO  :: "
                              "End of Sending Packet - [2001:db8::1]:5061 (From Local Address: [2001:db8::2]:1000) "
                              "0 bytes\r\n",
                              stamps[k], stamps[k], k, k, stamps[k]);
    ck_assert_uint_lt(n, sizeof(text));
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, text, n, NULL), 0);
    check_against_iteration(log);
    {
        uclog_index *idx = NULL;
        uclog_timestamp ts;
        ck_assert_int_eq(uclog_index_build(&idx, log), 0);
        ck_assert_uint_eq(uclog_index_message_count(idx), 7);
        ck_assert_int_eq(uclog_index_message_timestamp(&ts, idx, 0), 0);
        ck_assert_uint_eq(ts.year, 1999);
        ck_assert_uint_eq(ts.second, 60);
        ck_assert_uint_eq(ts.millisecond, 999);
        ck_assert_int_eq(uclog_index_message_timestamp(&ts, idx, 2), 0);
        ck_assert_uint_eq(ts.year, 0);
        ck_assert(ts.epoch_ms < 0);
        ck_assert_int_eq(uclog_index_message_timestamp(&ts, idx, 5), UCLOG_E_NOT_FOUND);
        ck_assert_uint_eq(ts.year, 0);
        uclog_index_free(idx);
    }
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

static int only_service(const uclog_sip *m, const uclog_packet *p, void *userdata)
{
    uclog_str method;
    (void)p;
    *(int *)userdata += 1;
    return uclog_sip_cseq(NULL, &method, m) == 0 && method.len == 7 && !memcmp(method.ptr, "SERVICE", 7);
}

START_TEST(filtered)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_index *idx = NULL;
    uint32_t m;
    uclog_str s;
    int seen = 0;

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("seed.uccapilog")), 0);
    ck_assert_int_eq(uclog_index_build_filtered(&idx, log, only_service, &seen), 0);
    ck_assert_int_eq(seen, 5);
    ck_assert_uint_eq(uclog_index_message_count(idx), 2);
    ck_assert_uint_eq(uclog_index_call_count(idx), 1);
    ck_assert_int_eq(uclog_index_message_call_id(&s, idx, 1), 0);
    ck_assert_str_view(s, "54b45caa1e33428abe89238d8b8ddd80");
    ck_assert_int_eq(uclog_index_request_of(&m, idx, 1), 0);
    ck_assert_uint_eq(m, 0);
    uclog_index_free(idx);
    ck_assert_int_eq(uclog_index_build_filtered(&idx, log, NULL, NULL), 0); /* NULL keeps all */
    ck_assert_uint_eq(uclog_index_message_count(idx), 5);
    uclog_index_free(idx);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(stream_refused)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_index *idx = (uclog_index *)1;
    FILE *f = fopen(tu_data("seed.uccapilog"), "rb");

    ck_assert_int_eq(uclog_log_open_stream(&log, ctx, f, NULL), 0);
    ck_assert_int_eq(uclog_index_build(&idx, log), UCLOG_E_STATE);
    ck_assert_ptr_null(idx);
    ck_assert_int_eq(uclog_index_build(NULL, log), UCLOG_E_INVALID_ARG);
    ck_assert_uint_eq(uclog_index_message_count(NULL), 0);
    uclog_index_free(NULL);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    fclose(f);
}
END_TEST

static int build_index(void *arg)
{
    uclog_ctx *ctx = NULL;
    uclog_log *log = NULL;
    uclog_index *idx = NULL;
    int rc = uclog_ctx_new(&ctx, &tu_mem);

    if (rc)
        return rc;
    rc = uclog_log_open_file(&log, ctx, arg);
    if (!rc)
        rc = uclog_index_build(&idx, log);
    if (!rc)
        ck_assert_uint_eq(uclog_index_message_count(idx), 5);
    uclog_index_free(idx);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    return rc;
}

START_TEST(alloc_failures)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s", tu_data("seed.uccapilog"));
    tu_alloc_loop(build_index, path);
}
END_TEST

Suite *tu_suite(void)
{
    Suite *s = suite_create("index");
    TCase *tc = tcase_create("index");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, seed_transactions);
    tcase_add_test(tc, parse_again_as_framed);
    tcase_add_test(tc, unanswered_service);
    tcase_add_test(tc, deprecated_calls);
    tcase_add_test(tc, provisional_final_and_benotify);
    tcase_add_test(tc, one_long_call_is_linear);
    tcase_add_test(tc, filtered);
    tcase_add_test(tc, agrees_with_iteration);
    tcase_add_test(tc, stream_refused);
    tcase_add_test(tc, alloc_failures);
    tcase_add_test(tc, unusable_packets);
    tcase_add_test(tc, retransmissions_and_timings);
    tcase_add_test(tc, retransmission_keys);
    suite_add_tcase(s, tc);
    return s;
}
