/*
 * uclog-bench: time uclog on one log against a memchr line count and, when
 * they were found at build time, GNU oSIP, sofia-sip and libre on the same
 * SIP messages and SDP bodies.
 *
 *   uclog-bench [-r RUNS] [--no-peers] [--only NAME,...] LOG
 *
 * Each stage runs RUNS times (default 5) and the best time is kept. Before
 * timing, one pass lists the log's messages and SDP offers and every peer
 * parses every message once, so that its Call-ID and CSeq are compared with
 * uclog's and its heap high-water mark is taken. The exit status is 0 when
 * uclog accepted every message and every parser that accepted a message
 * read the same Call-ID and CSeq number from it; 2 otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <uclog/diag.h>
#include <uclog/index.h>
#include <uclog/log.h>
#include <uclog/packet.h>
#include <uclog/sdp.h>
#include <uclog/sip.h>

#include "heap.h"
#include "peers.h"

#define MAX_PEERS 3

typedef struct {
    const char *data; /* the message's bytes: a view into the log */
    size_t len;
    size_t cid_off;   /* uclog's Call-ID, in bench.cids */
    size_t cid_len;
    uint32_t cseq;
} msg_ref;

typedef struct {
    char *data;       /* a NUL-terminated copy (oSIP's SDP parser needs one) */
    size_t len;
} body_ref;

typedef struct {
    const char *path;
    const char *data; /* the whole log, mapped */
    size_t size;
    uclog_ctx *ctx;
    msg_ref *msgs;
    size_t nmsgs, msg_bytes;
    char *cids;
    size_t cids_len, cids_cap;
    body_ref *bodies;
    size_t nbodies, body_bytes;
    uint64_t ncands;        /* candidates uclog stored in the offers */
    uint64_t uclog_rejects; /* messages without a readable Call-ID or CSeq */
    uint64_t uclog_defects; /* messages with at least one defect */
    const bench_peer *peers[MAX_PEERS];
    size_t npeers;
    uint64_t sink;          /* keeps the compiler from dropping reads */
} bench;

typedef struct {
    uint64_t items;  /* what the stage counted */
    uint64_t bytes;  /* the bytes it read */
    uint64_t rejects;
} stage_out;

typedef struct {
    const char *name;
    const char *unit;
    const char *input;  /* "log", "messages", "offers" */
    int (*run)(bench *b, stage_out *o, const void *arg);
    const void *arg;
    int uses_uclog;     /* heap counted through the uclog hooks, else the interposer */
} stage;

typedef struct {
    const stage *st;
    double best;
    stage_out out;
    size_t heap;
    int ran;
} result;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *what, int rc)
{
    fprintf(stderr, "uclog-bench: %s: %s\n", what, rc < 0 ? uclog_strerror(rc) : strerror(errno));
    exit(1);
}

/* ------------------------------------------------------------------ */
/* Stages                                                              */
/* ------------------------------------------------------------------ */

static int st_memchr(bench *b, stage_out *o, const void *arg)
{
    const char *p = b->data, *end = b->data + b->size;
    uint64_t lines = 0;
    (void)arg;
    while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        lines++;
        p++;
    }
    o->items = lines;
    o->bytes = b->size;
    return 0;
}

static uclog_log *open_log(bench *b)
{
    uclog_log *log;
    int rc = uclog_log_open_buffer(&log, b->ctx, b->data, b->size, b->path);
    if (rc)
        die("open", rc);
    return log;
}

static int st_records(bench *b, stage_out *o, const void *arg)
{
    uclog_log *log = open_log(b);
    uclog_record_iter *it;
    const uclog_record *rec;
    uclog_str text;
    int rc;
    (void)arg;
    if ((rc = uclog_record_iter_new(&it, log)) != 0)
        die("records", rc);
    while ((rc = uclog_record_iter_next(&rec, it)) == UCLOG_OK) {
        uclog_record_text(&text, rec);
        b->sink += text.len + (uint64_t)uclog_record_level(rec);
        o->items++;
    }
    uclog_record_iter_free(it);
    uclog_log_free(log);
    o->bytes = b->size;
    return rc == UCLOG_DONE ? 0 : rc;
}

