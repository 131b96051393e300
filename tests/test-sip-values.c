/* The SIP suite, value parsers: the calls that split a header's value once it is found. */
#include "sip-fixtures.h"

#include <stdint.h>
#include <string.h>

START_TEST(value_parsers)
{
    uclog_str a, b, c, rest, item;
    uint16_t port;
    uint64_t n;
    uclog_str nul = {NULL, 0};

    /* Parameters. */
    ck_assert_int_eq(uclog_sip_param(&a, sv("<sip:a;tag=in>;tag=out ; X = \"q;\\\"v\" ;f"), "tag"), 0);
    ck_assert_str_view(a, "out");
    ck_assert_int_eq(uclog_sip_param(&a, sv("<sip:a;tag=in>;tag=out ; X = \"q;\\\"v\" ;f"), "x"), 0);
    ck_assert_str_view(a, "q;\\\"v");
    ck_assert_int_eq(uclog_sip_param(&a, sv("<sip:a;tag=in>;tag=out ; X = \"q;\\\"v\" ;f"), "F"), 0);
    ck_assert_uint_eq(a.len, 0);
    ck_assert_ptr_nonnull(a.ptr);
    ck_assert_int_eq(uclog_sip_param(&a, sv("a;x=1, b;y=2"), "y"), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_sip_param(&a, sv(";x=\"unterminated"), "x"), 0);
    ck_assert_str_view(a, "unterminated");
    ck_assert_int_eq(uclog_sip_param(&a, nul, "x"), UCLOG_E_NOT_FOUND);
    ck_assert_int_eq(uclog_sip_param(&a, sv(";;=;x"), "x"), 0);

    /* Lists. */
    rest = sv(" a , \"b,c\" ,<d,e>;p=1,, ");
    ck_assert_int_eq(uclog_sip_list_next(&item, &rest), 0);
    ck_assert_str_view(item, "a");
    ck_assert_int_eq(uclog_sip_list_next(&item, &rest), 0);
    ck_assert_str_view(item, "\"b,c\"");
    ck_assert_int_eq(uclog_sip_list_next(&item, &rest), 0);
    ck_assert_str_view(item, "<d,e>;p=1");
    ck_assert_int_eq(uclog_sip_list_next(&item, &rest), 0);
    ck_assert_uint_eq(item.len, 0);
    ck_assert_int_eq(uclog_sip_list_next(&item, &rest), UCLOG_DONE);
    ck_assert_int_eq(uclog_sip_list_next(&item, &rest), UCLOG_DONE);

    /* Numbers. */
    ck_assert_int_eq(uclog_sip_parse_u64(&n, sv(" 18446744073709551615 ")), 0);
    ck_assert_uint_eq(n, UINT64_MAX);
    ck_assert_int_eq(uclog_sip_parse_u64(&n, sv("18446744073709551616")), UCLOG_E_FORMAT);
    ck_assert_int_eq(uclog_sip_parse_u64(&n, sv("0xFFFFFFFFFFFFFFFF")), 0);
    ck_assert_int_eq(uclog_sip_parse_u64(&n, sv("0x10000000000000000")), UCLOG_E_FORMAT);
    ck_assert_int_eq(uclog_sip_parse_u64(&n, sv("0x")), UCLOG_E_FORMAT);
    ck_assert_int_eq(uclog_sip_parse_u64(&n, sv("")), UCLOG_E_FORMAT);
    ck_assert_int_eq(uclog_sip_parse_u64(&n, sv("-1")), UCLOG_E_FORMAT);

    /* Addresses. */
    ck_assert_int_eq(uclog_sip_name_addr_parse(&a, &b, &c, sv("  Bob <sip:bob@x>  ")), 0);
    ck_assert_str_view(a, "Bob");
    ck_assert_str_view(b, "sip:bob@x");
    ck_assert_uint_eq(c.len, 0);
    ck_assert_int_eq(uclog_sip_name_addr_parse(&a, &b, &c, sv("sip:bob@x;tag=7")), 0);
    ck_assert_ptr_null(a.ptr);
    ck_assert_str_view(b, "sip:bob@x");
    ck_assert_str_view(c, ";tag=7");
    ck_assert_int_eq(uclog_sip_name_addr_parse(&a, &b, &c, sv("\"a <b>\" <sip:c>")), 0);
    ck_assert_str_view(a, "a <b>");
    ck_assert_str_view(b, "sip:c");
    ck_assert_int_eq(uclog_sip_name_addr_parse(&a, &b, &c, sv("<sip:c")), UCLOG_E_FORMAT);
    ck_assert_int_eq(uclog_sip_name_addr_parse(&a, &b, &c, sv("  ")), UCLOG_E_FORMAT);

    /* Via entries. */
    ck_assert_int_eq(uclog_sip_via_entry_parse(&a, &b, &port, &c, sv("SIP/2.0/TCP h:99999")), UCLOG_E_FORMAT);
    ck_assert_int_eq(uclog_sip_via_entry_parse(&a, &b, &port, &c, sv("SIP/2.0/TCP")), UCLOG_E_FORMAT);
    ck_assert_int_eq(uclog_sip_via_entry_parse(&a, &b, &port, &c, sv("nonsense h:1")), UCLOG_E_FORMAT);
    ck_assert_int_eq(uclog_sip_via_entry_parse(&a, &b, &port, &c, sv("SIP/2.0/UDP [::1]")), 0);
    ck_assert_str_view(b, "::1");
    ck_assert_uint_eq(port, 0);
    ck_assert_int_eq(uclog_sip_via_entry_parse(&a, &b, &port, &c, sv("SIP/2.0/UDP [::1")), UCLOG_E_FORMAT);
    ck_assert_int_eq(uclog_sip_via_entry_parse(&a, &b, &port, &c, sv("SIP/2.0/UDP h: ;x")), UCLOG_E_FORMAT);

    /* Content types. */
    ck_assert_int_eq(uclog_sip_content_type_parse(&a, &b, &c, sv("text / plain ;q=1")), 0);
    ck_assert_str_view(a, "text");
    ck_assert_str_view(b, "plain");
    ck_assert_str_view(c, ";q=1");
    ck_assert_int_eq(uclog_sip_content_type_parse(&a, &b, &c, sv("text;a/b")), UCLOG_E_FORMAT);

    /* Authentication. */
    ck_assert_int_eq(uclog_sip_auth_parse(&a, &b, sv("Kerberos realm=\"SIP Communications Service\", "
                                                     "targetname=\"sip/fe.x.com\", version=3")), 0);
    ck_assert_str_view(a, "Kerberos");
    ck_assert_int_eq(uclog_sip_auth_param(&c, b, "version"), 0);
    ck_assert_str_view(c, "3");
    ck_assert_int_eq(uclog_sip_auth_param(&c, b, "targetname"), 0);
    ck_assert_str_view(c, "sip/fe.x.com");
    ck_assert_int_eq(uclog_sip_auth_parse(&a, &b, sv("nextnonce=\"x\", qop = auth")), 0);
    ck_assert_ptr_null(a.ptr);
    ck_assert_int_eq(uclog_sip_auth_param(&c, b, "qop"), 0);
    ck_assert_str_view(c, "auth");
    ck_assert_int_eq(uclog_sip_auth_param(&c, b, "nextnonce"), 0);
    ck_assert_str_view(c, "x");
    ck_assert_int_eq(uclog_sip_auth_parse(&a, &b, sv("")), UCLOG_E_FORMAT);
}
END_TEST

void sip_add_values(Suite *s)
{
    TCase *values = tcase_create("values");

    tcase_add_test(values, value_parsers);
    suite_add_tcase(s, values);
}
