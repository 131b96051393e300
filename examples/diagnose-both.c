/* Both sides of the calls two clients' logs share (diagnose-both.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "diagnose-both.h"
#include "diagnose-json.h"

/* ---- collecting a side ---- */

static char *copy(const char *s)
{
    size_t n = s ? strlen(s) + 1 : 0;
    char *c = n ? malloc(n) : NULL;

    if (c)
        memcpy(c, s, n);
    return c;
}

/* Room for one more of n items of size bytes in *p (capacity *cap). Returns 0 or UCLOG_E_NOMEM. */
static int grow(void **p, uint32_t *cap, uint32_t n, size_t size)
{
    uint32_t c = *cap ? *cap * 2 : 8;
    void *q;

    if (n < *cap)
        return 0;
    if (c <= *cap || (q = realloc(*p, (size_t)c * size)) == NULL)
        return UCLOG_E_NOMEM;
    *p = q;
    *cap = c;
    return 0;
}

/* The codes whose verdicts the findings rest on: their evidence is kept. */
static int finding_code(int32_t code)
{
    return code == UCLOG_DIAG_NO_EDGE_CANDIDATE || code == UCLOG_DIAG_EDGE_NAT_PRIVATE_ADDRESS ||
           code == UCLOG_DIAG_MEDIA_CONNECTIVITY_FAILED;
}

static int add_evidence(db_side *s, const uclog_diag_evidence *e)
{
    db_evidence *d;
    uclog_span sp;

    if (grow((void **)&s->evidence, &s->evidence_cap, s->nevidence, sizeof(*s->evidence)))
        return UCLOG_E_NOMEM;
    d = &s->evidence[s->nevidence];
    memset(d, 0, sizeof(*d));
    uclog_diag_evidence_span(&sp, e);
    d->line = sp.line;
    d->offset = sp.offset;
    d->has_time = uclog_diag_evidence_time(&d->time, e) == 0;
    d->file = copy(uclog_diag_evidence_file(e));
    d->detail = copy(uclog_diag_evidence_detail(e));
    if ((uclog_diag_evidence_file(e) && !d->file) || !d->detail) {
        free(d->file);
        free(d->detail);
        return UCLOG_E_NOMEM;
    }
    s->nevidence++;
    return 0;
}

/* Verdict v into its slot d, with its evidence when a finding rests on its code. */
static int put_verdict(db_side *s, db_verdict *d, const uclog_diag_verdict *v)
{
    uint32_t k;

    d->code = uclog_diag_verdict_code(v);
    d->evidence = s->nevidence;
    d->nevidence = 0;
    for (k = 0; finding_code(d->code) && k < uclog_diag_verdict_evidence_count(v); k++) {
        if (add_evidence(s, uclog_diag_verdict_evidence(v, k)))
            return UCLOG_E_NOMEM;
        d->nevidence++;
    }
    return 0;
}

/* The call of r verdict v is about, as an index of s's calls from base; UINT32_MAX: the log's. */
static uint32_t call_of(const uclog_diag_verdict *v, uint32_t base, uint32_t calls)
{
    int32_t c = uclog_diag_verdict_call(v);

    return c >= 0 && (uint32_t)c < calls ? base + (uint32_t)c : UINT32_MAX;
}

