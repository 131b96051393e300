#!/usr/bin/env python3
"""Build the rule fixtures of this directory from ../../seed.uccapilog (run it here).

One small log per rule case of the diagnosis: which candidates are the Edge's and which the
client's, what a call attempt is, and how certain a verdict may be. Each log is made of the
seed's packets (the provisioning SUBSCRIBE and its 200 OK, the MRAS SERVICE and its 200 OK, the
INVITE's headers) with messages changed or added; byte counts and Content-Length are exact,
line ends CRLF, and the records are stamped in order. expected.txt says what the diagnosis must
give for each, README.md why.

The seed helpers below are the few of ../make-fixtures.py these logs need (it reads the seed
from its own directory at import, so it is not imported).
"""
import re

EOL = "\r\n"
SEED = open("../../seed.uccapilog", "rb").read().decode("utf-8")
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
            body += EOL
        assert len(body.encode()) == n, (m.group("kind"), n, len(body.encode()))
        out.append({"hdr": m.group("hdr"), "out": m.group("kind") == "Sending Packet",
                    "remote": m.group("remote"), "local": m.group("local"), "msg": body})
    return out


SUB, SUB_OK, SVC, SVC_OK, INVITE = seed_packets()
MRAS_NS = "http://schemas.microsoft.com/2006/09/sip/mrasp"
LOCAL = "192.168.1.10"          # the client's address (the framing's Local Address)
ACCESS_EDGE_PUBLIC = "131.107.0.5:443"
CLIENT_NAT = "131.107.1.20"     # the client's home NAT, seen by the server (Via received=)


# ---- messages ----

def head_and_body(msg):
    head, _, body = msg.partition(EOL + EOL)
    return head, body


def header(msg, name):
    for line in head_and_body(msg)[0].split(EOL)[1:]:
        if line.lower().startswith(name.lower() + ":"):
            return line.split(":", 1)[1].strip()
    return ""


def with_body(msg, body, ctype=None):
    """Replace a message's body, fixing Content-Length (and Content-Type)."""
    head, _ = head_and_body(msg)
    head = re.sub(r"(?im)^(Content-Length:) *\d+", lambda m: "%s %d" % (m.group(1), len(body.encode())), head)
    if ctype:
        head = re.sub(r"(?im)^(Content-Type:) *[^\r\n]*", lambda m: "%s %s" % (m.group(1), ctype), head)
    return head + EOL + EOL + body


def with_header(msg, name, value):
    """Set (replace, or add before Content-Length) a header; value None removes it."""
    head, body = head_and_body(msg)
    lines = head.split(EOL)
    keep = [l for l in lines if not l.lower().startswith(name.lower() + ":")]
    if value is not None:
        i = next((k for k, l in enumerate(keep) if l.lower().startswith("content-length:")), len(keep))
        keep.insert(i, "%s: %s" % (name, value))
    return EOL.join(keep) + EOL + EOL + body


def sip(first, headers, body="", ctype=None):
    lines = [first] + list(headers)
    if ctype:
        lines.append("Content-Type: " + ctype)
    lines.append("Content-Length: %d" % len(body.encode()))
    return EOL.join(lines) + EOL + EOL + body


def pkt(like, msg, out):
    """A packet on the connection of seed packet `like`."""
    return {"hdr": like["hdr"], "out": out, "remote": like["remote"], "local": like["local"], "msg": msg}


def response(req, status, extra=(), body="", ctype=None, to_tag="9a8b7c6d"):
    """The response the client receives to request packet `req`."""
    msg = req["msg"]
    to = header(msg, "To")
    if to_tag and ";tag=" not in to:
        to += ";tag=" + to_tag
    h = ["Via: " + header(msg, "Via"), "From: " + header(msg, "From"), "To: " + to,
         "Call-ID: " + header(msg, "Call-ID"), "CSeq: " + header(msg, "CSeq")] + list(extra)
    return pkt(req, sip("SIP/2.0 " + status, h, body, ctype), False)


