//! Python-visible attributes and methods of the callable types: `function`, bound `method`,
//! the native callables (`builtin_function_or_method`, `method_descriptor`,
//! `classmethod_descriptor`), and the singletons' types (`NoneType`, `NotImplementedType`,
//! `ellipsis`). `cell` and `code` live in the `code_cell` submodule.

mod code_cell;
#[cfg(test)]
pub(crate) mod tests;

use crate::native::{NativeDef, NativeKind};
use crate::ops;
use crate::types::dict::{self, DictObj};
use crate::types::function::{BoundMethod, FunctionObj, NativeFunction};
use crate::types::str::{StrObj, as_str};
use crate::types::typeobj::{self, TypeObject};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};

/// A getset row: getter, optional setter (`($self, value, /)`), optional deleter (`($self, /)`).
pub type GetSetDel = (NativeDef, Option<NativeDef>, Option<NativeDef>);

/// Like `typeobj::add_getsets`, with deleters: `del obj.attr` calls the deleter.
pub fn add_getsets_full(vm: &mut Vm, ty: Value, defs: &'static [GetSetDel]) {
    let d = typeobj::tobj(ty).dict.get();
    for (get, set, del) in defs {
        let mut mk = |def: &'static Option<NativeDef>| match def {
            Some(x) => crate::types::function::new_native(vm, x, Value::NULL, ty),
            None => Value::NULL,
        };
        let s = mk(set);
        let dl = mk(del);
        let g = crate::types::function::new_native(vm, get, Value::NULL, ty);
        let p = crate::types::descriptors::new_getset_full(vm, g, s, dl);
        let k = vm.intern(get.name);
        dict::set_item_str(vm, d, k, p);
    }
    typeobj::bump_version(vm, ty);
}

pub fn install(vm: &mut Vm) {
    let t = vm.types.function;
    typeobj::add_methods(vm, t, FUNCTION_METHODS);
    add_getsets_full(vm, t, FUNCTION_GETSETS);
    // CPython's read-only members (`types.MemberDescriptorType` is `type(FunctionType.__globals__)`).
    for def in FUNCTION_MEMBERS {
        let g = crate::types::function::new_native(vm, def, Value::NULL, t);
        let k = vm.intern(def.name);
        let m = crate::types::descriptors::new_readonly_member(vm, k, t, g);
        dict::set_item_str(vm, typeobj::tobj(t).dict.get(), k, m);
    }
    typeobj::bump_version(vm, t);

    let t = vm.types.method;
    typeobj::add_methods(vm, t, METHOD_METHODS);
    typeobj::add_getsets(vm, t, METHOD_GETSETS);

    let t = vm.types.builtin_function;
    typeobj::add_methods(vm, t, BUILTIN_METHODS);
    typeobj::add_getsets(vm, t, BUILTIN_GETSETS);
    typeobj::add_getsets(vm, t, NATIVE_COMMON_GETSETS);
    for t in [
        vm.types.method_descriptor,
        vm.types.classmethod_descriptor,
        vm.types.wrapper_descriptor,
    ] {
        typeobj::add_methods(vm, t, DESCR_METHODS);
        typeobj::add_getsets(vm, t, DESCR_GETSETS);
        typeobj::add_getsets(vm, t, NATIVE_COMMON_GETSETS);
    }
    let t = vm.types.method_wrapper;
    typeobj::add_methods(vm, t, BUILTIN_METHODS);
    typeobj::add_getsets(vm, t, METHOD_WRAPPER_GETSETS);
    typeobj::add_getsets(vm, t, NATIVE_COMMON_GETSETS);

    let t = vm.types.none;
    typeobj::add_methods(vm, t, NONE_METHODS);
    let t = vm.types.not_implemented;
    typeobj::add_methods(vm, t, NOT_IMPLEMENTED_METHODS);
    let t = vm.types.ellipsis;
    typeobj::add_methods(vm, t, ELLIPSIS_METHODS);

    code_cell::install(vm);
    crate::types::frame_methods::install(vm);
}

