/* Redaction (uclog/redact.h): secrets replaced, other copies found, a log
 * that reads as the original did (byte counts, defects, verdicts), no
 * secret the reader recognises left anywhere, pseudonyms consistent and
 * class-preserving, errors; masking in test-redact-mask.c. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <uclog/diag.h>

#include "siphash.h"
#include "test-redact.h"

#define MAX_FILES 4

/* ---- a writer into memory -------------------------------------------------- */

struct sink {
    char *buf[MAX_FILES];
    size_t len[MAX_FILES], cap[MAX_FILES];
    long fail_after; /* refuse the write after this many, -1: never */
    long writes;
};

static int sink_write(void *u, uint32_t file, const char *d, size_t n)
{
    struct sink *s = u;

    ck_assert_uint_lt(file, MAX_FILES);
    if (s->fail_after >= 0 && s->writes >= s->fail_after)
        return -1;
    s->writes++;
    if (s->len[file] + n + 1 > s->cap[file]) {
        s->cap[file] = (s->len[file] + n + 1) * 2;
        s->buf[file] = realloc(s->buf[file], s->cap[file]);
        ck_assert_ptr_nonnull(s->buf[file]);
    }
    memcpy(s->buf[file] + s->len[file], d, n);
    s->len[file] += n;
    s->buf[file][s->len[file]] = '\0';
    return 0;
}

static void sink_free(struct sink *s)
{
    int i;

    for (i = 0; i < MAX_FILES; i++)
        free(s->buf[i]);
    memset(s, 0, sizeof *s);
}

static uclog_redact_options *options(uclog_ctx *ctx, int pseudo, const char *key)
{
    uclog_redact_options *o = NULL;

    ck_assert_int_eq(uclog_redact_options_new(&o, ctx), 0);
    ck_assert_int_eq(uclog_redact_options_set_pseudonymise(o, pseudo), 0);
    if (key)
        ck_assert_int_eq(uclog_redact_options_set_key(o, key, strlen(key)), 0);
    return o;
}

/* Redact one fixture (a path under tests/data) into s. */
static void redact_path(struct sink *s, uclog_ctx *ctx, const char *path, const uclog_redact_options *o,
                        uclog_redact_stats *st)
{
    uclog_log *log = NULL;

    memset(s, 0, sizeof *s);
    s->fail_after = -1;
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, path), 0);
    ck_assert_int_eq(uclog_redact_log(log, o, sink_write, s, st), 0);
    ck_assert_uint_eq(s->len[0], uclog_log_file_size(log, 0));
    uclog_log_free(log);
}

/* A whole file, by its path. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, r;

    ck_assert_msg(f != NULL, "cannot open %s", path);
    do {
        if (n + 4096 + 1 > cap) {
            cap = (n + 4096 + 1) * 2;
            buf = realloc(buf, cap);
            ck_assert_ptr_nonnull(buf);
        }
        r = fread(buf + n, 1, 4096, f);
        n += r;
    } while (r > 0);
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static int contains(const char *hay, size_t n, const char *needle, size_t m)
{
    size_t i;

    if (m == 0 || m > n)
        return 0;
    for (i = 0; i + m <= n; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, m) == 0)
            return 1;
    return 0;
}
#define CONTAINS(s, lit) contains((s)->buf[0], (s)->len[0], (lit), strlen(lit))

/* ---- the fixtures: every log under tests/data ------------------------------- */

static char *fixtures[256];
static int nfixtures;

static void find_logs(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    if (!d)
        return;
    while ((e = readdir(d)) != NULL && nfixtures < 256) {
        size_t n = strlen(e->d_name);
        char path[1024];
        struct stat st;

        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (stat(path, &st) != 0)
            continue;
        if (S_ISREG(st.st_mode) && n > 10 && strcmp(e->d_name + n - 10, ".uccapilog") == 0)
            fixtures[nfixtures++] = strdup(path);
        else if (S_ISDIR(st.st_mode) && !strchr(e->d_name, '.'))
            find_logs(path);
    }
    closedir(d);
}

static void load_fixtures(void)
{
    if (!nfixtures)
        find_logs(UCLOG_TEST_DATA);
}

/* ---- SipHash ------------------------------------------------------------------ */

START_TEST(siphash_reference_vectors)
{
    /* The reference vectors: key 00..0f, messages 00..(n-1). */
    unsigned char m[64];
    uint64_t k0 = 0x0706050403020100ULL, k1 = 0x0f0e0d0c0b0a0908ULL;
    int i;

    for (i = 0; i < 64; i++)
        m[i] = (unsigned char)i;
    ck_assert_uint_eq(uclog__siphash24(k0, k1, m, 0), 0x726fdb47dd0e0e31ULL);
    ck_assert_uint_eq(uclog__siphash24(k0, k1, m, 1), 0x74f839c593dc67fdULL);
    ck_assert_uint_eq(uclog__siphash24(k0, k1, m, 8), 0x93f5f5799a932462ULL);
    ck_assert_uint_eq(uclog__siphash24(k0, k1, m, 15), 0xa129ca6149be45e5ULL);
    ck_assert_uint_eq(uclog__siphash24(k0, k1, m, 63), 0x958a324ceb064572ULL);
}
END_TEST

