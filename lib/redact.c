/* uclog_redact_log(): a copy of a log with its secrets replaced, and its
 * personal data too when asked. Two passes over the log: the first learns
 * every secret's value (from the records, and from the packets, whose
 * bytes are joined when the log split them), the second writes each record
 * with its secrets, every other copy of their values (or of their base64
 * form) and, when asked, its personal data replaced, length for length. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <uclog/packet.h>
#include <uclog/redact.h>

#include "internal.h"
#include "os.h"
#include "redact-internal.h"
#include "siphash.h"

struct uclog_redact_options {
    uclog_ctx *ctx;
    int32_t pseudonymise;
    struct uclog__pseudo_key key;
};

struct uclog_redact_stats {
    uclog_ctx *ctx;
    uint64_t counts[UCLOG_REDACT_KIND_END];
};

/* Secret values shorter than this, or all digits, are replaced where they
 * stand only: a short value is too likely to be some other token too. */
#define MIN_COPY_LEN 8

/* ---- options and counts --------------------------------------------------- */

static void random_key(struct uclog__pseudo_key *key)
{
    unsigned char b[16] = {0};
    uint64_t mix[3];

    if (!uclog__os_random(b, sizeof b))
        memset(b, 0, sizeof b);
    /* without the system's random source, what differs from run to run */
    mix[0] = (uint64_t)time(NULL);
    mix[1] = (uint64_t)clock();
    mix[2] = (uint64_t)(uintptr_t)key;
    key->k0 = uclog__siphash24(0x5eed, 1, b, sizeof b) ^ uclog__siphash24(2, 3, mix, sizeof mix);
    key->k1 = uclog__siphash24(0x5eed, 4, b, sizeof b) ^ uclog__siphash24(5, 6, mix, sizeof mix);
}

int uclog_redact_options_new(uclog_redact_options **out, uclog_ctx *ctx)
{
    uclog_redact_options *o;

    if (!out || !ctx) {
        if (ctx)
            return uclog__error(ctx, UCLOG_E_INVALID_ARG, NULL, "uclog_redact_options_new: NULL out");
        return UCLOG_E_INVALID_ARG;
    }
    *out = NULL;
    if (!(o = uclog__calloc(ctx, 1, sizeof *o)))
        return uclog__error(ctx, UCLOG_E_NOMEM, NULL, "out of memory for redaction options");
    o->ctx = ctx;
    random_key(&o->key);
    *out = o;
    return 0;
}

void uclog_redact_options_free(uclog_redact_options *opts)
{
    if (opts)
        uclog__free(opts->ctx, opts);
}

int uclog_redact_options_set_pseudonymise(uclog_redact_options *opts, int32_t on)
{
    if (!opts)
        return UCLOG_E_INVALID_ARG;
    if (on != 0 && on != 1)
        return uclog__error(opts->ctx, UCLOG_E_INVALID_ARG, NULL,
                            "pseudonymise must be 0 or 1, not %ld", (long)on);
    opts->pseudonymise = on;
    return 0;
}

int uclog_redact_options_set_key(uclog_redact_options *opts, const void *key, size_t len)
{
    if (!opts)
        return UCLOG_E_INVALID_ARG;
    if (!key && len)
        return uclog__error(opts->ctx, UCLOG_E_INVALID_ARG, NULL, "a NULL key of %zu bytes", len);
    /* two different fixed keys turn any length of key into 128 bits */
    opts->key.k0 = uclog__siphash24(0x75636c6f67ULL, 0x6b6579, key ? key : "", len);
    opts->key.k1 = uclog__siphash24(0x72656461637431ULL, 0x6b657932, key ? key : "", len);
    return 0;
}

