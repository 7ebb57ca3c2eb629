import resource, fcntl, os

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
print(type(soft).__name__, soft <= hard or hard == resource.RLIM_INFINITY)
resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
print(resource.getrlimit(resource.RLIMIT_NOFILE) == (soft, hard))
print(resource.prlimit(0, resource.RLIMIT_NOFILE) == (soft, hard))
for f in [lambda: resource.getrlimit(99), lambda: resource.getrusage(5), lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (1, 2, 3)),
          lambda: resource.setrlimit(resource.RLIMIT_CORE, (10, 5))]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
ru = resource.getrusage(resource.RUSAGE_SELF)
print(type(ru).__name__, len(ru), type(ru.ru_utime).__name__, ru.ru_maxrss > 0, ru[2] == ru.ru_maxrss)
print(resource.getpagesize(), resource.error is OSError, resource.RLIM_INFINITY, resource.RUSAGE_CHILDREN)

r, w = os.pipe()
fl = fcntl.fcntl(r, fcntl.F_GETFL)
print(fl & os.O_NONBLOCK)
fcntl.fcntl(r, fcntl.F_SETFL, fl | os.O_NONBLOCK)
print(fcntl.fcntl(r, fcntl.F_GETFL) & os.O_NONBLOCK != 0, os.get_blocking(r))
print(fcntl.fcntl(r, fcntl.F_GETFD) & fcntl.FD_CLOEXEC)
d = fcntl.fcntl(r, fcntl.F_DUPFD, 100)
print(d >= 100)
os.close(d)
print(fcntl.fcntl(w, fcntl.F_GETPIPE_SZ) > 0)
try:
    fcntl.fcntl(999, fcntl.F_GETFL)
except OSError as e:
    print("OSError", e.errno, e)
path = "/tmp/ferropy_fcntl_test.lock"
with open(path, "w") as f:
    fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    fcntl.flock(f.fileno(), fcntl.LOCK_UN)
    fcntl.lockf(f, fcntl.LOCK_EX)
    fcntl.lockf(f, fcntl.LOCK_UN)
    try:
        fcntl.lockf(f, 64)
    except ValueError as e:
        print("ValueError", e)
os.unlink(path)
print(fcntl.LOCK_EX, fcntl.F_SETFL, fcntl.F_OFD_SETLK)
os.close(r); os.close(w)
for f in [lambda: fcntl.fcntl(0, fcntl.F_GETFL, b"x" * 2000), lambda: fcntl.ioctl(0, 0, b"x" * 2000),
          lambda: fcntl.fcntl(0, fcntl.F_GETFL, 1.5), lambda: fcntl.fcntl("x", 1), lambda: fcntl.flock(-1, 1),
          lambda: fcntl.fcntl(0, fcntl.F_GETFD, "ab")]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
