# Generator send/throw/close semantics.
def echo():
    print("started")
    received = None
    try:
        while True:
            try:
                received = yield received
                print("received", received)
            except ValueError as e:
                print("handled thrown", e)
                received = "after-throw"
    finally:
        print("echo finally")
g = echo()
print(type(g).__name__, g.gi_running, g.gi_frame is not None)
print(next(g))
print(g.send(1))
print(g.send("two"))
print(g.throw(ValueError("boom")))
print(g.throw(ValueError, "legacy-form") if False else g.throw(ValueError("second")))
g.close()
print("closed; frame is None:", g.gi_frame is None)
try:
    next(g)
except StopIteration:
    print("StopIteration after close")
g.close()
g2 = echo()
try:
    g2.send("not none")
except TypeError as e:
    print("TypeError", e)
print(g2.send(None))
try:
    g2.throw(KeyError("unhandled"))
except KeyError as e:
    print("propagated", repr(e))
try:
    next(g2)
except StopIteration:
    print("g2 finished")
def ignores_close():
    try:
        yield 1
    except GeneratorExit:
        yield "refuse"
g3 = ignores_close()
next(g3)
try:
    g3.close()
except RuntimeError as e:
    print("RuntimeError", e)
def close_returns():
    try:
        yield 1
    except GeneratorExit:
        print("got GeneratorExit")
        raise
g4 = close_returns()
next(g4)
g4.close()
g5 = close_returns()
g5.close()
print("close before start runs nothing")
def throw_before_start():
    print("never")
    yield
g6 = throw_before_start()
try:
    g6.throw(IndexError("early"))
except IndexError as e:
    print("thrown into unstarted", e)
def running():
    yield g7.gi_running
    try:
        next(g7)
    except ValueError as e:
        yield "ValueError " + str(e)
g7 = running()
print(next(g7), next(g7))
def accumulate():
    total = 0
    while True:
        v = yield total
        if v is None:
            return total
        total += v
acc = accumulate()
next(acc)
for v in (1, 2, 3):
    acc.send(v)
try:
    acc.send(None)
except StopIteration as e:
    print("final total", e.value)
def catch_and_return():
    try:
        yield 1
    except ValueError:
        return "returned from handler"
g8 = catch_and_return()
next(g8)
try:
    g8.throw(ValueError)
except StopIteration as e:
    print("throw -> StopIteration", e.value)
