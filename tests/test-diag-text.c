/* The text of a report (uclog/diag-text.h): what uclog-diagnose prints and the binding returns. */
#include <stdlib.h>
#include <string.h>

#include <uclog/diag-text.h>

#include "testutil.h"

/* What the renderer wrote, gathered; `stop` makes the writer return it on its first call. */
typedef struct {
    char *p;
    size_t n, cap;
    unsigned calls;
    int stop;
} sink;

static int gather(const char *text, size_t len, void *userdata)
{
    sink *s = userdata;

    s->calls++;
    if (s->stop)
        return s->stop;
    if (s->n + len + 1 > s->cap) {
        s->cap = (s->n + len + 1) * 2;
        s->p = realloc(s->p, s->cap);
        ck_assert_ptr_nonnull(s->p);
    }
    memcpy(s->p + s->n, text, len);
    s->n += len;
    s->p[s->n] = '\0';
    return 0;
}

typedef struct {
    uclog_ctx *ctx;
    uclog_log *log;
    uclog_diag_report *rep;
    uclog_diag_text *t;
    sink out;
} fixture;

/* The report of a fixture, and its text by a renderer of width and flags (ids: --call-id values). */
static void render(fixture *f, const char *name, uint32_t width, uint32_t flags, const char *const *ids)
{
    const char *path = tu_data(name);

    memset(f, 0, sizeof(*f));
    f->ctx = tu_ctx();
    ck_assert_int_eq(uclog_log_open_files(&f->log, f->ctx, &path, 1), 0);
    ck_assert_int_eq(uclog_diag_run(&f->rep, f->log, NULL), 0);
    ck_assert_int_eq(uclog_diag_text_new(&f->t, f->ctx, width, flags), 0);
    for (; ids && *ids; ids++)
        ck_assert_int_eq(uclog_diag_text_add_call_id(f->t, *ids), 0);
    ck_assert_int_eq(uclog_diag_text_report(f->t, f->rep, gather, &f->out), 0);
    ck_assert_ptr_nonnull(f->out.p);
    ck_assert_int_eq(f->out.n, strlen(f->out.p)); /* no NUL written */
}

static void release(fixture *f)
{
    free(f->out.p);
    uclog_diag_text_free(f->t);
    uclog_diag_report_free(f->rep);
    uclog_log_free(f->log);
    uclog_ctx_free(f->ctx);
}

static void done(fixture *f)
{
    release(f);
    ck_assert_int_eq(tu_live, 0);
}

static unsigned count(const char *hay, const char *needle)
{
    unsigned n = 0;

    for (; (hay = strstr(hay, needle)) != NULL; hay++)
        n++;
    return n;
}

START_TEST(whole_report)
{
    fixture f;

    render(&f, "diag/many-calls.uccapilog", 0, 0, NULL);
    ck_assert_msg(!strncmp(f.out.p, "Log: ", 5), "%s", f.out.p);
    ck_assert_ptr_nonnull(strstr(f.out.p, "\nClient: sip:bart@litwareinc.com\n"));
    ck_assert_ptr_nonnull(strstr(f.out.p, "\nCalls: 6\n\nSign-in and log\n  [ok] 170 MRAS_OK (mras)\n"));
    ck_assert_ptr_nonnull(strstr(f.out.p, "\nCall 1: outgoing to sip:jeremy@litwareinc.com\n"
                                          "  Call-ID: a1000000000000000000000000000001\n"));
    /* a verdict code line, an evidence line (file:line time detail) */
    ck_assert_ptr_nonnull(strstr(f.out.p, "\n  [failure] 310 CALL_REJECTED (signalling)\n"
                                          "    the INVITE was refused with 404\n    Evidence:\n"
                                          "      many-calls.uccapilog:180 23:40:01.200 answer: SIP/2.0 404 Not Found\n"));
    /* a checklist of a code given twice: once, at the end, with its calls */
    ck_assert_uint_eq(count(f.out.p, "    Check: listed once at the end, under 310 CALL_REJECTED\n"), 2);
    ck_assert_ptr_nonnull(strstr(f.out.p, "\nChecklists of the verdicts given more than once\n"));
    ck_assert_ptr_nonnull(strstr(f.out.p, "\n[failure] 310 CALL_REJECTED, given 2 times:\n"
                                          "  Call 1  2008-11-21 23:40:00.100  a1000000000000000000000000000001\n"
                                          "  Call 2  2008-11-21 23:41:00.100  a2000000000000000000000000000002\n"
                                          "    Check:\n       1. "));
    ck_assert_ptr_null(strstr(f.out.p, "\033["));
    ck_assert_int_eq(f.out.p[f.out.n - 1], '\n');
    done(&f);
}
END_TEST

