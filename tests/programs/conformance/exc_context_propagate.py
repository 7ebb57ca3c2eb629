def gen():
    try:
        yield
    except BaseException:
        exc = KeyError()
        try:
            raise exc
        finally:
            exc.__context__ = None

try:
    try:
        raise IndexError
    except IndexError:
        it = gen()
        next(it)
        it.throw(IndexError())
except KeyError as e:
    print(repr(e.__context__))

def f():
    raise ValueError("inner")

try:
    try:
        raise IndexError("outer")
    except IndexError:
        f()
except ValueError as e:
    print(repr(e.__context__))

try:
    try:
        raise IndexError("a")
    except IndexError:
        e2 = TypeError("b")
        raise e2
except TypeError as e:
    print(repr(e.__context__))

try:
    try:
        1 / 0
    except ZeroDivisionError:
        {}["k"]
except KeyError as e:
    print(repr(e.__context__))
