#!/usr/bin/env python3
"""Run a command and compare what it prints with an expected file.

usage: check-output.py [--status N] [--stdin FILE] [--json] [--csv] [--stderr FILE] [--tty COLUMNS]
                       [--env NAME[=VALUE]] [--binary] [--line-ends lf|crlf] EXPECTED -- CMD [ARG...]

--status N    the exit status the command must end with (default 0)
--stdin FILE  feed FILE to the command's standard input
--json        the output must also parse as JSON (one document, or one per line)
--stderr FILE standard error must equal FILE (otherwise it is not looked at)
--tty COLUMNS standard output is a terminal (a pty) of COLUMNS columns (the COLUMNS variable)
--csv         the output must also be CSV as RFC 4180 has it: CRLF record ends, every record
              with as many fields as the header row (python3's csv module)
--env N=V     set N to V (may be empty) in the command's environment; --env N unsets N
              (NO_COLOR is 1 unless set or unset so)
--binary      the output is a file's bytes, written as they are on every system (a redacted
              log, a page): compared as it is, under UCLOG_EXE_WRAPPER too (--csv implies it:
              CSV's CRLF is its own)
--line-ends E every line of the output, as the program wrote it, ends with E: lf or crlf
The output is compared byte for byte, escape sequences (colour) included.
Set UCLOG_UPDATE_GOLDEN=1 to rewrite EXPECTED from the output instead.
UCLOG_EXE_WRAPPER (a command, e.g. wine) runs a program built for another system: there, a
Windows program, its text on standard output ends lines with CRLF, as Windows text streams
do; then, and only then, each CRLF of text output (not --binary) is read as one line end
before the comparison (--line-ends checks the line ends themselves). --tty is skipped (77)
there: a Unix pseudo-terminal is not a Windows console.
"""
import difflib
import json
import os
import shlex
import subprocess
import sys


def run_on_tty(argv, inp, env):
    """Run with standard output on a pseudo-terminal; its output with LF line ends."""
    import pty
    master, slave = pty.openpty()
    proc = subprocess.Popen(argv, stdin=inp, stdout=slave, stderr=subprocess.PIPE, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            b = os.read(master, 65536)
        except OSError:     # EIO: the program has closed the terminal
            break
        if not b:
            break
        chunks.append(b)
    err = proc.stderr.read()
    proc.wait()
    os.close(master)
    return subprocess.CompletedProcess(argv, proc.returncode, b"".join(chunks).replace(b"\r\n", b"\n"), err)


def check_csv(out):
    """Every record ends in CRLF and has the header's number of fields."""
    import csv
    import io
    if out and not out.endswith("\r\n"):
        sys.exit("CSV: the last record does not end in CRLF")
    rows = list(csv.reader(io.StringIO(out, newline=""), strict=True))
    if not rows:
        sys.exit("CSV: no header row")
    for n, row in enumerate(rows, 1):
        if len(row) != len(rows[0]):
            sys.exit("CSV: record %d has %d fields, the header %d" % (n, len(row), len(rows[0])))


def check_line_ends(out, ends):
    """Every line of out ends with ends ("lf" or "crlf"), the last one included."""
    crlf = out.count("\r\n")
    lf = out.count("\n") - crlf
    if not out.endswith("\n"):
        sys.exit("the output's last line has no line end")
    if ends == "crlf" and lf:
        sys.exit("%d lines end with LF alone, %d with CRLF: all should end with CRLF" % (lf, crlf))
    if ends == "lf" and crlf:
        sys.exit("%d lines end with CRLF: all should end with LF alone" % crlf)


def main(argv):
    status, stdin, want_json, want_csv, want_err, tty = 0, None, False, False, None, None
    binary, line_ends = False, None
    env = dict(os.environ, NO_COLOR="1")
    while argv and argv[0].startswith("--") and argv[0] != "--":
        opt = argv.pop(0)
        if opt == "--status":
            status = int(argv.pop(0))
        elif opt == "--stdin":
            stdin = argv.pop(0)
        elif opt == "--json":
            want_json = True
        elif opt == "--stderr":
            want_err = argv.pop(0)
        elif opt == "--tty":
            tty = argv.pop(0)
        elif opt == "--csv":
            want_csv = binary = True
        elif opt == "--binary":
            binary = True
        elif opt == "--line-ends":
            line_ends = argv.pop(0)
        elif opt == "--env":
            name, eq, value = argv.pop(0).partition("=")
            if eq:
                env[name] = value
            else:
                env.pop(name, None)
        else:
            sys.exit("unknown option " + opt)
    expected = argv.pop(0)
    if argv.pop(0) != "--":
        sys.exit("expected -- before the command")
    wrapper = shlex.split(os.environ.get("UCLOG_EXE_WRAPPER", ""))
    argv = wrapper + argv
    if tty and wrapper:
        print("a Unix pseudo-terminal is not a Windows console: skipped under %s" % " ".join(wrapper))
        return 77
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as inp:
        if tty:
            proc = run_on_tty(argv, inp, dict(env, COLUMNS=tty))
        else:
            proc = subprocess.run(argv, stdin=inp, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out = proc.stdout.decode("utf-8")
    if proc.returncode != status:
        sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
        sys.exit("exit status %d, expected %d" % (proc.returncode, status))
    if line_ends:
        check_line_ends(out, line_ends)
    if want_csv:
        check_csv(out)
    if wrapper and not binary:
        out = out.replace("\r\n", "\n")
    if want_json:
        lines = out.splitlines()
        try:
            json.loads(out)
        except ValueError:
            for line in lines:
                json.loads(line)
    err = proc.stderr.decode("utf-8")
    if wrapper:
        err = err.replace("\r\n", "\n")
    pairs = [(expected, out, "output")] + ([(want_err, err, "standard error")] if want_err else [])
    if os.environ.get("UCLOG_UPDATE_GOLDEN") == "1":
        for path, got, _ in pairs:
            with open(path, "w", newline="") as f:  # kept byte for byte (a log's CRLF)
                f.write(got)
        return 0
    failed = 0
    for path, got, what in pairs:
        with open(path, newline="") as f:
            want = f.read()
        if got != want:
            sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), got.splitlines(True), path, what))
            failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
