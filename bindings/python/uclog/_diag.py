"""The diagnostics library (libuclog-diag.so.1, include/uclog/diag.h).

:func:`diagnose` runs the procedure "Troubleshooting External Audio/Video
Call Failures" over a log set; its :class:`Report` reads the C report as it
is asked (a verdict is made into Python values when first accessed).
:meth:`Report.to_dict` is the JSON object ``uclog-diagnose --json`` writes,
:meth:`Report.text` the text report it prints (without colour), written by
the C library.
"""

from __future__ import annotations

import ctypes
import datetime
import os
from collections.abc import Sequence
from ctypes import c_void_p, cast
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Tuple

from . import _clib
from ._common import Addresses, Limits, Owned, Paths, Span, byref, cstr, span, timestamp

if TYPE_CHECKING:
    from ._log import Log

LOCATIONS = {"unknown": 0, "remote": 1, "internal": 2}
DIRECTIONS = {0: "unknown", 1: "outgoing", 2: "incoming"}
SEVERITIES = ("ok", "info", "warning", "failure")
WIDTH = 80


def _lib():
    lib = _clib.load_diag()
    if lib is None:
        raise NotImplementedError(
            "uclog.diagnose needs libuclog-diag.so.1 (set UCLOG_DIAG_LIBRARY to use one from "
            "a build tree)")
    return lib


def available():
    """Whether libuclog-diag.so.1 could be loaded."""
    return _clib.load_diag() is not None


#: The shape of :meth:`Report.to_dict`, doc/uclog-diagnose.schema.json (its
#: ``$id``), and its version: MAJOR.MINOR, the minor number grows when fields
#: are added, the major one when a field changes meaning or goes.
JSON_SCHEMA_ID = "urn:uclog:uclog-diagnose.schema.json"
JSON_SCHEMA_VERSION = "1.0"