int uclog_redact_stats_new(uclog_redact_stats **out, uclog_ctx *ctx)
{
    uclog_redact_stats *s;

    if (!out || !ctx) {
        if (ctx)
            return uclog__error(ctx, UCLOG_E_INVALID_ARG, NULL, "uclog_redact_stats_new: NULL out");
        return UCLOG_E_INVALID_ARG;
    }
    *out = NULL;
    if (!(s = uclog__calloc(ctx, 1, sizeof *s)))
        return uclog__error(ctx, UCLOG_E_NOMEM, NULL, "out of memory for redaction counts");
    s->ctx = ctx;
    *out = s;
    return 0;
}

void uclog_redact_stats_free(uclog_redact_stats *stats)
{
    if (stats)
        uclog__free(stats->ctx, stats);
}

uint64_t uclog_redact_stats_count(const uclog_redact_stats *stats, int32_t kind)
{
    if (!stats || kind <= 0 || kind >= UCLOG_REDACT_KIND_END)
        return 0;
    return stats->counts[kind];
}

const char *uclog_redact_kind_name(int32_t kind)
{
    static const char *const names[UCLOG_REDACT_KIND_END] = {
        NULL, "auth-token", "mras-credential", "srtp-key", "ice-password", "secret-copy",
        "uri-user", "phone", "display-name", "domain", "ipv4", "ipv6",
    };

    if (kind <= 0 || kind >= UCLOG_REDACT_KIND_END)
        return "unknown";
    return names[kind];
}

/* ---- the secrets learnt: a set of values --------------------------------- */

struct secret {
    size_t off, len; /* in the arena */
    uint64_t hash;
};

struct secrets {
    const uclog_ctx *ctx;
    char *arena;
    size_t arena_len, arena_cap;
    struct secret *slots; /* open addressing; len 0 is empty */
    size_t cap, count;
    int err;
};

static uint64_t hash_of(const char *p, size_t n)
{
    return uclog__siphash24(0x736563726574ULL, 0x736574ULL, p, n);
}

static int secrets_has(const struct secrets *S, const char *p, size_t n)
{
    uint64_t h;
    size_t i;

    if (!S->cap)
        return 0;
    h = hash_of(p, n);
    for (i = (size_t)h & (S->cap - 1); S->slots[i].len; i = (i + 1) & (S->cap - 1))
        if (S->slots[i].hash == h && S->slots[i].len == n && memcmp(S->arena + S->slots[i].off, p, n) == 0)
            return 1;
    return 0;
}

static int secrets_grow(struct secrets *S)
{
    size_t cap = S->cap ? S->cap * 2 : 64, i, j;
    struct secret *t = uclog__calloc(S->ctx, cap, sizeof *t);

    if (!t)
        return UCLOG_E_NOMEM;
    for (i = 0; i < S->cap; i++) {
        if (!S->slots[i].len)
            continue;
        for (j = (size_t)S->slots[i].hash & (cap - 1); t[j].len; j = (j + 1) & (cap - 1))
            ;
        t[j] = S->slots[i];
    }
    uclog__free(S->ctx, S->slots);
    S->slots = t;
    S->cap = cap;
    return 0;
}

static void secrets_add(struct secrets *S, const char *p, size_t n)
{
    size_t i;
    uint64_t h;
    void *arena = S->arena;

    if (S->err || n == 0 || secrets_has(S, p, n))
        return;
    if ((S->count + 1) * 2 > S->cap && (S->err = secrets_grow(S)) != 0)
        return;
    if (S->arena_len + n > S->arena_cap) {
        if ((S->err = uclog__grow(S->ctx, &arena, &S->arena_cap, S->arena_len + n, 1)) != 0)
            return;
        S->arena = arena;
    }
    memcpy(S->arena + S->arena_len, p, n);
    h = hash_of(p, n);
    for (i = (size_t)h & (S->cap - 1); S->slots[i].len; i = (i + 1) & (S->cap - 1))
        ;
    S->slots[i].off = S->arena_len;
    S->slots[i].len = n;
    S->slots[i].hash = h;
    S->arena_len += n;
    S->count++;
}

static void secrets_free(struct secrets *S)
{
    uclog__free(S->ctx, S->arena);
    uclog__free(S->ctx, S->slots);
}

