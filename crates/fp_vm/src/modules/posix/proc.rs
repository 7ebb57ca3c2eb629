//! `posix` process functions: ids, `fork`/`exec*`/`wait*` and the wait-status macros,
//! signals, the environment (`putenv`/`unsetenv`), and system information (`uname`,
//! `times`, `cpu_count`, `get_terminal_size`, `urandom`, `strerror`).

use super::util::{self, PathSpec};
use crate::types::int::from_i64;
use crate::types::structseq;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::ffi::CString;

fn int(vm: &mut Vm, i: i64) -> Value {
    from_i64(vm, i)
}

// ----- ids -----

pub fn getpid(vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: getpid has no preconditions.
    Ok(int(vm, unsafe { libc::getpid() } as i64))
}
pub fn getppid(vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: no preconditions.
    Ok(int(vm, unsafe { libc::getppid() } as i64))
}
pub fn getuid(vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: no preconditions.
    Ok(int(vm, unsafe { libc::getuid() } as i64))
}
pub fn geteuid(vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: no preconditions.
    Ok(int(vm, unsafe { libc::geteuid() } as i64))
}
pub fn getgid(vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: no preconditions.
    Ok(int(vm, unsafe { libc::getgid() } as i64))
}
pub fn getegid(vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: no preconditions.
    Ok(int(vm, unsafe { libc::getegid() } as i64))
}
pub fn getpgrp(vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: no preconditions.
    Ok(int(vm, unsafe { libc::getpgrp() } as i64))
}

pub fn getpgid(vm: &mut Vm, a: &[Value]) -> PyResult {
    let pid = util::c_int(vm, a[1])?;
    // SAFETY: getpgid only takes an integer.
    let r = unsafe { libc::getpgid(pid) };
    if r < 0 {
        return Err(util::last_error(vm));
    }
    Ok(int(vm, r as i64))
}

pub fn getsid(vm: &mut Vm, a: &[Value]) -> PyResult {
    let pid = util::c_int(vm, a[1])?;
    // SAFETY: getsid only takes an integer.
    let r = unsafe { libc::getsid(pid) };
    if r < 0 {
        return Err(util::last_error(vm));
    }
    Ok(int(vm, r as i64))
}

pub fn setsid(vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: no preconditions.
    if unsafe { libc::setsid() } < 0 {
        return Err(util::last_error(vm));
    }
    Ok(Value::NONE)
}

pub fn setpgid(vm: &mut Vm, a: &[Value]) -> PyResult {
    let pid = util::c_int(vm, a[1])?;
    let pg = util::c_int(vm, a[2])?;
    // SAFETY: integers only.
    if unsafe { libc::setpgid(pid, pg) } < 0 {
        return Err(util::last_error(vm));
    }
    Ok(Value::NONE)
}

pub fn getgroups(vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: a zero-size query returns the count.
    let n = unsafe { libc::getgroups(0, std::ptr::null_mut()) };
    if n < 0 {
        return Err(util::last_error(vm));
    }
    let mut g = vec![0 as libc::gid_t; n as usize];
    // SAFETY: `g` has room for `n` entries.
    let n = unsafe { libc::getgroups(n, g.as_mut_ptr()) };
    if n < 0 {
        return Err(util::last_error(vm));
    }
    let items = g[..n as usize].iter().map(|x| int(vm, *x as i64)).collect();
    Ok(crate::types::list::new_list(vm, items))
}

pub fn getlogin(vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: getlogin returns NULL or a static string.
    let p = unsafe { libc::getlogin() };
    if p.is_null() {
        let e = util::errno();
        return Err(util::error_from(
            vm,
            if e == 0 { libc::ENOTTY } else { e },
            None,
            None,
        ));
    }
    // SAFETY: non-NULL: a NUL-terminated string.
    let s = unsafe { std::ffi::CStr::from_ptr(p) }.to_bytes().to_vec();
    Ok(util::fs_name(vm, &s, false))
}

// ----- processes -----

/// Set in a child created by `fork`; the command line exits the process directly then.
static FORKED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether this process is a child created by `posix.fork()`.
pub fn in_forked_child() -> bool {
    FORKED.load(std::sync::atomic::Ordering::Relaxed)
}