def request_like(req, method, cseq, uri=None, to=None, body=None, ctype=None, extra=(), drop=()):
    """A request of req's dialog: same Via, From, Call-ID; a new method and CSeq."""
    msg = req["msg"]
    first = msg.split(EOL, 1)[0].split(" ")
    h = []
    for line in head_and_body(msg)[0].split(EOL)[1:]:
        name = line.split(":", 1)[0].strip().lower()
        if name in ("content-type", "content-length") or name in drop:
            continue
        if name == "cseq":
            line = "CSeq: %d %s" % (cseq, method)
        elif name == "to" and to is not None:
            line = "To: " + to
        h.append(line)
    h += list(extra)
    b = head_and_body(msg)[1] if body is None else body
    ct = (header(msg, "Content-Type") or None) if body is None else ctype
    return pkt(req, sip("%s %s SIP/2.0" % (method, uri or first[1]), h, b, ct if b else None), True)


# ---- SDP ----

def d6(*cands, conn=LOCAL, port=None, media="audio"):
    """A draft-6 ([MS-ICE]) offer: untyped candidates (transport, q, address, port)."""
    lines = []
    for k, (transport, q, addr, p) in enumerate(cands):
        user = "D6c%02dUOBdojwDkC1fPKrOEjaKI+g2VKcU8xLZDC0Ym" % k
        lines.append("a=candidate:%s 1 %02dZ9EbjsP8LMhi6fxLVJVQ %s %s %s %d" % (user, k, transport, q, addr, p))
        lines.append("a=candidate:%s 2 %02dZ9EbjsP8LMhi6fxLVJVQ %s %s %s %d" %
                     (user, k, transport, q, addr, p + (1 if transport == "UDP" else 0)))
    return session(conn, [(media, port or cands[0][3], "114 111 112 115 116 4 8 0 97 13 118 101", lines)])


def ice19(*cands, conn=LOCAL, port=None, media="audio", extra=()):
    """An RFC 5245 style ([MS-ICE2]) offer: lines after `a=candidate:` or full a= lines."""
    lines = ["a=ice-ufrag:Hb7Q", "a=ice-pwd:mXJ0wWkxa9kyNIxUJrhFyQ4d"]
    for k, c in enumerate(cands):
        lines.append(c if c.startswith("a=") else "a=candidate:%d 1 %s" % (k + 1, c))
    lines += list(extra)
    if port is None:
        port = int(cands[0].split()[-1]) if "typ" not in cands[0] else int(cands[0].split(" typ")[0].split()[-1])
    return session(conn, [(media, port, "0 8 101", lines)])


def session(conn, media):
    out = ["v=0", "o=- 0 0 IN IP4 " + conn, "s=session", "c=IN IP4 " + conn, "b=CT:99980", "t=0 0"]
    for name, port, fmt, lines in media:
        proto = "sip" if name == "message" else "RTP/AVP"
        out.append("m=%s %d %s %s" % (name, port, proto, "null" if name == "message" else fmt))
        out += lines
    return EOL.join(out) + EOL


BOUNDARY = "----=_NextPart_000_0007_01C94CB6.82AAA4B0"


def multipart(fallback, ice19_sdp):
    parts = [("session; handling=optional; ms-proxy-2007fallback", fallback), ("session; handling=optional", ice19_sdp)]
    body = ""
    for k, (disp, sdp) in enumerate(parts):
        body += ("--" + BOUNDARY + EOL + "Content-Type: application/sdp" + EOL + "Content-Transfer-Encoding: 7bit" + EOL +
                 "Content-ID: <%d@litwareinc.com>" % (k + 1) + EOL + "Content-Disposition: " + disp + EOL + EOL + sdp + EOL)
    return body + "--" + BOUNDARY + "--" + EOL, 'multipart/alternative;boundary="%s"' % BOUNDARY


# ---- the call ----

def invite(sdp, cid="e41f3fa11696494d90130b78761b202c", cseq=1, ctype="application/sdp", auth=True):
    msg = with_body(INVITE["msg"], sdp, ctype)
    msg = msg.replace("e41f3fa11696494d90130b78761b202c", cid).replace("CSeq: 1 INVITE", "CSeq: %d INVITE" % cseq)
    if not auth:
        msg = with_header(msg, "Proxy-Authorization", None)
    return pkt(INVITE, msg, True)


PEER_ANSWER = ice19("UDP 2130706431 10.0.0.20 20612 typ host", conn="10.0.0.20")
TO_DIALOG = "<sip:jeremy@litwareinc.com>;tag=9a8b7c6d"


def answered(inv):
    ok = response(inv, "200 OK", ["Contact: <sip:jeremy@litwareinc.com;opaque=user:epid:Qm9iAAA;gruu>"],
                  PEER_ANSWER, "application/sdp")
    ack = request_like(inv, "ACK", int(header(inv["msg"], "CSeq").split()[0]), to=TO_DIALOG, body="")
    return [response(inv, "100 Trying", to_tag=None), ok, ack]


