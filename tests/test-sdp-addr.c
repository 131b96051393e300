/* The sdp suite, address helpers: an address's family and class, and two addresses compared. */
#include "sdp-fixtures.h"

#include <string.h>

#define FAM(s) uclog_addr_family((s), strlen(s))
#define CLS(s) uclog_addr_class((s), strlen(s))
#define EQ(a, b) uclog_addr_equal((a), strlen(a), (b), strlen(b))

START_TEST(addr_family)
{
    uint8_t b[16];
    int32_t fam = 0;

    ck_assert_int_eq(FAM("192.168.1.10"), UCLOG_ADDR_IPV4);
    ck_assert_int_eq(FAM("255.255.255.255"), UCLOG_ADDR_IPV4);
    ck_assert_int_eq(FAM("256.1.1.1"), UCLOG_ADDR_INVALID);
    ck_assert_int_eq(FAM("1.2.3"), UCLOG_ADDR_INVALID);
    ck_assert_int_eq(FAM("1.2.3.4.5"), UCLOG_ADDR_INVALID);
    ck_assert_int_eq(FAM("1.2.3.4 "), UCLOG_ADDR_INVALID);
    ck_assert_int_eq(FAM("1..3.4"), UCLOG_ADDR_INVALID);
    ck_assert_int_eq(FAM("0001.2.3.4"), UCLOG_ADDR_INVALID);
    ck_assert_int_eq(FAM("2001:0:5ef5:79fb::7cf9"), UCLOG_ADDR_IPV6);
    ck_assert_int_eq(FAM("::"), UCLOG_ADDR_IPV6);
    ck_assert_int_eq(FAM("::1"), UCLOG_ADDR_IPV6);
    ck_assert_int_eq(FAM("1::"), UCLOG_ADDR_IPV6);
    ck_assert_int_eq(FAM("fe80::1%12"), UCLOG_ADDR_IPV6);
    ck_assert_int_eq(FAM("fe80::1%"), UCLOG_ADDR_INVALID);
    ck_assert_int_eq(FAM("::ffff:192.0.2.1"), UCLOG_ADDR_IPV6);
    ck_assert_int_eq(FAM("1:2:3:4:5:6:1.2.3.4"), UCLOG_ADDR_IPV6);
    ck_assert_int_eq(FAM("1:2:3:4:5:6:7:1.2.3.4"), UCLOG_ADDR_INVALID);
    ck_assert_int_eq(FAM("1:2:3:4:5:6:7:8"), UCLOG_ADDR_IPV6);
    ck_assert_int_eq(FAM("1:2:3:4:5:6:7:8:9"), UCLOG_ADDR_INVALID);
    ck_assert_int_eq(FAM("1:2:3:4::5:6:7:8"), UCLOG_ADDR_INVALID);
    ck_assert_int_eq(FAM("1::2::3"), UCLOG_ADDR_INVALID);
    ck_assert_int_eq(FAM(":1::2"), UCLOG_ADDR_INVALID);
    ck_assert_int_eq(FAM("1::2:"), UCLOG_ADDR_INVALID);
    ck_assert_int_eq(FAM("12345::"), UCLOG_ADDR_INVALID);
    ck_assert_int_eq(FAM("g::1"), UCLOG_ADDR_INVALID);
    ck_assert_int_eq(FAM("avedge.litwareinc.com"), UCLOG_ADDR_HOSTNAME);
    ck_assert_int_eq(FAM("avedge.litwareinc.com."), UCLOG_ADDR_HOSTNAME);
    ck_assert_int_eq(FAM("OCS-FE"), UCLOG_ADDR_HOSTNAME);
    ck_assert_int_eq(FAM("999.1.1.1"), UCLOG_ADDR_INVALID);
    ck_assert_int_eq(FAM("a..b"), UCLOG_ADDR_INVALID);
    ck_assert_int_eq(FAM("a b"), UCLOG_ADDR_INVALID);
    ck_assert_int_eq(FAM(""), UCLOG_ADDR_INVALID);
    ck_assert_int_eq(uclog_addr_family(NULL, 3), UCLOG_ADDR_INVALID);
    /* a view: the text after len is not read */
    ck_assert_int_eq(uclog_addr_family("10.0.0.1999", 8), UCLOG_ADDR_IPV4);

    ck_assert_int_eq(uclog_addr_to_bytes(b, &fam, "2001:0:5ef5:79fb::7cf9", 22), 0);
    ck_assert_int_eq(fam, UCLOG_ADDR_IPV6);
    ck_assert_uint_eq(b[0], 0x20);
    ck_assert_uint_eq(b[1], 0x01);
    ck_assert_uint_eq(b[6], 0x79);
    ck_assert_uint_eq(b[7], 0xfb);
    ck_assert_uint_eq(b[14], 0x7c);
    ck_assert_uint_eq(b[15], 0xf9);
    ck_assert_int_eq(uclog_addr_to_bytes(b, &fam, "10.1.2.3", 8), 0);
    ck_assert_int_eq(fam, UCLOG_ADDR_IPV4);
    ck_assert_uint_eq(b[10], 0xff);
    ck_assert_uint_eq(b[12], 10);
    ck_assert_uint_eq(b[15], 3);
    fam = -1;
    ck_assert_int_eq(uclog_addr_to_bytes(b, &fam, "host", 4), UCLOG_E_FORMAT);
    ck_assert_int_eq(fam, -1); /* untouched on error */
    ck_assert_int_eq(uclog_addr_to_bytes(NULL, NULL, "::1", 3), 0);
    ck_assert_str_eq(uclog_addr_family_name(UCLOG_ADDR_HOSTNAME), "HOSTNAME");
    ck_assert_str_eq(uclog_addr_family_name(42), "INVALID");
}
END_TEST

