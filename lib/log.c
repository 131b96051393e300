/* Records: framing by header lines, header fields, defects. */
#include <stddef.h>
#include <stdlib.h>

#include "encoding.h"
#include "log-layer.h"
#include "log-archive.h"
#include "log-internal.h"
#include "scan.h"

/* The date of the last timestamp read: the records of a log share a few. */
struct date_memo {
    unsigned char key[10]; /* "MM/DD/YYYY" */
    int valid, ok;
    uint8_t month, day;
    uint16_t year;
    int64_t days;
};

struct uclog_record_iter {
    uclog_log *log;
    int status;        /* 0 while running; then UCLOG_DONE or an error, sticky */
    uint32_t file;     /* current file */
    uint64_t pos;      /* absolute offset of the next record in the file */
    uint64_t line;     /* its line, counted past what a span holds (see pos32()) */
    uint64_t column;   /* its column (not 1 after a cut inside a line) */
    uint32_t pos_max;  /* the context's largest line or column, read once */
    int continued;     /* the next record is the rest of a cut one */
    uclog_record rec;
    struct date_memo date;
    /* streams only */
    char *buf;
    size_t cap, start, end;
    int eof;
    int idle; /* a live log's reader said UCLOG_READ_IDLE, and nothing came since */
    size_t scanned;          /* the pending record's lines before this offset are framed, */
    uint64_t scanned_lines;  /* this many, none a header: a read's bytes are not framed twice */
};

/*
 * "MM/DD/YYYY|HH:MM:SS.mmm", the shape that starts every record header, is
 * checked on every record, eight bytes at a time: each byte is xor'd with
 * the byte of the shape (a digit becomes 0-9, a separator 0), then its low
 * seven bits are added a number that carries into the high bit exactly when
 * the result is out of range (0x76 above 9, 0x7F above 0). No byte carries
 * into the next, and byte order does not matter.
 */
static const unsigned char shape_xor[23] = "00/00/0000|00:00:00.000";
static const unsigned char shape_add[23] = {0x76, 0x76, 0x7F, 0x76, 0x76, 0x7F, 0x76, 0x76, 0x76, 0x76, 0x7F, 0x76,
                                            0x76, 0x7F, 0x76, 0x76, 0x7F, 0x76, 0x76, 0x7F, 0x76, 0x76, 0x76};

static uint64_t shape_misses(const unsigned char *s, size_t at)
{
    uint64_t v, x, a;

    memcpy(&v, s + at, 8);
    memcpy(&x, shape_xor + at, 8);
    memcpy(&a, shape_add + at, 8);
    v ^= x;
    return (((v & 0x7F7F7F7F7F7F7F7Full) + a) | v) & 0x8080808080808080ull;
}

static int header_shape(const unsigned char *s, size_t n)
{
    if (n < 23 || (n > 23 && s[23] != ' ' && s[23] != '\t' && s[23] != '\r'))
        return 0;
    return !(shape_misses(s, 0) | shape_misses(s, 8) | shape_misses(s, 15));
}

int uclog_line_is_header(const char *line, size_t len)
{
    return line ? header_shape((const unsigned char *)line, len) : 0;
}

