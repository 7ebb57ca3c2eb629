from _collections import deque, defaultdict
import _collections as c

def show(expr):
    try:
        r = eval(expr)
        print(expr, '->', repr(r))
    except Exception as e:
        print(expr, '!!', type(e).__name__, e)

d = deque([1, 2, 3], maxlen=5)
for e in [
    "deque().pop()", "deque().popleft()", "d[10]", "d[-1]", "d.index(9)", "d.remove(9)", "deque([1], maxlen=1).insert(0, 2)", "deque(maxlen=-1)",
    "d", "deque([1, 2])", "deque()", "d.__reduce__()[:3]", "deque([1]).__reduce__()[:3]", "d[0:1]", "d + [1]", "d * 2", "2 * d", "d == deque([1, 2, 3])", "d != deque([1, 2])",
    "d < deque([1, 3])", "d >= deque([1, 2, 3, 0])", "d == [1, 2, 3]", "deque(1)", "deque([1], 2, 3)", "deque(maxlen='a')", "d.rotate('a')",
    "d.index(2, 0, 1)", "d.index(2, 1)", "d.index(3, -1)", "d.count(1)", "deque.__module__", "type(iter(d)).__name__", "type(reversed(d)).__name__",
    "list(reversed(d))", "d.maxlen", "deque().maxlen", "deque([1, 2, 3], 2)", "deque('abc').extend(1)", "deque([deque()])", "bool(deque())", "bool(d)",
    "len(d)", "3 in d", "9 in d", "deque(range(10), maxlen=3)", "deque([1, 2]) + deque([3])", "deque([3]) * 0", "deque('ab', maxlen=3) * 3", "deque(iterable='ab', maxlen=1)",
    "deque('abc').__class_getitem__(int)", "iter(d).__length_hint__()",
]:
    show(e)

q = deque()
q.append(1); q.appendleft(0); q.extend([2, 3]); q.extendleft('ba')
print(q, q.pop(), q.popleft(), q)
q.rotate(2); print(q)
q.rotate(-3); print(q)
q.reverse(); print(q)
q.insert(1, 'x'); q.insert(-1, 'y'); q.insert(100, 'z'); print(q)
q.remove('x'); del q[0]; q[0] = 'first'; print(q, q.copy(), q.copy() is q)
q.clear(); print(q, len(q))
r = deque([1, 2], maxlen=3)
r.append(3); r.append(4); print(r)
r.appendleft(0); print(r)
r += [7, 8]; print(r)
r *= 2; print(r)
r.extend(r); print(r)
x = deque([1]); x.append(x); print(x)
z = deque([1, 2, 3])
try:
    for v in z:
        z.append(v)
except RuntimeError as e:
    print('RuntimeError', e)
class M(deque):
    pass
print(M([1]), repr(M([1], 3)), type(M([1]).copy()).__name__, M([1]) == deque([1]))

dd = defaultdict(list)
dd['a'].append(1); dd['b']
print(dd, dd.default_factory, len(dd), dict(dd))
for e in [
    "defaultdict(1)", "defaultdict(list, {1: 2})", "defaultdict()", "defaultdict(None, a=1)", "defaultdict(list).__reduce__()[:4]", "defaultdict.__module__",
    "defaultdict(list)[3]", "defaultdict()[3]", "defaultdict(int, [(1, 2)])", "defaultdict(list) | {1: 2}", "{1: 2} | defaultdict(list)", "defaultdict(list, a=1).copy()",
    "isinstance(defaultdict(), dict)", "defaultdict(int).get(5)", "5 in defaultdict(int)",
]:
    show(e)
cnt = defaultdict(int)
for ch in 'mississippi':
    cnt[ch] += 1
print(sorted(cnt.items()))
dd2 = defaultdict(list); dd2.default_factory = set; dd2[1].add(2); print(dd2)
class DD(defaultdict):
    pass
print(DD(int, a=1))

m = {}
c._count_elements(m, 'abracadabra')
print(sorted(m.items()))
class Ctr(dict):
    pass
m2 = Ctr(a=5)
c._count_elements(m2, 'aab')
print(sorted(m2.items()))

tg = c._tuplegetter(1, 'field one')
for e in ["tg", "tg.__doc__", "tg.__get__((1, 2))", "tg.__get__(5)", "c._tuplegetter(3, 'x').__get__((1,))", "tg.__set__((1,), 2)", "tg.__get__(None, tuple) is tg"]:
    show(e)
class P(tuple):
    x = c._tuplegetter(0, 'x')
    y = c._tuplegetter(1, 'y')
p = P((3, 4))
print(p.x, p.y, P.x.__doc__)
try:
    p.x = 5
except AttributeError as e:
    print('AttributeError', e)
