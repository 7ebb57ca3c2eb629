//! Python-visible methods of the descriptor types: `property`, `classmethod`, `staticmethod`,
//! `super` (including zero-argument `super()`, which reads the calling frame),
//! `member_descriptor` (`__slots__`) and `getset_descriptor` (computed attributes of builtin
//! types). The attribute machinery itself (`ops::attr`) uses `property_set`/`property_delete`
//! from here so the error messages are the same on every path.

use crate::native::NativeDef;
use crate::ops;
use crate::types::descriptors::{
    ClassMethodObj, MemberObj, MethodWrapperObj, PropertyObj, StaticMethodObj, SuperObj,
};
use crate::types::function::NativeFunction;
use crate::types::instance;
use crate::types::str::as_str;
use crate::types::typeobj::{self, TypeObject};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};

#[cfg(test)]
mod tests;

pub fn install(vm: &mut Vm) {
    let t = vm.types.property;
    typeobj::add_methods(vm, t, PROPERTY_METHODS);
    typeobj::add_getsets(vm, t, PROPERTY_GETSETS);

    let t = vm.types.classmethod;
    typeobj::add_methods(vm, t, CLASSMETHOD_METHODS);
    typeobj::add_getsets(vm, t, WRAPPER_GETSETS);
    let t = vm.types.staticmethod;
    typeobj::add_methods(vm, t, STATICMETHOD_METHODS);
    typeobj::add_getsets(vm, t, WRAPPER_GETSETS);

    let t = vm.types.super_;
    typeobj::add_methods(vm, t, SUPER_METHODS);
    typeobj::add_getsets(vm, t, SUPER_GETSETS);

    let t = vm.types.member_descriptor;
    typeobj::add_methods(vm, t, MEMBER_METHODS);
    typeobj::add_getsets(vm, t, MEMBER_GETSETS);

    let t = vm.types.getset_descriptor;
    typeobj::add_methods(vm, t, GETSET_METHODS);
    typeobj::add_getsets(vm, t, GETSET_GETSETS);
}

/// NULL and None both mean "absent" for property functions.
fn absent(v: Value) -> bool {
    v.is_null() || v.is_none()
}

fn or_none(v: Value) -> Value {
    if v.is_null() { Value::NONE } else { v }
}

/// The `__get__(None, None)` check every `__get__` slot makes.
fn check_get_args(vm: &mut Vm, inst: Value, owner: Value) -> PyResult<()> {
    if inst.is_none() && (owner.is_null() || owner.is_none()) {
        return Err(vm.type_error("__get__(None, None) is invalid"));
    }
    Ok(())
}

// ----- property -----

static PROPERTY_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", property_new),
    native!(
        "__init__",
        "($self, /, fget=None, fset=None, fdel=None, doc=None)",
        property_init
    ),
    native!("__get__", "($self, instance, owner=None, /)", property_get),
    native!(
        "__set__",
        "($self, instance, value, /)",
        property_set_native
    ),
    native!("__delete__", "($self, instance, /)", property_delete_native),
    native!("getter", "($self, fget, /)", property_getter),
    native!("setter", "($self, fset, /)", property_setter),
    native!("deleter", "($self, fdel, /)", property_deleter),
    native!("__set_name__", "($self, owner, name, /)", property_set_name),
];

static PROPERTY_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("fget", "($self, /)", property_fget), None),
    (native!("fset", "($self, /)", property_fset), None),
    (native!("fdel", "($self, /)", property_fdel), None),
    (
        native!("__doc__", "($self, /)", property_get_doc),
        Some(native!("__doc__", "($self, value, /)", property_set_doc)),
    ),
    (
        native!("__isabstractmethod__", "($self, /)", property_isabstract),
        None,
    ),
];

fn prop_of(vm: &mut Vm, v: Value) -> PyResult<&'static PropertyObj> {
    match v.downcast::<PropertyObj>() {
        Some(p) => Ok(p),
        None => Err(vm.type_error(format!(
            "descriptor requires a 'property' object but received '{}'",
            vm.type_name(v)
        ))),
    }
}

fn is_getset(vm: &Vm, d: Value) -> bool {
    d.header().map(|h| h.ty()) == Some(vm.types.getset_descriptor)
}

