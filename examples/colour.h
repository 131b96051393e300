/*
 * Colour in the programs' text output: one decision (--color=auto|always|never,
 * NO_COLOR, a terminal or not) and the few colours the programs give meaning to.
 */
#ifndef UCLOG_EXAMPLES_COLOUR_H
#define UCLOG_EXAMPLES_COLOUR_H

/* The --color modes. */
enum ex_colour_mode {
    EX_COLOUR_AUTO = 0, /* on a terminal, unless NO_COLOR is set and not empty */
    EX_COLOUR_ALWAYS,
    EX_COLOUR_NEVER
};

/* The mode named s ("auto", "always", "never"): 0, or -1 for another word. */
int ex_colour_parse(int *mode, const char *s);

/* Whether output to fd is coloured in mode: always, never, or (auto) when fd
 * is a terminal and NO_COLOR is unset or empty (https://no-color.org). A
 * Windows console is switched to reading the sequences (virtual terminal
 * processing); one too old for that gets none in auto mode. */
int ex_colour_decide(int mode, int fd);

/* What a colour means; the same in every program. */
enum ex_colour {
    EX_COLOUR_FAILURE = 1, /* a 4xx-6xx response, an error: red */
    EX_COLOUR_DIAG,        /* ms-diagnostics, a warning: yellow */
    EX_COLOUR_SENT,        /* a message the client sent: cyan */
    EX_COLOUR_RECEIVED     /* a message it received: magenta */
};

/* Set once by the program (ex_colour_decide()); 0 until then. */
extern int ex_colour_on;

/* The escape sequence starting colour c, or "" when colour is off. */
const char *ex_colour_start(int c);

/* The sequence ending a colour, or "" when colour is off. */
const char *ex_colour_end(void);

#endif