/* ---- secrets ------------------------------------------------------------------- */

static const char *const fixture_secrets[] = {
    "AgAAJPctcgsByUyufn7q4YrV9tVY9EdbrUyIexcz3eMAAAAA", /* MRAS username */
    "Qm9ndXNQYXNzd29yZDEyMw==",                         /* MRAS password, on a line of its own */
    "ZXNjYXBlZFBhc3N3b3Jk",                             /* in &lt;password&gt; */
    "TlRMTVNTUAADAAAAGAAYAEgAAAAYABgAYAAAAA==",         /* NTLM gssapi-data */
    "YIIGhwYJKoZIhvcSAQICAQBuggZ2MIIGcqADAgEF",         /* Negotiate token68 */
    "FEgcqADAgEFMIIGcqADAg",                            /* folded Kerberos gssapi-data (a piece) */
    "0100000000000000bfb8bea5f1377568",                 /* response */
    "8657731f5aeb8bfb0000000000000010",                 /* rspauth */
    "WVNfX19WT1ZrYXlTdXNrdGVyaXNrQUFBQUFBQUE=",         /* a=crypto */
    "c2NhbGVLZXlzY2FsZUtleXNjYWxlS2V5c2NhbGVL",         /* a=cryptoscale */
    "mXJ0wWkxa9kyNIxUJrhFyQ4d",                         /* a=ice-pwd */
    "1aZ9EbjsP8LMhi6fxLVJVQ",                           /* draft-6 candidate */
    "F/UCIT9x+77pF8zQ8mtg5g",                           /* draft-6 x-candidate-ipv6 */
    "UW05bmRYTlFZWE56ZDI5eVpFRXlNdz09",                 /* base64 of the MRAS password */
    "EB6E1210",                                         /* opaque */
};

START_TEST(secrets_replaced_in_place_and_elsewhere)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_redact_stats *st = NULL;
    struct sink s;
    size_t i;

    ck_assert_int_eq(uclog_redact_stats_new(&st, ctx), 0);
    redact_path(&s, ctx, tu_data("redact/secrets.uccapilog"), NULL, st);
    for (i = 0; i < sizeof fixture_secrets / sizeof *fixture_secrets; i++)
        ck_assert_msg(!CONTAINS(&s, fixture_secrets[i]), "secret %s survived", fixture_secrets[i]);
    /* what a reader of a challenge needs stays */
    ck_assert(CONTAINS(&s, "realm=\"SIP Communications Service\", opaque=\"XXXXXXXX\", "
                           "targetname=\"OCS-FE.litwareinc.com\", gssapi-data=\"XXXX"));
    ck_assert(CONTAINS(&s, "crand=\"9eb79f5f\", cnum=\"14\""));
    ck_assert(CONTAINS(&s, "WWW-Authenticate: Negotiate XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\r\n"));
    ck_assert(CONTAINS(&s, "<password>\r\nXXXXXXXXXXXXXXXXXXXXXXXX\r\n</password>"));
    ck_assert(CONTAINS(&s, "&lt;password&gt;XXXXXXXXXXXXXXXXXXXX&lt;/password&gt;"));
    ck_assert(CONTAINS(&s, "a=ice-pwd:XXXXXXXXXXXXXXXXXXXXXXXX\r\n"));
    ck_assert(CONTAINS(&s, " 1 XXXXXXXXXXXXXXXXXXXXXX UDP 0.830 192.168.1.10 50000\r\n"));
    ck_assert(CONTAINS(&s, "inline:XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX|2^31|1:1"));
    ck_assert(CONTAINS(&s, "a=candidate:1 1 UDP 2130706431 192.168.1.10 50004 typ host\r\n"));
    ck_assert(CONTAINS(&s, "<udpPort>3478</udpPort><tcpPort>443</tcpPort>"));
    /* addresses and names stay without pseudonymise */
    ck_assert(CONTAINS(&s, "From: \"Bart Duncan\" <sip:bart@litwareinc.com>;tag=a8a3"));
    ck_assert_uint_eq(uclog_redact_stats_count(st, UCLOG_REDACT_AUTH_TOKEN), 9);
    ck_assert_uint_eq(uclog_redact_stats_count(st, UCLOG_REDACT_MRAS_CREDENTIAL), 4);
    ck_assert_uint_eq(uclog_redact_stats_count(st, UCLOG_REDACT_SRTP_KEY), 2);
    ck_assert_uint_eq(uclog_redact_stats_count(st, UCLOG_REDACT_ICE_PASSWORD), 3);
    ck_assert_uint_eq(uclog_redact_stats_count(st, UCLOG_REDACT_SECRET_COPY), 2);
    ck_assert_uint_eq(uclog_redact_stats_count(st, UCLOG_REDACT_IPV4), 0);
    ck_assert_uint_eq(uclog_redact_stats_count(st, 0), 0);
    ck_assert_uint_eq(uclog_redact_stats_count(st, UCLOG_REDACT_KIND_END), 0);
    ck_assert_str_eq(uclog_redact_kind_name(UCLOG_REDACT_SRTP_KEY), "srtp-key");
    ck_assert_str_eq(uclog_redact_kind_name(99), "unknown");
    sink_free(&s);
    uclog_redact_stats_free(st);
    uclog_ctx_free(ctx);
}
END_TEST

