/*
 * uclog-dump's parts: the options (uclog-dump.c), the filters
 * (dump-filter.c), the two walks over a log, records (dump-records.c) and
 * messages (dump-messages.c), and the two ways of showing what they find,
 * text (dump-text.c) and JSON (dump-json.c).
 */
#ifndef UCLOG_EXAMPLES_DUMP_H
#define UCLOG_EXAMPLES_DUMP_H

#include <stdint.h>

#include <uclog/uclog.h>

/* ---- options ---- */

/* A point in time as a sortable key; time of day alone when tod is set. */
struct when {
    int set, tod;
    int64_t key;
};

struct options {
    int verbose, records, json, show_secrets, follow, stats, csv, colour;
    const char *call_id, *method, *status, *from, *to, *grep;
    int32_t direction, level;
    struct when since, until;
};

/* What one line, or one JSON object, says about a message. */
struct msg {
    const uclog_sip *sip;
    const uclog_packet *pkt;
    uclog_span span;
    uclog_timestamp ts;
    int have_ts, is_request, have_cseq, have_remote, have_local;
    int32_t direction;
    uclog_str raw, method, uri, reason, call_id, cseq_method, from, to, remote, local;
    uint32_t status, cseq;
    uint16_t remote_port, local_port;
    const uclog_index *idx; /* retransmissions and timings; NULL for a stream */
    uint32_t k;             /* the message's number in the index */
};

/* ---- filters (dump-filter.c) ---- */

/*
 * Parse --since (until 0) or --until (until 1): a time of day
 * `HH:MM[:SS[.mmm]]`, a date `YYYY-MM-DD` or `MM/DD/YYYY`, or both.
 * Returns -1 for anything else.
 */
int dump_parse_when(struct when *w, const char *s, int until);

/* The ::uclog_level named s ("WARNING" too); 0 for none. */
int32_t dump_parse_level(const char *s);

/* Whether s is a status for --status: three digits, any of them 'x'. */
int dump_valid_status(const char *s);

int dump_record_matches(const struct options *o, const uclog_record *rec);
int dump_msg_matches(const struct options *o, const struct msg *m);

/* ---- walks ---- */

/* Show the records (dump-records.c) or the SIP messages
 * (dump-messages.c) that o lets through; 0 or an error. */
int dump_records(uclog_log *log, const struct options *o);
int dump_messages(uclog_log *log, const struct options *o);
/* --stats: the counts of the messages the filters keep (dump-stats.c), in text, JSON or CSV. */
int dump_stats_of(uclog_log *log, const struct options *o);

/* ---- text (dump-text.c) ---- */

/* Whether secrets are shown (--show-secrets); set once, before any output. */
extern int dump_show_secrets;

/* s with its secrets masked (uclog_redact_mask_text()), in a buffer reused
 * by the next call; s itself with --show-secrets or when memory runs out. */
uclog_str dump_masked(uclog_str s);

/* Separators printed when the file or the day changes. */
struct place {
    uint32_t file;
    int have_file, have_day;
    unsigned day;
};

void dump_text_record(const uclog_log *log, const uclog_record *rec, struct place *pl, int verbose);
void dump_text_msg(const uclog_log *log, const struct msg *m, struct place *pl, int verbose);

/* ---- JSON (dump-json.c), one object per line ---- */

void dump_json_record(const uclog_log *log, const uclog_record *rec, int verbose);
void dump_json_msg(const uclog_log *log, const struct msg *m, uclog_ctx *ctx, int verbose);
/* A packet that yielded no SIP message. */
void dump_json_unusable(const uclog_log *log, const uclog_packet *pkt, const uclog_span *at);

#endif
