# Comprehension variables don't leak; walrus binds in enclosing scope; nested comprehension scoping.
i = "outer"
lst = [i for i in range(3)]
print(lst, i)
squares = {j: j * j for j in range(3)}
print("j" in dir())
total = 0
data = [1, 2, 3, 4]
res = [(total := total + v) for v in data]
print(res, total)
def in_func():
    acc = [y := v * 10 for v in range(3)]
    return acc, y
print(in_func())
print([x for x in range(3) if (last := x) >= 0], last)
matrix = [[1, 2], [3, 4]]
print([v for row in matrix for v in row], [[v * 10 for v in row] for row in matrix])
print([(a, b) for a in range(3) for b in range(a)])
gen = (k for k in range(3))
print("k" in dir(), list(gen))
try:
    eval("[z := 1 for z in range(3)]")
except SyntaxError as e:
    print("SyntaxError", e.msg)
try:
    compile("[i for i in range(3) if (i := 5)]", "<c>", "exec")
except SyntaxError as e:
    print("SyntaxError", e.msg)
x = 10
fns = [lambda: x for x in range(3)]
print([f() for f in fns], x)
first = [n for n in range(5)][0]
print(first)
nested = [[c for c in w] for w in ["ab", "cd"]]
print(nested)
print({v % 3 for v in range(10)}, {s: len(s) for s in ["a", "bb"]})
outer_var = 3
print([outer_var * v for v in range(3)])
def comp_uses_local():
    factor = 4
    return [factor * v for v in range(3)], list(factor + v for v in range(2))
print(comp_uses_local())
e = [1, 2]
print([e for e in e])
print(sum(v for v in range(5)), max((v * v for v in range(-3, 2)), default=None))
