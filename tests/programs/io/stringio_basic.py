# _io.StringIO: reading, writing, seeking, newline translation modes, errors.
import _io
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
s = _io.StringIO('héllo\nwörld\nlast')
print(repr(s.read(3)), s.tell(), repr(s.readline()), repr(s.readline(2)), repr(s.read()), repr(s.read()))
s.seek(0); print(s.readlines(), s.seek(0, 2), s.write('!'), repr(s.getvalue()))
print(s.seek(20), s.write('x'), repr(s.getvalue()), s.tell())
print(s.truncate(3), repr(s.getvalue()), s.tell(), s.truncate(), repr(s.getvalue()))
print(list(_io.StringIO('a\nb\n\nc')))
for nl in [None, '', '\n', '\r', '\r\n']:
    s = _io.StringIO('a\r\nb\rc\nd', newline=nl)
    print(repr(nl), repr(s.getvalue()), list(s), s.newlines)
    s = _io.StringIO(newline=nl); s.write('x\ny\r\nz\r'); s.write('\nw'); s.seek(0)
    print(' ', repr(s.read()), s.newlines)
for f in [lambda: _io.StringIO(newline='x'), lambda: _io.StringIO(newline=1), lambda: _io.StringIO(1),
          lambda: s.seek(-1), lambda: s.seek(1, 1), lambda: s.seek(0, 5), lambda: s.truncate(-1),
          lambda: s.write(b'x'), lambda: _io.StringIO.__new__(_io.StringIO).read(), lambda: s.readline('x')]:
    t(f)
print(s.readable(), s.writable(), s.seekable(), s.line_buffering, s.closed, s.encoding, s.errors)
s.close()
for f in [lambda: s.read(), lambda: s.getvalue(), lambda: s.newlines, lambda: s.line_buffering,
          lambda: s.closed, lambda: s.write('x'), lambda: s.tell()]:
    t(f)
with _io.StringIO('ctx') as c:
    print(c.read())
print(c.closed)
class S(_io.StringIO):
    def readline(self, *a):
        return 'L' if self.read(1) else ''
print(list(S('abc')), isinstance(S(), _io._TextIOBase))
st = _io.StringIO('state', newline=''); st.seek(2); print(st.__getstate__()[:3])
d = _io.IncrementalNewlineDecoder(None, True)
print(repr(d.decode('a\r')), repr(d.decode('\nb\r')), d.getstate(), repr(d.decode('', final=True)), d.newlines)
d.reset(); print(d.newlines, d.getstate())
d = _io.IncrementalNewlineDecoder(None, False)
print(repr(d.decode('x\r\ny\rz\n')), d.newlines)
t(lambda: d.decode(b'x'))
