/* The xml suite, errors and hostile input: malformed and wrong-namespace bodies, entity
 * expansion, external entities, deep nesting, bodies too large, bad arguments, allocation
 * failures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xml-fixtures.h"

/* ---- errors and hostile input ------------------------------------- */

static int parse_mras(uclog_ctx *ctx, const char *body, const uclog_span *base)
{
    uclog_mras *m = (uclog_mras *)1;
    int rc = uclog_mras_parse(&m, ctx, body, strlen(body), base);

    if (rc)
        ck_assert_ptr_null(m);
    uclog_mras_free(m);
    return rc;
}

START_TEST(error_malformed_position)
{
    static const char body[] = "<request xmlns=\"" NS_MRAS "\">\r\n"
                               "  <credentialsRequest>\r\n"
                               "  </request>";
    uclog_ctx *ctx = tu_ctx();
    uclog_span base, sp;

    memset(&base, 0, sizeof(base));
    base.offset = 1000;
    base.line = 50;
    base.column = 5;
    base.file = 2;
    ck_assert_int_eq(parse_mras(ctx, body, &base), UCLOG_E_XML);
    ck_assert_int_eq(uclog_ctx_errcode(ctx), UCLOG_E_XML);
    ck_assert_int_eq(uclog_ctx_error_span(&sp, ctx), 0);
    /* expat points at the name in the mismatched end tag: line 3, byte 5 */
    ck_assert_uint_eq(sp.line, 52);
    ck_assert_uint_eq(sp.column, 5);
    ck_assert_uint_eq(sp.offset, 1000 + (strstr(body, "</request>") - body) + 2);
    ck_assert_uint_eq(sp.file, 2);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "mismatched tag"));
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "line 52"));

    /* On the first line the base column is added. */
    ck_assert_int_eq(parse_mras(ctx, "<request a=\"1\" a=\"2\"/>", &base), UCLOG_E_XML);
    ck_assert_int_eq(uclog_ctx_error_span(&sp, ctx), 0);
    ck_assert_uint_eq(sp.line, 50);
    ck_assert_uint_eq(sp.column, 5 + 15);

    /* Without a base the position is in the buffer. */
    ck_assert_int_eq(parse_mras(ctx, "<a>\n<b></a>", NULL), UCLOG_E_XML);
    ck_assert_int_eq(uclog_ctx_error_span(&sp, ctx), 0);
    ck_assert_uint_eq(sp.line, 2);
    ck_assert_uint_eq(sp.column, 6);
    ck_assert_uint_eq(sp.offset, 9);

    ck_assert_int_eq(parse_mras(ctx, "", NULL), UCLOG_E_XML);
    ck_assert_int_eq(parse_mras(ctx, "   ", NULL), UCLOG_E_XML);
    ck_assert_int_eq(parse_mras(ctx, "<request xmlns=\"" NS_MRAS "\"/><x/>", NULL), UCLOG_E_XML);
    ck_assert_int_eq(parse_mras(ctx, "<request>&undefined;</request>", NULL), UCLOG_E_XML);
    ck_assert_int_eq(parse_mras(ctx, "<request xmlns=\"" NS_MRAS "\">\xff</request>", NULL),
                     UCLOG_E_XML);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(error_wrong_namespace)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_prov *p = (uclog_prov *)1;
    uclog_span sp;
    static const char prov_body[] =
        "<provisionGroupList xmlns=\"http://schemas.microsoft.com/2006/09/sip/provisioninggrouplist\"/>";

    ck_assert_int_eq(parse_mras(ctx, "<request xmlns=\"urn:other\" requestID=\"1\"/>", NULL),
                     UCLOG_E_FORMAT);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "urn:other"));
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), NS_MRAS));
    ck_assert_int_eq(uclog_ctx_error_span(&sp, ctx), 0);
    ck_assert_uint_eq(sp.line, 1);
    ck_assert_int_eq(parse_mras(ctx, "<request/>", NULL), UCLOG_E_FORMAT);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "(none)"));
    ck_assert_int_eq(parse_mras(ctx, "<reply xmlns=\"" NS_MRAS "\"/>", NULL), UCLOG_E_FORMAT);
    ck_assert_int_eq(parse_mras(ctx, "<provisionGroupList xmlns=\"" NS_PROV "\"/>", NULL),
                     UCLOG_E_FORMAT);

    /* the request's namespace on the response's root */
    ck_assert_int_eq(uclog_prov_parse(&p, ctx, prov_body, sizeof(prov_body) - 1, NULL),
                     UCLOG_E_FORMAT);
    ck_assert_ptr_null(p);
    ck_assert_int_eq(uclog_prov_parse(&p, ctx, "<request xmlns=\"" NS_MRAS "\"/>",
                                      strlen("<request xmlns=\"" NS_MRAS "\"/>"), NULL),
                     UCLOG_E_FORMAT);
    uclog_ctx_free(ctx);
}
END_TEST

