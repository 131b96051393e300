/* What the parts of the sdp suite share: the calls that parse an SDP that must parse and reach
 * its media and candidates, and the calls that add each part's cases to the suite
 * (test-sdp.c, test-sdp-damage.c, test-sdp-addr.c). */
#ifndef UCLOG_TEST_SDP_FIXTURES_H
#define UCLOG_TEST_SDP_FIXTURES_H

#include "testutil.h"

#include <stdint.h>

#include <uclog/sdp.h>

static inline uclog_sdp *parse_ok(uclog_ctx *ctx, const char *data, size_t len,
                                  const uclog_span *base)
{
    uclog_sdp *sdp = NULL;
    ck_assert_int_eq(uclog_sdp_parse(&sdp, ctx, data, len, base), 0);
    ck_assert_ptr_nonnull(sdp);
    return sdp;
}

static inline const uclog_sdp_media *media_at(const uclog_sdp *sdp, uint32_t i)
{
    const uclog_sdp_media *m = NULL;
    ck_assert_int_eq(uclog_sdp_media_get(&m, sdp, i), 0);
    ck_assert_ptr_nonnull(m);
    return m;
}

static inline const uclog_sdp_candidate *cand_at(const uclog_sdp_media *m, uint32_t i)
{
    const uclog_sdp_candidate *c = NULL;
    ck_assert_int_eq(uclog_sdp_candidate_get(&c, m, i), 0);
    ck_assert_ptr_nonnull(c);
    return c;
}

static inline uint32_t priority_of(const uclog_sdp_candidate *c)
{
    uint32_t p = 0;
    ck_assert_int_eq(uclog_sdp_candidate_priority(&p, c), 0);
    return p;
}

/* Each part adds its cases to the suite. */
void sdp_add_damage(Suite *s);
void sdp_add_addr(Suite *s);

#endif
