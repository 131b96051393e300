/* The diagnostics library in parts (uclog_diag_run_parts()): the same verdicts as the whole
 * run, memory that does not grow with the log, cut calls, unusable packets, limits that never
 * turn into certainty, allocation failures. */
#include "diag-fixtures.h"


/* Lines of text, to compare two diagnoses verdict by verdict. */
typedef struct {
    char **line;
    size_t n, cap;
    char facts[1024]; /* the last part's client facts */
    uint32_t parts, calls, last_calls;
    int stop_after; /* >0: the part number to stop at */
} lines;

static void add_line(lines *l, const char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->line = realloc(l->line, l->cap * sizeof(*l->line));
        ck_assert_ptr_nonnull(l->line);
    }
    l->line[l->n] = strdup(s);
    ck_assert_ptr_nonnull(l->line[l->n]);
    l->n++;
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void lines_free(lines *l)
{
    while (l->n)
        free(l->line[--l->n]);
    free(l->line);
}

/* Every verdict of r as one line with all it says (its call by Call-ID, direction and peer). */
static void verdict_lines(lines *l, const uclog_diag_report *r)
{
    uint32_t i, k;
    char buf[65536];

    for (i = 0; i < uclog_diag_report_verdict_count(r); i++) {
        const uclog_diag_verdict *v = uclog_diag_report_verdict(r, i);
        int32_t c = uclog_diag_verdict_call(v);
        uclog_timestamp start = {0};
        size_t len;
        if (c >= 0)
            uclog_diag_report_call_start(&start, r, (uint32_t)c);
        len = (size_t)snprintf(buf, sizeof(buf), "%d|%s|%d|%d|%lld|%s|%s|%s|%d|%s|", (int)uclog_diag_verdict_code(v),
                                      c < 0 ? "-" : uclog_diag_report_call_id(r, (uint32_t)c),
                                      c < 0 ? 0 : (int)uclog_diag_report_call_direction(r, (uint32_t)c),
                                      c < 0 ? -1 : (int)uclog_diag_report_call_outcome(r, (uint32_t)c),
                                      (long long)start.epoch_ms,
                                      c < 0 ? "-" : uclog_diag_report_call_peer(r, (uint32_t)c),
                                      uclog_diag_verdict_summary(v),
                                      uclog_diag_verdict_reason(v) ? uclog_diag_verdict_reason(v) : "-",
                                      (int)uclog_diag_verdict_certainty(v),
                                      uclog_diag_verdict_call_id(v) ? uclog_diag_verdict_call_id(v) : "-");
        for (k = 0; k < uclog_diag_verdict_evidence_count(v) && len < sizeof(buf) - 1024; k++) {
            const uclog_diag_evidence *e = uclog_diag_verdict_evidence(v, k);
            uclog_span sp;
            uclog_timestamp ts;
            int has = uclog_diag_evidence_time(&ts, e) == 0;
            uclog_diag_evidence_span(&sp, e);
            len += (size_t)snprintf(buf + len, sizeof(buf) - len, "[%s %u:%llu+%llu %u:%u %lld %s %s]",
                                    uclog_diag_evidence_file(e) ? uclog_diag_evidence_file(e) : "-", sp.file,
                                    (unsigned long long)sp.offset, (unsigned long long)sp.length, sp.line, sp.column,
                                    has ? (long long)ts.epoch_ms : -1LL,
                                    uclog_diag_evidence_call_id(e) ? uclog_diag_evidence_call_id(e) : "-",
                                    uclog_diag_evidence_detail(e));
        }
        add_line(l, buf);
    }
}

static void facts_of(char *out, size_t size, const uclog_diag_report *r)
{
    snprintf(out, size, "%u %s %s %s %s %d %s", uclog_diag_report_file_count(r),
             uclog_diag_report_file_name(r, 0) ? uclog_diag_report_file_name(r, 0) : "-",
             uclog_diag_report_client_uri(r) ? uclog_diag_report_client_uri(r) : "-",
             uclog_diag_report_client_user_agent(r) ? uclog_diag_report_client_user_agent(r) : "-",
             uclog_diag_report_client_version(r) ? uclog_diag_report_client_version(r) : "-",
             (int)uclog_diag_report_client_location(r), uclog_diag_report_client_location_reason(r));
}

