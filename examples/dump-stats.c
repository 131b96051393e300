/*
 * uclog-dump --stats. The messages are counted as the index is built (its
 * filter sees each one once); the transactions and the calls are read from
 * the index afterwards. Memory: a tally per file, a byte per message kept,
 * and one entry per distinct method and diagnostics code.
 */
#include "dump-stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uclog/diag.h>

#include "colour.h"
#include "common.h"
#include "csv.h"

/* ---- counting by a text key ---- */

struct count {
    char *key; /* NUL-terminated copy */
    size_t len;
    uint64_t n;
    uint32_t kind, id; /* a diagnostics code: kind 0 when the entry did not parse */
};

/* An open-addressing table of counts by key. */
struct counter {
    struct count *slot;
    size_t cap, used;
};

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    size_t i;
    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static int counter_grow(struct counter *c)
{
    size_t cap = c->cap ? c->cap * 2 : 16, i, j;
    struct count *s = calloc(cap, sizeof(*s));

    if (!s)
        return -1;
    for (i = 0; i < c->cap; i++) {
        if (!c->slot[i].key)
            continue;
        for (j = hash(c->slot[i].key, c->slot[i].len) & (cap - 1); s[j].key; j = (j + 1) & (cap - 1))
            ;
        s[j] = c->slot[i];
    }
    free(c->slot);
    c->slot = s;
    c->cap = cap;
    return 0;
}

/* The count of key (made, at 0, when new); NULL when memory runs out. */
static struct count *counter_at(struct counter *c, const char *key, size_t len)
{
    size_t j;

    if ((c->used + 1) * 10 > c->cap * 7 && counter_grow(c))
        return NULL;
    for (j = hash(key, len) & (c->cap - 1); c->slot[j].key; j = (j + 1) & (c->cap - 1))
        if (c->slot[j].len == len && !memcmp(c->slot[j].key, key, len))
            return &c->slot[j];
    if (!(c->slot[j].key = malloc(len + 1)))
        return NULL;
    memcpy(c->slot[j].key, key, len);
    c->slot[j].key[len] = '\0';
    c->slot[j].len = len;
    c->used++;
    return &c->slot[j];
}

static void counter_free(struct counter *c)
{
    size_t i;
    for (i = 0; i < c->cap; i++)
        free(c->slot[i].key);
    free(c->slot);
}

static int by_count(const void *a, const void *b)
{
    const struct count *x = *(const struct count *const *)a, *y = *(const struct count *const *)b;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return strcmp(x->key, y->key);
}

/* The counts, most first (then by key), in a malloc'd array of c->used; NULL when empty or out of memory. */
static struct count **counter_sorted(const struct counter *c)
{
    struct count **v;
    size_t i, n = 0;

    if (!c->used || !(v = malloc(c->used * sizeof(*v))))
        return NULL;
    for (i = 0; i < c->cap; i++)
        if (c->slot[i].key)
            v[n++] = &c->slot[i];
    qsort(v, n, sizeof(*v), by_count);
    return v;
}

/* ---- the tallies ---- */

/* What is counted for the whole set and for each file. */
struct tally {
    uint64_t messages, bytes, requests, responses, failures, diagnostics;
    uint64_t dir[3], dir_bytes[3]; /* by ::uclog_direction */
    uint64_t status[1000];
    struct counter methods, diags;
};

struct txn {
    int64_t ms;
    uint32_t request, response;
};

struct stats {
    const uclog_log *log;
    uclog_index_filter_fn keep;
    void *userdata;
    struct tally all, *files;
    uint32_t nfiles;
    unsigned char *media; /* per message kept: ms-client-diagnostics 22-26 */
    size_t nmsg, capmsg;
    int nomem;
    uint64_t outcomes[5]; /* by ::uclog_diag_call_outcome */
    struct txn top[DUMP_STATS_LONGEST];
    int ntop;
};

static const char *const dir_names[3] = {"unknown", "sent", "received"};