int db_side_add(db_side *s, dv_view *view, const uclog_diag_report *r)
{
    uint32_t i, k, c, n = uclog_diag_report_verdict_count(r), calls = uclog_diag_report_call_count(r),
                      base = s->ncalls, total = 0;
    const char *uri = uclog_diag_report_client_uri(r);

    if (uri && (!s->uri || strcmp(uri, s->uri))) {
        free(s->uri);
        if (!(s->uri = copy(uri)))
            return UCLOG_E_NOMEM;
    }
    for (i = 0; i < calls; i++) {
        db_call *call;
        if (grow((void **)&s->calls, &s->calls_cap, s->ncalls, sizeof(*s->calls)))
            return UCLOG_E_NOMEM;
        call = &s->calls[s->ncalls];
        memset(call, 0, sizeof(*call));
        call->call_id = copy(uclog_diag_report_call_id(r, i));
        if (uclog_diag_report_call_id(r, i) && !call->call_id)
            return UCLOG_E_NOMEM;
        call->direction = uclog_diag_report_call_direction(r, i);
        call->shown = dv_call_shown(view, r, i);
        s->ncalls++;
    }
    /* each call's verdicts side by side, in the report's order: counted, placed (linear time) */
    for (k = 0; k < n; k++)
        if ((c = call_of(uclog_diag_report_verdict(r, k), base, calls)) != UINT32_MAX) {
            s->calls[c].nverdicts++;
            total++;
        }
    if (total > UINT32_MAX / 2 - s->nverdicts)
        return UCLOG_E_NOMEM;
    while (s->verdicts_cap < s->nverdicts + total)
        if (grow((void **)&s->verdicts, &s->verdicts_cap, s->verdicts_cap, sizeof(*s->verdicts)))
            return UCLOG_E_NOMEM;
    for (i = base; i < s->ncalls; i++) {
        s->calls[i].verdict = s->nverdicts;
        s->nverdicts += s->calls[i].nverdicts;
        s->calls[i].nverdicts = 0;
    }
    for (k = 0; k < n; k++) {
        const uclog_diag_verdict *v = uclog_diag_report_verdict(r, k);
        if ((c = call_of(v, base, calls)) == UINT32_MAX)
            continue;
        if (put_verdict(s, &s->verdicts[s->calls[c].verdict + s->calls[c].nverdicts++], v))
            return UCLOG_E_NOMEM;
    }
    return 0;
}

void db_side_free(db_side *s)
{
    uint32_t i;

    for (i = 0; i < s->ncalls; i++)
        free(s->calls[i].call_id);
    for (i = 0; i < s->nevidence; i++) {
        free(s->evidence[i].file);
        free(s->evidence[i].detail);
    }
    free(s->calls);
    free(s->verdicts);
    free(s->evidence);
    free(s->uri);
    memset(s, 0, sizeof(*s));
}

int db_skew(ex_skew *out, uclog_log *a, uclog_log *b)
{
    uclog_index *ia = NULL, *ib = NULL;
    int rc = uclog_index_build(&ia, a);

    memset(out, 0, sizeof(*out));
    if (rc == 0)
        rc = uclog_index_build(&ib, b);
    if (rc == 0)
        rc = ex_pair_skew(out, ia, ib);
    uclog_index_free(ia);
    uclog_index_free(ib);
    return rc;
}

/* ---- the shared calls ---- */

/* Side 1's calls in Call-ID order, for finding side 0's there. */
static const db_side *sorted_side;

static int by_call_id(const void *x, const void *y)
{
    const db_call *a = &sorted_side->calls[*(const uint32_t *)x], *b = &sorted_side->calls[*(const uint32_t *)y];
    int c = strcmp(a->call_id ? a->call_id : "", b->call_id ? b->call_id : "");

    return c ? c : *(const uint32_t *)x < *(const uint32_t *)y ? -1 : 1;
}

