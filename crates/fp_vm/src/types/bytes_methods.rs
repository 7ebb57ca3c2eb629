//! Python-visible behaviour of `bytes` and `bytearray`: construction, the sequence protocol,
//! operators, comparisons, hashing, repr, and bytearray's mutators.
//!
//! The str-like methods shared by both types (`split`, `find`, `upper`, `hex`...) are in
//! `bytes_text.rs` and `%`-formatting in `bytes_format.rs` (both declared here with `#[path]`);
//! encoding and decoding use the one codec implementation, `str_codec`.
//! One method table serves both types: results take the kind of `self` (bytes methods return
//! bytes, bytearray methods bytearray).

#[path = "bytes_format.rs"]
pub mod bytes_format;
#[path = "bytes_text.rs"]
pub mod bytes_text;

use crate::native::NativeDef;
use crate::ops;
use crate::types::bytes::{
    ByteArrayObj, BytesObj, new_bytearray, new_bytearray_of_type, new_bytes, new_bytes_of_type,
    repr_bytes, with_bytes,
};
use crate::types::int;
use crate::types::iterators::{IterState, new_iter};
use crate::types::range::{SliceObj, slice_indices};
use crate::types::seq_methods::{
    SeqKey, check_new_type, norm_index, repeat_count, repeat_items, richcmp_natives, seq_key,
    ssize_arg, take_slice,
};
use crate::types::typeobj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};
use fp_bytecode::CompareOp;

pub fn install(vm: &mut Vm) {
    let b = vm.types.bytes;
    typeobj::add_methods(vm, b, BYTES_METHODS);
    typeobj::add_methods(vm, b, COMMON_METHODS);
    typeobj::add_methods(vm, b, bytes_text::TEXT_METHODS);
    typeobj::add_methods(vm, b, &BYTES_CMP);
    let ba = vm.types.bytearray;
    typeobj::add_methods(vm, ba, BYTEARRAY_METHODS);
    typeobj::add_methods(vm, ba, COMMON_METHODS);
    typeobj::add_methods(vm, ba, bytes_text::TEXT_METHODS);
    typeobj::add_methods(vm, ba, &BYTES_CMP);
    typeobj::set_type_attr(vm, ba, "__hash__", Value::NONE);
}

/// Methods both types have, with the same behaviour.
static COMMON_METHODS: &[NativeDef] = &[
    native!("__len__", "($self, /)", b_len),
    native!("__getitem__", "($self, key, /)", b_getitem),
    native!("__contains__", "($self, key, /)", b_contains),
    native!("__iter__", "($self, /)", b_iter),
    native!("__add__", "($self, value, /)", b_add),
    native!("__mul__", "($self, value, /)", b_mul),
    native!("__rmul__", "($self, value, /)", b_mul),
    native!("__mod__", "($self, value, /)", b_mod),
    native!("__rmod__", "($self, value, /)", b_rmod),
    native!("__repr__", "($self, /)", b_repr),
    native!("__str__", "($self, /)", b_repr),
];

static BYTES_METHODS: &[NativeDef] = &[
    native_staticmethod!(
        "__new__",
        "($type, source=b'', encoding='utf-8', errors='strict')",
        bytes_new
    ),
    native!("__hash__", "($self, /)", bytes_hash),
    native!("__bytes__", "($self, /)", bytes_bytes),
    native!("__getnewargs__", "($self, /)", bytes_getnewargs),
    native!("__sizeof__", "($self, /)", bytes_sizeof),
];

static BYTEARRAY_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, *args, **kwargs)", bytearray_new),
    native!(
        "__init__",
        "($self, /, source=b'', encoding='utf-8', errors='strict')",
        bytearray_init
    ),
    native!("__setitem__", "($self, key, value, /)", ba_setitem),
    native!("__delitem__", "($self, key, /)", ba_delitem),
    native!("__iadd__", "($self, value, /)", ba_iadd),
    native!("__imul__", "($self, value, /)", ba_imul),
    native!("__alloc__", "($self, /)", ba_alloc),
    native!("__sizeof__", "($self, /)", ba_sizeof),
    native!("append", "($self, item, /)", ba_append),
    native!("clear", "($self, /)", ba_clear),
    native!("copy", "($self, /)", ba_copy),
    native!("extend", "($self, iterable_of_ints, /)", ba_extend),
    native!("insert", "($self, index, item, /)", ba_insert),
    native!("pop", "($self, index=-1, /)", ba_pop),
    native!("remove", "($self, value, /)", ba_remove),
    native!("reverse", "($self, /)", ba_reverse),
];

