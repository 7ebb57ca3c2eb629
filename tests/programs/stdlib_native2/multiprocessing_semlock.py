# _multiprocessing: SemLock semantics directly, the locks built on it, and a fork Pool/Queue.
import _multiprocessing as m
print(sorted(m.flags.items()), m.SemLock.SEM_VALUE_MAX)
s = m.SemLock(1, 2, 5, '/mp-ferropy-t1', True)
print(s.kind, s.maxvalue, s.name, type(s.handle).__name__, s._get_value(), s._count(), s._is_mine(), s._is_zero())
print(s.acquire(), s._count(), s._get_value(), s.acquire(True, 0.01), s.acquire(False), s.release(), s._get_value())
r = m.SemLock(0, 1, 1, '/mp-ferropy-t2', True)
print(r.acquire(), r.acquire(), r._count(), r._is_mine())
r.release(); r.release()
try:
    r.release()
except AssertionError as e:
    print("AssertionError:", e)
b = m.SemLock(1, 1, 1, '/mp-ferropy-t3', True)
try:
    b.release()
except ValueError as e:
    print("ValueError:", e)
try:
    m.SemLock(5, 1, 1, '/x', True)
except ValueError as e:
    print("ValueError:", e)
with r:
    print("in with", r._count())
import multiprocessing as mp
lock = mp.Lock(); rl = mp.RLock(); sem = mp.BoundedSemaphore(2)
with lock:
    print("lock held", lock)
with rl:
    with rl:
        print("rlock nested")
print(sem.acquire(), sem.acquire(), sem.acquire(timeout=0.01))
sem.release(); sem.release()
try:
    sem.release()
except ValueError as e:
    print("ValueError:", e)
if __name__ == "__main__":
    ctx = mp.get_context("fork")
    with ctx.Pool(2) as p:
        print(p.map(abs, [-1, -2, -3]))
    q = ctx.Queue()
    pr = ctx.Process(target=q.put, args=("from child",))
    pr.start(); print(q.get()); pr.join(); print("exitcode", pr.exitcode)
