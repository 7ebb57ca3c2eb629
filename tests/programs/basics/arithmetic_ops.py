# Basic arithmetic, precedence, and operator semantics on ints/floats/bools.
print(1 + 2 * 3, (1 + 2) * 3, 2 ** 3 ** 2, -2 ** 2, (-2) ** 2)
print(7 / 2, 7 // 2, 7 % 2, -7 // 2, -7 % 2, 7 // -2, 7 % -2)
print(2 ** -1, 2 ** 0, 0 ** 0, 10 ** 20)
print(1 < 2 < 3, 1 < 2 > 3, 3 > 2 == 2, 1 == 1.0, None is not None)
print(not 0, not 1, not [], not [0], not "", not " ")
print(True + True, True * 10, False - 1, True / 2, True // 1)
print(0 or 5, 3 or 5, 0 and 5, 3 and 5, None or [] or "x", "" and 1)
print(~5, ~-1, -(-3), +4, abs(-3))
print(5 & 3, 5 | 3, 5 ^ 3, 1 << 10, 1024 >> 3)
x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 2; print(x)
x //= 5; print(x)
x **= 3; print(x)
x %= 7; print(x)
x <<= 4; print(x)
x >>= 2; print(x)
x |= 1; print(x)
x &= 6; print(x)
x ^= 15; print(x)
y = 3.0
y /= 2; print(y)
print(1 if True else 2, 1 if 0 else 2)
print(type(1 + 1.0).__name__, type(True + 1).__name__, type(7 / 7).__name__)
print(3 * "ab", [0] * 3, (1,) * 2, "ab" * 0, "ab" * -1)
a = b = c = 7
print(a, b, c)
a, b = 1, 2
a, b = b, a
print(a, b)
print(divmod(17, 5), divmod(-17, 5), divmod(17.5, 5))
for expr in ["1/0", "1//0", "1%0", "1.0/0", "2**-1 // 0"]:
    try:
        eval(expr)
    except ZeroDivisionError as e:
        print(expr, "->", type(e).__name__, e)
try:
    print("a" + 1)
except TypeError as e:
    print("TypeError", e)
try:
    print(1 + "a")
except TypeError as e:
    print("TypeError", e)
try:
    print([] - [])
except TypeError as e:
    print("TypeError", e)
try:
    print(-"x")
except TypeError as e:
    print("TypeError", e)
try:
    print(1 < "x")
except TypeError as e:
    print("TypeError", e)
try:
    print(None + 1)
except TypeError as e:
    print("TypeError", e)
