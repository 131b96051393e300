#!/usr/bin/env python3
"""uclog as a meson subproject: the consumer project beside this script, with
subprojects/uclog linked to the source tree, configured with
default_library=shared and =static. Both dependency('uclog') and
dependency('uclog-diag') resolve, its programs run, and the subproject builds
and installs nothing but the libraries, headers and .pc files, and registers
no test.

usage: check-subproject.py SRCROOT SEEDLOG
Exit status 77 (skipped) when meson is not on PATH.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
LIBRARIES = {"uclog", "uclog-diag"}
FIRST_LINE = b"SUBSCRIBE sip:bart@litwareinc.com SIP/2.0\n"
VERDICTS = b"170\n215\n"


def run(cmd, **kw):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kw)
    if proc.returncode != 0:
        sys.stdout.write(proc.stdout.decode("utf-8", "replace"))
        raise SystemExit("failed (%d): %s" % (proc.returncode, " ".join(cmd)))
    return proc.stdout


def introspect(meson, build, what):
    return json.loads(run([meson, "introspect", build, "--" + what]))


def allowed(path):
    """An installed file a library user needs: a header, a library, a .pc."""
    name = os.path.basename(path)
    parent = os.path.basename(os.path.dirname(path))
    if parent == "uclog" and name.endswith(".h"):
        return True
    if parent == "pkgconfig" and name in ("uclog.pc", "uclog-diag.pc"):
        return True
    return name.startswith("libuclog") and (".so" in name or name.endswith(".a"))


def check(meson, top, kind, seed):
    build = os.path.join(top, "build-" + kind)
    stage = os.path.join(top, "stage-" + kind)
    run([meson, "setup", build, os.path.join(top, "consumer"), "--werror",
         "-Ddefault_library=" + kind])
    run([meson, "compile", "-C", build])

    out = run([os.path.join(build, "consumer-uclog"), seed])
    if out != FIRST_LINE:
        raise SystemExit("%s: consumer-uclog printed %r" % (kind, out))
    out = run([os.path.join(build, "consumer-diag"), seed])
    if out != VERDICTS:
        raise SystemExit("%s: consumer-diag printed %r" % (kind, out))

    if introspect(meson, build, "tests"):
        raise SystemExit("%s: the subproject registered tests" % kind)
    built = {t["name"] for t in introspect(meson, build, "targets")
             if t["subproject"] == "uclog" and t.get("build_by_default", True)}
    if built != LIBRARIES:
        raise SystemExit("%s: the subproject builds %s, not only %s"
                         % (kind, sorted(built), sorted(LIBRARIES)))

    run([meson, "install", "-C", build, "--destdir", stage])
    installed = sorted(os.path.relpath(os.path.join(d, f), stage)
                       for d, _, files in os.walk(stage) for f in files)
    extra = [p for p in installed if not allowed(p)]
    if extra:
        raise SystemExit("%s: the subproject installs more than its libraries: %s" % (kind, extra))
    for want in ("uclog/uclog.h", "uclog/diag.h", "pkgconfig/uclog.pc", "pkgconfig/uclog-diag.pc"):
        if not any(p.endswith(want) for p in installed):
            raise SystemExit("%s: %s not installed" % (kind, want))
    print("%s: both dependencies resolve; installs %d files, all library files" % (kind, len(installed)))


def main(argv):
    srcroot, seed = os.path.abspath(argv[0]), os.path.abspath(argv[1])
    meson = shutil.which("meson")
    if not meson:
        print("meson is not on PATH")
        return 77
    with tempfile.TemporaryDirectory(prefix="uclog-subproject-") as top:
        shutil.copytree(os.path.join(HERE, "consumer"), os.path.join(top, "consumer"))
        os.mkdir(os.path.join(top, "consumer", "subprojects"))
        os.symlink(srcroot, os.path.join(top, "consumer", "subprojects", "uclog"))
        for kind in ("shared", "static"):
            check(meson, top, kind, seed)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
