/* Masking for display (uclog_redact_mask_text()): the finder of secrets on a text alone, line by
 * line, as the SIP and SDP readers read it. */
#include <stdlib.h>
#include <string.h>

#include "test-redact.h"

START_TEST(mask_text_stars_secrets)
{
    const char text[] = "Proxy-Authorization: NTLM opaque=\"EB6E1210\", realm=\"SIP\", response=\"0100abcd\"\r\n"
                        "a=ice-pwd:mXJ0wWkxa9kyNIxUJrhFyQ4d\r\n"
                        "<password>/VA3PEf0</password>\n";
    const char want[] = "Proxy-Authorization: NTLM opaque=\"********\", realm=\"SIP\", response=\"********\"\r\n"
                        "a=ice-pwd:************************\r\n"
                        "<password>********</password>\n";
    char out[sizeof text];

    ck_assert_uint_eq(uclog_redact_mask_text(out, text, sizeof text - 1), 4);
    out[sizeof text - 1] = '\0';
    ck_assert_str_eq(out, want);
    /* in place */
    memcpy(out, text, sizeof text);
    ck_assert_uint_eq(uclog_redact_mask_text(out, out, sizeof text - 1), 4);
    ck_assert_str_eq(out, want);
    ck_assert_uint_eq(uclog_redact_mask_text(out, "no secret here", 14), 0);
    {
        /* a CDATA section is the element's text; a CR alone ends a line */
        char c1[] = "<password><![CDATA[se<cr>et]]></password>", c2[] = "v=0\ra=ice-pwd:abcdefgh\rt=0";

        ck_assert_uint_eq(uclog_redact_mask_text(c1, c1, strlen(c1)), 1);
        ck_assert_str_eq(c1, "<password>********************</password>");
        ck_assert_uint_eq(uclog_redact_mask_text(c2, c2, strlen(c2)), 1);
        ck_assert_str_eq(c2, "v=0\ra=ice-pwd:********\rt=0");
    }
    ck_assert_uint_eq(uclog_redact_mask_text(NULL, text, 3), 0);
}
END_TEST

/* CRs alone and folds around authentication parameters and SDP attributes: the SIP and SDP readers
 * end lines at LF, a text for people may end them at CR; no piece of a secret survives either. */
