# split/rsplit/splitlines/join/partition/rpartition.
s = "  a  b   c  "
print(s.split(), s.split(" "), s.split(None, 1), s.rsplit(None, 1), s.split(" ", 2), s.rsplit(" ", 2))
print("a,b,,c,".split(","), "a,b,,c,".rsplit(",", 1), "a,b,c".split(",", 0), "a,b,c".split(",", -1))
print("".split(), "".split(","), "   ".split(), "abc".split("abc"), "aaa".split("a"), "a--b--c".split("--"))
print("one\ntwo\r\nthree\rfour\n".split(), "x\ty\x0bz\x0cw\x1cv".split())
try:
    "abc".split("")
except ValueError as e:
    print("ValueError", e)
try:
    "abc".split(1)
except TypeError as e:
    print("TypeError", e)
print("line1\nline2\r\nline3\rline4\n".splitlines(), "a\nb\n".splitlines(True), "".splitlines(), "\n".splitlines())
print("a\x0bb\x0cc\x1cd\x1de\x1ef\x85g\u2028h\u2029i".splitlines())
print(",".join(["a", "b", "c"]), "".join([]), "-".join("xyz"), ", ".join(str(i) for i in range(4)), "ab".join(("1", "2")))
try:
    ",".join(["a", 1, "b"])
except TypeError as e:
    print("TypeError", e)
try:
    ",".join([b"a"])
except TypeError as e:
    print("TypeError", e)
print("k=v=w".partition("="), "k=v=w".rpartition("="), "kvw".partition("="), "kvw".rpartition("="), "==".partition("="))
try:
    "abc".partition("")
except ValueError as e:
    print("ValueError", e)
print("a b c d".split(maxsplit=2), "a b c d".rsplit(maxsplit=2), "a.b.c".rsplit(".", maxsplit=1))
print("1,2;3".replace(";", ",").split(","))
print("日本語 テキスト".split(), "é,è".split(","))
