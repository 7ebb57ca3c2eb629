//! Python-visible behaviour of `range` and `slice`.
//!
//! Range bounds are Python ints of any size (`range(10**20)` works): the common all-small case
//! is computed with i64/i128 arithmetic, everything else with `BigInt`. Iteration of small
//! ranges uses the builtin range iterator; big ones fall back to the sequence iterator.

use crate::native::NativeDef;
use crate::ops;
use crate::types::int::{self, int_ref};
use crate::types::iterators::{self, IterState, new_iter};
use crate::types::range::{RangeObj, SliceObj, new_range, new_slice, range_len};
use crate::types::seq_methods::{check_new_type, richcmp_natives};
use crate::types::tuple::new_tuple;
use crate::types::typeobj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};
use fp_bytecode::CompareOp;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

pub fn install(vm: &mut Vm) {
    let r = vm.types.range;
    typeobj::add_methods(vm, r, RANGE_METHODS);
    typeobj::add_getsets(vm, r, RANGE_GETSETS);
    let s = vm.types.slice;
    typeobj::add_methods(vm, s, SLICE_METHODS);
    typeobj::add_methods(vm, s, &SLICE_CMP);
    typeobj::add_getsets(vm, s, SLICE_GETSETS);
    // Slices are unhashable in 3.11.
    typeobj::set_type_attr(vm, s, "__hash__", Value::NONE);
}

static RANGE_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, *args, **kwargs)", range_new),
    native!("__len__", "($self, /)", range_len_native),
    native!("__bool__", "($self, /)", range_bool),
    native!("__getitem__", "($self, key, /)", range_getitem),
    native!("__contains__", "($self, key, /)", range_contains),
    native!("__iter__", "($self, /)", range_iter),
    native!("__reversed__", "($self, /)", range_reversed),
    native!("__eq__", "($self, value, /)", range_eq),
    native!("__ne__", "($self, value, /)", range_ne),
    native!("__hash__", "($self, /)", range_hash),
    native!("__repr__", "($self, /)", range_repr),
    native!("__reduce__", "($self, /)", range_reduce),
    native!("count", "($self, value, /)", range_count),
    native!("index", "($self, value, /)", range_index),
];

static RANGE_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("start", "($self, /)", range_start), None),
    (native!("stop", "($self, /)", range_stop), None),
    (native!("step", "($self, /)", range_step), None),
];

static SLICE_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, *args, **kwargs)", slice_new),
    native!("__repr__", "($self, /)", slice_repr),
    native!("__reduce__", "($self, /)", slice_reduce),
    native!("indices", "($self, length, /)", slice_indices_native),
];

static SLICE_CMP: [NativeDef; 6] = richcmp_natives!(slice_richcompare);

static SLICE_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("start", "($self, /)", slice_start), None),
    (native!("stop", "($self, /)", slice_stop), None),
    (native!("step", "($self, /)", slice_step), None),
];

// ----- helpers -----

fn big(v: Value) -> BigInt {
    int_ref(v).map(|i| i.to_bigint()).unwrap_or_default()
}

/// `operator.index(v)` as an exact int (bools and int subclasses become plain ints).
fn exact_index(vm: &mut Vm, v: Value) -> PyResult {
    if v.is_small_int() {
        return Ok(v);
    }
    let r = ops::number::index(vm, v)?;
    if r.is_small_int() || vm.type_of(r) == vm.types.int {
        return Ok(r);
    }
    let b = big(r);
    Ok(int::from_bigint(vm, b))
}

fn this(vm: &mut Vm, v: Value) -> PyResult<&'static RangeObj> {
    match v.downcast::<RangeObj>() {
        Some(r) => Ok(r),
        None => Err(vm.type_error(format!(
            "descriptor requires a 'range' object but received a '{}'",
            vm.type_name(v)
        ))),
    }
}

/// (start, stop, step) as big ints.
fn big_bounds(r: &RangeObj) -> (BigInt, BigInt, BigInt) {
    (big(r.start), big(r.stop), big(r.step))
}

