# __get__ with None instance, descriptors assigned after class creation, __set_name__ ordering, __delete__.
class Tracker:
    def __init__(self):
        self.events = []
    def __set_name__(self, owner, name):
        self.events.append(("set_name", owner.__name__, name))
        self.name = name
    def __get__(self, obj, owner):
        self.events.append(("get", obj is not None, owner.__name__))
        return self if obj is None else obj.__dict__.get(self.name, 0)
    def __set__(self, obj, value):
        self.events.append(("set", value))
        obj.__dict__[self.name] = value
    def __delete__(self, obj):
        self.events.append(("delete",))
        obj.__dict__.pop(self.name, None)
t = Tracker()
class Owner:
    a = t
    b = t
o = Owner()
o.a = 5
print(o.a, o.b, Owner.a is t)
del o.a
print(o.a)
class Sub(Owner):
    pass
Sub().a
print(t.events)
t2 = Tracker()
Owner.late = t2
print(t2.events, hasattr(t2, "name"))
t2.__set_name__(Owner, "late")
o.late = 9
print(o.late, t2.events)
class Upper:
    def __set_name__(self, owner, name):
        raise RuntimeError("set_name failed")
try:
    class Fails:
        u = Upper()
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__ if e.__cause__ else None)
class Const:
    def __init__(self, v):
        self.v = v
    def __get__(self, obj, owner=None):
        return self.v
class Math:
    PI = Const(3.14)
    E = Const(2.71)
print(Math.PI, Math().E, getattr(Math, "PI"))
class Typed:
    def __get__(self, obj, owner):
        return (obj is None, owner is Kls)
class Kls:
    t = Typed()
print(Kls.t, Kls().t, Kls.__dict__["t"].__get__(None, Kls))
