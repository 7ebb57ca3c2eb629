//! The stable sort behind `list.sort()` and `sorted()`.
//!
//! Python's sort only ever asks `a < b` (which may run Python code and may raise), so Rust's
//! `sort_by` cannot be used on arbitrary objects: a comparator that fails, or that is not a
//! total order, must neither panic nor lose items. This is a natural merge sort in the spirit
//! of timsort: existing ascending/descending runs are found, short runs are extended to a
//! minimum length with binary insertion sort, and runs are merged pairwise — O(n log n)
//! comparisons, O(n) for already ordered input. On an error every item is still in the slice.
//!
//! Keys that are all small ints, all exact ints, all exact strs, or all NaN-free exact floats
//! form a total order compared without Python code; those take Rust's stable sort directly.
//! Otherwise the comparison is chosen once per sort (as CPython's pre-checks do): exact tuples
//! are compared item by item in place, and instances of one class with a Python `__lt__` call
//! that function directly; anything else goes through `ops::compare::lt`.

use crate::ops;
use crate::types::int::{self, int_ref};
use crate::types::typeobj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use fp_bytecode::CompareOp;

/// Sorts `items` in place like `list.sort(key=key, reverse=reverse)` (`key` NULL or None for
/// none). Stable; with `reverse`, equal items keep their original order (as CPython: reverse,
/// stable sort, reverse). Key-function and comparison errors propagate; the items are then in
/// some order, none lost.
pub fn sort_values(vm: &mut Vm, items: &mut [Value], key: Value, reverse: bool) -> PyResult<()> {
    sort_values_in(vm, items, key, reverse, false)
}

/// `sort_values`, from a clean position when `clean` (see `ops::call::call_kw_in`): the key
/// function and the comparisons' special methods then run at a clean level. The items, `key`
/// and the computed keys are rooted here meanwhile, wherever the caller keeps them.
pub fn sort_values_in(
    vm: &mut Vm,
    items: &mut [Value],
    key: Value,
    reverse: bool,
    clean: bool,
) -> PyResult<()> {
    if !clean {
        return sort_rooted(vm, items, key, reverse, false);
    }
    let mark = vm.roots_mark();
    for &v in items.iter().chain(std::iter::once(&key)) {
        if v.is_ptr() {
            vm.root(v);
        }
    }
    let r = sort_rooted(vm, items, key, reverse, true);
    vm.truncate_roots(mark);
    r
}

fn sort_rooted(
    vm: &mut Vm,
    items: &mut [Value],
    key: Value,
    reverse: bool,
    clean: bool,
) -> PyResult<()> {
    if key.is_null() || key.is_none() {
        if items.len() < 2 {
            return Ok(());
        }
        if reverse {
            items.reverse();
        }
        let r = sort_slice(vm, items, clean);
        if reverse {
            items.reverse();
        }
        return r;
    }
    // Keys are computed once per item, in order, before any comparison.
    let mut pairs: Vec<Keyed> = Vec::with_capacity(items.len());
    for &it in items.iter() {
        let k = ops::call::call_kw_in(vm, key, &[it], &[], clean)?;
        if clean && k.is_ptr() {
            vm.root(k);
        }
        pairs.push(Keyed(k, it));
    }
    if reverse {
        pairs.reverse();
    }
    let r = sort_slice(vm, &mut pairs, clean);
    if reverse {
        pairs.reverse();
    }
    for (dst, p) in items.iter_mut().zip(pairs) {
        *dst = p.1;
    }
    r
}

/// Something sortable: a value, or a (key, value) pair ordered by its key.
trait SortItem: Copy {
    fn key(&self) -> Value;
}

impl SortItem for Value {
    #[inline]
    fn key(&self) -> Value {
        *self
    }
}

#[derive(Clone, Copy)]
struct Keyed(Value, Value);

impl SortItem for Keyed {
    #[inline]
    fn key(&self) -> Value {
        self.0
    }
}

/// How `a < b` is computed for one sort, decided once from the key types (as CPython's
/// `unsafe_*_compare` pre-checks), and whether the comparisons run from a clean position.
#[derive(Clone, Copy)]
struct Cmp {
    how: CmpKind,
    clean: bool,
}

#[derive(Clone, Copy)]
enum CmpKind {
    /// The full protocol (`ops::compare::lt`).
    Generic,
    /// Every key is an exact tuple: compared in place, item by item.
    Tuples,
    /// Every key has the same class, whose `__lt__` is this Python function: called directly
    /// (the generic protocol only when it returns NotImplemented).
    PyLt(Value),
}

