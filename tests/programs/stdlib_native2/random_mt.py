import _random
import _sha512


def t(label, f):
    try:
        r = f()
        print(label, repr(r))
    except Exception as e:
        print(label, type(e).__name__, e)


R = _random.Random
print(R, R.__module__)
for seed in [0, 1, 42, -42, 2**32, 2**32 - 1, 2**100 + 12345, 10**50, True]:
    r = R(seed)
    print(seed, [r.random() for _ in range(3)], r.getrandbits(1), r.getrandbits(32),
          r.getrandbits(33), r.getrandbits(100), r.getrandbits(0))
r = R(12345)
for _ in range(1000):
    r.random()
print(r.random(), r.getrandbits(64))
st = r.getstate()
print(len(st), st[-1], st[:3])
a = [r.random() for _ in range(5)]
r.setstate(st)
print(a == [r.random() for _ in range(5)])
r.seed(7)
x = r.random()
r.seed(7)
print(x == r.random())
r.seed()
r2 = R()
print(0.0 <= r.random() < 1.0, 0.0 <= r2.random() < 1.0)
t("neg bits", lambda: r.getrandbits(-1))
t("setstate list", lambda: r.setstate([0] * 625))
t("setstate size", lambda: r.setstate((0,) * 624))
t("setstate index", lambda: r.setstate((0,) * 624 + (625,)))
t("setstate neg", lambda: r.setstate((-1,) * 624 + (1,)))
t("two args", lambda: R(1, 2))
t("kwargs", lambda: R(x=1))
t("seed float", lambda: R(1.5).random() == R(hash(1.5)).random())
t("seed tuple", lambda: R((1, 2)).random() == R(hash((1, 2))).random())


# random.py (version 2) seeds str and bytes through sha512; emulate it on top of _random.
def py_seed(r, a):
    if isinstance(a, str):
        a = a.encode()
    if isinstance(a, (bytes, bytearray)):
        a = int.from_bytes(a + _sha512.sha512(a).digest(), "big")
    r.seed(a)


for s in ["hello", "", b"bytes seed", "\xe9t\xe9"]:
    r = R()
    py_seed(r, s)
    print(repr(s), r.random(), r.getrandbits(40))


class MyRandom(R):
    def __init__(self, x, extra):
        self.extra = extra
        self.seed(x)


m = MyRandom(5, "e")
print(m.extra, m.random() == R(5).random(), isinstance(m, R))
