import _codecs as c


def t(label, f):
    try:
        r = f()
        print(label, repr(r))
    except Exception as e:
        print(label, type(e).__name__, e)


seen = []


def search(name):
    seen.append(name)
    if name == "myrot":
        return (lambda s, errors="strict": (s[::-1].encode("ascii"), len(s)),
                lambda b, errors="strict": (bytes(b)[::-1].decode("ascii"), len(b)),
                None, None)
    if name == "badcodec":
        return 5
    if name == "badresult":
        return (lambda s, errors="strict": 5, lambda b, errors="strict": "x", None, None)
    return None


t("lookup before", lambda: c.lookup("myrot"))
c.register(search)
for n in ["MyRot", "my rot", "Foo Bar", "a-b_c.d", "  x  ", "\xc4B", "Ab--C"]:
    t("lookup " + repr(n), lambda: c.lookup(n)[0] is not None)
print(seen)
info = c.lookup("myrot")
print(info is c.lookup("MYROT"), len(info))
t("encode", lambda: c.encode("abc", "myrot"))
t("decode", lambda: c.decode(b"cba", "myrot"))
t("encode kw", lambda: c.encode(obj="xyz", encoding="myrot", errors="strict"))
t("bad search", lambda: c.lookup("badcodec"))
t("bad result e", lambda: c.encode("x", "badresult"))
t("bad result d", lambda: c.decode(b"x", "badresult"))
t("unknown", lambda: c.encode("x", "nonesuch-codec"))
t("lookup int", lambda: c.lookup(3))
t("register noncallable", lambda: c.register(5))
t("encode bad errors", lambda: c.decode(b"x", "ascii", 5))
c.unregister(search)
t("after unregister", lambda: c.lookup("myrot2"))

t("strict", lambda: c.lookup_error("strict"))
t("register_error bad", lambda: c.register_error("x", 5))
t("lookup_error bad", lambda: c.lookup_error("bogus"))
t("strict call", lambda: c.lookup_error("strict")(ValueError("boom")))
t("strict nonexc", lambda: c.lookup_error("strict")(5))
t("ignore nonexc", lambda: c.lookup_error("ignore")(5))
ue = UnicodeEncodeError("ascii", "a\xe9\u1234\U0001f600b", 1, 4, "bad")
ud = UnicodeDecodeError("utf-8", b"a\xff\xfeb", 1, 3, "bad")
for h in ("ignore", "replace", "backslashreplace", "xmlcharrefreplace"):
    t(h + " enc", lambda: c.lookup_error(h)(ue))
    t(h + " dec", lambda: c.lookup_error(h)(ud))
t("surrogateescape enc", lambda: c.lookup_error("surrogateescape")(ue))
t("surrogatepass enc", lambda: c.lookup_error("surrogatepass")(ue))
t("surrogateescape ascii dec", lambda: c.lookup_error("surrogateescape")(
    UnicodeDecodeError("ascii", b"a\x41b", 1, 2, "bad")))


def h5(e):
    return 5


def h100(e):
    return ("X", 100)


def hm1(e):
    return ("\xe9", -1)


def hb(e):
    return (b"\xe9", e.end)


def hrec(e):
    print("   handler got", type(e).__name__, e.encoding, repr(e.object), e.start, e.end, e.reason)
    return ("<%d:%d>" % (e.start, e.end), e.end)


for name, f in [("h5", h5), ("h100", h100), ("hm1", hm1), ("hb", hb), ("hrec", hrec)]:
    c.register_error(name, f)
print(c.lookup_error("hrec") is hrec)
t("h5 dec", lambda: c.ascii_decode(b"a\xff", "h5"))
t("h5 enc", lambda: c.ascii_encode("a\xff", "h5"))
t("h100", lambda: c.ascii_decode(b"a\xff", "h100"))
t("hm1", lambda: c.ascii_encode("a\xff\xffb", "hm1"))
t("hb enc", lambda: c.ascii_encode("a\xff\xffb", "hb"))
t("hb dec", lambda: c.ascii_decode(b"a\xff\xffb", "hb"))
t("hrec u8", lambda: c.utf_8_decode(b"a\xff\xe2\x82b\xc3", "hrec", True))
t("hrec latin1", lambda: c.latin_1_encode("a\u0100\u0101b\u0102", "hrec"))
t("hrec u16", lambda: c.utf_16_le_decode(b"a\x00\x00\xdcb", "hrec", True))
t("hrec cm", lambda: c.charmap_decode(b"\x00\x05", "hrec", "ab"))
t("hrec str.encode", lambda: "a\xe9".encode("ascii", "hrec"))
t("hrec bytes.decode", lambda: b"a\xe9".decode("ascii", "hrec"))
t("native enc", lambda: c.encode("\xe9", "latin-1"))
t("native dec", lambda: c.decode(b"\xc3\xa9", "utf-8"))
t("native enc err", lambda: c.encode(b"x", "utf-8"))
t("native dec err", lambda: c.decode(b"\xff", "ascii"))


# str.encode / bytes.decode reach registered codecs too.
def search2(name):
    if name == "rev_text":
        return (lambda s, errors="strict": (s[::-1].encode("latin-1"), len(s)),
                lambda b, errors="strict": (bytes(b)[::-1].decode("latin-1"), len(b)),
                None, None)
    if name == "wrong_types":
        return (lambda s, errors="strict": (s, len(s)),
                lambda b, errors="strict": (memoryview(b), len(b)),
                None, None)
    return None


c.register(search2)
t("str.encode registry", lambda: "abc\xe9".encode("rev-text"))
t("bytes.decode registry", lambda: b"abc\xe9".decode("REV_TEXT"))
t("str.encode wrong type", lambda: "abc".encode("wrong_types"))
t("bytes.decode wrong type", lambda: b"abc".decode("wrong_types"))
t("str.encode unknown", lambda: "abc".encode("nonesuch"))
