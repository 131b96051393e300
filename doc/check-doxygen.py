#!/usr/bin/env python3
"""The API reference built without a warning: doxygen's warnings log (WARN_LOGFILE) is empty."""
import sys

with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
    warnings = f.read().strip()
if warnings:
    print(warnings)
    print("doxygen: %d warning lines in the public headers" % len(warnings.splitlines()))
    sys.exit(1)
print("doxygen: no warning")
