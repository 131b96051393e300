"""``python3 -m uclog FILE...``: the report of ``uclog-diagnose``, same
options, same output, same exit status (0 no failure, 1 a failure verdict,
2 usage or input error, or an output that cannot be written); FILEs of two
signed-in users too: each client's report, then both sides of their calls.

``python3 -m uclog redact [--pseudonymise [--key K]] FILE... -o OUT``: as
``uclog-redact``, a copy of the logs without their secrets (a file named
``redact`` is given as ``./redact``).

``python3 -m uclog --html [--edge-ip IP]... [--show-secrets] [-o OUT] FILE...``:
the HTML page of ``uclog-report``, written by that program (UCLOG_REPORT names
it; else the one installed beside the library, else the one on PATH)."""

import argparse
import json
import os
import shutil
import subprocess
import sys

import uclog
from uclog._both import Side, both_dict, both_text, client_user, skew, split_clients
from uclog._diag import JSON_SCHEMA_ID

#: The version of the two-client document (doc/uclog-diagnose.schema.json): one client's report
#: is 1.0, the form of two clients' first came in 1.1.
JSON_SCHEMA_VERSION_TWO = "1.1"


class _Out:
    """Standard output, written until a write fails; the failure is told once, at the end
    (as uclog-diagnose's ex_stdout_close())."""
    error = None

    @classmethod
    def write(cls, text):
        if cls.error is None:
            try:
                sys.stdout.write(text)
            except OSError as e:
                cls.error = e

    @classmethod
    def flush(cls):
        if cls.error is None:
            try:
                sys.stdout.flush()
            except OSError as e:
                cls.error = e
        return cls.error


def main(argv=None):
    status = _main(argv)
    if _Out.flush() is not None:
        # Nothing more reaches the failed output, not even Python's flush at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print("uclog: cannot write the output: %s" % (_Out.error.strerror or _Out.error), file=sys.stderr)
        return 2
    return status


def _width():
    """As uclog-diagnose: the terminal's columns (COLUMNS, else its size, else 80); None, no
    wrapping, when standard output is not a terminal."""
    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size((80, 24)).columns or 80


def _same_file(a, b):
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _check_files(files):
    """As uclog-diagnose: '-' or a file (by any name) given twice is a usage error."""
    if files.count("-") > 1:
        return "'-' (standard input) given twice: it can be read once"
    for i, f in enumerate(files):
        for g in files[:i]:
            if "-" in (f, g):
                continue
            if f == g:
                return "%s given twice" % f
            if _same_file(f, g):
                return "%s and %s are the same file" % (g, f)
    return None


def _redact(argv):
    """As ``uclog-redact``: the copy, and the counts by kind on standard error."""
    ap = argparse.ArgumentParser(
        prog="python3 -m uclog redact", allow_abbrev=False,
        description="Write a copy of client logs without their secrets (authentication tokens, "
                    "MRAS credentials, SRTP keys, ICE passwords), length for length. Several "
                    "FILEs are one rotated set: OUT is then a directory.")
    ap.add_argument("files", nargs="+", metavar="FILE")
    ap.add_argument("-o", "--output", required=True, metavar="OUT",
                    help="the file to write (one FILE), or a directory (a set)")
    ap.add_argument("--pseudonymise", action="store_true",
                    help="replace URIs' users, display names, numbers, domains and addresses too")
    ap.add_argument("--key", metavar="KEY", help="derive pseudonyms from KEY (the same in every run)")
    try:
        args = ap.parse_intermixed_args(argv)
    except SystemExit as e:
        return 2 if e.code else 0
    if args.key is not None and not args.pseudonymise:
        print("python3 -m uclog redact: --key is for --pseudonymise", file=sys.stderr)
        return 2
    why = _check_files(args.files)
    if why or "-" in args.files:
        print("uclog: " + (why or "'-' is not read by redact: give a file"), file=sys.stderr)
        return 2
    try:
        counts = uclog.redact(args.files if len(args.files) > 1 else args.files[0], args.output,
                              pseudonymise=args.pseudonymise, key=args.key)
    except (uclog.Error, OSError, ValueError) as e:
        print("uclog: %s" % (e.text if isinstance(e, uclog.Error) else e), file=sys.stderr)
        return 2
    print("uclog-redact: replaced %d" % sum(counts.values()), file=sys.stderr)
    for kind in uclog.REDACT_KINDS:
        if counts[kind]:
            print("  %-16s %d" % (kind, counts[kind]), file=sys.stderr)
    return 0


