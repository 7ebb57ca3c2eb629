# sys.settrace: call/line/return/exception events, local trace functions, loops.
import sys

out = []


def tracer(frame, event, arg):
    if event == "exception":
        arg = arg[0].__name__
    out.append((frame.f_code.co_name, event, frame.f_lineno - BASE, arg))
    return tracer


BASE = tracer.__code__.co_firstlineno


def g(n):
    a = n
    b = 2
    return a + b


def loops():
    total = 0
    for i in range(3):
        total += i
    while total:
        total -= 2
        if total < 0:
            break
    return total


def raises():
    try:
        raise ValueError("x")
    except ValueError:
        pass
    try:
        {}["k"]
    except KeyError as e:
        k = e
    return 1


def nested():
    return g(1) + g(2)


def deep(n):
    if n == 0:
        raise KeyError(n)
    return deep(n - 1)


def catches():
    try:
        deep(2)
    except KeyError:
        return "caught"


def main():
    g(5)
    loops()
    raises()
    nested()
    catches()
    x = [i for i in range(2)]
    return x


sys.settrace(tracer)
main()
sys.settrace(None)
for o in out:
    print(o)
print(sys.gettrace())
