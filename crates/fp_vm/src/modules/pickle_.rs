//! `_pickle`: the native unpickler (`Unpickler`, `load`, `loads` in `pickle_load.rs`) and
//! `PickleBuffer` (protocol 5's out-of-band buffer wrapper).
//!
//! The pickler (`Pickler`, `dump`, `dumps`) is in `pickle_dump.rs`. The three exceptions are
//! `pickle.py`'s own classes, found through a module `__getattr__` (`pickle.py` defines them
//! before its closing `from _pickle import ...`, which then binds the same classes).
//!
//! A `PickleBuffer` keeps a memoryview of the object it wraps; `memoryview(pb)` and the
//! bytes-like consumers (`types::bytes::bytes_data`) read through it until `release()`.

use super::stdobj::{self, StdData, visit_cell};
use crate::native::NativeDef;
use crate::types::memoryview::MemoryViewObj;
use crate::types::typeobj::TypeFlags;
use crate::types::{dict, tuple};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};
use std::cell::Cell;

struct PickleBuf {
    /// A memoryview of the wrapped object; NULL once released.
    view: Cell<Value>,
}

impl StdData for PickleBuf {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        visit_cell(&self.view, visit)
    }
}

static FUNCS: &[NativeDef] = &[
    native!("__getattr__", "($module, name, /)", module_getattr),
    native!(
        "dump",
        "($module, /, obj, file, protocol=None, *, fix_imports=True, buffer_callback=None)",
        super::pickle_dump::dump
    ),
    native!(
        "dumps",
        "($module, /, obj, protocol=None, *, fix_imports=True, buffer_callback=None)",
        super::pickle_dump::dumps
    ),
    native!(
        "load",
        "($module, /, file, *, fix_imports=True, encoding='ASCII', errors='strict', buffers=())",
        super::pickle_load::load
    ),
    native!(
        "loads",
        "($module, data, /, *, fix_imports=True, encoding='ASCII', errors='strict', buffers=())",
        super::pickle_load::loads
    ),
];

static PICKLE_BUFFER_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", pb_new),
    native!("raw", "($self, /)", pb_raw),
    native!("release", "($self, /)", pb_release),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let m = super::module_with_functions(vm, "_pickle", FUNCS);
    let ty = stdobj::new_type(
        vm,
        "pickle",
        "PickleBuffer",
        TypeFlags(0),
        PICKLE_BUFFER_METHODS,
    );
    crate::types::module::set_attr(vm, m, "PickleBuffer", ty);
    let up = stdobj::new_type(
        vm,
        "_pickle",
        "Unpickler",
        TypeFlags::BASETYPE,
        super::pickle_load::UNPICKLER_METHODS,
    );
    crate::types::typeobj::add_getsets(vm, up, super::pickle_load::UNPICKLER_GETSETS);
    crate::types::module::set_attr(vm, m, "Unpickler", up);
    let pk = stdobj::new_type(
        vm,
        "_pickle",
        "Pickler",
        TypeFlags::BASETYPE,
        super::pickle_dump::PICKLER_METHODS,
    );
    crate::types::typeobj::add_getsets(vm, pk, super::pickle_dump::PICKLER_GETSETS);
    crate::types::module::set_attr(vm, m, "Pickler", pk);
    Ok(m)
}

/// The exception classes, which `pickle.py` defines.
fn python_name(name: &str) -> Option<&'static str> {
    Some(match name {
        "PickleError" => "PickleError",
        "PicklingError" => "PicklingError",
        "UnpicklingError" => "UnpicklingError",
        _ => return None,
    })
}

fn module_getattr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = crate::types::str::as_str(a[1]).unwrap_or("");
    let Some(target) = python_name(name) else {
        return Err(vm.new_exc(
            vm.exc.attribute_error,
            format!("module '_pickle' has no attribute '{name}'"),
        ));
    };
    // While `pickle` itself is importing (its closing `from _pickle import ...`), this
    // returns the module being initialised, whose classes are defined by then.
    let pickle = super::import_system::import_module(vm, "pickle")?;
    crate::ops::attr::getattr_str(vm, pickle, target)
}

