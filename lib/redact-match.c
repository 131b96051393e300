/* Every place where one of the learnt secrets occurs in a text, in time
 * linear in the text: an Aho-Corasick automaton over the secrets' bytes.
 * A node's children are a sibling list (secrets are mostly base64: at most
 * 65 children), and each node knows the longest secret that ends there,
 * its own or one of its suffixes', so one pass finds every covered byte.
 * A node with many children (the root, and the first bytes of many secrets:
 * where the search is on most bytes of a text) also gets a table of 256
 * children, once the automaton is finished: at most one per DENSE_MIN
 * nodes, so memory stays linear in the secrets' bytes. */
#include <string.h>

#include "internal.h"
#include "redact-internal.h"

#define DENSE_MIN 16 /* children from which a node gets a table */

struct node {
    int32_t child, sibling, fail;
    int32_t dense;    /* its table in dense (256 children, -1: none), or -1 */
    uint32_t longest; /* the longest secret ending at this node, 0: none */
    unsigned char c;
};

struct uclog__matcher {
    const uclog_ctx *ctx;
    struct node *nodes;
    size_t n, cap;
    int32_t *dense; /* 256 child indexes per table */
};

static int32_t child_of(const uclog__matcher *m, int32_t at, unsigned char c)
{
    int32_t k;

    if (m->nodes[at].dense >= 0)
        return m->dense[(size_t)m->nodes[at].dense * 256 + c];
    for (k = m->nodes[at].child; k >= 0; k = m->nodes[k].sibling)
        if (m->nodes[k].c == c)
            return k;
    return -1;
}

/* Tables for the nodes with DENSE_MIN children or more (made once, by finish: no secret may be
 * added after it). */
static int make_dense(uclog__matcher *m)
{
    size_t i, nd = 0, t;
    int32_t k;

    for (i = 0; i < m->n; i++) {
        size_t kids = 0;
        for (k = m->nodes[i].child; k >= 0 && kids < DENSE_MIN; k = m->nodes[k].sibling)
            kids++;
        nd += kids >= DENSE_MIN;
    }
    if (nd == 0)
        return 0;
    if (!(m->dense = uclog__reallocarray(m->ctx, NULL, nd, 256 * sizeof *m->dense)))
        return UCLOG_E_NOMEM;
    for (i = 0, t = 0; i < m->n; i++) {
        size_t kids = 0;
        for (k = m->nodes[i].child; k >= 0 && kids < DENSE_MIN; k = m->nodes[k].sibling)
            kids++;
        if (kids < DENSE_MIN)
            continue;
        for (k = 0; k < 256; k++)
            m->dense[t * 256 + (size_t)k] = -1;
        for (k = m->nodes[i].child; k >= 0; k = m->nodes[k].sibling)
            m->dense[t * 256 + m->nodes[k].c] = k;
        m->nodes[i].dense = (int32_t)t++;
    }
    return 0;
}

int uclog__matcher_new(uclog__matcher **out, const uclog_ctx *ctx)
{
    uclog__matcher *m = uclog__calloc(ctx, 1, sizeof *m);

    *out = NULL;
    if (!m)
        return UCLOG_E_NOMEM;
    m->ctx = ctx;
    if (!(m->nodes = uclog__malloc(ctx, 64 * sizeof *m->nodes))) {
        uclog__free(ctx, m);
        return UCLOG_E_NOMEM;
    }
    m->cap = 64;
    m->n = 1;
    memset(&m->nodes[0], 0, sizeof m->nodes[0]);
    m->nodes[0].child = m->nodes[0].sibling = m->nodes[0].dense = -1;
    *out = m;
    return 0;
}

int uclog__matcher_add(uclog__matcher *m, const char *p, size_t n)
{
    int32_t at = 0, k;
    size_t i;

    if (n == 0 || n > UINT32_MAX || m->n + n > INT32_MAX)
        return 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];

        if ((k = child_of(m, at, c)) < 0) {
            if (m->n == m->cap) {
                void *nodes = m->nodes;
                int rc = uclog__grow(m->ctx, &nodes, &m->cap, m->n + 1, sizeof *m->nodes);
                if (rc)
                    return rc;
                m->nodes = nodes;
            }
            k = (int32_t)m->n++;
            m->nodes[k].c = c;
            m->nodes[k].child = -1;
            m->nodes[k].dense = -1;
            m->nodes[k].fail = 0;
            m->nodes[k].longest = 0;
            m->nodes[k].sibling = m->nodes[at].child;
            m->nodes[at].child = k;
        }
        at = k;
    }
    if (m->nodes[at].longest < n)
        m->nodes[at].longest = (uint32_t)n;
    return 0;
}

/* Failure links, breadth first (the queue: an array of node indexes). */
int uclog__matcher_finish(uclog__matcher *m)
{
    int32_t *queue = uclog__reallocarray(m->ctx, NULL, m->n, sizeof *queue);
    size_t head = 0, tail = 0;
    int32_t k;

    if (!queue)
        return UCLOG_E_NOMEM;
    for (k = m->nodes[0].child; k >= 0; k = m->nodes[k].sibling) {
        m->nodes[k].fail = 0;
        queue[tail++] = k;
    }
    while (head < tail) {
        int32_t at = queue[head++];

        for (k = m->nodes[at].child; k >= 0; k = m->nodes[k].sibling) {
            int32_t f = m->nodes[at].fail, g;

            while ((g = child_of(m, f, m->nodes[k].c)) < 0 && f != 0)
                f = m->nodes[f].fail;
            m->nodes[k].fail = g >= 0 && g != k ? g : 0;
            if (m->nodes[m->nodes[k].fail].longest > m->nodes[k].longest)
                m->nodes[k].longest = m->nodes[m->nodes[k].fail].longest;
            queue[tail++] = k;
        }
    }
    uclog__free(m->ctx, queue);
    return make_dense(m);
}

void uclog__matcher_each(const uclog__matcher *m, const char *p, size_t n,
                         void (*hit)(void *u, size_t start, size_t end), void *u)
{
    int32_t at = 0, k;
    size_t i;

    if (!m || m->nodes[0].child < 0)
        return;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];

        while ((k = child_of(m, at, c)) < 0 && at != 0)
            at = m->nodes[at].fail;
        at = k >= 0 ? k : 0;
        if (m->nodes[at].longest)
            hit(u, i + 1 - m->nodes[at].longest, i + 1);
    }
}

void uclog__matcher_free(uclog__matcher *m)
{
    if (!m)
        return;
    uclog__free(m->ctx, m->nodes);
    uclog__free(m->ctx, m->dense);
    uclog__free(m->ctx, m);
}
