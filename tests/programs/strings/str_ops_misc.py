# Concatenation, multiplication, comparisons, str methods on edge cases, str() constructor.
a = "abc"
print(a + "def", a * 3, 3 * a, a * 0, a * -2, a + "", "" + "")
try:
    a * 2.0
except TypeError as e:
    print("TypeError", e)
try:
    a * "2"
except TypeError as e:
    print("TypeError", e)
try:
    a - "a"
except TypeError as e:
    print("TypeError", e)
b = a
b += "x"
print(a, b)
print(str(), str(5), str(-2.5), str([1]), str("x"), str(object=7))
print("Hello"[1:].upper().center(10, ".").replace(".", "_"))
print(" ".join(reversed("a b c".split())), "".join(sorted("dcba")), "x".join("123"))
print("abc".__len__(), "abc".__contains__("b"), "abc".__getitem__(1), "abc".__add__("d"), "ab".__mul__(2), "ab".__rmul__(2))
print("a".__lt__("b"), "a".__eq__(1), str.__eq__("a", "a"), "ab".__hash__() == hash("ab"))
print(hash("abc") == hash("ab" + "c"), hash("") == hash(""))
print(list(map(str.upper, ["a", "b"])), sorted(["b", "C", "a"], key=str.lower), sorted(["bb", "a", "ccc"], key=len))
print("%d items" % 3, "{} items".format(3), f"{3} items")
print(min("abc", "abd", "ab"), max(["apple", "banana", "cherry"], key=len))
print("abc".index("c"), "a" * 3 == "aaa", "a" "b" == "ab", "ab" < "abc" < "b")
print(str.join(",", ["x", "y"]), str.split("a b"), str.strip("  s  "))
print("Mixed Case String".lower().split(), "Title Case".swapcase())
s = ""
for i in range(5):
    s += str(i)
print(s, s[::-1], int(s) + 1)
print(ascii("x"), "a" in ("a", "b"), "ab" in ["a", "b"], "a" + str(1) + str(2.0))
print("%s|%r|%a" % ("é", "é", "é"))
print("tab\there".expandtabs(2), "caps".upper().lower().capitalize())
lines = """first line
second line
    indented line
"""
for ln in lines.splitlines():
    print(repr(ln), len(ln), ln.strip().title())
