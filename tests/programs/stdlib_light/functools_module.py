# functools: reduce, partial, lru_cache, wraps, total_ordering, cached_property, singledispatch.
import functools
print(functools.reduce(lambda a, b: a * b, range(1, 6)), functools.reduce(lambda a, b: a + b, [], "init"))
p = functools.partial(int, base=2)
print(p("1010"), p.func is int, p.keywords)
@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(100), fib.cache_info().hits > 0)
def deco(fn):
    @functools.wraps(fn)
    def wrapper(*a):
        return fn(*a)
    return wrapper
@deco
def documented():
    "doc here"
print(documented.__name__, documented.__doc__, documented.__wrapped__.__name__)
@functools.total_ordering
class V:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return self.v == o.v
    def __lt__(self, o):
        return self.v < o.v
print(V(1) <= V(2), V(3) >= V(2), V(1) > V(2))
class Data:
    @functools.cached_property
    def value(self):
        print("computing")
        return 42
d = Data()
print(d.value, d.value)
@functools.singledispatch
def kind(x):
    return "object"
@kind.register
def _(x: int):
    return "int"
@kind.register(str)
def _(x):
    return "str"
print(kind(1), kind("s"), kind(1.5), kind(True))
print(sorted(["b", "A", "c"], key=functools.cmp_to_key(lambda a, b: (a.lower() > b.lower()) - (a.lower() < b.lower()))))
