/* Packets: records gathered into the frames that the "Sending Packet" /
 * "Data Received" … "End of …" lines open and close, per thread; a message
 * logged as several reads or cut by rotation joined. */
#include <stdlib.h>

#include <uclog/packet.h>

#include "log-layer.h"
#include "packet-internal.h"
#include "scan.h"
#include "sip-names.h"

/* At most this many frames open at once; one more ends the oldest. */
#define FRAMES_MAX 16
/* Records a received packet waits for the read that may continue it. */
#define HOLD_RECORDS 64

struct uclog_packet_iter {
    uclog_ctx *ctx;
    int copy;                  /* a stream's records lend bytes that do not last: packets copy them */
    uclog_record_iter *rit;
    int status;
    int done;                  /* the records are read */
    uclog_packet **frames;     /* allocated one by one: a lent packet never moves */
    size_t nframes, frames_cap, nactive;
    uclog_packet *lent;
    uint64_t seq, nrecords;
    uint64_t max_bytes;        /* what a frame may take or join: UCLOG_LIMIT_MAX_RECORD_BYTES */
    const uclog_log *log;
    /* A record of a file of bare SIP messages, read a message at a time (packet-bare.c): its
     * bytes stay lent while no other record is read. */
    int bare;
    const char *bare_ptr;
    size_t bare_len;
    size_t bare_at;            /* where the next message is looked for */
    uclog_span bare_pos;       /* the position of bare_at */
};

/* What framing reads of a record, taken once through the record layer's
 * accessors: the record the iterator lends, and its bytes and fields. */
struct rec_view {
    const uclog_record *rec;
    const char *ptr; /* the raw bytes */
    size_t len;
    uclog_str text;
    size_t text_off;       /* of the text in the bytes */
    size_t first_line_end; /* offset of the continuation lines */
    uint32_t nlines;
    int has_header;
    uint32_t pid, tid;
    uclog_span span;
};

static void view_record(struct rec_view *v, const uclog_record *rec)
{
    uclog_str raw, cont;

    v->rec = rec;
    uclog_record_raw(&raw, rec);
    uclog_record_continuation(&cont, rec);
    uclog_record_text(&v->text, rec);
    v->ptr = raw.ptr;
    v->len = raw.len;
    v->text_off = uclog_record_text_offset(rec);
    v->first_line_end = (size_t)(cont.ptr - raw.ptr);
    v->nlines = uclog_record_line_count(rec);
    v->has_header = uclog_record_has_header(rec);
    v->pid = uclog_record_pid(rec);
    v->tid = uclog_record_tid(rec);
    uclog_record_span(&v->span, rec);
}

/* Advance a position over bytes, keeping line and column right. */
void uclog__packet_advance(uclog_span *pos, const char *p, size_t n)
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

/* ---- packet iteration ---- */

int uclog_packet_iter_new(uclog_packet_iter **out, uclog_log *log)
{
    uclog_packet_iter *it;
    uclog_ctx *ctx;
    int rc;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!log)
        return UCLOG_E_INVALID_ARG;
    ctx = uclog_log_ctx(log);
    it = uclog__calloc(ctx, 1, sizeof(*it));
    if (!it)
        return UCLOG_E_NOMEM;
    it->ctx = ctx;
    it->log = log;
    it->copy = uclog__log_is_stream(log);
    it->max_bytes = uclog_ctx_get_limit(ctx, UCLOG_LIMIT_MAX_RECORD_BYTES);
    rc = uclog_record_iter_new(&it->rit, log);
    if (rc) {
        uclog__free(ctx, it);
        return rc;
    }
    *out = it;
    return UCLOG_OK;
}

void uclog_packet_iter_free(uclog_packet_iter *it)
{
    size_t i;

    if (!it)
        return;
    uclog_record_iter_free(it->rit);
    for (i = 0; i < it->nframes; i++) {
        uclog__free(it->ctx, it->frames[i]->defects);
        uclog__free(it->ctx, it->frames[i]->buf);
        uclog__free(it->ctx, it->frames[i]);
    }
    uclog__free(it->ctx, it->frames);
    uclog__free(it->ctx, it);
}

