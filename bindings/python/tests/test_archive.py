"""Logs in archives, through the library: uclog.open() and open_buffer() take a gzip file or a zip
of a Tracing folder as they take the logs in it (tests/data/archive)."""

from helpers import SEED_CALL_IDS, TestCase, data, read, uclog


class ArchiveTest(TestCase):
    def need(self, path):
        # A build without zlib or libarchive refuses the archive, and says why.
        try:
            uclog.open(path).close()
        except uclog.Error as e:
            if e.code == uclog.E_UNSUPPORTED:
                self.assertIn("built without", e.text)
                self.skipTest(e.text)
            raise

    def test_gzip_file(self):
        self.need(data("archive", "seed.uccapilog.gz"))
        with uclog.open(data("archive", "seed.uccapilog.gz")) as log:
            (f,) = log.files
            self.assertTrue(f.name.endswith("archive/seed.uccapilog.gz"))
            self.assertEqual(f.size, len(read("seed.uccapilog")))
            self.assertEqual(len(list(log.records())), 15)
            self.assertEqual([m.call_id for m in log.messages()], SEED_CALL_IDS)

    def test_gzip_buffer(self):
        self.need(data("archive", "seed.uccapilog.gz"))
        with uclog.open_buffer(read("archive", "seed.uccapilog.gz"), name="seed.gz") as log:
            self.assertEqual(log.files[0].name, "seed.gz")
            self.assertEqual([m.call_id for m in log.messages()], SEED_CALL_IDS)

    def test_zip_is_a_rotated_set(self):
        self.need(data("archive", "tracing.zip"))
        with uclog.open(data("archive", "tracing.zip")) as log:
            names = [f.name.split("tracing.zip:")[1] for f in log.files]
            self.assertEqual(names, ["Tracing/Lync-UccApi-1.UccApilog", "Tracing/Lync-UccApi-0.UccApilog"])
            msgs = list(log.messages())
        self.assertEqual([m.call_id for m in msgs], SEED_CALL_IDS)
        self.assertEqual([m.span.file for m in msgs], [0, 0, 1, 1, 1])

    def test_damage_and_limit(self):
        self.need(data("archive", "seed.uccapilog.gz"))
        with self.assertRaises(uclog.Error) as cm:
            uclog.open(data("archive", "cut.gz"))
        self.assertEqual(cm.exception.code, uclog.E_FORMAT)
        self.assertIn("cut.gz: the gzip data is cut short", cm.exception.text)
        with self.assertRaises(uclog.Error) as cm:
            uclog.open(data("archive", "zeros.gz"), limits={"max_archive_bytes": 1 << 20})
        self.assertEqual(cm.exception.code, uclog.E_LIMIT)
        self.assertIn("UCLOG_LIMIT_MAX_ARCHIVE_BYTES", cm.exception.text)
