# Deterministic pseudo-random inputs through the decoders and encoders, with several
# error handlers and both `final` values.
import _codecs as c

state = 12345


def rnd(n):
    global state
    out = bytearray()
    for _ in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        out.append((state >> 16) & 0xFF)
    return bytes(out)


def show(label, f):
    try:
        r = f()
        print(label, ascii(r))
    except Exception as e:
        print(label, type(e).__name__, ascii(str(e)))


alphabet = b"abc+-/=\\xuU0189AFaf\n \x80\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xed\xa0\xff\x00\xd8\xdc"
def res(f):
    try:
        return ascii(f())
    except Exception as e:
        return "%s(%s)" % (type(e).__name__, ascii(str(e)))


def no_bad_escapes(d):
    # Invalid escapes make CPython print DeprecationWarnings (stderr); keep them out.
    out = bytearray(d)
    for k in range(len(out)):
        if out[k] == 0x5C and k + 1 < len(out) and out[k + 1] not in b"\\'\"abfnrtvx01234567uU\n":
            out[k] = 0x62
    return bytes(out)


for i in range(18):
    raw = rnd(1 + i % 13)
    data = no_bad_escapes(bytes(alphabet[b % len(alphabet)] for b in raw))
    for errors in ("strict", "replace", "backslashreplace"):
        for final in (False, True):
            print(i, errors, final, " ".join(res(f) for f in (
                lambda: c.utf_8_decode(data, errors, final),
                lambda: c.utf_16_decode(data, errors, final),
                lambda: c.utf_16_be_decode(data, errors, final),
                lambda: c.utf_32_decode(data, errors, final),
                lambda: c.utf_7_decode(data, errors, final),
                lambda: c.unicode_escape_decode(data, errors, final),
                lambda: c.raw_unicode_escape_decode(data, errors, final))))
        print(i, errors, res(lambda: c.ascii_decode(data, errors)),
              res(lambda: c.escape_decode(data, errors)))

texts = ["", "abc", "a+b", "\xe9t\xe9", "\u20ac\U0001f600", "+-+", "a~\\b", "x\ty\nz", "\u0100" * 5,
         "A+ImIDkQ.", "Hi Mom -\u263a-!", "\u65e5\u672c\u8a9e", "\x00\x7f\x80"]
for s in texts:
    for f in ("utf_7", "utf_8", "utf_16", "utf_32", "unicode_escape", "raw_unicode_escape"):
        enc = getattr(c, f + "_encode")
        dec = getattr(c, f + "_decode")
        show("enc %s %s" % (f, ascii(s)), lambda: enc(s))
        show("rt %s %s" % (f, ascii(s)), lambda: dec(enc(s)[0])[0] == s)
    for errors in ("replace", "ignore", "backslashreplace", "xmlcharrefreplace"):
        show("latin1 %s %s" % (ascii(s), errors), lambda: c.latin_1_encode(s, errors))
        show("ascii %s %s" % (ascii(s), errors), lambda: c.ascii_encode(s, errors))
