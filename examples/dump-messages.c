/*
 * uclog-dump's walk over the SIP messages: what each says, which the
 * filters let through, and the packets that yielded none.
 */
#include <stdio.h>
#include <string.h>

#include "common.h"
#include "dump-csv.h"
#include "dump-stats.h"
#include "dump.h"

static void msg_read(struct msg *m, const uclog_sip *sip, const uclog_packet *pkt)
{
    memset(m, 0, sizeof(*m));
    m->sip = sip;
    m->pkt = pkt;
    uclog_sip_span(&m->span, sip);
    m->have_ts = uclog_packet_timestamp(&m->ts, pkt) == 0;
    m->direction = uclog_packet_direction(pkt);
    m->have_remote = uclog_packet_remote_endpoint(&m->remote, &m->remote_port, pkt) == 0;
    m->have_local = uclog_packet_local_endpoint(&m->local, &m->local_port, pkt) == 0;
    m->is_request = uclog_sip_is_request(sip);
    if (m->is_request)
        uclog_sip_request_line(&m->method, &m->uri, NULL, sip);
    else
        uclog_sip_status_line(NULL, &m->status, &m->reason, sip);
    uclog_sip_call_id(&m->call_id, sip);
    m->have_cseq = uclog_sip_cseq(&m->cseq, &m->cseq_method, sip) == 0;
    uclog_sip_from(NULL, &m->from, NULL, NULL, sip);
    uclog_sip_to(NULL, &m->to, NULL, NULL, sip);
    uclog_sip_raw(&m->raw, NULL, sip);
}

/* A packet that yielded no SIP message: where, and why, on standard error
 * (and, with --json, as an object of its own). Never filtered out: the
 * message it lost may be the one asked for. */
static void report_unusable(const uclog_log *log, const uclog_packet *pkt, int json)
{
    uclog_defect d, at;
    uint32_t i, n = uclog_packet_defect_count(pkt);
    int32_t dir = uclog_packet_direction(pkt);

    memset(&at, 0, sizeof(at));
    uclog_packet_span(&at.span, pkt);
    for (i = 0; i < n; i++)
        if (uclog_packet_defect(&d, pkt, i) == 0 && d.code == UCLOG_DEFECT_PACKET_NO_MESSAGE)
            at = d;
    fprintf(stderr, "uclog-dump: %s:%u: %s packet yielded no SIP message (",
            uclog_log_file_name(log, at.span.file), (unsigned)at.span.line,
            dir == UCLOG_DIRECTION_SENT ? "a sent" : dir == UCLOG_DIRECTION_RECEIVED ? "a received" : "a");
    for (i = 0; i < n; i++)
        if (uclog_packet_defect(&d, pkt, i) == 0)
            fprintf(stderr, "%s%s", i ? ", " : "", uclog_defect_name(d.code));
    fputs(")\n", stderr);
    if (json)
        dump_json_unusable(log, pkt, &at.span);
}

int dump_messages(uclog_log *log, const struct options *o)
{
    uclog_ctx *ctx = uclog_log_ctx(log);
    uclog_msg_iter *it = NULL;
    struct place pl = {0, 0, 0, 0};
    const uclog_sip *sip;
    const uclog_packet *pkt;
    struct msg m;
    unsigned long long shown = 0, unusable = 0;
    uclog_index *idx = NULL;
    uint32_t k = 0; /* the message's number in the index */
    unsigned long long number = 0; /* the message's place in the log, for --csv */
    int rc;

    /* Retransmissions and timings come from the index, which a stream has not. */
    if (uclog_index_build(&idx, log) != 0)
        idx = NULL;
    rc = uclog_msg_iter_new(&it, log);
    if (o->csv)
        dump_csv_header();

    if (rc == 0)
        rc = uclog_msg_iter_set_flags(it, UCLOG_MSG_ITER_UNUSABLE);
    while (rc == 0 && (rc = uclog_msg_iter_next(&sip, &pkt, it)) == 0) {
        if (!sip) {
            report_unusable(log, pkt, o->json);
            continue;
        }
        number++;
        msg_read(&m, sip, pkt);
        m.idx = idx;
        m.k = k++;
        if (!dump_msg_matches(o, &m))
            continue;
        if (o->csv)
            dump_csv_message(log, number, sip, pkt, dump_masked);
        else if (o->json)
            dump_json_msg(log, &m, ctx, o->verbose);
        else
            dump_text_msg(log, &m, &pl, o->verbose);
        shown++;
    }
    /* Nothing is dropped silently: say how many packets yielded nothing. */
    unusable = it ? (unsigned long long)uclog_msg_iter_unusable_count(it) : 0;
    if (unusable) {
        fprintf(stderr, "uclog-dump: %llu packet%s yielded no SIP message\n", unusable, unusable == 1 ? "" : "s");
        if (o->json)
            printf("{\"summary\": {\"messages\": %llu, \"unusable_packets\": %llu}}\n", shown, unusable);
    }
    uclog_msg_iter_free(it);
    uclog_index_free(idx);
    return rc < 0 ? rc : 0;
}

/* ---- --stats: the filters, for the index that dump_stats() builds ---- */

static int stats_keep(const uclog_sip *sip, const uclog_packet *pkt, void *userdata)
{
    const struct options *o = userdata;
    struct msg m;

    msg_read(&m, sip, pkt);
    return dump_msg_matches(o, &m);
}

int dump_stats_of(uclog_log *log, const struct options *o)
{
    return dump_stats(log, o->json ? DUMP_STATS_JSON : o->csv ? DUMP_STATS_CSV : DUMP_STATS_TEXT, stats_keep,
                      (void *)o);
}
