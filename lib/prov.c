/* In-band provisioning ([MS-SIPREGE]) request and response bodies. */
#include "xmltree.h"
#include <uclog/prov.h>

typedef struct prov_key {
    uclog_str name;
    uclog_str value;
    uclog_span span;
} prov_key;

struct uclog_prov_group {
    uclog_str name;
    uclog_span span;
    int32_t shape;
    prov_key *keys;
    uint32_t nkeys;
};

struct uclog_prov {
    uclog_ctx *ctx;
    uclog__arena arena;
    int32_t kind;
    uclog_span span;
    uclog_prov_group *groups;
    uint32_t ngroups;
    uclog__defects defects;
};

static uclog_str cstr(const char *s)
{
    uclog_str v;

    v.ptr = s;
    v.len = strlen(s);
    return v;
}

/* The shape a container of `property name=…` elements gives, or NONE when c is a key. */
static int32_t container_shape(const uclog__xnode *c, const char *ns)
{
    if (uclog__xml_is(c, ns, "instance"))
        return UCLOG_PROV_SHAPE_INSTANCE;
    if (uclog__xml_is(c, ns, "propertyEntryList"))
        return UCLOG_PROV_SHAPE_ENTRY_LIST;
    return UCLOG_PROV_SHAPE_NONE;
}

/*
 * Walk the keys of a group. With keys == NULL only count them; otherwise
 * fill keys (sized by a counting pass) and record defects and the shape.
 */
static uint32_t walk_keys(uclog__xbuild *b, uclog_prov_group *g, const uclog__xnode *el,
                          prov_key *keys)
{
    const uclog__xnode *c, *p;
    uint32_t n = 0;

    for (c = el->first; c; c = c->next) {
        int32_t shape = container_shape(c, b->ns);

        if (shape == UCLOG_PROV_SHAPE_NONE) {
            if (keys) {
                keys[n].name = cstr(c->name);
                keys[n].value = uclog__xml_text(c);
                keys[n].span = c->span;
                if (!g->shape)
                    g->shape = UCLOG_PROV_SHAPE_ELEMENTS;
            }
            n++;
            continue;
        }
        if (keys && !g->shape)
            g->shape = shape;
        for (p = c->first; p; p = p->next) {
            uclog_str name;

            if (!uclog__xml_is(p, b->ns, "property"))
                continue;
            name = uclog__xml_attr(p, "name");
            if (!name.ptr) {
                if (keys)
                    uclog__xb_defect(b, UCLOG_DEFECT_XML_MISSING, &p->span);
                continue;
            }
            if (keys) {
                keys[n].name = name;
                keys[n].value = uclog__xml_text(p);
                keys[n].span = p->span;
            }
            n++;
        }
    }
    return n;
}

static void read_group(uclog__xbuild *b, uclog_prov_group *g, const uclog__xnode *el,
                       int with_keys)
{
    uint32_t n;

    g->span = el->span;
    g->name = uclog__xb_attr(b, el, "name", 1);
    if (!with_keys)
        return;
    n = walk_keys(b, g, el, NULL);
    if (!n || b->rc)
        return;
    g->keys = uclog__arena_alloc(b->arena, (size_t)n * sizeof(*g->keys));
    if (!g->keys) {
        b->rc = UCLOG_E_NOMEM;
        return;
    }
    g->nkeys = walk_keys(b, g, el, g->keys);
}

