# __call__, __getattr__ on dunders (not used for implicit lookup), special method lookup on type, __del__ not relied upon.
class C:
    def __call__(self, *a, **k):
        return ("called", a, k)
c = C()
print(c(1, x=2), C.__call__(c), callable(c))
c.__call__ = lambda: "instance attr ignored"
print(c())
class Dyn:
    def __getattr__(self, name):
        if name == "__len__":
            return lambda: 99
        raise AttributeError(name)
d = Dyn()
print(d.__len__())
try:
    len(d)
except TypeError as e:
    print("TypeError", e)
class Lenny:
    pass
obj = Lenny()
obj.__len__ = lambda: 5
try:
    len(obj)
except TypeError as e:
    print("TypeError", e)
Lenny.__len__ = lambda self: 7
print(len(obj))
class Iter:
    def __init__(self):
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.i += 1
        if self.i > 3:
            raise StopIteration
        return self.i
print(list(Iter()), next(Iter()), [x for x in Iter()])
class Hashable:
    def __hash__(self):
        return 1
    def __eq__(self, o):
        return isinstance(o, Hashable)
print(len({Hashable(), Hashable()}), Hashable() in {Hashable(): 1})
class ClassGetitem:
    def __class_getitem__(cls, k):
        return (cls.__name__, k)
    def __getitem__(self, k):
        return ("instance", k)
print(ClassGetitem[1], ClassGetitem()[1])
class Ctx:
    def __enter__(self):
        return "entered"
    def __exit__(self, *a):
        return False
with Ctx() as v:
    print(v)
class Neg:
    def __neg__(self):
        return NotImplemented
print(-Neg())
class OrderOfOps:
    def __init__(self, name):
        self.name = name
    def __add__(self, o):
        print("add", self.name, o.name)
        return OrderOfOps(self.name + o.name)
    def __mul__(self, o):
        print("mul", self.name, o.name)
        return OrderOfOps(self.name + "*" + o.name)
a, b, cc = OrderOfOps("a"), OrderOfOps("b"), OrderOfOps("c")
print((a + b * cc).name)
class Sized:
    def __len__(self):
        return 3
print(len(Sized()), bool(Sized()), Sized().__len__())
print(type(c).__call__ is C.__call__, hasattr(C, "__call__"), hasattr(5, "__call__"))