static BYTES_CMP: [NativeDef; 6] = richcmp_natives!(b_richcompare);

// ----- shared helpers -----

/// Whether `v` is a bytes-like object (bytes, bytearray, or a subclass of either).
pub fn is_bytes_like(v: Value) -> bool {
    v.is::<BytesObj>() || v.is::<ByteArrayObj>()
}

/// A copy of the data of `self` (the method descriptors already checked its type).
pub fn data_of(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    match crate::types::bytes::bytes_data(v) {
        Some(d) => Ok(d),
        None => Err(vm.type_error(format!(
            "descriptor requires a 'bytes' object but received a '{}'",
            vm.type_name(v)
        ))),
    }
}

/// A bytes-like argument, or TypeError "a bytes-like object is required, not 'X'".
pub fn buffer_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    match crate::types::bytes::bytes_data(v) {
        Some(d) => Ok(d),
        None => Err(vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))),
    }
}

/// A new object of the kind of `like`: exact bytes for bytes (and its subclasses), exact
/// bytearray for bytearray.
pub fn make_like(vm: &mut Vm, like: Value, data: Vec<u8>) -> Value {
    if like.is::<ByteArrayObj>() {
        new_bytearray(vm, data)
    } else {
        new_bytes(vm, data)
    }
}

/// `make_like`, but an exact bytes `like` whose data did not change is returned as is.
pub fn make_like_or_self(vm: &mut Vm, like: Value, data: Vec<u8>, unchanged: bool) -> Value {
    if unchanged && vm.type_of(like) == vm.types.bytes {
        return like;
    }
    make_like(vm, like, data)
}

fn kind_name(v: Value) -> &'static str {
    if v.is::<ByteArrayObj>() {
        "bytearray"
    } else {
        "bytes"
    }
}

/// One byte value from an int-like object: `__index__`, then the 0..=255 check with `msg`.
pub fn byte_value(vm: &mut Vm, v: Value, msg: &str) -> PyResult<u8> {
    let i = match v.as_small_int() {
        Some(i) => i,
        None => {
            let r = ops::number::index(vm, v)?;
            int::int_ref(r).and_then(|x| x.to_i64()).unwrap_or(-1)
        }
    };
    if (0..256).contains(&i) {
        Ok(i as u8)
    } else {
        Err(vm.value_error(msg))
    }
}

/// The items of an iterable of ints as bytes (`bytes([1, 2])`), each checked with `msg`.
fn bytes_from_iterable(vm: &mut Vm, src: Value, msg: &str) -> PyResult<Vec<u8>> {
    let items = if let Some(l) = src.downcast::<crate::types::list::ListObj>() {
        l.snapshot()
    } else if let Some(t) = crate::types::tuple::items(src) {
        t.to_vec()
    } else {
        let it = ops::iter::get_iter(vm, src)?;
        let mut out = Vec::new();
        while let Some(x) = ops::iter::next(vm, it)? {
            out.push(byte_value(vm, x, msg)?);
        }
        return Ok(out);
    };
    let mut out = Vec::with_capacity(items.len());
    for x in items {
        out.push(byte_value(vm, x, msg)?);
    }
    Ok(out)
}

/// A zero-filled buffer of `n` bytes (`bytes(5)`), with CPython's errors.
fn zeros(vm: &mut Vm, n: Value) -> PyResult<Vec<u8>> {
    let r = ops::number::index(vm, n)?;
    let Some(i) = int::int_ref(r) else {
        return Ok(Vec::new());
    };
    if i.is_negative() {
        return Err(vm.value_error("negative count"));
    }
    let Some(n) = i.to_i64() else {
        return Err(vm.overflow_error(format!(
            "cannot fit '{}' into an index-sized integer",
            vm.type_name(n)
        )));
    };
    let mut v = Vec::new();
    crate::types::seq_methods::reserve(vm, &mut v, n as usize)?;
    v.resize(n as usize, 0);
    Ok(v)
}

