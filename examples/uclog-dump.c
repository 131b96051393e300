/*
 * uclog-dump: browse a client log the way people use Snooper: one line per
 * SIP message, the full messages, or the records, filtered, as text or as
 * JSON (one object per line).
 * A thin program on the public API; the logic lives in the library.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uclog/uclog.h>

#include "colour.h"
#include "common.h"
#include "dump-csv.h"
#include "dump-stats.h"
#include "options.h"

static const uclog_str absent = {NULL, 0};

#define WIDTH 80
#define ELLIPSIS "\xe2\x80\xa6" /* U+2026, one column */

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
          "  -h, --help         this text\n"
          "      --version      the version\n"
          "Options come before the FILEs ('--' ends them); a value follows its option as\n"
          "the next argument or after '=' (--call-id=ID).\n"
          "\n"
          "Exit status: 0 fine, 2 usage or input error.\n",
          out);
}

/* ---- options ---- */

/* A point in time as a sortable key; time of day alone when tod is set. */
struct when {
    int set, tod;
    int64_t key;
};

struct options {
    int verbose, records, json, show_secrets, stats, csv, colour;
    const char *call_id, *method, *status, *from, *to, *grep;
    int32_t direction, level;
    struct when since, until;
};

static int64_t tod_key(unsigned h, unsigned mi, unsigned s, unsigned ms)
{
    return (((int64_t)h * 60 + mi) * 60 + s) * 1000 + ms;
}

static int64_t date_key(unsigned y, unsigned mo, unsigned d)
{
    return ((int64_t)y * 13 + mo) * 32 + d;
}

static int64_t when_key(const struct when *w, const uclog_timestamp *ts)
{
    int64_t tod = tod_key(ts->hour, ts->minute, ts->second, ts->millisecond);
    return w->tod ? tod : date_key(ts->year, ts->month, ts->day) * 86400000 + tod;
}

static int read_uint(const char **p, int digits, unsigned max, unsigned *out)
{
    unsigned v = 0;
    int i;
    for (i = 0; i < digits; i++, (*p)++) {
        if (**p < '0' || **p > '9')
            return -1;
        v = v * 10 + (unsigned)(**p - '0');
    }
    *out = v;
    return v <= max ? 0 : -1;
}

/* A date, `YYYY-MM-DD` or the log's `MM/DD/YYYY`; NULL when s starts with neither. */
static const char *parse_date(unsigned *y, unsigned *mo, unsigned *d, const char *s)
{
    const char *p = s;

    if (strlen(s) >= 10 && s[4] == '-') {
        if (read_uint(&p, 4, 9999, y) || *p++ != '-' || read_uint(&p, 2, 12, mo) || *p++ != '-' ||
            read_uint(&p, 2, 31, d))
            return NULL;
        return p;
    }
    if (strlen(s) >= 10 && s[2] == '/') {
        if (read_uint(&p, 2, 12, mo) || *p++ != '/' || read_uint(&p, 2, 31, d) || *p++ != '/' ||
            read_uint(&p, 4, 9999, y))
            return NULL;
        return p;
    }
    return NULL;
}

/*
 * A time of day `HH:MM[:SS[.mmm]]`, after a date or alone: a date alone,
 * `YYYY-MM-DD` or `MM/DD/YYYY`, or a date and a time after ' ', 'T' or '|'
 * (`MM/DD/YYYY|HH:MM:SS.mmm`, as the log writes it). What is left out is
 * the start of the span for --since and its end for --until: --until 12:30
 * takes the whole minute, --until 2008-11-21 the whole day.
 */
static int parse_when(struct when *w, const char *s, int until)
{
    unsigned mo = 0, d = 0, y = 0, h = until ? 23 : 0, mi = until ? 59 : 0, sec = until ? 59 : 0,
             ms = until ? 999 : 0;
    const char *p = parse_date(&y, &mo, &d, s);

    w->tod = p == NULL;
    if (w->tod)
        p = s;
    else if ((*p == ' ' || *p == 'T' || *p == '|') && p[1])
        p++;
    else if (*p)
        return -1;
    if (w->tod || *p) {
        if (read_uint(&p, 2, 23, &h) || *p++ != ':' || read_uint(&p, 2, 59, &mi))
            return -1;
        if (*p == ':') {
            p++;
            if (read_uint(&p, 2, 59, &sec))
                return -1;
            if (*p == '.' && (p++, read_uint(&p, 3, 999, &ms)))
                return -1;
        }
    }
    if (*p)
        return -1;
    w->set = 1;
    w->key = tod_key(h, mi, sec, ms) + (w->tod ? 0 : date_key(y, mo, d) * 86400000);
    return 0;
}

static int32_t parse_level(const char *s)
{
    int32_t l;
    for (l = UCLOG_LEVEL_TRACE; l <= UCLOG_LEVEL_FATAL; l++)
        if (!strcmp(s, uclog_level_name(l)))
            return l;
    return !strcmp(s, "WARNING") ? UCLOG_LEVEL_WARN : 0;
}

