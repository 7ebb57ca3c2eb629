import _locale, locale

print(_locale.setlocale(_locale.LC_NUMERIC), _locale.setlocale(_locale.LC_CTYPE))
print(_locale.getencoding(), locale.getpreferredencoding(False), locale.getencoding())
conv = _locale.localeconv()
print(sorted(conv.items()))
print(_locale.nl_langinfo(_locale.CODESET), _locale.nl_langinfo(_locale.D_T_FMT), _locale.nl_langinfo(_locale.DAY_1),
      _locale.nl_langinfo(_locale.MON_12), _locale.nl_langinfo(_locale.RADIXCHAR), repr(_locale.nl_langinfo(_locale.THOUSEP)),
      _locale.nl_langinfo(_locale.YESEXPR), _locale.nl_langinfo(_locale.ABDAY_2))
for f in [lambda: _locale.setlocale(_locale.LC_ALL, "xx_YY"), lambda: _locale.setlocale(99), lambda: _locale.nl_langinfo(99999),
          lambda: _locale.strcoll("a", 1)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
print(_locale.strcoll("a", "b") < 0, _locale.strcoll("b", "a") > 0, _locale.strcoll("abc", "abc"), _locale.strxfrm("hello"))
print(_locale.Error, issubclass(_locale.Error, Exception), locale.Error is _locale.Error)
print(_locale.setlocale(_locale.LC_NUMERIC, "C"))
print(locale.format_string("%.2f", 1234.5, grouping=True), locale.atof("3.5"), locale.str(2.5))
print(sorted(locale.localeconv().keys()))
print(_locale.CHAR_MAX, _locale.LC_ALL, _locale.CODESET)
print(locale.strxfrm("x"), locale.strcoll("x", "y") < 0)
print(_locale.textdomain(None), _locale.bindtextdomain("x", None), _locale.bind_textdomain_codeset("x", None))
print(_locale.gettext("hello"), _locale.dgettext(None, "a"), _locale.dcgettext(None, "b", _locale.LC_MESSAGES))
print(_locale.bindtextdomain("x", "/tmp"), _locale.bind_textdomain_codeset("x", "UTF-8"), _locale.textdomain("foo"), _locale.textdomain(None))
try:
    _locale.gettext(1)
except TypeError as e:
    print("TypeError", e)