static int st_packets(bench *b, stage_out *o, const void *arg)
{
    uclog_log *log = open_log(b);
    uclog_packet_iter *it;
    const uclog_packet *pkt;
    uclog_str bytes;
    int rc;
    (void)arg;
    if ((rc = uclog_packet_iter_new(&it, log)) != 0)
        die("packets", rc);
    while ((rc = uclog_packet_iter_next(&pkt, it)) == UCLOG_OK) {
        uclog_packet_bytes(&bytes, pkt);
        b->sink += bytes.len;
        o->items++;
    }
    uclog_packet_iter_free(it);
    uclog_log_free(log);
    o->bytes = b->size;
    return rc == UCLOG_DONE ? 0 : rc;
}

/* Every header split, then Call-ID and CSeq read: what "full header
 * parsing" means for each parser here. */
static int read_headers(bench *b, const uclog_sip *m)
{
    uint32_t i, n = uclog_sip_header_count(m), cseq;
    uclog_str name, value, cid;
    for (i = 0; i < n; i++) {
        uclog_sip_header(&name, &value, NULL, m, i);
        b->sink += name.len + value.len;
    }
    if (uclog_sip_call_id(&cid, m) || uclog_sip_cseq(&cseq, NULL, m))
        return -1;
    b->sink += cid.len + cseq;
    return 0;
}

static int st_messages(bench *b, stage_out *o, const void *arg)
{
    const int headers = arg != NULL;
    uclog_log *log = open_log(b);
    uclog_msg_iter *it;
    const uclog_sip *m;
    int rc;
    if ((rc = uclog_msg_iter_new(&it, log)) != 0)
        die("messages", rc);
    while ((rc = uclog_msg_iter_next(&m, NULL, it)) == UCLOG_OK) {
        o->items++;
        if (headers && read_headers(b, m))
            o->rejects++;
        else if (!headers)
            b->sink += uclog_sip_header_count(m);
    }
    uclog_msg_iter_free(it);
    uclog_log_free(log);
    o->bytes = b->size;
    return rc == UCLOG_DONE ? 0 : rc;
}

static int st_sip_list(bench *b, stage_out *o, const void *arg)
{
    size_t i;
    (void)arg;
    for (i = 0; i < b->nmsgs; i++) {
        uclog_sip *m;
        if (uclog_sip_parse(&m, b->ctx, b->msgs[i].data, b->msgs[i].len, NULL)) {
            o->rejects++;
            continue;
        }
        if (read_headers(b, m))
            o->rejects++;
        uclog_sip_free(m);
    }
    o->items = b->nmsgs;
    o->bytes = b->msg_bytes;
    return 0;
}

static void read_candidates(bench *b, const uclog_sdp *sdp, uint64_t *count)
{
    uint32_t i, k, nm = uclog_sdp_media_count(sdp);
    for (i = 0; i < nm; i++) {
        const uclog_sdp_media *media;
        uint32_t nc;
        uclog_sdp_media_get(&media, sdp, i);
        nc = uclog_sdp_candidate_count(media);
        for (k = 0; k < nc; k++) {
            const uclog_sdp_candidate *c;
            uclog_str addr;
            uclog_sdp_candidate_get(&c, media, k);
            uclog_sdp_candidate_address(&addr, c);
            b->sink += addr.len + uclog_sdp_candidate_port(c) + (uint64_t)uclog_sdp_candidate_type(c) +
                       uclog_sdp_candidate_component(c) + (uint64_t)uclog_sdp_candidate_transport(c);
        }
        *count += nc;
    }
}

static int st_sdp(bench *b, stage_out *o, const void *arg)
{
    size_t i;
    uint64_t cands = 0;
    (void)arg;
    for (i = 0; i < b->nbodies; i++) {
        uclog_sdp *sdp;
        if (uclog_sdp_parse(&sdp, b->ctx, b->bodies[i].data, b->bodies[i].len, NULL)) {
            o->rejects++;
            continue;
        }
        read_candidates(b, sdp, &cands);
        uclog_sdp_free(sdp);
    }
    b->sink += cands;
    o->items = b->nbodies;
    o->bytes = b->body_bytes;
    return 0;
}

static int st_diag(bench *b, stage_out *o, const void *arg)
{
    uclog_log *log = open_log(b);
    uclog_diag_report *r;
    int rc;
    (void)arg;
    if ((rc = uclog_diag_run(&r, log, NULL)) != 0)
        die("diagnosis", rc);
    o->items = uclog_diag_report_verdict_count(r);
    b->sink += uclog_diag_report_call_count(r);
    uclog_diag_report_free(r);
    uclog_log_free(log);
    o->bytes = b->size;
    return 0;
}

static int count_part(const uclog_diag_report *part, void *userdata)
{
    stage_out *o = userdata;
    o->items += uclog_diag_report_verdict_count(part);
    return 0;
}

