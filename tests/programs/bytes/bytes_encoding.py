# utf-8 encode/decode round trips and errors; bytes <-> str conversions.
texts = ["ascii", "café", "日本語", "😀", "mix é日😀", "\x00\x7f\x80\u07ff\u0800\uffff\U00010000\U0010ffff"]
for t in texts:
    enc = t.encode("utf-8")
    print(ascii(t), enc, len(enc), enc.decode("utf-8") == t)
bad = [b"\x80", b"\xc3", b"\xc3\x28", b"\xe2\x82", b"\xf0\x9f\x98", b"\xed\xa0\x80", b"\xf5\x80\x80\x80", b"\xc0\xaf", b"ok\xffok"]
for b in bad:
    try:
        b.decode("utf-8")
    except UnicodeDecodeError as e:
        print(b, e.reason, e.start, e.end)
    print(ascii(b.decode("utf-8", "replace")), ascii(b.decode("utf-8", "ignore")), ascii(b.decode("utf-8", "backslashreplace")))
try:
    "\ud800".encode("utf-8")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError", e.reason, e.start, e.end)
print("\ud800".encode("utf-8", "surrogatepass"), "\ud800x".encode("utf-8", "replace"), "\ud800x".encode("utf-8", "ignore"))
print(b"\xff\xfe".decode("latin-1"), "ÿþ".encode("latin-1"), "abc".encode("utf-16-be"), b"\x00a".decode("utf-16-be"))
print(b"abc".decode("ascii"), "abc".encode("ascii"), len("日".encode("utf-8")), len("日".encode("utf-16-le")))
try:
    "abc".decode()
except AttributeError as e:
    print("AttributeError", e)
try:
    b"abc".encode()
except AttributeError as e:
    print("AttributeError", e)
print(str(b"abc", "ascii"), bytes("xyz", encoding="utf-8"), bytes("é", "utf-8", "strict"))
try:
    bytes("é")
except TypeError as e:
    print("TypeError", e)
try:
    bytes("é", "ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError", e)
