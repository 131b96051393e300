/*
 * The data of uclog-report's page: one JSON object that the page's script
 * renders, so that a log of 100 000 messages is one string, not 100 000
 * elements. Every text taken from the log goes through
 * uclog_redact_mask_text() unless the secrets are to be shown.
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "report.h"

typedef struct writer {
    FILE *out;
    int show_secrets;
    char *mask; /* grows to the longest text masked */
    size_t mask_cap;
    int nomem;
} writer;

/* s as a JSON string: quotes, backslashes and control characters escaped,
 * '<' as \u003c (no "</script>" nor "<!--" can end or bend the element), bytes
 * that are not UTF-8 as \ufffd. */
void rp_json_string(FILE *out, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, l;

    if (!s) {
        fputs("null", out);
        return;
    }
    putc('"', out);
    while (i < n) {
        unsigned c = p[i];
        if (c == '"' || c == '\\') {
            putc('\\', out);
            putc((int)c, out);
            i++;
        } else if (c == '\n') {
            fputs("\\n", out);
            i++;
        } else if (c < 0x20 || c == 0x7f || c == '<') {
            fprintf(out, "\\u%04x", c);
            i++;
        } else if (c < 0x80) {
            putc((int)c, out);
            i++;
        } else if ((l = ex_utf8_len(p + i, n - i)) == 0) {
            fputs("\\ufffd", out);
            i++;
        } else {
            fwrite(p + i, 1, l, out);
            i += l;
        }
    }
    putc('"', out);
}

static void raw_str(writer *w, const char *s, size_t n)
{
    rp_json_string(w->out, s, n);
}

/* A text from the log: its secrets masked unless they are to be shown. */
static void str(writer *w, const char *s, size_t n)
{
    if (!s || w->show_secrets || n == 0) {
        raw_str(w, s, n);
        return;
    }
    if (n > w->mask_cap) {
        char *m = realloc(w->mask, n);
        if (!m) {
            w->nomem = 1; /* said once the page is written */
            return;
        }
        w->mask = m;
        w->mask_cap = n;
    }
    uclog_redact_mask_text(w->mask, s, n);
    raw_str(w, w->mask, n);
}

static void strz(writer *w, const char *s)
{
    str(w, s, s ? strlen(s) : 0);
}

static void ustr(writer *w, uclog_str s)
{
    str(w, s.ptr, s.ptr ? s.len : 0);
}

static void key(writer *w, int first, const char *name)
{
    fprintf(w->out, "%s\"%s\":", first ? "" : ",", name);
}

/* Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil). */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
    long long era;
    unsigned yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

static void timestamp(writer *w, const uclog_timestamp *ts)
{
    long long ms = ((days_from_civil(ts->year, ts->month, ts->day) * 24 + ts->hour) * 60 + ts->minute) * 60;

    ms = (ms + ts->second) * 1000 + ts->millisecond;
    fprintf(w->out, ",\"date\":\"%04u-%02u-%02u\",\"time\":\"%02u:%02u:%02u.%03u\",\"ms\":%lld", ts->year,
            ts->month, ts->day, ts->hour, ts->minute, ts->second, ts->millisecond, ms);
}

/* ---- messages ---- */

static void endpoint(writer *w, const char *name, uclog_str a, uint16_t port)
{
    char buf[96];

    ex_fmt_addr(buf, sizeof(buf), a, port);
    key(w, 0, name);
    raw_str(w, buf, strlen(buf));
}

/* The ms-diagnostics entries of a message, as the page lists them under its arrow. */
static void diagnostics(writer *w, const uclog_sip *sip)
{
    uint32_t k, n = uclog_sip_diag_count(sip), kind, id, sub;
    uclog_str entry, text;

    key(w, 0, "diag");
    putc('[', w->out);
    for (k = 0; k < n; k++) {
        uclog_sip_diag(&entry, &kind, sip, k);
        fprintf(w->out, "%s{\"kind\":\"%s\"", k ? "," : "", uclog_sip_diag_kind_name(kind));
        if (uclog_sip_diag_parse(&id, &sub, &text, NULL, entry) == 0) {
            fprintf(w->out, ",\"id\":%u,\"text\":", (unsigned)id);
            ustr(w, text);
        } else {
            fputs(",\"text\":", w->out);
            ustr(w, entry);
        }
        putc('}', w->out);
    }
    putc(']', w->out);
}

