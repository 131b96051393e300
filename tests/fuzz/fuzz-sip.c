/*
 * Fuzz target: one buffer as a SIP message (or several back to back). Every
 * accessor, every multipart part, and the value parsers on every header
 * value are walked, with default limits, tiny limits and a failing
 * allocator.
 */
#include "fuzz.h"

static void run(int cfg, const uint8_t *data, size_t size)
{
    uclog_ctx *ctx = fz_ctx(cfg, data, size);
    const char *p = (const char *)data;
    size_t left = size;
    uclog_span base = {1000, 0, 7, 3, 2, 0};
    int n = 0;

    /* Split a buffer holding several messages, as the packet layer does. */
    while (n++ < 64) {
        uclog_sip *msg = NULL;
        uint64_t used;
        int rc = uclog_sip_parse(&msg, ctx, p, left, n == 1 ? NULL : &base);

        fz_status(rc);
        FZ_CHECK((rc == 0) == (msg != NULL));
        if (rc) {
            FZ_CHECK(rc == UCLOG_E_FORMAT || rc == UCLOG_E_NOMEM);
            break;
        }
        fz_sip(msg, p, left);
        used = uclog_sip_length(msg);
        uclog_sip_free(msg);
        FZ_CHECK(used <= left);
        if (used == 0 || used == left)
            break;
        p += used;
        left -= (size_t)used;
        base.offset += used;
    }
    fz_ctx_free(ctx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int cfg;

    for (cfg = 0; cfg < 3; cfg++)
        run(cfg, data, size);
    /* The value parsers on the whole input as one header value. */
    fz_sip_value((uclog_str){size ? (const char *)data : "", size});
    return 0;
}