static int collect_part(const uclog_diag_report *part, void *userdata)
{
    lines *l = userdata;
    uint32_t i;

    l->parts++;
    l->last_calls = uclog_diag_report_call_count(part);
    l->calls += l->last_calls;
    ck_assert_uint_le(l->last_calls, 1);
    for (i = 0; i < uclog_diag_report_verdict_count(part); i++) { /* a part's verdicts: its call's or log-wide */
        int32_t c = uclog_diag_verdict_call(uclog_diag_report_verdict(part, i));
        ck_assert(c == -1 || (c == 0 && l->last_calls == 1));
    }
    verdict_lines(l, part);
    facts_of(l->facts, sizeof(l->facts), part);
    return l->stop_after > 0 && l->parts == (uint32_t)l->stop_after ? 7 : 0;
}

/* uclog_diag_run_parts() says of the log what uclog_diag_run() says, verdict by verdict. */
static void parts_agree(const char *const *names, size_t n, uclog_diag_options *opts, uclog_ctx *ctx)
{
    char paths[4][4096], facts[1024];
    const char *p[4];
    uclog_log *log;
    uclog_diag_report *rep;
    lines whole = {0}, parts = {0};
    size_t i;

    for (i = 0; i < n; i++) {
        snprintf(paths[i], sizeof(paths[i]), "%s", tu_data(names[i]));
        p[i] = paths[i];
    }
    ck_assert_int_eq(uclog_log_open_files(&log, ctx, p, n), 0);
    ck_assert_int_eq(uclog_diag_run(&rep, log, opts), 0);
    verdict_lines(&whole, rep);
    facts_of(facts, sizeof(facts), rep);
    ck_assert_int_eq(uclog_diag_run_parts(log, opts, collect_part, &parts), 0);
    ck_assert_uint_eq(parts.calls, uclog_diag_report_call_count(rep));
    ck_assert_uint_eq(parts.last_calls, 0); /* the last part: the log-wide verdicts */
    ck_assert_uint_eq(parts.parts, parts.calls + 1);
    ck_assert_str_eq(parts.facts, facts);
    ck_assert_uint_eq(parts.n, whole.n);
    qsort(whole.line, whole.n, sizeof(char *), by_text);
    qsort(parts.line, parts.n, sizeof(char *), by_text);
    for (i = 0; i < whole.n; i++)
        ck_assert_str_eq(parts.line[i], whole.line[i]);
    lines_free(&whole);
    lines_free(&parts);
    uclog_diag_report_free(rep);
    uclog_log_free(log);
}

static const char *const every_fixture[] = {
    "seed.uccapilog", "seed-lf.uccapilog", "seed-utf16le.uccapilog", "seed-no-mras.uccapilog",
    "seed-mras-unanswered.uccapilog", "diag/call-rejected.uccapilog", "diag/call-declined.uccapilog", "diag/internal-client.uccapilog",
    "diag/invite-only.uccapilog", "diag/media-failed.uccapilog", "diag/mras-504.uccapilog",
    "diag/mras-forbidden.uccapilog", "diag/mras-not-requested.uccapilog", "diag/nat-private.uccapilog",
    "diag/no-sip.uccapilog", "diag/provisioning-refused.uccapilog", "diag/provisioning-unanswered.uccapilog",
    "diag/relay-candidate.uccapilog", "diag/two-calls.uccapilog", "diag/many-calls.uccapilog",
    "diag/parts/relay-stale-order.uccapilog",
    "diag/parts/relay-dedup-order.uccapilog", "diag/parts/local-address-41plus.uccapilog",
    "frames/unusable-frames.uccapilog", "frames/joined-reads.uccapilog", "frames/interleaved-threads.uccapilog",
    "frames/interrupted-frame.uccapilog", "frames/content-length.uccapilog",
    "sources/invite-lf.txt", "sources/several-crlf.txt", "sources/framed-invite.txt", "sources/no-length.txt",
};

START_TEST(parts_agree_with_run)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_diag_options *opts;
    static const char *const rotated[] = {"rotated-uccapi-1.uccapilog", "rotated-uccapi-0.uccapilog"};

    parts_agree(&every_fixture[_i], 1, NULL, ctx);
    ck_assert_int_eq(uclog_diag_options_new(&opts, ctx), 0);
    ck_assert_int_eq(uclog_diag_options_add_edge_private_ip(opts, "10.20.30.40"), 0);
    ck_assert_int_eq(uclog_diag_options_add_edge_ip(opts, "131.107.0.10"), 0);
    parts_agree(&every_fixture[_i], 1, opts, ctx);
    ck_assert_int_eq(uclog_diag_options_set_client_location(opts, UCLOG_DIAG_LOCATION_INTERNAL), 0);
    parts_agree(&every_fixture[_i], 1, opts, ctx);
    parts_agree(rotated, 2, NULL, ctx);
    uclog_diag_options_free(opts);
    uclog_ctx_free(ctx);
    ck_assert_int_eq(tu_live, 0);
}
END_TEST

