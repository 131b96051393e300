#!/usr/bin/env python3
"""The ABI promise, checked three ways.

  check-exports.py SRCDIR            every UCLOG_EXPORT declaration in the public
                                     headers is in its library's version map, and
                                     the reverse; doc/symbols-in-versions agrees
  check-exports.py SRCDIR --nm LIB LIST
                                     the symbols LIB exports (nm -D) are exactly
                                     the committed LIST (name@@VERSION per line)
  check-exports.py SRCDIR --pe DLL MAP
                                     the names in the export table of the Windows
                                     DLL (read from the PE file itself) are exactly
                                     the global names of the version MAP
"""
import glob
import os
import re
import struct
import subprocess
import sys

DECL = re.compile(r"UCLOG_EXPORT\b[^;{]*?\b(uclog_[a-z0-9_]+)\s*\(", re.S)
MAP_NODE = re.compile(r"(UCLOG(?:_DIAG)?_\d+\.\d+)\s*\{(.*?)\}", re.S)


def header_symbols(srcdir):
    core, diag = set(), set()
    for path in sorted(glob.glob(os.path.join(srcdir, "include", "uclog", "*.h*"))):
        text = open(path).read()
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        names = set(DECL.findall(text))
        (diag if os.path.basename(path).startswith("diag") else core).update(names)
    return core, diag


def map_symbols(path):
    """{symbol: version node} of a linker version script."""
    text = re.sub(r"/\*.*?\*/", "", open(path).read(), flags=re.S)
    out = {}
    for node, body in MAP_NODE.findall(text):
        glob_part = body.split("local:")[0].replace("global:", "")
        for name in re.findall(r"([A-Za-z_][A-Za-z0-9_]*)\s*;", glob_part):
            if name in out:
                raise SystemExit("%s: %s appears twice" % (path, name))
            out[name] = node
    return out


def versions_file(srcdir):
    out = {}
    for line in open(os.path.join(srcdir, "doc", "symbols-in-versions")):
        line = line.split("#")[0].strip()
        if line:
            fields = line.split()
            out[fields[0]] = fields[1:]
    return out


def check_maps(srcdir):
    errors = []
    core_h, diag_h = header_symbols(srcdir)
    core_m = map_symbols(os.path.join(srcdir, "lib", "libuclog.map"))
    diag_m = map_symbols(os.path.join(srcdir, "lib", "diag", "libuclog-diag.map"))
    for what, h, m in (("libuclog", core_h, core_m), ("libuclog-diag", diag_h, diag_m)):
        for name in sorted(h - set(m)):
            errors.append("%s: %s is declared UCLOG_EXPORT but not in the version map" % (what, name))
        for name in sorted(set(m) - h):
            errors.append("%s: %s is in the version map but not declared UCLOG_EXPORT" % (what, name))
    versions = versions_file(srcdir)
    for name, node in sorted(list(core_m.items()) + list(diag_m.items())):
        if name not in versions:
            errors.append("doc/symbols-in-versions: %s is missing" % name)
        elif versions[name][0] != node.split("_")[-1]:
            errors.append("doc/symbols-in-versions: %s says %s, the map says %s" % (name, versions[name][0], node))
    for name in sorted(set(versions) - set(core_m) - set(diag_m)):
        errors.append("doc/symbols-in-versions: %s is in no version map" % name)
    print("%d + %d exported symbols checked" % (len(core_m), len(diag_m)))
    return errors


def check_nm(lib, listing):
    out = subprocess.run(["nm", "-D", "--defined-only", lib], check=True, stdout=subprocess.PIPE).stdout.decode()
    have = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "TtDdBbRrVvWwi" and "@@" in parts[2]:
            name = parts[2]
            if name.split("@@")[0] == name.split("@@")[1]:
                continue  # the version node's own symbol
            have.add(name)
    want = {l.strip() for l in open(listing) if l.strip() and not l.startswith("#")}
    errors = ["%s exports %s, which %s does not list" % (lib, s, listing) for s in sorted(have - want)]
    errors += ["%s does not export %s" % (lib, s) for s in sorted(want - have)]
    print("%d symbols of %s checked" % (len(have), os.path.basename(lib)))
    return errors


def pe_export_names(path):
    """The names of a PE file's export table (its directory entry 0)."""
    data = open(path, "rb").read()
    if data[:2] != b"MZ":
        raise SystemExit("%s: not a PE file" % path)
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    if data[pe:pe + 4] != b"PE\0\0":
        raise SystemExit("%s: no PE signature" % path)
    nsect, opt_size = struct.unpack_from("<H12xH", data, pe + 6)
    opt = pe + 24
    magic = struct.unpack_from("<H", data, opt)[0]
    dirs = opt + (112 if magic == 0x20B else 96)  # PE32+ or PE32
    exp_rva, exp_size = struct.unpack_from("<II", data, dirs)
    if exp_size == 0:
        return set()
    sections = []
    for i in range(nsect):
        vsize, vaddr, rsize, raw = struct.unpack_from("<IIII", data, opt + opt_size + 40 * i + 8)
        sections.append((vaddr, max(vsize, rsize), raw))

    def offset(rva):
        for vaddr, size, raw in sections:
            if vaddr <= rva < vaddr + size:
                return raw + rva - vaddr
        raise SystemExit("%s: RVA 0x%x is in no section" % (path, rva))

    n_names, names_rva = struct.unpack_from("<I4xI", data, offset(exp_rva) + 24)
    names = set()
    for i in range(n_names):
        at = offset(struct.unpack_from("<I", data, offset(names_rva) + 4 * i)[0])
        names.add(data[at:data.index(b"\0", at)].decode("ascii"))
    return names


def check_pe(dll, map_path):
    have, want = pe_export_names(dll), set(map_symbols(map_path))
    errors = ["%s exports %s, which %s does not list" % (dll, s, map_path) for s in sorted(have - want)]
    errors += ["%s does not export %s" % (dll, s) for s in sorted(want - have)]
    print("%d exports of %s checked" % (len(have), os.path.basename(dll)))
    return errors


def main(argv):
    srcdir = argv[0]
    if len(argv) > 1 and argv[1] == "--nm":
        errors = check_nm(argv[2], argv[3])
    elif len(argv) > 1 and argv[1] == "--pe":
        errors = check_pe(argv[2], argv[3])
    else:
        errors = check_maps(srcdir)
    for e in errors:
        print("ERROR:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
