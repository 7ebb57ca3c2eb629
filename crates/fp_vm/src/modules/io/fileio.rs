//! `_io.FileIO`: the raw, unbuffered binary stream over an OS file descriptor (libc `open`,
//! `read`, `write`, `lseek`, `ftruncate`, `fstat`, `close`), and `_io.open_code`.
//!
//! As in CPython the object is created closed (`fd == -1`) by `__new__` and opened by
//! `__init__`, so subclasses that override `__init__` and call `super().__init__` work; the
//! `name` is an ordinary instance attribute.

use super::iobase::iobase_close;
use super::{errno, io_type, new_io_type, os_error, unsupported};
use crate::heap::alloc;
use crate::native::NativeDef;
use crate::object::{ObjKind, Payload, Trace};
use crate::ops;
use crate::types::bytes::{BytesObj, new_bytes};
use crate::types::str::StrObj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};
use std::cell::Cell;

pub struct FileIOObj {
    pub fd: Cell<i32>,
    pub readable: Cell<bool>,
    pub writable: Cell<bool>,
    pub appending: Cell<bool>,
    pub created: Cell<bool>,
    pub closefd: Cell<bool>,
    /// -1 not known yet, else 0/1.
    pub seekable: Cell<i8>,
    pub blksize: Cell<i64>,
}

impl Trace for FileIOObj {
    fn trace(&self, _visit: &mut dyn FnMut(Value)) {}
}

impl Payload for FileIOObj {
    const KIND: ObjKind = ObjKind::IoFile;
}

/// An unreachable FileIO that still owns its descriptor closes it when the collector frees
/// it (CPython closes it from `__del__`), so `open(p).read()` in a loop does not run out of
/// descriptors once collections happen.
impl Drop for FileIOObj {
    fn drop(&mut self) {
        let fd = self.fd.get();
        if fd >= 0 && self.closefd.get() {
            let _ = close_fd(fd);
            self.fd.set(-1);
        }
    }
}

pub fn install(vm: &mut Vm) -> Vec<(&'static str, Value)> {
    let raw = io_type(vm, "_RawIOBase");
    let t = new_io_type(vm, "FileIO", raw, ObjKind::IoFile, METHODS, GETSETS);
    vec![("FileIO", t)]
}

static METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, *args, **kwargs)", fileio_new),
    native!(
        "__init__",
        "($self, /, file, mode='r', closefd=True, opener=None)",
        fileio_init
    ),
    native!("read", "($self, size=-1, /)", fileio_read),
    native!("readall", "($self, /)", fileio_readall),
    native!("readinto", "($self, buffer, /)", fileio_readinto),
    native!("write", "($self, b, /)", fileio_write),
    native!("seek", "($self, pos, whence=0, /)", fileio_seek),
    native!("tell", "($self, /)", fileio_tell),
    native!("truncate", "($self, size=None, /)", fileio_truncate),
    native!("close", "($self, /)", fileio_close),
    native!("seekable", "($self, /)", fileio_seekable),
    native!("readable", "($self, /)", fileio_readable),
    native!("writable", "($self, /)", fileio_writable),
    native!("fileno", "($self, /)", fileio_fileno),
    native!("isatty", "($self, /)", fileio_isatty),
    native!("_dealloc_warn", "($self, source, /)", ret_none),
    native!("__repr__", "($self, /)", fileio_repr),
    native!("__getstate__", "($self, /)", fileio_getstate),
];

static GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("closed", "($self, /)", fileio_closed), None),
    (native!("closefd", "($self, /)", fileio_closefd), None),
    (native!("mode", "($self, /)", fileio_mode), None),
    (native!("_blksize", "($self, /)", fileio_blksize), None),
    (native!("_finalizing", "($self, /)", ret_false), None),
];

fn ret_none(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::NONE)
}

fn ret_false(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::FALSE)
}

fn this(vm: &mut Vm, v: Value) -> PyResult<&'static FileIOObj> {
    match v.downcast::<FileIOObj>() {
        Some(f) => Ok(f),
        None => Err(vm.type_error(format!(
            "descriptor requires a '_io.FileIO' object but received '{}'",
            vm.type_name(v)
        ))),
    }
}

