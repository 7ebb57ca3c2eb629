# float methods: is_integer, as_integer_ratio, hex, fromhex, conjugate, real/imag.
for v in (0.5, 0.1, -2.0, 3.75, 1e20, 5e-324, 0.0, -0.0):
    print(repr(v), v.as_integer_ratio(), v.hex(), float.fromhex(v.hex()) == v, v.is_integer())
for s in ["0x1p0", "0x1.8p1", "-0x1p-2", "0x.8", "0X1P+3", "  0x1.fffffffffffffp1023 ", "inf", "-nan", "1"]:
    print(s.strip(), float.fromhex(s))
for s in ["0x1p99999", "zz", "0x", ""]:
    try:
        print(float.fromhex(s))
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
print((2.5).real, (2.5).imag, (2.5).conjugate(), float.__round__(2.5), (2.567).__round__(1))
print((3.7).__trunc__(), (-3.7).__trunc__(), (3.7).__floor__() if hasattr(3.7, "__floor__") else "nofloor")
print((1.5).__add__(1), (1.5).__radd__(1), (1.5).__add__("x"), (2.0).__pow__(3), (2.0).__rpow__(3))
print(float.__eq__(1.0, 1), (1.0).__lt__(2), (1.0).__hash__() == hash(1))
print((0.1).__repr__(), format(0.1, ".20f"), format(1 / 3, ".17g"))
print(float("1.5").__int__(), (1.5).__bool__(), (0.0).__bool__(), (-0.0).__bool__())
print(float.fromhex("0x1.999999999999ap-4") == 0.1)
