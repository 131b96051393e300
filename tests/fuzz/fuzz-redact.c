/*
 * Fuzz target: redaction. The input is a log; it is redacted (secrets
 * only, then with pseudonyms), and the output must have the input's length
 * (every replacement keeps its length), must read again as a log, and must
 * hold none of the secrets the reader recognises in the input (the
 * authentication parameters, ICE passwords, candidate passwords, SRTP keys,
 * MRAS credentials; 8 bytes or more, not all digits: shorter ones are
 * replaced only where they stand, and may well be other text too). Each
 * runs with default limits, tiny limits and a failing allocator; the
 * secrets check with default limits. An archive is a log of several files:
 * each file's output is kept apart and checked against that file.
 */
#include "fuzz.h"

struct out {
    char *buf;
    size_t len, cap;
    unsigned char *header; /* 1 for each byte of a record's header (kept as it is), or NULL */
};

/* One output per file of the log, in uclog_log_file_name() order. */
struct outs {
    struct out *f;
    uint32_t n;
};

static int write_out(void *userdata, uint32_t file, const char *data, size_t len)
{
    struct outs *all = userdata;
    struct out *o;

    FZ_CHECK(file < all->n);
    o = &all->f[file];
    if (o->len + len > o->cap) {
        size_t cap = (o->len + len) * 2;
        char *b = realloc(o->buf, cap);
        if (!b)
            return -1;
        o->buf = b;
        o->cap = cap;
    }
    memcpy(o->buf + o->len, data, len);
    o->len += len;
    return 0;
}

/* The secrets the reader finds, as views into the input log's bytes or
 * copies it owns: checked against the output at once. */
struct check {
    const struct outs *o;
};

static int holds(const struct outs *all, const char *s, size_t n)
{
    uint32_t f;
    size_t i;

    for (f = 0; f < all->n; f++) {
        const struct out *o = &all->f[f];
        if (n == 0 || n > o->len)
            continue;
        for (i = 0; i + n <= o->len; i++) {
            if (o->buf[i] != s[0] || memcmp(o->buf + i, s, n) != 0)
                continue;
            /* a record's header is kept as it is (the copy must read as a log): a secret whose
             * text is all header bytes there is no secret of this log */
            if (o->header && !memchr(o->header + i, 0, n))
                continue;
            return 1;
        }
    }
    return 0;
}

static void no_secret(const struct outs *o, uclog_str s)
{
    size_t i, digits = 0;

    /* blanks and quotes around a value are not the secret (the redactor trims them, keeps
     * quotes, and counts the 8 bytes a copy must have, and its digits, without them) */
    while (s.ptr && s.len && (s.ptr[0] == ' ' || s.ptr[0] == '\t' || s.ptr[0] == '\r' || s.ptr[0] == '"')) {
        s.ptr++;
        s.len--;
    }
    while (s.ptr && s.len &&
           (s.ptr[s.len - 1] == ' ' || s.ptr[s.len - 1] == '\t' || s.ptr[s.len - 1] == '\r' || s.ptr[s.len - 1] == '"'))
        s.len--;
    if (!s.ptr || s.len < 8)
        return;
    for (i = 0; i < s.len; i++)
        digits += s.ptr[i] >= '0' && s.ptr[i] <= '9';
    if (digits == s.len)
        return;
    if (holds(o, s.ptr, s.len)) {
        fprintf(stderr, "secret survived: %.*s\n", (int)s.len, s.ptr);
        FZ_CHECK(0);
    }
}

/* A value over folded lines is replaced line by line (its line ends and indentation stay): each
 * line's piece is a secret. */
static void no_secret_pieces(const struct outs *o, uclog_str s)
{
    no_secret(o, s);
    while (s.ptr && s.len) {
        const char *nl = memchr(s.ptr, '\n', s.len);
        size_t k = nl ? (size_t)(nl - s.ptr) : s.len;
        uclog_str piece;

        piece.ptr = s.ptr;
        piece.len = k;
        no_secret(o, piece);
        k += nl != NULL;
        s.ptr += k;
        s.len -= k;
    }
}

