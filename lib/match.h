/*
 * The one rule that pairs a SIP response with its request, for every place
 * that pairs them: uclog_sip_is_response_to(), the index's transaction
 * table, the streaming diagnosis's window. A response answers a request of
 * the same Call-ID (compared exactly, by the caller), the same CSeq number
 * and the same CSeq method (without regard to case), going the other way
 * where the log tells directions; of several, the latest earlier one.
 * Inline, so that libuclog-diag links to nothing private. Never installed.
 */
#ifndef UCLOG_MATCH_H
#define UCLOG_MATCH_H

#include <stdint.h>

#include <uclog/packet.h>

#include "ascii.h"

/* The CSeq of the request and the response's are the same transaction's. */
static inline int uclog__match_cseq(uint32_t req_number, uclog_str req_method, uint32_t resp_number,
                                    uclog_str resp_method)
{
    return req_number == resp_number && uclog__view_ieq(req_method, resp_method);
}

/* A request logged going one way (UCLOG_DIRECTION_*) can be answered by a
 * response going the other; an unknown direction on either side does not
 * rule it out. */
static inline int uclog__match_way(int32_t req_direction, int32_t resp_direction)
{
    return req_direction != resp_direction || req_direction == UCLOG_DIRECTION_UNKNOWN;
}

#endif
