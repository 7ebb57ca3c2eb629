# Unpacking in calls and literals: *args/**kwargs forwarding, multiple stars, errors.
def show(*args, **kwargs):
    return args, kwargs
print(show(*[1, 2], *(3,), *"ab"))
print(show(**{"a": 1}, **{"b": 2}, c=3))
print(show(*range(2), 5, *[6], k=1, **{"z": 0}))
try:
    show(**{"a": 1}, **{"a": 2})
except TypeError as e:
    print("TypeError", e)
try:
    show(a=1, **{"a": 2})
except TypeError as e:
    print("TypeError", e)
try:
    show(*None)
except TypeError as e:
    print("TypeError", e)
try:
    show(**[1])
except TypeError as e:
    print("TypeError", e)
def forward(*a, **k):
    return show(*a, **k)
print(forward(1, x=2))
def pos(a, b, c):
    return a * 100 + b * 10 + c
print(pos(*[1, 2, 3]), pos(1, *[2, 3]), pos(*[1], **{"c": 3, "b": 2}))
args = (1, 2)
kwargs = {"c": 9}
print(pos(*args, **kwargs))
print([*{"a": 1, "b": 2}], [*{"a": 1}.items()], {**dict(x=1), **dict(y=2)})
print(max(*[3, 9, 2]), min(*"hello"), print(*[], end="") is None)
print(*"abc", sep=",", end="!\n")
nested = [[1, 2], [3, 4]]
print(*[x for row in nested for x in row])
print(list(zip(*[(1, "a"), (2, "b"), (3, "c")])))
def kwonly(*, a, b=2):
    return a, b
print(kwonly(**{"a": 1}), kwonly(**{"a": 1, "b": 3}))
try:
    kwonly(*[1])
except TypeError as e:
    print("TypeError", e)
class Mapping:
    def keys(self):
        return ["k1", "k2"]
    def __getitem__(self, k):
        return k.upper()
print(show(**Mapping()))
try:
    show(**{1: "x"})
except TypeError as e:
    print("TypeError", e)
