/*
 * The xml layer's shared part: a hardened expat front end that turns a body
 * into a small element tree, the arena that tree lives in, and the defects
 * a reader records.
 *
 * Hardening, in order of importance: a document type declaration is refused
 * outright (so no entity can be declared, internal or external, and nothing
 * is ever fetched); parameter entities are never parsed; no external entity
 * handler is installed; depth, element count and body size are limited; all
 * memory comes from the context's allocator.
 */
#include <limits.h>

/* expat.h declares the billion-laughs setters only under XML_DTD, which its
 * installed headers do not define; the build found them in the library. */
#if defined(UCLOG_HAVE_XML_BILLION_LAUGHS) && !defined(XML_DTD)
#define XML_DTD 1
#endif
#include <expat.h>

#include <uclog/xml.h>

#include "xmltree.h"

/* Between a namespace URI and a local name in expat's expanded names. A
 * control character cannot appear in an XML 1.0 document, so no URI holds it. */
#define NS_SEP '\1'

int uclog__defects_add(uclog__defects *d, uclog__arena *arena, int32_t code,
                       const uclog_span *span)
{
    uclog_defect *item;

    if (d->count == d->cap) {
        size_t ncap = d->cap ? d->cap * 2 : 4;
        uclog_defect *n;

        if (ncap > SIZE_MAX / sizeof(*n))
            return UCLOG_E_NOMEM;
        n = uclog__arena_alloc(arena, ncap * sizeof(*n));
        if (!n)
            return UCLOG_E_NOMEM;
        if (d->count)
            memcpy(n, d->items, d->count * sizeof(*n));
        d->items = n;
        d->cap = ncap;
    }
    item = &d->items[d->count++];
    memset(item, 0, sizeof(*item));
    item->code = code;
    if (span)
        item->span = *span;
    return UCLOG_OK;
}

int uclog__defects_get(uclog_defect *out, const uclog__defects *d, uint32_t i)
{
    if (!out)
        return UCLOG_E_INVALID_ARG;
    if (i >= d->count)
        return UCLOG_E_RANGE;
    *out = d->items[i];
    return UCLOG_OK;
}

/* ---- parsing ---------------------------------------------------------- */

typedef struct xml_state {
    uclog_ctx *ctx;
    XML_Parser parser;
    uclog__arena *arena;
    const char *data;
    size_t len;
    const uclog_span *base;
    uint64_t max_depth;
    uint64_t max_elements;
    uint64_t elements;
    uint64_t depth;
    uclog__xnode *root;
    uclog__xnode *cur;
    const char *last_ns; /* the namespace URI interned last */
    char *text;          /* character data of the open elements */
    size_t text_len;
    size_t text_cap;
    /* position cursor: byte index and the 1-based line it is on */
    size_t pos_idx;
    size_t pos_line;
    size_t pos_line_start;
    int status; /* first error seen by a handler */
    uclog__xml_stop_fn stop; /* asked at the end of each child of the root */
    void *stop_ud;
    int stopped;             /* stop said yes: the rest of the body is not read */
    size_t stop_end;         /* where reading stopped: after that element's end tag */
} xml_state;

/* The line (1-based, counting LF) and the byte index of its first byte. */
static void line_of(xml_state *st, size_t idx, size_t *line, size_t *line_start)
{
    const char *p;

    if (idx > st->len)
        idx = st->len;
    if (idx < st->pos_idx) {
        st->pos_idx = 0;
        st->pos_line = 1;
        st->pos_line_start = 0;
    }
    p = st->data + st->pos_idx;
    while ((p = memchr(p, '\n', (size_t)(st->data + idx - p))) != NULL) {
        p++;
        st->pos_line++;
        st->pos_line_start = (size_t)(p - st->data);
    }
    st->pos_idx = idx;
    *line = st->pos_line;
    *line_start = st->pos_line_start;
}

/* The span of byte idx of the body, made absolute with the base. */
static uclog_span span_at(xml_state *st, size_t idx, size_t length)
{
    uclog_span s;
    size_t line, start;

    memset(&s, 0, sizeof(s));
    line_of(st, idx, &line, &start);
    s.offset = (uint64_t)idx;
    s.length = (uint64_t)length;
    s.line = uclog__sat32(line);
    s.column = uclog__sat32((uint64_t)(idx - start) + 1);
    if (st->base) {
        s.offset += st->base->offset;
        s.file = st->base->file;
        if (st->base->line == 0) {
            s.line = 0;
            s.column = 0;
        } else {
            if (line == 1)
                s.column = st->base->column ? uclog__sat32((uint64_t)s.column + st->base->column - 1) : 0;
            s.line = uclog__sat32((uint64_t)line - 1 + st->base->line);
        }
    }
    return s;
}

