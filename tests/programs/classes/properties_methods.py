# property getter/setter/deleter, classmethod, staticmethod, alternative constructors.
class Temp:
    def __init__(self, c):
        self._c = c
    @property
    def celsius(self):
        "The temperature."
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("below absolute zero")
        self._c = v
    @celsius.deleter
    def celsius(self):
        print("deleting")
        del self._c
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
    @classmethod
    def from_f(cls, f):
        return cls((f - 32) * 5 / 9)
    @staticmethod
    def valid(v):
        return v >= -273.15
t = Temp(25)
print(t.celsius, t.fahrenheit)
t.celsius = 100
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError", e)
try:
    t.fahrenheit = 5
except AttributeError as e:
    print("AttributeError", e)
del t.celsius
try:
    t.celsius
except AttributeError as e:
    print("AttributeError", e)
try:
    del t.fahrenheit
except AttributeError as e:
    print("AttributeError", e)
print(Temp.from_f(212).celsius, Temp.valid(-500), t.valid(0), type(Temp.from_f(32)).__name__)
print(type(Temp.celsius).__name__, Temp.celsius.__doc__, Temp.celsius.fget.__name__, Temp.fahrenheit.fset)
class Sub(Temp):
    pass
print(type(Sub.from_f(50)).__name__)
class Meta:
    @classmethod
    def who(cls):
        return cls.__name__
    @staticmethod
    def plain(*a):
        return a
class Child(Meta):
    pass
print(Meta.who(), Child.who(), Child().who(), Meta.plain(1), Meta().plain(1, 2))
print(type(Meta.__dict__["who"]).__name__, type(Meta.__dict__["plain"]).__name__, type(Meta.who).__name__, type(Meta.plain).__name__)
p = property(lambda self: "computed")
class Dyn:
    val = p
print(Dyn().val)
class Lazy:
    def __init__(self):
        self.calls = 0
    @property
    def value(self):
        self.calls += 1
        return self.calls
lz = Lazy()
print(lz.value, lz.value, lz.calls)
class ReadOnly:
    x = property(lambda self: 1)
try:
    ReadOnly().x = 2
except AttributeError as e:
    print("AttributeError", e)
class PropOverride:
    @property
    def name(self):
        return "prop"
po = PropOverride()
try:
    po.__dict__["name"] = "inst"
    print(po.name)
except Exception as e:
    print(type(e).__name__, e)
class Getter:
    def get_x(self):
        return self._x
    def set_x(self, v):
        self._x = v * 2
    x = property(get_x, set_x, None, "x doc")
g = Getter()
g.x = 4
print(g.x, Getter.x.__doc__)