static int valid_status(const char *s)
{
    int i;
    for (i = 0; i < 3; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || s[i] == 'x' || s[i] == 'X'))
            return 0;
    return s[3] == '\0';
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
    case EX_OPT_JSON:
        o->json = 1;
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
    case EX_OPT_CALL_ID:
        o->call_id = val;
        break;
    case EX_OPT_METHOD:
        o->method = val;
        break;
    case EX_OPT_STATUS:
        if (!valid_status(val)) {
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
        if (!(o->level = parse_level(val))) {
            fprintf(stderr, "uclog-dump: --level %s: not TRACE, DEBUG, VERBOSE, INFO, WARN, ERROR or FATAL\n", val);
            return -1;
        }
        break;
    case EX_OPT_SINCE:
    case EX_OPT_UNTIL:
        if (parse_when(id == EX_OPT_UNTIL ? &o->until : &o->since, val, id == EX_OPT_UNTIL)) {
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
    return a.first;
}

/* ---- matching ---- */

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int contains_nocase(uclog_str hay, const char *needle)
{
    size_t n = strlen(needle), i, k;

    if (n == 0)
        return 1;
    if (!hay.ptr)
        return 0;
    for (i = 0; i + n <= hay.len; i++) {
        for (k = 0; k < n && lower((unsigned char)hay.ptr[i + k]) == lower((unsigned char)needle[k]); k++)
            ;
        if (k == n)
            return 1;
    }
    return 0;
}

static int equal_nocase(uclog_str s, const char *z)
{
    size_t i;
    if (!s.ptr || s.len != strlen(z))
        return 0;
    for (i = 0; i < s.len; i++)
        if (lower((unsigned char)s.ptr[i]) != lower((unsigned char)z[i]))
            return 0;
    return 1;
}

static int time_matches(const struct options *o, int have_ts, const uclog_timestamp *ts)
{
    if (!o->since.set && !o->until.set)
        return 1;
    if (!have_ts)
        return 0;
    /* Times of day from 23:00 until 01:00: the hours around midnight. */
    if (o->since.set && o->until.set && o->since.tod && o->until.tod && o->since.key > o->until.key)
        return when_key(&o->since, ts) >= o->since.key || when_key(&o->until, ts) <= o->until.key;
    if (o->since.set && when_key(&o->since, ts) < o->since.key)
        return 0;
    return !o->until.set || when_key(&o->until, ts) <= o->until.key;
}

/* ---- text output ---- */

/* ---- secrets ---- */

/* Whether secrets are shown (--show-secrets); set once, before any output. */
static int show_secrets;

/* s with its secrets masked (uclog_redact_mask_text()), in a buffer reused
 * by the next call; s itself with --show-secrets or when memory runs out. */
static uclog_str masked(uclog_str s)
{
    static char *buf;
    static size_t cap;
    uclog_str out = s;

    if (show_secrets || !s.ptr || s.len == 0)
        return s;
    if (s.len > cap) {
        char *b = realloc(buf, s.len);
        if (!b)
            return s;
        buf = b;
        cap = s.len;
    }
    uclog_redact_mask_text(buf, s.ptr, s.len);
    out.ptr = buf;
    return out;
}

/* Print at most @width columns of s (an ellipsis ends a cut field),
 * padded to @width when @pad; returns the columns used. */
static int put_field(const char *s, size_t n, int width, int pad)
{
    const unsigned char *p;
    size_t i = 0, chars = 0;
    int col = 0;
    uclog_str m;

    if (!s)
        n = 0;
    m.ptr = s;
    m.len = n;
    m = masked(m);
    s = m.ptr;
    p = (const unsigned char *)s;
    for (i = 0; i < n; i += ex_utf8_len(p + i, n - i) ? ex_utf8_len(p + i, n - i) : 1)
        chars++;
    for (i = 0; i < n && col < width; col++) {
        if ((size_t)width < chars && col == width - 1) {
            fputs(ELLIPSIS, stdout);
            col++;
            break;
        }
        i += ex_put_char(p + i, n - i);
    }
    for (; pad && col < width; col++)
        putchar(' ');
    return col;
}

static int put_z(const char *s, int width, int pad)
{
    return put_field(s, s ? strlen(s) : 0, width, pad);
}

/* Print text with its line ends as LF and its tabs as they are (its layout),
 * any other control byte as ex_put_char() does. */
static void put_text(uclog_str s)
{
    const unsigned char *p;
    size_t i = 0;

    s = masked(s);
    p = (const unsigned char *)s.ptr;
    while (i < s.len) {
        if (p[i] == '\r' && i + 1 < s.len && p[i + 1] == '\n') {
            i++;
            continue;
        }
        if (p[i] == '\n' || p[i] == '\t') {
            putchar(p[i++]);
            continue;
        }
        i += ex_put_char(p + i, s.len - i);
    }
    if (s.len == 0 || p[s.len - 1] != '\n')
        putchar('\n');
}

/* Whether a header line is an ms-diagnostics header (any case). */
static int is_diag_header(uclog_str line)
{
    static const char *const names[] = {"ms-diagnostics:", "ms-diagnostics-public:", "ms-client-diagnostics:"};
    size_t i, k, n;

    for (i = 0; i < 3; i++) {
        n = strlen(names[i]);
        for (k = 0; k < n && k < line.len && lower((unsigned char)line.ptr[k]) == names[i][k]; k++)
            ;
        if (k == n)
            return 1;
    }
    return 0;
}

/* put_text() in colour: the start line red for a failure, the ms-diagnostics
 * headers yellow. Line by line, each line masked as put_text() masks. */
static void put_text_coloured(uclog_str s, int failure)
{
    const char *p = s.ptr, *end = s.ptr + s.len, *nl;
    int first = 1;

    while (p && p < end) {
        uclog_str line;
        size_t i = 0;
        int c = 0;
        nl = memchr(p, '\n', (size_t)(end - p));
        line.ptr = p;
        line.len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (line.len && line.ptr[line.len - 1] == '\r')
            line.len--;
        c = first && failure ? EX_COLOUR_FAILURE : is_diag_header(line) ? EX_COLOUR_DIAG : 0;
        fputs(ex_colour_start(c), stdout);
        line = masked(line);
        while (i < line.len)
            if (line.ptr[i] == '\t')
                putchar(line.ptr[i++]);
            else
                i += ex_put_char((const unsigned char *)line.ptr + i, line.len - i);
        fputs(c ? ex_colour_end() : "", stdout);
        putchar('\n');
        first = 0;
        p = nl ? nl + 1 : end;
    }
    if (!s.ptr || s.len == 0)
        putchar('\n');
}

/* Separators printed when the file or the day changes. */
struct place {
    uint32_t file;
    int have_file, have_day;
    unsigned day;
};

static void new_place(struct place *pl, const uclog_log *log, uint32_t file, int have_ts,
                      const uclog_timestamp *ts, int days)
{
    if (uclog_log_file_count(log) > 1 && (!pl->have_file || pl->file != file)) {
        const char *name = uclog_log_file_name(log, file);
        fputs("==> ", stdout);
        put_z(name, WIDTH - 8, 0);
        fputs(" <==\n", stdout);
        pl->have_file = 1;
        pl->file = file;
    }
    if (days && have_ts && (!pl->have_day || pl->day != ((unsigned)ts->year * 13 + ts->month) * 32 + ts->day)) {
        printf("--- %02u/%02u/%04u\n", ts->month, ts->day, ts->year);
        pl->have_day = 1;
        pl->day = ((unsigned)ts->year * 13 + ts->month) * 32 + ts->day;
    }
}

/* ---- JSON output ---- */

static void json_s(uclog_str s)
{
    s = masked(s);
    ex_json_strn(s.ptr, s.len);
}

static void json_z(const char *s)
{
    ex_json_strn(s, s ? strlen(s) : 0);
}

static void json_key(const char *k)
{
    printf(", \"%s\": ", k);
}

static void json_time(int ok, const uclog_timestamp *ts)
{
    if (ok)
        printf("\"%04u-%02u-%02uT%02u:%02u:%02u.%03u\"", ts->year, ts->month, ts->day, ts->hour, ts->minute,
               ts->second, ts->millisecond);
    else
        fputs("null", stdout);
}

static void json_defects(int first, const uclog_defect *d)
{
    fputs(first ? "" : ", ", stdout);
    printf("{\"code\": %d, \"name\": \"%s\", \"line\": %u}", (int)d->code, uclog_defect_name(d->code),
           (unsigned)d->span.line);
}

/* ---- records ---- */

static void record_text(const uclog_log *log, const uclog_record *rec, struct place *pl, int verbose)
{
    uclog_span sp;
    uclog_timestamp ts;
    uclog_str text, raw;
    uint32_t i, n = uclog_record_line_count(rec);
    int have_ts = uclog_record_timestamp(&ts, rec) == 0, col;
    char head[64], more[32] = "";

    uclog_record_span(&sp, rec);
    new_place(pl, log, sp.file, have_ts, &ts, 1);
    if (verbose) {
        uclog_record_raw(&raw, rec);
        put_text(raw);
    } else {
        if (have_ts) {
            char ids[32];
            snprintf(ids, sizeof(ids), "%X:%X", (unsigned)uclog_record_pid(rec), (unsigned)uclog_record_tid(rec));
            snprintf(head, sizeof(head), "%-6u %02u:%02u:%02u.%03u %-9s %-5s ", (unsigned)sp.line, ts.hour,
                     ts.minute, ts.second, ts.millisecond, ids, uclog_level_name(uclog_record_level(rec)));
        } else {
            snprintf(head, sizeof(head), "%-6u %-29s", (unsigned)sp.line, "-");
        }
        col = put_z(head, WIDTH, 0);
        if (n > 1)
            snprintf(more, sizeof(more), " [+%u lines]", (unsigned)(n - 1));
        uclog_record_text(&text, rec);
        put_field(text.ptr, text.len, WIDTH - col - (int)strlen(more), 0);
        printf("%s\n", more);
    }
    for (i = 0; i < uclog_record_defect_count(rec); i++) {
        uclog_defect d;
        uclog_record_defect(&d, rec, i);
        printf("       defect %s at line %u\n", uclog_defect_name(d.code), (unsigned)d.span.line);
    }
}

static void record_json(const uclog_log *log, const uclog_record *rec, int verbose)
{
    uclog_span sp;
    uclog_timestamp ts;
    uclog_str s;
    uint32_t i;
    int have = uclog_record_has_header(rec);

    uclog_record_span(&sp, rec);
    fputs("{\"file\": ", stdout);
    json_z(uclog_log_file_name(log, sp.file));
    printf(", \"line\": %u, \"offset\": %llu, \"time\": ", (unsigned)sp.line, (unsigned long long)sp.offset);
    json_time(uclog_record_timestamp(&ts, rec) == 0, &ts);
    if (have)
        printf(", \"pid\": \"%X\", \"tid\": \"%X\", \"level\": \"%s\"", (unsigned)uclog_record_pid(rec),
               (unsigned)uclog_record_tid(rec), uclog_level_name(uclog_record_level(rec)));
    else
        fputs(", \"pid\": null, \"tid\": null, \"level\": null", stdout);
    json_key("text");
    uclog_record_text(&s, rec);
    json_s(s);
    printf(", \"lines\": %u", (unsigned)uclog_record_line_count(rec));
    if (verbose) {
        json_key("raw");
        uclog_record_raw(&s, rec);
        json_s(s);
    }
    fputs(", \"defects\": [", stdout);
    for (i = 0; i < uclog_record_defect_count(rec); i++) {
        uclog_defect d;
        uclog_record_defect(&d, rec, i);
        json_defects(i == 0, &d);
    }
    fputs("]}\n", stdout);
}

static int record_matches(const struct options *o, const uclog_record *rec)
{
    uclog_timestamp ts;
    uclog_str raw;

    if (o->level && uclog_record_level(rec) < o->level)
        return 0;
    if (!time_matches(o, uclog_record_timestamp(&ts, rec) == 0, &ts))
        return 0;
    uclog_record_raw(&raw, rec);
    return !o->grep || contains_nocase(raw, o->grep);
}

static int dump_records(uclog_log *log, const struct options *o)
{
    uclog_record_iter *it = NULL;
    const uclog_record *rec;
    struct place pl = {0, 0, 0, 0};
    int first = 1, rc = uclog_record_iter_new(&it, log);

    while (rc == 0 && (rc = uclog_record_iter_next(&rec, it)) == 0) {
        /* a stream's kind is known from its first record on */
        if (first && (first = 0, ex_not_log(log) != UINT32_MAX)) {
            rc = EX_SAID;
            break;
        }
        if (!record_matches(o, rec))
            continue;
        if (o->json)
            record_json(log, rec, o->verbose);
        else
            record_text(log, rec, &pl, o->verbose);
    }
    uclog_record_iter_free(it);
    return rc < 0 ? rc : 0;
}

/* ---- messages ---- */

/* What one line, or one JSON object, says about a message. */
struct msg {
    const uclog_sip *sip;
    const uclog_packet *pkt;
    uclog_span span;
    uclog_timestamp ts;
    int have_ts, is_request, have_cseq, have_remote, have_local;
    int32_t direction;
    uclog_str raw, method, uri, reason, call_id, cseq_method, from, to, remote, local;
    uint32_t status, cseq;
    uint16_t remote_port, local_port;
};

static void msg_read(struct msg *m, const uclog_sip *sip, const uclog_packet *pkt)
{
    uclog_str body;

    memset(m, 0, sizeof(*m));
    m->sip = sip;
    m->pkt = pkt;
    uclog_sip_span(&m->span, sip);
    m->have_ts = uclog_packet_timestamp(&m->ts, pkt) == 0;
    m->direction = uclog_packet_direction(pkt);
    m->have_remote = uclog_packet_remote_endpoint(&m->remote, &m->remote_port, pkt) == 0;
    m->have_local = uclog_packet_local_endpoint(&m->local, &m->local_port, pkt) == 0;
    m->is_request = uclog_sip_is_request(sip);
    if (m->is_request)
        uclog_sip_request_line(&m->method, &m->uri, NULL, sip);
    else
        uclog_sip_status_line(NULL, &m->status, &m->reason, sip);
    uclog_sip_call_id(&m->call_id, sip);
    m->have_cseq = uclog_sip_cseq(&m->cseq, &m->cseq_method, sip) == 0;
    uclog_sip_from(NULL, &m->from, NULL, NULL, sip);
    uclog_sip_to(NULL, &m->to, NULL, NULL, sip);
    /* The message's bytes: from its start line through the end of its body. */
    uclog_sip_start_line(&m->raw, NULL, sip);
    uclog_sip_body(&body, NULL, sip);
    if (m->raw.ptr && body.ptr && body.ptr + body.len >= m->raw.ptr)
        m->raw.len = (size_t)(body.ptr + body.len - m->raw.ptr);
}

static int status_matches(const char *pat, uint32_t status)
{
    char code[8];
    int i;
    snprintf(code, sizeof(code), "%03u", (unsigned)(status % 1000));
    for (i = 0; i < 3; i++)
        if (pat[i] != 'x' && pat[i] != 'X' && pat[i] != code[i])
            return 0;
    return 1;
}

/* The level of the record that framed each packet, found by walking a
 * second cursor over the records in step with the messages. */
struct framing {
    uclog_record_iter *it;
    const uclog_record *rec;
    int done;
};

static int32_t framing_level(struct framing *f, const uclog_packet *pkt)
{
    uclog_span ps, rs;

    uclog_packet_span(&ps, pkt);
    for (;;) {
        if (f->rec) {
            uclog_record_span(&rs, f->rec);
            if (rs.file == ps.file && rs.offset == ps.offset)
                return uclog_record_level(f->rec);
            if (rs.file > ps.file || (rs.file == ps.file && rs.offset > ps.offset))
                return UCLOG_LEVEL_UNKNOWN;
        }
        if (f->done || uclog_record_iter_next(&f->rec, f->it) != 0) {
            f->done = 1;
            f->rec = NULL;
            return UCLOG_LEVEL_UNKNOWN;
        }
    }
}

static int msg_matches(const struct options *o, const struct msg *m, struct framing *f)
{
    if (o->call_id && (!m->call_id.ptr || m->call_id.len < strlen(o->call_id) ||
                       memcmp(m->call_id.ptr, o->call_id, strlen(o->call_id))))
        return 0;
    if (o->method && !equal_nocase(m->is_request ? m->method : m->cseq_method, o->method))
        return 0;
    if (o->status && (m->is_request || !status_matches(o->status, m->status)))
        return 0;
    if (o->direction && m->direction != o->direction)
        return 0;
    if (o->from && !contains_nocase(m->from, o->from))
        return 0;
    if (o->to && !contains_nocase(m->to, o->to))
        return 0;
    if (!time_matches(o, m->have_ts, &m->ts))
        return 0;
    if (o->grep && !contains_nocase(m->raw, o->grep))
        return 0;
    return !o->level || framing_level(f, m->pkt) >= o->level;
}

/* Colour: a failure (4xx-6xx) red, else a message with ms-diagnostics yellow. */
static int msg_colour(const struct msg *m)
{
    if (!m->is_request && m->status >= 400 && m->status < 700)
        return EX_COLOUR_FAILURE;
    return uclog_sip_diag_count(m->sip) ? EX_COLOUR_DIAG : 0;
}

static int direction_colour(int32_t dir)
{
    return dir == UCLOG_DIRECTION_SENT ? EX_COLOUR_SENT : dir == UCLOG_DIRECTION_RECEIVED ? EX_COLOUR_RECEIVED : 0;
}

static void msg_line(const struct msg *m)
{
    char buf[128];
    int col = 0;

    if (m->have_ts)
        snprintf(buf, sizeof(buf), "%02u:%02u:%02u.%03u", m->ts.hour, m->ts.minute, m->ts.second,
                 m->ts.millisecond);
    else
        snprintf(buf, sizeof(buf), "-");
    col += put_z(buf, 12, 1);
    printf(" %s%-3s%s ", ex_colour_start(direction_colour(m->direction)),
           m->direction == UCLOG_DIRECTION_SENT ? "out" : m->direction == UCLOG_DIRECTION_RECEIVED ? "in" : "?",
           direction_colour(m->direction) ? ex_colour_end() : "");
    col += 5;
    ex_fmt_addr(buf, sizeof(buf), m->have_remote ? m->remote : absent, m->remote_port);
    col += put_z(buf, 21, 1) + printf(" ");
    fputs(ex_colour_start(msg_colour(m)), stdout);
    if (m->is_request) {
        col += put_field(m->method.ptr, m->method.len, 16, 1);
    } else {
        snprintf(buf, sizeof(buf), "%03u %.*s", (unsigned)m->status, (int)(m->reason.len < 64 ? m->reason.len : 64),
                 m->reason.ptr ? m->reason.ptr : "");
        col += put_z(buf, 16, 1);
    }
    fputs(msg_colour(m) ? ex_colour_end() : "", stdout);
    col += printf(" ");
    col += put_field(m->call_id.ptr ? m->call_id.ptr : "-", m->call_id.ptr ? m->call_id.len : 1, 11, 1);
    col += printf(" ");
    if (m->have_cseq) {
        snprintf(buf, sizeof(buf), "%u %.*s", (unsigned)m->cseq, (int)(m->cseq_method.len < 64 ? m->cseq_method.len : 64),
                 m->cseq_method.ptr ? m->cseq_method.ptr : "");
        put_z(buf, WIDTH - col, 0);
    } else {
        putchar('-');
    }
    putchar('\n');
}

static void msg_full(const struct msg *m)
{
    char buf[160], local[64], remote[64];

    ex_fmt_addr(local, sizeof(local), m->have_local ? m->local : absent, m->local_port);
    ex_fmt_addr(remote, sizeof(remote), m->have_remote ? m->remote : absent, m->remote_port);
    if (m->have_ts)
        snprintf(buf, sizeof(buf), "=== line %u, %02u/%02u/%04u|%02u:%02u:%02u.%03u", (unsigned)m->span.line,
                 m->ts.month, m->ts.day, m->ts.year, m->ts.hour, m->ts.minute, m->ts.second, m->ts.millisecond);
    else
        snprintf(buf, sizeof(buf), "=== line %u", (unsigned)m->span.line);
    snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), ", %s %s %s %s",
             m->direction == UCLOG_DIRECTION_RECEIVED ? "in" : m->direction == UCLOG_DIRECTION_SENT ? "out" : "?",
             local, m->direction == UCLOG_DIRECTION_RECEIVED ? "<-" : m->direction == UCLOG_DIRECTION_SENT ? "->" : "--",
             remote);
    fputs(ex_colour_start(direction_colour(m->direction)), stdout);
    put_z(buf, WIDTH, 0);
    fputs(direction_colour(m->direction) ? ex_colour_end() : "", stdout);
    putchar('\n');
    if (ex_colour_on)
        put_text_coloured(m->raw, msg_colour(m) == EX_COLOUR_FAILURE);
    else
        put_text(m->raw);
    putchar('\n');
}