/* A CR alone inside a header's value is part of the value for the SIP reader: a secret after it
 * is still one of the header's parameters (fuzz-redact found the redactor ending the header there). */
START_TEST(secret_after_a_cr_alone_in_a_header)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_redact_stats *st = NULL;
    struct sink s;
    char line[] = "Authentication-Info: NTLM snum=\"8\",\ropaque=\"EB6E1210\", qop=\"auth\"\r\n";

    ck_assert_int_eq(uclog_redact_stats_new(&st, ctx), 0);
    redact_path(&s, ctx, tu_data("redact/auth-bare-cr.uccapilog"), NULL, st);
    ck_assert(!CONTAINS(&s, "EB6E1210"));
    ck_assert(CONTAINS(&s, "srand=\"807B1E03\", snum=\"8\",\ropaque=\"XXXXXXXX\", qop=\"auth\""));
    ck_assert_uint_eq(uclog_redact_stats_count(st, UCLOG_REDACT_AUTH_TOKEN), 2);
    ck_assert_uint_eq(uclog_redact_mask_text(line, line, strlen(line)), 1);
    ck_assert_str_eq(line, "Authentication-Info: NTLM snum=\"8\",\ropaque=\"********\", qop=\"auth\"\r\n");
    {
        /* a quoted value that a CR alone or a fold cuts goes on in the next line: the CR is the
         * value's, as the SIP reader reads it (kept, as quotes are: they are the text's shape);
         * a value over two lines is one secret, counted once */
        char cut[] = "Authorization: NTLM opaque=\"AB12CD34\rEF56GH78\", qop=\"auth\"\r\n"
                     "Proxy-Authorization: NTLM realm=\"SIP\r\n Communications\", response=\"0100ab\r\n cdef99\"\r\n"
                     "Subject: \"open\r\n";
        ck_assert_uint_eq(uclog_redact_mask_text(cut, cut, strlen(cut)), 2);
        ck_assert_str_eq(cut, "Authorization: NTLM opaque=\"********\r********\", qop=\"auth\"\r\n"
                              "Proxy-Authorization: NTLM realm=\"SIP\r\n Communications\", response=\"******\r\n ******\"\r\n"
                              "Subject: \"open\r\n");
    }
    sink_free(&s);
    uclog_redact_stats_free(st);
    uclog_ctx_free(ctx);
}
END_TEST

/* A copy of a secret that starts in a record's header: the header's bytes stay (the copy must read
 * as a log), the rest of the copy goes (fuzz-redact found copies looked for in the text only). */
START_TEST(secret_copy_from_a_header)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_redact_stats *st = NULL;
    struct sink s;

    ck_assert_int_eq(uclog_redact_stats_new(&st, ctx), 0);
    redact_path(&s, ctx, tu_data("redact/copy-from-header.uccapilog"), NULL, st);
    ck_assert(!CONTAINS(&s, "INFO  :: CallMgr: dialing bart for the conference"));
    ck_assert(CONTAINS(&s, "a=ice-pwd:XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\r\n"));
    ck_assert(CONTAINS(&s, "01/15/2012|11:30:10.200 1384:11C0 INFO  :: XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\r\n"));
    ck_assert_uint_eq(uclog_redact_stats_count(st, UCLOG_REDACT_ICE_PASSWORD), 1);
    ck_assert_uint_eq(uclog_redact_stats_count(st, UCLOG_REDACT_SECRET_COPY), 1);
    sink_free(&s);
    uclog_redact_stats_free(st);
    uclog_ctx_free(ctx);
}
END_TEST

/* The same through the writer, over a log's records and packets: a folded value is replaced in
 * its pieces, counted once, and learnt for its copies. */
START_TEST(secrets_a_fold_cuts_from_their_names_in_a_log)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_redact_stats *st = NULL;
    struct sink s;

    ck_assert_int_eq(uclog_redact_stats_new(&st, ctx), 0);
    redact_path(&s, ctx, tu_data("redact/auth-folds.uccapilog"), NULL, st);
    ck_assert(!CONTAINS(&s, "EB6E1210"));
    ck_assert(!CONTAINS(&s, "0100000000000000bfb8bea5f1377568"));
    ck_assert(!CONTAINS(&s, "YIIGhwYJKoZIhvcSAQICAQBuggZ2MIIGcqADAgEF"));
    ck_assert(CONTAINS(&s, "opaque=\r\n \"XXXXXXXX\", targetname=\"OCS-FE.litwareinc.com\", crand=\"9a3b1c2d\", "
                           "cnum=\"2\", response=\r\n\t\"XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\"\r\n"));
    ck_assert(CONTAINS(&s, "WWW-Authenticate: Negotiate\r\n XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\r\n"));
    ck_assert(CONTAINS(&s, "SIPAuth: response XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX accepted\r\n"));
    ck_assert(CONTAINS(&s, "opaque=\"XXXXXX\r\n XXXXXXXXXX\"\r\n"));
    ck_assert(CONTAINS(&s, "SIPAuth: challenge opaque XXXXXXXXXXXXXXXX kept\r\n"));
    ck_assert(!CONTAINS(&s, "C0FFEE"));
    ck_assert_uint_eq(uclog_redact_stats_count(st, UCLOG_REDACT_AUTH_TOKEN), 4);
    ck_assert_uint_eq(uclog_redact_stats_count(st, UCLOG_REDACT_SECRET_COPY), 2);
    sink_free(&s);
    uclog_redact_stats_free(st);
    uclog_ctx_free(ctx);
}
END_TEST

