/* --follow: a log file read as the client writes it, ended by Ctrl-C. */
#ifndef UCLOG_EXAMPLES_FOLLOW_H
#define UCLOG_EXAMPLES_FOLLOW_H

#include <uclog/uclog.h>

/*
 * Open path as a live log read through a follower (*f, freed with
 * ex_follow_close() after the log). SIGINT and SIGTERM then stop the
 * follower: what the file holds is read, the log ends, and the program
 * prints what it prints at the end of any log (a second signal kills it).
 * A rotation or a truncation is told on stderr after "prog: "; standard
 * output is flushed line by line. Returns 0, or EX_SAID having said why.
 */
int ex_follow_open(uclog_log **log, uclog_follow **f, uclog_ctx *ctx, const char *prog, const char *path);

/* Put the signals back as they were and free the follower. NULL is accepted. */
void ex_follow_close(uclog_follow *f);

#endif
