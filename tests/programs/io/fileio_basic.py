# _io.FileIO and the _IOBase/_RawIOBase defaults: modes, errors, reading/writing/seeking.
import _io
p = '/tmp/ferropy_io_fileio_%d' % id(object())
try:
    import posix
    _pid, _rm = posix.getpid(), posix.unlink
except ImportError:
    _pid, _rm = 0, None
def show(*a):
    print(*[str(x).replace(p, 'P') for x in a])
def t(f):
    try: show(repr(f()))
    except Exception as e: show(type(e).__name__, e)
f=_io.FileIO(p,'w')
show(f, f.__dict__, f.mode, f.closefd, f.closed, f.readable(), f.writable(), f.seekable())
print(f.write(b'hello\nworld\n'), f.tell())
t(lambda: f.read())
f.close()
t(lambda: f.read()); t(lambda: f.write(b'x')); t(lambda: f.fileno()); t(lambda: f.seek(0)); t(lambda: f.readable()); t(lambda:f.mode); t(lambda:f.tell()); t(lambda:f.readline()); t(lambda: f.flush())
print(f)
with _io.FileIO(p) as g:
    print(g.read(3), g.read(), g.read(), g.tell(), g.seek(0), g.readline(), list(g))
    g.seek(0); print(g.readlines()); g.seek(0); print(g.readall())
    g.seek(1); b=bytearray(4); print(g.readinto(b), b)
    g.seek(0); print(g.readlines(3))
print(g.closed)
with _io.FileIO(p,'a+') as g:
    print(g.tell(), g.mode); g.write(b'more'); g.seek(0); print(g.read())
    print(g.truncate(5), g.tell()); g.seek(0); print(g.read())
t(lambda: _io.FileIO(p,'rw'))
t(lambda: _io.FileIO(p,'rr'))
t(lambda: _io.FileIO(p,'q'))
t(lambda: _io.FileIO(p,''))
t(lambda: _io.FileIO(p,'x'))
t(lambda: _io.FileIO('/tmp/ferropy_io_nonexistent_file'))
t(lambda: _io.FileIO('/tmp'))
t(lambda: _io.FileIO(1.5))
t(lambda: _io.FileIO(-1))
t(lambda: _io.FileIO([]))
t(lambda: _io.FileIO('a\0b'))
t(lambda: _io.FileIO(p, closefd=False))
t(lambda: _io._RawIOBase().readinto(bytearray(1)))
t(lambda: _io._RawIOBase().write(b''))
t(lambda: _io._RawIOBase().read())
t(lambda: _io._IOBase().seek(0))
t(lambda: _io._IOBase().tell())
t(lambda: _io._IOBase().fileno())
t(lambda: _io._IOBase()._checkReadable())
t(lambda: _io._BufferedIOBase().read())
t(lambda: _io._TextIOBase().read())
t(lambda: _io._TextIOBase().encoding)
g=_io.FileIO(0, closefd=False); print(g)
i=_io._IOBase(); i.close(); t(lambda: i.flush()); t(lambda: iter(i))
t(lambda: _io.FileIO(p, opener=lambda p,f: 'x'))
t(lambda: _io.FileIO(p, opener=lambda p,f: -3))
t(lambda: _io.FileIO(p, 'rb', 5))
t(lambda: _io.FileIO(p.encode()).name == p.encode())
t(lambda: _io.open_code(p).read())
t(lambda: _io.open_code(b'x'))
print(issubclass(_io.UnsupportedOperation, OSError), issubclass(_io.UnsupportedOperation, ValueError), _io.UnsupportedOperation.__module__, _io.FileIO.__module__)
print(_io.FileIO.__mro__, _io.DEFAULT_BUFFER_SIZE, _io.BlockingIOError)
class R(_io._RawIOBase):
    def __init__(s): s.d=b'ab\ncd\nef'; s.p=0
    def readable(s): return True
    def readinto(s, b):
        n=min(len(b), len(s.d)-s.p); b[:n]=s.d[s.p:s.p+n]; s.p+=n; return n
r=R(); print(r.read(2), r.readline(), r.readall(), r.closed)
r=R(); print(list(r)); r.close(); print(r.closed, r.__dict__)
class F(_io.FileIO):
    def __init__(self, p): super().__init__(p, 'r'); self.x=1
ff=F(p); show(ff.read(), ff.x, ff.name); ff.close(); print(ff)


if _rm: _rm(p)
