# Format spec mini-language for floats.
vals = [3.14159265, -2.5, 0.0, -0.0, 1e20, 1.5e-7, 123456.789, 1e16, float("inf"), float("-inf"), float("nan"), 0.5, 2.675]
specs = ["", "f", ".2f", ".0f", "#.0f", "e", ".3E", "g", ".3g", "#g", "G", "%", ".1%", "10.2f", "<10.2f", "^10.2f", "010.2f",
         "+.1f", " .1f", "=+10.1f", ",.2f", "_.1f", "n", ".10", ".1", "z.1f", "F", ".3", "r" if False else "e"]
for v in vals:
    out = []
    for sp in specs:
        try:
            out.append(format(v, sp))
        except Exception as e:
            out.append(type(e).__name__ + ":" + str(e))
    print(repr(v), out)
for bad in ["d", "x", "c", "s", ",n", "#z"]:
    try:
        print(format(1.5, bad))
    except ValueError as e:
        print(repr(bad), "ValueError", e)
print(format(1e300 * 1e10, "f"), format(123.456, ".0e"), format(0.000001, "g"), format(0.0001, "g"), format(1e15, "g"), format(1e16, "g"))
print(format(1234.5, ",.1f"), format(1e6, ",g"), format(-1234.5678, "_.2f"), format(9.9999, ".2f"), format(0.125, ".2f"), format(0.375, ".2f"))
print(format(2 ** 0.5, ".50f"))
print(format(1 / 3, ".17f"), format(1e-300, ".3e"), format(5e-324, "e"), format(1.7976931348623157e308, ".5e"))
print(f"{1e-5:.3}", f"{12345.6789:.3}", f"{0.1:.30}", f"{100.0:.0}" if False else "skip")