static void json_diagnostics(const uclog_sip *sip)
{
    uint32_t i, n = uclog_sip_diag_count(sip);

    fputs(", \"ms_diagnostics\": [", stdout);
    for (i = 0; i < n; i++) {
        uclog_str entry, reason, source;
        uint32_t kind = 0, id, sub;
        int ok;
        uclog_sip_diag(&entry, &kind, sip, i);
        ok = uclog_sip_diag_parse(&id, &sub, &reason, &source, entry) == 0;
        printf("%s{\"kind\": \"%s\", \"id\": ", i ? ", " : "", ex_diag_kind_name(kind));
        if (ok)
            printf("%u, \"sub_id\": ", (unsigned)id);
        else
            fputs("null, \"sub_id\": ", stdout);
        if (ok && sub != UCLOG_SIP_DIAG_NO_SUB_ID)
            printf("%u", (unsigned)sub);
        else
            fputs("null", stdout);
        json_key("reason");
        json_s(reason);
        json_key("source");
        json_s(source);
        json_key("raw");
        json_s(entry);
        putchar('}');
    }
    putchar(']');
}

static void json_candidate(const uclog_sdp_candidate *c, int first)
{
    uclog_str s;
    uint32_t v;
    uint16_t rport;
    int draft6 = uclog_sdp_candidate_form(c) == UCLOG_SDP_ICE_DRAFT6;

    printf("%s{\"form\": \"%s\", \"foundation\": ", first ? "" : ", ", draft6 ? "draft6" : "rfc5245");
    uclog_sdp_candidate_foundation(&s, c);
    json_s(s);
    printf(", \"component\": %u", (unsigned)uclog_sdp_candidate_component(c));
    json_key("transport");
    uclog_sdp_candidate_transport_raw(&s, c);
    json_s(s);
    json_key("priority");
    if (uclog_sdp_candidate_priority(&v, c) == 0)
        printf("%u", (unsigned)v);
    else
        fputs("null", stdout);
    if (uclog_sdp_candidate_qvalue(&v, c) == 0)
        printf(", \"qvalue\": %u.%03u", (unsigned)(v / 1000), (unsigned)(v % 1000));
    json_key("address");
    uclog_sdp_candidate_address(&s, c);
    json_s(s);
    printf(", \"port\": %u", (unsigned)uclog_sdp_candidate_port(c));
    json_key("type");
    uclog_sdp_candidate_type_raw(&s, c);
    json_s(s);
    if (uclog_sdp_candidate_related(&s, &rport, c) == 0) {
        json_key("raddr");
        json_s(s);
        printf(", \"rport\": %u}", (unsigned)rport);
    } else {
        fputs(", \"raddr\": null, \"rport\": null}", stdout);
    }
}

