# TextIOWrapper line splitting and tell()/seek() round trips across chunk sizes, encodings
# and newline modes, with CR/LF pairs and multi-byte characters split between chunks.
import _io
P = '/tmp/ferropy_io_tellseek_%d' % id(object())
pieces = ['a', 'é', '\r\n', '\r', '\n', 'xyz', '€', '\r\r\n', '\n\r']
data = ''.join(pieces[(i * 7 + i // 3) % len(pieces)] for i in range(300))
for enc in ('utf-8', 'latin-1', 'utf-16-le'):
    d = data.replace('€', 'E') if enc == 'latin-1' else data
    with open(P, 'w', encoding=enc, newline='') as f:
        f.write(d)
    for newline in (None, '', '\n', '\r', '\r\n'):
        for chunk in (1, 2, 3, 5, 8, 13, 64):
            f = open(P, encoding=enc, newline=newline)
            f._CHUNK_SIZE = chunk
            rec = []
            while True:
                pos = f.tell()
                line = f.readline()
                if not line:
                    break
                rec.append((pos, line))
            bad = 0
            for pos, line in rec:
                f.seek(pos)
                if f.readline() != line:
                    bad += 1
            print(enc, repr(newline), chunk, len(rec), sum((i + 1) * (len(l) * 31 + ord(l[-1])) for i, (p, l) in enumerate(rec)), bad)
            f.close()
try:
    import posix
    posix.unlink(P)
except ImportError:
    pass
