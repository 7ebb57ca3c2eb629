# posix: which OSError each failing call raises, with its filename(s).
import posix
N = "/nonexistent_dir/x"
calls = [
    ("mkdir", lambda: posix.mkdir(N)), ("rmdir", lambda: posix.rmdir(N)), ("unlink", lambda: posix.unlink(N)),
    ("rename", lambda: posix.rename(N, N + "2")), ("replace", lambda: posix.replace(N, N + "2")),
    ("link", lambda: posix.link(N, N + "2")), ("symlink", lambda: posix.symlink(N, N + "2")),
    ("readlink", lambda: posix.readlink(N)), ("chmod", lambda: posix.chmod(N, 0o600)),
    ("chown", lambda: posix.chown(N, -1, -1)), ("lchown", lambda: posix.lchown(N, -1, -1)),
    ("truncate", lambda: posix.truncate(N, 0)), ("open", lambda: posix.open(N, 0)),
    ("listdir", lambda: posix.listdir(N)), ("listdir b", lambda: posix.listdir(N.encode())), ("scandir", lambda: posix.scandir(N)),
    ("statvfs", lambda: posix.statvfs(N)), ("pathconf", lambda: posix.pathconf(N, "PC_NAME_MAX")),
    ("mkfifo", lambda: posix.mkfifo(N)), ("mknod", lambda: posix.mknod(N)), ("chroot", lambda: posix.chroot(N)),
    ("chdir", lambda: posix.chdir(N)), ("execv", lambda: posix.execv(N, ["x"])), ("execve", lambda: posix.execve(N, ["x"], {})),
    ("utime", lambda: posix.utime(N)), ("stat", lambda: posix.stat(N)), ("lstat", lambda: posix.lstat(N)),
    ("listdir fd", lambda: posix.listdir(9999)), ("scandir fd", lambda: posix.scandir(9999)), ("stat fd", lambda: posix.stat(9999)),
    ("chmod fd", lambda: posix.chmod(9999, 0)), ("chown fd", lambda: posix.chown(9999, -1, -1)), ("truncate fd", lambda: posix.truncate(9999, 0)),
    ("statvfs fd", lambda: posix.statvfs(9999)), ("pathconf fd", lambda: posix.pathconf(9999, "PC_NAME_MAX")), ("utime fd", lambda: posix.utime(9999)),
    ("execve fd", lambda: posix.execve(9999, ["x"], {})), ("fpathconf", lambda: posix.fpathconf(9999, "PC_NAME_MAX")),
    ("rename2", lambda: posix.rename("/", "/tmp")), ("mkdir exists", lambda: posix.mkdir("/tmp")),
    ("listdir None", lambda: posix.listdir(None)),
]
for name, f in calls:
    try:
        r = f()
        print(name, "ok", type(r).__name__)
    except Exception as e:
        print(name, type(e).__name__, e, getattr(e, "filename", "-"), getattr(e, "filename2", "-"))