/// The memo tables' hasher: their keys are object addresses or memo indexes (trusted, already
/// well spread), so a multiply-xorshift replaces SipHash, which dominated pickling time.
#[derive(Default, Clone, Copy)]
pub(super) struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, x: u64) {
        let h = x.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = h ^ (h >> 29);
    }
}

pub(super) type IdMap<V> =
    std::collections::HashMap<u64, V, std::hash::BuildHasherDefault<IdHasher>>;

fn this(vm: &mut Vm, v: Value) -> PyResult<&'static PickleBuf> {
    stdobj::expect::<PickleBuf>(vm, v, "pickle.PickleBuffer")
}

fn released(vm: &mut Vm) -> crate::vm::Exc {
    vm.value_error("operation forbidden on released PickleBuffer object")
}

/// `PickleBuffer(buffer, /)`.
fn pb_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args = tuple::items(a[1]).unwrap_or(&[]).to_vec();
    let nkw = if a[2].is_null() { 0 } else { dict::len(a[2]) };
    if args.len() + nkw > 1 {
        return Err(vm.type_error(format!(
            "PickleBuffer() takes at most 1 argument ({} given)",
            args.len() + nkw
        )));
    }
    let Some(&base) = args.first() else {
        return Err(vm.type_error("PickleBuffer() takes exactly 1 positional argument (0 given)"));
    };
    let view = match crate::types::memoryview::mv_new(vm, &[vm.types.memoryview, base]) {
        Ok(v) => v,
        Err(e) if vm.exc_matches(e, vm.exc.type_error) && !base.is::<MemoryViewObj>() => {
            return Err(vm.type_error(format!(
                "a bytes-like object is required, not '{}'",
                vm.type_name(base)
            )));
        }
        Err(e) => return Err(e),
    };
    Ok(stdobj::new_obj(
        a[0],
        PickleBuf {
            view: Cell::new(view),
        },
    ))
}

/// `raw()`: a one-dimensional unsigned-byte view of the whole buffer (which must be
/// contiguous).
fn pb_raw(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = this(vm, a[0])?;
    let Some(m) = p.view.get().downcast::<MemoryViewObj>() else {
        return Err(released(vm));
    };
    if m.released.get() {
        return Err(released(vm));
    }
    if m.step != m.itemsize as isize && m.len > 1 {
        return Err(vm.new_exc(
            vm.exc.buffer_error,
            "cannot extract raw buffer from non-contiguous buffer",
        ));
    }
    Ok(crate::types::memoryview::new_view_fmt(
        vm,
        m.obj,
        (m.start, 1, m.len * m.itemsize),
        m.readonly,
        (b'B', 1),
    ))
}

fn pb_release(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = this(vm, a[0])?;
    if let Some(m) = p.view.get().downcast::<MemoryViewObj>() {
        m.released.set(true);
    }
    p.view.set(Value::NULL);
    Ok(Value::NONE)
}

/// For `memoryview(obj)`: when `obj` is a PickleBuffer, the view it exports (ValueError once
/// released); None for any other object.
pub fn exported_view(vm: &mut Vm, obj: Value) -> Option<PyResult<Value>> {
    let p = stdobj::get::<PickleBuf>(obj)?;
    let v = p.view.get();
    Some(if v.is_null() {
        Err(released(vm))
    } else {
        Ok(v)
    })
}

/// For the bytes-like consumers: the view of a PickleBuffer (None when `obj` is not one or
/// was released).
pub fn view_of(obj: Value) -> Option<Value> {
    let v = stdobj::get::<PickleBuf>(obj)?.view.get();
    (!v.is_null()).then_some(v)
}