static const char billion_laughs[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE lolz [\n"
    " <!ENTITY lol \"lol\">\n"
    " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
    " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
    " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
    " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
    " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
    " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
    " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
    " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
    "]>\n"
    "<request xmlns=\"" NS_MRAS "\" requestID=\"&lol9;\"><credentialsRequest>"
    "<identity>&lol9;</identity></credentialsRequest></request>";

START_TEST(hostile_billion_laughs)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_span sp;

    tu_alloc_reset(-1);
    ck_assert_int_eq(parse_mras(ctx, billion_laughs, NULL), UCLOG_E_XML);
    ck_assert_int_eq(uclog_ctx_error_span(&sp, ctx), 0);
    ck_assert_uint_eq(sp.line, 2);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "document type"));
    /* refused before any expansion: a small, bounded number of allocations */
    ck_assert_int_lt(tu_allocs, 100);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(hostile_external_entity)
{
    static const char *const bodies[] = {
        "<?xml version=\"1.0\"?>\n<!DOCTYPE request [\n"
        " <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n"
        "<request xmlns=\"" NS_MRAS "\"><credentialsRequest><identity>&xxe;</identity>"
        "</credentialsRequest></request>",
        "<!DOCTYPE request SYSTEM \"http://127.0.0.1:1/evil.dtd\">"
        "<request xmlns=\"" NS_MRAS "\"/>",
        "<!DOCTYPE request [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>"
        "<request xmlns=\"" NS_MRAS "\"/>",
        "<!DOCTYPE request [<!ENTITY e \"internal\">]><request xmlns=\"" NS_MRAS "\">&e;</request>",
    };
    uclog_ctx *ctx = tu_ctx();
    size_t i;

    for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
        uclog_prov *p = NULL;

        ck_assert_int_eq(parse_mras(ctx, bodies[i], NULL), UCLOG_E_XML);
        ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "document type"));
        ck_assert_int_eq(uclog_prov_parse(&p, ctx, bodies[i], strlen(bodies[i]), NULL),
                         UCLOG_E_XML);
    }
    uclog_ctx_free(ctx);
}
END_TEST

static char *nested(size_t depth)
{
    char *s = malloc(depth * 7 + 1), *q = s;
    size_t i;

    ck_assert_ptr_nonnull(s);
    for (i = 0; i < depth; i++) {
        memcpy(q, "<a>", 3);
        q += 3;
    }
    for (i = 0; i < depth; i++) {
        memcpy(q, "</a>", 4);
        q += 4;
    }
    *q = '\0';
    return s;
}

START_TEST(hostile_deep_nesting)
{
    uclog_ctx *ctx = tu_ctx();
    char *body = nested(10000);
    uclog_span sp;

    ck_assert_int_eq(parse_mras(ctx, body, NULL), UCLOG_E_LIMIT);
    ck_assert_int_eq(uclog_ctx_error_span(&sp, ctx), 0);
    ck_assert_uint_eq(sp.offset, 64 * 3); /* the 65th start tag */
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "deeper"));
    /* With the limit raised it parses (and is not MRAS). */
    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_XML_DEPTH, 20000), 0);
    ck_assert_int_eq(parse_mras(ctx, body, NULL), UCLOG_E_FORMAT);
    /* The element count limit. */
    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_XML_ELEMENTS, 9999), 0);
    ck_assert_int_eq(parse_mras(ctx, body, NULL), UCLOG_E_LIMIT);
    ck_assert_ptr_nonnull(strstr(uclog_ctx_errmsg(ctx), "9999"));
    free(body);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(hostile_too_large)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_span base = base_of(&MRAS_REQUEST), sp;
    uclog_mras *m = NULL;
    size_t len;
    char *buf = read_fixture(MRAS_REQUEST.name, &len);

    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_XML_BYTES, len - 1), 0);
    tu_alloc_reset(-1);
    ck_assert_int_eq(uclog_mras_parse(&m, ctx, buf, len, &base), UCLOG_E_LIMIT);
    ck_assert_int_eq(tu_allocs, 0); /* refused before anything is allocated */
    ck_assert_ptr_null(m);
    ck_assert_int_eq(uclog_ctx_error_span(&sp, ctx), 0);
    assert_span(&sp, MRAS_REQUEST.offset, MRAS_REQUEST.line, 1, len);
    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_XML_BYTES, len), 0);
    ck_assert_int_eq(uclog_mras_parse(&m, ctx, buf, len, &base), 0);
    uclog_mras_free(m);
    /* Elements over the count limit. */
    ck_assert_int_eq(uclog_ctx_set_limit(ctx, UCLOG_LIMIT_MAX_XML_ELEMENTS, 3), 0);
    ck_assert_int_eq(uclog_mras_parse(&m, ctx, buf, len, &base), UCLOG_E_LIMIT);
    free(buf);
    uclog_ctx_free(ctx);
}
END_TEST

