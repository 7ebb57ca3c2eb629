# The body of ferropy's `_csv` module (run by modules/csv.rs in the module's namespace).
# Behaviour and messages follow CPython 3.11's C `_csv`.

__version__ = "1.0"
__doc__ = "CSV parsing and writing."

QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC, QUOTE_NONE = range(4)

_dialects = {}
_field_limit = 128 * 1024
_EOL = -1  # the end-of-line marker fed to the parser after each line


class Error(Exception):
    pass


Error.__module__ = "_csv"


def _set_char(name, src, dflt):
    if src is _MISSING:
        return dflt
    if not isinstance(src, str):
        raise TypeError('"%s" must be string, not %s' % (name, type(src).__name__))
    if len(src) != 1:
        raise TypeError('"%s" must be a 1-character string' % name)
    return src


def _set_char_or_none(name, src, dflt):
    if src is _MISSING:
        return dflt
    if src is None:
        return None
    if not isinstance(src, str):
        raise TypeError(
            '"%s" must be string or None, not %s' % (name, type(src).__name__)
        )
    if len(src) != 1:
        raise TypeError('"%s" must be a 1-character string' % name)
    return src


class _Missing:
    pass


_MISSING = _Missing()
_ATTRS = (
    "delimiter",
    "doublequote",
    "escapechar",
    "lineterminator",
    "quotechar",
    "quoting",
    "skipinitialspace",
    "strict",
)


class Dialect:
    """CSV dialect

The Dialect type records CSV parsing and generation options.
"""

    __slots__ = (
        "_delimiter",
        "_doublequote",
        "_escapechar",
        "_lineterminator",
        "_quotechar",
        "_quoting",
        "_skipinitialspace",
        "_strict",
    )

    def __new__(cls, dialect=None, **kwargs):
        for k in kwargs:
            if k not in _ATTRS:
                raise TypeError(
                    "'%s' is an invalid keyword argument for this function" % k
                )
        if dialect is not None:
            if isinstance(dialect, str):
                dialect = get_dialect(dialect)
            if type(dialect) is Dialect and cls is Dialect and not kwargs:
                return dialect
        vals = {}
        for name in _ATTRS:
            if name in kwargs:
                vals[name] = kwargs[name]
            elif dialect is not None:
                try:
                    vals[name] = getattr(dialect, name)
                except Exception:
                    vals[name] = _MISSING
            else:
                vals[name] = _MISSING
        self = object.__new__(cls)
        self._delimiter = _set_char("delimiter", vals["delimiter"], ",")
        dq = vals["doublequote"]
        self._doublequote = True if dq is _MISSING else bool(dq)
        self._escapechar = _set_char_or_none("escapechar", vals["escapechar"], None)
        lt = vals["lineterminator"]
        if lt is _MISSING:
            lt = "\r\n"
        elif lt is None:
            pass
        elif not isinstance(lt, str):
            raise TypeError('"lineterminator" must be a string')
        self._lineterminator = lt
        qc_src = vals["quotechar"]
        self._quotechar = _set_char_or_none("quotechar", qc_src, '"')
        q = vals["quoting"]
        if q is _MISSING:
            q = QUOTE_MINIMAL
        elif not isinstance(q, int):
            raise TypeError('"quoting" must be an integer')
        self._quoting = int(q)
        si = vals["skipinitialspace"]
        self._skipinitialspace = False if si is _MISSING else bool(si)
        st = vals["strict"]
        self._strict = False if st is _MISSING else bool(st)
        if self._quoting not in (0, 1, 2, 3):
            raise TypeError('bad "quoting" value')
        if qc_src is None and vals["quoting"] is _MISSING:
            self._quoting = QUOTE_NONE
        if self._quoting != QUOTE_NONE and self._quotechar is None:
            raise TypeError("quotechar must be set if quoting enabled")
        if self._lineterminator is None:
            raise TypeError("lineterminator must be set")
        return self

    delimiter = property(lambda self: self._delimiter)
    doublequote = property(lambda self: self._doublequote)
    escapechar = property(lambda self: self._escapechar)
    lineterminator = property(lambda self: self._lineterminator)
    quotechar = property(lambda self: self._quotechar)
    quoting = property(lambda self: self._quoting)
    skipinitialspace = property(lambda self: self._skipinitialspace)
    strict = property(lambda self: self._strict)

    def __reduce_ex__(self, protocol):
        raise TypeError("cannot pickle '%s' object" % type(self).__name__)


Dialect.__module__ = "_csv"


def _call_dialect(dialect, kwargs):
    if dialect is None:
        return Dialect(**kwargs)
    return Dialect(dialect, **kwargs)


