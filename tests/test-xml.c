/* The xml suite: the provisioning, MRAS and error report bodies of the seed log and built
 * ones. The other part: errors, hostile input and allocation failures (test-xml-errors.c);
 * what they share is in xml-fixtures.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xml-fixtures.h"

#define MRAS_URI "sip:edgesrv.litwareinc.com@litwareinc.com;gruu;opaque=srvr:MRAS:P2nY_WtqnEGPHhBbcYD8VQAA"

/* ---- provisioning ---------------------------------------------------- */

START_TEST(prov_request_groups)
{
    static const char *const names[] = {"ServerConfiguration", "meetingPolicy", "ucPolicy",
                                        "publicationGrammar", "userSetting"};
    uclog_ctx *ctx = tu_ctx();
    uclog_span base = base_of(&PROV_REQUEST), sp;
    uclog_prov *p = NULL;
    const uclog_prov_group *g;
    uclog_str s;
    size_t len;
    char *buf = read_fixture(PROV_REQUEST.name, &len);
    uint32_t i;

    ck_assert_int_eq(uclog_prov_parse(&p, ctx, buf, len, &base), 0);
    free(buf); /* nothing may point into the input */
    ck_assert_int_eq(uclog_prov_kind(p), UCLOG_PROV_REQUEST);
    ck_assert_uint_eq(uclog_prov_group_count(p), 5);
    for (i = 0; i < 5; i++) {
        ck_assert_int_eq(uclog_prov_group_get(&g, p, i), 0);
        ck_assert_int_eq(uclog_prov_group_name(&s, g), 0);
        ck_assert_str_view(s, names[i]);
        ck_assert_uint_eq(uclog_prov_key_count(g), 0);
        ck_assert_int_eq(uclog_prov_group_shape(g), UCLOG_PROV_SHAPE_NONE);
    }
    ck_assert_int_eq(uclog_prov_group_get(&g, p, 5), UCLOG_E_RANGE);
    ck_assert_int_eq(uclog_prov_group_find(&g, p, "ucPolicy"), 0);
    uclog_prov_group_span(&sp, g);
    assert_span(&sp, 1312, 22, 183, strlen("<provisioningGroup name=\"ucPolicy\"/>"));
    uclog_prov_span(&sp, p);
    assert_span(&sp, 1130, 22, 1, 327);
    ck_assert_uint_eq(uclog_prov_defect_count(p), 0);
    uclog_prov_free(p);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(prov_response_server_configuration)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_span base = base_of(&PROV_RESPONSE), sp;
    uclog_prov *p = NULL;
    const uclog_prov_group *g;
    uclog_str s, name;
    size_t len;
    char *buf = read_fixture(PROV_RESPONSE.name, &len);

    ck_assert_int_eq(uclog_prov_parse(&p, ctx, buf, len, &base), 0);
    memset(buf, 'x', len); /* values are copies */
    free(buf);
    ck_assert_int_eq(uclog_prov_kind(p), UCLOG_PROV_RESPONSE);
    ck_assert_uint_eq(uclog_prov_group_count(p), 1);

    ck_assert_int_eq(uclog_prov_lookup(&s, &sp, p, "ServerConfiguration", "mrasUri"), 0);
    ck_assert_str_view(s, MRAS_URI);
    assert_span(&sp, 4715, 74, 1, 110);

    ck_assert_int_eq(uclog_prov_lookup(&s, NULL, p, "ServerConfiguration", "ucMinMediaPort"), 0);
    ck_assert_str_view(s, "5350");
    ck_assert_int_eq(uclog_prov_lookup(&s, &sp, p, "ServerConfiguration",
                                       "consoleDownloadInternalUrl"), 0);
    ck_assert_str_view(s, "http://r.office.microsoft.com/r/rlidOCS?clid=1033&p1=livemeeting");
    assert_span(&sp, 3234, 50, 1, 0);
    ck_assert_int_eq(uclog_prov_lookup(&s, NULL, p, "ServerConfiguration", "ucLocationProfile"),
                     0);
    ck_assert_str_view(s, "LOCPROF");

    ck_assert_int_eq(uclog_prov_lookup(&s, NULL, p, "ServerConfiguration", "MRASURI"),
                     UCLOG_E_NOT_FOUND);
    ck_assert_ptr_null(s.ptr);
    ck_assert_int_eq(uclog_prov_lookup(&s, NULL, p, "ucPolicy", "mrasUri"), UCLOG_E_NOT_FOUND);

    ck_assert_int_eq(uclog_prov_group_find(&g, p, "ServerConfiguration"), 0);
    ck_assert_int_eq(uclog_prov_group_shape(g), UCLOG_PROV_SHAPE_ELEMENTS);
    ck_assert_uint_eq(uclog_prov_key_count(g), 29);
    ck_assert_int_eq(uclog_prov_key(&name, &s, &sp, g, 0), 0);
    ck_assert_str_view(name, "ucMaxVideoRateAllowed");
    ck_assert_str_view(s, "VGA-600K");
    ck_assert_uint_eq(sp.line, 45);
    ck_assert_int_eq(uclog_prov_key(&name, &s, NULL, g, 28), 0);
    ck_assert_str_view(name, "mrasUri");
    ck_assert_str_view(s, MRAS_URI);
    ck_assert_int_eq(uclog_prov_key(&name, &s, NULL, g, 29), UCLOG_E_RANGE);
    uclog_prov_group_span(&sp, g);
    assert_span(&sp, 2884, 44, 1, 0);
    ck_assert_int_eq(uclog_prov_group_find(&g, p, "meetingPolicy"), UCLOG_E_NOT_FOUND);
    ck_assert_ptr_null(g);
    uclog_prov_free(p);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(prov_response_shapes)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_prov *p = NULL;
    const uclog_prov_group *g;
    uclog_str s, name;
    uclog_span sp;
    size_t len;
    char *buf = read_fixture("xml/prov-shapes.xml", &len);

    uint64_t mras_at = (uint64_t)(strstr(buf, "<mrasUri>") - buf);

    ck_assert_int_eq(uclog_prov_parse(&p, ctx, buf, len, NULL), 0);
    free(buf);
    ck_assert_uint_eq(uclog_prov_group_count(p), 4);
    ck_assert_int_eq(uclog_prov_lookup(&s, &sp, p, "ServerConfiguration", "mrasUri"), 0);
    ck_assert_str_view(s, MRAS_URI);
    assert_span(&sp, mras_at, 3, 1, strlen("<mrasUri>  " MRAS_URI "  </mrasUri>"));

    ck_assert_int_eq(uclog_prov_group_find(&g, p, "meetingPolicy"), 0);
    ck_assert_int_eq(uclog_prov_group_shape(g), UCLOG_PROV_SHAPE_INSTANCE);
    ck_assert_uint_eq(uclog_prov_key_count(g), 3);
    ck_assert_int_eq(uclog_prov_key(&name, &s, &sp, g, 2), 0);
    ck_assert_str_view(name, "MaxVideoConferenceResolution");
    ck_assert_str_view(s, "VGA");
    ck_assert_uint_eq(sp.line, 9);
    ck_assert_uint_eq(sp.column, 1);
    ck_assert_int_eq(uclog_prov_group_lookup(&s, NULL, g, "AllowIPVideo"), 0);
    ck_assert_str_view(s, "true");

    ck_assert_int_eq(uclog_prov_group_find(&g, p, "endpointConfiguration"), 0);
    ck_assert_int_eq(uclog_prov_group_shape(g), UCLOG_PROV_SHAPE_ENTRY_LIST);
    ck_assert_uint_eq(uclog_prov_key_count(g), 2);
    ck_assert_int_eq(uclog_prov_lookup(&s, &sp, p, "endpointConfiguration", "EnableTracing"), 0);
    ck_assert_str_view(s, "true");
    ck_assert_uint_eq(sp.line, 14);
    ck_assert_int_eq(uclog_prov_lookup(&s, NULL, p, "endpointConfiguration",
                                       "ConferenceIMIdleTimeout"), 0);
    ck_assert_str_view(s, "5");

    ck_assert_int_eq(uclog_prov_group_find(&g, p, "userSetting"), 0);
    ck_assert_uint_eq(uclog_prov_key_count(g), 0);
    ck_assert_int_eq(uclog_prov_group_shape(g), UCLOG_PROV_SHAPE_NONE);
    uclog_prov_free(p);
    uclog_ctx_free(ctx);
}
END_TEST

