#!/usr/bin/env python3
"""Builds the logs of this directory (python3 make-timing.py, here): calls whose
messages are timed to the millisecond and sent or received more than once, for
the index's retransmissions and timings. README.md says what each holds."""
EOL = "\r\n"
LOCAL = "192.168.1.10:1259"
REMOTE = "192.168.1.5:5061"
ME, PEER = "sip:bart@litwareinc.com", "sip:lisa@litwareinc.com"
CID = "7f3e2a9c1b4d4e5f8a6b0c1d2e3f4a5b"


def pkt(hms, msg, sent):
    h = "11/21/2008|%s 190:4FC INFO  :: " % hms
    kind = "Sending Packet" if sent else "Data Received"
    la = "From Local Address" if sent else "To Local Address"
    head = "%s - %s (%s: %s) %d bytes" % (kind, REMOTE, la, LOCAL, len(msg.encode()))
    return h + head + ":" + EOL + h + msg + h + "End of " + head + EOL


def sip(first, branch, cseq, to_tag=None):
    to = "To: <%s>" % PEER + (";tag=" + to_tag if to_tag else "")
    lines = [first, "Via: SIP/2.0/TLS %s;branch=%s" % (LOCAL, branch), "From: <%s>;tag=a8a3ea681b" % ME, to,
             "Call-ID: " + CID, "CSeq: " + cseq, "Content-Length: 0"]
    return EOL.join(lines) + EOL + EOL


def request(method, branch, cseq, to_tag=None):
    return sip("%s %s SIP/2.0" % (method, PEER), branch, cseq, to_tag)


def response(status, branch, cseq, to_tag=None):
    return sip("SIP/2.0 " + status, branch, cseq, to_tag)


INVITE = "1 INVITE"
RETRANSMISSIONS = [
    pkt("10:00:00.000", request("INVITE", "z9hG4bK1", INVITE), True),                 # 0
    pkt("10:00:00.500", request("INVITE", "z9hG4bK1", INVITE), True),                 # 1: 0 again
    pkt("10:00:00.620", response("100 Trying", "z9hG4bK1", INVITE), False),           # 2
    pkt("10:00:01.000", response("180 Ringing", "z9hG4bK1", INVITE, "t1"), False),    # 3
    pkt("10:00:01.100", response("180 Ringing", "z9hG4bK1", INVITE, "t2"), False),    # 4: another fork
    pkt("10:00:01.250", response("180 Ringing", "z9hG4bK1", INVITE, "t1"), False),    # 5: 3 again
    pkt("10:00:03.400", response("200 OK", "z9hG4bK1", INVITE, "t1"), False),         # 6
    pkt("10:00:03.410", request("ACK", "z9hG4bK2", "1 ACK", "t1"), True),             # 7
    pkt("10:00:10.000", request("BYE", "z9hG4bK3", "2 BYE", "t1"), True),             # 8
    pkt("10:00:10.080", response("200 OK", "z9hG4bK3", "2 BYE", "t1"), False),        # 9
]

open("retransmissions.uccapilog", "wb").write("".join(RETRANSMISSIONS).encode())
