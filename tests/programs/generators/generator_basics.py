# Generator functions and expressions: laziness, exhaustion, state, infinite generators stepped manually.
def count_up(start=0):
    n = start
    while True:
        yield n
        n += 1
c = count_up(5)
print([next(c) for _ in range(5)])
def take(gen, n):
    out = []
    for v in gen:
        if len(out) >= n:
            break
        out.append(v)
    return out
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
print(take(fib(), 15))
def primes():
    found = []
    n = 2
    while True:
        if all(n % p for p in found):
            found.append(n)
            yield n
        n += 1
p = primes()
print([next(p) for _ in range(12)])
log = []
def lazy():
    log.append("start")
    yield 1
    log.append("middle")
    yield 2
    log.append("end")
g = lazy()
print(log)
print(next(g), log)
print(list(g), log)
print(list(g))
ge = (x * x for x in range(5))
print(type(ge).__name__, next(ge), list(ge), list(ge))
evens = (x for x in range(20) if x % 2 == 0)
print(sum(evens), sum(evens))
def gen_with_return_in_loop(limit):
    for i in range(10):
        if i == limit:
            return
        yield i
print(list(gen_with_return_in_loop(4)))
nested = ((i, j) for i in range(3) for j in range(i))
print(list(nested))
def gen_state():
    yield 1
g = gen_state()
print(g.gi_frame is not None, g.gi_running)
next(g)
try:
    next(g)
except StopIteration:
    pass
print(g.gi_frame)
print(g.__name__, g.__qualname__, gen_state.__code__.co_flags & 0x20 != 0)
pipeline = (s.upper() for s in (w.strip() for w in [" a ", "b ", " c"]) if s)
print(list(pipeline))
def reader(lines):
    for line in lines:
        if line.startswith("#"):
            continue
        yield line.split("=")
print(dict(reader(["a=1", "#comment", "b=2"])))
g = (i for i in range(3))
print(iter(g) is g, hasattr(g, "send"), hasattr(g, "throw"))
x = 10
gen = (x + i for i in range(3))
x = 100
print(list(gen))
gen2 = (i for i in range(x))
x = 2
print(len(list(gen2)))
def zip_gen():
    yield from zip(count_up(), "abc")
print(list(zip_gen()))
def gen_in_class_method():
    class K:
        def items(self):
            yield from range(3)
    return list(K().items())
print(gen_in_class_method())
