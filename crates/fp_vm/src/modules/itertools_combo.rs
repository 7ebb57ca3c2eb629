//! The combinatoric iterators of `itertools`: `product`, `permutations`, `combinations`,
//! `combinations_with_replacement` (index-vector algorithms yielding in CPython's order).

use super::itertools::{st, stop};
use super::stdobj::{self, StdData, visit_all};
use crate::ops;
use crate::types::{dict, int, tuple};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::cell::{Cell, RefCell};

// ---- product, permutations, combinations, combinations_with_replacement ----

/// The combinatoric iterators: a pool (or pools) and index vectors.
struct Combo {
    /// The `__next__` of the concrete type (product, permutations...).
    next: crate::native::NativeFn,
    pools: Vec<Vec<Value>>,
    indices: RefCell<Vec<usize>>,
    /// permutations only.
    cycles: RefCell<Vec<usize>>,
    r: usize,
    first: Cell<bool>,
    stopped: Cell<bool>,
}

impl StdData for Combo {
    fn next_fn(&self) -> Option<crate::native::NativeFn> {
        Some(self.next)
    }
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        for p in &self.pools {
            visit_all(p, visit);
        }
    }
}

fn new_combo(
    next: crate::native::NativeFn,
    ty: Value,
    pools: Vec<Vec<Value>>,
    indices: Vec<usize>,
    r: usize,
) -> Value {
    stdobj::new_obj(
        ty,
        Combo {
            next,
            pools,
            indices: RefCell::new(indices),
            cycles: RefCell::new(Vec::new()),
            r,
            first: Cell::new(true),
            stopped: Cell::new(false),
        },
    )
}

pub(super) fn product_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let mut repeat = 1i64;
    if !a[2].is_null() && dict::len(a[2]) > 0 {
        for (k, v) in dict::items(a[2]) {
            let k = crate::types::str::as_str(k).unwrap_or("?").to_string();
            if k != "repeat" {
                return Err(vm.type_error(format!(
                    "'{k}' is an invalid keyword argument for product()"
                )));
            }
            repeat = ops::number::index_i64(vm, v)?;
        }
    }
    if repeat < 0 {
        return Err(vm.value_error("repeat argument cannot be negative"));
    }
    let args = tuple::items(a[1]).unwrap_or(&[]).to_vec();
    let mut base = Vec::with_capacity(args.len());
    for x in args {
        base.push(ops::iter::collect(vm, x)?);
    }
    let mut pools = Vec::new();
    for _ in 0..repeat {
        pools.extend(base.iter().cloned());
    }
    let n = pools.len();
    Ok(new_combo(product_next, a[0], pools, vec![0; n], n))
}

pub(super) fn product_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = st::<Combo>(vm, a[0])?;
    if c.stopped.get() {
        return Err(stop(vm));
    }
    if c.first.get() {
        c.first.set(false);
        if c.pools.iter().any(|p| p.is_empty()) {
            c.stopped.set(true);
            return Err(stop(vm));
        }
    } else {
        let mut idx = c.indices.borrow_mut();
        let mut i = c.pools.len();
        loop {
            if i == 0 {
                c.stopped.set(true);
                drop(idx);
                return Err(stop(vm));
            }
            i -= 1;
            idx[i] += 1;
            if idx[i] < c.pools[i].len() {
                break;
            }
            idx[i] = 0;
        }
    }
    let items: Vec<Value> = c
        .indices
        .borrow()
        .iter()
        .zip(&c.pools)
        .map(|(&i, p)| p[i])
        .collect();
    Ok(tuple::new_tuple(vm, items))
}

/// The `r` argument: an int >= 0 (`None` allowed when `optional`).
fn r_arg(vm: &mut Vm, v: Value, optional: bool) -> PyResult<Option<usize>> {
    if v.is_null() || (optional && v.is_none()) {
        return Ok(None);
    }
    if optional && !int::is_int(v) {
        return Err(vm.type_error("Expected int as r"));
    }
    let r = ops::number::index_i64(vm, v)?;
    if r < 0 {
        return Err(vm.value_error("r must be non-negative"));
    }
    Ok(Some(r as usize))
}

/// (iterable, r) from positional and keyword arguments.
fn iterable_r(vm: &mut Vm, a: &[Value], name: &str, required: usize) -> PyResult<(Value, Value)> {
    let p = stdobj::parse_kw(vm, name, a[1], a[2], &["iterable", "r"], &[], required)?;
    Ok((p[0], p[1]))
}

pub(super) fn combinations_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (iterable, r) = iterable_r(vm, a, "combinations", 2)?;
    if r.is_null() {
        return Err(vm.type_error("combinations() missing required argument 'r' (pos 2)"));
    }
    let pool = ops::iter::collect(vm, iterable)?;
    let r = r_arg(vm, r, false)?.unwrap_or(0);
    let o = new_combo(combinations_next, a[0], vec![pool], (0..r).collect(), r);
    Ok(o)
}

