//! The `_signal` native module (CPython's `Modules/signalmodule.c` on Linux). Delivery itself
//! (the C handler, the pending set, running Python handlers at a safe point) lives in
//! `signals.rs`; this file is the Python-facing API. Python-level handlers are kept in a list
//! stored under `signals::HANDLERS_KEY`, indexed by signal number.

use crate::modules::posix::util;
use crate::modules::signals::{self, HANDLERS_KEY, NSIG};
use crate::native;
use crate::native::NativeDef;
use crate::types::int::from_i64;
use crate::types::list::ListObj;
use crate::types::module::set_attr;
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};

static FUNCS: &[NativeDef] = &[
    native!(
        "default_int_handler",
        "($module, signalnum, frame, /)",
        default_int_handler
    ),
    native!("signal", "($module, signalnum, handler, /)", signal),
    native!("getsignal", "($module, signalnum, /)", getsignal),
    native!("alarm", "($module, seconds, /)", alarm),
    native!("pause", "($module, /)", pause),
    native!("raise_signal", "($module, signalnum, /)", raise_signal),
    native!("strsignal", "($module, signalnum, /)", strsignal),
    native!(
        "siginterrupt",
        "($module, signalnum, flag, /)",
        siginterrupt
    ),
    native!(
        "set_wakeup_fd",
        "($module, fd, /, *, warn_on_full_buffer=True)",
        set_wakeup_fd
    ),
    native!(
        "setitimer",
        "($module, which, seconds, interval=0.0, /)",
        setitimer
    ),
    native!("getitimer", "($module, which, /)", getitimer),
    native!(
        "pthread_kill",
        "($module, thread_id, signalnum, /)",
        pthread_kill
    ),
    native!(
        "pthread_sigmask",
        "($module, how, mask, /)",
        pthread_sigmask
    ),
    native!("sigpending", "($module, /)", sigpending),
    native!("sigwait", "($module, sigset, /)", sigwait),
    native!("valid_signals", "($module, /)", valid_signals),
    native!("sigwaitinfo", "($module, sigset, /)", sigwaitinfo),
    native!(
        "sigtimedwait",
        "($module, sigset, timeout, /)",
        sigtimedwait
    ),
    native!(
        "pidfd_send_signal",
        "($module, pidfd, signalnum, siginfo=None, flags=0, /)",
        pidfd_send_signal
    ),
];

const CONSTANTS: &[(&str, i64)] = &[
    ("ITIMER_PROF", 2),
    ("ITIMER_REAL", 0),
    ("ITIMER_VIRTUAL", 1),
    ("NSIG", 65),
    ("SIGABRT", 6),
    ("SIGALRM", 14),
    ("SIGBUS", 7),
    ("SIGCHLD", 17),
    ("SIGCLD", 17),
    ("SIGCONT", 18),
    ("SIGFPE", 8),
    ("SIGHUP", 1),
    ("SIGILL", 4),
    ("SIGINT", 2),
    ("SIGIO", 29),
    ("SIGIOT", 6),
    ("SIGKILL", 9),
    ("SIGPIPE", 13),
    ("SIGPOLL", 29),
    ("SIGPROF", 27),
    ("SIGPWR", 30),
    ("SIGQUIT", 3),
    ("SIGRTMAX", 64),
    ("SIGRTMIN", 34),
    ("SIGSEGV", 11),
    ("SIGSTKFLT", 16),
    ("SIGSTOP", 19),
    ("SIGSYS", 31),
    ("SIGTERM", 15),
    ("SIGTRAP", 5),
    ("SIGTSTP", 20),
    ("SIGTTIN", 21),
    ("SIGTTOU", 22),
    ("SIGURG", 23),
    ("SIGUSR1", 10),
    ("SIGUSR2", 12),
    ("SIGVTALRM", 26),
    ("SIGWINCH", 28),
    ("SIGXCPU", 24),
    ("SIGXFSZ", 25),
    ("SIG_BLOCK", 0),
    ("SIG_DFL", 0),
    ("SIG_IGN", 1),
    ("SIG_SETMASK", 2),
    ("SIG_UNBLOCK", 1),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "_signal", FUNCS);
    for (name, v) in CONSTANTS {
        let v = from_i64(vm, *v);
        set_attr(vm, m, name, v);
    }
    let err = match vm.state_get("_signal.itimer_error") {
        Some(e) => e,
        None => {
            let base = vm.exc.os_error;
            let e = new_error_class(vm, "itimer_error", base)?;
            vm.state_set("_signal.itimer_error", e);
            e
        }
    };
    set_attr(vm, m, "ItimerError", err);
    let si = match vm.state_get("signal.struct_siginfo") {
        Some(t) => t,
        None => {
            let t = crate::types::structseq::new_type(
                vm,
                "signal",
                "struct_siginfo",
                &[
                    "si_signo",
                    "si_code",
                    "si_errno",
                    "si_pid",
                    "si_uid",
                    "si_status",
                    "si_band",
                ],
            );
            crate::types::structseq::add_constructor(vm, t);
            vm.state_set("signal.struct_siginfo", t);
            t
        }
    };
    set_attr(vm, m, "struct_siginfo", si);
    if vm.state_get(HANDLERS_KEY).is_none() {
        let dih = crate::ops::attr::getattr_str(vm, m, "default_int_handler")?;
        let mut hs = vec![Value::NONE; NSIG];
        for (sig, slot) in hs.iter_mut().enumerate().skip(1) {
            let cur = signals::current_handler(sig as i32);
            *slot = if cur == libc::SIG_DFL {
                Value::try_small_int(0).unwrap_or(Value::NONE)
            } else if cur == libc::SIG_IGN {
                Value::try_small_int(1).unwrap_or(Value::NONE)
            } else {
                Value::NONE
            };
        }
        // SIGINT: our start-up handler (or the default) means KeyboardInterrupt, i.e.
        // `default_int_handler`, as CPython installs it at start-up.
        let cur = signals::current_handler(libc::SIGINT);
        if cur != libc::SIG_IGN {
            signals::set_handler(libc::SIGINT, signals::c_handler());
            hs[libc::SIGINT as usize] = dih;
        }
        let l = crate::types::list::new_list(vm, hs);
        vm.state_set(HANDLERS_KEY, l);
    }
    Ok(m)
}