static void tally_diag(struct tally *t, uint32_t kind, uclog_str entry, int *media, int *nomem)
{
    char key[64];
    uint32_t id = 0;
    struct count *c;
    int ok = uclog_sip_diag_parse(&id, NULL, NULL, NULL, entry) == 0;

    if (ok)
        snprintf(key, sizeof(key), "%s %u", uclog_sip_diag_kind_name(kind), (unsigned)id);
    else
        snprintf(key, sizeof(key), "%s (unreadable)", uclog_sip_diag_kind_name(kind));
    if (!(c = counter_at(&t->diags, key, strlen(key)))) {
        *nomem = 1;
        return;
    }
    c->n++;
    c->kind = ok ? kind : 0;
    c->id = id;
    t->diagnostics++;
    if (ok && kind == UCLOG_SIP_DIAG_CLIENT && id >= 22 && id <= 26)
        *media = 1;
}

static void tally_add(struct tally *t, const uclog_sip *sip, int32_t dir, uint64_t bytes, int *media, int *nomem)
{
    uint32_t i, n = uclog_sip_diag_count(sip), kind = 0;
    uclog_str s;

    t->messages++;
    t->bytes += bytes;
    dir = dir >= 0 && dir < 3 ? dir : 0;
    t->dir[dir]++;
    t->dir_bytes[dir] += bytes;
    if (uclog_sip_is_request(sip)) {
        struct count *c;
        t->requests++;
        s.ptr = NULL;
        s.len = 0;
        uclog_sip_request_line(&s, NULL, NULL, sip);
        if (!(c = counter_at(&t->methods, s.ptr ? s.ptr : "", s.ptr ? s.len : 0)))
            *nomem = 1;
        else
            c->n++;
    } else {
        uint32_t status = 0;
        t->responses++;
        uclog_sip_status_line(NULL, &status, NULL, sip);
        t->status[status % 1000]++;
        t->failures += status >= 400 && status < 700;
    }
    for (i = 0; i < n; i++)
        if (uclog_sip_diag(&s, &kind, sip, i) == 0)
            tally_diag(t, kind, s, media, nomem);
}

static void tally_free(struct tally *t)
{
    counter_free(&t->methods);
    counter_free(&t->diags);
}

/* The bytes of a message: from its start line through the end of its body. */
static uint64_t message_bytes(const uclog_sip *sip)
{
    uclog_str line, body;

    if (uclog_sip_start_line(&line, NULL, sip) != 0 || !line.ptr)
        return 0;
    if (uclog_sip_body(&body, NULL, sip) == 0 && body.ptr && body.ptr + body.len >= line.ptr)
        return (uint64_t)(body.ptr + body.len - line.ptr);
    return line.len;
}

/* A tally for each of the first n files (a file with no message kept has one too). */
static int files_reach(struct stats *st, uint32_t n)
{
    struct tally *f;

    if (n <= st->nfiles)
        return 0;
    if (!(f = realloc(st->files, n * sizeof(*f))))
        return -1;
    memset(f + st->nfiles, 0, (n - st->nfiles) * sizeof(*f));
    st->files = f;
    st->nfiles = n;
    return 0;
}

/* The index's filter: the caller's, then the counting. */
static int count_message(const uclog_sip *sip, const uclog_packet *pkt, void *userdata)
{
    struct stats *st = userdata;
    uint64_t bytes;
    uclog_span sp;
    int media = 0;
    int32_t dir;

    if (st->keep && !st->keep(sip, pkt, st->userdata))
        return 0;
    if (st->nmsg == st->capmsg) {
        size_t cap = st->capmsg ? st->capmsg * 2 : 256;
        unsigned char *m = realloc(st->media, cap);
        if (!m) {
            st->nomem = 1;
            return 0;
        }
        st->media = m;
        st->capmsg = cap;
    }
    uclog_sip_span(&sp, sip);
    if (files_reach(st, sp.file + 1)) {
        st->nomem = 1;
        return 0;
    }
    bytes = message_bytes(sip);
    dir = uclog_packet_direction(pkt);
    tally_add(&st->all, sip, dir, bytes, &media, &st->nomem);
    tally_add(&st->files[sp.file], sip, dir, bytes, &media, &st->nomem);
    st->media[st->nmsg++] = (unsigned char)media;
    return 1;
}

