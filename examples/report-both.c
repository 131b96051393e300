/*
 * The part of uclog-report's data that two clients' logs add: the clocks'
 * skew and, for every Call-ID both logs hold, its messages paired across
 * them (pair.c), which the page draws as one ladder of both sides.
 */
#include <stdlib.h>

#include "pair.h"
#include "report.h"

static void number(FILE *out, uint32_t n)
{
    if (n == EX_NONE)
        fputs("null", out);
    else
        fprintf(out, "%u", (unsigned)n);
}

static int pair_call(FILE *out, const uclog_index *A, uint32_t ca, const uclog_index *B, uint32_t cb,
                     const ex_skew *skew, int first)
{
    ex_pair_msg *p;
    uint32_t n, k;
    int rc = ex_pair_call(&p, &n, A, ca, B, cb, skew);

    if (rc != 0)
        return rc;
    fprintf(out, "%s{\"a\":%u,\"b\":%u,\"pairs\":[", first ? "" : ",\n", (unsigned)ca, (unsigned)cb);
    for (k = 0; k < n; k++) {
        fputs(k ? ",[" : "[", out);
        number(out, p[k].a);
        putc(',', out);
        number(out, p[k].b);
        fprintf(out, ",%d]", p[k].a_to_b);
    }
    fputs("]}", out);
    free(p);
    return 0;
}

int rp_write_both(FILE *out, const uclog_index *A, const uclog_index *B)
{
    ex_skew skew;
    uclog_str id;
    uint32_t c, cb, shared = 0;
    int rc = ex_pair_skew(&skew, A, B);

    if (rc != 0)
        return rc;
    fprintf(out, "\"both\":{\"skew\":{\"known\":%s,\"skew_ms\":%lld,\"delay_ms\":%lld,\"ab\":%u,\"ba\":%u},\n\"calls\":[",
            skew.known ? "true" : "false", (long long)skew.skew_ms, (long long)skew.delay_ms, (unsigned)skew.ab,
            (unsigned)skew.ba);
    for (c = 0; c < uclog_index_call_count(A) && rc == 0; c++) {
        uclog_index_call_id(&id, A, c);
        if (uclog_index_call_find(&cb, B, id.ptr, id.len) == 0)
            rc = pair_call(out, A, c, B, cb, &skew, shared++ == 0);
    }
    fputs("]}", out);
    return rc;
}