static int st_diag_parts(bench *b, stage_out *o, const void *arg)
{
    uclog_log *log = open_log(b);
    int rc;
    (void)arg;
    o->items = 0;
    if ((rc = uclog_diag_run_parts(log, NULL, count_part, o)) != 0)
        die("diagnosis in parts", rc);
    uclog_log_free(log);
    o->bytes = b->size;
    return 0;
}

static int st_index(bench *b, stage_out *o, const void *arg)
{
    uclog_log *log = open_log(b);
    uclog_index *idx;
    int rc;
    (void)arg;
    if ((rc = uclog_index_build(&idx, log)) != 0)
        die("index", rc);
    o->items = uclog_index_message_count(idx);
    uclog_index_free(idx);
    uclog_log_free(log);
    o->bytes = b->size;
    return 0;
}

/* The index built, then every call's messages and every request's
 * responses and final response read back, as uclog-flow and the
 * diagnosis read them: what a log of one long call costs. */
static int st_index_walk(bench *b, stage_out *o, const void *arg)
{
    uclog_log *log = open_log(b);
    uclog_index *idx;
    uint32_t c, k, i, m, n;
    int rc;
    (void)arg;
    if ((rc = uclog_index_build(&idx, log)) != 0)
        die("index", rc);
    o->items = 0;
    for (c = 0; c < uclog_index_call_count(idx); c++) {
        n = uclog_index_call_message_count(idx, c);
        for (k = 0; k < n; k++) {
            if ((rc = uclog_index_call_message(&i, idx, c, k)) != 0)
                die("index: call message", rc);
            if (uclog_index_request_of(&m, idx, i) == 0)
                b->sink += m;
            if (uclog_index_final_response(&m, idx, i) == 0)
                b->sink += m;
            o->items++;
        }
    }
    for (i = 0; i < uclog_index_message_count(idx); i++) {
        n = uclog_index_response_count(idx, i);
        for (k = 0; k < n; k++) {
            if ((rc = uclog_index_response(&m, idx, i, k)) != 0)
                die("index: response", rc);
            b->sink += m;
        }
    }
    uclog_index_free(idx);
    uclog_log_free(log);
    o->bytes = b->size;
    return 0;
}

static int st_peer_sip(bench *b, stage_out *o, const void *arg)
{
    const bench_peer *p = arg;
    bench_sip_out out;
    size_t i;
    out.fill = 0;
    out.call_id_len = 0;
    out.header_errors = 0;
    for (i = 0; i < b->nmsgs; i++)
        if (p->sip(b->msgs[i].data, b->msgs[i].len, &out))
            o->rejects++;
    b->sink += out.call_id_len;
    o->items = b->nmsgs;
    o->bytes = b->msg_bytes;
    return 0;
}

static int st_peer_sdp(bench *b, stage_out *o, const void *arg)
{
    const bench_peer *p = arg;
    uint32_t cands = 0;
    size_t i;
    for (i = 0; i < b->nbodies; i++)
        if (p->sdp(b->bodies[i].data, b->bodies[i].len, &cands))
            o->rejects++;
    b->sink += cands;
    o->items = b->nbodies;
    o->bytes = b->body_bytes;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Preparation: the message and offer lists, and the agreement check   */
/* ------------------------------------------------------------------ */

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p)
        die("out of memory", 0);
    return p;
}

static void keep_call_id(bench *b, msg_ref *r, uclog_str cid)
{
    if (b->cids_len + cid.len > b->cids_cap) {
        b->cids_cap = (b->cids_cap + cid.len) * 2;
        b->cids = xrealloc(b->cids, b->cids_cap);
    }
    memcpy(b->cids + b->cids_len, cid.ptr, cid.len);
    r->cid_off = b->cids_len;
    r->cid_len = cid.len;
    b->cids_len += cid.len;
}

static void keep_offers(bench *b, const uclog_sip *m)
{
    uint32_t i, n = uclog_sip_is_request(m) ? uclog_sip_sdp_count(m) : 0;
    for (i = 0; i < n; i++) {
        body_ref *r;
        uclog_sdp *sdp;
        uclog_str body;
        if (uclog_sip_sdp_body(&body, NULL, NULL, m, i))
            continue;
        b->bodies = xrealloc(b->bodies, (b->nbodies + 1) * sizeof *b->bodies);
        r = &b->bodies[b->nbodies++];
        r->data = xrealloc(NULL, body.len + 1);
        memcpy(r->data, body.ptr, body.len);
        r->data[body.len] = '\0';
        r->len = body.len;
        b->body_bytes += body.len;
        if (uclog_sdp_parse(&sdp, b->ctx, r->data, r->len, NULL) == 0) {
            read_candidates(b, sdp, &b->ncands);
            uclog_sdp_free(sdp);
        }
    }
}

