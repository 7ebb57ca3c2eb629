//! `object` and `type` behaviour: instantiation (`type.__call__`, `object.__new__`/`__init__`
//! with CPython's excess-argument rules), the default dunders, and `type`'s attributes.

use crate::heap::alloc;
use crate::native::NativeDef;
use crate::object::{ObjKind, Payload};
use crate::ops;
use crate::types::descriptors::StaticMethodObj;
use crate::types::function::NativeFunction;
use crate::types::str::as_str;
use crate::types::typeobj::{self, TypeFlags, TypeObject, tobj};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_classmethod, native_staticmethod};

impl Payload for () {
    const KIND: ObjKind = ObjKind::Object;
}

pub fn install(vm: &mut Vm) {
    let o = vm.types.object;
    typeobj::add_methods(vm, o, OBJECT_METHODS);
    typeobj::add_getsets(vm, o, OBJECT_GETSETS);
    let t = vm.types.type_;
    typeobj::add_methods(vm, t, TYPE_METHODS);
    typeobj::add_getsets(vm, t, TYPE_GETSETS);
}

static OBJECT_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, *args, **kwargs)", object_new),
    native!("__init__", "($self, /, *args, **kwargs)", object_init),
    native!(
        "__getattribute__",
        "($self, name, /)",
        ops::attr::generic_getattribute_native
    ),
    native!(
        "__setattr__",
        "($self, name, value, /)",
        ops::attr::generic_setattr_native
    ),
    native!(
        "__delattr__",
        "($self, name, /)",
        ops::attr::generic_delattr_native
    ),
    native!("__repr__", "($self, /)", object_repr),
    native!("__str__", "($self, /)", object_str),
    native!("__hash__", "($self, /)", object_hash),
    native!("__eq__", "($self, value, /)", object_eq),
    native!("__ne__", "($self, value, /)", object_ne),
    native!("__lt__", "($self, value, /)", not_implemented2),
    native!("__le__", "($self, value, /)", not_implemented2),
    native!("__gt__", "($self, value, /)", not_implemented2),
    native!("__ge__", "($self, value, /)", not_implemented2),
    native!("__format__", "($self, format_spec, /)", object_format),
    native!("__dir__", "($self, /)", object_dir),
    native!("__sizeof__", "($self, /)", object_sizeof),
    native!(
        "__reduce_ex__",
        "($self, protocol, /)",
        crate::types::object_reduce::object_reduce_ex
    ),
    native!(
        "__reduce__",
        "($self, /)",
        crate::types::object_reduce::object_reduce
    ),
    native!(
        "__getstate__",
        "($self, /)",
        crate::types::object_reduce::object_getstate
    ),
    native_classmethod!(
        "__init_subclass__",
        "($type, /, **kwargs)",
        object_init_subclass
    ),
    native_classmethod!("__subclasshook__", "($type, /, *args)", object_subclasshook),
];

static OBJECT_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[(
    native!("__class__", "($self, /)", object_get_class),
    Some(native!("__class__", "($self, value, /)", object_set_class)),
)];

/// The `__dict__` and `__weakref__` descriptors a class gets when it introduces instance
/// dictionaries (as CPython adds them to the first such class in a hierarchy).
pub static INSTANCE_DICT_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (
        native!("__dict__", "($self, /)", instance_get_dict),
        Some(native!("__dict__", "($self, value, /)", instance_set_dict)),
    ),
    (
        native!("__weakref__", "($self, /)", instance_get_weakref),
        None,
    ),
];

/// `del obj.__dict__` on instances of Python classes: the next access starts a new dict.
pub static INSTANCE_DICT_DELETER: NativeDef = native!("__dict__", "($self, /)", instance_del_dict);

fn instance_del_dict(vm: &mut Vm, a: &[Value]) -> PyResult {
    refuse_type_dict(vm, a[0])?;
    // Exceptions keep a dict (their builtin base's descriptor refuses deletion).
    let flags = crate::types::typeobj::type_flags(vm.type_of(a[0]));
    if flags.contains(crate::types::typeobj::TypeFlags::EXCEPTION) {
        return Err(vm.type_error("cannot delete __dict__"));
    }
    crate::types::instance::set_dict(a[0], Value::NULL);
    Ok(Value::NONE)
}

fn object_get_class(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(vm.type_of(a[0]))
}