/* Wrapped at the width, only between words; the same words as not wrapped. */
START_TEST(wrapped_at_width)
{
    fixture wide, narrow;
    const char *p, *line;
    size_t i, j;

    render(&wide, "seed.uccapilog", 0, 0, NULL);
    render(&narrow, "seed.uccapilog", 40, 0, NULL);
    ck_assert_ptr_nonnull(strstr(wide.out.p, "opaque=srvr:MRAS:P2nY_WtqnEGPHhBbcYD8VQAA SIP/2.0\n"));
    ck_assert_ptr_nonnull(strstr(narrow.out.p, "\n        sip:edgesrv.litwareinc.com@litwareinc.com;gruu;"
                                               "opaque=srvr:MRAS:P2nY_WtqnEGPHhBbcYD8VQAA\n        SIP/2.0\n"));
    ck_assert_uint_gt(count(narrow.out.p, "\n"), count(wide.out.p, "\n"));
    /* every line of a verdict (summary, evidence, checklist) of more than 40 columns is one word
     * after its indentation */
    for (line = narrow.out.p; *line; line = p + 1) {
        p = strchr(line, '\n');
        ck_assert_ptr_nonnull(p);
        if (p - line > 40 && !strncmp(line, "    ", 4)) {
            const char *w = line + strspn(line, " ");
            ck_assert_msg(memchr(w, ' ', (size_t)(p - w)) == NULL, "%.*s", (int)(p - line), line);
        }
    }
    /* the same text once blanks are folded */
    for (i = 0, j = 0; wide.out.p[i] || narrow.out.p[j];) {
        if (wide.out.p[i] == ' ' || wide.out.p[i] == '\n' || narrow.out.p[j] == ' ' || narrow.out.p[j] == '\n') {
            ck_assert_msg(strchr(" \n", wide.out.p[i]) && strchr(" \n", narrow.out.p[j]), "at %zu/%zu", i, j);
            i += strspn(wide.out.p + i, " \n");
            j += strspn(narrow.out.p + j, " \n");
            continue;
        }
        ck_assert_int_eq(wide.out.p[i], narrow.out.p[j]);
        i++;
        j++;
    }
    release(&wide);
    done(&narrow);
}
END_TEST

START_TEST(colour_and_calls_chosen)
{
    static const char *const ids[] = {"a1", "a4", NULL};
    fixture f;

    render(&f, "diag/many-calls.uccapilog", 0, UCLOG_DIAG_TEXT_COLOUR, NULL);
    ck_assert_ptr_nonnull(strstr(f.out.p, "\n  \033[1;31m[failure]\033[0m 310 CALL_REJECTED (signalling)\n"));
    ck_assert_ptr_nonnull(strstr(f.out.p, "\n  \033[1;32m[ok]\033[0m 170 MRAS_OK (mras)\n"));
    done(&f);
    /* --call-id a1 --call-id a4 --failures: call 1 alone (call 4 has no failure); nothing given twice */
    render(&f, "diag/many-calls.uccapilog", 0, UCLOG_DIAG_TEXT_FAILURES, ids);
    ck_assert_ptr_nonnull(strstr(f.out.p, "\nCalls: 6\nShown: 1 of them (--call-id, --failures)\n"));
    ck_assert_ptr_nonnull(strstr(f.out.p, "\nCall 1: outgoing"));
    ck_assert_ptr_null(strstr(f.out.p, "\nCall 2:"));
    ck_assert_ptr_null(strstr(f.out.p, "\nCall 4:"));
    ck_assert_ptr_null(strstr(f.out.p, "given 2 times"));
    ck_assert_ptr_nonnull(strstr(f.out.p, "\n  [ok] 170 MRAS_OK (mras)\n")); /* the log-wide verdicts: always */
    done(&f);
}
END_TEST

