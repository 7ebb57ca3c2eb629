# A trace function that raises: its exception propagates from the traced frame, and tracing
# is turned off (sys.gettrace() is None). The same for a profile function.
import sys

out = []


def bad_on_line(frame, event, arg):
    out.append((frame.f_code.co_name, event))
    if event == "line" and frame.f_code.co_name == "victim":
        raise RuntimeError("tracer failed")
    return bad_on_line


def victim():
    a = 1
    b = 2
    return a + b


def run(fn):
    try:
        return fn()
    except RuntimeError as e:
        return "error: %s" % e


sys.settrace(bad_on_line)
r = run(victim)
after = sys.gettrace()
sys.settrace(None)
print(r, after)
for o in out:
    print(o)

out.clear()


def bad_on_call(frame, event, arg):
    out.append((frame.f_code.co_name, event))
    if event == "call" and frame.f_code.co_name == "victim":
        raise ValueError("no calls")
    return bad_on_call


sys.settrace(bad_on_call)
try:
    victim()
except ValueError as e:
    print("caught", e)
print(sys.gettrace())
sys.settrace(None)
for o in out:
    print(o)

out.clear()


def bad_prof(frame, event, arg):
    out.append((frame.f_code.co_name, event))
    if event == "call":
        raise LookupError("profiler failed")


sys.setprofile(bad_prof)
try:
    victim()
except LookupError as e:
    print("caught", e)
print(sys.getprofile())
sys.setprofile(None)
for o in out:
    print(o)

# Exceptions inside a trace function do not produce events, and the trace function is not
# traced itself.
out.clear()


def careful(frame, event, arg):
    try:
        {}[1]
    except KeyError:
        pass
    out.append((frame.f_code.co_name, event))
    return careful


sys.settrace(careful)
victim()
sys.settrace(None)
for o in out:
    print(o)