/* ---- the redacted log reads as the original --------------------------------- */

/* Everything a reader reports of a log's structure, one line per item:
 * records' defects, packets (declared and real byte counts, defects),
 * messages (Content-Length, defects). */
static char *structure(uclog_ctx *ctx, const char *data, size_t len)
{
    uclog_log *log = NULL;
    uclog_record_iter *ri = NULL;
    uclog_packet_iter *pi = NULL;
    uclog_msg_iter *mi = NULL;
    const uclog_record *rec;
    const uclog_packet *pkt;
    const uclog_sip *msg;
    char *out = NULL;
    size_t n = 0;
    FILE *f = tu_memstream_open(&out, &n);
    uint32_t i;

    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, data, len, "x"), 0);
    ck_assert_int_eq(uclog_record_iter_new(&ri, log), 0);
    while (uclog_record_iter_next(&rec, ri) == 0)
        for (i = 0; i < uclog_record_defect_count(rec); i++) {
            uclog_defect d;
            uclog_record_defect(&d, rec, i);
            fprintf(f, "record defect %d at %llu\n", (int)d.code, (unsigned long long)d.span.offset);
        }
    uclog_record_iter_free(ri);
    ck_assert_int_eq(uclog_packet_iter_new(&pi, log), 0);
    while (uclog_packet_iter_next(&pkt, pi) == 0) {
        uint64_t declared = 0;
        uclog_str b;

        uclog_packet_declared_bytes(&declared, pkt);
        uclog_packet_bytes(&b, pkt);
        fprintf(f, "packet %llu/%zu\n", (unsigned long long)declared, b.len);
        for (i = 0; i < uclog_packet_defect_count(pkt); i++) {
            uclog_defect d;
            uclog_packet_defect(&d, pkt, i);
            fprintf(f, "packet defect %d at %llu\n", (int)d.code, (unsigned long long)d.span.offset);
        }
    }
    uclog_packet_iter_free(pi);
    ck_assert_int_eq(uclog_msg_iter_new(&mi, log), 0);
    while (uclog_msg_iter_next(&msg, &pkt, mi) == 0) {
        uint64_t cl = 0;

        uclog_sip_content_length(&cl, msg);
        fprintf(f, "message %llu bytes, Content-Length %llu\n", (unsigned long long)uclog_sip_length(msg),
                (unsigned long long)cl);
        for (i = 0; i < uclog_sip_defect_count(msg); i++) {
            uclog_defect d;
            uclog_sip_defect(&d, msg, i);
            fprintf(f, "sip defect %d at %llu\n", (int)d.code, (unsigned long long)d.span.offset);
        }
    }
    uclog_msg_iter_free(mi);
    uclog_log_free(log);
    tu_memstream_close(f, &out, &n);
    return out;
}

/* The verdict codes of a diagnosis, in order. */
static char *verdicts(uclog_ctx *ctx, const char *data, size_t len)
{
    uclog_log *log = NULL;
    uclog_diag_report *rep = NULL;
    char *out = NULL;
    size_t n = 0;
    FILE *f = tu_memstream_open(&out, &n);
    uint32_t i;

    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, data, len, "x"), 0);
    ck_assert_int_eq(uclog_diag_run(&rep, log, NULL), 0);
    for (i = 0; i < uclog_diag_report_verdict_count(rep); i++)
        fprintf(f, "%d ", (int)uclog_diag_verdict_code(uclog_diag_report_verdict(rep, i)));
    uclog_diag_report_free(rep);
    uclog_log_free(log);
    tu_memstream_close(f, &out, &n);
    return out;
}

static void reads_as_original(int pseudo)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_redact_options *o = options(ctx, pseudo, "a key");
    int k;

    load_fixtures();
    ck_assert_int_gt(nfixtures, 40);
    for (k = 0; k < nfixtures; k++) {
        struct sink s;
        size_t len;
        char *orig = slurp(fixtures[k], &len), *a, *b, *va, *vb;

        redact_path(&s, ctx, fixtures[k], o, NULL);
        /* a UTF-16 file is written as the UTF-8 it was read as */
        if (s.len[0] == len) {
            a = structure(ctx, orig, len);
            b = structure(ctx, s.buf[0], s.len[0]);
            ck_assert_msg(strcmp(a, b) == 0, "%s: structure\n%s\nbecame\n%s", fixtures[k], a, b);
            free(a);
            free(b);
            va = verdicts(ctx, orig, len);
            vb = verdicts(ctx, s.buf[0], s.len[0]);
            ck_assert_msg(strcmp(va, vb) == 0, "%s: verdicts %s became %s", fixtures[k], va, vb);
            free(va);
            free(vb);
        }
        free(orig);
        sink_free(&s);
    }
    uclog_redact_options_free(o);
    uclog_ctx_free(ctx);
}

START_TEST(every_fixture_reads_the_same_after_secrets)
{
    reads_as_original(0);
}
END_TEST

