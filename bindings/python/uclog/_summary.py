"""``uclog-diagnose --summary``: one line per call attempt, the log-wide line and the totals,
as text or JSON, over a whole :class:`Report` or the parts of a streaming diagnosis, written by
libuclog-diag's renderer (uclog_diag_text_summary_calls(), include/uclog/diag-text.h): the
program and the binding print the same bytes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from ._diag import _lib
from ._text import _FAILURES, _JSON, _STREAM, _Renderer

if TYPE_CHECKING:
    from ._diag import Report


class Summary(_Renderer):
    """Feed it reports with :meth:`calls` (a whole report, or each part of
    :func:`diagnose_log_parts` in turn, from its callback), then call :meth:`end`; each returns
    the text to write. ``call_ids`` and ``failures`` choose calls as :meth:`Report.call_shown`.
    As JSON (``as_json``) a whole report gives one object ``{"calls": [...], "log": ...,
    "totals": ...}`` and a line end; a stream (``stream``) an object a line for each call, then
    ``{"log", "totals"}``; ``client_number`` (1 or 2, over two clients' logs) begins each of
    those lines. A whole report's columns are as wide as its calls need (``calls_hint`` is
    accepted and not needed: the library sizes them from the report). After :meth:`end` the
    next :meth:`calls` begins another summary. Close it (or use ``with``) to free it at once."""

    def __init__(self, call_ids: Sequence[str] = (), failures: bool = False, as_json: bool = False,
                 stream: bool = False, calls_hint: int = 0, client_number: int = 0) -> None:
        super().__init__(0, call_ids, (_FAILURES if failures else 0) | (_JSON if as_json else 0) |
                         (_STREAM if stream else 0))
        self.json, self.stream = as_json, stream
        _lib().uclog_diag_text_set_client_number(self._t.ptr, client_number if stream else 0)

    def calls(self, report: Report, first: int = 0) -> str:
        """The lines of the calls of ``report`` chosen, numbered from ``first`` + 1
        (uclog_diag_text_summary_calls())."""
        return self._render(_lib().uclog_diag_text_summary_calls, report._report_ptr(), first)

    def end(self, calls: int) -> str:
        """The log-wide line and the totals; ``calls``: the call attempts of the log
        (uclog_diag_text_summary_end())."""
        text = self._render(_lib().uclog_diag_text_summary_end, calls)
        return text + "\n" if self.json and not self.stream else text

    def __enter__(self) -> Summary:
        return self
