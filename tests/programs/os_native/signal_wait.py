import signal, os, re, _thread

signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1, signal.SIGUSR2])
os.kill(os.getpid(), signal.SIGUSR1)
si = signal.sigwaitinfo([signal.SIGUSR1])
print(type(si).__name__, si.si_signo, si.si_code, si.si_pid == os.getpid(), si.si_uid == os.getuid())
print(signal.sigtimedwait([signal.SIGUSR1], 0.01))
try:
    signal.sigtimedwait([signal.SIGUSR1], -1)
except ValueError as e:
    print("ValueError", e)
os.kill(os.getpid(), signal.SIGUSR2)
print(signal.sigwait([signal.SIGUSR2]))
signal.pthread_sigmask(signal.SIG_SETMASK, [])

# a handler that returns normally does not disturb a running regex match
hits = []
signal.signal(signal.SIGALRM, lambda s, f: hits.append(s))
signal.setitimer(signal.ITIMER_REAL, 0.001)
text = "a" * 20000 + "b"
n = 0
while not hits:
    m = re.search(r"(a|aa)*b", text)
    n += 1
print("match", m.span(), hits)

# interrupt_main with a handler
got = []
signal.signal(signal.SIGUSR1, lambda s, f: got.append(s))
_thread.interrupt_main(signal.SIGUSR1)
for i in range(3):
    pass
print("interrupt_main", got)
try:
    _thread.interrupt_main()
    for i in range(3):
        pass
except KeyboardInterrupt:
    print("KeyboardInterrupt from interrupt_main")
signal.signal(signal.SIGINT, signal.SIG_IGN)
_thread.interrupt_main()
for i in range(3):
    pass
print("ignored")
signal.signal(signal.SIGINT, signal.default_int_handler)
print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
try:
    signal.default_int_handler(2, None)
except KeyboardInterrupt as e:
    print("default_int_handler raises", repr(e))