START_TEST(every_fixture_reads_the_same_after_pseudonyms)
{
    reads_as_original(1);
}
END_TEST

/* ---- the scanner: no secret the reader recognises survives -------------------- */

struct found {
    char *v[4096];
    int n;
};

static void found_add(struct found *f, const char *p, size_t n)
{
    while (n > 0 && (p[0] == ' ' || p[0] == '"')) {
        p++;
        n--;
    }
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '"' || p[n - 1] == '\r'))
        n--;
    if (n == 0 || f->n == 4096)
        return;
    f->v[f->n] = malloc(n + 1);
    memcpy(f->v[f->n], p, n);
    f->v[f->n++][n] = '\0';
}

static void found_free(struct found *f)
{
    int i;

    for (i = 0; i < f->n; i++)
        free(f->v[i]);
    f->n = 0;
}

static void auth_secrets(struct found *f, const uclog_sip *msg)
{
    static const char *const headers[] = {"Authorization", "Proxy-Authorization", "WWW-Authenticate",
                                          "Proxy-Authenticate", "Authentication-Info"};
    static const char *const params[] = {"gssapi-data", "response", "rspauth", "opaque", "nonce", "cnonce"};
    uint32_t i;
    size_t h, k;

    for (i = 0; i < uclog_sip_header_count(msg); i++) {
        uclog_str name, value, scheme, ps, v;

        uclog_sip_header(&name, &value, NULL, msg, i);
        for (h = 0; h < 5; h++)
            if (name.len == strlen(headers[h]) && strncasecmp(name.ptr, headers[h], name.len) == 0)
                break;
        if (h == 5 || uclog_sip_auth_parse(&scheme, &ps, value) != 0)
            continue;
        if (ps.len && !memchr(ps.ptr, '=', ps.len - 1))
            found_add(f, ps.ptr, ps.len); /* a token68 */
        for (k = 0; k < 6; k++)
            if (uclog_sip_auth_param(&v, ps, params[k]) == 0)
                found_add(f, v.ptr, v.len);
    }
}

static void sdp_secrets(struct found *f, uclog_ctx *ctx, const uclog_sip *msg)
{
    uint32_t i, m, c;

    for (i = 0; i < uclog_sip_sdp_count(msg); i++) {
        uclog_str body, v, params;
        uclog_sdp *sdp = NULL;

        if (uclog_sip_sdp_body(&body, NULL, NULL, msg, i) != 0 || uclog_sdp_parse(&sdp, ctx, body.ptr, body.len, NULL))
            continue;
        for (m = 0; m < uclog_sdp_media_count(sdp); m++) {
            const uclog_sdp_media *media;
            uclog_sdp_media_get(&media, sdp, m);
            if (uclog_sdp_media_ice_pwd(&v, media) == 0)
                found_add(f, v.ptr, v.len);
            for (c = 0; c < uclog_sdp_candidate_count(media); c++) {
                const uclog_sdp_candidate *cand;
                uclog_sdp_candidate_get(&cand, media, c);
                uclog_sdp_candidate_password(&v, cand);
                if (v.ptr)
                    found_add(f, v.ptr, v.len);
            }
            for (c = 0; c < uclog_sdp_media_crypto_count(media); c++) {
                const char *p;
                if (uclog_sdp_media_crypto(NULL, NULL, NULL, NULL, &params, media, c) != 0 || !params.ptr)
                    continue;
                for (p = params.ptr; p + 7 <= params.ptr + params.len; p++)
                    if (strncmp(p, "inline:", 7) == 0)
                        found_add(f, p + 7, strcspn(p + 7, "| \r\n") < (size_t)(params.ptr + params.len - p - 7)
                                                ? strcspn(p + 7, "| \r\n")
                                                : (size_t)(params.ptr + params.len - p - 7));
            }
        }
        uclog_sdp_free(sdp);
    }
}

static void mras_secrets(struct found *f, uclog_ctx *ctx, const uclog_sip *msg)
{
    uclog_str body, v;
    uclog_mras *mras = NULL;
    uint32_t i;

    if (uclog_sip_body(&body, NULL, msg) != 0 || !body.ptr || !contains(body.ptr, body.len, "credentials", 11))
        return;
    if (uclog_mras_parse(&mras, ctx, body.ptr, body.len, NULL) != 0)
        return;
    for (i = 0; i < uclog_mras_credresp_count(mras); i++) {
        const uclog_mras_credresp *r;
        uclog_mras_credresp_get(&r, mras, i);
        if (uclog_mras_credresp_username(&v, r) == 0)
            found_add(f, v.ptr, v.len);
        if (uclog_mras_credresp_password(&v, r) == 0)
            found_add(f, v.ptr, v.len);
    }
    uclog_mras_free(mras);
}

/* What the reader recognises as secret in a log. */
static void reader_secrets(struct found *f, uclog_ctx *ctx, const char *data, size_t len)
{
    uclog_log *log = NULL;
    uclog_msg_iter *mi = NULL;
    const uclog_sip *msg;
    const uclog_packet *pkt;

    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, data, len, "x"), 0);
    ck_assert_int_eq(uclog_msg_iter_new(&mi, log), 0);
    while (uclog_msg_iter_next(&msg, &pkt, mi) == 0) {
        auth_secrets(f, msg);
        sdp_secrets(f, ctx, msg);
        mras_secrets(f, ctx, msg);
    }
    uclog_msg_iter_free(mi);
    uclog_log_free(log);
}

