//! `posix` file and directory operations: descriptors (`open`, `read`, `write`, `lseek`,
//! `dup`, `pipe`...), names (`rename`, `unlink`, `mkdir`, `symlink`, `readlink`...),
//! attributes (`chmod`, `utime`, `access`, `truncate`) and the working directory.

use super::util::{self, PathArg, PathSpec};
use crate::types::bytes::{bytes_data, new_bytes};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::os::unix::ffi::OsStrExt;

fn int(vm: &mut Vm, i: i64) -> Value {
    crate::types::int::from_i64(vm, i)
}

/// Runs a path syscall, retrying on EINTR, raising OSError naming the path on failure.
fn path_call(vm: &mut Vm, p: &PathArg, f: impl FnMut() -> libc::c_int) -> PyResult<libc::c_int> {
    match util::retry(vm, f)? {
        Ok(r) => Ok(r),
        Err(e) => {
            let fname = p.filename();
            Err(util::error_from(vm, e, fname, None))
        }
    }
}

/// Runs an fd syscall, retrying on EINTR, raising OSError (no filename) on failure.
fn fd_call<T: PartialOrd + Default + Copy>(vm: &mut Vm, f: impl FnMut() -> T) -> PyResult<T> {
    match util::retry(vm, f)? {
        Ok(r) => Ok(r),
        Err(e) => Err(util::error_from(vm, e, None, None)),
    }
}

/// `fd_call` for a read or write into a buffer of our own: the GIL is released meanwhile.
fn fd_call_blocking<T: PartialOrd + Default + Copy>(
    vm: &mut Vm,
    f: impl FnMut() -> T,
) -> PyResult<T> {
    match util::retry_blocking(vm, f)? {
        Ok(r) => Ok(r),
        Err(e) => Err(util::error_from(vm, e, None, None)),
    }
}

// ----- working directory and listing -----

fn cwd_bytes(vm: &mut Vm) -> PyResult<Vec<u8>> {
    match std::env::current_dir() {
        Ok(p) => Ok(p.as_os_str().as_bytes().to_vec()),
        Err(e) => Err(crate::types::exceptions::from_io_error(vm, &e, None)),
    }
}

pub fn getcwd(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let b = cwd_bytes(vm)?;
    Ok(util::fs_name(vm, &b, false))
}

pub fn getcwdb(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let b = cwd_bytes(vm)?;
    Ok(new_bytes(vm, b))
}

/// `chdir(path)` (an fd uses `fchdir`).
pub fn chdir(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = util::convert_path(vm, PathSpec::fd_ok("chdir"), a[1])?;
    let fd = p.fd;
    // SAFETY: a NUL-terminated path or a descriptor.
    path_call(vm, &p, || unsafe {
        match fd {
            Some(fd) => libc::fchdir(fd),
            None => libc::chdir(p.ptr()),
        }
    })?;
    Ok(Value::NONE)
}

pub fn fchdir(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = fildes(vm, a[1])?;
    // SAFETY: fchdir only takes a descriptor.
    fd_call(vm, || unsafe { libc::fchdir(fd) })?;
    Ok(Value::NONE)
}

/// The entry names of an open directory stream (closing it), skipping `.` and `..`.
fn read_dir_names(dir: *mut libc::DIR) -> Result<Vec<Vec<u8>>, i32> {
    let mut names = Vec::new();
    loop {
        // SAFETY: clearing errno to tell end-of-directory from an error.
        unsafe { *libc::__errno_location() = 0 };
        // SAFETY: `dir` is an open directory stream.
        let ent = unsafe { libc::readdir(dir) };
        if ent.is_null() {
            let e = util::errno();
            // SAFETY: closing the stream we opened.
            unsafe { libc::closedir(dir) };
            return if e != 0 { Err(e) } else { Ok(names) };
        }
        // SAFETY: d_name is a NUL-terminated array inside the entry readdir returned.
        let name = unsafe { std::ffi::CStr::from_ptr((*ent).d_name.as_ptr()) }.to_bytes();
        if name != b"." && name != b".." {
            names.push(name.to_vec());
        }
    }
}

