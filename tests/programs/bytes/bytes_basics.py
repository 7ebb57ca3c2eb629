# bytes literals, indexing gives ints, slicing, repr, constructors.
b = b"hello\x00\xff\n\t'\""
print(b, repr(b), len(b), b[0], b[-1], b[1:3], type(b[0]).__name__, type(b[1:2]).__name__, b[::-1])
print(bytes(3), bytes([65, 66, 67]), bytes(range(5)), bytes("é", "utf-8"), bytes(b"copy"), bytes(), bytes(bytearray(b"ba")))
for bad in ([256], [-1], ["a"], "str", 1.5):
    try:
        bytes(bad)
    except Exception as e:
        print(type(e).__name__, e)
try:
    bytes(-1)
except ValueError as e:
    print("ValueError", e)
print(b"a" + b"b", b"ab" * 3, 65 in b"ABC", b"BC" in b"ABC", b"" in b"x", b"abc" < b"abd", b"abc" == b"abc", b"a" == "a")
try:
    b"a" + "b"
except TypeError as e:
    print("TypeError", e)
try:
    256 in b"abc"
except ValueError as e:
    print("ValueError", e)
try:
    "a" in b"abc"
except TypeError as e:
    print("TypeError", e)
try:
    b"abc"[0] = 1
except TypeError as e:
    print("TypeError", e)
print(list(b"abc"), [x for x in b"\x01\x02"], sum(b"\x01\x02\x03"), max(b"az"))
print(repr(b"'"), repr(b'"'), repr(b"'\""), repr(bytes(range(0, 256, 15))))
print(b"\x7f\x80", rb"\x00", b"\\", bytes.fromhex("de ad BE EF"), b"\xde\xad".hex(), b"abc".hex(":"), b"abcdef".hex("-", 2), b"".hex())
try:
    bytes.fromhex("abc")
except ValueError as e:
    print("ValueError", e)
try:
    bytes.fromhex("zz")
except ValueError as e:
    print("ValueError", e)
print(hash(b"abc") == hash(b"abc"), {b"k": 1}[b"k"], str(b"x"), b"x".decode(), bytes("abc", "ascii").decode("ascii"))
print(b"abc".__len__(), b"abc"[5:], b"abc"[-10:2], bytes([1, 2]) == b"\x01\x02")
m = memoryview(b"abcdef")
print(m[0], m[1:3].tobytes(), bytes(m[::2]), len(m), m.tolist()[:3], m.readonly)
