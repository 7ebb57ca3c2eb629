//! Pickling of the `itertools` iterators (`itertools.rs`): `__reduce__`/`__setstate__` giving
//! CPython 3.11's values, so `pickle`/`copy` rebuild an iterator part-way through, and
//! `__setstate__` accepting (and rejecting) the states CPython does, with its messages.
//! The combinatoric iterators have theirs in `itertools_combo.rs`.

use super::itertools::{
    Accumulate, Chain, Cycle, GroupBy, Grouper, ISlice, Pair, TEE_CHUNK, Tee, TeeChunk, ZipLongest,
    positional, st, ty_of,
};
use super::stdobj;
use crate::ops;
use crate::types::iterators::{IterState, new_iter};
use crate::types::iterators_pickle::{builtin_iter_fn, ssize_arg};
use crate::types::{list, tuple};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::cell::{Cell, RefCell};

/// `(f, args)` or `(f, args, state)`.
fn reduce_value(vm: &mut Vm, f: Value, args: Vec<Value>, state: Option<Value>) -> Value {
    let args = tuple::new_tuple(vm, args);
    let mut out = vec![f, args];
    out.extend(state);
    tuple::new_tuple(vm, out)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The items of a `__setstate__` tuple, with the messages of CPython's checks
/// (`PyTuple_Check` then `PyArg_ParseTuple`).
pub(super) fn state_tuple(
    vm: &mut Vm,
    state: Value,
    min: usize,
    max: usize,
) -> PyResult<Vec<Value>> {
    let Some(items) = tuple::items(state) else {
        return Err(vm.type_error("state is not a tuple"));
    };
    let n = items.len();
    if n < min || n > max {
        let msg = if min == max {
            format!(
                "function takes exactly {min} argument{} ({n} given)",
                plural(min)
            )
        } else if n < min {
            format!(
                "function takes at least {min} argument{} ({n} given)",
                plural(min)
            )
        } else {
            format!(
                "function takes at most {max} argument{} ({n} given)",
                plural(max)
            )
        };
        return Err(vm.type_error(msg));
    }
    Ok(items.to_vec())
}

/// `iter(list(items))` positioned at `pos`.
fn list_iter_at(vm: &mut Vm, l: Value, pos: usize) -> Value {
    let ty = vm.types.list_iterator;
    new_iter(ty, IterState::List { seq: l, pos })
}

fn bool_value(b: bool) -> Value {
    if b { Value::TRUE } else { Value::FALSE }
}

// ---- cycle ----

pub(super) fn cycle_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = st::<Cycle>(vm, a[0])?;
    let ty = vm.type_of(a[0]);
    let saved = c.saved.borrow().clone();
    let l = list::new_list(vm, saved);
    let it = c.it.get();
    if it.is_null() {
        // Replaying: an iterator over the saved items from the replay position.
        let it = list_iter_at(vm, l, c.idx.get());
        let state = tuple_of(vm, l, true);
        return Ok(reduce_value(vm, ty, vec![it], Some(state)));
    }
    let state = tuple_of(vm, l, c.firstpass.get());
    Ok(reduce_value(vm, ty, vec![it], Some(state)))
}

fn tuple_of(vm: &mut Vm, l: Value, b: bool) -> Value {
    tuple::new_tuple(vm, vec![l, bool_value(b)])
}

pub(super) fn cycle_setstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = st::<Cycle>(vm, a[0])?;
    let s = state_tuple(vm, a[1], 2, 2)?;
    let Some(l) = s[0].downcast::<crate::types::list::ListObj>() else {
        return Err(vm.type_error(format!(
            "argument 1 must be list, not {}",
            vm.type_name(s[0])
        )));
    };
    let items = l.snapshot();
    let firstpass = ops::number::index_i64(vm, s[1])?;
    *c.saved.borrow_mut() = items;
    c.firstpass.set(firstpass != 0);
    c.idx.set(0);
    Ok(Value::NONE)
}

// ---- accumulate ----