pub(super) fn combinations_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = st::<Combo>(vm, a[0])?;
    let Some(pool) = c.pools.first() else {
        return Err(stop(vm));
    };
    let (n, r) = (pool.len(), c.r);
    if c.stopped.get() || r > n {
        c.stopped.set(true);
        return Err(stop(vm));
    }
    if c.first.get() {
        c.first.set(false);
    } else {
        let mut idx = c.indices.borrow_mut();
        let Some(i) = (0..r).rev().find(|&i| idx[i] != i + n - r) else {
            c.stopped.set(true);
            drop(idx);
            return Err(stop(vm));
        };
        idx[i] += 1;
        for j in i + 1..r {
            idx[j] = idx[j - 1] + 1;
        }
    }
    let items: Vec<Value> = c.indices.borrow().iter().map(|&i| pool[i]).collect();
    Ok(tuple::new_tuple(vm, items))
}

pub(super) fn cwr_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (iterable, r) = iterable_r(vm, a, "combinations_with_replacement", 2)?;
    if r.is_null() {
        return Err(
            vm.type_error("combinations_with_replacement() missing required argument 'r' (pos 2)")
        );
    }
    let pool = ops::iter::collect(vm, iterable)?;
    let r = r_arg(vm, r, false)?.unwrap_or(0);
    Ok(new_combo(cwr_next, a[0], vec![pool], vec![0; r], r))
}

pub(super) fn cwr_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = st::<Combo>(vm, a[0])?;
    let Some(pool) = c.pools.first() else {
        return Err(stop(vm));
    };
    let (n, r) = (pool.len(), c.r);
    if c.stopped.get() || (n == 0 && r > 0) {
        c.stopped.set(true);
        return Err(stop(vm));
    }
    if c.first.get() {
        c.first.set(false);
    } else {
        let mut idx = c.indices.borrow_mut();
        let Some(i) = (0..r).rev().find(|&i| idx[i] != n - 1) else {
            c.stopped.set(true);
            drop(idx);
            return Err(stop(vm));
        };
        let v = idx[i] + 1;
        for x in idx[i..r].iter_mut() {
            *x = v;
        }
    }
    let items: Vec<Value> = c.indices.borrow().iter().map(|&i| pool[i]).collect();
    Ok(tuple::new_tuple(vm, items))
}

pub(super) fn permutations_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (iterable, r) = iterable_r(vm, a, "permutations", 1)?;
    let pool = ops::iter::collect(vm, iterable)?;
    let n = pool.len();
    let r = r_arg(vm, r, true)?.unwrap_or(n);
    let o = new_combo(permutations_next, a[0], vec![pool], (0..n).collect(), r);
    if let Some(c) = stdobj::get::<Combo>(o) {
        *c.cycles.borrow_mut() = (0..r.min(n)).map(|i| n - i).collect();
    }
    Ok(o)
}

pub(super) fn permutations_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = st::<Combo>(vm, a[0])?;
    let Some(pool) = c.pools.first() else {
        return Err(stop(vm));
    };
    let (n, r) = (pool.len(), c.r);
    if c.stopped.get() || r > n {
        c.stopped.set(true);
        return Err(stop(vm));
    }
    if c.first.get() {
        c.first.set(false);
    } else {
        let mut idx = c.indices.borrow_mut();
        let mut cycles = c.cycles.borrow_mut();
        let mut advanced = false;
        for i in (0..r).rev() {
            cycles[i] -= 1;
            if cycles[i] == 0 {
                // Rotate indices[i..] left by one.
                let x = idx.remove(i);
                idx.push(x);
                cycles[i] = n - i;
            } else {
                let j = cycles[i];
                idx.swap(i, n - j);
                advanced = true;
                break;
            }
        }
        if !advanced {
            c.stopped.set(true);
            drop(idx);
            drop(cycles);
            return Err(stop(vm));
        }
    }
    let items: Vec<Value> = c.indices.borrow()[..r].iter().map(|&i| pool[i]).collect();
    Ok(tuple::new_tuple(vm, items))
}

// ---- pickling (CPython 3.11's `__reduce__`/`__setstate__` values) ----

fn pool_tuple(vm: &mut Vm, pool: &[Value]) -> Value {
    tuple::new_tuple(vm, pool.to_vec())
}

fn usize_tuple(vm: &mut Vm, xs: &[usize]) -> Value {
    let items = xs.iter().map(|&i| int::from_usize(vm, i)).collect();
    tuple::new_tuple(vm, items)
}

fn reduce_value(vm: &mut Vm, f: Value, args: Vec<Value>, state: Option<Value>) -> Value {
    let args = tuple::new_tuple(vm, args);
    let mut out = vec![f, args];
    out.extend(state);
    tuple::new_tuple(vm, out)
}

/// The ints of a `__setstate__` tuple of exactly `n` items (ValueError otherwise), each
/// clamped to `lo..=hi(i)`.
fn clamped_indices(
    vm: &mut Vm,
    state: Value,
    n: usize,
    lo: i64,
    hi: impl Fn(usize) -> i64,
) -> PyResult<Vec<usize>> {
    let items = match tuple::items(state) {
        Some(t) if t.len() == n => t.to_vec(),
        _ => return Err(vm.value_error("invalid arguments")),
    };
    let mut out = Vec::with_capacity(n);
    for (i, v) in items.into_iter().enumerate() {
        let x = crate::types::iterators_pickle::ssize_arg(vm, v)?;
        out.push(x.min(hi(i)).max(lo).max(0) as usize);
    }
    Ok(out)
}

