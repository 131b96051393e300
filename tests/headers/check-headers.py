#!/usr/bin/env python3
"""Every public header compiles alone and together, as C99 with -pedantic and
as C++, with warnings as errors.

usage: check-headers.py SRCDIR BUILDDIR CC [CXX]
"""
import glob
import os
import subprocess
import sys
import tempfile

C_FLAGS = ["-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror", "-fsyntax-only"]
CXX_FLAGS = ["-std=c++11", "-pedantic", "-Wall", "-Wextra", "-Werror", "-fsyntax-only"]


def compile_one(compiler, flags, includes, text, suffix):
    with tempfile.NamedTemporaryFile("w", suffix=suffix, delete=False) as f:
        f.write(text)
        name = f.name
    try:
        proc = subprocess.run(compiler + flags + includes + [name], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        return proc.returncode, proc.stdout.decode("utf-8", "replace")
    finally:
        os.unlink(name)


def main(argv):
    srcdir, builddir, cc = argv[0], argv[1], argv[2].split()
    cxx = argv[3].split() if len(argv) > 3 and argv[3] else None
    includes = ["-I" + os.path.join(srcdir, "include"), "-I" + os.path.join(builddir, "include")]
    headers = sorted(os.path.basename(p) for p in glob.glob(os.path.join(srcdir, "include", "uclog", "*.h")))
    headers.append("version.h")
    failures = 0
    cases = [("uclog/%s alone" % h, "#include <uclog/%s>\nint main(void) { return 0; }\n" % h) for h in headers]
    cases.append(("all headers", "".join("#include <uclog/%s>\n" % h for h in headers) + "int main(void) { return 0; }\n"))
    for what, text in cases:
        rc, out = compile_one(cc, C_FLAGS, includes, text, ".c")
        if rc:
            failures += 1
            print("FAIL (C99): %s\n%s" % (what, out))
    if cxx:
        text = "".join("#include <uclog/%s>\n" % h for h in headers) + "int main() { return uclog_version() == 0; }\n"
        rc, out = compile_one(cxx, CXX_FLAGS, includes, text, ".cpp")
        if rc:
            failures += 1
            print("FAIL (C++): all headers\n%s" % out)
    else:
        print("no C++ compiler: C++ check not run")
    print("%d header checks, %d failed" % (len(cases) + (1 if cxx else 0), failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
