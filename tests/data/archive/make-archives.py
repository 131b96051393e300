#!/usr/bin/env python3
"""Build the archive fixtures (run it from this directory): logs as users send them.

seed.uccapilog.gz   the seed log, gzip-compressed
joined.gz           two gzip members one after the other (gzip -c a b): the rotated pair as one text
tracing.zip         a zipped Tracing folder: the rotated pair as Lync-UccApi-0/-1 (the newer first,
                    so that the order by time shows), a readme that is not a log, a folder entry
no-log.zip          a zip holding no client log
cut.gz              seed.uccapilog.gz cut at half its length
damaged.gz          seed.uccapilog.gz with bytes in the middle of its deflate data changed
zeros.gz            8 MiB of NUL bytes in about 8 KiB: over a small UCLOG_LIMIT_MAX_ARCHIVE_BYTES
"""
import gzip
import zipfile

DATA = "../"


def gz(data):
    return gzip.compress(data, compresslevel=9, mtime=0)


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


def zipped(name, members):
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        for member, data in members:
            info = zipfile.ZipInfo(member, date_time=(2024, 1, 1, 0, 0, 0))
            if member.endswith("/"):
                z.writestr(info, b"")
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, data)


seed = open(DATA + "seed.uccapilog", "rb").read()
rot0 = open(DATA + "rotated-uccapi-0.uccapilog", "rb").read()
rot1 = open(DATA + "rotated-uccapi-1.uccapilog", "rb").read()
seed_gz = gz(seed)
write("seed.uccapilog.gz", seed_gz)
write("joined.gz", gz(rot1) + gz(rot0))
zipped("tracing.zip", [("Tracing/", b""), ("Tracing/Lync-UccApi-0.UccApilog", rot0),
                       ("Tracing/readme.txt", b"Logs from the help desk.\n"),
                       ("Tracing/Lync-UccApi-1.UccApilog", rot1)])
zipped("no-log.zip", [("readme.txt", b"Logs from the help desk.\n")])
write("cut.gz", seed_gz[:len(seed_gz) // 2])
mid = len(seed_gz) // 2
write("damaged.gz", seed_gz[:mid] + bytes(b ^ 0x5A for b in seed_gz[mid:mid + 16]) + seed_gz[mid + 16:])
write("zeros.gz", gz(bytes(8 << 20)))
