# The native _abc module behind abc.ABCMeta: registration, isinstance/issubclass with
# virtual subclasses, __subclasshook__, cache invalidation, abstract methods, _abc_data.
import _abc
import abc
import sys

print(abc._abc_init is _abc._abc_init, abc.ABCMeta.__module__)
print(type(abc.ABC._abc_impl).__module__, type(abc.ABC._abc_impl).__name__)
data_type = type(abc.ABC._abc_impl)
print(data_type.__doc__, hasattr(_abc, "_abc_data"))
fresh = data_type()
print(type(fresh) is data_type)


class A(abc.ABC):
    pass


class B:
    pass


class C(B):
    pass


print(issubclass(B, A), isinstance(B(), A))
tok = abc.get_cache_token()
print(A.register(B) is B)
print(abc.get_cache_token() == tok, abc.get_cache_token() > tok)
print(issubclass(B, A), issubclass(C, A), isinstance(C(), A), isinstance(B(), A))
print(issubclass(int, A), isinstance(3, A))
# register returns the class unchanged when it already is a subclass, and works as a decorator
print(A.register(C) is C)


@A.register
class D:
    pass


print(D.__name__, issubclass(D, A))
# registering a class that is a superclass of the ABC: a cycle
try:
    A.register(object)
except RuntimeError as e:
    print("RuntimeError", e)
print(A.register(A) is A)
try:
    A.register(3)
except TypeError as e:
    print("TypeError", e)

# Negative cache, then invalidation by a registration.
class E:
    pass


print(issubclass(E, A))
reg, cache, neg, ver = _abc._get_dump(A)
print(len(reg), len(neg) >= 1, ver == abc.get_cache_token())
print(sorted(r().__name__ for r in reg))
A.register(E)
print(issubclass(E, A), isinstance(E(), A))
reg, cache, neg, ver = _abc._get_dump(A)
print(len(reg), "E" in {r().__name__ for r in cache}, ver == abc.get_cache_token())
A._abc_caches_clear()
reg, cache, neg, ver = _abc._get_dump(A)
print(len(reg), len(cache), len(neg))
A._abc_registry_clear()
print(len(_abc._get_dump(A)[0]))


# Registration through a chain of ABCs.
class F(abc.ABC):
    pass


class G(F):
    pass


class H:
    pass


G.register(H)
print(issubclass(H, G), issubclass(H, F), isinstance(H(), F))


# __subclasshook__
class Sized(abc.ABC):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is Sized:
            if any("__len__" in k.__dict__ for k in C.__mro__):
                return True
            if any("__nolen__" in k.__dict__ for k in C.__mro__):
                return False
        return NotImplemented


class WithLen:
    def __len__(self):
        return 0


class NoLen:
    __nolen__ = True


print(issubclass(WithLen, Sized), issubclass(list, Sized), issubclass(NoLen, Sized))
Sized.register(NoLen)  # the hook's False wins over the registry
print(issubclass(NoLen, Sized), issubclass(object, Sized))


class BadHook(abc.ABC):
    @classmethod
    def __subclasshook__(cls, C):
        return 1


try:
    issubclass(int, BadHook)
except AssertionError as e:
    print("AssertionError", e)
try:
    issubclass(3, A)
except TypeError as e:
    print("TypeError", e)


# __class__ differing from type(): both are checked
class Liar:
    @property
    def __class__(self):
        return B


print(isinstance(Liar(), A), isinstance(Liar(), B))


# Abstract methods
class Base(abc.ABC):
    @abc.abstractmethod
    def one(self):
        pass

    @property
    @abc.abstractmethod
    def two(self):
        pass

    def three(self):
        pass


print(sorted(Base.__abstractmethods__), type(Base.__abstractmethods__).__name__)
try:
    Base()
except TypeError as e:
    print("TypeError", e)


class Half(Base):
    def one(self):
        return 1


print(sorted(Half.__abstractmethods__))
try:
    Half()
except TypeError as e:
    print("TypeError", e)


class Full(Half):
    two = 2


print(sorted(Full.__abstractmethods__), Full().one(), Full().two)
print(isinstance(Full(), Base), issubclass(Full, Half))
print(abc.ABCMeta.__instancecheck__(Base, Full()))
print(Base.__flags__ & (1 << 20) != 0, Full.__flags__ & (1 << 20) != 0)


class Gone(Base):
    one = None  # not abstract any more


print(sorted(Gone.__abstractmethods__))

# update_abstractmethods after the class was made
class Late(abc.ABC):
    pass


Late.extra = abc.abstractmethod(lambda self: None)
abc.update_abstractmethods(Late)
print(sorted(Late.__abstractmethods__))

# _abc_impl replaced by something else
class Broken(abc.ABC):
    pass


Broken._abc_impl = 42
for f in (lambda: isinstance(1, Broken), lambda: Broken.register(int), lambda: issubclass(int, Broken)):
    try:
        f()
    except TypeError as e:
        print("TypeError", e)

# the helper functions need an ABC
try:
    _abc._get_dump(int)
except AttributeError as e:
    print("AttributeError", e)

# pattern matching flags from collections.abc (the native module sets them)
import collections.abc as cabc


class Seq(cabc.Sequence):
    def __getitem__(self, i):
        return [1, 2][i]

    def __len__(self):
        return 2


class Plain:
    pass


cabc.Mapping.register(Plain)
for subject in (Seq(), Plain()):
    match subject:
        case [x, y]:
            print("sequence", x, y)
        case {}:
            print("mapping")
        case _:
            print("neither")
print(Seq.__flags__ & (1 << 5) != 0, Plain.__flags__ & (1 << 6) != 0)
print("__abc_tpflags__" in cabc.Sequence.__dict__)
try:
    class Both(abc.ABC):
        __abc_tpflags__ = (1 << 5) | (1 << 6)
except TypeError as e:
    print("TypeError", e)
print(isinstance([], cabc.Sequence), isinstance({}, cabc.Mapping), isinstance(3, cabc.Hashable))
print(issubclass(bytes, cabc.ByteString), isinstance(iter([]), cabc.Iterator))
print(abc.ABCMeta.__subclasscheck__(cabc.Iterable, dict))
