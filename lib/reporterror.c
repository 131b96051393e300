/* The client's error report body ([MS-OCER] reportError). */
#include "xmltree.h"
#include <uclog/reporterror.h>

typedef struct diag_text {
    uclog_str text;
    uclog_span span;
} diag_text;

struct uclog_errreport_error {
    const uclog__xnode *el; /* attributes are read from the tree (same arena) */
    int code_state;
    uint32_t response_code;
    diag_text *diags;
    uint32_t ndiags;
    diag_text *progress;
    uint32_t nprogress;
};

struct uclog_errreport {
    uclog_ctx *ctx;
    uclog__arena arena;
    uclog_span span;
    uclog_errreport_error *errors;
    uint32_t nerrors;
    uclog__defects defects;
};

/* Collect diagHeader texts: directly under el (depth 0), or under
 * progressReports/progressReport (depth 2). With out == NULL only count. */
static uint32_t collect(const uclog__xnode *el, int progress, diag_text *out)
{
    const uclog__xnode *a, *b, *c;
    uint32_t n = 0;

    for (a = el->first; a; a = a->next) {
        if (!progress) {
            if (uclog__xml_is(a, UCLOG__NS_REPORT_ERROR, "diagHeader")) {
                if (out) {
                    out[n].text = uclog__xml_text(a);
                    out[n].span = a->span;
                }
                n++;
            }
            continue;
        }
        if (!uclog__xml_is(a, UCLOG__NS_REPORT_ERROR, "progressReports"))
            continue;
        for (b = a->first; b; b = b->next) {
            if (!uclog__xml_is(b, UCLOG__NS_REPORT_ERROR, "progressReport"))
                continue;
            for (c = b->first; c; c = c->next) {
                if (!uclog__xml_is(c, UCLOG__NS_REPORT_ERROR, "diagHeader"))
                    continue;
                if (out) {
                    out[n].text = uclog__xml_text(c);
                    out[n].span = c->span;
                }
                n++;
            }
        }
    }
    return n;
}

static diag_text *texts(uclog__xbuild *b, const uclog__xnode *el, int progress, uint32_t *count)
{
    diag_text *arr;

    /* After an earlier failure there is no array, so there must be no count. */
    *count = b->rc ? 0 : collect(el, progress, NULL);
    if (!*count)
        return NULL;
    arr = uclog__arena_alloc(b->arena, (size_t)*count * sizeof(*arr));
    if (!arr) {
        b->rc = UCLOG_E_NOMEM;
        *count = 0;
        return NULL;
    }
    collect(el, progress, arr);
    return arr;
}

static void read_error(uclog__xbuild *b, uclog_errreport_error *e, const uclog__xnode *el)
{
    uint64_t v = 0;

    e->el = el;
    e->code_state = uclog__xb_number(b, &v, uclog__xml_attr(el, "responseCode"), 999, &el->span);
    e->response_code = (uint32_t)v;
    e->diags = texts(b, el, 0, &e->ndiags);
    e->progress = texts(b, el, 1, &e->nprogress);
}

static int build(uclog_errreport *r, const uclog__xnode *root)
{
    static const char *const roots[] = {"reportError", NULL};
    const uclog__xnode *c;
    uclog__xbuild b;
    uint32_t i = 0;
    int rc = uclog__xml_expect_root(r->ctx, root, "error report", UCLOG__NS_REPORT_ERROR, roots);

    if (rc < 0)
        return rc;
    b.arena = &r->arena;
    b.defects = &r->defects;
    b.ns = UCLOG__NS_REPORT_ERROR;
    b.rc = UCLOG_OK;
    r->span = root->span;
    r->nerrors = uclog__xml_count(root, b.ns, "error");
    if (r->nerrors) {
        r->errors = uclog__arena_alloc(&r->arena, (size_t)r->nerrors * sizeof(*r->errors));
        if (!r->errors)
            return uclog__error(r->ctx, UCLOG_E_NOMEM, NULL, "out of memory");
        memset(r->errors, 0, (size_t)r->nerrors * sizeof(*r->errors));
    }
    for (c = root->first; c && i < r->nerrors; c = c->next) {
        if (uclog__xml_is(c, b.ns, "error"))
            read_error(&b, &r->errors[i++], c);
    }
    if (b.rc)
        return uclog__error(r->ctx, b.rc, NULL, "out of memory reading an error report");
    return UCLOG_OK;
}

