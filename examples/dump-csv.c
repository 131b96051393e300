/* uclog-dump --csv: one row per SIP message. */
#include "dump-csv.h"

#include <stdio.h>
#include <string.h>

#include "common.h"
#include "csv.h"

void dump_csv_header(void)
{
    fputs("index,file,line,time,direction,remote,local,method,status,reason,cseq,cseq_method,call_id,"
          "from_name,from,to_name,to,ms_diagnostics",
          stdout);
    ex_csv_end();
}

static void field(uclog_str s, uclog_str (*mask)(uclog_str))
{
    if (!s.ptr) {
        ex_csv_field(NULL, 0, 0);
        return;
    }
    s = mask(s);
    ex_csv_field(s.ptr, s.len, 0);
}

static void addr(int ok, uclog_str a, uint16_t port)
{
    char buf[128];

    if (!ok) {
        ex_csv_field(NULL, 0, 0);
        return;
    }
    ex_fmt_addr(buf, sizeof(buf), a, port);
    ex_csv_z(buf, 0);
}

void dump_csv_message(const uclog_log *log, uint64_t number, const uclog_sip *sip, const uclog_packet *pkt,
                      uclog_str (*mask)(uclog_str))
{
    uclog_str none = {NULL, 0}, method = none, reason = none, s = none, name = none, uri = none;
    uclog_timestamp ts;
    uclog_span sp;
    uint32_t status = 0, cseq = 0;
    uint16_t port = 0;
    int32_t dir = uclog_packet_direction(pkt);
    char buf[32];
    int ok;

    uclog_sip_span(&sp, sip);
    ex_csv_u(number, 1);
    ex_csv_z(uclog_log_file_name(log, sp.file), 0);
    ex_csv_u(sp.line, 0);
    if (uclog_packet_timestamp(&ts, pkt) == 0) {
        snprintf(buf, sizeof(buf), "%04u-%02u-%02uT%02u:%02u:%02u.%03u", ts.year, ts.month, ts.day, ts.hour,
                 ts.minute, ts.second, ts.millisecond);
        ex_csv_z(buf, 0);
    } else {
        ex_csv_z(NULL, 0);
    }
    ex_csv_z(dir == UCLOG_DIRECTION_SENT ? "out" : dir == UCLOG_DIRECTION_RECEIVED ? "in" : NULL, 0);
    ok = uclog_packet_remote_endpoint(&s, &port, pkt) == 0;
    addr(ok, s, port);
    ok = uclog_packet_local_endpoint(&s, &port, pkt) == 0;
    addr(ok, s, port);
    if (uclog_sip_is_request(sip)) {
        uclog_sip_request_line(&method, NULL, NULL, sip);
        field(method, mask);
        ex_csv_z(NULL, 0);
        ex_csv_z(NULL, 0);
    } else {
        uclog_sip_status_line(NULL, &status, &reason, sip);
        ex_csv_z(NULL, 0);
        ex_csv_u(status, 0);
        field(reason, mask);
    }
    if (uclog_sip_cseq(&cseq, &method, sip) == 0) {
        ex_csv_u(cseq, 0);
        field(method, mask);
    } else {
        fputs(",,", stdout);
    }
    s = none;
    uclog_sip_call_id(&s, sip);
    field(s, mask);
    uclog_sip_from(&name, &uri, NULL, NULL, sip);
    field(name, mask);
    field(uri, mask);
    name = uri = none;
    uclog_sip_to(&name, &uri, NULL, NULL, sip);
    field(name, mask);
    field(uri, mask);
    ex_csv_u(uclog_sip_diag_count(sip), 0);
    ex_csv_end();
}