/* uclog_addr_parse(), deprecated in 1.3, still returns the family. */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif
START_TEST(addr_parse_deprecated)
{
    uint8_t b[16];

    ck_assert_int_eq(uclog_addr_parse(b, "10.1.2.3", 8), UCLOG_ADDR_IPV4);
    ck_assert_uint_eq(b[12], 10);
    ck_assert_int_eq(uclog_addr_parse(b, "fe80::1%eth0", 12), UCLOG_ADDR_IPV6);
    ck_assert_uint_eq(b[0], 0xfe);
    ck_assert_int_eq(uclog_addr_parse(b, "host", 4), UCLOG_E_FORMAT);
}
END_TEST
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

START_TEST(addr_class)
{
    ck_assert_int_eq(CLS("10.0.0.1"), UCLOG_ADDR_CLASS_PRIVATE);
    ck_assert_int_eq(CLS("172.16.0.1"), UCLOG_ADDR_CLASS_PRIVATE);
    ck_assert_int_eq(CLS("172.31.255.255"), UCLOG_ADDR_CLASS_PRIVATE);
    ck_assert_int_eq(CLS("172.32.0.1"), UCLOG_ADDR_CLASS_PUBLIC);
    ck_assert_int_eq(CLS("172.15.0.1"), UCLOG_ADDR_CLASS_PUBLIC);
    ck_assert_int_eq(CLS("192.168.1.7"), UCLOG_ADDR_CLASS_PRIVATE);
    ck_assert_int_eq(CLS("192.169.1.7"), UCLOG_ADDR_CLASS_PUBLIC);
    ck_assert_int_eq(CLS("100.64.0.1"), UCLOG_ADDR_CLASS_CGN);
    ck_assert_int_eq(CLS("100.127.255.255"), UCLOG_ADDR_CLASS_CGN);
    ck_assert_int_eq(CLS("100.128.0.1"), UCLOG_ADDR_CLASS_PUBLIC);
    ck_assert_int_eq(CLS("100.63.0.1"), UCLOG_ADDR_CLASS_PUBLIC);
    ck_assert_int_eq(CLS("127.0.0.1"), UCLOG_ADDR_CLASS_LOOPBACK);
    ck_assert_int_eq(CLS("169.254.10.20"), UCLOG_ADDR_CLASS_LINK_LOCAL);
    ck_assert_int_eq(CLS("0.0.0.0"), UCLOG_ADDR_CLASS_UNSPECIFIED);
    ck_assert_int_eq(CLS("224.0.0.1"), UCLOG_ADDR_CLASS_MULTICAST);
    ck_assert_int_eq(CLS("140.242.214.33"), UCLOG_ADDR_CLASS_PUBLIC);
    ck_assert_int_eq(CLS("::1"), UCLOG_ADDR_CLASS_LOOPBACK);
    ck_assert_int_eq(CLS("::"), UCLOG_ADDR_CLASS_UNSPECIFIED);
    ck_assert_int_eq(CLS("fe80::1%12"), UCLOG_ADDR_CLASS_LINK_LOCAL);
    ck_assert_int_eq(CLS("febf::1"), UCLOG_ADDR_CLASS_LINK_LOCAL);
    ck_assert_int_eq(CLS("fec0::1"), UCLOG_ADDR_CLASS_PUBLIC);
    ck_assert_int_eq(CLS("2001:0:5ef5:79fb::7cf9"), UCLOG_ADDR_CLASS_TEREDO);
    ck_assert_int_eq(CLS("2001:1::1"), UCLOG_ADDR_CLASS_PUBLIC);
    ck_assert_int_eq(CLS("2001:db8::1"), UCLOG_ADDR_CLASS_PUBLIC);
    ck_assert_int_eq(CLS("fc00::1"), UCLOG_ADDR_CLASS_ULA);
    ck_assert_int_eq(CLS("fd12:3456::1"), UCLOG_ADDR_CLASS_ULA);
    ck_assert_int_eq(CLS("ff02::1"), UCLOG_ADDR_CLASS_MULTICAST);
    ck_assert_int_eq(CLS("::ffff:10.1.1.1"), UCLOG_ADDR_CLASS_PRIVATE);
    ck_assert_int_eq(CLS("::ffff:100.64.1.1"), UCLOG_ADDR_CLASS_CGN);
    ck_assert_int_eq(CLS("edge.example.com"), UCLOG_ADDR_CLASS_NONE);
    ck_assert_int_eq(CLS("junk"), UCLOG_ADDR_CLASS_NONE);
    ck_assert_str_eq(uclog_addr_class_name(UCLOG_ADDR_CLASS_TEREDO), "TEREDO");
    ck_assert_str_eq(uclog_addr_class_name(UCLOG_ADDR_CLASS_CGN), "CGN");
    ck_assert_str_eq(uclog_addr_class_name(-1), "NONE");
}
END_TEST