fn new_error_class(vm: &mut Vm, name: &str, base: Value) -> PyResult {
    let n = vm.new_str(name);
    let bases = crate::types::tuple::new_tuple(vm, vec![base]);
    let ns = crate::types::dict::new_dict(vm);
    let k = vm.intern("__module__");
    let v = vm.new_str("signal");
    crate::types::dict::set_item_str(vm, ns, k, v);
    let meta = vm.types.type_;
    crate::types::typeobj::new_class(vm, meta, n, bases, ns)
}

/// A signal number argument, checked against 1..NSIG.
fn signum(vm: &mut Vm, v: Value) -> PyResult<i32> {
    let n = util::c_int(vm, v)?;
    if n < 1 || n as usize >= NSIG {
        return Err(vm.value_error("signal number out of range"));
    }
    Ok(n)
}

fn handlers(vm: &mut Vm) -> PyResult<&'static ListObj> {
    vm.state_get(HANDLERS_KEY)
        .and_then(|l| l.downcast::<ListObj>())
        .ok_or_else(|| vm.runtime_error("signal module not initialised"))
}

fn default_int_handler(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(vm.new_exc_args(vm.exc.keyboard_interrupt, vec![]))
}

fn signal(vm: &mut Vm, a: &[Value]) -> PyResult {
    let sig = signum(vm, a[1])?;
    let h = a[2];
    let hl = handlers(vm)?;
    let c_handler = match h.as_small_int() {
        Some(0) => libc::SIG_DFL,
        Some(1) => libc::SIG_IGN,
        _ if crate::types::int::is_int(h) => {
            // Another int equal to 0/1 (a big or subclass int) counts too.
            let n = crate::ops::number::index_i64(vm, h).unwrap_or(-1);
            match n {
                0 => libc::SIG_DFL,
                1 => libc::SIG_IGN,
                _ => return Err(bad_handler(vm)),
            }
        }
        _ if crate::ops::call::is_callable(vm, h) => signals::c_handler(),
        _ => return Err(bad_handler(vm)),
    };
    signals::check(vm)?;
    if signals::set_handler(sig, c_handler) == libc::SIG_ERR {
        return Err(util::last_error(vm));
    }
    let old = hl.get(sig as usize).unwrap_or(Value::NONE);
    let stored = if c_handler == libc::SIG_DFL {
        Value::small(0)
    } else if c_handler == libc::SIG_IGN {
        Value::small(1)
    } else {
        h
    };
    if let Some(slot) = hl.items.borrow_mut().get_mut(sig as usize) {
        *slot = stored;
    }
    Ok(old)
}

