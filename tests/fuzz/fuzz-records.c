/*
 * Fuzz target: a whole log. The input is read as a buffer and, with the
 * same bytes, through a reader callback that hands them over in random
 * chunk sizes (the first input byte seeds the sizes). Records, packets,
 * messages and the index are walked, every accessor touched, and the
 * records must tile the input: contiguous offsets, lengths summing to the
 * size, and the same records from the buffer and from the stream. Each
 * runs with default limits, tiny limits and a failing allocator. Input
 * that starts as a gzip or zip file is decompressed from the buffer (its
 * files tiled one after the other) and refused from the stream.
 */
#include "fuzz.h"

struct chunks {
    const uint8_t *data;
    size_t size, pos;
    uint32_t rng;
};

static uint32_t next_rand(uint32_t *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 16;
}

static int64_t read_chunks(void *userdata, void *buf, size_t cap)
{
    struct chunks *c = userdata;
    size_t n = c->size - c->pos;
    uint32_t r = next_rand(&c->rng);
    size_t want = (r & 3) == 0 ? 1 + r % 7 : 1 + r % 4096;

    if (n > want)
        n = want;
    if (n > cap)
        n = cap;
    memcpy(buf, c->data + c->pos, n);
    c->pos += n;
    return (int64_t)n;
}

/* What the buffer pass saw of each record, to compare with the stream pass. */
struct seen {
    uint64_t offset, length;
    uint32_t line, column, ndefects;
    int32_t first_defect;
};

struct pass {
    struct seen *recs;
    size_t n, cap;
    int rc;      /* how iteration ended */
    uint64_t end; /* offset after the last record */
};

static void touch_record(const uclog_record *rec)
{
    uclog_str s, raw;
    uclog_span sp;
    uclog_timestamp ts;
    uclog_defect d;
    uint32_t i, n;
    int rc;

    fz_sink += (unsigned)uclog_record_has_header(rec);
    rc = uclog_record_timestamp(&ts, rec);
    FZ_CHECK(rc == 0 || rc == UCLOG_E_NOT_FOUND);
    FZ_CHECK(ts.reserved == 0 && ts.reserved2 == 0);
    if (rc == 0)
        FZ_CHECK(uclog_record_has_header(rec));
    fz_sink += uclog_record_pid(rec) + uclog_record_tid(rec);
    FZ_CHECK(uclog_level_name(uclog_record_level(rec)) != NULL);
    uclog_record_level_word(&s, rec), fz_str(s);
    uclog_record_raw(&raw, rec), fz_str(raw);
    uclog_record_text(&s, rec), fz_str(s);
    FZ_CHECK(s.ptr >= raw.ptr && s.ptr + s.len <= raw.ptr + raw.len);
    FZ_CHECK(uclog_record_text_offset(rec) == (uint32_t)(s.ptr - raw.ptr));
    uclog_record_continuation(&s, rec), fz_str(s);
    FZ_CHECK(s.ptr >= raw.ptr && s.ptr + s.len == raw.ptr + raw.len);
    uclog_record_span(&sp, rec), fz_span(&sp);
    FZ_CHECK(sp.length == raw.len);
    FZ_CHECK(uclog_record_line_count(rec) >= (raw.len > 0));
    n = uclog_record_defect_count(rec);
    for (i = 0; i < n; i++) {
        FZ_CHECK(uclog_record_defect(&d, rec, i) == 0);
        fz_defect(&d);
    }
    FZ_CHECK(uclog_record_defect(&d, rec, n) == UCLOG_E_RANGE);
    uclog_record_text(&s, rec);
    if (uclog_record_has_header(rec)) {
        int32_t dir;
        int is_end;
        uclog_str ra, la;
        uint16_t rp, lp;
        uint64_t decl;
        rc = uclog_packet_framing_parse(&dir, &is_end, &ra, &rp, &la, &lp, &decl, s);
        FZ_CHECK(rc == 0 || rc == UCLOG_E_NOT_FOUND || rc == UCLOG_E_FORMAT);
        if (rc == 0)
            fz_str(ra), fz_str(la);
    }
}

