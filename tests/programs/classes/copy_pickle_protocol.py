# copy/pickle through object.__reduce_ex__ (protocol 2+: copyreg.__newobj__), __getstate__ with slots, list/dict subclasses, __getnewargs__, dataclasses.
import copy, pickle
class P:
    def __init__(self): self.a = [1, 2]; self.b = {"x": 3}
p = P()
q = copy.deepcopy(p)
print(q.a, q.b, q.a is not p.a, type(q).__name__)
r = copy.copy(p); print(r.a is p.a)
s = pickle.loads(pickle.dumps(p)); print(s.a, s.b)
class S:
    __slots__ = ("x", "y")
    def __init__(self): self.x = 1; self.y = 2
t = copy.deepcopy(S()); print(t.x, t.y)
print(P().__reduce_ex__(2)[0].__name__, len(P().__reduce_ex__(2)))
class L(list):
    pass
ll = L([1, 2]); ll.tag = "t"
c = copy.deepcopy(ll); print(c, type(c).__name__, c.tag)
class D(dict):
    pass
dd = D(a=1)
print(copy.deepcopy(dd), type(copy.deepcopy(dd)).__name__)
class N:
    def __init__(self, v): self.v = v
    def __getnewargs__(self): return (self.v,)
    def __new__(cls, v): o = super().__new__(cls); o.v = v; return o
print(copy.deepcopy(N(7)).v, pickle.loads(pickle.dumps(N(8))).v)
class E:
    pass
print(E().__getstate__(), P().__getstate__(), S().__getstate__())
print(object().__reduce__()[0].__name__, P().__reduce__()[0].__name__)
import dataclasses
@dataclasses.dataclass
class Pt:
    x: int
    y: list
print(copy.deepcopy(Pt(1, [2])), pickle.loads(pickle.dumps(Pt(3, [4]))))