/// The object, or ValueError when closed (FileIO's message has no period).
fn open_file(vm: &mut Vm, v: Value) -> PyResult<&'static FileIOObj> {
    let f = this(vm, v)?;
    if f.fd.get() < 0 {
        return Err(vm.value_error("I/O operation on closed file"));
    }
    Ok(f)
}

fn err_mode(vm: &mut Vm, action: &str) -> crate::vm::Exc {
    unsupported(vm, &format!("File not open for {action}"))
}

fn fileio_new(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(alloc(
        a[0],
        FileIOObj {
            fd: Cell::new(-1),
            readable: Cell::new(false),
            writable: Cell::new(false),
            appending: Cell::new(false),
            created: Cell::new(false),
            closefd: Cell::new(true),
            seekable: Cell::new(-1),
            blksize: Cell::new(0),
        },
    ))
}

/// `os.fsencode`-like conversion of a path argument (str, bytes or os.PathLike) to bytes.
pub fn fs_path(vm: &mut Vm, p: Value) -> PyResult<Vec<u8>> {
    let conv = |vm: &mut Vm, v: Value| -> PyResult<Option<Vec<u8>>> {
        if let Some(s) = v.downcast::<StrObj>() {
            return crate::modules::posix::util::fs_encode(vm, s.as_str(), v).map(Some);
        }
        Ok(v.downcast::<BytesObj>().map(|b| b.data.to_vec()))
    };
    let bytes = match conv(vm, p)? {
        Some(b) => b,
        None => {
            let fspath = vm.intern("__fspath__");
            let r = match ops::call_special(vm, p, fspath, &[])? {
                Some(r) => r,
                None => {
                    return Err(vm.type_error(format!(
                        "expected str, bytes or os.PathLike object, not {}",
                        vm.type_name(p)
                    )));
                }
            };
            match conv(vm, r)? {
                Some(b) => b,
                None => {
                    return Err(vm.type_error(format!(
                        "expected {}.__fspath__() to return str or bytes, not {}",
                        vm.type_name(p),
                        vm.type_name(r)
                    )));
                }
            }
        }
    };
    if bytes.contains(&0) {
        return Err(vm.value_error("embedded null byte"));
    }
    Ok(bytes)
}

struct ModeFlags {
    readable: bool,
    writable: bool,
    appending: bool,
    created: bool,
    flags: i32,
}

fn parse_mode(vm: &mut Vm, mode: &str) -> PyResult<ModeFlags> {
    let bad = "Must have exactly one of create/read/write/append mode and at most one plus";
    let mut m = ModeFlags {
        readable: false,
        writable: false,
        appending: false,
        created: false,
        flags: 0,
    };
    let (mut rwa, mut plus) = (false, false);
    for c in mode.chars() {
        match c {
            'x' | 'r' | 'w' | 'a' => {
                if rwa {
                    return Err(vm.value_error(bad));
                }
                rwa = true;
                match c {
                    'x' => {
                        m.created = true;
                        m.writable = true;
                        m.flags |= libc::O_EXCL | libc::O_CREAT;
                    }
                    'r' => m.readable = true,
                    'w' => {
                        m.writable = true;
                        m.flags |= libc::O_CREAT | libc::O_TRUNC;
                    }
                    _ => {
                        m.writable = true;
                        m.appending = true;
                        m.flags |= libc::O_APPEND | libc::O_CREAT;
                    }
                }
            }
            'b' => {}
            '+' => {
                if plus {
                    return Err(vm.value_error(bad));
                }
                m.readable = true;
                m.writable = true;
                plus = true;
            }
            _ => return Err(vm.value_error(format!("invalid mode: {mode}"))),
        }
    }
    if !rwa {
        return Err(vm.value_error(bad));
    }
    m.flags |= if m.readable && m.writable {
        libc::O_RDWR
    } else if m.readable {
        libc::O_RDONLY
    } else {
        libc::O_WRONLY
    };
    m.flags |= libc::O_CLOEXEC;
    Ok(m)
}

fn close_fd(fd: i32) -> Result<(), i32> {
    // SAFETY: closing a descriptor this object owns; no memory is involved.
    let r = unsafe { libc::close(fd) };
    if r < 0 { Err(errno()) } else { Ok(()) }
}

