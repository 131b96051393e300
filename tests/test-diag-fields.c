/* The fields of an evidence item's subject: a media relay, an SDP candidate, a diagnostics entry. */
#include <stdio.h>
#include <string.h>

#include <uclog/diag.h>

#include "testutil.h"

typedef struct {
    uclog_ctx *ctx;
    uclog_log *log;
    uclog_diag_report *rep;
} diag;

static void run1(diag *d, const char *name)
{
    d->ctx = tu_ctx();
    ck_assert_int_eq(uclog_log_open_file(&d->log, d->ctx, tu_data(name)), 0);
    ck_assert_int_eq(uclog_diag_run(&d->rep, d->log, NULL), 0);
}

static void done(diag *d)
{
    uclog_diag_report_free(d->rep);
    uclog_log_free(d->log);
    uclog_ctx_free(d->ctx);
    ck_assert_int_eq(tu_live, 0);
}

/* Evidence item i of verdict v, which has the code given. */
static const uclog_diag_evidence *item(const diag *d, uint32_t v, int32_t code, uint32_t i)
{
    const uclog_diag_verdict *verdict = uclog_diag_report_verdict(d->rep, v);
    ck_assert_int_eq(uclog_diag_verdict_code(verdict), code);
    return uclog_diag_verdict_evidence(verdict, i);
}

/* The item's fields as "name=text name=#number …". */
static const char *fields(const uclog_diag_evidence *e)
{
    static char buf[1024];
    const char *name, *text;
    int64_t number;
    size_t len = 0;
    uint32_t i;

    buf[0] = '\0';
    for (i = 0; i < uclog_diag_evidence_field_count(e); i++) {
        ck_assert_int_eq(uclog_diag_evidence_field(&name, &text, &number, e, i), 0);
        if (text) {
            ck_assert_int_eq(number, 0);
            len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s=%s", i ? " " : "", name, text);
        } else {
            len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s=#%lld", i ? " " : "", name,
                                    (long long)number);
        }
    }
    return buf;
}

START_TEST(relay_fields)
{
    diag d = {0};
    const uclog_diag_evidence *e;

    run1(&d, "seed.uccapilog");
    e = item(&d, 0, UCLOG_DIAG_MRAS_OK, 5);
    ck_assert_str_eq(uclog_diag_evidence_detail(e),
                     "media relay (internet): hostName avedge.litwareinc.com, UDP port 3478, TCP port 443");
    ck_assert_str_eq(uclog_diag_evidence_subject(e), "relay");
    ck_assert_uint_eq(uclog_diag_evidence_field_count(e), 5);
    ck_assert_str_eq(fields(e), "location=internet host=avedge.litwareinc.com host_element=hostName "
                                "udp_port=#3478 tcp_port=#443");
    /* the relay whose address decides an undecided candidate: its host */
    e = item(&d, 1, UCLOG_DIAG_EDGE_CANDIDATE_UNDECIDED, 9);
    ck_assert_str_eq(uclog_diag_evidence_subject(e), "relay");
    ck_assert_str_eq(fields(e), "host=avedge.litwareinc.com");
    done(&d);
}
END_TEST

START_TEST(candidate_fields)
{
    diag d = {0};
    const uclog_diag_evidence *e;

    run1(&d, "seed.uccapilog");
    e = item(&d, 1, UCLOG_DIAG_EDGE_CANDIDATE_UNDECIDED, 3);
    ck_assert_str_eq(uclog_diag_evidence_subject(e), "candidate");
    ck_assert_str_eq(fields(e), "attribute=candidate form=draft-6 username=JQc3UONarZ7lwyGXr//s7EmOnl6F6Z80uMeNZ4qDU5E "
                                "component=#1 transport=TCP qvalue=0.190 address=192.168.1.7 address_class=private "
                                "port=#50746 party=client placed=undecided certainty=inferred");
    e = item(&d, 1, UCLOG_DIAG_EDGE_CANDIDATE_UNDECIDED, 1);
    ck_assert_str_eq(fields(e), "attribute=candidate form=draft-6 username=UOBdojwDkC1fPKrOEjaKI+g2VKcU8xLZDC0YmZdrsNk "
                                "component=#1 transport=UDP qvalue=0.830 address=192.168.1.10 address_class=private "
                                "port=#50000 party=client placed=client certainty=certain");
    /* the offer's start line: only its detail */
    e = item(&d, 1, UCLOG_DIAG_EDGE_CANDIDATE_UNDECIDED, 0);
    ck_assert_ptr_null(uclog_diag_evidence_subject(e));
    ck_assert_uint_eq(uclog_diag_evidence_field_count(e), 0);
    done(&d);
}
END_TEST

START_TEST(ms_diagnostics_fields)
{
    diag d = {0};
    const uclog_diag_evidence *e;

    run1(&d, "diag/call-rejected.uccapilog");
    e = item(&d, 2, UCLOG_DIAG_CALL_REJECTED, 1);
    ck_assert_str_eq(uclog_diag_evidence_subject(e), "ms_diagnostics");
    ck_assert_str_eq(fields(e), "header=ms-diagnostics code=#4005 reason=Destination URI either not enabled for "
                                "SIP or does not exist source=pool01.litwareinc.com");
    done(&d);
}
END_TEST

/* uclog_diag_evidence_info_get() gives what the getters give, for every
 * item of every verdict. */
