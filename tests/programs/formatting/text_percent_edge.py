# printf-style formatting: flags, star args, mapping keys and error ordering.
print("%5%" % () if False else "skip")
for fmt, arg in [("%d", 3.99), ("%d", -3.99), ("%i", True), ("%x", -255), ("%#o", 0), ("%#.3o", 8), ("%.2x", -1),
                 ("%+05d", 42), ("% 05d", -42), ("%-#8x|", 255), ("%#010x", 255), ("%05f", float("inf")), ("%+05.1f", float("nan")),
                 ("%.0e", 12345.0), ("%#.0f", 3.0), ("%g", 1e16), ("%.3g", 1e-5), ("%#g", 0.0), ("%10.3r", "abcdef"),
                 ("%-6c|", "x"), ("%c", 0x263A), ("%5.1s|", "xyz"), ("%ld %hd", (1, 2)), ("%s", ()), ("%s", ((),)), ("%r", [1, "a"]),
                 ("%*d|%-*d|", (5, 1, 4, 2)), ("%*d", (-5, 1)), ("%.*f", (3, 2.0)), ("%(a)s-%(b)05.1f", {"a": "x", "b": 2.25}),
                 ("%(a(b))s", {"a(b)": 1}), ("%s", {"k": 1}), ("%(k)s %%", {"k": 1})]:
    try:
        print(repr(fmt), repr(fmt % arg))
    except Exception as e:
        print(repr(fmt), type(e).__name__, e)
errors = [("%z", ()), ("%5%", (1,)), ("%(a)z", {"a": 1}), ("%%", 5), ("%", ()), ("abc%", ()), ("%(a", {"a": 1}), ("%(a)s", 5),
          ("%(a)s", [1]), ("%*d", ("x", 5)), ("%d", "1"), ("%x", 1.5), ("%o", "7"), ("%e", "x"), ("%c", 1.5), ("%c", -1),
          ("%c", ""), ("%d", 3 + 0j), ("%s %s", "ab"), ("%(a)s %s", {"a": 1}), ("%é", 1), ("%99999999999999999999d", 1),
          ("%d", float("nan")), ("%d", float("inf")), ("x", 1), ("%s", (1, 2))]
for fmt, arg in errors:
    try:
        print(repr(fmt), repr(fmt % arg))
    except Exception as e:
        print(repr(fmt), type(e).__name__, e)
class M:
    def __getitem__(self, k):
        return k * 2
print("%(ab)s|%(c)r" % M())
class I:
    def __index__(self):
        return 7
print("%x %o %d %c" % (I(), I(), I(), I()) if False else "%x %o %d" % (I(), I(), I()))
class N:
    def __int__(self):
        return 3
print("%d" % N())
try:
    print("%x" % N())
except TypeError as e:
    print("TypeError", e)
class S(str):
    pass
print(S("%s-%s") % ("a", "b"), type(S("%s") % 1).__name__)
print(5 .__rmod__("x") if False else "skip")