fn fileio_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = this(vm, a[0])?;
    let (file, mode_v, closefd_v, opener) = (a[1], a[2], a[3], a[4]);
    if f.fd.get() >= 0 {
        if f.closefd.get() {
            let _ = close_fd(f.fd.get());
        }
        f.fd.set(-1);
    }
    let mut fd: i32 = -1;
    let is_fd = crate::types::int::is_int(file);
    if is_fd {
        let v = ops::number::index_i64(vm, file)?;
        if v < 0 {
            return Err(vm.value_error("negative file descriptor"));
        }
        if v > i32::MAX as i64 {
            return Err(vm.overflow_error("signed integer is greater than maximum"));
        }
        fd = v as i32;
    }
    let path = if is_fd {
        None
    } else {
        Some(fs_path(vm, file)?)
    };
    let mode = if mode_v.is_null() {
        "r".to_string()
    } else {
        match mode_v.downcast::<StrObj>() {
            Some(s) => s.as_str().to_string(),
            None => {
                return Err(vm.type_error(format!(
                    "FileIO() argument 'mode' must be str, not {}",
                    vm.type_name(mode_v)
                )));
            }
        }
    };
    let m = parse_mode(vm, &mode)?;
    let closefd = closefd_v.is_null() || ops::truth::is_true(vm, closefd_v)?;
    f.readable.set(m.readable);
    f.writable.set(m.writable);
    f.appending.set(m.appending);
    f.created.set(m.created);
    f.seekable.set(-1);
    let own;
    if let Some(path) = path {
        if !closefd {
            return Err(vm.value_error("Cannot use closefd=False with file name"));
        }
        f.closefd.set(true);
        own = true;
        if opener.is_null() || opener.is_none() {
            let Ok(cpath) = std::ffi::CString::new(path) else {
                return Err(vm.value_error("embedded null byte"));
            };
            loop {
                // SAFETY: `cpath` is a valid NUL-terminated string for the duration of the call.
                let r = unsafe { libc::open(cpath.as_ptr(), m.flags, 0o666 as libc::c_uint) };
                if r >= 0 {
                    fd = r;
                    break;
                }
                let e = errno();
                if e == libc::EINTR {
                    vm.safe_point()?;
                    continue;
                }
                return Err(os_error(vm, e, Some(file)));
            }
        } else {
            let flags = crate::types::int::from_i64(vm, m.flags as i64);
            let r = ops::call::call(vm, opener, &[file, flags])?;
            if !crate::types::int::is_int(r) {
                return Err(vm.type_error("expected integer from opener"));
            }
            let v = ops::number::index_i64(vm, r)?;
            if v < 0 {
                return Err(vm.value_error(format!("opener returned {v}")));
            }
            fd = v as i32;
        }
    } else {
        f.closefd.set(closefd);
        own = false;
    }
    f.fd.set(fd);
    // SAFETY: `st` is a plain C struct that fstat fills; zeroed memory is a valid value for it.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: `st` is a valid, writable stat buffer.
    let r = unsafe { libc::fstat(fd, &mut st) };
    f.blksize.set(super::DEFAULT_BUFFER_SIZE as i64);
    if r < 0 {
        let e = errno();
        if e == libc::EBADF {
            f.fd.set(-1);
            if own {
                let _ = close_fd(fd);
            }
            return Err(os_error(vm, e, None));
        }
    } else {
        if (st.st_mode & libc::S_IFMT) == libc::S_IFDIR {
            f.fd.set(-1);
            if own {
                let _ = close_fd(fd);
            }
            return Err(os_error(vm, libc::EISDIR, Some(file)));
        }
        if st.st_blksize > 1 {
            f.blksize.set(st.st_blksize as i64);
        }
    }
    ops::attr::setattr_str(vm, a[0], "name", file)?;
    if m.appending {
        // SAFETY: lseek on a descriptor we hold; no memory involved.
        let r = unsafe { libc::lseek(fd, 0, libc::SEEK_END) };
        if r < 0 {
            let e = errno();
            if e != libc::ESPIPE {
                return Err(os_error(vm, e, None));
            }
        }
    }
    Ok(Value::NONE)
}

