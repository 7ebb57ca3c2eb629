# str.format / format_map: field names, conversions, nesting depth and error messages.
args = ("s", 5, "x", 3.14159, [1, 2], {"k": "v", 0: "zero"}, -42, "héllo")
kw = {"a": 1, "name": "n", "w": 7, "p": 3, "f": 2.5}
fmts = ["{} {} {}", "{0}{1}{0}", "{a}-{name}", "{4[1]} {5[k]} {5[0]}", "{!r} {!s} {!a}", "{7!a}", "{0!r:>10}|",
        "{:>{w}}|{:^{w}.{p}}|", "{{}} {{{0}}} }}{{", "{:}", "{0:}", "{3:,.2f}", "{6:08}", "{3:{p}}", "{3:{w}.{p}f}",
        "{:{}}", "{f:e}", "{f:%}", "{a:x<4}", "{7:*^11}", "{0:{1}{2}}", "{:d}", "{1:c}", "{:{:{}}}", "{0:{1:{2}}}",
        "{4[2]}", "{5[1]}", "{0.__class__.__name__}", "{", "}", "{0", "{0!}", "{0!x}", "{0!rr}", "{x}", "{9}", "{a[}",
        "{0[]}", "{0.}", "{0[0]x}", "{ 0}", "{00}", "{-1}", "{a{}", "{0]}", "{!r:}", "{:{}}{}", "{name!r:*>8}",
        "{6:=+8}", "{6:#x}", "{1:08b}", "{3:z.0f}", "{a!s:>3}", "{0:.1}", "{7:^9.2}", "{1:n}", "{a:_b}", "{0!\x01}",
        "{99999999999999999999}", "{0:{{}}}", "{[0]}"]
for f in fmts:
    try:
        print(repr(f), repr(f.format(*args, **kw)))
    except Exception as e:
        print(repr(f), type(e).__name__, e)
class Default(dict):
    def __missing__(self, key):
        return key.upper()
print("{x} {y}".format_map(Default(x=1)), "{0[a]}".format({"a": "A"}))
for f in ["{0}", "{}", "{y}", "{x.real}"]:
    try:
        print(repr(f), f.format_map({"x": 1}))
    except Exception as e:
        print(repr(f), type(e).__name__, e)
try:
    "{x}".format_map(1)
except TypeError as e:
    print("TypeError", e)
class Tracker:
    def __init__(self):
        self.specs = []
    def __format__(self, spec):
        self.specs.append(spec)
        return "<" + spec + ">"
t = Tracker()
print("{0:abc} {0:{1}x} {0!s:>3}".format(t, 5) if False else "{0:abc} {0:{1}x}".format(t, 5), t.specs)
