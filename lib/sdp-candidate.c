/* ICE candidates: a=candidate lines in the MS draft-6 and the RFC 5245
 * form, a=remote-candidates triples, and their accessors. */
#include "addr-internal.h"
#include "sdp-internal.h"

/* qvalue = "0" ["." 0*3DIGIT] / "1" ["." 0*3"0"], as thousandths. */
static int parse_qvalue(uint32_t *out, uclog_str s)
{
    uint32_t v, scale = 100;
    size_t i;

    if (!s.ptr || s.len == 0 || (s.ptr[0] != '0' && s.ptr[0] != '1'))
        return 1;
    v = (uint32_t)(s.ptr[0] - '0') * 1000;
    if (s.len == 1) {
        *out = v;
        return 0;
    }
    if (s.ptr[1] != '.' || s.len > 5)
        return 1;
    for (i = 2; i < s.len; i++) {
        if (!uclog__is_digit((unsigned char)s.ptr[i]))
            return 1;
        v += (uint32_t)(s.ptr[i] - '0') * scale;
        scale /= 10;
    }
    if (v > 1000)
        return 1;
    *out = v;
    return 0;
}

/* What uclog__str_trim() removes. */
static inline int is_trim_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int32_t transport_of(uclog_str t)
{
    switch (t.len) {
    case 3:
        if (UCLOG__IEQ_ALPHA(t, "udp"))
            return UCLOG_SDP_TRANSPORT_UDP;
        if (UCLOG__IEQ_ALPHA(t, "tcp"))
            return UCLOG_SDP_TRANSPORT_TCP;
        break;
    case 7:
        if (UCLOG__IEQ(t, "tcp-act"))
            return UCLOG_SDP_TRANSPORT_TCP_ACT;
        break;
    case 8:
        if (UCLOG__IEQ(t, "tcp-pass"))
            return UCLOG_SDP_TRANSPORT_TCP_PASS;
        break;
    default:
        break;
    }
    return UCLOG_SDP_TRANSPORT_OTHER;
}

static int32_t type_of(uclog_str t)
{
    if (t.len == 4 && UCLOG__IEQ_ALPHA(t, "host"))
        return UCLOG_SDP_CANDIDATE_TYPE_HOST;
    if (t.len == 5) {
        if (UCLOG__IEQ_ALPHA(t, "srflx"))
            return UCLOG_SDP_CANDIDATE_TYPE_SRFLX;
        if (UCLOG__IEQ_ALPHA(t, "prflx"))
            return UCLOG_SDP_CANDIDATE_TYPE_PRFLX;
        if (UCLOG__IEQ_ALPHA(t, "relay"))
            return UCLOG_SDP_CANDIDATE_TYPE_RELAY;
    }
    return UCLOG_SDP_CANDIDATE_TYPE_OTHER;
}

static int valid_address(uclog_str a)
{
    return uclog__addr_valid(a.ptr, a.len);
}

static inline int store_candidate(struct sdp_parser *p, const uclog_sdp_candidate *c)
{
    uclog_sdp *sdp = p->sdp;
    uint64_t limit = uclog__limit(sdp->ctx, UCLOG_LIMIT_MAX_CANDIDATES);

    if (sdp->ncands >= limit) {
        if (sdp->cand_limit_hit)
            return UCLOG_OK;
        sdp->cand_limit_hit = 1;
        return uclog__sdp_add_defect(p, UCLOG_DEFECT_SDP_TOO_MANY_CANDIDATES, NULL, 0);
    }
    if (c != sdp->cands + sdp->ncands) { /* not parsed in place */
        if (SDP_GROW(sdp, sdp->cands, sdp->cands_cap, sdp->ncands + 1, SDP_IN_BLOCK_CANDS))
            return UCLOG_E_NOMEM;
        sdp->cands[sdp->ncands] = *c;
    }
    sdp->ncands++;
    cur_media(p)->ncands++;
    return UCLOG_OK;
}

/* Tokens split at once from a candidate line: seven fields, the type and
 * four extension pairs cover the candidates clients write. */
#define SDP_CAND_TOKENS 16