pub fn fork(vm: &mut Vm, _a: &[Value]) -> PyResult {
    run_atfork(vm, 0);
    // Flush nothing: CPython leaves buffered stdio to the program, and so do we.
    // SAFETY: the interpreter thread is the only thread running Python code; the child keeps
    // running it.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        let e = util::errno();
        run_atfork(vm, 2);
        return Err(util::error_from(vm, e, None, None));
    }
    if pid == 0 {
        FORKED.store(true, std::sync::atomic::Ordering::Relaxed);
        run_atfork(vm, 1);
    } else {
        run_atfork(vm, 2);
    }
    Ok(int(vm, pid as i64))
}

/// The three callback lists of `register_at_fork` (before, after_in_child, after_in_parent),
/// kept in a list in the VM's native state.
fn atfork_lists(vm: &mut Vm) -> Value {
    if let Some(l) = vm.state_get("posix.atfork") {
        return l;
    }
    let lists = (0..3)
        .map(|_| crate::types::list::new_list(vm, Vec::new()))
        .collect();
    let l = crate::types::list::new_list(vm, lists);
    vm.state_set("posix.atfork", l);
    l
}

/// Runs the registered callbacks of one kind: `before` most recent first, the others in
/// registration order. Their exceptions are reported and ignored, as CPython's unraisable
/// hook does.
fn run_atfork(vm: &mut Vm, which: usize) {
    let Some(all) = vm.state_get("posix.atfork") else {
        return;
    };
    let Some(l) = all
        .downcast::<crate::types::list::ListObj>()
        .and_then(|l| l.get(which))
    else {
        return;
    };
    let mut funcs = l
        .downcast::<crate::types::list::ListObj>()
        .map(|l| l.snapshot())
        .unwrap_or_default();
    if which == 0 {
        funcs.reverse();
    }
    for f in funcs {
        if let Err(e) = crate::ops::call::call(vm, f, &[]) {
            // CPython reports these as "unraisable" and carries on.
            let r = crate::ops::repr::repr_string(vm, f).unwrap_or_else(|_| "?".into());
            crate::modules::sys::write_stderr(vm, &format!("Exception ignored in: {r}\n"));
            crate::interp::traceback::print_exception(vm, e.0);
        }
    }
}

/// `register_at_fork(*, before=None, after_in_child=None, after_in_parent=None)`.
pub fn register_at_fork(vm: &mut Vm, a: &[Value]) -> PyResult {
    let names = ["before", "after_in_child", "after_in_parent"];
    let given: Vec<(usize, Value)> = (0..3)
        .filter(|i| !a[1 + i].is_null())
        .map(|i| (i, a[1 + i]))
        .collect();
    if given.is_empty() {
        return Err(vm.type_error("At least one argument is required."));
    }
    for (i, f) in &given {
        if !crate::ops::call::is_callable(vm, *f) {
            return Err(vm.type_error(format!(
                "'{}' must be callable, not {}",
                names[*i],
                vm.type_name(*f)
            )));
        }
    }
    let all = atfork_lists(vm);
    for (i, f) in given {
        if let Some(l) = all
            .downcast::<crate::types::list::ListObj>()
            .and_then(|l| l.get(i))
            .and_then(|l| l.downcast::<crate::types::list::ListObj>())
        {
            l.push(f);
        }
    }
    Ok(Value::NONE)
}

/// `getrandom(size, flags=0)`.
pub fn getrandom(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = util::c_i64(vm, a[1])?;
    let flags = util::c_int_or(vm, a[2], 0)?;
    if n < 0 {
        return Err(util::error_from(vm, libc::EINVAL, None, None));
    }
    let mut buf = util::zeroed_buffer(vm, n as usize)?;
    // SAFETY: `buf` is writable for its length.
    let got = match util::retry(vm, || unsafe {
        libc::getrandom(
            buf.as_mut_ptr() as *mut libc::c_void,
            buf.len(),
            flags as u32,
        )
    })? {
        Ok(g) => g,
        Err(e) => return Err(util::error_from(vm, e, None, None)),
    };
    buf.truncate(got as usize);
    Ok(crate::types::bytes::new_bytes(vm, buf))
}

