#!/usr/bin/env python3
"""Build the diagnostics fixtures from ../seed.uccapilog (the seed's log, rebuilt).

Each fixture takes the seed's packets and removes, changes or adds messages to
reach one verdict; byte counts are recomputed, line ends stay CRLF. Run it from
this directory; it rewrites every *.uccapilog here. README.md says what each is.
"""
import re

SEED = open("../seed.uccapilog", "rb").read().decode("utf-8")
FRAME = re.compile(
    r"^(?P<hdr>\d\d/\d\d/\d{4}\|[\d:.]+ [0-9A-F]+:[0-9A-F]+ INFO  :: )"
    r"(?P<kind>Sending Packet|Data Received) - (?P<remote>\S+) \((?:From|To) Local Address: (?P<local>[^)]+)\) (?P<n>\d+) bytes:\r\n"
    r"(?P=hdr)(?P<body>.*?)\r\n"
    r"\d\d/\d\d/\d{4}\|[\d:.]+ [0-9A-F]+:[0-9A-F]+ INFO  :: End of ",
    re.S | re.M)


def seed_packets():
    out = []
    for m in FRAME.finditer(SEED):
        body = m.group("body")
        n = int(m.group("n"))
        if len(body.encode()) + 2 == n:  # the message ends in its own CRLF
            body += "\r\n"
        assert len(body.encode()) == n, (m.group("kind"), n, len(body.encode()))
        out.append({"hdr": m.group("hdr"), "out": m.group("kind") == "Sending Packet",
                    "remote": m.group("remote"), "local": m.group("local"), "msg": body})
    return out


def packet(p):
    kind = "Sending Packet" if p["out"] else "Data Received"
    la = "From Local Address" if p["out"] else "To Local Address"
    msg = p["msg"]
    n = len(msg.encode())
    head = "%s - %s (%s: %s) %d bytes" % (kind, p["remote"], la, p["local"], n)
    return (p["hdr"] + head + ":\r\n" + p["hdr"] + msg + ("" if msg.endswith("\r\n") else "\r\n")
            + p["hdr"] + "End of " + head + "\r\n")


def write(name, packets, extra_before=""):
    text = extra_before + "".join(packet(p) for p in packets)
    open(name, "wb").write(text.encode())


def with_body(msg, body, ctype=None):
    """Replace a message's body, fixing Content-Length (and Content-Type)."""
    head, _, _ = msg.partition("\r\n\r\n")
    head = re.sub(r"(?im)^(Content-Length:) *\d+", lambda m: "%s %d" % (m.group(1), len(body.encode())), head)
    if ctype:
        head = re.sub(r"(?im)^(Content-Type:) *.*$", lambda m: "%s %s" % (m.group(1), ctype), head)
    return head + "\r\n\r\n" + body


def body_of(msg):
    return msg.partition("\r\n\r\n")[2]


def with_time(p, hms):
    q = dict(p)
    q["hdr"] = re.sub(r"\|[\d:.]+ ", "|%s " % hms, p["hdr"])
    return q


def response(req, status, extra_headers="", body="", ctype=None, hms="23:35:12.100"):
    """A response the client receives to request packet `req`."""
    msg = req["msg"]
    def h(name):
        for line in msg.partition("\r\n\r\n")[0].split("\r\n"):
            if line.lower().startswith(name.lower() + ":"):
                return line.split(":", 1)[1].strip()
        return ""
    lines = ["SIP/2.0 %s" % status,
             "Via: " + h("Via"),
             "From: " + h("From"),
             "To: " + h("To") + ";tag=9a8b7c6d",
             "Call-ID: " + h("Call-ID"),
             "CSeq: " + h("CSeq")]
    if extra_headers:
        lines += extra_headers.split("\r\n")
    if ctype:
        lines.append("Content-Type: " + ctype)
    lines.append("Content-Length: %d" % len(body.encode()))
    p = with_time(req, hms)
    p["out"] = False
    p["msg"] = "\r\n".join(lines) + "\r\n\r\n" + body
    return p


