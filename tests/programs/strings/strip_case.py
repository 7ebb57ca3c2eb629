# strip family, case conversions, casefold, title, capitalize, swapcase.
s = "  \t hello world \n "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr("xxhixx".strip("x")), repr("abcba".strip("ab")))
print(repr("www.example.com".lstrip("cmowz.")), repr("mississippi".rstrip("ipz")), repr("".strip()), repr("\u3000x\u00a0".strip()))
print("prefix_body".removeprefix("prefix_"), "body_suffix".removesuffix("_suffix"), "abc".removeprefix("x"), "abc".removesuffix(""))
words = ["hello", "HELLO", "hello world", "hELLO wORLD", "they're bill's", "123abc", "ß", "ǅ", "ﬁ", "İ", "straße", "ΣΑΣ", "a1b2", ""]
for w in words:
    print(repr(w), repr(w.upper()), repr(w.lower()), repr(w.title()), repr(w.capitalize()), repr(w.swapcase()), repr(w.casefold()))
print("hello".isupper(), "HELLO".isupper(), "Hello".istitle(), "Hello World".istitle(), "hello World".istitle(), "123".islower())
print("ABC".lower() == "abc", "Straße".casefold() == "STRASSE".casefold(), "Σ".lower(), "ΑΣ".lower(), "ΑΣ Β".lower())
print("hello world".center(21, "*"), "|" + "ab".center(7) + "|", "|" + "abc".center(6) + "|", "x".center(0))
print("|" + "ab".ljust(6, "-") + "|", "|" + "ab".rjust(6) + "|", "abc".ljust(2), "42".zfill(6), "-42".zfill(6), "+42".zfill(2), "".zfill(3), "abc".zfill(5))
try:
    "x".center(5, "ab")
except TypeError as e:
    print("TypeError", e)
print("a\tb\tc".expandtabs(), "a\tb\tc".expandtabs(4), "12345\t6\n\tx".expandtabs(3), repr("\t".expandtabs(0)))