/* ---- transactions ---- */

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    int64_t era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int message_ms(int64_t *ms, const uclog_index *idx, uint32_t i)
{
    uclog_timestamp ts;

    if (uclog_index_message_timestamp(&ts, idx, i) != 0)
        return -1;
    *ms = days_from_civil(ts.year, ts.month, ts.day) * 86400000 +
          (((int64_t)ts.hour * 60 + ts.minute) * 60 + ts.second) * 1000 + ts.millisecond;
    return 0;
}

/* Keep the DUMP_STATS_LONGEST longest, longest first (the earlier request first among equals). */
static void top_add(struct stats *st, int64_t ms, uint32_t request, uint32_t response)
{
    int at = st->ntop;

    if (at == DUMP_STATS_LONGEST && st->top[at - 1].ms >= ms)
        return;
    if (at == DUMP_STATS_LONGEST)
        at--;
    for (; at > 0 && st->top[at - 1].ms < ms; at--)
        st->top[at] = st->top[at - 1];
    st->top[at].ms = ms;
    st->top[at].request = request;
    st->top[at].response = response;
    if (st->ntop < DUMP_STATS_LONGEST)
        st->ntop++;
}

static void find_longest(struct stats *st, const uclog_index *idx)
{
    uint32_t i, fin, n = uclog_index_message_count(idx);
    int32_t type;
    int64_t a, b;

    for (i = 0; i < n; i++)
        if (uclog_index_message_type(&type, NULL, NULL, idx, i) == 0 && type == UCLOG_INDEX_REQUEST &&
            uclog_index_final_response(&fin, idx, i) == 0 && message_ms(&a, idx, i) == 0 &&
            message_ms(&b, idx, fin) == 0 && b >= a)
            top_add(st, b - a, i, fin);
}

/* ---- calls ---- */

static int is_method(const uclog_index *idx, uint32_t i, const char *method)
{
    int32_t type;
    uclog_str m;

    return uclog_index_message_type(&type, &m, NULL, idx, i) == 0 && type == UCLOG_INDEX_REQUEST &&
           m.len == strlen(method) && !memcmp(m.ptr, method, m.len);
}

static uint32_t status_of(const uclog_index *idx, uint32_t i)
{
    uint32_t status = 0;
    uclog_index_message_type(NULL, NULL, &status, idx, i);
    return status;
}

/*
 * How call c ended, by the rules of uclog-diagnose: ms-client-diagnostics
 * 22-26 in it, media-failed; else the final answer to its first INVITE
 * (the client's INVITE sent again after a 401/407 carries the attempt on;
 * a CANCEL the client sent before the answer: cancelled; a call it
 * received: cancelled by its 487).
 */
