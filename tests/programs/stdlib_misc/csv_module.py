# Differential test of the _csv module through csv.py: reader/writer, dialects, quoting, errors.
import csv, io, _csv

print(_csv.__version__, csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC, csv.QUOTE_NONE)
print(sorted(csv.list_dialects()))


def rd(text, **kw):
    try:
        return list(csv.reader(io.StringIO(text, newline=""), **kw))
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


def wr(rows, **kw):
    s = io.StringIO()
    try:
        w = csv.writer(s, **kw)
        for r in rows:
            w.writerow(r)
    except Exception as e:
        return "%s: %s (%r)" % (type(e).__name__, e, s.getvalue())
    return s.getvalue()


for text in [
    "a,b,c\r\n1,2,3\r\n",
    'a,"b,c",d\n"x""y",z\n',
    '"multi\nline",x\r\nend\r\n',
    "\n\na,b\n\n",
    "a,b,\n,,\n",
    '"unterminated',
    'a"b,c\n',
    '"a"b,c\n',
    "  a,  b\n",
    "a\rb\rc",
    "x\x00y,z\n",
]:
    print(repr(text), rd(text))
print(rd('"a"b,c\n', strict=True))
print(rd('"unterminated', strict=True))
print(rd("  a,  b\n", skipinitialspace=True))
print(rd("a\\,b,c\\\nd\n", escapechar="\\"))
print(rd('"a\\"b",c\n', escapechar="\\", doublequote=False))
print(rd('"a""b",c\n', doublequote=False))
print(rd("1,2.5,\"x\",-3\n", quoting=csv.QUOTE_NONNUMERIC))
print(rd("1,abc\n", quoting=csv.QUOTE_NONNUMERIC))
print(rd('a,"b",c\n', quoting=csv.QUOTE_NONE))
print(rd("a;b;'c;d'\n", delimiter=";", quotechar="'"))
print(rd("a\tb\n", dialect="excel-tab"))
print(rd("a\nb\x0cc\n"))
print(rd("a,b\nc\rd\n"))

r = csv.reader(["a,b", "c,d", '"e', 'f"'])
for row in r:
    print(r.line_num, row)
print(r.dialect.delimiter, r.dialect.quoting, r.dialect.lineterminator == "\r\n")
try:
    next(csv.reader([b"a,b"]))
except csv.Error as e:
    print("Error", e)

rows = [
    ["a", "b c", "d,e", 'f"g', "", None, 1, 2.5, True],
    ["line\nbreak", "cr\rx", " lead"],
    [""],
    [],
    [None],
]
print(repr(wr(rows)))
print(repr(wr(rows, quoting=csv.QUOTE_ALL)))
print(repr(wr(rows, quoting=csv.QUOTE_NONNUMERIC)))
print(repr(wr([["a", "b"], ["c,d"]], quoting=csv.QUOTE_NONE)))
print(repr(wr([["a", "b"], ["c,d"]], quoting=csv.QUOTE_NONE, escapechar="\\")))
print(repr(wr([[""]], quoting=csv.QUOTE_NONE)))
print(repr(wr([['a"b']], doublequote=False)))
print(repr(wr([['a"b', "c\\d"]], doublequote=False, escapechar="\\")))
print(repr(wr([["a", "b"]], lineterminator="\n", delimiter="\t")))
print(repr(wr([["a b", "c"]], delimiter=" ")))
print(repr(wr([1])))
print(repr(wr(rows, dialect="unix")))

# round trip
data = [["name", "value"], ["x,1", 'q"q'], ["multi\nline", ""], ["", "end"]]
s = io.StringIO()
csv.writer(s).writerows(data)
print(list(csv.reader(io.StringIO(s.getvalue(), newline=""))) == data)

# DictReader / DictWriter
s = io.StringIO()
dw = csv.DictWriter(s, fieldnames=["a", "b", "c"], restval="-")
dw.writeheader()
dw.writerow({"a": 1, "b": "two,2"})
dw.writerows([{"c": 3}, {"a": None, "b": "x", "c": "y"}])
print(repr(s.getvalue()))
try:
    dw.writerow({"zz": 1})
except ValueError as e:
    print("ValueError", e)
for row in csv.DictReader(io.StringIO(s.getvalue())):
    print(row)
for row in csv.DictReader(io.StringIO("a,b\n1,2,3,4\n5\n"), restkey="rest"):
    print(row)