static unsigned num(const unsigned char *s, int n)
{
    unsigned v = 0;
    while (n--)
        v = v * 10 + (unsigned)(*s++ - '0');
    return v;
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    int64_t era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void read_date(struct date_memo *d, const unsigned char *s)
{
    static const unsigned char mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    memcpy(d->key, s, sizeof(d->key));
    d->valid = 1;
    d->month = (uint8_t)num(s, 2);
    d->day = (uint8_t)num(s + 3, 2);
    d->year = (uint16_t)num(s + 6, 4);
    d->ok = d->month >= 1 && d->month <= 12 && d->day >= 1 && d->day <= mdays[d->month - 1] &&
            /* February 29th only in a leap year */
            !(d->month == 2 && d->day == 29 && (d->year % 4 || (d->year % 100 == 0 && d->year % 400)));
    d->days = d->ok ? days_from_civil(d->year, d->month, d->day) : 0;
}

/* memo, when given, keeps the date between calls. */
static int parse_timestamp(uclog_timestamp *ts, const unsigned char *s, struct date_memo *memo)
{
    struct date_memo local;
    struct date_memo *d = memo ? memo : &local;

    if (!memo || !d->valid || memcmp(d->key, s, sizeof(d->key)))
        read_date(d, s);
    memset(ts, 0, sizeof(*ts));
    ts->month = d->month;
    ts->day = d->day;
    ts->year = d->year;
    ts->hour = (uint8_t)num(s + 11, 2);
    ts->minute = (uint8_t)num(s + 14, 2);
    ts->second = (uint8_t)num(s + 17, 2);
    ts->millisecond = (uint16_t)num(s + 20, 3);
    if (!d->ok || ts->hour > 23 || ts->minute > 59 || ts->second > 60)
        return 0;
    ts->epoch_ms = ((d->days * 24 + ts->hour) * 60 + ts->minute) * 60000 + (int64_t)ts->second * 1000 +
                   ts->millisecond;
    return 1;
}

int uclog__first_timestamp(int64_t *ms, const char *data, size_t len)
{
    const char *p = data, *end = data + len;

    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        uclog_timestamp ts;
        if (p == data && n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) {
            p += 3;
            n -= 3;
        }
        if (header_shape((const unsigned char *)p, n) && parse_timestamp(&ts, (const unsigned char *)p, NULL)) {
            *ms = ts.epoch_ms;
            return 1;
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    return 0;
}

/*
 * A line or column as a span holds it: past the largest (UINT32_MAX, lower
 * only in tests) it stays there, and *over is set. The iterator counts in 64
 * bits, so that a 4 GiB line does not wrap to column 1.
 */
static uint32_t pos32(const uclog_record_iter *it, uint64_t v, int *over)
{
    if (v <= it->pos_max)
        return (uint32_t)v;
    *over = 1;
    return it->pos_max;
}

static int add_defect(uclog_record_iter *it, int32_t code, size_t rel, size_t len, uint64_t line,
                      uint64_t column);

/* One POSITION_SATURATED defect, over the whole record, when any position it
 * reports has saturated. */
static int note_saturated(uclog_record_iter *it)
{
    uclog_record *r = &it->rec;

    if (r->pos_saturated)
        return UCLOG_OK;
    r->pos_saturated = 1;
    return add_defect(it, UCLOG_DEFECT_POSITION_SATURATED, 0, r->len, r->line, r->column);
}

static int add_defect(uclog_record_iter *it, int32_t code, size_t rel, size_t len, uint64_t line,
                      uint64_t column)
{
    uclog_record *r = &it->rec;
    uclog_defect *d;
    int over = 0;

    if (uclog__grow(it->log->ctx, (void **)&r->defects, &r->defects_cap, r->ndefects + 1,
                    sizeof(*r->defects)))
        return UCLOG_E_NOMEM;
    d = &r->defects[r->ndefects++];
    memset(d, 0, sizeof(*d));
    d->code = code;
    d->span.offset = r->span.offset + rel;
    d->span.length = len;
    d->span.line = pos32(it, line, &over);
    d->span.column = pos32(it, column, &over);
    d->span.file = r->span.file;
    return over ? note_saturated(it) : UCLOG_OK;
}

/* Up to 8 letters as a number, the first in the low byte, with bit 0x20 set
 * in each: the level word is letters and '_' only (parse_fields), so that
 * folds its case without making anything else match. Built in a register:
 * bytes stored one by one and read back as a word would stall. */
#define KEY8(a, b, c, d, e, f, g) \
    ((uint64_t)(a) | (uint64_t)(b) << 8 | (uint64_t)(c) << 16 | (uint64_t)(d) << 24 | \
     (uint64_t)(e) << 32 | (uint64_t)(f) << 40 | (uint64_t)(g) << 48)

/* Levels vary from record to record: one slot, found by a hash of the
 * length and the first letter that tells the nine names apart, and one
 * compare, instead of branches the processor cannot predict. */
static int32_t level_of(uclog_str w)
{
    static const struct {
        uint64_t key;
        int32_t level;
    } slots[16] = {
        [14] = {KEY8('e', 'r', 'r', 0, 0, 0, 0), UCLOG_LEVEL_ERROR},
        [8] = {KEY8('i', 'n', 'f', 'o', 0, 0, 0), UCLOG_LEVEL_INFO},
        [11] = {KEY8('w', 'a', 'r', 'n', 0, 0, 0), UCLOG_LEVEL_WARN},
        [4] = {KEY8('t', 'r', 'a', 'c', 'e', 0, 0), UCLOG_LEVEL_TRACE},
        [15] = {KEY8('e', 'r', 'r', 'o', 'r', 0, 0), UCLOG_LEVEL_ERROR},
        [1] = {KEY8('f', 'a', 't', 'a', 'l', 0, 0), UCLOG_LEVEL_FATAL},
        [12] = {KEY8('d', 'e', 'b', 'u', 'g', 0, 0), UCLOG_LEVEL_DEBUG},
        [13] = {KEY8('w', 'a', 'r', 'n', 'i', 'n', 'g'), UCLOG_LEVEL_WARN},
        [10] = {KEY8('v', 'e', 'r', 'b', 'o', 's', 'e'), UCLOG_LEVEL_VERBOSE},
    };
    uint64_t key = 0;
    size_t i, slot;

    if (w.len < 3 || w.len > 7)
        return UCLOG_LEVEL_UNKNOWN;
    for (i = 0; i < w.len; i++)
        key |= (uint64_t)((unsigned char)w.ptr[i] | 0x20) << (8 * i);
    slot = ((w.len + 5u * (unsigned)(key & 0xFF)) >> 1) & 15;
    return slots[slot].key == key ? slots[slot].level : UCLOG_LEVEL_UNKNOWN;
}
#undef KEY8

const char *uclog_level_name(int32_t level)
{
    static const char *const names[] = {"UNKNOWN", "TRACE", "DEBUG", "VERBOSE",
                                        "INFO",    "WARN",  "ERROR", "FATAL"};
    return level >= 0 && level <= UCLOG_LEVEL_FATAL ? names[level] : "UNKNOWN";
}

/* Per byte: its value as a hex digit, or 0x10 when it is none; bit 0x20 set
 * for the letters and '_' that make a level word. One load per byte instead
 * of range tests that branch. */
static const unsigned char char_class[256] = {
    0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
    0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
    0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
    0x10, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30,
    0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x10, 0x10, 0x10, 0x10, 0x30,
    0x10, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30,
    0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x10, 0x10, 0x10, 0x10, 0x10,
    0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
    0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
    0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
    0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
    0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
    0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
    0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
    0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
};
#define HEX_VALUE(c) (char_class[(unsigned char)(c)] & 0x1F)
#define IS_WORD(c) (char_class[(unsigned char)(c)] & 0x20)

/* Parse up to 8 hex digits; more is an overflow. Returns digits read, -1 on overflow. */
static int parse_hex(uint32_t *v, const unsigned char *s, size_t n)
{
    size_t i;
    uint32_t x = 0;

    for (i = 0; i < n && HEX_VALUE(s[i]) <= 15; i++) {
        if (x > 0x0FFFFFFFu)
            return -1;
        x = (x << 4) | HEX_VALUE(s[i]);
    }
    *v = x;
    return (int)i;
}

/*
 * The fields after the timestamp: `PID:TID LEVEL :: text`, with any run of
 * spaces between them and `::` followed by at most one space. Returns 0
 * when every field was found.
 */
static int parse_fields(uclog_record *r, const unsigned char *s, size_t n, size_t at)
{
    size_t i = at, w;
    int d;
    uint32_t pid, tid;
    const unsigned char *dc;

#define SKIP_SPACES() while (i < n && uclog__is_space(s[i])) i++
    SKIP_SPACES();
    d = parse_hex(&pid, s + i, n - i);
    if (d <= 0 || i + (size_t)d >= n || s[i + (size_t)d] != ':')
        goto fallback;
    i += (size_t)d + 1;
    d = parse_hex(&tid, s + i, n - i);
    if (d <= 0)
        goto fallback;
    r->pid = pid; /* only a complete PID:TID pair is kept */
    r->tid = tid;
    i += (size_t)d;
    if (i >= n || !uclog__is_space(s[i]))
        goto fallback;
    SKIP_SPACES();
    w = i;
    while (i < n && IS_WORD(s[i]))
        i++;
    if (i == w)
        goto fallback;
    r->level_word.ptr = (const char *)s + w;
    r->level_word.len = i - w;
    r->level = level_of(r->level_word);
    SKIP_SPACES();
    if (i + 1 >= n || s[i] != ':' || s[i + 1] != ':')
        goto fallback;
    i += 2;
    if (i < n && s[i] == ' ')
        i++;
    r->text_off = i;
    r->text_len = n - i;
    return 0;
#undef SKIP_SPACES

fallback:
    /* Keep what can be trusted: the text after the first "::", else after the timestamp. */
    dc = NULL;
    for (i = at; i + 1 < n; i++) {
        if (s[i] == ':' && s[i + 1] == ':') {
            dc = s + i + 2;
            break;
        }
    }
    if (dc) {
        i = (size_t)(dc - s);
        if (i < n && s[i] == ' ')
            i++;
    } else {
        i = at;
        while (i < n && uclog__is_space(s[i]))
            i++;
    }
    r->text_off = i;
    r->text_len = n - i;
    return -1;
}

/* Length of the valid UTF-8 sequence at p, or 0 when it is invalid. */
size_t uclog__utf8_seq(const unsigned char *p, size_t n)
{
    size_t len, i;
    uint32_t cp;

    if (p[0] < 0x80)
        return 1;
    if (p[0] >= 0xC2 && p[0] <= 0xDF)
        len = 2, cp = p[0] & 0x1F;
    else if (p[0] >= 0xE0 && p[0] <= 0xEF)
        len = 3, cp = p[0] & 0x0F;
    else if (p[0] >= 0xF0 && p[0] <= 0xF4)
        len = 4, cp = p[0] & 0x07;
    else
        return 0;
    if (n < len)
        return 0;
    for (i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp < 0xE000))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    return len;
}

/* Line and column of byte rel of the current record. */
static void locate(const uclog_record_iter *it, size_t rel, uint64_t *line, uint64_t *column)
{
    const uclog_record *r = &it->rec;
    const char *p = r->ptr, *ls = r->ptr;
    uint64_t l = r->line;
    size_t i;

    for (i = 0; i < rel; i++) {
        if (p[i] == '\n') {
            l++;
            ls = p + i + 1;
        }
    }
    *line = l;
    *column = (uint64_t)(p + rel - ls) + (l == r->line ? r->column : 1);
}

/* NUL bytes and invalid UTF-8: one defect each, at the first place found. */
static int check_bytes(uclog_record_iter *it)
{
    const unsigned char *p = (const unsigned char *)it->rec.ptr;
    size_t n = it->rec.len, i = 0;
    int nul = 0, bad = 0, rc;
    uint64_t line, col;

    if (!uclog__has_nul_or_high(p, n))
        return UCLOG_OK;
    while (i < n && !(nul && bad)) {
        if (p[i] == 0 && !nul) {
            nul = 1;
            locate(it, i, &line, &col);
            if ((rc = add_defect(it, UCLOG_DEFECT_NUL_BYTE, i, 1, line, col)))
                return rc;
        }
        if (p[i] >= 0x80) {
            size_t k = uclog__utf8_seq(p + i, n - i);
            if (!k) {
                if (!bad) {
                    bad = 1;
                    locate(it, i, &line, &col);
                    if ((rc = add_defect(it, UCLOG_DEFECT_INVALID_UTF8, i, 1, line, col)))
                        return rc;
                }
                k = 1;
            }
            i += k;
            continue;
        }
        i++;
    }
    return UCLOG_OK;
}

/* What framing learnt about a record's lines, so that they are read once. */
struct frame_info {
    size_t first_end; /* offset after the first line's line end */
    uint64_t nlines;
};

/*
 * Whether a record header line starts at s, the start of a line: what
 * header_shape() says of that line, read without finding its end first. The
 * shape holds no line feed, so 23 bytes of it mean a line of at least 23.
 */
static int header_at(const unsigned char *s, const unsigned char *end)
{
    size_t avail = (size_t)(end - s);

    if (avail < 23 || !header_shape(s, 23))
        return 0;
    return avail == 23 || s[23] == ' ' || s[23] == '\t' || s[23] == '\r' || s[23] == '\n';
}

/*
 * The first record header line that starts in [q, last] (q starts a line,
 * last <= end), or NULL. A header line has its '|' at column 11, a byte rare
 * elsewhere, so memchr looks for it across the lines of a message instead of
 * stopping at every line feed.
 */
static const char *next_header(const char *q, const char *last, const char *end)
{
    const char *b;
    size_t from = 10, to = (size_t)(last - q) + 11;

    if (header_at((const unsigned char *)q, (const unsigned char *)end))
        return q; /* the common case: a one-line record */
    if (to > (size_t)(end - q))
        to = (size_t)(end - q);
    while (from < to && (b = memchr(q + from, '|', to - from)) != NULL) {
        if (b[-11] == '\n' && header_at((const unsigned char *)b - 10, (const unsigned char *)end))
            return b - 10;
        from = (size_t)(b - q) + 1;
    }
    return NULL;
}

/* frame() past the first line when no more bytes will come: the answer of
 * its line loop, with fewer stops. The search ends at the size limit, so that
 * a long run of lines cut into records is not searched again per record. */
static size_t frame_complete(const char *p, const char *end, uint64_t max, int *cut, struct frame_info *fi)
{
    const char *q = p + fi->first_end, *last = (uint64_t)(end - p) > max ? p + max : end;
    const char *h = next_header(q, last, end);

    if (!h && last < end) {
        /* The line holding byte max would take the record over the limit:
         * it is cut before that line. The first line ends before max. */
        h = last;
        while (h[-1] != '\n')
            h--;
        *cut = 1;
    } else if (!h) {
        h = end;
    }
    fi->nlines = 1 + (uint64_t)uclog__count_newlines((const unsigned char *)q, (size_t)(h - q));
    if (h > q && h[-1] != '\n')
        fi->nlines++; /* the last line of the log, without its line end */
    return (size_t)(h - p);
}

/*
 * Find where the record starting at p ends. Returns its length, or 0 when
 * more bytes are needed to know (only when !eof and the record is still
 * under the size limit). *cut is set when the size limit ended it.
 */
static size_t frame(const char *p, size_t avail, int eof, uint64_t max, int *cut, struct frame_info *fi,
                    size_t *scanned, uint64_t *scanned_lines)
{
    const char *q, *end = p + avail;
    const char *nl;

    *cut = 0;
    nl = memchr(p, '\n', avail);
    /* A first line over the limit is cut too, as a stream has to. */
    if (!nl || (uint64_t)(nl + 1 - p) > max) {
        size_t len;
        if (avail > max) {
            *cut = 1;
            len = (size_t)max;
        } else if (eof) {
            len = avail;
        } else {
            return 0;
        }
        fi->first_end = len;
        fi->nlines = 1;
        return len;
    }
    fi->first_end = (size_t)(nl + 1 - p);
    if (eof)
        return frame_complete(p, end, max, cut, fi);
    fi->nlines = 1;
    q = nl + 1;
    if (scanned && *scanned > fi->first_end) {
        /* The lines before were framed when fewer bytes had come. */
        q = p + *scanned;
        fi->nlines = *scanned_lines;
    }
    while (q < end) {
        size_t n;
        nl = memchr(q, '\n', (size_t)(end - q));
        n = nl ? (size_t)(nl - q) : (size_t)(end - q);
        /* The line is not complete yet: wait for it while under the limit, and
         * past the limit for as long as it takes to tell a header line. */
        if (!nl && ((size_t)(end - p) <= max || n < 24))
            goto more;
        if (header_shape((const unsigned char *)q, n))
            break;
        if ((uint64_t)(q + n + (nl != NULL) - p) > max) {
            *cut = 1;
            return (size_t)(q - p);
        }
        fi->nlines++;
        q = nl ? nl + 1 : end;
    }
    if (q == end && (size_t)(end - p) <= max)
        goto more; /* the next line may still be part of this record */
    return (size_t)(q - p);

more:
    if (scanned) {
        *scanned = (size_t)(q - p);
        *scanned_lines = fi->nlines;
    }
    return 0;
}

/* The slow path: a defect for every line over the line limit. */
static int long_lines(uclog_record_iter *it, const char *p, size_t len, uint64_t maxline)
{
    const char *q = p, *end = p + len;
    uint64_t line = it->line;
    int rc;

    while (q < end) {
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        size_t n = nl ? (size_t)(nl - q) : (size_t)(end - q);
        if (n > maxline && (rc = add_defect(it, UCLOG_DEFECT_LINE_TOO_LONG, (size_t)(q - p), n, line,
                                            line == it->line ? it->column : 1)))
            return rc;
        if (!nl)
            break;
        line++;
        q = nl + 1;
    }
    return UCLOG_OK;
}

/* Fill in the record's fields from its bytes. */
static int describe(uclog_record_iter *it, const char *p, size_t len, uint64_t off, size_t bom, int cut,
                    int at_eof, const struct frame_info *fi)
{
    uclog_record *r = &it->rec;
    uint64_t maxline = uclog__limit(it->log->ctx, UCLOG_LIMIT_MAX_LINE_BYTES);
    const unsigned char *s;
    uint64_t line = it->line;
    size_t tl = fi->first_end;
    int rc, over = 0, ends_nl = len && p[len - 1] == '\n';

    if (bom > tl)
        bom = tl; /* a record cut inside the byte order mark */
    s = (const unsigned char *)p + bom;

    r->ptr = p;
    r->len = len;
    r->ndefects = 0;
    r->has_header = 0;
    r->ts_ok = 0;
    memset(&r->ts, 0, sizeof(r->ts));
    r->pid = r->tid = 0;
    r->level = UCLOG_LEVEL_UNKNOWN;
    r->level_word.ptr = NULL;
    r->level_word.len = 0;
    memset(&r->span, 0, sizeof(r->span));
    r->span.offset = off;
    r->span.length = len;
    r->line = it->line;
    r->column = it->column;
    r->pos_saturated = 0;
    r->span.line = pos32(it, it->line, &over);
    r->span.column = pos32(it, it->column, &over);
    r->span.file = it->file;
    r->nlines = uclog__sat32(fi->nlines);
    r->first_line_end = fi->first_end;

    if (over && (rc = note_saturated(it)))
        return rc;

    /* The first line, without its line end: a header, or text. */
    if (tl && p[tl - 1] == '\n')
        tl--;
    if (tl && p[tl - 1] == '\r')
        tl--;
    tl = tl > bom ? tl - bom : 0;
    if (!it->continued && header_shape(s, tl)) {
        r->has_header = 1;
        r->ts_ok = parse_timestamp(&r->ts, s, &it->date);
        if (!r->ts_ok && (rc = add_defect(it, UCLOG_DEFECT_TIMESTAMP_INVALID, bom, 23, line, 1 + (uint32_t)bom)))
            return rc;
        if (parse_fields(r, s, tl, 23) &&
            (rc = add_defect(it, UCLOG_DEFECT_HEADER_MALFORMED, bom, tl, line, 1 + (uint32_t)bom)))
            return rc;
        r->text_off += bom;
    } else {
        r->text_off = 0;
        r->text_len = tl + bom;
    }
    /* Only a record longer than the line limit can hold a line over it. */
    if (len > maxline && (rc = long_lines(it, p, len, maxline)))
        return rc;
    line = it->line + fi->nlines - (ends_nl ? 0 : 1);
    if (!r->has_header) {
        int32_t code = it->continued ? UCLOG_DEFECT_RECORD_CONTINUED : UCLOG_DEFECT_TEXT_BEFORE_HEADER;
        if ((rc = add_defect(it, code, 0, len, it->line, it->column)))
            return rc;
    }
    if (cut && (rc = add_defect(it, UCLOG_DEFECT_RECORD_TOO_LONG, len, 0, line, 0)))
        return rc;
    if (at_eof && len && !ends_nl && !cut) {
        uint64_t l, c;
        locate(it, len, &l, &c);
        if ((rc = add_defect(it, UCLOG_DEFECT_NO_FINAL_NEWLINE, len, 0, l, c)))
            return rc;
    }
    /* The NUL and UTF-8 scan waits until the defects are asked for (most
     * readers never ask); room for its two defects, and the saturation they
     * may bring, is taken now, so that it cannot fail then. */
    if (r->defects_cap < r->ndefects + 3 &&
        uclog__grow(it->log->ctx, (void **)&r->defects, &r->defects_cap, r->ndefects + 3, sizeof(*r->defects)))
        return UCLOG_E_NOMEM;
    r->bytes_checked = 0;

    /* Where the next record starts. */
    it->continued = cut;
    if (ends_nl) {
        it->line = line;
        it->column = 1;
    } else {
        uint64_t l, c;
        locate(it, len, &l, &c);
        it->line = l;
        it->column = c;
    }
    return UCLOG_OK;
}

static int next_in_memory(uclog_record_iter *it)
{
    uclog_log *log = it->log;
    uint64_t max = uclog__limit(log->ctx, UCLOG_LIMIT_MAX_RECORD_BYTES);
    const struct uclog__file *f;
    struct frame_info fi;
    size_t len, bom = 0;
    int cut;

    while (it->file < log->nfiles && it->pos >= log->files[it->file].len) {
        it->file++;
        it->pos = 0;
        it->line = 1;
        it->column = 1;
        it->continued = 0;
    }
    if (it->file >= log->nfiles)
        return UCLOG_DONE;
    f = &log->files[it->file];
    if (it->pos == 0 && f->encoding == UCLOG_ENCODING_UTF8_BOM)
        bom = 3;
    len = frame(f->data + it->pos, f->len - (size_t)it->pos, 1, max, &cut, &fi, NULL, NULL);
    it->pos += len;
    return describe(it, f->data + it->pos - len, len, it->pos - len, bom, cut, it->pos == f->len, &fi);
}

/* Make room and read more from the stream. */
static int refill(uclog_record_iter *it)
{
    uclog_log *log = it->log;
    uint64_t max = uclog__limit(log->ctx, UCLOG_LIMIT_MAX_RECORD_BYTES);
    int64_t n;

    if (it->start) {
        memmove(it->buf, it->buf + it->start, it->end - it->start);
        it->end -= it->start;
        it->start = 0;
    }
    if (it->end == it->cap) {
        size_t ncap = it->cap ? it->cap * 2 : 65536;
        char *nb;
        if (ncap > max + 65536 && it->cap < max + 65536)
            ncap = (size_t)max + 65536;
        if (ncap <= it->cap)
            return UCLOG_E_LIMIT; /* cannot happen: frame() cuts at max */
        nb = uclog__realloc(log->ctx, it->buf, ncap);
        if (!nb)
            return UCLOG_E_NOMEM;
        it->buf = nb;
        it->cap = ncap;
    }
    /* Fill the buffer (or reach the end), so that a record arriving in small
     * reads is framed once per buffer, not once per read. A live log's bytes
     * are framed as they come: its reader blocks until it has some. */
    while (it->end < it->cap && !it->eof) {
        n = log->read(log->read_userdata, it->buf + it->end, it->cap - it->end);
        if (log->live && n == UCLOG_READ_IDLE) {
            it->idle = 1;
            break;
        }
        if (n < 0 || (uint64_t)n > it->cap - it->end)
            return uclog__error(log->ctx, UCLOG_E_IO, NULL, "%s: read error", log->files[0].name);
        if (n == 0)
            it->eof = 1;
        if (log->files[0].cr_line_ends)
            uclog__cr_to_lf(it->buf + it->end, (size_t)n);
        it->end += (size_t)n;
        if (log->live) {
            it->idle = 0;
            break;
        }
    }
    return UCLOG_OK;
}

static int next_stream(uclog_record_iter *it)
{
    uclog_log *log = it->log;
    uint64_t max = uclog__limit(log->ctx, UCLOG_LIMIT_MAX_RECORD_BYTES);
    struct frame_info fi;
    size_t bom = 0, len;
    int rc, cut;

    for (;;) {
        size_t avail = it->end - it->start;
        if (it->pos == 0 && it->line == 1 && it->column == 1 && !it->continued) {
            /* Decide the encoding from the first bytes, and the line ends from the first
             * 64 KiB as a buffer's are (the first refill reads that much, or to the end). */
            if (avail < 65536 && !it->eof && !it->idle)
                goto more;
            if (uclog__archive_kind(it->buf + it->start, avail) != UCLOG__ARCHIVE_NONE)
                return uclog__error(log->ctx, UCLOG_E_UNSUPPORTED, NULL,
                                    "%s: a %s file cannot be read from a stream; open it as a file",
                                    log->files[0].name,
                                    uclog__archive_kind(it->buf + it->start, avail) == UCLOG__ARCHIVE_GZIP ? "gzip"
                                                                                                          : "zip");
            if (!log->files[0].cr_line_ends && uclog__cr_only(it->buf + it->start, avail)) {
                log->files[0].cr_line_ends = 1;
                uclog__cr_to_lf(it->buf + it->start, avail);
                it->scanned = 0; /* its lines are other lines now */
            }
            log->files[0].encoding = uclog__detect_encoding((unsigned char *)it->buf + it->start, avail);
            if (log->files[0].encoding >= UCLOG_ENCODING_UTF16LE)
                return uclog__error(log->ctx, UCLOG_E_ENCODING, NULL,
                                    "%s: UTF-16 text cannot be read from a stream; open it as a file",
                                    log->files[0].name);
            if (log->files[0].kind == UCLOG_FILE_KIND_UNREAD)
                log->files[0].kind = uclog__file_kind(it->buf + it->start, avail);
            if (log->files[0].encoding == UCLOG_ENCODING_UTF8_BOM)
                bom = 3;
        }
        if (avail == 0 && it->eof)
            return UCLOG_DONE;
        if (avail) {
            /* Idle, a live log's bytes that end with a line end are whole records. */
            int whole = it->eof || (it->idle && it->buf[it->end - 1] == '\n');
            len = frame(it->buf + it->start, avail, whole, max, &cut, &fi, &it->scanned, &it->scanned_lines);
            if (len) {
                it->scanned = 0;
                break;
            }
        }
    more:
        if ((rc = refill(it)))
            return rc;
    }
    rc = describe(it, it->buf + it->start, len, it->pos, bom, cut, it->eof && it->start + len == it->end, &fi);
    it->start += len;
    it->pos += len;
    log->files[0].len = (size_t)it->pos;
    return rc;
}

int uclog_record_iter_new(uclog_record_iter **out, uclog_log *log)
{
    uclog_record_iter *it;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!log)
        return UCLOG_E_INVALID_ARG;
    if (log->read && log->read_started)
        return uclog__error(log->ctx, UCLOG_E_STATE, NULL, "%s: a stream can be read only once",
                            log->files[0].name);
    it = uclog__calloc(log->ctx, 1, sizeof(*it));
    if (!it)
        return UCLOG_E_NOMEM;
    it->log = log;
    it->line = 1;
    it->column = 1;
    it->pos_max = log->ctx->pos_max;
    if (log->read)
        log->read_started = 1;
    *out = it;
    return UCLOG_OK;
}

int uclog_record_iter_next(const uclog_record **out, uclog_record_iter *it)
{
    int rc;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!it)
        return UCLOG_E_INVALID_ARG;
    if (it->status)
        return it->status;
    rc = it->log->read ? next_stream(it) : next_in_memory(it);
    if (rc) {
        it->status = rc;
        return rc;
    }
    *out = &it->rec;
    return UCLOG_OK;
}

void uclog_record_iter_free(uclog_record_iter *it)
{
    if (!it)
        return;
    uclog__free(it->log->ctx, it->rec.defects);
    uclog__free(it->log->ctx, it->buf);
    uclog__free(it->log->ctx, it);
}

/* Run the deferred NUL and UTF-8 scan of the record its iterator lends. */
void uclog__record_settle(const uclog_record *rec)
{
    uclog_record_iter *it;

    if (rec->bytes_checked)
        return;
    it = (uclog_record_iter *)(void *)((char *)(uintptr_t)rec - offsetof(uclog_record_iter, rec));
    it->rec.bytes_checked = 1;
    check_bytes(it); /* room for its defects was taken: it cannot fail */
}
