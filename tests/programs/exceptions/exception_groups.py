# ExceptionGroup / BaseExceptionGroup, split, subgroup, except*.
eg = ExceptionGroup("many", [ValueError("v1"), TypeError("t1"), ValueError("v2")])
print(type(eg).__name__, str(eg), repr(eg), len(eg.exceptions), eg.message)
match, rest = eg.split(ValueError)
print(repr(match), repr(rest))
print(repr(eg.subgroup(TypeError)), eg.subgroup(KeyError))
print(repr(eg.split(lambda e: "2" in str(e))))
nested = ExceptionGroup("outer", [ValueError("a"), ExceptionGroup("inner", [TypeError("b"), ValueError("c")])])
m, r = nested.split(ValueError)
print(repr(m))
print(repr(r))
print(repr(nested.subgroup(lambda e: isinstance(e, ExceptionGroup) and e.message == "inner")))
beg = BaseExceptionGroup("base", [KeyboardInterrupt(), ValueError("x")])
print(type(beg).__name__, repr(beg))
beg2 = BaseExceptionGroup("only exc", [ValueError("x")])
print(type(beg2).__name__)
for bad in [lambda: ExceptionGroup("m", []), lambda: ExceptionGroup("m", [1]), lambda: ExceptionGroup("m", ValueError()),
            lambda: ExceptionGroup("m", [KeyboardInterrupt()]), lambda: ExceptionGroup(5, [ValueError()])]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    raise ExceptionGroup("eg", [ValueError("v"), TypeError("t"), KeyError("k")])
except* ValueError as e:
    print("caught ValueError group", repr(e))
except* (TypeError, KeyError) as e:
    print("caught Type/Key group", repr(e))
try:
    try:
        raise ExceptionGroup("eg", [ValueError("v"), OSError("o")])
    except* ValueError:
        print("handled ValueError part")
except ExceptionGroup as e:
    print("unhandled remainder", repr(e))
try:
    raise ValueError("naked")
except* ValueError as e:
    print("naked wrapped", repr(e), type(e).__name__)
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ValueError:
        raise KeyError("raised in except*")
except Exception as e:
    print(type(e).__name__, repr(e), repr(e.exceptions if hasattr(e, "exceptions") else None))
try:
    raise ExceptionGroup("eg", [ValueError(1), ValueError(2)])
except* ValueError as e:
    print("both in one", repr(e))
except* TypeError:
    print("not reached")
class MyEG(ExceptionGroup):
    pass
meg = MyEG("mine", [ValueError("z")])
print(type(meg.split(ValueError)[0]).__name__, type(meg.subgroup(ValueError)).__name__)
eg2 = ExceptionGroup("noted", [ValueError("n")])
eg2.add_note("a note")
m2, _ = eg2.split(ValueError)
print(m2.__notes__ if hasattr(m2, "__notes__") else None, m2 is eg2)
try:
    compile("try:\n    pass\nexcept* ValueError:\n    pass\nexcept TypeError:\n    pass\n", "<s>", "exec")
except SyntaxError as e:
    print("SyntaxError", e.msg)
try:
    compile("try:\n    pass\nexcept*:\n    pass\n", "<s>", "exec")
except SyntaxError as e:
    print("SyntaxError", e.msg)
print(eg.derive([KeyError("d")]).message, repr(eg.derive([KeyError("d")])))
