# TextIOWrapper checks ported from CPython's Lib/test/test_io.py (TextIOWrapperTest).
import _io
TESTFN = '/tmp/ferropy_io_textport_%d' % id(object())
try:
    import posix
    _rm = posix.unlink
except ImportError:
    _rm = None

def check(label, got, expected):
    print(label, 'ok' if got == expected else 'MISMATCH %r != %r' % (got, expected))

def raises(label, exc, f, *args, **kw):
    try:
        f(*args, **kw)
    except exc as e:
        print(label, 'raised', type(e).__name__, e)
    except Exception as e:
        print(label, 'WRONG', type(e).__name__, e)
    else:
        print(label, 'no exception')

testdata = b"AAA\r\nBBB\rCCC\r\nDDD\nEEE\r\n"
normalized = b"AAA\nBBB\nCCC\nDDD\nEEE\n".decode("ascii")

print('-- constructor')
r = _io.BytesIO(b"\xc3\xa9\n\n")
b = _io.BufferedReader(r, 1000)
t = _io.TextIOWrapper(b, encoding="utf-8")
t.__init__(b, encoding="latin-1", newline="\r\n")
check('c1', (t.encoding, t.line_buffering), ("latin-1", False))
t.__init__(b, encoding="utf-8", line_buffering=True)
check('c2', (t.encoding, t.line_buffering), ("utf-8", True))
check('c3', t.readline(), "\xe9\n")
raises('c4', TypeError, t.__init__, b, encoding=42)
raises('c5', ValueError, t.__init__, b, encoding='utf-8\0')
raises('c6', TypeError, t.__init__, b, encoding="utf-8", errors=42)
raises('c7', ValueError, t.__init__, b, encoding="utf-8", errors='replace\0')
raises('c8', TypeError, t.__init__, b, encoding="utf-8", newline=42)
raises('c9', ValueError, t.__init__, b, encoding="utf-8", newline='\n\0')
raises('c10', ValueError, t.__init__, b, encoding="utf-8", newline='xyzzy')
t = _io.TextIOWrapper.__new__(_io.TextIOWrapper)
raises('u1', Exception, repr, t)
raises('u2', (ValueError, AttributeError), t.read, 0)
t.__init__(_io.BytesIO(), encoding="utf-8")
check('u3', t.read(0), '')
raises('hex', LookupError, _io.TextIOWrapper, _io.BufferedWriter(_io.BytesIO()), encoding="hex")
print('-- detach / repr')
r = _io.BytesIO()
b = _io.BufferedWriter(r)
t = _io.TextIOWrapper(b, encoding="ascii")
check('d1', t.detach() is b, True)
t = _io.TextIOWrapper(b, encoding="ascii")
t.write("howdy")
check('d2', r.getvalue(), b"")
t.detach()
check('d3', r.getvalue(), b"howdy")
raises('d4', ValueError, t.detach)
repr(t)
check('d5', (t.encoding, t.errors, t.line_buffering, t.write_through), ("ascii", "strict", False, False))
raw = _io.BytesIO("hello".encode("utf-8"))
b = _io.BufferedReader(raw)
t = _io.TextIOWrapper(b, encoding="utf-8")
print(repr(t))
raw.name = "dummy"
print(repr(t))
t.mode = "r"
print(repr(t))
raw.name = b"dummy"
print(repr(t))
t.buffer.detach()
repr(t)
print('-- line buffering')
r = _io.BytesIO()
b = _io.BufferedWriter(r, 1000)
t = _io.TextIOWrapper(b, encoding="utf-8", newline="\n", line_buffering=True)
t.write("X"); check('lb1', r.getvalue(), b"")
t.write("Y\nZ"); check('lb2', r.getvalue(), b"XY\nZ")
t.write("A\rB"); check('lb3', r.getvalue(), b"XY\nZA\rB")
r = _io.BytesIO()
b = _io.BufferedWriter(r, 1000)
t = _io.TextIOWrapper(b, encoding="utf-8", newline="\n", line_buffering=False)
t.write("AB\nC"); check('rlb1', r.getvalue(), b"")
t.reconfigure(line_buffering=True); check('rlb2', r.getvalue(), b"AB\nC")
t.write("DEF\nG"); check('rlb3', r.getvalue(), b"AB\nCDEF\nG")
t.write("H"); check('rlb4', r.getvalue(), b"AB\nCDEF\nG")
t.reconfigure(line_buffering=False); check('rlb5', r.getvalue(), b"AB\nCDEF\nGH")
t.write("IJ"); check('rlb6', r.getvalue(), b"AB\nCDEF\nGH")
t.reconfigure(); t.reconfigure(line_buffering=None); check('rlb7', t.line_buffering, False)
t.reconfigure(line_buffering=True); t.reconfigure(); t.reconfigure(line_buffering=None); check('rlb8', t.line_buffering, True)
print('-- encoding errors')
for errors, expected in ((None, None), ("strict", None), ("ignore", "abc\n\n"), ("replace", "abc\n\ufffd\n")):
    t = _io.TextIOWrapper(_io.BytesIO(b"abc\n\xff\n"), encoding="ascii", errors=errors)
    if expected is None:
        raises('er ' + str(errors), UnicodeError, t.read)
    else:
        check('er ' + errors, t.read(), expected)
