"""The C layer: loading libuclog, one prototype table, errors, object counts.

Everything here mirrors include/uclog/*.h one to one. The public layer
(``uclog/__init__.py`` and friends) is the only user; application code should
not need to import this module.

Loading: the file named by the environment variable ``UCLOG_LIBRARY``, or
the one a meson install put beside the package (``_install.py``), or
``libuclog.so.1`` by SONAME (never the ``libuclog.so`` development symlink);
``libuclog-diag.so.1`` likewise, or ``UCLOG_DIAG_LIBRARY``. On Windows the
DLLs by name, ``libuclog-1.dll`` and ``libuclog-diag-1.dll``: beside the
package, then on PATH (which Python 3.8 and later no longer search for a bare
name), then the system's search. A libuclog that
cannot be loaded makes ``import uclog`` raise ImportError saying what to
install or set. The run-time
major version must be the one this binding was written for.

Counting: every function that hands the caller an object it must free (the
``_new``/``_open``/``_parse``/``_build`` functions and ``uclog_ctx_alloc``)
and every ``_free`` is declared with a kind, and the calls are counted per
kind, so tests can check that nothing was left unfreed (:func:`live`).
"""

from __future__ import annotations

import collections
import ctypes
import os
from ctypes import (CFUNCTYPE, POINTER, Structure, c_char_p, c_int, c_int32, c_int64, c_size_t,
                    c_uint8, c_uint16, c_uint32, c_uint64, c_void_p)
from typing import Any, Callable, Counter, Dict, Optional

#: The major version this binding speaks (the SONAME's number).
ABI_MAJOR = 1

WINDOWS = os.name == "nt"
LIBRARY_SONAME = "libuclog-1.dll" if WINDOWS else "libuclog.so.1"
DIAG_SONAME = "libuclog-diag-1.dll" if WINDOWS else "libuclog-diag.so.1"

# Status codes (errors.h). Codes are never renumbered.
OK = 0
DONE = 1
MSG_ITER_UNUSABLE = 1  # uclog_msg_iter_set_flags()
FOLLOW_POLL = 1  # uclog_follow_new(): never inotify
READ_IDLE = -2  # a live log's reader: nothing new for a while
E_NOMEM = -1
E_INVALID_ARG = -2
E_IO = -3
E_FORMAT = -4
E_LIMIT = -5
E_UNSUPPORTED = -6
E_ABI = -7
E_NOT_FOUND = -8
E_ENCODING = -9
E_XML = -10
E_STATE = -11
E_RANGE = -12


# ---------------------------------------------------------------------------
# Structures (frozen for every 1.x release)

class Str(Structure):
    """uclog_str: a view of bytes owned by somebody else."""
    _fields_ = [("ptr", c_void_p), ("len", c_size_t)]

    def copy(self):
        """The viewed bytes as a new ``bytes``, or None when absent."""
        if not self.ptr:
            return None
        return ctypes.string_at(self.ptr, self.len)

    @classmethod
    def of(cls, data):
        """A view of ``data`` (bytes); the caller keeps ``data`` alive."""
        buf = ctypes.c_char_p(data)
        return cls(ctypes.cast(buf, c_void_p), len(data))


class Span(Structure):
    """uclog_span: where something is in its source."""
    _fields_ = [("offset", c_uint64), ("length", c_uint64), ("line", c_uint32),
                ("column", c_uint32), ("file", c_uint32), ("reserved", c_uint32)]


class Mem(Structure):
    """uclog_mem: allocator hooks (the binding always passes NULL)."""
    _fields_ = [("malloc_fcn", CFUNCTYPE(c_void_p, c_size_t)),
                ("realloc_fcn", CFUNCTYPE(c_void_p, c_void_p, c_size_t)),
                ("free_fcn", CFUNCTYPE(None, c_void_p))]


class Defect(Structure):
    """uclog_defect."""
    _fields_ = [("code", c_int32), ("reserved", c_uint32), ("span", Span)]


class Timestamp(Structure):
    """uclog_timestamp."""
    _fields_ = [("epoch_ms", c_int64), ("year", c_uint16), ("month", c_uint8), ("day", c_uint8),
                ("hour", c_uint8), ("minute", c_uint8), ("second", c_uint8),
                ("reserved", c_uint8), ("millisecond", c_uint16), ("reserved2", c_uint16)]


class MsgFields(Structure):
    """uclog_msg_fields (1.3): one message of uclog_msg_iter_next_batch()."""
    _fields_ = [("span", Span), ("epoch_ms", c_int64), ("flags", c_uint32), ("direction", c_int32),
                ("status", c_uint32), ("cseq", c_uint32), ("call_id_offset", c_uint32),
                ("call_id_length", c_uint32), ("cseq_method_offset", c_uint32),
                ("cseq_method_length", c_uint32), ("method_offset", c_uint32),
                ("method_length", c_uint32), ("reserved", c_uint32 * 2)]


MSG_FIELDS_REQUEST = 1
MSG_FIELDS_CALL_ID = 2
MSG_FIELDS_CSEQ = 4
MSG_FIELDS_TIMESTAMP = 8


class RecordFields(Structure):
    """uclog_record_fields (1.3): one record of uclog_record_iter_next_batch()."""
    _fields_ = [("span", Span), ("epoch_ms", c_int64), ("flags", c_uint32), ("level", c_int32),
                ("pid", c_uint32), ("tid", c_uint32), ("text_offset", c_uint32),
                ("line_count", c_uint32)]


RECORD_FIELDS_HEADER = 1
RECORD_FIELDS_TIMESTAMP = 2


class DiagEvidenceInfo(Structure):
    """uclog_diag_evidence_info (libuclog-diag 1.3)."""
    _fields_ = [("span", Span), ("time", Timestamp), ("file", c_char_p), ("call_id", c_char_p),
                ("detail", c_char_p), ("subject", c_char_p), ("fields", c_void_p),
                ("fields_length", c_uint64), ("field_count", c_uint32), ("has_time", c_uint32),
                ("ms_code", c_uint32), ("ms_kind", c_uint32)]


LogFn = CFUNCTYPE(None, c_int32, c_char_p, c_void_p)
ReadFn = CFUNCTYPE(c_int64, c_void_p, c_void_p, c_size_t)


def _opaque(name):
    """A distinct pointer type per C handle, so handles cannot be mixed up."""
    return POINTER(type(name, (Structure,), {}))