/// `listdir(path=None)`: names as str, or bytes for a bytes path.
pub fn listdir(vm: &mut Vm, a: &[Value]) -> PyResult {
    let spec = PathSpec {
        func: "listdir",
        arg: "path",
        nullable: true,
        allow_fd: true,
    };
    let p = util::convert_path(vm, spec, a[1])?;
    let dir = if let Some(fd) = p.fd {
        // SAFETY: duplicating the caller's descriptor so closedir leaves theirs open.
        let d = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
        if d < 0 {
            return Err(util::last_error(vm));
        }
        // SAFETY: `d` is our descriptor; the stream takes it over.
        let dir = unsafe { libc::fdopendir(d) };
        if dir.is_null() {
            let e = util::errno();
            // SAFETY: closing our duplicate.
            unsafe { libc::close(d) };
            return Err(util::error_from(vm, e, None, None));
        }
        // SAFETY: listing an fd starts at its beginning, as CPython.
        unsafe { libc::rewinddir(dir) };
        dir
    } else {
        let path = if p.c.is_some() {
            p.ptr()
        } else {
            c".".as_ptr()
        };
        // SAFETY: a NUL-terminated path.
        let dir = unsafe { libc::opendir(path) };
        if dir.is_null() {
            let e = util::errno();
            let f = p.filename().unwrap_or_else(|| vm.new_str("."));
            return Err(util::error_from(vm, e, Some(f), None));
        }
        dir
    };
    let names = match read_dir_names(dir) {
        Ok(n) => n,
        Err(e) => {
            let f = p.filename();
            return Err(util::error_from(vm, e, f, None));
        }
    };
    let items = names
        .iter()
        .map(|n| util::fs_name(vm, n, p.narrow))
        .collect();
    Ok(crate::types::list::new_list(vm, items))
}

// ----- descriptors -----

/// A descriptor argument that may also be an object with `fileno()` (`fsync`, `fchdir`).
pub fn fildes(vm: &mut Vm, v: Value) -> PyResult<i32> {
    if crate::types::int::is_int(v) {
        return util::c_int(vm, v);
    }
    let name = vm.intern("fileno");
    match crate::ops::attr::getattr_opt(vm, v, name)? {
        Some(f) => {
            let r = crate::ops::call::call(vm, f, &[])?;
            if !crate::types::int::is_int(r) {
                return Err(vm.type_error("fileno() returned a non-integer"));
            }
            let fd = util::c_int(vm, r)?;
            if fd < 0 {
                return Err(vm.value_error(format!(
                    "file descriptor cannot be a negative integer ({fd})"
                )));
            }
            Ok(fd)
        }
        None => Err(vm.type_error("argument must be an int, or have a fileno() method.")),
    }
}

/// `open(path, flags, mode=0o777, *, dir_fd=None)`: the new descriptor is non-inheritable.
/// Audited (`gc_clean`) to collect and retry when the descriptors run out, as `io.open`.
pub fn open(vm: &mut Vm, a: &[Value]) -> PyResult {
    let clean = vm.take_clean_entry();
    let p = util::convert_path(vm, PathSpec::path("open"), a[1])?;
    let flags = util::c_int(vm, a[2])? | libc::O_CLOEXEC;
    let mode = util::c_int_or(vm, a[3], 0o777)?;
    let dirfd = util::dir_fd(vm, a[4])?;
    // SAFETY: a NUL-terminated path; `mode` is passed as the variadic argument.
    let call = || unsafe { libc::openat(dirfd, p.ptr(), flags, mode as libc::c_uint) };
    let fd = match util::retry(vm, call)? {
        Ok(fd) => fd,
        Err(e) => {
            // The path object may be one `convert_path` made (`__fspath__`'s result).
            if let Some(f) = p.filename() {
                vm.root(f);
            }
            if !vm.collect_for_descriptors(clean, e as i64) {
                return Err(util::error_from(vm, e, p.filename(), None));
            }
            path_call(vm, &p, call)?
        }
    };
    Ok(int(vm, fd as i64))
}