START_TEST(secrets_around_crs_alone_and_folds)
{
    static const struct {
        const char *text, *gone[2];
    } cases[] = {
        {"Authentication-Info: NTLM snum=\"8\",\r\ropaque=\"EB6E1210\"\r\n", {"EB6E1210", NULL}},
        {"Authentication-Info: NTLM snum=\"8\",\r\r\n opaque=\"EB6E1210\"\r\n", {"EB6E1210", NULL}},
        {"Authorization: NTLM realm=\"x\",\r\r\n\tgssapi-data=\"TlRMTVNTUAAB\"\r\n", {"TlRMTVNTUAAB", NULL}},
        {"Authorization: NTLM realm=\"x\"\rWWW-Authenticate: Negotiate YIIGhwYJKoZIhvcSAQICAQBu\r\n",
         {"YIIGhwYJKoZIhvcSAQICAQBu", NULL}},
        {"a=x-trace:Authorization: NTLM realm=\"x\"\ra=ice-pwd:mXJ0wWkxa9kyNIxUJrhFyQ4d\r\n",
         {"mXJ0wWkxa9kyNIxUJrhFyQ4d", NULL}},
        {"a=ice-pwd:mXJ0wWkxa9\rkyNIxUJrhFyQ4d\r\n", {"mXJ0wWkxa9", "kyNIxUJrhFyQ4d"}},
        {"Authorization: NTLM opaque=\"EB6E\r1210ABCDEFGH\"\r\n", {"EB6E", "1210ABCDEFGH"}},
        {"Authorization: NTLM realm=\"x\"\r\n WWW-Authenticate: Negotiate YIIGhwYJKoZIhvcSAQICAQBu\r\n",
         {"YIIGhwYJKoZIhvcSAQICAQBu", NULL}},
        /* text after a closing quote, before the comma: the reader's value is the whole item */
        {"Proxy-Authorization: NTLM response=\"0100abcdef99\"\r Address: 1, qop=\"auth\"\r\n",
         {"0100abcdef99", " Address: 1"}},
        {"Proxy-Authorization: NTLM opaque=abcd efgh ijkl, qop=\"auth\"\r\n", {"efgh ijkl", NULL}},
        /* a review's finds: a CR after the scheme, no scheme, a quote carried over a fold and
         * text after it, later parameters the reader takes into a malformed value, a header's
         * name quoted in an attribute line */
        {"Authorization: Digest\rnonce=\"abcdefgh\"\r\n", {"abcdefgh", NULL}},
        {"Authentication-Info: rspauth=\"0100abcdef\", srand=\"1\"\r\n", {"0100abcdef", NULL}},
        {"Authentication-Info: rspauth=abcdef12\r\n", {"abcdef12", NULL}},
        {"Authorization: Digest nonce=\"abc\r\n def\"ghijklmn, qop=auth\r\n", {"ghijklmn", NULL}},
        {"Authorization: Digest realm=x\rnonce=abc12345\r\n", {"abc12345", NULL}},
        {"Authorization: Digest realm=\"a b\" nonce=\"x1234567\"\r\n", {"x1234567", NULL}},
        {"Authorization: Digest realm=<x, nonce=\"secret12\"\r\n", {"secret12", NULL}},
        {"a=ice-pwd:mXJ0wWkxa9kyNIxUJrhFyQ4d Authorization: NTLM\r\n", {"mXJ0wWkxa9kyNIxUJrhFyQ4d", NULL}},
        /* a CR inside a draft-6 candidate's first field is the field's, as the SDP reader splits */
        {"a=candidate:elRO2SdL1Y2t\r6WjcDzcz4aV8 1 0VOOAdm3Pye63sPHZvIzrBQ UDP 0.490 192.168.1.7 52545\r\n",
         {"0VOOAdm3Pye63sPHZvIzrBQ", NULL}},
    };
    size_t i, k;

    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        char buf[256];
        size_t n = strlen(cases[i].text);

        memcpy(buf, cases[i].text, n + 1);
        ck_assert_msg(uclog_redact_mask_text(buf, buf, n) >= 1, "case %zu: nothing masked", i);
        for (k = 0; k < 2 && cases[i].gone[k]; k++)
            ck_assert_msg(strstr(buf, cases[i].gone[k]) == NULL, "case %zu: %s survived in %s", i,
                          cases[i].gone[k], buf);
    }
}
END_TEST

/* A fold between a secret parameter's name and its value, or after a scheme alone on its line:
 * the SIP reader joins the folded lines into one value (uclog_sip_auth_param() finds the
 * parameter), so the value is a secret; the line ends and the indentation stay. An indented
 * `name:` line is a header of its own to the reader, and a blank line ends the headers. */