CtxP = _opaque("uclog_ctx")
LogP = _opaque("uclog_log")
FollowP = _opaque("uclog_follow")
RecordIterP = _opaque("uclog_record_iter")
RecordP = _opaque("uclog_record")
PacketIterP = _opaque("uclog_packet_iter")
PacketP = _opaque("uclog_packet")
MsgIterP = _opaque("uclog_msg_iter")
IndexP = _opaque("uclog_index")
SipP = _opaque("uclog_sip")
SipPartP = _opaque("uclog_sip_part")
IndexFilterFn = CFUNCTYPE(c_int, SipP, PacketP, c_void_p)
SdpP = _opaque("uclog_sdp")
SdpMediaP = _opaque("uclog_sdp_media")
SdpCandP = _opaque("uclog_sdp_candidate")
MrasP = _opaque("uclog_mras")
CredReqP = _opaque("uclog_mras_credreq")
CredRespP = _opaque("uclog_mras_credresp")
RelayP = _opaque("uclog_mras_relay")
ProvP = _opaque("uclog_prov")
ProvGroupP = _opaque("uclog_prov_group")
ErrReportP = _opaque("uclog_errreport")
ErrReportErrorP = _opaque("uclog_errreport_error")
RedactOptionsP = _opaque("uclog_redact_options")
RedactStatsP = _opaque("uclog_redact_stats")
RedactWriteFn = CFUNCTYPE(c_int, c_void_p, c_uint32, c_void_p, c_size_t)
DiagOptionsP = _opaque("uclog_diag_options")
DiagReportP = _opaque("uclog_diag_report")
DiagPartFn = CFUNCTYPE(c_int, DiagReportP, c_void_p)
DiagVerdictP = _opaque("uclog_diag_verdict")
DiagEvidenceP = _opaque("uclog_diag_evidence")
DiagMsCodeP = _opaque("uclog_diag_ms_code")
DiagTextP = _opaque("uclog_diag_text")
# uclog_diag_write_fn: the text is not NUL-terminated, hence a plain pointer
DiagWriteFn = CFUNCTYPE(c_int, c_void_p, c_size_t, c_void_p)


# ---------------------------------------------------------------------------
# Errors

class Error(Exception):
    """A negative status from libuclog.

    Attributes: ``code`` (the negative status), ``strerror`` (the library's
    static text for the code), ``text`` (the most specific explanation: the
    context's message when it has one for this error, else ``strerror``),
    ``span`` (a :class:`uclog.Span` or None) and ``function`` (the C
    function that failed).
    """

    def __init__(self, code: int, text: Optional[str] = None, span: Any = None,
                 function: Optional[str] = None) -> None:
        self.code = code
        self.strerror = strerror(code)
        self.text = text or self.strerror
        self.span = span
        self.function = function
        super().__init__(code, self.text)

    def __str__(self):
        where = ""
        if self.span is not None:
            where = " at line %d, column %d (offset %d)" % (self.span.line, self.span.column,
                                                           self.span.offset)
        return "%s%s [%d]" % (self.text, where, self.code)

    def attach_context(self, ctx: Any) -> "Error":
        """Take the message and position the context has for this error."""
        if not ctx or _lib is None or _lib.uclog_ctx_errcode(ctx) != self.code:
            return self
        msg = _lib.uclog_ctx_errmsg(ctx)
        if msg:
            self.text = msg.decode("utf-8", "replace")
            self.args = (self.code, self.text)
        sp = Span()
        if _lib.uclog_ctx_error_span(ctypes.byref(sp), ctx) == 0:
            self.span = span_to_python(sp)
        return self


_OS_ERRORS: Dict[type, type] = {}


def as_os_error(err, errno_, filename):
    """``err`` (UCLOG_E_IO) as an instance of both :class:`Error` and the
    OSError subclass ``errno_`` maps to (FileNotFoundError,
    PermissionError, IsADirectoryError, …), with ``errno`` and
    ``filename`` set; ``code``, ``text`` and ``strerror`` stay the
    library's."""
    base = type(OSError(errno_, ""))
    cls = _OS_ERRORS.get(base)
    if cls is None:
        cls = _OS_ERRORS[base] = type(base.__name__, (Error, base),
                                      {"__module__": "uclog", "__doc__": Error.__doc__})
    out = cls(err.code, err.text, err.span, err.function)
    out.errno, out.filename, out.strerror = errno_, filename, err.strerror
    out.args = (err.code, err.text)
    return out


# Set by the public layer: turns a Span structure into its Python value.
span_to_python: Callable[[Span], Any] = lambda sp: sp


def strerror(code: int) -> str:
    if _lib is None:
        return "libuclog error %d" % code
    return _lib.uclog_strerror(code).decode("ascii", "replace")


# ---------------------------------------------------------------------------
# Object counts

_live: Counter[str] = collections.Counter()


def live():
    """Objects created through the binding and not yet freed, by kind."""
    return {k: v for k, v in _live.items() if v}


# ---------------------------------------------------------------------------
# errcheck functions, one per kind of return value

def _ctx_of(func, args):
    src = getattr(func, "ctx_from", None)
    if src is None:
        return None
    what, i = src
    if what == "ctx":
        return args[i]
    if what == "log" and args[i]:
        return _lib.uclog_log_ctx(args[i])
    return None


def _raise(rc, func, args):
    err = Error(rc, function=func.__name__)
    err.attach_context(_ctx_of(func, args))
    raise err


def _check_status(rc, func, args):
    """0 or 1 (DONE) pass through; negatives raise."""
    if rc < 0:
        _raise(rc, func, args)
    return rc


def _check_found(rc, func, args):
    """True when found, False for UCLOG_E_NOT_FOUND; other negatives raise."""
    if rc == E_NOT_FOUND:
        return False
    if rc < 0:
        _raise(rc, func, args)
    return True


def _check_new(rc, func, args):
    """A constructor: count the object it hands out."""
    if rc < 0:
        _raise(rc, func, args)
    _live[func.kind] += 1
    return rc


def _check_free(result, func, args):
    if args[0]:
        _live[func.kind] -= 1
    return result


def _check_alloc(result, func, args):
    if result:
        _live[func.kind] += 1
    return result


def _check_realloc(result, func, args):
    # realloc(NULL, n) allocates; a failed realloc leaves the block alone.
    if result and not args[1]:
        _live[func.kind] += 1
    return result


def _check_dealloc(result, func, args):
    if args[1]:
        _live[func.kind] -= 1
    return result


# ---------------------------------------------------------------------------
# The prototype table. Each row: name, restype, argtypes, check.
# check is None (a plain value), "status", "found", or a tuple
# ("new", kind[, ctx_from]) / ("free", kind) / ("alloc"|"realloc"|"dealloc", kind).
# ctx_from says where the context of a failing call is: ("ctx", i) for an
# argument that is a uclog_ctx *, ("log", i) for a uclog_log *.

S = POINTER(Str)
SPAN = POINTER(Span)
DEF = POINTER(Defect)
TS = POINTER(Timestamp)
U16 = POINTER(c_uint16)
U32 = POINTER(c_uint32)
U64 = POINTER(c_uint64)
I32 = POINTER(c_int32)
INT = POINTER(c_int)
int_ = c_int
i32 = c_int32
u16 = c_uint16
u32 = c_uint32
u64 = c_uint64
size = c_size_t
cstr = c_char_p
CTX = ("ctx", 1)
LOG = ("log", 1)