fn big_len(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    if step.is_positive() && start < stop {
        (stop - start - 1u32) / step + 1u32
    } else if step.is_negative() && start > stop {
        (start - stop - 1u32) / (-step) + 1u32
    } else {
        BigInt::zero()
    }
}

/// The length of a range as a BigInt (no overflow).
pub fn range_length(r: &RangeObj) -> BigInt {
    if let Some((a, b, c)) = r.small() {
        return BigInt::from(range_len(a, b, c));
    }
    let (a, b, c) = big_bounds(r);
    big_len(&a, &b, &c)
}

/// The length of a range as usize when it fits (what `len()` and iteration need).
fn length_small(r: &RangeObj) -> Option<i64> {
    if let Some((a, b, c)) = r.small() {
        return Some(range_len(a, b, c));
    }
    range_length(r).to_i64()
}

fn is_exact_int(vm: &Vm, v: Value) -> bool {
    v.is_small_int() || v.is_bool() || vm.type_of(v) == vm.types.int
}

/// Whether the int `x` is one of the range's values (O(1)).
fn contains_int(r: &RangeObj, x: Value) -> bool {
    if let (Some((start, stop, step)), Some(int::IntRef::Small(x))) = (r.small(), int_ref(x)) {
        let (start, stop, step, x) = (start as i128, stop as i128, step as i128, x as i128);
        let inside = if step > 0 {
            start <= x && x < stop
        } else {
            stop < x && x <= start
        };
        return inside && (x - start) % step == 0;
    }
    let (start, stop, step) = big_bounds(r);
    let x = big(x);
    let inside = if step.is_positive() {
        start <= x && x < stop
    } else {
        stop < x && x <= start
    };
    inside && ((&x - &start) % &step).is_zero()
}

// ----- range -----

fn range_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    check_new_type(vm, a[0], vm.types.range)?;
    if !a[2].is_null() && crate::types::dict::len(a[2]) != 0 {
        return Err(vm.type_error("range() takes no keyword arguments"));
    }
    let args = crate::types::tuple::items(a[1]).unwrap_or(&[]);
    let zero = Value::try_small_int(0).unwrap_or(Value::NONE);
    let one = Value::try_small_int(1).unwrap_or(Value::NONE);
    let (start, stop, step) = match args.len() {
        0 => {
            return Err(vm.type_error("range expected at least 1 argument, got 0"));
        }
        1 => (zero, exact_index(vm, args[0])?, one),
        2 => (exact_index(vm, args[0])?, exact_index(vm, args[1])?, one),
        3 => {
            let (s, e, st) = (args[0], args[1], args[2]);
            let s = exact_index(vm, s)?;
            let e = exact_index(vm, e)?;
            let st = exact_index(vm, st)?;
            if int_ref(st).is_some_and(|i| i.is_zero()) {
                return Err(vm.value_error("range() arg 3 must not be zero"));
            }
            (s, e, st)
        }
        n => {
            return Err(vm.type_error(format!("range expected at most 3 arguments, got {n}")));
        }
    };
    Ok(new_range(vm, start, stop, step))
}

fn range_len_native(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = this(vm, a[0])?;
    match length_small(r) {
        Some(n) => Ok(int::from_i64(vm, n)),
        None => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
    }
}

fn range_bool(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = this(vm, a[0])?;
    Ok(Value::from_bool(!range_length(r).is_zero()))
}

/// The `i`-th item (negative from the end) or None when out of range.
fn range_item(vm: &mut Vm, r: &RangeObj, i: Value) -> Option<Value> {
    if let (Some((start, stop, step)), Some(int::IntRef::Small(i))) = (r.small(), int_ref(i)) {
        let n = range_len(start, stop, step) as i128;
        let i = i as i128;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return None;
        }
        return Some(int::from_i128(vm, start as i128 + j * step as i128));
    }
    let (start, stop, step) = big_bounds(r);
    let n = big_len(&start, &stop, &step);
    let i = big(i);
    let j = if i.is_negative() { i + &n } else { i };
    if j.is_negative() || j >= n {
        return None;
    }
    Some(int::from_bigint(vm, start + j * step))
}

