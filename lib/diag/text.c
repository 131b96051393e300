/*
 * A report as text (uclog/diag-text.h): what uclog-diagnose prints and the
 * Python binding returns, written once. Log text goes through put_text(),
 * which writes a control character or a byte that is not UTF-8 as '?'.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <uclog/diag-text.h>

#include "diag-internal.h"

/* Checklists are counted by code; codes above this share slot 0 (never printed once). */
#define CODES 1024
#define OUT_BUF 8192
/* The outcomes of uclog_diag_call_outcome_name(), UNKNOWN to MEDIA_FAILED. */
#define OUTCOMES 5

struct uclog_diag_text {
    uclog_ctx *ctx;
    uint32_t width, flags;
    char **ids; /* uclog_diag_text_add_call_id() values, copies */
    size_t nids;
    /* streaming: parts, calls and calls shown so far; 1 + the number of the
     * call whose verdict printed a code's checklist (UINT32_MAX: the sign-in) */
    uint32_t parts, calls, shown;
    uint32_t code_first[CODES];
    /* a whole report: the verdicts shown of each code */
    uint32_t code_uses[CODES];
    /* the summary: its columns (fixed before its first line), totals, worst log-wide verdict */
    struct {
        int headed, sized, id_width, number_width;
        uint32_t client_number, lines, shown, outcomes[OUTCOMES], failure, warning;
        int32_t log_worst, log_code; /* log_worst -1: no log-wide verdict */
    } sum;
    /* the output: pieces handed to fn, the first value it returned that was not 0 */
    uclog_diag_write_fn fn;
    void *userdata;
    int rc;
    size_t len;
    char buf[OUT_BUF];
};

/* ---- output ---- */

static void flush(uclog_diag_text *t)
{
    if (t->len && !t->rc)
        t->rc = t->fn(t->buf, t->len, t->userdata);
    t->len = 0;
}

static void put(uclog_diag_text *t, const char *s, size_t n)
{
    while (n && !t->rc) {
        size_t k = OUT_BUF - t->len < n ? OUT_BUF - t->len : n;
        memcpy(t->buf + t->len, s, k);
        t->len += k;
        s += k;
        n -= k;
        if (t->len == OUT_BUF)
            flush(t);
    }
}

static void put_z(uclog_diag_text *t, const char *s)
{
    put(t, s, strlen(s));
}

static void put_c(uclog_diag_text *t, char c)
{
    put(t, &c, 1);
}

/* Formatted text of the library's own (numbers, registry names): never the log's. */
static void putf(uclog_diag_text *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(UCLOG__PRINTF, 2, 3)))
#endif
    ;

static void putf(uclog_diag_text *t, const char *fmt, ...)
{
    char s[512];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(s, sizeof(s), fmt, ap);
    va_end(ap);
    if (n > 0)
        put(t, s, (size_t)n < sizeof(s) ? (size_t)n : sizeof(s) - 1);
}

static void spaces(uclog_diag_text *t, int n)
{
    for (; n > 0; n--)
        put_c(t, ' ');
}

/* Bytes of the UTF-8 sequence at p (n bytes left), 0 when it is not one: libuclog's rule. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
    return uclog_utf8_char_len((const char *)p, n);
}

/* n bytes of log text, one character at a time: a control character (C0, tab included; DEL; C1)
 * or a byte that is not UTF-8 as '?'. Returns the characters written (columns). */
static int put_text(uclog_diag_text *t, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, l;
    int chars = 0;

    while (s && i < n) {
        l = utf8_len(p + i, n - i);
        if (!uclog_utf8_char_shown(s + i, n - i)) {
            put_c(t, '?');
            i += l ? l : 1;
        } else {
            put(t, s + i, l);
            i += l;
        }
        chars++;
    }
    return chars;
}

static int put_text_z(uclog_diag_text *t, const char *s)
{
    return put_text(t, s, s ? strlen(s) : 0);
}

/* The characters of n bytes of UTF-8 (a byte that is not UTF-8 is one '?'). */
static int chars(const char *s, size_t n)
{
    size_t i, l;
    int c = 0;

    for (i = 0; i < n; i += l ? l : 1, c++)
        l = utf8_len((const unsigned char *)s + i, n - i);
    return c;
}

/* The words of text, after what is on the line already (col columns; fresh: nothing but blanks,
 * so no space before the first word), wrapped at the width (none: not wrapped), later lines
 * indented. A line breaks only between words: a word longer than a line (a URI,
 * LocalSite=10.0.0.20:20612) runs past its end, whole, so that it can still be searched for. */
