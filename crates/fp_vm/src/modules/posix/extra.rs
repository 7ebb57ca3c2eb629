//! Less common `posix` functions: vectored I/O (`readv`, `writev`), `sendfile`, device
//! numbers (`major`, `minor`, `makedev`, `mknod`), ownership (`lchown`, `fchown`) and the
//! user/group id setters.

use super::util::{self, PathSpec};
use crate::types::bytes::{ByteArrayObj, bytes_data};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

fn int(vm: &mut Vm, i: i64) -> Value {
    crate::types::int::from_i64(vm, i)
}

fn sequence_items(vm: &mut Vm, func: &str, v: Value) -> PyResult<Vec<Value>> {
    let is_seq = v.is::<crate::types::tuple::TupleObj>()
        || v.is::<crate::types::list::ListObj>()
        || crate::ops::has_special(vm, v, vm.names().getitem);
    if !is_seq {
        return Err(vm.type_error(format!("{func}() arg 2 must be a sequence")));
    }
    crate::ops::iter::collect(vm, v)
}

/// `writev(fd, buffers)`.
pub fn writev(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    let items = sequence_items(vm, "writev", a[2])?;
    let mut bufs = Vec::with_capacity(items.len());
    for it in items {
        match bytes_data(it) {
            Some(d) => bufs.push(d),
            None => {
                return Err(vm.type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    vm.type_name(it)
                )));
            }
        }
    }
    let iov: Vec<libc::iovec> = bufs
        .iter()
        .map(|b| libc::iovec {
            iov_base: b.as_ptr() as *mut libc::c_void,
            iov_len: b.len(),
        })
        .collect();
    // SAFETY: every iovec points into a live buffer of `bufs`, which writev only reads.
    let n = match util::retry(vm, || unsafe {
        libc::writev(fd, iov.as_ptr(), iov.len() as libc::c_int)
    })? {
        Ok(n) => n,
        Err(e) => return Err(util::error_from(vm, e, None, None)),
    };
    Ok(int(vm, n as i64))
}

/// `readv(fd, buffers)`: fills the given bytearrays in order, returns the byte count.
pub fn readv(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    let items = sequence_items(vm, "readv", a[2])?;
    let mut sizes = Vec::with_capacity(items.len());
    for it in &items {
        match it.downcast::<ByteArrayObj>() {
            Some(b) => sizes.push(b.data.borrow().len()),
            // Read-only buffers refuse a writable export; other objects are no buffers.
            None if bytes_data(*it).is_some() => {
                return Err(vm.new_exc(vm.exc.buffer_error, "Object is not writable."));
            }
            None => {
                return Err(vm.type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    vm.type_name(*it)
                )));
            }
        }
    }
    let mut bufs: Vec<Vec<u8>> = sizes.iter().map(|n| vec![0u8; *n]).collect();
    let iov: Vec<libc::iovec> = bufs
        .iter_mut()
        .map(|b| libc::iovec {
            iov_base: b.as_mut_ptr() as *mut libc::c_void,
            iov_len: b.len(),
        })
        .collect();
    // SAFETY: every iovec points into a live, writable buffer of `bufs`.
    let n = match util::retry(vm, || unsafe {
        libc::readv(fd, iov.as_ptr(), iov.len() as libc::c_int)
    })? {
        Ok(n) => n as usize,
        Err(e) => return Err(util::error_from(vm, e, None, None)),
    };
    // Copy what was read back into the bytearrays (no Python code runs meanwhile).
    let mut left = n;
    for (it, buf) in items.iter().zip(bufs.iter()) {
        if left == 0 {
            break;
        }
        let take = left.min(buf.len());
        if let Some(b) = it.downcast::<ByteArrayObj>() {
            let mut d = b.data.borrow_mut();
            let m = take.min(d.len());
            d[..m].copy_from_slice(&buf[..m]);
        }
        left -= take;
    }
    Ok(int(vm, n as i64))
}

