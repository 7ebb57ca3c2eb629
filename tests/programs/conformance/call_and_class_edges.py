import types
import zlib
import re
import csv
from typing import NewType, TypedDict, TypeVarTuple


class M(type):
    __call__ = dict


class E(metaclass=M):
    pass


print(E(a=1), E({"b": 2}))


class Emp(TypedDict):
    name: str
    id: int


print(Emp(name="Jim", id=1))
UserId = NewType("UserId", int)
print(UserId(5))
Ts = TypeVarTuple("Ts")
print(tuple[*Ts])
print(hasattr(1, "__module__"), int.__module__, csv.QUOTE_ALL)


class L(types.ModuleType):
    pass


m = types.ModuleType("x")
m.__class__ = L
print(type(m).__name__)
d = zlib.decompressobj()
d.decompress(zlib.compress(b"abc"))
print(d.copy().eof)
d.flush()
try:
    d.copy()
except ValueError as e:
    print(e)
try:
    class Sub(re.Match):
        pass
except TypeError as e:
    print(e)
