#!/usr/bin/env python3
"""Times the Python binding against a plain Python regex script on the same
log, in the same run, and prints the ratios (doc/performance.md).

    python3 bench/python-vs-regex.py LOG [--build DIR] [-r RUNS]

LOG is a log of bench/gen-log.py. DIR is a meson build of this tree (a
release build for figures worth citing): its lib/libuclog.so.1,
lib/diag/libuclog-diag.so.1 and examples/uclog-diagnose are used. Each stage
runs RUNS times (default 3) and the best time is kept. Exits 2 when the
binding and the regex script disagree on the Call-IDs and CSeqs read."""

import argparse
import os
import re
import subprocess
import sys
import time
import tracemalloc

HERE = os.path.dirname(os.path.abspath(__file__))

# The regex script: what a support engineer writes without the library.
HEADER = re.compile(rb"^\d\d/\d\d/\d{4}\|\d\d:\d\d:\d\d\.\d{3} [0-9A-Fa-f]+:[0-9A-Fa-f]+ +(\w+) *:: ?(.*)$")
FRAMING = re.compile(rb"^(Sending Packet|Data Received) - ")
CALL_ID = re.compile(rb"^(?:Call-ID|i)\s*:\s*(.*?)\s*$", re.I)
CSEQ = re.compile(rb"^CSeq\s*:\s*(\d+)\s+(\S+)", re.I)
START = re.compile(rb"^(?:SIP/2\.0 \d{3}|[A-Z]+ \S+ SIP/2\.0)")


def regex_messages(path):
    """(Call-ID, CSeq number, CSeq method) of every message, by regexes."""
    out = []
    in_packet = False
    call_id = cseq = None
    have = False
    with open(path, "rb") as f:
        for line in f:
            h = HEADER.match(line)
            if h:
                if have:
                    out.append((call_id, cseq[0], cseq[1]) if cseq else (call_id, None, None))
                    have = False
                text = h.group(2)
                if FRAMING.match(text):
                    in_packet = True
                    continue
                if not in_packet:
                    continue
                line = text + b"\n"          # the packet's first line follows the header
                in_packet = False
                if not START.match(line):
                    continue
                have, call_id, cseq = True, None, None
                continue
            if not have:
                continue
            if START.match(line):           # a second message in the packet
                out.append((call_id, cseq[0], cseq[1]) if cseq else (call_id, None, None))
                call_id = cseq = None
                continue
            m = CALL_ID.match(line)
            if m and call_id is None:
                call_id = m.group(1).decode("utf-8", "replace")
                continue
            m = CSEQ.match(line)
            if m and cseq is None:
                cseq = (int(m.group(1)), m.group(2).decode("utf-8", "replace"))
    if have:
        out.append((call_id, cseq[0], cseq[1]) if cseq else (call_id, None, None))
    return out


