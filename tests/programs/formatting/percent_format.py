# printf-style % formatting: conversions, flags, width, precision, mapping keys.
print("%s %r %a" % ("é", "é", "é"))
print("%d %i %u" % (42, -42, 7), "%d" % 3.99, "%d" % True, "%d" % (2 ** 80))
print("%5d|%-5d|%05d|%+d|% d|%+05d|%-+5d|" % (42, 42, 42, 42, 42, 42, 42))
print("%x %X %o %#x %#X %#o %#b" % (255, 255, 8, 255, 255, 8, 5) if False else "%x %X %o %#x %#X %#o" % (255, 255, 8, 255, 255, 8))
print("%e %E %f %F %g %G" % (12345.678, 12345.678, 1.5, float("inf"), 0.00001234, 1e20))
print("%.2f %.0f %.3e %10.3f %-10.2f| %010.2f %+.1f %.10g %g %g" % (3.14159, 2.5, 1234.5, 3.14159, 2.5, -3.14159, 2.0, 1 / 3, 100000.0, 1000000.0))
print("%c%c%c" % (72, "i", 0x1F600), "%%", "%5s|%-5s|%.2s|%5.1s|" % ("ab", "ab", "abcdef", "xyz"))
print("%(name)s is %(age)d years, %(name)r" % {"name": "Ann", "age": 30})
print("%(x)5.2f|%(x)-8.1e|" % {"x": 3.14159})
print("%*d|%-*d|%.*f" % (6, 42, 6, 42, 2, 3.14159))
print("%s" % (1, ) , "%s" % [1, 2], "%s" % ((1, 2),), "%r" % "a\n", "%s" % None)
print("%#.0f %#g %g %.3g %#.3g" % (1.0, 1.0, 1.0, 1234567.0, 1.0))
print("%x" % -255, "%o" % -8, "%#x" % 0, "%.3d" % 5, "%.0d" % 0 if False else "%5.3d|" % 7)
print("%s and %s" % ("a", "b"), "no args" % (), "%d%%" % 50)
errors = [("%d", "x"), ("%d %d", (1,)), ("%d", (1, 2)), ("%z", 1), ("%(a)s", (1,)), ("%(a)s", {}),
          ("%c", 1114112), ("%c", "ab"), ("%x", 1.5), ("%", 1), ("%s %s", 1), ("x", 1)]
for fmt, arg in errors:
    try:
        print(fmt % arg)
    except Exception as e:
        print(repr(fmt), type(e).__name__, e)
print(b"%s %d %x %c %r" % (b"by", 5, 255, 65, "é"), b"%5b|" % b"ab", b"%a" % "é")
class P:
    def __str__(self):
        return "P-str"
    def __repr__(self):
        return "P-repr"
print("%s %r %a" % (P(), P(), P()), "%s" % (P(),))
print("%-6s|%6s|" % (P(), "é日"))