static size_t current_index(const xml_state *st)
{
    XML_Index i = XML_GetCurrentByteIndex(st->parser);
    return i < 0 ? 0 : (size_t)i;
}

/* Remember the first failure and stop the parser. */
static void fail(xml_state *st, int code)
{
    if (!st->status)
        st->status = code;
    XML_StopParser(st->parser, XML_FALSE);
}

static const char *intern_ns(xml_state *st, const char *ns, size_t n)
{
    if (st->last_ns && strlen(st->last_ns) == n && memcmp(st->last_ns, ns, n) == 0)
        return st->last_ns;
    st->last_ns = uclog__arena_strndup(st->arena, ns, n);
    return st->last_ns;
}

static int copy_attrs(xml_state *st, uclog__xnode *n, const XML_Char **atts)
{
    size_t count = 0, i;
    const char **out;

    while (atts[count])
        count++;
    out = uclog__arena_alloc(st->arena, (count + 1) * sizeof(*out));
    if (!out)
        return UCLOG_E_NOMEM;
    for (i = 0; i < count; i++) {
        out[i] = uclog__arena_strndup(st->arena, atts[i], strlen(atts[i]));
        if (!out[i])
            return UCLOG_E_NOMEM;
    }
    out[count] = NULL;
    n->attrs = out;
    return UCLOG_OK;
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    xml_state *st = ud;
    const char *sep = strchr(name, NS_SEP);
    uclog__xnode *n;
    size_t idx = current_index(st);

    if (st->status || st->stopped)
        return;
    if (++st->depth > st->max_depth) {
        uclog_span sp = span_at(st, idx, 0);
        uclog__error(st->ctx, UCLOG_E_LIMIT, &sp,
                     "XML elements nested deeper than the limit of %llu (line %u)",
                     (unsigned long long)st->max_depth, sp.line);
        fail(st, UCLOG_E_LIMIT);
        return;
    }
    if (++st->elements > st->max_elements) {
        uclog_span sp = span_at(st, idx, 0);
        uclog__error(st->ctx, UCLOG_E_LIMIT, &sp, "more XML elements than the limit of %llu",
                     (unsigned long long)st->max_elements);
        fail(st, UCLOG_E_LIMIT);
        return;
    }
    n = uclog__arena_alloc(st->arena, sizeof(*n));
    if (!n) {
        fail(st, UCLOG_E_NOMEM);
        return;
    }
    memset(n, 0, sizeof(*n));
    if (sep) {
        n->ns = intern_ns(st, name, (size_t)(sep - name));
        n->name = uclog__arena_strndup(st->arena, sep + 1, strlen(sep + 1));
    } else {
        n->name = uclog__arena_strndup(st->arena, name, strlen(name));
    }
    if ((sep && !n->ns) || !n->name || copy_attrs(st, n, atts) != UCLOG_OK) {
        fail(st, UCLOG_E_NOMEM);
        return;
    }
    n->span = span_at(st, idx, 0);
    n->text_start = st->text_len;
    n->start_index = idx;
    n->parent = st->cur;
    if (st->cur) {
        if (st->cur->last)
            st->cur->last->next = n;
        else
            st->cur->first = n;
        st->cur->last = n;
    } else {
        st->root = n;
    }
    st->cur = n;
}