/// A slice component as an int (None stays None), with the slice-index TypeError.
fn slice_part(vm: &mut Vm, v: Value) -> PyResult<Option<BigInt>> {
    if v.is_none() {
        return Ok(None);
    }
    if int::is_int(v) || ops::has_special(vm, v, vm.names.index) {
        let i = ops::number::index(vm, v)?;
        return Ok(Some(big(i)));
    }
    Err(vm.type_error("slice indices must be integers or None or have an __index__ method"))
}

/// `_PySlice_GetLongIndices`: (start, stop, step) of slice `s` against `len`, on big ints.
pub fn slice_indices_big(
    vm: &mut Vm,
    s: &SliceObj,
    len: &BigInt,
) -> PyResult<(BigInt, BigInt, BigInt)> {
    let step = match slice_part(vm, s.step)? {
        None => BigInt::one(),
        Some(st) if st.is_zero() => return Err(vm.value_error("slice step cannot be zero")),
        Some(st) => st,
    };
    let neg = step.is_negative();
    let (lower, upper) = if neg {
        (BigInt::from(-1), len - 1u32)
    } else {
        (BigInt::zero(), len.clone())
    };
    let fix = |v: Option<BigInt>, default: &BigInt| -> BigInt {
        match v {
            None => default.clone(),
            Some(i) if i.is_negative() => {
                let j = i + len;
                if j < lower { lower.clone() } else { j }
            }
            Some(i) => {
                if i > upper {
                    upper.clone()
                } else {
                    i
                }
            }
        }
    };
    let start = slice_part(vm, s.start)?;
    let stop = slice_part(vm, s.stop)?;
    let start = fix(start, if neg { &upper } else { &lower });
    let stop = fix(stop, if neg { &lower } else { &upper });
    Ok((start, stop, step))
}

fn range_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = this(vm, a[0])?;
    let k = a[1];
    if let Some(s) = k.downcast::<SliceObj>() {
        let len = range_length(r);
        let (i, j, st) = slice_indices_big(vm, s, &len)?;
        let (start, _, step) = big_bounds(r);
        let new_start = &start + i * &step;
        let new_stop = &start + j * &step;
        let new_step = step * st;
        let (x, y, z) = (
            int::from_bigint(vm, new_start),
            int::from_bigint(vm, new_stop),
            int::from_bigint(vm, new_step),
        );
        return Ok(new_range(vm, x, y, z));
    }
    if int::is_int(k) || ops::has_special(vm, k, vm.names.index) {
        let i = ops::number::index(vm, k)?;
        return match range_item(vm, r, i) {
            Some(v) => Ok(v),
            None => Err(vm.index_error("range object index out of range")),
        };
    }
    Err(vm.type_error(format!(
        "range indices must be integers or slices, not {}",
        vm.type_name(k)
    )))
}

fn range_contains(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = this(vm, a[0])?;
    if is_exact_int(vm, a[1]) {
        return Ok(Value::from_bool(contains_int(r, a[1])));
    }
    Ok(Value::from_bool(search(vm, a[0], a[1])?.is_some()))
}

