//! Signal delivery: the C-level handler only records the signal in a per-signal pending set
//! (and writes its number to the wakeup fd); the eval loop notices at its next check point
//! (backward jumps and calls, `Vm::safe_point`) and runs the Python-level handlers there, as
//! CPython does. Until `_signal` is imported, a pending SIGINT becomes KeyboardInterrupt
//! directly; afterwards SIGINT runs whatever handler is installed (by default
//! `default_int_handler`, which raises KeyboardInterrupt). An uncaught KeyboardInterrupt ends
//! the process by SIGINT so the parent sees the usual status.

use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

/// Signal numbers are 1..NSIG on Linux.
pub const NSIG: usize = 65;

#[allow(clippy::declare_interior_mutable_const)]
const NOT_PENDING: AtomicBool = AtomicBool::new(false);
static PENDING: [AtomicBool; NSIG] = [NOT_PENDING; NSIG];
static ANY_PENDING: AtomicBool = AtomicBool::new(false);
/// The `signal.set_wakeup_fd` descriptor, or -1.
pub static WAKEUP_FD: AtomicI32 = AtomicI32::new(-1);

/// The C-level handler for every signal with a Python-level handler.
pub extern "C" fn on_signal(sig: libc::c_int) {
    // SAFETY: errno is saved and restored around `write`, which is async-signal-safe; the
    // rest only touches atomics.
    unsafe {
        let saved = *libc::__errno_location();
        if let Some(p) = PENDING.get(sig as usize) {
            p.store(true, Ordering::SeqCst);
        }
        ANY_PENDING.store(true, Ordering::SeqCst);
        let fd = WAKEUP_FD.load(Ordering::Relaxed);
        if fd >= 0 {
            let b = sig as u8;
            libc::write(fd, &b as *const u8 as *const libc::c_void, 1);
        }
        *libc::__errno_location() = saved;
    }
}

/// A thread's signal mask, saved by `block_all`.
pub struct SavedMask(libc::sigset_t);

/// Blocks every signal in the calling thread, returning the previous mask. ferropy runs the
/// interpreter on a spawned thread: the launcher blocks signals before spawning it and keeps
/// them blocked, so process-directed signals are delivered to the interpreter thread (which
/// restores the mask with `restore_mask`) and its EINTR/pause/wakeup logic sees them.
pub fn block_all() -> SavedMask {
    // SAFETY: sigfillset/pthread_sigmask on local sets.
    unsafe {
        let mut all: libc::sigset_t = std::mem::zeroed();
        let mut old: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut all);
        libc::pthread_sigmask(libc::SIG_BLOCK, &all, &mut old);
        SavedMask(old)
    }
}

/// Restores a mask saved by `block_all` in the calling thread.
pub fn restore_mask(m: &SavedMask) {
    // SAFETY: setting the mask from a valid saved set.
    unsafe {
        libc::pthread_sigmask(libc::SIG_SETMASK, &m.0, std::ptr::null_mut());
    }
}

/// `on_signal` as a `sighandler_t`.
pub fn c_handler() -> libc::sighandler_t {
    let f: extern "C" fn(libc::c_int) = on_signal;
    f as libc::sighandler_t
}

