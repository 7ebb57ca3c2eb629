# Attribute lookup order: instance dict, class, bases, __getattr__; class variables shadowing; mutation visibility.
class Base:
    shared = ["base"]
    x = "Base.x"
    def get(self):
        return "Base.get"
class Child(Base):
    x = "Child.x"
c = Child()
print(c.x, c.shared, c.get())
c.x = "instance x"
print(c.x, Child.x, Base.x)
del c.x
print(c.x)
c.get = lambda: "instance get"
print(c.get(), Child().get())
Base.shared.append("mutated")
print(Child.shared, c.shared)
Child.shared = ["child own"]
print(Child.shared, Base.shared)
Base.new_method = lambda self: "added later"
print(c.new_method())
class Desc:
    def __get__(self, obj, typ):
        return "desc"
class HasDesc:
    d = Desc()
h = HasDesc()
h.__dict__["d"] = "inst"
print(h.d)
class DataDesc:
    def __get__(self, obj, typ):
        return "data desc"
    def __set__(self, obj, v):
        pass
class HasData:
    d = DataDesc()
hd = HasData()
hd.__dict__["d"] = "inst"
print(hd.d)
class WithGetattr:
    cls_attr = "class"
    def __getattr__(self, n):
        return "getattr:" + n
wg = WithGetattr()
wg.inst = "instance"
print(wg.inst, wg.cls_attr, wg.missing)
print(type.__getattribute__(Child, "x"), object.__getattribute__(c, "x"))
class Counter:
    n = 0
    def __init__(self):
        type(self).n += 1
class SubCounter(Counter):
    pass
Counter(); Counter(); SubCounter()
print(Counter.n, SubCounter.n)
class Method:
    def m(self):
        return self
mm = Method()
print(mm.m() is mm, Method.m(mm) is mm, Method.__dict__["m"].__get__(mm, Method)() is mm)
try:
    Method.__dict__["m"].__get__(None, Method)()
except TypeError as e:
    print("TypeError", e)