/* Reading stops at the end of the group asked for; what follows is not read. */
START_TEST(prov_parse_until_group)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_prov *p = NULL, *full = NULL;
    const uclog_prov_group *g;
    uclog_str s;
    uclog_span sp, fsp;
    size_t len, cut;
    char *buf = read_fixture("xml/prov-shapes.xml", &len);
    char *bad;
    const char *after = strstr(buf, "<provisionGroup name=\"meetingPolicy\">");

    ck_assert_ptr_nonnull(after);
    cut = (size_t)(after - buf);
    /* stops after ServerConfiguration: one group, the same key and span */
    ck_assert_int_eq(uclog_prov_parse_until(&p, ctx, buf, len, NULL, "ServerConfiguration"), 0);
    ck_assert_int_eq(uclog_prov_parse(&full, ctx, buf, len, NULL), 0);
    ck_assert_int_eq(uclog_prov_kind(p), UCLOG_PROV_RESPONSE);
    ck_assert_uint_eq(uclog_prov_group_count(p), 1);
    ck_assert_int_eq(uclog_prov_lookup(&s, &sp, p, "ServerConfiguration", "mrasUri"), 0);
    ck_assert_str_view(s, MRAS_URI);
    ck_assert_int_eq(uclog_prov_lookup(&s, &fsp, full, "ServerConfiguration", "mrasUri"), 0);
    ck_assert_uint_eq(sp.offset, fsp.offset);
    ck_assert_uint_eq(sp.line, fsp.line);
    ck_assert_uint_eq(sp.length, fsp.length);
    ck_assert_int_eq(uclog_prov_group_find(&g, p, "meetingPolicy"), UCLOG_E_NOT_FOUND);
    /* the root ends where reading stopped: after the group's "</provisionGroup>" */
    uclog_prov_span(&sp, p);
    ck_assert_uint_eq(sp.offset, 0);
    ck_assert_uint_eq(sp.length, (size_t)(strstr(buf, "</provisionGroup>") - buf) + 17);
    uclog_prov_free(p);
    /* a later group: every group up to it */
    ck_assert_int_eq(uclog_prov_parse_until(&p, ctx, buf, len, NULL, "endpointConfiguration"), 0);
    ck_assert_uint_eq(uclog_prov_group_count(p), 3);
    ck_assert_int_eq(uclog_prov_lookup(&s, NULL, p, "endpointConfiguration", "EnableTracing"), 0);
    ck_assert_str_view(s, "true");
    uclog_prov_free(p);
    /* no such group, or NULL: the whole body, as uclog_prov_parse() */
    ck_assert_int_eq(uclog_prov_parse_until(&p, ctx, buf, len, NULL, "serverconfiguration"), 0);
    ck_assert_uint_eq(uclog_prov_group_count(p), 4);
    uclog_prov_span(&sp, p);
    uclog_prov_span(&fsp, full);
    ck_assert_uint_eq(sp.length, fsp.length);
    uclog_prov_free(p);
    ck_assert_int_eq(uclog_prov_parse_until(&p, ctx, buf, len, NULL, NULL), 0);
    ck_assert_uint_eq(uclog_prov_group_count(p), 4);
    uclog_prov_free(p);
    uclog_prov_free(full);

    /* damage after the group: the whole parse fails at its line, the lookup does not */
    bad = malloc(len + 1);
    ck_assert_ptr_nonnull(bad);
    memcpy(bad, buf, len);
    memcpy(bad + cut + 1, "provisionGroup name=\"meetingPolicy\"<", 36);
    ck_assert_int_eq(uclog_prov_parse(&p, ctx, bad, len, NULL), UCLOG_E_XML);
    ck_assert_ptr_null(p);
    ck_assert_int_eq(uclog_ctx_error_span(&sp, ctx), 0);
    ck_assert_uint_eq(sp.line, 5);
    ck_assert_int_eq(uclog_prov_parse_until(&p, ctx, bad, len, NULL, "ServerConfiguration"), 0);
    ck_assert_int_eq(uclog_prov_lookup(&s, NULL, p, "ServerConfiguration", "mrasUri"), 0);
    ck_assert_str_view(s, MRAS_URI);
    uclog_prov_free(p);
    /* damage before the group's end is still an error, with its position */
    memcpy(bad, buf, len);
    bad[strstr(buf, "</mrasUri>") - buf + 2] = '!';
    ck_assert_int_eq(uclog_prov_parse_until(&p, ctx, bad, len, NULL, "ServerConfiguration"),
                     UCLOG_E_XML);
    ck_assert_ptr_null(p);
    ck_assert_int_eq(uclog_ctx_error_span(&sp, ctx), 0);
    ck_assert_uint_eq(sp.line, 3);
    /* a body cut inside the group is not complete XML */
    ck_assert_int_eq(uclog_prov_parse_until(&p, ctx, buf, (size_t)(strstr(buf, "</provisionGroup>") - buf),
                                            NULL, "ServerConfiguration"), UCLOG_E_XML);
    ck_assert_int_eq(uclog_prov_parse_until(NULL, ctx, buf, len, NULL, "x"), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_prov_parse_until(&p, NULL, buf, len, NULL, "x"), UCLOG_E_INVALID_ARG);
    free(bad);
    free(buf);
    uclog_ctx_free(ctx);
}
END_TEST

