//! `bytes` and `bytearray`: storage and construction. Methods live in `bytes_methods.rs`.

use crate::heap::alloc;
use crate::object::{ObjKind, Payload, Trace};
use crate::value::Value;
use crate::vm::Vm;
use std::cell::{Cell, RefCell};

pub struct BytesObj {
    pub data: Box<[u8]>,
    pub hash: Cell<i64>,
}

impl Trace for BytesObj {
    fn trace(&self, _visit: &mut dyn FnMut(Value)) {}
}

impl Payload for BytesObj {
    const KIND: ObjKind = ObjKind::Bytes;
}

impl BytesObj {
    pub fn hash(&self) -> i64 {
        let h = self.hash.get();
        if h != -1 {
            return h;
        }
        let h = crate::types::str::hash_bytes(&self.data);
        self.hash.set(h);
        h
    }
}

pub struct ByteArrayObj {
    pub data: RefCell<Vec<u8>>,
    /// Weak references to the objects holding an export of the buffer (an `_sre` scanner):
    /// while one is alive the bytearray cannot be resized (`check_resizable`).
    pub exports: RefCell<Vec<Value>>,
}

impl Trace for ByteArrayObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.exports.borrow().iter().for_each(|v| v.trace(visit));
    }
}

/// Records that `holder` exports the buffer of bytearray `ba` until it is released (or dies).
pub fn add_export(vm: &mut Vm, ba: Value, holder: Value) -> crate::vm::PyResult<()> {
    let Some(b) = ba.downcast::<ByteArrayObj>() else {
        return Ok(());
    };
    let Some(ty) = vm.state_get("weakref.ref") else {
        return Ok(());
    };
    let r = crate::types::weakref::new_ref(vm, ty, holder, Value::NONE)?;
    let mut ex = b.exports.borrow_mut();
    // Forget holders collected meanwhile, so the list stays as short as the live exports.
    ex.retain(|r| !crate::types::weakref::referent(*r).is_null());
    ex.push(r);
    Ok(())
}

/// Ends one export of `ba`'s buffer by `holder`.
pub fn release_export(ba: Value, holder: Value) {
    if let Some(b) = ba.downcast::<ByteArrayObj>() {
        let mut ex = b.exports.borrow_mut();
        if let Some(i) = ex
            .iter()
            .position(|r| crate::types::weakref::referent(*r) == holder)
        {
            ex.remove(i);
        }
    }
}

/// BufferError while an export of the buffer is alive (CPython's check before a resize).
pub fn check_resizable(vm: &mut Vm, b: &ByteArrayObj) -> crate::vm::PyResult<()> {
    let mut ex = b.exports.borrow_mut();
    if ex.is_empty() {
        return Ok(());
    }
    ex.retain(|r| !crate::types::weakref::referent(*r).is_null());
    if ex.is_empty() {
        return Ok(());
    }
    drop(ex);
    let t = vm.exc.buffer_error;
    Err(vm.new_exc(t, "Existing exports of data: object cannot be re-sized"))
}

impl Payload for ByteArrayObj {
    const KIND: ObjKind = ObjKind::ByteArray;
}

pub fn new_bytes(vm: &mut Vm, data: Vec<u8>) -> Value {
    alloc(
        vm.types.bytes,
        BytesObj {
            data: data.into_boxed_slice(),
            hash: Cell::new(-1),
        },
    )
}

pub fn new_bytes_of_type(ty: Value, data: Vec<u8>) -> Value {
    alloc(
        ty,
        BytesObj {
            data: data.into_boxed_slice(),
            hash: Cell::new(-1),
        },
    )
}

pub fn new_bytearray(vm: &mut Vm, data: Vec<u8>) -> Value {
    alloc(
        vm.types.bytearray,
        ByteArrayObj {
            data: RefCell::new(data),
            exports: RefCell::new(Vec::new()),
        },
    )
}

pub fn new_bytearray_of_type(ty: Value, data: Vec<u8>) -> Value {
    alloc(
        ty,
        ByteArrayObj {
            data: RefCell::new(data),
            exports: RefCell::new(Vec::new()),
        },
    )
}

/// A copy of the bytes of a bytes or bytearray object.
pub fn bytes_data(v: Value) -> Option<Vec<u8>> {
    if let Some(b) = v.downcast::<BytesObj>() {
        return Some(b.data.to_vec());
    }
    if let Some(m) = v.downcast::<crate::types::memoryview::MemoryViewObj>() {
        return if m.released.get() {
            None
        } else {
            Some(m.data())
        };
    }
    if let Some(b) = v.downcast::<ByteArrayObj>() {
        return Some(b.data.borrow().clone());
    }
    if let Some(view) = crate::modules::pickle_::view_of(v) {
        return bytes_data(view);
    }
    crate::modules::array::buffer_bytes(v)
}

/// `repr(bytes)` body with CPython's quoting: `b'..'` unless the data has `'` and no `"`.
pub fn repr_bytes(prefix: &str, data: &[u8]) -> String {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(data.len() + 3);
    out.push_str(prefix);
    out.push(quote);
    for &b in data {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b if b as char == quote => {
                out.push('\\');
                out.push(quote)
            }
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push(quote);
    out
}

/// Runs `f` on the bytes of a bytes or bytearray object without copying. `f` must not run
/// Python code (a bytearray's buffer is borrowed meanwhile).
#[inline]
pub fn with_bytes<R>(v: Value, f: impl FnOnce(&[u8]) -> R) -> Option<R> {
    if let Some(b) = v.downcast::<BytesObj>() {
        return Some(f(&b.data));
    }
    if let Some(m) = v.downcast::<crate::types::memoryview::MemoryViewObj>() {
        return if m.released.get() {
            None
        } else {
            Some(f(&m.data()))
        };
    }
    v.downcast::<ByteArrayObj>().map(|b| f(&b.data.borrow()))
}

/// The byte at `i` of a bytes or bytearray object.
#[inline]
pub fn byte_at(v: Value, i: usize) -> Option<u8> {
    with_bytes(v, |d| d.get(i).copied()).flatten()
}

/// The length of a bytes or bytearray object.
#[inline]
pub fn bytes_len(v: Value) -> Option<usize> {
    with_bytes(v, |d| d.len())
}
