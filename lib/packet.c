/* Packets: the "Sending Packet" / "Data Received" … "End of …" framing, and
 * the SIP messages the packets carry. */
#include <stdlib.h>

#include <uclog/packet.h>

#include "log-internal.h"

#define ADDR_MAX 64

struct uclog_packet {
    int32_t direction;
    int has_remote, has_local, has_declared, ts_ok;
    char remote[ADDR_MAX], local[ADDR_MAX];
    size_t remote_len, local_len;
    uint32_t remote_port, local_port;
    uint64_t declared;
    uclog_str bytes;
    uclog_span bytes_span, span;
    uint32_t end_line, end_column; /* where the last record that belongs ends */
    uclog_timestamp ts;
    uint32_t pid, tid;
    uclog_defect *defects;
    size_t ndefects, defects_cap;
};

#define OPEN_TEXT_MAX 192

struct uclog_packet_iter {
    uclog_log *log;
    uclog_record_iter *rit;
    int status;
    const uclog_record *pending; /* read, not yet used: starts the next packet */
    uclog_packet pkt;
    /* The opening framing line through "bytes", when it was read whole and
     * fits: an End of line that repeats it closes the packet without being
     * parsed again. A copy, since a stream's buffer moves. */
    char open_text[OPEN_TEXT_MAX];
    size_t open_text_len;
    char *buf;                   /* joined or copied bytes */
    size_t buf_len, buf_cap;
};

static const char *const packet_defects[][2] = {
    {"PACKET_BYTE_COUNT", "the declared byte count differs from the packet's bytes"},
    {"PACKET_TRUNCATED", "the packet has no End of record"},
    {"PACKET_FRAMING", "the framing line's addresses or byte count could not be read"},
    {"PACKET_LEFTOVER", "bytes after the last SIP message of the packet"},
    {"PACKET_END_MISMATCH", "the End of record does not match the packet it closes"},
};

const char *uclog__packet_defect_name(int32_t code, const char **text)
{
    size_t i = (size_t)(code - 100);
    if (code < 100 || i >= sizeof(packet_defects) / sizeof(packet_defects[0])) {
        *text = NULL;
        return NULL;
    }
    *text = packet_defects[i][1];
    return packet_defects[i][0];
}

/* ---- the framing line ---- */

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

/* uclog_packet_parse_framing(), telling also where it stopped reading: after
 * "bytes" when it returns 0 (*used is set only then). */
static int parse_framing(int32_t *direction, int *is_end, uclog_str *remote, uint32_t *remote_port,
                         uclog_str *local, uint32_t *local_port, uint64_t *declared, size_t *used,
                         uclog_str text)
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
    return parse_framing(direction, is_end, remote, remote_port, local, local_port, declared, NULL, text);
}

enum { FRAMING_NONE, FRAMING_OPEN, FRAMING_END };

/* Which framing line a record's text is, without reading its fields: what
 * uclog_packet_parse_framing() tells by UCLOG_E_NOT_FOUND and is_end. */
static int framing_kind(uclog_str text)
{
    const char *p = text.ptr;
    size_t n = text.len;
    int end = 0;

    /* Most records are not framing lines: look at the first byte first. */
    if (!p || !n || (p[0] != 'S' && p[0] != 'D' && p[0] != 'E'))
        return FRAMING_NONE;
    if (n >= 7 && !memcmp(p, "End of ", 7)) {
        p += 7;
        n -= 7;
        end = 1;
    }
    if ((n >= 14 && !memcmp(p, "Sending Packet", 14)) || (n >= 13 && !memcmp(p, "Data Received", 13)))
        return end ? FRAMING_END : FRAMING_OPEN;
    return FRAMING_NONE;
}

/* A record's text, read from the record the iterator lends. */
static uclog_str record_text(const uclog_record *rec)
{
    uclog_str t;
    t.ptr = rec->ptr + rec->text_off;
    t.len = rec->text_len;
    return t;
}

/* ---- packet iteration ---- */

int uclog_packet_iter_new(uclog_packet_iter **out, uclog_log *log)
{
    uclog_packet_iter *it;
    int rc;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!log)
        return UCLOG_E_INVALID_ARG;
    it = uclog__calloc(log->ctx, 1, sizeof(*it));
    if (!it)
        return UCLOG_E_NOMEM;
    it->log = log;
    rc = uclog_record_iter_new(&it->rit, log);
    if (rc) {
        uclog__free(log->ctx, it);
        return rc;
    }
    *out = it;
    return UCLOG_OK;
}