/* A value and its base64 form, when long enough to be looked for elsewhere. */
static void learn(struct secrets *S, const char *p, size_t n)
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char buf[256];
    size_t i, k = 0;
    int digits = 1;

    /* quotes around it are kept where it stands: the value is what they enclose */
    while (n && p[0] == '"')
        p++, n--;
    while (n && p[n - 1] == '"')
        n--;
    for (i = 0; i < n; i++)
        digits &= uclog__is_digit((unsigned char)p[i]);
    if (n < MIN_COPY_LEN || digits)
        return;
    secrets_add(S, p, n);
    if (n > (sizeof buf / 4) * 3)
        return; /* a long token is replaced where it stands, and only that form elsewhere */
    for (i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)(unsigned char)p[i] << 16;

        if (i + 1 < n)
            v |= (uint32_t)(unsigned char)p[i + 1] << 8;
        if (i + 2 < n)
            v |= (unsigned char)p[i + 2];
        buf[k++] = b64[(v >> 18) & 63];
        buf[k++] = b64[(v >> 12) & 63];
        buf[k++] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
        buf[k++] = i + 2 < n ? b64[v & 63] : '=';
    }
    secrets_add(S, buf, k);
}

/* ---- lines ------------------------------------------------------------------ */

/* Call fn on each line of p[from, n), without its line end: LF or CRLF; with cr_ends, a CR alone
 * ends a line too. The secrets are looked for in both: the SIP and SDP readers end lines at LF
 * (a CR alone stays inside a header's value or an attribute), while a text meant for people may
 * end lines with CR; what both find is replaced once. */
typedef void (*line_fn)(void *u, size_t off, size_t len, size_t avail);

static void each_line(const char *p, size_t from, size_t n, int cr_ends, line_fn fn, void *u)
{
    size_t i = from;

    while (i < n) {
        size_t e = i, len;

        if (cr_ends) {
            while (e < n && p[e] != '\n' && p[e] != '\r')
                e++;
            len = e - i;
            if (e < n && p[e] == '\r' && e + 1 < n && p[e + 1] == '\n')
                e++;
        } else {
            const char *nl = memchr(p + i, '\n', n - i);
            e = nl ? (size_t)(nl - p) : n;
            len = e - i;
            if (nl && len && p[e - 1] == '\r')
                len--;
        }
        /* a header's folded lines are followed in the LF reading only: in the other, every
         * CR-piece that names a header would read to the end of its line again */
        fn(u, i, len, cr_ends ? len : n - i);
        i = e + 1;
    }
}

struct learn_run {
    struct secrets *S;
    const char *p;
    struct uclog__secret_state st;
    size_t line_off;
    /* A secret over folded lines: its first piece, then its pieces joined (without the folds),
     * learnt whole too, for a copy that quotes the value on one line */
    const char *first;
    size_t first_len, pieces;
    char *join;
    size_t join_len, join_cap;
};

static void learn_joined(struct learn_run *r)
{
    if (r->pieces > 1)
        learn(r->S, r->join, r->join_len);
    r->pieces = 0;
    r->join_len = 0;
}

static void join_piece(struct learn_run *r, const char *p, size_t n)
{
    void *join = r->join;

    if (r->S->err)
        return;
    if (uclog__grow(r->S->ctx, &join, &r->join_cap, r->join_len + n, 1) != 0) {
        r->S->err = UCLOG_E_NOMEM;
        return;
    }
    r->join = join;
    memcpy(r->join + r->join_len, p, n);
    r->join_len += n;
}

static void learn_hit(void *u, size_t off, size_t len, int32_t kind)
{
    struct learn_run *r = u;
    const char *piece = r->p + r->line_off + off;

    learn(r->S, piece, len);
    if (!(kind & UCLOG__HIT_MORE)) {
        learn_joined(r); /* the secret before, when it had pieces */
        r->first = piece;
        r->first_len = len;
        r->pieces = 1;
        return;
    }
    if (!r->pieces)
        return;
    if (r->pieces == 1)
        join_piece(r, r->first, r->first_len);
    join_piece(r, piece, len);
    r->pieces++;
}

