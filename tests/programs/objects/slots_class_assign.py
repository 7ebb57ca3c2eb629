# __class__ assignment between classes with and without __slots__, __dict__, __weakref__.
class P: pass
class Q: pass
class S: __slots__ = ('a',)
class SD: __slots__ = ('a', '__dict__')
class SW: __slots__ = ('a', '__weakref__')
class S2(S): pass
class S3(S): __slots__ = ()
class E: __slots__ = ()
class E2: __slots__ = ()
class L(list): pass
class L2(list): __slots__ = ()
class Ex(Exception): pass
class Ex2(ValueError): pass
import itertools
names = [P, Q, S, SD, SW, S2, S3, E, E2, L, L2, Ex, Ex2]
for a, b in itertools.permutations(names, 2):
    try:
        o = a.__new__(a) if a not in (L, L2) else a()
        o.__class__ = b
        r = 'ok'
    except TypeError as e:
        r = str(e)
    print(a.__name__, b.__name__, r)
