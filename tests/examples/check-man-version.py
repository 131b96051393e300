#!/usr/bin/env python3
"""A program's man page, as installed, carries the project's version: on its .TH line, and as the
text it says --version prints, which is what the program prints.

check-man-version.py VERSION PAGE PROGRAM
"""
import subprocess
import sys

version, page, program = sys.argv[1:4]
text = open(page, encoding="utf-8").read()
th = next((line for line in text.splitlines() if line.startswith(".TH ")), "")
ok = True
if '"uclog %s"' % version not in th:
    print("%s: the .TH line does not name uclog %s: %s" % (page, version, th))
    ok = False
printed = subprocess.run([program, "--version"], capture_output=True, text=True, check=True).stdout.strip()
if "\\fB%s\\fR" % printed not in text:
    print("%s: --version prints %r, which the page does not show" % (page, printed))
    ok = False
sys.exit(0 if ok else 1)
