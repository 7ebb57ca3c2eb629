//! `memoryview`: views of `bytes`, `bytearray` and `array.array`, of any number of dimensions
//! (`cast(format, shape)`), with the native single-character item formats
//! (`memoryview_item.rs`).
//!
//! A view keeps its exporter plus the first dimension as `start`/`step`/`len` (bytes) and the
//! further dimensions as `inner` (length, stride in bytes), and reads the exporter's current
//! bytes on every access, so a view of a bytearray sees (and, being writable, makes) changes.
//! `types::bytes::bytes_data` reads views too (their bytes in C order), which gives them to
//! every bytes-like consumer (`bytes(m)`, `b"".join`, binascii...). As in CPython, n-d views
//! can be sliced along the first dimension and indexed with full tuples only.

use crate::heap::alloc;
use crate::native::NativeDef;
use crate::object::{ObjKind, Payload, Trace};
use crate::ops;
use crate::types::bytes::{ByteArrayObj, BytesObj};
use crate::types::memoryview_item;
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
    /// Length and stride (bytes) of each dimension after the first; empty for 1-D views.
    pub inner: Vec<(usize, isize)>,
    /// A 0-dimensional view (`cast(format, [])`): one item, at `start`.
    pub zero_dim: bool,
    /// The hash, once computed (a released view keeps answering with it, as CPython's).
    pub hash: Cell<Option<i64>>,
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

    /// The viewed bytes in C order, read from the exporter now (items beyond a shrunk
    /// bytearray are left out).
    pub fn data(&self) -> Vec<u8> {
        with_exporter(self.obj, |b| self.gather(b, false)).unwrap_or_default()
    }

    pub fn ndim(&self) -> usize {
        if self.zero_dim {
            0
        } else {
            1 + self.inner.len()
        }
    }

    pub fn shape(&self) -> Vec<usize> {
        if self.zero_dim {
            return Vec::new();
        }
        std::iter::once(self.len)
            .chain(self.inner.iter().map(|d| d.0))
            .collect()
    }

    pub fn strides(&self) -> Vec<isize> {
        if self.zero_dim {
            return Vec::new();
        }
        std::iter::once(self.step)
            .chain(self.inner.iter().map(|d| d.1))
            .collect()
    }

    /// Number of items.
    pub fn item_count(&self) -> usize {
        self.shape().iter().product()
    }

    pub fn nbytes(&self) -> usize {
        self.item_count() * self.itemsize
    }

    /// Whether the items lie in C order (`fortran`: Fortran order) without gaps.
    pub fn is_contiguous(&self, fortran: bool) -> bool {
        let (shape, strides) = (self.shape(), self.strides());
        if shape.contains(&0) {
            return true;
        }
        let mut expected = self.itemsize as isize;
        let mut dims: Vec<usize> = (0..shape.len()).collect();
        if !fortran {
            dims.reverse();
        }
        for d in dims {
            if shape[d] > 1 && strides[d] != expected {
                return false;
            }
            expected *= shape[d] as isize;
        }
        true
    }

    /// Byte offsets into the exporter of every item, in C order (or Fortran order).
    fn offsets(&self, fortran: bool) -> Vec<usize> {
        let (shape, strides) = (self.shape(), self.strides());
        let n: usize = shape.iter().product();
        let mut out = Vec::with_capacity(n);
        if n == 0 {
            return out;
        }
        let mut idx = vec![0usize; shape.len()];
        loop {
            let off = self.start as isize
                + idx
                    .iter()
                    .zip(&strides)
                    .map(|(&i, &s)| i as isize * s)
                    .sum::<isize>();
            out.push(off as usize);
            // Advance the multi-index: the last dimension fastest (C) or the first (Fortran).
            let mut k = 0;
            loop {
                if k == shape.len() {
                    return out;
                }
                let d = if fortran { k } else { shape.len() - 1 - k };
                idx[d] += 1;
                if idx[d] < shape[d] {
                    break;
                }
                idx[d] = 0;
                k += 1;
            }
        }
    }

    /// Exporter positions of the viewed bytes, in C order (where `data()` takes them from).
    pub fn byte_offsets(&self) -> Vec<usize> {
        let size = self.itemsize;
        self.offsets(false)
            .into_iter()
            .flat_map(|o| o..o + size)
            .collect()
    }

    /// The viewed bytes of `base` (the exporter's bytes): one copy when the view is
    /// contiguous (marshal.loads of a code cache reads such a view of the whole file).
    fn gather(&self, base: &[u8], fortran: bool) -> Vec<u8> {
        let n = self.nbytes();
        if self.is_contiguous(fortran)
            && let Some(b) = base.get(self.start..self.start + n)
        {
            return b.to_vec();
        }
        let mut out = Vec::with_capacity(n);
        for o in self.offsets(fortran) {
            if let Some(b) = base.get(o..o + self.itemsize) {
                out.extend_from_slice(b);
            }
        }
        out
    }

    /// The viewed bytes without a copy, when the exporter is an (immutable) bytes object and
    /// the view is contiguous and not released.
    pub fn bytes_slice(&self) -> Option<&[u8]> {
        if self.released.get() || !self.is_contiguous(false) {
            return None;
        }
        let b = self.obj.downcast::<BytesObj>()?;
        b.data.get(self.start..self.start + self.nbytes())
    }
}