fn bad_handler(vm: &mut Vm) -> Exc {
    vm.type_error("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object")
}

fn getsignal(vm: &mut Vm, a: &[Value]) -> PyResult {
    let sig = signum(vm, a[1])?;
    let hl = handlers(vm)?;
    Ok(hl.get(sig as usize).unwrap_or(Value::NONE))
}

fn alarm(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = util::c_int(vm, a[1])?;
    // SAFETY: alarm has no preconditions.
    let prev = unsafe { libc::alarm(n as libc::c_uint) };
    Ok(from_i64(vm, prev as i64))
}

fn pause(vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: pause returns once a signal handler ran.
    unsafe { libc::pause() };
    signals::check(vm)?;
    Ok(Value::NONE)
}

fn raise_signal(vm: &mut Vm, a: &[Value]) -> PyResult {
    let sig = signum(vm, a[1])?;
    // SAFETY: raise has no memory preconditions.
    if unsafe { libc::raise(sig) } != 0 {
        return Err(util::last_error(vm));
    }
    signals::check(vm)?;
    Ok(Value::NONE)
}

fn strsignal(vm: &mut Vm, a: &[Value]) -> PyResult {
    let sig = signum(vm, a[1])?;
    // SAFETY: strsignal returns a pointer to a static or thread-local string (copied at once).
    let s = unsafe {
        let p = libc::strsignal(sig);
        if p.is_null() {
            return Ok(Value::NONE);
        }
        std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
    };
    if s.starts_with("Unknown signal") {
        return Ok(Value::NONE);
    }
    Ok(vm.new_string(s))
}

fn siginterrupt(vm: &mut Vm, a: &[Value]) -> PyResult {
    let sig = signum(vm, a[1])?;
    let flag = util::c_int(vm, a[2])?;
    // SAFETY: read-modify-write of the signal's action with zero-initialised structures.
    let r = unsafe {
        let mut act: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(sig, std::ptr::null(), &mut act) < 0 {
            -1
        } else {
            if flag != 0 {
                act.sa_flags &= !libc::SA_RESTART;
            } else {
                act.sa_flags |= libc::SA_RESTART;
            }
            libc::sigaction(sig, &act, std::ptr::null_mut())
        }
    };
    if r < 0 {
        return Err(util::last_error(vm));
    }
    Ok(Value::NONE)
}

fn set_wakeup_fd(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    if fd != -1 {
        // SAFETY: fstat/fcntl on an integer descriptor; the buffer is ours.
        let flags = unsafe {
            let mut st: libc::stat = std::mem::zeroed();
            if libc::fstat(fd, &mut st) < 0 {
                return Err(util::last_error(vm));
            }
            libc::fcntl(fd, libc::F_GETFL)
        };
        if flags < 0 {
            return Err(util::last_error(vm));
        }
        if flags & libc::O_NONBLOCK == 0 {
            return Err(vm.value_error(format!("the fd {fd} must be in non-blocking mode")));
        }
    }
    let old = signals::WAKEUP_FD.swap(fd, std::sync::atomic::Ordering::SeqCst);
    Ok(from_i64(vm, old as i64))
}

fn itimer_error(vm: &mut Vm) -> Exc {
    let e = util::errno();
    let ty = vm
        .state_get("_signal.itimer_error")
        .unwrap_or(vm.exc.os_error);
    let code = from_i64(vm, e as i64);
    let msg = crate::types::exceptions::os_strerror(e);
    let msg = vm.new_string(msg);
    vm.new_exc_args(ty, vec![code, msg])
}

fn timeval_of(vm: &mut Vm, v: Value) -> PyResult<libc::timeval> {
    let f = crate::ops::number::to_f64(vm, v)?;
    let sec = f.floor();
    let mut usec = ((f - sec) * 1e6).round() as i64;
    let mut sec = sec as i64;
    if usec >= 1_000_000 {
        sec += 1;
        usec -= 1_000_000;
    }
    // A tiny positive value must still arm the timer.
    if sec == 0 && usec == 0 && f > 0.0 {
        usec = 1;
    }
    Ok(libc::timeval {
        tv_sec: sec,
        tv_usec: usec,
    })
}