static void list_messages(bench *b)
{
    uclog_log *log = open_log(b);
    uclog_msg_iter *it;
    const uclog_sip *m;
    size_t cap = 0;
    int rc;
    if ((rc = uclog_msg_iter_new(&it, log)) != 0)
        die("messages", rc);
    while ((rc = uclog_msg_iter_next(&m, NULL, it)) == UCLOG_OK) {
        msg_ref *r;
        uclog_str start, cid;
        uclog_span span;
        if (b->nmsgs == cap) {
            cap = cap ? cap * 2 : 4096;
            b->msgs = xrealloc(b->msgs, cap * sizeof *b->msgs);
        }
        r = &b->msgs[b->nmsgs++];
        uclog_sip_start_line(&start, NULL, m);
        uclog_sip_span(&span, m);
        r->data = start.ptr;
        r->len = (size_t)span.length;
        if (start.ptr < b->data || start.ptr + r->len > b->data + b->size) {
            char *copy = xrealloc(NULL, r->len); /* a packet joined by the iterator */
            memcpy(copy, start.ptr, r->len);
            r->data = copy;
        }
        b->msg_bytes += r->len;
        if (uclog_sip_call_id(&cid, m) || uclog_sip_cseq(&r->cseq, NULL, m)) {
            b->uclog_rejects++;
            cid.ptr = "";
            cid.len = 0;
        }
        keep_call_id(b, r, cid);
        if (uclog_sip_defect_count(m))
            b->uclog_defects++;
        keep_offers(b, m);
    }
    if (rc != UCLOG_DONE)
        die("messages", rc);
    uclog_msg_iter_free(it);
    uclog_log_free(log);
}

typedef struct {
    uint64_t rejects, header_errors, disagree;
    size_t heap;
} peer_check;

/* Parse every message once with a peer and compare what it read with uclog. */
static peer_check check_peer(bench *b, const bench_peer *p)
{
    peer_check c = {0, 0, 0, 0};
    size_t i, base = bench_heap_mark(&bench_heap_process);
    bench_sip_out *out = xrealloc(NULL, sizeof *out);
    for (i = 0; i < b->nmsgs; i++) {
        const msg_ref *r = &b->msgs[i];
        out->fill = 1;
        out->header_errors = 0;
        if (p->sip(r->data, r->len, out)) {
            if (c.rejects++ < 3 || getenv("UCLOG_BENCH_VERBOSE"))
                fprintf(stderr, "uclog-bench: %s rejects message %zu: %.*s\n", p->name, i,
                        (int)strcspn(r->data, "\r\n"), r->data);
            continue;
        }
        c.header_errors += out->header_errors;
        if (out->call_id_len != r->cid_len || memcmp(out->call_id, b->cids + r->cid_off, r->cid_len) ||
            out->cseq != r->cseq) {
            if (c.disagree++ < 5)
                fprintf(stderr, "uclog-bench: %s disagrees on message %zu: Call-ID '%s' CSeq %u, uclog '%.*s' %u\n",
                        p->name, i, out->call_id, out->cseq, (int)r->cid_len, b->cids + r->cid_off, r->cseq);
        }
    }
    free(out);
    c.heap = bench_heap_process.peak - base;
    return c;
}

/* ------------------------------------------------------------------ */
/* Timing and the table                                                */
/* ------------------------------------------------------------------ */

static void run_stage(bench *b, result *res, int runs)
{
    int r;
    res->best = -1;
    for (r = 0; r < runs; r++) {
        stage_out o = {0, 0, 0};
        bench_heap *h = res->st->uses_uclog ? &bench_heap_uclog : &bench_heap_process;
        size_t base = bench_heap_mark(h);
        double t0 = now(), dt;
        int rc = res->st->run(b, &o, res->st->arg);
        dt = now() - t0;
        if (rc)
            die(res->st->name, rc);
        if (res->best < 0 || dt < res->best)
            res->best = dt;
        if (h->peak - base > res->heap)
            res->heap = h->peak - base;
        res->out = o;
    }
    res->ran = 1;
}