int uclog__packet_defect(const uclog_ctx *ctx, uclog_packet *p, int32_t code, const uclog_span *where)
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

static void copy_addr(char *dst, size_t *dlen, uclog_str s)
{
    size_t n = s.len < ADDR_MAX ? s.len : ADDR_MAX;
    memcpy(dst, s.ptr, n);
    *dlen = n;
}

/* The packet runs through rec; note where rec ends. A record of a later
 * file of the set does not stretch the span (a span is in one file). */
static void extend_span(uclog_packet *p, const struct rec_view *rec)
{
    uclog_span s;
    s = rec->span;
    if (s.file != p->span.file)
        return;
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

/* A free frame, or a new one while there are fewer than FRAMES_MAX + 1
 * (the iterator ends the oldest before that). */
static int new_frame(uclog_packet **out, uclog_packet_iter *it)
{
    uclog_packet *p = NULL;
    size_t i;

    for (i = 0; i < it->nframes; i++)
        if (it->frames[i]->state == FRAME_FREE) {
            p = it->frames[i];
            break;
        }
    if (!p) {
        if (uclog__grow(it->ctx, (void **)&it->frames, &it->frames_cap, it->nframes + 1,
                        sizeof(*it->frames)))
            return UCLOG_E_NOMEM;
        p = uclog__calloc(it->ctx, 1, sizeof(*p));
        if (!p)
            return UCLOG_E_NOMEM;
        it->frames[it->nframes++] = p;
    }
    p->ndefects = 0;
    p->buf_len = 0;
    p->contents = p->truncated = p->interleaved = p->rotated = 0;
    p->cont_of = NULL;
    p->scan_line = p->scan_body = 0;
    p->scan_started = p->scan_has_cl = 0;
    p->seq = it->seq++;
    p->state = FRAME_OPEN;
    it->nactive++;
    *out = p;
    return UCLOG_OK;
}

static void free_frame(uclog_packet_iter *it, uclog_packet *p)
{
    p->state = FRAME_FREE;
    it->nactive--;
}

/* The frame of a thread in a state, or NULL. */
static uclog_packet *thread_frame(uclog_packet_iter *it, uint32_t pid, uint32_t tid, int state)
{
    size_t i;
    for (i = 0; i < it->nframes; i++) {
        uclog_packet *p = it->frames[i];
        if (p->state == state && p->pid == pid && p->tid == tid)
            return p;
    }
    return NULL;
}

/* The frame opened first that is not handed out yet, or NULL. */
static uclog_packet *oldest_frame(uclog_packet_iter *it)
{
    uclog_packet *best = NULL;
    size_t i;
    for (i = 0; i < it->nframes; i++) {
        uclog_packet *p = it->frames[i];
        if (p->state != FRAME_FREE && p->state != FRAME_LENT && (!best || p->seq < best->seq))
            best = p;
    }
    return best;
}

/* The open frame opened last, or NULL. */
static uclog_packet *newest_open_frame(uclog_packet_iter *it)
{
    uclog_packet *best = NULL;
    size_t i;
    for (i = 0; i < it->nframes; i++) {
        uclog_packet *p = it->frames[i];
        if (p->state == FRAME_OPEN && (!best || p->seq > best->seq))
            best = p;
    }
    return best;
}

/* Append bytes to the packet: keep a view while they follow each other in
 * the log's bytes, which stay put; otherwise join them in the packet's
 * buffer. */
static int add_bytes(uclog_packet_iter *it, uclog_packet *p, const char *ptr, size_t len, const uclog_span *where)
{
    int copy = it->copy;

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
    } else if (!copy && p->bytes.ptr != p->buf && ptr == p->bytes.ptr + p->bytes.len) {
        p->bytes.len += len;
        return UCLOG_OK;
    }
    if (p->bytes.ptr && p->bytes.ptr != p->buf) {
        /* The first part was a view: move it into the buffer. */
        if (uclog__grow(it->ctx, (void **)&p->buf, &p->buf_cap, p->bytes.len, 1))
            return UCLOG_E_NOMEM;
        memcpy(p->buf, p->bytes.ptr, p->bytes.len);
        p->buf_len = p->bytes.len;
    }
    if (p->buf_len > SIZE_MAX - len ||
        uclog__grow(it->ctx, (void **)&p->buf, &p->buf_cap, p->buf_len + len, 1))
        return UCLOG_E_NOMEM;
    memcpy(p->buf + p->buf_len, ptr, len);
    p->buf_len += len;
    p->bytes.ptr = p->buf;
    p->bytes.len = p->buf_len;
    return UCLOG_OK;
}