fn object_set_class(vm: &mut Vm, a: &[Value]) -> PyResult {
    ops::attr::set_class(vm, a[0], a[1])?;
    Ok(Value::NONE)
}

fn instance_get_dict(vm: &mut Vm, a: &[Value]) -> PyResult {
    // A class reached through a metaclass's plain base: its namespace, read-only as ever.
    if let Some(t) = a[0].downcast::<crate::types::typeobj::TypeObject>() {
        return Ok(crate::types::module::new_mappingproxy(vm, t.dict.get()));
    }
    Ok(crate::types::instance::to_dict(vm, a[0]))
}

/// A class's namespace is not an instance dict: it cannot be replaced or deleted through an
/// instance `__dict__` descriptor (a metaclass deriving from a plain class).
fn refuse_type_dict(vm: &mut Vm, obj: Value) -> PyResult<()> {
    if obj.is::<crate::types::typeobj::TypeObject>() {
        return Err(vm.attribute_error("attribute '__dict__' of 'type' objects is not writable"));
    }
    if obj.is::<crate::types::module::ModuleObj>() {
        return Err(vm.attribute_error("readonly attribute"));
    }
    Ok(())
}

fn instance_set_dict(vm: &mut Vm, a: &[Value]) -> PyResult {
    refuse_type_dict(vm, a[0])?;
    if !a[1].is::<crate::types::dict::DictObj>() {
        return Err(vm.type_error(format!(
            "__dict__ must be set to a dictionary, not a '{}'",
            vm.type_name(a[1])
        )));
    }
    crate::types::instance::set_dict(a[0], a[1]);
    Ok(Value::NONE)
}

/// `obj.__weakref__`: the first weak reference to `obj`, or None.
fn instance_get_weakref(vm: &mut Vm, a: &[Value]) -> PyResult {
    let first = vm
        .weakrefs
        .get(&a[0].bits())
        .and_then(|r| r.first().copied());
    Ok(first.unwrap_or(Value::NONE))
}

static TYPE_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, *args, **kwargs)", type_new),
    native!("__init__", "($self, /, *args, **kwargs)", type_init),
    native!("__call__", "($self, /, *args, **kwargs)", type_call_native),
    native!(
        "__getattribute__",
        "($self, name, /)",
        ops::attr::type_getattribute_native
    ),
    native!(
        "__setattr__",
        "($self, name, value, /)",
        ops::attr::type_setattr_native
    ),
    native!(
        "__delattr__",
        "($self, name, /)",
        ops::attr::type_delattr_native
    ),
    native!("__repr__", "($self, /)", type_repr),
    native!("mro", "($self, /)", type_mro),
    native!("__subclasses__", "($self, /)", type_subclasses),
    native!(
        "__instancecheck__",
        "($self, instance, /)",
        type_instancecheck
    ),
    native!(
        "__subclasscheck__",
        "($self, subclass, /)",
        type_subclasscheck
    ),
    native!("__dir__", "($self, /)", type_dir),
    native!("__or__", "($self, value, /)", type_or),
    native!("__ror__", "($self, value, /)", type_ror),
    native_classmethod!("__prepare__", "($type, /, *args, **kwargs)", type_prepare),
    native!("__sizeof__", "($self, /)", object_sizeof),
];

static TYPE_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("__dict__", "($self, /)", type_get_dict), None),
    (
        native!("__name__", "($self, /)", type_get_name),
        Some(native!("__name__", "($self, value, /)", type_set_name)),
    ),
    (
        native!("__qualname__", "($self, /)", type_get_qualname),
        Some(native!(
            "__qualname__",
            "($self, value, /)",
            type_set_qualname
        )),
    ),
    (
        native!("__bases__", "($self, /)", type_get_bases),
        Some(native!("__bases__", "($self, value, /)", type_set_bases)),
    ),
    (native!("__base__", "($self, /)", type_get_base), None),
    (native!("__mro__", "($self, /)", type_get_mro), None),
    (
        native!("__module__", "($self, /)", type_get_module),
        Some(native!("__module__", "($self, value, /)", type_set_module)),
    ),
    (
        native!("__doc__", "($self, /)", type_get_doc),
        Some(native!("__doc__", "($self, value, /)", type_set_doc)),
    ),
    (native!("__flags__", "($self, /)", type_get_flags), None),
    (
        native!("__itemsize__", "($self, /)", type_get_itemsize),
        None,
    ),
    (
        native!("__text_signature__", "($self, /)", type_get_none),
        None,
    ),
    (
        native!("__abstractmethods__", "($self, /)", type_get_abstract),
        Some(native!(
            "__abstractmethods__",
            "($self, value, /)",
            type_set_abstract
        )),
    ),
];

