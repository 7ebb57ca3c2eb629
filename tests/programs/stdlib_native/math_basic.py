import math, sys

def show(expr):
    try:
        r = eval(expr)
        print(expr, '->', repr(r))
    except Exception as e:
        print(expr, '!!', type(e).__name__, e)

inf = float('inf'); nan = float('nan')
for e in [
    "math.pi", "math.e", "math.tau", "math.inf", "math.nan",
    "math.sqrt(2)", "math.sqrt(-1)", "math.sqrt(-0.0)", "math.sqrt('a')", "math.sqrt(10**400)",
    "math.exp(1)", "math.exp(1000)", "math.exp(-1000)", "math.exp2(10)", "math.expm1(1e-10)",
    "math.log(10)", "math.log(0)", "math.log(-1)", "math.log(8, 2)", "math.log(10, 1)", "math.log(2, 0)",
    "math.log(2**1024*3)", "math.log(-2**2000)", "math.log10(10**400)", "math.log2(2**5000)", "math.log1p(-1)",
    "math.log10(1000)", "math.log2(1024)", "math.log(nan)",
    "math.sin(1)", "math.cos(1)", "math.tan(1)", "math.sin(inf)", "math.asin(2)", "math.acos(0.5)", "math.atan(1)",
    "math.atan2(1, 1)", "math.atan2(-0.0, -0.0)", "math.atan2(inf, -inf)",
    "math.sinh(1)", "math.cosh(1000)", "math.tanh(0.5)", "math.asinh(1)", "math.acosh(0.5)", "math.atanh(1)", "math.atanh(0.5)",
    "math.cbrt(27)", "math.cbrt(-8)",
    "math.floor(-0.5)", "math.floor(3)", "math.floor(inf)", "math.floor(nan)", "math.ceil(2.1)", "math.ceil(2**100+0.0)",
    "math.trunc(-2.7)", "math.trunc('a')", "math.floor(True)",
    "math.fabs(-3)", "math.copysign(1, -0.0)", "math.fmod(7, 3)", "math.fmod(-0.0, 1)", "math.fmod(1, 0)", "math.fmod(inf, 1)", "math.fmod(1, inf)",
    "math.remainder(5, 2)", "math.remainder(7, 2)", "math.remainder(-7, 2)", "math.remainder(1, 0)",
    "math.frexp(8.0)", "math.frexp(0.0)", "math.ldexp(1, 10)", "math.ldexp(1.0, 2.0)", "math.ldexp(1.0, 10**30)", "math.ldexp(1, -10**30)", "math.ldexp(1, 1024)",
    "math.modf(-2.5)", "math.modf(inf)",
    "math.pow(2, 10)", "math.pow(0.0, -1.0)", "math.pow(-8, 1/3)", "math.pow(nan, 0)", "math.pow(1, nan)", "math.pow(-inf, 3)", "math.pow(10, 400)", "math.pow(0.5, inf)",
    "math.degrees(math.pi)", "math.radians(180)",
    "math.isfinite(1.0)", "math.isinf(inf)", "math.isnan(nan)",
    "math.isclose(1, 1.0000000001)", "math.isclose(1, 1.1)", "math.isclose(1, 1.1, rel_tol=0.2)", "math.isclose(0, 1e-10, abs_tol=1e-9)", "math.isclose(1, 2, rel_tol=-1)", "math.isclose(inf, inf)",
    "math.nextafter(1, 2)", "math.nextafter(1, 0)", "math.ulp(1e308)", "math.ulp(0)", "math.ulp(inf)", "math.ulp(1.0)",
    "math.erf(0.5)", "math.erfc(0.5)", "math.erf(3)",
    "math.gamma(0.5)", "math.gamma(5)", "math.gamma(-1.5)", "math.gamma(0)", "math.gamma(-2)", "math.gamma(200)", "math.gamma(171.5)", "math.gamma(1e-30)", "math.gamma(-250.5)", "math.gamma(150.25)",
    "math.lgamma(0.5)", "math.lgamma(0)", "math.lgamma(100)", "math.lgamma(-2.5)", "math.lgamma(1e308)", "math.lgamma(inf)",
    "math.fsum([0.1]*10)", "math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50])", "math.fsum([inf, -inf])", "math.fsum([1e308, 1e308])", "math.fsum([inf, 1])", "math.fsum([])", "math.fsum([nan, 1])", "math.fsum(['a'])",
    "math.hypot()", "math.hypot(3)", "math.hypot(3, 4)", "math.hypot(1, 2, 3)", "math.hypot(1e-320, 1e-320)", "math.hypot(inf, nan)", "math.hypot(1e308, 1e308)",
    "math.dist([1, 2], [4, 6])", "math.dist((1.5, 2.5, 3.5), (0, 0, 0))", "math.dist([1], [1, 2])", "math.dist(1, 2)",
    "math.prod([1, 2, 3, 4])", "math.prod([])", "math.prod([1, 2], start=2.0)", "math.prod([2**40, 2**40, 3])", "math.prod(['a', 3])",
]:
    show(e)
