# match statement misc: soft keywords as names, command parsing, fall-through, binding failures, syntax errors.
match = "match is a soft keyword"
case = "so is case"
print(match, case)
_ = "underscore variable"
print(_)
def command(cmd):
    match cmd.split():
        case ["go", ("north" | "south" | "east" | "west") as direction]:
            return f"going {direction}"
        case ["go", _]:
            return "unknown direction"
        case ["pick", "up", *items] if items:
            return "picking " + ", ".join(items)
        case ["quit" | "exit"]:
            return "bye"
        case [verb, *_]:
            return f"unknown verb {verb}"
        case []:
            return "empty command"
for c in ["go north", "go up", "pick up sword shield", "pick up", "quit", "exit", "dance wildly", ""]:
    print(repr(c), "->", command(c))
def partial_bind(v):
    x = "before"
    match v:
        case [x, 2]:
            return f"matched x={x}"
        case _:
            return f"failed, x={x}"
print(partial_bind([1, 2]), partial_bind([1, 3]))
def no_match(v):
    match v:
        case 1:
            return "one"
    return "fell through"
print(no_match(2))
bad = [
    "match x:\n    case y:\n        pass\n    case 1:\n        pass\n",
    "match x:\n    case _:\n        pass\n    case 1:\n        pass\n",
    "match x:\n    case [a, a]:\n        pass\n",
    "match x:\n    case a | b:\n        pass\n",
    "match x:\n    case [*a, *b]:\n        pass\n",
    "match x:\n    case {**r, 'k': 1}:\n        pass\n",
    "match x:\n    case f():\n        pass\n",
]
for src in bad:
    try:
        compile(src, "<m>", "exec")
        print("compiled")
    except SyntaxError as e:
        print("SyntaxError", e.msg)
def eval_count():
    calls = []
    class Sub:
        def __init__(self):
            calls.append("created")
    match Sub():
        case Sub():
            pass
    return calls
print(eval_count())
class Eq:
    def __eq__(self, other):
        print("Eq.__eq__ called with", other)
        return True
class Holder:
    VALUE = Eq()
match 123:
    case Holder.VALUE:
        print("value pattern uses ==")
match [1, 2, 3]:
    case [1, *rest] if sum(rest) == 5:
        print("guard sees rest", rest)
match {"a": 1, "b": 2}:
    case {"a": 1, **rest} if not rest:
        print("no rest")
    case {"a": 1, **rest}:
        print("rest", rest)