static void learn_line(void *u, size_t off, size_t len, size_t avail)
{
    struct learn_run *r = u;

    r->line_off = off;
    uclog__redact_find_secrets(r->p + off, len, avail, &r->st, learn_hit, r);
}

static void learn_text(struct secrets *S, const char *p, size_t from, size_t n)
{
    struct learn_run r;

    memset(&r, 0, sizeof r);
    r.S = S;
    r.p = p;
    each_line(p, from, n, 0, learn_line, &r);
    learn_joined(&r);
    memset(&r.st, 0, sizeof r.st);
    each_line(p, from, n, 1, learn_line, &r);
    learn_joined(&r);
    uclog__free(S->ctx, r.join);
}

/* Pass one: every secret's value, from the records and the packets. */
static int learn_log(struct secrets *S, uclog_log *log)
{
    uclog_record_iter *ri = NULL;
    uclog_packet_iter *pi = NULL;
    const uclog_record *rec;
    const uclog_packet *pkt;
    int rc;

    if ((rc = uclog_record_iter_new(&ri, log)) != 0)
        return rc;
    while ((rc = uclog_record_iter_next(&rec, ri)) == 0 && !S->err) {
        uclog_str raw;

        uclog_record_raw(&raw, rec);
        learn_text(S, raw.ptr, uclog_record_text_offset(rec), raw.len);
    }
    uclog_record_iter_free(ri);
    if (rc < 0)
        return rc;
    if ((rc = uclog_packet_iter_new(&pi, log)) != 0)
        return rc;
    while ((rc = uclog_packet_iter_next(&pkt, pi)) == 0 && !S->err) {
        uclog_str b;

        uclog_packet_bytes(&b, pkt);
        if (b.ptr)
            learn_text(S, b.ptr, 0, b.len);
    }
    uclog_packet_iter_free(pi);
    if (S->err)
        return S->err;
    return rc < 0 ? rc : 0;
}

/* The matcher over every secret learnt. */
static int build_matcher(uclog__matcher **out, const struct secrets *S, const uclog_ctx *ctx)
{
    size_t i;
    int rc = uclog__matcher_new(out, ctx);

    for (i = 0; rc == 0 && i < S->cap; i++)
        if (S->slots[i].len)
            rc = uclog__matcher_add(*out, S->arena + S->slots[i].off, S->slots[i].len);
    if (rc == 0)
        rc = uclog__matcher_finish(*out);
    return rc;
}

/* ---- pass two: replace and write ---------------------------------------------- */

struct writer {
    const struct secrets *S;
    const uclog__matcher *matcher;
    const uclog_redact_options *opts;
    char *buf;
    unsigned char *done;
    size_t cap;
    struct uclog__secret_state st;
    size_t line_off;
    uint64_t counts[UCLOG_REDACT_KIND_END];
};

/* A secret's bytes are replaced but its quotes and CRs: they are the text's structure (a value
 * the reader takes with its quotes, `"a"b`, or cut by a CR alone), which the other reading of
 * the lines and a person reading the copy still need; they tell nothing of the secret. */
static int kept_in_secret(char c)
{
    return c == '"' || c == '\r';
}

static void fill(char *p, unsigned char *done, size_t n, char c)
{
    size_t k;

    for (k = 0; k < n; k++)
        if (!kept_in_secret(p[k]))
            p[k] = c;
    memset(done, 1, n);
}

/* Whether every byte of p[0, n) is replaced already, or one a secret keeps (a quote, a CR). */
static int replaced(const char *p, const unsigned char *done, size_t n)
{
    size_t k;

    for (k = 0; k < n; k++)
        if (!done[k] && !kept_in_secret(p[k]))
            return 0;
    return 1;
}

