# Tuple comparison is lexicographic with short-circuit equality; sorting records; tuples as dict keys; identity caching not relied upon.
log = []
class Loud:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        log.append(("eq", self.v, other.v))
        return self.v == other.v
    def __lt__(self, other):
        log.append(("lt", self.v, other.v))
        return self.v < other.v
    def __repr__(self):
        return f"L{self.v}"
a = (Loud(1), Loud(2), Loud(3))
b = (Loud(1), Loud(5), Loud(0))
print(a < b, log)
log.clear()
print(a == b, log)
log.clear()
print((Loud(1),) < (Loud(1), Loud(0)), log)
records = [("bob", 3, 2.5), ("amy", 3, 1.0), ("cat", 1, 9.9), ("amy", 2, 0.0)]
print(sorted(records))
print(sorted(records, key=lambda r: (r[1], r[0])))
print(sorted(records, key=lambda r: (-r[1], r[2])))
print(max(records), min(records, key=lambda r: r[2]))
grid = {}
for x in range(3):
    for y in range(3):
        grid[(x, y)] = x * 3 + y
print(grid[(2, 1)], (1, 1) in grid, (5, 5) in grid, sorted(k for k in grid if sum(k) == 2))
print((1, 2) + (3,), (1,) * 3, (1, 2) * 0, tuple(reversed((1, 2, 3))), (1, 2, 3)[::-1])
print((0.0,) == (-0.0,), (1,) == (1.0,), (float("nan"),) == (float("nan"),))
n = float("nan")
print((n,) == (n,), [n] == [n], (n, 1) < (n, 2))
print(tuple(sorted((3, 1, 2))), tuple(x for x in range(3)), tuple(map(str, (1, 2))))
print(len(((),)), ((),) == ((),), () == (), ((),)[0] == ())
print(sum((1, 2, 3)), max((1, 9, 3)), (1, 2).__len__(), (1, 2).__getitem__(-1), (1, 2).__contains__(2))
t = (1, [2, 3])
try:
    t[1] += [4]
except TypeError as e:
    print("TypeError", e)
print(t)
print(hash((1, 2)) == hash((1, 2)), hash((1, 2)) != hash((2, 1)), hash((1.0, True)) == hash((1, 1)))
nested = ((1, 2), (3, (4, 5)))
(p, q), (r, (s, u)) = nested
print(p + q + r + s + u, nested[1][1][0], str(nested), repr(((1,),)))
