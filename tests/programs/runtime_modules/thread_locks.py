# _thread locks and RLocks; threading imports; one thread.
import _thread
import threading
l = _thread.allocate_lock()
print(l.acquire(), l.locked(), l.acquire(False), l.acquire(True, 0.01))
l.release()
print(l.locked())
try:
    l.release()
except RuntimeError as e:
    print("RuntimeError", e)
with l:
    print("inside", l.locked())
rl = threading.RLock()
with rl:
    with rl:
        print("reentrant ok")
c = threading.Condition()
with c:
    print(c.wait(0.01))
e = threading.Event()
print(e.is_set(), e.wait(0.01))
e.set()
print(e.wait())
print(threading.current_thread().name, threading.main_thread() is threading.current_thread())
print(type(_thread.get_ident()).__name__, threading.active_count())
held = _thread.allocate_lock()
held.acquire()
for t in [float("nan"), float("inf"), 1e10, 0.001]:
    try:
        print("timeout", t, held.acquire(True, t))
    except (ValueError, OverflowError) as e:
        print("timeout", t, type(e).__name__, e)
