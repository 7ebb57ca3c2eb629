//! The abstract bases `_io._IOBase`, `_io._RawIOBase`, `_io._BufferedIOBase` and
//! `_io._TextIOBase`: the default behaviour (mostly "unsupported") plus the generic algorithms
//! written in terms of the subclass's primitives (`readline` over `read`/`peek`, iteration,
//! `readlines`, `writelines`, `RawIOBase.read` over `readinto`, `readall` over `read`).
//!
//! As in CPython, the closed state of a generic stream is the instance attribute
//! `__IOBase_closed`, so Python subclasses share it with the native code.

use super::{call_method, check_closed_value_error, io_type, new_io_type, unsupported};
use crate::native;
use crate::native::NativeDef;
use crate::object::ObjKind;
use crate::ops;
use crate::types::bytes::{BytesObj, new_bytes};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub fn install(vm: &mut Vm) -> Vec<(&'static str, Value)> {
    let object = vm.types.object;
    let iobase = new_io_type(
        vm,
        "_IOBase",
        object,
        ObjKind::Object,
        IOBASE_METHODS,
        IOBASE_GETSETS,
    );
    crate::types::typeobj::add_getsets(vm, iobase, crate::types::object::INSTANCE_DICT_GETSETS);
    let raw = new_io_type(vm, "_RawIOBase", iobase, ObjKind::Object, RAW_METHODS, &[]);
    let buffered = new_io_type(
        vm,
        "_BufferedIOBase",
        iobase,
        ObjKind::Object,
        BUFFERED_METHODS,
        &[],
    );
    let text = new_io_type(
        vm,
        "_TextIOBase",
        iobase,
        ObjKind::Object,
        TEXT_METHODS,
        TEXT_GETSETS,
    );
    vec![
        ("_IOBase", iobase),
        ("_RawIOBase", raw),
        ("_BufferedIOBase", buffered),
        ("_TextIOBase", text),
    ]
}

static IOBASE_METHODS: &[NativeDef] = &[
    native!("seek", "($self, *args)", iobase_seek),
    native!("tell", "($self, /)", iobase_tell),
    native!("truncate", "($self, *args)", iobase_truncate),
    native!("flush", "($self, /)", iobase_flush),
    native!("close", "($self, /)", iobase_close),
    native!("seekable", "($self, /)", ret_false),
    native!("readable", "($self, /)", ret_false),
    native!("writable", "($self, /)", ret_false),
    native!("_checkClosed", "($self, *args)", iobase_check_closed),
    native!("_checkSeekable", "($self, *args)", iobase_check_seekable),
    native!("_checkReadable", "($self, *args)", iobase_check_readable),
    native!("_checkWritable", "($self, *args)", iobase_check_writable),
    native!("fileno", "($self, /)", iobase_fileno),
    native!("isatty", "($self, /)", iobase_isatty),
    native!("__enter__", "($self, /)", iobase_enter),
    native!("__exit__", "($self, *args)", iobase_exit),
    native!("__iter__", "($self, /)", iobase_enter),
    native!("__next__", "($self, /)", iobase_next),
    native!("readline", "($self, size=-1, /)", iobase_readline),
    native!("readlines", "($self, hint=-1, /)", iobase_readlines),
    native!("writelines", "($self, lines, /)", iobase_writelines),
    native!("__del__", "($self, /)", iobase_del),
];

static IOBASE_GETSETS: &[(NativeDef, Option<NativeDef>)] =
    &[(native!("closed", "($self, /)", iobase_closed_get), None)];

static RAW_METHODS: &[NativeDef] = &[
    native!("read", "($self, size=-1, /)", raw_read),
    native!("readall", "($self, /)", raw_readall),
    native!("readinto", "($self, buffer, /)", not_implemented),
    native!("write", "($self, b, /)", not_implemented),
];

static BUFFERED_METHODS: &[NativeDef] = &[
    native!("detach", "($self, /)", buffered_detach),
    native!("read", "($self, size=-1, /)", buffered_read),
    native!("read1", "($self, size=-1, /)", buffered_read1),
    native!("readinto", "($self, buffer, /)", buffered_readinto),
    native!("readinto1", "($self, buffer, /)", buffered_readinto1),
    native!("write", "($self, b, /)", buffered_write),
];

static TEXT_METHODS: &[NativeDef] = &[
    native!("detach", "($self, /)", buffered_detach),
    native!("read", "($self, size=-1, /)", buffered_read),
    native!("readline", "($self, size=-1, /)", text_readline),
    native!("write", "($self, s, /)", buffered_write),
];

static TEXT_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("encoding", "($self, /)", ret_none), None),
    (native!("newlines", "($self, /)", ret_none), None),
    (native!("errors", "($self, /)", ret_none), None),
];