/* Control bytes of the log (ESC, BEL, DEL, C1) come out as '?'. */
START_TEST(control_bytes_escaped)
{
    fixture f;
    size_t i;

    render(&f, "hostile/control-chars.uccapilog", 0, 0, NULL);
    ck_assert_ptr_nonnull(strstr(f.out.p, "  Call-ID: e41f?]0;pwn??[2J?????1m761b202c\n"));
    ck_assert_ptr_nonnull(strstr(f.out.p, "Call 1: outgoing to sip:?[41my@litwareinc.com\n"));
    for (i = 0; i < f.out.n; i++) {
        unsigned char c = (unsigned char)f.out.p[i];
        ck_assert_msg(c == '\n' || (c >= 0x20 && c != 0x7F), "byte %02x at %zu", c, i);
        ck_assert_msg(!(c == 0xC2 && (unsigned char)f.out.p[i + 1] < 0xA0), "C1 at %zu", i);
    }
    done(&f);
}
END_TEST

typedef struct {
    uclog_diag_text *t;
    sink *out;
    uint32_t first; /* the calls of the parts before */
} parts_arg;

static int part_text(const uclog_diag_report *part, void *userdata)
{
    parts_arg *a = userdata;
    return uclog_diag_text_part(a->t, part, gather, a->out);
}

/* The parts of a streaming diagnosis: files first, each call numbered on, a checklist printed
 * under its code's first verdict and pointed to after, the client and log-wide verdicts last. */
START_TEST(parts)
{
    const char *path = tu_data("diag/many-calls.uccapilog");
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log;
    sink out = {0};
    parts_arg a = {NULL, &out, 0};
    const char *client, *call6;

    ck_assert_int_eq(uclog_log_open_files(&log, ctx, &path, 1), 0);
    ck_assert_int_eq(uclog_diag_text_new(&a.t, ctx, 0, 0), 0);
    ck_assert_int_eq(uclog_diag_run_parts(log, NULL, part_text, &a), 0);
    ck_assert_msg(!strncmp(out.p, "Log: ", 5), "%s", out.p);
    ck_assert_uint_eq(count(out.p, "Log: "), 1);
    ck_assert_ptr_nonnull(strstr(out.p, "    Check: as for call 1 above (310 CALL_REJECTED)\n"));
    ck_assert_ptr_null(strstr(out.p, "listed once at the end"));
    call6 = strstr(out.p, "\nCall 6: ");
    client = strstr(out.p, "\n\nClient: sip:bart@litwareinc.com\n");
    ck_assert_ptr_nonnull(call6);
    ck_assert_ptr_nonnull(client);
    ck_assert_msg(client > call6, "the client is written after the last call");
    ck_assert_ptr_nonnull(strstr(client, "\nCalls: 6\n"));
    free(out.p);
    uclog_diag_text_free(a.t);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    ck_assert_int_eq(tu_live, 0);
}
END_TEST

