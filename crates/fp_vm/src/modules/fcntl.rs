//! The `fcntl` native module on Linux: `fcntl`, `ioctl`, `flock`, `lockf` and the constants.
//! An integer argument is passed as is and the call's result returned; a bytes/str argument
//! is copied into a 1024-byte buffer whose contents after the call are returned (CPython's
//! rule); `ioctl` with a mutable buffer and `mutate_flag` writes back into it.

use crate::modules::posix::util;
use crate::native;
use crate::native::NativeDef;
use crate::types::int::from_i64;
use crate::types::module::set_attr;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

static FUNCS: &[NativeDef] = &[
    native!("fcntl", "($module, fd, cmd, arg=0, /)", fcntl),
    native!(
        "ioctl",
        "($module, fd, request, arg=0, mutate_flag=True, /)",
        ioctl
    ),
    native!("flock", "($module, fd, operation, /)", flock),
    native!(
        "lockf",
        "($module, fd, cmd, len=0, start=0, whence=0, /)",
        lockf
    ),
];

const CONSTANTS: &[(&str, i64)] = &[
    ("DN_ACCESS", 1),
    ("DN_ATTRIB", 32),
    ("DN_CREATE", 4),
    ("DN_DELETE", 8),
    ("DN_MODIFY", 2),
    ("DN_MULTISHOT", 2147483648),
    ("DN_RENAME", 16),
    ("FASYNC", 8192),
    ("FD_CLOEXEC", 1),
    ("F_ADD_SEALS", 1033),
    ("F_DUPFD", 0),
    ("F_DUPFD_CLOEXEC", 1030),
    ("F_EXLCK", 4),
    ("F_GETFD", 1),
    ("F_GETFL", 3),
    ("F_GETLEASE", 1025),
    ("F_GETLK", 5),
    ("F_GETLK64", 5),
    ("F_GETOWN", 9),
    ("F_GETPIPE_SZ", 1032),
    ("F_GETSIG", 11),
    ("F_GET_SEALS", 1034),
    ("F_NOTIFY", 1026),
    ("F_OFD_GETLK", 36),
    ("F_OFD_SETLK", 37),
    ("F_OFD_SETLKW", 38),
    ("F_RDLCK", 0),
    ("F_SEAL_GROW", 4),
    ("F_SEAL_SEAL", 1),
    ("F_SEAL_SHRINK", 2),
    ("F_SEAL_WRITE", 8),
    ("F_SETFD", 2),
    ("F_SETFL", 4),
    ("F_SETLEASE", 1024),
    ("F_SETLK", 6),
    ("F_SETLK64", 6),
    ("F_SETLKW", 7),
    ("F_SETLKW64", 7),
    ("F_SETOWN", 8),
    ("F_SETPIPE_SZ", 1031),
    ("F_SETSIG", 10),
    ("F_SHLCK", 8),
    ("F_UNLCK", 2),
    ("F_WRLCK", 1),
    ("LOCK_EX", 2),
    ("LOCK_MAND", 32),
    ("LOCK_NB", 4),
    ("LOCK_READ", 64),
    ("LOCK_RW", 192),
    ("LOCK_SH", 1),
    ("LOCK_UN", 8),
    ("LOCK_WRITE", 128),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "fcntl", FUNCS);
    for (name, v) in CONSTANTS {
        let v = from_i64(vm, *v);
        set_attr(vm, m, name, v);
    }
    Ok(m)
}

const BUF_LEN: usize = 1024;