def best(fn, runs):
    t, result = None, None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        took = time.perf_counter() - start
        t = took if t is None else min(t, took)
    return t, result


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("log")
    ap.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    ap.add_argument("-r", "--runs", type=int, default=3)
    a = ap.parse_args()
    build = os.path.abspath(a.build)
    os.environ.setdefault("UCLOG_LIBRARY", os.path.join(build, "lib", "libuclog.so.1"))
    os.environ.setdefault("UCLOG_DIAG_LIBRARY", os.path.join(build, "lib", "diag", "libuclog-diag.so.1"))
    sys.path.insert(0, os.path.join(HERE, "..", "bindings", "python"))
    import uclog

    size = os.path.getsize(a.log)
    mb = size / 1e6

    def binding_fields():
        with uclog.open(a.log) as log:
            return [(m.call_id, m.cseq[0], m.cseq[1]) if m.cseq else (m.call_id, None, None)
                    for m in log.messages(fields=True)]

    def binding_stream():
        with open(a.log, "rb") as f, uclog.open_stream(f) as log:
            return [(m.call_id, m.cseq[0], m.cseq[1]) if m.cseq else (m.call_id, None, None)
                    for m in log.messages(fields=True)]

    def binding_full():
        with uclog.open(a.log) as log:
            return sum(1 for m in log.messages() if m.call_id is not None and m.cseq is not None)

    def records_fields():
        n = 0
        with uclog.open(a.log) as log:
            for r in log.records(fields=True):
                r.epoch_ms, r.level
                n += 1
        return n

    def records_full():
        with uclog.open(a.log) as log:
            return sum(1 for r in log.records() if r.epoch_ms is not None and r.level)

    def diagnose_python():
        return len(uclog.diagnose(a.log).verdicts)

    def diagnose_python_text():
        return len(uclog.diagnose(a.log).text(None))

    def diagnose_python_all():
        return sum(len(v.evidence) for v in uclog.diagnose(a.log).verdicts)

    def diagnose_program():
        prog = os.path.join(build, "examples", "uclog-diagnose")
        return subprocess.run([prog, a.log], stdout=subprocess.DEVNULL, check=False).returncode

    print("log: %s, %.1f MB, best of %d" % (a.log, mb, a.runs))
    t_re, want = best(lambda: regex_messages(a.log), a.runs)
    t_fast, got = best(binding_fields, a.runs)
    if got != want:
        diff = next(i for i, (x, y) in enumerate(zip(got, want)) if x != y) if len(got) == len(want) else None
        print("the binding and the regex script disagree: %d and %d messages, first difference %s"
              % (len(got), len(want), diff), file=sys.stderr)
        return 2
    print("%-52s %8.3f s" % ("regex script: Call-ID and CSeq of %d messages" % len(want), t_re))
    print("%-52s %8.3f s  %5.1fx the regex script" % ("log.messages(fields=True): the same", t_fast,
                                                       t_re / t_fast))
    t_stream, got = best(binding_stream, a.runs)
    if got != want:
        print("the binding's stream and the regex script disagree", file=sys.stderr)
        return 2
    print("%-52s %8.3f s  %5.1fx the regex script" % ("uclog.open_stream(f): messages(fields=True), the same",
                                                       t_stream, t_re / t_stream))
    t_full, _ = best(binding_full, 1)
    print("%-52s %8.3f s  %5.1fx the regex script" % ("log.messages(): full SipMessage objects", t_full,
                                                       t_re / t_full))
    t_rf, n = best(records_fields, a.runs)
    print("%-52s %8.3f s  %6.1f MB/s" % ("log.records(fields=True): time, level of %d" % n, t_rf,
                                          mb / t_rf))
    t_rfull, _ = best(records_full, 1)
    print("%-52s %8.3f s  %6.1f MB/s" % ("log.records(): full Record objects", t_rfull, mb / t_rfull))
    try:
        t_dp, _ = best(diagnose_python, a.runs)
        t_dc, _ = best(diagnose_program, a.runs)
        print("%-52s %8.3f s" % ("uclog-diagnose LOG (the program, to /dev/null)", t_dc))
        print("%-52s %8.3f s  %5.2fx the program" % ("uclog.diagnose(LOG)", t_dp, t_dp / t_dc))
        t_dt, _ = best(diagnose_python_text, a.runs)
        print("%-52s %8.3f s  %5.2fx the program" % ("uclog.diagnose(LOG).text(None): the same text", t_dt,
                                                      t_dt / t_dc))
        t_da, n_ev = best(diagnose_python_all, a.runs)
        print("%-52s %8.3f s  %5.2fx the program" % ("uclog.diagnose(LOG): every verdict read (%d evidence)" % n_ev,
                                                      t_da, t_da / t_dc))
    except NotImplementedError:
        print("uclog.diagnose: libuclog-diag not found")
    tracemalloc.start()
    with uclog.open(a.log) as log:
        for m in log.messages(fields=True):
            pass
        _, peak_m = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        for r in log.records(fields=True):
            pass
        _, peak_r = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print("Python heap peak while iterating (tracemalloc): messages %.1f KiB, records %.1f KiB"
          % (peak_m / 1024, peak_r / 1024))
    return 0


if __name__ == "__main__":
    sys.exit(main())
