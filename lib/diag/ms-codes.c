/*
 * The registry of ms-diagnostics and ms-client-diagnostics codes: for each
 * code the field meets, its meaning, the component that raises it, what to
 * check, the published source and how sure that source is. doc/ms-codes.md
 * is made from this table by `uclog-diagnose --list-ms-codes`; the
 * ms-codes-doc test checks that the two agree.
 *
 * Only meanings a source gives are written. Confidence: "spec" the reason
 * text is in [MS-OCER]; "field" a real capture or a support or blog article
 * quotes it; "range" the id is published but its reason text was not
 * retrieved, so only its range is known; "unverified" recalled, not found in
 * a retrieved source.
 */
#include <string.h>

#include "diag-internal.h"
#include "ms-codes.h"

#define S UCLOG_SIP_DIAG_SERVER
#define C UCLOG_SIP_DIAG_CLIENT

#define SIPSTACK "SIP stack (Front End, Director or Access Edge)"
#define FED "Access Edge: federation"
#define USERSVC "Front End: user services (registrar, user lookup)"
#define INBOUND "Front End: inbound routing"
#define CLIENT "client (UCCAPI)"
#define COMMON "any server (common ids 0-999)"
#define OCER_1000 "[MS-OCER] SipStack ErrorIds (1000-1999)"
#define OCER_4000 "[MS-OCER] front end ErrorIds (4000-4999)"
#define OCER_5000 "[MS-OCER] 8.6 server API and applications (5000-5999)"
#define OCER_13000 "[MS-OCER] inbound routing (13000-13999), current release"
#define OCER_17000 "[MS-OCER] 8.16 protocol client version filter (17000-17999)"
#define OCER_932 "[MS-OCER] 9.3.2 Ms-Diagnostic Errors Not Handled"
#define OCER_922 "[MS-OCER] 9.2.2 MS-Diagnostic Errors (client display)"
#define MEDIA_CHECK                                                                                        \
    "the ICEWarn bits and LocalMR/RemoteMR of the same header; UDP 3478 and TCP 443 to the A/V Edge "      \
    "external interface, the media ports 50000-59999, and that both sides got a media relay (MRAS)"