fn t_of(vm: &mut Vm, v: Value) -> PyResult<&'static TypeObject> {
    match v.downcast::<TypeObject>() {
        Some(t) => Ok(t),
        None => Err(vm.type_error(format!(
            "descriptor requires a 'type' object but received '{}'",
            vm.type_name(v)
        ))),
    }
}

fn is_native_fn(f: Value, func: crate::native::NativeFn) -> bool {
    let f = match f.downcast::<StaticMethodObj>() {
        Some(s) => s.0.func.get(),
        None => f,
    };
    f.downcast::<NativeFunction>()
        .is_some_and(|n| n.def.func as usize == func as usize)
}

/// `type.__call__(cls, *args, **kwargs)`: `__new__` then `__init__`.
pub fn type_call(vm: &mut Vm, ty: Value, args: &[Value], kwnames: &[Value]) -> PyResult {
    type_call_in(vm, ty, args, kwnames, false)
}

/// `type_call`, from a clean position when `clean` (see `ops::call::call_clean`): `__new__`
/// and `__init__` are called through the clean entry, the new object rooted meanwhile.
pub fn type_call_in(
    vm: &mut Vm,
    ty: Value,
    args: &[Value],
    kwnames: &[Value],
    clean: bool,
) -> PyResult {
    if !clean {
        return type_call_with(vm, ty, args, kwnames, ops::call::call_kw);
    }
    let mark = vm.roots_mark();
    let r = type_call_with(vm, ty, args, kwnames, |vm, f, a, k| {
        // `a[0]` is the type or the new object; the caller roots the other arguments.
        vm.root(a[0]);
        ops::call::call_kw_in(vm, f, a, k, true)
    });
    vm.truncate_roots(mark);
    r
}

fn type_call_with(
    vm: &mut Vm,
    ty: Value,
    args: &[Value],
    kwnames: &[Value],
    call_kw: impl Fn(&mut Vm, Value, &[Value], &[Value]) -> PyResult,
) -> PyResult {
    if ty == vm.types.type_ && args.len() == 1 && kwnames.is_empty() {
        return Ok(vm.type_of(args[0]));
    }
    let new = typeobj::lookup(vm, ty, vm.names.new);
    let obj = if is_native_fn(new, object_new) {
        object_new_checked(vm, ty, args, kwnames)?
    } else {
        let f = match new.downcast::<StaticMethodObj>() {
            Some(s) => s.0.func.get(),
            None => new,
        };
        let mut v = Vec::with_capacity(args.len() + 1);
        v.push(ty);
        v.extend_from_slice(args);
        call_kw(vm, f, &v, kwnames)?
    };
    let ot = vm.type_of(obj);
    if !typeobj::is_subtype(ot, ty) {
        return Ok(obj);
    }
    let init = typeobj::lookup(vm, ot, vm.names.init);
    if is_native_fn(init, object_init) {
        if !args.is_empty() && !is_native_fn(new, object_new) {
            return Ok(obj);
        }
        return Ok(obj);
    }
    let mut v = Vec::with_capacity(args.len() + 1);
    v.push(obj);
    v.extend_from_slice(args);
    let r = if init.is::<crate::types::function::FunctionObj>() || init.is::<NativeFunction>() {
        call_kw(vm, init, &v, kwnames)?
    } else {
        let b = ops::attr::bind_descriptor(vm, init, obj, ot)?;
        ops::call::call_kw(vm, b, args, kwnames)?
    };
    if !r.is_none() {
        return Err(vm.type_error(format!(
            "__init__() should return None, not '{}'",
            vm.type_name(r)
        )));
    }
    Ok(obj)
}

