//! Weak references (`weakref.ref`, `weakref.proxy`) and their part in garbage collection.
//!
//! A weak reference's payload does not trace its referent. The VM keeps every weak reference in
//! `Vm::weakrefs`, keyed by referent address: a deliberately *weak* table, which the collector
//! processes between marking and sweeping (`process_after_mark`): references whose referent was
//! not marked are cleared, and their callbacks queued in `Vm::weak_callbacks` (a traced root);
//! dead references leave the table. The VM runs the queued callbacks once the collection is over.

use crate::heap::alloc;
use crate::native::NativeDef;
use crate::object::{ObjKind, Payload, Trace};
use crate::types::typeobj::{self, TypeFlags};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};
use std::cell::Cell;

pub struct WeakRefObj {
    /// The referent, or NULL once it was collected. Not traced.
    pub referent: Cell<Value>,
    /// The callback (traced), or NULL.
    pub callback: Cell<Value>,
    /// The referent's hash, once computed (`__hash__` must survive the referent's death).
    pub hash: Cell<Option<i64>>,
}

impl Trace for WeakRefObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.callback.get().trace(visit)
    }
}

impl Payload for WeakRefObj {
    const KIND: ObjKind = ObjKind::WeakRef;
}

/// Called by the collector after marking: clears references to unmarked objects, queues their
/// callbacks, and forgets references that are themselves dead.
///
/// `is_live`: the object survives this collection; `was_reachable`: it is reachable from the
/// roots, not only kept alive for a finalizer. As in CPython, weak references to objects
/// that were unreachable are cleared before finalizers run (even when a finalizer's object
/// survives this collection), and callbacks run only for weak references that were reachable
/// themselves.
pub fn process_after_mark(
    table: &mut std::collections::HashMap<u64, Vec<Value>>,
    callbacks: &mut Vec<(Value, Value)>,
    is_live: &dyn Fn(Value) -> bool,
    was_reachable: &dyn Fn(Value) -> bool,
) {
    table.retain(|&referent, refs| {
        refs.retain(|r| is_live(*r));
        if was_reachable(Value::from_bits(referent)) {
            return !refs.is_empty();
        }
        for r in refs.iter() {
            if let Some(w) = r.downcast::<WeakRefObj>() {
                w.referent.set(Value::NULL);
                let cb = w.callback.replace(Value::NULL);
                if !cb.is_null() && !cb.is_none() && was_reachable(*r) {
                    callbacks.push((*r, cb));
                }
            }
        }
        false
    });
}

/// Whether some weak reference in `table` still has a callback to call.
pub fn any_callback(table: &std::collections::HashMap<u64, Vec<Value>>) -> bool {
    table.values().flatten().any(|r| {
        r.downcast::<WeakRefObj>().is_some_and(|w| {
            let cb = w.callback.get();
            !cb.is_null() && !cb.is_none()
        })
    })
}

pub fn install(vm: &mut Vm) {
    let object = vm.types.object;
    let flags = TypeFlags::BASETYPE;
    let r = typeobj::new_static_type(vm, "ReferenceType", object, ObjKind::WeakRef, flags);
    typeobj::add_methods(vm, r, REF_METHODS);
    typeobj::add_getsets(vm, r, REF_GETSETS);
    let module = vm.new_str("weakref");
    typeobj::set_type_attr(vm, r, "__module__", module);
    vm.state_set("weakref.ref", r);
    for (key, name, extra) in [
        ("weakref.proxy", "ProxyType", None),
        (
            "weakref.callableproxy",
            "CallableProxyType",
            Some(CALLABLE_PROXY_METHODS),
        ),
    ] {
        let t = typeobj::new_static_type(vm, name, object, ObjKind::WeakRef, TypeFlags(0));
        typeobj::add_methods(vm, t, PROXY_METHODS);
        if let Some(methods) = extra {
            typeobj::add_methods(vm, t, methods);
        }
        let module = vm.new_str("weakref");
        typeobj::set_type_attr(vm, t, "__module__", module);
        vm.state_set(key, t);
    }
}

/// Raises TypeError unless objects of `v`'s type can be weakly referenced (CPython: types
/// without a `__weakref__` slot, such as int, str, tuple, list and dict, cannot).
fn check_referenceable(vm: &mut Vm, v: Value) -> PyResult<()> {
    let ty = vm.type_of(v);
    let heap_type = typeobj::type_flags(ty).contains(TypeFlags::HEAPTYPE);
    // A class whose `__slots__` leave out `__weakref__` (types::slots).
    let no_slot = heap_type && !typeobj::type_flags(ty).contains(TypeFlags::HAS_WEAKREF);
    let ok = v.is_ptr()
        && !no_slot
        && (heap_type
            || !matches!(
                v.header().map(|h| h.vt.kind),
                Some(
                    ObjKind::Int
                        | ObjKind::Float
                        | ObjKind::Complex
                        | ObjKind::Str
                        | ObjKind::Bytes
                        | ObjKind::ByteArray
                        | ObjKind::Tuple
                        | ObjKind::List
                        | ObjKind::Dict
                        | ObjKind::WeakRef
                )
            ));
    if ok {
        Ok(())
    } else {
        Err(vm.type_error(format!(
            "cannot create weak reference to '{}' object",
            vm.type_name(v)
        )))
    }
}

