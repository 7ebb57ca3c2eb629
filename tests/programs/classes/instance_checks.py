# isinstance/issubclass with tuples, __instancecheck__/__subclasscheck__, errors.
class A: pass
class B(A): pass
class C: pass
b = B()
print(isinstance(b, A), isinstance(b, (C, A)), isinstance(b, (C, (int, B))), isinstance(b, ()), isinstance(1, (str, int)))
print(issubclass(B, A), issubclass(B, (C, A)), issubclass(A, B), issubclass(A, A), issubclass(bool, (int,)), issubclass(B, object))
for args in [(b, 5), (b, (A, 5)), (5, int)]:
    try:
        print(isinstance(*args))
    except TypeError as e:
        print("TypeError", e)
try:
    issubclass(b, A)
except TypeError as e:
    print("TypeError", e)
try:
    issubclass(B, b)
except TypeError as e:
    print("TypeError", e)
class EvenMeta(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, int) and obj % 2 == 0
    def __subclasscheck__(cls, sub):
        return sub in (int, bool)
class Even(metaclass=EvenMeta):
    pass
print(isinstance(4, Even), isinstance(3, Even), isinstance("x", Even), issubclass(int, Even), issubclass(str, Even))
print(isinstance(Even(), Even))
print(isinstance(True, int), isinstance(1, bool), isinstance(None, type(None)), isinstance(int, type), isinstance(type, type))
print(isinstance([], (list, tuple)), isinstance({}, dict), isinstance(object(), object), isinstance(A, object))
class Proxy:
    def __init__(self, target):
        self._t = target
    @property
    def __class__(self):
        return type(self._t)
pr = Proxy([1])
print(isinstance(pr, list), type(pr).__name__, pr.__class__.__name__)
print(issubclass(list, object), issubclass(type, object), issubclass(object, type))
print(type(b) == B, type(b) == A, B.__subclasses__() == [], [c.__name__ for c in A.__subclasses__()])