/* Ordered by kind, then code: the lookup and the next() walk rely on it. */
static const struct uclog_diag_ms_code table[] = {
    /* ms-diagnostics and ms-diagnostics-public (server) */
    {0, S, "Server internal error.", COMMON, "the event log of the server named in source", OCER_922, "spec", 0},
    {1, S, "Service unavailable.", COMMON, "that the server named in source and its services are running",
     OCER_922, "spec", 0},
    {4, S, "Insufficient bandwidth to establish session. Do not attempt re-route.", COMMON,
     "call admission control: the bandwidth policy of the sites and links between the two ends", OCER_922, "spec", 0},
    {1000, S, "Final handshake failed.", SIPSTACK, "the authentication of the connection to the server named in source",
     OCER_1000, "spec", 0},
    {1001, S, "From URI not authorized to communicate with public IM providers.", SIPSTACK,
     "the sender's external access policy (public IM connectivity)", OCER_1000, "spec", 0},
    {1002, S, "From URI not authorized to communicate with federated partners.", SIPSTACK,
     "the sender's external access policy (federation)", OCER_1000, "spec", 0},
    {1003, S, "User does not exist.", SIPSTACK, "the target URI: a user of that address exists and is enabled for SIP",
     OCER_1000, "spec", 0},
    {1004, S, "Route set is no longer valid.", SIPSTACK, "whether the dialog's next hop went away (a restarted or failed-over server)",
     OCER_1000, "spec", 0},
    {1005, S, "Cannot route to destination domain.", SIPSTACK,
     "the destination domain: federation allowed for it, and its DNS SRV records", OCER_1000, "spec", 0},
    {1006, S, "Error routing on client connection.", SIPSTACK, "the client's connection to the server named in source",
     OCER_1000, "spec", 0},
    {1007, S, "Temporarily cannot route.", SIPSTACK, "the next hop's availability; retry, then the server's event log",
     OCER_1000, "spec", 0},
    {1008, S, "Unable to resolve DNS SRV record.", SIPSTACK,
     "the DNS SRV record of the domain the request goes to, resolved from the server named in source", OCER_1000, "spec",
     0},
    {1009, S, "Conflicting SRV and host domains in DNS.", SIPSTACK,
     "the target domain's SRV record points to a host in another domain (captures also show the reason \"No match "
     "for domain in DNS SRV results\")",
     OCER_1000, "spec", 0},
    {1010, S, "Certificate trust with next-hop server could not be established.", SIPSTACK,
     "the next hop's certificate: its issuing CA chain and root are trusted by the server named in source", OCER_1000,
     "spec", 0},
    {1011, S, "ms-diagnostics header not provided by previous hop.", SIPSTACK,
     "the previous hop's logs: it failed without saying why", OCER_1000, "spec", 0},
    {1012, S, "From URI is not authorized to communicate with users outside the enterprise.", SIPSTACK,
     "the sender's external access policy", OCER_1000, "spec", 0},
    {1013, S, "Significant time skew detected during authentication.", SIPSTACK,
     "the clocks of the client and the servers (Kerberos and NTLM need them close)", OCER_1000, "spec", 0},
    {1014, S, "Unable to resolve DNS A record.", SIPSTACK, "the DNS A record of the next hop's FQDN", OCER_1000, "spec",
     0},
    {1017, S, "Cannot route From and To domains in this combination.", SIPSTACK,
     "how the two SIP domains are hosted (split domain, on premises or online) and the routing between them",
     "Microsoft support article", "field", 0},
    {1027, S, "Cannot route this type of SIP request to or from federated partners.", FED,
     "the federation settings for the partner domain (allowed domains, discovery) and its DNS SRV records",
     "jon.netdork.net \"Lync, Federation, and DNS\" (client log capture)", "field", 0},
    {1034, S, "Previous hop federated peer did not report diagnostic information.", FED,
     "the federated partner's Edge (the Domain and PeerServer parameters name it): it refused without a reason",
     "jon.netdork.net \"Lync, Federation, and DNS\" (client log capture)", "field", 0},
    {1046, S, "Failed to connect to a federated peer server.", FED,
     "TCP 5061 from the Access Edge to the partner's Edge (PeerServer), and the partner's _sipfederationtls._tcp SRV "
     "record",
     "no published source found (recalled from field notes)", "unverified", 0},
    {1047, S, "Failed to complete TLS negotiation with a federated peer server.", FED,
     "certificate trust between the two Edges: each trusts the root CA of the other's certificate "
     "(WinsockFailureCode names the socket error)",
     "risual.com \"Lync federation issue: presence unknown\" (client log capture)", "field", 0},
    {4000, S, "User services default.", USERSVC, "the Front End's event log", OCER_4000, "spec", 0},
    {4001, S, "XML parse failure.", USERSVC, "the XML body of the request", OCER_4000, "spec", 0},
    {4002, S, "Multiple users associated with the source phone number.", USERSVC,
     "the line URIs of users: one number, one user", OCER_4000, "spec", 0},
    {4003, S, "From URI not enabled for remote access.", USERSVC,
     "the user's external access policy: remote user access enabled (sign-in from outside through the Edge)",
     OCER_4000, "spec", 0},
    {4004, S, "Credentials provided are not authorized to act as specified from URI.", USERSVC,
     "the sign-in address and the account the credentials belong to", OCER_4000, "spec", 0},
    {4005, S, "Destination URI either not enabled for SIP or does not exist.", USERSVC,
     "the target user: enabled for Lync/Skype for Business and replicated to its pool", OCER_4000, "spec", 0},
    {4006, S, "User not found in pool.", USERSVC, "the user's home pool and its replication", OCER_4000, "spec", 0},
    {4007, S, "Resource is unknown in this deployment.", USERSVC, "the target URI", OCER_4000, "spec", 0},
    {4008, S, "Input data too large - One of the parameters to the sproc exceeds limit.", USERSVC,
     "the size of the request's data", OCER_4000, "spec", 0},
    {4009, S, "Multiple users associated with the destination phone number.", USERSVC,
     "the line URIs of users: one number, one user", OCER_4000, "spec", 0},
    {4010, S, "Missing endpoint identifier.", USERSVC, "the client's request (its epid)", OCER_4000, "spec", 0},
    {4011, S, "Epid not present.", USERSVC, "the client's request (its epid)", OCER_4000, "spec", 0},
    {4012, S, "Epid too long.", USERSVC, "the client's request (its epid)", OCER_4000, "spec", 0},
    {4013, S, "content type header does not match the expected content-type.", USERSVC,
     "the request's Content-Type", OCER_4000, "spec", 0},
    {4141, S, "User disabled.", USERSVC,
     "the user account: a server-initiated deregistration (NOTIFY text/registration-event, deregistered;event=rejected)",
     "pidgin-sipe code comment, OCS 2007 example", "field", 0},
    {5000, S, "One or more critical applications are not running.", "Front End: server applications",
     "the Front End's services and event log", OCER_5000, "spec", 0},
    {5001, S, "Request timed out.", "Front End: server applications", "the application the request went to",
     OCER_5000, "spec", 0},
    {5002, S, "Request was cancelled.", "Front End: server applications", "who cancelled the request",
     OCER_5000, "spec", 0},
    {5003, S, "Internal processing failure.", "Front End: server applications",
     "the event log of the server named in source", OCER_5000, "spec", 0},
    {5004, S, "Failed parsing the incoming request.", "Front End: server applications", "the request's syntax",
     OCER_5000, "spec", 0},
    {5005, S, "The application specified an invalid request-URI.", "Front End: server applications",
     "the application's configuration", OCER_5000, "spec", 0},
    {5006, S, "Failed when constructing the outgoing request.", "Front End: server applications",
     "the application's configuration", OCER_5000, "spec", 0},
    {5007, S, "Failed processing a contact entry.", "Front End: server applications", "the contact entries",
     OCER_5000, "spec", 0},
    {5008, S, "The application specified an invalid static forwarding URL.", "Front End: server applications",
     "the application's forwarding settings", OCER_5000, "spec", 0},
    {7008, S, "Error parsing SDP.", "A/V conferencing server (A/V MCU)",
     "the SDP the client offered (clients retry with the other ICE version)",
     "pidgin-sipe code comment", "field", 0},
    {9000, S, "An MRAS (A/V Authentication Service) error; its reason text was not retrieved.",
     "A/V Edge: MRAS (A/V Authentication Service)", "the reason text in the header; the A/V Edge's MRAS log",
     OCER_932, "range", 0},
    {9001, S, "An MRAS (A/V Authentication Service) error; its reason text was not retrieved.",
     "A/V Edge: MRAS (A/V Authentication Service)", "the reason text in the header; the A/V Edge's MRAS log",
     OCER_932, "range", 0},
    {10000, S, "Gateway returned a SIP failure code.", "Mediation Server",
     "the gateway (SIP trunk) leg: its SIP response code", "[MS-OCER] 3.1.4.1 reportError example", "spec", 0},
    {10003, S, "Proxy returned a SIP failure code.", "Mediation Server",
     "the downstream failure the parameters carry (component, SipResponseCode, SipResponseText)",
     "client log capture", "field", 0},
    {12006, S, "Trying next hop.", "Front End: outbound routing",
     "nothing by itself: a progress report of outbound routing (appName=OutboundRouting)",
     "[MS-OCER] 3.1.4.1 reportError example", "spec", 0},
    {13000, S, "Call to self loop.", INBOUND, "the call forwarding settings of the target", OCER_13000, "spec", 0},
    {13001, S, "The routing rules did not result in a suitable final response.", INBOUND,
     "the target's forwarding and routing; which endpoints answered", OCER_13000, "spec", 0},
    {13002, S, "The routing rules did not result in a final response.", INBOUND,
     "the target's forwarding and routing; which endpoints answered", OCER_13000, "spec", 0},
    {13003, S, "The request contains a header that is not formatted as expected.", INBOUND, "the request's headers",
     OCER_13000, "spec", 0},
    {13004, S, "Request was proxied to one or more registered endpoints.", INBOUND,
     "where the request went, not a fault by itself: the answer of the target's endpoints (declined, not answered, "
     "media failure)",
     OCER_13000, "spec", 0},
    {13005, S, "Request was proxied to one or more additional targets.", INBOUND,
     "where the request went: the answers of the additional targets", OCER_13000, "spec", 0},
    {13006, S, "Request forwarded, any previous branches cancelled.", INBOUND, "the target's forwarding settings",
     OCER_13000, "spec", 0},
    {13007, S, "Request was proxied to an application.", INBOUND, "the answer of the application", OCER_13000, "spec", 0},
    {13008, S, "Diagnostic headers removed for privacy.", INBOUND, "the server-side logs", OCER_13000, "spec", 0},
    {13009, S, "No endpoints registered in Backup registrar.", INBOUND,
     "the target's registration with its backup registrar (pool failover)", OCER_13000, "spec", 0},
    {13010, S, "Target rejected call because of bandwidth congestion.", INBOUND,
     "call admission control: the bandwidth policy between the sites", OCER_13000, "spec", 0},
    {13011, S, "Failed to dispatch request. This is an overload condition.", INBOUND, "the Front End's load",
     OCER_13000, "spec", 0},
    {15000, S, "An Exchange Unified Messaging error; its reason text was not retrieved.", "Exchange Server UM",
     "the reason text in the header; the Exchange UM integration", OCER_932, "range", 0},
    {17000, S, "Server overloaded.", "client version filter", "the server's load", OCER_17000, "spec", 0},
    {17001, S, "Invalid request.", "client version filter", "the client's request", OCER_17000, "spec", 0},
    {17002, S, "Invalid protocol client version.", "client version filter",
     "the client version policy: this client's version is not allowed", OCER_17000, "spec", 0},
    {17003, S, "Declined with URL.", "client version filter",
     "the client version policy: the client must be upgraded (the URL says where)", OCER_17000, "spec", 0},
    {17004, S, "Allowed with URL.", "client version filter",
     "nothing blocks: the client version policy allows this client and offers an upgrade URL", OCER_17000, "spec", 0},

    /* ms-client-diagnostics */
    {22, C, "Call failed to establish due to a media connectivity failure when both endpoints are internal.", CLIENT,
     MEDIA_CHECK, "blog capture", "field", 0},
    {23, C,
     "Call failed to establish due to a media connectivity failure when one endpoint is internal and the other is "
     "remote.",
     CLIENT, MEDIA_CHECK, "ucprimer; Microsoft support article", "field", 0},
    {24, C, "Call failed to establish due to a media connectivity failure when both endpoints are remote.", CLIENT,
     MEDIA_CHECK, "pareshj MSDN blog", "field", 0},
    {25, C,
     "A federated call failed to establish due to a media connectivity failure where both endpoints are internal.",
     CLIENT, MEDIA_CHECK " (on both Edges: a federated call)", "ucsorted; nextgendigital",
     "field", 0},
    {26, C,
     "A federated call failed to establish due to a media connectivity failure where one endpoint is internal and "
     "the other is remote.",
     CLIENT, MEDIA_CHECK " (on both Edges: a federated call)", "no published source found (recalled from field notes)", "unverified", 0},
    {51004, C,
     "Action initiated by user: the user ended the call (hung up); a normal end of the dialog, not a fault. "
     "Captures show it on a BYE that cut a call short.",
     CLIENT,
     "nothing for the end itself; the ICEWarn bits of the same header tell whether the media had failed before "
     "the user hung up",
     "msxfaq.de \"ICEWarn Bedeutung\" (client log capture)", "field", 1},
    {51007, C,
     "Callee media connectivity diagnosis info: information the callee adds to its answer (captures show it on "
     "the 200 OK to the BYE of a normally cleared call), not a failure.",
     CLIENT, "nothing by itself; its ICEWarn bits tell what the callee's ICE met",
     "msxfaq.de \"ICEWarn Bedeutung\" (client log capture)", "field", 0},
    {52017, C, "Encryption levels dont match.", CLIENT,
     "the encryption policy of both sides (a=encryption required against rejected)",
     "pidgin-sipe code comment", "field", 0},
    {52035, C, "This client has an IM session with the same conversation ID.", CLIENT,
     "nothing on the network: a duplicate Ms-Conversation-ID", "code comment", "field",
     0},
    {52063, C, "Unsupported session description.", CLIENT, "the SDP offered: codecs, ICE version, encryption",
     "pidgin-sipe", "field", 0},
};