#[inline]
fn lt<T: SortItem>(vm: &mut Vm, a: &T, b: &T, cmp: Cmp) -> PyResult<bool> {
    match cmp.how {
        CmpKind::Generic => ops::compare::lt_in(vm, a.key(), b.key(), cmp.clean),
        CmpKind::Tuples => tuple_lt(vm, a.key(), b.key()),
        CmpKind::PyLt(f) => {
            let r = ops::call::call_kw_in(vm, f, &[a.key(), b.key()], &[], cmp.clean)?;
            if r == Value::NOT_IMPLEMENTED {
                return ops::compare::lt_in(vm, a.key(), b.key(), cmp.clean);
            }
            if r.is_bool() {
                return Ok(r == Value::TRUE);
            }
            ops::truth::is_true(vm, r)
        }
    }
}

fn tuple_lt(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    // Tuples are immutable, so the item slices stay valid across the comparisons' calls.
    let xs = crate::types::tuple::items(a).unwrap_or(&[]);
    let ys = crate::types::tuple::items(b).unwrap_or(&[]);
    for (x, y) in xs.iter().zip(ys.iter()) {
        if x == y {
            continue;
        }
        let same = match ops::compare::fast_compare(vm, *x, *y, CompareOp::Eq) {
            Some(r) => r,
            None => ops::compare::eq(vm, *x, *y)?,
        };
        if !same {
            return ops::compare::lt(vm, *x, *y);
        }
    }
    Ok(xs.len() < ys.len())
}

/// The comparison mode for keys `v` (at least one).
fn choose_cmp<T: SortItem>(vm: &mut Vm, v: &[T]) -> CmpKind {
    let ty = vm.type_of(v[0].key());
    if !v.iter().all(|x| vm.type_of(x.key()) == ty) {
        return CmpKind::Generic;
    }
    if ty == vm.types.tuple {
        return CmpKind::Tuples;
    }
    if typeobj::type_flags(ty).contains(typeobj::TypeFlags::HEAPTYPE) {
        let name = vm.intern("__lt__");
        let f = typeobj::lookup(vm, ty, name);
        if f.is::<crate::types::function::FunctionObj>() {
            return CmpKind::PyLt(f);
        }
    }
    CmpKind::Generic
}

/// Sorts `v`; from a clean position when `clean`, its items rooted by the caller.
fn sort_slice<T: SortItem>(vm: &mut Vm, v: &mut [T], clean: bool) -> PyResult<()> {
    if v.len() < 2 {
        return Ok(());
    }
    if fast_sort(vm, v) {
        return Ok(());
    }
    let how = choose_cmp(vm, v);
    if clean && let CmpKind::PyLt(f) = how {
        // The class's `__lt__` may be replaced meanwhile.
        vm.root(f);
    }
    merge_sort(vm, v, Cmp { how, clean })
}

/// Sorts without calling Python code when every key belongs to one builtin type with a total
/// order. Returns false (nothing done) otherwise.
fn fast_sort<T: SortItem>(vm: &Vm, v: &mut [T]) -> bool {
    if v.iter().all(|x| x.key().is_small_int()) {
        v.sort_by_key(|x| x.key().small_int_unchecked());
        return true;
    }
    let t = &vm.types;
    let first = vm.type_of(v[0].key());
    if first == t.str_ {
        let plain = |x: &T| {
            vm.type_of(x.key()) == t.str_
                && x.key()
                    .downcast::<crate::types::str::StrObj>()
                    .is_some_and(|s| !s.has_surrogates())
        };
        // Strings with surrogates sort by code point, not by their UTF-8 form: the slow path.
        if v.iter().all(plain) {
            // Sort (text, item) pairs: one pointer hop per comparison instead of two.
            let mut pairs: Vec<(&str, T)> = v
                .iter()
                .map(|x| (crate::types::str::as_str(x.key()).unwrap_or(""), *x))
                .collect();
            pairs.sort_by(|a, b| a.0.cmp(b.0));
            for (dst, (_, x)) in v.iter_mut().zip(pairs) {
                *dst = x;
            }
            return true;
        }
        return false;
    }
    if first == t.int || first == t.bool_ {
        if v.iter().all(|x| {
            let ty = vm.type_of(x.key());
            ty == t.int || ty == t.bool_
        }) {
            v.sort_by(|a, b| match (int_ref(a.key()), int_ref(b.key())) {
                (Some(x), Some(y)) => int::compare(x, y),
                _ => std::cmp::Ordering::Equal,
            });
            return true;
        }
        return false;
    }
    if first == t.float {
        let f = |x: &T| crate::types::float::as_f64(x.key()).unwrap_or(f64::NAN);
        if v.iter()
            .all(|x| vm.type_of(x.key()) == t.float && !f(x).is_nan())
        {
            v.sort_by(|a, b| f(a).partial_cmp(&f(b)).unwrap_or(std::cmp::Ordering::Equal));
            return true;
        }
    }
    false
}

