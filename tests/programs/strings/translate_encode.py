# str.translate/maketrans, encode/decode with errors, ord/chr.
t = str.maketrans("abc", "xyz")
print(sorted(t.items()), "aabbcc-abc".translate(t))
t2 = str.maketrans("ab", "12", "c")
print(sorted(t2.items()), "abcabc".translate(t2))
t3 = str.maketrans({"a": "AA", "b": None, ord("c"): 67})
print(sorted(t3.items()), "abcd".translate(t3))
print("hello".translate({ord("l"): "L", ord("o"): None}), "xyz".translate({}))
try:
    str.maketrans("abc", "xy")
except ValueError as e:
    print("ValueError", e)
try:
    str.maketrans({"ab": 1})
except ValueError as e:
    print("ValueError", e)
try:
    "a".translate({97: 3.5})
except TypeError as e:
    print("TypeError", e)
s = "café 日本 😀"
for enc in ("utf-8", "utf-16", "utf-16-le", "utf-32-be", "latin-1", "ascii"):
    try:
        print(enc, s.encode(enc))
    except UnicodeEncodeError as e:
        print(enc, "UnicodeEncodeError", e)
for errors in ("ignore", "replace", "xmlcharrefreplace", "backslashreplace"):
    print(errors, s.encode("ascii", errors))
try:
    s.encode("no-such-codec")
except LookupError as e:
    print("LookupError", e)
print("abc".encode(), "abc".encode("UTF8"), "é".encode("Latin1"), "x".encode(encoding="utf_8"))
b = b"caf\xc3\xa9 \xff\xfe"
for errors in ("ignore", "replace", "backslashreplace", "surrogateescape"):
    d = b.decode("utf-8", errors)
    print(errors, ascii(d), len(d))
try:
    b.decode("utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", e, e.start, e.end, e.reason, e.encoding)
try:
    b"\xe6\x97".decode()
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", e)
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError", e, e.start, e.end, repr(e.object))
print(chr(65), chr(0x10FFFF) == "\U0010ffff", ord("A"), ord("\n"), ord("é"))
for bad in (-1, 0x110000):
    try:
        chr(bad)
    except ValueError as e:
        print("ValueError", e)
for bad in ("", "ab"):
    try:
        ord(bad)
    except TypeError as e:
        print("TypeError", e)
try:
    chr("a")
except TypeError as e:
    print("TypeError", e)
