"""Logs, records, packets and messages of the seed logs, through every generator."""

import datetime
import io

from helpers import SEED_CALL_IDS, TestCase, data, read, uclog
from uclog import _clib

# (offset, line, text start) of the 15 records of seed.uccapilog (tests/test-log.c).
SEED_RECORDS = [
    (0, 1, "Sending Packet - 192.168.1.5:5061 (From Local Address: 192.168.1.10:1259) 1288 bytes:"),
    (128, 2, "SUBSCRIBE sip:bart@litwareinc.com SIP/2.0"),
    (1459, 23, "End of Sending Packet - 192.168.1.5:5061"),
    (1593, 24, "Data Received - 192.168.1.5:5061 (To Local Address: 192.168.1.10:1259) 3110 bytes:"),
    (1718, 25, "SIP/2.0 200 OK"),
    (4869, 78, "End of Data Received"),
    (5000, 79, "Sending Packet - 192.168.1.5:5061 (From Local Address: 192.168.1.10:1259) 1292 bytes:"),
    (5128, 80, "SERVICE sip:edgesrv.litwareinc.com@litwareinc.com;gruu;"),
    (6461, 94, "End of Sending Packet"),
    (6595, 95, "Data Received - 192.168.1.5:5061 (To Local Address: 192.168.1.10:1259) 1769 bytes:"),
    (6720, 96, "SIP/2.0 200 OK"),
    (8532, 127, "End of Data Received"),
    (8663, 128, "Sending Packet - 192.168.1.5:5061 (From Local Address: 192.168.1.10:44511) 2478 bytes:"),
    (8794, 129, "INVITE sip:jeremy@litwareinc.com SIP/2.0"),
    (11315, 177, "End of Sending Packet"),
]

# (direction, local port, declared bytes, bytes offset, line) of the 5 packets (tests/test-packet.c).
SEED_PACKETS = [
    ("sent", 1259, 1288, 169, 2),
    ("received", 1259, 3110, 1759, 25),
    ("sent", 1259, 1292, 5169, 80),
    ("received", 1259, 1769, 6761, 96),
    ("sent", 44511, 2478, 8837, 129),
]