static void base64(char *out, const char *p, size_t n)
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i, k = 0;

    for (i = 0; i < n; i += 3) {
        unsigned v = (unsigned)(unsigned char)p[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)(unsigned char)p[i + 1] << 8;
        if (i + 2 < n)
            v |= (unsigned char)p[i + 2];
        out[k++] = b64[(v >> 18) & 63];
        out[k++] = b64[(v >> 12) & 63];
        out[k++] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
        out[k++] = i + 2 < n ? b64[v & 63] : '=';
    }
    out[k] = '\0';
}

static void xml_escape(char *out, const char *p)
{
    for (; *p; p++) {
        const char *e = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : *p == '"' ? "&quot;" : NULL;
        if (e) {
            strcpy(out, e);
            out += strlen(e);
        } else
            *out++ = *p;
    }
    *out = '\0';
}

/* The secrets found in orig, of 8 or more characters not all digits, in
 * none of their forms in red. Returns how many were looked for. */
static int assert_no_secret(uclog_ctx *ctx, const char *name, const char *orig, size_t len, const char *red,
                            size_t rlen)
{
    struct found f;
    int i, looked = 0;

    f.n = 0;
    reader_secrets(&f, ctx, orig, len);
    for (i = 0; i < f.n; i++) {
        size_t n = strlen(f.v[i]);
        char *b = malloc(n * 2 + 8), *x = malloc(n * 6 + 1);

        if (n >= 8 && strspn(f.v[i], "0123456789") != n) {
            looked++;
            base64(b, f.v[i], n);
            xml_escape(x, f.v[i]);
            ck_assert_msg(!contains(red, rlen, f.v[i], n), "%s: secret %s survived", name, f.v[i]);
            ck_assert_msg(!contains(red, rlen, b, strlen(b)), "%s: base64 of %s survived", name, f.v[i]);
            ck_assert_msg(!contains(red, rlen, x, strlen(x)), "%s: escaped %s survived", name, f.v[i]);
        }
        free(b);
        free(x);
    }
    found_free(&f);
    return looked;
}

START_TEST(no_secret_survives_in_any_fixture)
{
    uclog_ctx *ctx = tu_ctx();
    int k, looked = 0;

    load_fixtures();
    for (k = 0; k < nfixtures; k++) {
        struct sink s;
        size_t len;
        char *orig = slurp(fixtures[k], &len);

        redact_path(&s, ctx, fixtures[k], NULL, NULL);
        if (s.len[0] == len)
            looked += assert_no_secret(ctx, fixtures[k], orig, len, s.buf[0], s.len[0]);
        free(orig);
        sink_free(&s);
    }
    /* the scanner saw secrets: the fixtures hold many */
    ck_assert_int_gt(looked, 100);
    uclog_ctx_free(ctx);
}
END_TEST

/* ---- pseudonyms ------------------------------------------------------------------ */

static void redact_people(struct sink *s, uclog_ctx *ctx, const char *key)
{
    uclog_redact_options *o = options(ctx, 1, key);

    redact_path(s, ctx, tu_data("redact/people.uccapilog"), o, NULL);
    uclog_redact_options_free(o);
}

/* The text of s at the offset where orig holds `at`, n bytes. */
static const char *same_place(const struct sink *s, const char *orig, const char *at)
{
    const char *p = strstr(orig, at);

    ck_assert_msg(p != NULL, "%s not in the fixture", at);
    return s->buf[0] + (p - orig);
}

START_TEST(pseudonyms_consistent_with_a_key)
{
    uclog_ctx *ctx = tu_ctx();
    struct sink a, b, c;
    size_t len;
    char *orig = slurp(tu_data("redact/people.uccapilog"), &len);
    const char *bart, *user;

    redact_people(&a, ctx, "ticket 4711");
    redact_people(&b, ctx, "ticket 4711");
    redact_people(&c, ctx, "another key");
    ck_assert_uint_eq(a.len[0], len);
    ck_assert(memcmp(a.buf[0], b.buf[0], len) == 0); /* across runs */
    ck_assert(memcmp(a.buf[0], c.buf[0], len) != 0);
    ck_assert(!CONTAINS(&a, "bart") && !CONTAINS(&a, "Bart") && !CONTAINS(&a, "litwareinc"));
    ck_assert(!CONTAINS(&a, "contoso") && !CONTAINS(&a, "4255550100") && !CONTAINS(&a, "Duncan"));
    /* the same user and domain, the same pseudonym, in every place */
    bart = same_place(&a, orig, "bart@litwareinc.com>;tag");
    user = same_place(&a, orig, "bart@litwareinc.com;opaque");
    ck_assert(strncmp(bart, user, 19) == 0);
    ck_assert(strncmp(same_place(&a, orig, "Bart Duncan\" <sip"), same_place(&a, orig, "Bart Duncan\" <sip:bart@litwareinc.com>\r\n"), 11) == 0);
    /* shape: a domain keeps its labels' lengths and its top-level domain */
    ck_assert_int_eq(bart[4], '@');
    ck_assert(strncmp(bart + 15, ".com", 4) == 0);
    ck_assert(strncmp(same_place(&a, orig, "sip.contoso.com:5061"), same_place(&a, orig, "sip.contoso.com:5061") , 15) == 0);
    ck_assert(strncmp(same_place(&a, orig, "sip.contoso.com:5061") + 3, ".", 1) == 0);
    ck_assert(strncmp(same_place(&a, orig, "sip.contoso.com:5061") + 11, ".com:5061", 9) == 0);
    /* a number keeps its + and its length; the same number everywhere */
    ck_assert(strncmp(same_place(&a, orig, "+14255550100>"), same_place(&a, orig, "+14255550100 for"), 12) == 0);
    ck_assert_int_eq(*same_place(&a, orig, "+14255550100>"), '+');
    free(orig);
    sink_free(&a);
    sink_free(&b);
    sink_free(&c);
    uclog_ctx_free(ctx);
}
END_TEST

