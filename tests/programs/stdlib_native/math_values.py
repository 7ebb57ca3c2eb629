# Many arguments through every float function (deterministic pseudo-random values), so
# last-bit differences from CPython's libm choices show up.
import math

state = 12345
def rnd():
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
    return state / 2**64

vals = []
for i in range(60):
    r = rnd()
    vals.append((r - 0.5) * 10 ** (i % 7 - 2))
vals += [0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 1e-300, 1e300, 171.5, -171.5, 3.5, -3.5, 0.1, 27.0, 1e-5]

funcs1 = ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cbrt', 'cos', 'cosh', 'erf', 'erfc', 'exp', 'exp2', 'expm1',
          'gamma', 'lgamma', 'log', 'log10', 'log1p', 'log2', 'sin', 'sinh', 'sqrt', 'tan', 'tanh', 'degrees', 'radians', 'ulp']
for name in funcs1:
    f = getattr(math, name)
    out = []
    for v in vals:
        try:
            out.append(repr(f(v)))
        except (ValueError, OverflowError) as e:
            out.append(type(e).__name__[0])
    print(name, ' '.join(out))

for name in ['atan2', 'pow', 'fmod', 'remainder', 'copysign', 'hypot', 'nextafter']:
    f = getattr(math, name)
    out = []
    for i in range(0, len(vals) - 1):
        try:
            out.append(repr(f(vals[i], vals[i + 1])))
        except (ValueError, OverflowError) as e:
            out.append(type(e).__name__[0])
    print(name, ' '.join(out))

print(math.hypot(*vals[:20]), math.dist(vals[:10], vals[10:20]), math.fsum(vals), math.prod(vals[:5]))
for k in range(1, 40):
    print(k, math.log(10 ** (k * 10)), math.log10(7 ** (k * 40)), math.log2(3 ** (k * 30)), math.log(5 ** (k * 50), 7))
