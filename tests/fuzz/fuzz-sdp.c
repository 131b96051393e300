/*
 * Fuzz target: one buffer as an SDP body. Every accessor is walked and the
 * address helpers run on every candidate, related, connection and remote
 * address, with default limits, tiny limits and a failing allocator.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uclog_span base = {4096, 0, 12, 1, 1, 0};
    int cfg;

    for (cfg = 0; cfg < 3; cfg++) {
        uclog_ctx *ctx = fz_ctx(cfg, data, size);
        fz_sdp_bytes(ctx, size ? (const char *)data : NULL, size, cfg == 1 ? &base : NULL);
        fz_ctx_free(ctx);
    }
    /* The whole input as one address. */
    fz_addr((uclog_str){size ? (const char *)data : "", size}, (uclog_str){"::1", 3});
    return 0;
}
