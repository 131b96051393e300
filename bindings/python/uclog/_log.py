"""Logs (log.h), their records and packets (packet.h), and the index (index.h)."""

from __future__ import annotations

import builtins
import ctypes
import errno
import os
from dataclasses import dataclass
from typing import (TYPE_CHECKING, Any, BinaryIO, Callable, Dict, Iterator, List, Optional, Set,
                    Tuple, Union)

from . import _batch, _clib
from ._clib import Error
from ._redact import masked_repr
from ._common import (Context, Data, Defect, Limits, LogFn, Owned, Paths, Span, as_bytes, byref,
                      cstr, defects, lib, span, text, timestamp)
from ._sip import DIRECTIONS, SipMessage

NO_TIME = -(1 << 63)  # UCLOG_INDEX_NO_TIME

if TYPE_CHECKING:
    from ._batch import MessageFields, RecordFields

Str = _clib.Str
ENCODINGS = {0: "utf-8", 1: "utf-8-sig", 2: "utf-16-le", 3: "utf-16-be"}


@dataclass(frozen=True)
class LogFile:
    name: str
    size: int
    encoding: str
    # its lines ended with CR alone, and it was read with LF in their place
    cr_line_ends: bool = False
    # what it holds (uclog_file_kind_name()): "log", "sip" (bare SIP messages), "empty",
    # "binary", "text", or "unread" (a stream before its first record)
    kind: str = "log"
    # why it is not a client log (uclog_file_kind_reason()); "" for a client log
    kind_reason: str = ""

    @property
    def readable(self) -> bool:
        """A client log or bare SIP messages: what the programs read (a stream not read yet
        passes)."""
        return self.kind in ("log", "sip", "unread")


@masked_repr()
@dataclass(frozen=True)
class Record:
    """One record: a header line and its continuation lines. ``raw`` is
    every byte; ``text`` the header line's text after ``::`` (or the first
    line of a headerless record); ``level`` the library's level name
    (``"INFO"``, ``"UNKNOWN"``…), ``level_word`` the word as written."""
    has_header: bool
    timestamp: Optional[object]
    epoch_ms: Optional[int]
    pid: int
    tid: int
    level: str
    level_word: Optional[str]
    text: str
    continuation: bytes
    raw: bytes
    span: Span
    text_offset: int
    line_count: int
    defects: Tuple[Defect, ...]


def _record(r):
    s = Str()
    sp = _clib.Span()
    ts = _clib.Timestamp()
    have_ts = lib.uclog_record_timestamp(byref(ts), r)
    lib.uclog_record_level_word(byref(s), r)
    word = text(s)
    lib.uclog_record_text(byref(s), r)
    txt = text(s) or ""
    lib.uclog_record_continuation(byref(s), r)
    cont = s.copy() or b""
    lib.uclog_record_raw(byref(s), r)
    raw = s.copy() or b""
    lib.uclog_record_span(byref(sp), r)
    return Record(
        has_header=bool(lib.uclog_record_has_header(r)),
        timestamp=timestamp(ts) if have_ts else None,
        epoch_ms=ts.epoch_ms if have_ts else None,
        pid=lib.uclog_record_pid(r), tid=lib.uclog_record_tid(r),
        level=cstr(lib.uclog_level_name(lib.uclog_record_level(r))), level_word=word,
        text=txt, continuation=cont, raw=raw, span=span(sp),
        text_offset=lib.uclog_record_text_offset(r),
        line_count=lib.uclog_record_line_count(r),
        defects=tuple(defects(lib.uclog_record_defect_count, lib.uclog_record_defect, r)))


@masked_repr()
@dataclass(frozen=True)
class Packet:
    """SIP traffic as the client framed it: ``data`` is the bytes of the
    messages it carries; ``pid``, ``tid`` and ``level`` (a level name, as
    :attr:`Record.level`) are the framing record's."""
    direction: Optional[str]
    remote: Optional[Tuple[str, int]]
    local: Optional[Tuple[str, int]]
    declared_bytes: Optional[int]
    data: bytes
    data_span: Span
    span: Span
    timestamp: Optional[object]
    tid: int
    defects: Tuple[Defect, ...]
    pid: int
    level: str


def _address(fn, p):
    s = Str()
    port = ctypes.c_uint16()
    return (text(s), port.value) if fn(byref(s), byref(port), p) else None


