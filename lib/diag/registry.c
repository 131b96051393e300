/*
 * The registry of verdict codes: name, severity, step, condition and the
 * checklist the procedure gives for the outcome. doc/verdicts.md is made
 * from this table by `uclog-diagnose --list-verdicts`; the verdicts-doc test
 * checks that the two agree.
 */
#include <stddef.h>

#include "diag-internal.h"

#define END NULL

static const char *const internal_interface[] = {
    "On every A/V Edge Server: Computer Management > Services and Applications > Office "
    "Communications Server 2007 R2: check that the A/V Edge and A/V Authentication services are "
    "running (Event Viewer, Office Communications Server node, for why one does not start).",
    "Office Communications Server 2007 R2 > Properties > Internal tab: every SIP domain of the "
    "deployment is in \"Internal SIP domains supported by Office Communications Server in your "
    "organization\".",
    "Internal tab: every Enterprise pool and Standard Edition server (or the Director's FQDN when "
    "a Director is used) is in \"Internal servers authorized to connect to this edge server\".",
    "Edge Interfaces tab > Internal Interface > Configure: the certificate's subject name matches "
    "the FQDN of the internal interface (with a hardware load balancer, the FQDN of its virtual "
    "IP).",
    "The internal interface certificate has the Enhanced Key Usage \"Server Authentication\".",
    "The certificate chain of the CA that issued the internal interface certificate is installed "
    "on the A/V Edge Server.",
    "The root certificate of that CA is in the list of trusted root CAs.",
    "The internal firewall allows TCP 5062 (SIP/TLS) outbound from the A/V Edge's internal side.",
    END,
};

static const char *const external_interface[] = {
    "Edge Interfaces tab > A/V Edge Server > Configure: the A/V Authentication Certificate has a "
    "private key; if not, use a certificate that has one.",
    "With hardware load balancers on the external and internal edges: every A/V Edge Server uses "
    "the same TCP and UDP ports on the external interface (and on the internal one), and the same "
    "A/V Authentication Certificate.",
    "The external interface uses the default ports: TCP 443 and UDP 3478 (UDP is changed with "
    "WMI). Keep 443 and 3478 for federated calls.",
    "If the external IP address is translated by NAT, \"External IP address is translated by NAT\" "
    "is selected.",
    "The external IP address is publicly routable (with NAT selected: the NAT-ed address is "
    "publicly routable).",
    "With NAT: the external FQDN resolves from the A/V Edge Server to the NAT-ed address (ping or "
    "nslookup; add a DNS entry or a hosts file line).",
    "NAT: no hardware load balancer is used together with NAT (not supported).",
    "NAT: the internal IP address of the A/V Edge Server is not translated (NAT on the internal "
    "edge is not supported).",
    "NAT: ports are mapped straight through, one to one with the A/V Edge Server ports.",
    "Internal firewall: outbound UDP 3478 (TURN/STUN/UDP), outbound TCP 443 (TURN/STUN/TCP), "
    "outbound TCP 5062 (SIP/TLS).",
    "External firewall: inbound and outbound UDP 3478 (TURN/STUN/UDP), inbound TCP 443 "
    "(TURN/STUN/TCP).",
    "Federation with A/V Edge Servers that are not OCS 2007 R2: external firewall open for UDP "
    "50000-59999 inbound and outbound and TCP 50000-59999 outbound (STUN/RTP).",
    "Federated desktop sharing between OCS 2007 R2 Edges: external firewall open for TCP "
    "50000-59999 outbound.",
    "Windows Server 2008 Firewall: the exception rules above are defined for the program "
    "\"System\" (rule Properties > Programs and Services > This program: System).",
    END,
};

static const char *const next_steps[] = {
    "On the A/V Edge Server: Office Communications Server 2007 R2 > Logging Tool > New Debugging "
    "Session; select MRAS, S4 and SIPStack with Level \"All\" and \"All Flags\"; Start Logging.",
    "Restart the external user's Communicator and reproduce the call, stop logging, and read the "
    "log files (View Log Files) for errors.",
    "Take network captures (Netmon) on every hop between the external user and the A/V Edge "
    "Server and check that STUN and RTP packets reach the Edge.",
    END,
};

