//! `module` objects (their namespace is the `attrs` dict) and `mappingproxy`.

use crate::heap::alloc;
use crate::native::NativeDef;
use crate::object::{ObjKind, Payload, Trace};
use crate::types::dict;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};

pub struct ModuleObj;

impl Trace for ModuleObj {
    fn trace(&self, _visit: &mut dyn FnMut(Value)) {}
}

impl Payload for ModuleObj {
    const KIND: ObjKind = ObjKind::Module;
}

/// A new module named `name` with a fresh namespace holding `__name__`, `__doc__`, ...
pub fn new_module(vm: &mut Vm, name: &str) -> Value {
    let ty = vm.types.module;
    let m = alloc(ty, ModuleObj);
    let d = dict::new_dict(vm);
    if let Some(h) = m.header() {
        h.attrs.set(d);
    }
    let n = vm.new_str(name);
    init_namespace(vm, d, n, Value::NONE);
    m
}

fn init_namespace(vm: &mut Vm, d: Value, name: Value, doc: Value) {
    for (k, v) in [
        ("__name__", name),
        ("__doc__", doc),
        ("__package__", Value::NONE),
        ("__loader__", Value::NONE),
        ("__spec__", Value::NONE),
    ] {
        let k = vm.intern(k);
        dict::set_item_str(vm, d, k, v);
    }
}

/// The module's namespace dict.
pub fn module_dict(m: Value) -> Value {
    crate::types::instance::dict_storage(m)
}

pub fn module_name(m: Value) -> Option<String> {
    let d = module_dict(m);
    if d.is_null() {
        return None;
    }
    dict::get_str(d, "__name__")
        .and_then(crate::types::str::as_str)
        .map(str::to_string)
}

/// The message of the AttributeError for a name module `m` lacks, as CPython's
/// `module_getattro`: it names a circular import when the module (`__spec__._initializing`)
/// or the submodule `name` (`__spec__._uninitialized_submodules`) is still being imported.
pub fn missing_attr_message(vm: &mut Vm, m: Value, name: &str) -> String {
    let Some(mn) = module_name(m) else {
        return format!("module has no attribute '{name}'");
    };
    let spec = dict::get_str(module_dict(m), "__spec__").filter(|s| !s.is_none());
    if let Some(spec) = spec {
        let k = vm.intern("_initializing");
        let init = match crate::ops::attr::getattr_opt(vm, spec, k) {
            Ok(Some(v)) => crate::ops::truth::is_true(vm, v).unwrap_or(false),
            _ => false,
        };
        if init {
            return format!(
                "partially initialized module '{mn}' has no attribute '{name}' (most likely due to a circular import)"
            );
        }
        let k = vm.intern("_uninitialized_submodules");
        if let Ok(Some(subs)) = crate::ops::attr::getattr_opt(vm, spec, k) {
            let n = vm.new_str(name);
            if crate::ops::item::contains(vm, subs, n).unwrap_or(false) {
                return format!(
                    "cannot access submodule '{name}' of module '{mn}' (most likely due to a circular import)"
                );
            }
        }
    }
    format!("module '{mn}' has no attribute '{name}'")
}

pub fn set_attr(vm: &mut Vm, m: Value, name: &str, v: Value) {
    let k = vm.intern(name);
    dict::set_item_str(vm, module_dict(m), k, v);
}

pub fn install(vm: &mut Vm) {
    let t = vm.types.module;
    crate::types::typeobj::add_methods(vm, t, MODULE_METHODS);
    let p = vm.types.mappingproxy;
    crate::types::typeobj::add_methods(vm, p, PROXY_METHODS);
}

static MODULE_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, *args, **kwargs)", module_new),
    native!("__init__", "($self, name, doc=None)", module_init),
    native!("__repr__", "($self, /)", module_repr),
    native!("__getattribute__", "($self, name, /)", module_getattribute),
    native!("__dir__", "($self, /)", module_dir),
];

