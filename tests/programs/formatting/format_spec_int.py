# Format spec mini-language for ints.
n = 1234567
specs = ["", "d", "10d", "<10d", ">10d", "^10d", "*^11d", "+d", " d", "-d", "010d", "=+10d", ",", "_", "_x", "_b", ",d",
         "b", "#b", "o", "#o", "x", "#x", "X", "#X", "c" , "n", "e", ".2e", "f", ".1f", "g", "%", "#010x", "+,", "012,", "0=10"]
for v in (n, -n, 0, 255):
    out = []
    for sp in specs:
        if sp == "c" and v < 0:
            continue
        if sp == "c" and v > 0x10FFFF:
            continue
        try:
            out.append(format(v, sp))
        except Exception as e:
            out.append(type(e).__name__ + ":" + str(e))
    print(v, out)
for bad in [".2d", "s", ",b", "z", "=s", "#c", ",c", "+c"]:
    try:
        print(format(42, bad))
    except ValueError as e:
        print(repr(bad), "ValueError", e)
print(format(2 ** 100, ","), format(-(2 ** 70), "_x"), format(True, "05"), format(False, "x"))
print(format(65, "c"), format(1114111, "c") == "\U0010ffff")
try:
    format(1114112, "c")
except OverflowError as e:
    print("OverflowError", e)
print(format(42, "#08b"), format(-42, "#08b"), format(42, "+#x"), format(-1, "b"), format(0, "#o"))
print(format(10 ** 20, "e"), format(7, ".0%"), format(-7, "=6"), format(7, "<06"))