/// `"'x' "` when the property knows its name (from `__set_name__`), else empty.
fn prop_name_part(p: &PropertyObj) -> String {
    match as_str(p.name.get()) {
        Some(n) => format!("'{n}' "),
        None => String::new(),
    }
}

fn property_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = a[0];
    if !ty.is::<TypeObject>() {
        return Err(vm.type_error("property.__new__(X): X is not a type object"));
    }
    Ok(crate::types::descriptors::new_property(
        ty,
        Value::NULL,
        Value::NULL,
        Value::NULL,
        Value::NULL,
    ))
}

fn property_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = prop_of(vm, a[0])?;
    let norm = |v: Value| if absent(v) { Value::NULL } else { v };
    let (fget, fset, fdel, doc) = (norm(a[1]), norm(a[2]), norm(a[3]), norm(a[4]));
    p.fget.set(fget);
    p.fset.set(fset);
    p.fdel.set(fdel);
    p.doc.set(doc);
    p.getter_doc.set(false);
    if doc.is_null() && !fget.is_null() {
        let Some(gd) = ops::attr::getattr_opt(vm, fget, vm.names.doc)? else {
            return Ok(Value::NONE);
        };
        if vm.type_of(a[0]) == vm.types.property {
            p.doc.set(gd);
        } else {
            // A subclass's own `__doc__` (its class docstring or None) would shadow the
            // payload, so the getter's doc goes to the instance dict, as CPython does.
            ops::attr::setattr(vm, a[0], vm.names.doc, gd)?;
        }
        p.getter_doc.set(true);
    }
    Ok(Value::NONE)
}

fn property_get(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (d, inst, owner) = (a[0], a[1], a[2]);
    check_get_args(vm, inst, owner)?;
    if inst.is_none() {
        return Ok(d);
    }
    property_get_value(vm, d, inst)
}

/// Reads a property or getset on `obj` (what `obj.attr` does once the descriptor is found).
pub fn property_get_value(vm: &mut Vm, d: Value, obj: Value) -> PyResult {
    property_get_value_in(vm, d, obj, false)
}

/// `property_get_value`, the getter entered cleanly when `clean` (see `ops::attr::getattr_in`).
pub fn property_get_value_in(vm: &mut Vm, d: Value, obj: Value, clean: bool) -> PyResult {
    let p = prop_of(vm, d)?;
    let g = p.fget.get();
    if absent(g) {
        let n = prop_name_part(p);
        return Err(vm.attribute_error(format!(
            "property {n}of '{}' object has no getter",
            vm.type_name(obj)
        )));
    }
    // (A getset's getter is a method descriptor: calling it checks the instance type.)
    ops::call::call_kw_in(vm, g, &[obj], &[], clean)
}

/// `prop.__set__(obj, value)` / `obj.attr = value` for a property or getset descriptor.
pub fn property_set(vm: &mut Vm, d: Value, obj: Value, value: Value) -> PyResult<()> {
    let p = prop_of(vm, d)?;
    let s = p.fset.get();
    let getset = is_getset(vm, d);
    if getset {
        check_getset_target(vm, d, obj)?;
    }
    if absent(s) {
        let msg = if getset {
            format!(
                "attribute '{}' of '{}' objects is not writable",
                getset_name(d),
                getset_objclass_name(d)
            )
        } else {
            format!(
                "property {}of '{}' object has no setter",
                prop_name_part(p),
                vm.type_name(obj)
            )
        };
        return Err(vm.attribute_error(msg));
    }
    ops::call::call(vm, s, &[obj, value])?;
    Ok(())
}

/// `prop.__delete__(obj)` / `del obj.attr` for a property or getset descriptor.
pub fn property_delete(vm: &mut Vm, d: Value, obj: Value) -> PyResult<()> {
    let p = prop_of(vm, d)?;
    let f = p.fdel.get();
    let getset = is_getset(vm, d);
    if getset {
        check_getset_target(vm, d, obj)?;
    }
    if absent(f) {
        if getset {
            let (n, t) = (getset_name(d), getset_objclass_name(d));
            if absent(p.fset.get()) {
                return Err(
                    vm.attribute_error(format!("attribute '{n}' of '{t}' objects is not writable"))
                );
            }
            return Err(vm.type_error(format!("cannot delete attribute '{n}'")));
        }
        return Err(vm.attribute_error(format!(
            "property {}of '{}' object has no deleter",
            prop_name_part(p),
            vm.type_name(obj)
        )));
    }
    ops::call::call(vm, f, &[obj])?;
    Ok(())
}

