# __repr__, __str__, __format__, __bytes__ and how builtins pick them.
class Both:
    def __repr__(self):
        return "Both-repr"
    def __str__(self):
        return "Both-str"
class ReprOnly:
    def __repr__(self):
        return "ReprOnly-repr"
class StrOnly:
    def __str__(self):
        return "StrOnly-str"
b, r, s = Both(), ReprOnly(), StrOnly()
print(b, r, s.__str__())
print(repr(b), str(b), repr(r), str(r), [b, r], (b,), {"k": b}, f"{b}", f"{b!r}", "%s %r" % (b, b), "{} {!r}".format(b, b))
print(repr(s).startswith("<__main__.StrOnly object at "), str(s), [s][0] is s)
class BadRepr:
    def __repr__(self):
        return 42
try:
    repr(BadRepr())
except TypeError as e:
    print("TypeError", e)
class BadStr:
    def __str__(self):
        return None
try:
    str(BadStr())
except TypeError as e:
    print("TypeError", e)
try:
    print(BadStr())
except TypeError as e:
    print("TypeError", e)
class ReprRaises:
    def __repr__(self):
        raise ValueError("repr failed")
try:
    print([ReprRaises()])
except ValueError as e:
    print("ValueError", e)
class Bytes:
    def __bytes__(self):
        return b"custom bytes"
print(bytes(Bytes()))
class BadBytes:
    def __bytes__(self):
        return "str"
try:
    bytes(BadBytes())
except TypeError as e:
    print("TypeError", e)
class StrSub(str):
    def __str__(self):
        return "overridden __str__"
ss = StrSub("value")
print(str(ss), ss, repr(ss), f"{ss}", "%s" % ss, ss + "!")
class Fmt:
    def __format__(self, spec):
        return f"<{spec}>"
print(format(Fmt(), "abc"), f"{Fmt():x>5}", "{:q}".format(Fmt()), "{0!s}".format(Both()))
class Ascii:
    def __repr__(self):
        return "répr"
print(ascii(Ascii()), repr(Ascii()), ascii([Ascii()]))
print(str(type(b)).startswith("<class '__main__.Both'>"), repr(Both), str(Both))
class Recur:
    def __init__(self):
        self.me = [self]
    def __repr__(self):
        return f"Recur({self.me})"
try:
    print(repr(Recur()))
except RecursionError as e:
    print("RecursionError", str(e)[:40])
