# enumerate, zip (strict), map (multiple iterables), filter, reversed, sorted, iter (sentinel), next (default), range.
print(list(enumerate("abc")), list(enumerate("abc", start=10)), list(enumerate([], 5)), list(enumerate(range(3), -1)))
print(list(zip("abc", [1, 2, 3], (True, False, None))), list(zip("ab", "xyz")), list(zip()), list(zip([1])))
print(list(zip([1, 2], "ab", strict=True)))
for args in [([1, 2], [1]), ([1], [1, 2]), ([1, 2], [1, 2], [1])]:
    try:
        list(zip(*args, strict=True))
    except ValueError as e:
        print("ValueError", e)
print(list(map(abs, [-1, -2])), list(map(lambda a, b: a + b, [1, 2, 3], [10, 20])), list(map(pow, [2, 3], [3, 2], [5, 5])))
print(list(map(str.upper, "abc")), list(map(len, [[], [1], [1, 2]])))
try:
    map(abs)
except TypeError as e:
    print("TypeError", e)
print(list(filter(None, [0, 1, "", "a", [], [0], None, False, True])), list(filter(str.isdigit, "a1b2c3")), list(filter(lambda v: v > 2, range(5))))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(0, 10, 3))), list(reversed((1, 2))), list(reversed({"a": 1, "b": 2})))
print(sorted([3, 1, 2]), sorted("cba"), sorted([3, 1, 2], reverse=True), sorted({"b": 1, "a": 2}), sorted([], key=len))
calls = iter([1, 2, 3, 0, 4])
print(list(iter(lambda: next(calls), 0)))
def counter():
    n = [0]
    def f():
        n[0] += 1
        return n[0]
    return f
print(list(iter(counter(), 5)))
try:
    iter(5, 0)
except TypeError as e:
    print("TypeError", e)
it = iter([1])
print(next(it), next(it, "default"), next(it, None))
try:
    next(iter([]))
except StopIteration as e:
    print("StopIteration", repr(e))
try:
    next([1])
except TypeError as e:
    print("TypeError", e)
r = range(10, 0, -3)
print(r, list(r), len(r), r[0], r[-1], r[1:3], r[::-1], 4 in r, 5 in r, r.index(7), r.count(4), reversed(r).__class__.__name__)
print(range(5) == range(0, 5), range(0) == range(2, 2), range(0, 3, 2) == range(0, 4, 2), hash(range(3)) == hash(range(0, 3)))
print(repr(range(3)), repr(range(1, 5, 2)), repr(range(-3)), list(range(-3)), range(10 ** 20)[-1], 10 ** 19 in range(10 ** 20))
try:
    len(range(0, 10 ** 20))
except OverflowError as e:
    print("OverflowError", e)
try:
    range(3)[5]
except IndexError as e:
    print("IndexError", e)
try:
    range(3).index(7)
except ValueError as e:
    print("ValueError", e)
print(range(3).start, range(3).stop, range(3).step, range(1, 10, 4)[::2], 2.0 in range(3), "a" in range(3))
print(list(range(5, -5, -2)), range(0, -10, -1)[3], bool(range(0)), bool(range(1)))
e = enumerate("xy")
print(next(e), iter(e) is e, list(e))
print(all([]), any([]), all([1, 0]), any([0, 0, 1]), all(x > 0 for x in [1, 2]), any(iter([])))
