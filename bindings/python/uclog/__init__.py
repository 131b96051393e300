"""uclog: read Office Communicator / Lync / Skype for Business client trace
logs (``*.uccapilog``) through libuclog.

Only the Python standard library is needed (ctypes). The shared libraries
are loaded from the paths in ``UCLOG_LIBRARY`` / ``UCLOG_DIAG_LIBRARY``, or
from the library directory of the meson install that installed this package,
or by SONAME, ``libuclog.so.1`` and ``libuclog-diag.so.1``.

    import uclog
    with uclog.open("Lync-UccApi-0.UccApilog") as log:
        for msg in log.messages():
            print(msg.direction, msg.start_line, msg.header("Call-ID"))
            for offer in msg.sdp():
                for c in offer.candidates:
                    print(c.form, c.type, c.address, c.port)

Everything yielded or returned is a copy in Python values: it stays valid
after the log is closed. Failures raise :class:`uclog.Error`, carrying the
library's code, text and position.
"""

from . import _clib
from ._clib import Error
from ._common import LIMITS, Context, Defect, Span, defect_name, strerror
from ._diag import (Call, CodeInfo, Evidence, Report, Verdict, diagnose, diagnose_log,
                    diagnose_log_parts,
                    MsCode, explain_ms_code, icewarn_bits, icewarn_bits_qoe, ms_codes,
                    ms_diagnostics_range, verdict_codes)
from ._summary import Summary
from ._text import ReportText
from ._log import (FollowedLog, Index, IndexEntry, Log, LogFile, Packet, Record, open,
                   open_buffer, open_follow, open_stream)
from ._batch import MessageFields, RecordFields
from ._sdp import (Candidate, Crypto, Media, Offer, addr_class, addr_equal, addr_family,
                   addr_parse, parse_sdp)
from ._sip import (DiagEntry, Framing, NameAddr, Part, SipMessage, Via, auth, auth_param,
                   content_type, diag_entry, diag_param, line_is_header, media_debug, name_addr,
                   param, parse_framing, parse_sip, parse_u64, split_list, unfold, via)
from ._redact import REDACT_KINDS, mask_secrets, redact, redact_log, show_secrets
from ._xml import (CredentialsRequest, CredentialsResponse, ErrorReport, MediaRelay, Mras,
                   Provisioning, ProvisioningGroup, ReportedError, parse_error_report, parse_mras,
                   parse_provisioning)

#: The loaded library's version, e.g. "1.0.0".
library_version = _clib.load().uclog_version_string().decode()
__version__ = library_version

# Status codes (errors.h).
OK = _clib.OK
DONE = _clib.DONE
E_NOMEM = _clib.E_NOMEM
E_INVALID_ARG = _clib.E_INVALID_ARG
E_IO = _clib.E_IO
E_FORMAT = _clib.E_FORMAT
E_LIMIT = _clib.E_LIMIT
E_UNSUPPORTED = _clib.E_UNSUPPORTED
E_ABI = _clib.E_ABI
E_NOT_FOUND = _clib.E_NOT_FOUND
E_ENCODING = _clib.E_ENCODING
E_XML = _clib.E_XML
E_STATE = _clib.E_STATE
E_RANGE = _clib.E_RANGE

__all__ = [
    "Error", "Span", "Defect", "Context", "LIMITS", "strerror", "defect_name",
    "open", "open_buffer", "open_stream", "open_follow", "FollowedLog", "Log", "LogFile", "Record", "Packet",
    "Index", "IndexEntry", "MessageFields", "RecordFields",
    "SipMessage", "Part", "NameAddr", "Via", "DiagEntry", "Framing", "parse_sip",
    "param", "diag_param", "media_debug", "split_list", "unfold", "parse_u64", "name_addr",
    "content_type", "auth", "auth_param", "via", "diag_entry", "line_is_header",
    "parse_framing",
    "Offer", "Media", "Candidate", "Crypto", "parse_sdp",
    "addr_family", "addr_class", "addr_equal", "addr_parse",
    "Mras", "CredentialsRequest", "CredentialsResponse", "MediaRelay", "parse_mras",
    "Provisioning", "ProvisioningGroup", "parse_provisioning",
    "ErrorReport", "ReportedError", "parse_error_report",
    "diagnose", "diagnose_log", "diagnose_log_parts", "Report", "Verdict", "Evidence", "Call", "CodeInfo",
    "Summary", "ReportText",
    "verdict_codes", "icewarn_bits", "icewarn_bits_qoe", "ms_diagnostics_range",
    "MsCode", "explain_ms_code", "ms_codes",
    "redact", "redact_log", "mask_secrets", "show_secrets", "REDACT_KINDS",
    "library_version",
]
