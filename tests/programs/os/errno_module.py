# errno: names and errorcode.
import errno

print(len(errno.errorcode))
print(list(errno.errorcode.items()))
names = [n for n in dir(errno) if n.startswith("E")]
print(len(names))
for n in names:
    print(n, getattr(errno, n), errno.errorcode[getattr(errno, n)])
print(errno.ENOENT, errno.EEXIST, errno.EAGAIN == errno.EWOULDBLOCK, errno.ENOTSUP == errno.EOPNOTSUPP)
print(errno.errorcode[errno.ENOENT], errno.errorcode[errno.EDEADLK])
e = OSError(errno.ENOENT, "No such file or directory", "f")
print(type(e).__name__, e.errno == errno.ENOENT)
