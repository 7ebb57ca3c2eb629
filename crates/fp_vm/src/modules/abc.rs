//! `_abc`, the native core of `abc.ABCMeta` (CPython's `Modules/_abc.c`). Being native
//! matters beyond speed: `abc.py`'s methods call straight into these functions, so the frames
//! between a `__subclasshook__` and the `isinstance()` caller are the ones CPython has
//! (`typing`'s protocol checks inspect them), which `_py_abc` cannot give.
//! Each ABC keeps an `_abc_data` object in `_abc_impl`: its registry, positive cache and
//! negative cache as `_weakrefset.WeakSet`s, and the negative cache's version.

use crate::modules::stdobj::{self, StdData};
use crate::native;
use crate::native::NativeDef;
use crate::ops;
use crate::types::int::from_i64;
use crate::types::typeobj::{self, TypeFlags, TypeObject};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::cell::Cell;

static FUNCS: &[NativeDef] = &[
    native!("get_cache_token", "($module, /)", get_cache_token),
    native!("_abc_init", "($module, self, /)", abc_init),
    native!(
        "_abc_register",
        "($module, self, subclass, /)",
        abc_register
    ),
    native!(
        "_abc_instancecheck",
        "($module, self, instance, /)",
        abc_instancecheck
    ),
    native!(
        "_abc_subclasscheck",
        "($module, self, subclass, /)",
        abc_subclasscheck
    ),
    native!("_get_dump", "($module, self, /)", get_dump),
    native!("_reset_registry", "($module, self, /)", reset_registry),
    native!("_reset_caches", "($module, self, /)", reset_caches),
];

static DATA_METHODS: &[NativeDef] = &[];

struct AbcData {
    registry: Cell<Value>,
    cache: Cell<Value>,
    negative: Cell<Value>,
    negative_version: Cell<i64>,
}

impl StdData for AbcData {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        stdobj::visit_cell(&self.registry, visit);
        stdobj::visit_cell(&self.cache, visit);
        stdobj::visit_cell(&self.negative, visit);
    }
}

/// CPython's flag bits for `__abc_tpflags__`.
const PY_TPFLAGS_SEQUENCE: i64 = 1 << 5;
const PY_TPFLAGS_MAPPING: i64 = 1 << 6;

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "_abc", FUNCS);
    if vm.state_get("_abc._abc_data").is_none() {
        stdobj::new_type(vm, "_abc", "_abc_data", TypeFlags(0), DATA_METHODS);
    }
    if vm.state_get("_abc.counter").is_none() {
        vm.state_set("_abc.counter", Value::small(0));
    }
    Ok(m)
}

fn counter(vm: &Vm) -> i64 {
    vm.state_get("_abc.counter")
        .and_then(|v| v.as_small_int())
        .unwrap_or(0)
}

fn new_weakset(vm: &mut Vm) -> PyResult {
    let m = crate::modules::import_module(vm, "_weakrefset")?;
    let ws = ops::attr::getattr_str(vm, m, "WeakSet")?;
    ops::call::call(vm, ws, &[])
}

fn get_cache_token(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(from_i64(vm, counter(vm)))
}

fn impl_of(vm: &mut Vm, cls: Value) -> PyResult<&'static AbcData> {
    let v = ops::attr::getattr_str(vm, cls, "_abc_impl")?;
    match stdobj::get::<AbcData>(v) {
        Some(d) => Ok(d),
        None => Err(vm.type_error("_abc_impl is set to a wrong type")),
    }
}

fn is_abstract(vm: &mut Vm, v: Value) -> PyResult<bool> {
    let n = vm.intern("__isabstractmethod__");
    match ops::attr::getattr_opt(vm, v, n)? {
        Some(x) => ops::truth::is_true(vm, x),
        None => Ok(false),
    }
}

