/*
 * The diagnosis held to its rules: for every line of data/diag/rules/expected.txt, the verdicts
 * uclog_diag_run() gives for that log and those options (code, certainty, call, in report
 * order), and uclog_diag_run_parts() saying the same, evidence included.
 * data/diag/rules/README.md gives the reasoning behind each expected line.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uclog/diag.h>

#include "testutil.h"

#define MAX_CASES 128

typedef struct {
    char file[128];
    char opts[256]; /* "-" for none */
    char want[512];
} rule_case;

static rule_case cases[MAX_CASES];
static int ncases;
static char load_error[512];

/* A growing text, for lists of verdicts and the messages about them. */
typedef struct {
    char *s;
    size_t len, cap;
} text;

static void text_add(text *t, const char *fmt, ...)
#if defined(__MINGW32__) /* checked against MinGW's own C99 printf (__USE_MINGW_ANSI_STDIO) */
    __attribute__((format(gnu_printf, 2, 3)))
#elif defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void text_add(text *t, const char *fmt, ...)
{
    va_list ap;
    int n;

    for (;;) {
        size_t room = t->cap - t->len;
        va_start(ap, fmt);
        n = vsnprintf(t->s ? t->s + t->len : NULL, t->s ? room : 0, fmt, ap);
        va_end(ap);
        ck_assert_int_ge(n, 0);
        if (t->s && (size_t)n < room)
            break;
        t->cap = (t->cap + (size_t)n + 1) * 2;
        t->s = realloc(t->s, t->cap);
        ck_assert_ptr_nonnull(t->s);
    }
    t->len += (size_t)n;
}

static const char *text_str(const text *t)
{
    return t->s ? t->s : "";
}

/* expected.txt: file<TAB>options<TAB>verdicts, # comments and blank lines skipped. */
static void load_cases(void)
{
    char line[1024];
    FILE *f = fopen(tu_data("diag/rules/expected.txt"), "r");
    int lineno = 0;

    if (!f) {
        snprintf(load_error, sizeof(load_error), "cannot open %s", tu_data("diag/rules/expected.txt"));
        return;
    }
    while (fgets(line, sizeof(line), f)) {
        char *file = line, *opts, *want, *end;
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        opts = strchr(file, '\t');
        want = opts ? strchr(opts + 1, '\t') : NULL;
        if (want) {
            *opts++ = '\0';
            *want++ = '\0';
        }
        if (!want || ncases == MAX_CASES || strlen(file) >= sizeof(cases[0].file) ||
            strlen(opts) >= sizeof(cases[0].opts) || strlen(want) >= sizeof(cases[0].want)) {
            snprintf(load_error, sizeof(load_error), "expected.txt line %d: not file<TAB>options<TAB>verdicts", lineno);
            break;
        }
        for (end = want + strlen(want); end > want && end[-1] == ' '; end--)
            end[-1] = '\0';
        snprintf(cases[ncases].file, sizeof(cases[ncases].file), "%s", file);
        snprintf(cases[ncases].opts, sizeof(cases[ncases].opts), "%s", opts);
        snprintf(cases[ncases].want, sizeof(cases[ncases].want), "%s", want);
        ncases++;
    }
    fclose(f);
    if (!ncases && !load_error[0])
        snprintf(load_error, sizeof(load_error), "expected.txt holds no case");
}

/* The options of a case, as uclog-diagnose takes them. */
static uclog_diag_options *make_options(uclog_ctx *ctx, const rule_case *c)
{
    uclog_diag_options *o;
    char buf[256], *tok, *save = NULL;

    ck_assert_int_eq(uclog_diag_options_new(&o, ctx), 0);
    if (strcmp(c->opts, "-") == 0)
        return o;
    snprintf(buf, sizeof(buf), "%s", c->opts);
    for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        char *ip = strtok_r(NULL, " ", &save);
        ck_assert_msg(ip != NULL, "%s: option %s without an address", c->file, tok);
        if (strcmp(tok, "--edge-ip") == 0)
            ck_assert_int_eq(uclog_diag_options_add_edge_ip(o, ip), 0);
        else if (strcmp(tok, "--edge-private-ip") == 0)
            ck_assert_int_eq(uclog_diag_options_add_edge_private_ip(o, ip), 0);
        else if (strcmp(tok, "--edge-nat-ip") == 0)
            ck_assert_int_eq(uclog_diag_options_set_edge_nat_ip(o, ip), 0);
        else
            ck_abort_msg("%s: unknown option %s", c->file, tok);
    }
    return o;
}

