# add_note/__notes__, custom exception classes with __init__/__str__, assert messages.
e = ValueError("base")
print(hasattr(e, "__notes__"))
e.add_note("first note")
e.add_note("second note")
print(e.__notes__, str(e))
try:
    e.add_note(5)
except TypeError as err:
    print("TypeError", err)
class AppError(Exception):
    def __init__(self, code, detail="none"):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail
    def __str__(self):
        return f"[{self.code}] {self.detail}"
try:
    raise AppError(404, "not found")
except AppError as err:
    print(type(err).__name__, err, repr(err), err.args, err.code)
class NoSuperInit(Exception):
    def __init__(self, x):
        self.x = x
try:
    raise NoSuperInit(5)
except NoSuperInit as err:
    print(repr(err), str(err), err.args, err.x)
class WithRepr(Exception):
    def __repr__(self):
        return "WithRepr!"
print(repr(WithRepr("m")), str(WithRepr("m")))
class Hier(LookupError):
    pass
try:
    raise Hier("custom lookup")
except LookupError as err:
    print("LookupError caught", type(err).__name__, err)
class KwInit(Exception):
    def __init__(self, *, reason):
        super().__init__(reason)
        self.reason = reason
try:
    raise KwInit(reason="kw")
except KwInit as err:
    print(err, err.reason)
for cond, msg in [(False, "plain"), (False, ("tuple", 1)), (False, None)]:
    try:
        assert cond, msg
    except AssertionError as err:
        print("AssertionError", repr(err), err.args)
try:
    assert 1 > 2
except AssertionError as err:
    print("no message", repr(err), str(err) == "")
def validate(x):
    assert isinstance(x, int), f"expected int, got {type(x).__name__}"
    return x
try:
    validate("s")
except AssertionError as err:
    print("AssertionError", err)
class StrRaises(Exception):
    def __str__(self):
        raise RuntimeError("str broken")
try:
    str(StrRaises())
except RuntimeError as err:
    print("RuntimeError", err)
err = KeyError("k")
err.add_note("note on key error")
print(repr(err), err.__notes__)
err.__notes__ = ["replaced"]
err.add_note("appended")
print(err.__notes__)
class Wrapped(Exception):
    pass
def layer():
    try:
        1 / 0
    except ZeroDivisionError as inner:
        w = Wrapped("layer failed")
        w.add_note(f"caused by {type(inner).__name__}")
        raise w from inner
try:
    layer()
except Wrapped as w:
    print(w, w.__notes__, type(w.__cause__).__name__)