static int32_t call_outcome(const struct stats *st, const uclog_index *idx, uint32_t c)
{
    uint32_t k, m, inv = UINT32_MAX, at = 0, fin, status, n = uclog_index_call_message_count(idx, c);
    int outgoing, cancelled = 0;

    for (k = 0; k < n && uclog_index_call_message(&m, idx, c, k) == 0; k++) {
        if (m < st->nmsg && st->media[m])
            return UCLOG_DIAG_OUTCOME_MEDIA_FAILED;
        if (inv == UINT32_MAX && is_method(idx, m, "INVITE")) {
            inv = m;
            at = k;
        }
    }
    if (inv == UINT32_MAX)
        return -1; /* not a call */
    outgoing = uclog_index_message_direction(idx, inv) == UCLOG_DIRECTION_SENT;
    /* Each step reads on from the INVITE it starts at: linear in the call's messages. */
    for (;;) {
        uint32_t next = UINT32_MAX, next_at = 0;
        if (uclog_index_final_response(&fin, idx, inv) != 0)
            return UCLOG_DIAG_OUTCOME_UNKNOWN;
        status = status_of(idx, fin);
        if (!outgoing)
            break;
        cancelled = 0;
        for (k = at + 1; k < n && uclog_index_call_message(&m, idx, c, k) == 0; k++) {
            if (uclog_index_message_direction(idx, m) != UCLOG_DIRECTION_SENT)
                continue;
            if (m < fin && is_method(idx, m, "CANCEL")) {
                cancelled = 1;
            } else if (m > fin && is_method(idx, m, "INVITE")) {
                next = m;
                next_at = k;
                break;
            }
        }
        if ((status != 401 && status != 407) || next == UINT32_MAX)
            break;
        inv = next;
        at = next_at;
    }
    if (!outgoing)
        cancelled = status == 487;
    return cancelled                                          ? UCLOG_DIAG_OUTCOME_CANCELLED
           : status >= 200 && status < 300                    ? UCLOG_DIAG_OUTCOME_ESTABLISHED
           : status >= 400 && status != 401 && status != 407 ? UCLOG_DIAG_OUTCOME_REFUSED
                                                              : UCLOG_DIAG_OUTCOME_UNKNOWN;
}

static void count_outcomes(struct stats *st, const uclog_index *idx)
{
    uint32_t c, n = uclog_index_call_count(idx);

    for (c = 0; c < n; c++) {
        int32_t o = call_outcome(st, idx, c);
        if (o >= 0 && o < 5)
            st->outcomes[o]++;
    }
}

/* ---- output ---- */

static const char *meaning_of(const struct count *c)
{
    const uclog_diag_ms_code *code = NULL;

    if (!c->kind || uclog_diag_ms_code_lookup(&code, c->kind, c->id) != 0)
        return NULL;
    return uclog_diag_ms_code_meaning(code);
}

/* What a transaction is: its request's method, CSeq, Call-ID, place; its answer's status. */
struct txn_view {
    uclog_str method, call_id;
    uint32_t cseq, status;
    uclog_span span;
};

static void txn_view(struct txn_view *v, const uclog_index *idx, const struct txn *t)
{
    memset(v, 0, sizeof(*v));
    uclog_index_message_type(NULL, &v->method, NULL, idx, t->request);
    uclog_index_message_call_id(&v->call_id, idx, t->request);
    uclog_index_message_cseq(&v->cseq, NULL, idx, t->request);
    uclog_index_message_span(&v->span, idx, t->request);
    v->status = status_of(idx, t->response);
}

/* One row of a text table: the key (in colour c) padded to 28 columns, the count. */
static void text_row(const char *indent, int c, const char *key, size_t len, uint64_t n)
{
    const char *start = ex_colour_start(c);
    int col;

    printf("%s  %s", indent, start);
    col = ex_put_text(key, len);
    printf("%s%*s %7llu", *start ? ex_colour_end() : "", col < 28 ? 28 - col : 0, "", (unsigned long long)n);
}

static void text_tally(const struct tally *t, const char *indent)
{
    struct count **v;
    size_t i;
    uint32_t s;
    int d;
    char key[8];

    printf("%sMessages: %llu (%llu requests, %llu responses, %llu failures), %llu bytes\n", indent,
           (unsigned long long)t->messages, (unsigned long long)t->requests, (unsigned long long)t->responses,
           (unsigned long long)t->failures, (unsigned long long)t->bytes);
    printf("%sBy direction:\n", indent);
    for (d = 1; d <= 3; d++) {
        int k = d % 3; /* sent, received, then unknown */
        if (k == 0 && !t->dir[0])
            continue;
        text_row(indent, k == 1 ? EX_COLOUR_SENT : k == 2 ? EX_COLOUR_RECEIVED : 0, dir_names[k],
                 strlen(dir_names[k]), t->dir[k]);
        printf("  %llu bytes\n", (unsigned long long)t->dir_bytes[k]);
    }
    printf("%sRequests by method:\n", indent);
    if ((v = counter_sorted(&t->methods)) != NULL) {
        for (i = 0; i < t->methods.used; i++) {
            text_row(indent, 0, v[i]->key, v[i]->len, v[i]->n);
            putchar('\n');
        }
        free(v);
    }
    printf("%sResponses by code:\n", indent);
    for (s = 0; s < 1000; s++)
        if (t->status[s]) {
            snprintf(key, sizeof(key), "%03u", s);
            text_row(indent, s >= 400 && s < 700 ? EX_COLOUR_FAILURE : 0, key, 3, t->status[s]);
            putchar('\n');
        }
    printf("%sms-diagnostics:\n", indent);
    if ((v = counter_sorted(&t->diags)) != NULL) {
        for (i = 0; i < t->diags.used; i++) {
            const char *meaning = meaning_of(v[i]);
            text_row(indent, EX_COLOUR_DIAG, v[i]->key, v[i]->len, v[i]->n);
            if (meaning) {
                fputs("  ", stdout);
                ex_put_z(meaning);
            }
            putchar('\n');
        }
        free(v);
    }
}