static void wrap_words(uclog_diag_text *t, int col, int fresh, int indent, const char *text)
{
    const char *p = text ? text : "";
    int width = (int)(t->width > 100000 ? 100000 : t->width);

    while (*p == ' ')
        p++;
    while (*p) {
        const char *w = p;
        int len;
        while (*p && *p != ' ')
            p++;
        len = chars(w, (size_t)(p - w));
        if (width && col > indent && col + !fresh + len > width) {
            put_c(t, '\n');
            spaces(t, indent);
            col = indent;
        } else if (!fresh) {
            put_c(t, ' ');
            col++;
        }
        col += put_text(t, w, (size_t)(p - w));
        fresh = 0;
        while (*p == ' ')
            p++;
    }
    put_c(t, '\n');
}

/* text after `first`; a space that ends `first` is written only if a word follows on its line. */
static void wrap(uclog_diag_text *t, const char *first, int indent, const char *text)
{
    size_t n = strlen(first);
    int fresh = 1;

    if (n && first[n - 1] == ' ' && strspn(first, " ") < n) {
        n--;
        fresh = 0;
    }
    wrap_words(t, put_text(t, first, n), fresh, indent, text);
}

static const char *sev_colour(const uclog_diag_text *t, int32_t s)
{
    if (!(t->flags & UCLOG_DIAG_TEXT_COLOUR))
        return "";
    return s == UCLOG_DIAG_FAILURE ? "\033[1;31m" : s == UCLOG_DIAG_WARNING ? "\033[1;33m" : "\033[1;32m";
}

static const char *reset(const uclog_diag_text *t)
{
    return t->flags & UCLOG_DIAG_TEXT_COLOUR ? "\033[0m" : "";
}

/* ---- which calls ---- */

static int call_shown(const uclog_diag_text *t, const uclog_diag_report *r, uint32_t i)
{
    const char *id = uclog_diag_report_call_id(r, i);
    const uclog_diag_verdict *w;
    size_t k;
    int named = !t->nids;

    for (k = 0; k < t->nids && !named; k++)
        named = id && !strncmp(id, t->ids[k], strlen(t->ids[k]));
    if (!named)
        return 0;
    if (!(t->flags & UCLOG_DIAG_TEXT_FAILURES))
        return 1;
    w = uclog_diag_report_call_worst_verdict(r, i);
    return w && uclog_diag_verdict_severity(w) >= UCLOG_DIAG_WARNING;
}

static int verdict_shown(const uclog_diag_text *t, const uclog_diag_report *r, const uclog_diag_verdict *v)
{
    int32_t call = uclog_diag_verdict_call(v);
    return call < 0 || call_shown(t, r, (uint32_t)call);
}

static int filtering(const uclog_diag_text *t)
{
    return t->nids || (t->flags & UCLOG_DIAG_TEXT_FAILURES);
}

static uint32_t shown_calls(const uclog_diag_text *t, const uclog_diag_report *r)
{
    uint32_t i, n = 0;

    for (i = 0; i < uclog_diag_report_call_count(r); i++)
        n += (uint32_t)call_shown(t, r, i);
    return n;
}

/* ---- a verdict ---- */

static const char *base_name(const char *path)
{
    const char *s = path ? strrchr(path, '/') : NULL;
    return s ? s + 1 : path ? path : "";
}

static void evidence(uclog_diag_text *t, const uclog_diag_evidence *e)
{
    uclog_span sp;
    uclog_timestamp ts;
    int col = 5, fresh = 1;

    uclog_diag_evidence_span(&sp, e);
    put_z(t, "     ");
    if (uclog_diag_evidence_file(e)) {
        put_c(t, ' ');
        col += 1 + put_text_z(t, base_name(uclog_diag_evidence_file(e)));
        putf(t, ":%u", (unsigned)sp.line);
        col += snprintf(NULL, 0, ":%u", (unsigned)sp.line);
        fresh = 0;
    }
    if (uclog_diag_evidence_time(&ts, e) == 0) {
        putf(t, " %02u:%02u:%02u.%03u", ts.hour, ts.minute, ts.second, ts.millisecond);
        col += snprintf(NULL, 0, " %02u:%02u:%02u.%03u", ts.hour, ts.minute, ts.second, ts.millisecond);
        fresh = 0;
    }
    if (fresh) { /* blanks only: the space is written, no space before the first word */
        put_c(t, ' ');
        col++;
    }
    wrap_words(t, col, fresh, 8, uclog_diag_evidence_detail(e));
}

/* A verdict's checklist, numbered; under `label` ("Check" for a warning or failure, "Next" otherwise). */
static void checklist(uclog_diag_text *t, const uclog_diag_verdict *v, const char *label)
{
    char head[32];
    uint32_t i, n = uclog_diag_verdict_checklist_count(v);

    if (n)
        putf(t, "    %s:\n", label);
    for (i = 0; i < n; i++) {
        snprintf(head, sizeof(head), "      %2u. ", (unsigned)(i + 1));
        wrap(t, head, 10, uclog_diag_verdict_checklist(v, i));
    }
}

