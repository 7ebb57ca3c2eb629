import zlib


def t(label, f):
    try:
        r = f()
        print(label, repr(r))
    except Exception as e:
        print(label, type(e).__name__, e)


print(zlib.error.__module__, zlib.error.__mro__[1], zlib.MAX_WBITS, zlib.DEFLATED, zlib.Z_FINISH,
      zlib.Z_SYNC_FLUSH, zlib.DEF_BUF_SIZE, zlib.DEF_MEM_LEVEL, zlib.Z_BEST_COMPRESSION)
datas = [b"", b"hello", b"hello world " * 50, bytes(range(256)) * 20]
for d in datas:
    for level in (-1, 0, 1, 6, 9):
        c = zlib.compress(d, level)
        # Compressed bytes are compared for short inputs only: other deflate implementations
        # may choose different (equally valid) matches for longer ones.
        print(len(d), level, c if len(d) < 10 else "", zlib.decompress(c) == d)
    for wbits in (9, 15, -15, -9, 31, 25):
        c = zlib.compress(d, 6, wbits)
        print("  wbits", wbits, c if len(d) < 10 else c[:2] if wbits > 0 else "", zlib.decompress(c, wbits) == d)
    print("  auto", zlib.decompress(zlib.compress(d, wbits=31), 47) == d,
          zlib.decompress(zlib.compress(d), 47) == d, zlib.decompress(zlib.compress(d), 0) == d)
    print("  crc", zlib.crc32(d), zlib.crc32(d, 1), zlib.adler32(d), zlib.adler32(d, 5))
t("crc32 neg", lambda: zlib.crc32(b"x", -1))
t("adler big", lambda: zlib.adler32(b"x" * 10000, 2**40))
t("bad level", lambda: zlib.compress(b"x", 10))
t("bad wbits", lambda: zlib.compress(b"x", wbits=16))
t("bad data", lambda: zlib.decompress(b"xyz"))
t("truncated", lambda: zlib.decompress(zlib.compress(b"hello")[:-2]))
t("empty", lambda: zlib.decompress(b""))
t("bad dwbits", lambda: zlib.decompress(b"x", wbits=100))
t("trailing", lambda: zlib.decompress(zlib.compress(b"hello") + b"extra"))
t("bufsize", lambda: zlib.decompress(zlib.compress(b"hi"), bufsize=-1))
t("str", lambda: zlib.compress("x"))
t("cobj bad", lambda: zlib.compressobj(method=9))
t("cobj mem", lambda: zlib.compressobj(memLevel=10))
t("dobj bad", lambda: zlib.decompressobj(wbits=100))

c = zlib.compressobj()
parts = [c.compress(b"abc"), c.flush(zlib.Z_SYNC_FLUSH), c.compress(b"def" * 100), c.flush()]
print(parts[:3])
t("after finish", lambda: c.compress(b"x"))
t("flush after finish", lambda: c.flush())
whole = b"".join(parts)
print(zlib.decompress(whole))
c = zlib.compressobj(9, zlib.DEFLATED, -12)
out = c.compress(b"data " * 100)
c2 = c.copy()
out2 = out + c2.compress(b"more") + c2.flush()
out += c.flush()
print(zlib.decompress(out, -12) == b"data " * 100, zlib.decompress(out2, -12)[-10:])
print(type(c).__name__, type(zlib.decompressobj()).__name__)

d = zlib.decompressobj()
print(d.decompress(zlib.compress(b"hello") + b"extra"), d.unused_data, d.eof, d.unconsumed_tail)
print(d.decompress(b"more"), d.unused_data)
big = zlib.compress(b"hello" * 100)
d = zlib.decompressobj()
first = d.decompress(big, 10)
print(first, d.unconsumed_tail != b"", d.eof)
rest = d.decompress(d.unconsumed_tail, 100)
print(len(rest), d.eof)
print(len(first + rest + d.flush()), d.eof, d.unused_data)
t("max neg", lambda: zlib.decompressobj().decompress(b"x", -1))
t("flush zero", lambda: zlib.decompressobj().flush(0))
d = zlib.decompressobj()
pieces = b""
for i in range(0, len(big), 3):
    pieces += d.decompress(big[i:i + 3])
print(len(pieces), d.eof)
d = zlib.decompressobj()
d.decompress(big[:20])
dc = d.copy()
print(len(d.decompress(big[20:])), len(dc.decompress(big[20:])))
zd = b"hello world dictionary"
c = zlib.compressobj(zdict=zd)
comp = c.compress(b"hello world dictionary hello") + c.flush()
print(comp[:2])
d = zlib.decompressobj(zdict=zd)
print(d.decompress(comp))
t("bad stream obj", lambda: zlib.decompressobj().decompress(b"garbage!"))
c = zlib.compressobj()
print(c.flush(zlib.Z_NO_FLUSH), c.compress(b"abc"), c.flush(zlib.Z_PARTIAL_FLUSH), c.flush(zlib.Z_FULL_FLUSH), c.flush(zlib.Z_BLOCK), c.flush())
