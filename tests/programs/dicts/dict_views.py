# keys/values/items views: live updates, set operations, repr, len, containment.
d = {"a": 1, "b": 2, "c": 3}
k, v, it = d.keys(), d.values(), d.items()
print(k, v, it, len(k), len(v), len(it))
d["d"] = 4
print(k, list(v), list(it)[-1])
print(sorted(k & {"a", "x", "d"}), sorted(k | {"e"}), sorted(k - {"a"}), sorted(k ^ {"a", "q"}))
print(sorted(it & {("a", 1), ("b", 99)}), k == {"a", "b", "c", "d"}, k != {"a"}, k <= {"a", "b", "c", "d", "e"}, k > {"a"})
print(k.isdisjoint({"x"}), k.isdisjoint(["a"]), "a" in k, ("a", 1) in it, ("a", 2) in it, 1 in v)
try:
    v & {1}
except TypeError as e:
    print("TypeError", e)
print(v == v, v == d.values())
e = {1: [1]}
try:
    e.items() & {(1, 2)}
    print("items & ok")
except TypeError as err:
    print("TypeError", err)
try:
    e.items() | {(2, [1])}
except TypeError as err:
    print("TypeError", err)
print(type(k).__name__, type(v).__name__, type(it).__name__, type(k & {1}).__name__)
print(list(reversed(k)), list(reversed(v)), list(reversed(it)))
ki = iter(k)
print(next(ki))
d["new"] = 0
try:
    next(ki)
except RuntimeError as err:
    print("RuntimeError", err)
items = list(d.items())
print(items)
x = dict(d.items())
print(x == d, x is d)
print(sorted({1: 2, 3: 4}.keys() | [5]), {1: 2}.keys() - [1], [1, 2] - {}.keys() if False else "skip")
print(set({1: 1, 2: 2}.keys()) == {1, 2}, tuple({5: 1, 6: 2}.values()))
