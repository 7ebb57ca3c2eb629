//! `array`: `array.array`, a sequence of unboxed machine values of one typecode (stored as
//! native-endian bytes), its iterator and `_array_reconstructor` (pickling, protocol 3+).
//! `bytes_data` (types/bytes.rs) reads arrays as buffers, so `bytes(arr)` and writes work.

mod item;

use crate::modules::stdobj::{self, StdData};
use crate::native::NativeDef;
use crate::ops;
use crate::types::tuple::new_tuple;
use crate::types::typeobj::{self, TypeFlags};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};
use item::{itemsize, load, store};
use std::cell::{Cell, RefCell};

pub struct ArrayData {
    code: u8,
    data: RefCell<Vec<u8>>,
}

impl StdData for ArrayData {
    fn trace(&self, _visit: &mut dyn FnMut(Value)) {}
}

struct ArrayIter {
    arr: Value,
    pos: Cell<usize>,
}

impl StdData for ArrayIter {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        stdobj::visit_all(&[self.arr], visit)
    }
}

/// The bytes of `v` if it is an array (the buffer protocol's view of it).
pub fn buffer_bytes(v: Value) -> Option<Vec<u8>> {
    stdobj::get::<ArrayData>(v).map(|a| a.data.borrow().clone())
}

/// The byte storage of `v` if it is an array (a writable buffer: `struct.pack_into`).
pub fn data_cell(v: Value) -> Option<&'static RefCell<Vec<u8>>> {
    stdobj::get::<ArrayData>(v).map(|a| &a.data)
}

/// The type code and byte storage of `v` if it is an array (memoryview's exporter).
pub fn typecode_and_data(v: Value) -> Option<(u8, &'static RefCell<Vec<u8>>)> {
    stdobj::get::<ArrayData>(v).map(|a| (a.code, &a.data))
}

static FUNCS: &[NativeDef] = &[native!(
    "_array_reconstructor",
    "($module, arraytype, typecode, mformat_code, items, /)",
    reconstructor
)];

static METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, *args, **kwargs)", array_new),
    native!("append", "($self, v, /)", append),
    native!("extend", "($self, bb, /)", extend),
    native!("insert", "($self, i, v, /)", insert),
    native!("pop", "($self, i=-1, /)", pop),
    native!("remove", "($self, v, /)", remove),
    native!("index", "($self, v, start=0, stop=sys.maxsize, /)", index),
    native!("count", "($self, v, /)", count),
    native!("reverse", "($self, /)", reverse),
    native!("buffer_info", "($self, /)", buffer_info),
    native!("byteswap", "($self, /)", byteswap),
    native!("tobytes", "($self, /)", tobytes),
    native!("frombytes", "($self, buffer, /)", frombytes),
    native!("tolist", "($self, /)", tolist),
    native!("fromlist", "($self, list, /)", fromlist),
    native!("tounicode", "($self, /)", tounicode),
    native!("fromunicode", "($self, ustr, /)", fromunicode),
    native!("tofile", "($self, f, /)", tofile),
    native!("fromfile", "($self, f, n, /)", fromfile),
    native!("__len__", "($self, /)", len),
    native!("__getitem__", "($self, key, /)", getitem),
    native!("__setitem__", "($self, key, value, /)", setitem),
    native!("__delitem__", "($self, key, /)", delitem),
    native!("__contains__", "($self, key, /)", contains),
    native!("__iter__", "($self, /)", iter),
    native!("__add__", "($self, value, /)", add),
    native!("__iadd__", "($self, value, /)", iadd),
    native!("__mul__", "($self, value, /)", mul),
    native!("__rmul__", "($self, value, /)", mul),
    native!("__imul__", "($self, value, /)", imul),
    native!("__eq__", "($self, value, /)", eq),
    native!("__ne__", "($self, value, /)", ne),
    native!("__lt__", "($self, value, /)", lt),
    native!("__le__", "($self, value, /)", le),
    native!("__gt__", "($self, value, /)", gt),
    native!("__ge__", "($self, value, /)", ge),
    native!("__repr__", "($self, /)", repr),
    native!("__reduce_ex__", "($self, protocol, /)", reduce_ex),
    native!("__copy__", "($self, /)", copy),
    native!("__deepcopy__", "($self, unused, /)", deepcopy),
    native!("__sizeof__", "($self, /)", sizeof),
];

static GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("typecode", "($self, /)", typecode), None),
    (native!("itemsize", "($self, /)", itemsize_get), None),
];