/* Fill a new frame's framing facts from its opening record, and take the
 * bytes written on that record's own continuation lines (keep-alives). */
static int open_packet(uclog_packet_iter *it, uclog_packet *p, const struct rec_view *rec, uclog_str text)
{
    uclog_str a, l, cont;
    uclog_span where;
    size_t used = 0;
    int rc;

    rc = uclog__packet_parse_framing(&p->direction, NULL, &a, &p->remote_port, &l, &p->local_port, &p->declared, &used,
                       text);
    p->open_text_len = 0;
    if (rc == 0 && used <= OPEN_TEXT_MAX) {
        memcpy(p->open_text, text.ptr, used);
        p->open_text_len = used;
    }
    p->has_remote = a.len > 0 && a.len <= ADDR_MAX;
    p->has_local = l.len > 0 && l.len <= ADDR_MAX;
    /* A reused frame keeps nothing of its last packet: continues() compares
     * the addresses' lengths and bytes also when both are absent. */
    p->remote_len = p->local_len = 0;
    p->has_declared = rc == 0 || p->declared > 0;
    if (p->has_remote)
        copy_addr(p->remote, &p->remote_len, a);
    if (p->has_local)
        copy_addr(p->local, &p->local_len, l);
    p->ts_ok = uclog_record_timestamp(&p->ts, rec->rec) == 0;
    p->pid = rec->pid;
    p->tid = rec->tid;
    p->level = uclog_record_level(rec->rec);
    p->span = rec->span;
    p->open_span = p->span;
    p->open_span.length = rec->first_line_end;
    extend_span(p, rec);
    p->bytes.ptr = NULL;
    p->bytes.len = 0;
    /* Until bytes come: where they would start, after the framing line. */
    p->bytes_span = p->open_span;
    p->bytes_span.offset += rec->first_line_end;
    p->bytes_span.line = uclog__sat32((uint64_t)p->bytes_span.line + 1);
    p->bytes_span.column = 1;
    p->bytes_span.length = 0;
    if (rc == UCLOG_E_FORMAT) {
        where = rec->span;
        where.length = rec->len;
        if ((rc = uclog__packet_defect(it->ctx, p, UCLOG_DEFECT_PACKET_FRAMING, &where)))
            return rc;
    }
    cont.ptr = rec->ptr + rec->first_line_end;
    cont.len = rec->len - rec->first_line_end;
    if (cont.len) {
        where = rec->span;
        where.offset += rec->first_line_end;
        where.line = uclog__sat32((uint64_t)where.line + 1);
        where.column = 1;
        return add_bytes(it, p, cont.ptr, cont.len, &where);
    }
    return UCLOG_OK;
}

/*
 * The client starts the End of record on a new line: when a message does not
 * end in a line break it adds one, which is not part of the message. Which
 * case it was shows in the declared byte count; when that count matches
 * neither (an edited log, CRLF turned into LF), the last line break is taken
 * as the added one.
 */