/* A log of the sign-in of diag/call-rejected.uccapilog, then `calls` copies of its
 * call (the INVITE, with its 404 when `answered`), each with Call-ID %032x of its
 * number. Lines 1-127 are the sign-in, 128-178 the INVITE, 179-189 the 404. */
static char *many_calls(size_t *len, unsigned calls, int answered)
{
    size_t flen, cap, at = 0, k, signin_end = 0, invite_end = 0, answer_end = 0;
    char *f = tu_read("diag/call-rejected.uccapilog", &flen), *out;
    unsigned line = 1, c;

    for (k = 0; k < flen; k++) {
        if (f[k] != '\n')
            continue;
        if (line == 127)
            signin_end = k + 1;
        if (line == 178)
            invite_end = k + 1;
        if (line == 189)
            answer_end = k + 1;
        line++;
    }
    ck_assert(signin_end && invite_end && answer_end);
    if (!answered)
        answer_end = invite_end;
    cap = signin_end + (size_t)calls * (answer_end - signin_end) + 1;
    out = malloc(cap);
    ck_assert_ptr_nonnull(out);
    memcpy(out, f, signin_end);
    at = signin_end;
    for (c = 0; c < calls; c++) {
        char id[40], *p;
        memcpy(out + at, f + signin_end, answer_end - signin_end);
        out[at + (answer_end - signin_end)] = '\0'; /* for strstr; the next copy goes over it */
        snprintf(id, sizeof(id), "%032x", c);
        for (p = out + at; (p = strstr(p, "e41f3fa11696494d90130b78761b202c")) != NULL && p < out + at + (answer_end - signin_end);)
            memcpy(p, id, 32);
        at += answer_end - signin_end;
    }
    out[at] = '\0';
    free(f);
    *len = at;
    return out;
}

typedef struct {
    uint32_t parts, calls;
    char first_call[64], last_call[64];
    char codes[256];
} part_tally;

static int tally_part(const uclog_diag_report *part, void *userdata)
{
    part_tally *t = userdata;
    uint32_t i;

    t->parts++;
    if (uclog_diag_report_call_count(part)) {
        ck_assert_uint_eq(uclog_diag_report_call_count(part), 1);
        snprintf(t->calls++ ? t->last_call : t->first_call, 64, "%s", uclog_diag_report_call_id(part, 0));
    }
    if (t->parts == 1) /* the codes of the first part */
        for (i = 0; i < uclog_diag_report_verdict_count(part); i++) {
            size_t n = strlen(t->codes);
            snprintf(t->codes + n, sizeof(t->codes) - n, "%s%d", n ? " " : "",
                     (int)uclog_diag_verdict_code(uclog_diag_report_verdict(part, i)));
        }
    return 0;
}

static void run_parts_buffer(part_tally *t, const char *data, size_t len, size_t *peak)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log;
    size_t base;

    memset(t, 0, sizeof(*t));

    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, data, len, "many"), 0);
    tu_peak_bytes = base = tu_bytes;
    ck_assert_int_eq(uclog_diag_run_parts(log, NULL, tally_part, t), 0);
    *peak = tu_peak_bytes - base;
    uclog_log_free(log);
    uclog_ctx_free(ctx);
}

static size_t run_whole_buffer(const char *data, size_t len, uint32_t *calls)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log;
    uclog_diag_report *rep;
    size_t peak, base;

    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, data, len, "many"), 0);
    tu_peak_bytes = base = tu_bytes;
    ck_assert_int_eq(uclog_diag_run(&rep, log, NULL), 0);
    peak = tu_peak_bytes - base;
    *calls = uclog_diag_report_call_count(rep);
    uclog_diag_report_free(rep);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    return peak;
}