def _main(argv):
    if argv is None:
        argv = sys.argv[1:]
    if argv and argv[0] == "redact":
        return _redact(argv[1:])
    if "--html" in (argv[:argv.index("--")] if "--" in argv else argv):
        return _html(argv)
    ap = argparse.ArgumentParser(
        prog="python3 -m uclog", allow_abbrev=False, add_help=False,
        description="Diagnose an external audio/video call failure from a Communicator, Lync "
                    "or Skype for Business client log (*.uccapilog). Several FILEs of one "
                    "signed-in user are read as one rotated set, in any order; '-' reads standard "
                    "input. FILEs of two users (the caller's log and the callee's) are two "
                    "clients: each diagnosed, then per shared call which side's offer lacked an "
                    "Edge candidate or whose ICE failed.")
    ap.add_argument("files", nargs="*", metavar="FILE")
    ap.add_argument("--explain", metavar="CODE",
                    help="what an ms-diagnostics or ms-client-diagnostics code means, who raises "
                         "it, what to check (exit 1: unknown)")
    ap.add_argument("--json", action="store_true", help="one JSON object instead of text")
    ap.add_argument("--stream", action="store_true",
                    help="one pass in memory that does not grow with the log: each call when it "
                         "ends, the client and the log-wide verdicts last ('-' is read as it "
                         "comes; JSON: an object a line)")
    ap.add_argument("--summary", action="store_true",
                    help="one line per call: start, direction, outcome, worst severity, failing "
                         "verdict, Call-ID, peer; then the log-wide line and the totals")
    ap.add_argument("--call-id", action="append", default=[], metavar="ID",
                    help="only the calls whose Call-ID is ID or starts with it (repeatable; exit "
                         "2 when no call has it)")
    ap.add_argument("--failures", action="store_true",
                    help="only the calls with a warning or failure verdict")
    ap.add_argument("--edge-ip", action="append", default=[], metavar="IP",
                    help="an address of the A/V Edge's external interface (repeatable)")
    ap.add_argument("--edge-nat-ip", metavar="IP",
                    help="the public address the external interface is NAT-ed to")
    ap.add_argument("--edge-private-ip", action="append", default=[], metavar="IP",
                    help="the external interface's private address behind NAT")
    ap.add_argument("--location", choices=("remote", "internal"),
                    help="override what the log says")
    # argparse's own --help would lose a write error: it ignores them
    ap.add_argument("-h", "--help", action="store_true", help="this text")
    ap.add_argument("--version", action="store_true", help="the version")
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:
        return 2 if e.code else 0
    if args.help:
        _Out.write(ap.format_help())
        return 0
    if args.version:
        _Out.write("python3 -m uclog %s\n" % uclog.library_version)
        return 0
    if args.explain is not None:
        return _explain(args.explain)
    if not args.files:
        ap.print_usage(sys.stderr)
        print("python3 -m uclog: error: the following arguments are required: FILE", file=sys.stderr)
        return 2
    for opt, ips in (("--edge-ip", args.edge_ip), ("--edge-nat-ip", [args.edge_nat_ip or "0.0.0.0"]),
                     ("--edge-private-ip", args.edge_private_ip)):
        for ip in ips:
            if uclog.addr_family(ip) not in ("ipv4", "ipv6"):
                print("uclog: %s %s: not an IP address" % (opt, ip), file=sys.stderr)
                return 2
    why = _check_files(args.files)
    if why:
        print("uclog: " + why, file=sys.stderr)
        return 2
    options = dict(edge_ip=args.edge_ip, edge_nat_ip=args.edge_nat_ip,
                   edge_private_ip=args.edge_private_ip, location=args.location)
    if len(args.files) > 1 and "-" not in args.files:
        sets = _clients(args.files)
        if sets is None:
            return 2
        if len(sets) == 2:
            return _two(args, options, sets)
    if args.stream:
        return _stream(args, options)
    try:
        if args.files == ["-"]:
            log = uclog.open_buffer(sys.stdin.buffer.read(), name="-")
        elif "-" in args.files:
            log = _open_with_stdin(args.files)
        else:
            log = uclog.open(args.files)
        with log:
            if _refuse(log, args.json):
                return 2
            report = uclog.diagnose_log(log, **options)
    except (uclog.Error, NotImplementedError) as e:
        print("uclog: %s" % (e.text if isinstance(e, uclog.Error) else e), file=sys.stderr)
        return 2
    ids, failures = args.call_id, args.failures
    unmatched = report.unmatched_call_ids(ids)
    if unmatched:
        return _no_such_call(unmatched[0])
    if args.summary:
        with uclog.Summary(ids, failures, as_json=args.json) as summary:
            _Out.write(summary.calls(report) + summary.end(len(report.calls)))
    elif args.json:
        _Out.write(json.dumps(report.to_dict(ids, failures), ensure_ascii=False) + "\n")
    else:
        _Out.write(report.text(_width(), ids, failures))
    return 1 if report.shown_worst_severity(ids, failures) == "failure" else 0


