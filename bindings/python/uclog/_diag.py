"""The diagnostics library (libuclog-diag.so.1, include/uclog/diag.h).

:func:`diagnose` runs the procedure "Troubleshooting External Audio/Video
Call Failures" over a log set and copies the C report into Python values.
:meth:`Report.to_dict` is the JSON object ``uclog-diagnose --json`` writes,
:meth:`Report.text` the text report it prints (without colour).
"""

from __future__ import annotations

import ctypes
import datetime
import os
import re
from ctypes import c_void_p, cast
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Sequence, Tuple

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


@dataclass(frozen=True)
class Report:
    files: Tuple[str, ...]
    client_uri: Optional[str]
    client_user_agent: Optional[str]
    client_version: Optional[str]
    client_location: str
    client_location_reason: str
    calls: Tuple[Call, ...]
    verdicts: Tuple[Verdict, ...]
    worst_severity: str
    # packets that yielded no SIP message: how many, and (file, line, offset) of the first 64
    unusable_count: int = 0
    unusable: Tuple[Tuple[str, int, int], ...] = ()

    @property
    def codes(self) -> List[int]:
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

    def text(self, width: int = WIDTH, call_ids: Sequence[str] = (), failures: bool = False) -> str:
        """The text report, as ``uclog-diagnose`` prints it (no colour), wrapped at ``width``
        columns (as on a terminal that wide), or not wrapped when ``width`` is None (as into a
        pipe or a file). ``call_ids`` and ``failures`` choose calls as :meth:`call_shown`. A
        checklist of a code given more than once is printed once, at the end, with its calls."""
        shown = [self.call_shown(i, call_ids, failures) for i in range(len(self.calls))]
        uses: Dict[int, Any] = {}
        for v in self.verdicts:
            if v.call < 0 or shown[v.call]:
                uses[v.code] = uses.get(v.code, 0) + 1
        parts = [self._files_text(),
                 self._client_text(len(self.calls), width, _filter_note(call_ids, failures, sum(shown))),
                 self._verdicts_text(0, width, shown, _WholeRefs(uses)),
                 self._shared_checklists_text(width, shown, uses)]
        return "\n".join(p for p in parts if p) + "\n"

    def _shared_checklists_text(self, width, shown, uses):
        out = []
        for code in sorted(c for c, n in uses.items() if n >= 2):
            vs = [v for v in self.verdicts if v.code == code and (v.call < 0 or shown[v.call])]
            if not vs or not vs[0].checklist:
                continue
            worst = max((v.severity for v in vs), key=SEVERITIES.index)
            if not out:
                out.append("\nChecklists of the verdicts given more than once")
            out.append("\n[%s] %d %s, given %d times:" % (worst, code, vs[0].name, len(vs)))
            last = -2
            for v in vs:
                if v.call == last:
                    continue
                last = v.call
                if v.call < 0:
                    out.append("  Sign-in and log")
                else:
                    c = self.calls[v.call]
                    out.append("  Call %d  %s  %s" % (v.call + 1, _start_text(c.start), _safe(c.call_id or "")))
            out.append(_checklist_text(vs[0], "Check" if SEVERITIES.index(worst) >= 2 else "Next", width))
        return "\n".join(out)

    def _files_text(self):
        return "\n".join("Log: %s" % _safe(f) for f in self.files)

    def _client_text(self, calls, width=WIDTH, filter_note=None):
        out = ["Client: %s" % _safe(self.client_uri or "(unknown)")]
        if self.client_user_agent:
            out.append(_wrap("  Agent: ", 9, self.client_user_agent, width))
        out.append(_wrap("  Location: %s " % self.client_location, 4,
                         "(%s)" % self.client_location_reason, width))
        out.append("Calls: %d" % calls)
        if filter_note:
            out.append(filter_note)
        if self.unusable_count:
            out.append("Unreadable packets: %d (no SIP message could be read from them)" % self.unusable_count)
            out += ["  %s:%d" % (os.path.basename(f), ln) for f, ln, _ in self.unusable[:5]]
            if self.unusable_count > 5:
                out.append("  ... and %d more (uclog-dump lists them all)" % (self.unusable_count - 5))
        return "\n".join(out)

    def _verdicts_text(self, first, width=WIDTH, shown=None, refs=None):
        """The verdicts under their headings, calls numbered from ``first`` + 1; only those of
        the calls ``shown`` says (None: all); ``refs`` says where a checklist printed once is."""
        out, last = [], -2
        for v in self.verdicts:
            if shown is not None and v.call >= 0 and not shown[v.call]:
                continue
            if v.call != last:
                if v.call < 0:
                    out.append("\nSign-in and log")
                else:
                    c = self.calls[v.call]
                    to = ("from " if c.direction == "incoming" else "to ") if c.peer else ""
                    direction = "direction unknown" if c.direction == "unknown" else c.direction
                    out.append("\nCall %d: %s %s%s\n  Call-ID: %s"
                               % (first + v.call + 1, direction, to, _safe(c.peer or ""), _safe(c.call_id)))
                    if c.cut != "whole":
                        out.append("  Judged before its end: " + _CUT_TEXT.get(c.cut, c.cut))
                last = v.call
            out.append(_verdict_text(v, width, refs.ref(v, first + v.call + 1) if refs else None))
        return "\n".join(out)