/* The memory of the parts does not grow with the log; uclog_diag_run()'s does. */
START_TEST(parts_memory_does_not_grow)
{
    size_t len20, len400, peak20, peak400, whole20, whole400;
    char *log20 = many_calls(&len20, 20, 1), *log400 = many_calls(&len400, 400, 1);
    part_tally t;
    uint32_t calls;

    run_parts_buffer(&t, log20, len20, &peak20);
    ck_assert_uint_eq(t.calls, 20);
    ck_assert_uint_eq(t.parts, 21);
    ck_assert_str_eq(t.codes, "170 230 310"); /* MRAS OK (the sign-in), then the first call's */
    ck_assert_str_eq(t.first_call, "00000000000000000000000000000000");
    ck_assert_str_eq(t.last_call, "00000000000000000000000000000013");
    run_parts_buffer(&t, log400, len400, &peak400);
    ck_assert_uint_eq(t.calls, 400);
    ck_assert_str_eq(t.last_call, "0000000000000000000000000000018f");
    ck_assert_msg(peak400 <= peak20 + peak20 / 20, "parts: %zu bytes for 20 calls, %zu for 400", peak20, peak400);
    whole20 = run_whole_buffer(log20, len20, &calls);
    ck_assert_uint_eq(calls, 20);
    whole400 = run_whole_buffer(log400, len400, &calls);
    ck_assert_uint_eq(calls, 400);
    ck_assert_msg(whole400 > whole20 * 2, "whole: %zu bytes for 20 calls, %zu for 400", whole20, whole400);
    free(log20);
    free(log400);
    ck_assert_int_eq(tu_live, 0);
}
END_TEST

/* Calls that never end: 256 at once judges the oldest; the rest at the end of the log. */
START_TEST(parts_open_call_limit)
{
    size_t len, peak;
    char *log = many_calls(&len, 300, 0);
    part_tally t;

    run_parts_buffer(&t, log, len, &peak);
    ck_assert_uint_eq(t.calls, 300);
    ck_assert_uint_eq(t.parts, 301);
    ck_assert_str_eq(t.first_call, "00000000000000000000000000000000"); /* the oldest, judged first */
    ck_assert_str_eq(t.last_call, "0000000000000000000000000000012b");
    ck_assert_str_eq(t.codes, "170 230"); /* unanswered: no CALL_REJECTED */
    free(log);
    ck_assert_int_eq(tu_live, 0);
}
END_TEST

/* A call attempt with no verdict of its own is a part all the same (as it is a call of the report). */
START_TEST(parts_call_without_verdicts)
{
    size_t len;
    char *data = many_calls(&len, 3, 0);
    uclog_ctx *ctx = tu_ctx();
    uclog_diag_options *opts;
    uclog_log *log;
    uclog_diag_report *rep;
    part_tally t;

    ck_assert_int_eq(uclog_diag_options_new(&opts, ctx), 0);
    /* an Edge address none of the candidates is on, inside the network: no Edge verdict */
    ck_assert_int_eq(uclog_diag_options_add_edge_ip(opts, "198.51.100.1"), 0);
    ck_assert_int_eq(uclog_diag_options_set_client_location(opts, UCLOG_DIAG_LOCATION_INTERNAL), 0);
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, data, len, "many"), 0);
    ck_assert_int_eq(uclog_diag_run(&rep, log, opts), 0);
    ck_assert_uint_eq(uclog_diag_report_call_count(rep), 3);
    ck_assert_str_eq(codes(&(diag){.rep = rep}), "105 170");
    memset(&t, 0, sizeof(t));
    ck_assert_int_eq(uclog_diag_run_parts(log, opts, tally_part, &t), 0);
    ck_assert_uint_eq(t.calls, 3);
    ck_assert_uint_eq(t.parts, 4);
    ck_assert_str_eq(t.codes, "170");
    ck_assert_str_eq(t.last_call, "00000000000000000000000000000002");
    uclog_diag_report_free(rep);
    uclog_log_free(log);
    uclog_diag_options_free(opts);
    uclog_ctx_free(ctx);
    free(data);
    ck_assert_int_eq(tu_live, 0);
}
END_TEST

static int stop_at_first(const uclog_diag_report *part, void *userdata)
{
    (void)part;
    ++*(int *)userdata;
    return 42;
}

/* Cuts of the calls a streaming diagnosis judged, in the order they came. */
typedef struct {
    int32_t cut[64];
    uint32_t n;
    uint32_t edge; /* calls with an Edge verdict */
} cuts;

static int collect_cuts(const uclog_diag_report *part, void *userdata)
{
    cuts *c = userdata;
    uint32_t i;
    if (uclog_diag_report_call_count(part) == 1 && c->n < 64)
        c->cut[c->n++] = uclog_diag_report_call_cut(part, 0);
    for (i = 0; i < uclog_diag_report_verdict_count(part); i++)
        c->edge += uclog_diag_verdict_code(uclog_diag_report_verdict(part, i)) == UCLOG_DIAG_EDGE_CANDIDATE_UNDECIDED;
    return 0;
}

