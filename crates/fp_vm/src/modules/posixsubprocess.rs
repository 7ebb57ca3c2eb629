//! The `_posixsubprocess` native module: `fork_exec`, the fork+exec primitive behind
//! `subprocess.Popen` on POSIX (CPython's `Modules/_posixsubprocess.c`). Every argument is
//! converted to C data before `fork()`; the child then only makes async-signal-safe calls
//! (dup2, chdir, close, exec...) and reports a failure through the error pipe in the format
//! `subprocess.py` parses: `OSError:<hex errno>:` (with `noexec` when the failure happened
//! before the exec attempts, i.e. the parent should blame `cwd`), or
//! `SubprocessError:0:<message>`.

use crate::modules::posix::util;
use crate::native;
use crate::native::NativeDef;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::ffi::CString;

static FUNCS: &[NativeDef] = &[native!(
    "fork_exec",
    "($module, args, executable_list, close_fds, pass_fds, cwd, env, p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite, errpipe_read, errpipe_write, restore_signals, call_setsid, pgid_to_set, gid, extra_groups, uid, child_umask, preexec_fn, allow_vfork=False, /)",
    fork_exec
)];

pub fn init(vm: &mut Vm) -> PyResult {
    Ok(crate::modules::module_with_functions(
        vm,
        "_posixsubprocess",
        FUNCS,
    ))
}

/// A path-like or bytes argument as a C string (`PyUnicode_FSConverter`).
fn fs_cstring(vm: &mut Vm, v: Value) -> PyResult<CString> {
    let p = util::convert_path(vm, util::PathSpec::path("fork_exec"), v)?;
    CString::new(p.bytes().to_vec()).map_err(|_| vm.value_error("embedded null byte"))
}

/// A sequence of path-likes as C strings (None gives None).
fn cstring_list(vm: &mut Vm, v: Value) -> PyResult<Option<Vec<CString>>> {
    if v.is_none() {
        return Ok(None);
    }
    let items = crate::ops::iter::collect(vm, v)?;
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        out.push(fs_cstring(vm, it)?);
    }
    Ok(Some(out))
}

/// A NULL-terminated pointer array over `strs` (which must outlive it).
fn ptr_array(strs: &[CString]) -> Vec<*const libc::c_char> {
    let mut v: Vec<*const libc::c_char> = strs.iter().map(|s| s.as_ptr()).collect();
    v.push(std::ptr::null());
    v
}

fn opt_id(vm: &mut Vm, v: Value, what: &str) -> PyResult<Option<u32>> {
    if v.is_none() {
        return Ok(None);
    }
    id_value(vm, v, what).map(Some)
}

/// A uid/gid argument as CPython's converter takes it: an integer (`__index__`) whose value
/// fits `uid_t`, -1 standing for `(uid_t)-1`.
fn id_value(vm: &mut Vm, v: Value, what: &str) -> PyResult<u32> {
    let iv = if crate::types::int::is_int(v) {
        v
    } else {
        let name = vm.intern("__index__");
        let ty = vm.type_of(v);
        if crate::types::typeobj::lookup(vm, ty, name).is_null() {
            return Err(vm.type_error(format!("{what} should be integer, not {}", vm.type_name(v))));
        }
        crate::ops::number::index(vm, v)?
    };
    let Some(i) = crate::types::int::int_ref(iv) else {
        return Err(vm.type_error(format!("{what} should be integer")));
    };
    match i.to_i64() {
        Some(-1) => Ok(u32::MAX),
        Some(n) if n >= 0 && n <= i64::from(u32::MAX) => Ok(n as u32),
        // In `long` range but not in `uid_t`'s (negative or past 32 bits): CPython reports
        // the lost bits this way.
        Some(_) => Err(vm.overflow_error(format!("{what} is less than minimum"))),
        None if i.is_negative() => Err(vm.overflow_error(format!("{what} is less than minimum"))),
        None => Err(vm.overflow_error(format!("{what} is greater than maximum"))),
    }
}

/// Everything the child needs, converted before fork.
struct Plan {
    exec_list: Vec<CString>,
    argv: Vec<CString>,
    env: Option<Vec<CString>>,
    close_fds: bool,
    keep: Vec<i32>,
    cwd: Option<CString>,
    fds: [i32; 8],
    restore_signals: bool,
    setsid: bool,
    pgid: i32,
    gid: Option<u32>,
    groups: Option<Vec<libc::gid_t>>,
    uid: Option<u32>,
    umask: i32,
}