@dataclass(frozen=True)
class Evidence:
    """What a verdict rests on: where (file, line, byte offset), when, in
    which call (Call-ID), and what was seen (``detail``)."""
    file: Optional[str]
    span: Optional[Span]
    time: Optional[datetime.datetime]
    call_id: Optional[str]
    detail: str
    #: the diagnostics header the item cites: its ErrorId, header name and
    #: meaning from the registry (None when it cites none, or the registry
    #: does not hold the code)
    ms_code: Optional[int] = None
    ms_kind: Optional[str] = None
    ms_meaning: Optional[str] = None
    #: what the item names, when it is a thing with fields ("relay",
    #: "candidate", "ms_diagnostics"; None otherwise), and its fields as
    #: (name, value) pairs, a value str or int (uclog_diag_evidence_field())
    subject: Optional[str] = None
    fields: Tuple[Tuple[str, object], ...] = ()

    @property
    def line(self) -> Optional[int]:
        return self.span.line if self.span is not None else None

    @property
    def offset(self) -> Optional[int]:
        return self.span.offset if self.span is not None else None

    def to_dict(self) -> Dict[str, Any]:
        t = None
        if self.time is not None:
            t = "%04d-%02d-%02dT%02d:%02d:%02d.%03d" % (
                self.time.year, self.time.month, self.time.day, self.time.hour,
                self.time.minute, self.time.second, self.time.microsecond // 1000)
        d: Dict[str, Any] = {"file": self.file, "line": self.line, "offset": self.offset, "time": t,
             "call_id": self.call_id, "detail": self.detail}
        if self.ms_code is not None:
            d.update(ms_code=self.ms_code, ms_kind=self.ms_kind, ms_meaning=self.ms_meaning)
        if self.subject is not None:
            d[self.subject] = dict(self.fields)
        return d


@dataclass(frozen=True)
class Verdict:
    """One step's outcome. ``call`` is the index of the call attempt, or -1
    for a log-wide verdict; ``reason`` says what an inferred verdict was
    inferred from."""
    code: int
    name: str
    severity: str
    certainty: str
    reason: Optional[str]
    step: str
    summary: str
    call_id: Optional[str]
    call: int
    evidence: Tuple[Evidence, ...]
    checklist: Tuple[str, ...]

    def to_dict(self) -> Dict[str, Any]:
        return {"code": self.code, "name": self.name, "severity": self.severity,
                "certainty": self.certainty, "reason": self.reason, "step": self.step,
                "summary": self.summary, "call_id": self.call_id,
                "evidence": [e.to_dict() for e in self.evidence],
                "checklist": list(self.checklist)}


@dataclass(frozen=True)
class Call:
    call_id: Optional[str]
    direction: str
    peer: Optional[str]
    # "whole", or why the streaming diagnosis judged it before its end: "calls", "messages", "bytes"
    cut: str = "whole"
    # how it ended: "established", "refused", "cancelled", "media-failed", "unknown" (since 1.3)
    outcome: str = "unknown"
    # when the INVITE that began it was logged (None: its record has no time)
    start: Optional[datetime.datetime] = None
    # the index in Report.verdicts of its worst verdict (None: it has none)
    worst: Optional[int] = None


class _Held:
    """A C report and the context it was allocated from, which stays open while the report
    lives (a :class:`uclog.Log` closed before its report leaves the freeing to the report).
    An owned report is freed once: by :meth:`close`, or when the last Python object reading
    it goes. A part of a streaming diagnosis is lent for its callback only (``ctx`` None)."""

    __slots__ = ("ptr", "_lib", "_ctx")

    def __init__(self, lib, ptr, ctx):
        self.ptr, self._lib, self._ctx = ptr, lib, ctx
        if ctx is not None:
            ctx.pin()

    def close(self):
        if self.ptr:
            p, self.ptr = self.ptr, _clib.DiagReportP()
            if self._ctx is not None:
                self._lib.uclog_diag_report_free(p)
                self._ctx.unpin()

    def __del__(self):
        self.close()


class _Lazy(Sequence):
    """A tuple-like sequence whose items are made on first access (``make(i)``), each once;
    equal to a tuple or sequence of equal items. ``_fill`` makes the rest and lets the maker
    go (a part of a streaming diagnosis, once its callback returns)."""

    __slots__ = ("_items", "_make")

    def __init__(self, n, make):
        self._items = [_UNMADE] * n
        self._make = make

    def __len__(self):
        return len(self._items)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return tuple(self[k] for k in range(*i.indices(len(self._items))))
        item = self._items[i]
        if item is _UNMADE:
            if i < 0:
                i += len(self._items)
            item = self._items[i] = self._make(i)
        return item

    def __iter__(self):
        for i in range(len(self._items)):
            yield self[i]

    def _fill(self):
        for i in range(len(self._items)):
            self[i]
        self._make = None

    def __eq__(self, other):
        if isinstance(other, (tuple, list, _Lazy)):
            return len(self) == len(other) and tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self):
        return hash(tuple(self))

    def __repr__(self):
        return repr(tuple(self))


_UNMADE = object()

#: The fields of a :class:`Report`, in the order of its constructor, with the defaults of the last two.
_REPORT_FIELDS = ("files", "client_uri", "client_user_agent", "client_version", "client_location",
                  "client_location_reason", "calls", "verdicts", "worst_severity", "unusable_count",
                  "unusable")