void uclog_packet_iter_free(uclog_packet_iter *it)
{
    if (!it)
        return;
    uclog_record_iter_free(it->rit);
    uclog__free(it->log->ctx, it->pkt.defects);
    uclog__free(it->log->ctx, it->buf);
    uclog__free(it->log->ctx, it);
}

static int pkt_defect(const uclog_ctx *ctx, uclog_packet *p, int32_t code, const uclog_span *where)
{
    uclog_defect *d;

    if (uclog__grow(ctx, (void **)&p->defects, &p->defects_cap, p->ndefects + 1, sizeof(*p->defects)))
        return UCLOG_E_NOMEM;
    d = &p->defects[p->ndefects++];
    memset(d, 0, sizeof(*d));
    d->code = code;
    d->span = *where;
    return UCLOG_OK;
}

static int next_record(const uclog_record **rec, uclog_packet_iter *it)
{
    if (it->pending) {
        *rec = it->pending;
        it->pending = NULL;
        return UCLOG_OK;
    }
    return uclog_record_iter_next(rec, it->rit);
}

static void copy_addr(char *dst, size_t *dlen, uclog_str s)
{
    size_t n = s.len < ADDR_MAX ? s.len : ADDR_MAX;
    memcpy(dst, s.ptr, n);
    *dlen = n;
}

/* The packet runs through rec; note where rec ends. */
static void extend_span(uclog_packet *p, const uclog_record *rec)
{
    uclog_span s;
    uclog_record_span(&s, rec);
    p->span.length = s.offset + s.length - p->span.offset;
    if (rec->len && rec->ptr[rec->len - 1] == '\n') {
        p->end_line = uclog__sat32((uint64_t)s.line + rec->nlines);
        p->end_column = 1;
    } else {
        size_t i = rec->len;
        while (i > 0 && rec->ptr[i - 1] != '\n')
            i--;
        p->end_line = uclog__sat32((uint64_t)s.line + (rec->nlines ? rec->nlines - 1 : 0));
        p->end_column = uclog__sat32((uint64_t)(rec->len - i) + (i ? 1 : s.column));
    }
}

/* Fill the packet's framing facts from its opening record. */
static int open_packet(uclog_packet_iter *it, const uclog_record *rec, uclog_str text)
{
    uclog_packet *p = &it->pkt;
    uclog_str a, l;
    size_t used = 0;
    int rc;

    p->ndefects = 0;
    rc = parse_framing(&p->direction, NULL, &a, &p->remote_port, &l, &p->local_port, &p->declared, &used,
                       text);
    it->open_text_len = 0;
    if (rc == 0 && used <= OPEN_TEXT_MAX) {
        memcpy(it->open_text, text.ptr, used);
        it->open_text_len = used;
    }
    p->has_remote = a.len > 0 && a.len <= ADDR_MAX;
    p->has_local = l.len > 0 && l.len <= ADDR_MAX;
    p->has_declared = rc == 0 || p->declared > 0;
    if (p->has_remote)
        copy_addr(p->remote, &p->remote_len, a);
    if (p->has_local)
        copy_addr(p->local, &p->local_len, l);
    p->ts_ok = uclog_record_timestamp(&p->ts, rec) == 0;
    p->pid = uclog_record_pid(rec);
    p->tid = uclog_record_tid(rec);
    uclog_record_span(&p->span, rec);
    extend_span(p, rec);
    it->buf_len = 0;
    p->bytes.ptr = NULL;
    p->bytes.len = 0;
    memset(&p->bytes_span, 0, sizeof(p->bytes_span));
    if (rc == UCLOG_E_FORMAT) {
        uclog_span where;
        uclog_record_span(&where, rec);
        where.length = rec->len;
        return pkt_defect(it->log->ctx, p, UCLOG_DEFECT_PACKET_FRAMING, &where);
    }
    return UCLOG_OK;
}

/* Append bytes to the packet: keep a view when they are the first and the
 * log's bytes stay put; otherwise join them in the iterator's buffer. */
