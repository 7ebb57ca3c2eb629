# Sequence patterns (with star), mapping patterns (with **rest); str/bytes/dict not sequences.
def seq(v):
    match v:
        case []:
            return "empty"
        case [x]:
            return f"one {x}"
        case [x, y]:
            return f"two {x},{y}"
        case [first, *middle, last] if len(middle) > 2:
            return f"long first={first} middle={middle} last={last}"
        case [0, *rest]:
            return f"starts with 0 rest={rest}"
        case [*init, 9]:
            return f"ends with 9 init={init}"
        case (a, b, c):
            return f"three {a} {b} {c}"
        case _:
            return "other"
for v in [[], [1], (1, 2), [1, 2, 3, 4, 5], [0, 1, 2], [5, 5, 9], [7, 8, 9], (4, 5, 6), "ab", "abc", b"ab", {1: 2}, range(2), 5]:
    print(repr(v), "->", seq(v))
def nested(v):
    match v:
        case [[a, b], [c, d]]:
            return a + b + c + d
        case [(x, y), *others]:
            return f"pair {x},{y} plus {len(others)}"
        case _:
            return None
print(nested([[1, 2], [3, 4]]), nested([(1, 2), 3, 4]), nested([[1, 2, 3]]))
def mapping(v):
    match v:
        case {"type": "point", "x": x, "y": y}:
            return f"point {x},{y}"
        case {"type": "circle", "r": r, **rest}:
            return f"circle r={r} extra={rest}"
        case {"type": t}:
            return f"unknown type {t}"
        case {}:
            return "some mapping"
        case _:
            return "not a mapping"
for v in [{"type": "point", "x": 1, "y": 2, "z": 9}, {"type": "circle", "r": 3, "color": "red", "fill": True},
          {"type": "square"}, {"other": 1}, {}, [("type", "point")], "type"]:
    print(v, "->", mapping(v))
class DefaultDictLike(dict):
    def __missing__(self, k):
        return "missing!"
match DefaultDictLike(a=1):
    case {"b": val}:
        print("matched via __missing__?", val)
    case {"a": val}:
        print("matched a", val)
match {"k": None}:
    case {"k": None}:
        print("None value matched")
match [1, [2, {"deep": [3]}]]:
    case [1, [2, {"deep": [n]}]]:
        print("deep", n)
match (1, 2, 3):
    case [1, *_]:
        print("list pattern matches tuple")
match [1, 2]:
    case (1, 2):
        print("tuple pattern matches list")
def star_only(v):
    match v:
        case [*all_items]:
            return all_items
print(star_only((1, 2)), star_only([]), type(star_only((1,))).__name__)
it = iter([1, 2])
match it:
    case [a, b]:
        print("iterator matched?!")
    case _:
        print("iterators are not sequences")
