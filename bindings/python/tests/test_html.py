"""``python3 -m uclog --html``: the page of uclog-report, through that program."""

import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

import uclog
from helpers import TestCase, data

UCLOG_REPORT = os.environ.get("UCLOG_REPORT")


@unittest.skipUnless(UCLOG_REPORT and os.path.exists(UCLOG_REPORT), "uclog-report not built")
class HtmlTest(TestCase):
    def run_main(self, *args):
        return subprocess.run([sys.executable, "-m", "uclog", *args], capture_output=True)

    def page_data(self, html):
        m = re.search(r'<script type="application/json" id="uclog-data">(.*?)</script>', html, re.S)
        return json.loads(m.group(1))

    def test_page_holds_the_verdicts_of_the_library(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "report.html")
            r = self.run_main("--html", "-o", out, "--edge-ip", "131.107.0.10", data("seed.uccapilog"))
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(out, encoding="utf-8") as f:
                html = f.read()
        self.assertTrue(html.startswith("<!DOCTYPE html>"))
        page = self.page_data(html)
        report = uclog.diagnose(data("seed.uccapilog"), edge_ip=["131.107.0.10"])
        self.assertEqual([v["code"] for v in page["verdicts"]], [v.code for v in report.verdicts])
        self.assertEqual(page["edge_ips"], ["131.107.0.10"])

    def test_secrets_masked_unless_asked(self):
        r = self.run_main("--html", data("redact", "secrets.uccapilog"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn(b"mXJ0wWkxa9kyNIxUJrhFyQ4d", r.stdout)
        self.assertIn(b"a=ice-pwd:" + b"*" * 24, r.stdout)
        r = self.run_main("--html", "--show-secrets", data("redact", "secrets.uccapilog"))
        self.assertIn(b"mXJ0wWkxa9kyNIxUJrhFyQ4d", r.stdout)

    def test_an_unreadable_file_is_exit_2(self):
        r = self.run_main("--html", data("no-such-file.uccapilog"))
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"uclog-report: ", r.stderr)


if __name__ == "__main__":
    unittest.main()