pub fn close(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    // SAFETY: closing a descriptor (EINTR is not retried: the fd is gone on Linux).
    if unsafe { libc::close(fd) } < 0 && util::errno() != libc::EINTR {
        return Err(util::last_error(vm));
    }
    Ok(Value::NONE)
}

/// `closerange(fd_low, fd_high)`: errors are ignored.
pub fn closerange(vm: &mut Vm, a: &[Value]) -> PyResult {
    let lo = util::c_int(vm, a[1])?.max(0);
    let hi = util::c_int(vm, a[2])?;
    if lo >= hi {
        return Ok(Value::NONE);
    }
    // SAFETY: closing descriptors the caller asked to close (close_range takes an inclusive
    // upper bound).
    let r = unsafe {
        libc::syscall(
            libc::SYS_close_range,
            lo as libc::c_uint,
            (hi - 1) as libc::c_uint,
            0,
        )
    };
    if r != 0 {
        // An old kernel: close one by one, up to the descriptor limit.
        // SAFETY: sysconf only takes a name.
        let max = unsafe { libc::sysconf(libc::_SC_OPEN_MAX) };
        let top = if max > 0 {
            hi.min(max.min(i32::MAX as i64) as i32)
        } else {
            hi
        };
        for fd in lo..top {
            // SAFETY: as above.
            unsafe { libc::close(fd) };
        }
    }
    Ok(Value::NONE)
}

pub fn read(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    let n = util::c_i64(vm, a[2])?;
    if n < 0 {
        return Err(util::error_from(vm, libc::EINVAL, None, None));
    }
    let mut buf = util::zeroed_buffer(vm, n as usize)?;
    // SAFETY: `buf` is writable for `buf.len()` bytes.
    let got = fd_call_blocking(vm, || unsafe {
        libc::read(fd, buf.as_mut_ptr() as *mut libc::c_void, buf.len())
    })?;
    buf.truncate(got as usize);
    Ok(new_bytes(vm, buf))
}

/// The bytes of a bytes-like argument, with CPython's TypeError.
fn buffer_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    match bytes_data(v) {
        Some(d) => Ok(d),
        None => Err(vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))),
    }
}

pub fn write(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    let data = buffer_arg(vm, a[2])?;
    // SAFETY: `data` is readable for its length.
    let n = fd_call_blocking(vm, || unsafe {
        libc::write(fd, data.as_ptr() as *const libc::c_void, data.len())
    })?;
    Ok(int(vm, n as i64))
}

pub fn pread(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    let n = util::c_i64(vm, a[2])?;
    let off = util::c_i64(vm, a[3])?;
    if n < 0 {
        return Err(util::error_from(vm, libc::EINVAL, None, None));
    }
    let mut buf = util::zeroed_buffer(vm, n as usize)?;
    // SAFETY: `buf` is writable for its length.
    let got = fd_call(vm, || unsafe {
        libc::pread(fd, buf.as_mut_ptr() as *mut libc::c_void, buf.len(), off)
    })?;
    buf.truncate(got as usize);
    Ok(new_bytes(vm, buf))
}

pub fn pwrite(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    let data = buffer_arg(vm, a[2])?;
    let off = util::c_i64(vm, a[3])?;
    // SAFETY: `data` is readable for its length.
    let n = fd_call(vm, || unsafe {
        libc::pwrite(fd, data.as_ptr() as *const libc::c_void, data.len(), off)
    })?;
    Ok(int(vm, n as i64))
}

pub fn lseek(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    let pos = util::c_i64(vm, a[2])?;
    let how = util::c_int(vm, a[3])?;
    // SAFETY: lseek only takes integers.
    let r = fd_call(vm, || unsafe { libc::lseek(fd, pos, how) })?;
    Ok(int(vm, r))
}

pub fn dup(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    // SAFETY: duplicating a descriptor (non-inheritable, as CPython).
    let r = fd_call(vm, || unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) })?;
    Ok(int(vm, r as i64))
}

pub fn dup2(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    let fd2 = util::c_int(vm, a[2])?;
    let inheritable = util::flag(vm, a[3], true)?;
    // SAFETY: dup2/dup3 only take integers.
    let r = fd_call(vm, || unsafe {
        if inheritable || fd == fd2 {
            libc::dup2(fd, fd2)
        } else {
            libc::dup3(fd, fd2, libc::O_CLOEXEC)
        }
    })?;
    Ok(int(vm, r as i64))
}

