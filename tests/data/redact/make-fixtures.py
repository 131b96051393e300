#!/usr/bin/env python3
"""Write the redaction fixtures of this folder (see README.md).

secrets.uccapilog holds every kind of secret the redactor replaces, in
the places a client log has them, and copies of some of them elsewhere;
people.uccapilog holds personal data of every kind pseudonymise replaces;
auth-bare-cr.uccapilog an authentication header with a CR alone inside its
value (the SIP reader keeps it in the value; a secret after it is one);
copy-from-header.uccapilog an ICE password whose copy starts inside a
record's header; auth-folds.uccapilog authentication values a fold takes
from their names or schemes.
Byte counts match the message bytes, CRLF line ends. Run it from
anywhere; it writes next to itself.
"""
import base64
import os

HERE = os.path.dirname(os.path.abspath(__file__))
A = "1384:11C0"
REMOTE = "192.168.1.5:5061"
LOCAL = "192.168.1.10:1259"

MRAS_USER = "AgAAJPctcgsByUyufn7q4YrV9tVY9EdbrUyIexcz3eMAAAAA"
MRAS_PASS = "Qm9ndXNQYXNzd29yZDEyMw=="
ESC_PASS = "ZXNjYXBlZFBhc3N3b3Jk"
SPLIT_PASS = "c3BsaXRQYXNzd29yZA=="
NTLM = "TlRMTVNTUAADAAAAGAAYAEgAAAAYABgAYAAAAA=="
NEGOTIATE = "YIIGhwYJKoZIhvcSAQICAQBuggZ2MIIGcqADAgEF"
RESPONSE = "0100000000000000bfb8bea5f1377568"
SRTP_KEY = "WVNfX19WT1ZrYXlTdXNrdGVyaXNrQUFBQUFBQUE="
SCALE_KEY = "c2NhbGVLZXlzY2FsZUtleXNjYWxlS2V5c2NhbGVL"
ICE_PWD = "mXJ0wWkxa9kyNIxUJrhFyQ4d"
CAND_PWD = "1aZ9EbjsP8LMhi6fxLVJVQ"
CAND6_PWD = "F/UCIT9x+77pF8zQ8mtg5g"
FOLDED_OPAQUE = "C0FFEE12345678AB"


def hdr(ms, time="11:30:10"):
    return "01/15/2012|%s.%03d %s INFO  :: " % (time, ms, A)


def crlf(lines):
    return "".join(l + "\r\n" for l in lines)


def packet(ms, direction, msg):
    n = len(msg.encode())
    if direction == "out":
        frame = "Sending Packet - %s (From Local Address: %s) %d bytes" % (REMOTE, LOCAL, n)
    else:
        frame = "Data Received - %s (To Local Address: %s) %d bytes" % (REMOTE, LOCAL, n)
    return (hdr(ms) + frame + ":\r\n" + hdr(ms + 1) + msg + ("" if msg.endswith("\n") else "\r\n")
            + hdr(ms + 2) + "End of " + frame + "\r\n")


def sip(start, headers, body=""):
    h = list(headers) + ["Content-Length: %d" % len(body.encode())]
    return crlf([start] + h) + "\r\n" + body


def dialog(cseq, method, call="redact0call", frm='"Bart Duncan" <sip:bart@litwareinc.com>;tag=a8a3'):
    return ["Via: SIP/2.0/TLS 192.168.1.10:1259;branch=z9hG4bK%d;received=131.107.2.200" % cseq,
            "From: " + frm,
            "To: <sip:bart@litwareinc.com>",
            "Call-ID: " + call,
            "CSeq: %d %s" % (cseq, method)]


