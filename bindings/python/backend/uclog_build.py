"""A PEP 517 build backend for the uclog binding, standard library only.

The package is pure Python (uclog/*.py), so a wheel is a zip of those files
and a .dist-info directory; writing it here spares pip a setuptools and wheel
that an offline machine may not have. Name, version, summary and
Requires-Python come from pyproject.toml's [project] table.
"""

import base64
import hashlib
import io
import os
import re
import tarfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = "uclog"


def _project():
    with open(os.path.join(ROOT, "pyproject.toml"), encoding="utf-8") as f:
        text = f.read()
    table = text.split("[project]", 1)[1].split("\n[", 1)[0]
    fields = dict(re.findall(r'^([a-z-]+)\s*=\s*"([^"]*)"', table, re.M))
    return fields


def _metadata():
    p = _project()
    lines = ["Metadata-Version: 2.1", "Name: " + p["name"], "Version: " + p["version"],
             "Summary: " + p["description"], "License: MIT",
             "Requires-Python: " + p["requires-python"]]
    readme = os.path.join(ROOT, p.get("readme", "README.md"))
    body = ""
    if os.path.exists(readme):
        lines.append("Description-Content-Type: text/markdown")
        with open(readme, encoding="utf-8") as f:
            body = "\n" + f.read()
    return "\n".join(lines) + "\n" + body


def _sources():
    """The package's files: uclog/*.py as in the source tree (a meson build's
    generated _install.py is never there) and the py.typed marker (PEP 561)."""
    pkg = os.path.join(ROOT, PACKAGE)
    return sorted(PACKAGE + "/" + n for n in os.listdir(pkg)
                  if (n.endswith(".py") and n != "_install.py") or n == "py.typed")


def _dist_name():
    p = _project()
    return "%s-%s" % (p["name"].replace("-", "_"), p["version"])


def _write_wheel(wheel_directory, files):
    """files: [(archive name, bytes)]; the .dist-info and RECORD are added."""
    name = _dist_name()
    info = name + ".dist-info/"
    files = list(files) + [
        (info + "METADATA", _metadata().encode("utf-8")),
        (info + "WHEEL", b"Wheel-Version: 1.0\nGenerator: uclog_build\n"
                         b"Root-Is-Purelib: true\nTag: py3-none-any\n"),
    ]
    record = []
    for arcname, data in files:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
        record.append("%s,sha256=%s,%d" % (arcname, digest.decode(), len(data)))
    record.append(info + "RECORD,,")
    files.append((info + "RECORD", ("\n".join(record) + "\n").encode("utf-8")))
    wheel = name + "-py3-none-any.whl"
    with zipfile.ZipFile(os.path.join(wheel_directory, wheel), "w", zipfile.ZIP_DEFLATED) as z:
        for arcname, data in files:
            z.writestr(zipfile.ZipInfo(arcname, date_time=(1980, 1, 1, 0, 0, 0)), data,
                       zipfile.ZIP_DEFLATED)
    return wheel


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    files = []
    for arcname in _sources():
        with open(os.path.join(ROOT, arcname), "rb") as f:
            files.append((arcname, f.read()))
    return _write_wheel(wheel_directory, files)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    """pip install -e: a .pth file that puts this directory on sys.path."""
    return _write_wheel(wheel_directory, [(PACKAGE + ".pth", (ROOT + "\n").encode("utf-8"))])


def build_sdist(sdist_directory, config_settings=None):
    name = _dist_name()
    sdist = name + ".tar.gz"
    members = ["pyproject.toml", "README.md", "backend/uclog_build.py"] + _sources()
    with tarfile.open(os.path.join(sdist_directory, sdist), "w:gz") as tar:
        for rel in members:
            tar.add(os.path.join(ROOT, rel), arcname=name + "/" + rel)
        info = _metadata().encode("utf-8")
        entry = tarfile.TarInfo(name + "/PKG-INFO")
        entry.size = len(info)
        tar.addfile(entry, io.BytesIO(info))
    return sdist
