# Checks ported from CPython's Lib/test/test_io.py (C implementation classes), printing the
# outcome of each so the run can be compared with python3.11.
import _io
TESTFN = '/tmp/ferropy_io_port_%d' % id(object())
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
        print(label, 'raised', type(e).__name__)
    except Exception as e:
        print(label, 'WRONG', type(e).__name__, e)
    else:
        print(label, 'no exception')

def byteslike(*pos, **kw):
    return memoryview(bytearray(*pos, **kw))

def write_ops(f):
    check('w1', f.write(b"blah."), 5)
    f.truncate(0)
    check('w2', f.tell(), 5)
    f.seek(0)
    check('w3', f.write(b"blah."), 5)
    check('w4', f.seek(0), 0)
    check('w5', f.write(b"Hello."), 6)
    check('w6', f.tell(), 6)
    check('w7', f.seek(-1, 1), 5)
    check('w8', f.tell(), 5)
    buffer = bytearray(b" world\n\n\n")
    check('w9', f.write(buffer), 9)
    buffer[:] = b"*" * 9
    check('w10', f.seek(0), 0)
    check('w11', f.write(b"h"), 1)
    check('w12', f.seek(-1, 2), 13)
    check('w13', f.tell(), 13)
    check('w14', f.truncate(12), 12)
    check('w15', f.tell(), 13)
    raises('w16', TypeError, f.seek, 0.0)

def read_ops(f, buffered=False):
    data = f.read(5)
    check('r1', data, b"hello")
    data = byteslike(data)
    check('r2', f.readinto(data), 5)
    check('r3', bytes(data), b" worl")
    data = bytearray(5)
    check('r4', f.readinto(data), 2)
    check('r5', len(data), 5)
    check('r6', data[:2], b"d\n")
    check('r7', f.seek(0), 0)
    check('r8', f.read(20), b"hello world\n")
    check('r9', f.read(1), b"")
    check('r10', f.readinto(byteslike(b"x")), 0)
    check('r11', f.seek(-6, 2), 6)
    check('r12', f.read(5), b"world")
    check('r13', f.read(0), b"")
    check('r14', f.readinto(byteslike()), 0)
    check('r15', f.seek(-6, 1), 5)
    check('r16', f.read(5), b" worl")
    check('r17', f.tell(), 10)
    raises('r18', TypeError, f.seek, 0.0)
    if buffered:
        f.seek(0)
        check('r19', f.read(), b"hello world\n")
        f.seek(6)
        check('r20', f.read(), b"world\n")
        check('r21', f.read(), b"")
        f.seek(0)
        data = byteslike(5)
        check('r22', f.readinto1(data), 5)
        check('r23', bytes(data), b"hello")

print('-- raw file io')
with _io.open(TESTFN, "wb", buffering=0) as f:
    check('a', (f.readable(), f.writable(), f.seekable()), (False, True, True))
    write_ops(f)
with _io.open(TESTFN, "rb", buffering=0) as f:
    check('b', (f.readable(), f.writable(), f.seekable()), (True, False, True))
    read_ops(f)
print('-- buffered file io')
with _io.open(TESTFN, "wb") as f:
    write_ops(f)
with _io.open(TESTFN, "rb") as f:
    read_ops(f, True)
print('-- bytes io')
f = _io.BytesIO()
write_ops(f)
data = f.getvalue()
check('c', data, b"hello world\n")
read_ops(_io.BytesIO(data), True)
print('-- readline')
with _io.open(TESTFN, "wb") as f:
    f.write(b"abc\ndef\nxyzzy\nfoo\x00bar\nanother line")
with _io.open(TESTFN, "rb") as f:
    check('l1', f.readline(), b"abc\n")
    check('l2', f.readline(10), b"def\n")
    check('l3', f.readline(2), b"xy")
    check('l4', f.readline(4), b"zzy\n")
    check('l5', f.readline(), b"foo\x00bar\n")
    check('l6', f.readline(None), b"another line")
    raises('l7', TypeError, f.readline, 5.3)
with _io.open(TESTFN, "r", encoding="utf-8") as f:
    raises('l8', TypeError, f.readline, 5.3)
class R(_io._IOBase):
    def readline(self):
        return None
raises('nonsizeable', (TypeError, StopIteration), next, R())
class R2(_io._IOBase):
    def __next__(self):
        return None
raises('next nonsizeable', TypeError, R2().readlines, 1)
print('-- invalid operations')
exc = _io.UnsupportedOperation
with _io.open(TESTFN, "w", encoding="utf-8") as fp:
    raises('i1', exc, fp.read); raises('i2', exc, fp.readline)
with _io.open(TESTFN, "wb") as fp:
    raises('i3', exc, fp.read); raises('i4', exc, fp.readline)
with _io.open(TESTFN, "wb", buffering=0) as fp:
    raises('i5', exc, fp.read); raises('i6', exc, fp.readline)
