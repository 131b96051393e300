"""Values shared by every part of the public layer, and the context object."""

from __future__ import annotations

import ctypes
import datetime
import os
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Optional, Sequence, Union

from . import _clib
from ._clib import Error

lib = _clib.load()
byref = ctypes.byref

#: Limits a context takes (common.h ``enum uclog_limit``), by keyword.
LIMITS = {
    "max_record_bytes": 1,
    "max_line_bytes": 2,
    "max_sip_headers": 3,
    "max_mime_parts": 4,
    "max_sdp_lines": 5,
    "max_candidates": 6,
    "max_xml_depth": 7,
    "max_xml_elements": 8,
    "max_xml_bytes": 9,
    "max_files": 10,
    "max_unsized_file_bytes": 11,  # since 1.2
    "max_archive_bytes": 12,  # since 1.3
}


#: A path as the open functions take it.
PathArg = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]
#: One path or several (a rotated set).
Paths = Union[PathArg, Sequence[PathArg]]
#: Bytes to parse (a str is taken as its UTF-8).
Data = Union[bytes, bytearray, memoryview, str]
#: :data:`LIMITS` names to values.
Limits = Optional[Mapping[str, int]]
#: An address or a list of them.
Addresses = Union[str, Sequence[str]]
#: Receives the library's diagnostic messages: ``log_fn(level, message)``.
LogFn = Optional[Callable[[int, str], None]]


@dataclass(frozen=True)
class Span:
    """Where something is: byte offset and length, 1-based line and column
    (0 when unknown), and the index of the file in its log."""
    offset: int
    length: int
    line: int
    column: int
    file: int = 0

    @property
    def end(self) -> int:
        return self.offset + self.length


@dataclass(frozen=True)
class Defect:
    """Damage found in the input that did not stop the work."""
    code: int
    name: str
    text: str
    span: Span


def span(sp):
    return Span(sp.offset, sp.length, sp.line, sp.column, sp.file)


_clib.span_to_python = span


def c_span(s):
    """A uclog_span structure for a :class:`Span` (None stays None)."""
    if s is None:
        return None
    return ctypes.pointer(_clib.Span(s.offset, s.length, s.line, s.column, s.file, 0))


def text(view, errors="replace"):
    """A view as ``str`` (UTF-8), None when absent."""
    b = view.copy()
    return None if b is None else b.decode("utf-8", errors)


def cstr(b):
    """A static C string as ``str``."""
    return b.decode("utf-8", "replace") if b is not None else None


def defect(d):
    return Defect(d.code, cstr(lib.uclog_defect_name(d.code)), cstr(lib.uclog_defect_text(d.code)),
                  span(d.span))


def defects(count_fn, get_fn, obj):
    out = []
    d = _clib.Defect()
    for i in range(count_fn(obj)):
        get_fn(byref(d), obj, i)
        out.append(defect(d))
    return out


def timestamp(ts):
    """A uclog_timestamp as a naive ``datetime`` (the log has no time zone)."""
    try:
        return datetime.datetime(ts.year, ts.month, ts.day, ts.hour, ts.minute, ts.second,
                                 ts.millisecond * 1000)
    except ValueError:
        return None


def as_bytes(data):
    if isinstance(data, str):
        return data.encode("utf-8")
    return bytes(data)


def defect_name(code: int) -> Optional[str]:
    """The name of a defect code, e.g. ``"NUL_BYTE"``."""
    return cstr(lib.uclog_defect_name(code))


def strerror(code: int) -> str:
    """The library's text for a status code."""
    return cstr(lib.uclog_strerror(code))


class Context:
    """A uclog_ctx: allocator, limits and the last error's detail.

    Every log and every parsed object needs one that outlives it; the public
    layer makes one per :class:`uclog.Log` and a short-lived one for each
    stand-alone parse, so users rarely see this class.
    """

    def __init__(self, limits: Optional[Mapping[str, int]] = None) -> None:
        self._ptr = _clib.CtxP()
        self._pins = 0          # objects allocated from it that outlive their log (a Report)
        self._closing = False   # close() was called while pinned: freed by the last unpin()
        lib.uclog_ctx_new(byref(self._ptr), None)
        try:
            for name, value in (limits or {}).items():
                if name not in LIMITS:
                    raise ValueError("unknown limit %r (known: %s)" % (name, ", ".join(LIMITS)))
                lib.uclog_ctx_set_limit(self._ptr, LIMITS[name], value)
        except BaseException:
            self.close()
            raise

    @property
    def ptr(self) -> Any:
        if not self._ptr:
            raise ValueError("the context is closed")
        return self._ptr

    def limit(self, name: str) -> int:
        return lib.uclog_ctx_get_limit(self.ptr, LIMITS[name])

    def pin(self) -> None:
        """An object allocated from this context lives on: close() waits for its unpin()."""
        self._pins += 1

    def unpin(self) -> None:
        self._pins -= 1
        if self._closing and not self._pins:
            self.close()

    def close(self) -> None:
        if self._pins:
            self._closing = True
            return
        if self._ptr:
            lib.uclog_ctx_free(self._ptr)
            self._ptr = _clib.CtxP()

    def __enter__(self) -> "Context":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self):
        self.close()


class Owned:
    """An owned C object that a free function releases exactly once."""

    __slots__ = ("ptr", "_free")

    def __init__(self, ptr, free):
        self.ptr = ptr
        self._free = free

    def close(self):
        if self.ptr:
            p, self.ptr = self.ptr, type(self.ptr)()
            self._free(p)

    def __enter__(self):
        return self.ptr

    def __exit__(self, *exc):
        self.close()


def parse_owned(parse_fn, free_fn, ptr_type, ctx, data, base):
    """Run a ``*_parse(&out, ctx, data, len, base)`` and wrap the result."""
    out = ptr_type()
    parse_fn(byref(out), ctx.ptr, data, len(data), c_span(base))
    return Owned(out, free_fn)


__all__ = ["Span", "Defect", "Context", "Error", "LIMITS"]