/// An argument of `exec*` or an environment entry as a C string (fsencoded).
pub fn fs_cstring(vm: &mut Vm, v: Value) -> PyResult<CString> {
    let p = super::fs::fspath_value(vm, v)?;
    let data = if let Some(s) = crate::types::str::as_str(p) {
        util::fs_encode(vm, s, p)?
    } else {
        crate::types::bytes::bytes_data(p).unwrap_or_default()
    };
    CString::new(data).map_err(|_| vm.value_error("embedded null byte"))
}

fn argv_list(vm: &mut Vm, func: &str, v: Value) -> PyResult<Vec<CString>> {
    let is_seq = v.is::<crate::types::tuple::TupleObj>() || v.is::<crate::types::list::ListObj>();
    if !is_seq {
        return Err(vm.type_error(format!("{func}() arg 2 must be a tuple or list")));
    }
    let items = crate::ops::iter::collect(vm, v)?;
    if items.is_empty() {
        return Err(vm.value_error(format!("{func}() arg 2 must not be empty")));
    }
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        out.push(fs_cstring(vm, it)?);
    }
    if out[0].as_bytes().is_empty() {
        return Err(vm.value_error(format!("{func}() arg 2 first element cannot be empty")));
    }
    Ok(out)
}

fn ptrs(v: &[CString]) -> Vec<*const libc::c_char> {
    let mut p: Vec<*const libc::c_char> = v.iter().map(|c| c.as_ptr()).collect();
    p.push(std::ptr::null());
    p
}

pub fn execv(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = util::convert_path(vm, PathSpec::path("execv"), a[1])?;
    let argv = argv_list(vm, "execv", a[2])?;
    let av = ptrs(&argv);
    // SAFETY: NUL-terminated path and a NULL-terminated array of C strings that outlive the
    // call.
    unsafe { libc::execv(p.ptr(), av.as_ptr()) };
    Err(util::last_error(vm))
}

pub fn execve(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = util::convert_path(vm, PathSpec::fd_ok("execve"), a[1])?;
    let argv = argv_list(vm, "execve", a[2])?;
    let env = a[3];
    let keys_name = vm.names().keys;
    if crate::ops::attr::getattr_opt(vm, env, keys_name)?.is_none()
        || !crate::ops::has_special(vm, env, vm.names().getitem)
    {
        return Err(vm.type_error("execve: environment must be a mapping object"));
    }
    let keys_fn = crate::ops::attr::getattr(vm, env, keys_name)?;
    let keys = crate::ops::call::call(vm, keys_fn, &[])?;
    let keys = crate::ops::iter::collect(vm, keys)?;
    let mut envs = Vec::new();
    for k in keys {
        let v = crate::ops::item::getitem(vm, env, k)?;
        let kc = fs_cstring(vm, k)?;
        let vc = fs_cstring(vm, v)?;
        let kb = kc.as_bytes();
        // As CPython: empty, or '=' after the first character.
        if kb.is_empty() || kb[1..].contains(&b'=') {
            return Err(vm.value_error("illegal environment variable name"));
        }
        let mut e = kb.to_vec();
        e.push(b'=');
        e.extend_from_slice(vc.as_bytes());
        envs.push(CString::new(e).map_err(|_| vm.value_error("embedded null byte"))?);
    }
    let av = ptrs(&argv);
    let ev = ptrs(&envs);
    // SAFETY: NULL-terminated arrays of C strings that outlive the call.
    unsafe {
        match p.fd {
            Some(fd) => libc::fexecve(fd, av.as_ptr(), ev.as_ptr()),
            None => libc::execve(p.ptr(), av.as_ptr(), ev.as_ptr()),
        }
    };
    Err(util::path_error(vm, &p))
}

