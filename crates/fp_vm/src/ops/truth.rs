//! Truth testing: `bool(x)` via `__bool__`, then `__len__`.

use crate::value::Value;
use crate::vm::{PyResult, Vm};

#[inline]
pub fn is_true(vm: &mut Vm, v: Value) -> PyResult<bool> {
    is_true_in(vm, v, false)
}

/// `is_true`, from a clean position when `clean` (see `ops::call::call_kw_in`): `__bool__`
/// or `__len__` then runs at a clean level.
#[inline]
pub fn is_true_in(vm: &mut Vm, v: Value, clean: bool) -> PyResult<bool> {
    if v == Value::TRUE {
        return Ok(true);
    }
    if v == Value::FALSE || v.is_none() {
        return Ok(false);
    }
    if let Some(i) = v.as_small_int() {
        return Ok(i != 0);
    }
    let ty = vm.type_of(v);
    if ty == vm.types.str_ {
        return Ok(crate::types::str::as_str(v).is_some_and(|s| !s.is_empty()));
    }
    if ty == vm.types.list {
        return Ok(v
            .downcast::<crate::types::list::ListObj>()
            .is_some_and(|l| !l.is_empty()));
    }
    if ty == vm.types.tuple {
        return Ok(crate::types::tuple::items(v).is_some_and(|t| !t.is_empty()));
    }
    if ty == vm.types.dict {
        return Ok(crate::types::dict::len(v) != 0);
    }
    if (ty == vm.types.set || ty == vm.types.frozenset)
        && let Some(so) = v.downcast::<crate::types::set::SetObj>()
    {
        return Ok(!so.is_empty());
    }
    if ty == vm.types.float {
        return Ok(crate::types::float::as_f64(v).is_some_and(|f| f != 0.0));
    }
    if v == Value::NOT_IMPLEMENTED {
        return not_implemented_truth(vm);
    }
    if let Some(r) = super::call_special_in(vm, v, vm.names.bool_, &[], clean)? {
        if !r.is_bool() {
            return Err(vm.type_error(format!(
                "__bool__ should return bool, returned {}",
                vm.type_name(r)
            )));
        }
        return Ok(r == Value::TRUE);
    }
    if let Some(r) = super::call_special_in(vm, v, vm.names.len, &[], clean)? {
        let n = crate::ops::number::len_result(vm, r)?;
        return Ok(n != 0);
    }
    Ok(true)
}

/// `bool(NotImplemented)`: true, with CPython 3.9+'s DeprecationWarning.
#[cold]
fn not_implemented_truth(vm: &mut Vm) -> PyResult<bool> {
    let category = vm.exc.deprecation_warning;
    crate::modules::warnings::warn_with_source(
        vm,
        category,
        "NotImplemented should not be used in a boolean context",
        1,
        Value::NULL,
    )?;
    Ok(true)
}
