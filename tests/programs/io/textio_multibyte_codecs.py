import io

def roundtrip(enc, text, newline=None, chunk=None):
    data = text.encode(enc)
    f = io.TextIOWrapper(io.BytesIO(data), encoding=enc, newline=newline)
    if chunk:
        f._CHUNK_SIZE = chunk
    out = []
    cookies = []
    while True:
        c = f.tell()
        ch = f.read(1)
        if not ch:
            break
        cookies.append((c, ch))
        out.append(ch)
    ok = True
    for c, ch in cookies:
        f.seek(c)
        r = f.read(1)
        if r != ch:
            ok = False
            print("  mismatch", enc, c, repr(ch), repr(r))
    # readline + tell
    f.seek(0)
    lines = []
    while True:
        p = f.tell()
        l = f.readline()
        if not l:
            break
        lines.append((p, l))
    for p, l in lines:
        f.seek(p)
        if f.readline() != l:
            ok = False
            print("  line mismatch", enc, p, repr(l))
    f.seek(0)
    whole = f.read()
    return ''.join(out) == whole, ok, len(lines), whole

samples = {
    'big5': 'ab\u4e00\u4e8c\r\nxy\u4e09\nz\rq',
    'shift_jis': '\u3042\u3044\u3046\nabc\r\n\u6f22\u5b57\n',
    'euc_jp': '\u3042\u3044\u3046\nabc\r\n\u6f22\u5b57\n',
    'gb2312': '\u4e2d\u6587\n\u6d4b\u8bd5\r\nabc',
    'utf_7': 'ab\u4e00+x-\r\nxy\n\u00e9\u00e8z',
    'iso2022_jp': 'a\u3042\u3044b\r\n\u6f22\u5b57x\ny',
    'utf-8-sig': 'ab\u4e00\nc\r\nd',
    'utf-16': 'ab\u4e00\nc\r\nd\U0001f600e',
    'cp1252': 'caf\u00e9\r\n\u20ac\nx',
    'koi8_r': '\u043f\u0440\u0438\u0432\u0435\u0442\n\u043c\u0438\u0440\r\n',
}
for enc, text in samples.items():
    for nl in (None, '', '\n', '\r\n'):
        for chunk in (None, 3, 5):
            r = roundtrip(enc, text, nl, chunk)
            print(enc, repr(nl), chunk, r[:3], repr(r[3]))

# tell() values where the codecs agree with CPython's state encoding
for enc in ['big5', 'shift_jis', 'utf_7', 'gb2312', 'utf-8-sig', 'utf-16', 'cp1252']:
    text = samples[enc]
    f = io.TextIOWrapper(io.BytesIO(text.encode(enc)), encoding=enc)
    res = []
    while True:
        c = f.read(1)
        if not c:
            break
        res.append(f.tell())
    print(enc, res)

# write then read back
for enc in ['big5', 'shift_jis', 'euc_jp', 'utf_7', 'iso2022_jp', 'utf-8-sig', 'utf-16', 'gb2312']:
    b = io.BytesIO()
    f = io.TextIOWrapper(b, encoding=enc, newline='\r\n')
    f.write(samples[enc].replace('\r', ''))
    f.write('\u4e00\n' if enc not in ('cp1252',) else 'x\n')
    f.flush()
    raw = b.getvalue()
    print(enc, 'written', raw == (samples[enc].replace('\r', '') + '\u4e00\n').replace('\n', '\r\n').encode(enc))
    f.seek(0)
    print(enc, repr(f.read()))
    f.seek(0, 2)
    f.write('z')
    f.seek(0)
    print(enc, repr(f.read()[-3:]))

# read/write mixing with a stateful encoder
b = io.BytesIO()
f = io.TextIOWrapper(b, encoding='iso2022_jp')
f.write('a\u3042')
f.write('b')
f.flush()
print(b.getvalue())
f.seek(0)
print(repr(f.read()))

# utf-16 BOM handling at seek
b = io.BytesIO()
f = io.TextIOWrapper(b, encoding='utf-16')
f.write('abc')
p = f.tell()
f.write('def')
f.seek(p)
f.write('X')
f.flush()
print(b.getvalue())
f.seek(0)
print(repr(f.read()))
f.seek(0)
f.write('Q')
f.flush()
print(b.getvalue())

# errors and reconfigure
f = io.TextIOWrapper(io.BytesIO(b'ab\xff\xfecd'), encoding='big5', errors='replace')
print(repr(f.read()))
f = io.TextIOWrapper(io.BytesIO(b'ab\x81'), encoding='shift_jis')
try:
    print(repr(f.read()))
except UnicodeDecodeError as e:
    print('UnicodeDecodeError', e)
b = io.BytesIO()
f = io.TextIOWrapper(b, encoding='ascii')
f.write('x')
f.reconfigure(encoding='big5')
f.write('\u4e00')
f.flush()
print(b.getvalue())
print(f.encoding, f.errors)
f = io.TextIOWrapper(io.BytesIO('a\r\nb\rc\n'.encode('big5')), encoding='big5')
print(repr(f.read()), f.newlines)
f = io.TextIOWrapper(io.BytesIO('a\r\nb\rc\n'.encode('big5')), encoding='big5', newline='')
print(list(f))
try:
    io.TextIOWrapper(io.BytesIO(), encoding='big5').seek(2**200)
except OverflowError as e:
    print('OverflowError', e)
