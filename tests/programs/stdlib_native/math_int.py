import math

def show(expr):
    try:
        r = eval(expr)
        print(expr, '->', repr(r))
    except Exception as e:
        print(expr, '!!', type(e).__name__, e)

for e in [
    "math.factorial(0)", "math.factorial(20)", "math.factorial(30)", "len(str(math.factorial(3000)))", "math.factorial(5.0)", "math.factorial(-1)", "math.factorial(2**70)", "math.factorial(True)",
    "math.gcd()", "math.gcd(12)", "math.gcd(-4, 6)", "math.gcd(2**100, 2**80 * 3)", "math.gcd(1.0)", "math.gcd(0, 0)", "math.gcd(12, 18, 27)",
    "math.lcm()", "math.lcm(-4, 6)", "math.lcm(4, 6, 10)", "math.lcm(0, 5)", "math.lcm(2**70, 3)",
    "math.isqrt(0)", "math.isqrt(99)", "math.isqrt(10**40)", "math.isqrt(-1)", "math.isqrt(2.0)", "math.isqrt(2**127 - 1)",
    "math.comb(5, 2)", "math.comb(10, 0)", "math.comb(5, 7)", "math.comb(-1, 2)", "math.comb(5, -1)", "math.comb(5, 2.0)", "math.comb(10**20, 3)", "math.comb(2**70, 2**70 - 1)", "math.comb(2**70, 2**69)", "math.comb(300, 150)", "math.comb(1000, 500) % 1000007",
    "math.perm(5)", "math.perm(5, 2)", "math.perm(5, 6)", "math.perm(-1)", "math.perm(5, -1)", "math.perm(2**70, 0)", "math.perm(2**70, 2**65)", "math.perm(10, None)", "math.perm(300, 100) % 1000003",
]:
    show(e)