pub fn waitpid(vm: &mut Vm, a: &[Value]) -> PyResult {
    let pid = util::c_int(vm, a[1])?;
    let opts = util::c_int(vm, a[2])?;
    let mut status = 0;
    // SAFETY: `status` is a valid out-pointer.
    let r = match util::retry_blocking(vm, || unsafe { libc::waitpid(pid, &mut status, opts) })? {
        Ok(r) => r,
        Err(e) => return Err(util::error_from(vm, e, None, None)),
    };
    let rp = int(vm, r as i64);
    let st = int(vm, status as i64);
    Ok(crate::types::tuple::new_tuple(vm, vec![rp, st]))
}

pub fn wait(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let mut status = 0;
    // SAFETY: `status` is a valid out-pointer.
    let r = match util::retry_blocking(vm, || unsafe { libc::wait(&mut status) })? {
        Ok(r) => r,
        Err(e) => return Err(util::error_from(vm, e, None, None)),
    };
    let rp = int(vm, r as i64);
    let st = int(vm, status as i64);
    Ok(crate::types::tuple::new_tuple(vm, vec![rp, st]))
}

fn status_arg(vm: &mut Vm, a: &[Value]) -> PyResult<i32> {
    util::c_int(vm, a[1])
}

pub fn wifexited(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = status_arg(vm, a)?;
    Ok(Value::from_bool(libc::WIFEXITED(s)))
}
pub fn wexitstatus(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = status_arg(vm, a)?;
    Ok(int(vm, libc::WEXITSTATUS(s) as i64))
}
pub fn wifsignaled(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = status_arg(vm, a)?;
    Ok(Value::from_bool(libc::WIFSIGNALED(s)))
}
pub fn wtermsig(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = status_arg(vm, a)?;
    Ok(int(vm, libc::WTERMSIG(s) as i64))
}
pub fn wifstopped(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = status_arg(vm, a)?;
    Ok(Value::from_bool(libc::WIFSTOPPED(s)))
}
pub fn wstopsig(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = status_arg(vm, a)?;
    Ok(int(vm, libc::WSTOPSIG(s) as i64))
}
pub fn wifcontinued(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = status_arg(vm, a)?;
    Ok(Value::from_bool(libc::WIFCONTINUED(s)))
}
pub fn wcoredump(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = status_arg(vm, a)?;
    Ok(Value::from_bool(libc::WCOREDUMP(s)))
}

/// `waitstatus_to_exitcode(status)`: the exit code, or minus the signal number.
pub fn waitstatus_to_exitcode(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = status_arg(vm, a)?;
    if libc::WIFEXITED(s) {
        return Ok(int(vm, libc::WEXITSTATUS(s) as i64));
    }
    if libc::WIFSIGNALED(s) {
        return Ok(int(vm, -(libc::WTERMSIG(s) as i64)));
    }
    if libc::WIFSTOPPED(s) {
        return Err(vm.value_error(format!(
            "process stopped by delivery of signal {}",
            libc::WSTOPSIG(s)
        )));
    }
    Err(vm.value_error(format!("invalid wait status: {s}")))
}

/// `_exit(status)`: ends the process at once (no cleanup, no flushing).
pub fn exit_now(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = util::c_int(vm, a[1])?;
    // SAFETY: _exit never returns.
    unsafe { libc::_exit(s) }
}

pub fn abort(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: abort never returns.
    unsafe { libc::abort() }
}

pub fn kill(vm: &mut Vm, a: &[Value]) -> PyResult {
    let pid = util::c_int(vm, a[1])?;
    let sig = util::c_int(vm, a[2])?;
    // SAFETY: integers only.
    if unsafe { libc::kill(pid, sig) } < 0 {
        return Err(util::last_error(vm));
    }
    // A signal sent to ourselves (SIGINT) takes effect before kill() returns, as in CPython.
    util::check_interrupt(vm)?;
    Ok(Value::NONE)
}

pub fn killpg(vm: &mut Vm, a: &[Value]) -> PyResult {
    let pg = util::c_int(vm, a[1])?;
    let sig = util::c_int(vm, a[2])?;
    // SAFETY: integers only.
    if unsafe { libc::killpg(pg, sig) } < 0 {
        return Err(util::last_error(vm));
    }
    Ok(Value::NONE)
}