pub(super) fn accumulate_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = st::<Accumulate>(vm, a[0])?;
    let ty = vm.type_of(a[0]);
    let initial = s.initial.get();
    let total = s.total.get();
    // A value still to come first (the initial value, or a None total) is put back in front
    // of the source with a chain.
    let front = if !initial.is_null() {
        Some(initial)
    } else if total.is_none() {
        Some(Value::NONE)
    } else {
        None
    };
    if let Some(first) = front {
        let chain_ty = ty_of(vm, "chain");
        let head = tuple::new_tuple(vm, vec![first]);
        let it = ops::call::call(vm, chain_ty, &[head, s.it])?;
        if !initial.is_null() {
            return Ok(reduce_value(vm, ty, vec![it, s.func], Some(Value::NONE)));
        }
        // A None total: rebuild from None and skip it again.
        let acc = ops::call::call(vm, ty, &[it, s.func])?;
        let islice = ty_of(vm, "islice");
        return Ok(reduce_value(
            vm,
            islice,
            vec![acc, Value::small(1), Value::NONE],
            None,
        ));
    }
    let state = if total.is_null() { Value::NONE } else { total };
    Ok(reduce_value(vm, ty, vec![s.it, s.func], Some(state)))
}

pub(super) fn accumulate_setstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = st::<Accumulate>(vm, a[0])?;
    s.total.set(a[1]);
    Ok(Value::NONE)
}

// ---- chain ----

pub(super) fn chain_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = st::<Chain>(vm, a[0])?;
    let ty = vm.type_of(a[0]);
    let (source, active) = (c.source.get(), c.active.get());
    let state = if source.is_null() {
        None
    } else if active.is_null() {
        Some(tuple::new_tuple(vm, vec![source]))
    } else {
        Some(tuple::new_tuple(vm, vec![source, active]))
    };
    Ok(reduce_value(vm, ty, vec![], state))
}

fn is_iterator(vm: &mut Vm, v: Value) -> bool {
    ops::has_special(vm, v, vm.names.next)
}

pub(super) fn chain_setstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = st::<Chain>(vm, a[0])?;
    let s = state_tuple(vm, a[1], 1, 2)?;
    let source = s[0];
    let active = s.get(1).copied().unwrap_or(Value::NULL);
    if !is_iterator(vm, source) || (!active.is_null() && !is_iterator(vm, active)) {
        return Err(vm.type_error("Arguments must be iterators."));
    }
    c.source.set(source);
    c.active.set(active);
    Ok(Value::NONE)
}

// ---- compress, dropwhile, takewhile, filterfalse, starmap ----

/// compress: `(type, (data, selectors))`; dropwhile/takewhile add their flag as an int;
/// filterfalse and starmap: `(type, (func, iterator))`.
pub(super) fn pair_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = st::<Pair>(vm, a[0])?;
    let ty = vm.type_of(a[0]);
    let state = p.pickles_flag.then(|| Value::small(p.flag.get() as i64));
    Ok(reduce_value(vm, ty, vec![p.f, p.it], state))
}

pub(super) fn pair_setstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = st::<Pair>(vm, a[0])?;
    let b = ops::truth::is_true(vm, a[1])?;
    p.flag.set(b);
    Ok(Value::NONE)
}

// ---- groupby ----

pub(super) fn groupby_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = st::<GroupBy>(vm, a[0])?;
    let ty = vm.type_of(a[0]);
    let (tk, ck, cv) = (g.tgtkey.get(), g.currkey.get(), g.currvalue.get());
    let state = if !tk.is_null() && !ck.is_null() && !cv.is_null() {
        Some(tuple::new_tuple(vm, vec![ck, cv, tk]))
    } else {
        None
    };
    Ok(reduce_value(vm, ty, vec![g.it, g.keyfunc], state))
}

pub(super) fn groupby_setstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = st::<GroupBy>(vm, a[0])?;
    let s = state_tuple(vm, a[1], 3, 3)?;
    g.currkey.set(s[0]);
    g.currvalue.set(s[1]);
    g.tgtkey.set(s[2]);
    Ok(Value::NONE)
}

pub(super) fn grouper_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let gr = st::<Grouper>(vm, a[0])?;
    let current = stdobj::get::<GroupBy>(gr.parent).map(|g| g.currgrouper.get());
    if current != Some(a[0]) {
        // A grouper the parent moved past is exhausted.
        let f = builtin_iter_fn(vm)?;
        let empty = tuple::new_tuple(vm, vec![]);
        return Ok(reduce_value(vm, f, vec![empty], None));
    }
    let ty = vm.type_of(a[0]);
    Ok(reduce_value(vm, ty, vec![gr.parent, gr.tgtkey], None))
}

// ---- islice ----

