# Tuples: construction, immutability, methods, hashing, comparisons, repr.
t = (1, 2, 3, 2)
print(t, t[0], t[-1], t[1:3], t[::-1], len(t), t.count(2), t.index(2), t.index(2, 2), 3 in t)
print((), (1,), tuple(), tuple([1, 2]), tuple("ab"), tuple(range(3)), tuple({"a": 1}), 1, (1), type((1)).__name__)
try:
    t[0] = 9
except TypeError as e:
    print("TypeError", e)
try:
    del t[0]
except TypeError as e:
    print("TypeError", e)
try:
    t.index(9)
except ValueError as e:
    print("ValueError", e)
try:
    t[10]
except IndexError as e:
    print("IndexError", e)
try:
    t.append(1)
except AttributeError as e:
    print("AttributeError", e)
print(t + (4,), t * 2, (0,) * 3, 2 * (1, 2), () * 5)
try:
    t + [4]
except TypeError as e:
    print("TypeError", e)
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 99), (1, 2) == (1, 2), (1, 2) == [1, 2], () < (0,))
print(hash((1, 2)) == hash((1, 2)), hash(()) == hash(()), {(1, 2): "a"}[(1, 2)], hash((1, (2, 3))) == hash((1, (2, 3))))
try:
    hash((1, [2]))
except TypeError as e:
    print("TypeError", e)
try:
    {(1, [2]): 1}
except TypeError as e:
    print("TypeError", e)
x = ([1], 2)
x[0].append(3)
print(x)
print(repr((1,)), repr(("a", "b")), str((1.5, None)), repr(((),)), ((1, 2),))
a = (1, 2)
b = a
a += (3,)
print(a, b, a is b)
print(tuple(t) is t, t[:] is t, type(t[1:]).__name__)
print(max((3, 1), (2, 9)), min([(1, "b"), (1, "a")]), sorted([(2, 1), (1, 2), (1, 1)]))
try:
    (1, "a") < (1, 2)
except TypeError as e:
    print("TypeError", e)
print(hash((1, 2, 3)) == hash(tuple([1, 2, 3])), hash((-1,)) == hash((-2,)))
print(hash(()), hash((1,)), hash((1, 2)), hash((-1, 0)), hash((2 ** 100,)), hash((0.5, True)))
