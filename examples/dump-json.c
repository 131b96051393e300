/*
 * uclog-dump --json: one object per line for each record, message or
 * packet that yielded no message.
 */
#include <stdio.h>
#include <string.h>

#include "common.h"
#include "dump.h"

static const uclog_str absent = {NULL, 0};

static void json_s(uclog_str s)
{
    s = dump_masked(s);
    ex_json_strn(s.ptr, s.len);
}

static void json_z(const char *s)
{
    ex_json_strn(s, s ? strlen(s) : 0);
}

static void json_key(const char *k)
{
    printf(", \"%s\": ", k);
}

static void json_time(int ok, const uclog_timestamp *ts)
{
    if (ok)
        printf("\"%04u-%02u-%02uT%02u:%02u:%02u.%03u\"", ts->year, ts->month, ts->day, ts->hour, ts->minute,
               ts->second, ts->millisecond);
    else
        fputs("null", stdout);
}

static void json_defects(int first, const uclog_defect *d)
{
    fputs(first ? "" : ", ", stdout);
    printf("{\"code\": %d, \"name\": \"%s\", \"line\": %u}", (int)d->code, uclog_defect_name(d->code),
           (unsigned)d->span.line);
}

void dump_json_record(const uclog_log *log, const uclog_record *rec, int verbose)
{
    uclog_span sp;
    uclog_timestamp ts;
    uclog_str s;
    uint32_t i;
    int have = uclog_record_has_header(rec);

    uclog_record_span(&sp, rec);
    fputs("{\"file\": ", stdout);
    json_z(uclog_log_file_name(log, sp.file));
    printf(", \"line\": %u, \"offset\": %llu, \"time\": ", (unsigned)sp.line, (unsigned long long)sp.offset);
    json_time(uclog_record_timestamp(&ts, rec) == 0, &ts);
    if (have)
        printf(", \"pid\": \"%X\", \"tid\": \"%X\", \"level\": \"%s\"", (unsigned)uclog_record_pid(rec),
               (unsigned)uclog_record_tid(rec), uclog_level_name(uclog_record_level(rec)));
    else
        fputs(", \"pid\": null, \"tid\": null, \"level\": null", stdout);
    json_key("text");
    uclog_record_text(&s, rec);
    json_s(s);
    printf(", \"lines\": %u", (unsigned)uclog_record_line_count(rec));
    if (verbose) {
        json_key("raw");
        uclog_record_raw(&s, rec);
        json_s(s);
    }
    fputs(", \"defects\": [", stdout);
    for (i = 0; i < uclog_record_defect_count(rec); i++) {
        uclog_defect d;
        uclog_record_defect(&d, rec, i);
        json_defects(i == 0, &d);
    }
    fputs("]}\n", stdout);
}

static void json_diagnostics(const uclog_sip *sip)
{
    uint32_t i, n = uclog_sip_diag_count(sip);

    fputs(", \"ms_diagnostics\": [", stdout);
    for (i = 0; i < n; i++) {
        uclog_str entry, reason, source;
        uint32_t kind = 0, id, sub;
        int ok;
        uclog_sip_diag(&entry, &kind, sip, i);
        ok = uclog_sip_diag_parse(&id, &sub, &reason, &source, entry) == 0;
        printf("%s{\"kind\": \"%s\", \"id\": ", i ? ", " : "", uclog_sip_diag_kind_name(kind));
        if (ok)
            printf("%u, \"sub_id\": ", (unsigned)id);
        else
            fputs("null, \"sub_id\": ", stdout);
        if (ok && sub != UCLOG_SIP_DIAG_NO_SUB_ID)
            printf("%u", (unsigned)sub);
        else
            fputs("null", stdout);
        json_key("reason");
        json_s(reason);
        json_key("source");
        json_s(source);
        json_key("raw");
        json_s(entry);
        putchar('}');
    }
    putchar(']');
}