static ITER_METHODS: &[NativeDef] = &[
    native!("__iter__", "($self, /)", iter_self),
    native!("__next__", "($self, /)", iter_next),
    native!("__reduce__", "($self, /)", iter_reduce),
    native!("__setstate__", "($self, state, /)", iter_setstate),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "array", FUNCS);
    let ty = stdobj::new_type(
        vm,
        "array",
        "array",
        TypeFlags::BASETYPE.union(TypeFlags::SEQUENCE),
        METHODS,
    );
    typeobj::add_getsets(vm, ty, GETSETS);
    typeobj::set_type_attr(vm, ty, "__hash__", Value::NONE);
    stdobj::new_type(vm, "array", "arrayiterator", TypeFlags(0), ITER_METHODS);
    crate::types::module::set_attr(vm, m, "array", ty);
    crate::types::module::set_attr(vm, m, "ArrayType", ty);
    let codes = vm.new_str(item::TYPECODES);
    crate::types::module::set_attr(vm, m, "typecodes", codes);
    Ok(m)
}

fn this(vm: &mut Vm, v: Value) -> PyResult<&'static ArrayData> {
    stdobj::expect::<ArrayData>(vm, v, "array.array")
}

fn new_array(ty: Value, code: u8, data: Vec<u8>) -> Value {
    stdobj::new_obj(
        ty,
        ArrayData {
            code,
            data: RefCell::new(data),
        },
    )
}

/// A new exact `array.array` (slices, sums, repeats and copies of subclass instances are
/// plain arrays, as in CPython).
fn same_type_new(vm: &mut Vm, _like: Value, code: u8, data: Vec<u8>) -> Value {
    let ty = stdobj::state_type(vm, "array.array");
    new_array(ty, code, data)
}

fn nitems(a: &ArrayData) -> usize {
    a.data.borrow().len() / itemsize(a.code)
}

fn item_at(vm: &mut Vm, a: &ArrayData, i: usize) -> Value {
    let sz = itemsize(a.code);
    let bytes: Vec<u8> = a.data.borrow()[i * sz..(i + 1) * sz].to_vec();
    load(vm, a.code, &bytes)
}

fn items(vm: &mut Vm, a: &ArrayData) -> Vec<Value> {
    let n = nitems(a);
    (0..n).map(|i| item_at(vm, a, i)).collect()
}

fn packed(vm: &mut Vm, code: u8, v: Value) -> PyResult<Vec<u8>> {
    let mut out = Vec::with_capacity(8);
    store(vm, code, v, &mut out)?;
    Ok(out)
}

/// Converts every item of an iterable (all or nothing).
fn pack_iterable(vm: &mut Vm, code: u8, it: Value) -> PyResult<Vec<u8>> {
    let vals = ops::iter::collect(vm, it)?;
    let mut out = Vec::with_capacity(vals.len() * itemsize(code));
    for v in vals {
        store(vm, code, v, &mut out)?;
    }
    Ok(out)
}

fn bad_typecode(vm: &mut Vm) -> crate::vm::Exc {
    vm.value_error("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)")
}

fn array_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = a[0];
    let args = crate::types::tuple::items(a[1]).unwrap_or(&[]).to_vec();
    let exact = ty == stdobj::state_type(vm, "array.array");
    if exact && !a[2].is_null() && crate::types::dict::len(a[2]) > 0 {
        return Err(vm.type_error("array.array() takes no keyword arguments"));
    }
    if args.is_empty() || args.len() > 2 {
        return Err(vm.type_error(format!(
            "array() takes at most 2 arguments ({} given)",
            args.len()
        )));
    }
    let tc = args[0];
    let code = match crate::types::str::as_str(tc) {
        Some(s) if s.chars().count() == 1 => s.chars().next().unwrap_or('?'),
        Some(_) => {
            return Err(vm.type_error("array() argument 1 must be a unicode character, not str"));
        }
        None => {
            return Err(vm.type_error(format!(
                "array() argument 1 must be a unicode character, not {}",
                vm.type_name(tc)
            )));
        }
    };
    if !code.is_ascii() || !item::TYPECODES.contains(code) {
        return Err(bad_typecode(vm));
    }
    let code = code as u8;
    let init = args.get(1).copied().unwrap_or(Value::NONE);
    let data = if init.is_none() {
        Vec::new()
    } else if let Some(s) = crate::types::str::as_str(init) {
        if code != b'u' {
            return Err(vm.type_error(format!(
                "cannot use a str to initialize an array with typecode '{}'",
                code as char
            )));
        }
        s.chars()
            .flat_map(|c| crate::types::str::code_point(c).to_ne_bytes())
            .collect()
    } else if let Some(other) = stdobj::get::<ArrayData>(init) {
        if other.code == b'u' && code != b'u' {
            return Err(vm.type_error(format!(
                "cannot use a unicode array to initialize an array with typecode '{}'",
                code as char
            )));
        }
        if other.code == code {
            other.data.borrow().clone()
        } else {
            let vals = items(vm, other);
            let mut out = Vec::new();
            for v in vals {
                store(vm, code, v, &mut out)?;
            }
            out
        }
    } else if init.downcast::<crate::types::bytes::BytesObj>().is_some()
        || init
            .downcast::<crate::types::bytes::ByteArrayObj>()
            .is_some()
    {
        let b = crate::types::bytes::bytes_data(init).unwrap_or_default();
        if b.len() % itemsize(code) != 0 {
            return Err(vm.value_error("bytes length not a multiple of item size"));
        }
        b
    } else {
        pack_iterable(vm, code, init)?
    };
    Ok(new_array(ty, code, data))
}