fn pipe_with(vm: &mut Vm, flags: i32) -> PyResult {
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: `fds` has room for the two descriptors.
    fd_call(vm, || unsafe { libc::pipe2(fds.as_mut_ptr(), flags) })?;
    let r = int(vm, fds[0] as i64);
    let w = int(vm, fds[1] as i64);
    Ok(crate::types::tuple::new_tuple(vm, vec![r, w]))
}

pub fn pipe(vm: &mut Vm, _a: &[Value]) -> PyResult {
    pipe_with(vm, libc::O_CLOEXEC)
}

pub fn pipe2(vm: &mut Vm, a: &[Value]) -> PyResult {
    let flags = util::c_int(vm, a[1])?;
    pipe_with(vm, flags)
}

pub fn isatty(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    // SAFETY: isatty only inspects the descriptor.
    Ok(Value::from_bool(unsafe { libc::isatty(fd) } == 1))
}

pub fn ttyname(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    let mut buf = vec![0 as libc::c_char; 256];
    // SAFETY: `buf` is writable for its length.
    let r = unsafe { libc::ttyname_r(fd, buf.as_mut_ptr(), buf.len()) };
    if r != 0 {
        return Err(util::error_from(vm, r, None, None));
    }
    // SAFETY: ttyname_r wrote a NUL-terminated string into `buf`.
    let s = unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) }
        .to_bytes()
        .to_vec();
    Ok(util::fs_name(vm, &s, false))
}

fn fcntl_flags(vm: &mut Vm, fd: i32, get: libc::c_int) -> PyResult<libc::c_int> {
    // SAFETY: F_GETFD/F_GETFL only read descriptor flags.
    fd_call(vm, || unsafe { libc::fcntl(fd, get) })
}

pub fn get_inheritable(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    let f = fcntl_flags(vm, fd, libc::F_GETFD)?;
    Ok(Value::from_bool(f & libc::FD_CLOEXEC == 0))
}

pub fn set_inheritable(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    let inh = crate::ops::truth::is_true(vm, a[2])?;
    let f = fcntl_flags(vm, fd, libc::F_GETFD)?;
    let nf = if inh {
        f & !libc::FD_CLOEXEC
    } else {
        f | libc::FD_CLOEXEC
    };
    // SAFETY: setting descriptor flags.
    fd_call(vm, || unsafe { libc::fcntl(fd, libc::F_SETFD, nf) })?;
    Ok(Value::NONE)
}

pub fn get_blocking(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    let f = fcntl_flags(vm, fd, libc::F_GETFL)?;
    Ok(Value::from_bool(f & libc::O_NONBLOCK == 0))
}

pub fn set_blocking(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    let blocking = crate::ops::truth::is_true(vm, a[2])?;
    let f = fcntl_flags(vm, fd, libc::F_GETFL)?;
    let nf = if blocking {
        f & !libc::O_NONBLOCK
    } else {
        f | libc::O_NONBLOCK
    };
    // SAFETY: setting file status flags.
    fd_call(vm, || unsafe { libc::fcntl(fd, libc::F_SETFL, nf) })?;
    Ok(Value::NONE)
}

pub fn fsync(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = fildes(vm, a[1])?;
    // SAFETY: fsync only takes a descriptor.
    fd_call(vm, || unsafe { libc::fsync(fd) })?;
    Ok(Value::NONE)
}

pub fn fdatasync(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = fildes(vm, a[1])?;
    // SAFETY: fdatasync only takes a descriptor.
    fd_call(vm, || unsafe { libc::fdatasync(fd) })?;
    Ok(Value::NONE)
}

pub fn sync(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: sync takes no arguments.
    unsafe { libc::sync() };
    Ok(Value::NONE)
}

pub fn ftruncate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    let len = util::c_i64(vm, a[2])?;
    // SAFETY: ftruncate only takes integers.
    fd_call(vm, || unsafe { libc::ftruncate(fd, len) })?;
    Ok(Value::NONE)
}