static void json_sdp(const uclog_sip *sip, uclog_ctx *ctx)
{
    uint32_t i, k, c, n = uclog_sip_sdp_count(sip);

    fputs(", \"sdp\": [", stdout);
    for (i = 0; i < n; i++) {
        uclog_str body;
        uclog_span span;
        int32_t fallback = 0;
        uclog_sdp *sdp = NULL;
        if (uclog_sip_sdp_body(&body, &span, &fallback, sip, i) != 0 ||
            uclog_sdp_parse(&sdp, ctx, body.ptr, body.len, &span) != 0)
            continue;
        printf("%s{\"line\": %u, \"fallback\": %s, \"media\": [", i ? ", " : "", (unsigned)span.line,
               fallback ? "true" : "false");
        for (k = 0; k < uclog_sdp_media_count(sdp); k++) {
            const uclog_sdp_media *media;
            uclog_str type;
            uclog_sdp_media_get(&media, sdp, k);
            uclog_sdp_media_type(&type, media);
            fputs(k ? ", {\"type\": " : "{\"type\": ", stdout);
            json_s(type);
            printf(", \"port\": %u, \"candidates\": [", (unsigned)uclog_sdp_media_port(media));
            for (c = 0; c < uclog_sdp_candidate_count(media); c++) {
                const uclog_sdp_candidate *cand;
                uclog_sdp_candidate_get(&cand, media, c);
                json_candidate(cand, c == 0);
            }
            fputs("]}", stdout);
        }
        fputs("]}", stdout);
        uclog_sdp_free(sdp);
    }
    putchar(']');
}