// ----- function -----

static FUNCTION_METHODS: &[NativeDef] = &[
    native!("__get__", "($self, instance, owner=None, /)", func_get),
    native!("__repr__", "($self, /)", func_repr),
    native!("__call__", "($self, /, *args, **kwargs)", call_self),
];

static FUNCTION_GETSETS: &[GetSetDel] = &[
    (
        native!("__name__", "($self, /)", func_get_name),
        Some(native!("__name__", "($self, value, /)", func_set_name)),
        Some(native!("__name__", "($self, /)", func_del_name)),
    ),
    (
        native!("__qualname__", "($self, /)", func_get_qualname),
        Some(native!(
            "__qualname__",
            "($self, value, /)",
            func_set_qualname
        )),
        Some(native!("__qualname__", "($self, /)", func_del_qualname)),
    ),
    (
        native!("__doc__", "($self, /)", func_get_doc),
        Some(native!("__doc__", "($self, value, /)", func_set_doc)),
        Some(native!("__doc__", "($self, /)", func_del_doc)),
    ),
    (
        native!("__module__", "($self, /)", func_get_module),
        Some(native!("__module__", "($self, value, /)", func_set_module)),
        Some(native!("__module__", "($self, /)", func_del_module)),
    ),
    (
        native!("__defaults__", "($self, /)", func_get_defaults),
        Some(native!(
            "__defaults__",
            "($self, value, /)",
            func_set_defaults
        )),
        Some(native!("__defaults__", "($self, /)", func_del_defaults)),
    ),
    (
        native!("__kwdefaults__", "($self, /)", func_get_kwdefaults),
        Some(native!(
            "__kwdefaults__",
            "($self, value, /)",
            func_set_kwdefaults
        )),
        Some(native!("__kwdefaults__", "($self, /)", func_del_kwdefaults)),
    ),
    (
        native!("__annotations__", "($self, /)", func_get_annotations),
        Some(native!(
            "__annotations__",
            "($self, value, /)",
            func_set_annotations
        )),
        Some(native!(
            "__annotations__",
            "($self, /)",
            func_del_annotations
        )),
    ),
    (
        native!("__code__", "($self, /)", func_get_code),
        Some(native!("__code__", "($self, value, /)", func_set_code)),
        Some(native!("__code__", "($self, /)", func_del_code)),
    ),
];

fn func_of(vm: &mut Vm, v: Value) -> PyResult<&'static FunctionObj> {
    match v.downcast::<FunctionObj>() {
        Some(f) => Ok(f),
        None => Err(vm.type_error(format!(
            "descriptor requires a 'function' object but received '{}'",
            vm.type_name(v)
        ))),
    }
}

/// NULL reads as None.
fn or_none(v: Value) -> Value {
    if v.is_null() { Value::NONE } else { v }
}

/// `f.__get__(instance, owner=None)`: a bound method, or `f` itself for a None instance.
fn func_get(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (f, inst, owner) = (a[0], a[1], a[2]);
    if inst.is_none() {
        if owner.is_null() || owner.is_none() {
            return Err(vm.type_error("__get__(None, None) is invalid"));
        }
        return Ok(f);
    }
    Ok(crate::types::function::new_bound_method(vm, f, inst))
}

fn func_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = func_of(vm, a[0])?;
    let q = as_str(f.qualname.get()).unwrap_or("?").to_string();
    Ok(vm.new_string(format!("<function {q} at {:#x}>", a[0].bits())))
}

/// `x.__call__(*args, **kwargs)` for every callable type here.
fn call_self(vm: &mut Vm, a: &[Value]) -> PyResult {
    let mut args = crate::types::tuple::items(a[1]).unwrap_or(&[]).to_vec();
    let mut names = Vec::new();
    if !a[2].is_null() {
        for (k, v) in dict::items(a[2]) {
            names.push(k);
            args.push(v);
        }
    }
    ops::call::call_kw(vm, a[0], &args, &names)
}