START_TEST(writer_stops_and_arguments)
{
    fixture f;
    sink stop = {0};
    uclog_diag_text *t = (uclog_diag_text *)1;

    render(&f, "diag/many-calls.uccapilog", 0, 0, NULL);
    stop.stop = 7;
    ck_assert_int_eq(uclog_diag_text_report(f.t, f.rep, gather, &stop), 7);
    ck_assert_uint_eq(stop.calls, 1); /* nothing more after the writer said stop */
    ck_assert_uint_gt(f.out.calls, 1); /* the text came in pieces */
    ck_assert_int_eq(uclog_diag_text_report(NULL, f.rep, gather, &stop), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_text_report(f.t, NULL, gather, &stop), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_text_report(f.t, f.rep, NULL, &stop), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_text_part(f.t, NULL, gather, &stop), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_text_add_call_id(f.t, NULL), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_text_add_call_id(NULL, "a1"), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_text_new(NULL, f.ctx, 0, 0), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_text_new(&t, NULL, 0, 0), UCLOG_E_INVALID_ARG);
    ck_assert_ptr_null(t);
    ck_assert_int_eq(uclog_diag_text_new(&t, f.ctx, 0, 1u << 5), UCLOG_E_INVALID_ARG);
    ck_assert_ptr_null(t);
    uclog_diag_text_free(NULL);
    done(&f);
}
END_TEST

/* ---- the summary ---- */

static int ends_with(const char *s, const char *end)
{
    size_t n = strlen(s), m = strlen(end);
    return n >= m && !strcmp(s + n - m, end);
}

static void summary_of(fixture *f, const char *name, uint32_t flags, const char *const *ids)
{
    render(f, name, 0, flags, ids);
    free(f->out.p);
    memset(&f->out, 0, sizeof(f->out));
    ck_assert_int_eq(uclog_diag_text_summary_calls(f->t, f->rep, 0, gather, &f->out), 0);
    ck_assert_int_eq(uclog_diag_text_summary_end(f->t, uclog_diag_report_call_count(f->rep), gather, &f->out), 0);
    ck_assert_ptr_nonnull(f->out.p);
    ck_assert_int_eq(f->out.n, strlen(f->out.p));
}

#define SUMMARY_HEADER                                                                                                 \
    "call  start                    dir  outcome       worst    verdict                        Call-ID        "    \
    "                   peer\n"

/* uclog-diagnose --summary: a line a call, the log's line, the totals (tests/examples/expected/diagnose-summary.out). */
START_TEST(summary_whole)
{
    fixture f;
    const char *failures[] = {"a", NULL};

    summary_of(&f, "diag/many-calls.uccapilog", 0, NULL);
    ck_assert_msg(!strncmp(f.out.p, SUMMARY_HEADER, strlen(SUMMARY_HEADER)), "%s", f.out.p);
    ck_assert_ptr_nonnull(strstr(f.out.p, "\n   1  2008-11-21 23:40:00.100  out  refused       failure  310 CALL_REJECTED "
                                          "             a1000000000000000000000000000001  sip:jeremy@litwareinc.com\n"));
    ck_assert_ptr_nonnull(strstr(f.out.p, "\n   6  2008-11-21 23:45:00.100  in   established   ok       -          "
                                          "                    a6000000000000000000000000000006  sip:jeremy@litwareinc.com\n"));
    ck_assert_ptr_nonnull(strstr(f.out.p, "\n log  -                        -    -             ok       -\n"
                                          "Total: calls 6, established 2, refused 2, cancelled 1, media-failed 0, "
                                          "unknown 1; failure 2, warning 1\n"));
    ck_assert_uint_eq(count(f.out.p, "\n"), 9);
    release(&f);
    /* the calls chosen: only they are counted, the totals say of how many */
    summary_of(&f, "diag/many-calls.uccapilog", UCLOG_DIAG_TEXT_FAILURES, failures);
    ck_assert_uint_eq(count(f.out.p, "\n"), 6);
    ck_assert_ptr_null(strstr(f.out.p, "a4000000000000000000000000000004"));
    ck_assert_ptr_nonnull(strstr(f.out.p, "\nTotal: calls 3 shown of 6, established 0, refused 2, cancelled 0, "
                                          "media-failed 0, unknown 1; failure 2, warning 1\n"));
    /* the renderer's summary starts over after its end: the same bytes again */
    {
        sink again = {0};
        ck_assert_int_eq(uclog_diag_text_summary_calls(f.t, f.rep, 0, gather, &again), 0);
        ck_assert_int_eq(uclog_diag_text_summary_end(f.t, 6, gather, &again), 0);
        ck_assert_str_eq(again.p, f.out.p);
        free(again.p);
    }
    done(&f);
}
END_TEST

