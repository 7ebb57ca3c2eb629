# posix: sysconf/confstr/pathconf tables, statvfs, register_at_fork, getrandom, struct
# sequence details (__match_args__, pickling data).
import posix
import sys

def attempt(f, *args, **kw):
    try:
        print("ok", f(*args, **kw))
    except Exception as e:
        print(type(e).__name__, e)

print(len(posix.sysconf_names), len(posix.confstr_names), len(posix.pathconf_names))
print(sorted(posix.sysconf_names.items())[:10])
print(sorted(posix.pathconf_names.items()))
print(posix.sysconf("SC_PAGE_SIZE") == posix.sysconf(posix.sysconf_names["SC_PAGESIZE"]))
print(posix.sysconf("SC_CLK_TCK"), posix.sysconf("SC_NPROCESSORS_ONLN") >= 1)
print(posix.confstr("CS_PATH"))
print(posix.pathconf("/", "PC_NAME_MAX"), posix.fpathconf(0, "PC_NAME_MAX") > 0)
attempt(posix.sysconf, "nope")
attempt(posix.sysconf, 1.5)
attempt(posix.sysconf, 99999)
attempt(posix.pathconf, "/nonexistent", "PC_NAME_MAX")
v = posix.statvfs("/")
print(type(v).__name__, len(v), v.n_fields, v.f_namemax, v[9] == v.f_namemax, type(v.f_fsid).__name__)
print(posix.fstatvfs(0).f_namemax >= 0)
attempt(posix.statvfs, "/nonexistent")
print(posix.stat_result.__match_args__)
print(posix.statvfs_result.__match_args__)
print(posix.times_result.__match_args__, posix.uname_result.__match_args__, posix.terminal_size.__match_args__)
print(sys.version_info.__match_args__)
match posix.terminal_size((80, 24)):
    case posix.terminal_size(c, l):
        print("matched", c, l)

# register_at_fork
log = []
posix.register_at_fork(before=lambda: log.append("b1"), after_in_parent=lambda: log.append("p1"))
child_done = []
def child_cb():
    if not child_done:
        posix.write(w, b"child-cb;")
        child_done.append(1)
posix.register_at_fork(before=lambda: log.append("b2"), after_in_parent=lambda: log.append("p2"),
                       after_in_child=child_cb)
r, w = posix.pipe()
pid = posix.fork()
if pid == 0:
    posix._exit(0)
posix.waitpid(pid, 0)
posix.close(w)
print(log, posix.read(r, 100))
child_done.append(1)
posix.close(r)
attempt(posix.register_at_fork)
attempt(posix.register_at_fork, before=5)
attempt(posix.register_at_fork, after_in_child=None)
print(len(posix.getrandom(8)), posix.getrandom(0))
attempt(posix.getrandom, -1)

# vectored I/O, sendfile, device numbers
r, w = posix.pipe()
print(posix.writev(w, [b"ab", bytearray(b"cd"), memoryview(b"ef")]))
bufs = [bytearray(2), bytearray(3)]
print(posix.readv(r, bufs), bufs)
attempt(posix.writev, w, [b"a", 3])
attempt(posix.writev, w, 5)
attempt(posix.writev, 9999, [b"x"])
attempt(posix.readv, r, [b"xx"])
posix.close(r)
posix.close(w)
print(posix.makedev(1, 2), posix.major(0x102), posix.minor(0x102), posix.major(posix.makedev(300, 5)), posix.minor(posix.makedev(300, 5)))
attempt(posix.mknod, "/nonexistent/y")
attempt(posix.lchown, "/nonexistent", -1, -1)
attempt(posix.fchown, 9999, -1, -1)
attempt(posix.sendfile, 9999, 9998, None, 5)
print(len(posix.getresuid()), len(posix.getresgid()))
posix.setuid(posix.getuid())
base = "/tmp/fp_posix_conf_%d" % posix.getpid()
fd = posix.open(base, posix.O_CREAT | posix.O_RDWR, 0o600)
posix.write(fd, b"0123456789")
r, w = posix.pipe()
print(posix.sendfile(w, fd, 2, 5), posix.read(r, 100))
posix.lseek(fd, 0, 0)
print(posix.sendfile(w, fd, None, 3), posix.read(r, 100), posix.lseek(fd, 0, 1))
posix.close(r)
posix.close(w)
posix.close(fd)
posix.unlink(base)
posix.mkfifo(base, 0o600)
print(oct(posix.stat(base).st_mode & 0o170000))
posix.unlink(base)
r, w = posix.pipe2(posix.O_NONBLOCK)
print(posix.get_blocking(r), posix.get_inheritable(r))
posix.close(r)
posix.close(w)

# terminals, locks, scheduling, waitid
print(posix.ctermid())
attempt(posix.tcgetpgrp, 9999)
attempt(posix.lockf, 9999, posix.F_LOCK, 0)
attempt(posix.posix_fallocate, 9999, 0, 1)
attempt(posix.posix_fadvise, 9999, 0, 0, 0)
attempt(posix.chroot, "/nonexistent")
print(posix.sched_get_priority_max(posix.SCHED_OTHER), posix.sched_get_priority_min(posix.SCHED_FIFO))
print(type(posix.getpriority(posix.PRIO_PROCESS, 0)).__name__)
attempt(posix.waitid, posix.P_ALL, 0, posix.WEXITED | posix.WNOHANG)
pid = posix.fork()
if pid == 0:
    posix._exit(3)
res = posix.waitid(posix.P_PID, pid, posix.WEXITED)
print(type(res).__name__, res.si_pid == pid, res.si_status, res.si_code == posix.CLD_EXITED, res.si_signo, len(res))
print(posix.waitid_result.__match_args__)
m, s = posix.openpty()
print(posix.isatty(m), posix.isatty(s), posix.get_inheritable(m), posix.ttyname(s).startswith("/dev/pts/"))
posix.close(m)
posix.close(s)

# memfd / eventfd
fd = posix.memfd_create("fp-test")
print(posix.get_inheritable(fd), posix.write(fd, b"hello"), posix.fstat(fd).st_size)
posix.close(fd)
fd = posix.memfd_create("fp-test", 0)
print(posix.get_inheritable(fd))
posix.close(fd)
efd = posix.eventfd(3)
posix.eventfd_write(efd, 4)
print(posix.eventfd_read(efd), posix.get_inheritable(efd))
posix.close(efd)
attempt(posix.eventfd, -1)
attempt(posix.eventfd_read, 9999)
attempt(posix.memfd_create, "a\0b")
print(posix.EFD_CLOEXEC, posix.MFD_CLOEXEC, sorted(posix._have_functions))
for v in [2**32, 2**64, 1.5]:
    attempt(posix.eventfd, v)
for v in [-1, 2**64, 1.5]:
    attempt(posix.eventfd_write, 0, v)