/* Close element n at byte index end: its span's length and its own text. */
static int close_node(xml_state *st, uclog__xnode *n, size_t end)
{
    char *text;

    if (end > st->len)
        end = st->len;
    n->span.length = end > n->start_index ? end - n->start_index : 0;
    /* No text seen yet leaves st->text NULL, and NULL + 0 is undefined. */
    text = uclog__arena_strndup(st->arena, st->text ? st->text + n->text_start : "",
                                st->text_len - n->text_start);
    if (!text)
        return UCLOG_E_NOMEM;
    n->text.ptr = text;
    n->text.len = st->text_len - n->text_start;
    st->text_len = n->text_start;
    return UCLOG_OK;
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    xml_state *st = ud;
    uclog__xnode *n = st->cur;
    int count = XML_GetCurrentByteCount(st->parser);
    size_t end = current_index(st) + (count > 0 ? (size_t)count : 0);

    (void)name;
    if (st->status || st->stopped || !n)
        return;
    st->depth--;
    if (close_node(st, n, end) != UCLOG_OK) {
        fail(st, UCLOG_E_NOMEM);
        return;
    }
    st->cur = n->parent;
    if (st->stop && st->depth == 1 && st->stop(n, st->stop_ud)) {
        st->stopped = 1;
        st->stop_end = end;
        XML_StopParser(st->parser, XML_FALSE);
    }
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    xml_state *st = ud;
    void *buf = st->text;

    if (st->status || st->stopped || !st->cur || len <= 0)
        return;
    if ((size_t)len > SIZE_MAX - st->text_len ||
        uclog__grow(st->ctx, &buf, &st->text_cap, st->text_len + (size_t)len, 1) != UCLOG_OK) {
        fail(st, UCLOG_E_NOMEM);
        return;
    }
    st->text = buf;
    memcpy(st->text + st->text_len, s, (size_t)len);
    st->text_len += (size_t)len;
}

/* A DOCTYPE is how entities (internal or external) get declared. None of the
 * bodies this library reads has one, so one is taken as hostile. */
static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal_subset)
{
    xml_state *st = ud;
    uclog_span sp = span_at(st, current_index(st), 0);

    (void)name;
    (void)sysid;
    (void)pubid;
    (void)has_internal_subset;
    uclog__error(st->ctx, UCLOG_E_XML, &sp,
                 "XML document type declaration refused (line %u, column %u): entity "
                 "declarations are not accepted",
                 sp.line, sp.column);
    fail(st, UCLOG_E_XML);
}

/* Not reachable while DOCTYPE is refused; kept so that an entity declaration
 * can never be accepted by a later change. */
static void XMLCALL on_entity_decl(void *ud, const XML_Char *name, int is_param,
                                   const XML_Char *value, int value_len, const XML_Char *base,
                                   const XML_Char *sysid, const XML_Char *pubid,
                                   const XML_Char *notation)
{
    xml_state *st = ud;
    uclog_span sp = span_at(st, current_index(st), 0);

    (void)name;
    (void)is_param;
    (void)value;
    (void)value_len;
    (void)base;
    (void)sysid;
    (void)pubid;
    (void)notation;
    uclog__error(st->ctx, UCLOG_E_XML, &sp, "XML entity declaration refused (line %u)", sp.line);
    fail(st, UCLOG_E_XML);
}

static int setup_parser(xml_state *st)
{
    XML_Memory_Handling_Suite mem;
    XML_Parser p;

    mem.malloc_fcn = st->ctx->mem.malloc_fcn;
    mem.realloc_fcn = st->ctx->mem.realloc_fcn;
    mem.free_fcn = st->ctx->mem.free_fcn;
    p = XML_ParserCreate_MM(NULL, &mem, "\1");
    if (!p)
        return UCLOG_E_NOMEM;
    st->parser = p;
    XML_SetUserData(p, st);
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    XML_SetEntityDeclHandler(p, on_entity_decl);
    if (!XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER))
        return UCLOG_E_XML;
#ifdef UCLOG_HAVE_XML_BILLION_LAUGHS
    /* Defence in depth: with DOCTYPE refused no entity can be expanded. */
    XML_SetBillionLaughsAttackProtectionMaximumAmplification(p, 10.0f);
    XML_SetBillionLaughsAttackProtectionActivationThreshold(p, 64u * 1024u);
#endif
    return UCLOG_OK;
}

/* Turn expat's failure into a status with the context's detail set. */
static int parse_error(xml_state *st)
{
    enum XML_Error e = XML_GetErrorCode(st->parser);
    uclog_span sp;

    if (st->status) {
        if (st->status == UCLOG_E_NOMEM)
            return uclog__error(st->ctx, UCLOG_E_NOMEM, NULL, "out of memory while parsing XML");
        return st->status;
    }
    if (e == XML_ERROR_NO_MEMORY)
        return uclog__error(st->ctx, UCLOG_E_NOMEM, NULL, "out of memory while parsing XML");
    sp = span_at(st, current_index(st), 0);
    return uclog__error(st->ctx, UCLOG_E_XML, &sp, "malformed XML at line %u, column %u: %s",
                        sp.line, sp.column, XML_ErrorString(e));
}

/* Reading stopped early: the elements still open (the root) end where it stopped. */
static int close_open(xml_state *st)
{
    uclog__xnode *n;

    for (n = st->cur; n; n = n->parent)
        if (close_node(st, n, st->stop_end) != UCLOG_OK)
            return uclog__error(st->ctx, UCLOG_E_NOMEM, NULL, "out of memory while parsing XML");
    st->cur = NULL;
    return UCLOG_OK;
}

