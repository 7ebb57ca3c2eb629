# tuple: subclasses, dunders called directly, hashing, comparisons, errors.
class T(tuple):
    pass

t = T([1, 2, 3])
print(type(t).__name__, t, len(t), t[1:], type(t[1:]).__name__, t + (4,), type(t + (4,)).__name__)
print(hash(t) == hash((1, 2, 3)), t == (1, 2, 3), T() == (), T(x for x in "ab"))
e = (1, 2)
print(e[:] is e, tuple(e) is e, e.__getnewargs__())
print(tuple.__add__((1,), (2,)), tuple.__mul__((1,), 3), (1,) * -1, 2 * (0, 1))
print((1, 2) < (1, 3), (1, 2, 3) > (1, 2), (2,) <= (2,), ((1, 2), 3) == ((1, 2), 3))
print((1, 2, 1, 1).count(1), (4, 5, 6).index(6), (4, 5, 6, 5).index(5, 2), (1, [2]).__contains__([2]))
tp = (1,)
for bad in ["(1,)[1]", "tp['a']", "(1,).index(2)", "(1,) + [2]", "tuple(1)", "tuple(1, 2)",
            "tuple(x=1)", "hash((1, []))", "(1, 'a') < ('a', 1)", "tuple.__new__(list)"]:
    try:
        print(bad, "->", eval(bad))
    except Exception as ex:
        print(bad, "!!", type(ex).__name__, ex)
print(repr(()), repr((1,)), repr((1, (2,), [3])), str(((),)))
d = {(1, 2): "a", (1, (2, 3)): "b"}
print(d[(1, 2)], d[1, (2, 3)], hash(()) == hash(tuple()), hash((1,)) != hash((2,)))
print(sorted([(2, "b"), (1, "z"), (2, "a")]), max([(1, 2), (1, 3)]), min((3, 1), (2, 9)))
