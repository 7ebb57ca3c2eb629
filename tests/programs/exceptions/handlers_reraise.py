# Exceptions in except blocks, bare raise, nested handlers, sys.exc_info, exception variable lifetime.
import sys
def info():
    t, v, tb = sys.exc_info()
    return (t.__name__ if t else None, repr(v), tb is not None)
print(info())
try:
    raise ValueError("A")
except ValueError:
    print(info())
    try:
        raise KeyError("B")
    except KeyError:
        print(info())
    print(info())
print(info())
def reraise():
    try:
        raise IndexError("orig")
    except IndexError:
        print("handling", info())
        raise
try:
    reraise()
except IndexError as e:
    print("reraised", repr(e), e.__context__)
try:
    raise
except RuntimeError as e:
    print("RuntimeError", e)
try:
    try:
        raise ValueError("first")
    except ValueError:
        raise TypeError("in handler")
except TypeError as e:
    print(repr(e), repr(e.__context__))
def nested_bare():
    try:
        raise ValueError("outer")
    except ValueError:
        try:
            raise KeyError("inner")
        except KeyError:
            pass
        raise
try:
    nested_bare()
except Exception as e:
    print("bare raise after nested handler:", repr(e))
print(sys.exc_info())
def in_generator():
    try:
        raise ValueError("in gen")
    except ValueError:
        yield info()
        yield info()
g = in_generator()
print(next(g), info())
print(next(g))
e_holder = []
try:
    raise ValueError("kept")
except ValueError as e:
    e_holder.append(e)
print(repr(e_holder[0]), "e" in dir())
try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise e.with_traceback(None)
except ZeroDivisionError as e2:
    print("with_traceback", repr(e2))
def handler_order():
    try:
        raise KeyError("x")
    except LookupError:
        return "LookupError first"
    except KeyError:
        return "KeyError second"
print(handler_order())
try:
    {}["missing"]
except (IndexError, KeyError) as e:
    print(type(e).__name__, e)
try:
    int("x")
except Exception as e:
    print(type(e).__name__, e)
else:
    print("no else")
count = 0
while True:
    try:
        count += 1
        if count < 3:
            raise ValueError(count)
        break
    except ValueError as e:
        print("retry", e)
print("count", count)