/// For the eval loop's inline constructor calls: when calling `ty` is exactly `type.__call__`
/// with `object.__new__` and a Python `__init__`, allocates the instance (with `object.__new__`'s
/// checks) and returns it with the `__init__` function, which the caller runs as an ordinary
/// Python frame. Keeping `__init__` off the Rust stack matters beyond speed: the collector
/// only runs when no native call is active, and programs such as `unittest.main()` run
/// everything inside a constructor.
pub fn inline_init(
    vm: &mut Vm,
    ty: Value,
    args: &[Value],
    kwnames: &[Value],
) -> PyResult<Option<(Value, Value)>> {
    let meta = vm.type_of(ty);
    if meta != vm.types.type_ {
        let call = typeobj::lookup(vm, meta, vm.names.call);
        if !is_native_fn(call, type_call_native) {
            return Ok(None);
        }
    }
    let new = typeobj::lookup(vm, ty, vm.names.new);
    if !is_native_fn(new, object_new) {
        return Ok(None);
    }
    let init = typeobj::lookup(vm, ty, vm.names.init);
    let Some(func) = init.downcast::<crate::types::function::FunctionObj>() else {
        return Ok(None);
    };
    let is_gen = func
        .code
        .get()
        .downcast::<crate::types::code::CodeObj>()
        .is_none_or(|c| c.flags() & (0x20 | 0x80 | 0x200) != 0);
    if is_gen {
        return Ok(None);
    }
    let obj = object_new_checked(vm, ty, args, kwnames)?;
    Ok(Some((obj, init)))
}

fn type_call_native(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = a[0];
    let args = crate::types::tuple::items(a[1]).unwrap_or(&[]).to_vec();
    let (mut all, mut names) = (args, Vec::new());
    if !a[2].is_null() {
        for (k, v) in crate::types::dict::items(a[2]) {
            names.push(k);
            all.push(v);
        }
    }
    if !ty.is::<TypeObject>() {
        return Err(vm.type_error("descriptor '__call__' requires a 'type' object"));
    }
    type_call(vm, ty, &all, &names)
}

/// Allocates a plain instance, applying object.__new__'s argument rule.
fn object_new_checked(vm: &mut Vm, ty: Value, args: &[Value], kwnames: &[Value]) -> PyResult {
    if !args.is_empty() || !kwnames.is_empty() {
        let init = typeobj::lookup(vm, ty, vm.names.init);
        if is_native_fn(init, object_init) {
            return Err(vm.type_error(format!("{}() takes no arguments", typeobj::type_name(ty))));
        }
    }
    alloc_instance(vm, ty)
}

pub fn alloc_instance(vm: &mut Vm, ty: Value) -> PyResult {
    let t = tobj(ty);
    if t.layout != ObjKind::Object {
        let solid = t
            .mro
            .borrow()
            .iter()
            .copied()
            .find(|b| !tobj(*b).flags.get().contains(TypeFlags::HEAPTYPE));
        let sname = solid.map(typeobj::type_name).unwrap_or_default();
        return Err(vm.type_error(format!(
            "object.__new__({}) is not safe, use {sname}.__new__()",
            t.name.borrow()
        )));
    }
    if let Some(am) = crate::types::dict::get_str(t.dict.get(), "__abstractmethods__")
        && crate::ops::truth::is_true(vm, am)?
    {
        let mut names: Vec<String> = Vec::new();
        for n in crate::ops::iter::collect(vm, am)? {
            names.push(as_str(n).unwrap_or("?").to_string());
        }
        names.sort();
        let s = if names.len() == 1 { "" } else { "s" };
        return Err(vm.type_error(format!(
            "Can't instantiate abstract class {} with abstract method{s} {}",
            t.name.borrow(),
            names.join(", ")
        )));
    }
    Ok(alloc(ty, ()))
}

fn object_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = a[0];
    if !ty.is::<TypeObject>() {
        return Err(vm.type_error(format!(
            "object.__new__(X): X is not a type object ({})",
            vm.type_name(ty)
        )));
    }
    let has_args =
        crate::types::tuple::items(a[1]).is_some_and(|t| !t.is_empty()) || !a[2].is_null();
    if has_args {
        let new = typeobj::lookup(vm, ty, vm.names.new);
        if !is_native_fn(new, object_new) {
            return Err(vm.type_error(
                "object.__new__() takes exactly one argument (the type to instantiate)",
            ));
        }
        let init = typeobj::lookup(vm, ty, vm.names.init);
        if is_native_fn(init, object_init) {
            return Err(vm.type_error(format!("{}() takes no arguments", typeobj::type_name(ty))));
        }
    }
    alloc_instance(vm, ty)
}

