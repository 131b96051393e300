/*
 * The other parsers the benchmark runs over the same messages as uclog.
 * Each lives in its own file, built only when meson finds the library, so
 * that their headers are compiled apart from the benchmark's own code.
 */
#ifndef BENCH_PEERS_H
#define BENCH_PEERS_H

#include <stddef.h>
#include <stdint.h>

/* What a parser read from one message. With fill == 0 only the length of
 * the Call-ID is added to call_id_len (so the timed loop reads the value
 * without copying it); with fill == 1 the Call-ID is copied out whole. */
typedef struct bench_sip_out {
    int fill;
    char call_id[512];
    size_t call_id_len;
    uint32_t cseq;
    uint32_t header_errors; /* headers the parser flagged but did not reject the message for */
} bench_sip_out;

typedef struct bench_peer {
    const char *name;
    /* once, before anything else; 0 on success */
    int (*init)(void);
    /* parse one message, read its Call-ID and CSeq: 0 accepted, -1 rejected */
    int (*sip)(const char *data, size_t len, bench_sip_out *out);
    /* parse one SDP body (NUL-terminated at data[len]) and walk its
     * candidate attributes: 0 accepted, -1 rejected; NULL when the library
     * has no stand-alone SDP parser */
    int (*sdp)(const char *data, size_t len, uint32_t *candidates);
} bench_peer;

extern const bench_peer bench_peer_osip;
extern const bench_peer bench_peer_sofia;
extern const bench_peer bench_peer_libre;

#endif
