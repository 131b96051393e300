/*
 * uclog-dump: browse a client log the way people use Snooper: one line per
 * SIP message, the full messages, or the records, filtered, as text or as
 * JSON (one object per line).
 * A thin program on the public API; the logic lives in the library. This
 * file reads the options and the input; dump.h names the other parts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uclog/uclog.h>

#include "colour.h"
#include "common.h"
#include "folders.h"
#include "dump-stats.h"
#include "dump.h"
#include "follow.h"
#include "options.h"
#include "os.h"

static void usage(FILE *out)
{
    fputs("usage: uclog-dump [options] FILE...\n"
          "Browse Communicator/Lync/Skype for Business client logs (*.uccapilog): one\n"
          "line per SIP message (time, direction, remote, method or status, Call-ID,\n"
          "CSeq). Several FILEs are read as one rotated set, in time order; '-' (once,\n"
          "anywhere) reads standard input. A FILE may be gzip-compressed, or a zip (of\n"
          "the Tracing folder): its *.uccapilog files are read.\n"
          "\n"
          "  -v, --verbose      the full messages (or records)\n"
          "      --records      the log records instead of the SIP messages\n"
          "      --json         one JSON object per line\n"
          "      --csv          the messages as CSV (RFC 4180), one header row\n"
          "      --stats        counts instead of the messages: by method, response\n"
          "                     code, direction, ms-diagnostics code, per file; calls\n"
          "                     by outcome; the longest transactions (text, --json or\n"
          "                     --csv)\n"
          "      --color WHEN   auto (colour on a terminal, unless NO_COLOR is set),\n"
          "                     always or never\n"
          "Filters (all must match):\n"
          "      --call-id ID   Call-ID is ID, or starts with it\n"
          "      --method M     request method M, or a response to an M request\n"
          "      --status N     response status N; 4xx for a class\n"
          "      --direction D  in or received, out or sent\n"
          "      --from TEXT    the From URI contains TEXT (any case)\n"
          "      --to TEXT      the To URI contains TEXT (any case)\n"
          "      --level L      record level L or more severe (TRACE .. FATAL)\n"
          "      --since T      at or after T: HH:MM[:SS[.mmm]] (a time of day), or a\n"
          "                     date, YYYY-MM-DD or MM/DD/YYYY, alone or before a time\n"
          "                     ('2008-11-21 23:59', '11/21/2008|23:59:58.250')\n"
          "      --until T      at or before T (a time-of-day range may wrap midnight)\n"
          "      --grep TEXT    the message (or record) contains TEXT (any case)\n"
          "Secrets (authentication tokens, MRAS credentials, SRTP keys, ICE passwords)\n"
          "are shown as runs of '*':\n"
          "      --show-secrets as they are in the log\n"
          "  -f, --follow       read FILE (one) as the client writes it, through its\n"
          "                     rotation, until Ctrl-C\n"
          "  -h, --help         this text\n"
          "      --version      the version\n"
          "Options come before the FILEs ('--' ends them); a value follows its option as\n"
          "the next argument or after '=' (--call-id=ID).\n"
          "\n"
          "Exit status: 0 fine, 2 usage or input error.\n",
          out);
    ex_usage_log_folders(out);
}

static void upcase(char *s)
{
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z')
            *s = (char)(*s - 'a' + 'A');
}

/* One option's value into o; -1 after printing why. */
static int take_option(struct options *o, int id, char *val)
{
    switch (id) {
    case EX_OPT_VERBOSE:
        o->verbose = 1;
        break;
    case EX_OPT_SHOW_SECRETS:
        o->show_secrets = 1;
        break;
    case EX_OPT_RECORDS:
        o->records = 1;
        break;
    case EX_OPT_FOLLOW:
        o->follow = 1;
        break;
    case EX_OPT_STATS:
        o->stats = 1;
        break;
    case EX_OPT_CSV:
        o->csv = 1;
        break;
    case EX_OPT_COLOR:
        if (ex_colour_parse(&o->colour, val)) {
            fprintf(stderr, "uclog-dump: --color %s: not auto, always or never\n", val);
            return -1;
        }
        break;
    case EX_OPT_JSON:
        o->json = 1;
        break;
    case EX_OPT_CALL_ID:
        o->call_id = val;
        break;
    case EX_OPT_METHOD:
        o->method = val;
        break;
    case EX_OPT_STATUS:
        if (!dump_valid_status(val)) {
            fprintf(stderr, "uclog-dump: --status %s: not a status code such as 404 or 4xx\n", val);
            return -1;
        }
        o->status = val;
        break;
    case EX_OPT_DIRECTION:
        if (!strcmp(val, "in") || !strcmp(val, "received")) {
            o->direction = UCLOG_DIRECTION_RECEIVED;
        } else if (!strcmp(val, "out") || !strcmp(val, "sent")) {
            o->direction = UCLOG_DIRECTION_SENT;
        } else {
            fprintf(stderr, "uclog-dump: --direction %s: not in, out, received or sent\n", val);
            return -1;
        }
        break;
    case EX_OPT_FROM:
        o->from = val;
        break;
    case EX_OPT_TO:
        o->to = val;
        break;
    case EX_OPT_LEVEL:
        upcase(val);
        if (!(o->level = dump_parse_level(val))) {
            fprintf(stderr, "uclog-dump: --level %s: not TRACE, DEBUG, VERBOSE, INFO, WARN, ERROR or FATAL\n", val);
            return -1;
        }
        break;
    case EX_OPT_SINCE:
    case EX_OPT_UNTIL:
        if (dump_parse_when(id == EX_OPT_UNTIL ? &o->until : &o->since, val, id == EX_OPT_UNTIL)) {
            fprintf(stderr,
                    "uclog-dump: --%s %s: not HH:MM[:SS[.mmm]], YYYY-MM-DD[ HH:MM[:SS[.mmm]]] or "
                    "MM/DD/YYYY|HH:MM:SS[.mmm]\n",
                    ex_option_table[id].name, val);
            return -1;
        }
        break;
    default:
        o->grep = val;
        break;
    }
    return 0;
}

