/*
 * The FILE operands as clients: files are one client when they share a
 * signed-in user (a rotated set), two clients when two users signed in
 * (the caller's log and the callee's), for the programs that draw or
 * diagnose both sides of one call.
 */
#ifndef UCLOG_EXAMPLES_CLIENTS_H
#define UCLOG_EXAMPLES_CLIENTS_H

#include <stddef.h>

#include <uclog/uclog.h>

#define EX_USER_MAX 160

/*
 * The signed-in user of a log: the From URI of the first request the client
 * sent, copied into buf (cut at cap - 1 bytes); "" when it sent none. The
 * log's bytes must be in memory (a log opened from files or a buffer).
 * Returns 0 or a uclog error of the index.
 */
int ex_client_user(char *buf, size_t cap, uclog_log *log);

/*
 * Split the n FILE operands by their signed-in user: which[i] is 0 or 1,
 * the client of file i, users[k] client k's user. A file whose user is
 * unknown (no request sent) goes with the first client. Returns the number
 * of clients, 1 (every file one set: as well when "-" is among them, index
 * at < n, read as before) or 2; -1 having said why on stderr after
 * "prog: " (a file that cannot be opened, or more than two users).
 */
int ex_clients_split(int *which, char users[2][EX_USER_MAX], uclog_ctx *ctx, const char *prog, char *const *files,
                     size_t n, size_t at);

/*
 * Open each client's files (which[i], from ex_clients_split()) as a log of
 * its own: log[0] and log[1], which the caller frees (NULL when not opened).
 * Returns 0; EX_SAID having said on stderr after "prog: " that a client's
 * files are not a client log; or a uclog error (UCLOG_E_NOMEM, the open's)
 * for the caller to say.
 */
int ex_clients_open(uclog_log *log[2], uclog_ctx *ctx, const char *prog, char *const *files, size_t n,
                    const int *which);

#endif