static void human(char *buf, size_t cap, double v)
{
    if (v >= 1e9)
        snprintf(buf, cap, "%.2f G", v / 1e9);
    else if (v >= 1e6)
        snprintf(buf, cap, "%.2f M", v / 1e6);
    else if (v >= 1e3)
        snprintf(buf, cap, "%.1f k", v / 1e3);
    else
        snprintf(buf, cap, "%.0f", v);
}

static void heap_text(char *buf, size_t cap, size_t v)
{
    if (v >= 10u << 20)
        snprintf(buf, cap, "%.1f MiB", (double)v / (1 << 20));
    else if (v >= 10u << 10)
        snprintf(buf, cap, "%.1f KiB", (double)v / (1 << 10));
    else
        snprintf(buf, cap, "%zu B", v);
}

static void print_table(const result *res, size_t n)
{
    double ref = 0;
    size_t i;
    for (i = 0; i < n; i++)
        if (res[i].ran && strcmp(res[i].st->name, "memchr line count") == 0)
            ref = (double)res[i].out.bytes / res[i].best / 1e6;
    printf("| stage | input | time | MB/s | items/s | items | x memchr | heap peak | rejects |\n");
    printf("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (i = 0; i < n; i++) {
        const result *r = &res[i];
        double mbs, ips;
        char items[32], rate[32], heap[32];
        if (!r->ran)
            continue;
        mbs = (double)r->out.bytes / r->best / 1e6;
        ips = (double)r->out.items / r->best;
        human(rate, sizeof rate, ips);
        heap_text(heap, sizeof heap, r->heap);
        snprintf(items, sizeof items, "%llu", (unsigned long long)r->out.items);
        printf("| %s | %s | %.1f ms | %.0f | %s%s/s | %s | %.3f | %s | %llu |\n", r->st->name, r->st->input,
               r->best * 1e3, mbs, rate, r->st->unit, items, ref > 0 ? mbs / ref : 0, heap,
               (unsigned long long)r->out.rejects);
    }
}

/* ------------------------------------------------------------------ */

static void map_file(bench *b)
{
    struct stat st;
    int fd = open(b->path, O_RDONLY);
    if (fd < 0 || fstat(fd, &st) != 0)
        die(b->path, 0);
    b->size = (size_t)st.st_size;
    b->data = mmap(NULL, b->size ? b->size : 1, PROT_READ, MAP_PRIVATE, fd, 0);
    if (b->data == MAP_FAILED)
        die(b->path, 0);
    close(fd);
}