/* --summary --json of a whole report: one object, not followed by a line feed. */
START_TEST(summary_whole_json)
{
    fixture f;

    summary_of(&f, "diag/many-calls.uccapilog", UCLOG_DIAG_TEXT_JSON, NULL);
    ck_assert_msg(!strncmp(f.out.p,
                           "{\"calls\": [{\"number\": 1, \"call_id\": \"a1000000000000000000000000000001\", \"start\": "
                           "\"2008-11-21T23:40:00.100\", \"direction\": \"outgoing\", \"peer\": "
                           "\"sip:jeremy@litwareinc.com\", \"outcome\": \"refused\", \"worst\": \"failure\", "
                           "\"verdict\": {\"code\": 310, \"name\": \"CALL_REJECTED\", \"severity\": \"failure\"}}, "
                           "{\"number\": 2, ",
                           300),
                  "%s", f.out.p);
    ck_assert_ptr_nonnull(strstr(f.out.p, "{\"number\": 6, \"call_id\": \"a6000000000000000000000000000006\", "
                                          "\"start\": \"2008-11-21T23:45:00.100\", \"direction\": \"incoming\""));
    ck_assert_ptr_nonnull(strstr(f.out.p, "\"worst\": \"info\", \"verdict\": null}"));
    ck_assert_msg(ends_with(f.out.p, "}], \"log\": {\"worst\": \"ok\", \"verdict\": null}, \"totals\": {\"calls\": 6, "
                                        "\"shown\": 6, \"unknown\": 1, \"established\": 2, \"refused\": 2, "
                                        "\"cancelled\": 1, \"media-failed\": 0, \"failure\": 2, \"warning\": 1}}"),
                  "%s", f.out.p);
    ck_assert_ptr_null(strchr(f.out.p, '\n'));
    done(&f);
}
END_TEST

static int part_summary(const uclog_diag_report *part, void *userdata)
{
    parts_arg *a = userdata;
    int rc = uclog_diag_text_summary_calls(a->t, part, a->first, gather, a->out);

    a->first += uclog_diag_report_call_count(part);
    return rc;
}

/* --stream --summary: the parts' lines numbered on (in the order the calls ended), in columns fixed before the first; as JSON an
 * object a line, each with the client's number over two clients' logs. */