pub fn truncate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = util::convert_path(vm, PathSpec::fd_ok("truncate"), a[1])?;
    let len = util::c_i64(vm, a[2])?;
    if let Some(fd) = p.fd {
        // As CPython (which calls `ftruncate`), a failure names no file.
        // SAFETY: ftruncate only takes integers.
        fd_call(vm, || unsafe { libc::ftruncate(fd, len) })?;
        return Ok(Value::NONE);
    }
    // SAFETY: a NUL-terminated path.
    path_call(vm, &p, || unsafe { libc::truncate(p.ptr(), len) })?;
    Ok(Value::NONE)
}

pub fn device_encoding(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    // SAFETY: isatty only inspects the descriptor.
    if unsafe { libc::isatty(fd) } == 1 {
        Ok(vm.new_str("UTF-8"))
    } else {
        Ok(Value::NONE)
    }
}

// ----- names -----

fn two_paths(vm: &mut Vm, func: &'static str, a: Value, b: Value) -> PyResult<(PathArg, PathArg)> {
    let p = util::convert_path(vm, PathSpec::named(func, "src"), a)?;
    let q = util::convert_path(vm, PathSpec::named(func, "dst"), b)?;
    Ok((p, q))
}

fn rename_common(vm: &mut Vm, func: &'static str, a: &[Value]) -> PyResult {
    let (p, q) = two_paths(vm, func, a[1], a[2])?;
    let sfd = util::dir_fd(vm, a[3])?;
    let dfd = util::dir_fd(vm, a[4])?;
    // SAFETY: two NUL-terminated paths.
    match util::retry(vm, || unsafe { libc::renameat(sfd, p.ptr(), dfd, q.ptr()) })? {
        Ok(_) => Ok(Value::NONE),
        Err(e) => {
            let (f1, f2) = (p.filename(), q.filename());
            Err(util::error_from(vm, e, f1, f2))
        }
    }
}

pub fn rename(vm: &mut Vm, a: &[Value]) -> PyResult {
    rename_common(vm, "rename", a)
}

pub fn replace(vm: &mut Vm, a: &[Value]) -> PyResult {
    rename_common(vm, "replace", a)
}

fn unlink_common(vm: &mut Vm, func: &'static str, a: &[Value], flags: i32) -> PyResult {
    let p = util::convert_path(vm, PathSpec::path(func), a[1])?;
    let dirfd = util::dir_fd(vm, a[2])?;
    // SAFETY: a NUL-terminated path.
    path_call(vm, &p, || unsafe { libc::unlinkat(dirfd, p.ptr(), flags) })?;
    Ok(Value::NONE)
}

pub fn unlink(vm: &mut Vm, a: &[Value]) -> PyResult {
    unlink_common(vm, "unlink", a, 0)
}

pub fn remove(vm: &mut Vm, a: &[Value]) -> PyResult {
    unlink_common(vm, "remove", a, 0)
}

pub fn rmdir(vm: &mut Vm, a: &[Value]) -> PyResult {
    unlink_common(vm, "rmdir", a, libc::AT_REMOVEDIR)
}

pub fn mkdir(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = util::convert_path(vm, PathSpec::path("mkdir"), a[1])?;
    let mode = util::c_int_or(vm, a[2], 0o777)?;
    let dirfd = util::dir_fd(vm, a[3])?;
    // SAFETY: a NUL-terminated path.
    path_call(vm, &p, || unsafe {
        libc::mkdirat(dirfd, p.ptr(), mode as libc::mode_t)
    })?;
    Ok(Value::NONE)
}

pub fn mkfifo(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = util::convert_path(vm, PathSpec::path("mkfifo"), a[1])?;
    let mode = util::c_int_or(vm, a[2], 0o666)?;
    let dirfd = util::dir_fd(vm, a[3])?;
    // As CPython, a failure names no file.
    // SAFETY: a NUL-terminated path.
    fd_call(vm, || unsafe {
        libc::mkfifoat(dirfd, p.ptr(), mode as libc::mode_t)
    })?;
    Ok(Value::NONE)
}

