# Differential test of the native _csv module: Dialect validation and its messages, the
# reader's state machine (quoting modes, escapes, strict, field limits, errors mid-record),
# the writer's quoting rules, the registry and the argument errors of every function.
import _csv
import sys


def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)
    else:
        print(label, "=>", repr(r))


class Sink:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)


def wr(rows, **kw):
    s = Sink()
    w = _csv.writer(s, **kw)
    try:
        for r in rows:
            w.writerow(r)
    except Exception as e:
        return "%s: %s %r" % (type(e).__name__, e, "".join(s.parts))
    return "".join(s.parts)


def rd(lines, **kw):
    r = _csv.reader(lines, **kw)
    out = []
    try:
        for row in r:
            out.append(row)
    except Exception as e:
        out.append("%s: %s (line %d)" % (type(e).__name__, e, r.line_num))
    return out


D = _csv.Dialect
print(_csv.__version__, _csv.QUOTE_MINIMAL, _csv.QUOTE_ALL, _csv.QUOTE_NONNUMERIC, _csv.QUOTE_NONE)
print(_csv.Error.__mro__[1:], _csv.Error.__module__, _csv.Dialect.__module__)
print(type(_csv.reader([])).__name__, type(_csv.writer(Sink())).__name__)
print(_csv.__doc__.splitlines()[0], _csv.reader.__doc__.splitlines()[0])

# ---- Dialect ----
d = D()
print([getattr(d, n) for n in ("delimiter", "doublequote", "escapechar", "lineterminator",
                                "quotechar", "quoting", "skipinitialspace", "strict")])
for kw in [dict(quoting=True), dict(quoting=1.0), dict(quoting=2 ** 40), dict(quoting=7),
           dict(quoting=-1), dict(delimiter=None), dict(delimiter=""), dict(delimiter="ab"),
           dict(delimiter=b","), dict(escapechar=1), dict(escapechar="ab"),
           dict(escapechar=""), dict(lineterminator=1), dict(lineterminator=None),
           dict(quotechar=None, quoting=0), dict(quotechar=4), dict(foo=1),
           dict(quotechar=None), dict(quotechar=None, quoting=3), dict(strict=[1]),
           dict(doublequote=0, skipinitialspace="yes", delimiter="\u20ac")]:
    def mk(kw=kw):
        x = D(**kw)
        return (x.delimiter, x.quotechar, x.quoting, x.doublequote, x.skipinitialspace, x.strict)
    t("Dialect(%r)" % (kw,), mk)
t("positional", lambda: D(None, ";", False).delimiter)
t("too many", lambda: D(None, ";", True, None, "\n", "'", 0, False, False, 1))
t("by name and position", lambda: D(None, ";", delimiter=","))
t("unknown dialect", lambda: D("nope"))
t("unhashable", lambda: D([]).delimiter)
t("reuse", lambda: D(d) is d)
t("reuse with option", lambda: D(d, delimiter=";") is d)
t("setattr", lambda: setattr(d, "delimiter", "x"))
t("delattr", lambda: delattr(d, "quoting"))
t("reduce", lambda: d.__reduce_ex__(2))


class FromClass:
    delimiter = ";"
    quotechar = "'"
    lineterminator = "\n"
    quoting = _csv.QUOTE_ALL


class Broken:
    @property
    def delimiter(self):
        raise KeyError("ignored")


t("from class", lambda: (D(FromClass).delimiter, D(FromClass()).quoting, D(FromClass, quoting=0).quoting))
t("broken attr ignored", lambda: D(Broken()).delimiter)


class Sub(D):
    pass


s = Sub(delimiter="|")
t("subclass", lambda: (type(s).__name__, s.delimiter, D(s) is s, type(Sub(d)).__name__))

# ---- registry ----
t("register", lambda: _csv.register_dialect("semi", delimiter=";", quoting=_csv.QUOTE_NONE, escapechar="\\"))
t("get", lambda: _csv.get_dialect("semi").quoting)
t("list", lambda: sorted(_csv.list_dialects()))
t("_dialects", lambda: sorted(_csv._dialects))
t("reader by name", lambda: rd(["a;b\\;c"], dialect="semi"))
t("unregister", lambda: _csv.unregister_dialect("semi"))
t("unregister again", lambda: _csv.unregister_dialect("semi"))
t("get missing", lambda: _csv.get_dialect("semi"))
t("get unhashable", lambda: _csv.get_dialect([]))
t("register bad name", lambda: _csv.register_dialect(1))
t("register no args", lambda: _csv.register_dialect())
t("register too many", lambda: _csv.register_dialect("a", "b", "c"))
t("register bad option", lambda: _csv.register_dialect("a", delimiter=3))
t("get no args", lambda: _csv.get_dialect())
t("get by keyword", lambda: _csv.get_dialect(name="x"))
t("list args", lambda: _csv.list_dialects(1))

