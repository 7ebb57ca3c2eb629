# __bool__/__len__ truthiness, __index__, __int__/__float__/__complex__, __round__/__trunc__/__floor__/__ceil__.
class B:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        print("bool called", self.v)
        return self.v
print(bool(B(True)), not B(False), B(False) or "fallback", B(True) and "and-result")
if B(True):
    print("in if")
while B(False):
    pass
print([x for x in [1, 2] if B(x == 2)])
class L:
    def __len__(self):
        return 0
print(bool(L()), not L(), "yes" if L() else "no")
class I:
    def __index__(self):
        return 5
i = I()
print(bin(i), hex(i), oct(i), [0] * 0 + list(range(i)), "ab" * 1, [1, 2, 3, 4, 5, 6][i], operator_index if False else "skip")
print(int(i), float(5) if True else float(i), complex(1) == 1)
try:
    float(i)
    print("float via __index__ ok", float(i))
except TypeError as e:
    print("TypeError", e)
class N:
    def __int__(self):
        return 7
    def __float__(self):
        return 2.5
    def __complex__(self):
        return 1j
    def __round__(self, nd=None):
        return ("round", nd)
    def __trunc__(self):
        return "trunc"
    def __floor__(self):
        return "floor"
    def __ceil__(self):
        return "ceil"
n = N()
print(int(n), float(n), complex(n), round(n), round(n, 2))
try:
    [1, 2][n]
except TypeError as e:
    print("TypeError", e)
try:
    range(n)
except TypeError as e:
    print("TypeError", e)
class BadInt:
    def __int__(self):
        return "x"
try:
    int(BadInt())
except TypeError as e:
    print("TypeError", e)
class BadFloat:
    def __float__(self):
        return 1
try:
    float(BadFloat())
except TypeError as e:
    print("TypeError", e)
class BadIndex:
    def __index__(self):
        return 1.5
try:
    [1][BadIndex()]
except TypeError as e:
    print("TypeError", e)
print(round(2.5), round(3.5), round(-2.5), round(7.25, 1))
class NoRound:
    pass
try:
    round(NoRound())
except TypeError as e:
    print("TypeError", e)
