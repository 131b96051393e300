/*
 * Helpers shared by the fuzz targets: read every byte of every view handed
 * out (so that AddressSanitizer sees a view that runs past its buffer), and
 * walk every accessor of a SIP message and of an SDP body. Header-only so
 * that each target is one translation unit plus this file.
 */
#ifndef UCLOG_FUZZ_H
#define UCLOG_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uclog/uclog.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stop with a message: libFuzzer (and the replay driver) report the abort. */
#define FZ_CHECK(cond)                                                                   \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);     \
            abort();                                                                     \
        }                                                                                \
    } while (0)

static volatile unsigned fz_sink;

/* Read every byte of a view; an absent view must have no length. */
static inline void fz_str(uclog_str s)
{
    size_t i;
    unsigned acc = 0;

    FZ_CHECK(s.ptr != NULL || s.len == 0);
    for (i = 0; i < s.len; i++)
        acc += (unsigned char)s.ptr[i];
    fz_sink += acc;
}

static inline void fz_span(const uclog_span *sp)
{
    FZ_CHECK(sp->reserved == 0);
    fz_sink += (unsigned)(sp->offset + sp->length + sp->line + sp->column + sp->file);
}

static inline void fz_defect(const uclog_defect *d)
{
    FZ_CHECK(d->reserved == 0);
    fz_str((uclog_str){uclog_defect_name(d->code), strlen(uclog_defect_name(d->code))});
    fz_str((uclog_str){uclog_defect_text(d->code), strlen(uclog_defect_text(d->code))});
    fz_span(&d->span);
}

/* ------------------------------------------------------------------ */
/* Configurations                                                      */
/* ------------------------------------------------------------------ */

/*
 * An allocator that fails the Nth allocation (N < 0: never), so that every
 * target also walks the out-of-memory paths; LeakSanitizer then checks that
 * they free what they took.
 */
static long fz_fail_at = -1, fz_allocs;

static void *fz_malloc(size_t n)
{
    if (fz_fail_at >= 0 && fz_allocs++ == fz_fail_at)
        return NULL;
    return malloc(n ? n : 1);
}

static void *fz_realloc(void *p, size_t n)
{
    if (fz_fail_at >= 0 && fz_allocs++ == fz_fail_at)
        return NULL;
    return realloc(p, n ? n : 1);
}

static const uclog_mem fz_mem = {fz_malloc, fz_realloc, free};

/* Limits small enough that inputs of a few hundred bytes reach every one. */
static inline void fz_tiny_limits(uclog_ctx *ctx, unsigned seed)
{
    uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_RECORD_BYTES, 1 + seed % 200);
    uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_LINE_BYTES, 1 + seed % 40);
    uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_SIP_HEADERS, 1 + seed % 5);
    uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_MIME_PARTS, 1 + seed % 3);
    uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_SDP_LINES, 1 + seed % 9);
    uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_CANDIDATES, 1 + seed % 3);
    uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_XML_DEPTH, 1 + seed % 4);
    uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_XML_ELEMENTS, 1 + seed % 12);
    uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_XML_BYTES, 1 + seed % 300);
    uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_ARCHIVE_BYTES, 1 + seed % 5000);
}

/* Bytes the library takes for an archive (lib/log-archive.c): gzip, or zip. Opening them may then
 * also fail for damage (UCLOG_E_FORMAT), size (UCLOG_E_LIMIT) or a build without zlib or
 * libarchive (UCLOG_E_UNSUPPORTED), and a stream refuses them. */
static inline int fz_archive(const uint8_t *d, size_t n)
{
    return (n >= 2 && d[0] == 0x1f && d[1] == 0x8b) ||
           (n >= 4 && d[0] == 'P' && d[1] == 'K' && ((d[2] == 3 && d[3] == 4) || (d[2] == 5 && d[3] == 6)));
}

static inline int fz_archive_error(int rc)
{
    return rc == UCLOG_E_FORMAT || rc == UCLOG_E_LIMIT || rc == UCLOG_E_UNSUPPORTED;
}

