import _codecs as c


def t(label, f):
    try:
        r = f()
        print(label, repr(r))
    except Exception as e:
        print(label, type(e).__name__, e)
        for a in ("start", "end", "reason"):
            if hasattr(e, a):
                print("  ", a, repr(getattr(e, a)))


t("ee", lambda: c.escape_encode(b"a\x00\n\t\r\\'\"\x7f\xff"))
t("ee str", lambda: c.escape_encode("abc"))
t("ed", lambda: c.escape_decode(b"a\\x41\\n\\101\\\n\\b\\f\\v\\a\\0"))
t("ed str", lambda: c.escape_decode("a\\x41\xe9"))
t("ed badx", lambda: c.escape_decode(b"ab\\x4"))
t("ed badx replace", lambda: c.escape_decode(b"\\x4g", "replace"))
t("ed badx ignore", lambda: c.escape_decode(b"\\x4g", "ignore"))
t("ed badx unknown", lambda: c.escape_decode(b"\\x4g", "bogus"))
t("ed trailing", lambda: c.escape_decode(b"abc\\"))
t("ued", lambda: c.unicode_escape_encode("a\x00\n\t\r\\'\"\x7f\xff\u1234\U0001f600 "))
t("udd", lambda: c.unicode_escape_decode(b"a\\x41\\u00e9\\U0001f600\\101\xff\\'"))
t("udd str", lambda: c.unicode_escape_decode("\\u00e9"))
t("udd trunc u", lambda: c.unicode_escape_decode(b"\\u12"))
t("udd partial", lambda: c.unicode_escape_decode(b"ab\\u12", None, False))
t("udd partial bs", lambda: c.unicode_escape_decode(b"ab\\", None, False))
t("udd end bs", lambda: c.unicode_escape_decode(b"ab\\", None, True))
t("udd range", lambda: c.unicode_escape_decode(b"\\U00110000"))
t("udd replace", lambda: c.unicode_escape_decode(b"\\u12xy", "replace"))
t("udd trunc x", lambda: c.unicode_escape_decode(b"\\x4"))
t("udd N malformed", lambda: c.unicode_escape_decode(b"\\Nx"))
t("rue", lambda: c.raw_unicode_escape_encode("a\\\xff\u1234\U0001f600"))
t("rud", lambda: c.raw_unicode_escape_decode(b"a\\u00e9\\\\u00e9\\x41\xff\\U0001f600"))
t("rud trunc", lambda: c.raw_unicode_escape_decode(b"\\u12"))
t("rud partial", lambda: c.raw_unicode_escape_decode(b"\\u12", "strict", False))
t("rud range", lambda: c.raw_unicode_escape_decode(b"\\U00110000"))
t("rbe str", lambda: c.readbuffer_encode("\xe9"))
t("rbe ba", lambda: c.readbuffer_encode(bytearray(b"xy")))

table = "abc\ufffe" + "".join(chr(0x100 + i) for i in range(4))
t("cmd str", lambda: c.charmap_decode(b"\x00\x01\x05", None, table))
t("cmd undef", lambda: c.charmap_decode(b"\x00\x03", None, table))
t("cmd beyond", lambda: c.charmap_decode(b"\x00\x20", "replace", table))
t("cmd dict", lambda: c.charmap_decode(b"\x00\x01\x02", None, {0: "x", 1: 0x263a, 2: None}))
t("cmd dict ignore", lambda: c.charmap_decode(b"\x00\x01\x02", "ignore", {0: "xy", 1: 0x263a}))
t("cmd dict badval", lambda: c.charmap_decode(b"\x00", None, {0: 1.5}))
t("cmd dict range", lambda: c.charmap_decode(b"\x00", None, {0: 0x110000}))
t("cmd none", lambda: c.charmap_decode(b"\xe9", None, None))
m = c.charmap_build(table)
t("cme", lambda: c.charmap_encode("ab\u0101", None, m))
t("cme undef", lambda: c.charmap_encode("ab\u0201\u0202c", None, m))
t("cme dict", lambda: c.charmap_encode("ab", None, {97: 1, 98: b"XY"}))
t("cme dict replace", lambda: c.charmap_encode("abz", "replace", {97: 1, 98: b"XY", 63: 0x3f}))
t("cme dict badval", lambda: c.charmap_encode("a", None, {97: "x"}))
t("cme dict range", lambda: c.charmap_encode("a", None, {97: 300}))
t("cme none", lambda: c.charmap_encode("\xe9", None, None))