/*
 * The streaming window is bounded in bytes: twenty calls that never end, a
 * budget that holds three of them; the oldest are judged early, each saying
 * so, and every call still gets its verdict.
 */
START_TEST(parts_window_budget)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_diag_options *opts;
    uclog_log *log;
    cuts c;
    size_t len, head, one, k;
    char *seed = tu_read("seed.uccapilog", &len), *text, *at;
    const char *invite = strstr(seed, "11/21/2008|23:35:11.691");

    ck_assert_ptr_nonnull(invite);
    head = (size_t)(invite - seed);
    one = len - head;
    text = malloc(head + 20 * one + 1);
    ck_assert_ptr_nonnull(text);
    memcpy(text, seed, head);
    for (k = 0; k < 20; k++)
        memcpy(text + head + k * one, invite, one);
    text[head + 20 * one] = '\0'; /* strstr below stops here */
    for (k = 0; k < 20; k++) {
        char id[5];
        snprintf(id, sizeof(id), "%04u", (unsigned)k); /* a Call-ID of the same length each */
        for (at = text + head + k * one; (at = strstr(at, "e41f3fa11696494d90130b78761b202c")) != NULL &&
                                          at < text + head + (k + 1) * one;
             at++)
            memcpy(at, id, 4);
    }
    ck_assert_int_eq(uclog_diag_options_new(&opts, ctx), 0);
    ck_assert_int_eq(uclog_diag_options_set_window_bytes(opts, 100), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_options_set_window_bytes(opts, 0), 0);
    ck_assert_int_eq(uclog_diag_options_set_window_bytes(opts, 3 * one + 4096), 0);
    ck_assert_int_eq(uclog_diag_options_set_window_bytes(NULL, 0), UCLOG_E_INVALID_ARG);

    memset(&c, 0, sizeof(c));
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, text, head + 20 * one, "twenty-open"), 0);
    ck_assert_int_eq(uclog_diag_run_parts(log, opts, collect_cuts, &c), 0);
    uclog_log_free(log);
    ck_assert_uint_eq(c.n, 20);
    ck_assert_uint_eq(c.edge, 20);
    /* the oldest are judged early, each saying so; the budget holds about four (the size of a
     * message's copy depends on the ABI), which are judged whole at the end of the log */
    for (k = 0; k < 20 && c.cut[k] == UCLOG_DIAG_CALL_CUT_BYTES; k++)
        ;
    ck_assert_uint_ge(k, 14);
    ck_assert_uint_le(k, 18);
    for (; k < 20; k++)
        ck_assert_int_eq(c.cut[k], UCLOG_DIAG_CALL_WHOLE);
    ck_assert_str_eq(uclog_diag_call_cut_name(UCLOG_DIAG_CALL_CUT_BYTES), "bytes");
    ck_assert_str_eq(uclog_diag_call_cut_name(99), "unknown");

    /* the default budget holds them all: none is cut */
    memset(&c, 0, sizeof(c));
    ck_assert_int_eq(uclog_diag_options_set_window_bytes(opts, 0), 0);
    ck_assert_int_eq(uclog_log_open_buffer(&log, ctx, text, head + 20 * one, "twenty-open"), 0);
    ck_assert_int_eq(uclog_diag_run_parts(log, opts, collect_cuts, &c), 0);
    uclog_log_free(log);
    for (k = 0; k < c.n; k++)
        ck_assert_int_eq(c.cut[k], UCLOG_DIAG_CALL_WHOLE);
    uclog_diag_options_free(opts);
    uclog_ctx_free(ctx);
    free(text);
    free(seed);
}
END_TEST

