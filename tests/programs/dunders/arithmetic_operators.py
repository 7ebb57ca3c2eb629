# Every binary arithmetic dunder, reflected and in-place, NotImplemented fallbacks.
class V:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f"V({self.v!r})"
ops = ["add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "lshift", "rshift", "and", "or", "xor", "matmul"]
def make(op):
    def fwd(self, other):
        if isinstance(other, V):
            return V(f"{self.v}.{op}({other.v})")
        if isinstance(other, int):
            return V(f"{self.v}.{op}(int {other})")
        return NotImplemented
    def rev(self, other):
        if isinstance(other, int):
            return V(f"r{op}(int {other}, {self.v})")
        return NotImplemented
    def inplace(self, other):
        self.v = f"{self.v}.i{op}({other.v if isinstance(other, V) else other})"
        return self
    return fwd, rev, inplace
for op in ops:
    fwd, rev, inplace = make(op)
    setattr(V, f"__{op}__", fwd)
    setattr(V, f"__r{op}__", rev)
    setattr(V, f"__i{op}__", inplace)
a, b = V("a"), V("b")
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** b, a << b, a >> b, a & b, a | b, a ^ b, a @ b)
print(a + 1, 2 + a, 3 * a, 4 - a, 5 / a, 6 // a, 7 % a, 8 ** a, 1 << a, 1 >> a, 1 & a, 1 | a, 1 ^ a)
print(pow(a, 2), pow(2, a), divmod(5, 3))
try:
    "s" + a
except TypeError as e:
    print("TypeError", e)
try:
    a + "s"
except TypeError as e:
    print("TypeError", e)
try:
    a @ "s"
except TypeError as e:
    print("TypeError", e)
c = V("c")
c += 1; c -= b; c *= 2; c /= 3; c //= 4; c %= 5; c **= 6; c <<= 7; c >>= 8; c &= 9; c |= 10; c ^= 11; c @= b
print(c)
class OnlyAdd:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return OnlyAdd(self.v + (o.v if isinstance(o, OnlyAdd) else o))
    def __repr__(self):
        return f"OnlyAdd({self.v})"
x = OnlyAdd(1)
y = x
x += 5
print(x, y, x is y)
try:
    x -= 1
except TypeError as e:
    print("TypeError", e)
class Neg:
    def __neg__(self): return "neg"
    def __pos__(self): return "pos"
    def __invert__(self): return "inv"
    def __abs__(self): return "abs"
print(-Neg(), +Neg(), ~Neg(), abs(Neg()))
try:
    -object()
except TypeError as e:
    print("TypeError", e)
class Sub(V):
    def __radd__(self, other):
        return "Sub.__radd__ wins"
print(V("base") + Sub("sub"))
class Left:
    def __add__(self, o):
        return NotImplemented
class Right:
    def __radd__(self, o):
        return "Right.__radd__"
print(Left() + Right())
try:
    Left() + Left()
except TypeError as e:
    print("TypeError", e)
class IAddNI:
    def __iadd__(self, o):
        return NotImplemented
    def __add__(self, o):
        return "fell back to __add__"
z = IAddNI()
z += 1
print(z)
print(int.__add__(1, 1.5), float.__radd__(1.5, 1), (5).__rtruediv__(10), (2).__rpow__(3))
