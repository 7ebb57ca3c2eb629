# Format spec for strings and general objects; __format__ hooks.
s = "héllo"
for sp in ["", "s", "10", "<10", ">10", "^10", "*^11", "-<8", ".2", "10.3", "^9.1", "0>7", "_<6"]:
    print(repr(sp), repr(format(s, sp)))
for bad in ["d", "+", " 5", "#", ",", "=10", "010"]:
    try:
        print(repr(bad), repr(format(s, bad)))
    except ValueError as e:
        print(repr(bad), "ValueError", e)
print(repr(format("日本", "^6")), repr(format("😀", "*>3")), repr(format("", "x^4")))
class Money:
    def __init__(self, v):
        self.v = v
    def __format__(self, spec):
        if spec == "":
            return f"${self.v}"
        if spec == "cents":
            return f"{self.v * 100}c"
        return f"${self.v:{spec}}"
m = Money(3.5)
print(format(m), format(m, "cents"), format(m, ".2f"), f"{m}", f"{m:cents}", "{:>8.1f}".format(m), "{0:cents}".format(m))
class NoFormat:
    def __repr__(self):
        return "NF"
print(format(NoFormat()), f"{NoFormat()}", "{!r:>5}".format(NoFormat()))
try:
    format(NoFormat(), "x")
except TypeError as e:
    print("TypeError", e)
class BadFormat:
    def __format__(self, spec):
        return 5
try:
    format(BadFormat())
except TypeError as e:
    print("TypeError", e)
print(format(None, ""), format((1, 2)), format({"a": 1}), format(1j, ""), format(1 + 2j, ".2f"), format(3j, ">10"))
try:
    format(None, ">5")
except TypeError as e:
    print("TypeError", e)
print(format(b"x") if False else "skip-bytes", format(range(2)), format(..., ""))
