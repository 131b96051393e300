#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef _WIN32
#include <direct.h>
#include <io.h>
#endif

long tu_fail_at = -1;
long tu_allocs;
long tu_live;
size_t tu_bytes, tu_peak_bytes;

/* A header in front of every block records its size for realloc. */
typedef union {
    size_t size;
    long double ld;
    void *p;
    long long ll;
} tu_hdr;

static void *tu_malloc(size_t n)
{
    tu_hdr *h;

    if (tu_fail_at >= 0 && tu_allocs++ == tu_fail_at)
        return NULL;
    if (tu_fail_at < 0)
        tu_allocs++;
    h = malloc(sizeof(*h) + n);
    if (!h)
        return NULL;
    h->size = n;
    tu_live++;
    tu_bytes += n;
    if (tu_bytes > tu_peak_bytes)
        tu_peak_bytes = tu_bytes;
    return h + 1;
}

static void tu_free(void *p)
{
    if (!p)
        return;
    tu_live--;
    tu_bytes -= ((tu_hdr *)p - 1)->size;
    free((tu_hdr *)p - 1);
}

static void *tu_realloc(void *p, size_t n)
{
    tu_hdr *h;

    if (!p)
        return tu_malloc(n);
    if (tu_fail_at >= 0 && tu_allocs++ == tu_fail_at)
        return NULL;
    if (tu_fail_at < 0)
        tu_allocs++;
    h = realloc((tu_hdr *)p - 1, sizeof(*h) + n);
    if (!h)
        return NULL;
    tu_bytes = tu_bytes - h->size + n;
    if (tu_bytes > tu_peak_bytes)
        tu_peak_bytes = tu_bytes;
    h->size = n;
    return h + 1;
}

const uclog_mem tu_mem = {tu_malloc, tu_realloc, tu_free};

void tu_alloc_reset(long fail_at)
{
    tu_fail_at = fail_at;
    tu_allocs = 0;
}

uclog_ctx *tu_ctx(void)
{
    uclog_ctx *ctx = NULL;
    ck_assert_int_eq(uclog_ctx_new(&ctx, &tu_mem), 0);
    return ctx;
}

const char *tu_data(const char *name)
{
    static char path[4096];
    snprintf(path, sizeof(path), "%s/%s", UCLOG_TEST_DATA, name);
    return path;
}

char *tu_read(const char *name, size_t *len)
{
    FILE *f = fopen(tu_data(name), "rb");
    char *buf;
    long n;

    ck_assert_msg(f != NULL, "cannot open fixture %s", name);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(buf);
    ck_assert_int_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

int tu_streq(uclog_str s, const char *lit)
{
    size_t n = strlen(lit);
    return s.ptr && s.len == n && memcmp(s.ptr, lit, n) == 0;
}

void tu_alloc_loop(int (*fn)(void *), void *arg)
{
    long n;
    int done = 0;

    for (n = 0; n < 1000000 && !done; n++) {
        int rc;
        tu_alloc_reset(n);
        tu_live = 0;
        rc = fn(arg);
        ck_assert_msg(rc == 0 || rc == UCLOG_E_NOMEM, "fail at %ld: rc %d", n, rc);
        ck_assert_msg(tu_live == 0, "fail at %ld: %ld blocks leaked", n, tu_live);
        /* done when a run made fewer allocations than the one that was to fail: none failed */
        done = rc == 0 && tu_allocs <= n;
    }
    tu_alloc_reset(-1);
    /* a run that never gets past its failing allocation would loop for ever: it is a failure */
    ck_assert_msg(done, "the allocation-failure loop did not end after %ld runs", n);
}

int main(void)
{
    SRunner *sr = srunner_create(tu_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

char *tu_mkdtemp(char *tmpl)
{
#ifdef _WIN32
    return _mktemp(tmpl) && _mkdir(tmpl) == 0 ? tmpl : NULL;
#else
    return mkdtemp(tmpl);
#endif
}

#ifdef _WIN32
FILE *tu_memstream_open(char **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    return tmpfile();
}

void tu_memstream_close(FILE *f, char **out, size_t *n)
{
    long len;

    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    len = ftell(f);
    ck_assert_int_ge(len, 0);
    rewind(f);
    *out = malloc((size_t)len + 1);
    ck_assert_ptr_nonnull(*out);
    ck_assert_uint_eq(fread(*out, 1, (size_t)len, f), (size_t)len);
    (*out)[len] = '\0';
    *n = (size_t)len;
    fclose(f);
}
#else
FILE *tu_memstream_open(char **out, size_t *n)
{
    return open_memstream(out, n);
}

void tu_memstream_close(FILE *f, char **out, size_t *n)
{
    (void)out;
    (void)n;
    fclose(f);
}
#endif
