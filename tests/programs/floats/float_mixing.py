# Mixing ints and floats exactly: comparisons of huge ints with floats, conversions.
big = 2 ** 63
print(big == float(big), big + 1 == float(big + 1), big + 1 > float(big), float(big) < big + 1)
print(10 ** 16 + 1 > 1e16, 10 ** 16 + 1 == 1e16, 10 ** 400 > 1e308, -(10 ** 400) < -1e308)
print(2 ** 53 + 1 > 2.0 ** 53, 9007199254740993 == 9007199254740992.0)
print(0.5 == 1 / 2, 1 / 2 == 0.5, 3 > 2.9999999999999996, 1 == 1.0000000000000002)
print(float("inf") > 10 ** 1000, float("-inf") < -(10 ** 1000), float("nan") == 10 ** 1000)
print(max(1, 1.0), max(1.0, 1), min(2, 2.0), type(max(1, 1.0)).__name__)
print(sorted([3, 1.5, 2, 0.5, -1, True]))
print(sum([1, 2.5, 3]), sum([1, 2, 3], 0.0), sum([0.1, 0.2, 0.3]), sum([1e100, 1.0, -1e100]))
print(int(1e100) == 10 ** 100, int(1e100))
print(1 + 1e-16, 1.0 + 2 ** 60, 2 ** 60 + 0.5)
print(7 / 7, 2 ** 1000 / 2 ** 999, 1 / 3 * 3, 10 ** 20 / 10 ** 10)
print(1e308 + 1e308, -1e308 - 1e308)
print(3.0 * 2, 6 / 3.0, 2 ** 3.0, 4 ** -0.5, (-2) ** 2.0, 0 * -1.0)
vals = [1, 1.0, True]
print(len(set(vals)), {1: 'a', 1.0: 'b'}, 1.0 in {1}, 2 in {2.0: 0})