/* A context for configuration cfg: 0 default, 1 tiny limits, 2 failing allocator. */
static inline uclog_ctx *fz_ctx(int cfg, const uint8_t *data, size_t size)
{
    uclog_ctx *ctx = NULL;
    unsigned seed = size ? data[0] + 256u * data[size - 1] : 0;

    fz_fail_at = -1;
    fz_allocs = 0;
    FZ_CHECK(uclog_ctx_new(&ctx, &fz_mem) == 0);
    /* a few bytes of gzip can stand for the whole default limit (1 GiB) */
    uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_ARCHIVE_BYTES, 4u << 20);
    if (cfg == 1)
        fz_tiny_limits(ctx, seed);
    if (cfg == 2)
        fz_fail_at = (long)(seed % 64);
    return ctx;
}

static inline void fz_ctx_free(uclog_ctx *ctx)
{
    const char *m = uclog_ctx_errmsg(ctx);
    uclog_span sp;

    FZ_CHECK(m != NULL);
    fz_str((uclog_str){m, strlen(m)});
    if (uclog_ctx_error_span(&sp, ctx) == 0)
        fz_span(&sp);
    fz_sink += (unsigned)uclog_ctx_errcode(ctx);
    uclog_ctx_free(ctx);
    fz_fail_at = -1;
}

/* A status code a call may return: known, with text. */
static inline void fz_status(int rc)
{
    FZ_CHECK(rc >= UCLOG_E_RANGE && rc <= UCLOG_DONE);
    FZ_CHECK(uclog_strerror(rc) != NULL);
}

/* ------------------------------------------------------------------ */
/* SIP                                                                 */
/* ------------------------------------------------------------------ */

static inline void fz_sip_value(uclog_str v)
{
    static const char *const params[] = {"tag", "epid", "branch", "boundary", "transport",
                                         "reason", "source", "ms-received-cid", "x", ""};
    uclog_str a = {NULL, 0}, b = {NULL, 0}, c = {NULL, 0}, d = {NULL, 0}, rest = v, item;
    uint32_t n1 = 0, n2 = 0;
    uint16_t p16 = 0;
    uint64_t u = 0;
    size_t need = 0, i;
    char buf[64];
    int rc, k = 0;

    while ((rc = uclog_sip_list_next(&item, &rest)) == 0 && k++ < 64) {
        fz_str(item);
        if (uclog_sip_via_entry_parse(&a, &b, &p16, &c, item) == 0) {
            fz_str(a), fz_str(b), fz_str(c);
        }
        if (uclog_sip_diag_parse(&n1, &n2, &a, &b, item) == 0) {
            fz_str(a), fz_str(b);
        }
        if (uclog_sip_diag_param(&a, item, "reason") == 0)
            fz_str(a);
        if (uclog_sip_diag_media_debug(&a, &b, item, "ICEWarn") == 0) {
            fz_str(a), fz_str(b);
        }
        if (uclog_sip_name_addr_parse(&a, &b, &c, item) == 0) {
            fz_str(a), fz_str(b), fz_str(c);
            if (uclog_sip_param(&d, b, "transport") == 0)
                fz_str(d);
        }
    }
    FZ_CHECK(rc == 0 || rc == UCLOG_DONE);
    for (i = 0; i < sizeof(params) / sizeof(params[0]); i++) {
        if (uclog_sip_param(&a, v, params[i]) == 0)
            fz_str(a);
        if (uclog_sip_auth_param(&a, v, params[i]) == 0)
            fz_str(a);
    }
    if (uclog_sip_parse_u64(&u, v) == 0)
        fz_sink += (unsigned)u;
    if (uclog_sip_content_type_parse(&a, &b, &c, v) == 0) {
        fz_str(a), fz_str(b), fz_str(c);
    }
    if (uclog_sip_auth_parse(&a, &b, v) == 0) {
        fz_str(a), fz_str(b);
    }
    rc = uclog_sip_unfold(NULL, 0, &need, v);
    FZ_CHECK(rc == 0 || rc == UCLOG_E_RANGE);
    rc = uclog_sip_unfold(buf, sizeof(buf), &need, v);
    FZ_CHECK(rc == 0 || rc == UCLOG_E_RANGE);
    if (rc == 0)
        FZ_CHECK(need < sizeof(buf) && buf[need] == '\0');
    if (need < 1u << 20) {
        char *big = malloc(need + 1);
        if (big) {
            FZ_CHECK(uclog_sip_unfold(big, need + 1, NULL, v) == 0);
            FZ_CHECK(big[need] == '\0');
            free(big);
        }
    }
}

