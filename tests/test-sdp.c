/* The sdp suite: session, media, candidates (both forms), key and diagnostics attributes and
 * positions, in the seed INVITE, Lync 2013, Skype for Business and SIP messages. The other
 * parts: damage, limits and allocation failures (test-sdp-damage.c), the address helpers
 * (test-sdp-addr.c); what they share is in sdp-fixtures.h. */
#include "sdp-fixtures.h"

#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

static uint32_t qvalue_of(const uclog_sdp_candidate *c)
{
    uint32_t q = 0;
    ck_assert_int_eq(uclog_sdp_candidate_qvalue(&q, c), 0);
    return q;
}

/* ------------------------------------------------------------------------ */
/* The seed INVITE (draft 6)                                                 */

static const uint32_t seed_comp[8] = {1, 2, 1, 2, 1, 2, 1, 2};
static const int32_t seed_tr[8] = {UCLOG_SDP_TRANSPORT_UDP, UCLOG_SDP_TRANSPORT_UDP,
                                   UCLOG_SDP_TRANSPORT_TCP, UCLOG_SDP_TRANSPORT_TCP,
                                   UCLOG_SDP_TRANSPORT_UDP, UCLOG_SDP_TRANSPORT_UDP,
                                   UCLOG_SDP_TRANSPORT_TCP, UCLOG_SDP_TRANSPORT_TCP};
static const uint32_t seed_q[8] = {830, 830, 190, 190, 490, 490, 250, 250};
static const char *const seed_addr[8] = {"192.168.1.10", "192.168.1.10", "192.168.1.7",
                                         "192.168.1.7",  "192.168.1.7",  "192.168.1.7",
                                         "192.168.1.10", "192.168.1.10"};
static const uint16_t seed_port[8] = {50000, 50014, 50746, 50746, 52545, 53966, 50010, 50010};
static const char *const seed_user[4] = {"UOBdojwDkC1fPKrOEjaKI+g2VKcU8xLZDC0YmZdrsNk",
                                         "JQc3UONarZ7lwyGXr//s7EmOnl6F6Z80uMeNZ4qDU5E",
                                         "elRO2SdL1Y2t63HSfeFuulLk6WjcDzcz4aV8VWg2Hlw",
                                         "xpXdFAepostqQMh2UnShBb+Fbkb0REQaSuCLinwQYfc"};
static const char *const seed_pass[4] = {"1aZ9EbjsP8LMhi6fxLVJVQ", "F/UCIT9x+77pF8zQ8mtg5g",
                                         "0VOOAdm3Py63sPHZvIzrBQ", "Qspv7+/H806wVmZj26rRNQ"};

static void check_seed_candidates(const uclog_sdp *sdp)
{
    const uclog_sdp_media *m = media_at(sdp, 0);
    uint32_t i, u;
    uclog_str s;

    ck_assert_uint_eq(uclog_sdp_candidate_count(m), 8);
    for (i = 0; i < 8; i++) {
        const uclog_sdp_candidate *c = cand_at(m, i);
        ck_assert_int_eq(uclog_sdp_candidate_form(c), UCLOG_SDP_ICE_DRAFT6);
        ck_assert_int_eq(uclog_sdp_candidate_attribute(c), UCLOG_SDP_CANDIDATE_ATTR);
        ck_assert_uint_eq(uclog_sdp_candidate_component(c), seed_comp[i]);
        ck_assert_int_eq(uclog_sdp_candidate_transport(c), seed_tr[i]);
        uclog_sdp_candidate_transport_raw(&s, c);
        ck_assert_str_view(s, seed_tr[i] == UCLOG_SDP_TRANSPORT_UDP ? "UDP" : "TCP");
        ck_assert_uint_eq(qvalue_of(c), seed_q[i]);
        ck_assert_int_eq(uclog_sdp_candidate_priority(&u, c), UCLOG_E_NOT_FOUND);
        uclog_sdp_candidate_address(&s, c);
        ck_assert_str_view(s, seed_addr[i]);
        ck_assert_uint_eq(uclog_sdp_candidate_port(c), seed_port[i]);
        ck_assert_int_eq(uclog_sdp_candidate_type(c), UCLOG_SDP_CANDIDATE_TYPE_UNKNOWN);
        uclog_sdp_candidate_type_raw(&s, c);
        ck_assert_ptr_null(s.ptr);
        ck_assert_int_eq(uclog_sdp_candidate_related(&s, NULL, c), UCLOG_E_NOT_FOUND);
        uclog_sdp_candidate_username(&s, c);
        ck_assert_str_view(s, seed_user[i / 2]);
        uclog_sdp_candidate_password(&s, c);
        ck_assert_str_view(s, seed_pass[i / 2]);
        uclog_sdp_candidate_foundation(&s, c);
        ck_assert_ptr_null(s.ptr);
        ck_assert_uint_eq(uclog_sdp_candidate_ext_count(c), 0);
    }
}