static int add_bytes(uclog_packet_iter *it, const char *ptr, size_t len, const uclog_span *where)
{
    uclog_packet *p = &it->pkt;
    int copy = it->log->read != NULL;

    if (len == 0)
        return UCLOG_OK;
    if (!p->bytes.ptr) {
        p->bytes_span = *where;
        p->bytes_span.length = 0;
        if (!copy) {
            p->bytes.ptr = ptr;
            p->bytes.len = len;
            return UCLOG_OK;
        }
    }
    if (p->bytes.ptr && p->bytes.ptr != it->buf) {
        /* The first part was a view: move it into the buffer. */
        if (uclog__grow(it->log->ctx, (void **)&it->buf, &it->buf_cap, p->bytes.len, 1))
            return UCLOG_E_NOMEM;
        memcpy(it->buf, p->bytes.ptr, p->bytes.len);
        it->buf_len = p->bytes.len;
    }
    if (it->buf_len > SIZE_MAX - len ||
        uclog__grow(it->log->ctx, (void **)&it->buf, &it->buf_cap, it->buf_len + len, 1))
        return UCLOG_E_NOMEM;
    memcpy(it->buf + it->buf_len, ptr, len);
    it->buf_len += len;
    p->bytes.ptr = it->buf;
    p->bytes.len = it->buf_len;
    return UCLOG_OK;
}

/*
 * The client starts the End of record on a new line: when a message does not
 * end in a line break it adds one, which is not part of the message. Which
 * case it was shows in the declared byte count; when that count matches
 * neither (an edited log, CRLF turned into LF), the last line break is taken
 * as the added one.
 */
static int close_packet(uclog_packet_iter *it)
{
    uclog_packet *p = &it->pkt;
    uclog_str *b = &p->bytes;
    size_t brk = 0;

    if (b->len && b->ptr[b->len - 1] == '\n')
        brk = b->len >= 2 && b->ptr[b->len - 2] == '\r' ? 2 : 1;
    if (!(p->has_declared && p->declared == b->len))
        b->len -= brk;
    if (b->ptr == it->buf)
        it->buf_len = b->len;
    if (!b->ptr)
        b->ptr = "";
    p->bytes_span.length = b->len;
    if (p->has_declared && p->declared != b->len)
        return pkt_defect(it->log->ctx, p, UCLOG_DEFECT_PACKET_BYTE_COUNT, &p->bytes_span);
    return UCLOG_OK;
}

static int check_end(uclog_packet_iter *it, const uclog_record *rec, uclog_str text)
{
    uclog_packet *p = &it->pkt;
    int32_t dir;
    uclog_str a, l;
    uint32_t ap, lp;
    uint64_t n;
    uclog_span where;

    /* The same bytes through "bytes" are read the same way: they match what
     * the packet was opened with. */
    if (it->open_text_len && text.len >= 7 + it->open_text_len &&
        !memcmp(text.ptr + 7, it->open_text, it->open_text_len))
        return UCLOG_OK;
    uclog_packet_parse_framing(&dir, NULL, &a, &ap, &l, &lp, &n, text);
    if (dir == p->direction && (!p->has_declared || n == p->declared) &&
        (!p->has_remote || (a.len == p->remote_len && !memcmp(a.ptr, p->remote, a.len) && ap == p->remote_port)))
        return UCLOG_OK;
    uclog_record_span(&where, rec);
    return pkt_defect(it->log->ctx, p, UCLOG_DEFECT_PACKET_END_MISMATCH, &where);
}

/* Read the records of the packet that rec opened, through its End of record. */
static int fill_packet(uclog_packet_iter *it, const uclog_record *open)
{
    uclog_packet *p = &it->pkt;
    const uclog_record *rec;
    uclog_str text, cont;
    uclog_span where;
    int rc, kind, contents = 0;

    /* Bytes written on the framing record's own continuation lines (keep-alives). */
    uclog_record_continuation(&cont, open);
    if (cont.len) {
        uclog_record_span(&where, open);
        where.offset += open->first_line_end;
        where.line = uclog__sat32((uint64_t)where.line + 1);
        where.column = 1;
        if ((rc = add_bytes(it, cont.ptr, cont.len, &where)))
            return rc;
    }
    for (;;) {
        rc = uclog_record_iter_next(&rec, it->rit);
        if (rc == UCLOG_DONE)
            break;
        if (rc)
            return rc;
        text = record_text(rec);
        kind = rec->has_header ? framing_kind(text) : FRAMING_NONE;
        if (rec->has_header && (rec->pid != p->pid || rec->tid != p->tid)) {
            /* Another thread's trace line, or its End of: not this packet's. */
            if (kind != FRAMING_OPEN)
                continue;
            /* Another thread's packet starts: this one ends here (truncated). */
            it->pending = rec;
            break;
        }
        if (rec->span.file == p->span.file && kind != FRAMING_NONE) {
            if (kind == FRAMING_END) {
                extend_span(p, rec);
                if ((rc = check_end(it, rec, text)))
                    return rc;
                return close_packet(it);
            }
        } else if (rec->span.file == p->span.file && contents++ == 0) {
            /* The message record: its text through its last line. */
            uclog_record_span(&where, rec);
            where.offset += rec->text_off;
            where.column = uclog__sat32((uint64_t)(where.column ? where.column : 1) + rec->text_off);
            if ((rc = add_bytes(it, rec->ptr + rec->text_off, rec->len - rec->text_off, &where)))
                return rc;
            extend_span(p, rec);
            continue;
        }
        it->pending = rec; /* cannot belong: it starts what follows */
        break;
    }
    rc = close_packet(it);
    if (rc)
        return rc;
    where = p->span;
    where.offset += where.length;
    where.length = 0;
    where.line = p->end_line;
    where.column = p->end_column;
    return pkt_defect(it->log->ctx, p, UCLOG_DEFECT_PACKET_TRUNCATED, &where);
}