/* A verdict, its checklist in full, or (ref) where it is printed instead. */
static void verdict(uclog_diag_text *t, const uclog_diag_verdict *v, const char *ref)
{
    char head[32];
    uint32_t i, n;
    int32_t sev = uclog_diag_verdict_severity(v), cert = uclog_diag_verdict_certainty(v);

    putf(t, "  %s[%s]%s %d %s (%s%s)\n", sev_colour(t, sev), uclog_diag_severity_name(sev), reset(t),
         (int)uclog_diag_verdict_code(v), uclog_diag_verdict_name(v), uclog_diag_verdict_step(v),
         cert == UCLOG_DIAG_INFERRED ? ", inferred" : cert == UCLOG_DIAG_UNREADABLE ? ", unreadable" : "");
    wrap(t, "    ", 4, uclog_diag_verdict_summary(v));
    if (uclog_diag_verdict_reason(v))
        wrap(t, cert == UCLOG_DIAG_UNREADABLE ? "    Unreadable: " : "    Inferred: ", 6, uclog_diag_verdict_reason(v));
    n = uclog_diag_verdict_evidence_count(v);
    if (n)
        put_z(t, "    Evidence:\n");
    for (i = 0; i < n; i++)
        evidence(t, uclog_diag_verdict_evidence(v, i));
    if (!uclog_diag_verdict_checklist_count(v))
        return;
    if (!ref) {
        checklist(t, v, sev >= UCLOG_DIAG_WARNING ? "Check" : "Next");
        return;
    }
    snprintf(head, sizeof(head), "    %s: ", sev >= UCLOG_DIAG_WARNING ? "Check" : "Next");
    wrap(t, head, 6, ref);
}

static int code_slot(int32_t code)
{
    return code > 0 && code < CODES ? (int)code : 0;
}

/* Where a verdict's checklist is, when not under it; NULL: under it. */
static const char *check_ref(uclog_diag_text *t, const uclog_diag_verdict *v, uint32_t number, int stream, char *buf,
                             size_t size)
{
    int c = code_slot(uclog_diag_verdict_code(v));

    if (!c)
        return NULL;
    if (!stream) {
        if (t->code_uses[c] < 2)
            return NULL;
        snprintf(buf, size, "listed once at the end, under %d %s", c, uclog_diag_verdict_name(v));
        return buf;
    }
    if (!t->code_first[c]) {
        t->code_first[c] = uclog_diag_verdict_call(v) < 0 ? UINT32_MAX : number;
        return NULL;
    }
    if (t->code_first[c] == UINT32_MAX)
        snprintf(buf, size, "as under \"Sign-in and log\" above (%d %s)", c, uclog_diag_verdict_name(v));
    else
        snprintf(buf, size, "as for call %u above (%d %s)", (unsigned)t->code_first[c], c, uclog_diag_verdict_name(v));
    return buf;
}

/* ---- a report ---- */

/* Why a streaming diagnosis judged a call before its end. */
static const char *cut_text(int32_t cut)
{
    return cut == UCLOG_DIAG_CALL_CUT_CALLS      ? "256 calls were in progress at once"
           : cut == UCLOG_DIAG_CALL_CUT_MESSAGES ? "it reached 512 messages"
                                                 : "the calls in progress reached the window's byte budget";
}

/* A call attempt's direction; "direction unknown" for bare SIP messages, which do not say it. */
static const char *direction_name(int32_t dir)
{
    return dir == UCLOG_DIAG_CALL_OUTGOING   ? "outgoing"
           : dir == UCLOG_DIAG_CALL_INCOMING ? "incoming"
                                             : "direction unknown";
}

static void call_heading(uclog_diag_text *t, const uclog_diag_report *r, uint32_t call, uint32_t number)
{
    const char *peer = uclog_diag_report_call_peer(r, call);
    int32_t dir = uclog_diag_report_call_direction(r, call);

    putf(t, "\nCall %u: %s %s", (unsigned)number, direction_name(dir),
         peer ? (dir == UCLOG_DIAG_CALL_INCOMING ? "from " : "to ") : "");
    put_text_z(t, peer);
    put_z(t, "\n  Call-ID: ");
    put_text_z(t, uclog_diag_report_call_id(r, call));
    put_c(t, '\n');
    if (uclog_diag_report_call_cut(r, call) != UCLOG_DIAG_CALL_WHOLE)
        putf(t, "  Judged before its end: %s\n", cut_text(uclog_diag_report_call_cut(r, call)));
}