static inline void fz_sip_part(const uclog_sip_part *part)
{
    uclog_str a, b, c;
    uclog_span sp;
    uint32_t i, n = uclog_sip_part_header_count(part), idx;

    for (i = 0; i < n; i++) {
        FZ_CHECK(uclog_sip_part_header(&a, &b, &sp, part, i) == 0);
        fz_str(a), fz_str(b), fz_span(&sp);
        fz_sip_value(b);
    }
    FZ_CHECK(uclog_sip_part_header(&a, &b, &sp, part, n) == UCLOG_E_RANGE);
    if (uclog_sip_part_header_find(&a, &idx, part, "Content-Type", 0) == 0) {
        FZ_CHECK(idx < n);
        fz_str(a);
    }
    if (uclog_sip_part_body(&a, &sp, part) == 0)
        fz_str(a), fz_span(&sp);
    if (uclog_sip_part_raw(&a, &sp, part) == 0)
        fz_str(a), fz_span(&sp);
    if (uclog_sip_part_content_type(&a, &b, &c, part) == 0)
        fz_str(a), fz_str(b), fz_str(c);
    if (uclog_sip_part_disposition(&a, &b, part) == 0)
        fz_str(a), fz_str(b);
    fz_sink += (unsigned)uclog_sip_part_is_2007_fallback(part);
    if (uclog_sip_part_content_id(&a, part) == 0)
        fz_str(a);
}

static inline void fz_sip(const uclog_sip *msg, const char *data, size_t size)
{
    uclog_str a, b, c, d;
    uclog_span sp;
    uclog_defect def;
    uint32_t i, n, u32, idx;
    uint16_t u16;
    uint64_t u64;
    const uclog_sip_part *part;

    if (data)
        FZ_CHECK(uclog_sip_length(msg) <= size);
    FZ_CHECK(uclog_sip_span(&sp, msg) == 0);
    fz_span(&sp);
    fz_sink += (unsigned)uclog_sip_is_request(msg);
    FZ_CHECK(uclog_sip_start_line(&a, &sp, msg) == 0);
    fz_str(a), fz_span(&sp);
    if (uclog_sip_request_line(&a, &b, &c, msg) == 0)
        fz_str(a), fz_str(b), fz_str(c);
    if (uclog_sip_status_line(&a, &u32, &b, msg) == 0)
        fz_str(a), fz_str(b);
    n = uclog_sip_header_count(msg);
    for (i = 0; i < n; i++) {
        FZ_CHECK(uclog_sip_header(&a, &b, &sp, msg, i) == 0);
        fz_str(a), fz_str(b), fz_span(&sp);
        fz_sip_value(b);
    }
    FZ_CHECK(uclog_sip_header(&a, &b, &sp, msg, n) == UCLOG_E_RANGE);
    idx = 0;
    while (uclog_sip_header_find(&a, &idx, msg, "v", idx) == 0) {
        FZ_CHECK(idx < n);
        fz_str(a);
        idx++;
    }
    if (uclog_sip_body(&a, &sp, msg) == 0)
        fz_str(a), fz_span(&sp);
    n = uclog_sip_defect_count(msg);
    for (i = 0; i < n; i++) {
        FZ_CHECK(uclog_sip_defect(&def, msg, i) == 0);
        fz_defect(&def);
    }
    FZ_CHECK(uclog_sip_defect(&def, msg, n) == UCLOG_E_RANGE);
    fz_sink += (unsigned)uclog_sip_is_response_to(msg, msg);
    n = uclog_sip_part_count(msg);
    for (i = 0; i < n; i++) {
        FZ_CHECK(uclog_sip_part_get(&part, msg, i) == 0);
        fz_sip_part(part);
    }
    FZ_CHECK(uclog_sip_part_get(&part, msg, n) == UCLOG_E_RANGE);
    if (uclog_sip_call_id(&a, msg) == 0)
        fz_str(a);
    if (uclog_sip_cseq(&u32, &a, msg) == 0)
        fz_str(a);
    if (uclog_sip_from(&a, &b, &c, &d, msg) == 0)
        fz_str(a), fz_str(b), fz_str(c), fz_str(d);
    if (uclog_sip_to(&a, &b, &c, &d, msg) == 0)
        fz_str(a), fz_str(b), fz_str(c), fz_str(d);
    if (uclog_sip_contact(&a, &b, &c, msg) == 0)
        fz_str(a), fz_str(b), fz_str(c);
    n = uclog_sip_via_count(msg);
    for (i = 0; i < n && i < 4096; i++) {
        int rc = uclog_sip_via_entry(&a, &b, &u16, &c, msg, i);
        FZ_CHECK(rc == 0 || rc == UCLOG_E_FORMAT);
        if (rc == 0)
            fz_str(a), fz_str(b), fz_str(c);
    }
    FZ_CHECK(uclog_sip_via_entry(&a, &b, &u16, &c, msg, n) == UCLOG_E_RANGE);
    if (uclog_sip_content_type(&a, &b, &c, msg) == 0)
        fz_str(a), fz_str(b), fz_str(c);
    if (uclog_sip_content_length(&u64, msg) == 0)
        fz_sink += (unsigned)u64;
    if (uclog_sip_event(&a, &b, msg) == 0)
        fz_str(a), fz_str(b);
    if (uclog_sip_expires(&u32, msg) == 0)
        fz_sink += u32;
    if (uclog_sip_user_agent(&a, msg) == 0)
        fz_str(a);
    if (uclog_sip_server(&a, msg) == 0)
        fz_str(a);
    if (uclog_sip_logon_data(&a, msg) == 0)
        fz_str(a);
    fz_sink += (unsigned)uclog_sip_is_remote_user(msg);
    if (uclog_sip_endpoint_location(&a, &b, msg) == 0)
        fz_str(a), fz_str(b);
    n = uclog_sip_diag_count(msg);
    for (i = 0; i < n && i < 4096; i++) {
        FZ_CHECK(uclog_sip_diag(&a, &u32, msg, i) == 0);
        fz_str(a);
        if (uclog_sip_diag_parse(&u32, &idx, &b, &c, a) == 0)
            fz_str(b), fz_str(c);
    }
    FZ_CHECK(uclog_sip_diag(&a, &u32, msg, n) == UCLOG_E_RANGE);
}