/// `read` on an exact, open, readable FileIO without a Python-level call (the buffered
/// classes' raw reads); None when `raw` is anything else.
pub fn fast_read(vm: &mut Vm, raw: Value, n: usize) -> Option<PyResult<Option<Vec<u8>>>> {
    let f = exact_open(vm, raw)?;
    if !f.readable.get() {
        return None;
    }
    Some(read_some(vm, f.fd.get(), n))
}

/// `write` on an exact, open, writable FileIO; None when `raw` is anything else.
pub fn fast_write(vm: &mut Vm, raw: Value, data: &[u8]) -> Option<PyResult<Option<usize>>> {
    let f = exact_open(vm, raw)?;
    if !f.writable.get() {
        return None;
    }
    Some(write_some(vm, f.fd.get(), data))
}

/// The FileIO payload when `raw` is an open instance of FileIO itself (not a subclass).
pub fn exact_open(vm: &Vm, raw: Value) -> Option<&'static FileIOObj> {
    let f = raw.downcast::<FileIOObj>()?;
    let ty = vm.type_of(raw);
    let heap =
        crate::types::typeobj::type_flags(ty).contains(crate::types::typeobj::TypeFlags::HEAPTYPE);
    if heap || f.fd.get() < 0 {
        return None;
    }
    Some(f)
}

/// One `read(2)` of up to `n` bytes; `Ok(None)` for EAGAIN (no data on a non-blocking fd).
fn read_some(vm: &mut Vm, fd: i32, n: usize) -> PyResult<Option<Vec<u8>>> {
    // One read(2) returns at most 0x7ffff000 bytes on Linux: never allocate more than that.
    let n = n.min(0x7fff_f000);
    // Reserved, not zero-filled: read(2) fills the prefix it reports (importlib reads every
    // code-cache file whole, and zeroing those buffers first showed in start-up profiles).
    let mut buf: Vec<u8> = Vec::new();
    if buf.try_reserve_exact(n).is_err() {
        return Err(vm.memory_error());
    }
    loop {
        // SAFETY: `buf` has capacity for `n` bytes; read(2) writes at most `n`. The buffer is
        // our own, so other threads may run while the read blocks.
        let r = vm
            .allow_threads(|| unsafe { libc::read(fd, buf.as_mut_ptr() as *mut libc::c_void, n) });
        if r >= 0 {
            // SAFETY: read(2) initialised the first `r` (<= n <= capacity) bytes.
            unsafe { buf.set_len(r as usize) };
            return Ok(Some(buf));
        }
        let e = errno();
        if e == libc::EINTR {
            vm.safe_point()?;
            continue;
        }
        if e == libc::EAGAIN {
            return Ok(None);
        }
        return Err(os_error(vm, e, None));
    }
}

/// One `write(2)`; `Ok(None)` for EAGAIN.
pub fn write_some(vm: &mut Vm, fd: i32, data: &[u8]) -> PyResult<Option<usize>> {
    loop {
        // SAFETY: `data` is a readable buffer of `data.len()` bytes. Every caller passes a
        // buffer of its own (a copy), so other threads may run while the write blocks.
        let r = vm.allow_threads(|| unsafe {
            libc::write(fd, data.as_ptr() as *const libc::c_void, data.len())
        });
        if r >= 0 {
            return Ok(Some(r as usize));
        }
        let e = errno();
        if e == libc::EINTR {
            vm.safe_point()?;
            continue;
        }
        if e == libc::EAGAIN {
            return Ok(None);
        }
        return Err(os_error(vm, e, None));
    }
}

fn fileio_read(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = open_file(vm, a[0])?;
    if !f.readable.get() {
        return Err(err_mode(vm, "reading"));
    }
    let n = super::size_arg(vm, a[1])?;
    if n < 0 {
        return fileio_readall(vm, a);
    }
    match read_some(vm, f.fd.get(), n as usize)? {
        Some(d) => Ok(new_bytes(vm, d)),
        None => Ok(Value::NONE),
    }
}