fn itimer_tuple(vm: &mut Vm, v: &libc::itimerval) -> Value {
    let t = |tv: &libc::timeval| tv.tv_sec as f64 + tv.tv_usec as f64 / 1e6;
    let a = crate::types::float::new_float(vm, t(&v.it_value));
    let b = crate::types::float::new_float(vm, t(&v.it_interval));
    crate::types::tuple::new_tuple(vm, vec![a, b])
}

fn setitimer(vm: &mut Vm, a: &[Value]) -> PyResult {
    let which = util::c_int(vm, a[1])?;
    let value = timeval_of(vm, a[2])?;
    let interval = if a[3].is_null() {
        libc::timeval {
            tv_sec: 0,
            tv_usec: 0,
        }
    } else {
        timeval_of(vm, a[3])?
    };
    let new = libc::itimerval {
        it_interval: interval,
        it_value: value,
    };
    // SAFETY: both structures are valid for the call.
    let (r, old) = unsafe {
        let mut old: libc::itimerval = std::mem::zeroed();
        let r = libc::setitimer(which as _, &new, &mut old);
        (r, old)
    };
    if r < 0 {
        return Err(itimer_error(vm));
    }
    Ok(itimer_tuple(vm, &old))
}

fn getitimer(vm: &mut Vm, a: &[Value]) -> PyResult {
    let which = util::c_int(vm, a[1])?;
    // SAFETY: the output structure is valid for the call.
    let (r, cur) = unsafe {
        let mut cur: libc::itimerval = std::mem::zeroed();
        let r = libc::getitimer(which as _, &mut cur);
        (r, cur)
    };
    if r < 0 {
        return Err(itimer_error(vm));
    }
    Ok(itimer_tuple(vm, &cur))
}

fn pthread_kill(vm: &mut Vm, a: &[Value]) -> PyResult {
    let tid = crate::ops::number::index(vm, a[1])?;
    let tid = crate::types::int::int_ref(tid)
        .and_then(|r| num_traits::ToPrimitive::to_u64(&r.to_bigint()))
        .ok_or_else(|| vm.overflow_error("Python int too large to convert to C unsigned long"))?;
    let sig = util::c_int(vm, a[2])?;
    // ferropy runs Python code on one thread: only that thread's id is known to be valid
    // (an arbitrary pthread_t could crash pthread_kill).
    // SAFETY: pthread_self has no preconditions.
    let me = unsafe { libc::pthread_self() } as u64;
    let r = if tid == me {
        // SAFETY: signalling the current thread.
        unsafe { libc::pthread_kill(libc::pthread_self(), sig) }
    } else {
        libc::ESRCH
    };
    if r != 0 {
        return Err(util::error_from(vm, r, None, None));
    }
    signals::check(vm)?;
    Ok(Value::NONE)
}

/// A `sigset_t` from an iterable of signal numbers.
fn sigset_of(vm: &mut Vm, v: Value) -> PyResult<libc::sigset_t> {
    let items = crate::ops::iter::collect(vm, v)?;
    // SAFETY: sigemptyset/sigaddset on a local set.
    let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
    unsafe { libc::sigemptyset(&mut set) };
    for it in items {
        let n = util::c_int(vm, it)?;
        if n < 1 || n as usize >= NSIG {
            return Err(vm.value_error(format!("signal number {n} out of range [1; {}]", NSIG - 1)));
        }
        // SAFETY: `n` is a valid signal number.
        unsafe { libc::sigaddset(&mut set, n) };
    }
    Ok(set)
}

/// The set of signal numbers in `set`.
fn set_of_sigset(vm: &mut Vm, set: &libc::sigset_t) -> PyResult {
    let s = crate::types::set::new_set(vm);
    for sig in 1..NSIG as i32 {
        // SAFETY: reading membership of a valid set.
        if unsafe { libc::sigismember(set, sig) } == 1 {
            crate::types::set::add(vm, s, Value::small(sig as i64))?;
        }
    }
    Ok(s)
}

fn pthread_sigmask(vm: &mut Vm, a: &[Value]) -> PyResult {
    let how = util::c_int(vm, a[1])?;
    let set = sigset_of(vm, a[2])?;
    // SAFETY: both sets are valid for the call.
    let (r, old) = unsafe {
        let mut old: libc::sigset_t = std::mem::zeroed();
        let r = libc::pthread_sigmask(how, &set, &mut old);
        (r, old)
    };
    if r != 0 {
        return Err(util::error_from(vm, r, None, None));
    }
    signals::check(vm)?;
    set_of_sigset(vm, &old)
}