/* Iterate records; note what was seen; check that they tile the text. */
static void walk_records(struct pass *p, uclog_log *log)
{
    uclog_record_iter *it = NULL;
    const uclog_record *rec;
    uint64_t expect = 0;
    uint32_t file = 0;
    int rc;

    p->rc = uclog_record_iter_new(&it, log);
    if (p->rc)
        return;
    while ((rc = uclog_record_iter_next(&rec, it)) == 0) {
        uclog_span sp;
        uclog_defect d;
        struct seen *s;

        touch_record(rec);
        uclog_record_span(&sp, rec);
        /* the files of a set (a zip's) one after the other, each tiled whole */
        for (; sp.file != file; file++, expect = 0) {
            FZ_CHECK(sp.file > file);
            FZ_CHECK(expect == uclog_log_file_size(log, file));
        }
        FZ_CHECK(sp.offset == expect);
        FZ_CHECK(sp.length > 0);
        expect += sp.length;
        if (p->n == p->cap) {
            size_t nc = p->cap ? 2 * p->cap : 64;
            struct seen *nr = realloc(p->recs, nc * sizeof(*nr));
            FZ_CHECK(nr != NULL);
            p->recs = nr;
            p->cap = nc;
        }
        s = &p->recs[p->n++];
        s->offset = sp.offset;
        s->length = sp.length;
        s->line = sp.line;
        s->column = sp.column;
        s->ndefects = uclog_record_defect_count(rec);
        s->first_defect = uclog_record_defect(&d, rec, 0) == 0 ? d.code : 0;
    }
    fz_status(rc);
    FZ_CHECK(rc != 0);
    FZ_CHECK(uclog_record_iter_next(&rec, it) == rc && rec == NULL); /* sticky */
    p->rc = rc;
    p->end = expect;
    /* Every byte in one record: the input's, or the UTF-8 it was transcoded to. */
    if (rc == UCLOG_DONE) {
        FZ_CHECK(expect == uclog_log_file_size(log, file));
        while (++file < uclog_log_file_count(log))
            FZ_CHECK(uclog_log_file_size(log, file) == 0);
    }
    uclog_record_iter_free(it);
}

static void touch_packet(const uclog_packet *pkt)
{
    uclog_str s;
    uclog_span sp;
    uclog_timestamp ts;
    uclog_defect d;
    uint32_t i, n;
    uint16_t port;
    uint64_t decl;

    FZ_CHECK(uclog_packet_direction(pkt) >= UCLOG_DIRECTION_UNKNOWN &&
             uclog_packet_direction(pkt) <= UCLOG_DIRECTION_RECEIVED);
    if (uclog_packet_remote_endpoint(&s, &port, pkt) == 0)
        fz_str(s), fz_addr(s, (uclog_str){NULL, 0});
    if (uclog_packet_local_endpoint(&s, &port, pkt) == 0)
        fz_str(s);
    if (uclog_packet_declared_bytes(&decl, pkt) == 0)
        fz_sink += (unsigned)decl;
    uclog_packet_bytes(&s, pkt), fz_str(s);
    uclog_packet_bytes_span(&sp, pkt), fz_span(&sp);
    FZ_CHECK(sp.length == s.len);
    uclog_packet_span(&sp, pkt), fz_span(&sp);
    if (uclog_packet_timestamp(&ts, pkt) == 0)
        fz_sink += ts.day;
    fz_sink += uclog_packet_tid(pkt);
    n = uclog_packet_defect_count(pkt);
    for (i = 0; i < n; i++) {
        FZ_CHECK(uclog_packet_defect(&d, pkt, i) == 0);
        fz_defect(&d);
    }
    FZ_CHECK(uclog_packet_defect(&d, pkt, n) == UCLOG_E_RANGE);
}