/* Packets that yield no SIP message are counted and placed, and what is missing may be among them. */
START_TEST(unusable_packets)
{
    static const char *const names[] = {"frames/unusable-frames.uccapilog"};
    diag d = {0};
    const uclog_diag_verdict *v;
    const uclog_diag_evidence *e;
    uclog_span sp;
    size_t len;
    char *text;

    run1(&d, "frames/unusable-frames.uccapilog");
    ck_assert_str_eq(codes(&d), "110 200");
    ck_assert_uint_eq(uclog_diag_report_unusable_count(d.rep), 2);
    ck_assert_int_eq(uclog_diag_report_unusable_span(&sp, d.rep, 0), 0);
    ck_assert_uint_eq(sp.line, 1);
    ck_assert_int_eq(uclog_diag_report_unusable_span(&sp, d.rep, 1), 0);
    ck_assert_uint_eq(sp.line, 15);
    ck_assert_str_eq(uclog_diag_report_file_name(d.rep, sp.file), tu_data("frames/unusable-frames.uccapilog"));
    ck_assert_int_eq(uclog_diag_report_unusable_span(&sp, d.rep, 2), UCLOG_E_RANGE);
    ck_assert_int_eq(uclog_diag_report_unusable_span(NULL, d.rep, 0), UCLOG_E_INVALID_ARG);
    v = find(&d, UCLOG_DIAG_PROVISIONING_NOT_FOUND);
    ck_assert_int_eq(uclog_diag_verdict_certainty(v), UCLOG_DIAG_INFERRED); /* it may be among them */
    ck_assert_ptr_nonnull(strstr(uclog_diag_verdict_reason(v), "2 packets of the log could not be read"));
    e = evidence_with(v, "2 packets yield no SIP message, the first here");
    uclog_diag_evidence_span(&sp, e);
    ck_assert_uint_eq(sp.line, 1);
    done(&d);
    {
        uclog_ctx *ctx = tu_ctx();
        parts_agree(names, 1, NULL, ctx);
        uclog_ctx_free(ctx);
    }

    /* only the unreadable packet: packets there are, so not a log without traffic */
    memset(&d, 0, sizeof(d));
    text = tu_read("frames/unusable-frames.uccapilog", &len);
    opts_new(&d);
    ck_assert_int_eq(uclog_log_open_buffer(&d.log, d.ctx, text, (size_t)(strstr(text, "01/15/2012|11:30:10.610") - text),
                                           "only-unusable"), 0);
    ck_assert_int_eq(uclog_diag_run(&d.rep, d.log, d.opts), 0);
    ck_assert_str_eq(codes(&d), "100");
    v = find(&d, UCLOG_DIAG_NO_SIP_TRAFFIC);
    ck_assert_int_eq(uclog_diag_verdict_certainty(v), UCLOG_DIAG_UNREADABLE);
    ck_assert_str_eq(uclog_diag_verdict_summary(v), "no packet of the log could be read as a SIP message");
    evidence_with(v, "a packet that yields no SIP message");
    ck_assert_uint_eq(uclog_diag_report_unusable_count(d.rep), 1);
    done(&d);
    free(text);
}
END_TEST

/* A limit reached is never a confident verdict: an offer cut at the candidate limit, a relay port
 * that is not a port. */
START_TEST(limits_are_not_certainty)
{
    diag d = {0};
    const uclog_diag_verdict *v;
    size_t len;
    char *text, *at;

    opts_new(&d);
    ck_assert_int_eq(uclog_ctx_set_limit(d.ctx, UCLOG_LIMIT_MAX_CANDIDATES, 2), 0);
    ck_assert_int_eq(uclog_diag_options_add_edge_ip(d.opts, "131.107.0.10"), 0);
    run1(&d, "seed.uccapilog");
    ck_assert_str_eq(codes(&d), "170 210");
    v = find(&d, UCLOG_DIAG_NO_EDGE_CANDIDATE);
    ck_assert_int_eq(uclog_diag_verdict_certainty(v), UCLOG_DIAG_INFERRED);
    ck_assert_ptr_nonnull(strstr(uclog_diag_verdict_reason(v), "the candidates not read may be on the Edge"));
    evidence_with(v, "the offer was read only up to here");
    ck_assert_str_eq(uclog_diag_verdict_summary(v),
                     "none of the 2 candidates read of the offer is on the A/V Edge's external address");
    done(&d);

    /* the same offer read whole: certain */
    memset(&d, 0, sizeof(d));
    opts_new(&d);
    ck_assert_int_eq(uclog_diag_options_add_edge_ip(d.opts, "131.107.0.10"), 0);
    run1(&d, "seed.uccapilog");
    ck_assert_int_eq(uclog_diag_verdict_certainty(find(&d, UCLOG_DIAG_NO_EDGE_CANDIDATE)), UCLOG_DIAG_CERTAIN);
    done(&d);

    /* an MRAS relay whose UDP port is not a port */
    memset(&d, 0, sizeof(d));
    text = tu_read("seed.uccapilog", &len);
    at = strstr(text, "<udpPort>3478</udpPort>");
    ck_assert_ptr_nonnull(at);
    memcpy(at + 9, "34x8", 4); /* not a number; same length: the byte counts still hold */
    opts_new(&d);
    ck_assert_int_eq(uclog_log_open_buffer(&d.log, d.ctx, text, len, "bad-port"), 0);
    ck_assert_int_eq(uclog_diag_run(&d.rep, d.log, d.opts), 0);
    v = find(&d, UCLOG_DIAG_MRAS_OK);
    ck_assert_int_eq(uclog_diag_verdict_certainty(v), UCLOG_DIAG_INFERRED);
    evidence_with(v, "UDP port unreadable, TCP port 443");
    done(&d);
    free(text);
}
END_TEST

