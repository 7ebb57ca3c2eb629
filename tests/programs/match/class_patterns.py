# Class patterns with __match_args__, keyword patterns, builtin class patterns, errors.
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
class Point3(Point):
    __match_args__ = ("x", "y", "z")
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z
def where(p):
    match p:
        case Point3(0, 0, 0):
            return "3d origin"
        case Point(0, 0):
            return "origin"
        case Point(0, y):
            return f"on y axis at {y}"
        case Point(x, 0):
            return f"on x axis at {x}"
        case Point(x=x, y=y) if x == y:
            return f"diagonal {x}"
        case Point(x, y=5):
            return f"y is five, x={x}"
        case Point():
            return "somewhere"
        case _:
            return "not a point"
for p in [Point(0, 0), Point(0, 3), Point(4, 0), Point(2, 2), Point(7, 5), Point(1, 9), Point3(0, 0, 0), Point3(1, 1, 5), "x"]:
    print(where(p))
def builtins_match(v):
    match v:
        case bool(b):
            return f"bool {b}"
        case int(i):
            return f"int {i}"
        case float(f):
            return f"float {f}"
        case str(s):
            return f"str {s!r}"
        case list([a, *_]):
            return f"list starting {a}"
        case dict({"k": val}):
            return f"dict with k={val}"
        case tuple((a, b)):
            return f"tuple pair {a} {b}"
        case _:
            return "other"
for v in [True, 5, 2.5, "s", [9, 8], {"k": 1}, (1, 2), (1, 2, 3), None]:
    print(repr(v), "->", builtins_match(v))
class NoArgs:
    pass
try:
    match NoArgs():
        case NoArgs(1):
            pass
except TypeError as e:
    print("TypeError", e)
class TooFew:
    __match_args__ = ("a",)
    a = 1
try:
    match TooFew():
        case TooFew(1, 2):
            pass
except TypeError as e:
    print("TypeError", e)
try:
    match 5:
        case int(1, 2):
            pass
except TypeError as e:
    print("TypeError", e)
notaclass = 5
try:
    match 5:
        case notaclass():
            pass
except TypeError as e:
    print("TypeError", e)
class Attr:
    def __init__(self):
        self.present = "here"
match Attr():
    case Attr(missing=1):
        print("should not match")
    case Attr(present=p):
        print("keyword attr", p)
class BadMatchArgs:
    __match_args__ = "x"
try:
    match BadMatchArgs():
        case BadMatchArgs(1):
            pass
except TypeError as e:
    print("TypeError", e)
class Dup:
    __match_args__ = ("a",)
    a = 1
try:
    match Dup():
        case Dup(1, a=1):
            pass
except TypeError as e:
    print("TypeError", e)
print(Point.__match_args__)