/// `str.encode(encoding, errors)` for `bytes(s, encoding[, errors])`.
fn encode_str(
    vm: &mut Vm,
    s: Value,
    encoding: Value,
    errors: Value,
    what: &str,
) -> PyResult<Vec<u8>> {
    let Some(enc) = crate::types::str::as_str(encoding) else {
        return Err(vm.type_error(format!(
            "{what}() argument 'encoding' must be str, not {}",
            vm.type_name(encoding)
        )));
    };
    let errs = if errors.is_null() {
        "strict"
    } else {
        match crate::types::str::as_str(errors) {
            Some(e) => e,
            None => {
                return Err(vm.type_error(format!(
                    "{what}() argument 'errors' must be str, not {}",
                    vm.type_name(errors)
                )));
            }
        }
    };
    let text = crate::types::str::as_str(s).unwrap_or("");
    crate::types::str_codec::encode(vm, text, enc, errs, s)
}

/// The data `bytes(source, encoding, errors)` / `bytearray(...)` would hold (NULL = omitted).
fn data_from_source(
    vm: &mut Vm,
    src: Value,
    encoding: Value,
    errors: Value,
    what: &str,
) -> PyResult<Vec<u8>> {
    let is_str = src.is::<crate::types::str::StrObj>();
    if !encoding.is_null() || !errors.is_null() {
        if src.is_null() || !is_str {
            return Err(vm.type_error("encoding without a string argument"));
        }
        if encoding.is_null() {
            return Err(vm.type_error("string argument without an encoding"));
        }
        return encode_str(vm, src, encoding, errors, what);
    }
    if src.is_null() {
        return Ok(Vec::new());
    }
    if is_str {
        return Err(vm.type_error("string argument without an encoding"));
    }
    if what == "bytes" {
        let name = vm.intern("__bytes__");
        if let Some(r) = ops::call_special(vm, src, name, &[])? {
            return match r.downcast::<BytesObj>() {
                Some(b) => Ok(b.data.to_vec()),
                None => Err(vm.type_error(format!(
                    "__bytes__ returned non-bytes (type {})",
                    vm.type_name(r)
                ))),
            };
        }
    }
    if int::is_int(src) || ops::has_special(vm, src, vm.names.index) {
        return zeros(vm, src);
    }
    if let Some(d) = crate::types::bytes::bytes_data(src) {
        return Ok(d);
    }
    let iterable =
        ops::has_special(vm, src, vm.names.iter) || ops::has_special(vm, src, vm.names.getitem);
    if !iterable {
        return Err(vm.type_error(format!(
            "cannot convert '{}' object to {what}",
            vm.type_name(src)
        )));
    }
    let msg = if what == "bytes" {
        "bytes must be in range(0, 256)"
    } else {
        "byte must be in range(0, 256)"
    };
    bytes_from_iterable(vm, src, msg)
}

// ----- constructors -----

fn bytes_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = a[0];
    check_new_type(vm, ty, vm.types.bytes)?;
    let (src, enc, err) = (a[1], a[2], a[3]);
    if enc.is_null()
        && err.is_null()
        && ty == vm.types.bytes
        && !src.is_null()
        && vm.type_of(src) == vm.types.bytes
    {
        return Ok(src);
    }
    let data = data_from_source(vm, src, enc, err, "bytes")?;
    if ty == vm.types.bytes {
        Ok(new_bytes(vm, data))
    } else {
        Ok(new_bytes_of_type(ty, data))
    }
}

fn bytearray_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    check_new_type(vm, a[0], vm.types.bytearray)?;
    Ok(new_bytearray_of_type(a[0], Vec::new()))
}

fn this_ba(vm: &mut Vm, v: Value) -> PyResult<&'static ByteArrayObj> {
    match v.downcast::<ByteArrayObj>() {
        Some(b) => Ok(b),
        None => Err(vm.type_error(format!(
            "descriptor requires a 'bytearray' object but received a '{}'",
            vm.type_name(v)
        ))),
    }
}

fn bytearray_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ba = this_ba(vm, a[0])?;
    let data = data_from_source(vm, a[1], a[2], a[3], "bytearray")?;
    crate::types::bytes::check_resizable(vm, ba)?;
    *ba.data.borrow_mut() = data;
    Ok(Value::NONE)
}

// ----- protocol -----

fn b_len(vm: &mut Vm, a: &[Value]) -> PyResult {
    match crate::types::bytes::bytes_len(a[0]) {
        Some(n) => Ok(int::from_usize(vm, n)),
        None => Err(vm.type_error("descriptor '__len__' requires a bytes object")),
    }
}