/* The verdicts shown, under a heading for the sign-in and for each call (numbered from first + 1). */
static void verdicts(uclog_diag_text *t, const uclog_diag_report *r, uint32_t first, int stream)
{
    uint32_t i, n = uclog_diag_report_verdict_count(r);
    int32_t last_call = -2;
    char ref[160];

    for (i = 0; i < n && !t->rc; i++) {
        const uclog_diag_verdict *v = uclog_diag_report_verdict(r, i);
        int32_t call = uclog_diag_verdict_call(v);
        if (!verdict_shown(t, r, v))
            continue;
        if (call != last_call) {
            if (call < 0)
                put_z(t, "\nSign-in and log\n");
            else
                call_heading(t, r, (uint32_t)call, first + (uint32_t)call + 1);
            last_call = call;
        }
        verdict(t, v, check_ref(t, v, first + (uint32_t)call + 1, stream, ref, sizeof(ref)));
    }
}

/* Count the shown verdicts of each code: which checklists are printed once, at the end. */
static void count_codes(uclog_diag_text *t, const uclog_diag_report *r)
{
    uint32_t i;

    memset(t->code_uses, 0, sizeof(t->code_uses));
    for (i = 0; i < uclog_diag_report_verdict_count(r); i++) {
        const uclog_diag_verdict *v = uclog_diag_report_verdict(r, i);
        if (verdict_shown(t, r, v))
            t->code_uses[code_slot(uclog_diag_verdict_code(v))]++;
    }
}

/* A call's line under a shared checklist: "  Call 2  2008-11-21 23:40:00.100  Call-ID". */
static void shared_call_line(uclog_diag_text *t, const uclog_diag_report *r, uint32_t call)
{
    uclog_timestamp ts;

    putf(t, "  Call %u  ", (unsigned)call + 1);
    if (uclog_diag_report_call_start(&ts, r, call) == 0)
        putf(t, "%04u-%02u-%02u %02u:%02u:%02u.%03u  ", ts.year, ts.month, ts.day, ts.hour, ts.minute, ts.second,
             ts.millisecond);
    else
        put_z(t, "-  ");
    put_text_z(t, uclog_diag_report_call_id(r, call));
    put_c(t, '\n');
}

/* Each checklist of a code given more than once, once: the code, the calls it concerns, the list. */
static void shared_checklists(uclog_diag_text *t, const uclog_diag_report *r)
{
    uint32_t i, n = uclog_diag_report_verdict_count(r);
    int32_t code;
    int headed = 0;

    for (code = uclog_diag_code_next(0); code && !t->rc; code = uclog_diag_code_next(code)) {
        const uclog_diag_verdict *any = NULL;
        int32_t worst = UCLOG_DIAG_OK, last_call = -2;
        int c = code_slot(code);
        if (!c || t->code_uses[c] < 2 || !uclog_diag_code_checklist_count(code))
            continue;
        for (i = 0; i < n; i++) {
            const uclog_diag_verdict *v = uclog_diag_report_verdict(r, i);
            if (uclog_diag_verdict_code(v) == code && verdict_shown(t, r, v) &&
                uclog_diag_verdict_severity(v) >= worst) {
                worst = uclog_diag_verdict_severity(v);
                any = v;
            }
        }
        if (!any)
            continue;
        if (!headed)
            put_z(t, "\nChecklists of the verdicts given more than once\n");
        headed = 1;
        putf(t, "\n%s[%s]%s %d %s, given %u times:\n", sev_colour(t, worst), uclog_diag_severity_name(worst), reset(t),
             (int)code, uclog_diag_code_name(code), (unsigned)t->code_uses[c]);
        for (i = 0; i < n; i++) {
            const uclog_diag_verdict *v = uclog_diag_report_verdict(r, i);
            int32_t call = uclog_diag_verdict_call(v);
            if (uclog_diag_verdict_code(v) != code || call == last_call || !verdict_shown(t, r, v))
                continue;
            last_call = call;
            if (call < 0)
                put_z(t, "  Sign-in and log\n");
            else
                shared_call_line(t, r, (uint32_t)call);
        }
        checklist(t, any, worst >= UCLOG_DIAG_WARNING ? "Check" : "Next");
    }
}

static void files(uclog_diag_text *t, const uclog_diag_report *r)
{
    uint32_t i;

    for (i = 0; i < uclog_diag_report_file_count(r); i++) {
        put_z(t, "Log: ");
        put_text_z(t, uclog_diag_report_file_name(r, i));
        put_c(t, '\n');
    }
}

/* Packets that yielded no SIP message: how many, and where the first are. */
static void unusable(uclog_diag_text *t, const uclog_diag_report *r)
{
    uint64_t n = uclog_diag_report_unusable_count(r);
    uint32_t i;
    uclog_span sp;

    if (!n)
        return;
    putf(t, "Unreadable packets: %llu (no SIP message could be read from them)\n", (unsigned long long)n);
    for (i = 0; i < 5 && uclog_diag_report_unusable_span(&sp, r, i) == 0; i++) {
        put_z(t, "  ");
        put_text_z(t, base_name(uclog_diag_report_file_name(r, sp.file)));
        putf(t, ":%u\n", (unsigned)sp.line);
    }
    if (n > 5)
        putf(t, "  ... and %llu more (uclog-dump lists them all)\n", (unsigned long long)(n - 5));
}

