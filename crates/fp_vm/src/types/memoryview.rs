//! `memoryview`: one-dimensional views (format `'B'`, item size 1) of `bytes` and `bytearray`.
//!
//! A view keeps its exporter plus `start`/`step`/`len` and reads the exporter's current bytes
//! on every access, so a view of a bytearray sees (and, being writable, makes) changes.
//! `types::bytes::bytes_data` reads views too, which gives them to every bytes-like consumer
//! (`bytes(m)`, `b"".join`, comparisons...). Multi-dimensional views and `cast` come with the
//! buffer protocol of the native modules.

use crate::heap::alloc;
use crate::native::NativeDef;
use crate::object::{ObjKind, Payload, Trace};
use crate::ops;
use crate::types::bytes::{ByteArrayObj, BytesObj};
use crate::types::typeobj::{self, TypeFlags};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};
use std::cell::Cell;

pub struct MemoryViewObj {
    /// The exporter: a bytes or bytearray object.
    pub obj: Value,
    pub start: usize,
    pub step: isize,
    pub len: usize,
    pub released: Cell<bool>,
    pub readonly: bool,
    /// The struct-module format of one item ('B' unless made by `cast`).
    pub fmt: u8,
    /// Bytes per item; `step` and `start` stay in bytes.
    pub itemsize: usize,
}

impl Trace for MemoryViewObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.obj.trace(visit)
    }
}

impl Payload for MemoryViewObj {
    const KIND: ObjKind = ObjKind::MemoryView;
}

impl MemoryViewObj {
    /// Index into the exporter's bytes of item `i`.
    fn offset(&self, i: usize) -> usize {
        (self.start as isize + i as isize * self.step) as usize
    }

    /// The viewed bytes, read from the exporter now (items beyond a shrunk bytearray are
    /// left out).
    pub fn data(&self) -> Vec<u8> {
        with_exporter(self.obj, |b| self.gather(b)).unwrap_or_default()
    }

    /// The viewed bytes of `base` (the exporter's bytes): one copy when the view is
    /// contiguous (marshal.loads of a code cache reads such a view of the whole file).
    fn gather(&self, base: &[u8]) -> Vec<u8> {
        let n = self.len * self.itemsize;
        if self.step == self.itemsize as isize
            && let Some(b) = base.get(self.start..self.start + n)
        {
            return b.to_vec();
        }
        let mut out = Vec::with_capacity(n);
        for i in 0..self.len {
            let o = self.offset(i);
            if let Some(b) = base.get(o..o + self.itemsize) {
                out.extend_from_slice(b);
            }
        }
        out
    }

    /// The viewed bytes without a copy, when the exporter is an (immutable) bytes object and
    /// the view is contiguous and not released.
    pub fn bytes_slice(&self) -> Option<&[u8]> {
        if self.released.get() || self.step != self.itemsize as isize {
            return None;
        }
        let b = self.obj.downcast::<BytesObj>()?;
        b.data
            .get(self.start..self.start + self.len * self.itemsize)
    }

    /// Item `i` as a Python value, decoded by the view's format.
    fn item(&self, vm: &mut Vm, base: &[u8], i: usize) -> Option<Value> {
        let o = self.offset(i);
        let b = base.get(o..o + self.itemsize)?;
        Some(decode_item(vm, self.fmt, b))
    }
}

/// Item size of a native single-character struct format (`@` prefix allowed), if supported.
fn format_size(fmt: &str) -> Option<(u8, usize)> {
    let f = fmt.strip_prefix('@').unwrap_or(fmt);
    let &[c] = f.as_bytes() else { return None };
    let size = match c {
        b'B' | b'b' | b'c' | b'?' => 1,
        b'H' | b'h' | b'e' => 2,
        b'I' | b'i' | b'f' => 4,
        b'L' | b'l' | b'Q' | b'q' | b'N' | b'n' | b'P' | b'd' => 8,
        _ => return None,
    };
    Some((c, size))
}

fn decode_item(vm: &mut Vm, fmt: u8, b: &[u8]) -> Value {
    let mut w = [0u8; 8];
    w[..b.len()].copy_from_slice(b);
    let u = u64::from_le_bytes(w);
    let signed = |bits: u32| ((u << (64 - bits)) as i64) >> (64 - bits);
    match fmt {
        b'b' => crate::types::int::from_i64(vm, signed(8)),
        b'h' => crate::types::int::from_i64(vm, signed(16)),
        b'i' => crate::types::int::from_i64(vm, signed(32)),
        b'l' | b'q' | b'n' => crate::types::int::from_i64(vm, u as i64),
        b'c' => crate::types::bytes::new_bytes(vm, b.to_vec()),
        b'?' => Value::from_bool(u != 0),
        b'f' => crate::types::float::new_float(vm, f32::from_bits(u as u32) as f64),
        b'd' => crate::types::float::new_float(vm, f64::from_bits(u)),
        b'e' => crate::types::float::new_float(vm, half_to_f64(u as u16)),
        _ => crate::types::int::from_u64(vm, u),
    }
}