CORE_PROTOTYPES = [
    # context, errors, version (common.h, errors.h, version.h)
    ("uclog_ctx_new", int_, [POINTER(CtxP), POINTER(Mem)], ("new", "ctx")),
    ("uclog_ctx_free", None, [CtxP], ("free", "ctx")),
    ("uclog_ctx_set_limit", int_, [CtxP, u32, u64], "status"),
    ("uclog_ctx_get_limit", u64, [CtxP, u32], None),
    ("uclog_ctx_set_log_fn", None, [CtxP, LogFn, c_void_p, i32], None),
    ("uclog_ctx_errmsg", cstr, [CtxP], None),
    ("uclog_ctx_errcode", int_, [CtxP], None),
    ("uclog_ctx_error_span", int_, [SPAN, CtxP], None),
    ("uclog_ctx_alloc", c_void_p, [CtxP, size], ("alloc", "block")),
    ("uclog_ctx_realloc", c_void_p, [CtxP, c_void_p, size], ("realloc", "block")),
    ("uclog_ctx_dealloc", None, [CtxP, c_void_p], ("dealloc", "block")),
    ("uclog_str_next_line", int_, [S, S], "status"),
    ("uclog_utf8_char_len", size, [c_char_p, size], None),  # since 1.3
    ("uclog_utf8_char_shown", int_, [c_char_p, size], None),  # since 1.3
    ("uclog_strerror", cstr, [int_], None),
    ("uclog_defect_name", cstr, [i32], None),
    ("uclog_defect_text", cstr, [i32], None),
    ("uclog_version", u32, [], None),
    ("uclog_version_string", cstr, [], None),
    # log.h
    ("uclog_log_open_file", int_, [POINTER(LogP), CtxP, cstr], ("new", "log", CTX)),
    ("uclog_log_open_files", int_, [POINTER(LogP), CtxP, POINTER(cstr), size], ("new", "log", CTX)),
    ("uclog_log_open_buffer", int_, [POINTER(LogP), CtxP, c_void_p, size, cstr],
     ("new", "log", CTX)),
    ("uclog_log_open_files_buffer", int_, [POINTER(LogP), CtxP, POINTER(cstr), size, size, c_void_p, size],
     ("new", "log", CTX)),
    ("uclog_log_open_reader", int_, [POINTER(LogP), CtxP, ReadFn, c_void_p, cstr],
     ("new", "log", CTX)),
    ("uclog_log_open_live", int_, [POINTER(LogP), CtxP, ReadFn, c_void_p, cstr],
     ("new", "log", CTX)),
    ("uclog_log_free", None, [LogP], ("free", "log")),
    ("uclog_log_file_count", u32, [LogP], None),
    ("uclog_log_file_name", cstr, [LogP, u32], None),
    ("uclog_log_file_size", u64, [LogP, u32], None),
    ("uclog_log_file_encoding", i32, [LogP, u32], None),
    ("uclog_log_file_cr_line_ends", i32, [LogP, u32], None),
    ("uclog_log_file_kind", i32, [LogP, u32], None),
    ("uclog_file_kind_name", cstr, [i32], None),
    ("uclog_file_kind_reason", cstr, [i32], None),
    ("uclog_log_ctx", CtxP, [LogP], None),
    # follow.h
    ("uclog_follow_new", int_, [POINTER(FollowP), CtxP, cstr, u32], ("new", "follow", CTX)),
    ("uclog_follow_free", None, [FollowP], ("free", "follow")),
    ("uclog_follow_set_times", int_, [FollowP, u32, u32], "status"),
    ("uclog_follow_watching", int_, [FollowP], None),
    ("uclog_follow_read", c_int64, [c_void_p, c_void_p, size], None),
    ("uclog_follow_stop", None, [FollowP], None),
    ("uclog_record_iter_new", int_, [POINTER(RecordIterP), LogP], ("new", "record_iter", LOG)),
    ("uclog_record_iter_next", int_, [POINTER(RecordP), RecordIterP], "status"),
    ("uclog_record_iter_next_batch", int_, [POINTER(RecordFields), POINTER(u32), RecordIterP, u32,
                                            c_size_t], "status"),
    ("uclog_record_iter_free", None, [RecordIterP], ("free", "record_iter")),
    ("uclog_record_has_header", int_, [RecordP], None),
    ("uclog_record_timestamp", int_, [TS, RecordP], "found"),
    ("uclog_record_pid", u32, [RecordP], None),
    ("uclog_record_tid", u32, [RecordP], None),
    ("uclog_record_level", i32, [RecordP], None),
    ("uclog_record_level_word", None, [S, RecordP], None),
    ("uclog_record_text", None, [S, RecordP], None),
    ("uclog_record_continuation", None, [S, RecordP], None),
    ("uclog_record_raw", None, [S, RecordP], None),
    ("uclog_record_span", None, [SPAN, RecordP], None),
    ("uclog_record_text_offset", u32, [RecordP], None),
    ("uclog_record_line_count", u32, [RecordP], None),
    ("uclog_record_defect_count", u32, [RecordP], None),
    ("uclog_record_defect", int_, [DEF, RecordP, u32], "status"),
    ("uclog_line_is_header", int_, [c_void_p, size], None),
    ("uclog_level_name", cstr, [i32], None),
    # packet.h
    ("uclog_packet_iter_new", int_, [POINTER(PacketIterP), LogP], ("new", "packet_iter", LOG)),
    ("uclog_packet_iter_next", int_, [POINTER(PacketP), PacketIterP], "status"),
    ("uclog_packet_iter_free", None, [PacketIterP], ("free", "packet_iter")),
    ("uclog_packet_direction", i32, [PacketP], None),
    ("uclog_packet_remote", int_, [S, U32, PacketP], "found"),
    ("uclog_packet_local", int_, [S, U32, PacketP], "found"),
    ("uclog_packet_remote_endpoint", int_, [S, U16, PacketP], "found"),
    ("uclog_packet_local_endpoint", int_, [S, U16, PacketP], "found"),
    ("uclog_packet_declared_bytes", int_, [U64, PacketP], "found"),
    ("uclog_packet_bytes", None, [S, PacketP], None),
    ("uclog_packet_bytes_span", None, [SPAN, PacketP], None),
    ("uclog_packet_span", None, [SPAN, PacketP], None),
    ("uclog_packet_timestamp", int_, [TS, PacketP], "found"),
    ("uclog_packet_tid", u32, [PacketP], None),
    ("uclog_packet_pid", u32, [PacketP], None),
    ("uclog_packet_level", i32, [PacketP], None),
    ("uclog_packet_defect_count", u32, [PacketP], None),
    ("uclog_packet_defect", int_, [DEF, PacketP, u32], "status"),
    ("uclog_packet_parse_framing", int_, [I32, INT, S, U32, S, U32, U64, Str], None),
    ("uclog_packet_framing_parse", int_, [I32, INT, S, U16, S, U16, U64, Str], None),
    ("uclog_msg_iter_new", int_, [POINTER(MsgIterP), LogP], ("new", "msg_iter", LOG)),
    ("uclog_msg_iter_next", int_, [POINTER(SipP), POINTER(PacketP), MsgIterP], "status"),
    ("uclog_msg_iter_free", None, [MsgIterP], ("free", "msg_iter")),
    ("uclog_msg_iter_set_flags", int_, [MsgIterP, u32], "status"),
    ("uclog_msg_iter_next_batch", int_, [POINTER(MsgFields), POINTER(u32), c_void_p, MsgIterP, u32,
                                         c_size_t, c_size_t], "status"),
    ("uclog_msg_iter_unusable_count", u64, [MsgIterP], None),
    # index.h
    ("uclog_index_build", int_, [POINTER(IndexP), LogP], ("new", "index", LOG)),
    ("uclog_index_build_filtered", int_, [POINTER(IndexP), LogP, IndexFilterFn, c_void_p],
     ("new", "index", LOG)),
    ("uclog_index_free", None, [IndexP], ("free", "index")),
    ("uclog_index_message_count", u32, [IndexP], None),
    ("uclog_index_unusable_count", u64, [IndexP], None),
    ("uclog_index_unusable_span", int_, [SPAN, IndexP, u32], None),
    ("uclog_index_message_parse", int_, [POINTER(SipP), IndexP, u32], ("new", "sip")),
    ("uclog_index_message_direction", i32, [IndexP, u32], None),
    ("uclog_index_message_span", int_, [SPAN, IndexP, u32], "status"),
    ("uclog_index_message_addresses", int_, [S, U32, S, U32, IndexP, u32], "found"),
    ("uclog_index_message_endpoints", int_, [S, U16, S, U16, IndexP, u32], "found"),
    ("uclog_index_message_timestamp", int_, [TS, IndexP, u32], "found"),
    ("uclog_index_message_call_id", int_, [S, IndexP, u32], "found"),
    ("uclog_index_message_cseq", int_, [U32, S, IndexP, u32], "found"),
    ("uclog_index_message_kind", int_, [S, U32, IndexP, u32], "status"),
    ("uclog_index_message_type", int_, [I32, S, U32, IndexP, u32], "status"),
    ("uclog_index_request_of", int_, [U32, IndexP, u32], "found"),
    ("uclog_index_response_count", u32, [IndexP, u32], None),
    ("uclog_index_response", int_, [U32, IndexP, u32, u32], "status"),
    ("uclog_index_final_response", int_, [U32, IndexP, u32], "found"),
    ("uclog_index_message_retransmits", int_, [U32, IndexP, u32], "found"),
    ("uclog_index_message_since_request", int_, [POINTER(c_int64), IndexP, u32], "found"),
    ("uclog_index_transaction_timing", int_, [POINTER(c_int64), POINTER(c_int64), IndexP, u32], "found"),
    ("uclog_index_transaction_retransmissions", u32, [IndexP, u32], None),
    ("uclog_index_call_count", u32, [IndexP], None),
    ("uclog_index_find_call", int_, [U32, IndexP, c_void_p, size], "found"),
    ("uclog_index_call_find", int_, [U32, IndexP, c_void_p, size], "found"),
    ("uclog_index_call_id", int_, [S, IndexP, u32], "status"),
    ("uclog_index_call_message_count", u32, [IndexP, u32], None),
    ("uclog_index_call_message", int_, [U32, IndexP, u32, u32], "status"),
    # sip.h: messages
    ("uclog_sip_parse", int_, [POINTER(SipP), CtxP, c_void_p, size, SPAN], ("new", "sip", CTX)),
    ("uclog_sip_free", None, [SipP], ("free", "sip")),
    ("uclog_sip_length", u64, [SipP], None),
    ("uclog_sip_span", int_, [SPAN, SipP], "status"),
    ("uclog_sip_raw", int_, [S, SPAN, SipP], "status"),
    ("uclog_sip_is_request", int_, [SipP], None),
    ("uclog_sip_start_line", int_, [S, SPAN, SipP], "status"),
    ("uclog_sip_request_line", int_, [S, S, S, SipP], "found"),
    ("uclog_sip_status_line", int_, [S, U32, S, SipP], "found"),
    ("uclog_sip_header_count", u32, [SipP], None),
    ("uclog_sip_header", int_, [S, S, SPAN, SipP, u32], "status"),
    ("uclog_sip_find_header", int_, [S, U32, SipP, cstr, u32], "found"),
    ("uclog_sip_header_find", int_, [S, U32, SipP, cstr, u32], "found"),
    ("uclog_sip_body", int_, [S, SPAN, SipP], "status"),
    ("uclog_sip_defect_count", u32, [SipP], None),
    ("uclog_sip_defect", int_, [DEF, SipP, u32], "status"),
    ("uclog_sip_is_response_to", int_, [SipP, SipP], None),
    # sip.h: multipart
    ("uclog_sip_part_count", u32, [SipP], None),
    ("uclog_sip_part_get", int_, [POINTER(SipPartP), SipP, u32], "status"),
    ("uclog_sip_part_header_count", u32, [SipPartP], None),
    ("uclog_sip_part_header", int_, [S, S, SPAN, SipPartP, u32], "status"),
    ("uclog_sip_part_find_header", int_, [S, U32, SipPartP, cstr, u32], "found"),
    ("uclog_sip_part_header_find", int_, [S, U32, SipPartP, cstr, u32], "found"),
    ("uclog_sip_part_body", int_, [S, SPAN, SipPartP], "status"),
    ("uclog_sip_part_raw", int_, [S, SPAN, SipPartP], "status"),
    ("uclog_sip_part_content_type", int_, [S, S, S, SipPartP], None),
    ("uclog_sip_part_disposition", int_, [S, S, SipPartP], "found"),
    ("uclog_sip_part_is_2007_fallback", int_, [SipPartP], None),
    ("uclog_sip_part_content_id", int_, [S, SipPartP], "found"),
    # sip.h: typed headers (FORMAT is an answer here, so these return the code)
    ("uclog_sip_call_id", int_, [S, SipP], "found"),
    ("uclog_sip_cseq", int_, [U32, S, SipP], None),
    ("uclog_sip_from", int_, [S, S, S, S, SipP], None),
    ("uclog_sip_to", int_, [S, S, S, S, SipP], None),
    ("uclog_sip_contact", int_, [S, S, S, SipP], None),
    ("uclog_sip_via_count", u32, [SipP], None),
    ("uclog_sip_via", int_, [S, S, U32, S, SipP, u32], None),
    ("uclog_sip_via_entry", int_, [S, S, U16, S, SipP, u32], None),
    ("uclog_sip_content_type", int_, [S, S, S, SipP], None),
    ("uclog_sip_content_length", int_, [U64, SipP], None),
    ("uclog_sip_event", int_, [S, S, SipP], None),
    ("uclog_sip_expires", int_, [U32, SipP], None),
    ("uclog_sip_user_agent", int_, [S, SipP], "found"),
    ("uclog_sip_server", int_, [S, SipP], "found"),
    ("uclog_sip_logon_data", int_, [S, SipP], "found"),
    ("uclog_sip_is_remote_user", int_, [SipP], None),
    ("uclog_sip_endpoint_location", int_, [S, S, SipP], None),
    ("uclog_sip_diag_count", u32, [SipP], None),
    ("uclog_sip_diag", int_, [S, U32, SipP, u32], "status"),
    ("uclog_sip_diag_kind_name", cstr, [u32], None),
    # sip.h: value parsers
    ("uclog_sip_list_next", int_, [S, S], "status"),
    ("uclog_sip_param", int_, [S, Str, cstr], "found"),
    ("uclog_sip_parse_u64", int_, [U64, Str], None),
    ("uclog_sip_unfold", int_, [c_void_p, size, POINTER(size), Str], None),
    ("uclog_sip_name_addr_parse", int_, [S, S, S, Str], None),
    ("uclog_sip_via_parse", int_, [S, S, U32, S, Str], None),
    ("uclog_sip_via_entry_parse", int_, [S, S, U16, S, Str], None),
    ("uclog_sip_content_type_parse", int_, [S, S, S, Str], None),
    ("uclog_sip_auth_parse", int_, [S, S, Str], None),
    ("uclog_sip_auth_param", int_, [S, Str, cstr], "found"),
    ("uclog_sip_diag_parse", int_, [U32, U32, S, S, Str], None),
    ("uclog_sip_diag_param", int_, [S, Str, cstr], "found"),
    ("uclog_sip_diag_media_debug", int_, [S, S, Str, cstr], "found"),
    # addr.h
    ("uclog_addr_family", i32, [c_void_p, size], None),
    ("uclog_addr_parse", int_, [POINTER(c_uint8), c_void_p, size], None),
    ("uclog_addr_to_bytes", int_, [POINTER(c_uint8), I32, c_void_p, size], None),
    ("uclog_addr_class", i32, [c_void_p, size], None),
    ("uclog_addr_equal", int_, [c_void_p, size, c_void_p, size], None),
    ("uclog_addr_family_name", cstr, [i32], None),
    ("uclog_addr_class_name", cstr, [i32], None),
    # sdp.h
    ("uclog_sdp_parse", int_, [POINTER(SdpP), CtxP, c_void_p, size, SPAN], ("new", "sdp", CTX)),
    ("uclog_sdp_free", None, [SdpP], ("free", "sdp")),
    ("uclog_sdp_span", None, [SPAN, SdpP], None),
    ("uclog_sdp_line_count", u32, [SdpP], None),
    ("uclog_sdp_line", int_, [I32, S, SPAN, SdpP, u32], "status"),
    ("uclog_sdp_defect_count", u32, [SdpP], None),
    ("uclog_sdp_defect", int_, [DEF, SdpP, u32], "status"),
    ("uclog_sdp_session_line", int_, [S, SdpP, i32], "found"),
    ("uclog_sdp_origin", int_, [S, S, S, S, S, SdpP], "found"),
    ("uclog_sdp_connection", int_, [S, S, SdpP], "found"),
    ("uclog_sdp_attr_count", u32, [SdpP], None),
    ("uclog_sdp_attr", int_, [S, S, SPAN, SdpP, u32], "status"),
    ("uclog_sdp_attr_find", int_, [S, U32, SdpP, cstr, u32], "found"),
    ("uclog_sdp_media_count", u32, [SdpP], None),
    ("uclog_sdp_media_get", int_, [POINTER(SdpMediaP), SdpP, u32], "status"),
    ("uclog_sdp_media_span", None, [SPAN, SdpMediaP], None),
    ("uclog_sdp_media_type", None, [S, SdpMediaP], None),
    ("uclog_sdp_media_port", u16, [SdpMediaP], None),
    ("uclog_sdp_media_proto", None, [S, SdpMediaP], None),
    ("uclog_sdp_media_format_count", u32, [SdpMediaP], None),
    ("uclog_sdp_media_format", int_, [S, SdpMediaP, u32], "status"),
    ("uclog_sdp_media_line", int_, [S, SdpMediaP, i32], "found"),
    ("uclog_sdp_media_connection", int_, [S, S, SdpMediaP], "found"),
    ("uclog_sdp_media_attr_count", u32, [SdpMediaP], None),
    ("uclog_sdp_media_attr", int_, [S, S, SPAN, SdpMediaP, u32], "status"),
    ("uclog_sdp_media_attr_find", int_, [S, U32, SdpMediaP, cstr, u32], "found"),
    ("uclog_sdp_media_ice_ufrag", int_, [S, SdpMediaP], "found"),
    ("uclog_sdp_media_ice_pwd", int_, [S, SdpMediaP], "found"),
    ("uclog_sdp_media_encryption", int_, [I32, S, SdpMediaP], "found"),
    ("uclog_sdp_media_key", int_, [S, S, SdpMediaP], "found"),
    ("uclog_sdp_media_crypto_count", u32, [SdpMediaP], None),
    ("uclog_sdp_media_crypto", int_, [I32, U32, S, S, S, SdpMediaP, u32], "status"),
    ("uclog_sdp_media_diagnostics", int_, [U32, S, S, SdpMediaP], "found"),
    ("uclog_sdp_media_remote_username", int_, [S, SdpMediaP], "found"),
    ("uclog_sdp_media_remote_count", u32, [SdpMediaP], None),
    ("uclog_sdp_media_remote", int_, [U32, S, U16, SdpMediaP, u32], "status"),
    ("uclog_sdp_candidate_count", u32, [SdpMediaP], None),
    ("uclog_sdp_candidate_get", int_, [POINTER(SdpCandP), SdpMediaP, u32], "status"),
    ("uclog_sdp_candidate_span", None, [SPAN, SdpCandP], None),
    ("uclog_sdp_candidate_raw", None, [S, SdpCandP], None),
    ("uclog_sdp_candidate_form", i32, [SdpCandP], None),
    ("uclog_sdp_candidate_attribute", i32, [SdpCandP], None),
    ("uclog_sdp_candidate_component", u32, [SdpCandP], None),
    ("uclog_sdp_candidate_transport", i32, [SdpCandP], None),
    ("uclog_sdp_candidate_transport_raw", None, [S, SdpCandP], None),
    ("uclog_sdp_candidate_priority", int_, [U32, SdpCandP], "found"),
    ("uclog_sdp_candidate_qvalue", int_, [U32, SdpCandP], "found"),
    ("uclog_sdp_candidate_address", None, [S, SdpCandP], None),
    ("uclog_sdp_candidate_port", u16, [SdpCandP], None),
    ("uclog_sdp_candidate_type", i32, [SdpCandP], None),
    ("uclog_sdp_candidate_type_raw", None, [S, SdpCandP], None),
    ("uclog_sdp_candidate_related", int_, [S, U16, SdpCandP], "found"),
    ("uclog_sdp_candidate_foundation", None, [S, SdpCandP], None),
    ("uclog_sdp_candidate_username", None, [S, SdpCandP], None),
    ("uclog_sdp_candidate_password", None, [S, SdpCandP], None),
    ("uclog_sdp_candidate_ext_count", u32, [SdpCandP], None),
    ("uclog_sdp_candidate_ext", int_, [S, S, SdpCandP, u32], "status"),
    ("uclog_sdp_candidate_ext_find", int_, [S, SdpCandP, cstr], "found"),
    ("uclog_sip_sdp_count", u32, [SipP], None),
    ("uclog_sip_sdp_body", int_, [S, SPAN, I32, SipP, u32], "status"),
    ("uclog_sdp_transport_name", cstr, [i32], None),
    ("uclog_sdp_candidate_type_name", cstr, [i32], None),
    # mras.h
    ("uclog_mras_parse", int_, [POINTER(MrasP), CtxP, c_void_p, size, SPAN],
     ("new", "mras", CTX)),
    ("uclog_mras_free", None, [MrasP], ("free", "mras")),
    ("uclog_mras_kind", i32, [MrasP], None),
    ("uclog_mras_span", None, [SPAN, MrasP], None),
    ("uclog_mras_request_id", int_, [S, MrasP], "found"),
    ("uclog_mras_version", int_, [S, MrasP], "found"),
    ("uclog_mras_server_version", int_, [S, MrasP], "found"),
    ("uclog_mras_to", int_, [S, MrasP], "found"),
    ("uclog_mras_from", int_, [S, MrasP], "found"),
    ("uclog_mras_route", int_, [S, MrasP], "found"),
    ("uclog_mras_reason_phrase", int_, [S, MrasP], "found"),
    ("uclog_mras_reason", i32, [MrasP], None),
    ("uclog_mras_reason_name", cstr, [i32], None),
    ("uclog_mras_defect_count", u32, [MrasP], None),
    ("uclog_mras_defect", int_, [DEF, MrasP, u32], "status"),
    ("uclog_mras_credreq_count", u32, [MrasP], None),
    ("uclog_mras_credreq_get", int_, [POINTER(CredReqP), MrasP, u32], "status"),
    ("uclog_mras_credreq_id", int_, [S, CredReqP], "found"),
    ("uclog_mras_credreq_identity", int_, [S, CredReqP], "found"),
    ("uclog_mras_credreq_location", int_, [S, CredReqP], "found"),
    ("uclog_mras_credreq_duration", int_, [U32, CredReqP], None),
    ("uclog_mras_credreq_span", None, [SPAN, CredReqP], None),
    ("uclog_mras_credresp_count", u32, [MrasP], None),
    ("uclog_mras_credresp_get", int_, [POINTER(CredRespP), MrasP, u32], "status"),
    ("uclog_mras_credresp_id", int_, [S, CredRespP], "found"),
    ("uclog_mras_credresp_username", int_, [S, CredRespP], "found"),
    ("uclog_mras_credresp_password", int_, [S, CredRespP], "found"),
    ("uclog_mras_credresp_realm", int_, [S, CredRespP], "found"),
    ("uclog_mras_credresp_duration", int_, [U32, CredRespP], None),
    ("uclog_mras_credresp_span", None, [SPAN, CredRespP], None),
    ("uclog_mras_relay_count", u32, [CredRespP], None),
    ("uclog_mras_relay_get", int_, [POINTER(RelayP), CredRespP, u32], "status"),
    ("uclog_mras_relay_location", int_, [S, RelayP], "found"),
    ("uclog_mras_relay_host_kind", i32, [RelayP], None),
    ("uclog_mras_relay_host", int_, [S, SPAN, RelayP], "found"),
    ("uclog_mras_relay_udp_port", int_, [U16, RelayP], None),
    ("uclog_mras_relay_tcp_port", int_, [U16, RelayP], None),
    ("uclog_mras_relay_span", None, [SPAN, RelayP], None),
    # prov.h
    ("uclog_prov_parse", int_, [POINTER(ProvP), CtxP, c_void_p, size, SPAN],
     ("new", "prov", CTX)),
    ("uclog_prov_parse_until", int_, [POINTER(ProvP), CtxP, c_void_p, size, SPAN, cstr],
     ("new", "prov", CTX)),
    ("uclog_prov_free", None, [ProvP], ("free", "prov")),
    ("uclog_prov_kind", i32, [ProvP], None),
    ("uclog_prov_span", None, [SPAN, ProvP], None),
    ("uclog_prov_group_count", u32, [ProvP], None),
    ("uclog_prov_group_get", int_, [POINTER(ProvGroupP), ProvP, u32], "status"),
    ("uclog_prov_group_find", int_, [POINTER(ProvGroupP), ProvP, cstr], "found"),
    ("uclog_prov_group_name", int_, [S, ProvGroupP], "found"),
    ("uclog_prov_group_span", None, [SPAN, ProvGroupP], None),
    ("uclog_prov_group_shape", i32, [ProvGroupP], None),
    ("uclog_prov_key_count", u32, [ProvGroupP], None),
    ("uclog_prov_key", int_, [S, S, SPAN, ProvGroupP, u32], "status"),
    ("uclog_prov_group_lookup", int_, [S, SPAN, ProvGroupP, cstr], "found"),
    ("uclog_prov_lookup", int_, [S, SPAN, ProvP, cstr, cstr], "found"),
    ("uclog_prov_defect_count", u32, [ProvP], None),
    ("uclog_prov_defect", int_, [DEF, ProvP, u32], "status"),
    # reporterror.h
    ("uclog_errreport_parse", int_, [POINTER(ErrReportP), CtxP, c_void_p, size, SPAN],
     ("new", "errreport", CTX)),
    ("uclog_errreport_free", None, [ErrReportP], ("free", "errreport")),
    ("uclog_errreport_span", None, [SPAN, ErrReportP], None),
    ("uclog_errreport_error_count", u32, [ErrReportP], None),
    ("uclog_errreport_error_get", int_, [POINTER(ErrReportErrorP), ErrReportP, u32], "status"),
    ("uclog_errreport_error_attr", int_, [S, ErrReportErrorP, cstr], "found"),
    ("uclog_errreport_error_response_code", int_, [U32, ErrReportErrorP], None),
    ("uclog_errreport_error_span", None, [SPAN, ErrReportErrorP], None),
    ("uclog_errreport_diag_count", u32, [ErrReportErrorP], None),
    ("uclog_errreport_diag_get", int_, [S, SPAN, ErrReportErrorP, u32], "status"),
    ("uclog_errreport_progress_count", u32, [ErrReportErrorP], None),
    ("uclog_errreport_progress_get", int_, [S, SPAN, ErrReportErrorP, u32], "status"),
    ("uclog_errreport_defect_count", u32, [ErrReportP], None),
    ("uclog_errreport_defect", int_, [DEF, ErrReportP, u32], "status"),
    # redact.h (1.3)
    ("uclog_redact_options_new", int_, [POINTER(RedactOptionsP), CtxP], ("new", "redact_options", CTX)),
    ("uclog_redact_options_free", None, [RedactOptionsP], ("free", "redact_options")),
    ("uclog_redact_options_set_pseudonymise", int_, [RedactOptionsP, i32], "status"),
    ("uclog_redact_options_set_key", int_, [RedactOptionsP, c_void_p, size], "status"),
    ("uclog_redact_stats_new", int_, [POINTER(RedactStatsP), CtxP], ("new", "redact_stats", CTX)),
    ("uclog_redact_stats_free", None, [RedactStatsP], ("free", "redact_stats")),
    ("uclog_redact_stats_count", u64, [RedactStatsP, i32], None),
    ("uclog_redact_kind_name", cstr, [i32], None),
    ("uclog_redact_log", int_, [LogP, RedactOptionsP, RedactWriteFn, c_void_p, RedactStatsP], "status"),
    ("uclog_redact_mask_text", u32, [c_void_p, c_void_p, size], None),
]