/// Linear search by `==` (for non-int needles): the index of the first equal item.
fn search(vm: &mut Vm, range: Value, x: Value) -> PyResult<Option<u64>> {
    let it = range_iter_value(vm, range)?;
    let mut i = 0u64;
    while let Some(v) = ops::iter::next(vm, it)? {
        if ops::compare::eq(vm, v, x)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

fn range_iter_value(vm: &mut Vm, v: Value) -> PyResult {
    let r = this(vm, v)?;
    if r.small().is_some()
        && let Some(it) = iterators::builtin_iter(vm, v)
    {
        return Ok(it);
    }
    // Big bounds: index the range (with big-int arithmetic) through the sequence iterator.
    Ok(iterators::new_seq_iter(vm, v))
}

fn range_iter(vm: &mut Vm, a: &[Value]) -> PyResult {
    range_iter_value(vm, a[0])
}

fn range_reversed(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = this(vm, a[0])?;
    if let Some((start, stop, step)) = r.small() {
        let n = range_len(start, stop, step);
        // The last item lies between start and stop, so it fits i64; so does -step.
        let last = start as i128 + (n as i128 - 1).max(0) * step as i128;
        return Ok(new_iter(
            vm.types.range_iterator,
            IterState::Range {
                cur: last as i64,
                step: -step,
                remaining: n,
                start: last as i64,
            },
        ));
    }
    let (start, stop, step) = big_bounds(r);
    let n = big_len(&start, &stop, &step);
    let last = &start + (n - 1u32) * &step;
    let new_stop = &start - &step;
    let (x, y, z) = (
        int::from_bigint(vm, last),
        int::from_bigint(vm, new_stop),
        int::from_bigint(vm, -step),
    );
    let rev = new_range(vm, x, y, z);
    range_iter_value(vm, rev)
}

/// Ranges are equal when they describe the same sequence of values.
fn range_equal(a: &RangeObj, b: &RangeObj) -> bool {
    let la = range_length(a);
    if la != range_length(b) {
        return false;
    }
    if la.is_zero() {
        return true;
    }
    if big(a.start) != big(b.start) {
        return false;
    }
    la.is_one() || big(a.step) == big(b.step)
}

fn range_eq(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = this(vm, a[0])?;
    match a[1].downcast::<RangeObj>() {
        Some(o) => Ok(Value::from_bool(a[0] == a[1] || range_equal(r, o))),
        None => Ok(Value::NOT_IMPLEMENTED),
    }
}

fn range_ne(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = this(vm, a[0])?;
    match a[1].downcast::<RangeObj>() {
        Some(o) => Ok(Value::from_bool(a[0] != a[1] && !range_equal(r, o))),
        None => Ok(Value::NOT_IMPLEMENTED),
    }
}

/// hash((len, start, step)), with start/step replaced by None where they do not matter, so
/// equal ranges hash equal.
fn range_hash(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = this(vm, a[0])?;
    let n = range_length(r);
    let (start, step) = if n.is_zero() {
        (Value::NONE, Value::NONE)
    } else if n.is_one() {
        (r.start, Value::NONE)
    } else {
        (r.start, r.step)
    };
    let nv = int::from_bigint(vm, n);
    let t = new_tuple(vm, vec![nv, start, step]);
    let h = ops::hash::tuple_hash(vm, t)?;
    Ok(int::from_i64(vm, h))
}

fn range_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = this(vm, a[0])?;
    let start = ops::repr::repr_string(vm, r.start)?;
    let stop = ops::repr::repr_string(vm, r.stop)?;
    let s = if r.step.as_small_int() == Some(1) {
        format!("range({start}, {stop})")
    } else {
        let step = ops::repr::repr_string(vm, r.step)?;
        format!("range({start}, {stop}, {step})")
    };
    Ok(vm.new_string(s))
}

fn range_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = this(vm, a[0])?;
    let args = new_tuple(vm, vec![r.start, r.stop, r.step]);
    let ty = vm.types.range;
    Ok(new_tuple(vm, vec![ty, args]))
}

fn range_count(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = this(vm, a[0])?;
    if is_exact_int(vm, a[1]) {
        return Ok(Value::try_small_int(contains_int(r, a[1]) as i64).unwrap_or(Value::NONE));
    }
    let it = range_iter_value(vm, a[0])?;
    let mut n = 0u64;
    while let Some(v) = ops::iter::next(vm, it)? {
        if ops::compare::eq(vm, v, a[1])? {
            n += 1;
        }
    }
    Ok(int::from_u64(vm, n))
}

fn range_index(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = this(vm, a[0])?;
    let x = a[1];
    if is_exact_int(vm, x) {
        if !contains_int(r, x) {
            let s = ops::repr::repr_string(vm, x)?;
            return Err(vm.value_error(format!("{s} is not in range")));
        }
        let (start, _, step) = big_bounds(r);
        let idx = (big(x) - start).div_floor(&step);
        return Ok(int::from_bigint(vm, idx));
    }
    match search(vm, a[0], x)? {
        Some(i) => Ok(int::from_u64(vm, i)),
        None => Err(vm.value_error("sequence.index(x): x not in sequence")),
    }
}