class Records(TestCase):
    def test_seed_records_exact(self):
        with uclog.open(data("seed.uccapilog")) as log:
            recs = list(log.records())
        self.assertEqual(len(recs), 15)
        for rec, (off, line, start) in zip(recs, SEED_RECORDS):
            self.assertEqual(rec.span.offset, off)
            self.assertEqual(rec.span.line, line)
            self.assertEqual(rec.span.file, 0)
            self.assertTrue(rec.text.startswith(start), rec.text)
            self.assertTrue(rec.has_header)
            self.assertEqual(rec.level, "INFO")
            self.assertIn((rec.pid, rec.tid), [(0x190, 0x4FC), (0x2808, 0x36EC)])
            self.assertEqual(rec.defects, ())
            self.assertTrue(rec.raw.startswith(b"11/21/2008|23:3"))
            self.assertEqual(rec.raw[rec.text_offset:].split(b"\r\n")[0].decode(), rec.text)
        self.assertEqual(sum(len(r.raw) for r in recs), len(read("seed.uccapilog")))
        self.assertEqual(recs[0].timestamp, datetime.datetime(2008, 11, 21, 23, 31, 10, 381000))
        self.assertEqual(recs[0].epoch_ms, 1227310270381)
        self.assertEqual((recs[0].pid, recs[0].tid), (0x190, 0x4FC))
        self.assertEqual((recs[14].pid, recs[14].tid), (0x2808, 0x36EC))
        self.assertEqual(recs[1].line_count, 21)
        self.assertTrue(recs[1].continuation.startswith(b"Via: SIP/2.0/TLS 192.168.1.10:1259\r\n"))
        self.assertEqual(recs[0].line_count, 1)
        self.assertEqual(recs[0].continuation, b"")

    def test_files(self):
        with uclog.open(data("seed.uccapilog")) as log:
            (f,) = log.files
            self.assertTrue(f.name.endswith("seed.uccapilog"))
            self.assertEqual(f.size, len(read("seed.uccapilog")))
            self.assertEqual(f.encoding, "utf-8")
        with uclog.open(data("seed-utf16le.uccapilog")) as log:
            self.assertEqual(log.files[0].encoding, "utf-16-le")
            self.assertEqual(len(list(log.records())), 15)
        with uclog.open(data("seed.uccapilog")) as log:
            self.assertFalse(log.files[0].cr_line_ends)
        with uclog.open_buffer(read("seed.uccapilog").replace(b"\r\n", b"\r"), name="cr") as log:
            self.assertTrue(log.files[0].cr_line_ends)
            self.assertEqual(len(list(log.records())), 15)

    def test_file_kinds(self):
        # what each file holds, and why it is not a client log; the library reads every kind
        cases = [("seed.uccapilog", "log", ""), ("seed-utf16le.uccapilog", "log", ""),
                 ("sources/invite-lf.txt", "sip", "bare SIP messages, no record header"),
                 ("sources/empty.txt", "empty", "empty"),
                 ("sources/binary.bin", "binary", "binary: NUL bytes or bytes that are not text"),
                 ("sources/readme.txt", "text", "text without a record header or a SIP start line")]
        for name, kind, reason in cases:
            with uclog.open(data(*name.split("/"))) as log:
                f = log.files[0]
                self.assertEqual((f.kind, f.kind_reason), (kind, reason), name)
                self.assertEqual(f.readable, kind in ("log", "sip"), name)
        with uclog.open_stream(io.BytesIO(read("sources", "readme.txt")), name="-") as log:
            self.assertEqual(log.files[0].kind, "unread")
            self.assertEqual(len(list(log.records())), 1)
            self.assertEqual(log.files[0].kind, "text")

    def test_bare_sip_messages(self):
        # several messages pasted with CRLF: one packet each, direction unknown, placed
        with uclog.open(data("sources", "several-crlf.txt")) as log:
            msgs = list(log.messages())
        self.assertEqual([(m.call_id, m.span.line) for m in msgs],
                         [("f81d4fae7dec11d0@bart-pc", 1), ("f81d4fae7dec11d0@bart-pc", 28),
                          ("f81d4fae7dec11d0@bart-pc", 37)])
        self.assertEqual([m.direction for m in msgs], [None, None, None])

    def test_file_with_no_size_is_limited(self):
        with self.assertRaises(uclog.Error) as cm:
            uclog.open("/dev/zero", limits={"max_unsized_file_bytes": 65536})
        self.assertEqual(cm.exception.code, uclog.E_LIMIT)
        self.assertIn("UCLOG_LIMIT_MAX_UNSIZED_FILE_BYTES", cm.exception.text)

    def test_rotated_set_in_time_order(self):
        # Given newest first; iterated oldest first, positions per file.
        with uclog.open([data("rotated-uccapi-0.uccapilog"),
                         data("rotated-uccapi-1.uccapilog")]) as log:
            names = [f.name for f in log.files]
            self.assertTrue(names[0].endswith("rotated-uccapi-1.uccapilog"))
            msgs = list(log.messages())
        self.assertEqual([m.call_id for m in msgs], SEED_CALL_IDS)
        self.assertEqual([m.span.file for m in msgs], [0, 0, 1, 1, 1])
        self.assertEqual(msgs[2].span.offset, 5169 - 5000)

    def test_lf_copy_and_headerless_text(self):
        with uclog.open(data("seed-lf.uccapilog")) as log:
            self.assertEqual(len(list(log.records())), 15)
            self.assertEqual(len(list(log.packets())), 5)
            self.assertEqual([m.call_id for m in log.messages()], SEED_CALL_IDS)
        with uclog.open_buffer(b"junk before\r\n" + read("seed.uccapilog"), name="buf") as log:
            first = next(log.records())
            self.assertFalse(first.has_header)
            self.assertIsNone(first.timestamp)
            self.assertEqual(first.text, "junk before")
            self.assertEqual([d.name for d in first.defects], ["TEXT_BEFORE_HEADER"])
            self.assertEqual(log.files[0].name, "buf")


class Packets(TestCase):
    def test_seed_packets_exact(self):
        with uclog.open(data("seed.uccapilog")) as log:
            pkts = list(log.packets())
        self.assertEqual(len(pkts), 5)
        for p, (direction, lport, declared, off, line) in zip(pkts, SEED_PACKETS):
            self.assertEqual(p.direction, direction)
            self.assertEqual(p.remote, ("192.168.1.5", 5061))
            self.assertEqual(p.local, ("192.168.1.10", lport))
            self.assertEqual(p.declared_bytes, declared)
            self.assertEqual(len(p.data), declared)
            self.assertEqual(p.data_span.offset, off)
            self.assertEqual(p.data_span.line, line)
            self.assertEqual(p.defects, ())
            self.assertEqual(p.timestamp.year, 2008)
            self.assertIn(p.tid, (0x4FC, 0x36EC))
            self.assertEqual(p.level, "INFO")
        # the framing record's process and thread: the call comes from another process
        self.assertEqual([(p.pid, p.tid) for p in pkts],
                         [(0x190, 0x4FC)] * 4 + [(0x2808, 0x36EC)])
        self.assertTrue(pkts[0].data.startswith(b"SUBSCRIBE sip:bart@litwareinc.com SIP/2.0\r\n"))

    def test_packet_counts_of_every_seed_log(self):
        for name, n in [("seed.uccapilog", 5), ("seed-no-mras.uccapilog", 2),
                        ("seed-mras-unanswered.uccapilog", 4), ("seed-lf.uccapilog", 5)]:
            with uclog.open(data(name)) as log:
                self.assertEqual(len(list(log.packets())), n, name)


