"""Two clients' logs (tests/data/pair: alice calls bob; alice's offer has no Edge candidate, bob's
BYE says media did not connect in the *-ice-failed logs): the files grouped by signed-in user,
the clocks' skew, both sides of the call, and python3 -m uclog printing what uclog-diagnose
prints, byte for byte, in every form."""

import json
import os
import subprocess
import sys
import unittest

from helpers import TestCase, data, uclog
from uclog import _both, _diag

UCLOG_DIAGNOSE = os.environ.get("UCLOG_DIAGNOSE")
CALL_ID = "c4117e2b0b5e4e5f9a3a5a1d2f6b7c8d"


def pair(name):
    return data("pair", name + ".uccapilog")


def run_module(*args):
    return subprocess.run([sys.executable, "-m", "uclog", *args], capture_output=True, timeout=120,
                          env=dict(os.environ, NO_COLOR="1"))


class Clients(TestCase):
    def test_client_user(self):
        for name, user in (("alice", "sip:alice@litwareinc.com"), ("alice-rotated-1", "sip:alice@litwareinc.com"),
                           ("bob", "sip:bob@litwareinc.com")):
            with uclog.open(pair(name)) as log:
                self.assertEqual(_both.client_user(log), user, name)
        with uclog.open(data("seed.uccapilog")) as log:
            self.assertEqual(_both.client_user(log), "sip:bart@litwareinc.com")

    def test_split(self):
        self.assertEqual(_both.split_clients(["sip:b", "", "sip:a", "sip:b"]), ([0, 0, 1, 0], ["sip:b", "sip:a"]))
        self.assertEqual(_both.split_clients(["sip:a", "sip:a"]), ([0, 0], ["sip:a"]))
        with self.assertRaises(ValueError) as e:
            _both.split_clients(["sip:a", "sip:b", "sip:c"])
        self.assertEqual(e.exception.args, (2, "sip:a", "sip:b"))

    def test_skew(self):
        # bob's clock 2.5 s ahead, 40 ms a hop through the servers; 5 messages paired
        with uclog.open(pair("alice")) as a, uclog.open(pair("bob")) as b:
            self.assertEqual(_both.skew(a, b).to_dict(), {"known": True, "ms": 2500, "delay_ms": 40, "pairs": 5})
            self.assertEqual(_both.skew(b, a).to_dict(), {"known": True, "ms": -2500, "delay_ms": 40, "pairs": 5})
        # alice's log ends with her INVITE: one pair, one way
        with uclog.open(pair("alice-cut")) as a, uclog.open(pair("bob")) as b:
            self.assertEqual(_both.skew(a, b).to_dict(), {"known": False, "ms": None, "delay_ms": None, "pairs": 1})
        with uclog.open(pair("alice")) as a, uclog.open(data("seed.uccapilog")) as b:
            self.assertEqual(_both.skew(a, b).to_dict(), {"known": False, "ms": None, "delay_ms": None, "pairs": 0})


