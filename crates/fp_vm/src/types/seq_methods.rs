//! Python-visible behaviour of `list` and `tuple`, plus the helpers every builtin sequence
//! shares (index/slice keys, argument conversions, lexicographic comparison).
//!
//! The method tables themselves live beside this file: `list_methods.rs` (list),
//! `list_sort.rs` (the merge sort behind `list.sort` and `sorted`), `tuple_methods.rs` (tuple).
//! They are declared here with `#[path]` so the type registry's module list stays unchanged.

#[path = "list_methods.rs"]
pub mod list_methods;
#[path = "list_sort.rs"]
pub mod list_sort;
#[path = "tuple_methods.rs"]
pub mod tuple_methods;

pub use list_sort::sort_values;

use crate::ops;
use crate::types::int::{self, IntRef};
use crate::types::range::SliceObj;
use crate::types::typeobj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use fp_bytecode::CompareOp;

pub fn install(vm: &mut Vm) {
    list_methods::install(vm);
    tuple_methods::install(vm);
}

/// A subscript of a builtin sequence: an index (not yet normalised) or a slice.
pub enum SeqKey {
    Index(i64),
    Slice(&'static SliceObj),
}

/// Item `i` of a list or tuple as it is now (None past the end, or for another type): for
/// loops that run Python code between steps, which may change a list (comparisons, `in`).
pub fn live_item(seq: Value, i: usize) -> Option<Value> {
    match seq.downcast::<crate::types::list::ListObj>() {
        Some(l) => l.get(i),
        None => crate::types::tuple::items(seq).and_then(|t| t.get(i).copied()),
    }
}

/// The length of a list or tuple as it is now (0 for another type).
pub fn live_len(seq: Value) -> usize {
    match seq.downcast::<crate::types::list::ListObj>() {
        Some(l) => l.len(),
        None => crate::types::tuple::items(seq).map_or(0, |t| t.len()),
    }
}

/// Classifies `k` for `seq[k]`: ints and `__index__` objects are indices (IndexError "cannot
/// fit" when huge, as CPython), slices are slices; anything else is
/// "`<what>` indices must be integers or slices, not X".
pub fn seq_key(vm: &mut Vm, k: Value, what: &str) -> PyResult<SeqKey> {
    if let Some(i) = k.as_small_int() {
        return Ok(SeqKey::Index(i));
    }
    if let Some(s) = k.downcast::<SliceObj>() {
        return Ok(SeqKey::Slice(s));
    }
    // `__index__ = None` counts: calling it fails, as CPython's `nb_index` slot does.
    if int::is_int(k) || !typeobj::lookup(vm, vm.type_of(k), vm.names.index).is_null() {
        return Ok(SeqKey::Index(ops::number::index_i64(vm, k)?));
    }
    Err(vm.type_error(format!(
        "{what} indices must be integers or slices, not {}",
        vm.type_name(k)
    )))
}

/// Normalises a possibly negative index against `len` (None when out of range).
#[inline]
pub fn norm_index(i: i64, len: usize) -> Option<usize> {
    let j = if i < 0 { i + len as i64 } else { i };
    if j >= 0 && (j as usize) < len {
        Some(j as usize)
    } else {
        None
    }
}

/// The items `start, start+step, ...` (`n` of them) of `items`, as resolved by `slice_indices`.
pub fn take_slice<T: Copy>(items: &[T], start: i64, step: i64, n: i64) -> Vec<T> {
    if step == 1 && n > 0 {
        let s = start.max(0) as usize;
        let e = (s + n as usize).min(items.len());
        return items.get(s..e).map(|x| x.to_vec()).unwrap_or_default();
    }
    let mut out = Vec::with_capacity(n.max(0) as usize);
    let mut i = start;
    for _ in 0..n {
        if let Some(x) = usize::try_from(i).ok().and_then(|u| items.get(u)) {
            out.push(*x);
        }
        i += step;
    }
    out
}

/// A `Py_ssize_t` argument (`list.insert`, `list.pop`): `__index__`, OverflowError when huge.
pub fn ssize_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(i) = v.as_small_int() {
        return Ok(i);
    }
    let r = ops::number::index(vm, v)?;
    match int::int_ref(r).and_then(IntRef::to_i64) {
        Some(i) => Ok(i),
        None => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
    }
}

