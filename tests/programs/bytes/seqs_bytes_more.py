# bytes/bytearray: %-formatting, hex, constructors, comparisons and subclasses.
print(b"%d %i %u %o %x %X %c %%" % (1, 2, 3, 8, 255, 255, 65))
print(b"%5.2f|%-6.1e|%g|%G|%#x|%#o|%+d|% d|%05d" % (3.14159, 31415.9, 1e-5, 1e20, 255, 8, 5, 5, -42))
print(b"%s %b %r %a" % (b"x", bytearray(b"y"), b"z", "\xe9"))
print(b"%(a)s=%(b)d" % {b"a": b"key", b"b": 7}, b"%*d|%-*d|%.*s" % (4, 1, 4, 2, 2, b"abc"))
print(bytearray(b"%s!") % b"hi", b"%c%c" % (b"A", 66), b"%.0f %.1f" % (2.5, 0.05))
for bad in ["b'%s' % 'x'", "b'%d' % 'x'", "b'%x' % 1.5", "b'%c' % 256", "b'%' % ()", "b'%s %s' % (b'a',)",
            "b'ab' % 1", "b'%z' % 1", "b'%(a)s' % (1,)", "b'%f' % 'a'"]:
    try:
        print(bad, "->", eval(bad))
    except Exception as e:
        print(bad, "!!", type(e).__name__, e)
class B(bytes):
    pass
b = B(b"abc")
print(type(b).__name__, b, b.upper(), type(b.upper()).__name__, b + b"d", type(b[0:2]).__name__, bytes(b))
print(b"abc" == bytearray(b"abc"), b"ab" < b"abc", bytearray(b"b") > b"a", b"" <= b"", b"a" != "a")
print(bytes.fromhex("0a 0B ff"), bytearray.fromhex(""), b"\x00\xff".hex(), b"abcdef".hex(":", 4), b"abcdef".hex(":", -4))
print(bytes(range(250, 256)), bytearray(b"ab") * 2, 3 * b"-", b"ab".join([b"1", bytearray(b"2"), b"3"]))
print(b"a,b,,c".split(b","), b"a,b,,c".rsplit(b",", 1), b"  x  y  ".split(None, 1), b"  x  y  ".rsplit(None, 1))
print(b"abcabc".replace(b"b", b"XY"), b"abc".replace(b"", b"."), b"aaaa".count(b"aa"), b"abc".count(b""))
print(b"hello".center(11, b"*"), b"hello".ljust(8, b"."), b"hello".rjust(8), b"-7".zfill(5), b"x".zfill(0))
print(b"Hello World".swapcase(), b"hello wORLD".title(), b"HELLO".capitalize(), b"a\tbc\td".expandtabs(4))
print(b"xxhixx".strip(b"x"), b"  hi".lstrip(), b"hi\n\t ".rstrip(), b"www.example.com".removeprefix(b"www."))
print(b"a\nb\r\nc\rd".splitlines(), b"a\nb\r\nc\rd\n".splitlines(True), b"".splitlines())
print(b"abc".startswith((b"x", b"ab")), b"abc".endswith(b"c", 0, 2), b"abc".find(b"c", -1), b"abc".rfind(99), b"abc".index(b"a"))
print(b"abc".translate(bytes.maketrans(b"ac", b"CA")), b"hello".translate(None, b"l"), bytearray(b"xyz").translate(None, b"y"))
print(b"Az09".isalnum(), b"".isdigit(), b"ABC def".istitle(), b"Abc Def".istitle(), b"ab1".islower(), b" \x0b".isspace())
ba = bytearray(b"abcdef")
ba[1:3] = b""
ba[-1:] = [88, 89]
ba[::2] = b"123"
print(ba, ba.pop(), ba.pop(0), ba)
ba.extend(range(65, 68))
ba.insert(-1, 0x5a)
ba += b"!"
ba *= 2
print(ba, len(ba), ba.count(b"A"), ba.find(b"Z"), list(ba[:3]))
for bad in ["bytearray(b'a').extend(5)", "bytearray(b'a').append(-1)", "bytearray(b'a')[5]", "b'a'[5]",
            "bytearray(b'ab').__setitem__(slice(0, 1), 5)", "bytes([1, 300])", "bytearray([1, 300])",
            "bytes(1.5)", "bytes('x', 'bogus')", "b'x'.decode('bogus')", "bytes.fromhex('1 2')"]:
    try:
        print(bad, "->", eval(bad))
    except Exception as e:
        print(bad, "!!", type(e).__name__, e)
for raw in [b"\xff", b"ab\xc3", b"\xc3\x28", b"\xf0\x9f\x98\x80", b"\xe2\x82\xac!", b"\x80abc"]:
    try:
        print(raw.decode())
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError", e.start, e.end, e.reason, "|", e)
    print(raw.decode("utf-8", "replace") == raw.decode(errors="replace"), ascii(raw.decode("latin-1")))