static void json_addr(const char *key, uclog_str a, uint32_t port, int ok)
{
    char buf[128];
    json_key(key);
    if (!ok) {
        fputs("null", stdout);
        return;
    }
    ex_fmt_addr(buf, sizeof(buf), ok ? a : absent, port);
    json_z(buf);
}

static void msg_json(const uclog_log *log, const struct msg *m, uclog_ctx *ctx, int verbose)
{
    uclog_str type, sub, ct;
    uint32_t i, n = 0;
    uclog_defect d;

    fputs("{\"file\": ", stdout);
    json_z(uclog_log_file_name(log, m->span.file));
    printf(", \"line\": %u, \"offset\": %llu, \"time\": ", (unsigned)m->span.line, (unsigned long long)m->span.offset);
    json_time(m->have_ts, &m->ts);
    json_key("direction");
    json_z(m->direction == UCLOG_DIRECTION_SENT ? "out" : m->direction == UCLOG_DIRECTION_RECEIVED ? "in" : NULL);
    json_addr("remote", m->remote, m->remote_port, m->have_remote);
    json_addr("local", m->local, m->local_port, m->have_local);
    json_key("method");
    json_s(m->method);
    json_key("request_uri");
    json_s(m->uri);
    json_key("status");
    if (m->is_request)
        fputs("null", stdout);
    else
        printf("%u", (unsigned)m->status);
    json_key("reason");
    json_s(m->reason);
    json_key("call_id");
    json_s(m->call_id);
    json_key("cseq");
    if (m->have_cseq) {
        printf("{\"seq\": %u, \"method\": ", (unsigned)m->cseq);
        json_s(m->cseq_method);
        putchar('}');
    } else {
        fputs("null", stdout);
    }
    json_key("from");
    json_s(m->from);
    json_key("to");
    json_s(m->to);
    json_key("content_type");
    if (uclog_sip_content_type(&type, &sub, NULL, m->sip) == 0) {
        char buf[256];
        snprintf(buf, sizeof(buf), "%.*s/%.*s", (int)(type.len < 120 ? type.len : 120), type.ptr,
                 (int)(sub.len < 120 ? sub.len : 120), sub.ptr);
        json_z(buf);
    } else {
        ct.ptr = NULL;
        ct.len = 0;
        uclog_sip_header_find(&ct, NULL, m->sip, "Content-Type", 0);
        json_s(ct);
    }
    json_diagnostics(m->sip);
    json_sdp(m->sip, ctx);
    fputs(", \"defects\": [", stdout);
    for (i = 0; i < uclog_packet_defect_count(m->pkt); i++)
        if (uclog_packet_defect(&d, m->pkt, i) == 0)
            json_defects(n++ == 0, &d);
    for (i = 0; i < uclog_sip_defect_count(m->sip); i++)
        if (uclog_sip_defect(&d, m->sip, i) == 0)
            json_defects(n++ == 0, &d);
    putchar(']');
    if (verbose) {
        json_key("raw");
        json_s(m->raw);
    }
    fputs("}\n", stdout);
}