/* The index's word on message i: "retx" (the message it sends again) for a
 * retransmission; a response's "since_ms" (from its request's first
 * sending); a request's transaction, on its first sending: "prov_ms" and
 * "final_ms" (to the first 1xx and final response) and "retx_count". */
static void timing(writer *w, const uclog_index *idx, uint32_t i, int32_t type)
{
    uint32_t of, n;
    int64_t prov, fin, ms;

    if (uclog_index_message_retransmits(&of, idx, i) == 0) {
        fprintf(w->out, ",\"retx\":%u", (unsigned)of);
        return;
    }
    if (type != UCLOG_INDEX_REQUEST) {
        if (uclog_index_message_since_request(&ms, idx, i) == 0)
            fprintf(w->out, ",\"since_ms\":%lld", (long long)ms);
        return;
    }
    if (uclog_index_transaction_timing(&prov, &fin, idx, i) == 0) {
        if (prov != UCLOG_INDEX_NO_TIME)
            fprintf(w->out, ",\"prov_ms\":%lld", (long long)prov);
        if (fin != UCLOG_INDEX_NO_TIME)
            fprintf(w->out, ",\"final_ms\":%lld", (long long)fin);
    }
    if ((n = uclog_index_transaction_retransmissions(idx, i)) > 0)
        fprintf(w->out, ",\"retx_count\":%u", (unsigned)n);
}

static int message(writer *w, const uclog_index *idx, uint32_t i, uint32_t call)
{
    uclog_sip *sip = NULL;
    uclog_timestamp ts;
    uclog_str method = {NULL, 0}, local, remote, line;
    uclog_span sp;
    uint16_t lport = 0, rport = 0;
    uint32_t status = 0;
    int32_t type = 0, dir = uclog_index_message_direction(idx, i);
    int rc = uclog_index_message_parse(&sip, idx, i);

    if (rc != 0)
        return rc;
    uclog_index_message_type(&type, &method, &status, idx, i);
    fprintf(w->out, "%s{\"i\":%u,\"call\":", i ? ",\n" : "", (unsigned)i);
    if (call == UINT32_MAX)
        fputs("null", w->out);
    else
        fprintf(w->out, "%u", (unsigned)call);
    fprintf(w->out, ",\"dir\":\"%s\"",
            dir == UCLOG_DIRECTION_SENT ? "sent" : dir == UCLOG_DIRECTION_RECEIVED ? "received" : "unknown");
    if (uclog_index_message_timestamp(&ts, idx, i) == 0)
        timestamp(w, &ts);
    if (type == UCLOG_INDEX_REQUEST) {
        key(w, 0, "method");
        ustr(w, method);
    } else {
        fprintf(w->out, ",\"status\":%u", (unsigned)status);
        if (uclog_sip_status_line(NULL, NULL, &line, sip) == 0) {
            key(w, 0, "reason");
            ustr(w, line);
        }
    }
    if (uclog_index_message_cseq(NULL, &method, idx, i) == 0) {
        key(w, 0, "cseq");
        ustr(w, method);
    }
    if (uclog_index_message_endpoints(&local, &lport, &remote, &rport, idx, i) == 0) {
        endpoint(w, "local", local, lport);
        endpoint(w, "remote", remote, rport);
    }
    if (uclog_index_message_span(&sp, idx, i) == 0)
        fprintf(w->out, ",\"file\":%u,\"line\":%u", (unsigned)sp.file, (unsigned)sp.line);
    timing(w, idx, i, type);
    fprintf(w->out, ",\"sdp\":%u", (unsigned)uclog_sip_sdp_count(sip));
    diagnostics(w, sip);
    key(w, 0, "text");
    if (uclog_sip_start_line(&line, NULL, sip) == 0 && uclog_sip_span(&sp, sip) == 0)
        str(w, line.ptr, (size_t)sp.length);
    else
        fputs("\"\"", w->out);
    putc('}', w->out);
    uclog_sip_free(sip);
    return 0;
}

/* ---- calls ---- */

/* judged[c]: the diagnosis's call of index call c, or UINT32_MAX. Found
 * through the index's table of Call-IDs: one look-up per judged call (the
 * report's own search is linear, and a log may hold thousands of calls). */