static const char *const no_sip[] = {
    "Turn on logging: in Communicator, Tools > Options > General > \"Turn on logging in "
    "Communicator\".",
    "Restart Communicator to start a fresh log, then reproduce the failing call.",
    "Collect Communicator-uccapi-0.uccapilog (and -1) from the Tracing folder of the user "
    "profile.",
    END,
};

static const char *const internal_client[] = {
    "The procedure is written for the log of the remote (external) user: collect that user's "
    "Communicator log (logging on, restart, reproduce the call).",
    "Candidates of a client inside the network are host candidates; no A/V Edge failure is claimed "
    "from them.",
    END,
};

static const char *const provisioning_missing[] = {
    "Open the older rotated file (Communicator-uccapi-1.uccapilog) and diagnose both files "
    "together.",
    "Or sign out, turn logging on, sign in again and reproduce the call, so that the log holds the "
    "sign-in.",
    END,
};

static const char *const provisioning_unanswered[] = {
    "Look at the sign-in and registration path: the REGISTER exchange and its authentication "
    "before the provisioning SUBSCRIBE.",
    "Read the ms-diagnostics header of the failure response, if there is one (evidence above).",
    "Check that the Front End pool (or Director) the client signs in to is reachable.",
    END,
};

static const char *const mras_uri_missing[] = {
    "Global settings: Office Communications Server 2007 R2 management console > forest node > "
    "Global Properties > Edge Servers tab: the A/V Edge Server is in the A/V Edge Servers list; "
    "if not, Add it.",
    "Pool settings: for every Enterprise pool and Standard Edition Server, Pool Properties: the "
    "A/V Edge Server is selected in the A/V Authentication Service list.",
    END,
};

static const char *const mras_not_requested[] = {
    "The log ends before the client asked for media relay credentials, or the client never asked: "
    "restart Communicator with logging on and reproduce the call.",
    END,
};

static const char *const invite_missing[] = {
    "Reproduce the call with logging on: the log holds no INVITE with an audio or video offer.",
    END,
};

static const char *const nat_private[] = {
    "Edge Interfaces tab > A/V Edge Server > Configure: select \"External IP address is translated "
    "by NAT\".",
    "Check that the NAT-ed address is publicly routable and that the external FQDN resolves to it "
    "from the A/V Edge Server.",
    END,
};

static const char *const media_failed[] = {
    "Read the ICEWarn bits decoded in the evidence: TURN unreachable (0x1) or allocation failures "
    "(0x2 UDP, 0x8 TCP) point at the A/V Edge external interface and the firewall; connectivity "
    "failures (0x80 UDP, 0x200 TCP relay) at the media path.",
    "External firewall: UDP 3478 and TCP 443 to the A/V Edge external interface, and the media "
    "ports 50000-59999.",
    "Check LocalMR and RemoteMR in the evidence: an empty media relay on one side means that side "
    "got no relay (MRAS or TURN allocation).",
    END,
};

static const char *const call_rejected[] = {
    "Read the ms-diagnostics of the final response (evidence): its meaning, the component that "
    "raised it and what to check are in doc/ms-codes.md (uclog-diagnose --explain CODE); a code "
    "the registry does not hold is named by its id range.",
    "Reproduce the call with server logging (SIPStack) on the Front End or Edge that the source "
    "parameter names.",
    END,
};

static const char *const mras_ok[] = {
    "Media relay credentials and relays were received: go on with the call's offer.",
    END,
};

/* MRAS unanswered/rejected share the internal-interface checks; rejected adds its own first. */
static const char *const mras_rejected[] = {
    "Read the reasonPhrase and the ms-diagnostics in the evidence: Forbidden means the user is not "
    "allowed external A/V (check the user's policy); Server Busy, Time Out or Internal Server "
    "Error point at the A/V Authentication Service itself.",
    END,
};

static const char *const body_unreadable[] = {
    "The body the step needs could not be read whole (the evidence gives the parse error and its "
    "position): the log was cut, edited or re-encoded there. No verdict is built on it.",
    "Take the same message from another copy of the log (the rotated -1 file, the user's other "
    "machine), or reproduce the sign-in with logging on and read the new log.",
    END,
};

static const char *const edge_undecided[] = {
    "Find the A/V Edge's external address: resolve the media relay host name MRAS gave (the "
    "evidence names it) from the client's network, or read it from the Edge's configuration.",
    "Run the diagnosis again with that address as --edge-ip (and --edge-private-ip for the Edge's "
    "own address behind NAT): the Edge step then says for certain whether a candidate is on it.",
    END,
};

