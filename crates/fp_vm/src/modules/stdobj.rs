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
