# frame.f_lineno = n from a 'line' event: the debugger's jump; and its errors.
import sys

out = []


def make_tracer(func, from_line, to_line):
    base = func.__code__.co_firstlineno
    done = []

    def tracer(frame, event, arg):
        if frame.f_code is not func.__code__:
            return tracer
        if event == "line" and frame.f_lineno == base + from_line and not done:
            done.append(1)
            try:
                frame.f_lineno = base + to_line
            except ValueError as e:
                out.append("ValueError: %s" % e)
        return tracer

    return tracer


def run(func, from_line, to_line):
    out.clear()
    sys.settrace(make_tracer(func, from_line, to_line))
    try:
        func()
    finally:
        sys.settrace(None)
    print(func.__name__, out)


def skip_forward():
    out.append(1)
    out.append(2)
    out.append(3)


def repeat_backward():
    out.append(1)
    out.append(2)
    out.append(3)


def out_of_loop():
    for i in range(3):
        out.append(i)
    out.append("end")


def into_loop():
    out.append(1)
    for i in range(2):
        out.append(i)
    out.append("end")


def out_of_try():
    try:
        out.append(2)
        out.append(3)
    finally:
        out.append(5)
    out.append(6)


def too_early():
    out.append(1)


def too_late():
    out.append(1)


run(skip_forward, 1, 3)
run(repeat_backward, 2, 1)
run(out_of_loop, 2, 3)
run(into_loop, 1, 3)
run(out_of_try, 3, 6)
run(too_late, 1, 100)


def early_tracer(frame, event, arg):
    if frame.f_code is too_early.__code__ and event == "line":
        try:
            frame.f_lineno = 1
        except ValueError as e:
            out.append("ValueError: %s" % e)
    if frame.f_code is too_early.__code__ and event in ("call", "return"):
        try:
            frame.f_lineno = frame.f_lineno
        except ValueError as e:
            out.append("%s ValueError: %s" % (event, e))
    return early_tracer


out.clear()
sys.settrace(early_tracer)
too_early()
sys.settrace(None)
print(out)

f = sys._getframe()
try:
    f.f_lineno = 3
except ValueError as e:
    print("ValueError:", e)