/* A scheme's token (Negotiate, Basic, Bearer) as a person reads it: token68 characters and
 * padding, which folds may cut. */
static int is_token(uclog_str v)
{
    size_t i;

    for (i = 0; i < v.len; i++) {
        int c = (unsigned char)v.ptr[i], lws = c == ' ' || c == '\t' || c == '\r' || c == '\n';
        int next_lws = i + 1 < v.len && (v.ptr[i + 1] == ' ' || v.ptr[i + 1] == '\t' ||
                                         v.ptr[i + 1] == '\r' || v.ptr[i + 1] == '\n');

        if (c == '=' && (i + 1 == v.len || v.ptr[i + 1] == '=' || next_lws))
            continue;
        if (!lws && !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      (c && strchr("-._~+/", c))))
            return 0;
    }
    return v.len > 0;
}

/* One header of a message or of a part: an authentication header's secret values. */
static void check_auth_header(const struct outs *o, uclog_str name, uclog_str value)
{
    static const char *const headers[] = {"authorization", "proxy-authorization", "www-authenticate",
                                          "proxy-authenticate", "authentication-info"};
    static const char *const params[] = {"gssapi-data", "response", "rspauth", "opaque",
                                         "nonce",       "cnonce",   "signature", "token"};
    uclog_str scheme, ps, v;
    size_t h, k;

    for (h = 0; h < 5; h++) {
        size_t m = strlen(headers[h]), j;
        if (name.len != m)
            continue;
        for (j = 0; j < m && (name.ptr[j] | 0x20) == headers[h][j]; j++)
            ;
        if (j == m)
            break;
    }
    if (h == 5 || uclog_sip_auth_parse(&scheme, &ps, value) != 0)
        return;
    for (k = 0; k < sizeof params / sizeof *params; k++)
        if (uclog_sip_auth_param(&v, ps, params[k]) == 0)
            no_secret_pieces(o, v);
    if (scheme.ptr && ps.ptr && is_token(ps))
        no_secret_pieces(o, ps); /* Negotiate's, Basic's or Bearer's token */
}

static void check_auth(const struct outs *o, const uclog_sip *msg)
{
    uint32_t i, p, n = uclog_sip_header_count(msg);
    uclog_str name, value;

    for (i = 0; i < n; i++)
        if (uclog_sip_header(&name, &value, NULL, msg, i) == 0)
            check_auth_header(o, name, value);
    for (p = 0; p < uclog_sip_part_count(msg); p++) {
        const uclog_sip_part *part;

        if (uclog_sip_part_get(&part, msg, p) != 0)
            continue;
        for (i = 0; i < uclog_sip_part_header_count(part); i++)
            if (uclog_sip_part_header(&name, &value, NULL, part, i) == 0)
                check_auth_header(o, name, value);
    }
}

