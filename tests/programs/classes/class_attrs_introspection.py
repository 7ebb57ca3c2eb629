# Class introspection: __name__, __qualname__, __module__, __dict__ contents, dir() membership, __doc__.
class Outer:
    """Outer doc."""
    attr = 1
    class Inner:
        pass
    def meth(self):
        pass
    @staticmethod
    def smeth():
        pass
    @classmethod
    def cmeth(cls):
        pass
print(Outer.__name__, Outer.__qualname__, Outer.Inner.__qualname__, Outer.meth.__qualname__, Outer.__doc__)
print(type(Outer.__dict__).__name__, "attr" in Outer.__dict__, "meth" in Outer.__dict__, "__init__" in Outer.__dict__)
try:
    Outer.__dict__["new"] = 1
except TypeError as e:
    print("TypeError", e)
o = Outer()
print([n for n in ("attr", "meth", "smeth", "cmeth", "Inner", "__class__", "__dict__", "__init__", "__repr__") if n in dir(o)])
print(sorted(n for n in dir(Outer) if not n.startswith("_")))
class WithDir:
    def __dir__(self):
        return ["b", "a", "c"]
print(dir(WithDir()))
print(Outer.__module__, Outer.meth.__module__, o.__module__, Outer.__bases__, Outer.__mro__)
print(hasattr(o, "__weakref__"), hasattr(Outer, "__slots__"), Outer.__class__.__name__)
print(getattr(Outer, "attr"), getattr(o, "meth").__name__, getattr(Outer, "missing", None))
class Base:
    def who(self):
        return "base"
class Kid(Base):
    pass
print("who" in dir(Kid), "who" in Kid.__dict__, "who" in Base.__dict__, Kid.who is Base.who)
Kid.who = lambda self: "kid"
print(Kid().who(), Base().who())
del Kid.who
print(Kid().who())
try:
    del Kid.who
except AttributeError as e:
    print("AttributeError", e)
try:
    o.__class__ = Kid
except TypeError as e:
    print("TypeError", e)
class A1:
    pass
class A2:
    def hi(self):
        return "A2"
x = A1()
x.__class__ = A2
print(type(x).__name__, x.hi())
try:
    x.__class__ = int
except TypeError as e:
    print("TypeError", e)
