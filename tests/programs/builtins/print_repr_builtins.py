# print: sep, end, file=sys.stderr, flush; repr/str/ascii on many builtin values.
import sys
print("a", "b", "c")
print("a", "b", sep="")
print("a", "b", sep=" | ", end=" <end>\n")
print()
print("", end="")
print(1, 2.0, None, True, [1], (2,), {3: 4}, {5}, sep=";")
print("no newline", end="")
print(" continued")
print("to stderr", file=sys.stderr)
print("flushed", flush=True)
print(*range(5))
print(*[], sep="x")
print("multi\nline")
print("sep None", "end None", sep=None, end=None)
try:
    print("x", sep=5)
except TypeError as e:
    print("TypeError", e)
try:
    print("x", end=[])
except TypeError as e:
    print("TypeError", e)
try:
    print("x", file=5)
except AttributeError as e:
    print("AttributeError", e)
class Writer:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
        return len(s)
    def flush(self):
        self.parts.append("<flush>")
w = Writer()
print("hello", "world", file=w, sep="-", end="!", flush=True)
print(w.parts)
print(repr(None), repr(True), repr(...), repr(NotImplemented), repr(1e100), repr(-0.0), repr(2 ** 64))
print(str(b"\x00\xff"), repr(bytearray(b"ab")), repr(range(0, 5, 2)), repr(slice(1, None, 2)))
print(repr(frozenset()), repr(set()), repr({}), repr(()), repr([]), repr(""), repr(b""))
print(repr(int), repr(Writer), repr(print), repr(str.join), repr(type(None)))
print(ascii("ü"), ascii(b"\xfc"), ascii(["ü", "x"]), ascii({"ü": 1}))
sys.stdout.write("direct write\n")
n = sys.stdout.write("count me\n")
print(n)
print("last stderr line", file=sys.stderr)