/* Draft 6: username comp password transport qvalue address port */
static int on_draft6(struct sdp_parser *p, uclog_sdp_candidate *c, const uclog_str *t)
{
    uclog_str extra = t[7];
    int rc;

    c->form = UCLOG_SDP_ICE_DRAFT6;
    c->username = t[0];
    c->password = t[2];
    c->transport_raw = t[3];
    c->transport = transport_of(t[3]);
    c->address = t[5];
    if (extra.ptr)
        return uclog__sdp_add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED, extra.ptr, extra.len);
    if (uclog__parse_u32(&c->component, t[1]) != 0)
        return uclog__sdp_add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED, t[1].ptr, t[1].len);
    if (parse_qvalue(&c->qvalue, t[4]) != 0)
        return uclog__sdp_add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_QVALUE_INVALID, t[4].ptr, t[4].len);
    if (!valid_address(t[5]))
        return uclog__sdp_add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_ADDRESS_INVALID, t[5].ptr, t[5].len);
    rc = uclog__parse_port(&c->port, t[6]);
    if (rc)
        return uclog__sdp_add_defect(p, rc == 1 ? UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED
                                     : UCLOG_DEFECT_SDP_CANDIDATE_PORT_RANGE,
                          t[6].ptr, t[6].len);
    return store_candidate(p, c);
}

/* The pairs after `typ <type>`: raddr/rport are taken, others left in ext.
 * kv[0..n) are the first tokens, already split; when more is set, further
 * tokens may follow in rest. */
static int rfc_extensions(struct sdp_parser *p, uclog_sdp_candidate *c, const uclog_str *kv, int n,
                          int more, uclog_str rest, int *keep)
{
    uclog_str next[8];
    int i;

    for (;;) {
        for (i = 0; i < n; i += 2) {
            uclog_str name = kv[i], value;
            int rc;

            if (i + 1 == n)
                return uclog__sdp_add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_EXTENSION, name.ptr, name.len);
            value = kv[i + 1];
            if (name.len != 5)
                continue;
            if (UCLOG__IEQ_ALPHA(name, "raddr")) {
                if (!valid_address(value)) {
                    *keep = 0;
                    return uclog__sdp_add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_ADDRESS_INVALID, value.ptr,
                                      value.len);
                }
                c->raddr = value;
                c->has_raddr = 1;
            } else if (UCLOG__IEQ_ALPHA(name, "rport")) {
                rc = uclog__parse_port(&c->rport, value);
                if (rc) {
                    *keep = 0;
                    return uclog__sdp_add_defect(p, rc == 1 ? UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED
                                                 : UCLOG_DEFECT_SDP_CANDIDATE_PORT_RANGE,
                                      value.ptr, value.len);
                }
            }
        }
        if (!more)
            return UCLOG_OK;
        /* eight tokens at a time: pairs never straddle two splits */
        n = uclog__split_tokens_in(next, 8, &rest, p->end);
        kv = next;
        more = n == 8;
    }
}

/* RFC 5245: foundation comp transport priority address port typ type [pairs];
 * t[0..n) are the line's first tokens (n <= SDP_CAND_TOKENS), t[7] the type,
 * t[8..n) the first extension tokens, rest what follows t[n - 1]. */
