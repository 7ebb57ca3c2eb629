# Attributes of functions, bound methods, builtin callables, cells and code objects.
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

def f(a, b=2, *args, c, d=4, **kw):
    "f's doc"
    return a
print(f.__name__, f.__qualname__, f.__doc__, f.__module__, f.__defaults__, f.__kwdefaults__)
print(f.__closure__, f.__annotations__, type(f.__globals__).__name__, f.__globals__ is globals())
print(f.__code__.co_name, f.__code__.co_argcount, f.__code__.co_kwonlyargcount, f.__code__.co_varnames)
print(f.__code__.co_flags & 0xF, f.__code__.co_posonlyargcount, f.__code__.co_nlocals)
f.__name__ = "renamed"
f.__qualname__ = "Q.renamed"
print(f.__name__, f.__qualname__, repr(f).startswith("<function Q.renamed at 0x"))
for attr, value in [("__name__", 1), ("__qualname__", None), ("__defaults__", [1]), ("__kwdefaults__", 1),
                    ("__annotations__", 1), ("__code__", 1), ("__globals__", {}), ("__closure__", None)]:
    try:
        setattr(f, attr, value)
        print("set", attr)
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
for attr in ["__name__", "__defaults__", "__kwdefaults__", "__doc__", "__annotations__", "__module__", "__code__", "__globals__"]:
    try:
        delattr(f, attr)
        print("del", attr, getattr(f, attr))
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)

def g(x, y=1):
    return x + y
g.__defaults__ = (10,)
print(g(1))
g.__defaults__ = None
show(lambda: g(1))
def kwonly(*, k=1):
    return k
kwonly.__kwdefaults__ = {"k": 5}
print(kwonly())
g.attr = "value"
print(g.attr, g.__dict__)
g.__dict__ = {"other": 1}
print(g.other, hasattr(g, "attr"))
show(lambda: setattr(g, "__dict__", 5))
g.__annotations__ = {"x": int}
print(g.__annotations__)

def outer():
    v = 1
    def inner():
        return v
    return inner
inner = outer()
cell = inner.__closure__[0]
print(type(cell).__name__, cell.cell_contents, inner.__code__.co_freevars, outer.__code__.co_cellvars)
cell.cell_contents = 99
print(inner())
del cell.cell_contents
show(lambda: cell.cell_contents)
show(inner)
print(repr(cell).endswith(": empty>"))
CellType = type(cell)
c1, c2, empty = CellType(1), CellType(2), CellType()
print(c1 < c2, c1 == CellType(1), empty < c1, empty == CellType(), c2 >= c1)
show(lambda: hash(c1))
show(lambda: CellType(1, 2))

class A:
    def m(self, x):
        "m doc"
        return (self.__class__.__name__, x)
    @classmethod
    def c(cls):
        return cls.__name__
a = A()
bm = a.m
print(bm(1), bm.__self__ is a, bm.__func__ is A.m, bm.__name__, bm.__qualname__, bm.__doc__, bm.__module__)
print(bm == a.m, bm == A().m, bm != a.m, hash(bm) == hash(a.m), type(bm).__name__)
print(repr(A.c).startswith("<bound method A.c of <class"), A.c(), A.c.__self__ is A)
A.m.tag = "t"
print(bm.tag)
show(lambda: setattr(bm, "tag", 1))
show(lambda: bm.missing)
MethodType = type(bm)
print(MethodType(lambda self: self, 5)())
show(lambda: MethodType(1, 2))
show(lambda: MethodType(len, None))
print(A.m.__get__(a)(2), A.m.__get__(None, A) is A.m, A.__dict__["c"].__get__(None, A)())
show(lambda: A.m.__get__(None, None))
print(bm.__get__(A())(3)[0])

print(len.__name__, len.__qualname__, len.__module__, len.__self__.__name__, len.__text_signature__)
print(repr(len), repr(print), type(len).__name__)
print([].append.__name__, [].append.__qualname__, [].append.__self__, [].append.__text_signature__)
print(repr(list.append), type(list.append).__name__, list.append.__qualname__, list.append.__objclass__)
print(repr([].append).startswith("<built-in method append of list object at 0x"))
print(type(dict.__dict__["fromkeys"]).__name__, dict.fromkeys.__self__, dict.fromkeys.__qualname__)
print(repr(dict.__dict__["fromkeys"]))
print(list.append.__get__([1])(2), list.append.__get__(None, list) is list.append)
show(lambda: list.append.__get__(5))
show(lambda: list.append.__get__(None, None))
show(lambda: dict.__dict__["fromkeys"].__get__(None, int))
print(len == len, [].append == [].append, hash(len) == hash(len), len.__call__([1, 2]))
x = []
print(x.append == x.append, x.append.__self__ is x)
print(hasattr(len, "__get__"), hasattr(list.append, "__get__"))
print(sorted.__text_signature__, chr.__text_signature__, max.__text_signature__)
print(type(None)(), type(NotImplemented)(), type(...)(), None.__repr__(), NotImplemented.__repr__())
show(lambda: type(None)(1))
show(lambda: type(...)(x=1))
print(type(None).__name__, type(NotImplemented).__name__, type(...).__name__, None.__bool__())
print(type(object.__init__).__name__, type(object().__str__).__name__, repr(object.__init__), repr(int.__add__))
print(repr(object().__str__).startswith("<method-wrapper '__str__' of object object at 0x"), type(list.__getitem__).__name__, type(list.__len__).__name__)
print(type(dict.__contains__).__name__, type(str.__contains__).__name__, int.__add__(2, 3), (5).__add__.__self__, object.__init__.__objclass__)
print(int.__add__.__qualname__, (5).__add__.__name__, (5).__add__ == (5).__add__)