class Reader:
    def __new__(cls, *args, **kwargs):
        raise TypeError("cannot create '_csv.reader' instances")

    __slots__ = ("_input", "_dialect", "_line_num", "_fields", "_field", "_state",
                 "_numeric", "_flen")

    def __iter__(self):
        return self

    dialect = property(lambda self: self._dialect)
    line_num = property(lambda self: self._line_num)

    def __next__(self):
        self._fields = []
        self._field = []
        self._flen = 0
        self._state = 0  # START_RECORD
        self._numeric = False
        d = self._dialect
        while True:
            try:
                line = next(self._input)
            except StopIteration:
                if self._field or self._state == 4:
                    if d._strict:
                        raise Error("unexpected end of data")
                    self._save_field()
                    break
                raise
            if not isinstance(line, str):
                raise Error(
                    "iterator should return strings, not %s "
                    "(the file should be opened in text mode)" % type(line).__name__
                )
            self._line_num += 1
            if self._state == 0 and line and self._fast_line(line, d):
                break
            self._process_line(line, d)
            if self._state == 0:
                break
        fields = self._fields
        self._fields = None
        return fields

    def _fast_line(self, line, d):
        # A whole record on one line with no quote or escape characters and nothing that
        # changes fields (NONNUMERIC, skipinitialspace): the state machine would just split
        # at the delimiters.
        if d._quoting == QUOTE_NONNUMERIC or d._skipinitialspace:
            return False
        q = d._quotechar
        if q is not None and d._quoting != QUOTE_NONE and q in line:
            return False
        e = d._escapechar
        if e is not None and e in line:
            return False
        body = line.rstrip("\r\n")
        if "\r" in body or "\n" in body:
            return False
        if not body:
            return True
        fields = body.split(d._delimiter)
        for f in fields:
            if len(f) > _field_limit:
                return False
        self._fields = fields
        return True

    def _save_field(self):
        field = "".join(self._field)
        self._field = []
        self._flen = 0
        if self._numeric:
            self._numeric = False
            field = float(field)
        self._fields.append(field)

    def _add_char(self, c):
        # `c` is one character or a run of ordinary ones (see _run_end).
        if self._flen + len(c) > _field_limit:
            raise Error("field larger than field limit (%d)" % _field_limit)
        self._field.append(c)
        self._flen += len(c)

    def _process_line(self, line, d):
        delim = d._delimiter
        quote = d._quotechar
        esc = d._escapechar
        quoting = d._quoting
        state = self._state
        add = self._add_char
        save = self._save_field
        # Runs of characters that cannot change the state are added at once.
        stops3 = tuple(x for x in (delim, esc, "\n", "\r") if x is not None)
        stops4 = tuple(
            x for x in (esc, quote if quoting != QUOTE_NONE else None) if x is not None
        )
        n = len(line)
        i = 0
        while i <= n:
            c = line[i] if i < n else _EOL
            i += 1
            # States: 0 START_RECORD, 1 START_FIELD, 2 ESCAPED_CHAR, 3 IN_FIELD,
            # 4 IN_QUOTED_FIELD, 5 ESCAPE_IN_QUOTED_FIELD, 6 QUOTE_IN_QUOTED_FIELD,
            # 7 EAT_CRNL, 8 AFTER_ESCAPED_CRNL
            eol = c is _EOL
            if state == 0:
                if eol:
                    continue
                if c == "\n" or c == "\r":
                    state = 7
                    continue
                state = 1
            if state == 1:
                if eol or c == "\n" or c == "\r":
                    save()
                    state = 0 if eol else 7
                elif c == quote and quoting != QUOTE_NONE:
                    state = 4
                elif c == esc:
                    state = 2
                elif c == " " and d._skipinitialspace:
                    pass
                elif c == delim:
                    save()
                else:
                    if quoting == QUOTE_NONNUMERIC:
                        self._numeric = True
                    add(c)
                    state = 3
                continue
            if state == 2:
                if c == "\n" or c == "\r":
                    add(c)
                    state = 8
                    continue
                if eol:
                    c = "\n"
                add(c)
                state = 3
                continue
            if state == 8:
                if eol:
                    continue
                state = 3
            if state == 3:
                if eol or c == "\n" or c == "\r":
                    save()
                    state = 0 if eol else 7
                elif c == esc:
                    state = 2
                elif c == delim:
                    save()
                    state = 1
                else:
                    j = _run_end(line, i, stops3)
                    add(line[i - 1 : j])
                    i = j
                continue
            if state == 4:
                if eol:
                    pass
                elif c == esc:
                    state = 5
                elif c == quote and quoting != QUOTE_NONE:
                    state = 6 if d._doublequote else 3
                else:
                    j = _run_end(line, i, stops4)
                    add(line[i - 1 : j])
                    i = j
                continue
            if state == 5:
                if eol:
                    c = "\n"
                add(c)
                state = 4
                continue
            if state == 6:
                if quoting != QUOTE_NONE and c == quote:
                    add(c)
                    state = 4
                elif c == delim:
                    save()
                    state = 1
                elif eol or c == "\n" or c == "\r":
                    save()
                    state = 0 if eol else 7
                elif not d._strict:
                    add(c)
                    state = 3
                else:
                    self._state = state
                    raise Error("'%s' expected after '%s'" % (delim, quote))
                continue
            if state == 7:
                if c == "\n" or c == "\r":
                    pass
                elif eol:
                    state = 0
                else:
                    self._state = state
                    raise Error(
                        "new-line character seen in unquoted field - do you need "
                        "to open the file in universal-newline mode?"
                    )
        self._state = state