START_TEST(bad_arguments)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_mras *m = NULL;
    uclog_prov *p = NULL;
    const uclog_prov_group *g;
    const uclog_mras_credresp *c;
    uclog_str s;
    uint16_t port;

    ck_assert_int_eq(uclog_mras_parse(NULL, ctx, "x", 1, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_mras_parse(&m, NULL, "x", 1, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_mras_parse(&m, ctx, NULL, 1, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_prov_parse(&p, ctx, NULL, 1, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_prov_parse(&p, NULL, "x", 1, NULL), UCLOG_E_INVALID_ARG);
    uclog_mras_free(NULL);
    uclog_prov_free(NULL);
    ck_assert_int_eq(uclog_mras_kind(NULL), 0);
    ck_assert_int_eq(uclog_mras_request_id(&s, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_mras_request_id(NULL, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_mras_credresp_get(&c, NULL, 0), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_mras_relay_udp_port(&port, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_uint_eq(uclog_mras_relay_count(NULL), 0);
    ck_assert_str_eq(uclog_mras_reason_name(99), "unknown");
    ck_assert_int_eq(uclog_prov_group_get(&g, NULL, 0), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_prov_lookup(&s, NULL, NULL, "a", "b"), UCLOG_E_INVALID_ARG);
    ck_assert_uint_eq(uclog_prov_group_count(NULL), 0);
    uclog_ctx_free(ctx);
}
END_TEST

/* ---- allocation failure ------------------------------------------- */

typedef struct loop_case {
    const char *fixture;   /* or NULL and body */
    const char *body;
    int which;             /* 0: uclog_mras_parse, 1: uclog_prov_parse, 2: errreport */
    int expect;            /* the status when no allocation fails */
} loop_case;

static int run_case(void *arg)
{
    const loop_case *lc = arg;
    uclog_ctx *ctx = NULL;
    char *buf = NULL;
    const char *data = lc->body;
    size_t len = lc->body ? strlen(lc->body) : 0;
    uclog_span base;
    int rc;

    memset(&base, 0, sizeof(base));
    base.line = 10;
    base.column = 1;
    if (lc->fixture) {
        buf = read_fixture(lc->fixture, &len); /* plain malloc, not counted */
        data = buf;
    }
    rc = uclog_ctx_new(&ctx, &tu_mem);
    if (rc == 0) {
        if (lc->which == 2) {
            uclog_errreport *r = NULL;
            rc = uclog_errreport_parse(&r, ctx, data, len, &base);
            ck_assert(rc == 0 || r == NULL);
            uclog_errreport_free(r);
        } else if (lc->which == 1) {
            uclog_prov *p = NULL;
            rc = uclog_prov_parse(&p, ctx, data, len, &base);
            ck_assert(rc == 0 || p == NULL);
            uclog_prov_free(p);
        } else {
            uclog_mras *m = NULL;
            rc = uclog_mras_parse(&m, ctx, data, len, &base);
            ck_assert(rc == 0 || m == NULL);
            uclog_mras_free(m);
        }
        if (rc == UCLOG_E_NOMEM)
            ck_assert_int_eq(uclog_ctx_errcode(ctx), UCLOG_E_NOMEM);
        uclog_ctx_free(ctx);
    }
    free(buf);
    if (rc == lc->expect)
        return 0;
    return rc;
}

static const loop_case loop_cases[] = {
    {"xml/prov-request.xml", NULL, 1, 0},
    {"xml/prov-response.xml", NULL, 1, 0},
    {"xml/prov-shapes.xml", NULL, 1, 0},
    {"xml/mras-request.xml", NULL, 0, 0},
    {"xml/mras-response.xml", NULL, 0, 0},
    {"xml/mras-two-relays.xml", NULL, 0, 0},
    {"xml/mras-forbidden.xml", NULL, 0, 0},
    {"xml/reporterror.xml", NULL, 2, 0},
    {NULL,
     "<response xmlns=\"" NS_MRAS "\" reasonPhrase=\"?\"><credentialsResponse><credentials>"
     "<duration>x</duration><duration>y</duration></credentials><mediaRelayList><mediaRelay/>"
     "<mediaRelay/><mediaRelay/><mediaRelay/><mediaRelay/></mediaRelayList>"
     "</credentialsResponse></response>",
     0, 0},
    {NULL, "<request xmlns=\"" NS_MRAS "\"><a></b></request>", 0, UCLOG_E_XML},
    {NULL, "<request xmlns=\"urn:x\"/>", 0, UCLOG_E_FORMAT},
    {NULL, billion_laughs, 0, UCLOG_E_XML},
};

START_TEST(alloc_failure_loop)
{
    tu_alloc_loop(run_case, (void *)&loop_cases[_i]);
}
END_TEST

void xml_add_errors(Suite *s)
{
    TCase *tc = tcase_create("errors");

    tcase_add_test(tc, error_malformed_position);
    tcase_add_test(tc, error_wrong_namespace);
    tcase_add_test(tc, hostile_billion_laughs);
    tcase_add_test(tc, hostile_external_entity);
    tcase_add_test(tc, hostile_deep_nesting);
    tcase_add_test(tc, hostile_too_large);
    tcase_add_test(tc, bad_arguments);
    suite_add_tcase(s, tc);

    tc = tcase_create("alloc");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, alloc_failure_loop, 0,
                        (int)(sizeof(loop_cases) / sizeof(loop_cases[0])));
    suite_add_tcase(s, tc);
}
