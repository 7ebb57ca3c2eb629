# Unpacking into attributes, subscripts, slices; evaluation order of targets; swap idioms.
class Obj:
    pass
o = Obj()
o.a, o.b = 1, 2
print(o.a, o.b)
d = {}
d["x"], d["y"] = "X", "Y"
print(d)
lst = [0, 0, 0, 0, 0]
lst[1:3], lst[4] = [7, 8, 9], "end"
print(lst)
a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
x = [1, 2]
x[0], x[1] = x[1], x[0]
print(x)
log = []
class Logger:
    def __setitem__(self, k, v):
        log.append(("set", k, v))
    def __getitem__(self, k):
        log.append(("get", k))
        return k
lg = Logger()
lg[1], lg[2] = "a", "b"
print(log)
def values():
    log.append("values evaluated")
    return (10, 20)
log.clear()
lg["p"], lg["q"] = values()
print(log)
p = q = [1]
p += [2]
print(p, q)
n1, (n2, n3), *n4 = 1, "ab", 3, 4
print(n1, n2, n3, n4)
def swap_via_unpack(seq):
    s = list(seq)
    s[0], s[-1] = s[-1], s[0]
    return s
print(swap_via_unpack("hello"))
a = b = c = []
a.append(1)
print(a, b, c, a is c)
(x1, y1), (x2, y2) = (1, 2), (3, 4)
print(x1 + x2, y1 + y2)
for key, (v1, v2) in {"k": (1, 2)}.items():
    print(key, v1, v2)
t = 1,
u = (*t, 2)
print(t, u)
class Pair:
    def __iter__(self):
        yield "left"
        yield "right"
l, r = Pair()
print(l, r)
class BadIter:
    def __iter__(self):
        yield 1
        raise RuntimeError("iteration failed mid-unpack")
try:
    u1, u2 = BadIter()
except RuntimeError as e:
    print("RuntimeError", e)