/* A request's provisioningGroup stops the parse too. */
START_TEST(prov_parse_until_request)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_span base = base_of(&PROV_REQUEST);
    uclog_prov *p = NULL;
    const uclog_prov_group *g;
    uclog_str s;
    size_t len;
    char *buf = read_fixture(PROV_REQUEST.name, &len);

    ck_assert_int_eq(uclog_prov_parse_until(&p, ctx, buf, len, &base, "meetingPolicy"), 0);
    ck_assert_int_eq(uclog_prov_kind(p), UCLOG_PROV_REQUEST);
    ck_assert_uint_eq(uclog_prov_group_count(p), 2);
    ck_assert_int_eq(uclog_prov_group_get(&g, p, 1), 0);
    ck_assert_int_eq(uclog_prov_group_name(&s, g), 0);
    ck_assert_str_view(s, "meetingPolicy");
    uclog_prov_free(p);
    free(buf);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(prov_defects_and_entities)
{
    static const char body[] =
        "<provisionGroupList xmlns=\"" NS_PROV "\">"
        "<provisionGroup name=\"a&amp;b\"><instance><property>x</property>"
        "<property name=\"k\">&lt;v&#x41;&gt;</property></instance></provisionGroup>"
        "<provisionGroup/></provisionGroupList>";
    uclog_ctx *ctx = tu_ctx();
    uclog_prov *p = NULL;
    const uclog_prov_group *g;
    uclog_defect d;
    uclog_str s;

    ck_assert_int_eq(uclog_prov_parse(&p, ctx, body, sizeof(body) - 1, NULL), 0);
    ck_assert_int_eq(uclog_prov_group_find(&g, p, "a&b"), 0);
    ck_assert_uint_eq(uclog_prov_key_count(g), 1);
    ck_assert_int_eq(uclog_prov_group_lookup(&s, NULL, g, "k"), 0);
    ck_assert_str_view(s, "<vA>");
    ck_assert_int_eq(uclog_prov_group_get(&g, p, 1), 0);
    ck_assert_int_eq(uclog_prov_group_name(&s, g), UCLOG_E_NOT_FOUND);
    ck_assert_uint_eq(uclog_prov_defect_count(p), 2);
    ck_assert_int_eq(uclog_prov_defect(&d, p, 0), 0);
    ck_assert_int_eq(d.code, UCLOG_DEFECT_XML_MISSING);
    ck_assert_str_eq(uclog_defect_name(d.code), "XML_MISSING");
    ck_assert_int_eq(uclog_prov_defect(&d, p, 2), UCLOG_E_RANGE);
    uclog_prov_free(p);
    uclog_ctx_free(ctx);
}
END_TEST

