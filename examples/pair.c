/* Both sides of one call: pairing and clock skew (pair.h). */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "pair.h"

/* One side's message, keyed for the pairing. */
typedef struct {
    uint64_t key;
    uint32_t msg;
    uint32_t pos;  /* order on its side */
    int a_to_b;
} entry;

static uint64_t fnv(uint64_t h, const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 1099511628211u;
    return (h ^ 0xff) * 1099511628211u;
}

/* The key of message i, with the direction it went between A and B; 0 when it has none. */
static int keyed(entry *e, const uclog_index *idx, uint32_t i, int side_b)
{
    uclog_sip *sip = NULL;
    uclog_str method, cseq_method, params, branch = {NULL, 0};
    uint32_t status = 0, cseq = 0, vias;
    int32_t type, dir = uclog_index_message_direction(idx, i);
    uint64_t h = 14695981039346656037u;
    char num[24];

    if (dir != UCLOG_DIRECTION_SENT && dir != UCLOG_DIRECTION_RECEIVED)
        return 0;
    if (uclog_index_message_type(&type, &method, &status, idx, i) != 0 ||
        uclog_index_message_cseq(&cseq, &cseq_method, idx, i) != 0)
        return 0;
    if (uclog_index_message_parse(&sip, idx, i) == 0) {
        vias = uclog_sip_via_count(sip);
        if (vias && uclog_sip_via_entry(NULL, NULL, NULL, &params, sip, vias - 1) == 0)
            uclog_sip_param(&branch, params, "branch");
    }
    e->a_to_b = (dir == UCLOG_DIRECTION_SENT) != side_b;
    if (type == UCLOG_INDEX_REQUEST)
        h = fnv(h, method.ptr, method.len);
    snprintf(num, sizeof(num), "%u %u %d", (unsigned)status, (unsigned)cseq, e->a_to_b);
    h = fnv(h, num, strlen(num));
    h = fnv(h, cseq_method.ptr, cseq_method.len);
    h = fnv(h, branch.ptr, branch.len);
    uclog_sip_free(sip);
    e->key = h;
    e->msg = i;
    return 1;
}

