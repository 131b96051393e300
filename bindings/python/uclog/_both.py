"""Two clients' logs, the caller's and the callee's, as ``uclog-diagnose`` reads them: the
files grouped by signed-in user (examples/clients.c), the skew between the two clocks from
the messages one side sent and the other received (examples/pair.c), and for every Call-ID
both logs hold, each side's verdicts and what they say together: which side's offer lacked
an Edge candidate, or whose ICE failed (examples/diagnose-both.c). The C programs print the
same; the tests compare the two outputs byte for byte."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Tuple

from ._diag import _lib, verdict_codes
from ._text import safe

if TYPE_CHECKING:
    from ._diag import Evidence, Report
    from ._log import Index, Log

#: What uclog-diagnose keeps of a signed-in user (EX_USER_MAX - 1 bytes).
_USER_MAX = 159
_EPOCH = datetime.datetime(1970, 1, 1)
NO_EDGE, NAT_PRIVATE, ICE_FAILED = 210, 220, 300


def client_user(log: Log) -> str:
    """The signed-in user of a log: the From URI of the first request its client sent ("" when
    it sent none)."""
    with log.index() as idx:
        for i in range(len(idx)):
            e = idx.entry(i)
            if e.direction != "sent" or not e.is_request:
                continue
            f = idx.message(i).from_
            if f is not None and f.uri:
                return f.uri.encode("utf-8", "surrogateescape")[:_USER_MAX].decode("utf-8", "replace")
    return ""


def split_clients(users: Sequence[str]) -> Tuple[List[int], List[str]]:
    """Given each file's user, the client of each file (0 or 1) and the clients' users; a file
    whose user is unknown goes with the first client. Raises ValueError(index of the file, user
    1, user 2) for a third user."""
    which, found = [0] * len(users), []  # type: Tuple[List[int], List[str]]
    for i, u in enumerate(users):
        if not u or (found and u == found[0]):
            continue
        if len(found) > 1 and u == found[1]:
            which[i] = 1
            continue
        if len(found) == 2:
            raise ValueError(i, found[0], found[1])
        which[i] = len(found)
        found.append(u)
    return which, found


# ---- the clocks' skew (examples/pair.c) ----

def _ms(t: Optional[object]) -> Optional[int]:
    if not isinstance(t, datetime.datetime):
        return None
    return (t - _EPOCH) // datetime.timedelta(milliseconds=1)


def _keyed(idx: Index, msgs: List[int], side_b: bool) -> Dict[tuple, List[Tuple[int, bool]]]:
    """The messages that went between the two, by key (start line, CSeq, bottom Via branch, which
    way), each key's in log order: (message, A to B)."""
    out: Dict[tuple, List[Tuple[int, bool]]] = {}
    for m in msgs:
        e = idx.entry(m)
        if e.direction not in ("sent", "received") or e.cseq is None:
            continue
        vias = idx.message(m).vias
        branch = vias[-1].param("branch") if vias else None
        a_to_b = (e.direction == "sent") != side_b
        key = (e.method, e.status or 0, e.cseq[0], e.cseq[1], branch or "", a_to_b)
        out.setdefault(key, []).append((m, a_to_b))
    return out


def _div2(x: int) -> int:
    """x / 2 as C divides: toward zero."""
    return x // 2 if x >= 0 else -(-x // 2)


@dataclass
class Skew:
    """Client 2's clock minus client 1's (ms), as NTP estimates it: a message from 1 to 2 gives
    skew + delay, one from 2 to 1 -skew + delay; known when pairs went both ways."""
    known: bool = False
    ms: Optional[int] = None
    delay_ms: Optional[int] = None
    pairs: int = 0

    def to_dict(self) -> Dict[str, Any]:
        return {"known": self.known, "ms": self.ms, "delay_ms": self.delay_ms, "pairs": self.pairs}


