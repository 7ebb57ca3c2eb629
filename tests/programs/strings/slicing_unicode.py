# Indexing and slicing with negative steps, non-ASCII text, len.
s = "abcdefghij"
print(s[0], s[-1], s[3:7], s[:3], s[7:], s[::2], s[1::3], s[::-1], s[-3:], s[:-3], s[8:2:-2], s[-1:-5:-1])
print(repr(s[5:2]), repr(s[100:]), s[-100:3], s[::-3], s[2:-2:-1] == "", s[slice(1, None, 4)])
try:
    s[10]
except IndexError as e:
    print("IndexError", e)
try:
    s["a"]
except TypeError as e:
    print("TypeError", e)
try:
    s[::0]
except ValueError as e:
    print("ValueError", e)
try:
    s[0] = "z"
except TypeError as e:
    print("TypeError", e)
u = "héllo, 日本語! 😀👍🏽"
print(len(u), u[1], u[7], u[-1], u[-2], u[7:10], u[::-1], len("👍🏽"), list("é"), len("é"))
print([ord(c) for c in u[-4:]], u.upper(), u.encode("utf-8"), len(u.encode("utf-8")), len(u.encode("utf-16-le")))
print("e\u0301" == "é", len("e\u0301"), "é" < "f", "é" > "z", "日" > "é", "A" < "a", "a" < "B")
print(sorted(["b", "A", "a", "é", "Z", "日", "😀", "ab", "aB", ""]))
print("abc" < "abd", "abc" < "ab", "" < "a", "abc" == "abc", "abc" != "ABC", max("hello"), min("hello"))
print(s[1:8:2][::-1], s[::-1][::2], "x" * 3 + "y" * 2, "-" * 10)
print(str(range(3)), str([1, "a"]), "%s" % "é", chr(0x1F600), ord("😀"), hex(ord("日")))
i = 0
out = []
for ch in "añ😀":
    out.append((i, ch, ord(ch)))
    i += 1
print(out)
print("\U0010ffff" > "\uffff", len("\U0010ffff"), repr("\ud800") if False else "skip-surrogate")
