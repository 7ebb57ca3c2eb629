# collections: Counter, defaultdict, deque, namedtuple, OrderedDict, ChainMap.
from collections import Counter, defaultdict, deque, namedtuple, OrderedDict, ChainMap
c = Counter("abracadabra")
print(c.most_common(3), c["a"], c["z"], sorted(c.elements())[:6], sum(c.values()))
c.update("aaz")
print(c["a"], c["z"], (c - Counter("aaaa"))["a"], (Counter(a=1) + Counter(a=2, b=1)))
dd = defaultdict(list)
for k, v in [("x", 1), ("y", 2), ("x", 3)]:
    dd[k].append(v)
print(dict(dd), dd["missing"], len(dd), repr(defaultdict(int)))
dq = deque([1, 2, 3], maxlen=4)
dq.append(4); dq.append(5); dq.appendleft(0)
print(dq, dq.pop(), dq.popleft(), list(dq), dq.maxlen)
dq.rotate(1)
print(dq, len(dq), 3 in dq)
Point = namedtuple("Point", ["x", "y"])
p = Point(1, y=2)
print(p, p.x, p[1], p._asdict(), p._replace(x=9), Point._fields, tuple(p), p == (1, 2))
try:
    Point(1)
except TypeError as e:
    print("TypeError", e)
od = OrderedDict(a=1, b=2, c=3)
od.move_to_end("a")
print(list(od), od.popitem(last=False), od)
cm = ChainMap({"a": 1}, {"a": 2, "b": 3})
print(cm["a"], cm["b"], len(cm), sorted(cm))