def _packet(p):
    s = Str()
    sp, bsp = _clib.Span(), _clib.Span()
    n = ctypes.c_uint64()
    ts = _clib.Timestamp()
    lib.uclog_packet_bytes(byref(s), p)
    lib.uclog_packet_bytes_span(byref(bsp), p)
    lib.uclog_packet_span(byref(sp), p)
    return Packet(
        direction=DIRECTIONS.get(lib.uclog_packet_direction(p)),
        remote=_address(lib.uclog_packet_remote_endpoint, p),
        local=_address(lib.uclog_packet_local_endpoint, p),
        declared_bytes=n.value if lib.uclog_packet_declared_bytes(byref(n), p) else None,
        data=s.copy() or b"", data_span=span(bsp), span=span(sp),
        timestamp=timestamp(ts) if lib.uclog_packet_timestamp(byref(ts), p) else None,
        tid=lib.uclog_packet_tid(p),
        defects=tuple(defects(lib.uclog_packet_defect_count, lib.uclog_packet_defect, p)),
        pid=lib.uclog_packet_pid(p), level=cstr(lib.uclog_level_name(lib.uclog_packet_level(p))))


class Log:
    """A log: one file, a rotated set, a buffer or a stream.

    Use :func:`uclog.open` (or :func:`uclog.open_buffer`,
    :func:`uclog.open_stream`). A context manager; :meth:`close` frees the
    C objects (iterators still running first, then the index, the log and
    its context) and may be called any number of times. What the
    generators yield are copies and stay valid after the log is closed.
    """

    def __init__(self, open_fn: Callable[..., int], *args: Any, limits: Limits = None,
                 keep: Any = None, log_fn: LogFn = None) -> None:
        self._ctx = Context(limits)
        self._limits = dict(limits) if limits else None  # a copy: messages parse again under it
        self._ptr = _clib.LogP()
        self._children: Set[Any] = set()
        self._keep = keep                    # bytes or callbacks the C side points at
        self._follow = None                  # the follower a followed log reads through
        self._log_fn = None
        self.read_error = None
        try:
            if log_fn is not None:
                self._set_log_fn(log_fn)
            open_fn(byref(self._ptr), self._ctx.ptr, *args)
        except BaseException:
            self._ctx.close()
            raise

    def _set_log_fn(self, fn):
        def relay(level, message, userdata):
            fn(level, message.decode("utf-8", "replace"))
        self._log_fn = _clib.LogFn(relay)
        lib.uclog_ctx_set_log_fn(self._ctx.ptr, self._log_fn, None, 4)

    # -- lifetime -------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return not self._ptr

    def _check_open(self):
        if not self._ptr:
            raise ValueError("I/O operation on a closed uclog.Log")
        return self._ptr

    def close(self) -> None:
        """Free everything; harmless when already closed."""
        for child in list(self._children):
            child.close()
        self._children.clear()
        if self._ptr:
            p, self._ptr = self._ptr, _clib.LogP()
            lib.uclog_log_free(p)
        if self._follow:
            f, self._follow = self._follow, None
            lib.uclog_follow_free(f)
        self._ctx.close()

    def __enter__(self) -> Log:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    # -- files ----------------------------------------------------------------

    @property
    def files(self) -> List[LogFile]:
        """The files of the log, in iteration (time) order."""
        p = self._check_open()
        out = []
        for i in range(lib.uclog_log_file_count(p)):
            enc = lib.uclog_log_file_encoding(p, i)
            kind = lib.uclog_log_file_kind(p, i)
            out.append(LogFile(cstr(lib.uclog_log_file_name(p, i)), lib.uclog_log_file_size(p, i),
                               ENCODINGS.get(enc, str(enc)), lib.uclog_log_file_cr_line_ends(p, i) == 1,
                               cstr(lib.uclog_file_kind_name(kind)), cstr(lib.uclog_file_kind_reason(kind))))
        return out

    # -- iteration ------------------------------------------------------------

    def _raise(self, err):
        if self.read_error is not None:
            raise self.read_error from err
        raise err.attach_context(self._ctx.ptr if self._ctx._ptr else None)

    def _cursor(self, new_fn, free_fn, ptr_type):
        out = ptr_type()
        try:
            new_fn(byref(out), self._check_open())
        except Error as e:
            self._raise(e)
        cur = Owned(out, free_fn)
        self._children.add(cur)
        return cur

    def _walk(self, new_fn, next_fn, free_fn, it_type, item_types, make):
        cur = self._cursor(new_fn, free_fn, it_type)
        try:
            items = [t() for t in item_types]
            while True:
                if not cur.ptr:
                    raise ValueError("the log was closed during iteration")
                try:
                    rc = next_fn(*(byref(x) for x in items), cur.ptr)
                except Error as e:
                    self._raise(e)
                if rc == _clib.DONE:
                    return
                yield make(*items)
        finally:
            cur.close()
            self._children.discard(cur)

    def _batched(self, new_fn, free_fn, it_type, call, make):
        """Drive ``make(step)`` over a new iterator; ``step(*args)`` is
        ``call(iterator, *args)`` with the log's checks and errors."""
        cur = self._cursor(new_fn, free_fn, it_type)

        def step(*args):
            if not cur.ptr:
                raise ValueError("the log was closed during iteration")
            try:
                return call(cur.ptr, *args)
            except Error as e:
                if e.code == _clib.E_RANGE:      # the text buffer: make() grows it
                    raise
                self._raise(e)
        try:
            yield from make(step)
        finally:
            cur.close()
            self._children.discard(cur)

    def records(self, fields: bool = False) -> Iterator[Union[Record, RecordFields]]:
        """A generator of :class:`Record` objects, in order. With
        ``fields=True``, of :class:`RecordFields` (time, level, thread, span:
        numbers only, read in batches, several times faster)."""
        if fields:
            return self._batched(lib.uclog_record_iter_new, lib.uclog_record_iter_free,
                                 _clib.RecordIterP,
                                 lambda it, out, n, cap, size:
                                 lib.uclog_record_iter_next_batch(out, n, it, cap, size),
                                 _batch.record_batches)
        return self._walk(lib.uclog_record_iter_new, lib.uclog_record_iter_next,
                          lib.uclog_record_iter_free, _clib.RecordIterP, (_clib.RecordP,), _record)

    def packets(self) -> Iterator[Packet]:
        """A generator of :class:`Packet` objects (records outside packets skipped)."""
        return self._walk(lib.uclog_packet_iter_new, lib.uclog_packet_iter_next,
                          lib.uclog_packet_iter_free, _clib.PacketIterP, (_clib.PacketP,), _packet)

    def messages(self, fields: bool = False) -> Iterator[Union[SipMessage, MessageFields]]:
        """A generator of :class:`SipMessage` objects: every SIP message of
        every packet, with the packet's direction, addresses and time. With
        ``fields=True``, of :class:`MessageFields` (Call-ID, CSeq, method,
        status, direction, time, span, read in batches: several times
        faster, for a walk over every message that needs no more)."""
        if fields:
            return self._batched(lib.uclog_msg_iter_new, lib.uclog_msg_iter_free,
                                 _clib.MsgIterP,
                                 lambda it, out, n, text, cap, size, text_cap:
                                 lib.uclog_msg_iter_next_batch(out, n, text, it, cap, size, text_cap),
                                 _batch.message_batches)
        return self._walk(lib.uclog_msg_iter_new, lib.uclog_msg_iter_next,
                          lib.uclog_msg_iter_free, _clib.MsgIterP, (_clib.SipP, _clib.PacketP),
                          lambda sip, pkt: SipMessage(sip, pkt, self._limits))

    def unusable_packets(self) -> Iterator[Packet]:
        """A generator of the :class:`Packet` objects that yield no SIP
        message (each with the defect PACKET_NO_MESSAGE): the packets
        :meth:`messages` passes over, keep-alives aside."""
        cur = self._cursor(lib.uclog_msg_iter_new, lib.uclog_msg_iter_free, _clib.MsgIterP)
        try:
            lib.uclog_msg_iter_set_flags(cur.ptr, _clib.MSG_ITER_UNUSABLE)
            sip, pkt = _clib.SipP(), _clib.PacketP()
            while True:
                if not cur.ptr:
                    raise ValueError("the log was closed during iteration")
                try:
                    rc = lib.uclog_msg_iter_next(byref(sip), byref(pkt), cur.ptr)
                except Error as e:
                    self._raise(e)
                if rc == _clib.DONE:
                    return
                if not sip:
                    yield _packet(pkt)
        finally:
            cur.close()
            self._children.discard(cur)

    def index(self, keep: Optional[Callable[[SipMessage], Any]] = None) -> Index:
        """Build an :class:`Index` of the log's SIP messages (reads the whole
        log; not for a stream). Freed with the log, or by its own close().
        With `keep`, a callable given each :class:`SipMessage`, only the
        messages it returns true for are indexed."""
        return Index(self, keep)