static int on_rfc5245(struct sdp_parser *p, uclog_sdp_candidate *c, const uclog_str *t, int n,
                      uclog_str rest)
{
    uclog_str type;
    int rc, keep = 1;

    if (n < 7 || !UCLOG__IEQ_ALPHA(t[6], "typ"))
        return uclog__sdp_add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED, NULL, 0);
    c->form = UCLOG_SDP_ICE_RFC5245;
    c->foundation = t[0];
    c->transport_raw = t[2];
    c->transport = transport_of(t[2]);
    c->address = t[4];
    if (uclog__parse_u32(&c->component, t[1]) != 0)
        return uclog__sdp_add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED, t[1].ptr, t[1].len);
    rc = uclog__parse_u32(&c->priority, t[3]);
    if (rc)
        return uclog__sdp_add_defect(p, rc == 1 ? UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED
                                     : UCLOG_DEFECT_SDP_CANDIDATE_PRIORITY_RANGE,
                          t[3].ptr, t[3].len);
    if (!valid_address(t[4]))
        return uclog__sdp_add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_ADDRESS_INVALID, t[4].ptr, t[4].len);
    rc = uclog__parse_port(&c->port, t[5]);
    if (rc)
        return uclog__sdp_add_defect(p, rc == 1 ? UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED
                                     : UCLOG_DEFECT_SDP_CANDIDATE_PORT_RANGE,
                          t[5].ptr, t[5].len);
    type = t[7];
    if (!type.ptr)
        return uclog__sdp_add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED, t[6].ptr, t[6].len);
    c->type_raw = type;
    c->type = type_of(type);
    c->ext.ptr = type.ptr + type.len;
    c->ext.len = (size_t)(rest.ptr + rest.len - c->ext.ptr);
    while (c->ext.len && is_trim_byte(c->ext.ptr[0])) { /* as uclog__str_trim(), inline */
        c->ext.ptr++;
        c->ext.len--;
    }
    while (c->ext.len && is_trim_byte(c->ext.ptr[c->ext.len - 1]))
        c->ext.len--;
    rc = rfc_extensions(p, c, t + 8, n - 8, n == SDP_CAND_TOKENS, rest, &keep);
    if (rc || !keep)
        return rc;
    return store_candidate(p, c);
}

int uclog__sdp_on_candidate(struct sdp_parser *p, uclog_str v, int32_t attribute, uclog_str name)
{
    uclog_sdp *sdp = p->sdp;
    uclog_sdp_candidate local, *c = &local;
    uclog_str t[SDP_CAND_TOKENS], rest = v;
    int n, nf;

    if (!p->media)
        return uclog__sdp_add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_OUTSIDE_MEDIA, name.ptr, name.len);
    /* Parse into the next free slot when there is one (the arrays are sized
     * up front): store_candidate() then has nothing to copy. */
    if (sdp->ncands < sdp->cands_cap)
        c = &sdp->cands[sdp->ncands];
    /* Field by field: a memset() of the struct is compiled to `rep stos`,
     * whose start-up takes longer than the rest of a candidate's parse. */
    line_span(&c->span, p);
    c->raw = v;
    c->foundation = uclog__no_str;
    c->username = uclog__no_str;
    c->password = uclog__no_str;
    c->transport_raw = uclog__no_str;
    c->address = uclog__no_str;
    c->type_raw = uclog__no_str;
    c->raddr = uclog__no_str;
    c->ext = uclog__no_str;
    c->form = 0;
    c->attribute = attribute;
    c->transport = 0;
    c->type = 0;
    c->component = 0;
    c->priority = 0;
    c->qvalue = 0;
    c->port = 0;
    c->rport = 0;
    c->has_raddr = 0;
    /* One split for the seven fields, the type (RFC 5245) or a stray eighth
     * token (draft 6), and the first extension pairs. nf counts the fields. */
    n = uclog__split_tokens_in(t, SDP_CAND_TOKENS, &rest, p->end);
    for (nf = n; nf < 8; nf++) /* the type and the draft-6 stray token are read when missing */
        t[nf] = uclog__no_str;
    nf = n > 7 ? 7 : n;
    if (nf == 7 && UCLOG__IEQ_ALPHA(t[6], "typ"))
        return on_rfc5245(p, c, t, n, rest);
    if (nf >= 4 && (UCLOG__IEQ_ALPHA(t[3], "udp") || UCLOG__IEQ_ALPHA(t[3], "tcp"))) {
        if (nf < 7)
            return uclog__sdp_add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED, NULL, 0);
        return on_draft6(p, c, t);
    }
    if (nf >= 3 && transport_of(t[2]) != UCLOG_SDP_TRANSPORT_OTHER)
        return on_rfc5245(p, c, t, n, rest);
    return uclog__sdp_add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_MALFORMED, NULL, 0);
}