fn func_get_name(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(or_none(func_of(vm, a[0])?.name.get()))
}
fn func_set_name(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = func_of(vm, a[0])?;
    if !a[1].is::<StrObj>() {
        return Err(vm.type_error("__name__ must be set to a string object"));
    }
    f.name.set(a[1]);
    Ok(Value::NONE)
}
fn func_del_name(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(vm.type_error("__name__ must be set to a string object"))
}
fn func_get_qualname(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(or_none(func_of(vm, a[0])?.qualname.get()))
}
fn func_set_qualname(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = func_of(vm, a[0])?;
    if !a[1].is::<StrObj>() {
        return Err(vm.type_error("__qualname__ must be set to a string object"));
    }
    f.qualname.set(a[1]);
    Ok(Value::NONE)
}
fn func_del_qualname(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(vm.type_error("__qualname__ must be set to a string object"))
}
fn func_get_doc(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(or_none(func_of(vm, a[0])?.doc.get()))
}
fn func_set_doc(vm: &mut Vm, a: &[Value]) -> PyResult {
    func_of(vm, a[0])?.doc.set(a[1]);
    Ok(Value::NONE)
}
fn func_del_doc(vm: &mut Vm, a: &[Value]) -> PyResult {
    func_of(vm, a[0])?.doc.set(Value::NONE);
    Ok(Value::NONE)
}
fn func_get_module(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(or_none(func_of(vm, a[0])?.module.get()))
}
fn func_set_module(vm: &mut Vm, a: &[Value]) -> PyResult {
    func_of(vm, a[0])?.module.set(a[1]);
    Ok(Value::NONE)
}
fn func_del_module(vm: &mut Vm, a: &[Value]) -> PyResult {
    func_of(vm, a[0])?.module.set(Value::NONE);
    Ok(Value::NONE)
}
fn func_get_defaults(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(or_none(func_of(vm, a[0])?.defaults.get()))
}
fn func_set_defaults(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = func_of(vm, a[0])?;
    let v = a[1];
    if v.is_none() {
        f.defaults.set(Value::NULL);
    } else if v.is::<crate::types::tuple::TupleObj>() {
        f.defaults.set(v);
    } else {
        return Err(vm.type_error("__defaults__ must be set to a tuple object"));
    }
    Ok(Value::NONE)
}
fn func_del_defaults(vm: &mut Vm, a: &[Value]) -> PyResult {
    func_of(vm, a[0])?.defaults.set(Value::NULL);
    Ok(Value::NONE)
}
fn func_get_kwdefaults(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(or_none(func_of(vm, a[0])?.kwdefaults.get()))
}
fn func_set_kwdefaults(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = func_of(vm, a[0])?;
    let v = a[1];
    if v.is_none() {
        f.kwdefaults.set(Value::NULL);
    } else if v.is::<DictObj>() {
        f.kwdefaults.set(v);
    } else {
        return Err(vm.type_error("__kwdefaults__ must be set to a dict object"));
    }
    Ok(Value::NONE)
}
fn func_del_kwdefaults(vm: &mut Vm, a: &[Value]) -> PyResult {
    func_of(vm, a[0])?.kwdefaults.set(Value::NULL);
    Ok(Value::NONE)
}
fn func_get_annotations(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = func_of(vm, a[0])?;
    let d = f.annotations.get();
    if d.is_null() || d.is_none() {
        // Created on demand and kept, as CPython does.
        let d = dict::new_dict(vm);
        f.annotations.set(d);
        return Ok(d);
    }
    Ok(d)
}
fn func_set_annotations(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = func_of(vm, a[0])?;
    let v = a[1];
    if v.is_none() {
        f.annotations.set(Value::NULL);
    } else if v.is::<DictObj>() {
        f.annotations.set(v);
    } else {
        return Err(vm.type_error("__annotations__ must be set to a dict object"));
    }
    Ok(Value::NONE)
}
fn func_del_annotations(vm: &mut Vm, a: &[Value]) -> PyResult {
    func_of(vm, a[0])?.annotations.set(Value::NULL);
    Ok(Value::NONE)
}
fn func_get_code(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(func_of(vm, a[0])?.code.get())
}
fn func_set_code(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = func_of(vm, a[0])?;
    let Some(c) = a[1].downcast::<crate::types::code::CodeObj>() else {
        return Err(vm.type_error("__code__ must be set to a code object"));
    };
    let nclosure = crate::types::tuple::items(f.closure).map_or(0, |t| t.len());
    if c.nfree != nclosure {
        let name = as_str(f.name.get()).unwrap_or("?").to_string();
        return Err(vm.value_error(format!(
            "{name}() requires a code object with {nclosure} free vars, not {}",
            c.nfree
        )));
    }
    f.code.set(a[1]);
    Ok(Value::NONE)
}
fn func_del_code(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(vm.type_error("__code__ must be set to a code object"))
}
fn func_get_globals(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(func_of(vm, a[0])?.globals)
}
fn func_get_builtins(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(or_none(func_of(vm, a[0])?.builtins))
}
fn func_get_closure(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(or_none(func_of(vm, a[0])?.closure))
}
static FUNCTION_MEMBERS: &[NativeDef] = &[
    native!("__globals__", "($self, /)", func_get_globals),
    native!("__builtins__", "($self, /)", func_get_builtins),
    native!("__closure__", "($self, /)", func_get_closure),
];