static int build(uclog_prov *p, const uclog__xnode *root)
{
    static const char *const req_roots[] = {"provisioningGroupList", NULL};
    static const char *const resp_roots[] = {"provisionGroupList", NULL};
    const char *group_name;
    const uclog__xnode *c;
    uclog__xbuild b;
    uint32_t i = 0;
    int rc;

    /* The two lists differ in name and namespace; pick by name, then let
     * the check complain about the namespace. */
    if (strcmp(root->name, "provisioningGroupList") == 0) {
        rc = uclog__xml_expect_root(p->ctx, root, "provisioning request",
                                    UCLOG__NS_PROV_REQUEST, req_roots);
        p->kind = UCLOG_PROV_REQUEST;
        b.ns = UCLOG__NS_PROV_REQUEST;
        group_name = "provisioningGroup";
    } else {
        rc = uclog__xml_expect_root(p->ctx, root, "provisioning", UCLOG__NS_PROV_RESPONSE,
                                    resp_roots);
        p->kind = UCLOG_PROV_RESPONSE;
        b.ns = UCLOG__NS_PROV_RESPONSE;
        group_name = "provisionGroup";
    }
    if (rc < 0)
        return rc;
    b.arena = &p->arena;
    b.defects = &p->defects;
    b.rc = UCLOG_OK;
    p->span = root->span;
    p->ngroups = uclog__xml_count(root, b.ns, group_name);
    if (p->ngroups) {
        p->groups = uclog__arena_alloc(&p->arena, (size_t)p->ngroups * sizeof(*p->groups));
        if (!p->groups)
            return uclog__error(p->ctx, UCLOG_E_NOMEM, NULL, "out of memory");
        memset(p->groups, 0, (size_t)p->ngroups * sizeof(*p->groups));
    }
    for (c = root->first; c && i < p->ngroups; c = c->next) {
        if (uclog__xml_is(c, b.ns, group_name))
            read_group(&b, &p->groups[i++], c, p->kind == UCLOG_PROV_RESPONSE);
    }
    if (b.rc)
        return uclog__error(p->ctx, b.rc, NULL, "out of memory reading a provisioning body");
    return UCLOG_OK;
}

/* The end of the first group named *userdata stops the parse. */
static int group_ends(const uclog__xnode *child, void *userdata)
{
    const char *want = userdata;
    uclog_str name;

    if (!uclog__xml_is(child, UCLOG__NS_PROV_RESPONSE, "provisionGroup") &&
        !uclog__xml_is(child, UCLOG__NS_PROV_REQUEST, "provisioningGroup"))
        return 0;
    name = uclog__xml_attr(child, "name");
    return name.ptr && strcmp(name.ptr, want) == 0;
}

int uclog_prov_parse_until(uclog_prov **out, uclog_ctx *ctx, const char *data, size_t len,
                           const uclog_span *base, const char *group)
{
    uclog_prov *p;
    uclog__xnode *root;
    int rc;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!ctx || (!data && len))
        return uclog__error(ctx, UCLOG_E_INVALID_ARG, NULL, "uclog_prov_parse: NULL argument");
    if (!data)
        data = "";
    rc = uclog__xml_check_size(ctx, data, len, base);
    if (rc != UCLOG_OK)
        return rc;
    p = uclog__calloc(ctx, 1, sizeof(*p));
    if (!p)
        return uclog__error(ctx, UCLOG_E_NOMEM, NULL, "out of memory");
    p->ctx = ctx;
    uclog__arena_init(&p->arena, ctx, UCLOG__XML_ARENA_BLOCK);
    rc = uclog__xml_parse_until(&root, &p->arena, ctx, data, len, base, group ? group_ends : NULL,
                                (void *)group);
    if (rc == UCLOG_OK)
        rc = build(p, root);
    if (rc != UCLOG_OK) {
        uclog_prov_free(p);
        return rc;
    }
    *out = p;
    return UCLOG_OK;
}

int uclog_prov_parse(uclog_prov **out, uclog_ctx *ctx, const char *data, size_t len,
                     const uclog_span *base)
{
    return uclog_prov_parse_until(out, ctx, data, len, base, NULL);
}

void uclog_prov_free(uclog_prov *prov)
{
    if (!prov)
        return;
    uclog__arena_release(&prov->arena);
    uclog__free(prov->ctx, prov);
}

int32_t uclog_prov_kind(const uclog_prov *prov)
{
    return prov ? prov->kind : 0;
}

void uclog_prov_span(uclog_span *out, const uclog_prov *prov)
{
    if (!out)
        return;
    if (prov)
        *out = prov->span;
    else
        memset(out, 0, sizeof(*out));
}

