# An exception thrown into a generator delegating with `yield from` is chained to the
# exception the generator is handling; generator names must be strings.
def f():
    yield


def g():
    try:
        raise KeyError("a")
    except Exception:
        yield from f()


gen = g()
gen.send(None)
try:
    gen.throw(ValueError)
except ValueError as e:
    print(type(e.__context__).__name__, e.__context__.args)


def h():
    try:
        raise IndexError("handled")
    except IndexError:
        yield


gen = h()
next(gen)
try:
    gen.throw(TypeError("thrown"))
except TypeError as e:
    print(repr(e.__context__))

gen = h()
gen.__name__ = "renamed"
gen.__qualname__ = "Q.renamed"
print(gen.__name__, gen.__qualname__)
for attr in ("__name__", "__qualname__"):
    try:
        setattr(gen, attr, 123)
    except TypeError as e:
        print("TypeError:", e)
