# re module basics.
import re
m = re.match(r"(\w+)@(\w+)\.com", "alice@example.com")
print(m.group(0), m.group(1), m.groups(), m.span(2), m.start(), m.end())
print(re.search(r"\d+", "abc 123 def 45").group(), re.findall(r"\d+", "a1b22c333"), re.findall(r"(\w)(\d)", "a1 b2"))
print(re.sub(r"\s+", " ", "a   b \t c"), re.sub(r"(\w+) (\w+)", r"\2 \1", "hello world"), re.subn("a", "A", "banana"))
print(re.split(r"[,;]\s*", "a, b;c,  d"), re.split(r"(,)", "a,b"), re.fullmatch(r"\d{3}", "123") is not None, re.fullmatch(r"\d{3}", "1234"))
pat = re.compile(r"(?P<key>\w+)=(?P<val>[^;]*)")
print([m.groupdict() for m in pat.finditer("a=1;b=two;c=")], pat.pattern, bool(pat.flags & re.UNICODE))
print(re.findall(r"(?i)abc", "ABC abc AbC"), re.match(r"^$", ""), re.escape("a.b*c"), re.sub(r"\d", lambda m: str(int(m.group()) * 2), "a1b5"))
print(re.findall(r"\bcat\b", "cat concat cat."), re.search(r"(a)(b)?", "a").groups(), re.match(r"a*?", "aaa").group())
try:
    re.compile("(unclosed")
except re.error as e:
    print("re.error", e)
