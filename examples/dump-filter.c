/*
 * uclog-dump's filters: what --call-id, --method, --status, --direction,
 * --from, --to, --level, --since, --until and --grep let through, and the
 * parsing of their values.
 */
#include <stdio.h>
#include <string.h>

#include "dump.h"

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
int dump_parse_when(struct when *w, const char *s, int until)
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

int32_t dump_parse_level(const char *s)
{
    int32_t l;
    for (l = UCLOG_LEVEL_TRACE; l <= UCLOG_LEVEL_FATAL; l++)
        if (!strcmp(s, uclog_level_name(l)))
            return l;
    return !strcmp(s, "WARNING") ? UCLOG_LEVEL_WARN : 0;
}

int dump_valid_status(const char *s)
{
    int i;
    for (i = 0; i < 3; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || s[i] == 'x' || s[i] == 'X'))
            return 0;
    return s[3] == '\0';
}

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

int dump_record_matches(const struct options *o, const uclog_record *rec)
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

int dump_msg_matches(const struct options *o, const struct msg *m)
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
    return !o->level || uclog_packet_level(m->pkt) >= o->level;
}