fn module_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = alloc(a[0], ModuleObj);
    let d = dict::new_dict(vm);
    if let Some(h) = m.header() {
        h.attrs.set(d);
    }
    Ok(m)
}

fn module_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = module_dict(a[0]);
    let doc = if a[2].is_null() { Value::NONE } else { a[2] };
    init_namespace(vm, d, a[1], doc);
    Ok(Value::NONE)
}

fn module_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    // As CPython: importlib's `_module_repr` (the loader's `module_repr`, the spec's origin)
    // once importlib is installed; the simple form below during start-up.
    let bootstrap = vm.importlib;
    if !bootstrap.is_null() && bootstrap != Value::NONE {
        let f = vm.intern("_module_repr");
        return crate::ops::call::call_method(vm, bootstrap, f, &[a[0]]);
    }
    let d = module_dict(a[0]);
    let name = dict::get_str(d, "__name__");
    let name_r = match name {
        Some(n) => crate::ops::repr::repr_string(vm, n)?,
        None => "'?'".into(),
    };
    let s = match dict::get_str(d, "__file__").and_then(crate::types::str::as_str) {
        Some(f) => format!("<module {name_r} from '{f}'>"),
        None => format!("<module {name_r} (built-in)>"),
    };
    Ok(vm.new_string(s))
}

/// Whether `f` is `module.__getattribute__` (for `ops::attr::getattr_opt`'s fast path).
pub fn is_module_getattribute(f: Value) -> bool {
    crate::ops::attr::is_native(f, module_getattribute)
}

fn module_getattribute(vm: &mut Vm, a: &[Value]) -> PyResult {
    match crate::ops::attr::generic_getattr(vm, a[0], a[1]) {
        Err(e) if vm.exc_matches(e, vm.exc.attribute_error) => {
            let d = module_dict(a[0]);
            if let Some(ga) = dict::get_str(d, "__getattr__") {
                return crate::ops::call::call(vm, ga, &[a[1]]);
            }
            let n = crate::types::str::as_str(a[1]).unwrap_or("?").to_string();
            Err(crate::ops::attr::attr_error_for(vm, a[0], &n))
        }
        r => r,
    }
}

fn module_dir(vm: &mut Vm, a: &[Value]) -> PyResult {
    // `__dict__` as attribute access finds it (a subclass may override it).
    let d = crate::ops::attr::getattr(vm, a[0], vm.names.dict)?;
    if !d.is::<dict::DictObj>() {
        return Err(vm.type_error("<module>.__dict__ is not a dictionary"));
    }
    if let Some(f) = dict::get_str(d, "__dir__") {
        return crate::ops::call::call(vm, f, &[]);
    }
    let keys = dict::keys(d);
    Ok(crate::types::list::new_list(vm, keys))
}

/// A read-only view of a mapping (`type.__dict__`).
pub struct MappingProxyObj {
    pub mapping: Value,
}

impl Trace for MappingProxyObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.mapping.trace(visit)
    }
}

impl Payload for MappingProxyObj {
    const KIND: ObjKind = ObjKind::MappingProxy;
}

/// `mappingproxy(mapping)`: a read-only view of any mapping (not of a list or tuple).
fn proxy_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = a[1];
    let is_mapping = m.is::<crate::types::dict::DictObj>()
        || m.is::<MappingProxyObj>()
        || crate::ops::has_special(vm, m, vm.names.getitem)
            && !m.is::<crate::types::list::ListObj>()
            && !m.is::<crate::types::tuple::TupleObj>();
    if !is_mapping {
        return Err(vm.type_error(format!(
            "mappingproxy() argument must be a mapping, not {}",
            vm.type_name(m)
        )));
    }
    Ok(alloc(a[0], MappingProxyObj { mapping: m }))
}

pub fn new_mappingproxy(vm: &mut Vm, mapping: Value) -> Value {
    alloc(vm.types.mappingproxy, MappingProxyObj { mapping })
}

