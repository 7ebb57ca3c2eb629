//! Descriptor types: `property`, `classmethod`, `staticmethod`, slot members (`__slots__`),
//! native getters, and `super`.

use crate::heap::alloc;
use crate::object::{ObjKind, Payload, Trace};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::cell::Cell;

/// `property` (also used for native getters, with `native` set).
pub struct PropertyObj {
    pub fget: Cell<Value>,
    pub fset: Cell<Value>,
    pub fdel: Cell<Value>,
    pub doc: Cell<Value>,
    pub name: Cell<Value>,
    /// Whether `doc` was taken from the getter's `__doc__` (so `getter()` copies take the new
    /// getter's doc instead), as CPython's `getter_doc`.
    pub getter_doc: Cell<bool>,
}

impl Trace for PropertyObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        for v in [
            self.fget.get(),
            self.fset.get(),
            self.fdel.get(),
            self.doc.get(),
            self.name.get(),
        ] {
            v.trace(visit)
        }
    }
}

impl Payload for PropertyObj {
    const KIND: ObjKind = ObjKind::Property;
}

pub fn new_property(ty: Value, fget: Value, fset: Value, fdel: Value, doc: Value) -> Value {
    alloc(
        ty,
        PropertyObj {
            fget: Cell::new(fget),
            fset: Cell::new(fset),
            fdel: Cell::new(fdel),
            doc: Cell::new(doc),
            name: Cell::new(Value::NULL),
            getter_doc: Cell::new(false),
        },
    )
}

/// A computed attribute of a builtin type (CPython's getset_descriptor).
pub fn new_getset(vm: &mut Vm, get: Value, set: Value) -> Value {
    new_property(
        vm.types.getset_descriptor,
        get,
        set,
        Value::NULL,
        Value::NONE,
    )
}

/// A getset descriptor with a deleter too (`del f.__defaults__`, `del cell.cell_contents`).
pub fn new_getset_full(vm: &mut Vm, get: Value, set: Value, del: Value) -> Value {
    new_property(vm.types.getset_descriptor, get, set, del, Value::NONE)
}

/// `classmethod(f)` / `staticmethod(f)`: one payload, told apart by kind.
pub struct MethodWrapperObj {
    pub func: Cell<Value>,
}

impl Trace for MethodWrapperObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.func.trace(visit)
    }
}

pub struct ClassMethodObj(pub MethodWrapperObj);
pub struct StaticMethodObj(pub MethodWrapperObj);

impl Trace for ClassMethodObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.0.trace(visit)
    }
}
impl Trace for StaticMethodObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.0.trace(visit)
    }
}
impl Payload for ClassMethodObj {
    const KIND: ObjKind = ObjKind::ClassMethod;
}
impl Payload for StaticMethodObj {
    const KIND: ObjKind = ObjKind::StaticMethod;
}

pub fn new_classmethod(vm: &mut Vm, f: Value) -> Value {
    new_classmethod_of_type(vm.types.classmethod, f)
}

pub fn new_staticmethod(vm: &mut Vm, f: Value) -> Value {
    new_staticmethod_of_type(vm.types.staticmethod, f)
}

/// `classmethod` (or a subclass `ty`) wrapping `f` (NULL until `__init__` sets it).
pub fn new_classmethod_of_type(ty: Value, f: Value) -> Value {
    alloc(ty, ClassMethodObj(MethodWrapperObj { func: Cell::new(f) }))
}

pub fn new_staticmethod_of_type(ty: Value, f: Value) -> Value {
    alloc(ty, StaticMethodObj(MethodWrapperObj { func: Cell::new(f) }))
}

/// A `__slots__` member: reads and writes slot `index` of the instance's `SlotStore`. A
/// builtin type's read-only member (`function.__globals__`) has a native `getter` instead.
pub struct MemberObj {
    pub name: Value,
    pub owner: Value,
    pub index: usize,
    pub getter: Value,
}

impl Trace for MemberObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.name.trace(visit);
        self.owner.trace(visit);
        self.getter.trace(visit);
    }
}

impl Payload for MemberObj {
    const KIND: ObjKind = ObjKind::MemberDescr;
}

pub fn new_member(vm: &mut Vm, name: Value, owner: Value, index: usize) -> Value {
    alloc(
        vm.types.member_descriptor,
        MemberObj {
            name,
            owner,
            index,
            getter: Value::NULL,
        },
    )
}

/// A read-only member of builtin type `owner` computed by native function `getter`.
pub fn new_readonly_member(vm: &mut Vm, name: Value, owner: Value, getter: Value) -> Value {
    alloc(
        vm.types.member_descriptor,
        MemberObj {
            name,
            owner,
            index: usize::MAX,
            getter,
        },
    )
}

/// `super(type, obj)`: `thisclass` is where the MRO search starts after; `obj` the instance
/// (or class) methods bind to; `obj_type` the MRO to search.
pub struct SuperObj {
    pub thisclass: Value,
    pub obj: Value,
    pub obj_type: Value,
}

impl Trace for SuperObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        for v in [self.thisclass, self.obj, self.obj_type] {
            v.trace(visit)
        }
    }
}

impl Payload for SuperObj {
    const KIND: ObjKind = ObjKind::Super;
}

/// Builds `super(thisclass, obj)` with CPython's checks.
pub fn new_super(vm: &mut Vm, thisclass: Value, obj: Value) -> PyResult<Value> {
    let ty = vm.types.super_;
    new_super_of_type(vm, ty, thisclass, obj)
}

pub fn new_super_of_type(vm: &mut Vm, ty: Value, thisclass: Value, obj: Value) -> PyResult<Value> {
    if !thisclass.is::<crate::types::typeobj::TypeObject>() {
        return Err(vm.type_error(format!(
            "super() argument 1 must be a type, not {}",
            vm.type_name(thisclass)
        )));
    }
    let obj_type = if obj.is_null() || obj.is_none() {
        Value::NULL
    } else if obj.is::<crate::types::typeobj::TypeObject>()
        && crate::types::typeobj::is_subtype(obj, thisclass)
    {
        obj
    } else {
        let t = vm.type_of(obj);
        if crate::types::typeobj::is_subtype(t, thisclass) {
            t
        } else {
            return Err(
                vm.type_error("super(type, obj): obj must be an instance or subtype of type")
            );
        }
    };
    Ok(alloc(
        ty,
        SuperObj {
            thisclass,
            obj,
            obj_type,
        },
    ))
}