START_TEST(secrets_a_fold_cuts_from_their_names)
{
    static const struct {
        const char *text, *masked;
        uint32_t count;
    } cases[] = {
        {"Authorization: NTLM qop=\"auth\", response=\r\n \"0100000000000000bfb8bea5f1377568\"\r\n",
         "Authorization: NTLM qop=\"auth\", response=\r\n \"********************************\"\r\n", 1},
        /* the parameter first after the scheme: not a token with its padding (a review's find) */
        {"Authorization: NTLM response=\r\n \"0100000000000000bfb8bea5f1377568\"\r\n",
         "Authorization: NTLM response=\r\n \"********************************\"\r\n", 1},
        {"Proxy-Authorization: Negotiate\r\n YIIGhwYJKoZIhvcSAQICAQBuggZ2MIIGcqADAgEF\r\n",
         "Proxy-Authorization: Negotiate\r\n ****************************************\r\n", 1},
        {"Proxy-Authorization: Negotiate\r\n\tYIIGhwYJKoZIhvcS\r\n AQICAQBuggZ2MIIGcqADAgEF==\r\n",
         "Proxy-Authorization: Negotiate\r\n\t****************\r\n **************************\r\n", 1},
        {"Authorization: Digest username=\"bob\", response\r\n =\"6629fae49393a05397450978507c4ef1\"\r\n",
         "Authorization: Digest username=\"bob\", response\r\n =\"********************************\"\r\n", 1},
        {"Authorization: NTLM opaque=abcd1234\r\n efgh5678, qop=auth\r\n",
         "Authorization: NTLM opaque=********\r\n ********, qop=auth\r\n", 1},
        {"WWW-Authenticate: NTLM realm=\"SIP Communications Service\", opaque=\r\n\t\"EB6E1210\", gssapi-data=\r\n"
         " \"TlRMTVNTUAACAAAAAAAAADgAAAA\"\r\n",
         "WWW-Authenticate: NTLM realm=\"SIP Communications Service\", opaque=\r\n\t\"********\", gssapi-data=\r\n"
         " \"***************************\"\r\n", 2},
        /* a second scheme in the value: the reader's item is `Kerberos gssapi-data=...`, a
         * person's parameter is gssapi-data (a review's find: found on one line, not over a fold) */
        {"WWW-Authenticate: NTLM realm=\"x\", Kerberos gssapi-data=\r\n \"YIIGhwYJKoZIhvcS\"\r\n",
         "WWW-Authenticate: NTLM realm=\"x\", Kerberos gssapi-data=\r\n \"****************\"\r\n", 1},
        /* not folds: an indented header of its own, a value after the headers' blank line */
        {"Authorization: NTLM qop=\"auth\", response=\r\n X-Note: abcdefgh12\r\n",
         "Authorization: NTLM qop=\"auth\", response=\r\n X-Note: abcdefgh12\r\n", 0},
        {"Authorization: NTLM qop=\"auth\", response=\r\n\r\n abcdefgh12\r\n",
         "Authorization: NTLM qop=\"auth\", response=\r\n\r\n abcdefgh12\r\n", 0},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        char buf[256];
        size_t n = strlen(cases[i].text);
        uint32_t got;

        memcpy(buf, cases[i].text, n + 1);
        got = uclog_redact_mask_text(buf, buf, n);
        ck_assert_msg(got == cases[i].count, "case %zu: count %u: %s", i, (unsigned)got, buf);
        ck_assert_msg(strcmp(buf, cases[i].masked) == 0, "case %zu: %s", i, buf);
    }
}
END_TEST

/* A line that a CR alone cuts into 60 000 pieces, each naming a header: the header's folded
 * lines are followed from LF lines only, else each piece read to the line's end again (133 s
 * here before; the test's timeout stands for the bound, no clock is read). */
START_TEST(crs_alone_before_many_headers_cost_linear_time)
{
    static const char piece[] = "Authorization: NTLM opaque=abcdefgh1,\r";
    size_t m = sizeof piece - 1, n = 60000 * m + 2, i;
    char *buf = malloc(n);

    ck_assert_ptr_nonnull(buf);
    for (i = 0; i < 60000; i++)
        memcpy(buf + i * m, piece, m);
    memcpy(buf + n - 2, "\r\n", 2);
    ck_assert_uint_eq(uclog_redact_mask_text(buf, buf, n), 60000);
    for (i = 0; i < 60000; i++)
        ck_assert(memcmp(buf + i * m, "Authorization: NTLM opaque=*********,\r", m) == 0);
    free(buf);
}
END_TEST

void redact_add_mask(Suite *s)
{
    TCase *tc = tcase_create("mask");

    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, mask_text_stars_secrets);
    tcase_add_test(tc, secrets_around_crs_alone_and_folds);
    tcase_add_test(tc, secrets_a_fold_cuts_from_their_names);
    tcase_add_test(tc, crs_alone_before_many_headers_cost_linear_time);
    suite_add_tcase(s, tc);
}