fn object_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let has_args =
        crate::types::tuple::items(a[1]).is_some_and(|t| !t.is_empty()) || !a[2].is_null();
    if has_args {
        let ty = vm.type_of(a[0]);
        let init = typeobj::lookup(vm, ty, vm.names.init);
        if !is_native_fn(init, object_init) {
            return Err(vm.type_error(
                "object.__init__() takes exactly one argument (the instance to initialize)",
            ));
        }
        let new = typeobj::lookup(vm, ty, vm.names.new);
        if is_native_fn(new, object_new) {
            return Err(vm.type_error(format!(
                "{}.__init__() takes exactly one argument (the instance to initialize)",
                typeobj::type_name(ty)
            )));
        }
    }
    Ok(Value::NONE)
}

fn object_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = ops::repr::default_repr(vm, a[0]);
    Ok(vm.new_string(s))
}

fn object_str(vm: &mut Vm, a: &[Value]) -> PyResult {
    ops::repr::repr(vm, a[0])
}

fn object_hash(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(crate::types::int::from_i64(
        vm,
        ops::hash::identity_hash(a[0]) >> 1,
    ))
}

fn object_eq(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(if a[0] == a[1] {
        Value::TRUE
    } else {
        Value::NOT_IMPLEMENTED
    })
}

fn object_ne(vm: &mut Vm, a: &[Value]) -> PyResult {
    // `__eq__` through the comparison slot: a binding that fails declines (NotImplemented).
    let r = ops::call_compare_special_in(vm, a[0], vm.names.eq, &[a[1]], false)?
        .unwrap_or(Value::NOT_IMPLEMENTED);
    if r == Value::NOT_IMPLEMENTED {
        return Ok(r);
    }
    let b = ops::truth::is_true(vm, r)?;
    Ok(Value::from_bool(!b))
}

fn not_implemented2(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::NOT_IMPLEMENTED)
}

fn object_format(vm: &mut Vm, a: &[Value]) -> PyResult {
    let spec = as_str(a[1]).ok_or_else(|| vm.type_error("format spec must be a str"))?;
    if !spec.is_empty() {
        return Err(vm.type_error(format!(
            "unsupported format string passed to {}.__format__",
            vm.type_name(a[0])
        )));
    }
    ops::repr::str(vm, a[0])
}

fn object_dir(vm: &mut Vm, a: &[Value]) -> PyResult {
    let mut names: Vec<Value> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut add = |names: &mut Vec<Value>, k: Value| {
        if let Some(s) = as_str(k)
            && seen.insert(s.to_string())
        {
            names.push(k);
        }
    };
    let ty = vm.type_of(a[0]);
    // A class that overrides `__dict__` (a property, say): dir() uses what it returns.
    let dd = typeobj::lookup(vm, ty, vm.names.dict);
    if !dd.is_null() && vm.type_of(dd) != vm.types.getset_descriptor {
        // (Anything but a dict counts as no attributes, as CPython's.)
        if let Some(d) = ops::attr::getattr_opt(vm, a[0], vm.names.dict)?
            && d.is::<crate::types::dict::DictObj>()
        {
            for k in crate::types::dict::keys(d) {
                add(&mut names, k);
            }
        }
    } else {
        for (k, _) in crate::types::instance::items(a[0]) {
            add(&mut names, k);
        }
    }
    let mro = tobj(ty).mro.borrow().clone();
    for t in mro {
        for k in crate::types::dict::keys(tobj(t).dict.get()) {
            add(&mut names, k);
        }
    }
    Ok(crate::types::list::new_list(vm, names))
}

fn type_dir(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = t_of(vm, a[0])?;
    let mut names: Vec<Value> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for k in t.mro.borrow().iter() {
        for key in crate::types::dict::keys(tobj(*k).dict.get()) {
            if let Some(s) = as_str(key)
                && seen.insert(s.to_string())
            {
                names.push(key);
            }
        }
    }
    Ok(crate::types::list::new_list(vm, names))
}

fn object_sizeof(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(crate::types::int::from_i64(vm, 24))
}