/* ------------------------------------------------------------------ */
/* SDP and addresses                                                   */
/* ------------------------------------------------------------------ */

static inline void fz_addr(uclog_str a, uclog_str other)
{
    uint8_t ip[16];
    int32_t fam, cls, ipfam;
    int rc, eq;

    if (!a.ptr)
        return;
    fam = uclog_addr_family(a.ptr, a.len);
    FZ_CHECK(fam >= UCLOG_ADDR_INVALID && fam <= UCLOG_ADDR_HOSTNAME);
    ipfam = UCLOG_ADDR_INVALID;
    rc = uclog_addr_to_bytes(ip, &ipfam, a.ptr, a.len);
    FZ_CHECK(rc == 0 || rc == UCLOG_E_FORMAT);
    FZ_CHECK((rc == 0 && ipfam == UCLOG_ADDR_IPV4) == (fam == UCLOG_ADDR_IPV4));
    FZ_CHECK((rc == 0 && ipfam == UCLOG_ADDR_IPV6) == (fam == UCLOG_ADDR_IPV6));
    cls = uclog_addr_class(a.ptr, a.len);
    FZ_CHECK(cls >= UCLOG_ADDR_CLASS_NONE && cls <= UCLOG_ADDR_CLASS_MULTICAST);
    FZ_CHECK((cls == UCLOG_ADDR_CLASS_NONE) == (rc < 0));
    eq = uclog_addr_equal(a.ptr, a.len, a.ptr, a.len);
    FZ_CHECK(eq == (fam != UCLOG_ADDR_INVALID));
    if (other.ptr) {
        eq = uclog_addr_equal(a.ptr, a.len, other.ptr, other.len);
        FZ_CHECK(eq == uclog_addr_equal(other.ptr, other.len, a.ptr, a.len));
    }
    FZ_CHECK(uclog_addr_family_name(fam) != NULL);
    FZ_CHECK(uclog_addr_class_name(cls) != NULL);
}