fn proxy_target(vm: &mut Vm, v: Value) -> PyResult {
    match v.downcast::<MappingProxyObj>() {
        Some(p) => Ok(p.mapping),
        None => Err(vm.type_error("expected mappingproxy")),
    }
}

static PROXY_METHODS: &[NativeDef] = &[
    crate::native_staticmethod!("__new__", "($type, mapping)", proxy_new),
    native!("__getitem__", "($self, key, /)", proxy_getitem),
    native!("__contains__", "($self, key, /)", proxy_contains),
    native!("__len__", "($self, /)", proxy_len),
    native!("__iter__", "($self, /)", proxy_iter),
    native!("get", "($self, key, default=None, /)", proxy_get),
    native!("keys", "($self, /)", proxy_keys),
    native!("values", "($self, /)", proxy_values),
    native!("items", "($self, /)", proxy_items),
    native!("copy", "($self, /)", proxy_copy),
    native!("__repr__", "($self, /)", proxy_repr),
    native!("__str__", "($self, /)", proxy_str),
    native!("__eq__", "($self, value, /)", proxy_eq),
    native!("__ne__", "($self, value, /)", proxy_ne),
];

/// Comparisons compare the mapping, as CPython's `mappingproxy_richcompare`.
fn proxy_eq(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = proxy_target(vm, a[0])?;
    crate::ops::compare::rich_compare(vm, m, a[1], fp_bytecode::CompareOp::Eq)
}

fn proxy_ne(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = proxy_target(vm, a[0])?;
    crate::ops::compare::rich_compare(vm, m, a[1], fp_bytecode::CompareOp::Ne)
}

fn proxy_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = proxy_target(vm, a[0])?;
    crate::ops::item::getitem(vm, m, a[1])
}
fn proxy_contains(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = proxy_target(vm, a[0])?;
    Ok(Value::from_bool(crate::ops::item::contains(vm, m, a[1])?))
}
fn proxy_len(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = proxy_target(vm, a[0])?;
    let n = crate::ops::item::len(vm, m)?;
    Ok(crate::types::int::from_usize(vm, n))
}
fn proxy_iter(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = proxy_target(vm, a[0])?;
    crate::ops::iter::get_iter(vm, m)
}
fn proxy_get(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = proxy_target(vm, a[0])?;
    let d = if a[2].is_null() { Value::NONE } else { a[2] };
    if m.is::<dict::DictObj>() {
        return Ok(dict::get_item(vm, m, a[1])?.unwrap_or(d));
    }
    let f = crate::ops::attr::getattr_str(vm, m, "get")?;
    crate::ops::call::call(vm, f, &[a[1], d])
}
fn proxy_call(vm: &mut Vm, a: &[Value], name: &str) -> PyResult {
    let m = proxy_target(vm, a[0])?;
    let f = crate::ops::attr::getattr_str(vm, m, name)?;
    crate::ops::call::call(vm, f, &[])
}
fn proxy_keys(vm: &mut Vm, a: &[Value]) -> PyResult {
    proxy_call(vm, a, "keys")
}
fn proxy_values(vm: &mut Vm, a: &[Value]) -> PyResult {
    proxy_call(vm, a, "values")
}
fn proxy_items(vm: &mut Vm, a: &[Value]) -> PyResult {
    proxy_call(vm, a, "items")
}
fn proxy_copy(vm: &mut Vm, a: &[Value]) -> PyResult {
    proxy_call(vm, a, "copy")
}
/// `str(proxy)` is `str` of the mapping, as CPython.
fn proxy_str(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = proxy_target(vm, a[0])?;
    crate::ops::repr::str(vm, m)
}

fn proxy_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = proxy_target(vm, a[0])?;
    let r = crate::ops::repr::repr_string(vm, m)?;
    Ok(vm.new_string(format!("mappingproxy({r})")))
}