def skew(a: Log, b: Log) -> Skew:
    """The skew from the pairs of every Call-ID both logs hold."""
    ab: Optional[int] = None
    ba: Optional[int] = None
    n_ab = n_ba = 0
    with a.index() as ia, b.index() as ib:
        calls_b = ib.calls()
        for call_id, msgs_a in ia.calls().items():
            msgs_b = calls_b.get(call_id)
            if msgs_b is None:
                continue
            kb = _keyed(ib, msgs_b, True)
            for key, ours in _keyed(ia, msgs_a, False).items():
                for (ma, a_to_b), (mb, _) in zip(ours, kb.get(key, ())):
                    ta, tb = _ms(ia.entry(ma).timestamp), _ms(ib.entry(mb).timestamp)
                    if ta is None or tb is None:
                        continue
                    if a_to_b:
                        n_ab += 1
                        ab = tb - ta if ab is None else min(ab, tb - ta)
                    else:
                        n_ba += 1
                        ba = ta - tb if ba is None else min(ba, ta - tb)
    if ab is None or ba is None:
        return Skew(pairs=n_ab + n_ba)
    return Skew(True, _div2(ab - ba), _div2(ab + ba), n_ab + n_ba)


# ---- each side's calls ----

@dataclass
class SideCall:
    call_id: Optional[str]
    direction: str
    shown: bool
    verdicts: List[Tuple[int, str, Tuple[Evidence, ...]]]  # code, name, evidence
    call_id_text: Optional[str] = None  # the Call-ID as the text shows it (uclog_diag_text_safe())

    @property
    def role(self) -> str:
        return {"outgoing": "caller", "incoming": "callee"}.get(self.direction, "party")

    def verdict(self, code: int):
        return next((v for v in self.verdicts if v[0] == code), None)


@dataclass
class Side:
    """One client: its user and its calls, from its report whole or part by part (a part while
    the callback that hands it over runs)."""
    uri: Optional[str] = None
    calls: List[SideCall] = field(default_factory=list)
    uri_text: Optional[str] = None  # the URI as the text shows it (uclog_diag_text_safe())

    def add(self, report: Report, call_ids: Sequence[str] = (), failures: bool = False) -> None:
        # the text shows the library's bytes, by the library's rule: a str decoded from them
        # has lost which bytes were not UTF-8
        raw = _raw_strings(report)
        if report.client_uri:
            self.uri = report.client_uri
            self.uri_text = safe(raw[0] if raw and raw[0] is not None else report.client_uri)
        verdicts: List[List[Tuple[int, str, Tuple[Evidence, ...]]]] = [[] for _ in report.calls]
        for v in report.verdicts:
            if 0 <= v.call < len(verdicts):
                verdicts[v.call].append((v.code, v.name, v.evidence))
        for i, c in enumerate(report.calls):
            cid = raw[1][i] if raw else c.call_id
            self.calls.append(SideCall(c.call_id, c.direction, report.call_shown(i, call_ids, failures), verdicts[i],
                                       safe(cid) if cid is not None else None))


def _raw_strings(report: Report) -> Optional[Tuple[Optional[bytes], List[Optional[bytes]]]]:
    """The client URI and the Call-IDs of a library report as its bytes; None for a report
    that holds no library report (made in Python)."""
    try:
        ptr = report._report_ptr()
    except ValueError:
        return None
    lib = _lib()
    return (lib.uclog_diag_report_client_uri(ptr),
            [lib.uclog_diag_report_call_id(ptr, i) for i in range(len(report.calls))])


def _findings(c: Tuple[SideCall, SideCall]) -> List[Tuple[str, int, Optional[int], str]]:
    """(finding, code, side (0, 1; None both or neither), sentence), as examples/diagnose-both.c."""
    out: List[Tuple[str, int, Optional[int], str]] = []
    for k in (0, 1):
        who = c[k].role
        if c[k].verdict(NO_EDGE):
            out.append(("no_edge_candidate", NO_EDGE, k,
                        "the %s's offer lacked an Edge candidate (210 on the %s's side)" % (who, who)))
        if c[k].verdict(NAT_PRIVATE):
            out.append(("edge_private_address", NAT_PRIVATE, k,
                        "the %s's offer carries the Edge's private address, not its NAT'ed one (220)" % who))
    ice = [c[0].verdict(ICE_FAILED) is not None, c[1].verdict(ICE_FAILED) is not None]
    if all(ice):
        out.append(("ice_failed", ICE_FAILED, None,
                    "ICE failed: media did not connect between the two (300 in both logs)"))
    elif any(ice):
        k = int(ice[1])
        out.append(("ice_failed", ICE_FAILED, k, "the %s's ICE failed: media did not connect, as its log "
                                                  "alone says (300)" % c[k].role))
    if not out:
        out.append(("none", 0, None, "neither side's offer lacked an Edge candidate, and neither side says "
                                     "its ICE failed"))
    return out