/// Runs `f` on the exporter's bytes in place (bytes, bytearray or array).
fn with_exporter<R>(obj: Value, f: impl FnOnce(&[u8]) -> R) -> Option<R> {
    if let Some(b) = obj.downcast::<BytesObj>() {
        return Some(f(&b.data));
    }
    exporter_cell(obj).map(|c| f(&c.borrow()))
}

/// The writable storage of an exporter (bytearray or array).
pub(crate) fn exporter_cell(obj: Value) -> Option<&'static std::cell::RefCell<Vec<u8>>> {
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
    native!("__bytes__", "($self, /)", mv_bytes),
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
    (native!("suboffsets", "($self, /)", mv_suboffsets), None),
    (native!("c_contiguous", "($self, /)", mv_c_contiguous), None),
    (native!("f_contiguous", "($self, /)", mv_f_contiguous), None),
    (native!("contiguous", "($self, /)", mv_contiguous), None),
];

/// NotImplementedError for item access in a format the struct module lacks ('w').
fn check_item_format(vm: &mut Vm, m: &MemoryViewObj) -> PyResult<()> {
    if memoryview_item::format_size(&(m.fmt as char).to_string()).is_none() {
        return Err(vm.not_implemented_error(format!(
            "memoryview: format {} not supported",
            m.fmt as char
        )));
    }
    Ok(())
}

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
            inner: Vec::new(),
            zero_dim: false,
            hash: Cell::new(None),
        },
    )
}

/// A copy of view `m` with another first dimension and read-only flag (same format and
/// inner dimensions).
fn derive_view(
    vm: &mut Vm,
    m: &MemoryViewObj,
    (start, step, len): (usize, isize, usize),
    readonly: bool,
) -> Value {
    alloc(
        vm.types.memoryview,
        MemoryViewObj {
            obj: m.obj,
            start,
            step,
            len,
            released: Cell::new(false),
            readonly,
            fmt: m.fmt,
            itemsize: m.itemsize,
            inner: m.inner.clone(),
            zero_dim: m.zero_dim,
            hash: Cell::new(None),
        },
    )
}

