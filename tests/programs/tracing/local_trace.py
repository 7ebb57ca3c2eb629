# The global trace function's result becomes the frame's local one; None from 'call' means
# no line events there; a None result from a local function keeps it; f_trace reassignment.
import sys

out = []


def local(frame, event, arg):
    out.append(("local", frame.f_code.co_name, event, frame.f_lineno - BASE))
    return None  # keeps tracing: CPython ignores None from non-call events


def other(frame, event, arg):
    out.append(("other", frame.f_code.co_name, event, frame.f_lineno - BASE))
    return other


def glob(frame, event, arg):
    name = frame.f_code.co_name
    out.append(("global", name, event))
    if name == "untraced":
        return None
    if name == "switching":
        return local
    return other


BASE = glob.__code__.co_firstlineno


def untraced():
    a = 1
    return a


def switching():
    a = 1
    b = 2
    return a + b


def sets_own():
    f = sys._getframe()
    f.f_trace = local
    x = 1
    f.f_trace = None
    y = 2
    return x + y


def main():
    untraced()
    switching()
    sets_own()


sys.settrace(glob)
main()
sys.settrace(None)
for o in out:
    print(o)

# f_trace on a frame while settrace is off: nothing is called.
def quiet():
    sys._getframe().f_trace = other
    return 1


n = len(out)
quiet()
print(len(out) == n)

# Setting a trace function and f_trace at once traces the current frame's lines.
def self_trace():
    sys._getframe().f_trace = other
    sys.settrace(glob)
    a = 1
    b = 2
    sys.settrace(None)
    return a + b


out.clear()
self_trace()
for o in out:
    print(o)