/* Returns the index of the first FILE, or -1 after printing why (status in *status). */
static int parse_args(struct options *o, int argc, char **argv, int *status)
{
    ex_args a;
    const char *val;
    int id, rc;

    *status = 2;
    ex_args_init(&a, ex_options_dump, argc, argv);
    while ((rc = ex_args_next(&id, &val, &a)) == 0) {
        if (id == EX_OPT_HELP || id == EX_OPT_VERSION) {
            if (id == EX_OPT_HELP)
                usage(stdout);
            else
                printf("uclog-dump %s\n", uclog_version_string());
            *status = ex_stdout_close("uclog-dump") ? 2 : 0;
            return -1;
        }
        if (take_option(o, id, (char *)val))
            return -1;
    }
    if (rc < 0) {
        fprintf(stderr, "uclog-dump: %s\n", a.msg);
        return -1;
    }
    if (o->records && (o->call_id || o->method || o->status || o->direction || o->from || o->to)) {
        fputs("uclog-dump: --call-id, --method, --status, --direction, --from and --to do not apply "
              "to --records\n",
              stderr);
        return -1;
    }
    if (((o->records || o->verbose) && (o->stats || o->csv)) || (o->json && o->csv)) {
        fputs("uclog-dump: --stats and --csv go with neither --records nor --verbose, and --csv not with --json\n",
              stderr);
        return -1;
    }
    if (a.first >= argc) {
        usage(stderr);
        return -1;
    }
    if (o->follow && (argc - a.first != 1 || !strcmp(argv[a.first], "-"))) {
        fputs("uclog-dump: --follow reads one FILE, not standard input\n", stderr);
        return -1;
    }
    return a.first;
}

/* ---- input ---- */

/* Standard input, read through a callback so that the bytes looked at
 * first (to tell UTF-16 and archives, which cannot be streamed) are read again. */
struct input {
    FILE *in;
    char head[4];
    size_t head_len, head_pos;
    int reported; /* the error was told already */
};

static int64_t read_input(void *userdata, void *buf, size_t cap)
{
    struct input *in = userdata;
    size_t n;

    if (in->head_pos < in->head_len) {
        n = in->head_len - in->head_pos < cap ? in->head_len - in->head_pos : cap;
        memcpy(buf, in->head + in->head_pos, n);
        in->head_pos += n;
        return (int64_t)n;
    }
    n = fread(buf, 1, cap, in->in);
    return n == 0 && ferror(in->in) ? -1 : (int64_t)n;
}

