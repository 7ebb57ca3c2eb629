# The = specifier: preserves expression text and whitespace, uses repr by default.
a = 5
s = "str"
f = 1.5
items = [1, 2]
print(f"{a=}")
print(f"{a = }")
print(f"{a= }")
print(f"{a =}")
print(f"{s=}")
print(f"{s=!s}")
print(f"{s=:>6}")
print(f"{f=:.3f}")
print(f"{f=!r}")
print(f"{a+1=}")
print(f"{a + 1 = }")
print(f"{items[0]=}, {len(items)=}")
print(f"{'lit'=}")
print(f"{None=}", f"{True=}")
print(f"{a*2=:05d}")
print(f"{s.upper()=}")
print(f"{(lambda: 3)()=}")
class C:
    def __repr__(self):
        return "C-repr"
    def __str__(self):
        return "C-str"
    def __format__(self, spec):
        return "C-format(" + spec + ")"
c = C()
print(f"{c=}", f"{c=!s}", f"{c=:xyz}", f"{c}")
