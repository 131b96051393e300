/* uclog-dump --csv: the message list as CSV (RFC 4180), one header row. */
#ifndef UCLOG_EXAMPLES_DUMP_CSV_H
#define UCLOG_EXAMPLES_DUMP_CSV_H

#include <uclog/uclog.h>

/* The header row. */
void dump_csv_header(void);

/*
 * The row of one message: number (its place among the log's SIP messages,
 * from 1), file, line, time, direction, addresses, method or status, CSeq,
 * Call-ID, From and To, ms-diagnostics count. Text goes through mask (the
 * program's masking of secrets) before it is written.
 */
void dump_csv_message(const uclog_log *log, uint64_t number, const uclog_sip *sip, const uclog_packet *pkt,
                      uclog_str (*mask)(uclog_str));

#endif
