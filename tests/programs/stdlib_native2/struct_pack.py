import _struct as s


def t(label, f):
    try:
        r = f()
        print(label, repr(r))
    except Exception as e:
        print(label, type(e).__name__, e)


print(s.error, s.error.__module__, s.error.__mro__[1])
for fmt in ["b", "B", "?", "h", "H", "i", "I", "l", "L", "q", "Q", "n", "N", "e", "f", "d", "P", "c",
            "ci", "@ci", "=ci", "<ci", ">ci", "!ci", "ic", "hq", "bhiq", "0l", "c0l", "3s", "3p", "5x",
            "2h3i", " i  h ", "<qb", "xq", "@xe", "@bd"]:
    t("calcsize " + fmt, lambda: s.calcsize(fmt))
for fmt in ["z", "3", "<n", ">P", "=N", "i 3"]:
    t("bad " + fmt, lambda: s.calcsize(fmt))

vals = [0, 1, -1, 127, 128, 255, 256, -128, -129, 32767, 32768, 65535, 65536, -32769,
        2**31 - 1, 2**31, 2**32 - 1, 2**32, -2**31, -2**31 - 1, 2**63 - 1, 2**63, 2**64 - 1,
        2**64, -2**63, -2**63 - 1, 2**70, "x", 1.0, True]
msgs = {}


def short(f):
    # Results compactly: hex bytes, or the number of a distinct error message.
    try:
        return f().hex()
    except Exception as e:
        key = "%s: %s" % (type(e).__name__, e)
        return "E%d" % msgs.setdefault(key, len(msgs))


for o in "@=<>":
    for c in "bBhHiIlLqQ":
        print("pack", o + c, " ".join(short(lambda: s.pack(o + c, v)) for v in vals))
for k, v in msgs.items():
    print("  E%d" % v, k)
for c in "nN":
    for v in [0, -1, 2**63, 2**64]:
        t("pack %s %r" % (c, v), lambda: s.pack(c, v))


class I:
    def __index__(self):
        return 7


t("index", lambda: s.pack("i", I()))
t("index f", lambda: s.pack("d", I()))
for o in "<>":
    for c in "efd":
        for v in [0.0, -0.0, 1.5, -2.25, 1e-8, 65504.0, 65520.0, 1e10, 1e40, 1e300,
                  float("inf"), float("-inf"), 3, 5.960464477539063e-08, 2.9e-08, "x"]:
            t("pack %s%s %r" % (o, c, v), lambda: s.pack(o + c, v))
            try:
                b = s.pack(o + c, v)
                print("   back", s.unpack(o + c, b))
            except Exception:
                pass
print(s.unpack("<e", b"\x00\x7e")[0] != s.unpack("<e", b"\x00\x7e")[0])
t("nan f", lambda: s.pack("<d", float("nan")))
t("f native big", lambda: s.pack("f", 1e40))

t("?", lambda: s.pack("???", 0, [], "x"))
t("? back", lambda: s.unpack("??", b"\x00\x05"))
t("c", lambda: s.pack("c", b"a"))
t("c bad", lambda: s.pack("c", b"ab"))
t("c int", lambda: s.pack("c", 1))
t("c ba", lambda: s.pack("c", bytearray(b"a")))
t("s", lambda: s.pack("5s", b"ab"))
t("s trunc", lambda: s.pack("2s", b"abcd"))
t("s ba", lambda: s.pack("3s", bytearray(b"xyz")))
t("s bad", lambda: s.pack("3s", "abc"))
t("0s", lambda: s.pack("0s", b"ab"))
t("p", lambda: s.pack("4p", b"ab"))
t("p trunc", lambda: s.pack("3p", b"abcd"))
t("p long", lambda: s.unpack("300p", s.pack("300p", b"x" * 299))[0][:3])
t("p back", lambda: s.unpack("3p", b"\x05ab"))
t("x", lambda: s.pack("2xhx", 5))
t("align", lambda: s.pack("@bihq", 1, 2, 3, 4))
t("align unpack", lambda: s.unpack("@bihq", s.pack("@bihq", 1, -2, 3, -4)))
t("mixed", lambda: s.unpack(">iHq3sd?", s.pack(">iHq3sd?", -5, 60000, 2**40, b"abc", 2.5, True)))
t("count", lambda: s.pack("ii", 1))
t("count2", lambda: s.pack("i", 1, 2))
t("unpack size", lambda: s.unpack("i", b"abc"))
t("unpack str", lambda: s.unpack("i", "abcd"))
t("unpack ba", lambda: s.unpack("<i", bytearray(b"abcd")))
t("unpack mv", lambda: s.unpack("<h", memoryview(b"ab")))
t("unpack_from", lambda: s.unpack_from("<h", b"abcdefg", 3))
t("unpack_from kw", lambda: s.unpack_from("<h", buffer=b"abcdefg", offset=-2))
t("unpack_from neg", lambda: s.unpack_from("i", b"abcdefg", -9))
t("unpack_from short", lambda: s.unpack_from("i", b"abcdefg", 4))
t("unpack_from far", lambda: s.unpack_from("i", b"abcdefg", 8))
buf = bytearray(10)
t("pack_into", lambda: s.pack_into("<hi", buf, 2, 1, -1))
print(buf)
t("pack_into neg", lambda: s.pack_into("<h", buf, -2, 0x4142))
print(buf)
t("pack_into small", lambda: s.pack_into("i", bytearray(2), 0, 1))
t("pack_into off", lambda: s.pack_into("i", bytearray(8), 6, 1))
t("pack_into offneg", lambda: s.pack_into("i", bytearray(8), -9, 1))
t("pack_into bytes", lambda: s.pack_into("i", bytes(8), 0, 1))
t("pack_into count", lambda: s.pack_into("ii", bytearray(8), 0, 1))
t("iter_unpack", lambda: list(s.iter_unpack("<h", b"abcdef")))
t("iter_unpack bad", lambda: s.iter_unpack("i", b"abcdefg"))
t("iter_unpack zero", lambda: s.iter_unpack("", b"abcdefg"))
it = s.iter_unpack("<b", b"\x01\x02\x03")
print(it.__length_hint__(), next(it), it.__length_hint__(), list(it), type(it).__name__)

st = s.Struct("<ih")
print(st.format, st.size, st.pack(1, 2), st.unpack(b"\x01\x00\x00\x00\x02\x00"))
print(st.unpack_from(b"xx\x01\x00\x00\x00\x02\x00", 2), list(st.iter_unpack(bytes(12))))
print(s.Struct(b">q").format, type(st).__name__, type(st).__module__)
t("Struct int", lambda: s.Struct(5))
t("Struct bad", lambda: s.Struct("y"))
t("pack fmt int", lambda: s.pack(5))
t("pack Struct", lambda: s.pack(st, 1, 2))


class MyStruct(s.Struct):
    def __init__(self, fmt):
        super().__init__(fmt)
        self.extra = 1


ms = MyStruct("<H")
print(ms.pack(513), ms.extra, ms.size, isinstance(ms, s.Struct))
ba = bytearray(12)
mv = memoryview(ba)
s.pack_into("<hh", mv, 2, 1, 2)
s.pack_into("<h", mv[6:], 1, 0x4142)
t("pack_into strided", lambda: s.pack_into("<b", mv[::2], 5, 7))
print(ba)
t("pack_into ro view", lambda: s.pack_into("<h", memoryview(b"abcd"), 0, 1))
t("pack_into ro view2", lambda: s.pack_into("<h", memoryview(ba).toreadonly(), 0, 1))
