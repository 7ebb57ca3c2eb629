# Deterministic pseudo-random operation sequences on BufferedReader and BufferedWriter (over
# FileIO, BytesIO and a Python raw stream), printing every result.
import _io

def digest(obj):
    # A deterministic checksum of the repr (keeps the output small).
    h = 0
    for ch in repr(obj):
        h = (h * 31 + ord(ch)) % 1000000007
    return h
P = '/tmp/ferropy_io_randops_%d' % id(object())
state = [12345]
def rnd(n):
    state[0] = (state[0] * 1103515245 + 12345) % (1 << 31)
    return state[0] % n
class PyRaw(_io._RawIOBase):
    def __init__(self, data):
        self.data = bytearray(data); self.pos = 0
    def readable(self): return True
    def seekable(self): return True
    def readinto(self, b):
        n = min(len(b), 5, len(self.data) - self.pos)
        b[:n] = self.data[self.pos:self.pos + n]; self.pos += n
        return n
    def seek(self, p, w=0):
        self.pos = [0, self.pos, len(self.data)][w] + p
        return self.pos
    def tell(self):
        return self.pos
def rrun(f, ops, label):
    out = []
    for i in range(ops):
        op = rnd(8)
        try:
            if op == 0: r = f.read(rnd(20) - 1)
            elif op == 1: r = f.seek(rnd(60), 0)
            elif op == 2: r = f.seek(rnd(20) - 10, 1)
            elif op == 3: r = f.tell()
            elif op == 4: r = f.peek(rnd(5))[:4]
            elif op == 5: r = f.read1(rnd(12) - 1)
            elif op == 6: r = f.readline(rnd(14) - 1)
            else:
                b = bytearray(rnd(12)); r = (f.readinto(b) if rnd(2) else f.readinto1(b), bytes(b))
        except Exception as e:
            r = type(e).__name__
        out.append((op, r))
    print(label, out[:12], len(out), digest(out))
data = b''.join(b'line %d\n' % i if i % 3 else b'x' * i for i in range(40))
with open(P, 'wb') as f:
    f.write(data)
for bufsize in (1, 3, 8, 64, 8192):
    rrun(_io.BufferedReader(_io.FileIO(P), bufsize), 200, 'file%d' % bufsize)
    rrun(_io.BufferedReader(_io.BytesIO(data), bufsize), 200, 'bytes%d' % bufsize)
    rrun(_io.BufferedReader(PyRaw(data), bufsize), 200, 'py%d' % bufsize)
def wrun(f, ops, label, get):
    out = []
    for i in range(ops):
        op = rnd(5)
        try:
            if op == 0: r = f.write(bytes([97 + rnd(26)]) * rnd(20))
            elif op == 1: r = f.seek(rnd(60), 0)
            elif op == 2: r = f.tell()
            elif op == 3: r = f.flush()
            else: r = f.truncate(rnd(70)) if rnd(2) else f.seek(rnd(5), 2)
        except Exception as e:
            r = type(e).__name__
        out.append((op, r))
    f.flush()
    print(label, out[:12], len(out), digest(out), digest(get()))
for bufsize in (1, 3, 8, 64):
    raw = _io.FileIO(P, 'w+')
    w = _io.BufferedWriter(raw, bufsize)
    wrun(w, 150, 'wfile%d' % bufsize, lambda: open(P, 'rb').read())
    w.close()
    bio = _io.BytesIO()
    wrun(_io.BufferedWriter(bio, bufsize), 150, 'wbytes%d' % bufsize, bio.getvalue)
try:
    import posix
    posix.unlink(P)
except ImportError:
    pass
