# Collections while native consumers (sum, list, tuple, set, join, min, max, any, all,
# sorted, list.extend) drive generators, map, filter, zip and enumerate objects and Python
# iterators: the consumers' partial results, the iterators' pending arguments and the items
# in flight must survive collections run inside the Python code they call.
import gc
import weakref


class Box:
    def __init__(self, v):
        self.v = v
        self.junk = [v] * 5

    def __repr__(self):
        return f"Box({self.v})"


def churn(n):
    # Garbage, including cycles, then an explicit collection.
    for i in range(n):
        a = [i, {"k": (i, str(i))}]
        a.append(a)
    gc.collect()


def gen_boxes(n):
    for i in range(n):
        churn(3)
        yield Box(i)


def gen_strs(n):
    for i in range(n):
        churn(2)
        yield "s%d" % i


print(sum(b.v for b in gen_boxes(20)))
print(list(gen_boxes(5)))
print(tuple(gen_boxes(4)))
print(sorted(set(b.v * 3 % 7 for b in gen_boxes(12))))
print("-".join(gen_strs(6)))
print(min(gen_boxes(6), key=lambda b: (churn(1), -b.v)[1]))
print(max(gen_boxes(6), key=lambda b: (churn(1), b.v % 4)[1]))
print(any(b.v > 3 for b in gen_boxes(6)), all(b.v < 3 for b in gen_boxes(6)))
print(sorted(gen_boxes(5), key=lambda b: -b.v))


def mk(i):
    churn(2)
    return Box(i * 10)


print(list(map(mk, range(5))))
print(list(map(lambda a, b: (churn(1), Box(a + b.v))[1], range(3), gen_boxes(3))))
print(list(filter(lambda b: (churn(1), b.v % 2)[1], gen_boxes(8))))
print(list(zip(gen_boxes(3), map(mk, range(3)), gen_strs(3))))
print(list(enumerate(gen_boxes(3), 100)))
print([b for b in map(mk, range(4))])

acc = []
acc.extend(gen_boxes(4))
acc.extend(map(mk, range(2)))
print(acc)


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        churn(2)
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return Box(self.n)


print(list(Countdown(4)), sum(b.v for b in Countdown(5)))

# A sum of objects: the running total is a fresh object each step.
class Vec:
    def __init__(self, x):
        self.x = x

    def __add__(self, other):
        churn(1)
        return Vec(self.x + (other.x if isinstance(other, Vec) else other))

    __radd__ = __add__


print(sum((Vec(i) for i in range(10)), Vec(0)).x)
print(sum((Vec(i) for i in gen_strs(0)), Vec(7)).x)

# Nested consumers, and consumers whose callbacks raise mid-way.
print(sum(sum(b.v for b in gen_boxes(k)) for k in range(5)))
print(list(map(lambda k: "".join(gen_strs(k)), range(4))))


def failing(n):
    for i in range(n):
        churn(2)
        yield Box(i)
    raise ValueError("stop at %d" % n)


for consumer in (list, tuple, set, sum, sorted, min, max, any):
    try:
        if consumer in (sum,):
            consumer(b.v for b in failing(3))
        elif consumer in (set,):
            consumer(b.v for b in failing(3))
        else:
            consumer(failing(3))
    except ValueError as e:
        print(consumer.__name__, "raised", e)
    except TypeError as e:
        print(consumer.__name__, "TypeError", e)

# Weak references and finalizers of garbage made inside a consumer's callbacks.
events = []


class Tracked:
    def __del__(self):
        events.append("del")


def make_tracked(i):
    t = Tracked()
    r = weakref.ref(t, lambda _: events.append("cb"))
    del t
    gc.collect()
    return r() is None


print(all(map(make_tracked, range(3))), events.count("del"), events.count("cb"))

# Generator expressions over generator expressions, consumed by a set and a dict.
print(sorted({b.v % 5 for b in gen_boxes(10)}))
print(dict((str(b.v), b.v) for b in gen_boxes(4)))
print(len(list(x for x in (Box(i) for i in range(2000)) if x.v % 3 == 0)))