/// The start/stop arguments of `index()` methods (`_PyEval_SliceIndexNotNone`): clamped ints.
pub fn slice_index_arg(vm: &mut Vm, v: Value, default: i64) -> PyResult<i64> {
    if v.is_null() {
        return Ok(default);
    }
    if int::is_int(v) || ops::has_special(vm, v, vm.names.index) {
        return ops::number::index_clamped(vm, v);
    }
    Err(vm.type_error("slice indices must be integers or have an __index__ method"))
}

/// Resolves `index(x, start, stop)` bounds against `len` into a half-open range.
pub fn index_bounds(
    vm: &mut Vm,
    start: Value,
    stop: Value,
    len: usize,
) -> PyResult<(usize, usize)> {
    let n = len as i64;
    let fix = |i: i64| -> usize {
        let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
        j as usize
    };
    let s = slice_index_arg(vm, start, 0)?;
    let e = slice_index_arg(vm, stop, n)?;
    Ok((fix(s), fix(e)))
}

/// Checks that `ty` (the `$type` of a `__new__`) is a type deriving from `base`.
pub fn check_new_type(vm: &mut Vm, ty: Value, base: Value) -> PyResult<()> {
    let bname = typeobj::type_name(base);
    if !ty.is::<typeobj::TypeObject>() {
        return Err(vm.type_error(format!(
            "{bname}.__new__(X): X is not a type object ({})",
            vm.type_name(ty)
        )));
    }
    if !typeobj::is_subtype(ty, base) {
        let n = typeobj::type_name(ty);
        return Err(vm.type_error(format!(
            "{bname}.__new__({n}): {n} is not a subtype of {bname}"
        )));
    }
    Ok(())
}