// ----- method (bound method) -----

static METHOD_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, function, instance, /)", method_new),
    native!("__getattribute__", "($self, name, /)", method_getattribute),
    native!("__repr__", "($self, /)", method_repr),
    native!("__eq__", "($self, value, /)", method_eq),
    native!("__ne__", "($self, value, /)", method_ne),
    native!("__hash__", "($self, /)", method_hash),
    native!("__call__", "($self, /, *args, **kwargs)", call_self),
    native!("__reduce__", "($self, /)", method_reduce),
];

static METHOD_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("__func__", "($self, /)", method_get_func), None),
    (native!("__self__", "($self, /)", method_get_self), None),
    (native!("__doc__", "($self, /)", method_get_doc), None),
];

fn method_of(vm: &mut Vm, v: Value) -> PyResult<&'static BoundMethod> {
    match v.downcast::<BoundMethod>() {
        Some(m) => Ok(m),
        None => Err(vm.type_error(format!(
            "descriptor requires a 'method' object but received '{}'",
            vm.type_name(v)
        ))),
    }
}

fn method_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !ops::call::is_callable(vm, a[1]) {
        return Err(vm.type_error("first argument must be callable"));
    }
    if a[2].is_none() {
        return Err(vm.type_error("instance must not be None"));
    }
    Ok(crate::types::function::new_bound_method(vm, a[1], a[2]))
}

/// Attributes of the `method` type first, then the function's (`m.__name__`, `m.x`).
fn method_getattribute(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (m, name) = (a[0], a[1]);
    if !name.is::<StrObj>() {
        return Err(vm.type_error(format!(
            "attribute name must be string, not '{}'",
            vm.type_name(name)
        )));
    }
    let name = vm.intern_value(name);
    let ty = vm.type_of(m);
    let descr = typeobj::lookup(vm, ty, name);
    // `__module__` in a builtin type's dict names the type's module; CPython keeps it out of
    // the type dict, so `m.__module__` is the function's.
    let type_module_name = name == vm.names.module && descr.is::<StrObj>();
    if !descr.is_null() && !type_module_name {
        return ops::attr::bind_descriptor(vm, descr, m, ty);
    }
    if name == vm.names.class {
        return Ok(ty);
    }
    let func = method_of(vm, m)?.func;
    ops::attr::getattr(vm, func, name)
}

fn method_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = method_of(vm, a[0])?;
    let (func, self_) = (m.func, m.self_);
    let name = match ops::attr::getattr_opt(vm, func, vm.names.qualname)? {
        Some(n) => Some(n),
        None => ops::attr::getattr_opt(vm, func, vm.names.name)?,
    };
    let name = match name.and_then(as_str) {
        Some(s) => s.to_string(),
        None => "?".to_string(),
    };
    let r = ops::repr::repr_string(vm, self_)?;
    Ok(vm.new_string(format!("<bound method {name} of {r}>")))
}

