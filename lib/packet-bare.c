/* Where the messages of a file of bare SIP messages are (UCLOG_FILE_KIND_SIP): text pasted from
 * a trace, one message or several, CRLF or LF, with or without the log's framing lines. */
#include <uclog/packet.h>

#include "packet-internal.h"
#include "sip-internal.h"
#include "sip-names.h"

/* A framing line of the log written without its record header; *is_end for an End of line. */
static int framing_line(const char *p, size_t n, int *is_end)
{
    uclog_str t;
    int rc;

    t.ptr = p;
    t.len = n;
    rc = uclog_packet_framing_parse(NULL, is_end, NULL, NULL, NULL, NULL, NULL, t);
    return rc == UCLOG_OK || rc == UCLOG_E_FORMAT;
}

/* A line where another message, or the log's framing, starts. */
static int boundary(const char *p, size_t n)
{
    int is_end;
    return uclog__sip_is_start_line(p, n) || framing_line(p, n, &is_end);
}

static int blank(const char *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t')
            return 0;
    return 1;
}

/* The first line in d[from..to) that is a boundary(), or to; the first line is passed over when
 * skip_first (a body that starts with a status line: a message/sipfrag). */
static size_t next_boundary(const char *d, size_t from, size_t to, int skip_first)
{
    size_t at = from, next;

    if (skip_first)
        uclog__line_end(d, to, from, &at);
    while (at < to) {
        size_t e = uclog__line_end(d, to, at, &next);
        if (boundary(d + at, e - at))
            return at;
        at = next;
    }
    return to;
}

/* Read the headers from the line after the start line: *body is where the body starts (after the
 * blank line; else at the line that ends them, and 0 is returned), *cl the Content-Length when
 * *has_cl. */
static int read_headers(const char *d, size_t len, size_t at, size_t *body, int *has_cl, uint64_t *cl)
{
    size_t next;

    *has_cl = 0;
    while (at < len) {
        size_t e = uclog__line_end(d, len, at, &next);
        const char *colon;
        if (e == at || blank(d + at, e - at)) {
            *body = next;
            return 1;
        }
        if (boundary(d + at, e - at)) {
            *body = at;
            return 0;
        }
        colon = memchr(d + at, ':', e - at);
        if (colon) {
            uclog_str name = {d + at, (size_t)(colon - (d + at))}, value;
            while (name.len && uclog__is_space((unsigned char)name.ptr[name.len - 1]))
                name.len--;
            value.ptr = colon + 1;
            value.len = (size_t)(d + e - value.ptr);
            if (uclog__sip_name_matches(name, "Content-Length"))
                *has_cl = uclog_sip_parse_u64(cl, value) == UCLOG_OK;
        }
        at = next;
    }
    *body = len;
    return 0;
}

/* Blank lines at the end of a body that had no length are the gap before the next message. */
static size_t trim_gap(const char *d, size_t body, size_t end)
{
    for (;;) {
        size_t e = end;
        if (e > body && d[e - 1] == '\n')
            e--;
        else
            return end;
        if (e > body && d[e - 1] == '\r')
            e--;
        while (e > body && (d[e - 1] == ' ' || d[e - 1] == '\t'))
            e--;
        if (e == body || d[e - 1] == '\n')
            end = e;
        else
            return end;
    }
}

int uclog__bare_next(struct uclog__bare_msg *m, const char *d, size_t len, size_t from)
{
    size_t at = from, next, body, end;
    int has_cl, is_end;
    uint64_t cl = 0;

    m->framing = m->framing_len = 0;
    m->has_framing = 0;
    for (;;) {
        size_t e;
        if (at >= len)
            return UCLOG_DONE;
        e = uclog__line_end(d, len, at, &next);
        if (uclog__sip_is_start_line(d + at, e - at))
            break;
        if (framing_line(d + at, e - at, &is_end)) {
            /* an opening line names the packet that follows; an End of line, none */
            m->has_framing = !is_end;
            m->framing = at;
            m->framing_len = e - at;
        } else if (!blank(d + at, e - at)) {
            m->has_framing = 0; /* text between the framing line and the message */
        }
        at = next;
    }
    m->start = at;
    if (!read_headers(d, len, next, &body, &has_cl, &cl)) {
        m->end = body;
        return UCLOG_OK;
    }
    /* The body ends at its length, but never past another message's start or a framing line:
     * a pasted text often lost the CRs that Content-Length counted. */
    end = has_cl && cl < (uint64_t)(len - body) ? body + (size_t)cl : len;
    end = next_boundary(d, body, end, has_cl);
    if (!has_cl || (uint64_t)(end - body) < cl)
        end = trim_gap(d, body, end);
    m->end = end;
    return UCLOG_OK;
}
