#!/usr/bin/env python3
"""uclog-diagnose --json, whole and --stream, validated against doc/uclog-diagnose.schema.json for
every log under tests/data (the bundled sample, seed.uccapilog, among them) and
tests/examples/browse.uccapilog.

check-json-schema.py SCHEMA ROOT program UCLOG-DIAGNOSE
    runs the program on each log, and on pairs of two clients' logs (tests/data/pair: the
    caller's and the callee's, and two that share no call), whole, --stream and with filters
check-json-schema.py SCHEMA ROOT python
    the Python binding's Report.to_dict(), whole and in parts, in this interpreter (PYTHONPATH and
    the library variables as the 'python' test sets them), and python3 -m uclog --json once

Skipped (exit 77) when the jsonschema module (Debian: python3-jsonschema) is missing.
"""
import glob
import json
import os
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed: the JSON output is not validated")
    sys.exit(77)


def logs(root):
    found = sorted(glob.glob(os.path.join(root, "tests", "data", "**", "*.uccapilog"), recursive=True))
    found.append(os.path.join(root, "tests", "examples", "browse.uccapilog"))
    # bare SIP messages, as pasted into tickets: calls whose direction the file does not say
    found += sorted(glob.glob(os.path.join(root, "tests", "data", "sources", "*.txt")))
    return [f for f in found if os.path.isfile(f)]


def pairs(root):
    """Two clients' logs: both sides of one call, and two logs that share no call."""
    p = os.path.join(root, "tests", "data", "pair")
    seed = os.path.join(root, "tests", "data", "seed.uccapilog")
    return [[os.path.join(p, "alice.uccapilog"), os.path.join(p, "bob.uccapilog")],
            [os.path.join(p, "bob-ice-failed.uccapilog"), os.path.join(p, "alice-ice-failed.uccapilog")],
            [os.path.join(p, "alice-ice-failed.uccapilog"), os.path.join(p, "bob.uccapilog")],
            [os.path.join(p, "alice-rotated-1.uccapilog"), os.path.join(p, "bob.uccapilog"),
             os.path.join(p, "alice-rotated-0.uccapilog")],
            [os.path.join(p, "alice-cut.uccapilog"), os.path.join(p, "bob.uccapilog")],
            [os.path.join(p, "alice.uccapilog"), seed]]


def main():
    schema_path, root, mode = sys.argv[1:4]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = documents = 0

    def check(doc, what):
        nonlocal failures, documents
        documents += 1
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        for e in errors[:5]:
            print("%s: at /%s: %s" % (what, "/".join(str(p) for p in e.absolute_path), e.message))
        failures += bool(errors)

    def check_lines(out, what):
        for n, line in enumerate(out.splitlines(), 1):
            if line.strip():
                check(json.loads(line), "%s, line %d" % (what, n))

    if mode == "program":
        program = sys.argv[4]
        for path in logs(root):
            for args in (["--json"], ["--stream", "--json"]):
                c = subprocess.run([program, *args, path], capture_output=True, text=True, timeout=120)
                if c.returncode == 2:  # not a log it can read: no report, said on standard error
                    continue
                check_lines(c.stdout, " ".join([os.path.basename(program), *args, path]))
        for files in pairs(root):
            for args in (["--json"], ["--stream", "--json"], ["--json", "--failures"],
                         ["--stream", "--json", "--call-id", "c4117e2b"]):
                c = subprocess.run([program, *args, *files], capture_output=True, text=True, timeout=120)
                what = " ".join([os.path.basename(program), *args, *files])
                if c.returncode not in (0, 1):
                    print("%s: exit status %d: %s" % (what, c.returncode, c.stderr.strip()))
                    failures += 1
                    continue
                lines = c.stdout.splitlines()
                if not lines or '"both_sides": ' not in lines[-1]:
                    print("%s: no both sides at the end" % what)
                    failures += 1
                check_lines(c.stdout, what)
    else:
        import uclog
        for path in logs(root):
            try:
                report = uclog.diagnose(path)
            except uclog.Error:
                continue
            check(report.to_dict(), "uclog.diagnose(%s)" % path)
            with uclog.open(path) as log:
                uclog.diagnose_log_parts(log, lambda part: check(part.to_dict(), "parts of %s" % path))
        seed = os.path.join(root, "tests", "data", "seed.uccapilog")
        c = subprocess.run([sys.executable, "-m", "uclog", "--json", seed], capture_output=True, text=True,
                           timeout=120)
        check_lines(c.stdout, "python3 -m uclog --json " + seed)
        for files in pairs(root):
            c = subprocess.run([sys.executable, "-m", "uclog", "--json", *files], capture_output=True, text=True,
                               timeout=120)
            check_lines(c.stdout, "python3 -m uclog --json " + " ".join(files))

    print("%d documents checked against %s, %d not valid" % (documents, schema_path, failures))
    if documents < 100:
        print("too few documents: the fixtures were not found")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