pub(super) fn islice_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = st::<ISlice>(vm, a[0])?;
    let ty = vm.type_of(a[0]);
    let it = s.it.get();
    if it.is_null() {
        let l = list::new_list(vm, vec![]);
        let empty = list_iter_at(vm, l, 0);
        return Ok(reduce_value(
            vm,
            ty,
            vec![empty, Value::small(0)],
            Some(Value::small(0)),
        ));
    }
    let next = crate::types::int::from_usize(vm, s.next.get());
    let stop = match s.stop {
        Some(n) => crate::types::int::from_usize(vm, n),
        None => Value::NONE,
    };
    let step = crate::types::int::from_usize(vm, s.step);
    let cnt = crate::types::int::from_usize(vm, s.cnt.get());
    Ok(reduce_value(vm, ty, vec![it, next, stop, step], Some(cnt)))
}

pub(super) fn islice_setstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = st::<ISlice>(vm, a[0])?;
    let n = ssize_arg(vm, a[1])?;
    s.cnt.set(n.max(0) as usize);
    Ok(Value::NONE)
}

// ---- tee ----

pub(super) fn tee_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = st::<Tee>(vm, a[0])?;
    let ty = vm.type_of(a[0]);
    let empty = tuple::new_tuple(vm, vec![]);
    let idx = crate::types::int::from_usize(vm, t.idx.get());
    let state = tuple::new_tuple(vm, vec![t.chunk.get(), idx]);
    Ok(reduce_value(vm, ty, vec![empty], Some(state)))
}

pub(super) fn tee_setstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = st::<Tee>(vm, a[0])?;
    let s = state_tuple(vm, a[1], 2, 2)?;
    if stdobj::get::<TeeChunk>(s[0]).is_none() {
        return Err(vm.type_error(format!(
            "argument 1 must be itertools._tee_dataobject, not {}",
            vm.type_name(s[0])
        )));
    }
    let idx = ops::number::index_i64(vm, s[1])?;
    if idx < 0 || idx > TEE_CHUNK as i64 {
        return Err(vm.value_error("Index out of range"));
    }
    t.chunk.set(s[0]);
    t.idx.set(idx as usize);
    Ok(Value::NONE)
}

/// `_tee_dataobject(iterator, values, next)`: a buffer chunk rebuilt by unpickling.
pub(super) fn teedata_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args = positional(vm, a[0], "teedataobject", a[1], a[2], 3, 3)?;
    let (it, values, next) = (args[0], args[1], args[2]);
    let Some(l) = values.downcast::<crate::types::list::ListObj>() else {
        return Err(vm.type_error(format!(
            "teedataobject() argument 2 must be list, not {}",
            vm.type_name(values)
        )));
    };
    let items = l.snapshot();
    if items.len() > TEE_CHUNK {
        return Err(vm.value_error("Invalid arguments"));
    }
    let next = if items.len() == TEE_CHUNK {
        if next.is_none() {
            Value::NULL
        } else if stdobj::get::<TeeChunk>(next).is_some() {
            next
        } else {
            return Err(vm.value_error("Invalid arguments"));
        }
    } else if !next.is_none() {
        return Err(vm.value_error("Invalid arguments"));
    } else {
        Value::NULL
    };
    Ok(stdobj::new_obj(
        a[0],
        TeeChunk {
            it,
            items: RefCell::new(items),
            next: Cell::new(next),
            running: Cell::new(false),
        },
    ))
}

pub(super) fn teedata_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = st::<TeeChunk>(vm, a[0])?;
    let ty = vm.type_of(a[0]);
    let items = c.items.borrow().clone();
    let l = list::new_list(vm, items);
    let next = c.next.get();
    let next = if next.is_null() { Value::NONE } else { next };
    Ok(reduce_value(vm, ty, vec![c.it, l, next], None))
}

// ---- zip_longest ----

pub(super) fn zip_longest_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let z = st::<ZipLongest>(vm, a[0])?;
    let ty = vm.type_of(a[0]);
    let its = z.its.borrow().clone();
    let mut args = Vec::with_capacity(its.len());
    for it in its {
        // An exhausted source is pickled as an empty tuple.
        args.push(if it.is_null() {
            tuple::new_tuple(vm, vec![])
        } else {
            it
        });
    }
    Ok(reduce_value(vm, ty, args, Some(z.fill.get())))
}

pub(super) fn zip_longest_setstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let z = st::<ZipLongest>(vm, a[0])?;
    z.fill.set(a[1]);
    Ok(Value::NONE)
}
