/* The message index's layout, shared by its building (index.c) and its queries (index-read.c). */
#ifndef UCLOG_INDEX_STORE_H
#define UCLOG_INDEX_STORE_H

#include <stddef.h>
#include <stdint.h>

#include <uclog/index.h>

#define NONE UINT32_MAX

/*
 * One indexed message, 144 bytes: views are offsets into the message's
 * bytes, addresses point at the log's text, and the timestamp is kept as
 * its epoch_ms (the calendar fields follow from it).
 */
struct idx_msg {
    const char *ptr;            /* the message's span.length bytes: the log's, or a copy */
    const char *local, *remote; /* the packet's addresses, interned */
    uclog_span span;
    int64_t epoch_ms;
    uint32_t status, cseq;
    uint32_t call;
    union {
        uint32_t request; /* a response: the request it answers */
        struct {          /* a request: idx->answers[first, first + count), the last final */
            uint32_t first, count, final;
            /* a first sending: its transaction's first 1xx and first final
             * response, and how many messages of it were retransmissions */
            uint32_t provisional, first_final, retransmissions;
        } responses;
    } tx;
    uint32_t retx; /* the earlier message this one sends again, NONE when it is new */
    uint32_t method_off, call_id_off, cseq_method_off;
    uint32_t method_len, call_id_len, cseq_method_len;
    uint16_t local_port, remote_port;
    uint8_t local_len, remote_len;
    uint8_t ts; /* TS_OK, TS_LEAP */
    uint8_t has; /* HAS_METHOD, HAS_CALL_ID, HAS_CSEQ_METHOD: the view exists (it may be empty) */
    uint8_t is_request;
    int8_t direction;
};

/* Messages live in blocks of MSG_BLOCK: no reallocation copies the index
 * and no more than one block stands empty (a doubling array kept up to half
 * of itself unused, and both copies at once while growing). */
#define MSG_SHIFT 10
#define MSG_BLOCK ((size_t)1 << MSG_SHIFT)
#define MSG(idx, i) (&(idx)->blocks[(i) >> MSG_SHIFT][(i) & (MSG_BLOCK - 1)])

#define TS_OK 1
#define TS_LEAP 2 /* second 60: epoch_ms is that of the next second */
#define HAS_METHOD 1
#define HAS_CALL_ID 2
#define HAS_CSEQ_METHOD 4

/* Where a message's top Via branch and To tag are among its bytes, while
 * building: what tells a retransmission from a new message. */
struct idx_keys {
    uint32_t branch_off, branch_len, tag_off, tag_len;
    uint8_t has; /* HAS_BRANCH, HAS_TAG */
};

#define HAS_BRANCH 1
#define HAS_TAG 2

/* A call's messages are idx->by_call[first, first + count). */
struct idx_call {
    uclog_str call_id;
    uint32_t first, count;
};

struct uclog_index {
    uclog_ctx *ctx;
    struct idx_msg **blocks; /* MSG_BLOCK messages each: growing never moves a message */
    size_t nblocks, blocks_cap;
    size_t nmsgs;
    struct idx_call *calls;
    size_t ncalls, calls_cap;
    uint32_t *table; /* open addressing: call index + 1, 0 = empty */
    size_t table_cap;
    char **copies;   /* messages copied out of joined packets */
    size_t ncopies, copies_cap;
    char **addrs;    /* interned addresses: a length byte, then the text (open addressing) */
    size_t naddrs, addrs_cap;
    uint64_t nunusable;                          /* packets that yielded no SIP message */
    uclog_span unusable[UCLOG_INDEX_UNUSABLE_KEPT]; /* where the first of them are */
    /* While building: the latest request of each transaction and direction,
     * open addressing, message + 1, 0 = empty. Freed once built. */
    uint32_t *txs;
    size_t ntxs, txs_cap;
    /* While building: the first of each distinct response of a transaction
     * (a table like the
     * transactions'), and where each message's branch and To tag are. */
    uint32_t *resps;
    size_t nresps, resps_cap;
    struct idx_keys *keys;
    size_t keys_cap;
    uint32_t *by_call;  /* message numbers grouped by call, in log order within each */
    uint32_t *answers;  /* responses grouped by request, in log order within each */
    uint64_t steps;     /* slots probed matching responses (index-internal.h) */
};

static inline uclog_str uclog__idx_view(const struct idx_msg *e, uint8_t bit, uint32_t off, uint32_t len)
{
    uclog_str v = {NULL, 0};
    if (e->has & bit) {
        v.ptr = e->ptr + off;
        v.len = len;
    }
    return v;
}

static inline uclog_str uclog__idx_cseq_method(const struct idx_msg *e)
{
    return uclog__idx_view(e, HAS_CSEQ_METHOD, e->cseq_method_off, e->cseq_method_len);
}

/* The message that first sent what message i sends: i itself when it is new. */
static inline uint32_t uclog__idx_first_sending(const uclog_index *idx, uint32_t i)
{
    uint32_t r = MSG(idx, i)->retx;
    return r == NONE ? i : r;
}

/* The slot of Call-ID p[0..n) in the calls' table: 1 and *slot when the index has the call,
 * 0 and the empty slot it would take otherwise. */
int uclog__idx_lookup(const uclog_index *idx, const char *p, size_t n, size_t *slot);

#endif
