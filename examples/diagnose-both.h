/*
 * uclog-diagnose over two clients' logs (the caller's and the callee's):
 * the part "both sides of the calls". For every Call-ID both clients' logs
 * hold, each side's verdicts on the call and what they say together: which
 * side's offer lacked an Edge candidate, or whose ICE failed; with the skew
 * between the two clocks. Each side's calls are collected from its report,
 * whole or part by part (--stream), as copies of what the part needs.
 */
#ifndef UCLOG_EXAMPLES_DIAGNOSE_BOTH_H
#define UCLOG_EXAMPLES_DIAGNOSE_BOTH_H

#include <stdint.h>

#include <uclog/diag.h>

#include "diagnose-view.h"
#include "pair.h"

/* An evidence item of a verdict a finding rests on (210, 220, 300), copied. */
typedef struct {
    char *file, *detail;
    uint32_t line;
    uint64_t offset;
    int has_time;
    uclog_timestamp time;
} db_evidence;

/* A verdict on a call: its code; its evidence (findings' codes only) in the side's list. */
typedef struct {
    int32_t code;
    uint32_t evidence, nevidence;
} db_verdict;

/* A call as one client's log judged it; its verdicts in the side's list. */
typedef struct {
    char *call_id;
    int32_t direction;
    int shown; /* the view shows it (--call-id, --failures) */
    uint32_t verdict, nverdicts;
} db_call;

/* One client: its user and its calls, in the order its report gave them. */
typedef struct {
    char *uri;
    db_call *calls;
    db_verdict *verdicts;
    db_evidence *evidence;
    uint32_t ncalls, nverdicts, nevidence, calls_cap, verdicts_cap, evidence_cap;
} db_side;

/* Add the calls of report r (whole, or a part of a streaming diagnosis) to side s; the view says
 * which are shown. Returns 0 or UCLOG_E_NOMEM. */
int db_side_add(db_side *s, dv_view *view, const uclog_diag_report *r);

/* Free what side s holds; it is then empty. */
void db_side_free(db_side *s);

/* The skew between the clocks of logs a and b (client 2's minus client 1's), from the messages
 * one sent and the other received. Returns 0 or a uclog error (the index's). */
int db_skew(ex_skew *out, uclog_log *a, uclog_log *b);

/* How the part is printed. */
enum { DB_TEXT, DB_SUMMARY, DB_JSON };

/*
 * The part of both sides: the skew, then each shared call shown (either side's call is shown).
 * DB_TEXT: a section "Both sides of the calls", each call its sides' verdicts and a line a
 * finding; DB_SUMMARY: the same section, a line per call; DB_JSON: the value of "both_sides"
 * (doc/uclog-diagnose.schema.json), no line end. Returns the number of shared calls shown, or
 * UCLOG_E_NOMEM before it printed anything.
 */
int db_print_both(const db_side s[2], const ex_skew *skew, int form);

#endif
