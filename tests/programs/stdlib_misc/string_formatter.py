import string
import _string

for s in ["a{0!r:>5}b", "{}", "a{{b}}c", "{a.b[0]}", "x{:{w}}y", "", "abc", "{!s}", "}}", "{0[1]:x}"]:
    print(repr(s), list(_string.formatter_parser(s)))
for s in ["", "a", "0", "a.b[0][x]", "12.x", "a[", "a.", "a[0]x"]:
    try:
        f, r = _string.formatter_field_name_split(s)
        print(repr(s), repr(f), list(r))
    except Exception as e:
        print(repr(s), type(e).__name__, e)
for bad in ["{", "}", "{0!}", "{0!rx}", "{:{"]:
    try:
        print(list(_string.formatter_parser(bad)))
    except ValueError as e:
        print("ValueError", e)

f = string.Formatter()
print(f.format("{0} and {1!r} and {name:>8}|", 1, "two", name="x"))
print(f.format("{0.real} {1[2]} {2[k]}", 3, [1, 2, 3], {"k": "v"}))
print(f.format("{:{}}|{:^{w}}|", "a", 4, "b", w=5))
print(f.vformat("{x}{y}", (), {"x": 1, "y": [2]}))


class Upper(string.Formatter):
    def format_field(self, value, spec):
        return super().format_field(value, spec).upper()

    def get_value(self, key, args, kwargs):
        if isinstance(key, str) and key not in kwargs:
            return "<" + key + ">"
        return super().get_value(key, args, kwargs)


print(Upper().format("{a} {0} {missing}", "xy", a="abc"))
try:
    f.format("{0} {}", 1, 2)
except ValueError as e:
    print("ValueError", e)
try:
    f.format("{5}", 1)
except IndexError as e:
    print("IndexError", e)
t = string.Template("$who likes ${what}")
print(t.substitute(who="tim", what="pie"))
print(string.capwords("hello  world foo"))
