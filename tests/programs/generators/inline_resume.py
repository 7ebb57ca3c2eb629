# Generators resumed by for-loops, `yield from`, `await`, next() and send(): every way a
# generator can yield, return or raise, as seen by its resumer.
import gc
import sys
import traceback


def counter(n):
    for i in range(n):
        yield i
    return "done"


# for-loops and comprehensions
print(list(counter(3)), [x * 2 for x in counter(4)], sum(x for x in counter(5)))
for x in counter(0):
    print("never")
else:
    print("empty loop else")

# next() with and without a default, __next__, send
g = counter(2)
print(next(g), g.__next__(), next(g, "dflt"), next(g, "again"))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e.args, e.value)
g = counter(1)
next(g)
try:
    next(g)
except StopIteration as e:
    print("return value via next:", e.value)


def echo():
    got = []
    while True:
        v = yield len(got)
        if v is None:
            return got
        got.append(v)


e = echo()
print(e.send(None), e.send("a"), e.send("b"))
try:
    e.send(None)
except StopIteration as s:
    print("send finished:", s.value)
try:
    echo().send(1)
except TypeError as t:
    print("TypeError:", t)

# yield from: return values and delegation
def outer():
    r = yield from counter(3)
    print("inner returned", r)
    r2 = yield from []
    print("empty returned", r2)
    return r


print(list(outer()))


# already executing
def selfish():
    yield next(me)


me = selfish()
try:
    next(me)
except ValueError as v:
    print("ValueError:", v)


# PEP 479 through each resumer
def leaks():
    yield 1
    raise StopIteration("leak")


for resume in ("for", "next", "send", "yield from"):
    g = leaks()
    try:
        if resume == "for":
            for _ in g:
                pass
        elif resume == "next":
            next(g)
            next(g)
        elif resume == "send":
            g.send(None)
            g.send(None)
        else:
            def deleg():
                yield from leaks()
            list(deleg())
    except RuntimeError as r:
        print(resume, "RuntimeError:", r, type(r.__cause__).__name__, r.__cause__)


# exceptions from a generator body propagate through its resumer, with its frame in the
# traceback
def bad():
    yield 1
    1 / 0


try:
    for x in bad():
        pass
except ZeroDivisionError:
    tb = traceback.extract_tb(sys.exc_info()[2])
    print([f.name for f in tb])
try:
    g = bad()
    next(g)
    next(g)
except ZeroDivisionError:
    tb = traceback.extract_tb(sys.exc_info()[2])
    print([f.name for f in tb])
print(next(g, "closed after error"))


# the exception being handled inside and outside a generator
def handler_gen():
    try:
        raise KeyError("inside")
    except KeyError:
        yield sys.exc_info()[0].__name__
        yield sys.exc_info()[0].__name__
    yield sys.exc_info()[0]


hg = handler_gen()
try:
    raise IndexError("outside")
except IndexError:
    print(next(hg), sys.exc_info()[0].__name__)
print(next(hg), sys.exc_info()[0])
print(next(hg))


# gi_running, gi_frame.f_back while running
def introspect():
    yield me2.gi_running
    yield sys._getframe().f_back.f_code.co_name


me2 = introspect()
def resumer():
    return [next(me2), next(me2)]
print(resumer())

# deep recursion through generators raises RecursionError, not a crash
def deep(n):
    if n:
        yield from deep(n - 1)
    else:
        yield "bottom"


print(next(deep(100)))
try:
    next(deep(100000))
except RecursionError as r:
    print("RecursionError:", r)


def nested_next(n):
    if n == 0:
        yield 0
        return
    yield next(nested_next(n - 1)) + 1


print(next(nested_next(50)))
try:
    next(nested_next(100000))
except RecursionError as r:
    print("RecursionError:", r)


# a collection inside a generator body resumed by next() runs there and then
class Tracked:
    def __del__(self):
        print("Tracked finalized")


def collector():
    t = Tracked()
    t.cycle = t
    del t
    yield "before collect"
    gc.collect()
    yield "after collect"


gc.disable()
c = collector()
print(next(c))
print(next(c))
gc.enable()

# coroutines driven by send() and await
class Fut:
    def __await__(self):
        v = yield "suspended"
        return v * 2


async def inner_coro():
    return await Fut()


async def outer_coro():
    return await inner_coro() + 1


co = outer_coro()
print(co.send(None))
try:
    co.send(20)
except StopIteration as s:
    print("coroutine result", s.value)
try:
    co.send(None)
except RuntimeError as r:
    print("RuntimeError:", r)

# close and throw after inline resumption
def closable():
    try:
        yield 1
        yield 2
    finally:
        print("closable cleanup")


cl = closable()
print(next(cl))
cl.close()
th = closable()
print(next(th))
try:
    th.throw(KeyError("thrown"))
except KeyError as k:
    print("thrown back:", k)