static void print_text(const struct stats *st, const uclog_index *idx)
{
    uint32_t f;
    int i;

    text_tally(&st->all, "");
    if (uclog_index_unusable_count(idx))
        printf("Packets that yielded no SIP message: %llu\n", (unsigned long long)uclog_index_unusable_count(idx));
    printf("Calls by outcome:\n");
    for (i = 0; i < 5; i++)
        if (st->outcomes[i]) {
            const char *name = uclog_diag_call_outcome_name(i);
            text_row("", i == UCLOG_DIAG_OUTCOME_REFUSED || i == UCLOG_DIAG_OUTCOME_MEDIA_FAILED ? EX_COLOUR_FAILURE : 0,
                     name, strlen(name), st->outcomes[i]);
            putchar('\n');
        }
    printf("Longest transactions (request to final response):\n");
    for (i = 0; i < st->ntop; i++) {
        struct txn_view v;
        char head[64];
        txn_view(&v, idx, &st->top[i]);
        snprintf(head, sizeof(head), "  %8lld ms  ", (long long)st->top[i].ms);
        fputs(head, stdout);
        ex_put_text(v.method.ptr, v.method.len);
        printf(" (CSeq %u) -> %s%03u%s  ", (unsigned)v.cseq,
               ex_colour_start(v.status >= 400 && v.status < 700 ? EX_COLOUR_FAILURE : 0), (unsigned)v.status,
               v.status >= 400 && v.status < 700 ? ex_colour_end() : "");
        ex_put_z(uclog_log_file_name(st->log, v.span.file));
        printf(":%u  ", (unsigned)v.span.line);
        ex_put_text(v.call_id.ptr, v.call_id.len);
        putchar('\n');
    }
    if (st->nfiles > 1)
        for (f = 0; f < st->nfiles; f++) {
            fputs("==> ", stdout);
            ex_put_z(uclog_log_file_name(st->log, f));
            fputs(" <==\n", stdout);
            text_tally(&st->files[f], "  ");
        }
}