def main():
    sub, sub_ok, svc, svc_ok, invite = seed_packets()
    relay_line = "a=candidate:Rl1y2t63HSfeFuulLk6WjcDzcz4aV8VWg2Hlw 1 0VOOAdm3Py63sPHZvIzrBQ UDP 0.450 131.107.0.10 55000\r\n"
    nat_line = "a=candidate:Nl1y2t63HSfeFuulLk6WjcDzcz4aV8VWg2Hlw 1 0VOOAdm3Py63sPHZvIzrBQ UDP 0.450 10.20.30.40 55010\r\n"

    def invite_with(extra_line, call_id=None, hms=None):
        msg = invite["msg"]
        body = body_of(msg)
        i = body.index("a=candidate:")
        body = body[:i] + extra_line + body[i:]
        p = dict(invite)
        p["msg"] = with_body(msg, body)
        if call_id:
            p["msg"] = p["msg"].replace("e41f3fa11696494d90130b78761b202c", call_id)
        if hms:
            p = with_time(p, hms)
        return p

    # The procedure reaches the Edge step and finds a relay candidate.
    write("relay-candidate.uccapilog", [sub, sub_ok, svc, svc_ok, invite_with(relay_line)])
    # A candidate on a private address in the Edge port range: the NAT case.
    write("nat-private.uccapilog", [sub, sub_ok, svc, svc_ok, invite_with(nat_line)])
    # No SIP at all: trace lines only.
    write("no-sip.uccapilog", [], extra_before="".join(
        "11/21/2008|23:31:%02d.000 190:4FC INFO  :: CUccSession::Initialize state %d\r\n" % (i, i) for i in range(5)))
    # The sign-in is in the older rotated file: only the INVITE here.
    write("invite-only.uccapilog", [invite])
    # The provisioning SUBSCRIBE is refused.
    refused = response(sub, "403 Forbidden",
                       'ms-diagnostics: 4005;reason="Destination URI either not enabled for SIP or does not exist";source="pool01.litwareinc.com"',
                       hms="23:31:10.396")
    write("provisioning-refused.uccapilog", [sub, refused, invite])
    write("provisioning-unanswered.uccapilog", [sub, invite])
    # mrasUri known, no SERVICE sent before the call.
    write("mras-not-requested.uccapilog", [sub, sub_ok, invite])
    # MRAS answers Forbidden with no credentials.
    forbidden = ('<?xml version="1.0"?>\r\n<response xmlns="http://schemas.microsoft.com/2006/09/sip/mrasp" '
                 'requestID="31344152" version="2.0" serverVersion="2.0" '
                 'to="sip:edgesrv.litwareinc.com@litwareinc.com;gruu;opaque=srvr:MRAS:P2nY_WtqnEGPHhBbcYD8VQAA" '
                 'from="sip:bart@litwareinc.com" reasonPhrase="Forbidden"></response>')
    svc_forbidden = dict(svc_ok)
    svc_forbidden["msg"] = with_body(svc_ok["msg"], forbidden)
    write("mras-forbidden.uccapilog", [sub, sub_ok, svc, svc_forbidden, invite])
    # MRAS SERVICE refused by the server with ms-diagnostics.
    svc_504 = response(svc, "504 Server time-out",
                       'ms-diagnostics: 1008;reason="Unable to resolve DNS SRV record";source="pool01.litwareinc.com"',
                       hms="23:31:11.428")
    write("mras-504.uccapilog", [sub, sub_ok, svc, svc_504, invite])
    # The call fails on media: the callee answers 488 with ms-client-diagnostics 23 and ICEWarn.
    media = response(invite, "488 Not Acceptable Here",
                     'ms-client-diagnostics: 23;reason="Call failed to establish due to a media connectivity failure '
                     'when one endpoint is internal and the other is remote";CalleeMediaDebug="audio:ICEWarn=0x40000a3,'
                     'LocalSite=10.0.0.20:20612,LocalMR=131.107.0.10:55512,RemoteSite=192.168.1.10:50000,RemoteMR=,'
                     'PortRange=1025:65000,LocalMRTCPPort=55512,RemoteMRTCPPort=0,LocalLocation=2,RemoteLocation=1,'
                     'FederationType=0"')
    write("media-failed.uccapilog", [sub, sub_ok, svc, svc_ok, invite_with(relay_line), media])
    # The call is refused by a server with ms-diagnostics (not a media failure).
    rejected = response(invite, "404 Not Found",
                        'ms-diagnostics: 4005;reason="Destination URI either not enabled for SIP or does not exist";'
                        'source="pool01.litwareinc.com"')
    write("call-rejected.uccapilog", [sub, sub_ok, svc, svc_ok, invite_with(relay_line), rejected])
    # The callee ends it: a refusal whose ms-client-diagnostics is a normal end (not a failure).
    declined = response(invite, "603 Decline", 'ms-client-diagnostics: 51004;reason="Action initiated by user"')
    write("call-declined.uccapilog", [sub, sub_ok, svc, svc_ok, invite_with(relay_line), declined])
    # Two calls after one sign-in: one with a relay candidate, one without.
    write("two-calls.uccapilog", [sub, sub_ok, svc, svc_ok, invite,
                                  invite_with(relay_line, "2b0c6e1f8d8b4c6fa1d1d1b0a9e8c7f6", "23:37:02.120")])
    # Six calls after one sign-in, for the views of a log of many calls: two refused alike (404
    # with ms-diagnostics 4005), one unanswered, one established, one cancelled by the client,
    # one received.
    def call(cid, hms):
        return invite_with(relay_line, cid, hms)
    c1, c2 = call("a1000000000000000000000000000001", "23:40:00.100"), call("a2000000000000000000000000000002", "23:41:00.100")
    c4, c5 = call("a4000000000000000000000000000004", "23:43:00.100"), call("a5000000000000000000000000000005", "23:44:00.100")
    c3 = dict(invite_with("", "a3000000000000000000000000000003", "23:42:00.100"))
    refused_4005 = 'ms-diagnostics: 4005;reason="Destination URI either not enabled for SIP or does not exist";' \
                   'source="pool01.litwareinc.com"'
    cancel = with_time(c5, "23:44:05.000")
    head = c5["msg"].partition("\r\n\r\n")[0].split("\r\n")
    cancel["msg"] = "\r\n".join([head[0].replace("INVITE", "CANCEL", 1)] +
                                [h for h in head[1:] if h.split(":")[0].lower() in ("via", "from", "to", "call-id")] +
                                ["CSeq: 1 CANCEL", "Content-Length: 0"]) + "\r\n\r\n"
    # and call 6, received: jeremy calls, the client answers 200 OK with its offer's SDP
    c6 = call("a6000000000000000000000000000006", "23:45:00.100")
    c6["out"] = False
    c6["msg"] = (c6["msg"].replace("From: ", "X-From: ", 1).replace("To: ", "From: ", 1)
                 .replace("X-From: ", "To: ", 1))
    answered = response(c6, "200 OK", body=body_of(c6["msg"]), ctype="application/sdp", hms="23:45:03.000")
    answered["out"] = True
    write("many-calls.uccapilog", [sub, sub_ok, svc, svc_ok,
                                   c1, response(c1, "404 Not Found", refused_4005, hms="23:40:01.200"),
                                   c2, response(c2, "404 Not Found", refused_4005, hms="23:41:01.200"),
                                   c3,
                                   c4, response(c4, "200 OK", hms="23:43:02.000"),
                                   c5, cancel, response(c5, "487 Request Terminated", hms="23:44:05.100"),
                                   c6, answered])
    # An internal client: the sign-in responses carry no ms-user-logon-data.
    def internal(p):
        q = dict(p)
        q["msg"] = q["msg"].replace("ms-user-logon-data: RemoteUser\r\n", "")
        return q
    svc_int = dict(svc)
    svc_int["msg"] = with_body(svc["msg"], body_of(svc["msg"]).replace("<location>internet</location>",
                                                                         "<location>intranet</location>"))
    write("internal-client.uccapilog", [sub, internal(sub_ok), svc_int, internal(svc_ok), invite])


if __name__ == "__main__":
    main()
