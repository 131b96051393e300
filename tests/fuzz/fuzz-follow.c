/*
 * Fuzz target, differential: a log read as it is written. The input is read
 * once as a buffer, and once through a live log (uclog_log_open_live()) whose
 * reader hands it over in chunks cut at arbitrary bytes (1 to 64 bytes, or
 * up to 4096; the first input byte seeds them) with UCLOG_READ_IDLE between
 * some of them, as a follower does when the writer pauses. The pauses fall
 * where a writer may pause without cutting a record: inside a line, or
 * before a record header; not between two lines of one record. Both reads
 * must give the same records (offsets, lengths, lines, columns, defects) and
 * the same messages and unusable packets (positions, Call-IDs). Each runs
 * with default limits, tiny limits and a failing allocator.
 */
#include "fuzz.h"

#define HEAD (64 * 1024) /* what the line ends are judged on */

struct feed {
    const char *text;  /* the input */
    const char *norm;  /* the input with LF for CR when its lines end with CR alone */
    size_t size, pos;
    uint32_t rng;
    int cr_only;       /* what the first 64 KiB say */
    int32_t kind;      /* what the input holds (uclog_file_kind), judged on its first 64 KiB */
    int idle_last;     /* the last answer was an IDLE */
};

static uint32_t next_rand(uint32_t *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 16;
}

/* CR and no LF in p[0..n), n at most 64 KiB: the library's rule for lines that end with CR alone. */
static int cr_only(const char *p, size_t n)
{
    if (n > HEAD)
        n = HEAD;
    return memchr(p, '\r', n) != NULL && memchr(p, '\n', n) == NULL;
}

/* Whether the writer may pause after f->pos bytes without a record coming out cut. */
/* The kind of the first n bytes, as the library judges a file (uclog_log_file_kind()). */
static int32_t kind_of(const char *p, size_t n)
{
    static uclog_ctx *ctx;
    uclog_log *log = NULL;
    int32_t kind = -1;

    if (!ctx && uclog_ctx_new(&ctx, NULL) != 0)
        return -1;
    if (uclog_log_open_buffer(&log, ctx, p, n, "prefix") == 0)
        kind = uclog_log_file_kind(log, 0);
    uclog_log_free(log);
    return kind;
}

static int may_pause(const struct feed *f)
{
    const char *t = f->norm, *nl;
    size_t at = f->pos;

    /* The encoding and the line ends are judged on what came before the first pause: let it
     * be what the whole input says. */
    if (at < 4 || (at < HEAD && cr_only(f->text, at) != f->cr_only))
        return 0;
    /* So is what the input holds (a client log, bare SIP messages, text, binary). */
    if (at < HEAD && kind_of(f->text, at) != f->kind)
        return 0;
    if (at == f->size || t[at - 1] != '\n')
        return 1;
    nl = memchr(t + at, '\n', f->size - at);
    return uclog_line_is_header(t + at, nl ? (size_t)(nl - t - at) : f->size - at);
}

static int64_t read_feed(void *userdata, void *buf, size_t cap)
{
    struct feed *f = userdata;
    uint32_t r = next_rand(&f->rng);
    size_t n = f->size - f->pos, want = (r & 3) == 0 ? 1 + r % 4096 : 1 + r % 64;

    if (!f->idle_last && (r & 0x30) == 0 && may_pause(f)) {
        f->idle_last = 1;
        return UCLOG_READ_IDLE;
    }
    f->idle_last = 0;
    if (n == 0)
        return 0;
    if (n > want)
        n = want;
    if (n > cap)
        n = cap;
    memcpy(buf, f->text + f->pos, n);
    f->pos += n;
    return (int64_t)n;
}

/* What a read saw, one entry per record, message or unusable packet. */
struct seen {
    uint64_t offset, length, hash;
    uint32_t line, column, ndefects;
    int32_t first_defect;
};

struct pass {
    struct seen *items;
    size_t n, cap;
    int rc_records, rc_messages;
};

static struct seen *add(struct pass *p)
{
    if (p->n == p->cap) {
        size_t nc = p->cap ? 2 * p->cap : 64;
        struct seen *ni = realloc(p->items, nc * sizeof(*ni));
        FZ_CHECK(ni != NULL);
        p->items = ni;
        p->cap = nc;
    }
    memset(&p->items[p->n], 0, sizeof(p->items[0]));
    return &p->items[p->n++];
}

static uint64_t hash(uclog_str s)
{
    uint64_t h = 1469598103934665603ull;
    size_t i;

    for (i = 0; i < s.len; i++)
        h = (h ^ (unsigned char)s.ptr[i]) * 1099511628211ull;
    return h;
}

static void walk_records(struct pass *p, uclog_log *log)
{
    uclog_record_iter *it = NULL;
    const uclog_record *rec;
    int rc = uclog_record_iter_new(&it, log);

    while (rc == 0 && (rc = uclog_record_iter_next(&rec, it)) == 0) {
        struct seen *s = add(p);
        uclog_span sp;
        uclog_defect d;
        uclog_str raw;
        uclog_record_span(&sp, rec);
        uclog_record_raw(&raw, rec);
        s->offset = sp.offset;
        s->length = sp.length;
        s->line = sp.line;
        s->column = sp.column;
        s->hash = hash(raw);
        s->ndefects = uclog_record_defect_count(rec);
        s->first_defect = uclog_record_defect(&d, rec, 0) == 0 ? d.code : 0;
    }
    fz_status(rc);
    p->rc_records = rc;
    uclog_record_iter_free(it);
}