/* The first call of s with this Call-ID (order: s's calls sorted by Call-ID), or UINT32_MAX. */
static uint32_t find_call(const db_side *s, const uint32_t *order, const char *id)
{
    uint32_t lo = 0, hi = s->ncalls;

    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (strcmp(s->calls[order[mid]].call_id ? s->calls[order[mid]].call_id : "", id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->ncalls && s->calls[order[lo]].call_id && !strcmp(s->calls[order[lo]].call_id, id) ? order[lo]
                                                                                                       : UINT32_MAX;
}

static const char *role(const db_call *c)
{
    return c->direction == UCLOG_DIAG_CALL_OUTGOING ? "caller" : c->direction == UCLOG_DIAG_CALL_INCOMING ? "callee"
                                                                                                            : "party";
}

/* The first of the call's verdicts on side s with this code, or NULL. */
static const db_verdict *verdict_of(const db_side *s, const db_call *c, int32_t code)
{
    uint32_t k;

    for (k = 0; k < c->nverdicts; k++)
        if (s->verdicts[c->verdict + k].code == code)
            return &s->verdicts[c->verdict + k];
    return NULL;
}

/* ---- what the two sides say together ---- */

/* The findings: what the JSON names them, the verdict they rest on (finding_text() says them). */
enum { F_NO_EDGE, F_NAT_PRIVATE, F_ICE_BOTH, F_ICE_ONE, F_NONE };
static const struct {
    const char *name;
    int32_t code;
} finding_table[] = {
    {"no_edge_candidate", UCLOG_DIAG_NO_EDGE_CANDIDATE},
    {"edge_private_address", UCLOG_DIAG_EDGE_NAT_PRIVATE_ADDRESS},
    {"ice_failed", UCLOG_DIAG_MEDIA_CONNECTIVITY_FAILED},
    {"ice_failed", UCLOG_DIAG_MEDIA_CONNECTIVITY_FAILED},
    {"none", 0},
};

typedef struct {
    int kind;
    int side; /* 0 or 1; -1 both (F_ICE_BOTH) or neither (F_NONE) */
} finding;

/* The findings of a shared call, in the order they are said; returns how many (at least 1). */
static int findings(finding out[5], const db_side s[2], const db_call *c[2])
{
    int k, n = 0, ice[2];

    for (k = 0; k < 2; k++) {
        if (verdict_of(&s[k], c[k], UCLOG_DIAG_NO_EDGE_CANDIDATE))
            out[n].kind = F_NO_EDGE, out[n++].side = k;
        if (verdict_of(&s[k], c[k], UCLOG_DIAG_EDGE_NAT_PRIVATE_ADDRESS))
            out[n].kind = F_NAT_PRIVATE, out[n++].side = k;
    }
    ice[0] = verdict_of(&s[0], c[0], UCLOG_DIAG_MEDIA_CONNECTIVITY_FAILED) != NULL;
    ice[1] = verdict_of(&s[1], c[1], UCLOG_DIAG_MEDIA_CONNECTIVITY_FAILED) != NULL;
    if (ice[0] && ice[1])
        out[n].kind = F_ICE_BOTH, out[n++].side = -1;
    else if (ice[0] || ice[1])
        out[n].kind = F_ICE_ONE, out[n++].side = ice[1];
    if (!n)
        out[n].kind = F_NONE, out[n++].side = -1;
    return n;
}

static void finding_text(char *buf, size_t size, const finding *f, const db_call *c[2])
{
    const char *who = f->side >= 0 ? role(c[f->side]) : "";

    switch (f->kind) {
    case F_NO_EDGE:
        snprintf(buf, size, "the %s's offer lacked an Edge candidate (210 on the %s's side)", who, who);
        break;
    case F_NAT_PRIVATE:
        snprintf(buf, size, "the %s's offer carries the Edge's private address, not its NAT'ed one (220)", who);
        break;
    /* the ms-client-diagnostics that says ICE failed travels between the two, so both logs may
     * hold it; a side whose log alone holds it is named */
    case F_ICE_BOTH:
        snprintf(buf, size, "ICE failed: media did not connect between the two (300 in both logs)");
        break;
    case F_ICE_ONE:
        snprintf(buf, size, "the %s's ICE failed: media did not connect, as its log alone says (300)", who);
        break;
    default:
        snprintf(buf, size, "neither side's offer lacked an Edge candidate, and neither side says its ICE failed");
    }
}

/* ---- text ---- */

/* "Clock of sip:bob@… is 2.500 s ahead of sip:alice@…'s, ..." */
static void skew_text(const db_side s[2], const ex_skew *skew)
{
    if (!skew->known) {
        puts("Clock skew unknown: no message went both ways between the two logs");
        return;
    }
    fputs("Clock of ", stdout);
    ex_put_z(s[1].uri ? s[1].uri : "client 2");
    printf(" is %.3f s %s ", (double)(skew->skew_ms < 0 ? -skew->skew_ms : skew->skew_ms) / 1000,
           skew->skew_ms < 0 ? "behind" : "ahead of");
    ex_put_z(s[0].uri ? s[0].uri : "client 1");
    printf("'s,\nfrom %u messages one side sent and the other received (uclog-flow draws them)\n",
           (unsigned)(skew->ab + skew->ba));
}

/* "  caller sip:alice@…: 210 NO_EDGE_CANDIDATE, 310 CALL_REJECTED" */
static void side_text(const db_side *s, const db_call *c)
{
    uint32_t k;

    printf("  %s ", role(c));
    ex_put_z(s->uri ? s->uri : "(unknown)");
    putchar(':');
    for (k = 0; k < c->nverdicts; k++)
        printf("%s %d %s", k ? "," : "", (int)s->verdicts[c->verdict + k].code,
               uclog_diag_code_name(s->verdicts[c->verdict + k].code));
    puts(c->nverdicts ? "" : " no verdict");
}

static void call_text(const db_side s[2], const db_call *c[2], int form)
{
    finding f[5];
    char buf[160];
    int k, n = findings(f, s, c);

    if (form == DB_SUMMARY) {
        ex_put_z(c[0]->call_id);
        for (k = 0; k < n; k++) {
            finding_text(buf, sizeof(buf), &f[k], c);
            printf("%s%s", k ? "; " : "  ", buf);
        }
        putchar('\n');
        return;
    }
    fputs("Call ", stdout);
    ex_put_z(c[0]->call_id);
    putchar('\n');
    side_text(&s[0], c[0]);
    side_text(&s[1], c[1]);
    for (k = 0; k < n; k++) {
        finding_text(buf, sizeof(buf), &f[k], c);
        printf("  So: %s\n", buf);
    }
}

/* ---- JSON ---- */

static void skew_json(const ex_skew *skew)
{
    if (skew->known)
        printf("{\"known\": true, \"ms\": %lld, \"delay_ms\": %lld", (long long)skew->skew_ms,
               (long long)skew->delay_ms);
    else
        fputs("{\"known\": false, \"ms\": null, \"delay_ms\": null", stdout);
    printf(", \"pairs\": %u}", (unsigned)(skew->ab + skew->ba));
}

static void side_json(const db_side *s, const db_call *c, int number)
{
    uint32_t k;

    printf("{\"client_number\": %d, \"uri\": ", number);
    dj_str(s->uri);
    fputs(", \"role\": ", stdout);
    dj_str(role(c));
    fputs(", \"verdicts\": [", stdout);
    for (k = 0; k < c->nverdicts; k++) {
        printf("%s{\"code\": %d, \"name\": ", k ? ", " : "", (int)s->verdicts[c->verdict + k].code);
        dj_str(uclog_diag_code_name(s->verdicts[c->verdict + k].code));
        putchar('}');
    }
    fputs("]}", stdout);
}

/* The evidence of side k's verdict of code on the call, each item with its client's number. */
static int evidence_json(const db_side *s, const db_call *c, int32_t code, int number, int more)
{
    const db_verdict *v = verdict_of(s, c, code);
    uint32_t k;

    for (k = 0; v && k < v->nevidence; k++) {
        const db_evidence *e = &s->evidence[v->evidence + k];
        printf("%s{\"client_number\": %d, \"file\": ", more++ ? ", " : "", number);
        dj_str(e->file);
        if (e->file)
            printf(", \"line\": %u, \"offset\": %llu", (unsigned)e->line, (unsigned long long)e->offset);
        else
            fputs(", \"line\": null, \"offset\": null", stdout);
        fputs(", \"time\": ", stdout);
        dj_time(e->has_time ? &e->time : NULL);
        fputs(", \"detail\": ", stdout);
        dj_str(e->detail);
        putchar('}');
    }
    return more;
}

static void finding_json(const db_side s[2], const db_call *c[2], const finding *f)
{
    char buf[160];
    int32_t code = finding_table[f->kind].code;
    int k, more = 0;

    fputs("{\"finding\": ", stdout);
    dj_str(finding_table[f->kind].name);
    if (code)
        printf(", \"code\": %d, \"name\": ", (int)code);
    else
        fputs(", \"code\": null, \"name\": ", stdout);
    dj_str(code ? uclog_diag_code_name(code) : NULL);
    fputs(", \"side\": ", stdout);
    dj_str(f->side >= 0 ? role(c[f->side]) : f->kind == F_ICE_BOTH ? "both" : NULL);
    fputs(", \"client_numbers\": [", stdout);
    if (f->side >= 0)
        printf("%d", f->side + 1);
    else if (f->kind == F_ICE_BOTH)
        fputs("1, 2", stdout);
    finding_text(buf, sizeof(buf), f, c);
    fputs("], \"text\": ", stdout);
    dj_str(buf);
    fputs(", \"evidence\": [", stdout);
    for (k = 0; code && k < 2; k++)
        if (f->side == k || f->side < 0)
            more = evidence_json(&s[k], c[k], code, k + 1, more);
    fputs("]}", stdout);
}

static void call_json(const db_side s[2], const db_call *c[2], int shown)
{
    finding f[5];
    int k, n = findings(f, s, c);

    fputs(shown ? ", {\"call_id\": " : "{\"call_id\": ", stdout);
    dj_str(c[0]->call_id);
    fputs(", \"sides\": [", stdout);
    side_json(&s[0], c[0], 1);
    fputs(", ", stdout);
    side_json(&s[1], c[1], 2);
    fputs("], \"findings\": [", stdout);
    for (k = 0; k < n; k++) {
        if (k)
            fputs(", ", stdout);
        finding_json(s, c, &f[k]);
    }
    fputs("]}", stdout);
}

/* ---- the part ---- */

int db_print_both(const db_side s[2], const ex_skew *skew, int form)
{
    uint32_t *order = malloc(((size_t)s[1].ncalls + 1) * sizeof(*order)), i, b;
    int shared = 0, shown = 0;
    const db_call *c[2];

    if (!order)
        return UCLOG_E_NOMEM;
    for (i = 0; i < s[1].ncalls; i++)
        order[i] = i;
    sorted_side = &s[1];
    qsort(order, s[1].ncalls, sizeof(*order), by_call_id);
    if (form == DB_JSON) {
        fputs("{\"clock_skew\": ", stdout);
        skew_json(skew);
        fputs(", \"calls\": [", stdout);
    }
    for (i = 0; i < s[0].ncalls; i++) {
        c[0] = &s[0].calls[i];
        if (!c[0]->call_id || (b = find_call(&s[1], order, c[0]->call_id)) == UINT32_MAX)
            continue;
        c[1] = &s[1].calls[b];
        shared++;
        if (!c[0]->shown && !c[1]->shown)
            continue;
        if (form == DB_JSON) {
            call_json(s, c, shown++);
            continue;
        }
        if (!shown++) {
            puts("\nBoth sides of the calls");
            skew_text(s, skew);
        }
        call_text(s, c, form);
    }
    if (form == DB_JSON)
        fputs("]}", stdout);
    else if (!shared)
        puts("\nBoth sides of the calls: no Call-ID is in both clients' logs");
    else if (!shown)
        puts("\nBoth sides of the calls: none of the calls shown is in both clients' logs");
    free(order);
    return shown;
}
