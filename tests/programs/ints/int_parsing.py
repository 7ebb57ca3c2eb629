# int() from strings/floats/bases, underscores, whitespace, errors.
cases = ["12", " 12 ", "+5", "-5", "  12_3 ", "1_000", "0", "-0", "007", "\t42\n", "١٢٣"]
for s in cases:
    print(repr(s), int(s))
bad = ["", " ", "1_", "_1", "1__0", "1.5", "abc", "0x10", "1e3", "++1", "- 1", "12a"]
for s in bad:
    try:
        int(s)
    except ValueError as e:
        print("ValueError", e)
print(int("ff", 16), int("FF", 16), int("0xff", 16), int("0xff", 0), int("0o17", 0), int("0b101", 0),
      int("z", 36), int("Z", 36), int("101", 2), int("-0b11", 0), int("1_0", 0), int("0_7", 8))
for s, base in [("08", 0), ("2", 2), ("g", 16), ("0x", 16), ("10", 1), ("10", 37), ("00", 0), ("0", 0)]:
    try:
        print(s, base, int(s, base))
    except ValueError as e:
        print("ValueError", e)
print(int(3.99), int(-3.99), int(1e20), int(True), int(), int(-0.0))
for v in (float("inf"), float("-inf"), float("nan")):
    try:
        int(v)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
for v in (None, [1], 1j):
    try:
        int(v)
    except TypeError as e:
        print("TypeError", e)
try:
    int(5, 10)
except TypeError as e:
    print("TypeError", e)
print(int(b"42"), int(bytearray(b" 7 ")))
class WithInt:
    def __int__(self):
        return 9
class WithIndex:
    def __index__(self):
        return 11
print(int(WithInt()), int(WithIndex()))
print(bin(5), bin(-5), oct(8), oct(-8), hex(255), hex(-255), bin(0), hex(0))
print(bin(WithIndex()), hex(WithIndex()))
try:
    hex(1.5)
except TypeError as e:
    print("TypeError", e)
print(int("1" * 50), int("-" + "9" * 30))
print(int("  -  3".replace(" ", "")))
