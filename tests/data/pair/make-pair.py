#!/usr/bin/env python3
"""Build the two logs of one call, its caller's and its callee's (run it here).

alice.uccapilog: alice@litwareinc.com signs in from outside (through the Access Edge) and calls
bob; her INVITE offers host candidates only (the diagnosis gives 210 on her side). bob.uccapilog:
bob@litwareinc.com, inside, receives that INVITE (the server's Via on top of alice's), answers
100, 180 and 200 with relay candidates, and gets her ACK; his log ends before her BYE. Both logs hold the same Call-ID; bob's
clock runs 2.5 s ahead of alice's and every hop through the server takes 40 ms, so a pairing of
what one side sent with what the other received estimates the skew as 2.500 s.

The packets come from ../seed.uccapilog through the helpers of ../diag/rules/make-rules.py
(imported from its own directory, where it reads the seed); byte counts and Content-Length are
exact, line ends CRLF. alice-rotated-1 and -0 are alice.uccapilog cut in two at the call, a
rotated set that stays one client. alice-ice-failed and bob-ice-failed: the call ended by bob's BYE
with ms-client-diagnostics 23, media that did not connect, in both logs. alice-cut.uccapilog: alice's log
ending with the INVITE she sent: the call is in both logs, but its pairs go one way only, so the
skew is not known.
"""
import importlib.util
import os

HERE = os.path.dirname(os.path.abspath(__file__))
RULES = os.path.join(HERE, "..", "diag", "rules")
os.chdir(RULES)
spec = importlib.util.spec_from_file_location("make_rules", os.path.join(RULES, "make-rules.py"))
R = importlib.util.module_from_spec(spec)
spec.loader.exec_module(R)
os.chdir(HERE)

EOL = R.EOL
CID = "c4117e2b0b5e4e5f9a3a5a1d2f6b7c8d"
SERVER_VIA = "Via: SIP/2.0/TLS 192.168.1.5:5061;branch=z9hG4bK8F2A1C00.7D3E5B21;branched=FALSE;ms-internal-info=\"ab\""
ALICE_BRANCH = "z9hG4bK2038f73c52a1"
BOB = "192.168.1.30"
BOB_TO = "<sip:bob@litwareinc.com>;tag=5b0b7a1e"
BOB_CONTACT = "Contact: <sip:bob@litwareinc.com;opaque=user:epid:Qm9iQm9iAAA;gruu>"
BOB_ANSWER = R.ice19("UDP 2130706431 %s 20612 typ host" % BOB,
                     "UDP 184547839 131.107.0.10 55200 typ relay raddr %s rport 20612" % BOB, conn=BOB)


def user(packets, name):
    return [dict(p, msg=R.with_body(p["msg"].replace("bart@", name + "@").replace("Bart Duncan", name.title()),
                                    R.head_and_body(p["msg"])[1].replace("bart@", name + "@")))
            for p in packets]


def on_bob(p):
    """A packet of bob's connection to the server (his address in the Via of his own requests)."""
    msg = p["msg"].replace("Via: SIP/2.0/TLS 192.168.1.10:1259", "Via: SIP/2.0/TLS %s:50220" % BOB)
    return dict(p, remote="192.168.1.5:5061", local="%s:50220" % BOB, msg=msg)