static int walk_packets(uclog_log *log)
{
    uclog_packet_iter *it = NULL;
    const uclog_packet *pkt;
    int rc = uclog_packet_iter_new(&it, log);

    if (rc)
        return rc;
    while ((rc = uclog_packet_iter_next(&pkt, it)) == 0)
        touch_packet(pkt);
    fz_status(rc);
    uclog_packet_iter_free(it);
    return rc;
}

/* Bodies of messages: SDP offers and answers, and the XML bodies. */
static void touch_body(uclog_ctx *ctx, const uclog_sip *msg)
{
    uclog_str body, type, sub, params;
    uclog_span sp;

    if (uclog_sip_body(&body, &sp, msg) != 0 || body.len == 0)
        return;
    if (uclog_sip_content_type(&type, &sub, &params, msg) != 0)
        return;
    if (sub.len == 3 && !memcmp(sub.ptr, "sdp", 3)) {
        fz_sdp_bytes(ctx, body.ptr, body.len, &sp);
    } else if (sub.len > 4 && !memcmp(sub.ptr + sub.len - 4, "+xml", 4)) {
        uclog_mras *m = NULL;
        uclog_prov *p = NULL;
        if (uclog_mras_parse(&m, ctx, body.ptr, body.len, &sp) == 0)
            uclog_mras_free(m);
        if (uclog_prov_parse(&p, ctx, body.ptr, body.len, &sp) == 0)
            uclog_prov_free(p);
    }
}

/* Every message with every SIP accessor when deep, else its headers and body only. */
static void touch_sip_light(const uclog_sip *msg)
{
    uclog_str a, b;
    uint32_t i, n = uclog_sip_header_count(msg);

    for (i = 0; i < n; i++) {
        FZ_CHECK(uclog_sip_header(&a, &b, NULL, msg, i) == 0);
        fz_str(a), fz_str(b);
    }
    if (uclog_sip_body(&a, NULL, msg) == 0)
        fz_str(a);
}

static int walk_messages(uclog_ctx *ctx, uclog_log *log, int deep)
{
    uclog_msg_iter *it = NULL;
    const uclog_sip *msg;
    const uclog_packet *pkt;
    uint64_t unusable = 0;
    int rc = uclog_msg_iter_new(&it, log);

    if (rc)
        return rc;
    /* The deep pass also takes the packets that yield no message: each has
     * the defect that says so, and the count agrees. */
    if (deep)
        FZ_CHECK(uclog_msg_iter_set_flags(it, UCLOG_MSG_ITER_UNUSABLE) == 0);
    while ((rc = uclog_msg_iter_next(&msg, &pkt, it)) == 0) {
        FZ_CHECK(pkt != NULL);
        FZ_CHECK(uclog_msg_iter_set_flags(it, 0) == UCLOG_E_STATE);
        if (!msg) {
            uclog_defect d;
            uint32_t n = uclog_packet_defect_count(pkt);
            FZ_CHECK(deep && n > 0);
            FZ_CHECK(uclog_packet_defect(&d, pkt, n - 1) == 0 && d.code == UCLOG_DEFECT_PACKET_NO_MESSAGE);
            FZ_CHECK(uclog_msg_iter_unusable_count(it) == ++unusable);
            touch_packet(pkt);
            continue;
        }
        if (deep) {
            fz_sip(msg, NULL, 0);
            touch_body(ctx, msg);
        } else {
            touch_sip_light(msg);
        }
        touch_packet(pkt);
    }
    fz_status(rc);
    uclog_msg_iter_free(it);
    return rc;
}

