# list: dunders called directly, subclasses, slice edge cases, sort details.
class L(list):
    pass

a = L([3, 1, 2])
print(type(a).__name__, a, len(a), a[0], a[-1], type(a[:2]).__name__, a[::-1])
a.sort()
print(a, a == [1, 2, 3], [1, 2, 3] == a, a + [4], type(a + [4]).__name__, a * 2)
print(list.__add__([1], [2]), list.__mul__([1, 2], 3), list.__rmul__([0], 2), list.__lt__([1], 1))
print([1, 2].__contains__(2), [1, 2].__len__(), list.__getitem__([5, 6], -1))
print([1, 2] < [1, 2, 3], [1, 3] > [1, 2, 9], [] <= [], [2] >= [1, 5], [1, [2]] == [1, [2]])
one = [1]
for bad in ["[1][1]", "one['x']", "[1][2**100]", "[].pop()", "[1].pop(3)", "[1].index(5)",
            "[1].remove(5)", "[1] + (2,)", "[1, 2, 3].__setitem__(slice(None, None, 2), [1])",
            "[1].__setitem__(slice(0, 1), 5)", "[1].__delitem__(7)", "list(1, 2)", "list(x=1)",
            "[].sort(1)", "[1, 'a'].sort()", "[1].insert(2**100, 0)", "[1] * 2**100"]:
    try:
        print(bad, "->", eval(bad))
    except Exception as e:
        print(bad, "!!", type(e).__name__, e)
x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
x[2:8:3] = "ab"
print(x)
x[::-4] = [10, 20, 30]
print(x)
del x[-1:-8:-3]
print(x)
x[100:] = [99]
x[:0] = (7, 7)
print(x)
y = list(range(20))
del y[::2]
print(y, y.index(7, 2), y.index(19, -1), y.count(3))
try:
    y.index(1, 3, 5)
except ValueError as e:
    print("ValueError", e)
r = []
r.append(r)
r.append([r])
print(r, len(r))
z = [5, 3, 1]
z.extend(z)
z += (0,)
z *= 2
print(z)
z[:] = z[::-1]
print(z, z.copy() == z, z.copy() is z)
z.clear()
print(z, z.__sizeof__() == [].__sizeof__())
s = [(1, "b"), (0, "z"), (1, "a"), (0, "a")]
print(sorted(s, key=lambda p: p[0]), sorted(s, key=lambda p: p[0], reverse=True))
big = [(i * 7919) % 1009 for i in range(3000)]
srt = sorted(big)
print(srt[:5], srt[-5:], srt == sorted(big, reverse=True)[::-1], len(srt))
fl = [3.5, -1.0, 2.25, float("inf"), -0.0, 0.0]
print(sorted(fl), sorted(["b", "A", "a", "B"]), sorted([True, 2, -1, False]))
cmp_log = []
class K:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        cmp_log.append((self.v, other.v))
        return self.v < other.v
    def __repr__(self):
        return "K%d" % self.v
ks = [K(i) for i in [2, 0, 1]]
ks.sort()
print(ks, len(cmp_log) > 0)
victim = [3, 1, 2]
def key(v):
    victim.append(v)
    return v
try:
    victim.sort(key=key)
except ValueError as e:
    print("ValueError", e, victim)
seen = []
def key2(v):
    seen.append(len(victim))
    return -v
victim.sort(key=key2)
print(victim, seen)
print(list.__class_getitem__ is not None, [].__hash__)
class NI:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return NotImplemented
    def __gt__(self, other):
        return self.v > other.v
    def __repr__(self):
        return "NI%d" % self.v
print(sorted([NI(3), NI(1), NI(2)]))
class Truthy:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return [1] if self.v < other.v else []
    def __repr__(self):
        return "T%d" % self.v
print(sorted([Truthy(i % 5) for i in range(12)]), sorted([Truthy(2), Truthy(1)], reverse=True))
class Bad:
    def __lt__(self, other):
        raise RuntimeError("no order")
bl = [Bad(), Bad(), Bad()]
try:
    bl.sort()
except RuntimeError as e:
    print("RuntimeError", e, len(bl))
class Sub(Truthy):
    pass
print(sorted([Sub(3), Truthy(1), Sub(2)]))
