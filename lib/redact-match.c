/* Every place where one of the learnt secrets occurs in a text, in time
 * linear in the text: an Aho-Corasick automaton over the secrets' bytes.
 * A node's children are a sibling list (secrets are mostly base64: at most
 * 65 children), and each node knows the longest secret that ends there,
 * its own or one of its suffixes', so one pass finds every covered byte. */
#include <string.h>

#include "internal.h"
#include "redact-internal.h"

struct node {
    int32_t child, sibling, fail;
    uint32_t longest; /* the longest secret ending at this node, 0: none */
    unsigned char c;
};

struct uclog__matcher {
    const uclog_ctx *ctx;
    struct node *nodes;
    size_t n, cap;
};

static int32_t child_of(const uclog__matcher *m, int32_t at, unsigned char c)
{
    int32_t k;

    for (k = m->nodes[at].child; k >= 0; k = m->nodes[k].sibling)
        if (m->nodes[k].c == c)
            return k;
    return -1;
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
    m->nodes[0].child = m->nodes[0].sibling = -1;
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
    return 0;
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
    uclog__free(m->ctx, m);
}