#: Symbols of lib/libuclog.map this binding leaves out on purpose, with why.
CORE_UNBOUND = {
    "uclog_log_open_stream":
        "takes a stdio FILE *, which Python cannot hand over portably; "
        "uclog.open_stream() reads any Python file object through uclog_log_open_reader",
}

OPTS = DiagOptionsP
REP = DiagReportP
VERD = DiagVerdictP
EVID = DiagEvidenceP
MSCODE = DiagMsCodeP

# include/uclog/diag.h (libuclog-diag.so.1).
DIAG_PROTOTYPES = [
    ("uclog_diag_options_new", int_, [POINTER(OPTS), CtxP], ("new", "diag_options", CTX)),
    ("uclog_diag_options_free", None, [OPTS], ("free", "diag_options")),
    ("uclog_diag_options_add_edge_ip", int_, [OPTS, cstr], "status"),
    ("uclog_diag_options_set_edge_nat_ip", int_, [OPTS, cstr], "status"),
    ("uclog_diag_options_add_edge_private_ip", int_, [OPTS, cstr], "status"),
    ("uclog_diag_options_set_client_location", int_, [OPTS, i32], "status"),
    ("uclog_diag_run", int_, [POINTER(REP), LogP, OPTS], ("new", "diag_report", LOG)),
    ("uclog_diag_run_parts", int_, [LogP, OPTS, DiagPartFn, c_void_p], "status"),
    ("uclog_diag_report_free", None, [REP], ("free", "diag_report")),
    ("uclog_diag_report_file_count", u32, [REP], None),
    ("uclog_diag_report_file_name", cstr, [REP, u32], None),
    ("uclog_diag_report_client_uri", cstr, [REP], None),
    ("uclog_diag_report_client_user_agent", cstr, [REP], None),
    ("uclog_diag_report_client_version", cstr, [REP], None),
    ("uclog_diag_report_client_location", i32, [REP], None),
    ("uclog_diag_report_client_location_reason", cstr, [REP], None),
    ("uclog_diag_report_call_count", u32, [REP], None),
    ("uclog_diag_report_call_id", cstr, [REP, u32], None),
    ("uclog_diag_report_call_direction", i32, [REP, u32], None),
    ("uclog_diag_report_call_peer", cstr, [REP, u32], None),
    ("uclog_diag_report_call_cut", i32, [REP, u32], None),
    ("uclog_diag_report_unusable_count", u64, [REP], None),
    ("uclog_diag_report_unusable_span", int_, [POINTER(Span), REP, u32], None),
    ("uclog_diag_options_set_window_bytes", int_, [OPTS, u64], "status"),
    ("uclog_diag_call_cut_name", cstr, [i32], None),
    ("uclog_diag_report_call_outcome", i32, [REP, u32], None),
    ("uclog_diag_call_outcome_name", cstr, [i32], None),
    ("uclog_diag_report_call_start", int_, [TS, REP, u32], "found"),
    ("uclog_diag_report_call_worst_verdict", VERD, [REP, u32], None),
    ("uclog_diag_report_call_find", int_, [U32, REP, cstr], "found"),
    ("uclog_diag_report_verdict_count", u32, [REP], None),
    ("uclog_diag_report_verdict", VERD, [REP, u32], None),
    ("uclog_diag_report_worst_severity", i32, [REP], None),
    ("uclog_diag_verdict_code", i32, [VERD], None),
    ("uclog_diag_verdict_name", cstr, [VERD], None),
    ("uclog_diag_verdict_severity", i32, [VERD], None),
    ("uclog_diag_verdict_certainty", i32, [VERD], None),
    ("uclog_diag_verdict_reason", cstr, [VERD], None),
    ("uclog_diag_verdict_step", cstr, [VERD], None),
    ("uclog_diag_verdict_summary", cstr, [VERD], None),
    ("uclog_diag_verdict_call_id", cstr, [VERD], None),
    ("uclog_diag_verdict_call", i32, [VERD], None),
    ("uclog_diag_verdict_evidence_count", u32, [VERD], None),
    ("uclog_diag_verdict_evidence", EVID, [VERD, u32], None),
    ("uclog_diag_verdict_checklist_count", u32, [VERD], None),
    ("uclog_diag_verdict_checklist", cstr, [VERD, u32], None),
    ("uclog_diag_evidence_file", cstr, [EVID], None),
    ("uclog_diag_evidence_span", None, [SPAN, EVID], None),
    ("uclog_diag_evidence_time", int_, [TS, EVID], "found"),
    ("uclog_diag_evidence_call_id", cstr, [EVID], None),
    ("uclog_diag_evidence_detail", cstr, [EVID], None),
    ("uclog_diag_code_next", i32, [i32], None),
    ("uclog_diag_code_name", cstr, [i32], None),
    ("uclog_diag_code_severity", i32, [i32], None),
    ("uclog_diag_code_step", cstr, [i32], None),
    ("uclog_diag_code_condition", cstr, [i32], None),
    ("uclog_diag_code_checklist_count", u32, [i32], None),
    ("uclog_diag_code_checklist", cstr, [i32, u32], None),
    ("uclog_diag_severity_name", cstr, [i32], None),
    ("uclog_diag_certainty_name", cstr, [i32], None),
    ("uclog_diag_location_name", cstr, [i32], None),
    ("uclog_diag_icewarn_bit", cstr, [u32], None),
    ("uclog_diag_ms_diagnostics_range", cstr, [u32], None),
    ("uclog_diag_version", u32, [], None),
    ("uclog_diag_icewarn_bit_qoe", cstr, [u32], None),
    ("uclog_diag_ms_code_lookup", int_, [POINTER(MSCODE), u32, u32], "found"),
    ("uclog_diag_ms_code_next", MSCODE, [MSCODE], None),
    ("uclog_diag_ms_code_id", u32, [MSCODE], None),
    ("uclog_diag_ms_code_kind", u32, [MSCODE], None),
    ("uclog_diag_ms_code_meaning", cstr, [MSCODE], None),
    ("uclog_diag_ms_code_component", cstr, [MSCODE], None),
    ("uclog_diag_ms_code_check", cstr, [MSCODE], None),
    ("uclog_diag_ms_code_source", cstr, [MSCODE], None),
    ("uclog_diag_ms_code_confidence", cstr, [MSCODE], None),
    ("uclog_diag_ms_code_normal_end", i32, [MSCODE], None),
    ("uclog_diag_ms_kind_name", cstr, [u32], None),
    ("uclog_diag_evidence_ms_code", int_, [POINTER(u32), POINTER(u32), EVID], "found"),
    ("uclog_diag_evidence_subject", cstr, [EVID], None),
    ("uclog_diag_evidence_field_count", u32, [EVID], None),
    ("uclog_diag_evidence_field", int_, [POINTER(cstr), POINTER(cstr), POINTER(c_int64), EVID, u32], "status"),
    ("uclog_diag_evidence_info_get", int_, [POINTER(DiagEvidenceInfo), EVID, c_size_t], "status"),
    # include/uclog/diag-text.h
    ("uclog_diag_text_new", int_, [POINTER(DiagTextP), CtxP, u32, u32], ("new", "diag_text", CTX)),
    ("uclog_diag_text_free", None, [DiagTextP], ("free", "diag_text")),
    ("uclog_diag_text_add_call_id", int_, [DiagTextP, cstr], "status"),
    ("uclog_diag_text_report", int_, [DiagTextP, REP, DiagWriteFn, c_void_p], "status"),
    ("uclog_diag_text_part", int_, [DiagTextP, REP, DiagWriteFn, c_void_p], "status"),
    ("uclog_diag_text_set_client_number", int_, [DiagTextP, u32], "status"),
    ("uclog_diag_text_summary_calls", int_, [DiagTextP, REP, u32, DiagWriteFn, c_void_p], "status"),
    ("uclog_diag_text_summary_end", int_, [DiagTextP, u32, DiagWriteFn, c_void_p], "status"),
    ("uclog_diag_text_safe", size, [c_void_p, size, c_void_p, size], None),
]

