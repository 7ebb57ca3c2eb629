# __slots__ with copy, pickle, dataclass(slots=True), exceptions and member descriptors.
import copy, pickle, weakref, dataclasses
class A:
    __slots__ = ('a', '__dict__')
a = A()
print(a.__getstate__(), A.__dict__.keys())
a.a = 1; a.b = 2
print(a.__getstate__(), a.__reduce_ex__(2)[2:])
b = copy.deepcopy(a); print(b.a, b.b)
class L(list):
    __slots__ = ('tag',)
l = L([1, 2]); l.tag = 't'
m = copy.copy(l); print(m, m.tag, pickle.loads(pickle.dumps(l)).tag)
@dataclasses.dataclass(slots=True, weakref_slot=True)
class DC:
    x: int
    y: int = 2
d = DC(1)
print(d, DC.__slots__, weakref.ref(d)() is d, hasattr(d, '__dict__'))
print(copy.copy(d), pickle.loads(pickle.dumps(d)))
@dataclasses.dataclass(frozen=True, slots=True)
class F:
    x: int
f = F(3)
try: f.x = 4
except Exception as e: print(type(e).__name__, e)
print(pickle.loads(pickle.dumps(f)), f.__getstate__())
class E(Exception):
    __slots__ = ('code',)
e = E('m'); e.code = 5; e.other = 1
print(e.code, e.other, e.__dict__, e.args)
class S:
    __slots__ = ('v',)
    def __init__(self): self.v = 0
s = S()
print(S.v.__get__(s), S.__dict__['v'].__set__(s, 10), s.v)
print(isinstance(S.v, type(dataclasses.Field.name)) if hasattr(dataclasses.Field, 'name') else '')
class Sub(S):
    __slots__ = ('w',)
print(Sub.__slots__, Sub.v is S.v, [k for k in Sub.__dict__])
sb = Sub(); sb.w = 1
print(sb.v, sb.w)
try: object.__setattr__(sb, 'zz', 1)
except AttributeError as e: print(e)
print(getattr(sb, 'zz', 'dflt'))
try: Sub.w.__get__(S())
except TypeError as e: print(e)
