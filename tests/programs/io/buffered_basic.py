# _io.BufferedReader/Writer/Random/RWPair over FileIO and BytesIO: peek, read1, readinto,
# readline, seek/tell consistency, detach, closed-file errors.
import _io
p = '/tmp/ferropy_io_buffered_%d' % id(object())
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

w = _io.BufferedWriter(_io.FileIO(p, 'w'), 4)
show(w, w.raw, w.mode, w.name, w.closed, w.writable(), w.readable(), w.seekable())
print(w.write(b'ab'), w.tell(), w.write(b'cdefgh'), w.tell(), w.write(b'\nline2\nline3'), w.flush())
t(lambda: w.read())
w.close(); w.close()
t(lambda: w.write(b'x')); t(lambda: w.flush()); print(w.closed)

r = _io.BufferedReader(_io.FileIO(p), 5)
print(r.peek(1)[:1], r.read(1), r.read1(3), r.tell(), r.readline(), r.readline(3), r.readline())
print(r.seek(1), r.read(2), r.seek(2, 1), r.read(1), r.seek(-2, 2), r.read(), r.read(), r.tell())
r.seek(0); print(list(r)); r.seek(0); print(r.readlines(5))
ba = bytearray(4); r.seek(3); print(r.readinto(ba), ba, r.readinto1(ba), ba)
t(lambda: r.write(b'x')); t(lambda: r.truncate()); t(lambda: r.seek(0, 4))
raw = r.detach(); show(raw, raw.closed)
t(lambda: r.read()); t(lambda: r.raw); t(lambda: repr(r))
raw.close()
t(lambda: _io.BufferedReader(_io.FileIO(p), 0))
t(lambda: _io.BufferedReader(_io.FileIO(p, 'w')))
t(lambda: _io.BufferedWriter(_io.FileIO(p, 'r')))

rw = _io.BufferedRandom(_io.FileIO(p, 'r+'))
print(rw.read(3), rw.write(b'XY'), rw.tell(), rw.read(2), rw.seek(0), rw.read())
print(rw.seek(0, 2), rw.write(b'END'), rw.seek(0), rw.read(), rw.truncate(4), rw.seek(0), rw.read())
rw.close()
t(lambda: rw.read()); t(lambda: rw.peek()); t(lambda: rw.readline()); t(lambda: rw.seek(0)); t(lambda: rw.tell())

b = _io.BufferedReader(_io.BytesIO(b'one\ntwo\nthree'))
show(b, b.read(5), b.peek(2)[:2], b.read(-1), b.read(3))
pair = _io.BufferedRWPair(_io.BytesIO(b'in data'), _io.BytesIO())
print(pair.read(2), pair.peek(1)[:1], pair.read1(2), pair.write(b'out'), pair.readable(), pair.writable(), pair.closed)
pair.flush(); pair.close(); print(pair.closed)
t(lambda: _io.BufferedReader(_io.BytesIO(b''), buffer_size=-1))

class Raw(_io._RawIOBase):
    def __init__(self, data): self.data = data; self.pos = 0
    def readable(self): return True
    def readinto(self, b):
        n = min(len(b), 3, len(self.data) - self.pos)
        b[:n] = self.data[self.pos:self.pos + n]; self.pos += n
        return n
br = _io.BufferedReader(Raw(b'abcdefghij\nklm'))
print(br.read(4), br.read1(10), br.readline(), br.read())
if _rm: _rm(p)
