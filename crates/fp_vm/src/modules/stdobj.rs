//! One heap payload for the objects of the native standard-library modules (`operator`,
//! `functools`, `itertools`, `collections`): a boxed Rust value implementing [`StdData`].
//! Each module defines plain structs for its types and finds them again with [`get`], so the
//! modules need a single `ObjKind` between them.

use crate::heap::alloc;
use crate::object::{ObjKind, Payload, Trace};
use crate::types::typeobj::{self, TypeFlags};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::any::Any;

/// The Rust state of a standard-library object.
pub trait StdData: Any {
    /// Reports every Value held (the collector must see them all).
    fn trace(&self, visit: &mut dyn FnMut(Value));
    /// For iterators: the native `__next__`, which `next()` and `for` call directly (no
    /// method lookup or argument binding) unless a Python subclass could override it.
    fn next_fn(&self) -> Option<crate::native::NativeFn> {
        None
    }
}

pub struct StdObj(pub Box<dyn StdData>);

impl Trace for StdObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.0.trace(visit)
    }
}

impl Payload for StdObj {
    const KIND: ObjKind = ObjKind::StdObj;
}

/// Allocates an object of type `ty` holding `data`.
pub fn new_obj<T: StdData>(ty: Value, data: T) -> Value {
    alloc(ty, StdObj(Box::new(data)))
}

/// The state of `v` when it is an object holding a `T` (or a subclass instance of one).
pub fn get<T: StdData>(v: Value) -> Option<&'static T> {
    let o = v.downcast::<StdObj>()?;
    let any: &'static dyn Any = &*o.0;
    any.downcast_ref::<T>()
}

/// `get`, or the TypeError CPython raises when a method receives the wrong object.
pub fn expect<T: StdData>(vm: &mut Vm, v: Value, what: &str) -> PyResult<&'static T> {
    match get::<T>(v) {
        Some(t) => Ok(t),
        None => Err(vm.type_error(format!(
            "descriptor requires a '{what}' object but received a '{}'",
            vm.type_name(v)
        ))),
    }
}

/// A new native type of a standard-library module, with `__module__` set, remembered under
/// `"module.name"` (`vm.state_get`) so Rust code can find it again.
pub fn new_type(
    vm: &mut Vm,
    module: &str,
    name: &str,
    flags: TypeFlags,
    methods: &'static [crate::native::NativeDef],
) -> Value {
    let object = vm.types.object;
    let ty = typeobj::new_static_type(vm, name, object, ObjKind::StdObj, flags);
    let m = vm.new_str(module);
    typeobj::set_type_attr(vm, ty, "__module__", m);
    typeobj::add_methods(vm, ty, methods);
    vm.state_set(&format!("{module}.{name}"), ty);
    ty
}

/// The type registered by `new_type` (created on first use by the module's init).
pub fn state_type(vm: &mut Vm, key: &str) -> Value {
    vm.state_get(key).unwrap_or(Value::NONE)
}

/// Helper for Trace impls.
pub fn visit_all(vs: &[Value], visit: &mut dyn FnMut(Value)) {
    for v in vs {
        if v.is_ptr() {
            visit(*v)
        }
    }
}

/// Traces a `Cell<Value>`.
pub fn visit_cell(c: &std::cell::Cell<Value>, visit: &mut dyn FnMut(Value)) {
    let v = c.get();
    if v.is_ptr() {
        visit(v)
    }
}

/// `next(it)` for the native iterators of these modules: None when `it` is not one (or is an
/// instance of a Python subclass, whose `__next__` may differ).
pub fn fast_next(vm: &mut Vm, it: Value) -> Option<PyResult<Option<Value>>> {
    let f = it.downcast::<StdObj>()?.0.next_fn()?;
    let ty = vm.type_of(it);
    if typeobj::type_flags(ty).contains(TypeFlags::HEAPTYPE) {
        return None;
    }
    if let Err(e) = vm.enter_native() {
        return Some(Err(e));
    }
    let r = f(vm, &[it]);
    vm.leave_native();
    Some(match r {
        Ok(v) => Ok(Some(v)),
        Err(e) if vm.exc_matches(e, vm.exc.stop_iteration) => Ok(None),
        Err(e) => Err(e),
    })
}

/// Argument parsing with the messages of CPython's argument clinic (keyword-capable
/// constructors such as `count(start=0, step=1)`): the values of `pos` then `kwonly`
/// parameters in order, NULL when not given. The first `required` positional parameters must
/// be present; a missing one is reported before an unknown or duplicated keyword, as CPython
/// does.
pub fn parse_kw(
    vm: &mut Vm,
    fname: &str,
    args: Value,
    kw: Value,
    pos: &[&str],
    kwonly: &[&str],
    required: usize,
) -> PyResult<Vec<Value>> {
    let args = crate::types::tuple::items(args).unwrap_or(&[]);
    if args.len() > pos.len() {
        let word = if kwonly.is_empty() { "" } else { "positional " };
        let s = if pos.len() == 1 { "" } else { "s" };
        return Err(vm.type_error(format!(
            "{fname}() takes at most {} {word}argument{s} ({} given)",
            pos.len(),
            args.len()
        )));
    }
    let mut out = vec![Value::NULL; pos.len() + kwonly.len()];
    out[..args.len()].copy_from_slice(args);
    let mut deferred: Option<String> = None;
    if !kw.is_null() {
        for (k, v) in crate::types::dict::items(kw) {
            let Some(name) = crate::types::str::as_str(k) else {
                return Err(vm.type_error("keywords must be strings"));
            };
            let slot = pos.iter().chain(kwonly.iter()).position(|p| *p == name);
            match slot {
                Some(i) if i < args.len() => {
                    deferred.get_or_insert_with(|| {
                        format!(
                            "argument for {fname}() given by name ('{name}') and position ({})",
                            i + 1
                        )
                    });
                }
                Some(i) => out[i] = v,
                None => {
                    deferred.get_or_insert_with(|| {
                        format!("'{name}' is an invalid keyword argument for {fname}()")
                    });
                }
            }
        }
    }
    for (i, p) in pos.iter().enumerate().take(required) {
        if out[i].is_null() {
            return Err(vm.type_error(format!(
                "{fname}() missing required argument '{p}' (pos {})",
                i + 1
            )));
        }
    }
    match deferred {
        Some(msg) => Err(vm.type_error(msg)),
        None => Ok(out),
    }
}