fn sigpending(vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: the output set is valid.
    let (r, set) = unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        let r = libc::sigpending(&mut set);
        (r, set)
    };
    if r < 0 {
        return Err(util::last_error(vm));
    }
    set_of_sigset(vm, &set)
}

fn sigwait(vm: &mut Vm, a: &[Value]) -> PyResult {
    let set = sigset_of(vm, a[1])?;
    let mut sig: libc::c_int = 0;
    // SAFETY: both pointers are valid for the call.
    let r = unsafe { libc::sigwait(&set, &mut sig) };
    if r != 0 {
        return Err(util::error_from(vm, r, None, None));
    }
    Ok(Value::small(sig as i64))
}

fn valid_signals(vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: sigfillset on a local set (glibc leaves out its two internal signals).
    let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
    unsafe { libc::sigfillset(&mut set) };
    set_of_sigset(vm, &set)
}

fn siginfo_value(vm: &mut Vm, si: &libc::siginfo_t) -> Value {
    // SAFETY: the union fields read are those sigwaitinfo fills for the signals it returns.
    let (pid, uid, status) = unsafe { (si.si_pid(), si.si_uid(), si.si_status()) };
    // si_band (a long) shares its storage with si_pid and si_uid.
    let band = (pid as u32 as i64) | ((uid as i64) << 32);
    let vals = vec![
        from_i64(vm, si.si_signo as i64),
        from_i64(vm, si.si_code as i64),
        from_i64(vm, si.si_errno as i64),
        from_i64(vm, pid as i64),
        from_i64(vm, uid as i64),
        from_i64(vm, status as i64),
        from_i64(vm, band),
    ];
    let ty = vm.state_get("signal.struct_siginfo").unwrap_or(Value::NONE);
    crate::types::structseq::new(vm, ty, vals)
}

fn sigwaitinfo(vm: &mut Vm, a: &[Value]) -> PyResult {
    let set = sigset_of(vm, a[1])?;
    loop {
        // SAFETY: both pointers are valid for the call.
        let (r, si) = unsafe {
            let mut si: libc::siginfo_t = std::mem::zeroed();
            let r = libc::sigwaitinfo(&set, &mut si);
            (r, si)
        };
        if r >= 0 {
            return Ok(siginfo_value(vm, &si));
        }
        if util::errno() != libc::EINTR {
            return Err(util::last_error(vm));
        }
        signals::check(vm)?;
    }
}

fn sigtimedwait(vm: &mut Vm, a: &[Value]) -> PyResult {
    let set = sigset_of(vm, a[1])?;
    let t = crate::ops::number::to_f64(vm, a[2])?;
    if t < 0.0 {
        return Err(vm.value_error("timeout must be non-negative"));
    }
    let ns = (t * 1e9).ceil() as i128;
    let ts = libc::timespec {
        tv_sec: (ns / 1_000_000_000) as i64,
        tv_nsec: (ns % 1_000_000_000) as i64,
    };
    loop {
        // SAFETY: all pointers are valid for the call.
        let (r, si) = unsafe {
            let mut si: libc::siginfo_t = std::mem::zeroed();
            let r = libc::sigtimedwait(&set, &mut si, &ts);
            (r, si)
        };
        if r >= 0 {
            return Ok(siginfo_value(vm, &si));
        }
        match util::errno() {
            libc::EAGAIN => return Ok(Value::NONE),
            libc::EINTR => signals::check(vm)?,
            _ => return Err(util::last_error(vm)),
        }
    }
}

fn pidfd_send_signal(vm: &mut Vm, a: &[Value]) -> PyResult {
    let pidfd = util::c_int(vm, a[1])?;
    let sig = util::c_int(vm, a[2])?;
    if !a[3].is_null() && !a[3].is_none() {
        return Err(vm.type_error("siginfo must be None"));
    }
    let flags = if a[4].is_null() {
        0
    } else {
        util::c_int(vm, a[4])?
    };
    // SAFETY: the raw syscall with integer arguments and a null siginfo.
    let r = unsafe {
        libc::syscall(
            libc::SYS_pidfd_send_signal,
            pidfd,
            sig,
            std::ptr::null::<libc::siginfo_t>(),
            flags as libc::c_uint,
        )
    };
    if r < 0 {
        return Err(util::last_error(vm));
    }
    Ok(Value::NONE)
}