/* The address at `at` of the original, as it is in s (its length: up to a space). */
static void addr_at(char *out, const struct sink *s, const char *orig, const char *at)
{
    const char *p = same_place(s, orig, at);
    size_t n = strcspn(at, " ");

    memcpy(out, p, n);
    out[n] = '\0';
}

START_TEST(addresses_keep_their_class)
{
    static const char *const addrs[] = {
        "10.1.2.3 50000", "10.1.2.44 50001", "131.107.2.200 50002", "131.107.2.9 50003", "172.20.1.1 rport",
        "192.168.5.6 50004", "100.64.1.2 rport", "169.254.10.20 50005", "2001:db8:5::1d 50006", "fe80::1:2 50007",
        "8.8.4.4:443",
    };
    uclog_ctx *ctx = tu_ctx();
    struct sink a;
    size_t len, i;
    char *orig = slurp(tu_data("redact/people.uccapilog"), &len), x[64], y[64];
    uclog_redact_stats *st = NULL;
    uclog_redact_options *o = options(ctx, 1, "k");

    ck_assert_int_eq(uclog_redact_stats_new(&st, ctx), 0);
    redact_path(&a, ctx, tu_data("redact/people.uccapilog"), o, st);
    for (i = 0; i < sizeof addrs / sizeof *addrs; i++) {
        size_t n = strstr(addrs[i], "::") ? strcspn(addrs[i], " ") : strcspn(addrs[i], " :");
        char before[64];

        memcpy(before, addrs[i], n);
        before[n] = '\0';
        addr_at(x, &a, orig, addrs[i]);
        x[n] = '\0';
        ck_assert_msg(strcmp(x, before) != 0, "%s kept", before);
        ck_assert_msg(uclog_addr_class(x, n) == uclog_addr_class(before, n), "%s (class %d) became %s (class %d)",
                      before, (int)uclog_addr_class(before, n), x, (int)uclog_addr_class(x, n));
        ck_assert_int_eq(uclog_addr_family(x, n), uclog_addr_family(before, n));
        /* the port after it stays */
        ck_assert(strncmp(same_place(&a, orig, addrs[i]) + n, addrs[i] + n, strlen(addrs[i]) - n) == 0);
    }
    /* the same /24 stays one /24, distinct hosts stay distinct */
    addr_at(x, &a, orig, "10.1.2.3 50000");
    addr_at(y, &a, orig, "10.1.2.44 50001");
    ck_assert(strrchr(x, '.') - x == strrchr(y, '.') - y && strncmp(x, y, (size_t)(strrchr(x, '.') - x)) == 0);
    ck_assert_str_ne(x, y);
    addr_at(x, &a, orig, "131.107.2.200 50002");
    addr_at(y, &a, orig, "131.107.2.9 50003");
    ck_assert(strncmp(x, y, (size_t)(strrchr(x, '.') - x + 1)) == 0);
    /* one address, one pseudonym: c=, the candidate, raddr */
    addr_at(x, &a, orig, "10.1.2.3\r\nt=0");
    addr_at(y, &a, orig, "10.1.2.3 rport");
    ck_assert(strncmp(x, y, 8) == 0);
    ck_assert(strncmp(same_place(&a, orig, "10.1.2.3 50000"), x, 8) == 0);
    /* loopback is no one's: kept */
    ck_assert(strncmp(same_place(&a, orig, "127.0.0.1 50008"), "127.0.0.1 50008", 15) == 0);
    ck_assert_uint_eq(uclog_redact_stats_count(st, UCLOG_REDACT_IPV6), 2);
    ck_assert_uint_eq(uclog_redact_stats_count(st, UCLOG_REDACT_DISPLAY_NAME), 3);
    ck_assert_uint_eq(uclog_redact_stats_count(st, UCLOG_REDACT_PHONE), 2);
    free(orig);
    sink_free(&a);
    uclog_redact_stats_free(st);
    uclog_redact_options_free(o);
    uclog_ctx_free(ctx);
}
END_TEST

/* ---- errors -------------------------------------------------------------------------- */

