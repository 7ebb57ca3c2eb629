# The exception being handled inside generators: each generator has its own, and its
# resumer's shows through while it handles none (sys.exc_info, bare raise, __context__).
import sys


def name():
    e = sys.exc_info()[1]
    return None if e is None else repr(e)


def gen():
    yield "start " + str(name())
    try:
        raise KeyError("k")
    except KeyError:
        yield "in handler " + str(name())
        yield "still " + str(name())
    yield "after " + str(name())
    try:
        raise ValueError("v")
    except ValueError:
        pass
    yield "after second " + str(name())


def drive(resumer):
    g = gen()
    out = []
    for step in range(5):
        if step % 2:
            try:
                raise IndexError(step)
            except IndexError:
                out.append(resumer(g) + " | outside " + str(name()))
        else:
            out.append(resumer(g) + " | outside " + str(name()))
    return out


print("\n".join(drive(next)))
print("\n".join(drive(lambda g: g.send(None))))
print("\n".join(drive(lambda g: [x for x in [next(g)]][0])))


def reraiser():
    try:
        yield
        raise
    except RuntimeError as e:
        yield "bare raise: " + repr(e)


r = reraiser()
next(r)
try:
    raise TypeError("outer")
except TypeError:
    try:
        print(next(r))
    except TypeError as e:
        print("reraised the resumer's", repr(e))


def chained():
    yield
    raise OSError("inner")


c = chained()
next(c)
try:
    raise LookupError("outer")
except LookupError:
    try:
        next(c)
    except OSError as e:
        print(repr(e), "context:", repr(e.__context__))


def nested_outer():
    try:
        raise ZeroDivisionError("zd")
    except ZeroDivisionError:
        yield from nested_inner()
        yield "outer after: " + str(name())


def nested_inner():
    yield "inner sees: " + str(name())
    try:
        raise NameError("n")
    except NameError:
        yield "inner own: " + str(name())
    yield "inner after: " + str(name())


for x in nested_outer():
    print(x, "| loop sees", name())
