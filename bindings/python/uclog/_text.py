"""The text report of ``uclog-diagnose``, written by libuclog-diag (include/uclog/diag-text.h):
the program and the binding print the same bytes."""

from __future__ import annotations

import ctypes
from typing import TYPE_CHECKING, Any, List, Optional, Sequence, Union

from . import _clib
from ._common import Context, Owned, byref
from ._diag import WIDTH, _lib

if TYPE_CHECKING:
    from ._diag import Report

# enum uclog_diag_text_flag
_COLOUR, _FAILURES, _JSON, _STREAM = 1, 2, 4, 8


def safe(text: Union[str, bytes]) -> str:
    """Log text as the library writes it (uclog_diag_text_safe()): a control character (C0, tab
    included; DEL; C1) or a byte that is not UTF-8 as '?'. Give the library's bytes when there are
    any: a ``str`` decoded from them holds U+FFFD where a byte was not UTF-8."""
    b = text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape")
    out = ctypes.create_string_buffer(len(b) + 1)
    n = _lib().uclog_diag_text_safe(out, len(out), b, len(b))
    return out.raw[:n].decode("utf-8")


class _Renderer:
    """A uclog_diag_text renderer in its own context, freed by :meth:`close` (or ``with``)."""

    def __init__(self, width: int, call_ids: Sequence[str], flags: int) -> None:
        lib = _lib()
        self._ctx = Context()
        try:
            t = _clib.DiagTextP()
            lib.uclog_diag_text_new(byref(t), self._ctx.ptr, width, flags)
            self._t = Owned(t, lib.uclog_diag_text_free)
            for i in call_ids:
                lib.uclog_diag_text_add_call_id(t, i.encode())
        except BaseException:
            self.close()
            raise

    def _render(self, fn, *args: Any) -> str:
        """What fn (a uclog_diag_text_* call) writes with the renderer and ``args`` before its
        callback."""
        if not self._t.ptr:
            raise ValueError("the %s is closed" % type(self).__name__)
        chunks: List[bytes] = []
        string_at = ctypes.string_at

        def write(text, n, _userdata):
            chunks.append(string_at(text, n))
            return 0

        fn(self._t.ptr, *args, _clib.DiagWriteFn(write), None)
        # valid UTF-8: the library writes a byte that is not as '?'
        return b"".join(chunks).decode("utf-8", "replace")

    def close(self) -> None:
        t = getattr(self, "_t", None)
        if t is not None:
            t.close()
        self._ctx.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self):
        if hasattr(self, "_ctx"):
            self.close()


class ReportText(_Renderer):
    """A renderer of the text report (uclog_diag_text): ``width`` columns to wrap at (None:
    not wrapped, as into a pipe), ``call_ids`` and ``failures`` choose the calls shown (as
    ``uclog-diagnose --call-id ID... --failures``; the log-wide verdicts are always shown),
    ``colour`` the severities in ANSI colour. :meth:`report` writes a whole report;
    :meth:`part` each part of one :func:`diagnose_log_parts`, from its callback, as
    ``uclog-diagnose --stream`` does (the calls numbered on, a checklist printed once and
    pointed to after). Close it (or use ``with``) to free it at once."""

    def __init__(self, width: Optional[int] = WIDTH, call_ids: Sequence[str] = (), failures: bool = False,
                 colour: bool = False) -> None:
        if width is not None and not 0 <= width <= 0xFFFFFFFF:
            raise ValueError("width must be from 0 to 2**32 - 1, or None")
        super().__init__(width or 0, call_ids, (_COLOUR if colour else 0) | (_FAILURES if failures else 0))

    def report(self, report: Report) -> str:
        """The text of a whole report (uclog_diag_text_report())."""
        return self._render(_lib().uclog_diag_text_report, report._report_ptr())

    def part(self, part: Report) -> str:
        """The text of the next part of a streaming diagnosis, while its callback runs
        (uclog_diag_text_part()); "" for a part that shows nothing."""
        return self._render(_lib().uclog_diag_text_part, part._report_ptr())

    def __enter__(self) -> ReportText:
        return self