fn range_start(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(this(vm, a[0])?.start)
}

fn range_stop(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(this(vm, a[0])?.stop)
}

fn range_step(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(this(vm, a[0])?.step)
}

// ----- slice -----

fn this_slice(vm: &mut Vm, v: Value) -> PyResult<&'static SliceObj> {
    match v.downcast::<SliceObj>() {
        Some(s) => Ok(s),
        None => Err(vm.type_error(format!(
            "descriptor requires a 'slice' object but received a '{}'",
            vm.type_name(v)
        ))),
    }
}

fn slice_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    check_new_type(vm, a[0], vm.types.slice)?;
    if !a[2].is_null() && crate::types::dict::len(a[2]) != 0 {
        return Err(vm.type_error("slice() takes no keyword arguments"));
    }
    let args = crate::types::tuple::items(a[1]).unwrap_or(&[]);
    let n = Value::NONE;
    let (start, stop, step) = match args.len() {
        0 => return Err(vm.type_error("slice expected at least 1 argument, got 0")),
        1 => (n, args[0], n),
        2 => (args[0], args[1], n),
        3 => (args[0], args[1], args[2]),
        k => {
            return Err(vm.type_error(format!("slice expected at most 3 arguments, got {k}")));
        }
    };
    Ok(new_slice(vm, start, stop, step))
}

fn slice_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this_slice(vm, a[0])?;
    let start = ops::repr::repr_string(vm, s.start)?;
    let stop = ops::repr::repr_string(vm, s.stop)?;
    let step = ops::repr::repr_string(vm, s.step)?;
    Ok(vm.new_string(format!("slice({start}, {stop}, {step})")))
}

fn slice_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this_slice(vm, a[0])?;
    let args = new_tuple(vm, vec![s.start, s.stop, s.step]);
    let ty = vm.types.slice;
    Ok(new_tuple(vm, vec![ty, args]))
}

fn slice_indices_native(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this_slice(vm, a[0])?;
    let len = ops::number::index(vm, a[1])?;
    let len = big(len);
    if len.is_negative() {
        return Err(vm.value_error("length should not be negative"));
    }
    let (start, stop, step) = slice_indices_big(vm, s, &len)?;
    let items = vec![
        int::from_bigint(vm, start),
        int::from_bigint(vm, stop),
        int::from_bigint(vm, step),
    ];
    Ok(new_tuple(vm, items))
}

/// Slices compare like the tuples (start, stop, step).
fn slice_richcompare(vm: &mut Vm, a: Value, b: Value, op: CompareOp) -> PyResult {
    let (Some(x), Some(y)) = (a.downcast::<SliceObj>(), b.downcast::<SliceObj>()) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    if a == b {
        return Ok(Value::from_bool(matches!(
            op,
            CompareOp::Eq | CompareOp::Le | CompareOp::Ge
        )));
    }
    let ta = new_tuple(vm, vec![x.start, x.stop, x.step]);
    let tb = new_tuple(vm, vec![y.start, y.stop, y.step]);
    ops::compare::rich_compare(vm, ta, tb, op)
}

fn slice_start(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(this_slice(vm, a[0])?.start)
}

fn slice_stop(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(this_slice(vm, a[0])?.stop)
}

fn slice_step(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(this_slice(vm, a[0])?.step)
}

#[cfg(test)]
mod tests {
    use crate::types::seq_methods::testutil::*;
    use crate::value::Value;

    fn big(vm: &mut crate::vm::Vm, s: &str) -> Value {
        let b: num_bigint::BigInt = s.parse().unwrap();
        crate::types::int::from_bigint(vm, b)
    }

