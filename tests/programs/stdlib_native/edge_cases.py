import itertools as it, _functools as f, _collections as c, _operator as o, math

def show(expr):
    try:
        r = eval(expr)
        print(expr, '->', repr(r))
    except Exception as e:
        print(expr, '!!', type(e).__name__, e)

w = f._lru_cache_wrapper(lambda x: x, 10, False, lambda *a: a)
for e in [
    "w([1])", "w(1, 2)", "w()", "f.reduce(lambda a, b: 1 / 0, [1, 2])",
    "list(it.groupby([1, 2], key=lambda x: 1 / 0))", "list(it.accumulate([1, 'a']))", "list(it.starmap(lambda *a: 1 / 0, [()]))",
    "list(it.islice(it.count(), 0))", "list(it.islice(it.count(), 3, 3))", "list(it.islice([1, 2, 3], 5, 10))",
    "next(it.chain([], [], [7]))", "list(it.zip_longest([1], [], [2, 3], fillvalue=0))",
    "list(it.product([1, 2], 'ab', repeat=0))", "list(it.permutations([1, 2, 3], 0))", "list(it.combinations_with_replacement([1, 2], 0))",
    "sorted(set(it.permutations('aab')))", "list(it.compress(it.count(), [0, 1, 0, 1]))",
    "c.deque(range(5))[-5]", "c.deque(range(5))[-6]", "c.deque()[0]", "c.deque([1]).index(1, 5)", "c.deque([1, 2, 3]).index(3, -2, -1)",
    "math.fsum(it.repeat(0.1, 10))", "math.prod(it.repeat(2, 70))", "math.dist((1, 2), (3,))", "math.hypot(*range(10))",
    "o.attrgetter('real', 'imag')(3 + 4j)", "o.itemgetter(slice(1, 3))('abcd')", "o.methodcaller('split', ',', 1)('a,b,c')",
    "f.partial(f.partial(f.partial(max, 1), 2), 3)()", "repr(f.partial(max))",
    "math.gcd(2**200, 2**100 * 3**5)", "math.lcm(2**64, 3)", "math.comb(60, 30)", "math.perm(20, 10)", "math.factorial(25)",
    "math.log(0.0)", "math.log(-0.0)", "math.log1p(-2)", "math.sqrt(float('-inf'))", "math.exp(float('-inf'))", "math.atan(float('inf'))",
    "math.copysign(float('nan'), -1)", "math.isclose(float('nan'), float('nan'))", "math.trunc(2.5e20)", "math.ceil(-0.0)",
]:
    show(e)

# lru cache keyed by equal-but-different types (not typed): 1 and 1.0 share an entry
w2 = f._lru_cache_wrapper(lambda x: type(x).__name__, 10, False, lambda *a: a)
print(w2(1), w2(1.0), w2(True), w2.cache_info())
w3 = f._lru_cache_wrapper(lambda x: type(x).__name__, 10, True, lambda *a: a)
print(w3(1), w3(1.0), w3(True), w3.cache_info())
w4 = f._lru_cache_wrapper(lambda **k: sorted(k), 10, False, lambda *a: a)
print(w4(a=1, b=2), w4(b=2, a=1), w4.cache_info())

# deque used as a bounded history
h = c.deque(maxlen=3)
for i in range(10):
    h.append(i)
print(h, sum(h), max(h), list(h)[::-1], h.count(9))
dd = c.defaultdict(lambda: c.deque(maxlen=2))
for k, v in [('a', 1), ('a', 2), ('a', 3), ('b', 4)]:
    dd[k].append(v)
print(sorted((k, list(v)) for k, v in dd.items()))

# tee of a tee, and teeing a partially consumed iterator
t1, t2 = it.tee(iter(range(5)))
next(t1)
t3, t4 = it.tee(t1)
print(list(t3), list(t4), list(t2))