/// `sendfile(out_fd, in_fd, offset, count)`; offset None uses and advances in_fd's position.
pub fn sendfile(vm: &mut Vm, a: &[Value]) -> PyResult {
    let out_fd = util::c_int(vm, a[1])?;
    let in_fd = util::c_int(vm, a[2])?;
    let mut off: Option<i64> = if a[3].is_none() {
        None
    } else {
        Some(util::c_i64(vm, a[3])?)
    };
    let count = util::c_i64(vm, a[4])?;
    if count < 0 {
        return Err(util::error_from(vm, libc::EINVAL, None, None));
    }
    // SAFETY: `off` is NULL or a valid in/out offset.
    let n = match util::retry(vm, || unsafe {
        let p = match off.as_mut() {
            Some(o) => o as *mut i64,
            None => std::ptr::null_mut(),
        };
        libc::sendfile(out_fd, in_fd, p, count as usize)
    })? {
        Ok(n) => n,
        Err(e) => return Err(util::error_from(vm, e, None, None)),
    };
    Ok(int(vm, n as i64))
}

fn dev_arg(vm: &mut Vm, v: Value) -> PyResult<u64> {
    let i = crate::ops::number::index(vm, v)?;
    let b = crate::types::int::int_ref(i)
        .map(|r| r.to_bigint())
        .unwrap_or_default();
    num_traits::ToPrimitive::to_u64(&b)
        .ok_or_else(|| vm.overflow_error("Python int too large to convert to C dev_t"))
}

pub fn major(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dev_arg(vm, a[1])?;
    Ok(int(vm, libc::major(d) as i64))
}

pub fn minor(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dev_arg(vm, a[1])?;
    Ok(int(vm, libc::minor(d) as i64))
}

pub fn makedev(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ma = util::c_int(vm, a[1])? as u32;
    let mi = util::c_int(vm, a[2])? as u32;
    Ok(crate::types::int::from_u64(vm, libc::makedev(ma, mi)))
}

/// `mknod(path, mode=0o600, device=0, *, dir_fd=None)`. As CPython, its error names no file.
pub fn mknod(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = util::convert_path(vm, PathSpec::path("mknod"), a[1])?;
    let mode = util::c_int_or(vm, a[2], 0o600)?;
    let dev = if a[3].is_null() {
        0
    } else {
        dev_arg(vm, a[3])?
    };
    let dirfd = util::dir_fd(vm, a[4])?;
    // SAFETY: a NUL-terminated path.
    match util::retry(vm, || unsafe {
        libc::mknodat(dirfd, p.ptr(), mode as libc::mode_t, dev)
    })? {
        Ok(_) => Ok(Value::NONE),
        Err(e) => Err(util::error_from(vm, e, None, None)),
    }
}

/// A uid/gid argument: -1 means "unchanged".
fn id_arg(vm: &mut Vm, v: Value) -> PyResult<u32> {
    let i = util::c_i64(vm, v)?;
    if i == -1 {
        return Ok(u32::MAX);
    }
    u32::try_from(i).map_err(|_| vm.overflow_error("uid is greater than maximum"))
}

pub fn lchown(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = util::convert_path(vm, PathSpec::path("lchown"), a[1])?;
    let uid = id_arg(vm, a[2])?;
    let gid = id_arg(vm, a[3])?;
    // SAFETY: a NUL-terminated path.
    match util::retry(vm, || unsafe { libc::lchown(p.ptr(), uid, gid) })? {
        Ok(_) => Ok(Value::NONE),
        Err(e) => {
            let f = p.filename();
            Err(util::error_from(vm, e, f, None))
        }
    }
}

pub fn fchown(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    let uid = id_arg(vm, a[2])?;
    let gid = id_arg(vm, a[3])?;
    // SAFETY: integers only.
    match util::retry(vm, || unsafe { libc::fchown(fd, uid, gid) })? {
        Ok(_) => Ok(Value::NONE),
        Err(e) => Err(util::error_from(vm, e, None, None)),
    }
}

