# Comparisons, min/max, sorting, round, int methods and small-int semantics.
print(sorted([3, -1, 2 ** 70, -(2 ** 70), 0, True, False]))
print(max(3, 7, 2), min(-3, -7), max([1, 2 ** 65]), 5 == 5.0, 5 < 5.5, -1 < -0.5)
print(round(5), round(-5), type(round(5)).__name__, round(15, -1), round(25, -1), round(-25, -1), round(14, -1))
print(round(123, 2), round(0, -5), round(5, 0))
print(int.__add__(3, 4), int.__mul__(3, 4), (3).__sub__(5), (3).__rsub__(5), (3).__add__(1.5))
print((3).__lt__(4), (3).__eq__("3"), (3).__truediv__(2), (3).__floordiv__(0) if False else "skip")
print(abs(-2 ** 64), -2 ** 64, (-2) ** 64)
x = 1000
y = 999 + 1
print(x == y, x != y)
print(int.__mro__[0].__name__, len(int.__mro__))
print(1 .real, (1).__abs__(), (-1).__abs__(), (-1).__neg__(), (5).__pos__(), (5).__invert__())
print((255).__format__("x"), format(255, "08b"), format(-255, "#x"), format(10**20, ","), format(1234567, "_"))
print((7).__bool__(), (0).__bool__(), (12).__index__(), (3).__int__(), (3).__float__())
print(str(-0), repr(10 ** 25), str(-(10 ** 25)))
print([i for i in range(-3, 4) if i], list(map(abs, range(-3, 4))))
nums = [5, 3, 8, 1, 9, 2]
print(sum(nums), sum(nums) / len(nums), max(nums) - min(nums))
print(1 if 0 <= 5 < 10 else 0, 10 ** 3 == 1000, 1_000 == 1000)
print(hash(True), hash(False), {1: "int", True: "bool"})
print(int("10") + int("20"), str(10) + str(20))