def cancelled(inv):
    cancel = request_like(inv, "CANCEL", 1, body="", drop=("proxy-authorization",))
    return [response(inv, "100 Trying", to_tag=None), response(inv, "180 Ringing"), cancel,
            response(cancel, "200 OK"), response(inv, "487 Request Terminated"),
            request_like(inv, "ACK", 1, to=TO_DIALOG, body="")]


def bye(inv, cseq):
    b = request_like(inv, "BYE", cseq, uri="sip:jeremy@litwareinc.com;opaque=user:epid:Qm9iAAA;gruu", to=TO_DIALOG, body="")
    return [b, response(b, "200 OK")]


# ---- sign-in ----

def prov_ok(body=None, received=None):
    p = dict(SUB_OK)
    if body is not None:
        p["msg"] = with_body(p["msg"], body)
    if received:
        p["msg"] = p["msg"].replace("ms-received-port=1259;", "received=%s;ms-received-port=1259;" % received)
    return p


def mras_body(relays, pretty=False, prefix=None, reason="OK"):
    """An MRAS response: relays as (location, "hostName"|"directIPAddress", value)."""
    p = (prefix + ":") if prefix else ""
    ns = ('xmlns:%s="%s"' % (prefix, MRAS_NS)) if prefix else 'xmlns="%s"' % MRAS_NS
    nl, ind = (EOL, "  ") if pretty else ("", "")

    def el(depth, name, text=None, attrs=""):
        pad = ind * depth
        if text is None:
            return pad + "<%s%s%s>" % (p, name, attrs) + nl
        return pad + "<%s%s%s>%s</%s%s>" % (p, name, attrs, text, p, name) + nl

    def end(depth, name):
        return ind * depth + "</%s%s>" % (p, name) + nl

    out = ('<?xml version="1.0"?>' + EOL + "<%sresponse %s requestID=\"31344152\" version=\"2.0\" serverVersion=\"2.0\" "
           "to=\"sip:edgesrv.litwareinc.com@litwareinc.com;gruu;opaque=srvr:MRAS:P2nY_WtqnEGPHhBbcYD8VQAA\" "
           "from=\"sip:bart@litwareinc.com\" reasonPhrase=\"%s\">" % (p, ns, reason) + nl)
    out += el(1, "credentialsResponse", attrs=' credentialsRequestID="31344152"')
    out += el(2, "credentials") + el(3, "username", "AgAAJPctcgsByUyufn7q4YrV9tVY9EdbrUyIexcz3eMAAAAASV") + \
        el(3, "password", "/VA3PEf0jF+Bz9QbU0EwrJWGTOI=") + el(3, "duration", "480") + end(2, "credentials")
    out += el(2, "mediaRelayList")
    for loc, kind, value in relays:
        out += el(3, "mediaRelay") + el(4, "location", loc) + el(4, kind, value) + el(4, "udpPort", "3478") + \
            el(4, "tcpPort", "443") + end(3, "mediaRelay")
    out += end(2, "mediaRelayList") + end(1, "credentialsResponse") + "</%sresponse>" % p
    return out


def mras_ok(body):
    p = dict(SVC_OK)
    p["msg"] = with_body(p["msg"], body)
    return p


def signin(relays=None, pretty=False, prefix=None, received=None, cids=None):
    """The seed's sign-in; relays replaces the MRAS relay list; cids renames its two Call-IDs."""
    packets = [SUB, prov_ok(received=received), SVC, mras_ok(mras_body(relays, pretty, prefix)) if relays else SVC_OK]
    if cids:
        packets = [dict(p, msg=p["msg"].replace("8a9fb943e213456482dbede7bc8ea467", cids[0])
                        .replace("54b45caa1e33428abe89238d8b8ddd80", cids[1])) for p in packets]
    return packets


def public(packets):
    """The same packets through an Access Edge on a public address: the perimeter is public."""
    return [dict(p, remote=ACCESS_EDGE_PUBLIC) if p["remote"] == "192.168.1.5:5061" else p for p in packets]


def unauthenticated(req):
    """The request as first sent, before the challenge: no Proxy-Authorization."""
    return dict(req, msg=with_header(req["msg"], "Proxy-Authorization", None))