static void judged_calls(uint32_t *judged, const uclog_index *idx, const uclog_diag_report *r)
{
    uint32_t d, c;
    const char *id;

    for (c = 0; c < uclog_index_call_count(idx); c++)
        judged[c] = UINT32_MAX;
    for (d = 0; d < uclog_diag_report_call_count(r); d++)
        if ((id = uclog_diag_report_call_id(r, d)) && uclog_index_call_find(&c, idx, id, strlen(id)) == 0)
            judged[c] = d;
}

static void calls(writer *w, const uclog_index *idx, const uclog_diag_report *r, uint32_t *call_of,
                  const uint32_t *judged)
{
    uint32_t c, k, m, n, d;
    uclog_str id;

    for (c = 0; c < uclog_index_call_count(idx); c++) {
        uclog_index_call_id(&id, idx, c);
        fprintf(w->out, "%s{\"id\":", c ? ",\n" : "");
        ustr(w, id);
        n = uclog_index_call_message_count(idx, c);
        fputs(",\"messages\":[", w->out);
        for (k = 0; k < n; k++) {
            uclog_index_call_message(&m, idx, c, k);
            call_of[m] = c;
            fprintf(w->out, "%s%u", k ? "," : "", (unsigned)m);
        }
        putc(']', w->out);
        if ((d = judged[c]) != UINT32_MAX) {
            key(w, 0, "outcome");
            strz(w, uclog_diag_call_outcome_name(uclog_diag_report_call_outcome(r, d)));
            key(w, 0, "peer");
            strz(w, uclog_diag_report_call_peer(r, d));
            fprintf(w->out, ",\"role\":\"%s\"",
                    uclog_diag_report_call_direction(r, d) == UCLOG_DIAG_CALL_OUTGOING   ? "caller"
                    : uclog_diag_report_call_direction(r, d) == UCLOG_DIAG_CALL_INCOMING ? "callee"
                                                                                         : "party");
        }
        putc('}', w->out);
    }
}

/* ---- verdicts ---- */

/* The message that evidence at sp cites: the one holding its first byte, or
 * the one its record frames (a message starts a line or two after the
 * record's first line); UINT32_MAX for none. Binary search: the index's
 * messages are in log order, file by file. */
static uint32_t cited_message(const uclog_index *idx, const uclog_span *sp)
{
    uint32_t lo = 0, hi = uclog_index_message_count(idx), mid;
    uclog_span ms;

    while (lo < hi) {
        mid = lo + (hi - lo) / 2;
        uclog_index_message_span(&ms, idx, mid);
        if (ms.file < sp->file || (ms.file == sp->file && ms.offset <= sp->offset))
            lo = mid + 1;
        else
            hi = mid;
    }
    /* lo: the first message after sp's start. */
    if (lo > 0 && uclog_index_message_span(&ms, idx, lo - 1) == 0 && ms.file == sp->file &&
        sp->offset < ms.offset + ms.length)
        return lo - 1;
    if (lo < uclog_index_message_count(idx) && uclog_index_message_span(&ms, idx, lo) == 0 &&
        ms.file == sp->file && ms.line >= sp->line && ms.line - sp->line <= 2)
        return lo;
    return UINT32_MAX;
}

static void evidence(writer *w, const uclog_index *idx, const uclog_diag_evidence *e, int first)
{
    uclog_span sp;
    uclog_timestamp ts;
    const char *file = uclog_diag_evidence_file(e), *base;
    uint32_t m;

    uclog_diag_evidence_span(&sp, e);
    fputs(first ? "{" : ",{", w->out);
    key(w, 1, "file");
    base = file ? strrchr(file, '/') : NULL;
    strz(w, base ? base + 1 : file);
    fprintf(w->out, ",\"line\":%u", (unsigned)sp.line);
    if (uclog_diag_evidence_time(&ts, e) == 0)
        timestamp(w, &ts);
    key(w, 0, "detail");
    strz(w, uclog_diag_evidence_detail(e));
    m = file ? cited_message(idx, &sp) : UINT32_MAX;
    if (m != UINT32_MAX)
        fprintf(w->out, ",\"message\":%u", (unsigned)m);
    putc('}', w->out);
}