def _filter_note(call_ids, failures, shown):
    if not call_ids and not failures:
        return None
    return "Shown: %d of them (%s)" % (shown, ", ".join(
        o for o, on in (("--call-id", call_ids), ("--failures", failures)) if on))


def _start_text(t):
    """As uclog-diagnose: "2008-11-21 23:40:00.100", or "-"."""
    if t is None:
        return "-"
    return "%04d-%02d-%02d %02d:%02d:%02d.%03d" % (t.year, t.month, t.day, t.hour, t.minute, t.second,
                                                    t.microsecond // 1000)


class _WholeRefs:
    """A whole report: a checklist of a code given more than once is printed at the end."""

    def __init__(self, uses):
        self.uses = uses

    def ref(self, v, number):
        if self.uses.get(v.code, 0) < 2:
            return None
        return "listed once at the end, under %d %s" % (v.code, v.name)


class _StreamRefs:
    """Parts of a streaming diagnosis: a checklist is printed under the first verdict of its
    code; later ones point to it (as ``uclog-diagnose --stream``)."""

    def __init__(self):
        self.first = {}

    def ref(self, v, number):
        if v.code not in self.first:
            self.first[v.code] = None if v.call < 0 else number
            return None
        f = self.first[v.code]
        if f is None:
            return 'as under "Sign-in and log" above (%d %s)' % (v.code, v.name)
        return "as for call %d above (%d %s)" % (f, v.code, v.name)


# What the text report writes as '?', as uclog-diagnose does (examples/common.c,
# ex_put_char()): control characters (C0, tab included; DEL; C1), and a byte
# that was not UTF-8 (U+FFFD once decoded), so that no byte of a log reaches
# the terminal as a control sequence.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ufffd]")


def _safe(text):
    return _UNSAFE.sub("?", text)


def _wrap(first, indent, text, width=WIDTH):
    """As uclog-diagnose's wrap(): words after ``first``, lines of at most
    ``width`` columns (None: one line), later lines indented; a line breaks
    only between words, a word longer than a line runs past its end. Log text
    in ``first`` or ``text`` is written safe."""
    first, text = _safe(first), _safe(text)
    words = [w for w in text.split(" ") if w]
    fresh = True
    if first.endswith(" ") and first.strip(" "):
        first, fresh = first[:-1], False    # the space only if a word follows
    lines, cur = [], first
    for w in words:
        if width and len(cur) > indent and len(cur) + (0 if fresh else 1) + len(w) > width:
            lines.append(cur)
            cur = " " * indent
        elif not fresh:
            cur += " "
        cur += w
        fresh = False
    lines.append(cur)
    return "\n".join(lines)


def _evidence_text(e, width=WIDTH):
    if e.file is not None:
        head = "      %s:%d" % (os.path.basename(e.file), e.line or 0)
    else:
        head = "     "
    if e.time is not None:
        head += " %02d:%02d:%02d.%03d" % (e.time.hour, e.time.minute, e.time.second,
                                          e.time.microsecond // 1000)
    return _wrap(head + " ", 8, e.detail, width)


_CUT_TEXT = {"calls": "256 calls were in progress at once", "messages": "it reached 512 messages",
             "bytes": "the calls in progress reached the window's byte budget"}


def _checklist_text(v, label, width=WIDTH):
    out = ["    %s:" % label]
    out.extend(_wrap("      %2d. " % (i + 1), 10, item, width) for i, item in enumerate(v.checklist))
    return "\n".join(out)


def _verdict_text(v, width=WIDTH, check_ref=None):
    out = ["  [%s] %d %s (%s%s)" % (v.severity, v.code, v.name, v.step,
                                    ", " + v.certainty if v.certainty != "certain" else "")]
    out.append(_wrap("    ", 4, v.summary, width))
    if v.reason:
        out.append(_wrap("    Unreadable: " if v.certainty == "unreadable" else "    Inferred: ", 6, v.reason,
                         width))
    if v.evidence:
        out.append("    Evidence:")
        out.extend(_evidence_text(e, width) for e in v.evidence)
    if v.checklist:
        label = "Check" if SEVERITIES.index(v.severity) >= 2 else "Next"
        if check_ref:
            out.append(_wrap("    %s: " % label, 6, check_ref, width))
        else:
            out.append(_checklist_text(v, label, width))
    return "\n".join(out)


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


def _copy_report(lib, r):
    at = {_address(lib.uclog_diag_report_verdict(r, i)): i for i in range(lib.uclog_diag_report_verdict_count(r))}
    calls = tuple(Call(_s(lib.uclog_diag_report_call_id(r, i)),
                       DIRECTIONS.get(lib.uclog_diag_report_call_direction(r, i), "unknown"),
                       _s(lib.uclog_diag_report_call_peer(r, i)),
                       _s(lib.uclog_diag_call_cut_name(lib.uclog_diag_report_call_cut(r, i))),
                       _s(lib.uclog_diag_call_outcome_name(lib.uclog_diag_report_call_outcome(r, i))),
                       _call_start(lib, r, i),
                       at.get(_address(lib.uclog_diag_report_call_worst_verdict(r, i))))
                  for i in range(lib.uclog_diag_report_call_count(r)))
    return Report(
        files=tuple(_s(lib.uclog_diag_report_file_name(r, i))
                    for i in range(lib.uclog_diag_report_file_count(r))),
        client_uri=_s(lib.uclog_diag_report_client_uri(r)),
        client_user_agent=_s(lib.uclog_diag_report_client_user_agent(r)),
        client_version=_s(lib.uclog_diag_report_client_version(r)),
        client_location=_s(lib.uclog_diag_location_name(lib.uclog_diag_report_client_location(r))),
        client_location_reason=_s(lib.uclog_diag_report_client_location_reason(r)),
        calls=calls,
        verdicts=tuple(_copy_verdict(lib, lib.uclog_diag_report_verdict(r, i))
                       for i in range(lib.uclog_diag_report_verdict_count(r))),
        worst_severity=_s(lib.uclog_diag_severity_name(lib.uclog_diag_report_worst_severity(r))),
        unusable_count=lib.uclog_diag_report_unusable_count(r),
        unusable=_unusable(lib, r))


def _unusable(lib, r):
    out, sp, i = [], _clib.Span(), 0
    while lib.uclog_diag_report_unusable_span(byref(sp), r, i) == 0:
        out.append((_s(lib.uclog_diag_report_file_name(r, sp.file)), sp.line, sp.offset))
        i += 1
    return tuple(out)


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
    Returns the number of parts handed over."""
    lib = _lib()
    state: Dict[str, Any] = {"parts": 0, "error": None}

    def on_part(part, _userdata):
        try:
            state["parts"] += 1
            return 1 if callback(_copy_report(lib, part)) else 0
        except BaseException as e:  # raised again once the C side has returned
            state["error"] = e
            return 1

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
        with Owned(rep, lib.uclog_diag_report_free) as r:
            return _copy_report(lib, r)


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