static int close_packet(uclog_packet_iter *it, uclog_packet *p)
{
    uclog_str *b = &p->bytes;
    size_t brk = 0;

    if (b->len && b->ptr[b->len - 1] == '\n')
        brk = b->len >= 2 && b->ptr[b->len - 2] == '\r' ? 2 : 1;
    if (!(p->has_declared && p->declared == b->len))
        b->len -= brk;
    if (b->ptr == p->buf)
        p->buf_len = b->len;
    if (!b->ptr)
        b->ptr = "";
    p->bytes_span.length = b->len;
    if (p->has_declared && p->declared != b->len)
        return uclog__packet_defect(it->ctx, p, UCLOG_DEFECT_PACKET_BYTE_COUNT, &p->bytes_span);
    return UCLOG_OK;
}

static int check_end(uclog_packet_iter *it, uclog_packet *p, const struct rec_view *rec, uclog_str text)
{
    int32_t dir;
    uclog_str a, l;
    uint32_t ap, lp;
    uint64_t n;
    uclog_span where;

    /* The same bytes through "bytes" are read the same way: they match what
     * the packet was opened with. */
    if (p->open_text_len && text.len >= 7 + p->open_text_len &&
        !memcmp(text.ptr + 7, p->open_text, p->open_text_len))
        return UCLOG_OK;
    uclog__packet_parse_framing(&dir, NULL, &a, &ap, &l, &lp, &n, NULL, text);
    if (dir == p->direction && (!p->has_declared || n == p->declared) &&
        (!p->has_remote || (a.len == p->remote_len && !memcmp(a.ptr, p->remote, a.len) && ap == p->remote_port)))
        return UCLOG_OK;
    where = rec->span;
    return uclog__packet_defect(it->ctx, p, UCLOG_DEFECT_PACKET_END_MISMATCH, &where);
}

/* ---- a message logged as several reads ---- */

/* The first line is a SIP start line ("SIP/2.0 …" or "… SIP/2.0"). */
static int starts_sip(uclog_str b)
{
    const char *nl = memchr(b.ptr, '\n', b.len);
    size_t n = nl ? (size_t)(nl - b.ptr) : b.len;

    if (n && b.ptr[n - 1] == '\r')
        n--;
    return (n >= 8 && !memcmp(b.ptr, "SIP/2.0 ", 8)) || (n >= 8 && !memcmp(b.ptr + n - 8, " SIP/2.0", 8));
}

/*
 * The last message of the packet's bytes wants more: its headers do not end,
 * or its Content-Length is more than the bytes after them. Read only when a
 * read that may continue the packet comes, and resumed where it stopped:
 * the bytes only grow by joining, so a packet joined from many reads is
 * still scanned once.
 */
static int wants_more(uclog_packet *h)
{
    const char *d = h->bytes.ptr;
    size_t len = h->bytes.len;

    for (;;) {
        const char *nl;
        size_t n;

        if (h->scan_body) {
            size_t next;
            if (!h->scan_has_cl)
                return 0; /* no length: the message runs to the end */
            if (h->scan_cl > (uint64_t)(len - h->scan_body))
                return 1;
            next = h->scan_body + (size_t)h->scan_cl;
            while (next < len && (d[next] == '\r' || d[next] == '\n' || d[next] == ' ' || d[next] == '\t'))
                next++;
            if (next == len)
                return 0;
            h->scan_line = next; /* another message starts */
            h->scan_body = 0;
            h->scan_has_cl = 0;
            h->scan_started = 0;
        }
        if (!h->scan_started) {
            while (h->scan_line < len && (d[h->scan_line] == '\r' || d[h->scan_line] == '\n'))
                h->scan_line++;
            if (h->scan_line == len)
                return 0;
        }
        nl = memchr(d + h->scan_line, '\n', len - h->scan_line);
        if (!nl)
            return 1;
        n = (size_t)(nl - (d + h->scan_line));
        if (n && d[h->scan_line + n - 1] == '\r')
            n--;
        if (!h->scan_started) {
            h->scan_started = 1; /* the start line */
        } else if (n == 0) {
            h->scan_body = (size_t)(nl + 1 - d);
        } else {
            const char *line = d + h->scan_line, *colon = memchr(line, ':', n);
            uclog_str name = {line, colon ? (size_t)(colon - line) : 0}, value;
            while (name.len && uclog__is_space((unsigned char)name.ptr[name.len - 1]))
                name.len--;
            if (colon && uclog__sip_name_matches(name, "Content-Length")) {
                value.ptr = colon + 1;
                value.len = n - (size_t)(colon + 1 - line);
                h->scan_has_cl = uclog_sip_parse_u64(&h->scan_cl, value) == UCLOG_OK;
            }
        }
        h->scan_line = (size_t)(nl + 1 - d);
    }
}