@dataclass(frozen=True)
class IndexEntry:
    """What the index keeps about one message."""
    number: int
    direction: Optional[str]
    span: Span
    timestamp: Optional[object]
    call_id: Optional[str]
    cseq: Optional[Tuple[int, str]]
    method: Optional[str]
    status: Optional[int]
    local: Optional[Tuple[str, int]]
    remote: Optional[Tuple[str, int]]
    retransmission_of: Optional[int] = None   # the message it sends again
    since_request_ms: Optional[int] = None    # a response: ms since its request's first sending

    @property
    def is_request(self) -> bool:
        return self.method is not None

    @property
    def is_retransmission(self) -> bool:
        return self.retransmission_of is not None


class Index:
    """The index of a log's SIP messages: calls by Call-ID and responses
    matched to their requests. Messages are numbered in log order."""

    def __init__(self, log: Log, keep: Optional[Callable[[SipMessage], Any]] = None) -> None:
        self._log = log                      # the log must outlive the index
        if keep is None:
            self._owned = log._cursor(lib.uclog_index_build, lib.uclog_index_free, _clib.IndexP)
            return
        failure = []

        def filter_fn(sip, packet, userdata):
            try:
                return 1 if keep(SipMessage(sip, packet, log._limits)) else 0
            except BaseException as e:        # raised again below, not across C
                failure.append(e)
                return 0
        c_filter = _clib.IndexFilterFn(filter_fn)
        self._owned = log._cursor(lambda out, lg: lib.uclog_index_build_filtered(out, lg, c_filter, None),
                                  lib.uclog_index_free, _clib.IndexP)
        if failure:
            self.close()
            raise failure[0]

    @property
    def _ptr(self):
        if not self._owned.ptr:
            raise ValueError("the index (or its log) is closed")
        return self._owned.ptr

    def close(self) -> None:
        self._owned.close()
        self._log._children.discard(self._owned)

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return lib.uclog_index_message_count(self._ptr)

    def entry(self, i: int) -> IndexEntry:
        p = self._ptr
        if not 0 <= i < len(self):
            raise IndexError(i)
        s, t = Str(), Str()
        sp = _clib.Span()
        ts = _clib.Timestamp()
        n, m = ctypes.c_uint32(), ctypes.c_uint32()
        lib.uclog_index_message_span(byref(sp), p, i)
        call_id = text(s) if lib.uclog_index_message_call_id(byref(s), p, i) else None
        cseq = (n.value, text(s)) if lib.uclog_index_message_cseq(byref(n), byref(s), p, i) else None
        local = remote = None
        lp, rp = ctypes.c_uint16(), ctypes.c_uint16()
        if lib.uclog_index_message_endpoints(byref(s), byref(lp), byref(t), byref(rp), p, i):
            local, remote = (text(s), lp.value), (text(t), rp.value)
        kind = ctypes.c_int32()
        lib.uclog_index_message_type(byref(kind), byref(s), byref(m), p, i)
        is_req = kind.value == 1  # UCLOG_INDEX_REQUEST
        retx, ms = ctypes.c_uint32(), ctypes.c_int64()
        retx_of = retx.value if lib.uclog_index_message_retransmits(byref(retx), p, i) else None
        since = ms.value if lib.uclog_index_message_since_request(byref(ms), p, i) else None
        return IndexEntry(
            number=i, direction=DIRECTIONS.get(lib.uclog_index_message_direction(p, i)),
            span=span(sp),
            timestamp=timestamp(ts) if lib.uclog_index_message_timestamp(byref(ts), p, i) else None,
            call_id=call_id, cseq=cseq,
            method=text(s) if is_req else None, status=None if is_req else m.value,
            local=local, remote=remote, retransmission_of=retx_of, since_request_ms=since)

    def entries(self) -> List[IndexEntry]:
        return [self.entry(i) for i in range(len(self))]

    def message(self, i: int) -> SipMessage:
        """Message ``i`` parsed again in full, as a :class:`SipMessage`."""
        e = self.entry(i)
        out = _clib.SipP()
        lib.uclog_index_message_parse(byref(out), self._ptr, i)
        with Owned(out, lib.uclog_sip_free) as sip:
            return SipMessage(sip, dict(direction=e.direction, local=e.local, remote=e.remote,
                                        timestamp=e.timestamp, packet_span=None), self._log._limits)

    def request_of(self, i: int) -> Optional[int]:
        """The number of the request that response ``i`` answers, or None."""
        n = ctypes.c_uint32()
        return n.value if lib.uclog_index_request_of(byref(n), self._ptr, i) else None

    def responses(self, i: int) -> List[int]:
        """The numbers of the responses to request ``i``, in log order."""
        p, n = self._ptr, ctypes.c_uint32()
        out = []
        for k in range(lib.uclog_index_response_count(p, i)):
            lib.uclog_index_response(byref(n), p, i, k)
            out.append(n.value)
        return out

    def final_response(self, i: int) -> Optional[int]:
        """The number of the final response to request ``i``, or None."""
        n = ctypes.c_uint32()
        return n.value if lib.uclog_index_final_response(byref(n), self._ptr, i) else None

    def retransmission_of(self, i: int) -> Optional[int]:
        """The message that message ``i`` sends again (a request's first
        sending, or the first response like it), or None when it is new."""
        n = ctypes.c_uint32()
        return n.value if lib.uclog_index_message_retransmits(byref(n), self._ptr, i) else None

    def transaction_timing(self, i: int) -> Optional[Tuple[Optional[int], Optional[int]]]:
        """``(provisional_ms, final_ms)`` of the transaction of request ``i``:
        milliseconds from its first sending to its first 1xx and first final
        response, each None when not known; None when ``i`` is a response."""
        a, b = ctypes.c_int64(), ctypes.c_int64()
        if not lib.uclog_index_transaction_timing(byref(a), byref(b), self._ptr, i):
            return None
        return (None if a.value == NO_TIME else a.value, None if b.value == NO_TIME else b.value)

    def transaction_retransmissions(self, i: int) -> int:
        """How many messages of the transaction of request ``i`` are
        retransmissions (0 for a response)."""
        return lib.uclog_index_transaction_retransmissions(self._ptr, i)

    def calls(self) -> Dict[str, List[int]]:
        """``{Call-ID: [message numbers]}``, in order of first appearance."""
        p, s, n = self._ptr, Str(), ctypes.c_uint32()
        out = {}
        for c in range(lib.uclog_index_call_count(p)):
            lib.uclog_index_call_id(byref(s), p, c)
            msgs = []
            for k in range(lib.uclog_index_call_message_count(p, c)):
                lib.uclog_index_call_message(byref(n), p, c, k)
                msgs.append(n.value)
            out[text(s)] = msgs
        return out

    def find_call(self, call_id: Union[str, bytes]) -> Optional[List[int]]:
        """The message numbers of the call with this Call-ID, or None."""
        p, b = self._ptr, as_bytes(call_id)
        c, n = ctypes.c_uint32(), ctypes.c_uint32()
        if not lib.uclog_index_call_find(byref(c), p, b, len(b)):
            return None
        out = []
        for k in range(lib.uclog_index_call_message_count(p, c.value)):
            lib.uclog_index_call_message(byref(n), p, c.value, k)
            out.append(n.value)
        return out


