# property/classmethod/staticmethod/super/member/getset descriptors: attributes and errors.
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

class A:
    @property
    def x(self):
        "x doc"
        return 1
    y = property()
    @property
    def z(self):
        return self._z
    @z.setter
    def z(self, v):
        self._z = v * 2
    @z.deleter
    def z(self):
        del self._z
a = A()
print(A.x.__doc__, A.y.__doc__, A.x.fget.__name__, A.y.fget, A.x.fset, A.x.__isabstractmethod__)
a.z = 5
print(a.z, A.z.fset.__name__, A.z.fdel.__name__)
del a.z
show(lambda: a.z)
show(lambda: setattr(a, "x", 1))
show(lambda: delattr(a, "x"))
show(lambda: a.y)
show(lambda: A.x.__set__(a, 1))
show(lambda: A.x.__delete__(a))
show(lambda: A.x.__get__(None, None))
print(A.x.__get__(a), A.x.__get__(None, A) is A.x)
p = property(lambda s: "got", doc="explicit")
print(p.__doc__, p.getter(lambda s: 0).__doc__, p.setter(lambda s, v: 0).__doc__)
def getter(self):
    "getter doc"
print(property(getter).__doc__, property(getter).getter(lambda s: 1).__doc__)
class D:
    pass
D.w = property(lambda s: 1)
show(lambda: setattr(D(), "w", 5))
show(lambda: delattr(D(), "w"))
class P(property):
    pass
pp = P(getter)
print(type(pp).__name__, pp.__doc__, type(pp.setter(getter)).__name__)
class LoudProperty(property):
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return ("loud", super().__get__(obj, objtype))
class E:
    v = LoudProperty(lambda self: 42)
print(E().v, type(E.v).__name__)
class Abstract:
    def m(self):
        pass
    m.__isabstractmethod__ = True
    ap = property(m)
print(Abstract.ap.__isabstractmethod__, staticmethod(Abstract.m).__isabstractmethod__, classmethod(len).__isabstractmethod__)

def func(x):
    "func doc"
    return x
cm = classmethod(func)
sm = staticmethod(func)
print(cm.__func__ is func, cm.__wrapped__ is func, cm.__doc__, cm.__name__, cm.__qualname__, sorted(cm.__dict__))
print(sm.__func__ is func, sm(7), sm.__doc__, sm.__name__, callable(sm))
print(repr(classmethod(len)), repr(staticmethod(len)))
print(cm.__get__(None, int)(), cm.__get__(3)(), sm.__get__(None, int)(9))
show(lambda: cm.__get__(None, None))
show(lambda: cm.__get__(None))
show(lambda: classmethod())
show(lambda: staticmethod(1, 2))
show(lambda: classmethod(func, x=1))
cm.extra = 1
print(cm.extra)

class Base:
    def who(self):
        return "Base"
    @classmethod
    def cwho(cls):
        return "Base.cwho " + cls.__name__
class Mid(Base):
    def who(self):
        return "Mid>" + super().who()
    @classmethod
    def cwho(cls):
        return "Mid>" + super().cwho()
class Leaf(Mid):
    def who(self):
        return "Leaf>" + super(Leaf, self).who()
    def explicit(self):
        return super(Mid, self).who()
leaf = Leaf()
print(leaf.who(), leaf.explicit(), Leaf.cwho(), Mid.cwho())
s = super(Leaf, leaf)
print(repr(s), s.__thisclass__.__name__, s.__self__ is leaf, s.__self_class__.__name__)
print(repr(super(Leaf, Leaf)), super(Leaf, Leaf).__self__ is Leaf, super(Leaf, Leaf).who(leaf))
u = super(Leaf)
print(repr(u), u.__self__, u.__self_class__)
print(u.__get__(leaf).who(), u.__get__(None, Leaf) is u)
show(lambda: super())
show(lambda: super(Leaf, 1))
show(lambda: super(1, leaf))
show(lambda: super(Leaf, leaf, 1))
show(lambda: super(type=Leaf))
def no_class(self):
    return super()
show(lambda: no_class(leaf))
class Sneaky(Base):
    def who(self):
        self = 5
        return super().who()
show(lambda: Sneaky().who())
class NewStyle:
    def __new__(cls, *args):
        obj = super().__new__(cls)
        obj.args = args
        return obj
    def __init_subclass__(cls, **kw):
        super().__init_subclass__()
        cls.tagged = kw.get("tag")
class Sub(NewStyle, tag="t"):
    pass
print(NewStyle(1, 2).args, Sub.tagged)
class Gen(Base):
    def who(self):
        return [super().who()] * 2
    def gen(self):
        yield super().who()
print(Gen().who(), list(Gen().gen()))

class Slotted:
    __slots__ = ("a", "b")
sl = Slotted()
sl.a = 1
print(repr(Slotted.a), Slotted.a.__name__, Slotted.a.__objclass__.__name__, Slotted.a.__qualname__, Slotted.a.__get__(sl))
show(lambda: sl.b)
show(lambda: Slotted.a.__get__(1))
show(lambda: Slotted.a.__set__(1, 2))
show(lambda: setattr(sl, "c", 1))
Slotted.b.__set__(sl, 2)
print(sl.b, Slotted.b.__get__(None, Slotted) is Slotted.b)
del sl.b
show(lambda: sl.b)
gs = type(func).__dict__["__name__"]
print(repr(gs), gs.__name__, gs.__objclass__.__name__, gs.__qualname__, type(gs).__name__, gs.__get__(func))
gs.__set__(func, "newname")
print(func.__name__)
show(lambda: gs.__get__(1))
show(lambda: gs.__set__(func, 1))
show(lambda: setattr(int, "__mro__", ()))