static void replace_hit(void *u, size_t off, size_t len, int32_t kind)
{
    struct writer *w = u;
    size_t at = w->line_off + off;

    if (replaced(w->buf + at, w->done + at, len))
        return; /* found before, in the other reading of the lines (with its quotes, maybe) */
    fill(w->buf + at, w->done + at, len, 'X');
    if (!(kind & UCLOG__HIT_MORE))
        w->counts[kind]++;
}

/* Other copies: every occurrence of a secret learnt, anywhere in the
 * record (inside a longer token too). The matcher reports the longest one ending
 * at each byte; what is already replaced is not filled again. */
struct copy_run {
    struct writer *w;
    size_t off, filled; /* offset searched from; bytes before filled are X */
    size_t floor;       /* the record's header ends there: its bytes are kept */
    int over;           /* replace pseudonyms too */
};

static void copy_hit(void *u, size_t start, size_t end)
{
    struct copy_run *r = u;
    struct writer *w = r->w;
    size_t a = start > r->filled ? start : r->filled, k;
    int fresh = 0;

    for (k = a; k < end; k++) {
        if (r->off + k < r->floor || kept_in_secret(w->buf[r->off + k]))
            continue;
        if (!w->done[r->off + k] || (r->over && w->buf[r->off + k] != 'X')) {
            w->buf[r->off + k] = 'X';
            w->done[r->off + k] = 1;
            fresh = 1;
        }
    }
    if (end > r->filled)
        r->filled = end;
    if (fresh)
        w->counts[UCLOG_REDACT_SECRET_COPY]++;
}

static void copies_above(struct writer *w, size_t off, size_t len, int over, size_t floor)
{
    struct copy_run r;

    r.w = w;
    r.off = off;
    r.filled = 0;
    r.floor = floor;
    r.over = over;
    uclog__matcher_each(w->matcher, w->buf + off, len, copy_hit, &r);
}


static void secrets_line(void *u, size_t off, size_t len, size_t avail)
{
    struct writer *w = u;

    w->line_off = off;
    uclog__redact_find_secrets(w->buf + off, len, avail, &w->st, replace_hit, w);
}

static void pseudonyms_line(void *u, size_t off, size_t len, size_t avail)
{
    struct writer *w = u;

    (void)avail;
    uclog__redact_pseudonymise(&w->opts->key, w->buf + off, w->done + off, len, w->counts);
}

/* One record in w->buf: the secrets where they stand, line by line; then their other copies in
 * the whole record (across line ends too; one that starts in the header keeps the header's
 * bytes, so that the copy still reads as a log, and loses the rest); then the pseudonyms, and
 * any pseudonym equal to a secret (an input made to hold one). */
static void write_record(struct writer *w, size_t text_off, size_t len)
{
    memset(&w->st, 0, sizeof w->st);
    each_line(w->buf, text_off, len, 0, secrets_line, w);
    memset(&w->st, 0, sizeof w->st);
    each_line(w->buf, text_off, len, 1, secrets_line, w);
    copies_above(w, 0, len, 0, text_off);
    if (w->opts && w->opts->pseudonymise) {
        each_line(w->buf, text_off, len, 1, pseudonyms_line, w);
        copies_above(w, 0, len, 1, text_off);
    }
}