fn fork_exec(vm: &mut Vm, a: &[Value]) -> PyResult {
    let argv = cstring_list(vm, a[1])?.unwrap_or_default();
    let exec_list = cstring_list(vm, a[2])?
        .ok_or_else(|| vm.type_error("executable_list must be a sequence"))?;
    let close_fds = crate::ops::truth::is_true(vm, a[3])?;
    let keep_items = crate::types::tuple::items(a[4])
        .ok_or_else(|| vm.type_error("pass_fds must be a tuple"))?
        .to_vec();
    let mut keep = Vec::with_capacity(keep_items.len());
    for it in keep_items {
        let fd = match it.as_small_int() {
            Some(n) if (0..=i32::MAX as i64).contains(&n) => n as i32,
            _ => return Err(vm.value_error("bad value(s) in fds_to_keep")),
        };
        if keep.last().is_some_and(|&l| l >= fd) {
            return Err(vm.value_error("bad value(s) in fds_to_keep"));
        }
        keep.push(fd);
    }
    let cwd = if a[5].is_none() {
        None
    } else {
        Some(fs_cstring(vm, a[5])?)
    };
    let env = cstring_list(vm, a[6])?;
    let mut fds = [0i32; 8];
    for (i, slot) in fds.iter_mut().enumerate() {
        *slot = util::c_int(vm, a[7 + i])?;
    }
    let errpipe_write = fds[7];
    if close_fds && errpipe_write < 3 {
        return Err(vm.value_error("errpipe_write must be >= 3"));
    }
    let restore_signals = crate::ops::truth::is_true(vm, a[15])?;
    let setsid = crate::ops::truth::is_true(vm, a[16])?;
    let pgid = util::c_int(vm, a[17])?;
    let gid = opt_id(vm, a[18], "gid")?;
    let groups = if a[19].is_none() {
        None
    } else {
        let items = crate::ops::iter::collect(vm, a[19])?;
        let mut g = Vec::with_capacity(items.len());
        for it in items {
            if !crate::types::int::is_int(it) {
                let name = vm.intern("__index__");
                let ty = vm.type_of(it);
                if crate::types::typeobj::lookup(vm, ty, name).is_null() {
                    return Err(vm.type_error("groups must be integers"));
                }
            }
            match id_value(vm, it, "gid") {
                Ok(gid) => g.push(gid as libc::gid_t),
                Err(_) => return Err(vm.value_error("invalid group id")),
            }
        }
        Some(g)
    };
    let uid = opt_id(vm, a[20], "uid")?;
    let umask = util::c_int(vm, a[21])?;
    let preexec = a[22];
    let preexec = if preexec.is_none() || preexec.is_null() {
        None
    } else {
        Some(preexec)
    };
    let plan = Plan {
        exec_list,
        argv,
        env,
        close_fds,
        keep,
        cwd,
        fds,
        restore_signals,
        setsid,
        pgid,
        gid,
        groups,
        uid,
        umask,
    };
    let argv_ptrs = ptr_array(&plan.argv);
    let env_ptrs = plan.env.as_ref().map(|e| ptr_array(e));
    // SAFETY: fork duplicates only this thread; the child runs `child` (async-signal-safe
    // calls on data prepared above, or the Python preexec_fn as CPython allows) and never
    // returns.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        return Err(util::last_error(vm));
    }
    if pid == 0 {
        child(vm, &plan, &argv_ptrs, env_ptrs.as_deref(), preexec);
    }
    Ok(crate::types::int::from_i64(vm, pid as i64))
}

/// Writes `data` to `fd`, retrying on EINTR, ignoring errors (the parent copes).
fn write_all(fd: i32, data: &[u8]) {
    let mut off = 0;
    while off < data.len() {
        // SAFETY: the slice is valid for the given length.
        let r = unsafe {
            libc::write(
                fd,
                data[off..].as_ptr() as *const libc::c_void,
                data.len() - off,
            )
        };
        if r < 0 {
            // SAFETY: reading errno.
            if unsafe { *libc::__errno_location() } == libc::EINTR {
                continue;
            }
            return;
        }
        off += r as usize;
    }
}

/// Reports `err` through the error pipe and exits the child.
fn fail(errpipe: i32, err: i32, noexec: bool) -> ! {
    // Hex digits without allocation.
    let mut buf = [0u8; 16];
    let mut i = buf.len();
    let mut e = err as u32;
    if e == 0 {
        i -= 1;
        buf[i] = b'0';
    }
    while e != 0 && i > 0 {
        i -= 1;
        buf[i] = b"0123456789ABCDEF"[(e % 16) as usize];
        e /= 16;
    }
    write_all(errpipe, b"OSError:");
    write_all(errpipe, &buf[i..]);
    write_all(errpipe, b":");
    if noexec {
        write_all(errpipe, b"noexec");
    }
    // SAFETY: _exit is async-signal-safe.
    unsafe { libc::_exit(255) }
}

fn errno() -> i32 {
    // SAFETY: reading errno.
    unsafe { *libc::__errno_location() }
}