for errors, expected in ((None, None), ("strict", None), ("ignore", b"abcdef\n"), ("replace", b"abc?def\n")):
    bio = _io.BytesIO()
    t = _io.TextIOWrapper(bio, encoding="ascii", errors=errors, newline="\n")
    if expected is None:
        raises('ew ' + str(errors), UnicodeError, t.write, "\xff")
    else:
        t.write("abc\xffdef\n"); t.flush(); check('ew ' + errors, bio.getvalue(), expected)
print('-- newlines')
input_lines = ["unix\n", "windows\r\n", "os9\r", "last\n", "nonl"]
tests = [
    [None, ['unix\n', 'windows\n', 'os9\n', 'last\n', 'nonl']],
    ['', input_lines],
    ['\n', ["unix\n", "windows\r\n", "os9\rlast\n", "nonl"]],
    ['\r\n', ["unix\nwindows\r\n", "os9\rlast\nnonl"]],
    ['\r', ["unix\nwindows\r", "\nos9\r", "last\nnonl"]],
]
bad = 0
for encoding in ('utf-8', 'latin-1', 'utf-16', 'utf-16-le', 'utf-16-be', 'utf-32', 'utf-32-le', 'utf-32-be'):
    data = bytes(''.join(input_lines).encode(encoding))
    for do_reads in (False, True):
        for bufsize in range(1, 10):
            for newline, exp_lines in tests:
                bufio = _io.BufferedReader(_io.BytesIO(data), bufsize)
                textio = _io.TextIOWrapper(bufio, newline=newline, encoding=encoding)
                if do_reads:
                    got_lines = []
                    while True:
                        c2 = textio.read(2)
                        if c2 == '':
                            break
                        if len(c2) != 2:
                            bad += 1
                        got_lines.append(c2 + textio.readline())
                else:
                    got_lines = list(textio)
                if got_lines != exp_lines:
                    bad += 1
                    print('newlines mismatch', encoding, do_reads, bufsize, repr(newline), got_lines)
print('newlines bad', bad)
testdata2 = b"AAA\nBB\x00B\nCCC\rDDD\rEEE\r\nFFF\r\nGGG"
normalized2 = testdata2.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
for newline, expected in [
        (None, normalized2.decode("ascii").splitlines(keepends=True)),
        ("", testdata2.decode("ascii").splitlines(keepends=True)),
        ("\n", ["AAA\n", "BB\x00B\n", "CCC\rDDD\rEEE\r\n", "FFF\r\n", "GGG"]),
        ("\r\n", ["AAA\nBB\x00B\nCCC\rDDD\rEEE\r\n", "FFF\r\n", "GGG"]),
        ("\r", ["AAA\nBB\x00B\nCCC\r", "DDD\r", "EEE\r", "\nFFF\r", "\nGGG"])]:
    txt = _io.TextIOWrapper(_io.BytesIO(testdata2), encoding="ascii", newline=newline)
    check('ni ' + repr(newline), txt.readlines(), expected)
    txt.seek(0)
    check('ni2 ' + repr(newline), txt.read(), "".join(expected))
testdict = {"": b"AAA\nBBB\nCCC\nX\rY\r\nZ", "\n": b"AAA\nBBB\nCCC\nX\rY\r\nZ",
            "\r": b"AAA\rBBB\rCCC\rX\rY\r\rZ", "\r\n": b"AAA\r\nBBB\r\nCCC\r\nX\rY\r\r\nZ"}
