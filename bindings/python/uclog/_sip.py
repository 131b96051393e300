"""SIP messages (sip.h) copied into Python values, and the value parsers."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, List, Optional, Tuple, Union

from . import _clib, _sdp, _xml
from ._sdp import Offer
from ._xml import ErrorReport, Mras, Provisioning
from ._redact import masked_repr
from ._common import (Context, Data, Limits, Owned, Span, as_bytes, byref, c_span, cstr, defects,
                      lib, span, text, timestamp)

Str = _clib.Str

DIRECTIONS = {0: None, 1: "sent", 2: "received"}
NO_SUB_ID = 0xFFFFFFFF


# ---------------------------------------------------------------------------
# Value parsers: pure functions on text, as in the second half of sip.h

def _in(value):
    b = as_bytes(value)
    return b, Str.of(b)


def param(value: Union[str, bytes], name: str) -> Optional[str]:
    """A ``;name=value`` parameter of a header value (quotes removed; ``""``
    for a flag), or None."""
    b, v = _in(value)
    out = Str()
    return text(out) if lib.uclog_sip_param(byref(out), v, name.encode()) else None


def diag_param(entry: Union[str, bytes], name: str) -> Optional[str]:
    """A parameter of a diagnostics entry (commas are ordinary), or None."""
    b, v = _in(entry)
    out = Str()
    return text(out) if lib.uclog_sip_diag_param(byref(out), v, name.encode()) else None


def media_debug(entry: Union[str, bytes], key: str) -> Optional[Tuple[Optional[str], Optional[str]]]:
    """A media debug item (``ICEWarn``, ``LocalSite``, …) of a diagnostics
    entry as ``(value, media)``, or None."""
    b, v = _in(entry)
    out, media = Str(), Str()
    if not lib.uclog_sip_diag_media_debug(byref(out), byref(media), v, key.encode()):
        return None
    return text(out), text(media)


def split_list(value: Union[str, bytes]) -> List[str]:
    """The elements of a comma-separated header value, blanks trimmed."""
    b, rest = _in(value)
    item = Str()
    out = []
    while lib.uclog_sip_list_next(byref(item), byref(rest)) == 0:
        out.append(text(item))
    return out


def unfold(value: Union[str, bytes]) -> str:
    """A header value without its line folding."""
    b, v = _in(value)
    needed = ctypes.c_size_t()
    lib.uclog_sip_unfold(None, 0, byref(needed), v)
    buf = ctypes.create_string_buffer(needed.value + 1)
    rc = lib.uclog_sip_unfold(buf, len(buf), byref(needed), v)
    if rc < 0:
        raise _clib.Error(rc, function="uclog_sip_unfold")
    return buf.raw[:needed.value].decode("utf-8", "replace")


def parse_u64(value: Union[str, bytes]) -> Optional[int]:
    """A decimal or ``0x`` hex number, or None when it is not one."""
    b, v = _in(value)
    n = ctypes.c_uint64()
    return n.value if lib.uclog_sip_parse_u64(byref(n), v) == 0 else None


def _split(fn, n, value):
    b, v = _in(value)
    outs = [Str() for _ in range(n)]
    if fn(*(byref(o) for o in outs), v) != 0:
        return None
    return tuple(text(o) for o in outs)


def name_addr(value: Union[str, bytes]) -> Optional[Tuple[Optional[str], ...]]:
    """``(display, uri, params)`` of a name-addr or addr-spec, or None."""
    return _split(lib.uclog_sip_name_addr_parse, 3, value)


def content_type(value: Union[str, bytes]) -> Optional[Tuple[Optional[str], ...]]:
    """``(type, subtype, params)`` of a Content-Type value, or None."""
    return _split(lib.uclog_sip_content_type_parse, 3, value)


def auth(value: Union[str, bytes]) -> Optional[Tuple[Optional[str], ...]]:
    """``(scheme, params)`` of an authentication header value, or None."""
    return _split(lib.uclog_sip_auth_parse, 2, value)


def auth_param(params: Union[str, bytes], name: str) -> Optional[str]:
    """One parameter of authentication params, or None."""
    b, v = _in(params)
    out = Str()
    return text(out) if lib.uclog_sip_auth_param(byref(out), v, name.encode()) else None


@dataclass(frozen=True)
class Via:
    transport: Optional[str]
    host: Optional[str]
    port: int
    params: Optional[str]

    def param(self, name: str) -> Optional[str]:
        return param(self.params, name) if self.params is not None else None


def via(entry: Union[str, bytes]) -> Optional[Via]:
    """One Via entry split into a :class:`Via`, or None."""
    b, v = _in(entry)
    t, h, p = Str(), Str(), Str()
    port = ctypes.c_uint16()
    if lib.uclog_sip_via_entry_parse(byref(t), byref(h), byref(port), byref(p), v) != 0:
        return None
    return Via(text(t), text(h), port.value, text(p))


@dataclass(frozen=True)
class DiagEntry:
    """One entry of ms-diagnostics, ms-diagnostics-public or
    ms-client-diagnostics."""
    header: str
    entry: str
    error_id: Optional[int]
    sub_id: Optional[int]
    reason: Optional[str]
    source: Optional[str]

    def param(self, name: str) -> Optional[str]:
        return diag_param(self.entry, name)

    def media_debug(self, key: str) -> Optional[Tuple[Optional[str], Optional[str]]]:
        return media_debug(self.entry, key)


def diag_entry(entry: Union[str, bytes], header: str = "ms-diagnostics") -> DiagEntry:
    b, v = _in(entry)
    eid, sub = ctypes.c_uint32(), ctypes.c_uint32()
    reason, source = Str(), Str()
    if lib.uclog_sip_diag_parse(byref(eid), byref(sub), byref(reason), byref(source), v) == 0:
        return DiagEntry(header, text(v), eid.value, None if sub.value == NO_SUB_ID else sub.value,
                         text(reason), text(source))
    return DiagEntry(header, text(v), None, None, None, None)


def line_is_header(line: Union[str, bytes]) -> bool:
    """Whether a line has the shape of a record header line."""
    b = as_bytes(line)
    return bool(lib.uclog_line_is_header(b, len(b)))


@dataclass(frozen=True)
class Framing:
    direction: Optional[str]
    is_end: bool
    remote: Optional[Tuple[str, int]]
    local: Optional[Tuple[str, int]]
    declared_bytes: Optional[int]


def parse_framing(line: Union[str, bytes]) -> Optional[Framing]:
    """Read a packet framing line (``Sending Packet - …``); None when the
    line is not one. Raises :class:`uclog.Error` (UCLOG_E_FORMAT) when it
    starts like one but cannot be read."""
    b, v = _in(line)
    d = ctypes.c_int32()
    end = ctypes.c_int()
    r, l = Str(), Str()
    rp, lp = ctypes.c_uint16(), ctypes.c_uint16()
    n = ctypes.c_uint64(0xFFFFFFFFFFFFFFFF)
    rc = lib.uclog_packet_framing_parse(byref(d), byref(end), byref(r), byref(rp), byref(l),
                                        byref(lp), byref(n), v)
    if rc == _clib.E_NOT_FOUND:
        return None
    if rc < 0:
        raise _clib.Error(rc, function="uclog_packet_framing_parse")
    return Framing(DIRECTIONS.get(d.value), bool(end.value),
                   (text(r), rp.value) if r.ptr else None,
                   (text(l), lp.value) if l.ptr else None,
                   None if n.value == 0xFFFFFFFFFFFFFFFF else n.value)


def next_line(data):
    """Split ``data`` into lines as the library does (LF or CRLF)."""
    b, rest = _in(data)
    line = Str()
    out = []
    while lib.uclog_str_next_line(byref(line), byref(rest)) == 0:
        out.append(line.copy())
    return out


# ---------------------------------------------------------------------------
# Messages

@dataclass(frozen=True)
class NameAddr:
    display: Optional[str]
    uri: Optional[str]
    tag: Optional[str] = None
    epid: Optional[str] = None
    params: Optional[str] = None


@masked_repr()
@dataclass(frozen=True)
class Part:
    """One part of a multipart body."""
    headers: Tuple[Tuple[str, str], ...]
    content_type: Optional[str]
    content_type_params: Optional[str]
    disposition: Optional[str]
    disposition_params: Optional[str]
    is_2007_fallback: bool
    content_id: Optional[str]
    body: bytes
    body_span: Span
    span: Span


def _views(n):
    return [Str() for _ in range(n)]


def _opt_views(fn, n, msg, ok=(0,), tx=text):
    outs = _views(n)
    if fn(*(byref(o) for o in outs), msg) not in ok:
        return None
    return tuple(tx(o) for o in outs)


def _text_within(base, buf):
    """``text`` for views into the bytes at address ``base``, of which
    ``buf`` is a copy: sliced out of the copy (one foreign read fewer per
    view); a view elsewhere (an unfolded header) is read where it is."""
    size = len(buf)

    def tx(view):
        p = view.ptr
        if p is None:
            return None
        n = view.len
        o = p - base
        if 0 <= o <= size - n:
            return buf[o:o + n].decode("utf-8", "replace")
        return text(view)
    return tx


def _mime(t, s):
    if t is None or s is None:
        return None
    return (t + "/" + s).lower()


def _headers(count_fn, get_fn, obj, tx=text):
    name, value = Str(), Str()
    out = []
    for i in range(count_fn(obj)):
        get_fn(byref(name), byref(value), None, obj, i)
        out.append((tx(name), tx(value)))
    return tuple(out)


def _part(p, tx=text):
    s, v = Str(), Str()
    sp, bsp = _clib.Span(), _clib.Span()
    lib.uclog_sip_part_raw(byref(s), byref(sp), p)
    lib.uclog_sip_part_body(byref(s), byref(bsp), p)
    body = s.copy() or b""
    ct = _opt_views(lib.uclog_sip_part_content_type, 3, p, tx=tx)
    disp = (tx(s), tx(v)) if lib.uclog_sip_part_disposition(byref(s), byref(v), p) else (None, None)
    cid = tx(s) if lib.uclog_sip_part_content_id(byref(s), p) else None
    return Part(headers=_headers(lib.uclog_sip_part_header_count, lib.uclog_sip_part_header, p, tx),
                content_type=_mime(ct[0], ct[1]) if ct else None,
                content_type_params=ct[2] if ct else None,
                disposition=disp[0], disposition_params=disp[1],
                is_2007_fallback=bool(lib.uclog_sip_part_is_2007_fallback(p)),
                content_id=cid, body=body, body_span=span(bsp), span=span(sp))


# What a SipMessage copies only when one of them is first read (see its __getattr__).
_LAZY = frozenset(("headers", "body", "body_span", "from_", "to", "contact", "vias", "content_type",
                   "content_type_params", "content_length", "event", "expires", "user_agent",
                   "server", "logon_data", "is_remote_user", "endpoint_location", "diagnostics",
                   "parts"))


def _framing_overruled(sip: Any) -> bool:
    """Whether the packet's framing held a longer body than Content-Length
    says, and won (defect SIP_BODY_BEYOND_LENGTH, which a full defect list
    may have dropped): the message's bytes parsed alone would follow
    Content-Length, so such a message copies everything at once."""
    body, cl = Str(), ctypes.c_uint64()
    lib.uclog_sip_body(byref(body), None, sip)
    return lib.uclog_sip_content_length(byref(cl), sip) == 0 and body.len > cl.value


class SipMessage:
    """A SIP message, every field a Python value copied out of the library
    (safe to keep after its log is closed).

    The start line, Call-ID, CSeq, defects and the packet's direction,
    addresses and time are copied when the message is made; the headers,
    body, parts and the other typed fields when one of them is first read,
    from the message's own bytes parsed once more under the same limits
    (the same values, positions included: a walk that reads only the
    Call-ID pays for no more).

    The message's own bytes are kept (``raw``); :meth:`header`,
    :meth:`sdp`, :meth:`mras`, :meth:`provisioning` and
    :meth:`error_report` parse them again on demand, with positions that
    stay absolute (file, offset, line and column in the log).
    """

    def __init__(self, sip: Any, packet: Any = None, limits: Limits = None, *,
                 _lazy: bool = True) -> None:
        line, start = Str(), _clib.Span()
        lib.uclog_sip_start_line(byref(line), byref(start), sip)
        raw, sp = Str(), _clib.Span()
        lib.uclog_sip_raw(byref(raw), byref(sp), sip)
        self.span = span(sp)
        #: The message's bytes, start line through end of body.
        self.raw = raw.copy() or b""
        self.start_line = text(line)
        self.is_request = bool(lib.uclog_sip_is_request(sip))
        m, u, v = _views(3)
        code = ctypes.c_uint32()
        if self.is_request:
            lib.uclog_sip_request_line(byref(m), byref(u), byref(v), sip)
            self.method, self.uri, self.status, self.reason = text(m), text(u), None, None
        else:
            lib.uclog_sip_status_line(byref(v), byref(code), byref(u), sip)
            self.method, self.uri, self.status, self.reason = None, None, code.value, text(u)
        self.version = text(v)
        self.defects = tuple(defects(lib.uclog_sip_defect_count, lib.uclog_sip_defect, sip))
        s = Str()
        n = ctypes.c_uint32()
        self.call_id = text(s) if lib.uclog_sip_call_id(byref(s), sip) else None
        self.cseq = (n.value, text(s)) if lib.uclog_sip_cseq(byref(n), byref(s), sip) == 0 else None
        self._limits = limits                # shared, never changed (Log copies the caller's)
        if not _lazy or _framing_overruled(sip):
            self._copy_rest(sip)
        self._copy_packet(packet)

    if not TYPE_CHECKING:  # to a type checker, the fields are those _copy_rest() sets
        def __getattr__(self, name: str) -> Any:
            # Only for what __init__ left out (_LAZY): the copied bytes are
            # parsed once more, under the limits of the first parse, and every
            # such field is copied at once, but for one the caller has set.
            d = self.__dict__
            if name not in _LAZY or "raw" not in d:
                raise AttributeError("%r object has no attribute %r" % (type(self).__name__, name))
            kept = {k: d[k] for k in _LAZY if k in d}
            with Context(d.get("_limits")) as ctx, self._reparse(ctx) as sip:
                self._copy_rest(sip)
            d.update(kept)
            return d[name]

    def _copy_rest(self, sip):
        s, sp = Str(), _clib.Span()
        lib.uclog_sip_raw(byref(s), byref(sp), sip)
        tx = _text_within(s.ptr or 0, self.raw)     # the views point into raw's original
        self.headers = _headers(lib.uclog_sip_header_count, lib.uclog_sip_header, sip, tx)
        body, bsp = Str(), _clib.Span()
        lib.uclog_sip_body(byref(body), byref(bsp), sip)
        self.body = body.copy() or b""
        self.body_span = span(bsp)
        n = ctypes.c_uint32()
        f = _opt_views(lib.uclog_sip_from, 4, sip, tx=tx)
        self.from_ = NameAddr(*f) if f else None
        t = _opt_views(lib.uclog_sip_to, 4, sip, tx=tx)
        self.to = NameAddr(*t) if t else None
        c = _opt_views(lib.uclog_sip_contact, 3, sip, tx=tx)
        self.contact = NameAddr(c[0], c[1], params=c[2]) if c else None
        vias = []
        t, h, p = _views(3)
        vp = ctypes.c_uint16()
        for i in range(lib.uclog_sip_via_count(sip)):
            if lib.uclog_sip_via_entry(byref(t), byref(h), byref(vp), byref(p), sip, i) == 0:
                vias.append(Via(tx(t), tx(h), vp.value, tx(p)))
        self.vias = tuple(vias)
        ct = _opt_views(lib.uclog_sip_content_type, 3, sip, tx=tx)
        self.content_type = _mime(ct[0], ct[1]) if ct else None
        self.content_type_params = ct[2] if ct else None
        cl = ctypes.c_uint64()
        self.content_length = cl.value if lib.uclog_sip_content_length(byref(cl), sip) == 0 else None
        ev = _opt_views(lib.uclog_sip_event, 2, sip, tx=tx)
        self.event = ev[0] if ev else None
        self.expires = n.value if lib.uclog_sip_expires(byref(n), sip) == 0 else None
        self.user_agent = tx(s) if lib.uclog_sip_user_agent(byref(s), sip) else None
        self.server = tx(s) if lib.uclog_sip_server(byref(s), sip) else None
        self.logon_data = tx(s) if lib.uclog_sip_logon_data(byref(s), sip) else None
        self.is_remote_user = bool(lib.uclog_sip_is_remote_user(sip))
        self.endpoint_location = _opt_views(lib.uclog_sip_endpoint_location, 2, sip, tx=tx)
        diags = []
        for i in range(lib.uclog_sip_diag_count(sip)):
            lib.uclog_sip_diag(byref(s), byref(n), sip, i)
            diags.append(diag_entry(s.copy(), cstr(lib.uclog_sip_diag_kind_name(n.value))))
        self.diagnostics = tuple(diags)
        parts = []
        pp = _clib.SipPartP()
        for i in range(lib.uclog_sip_part_count(sip)):
            lib.uclog_sip_part_get(byref(pp), sip, i)
            parts.append(_part(pp, tx))
        self.parts = tuple(parts)

    def _copy_packet(self, pkt):
        self.direction = None
        self.local = self.remote = self.timestamp = None
        self.packet_span = None
        if pkt is None:
            return
        if isinstance(pkt, dict):       # from an index
            self.__dict__.update(pkt)
            return
        self.direction = DIRECTIONS.get(lib.uclog_packet_direction(pkt))
        s = Str()
        port = ctypes.c_uint16()
        if lib.uclog_packet_local_endpoint(byref(s), byref(port), pkt):
            self.local = (text(s), port.value)
        if lib.uclog_packet_remote_endpoint(byref(s), byref(port), pkt):
            self.remote = (text(s), port.value)
        ts = _clib.Timestamp()
        if lib.uclog_packet_timestamp(byref(ts), pkt):
            self.timestamp = timestamp(ts)
        sp = _clib.Span()
        lib.uclog_packet_span(byref(sp), pkt)
        self.packet_span = span(sp)

    # -- on demand, from the copied bytes ------------------------------------

    def _reparse(self, ctx):
        out = _clib.SipP()
        lib.uclog_sip_parse(byref(out), ctx.ptr, self.raw, len(self.raw), c_span(self.span))
        if not out:
            raise ValueError("the message's bytes did not parse again")
        return Owned(out, lib.uclog_sip_free)

    def header(self, name: str, default: Optional[str] = None) -> Optional[str]:
        """The raw value of the first header called ``name`` (case and
        compact forms as the library compares them), or ``default``."""
        values = self.header_all(name, 1)
        return values[0] if values else default

    def header_all(self, name: str, limit: Optional[int] = None) -> List[str]:
        """The raw values of every header called ``name``, in order."""
        out: List[str] = []
        s, idx = Str(), ctypes.c_uint32()
        with Context(self.__dict__.get("_limits")) as ctx, self._reparse(ctx) as sip:
            start = 0
            while limit is None or len(out) < limit:
                if not lib.uclog_sip_header_find(byref(s), byref(idx), sip, name.encode(), start):
                    break
                out.append(text(s))
                start = idx.value + 1
        return out

    def bodies(self, mime_type: str) -> List[Tuple[bytes, Span, Optional[Part]]]:
        """``(bytes, Span, Part or None)`` for the body, or each part, whose
        Content-Type is ``mime_type``."""
        mime_type = mime_type.lower()
        if self.parts:
            return [(p.body, p.body_span, p) for p in self.parts if p.content_type == mime_type]
        if self.content_type == mime_type:
            return [(self.body, self.body_span, None)]
        return []

    def sdp(self) -> List[Offer]:
        """Every ``application/sdp`` body (the whole body, or each part of
        a multipart one) parsed into an :class:`Offer`, in order."""
        offers = []
        with Context(self.__dict__.get("_limits")) as ctx:
            for body, sp, part in self.bodies("application/sdp"):
                extra = {}
                if part is not None:
                    extra = dict(content_type=part.content_type, content_id=part.content_id,
                                 disposition=part.disposition,
                                 is_2007_fallback=part.is_2007_fallback)
                offers.append(_sdp.parse_sdp_in(ctx, body, sp, **extra))
        return offers

    def _xml(self, which, mime_type):
        found = self.bodies(mime_type)
        if not found:
            return None
        body, sp, _ = found[0]
        with Context(self.__dict__.get("_limits")) as ctx:
            try:
                return _xml.parse_in(which, ctx, body, sp)
            except _clib.Error as e:
                raise e.attach_context(ctx.ptr)

    def mras(self) -> Optional[Mras]:
        """The MRAS request or response body as :class:`Mras`, or None when
        the Content-Type is not application/msrtc-media-relay-auth+xml."""
        return self._xml("mras", _xml.MRAS_CONTENT_TYPE)

    def provisioning(self) -> Optional[Provisioning]:
        """The provisioning body as :class:`Provisioning`, or None."""
        return self._xml("prov", _xml.PROV_CONTENT_TYPE)

    def error_report(self) -> Optional[ErrorReport]:
        """The error report body as :class:`ErrorReport`, or None."""
        return self._xml("errreport", _xml.ERRREPORT_CONTENT_TYPE)

    def is_response_to(self, request: SipMessage) -> bool:
        """Whether this message answers ``request`` (Call-ID, CSeq)."""
        with Context(self.__dict__.get("_limits")) as ctx, self._reparse(ctx) as a, \
                request._reparse(ctx) as b:
            return bool(lib.uclog_sip_is_response_to(a, b))

    @property
    def summary(self) -> Optional[str]:
        return self.start_line

    def __repr__(self):
        return "<SipMessage %s %r Call-ID %s>" % (self.direction or "", self.start_line,
                                                  self.call_id)


def parse_sip(data: Data, base: Optional[Span] = None, limits: Limits = None) -> SipMessage:
    """Parse one SIP message from ``data`` into a :class:`SipMessage`."""
    data = as_bytes(data)
    with Context(limits) as ctx:
        out = _clib.SipP()
        lib.uclog_sip_parse(byref(out), ctx.ptr, data, len(data), c_span(base))
        with Owned(out, lib.uclog_sip_free) as sip:
            return SipMessage(sip, None, dict(limits) if limits else None)