def _shared(s: Tuple[Side, Side]) -> Tuple[int, List[Tuple[SideCall, SideCall]]]:
    """How many Call-IDs both hold, and the pairs of calls shown (either side shows it), in side
    1's order; a Call-ID side 2 holds twice is its first call."""
    first: Dict[str, SideCall] = {}
    for c in s[1].calls:
        if c.call_id is not None:
            first.setdefault(c.call_id, c)
    shared, shown = 0, []
    for c in s[0].calls:
        other = first.get(c.call_id) if c.call_id is not None else None
        if other is None:
            continue
        shared += 1
        if c.shown or other.shown:
            shown.append((c, other))
    return shared, shown


def both_text(s: Tuple[Side, Side], sk: Skew, summary: bool = False) -> str:
    """The section "Both sides of the calls", as uclog-diagnose prints it (--summary: a line a call)."""
    shared, calls = _shared(s)
    if not shared:
        return "\nBoth sides of the calls: no Call-ID is in both clients' logs\n"
    if not calls:
        return "\nBoth sides of the calls: none of the calls shown is in both clients' logs\n"
    out = ["\nBoth sides of the calls\n"]
    if sk.known:
        out.append("Clock of %s is %.3f s %s %s's,\nfrom %d messages one side sent and the other received "
                   "(uclog-flow draws them)\n" % (s[1].uri_text or "client 2", abs(sk.ms or 0) / 1000,
                                                  "behind" if (sk.ms or 0) < 0 else "ahead of",
                                                  s[0].uri_text or "client 1", sk.pairs))
    else:
        out.append("Clock skew unknown: no message went both ways between the two logs\n")
    for c in calls:
        found = _findings(c)
        if summary:
            out.append("%s  %s\n" % (c[0].call_id_text or "", "; ".join(f[3] for f in found)))
            continue
        out.append("Call %s\n" % c[0].call_id_text or "")
        for side, call in zip(s, c):
            codes = ",".join(" %d %s" % (v[0], v[1]) for v in call.verdicts)
            out.append("  %s %s:%s\n" % (call.role, side.uri_text or "(unknown)", codes or " no verdict"))
        out.extend("  So: %s\n" % f[3] for f in found)
    return "".join(out)


@functools.lru_cache(maxsize=1)
def _code_names() -> Dict[int, str]:
    return {c.code: c.name for c in verdict_codes()}


def _evidence(e: Evidence, number: int) -> Dict[str, Any]:
    d = e.to_dict()
    return {"client_number": number, "file": d["file"], "line": d["line"], "offset": d["offset"],
            "time": d["time"], "detail": d["detail"]}


def both_dict(s: Tuple[Side, Side], sk: Skew) -> Dict[str, Any]:
    """The value of "both_sides" in uclog-diagnose --json (doc/uclog-diagnose.schema.json)."""
    calls = []
    for c in _shared(s)[1]:
        findings: List[Dict[str, Any]] = []
        for name, code, k, sentence in _findings(c):
            evidence: List[Dict[str, Any]] = []
            for n in (0, 1):
                v = c[n].verdict(code) if code and (k is None or k == n) else None
                evidence += [_evidence(e, n + 1) for e in (v[2] if v else ())]
            numbers: List[int] = [k + 1] if k is not None else [1, 2] if code else []
            findings.append({"finding": name, "code": code or None, "name": _code_names().get(code),
                             "side": c[k].role if k is not None else "both" if code else None,
                             "client_numbers": numbers, "text": sentence, "evidence": evidence})
        calls.append({"call_id": c[0].call_id,
                      "sides": [{"client_number": n + 1, "uri": side.uri, "role": call.role,
                                 "verdicts": [{"code": v[0], "name": v[1]} for v in call.verdicts]}
                                for n, (side, call) in enumerate(zip(s, c))],
                      "findings": findings})
    return {"clock_skew": sk.to_dict(), "calls": calls}