@unittest.skipUnless(_diag.available(), "libuclog-diag.so.1 not found")
class BothSides(TestCase):
    def sides(self, a, b):
        s = (_both.Side(), _both.Side())
        s[0].add(uclog.diagnose(pair(a)))
        s[1].add(uclog.diagnose(pair(b)))
        return s

    def test_caller_lacked_edge_candidate(self):
        with uclog.open(pair("alice")) as a, uclog.open(pair("bob")) as b:
            d = _both.both_dict(self.sides("alice", "bob"), _both.skew(a, b))
        call, = d["calls"]
        self.assertEqual(call["call_id"], CALL_ID)
        self.assertEqual([(s["client_number"], s["uri"], s["role"], [v["code"] for v in s["verdicts"]])
                          for s in call["sides"]],
                         [(1, "sip:alice@litwareinc.com", "caller", [210]),
                          (2, "sip:bob@litwareinc.com", "callee", [230])])
        f, = call["findings"]
        self.assertEqual((f["finding"], f["code"], f["name"], f["side"], f["client_numbers"]),
                         ("no_edge_candidate", 210, "NO_EDGE_CANDIDATE", "caller", [1]))
        self.assertEqual(f["text"], "the caller's offer lacked an Edge candidate (210 on the caller's side)")
        e = f["evidence"][0]
        self.assertEqual((e["client_number"], e["file"], e["line"], e["detail"]),
                         (1, pair("alice"), 129, "offer: INVITE sip:bob@litwareinc.com SIP/2.0"))

    def test_whose_ice_failed(self):
        with uclog.open(pair("alice-ice-failed")) as a, uclog.open(pair("bob-ice-failed")) as b:
            sk = _both.skew(a, b)
        both = _both.both_dict(self.sides("alice-ice-failed", "bob-ice-failed"), sk)["calls"][0]["findings"]
        self.assertEqual([(f["finding"], f["code"], f["side"], f["client_numbers"]) for f in both],
                         [("no_edge_candidate", 210, "caller", [1]), ("ice_failed", 300, "both", [1, 2])])
        self.assertEqual({e["client_number"] for e in both[1]["evidence"]}, {1, 2})
        # bob's log alone says it: the callee's ICE failed
        one = _both.both_dict(self.sides("alice", "bob-ice-failed"), sk)["calls"][0]["findings"]
        self.assertEqual([(f["finding"], f["side"], f["client_numbers"]) for f in one],
                         [("no_edge_candidate", "caller", [1]), ("ice_failed", "callee", [2])])
        self.assertEqual(one[1]["text"], "the callee's ICE failed: media did not connect, as its log alone says (300)")
        self.assertEqual({(e["client_number"], e["file"], e["line"]) for e in one[1]["evidence"]},
                         {(2, pair("bob-ice-failed"), 247)})

    def test_module_json(self):
        p = run_module("--json", pair("bob"), pair("alice"))
        self.assertEqual(p.returncode, 1)      # alice's 210 is a failure
        d = json.loads(p.stdout)
        self.assertEqual((d["schema_version"], [c["client"]["uri"] for c in d["clients"]]),
                         ("1.1", ["sip:bob@litwareinc.com", "sip:alice@litwareinc.com"]))
        self.assertEqual([c["schema_version"] for c in d["clients"]], ["1.0", "1.0"])
        self.assertEqual(d["both_sides"]["clock_skew"]["ms"], -2500)
        f, = d["both_sides"]["calls"][0]["findings"]
        self.assertEqual((f["side"], f["client_numbers"]), ("caller", [2]))

    @unittest.skipUnless(UCLOG_DIAGNOSE and os.path.exists(UCLOG_DIAGNOSE or ""),
                         "the uclog-diagnose example was not built")
    def test_same_output_as_uclog_diagnose(self):
        sets = [[pair("alice"), pair("bob")],
                [pair("bob-ice-failed"), pair("alice-ice-failed")],
                [pair("alice"), pair("bob-ice-failed")],
                [pair("bob"), pair("alice-rotated-1"), pair("alice-rotated-0")],
                [pair("alice-cut"), pair("bob")],
                [pair("alice"), data("seed.uccapilog")]]
        forms = [[], ["--json"], ["--summary"], ["--summary", "--json"], ["--stream"], ["--stream", "--json"],
                 ["--stream", "--summary"], ["--stream", "--summary", "--json"], ["--failures"],
                 ["--json", "--failures", "--call-id", "c41"], ["--stream", "--call-id", CALL_ID],
                 ["--call-id", "feedface"], ["--stream", "--call-id", "feedface"]]
        for files in sets:
            for args in forms:
                c = subprocess.run([UCLOG_DIAGNOSE, *args, *files], capture_output=True, timeout=120,
                                   env=dict(os.environ, NO_COLOR="1"))
                p = run_module(*args, *files)
                self.assertEqual((p.returncode, p.stdout.decode()), (c.returncode, c.stdout.decode()),
                                 args + files)
        # a third signed-in user: refused, as the C program does
        p = run_module(pair("alice"), pair("bob"), data("seed.uccapilog"))
        self.assertEqual(p.returncode, 2)
        self.assertEqual(p.stderr.decode(), "uclog: %s: a third signed-in user (sip:bart@litwareinc.com, beside "
                         "sip:alice@litwareinc.com and sip:bob@litwareinc.com): give one client's files, or two\n"
                         % data("seed.uccapilog"))