class Report:
    """What the diagnosis found: the log's files, the client, the call attempts and the
    verdicts. A report of :func:`diagnose` reads the library's report as it is asked: a
    :class:`Verdict` (with its :class:`Evidence`) or a :class:`Call` is made when first
    accessed, and the library's report is freed when the last object reading it goes.
    ``calls`` and ``verdicts`` are tuple-like sequences (equal to tuples of equal items).
    Immutable; equal to a report of the same values."""

    __slots__ = ("_v", "_held", "__weakref__")

    _v: Dict[str, Any]
    _held: Optional[_Held]

    def __init__(self, files: Sequence[str], client_uri: Optional[str], client_user_agent: Optional[str],
                 client_version: Optional[str], client_location: str, client_location_reason: str,
                 calls: Sequence[Call], verdicts: Sequence[Verdict], worst_severity: str,
                 unusable_count: int = 0, unusable: Sequence[Tuple[str, int, int]] = ()) -> None:
        values = locals()
        object.__setattr__(self, "_v", {k: values[k] for k in _REPORT_FIELDS})
        object.__setattr__(self, "_held", None)

    @classmethod
    def _read(cls, held):
        """A report reading the library's report ``held`` as it is asked."""
        self = object.__new__(cls)
        object.__setattr__(self, "_v", {})
        object.__setattr__(self, "_held", held)
        return self

    def __setattr__(self, name, value):
        raise AttributeError("a Report cannot be changed")

    def _get(self, name):
        v = self._v
        if name not in v:
            v[name] = getattr(self, "_read_" + name)(_lib(), self._held.ptr)
        return v[name]

    def _detach(self):
        """Read everything, then forget the library's report (a part, freed when its callback
        returns)."""
        for name in _REPORT_FIELDS:
            value = self._get(name)
            if isinstance(value, _Lazy):
                value._fill()
        self._held.close()
        object.__setattr__(self, "_held", None)

    # -- reading the library's report --

    @staticmethod
    def _read_files(lib, r):
        return tuple(_s(lib.uclog_diag_report_file_name(r, i)) for i in range(lib.uclog_diag_report_file_count(r)))

    @staticmethod
    def _read_client_uri(lib, r):
        return _s(lib.uclog_diag_report_client_uri(r))

    @staticmethod
    def _read_client_user_agent(lib, r):
        return _s(lib.uclog_diag_report_client_user_agent(r))

    @staticmethod
    def _read_client_version(lib, r):
        return _s(lib.uclog_diag_report_client_version(r))

    @staticmethod
    def _read_client_location(lib, r):
        return _s(lib.uclog_diag_location_name(lib.uclog_diag_report_client_location(r)))

    @staticmethod
    def _read_client_location_reason(lib, r):
        return _s(lib.uclog_diag_report_client_location_reason(r))

    @staticmethod
    def _read_worst_severity(lib, r):
        return _s(lib.uclog_diag_severity_name(lib.uclog_diag_report_worst_severity(r)))

    @staticmethod
    def _read_unusable_count(lib, r):
        return lib.uclog_diag_report_unusable_count(r)

    @staticmethod
    def _read_unusable(lib, r):
        out, sp, i = [], _clib.Span(), 0
        while lib.uclog_diag_report_unusable_span(byref(sp), r, i) == 0:
            out.append((_s(lib.uclog_diag_report_file_name(r, sp.file)), sp.line, sp.offset))
            i += 1
        return tuple(out)

    def _read_verdicts(self, lib, r):
        held = self._held  # the maker keeps the library's report alive while items are left to make
        return _Lazy(lib.uclog_diag_report_verdict_count(r),
                     lambda i: _copy_verdict(lib, lib.uclog_diag_report_verdict(held.ptr, i)))

    def _read_calls(self, lib, r):
        held, at = self._held, []  # no reference to the report: it is freed when its last reader goes

        def make(i):
            p = held.ptr
            if not at:  # a call's worst verdict, by its index in verdicts
                at.append({_address(lib.uclog_diag_report_verdict(p, k)): k
                           for k in range(lib.uclog_diag_report_verdict_count(p))})
            return _frozen(Call, call_id=_s(lib.uclog_diag_report_call_id(p, i)),
                           direction=DIRECTIONS.get(lib.uclog_diag_report_call_direction(p, i), "unknown"),
                           peer=_s(lib.uclog_diag_report_call_peer(p, i)),
                           cut=_s(lib.uclog_diag_call_cut_name(lib.uclog_diag_report_call_cut(p, i))),
                           outcome=_s(lib.uclog_diag_call_outcome_name(lib.uclog_diag_report_call_outcome(p, i))),
                           start=_call_start(lib, p, i),
                           worst=at[0].get(_address(lib.uclog_diag_report_call_worst_verdict(p, i))))
        return _Lazy(lib.uclog_diag_report_call_count(r), make)

    # -- the fields --

    @property
    def files(self) -> Tuple[str, ...]:
        return self._get("files")

    @property
    def client_uri(self) -> Optional[str]:
        return self._get("client_uri")

    @property
    def client_user_agent(self) -> Optional[str]:
        return self._get("client_user_agent")

    @property
    def client_version(self) -> Optional[str]:
        return self._get("client_version")

    @property
    def client_location(self) -> str:
        """"unknown", "remote" or "internal"."""
        return self._get("client_location")

    @property
    def client_location_reason(self) -> str:
        return self._get("client_location_reason")

    @property
    def calls(self) -> Sequence[Call]:
        """The call attempts, in the order they began (a part: its one call)."""
        return self._get("calls")

    @property
    def verdicts(self) -> Sequence[Verdict]:
        return self._get("verdicts")

    @property
    def worst_severity(self) -> str:
        return self._get("worst_severity")

    @property
    def unusable_count(self) -> int:
        """Packets that yielded no SIP message."""
        return self._get("unusable_count")

    @property
    def unusable(self) -> Tuple[Tuple[str, int, int], ...]:
        """(file, line, offset) of the first 64 of them."""
        return self._get("unusable")

    # -- the dataclass-like surface --

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, k) == getattr(other, k) for k in _REPORT_FIELDS)

    def __hash__(self):
        return hash(tuple(getattr(self, k) for k in _REPORT_FIELDS))

    def __repr__(self):
        return "Report(%s)" % ", ".join("%s=%r" % (k, getattr(self, k)) for k in _REPORT_FIELDS)

    def __reduce__(self):
        """Pickled, copied: as a Report made in Python of the same values."""
        return (Report, tuple(tuple(v) if isinstance(v, _Lazy) else v
                              for v in (getattr(self, k) for k in _REPORT_FIELDS)))

    # -- what is read from it --

    @property
    def codes(self) -> List[int]:
        if self._held is not None and "verdicts" not in self._v:
            lib, r = _lib(), self._held.ptr
            return [lib.uclog_diag_verdict_code(lib.uclog_diag_report_verdict(r, i))
                    for i in range(lib.uclog_diag_report_verdict_count(r))]
        return [v.code for v in self.verdicts]

    @property
    def failed(self) -> bool:
        return self.worst_severity == "failure"

    def worst_verdict(self, call: int) -> Optional[Verdict]:
        """The worst verdict of call attempt ``call`` (the first of the highest severity), or None."""
        w = self.calls[call].worst
        return None if w is None else self.verdicts[w]

    def call_shown(self, call: int, call_ids: Sequence[str] = (), failures: bool = False) -> bool:
        """Whether call attempt ``call`` is chosen by ``call_ids`` (its Call-ID is one of them or
        starts with one; empty: every call) and ``failures`` (only a call with a warning or
        failure verdict), as ``uclog-diagnose --call-id ID... --failures``."""
        c = self.calls[call]
        if call_ids and (c.call_id is None or not any(c.call_id.startswith(i) for i in call_ids)):
            return False
        w = self.worst_verdict(call)
        return not failures or (w is not None and SEVERITIES.index(w.severity) >= 2)

    def verdict_shown(self, v: Verdict, call_ids: Sequence[str] = (),
                      failures: bool = False) -> bool:
        """A log-wide verdict is always shown; a call's, when its call is."""
        return v.call < 0 or self.call_shown(v.call, call_ids, failures)

    def unmatched_call_ids(self, call_ids: Sequence[str]) -> List[str]:
        """The values of ``call_ids`` no call attempt's Call-ID is or starts with."""
        return [i for i in call_ids if not any(c.call_id is not None and c.call_id.startswith(i)
                                                 for c in self.calls)]

    def shown_worst_severity(self, call_ids: Sequence[str] = (), failures: bool = False) -> str:
        """The worst severity of the verdicts shown ("ok" when none): what the exit status says."""
        if not call_ids and not failures and self._held is not None:
            return self.worst_severity  # the library's: the worst of all verdicts
        return max((v.severity for v in self.verdicts if self.verdict_shown(v, call_ids, failures)),
                   key=SEVERITIES.index, default="ok")

    def to_dict(self, call_ids: Sequence[str] = (), failures: bool = False) -> Dict[str, Any]:
        """The report as ``uclog-diagnose --json`` writes it (with ``--call-id`` and ``--failures``:
        the calls and verdicts they choose)."""
        shown = [self.call_shown(i, call_ids, failures) for i in range(len(self.calls))]
        return {
            "schema": JSON_SCHEMA_ID,
            "schema_version": JSON_SCHEMA_VERSION,
            "files": list(self.files),
            "client": {"uri": self.client_uri, "user_agent": self.client_user_agent,
                       "version": self.client_version, "location": self.client_location,
                       "location_reason": self.client_location_reason},
            "calls": [{"call_id": c.call_id, "direction": c.direction, "peer": c.peer, "cut": c.cut}
                      for c, s in zip(self.calls, shown) if s],
            "unusable_packets": {"count": self.unusable_count,
                                 "first": [{"file": f, "line": ln, "offset": off}
                                           for f, ln, off in self.unusable]},
            "verdicts": [v.to_dict() for v in self.verdicts if v.call < 0 or shown[v.call]],
        }

    def text(self, width: Optional[int] = WIDTH, call_ids: Sequence[str] = (), failures: bool = False) -> str:
        """The text report, as ``uclog-diagnose`` prints it (no colour), wrapped at ``width``
        columns (as on a terminal that wide), or not wrapped when ``width`` is None (as into a
        pipe or a file). ``call_ids`` and ``failures`` choose calls as :meth:`call_shown`. A
        checklist of a code given more than once is printed once, at the end, with its calls.
        The library writes it (uclog_diag_text_report()), from the report it made: a report of
        :func:`diagnose` or :func:`diagnose_log`, or a part of :func:`diagnose_log_parts` while
        its callback runs (:class:`ReportText` writes the parts as one text); ValueError
        otherwise."""
        from ._text import ReportText
        with ReportText(width, call_ids, failures) as t:
            return t.report(self)

    def _report_ptr(self):
        """The library's report, for the renderer; ValueError when this report has none."""
        if self._held is None or not self._held.ptr:
            raise ValueError("this Report holds no library report (a part of a streaming diagnosis "
                             "after its callback, or a Report made in Python): its text cannot be written")
        return self._held.ptr




