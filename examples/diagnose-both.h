/*
 * uclog-diagnose over two clients' logs (the caller's and the callee's):
 * for every Call-ID both reports hold, each side's verdicts on the call and
 * which side's offer lacked an Edge candidate or whose ICE failed.
 */
#ifndef UCLOG_EXAMPLES_DIAGNOSE_BOTH_H
#define UCLOG_EXAMPLES_DIAGNOSE_BOTH_H

#include <uclog/diag.h>

#include "diagnose-text.h"

/* Print the section "Both sides of the calls" of reports a and b, of logs la and lb: the
 * clocks' skew, then each shared call. Returns the number of shared calls. */
unsigned db_print_both(const uclog_diag_report *a, const uclog_diag_report *b, uclog_log *la, uclog_log *lb);

/*
 * Two clients' files (which[i]: the client of file i, from ex_clients_split()): each client's
 * log diagnosed and printed as text, then db_print_both(). The view's --call-id and worst
 * severity take both reports. Returns the exit status (0, 1 a failure verdict, 2 an error said
 * on stderr).
 */
int db_diagnose_two(dt_text *text, uclog_ctx *ctx, const uclog_diag_options *opts, char *const *files, size_t n,
                    const int *which);

#endif
