# __len__, __getitem__ (ints and slices), __setitem__, __delitem__, __contains__, __iter__, __reversed__, fallbacks.
class Seq:
    def __init__(self, data):
        self.data = list(data)
    def __len__(self):
        return len(self.data)
    def __getitem__(self, i):
        if isinstance(i, slice):
            return Seq(self.data[i])
        return self.data[i]
    def __setitem__(self, i, v):
        self.data[i] = v
    def __delitem__(self, i):
        del self.data[i]
    def __repr__(self):
        return f"Seq({self.data})"
s = Seq("abcde")
print(len(s), s[0], s[-1], s[1:3], s[::-1], list(s), "c" in s, "z" in s, list(reversed(s)), sorted(s, reverse=True))
s[0] = "A"
del s[1]
print(s, bool(s), bool(Seq([])))
try:
    s[100]
except IndexError as e:
    print("IndexError", e)
class GetItemOnly:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * i
g = GetItemOnly()
print(list(g), 9 in g, 10 in g, list(iter(g)), [x for x in g], tuple(g), sum(g))
try:
    len(g)
except TypeError as e:
    print("TypeError", e)
class KeyErrorStops:
    def __getitem__(self, i):
        raise KeyError(i)
try:
    list(KeyErrorStops())
except KeyError as e:
    print("KeyError", e)
class Contains:
    def __contains__(self, x):
        print("contains", x)
        return x == 1
    def __iter__(self):
        return iter([5, 6])
c = Contains()
print(1 in c, 2 not in c, list(c), 5 in iter(c))
class ContainsNonBool:
    def __contains__(self, x):
        return [1]
print(3 in ContainsNonBool(), 3 not in ContainsNonBool())
class NotIterable:
    __iter__ = None
try:
    iter(NotIterable())
except TypeError as e:
    print("TypeError", e)
try:
    3 in NotIterable()
except TypeError as e:
    print("TypeError", e)
class BadIter:
    def __iter__(self):
        return 5
try:
    iter(BadIter())
except TypeError as e:
    print("TypeError", e)
class Rev:
    def __reversed__(self):
        return iter("custom")
print(list(reversed(Rev())))
class Mapping:
    def __init__(self):
        self.d = {}
    def __getitem__(self, k):
        return self.d[k]
    def __setitem__(self, k, v):
        self.d[k] = v
    def keys(self):
        return self.d.keys()
m = Mapping()
m["x"] = 1
m["y"] = 2
print(dict(m), {**m}, m["x"])
def f(**kw):
    return kw
print(f(**m))
class LenHint:
    def __length_hint__(self):
        return 3
    def __iter__(self):
        return iter([1, 2, 3])
print(list(LenHint()))
class Missing(dict):
    def __missing__(self, k):
        return f"missing {k}"
print(Missing()["q"])
class Idx:
    def __index__(self):
        return 1
print([10, 20, 30][Idx()], "abc"[Idx()], (1, 2)[Idx()], range(5)[Idx()], [1, 2, 3][Idx():])
class BigLen:
    def __len__(self):
        return 2 ** 70
try:
    len(BigLen())
except OverflowError as e:
    print("OverflowError", e)