static void client(uclog_diag_text *t, const uclog_diag_report *r, uint32_t calls, uint32_t shown)
{
    char head[64], why[2048];

    put_z(t, "Client: ");
    put_text_z(t, uclog_diag_report_client_uri(r) ? uclog_diag_report_client_uri(r) : "(unknown)");
    put_c(t, '\n');
    if (uclog_diag_report_client_user_agent(r))
        wrap(t, "  Agent: ", 9, uclog_diag_report_client_user_agent(r));
    snprintf(head, sizeof(head), "  Location: %s ", uclog_diag_location_name(uclog_diag_report_client_location(r)));
    snprintf(why, sizeof(why), "(%s)", uclog_diag_report_client_location_reason(r));
    wrap(t, head, 4, why);
    putf(t, "Calls: %u\n", (unsigned)calls);
    if (filtering(t)) {
        int failures = (t->flags & UCLOG_DIAG_TEXT_FAILURES) != 0;
        putf(t, "Shown: %u of them (%s%s%s)\n", (unsigned)shown, t->nids ? "--call-id" : "",
             t->nids && failures ? ", " : "", failures ? "--failures" : "");
    }
    unusable(t, r);
}

/* ---- the summary: a line a call ---- */

/* A call's direction in one of three words: bare SIP messages do not say it. */
static const char *summary_direction(int32_t dir, const char *out, const char *in, const char *unknown)
{
    return dir == UCLOG_DIAG_CALL_OUTGOING ? out : dir == UCLOG_DIAG_CALL_INCOMING ? in : unknown;
}

/* The verdict column: a code and the longest name of the registry. */
static int verdict_width(void)
{
    int32_t c;
    int w = 0;

    for (c = uclog_diag_code_next(0); c; c = uclog_diag_code_next(c))
        if ((int)strlen(uclog_diag_code_name(c)) > w)
            w = (int)strlen(uclog_diag_code_name(c));
    return w + 4;
}

/* A JSON string: the log's control characters (C1 too) as \u escapes, a byte that is not UTF-8 as
 * \ufffd; NULL as null. */
static void json_str(uclog_diag_text *t, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, l, n = s ? strlen(s) : 0;

    if (!s) {
        put_z(t, "null");
        return;
    }
    put_c(t, '"');
    while (i < n) {
        unsigned c = p[i];
        if (c == '"' || c == '\\') {
            put_c(t, '\\');
            put_c(t, (char)c);
        } else if (c == '\n' || c == '\r' || c == '\t') {
            put_z(t, c == '\n' ? "\\n" : c == '\r' ? "\\r" : "\\t");
        } else if (c < 0x20 || c == 0x7F) {
            putf(t, "\\u%04x", c);
        } else if (c == 0xC2 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] < 0xA0) {
            putf(t, "\\u%04x", p[++i]); /* C1: valid JSON as it is, but not for a terminal */
        } else if ((l = utf8_len(p + i, n - i)) == 0) {
            put_z(t, "\\ufffd");
        } else {
            put(t, s + i, l);
            i += l;
            continue;
        }
        i++;
    }
    put_c(t, '"');
}

static void json_verdict(uclog_diag_text *t, int32_t code, const char *name, int32_t sev)
{
    if (sev < UCLOG_DIAG_WARNING) {
        put_z(t, "null");
        return;
    }
    putf(t, "{\"code\": %d, \"name\": ", (int)code);
    json_str(t, name);
    put_z(t, ", \"severity\": ");
    json_str(t, uclog_diag_severity_name(sev));
    put_c(t, '}');
}

static int json_form(const uclog_diag_text *t)
{
    return (t->flags & UCLOG_DIAG_TEXT_JSON) != 0;
}

static int stream_form(const uclog_diag_text *t)
{
    return (t->flags & UCLOG_DIAG_TEXT_STREAM) != 0;
}

/* Before a summary: no line written, nothing counted. */
static void summary_reset(uclog_diag_text *t)
{
    uint32_t client = t->sum.client_number;

    memset(&t->sum, 0, sizeof(t->sum));
    t->sum.client_number = client;
    t->sum.log_worst = -1;
    /* parts come one by one: a Call-ID of the usual length, up to a million calls */
    t->sum.id_width = stream_form(t) ? 32 : 0;
    t->sum.number_width = stream_form(t) ? 6 : 4;
}