static int write_log(struct writer *w, uclog_log *log, uclog_redact_write_fn write, void *userdata)
{
    uclog_ctx *ctx = uclog_log_ctx(log);
    uclog_record_iter *ri = NULL;
    const uclog_record *rec;
    int rc;

    if ((rc = uclog_record_iter_new(&ri, log)) != 0)
        return rc;
    while ((rc = uclog_record_iter_next(&rec, ri)) == 0) {
        uclog_str raw;
        uclog_span span;

        uclog_record_raw(&raw, rec);
        uclog_record_span(&span, rec);
        if (raw.len > w->cap) {
            void *b = w->buf, *d = w->done;
            size_t cap = w->cap;

            if ((rc = uclog__grow(ctx, &b, &cap, raw.len, 1)) != 0) {
                rc = uclog__error(ctx, rc, NULL, "out of memory for a record of %zu bytes", raw.len);
                break;
            }
            w->buf = b;
            cap = w->cap;
            if ((rc = uclog__grow(ctx, &d, &cap, raw.len, 1)) != 0) {
                rc = uclog__error(ctx, rc, NULL, "out of memory for a record of %zu bytes", raw.len);
                break;
            }
            w->done = d;
            w->cap = cap;
        }
        if (raw.len) {
            memcpy(w->buf, raw.ptr, raw.len);
            memset(w->done, 0, raw.len);
        }
        write_record(w, uclog_record_text_offset(rec), raw.len);
        if (raw.len && write(userdata, span.file, w->buf, raw.len) != 0) {
            rc = uclog__error(ctx, UCLOG_E_IO, &span, "the redacted output could not be written");
            break;
        }
    }
    uclog_record_iter_free(ri);
    return rc < 0 ? rc : 0;
}

int uclog_redact_log(uclog_log *log, const uclog_redact_options *opts, uclog_redact_write_fn write,
                     void *userdata, uclog_redact_stats *stats)
{
    uclog_ctx *ctx;
    struct secrets S;
    struct writer w;
    uclog__matcher *matcher = NULL;
    int rc, k;

    if (!log)
        return UCLOG_E_INVALID_ARG;
    ctx = uclog_log_ctx(log);
    if (!write)
        return uclog__error(ctx, UCLOG_E_INVALID_ARG, NULL, "uclog_redact_log: NULL writer");
    memset(&S, 0, sizeof S);
    S.ctx = ctx;
    memset(&w, 0, sizeof w);
    w.S = &S;
    w.opts = opts;
    rc = learn_log(&S, log);
    if (rc == 0)
        rc = build_matcher(&matcher, &S, ctx);
    if (rc == UCLOG_E_NOMEM)
        rc = uclog__error(ctx, rc, NULL, "out of memory for the secrets of the log");
    w.matcher = matcher;
    if (rc == 0)
        rc = write_log(&w, log, write, userdata);
    if (rc == 0 && stats)
        for (k = 0; k < UCLOG_REDACT_KIND_END; k++)
            stats->counts[k] += w.counts[k];
    uclog__free(ctx, w.buf);
    uclog__free(ctx, w.done);
    uclog__matcher_free(matcher);
    secrets_free(&S);
    return rc;
}

/* ---- masking for display --------------------------------------------------- */

struct masker {
    char *p;
    struct uclog__secret_state st;
    size_t line_off;
    uint32_t count;
};

static void mask_hit(void *u, size_t off, size_t len, int32_t kind)
{
    struct masker *m = u;
    char *at = m->p + m->line_off + off;
    size_t k;

    for (k = 0; k < len && (at[k] == '*' || kept_in_secret(at[k])); k++)
        ;
    if (k == len)
        return; /* found before, in the other reading of the lines */
    for (k = 0; k < len; k++)
        if (!kept_in_secret(at[k]))
            at[k] = '*';
    if (!(kind & UCLOG__HIT_MORE))
        m->count++;
}

static void mask_line(void *u, size_t off, size_t len, size_t avail)
{
    struct masker *m = u;

    m->line_off = off;
    uclog__redact_find_secrets(m->p + off, len, avail, &m->st, mask_hit, m);
}

uint32_t uclog_redact_mask_text(char *out, const char *text, size_t len)
{
    struct masker m;

    if (!out || (!text && len))
        return 0;
    if (out != text && len)
        memmove(out, text, len);
    memset(&m, 0, sizeof m);
    m.p = out;
    each_line(out, 0, len, 0, mask_line, &m);
    memset(&m.st, 0, sizeof m.st);
    each_line(out, 0, len, 1, mask_line, &m);
    return m.count;
}