/* ---- MRAS ---------------------------------------------------------- */

START_TEST(mras_request_seed)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_span base = base_of(&MRAS_REQUEST), sp;
    uclog_mras *m = NULL;
    const uclog_mras_credreq *r;
    uclog_str s;
    uint32_t dur = 0;
    size_t len;
    char *buf = read_fixture(MRAS_REQUEST.name, &len);

    ck_assert_int_eq(uclog_mras_parse(&m, ctx, buf, len, &base), 0);
    free(buf);
    ck_assert_int_eq(uclog_mras_kind(m), UCLOG_MRAS_REQUEST);
    ck_assert_int_eq(uclog_mras_request_id(&s, m), 0);
    ck_assert_str_view(s, "31344152");
    ck_assert_int_eq(uclog_mras_version(&s, m), 0);
    ck_assert_str_view(s, "2.0");
    ck_assert_int_eq(uclog_mras_to(&s, m), 0);
    ck_assert_str_view(s, MRAS_URI);
    ck_assert_int_eq(uclog_mras_from(&s, m), 0);
    ck_assert_str_view(s, "sip:bart@litwareinc.com");
    ck_assert_int_eq(uclog_mras_route(&s, m), UCLOG_E_NOT_FOUND);
    ck_assert_ptr_null(s.ptr);
    ck_assert_int_eq(uclog_mras_reason_phrase(&s, m), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_mras_reason(m), UCLOG_MRAS_REASON_UNKNOWN);
    ck_assert_uint_eq(uclog_mras_credresp_count(m), 0);
    uclog_mras_span(&sp, m);
    assert_span(&sp, 6001, 93, 1, 458);

    ck_assert_uint_eq(uclog_mras_credreq_count(m), 1);
    ck_assert_int_eq(uclog_mras_credreq_get(&r, m, 0), 0);
    ck_assert_int_eq(uclog_mras_credreq_id(&s, r), 0);
    ck_assert_str_view(s, "31344152");
    ck_assert_int_eq(uclog_mras_credreq_identity(&s, r), 0);
    ck_assert_str_view(s, "sip:bart@litwareinc.com");
    ck_assert_int_eq(uclog_mras_credreq_location(&s, r), 0);
    ck_assert_str_view(s, "internet");
    ck_assert_int_eq(uclog_mras_credreq_duration(&dur, r), 0);
    ck_assert_uint_eq(dur, 480);
    uclog_mras_credreq_span(&sp, r);
    assert_span(&sp, 6279, 93, 279, 170);
    ck_assert_int_eq(uclog_mras_credreq_get(&r, m, 1), UCLOG_E_RANGE);
    ck_assert_uint_eq(uclog_mras_defect_count(m), 0);
    uclog_mras_free(m);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(mras_response_seed)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_span base = base_of(&MRAS_RESPONSE), sp;
    uclog_mras *m = NULL;
    const uclog_mras_credresp *c;
    const uclog_mras_relay *r;
    uclog_str s;
    uint32_t dur = 0;
    uint16_t port = 0;
    size_t len;
    char *buf = read_fixture(MRAS_RESPONSE.name, &len);

    ck_assert_int_eq(uclog_mras_parse(&m, ctx, buf, len, &base), 0);
    free(buf);
    ck_assert_int_eq(uclog_mras_kind(m), UCLOG_MRAS_RESPONSE);
    ck_assert_int_eq(uclog_mras_reason_phrase(&s, m), 0);
    ck_assert_str_view(s, "OK");
    ck_assert_int_eq(uclog_mras_reason(m), UCLOG_MRAS_REASON_OK);
    ck_assert_int_eq(uclog_mras_request_id(&s, m), 0);
    ck_assert_str_view(s, "31344152");
    ck_assert_int_eq(uclog_mras_version(&s, m), 0);
    ck_assert_str_view(s, "2.0");
    ck_assert_int_eq(uclog_mras_server_version(&s, m), 0);
    ck_assert_str_view(s, "2.0");
    ck_assert_int_eq(uclog_mras_to(&s, m), 0);
    ck_assert_str_view(s, MRAS_URI);
    ck_assert_int_eq(uclog_mras_from(&s, m), 0);
    ck_assert_str_view(s, "sip:bart@litwareinc.com");
    uclog_mras_span(&sp, m);
    assert_span(&sp, 7597, 110, 1, 956 - 23);
    ck_assert_uint_eq(uclog_mras_credreq_count(m), 0);

    ck_assert_uint_eq(uclog_mras_credresp_count(m), 1);
    ck_assert_int_eq(uclog_mras_credresp_get(&c, m, 0), 0);
    ck_assert_int_eq(uclog_mras_credresp_id(&s, c), 0);
    ck_assert_str_view(s, "31344152");
    ck_assert_int_eq(uclog_mras_credresp_username(&s, c), 0);
    ck_assert_str_view(s, "AgAAJPctcgsByUyufn7q4YrV9tVY9EdbrUyIexcz3eMAAAAASV+M/CxEBxJ/lw9WZiktcVEUa/E=");
    ck_assert_int_eq(uclog_mras_credresp_password(&s, c), 0);
    ck_assert_str_view(s, "/VA3PEf0jF+Bz9QbU0EwrJWGTOI=");
    ck_assert_int_eq(uclog_mras_credresp_realm(&s, c), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_mras_credresp_duration(&dur, c), 0);
    ck_assert_uint_eq(dur, 480);
    uclog_mras_credresp_span(&sp, c);
    assert_span(&sp, 7963, 111, 3, 0);

    ck_assert_uint_eq(uclog_mras_relay_count(c), 1);
    ck_assert_int_eq(uclog_mras_relay_get(&r, c, 0), 0);
    ck_assert_int_eq(uclog_mras_relay_location(&s, r), 0);
    ck_assert_str_view(s, "internet");
    ck_assert_int_eq(uclog_mras_relay_host_kind(r), UCLOG_MRAS_HOST_NAME);
    ck_assert_int_eq(uclog_mras_relay_host(&s, &sp, r), 0);
    ck_assert_str_view(s, "avedge.litwareinc.com");
    assert_span(&sp, 8340, 120, 9, 42);
    ck_assert_int_eq(uclog_mras_relay_udp_port(&port, r), 0);
    ck_assert_uint_eq(port, 3478);
    ck_assert_int_eq(uclog_mras_relay_tcp_port(&port, r), 0);
    ck_assert_uint_eq(port, 443);
    uclog_mras_relay_span(&sp, r);
    assert_span(&sp, 8279, 118, 7, 189);
    ck_assert_int_eq(uclog_mras_relay_get(&r, c, 1), UCLOG_E_RANGE);
    ck_assert_uint_eq(uclog_mras_defect_count(m), 0);
    uclog_mras_free(m);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(mras_response_forbidden)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_mras *m = NULL;
    uclog_str s;
    size_t len;
    char *buf = read_fixture("xml/mras-forbidden.xml", &len);

    ck_assert_int_eq(uclog_mras_parse(&m, ctx, buf, len, NULL), 0);
    free(buf);
    ck_assert_int_eq(uclog_mras_reason_phrase(&s, m), 0);
    ck_assert_str_view(s, "Forbidden");
    ck_assert_int_eq(uclog_mras_reason(m), UCLOG_MRAS_REASON_FORBIDDEN);
    ck_assert_str_eq(uclog_mras_reason_name(uclog_mras_reason(m)), "Forbidden");
    ck_assert_uint_eq(uclog_mras_credresp_count(m), 0);
    ck_assert_int_eq(uclog_mras_request_id(&s, m), 0);
    ck_assert_str_view(s, "31344152");
    uclog_mras_free(m);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(mras_response_request_malformed)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_mras *m = NULL;
    uclog_str s;
    size_t len;
    char *buf = read_fixture("xml/mras-request-malformed.xml", &len);

    ck_assert_int_eq(uclog_mras_parse(&m, ctx, buf, len, NULL), 0);
    free(buf);
    ck_assert_int_eq(uclog_mras_reason_phrase(&s, m), 0);
    ck_assert_str_view(s, "Request Malformed");
    ck_assert_int_eq(uclog_mras_reason(m), UCLOG_MRAS_REASON_REQUEST_MALFORMED);
    ck_assert_str_eq(uclog_mras_reason_name(UCLOG_MRAS_REASON_REQUEST_MALFORMED),
                     "Request Malformed");
    ck_assert_int_eq(uclog_mras_request_id(&s, m), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_mras_to(&s, m), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_mras_from(&s, m), UCLOG_E_NOT_FOUND);
    /* Their absence is what the spec prescribes here, not a defect. */
    ck_assert_uint_eq(uclog_mras_defect_count(m), 0);
    uclog_mras_free(m);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(mras_response_two_relays)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_mras *m = NULL;
    const uclog_mras_credresp *c;
    const uclog_mras_relay *r;
    uclog_str s;
    uclog_span sp;
    uint16_t port = 0;
    size_t len;
    char *buf = read_fixture("xml/mras-two-relays.xml", &len);
    uint64_t ip_at = (uint64_t)(strstr(buf, "<directIPAddress>") - buf);

    ck_assert_int_eq(uclog_mras_parse(&m, ctx, buf, len, NULL), 0);
    free(buf);
    ck_assert_int_eq(uclog_mras_credresp_get(&c, m, 0), 0);
    ck_assert_uint_eq(uclog_mras_relay_count(c), 2);

    ck_assert_int_eq(uclog_mras_relay_get(&r, c, 0), 0);
    ck_assert_int_eq(uclog_mras_relay_location(&s, r), 0);
    ck_assert_str_view(s, "intranet");
    ck_assert_int_eq(uclog_mras_relay_host_kind(r), UCLOG_MRAS_HOST_DIRECT_IP);
    ck_assert_int_eq(uclog_mras_relay_host(&s, &sp, r), 0);
    ck_assert_str_view(s, "10.0.0.25");
    assert_span(&sp, ip_at, 12, 9, strlen("<directIPAddress>10.0.0.25</directIPAddress>"));
    ck_assert_int_eq(uclog_mras_relay_udp_port(&port, r), 0);
    ck_assert_uint_eq(port, 3478);

    ck_assert_int_eq(uclog_mras_relay_get(&r, c, 1), 0);
    ck_assert_int_eq(uclog_mras_relay_location(&s, r), 0);
    ck_assert_str_view(s, "internet");
    ck_assert_int_eq(uclog_mras_relay_host_kind(r), UCLOG_MRAS_HOST_NAME);
    ck_assert_int_eq(uclog_mras_relay_host(&s, NULL, r), 0);
    ck_assert_str_view(s, "avedge.litwareinc.com");
    ck_assert_int_eq(uclog_mras_relay_tcp_port(&port, r), 0);
    ck_assert_uint_eq(port, 443);
    uclog_mras_relay_span(&sp, r);
    ck_assert_uint_eq(sp.line, 16);
    uclog_mras_free(m);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(mras_defects)
{
    static const char body[] =
        "<response xmlns=\"" NS_MRAS "\" version=\"2.0\" reasonPhrase=\"Everything Fine\">\n"
        "<credentialsResponse credentialsRequestID=\"1\"><credentials>"
        "<username>u</username><password>p</password><duration>8x</duration>"
        "<username>again</username></credentials>\n"
        "<mediaRelayList><mediaRelay><location>internet</location>"
        "<udpPort>65536</udpPort><tcpPort> 443 </tcpPort></mediaRelay></mediaRelayList>"
        "</credentialsResponse></response>";
    uclog_ctx *ctx = tu_ctx();
    uclog_mras *m = NULL;
    const uclog_mras_credresp *c;
    const uclog_mras_relay *r;
    uclog_defect d;
    uclog_str s;
    uint32_t dur;
    uint16_t port;
    int32_t codes[8];
    uint32_t i, n;

    ck_assert_int_eq(uclog_mras_parse(&m, ctx, body, sizeof(body) - 1, NULL), 0);
    ck_assert_int_eq(uclog_mras_reason(m), UCLOG_MRAS_REASON_UNKNOWN);
    ck_assert_int_eq(uclog_mras_reason_phrase(&s, m), 0);
    ck_assert_str_view(s, "Everything Fine");
    ck_assert_int_eq(uclog_mras_credresp_get(&c, m, 0), 0);
    ck_assert_int_eq(uclog_mras_credresp_username(&s, c), 0);
    ck_assert_str_view(s, "u");
    ck_assert_int_eq(uclog_mras_credresp_duration(&dur, c), UCLOG_E_FORMAT);
    ck_assert_int_eq(uclog_mras_relay_get(&r, c, 0), 0);
    ck_assert_int_eq(uclog_mras_relay_host_kind(r), UCLOG_MRAS_HOST_NONE);
    ck_assert_int_eq(uclog_mras_relay_host(&s, NULL, r), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_mras_relay_udp_port(&port, r), UCLOG_E_FORMAT);
    ck_assert_int_eq(uclog_mras_relay_tcp_port(&port, r), 0);
    ck_assert_uint_eq(port, 443);

    n = uclog_mras_defect_count(m);
    ck_assert_uint_eq(n, 5);
    for (i = 0; i < n; i++) {
        ck_assert_int_eq(uclog_mras_defect(&d, m, i), 0);
        codes[i] = d.code;
    }
    ck_assert_int_eq(codes[0], UCLOG_DEFECT_XML_UNKNOWN_VALUE);
    ck_assert_int_eq(codes[1], UCLOG_DEFECT_XML_DUPLICATE);
    ck_assert_int_eq(codes[2], UCLOG_DEFECT_XML_BAD_NUMBER);
    ck_assert_int_eq(codes[3], UCLOG_DEFECT_XML_MISSING);
    ck_assert_int_eq(codes[4], UCLOG_DEFECT_XML_BAD_NUMBER);
    ck_assert_int_eq(uclog_mras_defect(&d, m, 2), 0);
    ck_assert_uint_eq(d.span.line, 2);
    ck_assert_str_eq(uclog_defect_name(UCLOG_DEFECT_XML_BAD_NUMBER), "XML_BAD_NUMBER");
    ck_assert_str_eq(uclog_defect_name(UCLOG_DEFECT_XML_DUPLICATE), "XML_DUPLICATE");
    ck_assert_str_eq(uclog_defect_name(UCLOG_DEFECT_XML_UNKNOWN_VALUE), "XML_UNKNOWN_VALUE");
    ck_assert_str_eq(uclog_defect_name(405), "UNKNOWN");
    ck_assert_str_ne(uclog_defect_text(UCLOG_DEFECT_XML_MISSING), "unknown defect");
    uclog_mras_free(m);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(mras_prefixed_namespace)
{
    /* The namespace counts, not the prefix. */
    static const char body[] =
        "<m:request xmlns:m=\"" NS_MRAS "\" requestID=\"7\" version=\"1.0\" to=\"sip:a@b\" "
        "from=\"sip:c@d\" route=\"loadbalanced\"><m:credentialsRequest credentialsRequestID=\"7\">"
        "<m:identity>sip:c@d</m:identity></m:credentialsRequest>"
        "<credentialsRequest credentialsRequestID=\"8\"/></m:request>";
    uclog_ctx *ctx = tu_ctx();
    uclog_mras *m = NULL;
    const uclog_mras_credreq *r;
    uclog_str s;
    uint32_t dur;

    ck_assert_int_eq(uclog_mras_parse(&m, ctx, body, sizeof(body) - 1, NULL), 0);
    ck_assert_int_eq(uclog_mras_route(&s, m), 0);
    ck_assert_str_view(s, "loadbalanced");
    /* the unprefixed credentialsRequest is in no namespace: not counted */
    ck_assert_uint_eq(uclog_mras_credreq_count(m), 1);
    ck_assert_int_eq(uclog_mras_credreq_get(&r, m, 0), 0);
    ck_assert_int_eq(uclog_mras_credreq_duration(&dur, r), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_mras_credreq_location(&s, r), UCLOG_E_NOT_FOUND);
    uclog_mras_free(m);
    uclog_ctx_free(ctx);
}
END_TEST

/* ---- error report --------------------------------------------------- */

START_TEST(errreport_fixture)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_errreport *r = NULL;
    const uclog_errreport_error *e;
    uclog_str s;
    uclog_span sp;
    uint32_t code = 0;
    size_t len;
    char *buf = read_fixture("xml/reporterror.xml", &len);
    uclog_span base;

    memset(&base, 0, sizeof(base));
    base.offset = 500;
    base.line = 40;
    base.column = 1;
    ck_assert_int_eq(uclog_errreport_parse(&r, ctx, buf, len, &base), 0);
    free(buf);
    ck_assert_uint_eq(uclog_errreport_error_count(r), 1);
    ck_assert_int_eq(uclog_errreport_error_get(&e, r, 0), 0);
    ck_assert_int_eq(uclog_errreport_error_get(&e, r, 1), UCLOG_E_RANGE);
    ck_assert_int_eq(uclog_errreport_error_get(&e, r, 0), 0);
    ck_assert_int_eq(uclog_errreport_error_attr(&s, e, "callId"), 0);
    ck_assert_str_view(s, "e41f3fa11696494d90130b78761b202c");
    ck_assert_int_eq(uclog_errreport_error_attr(&s, e, "toUri"), 0);
    ck_assert_str_view(s, "sip:jeremy@litwareinc.com");
    ck_assert_int_eq(uclog_errreport_error_attr(&s, e, "toTag"), 0);
    ck_assert_ptr_nonnull(s.ptr);
    ck_assert_uint_eq(s.len, 0);
    ck_assert_int_eq(uclog_errreport_error_attr(&s, e, "requestType"), 0);
    ck_assert_str_view(s, "INVITE");
    ck_assert_int_eq(uclog_errreport_error_attr(&s, e, "nope"), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_errreport_error_response_code(&code, e), 0);
    ck_assert_uint_eq(code, 488);
    uclog_errreport_error_span(&sp, e);
    ck_assert_uint_eq(sp.line, 41);
    ck_assert_uint_eq(sp.offset, 500 + strlen("<reportError xmlns=\"http://schemas.microsoft.com/"
                                              "2006/09/sip/error-reporting\">\r\n"));

    ck_assert_uint_eq(uclog_errreport_diag_count(e), 1);
    ck_assert_int_eq(uclog_errreport_diag_get(&s, &sp, e, 0), 0);
    ck_assert_str_view(s, "52017;reason=\"Encryption levels dont match\";source=\"192.168.1.10\"");
    ck_assert_uint_eq(sp.line, 42);
    ck_assert_int_eq(uclog_errreport_diag_get(&s, NULL, e, 1), UCLOG_E_RANGE);
    ck_assert_uint_eq(uclog_errreport_progress_count(e), 2);
    ck_assert_int_eq(uclog_errreport_progress_get(&s, NULL, e, 1), 0);
    ck_assert_str_view(s, "1008;reason=\"Unable to resolve DNS SRV record\"");
    ck_assert_int_eq(uclog_errreport_progress_get(&s, &sp, e, 0), 0);
    ck_assert_uint_eq(sp.line, 43);
    ck_assert_uint_eq(uclog_errreport_defect_count(r), 0);
    uclog_errreport_free(r);

    /* a wrong namespace, and a bad response code */
    ck_assert_int_eq(uclog_errreport_parse(&r, ctx, "<reportError/>", 14, NULL), UCLOG_E_FORMAT);
    ck_assert_ptr_null(r);
    {
        static const char body[] = "<reportError xmlns=\"http://schemas.microsoft.com/2006/09/sip/"
                                   "error-reporting\"><error responseCode=\"4o4\"/></reportError>";
        uclog_defect d;

        ck_assert_int_eq(uclog_errreport_parse(&r, ctx, body, sizeof(body) - 1, NULL), 0);
        ck_assert_int_eq(uclog_errreport_error_get(&e, r, 0), 0);
        ck_assert_int_eq(uclog_errreport_error_response_code(&code, e), UCLOG_E_FORMAT);
        ck_assert_uint_eq(uclog_errreport_diag_count(e), 0);
        ck_assert_uint_eq(uclog_errreport_defect_count(r), 1);
        ck_assert_int_eq(uclog_errreport_defect(&d, r, 0), 0);
        ck_assert_int_eq(d.code, UCLOG_DEFECT_XML_BAD_NUMBER);
        uclog_errreport_free(r);
    }
    uclog_errreport_free(NULL);
    uclog_ctx_free(ctx);
}
END_TEST

Suite *tu_suite(void)
{
    Suite *s = suite_create("xml");
    TCase *tc = tcase_create("prov");

    tcase_add_test(tc, prov_request_groups);
    tcase_add_test(tc, prov_response_server_configuration);
    tcase_add_test(tc, prov_response_shapes);
    tcase_add_test(tc, prov_defects_and_entities);
    tcase_add_test(tc, prov_parse_until_group);
    tcase_add_test(tc, prov_parse_until_request);
    suite_add_tcase(s, tc);

    tc = tcase_create("mras");
    tcase_add_test(tc, mras_request_seed);
    tcase_add_test(tc, mras_response_seed);
    tcase_add_test(tc, mras_response_forbidden);
    tcase_add_test(tc, mras_response_request_malformed);
    tcase_add_test(tc, mras_response_two_relays);
    tcase_add_test(tc, mras_defects);
    tcase_add_test(tc, mras_prefixed_namespace);
    suite_add_tcase(s, tc);

    tc = tcase_create("reporterror");
    tcase_add_test(tc, errreport_fixture);
    suite_add_tcase(s, tc);

    xml_add_errors(s);
    return s;
}
