"""How the binding finds libuclog, and what it says when it cannot."""

import os
import re
import subprocess
import sys
import types
import unittest

import uclog
from uclog import _clib


class LoadingTest(unittest.TestCase):

    def setUp(self):
        self.saved = {k: os.environ.get(k) for k in ("UCLOG_LIBRARY", "UCLOG_DIAG_LIBRARY")}
        self.library = self.saved["UCLOG_LIBRARY"]
        if not self.library:
            self.skipTest("UCLOG_LIBRARY not set (the build's library)")

    def tearDown(self):
        sys.modules.pop("uclog._install", None)
        for k, v in self.saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v

    def test_environment_wins(self):
        os.environ["UCLOG_LIBRARY"] = "/nowhere/libuclog.so.1"
        self.assertEqual(_clib._library_paths("UCLOG_LIBRARY", _clib.LIBRARY_SONAME),
                         ["/nowhere/libuclog.so.1"])

    def test_meson_install_beside_the_package(self):
        # What a meson install generates: the libdir relative to the package.
        package = os.path.dirname(os.path.abspath(_clib.__file__))
        libdir = os.path.dirname(os.path.abspath(self.library))
        sys.modules["uclog._install"] = types.SimpleNamespace(
            LIBDIR=os.path.relpath(libdir, package))
        del os.environ["UCLOG_LIBRARY"]
        paths = _clib._library_paths("UCLOG_LIBRARY", os.path.basename(self.library))
        self.assertEqual(paths, [os.path.join(libdir, os.path.basename(self.library)),
                                 os.path.basename(self.library)])

    def test_no_install_module_means_soname(self):
        sys.modules["uclog._install"] = None  # import fails: a pip install
        del os.environ["UCLOG_LIBRARY"]
        self.assertEqual(_clib._library_paths("UCLOG_LIBRARY", "libuclog.so.1"),
                         ["libuclog.so.1"])

    def test_windows_dll_on_path(self):
        # On Windows a bare name is not looked for on PATH (Python 3.8+): the binding
        # finds the DLL there itself and loads it by its full path.
        import tempfile
        saved_windows, saved_path = _clib.WINDOWS, os.environ.get("PATH", "")
        sys.modules["uclog._install"] = None
        del os.environ["UCLOG_LIBRARY"]
        with tempfile.TemporaryDirectory() as empty, tempfile.TemporaryDirectory() as bin_dir:
            open(os.path.join(bin_dir, "libuclog-1.dll"), "wb").close()
            try:
                _clib.WINDOWS = True
                os.environ["PATH"] = os.pathsep.join([empty, bin_dir])
                paths = _clib._library_paths("UCLOG_LIBRARY", "libuclog-1.dll")
            finally:
                _clib.WINDOWS = saved_windows
                os.environ["PATH"] = saved_path
        self.assertEqual(paths, [os.path.join(bin_dir, "libuclog-1.dll"), "libuclog-1.dll"])

    def test_cannot_load_is_import_error(self):
        os.environ["UCLOG_LIBRARY"] = "/nowhere/libuclog.so.1"
        with self.assertRaises(ImportError) as cm:
            _clib._load("UCLOG_LIBRARY", _clib.LIBRARY_SONAME)
        text = str(cm.exception)
        self.assertIn("cannot load libuclog.so.1", text)
        self.assertIn("/nowhere/libuclog.so.1", text)
        self.assertIn("LD_LIBRARY_PATH", text)
        self.assertIn("UCLOG_LIBRARY", text)

    def test_import_uclog_says_what_to_set(self):
        env = dict(os.environ, UCLOG_LIBRARY="/nowhere/libuclog.so.1")
        proc = subprocess.run([sys.executable, "-c", "import uclog"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.assertNotEqual(proc.returncode, 0)
        last = proc.stderr.decode().strip().splitlines()[-1]
        self.assertTrue(last.startswith("ImportError: uclog: cannot load libuclog.so.1"), last)
        self.assertIn("LD_LIBRARY_PATH", last)

    def test_loaded(self):
        self.assertTrue(uclog.library_version.startswith("1."))


if __name__ == "__main__":
    unittest.main()


class InstallListTest(unittest.TestCase):
    """meson installs the package file by file (bindings/meson.build): a module missing from
    that list imports from the source tree and fails once installed."""

    def test_every_module_is_installed(self):
        package = os.path.dirname(os.path.abspath(uclog.__file__))
        build_file = os.path.join(package, "..", "..", "meson.build")
        if not os.path.exists(build_file):
            self.skipTest("not the source tree")
        listed = set(re.findall(r"'python/uclog/([^']+)'", open(build_file, encoding="utf-8").read()))
        shipped = {f for f in os.listdir(package) if f.endswith(".py") or f == "py.typed"}
        self.assertEqual(shipped - listed, set())
        self.assertEqual(listed - shipped, set())