static void walk_index(uclog_log *log)
{
    uclog_index *idx = NULL;
    uint32_t i, n, k, c, u32;
    uint16_t u16;
    uclog_str s, s2;
    uclog_span sp;
    uclog_timestamp ts;
    int rc = uclog_index_build(&idx, log);

    fz_status(rc);
    if (rc)
        return;
    n = uclog_index_message_count(idx);
    for (i = 0; i < n; i++) {
        uclog_sip *msg = NULL;
        uint32_t req;
        int32_t type = -1;
        if (uclog_index_message_parse(&msg, idx, i) == 0) {
            touch_sip_light(msg);
            uclog_sip_free(msg);
        }
        fz_sink += (unsigned)uclog_index_message_direction(idx, i);
        FZ_CHECK(uclog_index_message_span(&sp, idx, i) == 0);
        fz_span(&sp);
        if (uclog_index_message_endpoints(&s, &u16, &s2, &u16, idx, i) == 0)
            fz_str(s), fz_str(s2);
        if (uclog_index_message_timestamp(&ts, idx, i) == 0)
            fz_sink += ts.hour;
        if (uclog_index_message_call_id(&s, idx, i) == 0) {
            fz_str(s);
            FZ_CHECK(uclog_index_call_find(&c, idx, s.ptr, s.len) == 0);
        }
        if (uclog_index_message_cseq(&u32, &s, idx, i) == 0)
            fz_str(s);
        FZ_CHECK(uclog_index_message_type(&type, &s, &u32, idx, i) == 0);
        FZ_CHECK(type == UCLOG_INDEX_REQUEST || type == UCLOG_INDEX_RESPONSE);
        if (uclog_index_request_of(&req, idx, i) == 0)
            FZ_CHECK(req < i);
        k = uclog_index_response_count(idx, i);
        for (c = 0; c < k; c++) {
            FZ_CHECK(uclog_index_response(&u32, idx, i, c) == 0);
            FZ_CHECK(u32 > i && u32 < n);
        }
        if (uclog_index_final_response(&u32, idx, i) == 0)
            FZ_CHECK(u32 < n);
        if (uclog_index_message_retransmits(&u32, idx, i) == 0) { /* an earlier message of its kind */
            FZ_CHECK(u32 < i);
            FZ_CHECK(uclog_index_message_retransmits(&req, idx, u32) == UCLOG_E_NOT_FOUND);
        }
        {
            int64_t a, b;
            FZ_CHECK(uclog_index_transaction_timing(&a, &b, idx, i) == (type == UCLOG_INDEX_REQUEST ? 0 : UCLOG_E_NOT_FOUND));
            fz_sink += (unsigned)a + (unsigned)b + uclog_index_transaction_retransmissions(idx, i);
            if (uclog_index_message_since_request(&a, idx, i) == 0)
                FZ_CHECK(type == UCLOG_INDEX_RESPONSE);
        }
    }
    FZ_CHECK(uclog_index_message_span(&sp, idx, n) == UCLOG_E_RANGE);
    n = uclog_index_call_count(idx);
    for (c = 0; c < n; c++) {
        FZ_CHECK(uclog_index_call_id(&s, idx, c) == 0);
        fz_str(s);
        k = uclog_index_call_message_count(idx, c);
        for (i = 0; i < k; i++)
            FZ_CHECK(uclog_index_call_message(&u32, idx, c, i) == 0);
    }
    uclog_index_free(idx);
}

static void run_buffer(int cfg, const uint8_t *data, size_t size, struct pass *p)
{
    uclog_ctx *ctx = fz_ctx(cfg, data, size);
    uclog_log *log = NULL;
    int32_t enc;
    uint32_t n;
    int rc, archive = fz_archive(data, size);

    rc = uclog_log_open_buffer(&log, ctx, data, size, "fuzz");
    fz_status(rc);
    if (rc) {
        FZ_CHECK((rc == UCLOG_E_NOMEM || (archive && fz_archive_error(rc))) && log == NULL);
        p->rc = rc;
        fz_ctx_free(ctx);
        return;
    }
    n = uclog_log_file_count(log);
    FZ_CHECK(n == 1 || (archive && n > 1));
    FZ_CHECK(uclog_log_file_name(log, n - 1) != NULL && uclog_log_file_name(log, n) == NULL);
    FZ_CHECK(uclog_log_ctx(log) == ctx);
    enc = uclog_log_file_encoding(log, 0);
    FZ_CHECK(enc >= UCLOG_ENCODING_UTF8 && enc <= UCLOG_ENCODING_UTF16BE);
    if (enc < UCLOG_ENCODING_UTF16LE && !archive)
        FZ_CHECK(uclog_log_file_size(log, 0) == size);
    walk_records(p, log);
    walk_packets(log);
    walk_messages(ctx, log, 1);
    walk_index(log);
    uclog_log_free(log);
    fz_ctx_free(ctx);
}

