"""Redaction (uclog/redact.h): a copy of a log without its secrets, and
optionally with its personal data replaced by consistent pseudonyms; and
the masking of secrets in a text that is shown."""

import ctypes
import os
from ctypes import byref

from . import _clib
from ._common import Owned

#: Kinds of replaced text, by the library's names (uclog_redact_kind_name()).
REDACT_KINDS = ("auth-token", "mras-credential", "srtp-key", "ice-password", "secret-copy",
                "uri-user", "phone", "display-name", "domain", "ipv4", "ipv6")

_KIND_END = 12


def _lib():
    return _clib.load()


def redact_log(log, write, pseudonymise=False, key=None):
    """Write a redacted copy of every file of an open :class:`uclog.Log` (a
    file, a set or a buffer; not a stream): ``write(file_index, data)`` gets
    each file's bytes in order (``data`` is ``bytes``). Secrets become runs of
    ``X`` of the same length, so byte counts, Content-Length and line numbers
    stay true. ``pseudonymise``: replace URIs' users, display names, numbers,
    domains and addresses too; ``key`` (str or bytes) makes the pseudonyms the
    same in every run. Returns a dict: kind name -> count, for every kind in
    :data:`REDACT_KINDS`. An exception raised by ``write`` stops the redaction
    and is raised again."""
    lib = _lib()
    ctx = log._ctx.ptr
    raised = []

    def relay(userdata, file, data, n):
        try:
            write(file, ctypes.string_at(data, n))
            return 0
        except BaseException as e:  # handed back after the C call returns
            raised.append(e)
            return -1

    cb = _clib.RedactWriteFn(relay)
    opts = _clib.RedactOptionsP()
    stats = _clib.RedactStatsP()
    lib.uclog_redact_options_new(byref(opts), ctx)
    with Owned(opts, lib.uclog_redact_options_free) as o:
        lib.uclog_redact_stats_new(byref(stats), ctx)
        with Owned(stats, lib.uclog_redact_stats_free) as st:
            try:
                lib.uclog_redact_options_set_pseudonymise(o, 1 if pseudonymise else 0)
                if key is not None:
                    k = key.encode() if isinstance(key, str) else bytes(key)
                    lib.uclog_redact_options_set_key(o, k, len(k))
                lib.uclog_redact_log(log._check_open(), o, cb, None, st)
            except _clib.Error as e:
                if raised:
                    raise raised[0]
                raise e.attach_context(ctx)
            return {lib.uclog_redact_kind_name(k).decode(): lib.uclog_redact_stats_count(st, k)
                    for k in range(1, _KIND_END)}


def redact(paths, out, pseudonymise=False, key=None):
    """Redact a log file, or a rotated set, to ``out``: the file to write for
    one path, a directory (made when missing) that receives each file under
    its own name for several. Returns the counts of :func:`redact_log`."""
    from ._log import open as open_log
    single = isinstance(paths, (str, bytes, os.PathLike))
    paths = [paths] if single else list(paths)
    with open_log(paths) as log:
        names = [os.path.basename(f.name) for f in log.files]
        if len(names) == 1:
            targets = [os.fspath(out)]
        else:
            if len(set(names)) != len(names):
                raise ValueError("two files of the set have the same name")
            os.makedirs(out, exist_ok=True)
            targets = [os.path.join(out, n) for n in names]
        files = [open(t, "wb") for t in targets]
        try:
            return redact_log(log, lambda i, data: files[i].write(data), pseudonymise, key)
        finally:
            for f in files:
                f.close()


def mask_secrets(text):
    """``text`` (str or bytes) with every secret the redactor recognises as a
    run of ``*`` of the same length; the same type as given."""
    is_str = isinstance(text, str)
    data = text.encode("utf-8", "surrogateescape") if is_str else bytes(text)
    buf = ctypes.create_string_buffer(data, len(data))
    _lib().uclog_redact_mask_text(buf, buf, len(data))
    out = buf.raw[:len(data)]
    return out.decode("utf-8", "surrogateescape") if is_str else out