def resent(req, cseq):
    """The request sent again with credentials after a 401/407 (same Call-ID, next CSeq)."""
    return dict(req, msg=re.sub(r"(?m)^CSeq: \d+ ", "CSeq: %d " % cseq, req["msg"]))


def challenge(req, code):
    name, hdr = (("401 Unauthorized", "WWW-Authenticate") if code == 401 else
                 ("407 Proxy Authentication Required", "Proxy-Authenticate"))
    return response(req, name, ['%s: NTLM realm="SIP Communications Service", targetname="OCS-FE.litwareinc.com", '
                                'version=3, opaque="EB6E1210", gssapi-data="TlRMTVNTUAACAAAAAAAAADgAAAA="' % hdr])


# ---- writing ----

def frame(p, stamp):
    kind = "Sending Packet" if p["out"] else "Data Received"
    la = "From Local Address" if p["out"] else "To Local Address"
    msg = p["msg"]
    hdr = re.sub(r"\|[\d:.]+ ", "|%s " % stamp, p["hdr"])
    head = "%s - %s (%s: %s) %d bytes" % (kind, p["remote"], la, p["local"], len(msg.encode()))
    return (hdr + head + ":" + EOL + hdr + msg + ("" if msg.endswith(EOL) else EOL) + hdr + "End of " + head + EOL)


