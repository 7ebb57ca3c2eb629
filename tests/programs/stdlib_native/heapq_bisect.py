import _heapq as h, _bisect as b

def show(expr):
    try:
        r = eval(expr)
        print(expr, '->', repr(r))
    except Exception as e:
        print(expr, '!!', type(e).__name__, e)

state = 7
def rnd():
    global state
    state = (state * 1103515245 + 12345) % 2**31
    return state % 1000

data = [rnd() for _ in range(200)]
heap = []
for x in data:
    h.heappush(heap, x)
print(heap[:20])
print([h.heappop(heap) for _ in range(20)])
l = data[:]
h.heapify(l); print(l[:20])
print(h.heapreplace(l, 500), h.heappushpop(l, 1), h.heappushpop(l, 999), l[:10])
m = data[:50]
h._heapify_max(m); print(m[:10], h._heappop_max(m), h._heapreplace_max(m, 3), m[:10])
pairs = [(rnd() % 5, i) for i in range(30)]
h.heapify(pairs); print(pairs)
print(sorted(h.heappop(pairs) for _ in range(5)))
for e in ["h.heappop([])", "h.heappush((), 1)", "h.heapify(1)", "h.heapreplace([], 1)", "h.heappushpop([], 1)", "h.heappop((1,))", "h._heappop_max([])", "h.heappush([1, 'a'], 2)"]:
    show(e)

s = sorted(data)
print([b.bisect_left(s, x) for x in (0, 100, 500, 999, 1000)], [b.bisect_right(s, x) for x in (0, 100, 500, 999, 1000)])
for e in ["b.bisect_left([1, 2], 1, -1)", "b.bisect_left([1, 2], 1, 0, 5)", "b.bisect_left([1, 2], 1, 3)", "b.bisect_left(1, 1)", "b.bisect_right([1, 2, 2, 3], 2, key=None)",
          "b.bisect_left([1, 2], 1, hi=-1)", "b.bisect_left([1, 2], 1, lo=None)", "b.bisect_left([(1, 'a'), (3, 'b')], 2, key=lambda t: t[0])", "b.bisect_right(a=[1, 2, 3], x=2)",
          "b.bisect_left([1, 2, 3], 2, 0, 1)", "b.bisect_right('abcde', 'c')", "b.bisect_left(range(100), 42)"]:
    show(e)
l = []
for x in [5, 1, 4, 1, 3]:
    b.insort_right(l, x)
b.insort_left(l, 4)
print(l)
recs = []
for r in [(3, 'c'), (1, 'a'), (2, 'b'), (1, 'z')]:
    b.insort_right(recs, r, key=lambda t: t[0])
print(recs)
class L(list):
    def insert(self, i, x):
        print('insert', i, x)
        super().insert(i, x)
ll = L([1, 3])
b.insort_left(ll, 2); print(ll)