/// `object.__init_subclass__()` accepts no class keywords (CPython names the class in the error).
fn object_init_subclass(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !a[1].is_null() && crate::types::dict::len(a[1]) > 0 {
        let q = match a[0].downcast::<TypeObject>() {
            Some(t) => t.qualname.borrow().clone(),
            None => vm.type_name(a[0]),
        };
        return Err(vm.type_error(format!(
            "{q}.__init_subclass__() takes no keyword arguments"
        )));
    }
    Ok(Value::NONE)
}

fn object_subclasshook(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::NOT_IMPLEMENTED)
}

// ----- type -----

/// `type(x)` or `type(name, bases, dict, **kw)`, resolving the most derived metaclass.
fn type_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let meta = a[0];
    let args = crate::types::tuple::items(a[1]).unwrap_or(&[]).to_vec();
    if meta == vm.types.type_ && args.len() == 1 && a[2].is_null() {
        return Ok(vm.type_of(args[0]));
    }
    if args.len() != 3 {
        return Err(vm.type_error("type() takes 1 or 3 arguments"));
    }
    // The most derived metaclass of `meta` and the bases' metaclasses builds the class; when
    // that is not `meta` and it has its own `__new__`, it takes over (`type(name, bases, ns)`
    // with an Enum base makes an Enum).
    if let Some(bases) = crate::types::tuple::items(args[1]) {
        let mut winner = meta;
        for b in bases {
            let t = vm.type_of(*b);
            if typeobj::is_subtype(winner, t) {
                continue;
            }
            if typeobj::is_subtype(t, winner) {
                winner = t;
                continue;
            }
            return Err(vm.type_error(
                "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
            ));
        }
        if winner != meta {
            let new = typeobj::lookup_str(vm, winner, "__new__");
            let plain = ops::attr::is_native(new, type_new);
            if !new.is_null() && !plain {
                let mut call_args = vec![winner];
                call_args.extend_from_slice(&args);
                let new = ops::attr::bind_descriptor(vm, new, Value::NONE, winner)?;
                return ops::call::call_ex(vm, new, &call_args, a[2]);
            }
        }
    }
    let (kwnames, kwvalues): (Vec<Value>, Vec<Value>) = if a[2].is_null() {
        (vec![], vec![])
    } else {
        crate::types::dict::items(a[2]).into_iter().unzip()
    };
    typeobj::new_class_kw(vm, meta, args[0], args[1], args[2], &kwnames, &kwvalues)
}

fn type_init(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::NONE)
}

fn type_prepare(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(crate::types::dict::new_dict(vm))
}

fn type_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = t_of(vm, a[0])?;
    let module = crate::types::dict::get_str(t.dict.get(), "__module__").and_then(as_str);
    let s = match module {
        Some(m) if m != "builtins" => format!("<class '{m}.{}'>", t.qualname.borrow()),
        _ => format!("<class '{}'>", t.qualname.borrow()),
    };
    Ok(vm.new_string(s))
}

fn type_mro(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = t_of(vm, a[0])?;
    let m = t.mro.borrow().clone();
    Ok(crate::types::list::new_list(vm, m))
}

fn type_subclasses(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = t_of(vm, a[0])?;
    let s = t.subclasses.borrow().clone();
    Ok(crate::types::list::new_list(vm, s))
}

fn type_instancecheck(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = vm.type_of(a[1]);
    if typeobj::is_subtype(t, a[0]) {
        return Ok(Value::TRUE);
    }
    // A __class__ that differs from type() (proxies) counts too.
    let c = ops::attr::getattr_opt(vm, a[1], vm.names.class)?;
    Ok(Value::from_bool(c.is_some_and(|c| {
        c != t && c.is::<TypeObject>() && typeobj::is_subtype(c, a[0])
    })))
}

fn type_subclasscheck(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !a[1].is::<TypeObject>() {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    }
    Ok(Value::from_bool(typeobj::is_subtype(a[1], a[0])))
}

fn type_or(vm: &mut Vm, a: &[Value]) -> PyResult {
    crate::modules::builtins::make_union(vm, a[0], a[1])
}

/// `other | cls`: the union keeps the operands' order.
fn type_ror(vm: &mut Vm, a: &[Value]) -> PyResult {
    crate::modules::builtins::make_union(vm, a[1], a[0])
}

