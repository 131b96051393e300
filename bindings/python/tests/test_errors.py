"""Negative statuses become uclog.Error with the code, the text and the position."""

import io

from helpers import TestCase, data, uclog
from uclog import _clib


class Errors(TestCase):
    def test_missing_file(self):
        with self.assertRaises(uclog.Error) as cm:
            uclog.open(data("no-such-file.uccapilog"))
        e = cm.exception
        self.assertEqual(e.code, uclog.E_IO)
        self.assertIn("no-such-file.uccapilog", e.text)
        self.assertEqual(e.strerror, uclog.strerror(uclog.E_IO))
        self.assertEqual(e.function, "uclog_log_open_file")
        self.assertIn("no-such-file", str(e))

    def test_unopenable_file_is_an_os_error(self):
        for paths in (data("no-such-file.uccapilog"), [data("seed.uccapilog"), data("no-such-file.uccapilog")]):
            with self.assertRaises(FileNotFoundError) as cm:
                uclog.open(paths)
            e = cm.exception
            self.assertIsInstance(e, uclog.Error)
            self.assertEqual((e.errno, e.code), (2, uclog.E_IO))
            self.assertEqual(e.filename, data("no-such-file.uccapilog"))
            self.assertEqual(e.strerror, uclog.strerror(uclog.E_IO))
            self.assertIn("no-such-file.uccapilog", e.text)
        with self.assertRaises(IsADirectoryError) as cm:
            uclog.open(data())
        self.assertIsInstance(cm.exception, uclog.Error)
        self.assertEqual(cm.exception.errno, 21)
        with self.assertRaises(FileNotFoundError) as cm:
            uclog.diagnose(data("no-such-file.uccapilog"))
        self.assertEqual(cm.exception.code, uclog.E_IO)

    def test_empty_set_and_directory(self):
        with self.assertRaises(uclog.Error) as cm:
            uclog.open([])
        self.assertEqual(cm.exception.code, uclog.E_INVALID_ARG)
        with self.assertRaises(uclog.Error) as cm:
            uclog.open(data())
        self.assertEqual(cm.exception.code, uclog.E_IO)

    def test_not_sip_has_a_position(self):
        with self.assertRaises(uclog.Error) as cm:
            uclog.parse_sip(b"hello\r\nworld\r\n", base=uclog.Span(100, 0, 7, 1, 0))
        e = cm.exception
        self.assertEqual(e.code, uclog.E_FORMAT)
        self.assertNotEqual(e.text, e.strerror)          # the context's own message
        self.assertIsNotNone(e.span)
        self.assertEqual((e.span.offset, e.span.line), (100, 7))

    def test_hostile_xml(self):
        doc = b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "x">]>\n<r/>'
        with self.assertRaises(uclog.Error) as cm:
            uclog.parse_mras(doc)
        self.assertEqual(cm.exception.code, uclog.E_XML)
        self.assertIsNotNone(cm.exception.span)
        self.assertEqual(cm.exception.span.line, 2)
        with self.assertRaises(uclog.Error) as cm:
            uclog.parse_provisioning(b"<provisionGroupList xmlns='urn:wrong'/>")
        self.assertEqual(cm.exception.code, uclog.E_FORMAT)
        with self.assertRaises(uclog.Error) as cm:
            uclog.parse_mras(b"<a><b></a>")
        self.assertEqual(cm.exception.code, uclog.E_XML)

    def test_limits(self):
        with self.assertRaises(uclog.Error) as cm:
            uclog.parse_mras(b"<a><a><a><a/></a></a></a>", limits={"max_xml_depth": 2})
        self.assertEqual(cm.exception.code, uclog.E_LIMIT)
        with self.assertRaises(ValueError):
            uclog.open(data("seed.uccapilog"), limits={"no_such_limit": 1})
        with uclog.Context({"max_candidates": 3}) as ctx:
            self.assertEqual(ctx.limit("max_candidates"), 3)

    def test_utf16_stream_refused(self):
        with open(data("seed-utf16le.uccapilog"), "rb") as f, uclog.open_stream(f) as log:
            with self.assertRaises(uclog.Error) as cm:
                list(log.records())
            self.assertEqual(cm.exception.code, uclog.E_ENCODING)

    def test_reader_exception_is_raised_again(self):
        class Broken(io.RawIOBase):
            def readable(self):
                return True

            def readinto(self, b):
                raise OSError("disk on fire")

        with uclog.open_stream(Broken()) as log:
            with self.assertRaises(OSError) as cm:
                list(log.messages())
            self.assertIn("disk on fire", str(cm.exception))
            self.assertIsInstance(cm.exception.__cause__, uclog.Error)

    def test_mras_error_from_message_body(self):
        raw = (b"SIP/2.0 200 OK\r\nContent-Type: application/msrtc-media-relay-auth+xml\r\n"
               b"Content-Length: 9\r\n\r\n<response")
        m = uclog.parse_sip(raw, base=uclog.Span(0, 0, 50, 1, 0))
        with self.assertRaises(uclog.Error) as cm:
            m.mras()
        self.assertEqual(cm.exception.code, uclog.E_XML)
        self.assertEqual(cm.exception.span.line, 54)

    def test_strerror_and_names(self):
        self.assertEqual(uclog.strerror(-999), "unknown error")
        self.assertEqual(uclog.defect_name(7), "NUL_BYTE")
        self.assertEqual(uclog.defect_name(10), "POSITION_SATURATED")  # since 1.2
        self.assertEqual(uclog.defect_name(424242), "UNKNOWN")
        e = uclog.Error(uclog.E_NOT_FOUND)
        self.assertEqual(e.text, uclog.strerror(uclog.E_NOT_FOUND))
        self.assertIsNone(e.span)

    def test_errcheck_on_a_raw_call(self):
        lib = _clib.load()
        with self.assertRaises(uclog.Error) as cm:
            lib.uclog_ctx_set_limit(None, 1, 1)
        self.assertEqual(cm.exception.code, uclog.E_INVALID_ARG)
