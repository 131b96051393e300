/* SIP header names: compared without regard to case, a compact form (RFC 3261 7.3.3 and later
 * RFCs) equal to its long name. Read by the message parser (sip.c), the typed helpers
 * (sip-typed.c) and the packet layer. */
#include <string.h>

#include "sip-names.h"

/* Compact forms, indexed by letter. */
static const char *const compact_names[26] = {
    "Accept-Contact",      /* a */
    "Referred-By",         /* b */
    "Content-Type",        /* c */
    "Request-Disposition", /* d */
    "Content-Encoding",    /* e */
    "From",                /* f */
    NULL,                  /* g */
    NULL,                  /* h */
    "Call-ID",             /* i */
    "Reject-Contact",      /* j */
    "Supported",           /* k */
    "Content-Length",      /* l */
    "Contact",             /* m */
    "Identity-Info",       /* n */
    "Event",               /* o */
    NULL,                  /* p */
    NULL,                  /* q */
    "Refer-To",            /* r */
    "Subject",             /* s */
    "To",                  /* t */
    "Allow-Events",        /* u */
    "Via",                 /* v */
    NULL,                  /* w */
    "Session-Expires",     /* x */
    "Identity",            /* y */
    NULL,                  /* z */
};

/* strlen() of each compact_names entry (0 for none). */
static const unsigned char compact_lens[26] = {14, 11, 12, 19, 16, 4, 0, 0, 7,  14, 9, 14, 7,
                                               13, 5,  0,  0,  8,  7, 2, 12, 3, 0,  15, 8, 0};

static const char *long_name(const char *s, size_t n)
{
    int c;

    if (n != 1)
        return NULL;
    c = uclog__to_lower((unsigned char)s[0]);
    return c >= 'a' && c <= 'z' ? compact_names[c - 'a'] : NULL;
}

int uclog__sip_name_matches(uclog_str name, const char *query)
{
    const char *q = long_name(query, strlen(query));
    const char *h = long_name(name.ptr, name.len);

    if (!q)
        q = query;
    if (h) {
        uclog_str hv;
        hv.ptr = h;
        hv.len = strlen(h);
        return uclog__str_ieq(hv, q);
    }
    return uclog__str_ieq(name, q);
}

void uclog__sip_query_init(struct uclog__sip_query *q, const char *query)
{
    size_t qlen = strlen(query);
    const char *l = long_name(query, qlen);

    q->name = l ? l : query;
    q->len = l ? compact_lens[uclog__to_lower((unsigned char)query[0]) - 'a'] : qlen;
}

/* As uclog__sip_name_matches(name, query). */
int uclog__sip_query_matches(const struct uclog__sip_query *q, uclog_str name)
{
    if (name.len == 1) { /* a compact form stands for its long name */
        int c = uclog__to_lower((unsigned char)name.ptr[0]);
        if (c >= 'a' && c <= 'z' && compact_names[c - 'a'])
            return compact_lens[c - 'a'] == q->len &&
                   uclog__mem_ieq(compact_names[c - 'a'], q->name, q->len);
    }
    return name.len == q->len && uclog__mem_ieq(name.ptr, q->name, q->len);
}
