//! Argument conversion and error reporting shared by the `posix` functions: CPython's
//! `path_t` converter (str / bytes / os.PathLike / fd / None, with its exact error messages),
//! the fd converter, and OSError construction from `errno` with the filename(s) involved.

use crate::types::bytes::{bytes_data, new_bytes};
use crate::types::exceptions::{errno_subclass, new_exception, os_strerror};
use crate::types::int::int_ref;
use crate::types::str::as_str;
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};
use std::ffi::CString;

/// A converted path argument (CPython's `path_t`).
pub struct PathArg {
    /// The path as a C string, when a path (not an fd) was given.
    pub c: Option<CString>,
    /// The descriptor, when an int was given and the function accepts one.
    pub fd: Option<i32>,
    /// The argument (after `__fspath__`), shown in error messages as `filename`.
    pub object: Value,
    /// Whether results derived from the path should be bytes (a bytes path was given).
    pub narrow: bool,
}

impl PathArg {
    /// The C pointer of the path (NULL when absent).
    pub fn ptr(&self) -> *const libc::c_char {
        self.c.as_ref().map_or(std::ptr::null(), |c| c.as_ptr())
    }
    /// The filename for error messages (None when the argument was defaulted).
    pub fn filename(&self) -> Option<Value> {
        if self.object.is_null() {
            None
        } else {
            Some(self.object)
        }
    }
    /// The raw bytes of the path.
    pub fn bytes(&self) -> &[u8] {
        self.c.as_ref().map_or(&[], |c| c.as_bytes())
    }
}

/// What a path parameter accepts besides str, bytes and os.PathLike.
#[derive(Clone, Copy)]
pub struct PathSpec {
    pub func: &'static str,
    pub arg: &'static str,
    pub nullable: bool,
    pub allow_fd: bool,
}

impl PathSpec {
    pub const fn path(func: &'static str) -> PathSpec {
        PathSpec {
            func,
            arg: "path",
            nullable: false,
            allow_fd: false,
        }
    }
    pub const fn fd_ok(func: &'static str) -> PathSpec {
        PathSpec {
            func,
            arg: "path",
            nullable: false,
            allow_fd: true,
        }
    }
    pub const fn named(func: &'static str, arg: &'static str) -> PathSpec {
        PathSpec {
            func,
            arg,
            nullable: false,
            allow_fd: false,
        }
    }
}

/// Converts a path argument as CPython's `path_converter` does.
pub fn convert_path(vm: &mut Vm, spec: PathSpec, o: Value) -> PyResult<PathArg> {
    if o.is_null() || (o.is_none() && spec.nullable) {
        return Ok(PathArg {
            c: None,
            fd: None,
            object: Value::NULL,
            narrow: false,
        });
    }
    let is_index = spec.allow_fd && is_index(vm, o);
    let mut path = o;
    if !is_index && as_str(o).is_none() && !is_bytes(o) && !is_buffer(o) {
        let name = vm.intern("__fspath__");
        let ty = vm.type_of(o);
        let f = crate::types::typeobj::lookup(vm, ty, name);
        if f.is_null() || f.is_none() {
            return Err(path_type_error(vm, spec, o));
        }
        let r = crate::ops::call_special(vm, o, name, &[])?.unwrap_or(Value::NONE);
        if as_str(r).is_none() && !is_bytes(r) {
            return Err(vm.type_error(format!(
                "expected {}.__fspath__() to return str or bytes, not {}",
                vm.type_name(o),
                vm.type_name(r)
            )));
        }
        path = r;
    }
    if let Some(s) = as_str(path) {
        let data = fs_encode(vm, s, path)?;
        return match CString::new(data) {
            Ok(c) => Ok(PathArg {
                c: Some(c),
                fd: None,
                object: path,
                narrow: false,
            }),
            Err(_) => Err(vm.value_error("embedded null byte")),
        };
    }
    if is_bytes(path) || is_buffer(path) {
        if !is_bytes(path) {
            let msg = path_type_message(vm, spec, path);
            crate::modules::warnings::warn_with_source(
                vm,
                vm.exc.deprecation_warning,
                &msg,
                1,
                Value::NULL,
            )?;
        }
        let data = bytes_data(path).unwrap_or_default();
        return match CString::new(data) {
            Ok(c) => Ok(PathArg {
                c: Some(c),
                fd: None,
                object: path,
                narrow: true,
            }),
            Err(_) => Err(vm.value_error(format!(
                "{}: embedded null character in {}",
                spec.func, spec.arg
            ))),
        };
    }
    if is_index {
        let fd = fd_from_index(
            vm,
            o,
            "fd is greater than maximum",
            "fd is less than minimum",
        )?;
        return Ok(PathArg {
            c: None,
            fd: Some(fd),
            object: o,
            narrow: false,
        });
    }
    Err(path_type_error(vm, spec, o))
}

