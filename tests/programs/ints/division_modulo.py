# Floor division and modulo with negatives; divmod; zero errors.
pairs = [(7, 3), (-7, 3), (7, -3), (-7, -3), (0, 5), (0, -5), (6, 3), (-6, 3), (1, 10), (-1, 10)]
for a, b in pairs:
    print(a, b, a // b, a % b, divmod(a, b), a / b)
for a, b in [(7.5, 2), (-7.5, 2), (7.5, -2), (-7.5, -2), (7, 2.5), (-7, 2.5)]:
    print(a, b, a // b, a % b, divmod(a, b))
print(-0.0 % 5, 0.0 % -5, -1e-20 % 1.0, 5 % float("inf"), -5 % float("inf"))
for op in ("//", "%", "/"):
    for a, b in [(1, 0), (1.0, 0), (1, 0.0), (0, 0)]:
        try:
            eval(f"{a!r} {op} {b!r}")
        except ZeroDivisionError as e:
            print(a, op, b, "ZeroDivisionError", e)
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print("divmod", e)
try:
    divmod(1.0, 0)
except ZeroDivisionError as e:
    print("divmod", e)
x = 10
try:
    x //= 0
except ZeroDivisionError as e:
    print("ifloordiv", e)
try:
    x %= 0
except ZeroDivisionError as e:
    print("imod", e)
print(True // True, True % 2, False // 1)
print(10 ** 30 // -7, 10 ** 30 % -7, -(10 ** 30) // 7, -(10 ** 30) % 7)
# identities
ok = True
for a in range(-20, 21):
    for b in list(range(-7, 0)) + list(range(1, 8)):
        q, r = divmod(a, b)
        if q * b + r != a or (r != 0 and (r < 0) != (b < 0)):
            ok = False
print("identity", ok)
print(int(7 / 2), int(-7 / 2), int(-3.99), int(3.99))
try:
    print(pow(0, -1))
except ZeroDivisionError as e:
    print("pow", e)
try:
    print(0 ** -1)
except ZeroDivisionError as e:
    print("pow", e)
try:
    print(0.0 ** -1)
except ZeroDivisionError as e:
    print("pow", e)
