#!/usr/bin/env python3
"""uclog-dump on a log that is truncated while it is read.

usage: check-shrink.py PROGRAM

Writes a log of many records, starts PROGRAM --records on it with its output
on a pipe, reads a little (the program then blocks on a full pipe, in the
middle of the log), truncates the file to 100 bytes and reads the rest. The
program must end normally and print every record the file held when it was
opened; a program killed by a signal (SIGBUS from a mapping) fails.
"""
import os
import subprocess
import sys
import tempfile

import target

NREC = 20000
HEADER = "01/15/2012|11:30:10.163 1384:11C0 INFO  :: "


def main():
    prog = sys.argv[1]
    fd, path = tempfile.mkstemp(suffix=".uccapilog")
    try:
        with os.fdopen(fd, "w") as f:
            for i in range(NREC):
                f.write("%srecord %d of a log that is cut while it is read\n" % (HEADER, i))
        proc = subprocess.Popen(target.command([prog, "--records", path]), stdout=subprocess.PIPE)
        head = proc.stdout.read(4096)
        os.truncate(path, 100)
        rest = proc.stdout.read()
        status = proc.wait()
        out = (head + rest).decode("utf-8", "replace")
        if status != 0:
            print("%s exited with %d after the log was truncated" % (prog, status))
            return 1
        seen = out.count("of a log that is cut")
        if seen != NREC:
            print("%d records printed, %d expected" % (seen, NREC))
            return 1
        return 0
    finally:
        os.unlink(path)


if __name__ == "__main__":
    sys.exit(main())
