"""Every evidence item of every diagnostics fixture cites the line that holds its value.

The value each kind of evidence claims to have seen is taken from its text (the candidate
line, the start line, the ms-diagnostics code, ICEWarn=, LocalMR=, RemoteMR=, mrasUri,
the relay host, reasonPhrase, <credentials>, <location>), and the line the evidence
cites is read from the file: it must contain that value.
"""

import glob
import os
import re

from helpers import TestCase, DATA, uclog
from test_diag import needs_diag

# (pattern on the detail, what the cited line must contain: a function of the match)
RULES = [
    (r"^(?:other party's candidate \(context, not judged\): )?(a=(?:x-candidate-ipv6|candidate):.*?)(?: \(.*\))?$",
     lambda m: m.group(1)),
    (r"^(?:offer|sent|answer|answer to the INVITE): (.*?)(?: \(no response with this Call-ID follows\))?$",
     lambda m: m.group(1)),
    (r"^ms-(?:client-)?diagnostics(?:-public)? (\d+) \(", lambda m: m.group(1)),
    (r"^ms-(client-)?diagnostics: (\S{1,12})", lambda m: m.group(2)),
    (r"^.*: ms-client-diagnostics: (\d+;)", lambda m: m.group(1)),
    (r"^ICEWarn=(\S+)", lambda m: "ICEWarn=" + m.group(1)),
    (r"^ICEWarn bit ", lambda m: "ICEWarn="),
    (r"^(LocalMR|RemoteMR)=(\S+)", lambda m: m.group(1) + "=" + m.group(2)),
    (r"^(LocalMR|RemoteMR) is empty", lambda m: m.group(1) + "="),
    (r"^mrasUri = (.*)$", lambda m: m.group(1)),
    (r"^media relay \(.*?\): (?:hostName|directIPAddress) (\S+),", lambda m: m.group(1)),
    (r'^(reasonPhrase="[^"]*")', lambda m: m.group(1)),
    (r"^credentials received:", lambda m: "credentials"),
    (r"^client location: internal \(the MRAS credentialsRequest says location (\w+)\)",
     lambda m: "<location>" + m.group(1)),
    (r"^client location: internal \(the sign-in responses carry no", lambda m: "SIP/2.0 200"),
    (r"^client location when the call was placed: internal \(the call's MRAS credentialsRequest says location (\w+)\)",
     lambda m: "<location>" + m.group(1)),
    (r"^client location when the call was placed: internal \(the sign-in answers before the call carry no",
     lambda m: "SIP/2.0 200"),
    (r"^provisioning SUBSCRIBE sent", lambda m: "SUBSCRIBE "),
    (r"^its 200 OK, with the same Call-ID", lambda m: "SIP/2.0 200"),
    (r"^provisioning 200 OK: ", lambda m: "SIP/2.0 200"),
]
# Evidence that claims no value of the line it cites: where a body stopped being XML, how
# to decide, counts over the whole log.
NO_VALUE = [r"could not be read", r"^to decide: ", r"^the offer was read only up to here", r"^\d+ SIP messages read", r"no Sending Packet",
            r"^client location: internal \(given"]

CASES = [("seed.uccapilog", {}), ("seed.uccapilog", {"edge_ip": "192.168.1.7"}),
         ("seed-mras-unanswered.uccapilog", {}), ("seed-no-mras.uccapilog", {}),
         ("seed-lf.uccapilog", {}), ("seed-utf16le.uccapilog", {})]
for pattern in ("diag/*.uccapilog", "diag/parts/*.uccapilog", "diag/rules/*.uccapilog"):
    CASES += [(os.path.relpath(p, DATA), {}) for p in sorted(glob.glob(os.path.join(DATA, pattern)))]


def file_lines(path, cache={}):
    if path not in cache:
        with open(path, "rb") as f:
            raw = f.read()
        text = raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw.decode("utf-8", "replace")
        cache[path] = text.split("\n")
    return cache[path]


def expected_value(detail):
    for pattern, value in RULES:
        m = re.match(pattern, detail)
        if m:
            return value(m)
    return None


@needs_diag
class EvidenceLines(TestCase):
    def test_every_fixture(self):
        checked = 0
        for name, opts in CASES:
            path = os.path.join(DATA, name)
            for v in uclog.diagnose(path, **opts).verdicts:
                for e in v.evidence:
                    if any(re.search(p, e.detail) for p in NO_VALUE):
                        continue
                    want = expected_value(e.detail)
                    self.assertIsNotNone(want, "%s: evidence with no rule: %r" % (name, e.detail))
                    self.assertIsNotNone(e.line, "%s: %r cites no line" % (name, e.detail))
                    line = file_lines(e.file)[e.line - 1]
                    self.assertIn(want.lower(), line.lower(),
                                  "%s:%d cited for %r does not hold %r: %r"
                                  % (name, e.line, e.detail, want, line))
                    checked += 1
        self.assertGreater(checked, 400)
