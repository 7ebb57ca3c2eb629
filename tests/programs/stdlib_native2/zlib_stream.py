# Streaming decompression in pieces with output limits; results (not compressed bytes,
# which may legitimately differ between deflate implementations) compared with CPython.
import zlib

state = 77


def rnd(n):
    global state
    out = bytearray()
    for _ in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        out.append(97 + (state >> 16) % 6)
    return bytes(out)


for i, wbits in enumerate([15, -15, 31, 47, 9, -9, 25]):
    payload = rnd(500 + i * 300) * 3
    cw = wbits if wbits != 47 else 31
    comp = zlib.compress(payload, 6, cw) + b"TRAILER"
    d = zlib.decompressobj(wbits)
    out = b""
    step = 7 + i * 5
    pos = 0
    while pos < len(comp):
        chunk = comp[pos:pos + step]
        pos += step
        got = d.decompress(chunk, 50)
        out += got
        while d.unconsumed_tail and not d.eof:
            out += d.decompress(d.unconsumed_tail, 50)
    out += d.flush()
    # (unused_data/unconsumed_tail after an output-limited call that reaches the end are
    # CPython implementation details; checked below without limits.)
    print(wbits, out == payload, d.eof)
    c = zlib.compressobj(1 + i, zlib.DEFLATED, cw)
    pieces = [c.compress(payload[k:k + 100]) for k in range(0, len(payload), 100)]
    pieces.append(c.flush(zlib.Z_SYNC_FLUSH))
    pieces.append(c.compress(b"tail"))
    pieces.append(c.flush())
    print(" ", zlib.decompress(b"".join(pieces), wbits) == payload + b"tail")
d = zlib.decompressobj()
print(d.decompress(b""), d.flush(), d.eof)
d = zlib.decompressobj()
try:
    d.decompress(b"\x78\x9c\x00\x01\x02")
    print(d.flush())
except zlib.error as e:
    print("error", e)
for wbits in (15, 31, -15):
    comp = zlib.compress(b"x" * 100, 6, wbits) + b"TRAILER"
    for split in (len(comp) - 7, len(comp) - 5, len(comp) - 9, 3):
        d = zlib.decompressobj(wbits)
        r = d.decompress(comp[:split])
        print(wbits, split - len(comp), len(r), d.eof, d.unused_data, d.unconsumed_tail, end=" | ")
        r = d.decompress(comp[split:])
        print(len(r), d.eof, d.unused_data, d.unconsumed_tail, end=" | ")
        r = d.flush()
        print(len(r), d.eof, d.unused_data, d.unconsumed_tail)