fn typecode(vm: &mut Vm, a: &[Value]) -> PyResult {
    let code = this(vm, a[0])?.code;
    Ok(vm.new_string((code as char).to_string()))
}

fn itemsize_get(vm: &mut Vm, a: &[Value]) -> PyResult {
    let code = this(vm, a[0])?.code;
    Ok(crate::types::int::from_usize(vm, itemsize(code)))
}

fn append(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    let b = packed(vm, arr.code, a[1])?;
    arr.data.borrow_mut().extend_from_slice(&b);
    Ok(Value::NONE)
}

fn extend_from(vm: &mut Vm, arr: &ArrayData, src: Value) -> PyResult<()> {
    if let Some(other) = stdobj::get::<ArrayData>(src) {
        if other.code != arr.code {
            return Err(vm.type_error("can only extend with array of same kind"));
        }
        let b = other.data.borrow().clone();
        arr.data.borrow_mut().extend_from_slice(&b);
        return Ok(());
    }
    let it = ops::iter::get_iter(vm, src)?;
    while let Some(v) = ops::iter::next(vm, it)? {
        let b = packed(vm, arr.code, v)?;
        arr.data.borrow_mut().extend_from_slice(&b);
    }
    Ok(())
}

fn extend(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    extend_from(vm, arr, a[1])?;
    Ok(Value::NONE)
}

fn insert(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    let n = nitems(arr) as i64;
    let mut i = ops::number::index_clamped(vm, a[1])?;
    if i < 0 {
        i = (i + n).max(0);
    }
    let i = i.min(n) as usize;
    let b = packed(vm, arr.code, a[2])?;
    let sz = itemsize(arr.code);
    let mut d = arr.data.borrow_mut();
    let at = i * sz;
    d.splice(at..at, b);
    Ok(Value::NONE)
}

fn pop(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    let n = nitems(arr) as i64;
    let mut i = if a[1].is_null() {
        -1
    } else {
        ops::number::index_clamped(vm, a[1])?
    };
    if n == 0 {
        return Err(vm.index_error("pop from empty array"));
    }
    if i < 0 {
        i += n;
    }
    if i < 0 || i >= n {
        return Err(vm.index_error("pop index out of range"));
    }
    let v = item_at(vm, arr, i as usize);
    let sz = itemsize(arr.code);
    let at = i as usize * sz;
    arr.data.borrow_mut().drain(at..at + sz);
    Ok(v)
}

