# Files dropped without close() hold their descriptors until they are finalized. Under CPython
# that is immediate; when the descriptors run out, open() and os.open() collect and try again,
# so a loop that never closes its files still runs under a low descriptor limit. Descriptors
# that are really held still run out, with CPython's error.
import os
import resource
import tempfile

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (64, hard))
d = tempfile.mkdtemp()
paths = []
for i in range(20):
    p = os.path.join(d, f"f{i}.txt")
    with open(p, "w") as f:
        f.write("x" * i)
    paths.append(p)

total = 0
for i in range(500):
    total += len(open(paths[i % 20]).read())
print("open() in a loop:", total)

total = 0
for i in range(500):
    fd = os.open(paths[i % 20], os.O_RDONLY)
    total += len(open(fd, closefd=True).read())
print("os.open() in a loop:", total)

for i in range(300):
    open(paths[i % 20], "rb")
print("binary files dropped")

held = []
try:
    for i in range(200):
        held.append(open(paths[i % 20]))
except OSError as e:
    print(type(e).__name__, e.errno, e.strerror, len(held) < 64)
for f in held:
    f.close()
held.clear()
print(len(open(paths[3]).read()))
for p in paths:
    os.remove(p)
os.rmdir(d)
resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