static void info_matches(const char *name)
{
    diag d = {0};
    uint32_t v, i, checked = 0;

    run1(&d, name);
    for (v = 0; v < uclog_diag_report_verdict_count(d.rep); v++) {
        const uclog_diag_verdict *verdict = uclog_diag_report_verdict(d.rep, v);
        for (i = 0; i < uclog_diag_verdict_evidence_count(verdict); i++) {
            const uclog_diag_evidence *e = uclog_diag_verdict_evidence(verdict, i);
            uclog_diag_evidence_info info;
            uclog_span sp;
            uclog_timestamp ts;
            uint32_t code, kind;
            char joined[1024];
            const char *p;
            size_t len = 0;
            uint32_t k;

            ck_assert_int_eq(uclog_diag_evidence_info_get(&info, e, sizeof(info)), 0);
            uclog_diag_evidence_span(&sp, e);
            ck_assert_int_eq(memcmp(&info.span, &sp, sizeof(sp)), 0);
            ck_assert_uint_eq(info.has_time, uclog_diag_evidence_time(&ts, e) == 0);
            if (info.has_time)
                ck_assert_int_eq(info.time.epoch_ms, ts.epoch_ms);
            ck_assert_ptr_eq(info.file, uclog_diag_evidence_file(e));
            ck_assert_ptr_eq(info.call_id, uclog_diag_evidence_call_id(e));
            ck_assert_str_eq(info.detail, uclog_diag_evidence_detail(e));
            ck_assert_ptr_eq(info.subject, uclog_diag_evidence_subject(e));
            if (uclog_diag_evidence_ms_code(&code, &kind, e) == 0)
                ck_assert(info.ms_code == code && info.ms_kind == kind);
            else
                ck_assert_uint_eq(info.ms_kind, 0);
            ck_assert_uint_eq(info.field_count, uclog_diag_evidence_field_count(e));
            /* the block, read as the header says, is the fields of fields() */
            joined[0] = '\0';
            for (p = info.fields, k = 0; k < info.field_count; k++) {
                const char *val = p + strlen(p) + 1;
                len += (size_t)snprintf(joined + len, sizeof(joined) - len, "%s%s=%s%s", k ? " " : "", p,
                                        *val == 'n' ? "#" : "", val + 1);
                p = val + strlen(val) + 1;
            }
            ck_assert_uint_eq(info.fields ? (uint64_t)(p - info.fields) : 0, info.fields_length);
            ck_assert_str_eq(joined, fields(e));
            checked++;
        }
    }
    ck_assert_uint_gt(checked, 2);
    done(&d);
}

START_TEST(evidence_info)
{
    diag d = {0};
    const uclog_diag_evidence *e;
    uclog_diag_evidence_info info[2];

    info_matches("seed.uccapilog");
    info_matches("diag/call-rejected.uccapilog");
    run1(&d, "seed.uccapilog");
    e = item(&d, 0, UCLOG_DIAG_MRAS_OK, 5);
    ck_assert_int_eq(uclog_diag_evidence_info_get(&info[0], e, sizeof(info[0])), 0);
    ck_assert_str_eq(info[0].subject, "relay");
    ck_assert_uint_eq(info[0].field_count, 5);
    ck_assert_int_eq(memcmp(info[0].fields, "location\0tinternet\0host\0", 24), 0);
    ck_assert_uint_eq(info[0].has_time, 1);
    ck_assert_int_eq(uclog_diag_evidence_info_get(&info[0], e, sizeof(info[0]) - 8), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_evidence_info_get(&info[0], NULL, sizeof(info[0])), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_evidence_info_get(NULL, e, sizeof(info[0])), UCLOG_E_INVALID_ARG);
    /* a caller built against a later, larger struct: the tail is left alone */
    memset(&info[1], 0x5a, sizeof(info[1]));
    ck_assert_int_eq(uclog_diag_evidence_info_get(&info[0], e, 2 * sizeof(info[0])), 0);
    ck_assert_uint_eq(((unsigned char *)&info[1])[0], 0x5a);
    done(&d);
}
END_TEST

START_TEST(field_arguments)
{
    diag d = {0};
    const uclog_diag_evidence *e;
    const char *name = "x", *text = "x";
    int64_t number = 7;

    run1(&d, "seed.uccapilog");
    e = item(&d, 0, UCLOG_DIAG_MRAS_OK, 5);
    ck_assert_int_eq(uclog_diag_evidence_field(&name, &text, &number, e, 5), UCLOG_E_RANGE);
    ck_assert_int_eq(uclog_diag_evidence_field(&name, &text, &number, NULL, 0), UCLOG_E_INVALID_ARG);
    ck_assert_str_eq(name, "x");
    /* every out-parameter is optional */
    ck_assert_int_eq(uclog_diag_evidence_field(NULL, NULL, &number, e, 4), 0);
    ck_assert_int_eq(number, 443);
    ck_assert_int_eq(uclog_diag_evidence_field(&name, NULL, NULL, e, 1), 0);
    ck_assert_str_eq(name, "host");
    ck_assert_ptr_null(uclog_diag_evidence_subject(NULL));
    ck_assert_uint_eq(uclog_diag_evidence_field_count(NULL), 0);
    done(&d);
}
END_TEST

Suite *tu_suite(void)
{
    Suite *s = suite_create("diag-fields");
    TCase *tc = tcase_create("fields");
    tcase_add_test(tc, relay_fields);
    tcase_add_test(tc, candidate_fields);
    tcase_add_test(tc, ms_diagnostics_fields);
    tcase_add_test(tc, evidence_info);
    tcase_add_test(tc, field_arguments);
    suite_add_tcase(s, tc);
    return s;
}