START_TEST(summary_parts)
{
    const char *path = tu_data("diag/many-calls.uccapilog");
    uclog_ctx *ctx = tu_ctx();
    uclog_log *log;
    sink out = {0};
    parts_arg a = {NULL, &out, 0};

    ck_assert_int_eq(uclog_log_open_files(&log, ctx, &path, 1), 0);
    ck_assert_int_eq(uclog_diag_text_new(&a.t, ctx, 0, UCLOG_DIAG_TEXT_STREAM), 0);
    ck_assert_int_eq(uclog_diag_run_parts(log, NULL, part_summary, &a), 0);
    ck_assert_int_eq(uclog_diag_text_summary_end(a.t, a.first, gather, &out), 0);
    ck_assert_uint_eq(a.first, 6);
    ck_assert_ptr_nonnull(strstr(out.p, "\n     4  2008-11-21 23:42:00.100  out  unknown       warning  215 "
                                        "EDGE_CANDIDATE_UNDECIDED   a3000000000000000000000000000003  "
                                        "sip:jeremy@litwareinc.com\n"));
    ck_assert_ptr_nonnull(strstr(out.p, "\n   log  -  "));
    ck_assert_msg(ends_with(out.p, "\nTotal: calls 6, established 2, refused 2, cancelled 1, media-failed 0, "
                                      "unknown 1; failure 2, warning 1\n"),
                  "%s", out.p);
    uclog_diag_text_free(a.t);
    free(out.p);
    memset(&out, 0, sizeof(out));
    a.first = 0;
    ck_assert_int_eq(uclog_diag_text_new(&a.t, ctx, 0, UCLOG_DIAG_TEXT_STREAM | UCLOG_DIAG_TEXT_JSON), 0);
    ck_assert_int_eq(uclog_diag_text_add_call_id(a.t, "a5"), 0);
    ck_assert_int_eq(uclog_diag_text_set_client_number(a.t, 2), 0);
    ck_assert_int_eq(uclog_diag_run_parts(log, NULL, part_summary, &a), 0);
    ck_assert_int_eq(uclog_diag_text_summary_end(a.t, a.first, gather, &out), 0);
    ck_assert_str_eq(out.p, "{\"client_number\": 2, \"number\": 3, \"call_id\": \"a5000000000000000000000000000005\", "
                            "\"start\": \"2008-11-21T23:44:00.100\", \"direction\": \"outgoing\", \"peer\": "
                            "\"sip:jeremy@litwareinc.com\", \"outcome\": \"cancelled\", \"worst\": \"info\", "
                            "\"verdict\": null}\n"
                            "{\"client_number\": 2, \"log\": {\"worst\": \"ok\", \"verdict\": null}, \"totals\": "
                            "{\"calls\": 6, \"shown\": 1, \"unknown\": 0, \"established\": 0, \"refused\": 0, "
                            "\"cancelled\": 1, \"media-failed\": 0, \"failure\": 0, \"warning\": 0}}\n");
    free(out.p);
    uclog_diag_text_free(a.t);
    uclog_log_free(log);
    uclog_ctx_free(ctx);
    ck_assert_int_eq(tu_live, 0);
}
END_TEST

/* The log's control bytes in a summary: '?' in the text (the columns still line up), \u escapes in
 * the JSON. */
START_TEST(summary_control_bytes)
{
    fixture f;
    size_t i;

    summary_of(&f, "hostile/control-chars.uccapilog", 0, NULL);
    ck_assert_ptr_nonnull(strstr(f.out.p, "  310 CALL_REJECTED              e41f?]0;pwn??[2J?????1m761b202c   "
                                          "sip:?[41my@litwareinc.com\n"));
    /* the column is as wide as the Call-ID's bytes, each padded by its characters: the peer under "peer" */
    ck_assert_int_eq(strstr(f.out.p, "peer\n") - f.out.p, strstr(f.out.p, "sip:?") - strchr(f.out.p, '\n') - 1);
    for (i = 0; i < f.out.n; i++) {
        unsigned char c = (unsigned char)f.out.p[i];
        ck_assert_msg(c == '\n' || (c >= 0x20 && c != 0x7F), "byte %02x at %zu", c, i);
        ck_assert_msg(!(c == 0xC2 && (unsigned char)f.out.p[i + 1] < 0xA0), "C1 at %zu", i);
    }
    release(&f);
    summary_of(&f, "hostile/control-chars.uccapilog", UCLOG_DIAG_TEXT_JSON, NULL);
    ck_assert_ptr_nonnull(strstr(f.out.p, "\"call_id\": \"e41f\\u001b]0;pwn\\u0007\\u001b[2J\\u0008\\u000b\\u000c"
                                          "\\u007f\\u009b1m761b202c\", "));
    ck_assert_ptr_nonnull(strstr(f.out.p, "\"peer\": \"sip:\\u001b[41my@litwareinc.com\", "));
    for (i = 0; i < f.out.n; i++)
        ck_assert_msg((unsigned char)f.out.p[i] >= 0x20 && (unsigned char)f.out.p[i] != 0x7F, "byte at %zu", i);
    done(&f);
}
END_TEST