# ---- field_size_limit ----
t("limit", lambda: _csv.field_size_limit())
t("limit set", lambda: _csv.field_size_limit(4))
t("limit ok", lambda: rd(["abcd,e"]))
t("limit over", lambda: rd(["abcde,f"]))
t("limit quoted", lambda: rd(['"ab', 'cde"']))
t("limit restore", lambda: _csv.field_size_limit(new_limit=128 * 1024))
t("limit float", lambda: _csv.field_size_limit(1.0))
t("limit bool", lambda: _csv.field_size_limit(True))
t("limit huge", lambda: _csv.field_size_limit(2 ** 70))
t("limit two", lambda: _csv.field_size_limit(1, 2))
t("limit kw", lambda: _csv.field_size_limit(limit=2))
t("limit now", lambda: _csv.field_size_limit())

# ---- reader ----
t("reader()", lambda: _csv.reader())
t("reader(1)", lambda: _csv.reader(1))
t("reader 3 args", lambda: _csv.reader([], "excel", 3))
t("reader bad kw", lambda: _csv.reader([], foo=3))
t("reader dialect kw", lambda: rd(["a\tb"], dialect="excel-tab") if "excel-tab" in _csv.list_dialects() else "no excel-tab")
t("Reader()", lambda: _csv.Reader())
cases = [
    (["a,b,c", "1,2,3"], {}),
    (["", "a", "\n", "\r\n"], {}),
    (["a,", ",", ",,"], {}),
    (['"a,b",c', '"x""y"', '""'], {}),
    (['"multi', 'line"', 'z'], {}),
    (['"multi\n', 'line"\n'], {}),
    (['"a"b,c'], {}),
    (['"a"b,c'], {"strict": True}),
    (['"open'], {}),
    (['"open'], {"strict": True}),
    (['"'], {}),
    (["a\rb"], {}),
    (["a\r\n", "b\n"], {}),
    (["a\nb"], {}),
    (["a\x00b,c"], {}),
    (["  a,  b,' c'"], {"skipinitialspace": True, "quotechar": "'"}),
    (["a\\,b,c\\", "d"], {"escapechar": "\\"}),
    (["a\\\n", "b"], {"escapechar": "\\"}),
    (["a\\\r\n", "b"], {"escapechar": "\\"}),
    # After an escaped line break, line ends are ignored until the state changes.
    (["b\\\n", "x", "y"], {"escapechar": "\\"}),
    (["b\\\n", "x", "y"], {"escapechar": "\\", "strict": True}),
    (["b\\\rq", "x,z", "y"], {"escapechar": "\\"}),
    (["b\\\n", ""], {"escapechar": "\\"}),
    (['"a\\"b",c'], {"escapechar": "\\", "doublequote": False}),
    (['"a\\', 'b"'], {"escapechar": "\\"}),
    (['"a""b",c'], {"doublequote": False}),
    (['1,2.5,"x",-3, 4e2'], {"quoting": _csv.QUOTE_NONNUMERIC}),
    (["1,abc"], {"quoting": _csv.QUOTE_NONNUMERIC}),
    ([",1,"], {"quoting": _csv.QUOTE_NONNUMERIC}),
    (['a,"b",c'], {"quoting": _csv.QUOTE_NONE}),
    (['a,"b",c'], {"quoting": _csv.QUOTE_ALL}),
    (["a;b;'c;d'"], {"delimiter": ";", "quotechar": "'"}),
    (["x\u20acy\u20ac\U0001f600a\u20acb\U0001f600\u20acc"], {"delimiter": "\u20ac", "quotechar": "\U0001f600"}),
    (["x\u20ac\U0001f600a\U0001f600z"], {"delimiter": "\u20ac", "quotechar": "\U0001f600", "strict": True}),
    (["\u00e9t\u00e9,caf\u00e9", '"na\u00efve",\u4e2d\u6587'], {}),
    (["a b  c"], {"delimiter": " ", "skipinitialspace": True}),
    (["a,b", b"c,d"], {}),
    (["a,b", 3], {}),
]
for lines, kw in cases:
    print(repr(lines), kw, rd(lines, **kw))


