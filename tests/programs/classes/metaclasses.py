# Metaclasses: __new__, __init__, __prepare__, __call__, class creation via type().
class OrderedMeta(type):
    @classmethod
    def __prepare__(mcs, name, bases, **kw):
        print("prepare", name, kw)
        return {"injected": 1}
    def __new__(mcs, name, bases, ns, **kw):
        print("meta new", name, [b.__name__ for b in bases], sorted(k for k in ns if not k.startswith("__")))
        cls = super().__new__(mcs, name, bases, ns)
        cls.created_by = mcs.__name__
        return cls
    def __init__(cls, name, bases, ns, **kw):
        print("meta init", name)
        super().__init__(name, bases, ns)
    def __call__(cls, *args, **kwargs):
        print("meta call", cls.__name__, args)
        return super().__call__(*args, **kwargs)
class Base(metaclass=OrderedMeta, flag=True):
    x = 1
    def method(self):
        return "m"
class Derived(Base):
    y = 2
    def __init__(self, v):
        self.v = v
print(Base.injected, Derived.created_by, type(Base).__name__, type(Derived).__name__)
d = Derived(7)
print(d.v, isinstance(d, Base), isinstance(Derived, OrderedMeta))
Point = type("Point", (), {"x": 0, "dist": lambda self: abs(self.x)})
p = Point()
p.x = -3
print(Point.__name__, p.dist(), type(Point).__name__, Point.__bases__)
Sub = type("Sub", (Point,), {})
print(Sub.__mro__ == (Sub, Point, object), Sub().dist())
try:
    type("X", (), 5)
except TypeError as e:
    print("TypeError", e)
print(type(5) is int, type("a", (), {}).__name__)
class Registry(type):
    classes = []
    def __new__(mcs, name, bases, ns):
        cls = super().__new__(mcs, name, bases, ns)
        mcs.classes.append(name)
        return cls
class A(metaclass=Registry):
    pass
class B(A):
    pass
print(Registry.classes)
class M1(type):
    pass
class M2(type):
    pass
class C1(metaclass=M1):
    pass
class C2(metaclass=M2):
    pass
try:
    class C3(C1, C2):
        pass
except TypeError as e:
    print("TypeError", e)
class AttrMeta(type):
    def __getattr__(cls, name):
        return f"meta-attr:{name}"
    def __len__(cls):
        return 99
    def __repr__(cls):
        return f"<class {cls.__name__} via AttrMeta>"
class WithAttrMeta(metaclass=AttrMeta):
    real = 1
print(WithAttrMeta.real, WithAttrMeta.virtual, len(WithAttrMeta), repr(WithAttrMeta))
try:
    WithAttrMeta().virtual
except AttributeError as e:
    print("AttributeError", e)
class MetaWithKw(type):
    def __new__(mcs, name, bases, ns, *, tag="none"):
        cls = super().__new__(mcs, name, bases, ns)
        cls.tag = tag
        return cls
    def __init__(cls, name, bases, ns, **kw):
        super().__init__(name, bases, ns)
class Tagged(metaclass=MetaWithKw, tag="hot"):
    pass
print(Tagged.tag)
print(type.__name__, type(type).__name__, isinstance(type, type), type.__mro__)