/// A new weak reference of type `ty` to `obj` (reusing an existing plain `ref` without a
/// callback, as CPython does).
pub fn new_ref(vm: &mut Vm, ty: Value, obj: Value, callback: Value) -> PyResult {
    check_referenceable(vm, obj)?;
    let cb = if callback.is_none() {
        Value::NULL
    } else {
        callback
    };
    let plain = vm.state_get("weakref.ref");
    if cb.is_null() && Some(ty) == plain {
        let existing = vm.weakrefs.get(&obj.bits()).and_then(|refs| {
            refs.iter().copied().find(|r| {
                Some(vm.type_of(*r)) == plain
                    && r.downcast::<WeakRefObj>()
                        .is_some_and(|w| w.callback.get().is_null())
            })
        });
        if let Some(r) = existing {
            return Ok(r);
        }
    }
    let r = alloc(
        ty,
        WeakRefObj {
            referent: Cell::new(obj),
            callback: Cell::new(cb),
            hash: Cell::new(None),
        },
    );
    vm.weakrefs.entry(obj.bits()).or_default().push(r);
    Ok(r)
}

/// The referent of a weak reference or proxy, or NULL when it is dead.
pub fn referent(r: Value) -> Value {
    r.downcast::<WeakRefObj>()
        .map(|w| w.referent.get())
        .unwrap_or(Value::NULL)
}

/// Live weak references to `obj`.
pub fn refs_to(vm: &Vm, obj: Value) -> Vec<Value> {
    vm.weakrefs
        .get(&obj.bits())
        .map(|refs| {
            refs.iter()
                .copied()
                .filter(|r| !referent(*r).is_null())
                .collect()
        })
        .unwrap_or_default()
}

static REF_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, object, callback=None, /)", ref_new),
    native!("__init__", "($self, /, *args, **kwargs)", ref_init),
    native!("__call__", "($self, /)", ref_call),
    native!("__hash__", "($self, /)", ref_hash),
    native!("__eq__", "($self, value, /)", ref_eq),
    native!("__ne__", "($self, value, /)", ref_ne),
    native!("__repr__", "($self, /)", ref_repr),
    native!("__class_getitem__", "($cls, item, /)", ref_class_getitem),
];

static REF_GETSETS: &[(NativeDef, Option<NativeDef>)] =
    &[(native!("__callback__", "($self, /)", ref_callback), None)];

fn ref_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let cb = if a[2].is_null() { Value::NONE } else { a[2] };
    new_ref(vm, a[0], a[1], cb)
}

fn ref_init(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::NONE)
}

fn ref_call(_vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = referent(a[0]);
    Ok(if r.is_null() { Value::NONE } else { r })
}

fn ref_callback(_vm: &mut Vm, a: &[Value]) -> PyResult {
    let cb = a[0]
        .downcast::<WeakRefObj>()
        .map(|w| w.callback.get())
        .unwrap_or(Value::NULL);
    Ok(if cb.is_null() { Value::NONE } else { cb })
}

fn ref_hash(vm: &mut Vm, a: &[Value]) -> PyResult {
    let Some(w) = a[0].downcast::<WeakRefObj>() else {
        return Ok(Value::NONE);
    };
    if let Some(h) = w.hash.get() {
        return Ok(crate::types::int::from_i64(vm, h));
    }
    let r = w.referent.get();
    if r.is_null() {
        return Err(vm.type_error("weak object has gone away"));
    }
    let h = crate::ops::hash::hash(vm, r)?;
    w.hash.set(Some(h));
    Ok(crate::types::int::from_i64(vm, h))
}

fn ref_eq_impl(vm: &mut Vm, a: Value, b: Value) -> PyResult<Option<bool>> {
    if !b.is::<WeakRefObj>() {
        return Ok(None);
    }
    let (ra, rb) = (referent(a), referent(b));
    if ra.is_null() || rb.is_null() {
        return Ok(Some(a == b));
    }
    crate::ops::compare::eq(vm, ra, rb).map(Some)
}

fn ref_eq(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(match ref_eq_impl(vm, a[0], a[1])? {
        Some(b) => Value::from_bool(b),
        None => Value::NOT_IMPLEMENTED,
    })
}

fn ref_ne(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(match ref_eq_impl(vm, a[0], a[1])? {
        Some(b) => Value::from_bool(!b),
        None => Value::NOT_IMPLEMENTED,
    })
}

