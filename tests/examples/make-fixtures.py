#!/usr/bin/env python3
"""Build browse.uccapilog, the uclog-dump / uclog-flow fixture (run it from this directory).

One call across midnight with what the seed logs lack: an RFC 5245 offer (host, relay,
TCP-ACT/TCP-PASS candidates with raddr/rport), records at TRACE/WARN/ERROR levels, a
response framed by an ERROR record, ms-diagnostics with an escaped quote, a tab and a byte
that is not UTF-8, and an ACK sent to a second server address. Byte counts are computed here;
line ends are CRLF.
"""

SDP = open("../data/sdp/sfb-relay.sdp", "rb").read().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
CALL = "7c1d9b0e5f2a4d3c8e6b1a0f9d8c7b6a"


def hdr(when, level="INFO ", ids="2808:36EC"):
    return ("%s %s %s :: " % (when, ids, level)).encode()


def packet(when, out, remote, local, msg, level="INFO "):
    kind = b"Sending Packet" if out else b"Data Received"
    la = b"From Local Address" if out else b"To Local Address"
    head = b"%s - %s (%s: %s) %d bytes" % (kind, remote.encode(), la, local.encode(), len(msg))
    h = hdr(when, level)
    return (h + head + b":\r\n" + h + msg + (b"" if msg.endswith(b"\r\n") else b"\r\n")
            + h + b"End of " + head + b"\r\n")


def message(start, headers, body=b""):
    lines = [start] + headers + ["Content-Length: %d" % len(body)]
    return "\r\n".join(lines).encode() + b"\r\n\r\n" + body


common = ["From: \"Bart Duncan\" <sip:bart@litwareinc.com>;tag=71c2;epid=3c465b617a",
          "To: <sip:jeremy@fabrikam.com>", "Call-ID: " + CALL]
invite = message("INVITE sip:jeremy@fabrikam.com SIP/2.0",
                 ["Via: SIP/2.0/TLS 172.21.5.64:50112"] + common +
                 ["CSeq: 1 INVITE", "Content-Type: application/sdp"], SDP)
trying = message("SIP/2.0 100 Trying",
                 ["Via: SIP/2.0/TLS 172.21.5.64:50112"] + common + ["CSeq: 1 INVITE"])
refused = message("SIP/2.0 480 Temporarily Unavailable",
                  ["Via: SIP/2.0/TLS 172.21.5.64:50112"] + common[:1] +
                  ["To: <sip:jeremy@fabrikam.com>;tag=99ab", "Call-ID: " + CALL, "CSeq: 1 INVITE"]).replace(
    b"CSeq: 1 INVITE\r\n",
    b"CSeq: 1 INVITE\r\n"
    b"ms-diagnostics: 1009;reason=\"Peer said \\\"no\\\"\tbecause \xff\";source=\"edge.fabrikam.com\"\r\n"
    b"ms-diagnostics-public: 1009;reason=\"Peer unreachable\"\r\n")
ack = message("ACK sip:jeremy@fabrikam.com SIP/2.0",
              ["Via: SIP/2.0/TLS 172.21.5.64:50112"] + common[:1] +
              ["To: <sip:jeremy@fabrikam.com>;tag=99ab", "Call-ID: " + CALL, "CSeq: 1 ACK"])
options = message("OPTIONS sip:pool.litwareinc.com SIP/2.0",
                  ["Via: SIP/2.0/TLS 172.21.5.64:50112", "From: <sip:bart@litwareinc.com>;tag=5d",
                   "To: <sip:pool.litwareinc.com>", "Call-ID: 0f0e0d0c", "CSeq: 7 OPTIONS"])

server, local = "10.1.1.5:5061", "172.21.5.64:50112"
log = (hdr("11/21/2008|23:59:58.100", "TRACE") + b"CUccAudioVideo::Initialize\r\n"
       + packet("11/21/2008|23:59:59.250", True, server, local, invite)
       + packet("11/21/2008|23:59:59.300", False, server, local, trying)
       + hdr("11/21/2008|23:59:59.900", "WARN ") + b"ICE warning: relay allocation slow\r\n"
       + packet("11/22/2008|00:00:01.010", False, server, local, refused, level="ERROR")
       + packet("11/22/2008|00:00:01.020", True, "10.1.1.6:5061", local, ack)
       + packet("11/22/2008|00:00:05.000", True, server, local, options)
       + hdr("11/22/2008|00:00:05.500", "ERROR") + b"Call ended with error 0x80ee0058\r\n"
       + b"  continuation line\r\n")
open("browse.uccapilog", "wb").write(log)

# quoted.uccapilog: display names holding a comma and a quote (uclog-dump --csv quotes them as
# RFC 4180 says), a call cancelled after a 401 and a resent INVITE, and one established (--stats).
Q = "3e8d1c2b5a6f4e7d9c0b1a2f3e4d5c6b"
E = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d"
qfrom = "From: \"Duncan, Bart \\\"BD\\\"\" <sip:bart@litwareinc.com>;tag=a1"
qto = "To: \"O'Neil, Jeremy\" <sip:jeremy@fabrikam.com>"
via = "Via: SIP/2.0/TLS 172.21.5.64:50112"


def q(start, cseq, call=Q, to=qto, extra=()):
    return message(start, [via, qfrom, to, "Call-ID: " + call, "CSeq: " + cseq] + list(extra))


inv = "INVITE sip:jeremy@fabrikam.com SIP/2.0"
quoted = (packet("11/21/2008|10:00:00.000", True, server, local, q(inv, "1 INVITE"))
          + packet("11/21/2008|10:00:00.040", False, server, local, q("SIP/2.0 401 Unauthorized", "1 INVITE"))
          + packet("11/21/2008|10:00:00.100", True, server, local, q(inv, "2 INVITE"))
          + packet("11/21/2008|10:00:00.150", False, server, local, q("SIP/2.0 180 Ringing", "2 INVITE"))
          + packet("11/21/2008|10:00:03.000", True, server, local, q("CANCEL sip:jeremy@fabrikam.com SIP/2.0", "2 CANCEL"))
          + packet("11/21/2008|10:00:03.050", False, server, local, q("SIP/2.0 200 OK", "2 CANCEL"))
          + packet("11/21/2008|10:00:03.060", False, server, local,
                   q("SIP/2.0 487 Request Terminated", "2 INVITE", to=qto + ";tag=b2",
                     extra=["ms-diagnostics: 1046;reason=\"Request terminated, by the caller\""]))
          + packet("11/21/2008|10:00:10.000", False, server, local, q(inv, "5 INVITE", call=E))
          + packet("11/21/2008|10:00:12.500", True, server, local,
                   q("SIP/2.0 200 OK", "5 INVITE", call=E, to=qto + ";tag=c3")))
open("quoted.uccapilog", "wb").write(quoted)