fn method_equal(vm: &mut Vm, a: Value, b: Value) -> PyResult<Option<bool>> {
    let (Some(x), Some(y)) = (a.downcast::<BoundMethod>(), b.downcast::<BoundMethod>()) else {
        return Ok(None);
    };
    if x.self_ != y.self_ {
        return Ok(Some(false));
    }
    Ok(Some(ops::compare::eq(vm, x.func, y.func)?))
}

fn method_eq(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(match method_equal(vm, a[0], a[1])? {
        Some(b) => Value::from_bool(b),
        None => Value::NOT_IMPLEMENTED,
    })
}

fn method_ne(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(match method_equal(vm, a[0], a[1])? {
        Some(b) => Value::from_bool(!b),
        None => Value::NOT_IMPLEMENTED,
    })
}

fn method_hash(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = method_of(vm, a[0])?;
    let (func, self_) = (m.func, m.self_);
    let h = ops::hash::identity_hash(self_) ^ ops::hash::hash(vm, func)?;
    let h = if h == -1 { -2 } else { h };
    Ok(crate::types::int::from_i64(vm, h))
}

/// `(getattr, (self, name))`, as CPython pickles bound methods.
fn method_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = method_of(vm, a[0])?;
    let (func, self_) = (m.func, m.self_);
    let name = ops::attr::getattr(vm, func, vm.names.name)?;
    let getattr = dict::get_str(vm.builtins_dict, "getattr").unwrap_or(Value::NONE);
    let args = crate::types::tuple::new_tuple(vm, vec![self_, name]);
    Ok(crate::types::tuple::new_tuple(vm, vec![getattr, args]))
}

fn method_get_func(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(method_of(vm, a[0])?.func)
}
fn method_get_self(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(method_of(vm, a[0])?.self_)
}
fn method_get_doc(vm: &mut Vm, a: &[Value]) -> PyResult {
    let func = method_of(vm, a[0])?.func;
    ops::attr::getattr(vm, func, vm.names.doc)
}

// ----- native callables -----

static BUILTIN_METHODS: &[NativeDef] = &[
    native!("__repr__", "($self, /)", native_repr),
    native!("__call__", "($self, /, *args, **kwargs)", call_self),
    native!("__eq__", "($self, value, /)", native_eq),
    native!("__ne__", "($self, value, /)", native_ne),
    native!("__hash__", "($self, /)", native_hash),
    native!("__reduce__", "($self, /)", native_reduce),
];

static DESCR_METHODS: &[NativeDef] = &[
    native!("__repr__", "($self, /)", native_repr),
    native!("__call__", "($self, /, *args, **kwargs)", call_self),
    native!("__get__", "($self, instance, owner=None, /)", descr_get),
    native!("__reduce__", "($self, /)", descr_reduce),
];

static NATIVE_COMMON_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("__name__", "($self, /)", native_get_name), None),
    (
        native!("__qualname__", "($self, /)", native_get_qualname),
        None,
    ),
    (native!("__doc__", "($self, /)", native_get_doc), None),
    (
        native!(
            "__text_signature__",
            "($self, /)",
            native_get_text_signature
        ),
        None,
    ),
];

static BUILTIN_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("__self__", "($self, /)", native_get_self), None),
    (native!("__module__", "($self, /)", native_get_module), None),
];

static METHOD_WRAPPER_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("__self__", "($self, /)", native_get_self), None),
    (
        native!("__objclass__", "($self, /)", native_get_objclass),
        None,
    ),
];

static DESCR_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[(
    native!("__objclass__", "($self, /)", native_get_objclass),
    None,
)];

