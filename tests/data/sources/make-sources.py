#!/usr/bin/env python3
"""Build the fixtures of tests/data/sources (see README.md): files of bare SIP messages, as they
are pasted into tickets, and files that are not client logs. Run from this folder."""


def sdp(cands, ip="192.168.1.10", port=50000):
    lines = ["v=0", "o=- 0 0 IN IP4 %s" % ip, "s=session", "c=IN IP4 %s" % ip, "b=CT:99980", "t=0 0",
             "m=audio %d RTP/AVP 114 111 0 8 101" % port] + cands + \
            ["a=rtpmap:114 x-msrta/16000", "a=rtpmap:101 telephone-event/8000"]
    return "\r\n".join(lines) + "\r\n"


def invite(callid, cands, branch="z9hG4bK1a2b", ip="192.168.1.10"):
    body = sdp(cands, ip)
    hdr = ["INVITE sip:jeremy@litwareinc.com SIP/2.0",
           "Via: SIP/2.0/TLS %s:44511;branch=%s" % (ip, branch),
           "Max-Forwards: 70",
           "From: <sip:bart@litwareinc.com>;tag=2038f73c52;epid=b9ca774f83",
           "To: <sip:jeremy@litwareinc.com>",
           "Call-ID: %s" % callid,
           "CSeq: 1 INVITE",
           "Contact: <sip:bart@litwareinc.com;opaque=user:epid:cYUGvoWWcl6mKX37xhEMuAAA;gruu>",
           "User-Agent: UCCAPI/4.0.7577.4398 OC/4.0.7577.4398 (Microsoft Lync 2010)",
           "Content-Type: application/sdp",
           "Content-Length: %d" % len(body.encode())]
    return "\r\n".join(hdr) + "\r\n\r\n" + body


def response(callid, status, to_tag=""):
    return "\r\n".join(["SIP/2.0 " + status,
                        "Via: SIP/2.0/TLS 192.168.1.10:44511;branch=z9hG4bK77aa",
                        "From: <sip:bart@litwareinc.com>;tag=2038f73c52;epid=b9ca774f83",
                        "To: <sip:jeremy@litwareinc.com>" + to_tag,
                        "Call-ID: " + callid,
                        "CSeq: 1 INVITE",
                        "Content-Length: 0"]) + "\r\n\r\n"


HOST = ["a=candidate:1 1 UDP 2130706431 192.168.1.10 50000 typ host",
        "a=candidate:1 2 UDP 2130705918 192.168.1.10 50001 typ host",
        "a=candidate:2 1 TCP-PASS 174455807 192.168.1.10 50010 typ host"]
RELAY = HOST + ["a=candidate:3 1 UDP 16648703 131.107.1.20 52000 typ relay raddr 192.168.1.10 rport 50000",
                "a=candidate:3 2 UDP 16648702 131.107.1.20 52001 typ relay raddr 192.168.1.10 rport 50001"]


def main():
    inv = invite("a84b4c76e66710@bart-pc", HOST)
    # one INVITE, LF only (pasted from a mail: its Content-Length still counts the CRs)
    open("invite-lf.txt", "wb").write(inv.replace("\r\n", "\n").encode())
    # several messages, CRLF, a blank line between them
    cid = "f81d4fae7dec11d0@bart-pc"
    text = invite(cid, RELAY, branch="z9hG4bK77aa") + "\r\n" + response(cid, "100 Trying") + "\r\n" + \
        response(cid, "486 Busy Here", ";tag=99e1")
    open("several-crlf.txt", "wb").write(text.encode())
    # the INVITE pasted with the log's framing lines, their record headers cut off
    n = len(inv.encode())
    framing = "Sending Packet - 192.168.1.5:5061 (From Local Address: 192.168.1.10:44511) %d bytes" % n
    open("framed-invite.txt", "wb").write((framing + ":\r\n" + inv + "End of " + framing + "\r\n").encode())
    # an INVITE without Content-Length after a line of text, then the 100 Trying that answered it
    nolen = inv.replace("Content-Length: %d\r\n" % len(sdp(HOST).encode()), "")
    assert nolen != inv
    text = "Here is the INVITE from the trace:\n\n" + nolen + response("a84b4c76e66710@bart-pc", "100 Trying")
    open("no-length.txt", "wb").write(text.encode())
    # not client logs: empty, the start of an ELF executable, a paragraph of text
    open("empty.txt", "wb").write(b"")
    elf = bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0] + [0] * 8 + [3, 0, 0x3e, 0, 1, 0, 0, 0] + [0x40, 0x10] + [0] * 38)
    open("binary.bin", "wb").write(elf + b"GCC: (Debian 12.2.0-14) 12.2.0\x00" + bytes(range(256)))
    open("readme.txt", "w").write("uclog reads the trace logs written by Office Communicator 2007/R2, Lync\n"
                                  "2010/2013 and Skype for Business clients, and diagnoses failed audio and\n"
                                  "video calls. Point it at Communicator-uccapi-0.uccapilog and read the\n"
                                  "verdicts.\n")


if __name__ == "__main__":
    main()