class Messages(TestCase):
    def test_seed_messages(self):
        with uclog.open(data("seed.uccapilog")) as log:
            msgs = list(log.messages())
        self.assertEqual([m.call_id for m in msgs], SEED_CALL_IDS)
        self.assertEqual([m.method or m.status for m in msgs],
                         ["SUBSCRIBE", 200, "SERVICE", 200, "INVITE"])
        self.assertEqual([m.direction for m in msgs], [p[0] for p in SEED_PACKETS])
        for m, p in zip(msgs, SEED_PACKETS):
            self.assertEqual(m.span.offset, p[3])
            self.assertEqual(m.span.line, p[4])
            self.assertEqual(len(m.raw), p[2])
            self.assertEqual(m.local, ("192.168.1.10", p[1]))
            self.assertEqual(m.remote, ("192.168.1.5", 5061))
            self.assertEqual(m.defects, ())
        self.assertEqual(msgs[4].span.column, 44)

    def test_damaged_frames(self):
        with uclog.open(data("frames", "joined-reads.uccapilog")) as log:
            msgs = list(log.messages())
            self.assertEqual(len(msgs), 4)
            self.assertEqual(msgs[0].call_id, "joined0invite0call")
            self.assertEqual(len(msgs[0].raw), 673)
            pkts = list(log.packets())
            self.assertEqual(len(pkts[0].data), 673)
            self.assertEqual([(d.name, d.span.line) for d in pkts[0].defects],
                             [("PACKET_JOINED", 21)])
        with uclog.open(data("frames", "unusable-frames.uccapilog")) as log:
            self.assertEqual(len(list(log.messages())), 1)
            bad = list(log.unusable_packets())
            self.assertEqual([p.span.line for p in bad], [1, 15])
            self.assertEqual([p.defects[-1].name for p in bad], ["PACKET_NO_MESSAGE"] * 2)
            self.assertEqual(bad[1].defects[-1].span.line, 15)
        with uclog.open(data("seed.uccapilog")) as log:
            self.assertEqual(list(log.unusable_packets()), [])

    def test_from_stream(self):
        with open(data("seed.uccapilog"), "rb") as f, uclog.open_stream(f, name="-") as log:
            self.assertEqual([m.call_id for m in log.messages()], SEED_CALL_IDS)
            with self.assertRaises(uclog.Error) as cm:
                list(log.records())                 # a stream is read once
            self.assertEqual(cm.exception.code, uclog.E_STATE)

    def test_from_non_file_reader(self):
        class Chunks:
            def __init__(self, b):
                self.b = io.BytesIO(b)

            def read(self, n):
                return self.b.read(min(n, 7))      # short reads

        with uclog.open_stream(Chunks(read("seed.uccapilog"))) as log:
            self.assertEqual(len(list(log.records())), 15)


