/*
 * Fuzz target: one buffer as an MRAS body, a provisioning body and an error
 * report, each walked through every accessor, with default limits, tiny
 * limits and a failing allocator.
 */
#include "fuzz.h"

static void check_rc(int rc, const void *obj)
{
    fz_status(rc);
    FZ_CHECK((rc == 0) == (obj != NULL));
    FZ_CHECK(rc == 0 || rc == UCLOG_E_XML || rc == UCLOG_E_LIMIT || rc == UCLOG_E_FORMAT ||
             rc == UCLOG_E_NOMEM);
}

static void defects(uint32_t n, int (*get)(uclog_defect *, const void *, uint32_t), const void *obj)
{
    uclog_defect d;
    uint32_t i;

    for (i = 0; i < n; i++) {
        FZ_CHECK(get(&d, obj, i) == 0);
        fz_defect(&d);
    }
    FZ_CHECK(get(&d, obj, n) == UCLOG_E_RANGE);
}

static int mras_defect(uclog_defect *d, const void *o, uint32_t i)
{
    return uclog_mras_defect(d, o, i);
}

static int prov_defect(uclog_defect *d, const void *o, uint32_t i)
{
    return uclog_prov_defect(d, o, i);
}

static int errreport_defect(uclog_defect *d, const void *o, uint32_t i)
{
    return uclog_errreport_defect(d, o, i);
}

static void walk_mras(const uclog_mras *m)
{
    uclog_str s;
    uclog_span sp;
    uint32_t i, j, n, k, u32;
    uint16_t port;
    int rc;

    FZ_CHECK(uclog_mras_kind(m) == UCLOG_MRAS_REQUEST || uclog_mras_kind(m) == UCLOG_MRAS_RESPONSE);
    uclog_mras_span(&sp, m), fz_span(&sp);
    if (uclog_mras_request_id(&s, m) == 0)
        fz_str(s);
    if (uclog_mras_version(&s, m) == 0)
        fz_str(s);
    if (uclog_mras_server_version(&s, m) == 0)
        fz_str(s);
    if (uclog_mras_to(&s, m) == 0)
        fz_str(s);
    if (uclog_mras_from(&s, m) == 0)
        fz_str(s);
    if (uclog_mras_route(&s, m) == 0)
        fz_str(s);
    if (uclog_mras_reason_phrase(&s, m) == 0)
        fz_str(s);
    FZ_CHECK(uclog_mras_reason_name(uclog_mras_reason(m)) != NULL);
    defects(uclog_mras_defect_count(m), mras_defect, m);
    n = uclog_mras_credreq_count(m);
    for (i = 0; i < n; i++) {
        const uclog_mras_credreq *r;
        FZ_CHECK(uclog_mras_credreq_get(&r, m, i) == 0);
        if (uclog_mras_credreq_id(&s, r) == 0)
            fz_str(s);
        if (uclog_mras_credreq_identity(&s, r) == 0)
            fz_str(s);
        if (uclog_mras_credreq_location(&s, r) == 0)
            fz_str(s);
        rc = uclog_mras_credreq_duration(&u32, r);
        fz_status(rc);
        uclog_mras_credreq_span(&sp, r), fz_span(&sp);
    }
    n = uclog_mras_credresp_count(m);
    for (i = 0; i < n; i++) {
        const uclog_mras_credresp *r;
        FZ_CHECK(uclog_mras_credresp_get(&r, m, i) == 0);
        if (uclog_mras_credresp_id(&s, r) == 0)
            fz_str(s);
        if (uclog_mras_credresp_username(&s, r) == 0)
            fz_str(s);
        if (uclog_mras_credresp_password(&s, r) == 0)
            fz_str(s);
        if (uclog_mras_credresp_realm(&s, r) == 0)
            fz_str(s);
        fz_status(uclog_mras_credresp_duration(&u32, r));
        uclog_mras_credresp_span(&sp, r), fz_span(&sp);
        k = uclog_mras_relay_count(r);
        for (j = 0; j < k; j++) {
            const uclog_mras_relay *rl;
            FZ_CHECK(uclog_mras_relay_get(&rl, r, j) == 0);
            if (uclog_mras_relay_location(&s, rl) == 0)
                fz_str(s);
            fz_sink += (unsigned)uclog_mras_relay_host_kind(rl);
            if (uclog_mras_relay_host(&s, &sp, rl) == 0) {
                fz_str(s), fz_span(&sp);
                fz_addr(s, (uclog_str){NULL, 0});
            }
            fz_status(uclog_mras_relay_udp_port(&port, rl));
            fz_status(uclog_mras_relay_tcp_port(&port, rl));
            uclog_mras_relay_span(&sp, rl), fz_span(&sp);
        }
    }
}

