"""``python3 -m uclog FILE...``: the report of ``uclog-diagnose``, same
options, same output, same exit status (0 no failure, 1 a failure verdict,
2 usage or input error)."""

import argparse
import json
import shutil
import sys

import uclog


def _width():
    """As uclog-diagnose: the terminal's columns (COLUMNS, else its size, else 80); None, no
    wrapping, when standard output is not a terminal."""
    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size((80, 24)).columns or 80


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="python3 -m uclog",
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
    ap.add_argument("--edge-ip", action="append", default=[], metavar="IP",
                    help="an address of the A/V Edge's external interface (repeatable)")
    ap.add_argument("--edge-nat-ip", metavar="IP",
                    help="the public address the external interface is NAT-ed to")
    ap.add_argument("--edge-private-ip", action="append", default=[], metavar="IP",
                    help="the external interface's private address behind NAT")
    ap.add_argument("--location", choices=("remote", "internal"),
                    help="override what the log says")
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:
        return 2 if e.code else 0
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
    if args.files.count("-") > 1:
        print("uclog: '-' (standard input) given twice: it can be read once", file=sys.stderr)
        return 2
    options = dict(edge_ip=args.edge_ip, edge_nat_ip=args.edge_nat_ip,
                   edge_private_ip=args.edge_private_ip, location=args.location)
    if args.stream:
        return _stream(args, options)
    try:
        if args.files == ["-"]:
            with uclog.open_buffer(sys.stdin.buffer.read(), name="-") as log:
                report = uclog.diagnose_log(log, **options)
        elif "-" in args.files:
            with _open_with_stdin(args.files) as log:
                report = uclog.diagnose_log(log, **options)
        else:
            report = uclog.diagnose(args.files, **options)
    except (uclog.Error, NotImplementedError) as e:
        print("uclog: %s" % (e.text if isinstance(e, uclog.Error) else e), file=sys.stderr)
        return 2
    if args.json:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(report.text(_width()))
    return 1 if report.failed else 0


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
        sys.stdout.write("%d: not in the registry; its range: %s\n" % (code, uclog.ms_diagnostics_range(code)))
        return 1
    sys.stdout.write("\n".join(e.text() for e in entries))
    return 0


def _stream(args, options):
    """As ``uclog-diagnose --stream``: the files first, each call's part as it ends, the client
    and the log-wide verdicts last."""
    state = {"parts": 0, "calls": 0, "failed": False}
    width = _width()

    def on_part(part):
        state["failed"] |= part.failed
        if args.json:
            sys.stdout.write(json.dumps(part.to_dict(), ensure_ascii=False) + "\n")
        else:
            out = []
            if state["parts"] == 0:
                out.append(part._files_text())
            if not part.calls:
                out.append("\n" + part._client_text(state["calls"], width))
            out.append(part._verdicts_text(state["calls"], width))
            text = "\n".join(o for o in out if o)
            if text:
                sys.stdout.write(text + "\n")
        sys.stdout.flush()
        state["parts"] += 1
        state["calls"] += len(part.calls)

    try:
        if args.files == ["-"]:
            log = uclog.open_stream(sys.stdin.buffer, name="-")
        elif "-" in args.files:
            log = _open_with_stdin(args.files)
        else:
            log = uclog.open(args.files)
        with log:
            uclog.diagnose_log_parts(log, on_part, **options)
    except (uclog.Error, NotImplementedError) as e:
        print("uclog: %s" % (e.text if isinstance(e, uclog.Error) else e), file=sys.stderr)
        return 2
    return 1 if state["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