with _io.open(TESTFN, "rb", buffering=0) as fp:
    raises('i7', exc, fp.write, b"blah"); raises('i8', exc, fp.writelines, [b"blah\n"])
with _io.open(TESTFN, "rb") as fp:
    raises('i9', exc, fp.write, b"blah"); raises('i10', exc, fp.writelines, [b"blah\n"])
with _io.open(TESTFN, "r", encoding="utf-8") as fp:
    raises('i11', exc, fp.write, "blah"); raises('i12', exc, fp.writelines, ["blah\n"])
    raises('i13', exc, fp.seek, 1, 1); raises('i14', exc, fp.seek, -1, 2)
print('-- with / append / close')
for bufsize in (0, 100):
    with _io.open(TESTFN, "wb", bufsize) as f:
        f.write(b"xxx")
    check('wo1', f.closed, True)
    try:
        with _io.open(TESTFN, "wb", bufsize) as f:
            1/0
    except ZeroDivisionError:
        check('wo2', f.closed, True)
with _io.open(TESTFN, "wb") as f:
    check('ap1', f.tell(), 0)
with _io.open(TESTFN, "ab", buffering=0) as f:
    check('ap2', f.tell(), 0)
with _io.open(TESTFN, "ab") as f:
    check('ap3', f.tell(), 0)
with _io.open(TESTFN, "a", encoding="utf-8") as f:
    check('ap4', f.tell() > 0, False)
with _io.open(TESTFN, "wb") as f:
    f.write(b"xxx")
with _io.open(TESTFN, "rb") as f:
    check('cf', f.read(), b"xxx")
raises('closefd', ValueError, _io.open, TESTFN, 'w', encoding="utf-8", closefd=False)
with _io.open(TESTFN, "w", encoding="utf-8") as f:
    f.write("egg\n")
with _io.open(TESTFN, "r", encoding="utf-8") as f:
    file = _io.open(f.fileno(), "r", encoding="utf-8", closefd=False)
    check('rc1', file.read(), "egg\n")
    file.seek(0)
    file.close()
    raises('rc2', ValueError, file.read)
with _io.open(TESTFN, "rb") as f:
    file = _io.open(f.fileno(), "rb", closefd=False)
    check('rc3', file.read()[:3], b"egg")
    file.close()
    raises('rc4', ValueError, file.readinto, bytearray(1))
with _io.open(TESTFN, "r", encoding="utf-8") as f:
    check('cfa1', f.buffer.raw.closefd, True)
    file = _io.open(f.fileno(), "r", encoding="utf-8", closefd=False)
    check('cfa2', file.buffer.raw.closefd, False)
f = _io.open(TESTFN, "wb", buffering=0)
f.close(); f.close(); f.close()
raises('multiclose', ValueError, f.flush)
print('-- RawIOBase.read / readall')
class MockRawIOWithoutRead(_io._RawIOBase):
    def __init__(self, read_stack=()):
        self._read_stack = list(read_stack)
        self._reads = 0
    def readable(self): return True
    def readinto(self, buf):
        self._reads += 1
        max_len = len(buf)
        try:
            data = self._read_stack[0]
        except IndexError:
            return 0
        if data is None:
            del self._read_stack[0]
            return None
        n = len(data)
        if len(data) <= max_len:
            del self._read_stack[0]
            buf[:n] = data
            return n
        else:
            buf[:] = data[:max_len]
            self._read_stack[0] = data[max_len:]
            return max_len
rawio = MockRawIOWithoutRead((b"abc", b"d", None, b"efg", None))
print([rawio.read(2) for i in range(8)])
print(MockRawIOWithoutRead((b"abc", b"d", b"efg")).read(), MockRawIOWithoutRead((b"abc", b"d", b"efg")).readall())
class MockRawIO(MockRawIOWithoutRead):
    def read(self, n=None):
        self._reads += 1
        try:
            return self._read_stack.pop(0)
        except:
            return b""
for obj in (_io._IOBase(), _io._RawIOBase(), _io._TextIOBase(), _io.StringIO(), _io.BytesIO()):
    print(type(obj).__name__, hasattr(obj, "__dict__"))
print('-- opener / fileio closefd / fspath')
with _io.open(TESTFN, "w", encoding="utf-8") as f:
    f.write("egg\n")
raw = _io.FileIO(TESTFN)
with _io.open("non-existent", "r", encoding="utf-8", opener=lambda p, fl: raw.fileno()) as f:
    check('op1', f.read(), "egg\n")
for n in (-1, -2):
    try:
        _io.open('non-existent', 'r', opener=lambda p, fl: n)
    except ValueError as e:
        print('badopener', e)
with _io.open(TESTFN, 'rb') as f1, _io.open(TESTFN, 'rb') as f2:
    fileio = _io.FileIO(f1.fileno(), closefd=False)
    fileio.__init__(f2.fileno(), closefd=False)
    f1.readline()
    fileio.close()
    check('fc', f2.readline(), b"egg\n")
