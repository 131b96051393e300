"""A Report reads the library's report as it is asked, and its text is the library's
(uclog.ReportText, include/uclog/diag-text.h)."""

import copy
import os
import pickle
import subprocess
import sys
import tempfile
import unittest

from helpers import TestCase, data, read, uclog
from uclog import _clib, _diag

UCLOG_DIAGNOSE = os.environ.get("UCLOG_DIAGNOSE")


def needs_diag(test):
    return unittest.skipUnless(_diag.available(), "libuclog-diag.so.1 not found")(test)


def eager(r):
    """The same values in a Report made in Python."""
    return uclog.Report(files=r.files, client_uri=r.client_uri, client_user_agent=r.client_user_agent,
                        client_version=r.client_version, client_location=r.client_location,
                        client_location_reason=r.client_location_reason, calls=tuple(r.calls),
                        verdicts=tuple(r.verdicts), worst_severity=r.worst_severity,
                        unusable_count=r.unusable_count, unusable=r.unusable)


@needs_diag
class Lifetime(TestCase):
    def test_report_outlives_its_log_and_is_freed_with_its_last_reader(self):
        with uclog.open(data("seed.uccapilog")) as log:
            r = uclog.diagnose_log(log, edge_ip="192.168.1.7")
        # the log is closed; its context stays open for the report
        self.assertEqual(_clib.live(), {"ctx": 1, "diag_report": 1})
        self.assertEqual(r.codes, [170, 230])
        self.assertEqual(r.verdicts[1].evidence[0].line, 129)
        self.assertEqual(r.calls[0].call_id, "e41f3fa11696494d90130b78761b202c")
        self.assertTrue(r.text(None).startswith("Log: %s\nClient: sip:bart@litwareinc.com\n"
                                                % data("seed.uccapilog")))
        verdicts = r.verdicts
        del r
        self.assertEqual(_clib.live(), {"ctx": 1, "diag_report": 1})  # a sequence still reads it
        v = verdicts[1]
        del verdicts
        # freed at once, not by the garbage collector; what was read stays
        self.assertEqual(_clib.live(), {})
        self.assertEqual((v.code, v.evidence[0].line), (230, 129))

    def test_a_report_of_an_open_log(self):
        with uclog.open(data("seed.uccapilog")) as log:
            r = uclog.diagnose_log(log)
            self.assertEqual(r.codes, [170, 215])
            del r
            self.assertEqual(_clib.live(), {"ctx": 1, "log": 1})
        self.assertEqual(_clib.live(), {})


@needs_diag
class Values(TestCase):
    def test_same_values_as_a_report_made_in_python(self):
        for name in ("seed.uccapilog", os.path.join("diag", "many-calls.uccapilog"),
                     os.path.join("diag", "media-failed.uccapilog")):
            r = uclog.diagnose(data(name))
            e = eager(uclog.diagnose(data(name)))
            self.assertEqual(r, e, name)
            self.assertEqual(repr(r), repr(e), name)
            self.assertEqual(r.verdicts, e.verdicts)
            self.assertEqual(r.to_dict(), e.to_dict())
            self.assertEqual(r.shown_worst_severity(), e.shown_worst_severity())
            self.assertEqual(r.codes, e.codes)
            self.assertEqual(pickle.loads(pickle.dumps(r)), e)
            self.assertEqual(copy.deepcopy(r), e)

    def test_sequences(self):
        r = uclog.diagnose(data("diag", "many-calls.uccapilog"))
        vs = r.verdicts
        self.assertEqual(len(vs), len(tuple(vs)))
        self.assertIs(vs[0], vs[0])                  # made once
        self.assertEqual(vs[-1], tuple(vs)[-1])
        self.assertEqual(vs[1:3], tuple(vs)[1:3])
        self.assertEqual([c.call_id for c in r.calls][:2], ["a1000000000000000000000000000001",
                                                            "a2000000000000000000000000000002"])
        self.assertEqual(r.worst_verdict(0).code, 310)
        with self.assertRaises(IndexError):
            vs[len(vs)]
        with self.assertRaises(AttributeError):
            r.files = ()

    def test_text_of_a_report_made_in_python(self):
        r = eager(uclog.diagnose(data("seed.uccapilog")))
        with self.assertRaises(ValueError):
            r.text()


@needs_diag
class Text(TestCase):
    def test_renderer_and_report_text(self):
        r = uclog.diagnose(data("diag", "many-calls.uccapilog"))
        with uclog.ReportText(40, ["a1", "a4"], failures=True) as t:
            text = t.report(r)
        self.assertEqual(text, r.text(40, ["a1", "a4"], True))
        self.assertIn("\nCalls: 6\nShown: 1 of them (--call-id, --failures)\n", text)
        self.assertIn("\n  [failure] 310 CALL_REJECTED (signalling)\n", text)
        with uclog.ReportText(None, colour=True) as t:
            self.assertIn("\n  \033[1;31m[failure]\033[0m 310 CALL_REJECTED (signalling)\n", t.report(r))
        with self.assertRaises(ValueError):
            t.report(r)

    def test_bytes_that_are_not_utf8_as_the_program_writes_them(self):
        """Each byte of a cut UTF-8 sequence is one '?', a U+FFFD of the log stays: the library's
        rule, which the binding's own copy of the text did not follow (one '?' for the sequence,
        and one for the U+FFFD)."""
        raw = read("hostile", "control-chars.uccapilog")
        bad = raw.replace(b"\x1b[41my@", b"\x1b\xe2\x82y\xef\xbf\xbd@")
        self.assertNotEqual(bad, raw)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "bad.uccapilog")
            with open(path, "wb") as f:
                f.write(bad)
            text = uclog.diagnose(path).text(None)
            self.assertIn("\nCall 1: outgoing to sip:???y\ufffd@litwareinc.com\n", text)
            if UCLOG_DIAGNOSE and os.path.exists(UCLOG_DIAGNOSE):
                c = subprocess.run([UCLOG_DIAGNOSE, path], capture_output=True, timeout=60)
                self.assertEqual(text, c.stdout.decode())

    def test_parts_while_their_callback_runs(self):
        path = data("diag", "many-calls.uccapilog")
        kept, out = [], []
        with uclog.ReportText(None) as t, uclog.open(path) as log:
            def on_part(part):
                out.append(t.part(part))
                kept.append(part)
            uclog.diagnose_log_parts(log, on_part)
        text = "".join(out)
        self.assertTrue(text.startswith("Log: %s\n" % path))
        self.assertIn("    Check: as for call 1 above (310 CALL_REJECTED)\n", text)
        self.assertIn("\n\nClient: sip:bart@litwareinc.com\n", text)
        # a part is read whole before its callback returns; its text is no longer there
        self.assertEqual(kept[0].calls[0].call_id, "a1000000000000000000000000000001")
        self.assertEqual((kept[0].codes[0], len(kept[-1].calls)), (170, 0))
        with self.assertRaises(ValueError):
            kept[0].text()
        if UCLOG_DIAGNOSE and os.path.exists(UCLOG_DIAGNOSE):
            c = subprocess.run([UCLOG_DIAGNOSE, "--stream", path], capture_output=True, timeout=60)
            self.assertEqual(text, c.stdout.decode())
        p = subprocess.run([sys.executable, "-m", "uclog", "--stream", path], capture_output=True, timeout=60)
        self.assertEqual(text, p.stdout.decode())


if __name__ == "__main__":
    unittest.main()