class Lifetimes(TestCase):
    def test_copies_outlive_the_log(self):
        log = uclog.open(data("seed.uccapilog"))
        msgs = list(log.messages())
        recs = list(log.records())
        log.close()
        log.close()                                 # closing twice is harmless
        self.assertTrue(log.closed)
        self.assertEqual(recs[13].text, "INVITE sip:jeremy@litwareinc.com SIP/2.0")
        self.assertEqual(msgs[0].header("Event"), "vnd-microsoft-provisioning-v2")
        self.assertEqual(len(msgs[4].sdp()[0].candidates), 8)
        with self.assertRaises(ValueError):
            list(log.records())

    def test_generator_keeps_log_alive(self):
        gen = uclog.open(data("seed.uccapilog")).records()   # no other reference to the Log
        self.assertEqual(next(gen).span.line, 1)
        self.assertEqual(_clib.live(), {"ctx": 1, "log": 1, "record_iter": 1})
        self.assertEqual(len(list(gen)), 14)
        # The finished generator dropped the last reference: the log is freed.
        self.assertEqual(_clib.live(), {})

    def test_close_during_iteration(self):
        log = uclog.open(data("seed.uccapilog"))
        gen = log.messages()
        next(gen)
        log.close()                                 # frees the C iterator first
        self.assertEqual(_clib.live(), {})
        with self.assertRaises(ValueError):
            next(gen)

    def test_abandoned_generators_and_index(self):
        with uclog.open(data("seed.uccapilog")) as log:
            a, b = log.records(), log.packets()
            next(a), next(b)
            log.index()
            self.assertEqual(_clib.live(), {"ctx": 1, "log": 1, "record_iter": 1,
                                            "packet_iter": 1, "index": 1})
        self.assertEqual(_clib.live(), {})

    def test_counts_are_counted(self):
        ctx = uclog.Context()
        self.assertEqual(_clib.live(), {"ctx": 1})
        ctx.close()
        ctx.close()
        self.assertEqual(_clib.live(), {})


class IndexTests(TestCase):
    def test_seed_index(self):
        with uclog.open(data("seed.uccapilog")) as log, log.index() as idx:
            self.assertEqual(len(idx), 5)
            entries = idx.entries()
            self.assertEqual([e.call_id for e in entries], SEED_CALL_IDS)
            self.assertEqual([e.method or e.status for e in entries],
                             ["SUBSCRIBE", 200, "SERVICE", 200, "INVITE"])
            self.assertEqual(entries[4].local, ("192.168.1.10", 44511))
            self.assertEqual(entries[0].cseq, (1, "SUBSCRIBE"))
            self.assertEqual(idx.request_of(1), 0)
            self.assertIsNone(idx.request_of(0))
            self.assertEqual(idx.responses(2), [3])
            self.assertEqual(idx.final_response(2), 3)
            self.assertIsNone(idx.final_response(4))
            self.assertEqual(list(idx.calls()), list(dict.fromkeys(SEED_CALL_IDS)))
            self.assertEqual(idx.find_call("54b45caa1e33428abe89238d8b8ddd80"), [2, 3])
            self.assertIsNone(idx.find_call("nope"))
            m = idx.message(3)
            self.assertEqual(m.mras().reason, "OK")
            self.assertEqual(m.span, entries[3].span)
            self.assertTrue(m.is_response_to(idx.message(2)))
        self.assertEqual(m.direction, "received")

    def test_retransmissions_and_timings(self):
        with uclog.open(data("timing/retransmissions.uccapilog")) as log, log.index() as idx:
            entries = idx.entries()
            self.assertEqual([e.retransmission_of for e in entries],
                             [None, 0, None, None, None, 3, None, None, None, None])
            self.assertEqual([e.since_request_ms for e in entries],
                             [None, None, 620, 1000, 1100, 1250, 3400, None, None, 80])
            self.assertTrue(entries[5].is_retransmission)
            self.assertFalse(entries[4].is_retransmission)
            self.assertEqual(idx.retransmission_of(1), 0)
            self.assertIsNone(idx.retransmission_of(2))
            self.assertEqual(idx.transaction_timing(0), (620, 3400))
            self.assertEqual(idx.transaction_timing(1), (620, 3400))
            self.assertEqual(idx.transaction_timing(8), (None, 80))
            self.assertIsNone(idx.transaction_timing(9))
            self.assertEqual(idx.transaction_retransmissions(0), 2)
            self.assertEqual(idx.transaction_retransmissions(8), 0)
            with self.assertRaises(uclog.Error):
                idx.transaction_timing(10)

    def test_filtered_index(self):
        with uclog.open(data("seed.uccapilog")) as log:
            with log.index(keep=lambda m: m.cseq and m.cseq[1] == "SERVICE") as idx:
                self.assertEqual(len(idx), 2)
                self.assertEqual([e.call_id for e in idx.entries()], SEED_CALL_IDS[2:4])
                self.assertEqual(idx.request_of(1), 0)
            with self.assertRaises(ZeroDivisionError):
                log.index(keep=lambda m: 1 / 0)
        self.assertEqual(_clib.live(), {})

    def test_index_of_stream_is_refused(self):
        with open(data("seed.uccapilog"), "rb") as f, uclog.open_stream(f) as log:
            with self.assertRaises(uclog.Error) as cm:
                log.index()
            self.assertEqual(cm.exception.code, uclog.E_STATE)
