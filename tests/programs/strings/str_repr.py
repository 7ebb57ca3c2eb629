# repr/str/ascii of strings: quote selection, escapes, non-printables.
tests = ["plain", "it's", 'say "hi"', "both ' and \"", "tab\there", "nl\nx", "cr\rx", "bs\\x", "\x00\x01\x1f\x7f",
         "\x80\x9f\xa0\xad", "é日😀", "\u200b", "\u2028", "\ufeff", "\U000e0001", "\x0b\x0c", "\a\b", "'", '"', "'\"", ""]
for t in tests:
    print(repr(t), ascii(t), len(repr(t)))
print(str("abc"), repr(repr("a")), str(["a", 'b"c', "d'e"]), repr(("é",)), {"k": "v\n"})
class S(str):
    pass
x = S("sub")
print(repr(x), str(x), type(x).__name__, type(x + "a").__name__, type(str(x)).__name__, x.upper(), type(x.upper()).__name__)
print(str(b"bytes"), str(1.5), str(None), str(True), str(...), str(NotImplemented))
print(str(object) , repr(int), repr(len), str(type(None)))
try:
    str(b"abc", "utf-8", "strict", "extra")
except TypeError as e:
    print("TypeError", e)
print(str(b"caf\xc3\xa9", "utf-8"), str(b"caf\xe9", "latin-1"), str(b"x\xffy", "utf-8", "replace"), str(b"x\xffy", errors="ignore"))