fn half_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = ((h >> 10) & 0x1f) as i32;
    let frac = (h & 0x3ff) as f64;
    sign * match exp {
        0 => frac * 2f64.powi(-24),
        31 if frac == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        e => (1.0 + frac / 1024.0) * 2f64.powi(e - 15),
    }
}

fn exporter_bytes(obj: Value) -> Vec<u8> {
    if let Some(b) = obj.downcast::<BytesObj>() {
        return b.data.to_vec();
    }
    if let Some(c) = crate::modules::array::data_cell(obj) {
        return c.borrow().clone();
    }
    obj.downcast::<ByteArrayObj>()
        .map(|b| b.data.borrow().clone())
        .unwrap_or_default()
}

/// Runs `f` on the exporter's bytes in place (bytes, bytearray or array).
fn with_exporter<R>(obj: Value, f: impl FnOnce(&[u8]) -> R) -> Option<R> {
    if let Some(b) = obj.downcast::<BytesObj>() {
        return Some(f(&b.data));
    }
    exporter_cell(obj).map(|c| f(&c.borrow()))
}

/// The writable storage of an exporter (bytearray or array).
fn exporter_cell(obj: Value) -> Option<&'static std::cell::RefCell<Vec<u8>>> {
    if let Some(b) = obj.downcast::<ByteArrayObj>() {
        return Some(&b.data);
    }
    crate::modules::array::data_cell(obj)
}

pub fn install(vm: &mut Vm) {
    let object = vm.types.object;
    let t = typeobj::new_static_type(
        vm,
        "memoryview",
        object,
        ObjKind::MemoryView,
        TypeFlags::SEQUENCE,
    );
    vm.types.memoryview = t;
    typeobj::add_methods(vm, t, METHODS);
    typeobj::add_getsets(vm, t, GETSETS);
    // Writable views are unhashable, read-only ones hash like their bytes (`__hash__` checks).
}

static METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, object)", mv_new),
    native!("__len__", "($self, /)", mv_len),
    native!("__getitem__", "($self, key, /)", mv_getitem),
    native!("__setitem__", "($self, key, value, /)", mv_setitem),
    native!("__delitem__", "($self, key, /)", mv_delitem),
    native!("__eq__", "($self, value, /)", mv_eq),
    native!("__ne__", "($self, value, /)", mv_ne),
    native!("__hash__", "($self, /)", mv_hash),
    native!("__repr__", "($self, /)", mv_repr),
    native!("__enter__", "($self, /)", mv_enter),
    native!("__exit__", "($self, /, *args)", mv_exit),
    native!("__bytes__", "($self, /)", mv_tobytes),
    native!("tobytes", "($self, /, order='C')", mv_tobytes),
    native!("tolist", "($self, /)", mv_tolist),
    native!(
        "hex",
        "($self, /, sep=<unrepresentable>, bytes_per_sep=1)",
        mv_hex
    ),
    native!("release", "($self, /)", mv_release),
    native!("toreadonly", "($self, /)", mv_toreadonly),
    native!(
        "cast",
        "($self, /, format, shape=<unrepresentable>)",
        mv_cast
    ),
];

static GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("obj", "($self, /)", mv_obj), None),
    (native!("nbytes", "($self, /)", mv_nbytes), None),
    (native!("readonly", "($self, /)", mv_readonly), None),
    (native!("itemsize", "($self, /)", mv_itemsize), None),
    (native!("format", "($self, /)", mv_format), None),
    (native!("ndim", "($self, /)", mv_ndim), None),
    (native!("shape", "($self, /)", mv_shape), None),
    (native!("strides", "($self, /)", mv_strides), None),
    (native!("c_contiguous", "($self, /)", mv_contiguous), None),
    (native!("f_contiguous", "($self, /)", mv_contiguous), None),
    (native!("contiguous", "($self, /)", mv_contiguous), None),
];

