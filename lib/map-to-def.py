#!/usr/bin/env python3
"""map-to-def.py MAP DLLNAME OUT: the module-definition file that makes a Windows DLL export
the global symbols of a linker version script, and nothing else (the version nodes have no
meaning in a PE export table; the names are the promise)."""
import re
import sys


def main():
    map_path, dll, out = sys.argv[1:4]
    text = re.sub(r"/\*.*?\*/", "", open(map_path).read(), flags=re.S)
    names = []
    for body in re.findall(r"\{(.*?)\}", text, flags=re.S):
        part = body.split("local:")[0].replace("global:", "")
        names += re.findall(r"([A-Za-z_][A-Za-z0-9_]*)\s*;", part)
    with open(out, "w") as f:
        f.write("LIBRARY %s\nEXPORTS\n" % dll)
        for name in sorted(names):
            f.write("    %s\n" % name)


if __name__ == "__main__":
    main()