fn path_type_error(vm: &mut Vm, spec: PathSpec, o: Value) -> Exc {
    let msg = path_type_message(vm, spec, o);
    vm.type_error(msg)
}

/// "func: arg should be <the accepted kinds>, not <type>": the TypeError for a wrong path,
/// and the DeprecationWarning for a bytes-like path that is not bytes.
fn path_type_message(vm: &Vm, spec: PathSpec, o: Value) -> String {
    let allowed = match (spec.allow_fd, spec.nullable) {
        (true, true) => "string, bytes, os.PathLike, integer or None",
        (true, false) => "string, bytes, os.PathLike or integer",
        (false, true) => "string, bytes, os.PathLike or None",
        (false, false) => "string, bytes or os.PathLike",
    };
    format!(
        "{}: {} should be {}, not {}",
        spec.func,
        spec.arg,
        allowed,
        vm.type_name(o)
    )
}

fn is_bytes(v: Value) -> bool {
    v.is::<crate::types::bytes::BytesObj>()
}

/// Buffer objects other than bytes (CPython accepts them with a DeprecationWarning).
fn is_buffer(v: Value) -> bool {
    v.is::<crate::types::bytes::ByteArrayObj>() || v.is::<crate::types::memoryview::MemoryViewObj>()
}

fn is_index(vm: &mut Vm, v: Value) -> bool {
    crate::types::int::is_int(v) || crate::ops::has_special(vm, v, vm.names().index)
}

/// An int argument converted to a C int with the given overflow messages.
fn fd_from_index(vm: &mut Vm, v: Value, too_big: &str, too_small: &str) -> PyResult<i32> {
    let i = crate::ops::number::index(vm, v)?;
    match int_ref(i).and_then(|r| r.to_i64()) {
        Some(x) if x > i32::MAX as i64 => Err(vm.overflow_error(too_big)),
        Some(x) if x < i32::MIN as i64 => Err(vm.overflow_error(too_small)),
        Some(x) => Ok(x as i32),
        None => {
            let neg = int_ref(i).is_some_and(|r| r.is_negative());
            Err(vm.overflow_error(if neg { too_small } else { too_big }))
        }
    }
}

/// A C `int` argument (`fd`, flags, modes...): `__index__`, OverflowError beyond 32 bits.
pub fn c_int(vm: &mut Vm, v: Value) -> PyResult<i32> {
    if let Some(i) = v.as_small_int()
        && let Ok(x) = i32::try_from(i)
    {
        return Ok(x);
    }
    if crate::types::float::as_f64(v).is_some() && !crate::types::int::is_int(v) {
        return Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        )));
    }
    fd_from_index(
        vm,
        v,
        "Python int too large to convert to C int",
        "Python int too large to convert to C int",
    )
}

/// A C `int` argument with a default for an omitted (NULL) value.
pub fn c_int_or(vm: &mut Vm, v: Value, default: i32) -> PyResult<i32> {
    if v.is_null() {
        Ok(default)
    } else {
        c_int(vm, v)
    }
}

/// A 64-bit integer argument (`off_t`, `Py_ssize_t`).
pub fn c_i64(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(i) = v.as_small_int() {
        return Ok(i);
    }
    let i = crate::ops::number::index(vm, v)?;
    match int_ref(i).and_then(|r| r.to_i64()) {
        Some(x) => Ok(x),
        None => Err(vm.overflow_error("Python int too large to convert to C long")),
    }
}

/// `dir_fd` (None or an int; NULL when omitted) as `AT_FDCWD` or the descriptor.
pub fn dir_fd(vm: &mut Vm, v: Value) -> PyResult<i32> {
    if v.is_null() || v.is_none() {
        return Ok(libc::AT_FDCWD);
    }
    if !is_index(vm, v) {
        return Err(vm.type_error(format!(
            "argument should be integer or None, not {}",
            vm.type_name(v)
        )));
    }
    fd_from_index(
        vm,
        v,
        "fd is greater than maximum",
        "fd is less than minimum",
    )
}

/// A boolean keyword (`follow_symlinks=True`...), default applied for NULL.
pub fn flag(vm: &mut Vm, v: Value, default: bool) -> PyResult<bool> {
    if v.is_null() {
        Ok(default)
    } else {
        crate::ops::truth::is_true(vm, v)
    }
}

/// The current `errno`.
pub fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// An OSError (the subclass for `err`) with up to two filenames, as CPython's
/// `PyErr_SetFromErrnoWithFilenameObjects`.
pub fn error_from(vm: &mut Vm, err: i32, f1: Option<Value>, f2: Option<Value>) -> Exc {
    let e = crate::types::int::from_i64(vm, err as i64);
    let m = vm.new_string(os_strerror(err));
    let mut args = vec![e, m];
    if let Some(f) = f1 {
        args.push(f);
        if let Some(f2) = f2 {
            args.push(Value::NONE);
            args.push(f2);
        }
    }
    let ty = errno_subclass(vm, err as i64).unwrap_or(vm.exc.os_error);
    Exc(new_exception(vm, ty, args))
}

