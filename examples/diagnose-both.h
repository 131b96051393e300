/*
 * uclog-diagnose over two clients' logs (the caller's and the callee's):
 * for every Call-ID both reports hold, each side's verdicts on the call and
 * which side's offer lacked an Edge candidate or whose ICE failed.
 */
#ifndef UCLOG_EXAMPLES_DIAGNOSE_BOTH_H
#define UCLOG_EXAMPLES_DIAGNOSE_BOTH_H

#include <uclog/diag.h>

/* Print the section "Both sides of the calls"; returns the number of shared calls. */
unsigned db_print_both(const uclog_diag_report *a, const uclog_diag_report *b);

#endif