/// Reads to EOF, sizing the first read from the file's size when it is known.
fn fileio_readall(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = open_file(vm, a[0])?;
    let fd = f.fd.get();
    // SAFETY: lseek/fstat on our descriptor; `st` is a valid buffer.
    let pos = unsafe { libc::lseek(fd, 0, libc::SEEK_CUR) };
    // SAFETY: zeroed stat is valid.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    let end = if unsafe { libc::fstat(fd, &mut st) } == 0 {
        st.st_size
    } else {
        -1
    };
    let mut chunk = if end > 0 && pos >= 0 && end >= pos {
        (end - pos) as usize + 1
    } else {
        8192
    };
    let mut out: Vec<u8> = Vec::new();
    loop {
        match read_some(vm, fd, chunk)? {
            None => {
                if out.is_empty() {
                    return Ok(Value::NONE);
                }
                break;
            }
            Some(d) if d.is_empty() => break,
            Some(d) => out.extend_from_slice(&d),
        }
        chunk = chunk.max(out.len() / 4).clamp(8192, 1 << 24);
    }
    Ok(new_bytes(vm, out))
}

fn fileio_readinto(vm: &mut Vm, a: &[Value]) -> PyResult {
    let len = super::writable_buffer_len(vm, a[1], "readinto")?;
    let f = open_file(vm, a[0])?;
    if !f.readable.get() {
        return Err(err_mode(vm, "reading"));
    }
    match read_some(vm, f.fd.get(), len)? {
        Some(d) => {
            super::fill_buffer(a[1], &d);
            Ok(crate::types::int::from_usize(vm, d.len()))
        }
        None => Ok(Value::NONE),
    }
}

fn fileio_write(vm: &mut Vm, a: &[Value]) -> PyResult {
    let data = super::bytes_like(vm, a[1])?;
    let f = open_file(vm, a[0])?;
    if !f.writable.get() {
        return Err(err_mode(vm, "writing"));
    }
    match write_some(vm, f.fd.get(), &data)? {
        Some(n) => Ok(crate::types::int::from_usize(vm, n)),
        None => Ok(Value::NONE),
    }
}

/// `lseek` with CPython's argument checks; returns the new offset.
fn do_seek(vm: &mut Vm, f: &FileIOObj, pos: Value, whence: Value) -> PyResult<i64> {
    if pos.is::<crate::types::float::FloatObj>() {
        return Err(vm.type_error("an integer is required"));
    }
    let off = ops::number::index_i64(vm, pos)?;
    let wh = if whence.is_null() {
        0
    } else {
        ops::number::index_i64(vm, whence)?
    };
    // SAFETY: lseek on our descriptor; no memory involved.
    let r = unsafe { libc::lseek(f.fd.get(), off as libc::off_t, wh as i32) };
    if r < 0 {
        let e = errno();
        if f.seekable.get() < 0 {
            f.seekable.set(0);
        }
        return Err(os_error(vm, e, None));
    }
    if f.seekable.get() < 0 {
        f.seekable.set(1);
    }
    Ok(r)
}

fn fileio_seek(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = open_file(vm, a[0])?;
    let r = do_seek(vm, f, a[1], a[2])?;
    Ok(crate::types::int::from_i64(vm, r))
}

fn fileio_tell(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = open_file(vm, a[0])?;
    let zero = crate::types::int::from_i64(vm, 0);
    let one = crate::types::int::from_i64(vm, 1);
    let r = do_seek(vm, f, zero, one)?;
    Ok(crate::types::int::from_i64(vm, r))
}

fn fileio_truncate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = open_file(vm, a[0])?;
    if !f.writable.get() {
        return Err(err_mode(vm, "writing"));
    }
    let size = if a[1].is_null() || a[1].is_none() {
        let zero = crate::types::int::from_i64(vm, 0);
        let one = crate::types::int::from_i64(vm, 1);
        let r = do_seek(vm, f, zero, one)?;
        crate::types::int::from_i64(vm, r)
    } else {
        a[1]
    };
    let n = ops::number::index_i64(vm, size)?;
    // SAFETY: ftruncate on our descriptor.
    let r = unsafe { libc::ftruncate(f.fd.get(), n as libc::off_t) };
    if r < 0 {
        let e = errno();
        return Err(os_error(vm, e, None));
    }
    Ok(size)
}