pub(super) fn product_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = st::<Combo>(vm, a[0])?;
    let ty = vm.type_of(a[0]);
    if c.stopped.get() {
        let empty = tuple::new_tuple(vm, vec![]);
        return Ok(reduce_value(vm, ty, vec![empty], None));
    }
    let pools: Vec<Value> = c.pools.iter().map(|p| pool_tuple(vm, p)).collect();
    if c.first.get() {
        return Ok(reduce_value(vm, ty, pools, None));
    }
    let idx = c.indices.borrow().clone();
    let state = usize_tuple(vm, &idx);
    Ok(reduce_value(vm, ty, pools, Some(state)))
}

pub(super) fn product_setstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = st::<Combo>(vm, a[0])?;
    let sizes: Vec<usize> = c.pools.iter().map(|p| p.len()).collect();
    let items = match tuple::items(a[1]) {
        Some(t) if t.len() == sizes.len() => t.to_vec(),
        _ => return Err(vm.value_error("invalid arguments")),
    };
    let mut idx = Vec::with_capacity(sizes.len());
    for (v, &size) in items.into_iter().zip(&sizes) {
        let x = crate::types::iterators_pickle::ssize_arg(vm, v)?;
        if size == 0 {
            c.stopped.set(true);
            return Ok(Value::NONE);
        }
        idx.push(x.clamp(0, size as i64 - 1) as usize);
    }
    *c.indices.borrow_mut() = idx;
    c.first.set(false);
    Ok(Value::NONE)
}

/// `__reduce__` of the combinatoric iterators: `(type, (pool, r))` before the first item or
/// once exhausted (with an empty pool), else with `state(combo)` as the state.
fn combo_reduce(vm: &mut Vm, obj: Value, state: impl FnOnce(&mut Vm, &Combo) -> Value) -> PyResult {
    let c = st::<Combo>(vm, obj)?;
    let ty = vm.type_of(obj);
    let r = int::from_usize(vm, c.r);
    if c.stopped.get() && !c.first.get() {
        let empty = tuple::new_tuple(vm, vec![]);
        return Ok(reduce_value(vm, ty, vec![empty, r], None));
    }
    let pool = pool_tuple(vm, c.pools.first().map_or(&[][..], |p| p));
    if c.first.get() {
        return Ok(reduce_value(vm, ty, vec![pool, r], None));
    }
    let st = state(vm, c);
    Ok(reduce_value(vm, ty, vec![pool, r], Some(st)))
}

/// combinations and combinations_with_replacement.
pub(super) fn combinations_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    combo_reduce(vm, a[0], |vm, c| {
        let idx = c.indices.borrow().clone();
        usize_tuple(vm, &idx)
    })
}

pub(super) fn combinations_setstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = st::<Combo>(vm, a[0])?;
    let n = c.pools.first().map_or(0, |p| p.len()) as i64;
    let r = c.r;
    let idx = clamped_indices(vm, a[1], r, 0, |i| i as i64 + n - r as i64)?;
    *c.indices.borrow_mut() = idx;
    c.first.set(false);
    Ok(Value::NONE)
}

pub(super) fn cwr_setstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = st::<Combo>(vm, a[0])?;
    let n = c.pools.first().map_or(0, |p| p.len()) as i64;
    let idx = clamped_indices(vm, a[1], c.r, 0, |_| n - 1)?;
    *c.indices.borrow_mut() = idx;
    c.first.set(false);
    Ok(Value::NONE)
}

pub(super) fn permutations_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    combo_reduce(vm, a[0], |vm, c| {
        let idx = c.indices.borrow().clone();
        let cycles = c.cycles.borrow().clone();
        let (i, cy) = (usize_tuple(vm, &idx), usize_tuple(vm, &cycles));
        tuple::new_tuple(vm, vec![i, cy])
    })
}

pub(super) fn permutations_setstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = st::<Combo>(vm, a[0])?;
    let s = super::itertools_pickle::state_tuple(vm, a[1], 2, 2)?;
    for (k, v) in s.iter().enumerate() {
        if tuple::items(*v).is_none() {
            return Err(vm.type_error(format!(
                "argument {} must be tuple, not {}",
                k + 1,
                vm.type_name(*v)
            )));
        }
    }
    let n = c.pools.first().map_or(0, |p| p.len());
    let r = c.r;
    if tuple::items(s[0]).map(|t| t.len()) != Some(n)
        || tuple::items(s[1]).map(|t| t.len()) != Some(r)
    {
        return Err(vm.value_error("invalid arguments"));
    }
    let idx = clamped_indices(vm, s[0], n, 0, |_| n as i64 - 1)?;
    let cycles = clamped_indices(vm, s[1], r, 1, |i| (n - i.min(n)) as i64)?;
    *c.indices.borrow_mut() = idx;
    *c.cycles.borrow_mut() = cycles;
    c.first.set(false);
    Ok(Value::NONE)
}
