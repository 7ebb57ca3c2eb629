# The JIS X 0213 codecs over their whole code space: every two- and three-byte code decoded,
# every character of the BMP and plane 2 encoded (the combining pairs included), with a
# digest of the results and the first differences spelled out.
import hashlib


def codes(name):
    leads = range(0xA1, 0xFF) if name.startswith("euc") else list(range(0x81, 0xA0)) + list(range(0xE0, 0xFD))
    trails = range(0xA1, 0xFF) if name.startswith("euc") else [t for t in range(0x40, 0xFD) if t != 0x7F]
    for a in leads:
        for b in trails:
            yield bytes([a, b])
    if name.startswith("euc"):
        for a in range(0xA1, 0xFF):
            for b in range(0xA1, 0xFF):
                yield bytes([0x8F, a, b])
        for b in range(0xA1, 0xE0):
            yield bytes([0x8E, b])


for name in ("euc_jis_2004", "shift_jis_2004", "euc_jisx0213", "shift_jisx0213"):
    h = hashlib.sha256()
    ok = 0
    for code in codes(name):
        try:
            s = code.decode(name)
            ok += 1
            h.update(code + s.encode("utf-32-le"))
        except UnicodeDecodeError:
            h.update(code + b"-")
    print(name, "decode", ok, h.hexdigest()[:16])

    # In blocks, one character per line (so no two make a pair); what cannot be encoded
    # becomes an escape.
    h = hashlib.sha256()
    cps = list(range(0x80, 0xD800)) + list(range(0xE000, 0x10000)) + list(range(0x20000, 0x2FFFF))
    bad = 0
    for i in range(0, len(cps), 2048):
        b = "\n".join(map(chr, cps[i : i + 2048])).encode(name, "backslashreplace")
        bad += b.count(b"\\u") + b.count(b"\\U") + b.count(b"\\x")
        h.update(b)
    print(name, "encode", len(cps) - bad, h.hexdigest()[:16])

# The combining pairs: a letter then its mark is one code; the letter alone is another.
for text in ("\u304b\u309a", "\u00e6\u0300", "\u00e6", "\u02e9\u02e5", "\u304b", "\u304b\u3099x"[:1]):
    for name in ("euc_jis_2004", "shift_jis_2004"):
        b = text.encode(name)
        print(name, repr(text), b.hex(), b.decode(name) == text)

# Incremental encoding keeps a possible pair's letter pending until the next call.
import codecs
for name in ("euc_jis_2004", "shift_jis_2004"):
    enc = codecs.getincrementalencoder(name)()
    parts = [enc.encode("a\u00e6"), enc.encode("\u0300b\u00e6"), enc.encode("", final=True)]
    print(name, [p.hex() for p in parts])