def _report_program():
    """uclog-report: UCLOG_REPORT, else beside a meson install of the library, else on PATH."""
    path = os.environ.get("UCLOG_REPORT")
    if path:
        return path
    try:
        from uclog import _install
    except ImportError:
        pass
    else:
        here = os.path.dirname(os.path.abspath(__file__))
        beside = os.path.normpath(os.path.join(here, getattr(_install, "BINDIR", ""), "uclog-report"))
        if os.access(beside, os.X_OK):
            return beside
    return shutil.which("uclog-report")


def _html(argv):
    """As ``uclog-report``, which draws the page: its options, its output, its exit status."""
    ap = argparse.ArgumentParser(prog="python3 -m uclog --html", allow_abbrev=False,
                                 description="Write one HTML page of the logs (uclog-report).")
    ap.add_argument("files", nargs="+", metavar="FILE")
    ap.add_argument("--html", action="store_true", help="the HTML page")
    ap.add_argument("--edge-ip", action="append", default=[], metavar="IP",
                    help="an address of the A/V Edge's external interface (repeatable)")
    ap.add_argument("--show-secrets", action="store_true", help="keep the secrets, masked by default")
    ap.add_argument("-o", "--output", metavar="OUT", help="the page to write (default: standard output)")
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:
        return 2 if e.code else 0
    prog = _report_program()
    if not prog:
        print("uclog: --html needs the program uclog-report (installed with uclog), or UCLOG_REPORT "
              "naming it", file=sys.stderr)
        return 2
    cmd = [prog]
    for ip in args.edge_ip:
        cmd += ["--edge-ip", ip]
    if args.show_secrets:
        cmd.append("--show-secrets")
    if args.output:
        cmd += ["-o", args.output]
    if _Out.flush() is not None:
        return 2
    try:
        return subprocess.run(cmd + ["--"] + args.files).returncode
    except OSError as e:
        print("uclog: %s: %s" % (prog, e.strerror or e), file=sys.stderr)
        return 2


def _no_such_call(call_id):
    print("uclog: --call-id %s: no audio/video call attempt has this Call-ID (or one starting with it)"
          % call_id, file=sys.stderr)
    return 2


def _refuse(log, as_json):
    """As uclog-diagnose: a file that is neither a client log nor bare SIP messages is refused
    in one line naming it (and with --json in a JSON object), never given a verdict."""
    bad = next((f for f in log.files if not f.readable), None)
    if bad is None:
        return False
    print("uclog: %s: not a client log (%s)" % (bad.name, bad.kind_reason), file=sys.stderr)
    if as_json:
        _Out.write(json.dumps({"error": "not a client log", "file": bad.name, "kind": bad.kind,
                               "reason": bad.kind_reason}, ensure_ascii=False) + "\n")
    return True


def _open_with_stdin(files):
    """The files as one set, "-" among them standing for standard input, read whole."""
    return uclog.open(files, data=sys.stdin.buffer.read())


