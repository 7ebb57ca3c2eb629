//! Attribute access: `object.__getattribute__`'s descriptor protocol, `type.__getattribute__`
//! (meta-attributes, class-level binding), `__getattr__` fallback, `__setattr__`/`__delattr__`,
//! and `LOAD_METHOD`'s unbound-method shortcut.

use crate::types::descriptors::{
    ClassMethodObj, MemberObj, PropertyObj, StaticMethodObj, SuperObj,
};
use crate::types::function::{BoundMethod, FunctionObj, NativeFunction};
use crate::types::instance;
use crate::types::str::StrObj;
use crate::types::typeobj::{self, TypeFlags, TypeObject};
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};

/// `getattr(obj, name)`; `name` must be a str (it is interned here).
pub fn getattr(vm: &mut Vm, obj: Value, name: Value) -> PyResult {
    getattr_in(vm, obj, name, false)
}

/// `getattr`, from a clean position when `clean` (the eval loop's LOAD_ATTR, `obj` on its
/// value stack): a Python `__getattribute__`, `__getattr__` or property getter is then a
/// clean level (`ops::call::call_kw_in`). Nothing here uses a value after those calls but
/// their result (the attribute name is interned, the type's entries are reachable from
/// `obj`).
pub fn getattr_in(vm: &mut Vm, obj: Value, name: Value, clean: bool) -> PyResult {
    let name = vm.intern_value(name);
    let ty = vm.type_of(obj);
    let ga = typeobj::lookup(vm, ty, vm.names().getattribute);
    let r = if is_native(ga, generic_getattribute_native) || ga.is_null() {
        generic_getattr_in(vm, obj, name, clean)
    } else if is_native(ga, type_getattribute_native) {
        type_getattr(vm, obj, name)
    } else if is_native(ga, super_getattribute_native) {
        super_getattr(vm, obj, name)
    } else {
        crate::ops::call::call_kw_in(vm, ga, &[obj, name], &[], clean)
    };
    match r {
        Err(e) if vm.exc_matches(e, vm.exc.attribute_error) => {
            let gaf = typeobj::lookup(vm, ty, vm.names().getattr);
            if gaf.is_null() {
                Err(e)
            } else {
                crate::ops::call::call_kw_in(vm, gaf, &[obj, name], &[], clean)
            }
        }
        r => r,
    }
}

pub fn getattr_str(vm: &mut Vm, obj: Value, name: &str) -> PyResult {
    let n = vm.intern(name);
    getattr(vm, obj, n)
}