# ---------------------------------------------------------------------------
# Opening

def _path(p):
    return os.fsencode(p)


def open(paths: Paths, limits: Limits = None,  # noqa: A001 (the module's verb)
         log_fn: LogFn = None, data: Optional[Data] = None) -> Log:
    """Open a log file, or a rotated set of files read as one log in time
    order. ``paths``: a path, or a list of paths. ``limits``: a dict of
    :data:`uclog.LIMITS` names to values. ``log_fn(level, message)``
    receives the library's diagnostic messages. ``data``: the bytes of the
    one member of the set named ``"-"`` (standard input, read whole), which
    is then not opened as a file (``uclog_log_open_files_buffer()``). Raises
    :class:`uclog.Error` (UCLOG_E_IO naming the file, …); for a file that
    cannot be opened, the error is also the matching OSError subclass
    (FileNotFoundError, PermissionError, IsADirectoryError) with ``errno``
    and ``filename``; ValueError when ``data`` is given and ``"-"`` is not
    in ``paths`` exactly once."""
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths] if data is not None else paths
    try:
        return _open(paths, limits, log_fn, data)
    except Error as e:
        if e.code != _clib.E_IO:
            raise
        raise _os_error(e, paths) from None


def _os_error(err, paths):
    """An E_IO from opening: the OSError subclass opening the file here gives
    (the library's message names the file; its errno is not in the ABI)."""
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    for p in paths:
        if _path(p) == b"-":
            continue
        try:
            if os.path.isdir(p):
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
            with builtins.open(p, "rb"):
                pass
        except OSError as oe:
            if oe.errno is not None:
                return _clib.as_os_error(err, oe.errno, os.fsdecode(_path(p)))
    return err