/* A log read from a stream; a callback that stops the run; bad arguments. */
START_TEST(parts_stream_stop_and_arguments)
{
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log;
    FILE *f = fopen(tu_data("seed.uccapilog"), "rb");
    lines l = {0};
    int n = 0;

    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(uclog_log_open_stream(&log, ctx, f, "seed (stdin)"), 0);
    ck_assert_int_eq(uclog_diag_run_parts(log, NULL, collect_part, &l), 0);
    ck_assert_uint_eq(l.parts, 2);
    ck_assert_uint_eq(l.calls, 1);
    ck_assert_uint_eq(l.n, 2);
    qsort(l.line, l.n, sizeof(char *), by_text);
    ck_assert_msg(strncmp(l.line[0], "170|-|", 6) == 0, "%s", l.line[0]);
    ck_assert_msg(strncmp(l.line[1], "215|", 4) == 0, "%s", l.line[1]);
    /* the evidence of a stream names its file and points at the right line */
    ck_assert_ptr_nonnull(strstr(l.line[0], "[seed (stdin) 0:169+1288 2:42 "));
    lines_free(&l);
    uclog_log_free(log);
    fclose(f);

    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("diag/two-calls.uccapilog")), 0);
    ck_assert_int_eq(uclog_diag_run_parts(log, NULL, stop_at_first, &n), 42);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(uclog_diag_run_parts(NULL, NULL, stop_at_first, &n), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_run_parts(log, NULL, NULL, NULL), UCLOG_E_INVALID_ARG);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    ck_assert_int_eq(tu_live, 0);
}
END_TEST

/* A call's candidates are judged against the relays of its own sign-in's MRAS answer, whatever
 * call was judged before (diag/parts/README.md says how these logs are made). */
START_TEST(relays_are_the_calls_own)
{
    diag d = {0};
    part_tally t;
    uclog_ctx *ctx;
    uclog_log *log;

    /* cB comes after a second sign-in whose MRAS request got a 504: no relay, so its candidate
     * on the first sign-in's relay address is not an Edge candidate */
    run1(&d, "diag/parts/relay-stale-order.uccapilog");
    ck_assert_str_eq(codes(&d), "170 160 210 310 210 310");
    ck_assert_str_eq(uclog_diag_verdict_call_id(uclog_diag_report_verdict(d.rep, 4)), "cB");
    done(&d);
    /* cB (first sign-in, relay 131.107.0.10) judged after cC (second sign-in, another relay) */
    memset(&d, 0, sizeof(d));
    run1(&d, "diag/parts/relay-dedup-order.uccapilog");
    /* its candidate is typ host: an explicit type decides, even on the relay's address (the
     * relays of each sign-in are held to their calls by diag/rules/two-signins) */
    ck_assert_str_eq(codes(&d), "170 170 210 310 210 210 310");
    ck_assert_str_eq(uclog_diag_verdict_call_id(uclog_diag_report_verdict(d.rep, 4)), "cB");
    evidence_with(uclog_diag_report_verdict(d.rep, 4), "typ host: the client's own");
    done(&d);
    /* the MRAS 200 OK twice, a call between the copies: MRAS_OK once, in the first call's part */
    ctx = tu_ctx();
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, tu_data("diag/parts/dup-mras-response.uccapilog")), 0);
    memset(&t, 0, sizeof(t));
    ck_assert_int_eq(uclog_diag_run_parts(log, NULL, tally_part, &t), 0);
    ck_assert_uint_eq(t.calls, 2);
    ck_assert_str_eq(t.codes, "170 210 310");
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    ck_assert_int_eq(tu_live, 0);
}
END_TEST

/* Allocation failures: the whole diagnosis of every fixture. A run that
 * succeeds must give the same verdicts as one with no failure: a failure
 * may never be swallowed into a different diagnosis. */
typedef struct {
    const char *path;
    char want[256];
    int parts; /* uclog_diag_run_parts() instead, giving parts_want */
    char parts_want[256];
} alloc_case;