/// Position of the first item equal to `v` in `[start, stop)`.
fn find(
    vm: &mut Vm,
    arr: &ArrayData,
    v: Value,
    start: usize,
    stop: usize,
) -> PyResult<Option<usize>> {
    let mut i = start;
    while i < stop.min(nitems(arr)) {
        let x = item_at(vm, arr, i);
        if ops::compare::eq(vm, x, v)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

fn remove(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    let n = nitems(arr);
    match find(vm, arr, a[1], 0, n)? {
        Some(i) => {
            let sz = itemsize(arr.code);
            arr.data.borrow_mut().drain(i * sz..(i + 1) * sz);
            Ok(Value::NONE)
        }
        None => Err(vm.value_error("array.remove(x): x not in array")),
    }
}

fn clamp_index(vm: &mut Vm, v: Value, n: i64, dflt: i64) -> PyResult<usize> {
    let mut i = if v.is_null() {
        dflt
    } else {
        ops::number::index_clamped(vm, v)?
    };
    if i < 0 {
        i = (i + n).max(0);
    }
    Ok(i.min(n) as usize)
}

fn index(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    let n = nitems(arr) as i64;
    let start = clamp_index(vm, a[2], n, 0)?;
    let stop = clamp_index(vm, a[3], n, n)?;
    match find(vm, arr, a[1], start, stop)? {
        Some(i) => Ok(crate::types::int::from_usize(vm, i)),
        None => Err(vm.value_error("array.index(x): x not in array")),
    }
}

fn count(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    let mut c = 0usize;
    let mut i = 0;
    while i < nitems(arr) {
        let x = item_at(vm, arr, i);
        if ops::compare::eq(vm, x, a[1])? {
            c += 1;
        }
        i += 1;
    }
    Ok(crate::types::int::from_usize(vm, c))
}

fn contains(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    let n = nitems(arr);
    Ok(Value::from_bool(find(vm, arr, a[1], 0, n)?.is_some()))
}

fn reverse(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    let sz = itemsize(arr.code);
    let mut d = arr.data.borrow_mut();
    let chunks: Vec<Vec<u8>> = d.chunks(sz).rev().map(|c| c.to_vec()).collect();
    *d = chunks.concat();
    Ok(Value::NONE)
}

fn buffer_info(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    let addr = arr.data.borrow().as_ptr() as usize;
    let n = nitems(arr);
    let addr = crate::types::int::from_usize(vm, addr);
    let n = crate::types::int::from_usize(vm, n);
    Ok(new_tuple(vm, vec![addr, n]))
}

fn byteswap(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    let sz = itemsize(arr.code);
    for c in arr.data.borrow_mut().chunks_mut(sz) {
        c.reverse();
    }
    Ok(Value::NONE)
}

fn tobytes(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = this(vm, a[0])?.data.borrow().clone();
    Ok(crate::types::bytes::new_bytes(vm, d))
}

fn frombytes(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    let Some(b) = crate::types::bytes::bytes_data(a[1]) else {
        return Err(vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(a[1])
        )));
    };
    if b.len() % itemsize(arr.code) != 0 {
        return Err(vm.value_error("bytes length not a multiple of item size"));
    }
    arr.data.borrow_mut().extend_from_slice(&b);
    Ok(Value::NONE)
}

fn tolist(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    let vals = items(vm, arr);
    Ok(crate::types::list::new_list(vm, vals))
}

fn fromlist(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    let Some(l) = a[1].downcast::<crate::types::list::ListObj>() else {
        return Err(vm.type_error("arg must be list"));
    };
    let vals = l.snapshot();
    let mut out = Vec::new();
    for v in vals {
        store(vm, arr.code, v, &mut out)?;
    }
    arr.data.borrow_mut().extend_from_slice(&out);
    Ok(Value::NONE)
}

fn tounicode(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    if arr.code != b'u' {
        return Err(vm.value_error("tounicode() may only be called on unicode type arrays"));
    }
    let mut s = String::new();
    for c in arr.data.borrow().chunks(4) {
        let mut w = [0u8; 4];
        w.copy_from_slice(c);
        match crate::types::str::char_for(u32::from_ne_bytes(w)) {
            Some(ch) => s.push(ch),
            None => {
                return Err(vm.value_error(format!(
                    "character U+{:x} is not in range [U+0000; U+10ffff]",
                    u32::from_ne_bytes(w)
                )));
            }
        }
    }
    Ok(vm.new_string(s))
}

fn fromunicode(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    let Some(s) = crate::types::str::as_str(a[1]) else {
        return Err(vm.type_error(format!(
            "fromunicode() argument must be str, not {}",
            vm.type_name(a[1])
        )));
    };
    if arr.code != b'u' {
        return Err(vm.value_error("fromunicode() may only be called on unicode type arrays"));
    }
    let b: Vec<u8> = s
        .chars()
        .flat_map(|c| crate::types::str::code_point(c).to_ne_bytes())
        .collect();
    arr.data.borrow_mut().extend_from_slice(&b);
    Ok(Value::NONE)
}

fn tofile(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = this(vm, a[0])?.data.borrow().clone();
    // CPython writes in blocks of 64 KiB.
    for chunk in d.chunks(64 * 1024) {
        let b = crate::types::bytes::new_bytes(vm, chunk.to_vec());
        let w = vm.intern("write");
        let f = ops::attr::getattr(vm, a[1], w)?;
        ops::call::call(vm, f, &[b])?;
    }
    Ok(Value::NONE)
}

