#!/usr/bin/env python3
"""uclog-diagnose --jobs over a folder tree: one JSON object a line for each log, in path order.

usage: check-jobs.py [--no-gzip] [--no-zip] DATA UCLOG-DIAGNOSE

DATA is tests/data. A tree is made in a temporary folder: a Tracing folder holding a rotated
pair (one log of two files), a gzip-compressed log and a zip of a Tracing folder (each left out
with --no-gzip / --no-zip, for a build without zlib or libarchive), a log in a subfolder, a file
that is not a log (not taken) and a log cut in the middle of a call. Each line must be the
document `uclog-diagnose --json` gives for that log alone, with "log" first; the exit status the
largest of theirs; --jobs 1 and --jobs 3 the same bytes.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import target


def main(argv):
    gzip_ok = zip_ok = True
    while argv[0].startswith("--"):
        opt = argv.pop(0)
        if opt == "--no-gzip":
            gzip_ok = False
        elif opt == "--no-zip":
            zip_ok = False
        else:
            sys.exit("unknown option " + opt)
    data, prog = argv
    tmp = tempfile.mkdtemp()
    try:
        return check(data, prog, tmp, gzip_ok, zip_ok)
    finally:
        shutil.rmtree(tmp)


def check(data, prog, tmp, gzip_ok, zip_ok):
    def put(src, dst):
        os.makedirs(os.path.dirname(os.path.join(tmp, dst)), exist_ok=True)
        shutil.copyfile(os.path.join(data, src), os.path.join(tmp, dst))
        return os.path.join(tmp, dst)

    logs = {}  # the log's name (its first path) -> its files, in path order
    codes = {}  # -> the codes of its verdicts
    r0 = put("rotated-uccapi-0.uccapilog", "alice/Tracing/Lync-UccApi-0.UccApilog")
    r1 = put("rotated-uccapi-1.uccapilog", "alice/Tracing/Lync-UccApi-1.UccApilog")
    logs[r0] = [r0, r1]
    codes[r0] = [170, 215]
    m = put("diag/media-failed.uccapilog", "bob/deep/er/Communicator-uccapi-0.uccapilog")
    logs[m] = [m]
    codes[m] = [170, 230, 300]
    put("README.md", "bob/notes.txt")
    if gzip_ok:
        g = put("archive/seed.uccapilog.gz", "carol/seed.uccapilog.gz")
        logs[g] = [g]
        codes[g] = [170, 215]
    if zip_ok:
        z = put("archive/tracing.zip", "dave/Tracing.zip")
        logs[z] = [z]
        codes[z] = [170, 215]
    out = {}
    for jobs in ("1", "3"):
        p = subprocess.run(target.command([prog, "--jobs", jobs, tmp]), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out[jobs] = p
        if p.stderr:
            print("stderr: %r" % p.stderr)
            return 1
    if out["1"].stdout != out["3"].stdout or out["1"].returncode != out["3"].returncode:
        print("--jobs 1 and --jobs 3 differ")
        return 1
    lines = target.text(out["3"].stdout).splitlines()
    names = sorted(logs)
    got = [json.loads(line) for line in lines]
    if [d["log"] for d in got] != names:
        print("logs: %r, expected %r" % ([d["log"] for d in got], names))
        return 1
    worst = 0
    for d in got:
        files = logs[d["log"]]
        alone = subprocess.run(target.command([prog, "--json"] + files), stdout=subprocess.PIPE)
        want = json.loads(alone.stdout)
        worst = max(worst, alone.returncode)
        if list(d)[0] != "log" or {k: v for k, v in d.items() if k != "log"} != want:
            print("%s: not what --json gives for %r" % (d["log"], files))
            return 1
        if [v["code"] for v in d["verdicts"]] != codes[d["log"]]:
            print("%s: verdicts %r, expected %r" % (d["log"], [v["code"] for v in d["verdicts"]], codes[d["log"]]))
            return 1
        print("%s: %d verdicts (%s), status %d" % (d["log"], len(d["verdicts"]),
              " ".join(str(v["code"]) for v in d["verdicts"]), alone.returncode))
    if out["3"].returncode != worst or worst != 1:
        print("exit status %d, expected %d (media-failed.uccapilog fails)" % (out["3"].returncode, worst))
        return 1
    # A log that cannot be read: a line with its error, and status 2.
    bad = os.path.join(tmp, "erin", "x.uccapilog")
    os.makedirs(os.path.dirname(bad))
    os.symlink(os.path.join(tmp, "missing"), bad)
    p = subprocess.run(target.command([prog, "-j", "2", tmp, bad]), stdout=subprocess.PIPE)
    errs = [json.loads(line) for line in target.text(p.stdout).splitlines() if '"error"' in line]
    if p.returncode != 2 or errs != [{"log": bad, "error": bad + ": No such file or directory"}]:
        print("a missing log: status %d, %r" % (p.returncode, errs))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