int uclog_packet_iter_next(const uclog_packet **out, uclog_packet_iter *it)
{
    const uclog_record *rec;
    uclog_str text;
    int rc;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!it)
        return UCLOG_E_INVALID_ARG;
    if (it->status)
        return it->status;
    for (;;) {
        rc = next_record(&rec, it);
        if (rc)
            break;
        if (!rec->has_header)
            continue;
        text = record_text(rec);
        if (framing_kind(text) != FRAMING_OPEN)
            continue;
        rc = open_packet(it, rec, text);
        if (!rc)
            rc = fill_packet(it, rec);
        if (!rc) {
            *out = &it->pkt;
            return UCLOG_OK;
        }
        break;
    }
    it->status = rc;
    return rc;
}

/* ---- packet accessors ---- */

int32_t uclog_packet_direction(const uclog_packet *pkt)
{
    return pkt ? pkt->direction : UCLOG_DIRECTION_UNKNOWN;
}

static int get_addr(uclog_str *address, uint32_t *port, const char *a, size_t n, uint32_t p, int has)
{
    if (!has) {
        if (address)
            address->ptr = NULL, address->len = 0;
        if (port)
            *port = 0;
        return UCLOG_E_NOT_FOUND;
    }
    if (address)
        address->ptr = a, address->len = n;
    if (port)
        *port = p;
    return UCLOG_OK;
}

int uclog_packet_remote(uclog_str *address, uint32_t *port, const uclog_packet *pkt)
{
    if (!pkt)
        return UCLOG_E_INVALID_ARG;
    return get_addr(address, port, pkt->remote, pkt->remote_len, pkt->remote_port, pkt->has_remote);
}

int uclog_packet_local(uclog_str *address, uint32_t *port, const uclog_packet *pkt)
{
    if (!pkt)
        return UCLOG_E_INVALID_ARG;
    return get_addr(address, port, pkt->local, pkt->local_len, pkt->local_port, pkt->has_local);
}

int uclog_packet_declared_bytes(uint64_t *out, const uclog_packet *pkt)
{
    if (!out || !pkt)
        return UCLOG_E_INVALID_ARG;
    *out = pkt->declared;
    return pkt->has_declared ? UCLOG_OK : UCLOG_E_NOT_FOUND;
}

void uclog_packet_bytes(uclog_str *out, const uclog_packet *pkt)
{
    if (!out)
        return;
    if (!pkt) {
        out->ptr = NULL;
        out->len = 0;
        return;
    }
    *out = pkt->bytes;
}

void uclog_packet_bytes_span(uclog_span *out, const uclog_packet *pkt)
{
    if (!out)
        return;
    if (!pkt)
        memset(out, 0, sizeof(*out));
    else
        *out = pkt->bytes_span;
}

void uclog_packet_span(uclog_span *out, const uclog_packet *pkt)
{
    if (!out)
        return;
    if (!pkt)
        memset(out, 0, sizeof(*out));
    else
        *out = pkt->span;
}

int uclog_packet_timestamp(uclog_timestamp *out, const uclog_packet *pkt)
{
    if (!out || !pkt)
        return UCLOG_E_INVALID_ARG;
    return uclog__timestamp_get(out, &pkt->ts, pkt->ts_ok);
}

uint32_t uclog_packet_tid(const uclog_packet *pkt)
{
    return pkt ? pkt->tid : 0;
}

uint32_t uclog_packet_defect_count(const uclog_packet *pkt)
{
    return pkt ? (uint32_t)pkt->ndefects : 0;
}

int uclog_packet_defect(uclog_defect *out, const uclog_packet *pkt, uint32_t i)
{
    if (!out || !pkt)
        return UCLOG_E_INVALID_ARG;
    if (i >= pkt->ndefects)
        return UCLOG_E_RANGE;
    *out = pkt->defects[i];
    return UCLOG_OK;
}

