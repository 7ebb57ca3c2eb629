# posix: descriptor-based variants (chdir/listdir/utime/truncate/chmod on fds, dir_fd,
# follow_symlinks) and their argument checks.
import posix

base = "/tmp/fp_posix_fdops_%d" % posix.getpid()
posix.mkdir(base)

def attempt(f, *args, **kw):
    try:
        print("ok", f(*args, **kw))
    except Exception as e:
        print(type(e).__name__, str(e).replace(base, "BASE"))

try:
    posix.chdir(base)
    fd = posix.open("f", posix.O_CREAT | posix.O_RDWR, 0o644)
    posix.write(fd, b"abcdef")
    posix.symlink("f", "l")
    posix.mkdir("d")
    dfd = posix.open("d", posix.O_RDONLY | posix.O_DIRECTORY)

    # chdir / fchdir with a descriptor
    posix.chdir(dfd)
    print(posix.getcwd() == base + "/d")
    posix.chdir("..")
    posix.fchdir(dfd)
    print(posix.getcwd() == base + "/d")
    posix.chdir(base)

    # truncate / utime / chmod / stat on descriptors
    posix.truncate(fd, 3)
    print(posix.fstat(fd).st_size, posix.stat(fd).st_size)
    posix.utime(fd, (100, 200))
    print(posix.stat("f").st_atime, posix.stat("f").st_mtime)
    posix.utime(fd, ns=(300 * 10**9 + 1, 400 * 10**9 + 2))
    print(posix.stat("f").st_atime_ns, posix.stat("f").st_mtime_ns)
    posix.utime("l", (5, 6), follow_symlinks=False)
    print(posix.lstat("l").st_mtime, posix.stat("l").st_mtime)
    posix.utime("f", None)
    print(posix.stat("f").st_mtime > 1000)
    posix.chmod(fd, 0o640)
    print(oct(posix.stat("f").st_mode & 0o777))
    posix.fchmod(fd, 0o604)
    print(oct(posix.stat("f").st_mode & 0o777))
    posix.chmod("f", 0o600, follow_symlinks=False)
    print(oct(posix.stat("f").st_mode & 0o777))
    attempt(posix.chmod, "l", 0o600, follow_symlinks=False)
    attempt(posix.chmod, "l", 0o600, follow_symlinks=False, dir_fd=dfd)
    attempt(posix.chmod, "nx", 0o600)
    attempt(posix.chmod, fd, 0o600, dir_fd=dfd)
    attempt(posix.utime, fd, (1, 2), follow_symlinks=False)
    attempt(posix.utime, "nx", (1, 2))
    attempt(posix.truncate, "nx", 1)
    attempt(posix.ftruncate, 9999, 1)
    attempt(posix.chdir, "nx")
    attempt(posix.chdir, 9999)
    attempt(posix.fchdir, 9999)
    attempt(posix.fsync, 9999)

    # dir_fd variants
    posix.symlink("../f", "ld", dir_fd=dfd)
    print(posix.readlink("ld", dir_fd=dfd), posix.listdir(dfd))
    print(posix.stat("ld", dir_fd=dfd).st_size, oct(posix.stat("ld", dir_fd=dfd, follow_symlinks=False).st_mode & 0o170000))
    print(posix.access("ld", posix.R_OK, dir_fd=dfd), posix.access("ld", posix.R_OK, dir_fd=dfd, effective_ids=True, follow_symlinks=False))
    posix.link("f", "hard", dst_dir_fd=dfd)
    print(sorted(posix.listdir("d")), posix.stat("f").st_nlink)
    posix.unlink("hard", dir_fd=dfd)
    posix.unlink("ld", dir_fd=dfd)
    posix.mkfifo("fifo", dir_fd=dfd)
    print(posix.listdir(dfd))
    posix.unlink("fifo", dir_fd=dfd)
    attempt(posix.stat, "x", dir_fd="a")
    attempt(posix.stat, "x", dir_fd=1.5)
    attempt(posix.open, "x", posix.O_RDONLY, dir_fd=9999)
    attempt(posix.mkdir, "x", dir_fd=9999)
    attempt(posix.unlink, "x", dir_fd=2**40)

    # fsync/fdatasync accept objects with fileno()
    class F:
        def fileno(self):
            return fd
    posix.fsync(F())
    posix.fdatasync(F())
    class Bad:
        def fileno(self):
            return "x"
    attempt(posix.fsync, Bad())
    attempt(posix.fsync, object())
    class Neg:
        def fileno(self):
            return -5
    attempt(posix.fsync, Neg())
    posix.close(dfd)
    posix.close(fd)
finally:
    posix.chdir("/")
    posix.unlink(base + "/f")
    posix.unlink(base + "/l")
    posix.rmdir(base + "/d")
    posix.rmdir(base)
