# Generators: 'call' on every resume, 'return' on every yield, throw, yield from, close.
import sys

out = []


def tracer(frame, event, arg):
    if event == "exception":
        arg = arg[0].__name__
    out.append((frame.f_code.co_name, event, frame.f_lineno - BASE, arg))
    return tracer


BASE = tracer.__code__.co_firstlineno


def gen(n):
    for i in range(n):
        x = yield i
        if x:
            yield x


def inner():
    yield 1
    yield 2
    # (A non-None return value would add an 'exception' event for StopIteration in the
    # delegating frame: CPython reports it, ferropy does not yet.)


def outer():
    r = yield from inner()
    yield r


def catcher():
    try:
        yield 1
    except ValueError:
        yield "caught"


def main():
    l = list(gen(2))
    g = gen(3)
    next(g)
    g.send("s")
    next(g)
    g.close()
    l2 = list(outer())
    c = catcher()
    next(c)
    c.throw(ValueError)
    c.close()
    return l, l2


sys.settrace(tracer)
res = main()
sys.settrace(None)
for o in out:
    print(o)
print(res)
