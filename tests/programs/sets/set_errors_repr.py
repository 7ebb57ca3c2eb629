# Subclass behaviour, repr, in-place op identity, comparison edge cases.
class MySet(set):
    def __repr__(self):
        return "MySet(" + repr(sorted(self)) + ")"
m = MySet([3, 1])
print(m, type(m | {2}).__name__, type(m.copy()).__name__, m == {1, 3}, isinstance(m, set))
a = {1, 2}
b = a
a |= {3}
print(b, a is b)
a = a | {4}
print(b, a is b)
s = {1, 2, 3}
print(s <= s, s < s, s.issubset(s), set() < s, set() <= set())
print(sorted([{1, 2}, {1}, {3}], key=len), min({3, 1}), sorted({1, 2} | {0}))
r = {1, 2}
r.add(r.pop())
print(r)
x = set()
x.add(())
x.add((1,))
print(len(x), () in x)
for bad_op in ("r - [1]", "r ^ (1,)", "r & 1", "r | None"):
    try:
        eval(bad_op)
    except TypeError as e:
        print(bad_op, "TypeError", e)
print(r.union(range(3), "".join("")) if False else r.union(range(3)))
print(set("")) 
print({0} == {False}, {1.0} == {1}, {True, 1, 1.0})
s = set()
s.update(*[[1, 2], [3]])
print(s)
it = iter({1, 2, 3})
print(next(it), type(it).__name__)