    #[test]
    fn ranges() {
        let vm = &mut vm();
        let rt = vm.types.range;
        let r = call(vm, rt, &[int(0), int(10), int(2)]);
        assert_eq!(show(vm, r), "range(0, 10, 2)");
        let r = call(vm, rt, &[int(1), int(2), int(0)]);
        assert_eq!(show(vm, r), "ValueError: range() arg 3 must not be zero");
        let r = call(vm, rt, &[]);
        assert_eq!(
            show(vm, r),
            "TypeError: range expected at least 1 argument, got 0"
        );
        let r10 = call(vm, rt, &[int(10)]).unwrap();
        let sl = crate::types::range::new_slice(vm, Value::NONE, Value::NONE, int(-1));
        let r = crate::ops::item::getitem(vm, r10, sl);
        assert_eq!(show(vm, r), "range(9, -1, -1)");
        let r = crate::ops::item::getitem(vm, r10, int(20));
        assert_eq!(show(vm, r), "IndexError: range object index out of range");
        let r = meth(vm, r10, "index", &[int(11)]);
        assert_eq!(show(vm, r), "ValueError: 11 is not in range");
        let r = crate::ops::item::len(vm, r10).map(|n| int(n as i64));
        assert_eq!(show(vm, r), "10");
        // Big bounds.
        let huge = big(vm, "100000000000000000000");
        let rh = call(vm, rt, &[huge]).unwrap();
        let r = crate::ops::item::len(vm, rh).map(|_| Value::NONE);
        assert_eq!(
            show(vm, r),
            "OverflowError: Python int too large to convert to C ssize_t"
        );
        let i = big(vm, "10000000000000000000");
        let r = crate::ops::item::getitem(vm, rh, i);
        assert_eq!(show(vm, r), "10000000000000000000");
        let r = crate::ops::item::contains(vm, rh, int(5)).map(Value::from_bool);
        assert_eq!(show(vm, r), "True");
        let rs = call(vm, rt, &[int(0), huge, int(3)]).unwrap();
        let sl = crate::types::range::new_slice(vm, Value::NONE, Value::NONE, int(-7));
        let r = crate::ops::item::getitem(vm, rs, sl);
        assert_eq!(show(vm, r), "range(99999999999999999999, -3, -21)");
        // Equality and hashing follow the sequence.
        let a = call(vm, rt, &[int(0)]).unwrap();
        let b = call(vm, rt, &[int(5), int(2)]).unwrap();
        assert!(crate::ops::compare::eq(vm, a, b).unwrap());
        let ha = crate::ops::hash::hash(vm, a).unwrap();
        let hb = crate::ops::hash::hash(vm, b).unwrap();
        assert_eq!(ha, hb);
        let rev = meth(vm, r10, "__reversed__", &[]).unwrap();
        let items = crate::ops::iter::collect(vm, rev).unwrap();
        let l = crate::types::list::new_list(vm, items);
        assert_eq!(repr(vm, l), "[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]");
    }

    #[test]
    fn slices() {
        let vm = &mut vm();
        let st = vm.types.slice;
        let s = call(vm, st, &[int(1), int(8), int(3)]).unwrap();
        assert_eq!(repr(vm, s), "slice(1, 8, 3)");
        let s5 = call(vm, st, &[int(5)]).unwrap();
        let r = meth(vm, s5, "indices", &[int(3)]);
        assert_eq!(show(vm, r), "(0, 3, 1)");
        let sn = call(vm, st, &[int(-3), Value::NONE, int(-1)]).unwrap();
        let r = meth(vm, sn, "indices", &[int(10)]);
        assert_eq!(show(vm, r), "(7, -1, -1)");
        let r = meth(vm, sn, "indices", &[int(-1)]);
        assert_eq!(show(vm, r), "ValueError: length should not be negative");
        let r = crate::ops::hash::hash(vm, s).map(|_| Value::NONE);
        assert_eq!(show(vm, r), "TypeError: unhashable type: 'slice'");
        let a = call(vm, st, &[int(1), int(2)]).unwrap();
        let b = call(vm, st, &[int(1), int(3)]).unwrap();
        let r = crate::ops::compare::rich_compare(vm, a, b, fp_bytecode::CompareOp::Lt);
        assert_eq!(show(vm, r), "True");
    }
}