static int by_key(const void *x, const void *y)
{
    const entry *a = x, *b = y;

    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static int by_time(const void *x, const void *y)
{
    const ex_pair_msg *a = x, *b = y;

    if (a->when != b->when)
        return a->when < b->when ? -1 : 1;
    /* the same time: A's order, then B's */
    if (a->a != EX_NONE && b->a != EX_NONE)
        return a->a < b->a ? -1 : a->a > b->a;
    if (a->b != EX_NONE && b->b != EX_NONE)
        return a->b < b->b ? -1 : a->b > b->b;
    return a->a == EX_NONE ? 1 : -1;
}

int64_t ex_pair_time(const uclog_index *idx, uint32_t i, int64_t shift)
{
    uclog_timestamp ts;

    if (uclog_index_message_timestamp(&ts, idx, i) != 0)
        return INT64_MIN;
    return ts.epoch_ms - shift;
}

/* The entries of call c of one side, sorted by key then order. */
static entry *entries(uint32_t *n, const uclog_index *idx, uint32_t c, int side_b)
{
    uint32_t k, m, count = uclog_index_call_message_count(idx, c);
    entry *e = calloc(count ? count : 1, sizeof(*e));

    *n = 0;
    if (!e)
        return NULL;
    for (k = 0; k < count; k++) {
        uclog_index_call_message(&m, idx, c, k);
        e[*n].pos = k;
        if (keyed(&e[*n], idx, m, side_b))
            (*n)++;
    }
    qsort(e, *n, sizeof(*e), by_key);
    return e;
}

int ex_pair_call(ex_pair_msg **out, uint32_t *n, const uclog_index *A, uint32_t ca, const uclog_index *B, uint32_t cb,
                 const ex_skew *skew)
{
    uint32_t na = 0, nb = 0, ia = 0, ib = 0, k, m, all_a = uclog_index_call_message_count(A, ca),
             all_b = uclog_index_call_message_count(B, cb), got = 0;
    entry *ea = entries(&na, A, ca, 0), *eb = entries(&nb, B, cb, 1);
    ex_pair_msg *p = calloc((size_t)all_a + all_b + 1, sizeof(*p));
    unsigned char *paired_b = calloc((size_t)all_b + 1, 1);
    int64_t shift = skew ? skew->skew_ms : 0;

    *out = NULL;
    *n = 0;
    if (!ea || !eb || !p || !paired_b) {
        free(ea);
        free(eb);
        free(p);
        free(paired_b);
        return UCLOG_E_NOMEM;
    }
    /* every message of A, with its partner in B when the keys meet: both sorted, one merge */
    for (k = 0; k < all_a; k++) {
        uclog_index_call_message(&m, A, ca, k);
        p[k].a = m;
        p[k].b = EX_NONE;
        p[k].a_to_b = uclog_index_message_direction(A, m) == UCLOG_DIRECTION_SENT       ? 1
                      : uclog_index_message_direction(A, m) == UCLOG_DIRECTION_RECEIVED ? 0
                                                                                         : -1;
        p[k].when = ex_pair_time(A, m, 0);
    }
    while (ia < na && ib < nb) {
        if (ea[ia].key != eb[ib].key) {
            if (ea[ia].key < eb[ib].key)
                ia++;
            else
                ib++;
            continue;
        }
        p[ea[ia].pos].b = eb[ib].msg;
        paired_b[eb[ib].pos] = 1;
        ia++;
        ib++;
    }
    got = all_a;
    for (k = 0; k < all_b; k++) {
        if (paired_b[k])
            continue;
        uclog_index_call_message(&m, B, cb, k);
        p[got].a = EX_NONE;
        p[got].b = m;
        p[got].a_to_b = uclog_index_message_direction(B, m) == UCLOG_DIRECTION_RECEIVED ? 1
                        : uclog_index_message_direction(B, m) == UCLOG_DIRECTION_SENT   ? 0
                                                                                         : -1;
        p[got].when = ex_pair_time(B, m, shift);
        got++;
    }
    qsort(p, got, sizeof(*p), by_time);
    free(ea);
    free(eb);
    free(paired_b);
    *out = p;
    *n = got;
    return 0;
}

int ex_pair_skew(ex_skew *out, const uclog_index *A, const uclog_index *B)
{
    uint32_t c, cb, k, n;
    uclog_str id;
    ex_pair_msg *p;
    int64_t ab = INT64_MAX, ba = INT64_MAX, ta, tb;
    int rc;

    memset(out, 0, sizeof(*out));
    for (c = 0; c < uclog_index_call_count(A); c++) {
        uclog_index_call_id(&id, A, c);
        if (uclog_index_call_find(&cb, B, id.ptr, id.len) != 0)
            continue;
        if ((rc = ex_pair_call(&p, &n, A, c, B, cb, NULL)) != 0)
            return rc;
        for (k = 0; k < n; k++) {
            if (p[k].a == EX_NONE || p[k].b == EX_NONE)
                continue;
            ta = ex_pair_time(A, p[k].a, 0);
            tb = ex_pair_time(B, p[k].b, 0);
            if (ta == INT64_MIN || tb == INT64_MIN)
                continue;
            if (p[k].a_to_b == 1) {
                out->ab++;
                ab = tb - ta < ab ? tb - ta : ab;
            } else {
                out->ba++;
                ba = ta - tb < ba ? ta - tb : ba;
            }
        }
        free(p);
    }
    if (out->ab && out->ba) {
        out->known = 1;
        out->skew_ms = (ab - ba) / 2;
        out->delay_ms = (ab + ba) / 2;
    } else if (out->ab) {
        out->skew_ms = ab; /* one way only: skew and delay together */
    } else if (out->ba) {
        out->skew_ms = -ba;
    }
    return 0;
}