fn native_of(vm: &mut Vm, v: Value) -> PyResult<&'static NativeFunction> {
    match v.downcast::<NativeFunction>() {
        Some(n) => Ok(n),
        None => Err(vm.type_error(format!(
            "descriptor requires a builtin callable but received '{}'",
            vm.type_name(v)
        ))),
    }
}

/// What a native callable's `__self__` is: the bound object, the owning type for static
/// methods such as `__new__`, else None (or the module for module functions).
fn native_self(n: &NativeFunction) -> Value {
    if !n.bound.is_null() {
        n.bound
    } else if n.def.kind == NativeKind::StaticMethod && !n.owner.is_null() {
        n.owner
    } else {
        Value::NONE
    }
}

fn native_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = native_of(vm, a[0])?;
    let name = n.def.name;
    let ty = vm.type_of(a[0]);
    let s = if ty == vm.types.wrapper_descriptor {
        format!(
            "<slot wrapper '{name}' of '{}' objects>",
            typeobj::type_name(n.owner)
        )
    } else if ty == vm.types.method_wrapper {
        format!(
            "<method-wrapper '{name}' of {} object at {:#x}>",
            vm.type_name(n.bound),
            n.bound.bits()
        )
    } else if n.bound.is_null() {
        if n.owner.is_null() {
            format!("<built-in function {name}>")
        } else if n.def.kind == NativeKind::StaticMethod {
            format!(
                "<built-in method {name} of type object at {:#x}>",
                n.owner.bits()
            )
        } else {
            format!(
                "<method '{name}' of '{}' objects>",
                typeobj::type_name(n.owner)
            )
        }
    } else if n.bound.is::<crate::types::module::ModuleObj>() && n.owner.is_null() {
        format!("<built-in function {name}>")
    } else {
        format!(
            "<built-in method {name} of {} object at {:#x}>",
            vm.type_name(n.bound),
            n.bound.bits()
        )
    };
    Ok(vm.new_string(s))
}

fn native_equal(a: Value, b: Value) -> Option<bool> {
    let (x, y) = (
        a.downcast::<NativeFunction>()?,
        b.downcast::<NativeFunction>()?,
    );
    if a == b {
        return Some(true);
    }
    Some(std::ptr::eq(x.def, y.def) && x.bound == y.bound && x.owner == y.owner)
}

fn native_eq(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(match native_equal(a[0], a[1]) {
        Some(b) => Value::from_bool(b),
        None => Value::NOT_IMPLEMENTED,
    })
}

fn native_ne(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(match native_equal(a[0], a[1]) {
        Some(b) => Value::from_bool(!b),
        None => Value::NOT_IMPLEMENTED,
    })
}

fn native_hash(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = native_of(vm, a[0])?;
    let def_addr = n.def as *const NativeDef as u64;
    let h =
        ops::hash::identity_hash(n.bound) ^ ops::hash::identity_hash(Value::from_bits(def_addr));
    let h = if h == -1 { -2 } else { h };
    Ok(crate::types::int::from_i64(vm, h))
}

/// Module functions pickle by name; bound methods as `getattr(self, name)`.
fn native_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = native_of(vm, a[0])?;
    let name = vm.intern(n.def.name);
    // Static methods such as `object.__new__`/`str.maketrans` have their type as `__self__`.
    let this = native_self(n);
    if this.is_null() || this.is_none() || this.is::<crate::types::module::ModuleObj>() {
        return Ok(name);
    }
    let getattr = dict::get_str(vm.builtins_dict, "getattr").unwrap_or(Value::NONE);
    let args = crate::types::tuple::new_tuple(vm, vec![this, name]);
    Ok(crate::types::tuple::new_tuple(vm, vec![getattr, args]))
}

/// `method_descriptor.__reduce__`: `(getattr, (owner, name))`, as CPython's `descr_reduce`.
fn descr_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = native_of(vm, a[0])?;
    if n.def.kind == NativeKind::ClassMethod {
        // CPython's classmethod_descriptor has no `__reduce__`.
        return Err(vm.type_error("cannot pickle 'classmethod_descriptor' object"));
    }
    let name = vm.intern(n.def.name);
    let getattr = dict::get_str(vm.builtins_dict, "getattr").unwrap_or(Value::NONE);
    let args = crate::types::tuple::new_tuple(vm, vec![n.owner, name]);
    Ok(crate::types::tuple::new_tuple(vm, vec![getattr, args]))
}

