# MRO: diamond, C3 linearisation, failure message, __mro__ and mro().
class A:
    def who(self):
        return "A"
class B(A):
    def who(self):
        return "B>" + super().who()
class C(A):
    def who(self):
        return "C>" + super().who()
class D(B, C):
    def who(self):
        return "D>" + super().who()
print(D().who(), [k.__name__ for k in D.__mro__], [k.__name__ for k in D.mro()])
class X: pass
class Y: pass
class Z: pass
class K1(X, Y): pass
class K2(Y, Z): pass
class K3(X, Z): pass
class Top(K1, K2, K3): pass
print([k.__name__ for k in Top.__mro__])
try:
    class Bad(X, K1):
        pass
except TypeError as e:
    print("TypeError", e)
try:
    class Bad2(A, B):
        pass
except TypeError as e:
    print("TypeError", e)
try:
    class Dup(A, A):
        pass
except TypeError as e:
    print("TypeError", e)
try:
    class FromInt(int, str):
        pass
except TypeError as e:
    print("TypeError", e)
try:
    class FromBool(bool):
        pass
except TypeError as e:
    print("TypeError", e)
class Mixin:
    def greet(self):
        return "mixin greet from " + type(self).__name__
class Concrete(Mixin, D):
    pass
print(Concrete().greet(), Concrete().who(), [k.__name__ for k in Concrete.__mro__])
print(D.__bases__, D.__base__, A.__subclasses__() == [B, C])
class Attr1:
    v = 1
class Attr2:
    v = 2
class Both(Attr2, Attr1):
    pass
print(Both.v, Both().v)
Attr2.v = 20
print(Both.v)
del Attr2.v
print(Both.v)
