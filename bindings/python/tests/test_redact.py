"""uclog.redact / redact_log / mask_secrets and ``python3 -m uclog redact``."""

import os
import subprocess
import sys
import tempfile
import unittest

import uclog
from helpers import TestCase, data, read


class RedactTest(TestCase):
    def test_secrets_replaced_length_for_length(self):
        out = {}
        with uclog.open(data("redact", "secrets.uccapilog")) as log:
            counts = uclog.redact_log(log, lambda i, b: out.setdefault(i, []).append(b))
        text = b"".join(out[0])
        orig = read("redact", "secrets.uccapilog")
        self.assertEqual(len(text), len(orig))
        self.assertNotIn(b"mXJ0wWkxa9kyNIxUJrhFyQ4d", text)
        self.assertIn(b"a=ice-pwd:" + b"X" * 24 + b"\r\n", text)
        self.assertEqual(counts["auth-token"], 9)
        self.assertEqual(counts["mras-credential"], 4)
        self.assertEqual(counts["secret-copy"], 2)
        self.assertEqual(counts["ipv4"], 0)
        self.assertEqual(sorted(counts), sorted(uclog.REDACT_KINDS))
        # read from the library (uclog_redact_kind_name()), in its order
        self.assertEqual(uclog.REDACT_KINDS, ("auth-token", "mras-credential", "srtp-key", "ice-password",
                                              "secret-copy", "uri-user", "phone", "display-name", "domain",
                                              "ipv4", "ipv6"))
        # the copy gives the verdicts of the original
        codes = [v.code for v in uclog.diagnose(data("seed.uccapilog")).verdicts]
        with tempfile.TemporaryDirectory() as d:
            uclog.redact(data("seed.uccapilog"), os.path.join(d, "seed.uccapilog"))
            self.assertEqual([v.code for v in uclog.diagnose(os.path.join(d, "seed.uccapilog")).verdicts],
                             codes)

    def test_pseudonyms_with_a_key_are_the_same_in_every_run(self):
        outs = []
        for key in ("k", "k", "other"):
            with tempfile.TemporaryDirectory() as d:
                path = os.path.join(d, "people.uccapilog")
                uclog.redact(data("redact", "people.uccapilog"), path, pseudonymise=True, key=key)
                with open(path, "rb") as f:
                    outs.append(f.read())
        self.assertEqual(outs[0], outs[1])
        self.assertNotEqual(outs[0], outs[2])
        self.assertNotIn(b"litwareinc", outs[0])
        self.assertNotIn(b"Duncan", outs[0])
        self.assertIn(b"127.0.0.1 50008", outs[0])

    def test_a_set_stays_a_set(self):
        with tempfile.TemporaryDirectory() as d:
            uclog.redact([data("rotated-uccapi-1.uccapilog"), data("rotated-uccapi-0.uccapilog")], d)
            self.assertEqual(sorted(os.listdir(d)), ["rotated-uccapi-0.uccapilog", "rotated-uccapi-1.uccapilog"])

    def test_writer_exception_is_raised_again(self):
        def boom(i, b):
            raise KeyError("full")
        with uclog.open(data("seed.uccapilog")) as log:
            with self.assertRaises(KeyError):
                uclog.redact_log(log, boom)

    def test_stream_refused(self):
        with open(data("seed.uccapilog"), "rb") as f:
            with uclog.open_stream(f) as log:
                with self.assertRaises(uclog.Error) as e:
                    uclog.redact_log(log, lambda i, b: None)
        self.assertEqual(e.exception.code, uclog.E_STATE)

    def test_mask_secrets(self):
        self.assertEqual(uclog.mask_secrets("a=ice-pwd:abcd\r\n"), "a=ice-pwd:****\r\n")
        self.assertEqual(uclog.mask_secrets(b"<password>pw</password>"), b"<password>**</password>")
        self.assertEqual(uclog.mask_secrets("nothing"), "nothing")

    def test_text_forms_mask_secrets(self):
        with uclog.open(data("redact", "secrets.uccapilog")) as log:
            records = [r for r in log.records() if b"mXJ0wWkxa9kyNIxUJrhFyQ4d" in r.raw]
            packets = [p for p in log.packets() if b"mXJ0wWkxa9kyNIxUJrhFyQ4d" in p.data]
            offer = [m for m in log.messages() if m.sdp()][0].sdp()[0]
            mras = [m for m in log.messages() if m.mras()][0].mras()
        media = offer.media[0]
        self.assertEqual(media.ice_pwd, "mXJ0wWkxa9kyNIxUJrhFyQ4d")  # the value itself is kept
        for obj in (records[0], packets[0], media, media.candidates[0], media.crypto[0], mras):
            for secret in ("mXJ0wWkxa9kyNIxUJrhFyQ4d", "1aZ9EbjsP8LMhi6fxLVJVQ", "WVNfX19WT1ZrYXlTdXNrdGVy",
                           "AgAAJPctcgsByUyufn7q4YrV9tVY9EdbrUyIexcz3eMAAAAA"):
                self.assertNotIn(secret, repr(obj))
        self.assertIn("ice_pwd='***'", repr(media))
        self.assertIn("a=ice-pwd:" + "*" * 24, repr(records[0]))
        try:
            uclog.show_secrets(True)
            self.assertIn("mXJ0wWkxa9kyNIxUJrhFyQ4d", repr(media))
            self.assertIn("mXJ0wWkxa9kyNIxUJrhFyQ4d", repr(records[0]))
        finally:
            uclog.show_secrets(False)

    def test_module_command(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "x.uccapilog")
            p = subprocess.run([sys.executable, "-m", "uclog", "redact", data("redact", "secrets.uccapilog"),
                                "-o", out], capture_output=True, text=True)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(p.stderr.splitlines()[0], "uclog-redact: replaced 20")
            self.assertIn("  srtp-key         2", p.stderr.splitlines())
            p = subprocess.run([sys.executable, "-m", "uclog", "redact", "--key", "k",
                                data("seed.uccapilog"), "-o", out], capture_output=True, text=True)
            self.assertEqual(p.returncode, 2)


if __name__ == "__main__":
    unittest.main()
