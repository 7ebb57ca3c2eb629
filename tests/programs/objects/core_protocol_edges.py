# Edge cases of the core protocols that CPython's test_list, test_tuple, test_class and
# test_iter check: comparisons that mutate the lists they compare, `seq * 1` identity,
# keywords for subclasses with their own __new__/__init__, __itemsize__, object.__init__'s
# messages, a comparison method whose binding raises, a callable iterator exhausted
# re-entrantly, and global lookups in namespaces with non-str keys.
import builtins


class X:
    def __eq__(self, other):
        list2.clear()
        return NotImplemented


class Y:
    def __eq__(self, other):
        list1.clear()
        return NotImplemented


class Z:
    def __eq__(self, other):
        list3.clear()
        return NotImplemented


list1, list2 = [X()], [Y()]
print(list1 == list2, list1, list2)
list3, list4 = [Z()], [1]
print(list3 == list4, list3 < list4, [1, 2] < [1, 3], (1, 2) >= (1,), [] == [])

s = (1, 2)
print(s * 1 is s, "ab" * 1, [1] * 1 is not [1], () * 5, (s * 0) == ())


class L(list):
    def __new__(cls, seq, newarg=None):
        self = super().__new__(cls, seq)
        self.newarg = newarg
        return self


class T(tuple):
    def __init__(self, seq, newarg=None):
        self.newarg = newarg


print(L([1, 2], newarg=3), L([1], newarg=3).newarg, T([1, 2], newarg=4), T([5], newarg=6).newarg)
for f in (lambda: list(sequence=()), lambda: tuple(sequence=()), lambda: L.__init__(L([]), [], bad=1)):
    try:
        f()
    except TypeError as e:
        print("TypeError:", e)
print(tuple.__itemsize__, int.__itemsize__, bytes.__itemsize__, list.__itemsize__, T.__itemsize__)


class C:
    pass


for f in (lambda: C(42), lambda: C().__init__(42), lambda: object.__init__(C(), 42), lambda: C.__new__(C, 42)):
    try:
        f()
    except TypeError as e:
        print("TypeError:", e)


def booh(self):
    raise AttributeError("booh")


class E:
    __eq__ = property(booh)


e = E()
print(E() == E(), e == e, e != E())

HAS_MORE, NO_MORE = 1, 2


def spam():
    if spam.recursive:
        return NO_MORE
    spam.recursive = True
    list(spam.iterator)
    return HAS_MORE


spam.recursive = False
spam.iterator = iter(spam, NO_MORE)
try:
    print(next(spam.iterator))
except StopIteration:
    print("StopIteration")


class Sentinel:
    def __eq__(self, other):
        print("sentinel compared with", other)
        return other == 3


counter = iter([1, 2, 3, 4]).__next__
print(list(iter(counter, Sentinel())))


class KeyLike:
    def __init__(self, name):
        self.name = name

    def __hash__(self):
        return hash(self.name)

    def __eq__(self, other):
        print("KeyLike compared")
        return other == self.name


def call_len():
    return len([1, 2])


saved = builtins.len
del builtins.__dict__["len"]
builtins.__dict__[KeyLike("len")] = saved
try:
    print(call_len())
finally:
    del builtins.__dict__["len"]
    builtins.len = saved
print(call_len())