static void walk_messages(struct pass *p, uclog_log *log)
{
    uclog_msg_iter *it = NULL;
    const uclog_sip *sip;
    const uclog_packet *pkt;
    int rc = uclog_msg_iter_new(&it, log);

    if (rc == 0)
        rc = uclog_msg_iter_set_flags(it, UCLOG_MSG_ITER_UNUSABLE);
    while (rc == 0 && (rc = uclog_msg_iter_next(&sip, &pkt, it)) == 0) {
        struct seen *s = add(p);
        uclog_span sp;
        uclog_str id = {NULL, 0};
        if (sip) {
            uclog_sip_span(&sp, sip);
            if (uclog_sip_call_id(&id, sip) == 0)
                s->hash = hash(id);
            s->ndefects = uclog_sip_defect_count(sip);
        } else {
            uclog_packet_span(&sp, pkt);
            s->ndefects = uclog_packet_defect_count(pkt);
            s->first_defect = -1;
        }
        s->offset = sp.offset;
        s->length = sp.length;
        s->line = sp.line;
        s->column = sp.column;
    }
    fz_status(rc);
    p->rc_messages = rc;
    uclog_msg_iter_free(it);
}

/* The records, then (a second log) the messages: from the buffer, or fed live. */
static void run(struct pass *p, int cfg, const uint8_t *data, size_t size, struct feed *f)
{
    int pass;

    for (pass = 0; pass < 2; pass++) {
        uclog_ctx *ctx = fz_ctx(cfg, data, size);
        uclog_log *log = NULL;
        int rc;
        if (f) {
            f->pos = 0;
            f->idle_last = 0;
            f->rng = size ? data[0] * (pass ? 7u : 1u) : 0;
            rc = uclog_log_open_live(&log, ctx, read_feed, f, "fuzz");
        } else {
            rc = uclog_log_open_buffer(&log, ctx, data, size, "fuzz");
        }
        fz_status(rc);
        if (rc == 0) {
            if (pass == 0)
                walk_records(p, log);
            else
                walk_messages(p, log);
            if (f && pass == 0 && p->rc_records == UCLOG_DONE)
                FZ_CHECK(f->pos == size); /* every byte was read before the end */
        } else {
            FZ_CHECK(rc == UCLOG_E_NOMEM && log == NULL);
            if (pass == 0)
                p->rc_records = rc;
            else
                p->rc_messages = rc;
        }
        uclog_log_free(log);
        fz_ctx_free(ctx);
    }
}

static void compare(int cfg, const struct pass *a, const struct pass *b)
{
    size_t i;

    FZ_CHECK(a->rc_records == b->rc_records);
    FZ_CHECK(a->rc_messages == b->rc_messages);
    FZ_CHECK(a->n == b->n);
    for (i = 0; i < a->n; i++) {
        const struct seen *x = &a->items[i], *y = &b->items[i];
        if (memcmp(x, y, sizeof(*x)))
            fprintf(stderr, "cfg %d item %zu: buffer %llu+%llu %u:%u %u defects (%d), "
                            "live %llu+%llu %u:%u %u defects (%d)\n",
                    cfg, i, (unsigned long long)x->offset, (unsigned long long)x->length, x->line, x->column,
                    x->ndefects, x->first_defect, (unsigned long long)y->offset,
                    (unsigned long long)y->length, y->line, y->column, y->ndefects, y->first_defect);
        FZ_CHECK(memcmp(x, y, sizeof(*x)) == 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct feed f;
    char *norm = malloc(size ? size : 1);
    int cfg;

    FZ_CHECK(norm != NULL);
    /* An archive is decompressed from a buffer and refused from a stream (a live log among
     * them): the two reads differ by design (tests/test-archive.c). */
    if ((size >= 2 && data[0] == 0x1f && data[1] == 0x8b) || (size >= 4 && (!memcmp(data, "PK\3\4", 4) || !memcmp(data, "PK\5\6", 4)))) {
        free(norm);
        return 0;
    }
    memcpy(norm, data, size);
    memset(&f, 0, sizeof(f));
    f.text = (const char *)data;
    f.norm = norm;
    f.size = size;
    f.cr_only = cr_only(f.text, size);
    f.kind = kind_of(f.text, size);
    if (f.cr_only) {
        size_t i;
        for (i = 0; i < size; i++)
            if (norm[i] == '\r')
                norm[i] = '\n';
    }
    for (cfg = 0; cfg < 3; cfg++) {
        struct pass whole = {NULL, 0, 0, 0, 0}, live = {NULL, 0, 0, 0, 0};
        uclog_ctx *ctx = fz_ctx(cfg, data, size);
        uclog_log *log = NULL;
        int utf16 = 0;
        /* UTF-16 is transcoded from a buffer and refused from a stream. */
        if (uclog_log_open_buffer(&log, ctx, data, size, "fuzz") == 0)
            utf16 = uclog_log_file_encoding(log, 0) >= UCLOG_ENCODING_UTF16LE;
        uclog_log_free(log);
        fz_ctx_free(ctx);
        run(&whole, cfg, data, size, NULL);
        run(&live, cfg, data, size, &f);
        if (utf16 && cfg != 2)
            FZ_CHECK(live.rc_records == UCLOG_E_ENCODING);
        /* The same, unless an allocation failed (cfg 2 fails one where it falls) or UTF-16. */
        else if (cfg != 2)
            compare(cfg, &whole, &live);
        free(whole.items);
        free(live.items);
    }
    free(norm);
    return 0;
}