/// Clears FD_CLOEXEC on `fd`.
fn set_inheritable(fd: i32) -> bool {
    // SAFETY: fcntl on an integer descriptor.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFD);
        if flags < 0 {
            return false;
        }
        if flags & libc::FD_CLOEXEC != 0 {
            return libc::fcntl(fd, libc::F_SETFD, flags & !libc::FD_CLOEXEC) >= 0;
        }
        true
    }
}

/// Closes every descriptor from `lo` to `hi` inclusive.
fn close_range(lo: i32, hi: i32) {
    if lo > hi {
        return;
    }
    // SAFETY: close_range/close on integer descriptors only.
    unsafe {
        if libc::syscall(libc::SYS_close_range, lo as u32, hi as u32, 0u32) == 0 {
            return;
        }
        let mut rl: libc::rlimit = std::mem::zeroed();
        let mut max = 65536i64;
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut rl) == 0 && rl.rlim_cur != libc::RLIM_INFINITY
        {
            max = (rl.rlim_cur as i64).min(1 << 20);
        }
        let top = (hi as i64).min(max - 1);
        let mut fd = lo as i64;
        while fd <= top {
            libc::close(fd as i32);
            fd += 1;
        }
    }
}

/// The child side: never returns.
fn child(
    vm: &mut Vm,
    p: &Plan,
    argv: &[*const libc::c_char],
    envp: Option<&[*const libc::c_char]>,
    preexec: Option<Value>,
) -> ! {
    let [
        p2cread,
        p2cwrite,
        c2pread,
        mut c2pwrite,
        errread,
        mut errwrite,
        errpipe_read,
        ep,
    ] = p.fds;
    // SAFETY: only async-signal-safe libc calls on descriptors and C strings prepared by the
    // parent.
    unsafe {
        for fd in [p2cwrite, c2pread, errread, errpipe_read] {
            if fd != -1 {
                libc::close(fd);
            }
        }
        // The output descriptors must not be clobbered by the dup2 of a lower one.
        if c2pwrite == 0 {
            c2pwrite = libc::dup(c2pwrite);
            if c2pwrite < 0 || !set_inheritable(c2pwrite) {
                fail(ep, errno(), true);
            }
        }
        while errwrite == 0 || errwrite == 1 {
            errwrite = libc::dup(errwrite);
            if errwrite < 0 || !set_inheritable(errwrite) {
                fail(ep, errno(), true);
            }
        }
        for (src, dst) in [(p2cread, 0), (c2pwrite, 1), (errwrite, 2)] {
            if src == dst {
                if !set_inheritable(src) {
                    fail(ep, errno(), true);
                }
            } else if src != -1 && libc::dup2(src, dst) < 0 {
                fail(ep, errno(), true);
            }
        }
        if let Some(cwd) = &p.cwd
            && libc::chdir(cwd.as_ptr()) < 0
        {
            fail(ep, errno(), true);
        }
        if p.umask >= 0 {
            libc::umask(p.umask as libc::mode_t);
        }
        if p.restore_signals {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
            libc::signal(libc::SIGXFSZ, libc::SIG_DFL);
        }
        if p.setsid && libc::setsid() < 0 {
            fail(ep, errno(), true);
        }
        if p.pgid >= 0 && libc::setpgid(0, p.pgid) < 0 {
            fail(ep, errno(), true);
        }
        if let Some(g) = &p.groups
            && libc::setgroups(g.len(), g.as_ptr()) < 0
        {
            fail(ep, errno(), true);
        }
        if let Some(gid) = p.gid
            && libc::setregid(gid, gid) < 0
        {
            fail(ep, errno(), true);
        }
        if let Some(uid) = p.uid
            && libc::setreuid(uid, uid) < 0
        {
            fail(ep, errno(), true);
        }
    }
    if let Some(f) = preexec
        && crate::ops::call::call(vm, f, &[]).is_err()
    {
        write_all(ep, b"SubprocessError:0:Exception occurred in preexec_fn.");
        // SAFETY: _exit is async-signal-safe.
        unsafe { libc::_exit(255) }
    }
    // SAFETY: as above.
    unsafe {
        for &fd in &p.keep {
            if fd != ep && !set_inheritable(fd) {
                fail(ep, errno(), false);
            }
        }
        if p.close_fds {
            let mut lo = 3;
            for &fd in &p.keep {
                if fd >= lo {
                    close_range(lo, fd - 1);
                    lo = fd + 1;
                }
            }
            close_range(lo, i32::MAX);
        }
        let mut saved = 0;
        for exe in &p.exec_list {
            match envp {
                Some(e) => libc::execve(exe.as_ptr(), argv.as_ptr(), e.as_ptr()),
                None => libc::execv(exe.as_ptr(), argv.as_ptr()),
            };
            let e = errno();
            if e != libc::ENOENT && e != libc::ENOTDIR && saved == 0 {
                saved = e;
            }
        }
        fail(ep, if saved != 0 { saved } else { errno() }, false)
    }
}
