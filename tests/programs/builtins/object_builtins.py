# getattr/setattr/hasattr/delattr, callable, isinstance/issubclass, id identity, type (1 and 3 args), vars, dir membership.
class C:
    cls_attr = 1
    def method(self):
        return "m"
c = C()
setattr(c, "x", 10)
print(getattr(c, "x"), getattr(c, "y", "default"), hasattr(c, "x"), hasattr(c, "y"), hasattr(c, "method"), getattr(c, "cls_attr"))
delattr(c, "x")
print(hasattr(c, "x"), vars(c))
try:
    getattr(c, "y")
except AttributeError as e:
    print("AttributeError", e)
try:
    getattr(c, 5)
except TypeError as e:
    print("TypeError", e)
try:
    delattr(c, "nope")
except AttributeError as e:
    print("AttributeError", e)
class Prop:
    @property
    def boom(self):
        raise ValueError("property raised")
try:
    hasattr(Prop(), "boom")
except ValueError as e:
    print("hasattr propagates non-AttributeError:", e)
print(callable(C), callable(c), callable(c.method), callable(print), callable(1), callable(lambda: 0))
a = [1]
b = a
print(id(a) == id(b), id(a) == id([1]), a is b, isinstance(id(a), int))
print(type(c) is C, type(C) is type, type(type) is type, type(1), type("s"), type(None))
T = type("T", (C,), {"extra": 2, "method": lambda self: "overridden"})
t = T()
print(T.__name__, T.__bases__[0].__name__, t.extra, t.cls_attr, t.method(), isinstance(t, C))
try:
    type("T", (), {}, 1)
except TypeError as e:
    print("TypeError", e)
try:
    type()
except TypeError as e:
    print("TypeError", e)
print(sorted(vars(C).keys() - {"__dict__", "__weakref__", "__module__", "__doc__", "__qualname__"}))
print("method" in dir(c), "cls_attr" in dir(C), "__class__" in dir(c), "append" in dir([]), "upper" in dir(""))
print(sorted(n for n in dir(C()) if not n.startswith("__")))
def f():
    local_a = 1
    local_b = 2
    return sorted(locals())
print(f())
print("C" in globals(), "f" in globals(), globals()["C"] is C, type(globals()).__name__)
print(isinstance(5, int), isinstance(5, (str, float)), isinstance(True, int), issubclass(bool, int), issubclass(int, (str, object)))
print(int | str, type(int | str).__name__, isinstance(5, int | str), isinstance(None, int | None), issubclass(bool, int | float))
print(len("abc"), len([1, 2]), len({}), len(range(5)), len(b"xy"), len({1: 2}.keys()))
print(repr("x"), repr(1.5), repr([None]), ascii("naïve"), ascii(["é"]), repr(type))
print(hash("abc") == hash("abc"), hash((1, 2)) == hash((1, 2)), hash(c) == hash(c))
print(chr(97), ord("a"), chr(8364), ord("€"), format(255, "x"), format(0.5, ".0%"))