static inline void fz_sdp_candidate(const uclog_sdp_candidate *c, uclog_str conn)
{
    uclog_str a, b, addr;
    uclog_span sp;
    uint32_t u32, i, n;
    uint16_t port;
    int rc;

    uclog_sdp_candidate_span(&sp, c), fz_span(&sp);
    uclog_sdp_candidate_raw(&a, c), fz_str(a);
    FZ_CHECK(uclog_sdp_candidate_form(c) == UCLOG_SDP_ICE_DRAFT6 ||
             uclog_sdp_candidate_form(c) == UCLOG_SDP_ICE_RFC5245);
    fz_sink += (unsigned)uclog_sdp_candidate_attribute(c) + uclog_sdp_candidate_component(c);
    FZ_CHECK(uclog_sdp_transport_name(uclog_sdp_candidate_transport(c)) != NULL);
    uclog_sdp_candidate_transport_raw(&a, c), fz_str(a);
    rc = uclog_sdp_candidate_priority(&u32, c);
    FZ_CHECK(rc == 0 || rc == UCLOG_E_NOT_FOUND);
    rc = uclog_sdp_candidate_qvalue(&u32, c);
    FZ_CHECK(rc == 0 || rc == UCLOG_E_NOT_FOUND);
    if (rc == 0)
        FZ_CHECK(u32 <= 1000);
    uclog_sdp_candidate_address(&addr, c), fz_str(addr);
    port = uclog_sdp_candidate_port(c);
    fz_sink += port;
    FZ_CHECK(uclog_sdp_candidate_type_name(uclog_sdp_candidate_type(c)) != NULL);
    uclog_sdp_candidate_type_raw(&a, c), fz_str(a);
    b.ptr = NULL, b.len = 0;
    if (uclog_sdp_candidate_related(&b, &port, c) == 0)
        fz_str(b);
    uclog_sdp_candidate_foundation(&a, c), fz_str(a);
    uclog_sdp_candidate_username(&a, c), fz_str(a);
    uclog_sdp_candidate_password(&a, c), fz_str(a);
    n = uclog_sdp_candidate_ext_count(c);
    for (i = 0; i < n; i++) {
        FZ_CHECK(uclog_sdp_candidate_ext(&a, &b, c, i) == 0);
        fz_str(a), fz_str(b);
    }
    FZ_CHECK(uclog_sdp_candidate_ext(&a, &b, c, n) == UCLOG_E_RANGE);
    if (uclog_sdp_candidate_ext_find(&a, c, "generation") == 0)
        fz_str(a);
    b.ptr = NULL, b.len = 0;
    uclog_sdp_candidate_related(&b, NULL, c);
    fz_addr(addr, b.ptr ? b : conn);
    fz_addr(b, addr);
}

static inline void fz_sdp_media(const uclog_sdp_media *m)
{
    static const char letters[] = "micbkxa";
    uclog_str a, b, c, d, conn = {NULL, 0};
    uclog_span sp;
    uint32_t i, n, u32;
    int32_t i32;
    uint16_t port;
    const uclog_sdp_candidate *cand;

    uclog_sdp_media_span(&sp, m), fz_span(&sp);
    uclog_sdp_media_type(&a, m), fz_str(a);
    fz_sink += uclog_sdp_media_port(m);
    uclog_sdp_media_proto(&a, m), fz_str(a);
    n = uclog_sdp_media_format_count(m);
    for (i = 0; i < n; i++) {
        FZ_CHECK(uclog_sdp_media_format(&a, m, i) == 0);
        fz_str(a);
    }
    FZ_CHECK(uclog_sdp_media_format(&a, m, n) == UCLOG_E_RANGE);
    for (i = 0; letters[i]; i++)
        if (uclog_sdp_media_line(&a, m, letters[i]) == 0)
            fz_str(a);
    if (uclog_sdp_media_connection(&a, &conn, m) == 0)
        fz_str(a), fz_str(conn), fz_addr(conn, a);
    n = uclog_sdp_media_attr_count(m);
    for (i = 0; i < n; i++) {
        FZ_CHECK(uclog_sdp_media_attr(&a, &b, &sp, m, i) == 0);
        fz_str(a), fz_str(b);
        fz_span(&sp);
    }
    FZ_CHECK(uclog_sdp_media_attr(&a, &b, &sp, m, n) == UCLOG_E_RANGE);
    i = 0;
    while (uclog_sdp_media_attr_find(&a, &u32, m, "candidate", i) == 0) {
        FZ_CHECK(u32 >= i && u32 < n);
        fz_str(a);
        i = u32 + 1;
    }
    if (uclog_sdp_media_ice_ufrag(&a, m) == 0)
        fz_str(a);
    if (uclog_sdp_media_ice_pwd(&a, m) == 0)
        fz_str(a);
    if (uclog_sdp_media_encryption(&i32, &a, m) == 0)
        fz_str(a);
    if (uclog_sdp_media_key(&a, &b, m) == 0)
        fz_str(a), fz_str(b);
    n = uclog_sdp_media_crypto_count(m);
    for (i = 0; i < n; i++) {
        FZ_CHECK(uclog_sdp_media_crypto(&i32, &u32, &a, &b, &c, m, i) == 0);
        fz_str(a), fz_str(b), fz_str(c);
    }
    FZ_CHECK(uclog_sdp_media_crypto(&i32, &u32, &a, &b, &c, m, n) == UCLOG_E_RANGE);
    if (uclog_sdp_media_diagnostics(&u32, &a, &b, m) == 0)
        fz_str(a), fz_str(b);
    if (uclog_sdp_media_remote_username(&a, m) == 0)
        fz_str(a);
    n = uclog_sdp_media_remote_count(m);
    for (i = 0; i < n; i++) {
        FZ_CHECK(uclog_sdp_media_remote(&u32, &d, &port, m, i) == 0);
        fz_str(d);
        fz_addr(d, conn);
    }
    FZ_CHECK(uclog_sdp_media_remote(&u32, &d, &port, m, n) == UCLOG_E_RANGE);
    n = uclog_sdp_candidate_count(m);
    for (i = 0; i < n; i++) {
        FZ_CHECK(uclog_sdp_candidate_get(&cand, m, i) == 0);
        fz_sdp_candidate(cand, conn);
    }
    FZ_CHECK(uclog_sdp_candidate_get(&cand, m, n) == UCLOG_E_RANGE);
}

