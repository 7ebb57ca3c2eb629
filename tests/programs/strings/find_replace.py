# find/rfind/index/rindex/count/replace/startswith/endswith.
s = "the quick brown fox jumps over the lazy dog"
print(s.find("the"), s.rfind("the"), s.find("cat"), s.find("the", 1), s.find("the", 1, 10), s.find(""), s.rfind(""), s.find("", 100))
print(s.index("o"), s.rindex("o"), s.count("o"), s.count("the"), s.count(""), "aaaa".count("aa"), "abc".count("", 1))
try:
    s.index("cat")
except ValueError as e:
    print("ValueError", e)
try:
    s.rindex("cat")
except ValueError as e:
    print("ValueError", e)
print(s.replace("the", "THE"), s.replace("the", "a", 1), "aaa".replace("a", "bb"), "abc".replace("", "-"), "abc".replace("", "-", 2))
print("x".replace("x", ""), "".replace("", "y"), "aaaa".replace("aa", "b"))
print(s.startswith("the"), s.startswith("quick", 4), s.startswith(("a", "t")), s.endswith("dog"), s.endswith(("cat", "dog")), s.endswith("lazy", 0, -4))
print("".startswith(""), "abc".startswith(""), "abc".endswith("", 5), "abc".startswith("a", -1))
try:
    s.startswith(["the"])
except TypeError as e:
    print("TypeError", e)
print("héllo wörld".find("ö"), "日本語テキスト".index("テ"), "😀a😀".rfind("😀"), "😀a😀".count("😀"))
print("banana".find("an", -3), "banana".rfind("an", 0, 3), "banana".index("na", 3))
print("abc" in "xabcx", "" in "abc", "d" not in "abc", "AB" in "abc")
try:
    1 in "abc"
except TypeError as e:
    print("TypeError", e)
