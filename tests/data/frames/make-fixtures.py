#!/usr/bin/env python3
"""Write the damaged-framing fixtures of this folder (see README.md).

Each file is built record by record, with CRLF line ends and byte counts
that match the message bytes, as the client writes them. Run it from
anywhere; it writes next to itself.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
A = "1384:11C0"   # the thread that handles the SIP connection
B = "1384:0A24"   # another thread of the same process
REMOTE = "192.168.1.5:5061"
LOCAL = "192.168.1.10:1259"


def hdr(ms, tid=A, day="01/15/2012", time="11:30:10"):
    return "%s|%s.%03d %s INFO  :: " % (day, time, ms, tid)


def crlf(lines):
    return "".join(l + "\r\n" for l in lines)


def opener(ms, direction, n, tid=A):
    if direction == "out":
        return hdr(ms, tid) + "Sending Packet - %s (From Local Address: %s) %d bytes:\r\n" % (REMOTE, LOCAL, n)
    return hdr(ms, tid) + "Data Received - %s (To Local Address: %s) %d bytes:\r\n" % (REMOTE, LOCAL, n)


def end(ms, direction, n, tid=A):
    if direction == "out":
        return hdr(ms, tid) + "End of Sending Packet - %s (From Local Address: %s) %d bytes\r\n" % (REMOTE, LOCAL, n)
    return hdr(ms, tid) + "End of Data Received - %s (To Local Address: %s) %d bytes\r\n" % (REMOTE, LOCAL, n)


def content(ms, msg, tid=A):
    """The message record: its bytes, and the line break the client adds
    when the message does not end in one."""
    return hdr(ms, tid) + msg + ("" if msg.endswith("\n") else "\r\n")


def packet(ms, direction, msg, tid=A):
    n = len(msg.encode())
    return opener(ms, direction, n, tid) + content(ms + 1, msg, tid) + end(ms + 2, direction, n, tid)


def sip(start, headers, body=""):
    h = list(headers) + ["Content-Length: %d" % len(body.encode())]
    return crlf([start] + h) + "\r\n" + body


SDP = crlf([
    "v=0",
    "o=- 0 0 IN IP4 192.168.1.20",
    "s=session",
    "c=IN IP4 192.168.1.20",
    "t=0 0",
    "m=audio 50012 RTP/AVP 114 111 0 8 101",
    "a=ice-ufrag:PmT2",
    "a=ice-pwd:7kTzVNjSKeqeHxt2zrvpW8sS",
    "a=candidate:1 1 UDP 2130706431 192.168.1.20 50012 typ host",
    "a=candidate:2 1 UDP 16648703 131.107.0.10 53124 typ relay raddr 192.168.1.20 rport 50012",
    "a=rtpmap:114 x-msrta/16000",
    "a=rtpmap:101 telephone-event/8000",
])


def dialog_headers(call_id, cseq, method, extra=()):
    return [
        "Via: SIP/2.0/TLS 192.168.1.5:5061;branch=z9hG4bK%s" % call_id[:8],
        "From: <sip:jeremy@litwareinc.com>;tag=8d3f0c1b;epid=d2ff665153",
        "To: <sip:bart@litwareinc.com>",
        "Call-ID: %s" % call_id,
        "CSeq: %d %s" % (cseq, method),
    ] + list(extra)


def joined_reads():
    """Rule 1: a received INVITE logged as two reads; the second has no
    start line, only the rest of the SDP body."""
    invite = sip("INVITE sip:bart@litwareinc.com SIP/2.0",
                 dialog_headers("joined0invite0call", 1, "INVITE",
                                ["Content-Type: application/sdp"]), SDP)
    cut = invite.index("a=ice-pwd:") + len("a=ice-pwd:7kTz")  # mid-line, as a TLS read ends
    first, rest = invite[:cut], invite[cut:]
    trying = sip("SIP/2.0 100 Trying", dialog_headers("joined0invite0call", 1, "INVITE"))
    # Then a NOTIFY in three reads, the first cut inside its headers.
    notify = sip("NOTIFY sip:jeremy@litwareinc.com SIP/2.0",
                 dialog_headers("joined0notify0call", 2, "NOTIFY",
                                ["Event: presence", "Content-Type: application/pidf+xml"]),
                 crlf(['<presence entity="sip:bart@litwareinc.com">',
                       "<tuple id=\"0\"><status><basic>open</basic></status></tuple>",
                       "</presence>"]))
    c1, c2 = notify.index("Event:"), notify.index("<tuple")
    parts = [notify[:c1], notify[c1:c2], notify[c2:]]
    reads = "".join(opener(120 + 3 * i, "in", len(x)) + content(121 + 3 * i, x) + end(122 + 3 * i, "in", len(x))
                    for i, x in enumerate(parts))
    # Then an INFO in two reads, the second completed on another thread.
    info = sip("INFO sip:jeremy@litwareinc.com SIP/2.0",
               dialog_headers("joined0info0call", 3, "INFO", ["Content-Type: application/sdp"]), SDP)
    c = info.index("m=audio")
    other = (opener(140, "in", c) + content(141, info[:c]) + end(142, "in", c)
             + opener(143, "in", len(info) - c, B) + content(144, info[c:], B) + end(145, "in", len(info) - c, B))
    return (hdr(90) + "CUccConnection::ReadComplete - 2 reads pending\r\n"
            + opener(100, "in", len(first)) + content(101, first) + end(102, "in", len(first))
            + opener(103, "in", len(rest)) + content(104, rest) + end(105, "in", len(rest))
            + packet(110, "out", trying) + reads + other)


def interrupted_frame():
    """Rule 2: a MESSAGE whose text/plain body quotes a line of this log
    (same PID:TID): the line has a record header's shape but is part of the
    packet; another thread's line before the End of is not."""
    body = crlf([
        "the client logged this:",
        hdr(5, A) + "Sending Packet - 10.0.0.1:443 (From Local Address: 10.0.0.2:1000) 12 bytes:",
        "is that the Edge?",
    ])
    msg = sip("MESSAGE sip:bart@litwareinc.com SIP/2.0",
              dialog_headers("interrupted0im0call", 7, "MESSAGE",
                             ["Content-Type: text/plain; charset=UTF-8"]), body)
    n = len(msg.encode())
    return (opener(200, "out", n) + content(201, msg)
            + hdr(202, B) + "CUccTimer::Fire - keepalive timer\r\n"
            + end(203, "out", n)
            + packet(210, "in", sip("SIP/2.0 200 OK", dialog_headers("interrupted0im0call", 7, "MESSAGE"))))


