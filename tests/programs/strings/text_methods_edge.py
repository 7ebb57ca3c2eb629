# str method edge cases: index clamping, empty separators, identity returns, argument errors.
s = "héllo wörld, héllo"
print(s.find("héllo", -5), s.rfind("héllo", 0, -1), s.count("l", 3, -3), s.index("ö", -20), s.find("", 100), s.rfind(""))
print(s.startswith(("x", "hé"), 0, 2), s.endswith("llo", -3), s.endswith("", 18), s.endswith("", 19), "abc".startswith("", 3, 2))
print("aaa".rsplit("aa"), "aaa".split("aa"), "a--b--c".rsplit("--", 1), "  x  y ".rsplit(None, 1), "x".split("x"), "".rsplit())
print("abc".replace("", "-"), "abc".replace("", "-", 2), "abc".replace("b", "", -5), "abab".replace("ab", "x", 1))
print("x".center(4, "é"), "xy".center(5), "xyz".center(6), "ab".center(7, "-"), "-12".zfill(5), "+".zfill(3), "é".zfill(3))
print("a\tbc\td\n\tx".expandtabs(3), repr("\t".expandtabs(-1)), "a\r\tb".expandtabs(4))
print("a\nb\r\nc\rd\x0be\x0cf\x1cg\x1dh\x1ei\x85j\u2028k\u2029l".splitlines(True))
print("  \t x \n".strip(), "xxaxx".strip("x"), "abcba".lstrip("ba"), "abcba".rstrip("ab"), "\u3000a\x1c".strip())
print("k=v=w".partition("=="), "k==v".rpartition("=="), "é日".partition("日"))
print(str.maketrans("é", "e"), "héllo".translate(str.maketrans("é", "e", "l")), "abc".translate({97: "xyz", 98: None}))
class T:
    def __getitem__(self, k):
        if k == 97:
            return "A"
        raise IndexError(k)
print("abca".translate(T()))
for expr in ['"abc".find(1)', '"abc".split(1)', '"abc".replace(1, "")', '"abc".replace("a", 1)', '"x".center(5, 1)', '"x".ljust(5, "ab")',
             '"a".strip(1)', '"a".rstrip(1)', '"a".removeprefix(1)', '"a".partition(1)', '"a".rpartition("")', '"a".endswith(1)',
             '"a".startswith(("a", 1))', '"a".startswith((1, "a"))', '",".join(1)', '",".join(["a", 1])', '"a".splitlines(keepends="x")',
             '"a".zfill("3")', '"a".expandtabs(1.5)', '"a".encode(1)', 'str.maketrans(1)', 'str.maketrans({1.5: 1})', 'str.maketrans(1, "a")',
             'str.maketrans("a", 1)', 'str.maketrans("ab", "c")', '"a".translate({97: 0x110000})', '"a".translate({97: 1.5})', '"ab" * 2.0',
             '"ab".__mul__(2)', '"ab".__rmod__(1)', '"ab" + 1', '"abc"[1.5]', '"abc"[None]', '"abc"[3]', '"abc"[-4]', '"abc"[::0]',
             'str(b"a", "ascii", "strict", 1)', 'str("a", "utf-8")', 'str(1, "utf-8")', 'str(x=1)', 'str(b"\\xff", "ascii")',
             'str(b"abc", encoding="utf-8")', 'str(b"ab\\xffc", "utf-8", "backslashreplace")', '"abc".__getnewargs__()',
             '"é".__sizeof__() - "".__sizeof__()', '"abc".__contains__(1)', '"a" < 1']:
    try:
        print(expr, "->", repr(eval(expr)))
    except Exception as e:
        print(expr, "->", type(e).__name__, e)
class S(str):
    def __str__(self):
        return "custom"
x = S("base")
print(str(x), format(x), format(x, ">6"), "{}".format(x), f"{x}", x + "!", x.upper(), type(x[0]).__name__, type(x * 1).__name__)
print(S.__new__(S, "z") + "", type(S("q")).__name__, str.__str__(x), repr(x))