fn ref_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = referent(a[0]);
    let me = a[0].bits();
    if r.is_null() {
        return Ok(vm.new_string(format!("<weakref at {me:#x}; dead>")));
    }
    let tn = vm.type_name(r);
    let n = vm.intern("__name__");
    let name = crate::ops::attr::getattr_opt(vm, r, n).unwrap_or(None);
    let s = match name.and_then(|n| crate::types::str::as_str(n).map(str::to_string)) {
        Some(n) => format!("<weakref at {me:#x}; to '{tn}' at {:#x} ({n})>", r.bits()),
        None => format!("<weakref at {me:#x}; to '{tn}' at {:#x}>", r.bits()),
    };
    Ok(vm.new_string(s))
}

fn ref_class_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    crate::modules::builtins::make_generic_alias(vm, a[0], a[1])
}

// ----- proxies -----

static PROXY_METHODS: &[NativeDef] = &[
    native!("__getattribute__", "($self, name, /)", proxy_getattr),
    native!("__setattr__", "($self, name, value, /)", proxy_setattr),
    native!("__delattr__", "($self, name, /)", proxy_delattr),
    native!("__repr__", "($self, /)", proxy_repr),
    native!("__str__", "($self, /)", proxy_str),
    native!("__bool__", "($self, /)", proxy_bool),
    native!("__len__", "($self, /)", proxy_len),
    native!("__getitem__", "($self, key, /)", proxy_getitem),
    native!("__setitem__", "($self, key, value, /)", proxy_setitem),
    native!("__delitem__", "($self, key, /)", proxy_delitem),
    native!("__contains__", "($self, key, /)", proxy_contains),
    native!("__iter__", "($self, /)", proxy_iter),
    native!("__eq__", "($self, value, /)", proxy_eq),
    native!("__hash__", "($self, /)", proxy_hash),
];

static CALLABLE_PROXY_METHODS: &[NativeDef] = &[native!(
    "__call__",
    "($self, /, *args, **kwargs)",
    proxy_call
)];

fn live(vm: &mut Vm, p: Value) -> PyResult {
    let r = referent(p);
    if r.is_null() {
        return Err(vm.new_exc(
            vm.exc.reference_error,
            "weakly-referenced object no longer exists",
        ));
    }
    Ok(r)
}

/// `weakref.proxy(obj, callback)`.
pub fn new_proxy(vm: &mut Vm, obj: Value, callback: Value) -> PyResult {
    let callable = crate::ops::call::is_callable(vm, obj);
    let key = if callable {
        "weakref.callableproxy"
    } else {
        "weakref.proxy"
    };
    let ty = vm.state_get(key).unwrap_or(Value::NONE);
    new_ref(vm, ty, obj, callback)
}

fn proxy_getattr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = live(vm, a[0])?;
    crate::ops::attr::getattr(vm, r, a[1])
}

fn proxy_setattr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = live(vm, a[0])?;
    crate::ops::attr::setattr(vm, r, a[1], a[2])?;
    Ok(Value::NONE)
}

fn proxy_delattr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = live(vm, a[0])?;
    crate::ops::attr::delattr(vm, r, a[1])?;
    Ok(Value::NONE)
}

fn proxy_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = referent(a[0]);
    let tn = if r.is_null() {
        "NoneType".to_string()
    } else {
        vm.type_name(r)
    };
    let s = format!(
        "<weakproxy at {:#x}; to '{tn}' at {:#x}>",
        a[0].bits(),
        r.bits()
    );
    Ok(vm.new_string(s))
}

fn proxy_str(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = live(vm, a[0])?;
    crate::ops::repr::str(vm, r)
}

fn proxy_bool(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = live(vm, a[0])?;
    crate::ops::truth::is_true(vm, r).map(Value::from_bool)
}

fn proxy_len(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = live(vm, a[0])?;
    let n = crate::ops::item::len(vm, r)?;
    Ok(crate::types::int::from_usize(vm, n))
}

fn proxy_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = live(vm, a[0])?;
    crate::ops::item::getitem(vm, r, a[1])
}

fn proxy_setitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = live(vm, a[0])?;
    crate::ops::item::setitem(vm, r, a[1], a[2])?;
    Ok(Value::NONE)
}

fn proxy_delitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = live(vm, a[0])?;
    crate::ops::item::delitem(vm, r, a[1])?;
    Ok(Value::NONE)
}

fn proxy_contains(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = live(vm, a[0])?;
    crate::ops::item::contains(vm, r, a[1]).map(Value::from_bool)
}

fn proxy_iter(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = live(vm, a[0])?;
    crate::ops::iter::get_iter(vm, r)
}

fn proxy_eq(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = live(vm, a[0])?;
    let other = if a[1].is::<WeakRefObj>() && !a[1].is_null() {
        live(vm, a[1])?
    } else {
        a[1]
    };
    crate::ops::compare::eq(vm, r, other).map(Value::from_bool)
}

fn proxy_hash(vm: &mut Vm, a: &[Value]) -> PyResult {
    Err(vm.type_error(format!("unhashable type: '{}'", vm.type_name(a[0]))))
}

fn proxy_call(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = live(vm, a[0])?;
    let args: Vec<Value> = crate::types::tuple::items(a[1]).unwrap_or(&[]).to_vec();
    crate::ops::call::call_ex(vm, r, &args, a[2])
}
