import signal, os, time, select

hits = []
signal.signal(signal.SIGALRM, lambda s, f: hits.append(s))
signal.setitimer(signal.ITIMER_REAL, 0.02)
t0 = time.monotonic()
time.sleep(0.1)
print("sleep resumed", hits, time.monotonic() - t0 >= 0.09)

class Timeout(Exception):
    pass
def boom(s, f):
    raise Timeout("alarm")
signal.signal(signal.SIGALRM, boom)
signal.setitimer(signal.ITIMER_REAL, 0.02)
try:
    time.sleep(5)
except Timeout as e:
    print("sleep interrupted", e)

r, w = os.pipe()
signal.setitimer(signal.ITIMER_REAL, 0.02)
try:
    os.read(r, 10)
except Timeout as e:
    print("read interrupted", e)

signal.setitimer(signal.ITIMER_REAL, 0.02)
try:
    select.select([r], [], [])
except Timeout as e:
    print("select interrupted", e)

hits.clear()
signal.signal(signal.SIGALRM, lambda s, f: hits.append(s))
signal.setitimer(signal.ITIMER_REAL, 0.02)
print(select.select([r], [], [], 0.1), hits)
p = select.poll()
p.register(r, select.POLLIN)
signal.setitimer(signal.ITIMER_REAL, 0.02)
print(p.poll(100), len(hits))
ep = select.epoll()
ep.register(r, select.EPOLLIN)
signal.setitimer(signal.ITIMER_REAL, 0.02)
print(ep.poll(0.1), len(hits))
signal.setitimer(signal.ITIMER_REAL, 0.02)
os.write(w, b"x")
time.sleep(0.05)
print(os.read(r, 10), len(hits))
print(signal.getitimer(signal.ITIMER_REAL))
