import select, os, sys

r, w = os.pipe()
print(select.select([r], [w], [], 0))
os.write(w, b"abc")
print(select.select([r], [], [], 0))
print(select.select([], [], [], 0.01))
try:
    select.select([r], [], [], -1)
except ValueError as e:
    print("ValueError", e)
try:
    select.select(["x"], [], [])
except TypeError as e:
    print("TypeError", e)

class F:
    def __init__(self, fd): self.fd = fd
    def fileno(self): return self.fd
f = F(r)
rl, wl, xl = select.select([f], [F(w)], [], 1)
print(rl[0] is f, len(wl), xl)

p = select.poll()
p.register(r, select.POLLIN)
p.register(w, select.POLLOUT)
print(sorted(p.poll(0)))
p.modify(w, select.POLLIN)
print(sorted(p.poll(0)))
p.unregister(w)
try:
    p.unregister(w)
except KeyError as e:
    print("KeyError", e)
try:
    p.modify(w, select.POLLIN)
except OSError as e:
    print(type(e).__name__, e)
print(os.read(r, 10))
print(p.poll(10))

ep = select.epoll()
print(ep.closed, ep.fileno() > 2)
ep.register(r, select.EPOLLIN)
ep.register(w, select.EPOLLOUT)
print(sorted(ep.poll(0)))
os.write(w, b"z")
print(sorted(ep.poll(0.1)))
try:
    ep.register(r)
except FileExistsError as e:
    print("FileExistsError", e)
ep.unregister(w)
print(ep.poll(0, 5))
ep.close()
print(ep.closed)
try:
    ep.poll()
except ValueError as e:
    print("ValueError", e)
with select.epoll() as e2:
    print("in with", e2.closed)
print(e2.closed)
os.close(w)
print(select.select([r], [], [], 1)[0] == [r], os.read(r, 10))
print(os.read(r, 10))
os.close(r)
try:
    select.select([r], [], [], 0)
except OSError as e:
    print("OSError", e.errno)
print(select.error is OSError, select.POLLIN, select.EPOLLET, select.PIPE_BUF)
