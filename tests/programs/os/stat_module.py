# _stat: constants, predicates and filemode.
import _stat

names = [n for n in dir(_stat) if n.isupper() and not callable(getattr(_stat, n))]
print(len(names))
for n in sorted(names):
    print(n, getattr(_stat, n))
modes = [0o100644, 0o040755, 0o120777, 0o060660, 0o020620, 0o010644, 0o140755, 0o170777, 0, 0o4755 | 0o100000, 0o2755 | 0o100000, 0o1777 | 0o40000, 0o1000 | 0o40000, 0o6000 | 0o100000]
for m in modes:
    print(oct(m), _stat.filemode(m), _stat.S_IMODE(m), _stat.S_IFMT(m),
          [f(m) for f in (_stat.S_ISDIR, _stat.S_ISCHR, _stat.S_ISBLK, _stat.S_ISREG,
                          _stat.S_ISFIFO, _stat.S_ISLNK, _stat.S_ISSOCK, _stat.S_ISDOOR,
                          _stat.S_ISPORT, _stat.S_ISWHT)])
for bad in [-1, 2**40, 2**70, "x", 1.5, None]:
    for f in (_stat.S_ISDIR, _stat.filemode, _stat.S_IMODE):
        try:
            print(f(bad))
        except Exception as e:
            print(type(e).__name__, e)
print(_stat.S_ISREG(True), _stat.filemode(False))
