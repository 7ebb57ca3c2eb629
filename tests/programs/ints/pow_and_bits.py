# pow (2/3 args, negative exponents), bitwise ops on negatives, shifts, bit_length/bit_count.
print(pow(2, 10), pow(2, -2), pow(-2, 3), pow(-2, -3), pow(2, 0.5), pow(-8, 1/3) if False else "skip")
print(pow(3, 4, 5), pow(-3, 4, 5), pow(3, 4, -5), pow(2, 100, 1000000007), pow(10**20, 10**20, 97))
print(pow(3, -1, 7), pow(38, -1, 97), pow(-5, -2, 13))
for args in [(2, 3, 0), (2, -1, 4), (2.0, 3, 5), (2, 3.0, 5)]:
    try:
        print(pow(*args))
    except Exception as e:
        print(args, type(e).__name__, e)
print(2 ** 0.5, 4 ** 0.5, (-1) ** 0.5 if False else "skip", 10 ** -3, (-2) ** 2, 2 ** 64)
print(type((-8) ** (1 / 3)).__name__)
for a in (-13, -1, 0, 1, 13):
    for b in (-6, 6):
        print(a, b, a & b, a | b, a ^ b)
print(~0, ~7, ~-8, ~(2 ** 70))
print(1 << 0, 1 << 63, 1 << 64, -1 << 5, 5 >> 1, -5 >> 1, -1 >> 100, 7 >> 100, -(2 ** 70) >> 3)
try:
    1 << -1
except ValueError as e:
    print("ValueError", e)
try:
    1 >> -1
except ValueError as e:
    print("ValueError", e)
for n in (0, 1, -1, 255, 256, -256, 2 ** 64 - 1, -(2 ** 64)):
    print(n, n.bit_length(), n.bit_count())
try:
    1.5 & 1
except TypeError as e:
    print("TypeError", e)
print(True & False, True | False, True ^ True, type(True & True).__name__, type(True & 1).__name__)
print(0xFF & ~0x0F, (0b1010 ^ 0b0110), 0o777 | 0o100)
