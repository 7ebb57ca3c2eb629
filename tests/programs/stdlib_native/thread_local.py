# _thread._local and _thread._excepthook/_ExceptHookArgs (native, as CPython's): threading uses
# them instead of its Python fallbacks.
import sys, threading, _thread
print(sorted(m for m in ('traceback','tokenize','linecache','textwrap','_threading_local') if m in sys.modules))
print(_thread._local, _thread._ExceptHookArgs, threading.local is _thread._local)
l = threading.local()
l.x = 1
print(l.x, l.__dict__, type(l).__name__, type(l).__module__)
try:
    threading.local(1)
except TypeError as e:
    print("TypeError", e)
class L(threading.local):
    def __init__(self, a, b=2):
        self.a = a; self.b = b
o = L(5, b=7)
print(o.a, o.b, o.__dict__)
import weakref
try:
    r = weakref.ref(o); print(r() is o)
except TypeError as e: print(e)
args = threading.ExceptHookArgs([ValueError, ValueError("boom"), None, None])
print(args.exc_type, args.exc_value, args.thread, len(args), args[0])
threading.excepthook(threading.ExceptHookArgs([SystemExit, SystemExit(1), None, None]))
class T: name = "worker-1"
sys.stderr = sys.stdout
try:
    raise KeyError("k")
except KeyError as e:
    threading.excepthook(threading.ExceptHookArgs([KeyError, e, e.__traceback__, T()]))
try:
    threading.excepthook((1, 2, 3, 4))
except TypeError as e:
    print("TypeError", e)
# local.__dict__ is read-only
class Sub(_thread._local): pass
for cls in (_thread._local, Sub):
    o = cls(); o.x = 5
    print(o.__dict__)
    try: o.__dict__ = {}
    except AttributeError as e: print("AttributeError")
    try: del o.__dict__
    except AttributeError as e: print("AttributeError")
    o.y = 2; del o.x; print(o.__dict__, hasattr(o, 'x'))