static const char *const call_cancelled[] = {
    "The caller cancelled the call before it was answered (the user hung up while it rang): no "
    "failure. If users say calls ring out, look at the callee's side and the call's timing.",
    END,
};

static const struct uclog__diag_code codes[] = {
    {UCLOG_DIAG_NO_SIP_TRAFFIC, "NO_SIP_TRAFFIC", UCLOG_DIAG_FAILURE, "log",
     "the log has no Sending Packet or Data Received record", {no_sip, NULL}},
    {UCLOG_DIAG_CLIENT_IS_INTERNAL, "CLIENT_IS_INTERNAL", UCLOG_DIAG_WARNING, "log",
     "the client signed in from inside the network (no ms-user-logon-data: RemoteUser, or MRAS "
     "location intranet)", {internal_client, NULL}},
    {UCLOG_DIAG_PROVISIONING_NOT_FOUND, "PROVISIONING_NOT_FOUND", UCLOG_DIAG_FAILURE, "provisioning",
     "no SUBSCRIBE with Event: vnd-microsoft-provisioning-v2 was sent", {provisioning_missing, NULL}},
    {UCLOG_DIAG_PROVISIONING_UNANSWERED, "PROVISIONING_UNANSWERED", UCLOG_DIAG_FAILURE, "provisioning",
     "the provisioning SUBSCRIBE has no 200 OK with the same Call-ID", {provisioning_unanswered, NULL}},
    {UCLOG_DIAG_PROVISIONING_UNREADABLE, "PROVISIONING_UNREADABLE", UCLOG_DIAG_WARNING, "mras-uri",
     "the provisioning 200 OK's body could not be read up to ServerConfiguration: whether it names an "
     "mrasUri is not known", {body_unreadable, NULL}},
    {UCLOG_DIAG_MRAS_URI_MISSING, "MRAS_URI_MISSING", UCLOG_DIAG_FAILURE, "mras-uri",
     "the provisioning 200 OK has no mrasUri in ServerConfiguration", {mras_uri_missing, NULL}},
    {UCLOG_DIAG_MRAS_NOT_REQUESTED, "MRAS_NOT_REQUESTED", UCLOG_DIAG_WARNING, "mras",
     "mrasUri is known but no SERVICE with a credentialsRequest was sent", {mras_not_requested, NULL}},
    {UCLOG_DIAG_MRAS_UNANSWERED, "MRAS_UNANSWERED", UCLOG_DIAG_FAILURE, "mras",
     "the MRAS SERVICE has no 200 OK with its Call-ID: the A/V Authentication Service could not be "
     "reached", {internal_interface, NULL}},
    {UCLOG_DIAG_MRAS_REJECTED, "MRAS_REJECTED", UCLOG_DIAG_FAILURE, "mras",
     "the MRAS SERVICE got a final error, a reasonPhrase other than OK, or no credentials",
     {mras_rejected, internal_interface}},
    {UCLOG_DIAG_MRAS_UNREADABLE, "MRAS_UNREADABLE", UCLOG_DIAG_WARNING, "mras",
     "the MRAS 200 OK's body could not be read: whether credentials were given is not known",
     {body_unreadable, NULL}},
    {UCLOG_DIAG_MRAS_OK, "MRAS_OK", UCLOG_DIAG_OK, "mras",
     "media relay credentials and a media relay list were received", {mras_ok, NULL}},
    {UCLOG_DIAG_INVITE_NOT_FOUND, "INVITE_NOT_FOUND", UCLOG_DIAG_WARNING, "invite",
     "no INVITE carrying an SDP offer with m=audio or m=video", {invite_missing, NULL}},
    {UCLOG_DIAG_NO_EDGE_CANDIDATE, "NO_EDGE_CANDIDATE", UCLOG_DIAG_FAILURE, "edge",
     "no candidate of the offer is on the A/V Edge's external address", {external_interface, next_steps}},
    {UCLOG_DIAG_EDGE_CANDIDATE_UNDECIDED, "EDGE_CANDIDATE_UNDECIDED", UCLOG_DIAG_WARNING, "edge",
     "the log does not decide whether a candidate is on the A/V Edge's external address (no Edge "
     "address given, untyped candidates that may be relays)", {edge_undecided, NULL}},
    {UCLOG_DIAG_EDGE_NAT_PRIVATE_ADDRESS, "EDGE_NAT_PRIVATE_ADDRESS", UCLOG_DIAG_FAILURE, "edge",
     "a candidate carries the Edge's private external address instead of the NAT-ed one",
     {nat_private, NULL}},
    {UCLOG_DIAG_EDGE_CANDIDATE_PRESENT, "EDGE_CANDIDATE_PRESENT", UCLOG_DIAG_OK, "edge",
     "the offer has a candidate on the A/V Edge's external address", {next_steps, NULL}},
    {UCLOG_DIAG_MEDIA_CONNECTIVITY_FAILED, "MEDIA_CONNECTIVITY_FAILED", UCLOG_DIAG_FAILURE, "media",
     "ms-client-diagnostics 22-26 (ICEWarn decoded) in the call's messages",
     {media_failed, NULL}},
    {UCLOG_DIAG_CALL_REJECTED, "CALL_REJECTED", UCLOG_DIAG_FAILURE, "signalling",
     "the INVITE got a final error response; its ms-diagnostics is explained by the registry of "
     "codes (severity info when a code says the call ended normally)",
     {call_rejected, NULL}},
    {UCLOG_DIAG_CALL_CANCELLED, "CALL_CANCELLED", UCLOG_DIAG_INFO, "signalling",
     "the client cancelled its INVITE (487 Request Terminated answering its CANCEL)", {call_cancelled, NULL}},
};