/* A whole report's number column: as wide as its calls need. */
static void summary_size(uclog_diag_text *t, uint64_t calls)
{
    uint64_t w;

    if (t->sum.sized || stream_form(t))
        return;
    t->sum.sized = 1;
    for (w = 10000; w <= calls && t->sum.number_width < 10; w *= 10)
        t->sum.number_width++;
}

/* Log text padded to `width` columns (a longer text is written whole, then two spaces). */
static void put_padded(uclog_diag_text *t, const char *s, int width)
{
    int n = put_text_z(t, s);

    spaces(t, n < width ? width - n + 2 : 2);
}

static void summary_header(uclog_diag_text *t, const uclog_diag_report *r)
{
    uint32_t i;

    t->sum.headed = 1;
    if (!t->sum.id_width) {
        t->sum.id_width = 7;
        for (i = 0; r && i < uclog_diag_report_call_count(r); i++) {
            const char *id = uclog_diag_report_call_id(r, i);
            if (id && strlen(id) > (size_t)t->sum.id_width && strlen(id) < INT32_MAX && call_shown(t, r, i))
                t->sum.id_width = (int)strlen(id);
        }
    }
    if (json_form(t)) {
        if (!stream_form(t))
            put_z(t, "{\"calls\": [");
        return;
    }
    putf(t, "%*s  %-23s  %-3s  %-12s  %-7s  %-*s  ", t->sum.number_width, "call", "start", "dir", "outcome", "worst",
         verdict_width(), "verdict");
    put_padded(t, "Call-ID", t->sum.id_width); /* a Call-ID may be longer than putf() writes */
    put_z(t, "peer\n");
}

static void summary_line_json(uclog_diag_text *t, const uclog_diag_report *r, uint32_t i, uint32_t number,
                              const uclog_diag_verdict *w, const uclog_timestamp *ts)
{
    int32_t sev = w ? uclog_diag_verdict_severity(w) : UCLOG_DIAG_OK;

    if (!stream_form(t) && t->sum.lines)
        put_z(t, ", ");
    put_c(t, '{');
    if (t->sum.client_number && stream_form(t))
        putf(t, "\"client_number\": %u, ", (unsigned)t->sum.client_number);
    putf(t, "\"number\": %u, \"call_id\": ", (unsigned)number);
    json_str(t, uclog_diag_report_call_id(r, i));
    put_z(t, ", \"start\": ");
    if (ts)
        putf(t, "\"%04u-%02u-%02uT%02u:%02u:%02u.%03u\"", ts->year, ts->month, ts->day, ts->hour, ts->minute,
             ts->second, ts->millisecond);
    else
        put_z(t, "null");
    put_z(t, ", \"direction\": ");
    json_str(t, summary_direction(uclog_diag_report_call_direction(r, i), "outgoing", "incoming", "unknown"));
    put_z(t, ", \"peer\": ");
    json_str(t, uclog_diag_report_call_peer(r, i));
    put_z(t, ", \"outcome\": ");
    json_str(t, uclog_diag_call_outcome_name(uclog_diag_report_call_outcome(r, i)));
    put_z(t, ", \"worst\": ");
    json_str(t, uclog_diag_severity_name(sev));
    put_z(t, ", \"verdict\": ");
    json_verdict(t, w ? uclog_diag_verdict_code(w) : 0, w ? uclog_diag_verdict_name(w) : NULL, sev);
    put_z(t, stream_form(t) ? "}\n" : "}");
}

static void summary_line_text(uclog_diag_text *t, const uclog_diag_report *r, uint32_t i, uint32_t number,
                              const uclog_diag_verdict *w, const uclog_timestamp *ts)
{
    int32_t sev = w ? uclog_diag_verdict_severity(w) : UCLOG_DIAG_OK;
    char verdict[96];
    const char *id = uclog_diag_report_call_id(r, i), *peer = uclog_diag_report_call_peer(r, i);

    putf(t, "%*u  ", t->sum.number_width, (unsigned)number);
    if (ts)
        putf(t, "%04u-%02u-%02u %02u:%02u:%02u.%03u  ", ts->year, ts->month, ts->day, ts->hour, ts->minute,
             ts->second, ts->millisecond);
    else
        putf(t, "%-23s  ", "-");
    putf(t, "%-3s  %-12s  %-7s  ", summary_direction(uclog_diag_report_call_direction(r, i), "out", "in", "?"),
         uclog_diag_call_outcome_name(uclog_diag_report_call_outcome(r, i)), uclog_diag_severity_name(sev));
    if (sev >= UCLOG_DIAG_WARNING)
        snprintf(verdict, sizeof(verdict), "%d %s", (int)uclog_diag_verdict_code(w), uclog_diag_verdict_name(w));
    else
        snprintf(verdict, sizeof(verdict), "-");
    putf(t, "%-*s  ", verdict_width(), verdict);
    put_padded(t, id ? id : "-", t->sum.id_width);
    put_text_z(t, peer ? peer : "-");
    put_c(t, '\n');
}