fn type_get_name(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = t_of(vm, a[0])?;
    let n = t.name.borrow().clone();
    // Interned: the same object each time, as CPython's stored name (inspect compares by
    // identity).
    Ok(vm.intern(&n))
}
fn type_set_name(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = t_of(vm, a[0])?;
    let Some(s) = as_str(a[1]) else {
        return Err(vm.type_error(format!(
            "can only assign string to {}.__name__, not '{}'",
            t.name.borrow(),
            vm.type_name(a[1])
        )));
    };
    *t.name.borrow_mut() = s.to_string();
    Ok(Value::NONE)
}
fn type_get_qualname(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = t_of(vm, a[0])?;
    let n = t.qualname.borrow().clone();
    // Interned: the same object each time, as CPython's stored name (inspect compares by
    // identity).
    Ok(vm.intern(&n))
}
fn type_set_qualname(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = t_of(vm, a[0])?;
    let Some(s) = as_str(a[1]) else {
        return Err(vm.type_error(format!(
            "can only assign string to {}.__qualname__, not '{}'",
            t.name.borrow(),
            vm.type_name(a[1])
        )));
    };
    *t.qualname.borrow_mut() = s.to_string();
    Ok(Value::NONE)
}
fn type_get_dict(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = t_of(vm, a[0])?.dict.get();
    Ok(crate::types::module::new_mappingproxy(vm, d))
}

fn type_get_bases(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(t_of(vm, a[0])?.bases.get())
}
/// `cls.__bases__ = (...)`: only for classes made by Python code, with bases of a compatible
/// layout; the MRO is recomputed and lookups cached on the old one are invalidated.
fn type_set_bases(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = t_of(vm, a[0])?;
    let name = t.name.borrow().clone();
    if !t.flags.get().contains(TypeFlags::HEAPTYPE) {
        return Err(vm.type_error(format!(
            "cannot set '__bases__' attribute of immutable type '{name}'"
        )));
    }
    let Some(bases) = crate::types::tuple::items(a[1]) else {
        return Err(vm.type_error(format!(
            "can only assign tuple to {name}.__bases__, not {}",
            vm.type_name(a[1])
        )));
    };
    if bases.is_empty() {
        return Err(vm.type_error(format!(
            "can only assign non-empty tuple to {name}.__bases__, not ()"
        )));
    }
    let bases = bases.to_vec();
    for b in &bases {
        let Some(bt) = b.downcast::<TypeObject>() else {
            return Err(vm.type_error(format!(
                "{name}.__bases__ must be tuple of classes, not '{}'",
                vm.type_name(*b)
            )));
        };
        if typeobj::is_subtype(*b, a[0]) {
            return Err(vm.type_error("a __bases__ item causes an inheritance cycle"));
        }
        if bt.layout != t.layout && bt.layout != crate::object::ObjKind::Object {
            return Err(vm.type_error(format!(
                "__bases__ assignment: '{}' object layout differs from '{name}'",
                bt.name.borrow()
            )));
        }
    }
    let mro = typeobj::compute_mro(vm, a[0], &bases)?;
    let old_base = t.base.get();
    if !old_base.is_null() {
        typeobj::tobj(old_base)
            .subclasses
            .borrow_mut()
            .retain(|s| *s != a[0]);
    }
    for b in &bases {
        typeobj::add_subclass(vm, *b, a[0]);
    }
    t.base.set(bases[0]);
    t.bases.set(a[1]);
    *t.mro.borrow_mut() = mro;
    // Subclasses' MROs contained the old bases: recompute them, outermost first.
    let mut todo: Vec<Value> = t.subclasses.borrow().clone();
    while let Some(sub) = todo.pop() {
        let st = tobj(sub);
        let sb = crate::types::tuple::items(st.bases.get())
            .unwrap_or(&[])
            .to_vec();
        let m = typeobj::compute_mro(vm, sub, &sb)?;
        *st.mro.borrow_mut() = m;
        todo.extend(st.subclasses.borrow().iter().copied());
    }
    typeobj::bump_version(vm, a[0]);
    Ok(Value::NONE)
}

/// `cls.__doc__ = text`: stored in the class namespace (classes made by Python code only).
fn type_set_doc(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = t_of(vm, a[0])?;
    if !t.flags.get().contains(TypeFlags::HEAPTYPE) {
        return Err(vm.type_error(format!(
            "cannot set '__doc__' attribute of immutable type '{}'",
            t.name.borrow()
        )));
    }
    let k = vm.intern("__doc__");
    crate::types::dict::set_item_str(vm, t.dict.get(), k, a[1]);
    typeobj::bump_version(vm, a[0]);
    Ok(Value::NONE)
}

