import _codecs as c


def t(label, f):
    try:
        r = f()
        print(label, repr(r))
    except Exception as e:
        print(label, type(e).__name__, e)
        for a in ("encoding", "start", "end", "reason", "object"):
            if hasattr(e, a):
                print("  ", a, repr(getattr(e, a)))


t("u8e", lambda: c.utf_8_encode("a\xe9\u20ac\U0001f600"))
t("u8d", lambda: c.utf_8_decode(b"a\xc3\xa9\xe2\x82"))
t("u8d final", lambda: c.utf_8_decode(b"a\xc3\xa9\xe2\x82", None, True))
t("u8d replace", lambda: c.utf_8_decode(b"a\xff\xc3b\xed\xa0\x80", "replace", True))
t("u8d ignore", lambda: c.utf_8_decode(b"a\xffb", "ignore"))
t("u8d backslash", lambda: c.utf_8_decode(b"a\xff\xfeb", "backslashreplace"))
t("u8d str", lambda: c.utf_8_decode("abc"))
t("u8d bytearray", lambda: c.utf_8_decode(bytearray(b"xy")))
t("u8d memoryview", lambda: c.utf_8_decode(memoryview(b"xyz")))
t("u8d strict", lambda: c.utf_8_decode(b"ab\x80cd"))
t("u8d bad handler ok", lambda: c.utf_8_decode(b"abc", "nonesuch"))
t("u8d bad handler", lambda: c.utf_8_decode(b"ab\x80", "nonesuch"))
t("u8e arg", lambda: c.utf_8_encode(b"x"))
t("u8e errors arg", lambda: c.utf_8_encode("x", 5))

t("l1e", lambda: c.latin_1_encode("a\xff"))
t("l1e err", lambda: c.latin_1_encode("a\u0100\u0101b"))
t("l1e replace", lambda: c.latin_1_encode("a\u0100\u0101b", "replace"))
t("l1e xml", lambda: c.latin_1_encode("a\u0100\U0001f600b", "xmlcharrefreplace"))
t("l1e bs", lambda: c.latin_1_encode("a\u0100\U0001f600b", "backslashreplace"))
t("l1d", lambda: c.latin_1_decode(b"\xe9\xff"))
t("asce", lambda: c.ascii_encode("ab\xe9"))
t("asce ignore", lambda: c.ascii_encode("ab\xe9c", "ignore"))
t("ascd", lambda: c.ascii_decode(b"ab\xe9"))
t("ascd replace", lambda: c.ascii_decode(b"ab\xe9\xe9c", "replace"))
t("asce surrogateescape", lambda: c.ascii_encode("a\xe9", "surrogateescape"))

for enc in ("utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be"):
    e = getattr(c, enc + "_encode")
    d = getattr(c, enc + "_decode")
    b = e("a\xe9\U0001f600")
    t(enc + " e", lambda: b)
    t(enc + " d", lambda: d(b[0]))
    t(enc + " d partial", lambda: d(b[:-1]))
    t(enc + " d final", lambda: d(b[:-1], "strict", True))
    t(enc + " d replace", lambda: d(b[:-1], "replace", True))

t("u16 bo", lambda: c.utf_16_encode("ab", None, 1))
t("u16 bo-", lambda: c.utf_16_encode("ab", None, -1))
t("u16ex", lambda: c.utf_16_ex_decode(b"\xfe\xff\x00a\x00"))
t("u16ex final", lambda: c.utf_16_ex_decode(b"\xfe\xff\x00a\x00", None, 0, True))
t("u16ex empty", lambda: c.utf_16_ex_decode(b""))
t("u16ex nobom", lambda: c.utf_16_ex_decode(b"a\x00", None, 0, True))
t("u16ex forced", lambda: c.utf_16_ex_decode(b"\xff\xfea\x00", None, 1, True))
t("u16 lone low", lambda: c.utf_16_le_decode(b"\x00\xdca\x00", "strict", True))
t("u16 bad pair", lambda: c.utf_16_le_decode(b"\x00\xd8a\x00", "strict", True))
t("u16 bad pair r", lambda: c.utf_16_le_decode(b"\x00\xd8a\x00", "replace", True))
t("u32 range", lambda: c.utf_32_le_decode(b"\x00\x00\x11\x00", "strict", True))
t("u32 surr", lambda: c.utf_32_le_decode(b"\x00\xd8\x00\x00", "strict", True))
t("u32ex", lambda: c.utf_32_ex_decode(b"\x00\x00\xfe\xff\x00\x00\x00a"))
t("u32 short", lambda: c.utf_32_decode(b"\xff\xfe\x00"))

t("u7e", lambda: c.utf_7_encode("a+b-\xe9\u20ac\U0001f600x \xe9.-~\\"))
for s in [b"a+AOk-b", b"+AOkA6Q", b"+AOkA6Q-", b"a+", b"a+-", b"+2D3eAA-", b"+A",
          b"+AOk", b"+AO", b"+!", b"\xff", b"+AOkA", b"+AOkA6Q.x"]:
    for f in (False, True):
        t("u7d %r %s" % (s, f), lambda: c.utf_7_decode(s, "strict", f))
    t("u7d %r replace" % s, lambda: c.utf_7_decode(s, "replace", True))