static void json_candidate(const uclog_sdp_candidate *c, int first)
{
    uclog_str s;
    uint32_t v;
    uint16_t rport;
    int draft6 = uclog_sdp_candidate_form(c) == UCLOG_SDP_ICE_DRAFT6;

    printf("%s{\"form\": \"%s\", \"foundation\": ", first ? "" : ", ", draft6 ? "draft6" : "rfc5245");
    uclog_sdp_candidate_foundation(&s, c);
    json_s(s);
    printf(", \"component\": %u", (unsigned)uclog_sdp_candidate_component(c));
    json_key("transport");
    uclog_sdp_candidate_transport_raw(&s, c);
    json_s(s);
    json_key("priority");
    if (uclog_sdp_candidate_priority(&v, c) == 0)
        printf("%u", (unsigned)v);
    else
        fputs("null", stdout);
    if (uclog_sdp_candidate_qvalue(&v, c) == 0)
        printf(", \"qvalue\": %u.%03u", (unsigned)(v / 1000), (unsigned)(v % 1000));
    json_key("address");
    uclog_sdp_candidate_address(&s, c);
    json_s(s);
    printf(", \"port\": %u", (unsigned)uclog_sdp_candidate_port(c));
    json_key("type");
    uclog_sdp_candidate_type_raw(&s, c);
    json_s(s);
    if (uclog_sdp_candidate_related(&s, &rport, c) == 0) {
        json_key("raddr");
        json_s(s);
        printf(", \"rport\": %u}", (unsigned)rport);
    } else {
        fputs(", \"raddr\": null, \"rport\": null}", stdout);
    }
}

static void json_sdp(const uclog_sip *sip, uclog_ctx *ctx)
{
    uint32_t i, k, c, n = uclog_sip_sdp_count(sip);

    fputs(", \"sdp\": [", stdout);
    for (i = 0; i < n; i++) {
        uclog_str body;
        uclog_span span;
        int32_t fallback = 0;
        uclog_sdp *sdp = NULL;
        if (uclog_sip_sdp_body(&body, &span, &fallback, sip, i) != 0 ||
            uclog_sdp_parse(&sdp, ctx, body.ptr, body.len, &span) != 0)
            continue;
        printf("%s{\"line\": %u, \"fallback\": %s, \"media\": [", i ? ", " : "", (unsigned)span.line,
               fallback ? "true" : "false");
        for (k = 0; k < uclog_sdp_media_count(sdp); k++) {
            const uclog_sdp_media *media;
            uclog_str type;
            uclog_sdp_media_get(&media, sdp, k);
            uclog_sdp_media_type(&type, media);
            fputs(k ? ", {\"type\": " : "{\"type\": ", stdout);
            json_s(type);
            printf(", \"port\": %u, \"candidates\": [", (unsigned)uclog_sdp_media_port(media));
            for (c = 0; c < uclog_sdp_candidate_count(media); c++) {
                const uclog_sdp_candidate *cand;
                uclog_sdp_candidate_get(&cand, media, c);
                json_candidate(cand, c == 0);
            }
            fputs("]}", stdout);
        }
        fputs("]}", stdout);
        uclog_sdp_free(sdp);
    }
    putchar(']');
}

static void json_addr(const char *key, uclog_str a, uint32_t port, int ok)
{
    char buf[128];
    json_key(key);
    if (!ok) {
        fputs("null", stdout);
        return;
    }
    ex_fmt_addr(buf, sizeof(buf), ok ? a : absent, port);
    json_z(buf);
}

/* "retransmission_of" (where the message it sends again is) and
 * "since_request_ms" (a response's time since its request), null when not
 * known (or without an index: a stream). */
static void json_timing(const uclog_log *log, const uclog_index *idx, uint32_t k)
{
    uclog_span sp;
    uint32_t of;
    int64_t ms;

    json_key("retransmission_of");
    if (idx && uclog_index_message_retransmits(&of, idx, k) == 0 && uclog_index_message_span(&sp, idx, of) == 0) {
        fputs("{\"file\": ", stdout);
        json_z(uclog_log_file_name(log, sp.file));
        printf(", \"line\": %u}", (unsigned)sp.line);
    } else {
        fputs("null", stdout);
    }
    json_key("since_request_ms");
    if (idx && uclog_index_message_since_request(&ms, idx, k) == 0)
        printf("%lld", (long long)ms);
    else
        fputs("null", stdout);
}

