# socket.py over _socket: create_server/create_connection, dup, fromfd, getfqdn, gethostby*,
# sendfile, makefile, subclassing.
import socket, os
print(socket.has_dualstack_ipv6())
srv = socket.create_server(("127.0.0.1", 0))
print(srv.family, srv.type, srv.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
port = srv.getsockname()[1]
c = socket.create_connection(("localhost", port))
s2, _ = srv.accept()
d = c.dup()
print(d.fileno() != c.fileno(), d.family, d.type)
d.close()
f = socket.fromfd(c.fileno(), socket.AF_INET, socket.SOCK_STREAM)
print(f.family, f.type, f.get_inheritable())
f.close()
print(socket.getfqdn("localhost"))
print(socket.gethostbyaddr("127.0.0.1"))
print(socket.gethostbyname_ex("localhost"))
try:
    socket.create_connection(("127.0.0.1", 1), timeout=1)
except OSError as e:
    print(type(e).__name__, e.args)
s2.sendfile
import tempfile
fd_, fn = tempfile.mkstemp()
os.close(fd_)
with open(fn, "wb") as fw:
    fw.write(b"file data " * 100)
with open(fn, "rb") as fh:
    print(c.sendfile(fh))
got = b""
while len(got) < 1000:
    got += s2.recv(4096)
print(len(got))
w = s2.makefile("w")
w.write("text line\n"); w.flush()
print(c.makefile().readline())
class MySock(socket.socket):
    pass
m = MySock()
print(type(m).__name__, m.family)
m.close()
for s in (c, s2, srv): s.close()
os.unlink(fn)
