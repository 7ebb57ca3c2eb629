//! The native `_io` module, as CPython 3.11's C `_io`: the abstract bases (`_IOBase`,
//! `_RawIOBase`, `_BufferedIOBase`, `_TextIOBase`), `FileIO`, the in-memory streams, the
//! buffered classes, `TextIOWrapper`, `open`/`open_code`/`text_encoding`, and
//! `UnsupportedOperation`. CPython's `Lib/io.py` re-exports these unchanged.
//!
//! One file per class family; this file builds the module and holds the small helpers every
//! class shares (method calls on `self`, argument conversions, buffer access, error builders).
//! Type objects are kept with `vm.state_set("_io.<Name>", ty)` so Rust code can find them.

pub mod buffered;
pub mod bytesio;
pub mod fileio;
pub mod iobase;
pub mod newline;
pub mod open;
pub mod stringio;
pub mod textcodec;
pub mod textio;

use crate::native;
use crate::native::NativeDef;
use crate::object::ObjKind;
use crate::ops;
use crate::types::memoryview::MemoryViewObj;
use crate::types::typeobj::{self, TypeFlags};
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};

/// `io.DEFAULT_BUFFER_SIZE`.
pub const DEFAULT_BUFFER_SIZE: usize = 8192;

static FUNCTIONS: &[NativeDef] = &[
    native!("open_code", "(path)", fileio::open_code),
    native!(
        "open",
        "(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None)",
        open::open
    )
    .gc_clean(),
    native!(
        "text_encoding",
        "(encoding, stacklevel=2, /)",
        open::text_encoding
    ),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "_io", FUNCTIONS);
    let set = crate::types::module::set_attr;
    // CPython's `_io` module calls itself "io" (`_io.__name__ == 'io'`).
    let io_name = vm.new_str("io");
    set(vm, m, "__name__", io_name);
    let dbs = crate::types::int::from_usize(vm, DEFAULT_BUFFER_SIZE);
    set(vm, m, "DEFAULT_BUFFER_SIZE", dbs);
    let bio = vm.exc.blocking_io_error;
    set(vm, m, "BlockingIOError", bio);
    let unsup = unsupported_operation_type(vm)?;
    set(vm, m, "UnsupportedOperation", unsup);
    for (name, ty) in iobase::install(vm) {
        set(vm, m, name, ty);
    }
    // `builtins.open is _io.open`, as in CPython: the module's own function (its `__module__`
    // is then 'io', which `io.__all__` checks rely on) replaces the builtins' placeholder.
    let md = crate::types::module::module_dict(m);
    if let Some(o) = crate::types::dict::get_str(md, "open") {
        let k = vm.intern("open");
        crate::types::dict::set_item_str(vm, vm.builtins_dict, k, o);
    }
    let mut types = fileio::install(vm);
    types.extend(bytesio::install(vm));
    types.extend(buffered::install(vm));
    types.extend(stringio::install(vm));
    types.extend(newline::install(vm));
    types.extend(textio::install(vm));
    for (name, ty) in types {
        set(vm, m, name, ty);
    }
    Ok(m)
}

/// `class UnsupportedOperation(OSError, ValueError)` with `__module__ == 'io'`, made once per
/// VM (re-importing `_io` must give the same class).
fn unsupported_operation_type(vm: &mut Vm) -> PyResult {
    if let Some(t) = vm.state_get("_io.UnsupportedOperation") {
        return Ok(t);
    }
    let bases = crate::types::tuple::new_tuple(vm, vec![vm.exc.os_error, vm.exc.value_error]);
    let ns = crate::types::dict::new_dict(vm);
    let k = vm.intern("__module__");
    let v = vm.new_str("io");
    crate::types::dict::set_item_str(vm, ns, k, v);
    let name = vm.new_str("UnsupportedOperation");
    let meta = vm.types.type_;
    let t = typeobj::new_class(vm, meta, name, bases, ns)?;
    vm.state_set("_io.UnsupportedOperation", t);
    Ok(t)
}

/// A static `_io` type: subclassable, instances have a `__dict__`, `__module__ == '_io'`.
pub(crate) fn new_io_type(
    vm: &mut Vm,
    name: &'static str,
    base: Value,
    layout: ObjKind,
    methods: &'static [NativeDef],
    getsets: &'static [(NativeDef, Option<NativeDef>)],
) -> Value {
    let key = format!("_io.{name}");
    if let Some(t) = vm.state_get(&key) {
        return t;
    }
    let flags = TypeFlags::BASETYPE.union(TypeFlags::HAS_DICT);
    let ty = typeobj::new_static_type(vm, name, base, layout, flags);
    let module = vm.intern("_io");
    typeobj::set_type_attr(vm, ty, "__module__", module);
    typeobj::add_methods(vm, ty, methods);
    typeobj::add_getsets(vm, ty, getsets);
    vm.state_set(&key, ty);
    ty
}

/// The `_io` type saved under `name` (the module installs every type at import).
pub(crate) fn io_type(vm: &mut Vm, name: &str) -> Value {
    let key = format!("_io.{name}");
    if let Some(t) = vm.state_get(&key) {
        return t;
    }
    // Reached before `import _io` (the builtin `open`): create the module's types now.
    let _ = crate::modules::import_module(vm, "_io");
    vm.state_get(&key).unwrap_or(vm.types.object)
}