Reader.__name__ = Reader.__qualname__ = "reader"
Reader.__module__ = "_csv"


def _run_end(line, start, stops):
    # The index of the first of `stops` in line[start:], or len(line).
    end = len(line)
    for x in stops:
        k = line.find(x, start, end)
        if k >= 0:
            end = k
    return end


def reader(iterable, dialect=None, **kwargs):
    it = iter(iterable)
    r = object.__new__(Reader)
    r._input = it
    r._dialect = _call_dialect(dialect, kwargs)
    r._line_num = 0
    r._fields = None
    r._field = []
    r._flen = 0
    r._state = 0
    r._numeric = False
    return r


def _is_number(x):
    t = type(x)
    return (
        isinstance(x, (int, float, complex))
        or hasattr(t, "__index__")
        or hasattr(t, "__float__")
        or hasattr(t, "__int__")
    )


class Writer:
    def __new__(cls, *args, **kwargs):
        raise TypeError("cannot create '_csv.writer' instances")

    __slots__ = ("_write", "_dialect")

    dialect = property(lambda self: self._dialect)

    def writerow(self, row):
        d = self._dialect
        try:
            it = iter(row)
        except TypeError:
            raise Error("iterable expected, not %s" % type(row).__name__) from None
        quoting = d._quoting
        delim = d._delimiter
        quote = d._quotechar
        esc = d._escapechar
        lt = d._lineterminator
        dq = d._doublequote
        out = []
        nfields = 0
        for field in it:
            if quoting == QUOTE_NONNUMERIC:
                quoted = not _is_number(field)
            else:
                quoted = quoting == QUOTE_ALL
            if field is None:
                s = ""
            elif isinstance(field, str):
                s = field
            else:
                s = str(field)
            buf = []
            if not (delim in s or (quote is not None and quote in s)
                    or (esc is not None and esc in s) or any(c in s for c in lt)):
                buf.append(s)
                s = ""
            for c in s:
                if c == delim or c == esc or c == quote or c in lt:
                    want_escape = False
                    if quoting == QUOTE_NONE:
                        want_escape = True
                    else:
                        if c == quote:
                            if dq:
                                buf.append(quote)
                            else:
                                want_escape = True
                        elif c == esc:
                            want_escape = True
                        if not want_escape:
                            quoted = True
                    if want_escape:
                        if esc is None:
                            raise Error("need to escape, but no escapechar set")
                        buf.append(esc)
                buf.append(c)
            if nfields:
                out.append(delim)
            if quoted:
                out.append(quote)
                out.extend(buf)
                out.append(quote)
            else:
                out.extend(buf)
            nfields += 1
        line = "".join(out)
        if nfields > 0 and not line:
            if quoting == QUOTE_NONE:
                raise Error("single empty field record must be quoted")
            line = quote * 2
        return self._write(line + lt)

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


Writer.__name__ = Writer.__qualname__ = "writer"
Writer.__module__ = "_csv"


def writer(fileobj, dialect=None, **kwargs):
    w = object.__new__(Writer)
    try:
        w._write = fileobj.write
    except AttributeError:
        raise TypeError('argument 1 must have a "write" method') from None
    w._dialect = _call_dialect(dialect, kwargs)
    return w


def register_dialect(name, dialect=None, **kwargs):
    if not isinstance(name, str):
        raise TypeError("dialect name must be a string")
    _dialects[name] = _call_dialect(dialect, kwargs)


def unregister_dialect(name):
    try:
        del _dialects[name]
    except KeyError:
        raise Error("unknown dialect") from None


def get_dialect(name):
    try:
        return _dialects[name]
    except (KeyError, TypeError):
        raise Error("unknown dialect") from None


def list_dialects():
    return list(_dialects)


def field_size_limit(*args, **kwargs):
    global _field_limit
    if kwargs:
        if len(kwargs) > 1 or "new_limit" not in kwargs or args:
            raise TypeError("field_size_limit() takes at most 1 argument")
        args = (kwargs["new_limit"],)
    if len(args) > 1:
        raise TypeError(
            "field_size_limit expected at most 1 argument, got %d" % len(args)
        )
    old = _field_limit
    if args:
        if not isinstance(args[0], int):
            raise TypeError("limit must be an integer")
        _field_limit = args[0]
    return old


del _Missing