fn ret_false(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::FALSE)
}

fn ret_none(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::NONE)
}

fn not_implemented(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(vm.new_exc_args(vm.exc.not_implemented_error, vec![]))
}

/// The generic closed flag (`__IOBase_closed`).
pub fn iobase_is_closed(vm: &mut Vm, obj: Value) -> bool {
    let k = vm.intern("__IOBase_closed");
    crate::types::instance::get(obj, k)
        .is_some_and(|v| v == Value::TRUE || v.as_small_int().is_some_and(|i| i != 0))
}

pub fn iobase_set_closed(vm: &mut Vm, obj: Value) {
    let k = vm.intern("__IOBase_closed");
    crate::types::instance::set(vm, obj, k, Value::TRUE);
}

fn iobase_seek(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(unsupported(vm, "seek"))
}

fn iobase_tell(vm: &mut Vm, a: &[Value]) -> PyResult {
    let zero = crate::types::int::from_i64(vm, 0);
    let one = crate::types::int::from_i64(vm, 1);
    call_method(vm, a[0], "seek", &[zero, one])
}

fn iobase_truncate(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(unsupported(vm, "truncate"))
}

fn iobase_fileno(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(unsupported(vm, "fileno"))
}

pub fn iobase_flush(vm: &mut Vm, a: &[Value]) -> PyResult {
    if iobase_is_closed(vm, a[0]) {
        return Err(vm.value_error("I/O operation on closed file."));
    }
    Ok(Value::NONE)
}

/// `_IOBase.close`: flush (through the method, so subclasses' flush runs), then mark closed
/// even when the flush failed.
pub fn iobase_close(vm: &mut Vm, a: &[Value]) -> PyResult {
    if iobase_is_closed(vm, a[0]) {
        return Ok(Value::NONE);
    }
    let r = call_method(vm, a[0], "flush", &[]);
    iobase_set_closed(vm, a[0]);
    r.map(|_| Value::NONE)
}

/// `_IOBase.__del__` (CPython's finalizer): close an open stream, ignoring errors. ferropy
/// does not run finalizers yet, but subclasses call `super().__del__()` explicitly.
fn iobase_del(vm: &mut Vm, a: &[Value]) -> PyResult {
    let closed = match ops::attr::getattr_str(vm, a[0], "closed") {
        Ok(c) => ops::truth::is_true(vm, c),
        Err(_) => return Ok(Value::NONE),
    };
    if let Ok(false) = closed {
        // CPython's finalizer warns from inside close (`_dealloc_warn`); the warning and its
        // text are the same when given before.
        if let Err(e) = warn_if_unclosed_file(vm, a[0]) {
            crate::modules::sys_hooks::write_unraisable(vm, e.0, None, a[0]);
        }
        // As CPython (outside development mode), errors closing a stream from its finalizer
        // are dropped.
        let _ = call_method(vm, a[0], "close", &[]);
    }
    Ok(Value::NONE)
}

/// `ResourceWarning: unclosed file <repr of obj>` when `obj` is a native stream (text,
/// buffered or raw) whose raw file still owns an open descriptor.
fn warn_if_unclosed_file(vm: &mut Vm, obj: Value) -> PyResult<()> {
    let mut layer = obj;
    for _ in 0..3 {
        let inner = match layer.kind() {
            Some(ObjKind::IoFile) => {
                let owns = layer
                    .downcast::<super::fileio::FileIOObj>()
                    .is_some_and(|f| f.fd.get() >= 0 && f.closefd.get());
                if !owns {
                    return Ok(());
                }
                let r = ops::repr::repr_string(vm, obj)?;
                return crate::modules::warnings::warn_with_source(
                    vm,
                    vm.exc.resource_warning,
                    &format!("unclosed file {r}"),
                    1,
                    obj,
                );
            }
            Some(ObjKind::IoText) => "buffer",
            Some(ObjKind::IoBuffered) => "raw",
            _ => return Ok(()),
        };
        layer = match ops::attr::getattr_str(vm, layer, inner) {
            Ok(v) => v,
            Err(_) => return Ok(()),
        };
    }
    Ok(())
}

/// For an early collection (`finalize::note_dropped`): whether dropping `obj` may leave
/// finalizer work, judged from the native layers alone. A native stream whose raw file no
/// longer owns a descriptor (closed or detached) has nothing left to flush or close; anything
/// else (a Python subclass's layer, an unknown raw stream) may.
pub fn may_hold_open_file(obj: Value) -> bool {
    let mut layer = obj;
    for _ in 0..3 {
        layer = match layer.kind() {
            Some(ObjKind::IoFile) => {
                return layer
                    .downcast::<super::fileio::FileIOObj>()
                    .is_none_or(|f| f.fd.get() >= 0);
            }
            Some(ObjKind::IoText) => match layer.downcast::<super::textio::TextIOObj>() {
                Some(t) if t.detached.get() => return false,
                Some(t) => t.buffer.get(),
                None => return true,
            },
            Some(ObjKind::IoBuffered) => match layer.downcast::<super::buffered::BufferedObj>() {
                Some(b) if b.detached.get() => return false,
                Some(b) => b.raw.get(),
                None => return true,
            },
            _ => return true,
        };
    }
    true
}

