#!/usr/bin/env python3
"""Generate a deterministic Communicator/Lync client trace log for the benchmark.

    gen-log.py --size 200M --seed 1 [--eol crlf|lf] -o /tmp/bench-200m.uccapilog

The same size, seed and line end always give the same bytes (Python standard
library only). The mix follows what support engineers are handed: about 70 % of
the entries are one-line trace records, about 30 % are SIP packets framed by
`Sending Packet` / `Data Received` ... `End of ...` records:

- a sign-in: REGISTER, its 401 challenge, REGISTER again and the 200 OK
  (ms-user-logon-data: RemoteUser), the provisioning SUBSCRIBE
  (vnd-microsoft-provisioning-v2) and its 200 OK with a large provisionGroupList
  (ServerConfiguration with mrasUri, meetingPolicy, ucPolicy, publicationGrammar),
  the MRAS SERVICE (credentialsRequest) and its 200 OK (credentials, media relays);
- re-registrations, presence SUBSCRIBEs and their 200 OK, BENOTIFYs with
  category XML;
- calls: a multipart/alternative INVITE whose two application/sdp parts carry
  draft-6 (ms-proxy-2007fallback) and RFC 5245 candidates (host, srflx, relay
  on the A/V Edge, x-candidate-ipv6), 100 Trying, 180 Ringing, then a 200 OK
  with an answer, ACK and a BYE with ms-client-diagnostics, or a failure
  response with ms-diagnostics (404, 480, 488).

With --one-call 183 the log is instead a sign-in and then one call whose INVITE
(with an SDP offer) gets only `183 Session Progress` responses until the size is reached; with
--one-call reinvite, one call re-INVITEd (each re-INVITE answered by a 200 OK)
until then: the logs a client writes when a call is stuck in early media or
refreshes its session for hours, and the shape that makes matching a response
to its request cost the length of the call if done by walking the call.

With --eol lf every line ends in LF, as in a log copied through a tool that
rewrote the line ends: the declared byte counts and Content-Length values stay
those of the CRLF original, as they do in such copies.
"""
import argparse
import random
import sys

DOMAIN = "contoso.com"
POOL = "pool01.contoso.com"
EDGE_INT = "edge01.contoso.com"
EDGE_EXT_IP = "131.107.10.20"       # A/V Edge external (public) address
SERVER = "10.0.1.5:5061"
UA = "UCCAPI/15.0.4569.1503 OC/15.0.4569.1503 (Microsoft Lync)"
MRAS_URI = "sip:%s@%s;gruu;opaque=srvr:MRAS:k9JWz1xkqUiQmbrGbc5PpgAA" % (EDGE_INT, DOMAIN)

TRACE_TEXTS = (
    "CUccTransportManager::OnSendComplete - sent %(n)d bytes, socket 0x%(h)X",
    "CSIPAsyncSocket::Receive - %(n)d bytes pending on socket 0x%(h)X",
    "CUccPlatform::OnTimer - timer %(n)d fired (period %(m)d ms)",
    "DnsResolver::Query - SRV _sipinternaltls._tcp.%(d)s returned %(k)d record(s)",
    "DnsResolver::Query - A sip.%(d)s -> 10.0.1.%(k)d",
    "CUccSession::OnStateChanged - session 0x%(h)X state %(k)d -> %(j)d",
    "CRTCMediaController::UpdateStats - stream 0x%(h)X jitter %(k)d ms loss %(j)d",
    "TlsNegotiation::Complete - peer %(d)s certificate chain ok, hr=0x00000000",
    "CUccPresence::Publish - category state instance %(n)d version %(k)d",
    "ICE: checklist 0x%(h)X pair %(k)d state Succeeded rtt %(m)d ms",
    "TURN: allocate refresh on %(e)s:3478 lifetime %(m)d s",
    "CContactList::OnRoamingUpdate - %(k)d contacts, %(j)d groups",
    "SipStack::KeepAlive - sending CRLF on connection 0x%(h)X",
    "CUccSignaling::ProcessResponse - CSeq %(n)d status %(s)d",
    "RtcPal::ThreadPool - queue depth %(k)d, workers %(j)d",
)
LEVELS = ("INFO ", "INFO ", "INFO ", "INFO ", "TRACE", "TRACE", "WARN ", "ERROR")

