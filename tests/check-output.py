#!/usr/bin/env python3
"""Run a command and compare what it prints with an expected file.

usage: check-output.py [--status N] [--stdin FILE] [--json] EXPECTED -- CMD [ARG...]

--status N   the exit status the command must end with (default 0)
--stdin FILE feed FILE to the command's standard input
--json       the output must also parse as JSON (one document, or one per line)
Set UCLOG_UPDATE_GOLDEN=1 to rewrite EXPECTED from the output instead.
"""
import difflib
import json
import os
import subprocess
import sys


def main(argv):
    status, stdin, want_json = 0, None, False
    while argv and argv[0].startswith("--") and argv[0] != "--":
        opt = argv.pop(0)
        if opt == "--status":
            status = int(argv.pop(0))
        elif opt == "--stdin":
            stdin = argv.pop(0)
        elif opt == "--json":
            want_json = True
        else:
            sys.exit("unknown option " + opt)
    expected = argv.pop(0)
    if argv.pop(0) != "--":
        sys.exit("expected -- before the command")
    env = dict(os.environ, NO_COLOR="1")
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as inp:
        proc = subprocess.run(argv, stdin=inp, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out = proc.stdout.decode("utf-8")
    if proc.returncode != status:
        sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
        sys.exit("exit status %d, expected %d" % (proc.returncode, status))
    if want_json:
        lines = out.splitlines()
        try:
            json.loads(out)
        except ValueError:
            for line in lines:
                json.loads(line)
    if os.environ.get("UCLOG_UPDATE_GOLDEN") == "1":
        with open(expected, "w") as f:
            f.write(out)
        return 0
    with open(expected) as f:
        want = f.read()
    if out != want:
        sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), out.splitlines(True), expected, "output"))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
