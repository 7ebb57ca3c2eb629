# An exception class whose __new__ returns something else: raise and throw() report it.
class E(Exception):
    def __new__(cls, *args):
        return cls


try:
    raise E
except TypeError as e:
    print("raise:", e)


def gen():
    yield


g = gen()
try:
    g.throw(E)
except TypeError as e:
    print("throw:", e)
try:
    next(g)
except StopIteration:
    print("generator closed")


def guarded():
    try:
        yield
    except TypeError as e:
        print("inside:", e)
        yield "handled"


g = guarded()
next(g)
try:
    print(g.throw(E))
except TypeError as e:
    print("throw into running frame:", e)