fn property_set_native(vm: &mut Vm, a: &[Value]) -> PyResult {
    property_set(vm, a[0], a[1], a[2])?;
    Ok(Value::NONE)
}

fn property_delete_native(vm: &mut Vm, a: &[Value]) -> PyResult {
    property_delete(vm, a[0], a[1])?;
    Ok(Value::NONE)
}

/// `getter`/`setter`/`deleter`: `type(self)(fget, fset, fdel, doc)` with one function replaced.
fn property_copy(vm: &mut Vm, d: Value, which: usize, f: Value) -> PyResult {
    let p = prop_of(vm, d)?;
    let mut funcs = [p.fget.get(), p.fset.get(), p.fdel.get()];
    funcs[which] = f;
    let funcs = funcs.map(or_none);
    let doc = if p.getter_doc.get() && !funcs[0].is_none() {
        // Let `__init__` take the doc from the (new) getter.
        Value::NONE
    } else {
        or_none(p.doc.get())
    };
    let ty = vm.type_of(d);
    let new = ops::call::call(vm, ty, &[funcs[0], funcs[1], funcs[2], doc])?;
    if let Some(np) = new.downcast::<PropertyObj>() {
        np.name.set(p.name.get());
    }
    Ok(new)
}

fn property_getter(vm: &mut Vm, a: &[Value]) -> PyResult {
    property_copy(vm, a[0], 0, a[1])
}
fn property_setter(vm: &mut Vm, a: &[Value]) -> PyResult {
    property_copy(vm, a[0], 1, a[1])
}
fn property_deleter(vm: &mut Vm, a: &[Value]) -> PyResult {
    property_copy(vm, a[0], 2, a[1])
}

fn property_set_name(vm: &mut Vm, a: &[Value]) -> PyResult {
    prop_of(vm, a[0])?.name.set(a[2]);
    Ok(Value::NONE)
}

fn property_fget(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(or_none(prop_of(vm, a[0])?.fget.get()))
}
fn property_fset(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(or_none(prop_of(vm, a[0])?.fset.get()))
}
fn property_fdel(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(or_none(prop_of(vm, a[0])?.fdel.get()))
}

fn property_get_doc(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = prop_of(vm, a[0])?;
    if vm.type_of(a[0]) != vm.types.property
        && let Some(d) = instance::get(a[0], vm.names.doc)
    {
        return Ok(d);
    }
    Ok(or_none(p.doc.get()))
}

fn property_set_doc(vm: &mut Vm, a: &[Value]) -> PyResult {
    prop_of(vm, a[0])?.doc.set(a[1]);
    Ok(Value::NONE)
}

/// Whether `f.__isabstractmethod__` is true (missing counts as false).
fn is_abstract(vm: &mut Vm, f: Value) -> PyResult<bool> {
    if absent(f) {
        return Ok(false);
    }
    let n = vm.intern("__isabstractmethod__");
    match ops::attr::getattr_opt(vm, f, n)? {
        Some(v) => ops::truth::is_true(vm, v),
        None => Ok(false),
    }
}

fn property_isabstract(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = prop_of(vm, a[0])?;
    for f in [p.fget.get(), p.fset.get(), p.fdel.get()] {
        if is_abstract(vm, f)? {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}

// ----- classmethod / staticmethod -----

static CLASSMETHOD_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", classmethod_new),
    native!("__init__", "($self, /, *args, **kwargs)", wrapper_init),
    native!("__get__", "($self, instance, owner=None, /)", wrapper_get),
    native!("__repr__", "($self, /)", wrapper_repr),
];

static STATICMETHOD_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", staticmethod_new),
    native!("__init__", "($self, /, *args, **kwargs)", wrapper_init),
    native!("__get__", "($self, instance, owner=None, /)", wrapper_get),
    native!("__repr__", "($self, /)", wrapper_repr),
    native!("__call__", "($self, /, *args, **kwargs)", staticmethod_call),
];

static WRAPPER_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("__func__", "($self, /)", wrapper_func), None),
    (native!("__wrapped__", "($self, /)", wrapper_func), None),
    (
        native!("__isabstractmethod__", "($self, /)", wrapper_isabstract),
        None,
    ),
];