def _s(b):
    return cstr(b) if b is not None else None


def _frozen(cls, **values):
    """An instance of the frozen dataclass ``cls`` made without its
    ``__init__`` (which sets each field through object.__setattr__): the
    copy of a large report makes tens of thousands. Fields left out take
    their class defaults."""
    obj = object.__new__(cls)
    obj.__dict__.update(values)
    return obj


_string_at = ctypes.string_at


def _evidence_fields(info):
    """The (name, value) pairs of uclog_diag_evidence_info's field block,
    decoded at once (a NUL is never part of a replaced sequence)."""
    if not info.field_count:
        return ()
    parts = _string_at(info.fields, info.fields_length).decode("utf-8", "replace").split("\0")
    return tuple([(parts[i], int(parts[i + 1][1:]) if parts[i + 1][:1] == "n" else parts[i + 1][1:])
                  for i in range(0, len(parts) - 1, 2)])


def _copy_evidence(lib, e, info=None):
    info = info if info is not None else _clib.DiagEvidenceInfo()
    lib.uclog_diag_evidence_info_get(byref(info), e, ctypes.sizeof(info))
    ms = {}
    if info.ms_kind:
        entry = _lookup(lib, info.ms_kind, info.ms_code)
        ms = dict(ms_code=info.ms_code, ms_kind=_s(lib.uclog_diag_ms_kind_name(info.ms_kind)),
                  ms_meaning=entry.meaning if entry else None)
    f = _s(info.file)
    return _frozen(Evidence, file=f, span=span(info.span) if f is not None else None,
                   time=timestamp(info.time) if info.has_time else None,
                   call_id=_s(info.call_id), detail=_s(info.detail), subject=_s(info.subject),
                   fields=_evidence_fields(info), **ms)


