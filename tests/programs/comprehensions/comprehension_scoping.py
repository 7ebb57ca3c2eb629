# Comprehension scoping: first iterable evaluated in enclosing scope, loop variable isolation, closures.
x = "global"
res = [x for x in range(3)]
print(res, x)
def outer():
    n = 5
    return [n + i for i in range(3)]
print(outer())
def first_iter_scope():
    items = [1, 2, 3]
    return [[i * j for j in items] for i in items]
print(first_iter_scope())
class K:
    data = [1, 2, 3]
    first_iter_ok = [v * 2 for v in data]
    try:
        nested_fail = [[v for v in data] for _ in range(1)]
    except NameError as e:
        nested_fail = "NameError: " + str(e)
print(K.first_iter_ok, K.nested_fail)
funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
funcs2 = [lambda i=i: i for i in range(3)]
print([f() for f in funcs2])
gens = [(lambda: i) for i in range(2)]
print([g() for g in gens])
y = 1
g = (y * i for i in range(3))
y = 10
print(list(g))
it = iter(range(5))
g2 = (v for v in it)
print(next(g2), next(it), list(g2))
def walrus_leak():
    [last := v for v in range(4)]
    return last
print(walrus_leak())
def walrus_in_genexp():
    total = 0
    list(total := total + v for v in range(4))
    return total
print(walrus_in_genexp())
try:
    exec("class C:\n    [z := 1 for _ in range(1)]\n")
except SyntaxError as e:
    print("SyntaxError", e.msg)
print([i for i in range(3) for i in range(i)])
print([(i := j) for j in range(2)], i)
def shadow_param(v):
    return [v for v in range(v)]
print(shadow_param(3))