fn b_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = a[0];
    let is_ba = s.is::<ByteArrayObj>();
    let what = if is_ba { "bytearray" } else { "byte" };
    match seq_key(vm, a[1], what)? {
        SeqKey::Index(i) => {
            let b = with_bytes(s, |d| norm_index(i, d.len()).map(|j| d[j])).flatten();
            match b {
                Some(x) => Ok(Value::try_small_int(x as i64).unwrap_or(Value::NONE)),
                None if is_ba => Err(vm.index_error("bytearray index out of range")),
                None => Err(vm.index_error("index out of range")),
            }
        }
        SeqKey::Slice(sl) => {
            let len = crate::types::bytes::bytes_len(s).unwrap_or(0);
            let (start, _, step, n) = slice_indices(vm, sl, len as i64)?;
            let data = with_bytes(s, |d| take_slice(d, start, step, n)).unwrap_or_default();
            let whole = step == 1 && n as usize == len;
            Ok(make_like_or_self(vm, s, data, whole))
        }
    }
}

/// `x in b`: an int (one byte) or a bytes-like substring.
fn b_contains(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = a[0];
    let x = a[1];
    if int::is_int(x) || ops::has_special(vm, x, vm.names.index) {
        let b = byte_value(vm, x, "byte must be in range(0, 256)")?;
        let found = with_bytes(s, |d| d.contains(&b)).unwrap_or(false);
        return Ok(Value::from_bool(found));
    }
    let needle = buffer_arg(vm, x)?;
    let found = with_bytes(s, |d| {
        bytes_text::find_sub(d, &needle, 0, d.len()).is_some()
    })
    .unwrap_or(false);
    Ok(Value::from_bool(found))
}

fn b_iter(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(new_iter(
        vm.types.bytes_iterator,
        IterState::Bytes { seq: a[0], pos: 0 },
    ))
}

fn b_add(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = a[0];
    let Some(other) = crate::types::bytes::bytes_data(a[1]) else {
        return Err(vm.type_error(format!(
            "can't concat {} to {}",
            vm.type_name(a[1]),
            kind_name(s)
        )));
    };
    let mut data = data_of(vm, s)?;
    let unchanged = other.is_empty();
    data.extend_from_slice(&other);
    Ok(make_like_or_self(vm, s, data, unchanged))
}

fn b_mul(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = a[0];
    let Some(n) = repeat_count(vm, a[1])? else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let data = data_of(vm, s)?;
    let out = repeat_items(vm, &data, n)?;
    Ok(make_like_or_self(vm, s, out, n == 1))
}

fn b_mod(vm: &mut Vm, a: &[Value]) -> PyResult {
    let data = data_of(vm, a[0])?;
    let out = bytes_format::format(vm, &data, a[1])?;
    Ok(make_like(vm, a[0], out))
}

fn b_rmod(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::NOT_IMPLEMENTED)
}

fn b_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = a[0];
    let data = data_of(vm, s)?;
    let r = if s.is::<ByteArrayObj>() {
        let name = vm.type_name(s);
        format!("{name}({})", repr_bytes("b", &data))
    } else {
        repr_bytes("b", &data)
    };
    Ok(vm.new_string(r))
}

/// Bytes-like objects compare bytewise (bytes with bytearray too); anything else is
/// NotImplemented.
fn b_richcompare(vm: &mut Vm, a: Value, b: Value, op: CompareOp) -> PyResult {
    if !is_bytes_like(a) || !is_bytes_like(b) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let x = data_of(vm, a)?;
    let y = data_of(vm, b)?;
    let o = x.cmp(&y);
    use std::cmp::Ordering::*;
    Ok(Value::from_bool(match op {
        CompareOp::Lt => o == Less,
        CompareOp::Le => o != Greater,
        CompareOp::Eq => o == Equal,
        CompareOp::Ne => o != Equal,
        CompareOp::Gt => o == Greater,
        CompareOp::Ge => o != Less,
    }))
}

// ----- bytes only -----

fn this_bytes(vm: &mut Vm, v: Value) -> PyResult<&'static BytesObj> {
    match v.downcast::<BytesObj>() {
        Some(b) => Ok(b),
        None => Err(vm.type_error(format!(
            "descriptor requires a 'bytes' object but received a '{}'",
            vm.type_name(v)
        ))),
    }
}

fn bytes_hash(vm: &mut Vm, a: &[Value]) -> PyResult {
    let h = this_bytes(vm, a[0])?.hash();
    Ok(int::from_i64(vm, h))
}

fn bytes_bytes(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = this_bytes(vm, a[0])?;
    if vm.type_of(a[0]) == vm.types.bytes {
        return Ok(a[0]);
    }
    Ok(new_bytes(vm, b.data.to_vec()))
}