/// The view, or ValueError once released.
fn view(vm: &mut Vm, v: Value) -> PyResult<&'static MemoryViewObj> {
    let Some(m) = v.downcast::<MemoryViewObj>() else {
        return Err(vm.type_error(format!(
            "descriptor requires a 'memoryview' object but received '{}'",
            vm.type_name(v)
        )));
    };
    if m.released.get() {
        return Err(vm.value_error("operation forbidden on released memoryview object"));
    }
    Ok(m)
}

fn new_view(vm: &mut Vm, obj: Value, start: usize, step: isize, len: usize, ro: bool) -> Value {
    new_view_fmt(vm, obj, (start, step, len), ro, (b'B', 1))
}

pub(crate) fn new_view_fmt(
    vm: &mut Vm,
    obj: Value,
    (start, step, len): (usize, isize, usize),
    readonly: bool,
    (fmt, itemsize): (u8, usize),
) -> Value {
    alloc(
        vm.types.memoryview,
        MemoryViewObj {
            obj,
            start,
            step,
            len,
            released: Cell::new(false),
            readonly,
            fmt,
            itemsize,
        },
    )
}

/// `cast(format, shape=None)`: a one-dimensional view of the same bytes as items of `format`.
fn mv_cast(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = view(vm, a[0])?;
    let Some(f) = crate::types::str::as_str(a[1]) else {
        return Err(vm.type_error(format!(
            "cast() argument 'format' must be str, not {}",
            vm.type_name(a[1])
        )));
    };
    let Some((fmt, itemsize)) = format_size(f) else {
        return Err(vm.value_error(
            "memoryview: destination format must be a native single character format prefixed with an optional '@'",
        ));
    };
    if m.step != m.itemsize as isize {
        return Err(vm.type_error("memoryview: casts are restricted to C-contiguous views"));
    }
    if m.fmt != b'B' && m.fmt != b'b' && m.fmt != b'c' && fmt != b'B' && fmt != b'b' && fmt != b'c'
    {
        return Err(vm.type_error("memoryview: cannot cast between two non-byte formats"));
    }
    let nbytes = m.len * m.itemsize;
    if nbytes % itemsize != 0 {
        return Err(vm.type_error("memoryview: length is not a multiple of itemsize"));
    }
    if !a[2].is_null() && !a[2].is_none() {
        let dims = crate::ops::iter::collect(vm, a[2])?;
        let n = match dims.as_slice() {
            [d] => crate::ops::number::index_i64(vm, *d)?,
            _ => {
                return Err(vm.new_exc(
                    vm.exc.not_implemented_error,
                    "memoryview.cast() to more than one dimension is not supported by ferropy yet",
                ));
            }
        };
        if n < 0 || n as usize * itemsize != nbytes {
            return Err(vm.type_error("memoryview: product(shape) * itemsize != buffer size"));
        }
    }
    let len = nbytes / itemsize;
    Ok(new_view_fmt(
        vm,
        m.obj,
        (m.start, itemsize as isize, len),
        m.readonly,
        (fmt, itemsize),
    ))
}

/// `memoryview(object)`.
pub fn mv_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let o = a[1];
    // A pickle.PickleBuffer exports the view it holds.
    if let Some(inner) = crate::modules::pickle_::exported_view(vm, o) {
        return mv_new(vm, &[a[0], inner?]);
    }
    if o.is::<MemoryViewObj>() {
        let m = view(vm, o)?;
        let fi = (m.fmt, m.itemsize);
        return Ok(new_view_fmt(
            vm,
            m.obj,
            (m.start, m.step, m.len),
            m.readonly,
            fi,
        ));
    }
    if let Some(b) = o.downcast::<BytesObj>() {
        let n = b.data.len();
        return Ok(new_view(vm, o, 0, 1, n, true));
    }
    if let Some(b) = o.downcast::<ByteArrayObj>() {
        let n = b.data.borrow().len();
        return Ok(new_view(vm, o, 0, 1, n, false));
    }
    // An array exports its items with its type code as the format.
    if let Some((code, data)) = crate::modules::array::typecode_and_data(o)
        && let Some((fmt, size)) = format_size(&(code as char).to_string())
    {
        let n = data.borrow().len() / size;
        return Ok(new_view_fmt(
            vm,
            o,
            (0, size as isize, n),
            false,
            (fmt, size),
        ));
    }
    Err(vm.type_error(format!(
        "memoryview: a bytes-like object is required, not '{}'",
        vm.type_name(o)
    )))
}

fn mv_len(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = view(vm, a[0])?;
    Ok(crate::types::int::from_usize(vm, m.len))
}