/// The payload of a classmethod or staticmethod, and which of the two it is.
fn wrapper_of(vm: &mut Vm, v: Value) -> PyResult<(&'static MethodWrapperObj, &'static str)> {
    if let Some(c) = v.downcast::<ClassMethodObj>() {
        return Ok((&c.0, "classmethod"));
    }
    if let Some(s) = v.downcast::<StaticMethodObj>() {
        return Ok((&s.0, "staticmethod"));
    }
    Err(vm.type_error(format!(
        "descriptor requires a 'classmethod' object but received '{}'",
        vm.type_name(v)
    )))
}

/// The wrapped callable, or RuntimeError for an object whose `__init__` never ran.
fn wrapped(vm: &mut Vm, v: Value) -> PyResult {
    let (w, what) = wrapper_of(vm, v)?;
    let f = w.func.get();
    if f.is_null() {
        return Err(vm.runtime_error(format!("uninitialized {what} object")));
    }
    Ok(f)
}

fn first_arg(a: &[Value]) -> Value {
    crate::types::tuple::items(a[1])
        .and_then(|t| t.first().copied())
        .unwrap_or(Value::NULL)
}

fn classmethod_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !a[0].is::<TypeObject>() {
        return Err(vm.type_error("classmethod.__new__(X): X is not a type object"));
    }
    Ok(crate::types::descriptors::new_classmethod_of_type(
        a[0],
        first_arg(a),
    ))
}

fn staticmethod_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !a[0].is::<TypeObject>() {
        return Err(vm.type_error("staticmethod.__new__(X): X is not a type object"));
    }
    Ok(crate::types::descriptors::new_staticmethod_of_type(
        a[0],
        first_arg(a),
    ))
}

/// `classmethod.__init__(f)` / `staticmethod.__init__(f)`: stores `f` and copies its
/// `__module__`, `__name__`, `__qualname__`, `__doc__` and `__annotations__` (3.10+).
fn wrapper_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (w, what) = wrapper_of(vm, a[0])?;
    if !a[2].is_null() && crate::types::dict::len(a[2]) > 0 {
        return Err(vm.type_error(format!("{what}() takes no keyword arguments")));
    }
    let args = crate::types::tuple::items(a[1]).unwrap_or(&[]);
    if args.len() != 1 {
        return Err(vm.type_error(format!("{what} expected 1 argument, got {}", args.len())));
    }
    let f = args[0];
    w.func.set(f);
    for name in [
        "__module__",
        "__name__",
        "__qualname__",
        "__doc__",
        "__annotations__",
    ] {
        let n = vm.intern(name);
        if let Some(v) = ops::attr::getattr_opt(vm, f, n)? {
            ops::attr::setattr(vm, a[0], n, v)?;
        }
    }
    Ok(Value::NONE)
}

fn wrapper_get(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (d, inst, owner) = (a[0], a[1], a[2]);
    check_get_args(vm, inst, owner)?;
    let f = wrapped(vm, d)?;
    if d.is::<StaticMethodObj>() {
        return Ok(f);
    }
    let inst = if inst.is_none() { Value::NULL } else { inst };
    let owner = if owner.is_null() || owner.is_none() {
        Value::NULL
    } else {
        owner
    };
    ops::attr::bind_descriptor(vm, d, inst, owner)
}

fn wrapper_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (_, what) = wrapper_of(vm, a[0])?;
    let f = wrapped(vm, a[0])?;
    let r = ops::repr::repr_string(vm, f)?;
    Ok(vm.new_string(format!("<{what}({r})>")))
}

fn staticmethod_call(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = wrapped(vm, a[0])?;
    let mut args = crate::types::tuple::items(a[1]).unwrap_or(&[]).to_vec();
    let mut names = Vec::new();
    if !a[2].is_null() {
        for (k, v) in crate::types::dict::items(a[2]) {
            names.push(k);
            args.push(v);
        }
    }
    ops::call::call_kw(vm, f, &args, &names)
}

fn wrapper_func(vm: &mut Vm, a: &[Value]) -> PyResult {
    wrapped(vm, a[0])
}

fn wrapper_isabstract(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = wrapped(vm, a[0])?;
    Ok(Value::from_bool(is_abstract(vm, f)?))
}

// ----- super -----