/* Whether read r goes on with the message of the held packet h. */
static int continues(uclog_packet *h, const uclog_packet *r, uint64_t max_bytes)
{
    return r->direction == UCLOG_DIRECTION_RECEIVED && r->has_remote == h->has_remote &&
           r->has_local == h->has_local && r->remote_port == h->remote_port &&
           r->local_port == h->local_port && r->remote_len == h->remote_len &&
           r->local_len == h->local_len && !memcmp(r->remote, h->remote, r->remote_len) &&
           !memcmp(r->local, h->local, r->local_len) && r->bytes.len &&
           !uclog__only_blanks(r->bytes.ptr, r->bytes.len) && !starts_sip(r->bytes) &&
           h->bytes.len + r->bytes.len <= max_bytes && wants_more(h);
}

/* Join read r onto the held packet h; r's frame is freed. */
static int join_read(uclog_packet_iter *it, uclog_packet *h, uclog_packet *r)
{
    size_t i;
    int rc;

    if ((rc = add_bytes(it, h, r->bytes.ptr, r->bytes.len, &r->bytes_span)))
        return rc;
    h->bytes_span.length = h->bytes.len;
    if (r->span.file == h->span.file) {
        h->span.length = r->span.offset + r->span.length - h->span.offset;
        h->end_line = r->end_line;
        h->end_column = r->end_column;
    }
    if ((rc = uclog__packet_defect(it->ctx, h, UCLOG_DEFECT_PACKET_JOINED, &r->open_span)))
        return rc;
    for (i = 0; i < r->ndefects; i++)
        if ((rc = uclog__packet_defect(it->ctx, h, r->defects[i].code, &r->defects[i].span)))
            return rc;
    h->held_at = it->nrecords;
    free_frame(it, r);
    return UCLOG_OK;
}

/* A held packet of another thread that a read without a start line may
 * continue: reads complete on whichever thread the system picks. */
static uclog_packet *held_elsewhere(uclog_packet_iter *it, const uclog_packet *r)
{
    size_t i;

    if (r->direction != UCLOG_DIRECTION_RECEIVED || !r->bytes.len || starts_sip(r->bytes))
        return NULL;
    for (i = 0; i < it->nframes; i++) {
        uclog_packet *h = it->frames[i];
        if (h->state == FRAME_HELD && (h->pid != r->pid || h->tid != r->tid) &&
            h->remote_port == r->remote_port && h->local_port == r->local_port)
            return h;
    }
    return NULL;
}

/* A frame has its bytes: join it onto the packet it continues, or let it
 * wait (a received one) for a read that may continue it, or hand it out. */
static int complete_frame(uclog_packet_iter *it, uclog_packet *p)
{
    uclog_packet *h = p->cont_of;

    if (h && h->state == FRAME_HELD && h->seq == p->cont_seq) {
        if (continues(h, p, it->max_bytes))
            return join_read(it, h, p);
        h->state = FRAME_READY;
    } else if ((h = held_elsewhere(it, p)) != NULL && continues(h, p, it->max_bytes)) {
        return join_read(it, h, p);
    }
    if (p->direction == UCLOG_DIRECTION_RECEIVED && !p->truncated && !it->done) {
        p->state = FRAME_HELD;
        p->held_at = it->nrecords;
    } else {
        p->state = FRAME_READY;
    }
    return UCLOG_OK;
}