fn check(vm: &mut Vm, r: libc::c_int) -> PyResult {
    if r < 0 {
        return Err(util::last_error(vm));
    }
    Ok(Value::NONE)
}

pub fn setuid(vm: &mut Vm, a: &[Value]) -> PyResult {
    let u = id_arg(vm, a[1])?;
    // SAFETY: integer only.
    check(vm, unsafe { libc::setuid(u) })
}
pub fn setgid(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = id_arg(vm, a[1])?;
    // SAFETY: integer only.
    check(vm, unsafe { libc::setgid(g) })
}
pub fn seteuid(vm: &mut Vm, a: &[Value]) -> PyResult {
    let u = id_arg(vm, a[1])?;
    // SAFETY: integer only.
    check(vm, unsafe { libc::seteuid(u) })
}
pub fn setegid(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = id_arg(vm, a[1])?;
    // SAFETY: integer only.
    check(vm, unsafe { libc::setegid(g) })
}
pub fn setreuid(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = id_arg(vm, a[1])?;
    let e = id_arg(vm, a[2])?;
    // SAFETY: integers only.
    check(vm, unsafe { libc::setreuid(r, e) })
}
pub fn setregid(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = id_arg(vm, a[1])?;
    let e = id_arg(vm, a[2])?;
    // SAFETY: integers only.
    check(vm, unsafe { libc::setregid(r, e) })
}

pub fn getresuid(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let (mut r, mut e, mut s) = (0, 0, 0);
    // SAFETY: three valid out-pointers.
    if unsafe { libc::getresuid(&mut r, &mut e, &mut s) } < 0 {
        return Err(util::last_error(vm));
    }
    let items = [r, e, s].iter().map(|x| int(vm, *x as i64)).collect();
    Ok(crate::types::tuple::new_tuple(vm, items))
}

pub fn getresgid(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let (mut r, mut e, mut s) = (0, 0, 0);
    // SAFETY: three valid out-pointers.
    if unsafe { libc::getresgid(&mut r, &mut e, &mut s) } < 0 {
        return Err(util::last_error(vm));
    }
    let items = [r, e, s].iter().map(|x| int(vm, *x as i64)).collect();
    Ok(crate::types::tuple::new_tuple(vm, items))
}

// ----- terminals, locks, scheduling -----

pub fn ctermid(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let mut buf = [0 as libc::c_char; 64];
    // SAFETY: `buf` is larger than L_ctermid.
    let p = unsafe { libc::ctermid(buf.as_mut_ptr()) };
    if p.is_null() {
        return Err(util::last_error(vm));
    }
    // SAFETY: ctermid wrote a NUL-terminated string into `buf`.
    let s = unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) }
        .to_bytes()
        .to_vec();
    Ok(util::fs_name(vm, &s, false))
}

pub fn tcgetpgrp(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    // SAFETY: integer only.
    let r = unsafe { libc::tcgetpgrp(fd) };
    if r < 0 {
        return Err(util::last_error(vm));
    }
    Ok(int(vm, r as i64))
}

pub fn tcsetpgrp(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    let pg = util::c_int(vm, a[2])?;
    // SAFETY: integers only.
    check(vm, unsafe { libc::tcsetpgrp(fd, pg) })
}

pub fn lockf(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    let cmd = util::c_int(vm, a[2])?;
    let len = util::c_i64(vm, a[3])?;
    // SAFETY: integers only.
    match util::retry(vm, || unsafe { libc::lockf(fd, cmd, len) })? {
        Ok(_) => Ok(Value::NONE),
        Err(e) => Err(util::error_from(vm, e, None, None)),
    }
}

/// `posix_fallocate` / `posix_fadvise` report their error as the return value.
fn direct_errno(vm: &mut Vm, mut f: impl FnMut() -> libc::c_int) -> PyResult {
    loop {
        match f() {
            0 => return Ok(Value::NONE),
            libc::EINTR => util::check_interrupt(vm)?,
            e => return Err(util::error_from(vm, e, None, None)),
        }
    }
}