for newline, expected in [(None, testdict["\n"])] + sorted(testdict.items()):
    buf = _io.BytesIO()
    txt = _io.TextIOWrapper(buf, encoding="ascii", newline=newline)
    txt.write("AAA\nB"); txt.write("BB\nCCC\n"); txt.write("X\rY\r\nZ"); txt.flush()
    check('no ' + repr(newline), (buf.closed, buf.getvalue()), (False, expected))
print('-- basic io')
def multi_line_test(f, enc):
    f.seek(0)
    f.truncate()
    sample = "s\xff\u0fff\uffff"
    wlines = []
    for size in (0, 1, 2, 3, 4, 5, 30, 31, 32, 33, 62, 63, 64, 65, 1000):
        line = "".join(sample[i % len(sample)] for i in range(size)) + "\n"
        wlines.append((f.tell(), line))
        f.write(line)
    f.seek(0)
    rlines = []
    while True:
        pos = f.tell()
        line = f.readline()
        if not line:
            break
        rlines.append((pos, line))
    return rlines == wlines
bad = []
for chunksize in (1, 2, 3, 4, 5, 15, 16, 17, 31, 32, 33, 63, 64, 65):
    for enc in "ascii", "latin-1", "utf-8":
        f = _io.open(TESTFN, "w+", encoding=enc)
        f._CHUNK_SIZE = chunksize
        res = [f.write("abc")]
        f.close()
        f = _io.open(TESTFN, "r+", encoding=enc)
        f._CHUNK_SIZE = chunksize
        res += [f.tell(), f.read()]
        cookie = f.tell()
        res += [f.seek(0), f.read(None)]
        f.seek(0)
        res += [f.read(2), f.read(1), f.read(1), f.read(), f.tell() == cookie, f.seek(0), f.seek(0, 2) == cookie,
                f.write("def"), f.seek(cookie) == cookie, f.read()]
        if enc.startswith("utf"):
            res.append(multi_line_test(f, enc))
        f.close()
        if res[:14] != [3, 0, 'abc', 0, 'abc', 'ab', 'c', '', '', True, 0, True, 3, True] or res[14:] not in (['def'], ['def', True]):
            bad.append((chunksize, enc, res))
print('basic io bad', bad)
f = _io.open(TESTFN, "w+", encoding="utf-8")
p0 = f.tell(); f.write("\xff\n"); p1 = f.tell(); f.write("\xff\n"); p2 = f.tell()
f.seek(0)
check('tell0', f.tell(), p0)
check('tell1', (f.readline(), f.tell()), ("\xff\n", p1))
check('tell2', (f.readline(), f.tell()), ("\xff\n", p2))
f.seek(0)
for line in f:
    check('tl', line, "\xff\n")
    raises('tl', OSError, f.tell)
check('tell3', f.tell(), p2)
f.close()
prefix_size = 8192 - 2
u_prefix = "a" * prefix_size
prefix = bytes(u_prefix.encode("utf-8"))
u_suffix = "\u8888\n"
line = prefix + bytes(u_suffix.encode("utf-8"))
with _io.open(TESTFN, "wb") as f:
    f.write(line * 2)
with _io.open(TESTFN, "r", encoding="utf-8") as f:
    check('seeking1', f.read(prefix_size), str(prefix, "ascii"))
    check('seeking2', f.tell(), prefix_size)
    check('seeking3', f.readline(), u_suffix)
with _io.open(TESTFN, "wb") as f:
    f.write(b'\xe0\xbf\xbf\n')
with _io.open(TESTFN, "r", encoding="utf-8") as f:
    f._CHUNK_SIZE = 2
    f.readline()
    print('seeking too', f.tell())
print('-- encoded writes / misc')
data = "1234567890"
for encoding in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"):
    buf = _io.BytesIO()
    f = _io.TextIOWrapper(buf, encoding=encoding)
    f.write(data); f.write(data)
    f.seek(0)
    r1 = f.read()
    f.seek(0)
    r2 = f.read()
    check('ew ' + encoding, (r1, r2, buf.getvalue()), (data * 2, data * 2, (data * 2).encode(encoding)))
class UnReadable(_io.BytesIO):
    def readable(self):
        return False