def write(name, packets):
    text = ""
    for k, p in enumerate(packets):  # one record every 150 ms from 23:31:10.000
        ms = 10000 + 150 * k
        text += frame(p, "23:31:%02d.%03d" % (ms // 1000 % 60, ms % 1000) if ms < 60000 else
                      "23:%02d:%02d.%03d" % (31 + ms // 60000, ms // 1000 % 60, ms % 1000))
    open(name + ".uccapilog", "wb").write(text.encode())


def write_public(name, packets):
    write(name, public(packets))


def host_d6(port=50000):
    """The client's draft-6 host candidates, on its Local Address (UDP 0.830, TCP 0.250)."""
    return [("UDP", "0.830", LOCAL, port), ("TCP", "0.250", LOCAL, port + 10)]


def host_19(port=50000):
    """The client's RFC 5245 host candidates, on its Local Address."""
    return ["UDP 2130706431 %s %d typ host" % (LOCAL, port), "TCP-PASS 174455807 %s %d typ host" % (LOCAL, port + 10)]


SRFLX = "UDP 1694498815 %s 55000 typ srflx raddr %s rport 50000" % (CLIENT_NAT, LOCAL)


def relay_19(addr, port=55100, raddr=LOCAL, rport=50000):
    return "UDP 184547839 %s %d typ relay raddr %s rport %d" % (addr, port, raddr, rport)


def candidates():
    """Rule 1: which candidates are the Edge's, which the client's."""
    S = signin()
    open("seed-relays.uccapilog", "wb").write(SEED.encode())
    write_public("seed-public-perimeter", seed_packets())
    write("d6-local-only", S + [invite(d6(*host_d6()))])
    write_public("d6-via-received", signin(received=CLIENT_NAT) +
                 [invite(d6(*host_d6(), ("UDP", "0.550", CLIENT_NAT, 55000)))])
    write_public("d6-public-relay-guess",
                 S + [invite(d6(("UDP", "0.450", "131.107.0.10", 55000), *host_d6(), conn="131.107.0.10"))])
    write_public("d6-second-adapter", S + [invite(d6(*host_d6(), ("UDP", "0.830", "192.168.56.1", 55000),
                                                     ("TCP", "0.250", "192.168.56.1", 55010)))])
    nat = invite(d6(*host_d6(), ("UDP", "0.450", "10.20.30.40", 55010)))
    write_public("d6-private-relay-public-perimeter", S + [nat])
    write("d6-private-relay-private-perimeter", S + [nat])
    write_public("ice19-host-srflx", S + [invite(ice19(*host_19(), SRFLX))])
    write_public("ice19-public-host-in-edge-range",
                 S + [invite(ice19("UDP 2130706431 131.107.0.77 55000 typ host", *host_19()))])
    write_public("ice19-relay", S + [invite(ice19(*host_19(), SRFLX, relay_19("131.107.0.10", raddr=CLIENT_NAT, rport=55000)))])
    write_public("ice19-relay-private-public-perimeter", S + [invite(ice19(*host_19(), relay_19("10.20.30.40", 55010)))])
    write("ice19-relay-private-private-perimeter", S + [invite(ice19(*host_19(), relay_19("192.168.1.7", 55010)))])
    write_public("ipv6-host-typed", S + [invite(ice19(*host_19(), extra=(
        "a=x-candidate-ipv6:3 1 UDP 33553407 2001:0:5ef5:79fb:3c:2b3f:3f57:fef5 55000 typ host",
        "a=x-candidate-ipv6:4 1 UDP 33553406 2a01:4f8:1:2::10 56000 typ host")))])
    body, ctype = multipart(d6(*host_d6(), ("UDP", "0.550", CLIENT_NAT, 55000)), ice19(*host_19(), SRFLX))
    write_public("multipart-srflx", S + [invite(body, ctype=ctype)])
    body, ctype = multipart(d6(*host_d6(), ("UDP", "0.450", "10.1.1.5", 55010)),
                            ice19(*host_19(), "UDP 1694498815 %s 55000 typ srflx raddr 10.1.1.5 rport 55010" % CLIENT_NAT))
    write_public("multipart-raddr", S + [invite(body, ctype=ctype)])
    on8 = invite(d6(*host_d6(), ("UDP", "0.450", "192.168.1.8", 55000)))
    relays = [("intranet", "hostName", "avedge-int.litwareinc.com"), ("internet", "hostName", "avedge.litwareinc.com"),
              ("internet", "directIPAddress", "131.107.0.10"), ("internet", "directIPAddress", "192.168.1.8")]
    write("mras-relays-pretty-prefixed", signin(relays, pretty=True, prefix="m") + [on8])
    write("mras-relays-oneline", signin([relays[1], relays[3]]) + [on8])
    write("mras-relay-hostname-ip", signin([("internet", "hostName", "192.168.1.8")]) + [on8])
    write("ice19-host-on-mras-relay", signin([relays[3]]) +
          [invite(ice19(*host_19(), "UDP 2130706430 192.168.1.8 55000 typ host"))])


def calls():
    """Rule 2: what a call attempt is."""
    S = signin()
    offer = ice19(*host_19(), relay_19("131.107.0.10"))
    inv = invite(offer)
    write_public("cancelled", S + [inv] + cancelled(inv))
    inv2 = invite(offer, cid="2b0c6e1f8d8b4c6fa1d1d1b0a9e8c7f6")
    write_public("terminated-not-cancelled", S + [inv] + cancelled(inv) +
                 [inv2, response(inv2, "100 Trying", to_tag=None), response(inv2, "487 Request Terminated"),
                  request_like(inv2, "ACK", 1, to=TO_DIALOG, body="")])

    sub1 = unauthenticated(SUB)
    sub_ok2 = prov_ok()
    sub_ok2["msg"] = sub_ok2["msg"].replace("CSeq: 1 SUBSCRIBE", "CSeq: 2 SUBSCRIBE")
    write_public("subscribe-401-retry", [sub1, challenge(sub1, 401), resent(SUB, 2), sub_ok2, SVC, SVC_OK])
    write_public("subscribe-401-no-retry", [sub1, challenge(sub1, 401)])
    svc1 = unauthenticated(SVC)
    svc_ok2 = dict(SVC_OK, msg=SVC_OK["msg"].replace("CSEQ: 1 SERVICE", "CSEQ: 2 SERVICE"))
    write_public("service-407-retry", [SUB, prov_ok(), svc1, challenge(svc1, 407), resent(SVC, 2), svc_ok2])
    first, again = invite(offer, auth=False), invite(offer, cseq=2)
    challenged = [first, challenge(first, 407), request_like(first, "ACK", 1, to=TO_DIALOG, body=""), again]
    write_public("invite-407-retry", S + challenged + answered(again))
    write_public("invite-407-retry-busy", S + challenged + [response(again, "100 Trying", to_tag=None),
                                                            response(again, "486 Busy Here"),
                                                            request_like(again, "ACK", 2, to=TO_DIALOG, body="")])

    gruu = "sip:jeremy@litwareinc.com;opaque=user:epid:Qm9iAAA;gruu"
    later = []
    for cseq, extra in ((2, "a=remote-candidates:1 10.0.0.20 20612"), (3, "a=sendonly"), (4, "a=sendrecv")):
        # ICE's second offer, hold, resume
        re_inv = request_like(inv, "INVITE", cseq, uri=gruu, to=TO_DIALOG, body=ice19(relay_19("131.107.0.10"), extra=(extra,)),
                              ctype="application/sdp")
        later += [re_inv, response(re_inv, "200 OK", body=PEER_ANSWER, ctype="application/sdp"),
                  request_like(re_inv, "ACK", cseq, to=TO_DIALOG, body="")]
    write_public("reinvite", S + [inv] + answered(inv) + later + bye(inv, 5))

    im = invite(session(LOCAL, [("message", 5060, "", ["a=accept-types:text/plain multipart/alternative image/gif "
                                                        "text/rtf text/html application/x-ms-ink application/ms-imdn+xml "
                                                        "text/x-msmsgsinvite"])]), cid="c0ffee0000000000000000000000000a")
    write_public("im-only", S + [im] + answered(im))
    share = session(LOCAL, [("applicationsharing", 50040, "127", ["a=candidate:1 1 TCP-PASS 174455807 %s 50040 typ host"
                                                                   % LOCAL, "a=rtpmap:127 x-data/90000"])])
    write_public("appsharing-only", S + [invite(share, cid="5a5a000000000000000000000000000b")])
    write_public("im-then-audio", S + [im] + answered(im) + [inv])
    write_public("video-only", S + [invite(ice19(*host_19(), relay_19("131.107.0.10"), media="video"))])

    one = signin([("internet", "directIPAddress", "192.168.1.8")])
    two = signin([("internet", "directIPAddress", "192.168.1.9")],
                 cids=("9b0fb943e213456482dbede7bc8ea468", "65c45caa1e33428abe89238d8b8ddd81"))
    on8 = d6(*host_d6(), ("UDP", "0.450", "192.168.1.8", 55000))
    on9 = d6(*host_d6(), ("UDP", "0.450", "192.168.1.9", 55000))
    write("two-signins", one + [invite(on8, cid="a0000000000000000000000000000001")] + two +
          [invite(on8, cid="a0000000000000000000000000000002"), invite(on9, cid="a0000000000000000000000000000003")])

    # An internal sign-in and a call, then a remote sign-in and a call: each call with its own location.
    inside = [dict(p, msg=p["msg"].replace("ms-user-logon-data: RemoteUser\r\n", "")
                   .replace("<location>internet</location>", "<location>intranet</location>"))
              for p in signin([("internet", "directIPAddress", "192.168.1.8")],
                              cids=("7a0fb943e213456482dbede7bc8ea466", "43c45caa1e33428abe89238d8b8ddd7f"))]
    inside = [dict(p, msg=with_body(p["msg"], head_and_body(p["msg"])[1])) for p in inside]
    write("internal-then-remote", inside + [invite(d6(*host_d6()), cid="a0000000000000000000000000000004")] +
          two + [invite(on9, cid="a0000000000000000000000000000005")])


def unreadable():
    """Rule 4: a body that could not be read is said to be so, never a confident failure."""
    prov, mras = SUB_OK["msg"], SVC_OK["msg"]
    write("prov-unreadable", [SUB, dict(SUB_OK, msg=prov.replace("</ucDiffServVoice>", "</ucDiffServVoicX>"))])
    write("prov-damaged-after-mrasuri",
          [SUB, dict(SUB_OK, msg=prov.replace("</provisionGroupList>", "</provisionGroupLisX>")), SVC, SVC_OK])
    write("mras-unreadable", [SUB, SUB_OK, SVC, dict(SVC_OK, msg=mras.replace("</credentials>", "</credentialz>"))])
    root = head_and_body(mras)[1].replace('reasonPhrase="OK"', 'reasonPhrase="OK', 1)  # an attribute left open
    write("mras-unreadable-root", [SUB, SUB_OK, SVC, mras_ok(root)])
    forbidden = ('<?xml version="1.0"?>' + EOL + '<response xmlns="%s" requestID="31344152" version="2.0" '
                 'serverVersion="2.0" to="sip:edgesrv.litwareinc.com@litwareinc.com;gruu;opaque=srvr:MRAS:'
                 'P2nY_WtqnEGPHhBbcYD8VQAA" from="sip:bart@litwareinc.com" reasonPhrase="Forbidden"></response>' % MRAS_NS)
    write("mras-forbidden-readable", [SUB, SUB_OK, SVC, mras_ok(forbidden)])
    write("mras-forbidden-unreadable", [SUB, SUB_OK, SVC, mras_ok(forbidden.replace("></response>", "></respons>"))])


if __name__ == "__main__":
    candidates()
    calls()
    unreadable()
