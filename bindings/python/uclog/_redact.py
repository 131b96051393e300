"""Redaction (uclog/redact.h): a copy of a log without its secrets, and
optionally with its personal data replaced by consistent pseudonyms; and
the masking of secrets in a text that is shown."""

from __future__ import annotations

import ctypes
import os
from ctypes import byref
from typing import TYPE_CHECKING, Any, Callable, Dict, Optional, Union

from . import _clib
from ._common import Owned, PathArg, Paths, lib as _loaded

if TYPE_CHECKING:
    from ._log import Log


def _kinds():
    """The library's kinds, in order: 1, 2, ... until uclog_redact_kind_name()
    says "unknown" (a later library may know more; a kind is an int32)."""
    out = []
    for k in range(1, 1 << 16):
        name = _loaded.uclog_redact_kind_name(k).decode()
        if name == "unknown":
            break
        out.append(name)
    return tuple(out)


#: Kinds of replaced text, by the library's names (uclog_redact_kind_name()).
REDACT_KINDS = _kinds()


def _lib():
    return _clib.load()


def redact_log(log: Log, write: Callable[[int, bytes], Any], pseudonymise: bool = False,
               key: Optional[Union[str, bytes]] = None) -> Dict[str, int]:
    """Write a redacted copy of every file of an open :class:`uclog.Log` (a
    file, a set or a buffer; not a stream): ``write(file_index, data)`` gets
    each file's bytes in order (``data`` is ``bytes``). Secrets become runs of
    ``X`` of the same length, so byte counts, Content-Length and line numbers
    stay true. ``pseudonymise``: replace URIs' users, display names, numbers,
    domains and addresses too; ``key`` (str or bytes) makes the pseudonyms the
    same in every run. Returns a dict: kind name -> count, for every kind in
    :data:`REDACT_KINDS`. An exception raised by ``write`` stops the redaction
    and is raised again."""
    lib = _lib()
    ctx = log._ctx.ptr
    raised = []

    def relay(userdata, file, data, n):
        try:
            write(file, ctypes.string_at(data, n))
            return 0
        except BaseException as e:  # handed back after the C call returns
            raised.append(e)
            return -1

    cb = _clib.RedactWriteFn(relay)
    opts = _clib.RedactOptionsP()
    stats = _clib.RedactStatsP()
    lib.uclog_redact_options_new(byref(opts), ctx)
    with Owned(opts, lib.uclog_redact_options_free) as o:
        lib.uclog_redact_stats_new(byref(stats), ctx)
        with Owned(stats, lib.uclog_redact_stats_free) as st:
            try:
                lib.uclog_redact_options_set_pseudonymise(o, 1 if pseudonymise else 0)
                if key is not None:
                    k = key.encode() if isinstance(key, str) else bytes(key)
                    lib.uclog_redact_options_set_key(o, k, len(k))
                lib.uclog_redact_log(log._check_open(), o, cb, None, st)
            except _clib.Error as e:
                if raised:
                    raise raised[0]
                raise e.attach_context(ctx)
            return {name: lib.uclog_redact_stats_count(st, k)
                    for k, name in enumerate(REDACT_KINDS, 1)}


def redact(paths: Paths, out: PathArg, pseudonymise: bool = False,
           key: Optional[Union[str, bytes]] = None) -> Dict[str, int]:
    """Redact a log file, or a rotated set, to ``out``: the file to write for
    one path, a directory (made when missing) that receives each file under
    its own name for several. Returns the counts of :func:`redact_log`."""
    from ._log import open as open_log
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    with open_log(list(paths)) as log:
        names = [os.path.basename(f.name) for f in log.files]
        if len(names) == 1:
            targets = [os.fspath(out)]
        else:
            if len(set(names)) != len(names):
                raise ValueError("two files of the set have the same name")
            os.makedirs(out, exist_ok=True)
            targets = [os.path.join(os.fsdecode(out), n) for n in names]
        files = [open(t, "wb") for t in targets]
        try:
            return redact_log(log, lambda i, data: files[i].write(data), pseudonymise, key)
        finally:
            for f in files:
                f.close()


def mask_secrets(text: Union[str, bytes]) -> Union[str, bytes]:
    """``text`` (str or bytes) with every secret the redactor recognises as a
    run of ``*`` of the same length; the same type as given."""
    is_str = isinstance(text, str)
    data = text.encode("utf-8", "surrogateescape") if isinstance(text, str) else bytes(text)
    buf = ctypes.create_string_buffer(data, len(data))
    _lib().uclog_redact_mask_text(buf, buf, len(data))
    out = buf.raw[:len(data)]
    return out.decode("utf-8", "surrogateescape") if is_str else out


# ---------------------------------------------------------------------------
# Text forms: the objects' repr() masks secrets unless show_secrets(True).

_show = [False]


def show_secrets(on: bool = True) -> None:
    """Whether the text forms (``repr()``) of the binding's objects show
    secrets: by default a secret field reads ``'***'`` and secrets inside a
    text (a record, a packet, a part, a header) are runs of ``*``. The
    values themselves are never changed."""
    _show[0] = bool(on)


def _masked(v):
    if isinstance(v, (str, bytes)):
        return mask_secrets(v)
    if isinstance(v, tuple) and len(v) == 2 and all(isinstance(x, str) for x in v):
        name = v[0]  # a header, or an SDP attribute: masked as the line it was
        m = mask_secrets("%s: %s" % v)[len(name) + 2:]
        return (name, m if m != v[1] else mask_secrets("a=%s:%s" % v)[len(name) + 3:])
    if isinstance(v, tuple):
        return tuple(_masked(x) for x in v)
    return v


def masked_repr(*secret_fields, candidate_lines=()):
    """A dataclass's repr(), with ``secret_fields`` as ``'***'`` and the
    secrets of its other texts masked (unless :func:`show_secrets`);
    ``candidate_lines``: fields that hold a candidate line's value."""
    def wrap(cls):
        import dataclasses

        def __repr__(self):
            parts = []
            for f in dataclasses.fields(self):
                if not f.repr:
                    continue
                v = getattr(self, f.name)
                if not _show[0]:
                    if f.name in secret_fields and v:
                        v = "***"
                    elif f.name in candidate_lines and isinstance(v, str):
                        v = mask_secrets("a=candidate:" + v)[12:]
                    else:
                        v = _masked(v)
                parts.append("%s=%r" % (f.name, v))
            return "%s(%s)" % (cls.__qualname__, ", ".join(parts))
        cls.__repr__ = __repr__
        return cls
    return wrap
