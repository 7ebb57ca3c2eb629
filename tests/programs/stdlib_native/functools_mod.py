import _functools as f
import sys

def show(expr):
    try:
        r = eval(expr)
        print(expr, '->', repr(r))
    except Exception as e:
        print(expr, '!!', type(e).__name__, e)

def add(a, b): return a + b
def kw(*args, **kwargs): return args, kwargs

for e in [
    "f.reduce(add, [1, 2, 3, 4])", "f.reduce(add, [], 5)", "f.reduce(add, [])", "f.reduce(add, ['a', 'b'], 'z')", "f.reduce(1, [1, 2])", "f.reduce()", "f.reduce(add, 1)",
    "f.partial(len, 1)", "f.partial(pow, 2)(5)", "f.partial(f.partial(pow, 2), 3)", "f.partial(f.partial(pow, 2), 3).args", "f.partial(pow, 2, z=3).__reduce__()",
    "f.partial(pow, 2).__reduce__()", "f.partial(pow, 2).keywords", "f.partial(kw, 1, a=2)(3, b=4)", "f.partial(kw, a=1)(a=2)", "f.partial(kw, 1).func is kw",
    "f.partial()", "f.partial(1)", "f.partial.__module__",
    "sorted([3, 1, 2], key=f.cmp_to_key(lambda a, b: b - a))", "f.cmp_to_key(lambda a, b: a - b)(3).obj", "f.cmp_to_key(lambda a, b: a - b)(3) < 4",
    "f.cmp_to_key(lambda a, b: a - b)(3) < f.cmp_to_key(lambda a, b: a - b)(4)", "f.cmp_to_key(lambda a, b: a - b)(3) == f.cmp_to_key(lambda a, b: a - b)(3)",
    "type(f.cmp_to_key(len)(3)).__name__",
]:
    show(e)

p = f.partial(kw, 1, x=2)
p.attr = 5
print(p.attr, p.__dict__)
print(p.__reduce__()[2][3])
q = f.partial(p, 3)
print(q.args, q.func is p)

class MyPartial(f.partial):
    pass
mp = MyPartial(kw, 1)
print(repr(mp).startswith('MyPartial(<function kw'), mp(2))

CacheInfo = (lambda *a: a)
calls = []
def fib(n):
    calls.append(n)
    return n if n < 2 else wrapped(n - 1) + wrapped(n - 2)
wrapped = f._lru_cache_wrapper(fib, 128, False, CacheInfo)
print(wrapped(20), len(calls), wrapped.cache_info())
wrapped.cache_clear(); print(wrapped.cache_info())
w2 = f._lru_cache_wrapper(lambda x: x * 2, 2, False, CacheInfo)
for v in [1, 2, 1, 3, 2, 1]:
    w2(v)
print(w2.cache_info())
w3 = f._lru_cache_wrapper(lambda x, y=0: (x, y), None, True, CacheInfo)
w3(1); w3(1.0); w3(1, y=2); w3(1, y=2)
print(w3.cache_info())
w4 = f._lru_cache_wrapper(lambda: 1, 0, False, CacheInfo)
w4(); w4()
print(w4.cache_info())
show("f._lru_cache_wrapper(1, 1, False, CacheInfo)")
show("f._lru_cache_wrapper(len, 'a', False, CacheInfo)")
class A:
    def m(self, x): return (self.__class__.__name__, x)
    m = f._lru_cache_wrapper(m, 10, False, CacheInfo)
print(A().m(3))
w3.__wrapped__ = 'x'
print(w3.__wrapped__)