pub fn nice(vm: &mut Vm, a: &[Value]) -> PyResult {
    let inc = util::c_int(vm, a[1])?;
    // SAFETY: clearing errno, since -1 is a valid result.
    unsafe { *libc::__errno_location() = 0 };
    // SAFETY: integer only.
    let r = unsafe { libc::nice(inc) };
    if r == -1 && util::errno() != 0 {
        return Err(util::last_error(vm));
    }
    Ok(int(vm, r as i64))
}

/// `system(command)`: runs the command with `/bin/sh`, returns the wait status.
pub fn system(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = fs_cstring(vm, a[1])?;
    // SAFETY: a NUL-terminated command.
    let r = unsafe { libc::system(c.as_ptr()) };
    Ok(int(vm, r as i64))
}

// ----- environment -----

fn env_name(vm: &mut Vm, v: Value) -> PyResult<CString> {
    let c = fs_cstring(vm, v)?;
    Ok(c)
}

pub fn putenv(vm: &mut Vm, a: &[Value]) -> PyResult {
    let k = env_name(vm, a[1])?;
    let v = fs_cstring(vm, a[2])?;
    // As CPython: a name with '=' is refused here, an empty one by setenv (EINVAL).
    if k.as_bytes().contains(&b'=') {
        return Err(vm.value_error("illegal environment variable name"));
    }
    // SAFETY: NUL-terminated strings; setenv copies them. Only the interpreter thread
    // touches the environment.
    if unsafe { libc::setenv(k.as_ptr(), v.as_ptr(), 1) } != 0 {
        return Err(util::last_error(vm));
    }
    Ok(Value::NONE)
}

pub fn unsetenv(vm: &mut Vm, a: &[Value]) -> PyResult {
    let k = env_name(vm, a[1])?;
    // SAFETY: a NUL-terminated name; only the interpreter thread touches the environment.
    if unsafe { libc::unsetenv(k.as_ptr()) } != 0 {
        return Err(util::last_error(vm));
    }
    Ok(Value::NONE)
}

/// `environ`: a dict of bytes to bytes, in the process environment's order.
pub fn environ(vm: &mut Vm) -> PyResult {
    use std::os::unix::ffi::OsStrExt;
    let d = crate::types::dict::new_dict(vm);
    for (k, v) in std::env::vars_os() {
        let kk = crate::types::bytes::new_bytes(vm, k.as_bytes().to_vec());
        let vv = crate::types::bytes::new_bytes(vm, v.as_bytes().to_vec());
        // CPython keeps the first of duplicate names.
        if crate::types::dict::get_item(vm, d, kk)?.is_none() {
            crate::types::dict::set_item(vm, d, kk, vv)?;
        }
    }
    Ok(d)
}

// ----- system information -----

pub fn strerror(vm: &mut Vm, a: &[Value]) -> PyResult {
    let code = util::c_int(vm, a[1])?;
    Ok(vm.new_string(crate::types::exceptions::os_strerror(code)))
}

pub fn urandom(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = util::c_i64(vm, a[1])?;
    if n < 0 {
        return Err(vm.value_error("negative argument not allowed"));
    }
    let mut buf = util::zeroed_buffer(vm, n as usize)?;
    let mut off = 0;
    while off < buf.len() {
        // SAFETY: the rest of `buf` is writable.
        let r = unsafe {
            libc::getrandom(
                buf[off..].as_mut_ptr() as *mut libc::c_void,
                buf.len() - off,
                0,
            )
        };
        if r < 0 {
            if util::errno() == libc::EINTR {
                util::check_interrupt(vm)?;
                continue;
            }
            return Err(util::last_error(vm));
        }
        off += r as usize;
    }
    Ok(crate::types::bytes::new_bytes(vm, buf))
}

pub fn cpu_count(vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: sysconf only takes a name.
    let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    if n < 1 {
        return Ok(Value::NONE);
    }
    Ok(int(vm, n))
}