/* A packet that yielded no SIP message: where, and why, on standard error
 * (and, with --json, as an object of its own). Never filtered out: the
 * message it lost may be the one asked for. */
static void report_unusable(const uclog_log *log, const uclog_packet *pkt, int json)
{
    uclog_defect d, at;
    uclog_timestamp ts;
    uclog_str a;
    uint32_t i, n = uclog_packet_defect_count(pkt);
    uint16_t port;
    int32_t dir = uclog_packet_direction(pkt);

    memset(&at, 0, sizeof(at));
    uclog_packet_span(&at.span, pkt);
    for (i = 0; i < n; i++)
        if (uclog_packet_defect(&d, pkt, i) == 0 && d.code == UCLOG_DEFECT_PACKET_NO_MESSAGE)
            at = d;
    fprintf(stderr, "uclog-dump: %s:%u: %s packet yielded no SIP message (",
            uclog_log_file_name(log, at.span.file), (unsigned)at.span.line,
            dir == UCLOG_DIRECTION_SENT ? "a sent" : dir == UCLOG_DIRECTION_RECEIVED ? "a received" : "a");
    for (i = 0; i < n; i++)
        if (uclog_packet_defect(&d, pkt, i) == 0)
            fprintf(stderr, "%s%s", i ? ", " : "", uclog_defect_name(d.code));
    fputs(")\n", stderr);
    if (!json)
        return;
    fputs("{\"file\": ", stdout);
    json_z(uclog_log_file_name(log, at.span.file));
    printf(", \"line\": %u, \"offset\": %llu, \"time\": ", (unsigned)at.span.line,
           (unsigned long long)at.span.offset);
    json_time(uclog_packet_timestamp(&ts, pkt) == 0, &ts);
    json_key("direction");
    json_z(dir == UCLOG_DIRECTION_SENT ? "out" : dir == UCLOG_DIRECTION_RECEIVED ? "in" : NULL);
    i = (uint32_t)uclog_packet_remote_endpoint(&a, &port, pkt);
    json_addr("remote", a, port, i == 0);
    i = (uint32_t)uclog_packet_local_endpoint(&a, &port, pkt);
    json_addr("local", a, port, i == 0);
    fputs(", \"unusable\": true, \"defects\": [", stdout);
    for (i = 0; i < n; i++)
        if (uclog_packet_defect(&d, pkt, i) == 0)
            json_defects(i == 0, &d);
    fputs("]}\n", stdout);
}