/* The escaping rule on its own: what a caller's lines beside the renderer's go through. */
START_TEST(safe_text)
{
    char out[16];

    ck_assert_uint_eq(uclog_diag_text_safe(out, sizeof(out), "a\x1b[2Jb\tc", 8), 8);
    ck_assert_str_eq(out, "a?[2Jb?c");
    ck_assert_uint_eq(uclog_diag_text_safe(out, sizeof(out), "\xc2\x85\xc2\xa0\x7f", 5), 4);
    ck_assert_str_eq(out, "?\xc2\xa0?"); /* C1 NEL is one '?', NBSP kept */
    ck_assert_uint_eq(uclog_diag_text_safe(out, sizeof(out), "\xff\xe2\x82x\xc3\xa9", 6), 6);
    ck_assert_str_eq(out, "?" "?" "?x\xc3\xa9"); /* each byte that is not UTF-8 a '?' */
    ck_assert_uint_eq(uclog_diag_text_safe(out, sizeof(out), "a\0b", 3), 3);
    ck_assert_str_eq(out, "a?b");
    /* too small: the characters that fit, whole */
    ck_assert_uint_eq(uclog_diag_text_safe(out, 3, "x\xc3\xa9", 3), 1);
    ck_assert_str_eq(out, "x");
    ck_assert_uint_eq(uclog_diag_text_safe(out, sizeof(out), NULL, 0), 0);
    ck_assert_str_eq(out, "");
    ck_assert_uint_eq(uclog_diag_text_safe(NULL, 4, "abc", 3), 0);
    ck_assert_uint_eq(uclog_diag_text_safe(out, 0, "abc", 3), 0);
}
END_TEST

START_TEST(summary_writer_stops_and_arguments)
{
    fixture f;
    sink stop = {0};

    render(&f, "diag/many-calls.uccapilog", 0, 0, NULL);
    stop.stop = -3;
    ck_assert_int_eq(uclog_diag_text_summary_calls(f.t, f.rep, 0, gather, &stop), -3);
    ck_assert_uint_eq(stop.calls, 1);
    ck_assert_int_eq(uclog_diag_text_summary_end(f.t, 6, gather, &stop), -3);
    ck_assert_int_eq(uclog_diag_text_summary_calls(NULL, f.rep, 0, gather, &stop), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_text_summary_calls(f.t, NULL, 0, gather, &stop), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_text_summary_calls(f.t, f.rep, 0, NULL, &stop), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_text_summary_end(NULL, 6, gather, &stop), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_text_summary_end(f.t, 6, NULL, &stop), UCLOG_E_INVALID_ARG);
    ck_assert_int_eq(uclog_diag_text_set_client_number(NULL, 1), UCLOG_E_INVALID_ARG);
    done(&f);
}
END_TEST

static int alloc_run(void *arg)
{
    uclog_ctx *ctx = NULL;
    uclog_diag_text *t = NULL;
    int rc;

    (void)arg;
    if ((rc = uclog_ctx_new(&ctx, &tu_mem)) != 0)
        return rc;
    rc = uclog_diag_text_new(&t, ctx, 80, UCLOG_DIAG_TEXT_FAILURES);
    if (rc == 0)
        rc = uclog_diag_text_add_call_id(t, "a1");
    if (rc == 0)
        rc = uclog_diag_text_add_call_id(t, "a2");
    uclog_diag_text_free(t);
    uclog_ctx_free(ctx);
    return rc;
}

START_TEST(alloc_failures)
{
    tu_alloc_loop(alloc_run, NULL);
}
END_TEST

Suite *tu_suite(void)
{
    Suite *s = suite_create("diag-text");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, whole_report);
    tcase_add_test(tc, wrapped_at_width);
    tcase_add_test(tc, colour_and_calls_chosen);
    tcase_add_test(tc, control_bytes_escaped);
    tcase_add_test(tc, parts);
    tcase_add_test(tc, writer_stops_and_arguments);
    tcase_add_test(tc, summary_whole);
    tcase_add_test(tc, summary_whole_json);
    tcase_add_test(tc, summary_parts);
    tcase_add_test(tc, summary_control_bytes);
    tcase_add_test(tc, safe_text);
    tcase_add_test(tc, summary_writer_stops_and_arguments);
    tcase_add_test(tc, alloc_failures);
    suite_add_tcase(s, tc);
    return s;
}