# dialects
class MyDialect(csv.Dialect):
    delimiter = "|"
    quotechar = "'"
    doublequote = True
    skipinitialspace = False
    lineterminator = "\n"
    quoting = csv.QUOTE_MINIMAL

csv.register_dialect("pipes", MyDialect)
print(sorted(csv.list_dialects()))
d = csv.get_dialect("pipes")
print(d.delimiter, d.quotechar, d.escapechar, d.doublequote, d.lineterminator == "\n", d.quoting, d.strict)
print(repr(wr([["a|b", "c'd", "e"]], dialect="pipes")))
print(rd("'a|b'|c\n", dialect="pipes"))
csv.register_dialect("semi", delimiter=";", quoting=csv.QUOTE_ALL)
print(repr(wr([["x", 1]], dialect="semi")))
csv.register_dialect("semi2", "semi", lineterminator="!")
print(repr(wr([["x", 1]], dialect="semi2")))
csv.unregister_dialect("semi")
csv.unregister_dialect("semi2")
for f in [lambda: csv.get_dialect("nope"), lambda: csv.unregister_dialect("nope"),
          lambda: csv.register_dialect(1), lambda: csv.reader([], "nope")]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)

for kw in [
    dict(delimiter=""), dict(delimiter="ab"), dict(delimiter=1), dict(delimiter=None),
    dict(quotechar=1), dict(quotechar="ab"), dict(quotechar=None), dict(escapechar=2),
    dict(quoting=7), dict(quoting="a"), dict(quoting=csv.QUOTE_ALL, quotechar=None),
    dict(lineterminator=None), dict(lineterminator=5), dict(escapechar="xy"),
]:
    try:
        dd = _csv.Dialect(**kw)
        print(kw, "ok", dd.quoting, dd.quotechar)
    except Exception as e:
        print(kw, type(e).__name__, e)

class Bad(csv.Dialect):
    delimiter = ","
try:
    Bad()
except csv.Error as e:
    print("Error", e)

print(csv.field_size_limit())
print(csv.field_size_limit(10))
print(rd("0123456789a,b\n"))
print(rd("0123456789,b\n"))
print(csv.field_size_limit(131072))
try:
    csv.field_size_limit("x")
except TypeError as e:
    print("TypeError", e)
try:
    csv.writer(5)
except TypeError as e:
    print("TypeError", e)
try:
    csv.writer(io.StringIO()).writerow(5)
except csv.Error as e:
    print("Error", e)
print(issubclass(csv.Error, Exception), csv.Error.__module__)

# Sniffer (pure Python, uses the reader)
sn = csv.Sniffer()
dia = sn.sniff("a;b;c\n1;2;3\n4;5;6\n")
print(dia.delimiter, sn.has_header("name,age\nbob,3\nal,4\n"))

# misc
s = io.StringIO()
w = csv.writer(s)
print(w.writerow(x for x in ["g", "e", "n"]), repr(s.getvalue()))
print(w.writerows([]), w.dialect.delimiter)
print(type(csv.reader([])).__name__, type(w).__name__)
d = _csv.Dialect(delimiter=";", strict=1, skipinitialspace=[], doublequote=0)
print(d.delimiter, d.strict, d.skipinitialspace, d.doublequote)
print(_csv.Dialect(d) is d, _csv.Dialect(d, delimiter=",").delimiter)
try:
    d.delimiter = ","
except AttributeError:
    print("AttributeError")
try:
    csv.reader(5)
except TypeError as e:
    print("TypeError", e)
try:
    _csv.Dialect(bogus=1)
except TypeError as e:
    print("TypeError", e)
print(rd('a,"b\nc"d,e\n'))
print(rd('a,b\\\r\nc\n', escapechar="\\"))
print(rd('a,b\\', escapechar="\\"))
print(rd('"a\\', escapechar="\\"))
print(repr(wr([["a\r\nb", "c"]], lineterminator="\n")))
print(repr(wr([["a\nb", "c"]], lineterminator="\r", quoting=csv.QUOTE_NONE, escapechar="\\")))
print(list(csv.reader(["", "a,b", "\r\n", "x,", ",", "\n\r", "c\r\n"])))
try:
    list(csv.reader(["c\r\nd"]))
except csv.Error as e:
    print("Error", e)
print(list(csv.reader(["a,b\n", "c"], quoting=csv.QUOTE_NONE)))
print(list(csv.reader(['a,"b', 'c"\n', "d"])))
print(list(csv.reader(["a b  c\n"], delimiter=" ")))