def secrets():
    out = []
    out.append(packet(100, "out", sip("REGISTER sip:litwareinc.com SIP/2.0", dialog(1, "REGISTER") + [
        'Authorization: NTLM qop="auth", realm="SIP Communications Service", opaque="EB6E1210", '
        'targetname="OCS-FE.litwareinc.com", gssapi-data="%s", version=3' % NTLM])))
    out.append(packet(110, "in", sip("SIP/2.0 401 Unauthorized", dialog(1, "REGISTER") + [
        "WWW-Authenticate: Negotiate " + NEGOTIATE,
        'Proxy-Authenticate: Kerberos realm="SIP Communications Service",',
        ' targetname="sip/OCS-FE.litwareinc.com", version=4,',
        ' gssapi-data="%s"' % NEGOTIATE[::-1]])))
    out.append(packet(120, "out", sip("REGISTER sip:litwareinc.com SIP/2.0", dialog(2, "REGISTER") + [
        'Proxy-Authorization: TLS-DSK qop="auth", realm="SIP Communications Service", opaque="9A2F8732", '
        'crand="9eb79f5f", cnum="14", targetname="OCS-FE.litwareinc.com", response="%s"' % RESPONSE])))
    out.append(packet(130, "in", sip("SIP/2.0 200 OK", dialog(2, "REGISTER") + [
        'Authentication-Info: TLS-DSK rspauth="%s", srand="DE6811F2", snum="4", opaque="9A2F8732", '
        'qop="auth", targetname="OCS-FE.litwareinc.com", realm="SIP Communications Service"' % RESPONSE[::-1]])))
    mras = ('<response xmlns="http://schemas.microsoft.com/2006/09/sip/mrasp" requestID="1" version="2.0" '
            'serverVersion="2.0" to="sip:edgesrv.litwareinc.com@litwareinc.com;gruu" from="sip:bart@litwareinc.com" '
            'reasonPhrase="OK"><credentialsResponse credentialsRequestID="1"><credentials>\r\n'
            '<username>%s</username>\r\n<password>\r\n%s\r\n</password>\r\n<duration>480</duration></credentials>'
            '<mediaRelayList><mediaRelay><location>internet</location><hostName>avedge.litwareinc.com</hostName>'
            '<udpPort>3478</udpPort><tcpPort>443</tcpPort></mediaRelay></mediaRelayList></credentialsResponse>'
            '</response>\r\n' % (MRAS_USER, MRAS_PASS))
    out.append(packet(140, "in", sip("SIP/2.0 200 OK", dialog(3, "SERVICE") + [
        "Content-Type: application/msrtc-media-relay-auth+xml"], mras)))
    escaped = ("&lt;credentials&gt;&lt;username&gt;%s&lt;/username&gt;&lt;password&gt;%s&lt;/password&gt;"
               "&lt;/credentials&gt;\r\n" % (MRAS_USER[::-1], ESC_PASS))
    out.append(packet(150, "in", sip("NOTIFY sip:bart@litwareinc.com SIP/2.0", dialog(4, "NOTIFY") + [
        "Content-Type: text/plain"], escaped)))
    sdp = crlf([
        "v=0",
        "o=- 0 0 IN IP4 192.168.1.10",
        "s=session",
        "c=IN IP4 192.168.1.10",
        "t=0 0",
        "m=audio 50000 RTP/AVP 114 111 0 8 101",
        "a=ice-ufrag:PmT2",
        "a=ice-pwd:" + ICE_PWD,
        "a=candidate:UOBdojwDkC1fPKrOEjaKI+g2VKcU8xLZDC0YmZdrsNk 1 %s UDP 0.830 192.168.1.10 50000" % CAND_PWD,
        "a=x-candidate-ipv6:JQc3UONarZ7lwyGXr//s7EmOnl6F6Z80uMeNZ4qDU5E 1 %s UDP 0.840 2001:db8:5::1d 50002" % CAND6_PWD,
        "a=candidate:1 1 UDP 2130706431 192.168.1.10 50004 typ host",
        "a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:%s|2^31|1:1" % SRTP_KEY,
        "a=cryptoscale:1 client AES_CM_128_HMAC_SHA1_80 inline:%s|2^31|1:1" % SCALE_KEY,
        "a=rtpmap:114 x-msrta/16000",
    ])
    out.append(packet(160, "out", sip("INVITE sip:lisa@litwareinc.com SIP/2.0",
                                      dialog(5, "INVITE", call="redact0invite") + ["Content-Type: application/sdp"], sdp)))
    # copies: a trace line that quotes a key, another the base64 form of the MRAS password
    out.append(hdr(170) + "MediaManager: SRTP key %s in use\r\n" % SRTP_KEY)
    out.append(hdr(171) + "TurnCredentials: cached %s\r\n" % base64.b64encode(MRAS_PASS.encode()).decode())
    out.append(hdr(172) + "Bearer check Authorization: Bearer %s\r\n" % NTLM[::-1].replace("=", "A"))
    return "".join(out)