void dump_json_msg(const uclog_log *log, const struct msg *m, uclog_ctx *ctx, int verbose)
{
    uclog_str type, sub, ct;
    uint32_t i, n = 0;
    uclog_defect d;

    fputs("{\"file\": ", stdout);
    json_z(uclog_log_file_name(log, m->span.file));
    printf(", \"line\": %u, \"offset\": %llu, \"time\": ", (unsigned)m->span.line, (unsigned long long)m->span.offset);
    json_time(m->have_ts, &m->ts);
    json_key("direction");
    json_z(m->direction == UCLOG_DIRECTION_SENT ? "out" : m->direction == UCLOG_DIRECTION_RECEIVED ? "in" : NULL);
    json_addr("remote", m->remote, m->remote_port, m->have_remote);
    json_addr("local", m->local, m->local_port, m->have_local);
    json_key("method");
    json_s(m->method);
    json_key("request_uri");
    json_s(m->uri);
    json_key("status");
    if (m->is_request)
        fputs("null", stdout);
    else
        printf("%u", (unsigned)m->status);
    json_key("reason");
    json_s(m->reason);
    json_key("call_id");
    json_s(m->call_id);
    json_key("cseq");
    if (m->have_cseq) {
        printf("{\"seq\": %u, \"method\": ", (unsigned)m->cseq);
        json_s(m->cseq_method);
        putchar('}');
    } else {
        fputs("null", stdout);
    }
    json_timing(log, m->idx, m->k);
    json_key("from");
    json_s(m->from);
    json_key("to");
    json_s(m->to);
    json_key("content_type");
    if (uclog_sip_content_type(&type, &sub, NULL, m->sip) == 0) {
        char buf[256];
        snprintf(buf, sizeof(buf), "%.*s/%.*s", (int)(type.len < 120 ? type.len : 120), type.ptr,
                 (int)(sub.len < 120 ? sub.len : 120), sub.ptr);
        json_z(buf);
    } else {
        ct.ptr = NULL;
        ct.len = 0;
        uclog_sip_header_find(&ct, NULL, m->sip, "Content-Type", 0);
        json_s(ct);
    }
    json_diagnostics(m->sip);
    json_sdp(m->sip, ctx);
    fputs(", \"defects\": [", stdout);
    for (i = 0; i < uclog_packet_defect_count(m->pkt); i++)
        if (uclog_packet_defect(&d, m->pkt, i) == 0)
            json_defects(n++ == 0, &d);
    for (i = 0; i < uclog_sip_defect_count(m->sip); i++)
        if (uclog_sip_defect(&d, m->sip, i) == 0)
            json_defects(n++ == 0, &d);
    putchar(']');
    if (verbose) {
        json_key("raw");
        json_s(m->raw);
    }
    fputs("}\n", stdout);
}

void dump_json_unusable(const uclog_log *log, const uclog_packet *pkt, const uclog_span *at)
{
    uclog_defect d;
    uclog_timestamp ts;
    uclog_str a;
    uint32_t i, n = uclog_packet_defect_count(pkt);
    uint16_t port;
    int32_t dir = uclog_packet_direction(pkt);

    fputs("{\"file\": ", stdout);
    json_z(uclog_log_file_name(log, at->file));
    printf(", \"line\": %u, \"offset\": %llu, \"time\": ", (unsigned)at->line,
           (unsigned long long)at->offset);
    json_time(uclog_packet_timestamp(&ts, pkt) == 0, &ts);
    json_key("direction");
    json_z(dir == UCLOG_DIRECTION_SENT ? "out" : dir == UCLOG_DIRECTION_RECEIVED ? "in" : NULL);
    i = (uint32_t)uclog_packet_remote_endpoint(&a, &port, pkt);
    json_addr("remote", a, port, i == 0);
    i = (uint32_t)uclog_packet_local_endpoint(&a, &port, pkt);
    json_addr("local", a, port, i == 0);
    fputs(", \"unusable\": true, \"defects\": [", stdout);
    for (i = 0; i < n; i++)
        if (uclog_packet_defect(&d, pkt, i) == 0)
            json_defects(i == 0, &d);
    fputs("]}\n", stdout);
}