#undef S
#undef C

#define NTABLE (sizeof(table) / sizeof(table[0]))

static uint32_t kind_class(uint32_t kind)
{
    return kind == UCLOG_SIP_DIAG_CLIENT ? UCLOG_SIP_DIAG_CLIENT : UCLOG_SIP_DIAG_SERVER;
}

int uclog_diag_ms_code_lookup(const uclog_diag_ms_code **out, uint32_t kind, uint32_t code)
{
    size_t i;

    if (!out)
        return UCLOG_E_INVALID_ARG;
    *out = NULL;
    if (kind < UCLOG_SIP_DIAG_SERVER || kind > UCLOG_SIP_DIAG_CLIENT)
        return UCLOG_E_INVALID_ARG;
    for (i = 0; i < NTABLE; i++) {
        if (table[i].kind == kind_class(kind) && table[i].code == code) {
            *out = &table[i];
            return UCLOG_OK;
        }
    }
    return UCLOG_E_NOT_FOUND;
}

const uclog_diag_ms_code *uclog_diag_ms_code_next(const uclog_diag_ms_code *prev)
{
    size_t i;

    if (!prev)
        return &table[0];
    for (i = 0; i + 1 < NTABLE; i++) /* found by address: a pointer from elsewhere ends the walk */
        if (prev == &table[i])
            return &table[i + 1];
    return NULL;
}