/// `symlink(src, dst, target_is_directory=False, *, dir_fd=None)`.
pub fn symlink(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (p, q) = two_paths(vm, "symlink", a[1], a[2])?;
    let dirfd = util::dir_fd(vm, a[4])?;
    // SAFETY: two NUL-terminated paths.
    match util::retry(vm, || unsafe { libc::symlinkat(p.ptr(), dirfd, q.ptr()) })? {
        Ok(_) => Ok(Value::NONE),
        Err(e) => {
            let (f1, f2) = (p.filename(), q.filename());
            Err(util::error_from(vm, e, f1, f2))
        }
    }
}

/// `link(src, dst, *, src_dir_fd=None, dst_dir_fd=None, follow_symlinks=True)`.
pub fn link(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (p, q) = two_paths(vm, "link", a[1], a[2])?;
    let sfd = util::dir_fd(vm, a[3])?;
    let dfd = util::dir_fd(vm, a[4])?;
    let follow = util::flag(vm, a[5], true)?;
    let flags = if follow { libc::AT_SYMLINK_FOLLOW } else { 0 };
    // SAFETY: two NUL-terminated paths.
    match util::retry(vm, || unsafe {
        libc::linkat(sfd, p.ptr(), dfd, q.ptr(), flags)
    })? {
        Ok(_) => Ok(Value::NONE),
        Err(e) => {
            let (f1, f2) = (p.filename(), q.filename());
            Err(util::error_from(vm, e, f1, f2))
        }
    }
}

/// `readlink(path, *, dir_fd=None)`: str or bytes like the path.
pub fn readlink(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = util::convert_path(vm, PathSpec::path("readlink"), a[1])?;
    let dirfd = util::dir_fd(vm, a[2])?;
    let mut size = 256usize;
    loop {
        let mut buf = vec![0u8; size];
        // SAFETY: `buf` is writable for its length; the path is NUL-terminated.
        let n = path_call(vm, &p, || unsafe {
            libc::readlinkat(
                dirfd,
                p.ptr(),
                buf.as_mut_ptr() as *mut libc::c_char,
                buf.len(),
            ) as libc::c_int
        })? as usize;
        if n < size {
            buf.truncate(n);
            return Ok(util::fs_name(vm, &buf, p.narrow));
        }
        size *= 4;
    }
}

// ----- attributes -----

/// `chmod(path, mode, *, dir_fd=None, follow_symlinks=True)`. Linux cannot change a
/// symlink's own mode: `fchmodat` refuses with EOPNOTSUPP, reported as CPython does.
pub fn chmod(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = util::convert_path(vm, PathSpec::fd_ok("chmod"), a[1])?;
    let mode = util::c_int(vm, a[2])?;
    let dirfd = util::dir_fd(vm, a[3])?;
    let follow = util::flag(vm, a[4], true)?;
    // CPython checks only fd + follow_symlinks here (a dir_fd beside an fd is ignored).
    util::check_fd_combos(vm, "chmod", &p, libc::AT_FDCWD, follow)?;
    let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
    let fd = p.fd;
    // SAFETY: a NUL-terminated path or a descriptor.
    let r = util::retry(vm, || unsafe {
        match fd {
            Some(fd) => libc::fchmod(fd, mode as libc::mode_t),
            None => libc::fchmodat(dirfd, p.ptr(), mode as libc::mode_t, flags),
        }
    })?;
    match r {
        Ok(_) => Ok(Value::NONE),
        Err(e) if !follow && (e == libc::ENOTSUP || e == libc::EOPNOTSUPP) => {
            if dirfd != libc::AT_FDCWD {
                Err(vm.value_error("chmod: cannot use dir_fd and follow_symlinks together"))
            } else {
                Err(vm.not_implemented_error("chmod: follow_symlinks unavailable on this platform"))
            }
        }
        Err(e) => {
            let f = p.filename();
            Err(util::error_from(vm, e, f, None))
        }
    }
}

pub fn fchmod(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    let mode = util::c_int(vm, a[2])?;
    // SAFETY: fchmod only takes integers.
    fd_call(vm, || unsafe { libc::fchmod(fd, mode as libc::mode_t) })?;
    Ok(Value::NONE)
}

