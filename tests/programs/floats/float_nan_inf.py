# nan/inf semantics, comparisons, signed zero.
nan = float("nan")
inf = float("inf")
print(nan == nan, nan != nan, nan < 1, nan > 1, nan <= nan, nan is nan)
print([nan] == [nan], (nan,) == (nan,), nan in [nan], [float("nan")] == [float("nan")])
print(inf > 1e308, -inf < -1e308, inf == inf, inf - inf, inf * 0, inf + inf, -inf * -1, inf / inf)
print(1 / inf, -1 / inf, 0.0 == -0.0, repr(-0.0), repr(0.0 * -1), repr(-0.0 + 0.0), repr(-0.0 - 0.0))
print(max(nan, 1), max(1, nan), min(nan, 1), sorted([3.0, 1.0, 2.0]))
print(nan.is_integer(), inf.is_integer(), (2.0).is_integer(), (2.5).is_integer())
print(hash(inf), hash(-inf), hash(0.0) == hash(-0.0), hash(0.0))
print(str(inf), str(-inf), str(nan), repr(-nan) if False else "skip", abs(-inf), abs(-0.0))
print(inf // 1 if False else "skip-inf-floordiv", 5.0 // inf, -5.0 // inf, 5.0 % inf, -5.0 % inf)
print(round(inf) if False else "skip", float("-nan") != float("-nan"))
for f in (round, int):
    for v in (inf, nan):
        try:
            f(v)
        except (OverflowError, ValueError) as e:
            print(f.__name__, type(e).__name__, e)
try:
    inf.as_integer_ratio()
except OverflowError as e:
    print("OverflowError", e)
try:
    nan.as_integer_ratio()
except ValueError as e:
    print("ValueError", e)
print(1e308 * 10, -1e308 * 10, 1e-323 / 10, 2.0 ** -1074, 2.0 ** -1075)
try:
    2.0 ** 10000
except OverflowError as e:
    print("OverflowError", e)
try:
    10.0 ** 400
except OverflowError as e:
    print("OverflowError", e)
try:
    (-8.0) ** 0.5
    print("complex result", (-8.0) ** 0.5 == complex(1.7319121124709868e-16, 2.8284271247461903))
except Exception as e:
    print(type(e).__name__, e)
print(type((-8.0) ** 0.5).__name__)
print(0.0 ** 0, 0.0 ** 0.0, inf ** 0, nan ** 0, 1 ** nan, 1.0 ** inf)