static int open_stdin(uclog_log **log, uclog_ctx *ctx, struct input *in, char **copy)
{
    int whole = 0;

    memset(in, 0, sizeof(*in));
    in->in = stdin;
    in->head_len = fread(in->head, 1, 2, stdin);
    /* A byte order mark, or a NUL in the first two bytes: UTF-16. */
    if (in->head_len == 2 && (memchr(in->head, '\0', 2) || ((unsigned char)in->head[0] == 0xFF &&
                                                              (unsigned char)in->head[1] == 0xFE) ||
                              ((unsigned char)in->head[0] == 0xFE && (unsigned char)in->head[1] == 0xFF)))
        whole = 1;
    /* gzip (1f 8b) or zip ("PK"): the library decompresses what it holds whole. */
    if (in->head_len == 2 && (((unsigned char)in->head[0] == 0x1F && (unsigned char)in->head[1] == 0x8B) ||
                              (in->head[0] == 'P' && in->head[1] == 'K')))
        whole = 1;
    if (whole) {
        size_t len = 0;
        uint64_t most = uclog_ctx_get_limit(ctx, UCLOG_LIMIT_MAX_UNSIZED_FILE_BYTES);
        char *rest;
        int rc = ex_slurp(&rest, &len, stdin, most - in->head_len);
        if (rc == UCLOG_E_LIMIT) {
            fprintf(stderr, "uclog-dump: -: " EX_SLURP_LIMIT "\n", (unsigned long long)most);
            in->reported = 1;
        }
        if (rc)
            return rc;
        *copy = malloc(len + in->head_len + 1);
        if (*copy) {
            memcpy(*copy, in->head, in->head_len);
            memcpy(*copy + in->head_len, rest, len);
        }
        free(rest);
        return *copy ? uclog_log_open_buffer(log, ctx, *copy, len + in->head_len, "-") : UCLOG_E_NOMEM;
    }
    return uclog_log_open_reader(log, ctx, read_input, in, "-");
}

int main(int argc, char **argv)
{
    struct options o;
    struct input in;
    uclog_ctx *ctx = NULL;
    uclog_log *log = NULL;
    uclog_follow *follow = NULL;
    char *input = NULL;
    size_t at;
    int first, status, rc;

    ex_os_init(&argc, &argv);
    memset(&o, 0, sizeof(o));
    memset(&in, 0, sizeof(in));
    if ((first = parse_args(&o, argc, argv, &status)) < 0)
        return status;
    if (o.csv)
        ex_os_stdout_binary(); /* RFC 4180's CRLF, written by ex_csv_end() */
    dump_show_secrets = o.show_secrets;
    ex_colour_on = !o.json && !o.csv && ex_colour_decide(o.colour, 1);
    if (ex_check_files(&at, "uclog-dump", argv + first, (size_t)(argc - first)) != 0)
        return 2;
    if (uclog_ctx_new(&ctx, NULL) != 0) {
        fputs("uclog-dump: out of memory\n", stderr);
        return 2;
    }
    if (o.follow) {
        rc = ex_follow_open(&log, &follow, ctx, "uclog-dump", argv[first]);
        in.reported = rc == EX_SAID;
    } else if (argc - first == 1 && !strcmp(argv[first], "-") && !o.stats) {
        /* streamed; --stats indexes the log, so it reads standard input whole (below) */
        rc = open_stdin(&log, ctx, &in, &input);
    } else {
        rc = ex_open_files(&log, ctx, "uclog-dump", NULL, argv + first, (size_t)(argc - first), at, &input);
        in.reported = rc == EX_SAID;
    }
    /* A file that is neither a client log nor bare SIP messages is refused; a stream is judged
     * once read. */
    if (rc == 0 && ex_not_log(log) == UINT32_MAX)
        rc = o.records ? dump_records(log, &o) : o.stats ? dump_stats_of(log, &o) : dump_messages(log, &o);
    if ((rc == 0 || rc == EX_SAID) && ex_not_log(log) != UINT32_MAX) {
        ex_say_not_log("uclog-dump", log, ex_not_log(log));
        rc = EX_SAID;
    }
    if (rc == EX_SAID)
        in.reported = 1;
    if (rc < 0 && !in.reported)
        fprintf(stderr, "uclog-dump: %s\n", uclog_ctx_errcode(ctx) == rc ? uclog_ctx_errmsg(ctx) : uclog_strerror(rc));
    if (ex_stdout_close("uclog-dump") != 0)
        rc = UCLOG_E_IO;
    uclog_log_free(log);
    ex_follow_close(follow);
    uclog_ctx_free(ctx);
    free(input);
    return rc < 0 ? 2 : 0;
}