/// `stream.closed` without a Python-level lookup when `stream` is an instance of one of our
/// native classes itself (not a subclass, which could override `closed`); None otherwise.
pub(crate) fn fast_closed(vm: &Vm, stream: Value) -> Option<bool> {
    let ty = vm.type_of(stream);
    if typeobj::type_flags(ty).contains(TypeFlags::HEAPTYPE) {
        return None;
    }
    if let Some(f) = stream.downcast::<fileio::FileIOObj>() {
        return Some(f.fd.get() < 0);
    }
    if let Some(b) = stream.downcast::<bytesio::BytesIOObj>() {
        return Some(b.closed.get());
    }
    if let Some(b) = stream.downcast::<buffered::BufferedObj>()
        && b.ok.get()
        && !b.detached.get()
        && b.kind.get() != buffered::BufKind::Pair
    {
        return fast_closed(vm, b.raw.get());
    }
    None
}

/// A zeroed buffer of `n` bytes, or MemoryError when it cannot be had (a huge `read(n)` must
/// raise, not abort).
pub(crate) fn zeroed(vm: &mut Vm, n: usize) -> PyResult<Vec<u8>> {
    let mut v: Vec<u8> = Vec::new();
    if n > isize::MAX as usize / 2 || v.try_reserve_exact(n).is_err() {
        return Err(vm.memory_error());
    }
    v.resize(n, 0);
    Ok(v)
}

/// Grows `buf` to `len` items of `fill`, or MemoryError.
pub(crate) fn grow<T: Clone>(vm: &mut Vm, buf: &mut Vec<T>, len: usize, fill: T) -> PyResult<()> {
    if len > buf.len() {
        let extra = len - buf.len();
        if len > (isize::MAX as usize) / 8 || buf.try_reserve(extra).is_err() {
            return Err(vm.memory_error());
        }
        buf.resize(len, fill);
    }
    Ok(())
}

/// `UnsupportedOperation(msg)`.
pub(crate) fn unsupported(vm: &mut Vm, msg: &str) -> Exc {
    match unsupported_operation_type(vm) {
        Ok(t) => vm.new_exc(t, msg),
        Err(e) => e,
    }
}

/// `obj.name(*args)`.
pub(crate) fn call_method(vm: &mut Vm, obj: Value, name: &str, args: &[Value]) -> PyResult {
    let f = ops::attr::getattr_str(vm, obj, name)?;
    ops::call::call(vm, f, args)
}

/// The type name CPython's `tp_name` gives in reprs: `_io.X` for the native class itself, the
/// bare class name for a subclass.
pub(crate) fn repr_type_name(vm: &mut Vm, obj: Value, native: &str) -> String {
    let ty = vm.type_of(obj);
    if ty == io_type(vm, native) {
        format!("_io.{native}")
    } else {
        typeobj::type_name(ty)
    }
}

/// A size argument that may be None: `-1` for None or absent.
pub(crate) fn size_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if v.is_null() || v.is_none() {
        return Ok(-1);
    }
    if !has_index(vm, v) {
        return Err(vm.type_error(format!(
            "argument should be integer or None, not '{}'",
            vm.type_name(v)
        )));
    }
    ops::number::index_i64(vm, v)
}

/// Whether `v` is an int or has `__index__`.
pub(crate) fn has_index(vm: &mut Vm, v: Value) -> bool {
    crate::types::int::is_int(v) || ops::has_special(vm, v, vm.names.index)
}

/// The bytes of a bytes-like object, or CPython's TypeError.
pub(crate) fn bytes_like(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    match crate::types::bytes::bytes_data(v) {
        Some(d) => Ok(d),
        None => Err(vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))),
    }
}

/// The length of a writable buffer (bytearray or a writable memoryview of one), or the
/// TypeError `readinto` gives.
pub(crate) fn writable_buffer_len(vm: &mut Vm, buf: Value, what: &str) -> PyResult<usize> {
    use crate::types::memoryview::exporter_cell;
    if let Some(cell) = exporter_cell(buf) {
        return Ok(cell.borrow().len());
    }
    if let Some(m) = buf.downcast::<MemoryViewObj>()
        && !m.readonly
        && exporter_cell(m.obj).is_some()
    {
        if m.released.get() {
            return Err(vm.value_error("operation forbidden on released memoryview object"));
        }
        return Ok(m.nbytes());
    }
    Err(vm.type_error(format!(
        "{what}() argument must be read-write bytes-like object, not {}",
        vm.type_name(buf)
    )))
}

/// Copies `data` to the start of a writable buffer (checked by `writable_buffer_len`): a
/// bytearray, an array, or a writable memoryview of one (at the view's byte positions).
pub(crate) fn fill_buffer(buf: Value, data: &[u8]) {
    use crate::types::memoryview::exporter_cell;
    if let Some(cell) = exporter_cell(buf) {
        let mut d = cell.borrow_mut();
        let n = data.len().min(d.len());
        d[..n].copy_from_slice(&data[..n]);
        return;
    }
    if let Some(m) = buf.downcast::<MemoryViewObj>()
        && let Some(cell) = exporter_cell(m.obj)
    {
        let offsets = m.byte_offsets();
        let mut d = cell.borrow_mut();
        for (byte, o) in data.iter().zip(offsets) {
            if let Some(slot) = d.get_mut(o) {
                *slot = *byte;
            }
        }
    }
}

/// `ValueError("I/O operation on closed file.")` (the generic message, with the period).
pub(crate) fn check_closed_value_error(vm: &mut Vm) -> Exc {
    vm.value_error("I/O operation on closed file.")
}

/// `BufferedReader(raw)` once the buffered classes exist; the raw stream itself until then.
pub(crate) fn wrap_buffered_reader(vm: &mut Vm, raw: Value) -> PyResult {
    let t = io_type(vm, "BufferedReader");
    ops::call::call(vm, t, &[raw])
}

/// OSError (right subclass) for an errno value.
pub(crate) fn os_error(vm: &mut Vm, errno: i32, filename: Option<Value>) -> Exc {
    let e = std::io::Error::from_raw_os_error(errno);
    crate::types::exceptions::from_io_error(vm, &e, filename)
}

/// The current errno.
pub(crate) fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}