SERVER_CONFIG_KEYS = (
    "absWebServiceEnabled", "lisInternalUrl", "absInternalServerUrl", "absExternalServerUrl",
    "abwqInternalUrl", "abwqExternalUrl", "dlxInternalUrl", "dlxExternalUrl", "dlxEnabled",
    "updatesServerInternalUrl", "updatesServerExternalUrl", "updatesServerEnabled", "organization",
    "helpdeskInternalUrl", "helpdeskExternalUrl", "consoleDownloadInternalUrl",
    "consoleDownloadExternalUrl", "ucPortRangeEnabled", "ucMinMediaPort", "ucMaxMediaPort",
    "ucMinSipDynamicPort", "ucMaxSipDynamicPort", "ucMinAudioPort", "ucMaxAudioPort",
    "ucMinVideoPort", "ucMaxVideoPort", "ucPC2PCAVEncryption", "ucMaxVideoRateAllowed",
    "qosEnabled", "enableInCallQoS", "inCallQoSIntervalSeconds", "ucDiffServVoice",
    "ucVoice802_1p", "ucEnforcePinLock", "ucMinPinLength", "ucPhoneTimeOut", "ucExchangeMWIPoll",
    "ucEnableSIPSecurityMode", "ucEnableUserLogging", "loggingLevel", "enableBWPolicyCheck",
    "poolUri", "qosUri", "callParkServerUri", "responseGroupServiceInternalURL",
    "botSipUriForTestCall", "cwaInternalUri", "cwaExternalUri", "ucLocationProfile",
    "focusFactoryUri", "voiceMailUri",
)
FAILURES = (
    ("404 Not Found", "ms-diagnostics: 4005;reason=\"Destination URI either not enabled for SIP or does not exist\";source=\"%s\"" % POOL),
    ("480 Temporarily Unavailable", "ms-diagnostics: 1034;reason=\"Previous hop federated peer did not report diagnostic information\";Domain=\"fabrikam.com\";PeerServer=\"sip.fabrikam.com\";source=\"sip.%s\"" % DOMAIN),
    ("488 Not Acceptable Here", "ms-client-diagnostics: 52017;reason=\"Encryption levels dont match\""),
    ("480 Temporarily Unavailable", "ms-diagnostics: 10003;reason=\"Proxy returned a SIP failure code\";component=\"MediationServer\";SipResponseCode=\"480\";source=\"med01.%s\"" % DOMAIN),
)


