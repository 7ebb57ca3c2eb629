# Packing/unpacking with tuples, returning multiple values, tuple subclasses and named access.
def minmax(seq):
    return min(seq), max(seq)
lo, hi = minmax([3, 1, 4, 1, 5])
print(lo, hi, minmax("hello"))
p = 1, 2, 3
print(p, type(p).__name__)
x, = (5,)
print(x)
[y] = [6]
print(y)
(a, b), c = (1, 2), 3
print(a, b, c)
first, *rest = (1, 2, 3)
print(first, rest, type(rest).__name__)
class Point(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))
    @property
    def x(self):
        return self[0]
    @property
    def y(self):
        return self[1]
    def __repr__(self):
        return f"Point(x={self.x}, y={self.y})"
pt = Point(3, 4)
print(pt, pt.x, pt.y, pt[0], len(pt), pt == (3, 4), isinstance(pt, tuple), pt + (5,), type(pt + (5,)).__name__)
px, py = pt
print(px, py, hash(pt) == hash((3, 4)))
print(tuple(reversed(pt)), sorted(pt, reverse=True), list(pt))
swap = lambda t: t[::-1]
print(swap((1, 2, 3)))
pairs = [(1, "one"), (2, "two")]
for num, name in pairs:
    print(num, name)
nums, names = zip(*pairs)
print(nums, names)
print(divmod(20, 6), tuple(divmod(-20, 6)))
t = tuple(i * i for i in range(5))
print(t, sum(t), t.count(4))
def f(*args):
    return args
print(f(), f(1), f(1, 2), type(f()).__name__)
print(((1, 2), (3, 4))[1][0])
try:
    a, b = (1, 2, 3)
except ValueError as e:
    print("ValueError", e)
try:
    a, b, c = (1, 2)
except ValueError as e:
    print("ValueError", e)