static void walk_prov(const uclog_prov *p)
{
    uclog_str a, b;
    uclog_span sp;
    uint32_t i, j, n, k;

    FZ_CHECK(uclog_prov_kind(p) == UCLOG_PROV_REQUEST || uclog_prov_kind(p) == UCLOG_PROV_RESPONSE);
    uclog_prov_span(&sp, p), fz_span(&sp);
    n = uclog_prov_group_count(p);
    for (i = 0; i < n; i++) {
        const uclog_prov_group *g, *g2;
        FZ_CHECK(uclog_prov_group_get(&g, p, i) == 0);
        if (uclog_prov_group_name(&a, g) == 0) {
            char name[64];
            fz_str(a);
            if (a.len < sizeof(name) && !memchr(a.ptr, 0, a.len)) {
                memcpy(name, a.ptr, a.len);
                name[a.len] = '\0';
                FZ_CHECK(uclog_prov_group_find(&g2, p, name) == 0);
                if (uclog_prov_lookup(&b, &sp, p, name, "mrasUri") == 0)
                    fz_str(b);
            }
        }
        uclog_prov_group_span(&sp, g), fz_span(&sp);
        fz_sink += (unsigned)uclog_prov_group_shape(g);
        k = uclog_prov_key_count(g);
        for (j = 0; j < k; j++) {
            FZ_CHECK(uclog_prov_key(&a, &b, &sp, g, j) == 0);
            fz_str(a), fz_str(b), fz_span(&sp);
        }
        FZ_CHECK(uclog_prov_key(&a, &b, &sp, g, k) == UCLOG_E_RANGE);
        if (uclog_prov_group_lookup(&a, &sp, g, "mrasUri") == 0)
            fz_str(a);
    }
    defects(uclog_prov_defect_count(p), prov_defect, p);
}

static void walk_errreport(const uclog_errreport *r)
{
    static const char *const attrs[] = {"toUri", "callId", "fromTag", "toTag", "contentType",
                                        "responseCode", "requestType"};
    uclog_str s;
    uclog_span sp;
    uint32_t i, j, n, k, u32;

    uclog_errreport_span(&sp, r), fz_span(&sp);
    n = uclog_errreport_error_count(r);
    for (i = 0; i < n; i++) {
        const uclog_errreport_error *e;
        FZ_CHECK(uclog_errreport_error_get(&e, r, i) == 0);
        for (j = 0; j < sizeof(attrs) / sizeof(attrs[0]); j++)
            if (uclog_errreport_error_attr(&s, e, attrs[j]) == 0)
                fz_str(s);
        fz_status(uclog_errreport_error_response_code(&u32, e));
        uclog_errreport_error_span(&sp, e), fz_span(&sp);
        k = uclog_errreport_diag_count(e);
        for (j = 0; j < k; j++) {
            FZ_CHECK(uclog_errreport_diag_get(&s, &sp, e, j) == 0);
            fz_str(s), fz_span(&sp);
        }
        k = uclog_errreport_progress_count(e);
        for (j = 0; j < k; j++) {
            FZ_CHECK(uclog_errreport_progress_get(&s, &sp, e, j) == 0);
            fz_str(s), fz_span(&sp);
        }
    }
    defects(uclog_errreport_defect_count(r), errreport_defect, r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = size ? (const char *)data : NULL;
    uclog_span base = {500, 0, 20, 9, 0, 0};
    int cfg;

    for (cfg = 0; cfg < 3; cfg++) {
        uclog_ctx *ctx = fz_ctx(cfg, data, size);
        uclog_mras *m = NULL;
        uclog_prov *pv = NULL;
        uclog_errreport *r = NULL;
        int rc;

        rc = uclog_mras_parse(&m, ctx, p, size, cfg == 1 ? &base : NULL);
        check_rc(rc, m);
        if (m)
            walk_mras(m);
        uclog_mras_free(m);
        rc = uclog_prov_parse(&pv, ctx, p, size, cfg == 0 ? &base : NULL);
        check_rc(rc, pv);
        if (pv)
            walk_prov(pv);
        {
            /* Stopping after a group reads a prefix: it succeeds whenever the
             * whole parse does, and what it finds the whole parse finds too. */
            uclog_prov *pu = NULL;
            uclog_str u, w;
            int urc = uclog_prov_parse_until(&pu, ctx, p, size, cfg == 0 ? &base : NULL, "ServerConfiguration");
            check_rc(urc, pu);
            if (pu)
                walk_prov(pu);
            if (pv && urc != UCLOG_E_NOMEM) {
                FZ_CHECK(urc == 0);
                FZ_CHECK(uclog_prov_group_count(pu) <= uclog_prov_group_count(pv));
                FZ_CHECK(uclog_prov_kind(pu) == uclog_prov_kind(pv));
                if (uclog_prov_lookup(&u, NULL, pu, "ServerConfiguration", "mrasUri") == 0) {
                    FZ_CHECK(uclog_prov_lookup(&w, NULL, pv, "ServerConfiguration", "mrasUri") == 0);
                    FZ_CHECK(u.len == w.len && memcmp(u.ptr, w.ptr, u.len) == 0);
                }
            }
            uclog_prov_free(pu);
        }
        uclog_prov_free(pv);
        rc = uclog_errreport_parse(&r, ctx, p, size, NULL);
        check_rc(rc, r);
        if (r)
            walk_errreport(r);
        uclog_errreport_free(r);
        fz_ctx_free(ctx);
    }
    return 0;
}
