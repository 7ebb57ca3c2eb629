# Hashability rules, custom __hash__/__eq__ keys, KeyError repr, __missing__.
d = {}
for key in (1, 2.5, "s", b"b", (1, 2), frozenset({1}), None, True, range(3), 3j):
    d[key] = type(key).__name__
print(len(d), d[1], d[None], d[(1, 2)], d[frozenset([1])], d[range(3)])
for bad in ([], {}, set(), bytearray(), ([],)):
    try:
        d[bad] = 1
    except TypeError as e:
        print("TypeError", e)
class K:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return hash(self.v)
    def __eq__(self, other):
        return isinstance(other, K) and self.v == other.v
    def __repr__(self):
        return f"K({self.v})"
kd = {K(1): "one", K(2): "two"}
print(kd[K(1)], K(3) in kd, kd)
try:
    kd[K(3)]
except KeyError as e:
    print("KeyError", e, repr(e))
class Collide:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return 42
    def __eq__(self, other):
        return self.v == other.v
    def __repr__(self):
        return f"C{self.v}"
cd = {Collide(i): i for i in range(10)}
print(len(cd), cd[Collide(7)], list(cd)[:3])
del cd[Collide(3)]
print(len(cd), Collide(3) in cd, Collide(4) in cd)
for key in ("k", 5, (1, "x"), None, "", "quote'd", 2.5):
    try:
        {}[key]
    except KeyError as e:
        print("KeyError", e, repr(e), e.args)
class Counter(dict):
    def __missing__(self, key):
        return 0
c = Counter()
for ch in "mississippi":
    c[ch] += 1
print(sorted(c.items()), c["zz"], "zz" in c, c.get("zz"))
class DefaultList(dict):
    def __missing__(self, key):
        v = self[key] = []
        return v
dl = DefaultList()
dl["a"].append(1)
dl["a"].append(2)
dl["b"].append(3)
print(dl)
class Unhashable:
    __hash__ = None
try:
    {Unhashable(): 1}
except TypeError as e:
    print("TypeError", e)
print(hash(None) == hash(None), hash((None,)) == hash((None,)))
nan = float("nan")
nd = {nan: 1}
print(nd[nan], float("nan") in nd, len({float("nan"): 1, float("nan"): 2}))