static int feed(xml_state *st)
{
    const size_t chunk = (size_t)INT_MAX / 2;
    size_t done = 0;

    do {
        size_t n = st->len - done > chunk ? chunk : st->len - done;
        int last = done + n == st->len;

        if (XML_Parse(st->parser, st->data + done, (int)n, last) != XML_STATUS_OK) {
            if (st->stopped && !st->status)
                return close_open(st);
            return parse_error(st);
        }
        done += n;
    } while (done < st->len);
    if (st->stopped)
        return close_open(st);
    if (!st->root) {
        uclog_span sp = span_at(st, 0, 0);
        return uclog__error(st->ctx, UCLOG_E_XML, &sp, "XML body has no root element");
    }
    return UCLOG_OK;
}

static void state_init(xml_state *st, uclog_ctx *ctx, const char *data, size_t len,
                       const uclog_span *base)
{
    memset(st, 0, sizeof(*st));
    st->ctx = ctx;
    st->data = data;
    st->len = len;
    st->base = base;
    st->max_depth = uclog__limit(ctx, UCLOG_LIMIT_MAX_XML_DEPTH);
    st->max_elements = uclog__limit(ctx, UCLOG_LIMIT_MAX_XML_ELEMENTS);
    st->pos_line = 1;
}

int uclog__xml_check_size(uclog_ctx *ctx, const char *data, size_t len, const uclog_span *base)
{
    uint64_t max_bytes = uclog__limit(ctx, UCLOG_LIMIT_MAX_XML_BYTES);
    xml_state st;
    uclog_span sp;

    if ((uint64_t)len <= max_bytes)
        return UCLOG_OK;
    state_init(&st, ctx, data, len, base);
    sp = span_at(&st, 0, len);
    return uclog__error(ctx, UCLOG_E_LIMIT, &sp,
                        "XML body of %llu bytes is over the limit of %llu bytes",
                        (unsigned long long)len, (unsigned long long)max_bytes);
}

int uclog__xml_parse(uclog__xnode **root, uclog__arena *arena, uclog_ctx *ctx, const char *data,
                     size_t len, const uclog_span *base)
{
    return uclog__xml_parse_until(root, arena, ctx, data, len, base, NULL, NULL);
}

int uclog__xml_parse_until(uclog__xnode **root, uclog__arena *arena, uclog_ctx *ctx,
                           const char *data, size_t len, const uclog_span *base,
                           uclog__xml_stop_fn stop, void *stop_ud)
{
    xml_state st;
    int rc;

    *root = NULL;
    rc = uclog__xml_check_size(ctx, data, len, base);
    if (rc != UCLOG_OK)
        return rc;
    state_init(&st, ctx, data, len, base);
    st.arena = arena;
    st.stop = stop;
    st.stop_ud = stop_ud;
    rc = setup_parser(&st);
    if (rc == UCLOG_OK)
        rc = feed(&st);
    else if (rc == UCLOG_E_NOMEM)
        uclog__error(ctx, rc, NULL, "out of memory creating the XML parser");
    else
        uclog__error(ctx, rc, NULL, "the XML parser could not be set up");
    if (st.parser)
        XML_ParserFree(st.parser);
    uclog__free(ctx, st.text);
    if (rc == UCLOG_OK)
        *root = st.root;
    return rc;
}

/* ---- tree helpers ----------------------------------------------------- */

static int ns_eq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

int uclog__xml_is(const uclog__xnode *n, const char *ns, const char *name)
{
    return n && ns_eq(n->ns, ns) && strcmp(n->name, name) == 0;
}

uclog_str uclog__xml_attr(const uclog__xnode *n, const char *name)
{
    uclog_str s = {NULL, 0};
    size_t i;

    for (i = 0; n->attrs && n->attrs[i]; i += 2) {
        if (strcmp(n->attrs[i], name) == 0) {
            s.ptr = n->attrs[i + 1];
            s.len = strlen(s.ptr);
            break;
        }
    }
    return s;
}

