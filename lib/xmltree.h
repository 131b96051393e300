/*
 * Private to the xml layer (xml.c, mras.c, prov.c, reporterror.c): a small
 * arena, and a read-only element tree built by a hardened expat parser.
 * Never installed; no expat type appears here either.
 */
#ifndef UCLOG_XMLTREE_H
#define UCLOG_XMLTREE_H

#include "arena.h"
#include "internal.h"

/* Namespaces the xml layer knows. */
#define UCLOG__NS_MRAS "http://schemas.microsoft.com/2006/09/sip/mrasp"
#define UCLOG__NS_PROV_REQUEST "http://schemas.microsoft.com/2006/09/sip/provisioninggrouplist"
#define UCLOG__NS_PROV_RESPONSE \
    "http://schemas.microsoft.com/2006/09/sip/provisiongrouplist-notification"
#define UCLOG__NS_REPORT_ERROR "http://schemas.microsoft.com/2006/09/sip/error-reporting"

/* Everything a parsed object hands out lives in an arena (arena.h) and goes
 * away at once; its blocks hold this many bytes. */
#define UCLOG__XML_ARENA_BLOCK 4096

/*
 * One element. Names and attribute values are decoded UTF-8, NUL-terminated,
 * in the arena. `ns` is NULL for an element in no namespace. Attribute names
 * are "local" for unprefixed attributes and "uri\1local" for prefixed ones.
 * `text` is the element's own character data (children's text excluded),
 * untrimmed; its ptr is never NULL.
 */
typedef struct uclog__xnode uclog__xnode;
struct uclog__xnode {
    const char *ns;
    const char *name;
    const char **attrs; /* name, value, ..., NULL */
    uclog_str text;
    uclog_span span;    /* from '<' of the start tag to '>' of the end tag */
    uclog__xnode *parent;
    uclog__xnode *first;
    uclog__xnode *last;
    uclog__xnode *next;
    size_t text_start;  /* parse-time only: where its text begins in the buffer */
    size_t start_index; /* byte index of the start tag in the body */
};

/*
 * Parse a whole body into a tree allocated in @p arena. On error the
 * context's detail is set (with a position) and the arena may hold partial
 * data (the caller releases it). Returns 0, UCLOG_E_XML, UCLOG_E_LIMIT,
 * UCLOG_E_NOMEM.
 */
int uclog__xml_parse(uclog__xnode **root, uclog__arena *arena, uclog_ctx *ctx, const char *data,
                     size_t len, const uclog_span *base);

/*
 * Asked at the end of each child of the root element: nonzero stops the
 * parse there. The rest of the body is neither read nor checked; the root
 * (still open) ends where reading stopped. The tree is what a body cut
 * after that child would give.
 */
typedef int (*uclog__xml_stop_fn)(const uclog__xnode *child, void *userdata);

/* uclog__xml_parse() that may stop early (stop may be NULL). */
int uclog__xml_parse_until(uclog__xnode **root, uclog__arena *arena, uclog_ctx *ctx,
                           const char *data, size_t len, const uclog_span *base,
                           uclog__xml_stop_fn stop, void *stop_ud);

/* UCLOG_E_LIMIT (with the detail set) when len is over UCLOG_LIMIT_MAX_XML_BYTES.
 * Called before anything is allocated. */
int uclog__xml_check_size(uclog_ctx *ctx, const char *data, size_t len, const uclog_span *base);

/* 1 when the element has namespace ns (NULL: none) and local name. */
int uclog__xml_is(const uclog__xnode *n, const char *ns, const char *name);
/* Unprefixed attribute value, or {NULL, 0}. */
uclog_str uclog__xml_attr(const uclog__xnode *n, const char *name);
/* The element's text with XML white space trimmed at both ends. */
uclog_str uclog__xml_text(const uclog__xnode *n);
/* First child with that namespace and name, or NULL; *count gets how many. */
const uclog__xnode *uclog__xml_child(const uclog__xnode *n, const char *ns, const char *name,
                                     uint32_t *count);
/* Number of children with that namespace and name. */
uint32_t uclog__xml_count(const uclog__xnode *n, const char *ns, const char *name);

/*
 * Check that the root is one of the element names given (NULL-terminated
 * list) in namespace ns. A wrong name or namespace sets the context's detail
 * and returns UCLOG_E_FORMAT. what names the format in the message.
 * On success returns the index of the name in the list.
 */
int uclog__xml_expect_root(uclog_ctx *ctx, const uclog__xnode *root, const char *what,
                           const char *ns, const char *const *names);

/* Decimal unsigned number with optional surrounding white space, <= max. */
int uclog__xml_number(uint64_t *out, uclog_str s, uint64_t max);

/* Defects found while building an object (codes 400-499, see mras.h). */
typedef struct uclog__defects {
    uclog_defect *items;
    size_t count;
    size_t cap;
} uclog__defects;

int uclog__defects_add(uclog__defects *d, uclog__arena *arena, int32_t code,
                       const uclog_span *span);
int uclog__defects_get(uclog_defect *out, const uclog__defects *d, uint32_t i);

/*
 * Helpers for building an object from a tree: defects are recorded as they
 * are found and the first allocation failure is kept in rc (sticky).
 */
typedef struct uclog__xbuild {
    uclog__arena *arena;
    uclog__defects *defects;
    const char *ns; /* namespace of the elements looked up */
    int rc;
} uclog__xbuild;

void uclog__xb_defect(uclog__xbuild *b, int32_t code, const uclog_span *span);
/* Trimmed text of the once-only child name of parent ({NULL, 0} when absent;
 * XML_MISSING when required, XML_DUPLICATE when repeated). *el (nullable)
 * gets the element. */
uclog_str uclog__xb_text(uclog__xbuild *b, const uclog__xnode *parent, const char *name,
                         int required, const uclog__xnode **el);
/* Attribute value; XML_MISSING when required and absent. */
uclog_str uclog__xb_attr(uclog__xbuild *b, const uclog__xnode *el, const char *name, int required);
/* Number state of a value: 0 absent, 1 valid (*v set), -1 not a number up to
 * max (XML_BAD_NUMBER at span). */
int uclog__xb_number(uclog__xbuild *b, uint64_t *v, uclog_str s, uint64_t max,
                     const uclog_span *span);
/* 0 / UCLOG_E_NOT_FOUND for a view getter; {NULL, 0} when absent. */
int uclog__str_out(uclog_str *out, uclog_str v);

#endif