def _explain(arg):
    """As ``uclog-diagnose --explain CODE``: every entry with that id; 1 when there is none."""
    if not arg.isdigit() or int(arg) > 0xFFFFFFFF:
        print("uclog: --explain needs a code (a number)", file=sys.stderr)
        return 2
    code = int(arg)
    entries = [e for e in (uclog.explain_ms_code(code, "ms-diagnostics"),
                           uclog.explain_ms_code(code, "ms-client-diagnostics")) if e]
    if not entries:
        _Out.write("%d: not in the registry; its range: %s\n" % (code, uclog.ms_diagnostics_range(code)))
        return 1
    _Out.write("\n".join(e.text() for e in entries))
    return 0


class _Refused(Exception):
    """The stream is not a client log: said, exit 2."""


class _Parts:
    """As ``uclog-diagnose --stream`` prints a log's parts (examples/diagnose-stream.c): the
    files first, each call's part as it ends, the client and the log-wide verdicts last;
    ``client_number`` (1 or 2) over two clients' logs, each of whose parts ``side`` keeps."""

    def __init__(self, args, log, client_number=0, side=None):
        self.args, self.log, self.client_number, self.side = args, log, client_number, side
        self.parts = self.calls = self.shown = 0
        self.failed = False
        self.found = set()
        self.summary = uclog.Summary(args.call_id, args.failures, as_json=args.json, stream=True,
                                     client_number=client_number) if args.summary else None
        # the library's renderer: it numbers the calls on and points to a checklist printed before
        self.text = (uclog.ReportText(_width(), args.call_id, args.failures)
                     if not args.summary and not args.json else None)

    def __call__(self, part):
        args, ids, failures = self.args, self.args.call_id, self.args.failures
        if self.parts == 0 and _refuse(self.log, args.json):
            raise _Refused()
        self.failed |= part.shown_worst_severity(ids, failures) == "failure"
        shown = [part.call_shown(i, ids, failures) for i in range(len(part.calls))]
        self.found.update(i for c in part.calls for i in ids if c.call_id is not None and c.call_id.startswith(i))
        if self.summary:
            _Out.write(self.summary.calls(part, self.calls))
        elif args.json:
            if not part.calls or any(shown) or any(v.call < 0 for v in part.verdicts):
                d = {"client_number": self.client_number} if self.client_number else {}
                d.update(part.to_dict(ids, failures))
                _Out.write(json.dumps(d, ensure_ascii=False) + "\n")
        else:
            _Out.write(self.text.part(part))
        _Out.flush()
        if self.side is not None:
            self.side.add(part, ids, failures)
        self.parts += 1
        self.shown += sum(shown)
        self.calls += len(part.calls)

    def end(self):
        """After the last part: the summary's log-wide line and totals."""
        if self.summary:
            _Out.write(self.summary.end(self.calls))
            self.summary.close()

    def close(self):
        """Free the renderer."""
        if self.text is not None:
            self.text.close()
            self.text = None


def _stream(args, options):
    """As ``uclog-diagnose --stream``: the files first, each call's part as it ends, the client
    and the log-wide verdicts last."""
    parts = None
    try:
        if args.files == ["-"]:
            log = uclog.open_stream(sys.stdin.buffer, name="-")
        elif "-" in args.files:
            log = _open_with_stdin(args.files)
        else:
            log = uclog.open(args.files)
        with log:
            parts = _Parts(args, log)
            uclog.diagnose_log_parts(log, parts, **options)
            if parts.parts == 0 and _refuse(log, args.json):
                return 2
    except _Refused:
        return 2
    except (uclog.Error, NotImplementedError) as e:
        print("uclog: %s" % (e.text if isinstance(e, uclog.Error) else e), file=sys.stderr)
        return 2
    finally:
        if parts is not None:
            parts.close()
    unmatched = [i for i in args.call_id if i not in parts.found]
    if unmatched:
        _Out.flush()
        return _no_such_call(unmatched[0])
    parts.end()
    return 1 if parts.failed else 0


# ---- two clients' logs (examples/diagnose-two.c) ----

