#!/usr/bin/env python3
"""File names as users' profiles hold them: outside ASCII, and (on Windows) with backslashes.

usage: check-names.py DATA UCLOG-DIAGNOSE UCLOG-DUMP

DATA is tests/data. The seed log is copied to a temporary folder as
"Åsa Öberg/Tracing/Lync-UccApi-0.UccApilog" (a Windows profile's client log folder, the user's
name in it). Then:
- uclog-diagnose FILE opens it, and its report names it as given ("Log: ..." in UTF-8);
- uclog-diagnose --jobs 2 FOLDER walks to it: its line's "log" is the path, the name read
  from the folder in UTF-8;
- uclog-dump FILE OTHER-SPELLING is refused as the same file given twice (the other spelling:
  with "/./" on POSIX systems; with backslashes through UCLOG_EXE_WRAPPER, a Windows build,
  where the file's volume and index tell it is one file).
A Windows program reads its arguments from the wide command line (os-win32.c); under wine,
LC_ALL=C.UTF-8 tells wine that the bytes this script passes are UTF-8.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import target


def run(argv):
    env = dict(os.environ, NO_COLOR="1", LC_ALL="C.UTF-8")
    return subprocess.run(target.command(argv), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def main(argv):
    data, diagnose, dump = argv
    tmp = tempfile.mkdtemp()
    try:
        return check(data, diagnose, dump, tmp)
    finally:
        shutil.rmtree(tmp)


def check(data, diagnose, dump, tmp):
    folder = os.path.join(tmp, "Åsa Öberg", "Tracing")
    os.makedirs(folder)
    log = os.path.join(folder, "Lync-UccApi-0.UccApilog")
    shutil.copyfile(os.path.join(data, "seed.uccapilog"), log)
    failed = 0

    p = run([diagnose, log])
    first = target.text(p.stdout).splitlines()[0] if p.stdout else ""
    if p.returncode != 0 or first != "Log: " + log:
        print("diagnose FILE: status %d, first line %r, expected %r; stderr %r"
              % (p.returncode, first, "Log: " + log, p.stderr.decode("utf-8", "replace")))
        failed = 1
    else:
        print("diagnose FILE: %s" % first)

    p = run([diagnose, "--jobs", "2", os.path.join(tmp, "Åsa Öberg")])
    lines = target.text(p.stdout).splitlines()
    logs = [json.loads(line).get("log") for line in lines]
    if p.returncode != 0 or logs != [log]:
        print("diagnose --jobs 2 FOLDER: status %d, logs %r, expected %r; stderr %r"
              % (p.returncode, logs, [log], p.stderr.decode("utf-8", "replace")))
        failed = 1
    else:
        print("diagnose --jobs 2 FOLDER: %s" % logs[0])

    other = log.replace("/", "\\") if target.wrapper() else os.path.join(folder, ".", os.path.basename(log))
    p = run([dump, log, other])
    err = p.stderr.decode("utf-8", "replace").splitlines()
    want = "uclog-dump: %s and %s are the same file" % (log, other)
    if p.returncode != 2 or err != [want]:
        print("dump FILE OTHER: status %d, stderr %r, expected %r" % (p.returncode, err, [want]))
        failed = 1
    else:
        print("dump FILE OTHER: %s" % err[0])
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
