# CJK codec tables: every two-byte sequence decoded and every decoded character encoded back,
# summarized by counts and checksums (every 4th lead byte; the codecs whose tables match
# CPython's exactly).
for enc in ['shift_jis', 'euc_jp', 'cp932', 'gbk', 'gb2312', 'euc_kr', 'cp949']:
    n = 0
    total = 0
    chars = []
    for a in range(0x81, 0x100, 4):
        for b in range(0x40, 0x100):
            try:
                s = bytes([a, b]).decode(enc)
            except UnicodeDecodeError:
                continue
            n += 1
            total = (total * 31 + a * 256 + b + sum(map(ord, s))) % 1000000007
            if len(s) == 1:
                chars.append(s)
    etotal = 0
    errors = 0
    for c in chars:
        try:
            data = c.encode(enc)
        except UnicodeEncodeError:
            errors += 1
            continue
        etotal = (etotal * 31 + int.from_bytes(data, 'big')) % 1000000007
    print(enc, n, total, len(chars), errors, etotal)