raises('unreadable', OSError, _io.TextIOWrapper(UnReadable(), encoding="utf-8").read)
txt = _io.TextIOWrapper(_io.BytesIO(b"AA\r\nBB"), encoding="utf-8")
reads = ""
while True:
    c = txt.read(1)
    if not c:
        break
    reads += c
check('one by one', reads, "AA\nBB")
txt = _io.TextIOWrapper(_io.BytesIO(b"AA\nBB\nCC"), encoding="utf-8")
check('rl1', txt.readlines(), ["AA\n", "BB\n", "CC"])
txt.seek(0); check('rl2', txt.readlines(None), ["AA\n", "BB\n", "CC"])
txt.seek(0); check('rl3', txt.readlines(5), ["AA\n", "BB\n"])
txt = _io.TextIOWrapper(_io.BytesIO(b"A" * 127 + b"\r\nB"), encoding="utf-8")
reads = ""
while True:
    c = txt.read(128)
    if not c:
        break
    reads += c
check('by chunk', reads, "A" * 127 + "\nB")
buf = _io.BytesIO()
txt = _io.TextIOWrapper(buf, encoding="utf-8")
txt.writelines(['ab', 'cd', 'ef']); txt.flush()
check('writelines', buf.getvalue(), b'abcdef')
txt = _io.TextIOWrapper(_io.BytesIO(), encoding="utf-8")
raises('wl1', TypeError, txt.writelines, [1, 2, 3])
raises('wl2', TypeError, txt.writelines, None)
raises('wl3', TypeError, txt.writelines, b'abc')
def reader(chunk=None):
    txt = _io.TextIOWrapper(_io.BytesIO(testdata), encoding="ascii")
    if chunk:
        txt._CHUNK_SIZE = chunk
    return txt
txt = reader(); reads = ""
while True:
    c = txt.read(1)
    if not c:
        break
    reads += c
check('1395_1', reads, normalized)
txt = reader(4); reads = ""
while True:
    c = txt.read(4)
    if not c:
        break
    reads += c
check('1395_2', reads, normalized)
txt = reader(4)
reads = txt.read(4); reads += txt.read(4); reads += txt.readline(); reads += txt.readline(); reads += txt.readline()
check('1395_3', reads, normalized)
txt = reader(4)
reads = txt.read(4); reads += txt.read()
check('1395_4', reads, normalized)
txt = reader(4)
reads = txt.read(4); pos = txt.tell(); txt.seek(0); txt.seek(pos)
check('1395_5', txt.read(4), "BBB\n")
buffer = _io.BytesIO(testdata)
check('2282', buffer.seekable(), _io.TextIOWrapper(buffer, encoding="ascii").seekable())
for charset in ('utf-8-sig', 'utf-16', 'utf-32'):
    with _io.open(TESTFN, 'w', encoding=charset) as f:
        f.write('aaa')
        pos = f.tell()
    with _io.open(TESTFN, 'rb') as f:
        check('bom1 ' + charset, f.read(), 'aaa'.encode(charset))
    with _io.open(TESTFN, 'a', encoding=charset) as f:
        f.write('xxx')
    with _io.open(TESTFN, 'rb') as f:
        check('bom2 ' + charset, f.read(), 'aaaxxx'.encode(charset))
    with _io.open(TESTFN, 'w', encoding=charset) as f:
        f.write('aaa')
        pos = f.tell()
    with _io.open(TESTFN, 'r+', encoding=charset) as f:
        f.seek(pos)
        f.write('zzz')
        f.seek(0)
        f.write('bbb')
    with _io.open(TESTFN, 'rb') as f:
        check('bom3 ' + charset, f.read(), 'bbbzzz'.encode(charset))
    with _io.open(TESTFN, 'w', encoding=charset) as f:
        f.write('aaa')
    with _io.open(TESTFN, 'a', encoding=charset) as f:
        f.seek(0)
        f.seek(0, 2)
        f.write('xxx')
    with _io.open(TESTFN, 'rb') as f:
        check('bom4 ' + charset, f.read(), 'aaaxxx'.encode(charset))
with _io.open(TESTFN, "w", encoding="utf-8") as f:
    check('errors1', f.errors, "strict")
with _io.open(TESTFN, "w", encoding="utf-8", errors="replace") as f:
    check('errors2', f.errors, "replace")
if _rm: _rm(TESTFN)
