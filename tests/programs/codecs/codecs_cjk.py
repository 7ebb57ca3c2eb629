# CJK codecs (_multibytecodec and _codecs_*): round trips, errors, incremental and stream use.
import codecs, io
encs = ['big5','cp950','big5hkscs','gb2312','gbk','gb18030','hz','euc_kr','cp949','johab','shift_jis','cp932','euc_jp','shift_jis_2004','shift_jisx0213','euc_jis_2004','euc_jisx0213','iso2022_jp','iso2022_jp_1','iso2022_jp_2','iso2022_jp_2004','iso2022_jp_3','iso2022_jp_ext','iso2022_kr']
samples = ['abc123', '中文', '한국어', 'ｱｲｳ', 'a~b', '中\n中', '가a가\nb가', '\\~']
for enc in encs:
    row = []
    for s in samples:
        if enc == 'johab' and s in ('中文', '中\n中'):
            continue
        try:
            b = s.encode(enc)
            row.append((b, b.decode(enc) == s))
        except UnicodeError as e:
            row.append((type(e).__name__, e.start, e.end, e.reason))
    print(enc, row)
    for errors in ['replace', 'ignore', 'backslashreplace', 'xmlcharrefreplace']:
        bad = 'x\U0001F600y' if enc == 'johab' else 'x\u20ac\U0001F600y'
        print(' ', errors, bad.encode(enc, errors))
    for raw in [b'ab\xff\xffcd', b'ab\x80', b'\xa4']:
        print(' ', raw, ascii(raw.decode(enc, 'replace')), ascii(raw.decode(enc, 'ignore')))
    try:
        b'ab\xff'.decode(enc)
    except UnicodeDecodeError as e:
        print(' ', e)
    # incremental, byte by byte
    text = 'ab中文x한국ｱ\n'
    try:
        data = text.encode(enc)
    except UnicodeEncodeError:
        data = 'abc\n'.encode(enc)
        text = 'abc\n'
    d = codecs.getincrementaldecoder(enc)()
    out = ''.join(d.decode(bytes([c])) for c in data) + d.decode(b'', True)
    e = codecs.getincrementalencoder(enc)()
    enc_out = b''.join(e.encode(c) for c in text) + e.encode('', True)
    print('  incremental', out == text, enc_out == data)
    r = codecs.getreader(enc)(io.BytesIO(data))
    print('  reader', r.read() == text)
    buf = io.BytesIO()
    w = codecs.getwriter(enc)(buf)
    w.write(text)
    w.reset()
    print('  writer', buf.getvalue() == data)
import _codecs_tw, _multibytecodec
c = _codecs_tw.getcodec('big5')
print(type(c).__name__, type(c).__module__, c.encode('ab'), c.decode(b'ab'), c.encode(42))
for call in [lambda: _codecs_tw.getcodec('gbk'), lambda: _codecs_tw.getcodec(1),
             lambda: c.encode('a', 42), lambda: c.decode(42), lambda: _multibytecodec.MultibyteCodec()]:
    try:
        print(call())
    except Exception as ex:
        print(type(ex).__name__, ex)
d = codecs.getincrementaldecoder('big5')()
print(d.decode(b'a\xa4'), d.getstate())
try:
    d.decode(b'', True)
except UnicodeDecodeError as ex:
    print(ex)