fn iobase_closed_get(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(Value::from_bool(iobase_is_closed(vm, a[0])))
}

/// `self.closed` is true → ValueError.
pub fn check_closed(vm: &mut Vm, obj: Value) -> PyResult<()> {
    let c = ops::attr::getattr_str(vm, obj, "closed")?;
    if ops::truth::is_true(vm, c)? {
        return Err(check_closed_value_error(vm));
    }
    Ok(())
}

fn iobase_check_closed(vm: &mut Vm, a: &[Value]) -> PyResult {
    check_closed(vm, a[0])?;
    Ok(Value::NONE)
}

/// Calls `self.<method>()` and raises UnsupportedOperation(msg) unless it returned True.
fn check_capability(vm: &mut Vm, obj: Value, method: &str, msg: &str) -> PyResult {
    let r = call_method(vm, obj, method, &[])?;
    if r != Value::TRUE {
        return Err(unsupported(vm, msg));
    }
    Ok(Value::TRUE)
}

pub fn check_seekable(vm: &mut Vm, obj: Value) -> PyResult {
    check_capability(vm, obj, "seekable", "File or stream is not seekable.")
}

pub fn check_readable(vm: &mut Vm, obj: Value) -> PyResult {
    check_capability(vm, obj, "readable", "File or stream is not readable.")
}

pub fn check_writable(vm: &mut Vm, obj: Value) -> PyResult {
    check_capability(vm, obj, "writable", "File or stream is not writable.")
}

fn iobase_check_seekable(vm: &mut Vm, a: &[Value]) -> PyResult {
    check_seekable(vm, a[0])
}

fn iobase_check_readable(vm: &mut Vm, a: &[Value]) -> PyResult {
    check_readable(vm, a[0])
}

fn iobase_check_writable(vm: &mut Vm, a: &[Value]) -> PyResult {
    check_writable(vm, a[0])
}

fn iobase_isatty(vm: &mut Vm, a: &[Value]) -> PyResult {
    check_closed(vm, a[0])?;
    Ok(Value::FALSE)
}

fn iobase_enter(vm: &mut Vm, a: &[Value]) -> PyResult {
    check_closed(vm, a[0])?;
    Ok(a[0])
}

fn iobase_exit(vm: &mut Vm, a: &[Value]) -> PyResult {
    call_method(vm, a[0], "close", &[])
}

fn iobase_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let line = call_method(vm, a[0], "readline", &[])?;
    if ops::item::len(vm, line)? == 0 {
        return Err(vm.stop_iteration(Value::NULL));
    }
    Ok(line)
}

/// `_IOBase.readline`: reads up to a newline through `peek` (when the stream has it, to read
/// whole runs at once) and `read`.
fn iobase_readline(vm: &mut Vm, a: &[Value]) -> PyResult {
    let limit = super::size_arg(vm, a[1])?;
    let this = a[0];
    let peek_name = vm.intern("peek");
    let has_peek = ops::attr::getattr_opt(vm, this, peek_name)?.is_some();
    let mut buf: Vec<u8> = Vec::new();
    while limit < 0 || (buf.len() as i64) < limit {
        let mut nreadahead: i64 = 1;
        if has_peek {
            let one = Value::try_small_int(1).unwrap_or(Value::NONE);
            let ra = call_method(vm, this, "peek", &[one])?;
            let Some(ra_b) = ra.downcast::<BytesObj>() else {
                return Err(vm.type_error(format!(
                    "peek() should have returned a bytes object, not '{}'",
                    vm.type_name(ra)
                )));
            };
            let data: &[u8] = &ra_b.data;
            if !data.is_empty() {
                let mut n = 0usize;
                let cap = if limit >= 0 {
                    ((limit as usize) - buf.len()).min(data.len())
                } else {
                    data.len()
                };
                while n < cap {
                    let c = data[n];
                    n += 1;
                    if c == b'\n' {
                        break;
                    }
                }
                nreadahead = n as i64;
            }
        }
        let nv = crate::types::int::from_i64(vm, nreadahead);
        let b = call_method(vm, this, "read", &[nv])?;
        if b.is_none() {
            // A non-blocking stream with nothing available: CPython treats it as an error.
            break;
        }
        let Some(bb) = b.downcast::<BytesObj>() else {
            return Err(vm.type_error(format!(
                "read() should have returned a bytes object, not '{}'",
                vm.type_name(b)
            )));
        };
        if bb.data.is_empty() {
            break;
        }
        buf.extend_from_slice(&bb.data);
        if buf.last() == Some(&b'\n') {
            break;
        }
    }
    Ok(new_bytes(vm, buf))
}

