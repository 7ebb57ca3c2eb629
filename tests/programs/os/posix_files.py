# posix: files and directories, stat_result, error messages.
import posix
import sys

base = "/tmp/fp_posix_files_%d" % posix.getpid()
posix.mkdir(base)

def attempt(f, *args, **kw):
    try:
        r = f(*args, **kw)
        print("ok", r)
    except Exception as e:
        print(type(e).__name__, e, e.args, getattr(e, "filename", "-"), getattr(e, "errno", "-"))

try:
    posix.chdir(base)
    print(posix.getcwd() == base, posix.getcwdb() == base.encode())
    print(posix.listdir(), posix.listdir("."), posix.listdir(b"."))

    # open / write / read / lseek / fstat
    fd = posix.open("a.txt", posix.O_WRONLY | posix.O_CREAT | posix.O_TRUNC, 0o644)
    print(type(fd).__name__, posix.get_inheritable(fd))
    print(posix.write(fd, b"hello world\n"), posix.write(fd, bytearray(b"xyz")), posix.write(fd, memoryview(b"12")))
    posix.close(fd)
    fd = posix.open("a.txt", posix.O_RDONLY)
    print(posix.read(fd, 5), posix.read(fd, 100), posix.read(fd, 10))
    print(posix.lseek(fd, 0, 0), posix.read(fd, 3), posix.lseek(fd, -2, 2), posix.read(fd, 10))
    st = posix.fstat(fd)
    print(st.st_size, st[6], len(st), st.st_mode & 0o777, st.st_nlink)
    posix.close(fd)

    st = posix.stat("a.txt")
    print(type(st).__name__, type(st).__module__, st.st_size, oct(st.st_mode))
    print(st.n_fields, st.n_sequence_fields, st.n_unnamed_fields)
    print(type(st.st_mtime).__name__, type(st.st_mtime_ns).__name__, type(st[8]).__name__)
    print(st.st_mtime_ns // 10**9 == st[8], int(st.st_mtime) == st[8])
    print(st == posix.stat(b"a.txt"), st[:3] == tuple(posix.lstat("a.txt"))[:3])
    print(posix.stat("a.txt", follow_symlinks=False).st_size)

    # stat_result construction
    r = posix.stat_result(tuple(range(10)))
    print(r)
    print(r.st_atime, r.st_mtime, r.st_ctime, r.st_atime_ns, r.st_blksize, r.st_rdev)
    r = posix.stat_result(tuple(range(19)))
    print(r.st_atime, r.st_atime_ns, r.st_rdev, r[7:])
    r = posix.stat_result(range(10), {"st_atime": 1.5, "st_rdev": 7})
    print(r.st_atime, r.st_rdev, r.st_mtime)
    attempt(posix.stat_result, tuple(range(9)))
    attempt(posix.stat_result, tuple(range(20)))
    attempt(posix.stat_result, 5)
    attempt(posix.stat_result, range(10), 5)
    print(r.__reduce__()[0] is posix.stat_result, r.__reduce__()[1][0])
    try:
        r.st_mode = 5
    except AttributeError as e:
        print("AttributeError", e)

    # rename / replace / link / symlink / readlink
    posix.rename("a.txt", "b.txt")
    print(sorted(posix.listdir()))
    posix.replace("b.txt", "c.txt")
    posix.link("c.txt", "d.txt")
    print(posix.stat("c.txt").st_nlink, posix.stat("d.txt").st_ino == posix.stat("c.txt").st_ino)
    posix.symlink("c.txt", "s.txt")
    print(posix.readlink("s.txt"), posix.readlink(b"s.txt"))
    print(oct(posix.lstat("s.txt").st_mode & 0o170000), oct(posix.stat("s.txt").st_mode & 0o170000))
    print(posix.access("c.txt", posix.R_OK), posix.access("nx", posix.F_OK), posix.access("c.txt", posix.X_OK))
    posix.chmod("c.txt", 0o600)
    print(oct(posix.stat("c.txt").st_mode & 0o777))
    posix.utime("c.txt", (1000000000, 1234567890.5))
    st = posix.stat("c.txt")
    print(st.st_atime, st.st_mtime, st.st_mtime_ns, st[8])
    posix.utime("c.txt", ns=(5 * 10**9 + 7, 6 * 10**9 + 9))
    st = posix.stat("c.txt")
    print(st.st_atime_ns, st.st_mtime_ns)
    attempt(posix.utime, "c.txt", (1, 2), ns=(1, 2))
    attempt(posix.utime, "c.txt", 5)
    attempt(posix.utime, "c.txt", ns=5)
    posix.truncate("c.txt", 4)
    print(posix.stat("c.txt").st_size)
    fd = posix.open("c.txt", posix.O_RDWR)
    posix.ftruncate(fd, 2)
    print(posix.fstat(fd).st_size)
    posix.fsync(fd)
    posix.close(fd)

    # directories
    posix.mkdir("sub")
    posix.mkdir("sub/inner", 0o700)
    print(sorted(posix.listdir()), posix.listdir("sub"), posix.listdir(b"sub"))
    attempt(posix.mkdir, "sub")
    attempt(posix.rmdir, "sub")
    attempt(posix.rmdir, "c.txt")
    attempt(posix.listdir, "c.txt")
    posix.rmdir("sub/inner")
    posix.rmdir("sub")

    # errors
    attempt(posix.stat, "nx")
    attempt(posix.stat, b"nx")
    attempt(posix.lstat, "nx")
    attempt(posix.open, "nx", posix.O_RDONLY)
    attempt(posix.open, "c.txt", posix.O_WRONLY | posix.O_CREAT | posix.O_EXCL)
    attempt(posix.rename, "nx", "ny")
    attempt(posix.unlink, "nx")
    attempt(posix.remove, b"nx")
    attempt(posix.readlink, "c.txt")
    attempt(posix.stat, 1.5)
    attempt(posix.listdir, 1.5)
    attempt(posix.mkdir, 1.5)
    attempt(posix.rename, 1.5, "x")
    attempt(posix.rename, "x", None)
    attempt(posix.open, "x", "r")
    attempt(posix.stat, "a\0b")
    attempt(posix.stat, b"a\0b")
    attempt(posix.stat, None)
    attempt(posix.stat, 2**70)
    attempt(posix.read, 2**70, 1)
    attempt(posix.read, 9999, 1)
    attempt(posix.read, 0, -1)
    attempt(posix.write, 9999, b"x")
    attempt(posix.write, 1, "text")
    attempt(posix.close, 9999)
    attempt(posix.close, "x")
    attempt(posix.fstat, 9999)
    attempt(posix.stat, 9999)
    attempt(posix.stat, "x", dir_fd=9999)
    attempt(posix.stat, 3, follow_symlinks=False)
    attempt(posix.stat, 3, dir_fd=1)
    print(type(posix.stat(0, follow_symlinks=False)).__name__)
    attempt(posix.lseek, 9999, 0, 0)

    # dir_fd
    dfd = posix.open(".", posix.O_RDONLY)
    print(posix.stat("c.txt", dir_fd=dfd).st_size, sorted(posix.listdir(dfd)))
    posix.mkdir("viafd", dir_fd=dfd)
    posix.rename("viafd", "viafd2", src_dir_fd=dfd, dst_dir_fd=dfd)
    posix.rmdir("viafd2", dir_fd=dfd)
    fd = posix.open("new.txt", posix.O_CREAT | posix.O_WRONLY, dir_fd=dfd)
    posix.close(fd)
    posix.unlink("new.txt", dir_fd=dfd)
    posix.close(dfd)

    # PathLike
    class P:
        def __init__(self, p):
            self.p = p
        def __fspath__(self):
            return self.p
        def __repr__(self):
            return "P(%r)" % self.p
    print(posix.stat(P("c.txt")).st_size, posix.fspath(P("x")), posix.fspath(P(b"y")))
    attempt(posix.stat, P("nx"))
    attempt(posix.stat, P(3))
    attempt(posix.fspath, P(3))
    attempt(posix.fspath, 3)
    print(posix.fspath("s"), posix.fspath(b"b"))
    print(sorted(posix.listdir(P("."))))
finally:
    posix.chdir("/")
    for n in posix.listdir(base):
        posix.unlink(base + "/" + n)
    posix.rmdir(base)
print(posix.access(base, posix.F_OK))