fn bytes_getnewargs(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = this_bytes(vm, a[0])?;
    let copy = new_bytes(vm, b.data.to_vec());
    Ok(crate::types::tuple::new_tuple(vm, vec![copy]))
}

fn bytes_sizeof(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = this_bytes(vm, a[0])?.data.len();
    Ok(int::from_usize(vm, 33 + n))
}

// ----- bytearray only -----

const BYTE_RANGE: &str = "byte must be in range(0, 256)";

/// The bytes a slice assignment puts into a bytearray: a bytes-like object, or an iterable of
/// ints (not an int, not a str).
fn assigned_bytes(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if let Some(d) = crate::types::bytes::bytes_data(v) {
        return Ok(d);
    }
    let not_iterable =
        !ops::has_special(vm, v, vm.names.iter) && !ops::has_special(vm, v, vm.names.getitem);
    if int::is_int(v) || v.is::<crate::types::str::StrObj>() || not_iterable {
        return Err(
            vm.type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)")
        );
    }
    bytes_from_iterable(vm, v, BYTE_RANGE)
}

fn ba_setitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ba = this_ba(vm, a[0])?;
    match seq_key(vm, a[1], "bytearray")? {
        SeqKey::Index(i) => {
            let b = byte_value(vm, a[2], BYTE_RANGE)?;
            let mut d = ba.data.borrow_mut();
            match norm_index(i, d.len()) {
                Some(j) => {
                    d[j] = b;
                    Ok(Value::NONE)
                }
                None => {
                    drop(d);
                    Err(vm.index_error("bytearray index out of range"))
                }
            }
        }
        SeqKey::Slice(s) => {
            let new = assigned_bytes(vm, a[2])?;
            assign_slice(vm, ba, s, Some(new))?;
            Ok(Value::NONE)
        }
    }
}

fn ba_delitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ba = this_ba(vm, a[0])?;
    match seq_key(vm, a[1], "bytearray")? {
        SeqKey::Index(i) => {
            let len = ba.data.borrow().len();
            if norm_index(i, len).is_some() {
                crate::types::bytes::check_resizable(vm, ba)?;
            }
            let mut d = ba.data.borrow_mut();
            match norm_index(i, d.len()) {
                Some(j) => {
                    d.remove(j);
                    Ok(Value::NONE)
                }
                None => {
                    drop(d);
                    Err(vm.index_error("bytearray index out of range"))
                }
            }
        }
        SeqKey::Slice(s) => {
            assign_slice(vm, ba, s, None)?;
            Ok(Value::NONE)
        }
    }
}

/// `ba[s] = new` (or `del ba[s]` for None), as for lists.
fn assign_slice(
    vm: &mut Vm,
    ba: &ByteArrayObj,
    s: &SliceObj,
    new: Option<Vec<u8>>,
) -> PyResult<()> {
    let len = ba.data.borrow().len() as i64;
    let (start, stop, step, n) = slice_indices(vm, s, len)?;
    // A resize (a length change, or an extended-slice deletion) needs the buffer unexported.
    let resizes = if step == 1 {
        let lo = start.clamp(0, len);
        let hi = stop.clamp(lo, len);
        new.as_ref().map_or(0, Vec::len) as i64 != hi - lo
    } else {
        new.is_none() && n > 0
    };
    if resizes {
        crate::types::bytes::check_resizable(vm, ba)?;
    }
    let mut d = ba.data.borrow_mut();
    let len = d.len() as i64;
    if step == 1 {
        let lo = start.clamp(0, len);
        let hi = stop.clamp(lo, len);
        d.splice(lo as usize..hi as usize, new.unwrap_or_default());
        return Ok(());
    }
    match new {
        None => {
            if n <= 0 {
                return Ok(());
            }
            let (lo, st) = if step < 0 {
                (start + step * (n - 1), -step)
            } else {
                (start, step)
            };
            let mut k = 0i64;
            let mut next = lo;
            let mut left = n;
            d.retain(|_| {
                let i = k;
                k += 1;
                if left > 0 && i == next {
                    left -= 1;
                    next += st;
                    false
                } else {
                    true
                }
            });
            Ok(())
        }
        Some(new) => {
            if new.len() as i64 != n {
                drop(d);
                return Err(vm.value_error(format!(
                    "attempt to assign bytes of size {} to extended slice of size {n}",
                    new.len()
                )));
            }
            let mut i = start;
            for x in new {
                if (0..len).contains(&i) {
                    d[i as usize] = x;
                }
                i += step;
            }
            Ok(())
        }
    }
}

