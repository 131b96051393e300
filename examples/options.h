/*
 * The command lines of the example programs: every option of every program
 * in one table (one name, one meaning, wherever it is accepted), each
 * program's list of the options it takes, and a parser over getopt_long().
 */
#ifndef UCLOG_EXAMPLES_OPTIONS_H
#define UCLOG_EXAMPLES_OPTIONS_H

/* What an option means; the same in every program that takes it. */
enum ex_opt {
    EX_OPT_HELP = 1,
    EX_OPT_VERSION,
    EX_OPT_JSON,
    EX_OPT_VERBOSE,
    EX_OPT_RECORDS,
    EX_OPT_STREAM,
    EX_OPT_CALL_ID,
    EX_OPT_METHOD,
    EX_OPT_STATUS,
    EX_OPT_DIRECTION,
    EX_OPT_FROM,
    EX_OPT_TO,
    EX_OPT_LEVEL,
    EX_OPT_SINCE,
    EX_OPT_UNTIL,
    EX_OPT_GREP,
    EX_OPT_EDGE_IP,
    EX_OPT_EDGE_NAT_IP,
    EX_OPT_EDGE_PRIVATE_IP,
    EX_OPT_LOCATION,
    EX_OPT_LIST_VERDICTS,
    EX_OPT_EXPLAIN,
    EX_OPT_LIST_MS_CODES,
    EX_OPT_SUMMARY,
    EX_OPT_FAILURES,
    EX_OPT_JOBS,
    EX_OPT_PSEUDONYMISE,
    EX_OPT_KEY,
    EX_OPT_OUTPUT,
    EX_OPT_SHOW_SECRETS,
    EX_OPT_FOLLOW,
    EX_OPT_STATS,
    EX_OPT_CSV,
    EX_OPT_COLOR,
    EX_OPT_COUNT /* one past the last */
};

typedef struct ex_option {
    int id;           /* enum ex_opt */
    const char *name; /* the long name, without "--" */
    char letter;      /* the short name, or 0 */
    int has_value;    /* takes a value: --name VALUE, --name=VALUE */
} ex_option;

/* Every option, indexed by id (entry 0 unused). */
extern const ex_option ex_option_table[EX_OPT_COUNT];

/* The options each program takes: ids, 0 ending the list. */
extern const int ex_options_dump[];
extern const int ex_options_flow[];
extern const int ex_options_diagnose[];
extern const int ex_options_redact[];
extern const int ex_options_report[];

/*
 * The state of one parse. getopt_long() keeps its own in globals (and so
 * does the parser, for the tables it hands it): one parse at a time. The
 * parser writes nothing: a refused command line is described in msg, one
 * line without the program's name.
 */
typedef struct ex_args {
    int argc;
    char **argv;
    int first;     /* after ex_args_next() returned 1: the first operand */
    char msg[160]; /* after it returned -1: why */
} ex_args;

/* Start parsing argv against the options `accepted` (an ex_options_* list).
 * Options come first; "--" ends them, and a "-" alone is an operand. */
void ex_args_init(ex_args *a, const int *accepted, int argc, char **argv);

/*
 * The next option: *id and *value (NULL for an option with no value).
 * Returns 0 for an option, 1 when the options are done (a->first), -1 for
 * an unknown option (an abbreviation is one: "--st" would mean different
 * options in different programs), a missing value, or a value given to an
 * option that takes none (a->msg).
 */
int ex_args_next(int *id, const char **value, ex_args *a);

#endif