def call():
    """alice's packets and bob's, each as (packet, true time in ms from 23:35:11.000) in order."""
    sign_a = R.public(user(R.signin(), "alice"))
    sign_b = [on_bob(p) for p in user(R.signin(cids=("1b0fb943e213456482dbede7bc8ea461", "2bc45caa1e33428abe89238d8b8ddd82")), "bob")]
    sign_b = [dict(p, msg=p["msg"].replace("ms-user-logon-data: RemoteUser\r\n", "")
                   .replace("<location>internet</location>", "<location>intranet</location>")) for p in sign_b]
    sign_b = [dict(p, msg=R.with_body(p["msg"], R.head_and_body(p["msg"])[1])) for p in sign_b]
    inv = R.invite(R.ice19(*R.host_19()), cid=CID)
    inv = dict(inv, remote=R.ACCESS_EDGE_PUBLIC,
               msg=inv["msg"].replace("sip:jeremy@", "sip:bob@").replace("bart@", "alice@")
               .replace("Via: SIP/2.0/TLS 192.168.1.10:44511", "Via: SIP/2.0/TLS 192.168.1.10:44511;branch=" + ALICE_BRANCH))
    via_a = R.header(inv["msg"], "Via")
    got = on_bob(dict(inv, out=False, msg=inv["msg"].replace("Via: " + via_a, SERVER_VIA + EOL + "Via: " + via_a)))
    got = dict(got, msg=got["msg"].replace("Max-Forwards: 70", "Max-Forwards: 69"))

    def answer(status, body="", ctype=None, extra=()):
        b = R.response(got, status, list(extra), body, ctype, to_tag=None)  # the topmost Via only
        msg = b["msg"].replace(SERVER_VIA, SERVER_VIA + EOL + "Via: " + via_a, 1)
        msg = msg.replace("To: <sip:bob@litwareinc.com>", "To: " + BOB_TO)
        sent = dict(b, out=True, msg=msg)
        # what alice receives: the server's Via taken off
        recv = dict(inv, out=False, msg=msg.replace(SERVER_VIA + EOL, ""))
        return sent, recv

    trying, trying_a = answer("100 Trying")
    ringing, ringing_a = answer("180 Ringing", extra=[BOB_CONTACT])
    ok, ok_a = answer("200 OK", BOB_ANSWER, "application/sdp", [BOB_CONTACT])
    ack = R.request_like(inv, "ACK", 1, uri="sip:bob@litwareinc.com;opaque=user:epid:Qm9iQm9iAAA;gruu",
                         to=BOB_TO, body="")
    ack = dict(ack, msg=ack["msg"].replace(";branch=" + ALICE_BRANCH, ";branch=z9hG4bK2038f73c52a2"))
    ack_b = on_bob(dict(ack, out=False, msg=ack["msg"].replace("Via: SIP/2.0/TLS 192.168.1.10",
                                                              SERVER_VIA[:-4] + "\"ac\"" + EOL + "Via: SIP/2.0/TLS 192.168.1.10", 1)))
    # alice hangs up; bob's log ends before her BYE reaches him
    bye = R.request_like(inv, "BYE", 2, uri="sip:bob@litwareinc.com;opaque=user:epid:Qm9iQm9iAAA;gruu", to=BOB_TO, body="")
    bye = dict(bye, msg=bye["msg"].replace(";branch=" + ALICE_BRANCH, ";branch=z9hG4bK2038f73c52a3"))
    hop = 40
    alice = [(p, -240000 + 150 * k) for k, p in enumerate(sign_a)]
    bob = [(p, -180000 + 150 * k) for k, p in enumerate(sign_b)]
    alice.append((inv, 0))
    bob.append((got, hop))
    bob.append((trying, hop + 10))
    alice.append((trying_a, hop + 10 + hop))
    bob.append((ringing, hop + 60))
    alice.append((ringing_a, hop + 60 + hop))
    bob.append((ok, 3000))
    alice.append((ok_a, 3000 + hop))
    alice.append((ack, 3000 + hop + 15))
    bob.append((ack_b, 3000 + hop + 15 + hop))
    alice.append((bye, 9000))
    return alice, bob


ICE_FAILED = ('ms-client-diagnostics: 23;reason="Call failed to establish due to a media connectivity failure when one '
              'endpoint is internal and the other is remote";CalleeMediaDebug="audio:ICEWarn=0x40000a3,'
              'LocalSite=192.168.1.30:20612,LocalMR=131.107.0.10:55200,RemoteSite=192.168.1.10:50000,RemoteMR=,'
              'PortRange=1025:65000,LocalMRTCPPort=55200,RemoteMRTCPPort=0,LocalLocation=2,RemoteLocation=1,FederationType=0"')


def ice_failed(alice, bob):
    """The same call ended by bob: his BYE carries ms-client-diagnostics 23 (media did not connect)."""
    inv = next(p for p, _ in alice if p["msg"].startswith("INVITE"))
    h = ["Via: SIP/2.0/TLS %s:50220;branch=z9hG4bKb0b1e5a7" % BOB, "Max-Forwards: 70", "From: " + BOB_TO,
         "To: <sip:alice@litwareinc.com>;tag=2038f73c52;epid=b9ca774f83", "Call-ID: " + CID, "CSeq: 1 BYE", ICE_FAILED]
    msg = R.sip("BYE sip:alice@litwareinc.com;opaque=user:epid:cYUGvoWWcl6mKX37xhEMuAAA;gruu SIP/2.0", h)
    sent = on_bob(dict(inv, out=True, msg=msg))
    got = dict(inv, out=False, msg=msg.replace("Via: ", SERVER_VIA.replace('"ab"', '"ad"') + EOL + "Via: ", 1)
               .replace("Max-Forwards: 70", "Max-Forwards: 69"))
    return alice[:-1] + [(got, 6000 + 40)], bob + [(sent, 6000)]


def stamp(ms):
    t = 23 * 3600000 + 35 * 60000 + 11000 + ms
    return "%02d:%02d:%02d.%03d" % (t // 3600000, t // 60000 % 60, t // 1000 % 60, t % 1000)


def write(name, packets, skew):
    text = "".join(R.frame(p, stamp(ms + skew)) for p, ms in packets)
    open(name + ".uccapilog", "wb").write(text.encode())


if __name__ == "__main__":
    a, b = call()
    write("alice", a, 0)
    write("bob", b, 2500)
    # alice's log as a rotated set: the sign-in in the older file (-1), the call in the newer (-0)
    write("alice-rotated-1", [x for x in a if x[1] < 0], 0)
    write("alice-rotated-0", [x for x in a if x[1] >= 0], 0)
    fa, fb = ice_failed(a, b)
    write("alice-ice-failed", fa, 0)
    write("bob-ice-failed", fb, 2500)
    write("alice-cut", [x for x in a if x[1] <= 0], 0)
