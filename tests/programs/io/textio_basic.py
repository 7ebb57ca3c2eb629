# _io.TextIOWrapper and open(): encodings, newline translation, line buffering, tell/seek,
# reconfigure, detach, and open()'s argument errors.
import _io
p = '/tmp/ferropy_io_text_%d' % id(object())
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

with open(p, 'w') as f:
    show(f, f.encoding, f.errors, f.line_buffering, f.buffer, f.buffer.raw, f.newlines, f.name, f.mode)
    print(f.write('héllo\nwörld\n'), f.write('last'), f.tell())
    t(lambda: f.read()); t(lambda: f.write(b'x')); t(lambda: f.seek(1, 1)); t(lambda: f.seek(1, 2))
    t(lambda: f.seek(-1)); t(lambda: f.seek(0, 7))
show(f)
t(lambda: f.write('x')); t(lambda: f.read()); t(lambda: f.tell()); t(lambda: f.flush()); t(lambda: f.closed)
with open(p, 'rb') as f:
    print(f.read())
with open(p) as f:
    print(repr(f.read(3)), f.tell(), repr(f.readline()), f.tell(), repr(f.read()), f.tell(), repr(f.read()))
    f.seek(0); print(f.readlines()); f.seek(7); print(repr(f.readline()))
    print(f.seek(0, 2), repr(f.read()))
with open(p) as f:
    lines = []
    for line in f:
        lines.append(line)
    print(lines)
with open(p, 'a') as f:
    print(f.tell(), f.write('\r\nCR\rend'))
for nl in [None, '', '\n', '\r', '\r\n']:
    with open(p, newline=nl) as f:
        print(repr(nl), f.readlines(), f.newlines)
for nl in [None, '', '\n', '\r', '\r\n']:
    with open(p, 'w', newline=nl) as f:
        f.write('a\nb\r\nc')
    with open(p, 'rb') as f:
        print(repr(nl), f.read())
with open(p, 'w', encoding='latin-1') as f:
    f.write('é€'[:1])
with open(p, 'rb') as f:
    print(f.read())
t(lambda: open(p, 'w', encoding='ascii').write('é'))
with open(p, 'w', encoding='ascii', errors='replace') as f:
    print(f.write('aé'), f.errors)
with open(p, encoding='utf-8', errors='strict') as f:
    print(repr(f.read()))
with open(p, 'wb') as f:
    f.write(b'ok\xffbad')
t(lambda: open(p, encoding='utf-8').read())
with open(p, encoding='utf-8', errors='replace') as f:
    print(repr(f.read()))
with open(p, 'w', encoding='utf-16') as f:
    f.write('xy\n'); f.write('z')
with open(p, 'rb') as f:
    print(f.read())
with open(p, encoding='utf-16') as f:
    print(repr(f.read()))
with open(p, 'w+') as f:
    f.write('line1\nline2\n'); f.seek(0); print(repr(f.readline())); pos = f.tell()
    print(repr(f.read()), f.seek(pos), repr(f.read()))
    print(f.truncate(3), f.seek(0), repr(f.read()))
with open(p, 'w', buffering=1) as f:
    print(f.line_buffering)
    f.write('no newline')
    with open(p, 'rb') as g: print(g.read())
    f.write('!\n')
    with open(p, 'rb') as g: print(g.read())
with open(p, 'w') as f:
    f.reconfigure(line_buffering=True, write_through=True); print(f.line_buffering, f.write_through)
    f.reconfigure(encoding='latin-1', errors='ignore'); print(f.encoding, f.errors)
    t(lambda: f.reconfigure(newline='bad'))
f = open(p, 'r'); b = f.detach()
t(lambda: f.read()); t(lambda: f.buffer); t(lambda: f.closed); show(repr(f)); b.close()
for args, kw in [(([],), {}), ((1.5,), {}), ((p, 'rr'), {}), ((p, 'rw'), {}), ((p, 'U'), {}),
                 ((p, 'rbt'), {}), ((p, 'b'), {}), ((p, 'wb'), {'encoding': 'x'}),
                 ((p, 'wb'), {'errors': 'x'}), ((p, 'wb'), {'newline': 'x'}),
                 ((p, 'w'), {'buffering': 0}), ((p, 5), {}), ((p, 'w'), {'encoding': 'nope'}),
                 ((p, 'w'), {'encoding': 5}), ((p, 'w'), {'errors': 5}), ((p, 'w'), {'newline': 'q'}),
                 (('/tmp/ferropy_io_missing_dir/x',), {}), ((p, 'x'), {})]:
    t(lambda: open(*args, **kw))
print(_io.text_encoding(None), _io.text_encoding('x'), open is not None)
with open(p, 'rb', buffering=0) as f:
    show(f)
tw = _io.TextIOWrapper(_io.BytesIO(b'a\r\nb\rc'), newline=None)
print(tw.read(), tw.newlines, tw.encoding)
tw = _io.TextIOWrapper(_io.BytesIO(), encoding='utf-8', write_through=True)
tw.write('abc\n'); print(tw.buffer.getvalue())
t(lambda: _io.TextIOWrapper(_io.BytesIO(), encoding=5))
t(lambda: _io.TextIOWrapper(_io.BytesIO(), newline='x'))
if _rm: _rm(p)