def _open(paths, limits, log_fn, data):
    if isinstance(paths, (str, bytes, os.PathLike)):
        return Log(lib.uclog_log_open_file, _path(paths), limits=limits, log_fn=log_fn)
    encoded = [_path(p) for p in paths]
    arr = (ctypes.c_char_p * max(len(encoded), 1))(*encoded)
    if data is None:
        return Log(lib.uclog_log_open_files, arr, len(encoded), limits=limits, keep=arr,
                   log_fn=log_fn)
    if encoded.count(b"-") != 1:
        raise ValueError("data needs \"-\" once among the paths")
    data = as_bytes(data)
    return Log(lib.uclog_log_open_files_buffer, arr, len(encoded), encoded.index(b"-"), data, len(data),
               limits=limits, keep=(arr, data), log_fn=log_fn)


def open_buffer(data: Data, name: Optional[str] = None, limits: Limits = None,
                log_fn: LogFn = None) -> Log:
    """A log over bytes (copied once into the Log, which keeps them)."""
    data = as_bytes(data)
    return Log(lib.uclog_log_open_buffer, data, len(data),
               name.encode() if name is not None else None, limits=limits, keep=data,
               log_fn=log_fn)


def open_stream(fileobj: BinaryIO, name: Optional[str] = None, limits: Limits = None,
                log_fn: LogFn = None) -> Log:
    """A log read from a binary file object (``sys.stdin.buffer``, a socket
    file, …) in constant memory. It can be iterated once; a UTF-16 stream
    is refused (UCLOG_E_ENCODING). An exception raised by ``fileobj`` ends
    the iteration and is raised again from the generator."""
    holder: Dict[str, Log] = {}

    def read(userdata, buf, cap):
        try:
            view = (ctypes.c_char * cap).from_address(buf)
            if hasattr(fileobj, "readinto"):
                n = fileobj.readinto(memoryview(view).cast("B"))
                return n or 0
            data = as_bytes(fileobj.read(cap))
            ctypes.memmove(buf, data, len(data))
            return len(data)
        except BaseException as e:  # noqa: BLE001 (handed back to Python below)
            holder["log"].read_error = e
            return -1

    cb = _clib.ReadFn(read)
    log = Log(lib.uclog_log_open_reader, cb, None, name.encode() if name is not None else None,
              limits=limits, keep=cb, log_fn=log_fn)
    holder["log"] = log
    return log