/// `getattr(obj, name, None)`-like: Ok(None) when AttributeError was raised.
pub fn getattr_opt(vm: &mut Vm, obj: Value, name: Value) -> PyResult<Option<Value>> {
    // Plain objects and modules: look up without creating the AttributeError of a miss.
    let ty = vm.type_of(obj);
    let ga = typeobj::lookup(vm, ty, vm.names().getattribute);
    let generic = is_native(ga, generic_getattribute_native);
    let module = !generic
        && obj.is::<crate::types::module::ModuleObj>()
        && crate::types::module::is_module_getattribute(ga);
    if (generic || module)
        && name.is::<StrObj>()
        && typeobj::lookup(vm, ty, vm.names().getattr).is_null()
    {
        let name = vm.intern_value(name);
        match generic_getattr_opt(vm, obj, name) {
            Ok(Some(v)) => return Ok(Some(v)),
            Ok(None) => {}
            Err(e) if vm.exc_matches(e, vm.exc.attribute_error) => {
                // A descriptor's AttributeError: a module still tries its `__getattr__`.
                if generic {
                    return Ok(None);
                }
            }
            Err(e) => return Err(e),
        }
        if generic {
            return Ok(None);
        }
        // A module's own `__getattr__` (PEP 562) is still consulted.
        let d = crate::types::module::module_dict(obj);
        let Some(mga) = crate::types::dict::get_str(d, "__getattr__") else {
            return Ok(None);
        };
        return match crate::ops::call::call(vm, mga, &[name]) {
            Ok(v) => Ok(Some(v)),
            Err(e) if vm.exc_matches(e, vm.exc.attribute_error) => Ok(None),
            Err(e) => Err(e),
        };
    }
    match getattr(vm, obj, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if vm.exc_matches(e, vm.exc.attribute_error) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whether `f` is the native function implemented by `func`.
pub(crate) fn is_native(f: Value, func: crate::native::NativeFn) -> bool {
    f.downcast::<NativeFunction>()
        .is_some_and(|n| n.def.func as usize == func as usize)
}

/// Whether `d` (found on a type) is a data descriptor (has `__set__` or `__delete__`).
fn is_data_descriptor(vm: &mut Vm, d: Value) -> bool {
    if d.is::<PropertyObj>() || d.is::<MemberObj>() || d.is::<crate::types::structseq::FieldDescr>()
    {
        return true;
    }
    if d.is::<FunctionObj>() || d.is::<NativeFunction>() || d.is_small_int() || d.is::<StrObj>() {
        return false;
    }
    let dt = vm.type_of(d);
    if !typeobj::type_flags(dt).contains(TypeFlags::HEAPTYPE) {
        return false;
    }
    !typeobj::lookup(vm, dt, vm.names().set).is_null()
        || !typeobj::lookup(vm, dt, vm.names().delete).is_null()
}

/// Whether a descriptor found on a type can compute a value (`__get__`, or a builtin kind).
fn has_get(vm: &mut Vm, d: Value) -> bool {
    if !typeobj::type_flags(vm.type_of(d)).contains(TypeFlags::HEAPTYPE) {
        return true;
    }
    let dt = vm.type_of(d);
    !typeobj::lookup(vm, dt, vm.names.get).is_null()
}

/// Calls `d.__get__(obj, ty)` for descriptors; returns `d` itself for plain values.
pub fn bind_descriptor(vm: &mut Vm, d: Value, obj: Value, ty: Value) -> PyResult {
    bind_descriptor_in(vm, d, obj, ty, false)
}

/// `bind_descriptor`, from a clean position when `clean` (see `ops::call::call_kw_in`): a
/// Python `__get__` then runs at a clean level.
fn bind_descriptor_in(vm: &mut Vm, d: Value, obj: Value, ty: Value, clean: bool) -> PyResult {
    if d.is_small_int() || d.is_immediate() {
        return Ok(d);
    }
    if d.is::<FunctionObj>() {
        if obj.is_null() || obj.is_none() && ty != vm.types.none {
            return Ok(d);
        }
        return Ok(crate::types::function::new_bound_method(vm, d, obj));
    }
    if let Some(n) = d.downcast::<NativeFunction>() {
        if !n.bound.is_null() || n.owner.is_null() {
            return Ok(d);
        }
        if n.def.kind == crate::native::NativeKind::ClassMethod {
            return Ok(crate::types::function::bind_native(vm, n, ty));
        }
        if obj.is_null() {
            return Ok(d);
        }
        return Ok(crate::types::function::bind_native(vm, n, obj));
    }
    // Exact property/getset only: a property subclass may override `__get__` (generic path).
    if d.is::<PropertyObj>() && is_plain_property(vm, d) {
        if obj.is_null() {
            return Ok(d);
        }
        return crate::types::descriptor_methods::property_get_value(vm, d, obj);
    }
    if let Some(m) = d.downcast::<MemberObj>() {
        if obj.is_null() {
            return Ok(d);
        }
        return crate::types::descriptor_methods::member_value(vm, m, obj);
    }
    if let Some(fd) = d.downcast::<crate::types::structseq::FieldDescr>() {
        if obj.is_null() {
            return Ok(d);
        }
        return Ok(crate::types::structseq::get_field(obj, fd));
    }
    if let Some(c) = d.downcast::<ClassMethodObj>() {
        let f = c.0.func.get();
        let owner = if ty.is_null() { vm.type_of(obj) } else { ty };
        // classmethod wrapping another descriptor (3.9-3.12 chaining) binds through it.
        if f.is::<FunctionObj>() || f.is::<NativeFunction>() {
            return Ok(crate::types::function::new_bound_method(vm, f, owner));
        }
        let ft = vm.type_of(f);
        let get = typeobj::lookup(vm, ft, vm.names().get);
        if !get.is_null() {
            return crate::ops::call::call(vm, get, &[f, owner, owner]);
        }
        return Ok(crate::types::function::new_bound_method(vm, f, owner));
    }
    if let Some(s) = d.downcast::<StaticMethodObj>() {
        return Ok(s.0.func.get());
    }
    let dt = vm.type_of(d);
    if !typeobj::type_flags(dt).contains(TypeFlags::HEAPTYPE) && !d.is::<BoundMethod>() {
        // Builtin values without __get__ (ints, strs, ...) are returned as they are.
        let get = typeobj::lookup(vm, dt, vm.names().get);
        if get.is_null() {
            return Ok(d);
        }
    }
    let get = typeobj::lookup(vm, dt, vm.names().get);
    if get.is_null() {
        return Ok(d);
    }
    let o = if obj.is_null() { Value::NONE } else { obj };
    crate::ops::call::call_kw_in(vm, get, &[d, o, ty], &[], clean)
}

/// Whether `d` is an exact `property` or a getset descriptor (not a subclass of property).
fn is_plain_property(vm: &Vm, d: Value) -> bool {
    let t = vm.type_of(d);
    t == vm.types.property || t == vm.types.getset_descriptor
}

pub fn attr_error_for(vm: &mut Vm, obj: Value, name: &str) -> Exc {
    let msg = if let Some(t) = obj.downcast::<TypeObject>() {
        format!(
            "type object '{}' has no attribute '{name}'",
            t.name.borrow()
        )
    } else if obj.is::<crate::types::module::ModuleObj>() {
        crate::types::module::missing_attr_message(vm, obj, name)
    } else {
        format!("'{}' object has no attribute '{name}'", vm.type_name(obj))
    };
    let e = vm.attribute_error(msg);
    let n = vm.new_str(name);
    let k = vm.intern("name");
    instance::set(vm, e.0, k, n);
    let k = vm.intern("obj");
    instance::set(vm, e.0, k, obj);
    e
}

/// `object.__getattribute__`.
pub fn generic_getattr(vm: &mut Vm, obj: Value, name: Value) -> PyResult {
    generic_getattr_in(vm, obj, name, false)
}

/// `generic_getattr`, with a plain property's getter entered cleanly when `clean`.
fn generic_getattr_in(vm: &mut Vm, obj: Value, name: Value, clean: bool) -> PyResult {
    match generic_getattr_opt_in(vm, obj, name, clean)? {
        Some(v) => Ok(v),
        None => {
            let n = crate::types::str::as_str(name).unwrap_or("?").to_string();
            Err(attr_error_for(vm, obj, &n))
        }
    }
}

/// `object.__getattribute__` that reports a missing attribute as Ok(None) instead of
/// building an AttributeError (`getattr(x, n, default)`, `hasattr` and importlib's many probes
/// miss often). Errors raised by descriptors still propagate.
pub fn generic_getattr_opt(vm: &mut Vm, obj: Value, name: Value) -> PyResult<Option<Value>> {
    generic_getattr_opt_in(vm, obj, name, false)
}

fn generic_getattr_opt_in(
    vm: &mut Vm,
    obj: Value,
    name: Value,
    clean: bool,
) -> PyResult<Option<Value>> {
    let ty = vm.type_of(obj);
    let descr = typeobj::lookup(vm, ty, name);
    if !descr.is_null()
        && !descr.is::<FunctionObj>()
        && is_data_descriptor(vm, descr)
        && has_get(vm, descr)
    {
        if clean && descr.is::<PropertyObj>() && is_plain_property(vm, descr) {
            return crate::types::descriptor_methods::property_get_value_in(vm, descr, obj, true)
                .map(Some);
        }
        return bind_descriptor_in(vm, descr, obj, ty, clean).map(Some);
    }
    if let Some(v) = instance::get(obj, name) {
        return Ok(Some(v));
    }
    if !descr.is_null() {
        return bind_descriptor_in(vm, descr, obj, ty, clean).map(Some);
    }
    if name == vm.names().dict
        && typeobj::type_flags(ty).contains(TypeFlags::HAS_DICT)
        && obj.is_ptr()
    {
        return Ok(Some(instance::to_dict(vm, obj)));
    }
    if name == vm.names().class {
        return Ok(Some(ty));
    }
    Ok(None)
}

/// `type.__getattribute__`: meta-attributes first (data descriptors on the metatype), then the
/// class's own MRO (binding with instance None), then non-data meta-attributes.
pub fn type_getattr(vm: &mut Vm, ty: Value, name: Value) -> PyResult {
    let meta = vm.type_of(ty);
    let meta_attr = typeobj::lookup(vm, meta, name);
    if !meta_attr.is_null() && is_data_descriptor(vm, meta_attr) && has_get(vm, meta_attr) {
        return bind_descriptor(vm, meta_attr, ty, meta);
    }
    if ty.is::<TypeObject>() {
        let attr = typeobj::lookup(vm, ty, name);
        if !attr.is_null() {
            if attr.is::<FunctionObj>() {
                return Ok(attr);
            }
            return bind_descriptor(vm, attr, Value::NULL, ty);
        }
    }
    if !meta_attr.is_null() {
        return bind_descriptor(vm, meta_attr, ty, meta);
    }
    if name == vm.names().dict {
        let d = typeobj::tobj(ty).dict.get();
        return Ok(crate::types::module::new_mappingproxy(vm, d));
    }
    if name == vm.names().class {
        return Ok(meta);
    }
    let n = crate::types::str::as_str(name).unwrap_or("?").to_string();
    Err(attr_error_for(vm, ty, &n))
}

/// Attribute lookup on a `super` object.
pub fn super_getattr(vm: &mut Vm, sup: Value, name: Value) -> PyResult {
    let Some(s) = sup.downcast::<SuperObj>() else {
        return generic_getattr(vm, sup, name);
    };
    if !s.obj_type.is_null() && name != vm.names().class {
        let mro = typeobj::tobj(s.obj_type).mro.borrow().clone();
        if let Some(pos) = mro.iter().position(|t| *t == s.thisclass) {
            for t in &mro[pos + 1..] {
                let d = typeobj::tobj(*t).dict.get();
                if let Some(v) = crate::types::dict::get_str_value(d, name) {
                    let obj = if s.obj == s.obj_type {
                        Value::NULL
                    } else {
                        s.obj
                    };
                    if v.is::<FunctionObj>() && obj.is_null() {
                        return Ok(v);
                    }
                    return bind_descriptor(vm, v, obj, s.obj_type);
                }
            }
        }
    }
    generic_getattr(vm, sup, name)
}

/// `setattr(obj, name, value)`.
pub fn setattr(vm: &mut Vm, obj: Value, name: Value, value: Value) -> PyResult<()> {
    setattr_in(vm, obj, name, value, false)
}

/// `setattr`, from a clean position when `clean` (see `ops::call::call_kw_in`): a Python
/// `__setattr__`, or a Python descriptor's `__set__`, then runs at a clean level.
pub fn setattr_in(vm: &mut Vm, obj: Value, name: Value, value: Value, clean: bool) -> PyResult<()> {
    let name = vm.intern_value(name);
    let ty = vm.type_of(obj);
    let sa = typeobj::lookup(vm, ty, vm.names().setattr);
    if is_native(sa, generic_setattr_native) || sa.is_null() {
        return generic_setattr_in(vm, obj, name, value, clean);
    }
    if is_native(sa, type_setattr_native) {
        return type_setattr(vm, obj, name, value);
    }
    crate::ops::call::call_kw_in(vm, sa, &[obj, name, value], &[], clean).map(|_| ())
}

pub fn setattr_str(vm: &mut Vm, obj: Value, name: &str, value: Value) -> PyResult<()> {
    let n = vm.intern(name);
    setattr(vm, obj, n, value)
}

/// `object.__setattr__`.
pub fn generic_setattr(vm: &mut Vm, obj: Value, name: Value, value: Value) -> PyResult<()> {
    generic_setattr_in(vm, obj, name, value, false)
}

fn generic_setattr_in(
    vm: &mut Vm,
    obj: Value,
    name: Value,
    value: Value,
    clean: bool,
) -> PyResult<()> {
    let ty = vm.type_of(obj);
    let descr = typeobj::lookup(vm, ty, name);
    if !descr.is_null() {
        if descr.is::<PropertyObj>() && is_plain_property(vm, descr) {
            return crate::types::descriptor_methods::property_set(vm, descr, obj, value);
        }
        if let Some(m) = descr.downcast::<MemberObj>() {
            return crate::types::descriptor_methods::member_store(vm, m, obj, value);
        }
        if descr.is::<crate::types::structseq::FieldDescr>() {
            return Err(vm.attribute_error("readonly attribute"));
        }
        let dt = vm.type_of(descr);
        // Python classes and the native stdlib descriptors (`_collections._tuplegetter`...).
        if typeobj::type_flags(dt).contains(TypeFlags::HEAPTYPE)
            || descr.kind() == Some(crate::object::ObjKind::StdObj)
        {
            let set = typeobj::lookup(vm, dt, vm.names().set);
            if !set.is_null() {
                crate::ops::call::call_kw_in(vm, set, &[descr, obj, value], &[], clean)?;
                return Ok(());
            }
            // A data descriptor with only `__delete__` cannot be assigned through.
            if !typeobj::lookup(vm, dt, vm.names().delete).is_null() {
                return Err(vm.attribute_error("__set__"));
            }
        }
    }
    if name == vm.names().dict
        && obj.is_ptr()
        && typeobj::type_flags(ty).contains(TypeFlags::HAS_DICT)
    {
        if !value.is::<crate::types::dict::DictObj>() {
            return Err(vm.type_error(format!(
                "__dict__ must be set to a dictionary, not a '{}'",
                vm.type_name(value)
            )));
        }
        instance::set_dict(obj, value);
        return Ok(());
    }
    if name == vm.names().class {
        return set_class(vm, obj, value);
    }
    if typeobj::type_flags(ty).contains(TypeFlags::HAS_DICT) && instance::set(vm, obj, name, value)
    {
        return Ok(());
    }
    let n = crate::types::str::as_str(name).unwrap_or("?").to_string();
    if typeobj::type_flags(ty).contains(TypeFlags::HEAPTYPE) && descr.is_null() {
        return Err(attr_error_for(vm, obj, &n));
    }
    if descr.is_null() {
        Err(vm.attribute_error(format!(
            "'{}' object has no attribute '{n}'",
            vm.type_name(obj)
        )))
    } else {
        Err(vm.attribute_error(format!(
            "'{}' object attribute '{n}' is read-only",
            vm.type_name(obj)
        )))
    }
}

pub fn set_class(vm: &mut Vm, obj: Value, value: Value) -> PyResult<()> {
    let Some(newt) = value.downcast::<TypeObject>() else {
        return Err(vm.type_error(format!(
            "__class__ must be set to a class, not '{}' object",
            vm.type_name(value)
        )));
    };
    let old = vm.type_of(obj);
    let oldt = typeobj::tobj(old);
    let modules =
        typeobj::is_subtype(old, vm.types.module) && typeobj::is_subtype(value, vm.types.module);
    if !modules
        && (!oldt.flags.get().contains(TypeFlags::HEAPTYPE)
            || !newt.flags.get().contains(TypeFlags::HEAPTYPE))
    {
        return Err(vm.type_error(
            "__class__ assignment only supported for mutable types or ModuleType subclasses",
        ));
    }
    if !crate::types::slots::compatible_layouts(vm, old, value) {
        return Err(vm.type_error(format!(
            "__class__ assignment: '{}' object layout differs from '{}'",
            newt.name.borrow(),
            oldt.name.borrow()
        )));
    }
    if let Some(h) = obj.header() {
        h.ty.set(value);
    }
    Ok(())
}

/// `type.__setattr__`: stores into the class namespace and invalidates caches.
pub fn type_setattr(vm: &mut Vm, ty: Value, name: Value, value: Value) -> PyResult<()> {
    // Immutable (builtin) types refuse every assignment first, as CPython's type_setattro.
    let t = typeobj::tobj(ty);
    if !t.flags.get().contains(TypeFlags::HEAPTYPE) {
        let n = crate::types::str::as_str(name).unwrap_or("?");
        return Err(vm.type_error(format!(
            "cannot set '{n}' attribute of immutable type '{}'",
            t.name.borrow()
        )));
    }
    let meta = vm.type_of(ty);
    let meta_attr = typeobj::lookup(vm, meta, name);
    if !meta_attr.is_null() && is_data_descriptor(vm, meta_attr) {
        return generic_setattr(vm, ty, name, value);
    }
    crate::types::dict::set_item_str(vm, t.dict.get(), name, value);
    typeobj::bump_version(vm, ty);
    Ok(())
}

/// `delattr(obj, name)`.
pub fn delattr(vm: &mut Vm, obj: Value, name: Value) -> PyResult<()> {
    let name = vm.intern_value(name);
    let ty = vm.type_of(obj);
    let da = typeobj::lookup(vm, ty, vm.names().delattr);
    if !da.is_null()
        && !is_native(da, generic_delattr_native)
        && !is_native(da, type_delattr_native)
    {
        return crate::ops::call::call(vm, da, &[obj, name]).map(|_| ());
    }
    generic_delattr(vm, obj, name)
}

/// `object.__delattr__` / `type.__delattr__`: deletion through descriptors and the instance's
/// (or class's) namespace, without dispatching to a `__delattr__` override.
pub fn generic_delattr(vm: &mut Vm, obj: Value, name: Value) -> PyResult<()> {
    let ty = vm.type_of(obj);
    if let Some(t) = obj.downcast::<TypeObject>() {
        if !t.flags.get().contains(TypeFlags::HEAPTYPE) {
            let n = crate::types::str::as_str(name).unwrap_or("?");
            return Err(vm.type_error(format!(
                "cannot delete '{n}' attribute of immutable type '{}'",
                t.name.borrow()
            )));
        }
        // `type`'s own data descriptors refuse deletion (CPython's wording).
        match crate::types::str::as_str(name) {
            Some("__dict__") => {
                return Err(
                    vm.attribute_error("attribute '__dict__' of 'type' objects is not writable")
                );
            }
            Some("__doc__") => {
                return Err(vm.type_error(format!(
                    "cannot delete '__doc__' attribute of immutable type '{}'",
                    t.name.borrow()
                )));
            }
            _ => {}
        }
        if crate::types::dict::del_item_str(vm, t.dict.get(), name) {
            if crate::types::str::as_str(name) == Some("__abstractmethods__") {
                let f = t.flags.get();
                t.flags.set(TypeFlags(f.0 & !TypeFlags::IS_ABSTRACT.0));
            }
            typeobj::bump_version(vm, obj);
            return Ok(());
        }
        let n = crate::types::str::as_str(name).unwrap_or("?").to_string();
        return Err(attr_error_for(vm, obj, &n));
    }
    let descr = typeobj::lookup(vm, ty, name);
    if descr.is::<PropertyObj>() && is_plain_property(vm, descr) {
        return crate::types::descriptor_methods::property_delete(vm, descr, obj);
    }
    if let Some(m) = descr.downcast::<MemberObj>() {
        return crate::types::descriptor_methods::member_store(vm, m, obj, Value::NULL);
    }
    if !descr.is_null() {
        let dt = vm.type_of(descr);
        if typeobj::type_flags(dt).contains(TypeFlags::HEAPTYPE) {
            let del = typeobj::lookup(vm, dt, vm.names().delete);
            if !del.is_null() {
                crate::ops::call::call(vm, del, &[descr, obj])?;
                return Ok(());
            }
            // A data descriptor with only `__set__` cannot be deleted through.
            if !typeobj::lookup(vm, dt, vm.names().set).is_null() {
                return Err(vm.attribute_error("__delete__"));
            }
        }
    }
    if name == vm.names().dict && typeobj::type_flags(ty).contains(TypeFlags::HAS_DICT) {
        return Err(vm.type_error("cannot delete __dict__"));
    }
    if instance::delete(vm, obj, name) {
        return Ok(());
    }
    let n = crate::types::str::as_str(name).unwrap_or("?").to_string();
    // A class attribute of an instance without a `__dict__` (`__slots__`) cannot be deleted.
    if !descr.is_null() && !typeobj::type_flags(ty).contains(TypeFlags::HAS_DICT) {
        return Err(vm.attribute_error(format!(
            "'{}' object attribute '{n}' is read-only",
            vm.type_name(obj)
        )));
    }
    Err(attr_error_for(vm, obj, &n))
}

/// LOAD_METHOD: `(method, self)` when `obj.name` is a plain function on the type that the
/// instance does not shadow (no bound method allocated), else `(NULL, obj.name)`.
pub fn load_method(vm: &mut Vm, obj: Value, name: Value) -> PyResult<(Value, Value)> {
    let ty = vm.type_of(obj);
    let ga = typeobj::lookup(vm, ty, vm.names().getattribute);
    if is_native(ga, generic_getattribute_native) {
        let descr = typeobj::lookup(vm, ty, name);
        let plain = descr.is::<FunctionObj>()
            || descr.downcast::<NativeFunction>().is_some_and(|n| {
                n.bound.is_null()
                    && !n.owner.is_null()
                    && n.def.kind == crate::native::NativeKind::Function
            });
        if plain && instance::get(obj, name).is_none() {
            return Ok((descr, obj));
        }
    }
    let v = getattr(vm, obj, name)?;
    Ok((Value::NULL, v))
}

// The native functions behind `object.__getattribute__` etc. are identified by address so the
// fast paths above can recognise "not overridden".
pub fn generic_getattribute_native(vm: &mut Vm, a: &[Value]) -> PyResult {
    check_name(vm, a[1])?;
    generic_getattr(vm, a[0], a[1])
}
pub fn type_getattribute_native(vm: &mut Vm, a: &[Value]) -> PyResult {
    check_name(vm, a[1])?;
    type_getattr(vm, a[0], a[1])
}
pub fn super_getattribute_native(vm: &mut Vm, a: &[Value]) -> PyResult {
    check_name(vm, a[1])?;
    super_getattr(vm, a[0], a[1])
}
pub fn generic_setattr_native(vm: &mut Vm, a: &[Value]) -> PyResult {
    check_name(vm, a[1])?;
    generic_setattr(vm, a[0], a[1], a[2])?;
    Ok(Value::NONE)
}
pub fn type_setattr_native(vm: &mut Vm, a: &[Value]) -> PyResult {
    check_name(vm, a[1])?;
    type_setattr(vm, a[0], a[1], a[2])?;
    Ok(Value::NONE)
}
pub fn generic_delattr_native(vm: &mut Vm, a: &[Value]) -> PyResult {
    check_name(vm, a[1])?;
    let name = vm.intern_value(a[1]);
    generic_delattr(vm, a[0], name)?;
    Ok(Value::NONE)
}

pub fn type_delattr_native(vm: &mut Vm, a: &[Value]) -> PyResult {
    generic_delattr_native(vm, a)
}

fn check_name(vm: &mut Vm, n: Value) -> PyResult<()> {
    if n.is::<StrObj>() {
        Ok(())
    } else {
        Err(vm.type_error(format!(
            "attribute name must be string, not '{}'",
            vm.type_name(n)
        )))
    }
}