/// `cast(format, shape=None)`: a C-contiguous view of the same bytes as items of `format`,
/// one-dimensional or of `shape` (CPython allows 1-D -> N-D and N-D -> 1-D only).
fn mv_cast(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = view(vm, a[0])?;
    let Some(f) = crate::types::str::as_str(a[1]) else {
        return Err(vm.type_error(format!(
            "cast() argument 'format' must be str, not {}",
            vm.type_name(a[1])
        )));
    };
    let f = f.to_string();
    let shape_arg = (!a[2].is_null() && !a[2].is_none()).then_some(a[2]);
    if !m.is_contiguous(false) {
        return Err(vm.type_error("memoryview: casts are restricted to C-contiguous views"));
    }
    if (shape_arg.is_some() || m.ndim() != 1) && m.shape().contains(&0) {
        return Err(vm.type_error("memoryview: cannot cast view with zeros in shape or strides"));
    }
    let mut dims_in: Option<Vec<Value>> = None;
    if let Some(s) = shape_arg {
        let items = if let Some(t) = s.downcast::<crate::types::tuple::TupleObj>() {
            t.items.to_vec()
        } else if let Some(l) = s.downcast::<crate::types::list::ListObj>() {
            l.items.borrow().clone()
        } else {
            return Err(vm.type_error("shape must be a list or a tuple"));
        };
        if items.len() > 64 {
            return Err(vm.value_error("memoryview: number of dimensions must not exceed 64"));
        }
        if m.ndim() != 1 && items.len() != 1 {
            return Err(vm.type_error("memoryview: cast must be 1D -> ND or ND -> 1D"));
        }
        dims_in = Some(items);
    }
    let Some((fmt, itemsize)) = memoryview_item::format_size(&f) else {
        return Err(vm.value_error(
            "memoryview: destination format must be a native single character format prefixed with an optional '@'",
        ));
    };
    let byte_fmt = |c: u8| matches!(c, b'B' | b'b' | b'c');
    if !byte_fmt(m.fmt) && !byte_fmt(fmt) {
        return Err(vm.type_error("memoryview: cannot cast between two non-byte formats"));
    }
    let nbytes = m.nbytes();
    if nbytes % itemsize != 0 {
        return Err(vm.type_error("memoryview: length is not a multiple of itemsize"));
    }
    let mut shape = vec![nbytes / itemsize];
    if let Some(items) = dims_in {
        shape.clear();
        for d in items {
            let Some(i) = crate::types::int::int_ref(d) else {
                return Err(vm.type_error("memoryview.cast(): elements of shape must be integers"));
            };
            match i.to_i64() {
                Some(n) if n > 0 => shape.push(n as usize),
                _ => {
                    return Err(
                        vm.value_error("memoryview.cast(): elements of shape must be integers > 0")
                    );
                }
            }
        }
        let total = shape
            .iter()
            .try_fold(itemsize, |acc, &d| acc.checked_mul(d));
        match total {
            Some(t) if t == nbytes => {}
            Some(_) => {
                return Err(vm.type_error("memoryview: product(shape) * itemsize != buffer size"));
            }
            None => {
                return Err(vm.value_error("memoryview.cast(): product(shape) > SSIZE_MAX"));
            }
        }
    }
    // C-order strides of the new shape.
    let mut strides = vec![0isize; shape.len()];
    let mut acc = itemsize as isize;
    for d in (0..shape.len()).rev() {
        strides[d] = acc;
        acc *= shape[d] as isize;
    }
    let (len, step) = match (shape.first(), strides.first()) {
        (Some(&l), Some(&s)) => (l, s),
        _ => (1, itemsize as isize),
    };
    let inner = shape
        .iter()
        .zip(&strides)
        .skip(1)
        .map(|(&l, &s)| (l, s))
        .collect();
    Ok(alloc(
        vm.types.memoryview,
        MemoryViewObj {
            obj: m.obj,
            start: m.start,
            step,
            len,
            released: Cell::new(false),
            readonly: m.readonly,
            fmt,
            itemsize,
            inner,
            zero_dim: shape.is_empty(),
            hash: Cell::new(None),
        },
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
        return Ok(derive_view(vm, m, (m.start, m.step, m.len), m.readonly));
    }
    if let Some(b) = o.downcast::<BytesObj>() {
        let n = b.data.len();
        return Ok(new_view(vm, o, 0, 1, n, true));
    }
    if let Some(b) = o.downcast::<ByteArrayObj>() {
        let n = b.data.borrow().len();
        return Ok(new_view(vm, o, 0, 1, n, false));
    }
    // An array exports its items with its type code as the format ('u' as wchar_t, 'w').
    if let Some((code, data)) = crate::modules::array::typecode_and_data(o)
        && let Some((fmt, size)) = if code == b'u' {
            Some((b'w', 4))
        } else {
            memoryview_item::format_size(&(code as char).to_string())
        }
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

/// An index (negative from the end) checked against a dimension's length.
fn dim_index(vm: &mut Vm, k: Value, len: usize, dim: usize) -> PyResult<usize> {
    let i = ops::number::index_clamped(vm, k)?;
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(vm.index_error(format!("index out of bounds on dimension {dim}")));
    }
    Ok(j as usize)
}

/// `(start, step, len)` of a slice of the view's first dimension, in the exporter's
/// coordinates.
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

/// What a subscript key addresses.
enum Key {
    /// One item, by its byte offset in the exporter.
    Item(usize),
    /// A slice of the first dimension.
    Slice,
    /// `...`: the whole view.
    Whole,
}

/// Resolves a subscript key the way CPython's memoryview does (same errors, same order).
fn resolve_key(vm: &mut Vm, m: &MemoryViewObj, k: Value, assigning: bool) -> PyResult<Key> {
    let not_impl = |vm: &mut Vm, msg: &str| vm.not_implemented_error(msg);
    if m.zero_dim {
        if k == Value::ELLIPSIS {
            return Ok(Key::Whole);
        }
        if k.downcast::<crate::types::tuple::TupleObj>()
            .is_some_and(|t| t.items.is_empty())
        {
            return Ok(Key::Item(m.start));
        }
        return Err(vm.type_error("invalid indexing of 0-dim memory"));
    }
    if is_index(vm, k) {
        if m.ndim() > 1 {
            let msg = if assigning {
                "sub-views are not implemented"
            } else {
                "multi-dimensional sub-views are not implemented"
            };
            return Err(not_impl(vm, msg));
        }
        let i = dim_index(vm, k, m.len, 1)?;
        return Ok(Key::Item(m.offset(i)));
    }
    if k.is::<crate::types::range::SliceObj>() {
        return Ok(Key::Slice);
    }
    if let Some(t) = k.downcast::<crate::types::tuple::TupleObj>() {
        let keys = t.items.to_vec();
        let mut all_index = true;
        for &x in &keys {
            if !is_index(vm, x) {
                all_index = false;
                break;
            }
        }
        if all_index {
            let ndim = m.ndim();
            if keys.len() < ndim {
                return Err(not_impl(vm, "sub-views are not implemented"));
            }
            if keys.len() > ndim {
                return Err(vm.type_error(format!(
                    "cannot index {ndim}-dimension view with {}-element tuple",
                    keys.len()
                )));
            }
            let (shape, strides) = (m.shape(), m.strides());
            let mut off = m.start as isize;
            for (d, &x) in keys.iter().enumerate() {
                let i = dim_index(vm, x, shape[d], d + 1)?;
                off += i as isize * strides[d];
            }
            return Ok(Key::Item(off as usize));
        }
        if keys.iter().all(|x| x.is::<crate::types::range::SliceObj>()) {
            let msg = if assigning {
                "memoryview slice assignments are currently restricted to ndim = 1"
            } else {
                "multi-dimensional slicing is not implemented"
            };
            return Err(not_impl(vm, msg));
        }
    }
    Err(vm.type_error("memoryview: invalid slice key"))
}

fn mv_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = view(vm, a[0])?;
    let k = a[1];
    match resolve_key(vm, m, k, false)? {
        Key::Whole => Ok(a[0]),
        Key::Slice => {
            let first = slice_view(vm, m, k)?;
            Ok(derive_view(vm, m, first, m.readonly))
        }
        Key::Item(o) => {
            // An `__index__` may have released the view meanwhile.
            let m = view(vm, a[0])?;
            check_item_format(vm, m)?;
            // Only the item's bytes are read (not a copy of the whole exporter per index).
            let raw: Option<Vec<u8>> =
                with_exporter(m.obj, |b| b.get(o..o + m.itemsize).map(<[u8]>::to_vec)).flatten();
            match raw {
                Some(b) => Ok(memoryview_item::decode_item(vm, m.fmt, &b)),
                None => Err(vm.index_error("index out of bounds on dimension 1")),
            }
        }
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
    check_item_format(vm, m)?;
    let (k, v) = (a[1], a[2]);
    let mut writes: Vec<(usize, Vec<u8>)> = Vec::new();
    if m.zero_dim && k == Value::ELLIPSIS {
        writes.push((
            m.start,
            memoryview_item::pack_item(vm, m.fmt, m.itemsize, v)?,
        ));
    } else if m.ndim() == 1 && k.is::<crate::types::range::SliceObj>() {
        let (start, step, n) = slice_view(vm, m, k)?;
        let src_fmt = match v.downcast::<MemoryViewObj>() {
            Some(s) => Some((s.fmt, s.ndim(), s.len)),
            None => crate::modules::array::typecode_and_data(v).and_then(|(code, data)| {
                let (f, size) = memoryview_item::format_size(&(code as char).to_string())?;
                Some((f, 1, data.borrow().len() / size))
            }),
        };
        let Some(src) = crate::types::bytes::bytes_data(v) else {
            return Err(vm.type_error(format!(
                "a bytes-like object is required, not '{}'",
                vm.type_name(v)
            )));
        };
        let same = match src_fmt {
            Some((f, nd, len)) => {
                nd == 1 && len == n && (f == m.fmt || (f == b'B' && m.fmt == b'B'))
            }
            None => m.fmt == b'B' && src.len() == n,
        };
        if !same || src.len() != n * m.itemsize {
            return Err(vm.value_error(
                "memoryview assignment: lvalue and rvalue have different structures",
            ));
        }
        for (i, chunk) in src.chunks(m.itemsize.max(1)).enumerate() {
            writes.push((
                (start as isize + i as isize * step) as usize,
                chunk.to_vec(),
            ));
        }
    } else {
        match resolve_key(vm, m, k, true)? {
            Key::Item(o) => {
                writes.push((o, memoryview_item::pack_item(vm, m.fmt, m.itemsize, v)?));
            }
            _ => {
                return Err(vm.not_implemented_error(
                    "memoryview slice assignments are currently restricted to ndim = 1",
                ));
            }
        }
    }
    // Converting the value may have run Python code that released the view.
    view(vm, a[0])?;
    let mut data = target.borrow_mut();
    for (o, bytes) in writes {
        match data.get_mut(o..o + bytes.len()) {
            Some(slot) => slot.copy_from_slice(&bytes),
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

/// Shape, format and C-order bytes of a buffer to compare a view with.
fn compare_operand(v: Value) -> Option<(Vec<usize>, u8, usize, Vec<u8>)> {
    if let Some(m) = v.downcast::<MemoryViewObj>() {
        return Some((m.shape(), m.fmt, m.itemsize, m.data()));
    }
    if let Some((code, data)) = crate::modules::array::typecode_and_data(v)
        && let Some((fmt, size)) = memoryview_item::format_size(&(code as char).to_string())
    {
        let d = data.borrow().clone();
        return Some((vec![d.len() / size], fmt, size, d));
    }
    let d = crate::types::bytes::bytes_data(v)?;
    Some((vec![d.len()], b'B', 1, d))
}

fn mv_equal(vm: &mut Vm, a: &[Value]) -> PyResult<Option<bool>> {
    let Some(m) = a[0].downcast::<MemoryViewObj>() else {
        return Ok(None);
    };
    if a[0] == a[1] {
        // Items of a format struct cannot unpack never compare equal (not even to themselves).
        return Ok(Some(m.released.get() || m.fmt != b'w'));
    }
    let other_released = a[1]
        .downcast::<MemoryViewObj>()
        .is_some_and(|o| o.released.get());
    if m.released.get() || other_released {
        return Ok(Some(false));
    }
    let Some((shape, fmt, size, data)) = compare_operand(a[1]) else {
        return Ok(None);
    };
    if shape != m.shape() || fmt == b'w' || m.fmt == b'w' {
        return Ok(Some(false));
    }
    let mine = m.data();
    if fmt == m.fmt && !memoryview_item::is_float_format(fmt) {
        return Ok(Some(mine == data));
    }
    // Different formats (or floats): compare the items' values.
    for (x, y) in mine.chunks(m.itemsize.max(1)).zip(data.chunks(size.max(1))) {
        let xv = memoryview_item::decode_item(vm, m.fmt, x);
        let yv = memoryview_item::decode_item(vm, fmt, y);
        if !ops::compare::eq(vm, xv, yv)? {
            return Ok(Some(false));
        }
    }
    Ok(Some(true))
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
    if let Some(h) = a[0].downcast::<MemoryViewObj>().and_then(|m| m.hash.get()) {
        return Ok(crate::types::int::from_i64(vm, h));
    }
    let m = view(vm, a[0])?;
    if !m.readonly {
        return Err(vm.value_error("cannot hash writable memoryview object"));
    }
    if !matches!(m.fmt, b'B' | b'b' | b'c') {
        return Err(vm.value_error("memoryview: hashing is restricted to formats 'B', 'b' or 'c'"));
    }
    let h = crate::types::str::hash_bytes(&m.data());
    m.hash.set(Some(h));
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

fn mv_bytes(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = view(vm, a[0])?;
    let d = m.data();
    Ok(crate::types::bytes::new_bytes(vm, d))
}

/// `tobytes(order='C')`: the items in C order, Fortran order ('F'), or either ('A': the
/// order the memory already has).
fn mv_tobytes(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = view(vm, a[0])?;
    let fortran = if a[1].is_null() || a[1].is_none() {
        false
    } else {
        match crate::types::str::as_str(a[1]) {
            Some("C") => false,
            Some("F") => true,
            Some("A") => !m.is_contiguous(false) && m.is_contiguous(true),
            Some(_) => return Err(vm.value_error("order must be 'C', 'F' or 'A'")),
            None => {
                return Err(vm.type_error(format!(
                    "tobytes() argument 'order' must be str or None, not {}",
                    vm.type_name(a[1])
                )));
            }
        }
    };
    let d = with_exporter(m.obj, |b| m.gather(b, fortran)).unwrap_or_default();
    Ok(crate::types::bytes::new_bytes(vm, d))
}

/// `tolist()`: the items as (nested, for n-d views) lists; a 0-d view gives its item.
fn mv_tolist(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = view(vm, a[0])?;
    check_item_format(vm, m)?;
    let data = m.data();
    let items: Vec<Value> = data
        .chunks(m.itemsize.max(1))
        .map(|b| memoryview_item::decode_item(vm, m.fmt, b))
        .collect();
    if m.zero_dim {
        return Ok(items.first().copied().unwrap_or(Value::NONE));
    }
    // Group the flat items dimension by dimension, innermost first.
    let shape = m.shape();
    let mut level = items;
    for &d in shape.iter().skip(1).rev() {
        let mut next = Vec::with_capacity(level.len() / d.max(1));
        for chunk in level.chunks(d.max(1)) {
            next.push(crate::types::list::new_list(vm, chunk.to_vec()));
        }
        level = next;
    }
    Ok(crate::types::list::new_list(vm, level))
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
    Ok(derive_view(vm, m, (m.start, m.step, m.len), true))
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
    let n = view(vm, a[0])?.nbytes();
    Ok(crate::types::int::from_usize(vm, n))
}
fn mv_ndim(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = view(vm, a[0])?.ndim();
    Ok(crate::types::int::from_usize(vm, n))
}
fn mv_shape(vm: &mut Vm, a: &[Value]) -> PyResult {
    let shape = view(vm, a[0])?.shape();
    let items = shape
        .into_iter()
        .map(|n| crate::types::int::from_usize(vm, n))
        .collect();
    Ok(crate::types::tuple::new_tuple(vm, items))
}
fn mv_strides(vm: &mut Vm, a: &[Value]) -> PyResult {
    let strides = view(vm, a[0])?.strides();
    let items = strides
        .into_iter()
        .map(|s| crate::types::int::from_i64(vm, s as i64))
        .collect();
    Ok(crate::types::tuple::new_tuple(vm, items))
}
fn mv_suboffsets(vm: &mut Vm, a: &[Value]) -> PyResult {
    view(vm, a[0])?;
    Ok(crate::types::tuple::new_tuple(vm, Vec::new()))
}
fn mv_c_contiguous(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(Value::from_bool(view(vm, a[0])?.is_contiguous(false)))
}
fn mv_f_contiguous(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(Value::from_bool(view(vm, a[0])?.is_contiguous(true)))
}
fn mv_contiguous(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = view(vm, a[0])?;
    Ok(Value::from_bool(
        m.is_contiguous(false) || m.is_contiguous(true),
    ))
}
