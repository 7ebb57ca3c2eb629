# Format-spec edge cases: zero padding with grouping, z flag, nan/inf, complex, bool, errors.
vals = [0.0, -0.0, 1.5, -2.5, 2.675, 0.125, 1e16, 1e15, 1e-5, 123456.789, -1234567.0, 5e-324,
        float("inf"), float("-inf"), float("nan")]
specs = ["", ".3", ".0", "#", "#.0e", "z.1f", "015,.2f", "=+12,.1f", "*^14.3e", ".17g", "#.3g", "_.2%", "n", "G", "-08"]
for v in vals:
    row = []
    for sp in specs:
        try:
            row.append(format(v, sp))
        except (ValueError, OverflowError) as e:
            row.append("!" + str(e))
    print(repr(v), row)
ints = [0, 1, -1, 255, -255, 1234567, 2 ** 64, -(10 ** 20), True, False]
ispecs = ["", "08", "+,", "020_", "#_b", "#010_x", "=+9", "^+9", "o", "#X", "c", "n", "e", "%", ".1f", "z", ".2", "#c", ",x"]
for v in ints:
    row = []
    for sp in ispecs:
        if sp == "c" and (v < 0 or v > 0x10FFFF):
            continue
        try:
            row.append(format(v, sp))
        except (ValueError, OverflowError) as e:
            row.append("!" + str(e))
    print(repr(v), row)
cs = [0j, 1j, -1j, 1 + 2j, complex(-0.0, -0.0), -1.5 - 2.5j, 1e20 + 1e-5j, complex(float("nan"), float("inf"))]
cspecs = ["", "g", ".2f", "+", "^24.3e", "*>20", "z", "#", ",.1f", "0", "=10", "%"]
for v in cs:
    row = []
    for sp in cspecs:
        try:
            row.append(format(v, sp))
        except ValueError as e:
            row.append("!" + str(e))
    print(repr(v), row)
for s, sp in [("abc", "010"), ("abc", "+"), ("abc", " "), ("abc", "#"), ("abc", "z"), ("abc", "=5"), ("abc", ",")
              , ("abc", "x<6.2"), ("日本語", "^7.2"), ("abc", "99999999999999999999"), ("abc", ".")]:
    try:
        print(repr(format(s, sp)))
    except ValueError as e:
        print("ValueError", e)
for bad in ["xx", "10.2.3", ",_", "_,", ",,", "\x00", "é"]:
    try:
        format(12, bad)
    except ValueError as e:
        print(repr(bad), e)
