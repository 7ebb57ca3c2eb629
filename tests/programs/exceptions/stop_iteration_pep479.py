# StopIteration inside generators becomes RuntimeError (PEP 479); StopIteration value; iterator protocol edges.
def leaky():
    yield 1
    raise StopIteration("leak")
g = leaky()
print(next(g))
try:
    next(g)
except RuntimeError as e:
    print("RuntimeError", e, "cause:", repr(e.__cause__), "context:", repr(e.__context__))
def calls_next_on_empty():
    it = iter([])
    yield next(it)
try:
    list(calls_next_on_empty())
except RuntimeError as e:
    print("RuntimeError", e, type(e.__cause__).__name__)
def returns_value():
    yield 1
    return "retval"
g = returns_value()
next(g)
try:
    next(g)
except StopIteration as e:
    print("StopIteration value", e.value, e.args)
def ret_none():
    return
    yield
try:
    next(ret_none())
except StopIteration as e:
    print("value", e.value, e.args)
def ret_tuple():
    yield
    return (1, 2)
g = ret_tuple()
next(g)
try:
    next(g)
except StopIteration as e:
    print("tuple value", e.value, e.args)
def ret_exc():
    yield
    return StopIteration("inner")
g = ret_exc()
next(g)
try:
    next(g)
except StopIteration as e:
    print("exception value", repr(e.value))
class It:
    def __iter__(self):
        return self
    def __next__(self):
        raise StopIteration("class iterators may raise it")
print(list(It()))
def gen_of_class_iter():
    yield from It()
    yield "after"
print(list(gen_of_class_iter()))
def genexp_stop():
    return list(next(iter([])) for _ in range(1))
try:
    print(genexp_stop())
except RuntimeError as e:
    print("RuntimeError", e)
print(list(x for x in [1, 2] if x))
def comprehension_stop():
    return [next(iter([])) for _ in range(1)]
try:
    comprehension_stop()
except StopIteration as e:
    print("StopIteration escapes list comprehension", repr(e))
g = returns_value()
print(list(g), list(g))
def after_exhaust():
    yield 1
g = after_exhaust()
print(list(g))
try:
    next(g)
except StopIteration as e:
    print("exhausted again", repr(e))