/// The C `int`/`unsigned int` command code (CPython accepts either range).
fn code_arg(vm: &mut Vm, v: Value) -> PyResult<libc::c_ulong> {
    let n = crate::ops::number::index_i64(vm, v)?;
    if n < i32::MIN as i64 || n > u32::MAX as i64 {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    Ok(n as u32 as libc::c_ulong)
}

/// Bytes of a str/bytes-like argument, or None for an integer argument.
fn buffer_arg(vm: &mut Vm, v: Value, func: &str) -> PyResult<Option<Vec<u8>>> {
    if let Some(s) = crate::types::str::as_str(v) {
        return Ok(Some(s.as_bytes().to_vec()));
    }
    if let Some(b) = crate::types::bytes::bytes_data(v) {
        if b.len() > BUF_LEN {
            return Err(vm.value_error(format!("{func} string arg too long")));
        }
        return Ok(Some(b));
    }
    Ok(None)
}

/// Runs `f` until it does not fail with EINTR (running signal handlers in between).
fn retry_int(vm: &mut Vm, mut f: impl FnMut() -> libc::c_int) -> PyResult<libc::c_int> {
    loop {
        let r = f();
        if r >= 0 {
            return Ok(r);
        }
        if util::errno() != libc::EINTR {
            return Err(util::last_error(vm));
        }
        util::check_interrupt(vm)?;
    }
}

fn fcntl(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = crate::modules::select::as_fd(vm, a[1])?;
    let cmd = util::c_int(vm, a[2])?;
    let arg = if a[3].is_null() { Value::NONE } else { a[3] };
    if !arg.is_none()
        && let Some(data) = buffer_arg(vm, arg, "fcntl")?
    {
        let mut buf = data.clone();
        buf.resize(BUF_LEN, 0);
        // SAFETY: the buffer holds BUF_LEN bytes, enough for any fcntl structure.
        retry_int(vm, || unsafe { libc::fcntl(fd, cmd, buf.as_mut_ptr()) })?;
        buf.truncate(data.len());
        return Ok(crate::types::bytes::new_bytes(vm, buf));
    }
    let n = if arg.is_none() {
        0
    } else {
        crate::ops::number::index_i64(vm, arg)? as libc::c_long
    };
    // SAFETY: an integer argument.
    let r = retry_int(vm, || unsafe { libc::fcntl(fd, cmd, n) })?;
    Ok(from_i64(vm, r as i64))
}

fn ioctl(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = crate::modules::select::as_fd(vm, a[1])?;
    let req = code_arg(vm, a[2])?;
    let arg = if a[3].is_null() { Value::NONE } else { a[3] };
    let mutate = a[4].is_null() || crate::ops::truth::is_true(vm, a[4])?;
    // A bytearray (mutable buffer) is written back when mutate_flag is set.
    if mutate && arg.is::<crate::types::bytes::ByteArrayObj>() {
        let data = crate::types::bytes::bytes_data(arg).unwrap_or_default();
        let mut buf = data.clone();
        buf.resize(buf.len().max(BUF_LEN), 0);
        // SAFETY: the buffer is at least BUF_LEN bytes.
        let r = retry_int(vm, || unsafe {
            libc::ioctl(fd, req as _, buf.as_mut_ptr())
        })?;
        buf.truncate(data.len());
        if let Some(ba) = arg.downcast::<crate::types::bytes::ByteArrayObj>() {
            ba.data.borrow_mut().copy_from_slice(&buf[..data.len()]);
        }
        return Ok(from_i64(vm, r as i64));
    }
    if !arg.is_none()
        && let Some(data) = buffer_arg(vm, arg, "ioctl")?
    {
        let mut buf = data.clone();
        buf.resize(BUF_LEN, 0);
        // SAFETY: the buffer holds BUF_LEN bytes.
        retry_int(vm, || unsafe {
            libc::ioctl(fd, req as _, buf.as_mut_ptr())
        })?;
        buf.truncate(data.len());
        return Ok(crate::types::bytes::new_bytes(vm, buf));
    }
    let n = if arg.is_none() {
        0
    } else {
        crate::ops::number::index_i64(vm, arg)? as libc::c_long
    };
    // SAFETY: an integer argument.
    let r = retry_int(vm, || unsafe { libc::ioctl(fd, req as _, n) })?;
    Ok(from_i64(vm, r as i64))
}

fn flock(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = crate::modules::select::as_fd(vm, a[1])?;
    let op = util::c_int(vm, a[2])?;
    // SAFETY: integers only.
    retry_int(vm, || unsafe { libc::flock(fd, op) })?;
    Ok(Value::NONE)
}

fn lockf(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = crate::modules::select::as_fd(vm, a[1])?;
    let code = util::c_int(vm, a[2])?;
    let len = if a[3].is_null() {
        0
    } else {
        crate::ops::number::index_i64(vm, a[3])?
    };
    let start = if a[4].is_null() {
        0
    } else {
        crate::ops::number::index_i64(vm, a[4])?
    };
    let whence = if a[5].is_null() {
        0
    } else {
        util::c_int(vm, a[5])?
    };
    let ty = if code == libc::LOCK_UN {
        libc::F_UNLCK
    } else if code & libc::LOCK_SH != 0 {
        libc::F_RDLCK
    } else if code & libc::LOCK_EX != 0 {
        libc::F_WRLCK
    } else {
        return Err(vm.value_error("unrecognized lockf argument"));
    };
    let cmd = if code & libc::LOCK_NB != 0 {
        libc::F_SETLK
    } else {
        libc::F_SETLKW
    };
    // SAFETY: an all-zero flock is valid; fields set below.
    let mut l: libc::flock = unsafe { std::mem::zeroed() };
    l.l_type = ty as i16;
    l.l_whence = whence as i16;
    l.l_start = start;
    l.l_len = len;
    // SAFETY: `l` is a valid flock structure.
    retry_int(vm, || unsafe {
        libc::fcntl(fd, cmd, &mut l as *mut libc::flock)
    })?;
    Ok(Value::NONE)
}
