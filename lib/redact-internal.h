/* The redactor's parts (lib/redact*.c). Never installed. */
#ifndef UCLOG_REDACT_INTERNAL_H
#define UCLOG_REDACT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <uclog/common.h>
#include <uclog/redact.h>

/* A secret found at line[off, off + len), of a ::uclog_redact_kind; with UCLOG__HIT_MORE set in
 * kind, a further piece of the secret reported just before (a value over folded lines): to be
 * replaced, not counted again. off + len may pass the line's end (a header's folded lines). */
typedef void (*uclog__redact_hit_fn)(void *userdata, size_t off, size_t len, int32_t kind);
#define UCLOG__HIT_MORE 0x10000

/* What a line leaves open for the next one of the same text. */
struct uclog__secret_state {
    int in_auth; /* an authentication header whose folded lines may follow */
    int quote;   /* an authentication parameter's quoted value left open: 1 a secret's, 2 another's */
    int value_next; /* a secret parameter's `name=` ended the line: its value may start the next */
    int in_xml;  /* inside an MRAS <username> or <password> not closed yet */
};

/* Find the secrets of one line (no line end) of a text whose earlier lines
 * left st; avail (>= len) bytes of the text start at line, for a header
 * whose folded lines follow it. A range may be reported more than once, by
 * the different readings of a line. A text is read twice (redact.c): in
 * lines that end at LF, as the SIP and SDP readers take them, then in
 * pieces that a CR alone ends too; a range found both times is one secret. */
void uclog__redact_find_secrets(const char *line, size_t len, size_t avail, struct uclog__secret_state *st,
                                uclog__redact_hit_fn hit, void *userdata);

/* The key pseudonyms are derived from. */
struct uclog__pseudo_key {
    uint64_t k0, k1;
};

/* Replace the personal data of one line, in place and length for length,
 * skipping bytes whose done[] is set and setting done[] on what it
 * replaced; counts[kind] grows by one per replacement. */
void uclog__redact_pseudonymise(const struct uclog__pseudo_key *key, char *line, unsigned char *done,
                                size_t len, uint64_t counts[UCLOG_REDACT_KIND_END]);

/* Where any of a set of byte strings occurs in a text (Aho-Corasick). */
typedef struct uclog__matcher uclog__matcher;
int uclog__matcher_new(uclog__matcher **out, const uclog_ctx *ctx);
/* Add a string (before finish); 0 or UCLOG_E_NOMEM. */
int uclog__matcher_add(uclog__matcher *m, const char *p, size_t n);
/* Ready the matcher for uclog__matcher_each(); 0 or UCLOG_E_NOMEM. */
int uclog__matcher_finish(uclog__matcher *m);
/* hit(u, start, end) for each position of p[0, n) where a string ends,
 * [start, end) the longest one ending there; in order, linear time. */
void uclog__matcher_each(const uclog__matcher *m, const char *p, size_t n,
                         void (*hit)(void *u, size_t start, size_t end), void *u);
void uclog__matcher_free(uclog__matcher *m);

/* Characters of a base64 token (the standard alphabet and padding). */
static inline int uclog__is_b64(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/' || c == '=';
}

#endif