fn fromfile(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    let n = ops::number::index_i64(vm, a[2])?;
    if n < 0 {
        return Err(vm.value_error("negative count"));
    }
    let sz = itemsize(arr.code);
    let want = (n as usize).saturating_mul(sz);
    let r = vm.intern("read");
    let f = ops::attr::getattr(vm, a[1], r)?;
    let nv = crate::types::int::from_usize(vm, want);
    let got = ops::call::call(vm, f, &[nv])?;
    let Some(b) = got
        .downcast::<crate::types::bytes::BytesObj>()
        .map(|b| b.data.to_vec())
    else {
        return Err(vm.type_error("read() didn't return bytes"));
    };
    let whole = b.len() / sz * sz;
    arr.data.borrow_mut().extend_from_slice(&b[..whole]);
    if b.len() != want {
        return Err(vm.new_exc(vm.exc.eof_error, "read() didn't return enough bytes"));
    }
    Ok(Value::NONE)
}

fn len(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = nitems(this(vm, a[0])?);
    Ok(crate::types::int::from_usize(vm, n))
}

fn has_index(vm: &mut Vm, v: Value) -> bool {
    crate::types::int::is_int(v) || ops::has_special(vm, v, vm.names.index)
}

fn slice_of(v: Value) -> Option<&'static crate::types::range::SliceObj> {
    v.downcast::<crate::types::range::SliceObj>()
}

fn norm_index(vm: &mut Vm, arr: &ArrayData, key: Value) -> PyResult<usize> {
    let n = nitems(arr) as i64;
    let mut i = ops::number::index_clamped(vm, key)?;
    if i < 0 {
        i += n;
    }
    if i < 0 || i >= n {
        return Err(vm.index_error("array index out of range"));
    }
    Ok(i as usize)
}

/// Item indices selected by a slice.
fn slice_positions(
    vm: &mut Vm,
    arr: &ArrayData,
    s: &crate::types::range::SliceObj,
) -> PyResult<Vec<usize>> {
    let n = nitems(arr) as i64;
    let (start, _stop, step, len) = crate::types::range::slice_indices(vm, s, n)?;
    Ok((0..len).map(|k| (start + k * step) as usize).collect())
}

fn getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    if let Some(s) = slice_of(a[1]) {
        let pos = slice_positions(vm, arr, s)?;
        let sz = itemsize(arr.code);
        let d = arr.data.borrow();
        let mut out = Vec::with_capacity(pos.len() * sz);
        for p in pos {
            out.extend_from_slice(&d[p * sz..(p + 1) * sz]);
        }
        drop(d);
        return Ok(same_type_new(vm, a[0], arr.code, out));
    }
    if !has_index(vm, a[1]) {
        return Err(vm.type_error("array indices must be integers"));
    }
    let i = norm_index(vm, arr, a[1])?;
    Ok(item_at(vm, arr, i))
}

fn setitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    let sz = itemsize(arr.code);
    if let Some(s) = slice_of(a[1]) {
        let Some(other) = stdobj::get::<ArrayData>(a[2]) else {
            return Err(vm.type_error(format!(
                "can only assign array (not \"{}\") to array slice",
                vm.type_name(a[2])
            )));
        };
        if other.code != arr.code {
            return Err(vm.type_error("bad argument type for built-in operation"));
        }
        let src = other.data.borrow().clone();
        let n = nitems(arr) as i64;
        let (start, stop, step, len) = crate::types::range::slice_indices(vm, s, n)?;
        if step == 1 {
            let stop = stop.max(start);
            let mut d = arr.data.borrow_mut();
            d.splice(start as usize * sz..stop as usize * sz, src);
            return Ok(Value::NONE);
        }
        let m = src.len() / sz;
        if m as i64 != len {
            return Err(vm.value_error(format!(
                "attempt to assign array of size {m} to extended slice of size {len}"
            )));
        }
        let mut d = arr.data.borrow_mut();
        for k in 0..len {
            let p = (start + k * step) as usize;
            let k = k as usize;
            d[p * sz..(p + 1) * sz].copy_from_slice(&src[k * sz..(k + 1) * sz]);
        }
        return Ok(Value::NONE);
    }
    if !has_index(vm, a[1]) {
        return Err(vm.type_error("array indices must be integers"));
    }
    let i = norm_index(vm, arr, a[1])?;
    let b = packed(vm, arr.code, a[2])?;
    let mut d = arr.data.borrow_mut();
    if (i + 1) * sz <= d.len() {
        d[i * sz..(i + 1) * sz].copy_from_slice(&b);
    }
    Ok(Value::NONE)
}

fn delitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    let sz = itemsize(arr.code);
    if let Some(s) = slice_of(a[1]) {
        let mut pos = slice_positions(vm, arr, s)?;
        pos.sort_unstable();
        let d = arr.data.borrow().clone();
        let mut out = Vec::with_capacity(d.len());
        let mut k = 0;
        for (i, c) in d.chunks(sz).enumerate() {
            if k < pos.len() && pos[k] == i {
                k += 1;
                continue;
            }
            out.extend_from_slice(c);
        }
        *arr.data.borrow_mut() = out;
        return Ok(Value::NONE);
    }
    if !has_index(vm, a[1]) {
        return Err(vm.type_error("array indices must be integers"));
    }
    let i = norm_index(vm, arr, a[1])?;
    arr.data.borrow_mut().drain(i * sz..(i + 1) * sz);
    Ok(Value::NONE)
}

