# Deterministic pseudo-random operation sequences on BytesIO and StringIO (all newline modes),
# printing every result.
import _io

def digest(obj):
    # A deterministic checksum of the repr (keeps the output small).
    h = 0
    for ch in repr(obj):
        h = (h * 31 + ord(ch)) % 1000000007
    return h
state = [987654]
def rnd(n):
    state[0] = (state[0] * 1103515245 + 12345) % (1 << 31)
    return state[0] % n
def run(f, ops, label, text):
    out = []
    pieces = ['ab', '\n', '\r\n', '\r', 'é€', 'xyz\n'] if text else [b'ab', b'\n', b'\r\n', b'\x00\xff', b'xyz\n']
    for i in range(ops):
        op = rnd(9)
        try:
            if op == 0: r = f.read(rnd(12) - 1)
            elif op == 1: r = f.write(pieces[rnd(len(pieces))])
            elif op == 2: r = f.seek(rnd(40))
            elif op == 3: r = f.seek(0, rnd(3)) if text else f.seek(rnd(10) - 5, rnd(3))
            elif op == 4: r = f.tell()
            elif op == 5: r = f.readline(rnd(8) - 1)
            elif op == 6: r = f.truncate(rnd(30)) if rnd(2) else f.truncate()
            elif op == 7: r = f.getvalue()
            else: r = f.readlines(rnd(10))
        except Exception as e:
            r = type(e).__name__
        out.append((op, r))
    print(label, out[:12], len(out), digest(out))
    print(label, digest(f.getvalue()), getattr(f, 'newlines', None))
for i in range(3):
    run(_io.BytesIO(b'seed\ndata\r\n' * i), 150, 'bytes%d' % i, False)
for nl in (None, '', '\n', '\r', '\r\n'):
    for i in range(2):
        run(_io.StringIO('seed\ndata\r\nmore\r' * i, newline=nl), 150, 'str%r%d' % (nl, i), True)