static SUPER_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", super_new),
    native!("__init__", "($self, /, *args, **kwargs)", super_init),
    native!(
        "__getattribute__",
        "($self, name, /)",
        ops::attr::super_getattribute_native
    ),
    native!("__get__", "($self, instance, owner=None, /)", super_get),
    native!("__repr__", "($self, /)", super_repr),
];

static SUPER_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (
        native!("__thisclass__", "($self, /)", super_thisclass),
        None,
    ),
    (native!("__self__", "($self, /)", super_self), None),
    (
        native!("__self_class__", "($self, /)", super_self_class),
        None,
    ),
];

fn super_of(vm: &mut Vm, v: Value) -> PyResult<&'static SuperObj> {
    match v.downcast::<SuperObj>() {
        Some(s) => Ok(s),
        None => Err(vm.type_error(format!(
            "descriptor requires a 'super' object but received '{}'",
            vm.type_name(v)
        ))),
    }
}

/// Checks `super()`'s arguments; returns `(type, obj)` (obj NULL for the unbound form). The
/// zero-argument form reads the calling frame.
fn super_args(vm: &mut Vm, a: &[Value]) -> PyResult<(Value, Value)> {
    if !a[2].is_null() && crate::types::dict::len(a[2]) > 0 {
        return Err(vm.type_error("super() takes no keyword arguments"));
    }
    let args = crate::types::tuple::items(a[1]).unwrap_or(&[]);
    match args.len() {
        0 => super_from_frame(vm),
        1 => Ok((args[0], Value::NULL)),
        2 => Ok((
            args[0],
            if args[1].is_none() {
                Value::NULL
            } else {
                args[1]
            },
        )),
        n => Err(vm.type_error(format!("super() expected at most 2 arguments, got {n}"))),
    }
}

/// Zero-argument `super()`: the calling function's first argument (through its cell if the
/// compiler moved it into one) and its `__class__` free variable.
fn super_from_frame(vm: &mut Vm) -> PyResult<(Value, Value)> {
    let Some(frame) = vm.frames.last().copied() else {
        return Err(vm.runtime_error("super(): no current frame"));
    };
    let f = crate::interp::frame::fobj(frame).get();
    let Some(code) = f.code.downcast::<crate::types::code::CodeObj>() else {
        return Err(vm.runtime_error("super(): no code object"));
    };
    if code.code.argcount == 0 {
        return Err(vm.runtime_error("super(): no arguments"));
    }
    let mut first = f.fast.first().copied().unwrap_or(Value::NULL);
    if let Some(&(cell, _)) = code.code.cell2arg.iter().find(|(_, arg)| *arg == 0)
        && let Some(c) = f
            .fast
            .get(code.nlocals + cell as usize)
            .and_then(|c| c.downcast::<crate::types::function::CellObj>())
    {
        first = c.get();
    }
    if first.is_null() {
        return Err(vm.runtime_error("super(): arg[0] deleted"));
    }
    let class_name = vm.intern("__class__");
    for i in 0..code.nfree {
        if code.cellnames.get(code.ncells + i).copied() != Some(class_name) {
            continue;
        }
        let slot = f.fast.get(code.nlocals + code.ncells + i).copied();
        let Some(cell) = slot.and_then(|c| c.downcast::<crate::types::function::CellObj>()) else {
            return Err(vm.runtime_error("super(): bad __class__ cell"));
        };
        let ty = cell.get();
        if ty.is_null() {
            return Err(vm.runtime_error("super(): empty __class__ cell"));
        }
        if !ty.is::<TypeObject>() {
            return Err(vm.runtime_error(format!(
                "super(): __class__ is not a type ({})",
                vm.type_name(ty)
            )));
        }
        return Ok((ty, first));
    }
    Err(vm.runtime_error("super(): __class__ cell not found"))
}

fn super_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = a[0];
    if !ty.is::<TypeObject>() {
        return Err(vm.type_error("super.__new__(X): X is not a type object"));
    }
    let (thisclass, obj) = super_args(vm, a)?;
    crate::types::descriptors::new_super_of_type(vm, ty, thisclass, obj)
}

/// Everything happens in `__new__` (the payload is immutable); `__init__` only re-checks the
/// arguments so that `super.__init__(s, ...)` errors read the same.
fn super_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    super_of(vm, a[0])?;
    let args = crate::types::tuple::items(a[1]).unwrap_or(&[]);
    if args.len() > 2 {
        return Err(vm.type_error(format!(
            "super() expected at most 2 arguments, got {}",
            args.len()
        )));
    }
    Ok(Value::NONE)
}

