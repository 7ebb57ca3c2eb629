# str.format: positional, keyword, auto-numbering, attribute/index fields, conversions, nested specs.
print("{} {} {}".format(1, "a", [2]), "{0} {1} {0}".format("x", "y"), "{a}-{b}".format(a=1, b=2))
print("{0[1]} {0[0]}".format(("p", "q")), "{d[key]} {d[0]}".format(d={"key": "K", 0: "zero"}), "{0[0][1]}".format([[1, 2]]))
class Pt:
    x = 3
    y = 4
    def __repr__(self):
        return "Pt()"
    def __str__(self):
        return "point"
print("{0.x},{0.y} {p.x}".format(Pt(), p=Pt()), "{!r} {!s} {!a}".format(Pt(), Pt(), "é"), "{0!r:>10}|".format("hi"))
print("{:>{w}}|{:^{w}.{p}}|".format("a", "bcdef", w=7, p=3), "{:{fill}{align}{width}}".format("x", fill="*", align="^", width=9))
print("{{}} {{{0}}} }}{{".format("v"), "{:}".format(5), "{0:}".format("s"))
print("{:,}".format(1234567), "{:_}".format(1234567), "{:,.2f}".format(1234567.891), "{:08.3f}".format(-3.14159))
print("{:%}".format(0.256), "{:.1%}".format(1 / 3), "{:e}".format(0.000123), "{:g}".format(1e-5), "{:n}".format(1234))
errors = ["{", "}", "{0} {}", "{} {0}", "{1}", "{x}", "{0.nope}", "{0[5]}", "{!z}", "{:zz}", "{0!}", "{:d}", "{a.b.c}"]
for fmt in errors:
    try:
        print(fmt.format("s", a=1))
    except Exception as e:
        print(repr(fmt), type(e).__name__, e)
print("{0:{1}}".format(3.14159, ".2f"), "{:{}}{}".format("a", 5, "b"))
print(format(3.14159, ".3"), format("abc"), format(5), format([1]), format(None), format(True), format(True, "d"))
try:
    format([1], "x")
except TypeError as e:
    print("TypeError", e)
try:
    format(object(), "d")
except TypeError as e:
    print("TypeError", e)
print("{}".format({"a": 1}), "{:>6}".format(True), "{:5}|".format(True), "{:5}|".format(None) if False else "skip")
print("{0}{0}{0}".format("ab"), "{:c}".format(0x263A), "{:x}".format(255), "{:#o}".format(8))
print("{name:*<8}|{val:+.2e}".format(name="n", val=12345.6789))
print("{0:{a}>{b}}".format("z", a="-", b=4))
print("{:=+8.2f}|{:=8}|".format(3.5, -42))
print(str.format("{}-{}", 1, 2), "{}".format("{}"), "{0}".format(*["star"]), "{k}".format(**{"k": "dstar"}))