/// Installs the SIGINT handler, unless SIGINT is ignored (inherited SIG_IGN, e.g. a background
/// job), which CPython leaves alone too; ignores SIGXFSZ as CPython does (SIGPIPE is already
/// ignored by the Rust runtime).
pub fn install() {
    // SAFETY: the previous disposition is restored when it was SIG_IGN.
    unsafe {
        let prev = set_handler(libc::SIGINT, c_handler());
        if prev == libc::SIG_IGN {
            libc::signal(libc::SIGINT, libc::SIG_IGN);
        }
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

/// Sets the C-level disposition of `sig` with `sigaction` (no SA_RESTART, so blocking calls
/// see EINTR and run the Python handler, as in CPython); returns the previous one, or
/// SIG_ERR.
pub fn set_handler(sig: i32, handler: libc::sighandler_t) -> libc::sighandler_t {
    // SAFETY: plain sigaction with zero-initialised structures.
    unsafe {
        let mut act: libc::sigaction = std::mem::zeroed();
        let mut old: libc::sigaction = std::mem::zeroed();
        act.sa_sigaction = handler;
        act.sa_flags = libc::SA_ONSTACK;
        libc::sigemptyset(&mut act.sa_mask);
        if libc::sigaction(sig, &act, &mut old) < 0 {
            return libc::SIG_ERR;
        }
        old.sa_sigaction
    }
}

/// The current C-level disposition of `sig`.
pub fn current_handler(sig: i32) -> libc::sighandler_t {
    // SAFETY: querying only (null new action).
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(sig, std::ptr::null(), &mut old) < 0 {
            return libc::SIG_ERR;
        }
        old.sa_sigaction
    }
}

#[inline]
pub fn pending() -> bool {
    ANY_PENDING.load(Ordering::Relaxed)
}

/// Marks `sig` as arrived (`_thread.interrupt_main`, or the C handler).
pub fn trip(sig: i32) {
    if let Some(p) = PENDING.get(sig as usize) {
        p.store(true, Ordering::SeqCst);
        ANY_PENDING.store(true, Ordering::SeqCst);
    }
}

/// Runs the Python-level handlers of every pending signal (CPython's `PyErr_CheckSignals`).
/// An exception from a handler propagates; signals still pending are kept for the next check.
pub fn check(vm: &mut Vm) -> PyResult<()> {
    // Handlers run in the main thread only, as in CPython.
    if !crate::gil::is_main_thread() || !ANY_PENDING.swap(false, Ordering::SeqCst) {
        return Ok(());
    }
    for (sig, flag) in PENDING.iter().enumerate().skip(1) {
        if !flag.swap(false, Ordering::SeqCst) {
            continue;
        }
        let r = run_handler(vm, sig as i32);
        if r.is_err() {
            if PENDING.iter().any(|p| p.load(Ordering::SeqCst)) {
                ANY_PENDING.store(true, Ordering::SeqCst);
            }
            return r;
        }
    }
    Ok(())
}

fn run_handler(vm: &mut Vm, sig: i32) -> PyResult<()> {
    let Some(handlers) = vm.state_get(HANDLERS_KEY) else {
        if sig == libc::SIGINT {
            return Err(vm.new_exc_args(vm.exc.keyboard_interrupt, vec![]));
        }
        return Ok(());
    };
    let h = handlers
        .downcast::<crate::types::list::ListObj>()
        .and_then(|l| l.get(sig as usize))
        .unwrap_or(Value::NONE);
    // SIG_DFL / SIG_IGN (ints) and None (a handler not installed from Python): nothing to run.
    if h.is_null() || h.is_none() || h.as_small_int().is_some() {
        return Ok(());
    }
    let frame = vm
        .frames
        .last()
        .map(|f| crate::interp::frame::mark_escaped(*f))
        .unwrap_or(Value::NONE);
    let s = Value::try_small_int(sig as i64).unwrap_or(Value::NONE);
    crate::ops::call::call(vm, h, &[s, frame])?;
    Ok(())
}

/// Where `_signal` keeps its list of Python-level handlers, indexed by signal number.
pub const HANDLERS_KEY: &str = "_signal.handlers";

/// Ends the process the way an uncaught KeyboardInterrupt does in CPython: by SIGINT.
pub fn die_by_sigint() -> ! {
    // SAFETY: resetting the disposition and signalling ourselves; if the signal is somehow
    // ignored we still exit with the conventional status.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_DFL);
        libc::kill(libc::getpid(), libc::SIGINT);
    }
    std::process::exit(130)
}

/// Simulates the arrival of SIGINT (`_thread.interrupt_main`).
pub fn raise_sigint() {
    trip(libc::SIGINT);
}