static int wanted(const char *only, const char *name)
{
    const char *p = only;
    size_t n = strlen(name);
    if (!only)
        return 1;
    while ((p = strstr(p, name)) != NULL) {
        if ((p == only || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
            return 1;
        p += n;
    }
    return 0;
}

static void add_peers(bench *b)
{
#ifdef BENCH_HAVE_OSIP
    b->peers[b->npeers++] = &bench_peer_osip;
#endif
#ifdef BENCH_HAVE_SOFIA
    b->peers[b->npeers++] = &bench_peer_sofia;
#endif
#ifdef BENCH_HAVE_LIBRE
    b->peers[b->npeers++] = &bench_peer_libre;
#endif
}

static void usage(void)
{
    fprintf(stderr, "usage: uclog-bench [-r RUNS] [--no-peers] [--only STAGE,...] LOG\n"
                    "stages: memchr records packets messages headers sip-list sdp diag diag-parts index index-walk "
                    "peers\n");
    exit(1);
}

int main(int argc, char **argv)
{
    static const stage base_stages[] = {
        {"memchr line count", " lines", "log", st_memchr, NULL, 0},
        {"uclog records", " rec", "log", st_records, NULL, 1},
        {"uclog packets", " pkt", "log", st_packets, NULL, 1},
        {"uclog messages (iterate)", " msg", "log", st_messages, NULL, 1},
        {"uclog messages + every header, Call-ID, CSeq", " msg", "log", st_messages, "h", 1},
        {"uclog_sip_parse + every header, Call-ID, CSeq", " msg", "messages", st_sip_list, NULL, 1},
        {"uclog SDP + candidates", " sdp", "offers", st_sdp, NULL, 1},
        {"uclog diagnosis (uclog_diag_run)", " verdicts", "log", st_diag, NULL, 1},
        {"uclog diagnosis in parts (uclog_diag_run_parts)", " verdicts", "log", st_diag_parts, NULL, 1},
        {"uclog index (uclog_index_build)", " msg", "log", st_index, NULL, 1},
        {"uclog index + every call's messages, responses, final response", " msg", "log", st_index_walk, NULL, 1},
    };
    static const char *const keys[] = {"memchr", "records", "packets", "messages", "headers",
                                       "sip-list", "sdp", "diag", "diag-parts", "index",
                                       "index-walk"};
    stage stages[sizeof base_stages / sizeof base_stages[0] + 2 * MAX_PEERS];
    result res[sizeof stages / sizeof stages[0]];
    char names[2 * MAX_PEERS][96];
    peer_check checks[MAX_PEERS];
    bench b;
    size_t i, n = 0;
    int runs = 5, peers = 1, status = 0, rc;
    const char *only = NULL;

    memset(&b, 0, sizeof b);
    for (i = 1; i < (size_t)argc; i++) {
        if (strcmp(argv[i], "-r") == 0 && i + 1 < (size_t)argc)
            runs = atoi(argv[++i]);
        else if (strcmp(argv[i], "--no-peers") == 0)
            peers = 0;
        else if (strcmp(argv[i], "--only") == 0 && i + 1 < (size_t)argc)
            only = argv[++i];
        else if (argv[i][0] == '-' || b.path)
            usage();
        else
            b.path = argv[i];
    }
    if (!b.path || runs < 1)
        usage();
    map_file(&b);
    if ((rc = uclog_ctx_new(&b.ctx, &bench_heap_uclog_mem)) != 0)
        die("context", rc);
    if (peers)
        add_peers(&b);
    for (i = 0; i < b.npeers; i++)
        if (b.peers[i]->init())
            die(b.peers[i]->name, 0);

    /* the message and offer lists are needed by the stages on them and
     * the peers; without them a profile of a log stage is that stage alone */
    if (!wanted(only, "sip-list") && !wanted(only, "sdp") && !wanted(only, "peers"))
        b.npeers = 0;
    else
        list_messages(&b);
    printf("log: %s, %.1f MB, %zu SIP messages (%.1f MB), %zu SDP offers (%llu candidates), best of %d runs\n",
           b.path, (double)b.size / 1e6, b.nmsgs, (double)b.msg_bytes / 1e6, b.nbodies,
           (unsigned long long)b.ncands, runs);
    printf("uclog: %llu messages without Call-ID/CSeq, %llu with defects\n",
           (unsigned long long)b.uclog_rejects, (unsigned long long)b.uclog_defects);
    if (b.uclog_rejects)
        status = 2;
    for (i = 0; i < b.npeers; i++) {
        checks[i] = check_peer(&b, b.peers[i]);
        printf("%s: %llu of %zu messages rejected, %llu with flagged headers, %llu disagree with uclog\n",
               b.peers[i]->name, (unsigned long long)checks[i].rejects, b.nmsgs,
               (unsigned long long)checks[i].header_errors, (unsigned long long)checks[i].disagree);
        if (checks[i].disagree)
            status = 2;
    }

    for (i = 0; i < sizeof base_stages / sizeof base_stages[0]; i++)
        if (wanted(only, keys[i]))
            stages[n++] = base_stages[i];
    for (i = 0; i < b.npeers && wanted(only, "peers"); i++) {
        const bench_peer *p = b.peers[i];
        snprintf(names[2 * i], sizeof names[0], "%s SIP parse + Call-ID, CSeq", p->name);
        stages[n++] = (stage){names[2 * i], " msg", "messages", st_peer_sip, p, 0};
        if (p->sdp) {
            snprintf(names[2 * i + 1], sizeof names[0], "%s SDP parse + candidate attributes", p->name);
            stages[n++] = (stage){names[2 * i + 1], " sdp", "offers", st_peer_sdp, p, 0};
        }
    }
    memset(res, 0, sizeof res);
    for (i = 0; i < n; i++) {
        res[i].st = &stages[i];
        run_stage(&b, &res[i], runs);
    }
    printf("\n");
    print_table(res, n);
    printf("\nheap peak: uclog rows through the uclog_mem hooks of the context; other rows through the\n"
           "malloc interposer; both count malloc_usable_size(). Peers' peak over one checking pass:");
    for (i = 0; i < b.npeers; i++) {
        char heap[32];
        heap_text(heap, sizeof heap, checks[i].heap);
        printf(" %s %s%s", b.peers[i]->name, heap, i + 1 < b.npeers ? "," : "");
    }
    printf("\n(sink %llu)\n", (unsigned long long)(b.sink & 0xff));
    return status;
}