/* The object's arrays share one block: with an odd or even number of lines and attributes, the
 * media and candidates are aligned as their members need (a pointer's alignment at least), on
 * every ABI (32-bit ones made the odd case misaligned). */
START_TEST(block_alignment)
{
    static const char *const bodies[] = {
        "v=0\r\nm=audio 5 RTP/AVP 0\r\na=candidate:1 1 UDP 1 10.0.0.1 5 typ host\r\n",
        "v=0\r\ns=-\r\nm=audio 5 RTP/AVP 0\r\na=x:1\r\na=candidate:1 1 UDP 1 10.0.0.1 5 typ host\r\n",
        "v=0\r\ns=-\r\nt=0 0\r\na=y\r\nm=audio 5 RTP/AVP 0\r\na=x:1\r\na=candidate:1 1 UDP 1 10.0.0.1 5 typ host\r\n",
    };
    uclog_ctx *ctx = tu_ctx();
    size_t k;

    for (k = 0; k < sizeof(bodies) / sizeof(bodies[0]); k++) {
        uclog_sdp *sdp = parse_ok(ctx, bodies[k], strlen(bodies[k]), NULL);
        const uclog_sdp_media *md;
        const uclog_sdp_candidate *cd;
        ck_assert_int_eq(uclog_sdp_media_get(&md, sdp, 0), 0);
        ck_assert_int_eq(uclog_sdp_candidate_get(&cd, md, 0), 0);
        ck_assert_uint_eq((uintptr_t)md % sizeof(void *), 0);
        ck_assert_uint_eq((uintptr_t)cd % sizeof(void *), 0);
        ck_assert_uint_eq(uclog_sdp_candidate_port(cd), 5);
        uclog_sdp_free(sdp);
    }
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(seed_invite)
{
    uclog_ctx *ctx = tu_ctx();
    size_t len;
    char *buf = tu_read("sdp/seed-invite.sdp", &len);
    uclog_sdp *sdp = parse_ok(ctx, buf, len, NULL);
    const uclog_sdp_media *m;
    uclog_str s, t;
    uclog_span sp;

    ck_assert_uint_eq(uclog_sdp_defect_count(sdp), 0);
    ck_assert_uint_eq(uclog_sdp_line_count(sdp), 16);
    ck_assert_uint_eq(uclog_sdp_media_count(sdp), 1);
    ck_assert_int_eq(uclog_sdp_session_line(&s, sdp, 'v'), 0);
    ck_assert_str_view(s, "0");
    ck_assert_int_eq(uclog_sdp_session_line(&s, sdp, 's'), 0);
    ck_assert_str_view(s, "session");
    ck_assert_int_eq(uclog_sdp_session_line(&s, sdp, 'b'), 0);
    ck_assert_str_view(s, "CT:99980");
    ck_assert_int_eq(uclog_sdp_session_line(&s, sdp, 't'), 0);
    ck_assert_str_view(s, "0 0");
    ck_assert_int_eq(uclog_sdp_session_line(&s, sdp, 'k'), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_sdp_session_line(&s, sdp, 'm'), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_sdp_origin(&s, NULL, &t, NULL, NULL, sdp), 0);
    ck_assert_str_view(s, "-");
    ck_assert_str_view(t, "0");
    ck_assert_int_eq(uclog_sdp_origin(NULL, NULL, NULL, &t, &s, sdp), 0);
    ck_assert_str_view(t, "IP4");
    ck_assert_str_view(s, "192.168.1.7");
    ck_assert_int_eq(uclog_sdp_connection(&t, &s, sdp), 0);
    ck_assert_str_view(t, "IP4");
    ck_assert_str_view(s, "192.168.1.7");
    ck_assert_uint_eq(uclog_sdp_attr_count(sdp), 0);

    m = media_at(sdp, 0);
    uclog_sdp_media_type(&s, m);
    ck_assert_str_view(s, "audio");
    ck_assert_uint_eq(uclog_sdp_media_port(m), 52545);
    uclog_sdp_media_proto(&s, m);
    ck_assert_str_view(s, "RTP/AVP");
    ck_assert_uint_eq(uclog_sdp_media_format_count(m), 12);
    ck_assert_int_eq(uclog_sdp_media_format(&s, m, 0), 0);
    ck_assert_str_view(s, "114");
    ck_assert_int_eq(uclog_sdp_media_format(&s, m, 11), 0);
    ck_assert_str_view(s, "101");
    ck_assert_int_eq(uclog_sdp_media_format(&s, m, 12), UCLOG_E_RANGE);
    /* no c= in the media: the session one */
    ck_assert_int_eq(uclog_sdp_media_connection(NULL, &s, m), 0);
    ck_assert_str_view(s, "192.168.1.7");
    ck_assert_int_eq(uclog_sdp_media_line(&s, m, 'c'), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_sdp_media_line(&s, m, 'k'), 0);
    ck_assert_str_view(s, "base64:lZB99ZQKU8xXLim+eEyrypB8wyr9BfnRErbcExJ8cc9grfIzrr6cU0Jor2Zr");
    ck_assert_int_eq(uclog_sdp_media_key(&t, &s, m), 0);
    ck_assert_str_view(t, "base64");
    ck_assert_str_view(s, "lZB99ZQKU8xXLim+eEyrypB8wyr9BfnRErbcExJ8cc9grfIzrr6cU0Jor2Zr");
    ck_assert_uint_eq(uclog_sdp_media_attr_count(m), 8);
    ck_assert_int_eq(uclog_sdp_media_attr(&t, &s, &sp, m, 7), 0);
    ck_assert_str_view(t, "candidate");
    ck_assert_uint_eq(sp.line, 16);
    ck_assert_int_eq(uclog_sdp_media_attr(&t, &s, &sp, m, 8), UCLOG_E_RANGE);
    ck_assert_int_eq(uclog_sdp_media_ice_ufrag(&s, m), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_sdp_media_encryption(NULL, &s, m), UCLOG_E_NOT_FOUND);
    ck_assert_uint_eq(uclog_sdp_media_crypto_count(m), 0);
    ck_assert_int_eq(uclog_sdp_media_diagnostics(NULL, &s, NULL, m), UCLOG_E_NOT_FOUND);
    ck_assert_uint_eq(uclog_sdp_media_remote_count(m), 0);

    uclog_sdp_media_span(&sp, m);
    ck_assert_uint_eq(sp.line, 7);
    ck_assert_uint_eq(sp.offset, (uint64_t)(strstr(buf, "m=audio") - buf));
    ck_assert_uint_eq(sp.offset + sp.length, len - 2);

    check_seed_candidates(sdp);
    uclog_sdp_free(sdp);
    free(buf);
    uclog_ctx_free(ctx);
}
END_TEST

/* Spans are absolute: the base is where the SDP sits in the seed log. */
START_TEST(seed_spans)
{
    uclog_ctx *ctx = tu_ctx();
    size_t len;
    char *buf = tu_read("sdp/seed-invite.sdp", &len);
    uclog_span base = {10163, 0, 159, 1, 3, 0}, sp;
    uclog_sdp *sdp = parse_ok(ctx, buf, len, &base);
    const uclog_sdp_media *m = media_at(sdp, 0);
    static const uint64_t rel[8] = {219, 330, 441, 551, 661, 771, 881, 992};
    uint32_t i;

    uclog_sdp_span(&sp, sdp);
    ck_assert_uint_eq(sp.offset, 10163);
    ck_assert_uint_eq(sp.length, len);
    ck_assert_uint_eq(sp.line, 159);
    for (i = 0; i < 8; i++) {
        uclog_sdp_candidate_span(&sp, cand_at(m, i));
        ck_assert_uint_eq(sp.offset, 10163 + rel[i]);
        ck_assert_uint_eq(sp.line, 159 + 8 + i);
        ck_assert_uint_eq(sp.column, 1);
        ck_assert_uint_eq(sp.file, 3);
        ck_assert_uint_eq(sp.length, (i == 7 ? len - 2 : rel[i + 1] - 2) - rel[i]);
        ck_assert_int_eq(memcmp(buf + sp.offset - 10163, "a=candidate:", 12), 0);
    }
    /* the whole seed log: the same SDP found at the same place */
    {
        size_t loglen;
        char *log = tu_read("seed.uccapilog", &loglen);
        ck_assert_int_eq(memcmp(log + 10163, buf, len), 0);
        free(log);
    }
    /* a base in the middle of a line: only the first line gets its column */
    base.column = 40;
    uclog_sdp_free(sdp);
    sdp = parse_ok(ctx, buf, len, &base);
    ck_assert_int_eq(uclog_sdp_line(NULL, NULL, &sp, sdp, 0), 0);
    ck_assert_uint_eq(sp.column, 40);
    ck_assert_int_eq(uclog_sdp_line(NULL, NULL, &sp, sdp, 1), 0);
    ck_assert_uint_eq(sp.column, 1);
    ck_assert_uint_eq(sp.line, 160);
    uclog_sdp_free(sdp);
    free(buf);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(seed_lf_and_trailing_space)
{
    uclog_ctx *ctx = tu_ctx();
    size_t len, lflen, i, n = 0;
    char *crlf = tu_read("sdp/seed-invite.sdp", &len);
    char *lf = tu_read("sdp/seed-invite-lf.sdp", &lflen);
    char *sp = malloc(len + 16);
    uclog_sdp *a, *b, *c;
    const char *p;

    /* a copy with a space before each candidate line's CRLF, as Lync writes */
    for (p = crlf; p < crlf + len; p++) {
        if (p[0] == '\r') {
            const char *ls = p;
            while (ls > crlf && ls[-1] != '\n')
                ls--;
            if (strncmp(ls, "a=candidate:", 12) == 0)
                sp[n++] = ' ';
        }
        sp[n++] = *p;
    }
    ck_assert_uint_eq(n, len + 8);

    a = parse_ok(ctx, crlf, len, NULL);
    b = parse_ok(ctx, lf, lflen, NULL);
    c = parse_ok(ctx, sp, n, NULL);
    check_seed_candidates(a);
    check_seed_candidates(b);
    check_seed_candidates(c);
    ck_assert_uint_eq(uclog_sdp_defect_count(b), 0);
    ck_assert_uint_eq(uclog_sdp_defect_count(c), 0);
    for (i = 0; i < 8; i++) {
        uclog_span sa, sb;
        uclog_sdp_candidate_span(&sa, cand_at(media_at(a, 0), (uint32_t)i));
        uclog_sdp_candidate_span(&sb, cand_at(media_at(b, 0), (uint32_t)i));
        ck_assert_uint_eq(sa.line, sb.line);
        ck_assert_uint_eq(sa.length, sb.length);
        ck_assert_uint_eq(sa.offset, sb.offset + 8 + i);
    }
    {
        uclog_str raw;
        uclog_sdp_candidate_raw(&raw, cand_at(media_at(c, 0), 0));
        ck_assert_int_eq(raw.ptr[raw.len - 1], ' ');
    }
    uclog_sdp_free(a);
    uclog_sdp_free(b);
    uclog_sdp_free(c);
    free(crlf);
    free(lf);
    free(sp);
    uclog_ctx_free(ctx);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Lync 2013 ICEv19 and SfB relay candidates                                 */

START_TEST(lync_ice19)
{
    uclog_ctx *ctx = tu_ctx();
    size_t len;
    char *buf = tu_read("sdp/lync2013-ice19.sdp", &len);
    uclog_sdp *sdp = parse_ok(ctx, buf, len, NULL);
    const uclog_sdp_media *m;
    const uclog_sdp_candidate *c;
    uclog_str s, t, r;
    uint32_t u, idx;
    int32_t k;
    uint16_t port;

    ck_assert_uint_eq(uclog_sdp_defect_count(sdp), 0);
    ck_assert_uint_eq(uclog_sdp_attr_count(sdp), 2);
    ck_assert_int_eq(uclog_sdp_attr(&t, &s, NULL, sdp, 1), 0);
    ck_assert_str_view(t, "x-devicecaps");
    ck_assert_str_view(s, "audio:send,recv;video:send,recv");
    ck_assert_int_eq(uclog_sdp_attr_find(&s, &idx, sdp, "X-MEDIABW", 0), 0);
    ck_assert_uint_eq(idx, 0);
    ck_assert_str_view(s, "main-video send=4000;recv=4000");
    ck_assert_int_eq(uclog_sdp_attr_find(&s, &idx, sdp, "x-mediabw", 1), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_sdp_attr_find(&s, &idx, sdp, NULL, 0), UCLOG_E_INVALID_ARG);

    m = media_at(sdp, 0);
    ck_assert_uint_eq(uclog_sdp_media_port(m), 15676);
    uclog_sdp_media_proto(&s, m);
    ck_assert_str_view(s, "RTP/SAVP");
    ck_assert_uint_eq(uclog_sdp_media_format_count(m), 15);
    ck_assert_int_eq(uclog_sdp_media_ice_ufrag(&s, m), 0);
    ck_assert_str_view(s, "M+7x");
    ck_assert_int_eq(uclog_sdp_media_ice_pwd(&s, m), 0);
    ck_assert_str_view(s, "iqMvxVs03gM/jyhb9feLQ466");
    ck_assert_int_eq(uclog_sdp_media_attr_find(&s, &idx, m, "rtcp-rsize", 0), 0);
    ck_assert_ptr_null(s.ptr);
    ck_assert_uint_eq(idx, 2);

    ck_assert_uint_eq(uclog_sdp_candidate_count(m), 8);
    c = cand_at(m, 0);
    ck_assert_int_eq(uclog_sdp_candidate_form(c), UCLOG_SDP_ICE_RFC5245);
    uclog_sdp_candidate_foundation(&s, c);
    ck_assert_str_view(s, "1");
    ck_assert_uint_eq(uclog_sdp_candidate_component(c), 1);
    ck_assert_int_eq(uclog_sdp_candidate_transport(c), UCLOG_SDP_TRANSPORT_UDP);
    ck_assert_uint_eq(priority_of(c), 2130706431u);
    ck_assert_int_eq(uclog_sdp_candidate_qvalue(&u, c), UCLOG_E_NOT_FOUND);
    uclog_sdp_candidate_address(&s, c);
    ck_assert_str_view(s, "192.168.56.1");
    ck_assert_uint_eq(uclog_sdp_candidate_port(c), 15676);
    ck_assert_int_eq(uclog_sdp_candidate_type(c), UCLOG_SDP_CANDIDATE_TYPE_HOST);
    uclog_sdp_candidate_type_raw(&s, c);
    ck_assert_str_view(s, "host");
    ck_assert_int_eq(uclog_sdp_candidate_related(&s, &port, c), UCLOG_E_NOT_FOUND);
    uclog_sdp_candidate_username(&s, c);
    ck_assert_ptr_null(s.ptr);
    ck_assert_uint_eq(uclog_sdp_candidate_ext_count(c), 0);

    c = cand_at(m, 3);
    uclog_sdp_candidate_address(&s, c);
    ck_assert_str_view(s, "192.168.66.57");
    ck_assert_uint_eq(uclog_sdp_candidate_port(c), 7539);
    ck_assert_uint_eq(priority_of(c), 2130705406u);

    c = cand_at(m, 4);
    ck_assert_int_eq(uclog_sdp_candidate_attribute(c), UCLOG_SDP_CANDIDATE_X_IPV6);
    ck_assert_int_eq(uclog_sdp_candidate_form(c), UCLOG_SDP_ICE_RFC5245);
    uclog_sdp_candidate_address(&s, c);
    ck_assert_str_view(s, "2001:0:5ef5:79fd:34b2:244d:fa66:7cf9");
    ck_assert_int_eq(uclog_addr_family(s.ptr, s.len), UCLOG_ADDR_IPV6);
    ck_assert_int_eq(uclog_addr_class(s.ptr, s.len), UCLOG_ADDR_CLASS_TEREDO);
    ck_assert_uint_eq(uclog_sdp_candidate_port(c), 2936);
    ck_assert_uint_eq(priority_of(c), 33553407u);
    ck_assert_uint_eq(priority_of(c) >> 24, 1);

    c = cand_at(m, 6);
    ck_assert_int_eq(uclog_sdp_candidate_attribute(c), UCLOG_SDP_CANDIDATE_ATTR);
    ck_assert_int_eq(uclog_sdp_candidate_transport(c), UCLOG_SDP_TRANSPORT_TCP_ACT);
    uclog_sdp_candidate_transport_raw(&s, c);
    ck_assert_str_view(s, "TCP-ACT");
    ck_assert_uint_eq(priority_of(c), 1684797951u);
    ck_assert_int_eq(uclog_sdp_candidate_type(c), UCLOG_SDP_CANDIDATE_TYPE_SRFLX);
    ck_assert_int_eq(uclog_sdp_candidate_related(&s, &port, c), 0);
    ck_assert_str_view(s, "192.168.56.1");
    ck_assert_uint_eq(port, 15676);
    ck_assert_uint_eq(uclog_sdp_candidate_ext_count(c), 0);
    ck_assert_int_eq(uclog_sdp_candidate_ext_find(&s, c, "raddr"), UCLOG_E_NOT_FOUND);

    ck_assert_uint_eq(uclog_sdp_media_crypto_count(m), 3);
    ck_assert_int_eq(uclog_sdp_media_crypto(&k, &u, &r, &s, &t, m, 0), 0);
    ck_assert_int_eq(k, UCLOG_SDP_CRYPTO_SCALE);
    ck_assert_uint_eq(u, 1);
    ck_assert_str_view(r, "client");
    ck_assert_str_view(s, "AES_CM_128_HMAC_SHA1_80");
    ck_assert_str_view(t, "inline:T1EEGzmyDXu8BLLX6Elp/ZH2p00z1SsvYA/sW/g8|2^31|1:1");
    ck_assert_int_eq(uclog_sdp_media_crypto(&k, &u, &r, &s, &t, m, 2), 0);
    ck_assert_int_eq(k, UCLOG_SDP_CRYPTO_SDES);
    ck_assert_uint_eq(u, 3);
    ck_assert_ptr_null(r.ptr);
    ck_assert_str_view(t, "inline:/LJ71gEY/PPlVWDoPS5AGVjCZ1QXS/QOqLb37JiK|2^31");
    ck_assert_int_eq(uclog_sdp_media_crypto(&k, &u, &r, &s, &t, m, 3), UCLOG_E_RANGE);

    ck_assert_str_eq(uclog_sdp_transport_name(UCLOG_SDP_TRANSPORT_TCP_PASS), "TCP-PASS");
    ck_assert_str_eq(uclog_sdp_candidate_type_name(UCLOG_SDP_CANDIDATE_TYPE_RELAY), "relay");
    ck_assert_str_eq(uclog_sdp_candidate_type_name(99), "unknown");
    uclog_sdp_free(sdp);
    free(buf);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(sfb_relay)
{
    uclog_ctx *ctx = tu_ctx();
    size_t len;
    char *buf = tu_read("sdp/sfb-relay.sdp", &len);
    uclog_span base = {1000, 0, 50, 1, 0, 0}, sp;
    uclog_sdp *sdp = parse_ok(ctx, buf, len, &base);
    const uclog_sdp_media *m = media_at(sdp, 0);
    const uclog_sdp_candidate *c;
    uclog_str s, t;
    uint32_t u;
    int32_t lvl;
    uint16_t port;

    ck_assert_uint_eq(uclog_sdp_defect_count(sdp), 0);
    ck_assert_uint_eq(uclog_sdp_candidate_count(m), 4);

    c = cand_at(m, 1);
    ck_assert_int_eq(uclog_sdp_candidate_type(c), UCLOG_SDP_CANDIDATE_TYPE_RELAY);
    ck_assert_int_eq(uclog_sdp_candidate_transport(c), UCLOG_SDP_TRANSPORT_UDP);
    ck_assert_uint_eq(priority_of(c), 184547839u);
    ck_assert_uint_eq(priority_of(c) >> 24, 10); /* 0x0AFFFFFF */
    uclog_sdp_candidate_address(&s, c);
    ck_assert_str_view(s, "140.242.214.33");
    ck_assert_int_eq(uclog_addr_class(s.ptr, s.len), UCLOG_ADDR_CLASS_PUBLIC);
    ck_assert_uint_eq(uclog_sdp_candidate_port(c), 57234);
    ck_assert_int_eq(uclog_sdp_candidate_related(&s, &port, c), 0);
    ck_assert_str_view(s, "172.21.5.64");
    ck_assert_uint_eq(port, 18984);
    uclog_sdp_candidate_span(&sp, c);
    ck_assert_uint_eq(sp.offset, 1000 + 236);
    ck_assert_uint_eq(sp.line, 50 + 10);

    c = cand_at(m, 2);
    ck_assert_int_eq(uclog_sdp_candidate_transport(c), UCLOG_SDP_TRANSPORT_TCP_PASS);
    ck_assert_uint_eq(priority_of(c), 174455807u);
    ck_assert_uint_eq(uclog_sdp_candidate_port(c), 52910);
    ck_assert_int_eq(uclog_sdp_candidate_type(c), UCLOG_SDP_CANDIDATE_TYPE_RELAY);

    c = cand_at(m, 3);
    ck_assert_int_eq(uclog_sdp_candidate_transport(c), UCLOG_SDP_TRANSPORT_TCP_ACT);
    ck_assert_uint_eq(priority_of(c), 174847999u);
    ck_assert_uint_eq(uclog_sdp_candidate_ext_count(c), 1);
    ck_assert_int_eq(uclog_sdp_candidate_ext(&t, &s, c, 0), 0);
    ck_assert_str_view(t, "generation");
    ck_assert_str_view(s, "0");
    ck_assert_int_eq(uclog_sdp_candidate_ext(&t, &s, c, 1), UCLOG_E_RANGE);
    ck_assert_int_eq(uclog_sdp_candidate_ext_find(&s, c, "Generation"), 0);
    ck_assert_str_view(s, "0");
    ck_assert_int_eq(uclog_sdp_candidate_related(NULL, &port, c), 0);
    ck_assert_uint_eq(port, 22706);

    ck_assert_uint_eq(uclog_sdp_media_remote_count(m), 2);
    ck_assert_int_eq(uclog_sdp_media_remote(&u, &s, &port, m, 1), 0);
    ck_assert_uint_eq(u, 2);
    ck_assert_str_view(s, "140.242.214.40");
    ck_assert_uint_eq(port, 55013);
    ck_assert_int_eq(uclog_sdp_media_remote(&u, &s, &port, m, 2), UCLOG_E_RANGE);

    ck_assert_int_eq(uclog_sdp_media_encryption(&lvl, &s, m), 0);
    ck_assert_int_eq(lvl, UCLOG_SDP_ENCRYPTION_OPTIONAL);
    ck_assert_str_view(s, "optional");
    ck_assert_int_eq(uclog_sdp_media_diagnostics(&u, &s, &t, m), 0);
    ck_assert_uint_eq(u, 53000);
    ck_assert_str_view(s, "Insufficient Bandwidth Available");
    ck_assert_str_view(t, "53000;reason=\"Insufficient Bandwidth Available\"");
    uclog_sdp_free(sdp);
    free(buf);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(draft6_extras)
{
    static const char text[] =
        "v=0\n"
        "s=session\n"
        "k=base64:SESSIONKEY\n"
        "a=encryption:required\n"
        "m=audio 1000 RTP/AVP 0\n"
        "a=candidate:user 1 pass UDP 0.19 10.0.0.1 1000\n"
        "a=candidate:user 2 pass tcp 1 10.0.0.1 1001\n"
        "a=candidate:user 1 pass UDP 1.000 host.example.com 1002\n"
        "a=candidate:user 1 pass UDP 0 10.0.0.1 1003\n"
        "a=candidate:user 1 pass UDP 0. 10.0.0.1 1004\n"
        "a=remote-candidate:user\n"
        "m=video 0 RTP/AVP 34\n"
        "a=encryption:rejected\n";
    uclog_ctx *ctx = tu_ctx();
    uclog_sdp *sdp = parse_ok(ctx, text, sizeof(text) - 1, NULL);
    const uclog_sdp_media *m = media_at(sdp, 0);
    uclog_str s, t;
    int32_t lvl;

    ck_assert_uint_eq(uclog_sdp_defect_count(sdp), 0);
    ck_assert_uint_eq(uclog_sdp_candidate_count(m), 5);
    ck_assert_uint_eq(qvalue_of(cand_at(m, 0)), 190);
    ck_assert_uint_eq(qvalue_of(cand_at(m, 1)), 1000);
    ck_assert_int_eq(uclog_sdp_candidate_transport(cand_at(m, 1)), UCLOG_SDP_TRANSPORT_TCP);
    ck_assert_uint_eq(qvalue_of(cand_at(m, 2)), 1000);
    uclog_sdp_candidate_address(&s, cand_at(m, 2));
    ck_assert_str_view(s, "host.example.com");
    ck_assert_uint_eq(qvalue_of(cand_at(m, 3)), 0);
    ck_assert_uint_eq(qvalue_of(cand_at(m, 4)), 0);
    ck_assert_int_eq(uclog_sdp_media_remote_username(&s, m), 0);
    ck_assert_str_view(s, "user");
    /* session fallbacks */
    ck_assert_int_eq(uclog_sdp_media_key(&t, &s, m), 0);
    ck_assert_str_view(t, "base64");
    ck_assert_str_view(s, "SESSIONKEY");
    ck_assert_int_eq(uclog_sdp_media_encryption(&lvl, &s, m), 0);
    ck_assert_int_eq(lvl, UCLOG_SDP_ENCRYPTION_REQUIRED);
    m = media_at(sdp, 1);
    ck_assert_uint_eq(uclog_sdp_media_port(m), 0);
    ck_assert_uint_eq(uclog_sdp_candidate_count(m), 0);
    ck_assert_int_eq(uclog_sdp_media_encryption(&lvl, &s, m), 0);
    ck_assert_int_eq(lvl, UCLOG_SDP_ENCRYPTION_REJECTED);
    ck_assert_int_eq(uclog_sdp_media_remote_username(&s, m), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_sdp_media_get(&m, sdp, 2), UCLOG_E_RANGE);
    ck_assert_ptr_null(m);
    uclog_sdp_free(sdp);
    uclog_ctx_free(ctx);
}
END_TEST

/* The SDP offers of SIP messages: the seed INVITE, two parts, a plain body. */
START_TEST(offers_in_messages)
{
    static const char two[] =
        "INVITE sip:b SIP/2.0\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n"
        "Content-Type: multipart/alternative;boundary=\"B\"\r\nContent-Length: 308\r\n\r\n"
        "--B\r\nContent-Type: application/sdp\r\n"
        "Content-Disposition: session; handling=optional; ms-proxy-2007fallback\r\n\r\n"
        "v=0\r\nm=audio 1 RTP/AVP 0\r\n"
        "--B\r\nContent-Type: application/sdp\r\nContent-Disposition: session; handling=optional\r\n\r\n"
        "v=0\r\nm=audio 2 RTP/AVP 0\r\na=candidate:1 1 UDP 2130706431 10.0.0.1 2 typ host\r\n"
        "--B--\r\n";
    static const char plain[] =
        "SIP/2.0 200 OK\r\nContent-Type: application/sdp\r\nContent-Length: 22\r\n\r\n"
        "v=0\r\nm=audio 9 RTP/AVP 0";
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log = NULL;
    uclog_msg_iter *it = NULL;
    const uclog_sip *m;
    uclog_sip *msg = NULL;
    uclog_sdp *sdp = NULL;
    const uclog_sdp_media *media;
    uclog_str body;
    uclog_span sp;
    int32_t fb = -1;
    int i;

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("seed.uccapilog")), 0);
    ck_assert_int_eq(uclog_msg_iter_new(&it, log), 0);
    for (i = 0; i < 5; i++)
        ck_assert_int_eq(uclog_msg_iter_next(&m, NULL, it), 0);
    ck_assert_uint_eq(uclog_sip_sdp_count(m), 1);
    ck_assert_int_eq(uclog_sip_sdp_body(&body, &sp, &fb, m, 0), 0);
    ck_assert_int_eq(fb, 1);
    ck_assert_uint_eq(sp.offset, 10163);
    ck_assert_uint_eq(sp.line, 159);
    ck_assert_int_eq(uclog_sdp_parse(&sdp, ctx, body.ptr, body.len, &sp), 0);
    ck_assert_int_eq(uclog_sdp_media_get(&media, sdp, 0), 0);
    ck_assert_uint_eq(uclog_sdp_candidate_count(media), 8);
    uclog_sdp_free(sdp);
    ck_assert_int_eq(uclog_sip_sdp_body(&body, NULL, NULL, m, 1), UCLOG_E_RANGE);
    uclog_msg_iter_free(it);
    uclog_log_free(log);

    ck_assert_int_eq(uclog_sip_parse(&msg, ctx, two, sizeof(two) - 1, NULL), 0);
    ck_assert_uint_eq(uclog_sip_sdp_count(msg), 2);
    ck_assert_int_eq(uclog_sip_sdp_body(&body, NULL, &fb, msg, 0), 0);
    ck_assert_int_eq(fb, 1);
    ck_assert_int_eq(uclog_sip_sdp_body(&body, NULL, &fb, msg, 1), 0);
    ck_assert_int_eq(fb, 0);
    ck_assert_int_eq(uclog_sdp_parse(&sdp, ctx, body.ptr, body.len, NULL), 0);
    ck_assert_int_eq(uclog_sdp_media_get(&media, sdp, 0), 0);
    ck_assert_uint_eq(uclog_sdp_media_port(media), 2);
    ck_assert_uint_eq(uclog_sdp_candidate_count(media), 1);
    uclog_sdp_free(sdp);
    uclog_sip_free(msg);

    ck_assert_int_eq(uclog_sip_parse(&msg, ctx, plain, sizeof(plain) - 1, NULL), 0);
    ck_assert_uint_eq(uclog_sip_sdp_count(msg), 1);
    ck_assert_int_eq(uclog_sip_sdp_body(&body, NULL, &fb, msg, 0), 0);
    ck_assert_int_eq(fb, 0);
    ck_assert_uint_eq(body.len, 22);
    uclog_sip_free(msg);
    ck_assert_uint_eq(uclog_sip_sdp_count(NULL), 0);
    ck_assert_int_eq(uclog_sip_sdp_body(&body, NULL, NULL, NULL, 0), UCLOG_E_INVALID_ARG);
    uclog_ctx_free(ctx);
}
END_TEST

Suite *tu_suite(void)
{
    Suite *s = suite_create("sdp");
    TCase *tc = tcase_create("sdp");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, seed_invite);
    tcase_add_test(tc, block_alignment);
    tcase_add_test(tc, seed_spans);
    tcase_add_test(tc, seed_lf_and_trailing_space);
    tcase_add_test(tc, lync_ice19);
    tcase_add_test(tc, sfb_relay);
    tcase_add_test(tc, draft6_extras);
    tcase_add_test(tc, offers_in_messages);
    suite_add_tcase(s, tc);

    sdp_add_damage(s);
    sdp_add_addr(s);
    return s;
}