/* `<comp> <addr> <port>` triples */
int uclog__sdp_on_remote_candidates(struct sdp_parser *p, uclog_str v)
{
    uclog_sdp *sdp = p->sdp;
    uint64_t limit = uclog__limit(sdp->ctx, UCLOG_LIMIT_MAX_CANDIDATES);
    uclog_sdp_media *m = cur_media(p);

    if (!m)
        return uclog__sdp_add_defect(p, UCLOG_DEFECT_SDP_CANDIDATE_OUTSIDE_MEDIA, NULL, 0);
    for (;;) {
        struct sdp_remote r;
        uclog_str comp = uclog__next_token(&v), addr, port;

        if (!comp.ptr)
            return UCLOG_OK;
        addr = uclog__next_token(&v);
        port = uclog__next_token(&v);
        if (!addr.ptr || !port.ptr || uclog__parse_u32(&r.component, comp) != 0 ||
            !valid_address(addr) || uclog__parse_port(&r.port, port) != 0)
            return uclog__sdp_add_defect(p, UCLOG_DEFECT_SDP_REMOTE_CANDIDATES_MALFORMED, comp.ptr,
                              (size_t)(v.ptr - comp.ptr));
        if (m->nremotes >= limit)
            return uclog__sdp_add_defect(p, UCLOG_DEFECT_SDP_TOO_MANY_CANDIDATES, comp.ptr, comp.len);
        r.address = addr;
        if (SDP_GROW(sdp, sdp->remotes, sdp->remotes_cap, sdp->nremotes + 1, 0))
            return UCLOG_E_NOMEM;
        sdp->remotes[sdp->nremotes++] = r;
        m->nremotes++;
    }
}

/* ------------------------------------------------------------------------ */
/* Candidates                                                                */

uint32_t uclog_sdp_candidate_count(const uclog_sdp_media *media)
{
    return media ? media->ncands : 0;
}

int uclog_sdp_candidate_get(const uclog_sdp_candidate **out, const uclog_sdp_media *media,
                            uint32_t i)
{
    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (!media)
        return UCLOG_E_INVALID_ARG;
    if (i >= media->ncands)
        return UCLOG_E_RANGE;
    *out = &media->sdp->cands[media->first_cand + i];
    return UCLOG_OK;
}

void uclog_sdp_candidate_span(uclog_span *out, const uclog_sdp_candidate *cand)
{
    if (!out)
        return;
    if (!cand)
        memset(out, 0, sizeof(*out));
    else
        *out = cand->span;
}

#define CAND_STR(fn, field)                                                    \
    void fn(uclog_str *out, const uclog_sdp_candidate *cand)                   \
    {                                                                          \
        if (out)                                                               \
            *out = cand ? cand->field : uclog__no_str;                                \
    }

CAND_STR(uclog_sdp_candidate_raw, raw)
CAND_STR(uclog_sdp_candidate_transport_raw, transport_raw)
CAND_STR(uclog_sdp_candidate_address, address)
CAND_STR(uclog_sdp_candidate_type_raw, type_raw)
CAND_STR(uclog_sdp_candidate_foundation, foundation)
CAND_STR(uclog_sdp_candidate_username, username)
CAND_STR(uclog_sdp_candidate_password, password)

int32_t uclog_sdp_candidate_form(const uclog_sdp_candidate *cand)
{
    return cand ? cand->form : 0;
}

int32_t uclog_sdp_candidate_attribute(const uclog_sdp_candidate *cand)
{
    return cand ? cand->attribute : 0;
}

uint32_t uclog_sdp_candidate_component(const uclog_sdp_candidate *cand)
{
    return cand ? cand->component : 0;
}

int32_t uclog_sdp_candidate_transport(const uclog_sdp_candidate *cand)
{
    return cand ? cand->transport : UCLOG_SDP_TRANSPORT_OTHER;
}

int uclog_sdp_candidate_priority(uint32_t *out, const uclog_sdp_candidate *cand)
{
    if (!out || !cand)
        return UCLOG_E_INVALID_ARG;
    *out = 0;
    if (cand->form != UCLOG_SDP_ICE_RFC5245)
        return UCLOG_E_NOT_FOUND;
    *out = cand->priority;
    return UCLOG_OK;
}

int uclog_sdp_candidate_qvalue(uint32_t *out, const uclog_sdp_candidate *cand)
{
    if (!out || !cand)
        return UCLOG_E_INVALID_ARG;
    *out = 0;
    if (cand->form != UCLOG_SDP_ICE_DRAFT6)
        return UCLOG_E_NOT_FOUND;
    *out = cand->qvalue;
    return UCLOG_OK;
}