def content_length():
    """Rule 3: Content-Length counted with LF (too small), and too large; and
    a too small one followed by another message in the same read."""
    body = crlf(["<presentity uri=\"sip:bart@litwareinc.com\">",
                 "<availability aggregate=\"3500\"/>",
                 "</presentity>"])
    lf_len = len(body.encode()) - body.count("\r\n")
    notify = crlf(["BENOTIFY sip:jeremy@litwareinc.com SIP/2.0"] +
                  dialog_headers("cl0short0call", 3, "BENOTIFY",
                                 ["Content-Type: text/xml+msrtc.pidf",
                                  "Content-Length: %d" % lf_len])) + "\r\n" + body
    short_body = "v=0\r\no=- 0 0 IN IP4 192.168.1.20\r\n"
    info = crlf(["INFO sip:bart@litwareinc.com SIP/2.0"] +
                dialog_headers("cl0long0call", 4, "INFO",
                               ["Content-Type: application/sdp",
                                "Content-Length: %d" % (len(short_body) + 40)])) + "\r\n" + short_body
    # One read holding two messages, the first with its length counted with LF.
    second = sip("BENOTIFY sip:jeremy@litwareinc.com SIP/2.0",
                 dialog_headers("cl0second0call", 6, "BENOTIFY"))
    pair = notify.replace("cl0short0call", "cl0first0call").replace("CSeq: 3", "CSeq: 5") + second
    return packet(300, "in", notify) + packet(310, "out", info) + packet(320, "in", pair)


def rotated_cut():
    """Rule 4: an INVITE cut by the rotation: its framing record and the
    first lines at the end of -1, the rest at the start of -0."""
    invite = sip("INVITE sip:bart@litwareinc.com SIP/2.0",
                 dialog_headers("rotated0invite0call", 1, "INVITE",
                                ["Content-Type: application/sdp"]), SDP)
    n = len(invite.encode())
    record = content(401, invite)
    cut = record.index("Call-ID:")  # a line boundary
    older = (packet(380, "in", sip("SIP/2.0 200 OK", dialog_headers("rotated0register", 2, "REGISTER")))
             + opener(400, "out", n) + record[:cut])
    newer = (record[cut:] + end(402, "out", n)
             + packet(410, "in", sip("SIP/2.0 100 Trying", dialog_headers("rotated0invite0call", 1, "INVITE"))))
    return older, newer


def interleaved_threads():
    """Rule 5: thread A logs its Sending Packet header, thread B a whole
    received packet and a trace line, then A its message and End of."""
    invite = sip("INVITE sip:bart@litwareinc.com SIP/2.0",
                 dialog_headers("interleaved0invite", 1, "INVITE",
                                ["Content-Type: application/sdp"]), SDP)
    n = len(invite.encode())
    benotify = sip("BENOTIFY sip:jeremy@litwareinc.com SIP/2.0",
                   dialog_headers("interleaved0presence", 9, "BENOTIFY"))
    return (opener(500, "out", n, A)
            + packet(501, "in", benotify, B)
            + hdr(504, B) + "CUccPresence::OnNotify - 1 category\r\n"
            + content(505, invite, A) + end(506, "out", n, A))


def unusable_frames():
    """Rule 6: a read that is not SIP, a good message, and a framing record
    at the end of the log that never got its bytes."""
    junk = "16 03 01 00 a5 01 00 00 a1 03 03 (a TLS record logged as text)\r\nno start line here"
    options = sip("OPTIONS sip:bart@litwareinc.com SIP/2.0", dialog_headers("unusable0options", 1, "OPTIONS"))
    return (packet(600, "in", junk) + packet(610, "out", options)
            + opener(620, "out", 312))


def write(name, text):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(text.encode())


def main():
    write("joined-reads.uccapilog", joined_reads())
    write("interrupted-frame.uccapilog", interrupted_frame())
    write("content-length.uccapilog", content_length())
    older, newer = rotated_cut()
    write("rotated-cut-1.uccapilog", older)
    write("rotated-cut-0.uccapilog", newer)
    write("interleaved-threads.uccapilog", interleaved_threads())
    write("unusable-frames.uccapilog", unusable_frames())


if __name__ == "__main__":
    main()
