# math module basics.
import math
print(math.pi, math.e, math.tau, math.inf, math.nan != math.nan)
print(math.sqrt(16), math.sqrt(2), math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5), type(math.floor(2.5)).__name__)
print(math.gcd(12, 18), math.gcd(0, 0), math.gcd(12, 18, 24), math.lcm(4, 6), math.factorial(20), math.comb(10, 3), math.perm(5, 2))
print(math.isqrt(10 ** 20 + 1), math.log(math.e), math.log(8, 2), math.log10(1000), math.log2(1024), math.exp(0))
print(math.sin(0), math.cos(0), round(math.sin(math.pi / 2), 12), math.atan2(1, 1) * 4 == math.pi, math.hypot(3, 4), math.dist((0, 0), (3, 4)))
print(math.isclose(0.1 + 0.2, 0.3), math.isfinite(1e308), math.isinf(-math.inf), math.isnan(float("nan")))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.prod([1, 2, 3, 4]), math.prod([], start=5))
print(math.copysign(3, -0.0), math.fabs(-2), math.fmod(-7, 3), -7 % 3, math.modf(3.75), math.frexp(8.0), math.ldexp(0.5, 4))
print(math.degrees(math.pi), math.radians(180), math.pow(2, 10), math.nextafter(1.0, 2.0) > 1.0, math.ulp(1.0))
for bad in [lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.factorial(-1), lambda: math.exp(1000), lambda: math.factorial(2.5)]:
    try:
        bad()
    except (ValueError, OverflowError, TypeError) as e:
        print(type(e).__name__, e)