static void json_tally(const struct tally *t)
{
    struct count **v;
    size_t i;
    uint32_t s;
    int d, first = 1;

    printf("{\"messages\": %llu, \"requests\": %llu, \"responses\": %llu, \"failures\": %llu, \"bytes\": %llu, "
           "\"directions\": {",
           (unsigned long long)t->messages, (unsigned long long)t->requests, (unsigned long long)t->responses,
           (unsigned long long)t->failures, (unsigned long long)t->bytes);
    for (d = 1; d <= 3; d++)
        printf("%s\"%s\": {\"messages\": %llu, \"bytes\": %llu}", d > 1 ? ", " : "", dir_names[d % 3],
               (unsigned long long)t->dir[d % 3], (unsigned long long)t->dir_bytes[d % 3]);
    fputs("}, \"methods\": [", stdout);
    if ((v = counter_sorted(&t->methods)) != NULL) {
        for (i = 0; i < t->methods.used; i++) {
            fputs(i ? ", {\"method\": " : "{\"method\": ", stdout);
            ex_json_strn(v[i]->key, v[i]->len);
            printf(", \"count\": %llu}", (unsigned long long)v[i]->n);
        }
        free(v);
    }
    fputs("], \"statuses\": [", stdout);
    for (s = 0; s < 1000; s++)
        if (t->status[s]) {
            printf("%s{\"status\": %u, \"count\": %llu}", first ? "" : ", ", s, (unsigned long long)t->status[s]);
            first = 0;
        }
    fputs("], \"ms_diagnostics\": [", stdout);
    if ((v = counter_sorted(&t->diags)) != NULL) {
        for (i = 0; i < t->diags.used; i++) {
            const char *meaning = meaning_of(v[i]);
            printf("%s{\"kind\": \"%s\", \"id\": ", i ? ", " : "",
                   uclog_sip_diag_kind_name(v[i]->kind ? v[i]->kind : UCLOG_SIP_DIAG_SERVER));
            if (v[i]->kind)
                printf("%u", (unsigned)v[i]->id);
            else
                fputs("null", stdout);
            printf(", \"count\": %llu, \"meaning\": ", (unsigned long long)v[i]->n);
            ex_json_strn(meaning, meaning ? strlen(meaning) : 0);
            putchar('}');
        }
        free(v);
    }
    fputs("]}", stdout);
}

static void print_json(const struct stats *st, const uclog_index *idx)
{
    uint32_t f;
    int i;

    fputs("{\"stats\": {\"all\": ", stdout);
    json_tally(&st->all);
    printf(", \"unusable_packets\": %llu, \"calls\": {", (unsigned long long)uclog_index_unusable_count(idx));
    for (i = 0; i < 5; i++)
        printf("%s\"%s\": %llu", i ? ", " : "", uclog_diag_call_outcome_name(i), (unsigned long long)st->outcomes[i]);
    fputs("}, \"longest_transactions\": [", stdout);
    for (i = 0; i < st->ntop; i++) {
        struct txn_view v;
        txn_view(&v, idx, &st->top[i]);
        printf("%s{\"ms\": %lld, \"method\": ", i ? ", " : "", (long long)st->top[i].ms);
        ex_json_strn(v.method.ptr, v.method.len);
        printf(", \"cseq\": %u, \"status\": %u, \"call_id\": ", (unsigned)v.cseq, (unsigned)v.status);
        ex_json_strn(v.call_id.ptr, v.call_id.len);
        fputs(", \"file\": ", stdout);
        ex_json_strn(uclog_log_file_name(st->log, v.span.file), strlen(uclog_log_file_name(st->log, v.span.file)));
        printf(", \"line\": %u}", (unsigned)v.span.line);
    }
    fputs("], \"files\": [", stdout);
    for (f = 0; f < st->nfiles; f++) {
        const char *name = uclog_log_file_name(st->log, f);
        fputs(f ? ", {\"file\": " : "{\"file\": ", stdout);
        ex_json_strn(name, name ? strlen(name) : 0);
        fputs(", \"counts\": ", stdout);
        json_tally(&st->files[f]);
        putchar('}');
    }
    fputs("]}}\n", stdout);
}

/* One CSV row: file,section,key,count,bytes,duration_ms,call_id,line,detail. */
static void csv_row(const char *file, const char *section, const char *key, size_t keylen, uint64_t count,
                    const uint64_t *bytes)
{
    ex_csv_z(file, 1);
    ex_csv_z(section, 0);
    ex_csv_field(key, keylen, 0);
    ex_csv_u(count, 0);
    if (bytes)
        ex_csv_u(*bytes, 0);
    else
        ex_csv_z(NULL, 0);
}

