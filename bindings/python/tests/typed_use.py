"""Not a test module: what bindings/meson.build's python-mypy-use test type-checks. A user's code
reading a SipMessage's fields, the lazily copied ones included, is checked like any other: a
misspelt field is an error (the ignores below must be needed: --warn-unused-ignores)."""

from typing import List, Optional, Tuple

import uclog


def fields(m: uclog.SipMessage) -> Tuple[Optional[str], List[Tuple[str, str]], bytes, int]:
    headers = [(n or "", v or "") for n, v in m.headers]
    return m.call_id, headers, m.body, len(m.parts) + len(m.vias)


def misspelt(m: uclog.SipMessage) -> object:
    return m.hedaers  # type: ignore[attr-defined]