pub fn posix_fallocate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    let off = util::c_i64(vm, a[2])?;
    let len = util::c_i64(vm, a[3])?;
    // SAFETY: integers only.
    direct_errno(vm, || unsafe { libc::posix_fallocate(fd, off, len) })
}

pub fn posix_fadvise(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    let off = util::c_i64(vm, a[2])?;
    let len = util::c_i64(vm, a[3])?;
    let advice = util::c_int(vm, a[4])?;
    // SAFETY: integers only.
    direct_errno(vm, || unsafe { libc::posix_fadvise(fd, off, len, advice) })
}

pub fn chroot(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = util::convert_path(vm, PathSpec::path("chroot"), a[1])?;
    // SAFETY: a NUL-terminated path.
    if unsafe { libc::chroot(p.ptr()) } < 0 {
        return Err(util::path_error(vm, &p));
    }
    Ok(Value::NONE)
}

pub fn setpgrp(vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: integers only.
    check(vm, unsafe { libc::setpgid(0, 0) })
}

pub fn sched_get_priority_max(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = util::c_int(vm, a[1])?;
    // SAFETY: integer only.
    let r = unsafe { libc::sched_get_priority_max(p) };
    if r < 0 {
        return Err(util::last_error(vm));
    }
    Ok(int(vm, r as i64))
}

pub fn sched_get_priority_min(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = util::c_int(vm, a[1])?;
    // SAFETY: integer only.
    let r = unsafe { libc::sched_get_priority_min(p) };
    if r < 0 {
        return Err(util::last_error(vm));
    }
    Ok(int(vm, r as i64))
}

pub fn getpriority(vm: &mut Vm, a: &[Value]) -> PyResult {
    let which = util::c_int(vm, a[1])?;
    let who = util::c_int(vm, a[2])?;
    // SAFETY: clearing errno, since -1 is a valid priority.
    unsafe { *libc::__errno_location() = 0 };
    // SAFETY: integers only.
    let r = unsafe { libc::getpriority(which as libc::__priority_which_t, who as libc::id_t) };
    if r == -1 && util::errno() != 0 {
        return Err(util::last_error(vm));
    }
    Ok(int(vm, r as i64))
}

pub fn setpriority(vm: &mut Vm, a: &[Value]) -> PyResult {
    let which = util::c_int(vm, a[1])?;
    let who = util::c_int(vm, a[2])?;
    let prio = util::c_int(vm, a[3])?;
    // SAFETY: integers only.
    check(vm, unsafe {
        libc::setpriority(which as libc::__priority_which_t, who as libc::id_t, prio)
    })
}

/// `waitid(idtype, id, options)`: a `waitid_result`, or None when WNOHANG found no child.
pub fn waitid(vm: &mut Vm, a: &[Value]) -> PyResult {
    let idtype = util::c_int(vm, a[1])?;
    let id = util::c_i64(vm, a[2])?;
    let options = util::c_int(vm, a[3])?;
    // SAFETY: siginfo_t is plain data; zeroed so "no child" shows as si_pid 0.
    let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
    // SAFETY: `info` is a valid out-pointer.
    if let Err(e) = util::retry(vm, || unsafe {
        libc::waitid(
            idtype as libc::idtype_t,
            id as libc::id_t,
            &mut info,
            options,
        )
    })? {
        return Err(util::error_from(vm, e, None, None));
    }
    // SAFETY: waitid filled the child fields of `info` (or left it zeroed).
    let (pid, uid, status) = unsafe { (info.si_pid(), info.si_uid(), info.si_status()) };
    if pid == 0 {
        return Ok(Value::NONE);
    }
    let vals = vec![
        int(vm, pid as i64),
        int(vm, uid as i64),
        int(vm, info.si_signo as i64),
        int(vm, status as i64),
        int(vm, info.si_code as i64),
    ];
    let ty = vm
        .state_get("posix.waitid_result")
        .unwrap_or(vm.types.tuple);
    Ok(crate::types::structseq::new(vm, ty, vals))
}