/// `_RawIOBase.close` (flush, mark closed) then close the descriptor if we own it.
fn fileio_close(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = this(vm, a[0])?;
    let res = iobase_close(vm, a);
    if !f.closefd.get() {
        f.fd.set(-1);
        return res;
    }
    let fd = f.fd.get();
    f.fd.set(-1);
    if fd >= 0
        && let Err(e) = close_fd(fd)
    {
        res?;
        return Err(os_error(vm, e, None));
    }
    res
}

fn fileio_seekable(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = open_file(vm, a[0])?;
    if f.seekable.get() < 0 {
        // SAFETY: lseek on our descriptor.
        let r = unsafe { libc::lseek(f.fd.get(), 0, libc::SEEK_CUR) };
        f.seekable.set(if r < 0 { 0 } else { 1 });
    }
    Ok(Value::from_bool(f.seekable.get() == 1))
}

fn fileio_readable(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = open_file(vm, a[0])?;
    Ok(Value::from_bool(f.readable.get()))
}

fn fileio_writable(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = open_file(vm, a[0])?;
    Ok(Value::from_bool(f.writable.get()))
}

fn fileio_fileno(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = open_file(vm, a[0])?;
    Ok(crate::types::int::from_i64(vm, f.fd.get() as i64))
}

fn fileio_isatty(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = open_file(vm, a[0])?;
    // SAFETY: isatty only inspects the descriptor.
    let r = unsafe { libc::isatty(f.fd.get()) };
    Ok(Value::from_bool(r == 1))
}

fn fileio_closed(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = this(vm, a[0])?;
    Ok(Value::from_bool(f.fd.get() < 0))
}

fn fileio_closefd(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = this(vm, a[0])?;
    Ok(Value::from_bool(f.closefd.get()))
}

fn fileio_blksize(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = this(vm, a[0])?;
    Ok(crate::types::int::from_i64(vm, f.blksize.get()))
}

pub fn mode_string(f: &FileIOObj) -> &'static str {
    if f.created.get() {
        if f.readable.get() { "xb+" } else { "xb" }
    } else if f.appending.get() {
        if f.readable.get() { "ab+" } else { "ab" }
    } else if f.readable.get() {
        if f.writable.get() { "rb+" } else { "rb" }
    } else {
        "wb"
    }
}

fn fileio_mode(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = this(vm, a[0])?;
    Ok(vm.new_str(mode_string(f)))
}

fn fileio_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = this(vm, a[0])?;
    // CPython 3.11 names the class `_io.FileIO` here even for subclasses.
    let tn = "_io.FileIO";
    if f.fd.get() < 0 {
        return Ok(vm.new_string(format!("<{tn} [closed]>")));
    }
    let closefd = if f.closefd.get() { "True" } else { "False" };
    let mode = mode_string(f);
    let k = vm.intern("name");
    let s = match ops::attr::getattr_opt(vm, a[0], k)? {
        None => format!("<{tn} fd={} mode='{mode}' closefd={closefd}>", f.fd.get()),
        Some(n) => {
            vm.enter_recursive(" while getting the repr of an object")?;
            let r = ops::repr::repr_string(vm, n);
            vm.leave_native();
            format!("<{tn} name={} mode='{mode}' closefd={closefd}>", r?)
        }
    };
    Ok(vm.new_string(s))
}

fn fileio_getstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let tn = super::repr_type_name(vm, a[0], "FileIO");
    Err(vm.type_error(format!("cannot pickle '{tn}' object")))
}

/// `_io.open_code(path)`: opens `path` for reading bytes (a hook point for audited imports).
pub fn open_code(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !a[0].is::<StrObj>() {
        return Err(vm.type_error(format!(
            "open_code() argument 'path' must be str, not {}",
            vm.type_name(a[0])
        )));
    }
    let ty = io_type(vm, "FileIO");
    let rb = vm.new_str("rb");
    let raw = ops::call::call(vm, ty, &[a[0], rb])?;
    // Once the buffered classes exist this returns a BufferedReader, as CPython.
    super::wrap_buffered_reader(vm, raw)
}
