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


class OpenFollow(TestCase):
    def test_records_as_they_are_written_until_stop(self):
        import threading
        import time
        import uclog
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "Lync-UccApi-0.UccApilog")
            shutil.copyfile(data("seed.uccapilog"), path)
            notes = []
            with uclog.open_follow(path, poll=True, flush_ms=10, poll_ms=10,
                                   log_fn=lambda level, text: notes.append(text)) as log:
                self.assertFalse(log.watching)

                def write_then_stop():
                    time.sleep(0.2)
                    os.rename(path, os.path.join(d, "Lync-UccApi-1.UccApilog"))
                    with open(path, "wb") as f:
                        f.write(b"11/21/2008|23:40:00.000 2808:36EC INFO  :: after the rotation\n")
                    time.sleep(0.2)
                    log.stop()

                writer = threading.Thread(target=write_then_stop)
                writer.start()
                texts = [r.text for r in log.records()]
                writer.join()
            self.assertEqual(len(texts), 16)
            self.assertEqual(texts[-1], "after the rotation")
            self.assertEqual(notes, ["%s: rotated; reading the new file from its start" % path])

    def test_missing_file(self):
        import uclog
        with self.assertRaises(uclog.Error) as cm:
            uclog.open_follow(data("no-such.uccapilog"))
        self.assertEqual(cm.exception.code, uclog.E_IO)
