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
# incremental state: CPython's packed encoder state, decoder state validation
e = codecs.getincrementalencoder('euc_jp')()
print(e.getstate())
for st in [1 << 8 | 0xff << 8, int.from_bytes(b'\x09' + b'\x00' * 16, 'little'), 'x']:
    try:
        e.setstate(st)
        print('ok', e.getstate())
    except Exception as ex:
        print(type(ex).__name__)
d = codecs.getincrementaldecoder('euc_jp')()
for st in [123, ('invalid', 0), (b'1234', 'invalid'), (b'123456789', 0), (b'\xa4', 0)]:
    try:
        d.setstate(st)
        print('ok', d.getstate())
    except Exception as ex:
        print(type(ex).__name__)
print(d.decode(b'\xa2', True))
for cls in [_multibytecodec.MultibyteStreamReader, _multibytecodec.MultibyteStreamWriter]:
    try:
        cls(None)
    except AttributeError:
        print('AttributeError')
