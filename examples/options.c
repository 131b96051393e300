/* The options of the example programs, and their parser over getopt_long(). */
#define _DEFAULT_SOURCE  /* getopt_long() with -D_POSIX_C_SOURCE (glibc, musl, BSD) */
#define _DARWIN_C_SOURCE /* and optreset on macOS */
#include "options.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

const ex_option ex_option_table[EX_OPT_COUNT] = {
    {0, NULL, 0, 0},
    {EX_OPT_HELP, "help", 'h', 0},
    {EX_OPT_VERSION, "version", 0, 0},
    {EX_OPT_JSON, "json", 0, 0},
    {EX_OPT_VERBOSE, "verbose", 'v', 0},
    {EX_OPT_RECORDS, "records", 0, 0},
    {EX_OPT_STREAM, "stream", 0, 0},
    {EX_OPT_CALL_ID, "call-id", 0, 1},
    {EX_OPT_METHOD, "method", 0, 1},
    {EX_OPT_STATUS, "status", 0, 1},
    {EX_OPT_DIRECTION, "direction", 0, 1},
    {EX_OPT_FROM, "from", 0, 1},
    {EX_OPT_TO, "to", 0, 1},
    {EX_OPT_LEVEL, "level", 0, 1},
    {EX_OPT_SINCE, "since", 0, 1},
    {EX_OPT_UNTIL, "until", 0, 1},
    {EX_OPT_GREP, "grep", 0, 1},
    {EX_OPT_EDGE_IP, "edge-ip", 0, 1},
    {EX_OPT_EDGE_NAT_IP, "edge-nat-ip", 0, 1},
    {EX_OPT_EDGE_PRIVATE_IP, "edge-private-ip", 0, 1},
    {EX_OPT_LOCATION, "location", 0, 1},
    {EX_OPT_LIST_VERDICTS, "list-verdicts", 0, 0},
    {EX_OPT_EXPLAIN, "explain", 0, 1},
    {EX_OPT_LIST_MS_CODES, "list-ms-codes", 0, 0},
    {EX_OPT_SUMMARY, "summary", 0, 0},
    {EX_OPT_FAILURES, "failures", 0, 0},
    {EX_OPT_JOBS, "jobs", 'j', 1},
    {EX_OPT_PSEUDONYMISE, "pseudonymise", 0, 0},
    {EX_OPT_KEY, "key", 0, 1},
    {EX_OPT_OUTPUT, "output", 'o', 1},
    {EX_OPT_SHOW_SECRETS, "show-secrets", 0, 0},
    {EX_OPT_FOLLOW, "follow", 'f', 0},
    {EX_OPT_STATS, "stats", 0, 0},
    {EX_OPT_CSV, "csv", 0, 0},
    {EX_OPT_COLOR, "color", 0, 1},
};

const int ex_options_dump[] = {EX_OPT_HELP,   EX_OPT_VERSION,   EX_OPT_VERBOSE, EX_OPT_RECORDS, EX_OPT_JSON,
                               EX_OPT_CALL_ID, EX_OPT_METHOD,   EX_OPT_STATUS,  EX_OPT_DIRECTION, EX_OPT_FROM,
                               EX_OPT_TO,     EX_OPT_LEVEL,     EX_OPT_SINCE,   EX_OPT_UNTIL,   EX_OPT_GREP,
                               EX_OPT_SHOW_SECRETS, EX_OPT_FOLLOW, EX_OPT_STATS, EX_OPT_CSV,  EX_OPT_COLOR, 0};
const int ex_options_flow[] = {EX_OPT_HELP, EX_OPT_VERSION, EX_OPT_CALL_ID, EX_OPT_COLOR, 0};
const int ex_options_diagnose[] = {EX_OPT_HELP,          EX_OPT_VERSION,        EX_OPT_JSON,
                                   EX_OPT_STREAM,        EX_OPT_EDGE_IP,        EX_OPT_EDGE_NAT_IP,
                                   EX_OPT_EDGE_PRIVATE_IP, EX_OPT_LOCATION,     EX_OPT_LIST_VERDICTS,
                                   EX_OPT_EXPLAIN,       EX_OPT_LIST_MS_CODES,  EX_OPT_SUMMARY,
                                   EX_OPT_CALL_ID,       EX_OPT_FAILURES,       EX_OPT_JOBS,
                                   EX_OPT_FOLLOW,         EX_OPT_COLOR,         0};
const int ex_options_redact[] = {EX_OPT_HELP, EX_OPT_VERSION, EX_OPT_PSEUDONYMISE, EX_OPT_KEY, EX_OPT_OUTPUT, 0};
const int ex_options_report[] = {EX_OPT_HELP, EX_OPT_VERSION, EX_OPT_EDGE_IP, EX_OPT_OUTPUT, EX_OPT_SHOW_SECRETS, 0};

/* A long option's val: its id past every char, so that no letter is taken for it. */
#define LONG_VAL(id) (256 + (id))