/* The frame ends without its End of record. */
static int truncate_frame(uclog_packet_iter *it, uclog_packet *p)
{
    uclog_span where;
    int rc = close_packet(it, p);

    if (rc)
        return rc;
    where = p->span;
    where.offset += where.length;
    where.length = 0;
    where.line = p->end_line;
    where.column = p->end_column;
    if ((rc = uclog__packet_defect(it->ctx, p, UCLOG_DEFECT_PACKET_TRUNCATED, &where)))
        return rc;
    p->truncated = 1;
    return complete_frame(it, p);
}

static int end_frame(uclog_packet_iter *it, uclog_packet *p, const struct rec_view *rec, uclog_str text)
{
    int rc;

    extend_span(p, rec);
    if ((rc = check_end(it, p, rec, text)) || (rc = close_packet(it, p)))
        return rc;
    return complete_frame(it, p);
}

/* More records are taken only while the declared count is not reached and
 * the record fits in it (with the line break the client adds before its
 * End of), never over the record size limit. */
static int fits(const uclog_packet_iter *it, const uclog_packet *p, const struct rec_view *rec)
{
    uint64_t cap = p->declared < it->max_bytes ? p->declared : it->max_bytes;
    return p->has_declared && (uint64_t)p->bytes.len < cap && (uint64_t)(p->bytes.len + rec->len) <= cap + 2;
}

/* A record of the frame's thread (or a headerless one) that is not framing:
 * the message record, or, before the declared byte count is reached, more
 * of the message; else it cannot belong and the frame ends, truncated. */
static int take_record(uclog_packet_iter *it, uclog_packet *p, const struct rec_view *rec)
{
    uclog_span where;
    size_t from = 0;
    int other_file = rec->span.file != p->span.file, rc;

    if (p->contents && !fits(it, p, rec))
        return truncate_frame(it, p);
    where = rec->span;
    if (p->contents == 0 && rec->has_header) {
        from = rec->text_off;
    } else if (rec->has_header) {
        if ((rc = uclog__packet_defect(it->ctx, p, UCLOG_DEFECT_PACKET_HEADER_INSIDE, &where)))
            return rc;
    } else if (where.offset == 0 && rec->len >= 3 && !memcmp(rec->ptr, "\xEF\xBB\xBF", 3)) {
        from = 3; /* a later file's byte order mark */
    }
    if (other_file && !p->rotated) {
        uclog_span at = where;
        at.offset += from;
        at.length = rec->len - from;
        p->rotated = 1;
        if ((rc = uclog__packet_defect(it->ctx, p, UCLOG_DEFECT_PACKET_ROTATED, &at)))
            return rc;
    }
    where.offset += from;
    where.column = uclog__sat32((uint64_t)(where.column ? where.column : 1) + from);
    if ((rc = add_bytes(it, p, rec->ptr + from, rec->len - from, &where)))
        return rc;
    p->contents++;
    extend_span(p, rec);
    return UCLOG_OK;
}

/* A framing record opens a frame for its thread. */
static int open_frame(uclog_packet_iter *it, const struct rec_view *rec, uclog_str text, uclog_packet *held)
{
    uclog_packet *p;
    size_t i;
    int rc;

    if ((rc = new_frame(&p, it)) || (rc = open_packet(it, p, rec, text)))
        return rc;
    if (held && p->direction == UCLOG_DIRECTION_RECEIVED) {
        p->cont_of = held;
        p->cont_seq = held->seq;
    } else if (held) {
        held->state = FRAME_READY;
    }
    /* Another thread's frame that is open goes on around this one. */
    for (i = 0; i < it->nframes; i++) {
        uclog_packet *o = it->frames[i];
        if (o != p && o->state == FRAME_OPEN && !o->interleaved) {
            o->interleaved = 1;
            if ((rc = uclog__packet_defect(it->ctx, o, UCLOG_DEFECT_PACKET_INTERLEAVED, &p->open_span)))
                return rc;
        }
    }
    return UCLOG_OK;
}

static int finish_frames(uclog_packet_iter *it);

