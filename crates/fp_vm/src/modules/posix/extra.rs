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
