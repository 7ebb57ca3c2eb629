# dict comprehensions, nested dicts, iteration patterns, dict subclass behaviours.
sq = {x: x * x for x in range(6)}
print(sq, {k: v for k, v in sq.items() if v % 2 == 0}, {v: k for k, v in sq.items()})
inv = {}
for k, v in {"a": 1, "b": 2, "c": 1}.items():
    inv.setdefault(v, []).append(k)
print(inv)
nested = {"outer": {"inner": {"deep": 1}}}
nested["outer"]["inner"]["deep"] += 1
nested["outer"]["new"] = [1, 2]
print(nested)
counts = {}
for w in "the cat and the hat and the bat".split():
    counts[w] = counts.get(w, 0) + 1
print(counts, max(counts, key=counts.get), sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
class LoggingDict(dict):
    def __setitem__(self, key, value):
        print("set", key, value)
        super().__setitem__(key, value)
    def __getitem__(self, key):
        print("get", key)
        return super().__getitem__(key)
ld = LoggingDict(a=1)
ld["b"] = 2
print(ld["a"], ld.get("b"), ld)
ld.update(c=3)
print(ld, type(ld).__name__, isinstance(ld, dict))
print(dict(sorted({"b": 2, "a": 1}.items())))
matrix = {(i, j): i * j for i in range(3) for j in range(3) if i <= j}
print(matrix)
print(list(zip(*{"x": 1, "y": 2}.items())))
merged = {}
for part in ({"a": 1}, {"b": 2}, {"a": 3}):
    merged.update(part)
print(merged)
print({k: v for k, v in zip("abc", range(3))}, dict(enumerate("xyz")))
try:
    {k: v for k, v in [1, 2]}
except TypeError as e:
    print("TypeError", e)
print(len({i % 5: i for i in range(100)}), {i % 5: i for i in range(100)})
