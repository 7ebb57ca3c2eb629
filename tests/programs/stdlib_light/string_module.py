# string module constants, Template, Formatter, capwords.
import string
print(string.ascii_letters, string.ascii_lowercase, string.ascii_uppercase)
print(string.digits, string.hexdigits, string.octdigits, repr(string.whitespace))
print(string.punctuation, len(string.printable))
t = string.Template("$who likes ${what}s, $$5")
print(t.substitute(who="tim", what="apple"), t.safe_substitute(who="ann"))
try:
    t.substitute(who="x")
except KeyError as e:
    print("KeyError", e)
print(string.capwords("hello   big world"), string.capwords("a-b c-d", "-"))
f = string.Formatter()
print(f.format("{0}-{x}", 1, x=2), list(f.parse("a{b}c{d:>3}")))
