import socket
a, b = socket.socketpair()
print(a.family, a.type, a.proto, a.gettimeout(), a.getblocking())
a.sendall(b"hello")
print(b.recv(10))
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen()
port = srv.getsockname()[1]
c = socket.create_connection(("127.0.0.1", port), timeout=5)
s, addr = srv.accept()
print(addr[0], type(s).__name__)
c.sendall(b"x" * 100)
print(len(s.recv(1000)))
s.settimeout(0.1)
try:
    s.recv(10)
except TimeoutError as e:
    print("timeout", e)
print(socket.inet_aton("1.2.3.4"), socket.inet_ntoa(b"\x01\x02\x03\x04"), socket.inet_pton(socket.AF_INET6, "::1"))
print(socket.getaddrinfo("localhost", 80, type=socket.SOCK_STREAM)[0])
print(socket.htons(1), socket.ntohl(1))
for x in (a, b, c, s, srv): x.close()
print(repr(a))
try:
    a.bind(1)
except TypeError as e:
    print("TypeError", e)
try:
    socket.socket().settimeout(-1)
except ValueError as e:
    print("ValueError", e)
print(socket.inet_aton("127.1"), socket.inet_ntop(socket.AF_INET6, b"\0" * 15 + b"\1"))
