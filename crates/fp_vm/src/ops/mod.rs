//! The abstract object protocol: what `a + b`, `a[i]`, `a.x`, `f(x)`, `iter(a)`, `hash(a)`,
//! `repr(a)` mean for any values. Fast paths for exact builtin types come first; everything else
//! goes through the one general mechanism: look the dunder up on the type (cached by version
//! tag) and call it.

pub mod attr;
pub mod call;
pub mod compare;
pub mod hash;
pub mod item;
pub mod iter;
pub mod number;
pub mod repr;
pub mod truth;

use crate::types::typeobj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// Calls the special method `name` of `obj`'s type with `obj` prepended to `args`.
/// Returns Ok(None) when the type has no such method (or has it set to None).
pub fn call_special(
    vm: &mut Vm,
    obj: Value,
    name: Value,
    args: &[Value],
) -> PyResult<Option<Value>> {
    let ty = vm.type_of(obj);
    let m = typeobj::lookup(vm, ty, name);
    if m.is_null() || m.is_none() {
        return Ok(None);
    }
    let mut v = Vec::with_capacity(args.len() + 1);
    if m.is::<crate::types::function::FunctionObj>()
        || m.is::<crate::types::function::NativeFunction>()
    {
        v.push(obj);
        v.extend_from_slice(args);
        return call::call(vm, m, &v).map(Some);
    }
    let bound = attr::bind_descriptor(vm, m, obj, ty)?;
    call::call(vm, bound, args).map(Some)
}

/// Whether the type of `obj` defines `name` (not None).
pub fn has_special(vm: &mut Vm, obj: Value, name: Value) -> bool {
    let ty = vm.type_of(obj);
    let m = typeobj::lookup(vm, ty, name);
    !m.is_null() && !m.is_none()
}