fn ba_iadd(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ba = this_ba(vm, a[0])?;
    let Some(other) = crate::types::bytes::bytes_data(a[1]) else {
        return Err(vm.type_error(format!("can't concat {} to bytearray", vm.type_name(a[1]))));
    };
    if !other.is_empty() {
        crate::types::bytes::check_resizable(vm, ba)?;
    }
    ba.data.borrow_mut().extend_from_slice(&other);
    Ok(a[0])
}

fn ba_imul(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ba = this_ba(vm, a[0])?;
    let Some(n) = repeat_count(vm, a[1])? else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let data = ba.data.borrow().clone();
    let out = repeat_items(vm, &data, n)?;
    if out.len() != data.len() {
        crate::types::bytes::check_resizable(vm, ba)?;
    }
    *ba.data.borrow_mut() = out;
    Ok(a[0])
}

fn ba_alloc(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = this_ba(vm, a[0])?.data.borrow().len();
    Ok(int::from_usize(vm, n + 1))
}

fn ba_sizeof(vm: &mut Vm, a: &[Value]) -> PyResult {
    let cap = this_ba(vm, a[0])?.data.borrow().capacity();
    Ok(int::from_usize(vm, 56 + cap))
}

fn ba_append(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ba = this_ba(vm, a[0])?;
    let b = byte_value(vm, a[1], BYTE_RANGE)?;
    crate::types::bytes::check_resizable(vm, ba)?;
    ba.data.borrow_mut().push(b);
    Ok(Value::NONE)
}

fn ba_clear(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ba = this_ba(vm, a[0])?;
    crate::types::bytes::check_resizable(vm, ba)?;
    ba.data.borrow_mut().clear();
    Ok(Value::NONE)
}

fn ba_copy(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = this_ba(vm, a[0])?.data.borrow().clone();
    Ok(new_bytearray(vm, d))
}

fn ba_extend(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ba = this_ba(vm, a[0])?;
    let src = a[1];
    let new = if let Some(d) = crate::types::bytes::bytes_data(src) {
        d
    } else {
        let iterable =
            ops::has_special(vm, src, vm.names.iter) || ops::has_special(vm, src, vm.names.getitem);
        if !iterable {
            return Err(vm.type_error(format!("can't extend bytearray with {}", vm.type_name(src))));
        }
        bytes_from_iterable(vm, src, BYTE_RANGE)?
    };
    if !new.is_empty() {
        crate::types::bytes::check_resizable(vm, ba)?;
    }
    ba.data.borrow_mut().extend_from_slice(&new);
    Ok(Value::NONE)
}

fn ba_insert(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ba = this_ba(vm, a[0])?;
    let i = ssize_arg(vm, a[1])?;
    let b = byte_value(vm, a[2], BYTE_RANGE)?;
    crate::types::bytes::check_resizable(vm, ba)?;
    let mut d = ba.data.borrow_mut();
    let n = d.len() as i64;
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
    d.insert(j as usize, b);
    Ok(Value::NONE)
}

fn ba_pop(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ba = this_ba(vm, a[0])?;
    let i = if a[1].is_null() {
        -1
    } else {
        ssize_arg(vm, a[1])?
    };
    let len = ba.data.borrow().len();
    if len > 0 && norm_index(i, len).is_some() {
        crate::types::bytes::check_resizable(vm, ba)?;
    }
    let mut d = ba.data.borrow_mut();
    if d.is_empty() {
        drop(d);
        return Err(vm.index_error("pop from empty bytearray"));
    }
    match norm_index(i, d.len()) {
        Some(j) => {
            let b = d.remove(j);
            Ok(Value::try_small_int(b as i64).unwrap_or(Value::NONE))
        }
        None => {
            drop(d);
            Err(vm.index_error("pop index out of range"))
        }
    }
}

fn ba_remove(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ba = this_ba(vm, a[0])?;
    let b = byte_value(vm, a[1], BYTE_RANGE)?;
    if ba.data.borrow().contains(&b) {
        crate::types::bytes::check_resizable(vm, ba)?;
    }
    let mut d = ba.data.borrow_mut();
    match d.iter().position(|&x| x == b) {
        Some(i) => {
            d.remove(i);
            Ok(Value::NONE)
        }
        None => {
            drop(d);
            Err(vm.value_error("value not found in bytearray"))
        }
    }
}

fn ba_reverse(vm: &mut Vm, a: &[Value]) -> PyResult {
    this_ba(vm, a[0])?.data.borrow_mut().reverse();
    Ok(Value::NONE)
}