static int dump_messages(uclog_log *log, const struct options *o)
{
    uclog_ctx *ctx = uclog_log_ctx(log);
    uclog_msg_iter *it = NULL;
    struct framing f = {NULL, NULL, 0};
    struct place pl = {0, 0, 0, 0};
    const uclog_sip *sip;
    const uclog_packet *pkt;
    struct msg m;
    unsigned long long shown = 0, unusable = 0, number = 0;
    int rc = uclog_msg_iter_new(&it, log);

    if (o->csv)
        dump_csv_header();
    if (rc == 0)
        rc = uclog_msg_iter_set_flags(it, UCLOG_MSG_ITER_UNUSABLE);
    if (rc == 0 && o->level)
        rc = uclog_record_iter_new(&f.it, log);
    while (rc == 0 && (rc = uclog_msg_iter_next(&sip, &pkt, it)) == 0) {
        if (!sip) {
            report_unusable(log, pkt, o->json);
            continue;
        }
        number++;
        msg_read(&m, sip, pkt);
        if (!msg_matches(o, &m, &f))
            continue;
        if (o->csv) {
            dump_csv_message(log, number, sip, pkt, masked);
        } else if (o->json) {
            msg_json(log, &m, ctx, o->verbose);
        } else {
            new_place(&pl, log, m.span.file, m.have_ts, &m.ts, !o->verbose);
            if (o->verbose)
                msg_full(&m);
            else
                msg_line(&m);
        }
        shown++;
    }
    /* Nothing is dropped silently: say how many packets yielded nothing. */
    unusable = it ? (unsigned long long)uclog_msg_iter_unusable_count(it) : 0;
    if (unusable) {
        fprintf(stderr, "uclog-dump: %llu packet%s yielded no SIP message\n", unusable, unusable == 1 ? "" : "s");
        if (o->json)
            printf("{\"summary\": {\"messages\": %llu, \"unusable_packets\": %llu}}\n", shown, unusable);
    }
    uclog_record_iter_free(f.it);
    uclog_msg_iter_free(it);
    return rc < 0 ? rc : 0;
}

