"""The text report of ``uclog-diagnose``, written by libuclog-diag (include/uclog/diag-text.h):
the program and the binding print the same bytes."""

from __future__ import annotations

import ctypes
from typing import TYPE_CHECKING, List, Optional, Sequence

from . import _clib
from ._common import Context, Owned, byref
from ._diag import WIDTH, _lib

if TYPE_CHECKING:
    from ._diag import Report

_COLOUR, _FAILURES = 1, 2  # enum uclog_diag_text_flag


class ReportText:
    """A renderer of the text report (uclog_diag_text): ``width`` columns to wrap at (None:
    not wrapped, as into a pipe), ``call_ids`` and ``failures`` choose the calls shown (as
    ``uclog-diagnose --call-id ID... --failures``; the log-wide verdicts are always shown),
    ``colour`` the severities in ANSI colour. :meth:`report` writes a whole report;
    :meth:`part` each part of one :func:`diagnose_log_parts`, from its callback, as
    ``uclog-diagnose --stream`` does (the calls numbered on, a checklist printed once and
    pointed to after). Close it (or use ``with``) to free it at once."""

    def __init__(self, width: Optional[int] = WIDTH, call_ids: Sequence[str] = (), failures: bool = False,
                 colour: bool = False) -> None:
        lib = _lib()
        if width is not None and not 0 <= width <= 0xFFFFFFFF:
            raise ValueError("width must be from 0 to 2**32 - 1, or None")
        self._ctx = Context()
        try:
            t = _clib.DiagTextP()
            lib.uclog_diag_text_new(byref(t), self._ctx.ptr, width or 0,
                                    (_COLOUR if colour else 0) | (_FAILURES if failures else 0))
            self._t = Owned(t, lib.uclog_diag_text_free)
            for i in call_ids:
                lib.uclog_diag_text_add_call_id(t, i.encode())
        except BaseException:
            self.close()
            raise

    def _render(self, fn, report: Report) -> str:
        if not self._t.ptr:
            raise ValueError("the ReportText is closed")
        chunks: List[bytes] = []
        string_at = ctypes.string_at

        def write(text, n, _userdata):
            chunks.append(string_at(text, n))
            return 0

        fn(self._t.ptr, report._report_ptr(), _clib.DiagWriteFn(write), None)
        # valid UTF-8: the library writes a byte that is not as '?'
        return b"".join(chunks).decode("utf-8", "replace")

    def report(self, report: Report) -> str:
        """The text of a whole report (uclog_diag_text_report())."""
        return self._render(_lib().uclog_diag_text_report, report)

    def part(self, part: Report) -> str:
        """The text of the next part of a streaming diagnosis, while its callback runs
        (uclog_diag_text_part()); "" for a part that shows nothing."""
        return self._render(_lib().uclog_diag_text_part, part)

    def close(self) -> None:
        t = getattr(self, "_t", None)
        if t is not None:
            t.close()
        self._ctx.close()

    def __enter__(self) -> ReportText:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self):
        if hasattr(self, "_ctx"):
            self.close()