fn iobase_readlines(vm: &mut Vm, a: &[Value]) -> PyResult {
    let hint = super::size_arg(vm, a[1])?;
    let this = a[0];
    let mut out = Vec::new();
    let it = ops::iter::get_iter(vm, this)?;
    let mut total: i64 = 0;
    while let Some(line) = ops::iter::next(vm, it)? {
        out.push(line);
        if hint > 0 {
            // CPython stops once a line would take the total past the hint.
            let n = ops::item::len(vm, line)? as i64;
            if n > hint - total {
                break;
            }
            total += n;
        }
    }
    Ok(crate::types::list::new_list(vm, out))
}

fn iobase_writelines(vm: &mut Vm, a: &[Value]) -> PyResult {
    check_closed(vm, a[0])?;
    let it = ops::iter::get_iter(vm, a[1])?;
    while let Some(line) = ops::iter::next(vm, it)? {
        call_method(vm, a[0], "write", &[line])?;
    }
    Ok(Value::NONE)
}

// ----- _RawIOBase -----

/// `RawIOBase.read(size)`: `readall()` for a negative size, else `readinto` a fresh buffer.
fn raw_read(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = super::size_arg(vm, a[1])?;
    if n < 0 {
        return call_method(vm, a[0], "readall", &[]);
    }
    let zeros = super::zeroed(vm, n as usize)?;
    let buf = crate::types::bytes::new_bytearray(vm, zeros);
    let r = call_method(vm, a[0], "readinto", &[buf])?;
    if r.is_none() {
        return Ok(Value::NONE);
    }
    let got = ops::number::index_i64(vm, r)?;
    if got < 0 || got > n {
        return Err(vm.value_error(format!("readinto returned {got} outside buffer size {n}")));
    }
    let data = crate::types::bytes::bytes_data(buf).unwrap_or_default();
    Ok(new_bytes(vm, data[..got as usize].to_vec()))
}

fn raw_readall(vm: &mut Vm, a: &[Value]) -> PyResult {
    let mut out: Vec<u8> = Vec::new();
    let mut any = false;
    loop {
        let n = crate::types::int::from_usize(vm, super::DEFAULT_BUFFER_SIZE);
        let d = call_method(vm, a[0], "read", &[n])?;
        if d.is_none() {
            if !any {
                return Ok(Value::NONE);
            }
            break;
        }
        let Some(b) = d.downcast::<BytesObj>() else {
            return Err(vm.type_error("read() should return bytes"));
        };
        if b.data.is_empty() {
            break;
        }
        any = true;
        out.extend_from_slice(&b.data);
    }
    Ok(new_bytes(vm, out))
}

// ----- _BufferedIOBase / _TextIOBase -----

fn buffered_detach(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(unsupported(vm, "detach"))
}

fn buffered_read(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(unsupported(vm, "read"))
}

fn buffered_read1(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(unsupported(vm, "read1"))
}

fn buffered_write(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(unsupported(vm, "write"))
}

fn text_readline(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(unsupported(vm, "readline"))
}

/// `BufferedIOBase.readinto[1]`: `read[1](len(buffer))` copied into the buffer.
fn readinto_generic(vm: &mut Vm, a: &[Value], method: &str, what: &str) -> PyResult {
    let len = super::writable_buffer_len(vm, a[1], what)?;
    let n = crate::types::int::from_usize(vm, len);
    let data = call_method(vm, a[0], method, &[n])?;
    let Some(d) = data.downcast::<BytesObj>() else {
        return Err(vm.type_error("read() should return bytes"));
    };
    if d.data.len() > len {
        return Err(vm.value_error(format!(
            "read() returned too much data: {len} bytes requested, {} returned",
            d.data.len()
        )));
    }
    super::fill_buffer(a[1], &d.data);
    Ok(crate::types::int::from_usize(vm, d.data.len()))
}

fn buffered_readinto(vm: &mut Vm, a: &[Value]) -> PyResult {
    readinto_generic(vm, a, "read", "readinto")
}

fn buffered_readinto1(vm: &mut Vm, a: &[Value]) -> PyResult {
    readinto_generic(vm, a, "read1", "readinto1")
}

/// Whether `obj` is an instance of the `_io` type `name` (or a subclass).
pub fn is_io_instance(vm: &mut Vm, obj: Value, name: &str) -> bool {
    let t = io_type(vm, name);
    let ty = vm.type_of(obj);
    crate::types::typeobj::is_subtype(ty, t)
}
