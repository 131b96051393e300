/* What the parts of the xml suite share: the namespaces, where each fixture's body sits in the
 * seed log, and the call that adds the second part's cases to the suite (test-xml.c,
 * test-xml-errors.c). */
#ifndef UCLOG_TEST_XML_FIXTURES_H
#define UCLOG_TEST_XML_FIXTURES_H

#include <stdint.h>
#include <string.h>

#include "testutil.h"

#define NS_MRAS "http://schemas.microsoft.com/2006/09/sip/mrasp"
#define NS_PROV "http://schemas.microsoft.com/2006/09/sip/provisiongrouplist-notification"

/* Where each fixture's body starts in tests/data/seed.uccapilog. */
typedef struct fixture {
    const char *name;
    uint64_t offset;
    uint32_t line;
} fixture;

static const fixture PROV_REQUEST = {"xml/prov-request.xml", 1130, 22};
static const fixture PROV_RESPONSE = {"xml/prov-response.xml", 2781, 43};
static const fixture MRAS_REQUEST = {"xml/mras-request.xml", 6001, 93};
static const fixture MRAS_RESPONSE = {"xml/mras-response.xml", 7574, 109};

static inline uclog_span base_of(const fixture *f)
{
    uclog_span b;

    memset(&b, 0, sizeof(b));
    b.offset = f->offset;
    b.line = f->line;
    b.column = 1;
    return b;
}

static inline void assert_span(const uclog_span *s, uint64_t offset, uint32_t line,
                               uint32_t column, uint64_t length)
{
    ck_assert_uint_eq(s->offset, offset);
    ck_assert_uint_eq(s->line, line);
    ck_assert_uint_eq(s->column, column);
    if (length)
        ck_assert_uint_eq(s->length, length);
}

static inline char *read_fixture(const char *name, size_t *len)
{
    return tu_read(name, len);
}

/* The second part adds its cases to the suite. */
void xml_add_errors(Suite *s);

#endif
