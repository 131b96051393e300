"""The fast paths: log.messages(fields=True) and log.records(fields=True)
give what the full objects give, read in batches."""

import datetime

from helpers import SEED_CALL_IDS, TestCase, data, read, uclog
from uclog import _batch, _clib


class Batches(TestCase):
    def test_seed_message_fields(self):
        with uclog.open(data("seed.uccapilog")) as log:
            got = list(log.messages(fields=True))
            full = list(log.messages())
        self.assertEqual([m.call_id for m in got], SEED_CALL_IDS)
        first = got[0]
        self.assertEqual((first.method, first.status, first.cseq, first.direction, first.is_request),
                         ("SUBSCRIBE", None, (1, "SUBSCRIBE"), "sent", True))
        self.assertEqual((first.span.offset, first.span.length, first.span.line), (169, 1288, 2))
        self.assertEqual(first.timestamp, datetime.datetime(2008, 11, 21, 23, 31, 10, 381000))
        self.assertEqual(first.epoch_ms, 1227310270381)
        self.assertEqual((got[3].method, got[3].status, got[3].cseq, got[3].direction),
                         (None, 200, (1, "SERVICE"), "received"))
        for f, m in zip(got, full):
            self.assertEqual((f.call_id, f.cseq, f.method, f.status, f.direction, f.span, f.timestamp),
                             (m.call_id, m.cseq, m.method, m.status, m.direction, m.span, m.timestamp))

    def test_text_buffer_grows(self):
        # A buffer smaller than one message's texts: UCLOG_E_RANGE, then a
        # larger one, and no message is lost.
        saved = _batch._TEXT_BYTES
        _batch._TEXT_BYTES = 16
        try:
            with uclog.open(data("seed.uccapilog")) as log:
                self.assertEqual([m.call_id for m in log.messages(fields=True)], SEED_CALL_IDS)
        finally:
            _batch._TEXT_BYTES = saved

    def test_record_fields(self):
        with uclog.open(data("seed.uccapilog")) as log:
            got = list(log.records(fields=True))
            full = list(log.records())
        self.assertEqual(len(got), len(full))
        self.assertEqual((got[0].epoch_ms, got[0].level, got[0].pid, got[0].tid, got[0].span.line),
                         (1227310270381, "INFO", 0x190, 0x4FC, 1))
        for f, r in zip(got, full):
            self.assertEqual((f.epoch_ms, f.level, f.pid, f.tid, f.has_header, f.line_count,
                              f.text_offset, f.span, f.timestamp),
                             (r.epoch_ms, r.level, r.pid, r.tid, r.has_header, r.line_count,
                              r.text_offset, r.span, r.timestamp))

    def test_more_than_one_batch(self):
        with uclog.open(data("seed.uccapilog")) as log:
            n = sum(1 for _ in log.records())
        text = read("seed.uccapilog") * (2 * _batch.BATCH // n + 1)
        with uclog.open_buffer(text) as log:
            self.assertEqual(sum(1 for _ in log.records(fields=True)), sum(1 for _ in log.records()))
            self.assertEqual([m.call_id for m in log.messages(fields=True)],
                             [m.call_id for m in log.messages()])

    def test_close_during_iteration(self):
        for fields in ("messages", "records"):
            log = uclog.open(data("seed.uccapilog"))
            it = getattr(log, fields)(fields=True)
            next(it)
            self.assertEqual(_clib.live().get("log"), 1)
            log.close()
            with self.assertRaises((ValueError, StopIteration)):
                for _ in range(_batch.BATCH + 1):
                    next(it)
            self.assertEqual(_clib.live(), {})

    def test_generator_dropped_frees_the_iterator(self):
        log = uclog.open(data("seed.uccapilog"))
        it = log.messages(fields=True)
        next(it)
        self.assertEqual(_clib.live().get("msg_iter"), 1)
        del it
        self.assertIsNone(_clib.live().get("msg_iter"))
        log.close()