static int diagnose(void *arg)
{
    alloc_case *c = arg;
    diag d = {0};
    int rc = uclog_ctx_new(&d.ctx, &tu_mem);

    if (rc)
        return rc;
    rc = uclog_diag_options_new(&d.opts, d.ctx);
    if (!rc)
        rc = uclog_diag_options_add_edge_private_ip(d.opts, "10.20.30.40");
    if (!rc)
        rc = uclog_log_open_file(&d.log, d.ctx, c->path);
    if (!rc && c->parts) {
        lines l = {0};
        rc = uclog_diag_run_parts(d.log, d.opts, collect_part, &l);
        if (!rc) { /* the same verdicts as uclog_diag_run(), in the order of the parts */
            size_t k, len = 0;
            char got[256] = "";
            for (k = 0; k < l.n; k++)
                len += (size_t)snprintf(got + len, sizeof(got) - len, "%s%d", k ? " " : "", atoi(l.line[k]));
            ck_assert_str_eq(got, c->parts_want);
        }
        lines_free(&l);
    } else if (!rc) {
        rc = uclog_diag_run(&d.rep, d.log, d.opts);
    }
    if (!rc && c->want[0] && !c->parts)
        ck_assert_str_eq(codes(&d), c->want);
    if (!rc && !c->want[0] && !c->parts)
        snprintf(c->want, sizeof(c->want), "%s", codes(&d));
    uclog_diag_report_free(d.rep);
    uclog_log_free(d.log);
    uclog_diag_options_free(d.opts);
    uclog_ctx_free(d.ctx);
    return rc;
}

static const char *const alloc_fixtures[] = {
    "seed.uccapilog", "seed-no-mras.uccapilog", "diag/media-failed.uccapilog",
    "diag/mras-forbidden.uccapilog", "diag/nat-private.uccapilog", "diag/provisioning-refused.uccapilog",
    "diag/internal-client.uccapilog", "diag/no-sip.uccapilog", "diag/call-rejected.uccapilog",
    "diag/two-calls.uccapilog",
};

START_TEST(alloc_failures)
{
    char path[4096];
    alloc_case c;

    snprintf(path, sizeof(path), "%s", tu_data(alloc_fixtures[_i]));
    memset(&c, 0, sizeof(c));
    c.path = path;
    tu_alloc_reset(-1);
    ck_assert_int_eq(diagnose(&c), 0);
    ck_assert_str_ne(c.want, "");
    tu_alloc_loop(diagnose, &c);
}
END_TEST

START_TEST(alloc_failures_in_parts)
{
    char path[4096];
    alloc_case c;
    lines l = {0};
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log;
    size_t k, len = 0;

    snprintf(path, sizeof(path), "%s", tu_data(alloc_fixtures[_i]));
    memset(&c, 0, sizeof(c));
    c.path = path;
    c.parts = 1;
    tu_alloc_reset(-1);
    ck_assert_int_eq(uclog_log_open_file(&log, ctx, path), 0); /* what a run with no failure gives */
    {
        uclog_diag_options *opts;
        ck_assert_int_eq(uclog_diag_options_new(&opts, ctx), 0);
        ck_assert_int_eq(uclog_diag_options_add_edge_private_ip(opts, "10.20.30.40"), 0);
        ck_assert_int_eq(uclog_diag_run_parts(log, opts, collect_part, &l), 0);
        uclog_diag_options_free(opts);
    }
    for (k = 0; k < l.n; k++)
        len += (size_t)snprintf(c.parts_want + len, sizeof(c.parts_want) - len, "%s%d", k ? " " : "", atoi(l.line[k]));
    ck_assert_str_ne(c.parts_want, "");
    lines_free(&l);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    tu_alloc_loop(diagnose, &c);
}
END_TEST


void diag_add_parts(TCase *tc)
{
    tcase_add_loop_test(tc, parts_agree_with_run, 0, sizeof(every_fixture) / sizeof(every_fixture[0]));
    tcase_add_loop_test(tc, alloc_failures, 0, sizeof(alloc_fixtures) / sizeof(alloc_fixtures[0]));
    tcase_add_loop_test(tc, alloc_failures_in_parts, 0, sizeof(alloc_fixtures) / sizeof(alloc_fixtures[0]));
    tcase_add_test(tc, parts_memory_does_not_grow);
    tcase_add_test(tc, parts_open_call_limit);
    tcase_add_test(tc, parts_call_without_verdicts);
    tcase_add_test(tc, relays_are_the_calls_own);
    tcase_add_test(tc, parts_stream_stop_and_arguments);
    tcase_add_test(tc, parts_window_budget);
    tcase_add_test(tc, unusable_packets);
    tcase_add_test(tc, limits_are_not_certainty);
}
