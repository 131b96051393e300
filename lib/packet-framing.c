/* The framing lines of packets: "Sending Packet" / "Data Received" with
 * their addresses and byte count, and the "End of …" line that closes them. */
#include <uclog/packet.h>

#include "packet-internal.h"

static int starts_with(uclog_str *s, const char *lit)
{
    size_t n = strlen(lit);
    if (s->len < n || memcmp(s->ptr, lit, n) != 0)
        return 0;
    s->ptr += n;
    s->len -= n;
    return 1;
}

static void skip_spaces(uclog_str *s)
{
    while (s->len && uclog__is_space((unsigned char)s->ptr[0])) {
        s->ptr++;
        s->len--;
    }
}

/* "1.2.3.4:5061", "[2001:db8::1]:5061" or "2001:db8::1:5061". */
static int split_host_port(uclog_str *addr, uint32_t *port, uclog_str tok)
{
    const char *colon = NULL;
    size_t i;
    uint32_t v = 0;

    if (tok.len && tok.ptr[0] == '[') {
        const char *rb = memchr(tok.ptr, ']', tok.len);
        if (!rb)
            return -1;
        addr->ptr = tok.ptr + 1;
        addr->len = (size_t)(rb - tok.ptr - 1);
        colon = rb + 1 < tok.ptr + tok.len && rb[1] == ':' ? rb + 1 : NULL;
    } else {
        for (i = tok.len; i > 0; i--) {
            if (tok.ptr[i - 1] == ':') {
                colon = tok.ptr + i - 1;
                break;
            }
        }
        if (!colon)
            return -1;
        addr->ptr = tok.ptr;
        addr->len = (size_t)(colon - tok.ptr);
    }
    if (!colon || colon + 1 == tok.ptr + tok.len || addr->len == 0)
        return -1;
    for (i = (size_t)(colon + 1 - tok.ptr); i < tok.len; i++) {
        if (!uclog__is_digit((unsigned char)tok.ptr[i]))
            return -1;
        v = v * 10 + (uint32_t)(tok.ptr[i] - '0');
        if (v > 65535)
            return -1;
    }
    *port = v;
    return 0;
}

/* A token up to a space or the stop character. */
static uclog_str take_token(uclog_str *s, char stop)
{
    uclog_str t = {s->ptr, 0};
    while (t.len < s->len && !uclog__is_space((unsigned char)s->ptr[t.len]) && s->ptr[t.len] != stop)
        t.len++;
    s->ptr += t.len;
    s->len -= t.len;
    return t;
}

int uclog__packet_parse_framing(int32_t *direction, int *is_end, uclog_str *remote, uint32_t *remote_port,
                                 uclog_str *local, uint32_t *local_port, uint64_t *declared,
                                 size_t *used, uclog_str text)
{
    uclog_str s = text, tok, a = {NULL, 0}, l = {NULL, 0};
    uint32_t ap = 0, lp = 0;
    uint64_t n = 0;
    int32_t dir;
    int end = 0, bad = 0, digits = 0;

    /* Most records are not framing lines: look at the first byte first. */
    if (!text.ptr || !text.len || (text.ptr[0] != 'S' && text.ptr[0] != 'D' && text.ptr[0] != 'E'))
        return UCLOG_E_NOT_FOUND;
    if (starts_with(&s, "End of "))
        end = 1;
    if (starts_with(&s, "Sending Packet"))
        dir = UCLOG_DIRECTION_SENT;
    else if (starts_with(&s, "Data Received"))
        dir = UCLOG_DIRECTION_RECEIVED;
    else
        return UCLOG_E_NOT_FOUND;
    skip_spaces(&s);
    if (!starts_with(&s, "-"))
        bad = 1;
    skip_spaces(&s);
    tok = take_token(&s, '(');
    if (split_host_port(&a, &ap, tok))
        bad = 1;
    skip_spaces(&s);
    if (starts_with(&s, "(From Local Address:") || starts_with(&s, "(To Local Address:")) {
        skip_spaces(&s);
        tok = take_token(&s, ')');
        if (split_host_port(&l, &lp, tok))
            bad = 1;
        skip_spaces(&s);
        if (!starts_with(&s, ")"))
            bad = 1;
    } else {
        bad = 1;
    }
    skip_spaces(&s);
    while (s.len && uclog__is_digit((unsigned char)s.ptr[0]) && digits < 19) {
        n = n * 10 + (uint64_t)(s.ptr[0] - '0');
        s.ptr++;
        s.len--;
        digits++;
    }
    skip_spaces(&s);
    if (!digits || !starts_with(&s, "bytes"))
        bad = 1;
    if (direction)
        *direction = dir;
    if (is_end)
        *is_end = end;
    if (remote)
        *remote = a;
    if (remote_port)
        *remote_port = ap;
    if (local)
        *local = l;
    if (local_port)
        *local_port = lp;
    if (declared)
        *declared = digits ? n : 0;
    if (bad)
        return UCLOG_E_FORMAT;
    if (used)
        *used = (size_t)(s.ptr - text.ptr);
    return UCLOG_OK;
}

int uclog_packet_parse_framing(int32_t *direction, int *is_end, uclog_str *remote, uint32_t *remote_port,
                               uclog_str *local, uint32_t *local_port, uint64_t *declared, uclog_str text)
{
    return uclog__packet_parse_framing(direction, is_end, remote, remote_port, local, local_port, declared,
                                       NULL, text);
}

int uclog_packet_framing_parse(int32_t *direction, int *is_end, uclog_str *remote, uint16_t *remote_port,
                               uclog_str *local, uint16_t *local_port, uint64_t *declared, uclog_str text)
{
    uint32_t rp = 0, lp = 0; /* at most 65535: split_host_port() refuses more */
    int rc = uclog__packet_parse_framing(direction, is_end, remote, &rp, local, &lp, declared, NULL, text);

    if (remote_port)
        *remote_port = (uint16_t)rp;
    if (local_port)
        *local_port = (uint16_t)lp;
    return rc;
}

int uclog__packet_framing_kind(uclog_str text)
{
    const char *p = text.ptr;
    size_t n = text.len;
    int end = 0;

    /* Most records are not framing lines: look at the first byte first. */
    if (!p || !n || (p[0] != 'S' && p[0] != 'D' && p[0] != 'E'))
        return UCLOG__FRAMING_NONE;
    if (n >= 7 && !memcmp(p, "End of ", 7)) {
        p += 7;
        n -= 7;
        end = 1;
    }
    if ((n >= 14 && !memcmp(p, "Sending Packet", 14)) || (n >= 13 && !memcmp(p, "Data Received", 13)))
        return end ? UCLOG__FRAMING_END : UCLOG__FRAMING_OPEN;
    return UCLOG__FRAMING_NONE;
}
