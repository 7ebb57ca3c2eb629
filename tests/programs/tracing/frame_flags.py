# f_trace_lines / f_trace_opcodes, f_lineno during events, tracing per thread.
import sys
import threading

out = []


def tracer(frame, event, arg):
    if event == "call" and frame.f_code.co_name == "no_lines":
        frame.f_trace_lines = False
    if event == "call" and frame.f_code.co_name == "opcodes":
        frame.f_trace_opcodes = True
    if event == "opcode":
        if not out or out[-1] != (frame.f_code.co_name, "opcode"):
            out.append((frame.f_code.co_name, "opcode"))
        return tracer
    out.append((frame.f_code.co_name, event, frame.f_lineno - BASE))
    return tracer


BASE = tracer.__code__.co_firstlineno


def no_lines():
    a = 1
    b = 2
    return a + b


def opcodes():
    return 1


def main():
    no_lines()
    opcodes()


sys.settrace(tracer)
main()
sys.settrace(None)
for o in out:
    print(o)

f = sys._getframe()
print(f.f_trace_lines, f.f_trace_opcodes, f.f_trace)
try:
    f.f_trace_lines = 1
except TypeError as e:
    print("TypeError:", e)

# Tracing is per thread; threading.settrace installs a function in new threads.
out.clear()


def thread_tracer(frame, event, arg):
    if frame.f_code.co_name == "work":
        out.append(("thread", event))
    return thread_tracer


def work():
    return 1


def in_thread():
    out.append(("gettrace is tracer", sys.gettrace() is thread_tracer))
    work()


threading.settrace(thread_tracer)
t = threading.Thread(target=in_thread)
t.start()
t.join()
threading.settrace(None)
print(sys.gettrace())
work()
for o in out:
    print(o)