fn super_get(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (d, inst, owner) = (a[0], a[1], a[2]);
    check_get_args(vm, inst, owner)?;
    let s = super_of(vm, d)?;
    if inst.is_none() || !s.obj.is_null() {
        return Ok(d);
    }
    let ty = vm.type_of(d);
    if ty != vm.types.super_ {
        // A subclass of super may need its own construction.
        return ops::call::call(vm, ty, &[s.thisclass, inst]);
    }
    crate::types::descriptors::new_super(vm, s.thisclass, inst)
}

fn super_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = super_of(vm, a[0])?;
    let this = typeobj::type_name(s.thisclass);
    let r = if s.obj_type.is_null() {
        format!("<super: <class '{this}'>, NULL>")
    } else {
        format!(
            "<super: <class '{this}'>, <{} object>>",
            typeobj::type_name(s.obj_type)
        )
    };
    Ok(vm.new_string(r))
}

fn super_thisclass(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(or_none(super_of(vm, a[0])?.thisclass))
}
fn super_self(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(or_none(super_of(vm, a[0])?.obj))
}
fn super_self_class(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(or_none(super_of(vm, a[0])?.obj_type))
}

// ----- member_descriptor (__slots__) -----

static MEMBER_METHODS: &[NativeDef] = &[
    native!("__get__", "($self, instance, owner=None, /)", member_get),
    native!("__set__", "($self, instance, value, /)", member_set),
    native!("__delete__", "($self, instance, /)", member_delete),
    native!("__repr__", "($self, /)", member_repr),
];

static MEMBER_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("__name__", "($self, /)", member_name), None),
    (native!("__qualname__", "($self, /)", member_qualname), None),
    (native!("__objclass__", "($self, /)", member_objclass), None),
    (native!("__doc__", "($self, /)", none_getter), None),
];

fn member_of(vm: &mut Vm, v: Value) -> PyResult<&'static MemberObj> {
    match v.downcast::<MemberObj>() {
        Some(m) => Ok(m),
        None => Err(vm.type_error(format!(
            "descriptor requires a 'member_descriptor' object but received '{}'",
            vm.type_name(v)
        ))),
    }
}

fn member_name_str(m: &MemberObj) -> String {
    as_str(m.name).unwrap_or("?").to_string()
}

/// The descriptor-applies-to check shared by members and getsets.
fn check_target(vm: &mut Vm, name: &str, owner: Value, obj: Value) -> PyResult<()> {
    let ot = vm.type_of(obj);
    if owner.is_null() || typeobj::is_subtype(ot, owner) {
        return Ok(());
    }
    Err(vm.type_error(format!(
        "descriptor '{name}' for '{}' objects doesn't apply to a '{}' object",
        typeobj::type_name(owner),
        vm.type_name(obj)
    )))
}

fn member_get(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (d, inst, owner) = (a[0], a[1], a[2]);
    check_get_args(vm, inst, owner)?;
    let m = member_of(vm, d)?;
    if inst.is_none() {
        return Ok(d);
    }
    let n = member_name_str(m);
    check_target(vm, &n, m.owner, inst)?;
    member_value(vm, m, inst)
}

/// The value of member `m` on `inst`; AttributeError when the slot is unset.
pub fn member_value(vm: &mut Vm, m: &MemberObj, inst: Value) -> PyResult {
    if !typeobj::is_subtype(vm.type_of(inst), m.owner) {
        check_target(vm, &member_name_str(m), m.owner, inst)?;
    }
    if !m.getter.is_null() {
        return ops::call::call(vm, m.getter, &[inst]);
    }
    match instance::slot_get(inst, m.index) {
        Some(v) => Ok(v),
        None => Err(vm.attribute_error(format!(
            "'{}' object has no attribute '{}'",
            vm.type_name(inst),
            member_name_str(m)
        ))),
    }
}

