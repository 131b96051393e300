"""uclog_follow_* and uclog_log_open_live through ctypes: a file followed by the library's own
reader, its records read as a live log."""

import ctypes
import os
import shutil
import tempfile

from helpers import TestCase, data
from uclog import _clib


class Follow(TestCase):
    def test_follow_a_file_to_the_stop(self):
        lib = _clib.load()
        ctx = _clib.CtxP()
        follow = _clib.FollowP()
        log = _clib.LogP()
        it = _clib.RecordIterP()
        rec = _clib.RecordP()
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "Lync-UccApi-0.UccApilog")
            shutil.copyfile(data("seed.uccapilog"), path)
            lib.uclog_ctx_new(ctypes.byref(ctx), None)
            try:
                lib.uclog_follow_new(ctypes.byref(follow), ctx, path.encode(), _clib.FOLLOW_POLL)
                self.assertEqual(lib.uclog_follow_watching(follow), 0)
                lib.uclog_follow_set_times(follow, 10, 10)
                # Stopped before the first read: the file is read to its end, then the log ends.
                lib.uclog_follow_stop(follow)
                reader = ctypes.cast(lib.uclog_follow_read, _clib.ReadFn)
                lib.uclog_log_open_live(ctypes.byref(log), ctx, reader, ctypes.cast(follow, ctypes.c_void_p),
                                        b"followed")
                lib.uclog_record_iter_new(ctypes.byref(it), log)
                n = 0
                while lib.uclog_record_iter_next(ctypes.byref(rec), it) == 0:
                    n += 1
                self.assertEqual(n, 15)
                self.assertEqual(lib.uclog_log_file_name(log, 0), b"followed")
                self.assertEqual(lib.uclog_log_file_size(log, 0), os.path.getsize(path))
                lib.uclog_record_iter_free(it)
                lib.uclog_log_free(log)
                lib.uclog_follow_free(follow)
            finally:
                lib.uclog_ctx_free(ctx)

    def test_missing_file(self):
        lib = _clib.load()
        ctx = _clib.CtxP()
        follow = _clib.FollowP()
        lib.uclog_ctx_new(ctypes.byref(ctx), None)
        try:
            with self.assertRaises(_clib.Error) as cm:
                lib.uclog_follow_new(ctypes.byref(follow), ctx, data("no-such.uccapilog").encode(), 0)
            self.assertEqual(cm.exception.code, _clib.E_IO)
            self.assertIn("no-such.uccapilog: No such file or directory", cm.exception.text)
        finally:
            lib.uclog_ctx_free(ctx)
