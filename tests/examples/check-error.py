#!/usr/bin/env python3
"""Run a command that must fail and check what it says on standard error.

usage: check-error.py [--status N] [--one-line] [--unreadable FIXTURE] [--stdin FILE] [--skip REASON]
                      MESSAGE -- CMD [ARG...]

--status N           the exit status the command must end with (default 2)
--one-line           standard error must be exactly one line (an input error), not a
                     message followed by the usage text
--unreadable FIXTURE copy FIXTURE to a temporary file with no read permission and put its
                     path for every @UNREADABLE@ in MESSAGE and the command; the test is
                     skipped (status 77) when the file can still be read (running as root)
--stdin FILE         the command's standard input (default /dev/null)
--stdout FILE        the command's standard output (default a pipe that must stay empty),
                     /dev/full for a write error
--skip REASON        the case does not apply to this build (a Unix device, --follow on
                     Windows): say REASON and end with status 77 (skipped)
The command runs through UCLOG_EXE_WRAPPER when it is set (target.py).
MESSAGE is the first line standard error must hold; standard output must be empty.
"""
import os
import shutil
import subprocess
import sys
import tempfile

import target


def main(argv):
    status, one_line, unreadable, stdin, stdout = 2, False, None, os.devnull, None
    while argv and argv[0].startswith("--") and argv[0] != "--":
        opt = argv.pop(0)
        if opt == "--status":
            status = int(argv.pop(0))
        elif opt == "--one-line":
            one_line = True
        elif opt == "--unreadable":
            unreadable = argv.pop(0)
        elif opt == "--stdin":
            stdin = argv.pop(0)
        elif opt == "--stdout":
            stdout = argv.pop(0)
        elif opt == "--skip":
            print(argv.pop(0) + ": skipped")
            return 77
        else:
            sys.exit("unknown option " + opt)
    message = argv.pop(0)
    if stdout and not os.path.exists(stdout):
        print("%s does not exist here: skipped" % stdout)
        return 77
    if argv.pop(0) != "--":
        sys.exit("expected -- before the command")
    tmpdir = None
    try:
        if unreadable:
            tmpdir = tempfile.mkdtemp()
            path = os.path.join(tmpdir, "unreadable.uccapilog")
            shutil.copyfile(unreadable, path)
            os.chmod(path, 0)
            try:
                open(path, "rb").close()
                print("the file is still readable (root?): skipped")
                return 77
            except OSError:
                pass
            message = message.replace("@UNREADABLE@", path)
            argv = [a.replace("@UNREADABLE@", path) for a in argv]
        env = dict(os.environ, NO_COLOR="1")
        with open(stdin, "rb") as inp, open(stdout or os.devnull, "wb") as out:
            proc = subprocess.run(target.command(argv), stdin=inp, stdout=out if stdout else subprocess.PIPE,
                                  stderr=subprocess.PIPE, env=env)
    finally:
        if tmpdir:
            shutil.rmtree(tmpdir, ignore_errors=True)
    err = proc.stderr.decode("utf-8", "replace")
    lines = err.splitlines()
    problems = []
    if proc.returncode != status:
        problems.append("exit status %d, expected %d" % (proc.returncode, status))
    if proc.stdout:
        problems.append("standard output is not empty:\n" + proc.stdout.decode("utf-8", "replace"))
    if not lines or lines[0] != message:
        problems.append("standard error starts %r, expected %r" % (lines[0] if lines else "", message))
    if one_line and len(lines) != 1:
        problems.append("standard error has %d lines, expected one" % len(lines))
    if problems:
        sys.stderr.write(err)
        print("\n".join(problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
