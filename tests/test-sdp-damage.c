/* The sdp suite, damage: malformed input, limits, empty bodies and bad arguments, every
 * prefix of every fixture, allocation failures. */
#include "sdp-fixtures.h"

#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

static int32_t defect_code(const uclog_sdp *sdp, uint32_t i, uclog_defect *d)
{
    uclog_defect tmp;
    if (!d)
        d = &tmp;
    ck_assert_int_eq(uclog_sdp_defect(d, sdp, i), 0);
    return d->code;
}

/* ------------------------------------------------------------------------ */
/* Malformed input                                                           */

static char *thousand_fields(int draft6)
{
    size_t cap = 8000, n;
    char *s = malloc(cap);
    int i;

    n = (size_t)snprintf(s, cap, "%s",
                         draft6 ? "a=candidate:u 1 p UDP 0.5 10.0.0.1 1" : "a=candidate:1 1 UDP 5 10.0.0.1 1 typ host");
    for (i = draft6 ? 7 : 8; i < 1000; i++)
        n += (size_t)snprintf(s + n, cap - n, " f%d", i);
    return s;
}

START_TEST(malformed)
{
    uclog_ctx *ctx = tu_ctx();
    char *d6 = thousand_fields(1), *r5 = thousand_fields(0);
    char *text = malloc(20000);
    uclog_sdp *sdp;
    const uclog_sdp_media *m;
    uclog_defect d;
    uclog_str s;
    int32_t lvl;
    uint32_t u;
    int n;

    n = snprintf(text, 20000,
                 "v=0\r\n"                                                        /* 1 */
                 "a=candidate:1 1 UDP 1 10.0.0.1 1 typ host\r\n"                  /* 2 */
                 "m=audio 9 RTP/AVP 0\r\n"                                        /* 3 */
                 "garbage line\r\n"                                               /* 4 */
                 "a=candidate:1 1 UDP\r\n"                                        /* 5 */
                 "a=candidate:1 1 UDP 2130706431 10.0.0.1 70000 typ host\r\n"     /* 6 */
                 "a=candidate:1 1 UDP 99999999999 10.0.0.1 5000 typ host\r\n"     /* 7 */
                 "a=candidate:abc 1 def UDP 0.8x3 10.0.0.1 5000\r\n"              /* 8 */
                 "a=candidate:abc 1 def UDP 1.5 10.0.0.1 5000\r\n"                /* 9 */
                 "a=candidate:abc 1 def UDP 0.8305 10.0.0.1 5000\r\n"             /* 10 */
                 "%s\r\n"                                                         /* 11 */
                 "%s\r\n"                                                         /* 12 */
                 "a=candidate:1 1 UDP 1 999.1.1.1 5000 typ host\r\n"              /* 13 */
                 "a=candidate:1 x UDP 1 10.0.0.1 5000 typ host\r\n"               /* 14 */
                 "a=candidate:1 1 UDP 1 10.0.0.1 5000 host\r\n"                   /* 15 */
                 "a=candidate:1 1 UDP 1 10.0.0.1 5000 typ relay raddr 10.0.0.2 rport 65536\r\n" /* 16 */
                 "a=remote-candidates:1 10.0.0.1\r\n"                             /* 17 */
                 "a=encryption:maybe\r\n"                                         /* 18 */
                 "a=crypto:x AES\r\n"                                             /* 19 */
                 "a=x-ms-SDP-diagnostics:abc\r\n"                                 /* 20 */
                 "c=IN IP4\r\n"                                                   /* 21 */
                 "a=candidate:9 1 SCTP 7 10.0.0.9 9999 typ weird\r\n"             /* 22 */
                 "a=candidate:1 2 UDP 4294967295 10.0.0.1 65535 typ host\r\n"     /* 23 */
                 "m=audio notaport RTP/AVP 0\r\n"                                 /* 24 */
                 "o=- 1\r\n"                                                      /* 25 */
                 "a=candidate:1 1 UDP 1 10.0.0.1 5000 typ host generation\r\n",  /* 26 */
                 d6, r5);
    ck_assert_int_lt(n, 20000);
    sdp = parse_ok(ctx, text, (size_t)n, NULL);

    ck_assert_uint_eq(uclog_sdp_defect_count(sdp), 21);
    ck_assert_int_eq(defect_code(sdp, 0, &d), UCLOG_DEFECT_SDP_CANDIDATE_OUTSIDE_MEDIA);
    ck_assert_uint_eq(d.span.line, 2);
    ck_assert_int_eq(defect_code(sdp, 1, &d), UCLOG_DEFECT_SDP_LINE_MALFORMED);
    ck_assert_uint_eq(d.span.line, 4);
    ck_assert_uint_eq(d.span.column, 1);
    ck_assert_uint_eq(d.span.length, 12);
    ck_assert_int_eq(defect_code(sdp, 2, &d), UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED);
    ck_assert_uint_eq(d.span.line, 5);
    ck_assert_int_eq(defect_code(sdp, 3, &d), UCLOG_DEFECT_SDP_CANDIDATE_PORT_RANGE);
    ck_assert_uint_eq(d.span.line, 6);
    ck_assert_uint_eq(d.span.column, 41);
    ck_assert_uint_eq(d.span.length, 5);
    ck_assert_int_eq(memcmp(text + d.span.offset, "70000", 5), 0);
    ck_assert_int_eq(defect_code(sdp, 4, &d), UCLOG_DEFECT_SDP_CANDIDATE_PRIORITY_RANGE);
    ck_assert_int_eq(memcmp(text + d.span.offset, "99999999999 ", 12), 0);
    ck_assert_uint_eq(d.span.length, 11);
    ck_assert_int_eq(defect_code(sdp, 5, &d), UCLOG_DEFECT_SDP_CANDIDATE_QVALUE_INVALID);
    ck_assert_int_eq(memcmp(text + d.span.offset, "0.8x3", 5), 0);
    ck_assert_int_eq(defect_code(sdp, 6, &d), UCLOG_DEFECT_SDP_CANDIDATE_QVALUE_INVALID);
    ck_assert_int_eq(defect_code(sdp, 7, &d), UCLOG_DEFECT_SDP_CANDIDATE_QVALUE_INVALID);
    ck_assert_uint_eq(d.span.line, 10);
    ck_assert_int_eq(defect_code(sdp, 8, &d), UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED);
    ck_assert_uint_eq(d.span.line, 11);
    ck_assert_int_eq(memcmp(text + d.span.offset, "f7 ", 3), 0);
    ck_assert_int_eq(defect_code(sdp, 9, &d), UCLOG_DEFECT_SDP_CANDIDATE_ADDRESS_INVALID);
    ck_assert_int_eq(defect_code(sdp, 10, &d), UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED);
    ck_assert_uint_eq(d.span.line, 14);
    ck_assert_int_eq(defect_code(sdp, 11, &d), UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED);
    ck_assert_uint_eq(d.span.line, 15);
    ck_assert_int_eq(defect_code(sdp, 12, &d), UCLOG_DEFECT_SDP_CANDIDATE_PORT_RANGE);
    ck_assert_int_eq(memcmp(text + d.span.offset, "65536", 5), 0);
    ck_assert_int_eq(defect_code(sdp, 13, &d), UCLOG_DEFECT_SDP_REMOTE_CANDIDATES_MALFORMED);
    ck_assert_int_eq(defect_code(sdp, 14, &d), UCLOG_DEFECT_SDP_ENCRYPTION_UNKNOWN);
    ck_assert_int_eq(defect_code(sdp, 15, &d), UCLOG_DEFECT_SDP_CRYPTO_MALFORMED);
    ck_assert_int_eq(defect_code(sdp, 16, &d), UCLOG_DEFECT_SDP_DIAGNOSTICS_MALFORMED);
    ck_assert_int_eq(defect_code(sdp, 17, &d), UCLOG_DEFECT_SDP_CONNECTION_MALFORMED);
    ck_assert_uint_eq(d.span.line, 21);
    ck_assert_int_eq(defect_code(sdp, 18, &d), UCLOG_DEFECT_SDP_MEDIA_MALFORMED);
    ck_assert_uint_eq(d.span.line, 24);
    ck_assert_int_eq(defect_code(sdp, 19, &d), UCLOG_DEFECT_SDP_ORIGIN_MALFORMED);
    ck_assert_uint_eq(d.span.line, 25);
    ck_assert_int_eq(defect_code(sdp, 20, &d), UCLOG_DEFECT_SDP_CANDIDATE_EXTENSION);
    ck_assert_uint_eq(d.span.line, 26);
    ck_assert_int_eq(memcmp(text + d.span.offset, "generation\r", 11), 0);
    ck_assert_int_eq(uclog_sdp_defect(&d, sdp, 21), UCLOG_E_RANGE);
    ck_assert_str_eq(uclog_defect_name(UCLOG_DEFECT_SDP_CANDIDATE_PORT_RANGE),
                     "SDP_CANDIDATE_PORT_RANGE");
    ck_assert_str_eq(uclog_defect_text(UCLOG_DEFECT_SDP_TOO_MANY_CANDIDATES),
                     "more candidates than the limit; the rest was not stored");
    ck_assert_str_eq(uclog_defect_name(UCLOG_DEFECT_SDP_DIAGNOSTICS_MALFORMED),
                     "SDP_DIAGNOSTICS_MALFORMED");
    ck_assert_str_eq(uclog_defect_name(317), "UNKNOWN");

    /* what survived: the long RFC 5245 line, the SCTP one, the last good one */
    ck_assert_uint_eq(uclog_sdp_media_count(sdp), 2);
    m = media_at(sdp, 0);
    ck_assert_uint_eq(uclog_sdp_candidate_count(m), 3);
    ck_assert_uint_eq(uclog_sdp_candidate_ext_count(cand_at(m, 0)), 496);
    ck_assert_int_eq(uclog_sdp_candidate_ext(&s, NULL, cand_at(m, 0), 495), 0);
    ck_assert_str_view(s, "f998");
    ck_assert_int_eq(uclog_sdp_candidate_ext_find(&s, cand_at(m, 0), "f500"), 0);
    ck_assert_str_view(s, "f501");
    ck_assert_int_eq(uclog_sdp_candidate_transport(cand_at(m, 1)), UCLOG_SDP_TRANSPORT_OTHER);
    uclog_sdp_candidate_transport_raw(&s, cand_at(m, 1));
    ck_assert_str_view(s, "SCTP");
    ck_assert_int_eq(uclog_sdp_candidate_type(cand_at(m, 1)), UCLOG_SDP_CANDIDATE_TYPE_OTHER);
    uclog_sdp_candidate_type_raw(&s, cand_at(m, 1));
    ck_assert_str_view(s, "weird");
    ck_assert_uint_eq(priority_of(cand_at(m, 2)), 4294967295u);
    ck_assert_uint_eq(uclog_sdp_candidate_port(cand_at(m, 2)), 65535);
    ck_assert_int_eq(uclog_sdp_media_encryption(&lvl, &s, m), 0);
    ck_assert_int_eq(lvl, UCLOG_SDP_ENCRYPTION_OTHER);
    ck_assert_str_view(s, "maybe");
    ck_assert_uint_eq(uclog_sdp_media_crypto_count(m), 0);
    ck_assert_int_eq(uclog_sdp_media_diagnostics(&u, NULL, NULL, m), UCLOG_E_NOT_FOUND);
    ck_assert_uint_eq(uclog_sdp_media_remote_count(m), 0);
    ck_assert_int_eq(uclog_sdp_media_connection(NULL, &s, m), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_sdp_origin(NULL, NULL, NULL, NULL, &s, sdp), UCLOG_E_NOT_FOUND);
    m = media_at(sdp, 1);
    ck_assert_uint_eq(uclog_sdp_media_port(m), 0);
    uclog_sdp_media_type(&s, m);
    ck_assert_str_view(s, "audio");
    ck_assert_uint_eq(uclog_sdp_media_attr_count(m), 1);
    ck_assert_uint_eq(uclog_sdp_candidate_count(m), 1); /* kept despite the dangling name */
    /* the malformed line is not a line; the others are */
    ck_assert_uint_eq(uclog_sdp_line_count(sdp), 25);

    uclog_sdp_free(sdp);
    free(text);
    free(d6);
    free(r5);
    uclog_ctx_free(ctx);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Limits, empty bodies, bad arguments                                       */

static char *many_candidates(int count, size_t *len)
{
    size_t cap = (size_t)count * 80 + 100, n;
    char *s = malloc(cap);
    int i;

    n = (size_t)snprintf(s, cap, "v=0\r\nm=audio 5000 RTP/AVP 0\r\n");
    for (i = 0; i < count; i++)
        n += (size_t)snprintf(s + n, cap - n, "a=candidate:%d %d UDP %d 10.0.%d.%d %d typ host\r\n",
                              i, 1 + i % 2, 2000000 + i, i / 256, i % 256, 10000 + i);
    *len = n;
    return s;
}

START_TEST(limits)
{
    uclog_ctx *ctx = tu_ctx();
    size_t len;
    char *text = many_candidates(200, &len);
    uclog_sdp *sdp = parse_ok(ctx, text, len, NULL);
    const uclog_sdp_media *m = media_at(sdp, 0);
    uclog_defect d;
    uclog_str s;
    uint32_t i;

    ck_assert_uint_eq(uclog_sdp_defect_count(sdp), 0);
    ck_assert_uint_eq(uclog_sdp_candidate_count(m), 200);
    for (i = 0; i < 200; i++) {
        const uclog_sdp_candidate *c = cand_at(m, i);
        char want[32];
        ck_assert_uint_eq(uclog_sdp_candidate_port(c), 10000 + i);
        ck_assert_uint_eq(priority_of(c), 2000000 + i);
        uclog_sdp_candidate_address(&s, c);
        snprintf(want, sizeof(want), "10.0.%u.%u", i / 256, i % 256);
        ck_assert_str_view(s, want);
    }
    uclog_sdp_free(sdp);

    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_CANDIDATES, 150), 0);
    sdp = parse_ok(ctx, text, len, NULL);
    m = media_at(sdp, 0);
    ck_assert_uint_eq(uclog_sdp_candidate_count(m), 150);
    ck_assert_uint_eq(uclog_sdp_defect_count(sdp), 1);
    ck_assert_int_eq(defect_code(sdp, 0, &d), UCLOG_DEFECT_SDP_TOO_MANY_CANDIDATES);
    ck_assert_uint_eq(d.span.line, 2 + 151);
    ck_assert_uint_eq(uclog_sdp_media_attr_count(m), 200); /* still attributes */
    uclog_sdp_free(sdp);
    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_CANDIDATES, 0), 0);

    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_SDP_LINES, 10), 0);
    sdp = parse_ok(ctx, text, len, NULL);
    ck_assert_uint_eq(uclog_sdp_line_count(sdp), 10);
    ck_assert_uint_eq(uclog_sdp_candidate_count(media_at(sdp, 0)), 8);
    ck_assert_uint_eq(uclog_sdp_defect_count(sdp), 1);
    ck_assert_int_eq(defect_code(sdp, 0, &d), UCLOG_DEFECT_SDP_TOO_MANY_LINES);
    ck_assert_uint_eq(d.span.line, 11);
    uclog_sdp_free(sdp);

    free(text);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(empty_and_args)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_sdp *sdp = NULL;
    const uclog_sdp_media *m = NULL;
    const uclog_sdp_candidate *c = NULL;
    uclog_str s;
    uclog_span sp;

    sdp = parse_ok(ctx, NULL, 0, NULL);
    ck_assert_uint_eq(uclog_sdp_media_count(sdp), 0);
    ck_assert_uint_eq(uclog_sdp_line_count(sdp), 0);
    ck_assert_uint_eq(uclog_sdp_defect_count(sdp), 0);
    ck_assert_int_eq(uclog_sdp_session_line(&s, sdp, 'v'), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_sdp_media_get(&m, sdp, 0), UCLOG_E_RANGE);
    uclog_sdp_span(&sp, sdp);
    ck_assert_uint_eq(sp.line, 1);
    ck_assert_uint_eq(sp.column, 1);
    uclog_sdp_free(sdp);

    sdp = parse_ok(ctx, "\r\n \n\n", 5, NULL);
    ck_assert_uint_eq(uclog_sdp_line_count(sdp), 0);
    ck_assert_uint_eq(uclog_sdp_defect_count(sdp), 0);
    uclog_sdp_free(sdp);

    /* no final line end, one-letter and NUL bytes */
    sdp = parse_ok(ctx, "v=0\nm=audio 1 RTP/AVP 0\na=candidate:1 1 UDP 1 1.2.3.4 5 typ host", 62, NULL);
    ck_assert_uint_eq(uclog_sdp_candidate_count(media_at(sdp, 0)), 1);
    uclog_sdp_free(sdp);
    sdp = parse_ok(ctx, "v\n=\n\0=x\nv=\0", 11, NULL);
    ck_assert_uint_eq(uclog_sdp_line_count(sdp), 1);
    ck_assert_uint_eq(uclog_sdp_defect_count(sdp), 3);
    uclog_sdp_free(sdp);

    sdp = (uclog_sdp *)&s; /* must be reset to NULL */
    ck_assert_int_eq(uclog_sdp_parse(&sdp, ctx, NULL, 3, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_ptr_null(sdp);
    ck_assert_int_eq(uclog_sdp_parse(&sdp, NULL, "v=0", 3, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_sdp_parse(NULL, ctx, "v=0", 3, NULL), UCLOG_E_INVALID_ARG);
    uclog_sdp_free(NULL);
    ck_assert_uint_eq(uclog_sdp_media_count(NULL), 0);
    ck_assert_int_eq(uclog_sdp_media_get(&m, NULL, 0), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_sdp_candidate_get(&c, NULL, 0), UCLOG_E_INVALID_ARG);
    ck_assert_uint_eq(uclog_sdp_candidate_count(NULL), 0);
    ck_assert_uint_eq(uclog_sdp_candidate_port(NULL), 0);
    uclog_sdp_candidate_address(&s, NULL);
    ck_assert_ptr_null(s.ptr);
    ck_assert_int_eq(uclog_sdp_candidate_related(&s, NULL, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_sdp_media_key(&s, &s, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_sdp_defect(NULL, NULL, 0), UCLOG_E_INVALID_ARG);
    uclog_ctx_free(ctx);
}
END_TEST

/* Every prefix of every fixture parses without error (ASan checks reads). */
START_TEST(prefixes)
{
    static const char *const names[] = {"sdp/seed-invite.sdp", "sdp/seed-invite-lf.sdp",
                                        "sdp/lync2013-ice19.sdp", "sdp/sfb-relay.sdp"};
    uclog_ctx *ctx = tu_ctx();
    size_t f;

    for (f = 0; f < sizeof(names) / sizeof(names[0]); f++) {
        size_t len, n;
        char *buf = tu_read(names[f], &len);
        for (n = 0; n <= len; n++) {
            char *copy = malloc(n ? n : 1);
            uclog_sdp *sdp = NULL;
            uint32_t i, k;
            memcpy(copy, buf, n);
            ck_assert_int_eq(uclog_sdp_parse(&sdp, ctx, copy, n, NULL), 0);
            for (i = 0; i < uclog_sdp_media_count(sdp); i++) {
                const uclog_sdp_media *m = media_at(sdp, i);
                uclog_str s;
                uclog_span sp;
                uclog_sdp_media_span(&sp, m);
                ck_assert_uint_le(sp.offset + sp.length, n);
                uclog_sdp_media_diagnostics(NULL, &s, NULL, m);
                uclog_sdp_media_key(&s, &s, m);
                for (k = 0; k < uclog_sdp_candidate_count(m); k++) {
                    uclog_sdp_candidate_span(&sp, cand_at(m, k));
                    ck_assert_uint_le(sp.offset + sp.length, n);
                    uclog_sdp_candidate_ext_count(cand_at(m, k));
                }
            }
            uclog_sdp_free(sdp);
            free(copy);
        }
        free(buf);
    }
    uclog_ctx_free(ctx);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Allocation failures                                                       */

struct alloc_arg {
    const char *data;
    size_t len;
};

static int walk_all(uclog_ctx *ctx, const struct alloc_arg *a)
{
    uclog_sdp *sdp = NULL;
    uint32_t i, k, u;
    int rc = uclog_sdp_parse(&sdp, ctx, a->data, a->len, NULL);

    if (rc)
        return rc;
    for (i = 0; i < uclog_sdp_media_count(sdp); i++) {
        const uclog_sdp_media *m = NULL;
        uclog_str s;
        if (uclog_sdp_media_get(&m, sdp, i) != 0)
            return -100;
        uclog_sdp_media_crypto_count(m);
        uclog_sdp_media_encryption(NULL, &s, m);
        for (k = 0; k < uclog_sdp_candidate_count(m); k++) {
            const uclog_sdp_candidate *c = NULL;
            if (uclog_sdp_candidate_get(&c, m, k) != 0)
                return -100;
            uclog_sdp_candidate_priority(&u, c);
            uclog_sdp_candidate_address(&s, c);
        }
    }
    uclog_sdp_free(sdp);
    return 0;
}

static int alloc_fn(void *arg)
{
    uclog_ctx *ctx = NULL;
    int rc = uclog_ctx_new(&ctx, &tu_mem);

    if (rc)
        return rc;
    rc = walk_all(ctx, arg);
    ck_assert_int_eq(uclog_ctx_errcode(ctx), rc == UCLOG_E_NOMEM ? UCLOG_E_NOMEM : 0);
    uclog_ctx_free(ctx);
    return rc;
}

START_TEST(alloc_failures)
{
    static const char *const names[] = {"sdp/seed-invite.sdp", "sdp/lync2013-ice19.sdp",
                                        "sdp/sfb-relay.sdp"};
    size_t f;

    for (f = 0; f < sizeof(names) / sizeof(names[0]); f++) {
        struct alloc_arg a;
        char *buf = tu_read(names[f], &a.len);
        a.data = buf;
        tu_alloc_loop(alloc_fn, &a);
        free(buf);
    }
    {
        struct alloc_arg a;
        char *text = many_candidates(40, &a.len);
        a.data = text;
        tu_alloc_loop(alloc_fn, &a);
        free(text);
    }
}
END_TEST

void sdp_add_damage(Suite *s)
{
    TCase *tc = tcase_create("damage");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, malformed);
    tcase_add_test(tc, limits);
    tcase_add_test(tc, empty_and_args);
    tcase_add_test(tc, prefixes);
    tcase_add_test(tc, alloc_failures);
    suite_add_tcase(s, tc);
}
