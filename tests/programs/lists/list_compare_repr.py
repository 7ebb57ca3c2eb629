# Comparisons, recursive reprs, equality with identity shortcut, nested containers.
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [] < [0], [2] > [1, 9], [1, 2] <= [1, 2], [[1]] < [[2]])
print([1, "a"] == [1, "a"], [1, 2] == (1, 2), [1.0] == [1], [float("nan")] == [float("nan")])
nan = float("nan")
print([nan] == [nan], [nan].count(nan), [nan].index(nan), nan in [nan])
try:
    [1, "a"] < [1, 2]
except TypeError as e:
    print("TypeError", e)
try:
    [1] < (1,)
except TypeError as e:
    print("TypeError", e)
a = [1, 2]
a.append(a)
print(a, repr(a), str(a), len(a))
b = [a, [a]]
print(b)
d = {"self": None}
d["self"] = d
print(d)
c = [1]
e = [c, c]
print(e)
t = ([],)
t[0].append(t)
print(t)
x = [1, [2, [3, [4, [5]]]]]
print(x, x[1][1][1][1][0])
class Weird:
    def __eq__(self, other):
        return True
w = Weird()
print([w] == [1], [1] == [w], w in [1, 2], [1, 2].count(w), [5, 6].index(w))
class Never:
    def __eq__(self, other):
        return False
nv = Never()
print(nv in [nv], [nv] == [nv], [nv].count(nv))
print(repr([None, True, 1.5, "s", b"b", (1,), {1}, {}, [], ()]))
print(repr([[]] * 3), [1, 2, 3] * 0 == [])
