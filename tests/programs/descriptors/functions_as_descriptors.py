# Functions, staticmethod, classmethod and property via the descriptor protocol directly.
class C:
    def f(self, x):
        return ("f", type(self).__name__, x)
    @staticmethod
    def s(x):
        return ("s", x)
    @classmethod
    def c(cls, x):
        return ("c", cls.__name__, x)
obj = C()
f = C.__dict__["f"]
print(type(f).__name__, f.__get__(obj, C)(1), f.__get__(obj)(2), f.__get__(None, C) is f)
s = C.__dict__["s"]
print(type(s).__name__, s.__get__(obj, C)(3), s.__func__(4), s.__get__(None, C)(5))
c = C.__dict__["c"]
print(type(c).__name__, c.__get__(obj, C)(6), c.__get__(None, C)(7), c.__func__(C, 8))
class D(C):
    pass
print(D.c(9), D().c(10), D.s(11))
def standalone(self):
    return "bound to " + type(self).__name__
bound = standalone.__get__(obj, C)
print(bound(), type(bound).__name__, bound.__self__ is obj, bound.__func__ is standalone)
obj.inst_func = standalone
try:
    obj.inst_func()
except TypeError as e:
    print("TypeError", e)
print(obj.inst_func(obj))
C.late = standalone
print(obj.late())
print(len.__get__ if hasattr(len, "__get__") else "builtin functions are not descriptors")
prop = property(lambda self: "got")
print(prop.__get__(obj, C), prop.__get__(None, C) is prop)
try:
    prop.__set__(obj, 1)
except AttributeError as e:
    print("AttributeError", e)
sm = staticmethod(lambda: "sm-called")
print(sm.__get__(None, C)(), callable(sm))
cm = classmethod(lambda cls: cls.__name__)
print(cm.__get__(None, D)(), cm.__get__(obj)())
class CallableClassAttr:
    def __call__(self, *a):
        return ("callable instance", len(a))
class Host:
    attr = CallableClassAttr()
print(Host().attr(), Host.attr())
class MethodCache:
    def __init__(self, fn):
        self.fn = fn
        self.name = fn.__name__
    def __get__(self, obj, typ=None):
        if obj is None:
            return self
        value = self.fn(obj)
        obj.__dict__[self.name] = value
        return value
class Lazy:
    calls = 0
    @MethodCache
    def expensive(self):
        Lazy.calls += 1
        return 42
lz = Lazy()
print(lz.expensive, lz.expensive, Lazy.calls, "expensive" in vars(lz), type(Lazy.expensive).__name__)