def people():
    out = []
    out.append(packet(100, "out", sip("INVITE sip:lisa@contoso.com SIP/2.0", [
        "Via: SIP/2.0/TLS 10.1.2.3:1259;branch=z9hG4bK1;received=131.107.2.200;ms-received-port=1259",
        "Via: SIP/2.0/TLS sip.contoso.com:5061;branch=z9hG4bK2",
        'From: "Bart Duncan" <sip:bart@litwareinc.com>;tag=a8a3;epid=3c465b617a',
        "To: Lisa Miller <sip:lisa@contoso.com>",
        "Contact: <sip:bart@litwareinc.com;opaque=user:epid:cYUG;gruu>",
        "P-Asserted-Identity: <tel:+14255550100>, \"Bart Duncan\" <sip:bart@litwareinc.com>",
        "Call-ID: people0call",
        "CSeq: 1 INVITE",
        "Content-Type: application/sdp"], crlf([
            "v=0",
            "o=- 0 0 IN IP4 10.1.2.3",
            "s=session",
            "c=IN IP4 10.1.2.3",
            "t=0 0",
            "m=audio 50000 RTP/AVP 0",
            "a=candidate:1 1 UDP 2130706431 10.1.2.3 50000 typ host",
            "a=candidate:2 1 UDP 2130706430 10.1.2.44 50001 typ host",
            "a=candidate:3 1 UDP 1694498815 131.107.2.200 50002 typ srflx raddr 10.1.2.3 rport 50000",
            "a=candidate:4 1 UDP 1694498814 131.107.2.9 50003 typ srflx raddr 172.20.1.1 rport 50000",
            "a=candidate:5 1 UDP 16777215 192.168.5.6 50004 typ relay raddr 100.64.1.2 rport 50000",
            "a=candidate:6 1 UDP 16777214 169.254.10.20 50005 typ host",
            "a=x-candidate-ipv6:7 1 UDP 2130706429 2001:db8:5::1d 50006 typ host",
            "a=x-candidate-ipv6:8 1 UDP 2130706428 fe80::1:2 50007 typ host",
            "a=candidate:9 1 UDP 2130706427 127.0.0.1 50008 typ host",
        ]))))
    out.append(hdr(110) + "CallMgr: dialing +14255550100 for Lisa Miller at 8.8.4.4:443\r\n")
    return "".join(out)


def auth_bare_cr():
    return packet(100, "in", sip("SIP/2.0 200 OK", dialog(2, "REGISTER") + [
        'Authentication-Info: NTLM rspauth="%s", srand="807B1E03", snum="8",\ropaque="EB6E1210", '
        'qop="auth", targetname="OCS-FE.litwareinc.com", realm="SIP Communications Service"' % RESPONSE]))


def copy_from_header():
    # a=ice-pwd takes the rest of its line: here text that a later record's header ends with
    pwd = "INFO  :: CallMgr: dialing bart for the conference"
    offer = crlf(["v=0", "o=- 0 0 IN IP4 192.168.1.10", "s=session", "c=IN IP4 192.168.1.10", "t=0 0",
                  "m=audio 50004 RTP/AVP 0", "a=ice-ufrag:Q3dA", "a=ice-pwd:" + pwd,
                  "a=candidate:1 1 UDP 2130706431 192.168.1.10 50004 typ host"])
    return (packet(100, "out", sip("INVITE sip:lisa@litwareinc.com SIP/2.0",
                                   dialog(1, "INVITE") + ["Content-Type: application/sdp"], offer))
            + hdr(200) + "CallMgr: dialing bart for the conference\r\n")


def auth_folds():
    # the SIP reader joins a header's folded lines: these values are its parameters' and tokens
    register = sip("REGISTER sip:litwareinc.com SIP/2.0", dialog(3, "REGISTER") + [
        'Authorization: NTLM qop="auth", realm="SIP Communications Service", opaque=\r\n'
        ' "EB6E1210", targetname="OCS-FE.litwareinc.com", crand="9a3b1c2d", cnum="2", response=\r\n'
        '\t"%s"' % RESPONSE])
    challenge = sip("SIP/2.0 401 Unauthorized", dialog(3, "REGISTER") + [
        "WWW-Authenticate: Negotiate\r\n %s" % NEGOTIATE,
        # a fold inside the value: its first piece is too short to be looked for alone
        'Proxy-Authenticate: NTLM realm="SIP Communications Service", opaque="%s\r\n %s"'
        % (FOLDED_OPAQUE[:6], FOLDED_OPAQUE[6:])])
    return (packet(100, "out", register) + packet(200, "in", challenge)
            + hdr(300) + "SIPAuth: response %s accepted\r\n" % RESPONSE
            + hdr(400) + "SIPAuth: challenge opaque %s kept\r\n" % FOLDED_OPAQUE)


def write(name, text):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(text.encode())


if __name__ == "__main__":
    write("secrets.uccapilog", secrets())
    write("people.uccapilog", people())
    write("auth-bare-cr.uccapilog", auth_bare_cr())
    write("copy-from-header.uccapilog", copy_from_header())
    write("auth-folds.uccapilog", auth_folds())
