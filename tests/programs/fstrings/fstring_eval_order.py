# Evaluation order and side effects in f-strings and format calls.
log = []
def v(tag, value):
    log.append(tag)
    return value
s = f"{v('a', 1)}-{v('b', 2):{v('c', '>')}{v('d', 5)}}-{v('e', 3)!r}"
print(s, log)
log.clear()
s = "{}-{}".format(v("x", 1), v("y", 2))
print(s, log)
class Fmt:
    def __init__(self):
        self.calls = []
    def __format__(self, spec):
        self.calls.append(spec)
        return "F[" + spec + "]"
    def __str__(self):
        return "S"
    def __repr__(self):
        return "R"
f = Fmt()
print(f"{f}", f"{f:abc}", f"{f!s}", f"{f!r}", f"{f!s:>3}", f"{f:{'x' * 2}}", f.calls)
i = 0
def inc():
    global i
    i += 1
    return i
print(f"{inc()} {inc()} {inc()}", i)
items = ["a", "b"]
print(f"{', '.join(items)}", f"{len(items) * 2}", f"{items!r}")
print(f"{'{'}", f"{'}'}", f"{{}}", f"{{x}}")
print(f"{1:{2}}|", f"{'x':{3}}|", f"{3.14159:.{2}}")
print(f"{-5:+}", f"{5:+}", f"{-5: }", f"{5: }")
pct = 0.12345
print(f"{pct:.1%}", f"{pct * 100:.1f}%")
print(f"{'abc'[::-1]}", f"{(1, 2)}", f"{1, 2}" if False else "skip-tuple", f"{[1, 2][0]}")
