# match: literal, capture, wildcard, value patterns, guards, or-patterns, as-patterns.
def describe(v):
    match v:
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small"
        case "hello":
            return "greeting"
        case True:
            return "True literal"
        case None:
            return "None"
        case -1:
            return "minus one"
        case 1.5:
            return "one and a half"
        case 2j:
            return "imaginary"
        case b"bytes":
            return "bytes literal"
        case int(n) if n > 100:
            return f"big int {n}"
        case str() as s if len(s) > 5:
            return f"long string {s!r}"
        case _:
            return f"other {v!r}"
for v in [0, 2, "hello", True, 1, None, -1, 1.5, 2j, b"bytes", 1000, "lengthy", "short", 3.0, False, 0.0]:
    print(repr(v), "->", describe(v))
class Color:
    RED = "red"
    GREEN = "green"
class Consts:
    LIMIT = 10
def color(c):
    match c:
        case Color.RED:
            return "is red"
        case Color.GREEN | "lime":
            return "is green-ish"
        case Consts.LIMIT:
            return "is the limit"
        case other:
            return f"captured {other}"
print([color(c) for c in ["red", "green", "lime", 10, "blue"]])
def as_pattern(v):
    match v:
        case (1 | 2) as small:
            return f"small {small}"
        case [(1 | 2) as first, *_] as whole:
            return f"list starting with {first}: {whole}"
        case _:
            return "no"
print(as_pattern(2), as_pattern([1, 9]), as_pattern([3]))
def guard_order(v):
    match v:
        case x if x < 0:
            return "negative"
        case x if x == 0:
            return "zero"
        case x:
            return "positive"
print([guard_order(v) for v in (-5, 0, 5)])
x = "unchanged"
match 42:
    case x:
        pass
print("capture binds in enclosing scope:", x)
match 1, 2:
    case a, b:
        print("tuple subject without parens", a, b)
for subject in [0, 0.0, False]:
    match subject:
        case False:
            print(repr(subject), "matched False (identity for bools)")
        case 0:
            print(repr(subject), "matched 0")
