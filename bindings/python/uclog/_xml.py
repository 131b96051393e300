"""MRAS (mras.h), provisioning (prov.h) and error-report (reporterror.h)
bodies, copied into Python values."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Optional, Tuple

from . import _clib
from ._redact import masked_repr
from ._common import (Context, Data, Defect, Limits, Span, as_bytes, byref, cstr, defects, lib,
                      parse_owned, span, text)

Str = _clib.Str

MRAS_KINDS = {1: "request", 2: "response"}
HOST_KINDS = {0: None, 1: "hostName", 2: "directIPAddress"}
PROV_KINDS = {1: "request", 2: "response"}
PROV_SHAPES = {0: None, 1: "elements", 2: "instance", 3: "entry-list"}

MRAS_CONTENT_TYPE = "application/msrtc-media-relay-auth+xml"
PROV_CONTENT_TYPE = "application/vnd-microsoft-roaming-provisioning-v2+xml"
ERRREPORT_CONTENT_TYPE = "application/msrtc-reporterror+xml"


def _found(fn, obj):
    s = Str()
    return text(s) if fn(byref(s), obj) else None


def _number(fn, obj, ctype=ctypes.c_uint32):
    """A number getter that answers 0, NOT_FOUND or FORMAT (a defect)."""
    n = ctype()
    return n.value if fn(byref(n), obj) == 0 else None


def _span(fn, obj):
    sp = _clib.Span()
    fn(byref(sp), obj)
    return span(sp)


@dataclass(frozen=True)
class CredentialsRequest:
    id: Optional[str]
    identity: Optional[str]
    location: Optional[str]
    duration: Optional[int]
    span: Span


@dataclass(frozen=True)
class MediaRelay:
    location: Optional[str]
    host_kind: Optional[str]
    host: Optional[str]
    host_span: Optional[Span]
    udp_port: Optional[int]
    tcp_port: Optional[int]
    span: Span


@masked_repr("username", "password")
@dataclass(frozen=True)
class CredentialsResponse:
    id: Optional[str]
    username: Optional[str]
    password: Optional[str]
    realm: Optional[str]
    duration: Optional[int]
    relays: Tuple[MediaRelay, ...]
    span: Span


@dataclass(frozen=True)
class Mras:
    """An MRAS request or response body ([MS-AVEDGEA])."""
    kind: str
    request_id: Optional[str]
    version: Optional[str]
    server_version: Optional[str]
    to: Optional[str]
    from_: Optional[str]
    route: Optional[str]
    reason_phrase: Optional[str]
    reason: str
    credentials_requests: Tuple[CredentialsRequest, ...]
    credentials_responses: Tuple[CredentialsResponse, ...]
    defects: Tuple[Defect, ...]
    span: Span

    @property
    def relays(self) -> Tuple[MediaRelay, ...]:
        return tuple(r for c in self.credentials_responses for r in c.relays)


def _relay(r):
    s = Str()
    sp = _clib.Span()
    found = lib.uclog_mras_relay_host(byref(s), byref(sp), r)
    return MediaRelay(
        location=_found(lib.uclog_mras_relay_location, r),
        host_kind=HOST_KINDS.get(lib.uclog_mras_relay_host_kind(r)),
        host=text(s) if found else None, host_span=span(sp) if found else None,
        udp_port=_number(lib.uclog_mras_relay_udp_port, r, ctypes.c_uint16),
        tcp_port=_number(lib.uclog_mras_relay_tcp_port, r, ctypes.c_uint16),
        span=_span(lib.uclog_mras_relay_span, r))


def _credresp(c):
    relays = []
    rp = _clib.RelayP()
    for i in range(lib.uclog_mras_relay_count(c)):
        lib.uclog_mras_relay_get(byref(rp), c, i)
        relays.append(_relay(rp))
    return CredentialsResponse(
        id=_found(lib.uclog_mras_credresp_id, c),
        username=_found(lib.uclog_mras_credresp_username, c),
        password=_found(lib.uclog_mras_credresp_password, c),
        realm=_found(lib.uclog_mras_credresp_realm, c),
        duration=_number(lib.uclog_mras_credresp_duration, c),
        relays=tuple(relays), span=_span(lib.uclog_mras_credresp_span, c))


def mras_from(m):
    reqs, resps = [], []
    q = _clib.CredReqP()
    for i in range(lib.uclog_mras_credreq_count(m)):
        lib.uclog_mras_credreq_get(byref(q), m, i)
        reqs.append(CredentialsRequest(
            id=_found(lib.uclog_mras_credreq_id, q),
            identity=_found(lib.uclog_mras_credreq_identity, q),
            location=_found(lib.uclog_mras_credreq_location, q),
            duration=_number(lib.uclog_mras_credreq_duration, q),
            span=_span(lib.uclog_mras_credreq_span, q)))
    r = _clib.CredRespP()
    for i in range(lib.uclog_mras_credresp_count(m)):
        lib.uclog_mras_credresp_get(byref(r), m, i)
        resps.append(_credresp(r))
    return Mras(
        kind=MRAS_KINDS.get(lib.uclog_mras_kind(m)),
        request_id=_found(lib.uclog_mras_request_id, m),
        version=_found(lib.uclog_mras_version, m),
        server_version=_found(lib.uclog_mras_server_version, m),
        to=_found(lib.uclog_mras_to, m), from_=_found(lib.uclog_mras_from, m),
        route=_found(lib.uclog_mras_route, m),
        reason_phrase=_found(lib.uclog_mras_reason_phrase, m),
        reason=cstr(lib.uclog_mras_reason_name(lib.uclog_mras_reason(m))),
        credentials_requests=tuple(reqs), credentials_responses=tuple(resps),
        defects=tuple(defects(lib.uclog_mras_defect_count, lib.uclog_mras_defect, m)),
        span=_span(lib.uclog_mras_span, m))


@dataclass(frozen=True)
class ProvisioningGroup:
    name: Optional[str]
    shape: Optional[str]
    keys: Tuple[Tuple[str, str, Span], ...]
    span: Span

    def get(self, key: str, default: Optional[str] = None) -> Optional[str]:
        """The value of the first key named ``key`` (exact comparison)."""
        for k, v, _ in self.keys:
            if k == key:
                return v
        return default


@dataclass(frozen=True)
class Provisioning:
    """A provisioning request (group names) or response (groups with keys)."""
    kind: str
    groups: Tuple[ProvisioningGroup, ...]
    defects: Tuple[Defect, ...]
    span: Span

    def group(self, name: str) -> Optional[ProvisioningGroup]:
        """The first group named ``name``, or None."""
        for g in self.groups:
            if g.name == name:
                return g
        return None

    def lookup(self, group: str, key: str) -> Optional[str]:
        """``key`` in the first group named ``group`` that has it, e.g.
        ``lookup("ServerConfiguration", "mrasUri")``; None when absent."""
        for g in self.groups:
            if g.name == group:
                v = g.get(key)
                if v is not None:
                    return v
        return None


def prov_from(p):
    groups = []
    gp = _clib.ProvGroupP()
    name, value = Str(), Str()
    sp = _clib.Span()
    for i in range(lib.uclog_prov_group_count(p)):
        lib.uclog_prov_group_get(byref(gp), p, i)
        keys = []
        for k in range(lib.uclog_prov_key_count(gp)):
            lib.uclog_prov_key(byref(name), byref(value), byref(sp), gp, k)
            keys.append((text(name), text(value), span(sp)))
        groups.append(ProvisioningGroup(
            name=_found(lib.uclog_prov_group_name, gp),
            shape=PROV_SHAPES.get(lib.uclog_prov_group_shape(gp)),
            keys=tuple(keys), span=_span(lib.uclog_prov_group_span, gp)))
    return Provisioning(
        kind=PROV_KINDS.get(lib.uclog_prov_kind(p)), groups=tuple(groups),
        defects=tuple(defects(lib.uclog_prov_defect_count, lib.uclog_prov_defect, p)),
        span=_span(lib.uclog_prov_span, p))


ERROR_ATTRIBUTES = ("toUri", "callId", "fromTag", "toTag", "contentType", "responseCode",
                    "requestType")


@dataclass(frozen=True)
class ReportedError:
    """One ``error`` element of a client error report. ``attributes`` holds
    the attributes [MS-OCER] names that are present."""
    attributes: Tuple[Tuple[str, str], ...]
    response_code: Optional[int]
    diag_headers: Tuple[str, ...]
    progress: Tuple[str, ...]
    span: Span

    def get(self, name: str, default: Optional[str] = None) -> Optional[str]:
        return dict(self.attributes).get(name, default)


@dataclass(frozen=True)
class ErrorReport:
    """A client error report body ([MS-OCER], ``application/msrtc-reporterror+xml``)."""
    errors: Tuple[ReportedError, ...]
    defects: Tuple[Defect, ...]
    span: Span


def _texts(count_fn, get_fn, obj):
    s = Str()
    out = []
    for i in range(count_fn(obj)):
        get_fn(byref(s), None, obj, i)
        out.append(text(s))
    return tuple(out)


def errreport_from(r):
    errors = []
    ep = _clib.ErrReportErrorP()
    s = Str()
    for i in range(lib.uclog_errreport_error_count(r)):
        lib.uclog_errreport_error_get(byref(ep), r, i)
        attrs = tuple((a, text(s)) for a in ERROR_ATTRIBUTES
                      if lib.uclog_errreport_error_attr(byref(s), ep, a.encode()))
        errors.append(ReportedError(
            attributes=attrs,
            response_code=_number(lib.uclog_errreport_error_response_code, ep),
            diag_headers=_texts(lib.uclog_errreport_diag_count, lib.uclog_errreport_diag_get, ep),
            progress=_texts(lib.uclog_errreport_progress_count, lib.uclog_errreport_progress_get,
                            ep),
            span=_span(lib.uclog_errreport_error_span, ep)))
    return ErrorReport(
        errors=tuple(errors),
        defects=tuple(defects(lib.uclog_errreport_defect_count, lib.uclog_errreport_defect, r)),
        span=_span(lib.uclog_errreport_span, r))


_PARSERS = {
    "mras": (lib.uclog_mras_parse, lib.uclog_mras_free, _clib.MrasP, mras_from),
    "prov": (lib.uclog_prov_parse, lib.uclog_prov_free, _clib.ProvP, prov_from),
    "errreport": (lib.uclog_errreport_parse, lib.uclog_errreport_free, _clib.ErrReportP,
                  errreport_from),
}


def parse_in(which, ctx, data, base=None):
    parse_fn, free_fn, ptr_type, copy = _PARSERS[which]
    with parse_owned(parse_fn, free_fn, ptr_type, ctx, data, base) as p:
        return copy(p)


def parse_mras(data: Data, base: Optional[Span] = None, limits: Limits = None) -> Mras:
    """Parse an MRAS body into :class:`Mras`; raises :class:`uclog.Error`
    (UCLOG_E_XML, UCLOG_E_FORMAT, …) with the position of the problem."""
    with Context(limits) as ctx:
        return parse_in("mras", ctx, as_bytes(data), base)


def parse_provisioning(data: Data, base: Optional[Span] = None, limits: Limits = None,
                       until: Optional[str] = None) -> Provisioning:
    """Parse a provisioning body into :class:`Provisioning`.

    With ``until`` (a group name), reading stops at the end of the first group
    of that name (``uclog_prov_parse_until``): the groups after it are not in
    the result and the bytes after it are not checked."""
    with Context(limits) as ctx:
        if until is None:
            return parse_in("prov", ctx, as_bytes(data), base)
        group = until.encode()

        def parse_fn(out, c, d, n, b):
            return lib.uclog_prov_parse_until(out, c, d, n, b, group)

        with parse_owned(parse_fn, lib.uclog_prov_free, _clib.ProvP, ctx, as_bytes(data),
                         base) as p:
            return prov_from(p)


def parse_error_report(data: Data, base: Optional[Span] = None, limits: Limits = None) -> ErrorReport:
    """Parse an error report body into :class:`ErrorReport`."""
    with Context(limits) as ctx:
        return parse_in("errreport", ctx, as_bytes(data), base)
