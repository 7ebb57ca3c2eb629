//! Iteration: `iter(x)` (`__iter__`, or the `__getitem__` sequence protocol) and `next(it)`.

use crate::types::iterators::{self, IteratorObj};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub fn get_iter(vm: &mut Vm, v: Value) -> PyResult {
    if let Some(it) = iterators::builtin_iter(vm, v) {
        return Ok(it);
    }
    if let Some(r) = super::call_special(vm, v, vm.names.iter, &[])? {
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
