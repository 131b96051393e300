#!/usr/bin/env python3
"""Builds the scenarios of this directory (python3 make-scenarios.py, here): logs that are
built message by message to test the diagnosis in parts against the whole-log one."""
import re
EOL = "\r\n"
_t = [0]
def hdr():
    _t[0] += 1
    s = _t[0]
    return "11/21/2008|%02d:%02d:%02d.%03d 190:4FC INFO  :: " % (10 + s // 360000 % 14, s // 6000 % 60, s // 100 % 60, (s % 100) * 10)

LOCAL = "192.168.1.10"
def pkt(msg, sent, local=None, remote="192.168.1.5:5061"):
    local = local or (LOCAL + ":1259")
    if not msg.endswith(EOL): msg += EOL
    h = hdr()
    kind = "Sending Packet" if sent else "Data Received"
    la = "From Local Address" if sent else "To Local Address"
    n = len(msg.encode())
    head = "%s - %s (%s: %s) %d bytes" % (kind, remote, la, local, n)
    return h + head + ":" + EOL + h + msg + h + "End of " + head + EOL

def sip(first, headers, body="", ctype=None):
    lines = [first] + headers
    if ctype: lines.append("Content-Type: " + ctype)
    lines.append("Content-Length: %d" % len(body.encode()))
    return EOL.join(lines) + EOL + EOL + body

ME = "sip:bart@litwareinc.com"
UA = "User-Agent: UCCAPI/3.5.6874.0 OC/3.5.6874.0 (Microsoft Office Communicator 2007 R2 (RC))"
MRAS_URI = "sip:edgesrv.litwareinc.com@litwareinc.com;gruu;opaque=srvr:MRAS:P2nY_WtqnEGPHhBbcYD8VQAA"

def req(method, uri, cid, cseq, frm, to, extra=(), body="", ctype=None, via=LOCAL + ":1259"):
    h = ["Via: SIP/2.0/TLS " + via, "Max-Forwards: 70", "From: <%s>;tag=f%s" % (frm, cid[:6]), "To: <%s>" % to,
         "Call-ID: " + cid, "CSeq: %d %s" % (cseq, method), UA] + list(extra)
    return sip("%s %s SIP/2.0" % (method, uri), h, body, ctype)

def resp(status, cid, cseq, method, frm, to, extra=(), body="", ctype=None, via=LOCAL + ":1259"):
    h = ["Via: SIP/2.0/TLS " + via, "From: <%s>;tag=f%s" % (frm, cid[:6]), "To: <%s>;tag=t%s" % (to, cid[:6]),
         "Call-ID: " + cid, "CSeq: %d %s" % (cseq, method)] + list(extra)
    return sip("SIP/2.0 " + status, h, body, ctype)

# ---- sign-in ----
def sub(cid, cseq=1):
    return pkt(req("SUBSCRIBE", ME, cid, cseq, ME, ME, ["Event: vnd-microsoft-provisioning-v2",
               "Accept: application/vnd-microsoft-roaming-provisioning-v2+xml"],
               '<provisioningGroupList xmlns="http://schemas.microsoft.com/2006/09/sip/provisioninggrouplist"><provisioningGroup name="ServerConfiguration"/></provisioningGroupList>',
               "application/vnd-microsoft-roaming-provisioning-v2+xml"), True)

def prov_body(uri=MRAS_URI):
    return ('<provisionGroupList xmlns="http://schemas.microsoft.com/2006/09/sip/provisiongrouplist-notification">' + EOL +
            '<provisionGroup name="ServerConfiguration" >' + EOL + '<qosEnabled>false</qosEnabled>' + EOL +
            ('<mrasUri >' + EOL + uri + '</mrasUri>' + EOL if uri is not None else '') +
            '</provisionGroup>' + EOL + '</provisionGroupList>')

def sub_ok(cid, cseq=1, remote=True, uri=MRAS_URI, status="200 OK"):
    extra = (["ms-user-logon-data: RemoteUser"] if remote else []) + ["Event: vnd-microsoft-provisioning-v2"]
    body = prov_body(uri) if status.startswith("2") else ""
    return pkt(resp(status, cid, cseq, "SUBSCRIBE", ME, ME, extra, body,
                    "application/vnd-microsoft-roaming-provisioning-v2+xml" if body else None), False)

def svc(cid, cseq=1, location="internet"):
    body = ('<request requestID="1" version="2.0" to="%s" from="%s" xmlns="http://schemas.microsoft.com/2006/09/sip/mrasp" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><credentialsRequest credentialsRequestID="1">'
            '<identity>%s</identity><location>%s</location><duration>480</duration></credentialsRequest></request>') % (MRAS_URI, ME, ME, location)
    return pkt(req("SERVICE", MRAS_URI, cid, cseq, ME, MRAS_URI, [], body, "application/msrtc-media-relay-auth+xml"), True)

def svc_ok(cid, cseq=1, relays=(("host", "avedge.litwareinc.com"),), remote=True, reason="OK", status="200 OK"):
    rl = "".join("<mediaRelay><location>internet</location>%s<udpPort>3478</udpPort><tcpPort>443</tcpPort></mediaRelay>" %
                 ("<hostName>%s</hostName>" % v if k == "host" else "<directIPAddress>%s</directIPAddress>" % v) for k, v in relays)
    body = ('<?xml version="1.0"?>' + EOL + '<response requestID="1" version="2.0" serverVersion="2.0" to="%s" from="%s" reasonPhrase="%s" '
            'xmlns="http://schemas.microsoft.com/2006/09/sip/mrasp"><credentialsResponse credentialsRequestID="1"><credentials>'
            '<username>AgAAJPctcgsB</username><password>/VA3PEf0</password><duration>480</duration></credentials>'
            '<mediaRelayList>%s</mediaRelayList></credentialsResponse></response>') % (MRAS_URI, ME, reason, rl)
    extra = ["ms-user-logon-data: RemoteUser"] if remote else []
    if not status.startswith("2"): body = ""
    return pkt(resp(status, cid, cseq, "SERVICE", ME, MRAS_URI, extra, body,
                    "application/msrtc-media-relay-auth+xml" if body else None), False)

def signin(n, remote=True, relays=(("host", "avedge.litwareinc.com"),)):
    return sub("sub%04d" % n) + sub_ok("sub%04d" % n, remote=remote) + svc("svc%04d" % n) + svc_ok("svc%04d" % n, relays=relays, remote=remote)

# ---- calls ----
PEER = "sip:jeremy@litwareinc.com"
DEF_CANDS = ["192.168.1.10 50000 typ host", "192.168.1.10 50010 typ host"]
def sdp(cands=DEF_CANDS, ip="192.168.1.10", media="audio"):
    c = "".join("a=candidate:%d 1 UDP 2130706431 %s%s" % (k + 1, x, EOL) for k, x in enumerate(cands))
    return ("v=0" + EOL + "o=- 0 0 IN IP4 %s" % ip + EOL + "s=session" + EOL + "c=IN IP4 %s" % ip + EOL + "t=0 0" + EOL +
            "m=%s 50000 RTP/AVP 0 8" % media + EOL + c)

def invite(cid, cseq=1, cands=DEF_CANDS, sent=True, body=None, extra=(), media="audio", local=None, via=None, ip="192.168.1.10"):
    b = sdp(cands, ip=ip, media=media) if body is None else body
    if sent:
        return pkt(req("INVITE", PEER, cid, cseq, ME, PEER, list(extra), b, "application/sdp" if b else None, via=via or LOCAL + ":44511"), True, local=local)
    return pkt(req("INVITE", ME, cid, cseq, PEER, ME, list(extra), b, "application/sdp" if b else None, via="10.0.0.20:5061"), False, local=local)

def r(status, cid, cseq=1, method="INVITE", sent=False, body="", extra=()):
    # response to a request; sent=False: received by the client (answer to the client's request)
    if sent:
        return pkt(resp(status, cid, cseq, method, PEER, ME, list(extra), body, "application/sdp" if body else None, via="10.0.0.20:5061"), True)
    return pkt(resp(status, cid, cseq, method, ME, PEER, list(extra), body, "application/sdp" if body else None), False)

def rq(method, cid, cseq, sent=True, extra=(), body=""):
    if sent:
        return pkt(req(method, PEER, cid, cseq, ME, PEER, list(extra), body, "application/sdp" if body else None), True)
    return pkt(req(method, ME, cid, cseq, PEER, ME, list(extra), body, "application/sdp" if body else None, via="10.0.0.20:5061"), False)

PEER_SDP = sdp(["10.0.0.20 20612 typ host"], ip="10.0.0.20")
def answered_call(cid, cands=DEF_CANDS):
    return invite(cid, cands=cands) + r("100 Trying", cid) + r("200 OK", cid, body=PEER_SDP) + rq("ACK", cid, 1)
def bye(cid, cseq=2, sent=True):
    return rq("BYE", cid, cseq, sent=sent) + r("200 OK", cid, cseq, "BYE", sent=not sent)

def write(name, text):
    open(name, "wb").write(text.encode())


X = "131.107.0.10"
SCENARIOS = {
    # a second sign-in whose MRAS request is refused: its call has no relays (not the first's)
    "relay-stale-order": (signin(1, relays=(("ip", X),)) + invite("cA") +
                          sub("s2") + sub_ok("s2") + svc("v2") + svc_ok("v2", status="504 Server time-out") +
                          invite("cB", cands=[X + " 3478 typ host"]) + r("486 Busy Here", "cB") +
                          r("486 Busy Here", "cA")),
    # calls of two sign-ins, judged out of order: each against its own sign-in's relays
    "relay-dedup-order": (signin(1, relays=(("ip", X),)) + invite("cA") + invite("cB", cands=[X + " 3478 typ host"]) +
                          signin(2, relays=(("ip", "131.107.0.20"),)) + invite("cC") + r("486 Busy Here", "cA") +
                          r("486 Busy Here", "cC")),
    # a local address of over 40 bytes (IPv6 with a zone): not one of the client's own addresses
    "local-address-41plus": invite("cA", cands=["2a01:4f8:1:2::10 55000 typ host"],
                                   local="[2a01:4f8:1:2::10%interface-name-0123456789]:44511",
                                   via="10.1.1.1:44511", ip="10.1.1.1"),
    # the MRAS 200 OK comes twice, a call between the copies: one MRAS_OK verdict
    "dup-mras-response": (signin(1) + invite("cA") + r("486 Busy Here", "cA") + svc_ok("svc0001") +
                          invite("cB") + r("486 Busy Here", "cB")),
}

if __name__ == "__main__":
    for name, text in SCENARIOS.items():
        write(name + ".uccapilog", text)