fn iter(vm: &mut Vm, a: &[Value]) -> PyResult {
    this(vm, a[0])?;
    let ty = stdobj::state_type(vm, "array.arrayiterator");
    Ok(stdobj::new_obj(
        ty,
        ArrayIter {
            arr: a[0],
            pos: Cell::new(0),
        },
    ))
}

fn iter_self(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(a[0])
}

fn iter_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let it = stdobj::expect::<ArrayIter>(vm, a[0], "arrayiterator")?;
    let arr = this(vm, it.arr)?;
    let i = it.pos.get();
    if i >= nitems(arr) {
        it.pos.set(usize::MAX / 2);
        return Err(vm.new_exc_args(vm.exc.stop_iteration, vec![]));
    }
    it.pos.set(i + 1);
    Ok(item_at(vm, arr, i))
}

/// `(iter, (array,), index)`; `(iter, ((),))` once exhausted, as CPython.
fn iter_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let it = stdobj::expect::<ArrayIter>(vm, a[0], "arrayiterator")?;
    let f = crate::types::iterators_pickle::builtin_iter_fn(vm)?;
    let arr = this(vm, it.arr)?;
    let i = it.pos.get();
    if i > nitems(arr) {
        let empty = crate::types::tuple::new_tuple(vm, vec![]);
        let args = crate::types::tuple::new_tuple(vm, vec![empty]);
        return Ok(crate::types::tuple::new_tuple(vm, vec![f, args]));
    }
    let args = crate::types::tuple::new_tuple(vm, vec![it.arr]);
    let iv = crate::types::int::from_usize(vm, i);
    Ok(crate::types::tuple::new_tuple(vm, vec![f, args, iv]))
}

fn iter_setstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let it = stdobj::expect::<ArrayIter>(vm, a[0], "arrayiterator")?;
    let n = crate::types::iterators_pickle::ssize_arg(vm, a[1])?;
    let arr = this(vm, it.arr)?;
    let len = nitems(arr);
    if it.pos.get() <= len {
        it.pos.set(n.clamp(0, len as i64) as usize);
    }
    Ok(Value::NONE)
}

fn add(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    let Some(other) = stdobj::get::<ArrayData>(a[1]) else {
        return Err(vm.type_error(format!(
            "can only append array (not \"{}\") to array",
            vm.type_name(a[1])
        )));
    };
    if other.code != arr.code {
        return Err(vm.type_error("bad argument type for built-in operation"));
    }
    let mut d = arr.data.borrow().clone();
    d.extend_from_slice(&other.data.borrow());
    Ok(same_type_new(vm, a[0], arr.code, d))
}

fn iadd(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    let Some(other) = stdobj::get::<ArrayData>(a[1]) else {
        return Err(vm.type_error(format!(
            "can only extend array with array (not \"{}\")",
            vm.type_name(a[1])
        )));
    };
    if other.code != arr.code {
        return Err(vm.type_error("can only extend with array of same kind"));
    }
    let b = other.data.borrow().clone();
    arr.data.borrow_mut().extend_from_slice(&b);
    Ok(a[0])
}

fn repeat_count(vm: &mut Vm, v: Value) -> PyResult<Option<usize>> {
    if !has_index(vm, v) {
        return Ok(None);
    }
    let n = ops::number::index_clamped(vm, v)?;
    Ok(Some(n.max(0) as usize))
}

fn mul(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    let Some(n) = repeat_count(vm, a[1])? else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let d = arr.data.borrow().clone();
    if n > 0
        && d.len()
            .checked_mul(n)
            .is_none_or(|t| t > isize::MAX as usize / 2)
    {
        return Err(vm.memory_error());
    }
    Ok(same_type_new(vm, a[0], arr.code, d.repeat(n)))
}

fn imul(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    let Some(n) = repeat_count(vm, a[1])? else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let d = arr.data.borrow().clone();
    if n > 0
        && d.len()
            .checked_mul(n)
            .is_none_or(|t| t > isize::MAX as usize / 2)
    {
        return Err(vm.memory_error());
    }
    *arr.data.borrow_mut() = d.repeat(n);
    Ok(a[0])
}

#[derive(Clone, Copy, PartialEq)]
enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