class Gen:
    def __init__(self, seed, eol):
        self.r = random.Random(seed)
        self.eol = eol
        self.ms = 12 * 3600 * 1000            # time of day, in ms
        self.day = 0
        self.pid = 0x1A2C
        self.tids = (0x4FC, 0x36EC, 0x1F08, 0x2210)
        self.user = "sip:alice@%s" % DOMAIN
        self.epid = "%010x" % self.r.getrandbits(40)
        self.local_ip = "192.168.1.%d" % self.r.randint(10, 200)
        self.local_port = self.r.randint(49152, 65000)
        self.cseq = 1
        self.out = []
        self.nbytes = 0
        self.prefix_cache = None

    # ---- helpers ----
    def hexid(self, bits=128):
        return "%0*x" % (bits // 4, self.r.getrandbits(bits))

    def b64(self, n):
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        return "".join(self.r.choice(alphabet) for _ in range(n))

    def prefix(self, level="INFO ", tid=None):
        self.ms += self.r.randint(0, 40)
        if self.ms >= 86400000:
            self.ms -= 86400000
            self.day += 1
        t = self.ms
        h, t = divmod(t, 3600000)
        m, t = divmod(t, 60000)
        s, ms = divmod(t, 1000)
        date = "%02d/%02d/2014" % (6, 5 + self.day % 20)
        return "%s|%02d:%02d:%02d.%03d %X:%X %s ::" % (date, h, m, s, ms, self.pid,
                                                     tid if tid is not None else self.tids[0], level)

    def emit(self, text):
        self.out.append(text)
        self.nbytes += len(text)

    def trace(self):
        r = self.r
        fields = {"n": r.randint(1, 99999), "h": r.getrandbits(32), "m": r.randint(1, 5000),
                  "d": DOMAIN, "k": r.randint(0, 12), "j": r.randint(0, 12), "e": EDGE_EXT_IP,
                  "s": r.choice((100, 180, 200, 401, 404, 488))}
        self.emit(self.prefix(r.choice(LEVELS), r.choice(self.tids)) + " " +
                  r.choice(TRACE_TEXTS) % fields + self.eol)

    def packet(self, msg, sent=True):
        """Frame one SIP message (written with CRLF) as the client logs it."""
        crlf_len = len(msg.encode("utf-8"))
        if self.eol != "\r\n":
            msg = msg.replace("\r\n", self.eol)
        kind = "Sending Packet" if sent else "Data Received"
        la = "From Local Address" if sent else "To Local Address"
        head = "%s - %s (%s: %s:%d) %d bytes" % (kind, SERVER, la, self.local_ip, self.local_port, crlf_len)
        tid = self.tids[1]
        p = self.prefix("INFO ", tid)
        tail = "" if msg.endswith(self.eol) else self.eol
        self.emit(p + " " + head + ":" + self.eol + p + " " + msg + tail +
                  p + " End of " + head + self.eol)

    def interleave(self):
        # 70 % trace records, 30 % packets: on average 7/3 trace records per packet.
        for _ in range(self.r.choice((1, 2, 2, 3, 3, 3))):
            self.trace()

    # ---- messages (always built with CRLF) ----
    def request(self, method, uri, call_id, cseq, to, ftag, extra, ctype=None, body=""):
        lines = ["%s %s SIP/2.0" % (method, uri),
                 "Via: SIP/2.0/TLS %s:%d" % (self.local_ip, self.local_port),
                 "Max-Forwards: 70",
                 "From: <%s>;tag=%s;epid=%s" % (self.user, ftag, self.epid),
                 "To: <%s>" % to,
                 "Call-ID: %s" % call_id,
                 "CSeq: %d %s" % (cseq, method),
                 "Contact: <%s;opaque=user:epid:%s;gruu>" % (self.user, self.epid),
                 "User-Agent: %s" % UA]
        lines += extra
        lines.append("Proxy-Authorization: NTLM qop=\"auth\", realm=\"SIP Communications Service\", "
                     "opaque=\"%08X\", targetname=\"%s\", crand=\"%08x\", cnum=\"%d\", response=\"%s\""
                     % (self.r.getrandbits(32), POOL, self.r.getrandbits(32), cseq, self.hexid(128)))
        return self.finish(lines, ctype, body)

    def response(self, status, call_id, cseq, method, to, ftag, ttag, extra, ctype=None, body=""):
        lines = ["SIP/2.0 %s" % status,
                 "Via: SIP/2.0/TLS %s:%d;ms-received-port=%d;ms-received-cid=%X"
                 % (self.local_ip, self.local_port, self.local_port, self.r.getrandbits(16)),
                 "From: \"Alice\"<%s>;tag=%s;epid=%s" % (self.user, ftag, self.epid),
                 "To: <%s>;tag=%s" % (to, ttag),
                 "Call-ID: %s" % call_id,
                 "CSeq: %d %s" % (cseq, method),
                 "Authentication-Info: NTLM rspauth=\"%s\", srand=\"%08X\", snum=\"%d\", "
                 "opaque=\"%08X\", qop=\"auth\", targetname=\"%s\", realm=\"SIP Communications Service\""
                 % (self.hexid(128), self.r.getrandbits(32), cseq, self.r.getrandbits(32), POOL)]
        lines += extra
        return self.finish(lines, ctype, body)

    @staticmethod
    def finish(lines, ctype, body):
        if ctype:
            lines.append("Content-Type: %s" % ctype)
        lines.append("Content-Length: %d" % len(body.encode("utf-8")))
        return "\r\n".join(lines) + "\r\n\r\n" + body

    def next_cseq(self):
        self.cseq += 1
        return self.cseq

    # ---- flows ----
    def register(self):
        cid, ftag = self.hexid(), self.hexid(40)
        extra = ["Supported: gruu-10, adhoclist, msrtc-event-categories",
                 "Supported: ms-forking", "Supported: ms-cluster-failover",
                 "ms-keep-alive: UAC;hop-hop=yes", "Event: registration"]
        c = self.next_cseq()
        self.packet(self.request("REGISTER", "sip:" + DOMAIN, cid, c, self.user, ftag, extra))
        self.interleave()
        ok = ["ms-user-logon-data: RemoteUser",
              "Contact: <sip:%s:%d;transport=tls;ms-opaque=%s>;expires=900;+sip.instance=\"<urn:uuid:%s>\";gruu=\"%s;opaque=user:epid:%s;gruu\""
              % (self.local_ip, self.local_port, self.hexid(32), self.hexid(), self.user, self.epid),
              "Expires: 900",
              "presence-state: register-action=\"added\"",
              "Allow-Events: vnd-microsoft-provisioning,vnd-microsoft-roaming-contacts,vnd-microsoft-roaming-ACL,presence,presence.wpending,vnd-microsoft-roaming-self,vnd-microsoft-provisioning-v2",
              "Supported: adhoclist", "Server: RTC/5.0",
              "Supported: msrtc-event-categories", "Supported: ms-keep-alive-deregister",
              "ms-keep-alive: UAS; tcp=no; hop-hop=yes; end-end=no; timeout=300"]
        self.packet(self.response("200 OK", cid, c, "REGISTER", self.user, ftag, self.hexid(32), ok), sent=False)

    def signin(self):
        cid, ftag = self.hexid(), self.hexid(40)
        c = self.next_cseq()
        self.packet(self.request("REGISTER", "sip:" + DOMAIN, cid, c, self.user, ftag,
                                 ["Supported: gruu-10", "Event: registration"]))
        self.interleave()
        self.packet(self.response("401 Unauthorized", cid, c, "REGISTER", self.user, ftag, self.hexid(32),
                                  ["WWW-Authenticate: NTLM realm=\"SIP Communications Service\", targetname=\"%s\", version=4" % POOL,
                                   "WWW-Authenticate: Kerberos realm=\"SIP Communications Service\", targetname=\"sip/%s\", version=4" % POOL,
                                   "Server: RTC/5.0"]), sent=False)
        self.interleave()
        self.register()
        self.interleave()
        self.provisioning()
        self.interleave()
        self.mras()

    def provisioning(self):
        cid, ftag = self.hexid(), self.hexid(40)
        req_body = ("<provisioningGroupList xmlns=\"http://schemas.microsoft.com/2006/09/sip/provisioninggrouplist\">"
                    + "".join("<provisioningGroup name=\"%s\"/>" % g for g in
                              ("ServerConfiguration", "meetingPolicy", "ucPolicy", "publicationGrammar",
                               "userSetting", "persistentChatConfiguration", "presencePolicyV2"))
                    + "</provisioningGroupList>")
        c = self.next_cseq()
        extra = ["Event: vnd-microsoft-provisioning-v2",
                 "Accept: application/vnd-microsoft-roaming-provisioning-v2+xml",
                 "Supported: com.microsoft.autoextend", "Supported: ms-benotify",
                 "Proxy-Require: ms-benotify", "Supported: ms-piggyback-first-notify", "Expires: 0"]
        self.packet(self.request("SUBSCRIBE", self.user, cid, c, self.user, ftag, extra,
                                 "application/vnd-microsoft-roaming-provisioning-v2+xml", req_body))
        self.interleave()
        self.packet(self.response("200 OK", cid, c, "SUBSCRIBE", self.user, ftag, self.hexid(32),
                                  ["Expires: 0", "Event: vnd-microsoft-provisioning-v2",
                                   "subscription-state: terminated;expires=0", "ms-piggyback-cseq: 1",
                                   "Supported: ms-piggyback-first-notify"],
                                  "application/vnd-microsoft-roaming-provisioning-v2+xml",
                                  self.provisioning_xml()), sent=False)

    def provisioning_xml(self):
        r = self.r
        x = ["<provisionGroupList xmlns=\"http://schemas.microsoft.com/2006/09/sip/provisiongrouplist-notification\">\r\n",
             "<provisionGroup name=\"ServerConfiguration\" >\r\n"]
        for k in SERVER_CONFIG_KEYS:
            if k.endswith("Url") or k.endswith("URL") or k.endswith("Uri"):
                v = "https://%s/%s/%s" % (POOL, k, self.hexid(32))
            elif k.endswith("Port"):
                v = str(r.randint(1024, 65535))
            else:
                v = r.choice(("true", "false", "RequireEncryption", "VGA-600K", "40", "Corporation"))
            x.append("<%s>%s</%s>\r\n" % (k, v, k))
        x.append("<mrasUri>%s</mrasUri>\r\n</provisionGroup>\r\n" % MRAS_URI)
        for group in ("meetingPolicy", "ucPolicy"):
            x.append("<provisionGroup name=\"%s\" >\r\n<instance>\r\n" % group)
            for i in range(r.randint(25, 40)):
                x.append("<property name=\"%sSetting%d\">%s</property>\r\n"
                         % (group, i, r.choice(("true", "false", "Everyone", "EnabledOutsideCallsOnly", str(r.randint(0, 9999))))))
            x.append("</instance>\r\n</provisionGroup>\r\n")
        x.append("<provisionGroup name=\"publicationGrammar\" >\r\n<publicationGrammar>\r\n")
        for i in range(r.randint(40, 70)):
            x.append("<category name=\"cat%d\" container=\"%d\" instance=\"0\" maxVersion=\"%d\" "
                     "publicationMode=\"%s\"><sourceList><source name=\"device\" fqdn=\"%s\"/></sourceList></category>\r\n"
                     % (i, r.randint(100, 400), r.randint(1, 99), r.choice(("immediate", "deferred")), POOL))
        x.append("</publicationGrammar>\r\n</provisionGroup>\r\n</provisionGroupList>")
        return "".join(x)

    def mras(self):
        cid, ftag = self.hexid(), self.hexid(40)
        rid = str(self.r.randint(10000000, 99999999))
        body = ("<request requestID=\"%s\" version=\"2.0\" to=\"%s\" from=\"%s\" "
                "xmlns=\"http://schemas.microsoft.com/2006/09/sip/mrasp\" "
                "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><credentialsRequest "
                "credentialsRequestID=\"%s\"><identity>%s</identity><location>internet</location>"
                "<duration>480</duration></credentialsRequest></request>" % (rid, MRAS_URI, self.user, rid, self.user))
        c = self.next_cseq()
        self.packet(self.request("SERVICE", MRAS_URI, cid, c, MRAS_URI, ftag, [],
                                 "application/msrtc-media-relay-auth+xml", body))
        self.interleave()
        resp = ("<?xml version=\"1.0\"?>\r\n<response xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" requestID=\"%s\" version=\"2.0\" serverVersion=\"2.0\" "
                "to=\"%s\" from=\"%s\" reasonPhrase=\"OK\" xmlns=\"http://schemas.microsoft.com/2006/09/sip/mrasp\">\r\n"
                "  <credentialsResponse credentialsRequestID=\"%s\">\r\n    <credentials>\r\n"
                "      <username>%s</username>\r\n      <password>%s</password>\r\n"
                "      <duration>480</duration>\r\n    </credentials>\r\n    <mediaRelayList>\r\n"
                "      <mediaRelay>\r\n        <location>intranet</location>\r\n        <hostName>%s</hostName>\r\n"
                "        <udpPort>3478</udpPort>\r\n        <tcpPort>443</tcpPort>\r\n      </mediaRelay>\r\n"
                "      <mediaRelay>\r\n        <location>internet</location>\r\n        <directIPAddress>%s</directIPAddress>\r\n"
                "        <udpPort>3478</udpPort>\r\n        <tcpPort>443</tcpPort>\r\n      </mediaRelay>\r\n"
                "    </mediaRelayList>\r\n  </credentialsResponse>\r\n</response>"
                % (rid, MRAS_URI, self.user, rid, self.b64(72), self.b64(28), EDGE_INT, EDGE_EXT_IP))
        self.packet(self.response("200 OK", cid, c, "SERVICE", MRAS_URI, ftag, self.hexid(36),
                                  ["Server: RTCC/5.0.0.0 MRAS/2.0",
                                   "ms-edge-proxy-message-trust: ms-source-type=EdgeProxyGenerated;ms-ep-fqdn=%s;ms-source-verified-user=verified" % EDGE_INT],
                                  "application/msrtc-media-relay-auth+xml", resp), sent=False)

    def presence(self):
        cid, ftag = self.hexid(), self.hexid(40)
        peers = ["sip:user%d@%s" % (self.r.randint(1, 5000), DOMAIN) for _ in range(self.r.randint(2, 12))]
        body = ("<batchSub xmlns=\"http://schemas.microsoft.com/2006/01/sip/batch-subscribe\" uri=\"%s\" name=\"\">"
                "<action name=\"subscribe\" id=\"%d\"><adhocList>%s</adhocList><categoryList "
                "xmlns=\"http://schemas.microsoft.com/2006/09/sip/categorylist\"><category name=\"calendarData\"/>"
                "<category name=\"contactCard\"/><category name=\"note\"/><category name=\"state\"/></categoryList>"
                "</action></batchSub>" % (self.user, self.r.randint(1, 10 ** 8),
                                          "".join("<resource uri=\"%s\"/>" % p for p in peers)))
        c = self.next_cseq()
        extra = ["Event: presence", "Accept: application/msrtc-event-categories+xml, application/xpidf+xml, "
                 "text/xml+msrtc.pidf, application/pidf+xml, application/rlmi+xml, multipart/related",
                 "Supported: com.microsoft.autoextend", "Supported: ms-benotify", "Proxy-Require: ms-benotify",
                 "Supported: ms-piggyback-first-notify", "Require: adhoclist, categoryList", "Supported: eventlist"]
        self.packet(self.request("SUBSCRIBE", self.user, cid, c, self.user, ftag, extra,
                                 "application/msrtc-adrl-categorylist+xml", body))
        self.interleave()
        self.packet(self.response("200 OK", cid, c, "SUBSCRIBE", self.user, ftag, self.hexid(32),
                                  ["Expires: 27300", "Event: presence", "subscription-state: active;expires=27300",
                                   "ms-piggyback-cseq: 1", "Supported: ms-benotify"]), sent=False)

    def benotify(self):
        r = self.r
        cid = self.hexid()
        cats = "".join(
            "<categories xmlns=\"http://schemas.microsoft.com/2006/09/sip/categories\" uri=\"sip:user%d@%s\">"
            "<category name=\"state\" instance=\"%d\" publishTime=\"2014-06-05T12:%02d:%02d.000\" container=\"%d\" "
            "version=\"%d\" expireType=\"endpoint\"><state xsi:type=\"aggregateState\" "
            "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"http://schemas.microsoft.com/2006/09/sip/state\">"
            "<availability>%d</availability><delimiter xmlns=\"http://schemas.microsoft.com/2006/09/sip/commontypes\"/>"
            "</state></category></categories>"
            % (r.randint(1, 5000), DOMAIN, r.getrandbits(30), r.randint(0, 59), r.randint(0, 59),
               r.choice((2, 3, 100, 300)), r.randint(1, 50), r.choice((3500, 6500, 9500, 15500, 18500)))
            for _ in range(r.randint(1, 4)))
        body = "<roamingData xmlns=\"http://schemas.microsoft.com/2006/09/sip/roaming-self\">%s</roamingData>" % cats
        lines = ["BENOTIFY sip:%s:%d;transport=tls;ms-opaque=%s;ms-received-cid=%X;grid SIP/2.0"
                 % (self.local_ip, self.local_port, self.hexid(32), r.getrandbits(16)),
                 "Via: SIP/2.0/TLS 10.0.1.5:5061;branch=z9hG4bK%s;branched=FALSE;ms-internal-info=\"%s\""
                 % (self.hexid(64), self.b64(40)),
                 "Max-Forwards: 70",
                 "To: <%s>;tag=%s;epid=%s" % (self.user, self.hexid(40), self.epid),
                 "From: <%s>;tag=%s" % (self.user, self.hexid(32)),
                 "Call-ID: %s" % cid,
                 "CSeq: %d BENOTIFY" % r.randint(1, 500),
                 "Require: eventlist",
                 "Event: vnd-microsoft-roaming-self",
                 "subscription-state: active;expires=%d" % r.randint(1000, 30000)]
        self.packet(self.finish(lines, "application/vnd-microsoft-roaming-self+xml", body), sent=False)

    def sdp_offer(self, port_base):
        r = self.r
        ip = self.local_ip
        nat = "203.0.113.%d" % r.randint(2, 250)
        relay_port = r.randint(50000, 59999)
        head = ("v=0\r\no=- 0 0 IN IP4 %s\r\ns=session\r\nc=IN IP4 %s\r\nb=CT:99980\r\nt=0 0\r\n" % (ip, ip))
        # draft 6 (ms-proxy-2007fallback)
        d6 = [head, "m=audio %d RTP/AVP 114 111 112 115 116 4 8 0 97 13 118 101\r\n" % port_base,
              "k=base64:%s\r\n" % self.b64(64)]
        for q, addr, port in (("0.830", ip, port_base), ("0.550", nat, port_base + 2),
                              ("0.450", EDGE_EXT_IP, relay_port), ("0.190", ip, port_base + 4)):
            user, pwd = self.b64(43), self.b64(22)
            for comp in (1, 2):
                d6.append("a=candidate:%s %d %s %s %s %s %d \r\n"
                          % (user, comp, pwd, "TCP" if q == "0.190" else "UDP", q, addr, port + comp - 1))
        d6.append("a=cryptoscale:1 client AES_CM_128_HMAC_SHA1_80 inline:%s|2^31|1:1\r\n" % self.b64(40))
        d6.append("a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:%s|2^31|1:1\r\n" % self.b64(40))
        d6.append("a=maxptime:200\r\na=rtcp:%d\r\n" % (port_base + 1))
        for pt, name in ((114, "x-msrta/16000"), (111, "SIREN/16000"), (112, "G7221/16000"), (0, "PCMU/8000"),
                         (8, "PCMA/8000"), (101, "telephone-event/8000")):
            d6.append("a=rtpmap:%d %s\r\n" % (pt, name))
        d6.append("a=fmtp:101 0-16\r\na=encryption:optional\r\n")
        # RFC 5245
        v19 = [head, "a=x-devicecaps:audio:send,recv;video:send,recv\r\n",
               "m=audio %d RTP/AVP 114 111 112 115 116 4 8 0 97 13 118 101\r\n" % port_base,
               "a=x-ssrc-range:%d-%d\r\n" % ((r.getrandbits(31),) * 2),
               "a=ice-ufrag:%s\r\na=ice-pwd:%s\r\n" % (self.b64(4), self.b64(24))]
        n = 1
        for comp in (1, 2):
            v19.append("a=candidate:1 %d UDP 2130706431 %s %d typ host\r\n" % (comp, ip, port_base + comp - 1))
            v19.append("a=candidate:2 %d TCP-PASS 174455807 %s %d typ relay raddr %s rport %d\r\n"
                       % (comp, EDGE_EXT_IP, relay_port + 10, nat, port_base + 10))
            v19.append("a=candidate:3 %d UDP 1694234111 %s %d typ srflx raddr %s rport %d\r\n"
                       % (comp, nat, port_base + comp + 1, ip, port_base + comp - 1))
            v19.append("a=candidate:4 %d UDP 184547839 %s %d typ relay raddr %s rport %d\r\n"
                       % (comp, EDGE_EXT_IP, relay_port + comp - 1, nat, port_base + comp + 1))
            v19.append("a=candidate:5 %d TCP-ACT 174847999 %s %d typ relay raddr %s rport %d\r\n"
                       % (comp, EDGE_EXT_IP, relay_port + 20, nat, port_base + 20))
            v19.append("a=x-candidate-ipv6:6 %d UDP 33553407 2001:db8:%x:%x::%x %d typ host\r\n"
                       % (comp, r.getrandbits(16), r.getrandbits(16), r.getrandbits(16), port_base + 30 + comp))
            n += 1
        v19.append("a=cryptoscale:1 client AES_CM_128_HMAC_SHA1_80 inline:%s|2^31|1:1\r\n" % self.b64(40))
        v19.append("a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:%s|2^31|1:1\r\n" % self.b64(40))
        v19.append("a=maxptime:200\r\na=rtcp:%d\r\n" % (port_base + 1))
        for pt, name in ((114, "x-msrta/16000"), (111, "SIREN/16000"), (112, "G7221/16000"), (0, "PCMU/8000"),
                         (8, "PCMA/8000"), (101, "telephone-event/8000")):
            v19.append("a=rtpmap:%d %s\r\n" % (pt, name))
        v19.append("a=fmtp:101 0-16\r\na=encryption:optional\r\n")
        return "".join(d6), "".join(v19)

    def call(self):
        r = self.r
        cid, ftag, ttag = self.hexid(), self.hexid(40), self.hexid(32)
        callee = "sip:user%d@%s" % (r.randint(1, 5000), DOMAIN)
        boundary = "----=_NextPart_000_%04X_%08X.%08X" % (r.getrandbits(16), r.getrandbits(32), r.getrandbits(32))
        d6, v19 = self.sdp_offer(r.randrange(50000, 59000, 2))
        body = ("--%s\r\nContent-Type: application/sdp\r\nContent-Transfer-Encoding: 7bit\r\n"
                "Content-ID: <%s@%s>\r\nContent-Disposition: session; handling=optional; ms-proxy-2007fallback\r\n\r\n%s\r\n"
                "--%s\r\nContent-Type: application/sdp\r\nContent-Transfer-Encoding: 7bit\r\n"
                "Content-ID: <%s@%s>\r\nContent-Disposition: session; handling=optional\r\n\r\n%s\r\n--%s--\r\n"
                % (boundary, self.hexid(), DOMAIN, d6, boundary, self.hexid(), DOMAIN, v19, boundary))
        c = self.next_cseq()
        extra = ["Ms-Conversation-ID: %s" % self.b64(28), "Supported: timer", "Supported: histinfo",
                 "Supported: ms-safe-transfer", "Supported: ms-sender", "Supported: ms-early-media",
                 "Supported: 100rel", "ms-keep-alive: UAC;hop-hop=yes",
                 "Allow: INVITE, BYE, ACK, CANCEL, INFO, UPDATE, REFER, NOTIFY, BENOTIFY, OPTIONS",
                 "ms-subnet: %s" % self.local_ip.rsplit(".", 1)[0] + ".0",
                 "ms-endpoint-location-data: NetworkScope;ms-media-location-type=Internet",
                 "P-Preferred-Identity: <%s>" % self.user, "Supported: ms-conf-invite"]
        self.packet(self.request("INVITE", callee, cid, c, callee, ftag, extra,
                                 "multipart/alternative;boundary=\"%s\"" % boundary, body))
        self.interleave()
        self.packet(self.response("100 Trying", cid, c, "INVITE", callee, ftag, ttag, []), sent=False)
        self.interleave()
        outcome = r.random()
        if outcome < 0.35:
            status, diag = r.choice(FAILURES)
            self.packet(self.response(status, cid, c, "INVITE", callee, ftag, ttag, [diag, "Server: RTC/5.0"]),
                        sent=False)
            self.interleave()
            self.packet(self.request("ACK", callee, cid, c, callee, ftag, []))
            return
        self.packet(self.response("180 Ringing", cid, c, "INVITE", callee, ftag, ttag,
                                  ["Contact: <%s;opaque=user:epid:%s;gruu>" % (callee, self.b64(22))]), sent=False)
        self.interleave()
        ans_ip = "198.51.100.%d" % r.randint(2, 250)
        answer = ("v=0\r\no=- 0 1 IN IP4 %s\r\ns=session\r\nc=IN IP4 %s\r\nb=CT:99980\r\nt=0 0\r\n"
                  "m=audio %d RTP/AVP 114 0 8 101\r\na=ice-ufrag:%s\r\na=ice-pwd:%s\r\n"
                  "a=candidate:1 1 UDP 2130706431 %s %d typ host\r\n"
                  "a=candidate:4 1 UDP 184547839 %s %d typ relay raddr %s rport %d\r\n"
                  "a=rtpmap:114 x-msrta/16000\r\na=rtpmap:0 PCMU/8000\r\na=encryption:optional\r\n"
                  % (ans_ip, ans_ip, r.randint(1024, 65000), self.b64(4), self.b64(24), ans_ip,
                     r.randint(1024, 65000), EDGE_EXT_IP, r.randint(50000, 59999), ans_ip, r.randint(1024, 65000)))
        self.packet(self.response("200 OK", cid, c, "INVITE", callee, ftag, ttag,
                                  ["Contact: <%s;opaque=user:epid:%s;gruu>" % (callee, self.b64(22)),
                                   "Session-Expires: 720;refresher=uac",
                                   "ms-client-diagnostics: 51007;reason=\"Callee media connectivity diagnosis info\";"
                                   "CalleeMediaDebug=\"audio:ICEWarn=0x0,LocalSite=%s:%d,LocalMR=%s:%d,PortRange=1025:65000,"
                                   "LocalLocation=1,RemoteLocation=2,FederationType=0\"" % (ans_ip, 5000, EDGE_EXT_IP, 3478)],
                                  "application/sdp", answer), sent=False)
        self.interleave()
        self.packet(self.request("ACK", callee, cid, c, callee, ftag, []))
        self.interleave()
        c2 = self.next_cseq()
        fail = r.random() < 0.2
        diag = ("ms-client-diagnostics: 23;reason=\"Call failed to establish due to a media connectivity failure "
                "when one endpoint is internal and the other is remote\";CallerMediaDebug=\"audio:ICEWarn=0x40003a0,"
                "LocalSite=%s:%d,LocalMR=%s:%d,RemoteSite=%s:5000,PortRange=1025:65000,LocalLocation=1,RemoteLocation=2\""
                % (self.local_ip, 50000, EDGE_EXT_IP, 3478, ans_ip)) if fail else \
               "ms-client-diagnostics: 51004;reason=\"Action initiated by user\""
        self.packet(self.request("BYE", callee, cid, c2, callee, ftag, [diag]))
        self.interleave()
        self.packet(self.response("200 OK", cid, c2, "BYE", callee, ftag, ttag, []), sent=False)

    def one_call(self, size, shape):
        self.signin()
        cid, ftag = self.hexid(), self.hexid(40)
        callee = "sip:bob@%s" % DOMAIN
        c = self.next_cseq()
        offer, _ = self.sdp_offer(50000)
        self.packet(self.request("INVITE", callee, cid, c, callee, ftag, ["Supported: 100rel"],
                                 "application/sdp", offer))
        # short messages, so that a log of a few MB holds 10^5 of them
        brief = "SIP/2.0 %s\r\nCall-ID: %s\r\nCSeq: %d INVITE\r\nContent-Length: 0\r\n\r\n"
        while self.nbytes < size:
            if shape == "183":
                self.packet(brief % ("183 Session Progress", cid, c), sent=False)
            else:
                c = self.next_cseq()
                self.packet("INVITE %s SIP/2.0\r\nCall-ID: %s\r\nCSeq: %d INVITE\r\nContent-Length: 0\r\n\r\n"
                            % (callee, cid, c))
                self.packet(brief % ("200 OK", cid, c), sent=False)
            if len(self.out) > 4096:
                yield "".join(self.out)
                self.out = []
        yield "".join(self.out)
        self.out = []

    def run(self, size):
        self.signin()
        flows = ((self.benotify, 30), (self.register, 8), (self.presence, 12), (self.call, 6),
                 (self.provisioning, 1), (self.mras, 2), (self.signin, 1))
        funcs = [f for f, w in flows for _ in range(w)]
        written = 0
        while self.nbytes < size:
            self.interleave()
            self.r.choice(funcs)()
            if len(self.out) > 4096:
                yield "".join(self.out)
                self.out = []
        yield "".join(self.out)
        self.out = []


def parse_size(s):
    mult = {"k": 10 ** 3, "m": 10 ** 6, "g": 10 ** 9}
    s = s.strip().lower()
    if s and s[-1] in mult:
        return int(float(s[:-1]) * mult[s[-1]])
    return int(s)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", default="20M", help="approximate size: bytes, or with k/M/G (10^3 multiples)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--eol", choices=("crlf", "lf"), default="crlf")
    ap.add_argument("--one-call", choices=("183", "reinvite"),
                    help="one call of many responses (183) or many re-INVITEs, instead of the usual mix")
    ap.add_argument("-o", "--output", default="-")
    a = ap.parse_args()
    g = Gen(a.seed, "\r\n" if a.eol == "crlf" else "\n")
    out = sys.stdout.buffer if a.output == "-" else open(a.output, "wb")
    size = parse_size(a.size)
    for chunk in (g.one_call(size, a.one_call) if a.one_call else g.run(size)):
        out.write(chunk.encode("utf-8"))
    if out is not sys.stdout.buffer:
        out.close()


if __name__ == "__main__":
    main()