static void check_sdp(const struct outs *o, uclog_ctx *ctx, const uclog_sip *msg)
{
    uint32_t i, m, c;

    for (i = 0; i < uclog_sip_sdp_count(msg); i++) {
        uclog_str body, v, params;
        uclog_sdp *sdp = NULL;

        if (uclog_sip_sdp_body(&body, NULL, NULL, msg, i) != 0 ||
            uclog_sdp_parse(&sdp, ctx, body.ptr, body.len, NULL) != 0)
            continue;
        for (m = 0; m < uclog_sdp_media_count(sdp); m++) {
            const uclog_sdp_media *media;

            if (uclog_sdp_media_get(&media, sdp, m) != 0)
                continue;
            if (uclog_sdp_media_ice_pwd(&v, media) == 0)
                no_secret(o, v);
            for (c = 0; c < uclog_sdp_candidate_count(media); c++) {
                const uclog_sdp_candidate *cand;
                if (uclog_sdp_candidate_get(&cand, media, c) != 0)
                    continue;
                uclog_sdp_candidate_password(&v, cand);
                no_secret(o, v);
            }
            for (c = 0; c < uclog_sdp_media_crypto_count(media); c++) {
                size_t j, e;
                if (uclog_sdp_media_crypto(NULL, NULL, NULL, NULL, &params, media, c) != 0 || !params.ptr)
                    continue;
                for (j = 0; j + 7 <= params.len; j++) {
                    if (memcmp(params.ptr + j, "inline:", 7) != 0)
                        continue;
                    for (e = j + 7; e < params.len && params.ptr[e] != '|' && params.ptr[e] != ' ' &&
                                    params.ptr[e] != ';' && params.ptr[e] != '\t';
                         e++)
                        ;
                    v.ptr = params.ptr + j + 7;
                    v.len = e - j - 7;
                    no_secret(o, v);
                }
            }
        }
        uclog_sdp_free(sdp);
    }
}

static void check_mras(const struct outs *o, uclog_ctx *ctx, const uclog_sip *msg)
{
    uclog_str body, v;
    uclog_mras *mras = NULL;
    uint32_t i;

    if (uclog_sip_body(&body, NULL, msg) != 0 || !body.ptr)
        return;
    if (uclog_mras_parse(&mras, ctx, body.ptr, body.len, NULL) != 0)
        return;
    for (i = 0; i < uclog_mras_credresp_count(mras); i++) {
        const uclog_mras_credresp *r;
        if (uclog_mras_credresp_get(&r, mras, i) != 0)
            continue;
        if (uclog_mras_credresp_username(&v, r) == 0)
            no_secret(o, v);
        if (uclog_mras_credresp_password(&v, r) == 0)
            no_secret(o, v);
    }
    uclog_mras_free(mras);
}

static void check_secrets(const struct outs *o, const uint8_t *data, size_t size)
{
    uclog_ctx *ctx = fz_ctx(0, data, size);
    uclog_log *log = NULL;
    uclog_msg_iter *mi = NULL;
    const uclog_sip *msg;
    const uclog_packet *pkt;

    FZ_CHECK(uclog_log_open_buffer(&log, ctx, data, size, "in") == 0);
    FZ_CHECK(uclog_msg_iter_new(&mi, log) == 0);
    while (uclog_msg_iter_next(&msg, &pkt, mi) == 0) {
        check_auth(o, msg);
        check_sdp(o, ctx, msg);
        check_mras(o, ctx, msg);
    }
    uclog_msg_iter_free(mi);
    uclog_log_free(log);
    fz_ctx_free(ctx);
}

/* Which bytes of an output are records' headers (date, time, process and thread, level). */
static void mark_headers(struct out *o)
{
    uclog_ctx *ctx = NULL;
    uclog_log *log = NULL;
    uclog_record_iter *ri = NULL;
    const uclog_record *rec;

    o->header = calloc(o->len ? o->len : 1, 1);
    FZ_CHECK(o->header != NULL);
    FZ_CHECK(uclog_ctx_new(&ctx, NULL) == 0);
    FZ_CHECK(uclog_log_open_buffer(&log, ctx, o->buf, o->len, "out") == 0);
    if (uclog_log_file_encoding(log, 0) == UCLOG_ENCODING_UTF8 && !uclog_log_file_cr_line_ends(log, 0)) {
        FZ_CHECK(uclog_record_iter_new(&ri, log) == 0);
        while (uclog_record_iter_next(&rec, ri) == 0) {
            uclog_span sp;
            uclog_record_span(&sp, rec);
            if (uclog_record_has_header(rec) && sp.offset + uclog_record_text_offset(rec) <= o->len)
                memset(o->header + sp.offset, 1, uclog_record_text_offset(rec));
        }
        uclog_record_iter_free(ri);
    }
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}