static int is_xml_space(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

uclog_str uclog__xml_text(const uclog__xnode *n)
{
    uclog_str s = n->text;

    while (s.len && is_xml_space((unsigned char)s.ptr[0])) {
        s.ptr++;
        s.len--;
    }
    while (s.len && is_xml_space((unsigned char)s.ptr[s.len - 1]))
        s.len--;
    return s;
}

const uclog__xnode *uclog__xml_child(const uclog__xnode *n, const char *ns, const char *name,
                                     uint32_t *count)
{
    const uclog__xnode *c, *found = NULL;
    uint32_t k = 0;

    for (c = n->first; c; c = c->next) {
        if (uclog__xml_is(c, ns, name)) {
            if (!found)
                found = c;
            k++;
        }
    }
    if (count)
        *count = k;
    return found;
}

uint32_t uclog__xml_count(const uclog__xnode *n, const char *ns, const char *name)
{
    uint32_t k = 0;

    uclog__xml_child(n, ns, name, &k);
    return k;
}

int uclog__xml_expect_root(uclog_ctx *ctx, const uclog__xnode *root, const char *what,
                           const char *ns, const char *const *names)
{
    int i;

    for (i = 0; names[i]; i++) {
        if (strcmp(root->name, names[i]) != 0)
            continue;
        if (ns_eq(root->ns, ns))
            return i;
        return uclog__error(ctx, UCLOG_E_FORMAT, &root->span,
                            "%s: root element <%s> (line %u) is in namespace \"%s\", "
                            "expected \"%s\"",
                            what, root->name, root->span.line, root->ns ? root->ns : "(none)", ns);
    }
    return uclog__error(ctx, UCLOG_E_FORMAT, &root->span,
                        "%s: unexpected root element <%s> (line %u) in namespace \"%s\"", what,
                        root->name, root->span.line, root->ns ? root->ns : "(none)");
}

int uclog__xml_number(uint64_t *out, uclog_str s, uint64_t max)
{
    uint64_t v = 0;
    size_t i = 0;

    while (s.len && is_xml_space((unsigned char)s.ptr[0])) {
        s.ptr++;
        s.len--;
    }
    while (s.len && is_xml_space((unsigned char)s.ptr[s.len - 1]))
        s.len--;
    if (s.len && s.ptr[0] == '+')
        i = 1;
    if (i >= s.len)
        return UCLOG_E_FORMAT;
    for (; i < s.len; i++) {
        unsigned d;

        if (!uclog__is_digit((unsigned char)s.ptr[i]))
            return UCLOG_E_FORMAT;
        d = (unsigned)(s.ptr[i] - '0');
        if (d > max || v > (max - d) / 10)
            return UCLOG_E_RANGE;
        v = v * 10 + d;
    }
    *out = v;
    return UCLOG_OK;
}

/* ---- building objects from a tree ------------------------------------- */

void uclog__xb_defect(uclog__xbuild *b, int32_t code, const uclog_span *span)
{
    if (!b->rc && uclog__defects_add(b->defects, b->arena, code, span) != UCLOG_OK)
        b->rc = UCLOG_E_NOMEM;
}

uclog_str uclog__xb_text(uclog__xbuild *b, const uclog__xnode *parent, const char *name,
                         int required, const uclog__xnode **el)
{
    uclog_str s = {NULL, 0};
    const uclog__xnode *c, *first = NULL;

    for (c = parent->first; c; c = c->next) {
        if (!uclog__xml_is(c, b->ns, name))
            continue;
        if (first)
            uclog__xb_defect(b, UCLOG_DEFECT_XML_DUPLICATE, &c->span);
        else
            first = c;
    }
    if (first)
        s = uclog__xml_text(first);
    else if (required)
        uclog__xb_defect(b, UCLOG_DEFECT_XML_MISSING, &parent->span);
    if (el)
        *el = first;
    return s;
}

uclog_str uclog__xb_attr(uclog__xbuild *b, const uclog__xnode *el, const char *name, int required)
{
    uclog_str s = uclog__xml_attr(el, name);

    if (!s.ptr && required)
        uclog__xb_defect(b, UCLOG_DEFECT_XML_MISSING, &el->span);
    return s;
}

int uclog__xb_number(uclog__xbuild *b, uint64_t *v, uclog_str s, uint64_t max,
                     const uclog_span *span)
{
    if (!s.ptr)
        return 0;
    if (uclog__xml_number(v, s, max) != UCLOG_OK) {
        uclog__xb_defect(b, UCLOG_DEFECT_XML_BAD_NUMBER, span);
        return -1;
    }
    return 1;
}

int uclog__str_out(uclog_str *out, uclog_str v)
{
    *out = v;
    return v.ptr ? UCLOG_OK : UCLOG_E_NOT_FOUND;
}
