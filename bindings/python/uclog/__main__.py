"""``python3 -m uclog FILE...``: the report of ``uclog-diagnose``, same
options, same output, same exit status (0 no failure, 1 a failure verdict,
2 usage or input error, or an output that cannot be written).

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
                    "or Skype for Business client log (*.uccapilog). Several FILEs are read as "
                    "one rotated set, in any order; '-' reads standard input.")
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
        summary = uclog.Summary(ids, failures, as_json=args.json, calls_hint=len(report.calls))
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


def _stream(args, options):
    """As ``uclog-diagnose --stream``: the files first, each call's part as it ends, the client
    and the log-wide verdicts last."""
    state = {"parts": 0, "calls": 0, "failed": False}
    ids, failures = args.call_id, args.failures
    found = set()
    summary = uclog.Summary(ids, failures, as_json=args.json, stream=True) if args.summary else None
    text = None

    def on_part(part):
        if state["parts"] == 0 and _refuse(log, args.json):
            raise _Refused()
        state["failed"] |= part.shown_worst_severity(ids, failures) == "failure"
        found.update(i for c in part.calls for i in ids if c.call_id is not None and c.call_id.startswith(i))
        if summary:
            _Out.write(summary.calls(part, state["calls"]))
        elif args.json:
            shown = [part.call_shown(i, ids, failures) for i in range(len(part.calls))]
            if not part.calls or any(shown) or any(v.call < 0 for v in part.verdicts):
                _Out.write(json.dumps(part.to_dict(ids, failures), ensure_ascii=False) + "\n")
        else:
            _Out.write(text.part(part))
        _Out.flush()
        state["parts"] += 1
        state["calls"] += len(part.calls)

    try:
        if not args.summary and not args.json:
            text = uclog.ReportText(_width(), ids, failures)
        if args.files == ["-"]:
            log = uclog.open_stream(sys.stdin.buffer, name="-")
        elif "-" in args.files:
            log = _open_with_stdin(args.files)
        else:
            log = uclog.open(args.files)
        with log:
            uclog.diagnose_log_parts(log, on_part, **options)
            if state["parts"] == 0 and _refuse(log, args.json):
                return 2
    except _Refused:
        return 2
    except (uclog.Error, NotImplementedError) as e:
        print("uclog: %s" % (e.text if isinstance(e, uclog.Error) else e), file=sys.stderr)
        return 2
    finally:
        if text is not None:
            text.close()
    unmatched = [i for i in ids if i not in found]
    if unmatched:
        _Out.flush()
        return _no_such_call(unmatched[0])
    if summary:
        _Out.write(summary.end(state["calls"]))
    return 1 if state["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