static inline void fz_sdp(const uclog_sdp *sdp)
{
    static const char letters[] = "vosiuepcbtrzkma";
    uclog_str a, b, c, d, e;
    uclog_span sp;
    uclog_defect def;
    uint32_t i, n, u32;
    int32_t type;
    const uclog_sdp_media *m;

    uclog_sdp_span(&sp, sdp), fz_span(&sp);
    n = uclog_sdp_line_count(sdp);
    for (i = 0; i < n; i++) {
        FZ_CHECK(uclog_sdp_line(&type, &a, &sp, sdp, i) == 0);
        fz_str(a);
        fz_span(&sp);
    }
    FZ_CHECK(uclog_sdp_line(&type, &a, &sp, sdp, n) == UCLOG_E_RANGE);
    n = uclog_sdp_defect_count(sdp);
    for (i = 0; i < n; i++) {
        FZ_CHECK(uclog_sdp_defect(&def, sdp, i) == 0);
        fz_defect(&def);
    }
    FZ_CHECK(uclog_sdp_defect(&def, sdp, n) == UCLOG_E_RANGE);
    for (i = 0; letters[i]; i++)
        if (uclog_sdp_session_line(&a, sdp, letters[i]) == 0)
            fz_str(a);
    if (uclog_sdp_origin(&a, &b, &c, &d, &e, sdp) == 0) {
        fz_str(a), fz_str(b), fz_str(c), fz_str(d), fz_str(e);
        fz_addr(e, d);
    }
    if (uclog_sdp_connection(&a, &b, sdp) == 0)
        fz_str(a), fz_str(b), fz_addr(b, a);
    n = uclog_sdp_attr_count(sdp);
    for (i = 0; i < n; i++) {
        FZ_CHECK(uclog_sdp_attr(&a, &b, &sp, sdp, i) == 0);
        fz_str(a), fz_str(b);
        fz_span(&sp);
    }
    FZ_CHECK(uclog_sdp_attr(&a, &b, &sp, sdp, n) == UCLOG_E_RANGE);
    if (uclog_sdp_attr_find(&a, &u32, sdp, "ice-ufrag", 0) == 0) {
        FZ_CHECK(u32 < n);
        fz_str(a);
    }
    n = uclog_sdp_media_count(sdp);
    for (i = 0; i < n; i++) {
        FZ_CHECK(uclog_sdp_media_get(&m, sdp, i) == 0);
        fz_sdp_media(m);
    }
    FZ_CHECK(uclog_sdp_media_get(&m, sdp, n) == UCLOG_E_RANGE && m == NULL);
}

/* Parse bytes as SDP with ctx and walk the result. */
static inline int fz_sdp_bytes(uclog_ctx *ctx, const char *p, size_t n, const uclog_span *base)
{
    uclog_sdp *sdp = NULL;
    int rc = uclog_sdp_parse(&sdp, ctx, p, n, base);

    FZ_CHECK(rc == 0 || rc == UCLOG_E_NOMEM);
    FZ_CHECK((rc == 0) == (sdp != NULL));
    if (sdp)
        fz_sdp(sdp);
    uclog_sdp_free(sdp);
    return rc;
}

#endif
