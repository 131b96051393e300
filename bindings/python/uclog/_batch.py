"""The fast paths: messages and records read in batches (one foreign call
per batch, uclog_msg_iter_next_batch() and uclog_record_iter_next_batch()),
handed out as small objects of numbers and short strings."""

import ctypes
import datetime
import struct
from typing import Callable, Iterator, Optional, Tuple

from . import _clib
from ._clib import Error
from ._common import Span, byref, cstr, lib
from ._sip import DIRECTIONS

#: entries per foreign call
BATCH = 512
_TEXT_BYTES = 64 * 1024

# The entries' bytes, read with one struct unpack each (native layout, as
# the library wrote them; the sizes are checked against the ctypes mirrors).
_MSG = struct.Struct("=QQIIIIqIiII6I2I")
_REC = struct.Struct("=QQIIIIqIiIIII")
assert _MSG.size == ctypes.sizeof(_clib.MsgFields) == 88
assert _REC.size == ctypes.sizeof(_clib.RecordFields) == 64

_EPOCH = datetime.datetime(1970, 1, 1)


def _time(epoch_ms: Optional[int]) -> Optional[datetime.datetime]:
    if epoch_ms is None:
        return None
    try:
        return _EPOCH + datetime.timedelta(milliseconds=epoch_ms)
    except OverflowError:
        return None


class MessageFields:
    """What :meth:`uclog.Log.messages` with ``fields=True`` yields for each
    SIP message: its Call-ID, CSeq, method or status, direction and time,
    read in batches. A copy: valid after the log is closed.
    ``span`` and ``timestamp`` are built when asked."""
    __slots__ = ("call_id", "cseq", "method", "status", "direction", "epoch_ms", "_span")

    call_id: Optional[str]
    cseq: Optional[Tuple[int, str]]
    method: Optional[str]
    status: Optional[int]
    direction: Optional[str]
    epoch_ms: Optional[int]

    def __init__(self, call_id: Optional[str], cseq: Optional[Tuple[int, str]], method: Optional[str],
                 status: Optional[int], direction: Optional[str], epoch_ms: Optional[int],
                 span: Tuple[int, int, int, int, int]) -> None:
        self.call_id = call_id
        self.cseq = cseq
        self.method = method
        self.status = status
        self.direction = direction
        self.epoch_ms = epoch_ms
        self._span = span

    @property
    def is_request(self) -> bool:
        return self.method is not None

    @property
    def span(self) -> Span:
        """The message's place in the log (as :attr:`SipMessage.span`)."""
        return Span(*self._span)

    @property
    def timestamp(self) -> Optional[datetime.datetime]:
        """Its packet's time as a naive ``datetime``, or None."""
        return _time(self.epoch_ms)

    def __repr__(self) -> str:
        what = self.method if self.method is not None else self.status
        return "MessageFields(%r, %r, %r, %s)" % (what, self.cseq, self.direction, self._span[0])


class RecordFields:
    """What :meth:`uclog.Log.records` with ``fields=True`` yields for each
    record: numbers only (no text), read in batches. ``level`` is the
    library's level name (as :attr:`Record.level`). A copy: valid after the
    log is closed; ``span`` and ``timestamp`` are built when asked."""
    __slots__ = ("epoch_ms", "level", "pid", "tid", "has_header", "line_count", "text_offset",
                 "_span")

    epoch_ms: Optional[int]
    level: str
    pid: int
    tid: int
    has_header: bool
    line_count: int
    text_offset: int

    def __init__(self, epoch_ms: Optional[int], level: str, pid: int, tid: int, has_header: bool,
                 line_count: int, text_offset: int, span: Tuple[int, int, int, int, int]) -> None:
        self.epoch_ms = epoch_ms
        self.level = level
        self.pid = pid
        self.tid = tid
        self.has_header = has_header
        self.line_count = line_count
        self.text_offset = text_offset
        self._span = span

    @property
    def span(self) -> Span:
        return Span(*self._span)

    @property
    def timestamp(self) -> Optional[datetime.datetime]:
        return _time(self.epoch_ms)

    def __repr__(self) -> str:
        return "RecordFields(%s, %r, line %d)" % (self.epoch_ms, self.level, self._span[2])


_LEVELS: dict = {}


def _level(n: int) -> str:
    try:
        return _LEVELS[n]
    except KeyError:
        name = _LEVELS[n] = cstr(lib.uclog_level_name(n))
        return name


def message_batches(next_batch: Callable[..., int]) -> Iterator[MessageFields]:
    """Call ``next_batch(out, count, text, cap, entry_size, text_cap)`` (the
    iterator bound) until it is done, yielding :class:`MessageFields`."""
    out = (_clib.MsgFields * BATCH)()
    view = memoryview(out).cast("B")
    count = ctypes.c_uint32()
    text_cap = _TEXT_BYTES
    text = ctypes.create_string_buffer(text_cap)
    unpack = _MSG.iter_unpack
    directions = DIRECTIONS
    decoded: dict = {}                       # method names, decoded once per batch
    while True:
        try:
            rc = next_batch(out, byref(count), text, BATCH, _MSG.size, text_cap)
        except Error as e:
            if e.code != _clib.E_RANGE:
                raise
            text_cap *= 4                    # a Call-ID longer than the buffer: grow, again
            text = ctypes.create_string_buffer(text_cap)
            continue
        if rc == _clib.DONE:
            return
        raw = text.raw
        n = count.value
        decoded.clear()
        for (off, length, line, col, file, _r, ms, flags, direction, status, cseq, cid_o, cid_n,
             cm_o, cm_n, m_o, m_n, _r1, _r2) in unpack(view[:n * _MSG.size]):
            call_id = raw[cid_o:cid_o + cid_n].decode("utf-8", "replace") if flags & 2 else None
            if flags & 4:
                key = raw[cm_o:cm_o + cm_n]
                cm = decoded.get(key)
                if cm is None:
                    cm = decoded[key] = key.decode("utf-8", "replace")
                cseq_v = (cseq, cm)
            else:
                cseq_v = None
            if flags & 1:
                key = raw[m_o:m_o + m_n]
                method = decoded.get(key)
                if method is None:
                    method = decoded[key] = key.decode("utf-8", "replace")
                st = None
            else:
                method, st = None, status
            yield MessageFields(call_id, cseq_v, method, st, directions.get(direction),
                                ms if flags & 8 else None, (off, length, line, col, file))


def record_batches(next_batch: Callable[..., int]) -> Iterator[RecordFields]:
    """Call ``next_batch(out, count, cap, entry_size)`` until it is done,
    yielding :class:`RecordFields`."""
    out = (_clib.RecordFields * BATCH)()
    view = memoryview(out).cast("B")
    count = ctypes.c_uint32()
    unpack = _REC.iter_unpack
    levels = _LEVELS
    while next_batch(out, byref(count), BATCH, _REC.size) != _clib.DONE:
        for (off, length, line, col, file, _r, ms, flags, lvl, pid, tid, text_off,
             lines) in unpack(view[:count.value * _REC.size]):
            yield RecordFields(ms if flags & 2 else None, levels[lvl] if lvl in levels else _level(lvl),
                               pid, tid, bool(flags & 1), lines, text_off, (off, length, line, col, file))