/// OSError from the current errno, without a filename.
pub fn last_error(vm: &mut Vm) -> Exc {
    error_from(vm, errno(), None, None)
}

/// OSError from the current errno, naming the path argument.
pub fn path_error(vm: &mut Vm, p: &PathArg) -> Exc {
    let f = p.filename();
    error_from(vm, errno(), f, None)
}

/// OSError from the current errno, naming both path arguments.
pub fn path_error2(vm: &mut Vm, p: &PathArg, q: &PathArg) -> Exc {
    let (f1, f2) = (p.filename(), q.filename());
    error_from(vm, errno(), f1, f2)
}

/// After a call failed with EINTR: runs the handlers of pending signals (raising what they
/// raise), else lets the caller retry (PEP 475).
pub fn check_interrupt(vm: &mut Vm) -> PyResult<()> {
    crate::modules::signals::check(vm)
}

/// Runs a system call, retrying on EINTR; returns its result or raises `err()` on failure.
pub fn retry<T: PartialOrd + Default + Copy>(
    vm: &mut Vm,
    f: impl FnMut() -> T,
) -> PyResult<Result<T, i32>> {
    retry_impl(vm, f, false)
}

/// `retry` for a call that may block (a read, a write, a wait): the GIL is released during
/// it, so `f` must touch only memory no Python object owns.
pub fn retry_blocking<T: PartialOrd + Default + Copy>(
    vm: &mut Vm,
    f: impl FnMut() -> T,
) -> PyResult<Result<T, i32>> {
    retry_impl(vm, f, true)
}

fn retry_impl<T: PartialOrd + Default + Copy>(
    vm: &mut Vm,
    mut f: impl FnMut() -> T,
    blocking: bool,
) -> PyResult<Result<T, i32>> {
    loop {
        let r = if blocking {
            vm.allow_threads(&mut f)
        } else {
            f()
        };
        if r < T::default() {
            let e = errno();
            if e == libc::EINTR {
                check_interrupt(vm)?;
                continue;
            }
            return Ok(Err(e));
        }
        return Ok(Ok(r));
    }
}

/// A filesystem name as the caller's flavour: bytes for a bytes path, else str (decoded as
/// UTF-8 with 'surrogateescape', the filesystem encoding).
pub fn fs_name(vm: &mut Vm, data: &[u8], narrow: bool) -> Value {
    if narrow {
        new_bytes(vm, data.to_vec())
    } else {
        let s = crate::types::str::fs_decode(data);
        vm.new_string(s)
    }
}

/// A str as filesystem bytes: UTF-8 with 'surrogateescape' (UnicodeEncodeError for other
/// lone surrogates). `obj` is the str object, for the error.
pub fn fs_encode(vm: &mut Vm, s: &str, obj: Value) -> PyResult<Vec<u8>> {
    if !crate::types::str::has_stand_ins(s) {
        return Ok(s.as_bytes().to_vec());
    }
    crate::types::str_codec::encode(vm, s, "utf-8", "surrogateescape", obj)
}

/// Checks that dir_fd / follow_symlinks / fd combinations are allowed, with CPython's
/// messages.
pub fn check_fd_combos(
    vm: &mut Vm,
    func: &str,
    p: &PathArg,
    dirfd: i32,
    follow: bool,
) -> PyResult<()> {
    // As CPython, descriptor 0 escapes both checks (it tests `fd > 0`).
    let fd_given = p.fd.is_some_and(|fd| fd > 0);
    if fd_given && dirfd != libc::AT_FDCWD {
        return Err(vm.value_error(format!(
            "{func}: can't specify dir_fd without matching path"
        )));
    }
    if fd_given && !follow {
        return Err(vm.value_error(format!(
            "{func}: cannot use fd and follow_symlinks together"
        )));
    }
    Ok(())
}

/// A str argument (for environment names and the like) as bytes: str via UTF-8, bytes as is.
pub fn str_or_bytes(vm: &mut Vm, v: Value, what: &str) -> PyResult<Vec<u8>> {
    if let Some(s) = as_str(v) {
        return fs_encode(vm, s, v);
    }
    if is_bytes(v) {
        return Ok(bytes_data(v).unwrap_or_default());
    }
    Err(vm.type_error(format!(
        "{what}: expected str, bytes or os.PathLike object, not {}",
        vm.type_name(v)
    )))
}

/// A zero-filled buffer of `n` bytes, or MemoryError when it cannot be allocated (a huge
/// `read` length must not abort the process).
pub fn zeroed_buffer(vm: &mut Vm, n: usize) -> PyResult<Vec<u8>> {
    let mut v: Vec<u8> = Vec::new();
    if v.try_reserve_exact(n).is_err() {
        return Err(vm.memory_error());
    }
    v.resize(n, 0);
    Ok(v)
}
