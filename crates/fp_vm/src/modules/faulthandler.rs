//! The `faulthandler` native module, as far as ferropy can sensibly provide it: `enable` /
//! `disable` / `is_enabled` (when enabled, fatal signals print CPython's "Fatal Python error"
//! line to the chosen file before the process dies by the signal), and `dump_traceback` of the
//! current Python stack. The timer and user-signal dumpers (`dump_traceback_later`,
//! `register`) are not provided.

use crate::native;
use crate::native::NativeDef;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

static FUNCS: &[NativeDef] = &[
    native!(
        "enable",
        "($module, /, file=sys.stderr, all_threads=True)",
        enable
    ),
    native!("disable", "($module, /)", disable),
    native!("is_enabled", "($module, /)", is_enabled),
    native!(
        "dump_traceback",
        "($module, /, file=sys.stderr, all_threads=True)",
        dump_traceback
    ),
];

static ENABLED: AtomicBool = AtomicBool::new(false);
static FATAL_FD: AtomicI32 = AtomicI32::new(2);

const FATAL_SIGNALS: &[(i32, &str)] = &[
    (libc::SIGBUS, "Bus error"),
    (libc::SIGILL, "Illegal instruction"),
    (libc::SIGFPE, "Floating point exception"),
    (libc::SIGABRT, "Aborted"),
    (libc::SIGSEGV, "Segmentation fault"),
];

pub fn init(vm: &mut Vm) -> PyResult {
    Ok(crate::modules::module_with_functions(
        vm,
        "faulthandler",
        FUNCS,
    ))
}

extern "C" fn on_fatal(sig: libc::c_int) {
    let fd = FATAL_FD.load(Ordering::Relaxed);
    let name = FATAL_SIGNALS
        .iter()
        .find(|(s, _)| *s == sig)
        .map_or("Fatal signal", |(_, n)| n);
    // SAFETY: only write, signal and raise, which are async-signal-safe.
    unsafe {
        for part in [b"Fatal Python error: ".as_slice(), name.as_bytes(), b"\n\n"] {
            libc::write(fd, part.as_ptr() as *const libc::c_void, part.len());
        }
        libc::signal(sig, libc::SIG_DFL);
        libc::raise(sig);
    }
}

/// The descriptor to write to: `file` may be None (sys.stderr), an fd, or a file object
/// (flushed first), as CPython's `faulthandler_get_fileno`.
fn file_fd(vm: &mut Vm, file: Value) -> PyResult<i32> {
    let mut f = file;
    if f.is_null() || f.is_none() {
        let k = vm.intern("stderr");
        f = crate::ops::attr::getattr_opt(vm, vm.sys, k)?.unwrap_or(Value::NONE);
        if f.is_none() {
            return Err(vm.runtime_error("sys.stderr is None"));
        }
    }
    if crate::types::int::is_int(f) {
        let fd = crate::modules::posix::util::c_int(vm, f)?;
        if fd < 0 {
            return Err(vm.value_error("file is not a valid file descripter"));
        }
        return Ok(fd);
    }
    let fileno = vm.intern("fileno");
    let m = crate::ops::attr::getattr(vm, f, fileno)?;
    let r = crate::ops::call::call(vm, m, &[])?;
    if !crate::types::int::is_int(r) {
        return Err(vm.runtime_error("file.fileno() is not a valid file descriptor"));
    }
    let fd = crate::modules::posix::util::c_int(vm, r)?;
    if fd < 0 {
        return Err(vm.runtime_error("file.fileno() is not a valid file descriptor"));
    }
    let flush = vm.intern("flush");
    if let Some(fl) = crate::ops::attr::getattr_opt(vm, f, flush)? {
        // As in CPython, a failing flush does not stop the dump.
        let _ = crate::ops::call::call(vm, fl, &[]);
    }
    Ok(fd)
}

fn enable(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = file_fd(vm, a[1])?;
    if !a[1].is_null() && !crate::types::int::is_int(a[1]) {
        // Keep the file object alive while its descriptor is in use.
        vm.state_set("faulthandler.file", a[1]);
    }
    FATAL_FD.store(fd, Ordering::Relaxed);
    if !ENABLED.swap(true, Ordering::SeqCst) {
        let h: extern "C" fn(libc::c_int) = on_fatal;
        for (sig, _) in FATAL_SIGNALS {
            // SAFETY: installing an async-signal-safe handler.
            unsafe { libc::signal(*sig, h as libc::sighandler_t) };
        }
    }
    Ok(Value::NONE)
}

fn disable(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    if ENABLED.swap(false, Ordering::SeqCst) {
        for (sig, _) in FATAL_SIGNALS {
            // SAFETY: restoring the default disposition.
            unsafe { libc::signal(*sig, libc::SIG_DFL) };
        }
        return Ok(Value::TRUE);
    }
    Ok(Value::FALSE)
}

fn is_enabled(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::from_bool(ENABLED.load(Ordering::SeqCst)))
}

fn write_fd(fd: i32, s: &str) {
    let b = s.as_bytes();
    let mut off = 0;
    while off < b.len() {
        // SAFETY: the slice is valid for its length.
        let r = unsafe { libc::write(fd, b[off..].as_ptr() as *const libc::c_void, b.len() - off) };
        if r <= 0 {
            return;
        }
        off += r as usize;
    }
}

fn dump_traceback(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = file_fd(vm, a[1])?;
    let all_threads = a[2].is_null() || crate::ops::truth::is_true(vm, a[2])?;
    let mut out = String::new();
    if all_threads {
        // SAFETY: pthread_self has no preconditions.
        let tid = unsafe { libc::pthread_self() } as u64;
        out.push_str(&format!(
            "Current thread 0x{tid:016x} (most recent call first):\n"
        ));
    } else {
        out.push_str("Stack (most recent call first):\n");
    }
    let frames: Vec<Value> = vm.frames.iter().rev().copied().collect();
    let names = ["f_code", "co_filename", "co_name", "f_lineno"].map(|n| vm.intern(n));
    for fr in frames {
        let code = crate::ops::attr::getattr(vm, fr, names[0])?;
        let file = crate::ops::attr::getattr(vm, code, names[1])?;
        let name = crate::ops::attr::getattr(vm, code, names[2])?;
        let line = crate::ops::attr::getattr(vm, fr, names[3])?;
        let file = crate::ops::repr::str_string(vm, file)?;
        let name = crate::ops::repr::str_string(vm, name)?;
        let line = if line.is_none() {
            "???".to_string()
        } else {
            crate::ops::repr::str_string(vm, line)?
        };
        out.push_str(&format!("  File \"{file}\", line {line} in {name}\n"));
    }
    write_fd(fd, &out);
    Ok(Value::NONE)
}