uint16_t uclog_sdp_candidate_port(const uclog_sdp_candidate *cand)
{
    return cand ? cand->port : 0;
}

int32_t uclog_sdp_candidate_type(const uclog_sdp_candidate *cand)
{
    return cand ? cand->type : UCLOG_SDP_CANDIDATE_TYPE_UNKNOWN;
}

int uclog_sdp_candidate_related(uclog_str *raddr, uint16_t *rport, const uclog_sdp_candidate *cand)
{
    if (raddr)
        *raddr = uclog__no_str;
    if (rport)
        *rport = 0;
    if (!cand)
        return UCLOG_E_INVALID_ARG;
    if (!cand->has_raddr)
        return UCLOG_E_NOT_FOUND;
    if (raddr)
        *raddr = cand->raddr;
    if (rport)
        *rport = cand->rport;
    return UCLOG_OK;
}

/* Walk the extension pairs other than raddr/rport; fill the i-th (or the named one). */
static int ext_walk(uclog_str *name, uclog_str *value, const uclog_sdp_candidate *cand,
                    uint32_t i, const char *want, uint32_t *count)
{
    uclog_str rest = cand->ext;
    uint32_t n = 0;

    for (;;) {
        uclog_str k = uclog__next_token(&rest), v;

        if (!k.ptr)
            break;
        v = uclog__next_token(&rest);
        if (!v.ptr)
            break;
        if (uclog__str_ieq(k, "raddr") || uclog__str_ieq(k, "rport"))
            continue;
        if ((want && uclog__str_ieq(k, want)) || (!want && !count && n == i)) {
            if (name)
                *name = k;
            if (value)
                *value = v;
            return UCLOG_OK;
        }
        n++;
    }
    if (count)
        *count = n;
    return count ? UCLOG_OK : want ? UCLOG_E_NOT_FOUND : UCLOG_E_RANGE;
}

uint32_t uclog_sdp_candidate_ext_count(const uclog_sdp_candidate *cand)
{
    uint32_t n = 0;

    if (!cand)
        return 0;
    ext_walk(NULL, NULL, cand, 0, NULL, &n);
    return n;
}

int uclog_sdp_candidate_ext(uclog_str *name, uclog_str *value, const uclog_sdp_candidate *cand,
                            uint32_t i)
{
    if (name)
        *name = uclog__no_str;
    if (value)
        *value = uclog__no_str;
    if (!cand)
        return UCLOG_E_INVALID_ARG;
    return ext_walk(name, value, cand, i, NULL, NULL);
}

int uclog_sdp_candidate_ext_find(uclog_str *value, const uclog_sdp_candidate *cand,
                                 const char *name)
{
    if (value)
        *value = uclog__no_str;
    if (!cand || !name)
        return UCLOG_E_INVALID_ARG;
    return ext_walk(NULL, value, cand, 0, name, NULL);
}

/* ------------------------------------------------------------------------ */
/* Names                                                                     */

const char *uclog_sdp_transport_name(int32_t transport)
{
    switch (transport) {
    case UCLOG_SDP_TRANSPORT_UDP: return "UDP";
    case UCLOG_SDP_TRANSPORT_TCP: return "TCP";
    case UCLOG_SDP_TRANSPORT_TCP_ACT: return "TCP-ACT";
    case UCLOG_SDP_TRANSPORT_TCP_PASS: return "TCP-PASS";
    default: return "OTHER";
    }
}

const char *uclog_sdp_candidate_type_name(int32_t type)
{
    switch (type) {
    case UCLOG_SDP_CANDIDATE_TYPE_HOST: return "host";
    case UCLOG_SDP_CANDIDATE_TYPE_SRFLX: return "srflx";
    case UCLOG_SDP_CANDIDATE_TYPE_PRFLX: return "prflx";
    case UCLOG_SDP_CANDIDATE_TYPE_RELAY: return "relay";
    case UCLOG_SDP_CANDIDATE_TYPE_OTHER: return "other";
    default: return "unknown";
    }
}
