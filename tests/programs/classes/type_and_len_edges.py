# type() with an OrderedDict namespace keeps its iteration order; type names with a null
# character are refused; a metaclass data descriptor without __get__ does not hide the
# class's own attribute; a huge negative __len__ is a ValueError; bool(NotImplemented)
# warns (DeprecationWarning) and is true.
import collections
import sys
import warnings

od = collections.OrderedDict([("a", 1), ("b", 2)])
od.move_to_end("a")
C = type("C", (), od)
print(list(C.__dict__.items())[:2])


class D(dict):
    def __getitem__(self, k):
        return "overridden"


print(type("E", (), D(x=1)).x)
try:
    type("A\0B", (), {})
except ValueError as e:
    print("ValueError:", e)


class Descr:
    def __set__(self, obj, value):
        obj.__dict__["a"] = value


class Meta(type):
    pass


class X(metaclass=Meta):
    pass


X.a = 42
Meta.a = Descr()
print(X.a)


class HugeNegativeLen:
    def __len__(self):
        return -sys.maxsize - 10


class HugeLen:
    def __len__(self):
        return sys.maxsize + 1


for obj in (HugeNegativeLen(), HugeLen()):
    try:
        len(obj)
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print(bool(NotImplemented), not NotImplemented)
    print([(x.category.__name__, str(x.message)) for x in w])