class FollowedLog(Log):
    """A log file read as the client writes it (:func:`uclog.open_follow`):
    its generators yield what the file holds, then wait for more, and end
    after :meth:`stop`."""

    def stop(self) -> None:
        """End the log: what the file holds now is read, then the generators
        end. Call it from another thread (the one iterating waits inside the
        library, where a Python signal handler does not run)."""
        if self._follow:
            lib.uclog_follow_stop(self._follow)

    @property
    def watching(self) -> bool:
        """True when the wait is on inotify, False when the file is polled."""
        return bool(self._follow) and lib.uclog_follow_watching(self._follow) == 1


def open_follow(path: str | os.PathLike[str], poll: bool = False, flush_ms: int = 0, poll_ms: int = 0,
                limits: Limits = None, log_fn: LogFn = None) -> FollowedLog:
    """Follow a log file as the client writes it, like ``tail -F``: read from
    its start, then what is appended, on through a rotation (the file renamed
    to -1, a new -0) and a truncation, which ``log_fn`` is told of (level 3,
    info). A record comes out when the next one starts, or when nothing new
    has come for ``flush_ms`` (default 500) and its last line is whole.
    ``poll`` looks at the file every ``poll_ms`` instead of waiting on
    inotify. Iterate it once; end it with :meth:`FollowedLog.stop`."""
    name = os.fsencode(path)
    made = []

    def open_live(out, ctx):
        f = _clib.FollowP()
        lib.uclog_follow_new(byref(f), ctx, name, _clib.FOLLOW_POLL if poll else 0)
        made.append(f)
        lib.uclog_follow_set_times(f, flush_ms, poll_ms)
        lib.uclog_log_open_live(out, ctx, _READ_FOLLOW, ctypes.cast(f, ctypes.c_void_p), name)

    try:
        log = FollowedLog(open_live, limits=limits, log_fn=log_fn)
    except BaseException:
        for f in made:
            lib.uclog_follow_free(f)
        raise
    log._follow = made[0]
    return log


# The library's own reader over a follower, handed to uclog_log_open_live() as it is.
_READ_FOLLOW = ctypes.cast(lib.uclog_follow_read, _clib.ReadFn)
