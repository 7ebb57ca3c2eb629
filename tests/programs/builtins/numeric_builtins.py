# abs, divmod, pow, round, sum, min, max, bin/oct/hex, bool, int/float constructors via builtins.
print(abs(-5), abs(5.5), abs(-0.0), abs(3 + 4j), abs(True), abs(-2 ** 70))
print(divmod(7, 2), divmod(-7, 2), divmod(7.5, 2), divmod(True, 2))
print(pow(2, 8), pow(2, -1), pow(2, 8, 5), pow(-2, 3, 7), pow(5, 0, 1), pow(base=2, exp=3), pow(2, 3, mod=3))
print(round(3.14159, 2), round(2.5), round(-0.5), round(1234, -2), round(0.1 + 0.2, 10))
print(sum([]), sum([1, 2, 3]), sum([1, 2], 10), sum([0.1] * 10), sum([[1], [2]], []), sum(((1,), (2,)), ()), sum(range(101)), sum([1.5, 2], start=0.5))
print(sum([True, True, False]), type(sum([1, 2.0])).__name__, sum(x / 10 for x in range(10)))
print(min(3, 1, 2), max(3, 1, 2), min([4, 2, 8]), max("abc"), min([], default=0), max((), default="empty"))
print(min([3, -5, 2], key=abs), max(["aa", "b", "ccc"], key=len), max([1, 3, 3.0, 2]), min([2, 1, 1.0]))
print(max([(1, "b"), (1, "a")]), min("zebra", "apple", key=lambda s: s[-1]), max(1, 2, key=lambda v: -v))
for bad in [lambda: min(), lambda: max([]), lambda: min(1), lambda: max(1, 2, default=0), lambda: min([1, "a"]), lambda: max(key=len)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(bin(10), oct(64), hex(3054), bin(-3), hex(2 ** 64), oct(0))
print(bool(), bool(0), bool(1), bool([]), bool("x"), bool(None), bool(0.0), bool(-1))
print(int("42"), int(4.9), int("-0x1f", 16), float("3.5"), float(2), complex(1, 1), str(12), repr(1.0))
print(hash(42) == 42, hash(-1), hash(0.5) == hash(0.5), hash(1.0) == hash(1), hash(True) == 1)
print(divmod(10 ** 20, 7), pow(3, 200) % 1000, pow(3, 200, 1000))
print(round(7.123456, 3), round(-7.5), round(6.5), round(0.5), round(1.5), round(1e20))
print(abs(-7) == 7, -abs(7), abs(float("-inf")), abs(float("nan")))
