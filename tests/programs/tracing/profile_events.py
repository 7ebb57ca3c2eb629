# sys.setprofile: call/return for Python frames, c_call/c_return/c_exception for builtins.
import sys

out = []


def name(x):
    n = getattr(x, "__qualname__", None) or getattr(x, "__name__", None)
    return n


def prof(frame, event, arg):
    a = name(arg) if event.startswith("c_") else (arg if event == "return" else None)
    if event == "return" and not isinstance(arg, (int, str, type(None))):
        a = type(arg).__name__
    out.append((frame.f_code.co_name, event, a))


def f(x):
    return len(x)


def g():
    l = []
    l.append(1)
    list.append(l, 2)
    try:
        int("z")
    except ValueError:
        pass
    s = sorted([3, 1, 2], key=abs)
    f("ab")
    return max(*s)


def boom():
    raise KeyError(1)


def h():
    try:
        boom()
    except KeyError:
        return "k"


sys.setprofile(prof)
g()
h()
sys.setprofile(None)
for o in out:
    print(o)
print(sys.getprofile())