def _copy_verdict(lib, v):
    info = _clib.DiagEvidenceInfo()
    ev = tuple(_copy_evidence(lib, lib.uclog_diag_verdict_evidence(v, i), info)
               for i in range(lib.uclog_diag_verdict_evidence_count(v)))
    cl = tuple(_s(lib.uclog_diag_verdict_checklist(v, i))
               for i in range(lib.uclog_diag_verdict_checklist_count(v)))
    return Verdict(
        code=lib.uclog_diag_verdict_code(v), name=_s(lib.uclog_diag_verdict_name(v)),
        severity=_s(lib.uclog_diag_severity_name(lib.uclog_diag_verdict_severity(v))),
        certainty=_s(lib.uclog_diag_certainty_name(lib.uclog_diag_verdict_certainty(v))),
        reason=_s(lib.uclog_diag_verdict_reason(v)), step=_s(lib.uclog_diag_verdict_step(v)),
        summary=_s(lib.uclog_diag_verdict_summary(v)),
        call_id=_s(lib.uclog_diag_verdict_call_id(v)), call=lib.uclog_diag_verdict_call(v),
        evidence=ev, checklist=cl)


def _address(p):
    return cast(p, c_void_p).value


def _call_start(lib, r, i):
    ts = _clib.Timestamp()
    return timestamp(ts) if lib.uclog_diag_report_call_start(byref(ts), r, i) else None


