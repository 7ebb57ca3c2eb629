# Shortest round-trip repr and str of floats.
vals = [0.1, 0.2, 0.1 + 0.2, 1.0, 10.0, 1e16, 1e15, 123456789012345678.0, 1e-5, 1e-4, 0.0001234,
        1.5e300, 2.5e-300, 1e22, 1e23, 5e-324, 1.7976931348623157e308, -0.0, 0.0, 3.141592653589793,
        2.0 ** 53, 2.0 ** 53 + 1, 1 / 3, 2 / 3, 100.0, 1e100, 9.999999999999999e22, 0.5, 123.456,
        float("inf"), float("-inf"), float("nan"), 1e-7, 12345678.9, 4.35, 1.1 * 3]
for v in vals:
    print(repr(v), str(v))
print(float("1e500"), float("-1e500"), float("1e-500"), float("  3.5  "), float("1_0.5"),
      float("+.5"), float("-5."), float("inf"), float("-Infinity"), float("nAn"), float("1E5"))
for s in ["", "abc", "1.2.3", "1e", "_1", "1__0", "0x10", "in f", ". 5"]:
    try:
        float(s)
    except ValueError as e:
        print("ValueError", e)
try:
    float(None)
except TypeError as e:
    print("TypeError", e)
print(float(10 ** 20), float(True), float(), float(-7))
print([0.1] * 3, (0.5, -0.25), {1.5: 2.5})
print(1.0 == 1, 0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-15)
print(float.__name__, type(1e3).__name__, 1e3 == 1000)
class F(float):
    pass
f = F(2.5)
print(f, repr(f), type(f + 1).__name__, type(f).__name__)
print(2.5.__repr__(), (1e16).__str__(), -1e-10)
