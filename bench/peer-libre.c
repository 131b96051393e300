/* libre: sip_msg_decode() over an mbuf holding a copy of the message (the
 * decoder keeps a reference to its mbuf, so it cannot point at our bytes). */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

#include <re.h>

#include "peers.h"

static int libre_sip_init(void)
{
    return 0;
}

static int libre_sip(const char *data, size_t len, bench_sip_out *out)
{
    struct mbuf *mb = mbuf_alloc(len);
    struct sip_msg *msg = NULL;
    int rc = -1;

    if (!mb)
        return -1;
    (void)mbuf_write_mem(mb, (const uint8_t *)data, len);
    mb->pos = 0;
    if (sip_msg_decode(&msg, mb) == 0 && msg->callid.p && msg->callid.l) {
        size_t n = msg->callid.l;
        if (out->fill) {
            if (n >= sizeof out->call_id)
                n = sizeof out->call_id - 1;
            memcpy(out->call_id, msg->callid.p, n);
            out->call_id[n] = '\0';
            out->call_id_len = n;
        } else {
            out->call_id_len += n;
        }
        out->cseq = msg->cseq.num;
        rc = 0;
    }
    mem_deref(msg);
    mem_deref(mb);
    return rc;
}

const bench_peer bench_peer_libre = {"libre", libre_sip_init, libre_sip, NULL};
