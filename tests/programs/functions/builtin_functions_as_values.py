# Builtin functions/methods as first-class values, bound method equality, unbound method calls.
fs = [len, abs, str, repr, type, sorted, list]
for fn in fs:
    print(fn.__name__, fn([3, -1, 2]) if fn is not abs else fn(-3))
print(len.__name__, type(len).__name__, type([].append).__name__, type(list.append).__name__, type(str.upper).__name__)
print(list.append.__name__, list.append.__qualname__, str.join.__qualname__, dict.fromkeys.__qualname__ if False else "skip")
lst = []
app = lst.append
for i in range(3):
    app(i)
print(lst, app.__self__ is lst)
print(str.upper("abc"), list.__len__([1, 2]), dict.get({"a": 1}, "a"), int.__add__(1, 2), list.count([1, 1, 2], 1))
print(list(map(str.strip, [" a ", "b "])), list(map(int, "123")), list(map(float, ["1.5", "2"])))
print(sorted(["b", "A", "c"], key=str.casefold), max(["aa", "b"], key=len))
try:
    str.upper(5)
except TypeError as e:
    print("TypeError", e)
try:
    list.append((), 1)
except TypeError as e:
    print("TypeError", e)
print(getattr([1, 2], "__len__")(), getattr("x", "upper")(), getattr(dict, "fromkeys")("ab"))
print(print.__name__, repr(print), repr(len), repr(str.upper)[:25], repr(int.__add__)[:30])
ops = {"+": int.__add__, "-": int.__sub__, "*": int.__mul__}
print({k: f(7, 3) for k, f in ops.items()})
print(sum.__name__, min.__call__([3, 1]), any.__name__, callable(print))