/// An item index (negative from the end) checked against the view's length.
fn item_index(vm: &mut Vm, m: &MemoryViewObj, k: Value) -> PyResult<usize> {
    let i = ops::number::index_clamped(vm, k)?;
    let j = if i < 0 { i + m.len as i64 } else { i };
    if j < 0 || j >= m.len as i64 {
        return Err(vm.index_error("index out of bounds on dimension 1"));
    }
    Ok(j as usize)
}

/// `(start, step, len)` of a slice of the view, in the exporter's coordinates.
fn slice_view(vm: &mut Vm, m: &MemoryViewObj, k: Value) -> PyResult<(usize, isize, usize)> {
    let Some(sl) = k.downcast::<crate::types::range::SliceObj>() else {
        return Err(vm.type_error("memoryview: invalid slice key"));
    };
    let (s, _e, st, n) = crate::types::range::slice_indices(vm, sl, m.len as i64)?;
    let n = n.max(0) as usize;
    let start = if n == 0 {
        m.start
    } else {
        m.offset(s as usize)
    };
    Ok((start, st as isize * m.step, n))
}

fn is_index(vm: &mut Vm, k: Value) -> bool {
    crate::types::int::int_ref(k).is_some() || ops::has_special(vm, k, vm.names.index)
}

fn mv_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = view(vm, a[0])?;
    let k = a[1];
    if k.is::<crate::types::range::SliceObj>() {
        let (start, step, n) = slice_view(vm, m, k)?;
        let fi = (m.fmt, m.itemsize);
        return Ok(new_view_fmt(vm, m.obj, (start, step, n), m.readonly, fi));
    }
    if k == Value::ELLIPSIS {
        return Ok(a[0]);
    }
    if !is_index(vm, k) {
        return Err(vm.type_error("memoryview: invalid slice key"));
    }
    let i = item_index(vm, m, k)?;
    // Only the item's bytes are read (not a copy of the whole exporter per index).
    let o = m.offset(i);
    let raw: Option<Vec<u8>> =
        with_exporter(m.obj, |b| b.get(o..o + m.itemsize).map(<[u8]>::to_vec)).flatten();
    match raw.map(|b| decode_item(vm, m.fmt, &b)) {
        Some(v) => Ok(v),
        None => Err(vm.index_error("index out of bounds on dimension 1")),
    }
}

fn byte_value(vm: &mut Vm, v: Value) -> PyResult<u8> {
    let Some(i) = crate::types::int::int_ref(v) else {
        return Err(vm.type_error("memoryview: invalid type for format 'B'"));
    };
    match i.to_i64() {
        Some(x) if (0..=255).contains(&x) => Ok(x as u8),
        _ => Err(vm.value_error("memoryview: invalid value for format 'B'")),
    }
}

fn mv_setitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = view(vm, a[0])?;
    if m.readonly {
        return Err(vm.type_error("cannot modify read-only memory"));
    }
    let Some(target) = exporter_cell(m.obj) else {
        return Err(vm.type_error("cannot modify read-only memory"));
    };
    if m.fmt != b'B' {
        return Err(vm.new_exc(
            vm.exc.not_implemented_error,
            format!(
                "memoryview: item assignment for format '{}' is not supported by ferropy yet",
                m.fmt as char
            ),
        ));
    }
    let (k, v) = (a[1], a[2]);
    let (offsets, values) = if k.is::<crate::types::range::SliceObj>() {
        let (start, step, n) = slice_view(vm, m, k)?;
        let Some(src) = crate::types::bytes::bytes_data(v) else {
            return Err(vm.type_error(format!(
                "a bytes-like object is required, not '{}'",
                vm.type_name(v)
            )));
        };
        if src.len() != n {
            return Err(vm.value_error(
                "memoryview assignment: lvalue and rvalue have different structures",
            ));
        }
        let offs: Vec<usize> = (0..n)
            .map(|i| (start as isize + i as isize * step) as usize)
            .collect();
        (offs, src)
    } else {
        if !is_index(vm, k) {
            return Err(vm.type_error("memoryview: invalid slice key"));
        }
        let i = item_index(vm, m, k)?;
        let b = byte_value(vm, v)?;
        (vec![m.offset(i)], vec![b])
    };
    let mut data = target.borrow_mut();
    for (o, b) in offsets.into_iter().zip(values) {
        match data.get_mut(o) {
            Some(slot) => *slot = b,
            None => {
                drop(data);
                return Err(vm.index_error("index out of bounds on dimension 1"));
            }
        }
    }
    Ok(Value::NONE)
}

fn mv_delitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = view(vm, a[0])?;
    if m.readonly {
        return Err(vm.type_error("cannot modify read-only memory"));
    }
    Err(vm.type_error("cannot delete memory"))
}