/* A record of a file of bare SIP messages: every frame of the files before it ends, and its
 * messages are read one packet each. */
static int start_bare(uclog_packet_iter *it, const struct rec_view *rec)
{
    int rc = finish_frames(it);

    if (rc)
        return rc;
    it->bare = 1;
    it->bare_ptr = rec->ptr;
    it->bare_len = rec->len;
    it->bare_at = 0;
    it->bare_pos = rec->span;
    it->bare_pos.length = 0;
    return UCLOG_OK;
}

/* The next message of the bare record as a packet ready to be handed out, or the record is done. */
static int bare_packet(uclog_packet_iter *it)
{
    const char *d = it->bare_ptr;
    struct uclog__bare_msg m;
    uclog_packet *p;
    uclog_span open;
    size_t from, used;
    int rc;

    if (uclog__bare_next(&m, d, it->bare_len, it->bare_at) != UCLOG_OK) {
        it->bare = 0;
        return UCLOG_OK;
    }
    if ((rc = new_frame(&p, it)))
        return rc;
    from = m.has_framing ? m.framing : m.start;
    uclog__packet_advance(&it->bare_pos, d + it->bare_at, from - it->bare_at);
    open = it->bare_pos;
    p->direction = UCLOG_DIRECTION_UNKNOWN;
    p->has_remote = p->has_local = p->has_declared = p->ts_ok = 0;
    p->remote_len = p->local_len = 0;
    p->remote_port = p->local_port = 0;
    p->declared = 0;
    p->open_text_len = 0;
    p->pid = p->tid = 0;
    p->level = UCLOG_LEVEL_UNKNOWN;
    memset(&p->ts, 0, sizeof(p->ts));
    if (m.has_framing) {
        uclog_str a, l, t = {d + m.framing, m.framing_len};
        rc = uclog__packet_parse_framing(&p->direction, NULL, &a, &p->remote_port, &l, &p->local_port,
                                         &p->declared, &used, t);
        p->has_declared = rc == UCLOG_OK || p->declared > 0;
        p->has_remote = a.len > 0 && a.len <= ADDR_MAX;
        p->has_local = l.len > 0 && l.len <= ADDR_MAX;
        if (p->has_remote)
            copy_addr(p->remote, &p->remote_len, a);
        if (p->has_local)
            copy_addr(p->local, &p->local_len, l);
        open.length = m.framing_len;
        uclog__packet_advance(&it->bare_pos, d + m.framing, m.start - m.framing);
    }
    p->open_span = open;
    p->bytes.ptr = NULL;
    p->bytes.len = 0;
    p->bytes_span = it->bare_pos;
    if ((rc = add_bytes(it, p, d + m.start, m.end - m.start, &it->bare_pos)))
        return rc;
    p->bytes_span.length = m.end - m.start;
    uclog__packet_advance(&it->bare_pos, d + m.start, m.end - m.start);
    p->span = open;
    p->span.length = (uint64_t)(it->bare_pos.offset - open.offset);
    p->end_line = it->bare_pos.line;
    p->end_column = it->bare_pos.column;
    it->bare_at = m.end;
    p->state = FRAME_READY;
    if (p->has_declared && p->declared != p->bytes.len)
        return uclog__packet_defect(it->ctx, p, UCLOG_DEFECT_PACKET_BYTE_COUNT, &p->bytes_span);
    return UCLOG_OK;
}

