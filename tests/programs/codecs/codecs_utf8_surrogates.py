# UTF-8: surrogateescape takes the escapable head of a surrogate run; incremental
# surrogatepass waits on a truncated surrogate.
import codecs
for s in ["[\uDC80]", "[\uDC80\uD800\uDFFF]", "\uDC80\uDCFF\uD800x", "\uD800\uDC80"]:
    for errors in ["surrogateescape", "surrogatepass", "replace", "ignore", "backslashreplace"]:
        try:
            print(ascii(s), errors, s.encode("utf-8", errors))
        except UnicodeEncodeError as e:
            print(ascii(s), errors, "error", e.start, e.end, ascii(e.object[e.start:e.end]))
for ch in ["\uD901", "\uDC02"]:
    data = ch.encode("utf-8", "surrogatepass")
    for i in range(1, len(data)):
        dec = codecs.getincrementaldecoder("utf-8")("surrogatepass")
        print(ascii(dec.decode(data[:i])), ascii(dec.decode(data[i:], True)))
dec = codecs.getincrementaldecoder("utf-8")()
print(ascii(dec.decode(b"\xed\xa0")))
try:
    dec.decode(b"", True)
except UnicodeDecodeError as e:
    print(e)