/* Certainty as expected.txt writes it; compared as numbers (2, unreadable, may be newer than the header). */
static const char *certainty_letter(int32_t certainty)
{
    static char other[16];
    switch (certainty) {
    case 0:
        return "c";
    case 1:
        return "i";
    case 2:
        return "u";
    default:
        snprintf(other, sizeof(other), "?%d", (int)certainty);
        return other;
    }
}

/* One verdict as expected.txt writes it: code/certainty, @call for a call's verdict. */
static void verdict_key(text *t, const uclog_diag_verdict *v, int32_t call)
{
    text_add(t, "%d/%s", (int)uclog_diag_verdict_code(v), certainty_letter(uclog_diag_verdict_certainty(v)));
    if (call >= 0)
        text_add(t, "@%d", (int)call);
}

/* The verdicts of a whole-log report, in report order, as expected.txt writes them. */
static void report_codes(text *t, const uclog_diag_report *r)
{
    uint32_t i;
    for (i = 0; i < uclog_diag_report_verdict_count(r); i++) {
        const uclog_diag_verdict *v = uclog_diag_report_verdict(r, i);
        if (i)
            text_add(t, " ");
        verdict_key(t, v, uclog_diag_verdict_call(v));
    }
}

/* Tokens of `a` not in `b` (as a multiset), space-separated. */
static void missing_from(text *out, const char *a, const char *b)
{
    char ta[512], tb[512], *tok, *save = NULL;
    int first = 1;

    snprintf(ta, sizeof(ta), "%s", a);
    snprintf(tb, sizeof(tb), " %s ", b);
    for (tok = strtok_r(ta, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        char pat[64], *at;
        snprintf(pat, sizeof(pat), " %s ", tok);
        if ((at = strstr(tb, pat)) != NULL) {
            memset(at + 1, '_', strlen(tok)); /* used once */
            continue;
        }
        text_add(out, "%s%s", first ? "" : " ", tok);
        first = 0;
    }
    if (first)
        text_add(out, "(none)");
}

/* ---- the diagnosis in parts, verdict by verdict ---- */

typedef struct {
    char **line;
    size_t n, cap;
} lines;

static void lines_add(lines *l, const char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 32;
        l->line = realloc(l->line, l->cap * sizeof(*l->line));
        ck_assert_ptr_nonnull(l->line);
    }
    l->line[l->n] = strdup(s);
    ck_assert_ptr_nonnull(l->line[l->n]);
    l->n++;
}