const struct uclog__diag_code *uclog__diag_code(int32_t code)
{
    size_t i;
    for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
        if (codes[i].code == code)
            return &codes[i];
    return NULL;
}

int32_t uclog_diag_code_next(int32_t code)
{
    size_t i;
    for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
        if (codes[i].code > code)
            return codes[i].code;
    return 0;
}

const char *uclog_diag_code_name(int32_t code)
{
    const struct uclog__diag_code *c = uclog__diag_code(code);
    return c ? c->name : NULL;
}

int32_t uclog_diag_code_severity(int32_t code)
{
    const struct uclog__diag_code *c = uclog__diag_code(code);
    return c ? c->severity : -1;
}

const char *uclog_diag_code_step(int32_t code)
{
    const struct uclog__diag_code *c = uclog__diag_code(code);
    return c ? c->step : NULL;
}

const char *uclog_diag_code_condition(int32_t code)
{
    const struct uclog__diag_code *c = uclog__diag_code(code);
    return c ? c->condition : NULL;
}

uint32_t uclog__diag_checklist_count(const struct uclog__diag_code *c)
{
    uint32_t n = 0;
    size_t l, i;
    for (l = 0; l < 2 && c->lists[l]; l++)
        for (i = 0; c->lists[l][i]; i++)
            n++;
    return n;
}

const char *uclog__diag_checklist_item(const struct uclog__diag_code *c, uint32_t k)
{
    size_t l, i;
    for (l = 0; l < 2 && c->lists[l]; l++)
        for (i = 0; c->lists[l][i]; i++)
            if (k-- == 0)
                return c->lists[l][i];
    return NULL;
}

uint32_t uclog_diag_code_checklist_count(int32_t code)
{
    const struct uclog__diag_code *c = uclog__diag_code(code);
    return c ? uclog__diag_checklist_count(c) : 0;
}

const char *uclog_diag_code_checklist(int32_t code, uint32_t i)
{
    const struct uclog__diag_code *c = uclog__diag_code(code);
    return c ? uclog__diag_checklist_item(c, i) : NULL;
}

const char *uclog_diag_severity_name(int32_t severity)
{
    static const char *const names[] = {"ok", "info", "warning", "failure"};
    return severity >= 0 && severity <= 3 ? names[severity] : "unknown";
}

const char *uclog_diag_certainty_name(int32_t certainty)
{
    return certainty == UCLOG_DIAG_CERTAIN      ? "certain"
           : certainty == UCLOG_DIAG_INFERRED   ? "inferred"
           : certainty == UCLOG_DIAG_UNREADABLE ? "unreadable"
                                                : "unknown";
}

