"""Shared by the binding's tests: fixture paths and the leak check."""

import gc
import os
import unittest

import uclog
from uclog import _clib

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.environ.get("UCLOG_SOURCE_ROOT") or os.path.normpath(
    os.path.join(HERE, "..", "..", ".."))
DATA = os.environ.get("UCLOG_TEST_DATA") or os.path.join(SOURCE_ROOT, "tests", "data")

SEED_CALL_IDS = [
    "8a9fb943e213456482dbede7bc8ea467", "8a9fb943e213456482dbede7bc8ea467",
    "54b45caa1e33428abe89238d8b8ddd80", "54b45caa1e33428abe89238d8b8ddd80",
    "e41f3fa11696494d90130b78761b202c",
]


def data(*parts):
    return os.path.join(DATA, *parts)


def read(*parts):
    with open(data(*parts), "rb") as f:
        return f.read()


class TestCase(unittest.TestCase):
    """Fails a test that leaves a library object unfreed.

    The binding counts every object a ``_new``/``_open``/``_parse``/``_build``
    hands out and every ``_free`` (uclog._clib.live()); after each test the
    count must be back to zero. Objects the test still references at that
    point are the test's leak, so locals are dropped first (gc)."""

    def setUp(self):
        gc.collect()
        self.assertEqual(_clib.live(), {}, "objects alive before the test")

    def tearDown(self):
        gc.collect()
        self.assertEqual(_clib.live(), {}, "library objects left unfreed by %s" % self.id())


__all__ = ["uclog", "TestCase", "data", "read", "DATA", "SOURCE_ROOT", "SEED_CALL_IDS"]
