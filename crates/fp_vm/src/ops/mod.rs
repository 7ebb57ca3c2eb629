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
/// Returns Ok(None) when the type has no such method (see `blocked_special` for None).
pub fn call_special(
    vm: &mut Vm,
    obj: Value,
    name: Value,
    args: &[Value],
) -> PyResult<Option<Value>> {
    call_special_in(vm, obj, name, args, false)
}

/// `call_special`, from a clean position when `clean` (see `ops::call::call_kw_in`): the
/// method runs at a clean level. `obj` and `args` stay alive during the call (a Python
/// method's frame holds them; for a native method or one bound by a descriptor they are
/// rooted here); the caller roots anything else it uses afterwards.
pub fn call_special_in(
    vm: &mut Vm,
    obj: Value,
    name: Value,
    args: &[Value],
    clean: bool,
) -> PyResult<Option<Value>> {
    call_special_impl(vm, obj, name, args, clean, false)
}

/// `call_special_in` for a rich comparison: a method whose binding fails (a property
/// raising, say) declines with NotImplemented instead of raising, as CPython's
/// `slot_tp_richcompare` does.
pub fn call_compare_special_in(
    vm: &mut Vm,
    obj: Value,
    name: Value,
    args: &[Value],
    clean: bool,
) -> PyResult<Option<Value>> {
    call_special_impl(vm, obj, name, args, clean, true)
}

fn call_special_impl(
    vm: &mut Vm,
    obj: Value,
    name: Value,
    args: &[Value],
    clean: bool,
    bind_error_declines: bool,
) -> PyResult<Option<Value>> {
    let ty = vm.type_of(obj);
    let m = typeobj::lookup(vm, ty, name);
    if m.is_null() {
        return Ok(None);
    }
    if m.is_none() {
        return blocked_special(vm, name);
    }
    if m.is::<crate::types::function::FunctionObj>()
        || m.is::<crate::types::function::NativeFunction>()
    {
        // `obj` and up to three arguments without a heap allocation (every special method).
        let mut small = [Value::NULL; 4];
        let mut big = Vec::new();
        let all: &[Value] = if args.len() < small.len() {
            small[0] = obj;
            small[1..=args.len()].copy_from_slice(args);
            &small[..=args.len()]
        } else {
            big.push(obj);
            big.extend_from_slice(args);
            &big
        };
        if clean && m.is::<crate::types::function::NativeFunction>() {
            // An audited native keeps only what it roots itself; its callers root its
            // arguments (`call_audited`).
            return rooted(vm, all, |vm| {
                call::call_kw_in(vm, m, all, &[], true).map(Some)
            });
        }
        return call::call_kw_in(vm, m, all, &[], clean).map(Some);
    }
    let f = match attr::bind_descriptor(vm, m, obj, ty) {
        Ok(f) => f,
        Err(_) if bind_error_declines => return Ok(Some(Value::NOT_IMPLEMENTED)),
        Err(e) => return Err(e),
    };
    if !clean {
        return call::call(vm, f, args).map(Some);
    }
    // What the descriptor returned need not hold `obj`.
    rooted(vm, &[f, obj], |vm| {
        rooted(vm, args, |vm| {
            call::call_kw_in(vm, f, args, &[], true).map(Some)
        })
    })
}

/// A special method set to None. CPython calls it like any other, so the operation fails
/// with "'NoneType' object is not callable" instead of falling back (`__bool__ = None` makes
/// `bool(x)` fail rather than use `__len__`; `__eq__ = None` stops the identity default).
/// The protocols whose callers give None a meaning of their own (not iterable, unhashable,
/// not a container, ...) get Ok(None) and say so themselves.
#[cold]
fn blocked_special(vm: &mut Vm, name: Value) -> PyResult<Option<Value>> {
    let n = &vm.names;
    let own_meaning = [
        n.iter,
        n.hash,
        n.contains,
        n.reversed,
        n.next,
        n.length_hint,
        n.await_,
        n.aiter,
        n.anext,
        n.instancecheck,
        n.subclasscheck,
    ];
    if own_meaning.contains(&name) {
        return Ok(None);
    }
    Err(vm.type_error("'NoneType' object is not callable"))
}

/// Runs `f` with `vals` rooted: for operations entered cleanly (`*_in(.., clean)`) that hold
/// values across a clean callback (see `ops::call::call_kw_in`).
pub fn rooted<R>(vm: &mut Vm, vals: &[Value], f: impl FnOnce(&mut Vm) -> R) -> R {
    let mark = vm.roots_mark();
    for &v in vals {
        if v.is_ptr() {
            vm.root(v);
        }
    }
    let r = f(vm);
    vm.truncate_roots(mark);
    r
}

/// Whether the type of `obj` defines `name` (not None).
pub fn has_special(vm: &mut Vm, obj: Value, name: Value) -> bool {
    let ty = vm.type_of(obj);
    let m = typeobj::lookup(vm, ty, name);
    !m.is_null() && !m.is_none()
}
