/* Output helpers shared by the example programs (text, JSON, input). */
#ifndef UCLOG_EXAMPLES_COMMON_H
#define UCLOG_EXAMPLES_COMMON_H

#include <stdio.h>

#include <uclog/uclog.h>

/* Length of the valid UTF-8 sequence at p (n bytes available), or 0: uclog_utf8_char_len(). */
size_t ex_utf8_len(const unsigned char *p, size_t n);

/*
 * The one rule of every program's text output, so that no byte of a log
 * reaches the terminal as a control sequence (ESC, BEL, CSI...): a control
 * character (C0, tab included; DEL; C1, U+0080-U+009F) or a byte that is not
 * UTF-8 is written as '?' (uclog_utf8_char_shown()), any other character as it is. Writes the
 * character at p (n > 0 bytes available) and returns its length in bytes.
 */
size_t ex_put_char(const unsigned char *p, size_t n);

/* Write n bytes of s by ex_put_char() (NULL: nothing); returns the
 * characters written, one column each but for wide ones. */
int ex_put_text(const char *s, size_t n);

/* The same for a C string (NULL: nothing). */
int ex_put_z(const char *s);

/* Write n bytes as a JSON string to stdout (NULL: null): quotes, backslashes
 * and control characters (C0, DEL and C1) escaped, bytes that are not UTF-8
 * as \ufffd. */
void ex_json_strn(const char *s, size_t n);

/*
 * Read a whole stream into malloc'd memory (*out, free it), at most limit
 * bytes: standard input may be an endless pipe. Returns 0, UCLOG_E_NOMEM,
 * UCLOG_E_IO, or UCLOG_E_LIMIT when it holds more (EX_SLURP_LIMIT says so).
 * The programs pass the context's UCLOG_LIMIT_MAX_UNSIZED_FILE_BYTES, the
 * limit the library keeps for a FIFO or a device opened by name.
 */
int ex_slurp(char **out, size_t *len, FILE *in, uint64_t limit);
#define EX_SLURP_LIMIT "more than %llu bytes on standard input, the limit for input read whole " \
                       "(UCLOG_LIMIT_MAX_UNSIZED_FILE_BYTES)"

/*
 * Check the n FILE operands and find "-" (standard input) among them: *at,
 * or n when it is not there. Returns 0, or -1 having said why on stderr in
 * one line after "prog: ": "-" is there more than once (it can be read
 * once), or a file is, by the same name or another (a set would hold it
 * twice, its calls doubled).
 */
int ex_check_files(size_t *at, const char *prog, char *const *files, size_t n);

/*
 * The FILE operands as one log (a rotated set, in time order), "-" at
 * index at (n: none) standing for standard input, read whole into *input,
 * which the caller frees after the log, up to the context's
 * UCLOG_LIMIT_MAX_UNSIZED_FILE_BYTES. Returns as uclog_log_open_files(), or
 * EX_SAID.
 */
int ex_open_files(uclog_log **log, uclog_ctx *ctx, const char *prog, const char *hint, char *const *files,
                  size_t n, size_t at, char **input);
/* ex_open_files() said why on stderr (standard input over the limit, then `hint`): exit 2. */
#define EX_SAID (-1000)

/*
 * The first file of the log that is neither a client log nor bare SIP
 * messages (uclog_log_file_kind(): empty, binary, other text), or
 * UINT32_MAX. A stream not read yet passes: its kind is known once its first
 * record is read.
 */
uint32_t ex_not_log(const uclog_log *log);

/* "prog: FILE: not a client log (REASON)" on stderr, for file i of the log (exit 2). */
void ex_say_not_log(const char *prog, const uclog_log *log, uint32_t i);

/*
 * Flush standard output and check that every write to it succeeded (a full
 * disk, /dev/full, a closed pipe): returns 0, or -1 having said
 * "prog: cannot write the output: REASON" on stderr (exit 2).
 */
int ex_stdout_close(const char *prog);

/* fflush(stdout) along the way (output that streams), keeping the reason of
 * a failure for ex_stdout_close(). Returns as fflush(). */
int ex_stdout_flush(void);

/* Write n bytes to standard output; a failure is noted for ex_stdout_close(). Returns 0, or -1
 * when the bytes could not all be written. */
int ex_stdout_write(const char *s, size_t n);

/*
 * The columns of the terminal fd writes to: COLUMNS when it holds a number,
 * else the terminal's own (ioctl TIOCGWINSZ; a Windows console's window), else 80; 0 when fd is not a
 * terminal (a pipe, a file: text is then not wrapped).
 */
int ex_terminal_width(int fd);

/* "1.2.3.4:5061" or "[2001:db8::1]:5061"; "?" for an absent address. */
void ex_fmt_addr(char *buf, size_t cap, uclog_str a, uint32_t port);

/* A time difference in few columns: "+620ms", from 10 s on whole seconds
 * ("+12s"); a negative one (a clock gone back) with "-". */
void ex_fmt_delta(char *buf, size_t cap, int64_t ms);

/* What the timing column says of message @i of an index: "RETX" for a
 * retransmission, else a response's time since its request ("+620ms"),
 * else "". */
void ex_fmt_timing(char *buf, size_t cap, const uclog_index *idx, uint32_t i);

#endif