/* The output reads as a log: every record and message walked. */
static void reread(const struct out *o)
{
    uclog_ctx *ctx = NULL;
    uclog_log *log = NULL;
    uclog_msg_iter *mi = NULL;
    const uclog_sip *msg;
    const uclog_packet *pkt;
    uint64_t total = 0;
    uclog_record_iter *ri = NULL;
    const uclog_record *rec;

    FZ_CHECK(uclog_ctx_new(&ctx, NULL) == 0);
    FZ_CHECK(uclog_log_open_buffer(&log, ctx, o->buf, o->len, "out") == 0);
    FZ_CHECK(uclog_record_iter_new(&ri, log) == 0);
    while (uclog_record_iter_next(&rec, ri) == 0) {
        uclog_str raw;
        uclog_record_raw(&raw, rec);
        fz_str(raw);
        total += raw.len;
    }
    uclog_record_iter_free(ri);
    FZ_CHECK(total == uclog_log_file_size(log, 0));
    FZ_CHECK(uclog_msg_iter_new(&mi, log) == 0);
    while (uclog_msg_iter_next(&msg, &pkt, mi) == 0)
        fz_sink += uclog_sip_header_count(msg);
    uclog_msg_iter_free(mi);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int cfg, pseudo;

    for (cfg = 0; cfg < 3; cfg++) {
        for (pseudo = 0; pseudo < 2; pseudo++) {
            uclog_ctx *ctx = fz_ctx(cfg, data, size);
            uclog_log *log = NULL;
            uclog_redact_options *opts = NULL;
            uclog_redact_stats *stats = NULL;
            struct outs o = {NULL, 0};
            uint32_t f;
            int rc = uclog_log_open_buffer(&log, ctx, data, size, "in");

            if (rc == 0) {
                o.n = uclog_log_file_count(log);
                o.f = calloc(o.n ? o.n : 1, sizeof(*o.f));
                FZ_CHECK(o.f != NULL);
            }
            if (rc == 0)
                rc = uclog_redact_options_new(&opts, ctx);
            if (rc == 0)
                rc = uclog_redact_options_set_pseudonymise(opts, pseudo);
            if (rc == 0)
                rc = uclog_redact_options_set_key(opts, "fuzz", 4);
            if (rc == 0)
                rc = uclog_redact_stats_new(&stats, ctx);
            if (rc == 0)
                rc = uclog_redact_log(log, opts, write_out, &o, stats);
            fz_status(rc);
            if (rc == 0) {
                int32_t k;

                for (f = 0; f < o.n; f++) {
                    FZ_CHECK(o.f[f].len == uclog_log_file_size(log, f));
                    if (o.f[f].len) {
                        reread(&o.f[f]);
                        mark_headers(&o.f[f]);
                    }
                }
                for (k = 0; k <= UCLOG_REDACT_KIND_END; k++)
                    fz_sink += (unsigned)uclog_redact_stats_count(stats, k) + (unsigned)strlen(uclog_redact_kind_name(k));
                if (cfg == 0)
                    check_secrets(&o, data, size);
            }
            if (cfg != 2) /* a damaged archive is refused when opened, as in fuzz-records */
                FZ_CHECK(rc == 0 || rc == UCLOG_E_LIMIT || (!log && fz_archive(data, size) && fz_archive_error(rc)));
            uclog_redact_stats_free(stats);
            uclog_redact_options_free(opts);
            uclog_log_free(log);
            fz_ctx_free(ctx);
            for (f = 0; f < o.n; f++) {
                free(o.f[f].buf);
                free(o.f[f].header);
            }
            free(o.f);
        }
    }
    {
        /* masking, in place, of the input as one text */
        char *copy = malloc(size ? size : 1);
        FZ_CHECK(copy != NULL);
        if (size)
            memcpy(copy, data, size);
        fz_sink += uclog_redact_mask_text(copy, copy, size);
        free(copy);
    }
    return 0;
}