START_TEST(addr_equal)
{
    ck_assert_int_eq(EQ("2001:0:5ef5:79fb::7cf9", "2001:0000:5ef5:79fb:0:0:0:7cf9"), 1);
    ck_assert_int_eq(EQ("2001:0:5EF5:79FB::7CF9", "2001:0:5ef5:79fb:0::7cf9"), 1);
    ck_assert_int_eq(EQ("2001:0:5ef5:79fb::7cf9", "2001:0:5ef5:79fb::7cf8"), 0);
    ck_assert_int_eq(EQ("::ffff:192.0.2.1", "192.0.2.1"), 1);
    ck_assert_int_eq(EQ("::ffff:c000:201", "192.0.2.1"), 1);
    ck_assert_int_eq(EQ("192.168.1.7", "192.168.1.7"), 1);
    ck_assert_int_eq(EQ("192.168.1.7", "192.168.1.70"), 0);
    ck_assert_int_eq(EQ("192.168.001.007", "192.168.1.7"), 1);
    ck_assert_int_eq(EQ("fe80::1%12", "fe80::1%12"), 1);
    ck_assert_int_eq(EQ("fe80::1%12", "fe80::1%13"), 0);
    ck_assert_int_eq(EQ("fe80::1%12", "fe80::1"), 0);
    ck_assert_int_eq(EQ("AVEdge.LitwareInc.com", "avedge.litwareinc.com."), 1);
    ck_assert_int_eq(EQ("avedge.litwareinc.com", "avedge.litwareinc.org"), 0);
    ck_assert_int_eq(EQ("localhost", "127.0.0.1"), 0);
    ck_assert_int_eq(EQ("a b", "a b"), 0);
    ck_assert_int_eq(uclog_addr_equal(NULL, 0, "1.2.3.4", 7), 0);
}
END_TEST

void sdp_add_addr(Suite *s)
{
    TCase *tc = tcase_create("addr");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, addr_family);
    tcase_add_test(tc, addr_parse_deprecated);
    tcase_add_test(tc, addr_class);
    tcase_add_test(tc, addr_equal);
    suite_add_tcase(s, tc);
}