uint32_t uclog_diag_ms_code_id(const uclog_diag_ms_code *c)
{
    return c ? c->code : 0;
}

uint32_t uclog_diag_ms_code_kind(const uclog_diag_ms_code *c)
{
    return c ? c->kind : 0;
}

const char *uclog_diag_ms_code_meaning(const uclog_diag_ms_code *c)
{
    return c ? c->meaning : NULL;
}

const char *uclog_diag_ms_code_component(const uclog_diag_ms_code *c)
{
    return c ? c->component : NULL;
}

const char *uclog_diag_ms_code_check(const uclog_diag_ms_code *c)
{
    return c ? c->check : NULL;
}

const char *uclog_diag_ms_code_source(const uclog_diag_ms_code *c)
{
    return c ? c->source : NULL;
}

const char *uclog_diag_ms_code_confidence(const uclog_diag_ms_code *c)
{
    return c ? c->confidence : NULL;
}

int32_t uclog_diag_ms_code_normal_end(const uclog_diag_ms_code *c)
{
    return c ? c->normal_end : -1;
}

const char *uclog_diag_ms_kind_name(uint32_t kind)
{
    return uclog_sip_diag_kind_name(kind);
}

/* ---- evidence and verdicts ---- */

int uclog_diag_evidence_ms_code(uint32_t *code, uint32_t *kind, const uclog_diag_evidence *e)
{
    if (!code || !kind || !e)
        return UCLOG_E_INVALID_ARG;
    if (!e->ms_kind)
        return UCLOG_E_NOT_FOUND;
    *code = e->ms_code;
    *kind = e->ms_kind;
    return UCLOG_OK;
}