raises('unbuffered text', ValueError, _io.open, TESTFN, 'w', encoding="utf-8", buffering=0)
raises('invalid newline', ValueError, _io.open, TESTFN, 'w', encoding="utf-8", newline='invalid')
class Stream(_io._BufferedIOBase):
    def read(self, size):
        return b"12345"
    read1 = read
for method in ("readinto", "readinto1"):
    buffer = byteslike(5)
    check(method, (getattr(Stream(), method)(buffer), bytes(buffer)), (5, b"12345"))
class FakePath:
    def __init__(self, path): self.path = path
    def __fspath__(self):
        if isinstance(self.path, type) and issubclass(self.path, BaseException):
            raise self.path
        return self.path
for path in (FakePath(TESTFN), FakePath(TESTFN.encode())):
    with _io.open(path, "w", encoding="utf-8") as f:
        f.write("egg\n")
    with _io.open(path, "r", encoding="utf-8") as f:
        check('fspath', f.read(), "egg\n")
raises('fspath int', TypeError, _io.open, FakePath(3), 'w', encoding="utf-8")
raises('fspath None', TypeError, _io.open, FakePath(None), 'w', encoding="utf-8")
raises('fspath raise', FloatingPointError, _io.open, FakePath(FloatingPointError), 'w', encoding="utf-8")
raises('fspath mode', ValueError, _io.open, FakePath(TESTFN), 'rwxa', encoding="utf-8")
class Reader(_io._BufferedIOBase):
    def __init__(self, avail):
        self.avail = avail
    def read(self, size):
        result = self.avail[:size]
        self.avail = self.avail[size:]
        return result
    def read1(self, size):
        return self.read(min(size, 5))
for method, avail, request, result in (("readinto", 10, 5, 5), ("readinto", 10, 6, 6), ("readinto", 5, 6, 5),
        ("readinto", 6, 7, 6), ("readinto", 10, 0, 0), ("readinto1", 10, 5, 5), ("readinto1", 10, 6, 5),
        ("readinto1", 5, 6, 5), ("readinto1", 6, 7, 5), ("readinto1", 10, 0, 0)):
    reader = Reader(bytes(range(avail)))
    buffer = bytearray((0x81,) * request)
    got = getattr(reader, method)(buffer)
    print(method, avail, request, got == result, list(buffer[:result]) == list(range(result)),
          list(buffer[result:]) == [0x81] * (request - result), len(reader.avail) == avail - result)
print('-- buffered reader with mock raw')
for tp in (_io.BufferedReader, _io.BufferedRandom):
    rawio = MockRawIO([b"abc"])
    rawio.seekable = lambda: True
    rawio.writable = lambda: True
    rawio.seek = lambda p, w=0: 0
    rawio.tell = lambda: 0
    rawio.write = lambda b: len(b)
    bufio = tp(rawio)
    bufio.__init__(rawio)
    bufio.__init__(rawio, buffer_size=1024)
    bufio.__init__(rawio, buffer_size=16)
    check('ctor', bufio.read(), b"abc")
    raises('ctor0', ValueError, bufio.__init__, rawio, buffer_size=0)
    raises('ctor-16', ValueError, bufio.__init__, rawio, buffer_size=-16)
    bufio = tp.__new__(tp)
    raises('uninit', (ValueError, AttributeError), bufio.read, 0)
rawio = MockRawIO((b"abc", b"d", b"efg"))
bufio = _io.BufferedReader(rawio)
print(bufio.read(1), bufio.read1(1), rawio._reads, bufio.read1(0), bufio.read1(100), rawio._reads,
      bufio.read1(100), rawio._reads, bufio.read1(100), rawio._reads, bufio.read1(100), rawio._reads)
rawio = MockRawIO((b"abc", b"d", b"efg"))
bufio = _io.BufferedReader(rawio)
print(bufio.read(1), bufio.read1(), bufio.read1(), bufio.read1(-1), rawio._reads, bufio.read1(), rawio._reads)
rawio = MockRawIO((b"abc", b"d", b"efg"))
bufio = _io.BufferedReader(rawio)
b = bytearray(2)
print(bufio.readinto(b), b, bufio.readinto(b), b, bufio.readinto(b), b, bufio.readinto(b), b, bufio.readinto(b), b)
for arg in (None, 7):
    print(_io.BufferedReader(MockRawIO((b"abc", b"d", b"efg"))).read(arg))
raises('read -2', ValueError, bufio.read, -2)
rawio = MockRawIO((b"abc\n", b"d\n", b"ef"))
print(_io.BufferedReader(rawio).readlines())
rawio = MockRawIO((b"abc", b"d", None, b"efg", None, None, None))
bufio = _io.BufferedReader(rawio)
print(bufio.read(6), bufio.read(1), bufio.read(1), bufio.read(), bufio.read())
if _rm: _rm(TESTFN)