fn abc_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let cls = a[1];
    // __abstractmethods__: the abstract names of the namespace, and the inherited abstract
    // names the class did not override.
    let mut names: Vec<Value> = Vec::new();
    let ns = ops::attr::getattr_str(vm, cls, "__dict__")?;
    let keys_fn = ops::attr::getattr_str(vm, ns, "items")?;
    let items = ops::call::call(vm, keys_fn, &[])?;
    for pair in ops::iter::collect(vm, items)? {
        let kv = ops::iter::collect(vm, pair)?;
        if kv.len() == 2 && is_abstract(vm, kv[1])? {
            names.push(kv[0]);
        }
    }
    let bases = ops::attr::getattr_str(vm, cls, "__bases__")?;
    for base in ops::iter::collect(vm, bases)? {
        let n = vm.intern("__abstractmethods__");
        let Some(abs) = ops::attr::getattr_opt(vm, base, n)? else {
            continue;
        };
        for name in ops::iter::collect(vm, abs)? {
            let v = ops::attr::getattr_opt(vm, cls, name)?;
            if let Some(v) = v
                && is_abstract(vm, v)?
            {
                names.push(name);
            }
        }
    }
    let fs = crate::types::set::new_frozenset_from(vm, names)?;
    ops::attr::setattr_str(vm, cls, "__abstractmethods__", fs)?;
    let ty = vm.state_get("_abc._abc_data").unwrap_or(vm.types.object);
    let (r, c, n) = (new_weakset(vm)?, new_weakset(vm)?, new_weakset(vm)?);
    let data = stdobj::new_obj(
        ty,
        AbcData {
            registry: Cell::new(r),
            cache: Cell::new(c),
            negative: Cell::new(n),
            negative_version: Cell::new(counter(vm)),
        },
    );
    ops::attr::setattr_str(vm, cls, "_abc_impl", data)?;
    // `__abc_tpflags__` (collections.abc) marks sequences and mappings for `match`.
    if let Some(t) = cls.downcast::<TypeObject>() {
        let d = t.dict.get();
        if let Some(f) = crate::types::dict::get_str(d, "__abc_tpflags__") {
            let bits = ops::number::index_i64(vm, f)?;
            let both = PY_TPFLAGS_SEQUENCE | PY_TPFLAGS_MAPPING;
            if bits & both == both {
                return Err(vm.type_error(
                    "__abc_tpflags__ cannot be both Py_TPFLAGS_SEQUENCE and Py_TPFLAGS_MAPPING",
                ));
            }
            set_collection_flags(cls, bits);
            let k = vm.intern("__abc_tpflags__");
            crate::types::dict::del_item_str(vm, d, k);
        }
    }
    Ok(Value::NONE)
}

fn set_collection_flags(cls: Value, bits: i64) {
    let Some(t) = cls.downcast::<TypeObject>() else {
        return;
    };
    let mut f = t.flags.get();
    if f.contains(TypeFlags::SEQUENCE) || f.contains(TypeFlags::MAPPING) {
        return;
    }
    if bits & PY_TPFLAGS_SEQUENCE != 0 {
        f = TypeFlags(f.0 | TypeFlags::SEQUENCE.0);
    } else if bits & PY_TPFLAGS_MAPPING != 0 {
        f = TypeFlags(f.0 | TypeFlags::MAPPING.0);
    }
    t.flags.set(f);
}

fn abc_register(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (cls, sub) = (a[1], a[2]);
    if !sub.is::<TypeObject>() {
        return Err(vm.type_error("Can only register classes"));
    }
    if crate::modules::builtins::is_subclass(vm, sub, cls)? {
        return Ok(sub);
    }
    if crate::modules::builtins::is_subclass(vm, cls, sub)? {
        return Err(vm.runtime_error("Refusing to create an inheritance cycle"));
    }
    let d = impl_of(vm, cls)?;
    let add = vm.intern("add");
    ops::call::call_method(vm, d.registry.get(), add, &[sub])?;
    let c = counter(vm) + 1;
    vm.state_set("_abc.counter", Value::small(c));
    // A registered class becomes a sequence/mapping when the ABC is one.
    let cf = typeobj::type_flags(cls);
    let bits = if cf.contains(TypeFlags::SEQUENCE) {
        PY_TPFLAGS_SEQUENCE
    } else if cf.contains(TypeFlags::MAPPING) {
        PY_TPFLAGS_MAPPING
    } else {
        0
    };
    if bits != 0 && typeobj::type_flags(sub).contains(TypeFlags::HEAPTYPE) {
        set_collection_flags(sub, bits);
    }
    Ok(sub)
}

fn in_set(vm: &mut Vm, set: Value, v: Value) -> PyResult<bool> {
    ops::item::contains(vm, set, v)
}