#[cfg(test)]
mod tests {
    use crate::types::bytes::{new_bytearray, new_bytes};
    use crate::types::seq_methods::testutil::*;
    use crate::value::Value;

    #[test]
    fn bytes_methods() {
        let vm = &mut vm();
        let b = new_bytes(vm, b"  Hello, World!  ".to_vec());
        let cases: &[(&str, &str)] = &[
            ("strip", "b'Hello, World!'"),
            ("upper", "b'  HELLO, WORLD!  '"),
            ("swapcase", "b'  hELLO, wORLD!  '"),
            ("title", "b'  Hello, World!  '"),
            ("split", "[b'Hello,', b'World!']"),
            ("isascii", "True"),
            ("hex", "'202048656c6c6f2c20576f726c64212020'"),
            ("decode", "'  Hello, World!  '"),
        ];
        for (m, want) in cases {
            let r = meth(vm, b, m, &[]);
            assert_eq!(show(vm, r), *want, "{m}");
        }
        let o = new_bytes(vm, b"o".to_vec());
        let r = meth(vm, b, "rfind", &[o]);
        assert_eq!(show(vm, r), "10");
        let r = meth(vm, b, "count", &[int(108)]);
        assert_eq!(show(vm, r), "3");
        let sa = s(vm, "a");
        let r = meth(vm, b, "find", &[sa]);
        assert_eq!(
            show(vm, r),
            "TypeError: argument should be integer or bytes-like object, not 'str'"
        );
        let r = meth(vm, b, "__add__", &[sa]);
        assert_eq!(show(vm, r), "TypeError: can't concat str to bytes");
        let r = meth(vm, b, "__contains__", &[int(256)]);
        assert_eq!(show(vm, r), "ValueError: byte must be in range(0, 256)");
        let r = meth(vm, b, "__getitem__", &[int(2)]);
        assert_eq!(show(vm, r), "72");
        let r = meth(vm, b, "__getitem__", &[int(99)]);
        assert_eq!(show(vm, r), "IndexError: index out of range");
        let comma = new_bytes(vm, b",".to_vec());
        let r = meth(vm, b, "partition", &[comma]);
        assert_eq!(show(vm, r), "(b'  Hello', b',', b' World!  ')");
        let q = new_bytes(vm, b"'".to_vec());
        assert_eq!(repr(vm, q), "b\"'\"");
    }

    #[test]
    fn constructors() {
        let vm = &mut vm();
        let bt = vm.types.bytes;
        let bat = vm.types.bytearray;
        let r = call(vm, bt, &[int(3)]);
        assert_eq!(show(vm, r), "b'\\x00\\x00\\x00'");
        let r = call(vm, bt, &[int(-1)]);
        assert_eq!(show(vm, r), "ValueError: negative count");
        let l = list(vm, &[65, 66, 256]);
        let r = call(vm, bt, &[l]);
        assert_eq!(show(vm, r), "ValueError: bytes must be in range(0, 256)");
        let r = call(vm, bat, &[l]);
        assert_eq!(show(vm, r), "ValueError: byte must be in range(0, 256)");
        let e = s(vm, "é");
        let r = call(vm, bt, &[e]);
        assert_eq!(
            show(vm, r),
            "TypeError: string argument without an encoding"
        );
        let enc = s(vm, "utf-8");
        let r = call(vm, bt, &[e, enc]);
        assert_eq!(show(vm, r), "b'\\xc3\\xa9'");
        let f = crate::types::float::new_float(vm, 1.5);
        let r = call(vm, bat, &[f]);
        assert_eq!(
            show(vm, r),
            "TypeError: cannot convert 'float' object to bytearray"
        );
        let r = call(vm, bat, &[Value::NONE]);
        assert_eq!(
            show(vm, r),
            "TypeError: cannot convert 'NoneType' object to bytearray"
        );
        let h = s(vm, "de ad BE EF");
        let r = meth(vm, bt, "fromhex", &[h]);
        assert_eq!(show(vm, r), "b'\\xde\\xad\\xbe\\xef'");
        let h = s(vm, "abc");
        let r = meth(vm, bt, "fromhex", &[h]);
        assert_eq!(
            show(vm, r),
            "ValueError: non-hexadecimal number found in fromhex() arg at position 3"
        );
    }

