"""Every symbol of the version maps is bound, or listed as deliberately unbound."""

import os
import re
import unittest

from helpers import SOURCE_ROOT, TestCase
from uclog import _clib

MAPS = [
    (os.path.join(SOURCE_ROOT, "lib", "libuclog.map"), "CORE"),
    (os.path.join(SOURCE_ROOT, "lib", "diag", "libuclog-diag.map"), "DIAG"),
]


def map_symbols(path):
    """The global symbols of a GNU ld version script."""
    with open(path) as f:
        text = re.sub(r"/\*.*?\*/", "", f.read(), flags=re.S)
    out = []
    for block in re.findall(r"global:(.*?)(?:local:|\})", text, flags=re.S):
        out += [s.strip() for s in block.split(";") if s.strip()]
    return out


def header_prototypes():
    """name -> (return type, parameter count) of every UCLOG_EXPORT function in the headers."""
    out = {}
    folder = os.path.join(SOURCE_ROOT, "include", "uclog")
    for fn in sorted(os.listdir(folder)):
        if not fn.endswith((".h", ".h.in")):
            continue
        with open(os.path.join(folder, fn)) as f:
            text = re.sub(r"/\*.*?\*/", "", f.read(), flags=re.S)
        for m in re.finditer(r"UCLOG_EXPORT\s+([^;(]*?)\b(uclog_\w+)\s*\(([^)]*)\)\s*;", text):
            ret = " ".join(m.group(1).split())
            params = " ".join(m.group(3).split())
            count = 0 if params in ("", "void") else len(params.split(","))
            out[m.group(2)] = (ret, count)
    return out


class Symbols(TestCase):
    def check(self, path, which):
        if not os.path.exists(path):
            self.skipTest("%s does not exist yet" % path)
        exported = map_symbols(path)
        self.assertTrue(exported)
        table = getattr(_clib, which + "_PROTOTYPES")
        unbound = getattr(_clib, which + "_UNBOUND")
        bound = [row[0] for row in table]
        self.assertEqual(len(bound), len(set(bound)), "a function is declared twice")
        self.assertEqual(sorted(set(exported) - set(bound) - set(unbound)), [],
                         "symbols in %s neither bound nor listed as unbound" % path)
        self.assertEqual(sorted(set(bound) - set(exported)), [],
                         "declared but not in %s" % path)
        self.assertEqual(sorted(set(unbound) - set(exported)), [], "stale unbound entries")
        self.assertEqual(sorted(set(unbound) & set(bound)), [], "both bound and unbound")
        for name, reason in unbound.items():
            self.assertGreater(len(reason), 20, name)

    def test_core_map(self):
        self.check(*MAPS[0])

    def test_diag_map(self):
        self.check(*MAPS[1])

    def test_declared_with_types(self):
        lib = _clib.load()
        for name, restype, argtypes, _ in _clib.CORE_PROTOTYPES:
            fn = getattr(lib, name)
            self.assertEqual(fn.argtypes, argtypes, name)
            self.assertIs(fn.restype, restype, name)

    def test_tables_match_the_headers(self):
        """Each binding's arity and void-ness against the C prototype in include/uclog/."""
        protos = header_prototypes()
        rows = list(_clib.CORE_PROTOTYPES) + list(getattr(_clib, "DIAG_PROTOTYPES", []))
        self.assertGreater(len(rows), 100)
        for name, restype, argtypes, _ in rows:
            self.assertTrue(name in protos, "%s is bound but declared in no header" % name)
            ret, nparams = protos[name]
            self.assertEqual(len(argtypes), nparams, "%s: %d arguments bound, %d declared"
                             % (name, len(argtypes), nparams))
            self.assertEqual(restype is None, ret == "void", "%s returns %s" % (name, ret))

    def test_version(self):
        lib = _clib.load()
        self.assertEqual(lib.uclog_version() >> 16, _clib.ABI_MAJOR)
        import uclog
        self.assertRegex(uclog.library_version, r"^1\.\d+\.\d+$")

    def test_utf8_char_len(self):
        # uclog_utf8_char_len() (1.3): the library's one UTF-8 rule, through its declaration
        lib = _clib.load()
        self.assertEqual(lib.uclog_utf8_char_len(b"A", 1), 1)
        self.assertEqual(lib.uclog_utf8_char_len("\u00e9".encode(), 2), 2)
        self.assertEqual(lib.uclog_utf8_char_len(b"\xe2\x82\xac", 3), 3)
        self.assertEqual(lib.uclog_utf8_char_len(b"\xe2\x82\xac", 2), 0)   # cut short
        self.assertEqual(lib.uclog_utf8_char_len(b"\xed\xa0\x80", 3), 0)   # a surrogate
        self.assertEqual(lib.uclog_utf8_char_len(None, 0), 0)

    def test_utf8_char_shown(self):
        # uclog_utf8_char_shown() (1.3): what reaches a terminal as it is, through its declaration
        lib = _clib.load()
        self.assertEqual(lib.uclog_utf8_char_shown(b"A", 1), 1)
        self.assertEqual(lib.uclog_utf8_char_shown("\u00e9".encode(), 2), 1)
        self.assertEqual(lib.uclog_utf8_char_shown(b"\x1b[2J", 4), 0)      # ESC
        self.assertEqual(lib.uclog_utf8_char_shown(b"\x7f", 1), 0)         # DEL
        self.assertEqual(lib.uclog_utf8_char_shown(b"\xc2\x9b", 2), 0)     # C1 (CSI)
        self.assertEqual(lib.uclog_utf8_char_shown(b"\xc2\xa0", 2), 1)     # NBSP, past C1
        self.assertEqual(lib.uclog_utf8_char_shown(b"\xff", 1), 0)         # not UTF-8
        self.assertEqual(lib.uclog_utf8_char_shown(None, 0), 0)


if __name__ == "__main__":
    unittest.main()
