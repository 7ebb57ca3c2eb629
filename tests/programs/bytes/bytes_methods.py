# bytes methods mirror str methods.
b = b"  Hello, World!  "
print(b.strip(), b.lstrip(), b.rstrip(), b.strip(b" !"), b.upper(), b.lower(), b.swapcase(), b.title())
print(b.split(), b.split(b","), b"a,b,,c".split(b",", 1), b"a b c".rsplit(None, 1), b"x\ny\r\nz".splitlines(), b"x\ny".splitlines(True))
print(b.find(b"o"), b.rfind(b"o"), b.index(b"W"), b.count(b"l"), b.find(111), b.count(108), b.startswith(b"  H"), b.endswith((b"!", b"  ")))
print(b",".join([b"a", b"b"]), b"".join([bytearray(b"x"), b"y", memoryview(b"z")]), b.replace(b"l", b"L", 2))
try:
    b",".join(["a"])
except TypeError as e:
    print("TypeError", e)
print(b"abc".partition(b"b"), b"abc".rpartition(b"x"), b"ab".center(6, b"*"), b"ab".ljust(4), b"ab".rjust(4, b"0"), b"42".zfill(5))
print(b"abc".isalpha(), b"123".isdigit(), b"a1".isalnum(), b" \t".isspace(), b"ABC".isupper(), b"abc".islower(), b"Ab Cd".istitle(), b"\xff".isascii())
print(b"hello".capitalize(), b"a\tb".expandtabs(4), b"abc".translate(bytes.maketrans(b"abc", b"xyz")), b"abcabc".translate(None, b"b"))
print(b"prefix-x".removeprefix(b"prefix-"), b"x.txt".removesuffix(b".txt"))
print(b"caf\xc3\xa9".decode("utf-8"), b"caf\xe9".decode("latin-1"), b"\xff".decode("utf-8", "replace"), b"\xffabc".decode("ascii", "ignore"))
try:
    b"\xffabc".decode("ascii")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", e)
print(b"%d-%s" % (5, b"x"), b"abc"[1], b"abc"[1:2], b"a\x00b".split(b"\x00"))
print(bytes.fromhex("00ff").hex(), b"x" * 0, b"ab" < b"abc", sorted([b"b", b"a", b"ab"]))
