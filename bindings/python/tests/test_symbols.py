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

    def test_version(self):
        lib = _clib.load()
        self.assertEqual(lib.uclog_version() >> 16, _clib.ABI_MAJOR)
        import uclog
        self.assertRegex(uclog.library_version, r"^1\.\d+\.\d+$")


if __name__ == "__main__":
    unittest.main()