/// `method_descriptor.__get__` / `classmethod_descriptor.__get__` with CPython's checks.
fn descr_get(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = native_of(vm, a[0])?;
    let (inst, owner) = (a[1], a[2]);
    let owner = if owner.is_null() { Value::NONE } else { owner };
    let oname = typeobj::type_name(n.owner);
    let name = n.def.name;
    if n.def.kind == NativeKind::ClassMethod {
        let ty = if !owner.is_none() {
            owner
        } else if !inst.is_none() {
            vm.type_of(inst)
        } else {
            return Err(vm.type_error(format!(
                "descriptor '{name}' for type '{oname}' needs either an object or a type"
            )));
        };
        if !ty.is::<TypeObject>() {
            return Err(vm.type_error(format!(
                "descriptor '{name}' for type '{oname}' needs a type, not a '{}' as arg 2",
                vm.type_name(ty)
            )));
        }
        if !n.owner.is_null() && !typeobj::is_subtype(ty, n.owner) {
            return Err(vm.type_error(format!(
                "descriptor '{name}' requires a subtype of '{oname}' but received '{}'",
                typeobj::type_name(ty)
            )));
        }
        return Ok(crate::types::function::bind_native(vm, n, ty));
    }
    if inst.is_none() {
        if owner.is_none() {
            return Err(vm.type_error("__get__(None, None) is invalid"));
        }
        return Ok(a[0]);
    }
    if n.def.kind == NativeKind::StaticMethod {
        return Ok(a[0]);
    }
    let it = vm.type_of(inst);
    if !n.owner.is_null() && !typeobj::is_subtype(it, n.owner) {
        return Err(vm.type_error(format!(
            "descriptor '{name}' for '{oname}' objects doesn't apply to a '{}' object",
            vm.type_name(inst)
        )));
    }
    Ok(crate::types::function::bind_native(vm, n, inst))
}

fn native_get_name(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = native_of(vm, a[0])?;
    Ok(vm.intern(n.def.name))
}

fn native_get_qualname(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = native_of(vm, a[0])?;
    let s = native_self(n);
    // Methods are qualified by the type of (or the type that is) `__self__` when bound, as
    // CPython, else by their defining type; module functions are not qualified.
    let prefix = if s.is::<crate::types::module::ModuleObj>() {
        None
    } else if let Some(t) = s.downcast::<TypeObject>() {
        Some(t.qualname.borrow().clone())
    } else if !s.is_none() {
        let t = vm.type_of(s);
        Some(typeobj::tobj(t).qualname.borrow().clone())
    } else if !n.owner.is_null() {
        Some(typeobj::tobj(n.owner).qualname.borrow().clone())
    } else {
        None
    };
    let q = match prefix {
        Some(p) => format!("{p}.{}", n.def.name),
        None => n.def.name.to_string(),
    };
    Ok(vm.new_string(q))
}

/// CPython's doc convention: a doc starting `name(sig)\n--\n\n` carries the text signature;
/// returns (signature, rest of the doc).
fn split_doc(def: &NativeDef) -> Option<(&'static str, &'static str)> {
    let doc = def.doc;
    let rest = doc.strip_prefix(def.name)?;
    if !rest.starts_with('(') {
        return None;
    }
    let end = rest.find(")\n--\n\n")?;
    Some((&rest[..=end], &rest[end + 6..]))
}

fn native_get_doc(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = native_of(vm, a[0])?;
    let doc = match split_doc(n.def) {
        Some((_, rest)) => rest,
        None => n.def.doc,
    };
    if doc.is_empty() {
        Ok(Value::NONE)
    } else {
        Ok(vm.new_str(doc))
    }
}

