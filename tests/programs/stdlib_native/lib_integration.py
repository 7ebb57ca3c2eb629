import functools, collections, heapq, bisect, operator, itertools, math

@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info(), fib.cache_parameters(), fib.__name__, fib.__wrapped__.__name__)
fib.cache_clear(); print(fib.cache_info())

@functools.lru_cache(maxsize=2, typed=True)
def sq(x):
    return x * x
print(sq(2), sq(2.0), sq(3), sq(2), sq.cache_info())

@functools.cache
def f2(a, b=1):
    return a + b
print(f2(1), f2(1, b=1), f2(a=1), f2.cache_info())

class C:
    @functools.lru_cache
    def m(self, x):
        return x + 1
    @functools.cached_property
    def cp(self):
        print('computing'); return 42
c = C(); print(c.m(1), c.m(1), C.m.cache_info().hits, c.cp, c.cp)

p = functools.partial(int, base=2)
print(p('101'), repr(p), p.func, p.args, p.keywords)
print(functools.reduce(operator.mul, range(1, 10)))
print(sorted(['b', 'A', 'c'], key=functools.cmp_to_key(lambda a, b: (a.lower() > b.lower()) - (a.lower() < b.lower()))))

@functools.total_ordering
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(V(1) <= V(2), V(3) >= V(2), V(1) > V(2))

@functools.singledispatch
def show(x): return 'obj'
@show.register
def _(x: int): return 'int'
@show.register(list)
def _(x): return 'list'
print(show(1), show([]), show('s'))

pm = functools.partialmethod
class PM:
    def add(self, a, b): return a + b
    inc = pm(add, 1)
print(PM().inc(5))

@functools.wraps(fib)
def wrapper(*a): return fib(*a)
print(wrapper.__name__, wrapper.__wrapped__ is fib)

cnt = collections.Counter('abracadabra')
print(cnt.most_common(3), cnt['z'], sorted(cnt.elements())[:5], cnt + collections.Counter('aaz'))
od = collections.OrderedDict(a=1, b=2); od.move_to_end('a'); print(od, list(od), od.popitem(last=False))
Point = collections.namedtuple('Point', 'x y', defaults=[0])
pt = Point(1); print(pt, pt.x, pt.y, pt._asdict(), pt._replace(x=5), Point._fields, Point.x.__doc__)
dq = collections.deque(range(5), maxlen=3); dq.rotate(1); print(dq, isinstance(dq, collections.abc.MutableSequence) if hasattr(collections, 'abc') else None)
dd = collections.defaultdict(list); dd['a'].append(1); print(dd)
cm = collections.ChainMap({'a': 1}, {'a': 2, 'b': 3}); print(cm['a'], cm['b'], len(cm))

h = [5, 1, 8, 3, 9, 2]
heapq.heapify(h); print(h, heapq.nsmallest(3, h), heapq.nlargest(2, h), list(heapq.merge([1, 4], [2, 3], [0])))
print(heapq.heappushpop(h, 0), heapq.heapreplace(h, 10), [heapq.heappop(h) for _ in range(len(h))])
a = [1, 2, 4, 4, 8]
print(bisect.bisect(a, 4), bisect.bisect_left(a, 4), bisect.bisect_right(a, 4, key=None))
bisect.insort(a, 5); print(a)
print(operator.itemgetter(1)('ab'), operator.__add__(1, 2), operator.methodcaller('upper')('x'), operator.attrgetter('real')(5))
print(list(itertools.batched('abcdefg', 3)) if hasattr(itertools, 'batched') else 'no batched', list(itertools.pairwise('abc')))
print(math.comb(10, 3), math.isqrt(10**20), math.prod([1.5, 2]))
import copy, pickle
print(copy.copy(collections.deque([1, 2])), copy.deepcopy(collections.defaultdict(int, a=1)))
print(pickle.loads(pickle.dumps(collections.deque([1, 2], 5))), pickle.loads(pickle.dumps(functools.partial(max, 1))), pickle.loads(pickle.dumps(operator.itemgetter(1, 2))))
print(pickle.loads(pickle.dumps(collections.defaultdict(list, a=[1]))), pickle.loads(pickle.dumps(operator.methodcaller('f', 1, k=2))), pickle.loads(pickle.dumps(itertools.count(3))))
