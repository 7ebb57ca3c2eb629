# Threads with blocking I/O: a socket server thread and a pipe reader thread (both need the
# GIL released while the other side blocks in accept/recv/write).
import socket, threading
srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen()
port = srv.getsockname()[1]
def serve():
    c, _ = srv.accept()
    data = c.recv(100)
    c.sendall(data.upper())
    c.close()
t = threading.Thread(target=serve); t.start()
cl = socket.create_connection(('127.0.0.1', port))
cl.sendall(b'hello threads')
print(cl.recv(100))
cl.close(); t.join(); srv.close()
import os
r, w = os.pipe()
def reader():
    total = 0
    while True:
        b = os.read(r, 65536)
        if not b: break
        total += len(b)
    print("read", total)
t = threading.Thread(target=reader); t.start()
with open(w, 'wb') as f:
    f.write(b'x' * 1000000)
t.join()
