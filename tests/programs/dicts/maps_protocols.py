# dict construction from mapping-likes and pair sequences, update/merge rules, subclass hooks,
# reverse iterators, views' set algebra and repr, sizes.
class Mapping:
    def __init__(self, data):
        self.data = data
    def keys(self):
        print("keys()")
        return list(self.data)
    def __getitem__(self, k):
        print("getitem", k)
        return self.data[k]
print(dict(Mapping({1: "a", 2: "b"})))
d = {0: 0}
d.update(Mapping({3: "c"}), z=1)
print(d)
class BadKeys:
    def keys(self):
        return 5
try:
    dict(BadKeys())
except TypeError as e:
    print("TypeError", e)
for bad in ([(1, 2), 3], [(1,)], [[1, 2, 3]], ["ab", "cde"], [None]):
    try:
        print(dict(bad))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(dict([("ab"), [1, 2], (3, 4)], x=0), dict(((i, i * i) for i in range(4))))
try:
    dict({}, {})
except TypeError as e:
    print("TypeError", e)
try:
    {}.update({}, {})
except TypeError as e:
    print("TypeError", e)
for name, args in (("pop", ()), ("setdefault", ()), ("get", ())):
    try:
        getattr({}, name)(*args)
    except TypeError as e:
        print("TypeError", e)
print({}.pop("missing", "default"), {}.pop([], "unhashable ok when empty"))
try:
    {1: 1}.pop([])
except TypeError as e:
    print("TypeError", e)

class D(dict):
    def __missing__(self, key):
        return ("missing", key)
dd = D(a=1)
print(dd["a"], dd["zz"], dd.get("zz"), "zz" in dd, len(dd), type(dd.copy()).__name__)
print(D.fromkeys([1, 2]), type(D.fromkeys([1])).__name__, dd == {"a": 1}, dd | {"b": 2})
class Iter(dict):
    def __iter__(self):
        return iter(["only"])
    def __getitem__(self, k):
        return "item:" + str(k)
print(dict(Iter(a=1, only=2)), {**Iter(x=1)} if False else "skip", Iter(a=1).copy())

r = reversed({1: "a", 2: "b", 3: "c"})
print(type(r).__name__, next(r), r.__length_hint__(), list(r), list(r))
src = {1: 1, 2: 2}
r = reversed(src)
src[3] = 3
try:
    next(r)
except RuntimeError as e:
    print("RuntimeError", e)
print([type(reversed(v)).__name__ for v in ({}.keys(), {}.values(), {}.items())])
print(list(reversed({1: 1, 2: 2}.values())), list(reversed({}.items())))

d = {1: 10, 2: 20, 3: 30}
k, v, i = d.keys(), d.values(), d.items()
print(dict(k.mapping), type(k.mapping).__name__, k.mapping[1], v.mapping is not None)
e = {1: 10, 2: 25, 4: 40}
print(i ^ e.items(), e.items() ^ i, i & e.items(), e.items() - i)
print(k & [3, 1, 7], [3, 1, 7] & k, k | {9}, {9} | k, k - {1}, {1, 4} - k, k ^ [1, 5], [1, 5] ^ k)
print(i & {(1, 10), (2, -1)}, i - {(1, 10)}, i ^ {(1, 10), (4, 40)}, i | [(0, 0)])
print(k == {1, 2, 3}, k == [1, 2, 3], k != {1}, k <= {1, 2, 3}, k < {1, 2, 3}, k >= {1}, k > k)
print(i == {(1, 10), (2, 20), (3, 30)}, k.isdisjoint({4}), k.isdisjoint(k), i.isdisjoint([(1, 10)]))
print(k == d.keys(), v == v, v != d.values(), i <= d.items())
for view in (k, i):
    try:
        hash(view)
    except TypeError as e:
        print("TypeError", e)
print(hash(v) == hash(v))
rec = {}
rec[1] = rec.values()
rec[2] = rec.keys()
print(rec)
print((1, 10) in i, (1, 11) in i, [1, 10] in i, (1,) in i, 10 in v, 1 in k)
print({1: 2}.__sizeof__(), {"s": 1}.__sizeof__(), dict.fromkeys(range(20)).__sizeof__())
x = {}
for n in range(100):
    x[n] = n
for n in range(90):
    del x[n]
print(x.__sizeof__(), x.copy().__sizeof__(), dict(x).__sizeof__())
