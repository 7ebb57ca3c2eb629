# Data vs non-data descriptor precedence relative to the instance __dict__.
log = []
class NonData:
    def __get__(self, obj, objtype=None):
        log.append(("nd get", obj is None, objtype.__name__))
        return "nondata"
class Data:
    def __get__(self, obj, objtype=None):
        log.append(("d get", obj is None, objtype.__name__))
        return "data"
    def __set__(self, obj, value):
        log.append(("d set", value))
class SetOnly:
    def __set__(self, obj, value):
        obj.__dict__["so"] = value * 2
class DeleteOnly:
    def __delete__(self, obj):
        log.append("deleted")
class Host:
    nd = NonData()
    d = Data()
    so = SetOnly()
    do = DeleteOnly()
h = Host()
print(h.nd, h.d, Host.nd, Host.d)
h.__dict__["nd"] = "inst-nd"
h.__dict__["d"] = "inst-d"
print(h.nd, h.d)
h.nd = "assigned"
h.d = "assigned-d"
print(h.__dict__, h.nd, h.d)
h.so = 5
print(h.__dict__.get("so"), h.so)
print(type(Host.__dict__["so"]).__name__, isinstance(h.so, int))
del h.do
try:
    del h.d
except AttributeError as e:
    print("AttributeError", e)
try:
    h.do = 1
except AttributeError as e:
    print("AttributeError", e)
print(log)
class Sub(Host):
    nd = "plain class attr"
print(Sub().nd, Sub().d)
class Validated:
    def __init__(self, kind):
        self.kind = kind
    def __set_name__(self, owner, name):
        self.private = "_" + name
    def __get__(self, obj, typ=None):
        if obj is None:
            return self
        return getattr(obj, self.private)
    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.private[1:]} must be {self.kind.__name__}, got {type(value).__name__}")
        setattr(obj, self.private, value)
class Person:
    name = Validated(str)
    age = Validated(int)
    def __init__(self, name, age):
        self.name = name
        self.age = age
p = Person("Ann", 30)
print(p.name, p.age, sorted(vars(p)))
try:
    p.age = "old"
except TypeError as e:
    print("TypeError", e)
try:
    Person(5, 5)
except TypeError as e:
    print("TypeError", e)
print(type(Person.name).__name__, Person.name.kind.__name__)