/// Builtins whose CPython signature cannot be expressed as a text signature (several forms).
const NO_TEXT_SIGNATURE: &[&str] = &[
    "print",
    "iter",
    "next",
    "getattr",
    "__build_class__",
    "help",
    "breakpoint",
    "open",
    "__import__",
];

/// The signature as CPython shows it: module functions gain a leading `$module`.
pub fn text_signature(n: &NativeFunction) -> Option<String> {
    if let Some((sig, _)) = split_doc(n.def) {
        return Some(sig.to_string());
    }
    if !n.def.doc.is_empty() {
        return None;
    }
    let sig = n.def.sig;
    if sig.contains('$') {
        return Some(sig.to_string());
    }
    let is_module_fn =
        n.owner.is_null() && (n.bound.is_null() || n.bound.is::<crate::types::module::ModuleObj>());
    if !is_module_fn {
        return Some(sig.to_string());
    }
    if NO_TEXT_SIGNATURE.contains(&n.def.name) {
        return None;
    }
    let inner = sig.trim().strip_prefix('(')?.strip_suffix(')')?.trim();
    if inner.is_empty() {
        return Some("($module, /)".to_string());
    }
    let params = if inner.split(',').any(|p| p.trim() == "/") {
        format!("($module, {inner})")
    } else {
        format!("($module, /, {inner})")
    };
    Some(params)
}

fn native_get_text_signature(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = native_of(vm, a[0])?;
    Ok(match text_signature(n) {
        Some(s) => vm.new_string(s),
        None => Value::NONE,
    })
}

fn native_get_self(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = native_of(vm, a[0])?;
    Ok(native_self(n))
}

fn native_get_module(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = native_of(vm, a[0])?;
    if n.owner.is_null() && n.bound.is::<crate::types::module::ModuleObj>() {
        let d = crate::types::module::module_dict(n.bound);
        return Ok(dict::get_str(d, "__name__").unwrap_or(Value::NONE));
    }
    Ok(Value::NONE)
}

fn native_get_objclass(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = native_of(vm, a[0])?;
    Ok(or_none(n.owner))
}

// ----- NoneType, NotImplementedType, ellipsis -----

static NONE_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", none_new),
    native!("__repr__", "($self, /)", singleton_repr),
    native!("__bool__", "($self, /)", none_bool),
];

static NOT_IMPLEMENTED_METHODS: &[NativeDef] = &[
    native_staticmethod!(
        "__new__",
        "($type, /, *args, **kwargs)",
        not_implemented_new
    ),
    native!("__repr__", "($self, /)", singleton_repr),
    native!("__bool__", "($self, /)", true_bool),
    native!("__reduce__", "($self, /)", singleton_reduce),
];

static ELLIPSIS_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", ellipsis_new),
    native!("__repr__", "($self, /)", singleton_repr),
    native!("__reduce__", "($self, /)", singleton_reduce),
];

fn singleton_new(vm: &mut Vm, a: &[Value], tyname: &str, v: Value) -> PyResult {
    let has_args =
        crate::types::tuple::items(a[1]).is_some_and(|t| !t.is_empty()) || !a[2].is_null();
    if has_args {
        return Err(vm.type_error(format!("{tyname} takes no arguments")));
    }
    Ok(v)
}

fn none_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    singleton_new(vm, a, "NoneType", Value::NONE)
}
fn not_implemented_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    singleton_new(vm, a, "NotImplementedType", Value::NOT_IMPLEMENTED)
}
fn ellipsis_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    singleton_new(vm, a, "EllipsisType", Value::ELLIPSIS)
}

fn singleton_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = if a[0].is_none() {
        "None"
    } else if a[0] == Value::NOT_IMPLEMENTED {
        "NotImplemented"
    } else {
        "Ellipsis"
    };
    Ok(vm.intern(s))
}

fn singleton_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    singleton_repr(vm, a)
}

fn none_bool(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::FALSE)
}

/// `bool(NotImplemented)`: True (CPython 3.11 also emits a DeprecationWarning).
fn true_bool(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::TRUE)
}
