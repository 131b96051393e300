"""SDP bodies (sdp.h) copied into Python values, and textual addresses (addr.h)."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Optional, Tuple, Union

from . import _clib
from ._redact import masked_repr
from ._common import (Context, Data, Defect, Limits, Span, as_bytes, byref, cstr, defects, lib,
                      parse_owned, span, text)

Str = _clib.Str

FORMS = {1: "draft6", 2: "rfc5245"}
ATTRIBUTES = {1: "candidate", 2: "x-candidate-ipv6"}
ENCRYPTION = {0: "other", 1: "required", 2: "optional", 3: "rejected"}
CRYPTO_KINDS = {1: "crypto", 2: "cryptoscale"}


@masked_repr("password", candidate_lines=("raw",))
@dataclass(frozen=True)
class Candidate:
    """One ICE candidate, in either syntax.

    ``form`` is ``"draft6"`` (MS-ICE: username, password, qvalue) or
    ``"rfc5245"`` (MS-ICE2: foundation, priority, typ, raddr/rport).
    ``transport`` is the library's name (``"UDP"``, ``"TCP-PASS"``, …),
    ``type`` its candidate type name (``"host"``, ``"relay"``, … or
    ``"unknown"`` for draft 6); the ``*_raw`` fields are the tokens as
    written. ``qvalue`` is the draft-6 qvalue (``0.83``), None for RFC 5245;
    ``priority`` the reverse.
    """
    form: str
    attribute: str
    foundation: Optional[str]
    component: int
    transport: str
    transport_raw: str
    priority: Optional[int]
    qvalue: Optional[float]
    address: str
    port: int
    type: str
    type_raw: Optional[str]
    raddr: Optional[str]
    rport: Optional[int]
    username: Optional[str]
    password: Optional[str]
    extensions: Tuple[Tuple[str, str], ...]
    raw: str
    span: Span


@masked_repr("params")
@dataclass(frozen=True)
class Crypto:
    kind: str
    tag: int
    role: Optional[str]
    suite: str
    params: str


@masked_repr("ice_pwd")
@dataclass(frozen=True)
class Media:
    """One media description (``m=`` and its lines)."""
    type: str
    port: int
    proto: str
    formats: Tuple[str, ...]
    connection: Optional[Tuple[str, str]]
    attributes: Tuple[Tuple[str, Optional[str]], ...]
    ice_ufrag: Optional[str]
    ice_pwd: Optional[str]
    encryption: Optional[str]
    encryption_raw: Optional[str]
    key: Optional[Tuple[str, Optional[str]]]
    crypto: Tuple[Crypto, ...]
    diagnostics: Optional[Tuple[int, Optional[str], str]]
    remote_username: Optional[str]
    remote_candidates: Tuple[Tuple[int, str, int], ...]
    candidates: Tuple[Candidate, ...]
    span: Span

    def attribute(self, name: str) -> Optional[str]:
        """The value of the first ``a=name`` (case-insensitive); None when
        absent or a flag (``a=recvonly``): see :meth:`has_attribute`."""
        for n, v in self.attributes:
            if n.lower() == name.lower():
                return v
        return None

    def has_attribute(self, name: str) -> bool:
        return any(n.lower() == name.lower() for n, _ in self.attributes)


@dataclass(frozen=True)
class Offer:
    """A parsed SDP body. From :meth:`uclog.SipMessage.sdp`, the MIME part
    it came from is described by ``content_type``, ``content_id``,
    ``disposition`` and ``is_2007_fallback``."""
    origin: Optional[Tuple[str, str, str, str, str]]
    connection: Optional[Tuple[str, str]]
    attributes: Tuple[Tuple[str, Optional[str]], ...]
    lines: Tuple[Tuple[str, str], ...]
    media: Tuple[Media, ...]
    defects: Tuple[Defect, ...]
    span: Span
    content_type: str = "application/sdp"
    content_id: Optional[str] = None
    disposition: Optional[str] = None
    is_2007_fallback: bool = False

    @property
    def candidates(self) -> Tuple[Candidate, ...]:
        """Every candidate of every media, in order."""
        return tuple(c for m in self.media for c in m.candidates)


def _attrs(count_fn, get_fn, obj):
    out = []
    name, value = Str(), Str()
    for i in range(count_fn(obj)):
        get_fn(byref(name), byref(value), None, obj, i)
        out.append((text(name), text(value)))
    return tuple(out)


def _view(fn, obj):
    s = Str()
    fn(byref(s), obj)
    return text(s)


def _found_view(fn, obj):
    s = Str()
    return text(s) if fn(byref(s), obj) else None


def _candidate(c):
    s, v = Str(), Str()
    sp = _clib.Span()
    u = ctypes.c_uint32()
    port16 = ctypes.c_uint16()
    priority = u.value if lib.uclog_sdp_candidate_priority(byref(u), c) else None
    qvalue = u.value / 1000.0 if lib.uclog_sdp_candidate_qvalue(byref(u), c) else None
    if lib.uclog_sdp_candidate_related(byref(s), byref(port16), c):
        raddr, rport = text(s), port16.value
    else:
        raddr, rport = None, None
    exts = []
    for i in range(lib.uclog_sdp_candidate_ext_count(c)):
        lib.uclog_sdp_candidate_ext(byref(s), byref(v), c, i)
        exts.append((text(s), text(v)))
    lib.uclog_sdp_candidate_span(byref(sp), c)
    tr = lib.uclog_sdp_candidate_transport(c)
    ty = lib.uclog_sdp_candidate_type(c)
    return Candidate(
        form=FORMS.get(lib.uclog_sdp_candidate_form(c), "unknown"),
        attribute=ATTRIBUTES.get(lib.uclog_sdp_candidate_attribute(c), "unknown"),
        foundation=_view(lib.uclog_sdp_candidate_foundation, c),
        component=lib.uclog_sdp_candidate_component(c),
        transport=cstr(lib.uclog_sdp_transport_name(tr)),
        transport_raw=_view(lib.uclog_sdp_candidate_transport_raw, c),
        priority=priority, qvalue=qvalue,
        address=_view(lib.uclog_sdp_candidate_address, c),
        port=lib.uclog_sdp_candidate_port(c),
        type=cstr(lib.uclog_sdp_candidate_type_name(ty)),
        type_raw=_view(lib.uclog_sdp_candidate_type_raw, c),
        raddr=raddr, rport=rport,
        username=_view(lib.uclog_sdp_candidate_username, c),
        password=_view(lib.uclog_sdp_candidate_password, c),
        extensions=tuple(exts),
        raw=_view(lib.uclog_sdp_candidate_raw, c),
        span=span(sp))


def _media(m):
    s, v, w = Str(), Str(), Str()
    sp = _clib.Span()
    i32 = ctypes.c_int32()
    u = ctypes.c_uint32()
    p16 = ctypes.c_uint16()
    formats = []
    for i in range(lib.uclog_sdp_media_format_count(m)):
        lib.uclog_sdp_media_format(byref(s), m, i)
        formats.append(text(s))
    conn = (text(s), text(v)) if lib.uclog_sdp_media_connection(byref(s), byref(v), m) else None
    if lib.uclog_sdp_media_encryption(byref(i32), byref(s), m):
        enc, enc_raw = ENCRYPTION.get(i32.value, "other"), text(s)
    else:
        enc, enc_raw = None, None
    key = (text(s), text(v)) if lib.uclog_sdp_media_key(byref(s), byref(v), m) else None
    crypto = []
    for i in range(lib.uclog_sdp_media_crypto_count(m)):
        lib.uclog_sdp_media_crypto(byref(i32), byref(u), byref(s), byref(v), byref(w), m, i)
        crypto.append(Crypto(CRYPTO_KINDS.get(i32.value, "unknown"), u.value, text(s), text(v),
                             text(w)))
    diag = None
    if lib.uclog_sdp_media_diagnostics(byref(u), byref(s), byref(v), m):
        diag = (u.value, text(s), text(v))
    remote = []
    for i in range(lib.uclog_sdp_media_remote_count(m)):
        lib.uclog_sdp_media_remote(byref(u), byref(s), byref(p16), m, i)
        remote.append((u.value, text(s), p16.value))
    cands = []
    cp = _clib.SdpCandP()
    for i in range(lib.uclog_sdp_candidate_count(m)):
        lib.uclog_sdp_candidate_get(byref(cp), m, i)
        cands.append(_candidate(cp))
    lib.uclog_sdp_media_span(byref(sp), m)
    return Media(
        type=_view(lib.uclog_sdp_media_type, m),
        port=lib.uclog_sdp_media_port(m),
        proto=_view(lib.uclog_sdp_media_proto, m),
        formats=tuple(formats), connection=conn,
        attributes=_attrs(lib.uclog_sdp_media_attr_count, lib.uclog_sdp_media_attr, m),
        ice_ufrag=_found_view(lib.uclog_sdp_media_ice_ufrag, m),
        ice_pwd=_found_view(lib.uclog_sdp_media_ice_pwd, m),
        encryption=enc, encryption_raw=enc_raw, key=key, crypto=tuple(crypto),
        diagnostics=diag,
        remote_username=_found_view(lib.uclog_sdp_media_remote_username, m),
        remote_candidates=tuple(remote), candidates=tuple(cands), span=span(sp))


def offer_from(sdp, **part):
    """Copy a parsed uclog_sdp into an :class:`Offer`."""
    s = [Str() for _ in range(5)]
    sp = _clib.Span()
    origin = None
    if lib.uclog_sdp_origin(*(byref(x) for x in s), sdp):
        origin = tuple(text(x) for x in s)
    conn = None
    if lib.uclog_sdp_connection(byref(s[0]), byref(s[1]), sdp):
        conn = (text(s[0]), text(s[1]))
    lines = []
    t = ctypes.c_int32()
    for i in range(lib.uclog_sdp_line_count(sdp)):
        lib.uclog_sdp_line(byref(t), byref(s[0]), None, sdp, i)
        lines.append((chr(t.value), text(s[0])))
    media = []
    mp = _clib.SdpMediaP()
    for i in range(lib.uclog_sdp_media_count(sdp)):
        lib.uclog_sdp_media_get(byref(mp), sdp, i)
        media.append(_media(mp))
    lib.uclog_sdp_span(byref(sp), sdp)
    return Offer(origin=origin, connection=conn,
                 attributes=_attrs(lib.uclog_sdp_attr_count, lib.uclog_sdp_attr, sdp),
                 lines=tuple(lines), media=tuple(media),
                 defects=tuple(defects(lib.uclog_sdp_defect_count, lib.uclog_sdp_defect, sdp)),
                 span=span(sp), **part)


def parse_sdp_in(ctx, data, base=None, **part):
    with parse_owned(lib.uclog_sdp_parse, lib.uclog_sdp_free, _clib.SdpP, ctx, data, base) as p:
        return offer_from(p, **part)


def parse_sdp(data: Data, base: Optional[Span] = None, limits: Limits = None) -> Offer:
    """Parse an SDP body (``bytes`` or ``str``) into an :class:`Offer`."""
    data = as_bytes(data)
    with Context(limits) as ctx:
        return parse_sdp_in(ctx, data, base)


# ---------------------------------------------------------------------------
# addr.h

ADDR_FAMILIES = {0: "invalid", 1: "ipv4", 2: "ipv6", 3: "hostname"}


def addr_family(address: Union[str, bytes]) -> str:
    """``"ipv4"``, ``"ipv6"``, ``"hostname"`` or ``"invalid"``."""
    b = as_bytes(address)
    return ADDR_FAMILIES[lib.uclog_addr_family(b, len(b))]


def addr_class(address: Union[str, bytes]) -> str:
    """The library's class name of an IP address (``"PRIVATE"``, ``"PUBLIC"``,
    ``"TEREDO"``, …; ``"NONE"`` for a host name or invalid text)."""
    b = as_bytes(address)
    return cstr(lib.uclog_addr_class_name(lib.uclog_addr_class(b, len(b))))


def addr_equal(a: Union[str, bytes], b: Union[str, bytes]) -> bool:
    """Whether two textual addresses name the same address."""
    a, b = as_bytes(a), as_bytes(b)
    return bool(lib.uclog_addr_equal(a, len(a), b, len(b)))


def addr_parse(address: Union[str, bytes]) -> bytes:
    """The 16 bytes of an IP address (IPv4 in its mapped form), or raise
    :class:`uclog.Error` (UCLOG_E_FORMAT) for anything else."""
    b = as_bytes(address)
    out = (ctypes.c_uint8 * 16)()
    rc = lib.uclog_addr_to_bytes(out, None, b, len(b))
    if rc < 0:
        raise _clib.Error(rc, function="uclog_addr_to_bytes")
    return bytes(out)


def addr_family_name(family):
    return cstr(lib.uclog_addr_family_name(family))