int uclog_errreport_parse(uclog_errreport **out, uclog_ctx *ctx, const char *data, size_t len,
                          const uclog_span *base)
{
    uclog_errreport *r;
    uclog__xnode *root;
    int rc;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!ctx || (!data && len))
        return uclog__error(ctx, UCLOG_E_INVALID_ARG, NULL,
                            "uclog_errreport_parse: NULL argument");
    if (!data)
        data = "";
    rc = uclog__xml_check_size(ctx, data, len, base);
    if (rc != UCLOG_OK)
        return rc;
    r = uclog__calloc(ctx, 1, sizeof(*r));
    if (!r)
        return uclog__error(ctx, UCLOG_E_NOMEM, NULL, "out of memory");
    r->ctx = ctx;
    uclog__arena_init(&r->arena, ctx, UCLOG__XML_ARENA_BLOCK);
    rc = uclog__xml_parse(&root, &r->arena, ctx, data, len, base);
    if (rc == UCLOG_OK)
        rc = build(r, root);
    if (rc != UCLOG_OK) {
        uclog_errreport_free(r);
        return rc;
    }
    *out = r;
    return UCLOG_OK;
}

void uclog_errreport_free(uclog_errreport *report)
{
    if (!report)
        return;
    uclog__arena_release(&report->arena);
    uclog__free(report->ctx, report);
}

void uclog_errreport_span(uclog_span *out, const uclog_errreport *report)
{
    if (!out)
        return;
    if (report)
        *out = report->span;
    else
        memset(out, 0, sizeof(*out));
}

uint32_t uclog_errreport_error_count(const uclog_errreport *report)
{
    return report ? report->nerrors : 0;
}

int uclog_errreport_error_get(const uclog_errreport_error **out, const uclog_errreport *report,
                              uint32_t i)
{
    if (!out || !report)
        return UCLOG_E_INVALID_ARG;
    if (i >= report->nerrors)
        return UCLOG_E_RANGE;
    *out = &report->errors[i];
    return UCLOG_OK;
}

int uclog_errreport_error_attr(uclog_str *out, const uclog_errreport_error *error,
                               const char *name)
{
    if (!out)
        return UCLOG_E_INVALID_ARG;
    out->ptr = NULL;
    out->len = 0;
    if (!error || !name)
        return UCLOG_E_INVALID_ARG;
    return uclog__str_out(out, uclog__xml_attr(error->el, name));
}

int uclog_errreport_error_response_code(uint32_t *out, const uclog_errreport_error *error)
{
    if (!out || !error)
        return UCLOG_E_INVALID_ARG;
    *out = error->response_code;
    return error->code_state > 0    ? UCLOG_OK
           : error->code_state == 0 ? UCLOG_E_NOT_FOUND
                                    : UCLOG_E_FORMAT;
}

void uclog_errreport_error_span(uclog_span *out, const uclog_errreport_error *error)
{
    if (!out)
        return;
    if (error)
        *out = error->el->span;
    else
        memset(out, 0, sizeof(*out));
}

static int text_get(uclog_str *out, uclog_span *span, const diag_text *arr, uint32_t n,
                    uint32_t i)
{
    if (i >= n)
        return UCLOG_E_RANGE;
    *out = arr[i].text;
    if (span)
        *span = arr[i].span;
    return UCLOG_OK;
}

uint32_t uclog_errreport_diag_count(const uclog_errreport_error *error)
{
    return error ? error->ndiags : 0;
}

int uclog_errreport_diag_get(uclog_str *out, uclog_span *span, const uclog_errreport_error *error,
                             uint32_t i)
{
    if (!out || !error)
        return UCLOG_E_INVALID_ARG;
    return text_get(out, span, error->diags, error->ndiags, i);
}

uint32_t uclog_errreport_progress_count(const uclog_errreport_error *error)
{
    return error ? error->nprogress : 0;
}

int uclog_errreport_progress_get(uclog_str *out, uclog_span *span,
                                 const uclog_errreport_error *error, uint32_t i)
{
    if (!out || !error)
        return UCLOG_E_INVALID_ARG;
    return text_get(out, span, error->progress, error->nprogress, i);
}

uint32_t uclog_errreport_defect_count(const uclog_errreport *report)
{
    return report ? (uint32_t)report->defects.count : 0;
}

int uclog_errreport_defect(uclog_defect *out, const uclog_errreport *report, uint32_t i)
{
    if (!report)
        return UCLOG_E_INVALID_ARG;
    return uclog__defects_get(out, &report->defects, i);
}
