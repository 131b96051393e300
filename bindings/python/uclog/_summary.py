"""``uclog-diagnose --summary``: one line per call attempt, the log-wide line and the totals,
as text or JSON, over a whole :class:`Report` or the parts of a streaming diagnosis
(examples/diagnose-view.c prints the same)."""

from __future__ import annotations

import functools
import json
import re
from typing import TYPE_CHECKING, Any, Dict, Optional, Sequence

from ._diag import SEVERITIES, verdict_codes

if TYPE_CHECKING:
    from ._diag import Report, Verdict

OUTCOMES = ("unknown", "established", "refused", "cancelled", "media-failed")

# What a line writes as '?', as the text report does (include/uclog/diag-text.h): control
# characters (C0, tab included; DEL; C1), and a byte that was not UTF-8 (U+FFFD once decoded).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ufffd]")


def _safe(text):
    return _UNSAFE.sub("?", text)


def _start_text(t):
    """As uclog-diagnose: "2008-11-21 23:40:00.100", or "-"."""
    if t is None:
        return "-"
    return "%04d-%02d-%02d %02d:%02d:%02d.%03d" % (t.year, t.month, t.day, t.hour, t.minute, t.second,
                                                    t.microsecond // 1000)


@functools.lru_cache(maxsize=1)
def _verdict_width():
    return 4 + max(len(c.name) for c in verdict_codes())


def _failing(v):
    return v is not None and SEVERITIES.index(v.severity) >= 2


class Summary:
    """Feed it reports with :meth:`calls` (a whole report, or each part of
    :func:`diagnose_log_parts` in turn), then call :meth:`end`; each returns the text to write.
    ``call_ids`` and ``failures`` choose calls as :meth:`Report.call_shown`. As JSON
    (``as_json``) a whole report gives one object ``{"calls": [...], "log": ..., "totals":
    ...}``; a stream (``stream``) an object a line for each call, then ``{"log", "totals"}``;
    ``client_number`` (1 or 2, over two clients' logs) begins each of those lines."""

    def __init__(self, call_ids: Sequence[str] = (), failures: bool = False, as_json: bool = False,
                     stream: bool = False, calls_hint: int = 0, client_number: int = 0) -> None:
        self.call_ids, self.failures, self.json, self.stream = list(call_ids), failures, as_json, stream
        self.client_number = client_number if stream else 0
        self.number_width = 6 if stream else 4
        w = 10000
        while w <= calls_hint and self.number_width < 10:
            self.number_width += 1
            w *= 10
        self.id_width = 32 if stream else 0
        self.lines = self.shown = self.failure = self.warning = 0
        self.outcomes = dict.fromkeys(OUTCOMES, 0)
        self.log_worst: Optional[Verdict] = None  # the worst log-wide verdict
        self.headed = False

    def _header(self, report):
        if not self.id_width:
            calls = report.calls if report is not None else ()
            self.id_width = max([7] + [len(c.call_id.encode()) for i, c in enumerate(calls)
                                       if c.call_id and report.call_shown(i, self.call_ids, self.failures)])
        if self.json:
            return "" if self.stream else '{"calls": ['
        return "%*s  %-23s  %-3s  %-12s  %-7s  %-*s  %-*s  %s\n" % (
            self.number_width, "call", "start", "dir", "outcome", "worst", _verdict_width(), "verdict",
            self.id_width, "Call-ID", "peer")

    def _line(self, report, i, number):
        c = report.calls[i]
        w = report.worst_verdict(i)
        sev = w.severity if w is not None else "ok"
        if self.json:
            obj: Dict[str, Any] = {"client_number": self.client_number} if self.client_number else {}
            obj.update({"number": number, "call_id": c.call_id,
                        "start": _start_text(c.start).replace(" ", "T") if c.start else None,
                        "direction": c.direction, "peer": c.peer, "outcome": c.outcome, "worst": sev,
                        "verdict": _verdict_obj(w)})
            text = json.dumps(obj, ensure_ascii=False)
            if self.stream:
                return text + "\n"
            return (", " if self.lines else "") + text
        verdict = "%d %s" % (w.code, w.name) if _failing(w) else "-"
        cid = _safe(c.call_id) if c.call_id is not None else "-"
        return "%*d  %-23s  %-3s  %-12s  %-7s  %-*s  %s%s%s\n" % (
            self.number_width, number, _start_text(c.start), {"outgoing": "out", "incoming": "in"}.get(c.direction, "?"),
            c.outcome, sev, _verdict_width(), verdict, cid,
            " " * (self.id_width - len(cid) + 2 if len(cid) < self.id_width else 2),
            _safe(c.peer) if c.peer is not None else "-")

    def calls(self, report: Report, first: int = 0) -> str:
        """The lines of the calls of ``report`` chosen, numbered from ``first`` + 1."""
        for v in report.verdicts:
            if v.call < 0 and (self.log_worst is None or
                               SEVERITIES.index(v.severity) > SEVERITIES.index(self.log_worst.severity)):
                self.log_worst = v
        out = []
        for i, c in enumerate(report.calls):
            if not report.call_shown(i, self.call_ids, self.failures):
                continue
            if not self.headed:
                out.append(self._header(report))
                self.headed = True
            w = report.worst_verdict(i)
            self.shown += 1
            self.outcomes[c.outcome if c.outcome in self.outcomes else "unknown"] += 1
            self.failure += w is not None and w.severity == "failure"
            self.warning += w is not None and w.severity == "warning"
            out.append(self._line(report, i, first + i + 1))
            self.lines += 1
        return "".join(out)

    def to_dict_end(self, calls: int) -> Dict[str, Any]:
        return {"log": {"worst": self.log_worst.severity if self.log_worst else None,
                        "verdict": _verdict_obj(self.log_worst)},
                "totals": dict([("calls", calls), ("shown", self.shown)] + list(self.outcomes.items()) +
                               [("failure", self.failure), ("warning", self.warning)])}

    def end(self, calls: int) -> str:
        """The log-wide line and the totals; ``calls``: the call attempts of the log."""
        out = []
        if not self.headed:
            out.append(self._header(None))
            self.headed = True
        if self.json:
            d: Dict[str, Any] = {"client_number": self.client_number} if self.client_number else {}
            d.update(self.to_dict_end(calls))
            end = json.dumps(d, ensure_ascii=False)
            out.append(end + "\n" if self.stream else "], " + end[1:] + "\n")
            return "".join(out)
        lw = self.log_worst
        out.append("%*s  %-23s  %-3s  %-12s  %-7s  %s\n" % (
            self.number_width, "log", "-", "-", "-", lw.severity if lw else "-",
            "%d %s" % (lw.code, lw.name) if lw is not None and _failing(lw) else "-"))
        if self.call_ids or self.failures:
            total = "Total: calls %d shown of %d" % (self.shown, calls)
        else:
            total = "Total: calls %d" % calls
        total += "".join(", %s %d" % (o, self.outcomes[o]) for o in OUTCOMES[1:] + OUTCOMES[:1])
        out.append(total + "; failure %d, warning %d\n" % (self.failure, self.warning))
        return "".join(out)


def _verdict_obj(v):
    if not _failing(v):
        return None
    return {"code": v.code, "name": v.name, "severity": v.severity}