def _as_list(v):
    if v is None:
        return []
    if isinstance(v, (str, bytes)):
        return [v]
    return list(v)


class _Options:
    """uclog_diag_options made from keyword arguments, freed on exit."""

    def __init__(self, log, edge_ip, edge_nat_ip, edge_private_ip, location, window_bytes=None):
        self._log, self._args = log, (edge_ip, edge_nat_ip, edge_private_ip, location)
        self._window_bytes = window_bytes

    def __enter__(self):
        lib = _lib()
        edge_ip, edge_nat_ip, edge_private_ip, location = self._args
        opts = _clib.DiagOptionsP()
        lib.uclog_diag_options_new(byref(opts), self._log._ctx.ptr)
        self._owned = Owned(opts, lib.uclog_diag_options_free)
        o = self._owned.__enter__()
        try:
            for ip in _as_list(edge_ip):
                lib.uclog_diag_options_add_edge_ip(o, ip.encode())
            if edge_nat_ip:
                lib.uclog_diag_options_set_edge_nat_ip(o, edge_nat_ip.encode())
            for ip in _as_list(edge_private_ip):
                lib.uclog_diag_options_add_edge_private_ip(o, ip.encode())
            if location is not None:
                if location not in LOCATIONS:
                    raise ValueError("location must be one of %s" % ", ".join(LOCATIONS))
                lib.uclog_diag_options_set_client_location(o, LOCATIONS[location])
            if self._window_bytes is not None:
                lib.uclog_diag_options_set_window_bytes(o, self._window_bytes)
        except _clib.Error as e:
            self._owned.__exit__(None, None, None)
            raise e.attach_context(self._log._ctx.ptr)
        except BaseException:
            self._owned.__exit__(None, None, None)
            raise
        return o

    def __exit__(self, *exc):
        return self._owned.__exit__(*exc)