static void csv_tally(const struct tally *t, const char *file)
{
    struct count **v;
    size_t i;
    uint32_t s;
    int d;
    char key[8];

    csv_row(file, "messages", "all", 3, t->messages, &t->bytes);
    fputs(",,,,", stdout);
    ex_csv_end();
    csv_row(file, "messages", "failures", 8, t->failures, NULL);
    fputs(",,,,", stdout);
    ex_csv_end();
    for (d = 1; d <= 3; d++) {
        csv_row(file, "direction", dir_names[d % 3], strlen(dir_names[d % 3]), t->dir[d % 3], &t->dir_bytes[d % 3]);
        fputs(",,,,", stdout);
        ex_csv_end();
    }
    if ((v = counter_sorted(&t->methods)) != NULL) {
        for (i = 0; i < t->methods.used; i++) {
            csv_row(file, "method", v[i]->key, v[i]->len, v[i]->n, NULL);
            fputs(",,,,", stdout);
            ex_csv_end();
        }
        free(v);
    }
    for (s = 0; s < 1000; s++)
        if (t->status[s]) {
            snprintf(key, sizeof(key), "%03u", s);
            csv_row(file, "status", key, 3, t->status[s], NULL);
            fputs(",,,,", stdout);
            ex_csv_end();
        }
    if ((v = counter_sorted(&t->diags)) != NULL) {
        for (i = 0; i < t->diags.used; i++) {
            csv_row(file, "ms_diagnostics", v[i]->key, v[i]->len, v[i]->n, NULL);
            fputs(",,,", stdout);
            ex_csv_z(meaning_of(v[i]), 0);
            ex_csv_end();
        }
        free(v);
    }
}

static void print_csv(const struct stats *st, const uclog_index *idx)
{
    uint32_t f;
    int i;

    fputs("file,section,key,count,bytes,duration_ms,call_id,line,detail", stdout);
    ex_csv_end();
    csv_tally(&st->all, NULL);
    csv_row(NULL, "unusable_packets", "all", 3, uclog_index_unusable_count(idx), NULL);
    fputs(",,,,", stdout);
    ex_csv_end();
    for (i = 0; i < 5; i++) {
        const char *name = uclog_diag_call_outcome_name(i);
        csv_row(NULL, "calls", name, strlen(name), st->outcomes[i], NULL);
        fputs(",,,,", stdout);
        ex_csv_end();
    }
    for (i = 0; i < st->ntop; i++) {
        struct txn_view v;
        char detail[32];
        txn_view(&v, idx, &st->top[i]);
        csv_row(uclog_log_file_name(st->log, v.span.file), "transaction", v.method.ptr, v.method.len, 1, NULL);
        printf(",%lld", (long long)st->top[i].ms);
        ex_csv_field(v.call_id.ptr, v.call_id.len, 0);
        printf(",%u", (unsigned)v.span.line);
        snprintf(detail, sizeof(detail), "CSeq %u, %03u", (unsigned)v.cseq, (unsigned)v.status);
        ex_csv_z(detail, 0);
        ex_csv_end();
    }
    for (f = 0; f < st->nfiles; f++)
        csv_tally(&st->files[f], uclog_log_file_name(st->log, f));
}

int dump_stats(uclog_log *log, int form, uclog_index_filter_fn keep, void *userdata)
{
    struct stats *st = calloc(1, sizeof(*st));
    uclog_index *idx = NULL;
    uint32_t f;
    int rc;

    if (!st)
        return UCLOG_E_NOMEM;
    st->log = log;
    st->keep = keep;
    st->userdata = userdata;
    rc = uclog_index_build_filtered(&idx, log, count_message, st);
    if (rc == 0 && (st->nomem || files_reach(st, uclog_log_file_count(log))))
        rc = UCLOG_E_NOMEM;
    if (rc == 0) {
        find_longest(st, idx);
        count_outcomes(st, idx);
        if (form == DUMP_STATS_JSON)
            print_json(st, idx);
        else if (form == DUMP_STATS_CSV)
            print_csv(st, idx);
        else
            print_text(st, idx);
    }
    uclog_index_free(idx);
    tally_free(&st->all);
    for (f = 0; f < st->nfiles; f++)
        tally_free(&st->files[f]);
    free(st->files);
    free(st->media);
    free(st);
    return rc;
}