/* ---- statistics ---- */

/* The filters, for the index that --stats builds. */
struct stats_filter {
    const struct options *o;
    struct framing f;
};

static int stats_keep(const uclog_sip *sip, const uclog_packet *pkt, void *userdata)
{
    struct stats_filter *sf = userdata;
    struct msg m;

    msg_read(&m, sip, pkt);
    return msg_matches(sf->o, &m, &sf->f);
}

static int stats_of(uclog_log *log, const struct options *o)
{
    struct stats_filter sf;
    int rc = 0;

    memset(&sf, 0, sizeof(sf));
    sf.o = o;
    if (o->level)
        rc = uclog_record_iter_new(&sf.f.it, log);
    if (rc == 0)
        rc = dump_stats(log, o->json ? DUMP_STATS_JSON : o->csv ? DUMP_STATS_CSV : DUMP_STATS_TEXT, stats_keep, &sf);
    uclog_record_iter_free(sf.f.it);
    return rc;
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

static int open_stdin(uclog_log **log, uclog_ctx *ctx, struct input *in, char **copy, int whole)
{
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
    char *input = NULL;
    size_t at;
    int first, status, rc;

    memset(&o, 0, sizeof(o));
    memset(&in, 0, sizeof(in));
    if ((first = parse_args(&o, argc, argv, &status)) < 0)
        return status;
    show_secrets = o.show_secrets;
    ex_colour_on = !o.json && !o.csv && ex_colour_decide(o.colour, 1);
    if (ex_check_files(&at, "uclog-dump", argv + first, (size_t)(argc - first)) != 0)
        return 2;
    if (uclog_ctx_new(&ctx, NULL) != 0) {
        fputs("uclog-dump: out of memory\n", stderr);
        return 2;
    }
    if (argc - first == 1 && !strcmp(argv[first], "-")) {
        /* Streamed, except when the framing records must be read in step. */
        rc = open_stdin(&log, ctx, &in, &input, (o.level && !o.records) || o.stats);
    } else {
        rc = ex_open_files(&log, ctx, "uclog-dump", NULL, argv + first, (size_t)(argc - first), at, &input);
        in.reported = rc == EX_SAID;
    }
    /* A file that is neither a client log nor bare SIP messages is refused; a stream is judged
     * once read. */
    if (rc == 0 && ex_not_log(log) == UINT32_MAX)
        rc = o.records ? dump_records(log, &o) : o.stats ? stats_of(log, &o) : dump_messages(log, &o);
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
    uclog_ctx_free(ctx);
    free(input);
    return rc < 0 ? 2 : 0;
}
