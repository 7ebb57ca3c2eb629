# Special methods called by the operators (a + b, a < b, a[k], k in a, if a, iter(a),
# f"{a}", a.x = v, descriptors), by the builtins len/repr/getattr/iter/format, and the
# callbacks of list.sort/sorted, functools.reduce, dict(iterable) and a defaultdict
# factory run from a clean position: gc.collect() inside them frees a cycle at once.
import collections
import functools
import gc
import weakref


class Node:
    pass


def collected():
    a, b = Node(), Node()
    a.other, b.other = b, a
    r = weakref.ref(a)
    del a, b
    gc.collect()
    return r() is None


class S:
    def __init__(self, v=0):
        self.v = v

    def __add__(self, o):
        return ("add", collected())

    def __radd__(self, o):
        return ("radd", collected())

    def __iadd__(self, o):
        return ("iadd", collected())

    def __lt__(self, o):
        collected_log.append(collected())
        return self.v < o.v

    def __eq__(self, o):
        return ("eq", collected())

    def __getitem__(self, k):
        return ("getitem", k, collected())

    def __setitem__(self, k, v):
        log.append(("setitem", k, v, collected()))

    def __delitem__(self, k):
        log.append(("delitem", k, collected()))

    def __contains__(self, x):
        log.append(("contains", collected()))
        return True

    def __bool__(self):
        log.append(("bool", collected()))
        return True

    def __len__(self):
        log.append(("len", collected()))
        return 3

    def __iter__(self):
        log.append(("iter", collected()))
        return iter([1, 2])

    def __repr__(self):
        return "S(%s)" % collected()

    def __str__(self):
        return "str S(%s)" % collected()

    def __format__(self, spec):
        return "format S(%s, %s)" % (spec, collected())

    __hash__ = object.__hash__


log = []
collected_log = []
s = S()
print(s + 1)
print(1 + s)
t = s
t += 1
print(t)
print(s == 1)
print(s["k"])
s["k"] = "v"
del s["k"]
print(5 in s)
if s:
    pass
print(not s)
print(len(s))
print([x for x in s], next(iter(s)))
print(repr(s), f"{s!r}", f"{s!s}", f"{s:>{3 + 4}}", format(s, "x"))
print(log)
log.clear()


# Descriptors and __setattr__.
class D:
    def __get__(self, obj, owner):
        return ("get", collected())

    def __set__(self, obj, value):
        log.append(("set", value, collected()))


class WithD:
    d = D()

    def __getattr__(self, name):
        return ("getattr", name, collected())


w = WithD()
print(w.d)
w.d = 1
print(getattr(w, "missing"))


class Setter:
    def __setattr__(self, name, value):
        log.append(("setattr", name, value, collected()))


Setter().x = 2
print(log)
log.clear()

# Sorting: the key function and __lt__ collect.
items = [S(3), S(1), S(2)]
print([x.v for x in sorted(items)], all(collected_log), len(collected_log) > 0)
collected_log.clear()


def logged_key(x):
    collected_log.append(collected())
    return -x


print(sorted([3, 1, 2], key=logged_key), collected_log)
collected_log.clear()
lst = [3, 1, 2]
lst.sort(key=logged_key, reverse=True)
print(lst, collected_log)
collected_log.clear()
items.sort()
print([x.v for x in items], all(collected_log))

# Items the list no longer holds while it is sorted stay alive through collections.
victims = [S(i) for i in range(20, 0, -1)]


def key(x):
    gc.collect()
    return x.v


victims_sorted = sorted(victims, key=key)
del victims
print([x.v for x in victims_sorted][:5])
lst = [S(i) for i in range(10, 0, -1)]
lst.sort(key=lambda x: (gc.collect(), x.v)[1])
print([x.v for x in lst])

# functools.reduce, dict(iterable), dict.update, a defaultdict factory.
print(functools.reduce(lambda a, b: (a[0] + b, collected()), [1, 2, 3], (0, None)))
print(dict((k, collected()) for k in "ab"))
d = {}
d.update((k, collected()) for k in "cd")
print(d)
dd = collections.defaultdict(lambda: ("default", collected()))
print(dd["x"], dict(dd))


# A binary operator whose method reassigns __class__ and drops the old class: the lookup
# of the reflected method afterwards still works.
def make_class():
    class Temp:
        def __add__(self, o):
            self.__class__ = Plain
            gc.collect()
            return NotImplemented

    return Temp


class Plain:
    pass


class Right:
    def __radd__(self, o):
        gc.collect()
        return "right radd after " + type(o).__name__


print(make_class()() + Right())


# Unary operators, and == called by `in` on a list or tuple.
class Unary:
    def __neg__(self):
        return ("neg", collected())

    def __pos__(self):
        return ("pos", collected())

    def __invert__(self):
        return ("invert", collected())

    def __eq__(self, o):
        return collected()


u = Unary()
print(-u, +u, ~u)
print(u in [1, "a", u], 5 in [1, 2, Unary()], 5 in (Unary(),), Unary() in [])


# The list drops its items while `in` compares them: the search stops there, as in
# CPython, and the item being compared stays alive.
class Dropper:
    def __eq__(self, o):
        held.clear()
        gc.collect()
        return isinstance(o, Node) and o.tag == 3


class DropSelf:
    def __eq__(self, o):
        held.remove(o)
        gc.collect()
        return o.tag == 2


held = []
for i in range(5):
    n = Node()
    n.tag = i
    held.append(n)
del n
print(Dropper() in held, len(held))
for i in range(5):
    n = Node()
    n.tag = i
    held.append(n)
del n
print(DropSelf() in held, [n.tag for n in held])
print(DropSelf() in tuple(held), [n.tag for n in held])


# A temporary defaultdict and a fresh key stay alive while the factory collects.
def collecting_factory():
    gc.collect()
    return ["made"]


def fresh(i):
    return ("key", str(i))


for i in range(3):
    print(collections.defaultdict(collecting_factory)[fresh(i)], len(collections.defaultdict(collecting_factory, {fresh(i): 1})))


class Missing(dict):
    def __missing__(self, key):
        gc.collect()
        return [key, collected()]


print(Missing()[fresh(7)])
