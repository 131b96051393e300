/* sofia-sip: msg_make() with the SIP message class, and sdp_parse(). */
#include <string.h>

#include <sofia-sip/msg.h>
#include <sofia-sip/sdp.h>
#include <sofia-sip/sip.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/su_alloc.h>

#include "peers.h"

static int sofia_init(void)
{
    return 0;
}

static int sofia_sip(const char *data, size_t len, bench_sip_out *out)
{
    msg_t *m = msg_make(sip_default_mclass(), 0, data, (ssize_t)len);
    sip_t const *sip;
    int rc = -1;

    if (!m)
        return -1;
    sip = sip_object(m);
    if (sip && sip->sip_call_id && sip->sip_call_id->i_id && sip->sip_cseq) {
        const char *id = sip->sip_call_id->i_id;
        size_t n = strlen(id);
        if (out->fill) {
            if (n >= sizeof out->call_id)
                n = sizeof out->call_id - 1;
            memcpy(out->call_id, id, n);
            out->call_id[n] = '\0';
            out->call_id_len = n;
        } else {
            out->call_id_len += n;
        }
        out->cseq = sip->sip_cseq->cs_seq;
        if (sip->sip_error)
            out->header_errors++;
        rc = 0;
    }
    msg_destroy(m);
    return rc;
}

static int sofia_sdp(const char *data, size_t len, uint32_t *candidates)
{
    su_home_t *home = su_home_new(sizeof(su_home_t));
    sdp_parser_t *p;
    sdp_session_t *s;
    int rc = -1;

    if (!home)
        return -1;
    p = sdp_parse(home, data, (issize_t)len, 0);
    s = sdp_session(p);
    if (s) {
        const sdp_media_t *m;
        const sdp_attribute_t *a;
        for (m = s->sdp_media; m; m = m->m_next)
            for (a = m->m_attributes; a; a = a->a_next)
                if (strcmp(a->a_name, "candidate") == 0 || strcmp(a->a_name, "x-candidate-ipv6") == 0)
                    (*candidates)++;
        rc = 0;
    }
    sdp_parser_free(p);
    su_home_unref(home);
    return rc;
}

const bench_peer bench_peer_sofia = {"sofia-sip", sofia_init, sofia_sip, sofia_sdp};
