/* The SDP bodies of a SIP message: its own body, or its application/sdp parts. */
#include <uclog/sdp.h>

#include "internal.h"

static int is_sdp(uclog_str type, uclog_str subtype)
{
    return uclog__str_ieq(type, "application") && uclog__str_ieq(subtype, "sdp");
}

/* The i-th application/sdp part, or NULL. */
static const uclog_sip_part *sdp_part(const uclog_sip *msg, uint32_t i, uint32_t *count)
{
    uint32_t k, n = uclog_sip_part_count(msg), seen = 0;
    const uclog_sip_part *found = NULL;

    for (k = 0; k < n; k++) {
        const uclog_sip_part *part;
        uclog_str t, st;
        if (uclog_sip_part_get(&part, msg, k) || uclog_sip_part_content_type(&t, &st, NULL, part) ||
            !is_sdp(t, st))
            continue;
        if (seen++ == i && !found)
            found = part;
    }
    if (count)
        *count = seen;
    return found;
}

static int whole_body_is_sdp(const uclog_sip *msg)
{
    uclog_str t, st;
    return uclog_sip_content_type(&t, &st, NULL, msg) == 0 && is_sdp(t, st);
}

uint32_t uclog_sip_sdp_count(const uclog_sip *msg)
{
    uint32_t n = 0;

    if (!msg)
        return 0;
    if (whole_body_is_sdp(msg))
        return 1;
    sdp_part(msg, UINT32_MAX, &n);
    return n;
}

int uclog_sip_sdp_body(uclog_str *body, uclog_span *span, int32_t *fallback, const uclog_sip *msg,
                       uint32_t i)
{
    const uclog_sip_part *part;
    uclog_str b;
    uclog_span sp;

    if (!msg)
        return UCLOG_E_INVALID_ARG;
    if (whole_body_is_sdp(msg)) {
        if (i != 0)
            return UCLOG_E_RANGE;
        uclog_sip_body(&b, &sp, msg);
        if (fallback)
            *fallback = 0;
    } else {
        part = sdp_part(msg, i, NULL);
        if (!part)
            return UCLOG_E_RANGE;
        uclog_sip_part_body(&b, &sp, part);
        if (fallback)
            *fallback = uclog_sip_part_is_2007_fallback(part) == 1;
    }
    if (body)
        *body = b;
    if (span)
        *span = sp;
    return UCLOG_OK;
}