fn compare(vm: &mut Vm, a: &[Value], op: Cmp) -> PyResult {
    let x = this(vm, a[0])?;
    let Some(y) = stdobj::get::<ArrayData>(a[1]) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let (nx, ny) = (nitems(x), nitems(y));
    if nx != ny && matches!(op, Cmp::Eq | Cmp::Ne) {
        return Ok(Value::from_bool(op == Cmp::Ne));
    }
    let mut i = 0;
    while i < nx.min(ny) {
        let (vx, vy) = (item_at(vm, x, i), item_at(vm, y, i));
        if !ops::compare::eq(vm, vx, vy)? {
            return Ok(match op {
                Cmp::Eq => Value::FALSE,
                Cmp::Ne => Value::TRUE,
                Cmp::Lt => Value::from_bool(ops::compare::lt(vm, vx, vy)?),
                Cmp::Le => Value::from_bool(ops::compare::lt(vm, vx, vy)?),
                Cmp::Gt => Value::from_bool(ops::compare::lt(vm, vy, vx)?),
                Cmp::Ge => Value::from_bool(ops::compare::lt(vm, vy, vx)?),
            });
        }
        i += 1;
    }
    Ok(Value::from_bool(match op {
        Cmp::Eq => nx == ny,
        Cmp::Ne => nx != ny,
        Cmp::Lt => nx < ny,
        Cmp::Le => nx <= ny,
        Cmp::Gt => nx > ny,
        Cmp::Ge => nx >= ny,
    }))
}

fn eq(vm: &mut Vm, a: &[Value]) -> PyResult {
    compare(vm, a, Cmp::Eq)
}
fn ne(vm: &mut Vm, a: &[Value]) -> PyResult {
    compare(vm, a, Cmp::Ne)
}
fn lt(vm: &mut Vm, a: &[Value]) -> PyResult {
    compare(vm, a, Cmp::Lt)
}
fn le(vm: &mut Vm, a: &[Value]) -> PyResult {
    compare(vm, a, Cmp::Le)
}
fn gt(vm: &mut Vm, a: &[Value]) -> PyResult {
    compare(vm, a, Cmp::Gt)
}
fn ge(vm: &mut Vm, a: &[Value]) -> PyResult {
    compare(vm, a, Cmp::Ge)
}

fn repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    let name = vm.type_name(a[0]).to_string();
    let code = arr.code as char;
    if nitems(arr) == 0 {
        return Ok(vm.new_string(format!("{name}('{code}')")));
    }
    let body = if arr.code == b'u' {
        let s = tounicode(vm, a)?;
        ops::repr::repr_string(vm, s)?
    } else {
        let l = tolist(vm, a)?;
        ops::repr::repr_string(vm, l)?
    };
    Ok(vm.new_string(format!("{name}('{code}', {body})")))
}

/// CPython's machine format code for a typecode on a little-endian 64-bit machine.
fn mformat(code: u8) -> i64 {
    match code {
        b'b' => 1,
        b'B' => 0,
        b'h' => 4,
        b'H' => 2,
        b'i' => 8,
        b'I' => 6,
        b'l' | b'q' => 12,
        b'L' | b'Q' => 10,
        b'f' => 14,
        b'd' => 16,
        _ => 20,
    }
}

fn reduce_ex(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    let proto = ops::number::index_i64(vm, a[1])?;
    let ty = vm.type_of(a[0]);
    let dk = vm.intern("__dict__");
    let dict = ops::attr::getattr_opt(vm, a[0], dk)?.unwrap_or(Value::NONE);
    let code = vm.new_string((arr.code as char).to_string());
    if proto < 3 {
        let l = tolist(vm, a)?;
        let args = new_tuple(vm, vec![code, l]);
        return Ok(new_tuple(vm, vec![ty, args, dict]));
    }
    let module = crate::modules::native_module(vm, "array")?.unwrap_or(Value::NONE);
    let rk = vm.intern("_array_reconstructor");
    let recon = ops::attr::getattr(vm, module, rk)?;
    let mf = Value::try_small_int(mformat(arr.code)).unwrap_or(Value::NONE);
    let b = tobytes(vm, a)?;
    let args = new_tuple(vm, vec![ty, code, mf, b]);
    Ok(new_tuple(vm, vec![recon, args, dict]))
}