/* ---- messages ---- */

struct uclog_msg_iter {
    uclog_ctx *ctx;
    uclog_packet_iter *pit;
    const uclog_packet *pkt;
    uclog_sip **msgs; /* the current packet's messages, parsed before the first is lent */
    size_t nmsgs, msgs_cap, next;
    int status;
};

int uclog_msg_iter_new(uclog_msg_iter **out, uclog_log *log)
{
    uclog_msg_iter *it;
    int rc;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!log)
        return UCLOG_E_INVALID_ARG;
    it = uclog__calloc(log->ctx, 1, sizeof(*it));
    if (!it)
        return UCLOG_E_NOMEM;
    it->ctx = log->ctx;
    rc = uclog_packet_iter_new(&it->pit, log);
    if (rc) {
        uclog__free(log->ctx, it);
        return rc;
    }
    *out = it;
    return UCLOG_OK;
}

static void drop_msgs(uclog_msg_iter *it)
{
    size_t i;
    for (i = 0; i < it->nmsgs; i++)
        uclog_sip_free(it->msgs[i]);
    it->nmsgs = it->next = 0;
}

void uclog_msg_iter_free(uclog_msg_iter *it)
{
    if (!it)
        return;
    drop_msgs(it);
    uclog__free(it->ctx, it->msgs);
    uclog_packet_iter_free(it->pit);
    uclog__free(it->ctx, it);
}

static int only_blanks(const char *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (p[i] != '\r' && p[i] != '\n' && p[i] != ' ' && p[i] != '\t')
            return 0;
    return 1;
}

/* Advance a position over bytes, keeping line and column right. */
static void advance(uclog_span *pos, const char *p, size_t n)
{
    const char *q = p, *end = p + n, *last = NULL, *nl;

    while (q < end && (nl = memchr(q, '\n', (size_t)(end - q))) != NULL) {
        if (pos->line)
            pos->line = uclog__sat32((uint64_t)pos->line + 1);
        last = nl;
        q = nl + 1;
    }
    if (last)
        pos->column = uclog__sat32(1 + (uint64_t)(end - last - 1));
    else if (pos->column)
        pos->column = uclog__sat32((uint64_t)pos->column + n);
    pos->offset += n;
}

/* Parse every message of the packet, so that its defects are known before
 * any of its messages is lent. */
static int split_packet(uclog_msg_iter *it)
{
    uclog_packet *p = (uclog_packet *)it->pkt;
    uclog_str b = p->bytes;
    uclog_span pos = p->bytes_span;
    size_t off = 0, last = 0;
    int rc;

    while (off < b.len && !only_blanks(b.ptr + off, b.len - off)) {
        uclog_sip *m = NULL;
        uint64_t used;
        /* Lines are counted over the previous message only when another
         * follows: most packets hold one. */
        advance(&pos, b.ptr + last, off - last);
        last = off;
        pos.length = b.len - off;
        rc = uclog_sip_parse(&m, it->ctx, b.ptr + off, b.len - off, &pos);
        if (rc == UCLOG_E_FORMAT)
            return pkt_defect(it->ctx, p, UCLOG_DEFECT_PACKET_LEFTOVER, &pos);
        if (rc)
            return rc;
        if (uclog__grow(it->ctx, (void **)&it->msgs, &it->msgs_cap, it->nmsgs + 1, sizeof(*it->msgs))) {
            uclog_sip_free(m);
            return UCLOG_E_NOMEM;
        }
        it->msgs[it->nmsgs++] = m;
        used = uclog_sip_length(m);
        if (used == 0 || used > b.len - off)
            used = b.len - off;
        off += (size_t)used;
    }
    return UCLOG_OK;
}

int uclog_msg_iter_next(const uclog_sip **msg, const uclog_packet **pkt, uclog_msg_iter *it)
{
    int rc;

    if (!msg)
        return UCLOG_E_INVALID_ARG;
    *msg = NULL;
    if (pkt)
        *pkt = NULL;
    if (!it)
        return UCLOG_E_INVALID_ARG;
    if (it->status)
        return it->status;
    while (it->next >= it->nmsgs) {
        drop_msgs(it);
        rc = uclog_packet_iter_next(&it->pkt, it->pit);
        if (!rc)
            rc = split_packet(it);
        if (rc) {
            drop_msgs(it);
            it->status = rc;
            return rc;
        }
    }
    *msg = it->msgs[it->next++];
    if (pkt)
        *pkt = it->pkt;
    return UCLOG_OK;
}