/// Timsort's minimum run length: between 32 and 64, so the number of runs is close to (and at
/// most) a power of two and pairwise merging stays balanced.
fn min_run(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

fn merge_sort<T: SortItem>(vm: &mut Vm, v: &mut [T], cmp: Cmp) -> PyResult<()> {
    let n = v.len();
    let minrun = min_run(n);
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut lo = 0;
    while lo < n {
        let mut hi = lo + 1;
        if hi < n {
            if lt(vm, &v[hi], &v[lo], cmp)? {
                // Strictly descending (so reversing keeps stability).
                hi += 1;
                while hi < n && lt(vm, &v[hi], &v[hi - 1], cmp)? {
                    hi += 1;
                }
                v[lo..hi].reverse();
            } else {
                hi += 1;
                while hi < n && !lt(vm, &v[hi], &v[hi - 1], cmp)? {
                    hi += 1;
                }
            }
        }
        let force = (lo + minrun).min(n);
        if hi < force {
            binary_insertion(vm, v, lo, hi, force, cmp)?;
            hi = force;
        }
        runs.push((lo, hi));
        lo = hi;
    }
    let mut tmp: Vec<T> = Vec::new();
    while runs.len() > 1 {
        let mut merged = Vec::with_capacity(runs.len().div_ceil(2));
        for pair in runs.chunks(2) {
            match *pair {
                [(a, m), (_, b)] => {
                    merge(vm, v, a, m, b, &mut tmp, cmp)?;
                    merged.push((a, b));
                }
                [r] => merged.push(r),
                _ => {}
            }
        }
        runs = merged;
    }
    Ok(())
}

/// Extends the sorted prefix `v[lo..start]` to `v[lo..end]` by binary insertion (inserting
/// after equal items, for stability). An item moves only after its place is known.
fn binary_insertion<T: SortItem>(
    vm: &mut Vm,
    v: &mut [T],
    lo: usize,
    start: usize,
    end: usize,
    cmp: Cmp,
) -> PyResult<()> {
    for i in start..end {
        let pivot = v[i];
        let (mut l, mut r) = (lo, i);
        while l < r {
            let m = l + (r - l) / 2;
            if lt(vm, &pivot, &v[m], cmp)? {
                r = m;
            } else {
                l = m + 1;
            }
        }
        v[l..=i].rotate_right(1);
    }
    Ok(())
}

/// Merges the sorted runs `v[lo..mid]` and `v[mid..hi]` (left items first on ties). The left
/// run is copied out; on an error its unmerged rest fills exactly the free gap, so no item is
/// lost or duplicated.
fn merge<T: SortItem>(
    vm: &mut Vm,
    v: &mut [T],
    lo: usize,
    mid: usize,
    hi: usize,
    tmp: &mut Vec<T>,
    cmp: Cmp,
) -> PyResult<()> {
    // Already in order: one comparison instead of a merge.
    if !lt(vm, &v[mid], &v[mid - 1], cmp)? {
        return Ok(());
    }
    tmp.clear();
    tmp.extend_from_slice(&v[lo..mid]);
    let (mut i, mut j, mut k) = (0, mid, lo);
    while i < tmp.len() && j < hi {
        match lt(vm, &v[j], &tmp[i], cmp) {
            Ok(true) => {
                v[k] = v[j];
                j += 1;
            }
            Ok(false) => {
                v[k] = tmp[i];
                i += 1;
            }
            Err(e) => {
                let rest = tmp.len() - i;
                v[k..k + rest].copy_from_slice(&tmp[i..]);
                return Err(e);
            }
        }
        k += 1;
    }
    let rest = tmp.len() - i;
    v[k..k + rest].copy_from_slice(&tmp[i..]);
    Ok(())
}