fn reconstructor(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (ty, tc, mf, data) = (a[1], a[2], a[3], a[4]);
    if ty.downcast::<crate::types::typeobj::TypeObject>().is_none() {
        return Err(vm.type_error(format!(
            "first argument must be a type object, not {}",
            vm.type_name(ty)
        )));
    }
    let base = stdobj::state_type(vm, "array.array");
    if !typeobj::is_subtype(ty, base) {
        let n = crate::types::typeobj::tobj(ty).name.borrow().clone();
        return Err(vm.type_error(format!("{n} is not a subtype of array.array")));
    }
    let code = match crate::types::str::as_str(tc) {
        Some(s) if s.len() == 1 && item::TYPECODES.contains(s) => s.as_bytes()[0],
        _ => return Err(vm.value_error("second argument must be a valid type code")),
    };
    let mf = ops::number::index_i64(vm, mf)?;
    if !(0..=21).contains(&mf) {
        return Err(vm.value_error("third argument must be a valid machine format code."));
    }
    let Some(bytes) = data
        .downcast::<crate::types::bytes::BytesObj>()
        .map(|b| b.data.to_vec())
    else {
        return Err(vm.type_error(format!(
            "fourth argument should be bytes, not {}",
            vm.type_name(data)
        )));
    };
    if mformat(code) == mf {
        if bytes.len() % itemsize(code) != 0 {
            return Err(vm.value_error("bytes length not a multiple of item size"));
        }
        return Ok(new_array(ty, code, bytes));
    }
    // Decode items of the given machine format, then store them under `code`.
    let (size, signed, float, big) = match mf {
        0 => (1, false, false, false),
        1 => (1, true, false, false),
        2..=13 => {
            let k = (mf - 2) as usize;
            let size = [2, 4, 8][k / 4];
            (size, (k / 2) % 2 == 1, false, k % 2 == 1)
        }
        14 | 15 => (4, false, true, mf == 15),
        16 | 17 => (8, false, true, mf == 17),
        18 | 19 => (2, false, false, mf == 19),
        _ => (4, false, false, mf == 21),
    };
    if mf >= 18 {
        // UTF-16/UTF-32 text.
        let units: Vec<u32> = bytes
            .chunks_exact(size)
            .map(|c| {
                let mut v: Vec<u8> = c.to_vec();
                if big {
                    v.reverse();
                }
                v.iter().rev().fold(0u32, |acc, b| (acc << 8) | *b as u32)
            })
            .collect();
        let s: String = if size == 2 {
            let u16s: Vec<u16> = units.iter().map(|u| *u as u16).collect();
            String::from_utf16_lossy(&u16s)
        } else {
            units
                .iter()
                .filter_map(|u| crate::types::str::char_for(*u))
                .collect()
        };
        let sv = vm.new_string(s);
        let arr = new_array(ty, code, Vec::new());
        if code == b'u' {
            fromunicode(vm, &[arr, sv])?;
        } else {
            extend(vm, &[arr, sv])?;
        }
        return Ok(arr);
    }
    if bytes.len() % size != 0 {
        return Err(vm.value_error("string length not a multiple of item size"));
    }
    // Integers keep their machine format: CPython picks the first typecode of that size and
    // signedness, whatever typecode was asked for.
    let code = if float {
        code
    } else {
        let signed_codes = [b'b', b'h', b'i', b'l', b'q'];
        item::TYPECODES
            .bytes()
            .filter(|c| !matches!(c, b'u' | b'f' | b'd'))
            .find(|c| itemsize(*c) == size && signed_codes.contains(c) == signed)
            .unwrap_or(code)
    };
    let mut out = Vec::new();
    for c in bytes.chunks_exact(size) {
        let mut le: Vec<u8> = c.to_vec();
        if big {
            le.reverse();
        }
        let v = if float {
            let f = if size == 4 {
                f32::from_le_bytes([le[0], le[1], le[2], le[3]]) as f64
            } else {
                let mut w = [0u8; 8];
                w.copy_from_slice(&le);
                f64::from_le_bytes(w)
            };
            crate::types::float::new_float(vm, f)
        } else {
            let mut w = [0u8; 16];
            w[..size].copy_from_slice(&le);
            if signed && le[size - 1] & 0x80 != 0 {
                for b in w.iter_mut().skip(size) {
                    *b = 0xFF;
                }
            }
            crate::types::int::from_i128(vm, i128::from_le_bytes(w))
        };
        store(vm, code, v, &mut out)?;
    }
    Ok(new_array(ty, code, out))
}

fn copy(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    let d = arr.data.borrow().clone();
    Ok(same_type_new(vm, a[0], arr.code, d))
}

fn deepcopy(vm: &mut Vm, a: &[Value]) -> PyResult {
    copy(vm, a)
}

fn sizeof(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arr = this(vm, a[0])?;
    let n = 64 + arr.data.borrow().capacity();
    Ok(crate::types::int::from_usize(vm, n))
}
