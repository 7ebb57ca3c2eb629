from _collections import defaultdict, deque
d = defaultdict.fromkeys('ab')
print(type(d).__name__, d, d.default_factory)
dd = defaultdict(list); dd['x'] = dd
print(dd)
class S(defaultdict):
    def __init__(self):
        pass
s = S(); print(s.default_factory)
try:
    s[1]
except KeyError as e:
    print('KeyError', e)
e = defaultdict(int, {'a': 1})
print(e == {'a': 1}, {'a': 1} == e, e.copy() == e, type(e.copy()).__name__)
x = deque([1, 2]); x.__init__(x); print(x)
y = deque([1, 2]); y += y; print(y)
y.__init__([5], 1); print(y)
z = deque('abc'); z.extend(z); print(z)
print(deque([1]) == deque([1.0]), deque([1, 2]) < deque([1, 2, 0]), deque() >= deque())
q = deque(range(10)); print(q.index(5, 2, 8), q.index(5, -8, -2))
import sys
w = deque(); w.append(w); print(w, w == w)
