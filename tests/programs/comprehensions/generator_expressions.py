# Generator expressions: laziness, single use, as function args, early binding of first iterable.
calls = []
def src(n):
    calls.append(("src", n))
    for i in range(n):
        calls.append(("yield", i))
        yield i
g = (v * 10 for v in src(3))
print(calls)
print(next(g), calls)
print(list(g), len(calls))
print(sum(x for x in range(100)), max(len(w) for w in ["a", "abc", "ab"]), any(c.isdigit() for c in "ab3"))
print(sorted((v % 3, v) for v in range(6)), dict((str(v), v) for v in range(3)), tuple(c for c in "xyz"))
print(" ".join(str(v) for v in range(5)), set(v % 2 for v in range(10)))
try:
    (1 / v for v in [0])
    print("genexp creation does not evaluate")
    list(1 / v for v in [0])
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    (v for v in 5)
except TypeError as e:
    print("TypeError at creation", e)
g = (v for v in range(3))
print(list(zip(g, g)))
nested = (x * y for x in range(3) for y in range(x))
print(list(nested))
def first_match(pred, it, default=None):
    return next((v for v in it if pred(v)), default)
print(first_match(lambda v: v > 3, range(10)), first_match(lambda v: v > 30, range(10), "none"))
print(list(enumerate(c.upper() for c in "ab")))
lines = ["a 1", "b 2", "c x"]
parsed = (line.split() for line in lines)
valid = ((k, int(v)) for k, v in parsed if v.isdigit())
print(list(valid))
g = (x for x in [1])
print(g.__name__, type(g).__name__)
print(sum((x for x in range(4)), 100))
