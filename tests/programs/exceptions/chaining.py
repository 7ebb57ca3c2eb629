# raise from, __cause__, __context__, __suppress_context__, implicit chaining.
def show(e):
    print(type(e).__name__, e,
          "cause=", repr(e.__cause__),
          "context=", repr(e.__context__),
          "suppress=", e.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError as inner:
        raise ValueError("converted") from inner
except ValueError as e:
    show(e)
    print(e.__cause__ is e.__context__)
try:
    try:
        {}["k"]
    except KeyError:
        raise RuntimeError("implicit")
except RuntimeError as e:
    show(e)
try:
    try:
        [][0]
    except IndexError:
        raise TypeError("no context") from None
except TypeError as e:
    show(e)
try:
    raise ValueError("direct") from KeyError("cause-only")
except ValueError as e:
    show(e)
try:
    raise ValueError("from class") from KeyError
except ValueError as e:
    show(e)
try:
    raise ValueError("bad") from 5
except TypeError as e:
    show(e)
try:
    try:
        raise KeyError("first")
    except KeyError:
        try:
            raise IndexError("second")
        except IndexError:
            raise OSError("third")
except OSError as e:
    show(e)
    show(e.__context__)
e = ValueError("manual")
e.__cause__ = KeyError("set manually")
print(e.__suppress_context__, repr(e.__cause__))
e.__suppress_context__ = False
print(e.__suppress_context__)
try:
    e.__cause__ = "not an exception"
except TypeError as err:
    print("TypeError", err)
def reraise_same():
    try:
        raise ValueError("same")
    except ValueError as err:
        raise err
try:
    reraise_same()
except ValueError as e:
    show(e)
try:
    try:
        raise ValueError("inner")
    finally:
        print("finally while propagating")
except ValueError as e:
    show(e)
try:
    try:
        raise ValueError("lost")
    finally:
        raise KeyError("from finally")
except KeyError as e:
    show(e)
class Ctx:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        raise RuntimeError("exit error")
try:
    with Ctx():
        1 / 0
except RuntimeError as e:
    show(e)
try:
    raise ValueError("v") from ValueError("w")
except ValueError as e:
    print(e.__cause__.__context__, e.__cause__.__cause__)
