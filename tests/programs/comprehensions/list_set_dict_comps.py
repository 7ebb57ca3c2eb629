# List/set/dict comprehensions with conditions, nesting, and expressions.
print([x * 2 for x in range(6)], [x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([x if x % 2 else -x for x in range(6)], [(x, y) for x in range(3) for y in "ab"])
print([[r * c for c in range(4)] for r in range(3)])
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[i] for i in range(3) for row in matrix], [[row[i] for row in matrix] for i in range(3)])
print([v for row in matrix for v in row if v % 2], sum([v for row in matrix for v in row]))
print({x % 4 for x in range(20)}, {c for c in "abracadabra" if c != "a"} == {"b", "r", "c", "d"})
print({k: v for k, v in zip("abc", range(3))}, {x: x ** 2 for x in range(5) if x != 2})
print({v: k for k, v in {"a": 1, "b": 2, "c": 1}.items()})
words = ["apple", "banana", "cherry", "avocado", "blueberry"]
by_letter = {w[0]: [x for x in words if x[0] == w[0]] for w in words}
print(by_letter)
print([len(w) for w in words], [w.upper() for w in words if "an" in w], [w[::-1] for w in words[:2]])
print([i for i in range(3)] + [i for i in "xy"], [[]for _ in range(2)], [None for _ in ()])
print([(i, j, k) for i in range(2) for j in range(2) for k in range(2) if i + j + k == 2])
print([x for x in [3, 1, 2] for _ in range(x)])
flat = [c for word in ["hi", "yo"] for c in word]
print(flat)
print([f(3) for f in (abs, str, float, lambda v: v * v)])
print([y for x in range(5) if (y := x * x) > 4])
print({n: [d for d in range(1, n + 1) if n % d == 0] for n in (6, 12, 7)})
print(sorted({(a, b) for a in range(3) for b in range(3) if a < b}))
print([[y for y in range(x)] for x in range(4)])
print(list(map(lambda t: t[0] * t[1], [(a, b) for a in range(1, 3) for b in range(1, 3)])))
try:
    [1 / x for x in [1, 0]]
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    {[x]: x for x in range(2)}
except TypeError as e:
    print("TypeError", e)
try:
    {[x] for x in range(2)}
except TypeError as e:
    print("TypeError", e)
try:
    [x for x in 5]
except TypeError as e:
    print("TypeError", e)
print([i for i in range(10)][::-3], {i: i for i in range(3)}.keys())
