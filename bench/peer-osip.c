/* GNU oSIP: osip_message_parse() and sdp_message_parse(). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <osipparser2/osip_parser.h>
#include <osipparser2/osip_port.h>
#include <osipparser2/sdp_message.h>

#include "peers.h"

static void quiet(const char *file, int line, osip_trace_level_t level, const char *fmt, va_list ap)
{
    (void)file, (void)line, (void)level, (void)fmt, (void)ap;
}

static int osip_init(void)
{
    /* oSIP traces parse errors to stdout; the table must stay readable */
    osip_trace_initialize_func(END_TRACE_LEVEL, quiet);
    return parser_init();
}

static int osip_sip(const char *data, size_t len, bench_sip_out *out)
{
    osip_message_t *m;
    int rc = -1;

    if (osip_message_init(&m) != 0)
        return -1;
    if (osip_message_parse(m, data, len) == 0 && m->call_id && m->call_id->number && m->cseq &&
        m->cseq->number) {
        const osip_call_id_t *c = m->call_id;
        if (out->fill)
            out->call_id_len = (size_t)snprintf(out->call_id, sizeof out->call_id, "%s%s%s", c->number,
                                                c->host ? "@" : "", c->host ? c->host : "");
        else
            out->call_id_len += strlen(c->number);
        out->cseq = (uint32_t)strtoul(m->cseq->number, NULL, 10);
        rc = 0;
    }
    osip_message_free(m);
    return rc;
}

static int osip_sdp(const char *data, size_t len, uint32_t *candidates)
{
    sdp_message_t *sdp;
    int rc = -1, i, k;

    (void)len;
    if (sdp_message_init(&sdp) != 0)
        return -1;
    if (sdp_message_parse(sdp, data) == 0) {
        for (i = 0; !sdp_message_endof_media(sdp, i); i++) {
            char *field;
            for (k = 0; (field = sdp_message_a_att_field_get(sdp, i, k)) != NULL; k++)
                if (strcmp(field, "candidate") == 0 || strcmp(field, "x-candidate-ipv6") == 0)
                    (*candidates)++;
        }
        rc = 0;
    }
    sdp_message_free(sdp);
    return rc;
}

const bench_peer bench_peer_osip = {"oSIP", osip_init, osip_sip, osip_sdp};