fn abc_instancecheck(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (cls, inst) = (a[1], a[2]);
    let d = impl_of(vm, cls)?;
    let subclass = ops::attr::getattr(vm, inst, vm.names.class)?;
    if in_set(vm, d.cache.get(), subclass)? {
        return Ok(Value::TRUE);
    }
    let subtype = vm.type_of(inst);
    let name = vm.intern("__subclasscheck__");
    if subtype == subclass {
        if d.negative_version.get() == counter(vm) && in_set(vm, d.negative.get(), subclass)? {
            return Ok(Value::FALSE);
        }
        return ops::call::call_method(vm, cls, name, &[subclass]);
    }
    let r = ops::call::call_method(vm, cls, name, &[subclass])?;
    if ops::truth::is_true(vm, r)? {
        return Ok(r);
    }
    ops::call::call_method(vm, cls, name, &[subtype])
}

fn abc_subclasscheck(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (cls, sub) = (a[1], a[2]);
    if !sub.is::<TypeObject>() {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    }
    let d = impl_of(vm, cls)?;
    if in_set(vm, d.cache.get(), sub)? {
        return Ok(Value::TRUE);
    }
    let add = vm.intern("add");
    if d.negative_version.get() < counter(vm) {
        let clear = vm.intern("clear");
        ops::call::call_method(vm, d.negative.get(), clear, &[])?;
        d.negative_version.set(counter(vm));
    } else if in_set(vm, d.negative.get(), sub)? {
        return Ok(Value::FALSE);
    }
    let hook = vm.intern("__subclasshook__");
    let ok = ops::call::call_method(vm, cls, hook, &[sub])?;
    if ok == Value::TRUE {
        ops::call::call_method(vm, d.cache.get(), add, &[sub])?;
        return Ok(Value::TRUE);
    }
    if ok == Value::FALSE {
        ops::call::call_method(vm, d.negative.get(), add, &[sub])?;
        return Ok(Value::FALSE);
    }
    if ok != Value::NOT_IMPLEMENTED {
        return Err(vm.new_exc(
            vm.exc.assertion_error,
            "__subclasshook__ must return either False, True, or NotImplemented",
        ));
    }
    // A direct subclass (cls in sub's MRO).
    if let Some(t) = sub.downcast::<TypeObject>()
        && t.mro.borrow().contains(&cls)
    {
        ops::call::call_method(vm, d.cache.get(), add, &[sub])?;
        return Ok(Value::TRUE);
    }
    // A subclass of a registered class.
    let regs = ops::iter::collect(vm, d.registry.get())?;
    for r in regs {
        if crate::modules::builtins::is_subclass(vm, sub, r)? {
            ops::call::call_method(vm, d.cache.get(), add, &[sub])?;
            return Ok(Value::TRUE);
        }
    }
    // A subclass of a subclass (recursive).
    let subs_fn = ops::attr::getattr_str(vm, cls, "__subclasses__")?;
    let subs = ops::call::call(vm, subs_fn, &[])?;
    for s in ops::iter::collect(vm, subs)? {
        if crate::modules::builtins::is_subclass(vm, sub, s)? {
            ops::call::call_method(vm, d.cache.get(), add, &[sub])?;
            return Ok(Value::TRUE);
        }
    }
    ops::call::call_method(vm, d.negative.get(), add, &[sub])?;
    Ok(Value::FALSE)
}

fn get_dump(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = impl_of(vm, a[1])?;
    let mut out = Vec::new();
    for ws in [d.registry.get(), d.cache.get(), d.negative.get()] {
        let items = ops::iter::collect(vm, ws)?;
        let s = crate::types::set::new_set(vm);
        for x in items {
            crate::types::set::add(vm, s, x)?;
        }
        out.push(s);
    }
    out.push(from_i64(vm, d.negative_version.get()));
    Ok(crate::types::tuple::new_tuple(vm, out))
}

fn reset_registry(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = impl_of(vm, a[1])?;
    let clear = vm.intern("clear");
    ops::call::call_method(vm, d.registry.get(), clear, &[])?;
    Ok(Value::NONE)
}

fn reset_caches(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = impl_of(vm, a[1])?;
    let clear = vm.intern("clear");
    ops::call::call_method(vm, d.cache.get(), clear, &[])?;
    ops::call::call_method(vm, d.negative.get(), clear, &[])?;
    Ok(Value::NONE)
}
