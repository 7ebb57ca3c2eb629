# Generators and finally blocks: closing, garbage collection of suspended generators, exceptions inside.
def resource(name):
    print("open", name)
    try:
        yield name
        yield name + "-2"
    finally:
        print("close", name)
for r in resource("a"):
    print("using", r)
g = resource("b")
next(g)
g.close()
print("after explicit close")
def consumer():
    gen = resource("c")
    try:
        for v in gen:
            print("consume", v)
            return "early return"
    finally:
        gen.close()
print(consumer())
def raises_in_finally():
    try:
        yield 1
    finally:
        raise ValueError("from finally")
g = raises_in_finally()
next(g)
try:
    g.close()
except ValueError as e:
    print("close raised", e)
def yield_in_finally():
    try:
        yield "body"
    finally:
        yield "finally-yield"
g = yield_in_finally()
print(next(g), next(g))
try:
    next(g)
except StopIteration:
    print("finished normally")
def gen_with_exc():
    try:
        yield 1
        raise KeyError("inside")
    except KeyError as e:
        yield "caught " + repr(e)
    finally:
        yield "finally"
print(list(gen_with_exc()))
def nested_gens():
    def inner():
        try:
            yield "i1"
            yield "i2"
        finally:
            print("inner finally")
    it = inner()
    try:
        for v in it:
            yield v
            break
        it.close()
    finally:
        print("outer finally")
print(list(nested_gens()))
def with_in_gen():
    class CM:
        def __enter__(self):
            print("cm enter")
        def __exit__(self, *a):
            print("cm exit", a[0].__name__ if a[0] else None)
    with CM():
        yield 1
        yield 2
w = with_in_gen()
next(w)
w.close()
w2 = with_in_gen()
next(w2)
try:
    w2.throw(RuntimeError("thrown"))
except RuntimeError as e:
    print("propagated", e)
