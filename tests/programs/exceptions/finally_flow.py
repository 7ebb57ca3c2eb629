# finally ordering with return/break/continue, return overriding, nested try.
def f1():
    try:
        return "try"
    finally:
        print("f1 finally")
def f2():
    try:
        return "try"
    finally:
        return "finally overrides"
def f3():
    try:
        raise ValueError("swallowed")
    finally:
        return "finally swallows exception"
def f4():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
            print("f4 body", i)
        finally:
            print("f4 finally", i)
    return "f4 done"
def f5():
    x = []
    try:
        x.append(1)
        return x
    finally:
        x.append(2)
def f6():
    try:
        try:
            raise KeyError("k")
        finally:
            print("inner finally")
    except KeyError as e:
        print("outer caught", repr(e))
        return "handled"
    finally:
        print("outer finally")
def f7():
    for i in range(3):
        try:
            return i
        finally:
            if i < 2:
                continue
def f8():
    while True:
        try:
            return "never"
        finally:
            break
    return "after break in finally"
def f9():
    try:
        pass
    except Exception:
        print("no")
    else:
        print("else runs")
        return "from else"
    finally:
        print("finally after else")
def f10():
    try:
        raise ValueError
    except ValueError:
        return "from except"
    else:
        return "not"
    finally:
        print("f10 finally")
for fn in (f1, f2, f3, f4, f5, f6, f7, f8, f9, f10):
    print(fn.__name__, "->", fn())
def gen_finally():
    try:
        yield 1
        yield 2
    finally:
        print("gen finally")
for v in gen_finally():
    print("got", v)
    break
print("after gen loop")
def counter():
    n = 0
    try:
        while True:
            try:
                n += 1
                if n == 3:
                    raise StopIteration
            finally:
                if n == 3:
                    print("inner finally at", n)
    except StopIteration:
        return n
print(counter())
def exc_in_else():
    try:
        pass
    except ValueError:
        print("not here")
    else:
        raise ValueError("from else")
try:
    exc_in_else()
except ValueError as e:
    print("caught", e)
