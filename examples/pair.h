/*
 * Both sides of one call: the messages of a Call-ID in the caller's log
 * and in the callee's paired (what one sent, the other received), and the
 * skew between the two clocks estimated from the pairs.
 */
#ifndef UCLOG_EXAMPLES_PAIR_H
#define UCLOG_EXAMPLES_PAIR_H

#include <stdint.h>

#include <uclog/uclog.h>

#define EX_NONE UINT32_MAX

/* One message of the call as both sides saw it: its number in A's index
 * and in B's (EX_NONE: seen on that side only), and which way it went. */
typedef struct {
    uint32_t a, b;
    int a_to_b; /* 1: A sent it (or B received it), 0: B to A, -1 neither side's own */
    int64_t when; /* ms on A's clock, for the order */
} ex_pair_msg;

/*
 * The clock of B against A's from the pairs of every shared call, as NTP
 * does: a message from A to B gives skew + delay, one from B to A
 * -skew + delay; with the least of each, skew = (d_ab - d_ba) / 2.
 */
typedef struct {
    int64_t skew_ms;   /* B's clock minus A's */
    int64_t delay_ms;  /* one way, through the servers */
    uint32_t ab, ba;   /* pairs each way */
    int known;         /* 1 when pairs went both ways */
} ex_skew;

/*
 * Pair the messages of call ca of index A with those of call cb of B: a
 * message is the same on both sides when its start line (method or status),
 * CSeq and bottom Via branch agree, it left one side and reached the other;
 * repeats pair in order. *out (free it) holds *n messages in time order on
 * A's clock (B's times moved by skew->skew_ms; skew may be NULL: 0). Returns
 * 0 or UCLOG_E_NOMEM. Time: n log n in the call's messages.
 */
int ex_pair_call(ex_pair_msg **out, uint32_t *n, const uclog_index *A, uint32_t ca, const uclog_index *B, uint32_t cb,
                 const ex_skew *skew);

/* The skew from the pairs of every Call-ID both indexes hold. Returns 0 or UCLOG_E_NOMEM. */
int ex_pair_skew(ex_skew *out, const uclog_index *A, const uclog_index *B);

/* The time of message i on A's clock, ms (side 1: B's, moved by the skew); INT64_MIN when unknown. */
int64_t ex_pair_time(const uclog_index *idx, uint32_t i, int64_t shift);

#endif