def _clients(files):
    """The FILEs grouped by signed-in user: [files] for one client, [files, files] for two;
    None having said why (a file that cannot be read, a third user)."""
    users = []
    for f in files:
        try:
            with uclog.open(f) as log:
                users.append(client_user(log))
        except (uclog.Error, NotImplementedError) as e:
            print("uclog: %s" % (e.text if isinstance(e, uclog.Error) else e), file=sys.stderr)
            return None
    try:
        which, found = split_clients(users)
    except ValueError as e:
        i, first, second = e.args
        print("uclog: %s: a third signed-in user (%s, beside %s and %s): give one client's files, or two"
              % (files[i], users[i], first, second), file=sys.stderr)
        return None
    if len(found) < 2:
        return [files]
    return [[f for f, w in zip(files, which) if w == k] for k in (0, 1)]


def _heading(k):
    _Out.write("%sClient %d of 2\n" % ("\n" if k else "", k + 1))


def _two(args, options, sets):
    """As uclog-diagnose over two clients: each client's report, as one client's is printed,
    then both sides of the calls they share."""
    ids, failures = args.call_id, args.failures
    sides = (Side(), Side())
    logs, reports, streams = [], [], []
    try:
        for files in sets:
            logs.append(uclog.open(files))
            if _refuse(logs[-1], False):
                return 2
        for k, log in enumerate(logs):
            if args.stream:
                streams.append(_Parts(args, log, k + 1, sides[k]))
                if not args.json:
                    _heading(k)
                uclog.diagnose_log_parts(log, streams[-1], **options)
                streams[-1].end()
            else:
                reports.append(uclog.diagnose_log(log, **options))
                sides[k].add(reports[-1], ids, failures)
        sk = skew(logs[0], logs[1])
    except _Refused:
        return 2
    except (uclog.Error, NotImplementedError) as e:
        _Out.flush()
        print("uclog: %s" % (e.text if isinstance(e, uclog.Error) else e), file=sys.stderr)
        return 2
    finally:
        for p in streams:
            p.close()
        for log in logs:
            log.close()
    if args.stream:
        unmatched = [i for i in ids if all(i not in p.found for p in streams)]
        failed = any(p.failed for p in streams)
    else:
        unmatched = [i for i in ids if all(r.unmatched_call_ids([i]) for r in reports)]
        failed = any(r.shown_worst_severity(ids, failures) == "failure" for r in reports)
    if unmatched:
        _Out.flush()
        return _no_such_call(unmatched[0])
    if not args.stream:
        _two_whole(args, reports, sides, sk)
    elif args.json:
        _Out.write(json.dumps({"schema": JSON_SCHEMA_ID, "schema_version": JSON_SCHEMA_VERSION_TWO,
                               "both_sides": both_dict(sides, sk)}, ensure_ascii=False) + "\n")
    else:
        _Out.write(both_text(sides, sk, args.summary))
    return 1 if failed else 0


def _two_whole(args, reports, sides, sk):
    """Both clients' whole reports, then both sides."""
    ids, failures = args.call_id, args.failures
    if args.json and args.summary:
        # the library's JSON as it wrote it, as uclog-diagnose prints it
        clients = []
        for r in reports:
            with uclog.Summary(ids, failures, as_json=True) as s:
                clients.append((s.calls(r) + s.end(len(r.calls))).rstrip("\n"))
        _Out.write('{"clients": [%s], "both_sides": %s}\n'
                   % (", ".join(clients), json.dumps(both_dict(sides, sk), ensure_ascii=False)))
        return
    if args.json:
        doc = {"schema": JSON_SCHEMA_ID, "schema_version": JSON_SCHEMA_VERSION_TWO,
               "clients": [r.to_dict(ids, failures) for r in reports]}
        doc["both_sides"] = both_dict(sides, sk)
        _Out.write(json.dumps(doc, ensure_ascii=False) + "\n")
        return
    for k, r in enumerate(reports):
        _heading(k)
        if args.summary:
            with uclog.Summary(ids, failures) as s:
                _Out.write(s.calls(r) + s.end(len(r.calls)))
        else:
            _Out.write(r.text(_width(), ids, failures))
    _Out.write(both_text(sides, sk, args.summary))


if __name__ == "__main__":
    sys.exit(main())