    #[test]
    fn bytearray_mutation() {
        let vm = &mut vm();
        let ba = new_bytearray(vm, b"hello".to_vec());
        crate::ops::item::setitem(vm, ba, int(0), int(72)).unwrap();
        meth(vm, ba, "append", &[int(33)]).unwrap();
        assert_eq!(repr(vm, ba), "bytearray(b'Hello!')");
        let r = crate::ops::item::setitem(vm, ba, int(0), int(256)).map(|_| Value::NONE);
        assert_eq!(show(vm, r), "ValueError: byte must be in range(0, 256)");
        let sl = crate::types::range::new_slice(vm, Value::NONE, Value::NONE, int(2));
        let x = new_bytes(vm, b"x".to_vec());
        let r = crate::ops::item::setitem(vm, ba, sl, x).map(|_| Value::NONE);
        assert_eq!(
            show(vm, r),
            "ValueError: attempt to assign bytes of size 1 to extended slice of size 3"
        );
        crate::ops::item::delitem(vm, ba, sl).unwrap();
        assert_eq!(repr(vm, ba), "bytearray(b'el!')");
        let r = meth(vm, ba, "pop", &[]);
        assert_eq!(show(vm, r), "33");
        let r = meth(vm, ba, "remove", &[int(200)]);
        assert_eq!(show(vm, r), "ValueError: value not found in bytearray");
        let r = crate::ops::hash::hash(vm, ba).map(|_| Value::NONE);
        assert_eq!(show(vm, r), "TypeError: unhashable type: 'bytearray'");
        let r = meth(vm, ba, "upper", &[]);
        assert_eq!(show(vm, r), "bytearray(b'EL')");
        let r = meth(vm, ba, "__mul__", &[int(2)]);
        assert_eq!(show(vm, r), "bytearray(b'elel')");
    }

    #[test]
    fn decoding() {
        let vm = &mut vm();
        let cases: &[(&[u8], &str, &str, &str)] = &[
            (
                b"\xff",
                "utf-8",
                "strict",
                "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte",
            ),
            (
                b"a\xffb",
                "ascii",
                "strict",
                "UnicodeDecodeError: 'ascii' codec can't decode byte 0xff in position 1: ordinal not in range(128)",
            ),
            (
                b"\xf0\x9f\x98",
                "utf8",
                "strict",
                "UnicodeDecodeError: 'utf-8' codec can't decode bytes in position 0-2: unexpected end of data",
            ),
            (
                b"\xed\xa0\x80",
                "utf-8",
                "strict",
                "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte",
            ),
            (b"ok\xffok", "utf-8", "replace", "'ok\u{fffd}ok'"),
            (b"ok\xffok", "utf-8", "ignore", "'okok'"),
            (b"\xff\xfe", "latin-1", "strict", "'ÿþ'"),
            (
                b"a",
                "bogus",
                "strict",
                "LookupError: unknown encoding: bogus",
            ),
        ];
        for (data, enc, errors, want) in cases {
            let b = new_bytearray(vm, data.to_vec());
            let e = s(vm, enc);
            let h = s(vm, errors);
            let r = meth(vm, b, "decode", &[e, h]);
            assert_eq!(show(vm, r), *want);
        }
    }

    #[test]
    fn percent_format() {
        let vm = &mut vm();
        let fmt = new_bytes(vm, b"%d-%s|%5.2f|%-4x|%c%%".to_vec());
        let x = new_bytes(vm, b"x".to_vec());
        let f = crate::types::float::new_float(vm, 3.14159);
        let t = crate::types::tuple::new_tuple(vm, vec![int(5), x, f, int(255), int(65)]);
        let r = meth(vm, fmt, "__mod__", &[t]);
        assert_eq!(show(vm, r), "b'5-x| 3.14|ff  |A%'");
        let fmt = new_bytes(vm, b"%s".to_vec());
        let sx = s(vm, "x");
        let r = meth(vm, fmt, "__mod__", &[sx]);
        assert_eq!(
            show(vm, r),
            "TypeError: %b requires a bytes-like object, or an object that implements __bytes__, not 'str'"
        );
        let fmt = new_bytes(vm, b"ab".to_vec());
        let r = meth(vm, fmt, "__mod__", &[int(1)]);
        assert_eq!(
            show(vm, r),
            "TypeError: not all arguments converted during bytes formatting"
        );
        let fmt = new_bytes(vm, b"%z".to_vec());
        let r = meth(vm, fmt, "__mod__", &[int(1)]);
        assert_eq!(
            show(vm, r),
            "ValueError: unsupported format character 'z' (0x7a) at index 1"
        );
    }
}