def diagnose_log_parts(log: Log, callback: Callable[[Report], Any], edge_ip: Addresses = (),
                       edge_nat_ip: Optional[str] = None, edge_private_ip: Addresses = (),
                       location: Optional[str] = None, window_bytes: Optional[int] = None) -> int:
    """Diagnose an open :class:`uclog.Log` (a stream too) in one pass, in
    memory that does not grow with the log: ``callback(part)`` gets a
    :class:`Report` per call attempt, in the order the calls end, then one
    with the log-wide verdicts (uclog_diag_run_parts() says how the parts
    differ from :func:`diagnose_log`). A callback that returns a true value
    stops the diagnosis; one that raises stops it and the exception goes
    on. ``window_bytes``: the budget for the calls in progress (64 MiB by
    default); a call judged early by a limit says so in ``Call.cut``.
    A part is read whole before the callback returns (the library frees it
    then): its values stay, its text is written during the callback only
    (:meth:`ReportText.part`; ``part.text()`` afterwards raises ValueError).
    Returns the number of parts handed over."""
    lib = _lib()
    state: Dict[str, Any] = {"parts": 0, "error": None}

    def on_part(part, _userdata):
        report = Report._read(_Held(lib, part, None))
        try:
            state["parts"] += 1
            return 1 if callback(report) else 0
        except BaseException as e:  # raised again once the C side has returned
            state["error"] = e
            return 1
        finally:
            report._detach()  # the part is freed when this returns: what it holds is copied

    c_fn = _clib.DiagPartFn(on_part)
    with _Options(log, edge_ip, edge_nat_ip, edge_private_ip, location, window_bytes) as o:
        lib.uclog_diag_run_parts(log._check_open(), o, c_fn, None)
    if state["error"] is not None:
        raise state["error"]
    return state["parts"]


def diagnose_log(log: Log, edge_ip: Addresses = (), edge_nat_ip: Optional[str] = None,
                 edge_private_ip: Addresses = (), location: Optional[str] = None) -> Report:
    """Diagnose an open :class:`uclog.Log` (not a stream)."""
    lib = _lib()
    with _Options(log, edge_ip, edge_nat_ip, edge_private_ip, location) as o:
        rep = _clib.DiagReportP()
        lib.uclog_diag_run(byref(rep), log._check_open(), o)
        # allocated from the log's context: the report keeps it open (the log may close first)
        return Report._read(_Held(lib, rep, log._ctx))


def diagnose(paths: Paths, edge_ip: Addresses = (), edge_nat_ip: Optional[str] = None,
             edge_private_ip: Addresses = (), location: Optional[str] = None,
             limits: Limits = None) -> Report:
    """Walk the procedure "Troubleshooting External Audio/Video Call
    Failures" over a log set and return a :class:`Report`.

    ``paths``: a path or a list of paths (a rotated set, any order).
    ``edge_ip``: the A/V Edge's external address(es), a string or a list;
    ``edge_nat_ip``: the public address it is NAT'ed to;
    ``edge_private_ip``: its private address(es) behind NAT; ``location``:
    ``"remote"`` or ``"internal"`` to override what the log says. Without
    an Edge address the candidate verdicts are inferred, and say so.
    Raises :class:`uclog.Error` (an unreadable file, an option that is not
    an IP address) and NotImplementedError without libuclog-diag.
    """
    _lib()
    from ._log import open as open_log
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    with open_log(list(paths), limits=limits) as log:
        return diagnose_log(log, edge_ip, edge_nat_ip, edge_private_ip, location)


@dataclass(frozen=True)
class CodeInfo:
    """A verdict code as the registry describes it (doc/verdicts.md)."""
    code: int
    name: str
    severity: str
    step: str
    condition: str
    checklist: Tuple[str, ...]


def verdict_codes() -> List[CodeInfo]:
    """Every verdict code the library knows, in registry order."""
    lib = _lib()
    out = []
    c = lib.uclog_diag_code_next(0)
    while c:
        out.append(CodeInfo(
            c, _s(lib.uclog_diag_code_name(c)),
            _s(lib.uclog_diag_severity_name(lib.uclog_diag_code_severity(c))),
            _s(lib.uclog_diag_code_step(c)), _s(lib.uclog_diag_code_condition(c)),
            tuple(_s(lib.uclog_diag_code_checklist(c, i))
                  for i in range(lib.uclog_diag_code_checklist_count(c)))))
        c = lib.uclog_diag_code_next(c)
    return out