fn mv_equal(vm: &mut Vm, a: &[Value]) -> PyResult<Option<bool>> {
    let Some(m) = a[0].downcast::<MemoryViewObj>() else {
        return Ok(None);
    };
    if a[0] == a[1] {
        return Ok(Some(true));
    }
    let other_released = a[1]
        .downcast::<MemoryViewObj>()
        .is_some_and(|o| o.released.get());
    if m.released.get() || other_released {
        return Ok(Some(false));
    }
    let Some(other) = crate::types::bytes::bytes_data(a[1]) else {
        return Ok(None);
    };
    let _ = vm;
    Ok(Some(m.data() == other))
}

fn mv_eq(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(match mv_equal(vm, a)? {
        Some(b) => Value::from_bool(b),
        None => Value::NOT_IMPLEMENTED,
    })
}

fn mv_ne(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(match mv_equal(vm, a)? {
        Some(b) => Value::from_bool(!b),
        None => Value::NOT_IMPLEMENTED,
    })
}

fn mv_hash(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = view(vm, a[0])?;
    if !m.readonly {
        return Err(vm.value_error("cannot hash writable memoryview object"));
    }
    let h = crate::types::str::hash_bytes(&m.data());
    Ok(crate::types::int::from_i64(vm, h))
}

fn mv_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let released = a[0]
        .downcast::<MemoryViewObj>()
        .is_some_and(|m| m.released.get());
    let what = if released {
        "released memory"
    } else {
        "memory"
    };
    Ok(vm.new_string(format!("<{what} at {:#x}>", a[0].bits())))
}

fn mv_enter(vm: &mut Vm, a: &[Value]) -> PyResult {
    view(vm, a[0])?;
    Ok(a[0])
}

fn mv_exit(vm: &mut Vm, a: &[Value]) -> PyResult {
    mv_release(vm, a)
}

fn mv_tobytes(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = view(vm, a[0])?;
    let d = m.data();
    Ok(crate::types::bytes::new_bytes(vm, d))
}

fn mv_tolist(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = view(vm, a[0])?;
    let base = exporter_bytes(m.obj);
    let items: Vec<Value> = (0..m.len).filter_map(|i| m.item(vm, &base, i)).collect();
    Ok(crate::types::list::new_list(vm, items))
}

/// `hex(sep=..., bytes_per_sep=1)`: the same as `bytes(m).hex(...)`.
fn mv_hex(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = view(vm, a[0])?;
    let b = crate::types::bytes::new_bytes(vm, m.data());
    let hex = ops::attr::getattr_str(vm, b, "hex")?;
    let mut args = Vec::new();
    for v in [a[1], a[2]] {
        if v.is_null() {
            break;
        }
        args.push(v);
    }
    ops::call::call(vm, hex, &args)
}

fn mv_release(vm: &mut Vm, a: &[Value]) -> PyResult {
    if let Some(m) = a[0].downcast::<MemoryViewObj>() {
        m.released.set(true);
        Ok(Value::NONE)
    } else {
        view(vm, a[0]).map(|_| Value::NONE)
    }
}

fn mv_toreadonly(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = view(vm, a[0])?;
    let fi = (m.fmt, m.itemsize);
    Ok(new_view_fmt(vm, m.obj, (m.start, m.step, m.len), true, fi))
}

fn mv_obj(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(view(vm, a[0])?.obj)
}
fn mv_readonly(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(Value::from_bool(view(vm, a[0])?.readonly))
}
fn mv_itemsize(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = view(vm, a[0])?.itemsize;
    Ok(crate::types::int::from_usize(vm, n))
}
fn mv_format(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = view(vm, a[0])?.fmt;
    Ok(vm.intern(&(f as char).to_string()))
}
fn mv_nbytes(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = view(vm, a[0])?;
    Ok(crate::types::int::from_usize(vm, m.len * m.itemsize))
}
fn mv_ndim(vm: &mut Vm, a: &[Value]) -> PyResult {
    view(vm, a[0])?;
    Ok(Value::try_small_int(1).unwrap_or(Value::NONE))
}
fn mv_shape(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = view(vm, a[0])?.len;
    let v = crate::types::int::from_usize(vm, n);
    Ok(crate::types::tuple::new_tuple(vm, vec![v]))
}
fn mv_strides(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = view(vm, a[0])?.step;
    let v = crate::types::int::from_i64(vm, s as i64);
    Ok(crate::types::tuple::new_tuple(vm, vec![v]))
}
fn mv_contiguous(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = view(vm, a[0])?;
    Ok(Value::from_bool(m.step == 1 || m.len <= 1))
}
