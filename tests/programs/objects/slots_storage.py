# __slots__: member descriptors, slot storage apart from __dict__, layout rules.
import copy
import pickle
import sys
import weakref


def attempt(f):
    try:
        r = f()
    except Exception as e:
        return f"{type(e).__name__}: {e}"
    return r


class C:
    __slots__ = ('b', 'a', '__x')
    y = 1


print(list(C.__dict__))
print(repr(C.a), type(C.a).__name__, C._C__x.__name__, C.a.__qualname__, C.a.__objclass__)
print(C.a.__get__(None, C) is C.a, C.a.__doc__)
c = C()
print(attempt(lambda: c.a))
print(attempt(lambda: setattr(c, 'z', 1)))
print(attempt(lambda: c.__dict__))
c.a = 5
c._C__x = 7
print(c.a, c._C__x, C.a.__get__(c, C))
C.b.__set__(c, 8)
print(c.b)
del c.a
print(attempt(lambda: delattr(c, 'a')))
print(attempt(lambda: C.a.__delete__(c)))
print(attempt(lambda: weakref.ref(c)))
print(attempt(lambda: C.a.__get__(1)))
print(attempt(lambda: C.a.__set__(1, 2)))


class D(C):
    pass


d = D()
d.a = 1
d.q = 2
print(d.__dict__, sorted(D.__dict__))
r = weakref.ref(d)
print(r() is d, d.__weakref__ is r)
d.__dict__ = {'r': 3}
print(d.a, d.r, d.__dict__)
vars(d)['s'] = 4
print(d.s, attempt(lambda: d.q))

for body in [
    "class E:\n __slots__ = ('x',)\n x = 1",
    "class E:\n __slots__ = ('__x',)\n __x = 1",
    "class E:\n __slots__ = ('a b',)",
    "class E:\n __slots__ = (1,)",
    "class E:\n __slots__ = ('__dict__', '__dict__')",
    "class E(D):\n __slots__ = ('__dict__',)",
    "class E(D):\n __slots__ = ('__weakref__',)",
    "class E(int):\n __slots__ = ('x',)",
    "class E(tuple):\n __slots__ = ('__dict__',)",
    "class E(bytes):\n __slots__ = ()",
    "class E(str):\n __slots__ = ('x',)",
    "class E:\n __slots__ = ('a', 'a')",
    "class E:\n __slots__ = ('__qualname__',)",
    "class ___:\n __slots__ = ('__x',)\nprint(list(___.__dict__))",
]:
    print(attempt(lambda: exec(body, {'D': D}) or 'ok'))


class A:
    __slots__ = ('a',)


class B:
    __slots__ = ('b',)


class B0:
    __slots__ = ()


print(attempt(lambda: type('AB', (A, B), {})))
AB = type('AB', (A, B0), {})
print(list(AB.__dict__))


class A2(A):
    __slots__ = ('a2',)


class A3(A2):
    pass


class A4(A):
    __slots__ = ()


class A5(A3, A4):
    __slots__ = ('z',)


x = A5()
x.a, x.a2, x.z, x.extra = 1, 2, 3, 4
print(x.a, x.a2, x.z, x.__dict__, A5.__mro__[1].__name__)
print(attempt(lambda: type('Bad', (A2, B), {})))


class Dd:
    __slots__ = {'p': 'doc of p', 'q': None}


print(Dd.p.__doc__, Dd.__slots__, sorted(k for k in Dd.__dict__ if not k.startswith('__')))


class St:
    __slots__ = 'abc'


s = St()
s.abc = 1
print(list(St.__dict__), s.abc)


class W:
    __slots__ = ('__weakref__', '__dict__', 'v')


w = W()
w.k = 1
w.v = 2
wr = weakref.ref(w)
print(w.__dict__, list(W.__dict__), w.__weakref__ is wr)


# __class__ assignment
class U:
    __slots__ = ('a',)


class U2:
    __slots__ = ('a',)


u = U()
u.a = 9
print(attempt(lambda: setattr(u, '__class__', C)))
u.__class__ = U2
print(type(u).__name__, u.a)


class P1:
    pass


class P2:
    pass


p = P1()
p.__class__ = P2
print(type(p).__name__, attempt(lambda: setattr(p, '__class__', U)))


# copy and pickle
class Pt:
    __slots__ = ('x', 'y', '__weakref__')

    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return f"Pt({getattr(self, 'x', '?')}, {getattr(self, 'y', '?')})"


class Pt3(Pt):
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


pt = Pt(1, [2])
print(pt.__getstate__(), pt.__reduce_ex__(2)[2])
c1 = copy.copy(pt)
c2 = copy.deepcopy(pt)
print(c1, c2, c1.y is pt.y, c2.y is pt.y)
half = Pt(1, 2)
del half.y
print(copy.copy(half), half.__getstate__())
p3 = Pt3(1, 2, 3)
print(p3.__getstate__(), copy.copy(p3).z)
for proto in range(2, pickle.HIGHEST_PROTOCOL + 1):
    q = pickle.loads(pickle.dumps(p3, proto))
    print(proto, q, q.z, type(q).__name__)
print(attempt(lambda: pickle.dumps(pt, 0)))


# slots and __getattr__ / properties / inheritance of values
class G:
    __slots__ = ('v',)

    def __getattr__(self, name):
        return f"missing {name}"


g = G()
print(g.v, g.other)
g.v = 1
print(g.v)


def loop():
    obj = Pt(0, 0)
    total = 0
    for i in range(1000):
        obj.x = i
        total += obj.x
    return total


print(loop())
print(sys.getrecursionlimit() > 0)
class B:
    y = 0
    __slots__ = ('z',)
class C:
    y = 0
for f in [lambda: setattr(1, 'x', 2), lambda: delattr(1, 'x'), lambda: setattr(1, 'real', 2), lambda: delattr(1, 'real'),
          lambda: setattr(B(), 'y', 1), lambda: delattr(B(), 'y'), lambda: delattr(C(), 'y'), lambda: delattr(B(), 'q'),
          lambda: setattr(object(), 'x', 1), lambda: setattr(object(), '__doc__', 1), lambda: delattr(B(), 'z')]:
    try: f(); print('ok')
    except Exception as e: print(type(e).__name__, e)