#: Symbols of lib/diag/libuclog-diag.map left out on purpose, with why.
DIAG_UNBOUND: Dict[str, str] = {}


def _apply(lib, table):
    for name, restype, argtypes, check in table:
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
        if check is None:
            continue
        if check == "status":
            fn.errcheck = _check_status
        elif check == "found":
            fn.errcheck = _check_found
        else:
            what, kind = check[0], check[1]
            fn.kind = kind
            if what == "new":
                fn.ctx_from = check[2] if len(check) > 2 else None
            fn.errcheck = {"new": _check_new, "free": _check_free, "alloc": _check_alloc,
                           "realloc": _check_realloc, "dealloc": _check_dealloc}[what]


def _library_paths(env, soname):
    """Where a library is looked for, in order: the file the environment
    variable ``env`` names (and nothing else then); beside a meson install of
    the package (uclog/_install.py, generated at configure time); the dynamic
    loader's search for ``soname``."""
    path = os.environ.get(env)
    if path:
        return [path]
    paths = []
    try:
        from . import _install
    except ImportError:
        pass  # not a meson install: a pip install or a source tree
    else:
        here = os.path.dirname(os.path.abspath(__file__))
        installed = os.path.normpath(os.path.join(here, _install.LIBDIR, soname))
        if os.path.exists(installed):
            paths.append(installed)
    if WINDOWS:
        beside = os.path.join(os.path.dirname(os.path.abspath(__file__)), soname)
        if os.path.exists(beside):
            paths.append(beside)
        for folder in os.environ.get("PATH", "").split(os.pathsep):
            candidate = os.path.join(folder, soname)
            if folder and os.path.isfile(candidate):
                paths.append(candidate)  # a full path: its own folder serves its dependencies
                break
    paths.append(soname)
    return paths


