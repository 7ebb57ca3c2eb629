//! Signal handling: SIGINT sets a flag that the eval loop turns into KeyboardInterrupt at its
//! next check (backward jumps and calls), as CPython does; an uncaught KeyboardInterrupt ends
//! the process by SIGINT so the parent sees the usual status.

use std::sync::atomic::{AtomicBool, Ordering};

static SIGINT_PENDING: AtomicBool = AtomicBool::new(false);

extern "C" fn on_sigint(_sig: libc::c_int) {
    SIGINT_PENDING.store(true, Ordering::Relaxed);
}

/// Installs the SIGINT handler, unless SIGINT is ignored (inherited SIG_IGN, e.g. a background
/// job), which CPython leaves alone too.
pub fn install() {
    let handler: extern "C" fn(libc::c_int) = on_sigint;
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe; the previous
    // disposition is restored when it was SIG_IGN.
    unsafe {
        let prev = libc::signal(libc::SIGINT, handler as libc::sighandler_t);
        if prev == libc::SIG_IGN {
            libc::signal(libc::SIGINT, libc::SIG_IGN);
        }
    }
}

#[inline]
pub fn pending() -> bool {
    SIGINT_PENDING.load(Ordering::Relaxed)
}

/// Consumes a pending SIGINT.
pub fn take() -> bool {
    SIGINT_PENDING.swap(false, Ordering::Relaxed)
}

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
    SIGINT_PENDING.store(true, Ordering::Relaxed);
}
