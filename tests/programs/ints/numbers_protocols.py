# int()/float()/complex() conversion protocols, reflected operators and subclasses.
class WithInt:
    def __int__(self):
        return 7
class WithIndex:
    def __index__(self):
        return 11
class WithTrunc:
    def __trunc__(self):
        return 3
class TruncToIndex:
    def __trunc__(self):
        return WithIndex()
class BadTrunc:
    def __trunc__(self):
        return "x"
class BadInt:
    def __int__(self):
        return 1.5
class WithFloat:
    def __float__(self):
        return 2.5
class BadFloat:
    def __float__(self):
        return 1
class WithComplex:
    def __complex__(self):
        return 1 + 2j
class BadComplex:
    def __complex__(self):
        return 5
for f in (int, float, complex):
    for obj in (WithInt(), WithIndex(), BadInt(), WithFloat(), BadFloat(), WithComplex(), BadComplex(), "12", b"13", None):
        try:
            r = f(obj)
            print(f.__name__, type(obj).__name__, repr(r), type(r).__name__)
        except (TypeError, ValueError) as e:
            print(f.__name__, type(obj).__name__, type(e).__name__, e)
print(bin(WithIndex()), oct(WithIndex()), hex(WithIndex()), [1, 2, 3][WithIndex().__index__() - 10])
print(int("0x_ff", 0), int(" -0b101 ", 0), int("١٢٣"), float(" 1_000.5 "), complex(" (1_0+2j) "))

class Meters(int):
    def __add__(self, other):
        return Meters(int(self) + int(other))
    def __radd__(self, other):
        return Meters(int(other) + int(self))
    def __repr__(self):
        return f"Meters({int(self)})"
m = Meters(5)
print(m + 1, 1 + m, m + m, type(m * 2).__name__, m * 2, -m, abs(Meters(-3)), m == 5, hash(m) == hash(5))
print(m.real, m.imag, m.numerator, m.denominator, m.conjugate(), type(m.real).__name__, m.bit_length())
print(Meters.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\x01\x00", "little"))

class Half(float):
    def __repr__(self):
        return f"Half({float(self)})"
h = Half(0.5)
print(h, h + 1, type(h + 1).__name__, 1 - h, h * h, round(h), round(Half(2.5)), Half.fromhex("0x1p-2"))
print(h.is_integer(), h.as_integer_ratio(), h.hex(), h.real, h.imag, h.conjugate(), type(h.conjugate()).__name__)

class Vec:
    def __init__(self, x):
        self.x = x
    def __rpow__(self, other):
        return f"rpow({other})"
    def __pow__(self, other, mod=None):
        return f"pow({other}, {mod})"
    def __rmul__(self, other):
        return f"rmul({other})"
    def __rtruediv__(self, other):
        return f"rtruediv({other})"
    def __rdivmod__(self, other):
        return f"rdivmod({other})"
    def __round__(self, n=None):
        return f"round({n})"
print(2 ** Vec(1), 2.0 ** Vec(1), 3 * Vec(1), 1.5 / Vec(1), divmod(5, Vec(1)), round(Vec(1)), round(Vec(1), 2))
print(pow(Vec(1), 2, 3), Vec(1) ** 2)
try:
    pow(2, Vec(1), 3)
except TypeError as e:
    print("TypeError", e)

print(int.__add__(1, 1.0), float.__add__(1.0, 1), complex.__add__(1j, 1), int.__eq__(1, 1.0), float.__eq__(1.0, 1))
print((2).__pow__(3, 5), (2).__rpow__(3), (2.0).__rpow__(3), (1j).__rpow__(2))
print(True & True, True | 0, False ^ True, type(True ^ 1).__name__, ~True, -True, True << 3)
print(round(2.675, 2), round(-0.5), round(0.5, 0), round(1.5), round(12345, -2), round(-12355, -1), round(5e-324, 324))
print(float("nan") != float("nan"), complex(float("nan"), 0) == complex(float("nan"), 0))
print((1.5).__trunc__(), (-1.5).__floor__(), (-1.5).__ceil__(), (7).__floor__(), (7).__ceil__(), (7).__trunc__())
print(pow(3, -1, 7), pow(2, 10, -7), pow(-2, 10, 7), 2 ** 0.5, (-8) ** (1 / 3))
print(divmod(-7.5, 2), divmod(7, -2.5), 7.5 // -2, -7.5 % 2, 1e300 * 1e10, -1e300 * 1e10)
print(10 ** 20 / 3, (10 ** 400) // (10 ** 399), 2 ** 64 // 3.0, 7 // True)