def _load(env, soname):
    """The library, or ImportError saying what to install or set."""
    errors = []
    for path in _library_paths(env, soname):
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            errors.append(str(e))
    if WINDOWS:
        raise ImportError(
            "uclog: cannot load %s (%s). Put it beside the uclog package or in a folder on "
            "PATH, or set %s to its path." % (soname, "; ".join(errors), env), name="uclog")
    raise ImportError(
        "uclog: cannot load %s (%s). Install libuclog where the dynamic loader finds it "
        "(meson install, then ldconfig for a system prefix), or set LD_LIBRARY_PATH to the "
        "directory that holds %s, or set %s to its path."
        % (soname, "; ".join(errors), soname, env), name="uclog")


_lib = None
_diag = None
_diag_tried = False


def load():
    """libuclog with every prototype applied (loaded once)."""
    global _lib
    if _lib is not None:
        return _lib
    lib = _load("UCLOG_LIBRARY", LIBRARY_SONAME)
    lib.uclog_version.restype = c_uint32
    lib.uclog_version.argtypes = []
    major = lib.uclog_version() >> 16
    if major != ABI_MAJOR:
        raise ImportError("uclog: %s is version %d.x; this binding needs %d.x"
                          % (getattr(lib, "_name", LIBRARY_SONAME), major, ABI_MAJOR))
    _apply(lib, CORE_PROTOTYPES)
    _lib = lib
    return lib


def load_diag():
    """libuclog-diag with its prototypes applied, or None when not installed."""
    global _diag, _diag_tried
    if _diag_tried:
        return _diag
    _diag_tried = True
    load()
    try:
        lib = _load("UCLOG_DIAG_LIBRARY", DIAG_SONAME)
    except ImportError:
        return None
    lib.uclog_diag_version.restype = c_uint32
    lib.uclog_diag_version.argtypes = []
    major = lib.uclog_diag_version() >> 16
    if major != ABI_MAJOR:
        raise ImportError("uclog: %s is version %d.x; this binding needs %d.x"
                          % (getattr(lib, "_name", DIAG_SONAME), major, ABI_MAJOR))
    _apply(lib, DIAG_PROTOTYPES)
    _diag = lib
    return lib