static void lines_free(lines *l)
{
    while (l->n)
        free(l->line[--l->n]);
    free(l->line);
    l->line = NULL;
    l->cap = 0;
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A verdict with its call (the whole-log index) and its evidence: detail and line. */
static void verdict_line(lines *l, const uclog_diag_verdict *v, int32_t call)
{
    text t = {0};
    uint32_t k;

    verdict_key(&t, v, call);
    for (k = 0; k < uclog_diag_verdict_evidence_count(v); k++) {
        const uclog_diag_evidence *e = uclog_diag_verdict_evidence(v, k);
        uclog_span sp;
        uclog_diag_evidence_span(&sp, e);
        text_add(&t, "\n    line %u: %s", sp.line, uclog_diag_evidence_detail(e));
    }
    lines_add(l, text_str(&t));
    free(t.s);
}

typedef struct {
    const uclog_diag_report *whole; /* to give each part's call its whole-log index */
    char *claimed;                  /* the whole-log calls a part has taken */
    lines got;
} parts_state;

/* A part's call is the whole-log call with its Call-ID that no earlier part took. */
static int32_t whole_call(parts_state *s, const uclog_diag_report *part)
{
    const char *id = uclog_diag_report_call_id(part, 0);
    uint32_t i;

    for (i = 0; id && i < uclog_diag_report_call_count(s->whole); i++)
        if (!s->claimed[i] && strcmp(uclog_diag_report_call_id(s->whole, i), id) == 0) {
            s->claimed[i] = 1;
            return (int32_t)i;
        }
    return 9999; /* a call the whole-log report does not have */
}

static int collect_part(const uclog_diag_report *part, void *userdata)
{
    parts_state *s = userdata;
    int32_t call = uclog_diag_report_call_count(part) ? whole_call(s, part) : -1;
    uint32_t i;

    for (i = 0; i < uclog_diag_report_verdict_count(part); i++) {
        const uclog_diag_verdict *v = uclog_diag_report_verdict(part, i);
        verdict_line(&s->got, v, uclog_diag_verdict_call(v) < 0 ? -1 : call);
    }
    return 0;
}

/* Lines of one list that the other lacks, for the message. */
static void lines_diff(text *msg, const char *label, const lines *a, const lines *b)
{
    size_t i, j = 0;
    for (i = 0; i < a->n; i++) {
        while (j < b->n && strcmp(b->line[j], a->line[i]) < 0)
            j++;
        if (j < b->n && strcmp(b->line[j], a->line[i]) == 0) {
            j++;
            continue;
        }
        text_add(msg, "\n  %s %s", label, a->line[i]);
    }
}

/* Empty when uclog_diag_run_parts() says what `whole` says; otherwise what differs. */
static void parts_disagreement(text *msg, uclog_log *log, const uclog_diag_options *opts,
                               const uclog_diag_report *whole)
{
    parts_state s = {whole, NULL, {0}};
    lines want = {0};
    uint32_t i;
    int rc, same;

    s.claimed = calloc(uclog_diag_report_call_count(whole) + 1, 1);
    ck_assert_ptr_nonnull(s.claimed);
    for (i = 0; i < uclog_diag_report_verdict_count(whole); i++) {
        const uclog_diag_verdict *v = uclog_diag_report_verdict(whole, i);
        verdict_line(&want, v, uclog_diag_verdict_call(v));
    }
    rc = uclog_diag_run_parts(log, opts, collect_part, &s);
    if (rc != 0) {
        text_add(msg, "\n  uclog_diag_run_parts() returned %d", rc);
    } else {
        qsort(want.line, want.n, sizeof(char *), by_text);
        qsort(s.got.line, s.got.n, sizeof(char *), by_text);
        same = want.n == s.got.n;
        for (i = 0; same && i < want.n; i++)
            same = strcmp(want.line[i], s.got.line[i]) == 0;
        if (!same) {
            text_add(msg, "\n  uclog_diag_run_parts() disagrees with uclog_diag_run() (%zu verdicts against %zu):",
                     s.got.n, want.n);
            lines_diff(msg, "run only:  ", &want, &s.got);
            lines_diff(msg, "parts only:", &s.got, &want);
        }
    }
    lines_free(&want);
    lines_free(&s.got);
    free(s.claimed);
}

START_TEST(expected_file_read)
{
    ck_assert_msg(load_error[0] == '\0', "%s", load_error);
}
END_TEST

START_TEST(rule_case_verdicts)
{
    const rule_case *c = &cases[_i];
    char path[512];
    long live = tu_live; /* CK_FORK=no: an earlier case that failed may have left its blocks */
    uclog_ctx *ctx = tu_ctx();
    uclog_diag_options *opts = make_options(ctx, c);
    uclog_log *log;
    uclog_diag_report *rep;
    text got = {0}, msg = {0};
    static char failure[65536];

    snprintf(path, sizeof(path), "diag/rules/%s", c->file);
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data(path)), 0);
    ck_assert_int_eq(uclog_diag_run(&rep, log, opts), 0);
    report_codes(&got, rep);
    if (strcmp(text_str(&got), c->want) != 0) {
        text_add(&msg, "\n  expected: %s\n  got:      %s\n  missing:  ", c->want, text_str(&got));
        missing_from(&msg, c->want, text_str(&got));
        text_add(&msg, "\n  extra:    ");
        missing_from(&msg, text_str(&got), c->want);
    }
    parts_disagreement(&msg, log, opts, rep);
    free(got.s);
    uclog_diag_report_free(rep);
    uclog_log_free(log);
    uclog_diag_options_free(opts);
    uclog_ctx_free(ctx);
    ck_assert_int_eq(tu_live, live);
    snprintf(failure, sizeof(failure), "%s", text_str(&msg)); /* so that a failing case leaks nothing */
    free(msg.s);
    ck_assert_msg(failure[0] == '\0', "%s (%s):%s", path, c->opts, failure);
}
END_TEST

Suite *tu_suite(void)
{
    Suite *s = suite_create("diag-rules");
    TCase *tc = tcase_create("rules");

    load_cases();
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, expected_file_read);
    if (ncases)
        tcase_add_loop_test(tc, rule_case_verdicts, 0, ncases);
    suite_add_tcase(s, tc);
    return s;
}
