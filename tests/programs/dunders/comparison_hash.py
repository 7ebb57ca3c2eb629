# Rich comparisons, reflection, NotImplemented, __eq__/__hash__ rules.
class P:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        print("P.__eq__", self.v, getattr(o, "v", o))
        return isinstance(o, P) and self.v == o.v
    def __lt__(self, o):
        print("P.__lt__", self.v, getattr(o, "v", o))
        if not isinstance(o, P):
            return NotImplemented
        return self.v < o.v
print(P(1) == P(1), P(1) != P(2), P(1) < P(2), P(2) > P(1))
print(P.__hash__ is None)
try:
    hash(P(1))
except TypeError as e:
    print("TypeError", e)
try:
    {P(1)}
except TypeError as e:
    print("TypeError", e)
try:
    P(1) <= P(2)
except TypeError as e:
    print("TypeError", e)
try:
    P(1) < 5
except TypeError as e:
    print("TypeError", e)
print(P(1) == 5, 5 == P(1))
class Q:
    def __eq__(self, o):
        return "truthy string"
    __hash__ = object.__hash__
print(Q() == 1, Q() != 1, bool(Q() != 1), isinstance(hash(Q()), int))
class NoEq:
    pass
a = NoEq()
print(a == a, a != a, a == NoEq(), hash(a) == hash(a))
try:
    a < a
except TypeError as e:
    print("TypeError", e)
class Base:
    def __eq__(self, o):
        return "Base.eq"
class Derived(Base):
    def __eq__(self, o):
        return "Derived.eq"
print(Base() == Derived(), Derived() == Base())
class HashKeep:
    def __eq__(self, o):
        return True
    def __hash__(self):
        return 7
print(hash(HashKeep()), len({HashKeep(), HashKeep()}))
class InheritHash(HashKeep):
    pass
class InheritEqOnly(HashKeep):
    def __eq__(self, o):
        return False
print(hash(InheritHash()), InheritEqOnly.__hash__)
class BigHash:
    def __hash__(self):
        return 2 ** 100
print(hash(BigHash()) == hash(2 ** 100))
class NegHash:
    def __hash__(self):
        return -1
print(hash(NegHash()))
class BadHash:
    def __hash__(self):
        return "x"
try:
    hash(BadHash())
except TypeError as e:
    print("TypeError", e)
class Ord:
    def __init__(self, v):
        self.v = v
    def __le__(self, o):
        return self.v <= o.v
    def __ge__(self, o):
        return self.v >= o.v
print(Ord(1) <= Ord(2), Ord(1) >= Ord(2))
try:
    Ord(1) < Ord(2)
except TypeError as e:
    print("TypeError", e)
class Reflect:
    def __gt__(self, o):
        return "Reflect.__gt__ via reflection"
print(5 < Reflect(), 5 == Reflect(), Reflect() == Reflect())