fn type_get_base(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = t_of(vm, a[0])?.base.get();
    Ok(if b.is_null() { Value::NONE } else { b })
}
fn type_get_mro(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = t_of(vm, a[0])?.mro.borrow().clone();
    Ok(crate::types::tuple::new_tuple(vm, m))
}
fn type_get_module(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = t_of(vm, a[0])?;
    // `type`'s own dict holds this getset under `__module__`: that is not a module name.
    match crate::types::dict::get_str(t.dict.get(), "__module__") {
        Some(m) if !m.is::<crate::types::descriptors::PropertyObj>() => Ok(m),
        _ => Ok(vm.intern("builtins")),
    }
}
fn type_set_module(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = t_of(vm, a[0])?;
    let k = vm.intern("__module__");
    crate::types::dict::set_item_str(vm, t.dict.get(), k, a[1]);
    typeobj::bump_version(vm, a[0]);
    Ok(Value::NONE)
}
fn type_get_doc(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = t_of(vm, a[0])?;
    match crate::types::dict::get_str(t.dict.get(), "__doc__") {
        Some(d) => {
            let ty = vm.type_of(d);
            let get = typeobj::lookup(vm, ty, vm.names.get);
            if !get.is_null() && !d.is::<crate::types::str::StrObj>() {
                return ops::call::call(vm, get, &[d, Value::NONE, a[0]]);
            }
            Ok(d)
        }
        None => Ok(Value::NONE),
    }
}
/// `type.__itemsize__`: CPython's size of one item of a variable-size object (a tuple's
/// pointers, an int's 30-bit digits, a bytes' bytes; 0 for the rest), by the type's layout.
fn type_get_itemsize(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = t_of(vm, a[0])?;
    let size = match t.layout {
        ObjKind::Tuple => 8,
        ObjKind::Int => 4,
        ObjKind::Bytes => 1,
        _ => 0,
    };
    Ok(crate::types::int::from_i64(vm, size))
}

fn type_get_flags(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = t_of(vm, a[0])?;
    let mut f: i64 = 0;
    if t.flags.get().contains(TypeFlags::HEAPTYPE) {
        f |= 1 << 9;
    }
    if t.flags.get().contains(TypeFlags::BASETYPE) {
        f |= 1 << 10;
    }
    // Py_TPFLAGS_SEQUENCE, Py_TPFLAGS_MAPPING and Py_TPFLAGS_IS_ABSTRACT (`inspect.isabstract`).
    for (flag, bit) in [
        (TypeFlags::SEQUENCE, 5),
        (TypeFlags::MAPPING, 6),
        (TypeFlags::IS_ABSTRACT, 20),
    ] {
        if t.flags.get().contains(flag) {
            f |= 1 << bit;
        }
    }
    Ok(crate::types::int::from_i64(vm, f))
}
fn type_get_none(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::NONE)
}
fn type_get_abstract(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = t_of(vm, a[0])?;
    match crate::types::dict::get_str(t.dict.get(), "__abstractmethods__") {
        Some(v) if a[0] != vm.types.type_ => Ok(v),
        _ => Err(vm.attribute_error("__abstractmethods__")),
    }
}
fn type_set_abstract(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = t_of(vm, a[0])?;
    // As CPython, the IS_ABSTRACT flag follows the truth of the value set.
    let abstract_ = crate::ops::truth::is_true(vm, a[1])?;
    let f = t.flags.get();
    t.flags.set(if abstract_ {
        f.union(TypeFlags::IS_ABSTRACT)
    } else {
        TypeFlags(f.0 & !TypeFlags::IS_ABSTRACT.0)
    });
    let k = vm.intern("__abstractmethods__");
    crate::types::dict::set_item_str(vm, t.dict.get(), k, a[1]);
    typeobj::bump_version(vm, a[0]);
    Ok(Value::NONE)
}

/// `type[int]`-style subscription of builtin classes: a `types.GenericAlias`.
pub fn generic_alias(vm: &mut Vm, origin: Value, args: Value) -> PyResult {
    crate::modules::builtins::make_generic_alias(vm, origin, args)
}
