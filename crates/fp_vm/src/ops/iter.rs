//! Iteration: `iter(x)` (`__iter__`, or the `__getitem__` sequence protocol) and `next(it)`.

use crate::types::iterators::{self, IteratorObj};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub fn get_iter(vm: &mut Vm, v: Value) -> PyResult {
    get_iter_in(vm, v, false)
}

/// `get_iter`, from a clean position when `clean` (see `ops::call::call_kw_in`): `__iter__`
/// then runs at a clean level.
pub fn get_iter_in(vm: &mut Vm, v: Value, clean: bool) -> PyResult {
    if let Some(it) = iterators::builtin_iter(vm, v) {
        return Ok(it);
    }
    if let Some(r) = super::call_special_in(vm, v, vm.names.iter, &[], clean)? {
        if !super::has_special(vm, r, vm.names.next) {
            return Err(vm.type_error(format!(
                "iter() returned non-iterator of type '{}'",
                vm.type_name(r)
            )));
        }
        return Ok(r);
    }
    let ty = vm.type_of(v);
    let it = crate::types::typeobj::lookup(vm, ty, vm.names.iter);
    if it.is_none() {
        return Err(vm.type_error(format!("'{}' object is not iterable", vm.type_name(v))));
    }
    if super::has_special(vm, v, vm.names.getitem) {
        return Ok(iterators::new_seq_iter(vm, v));
    }
    Err(vm.type_error(format!("'{}' object is not iterable", vm.type_name(v))))
}

/// `next(it)`: Ok(None) when exhausted (StopIteration is consumed).
pub fn next(vm: &mut Vm, it: Value) -> PyResult<Option<Value>> {
    if let Some(o) = it.downcast::<IteratorObj>()
        && vm.type_of(it) != vm.types.object
    {
        return iterators::next_builtin(vm, it, o);
    }
    if let Some(g) = it.downcast::<crate::types::generator::GeneratorObj>() {
        return crate::types::generator::next_for_iteration(vm, it, g);
    }
    if let Some(r) = crate::modules::stdobj::fast_next(vm, it) {
        return r;
    }
    match super::call_special(vm, it, vm.names.next, &[]) {
        Ok(Some(v)) => Ok(Some(v)),
        Ok(None) => Err(vm.type_error(format!("'{}' object is not an iterator", vm.type_name(it)))),
        Err(e) if vm.exc_matches(e, vm.exc.stop_iteration) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `next(it)`, from a clean position when `clean` (see `ops::call::call_kw_in`; the caller roots
/// `it`). Generators, `map`, `filter`, `enumerate` and `zip` objects and Python `__next__`
/// methods then run their Python code at a clean level, where collections may run; other
/// iterators are called as by `next`.
pub fn next_in(vm: &mut Vm, it: Value, clean: bool) -> PyResult<Option<Value>> {
    if !clean {
        return next(vm, it);
    }
    let mark = vm.roots_mark();
    let r = next_clean_rooted(vm, it);
    vm.truncate_roots(mark);
    r
}

fn next_clean_rooted(vm: &mut Vm, it: Value) -> PyResult<Option<Value>> {
    if let Some(o) = it.downcast::<IteratorObj>()
        && vm.type_of(it) != vm.types.object
    {
        return iterators::next_builtin_in(vm, it, o, true);
    }
    if let Some(g) = it.downcast::<crate::types::generator::GeneratorObj>() {
        return crate::types::generator::next_for_iteration_in(vm, it, g, true);
    }
    let ty = vm.type_of(it);
    let m = crate::types::typeobj::lookup(vm, ty, vm.names.next);
    if !m.is::<crate::types::function::FunctionObj>() {
        return next(vm, it);
    }
    match super::call::call_kw_in(vm, m, &[it], &[], true) {
        Ok(v) => Ok(Some(v)),
        Err(e) if vm.exc_matches(e, vm.exc.stop_iteration) => Ok(None),
        Err(e) => Err(e),
    }
}

/// All items of an iterable for `list()`, `list.extend`, `[*x]`, `tuple()` and `sorted()`, from a clean
/// position when `clean` (see `next_in`): the items gathered so far wait in roots while the
/// iterator runs. An instance of a Python class is asked for its length first, as CPython's
/// `PyObject_LengthHint` does (`__len__`, then `__length_hint__`; their errors propagate).
pub fn collect_in(vm: &mut Vm, v: Value, clean: bool) -> PyResult<Vec<Value>> {
    let ty = vm.type_of(v);
    let python_class =
        crate::types::typeobj::type_flags(ty).contains(crate::types::typeobj::TypeFlags::HEAPTYPE);
    if !python_class
        && (!clean
            || crate::types::tuple::items(v).is_some()
            || v.is::<crate::types::list::ListObj>())
    {
        return collect(vm, v);
    }
    let mark = vm.roots_mark();
    vm.root(v);
    let r = (|| {
        let it = get_iter_in(vm, v, clean)?;
        vm.root(it);
        if python_class {
            crate::modules::operator::length_hint(vm, v, 8)?;
        }
        let first = vm.roots_mark();
        while let Some(x) = next_in(vm, it, clean)? {
            vm.root(x);
        }
        Ok(vm.current.temp_roots[first..].to_vec())
    })();
    vm.truncate_roots(mark);
    r
}

/// All items of an iterable.
pub fn collect(vm: &mut Vm, v: Value) -> PyResult<Vec<Value>> {
    if let Some(t) = crate::types::tuple::items(v)
        && vm.type_of(v) == vm.types.tuple
    {
        return Ok(t.to_vec());
    }
    if let Some(l) = v.downcast::<crate::types::list::ListObj>()
        && vm.type_of(v) == vm.types.list
    {
        return Ok(l.snapshot());
    }
    let it = get_iter(vm, v)?;
    let mut out = Vec::new();
    while let Some(x) = next(vm, it)? {
        out.push(x);
    }
    Ok(out)
}
