import signal, os, sys

got = []
def h(signum, frame):
    got.append(signum)
    print("handler", signum, signal.Signals(signum).name, frame is not None)

old = signal.signal(signal.SIGUSR1, h)
print("old", old)
print(signal.getsignal(signal.SIGUSR1) is h)
os.kill(os.getpid(), signal.SIGUSR1)
for i in range(10):
    pass
print("got", got)

signal.signal(signal.SIGUSR2, h)
signal.raise_signal(signal.SIGUSR2)
print("got", got)

class Boom(Exception):
    pass
def raiser(signum, frame):
    raise Boom(signum)
signal.signal(signal.SIGUSR1, raiser)
try:
    os.kill(os.getpid(), signal.SIGUSR1)
    for i in range(100):
        pass
    print("not reached")
except Boom as e:
    print("caught Boom", e.args)

print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
try:
    os.kill(os.getpid(), signal.SIGINT)
    for i in range(100):
        pass
except KeyboardInterrupt as e:
    print("KeyboardInterrupt", type(e).__name__)

print(signal.signal(signal.SIGUSR1, signal.SIG_IGN) is raiser)
os.kill(os.getpid(), signal.SIGUSR1)
print("ignored ok", signal.getsignal(signal.SIGUSR1))
print(signal.signal(signal.SIGUSR1, signal.SIG_DFL))
print(signal.getsignal(signal.SIGUSR1))
print(signal.getsignal(signal.SIGPIPE), signal.getsignal(signal.SIGTERM))

for args in [(999, signal.SIG_DFL), (signal.SIGKILL, signal.SIG_DFL), (0, 1), (2, 5), (2, "x")]:
    try:
        signal.signal(*args)
    except Exception as e:
        print(type(e).__name__, e)

# blocking, sigpending
old = signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1])
print("old mask", sorted(old))
signal.signal(signal.SIGUSR1, h)
os.kill(os.getpid(), signal.SIGUSR1)
print("pending", signal.sigpending())
got.clear()
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGUSR1])
print("after unblock", got)
for bad in ([0], [99]):
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, bad)
    except ValueError as e:
        print("ValueError", e)

print(len(signal.valid_signals()), 32 in signal.valid_signals())
print(signal.strsignal(signal.SIGINT), signal.strsignal(signal.SIGTERM), signal.strsignal(signal.SIGRTMIN))
print(signal.NSIG, signal.SIGRTMIN, signal.SIGRTMAX)
print(signal.alarm(0))

# alarm + pause
def on_alarm(s, f):
    print("alarm!", s)
signal.signal(signal.SIGALRM, on_alarm)
signal.setitimer(signal.ITIMER_REAL, 0.05)
signal.pause()
print(signal.getitimer(signal.ITIMER_REAL))
try:
    signal.setitimer(9, 1)
except signal.ItimerError as e:
    print("ItimerError", e, isinstance(e, OSError))

# wakeup fd
r, w = os.pipe()
try:
    signal.set_wakeup_fd(w)
except ValueError as e:
    print("ValueError", e)
os.set_blocking(w, False)
print(signal.set_wakeup_fd(w))
os.kill(os.getpid(), signal.SIGUSR1)
print(os.read(r, 10))
print(signal.set_wakeup_fd(-1) == w)
signal.siginterrupt(signal.SIGUSR1, False)
import _thread
signal.pthread_kill(_thread.get_ident(), signal.SIGUSR1)
print("done", got)
