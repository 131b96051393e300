#!/usr/bin/env python3
"""uclog-dump --follow and uclog-diagnose --follow on a log written while they read it.

usage: check-follow.py [--skip REASON] MODE PROGRAM LOG [ARGS...]

--skip REASON: the build cannot follow a file (Windows): say REASON, end with status 77.

MODE rotate: a writer appends LOG to Lync-UccApi-0.UccApilog in a temporary
directory in chunks cut at arbitrary bytes (a fixed seed), with short pauses,
some longer than the follower's time-out; half-way it rotates the file as the
client does (renamed to -1, a new -0 for the rest). MODE truncate: the first
half is written, the file is truncated to nothing and the whole LOG written
again. Then the writer stops, SIGINT ends the follower, and its standard
output must be exactly what PROGRAM ARGS prints for the bytes the follower
was given (LOG; for truncate, the first half followed by LOG), read in one go,
and its exit status the same. Its standard error must tell the rotation or
the truncation. While the follower waits for more, it must not spin: the
processor time it takes over a second of waiting is read from /proc (where
there is one) and must stay far below that second.
"""
import os
import random
import signal
import subprocess
import re
import sys
import tempfile
import threading
import time

CHUNK_SEED = 19


def cpu_seconds(pid):
    """User + system time of a process, from /proc/PID/stat; None without /proc."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


HEADER = re.compile(rb"\d\d/\d\d/\d{4}\|\d\d:\d\d:\d\d\.\d{3}[ \t]")


def may_pause(data, at):
    """A pause longer than the follower's time-out is the writer's right at a
    record's start or inside a line, not after a line that the next line of
    its record follows (the follower would rightly hand the record out)."""
    return at == 0 or data[at - 1:at] != b"\n" or HEADER.match(data, at) is not None


def append(path, data, rng):
    """Append data in chunks cut at arbitrary bytes, with short pauses."""
    at = 0
    while at < len(data):
        n = rng.choice([1, 7, 23, 100, 512, 1500, 4000])
        with open(path, "ab") as f:
            f.write(data[at:at + n])
        at += n
        # mostly short pauses; now and then one longer than the follower's time-out
        long_pause = at < len(data) and rng.random() < 0.05 and may_pause(data, at)
        time.sleep(0.8 if long_pause else 0.002)


def record_start_near(data, at):
    """The first record header at or after at."""
    m = HEADER.search(data, at)
    while m and m.start() > 0 and data[m.start() - 1:m.start()] != b"\n":
        m = HEADER.search(data, m.start() + 1)
    return m.start() if m else len(data)


def read_position(pid, path, want, deadline):
    """Wait until the process has read want bytes of path (Linux: /proc/PID/fdinfo)."""
    fds = "/proc/%d/fd" % pid
    if not os.path.isdir(fds):
        time.sleep(2.0)
        return
    while time.monotonic() < deadline:
        for fd in os.listdir(fds):
            try:
                if os.readlink(os.path.join(fds, fd)) != path:
                    continue
                with open("/proc/%d/fdinfo/%s" % (pid, fd)) as f:
                    pos = int(f.readline().split()[1])
            except OSError:
                continue
            if pos >= want:
                return
        time.sleep(0.05)


class Lines(threading.Thread):
    """A pipe's lines, gathered as they come."""

    def __init__(self, pipe):
        super().__init__(daemon=True)
        self.pipe, self.data = pipe, b""

    def run(self):
        for line in self.pipe:
            self.data += line

    def wait_for(self, text, deadline):
        while text not in self.data and time.monotonic() < deadline:
            time.sleep(0.05)


def without_timings(out):
    """uclog-dump's one-shot output as a followed log prints it: a log read as it is written has no
    index, so no retransmission mark or time since the request (the listing's column 55-61, JSON's
    retransmission_of and since_request_ms are blank or null)."""
    lines = []
    for line in out.decode("utf-8", "surrogateescape").split("\n"):
        if line.startswith("{"):
            line = re.sub(r'"retransmission_of": (?:null|\{"file": "(?:[^"\\]|\\.)*", "line": \d+\}), '
                          r'"since_request_ms": (?:null|-?\d+)',
                          '"retransmission_of": null, "since_request_ms": null', line)
        elif len(line) > 61 and not line.startswith("---") and line[61] == " " and line[2] == ":":
            line = line[:54] + " " * 7 + line[61:]
        lines.append(line)
    return "\n".join(lines).encode("utf-8", "surrogateescape")


def main():
    if sys.argv[1] == "--skip":
        print(sys.argv[2] + ": skipped")
        return 77
    mode, prog, log = sys.argv[1], sys.argv[2], sys.argv[3]
    args = sys.argv[4:]
    with open(log, "rb") as f:
        data = f.read()
    half = len(data) // 2
    with tempfile.TemporaryDirectory() as d:
        live = os.path.realpath(os.path.join(d, "Lync-UccApi-0.UccApilog"))
        with open(live, "wb"):
            pass
        proc = subprocess.Popen([prog] + args + ["--follow", live], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        errs = Lines(proc.stderr)
        errs.start()
        rng = random.Random(CHUNK_SEED)
        deadline = time.monotonic() + 20
        if mode == "rotate":
            append(live, data[:half], rng)
            os.rename(live, os.path.join(d, "Lync-UccApi-1.UccApilog"))
            append(live, data[half:], rng)
            expected_bytes = data
            note = b"rotated"
        else:
            half = record_start_near(data, half)
            append(live, data[:half], rng)
            read_position(proc.pid, live, half, deadline)
            os.truncate(live, 0)
            errs.wait_for(b"truncated", deadline)
            append(live, data, rng)
            expected_bytes = data[:half] + data
            note = b"truncated"
        # Waiting for more: it must sleep, not spin.
        time.sleep(0.8)
        before = cpu_seconds(proc.pid)
        time.sleep(1.0)
        after = cpu_seconds(proc.pid)
        proc.send_signal(signal.SIGINT)
        out = proc.stdout.read()
        proc.wait(timeout=30)
        errs.join(timeout=30)
        err = errs.data
        # The one-shot run reads the same bytes under the same name.
        with open(live, "wb") as f:
            f.write(expected_bytes)
        ref = subprocess.run([prog] + args + [live], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if os.path.basename(prog).startswith("uclog-dump"):
        ref.stdout = without_timings(ref.stdout)
    failed = 0
    if out != ref.stdout:
        sys.stdout.write("--- one-shot\n%s--- followed\n%s" % (ref.stdout.decode("utf-8", "replace"),
                                                              out.decode("utf-8", "replace")))
        print("the followed output differs from the one-shot output")
        failed = 1
    if proc.returncode != ref.returncode:
        print("exit status %d followed, %d one-shot" % (proc.returncode, ref.returncode))
        failed = 1
    if note not in err:
        print("standard error does not tell that the file was %s: %r" % (note, err))
        failed = 1
    if before is not None and after is not None and after - before > 0.2:
        print("%.2f s of processor time over 1 s of waiting" % (after - before))
        failed = 1
    if not failed:
        print("%s --follow: %d bytes, %s, the same output as one run (%d lines)" %
              (os.path.basename(prog), len(expected_bytes), note.decode(), ref.stdout.count(b"\n")))
    return failed


if __name__ == "__main__":
    sys.exit(main())