static void run_stream(int cfg, const uint8_t *data, size_t size, const struct pass *buf)
{
    uclog_ctx *ctx = fz_ctx(cfg, data, size);
    struct chunks ch = {data, size, 0, size ? data[0] : 0};
    struct pass p = {NULL, 0, 0, 0, 0};
    uclog_log *log = NULL;
    size_t i;
    int rc;

    rc = uclog_log_open_reader(&log, ctx, read_chunks, &ch, NULL);
    if (rc == 0) {
        walk_records(&p, log);
        /* A stream can be read only once. */
        if (p.rc != UCLOG_E_NOMEM) {
            uclog_record_iter *it = NULL;
            FZ_CHECK(uclog_record_iter_new(&it, log) == UCLOG_E_STATE && it == NULL);
        }
        uclog_log_free(log);
    }
    /* The same records as from the buffer, unless one of them ran out of memory; an archive is
     * decompressed from a buffer, refused from a stream. */
    if (fz_archive(data, size) && rc == 0)
        FZ_CHECK(p.rc == UCLOG_E_UNSUPPORTED || p.rc == UCLOG_E_NOMEM);
    else if (cfg != 2 && buf->rc != UCLOG_E_NOMEM && p.rc != UCLOG_E_NOMEM && rc == 0) {
        if (p.rc == UCLOG_E_ENCODING) {
            FZ_CHECK(size >= 2);
        } else {
            FZ_CHECK(p.rc == buf->rc);
            FZ_CHECK(p.n == buf->n);
            for (i = 0; i < p.n; i++) {
                if (memcmp(&p.recs[i], &buf->recs[i], sizeof(p.recs[i])))
                    fprintf(stderr, "cfg %d record %zu: stream %llu+%llu %u:%u %u defects (%d), "
                            "buffer %llu+%llu %u:%u %u defects (%d)\n", cfg, i,
                            (unsigned long long)p.recs[i].offset, (unsigned long long)p.recs[i].length,
                            p.recs[i].line, p.recs[i].column, p.recs[i].ndefects, p.recs[i].first_defect,
                            (unsigned long long)buf->recs[i].offset,
                            (unsigned long long)buf->recs[i].length, buf->recs[i].line,
                            buf->recs[i].column, buf->recs[i].ndefects, buf->recs[i].first_defect);
                FZ_CHECK(p.recs[i].offset == buf->recs[i].offset);
                FZ_CHECK(p.recs[i].length == buf->recs[i].length);
                FZ_CHECK(p.recs[i].line == buf->recs[i].line);
                FZ_CHECK(p.recs[i].column == buf->recs[i].column);
                FZ_CHECK(p.recs[i].ndefects == buf->recs[i].ndefects);
                FZ_CHECK(p.recs[i].first_defect == buf->recs[i].first_defect);
            }
        }
    }
    free(p.recs);
    fz_ctx_free(ctx);

    /* Packets and messages from a stream. */
    ctx = fz_ctx(cfg, data, size);
    ch.pos = 0;
    ch.rng = size ? data[0] * 7u : 0;
    if (uclog_log_open_reader(&log, ctx, read_chunks, &ch, "chunks") == 0) {
        walk_messages(ctx, log, 0);
        uclog_log_free(log);
    }
    fz_ctx_free(ctx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int cfg;

    for (cfg = 0; cfg < 3; cfg++) {
        struct pass p = {NULL, 0, 0, 0, 0};
        run_buffer(cfg, data, size, &p);
        run_stream(cfg, data, size, &p);
        free(p.recs);
    }
    return 0;
}