/// `chown(path, uid, gid, *, dir_fd=None, follow_symlinks=True)`.
pub fn chown(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = util::convert_path(vm, PathSpec::fd_ok("chown"), a[1])?;
    let uid = util::c_i64(vm, a[2])? as libc::uid_t;
    let gid = util::c_i64(vm, a[3])? as libc::gid_t;
    let dirfd = util::dir_fd(vm, a[4])?;
    let follow = util::flag(vm, a[5], true)?;
    util::check_fd_combos(vm, "chown", &p, dirfd, follow)?;
    let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
    let fd = p.fd;
    // SAFETY: a NUL-terminated path or a descriptor.
    path_call(vm, &p, || unsafe {
        match fd {
            Some(fd) => libc::fchown(fd, uid, gid),
            None => libc::fchownat(dirfd, p.ptr(), uid, gid, flags),
        }
    })?;
    Ok(Value::NONE)
}

/// `access(path, mode, *, dir_fd=None, effective_ids=False, follow_symlinks=True)`.
pub fn access(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = util::convert_path(vm, PathSpec::path("access"), a[1])?;
    let mode = util::c_int(vm, a[2])?;
    let dirfd = util::dir_fd(vm, a[3])?;
    let eff = util::flag(vm, a[4], false)?;
    let follow = util::flag(vm, a[5], true)?;
    let mut flags = 0;
    if eff {
        flags |= libc::AT_EACCESS;
    }
    if !follow {
        flags |= libc::AT_SYMLINK_NOFOLLOW;
    }
    // SAFETY: a NUL-terminated path.
    let r = unsafe { libc::faccessat(dirfd, p.ptr(), mode, flags) };
    Ok(Value::from_bool(r == 0))
}

pub fn umask(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = util::c_int(vm, a[1])?;
    // SAFETY: umask only takes an integer.
    let old = unsafe { libc::umask(m as libc::mode_t) };
    Ok(int(vm, old as i64))
}

/// One timestamp of `utime(times=...)`: an int or a float, as a timespec.
fn to_timespec(vm: &mut Vm, v: Value) -> PyResult<libc::timespec> {
    if let Some(i) = crate::types::int::int_ref(v) {
        let s = i
            .to_i64()
            .ok_or_else(|| vm.overflow_error("timestamp out of range for platform time_t"))?;
        return Ok(libc::timespec {
            tv_sec: s,
            tv_nsec: 0,
        });
    }
    let f = crate::ops::number::to_f64(vm, v)?;
    if !f.is_finite() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    // As CPython (`_PyTime_ROUND_FLOOR` on the fractional part from modf).
    let mut s = f.trunc();
    let mut ns = ((f - s) * 1e9).floor();
    if ns >= 1e9 {
        s += 1.0;
        ns -= 1e9;
    } else if ns < 0.0 {
        s -= 1.0;
        ns += 1e9;
    }
    Ok(libc::timespec {
        tv_sec: s as i64,
        tv_nsec: ns as i64,
    })
}

fn ns_to_timespec(vm: &mut Vm, v: Value) -> PyResult<libc::timespec> {
    let i = crate::ops::number::index(vm, v)?;
    let b = crate::types::int::int_ref(i)
        .map(|r| r.to_bigint())
        .unwrap_or_default();
    let billion = num_bigint::BigInt::from(1_000_000_000);
    let (q, r) = num_integer::Integer::div_mod_floor(&b, &billion);
    let s = num_traits::ToPrimitive::to_i64(&q)
        .ok_or_else(|| vm.overflow_error("timestamp out of range for platform time_t"))?;
    let ns = num_traits::ToPrimitive::to_i64(&r).unwrap_or(0);
    Ok(libc::timespec {
        tv_sec: s,
        tv_nsec: ns,
    })
}

fn pair(v: Value) -> Option<(Value, Value)> {
    match crate::types::tuple::items(v) {
        Some([a, b]) if vtype_is_tuple(v) => Some((*a, *b)),
        _ => None,
    }
}

