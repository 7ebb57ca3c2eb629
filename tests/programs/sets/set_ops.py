# Set operators and methods on sets of small ints (deterministic order).
a = {1, 2, 3, 4}
b = {3, 4, 5, 6}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b, [7]), a.intersection(b, {4}), a.difference([1], (2,)), a.symmetric_difference([4, 9]))
print(a <= b, {3, 4} <= a, {3, 4} < a, a < a, a <= a, a >= {1}, a > {1, 2, 3, 4}, a == {4, 3, 2, 1})
print(a.issubset(range(10)), a.issuperset([1, 2]), a.isdisjoint({9}), a.isdisjoint(b))
try:
    a | [1]
except TypeError as e:
    print("TypeError", e)
try:
    a < [1]
except TypeError as e:
    print("TypeError", e)
c = set(a)
c.add(10); c.discard(1); c.discard(99); c.remove(2)
print(c)
try:
    c.remove(99)
except KeyError as e:
    print("KeyError", e)
print(c.pop(), c)
c.update([20, 30], {40})
print(c)
c.intersection_update(range(25))
print(c)
c.difference_update({3})
print(c)
c.symmetric_difference_update({4, 100})
print(c)
c |= {7}; c &= {7, 10, 20, 100}; c -= {100}; c ^= {1}
print(c)
c.clear()
print(c, set(), len(c))
try:
    set().pop()
except KeyError as e:
    print("KeyError", e)
print(set([3, 1, 2, 3]), set(range(10)), set((5, 4)), set("a"), {1, 1.0, True})
print(sorted({10, 5, -1, 100}), list({0, 8, 16, 24, 1, 9}), list({33, 1, 65, 97}))
print({2 ** 64, 1, 2 ** 65}, {-1, -2, 0}, list({100, 99, 98, 7, 1000}))
print(3 in a, 7 not in a, len(a), sum(a), max(a), min(a))
s = {1, 2}
t = s.copy()
t.add(3)
print(s, t, s is t)
print(set.union(*[{1}, {2}, {3}]), set().union(), set.intersection({1, 2}, {2}))
