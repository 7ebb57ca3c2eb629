# Properties overridden in subclasses, property.getter/setter copying, descriptors on metaclasses.
class Base:
    def __init__(self):
        self._v = 1
    @property
    def v(self):
        return self._v
    @v.setter
    def v(self, val):
        self._v = val
class Child(Base):
    @Base.v.getter
    def v(self):
        return self._v * 100
c = Child()
c.v = 3
print(c.v, Base.v is Child.v, Base.v.fset is Child.v.fset)
class ReadOnlyChild(Base):
    v = property(Base.v.fget)
r = ReadOnlyChild()
try:
    r.v = 5
except AttributeError as e:
    print("AttributeError", e)
class Meta(type):
    @property
    def kind(cls):
        return "meta-prop of " + cls.__name__
class WithMeta(metaclass=Meta):
    pass
print(WithMeta.kind)
try:
    WithMeta().kind
except AttributeError as e:
    print("AttributeError", e)
class Counter:
    def __init__(self):
        self.reads = 0
    def _get(self):
        self.reads += 1
        return self.reads
    count = property(_get)
cc = Counter()
print(cc.count, cc.count, cc.reads)
p1 = property()
class Empty:
    x = p1
try:
    Empty().x
except AttributeError as e:
    print("AttributeError", e)
class Deleter:
    def __init__(self):
        self.data = {"k": 1}
    k = property(lambda self: self.data["k"], None, lambda self: self.data.pop("k"))
dd = Deleter()
del dd.k
print(dd.data)
try:
    dd.k
except KeyError as e:
    print("KeyError", e)
class PropErr:
    @property
    def bad(self):
        raise AttributeError("inner attribute missing")
    def __getattr__(self, name):
        return "getattr fallback for " + name
print(PropErr().bad)
class PropTypeErr:
    @property
    def bad(self):
        raise ValueError("boom")
    def __getattr__(self, name):
        return "fallback"
try:
    PropTypeErr().bad
except ValueError as e:
    print("ValueError", e)