/* One record, given to the frame of its thread. */
static int dispatch(uclog_packet_iter *it, const struct rec_view *rec)
{
    uclog_packet *p, *held;
    uclog_str text;
    int kind, rc;

    it->nrecords++;
    if (!rec->has_header && uclog_log_file_kind(it->log, rec->span.file) == UCLOG_FILE_KIND_SIP)
        return start_bare(it, rec);
    if (!rec->has_header) {
        /* Text before the first header of a later file of the set, or the
         * rest of a record cut at the size limit: the newest open frame's. */
        p = it->nactive ? newest_open_frame(it) : NULL;
        return p ? take_record(it, p, rec) : UCLOG_OK;
    }
    text = rec->text;
    kind = uclog__packet_framing_kind(text);
    if (!it->nactive)
        return kind == UCLOG__FRAMING_OPEN ? open_frame(it, rec, text, NULL) : UCLOG_OK;
    p = thread_frame(it, rec->pid, rec->tid, FRAME_OPEN);
    /* A held packet waits for its thread's next record: only a read can
     * continue it (and the records of that read). */
    held = thread_frame(it, rec->pid, rec->tid, FRAME_HELD);
    if (held && (p ? p->cont_of != held : kind != UCLOG__FRAMING_OPEN))
        held->state = FRAME_READY, held = NULL;
    switch (kind) {
    case UCLOG__FRAMING_END:
        return p ? end_frame(it, p, rec, text) : UCLOG_OK;
    case UCLOG__FRAMING_OPEN:
        /* Inside the declared count, a line of the thread's own is part of
         * the bytes, even one shaped like a framing record. */
        if (p && p->contents && fits(it, p, rec))
            return take_record(it, p, rec);
        if (p && (rc = truncate_frame(it, p)))
            return rc;
        return open_frame(it, rec, text, held);
    default:
        return p ? take_record(it, p, rec) : UCLOG_OK;
    }
}

/* The records are read: every open frame ends, truncated, and nothing waits. */
static int finish_frames(uclog_packet_iter *it)
{
    uclog_packet *p;
    size_t i;
    int rc;

    for (;;) {
        uclog_packet *first = NULL;
        for (i = 0; i < it->nframes; i++) {
            p = it->frames[i];
            if (p->state == FRAME_OPEN && (!first || p->seq < first->seq))
                first = p;
        }
        if (!first)
            break;
        if ((rc = truncate_frame(it, first)))
            return rc;
    }
    for (i = 0; i < it->nframes; i++)
        if (it->frames[i]->state == FRAME_HELD)
            it->frames[i]->state = FRAME_READY;
    return UCLOG_OK;
}

int uclog__packet_next(uclog_packet **out, uclog_packet_iter *it)
{
    const uclog_record *rec;
    struct rec_view view;
    uclog_packet *p;
    int rc;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!it)
        return UCLOG_E_INVALID_ARG;
    if (it->status)
        return it->status;
    if (it->lent) {
        free_frame(it, it->lent);
        it->lent = NULL;
    }
    for (;;) {
        /* Packets go out in the order they were opened, each once complete. */
        p = it->nactive ? oldest_frame(it) : NULL;
        if (p) {
            if (p->state == FRAME_HELD && it->nrecords - p->held_at > HOLD_RECORDS)
                p->state = FRAME_READY;
            if (p->state == FRAME_READY) {
                p->state = FRAME_LENT;
                it->lent = p;
                *out = p;
                return UCLOG_OK;
            }
            if (it->nactive > FRAMES_MAX) {
                /* Bounded memory: the oldest frame ends here. */
                if (p->state == FRAME_HELD)
                    p->state = FRAME_READY;
                else if ((rc = truncate_frame(it, p)))
                    break;
                continue;
            }
        }
        if (it->bare) {
            if ((rc = bare_packet(it)))
                break;
            continue;
        }
        if (it->done) {
            if (!p) {
                rc = UCLOG_DONE;
                break;
            }
            if ((rc = finish_frames(it)))
                break;
            continue;
        }
        rc = uclog_record_iter_next(&rec, it->rit);
        if (rc == UCLOG_DONE) {
            it->done = 1;
            continue;
        }
        if (rc)
            break;
        view_record(&view, rec);
        if ((rc = dispatch(it, &view)))
            break;
    }
    it->status = rc;
    return rc;
}

int uclog_packet_iter_next(const uclog_packet **out, uclog_packet_iter *it)
{
    uclog_packet *p = NULL;
    int rc;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    rc = uclog__packet_next(&p, it);
    *out = p;
    return rc;
}

/* ---- packet accessors ---- */