uint32_t uclog_prov_group_count(const uclog_prov *prov)
{
    return prov ? prov->ngroups : 0;
}

int uclog_prov_group_get(const uclog_prov_group **out, const uclog_prov *prov, uint32_t i)
{
    if (!out || !prov)
        return UCLOG_E_INVALID_ARG;
    if (i >= prov->ngroups)
        return UCLOG_E_RANGE;
    *out = &prov->groups[i];
    return UCLOG_OK;
}

static int str_eq(uclog_str s, const char *lit)
{
    size_t n = strlen(lit);

    return s.ptr && s.len == n && memcmp(s.ptr, lit, n) == 0;
}

int uclog_prov_group_find(const uclog_prov_group **out, const uclog_prov *prov, const char *name)
{
    uint32_t i;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!prov || !name)
        return UCLOG_E_INVALID_ARG;
    for (i = 0; i < prov->ngroups; i++) {
        if (str_eq(prov->groups[i].name, name)) {
            *out = &prov->groups[i];
            return UCLOG_OK;
        }
    }
    return UCLOG_E_NOT_FOUND;
}

int uclog_prov_group_name(uclog_str *out, const uclog_prov_group *group)
{
    if (!out || !group)
        return UCLOG_E_INVALID_ARG;
    return uclog__str_out(out, group->name);
}

void uclog_prov_group_span(uclog_span *out, const uclog_prov_group *group)
{
    if (!out)
        return;
    if (group)
        *out = group->span;
    else
        memset(out, 0, sizeof(*out));
}

int32_t uclog_prov_group_shape(const uclog_prov_group *group)
{
    return group ? group->shape : UCLOG_PROV_SHAPE_NONE;
}

uint32_t uclog_prov_key_count(const uclog_prov_group *group)
{
    return group ? group->nkeys : 0;
}

int uclog_prov_key(uclog_str *name, uclog_str *value, uclog_span *span,
                   const uclog_prov_group *group, uint32_t i)
{
    if (!group)
        return UCLOG_E_INVALID_ARG;
    if (i >= group->nkeys)
        return UCLOG_E_RANGE;
    if (name)
        *name = group->keys[i].name;
    if (value)
        *value = group->keys[i].value;
    if (span)
        *span = group->keys[i].span;
    return UCLOG_OK;
}

int uclog_prov_group_lookup(uclog_str *value, uclog_span *span, const uclog_prov_group *group,
                            const char *key)
{
    uint32_t i;

    if (!value)
        return UCLOG_E_INVALID_ARG;
    value->ptr = NULL;
    value->len = 0;
    if (!group || !key)
        return UCLOG_E_INVALID_ARG;
    for (i = 0; i < group->nkeys; i++) {
        if (str_eq(group->keys[i].name, key)) {
            *value = group->keys[i].value;
            if (span)
                *span = group->keys[i].span;
            return UCLOG_OK;
        }
    }
    return UCLOG_E_NOT_FOUND;
}

int uclog_prov_lookup(uclog_str *value, uclog_span *span, const uclog_prov *prov,
                      const char *group, const char *key)
{
    uint32_t i;

    if (!value)
        return UCLOG_E_INVALID_ARG;
    value->ptr = NULL;
    value->len = 0;
    if (!prov || !group || !key)
        return UCLOG_E_INVALID_ARG;
    for (i = 0; i < prov->ngroups; i++) {
        if (str_eq(prov->groups[i].name, group) &&
            uclog_prov_group_lookup(value, span, &prov->groups[i], key) == UCLOG_OK)
            return UCLOG_OK;
    }
    return UCLOG_E_NOT_FOUND;
}

uint32_t uclog_prov_defect_count(const uclog_prov *prov)
{
    return prov ? (uint32_t)prov->defects.count : 0;
}

int uclog_prov_defect(uclog_defect *out, const uclog_prov *prov, uint32_t i)
{
    if (!prov)
        return UCLOG_E_INVALID_ARG;
    return uclog__defects_get(out, &prov->defects, i);
}