/// The "at most one argument, no keywords" rule of `list()`/`tuple()`/`bytearray()`-style
/// constructors bound as `(*args, **kwargs)`: returns the argument or NULL.
pub fn single_optional_arg(vm: &mut Vm, name: &str, args: Value, kwargs: Value) -> PyResult<Value> {
    if !kwargs.is_null() && crate::types::dict::len(kwargs) != 0 {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    let a = crate::types::tuple::items(args).unwrap_or(&[]);
    match a.len() {
        0 => Ok(Value::NULL),
        1 => Ok(a[0]),
        n => Err(vm.type_error(format!("{name} expected at most 1 argument, got {n}"))),
    }
}

/// How many times to repeat a sequence for `seq * n`: `__index__` (NotImplemented-worthy None
/// when `n` is not an integer), OverflowError "cannot fit" for huge, negatives as 0.
pub fn repeat_count(vm: &mut Vm, n: Value) -> PyResult<Option<usize>> {
    if let Some(i) = n.as_small_int() {
        return Ok(Some(i.max(0) as usize));
    }
    if !int::is_int(n) && !ops::has_special(vm, n, vm.names.index) {
        return Ok(None);
    }
    let r = ops::number::index(vm, n)?;
    match int::int_ref(r) {
        Some(i) if i.is_negative() => Ok(Some(0)),
        Some(i) => match i.to_i64() {
            Some(x) => Ok(Some(x as usize)),
            None => Err(vm.overflow_error(format!(
                "cannot fit '{}' into an index-sized integer",
                vm.type_name(n)
            ))),
        },
        None => Ok(Some(0)),
    }
}

/// Largest single buffer growth attempted (in items); beyond it MemoryError is raised up
/// front rather than asking the OS (which may overcommit and kill the process later).
const MAX_ALLOC: usize = 1 << 38;

/// Reserves room for `extra` more items in `v`: MemoryError instead of an allocation abort.
pub fn reserve<T>(vm: &mut Vm, v: &mut Vec<T>, extra: usize) -> PyResult<()> {
    if extra > MAX_ALLOC || v.try_reserve(extra).is_err() {
        return Err(vm.memory_error());
    }
    Ok(())
}

/// Repeats `items` `n` times, MemoryError when the result could not be allocated.
pub fn repeat_items<T: Copy>(vm: &mut Vm, items: &[T], n: usize) -> PyResult<Vec<T>> {
    if items.is_empty() || n == 0 {
        return Ok(Vec::new());
    }
    let Some(total) = items.len().checked_mul(n) else {
        return Err(vm.memory_error());
    };
    let mut v = Vec::new();
    reserve(vm, &mut v, total)?;
    for _ in 0..n {
        v.extend_from_slice(items);
    }
    Ok(v)
}

/// CPython's list/tuple rich comparison: find the first index where the items differ (by `==`,
/// identity first), then compare the lengths or those two items. Items are read live through
/// `get` so a sequence mutated by a comparison is seen as it is now. Returns the result object
/// (`[x] < [y]` is whatever `x < y` returns).
pub fn seq_richcompare(
    vm: &mut Vm,
    a: Value,
    b: Value,
    op: CompareOp,
    get: fn(Value, usize) -> Option<Value>,
    len: fn(Value) -> usize,
) -> PyResult {
    if matches!(op, CompareOp::Eq | CompareOp::Ne) && len(a) != len(b) {
        return Ok(Value::from_bool(op == CompareOp::Ne));
    }
    let mut i = 0;
    while let (Some(x), Some(y)) = (get(a, i), get(b, i)) {
        if x != y && !ops::compare::eq(vm, x, y)? {
            break;
        }
        i += 1;
    }
    // The items at `i` are read again: the comparison may have shortened either sequence,
    // and then the lengths decide (CPython's `list_richcompare`).
    if let (Some(x), Some(y)) = (get(a, i), get(b, i)) {
        return match op {
            CompareOp::Eq => Ok(Value::FALSE),
            CompareOp::Ne => Ok(Value::TRUE),
            _ => ops::compare::rich_compare(vm, x, y, op),
        };
    }
    let (la, lb) = (len(a), len(b));
    Ok(Value::from_bool(match op {
        CompareOp::Lt => la < lb,
        CompareOp::Le => la <= lb,
        CompareOp::Eq => la == lb,
        CompareOp::Ne => la != lb,
        CompareOp::Gt => la > lb,
        CompareOp::Ge => la >= lb,
    }))
}

/// Counts items equal to `x` (item compared first, as CPython), reading live.
pub fn seq_count(
    vm: &mut Vm,
    s: Value,
    x: Value,
    get: fn(Value, usize) -> Option<Value>,
) -> PyResult<usize> {
    let mut n = 0;
    let mut i = 0;
    while let Some(it) = get(s, i) {
        if it == x || ops::compare::eq(vm, it, x)? {
            n += 1;
        }
        i += 1;
    }
    Ok(n)
}

/// The first index in `lo..hi` holding an item equal to `x`, reading live.
pub fn seq_find(
    vm: &mut Vm,
    s: Value,
    x: Value,
    lo: usize,
    hi: usize,
    get: fn(Value, usize) -> Option<Value>,
) -> PyResult<Option<usize>> {
    let mut i = lo;
    while i < hi {
        let Some(it) = get(s, i) else { break };
        if it == x || ops::compare::eq(vm, it, x)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

/// The six comparison dunders of a sequence type, generated from one function
/// `fn(vm, a, b, op) -> PyResult`, as a `[NativeDef; 6]` for a `static`.
macro_rules! richcmp_natives {
    ($f:path) => {{
        fn lt(vm: &mut $crate::vm::Vm, a: &[$crate::value::Value]) -> $crate::vm::PyResult {
            $f(vm, a[0], a[1], fp_bytecode::CompareOp::Lt)
        }
        fn le(vm: &mut $crate::vm::Vm, a: &[$crate::value::Value]) -> $crate::vm::PyResult {
            $f(vm, a[0], a[1], fp_bytecode::CompareOp::Le)
        }
        fn eq(vm: &mut $crate::vm::Vm, a: &[$crate::value::Value]) -> $crate::vm::PyResult {
            $f(vm, a[0], a[1], fp_bytecode::CompareOp::Eq)
        }
        fn ne(vm: &mut $crate::vm::Vm, a: &[$crate::value::Value]) -> $crate::vm::PyResult {
            $f(vm, a[0], a[1], fp_bytecode::CompareOp::Ne)
        }
        fn gt(vm: &mut $crate::vm::Vm, a: &[$crate::value::Value]) -> $crate::vm::PyResult {
            $f(vm, a[0], a[1], fp_bytecode::CompareOp::Gt)
        }
        fn ge(vm: &mut $crate::vm::Vm, a: &[$crate::value::Value]) -> $crate::vm::PyResult {
            $f(vm, a[0], a[1], fp_bytecode::CompareOp::Ge)
        }
        [
            $crate::native!("__lt__", "($self, value, /)", lt),
            $crate::native!("__le__", "($self, value, /)", le),
            $crate::native!("__eq__", "($self, value, /)", eq),
            $crate::native!("__ne__", "($self, value, /)", ne),
            $crate::native!("__gt__", "($self, value, /)", gt),
            $crate::native!("__ge__", "($self, value, /)", ge),
        ]
    }};
}
pub(crate) use richcmp_natives;

/// `__class_getitem__` for the builtin generic containers.
pub fn class_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    crate::modules::builtins::make_generic_alias(vm, a[0], a[1])
}

/// Shared helpers for the unit tests of the sequence types (list, tuple, range, bytes).
#[cfg(test)]
pub mod testutil {
    use crate::ops;
    use crate::value::Value;
    use crate::vm::{Exc, PyResult, Vm};

    pub fn vm() -> Box<Vm> {
        Vm::new(Default::default())
    }
    pub fn int(i: i64) -> Value {
        Value::try_small_int(i).unwrap()
    }
    pub fn s(vm: &mut Vm, x: &str) -> Value {
        vm.new_str(x)
    }
    pub fn builtin(vm: &mut Vm, name: &str) -> Value {
        let k = vm.intern(name);
        crate::types::dict::get_str_value(vm.builtins_dict, k)
            .or_else(|| match name {
                "list" => Some(vm.types.list),
                "tuple" => Some(vm.types.tuple),
                "range" => Some(vm.types.range),
                "slice" => Some(vm.types.slice),
                "bytes" => Some(vm.types.bytes),
                "bytearray" => Some(vm.types.bytearray),
                _ => None,
            })
            .unwrap()
    }
    pub fn call(vm: &mut Vm, f: Value, args: &[Value]) -> PyResult {
        ops::call::call(vm, f, args)
    }
    pub fn meth(vm: &mut Vm, obj: Value, name: &str, args: &[Value]) -> PyResult {
        let f = ops::attr::getattr_str(vm, obj, name)?;
        ops::call::call(vm, f, args)
    }
    pub fn meth_kw(vm: &mut Vm, obj: Value, name: &str, args: &[Value], kw: &[&str]) -> PyResult {
        let f = ops::attr::getattr_str(vm, obj, name)?;
        let names: Vec<Value> = kw.iter().map(|k| vm.intern(k)).collect();
        ops::call::call_kw(vm, f, args, &names)
    }
    pub fn repr(vm: &mut Vm, v: Value) -> String {
        ops::repr::repr_string(vm, v).unwrap()
    }
    pub fn err(vm: &mut Vm, e: Exc) -> String {
        let n = vm.type_name(e.0);
        let m = ops::repr::str_string(vm, e.0).unwrap();
        format!("{n}: {m}")
    }
    /// repr of the result or "Type: message" of the error.
    pub fn show(vm: &mut Vm, r: PyResult) -> String {
        match r {
            Ok(v) => repr(vm, v),
            Err(e) => err(vm, e),
        }
    }
    pub fn list(vm: &mut Vm, xs: &[i64]) -> Value {
        let items = xs.iter().map(|&x| int(x)).collect();
        crate::types::list::new_list(vm, items)
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::*;
    use crate::ops;
    use crate::value::Value;

    #[test]
    fn list_basics() {
        let vm = &mut vm();
        let l = list(vm, &[3, 1, 2]);
        meth(vm, l, "append", &[int(5)]).unwrap();
        assert_eq!(repr(vm, l), "[3, 1, 2, 5]");
        let r = meth(vm, l, "pop", &[]);
        assert_eq!(show(vm, r), "5");
        let r = meth(vm, l, "index", &[int(9)]);
        assert_eq!(show(vm, r), "ValueError: 9 is not in list");
        let r = meth(vm, l, "remove", &[int(9)]);
        assert_eq!(show(vm, r), "ValueError: list.remove(x): x not in list");
        meth(vm, l, "insert", &[int(-100), int(0)]).unwrap();
        meth(vm, l, "insert", &[int(100), int(9)]).unwrap();
        assert_eq!(repr(vm, l), "[0, 3, 1, 2, 9]");
        let e = list(vm, &[]);
        let r = meth(vm, e, "pop", &[]);
        assert_eq!(show(vm, r), "IndexError: pop from empty list");
        let r = meth(vm, l, "pop", &[int(7)]);
        assert_eq!(show(vm, r), "IndexError: pop index out of range");
        let t = crate::types::tuple::new_tuple(vm, vec![int(1)]);
        let r = meth(vm, l, "__add__", &[t]);
        assert_eq!(
            show(vm, r),
            "TypeError: can only concatenate list (not \"tuple\") to list"
        );
        let k = s(vm, "a");
        let r = meth(vm, l, "__getitem__", &[k]);
        assert_eq!(
            show(vm, r),
            "TypeError: list indices must be integers or slices, not str"
        );
        let r = meth(vm, l, "__mul__", &[int(2)]);
        assert_eq!(show(vm, r), "[0, 3, 1, 2, 9, 0, 3, 1, 2, 9]");
        let r = meth(vm, l, "__lt__", &[int(1)]);
        assert_eq!(show(vm, r), "NotImplemented");
        let l2 = list(vm, &[0, 3, 2]);
        let r = meth(vm, l, "__lt__", &[l2]);
        assert_eq!(show(vm, r), "True");
        let r = meth(vm, l, "count", &[int(3)]);
        assert_eq!(show(vm, r), "1");
        // Recursive repr.
        let rl = list(vm, &[1]);
        meth(vm, rl, "append", &[rl]).unwrap();
        assert_eq!(repr(vm, rl), "[1, [...]]");
        let r = ops::hash::hash(vm, l).map(|_| Value::NONE);
        assert_eq!(show(vm, r), "TypeError: unhashable type: 'list'");
    }

    #[test]
    fn list_construct() {
        let vm = &mut vm();
        let lt = vm.types.list;
        let t = crate::types::tuple::new_tuple(vm, vec![int(1), int(2)]);
        let r = call(vm, lt, &[t]);
        assert_eq!(show(vm, r), "[1, 2]");
        let r = call(vm, lt, &[t, t]);
        assert_eq!(
            show(vm, r),
            "TypeError: list expected at most 1 argument, got 2"
        );
        let r = call(vm, lt, &[int(1)]);
        assert_eq!(show(vm, r), "TypeError: 'int' object is not iterable");
        let tt = vm.types.tuple;
        let l = list(vm, &[4, 5]);
        let r = call(vm, tt, &[l]);
        assert_eq!(show(vm, r), "(4, 5)");
        let r = call(vm, tt, &[]);
        assert_eq!(show(vm, r), "()");
        let one = crate::types::tuple::new_tuple(vm, vec![int(1)]);
        assert_eq!(repr(vm, one), "(1,)");
    }

    fn slice(vm: &mut crate::vm::Vm, a: Value, b: Value, c: Value) -> Value {
        crate::types::range::new_slice(vm, a, b, c)
    }

    #[test]
    fn list_slices() {
        let vm = &mut vm();
        let n = Value::NONE;
        let a = list(vm, &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        let cases: &[(Value, Value, Value, &str)] = &[
            (int(2), int(5), n, "[2, 3, 4]"),
            (n, n, int(2), "[0, 2, 4, 6, 8]"),
            (n, n, int(-1), "[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]"),
            (int(8), int(2), int(-2), "[8, 6, 4]"),
            (int(-100), int(2), n, "[0, 1]"),
            (n, n, int(-4), "[9, 5, 1]"),
        ];
        for &(x, y, z, want) in cases {
            let sl = slice(vm, x, y, z);
            let r = ops::item::getitem(vm, a, sl);
            assert_eq!(show(vm, r), want);
        }
        let b = meth(vm, a, "copy", &[]).unwrap();
        let sl = slice(vm, n, n, int(-3));
        let v = list(vm, &[0, 0, 0, 0]);
        ops::item::setitem(vm, b, sl, v).unwrap();
        assert_eq!(repr(vm, b), "[0, 1, 2, 0, 4, 5, 0, 7, 8, 0]");
        let sl = slice(vm, n, n, int(2));
        let v = list(vm, &[1, 2]);
        let r = ops::item::setitem(vm, b, sl, v).map(|_| Value::NONE);
        assert_eq!(
            show(vm, r),
            "ValueError: attempt to assign sequence of size 2 to extended slice of size 5"
        );
        let sl = slice(vm, int(1), int(3), n);
        let r = ops::item::setitem(vm, b, sl, int(5)).map(|_| Value::NONE);
        assert_eq!(show(vm, r), "TypeError: can only assign an iterable");
        let b = meth(vm, a, "copy", &[]).unwrap();
        let sl = slice(vm, int(3), int(7), n);
        ops::item::setitem(vm, b, sl, b).unwrap();
        assert_eq!(
            repr(vm, b),
            "[0, 1, 2, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 7, 8, 9]"
        );
        let b = meth(vm, a, "copy", &[]).unwrap();
        let sl = slice(vm, n, n, int(-2));
        ops::item::delitem(vm, b, sl).unwrap();
        assert_eq!(repr(vm, b), "[0, 2, 4, 6, 8]");
        let b = meth(vm, a, "copy", &[]).unwrap();
        let sl = slice(vm, n, n, int(3));
        ops::item::delitem(vm, b, sl).unwrap();
        assert_eq!(repr(vm, b), "[1, 2, 4, 5, 7, 8]");
        let b = meth(vm, a, "copy", &[]).unwrap();
        let sl = slice(vm, int(8), int(2), n);
        let v = list(vm, &[-1]);
        ops::item::setitem(vm, b, sl, v).unwrap();
        assert_eq!(repr(vm, b), "[0, 1, 2, 3, 4, 5, 6, 7, -1, 8, 9]");
    }

    #[test]
    fn sorting() {
        let vm = &mut vm();
        let l = list(vm, &[5, -3, 2, -8, 0, 7]);
        let r = meth(vm, l, "sort", &[]);
        assert_eq!(show(vm, r), "None");
        assert_eq!(repr(vm, l), "[-8, -3, 0, 2, 5, 7]");
        // Generic path: tuples, with stability and reverse.
        let mut items = Vec::new();
        for i in 0..200i64 {
            let t = crate::types::tuple::new_tuple(vm, vec![int((i * 7919) % 13), int(i)]);
            items.push(t);
        }
        let mut v = items.clone();
        super::sort_values(vm, &mut v, Value::NULL, false).unwrap();
        let got: Vec<(i64, i64)> = v
            .iter()
            .map(|t| {
                let it = crate::types::tuple::items(*t).unwrap();
                (it[0].as_small_int().unwrap(), it[1].as_small_int().unwrap())
            })
            .collect();
        let mut want = got.clone();
        want.sort();
        assert_eq!(got, want);
        let mut v = items.clone();
        super::sort_values(vm, &mut v, Value::NULL, true).unwrap();
        let got: Vec<i64> = v
            .iter()
            .map(|t| {
                crate::types::tuple::items(*t).unwrap()[0]
                    .as_small_int()
                    .unwrap()
            })
            .collect();
        let mut want = got.clone();
        want.sort_by(|a, b| b.cmp(a));
        assert_eq!(got, want);
        // Mixed types raise with CPython's message; nothing is lost.
        let sa = s(vm, "a");
        let mut v = vec![int(1), sa, int(0)];
        let r = super::sort_values(vm, &mut v, Value::NULL, false).map(|_| Value::NONE);
        assert_eq!(
            show(vm, r),
            "TypeError: '<' not supported between instances of 'str' and 'int'"
        );
        assert_eq!(v.len(), 3);
        let r = meth(vm, l, "sort", &[int(1)]);
        assert_eq!(
            show(vm, r),
            "TypeError: sort() takes no positional arguments"
        );
        // key= and reverse= (stable: equal keys keep order).
        let lenf = ops::attr::getattr_str(vm, vm.types.list, "__len__").unwrap();
        let mut items = Vec::new();
        for xs in [&[1, 1, 1][..], &[2], &[3], &[4, 4, 4], &[5, 5]] {
            items.push(list(vm, xs));
        }
        let l = crate::types::list::new_list(vm, items);
        let r = meth_kw(vm, l, "sort", &[lenf, Value::TRUE], &["key", "reverse"]);
        assert_eq!(show(vm, r), "None");
        assert_eq!(repr(vm, l), "[[1, 1, 1], [4, 4, 4], [5, 5], [2], [3]]");
    }

    #[test]
    fn sorting_many_floats_and_nan() {
        let vm = &mut vm();
        let mut v = Vec::new();
        for i in 0..1000i64 {
            let f = ((i * 7919) % 1000) as f64 / 3.0;
            v.push(crate::types::float::new_float(vm, f));
        }
        v.push(crate::types::float::new_float(vm, f64::NAN));
        super::sort_values(vm, &mut v, Value::NULL, false).unwrap();
        assert_eq!(v.len(), 1001);
    }

    #[test]
    fn tuples() {
        let vm = &mut vm();
        let t = crate::types::tuple::new_tuple(vm, vec![int(1), int(2), int(1)]);
        let r = meth(vm, t, "count", &[int(1)]);
        assert_eq!(show(vm, r), "2");
        let r = meth(vm, t, "index", &[int(5)]);
        assert_eq!(show(vm, r), "ValueError: tuple.index(x): x not in tuple");
        let r = meth(vm, t, "__getitem__", &[int(5)]);
        assert_eq!(show(vm, r), "IndexError: tuple index out of range");
        let h1 = ops::hash::hash(vm, t).unwrap();
        let h2 = meth(vm, t, "__hash__", &[]).unwrap();
        assert_eq!(Some(h1), h2.as_small_int().or(Some(h1)));
        let r = meth(vm, t, "__getnewargs__", &[]);
        assert_eq!(show(vm, r), "((1, 2, 1),)");
    }
}