class Exploding:
    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        if self.n > 2:
            raise KeyError("boom")
        return '"a,%d' % self.n


t("iterator error mid-record", lambda: rd(Exploding()))
r = _csv.reader(["a,b", '"c', 'd"', "e"])
print(r.line_num, next(r), r.line_num, next(r), r.line_num, next(r), r.line_num)
t("exhausted", lambda: next(r))
t("line_num readonly", lambda: setattr(r, "line_num", 5))
t("dialect readonly", lambda: setattr(r, "dialect", None))
t("reader dialect", lambda: (r.dialect.delimiter, iter(r) is r))

# ---- writer ----
t("writer()", lambda: _csv.writer())
t("writer(1)", lambda: _csv.writer(1))


class NotCallable:
    write = 3


t("writer non-callable write", lambda: _csv.writer(NotCallable()))
t("Writer()", lambda: _csv.Writer())
w = _csv.writer(Sink())
t("writerow()", lambda: w.writerow())
t("writerow(1, 2)", lambda: w.writerow(1, 2))
t("writerow(kw)", lambda: w.writerow(row=[]))
t("writerow(1)", lambda: w.writerow(1))
t("writerows(1)", lambda: w.writerows(1))
t("writerows([1])", lambda: w.writerows([1]))
t("writerow returns", lambda: w.writerow(["abc", 1]))
t("writerows returns", lambda: w.writerows([["a"], ["b"]]))
t("writer dialect", lambda: (w.dialect.lineterminator, w.dialect.quoting))


class BadStr:
    def __str__(self):
        raise ValueError("no str")


class BadIter:
    def __iter__(self):
        raise TypeError("custom")


class Num:
    def __float__(self):
        return 1.5

    def __str__(self):
        return "num"

    def __repr__(self):
        return "Num()"


rows = [
    ["a", 1, 2.5, None, True, 3 + 4j, 'x"y', "p,q", "l\nm", "r\rs", ""],
    [""],
    [None],
    [],
    ["", ""],
    [Num(), "3", b"b"],
]
for kw in [{}, {"quoting": _csv.QUOTE_ALL}, {"quoting": _csv.QUOTE_NONNUMERIC},
           {"quoting": _csv.QUOTE_NONE}, {"quoting": _csv.QUOTE_NONE, "escapechar": "\\"},
           {"doublequote": False}, {"doublequote": False, "escapechar": "\\"},
           {"escapechar": "\\"}, {"lineterminator": "\n"}, {"lineterminator": "xy"},
           {"lineterminator": ""}, {"delimiter": "\t", "quotechar": "'"},
           {"delimiter": "\u20ac", "quotechar": "\U0001f600"}]:
    for row in rows:
        print(kw, repr(row), repr(wr([row], **kw)))
print(repr(wr([["a\\b", "c"]], escapechar="\\")))
print(repr(wr([["a\\b", "c,d"]], escapechar="\\", quoting=_csv.QUOTE_NONE)))
print(repr(wr([['a"b']], quoting=_csv.QUOTE_NONE, escapechar="\\")))
print(repr(wr([['a"b']], quoting=_csv.QUOTE_NONE, quotechar=None, escapechar="\\")))
print(repr(wr([["xay"]], lineterminator="a")))
print(repr(wr([[BadStr()]])))
print(repr(wr([BadIter()])))
print(repr(wr([["ok"], 5, ["never"]])))
print(repr(wr([range(3), (x * x for x in range(3)), {"k": 1}, "str"])))

# round trip through both
for kw in [{}, {"quoting": _csv.QUOTE_ALL}, {"escapechar": "\\", "doublequote": False}]:
    data = [["a", 'b"c', "d,e", "f\r\ng", ""], ["1", "2"], [""]]
    text = wr(data, **kw)
    back = rd(text.splitlines(keepends=True), **kw)
    print(kw, back == data, back)
sys.stdout.flush()

# ---- constructors called the wrong way ----
t("Dialect.__new__(int)", lambda: _csv.Dialect.__new__(int))
t("Dialect.__new__(1)", lambda: _csv.Dialect.__new__(1))


class ReaderSub(_csv.Reader):
    pass


t("reader subclass", lambda: ReaderSub())
t("reader pickling", lambda: _csv.reader([]).__reduce_ex__(2))
t("writer pickling", lambda: _csv.writer(Sink()).__reduce_ex__(4))
t("Dialect subclass pickling", lambda: Sub().__reduce__())