static void verdict(writer *w, const uclog_index *idx, const uclog_diag_verdict *v, int first)
{
    uint32_t k;

    fprintf(w->out, "%s{\"code\":%d,\"name\":\"%s\",\"severity\":\"%s\",\"certainty\":\"%s\",\"step\":\"%s\"",
            first ? "" : ",\n", (int)uclog_diag_verdict_code(v), uclog_diag_verdict_name(v),
            uclog_diag_severity_name(uclog_diag_verdict_severity(v)),
            uclog_diag_certainty_name(uclog_diag_verdict_certainty(v)), uclog_diag_verdict_step(v));
    key(w, 0, "summary");
    strz(w, uclog_diag_verdict_summary(v));
    if (uclog_diag_verdict_reason(v)) {
        key(w, 0, "reason");
        strz(w, uclog_diag_verdict_reason(v));
    }
    if (uclog_diag_verdict_call_id(v)) {
        key(w, 0, "call_id");
        strz(w, uclog_diag_verdict_call_id(v));
    }
    fputs(",\"evidence\":[", w->out);
    for (k = 0; k < uclog_diag_verdict_evidence_count(v); k++)
        evidence(w, idx, uclog_diag_verdict_evidence(v, k), k == 0);
    fputs("],\"checklist\":[", w->out);
    for (k = 0; k < uclog_diag_verdict_checklist_count(v); k++) {
        if (k)
            putc(',', w->out);
        strz(w, uclog_diag_verdict_checklist(v, k));
    }
    fputs("]}", w->out);
}

/* ---- the whole ---- */

void rp_write_head(FILE *out, const rp_options *o)
{
    size_t k;

    fprintf(out, "\"version\":\"%s\",\"show_secrets\":%s,\"edge_ips\":[", uclog_version_string(),
            o->show_secrets ? "true" : "false");
    for (k = 0; k < o->edge_ip_count; k++) {
        if (k)
            putc(',', out);
        rp_json_string(out, o->edge_ips[k], strlen(o->edge_ips[k]));
    }
    putc(']', out);
}

static void client(writer *w, const uclog_diag_report *r)
{
    uint32_t k;

    fputs("\"files\":[", w->out);
    for (k = 0; k < uclog_diag_report_file_count(r); k++) {
        const char *f = uclog_diag_report_file_name(r, k), *base = f ? strrchr(f, '/') : NULL;
        if (k)
            putc(',', w->out);
        strz(w, base ? base + 1 : f);
    }
    fputs("],\"client\":{", w->out);
    key(w, 1, "uri");
    strz(w, uclog_diag_report_client_uri(r));
    key(w, 0, "user_agent");
    strz(w, uclog_diag_report_client_user_agent(r));
    key(w, 0, "location");
    strz(w, uclog_diag_location_name(uclog_diag_report_client_location(r)));
    fputs("}", w->out);
}

int rp_write_side(FILE *out, const uclog_index *idx, const uclog_diag_report *r, const rp_options *o)
{
    writer w = {out, o->show_secrets, NULL, 0, 0};
    uint32_t i, n = uclog_index_message_count(idx);
    uint32_t *call_of = malloc(((size_t)n + 1) * sizeof(*call_of));
    uint32_t *judged = malloc(((size_t)uclog_index_call_count(idx) + 1) * sizeof(*judged));
    int rc = 0;

    if (!call_of || !judged) {
        free(call_of);
        free(judged);
        return UCLOG_E_NOMEM;
    }
    judged_calls(judged, idx, r);
    for (i = 0; i < n; i++)
        call_of[i] = UINT32_MAX;
    client(&w, r);
    fputs(",\n\"verdicts\":[", out);
    for (i = 0; i < uclog_diag_report_verdict_count(r); i++)
        verdict(&w, idx, uclog_diag_report_verdict(r, i), i == 0);
    fputs("],\n\"calls\":[", out);
    calls(&w, idx, r, call_of, judged);
    fputs("],\n\"messages\":[", out);
    for (i = 0; i < n && rc == 0; i++)
        rc = message(&w, idx, i, call_of[i]);
    putc(']', out);
    free(call_of);
    free(judged);
    free(w.mask);
    return rc != 0 ? rc : w.nomem ? UCLOG_E_NOMEM : 0;
}