START_TEST(errors_are_recorded)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_redact_options *o = NULL;
    uclog_log *log = NULL;
    struct sink s;
    FILE *f;

    ck_assert_int_eq(uclog_redact_options_new(NULL, ctx), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_redact_options_new(&o, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_redact_options_new(&o, ctx), 0);
    ck_assert_int_eq(uclog_redact_options_set_pseudonymise(o, 2), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_ctx_errcode(ctx), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_redact_options_set_key(o, NULL, 3), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_redact_options_set_key(o, NULL, 0), 0);
    ck_assert_int_eq(uclog_redact_options_set_pseudonymise(NULL, 1), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_redact_log(NULL, o, sink_write, &s, NULL), UCLOG_E_INVALID_ARG);
    /* a writer that refuses */
    memset(&s, 0, sizeof s);
    s.fail_after = 3;
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("seed.uccapilog")), 0);
    ck_assert_int_eq(uclog_redact_log(log, NULL, NULL, &s, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_redact_log(log, o, sink_write, &s, NULL), UCLOG_E_IO);
    ck_assert_int_eq(uclog_ctx_errcode(ctx), UCLOG_E_IO);
    ck_assert_str_eq(uclog_ctx_errmsg(ctx), "the redacted output could not be written");
    ck_assert_int_eq(s.writes, 3);
    uclog_log_free(log);
    sink_free(&s);
    /* a stream can be read once */
    f = fopen(tu_data("seed.uccapilog"), "rb");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(uclog_log_open_stream(&log, ctx, f, "seed"), 0);
    memset(&s, 0, sizeof s);
    s.fail_after = -1;
    ck_assert_int_eq(uclog_redact_log(log, o, sink_write, &s, NULL), UCLOG_E_STATE);
    uclog_log_free(log);
    fclose(f);
    sink_free(&s);
    uclog_redact_options_free(o);
    uclog_redact_options_free(NULL);
    uclog_redact_stats_free(NULL);
    uclog_ctx_free(ctx);
}
END_TEST

static int redact_under_failures(void *arg)
{
    uclog_ctx *ctx = NULL;
    uclog_log *log = NULL;
    uclog_redact_options *o = NULL;
    uclog_redact_stats *st = NULL;
    struct sink s;
    int rc;

    memset(&s, 0, sizeof s);
    s.fail_after = -1;
    if ((rc = uclog_ctx_new(&ctx, &tu_mem)) != 0)
        return rc;
    rc = uclog_log_open_file(&log, ctx, (const char *)arg);
    if (rc == 0)
        rc = uclog_redact_options_new(&o, ctx);
    if (rc == 0)
        rc = uclog_redact_options_set_pseudonymise(o, 1);
    if (rc == 0)
        rc = uclog_redact_stats_new(&st, ctx);
    if (rc == 0)
        rc = uclog_redact_log(log, o, sink_write, &s, st);
    sink_free(&s);
    uclog_redact_stats_free(st);
    uclog_redact_options_free(o);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    return rc;
}

START_TEST(allocation_failures)
{
    tu_alloc_loop(redact_under_failures, (void *)tu_data("redact/secrets.uccapilog"));
}
END_TEST

START_TEST(rotated_set_stays_a_set)
{
    uclog_ctx *ctx = tu_ctx();
    const char *paths[2];
    uclog_log *log = NULL;
    struct sink s;
    size_t l0, l1;
    char *f0, *f1;

    paths[0] = strdup(tu_data("rotated-uccapi-1.uccapilog"));
    paths[1] = strdup(tu_data("rotated-uccapi-0.uccapilog"));
    memset(&s, 0, sizeof s);
    s.fail_after = -1;
    ck_assert_int_eq(uclog_log_open_files(&log, ctx, paths, 2), 0);
    ck_assert_int_eq(uclog_redact_log(log, NULL, sink_write, &s, NULL), 0);
    /* each file's bytes to its own index, as uclog_log_file_name() orders them */
    f0 = slurp(uclog_log_file_name(log, 0), &l0);
    f1 = slurp(uclog_log_file_name(log, 1), &l1);
    ck_assert_uint_eq(s.len[0], l0);
    ck_assert_uint_eq(s.len[1], l1);
    ck_assert_uint_eq(s.len[2], 0);
    free(f0);
    free(f1);
    free((void *)paths[0]);
    free((void *)paths[1]);
    uclog_log_free(log);
    sink_free(&s);
    uclog_ctx_free(ctx);
}
END_TEST

Suite *tu_suite(void)
{
    Suite *s = suite_create("redact");
    TCase *tc = tcase_create("redact");

    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, siphash_reference_vectors);
    tcase_add_test(tc, secrets_replaced_in_place_and_elsewhere);
    tcase_add_test(tc, every_fixture_reads_the_same_after_secrets);
    tcase_add_test(tc, every_fixture_reads_the_same_after_pseudonyms);
    tcase_add_test(tc, no_secret_survives_in_any_fixture);
    tcase_add_test(tc, pseudonyms_consistent_with_a_key);
    tcase_add_test(tc, addresses_keep_their_class);
    tcase_add_test(tc, secret_after_a_cr_alone_in_a_header);
    tcase_add_test(tc, secret_copy_from_a_header);
    tcase_add_test(tc, secrets_a_fold_cuts_from_their_names_in_a_log);
    tcase_add_test(tc, errors_are_recorded);
    tcase_add_test(tc, allocation_failures);
    tcase_add_test(tc, rotated_set_stays_a_set);
    suite_add_tcase(s, tc);
    redact_add_mask(s);
    return s;
}
