# posix: processes, pipes, descriptors, environment, misc functions.
import posix
import sys

def attempt(f, *args, **kw):
    try:
        print("ok", f(*args, **kw))
    except Exception as e:
        print(type(e).__name__, e)

print(posix.getpid() > 0, posix.getppid() > 0, posix.getuid() >= 0, posix.geteuid() >= 0)
print(posix.getgid() >= 0, posix.getegid() >= 0, posix.getpgrp() > 0)
print(posix.error is OSError)

# pipes and descriptors
r, w = posix.pipe()
print(posix.get_inheritable(r), posix.get_inheritable(w), posix.get_blocking(r))
posix.set_inheritable(r, True)
print(posix.get_inheritable(r))
posix.set_blocking(r, False)
print(posix.get_blocking(r))
attempt(posix.read, r, 10)
posix.set_blocking(r, True)
print(posix.write(w, b"abc"), posix.read(r, 10))
d = posix.dup(w)
print(d > w, posix.get_inheritable(d))
posix.write(d, b"via dup")
print(posix.read(r, 100))
d2 = posix.dup2(w, d)
print(d2 == d, posix.get_inheritable(d))
d3 = posix.dup2(w, d, inheritable=False)
print(posix.get_inheritable(d))
posix.close(d)
print(posix.isatty(r), posix.isatty(9999))
attempt(posix.ttyname, r)
attempt(posix.get_terminal_size, r)
attempt(posix.lseek, r, 0, 0)
posix.close(r)
posix.close(w)

# fork / wait
r, w = posix.pipe()
pid = posix.fork()
if pid == 0:
    posix.close(r)
    posix.write(w, b"child says hi")
    posix._exit(7)
posix.close(w)
print(posix.read(r, 100))
posix.close(r)
wpid, status = posix.waitpid(pid, 0)
print(wpid == pid, posix.WIFEXITED(status), posix.WEXITSTATUS(status), posix.WIFSIGNALED(status))
print(posix.waitstatus_to_exitcode(status))
pid = posix.fork()
if pid == 0:
    posix.kill(posix.getpid(), 9)
    posix._exit(0)
wpid, status = posix.waitpid(pid, 0)
print(posix.WIFSIGNALED(status), posix.WTERMSIG(status), posix.waitstatus_to_exitcode(status))
attempt(posix.waitpid, -1, 0)
attempt(posix.kill, 999999999, 0)
attempt(posix.waitstatus_to_exitcode, 0x7f7f)
print(posix.WIFSTOPPED(0x137f), posix.WSTOPSIG(0x137f), posix.WCOREDUMP(0x80 | 6), posix.WIFCONTINUED(0xffff))

# exec in a child
pid = posix.fork()
if pid == 0:
    try:
        posix.execv("/bin/sh", ["sh", "-c", "exit 3"])
    finally:
        posix._exit(99)
print(posix.waitstatus_to_exitcode(posix.waitpid(pid, 0)[1]))
pid = posix.fork()
if pid == 0:
    try:
        posix.execve("/bin/sh", ["sh", "-c", 'test "$FOO" = bar && exit 5'], {"FOO": "bar"})
    finally:
        posix._exit(99)
print(posix.waitstatus_to_exitcode(posix.waitpid(pid, 0)[1]))
attempt(posix.execv, "/bin/true", [])
attempt(posix.execv, "/bin/true", 5)
attempt(posix.execv, "/bin/true", [""])
attempt(posix.execve, "/bin/true", ["x"], 5)
attempt(posix.execve, "/nonexistent/x", ["x"], {})
attempt(posix.execve, "/bin/true", ["x"], {"A=B": "c"})
attempt(posix.execve, "/bin/true", ["x"], {"": "c"})

# environment
print(type(posix.environ).__name__, all(type(k) is bytes and type(v) is bytes for k, v in posix.environ.items()))
posix.putenv("FP_TEST_VAR", "value1")
pid = posix.fork()
if pid == 0:
    posix.execv("/bin/sh", ["sh", "-c", 'test "$FP_TEST_VAR" = value1 && exit 4'])
print(posix.waitstatus_to_exitcode(posix.waitpid(pid, 0)[1]))
posix.unsetenv("FP_TEST_VAR")
print(b"FP_TEST_VAR" in posix.environ)
attempt(posix.putenv, "A=B", "c")
attempt(posix.putenv, "", "c")
attempt(posix.putenv, "a\0", "c")
attempt(posix.putenv, 1, "c")
attempt(posix.unsetenv, "A=B")

# system information
print(posix.strerror(2), posix.strerror(13), posix.strerror(99999))
print(len(posix.urandom(16)), type(posix.urandom(0)).__name__)
attempt(posix.urandom, -1)
print(posix.cpu_count() >= 1, len(posix.sched_getaffinity(0)) >= 1)
t = posix.times()
print(type(t).__name__, len(t), t.user >= 0, t.elapsed != 0)
u = posix.uname()
print(type(u).__name__, len(u), u.sysname, u[0] == u.sysname)
ts = posix.terminal_size((80, 24))
print(ts, ts.columns, ts.lines)
attempt(posix.terminal_size, (1,))
old = posix.umask(0o22)
print(posix.umask(old) == 0o22)
print(posix.system("exit 2") >> 8)
print(posix.device_encoding(9999))
print(posix.WNOHANG, posix.O_RDONLY, posix.O_WRONLY, posix.O_RDWR, posix.O_APPEND, posix.O_CREAT, posix.O_EXCL, posix.O_TRUNC)
print(posix.O_CLOEXEC, posix.O_NONBLOCK, posix.O_DIRECTORY, posix.O_NOFOLLOW, posix.F_OK, posix.R_OK, posix.W_OK, posix.X_OK)
print(posix.EX_OK, posix.EX_USAGE, posix.P_PID, posix.SCHED_OTHER, posix.NGROUPS_MAX)
print(type(posix.getcwd).__name__, posix.getcwd.__name__)
