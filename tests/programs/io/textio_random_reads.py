# Deterministic pseudo-random reads, readlines and seeks back to tell() cookies on text files
# (several encodings and newline modes), printing what is read.
import _io

def digest(obj):
    # A deterministic checksum of the repr (keeps the output small).
    h = 0
    for ch in repr(obj):
        h = (h * 31 + ord(ch)) % 1000000007
    return h
P = '/tmp/ferropy_io_textops_%d' % id(object())
state = [4242]
def rnd(n):
    state[0] = (state[0] * 1103515245 + 12345) % (1 << 31)
    return state[0] % n
pieces = ['ab', '\n', '\r\n', '\r', 'é€', 'xyz', '\U0001f600', ' ']
text = ''.join(pieces[rnd(len(pieces))] for i in range(400))
for enc in ('utf-8', 'utf-16', 'utf-32-be', 'utf-8-sig'):
    with open(P, 'w', encoding=enc, newline='') as f:
        f.write(text)
    for nl in (None, '', '\n', '\r', '\r\n'):
        for chunk in (1, 4, 7, 50, 8192):
            f = open(P, encoding=enc, newline=nl)
            f._CHUNK_SIZE = chunk
            cookies = []
            out = []
            for i in range(120):
                op = rnd(5)
                if op == 0:
                    out.append(f.read(rnd(9)))
                elif op == 1:
                    out.append(f.readline(rnd(12) - 1))
                elif op == 2:
                    cookies.append((f.tell(), len(out)))
                elif op == 3 and cookies:
                    c, n = cookies[rnd(len(cookies))]
                    f.seek(c)
                    out.append('@%d' % n)
                else:
                    out.append(f.readline())
            print(enc, repr(nl), chunk, out[:6], len(out), digest(out))
            f.close()
try:
    import posix
    posix.unlink(P)
except ImportError:
    pass