/* The log-wide verdicts of r: the worst is kept for the log's line. */
static void summary_note_log_wide(uclog_diag_text *t, const uclog_diag_report *r)
{
    uint32_t i;

    for (i = 0; i < uclog_diag_report_verdict_count(r); i++) {
        const uclog_diag_verdict *w = uclog_diag_report_verdict(r, i);
        if (uclog_diag_verdict_call(w) < 0 && uclog_diag_verdict_severity(w) > t->sum.log_worst) {
            t->sum.log_worst = uclog_diag_verdict_severity(w);
            t->sum.log_code = uclog_diag_verdict_code(w);
        }
    }
}

static void summary_end_json(uclog_diag_text *t, uint32_t calls)
{
    uint32_t k;

    if (stream_form(t) && t->sum.client_number)
        putf(t, "{\"client_number\": %u, \"log\": {\"worst\": ", (unsigned)t->sum.client_number);
    else
        put_z(t, stream_form(t) ? "{\"log\": {\"worst\": " : "], \"log\": {\"worst\": ");
    json_str(t, t->sum.log_worst < 0 ? NULL : uclog_diag_severity_name(t->sum.log_worst));
    put_z(t, ", \"verdict\": ");
    json_verdict(t, t->sum.log_code, uclog_diag_code_name(t->sum.log_code), t->sum.log_worst);
    putf(t, "}, \"totals\": {\"calls\": %u, \"shown\": %u", (unsigned)calls, (unsigned)t->sum.shown);
    for (k = 0; k < OUTCOMES; k++)
        putf(t, ", \"%s\": %u", uclog_diag_call_outcome_name((int32_t)k), (unsigned)t->sum.outcomes[k]);
    putf(t, ", \"failure\": %u, \"warning\": %u}}%s", (unsigned)t->sum.failure, (unsigned)t->sum.warning,
         stream_form(t) ? "\n" : "");
}

static void summary_end_text(uclog_diag_text *t, uint32_t calls)
{
    char verdict[96];
    uint32_t k;

    if (t->sum.log_worst >= UCLOG_DIAG_WARNING)
        snprintf(verdict, sizeof(verdict), "%d %s", (int)t->sum.log_code, uclog_diag_code_name(t->sum.log_code));
    else
        snprintf(verdict, sizeof(verdict), "-");
    putf(t, "%*s  %-23s  %-3s  %-12s  %-7s  %s\n", t->sum.number_width, "log", "-", "-", "-",
         t->sum.log_worst < 0 ? "-" : uclog_diag_severity_name(t->sum.log_worst), verdict);
    if (filtering(t))
        putf(t, "Total: calls %u shown of %u", (unsigned)t->sum.shown, (unsigned)calls);
    else
        putf(t, "Total: calls %u", (unsigned)calls);
    for (k = 0; k < OUTCOMES; k++)
        putf(t, ", %s %u", uclog_diag_call_outcome_name((int32_t)(k + 1) % OUTCOMES),
             (unsigned)t->sum.outcomes[(k + 1) % OUTCOMES]);
    putf(t, "; failure %u, warning %u\n", (unsigned)t->sum.failure, (unsigned)t->sum.warning);
}

/* ---- the public calls ---- */

int uclog_diag_text_new(uclog_diag_text **out, uclog_ctx *ctx, uint32_t width, uint32_t flags)
{
    uclog_diag_text *t;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!ctx || (flags & ~(uint32_t)(UCLOG_DIAG_TEXT_COLOUR | UCLOG_DIAG_TEXT_FAILURES | UCLOG_DIAG_TEXT_JSON |
                                     UCLOG_DIAG_TEXT_STREAM)))
        return UCLOG_E_INVALID_ARG;
    t = uclog_ctx_alloc(ctx, sizeof(*t));
    if (!t)
        return UCLOG_E_NOMEM;
    memset(t, 0, sizeof(*t) - OUT_BUF);
    t->ctx = ctx;
    t->width = width;
    t->flags = flags;
    summary_reset(t);
    *out = t;
    return UCLOG_OK;
}

void uclog_diag_text_free(uclog_diag_text *t)
{
    size_t i;

    if (!t)
        return;
    for (i = 0; i < t->nids; i++)
        uclog_ctx_dealloc(t->ctx, t->ids[i]);
    uclog_ctx_dealloc(t->ctx, t->ids);
    uclog_ctx_dealloc(t->ctx, t);
}