const char *uclog_diag_location_name(int32_t location)
{
    return location == UCLOG_DIAG_LOCATION_REMOTE     ? "remote"
           : location == UCLOG_DIAG_LOCATION_INTERNAL ? "internal"
                                                      : "unknown";
}

const char *uclog_diag_icewarn_bit(uint32_t bit)
{
    switch (bit) {
    case 0x1: return "TURN server unreachable (TCP 443 / UDP 3478 blocked, or the Edge is down)";
    case 0x2: return "UDP allocation on the TURN server failed (UDP blocked)";
    case 0x4: return "sending UDP to the TURN server failed";
    case 0x8: return "TCP allocation on the TURN server failed (firewall, HTTP proxy or TLS)";
    case 0x10: return "sending TCP to the TURN server failed";
    case 0x20: return "local (direct) connectivity failed";
    case 0x40: return "UDP NAT (server-reflexive) connectivity failed";
    case 0x80: return "UDP TURN (relay) connectivity failed";
    case 0x100: return "TCP NAT connectivity failed";
    case 0x200: return "TCP TURN (relay) connectivity failed";
    default: return bit > 0x200 ? uclog_diag_icewarn_bit_qoe(bit) : NULL;
    }
}

/* [MS-QoE] 2.2.1.7.1 IceWarningFlags. The row of 0x8000000 was retrieved cut
 * short; its text says no more than the source does. */
const char *uclog_diag_icewarn_bit_qoe(uint32_t bit)
{
    switch (bit) {
    case 0x10: return "TURN server is unreachable ([MS-QoE] layout)";
    case 0x20: return "shared secret with the TURN server failed ([MS-QoE] layout)";
    case 0x40: return "UDP allocation on the TURN server failed ([MS-QoE] layout)";
    case 0x200: return "TCP allocation on the TURN server failed ([MS-QoE] layout)";
    case 0x4000: return "UDP local connectivity failed";
    case 0x8000: return "UDP NAT connectivity failed";
    case 0x10000: return "UDP TURN (relay) connectivity failed";
    case 0x40000: return "TCP NAT connectivity failed";
    case 0x80000: return "TCP TURN (relay) connectivity failed";
    case 0x100000: return "message integrity failed in a connectivity check request";
    case 0x200000: return "message integrity failed in a connectivity check response";
    case 0x400000: return "candidate lookup failed on receiving a connectivity check request";
    case 0x800000: return "candidate lookup failed on receiving a connectivity check response";
    case 0x1000000: return "connectivity check request could not be sent (memory or another send failure)";
    case 0x2000000: return "connectivity check response could not be sent (memory or another send failure)";
    case 0x4000000: return "TURN server FQDN was not resolved (DNS)";
    case 0x8000000: return "TURN server credentials (the [MS-QoE] row was retrieved cut short)";
    default: return NULL;
    }
}

const char *uclog_diag_ms_diagnostics_range(uint32_t id)
{
    static const struct {
        uint32_t lo, hi;
        const char *what;
    } ranges[] = {
        {22, 26, "client: media connectivity failure (ICE)"},
        {0, 999, "common"},
        {1000, 1999, "SIP stack: proxy, routing, federation, TLS or DNS"},
        {2000, 2999, "presence"},
        {3000, 3999, "conferencing focus or focus factory"},
        {4000, 4999, "user services: registration, user lookup"},
        {5000, 5999, "API applications"},
        {6000, 6999, "IM conferencing (IM MCU)"},
        {7000, 7999, "A/V conferencing (A/V MCU)"},
        {8000, 8999, "telephony conferencing"},
        {9000, 9999, "MRAS (A/V Authentication Service)"},
        {10000, 10999, "Mediation Server"},
        {11000, 11999, "metrics"},
        {12000, 12999, "outbound call routing"},
        {13000, 13999, "inbound routing"},
        {14000, 14999, "translation"},
        {15000, 15999, "Exchange Unified Messaging"},
        {16000, 16999, "IM filter"},
        {17000, 17999, "client version filter"},
        {51000, 52999, "client"},
        {53000, 53999, "SDP diagnostics: bandwidth policy (call admission control)"},
        {90000, 90999, "public IM connectivity (PIC)"},
    };
    size_t i;
    for (i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
        if (id >= ranges[i].lo && id <= ranges[i].hi)
            return ranges[i].what;
    return "unknown range";
}
