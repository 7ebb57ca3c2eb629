# Pickling and copying of native iterators (itertools and the builtin iterators), part-way
# through, at every protocol; their __reduce__ values where they are deterministic.
import copy
import itertools as it
import operator
import pickle


def describe(x):
    # Reduce values without object addresses: iterators show as their type name.
    if isinstance(x, tuple):
        return "(" + ", ".join(describe(i) for i in x) + ("," if len(x) == 1 else "") + ")"
    if isinstance(x, list):
        return "[" + ", ".join(describe(i) for i in x) + "]"
    if isinstance(x, type):
        return x.__name__
    if hasattr(x, "__next__"):
        return "<" + type(x).__name__ + ">"
    if callable(x):
        return getattr(x, "__name__", "?")
    return repr(x)


def take(n, x):
    return list(it.islice(x, n))


def check(name, make, skip=1, n=6):
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        a = make()
        head = take(skip, a)
        b = pickle.loads(pickle.dumps(a, proto))
        same_type = type(a) is type(b)
        rest_b = take(n, b)
        rest_a = take(n, a)
        if proto == 0:
            c = copy.deepcopy(make())
            print(name, head, rest_b, same_type and rest_a == rest_b, take(n, c))
        elif not same_type or rest_a != rest_b:
            print("  proto", proto, "differs", rest_a, rest_b)


def small(x):
    return x < 3


def below5(x):
    return x < 5


check("count", lambda: it.count(3))
check("count float", lambda: it.count(1.5, 0.5))
check("cycle", lambda: it.cycle("abc"), 2)
check("cycle replay", lambda: it.cycle("abc"), 4)
check("repeat", lambda: it.repeat("x", 5))
check("accumulate", lambda: it.accumulate([1, 2, 3, 4, 5]))
check("accumulate func", lambda: it.accumulate([1, 2, 3, 4], operator.mul, initial=10), 0)
check("chain", lambda: it.chain("ab", "", "cde"), 3)
check("compress", lambda: it.compress("abcdef", [1, 0, 1, 1, 0, 1]))
check("dropwhile", lambda: it.dropwhile(small, range(8)))
check("takewhile", lambda: it.takewhile(below5, range(8)))
check("filterfalse", lambda: it.filterfalse(None, [0, 1, 0, 2, 3]))
check("starmap", lambda: it.starmap(pow, [(2, 3), (3, 2), (4, 1)]))
check("islice", lambda: it.islice(range(20), 2, 15, 3))
check("zip_longest", lambda: it.zip_longest("ab", "cde", fillvalue="-"))
check("product", lambda: it.product("ab", range(3)), 2)
check("permutations", lambda: it.permutations(range(4), 2), 3)
check("combinations", lambda: it.combinations(range(5), 3), 2)
check("cwr", lambda: it.combinations_with_replacement("abc", 2), 2)
check("tee", lambda: it.tee(range(10))[0], 3)
check("map", lambda: map(operator.add, range(5), range(10, 15)))
check("filter", lambda: filter(None, [0, 1, 0, 2, 3]))
check("zip", lambda: zip("abc", range(5)))
check("enumerate", lambda: enumerate("abcd", 5))
check("reversed list", lambda: reversed([1, 2, 3, 4]))
check("reversed str", lambda: reversed("hello"))
check("list iter", lambda: iter([1, 2, 3, 4]))
check("tuple iter", lambda: iter((1, 2, 3)))
check("str iter", lambda: iter("héllo"))
check("bytes iter", lambda: iter(b"bytes"))
check("range iter", lambda: iter(range(1, 20, 3)))
check("big range iter", lambda: iter(range(2**70, 2**70 + 5)))
check("dict iter", lambda: iter({"a": 1, "b": 2, "c": 3}))
check("dict items", lambda: iter({"a": 1, "b": 2}.items()))
check("set iter", lambda: iter({7}), 0)

g = it.groupby("aaabbc")
k, grp = next(g)
g2 = pickle.loads(pickle.dumps(g))
print("groupby", [(k, list(v)) for k, v in g2])

print(describe(iter([1, 2, 3]).__reduce__()))
x = iter([1, 2, 3])
next(x)
print(describe(x.__reduce__()))
list(x)
print(describe(x.__reduce__()))
r = iter(range(1, 10, 2))
next(r)
print(describe(r.__reduce__()))
print(describe(reversed(range(5)).__reduce__()))
print(describe(iter("abc").__reduce__()))
print(describe(map(abs, [1]).__reduce__()))
print(describe(zip([1], [2], strict=True).__reduce__()))
print(describe(enumerate([1], 3).__reduce__()))
print(describe(it.count(2).__reduce__()))
print(describe(it.count(2, 3).__reduce__()))
c = it.cycle([1, 2, 3])
take(4, c)
print(describe(c.__reduce__()))
print(describe(it.product("ab", repeat=2).__reduce__()))
p = it.permutations(range(3), 2)
next(p)
print(describe(p.__reduce__()))
print(describe(it.combinations(range(3), 2).__reduce__()))
print(describe(it.islice("abcdef", 1, None, 2).__reduce__()))

# __setstate__ checks and messages
def err(f):
    try:
        f()
        print("no error")
    except Exception as e:
        print(type(e).__name__, e)

err(lambda: it.cycle("").__setstate__([]))
err(lambda: it.cycle("").__setstate__(((), 1)))
err(lambda: it.chain().__setstate__((1,)))
err(lambda: it.groupby([]).__setstate__((1, 2)))
err(lambda: it.product([1]).__setstate__(("a",)))
err(lambda: it.permutations([1, 2]).__setstate__(((0,), (1,))))
err(lambda: it.tee([])[0].__setstate__((1, 2)))
err(lambda: it._tee_dataobject(iter([]), (), None))
err(lambda: iter([1]).__setstate__("a"))
l = reversed([1, 2, 3])
l.__setstate__(1)
print(list(l))
s = iter("hello")
s.__setstate__(3)
print(list(s))
t = it.takewhile(bool, [1, 1, 0])
t.__setstate__(True)
print(list(t))