int uclog_diag_text_add_call_id(uclog_diag_text *t, const char *id)
{
    char **ids, *copy;
    size_t n;

    if (!t || !id)
        return UCLOG_E_INVALID_ARG;
    n = strlen(id);
    ids = uclog_ctx_realloc(t->ctx, t->ids, (t->nids + 1) * sizeof(*ids));
    if (!ids)
        return UCLOG_E_NOMEM;
    t->ids = ids;
    copy = uclog_ctx_alloc(t->ctx, n + 1);
    if (!copy)
        return UCLOG_E_NOMEM;
    memcpy(copy, id, n + 1);
    t->ids[t->nids++] = copy;
    return UCLOG_OK;
}

static void begin(uclog_diag_text *t, uclog_diag_write_fn fn, void *userdata)
{
    t->fn = fn;
    t->userdata = userdata;
    t->rc = 0;
    t->len = 0;
}

static int end(uclog_diag_text *t)
{
    flush(t);
    t->fn = NULL;
    t->userdata = NULL;
    return t->rc;
}

int uclog_diag_text_report(uclog_diag_text *t, const uclog_diag_report *r, uclog_diag_write_fn fn, void *userdata)
{
    if (!t || !r || !fn)
        return UCLOG_E_INVALID_ARG;
    begin(t, fn, userdata);
    files(t, r);
    client(t, r, uclog_diag_report_call_count(r), shown_calls(t, r));
    count_codes(t, r);
    verdicts(t, r, 0, 0);
    shared_checklists(t, r);
    return end(t);
}

int uclog_diag_text_part(uclog_diag_text *t, const uclog_diag_report *part, uclog_diag_write_fn fn, void *userdata)
{
    uint32_t calls;

    if (!t || !part || !fn)
        return UCLOG_E_INVALID_ARG;
    calls = uclog_diag_report_call_count(part);
    begin(t, fn, userdata);
    if (t->parts == 0)
        files(t, part);
    if (calls == 0) {
        put_c(t, '\n');
        client(t, part, t->calls, t->shown);
    }
    verdicts(t, part, t->calls, 1);
    t->parts++;
    t->shown += shown_calls(t, part);
    t->calls += calls;
    return end(t);
}

int uclog_diag_text_set_client_number(uclog_diag_text *t, uint32_t number)
{
    if (!t)
        return UCLOG_E_INVALID_ARG;
    t->sum.client_number = number;
    return UCLOG_OK;
}

int uclog_diag_text_summary_calls(uclog_diag_text *t, const uclog_diag_report *r, uint32_t first,
                                  uclog_diag_write_fn fn, void *userdata)
{
    uint32_t i, n;

    if (!t || !r || !fn)
        return UCLOG_E_INVALID_ARG;
    n = uclog_diag_report_call_count(r);
    begin(t, fn, userdata);
    summary_size(t, (uint64_t)first + n);
    summary_note_log_wide(t, r);
    for (i = 0; i < n && !t->rc; i++) {
        const uclog_diag_verdict *w;
        uclog_timestamp ts;
        const uclog_timestamp *start;
        int32_t sev, outcome;
        if (!call_shown(t, r, i))
            continue;
        if (!t->sum.headed)
            summary_header(t, r);
        w = uclog_diag_report_call_worst_verdict(r, i);
        sev = w ? uclog_diag_verdict_severity(w) : UCLOG_DIAG_OK;
        outcome = uclog_diag_report_call_outcome(r, i);
        start = uclog_diag_report_call_start(&ts, r, i) == 0 ? &ts : NULL;
        t->sum.shown++;
        t->sum.outcomes[outcome >= 0 && outcome < OUTCOMES ? outcome : 0]++;
        t->sum.failure += sev == UCLOG_DIAG_FAILURE;
        t->sum.warning += sev == UCLOG_DIAG_WARNING;
        if (json_form(t))
            summary_line_json(t, r, i, first + i + 1, w, start);
        else
            summary_line_text(t, r, i, first + i + 1, w, start);
        t->sum.lines++;
    }
    return end(t);
}

int uclog_diag_text_summary_end(uclog_diag_text *t, uint32_t calls, uclog_diag_write_fn fn, void *userdata)
{
    if (!t || !fn)
        return UCLOG_E_INVALID_ARG;
    begin(t, fn, userdata);
    if (!t->sum.headed)
        summary_header(t, NULL);
    if (json_form(t))
        summary_end_json(t, calls);
    else
        summary_end_text(t, calls);
    summary_reset(t);
    return end(t);
}

size_t uclog_diag_text_safe(char *out, size_t size, const char *text, size_t len)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t i = 0, l, n = 0;

    if (!out || !size)
        return 0;
    while (text && i < len) {
        l = utf8_len(p + i, len - i);
        if (!uclog_utf8_char_shown(text + i, len - i)) {
            if (n + 1 >= size)
                break;
            out[n++] = '?';
            i += l ? l : 1;
        } else {
            if (n + l >= size)
                break;
            memcpy(out + n, text + i, l);
            n += l;
            i += l;
        }
    }
    out[n] = '\0';
    return n;
}
