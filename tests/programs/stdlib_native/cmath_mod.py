import cmath, math

def show(expr):
    try:
        r = eval(expr)
        print(expr, '->', repr(r))
    except Exception as e:
        print(expr, '!!', type(e).__name__, e)

inf = float('inf'); nan = float('nan')
for e in [
    "cmath.pi", "cmath.e", "cmath.tau", "cmath.inf", "cmath.nan", "cmath.infj", "cmath.nanj",
    "cmath.sqrt('a')", "cmath.sqrt(None)", "cmath.sqrt(-1)", "cmath.sqrt(2j)", "cmath.sqrt(-0.0)", "cmath.sqrt(complex(-0.0, -0.0))", "cmath.sqrt(1e-320+1e-320j)", "cmath.sqrt(1e308+1e308j)",
    "cmath.log(0)", "cmath.log(1, 0)", "cmath.log(2, 1)", "cmath.log(-1, 2+1j)", "cmath.log(1j)", "cmath.log(10, 10)", "cmath.log(1e-320)", "cmath.log(1e308+1e308j)", "cmath.log(0.9+0.3j)",
    "cmath.log10(100)", "cmath.log10(-100)", "cmath.exp(1000)", "cmath.exp(1j)", "cmath.exp(complex(0, inf))", "cmath.exp(complex(inf, 1))", "cmath.exp(complex(-inf, 2))", "cmath.exp(complex(710, 0.5))",
    "cmath.isclose(1, 1+1e-10j)", "cmath.isclose(1, 2, rel_tol=-1)", "cmath.isclose(1j, 1.1j, abs_tol=0.2)",
    "cmath.polar(1e308+1e308j)", "cmath.polar(-1)", "cmath.polar(complex(inf, nan))", "cmath.rect(1, inf)", "cmath.rect(2, 0)", "cmath.rect(2, -0.0)", "cmath.rect(inf, 1)", "cmath.rect(-inf, 2)", "cmath.rect(1, math.pi / 2)",
    "cmath.phase(-1)", "cmath.phase(complex(-1, -0.0))", "cmath.phase(complex(inf, inf))",
    "cmath.atanh(1)", "cmath.atanh(-1)", "cmath.atanh(0.5+0.5j)", "cmath.atanh(1e200+1j)", "cmath.atanh(1+1e-200j)",
    "cmath.atan(1j)", "cmath.atan(2+3j)", "cmath.asin(2)", "cmath.acos(2)", "cmath.acos(1e300j)", "cmath.asinh(1e300+1e300j)", "cmath.acosh(0.5)", "cmath.acosh(-1e300)",
    "cmath.sin(1+1j)", "cmath.cos(1+1j)", "cmath.tan(1+1j)", "cmath.sinh(1+1j)", "cmath.cosh(1+1j)", "cmath.tanh(1+1j)", "cmath.tanh(800+1j)", "cmath.cosh(800)", "cmath.sinh(710+1j)", "cmath.cosh(complex(inf, inf))",
    "cmath.isfinite(1+1j)", "cmath.isinf(complex(1, inf))", "cmath.isnan(complex(nan, 0))",
]:
    show(e)

vals = [complex(a, b) for a in (-2.5, -1, -0.0, 0.0, 0.3, 1, 3.7, inf, -inf, nan) for b in (-1.5, -0.0, 0.0, 0.7, 2, inf, -inf, nan)]
for name in ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cos', 'cosh', 'exp', 'log', 'log10', 'sin', 'sinh', 'sqrt', 'tan', 'tanh', 'phase', 'polar']:
    f = getattr(cmath, name)
    out = []
    for v in vals:
        try:
            out.append(repr(f(v)))
        except (ValueError, OverflowError) as e:
            out.append(type(e).__name__[0])
    print(name, ' '.join(out))
for r in (-2.0, 0.0, -0.0, 1.5, inf, -inf, nan):
    out = []
    for phi in (-1.0, 0.0, -0.0, 2.0, inf, nan):
        try:
            out.append(repr(cmath.rect(r, phi)))
        except ValueError:
            out.append('V')
    print('rect', r, ' '.join(out))