static struct option longs[EX_OPT_COUNT];
/* '+': options first, as POSIX has it (GNU would move them past operands);
 * ':': a missing value is told from an unknown option. */
static char shorts[3 + 2 * EX_OPT_COUNT];

void ex_args_init(ex_args *a, const int *accepted, int argc, char **argv)
{
    size_t n = 0, s = 0;

    memset(a, 0, sizeof(*a));
    a->argc = argc;
    a->argv = argv;
    shorts[s++] = '+';
    shorts[s++] = ':';
    for (; accepted[n]; n++) {
        const ex_option *o = &ex_option_table[accepted[n]];
        longs[n].name = o->name;
        longs[n].has_arg = o->has_value ? required_argument : no_argument;
        longs[n].flag = NULL;
        longs[n].val = LONG_VAL(o->id);
        if (o->letter) {
            shorts[s++] = o->letter;
            if (o->has_value)
                shorts[s++] = ':';
        }
    }
    memset(&longs[n], 0, sizeof(longs[n]));
    shorts[s] = '\0';
    opterr = 0;
#if defined(__APPLE__) || defined(__FreeBSD__) || defined(__NetBSD__) || defined(__OpenBSD__)
    optreset = 1;
    optind = 1;
#else
    optind = 0; /* glibc and musl: start afresh, forgetting a half-read cluster */
#endif
}

/* The option of letter c, or of long val c. */
static const ex_option *option_of(int c)
{
    int id;

    if (c >= LONG_VAL(1) && c < LONG_VAL(EX_OPT_COUNT))
        return &ex_option_table[c - 256];
    for (id = 1; id < EX_OPT_COUNT; id++)
        if (ex_option_table[id].letter && ex_option_table[id].letter == c)
            return &ex_option_table[id];
    return NULL;
}

/* "--name" as written, up to a '=', is the whole name (not an abbreviation). */
static int written_whole(const char *arg, const char *name)
{
    size_t n = strlen(name);

    return arg[0] == '-' && arg[1] == '-' && !strncmp(arg + 2, name, n) && (arg[2 + n] == '\0' || arg[2 + n] == '=');
}

/* The argument getopt_long() has just passed over that holds an option. */
static const char *last_arg(const ex_args *a, int separate_value)
{
    int i = optind - 1 - separate_value;

    return i > 0 && i < a->argc ? a->argv[i] : "";
}

/* "unknown option ARG" (up to a '='), a control character of it as '?': the
 * message stays one line whatever the command line holds. */
static int refuse(ex_args *a, const char *arg, size_t n)
{
    size_t at = (size_t)snprintf(a->msg, sizeof(a->msg), "unknown option "), i;

    for (i = 0; i < n && arg[i] && at + 1 < sizeof(a->msg); i++) {
        unsigned char c = (unsigned char)arg[i];
        a->msg[at++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
    }
    a->msg[at] = '\0';
    return -1;
}

static int refuse_unknown(ex_args *a)
{
    const char *arg = last_arg(a, 0);
    char letter[3] = {'-', (char)optopt, '\0'};

    if (optopt > 0 && optopt < 256)
        return refuse(a, letter, 2);
    return refuse(a, arg, strcspn(arg, "="));
}

int ex_args_next(int *id, const char **value, ex_args *a)
{
    const ex_option *o;
    int c, li = -1;

    *id = 0;
    *value = NULL;
    c = getopt_long(a->argc, a->argv, shorts, longs, &li);
    if (c == -1) {
        a->first = optind;
        return 1;
    }
    if (c == ':') {
        o = option_of(optopt);
        /* BSD's getopt_long() (MinGW's is one) answers so for a value given to an option that takes none */
        if (o && !o->has_value && written_whole(last_arg(a, 0), o->name))
            snprintf(a->msg, sizeof(a->msg), "--%s takes no value", o->name);
        else if (o)
            snprintf(a->msg, sizeof(a->msg), "--%s needs a value", o->name);
        else
            snprintf(a->msg, sizeof(a->msg), "-%c needs a value", optopt > 0x20 && optopt < 0x7f ? optopt : '?');
        return -1;
    }
    if (c == '?') {
        /* A long option given a value it does not take comes back as its val. */
        if (optopt >= 256 && (o = option_of(optopt)) != NULL && written_whole(last_arg(a, 0), o->name)) {
            snprintf(a->msg, sizeof(a->msg), "--%s takes no value", o->name);
            return -1;
        }
        return refuse_unknown(a);
    }
    o = option_of(c);
    if (!o)
        return refuse_unknown(a);
    if (li >= 0) {
        /* --name VALUE: the option is the argument before the value. */
        const char *arg = last_arg(a, optarg && optarg == a->argv[optind - 1]);
        if (!written_whole(arg, o->name))
            return refuse(a, arg, strcspn(arg, "="));
    }
    *id = o->id;
    *value = o->has_value ? optarg : NULL;
    return 0;
}