pub fn make_waitid_type(vm: &mut Vm) -> Value {
    let ty = crate::types::structseq::new_type(
        vm,
        "posix",
        "waitid_result",
        &["si_pid", "si_uid", "si_signo", "si_status", "si_code"],
    );
    crate::types::structseq::add_constructor(vm, ty);
    vm.state_set("posix.waitid_result", ty);
    ty
}

pub fn openpty(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let (mut master, mut slave) = (0, 0);
    // SAFETY: valid out-pointers; the optional name/termios/winsize are NULL.
    let r = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    if r < 0 {
        return Err(util::last_error(vm));
    }
    // The new descriptors are non-inheritable, as CPython's.
    for fd in [master, slave] {
        // SAFETY: setting FD_CLOEXEC on descriptors we own.
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    let m = int(vm, master as i64);
    let s = int(vm, slave as i64);
    Ok(crate::types::tuple::new_tuple(vm, vec![m, s]))
}

pub fn login_tty(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    // SAFETY: integer only.
    check(vm, unsafe { libc::login_tty(fd) })
}

// ----- memfd / eventfd -----

/// An unsigned int argument as CPython's eventfd converters read it: an exact int (no
/// `__index__`), non-negative; None when it does not fit in 64 bits.
fn unsigned_arg(vm: &mut Vm, v: Value) -> PyResult<Option<u64>> {
    let Some(i) = crate::types::int::int_ref(v) else {
        return Err(vm.type_error("an integer is required"));
    };
    if i.is_negative() {
        return Err(vm.value_error("value must be positive"));
    }
    Ok(num_traits::ToPrimitive::to_u64(&i.to_bigint()))
}

/// `memfd_create(name, flags=MFD_CLOEXEC)`.
pub fn memfd_create(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = super::proc::fs_cstring(vm, a[1])?;
    let flags = util::c_int_or(vm, a[2], libc::MFD_CLOEXEC as i32)?;
    // SAFETY: a NUL-terminated name.
    match util::retry(vm, || unsafe {
        libc::memfd_create(name.as_ptr(), flags as libc::c_uint)
    })? {
        Ok(fd) => Ok(int(vm, fd as i64)),
        Err(e) => Err(util::error_from(vm, e, None, None)),
    }
}

/// `eventfd(initval, flags=EFD_CLOEXEC)`.
pub fn eventfd(vm: &mut Vm, a: &[Value]) -> PyResult {
    let init = match unsigned_arg(vm, a[1])? {
        Some(x) if x <= u32::MAX as u64 => x as u32,
        Some(_) => return Err(vm.overflow_error("Python int too large for C unsigned int")),
        None => {
            return Err(vm.overflow_error("Python int too large to convert to C unsigned long"));
        }
    };
    let flags = util::c_int_or(vm, a[2], libc::EFD_CLOEXEC)?;
    // SAFETY: integers only.
    match util::retry(vm, || unsafe { libc::eventfd(init, flags) })? {
        Ok(fd) => Ok(int(vm, fd as i64)),
        Err(e) => Err(util::error_from(vm, e, None, None)),
    }
}

pub fn eventfd_read(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    let mut v: u64 = 0;
    // SAFETY: reading exactly the 8-byte counter into `v`.
    match util::retry(vm, || unsafe {
        libc::read(fd, &mut v as *mut u64 as *mut libc::c_void, 8)
    })? {
        Ok(_) => Ok(crate::types::int::from_u64(vm, v)),
        Err(e) => Err(util::error_from(vm, e, None, None)),
    }
}

pub fn eventfd_write(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    let Some(v) = unsigned_arg(vm, a[2])? else {
        return Err(vm.overflow_error("int too big to convert"));
    };
    // SAFETY: writing exactly the 8-byte value.
    match util::retry(vm, || unsafe {
        libc::write(fd, &v as *const u64 as *const libc::c_void, 8)
    })? {
        Ok(_) => Ok(Value::NONE),
        Err(e) => Err(util::error_from(vm, e, None, None)),
    }
}
