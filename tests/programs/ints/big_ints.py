# Arbitrary precision integer arithmetic.
a = 2 ** 200
b = 3 ** 150
print(a)
print(b)
print(a + b, a - b, b - a)
print(a * b)
print(a // b, a % b, b // 7, b % 7)
print(-a // 7, -a % 7, a // -7, a % -7)
print(divmod(a, b), divmod(-b, 12345678901234567890))
print(a ** 2)
print(len(str(7 ** 1000)), str(7 ** 1000)[:20], str(7 ** 1000)[-20:])
f = 1
for i in range(1, 60):
    f *= i
print("59!", f)
print(f // (2 ** 50), f % (10 ** 30))
print(a == 2 ** 200, a > b, a < b, -a < -b, a == float(a), a + 1 == float(a))
print(float(a), float(b), int(float(a)) == a)
print(a / b, b / a, a / 3)
print(a >> 190, a >> 300, -a >> 300, a << 10 == a * 1024)
print(abs(-a) == a, -(-a) == a, +a == a)
print((a - 1).bit_length(), a.bit_length(), (-a).bit_length())
print(int(str(a)) == a, int(str(-b)) == -b)
print(hex(a), oct(b)[:20], bin(a + 1)[:8])
print(10 ** 40 // 10 ** 20 == 10 ** 20)
x = 12345678901234567890123456789
y = 98765432109876543210
print(x * y, x // y, x % y, x & y, x | y, x ^ y)
print(-x & y, -x | y, -x ^ y, ~x)
print(pow(x, 3), pow(-x, 3))
# big comparisons with floats
print(2 ** 1000 > 1e300, 2 ** 1100 > float("inf"), -(2 ** 1100) < float("-inf"))
try:
    float(2 ** 1100)
except OverflowError as e:
    print("OverflowError", e)
try:
    (2 ** 1100) / 3
except OverflowError as e:
    print("OverflowError", e)
print((2 ** 1100) // 3 % 1000)
print(2 ** 1100 / 2 ** 1099)
print(sum(range(10 ** 6)), sum(i * i for i in range(1000)))
# int from huge string
s = "9" * 200
print(int(s) + 1 == 10 ** 200)
# mixing bool and big
print(True + a - a, a * False)
print(round(a, -50) == (a + 5 * 10 ** 49) // 10 ** 50 * 10 ** 50, round(123456789, -3), round(-1500, -3), round(2500, -3))
