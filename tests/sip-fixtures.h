/* What the parts of the SIP suite share: the seed log's messages, the built messages, and
 * the calls that add each part's cases to the suite (test-sip.c, test-sip-built.c,
 * test-sip-values.c, test-sip-robust.c). */
#ifndef UCLOG_TEST_SIP_FIXTURES_H
#define UCLOG_TEST_SIP_FIXTURES_H

#include "testutil.h"

#include <stdint.h>
#include <string.h>

#define S(lit) lit, sizeof(lit) - 1

static inline uclog_str sv(const char *s)
{
    uclog_str v;
    v.ptr = s;
    v.len = strlen(s);
    return v;
}

/* A message taken out of tests/data/seed.uccapilog. */
struct seedmsg {
    char *file;     /* the whole log, malloc'd */
    size_t file_len;
    const char *msg; /* the message bytes: start line .. line before `End of` */
    size_t len;
    uclog_span base; /* where msg[0] is in the log */
};

static inline uint32_t line_of(const char *buf, size_t off)
{
    uint32_t line = 1;
    size_t i;
    for (i = 0; i < off; i++)
        if (buf[i] == '\n')
            line++;
    return line;
}

static inline uint32_t column_of(const char *buf, size_t off)
{
    size_t i = off;
    while (i > 0 && buf[i - 1] != '\n')
        i--;
    return (uint32_t)(off - i + 1);
}

/* The nth (0-based) message whose start line begins with needle. */
static inline void seed_get(struct seedmsg *s, const char *needle, int nth)
{
    const char *p, *end;

    s->file = tu_read("seed.uccapilog", &s->file_len);
    p = s->file;
    for (;;) {
        p = strstr(p, needle);
        ck_assert_ptr_nonnull(p);
        if (nth-- == 0)
            break;
        p++;
    }
    end = strstr(p, "INFO  :: End of");
    ck_assert_ptr_nonnull(end);
    while (end > p && end[-1] != '\n')
        end--;
    s->msg = p;
    s->len = (size_t)(end - p);
    memset(&s->base, 0, sizeof(s->base));
    s->base.offset = (uint64_t)(p - s->file);
    s->base.line = line_of(s->file, (size_t)(p - s->file));
    s->base.column = column_of(s->file, (size_t)(p - s->file));
    s->base.file = 3;
}

/* A built message that must parse. */
static inline uclog_sip *parse_ok(uclog_ctx *ctx, const char *data, size_t len)
{
    uclog_sip *m = NULL;
    ck_assert_int_eq(uclog_sip_parse(&m, ctx, data, len, NULL), 0);
    ck_assert_ptr_nonnull(m);
    return m;
}

/* Built messages (test-sip-built.c); the robustness cases parse them too. */
extern const char compact_msg[];
extern const char folded_msg[];
extern const char diag_msg[];
extern const char multipart_msg[];

/* Each part adds its cases to the suite. */
void sip_add_built(Suite *s);
void sip_add_values(Suite *s);
void sip_add_robust(Suite *s);

#endif
