# with statement: __enter__/__exit__ ordering, suppression, exception info, nesting, return inside.
class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev, tb is not None)
        return self.suppress
with CM("a") as v:
    print("body", v)
with CM("b", suppress=True):
    raise ValueError("suppressed")
print("after suppressed")
try:
    with CM("c"):
        raise KeyError("escapes")
except KeyError as e:
    print("caught", repr(e))
with CM("outer") as o, CM("inner") as i:
    print("both", o, i)
try:
    with CM("x"), CM("y", suppress=True), CM("z"):
        raise RuntimeError("in z")
    print("suppressed by y")
except RuntimeError:
    print("not reached")
def ret():
    with CM("ret"):
        return "returned"
print(ret())
for k in range(3):
    with CM(f"loop{k}"):
        if k == 1:
            continue
        if k == 2:
            break
        print("loop body", k)
class BadEnter:
    def __exit__(self, *a):
        pass
try:
    with BadEnter():
        pass
except TypeError as e:
    print("TypeError", e)
class BadExit:
    def __enter__(self):
        return self
try:
    with BadExit():
        pass
except TypeError as e:
    print("TypeError", e)
class ExitRaises:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        raise OSError("from exit")
try:
    with ExitRaises():
        raise ValueError("original")
except OSError as e:
    print("OSError", e, "context:", repr(e.__context__))
class EnterRaises:
    def __enter__(self):
        raise ValueError("enter failed")
    def __exit__(self, *a):
        print("exit should not run")
try:
    with EnterRaises():
        print("body should not run")
except ValueError as e:
    print("ValueError", e)
class TruthyExit:
    def __enter__(self):
        return None
    def __exit__(self, *a):
        return "non-empty string is truthy"
with TruthyExit() as nothing:
    raise ZeroDivisionError
print("suppressed by truthy", nothing)
with CM("tuple-target") as (first, *rest):
    print(first, rest)
class Reentrant:
    def __init__(self):
        self.depth = 0
    def __enter__(self):
        self.depth += 1
        return self.depth
    def __exit__(self, *a):
        self.depth -= 1
r = Reentrant()
with r as d1:
    with r as d2:
        print("depths", d1, d2, r.depth)
print(r.depth)
