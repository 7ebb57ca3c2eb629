# Star targets in assignment and for loops, nested unpacking, errors.
a, *b = [1, 2, 3]
print(a, b)
*a, b = "xyz"
print(a, b)
a, *b, c = range(6)
print(a, b, c)
a, *b, c = (1, 2)
print(a, b, c)
(a, b), *rest = [(1, 2), 3, 4]
print(a, b, rest)
[a, [b, *c]], d = [1, [2, 3, 4]], 5
print(a, b, c, d)
first, *_ = "hello"
print(first, _)
for x, *ys in [(1, 2, 3), (4,), "ab"]:
    print(x, ys)
for (i, j), k in zip([(1, 2), (3, 4)], "ab"):
    print(i, j, k)
for idx, (name, val) in enumerate([("a", 1), ("b", 2)]):
    print(idx, name, val)
print([*range(3), *"ab", *[None]], (*[1, 2], 3), {*[1, 2], *(2, 3)}, {**{"a": 1}, "b": 2, **{"a": 3}})
print(*[1, 2], *(3,), sep="-")
d = {"x": 1}
k, = d
print(k)
(k, v), = d.items()
print(k, v)
for bad in ["a, b = [1, 2, 3]", "a, b, c = [1, 2]", "a, b = 1", "a, *b, c = [1]", "a, = []", "(a, b), c = [1, 2]",
            "a, b = 'abc'", "[a, b] = {1: 2}", "a, b, *c, d = range(2)"]:
    try:
        exec(bad, {})
        print(bad, "ok")
    except (ValueError, TypeError) as e:
        print(bad, "->", type(e).__name__, e)
def gen():
    yield 1
    yield 2
    yield 3
x, *y = gen()
print(x, y, type(y).__name__)
*z, = gen()
print(z)
try:
    exec("*a = [1]")
except SyntaxError as e:
    print("SyntaxError", e.msg)
try:
    exec("a, *b, *c = [1, 2]")
except SyntaxError as e:
    print("SyntaxError", e.msg)
try:
    exec("print(*)")
except SyntaxError as e:
    print("SyntaxError", e.msg)
print([(a, b) for a, *b in ["xy", "z"]])
head, *tail = [[1, 2], [3]]
print(head, tail)
m = [1, 2, 3]
m[0], m[2] = m[2], m[0]
print(m)
i = 0
i, m[i] = 1, "set"
print(i, m)
