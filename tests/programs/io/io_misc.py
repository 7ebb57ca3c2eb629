# Mixed _io scenarios: large files across chunk boundaries, tell/seek cookies, subclasses,
# Python-level raw streams under buffers and text wrappers, descriptors.
import _io
p = '/tmp/ferropy_io_misc_%d' % id(object())
try:
    import posix
    _rm = posix.unlink
except ImportError:
    _rm = None
def show(*a):
    print(*[str(x).replace(p, 'P') for x in a])
def t(f):
    try: show(repr(f()))
    except Exception as e: show(type(e).__name__, e)

text = ''.join(chr(0x61 + i % 26) + ('é' if i % 7 == 0 else '') + ('\r\n' if i % 11 == 0 else '') for i in range(9000))
with open(p, 'w', newline='') as f:
    f.write(text)
with open(p, 'rb') as f:
    data = f.read()
print(len(text), len(data), data[:30])
with open(p, newline='') as f:
    got = f.read()
print(got == text)
with open(p) as f:
    lines = f.readlines()
print(len(lines), lines[:3], lines[-1][-5:], sum(map(len, lines)))
with open(p, newline='') as f:
    pieces = []
    cookies = []
    while True:
        cookies.append(f.tell())
        s = f.read(997)
        if not s:
            break
        pieces.append(s)
    print(''.join(pieces) == text, cookies[:5], len(cookies))
    f.seek(cookies[3]); print(repr(f.read(10)) == repr(pieces[3][:10]))
with open(p) as f:
    for i in range(5):
        f.readline()
    pos = f.tell(); line = f.readline()
    f.seek(pos); print(f.readline() == line, pos)
with open(p, 'rb') as f:
    print(f.read(0), f.readline(0), f.read1(0), len(f.readline()), f.tell())
    print(len(f.readlines(100)), len(f.readlines()), f.readlines())
with open(p, 'w') as f:
    f.writelines(['a\n', 'b\n'])
    print(f.closed, f.fileno() > 2, f.isatty(), f.readable(), f.writable(), f.seekable())
print(f.closed)
t(lambda: iter(f))
t(lambda: next(f))
t(lambda: f.readlines())
with open(p, 'x' if False else 'a', encoding='utf-8-sig') as f:
    f.write('sig')
with open(p, 'rb') as f:
    print(f.read())
with open(p, 'w', encoding='utf-8-sig') as f:
    f.write('sig')
with open(p, 'rb') as f:
    print(f.read())
with open(p, encoding='utf-8-sig') as f:
    print(repr(f.read()))
raw = _io.FileIO(p, 'r')
with open(raw.fileno(), closefd=False) as f:
    show(f, f.name, f.buffer.raw.closefd, repr(f.read()))
print(raw.closed, raw.read())
raw.close()

class LoggingRaw(_io._RawIOBase):
    def __init__(self):
        self.chunks = []
    def writable(self): return True
    def write(self, b):
        self.chunks.append(bytes(b)); return len(b)
lr = LoggingRaw()
bw = _io.BufferedWriter(lr, 8)
bw.write(b'abc'); bw.write(b'defgh'); bw.write(b'ij'); print(lr.chunks)
bw.flush(); print(lr.chunks)
tw = _io.TextIOWrapper(_io.BufferedWriter(LoggingRaw(), 16), encoding='ascii', line_buffering=True)
tw.write('one'); print(tw.buffer.raw.chunks); tw.write('two\nthree'); print(tw.buffer.raw.chunks)

class Src(_io._RawIOBase):
    def __init__(self, data): self.data = data; self.pos = 0
    def readable(self): return True
    def readinto(self, b):
        n = min(len(b), 2, len(self.data) - self.pos)
        b[:n] = self.data[self.pos:self.pos + n]; self.pos += n
        return n
tr = _io.TextIOWrapper(_io.BufferedReader(Src('añb\r\nc\rd\n'.encode())), encoding='utf-8')
print(repr(tr.readline()), repr(tr.readline()), repr(tr.read()), tr.newlines)
t(lambda: tr.tell())
tr2 = _io.TextIOWrapper(Src(b'raw only\nline2'), encoding='utf-8')
print(list(tr2))

class UpperBytesIO(_io.BytesIO):
    def write(self, b):
        return super().write(bytes(b).upper())
u = UpperBytesIO()
tw = _io.TextIOWrapper(u, encoding='utf-8'); tw.write('hello'); tw.flush(); print(u.getvalue())
s = _io.StringIO(newline=None); s.write('a\r\nb'); print(s.tell(), s.seek(1), repr(s.read()))
print(_io.open is open, type(open(p, 'rb', buffering=0)).__name__)
t(lambda: _io.TextIOWrapper(_io.BytesIO(), newline=5))
t(lambda: _io.TextIOWrapper(_io.BytesIO(), errors=5))
t(lambda: _io.TextIOWrapper(_io.BytesIO(b'a\nb\n')).reconfigure(newline=5))
f = _io.TextIOWrapper(_io.BytesIO(b'a\nb\nc\n'))
next(f); t(lambda: f.tell()); f.readline(); t(lambda: f.tell()); f.flush(); t(lambda: f.tell())
next(f); f.seek(0); t(lambda: f.tell())
for l in f: pass
t(lambda: f.tell())
f = open(p, 'w'); f.write('hello world'); f.close()
f = open(p, 'r+'); print(f.read(2)); f.write('X'); f.seek(0); print(f.read()); f.close()
f = open(p, 'r+'); f.write('AB'); print(repr(f.read())); f.seek(0); print(f.read()); f.close()
if _rm: _rm(p)