def icewarn_bits(value: int) -> List[Tuple[int, str]]:
    """The meanings of the bits set in an ICEWarn value (``0x40`` or 64)."""
    lib = _lib()
    if isinstance(value, str):
        value = int(value, 0)
    out = []
    for i in range(32):
        bit = 1 << i
        if value & bit:
            out.append((bit, _s(lib.uclog_diag_icewarn_bit(bit))))
    return out


def ms_diagnostics_range(error_id: int) -> Optional[str]:
    """The server component an ms-diagnostics id belongs to."""
    return _s(_lib().uclog_diag_ms_diagnostics_range(error_id))



def icewarn_bits_qoe(value: int) -> List[Tuple[int, str]]:
    """As :func:`icewarn_bits`, in the [MS-QoE] IceWarningFlags layout."""
    lib = _lib()
    if isinstance(value, str):
        value = int(value, 0)
    return [(1 << i, _s(lib.uclog_diag_icewarn_bit_qoe(1 << i))) for i in range(32) if value & (1 << i)]


#: The kinds of diagnostics header (enum uclog_sip_diag_kind).
MS_KINDS = {"ms-diagnostics": 1, "ms-diagnostics-public": 2, "ms-client-diagnostics": 3}


@dataclass(frozen=True)
class MsCode:
    """An entry of the registry of diagnostics codes (doc/ms-codes.md).
    ``kind`` is "ms-diagnostics" (the server ids, also those of
    ms-diagnostics-public) or "ms-client-diagnostics"; ``confidence`` is
    "spec", "field", "range" or "unverified"; a ``normal_end`` code means the
    call ended normally and is never made a failure."""
    code: int
    kind: str
    meaning: str
    component: str
    check: str
    source: str
    confidence: str
    normal_end: bool

    def text(self) -> str:
        """The entry as ``uclog-diagnose --explain`` prints it."""
        return ("%s %d\n  meaning:     %s\n  component:   %s\n  check:       %s\n"
                "  source:      %s (%s)\n  normal end:  %s\n"
                % (self.kind, self.code, self.meaning, self.component, self.check, self.source,
                   self.confidence, "yes, not a failure" if self.normal_end else "no"))


def _ms_code(lib, c):
    return MsCode(code=lib.uclog_diag_ms_code_id(c),
                  kind=_s(lib.uclog_diag_ms_kind_name(lib.uclog_diag_ms_code_kind(c))),
                  meaning=_s(lib.uclog_diag_ms_code_meaning(c)),
                  component=_s(lib.uclog_diag_ms_code_component(c)),
                  check=_s(lib.uclog_diag_ms_code_check(c)), source=_s(lib.uclog_diag_ms_code_source(c)),
                  confidence=_s(lib.uclog_diag_ms_code_confidence(c)),
                  normal_end=lib.uclog_diag_ms_code_normal_end(c) == 1)


def _lookup(lib, kind, code):
    c = _clib.DiagMsCodeP()
    if not 0 <= code <= 0xFFFFFFFF or not lib.uclog_diag_ms_code_lookup(byref(c), kind, code):
        return None
    return _ms_code(lib, c)


def explain_ms_code(code: int, kind: Optional[str] = None) -> Optional[MsCode]:
    """The registry entry of a diagnostics code, or None when the registry
    does not hold it (:func:`ms_diagnostics_range` still names its range).
    ``kind`` is a header name of :data:`MS_KINDS`; without it the server
    ids are looked at first, then the client ids."""
    lib = _lib()
    if kind is not None and kind not in MS_KINDS:
        raise ValueError("kind must be one of %s" % ", ".join(MS_KINDS))
    for k in [MS_KINDS[kind]] if kind else [1, 3]:
        entry = _lookup(lib, k, int(code))
        if entry:
            return entry
    return None


def ms_codes() -> List[MsCode]:
    """Every entry of the registry: the server ids, then the client ids."""
    lib = _lib()
    out, c = [], lib.uclog_diag_ms_code_next(None)
    while c:
        out.append(_ms_code(lib, c))
        c = lib.uclog_diag_ms_code_next(c)
    return out
