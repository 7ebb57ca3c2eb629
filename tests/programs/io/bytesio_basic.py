# _io.BytesIO: reading, writing, seeking past the end, truncation, lines, errors.
import _io
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
b = _io.BytesIO(b'abc\ndef\nghi')
print(b.read(2), b.read1(2), b.tell(), b.readline(), b.readline(2), b.readline(), b.readline())
b.seek(0)
print(b.readlines(), b.seek(0), b.readlines(5), list(_io.BytesIO(b'x\ny\n')))
print(b.seek(-5, 2), b.seek(10), b.write(b'x'), b.getvalue())
print(b.seek(2), b.write(b'ZZ'), b.getvalue(), b.tell())
print(b.truncate(4), b.getvalue(), b.tell(), b.truncate(), b.getvalue())
ba = bytearray(3)
b.seek(1); print(b.readinto(ba), ba)
mv = memoryview(bytearray(5)); b.seek(0); print(b.readinto(mv), bytes(mv))
print(b.readable(), b.writable(), b.seekable(), b.isatty(), b.flush(), b.closed)
b.writelines([b'1', bytearray(b'2'), memoryview(b'3')]); print(b.getvalue())
for f in [lambda: b.seek(-1), lambda: b.seek(0, 3), lambda: b.truncate(-1), lambda: b.seek(1.0),
          lambda: b.read('x'), lambda: b.write('str'), lambda: b.readinto(b'xx'), lambda: _io.BytesIO('s')]:
    t(f)
print(bytes(b.getbuffer()))
with _io.BytesIO(b'q') as c:
    print(c.read())
print(c.closed)
for f in [c.read, c.getvalue, c.tell, lambda: c.write(b''), c.readable, c.flush, lambda: c.seek(0), lambda: next(c)]:
    t(f)
c.close()
class B(_io.BytesIO):
    def __init__(self, v, extra):
        super().__init__(v); self.extra = extra
x = B(b'hi', 5); print(x.read(), x.extra, isinstance(x, _io._BufferedIOBase))
print(_io.BytesIO().read(), _io.BytesIO(None).getvalue(), _io.BytesIO(initial_bytes=b'kw').read())
st = _io.BytesIO(b'state'); st.seek(2); print(st.__getstate__())
e = _io.BytesIO(); e.__setstate__((b'new', 1, None)); print(e.read())
