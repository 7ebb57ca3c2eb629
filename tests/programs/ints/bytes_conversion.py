# to_bytes/from_bytes, hash of ints, as_integer_ratio, numerator/denominator, conjugate.
for n in (0, 1, 255, 256, 65535, 2 ** 64):
    print(n, n.to_bytes(10, "big"), n.to_bytes(10, "little"))
print((1024).to_bytes(2, byteorder="big"), (-1).to_bytes(2, "big", signed=True), (-129).to_bytes(2, "little", signed=True))
print((5).to_bytes(), (0).to_bytes(0, "big"))
for args in [(256, 1, "big"), (-1, 2, "big"), (128, 1, "big", True)]:
    n, length, order = args[:3]
    signed = args[3] if len(args) > 3 else False
    try:
        n.to_bytes(length, order, signed=signed)
    except OverflowError as e:
        print("OverflowError", e)
try:
    (1).to_bytes(2, "middle")
except ValueError as e:
    print("ValueError", e)
print(int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\x01\x00", "little"),
      int.from_bytes(b"\xff\xff", "big", signed=True), int.from_bytes(b"", "big"),
      int.from_bytes([1, 2, 3], "big"), int.from_bytes(b"\x80"), int.from_bytes(b"\x80", signed=True))
big = 2 ** 100 + 12345
print(int.from_bytes(big.to_bytes(20, "big"), "big") == big)
# hashes
print(hash(0), hash(1), hash(-1), hash(-2), hash(2 ** 61 - 1), hash(2 ** 61), hash(2 ** 61 + 5), hash(-(2 ** 61)))
print(hash(2 ** 100), hash(-(2 ** 100)), hash(10 ** 30))
print(hash(1) == hash(1.0) == hash(True), hash(2 ** 70) == hash(float(2 ** 70)), hash(0.5))
print((10).as_integer_ratio(), (-3).as_integer_ratio(), (7).numerator, (7).denominator, (7).real, (7).imag, (7).conjugate())
print(int.__name__, (5).__class__.__name__, isinstance(5, int), issubclass(bool, int))
class MyInt(int):
    pass
m = MyInt(42)
print(m, type(m).__name__, m + 1, type(m + 1).__name__, repr(m), MyInt("101", 2))
print(int(m), type(int(m)).__name__, int.__index__(m))
class MyInt2(int):
    def __repr__(self):
        return f"MyInt2({int(self)})"
print(repr(MyInt2(3)), str(MyInt2(3)), f"{MyInt2(3)}", [MyInt2(4)])
