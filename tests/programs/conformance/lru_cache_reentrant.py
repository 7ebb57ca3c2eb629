import functools

@functools.lru_cache(maxsize=10)
def test_func(x):
    return x
class DoubleEq:
    def __init__(self, x):
        self.x = x
    def __hash__(self):
        return self.x
    def __eq__(self, other):
        if self.x == 2:
            test_func(DoubleEq(1))
        return self.x == other.x
test_func(DoubleEq(1))
test_func(DoubleEq(2))
print(test_func(DoubleEq(2)).x)
print(test_func.cache_info())

@functools.lru_cache(maxsize=3)
def f(x):
    return x * 2
for i in [1, 2, 3, 1, 4, 2, 5, 1]:
    f(i)
print(f.cache_info())
f.cache_clear(); print(f.cache_info(), f(3), f.cache_info())
@functools.lru_cache(maxsize=None)
def g(x): return x
g(1); g(1); print(g.cache_info())
import functools
class H:
    calls = 0
    def __hash__(self):
        H.calls += 1
        return 999
    def __mul__(self, o): return 15
h = H()
@functools.lru_cache(maxsize=1)
def f(x, y):
    return x * 3 + y
print(f(h, 1), H.calls, f.cache_info())
print(f(h, 1), H.calls, f.cache_info())
print(f(6, 2), H.calls, f.cache_info())
print(f(h, 1), H.calls, f.cache_info())