/// Stores (or with NULL, deletes) member `m` on `inst`; deleting an unset slot raises
/// AttributeError naming it, as CPython's.
pub fn member_store(vm: &mut Vm, m: &MemberObj, inst: Value, v: Value) -> PyResult<()> {
    if !typeobj::is_subtype(vm.type_of(inst), m.owner) {
        check_target(vm, &member_name_str(m), m.owner, inst)?;
    }
    if !m.getter.is_null() {
        return Err(vm.attribute_error("readonly attribute"));
    }
    if v.is_null() && instance::slot_get(inst, m.index).is_none() {
        return Err(vm.attribute_error(member_name_str(m)));
    }
    if !instance::slot_set(vm, inst, m.index, v) {
        let n = member_name_str(m);
        return Err(ops::attr::attr_error_for(vm, inst, &n));
    }
    Ok(())
}

fn member_set(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = member_of(vm, a[0])?;
    let n = member_name_str(m);
    check_target(vm, &n, m.owner, a[1])?;
    member_store(vm, m, a[1], a[2])?;
    Ok(Value::NONE)
}

fn member_delete(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = member_of(vm, a[0])?;
    let n = member_name_str(m);
    check_target(vm, &n, m.owner, a[1])?;
    member_store(vm, m, a[1], Value::NULL)?;
    Ok(Value::NONE)
}

fn member_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = member_of(vm, a[0])?;
    let s = format!(
        "<member '{}' of '{}' objects>",
        member_name_str(m),
        typeobj::type_name(m.owner)
    );
    Ok(vm.new_string(s))
}

fn member_name(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(member_of(vm, a[0])?.name)
}
fn member_qualname(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = member_of(vm, a[0])?;
    let q = typeobj::tobj(m.owner).qualname.borrow().clone();
    let s = format!("{q}.{}", member_name_str(m));
    Ok(vm.new_string(s))
}
fn member_objclass(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(or_none(member_of(vm, a[0])?.owner))
}
fn none_getter(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::NONE)
}

// ----- getset_descriptor -----

static GETSET_METHODS: &[NativeDef] = &[
    native!("__get__", "($self, instance, owner=None, /)", getset_get),
    native!(
        "__set__",
        "($self, instance, value, /)",
        property_set_native
    ),
    native!("__delete__", "($self, instance, /)", property_delete_native),
    native!("__repr__", "($self, /)", getset_repr),
];

static GETSET_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("__name__", "($self, /)", getset_name_native), None),
    (
        native!("__qualname__", "($self, /)", getset_qualname_native),
        None,
    ),
    (
        native!("__objclass__", "($self, /)", getset_objclass_native),
        None,
    ),
    (native!("__doc__", "($self, /)", none_getter), None),
];

/// The native getter behind a getset descriptor (it carries the name and the owner type).
fn getset_getter(d: Value) -> Option<&'static NativeFunction> {
    d.downcast::<PropertyObj>()?
        .fget
        .get()
        .downcast::<NativeFunction>()
}

fn getset_name(d: Value) -> &'static str {
    getset_getter(d).map(|n| n.def.name).unwrap_or("?")
}

fn getset_objclass(d: Value) -> Value {
    getset_getter(d).map(|n| n.owner).unwrap_or(Value::NULL)
}

fn getset_objclass_name(d: Value) -> String {
    let o = getset_objclass(d);
    if o.is_null() {
        "?".into()
    } else {
        typeobj::type_name(o)
    }
}

fn check_getset_target(vm: &mut Vm, d: Value, obj: Value) -> PyResult<()> {
    check_target(vm, getset_name(d), getset_objclass(d), obj)
}

fn getset_get(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (d, inst, owner) = (a[0], a[1], a[2]);
    check_get_args(vm, inst, owner)?;
    if inst.is_none() {
        return Ok(d);
    }
    property_get_value(vm, d, inst)
}

fn getset_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = format!(
        "<attribute '{}' of '{}' objects>",
        getset_name(a[0]),
        getset_objclass_name(a[0])
    );
    Ok(vm.new_string(s))
}

fn getset_name_native(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(vm.intern(getset_name(a[0])))
}
fn getset_qualname_native(vm: &mut Vm, a: &[Value]) -> PyResult {
    let o = getset_objclass(a[0]);
    let q = if o.is_null() {
        "?".to_string()
    } else {
        typeobj::tobj(o).qualname.borrow().clone()
    };
    Ok(vm.new_string(format!("{q}.{}", getset_name(a[0]))))
}
fn getset_objclass_native(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(or_none(getset_objclass(a[0])))
}