pub fn sched_getaffinity(vm: &mut Vm, a: &[Value]) -> PyResult {
    let pid = util::c_int(vm, a[1])?;
    // SAFETY: cpu_set_t is plain data; all-zero is empty.
    let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    // SAFETY: `set` is a valid out-pointer of the given size.
    let r =
        unsafe { libc::sched_getaffinity(pid, std::mem::size_of::<libc::cpu_set_t>(), &mut set) };
    if r != 0 {
        return Err(util::last_error(vm));
    }
    let s = crate::types::set::new_set(vm);
    for cpu in 0..libc::CPU_SETSIZE as usize {
        // SAFETY: `cpu` is below CPU_SETSIZE.
        if unsafe { libc::CPU_ISSET(cpu, &set) } {
            let v = int(vm, cpu as i64);
            crate::types::set::add(vm, s, v)?;
        }
    }
    Ok(s)
}

pub fn sched_yield(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: no arguments.
    unsafe { libc::sched_yield() };
    Ok(Value::NONE)
}

pub fn getloadavg(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let mut l = [0f64; 3];
    // SAFETY: `l` has room for three values.
    if unsafe { libc::getloadavg(l.as_mut_ptr(), 3) } != 3 {
        return Err(vm.new_exc(vm.exc.os_error, "Load averages are unobtainable"));
    }
    let items = l
        .iter()
        .map(|x| crate::types::float::new_float(vm, *x))
        .collect();
    Ok(crate::types::tuple::new_tuple(vm, items))
}

pub fn make_types(vm: &mut Vm) -> (Value, Value, Value) {
    let times = structseq::new_type(
        vm,
        "posix",
        "times_result",
        &[
            "user",
            "system",
            "children_user",
            "children_system",
            "elapsed",
        ],
    );
    structseq::add_constructor(vm, times);
    let uname = structseq::new_type(
        vm,
        "posix",
        "uname_result",
        &["sysname", "nodename", "release", "version", "machine"],
    );
    structseq::add_constructor(vm, uname);
    let term = structseq::new_type(vm, "os", "terminal_size", &["columns", "lines"]);
    structseq::add_constructor(vm, term);
    vm.state_set("posix.times_result", times);
    vm.state_set("posix.uname_result", uname);
    vm.state_set("posix.terminal_size", term);
    (times, uname, term)
}

pub fn times(vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: tms is plain data.
    let mut t: libc::tms = unsafe { std::mem::zeroed() };
    // SAFETY: `t` is a valid out-pointer.
    let c = unsafe { libc::times(&mut t) };
    if c == (-1i64) as libc::clock_t {
        return Err(util::last_error(vm));
    }
    // SAFETY: sysconf only takes a name.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    let vals = [t.tms_utime, t.tms_stime, t.tms_cutime, t.tms_cstime, c]
        .iter()
        .map(|x| crate::types::float::new_float(vm, *x as f64 / hz))
        .collect();
    let ty = vm.state_get("posix.times_result").unwrap_or(vm.types.tuple);
    Ok(structseq::new(vm, ty, vals))
}

fn cfield(vm: &mut Vm, f: &[libc::c_char]) -> Value {
    let b: Vec<u8> = f
        .iter()
        .take_while(|c| **c != 0)
        .map(|c| *c as u8)
        .collect();
    util::fs_name(vm, &b, false)
}

pub fn uname(vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: utsname is plain data.
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: `u` is a valid out-pointer.
    if unsafe { libc::uname(&mut u) } != 0 {
        return Err(util::last_error(vm));
    }
    let vals = vec![
        cfield(vm, &u.sysname),
        cfield(vm, &u.nodename),
        cfield(vm, &u.release),
        cfield(vm, &u.version),
        cfield(vm, &u.machine),
    ];
    let ty = vm.state_get("posix.uname_result").unwrap_or(vm.types.tuple);
    Ok(structseq::new(vm, ty, vals))
}

/// `get_terminal_size(fd=1, /)`.
pub fn get_terminal_size(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int_or(vm, a[1], 1)?;
    // SAFETY: winsize is plain data.
    let mut w: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: TIOCGWINSZ writes a winsize into `w`.
    if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut w) } != 0 {
        return Err(util::last_error(vm));
    }
    let c = int(vm, w.ws_col as i64);
    let l = int(vm, w.ws_row as i64);
    let ty = vm
        .state_get("posix.terminal_size")
        .unwrap_or(vm.types.tuple);
    Ok(structseq::new(vm, ty, vec![c, l]))
}
