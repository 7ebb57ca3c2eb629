import abc, collections.abc as cabc
from typing import Protocol, runtime_checkable
class A(abc.ABC):
    @abc.abstractmethod
    def f(self): ...
class B(A):
    def f(self): return 1
print(sorted(A.__abstractmethods__), B.__abstractmethods__, B().f())
try: A()
except TypeError as e: print(e)
class R: pass
A.register(R)
print(issubclass(R, A), isinstance(R(), A), issubclass(int, A), abc.get_cache_token() > 0)
print(isinstance([], cabc.Sequence), isinstance({}, cabc.Mapping), issubclass(dict, cabc.Sequence))
class MySeq(cabc.Sequence):
    def __getitem__(self, i): return [1, 2][i]
    def __len__(self): return 2
match MySeq():
    case [a, b]: print("seq", a, b)
class MyMap: 
    def __getitem__(self, k): return 1
    def keys(self): return ['k']
    def get(self, k, d=None): return 1
    def __len__(self): return 1
    def __iter__(self): return iter(['k'])
    def __contains__(self, k): return True
cabc.Mapping.register(MyMap)
match MyMap():
    case {"k": v}: print("map", v)
try:
    class Both(cabc.Collection):
        __abc_tpflags__ = (cabc.Sequence.__flags__ | cabc.Mapping.__flags__)
except TypeError as e:
    print(e)
class P(Protocol):
    x: int
class Q: x = 1
try: isinstance(Q(), P)
except TypeError as e: print(e)
@runtime_checkable
class P2(Protocol):
    x: int
print(isinstance(Q(), P2), isinstance(1, P2))
try: issubclass(Q, P2)
except TypeError as e: print(e)
import inspect
print(inspect.isabstract(A), inspect.isabstract(B))
import _abc
print(_abc._get_dump(A)[3] >= 0, type(A._abc_impl).__name__)