fn vtype_is_tuple(v: Value) -> bool {
    v.is::<crate::types::tuple::TupleObj>()
}

/// `utime(path, times=None, *, ns=None, dir_fd=None, follow_symlinks=True)`.
pub fn utime(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = util::convert_path(vm, PathSpec::fd_ok("utime"), a[1])?;
    let times = a[2];
    let ns = a[3];
    let dirfd = util::dir_fd(vm, a[4])?;
    let follow = util::flag(vm, a[5], true)?;
    let has_times = !times.is_null() && !times.is_none();
    if has_times && !ns.is_null() {
        return Err(vm.value_error("utime: you may specify either 'times' or 'ns' but not both"));
    }
    let ts: Option<[libc::timespec; 2]> = if has_times {
        let Some((at, mt)) = pair(times) else {
            return Err(vm.type_error("utime: 'times' must be either a tuple of two ints or None"));
        };
        Some([to_timespec(vm, at)?, to_timespec(vm, mt)?])
    } else if !ns.is_null() {
        let Some((at, mt)) = pair(ns) else {
            return Err(vm.type_error("utime: 'ns' must be a tuple of two ints"));
        };
        Some([ns_to_timespec(vm, at)?, ns_to_timespec(vm, mt)?])
    } else {
        None
    };
    util::check_fd_combos(vm, "utime", &p, dirfd, follow)?;
    let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
    let tp = ts.as_ref().map_or(std::ptr::null(), |t| t.as_ptr());
    let fd = p.fd;
    // As CPython, a failure names no file.
    // SAFETY: a NUL-terminated path or a descriptor; `tp` is NULL or two timespecs.
    fd_call(vm, || unsafe {
        match fd {
            Some(fd) => libc::futimens(fd, tp),
            None => libc::utimensat(dirfd, p.ptr(), tp, flags),
        }
    })?;
    Ok(Value::NONE)
}

// ----- fspath -----

/// `fspath(path)`: str and bytes unchanged, else `__fspath__()`.
pub fn fspath(vm: &mut Vm, a: &[Value]) -> PyResult {
    fspath_value(vm, a[1])
}

pub fn fspath_value(vm: &mut Vm, o: Value) -> PyResult {
    if crate::types::str::as_str(o).is_some() || o.is::<crate::types::bytes::BytesObj>() {
        return Ok(o);
    }
    let name = vm.intern("__fspath__");
    match crate::ops::call_special(vm, o, name, &[])? {
        Some(r) => {
            if crate::types::str::as_str(r).is_some() || r.is::<crate::types::bytes::BytesObj>() {
                Ok(r)
            } else {
                Err(vm.type_error(format!(
                    "expected {}.__fspath__() to return str or bytes, not {}",
                    vm.type_name(o),
                    vm.type_name(r)
                )))
            }
        }
        None => Err(vm.type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            vm.type_name(o)
        ))),
    }
}

/// `_path_normpath(path)`: `posixpath.normpath`'s core on a str (the result may be empty;
/// the caller turns that into ".").
pub fn path_normpath(vm: &mut Vm, a: &[Value]) -> PyResult {
    let Some(p) = crate::types::str::as_str(a[1]) else {
        return Err(vm.type_error(format!("expected 'str', not '{}'", vm.type_name(a[1]))));
    };
    Ok(vm.new_string(normpath(p)))
}

/// POSIX path normalisation: one leading slash (two are kept, as POSIX allows), no empty or
/// `.` components, `..` resolved where a preceding component exists.
pub fn normpath(p: &str) -> String {
    // As CPython: a one-character path is returned as is (so "." stays ".").
    if p.len() <= 1 {
        return p.to_string();
    }
    let lead = p.len() - p.trim_start_matches('/').len();
    let prefix = match lead {
        0 => "",
        2 => "//",
        _ => "/",
    };
    let mut parts: Vec<&str> = Vec::new();
    for c in p.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|l| *l != "..") {
                    parts.pop();
                } else if prefix.is_empty() {
                    parts.push("..");
                }
            }
            _ => parts.push(c),
        }
    }
    format!("{prefix}{}", parts.join("/"))
}
