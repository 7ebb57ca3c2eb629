//! `_abc`: the native half of `abc.ABCMeta` (CPython's `Modules/_abc.c`). Without it `abc`
//! falls back to `_py_abc`, which is several times slower and sits on the start-up path.
//!
//! Each ABC holds an `_abc_impl` attribute, an `_abc._abc_data` object with the class's
//! registry of virtual subclasses, its positive cache and its negative cache. CPython keeps
//! these as sets of weak references; here each is a [`WeakSet`]: a map from the referent's
//! address to a weak reference to it, so classes are not kept alive by the caches, and a dead
//! entry (whose address may be reused) never matches because its reference reads NULL. A
//! global counter, bumped by every `register`, invalidates negative caches lazily, as in CPython.

use crate::modules::stdobj::{self, StdData};
use crate::native::NativeDef;
use crate::ops;
use crate::types::list::ListObj;
use crate::types::typeobj::{self, TypeFlags, TypeObject};
use crate::types::weakref as wr;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

/// The invalidation counter behind `get_cache_token()` (CPython's module-state counter; one
/// interpreter per process here, and only equality and order of tokens are observable).
static INVALIDATION_COUNTER: AtomicU64 = AtomicU64::new(0);

fn counter() -> u64 {
    INVALIDATION_COUNTER.load(Ordering::Relaxed)
}

static FUNCS: &[NativeDef] = &[
    native!("get_cache_token", "()", get_cache_token),
    native!("_abc_init", "(self, /)", abc_init),
    native!("_reset_registry", "(self, /)", reset_registry),
    native!("_reset_caches", "(self, /)", reset_caches),
    native!("_get_dump", "(self, /)", get_dump),
    native!("_abc_register", "(self, subclass, /)", abc_register),
    native!(
        "_abc_instancecheck",
        "(self, instance, /)",
        abc_instancecheck
    ),
    native!(
        "_abc_subclasscheck",
        "(self, subclass, /)",
        abc_subclasscheck
    ),
];

static DATA_METHODS: &[NativeDef] = &[native_staticmethod!(
    "__new__",
    "($type, *args, **kwargs)",
    data_new
)];

const TYPE_KEY: &str = "_abc._abc_data";

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "_abc", FUNCS);
    // The type is not an attribute of the module (as in CPython); `type(cls._abc_impl)`.
    if vm.state_get(TYPE_KEY).is_none() {
        let t = stdobj::new_type(vm, "_abc", "_abc_data", TypeFlags(0), DATA_METHODS);
        let doc = vm.new_str("Internal state held by ABC machinery.");
        typeobj::set_type_attr(vm, t, "__doc__", doc);
    }
    let doc = vm.new_str("Module contains faster C implementation of abc.ABCMeta");
    crate::types::module::set_attr(vm, m, "__doc__", doc);
    Ok(m)
}

/// A set of weak references to objects, keyed by the referent's address.
#[derive(Default)]
struct WeakSet {
    refs: HashMap<u64, Value>,
}

impl WeakSet {
    /// Whether `obj` (alive, so its address is its identity) is in the set.
    fn contains(&self, obj: Value) -> bool {
        self.refs
            .get(&obj.bits())
            .is_some_and(|r| wr::referent(*r) == obj)
    }

    /// Adds `obj`; raises TypeError when it cannot be weakly referenced.
    fn add(cell: &RefCell<WeakSet>, vm: &mut Vm, obj: Value) -> PyResult<()> {
        if cell.borrow().contains(obj) {
            return Ok(());
        }
        let ref_ty = vm.state_get("weakref.ref").unwrap_or(Value::NONE);
        let r = wr::new_ref(vm, ref_ty, obj, Value::NONE)?;
        let mut set = cell.borrow_mut();
        // Forget references whose class died now and then (CPython's `_destroy` callbacks
        // remove them at once); doing it when the table doubles keeps adds amortised O(1).
        let n = set.refs.len();
        if n >= 32 && n.is_power_of_two() {
            set.refs.retain(|_, r| !wr::referent(*r).is_null());
        }
        set.refs.insert(obj.bits(), r);
        Ok(())
    }

    /// The live weak references.
    fn live(&self) -> Vec<Value> {
        self.refs
            .values()
            .copied()
            .filter(|r| !wr::referent(*r).is_null())
            .collect()
    }
}

/// The payload of `_abc._abc_data`.
struct AbcData {
    registry: RefCell<WeakSet>,
    cache: RefCell<WeakSet>,
    negative_cache: RefCell<WeakSet>,
    negative_cache_version: Cell<u64>,
}

impl StdData for AbcData {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        for set in [&self.registry, &self.cache, &self.negative_cache] {
            for r in set.borrow().refs.values() {
                visit(*r);
            }
        }
    }
}

fn new_data(ty: Value) -> Value {
    stdobj::new_obj(
        ty,
        AbcData {
            registry: RefCell::default(),
            cache: RefCell::default(),
            negative_cache: RefCell::default(),
            negative_cache_version: Cell::new(counter()),
        },
    )
}

/// `_abc_data()`: a fresh, empty state (CPython's type accepts and ignores arguments).
fn data_new(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(new_data(a[0]))
}

/// `self._abc_impl`, which must be exactly an `_abc_data`.
fn get_impl(vm: &mut Vm, cls: Value) -> PyResult<&'static AbcData> {
    let name = vm.intern("_abc_impl");
    let imp = ops::attr::getattr(vm, cls, name)?;
    let ty = vm.state_get(TYPE_KEY);
    if Some(vm.type_of(imp)) == ty
        && let Some(d) = stdobj::get::<AbcData>(imp)
    {
        return Ok(d);
    }
    Err(vm.type_error("_abc_impl is set to a wrong type"))
}

fn get_cache_token(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(crate::types::int::from_u64(vm, counter()))
}

/// Whether `v` has a true `__isabstractmethod__` (CPython's `_PyObject_IsAbstract`).
fn is_abstract(vm: &mut Vm, v: Value) -> PyResult<bool> {
    let name = vm.intern("__isabstractmethod__");
    match ops::attr::getattr_opt(vm, v, name)? {
        Some(flag) => ops::truth::is_true(vm, flag),
        None => Ok(false),
    }
}

/// The `(key, value)` pairs of a class namespace: `ns.items()` as CPython's
/// `PyMapping_Items` sees it (a dict or a mappingproxy of one is read directly).
fn namespace_items(vm: &mut Vm, ns: Value) -> PyResult<Vec<(Value, Value)>> {
    use crate::types::dict::{self, DictObj};
    let direct = match ns.downcast::<crate::types::module::MappingProxyObj>() {
        Some(p) => p.mapping,
        None => ns,
    };
    if direct.is::<DictObj>() && vm.type_of(direct) == vm.types.dict {
        return Ok(dict::items(direct));
    }
    let name = vm.intern("items");
    let items = ops::call::call_method(vm, ns, name, &[])?;
    let items = match ops::iter::collect(vm, items) {
        Ok(v) => v,
        Err(e) if vm.exc_matches(e, vm.exc.type_error) => {
            return Err(vm.type_error(format!(
                "{}.items() returned a non-iterable (type {})",
                vm.type_name(ns),
                vm.type_name(items)
            )));
        }
        Err(e) => return Err(e),
    };
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        let pair = match crate::types::tuple::items(it) {
            Some(t) => t.to_vec(),
            None if it.is::<ListObj>() => it
                .downcast::<ListObj>()
                .map(ListObj::snapshot)
                .unwrap_or_default(),
            None => match ops::iter::collect(vm, it) {
                Ok(v) => v,
                Err(e) if vm.exc_matches(e, vm.exc.type_error) => {
                    return Err(vm.type_error("items() returned non-iterable"));
                }
                Err(e) => return Err(e),
            },
        };
        if pair.len() != 2 {
            return Err(vm.type_error("items() returned item which size is not 2"));
        }
        out.push((pair[0], pair[1]));
    }
    Ok(out)
}

/// Sets `cls.__abstractmethods__`: the names bound to abstract values in the class body, and
/// the inherited abstract names that are still abstract on `cls`.
fn compute_abstract_methods(vm: &mut Vm, cls: Value) -> PyResult<()> {
    let mut abstracts = Vec::new();
    let ns = ops::attr::getattr(vm, cls, vm.names.dict)?;
    for (key, value) in namespace_items(vm, ns)? {
        if is_abstract(vm, value)? {
            abstracts.push(key);
        }
    }
    let bases_name = vm.intern("__bases__");
    let bases = ops::attr::getattr(vm, cls, bases_name)?;
    let Some(bases) = crate::types::tuple::items(bases) else {
        return Err(vm.type_error("__bases__ is not tuple"));
    };
    let am_name = vm.intern("__abstractmethods__");
    for &base in bases {
        let Some(base_abstracts) = ops::attr::getattr_opt(vm, base, am_name)? else {
            continue;
        };
        let it = ops::iter::get_iter(vm, base_abstracts)?;
        while let Some(key) = ops::iter::next(vm, it)? {
            if !key.is::<crate::types::str::StrObj>() {
                return Err(vm.type_error(format!(
                    "attribute name must be string, not '{}'",
                    vm.type_name(key)
                )));
            }
            let Some(value) = ops::attr::getattr_opt(vm, cls, key)? else {
                continue;
            };
            if is_abstract(vm, value)? {
                abstracts.push(key);
            }
        }
    }
    let fs = crate::types::set::new_frozenset_from(vm, abstracts)?;
    ops::attr::setattr(vm, cls, am_name, fs)
}

fn abc_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let cls = a[0];
    compute_abstract_methods(vm, cls)?;
    let ty = stdobj::state_type(vm, TYPE_KEY);
    let data = new_data(ty);
    let name = vm.intern("_abc_impl");
    ops::attr::setattr(vm, cls, name, data)?;
    // `__abc_tpflags__` in the class body (collections.abc's Sequence and Mapping) marks the
    // class for `match`; it is consumed here.
    if let Some(t) = cls.downcast::<TypeObject>() {
        let d = t.dict.get();
        let key = vm.intern("__abc_tpflags__");
        if let Some(flags) = crate::types::dict::get_item(vm, d, key)? {
            if vm.type_of(flags) == vm.types.int {
                let val = ops::number::index_i64(vm, flags)?;
                let (seq, map) = (1i64 << 5, 1i64 << 6);
                if val & seq != 0 && val & map != 0 {
                    return Err(vm.type_error(
                        "__abc_tpflags__ cannot be both Py_TPFLAGS_SEQUENCE and Py_TPFLAGS_MAPPING",
                    ));
                }
                let mut f = t.flags.get();
                if val & seq != 0 {
                    f = f.union(TypeFlags::SEQUENCE);
                }
                if val & map != 0 {
                    f = f.union(TypeFlags::MAPPING);
                }
                t.flags.set(f);
            }
            crate::types::dict::del_item(vm, d, key)?;
            typeobj::bump_version(vm, cls);
        }
    }
    Ok(Value::NONE)
}

/// The `match` kind of a type: its SEQUENCE or MAPPING flag.
fn collection_flag(ty: Value) -> Option<TypeFlags> {
    let f = typeobj::type_flags(ty);
    if f.contains(TypeFlags::SEQUENCE) {
        Some(TypeFlags::SEQUENCE)
    } else if f.contains(TypeFlags::MAPPING) {
        Some(TypeFlags::MAPPING)
    } else {
        None
    }
}

/// Gives `child` and its subclasses the `match` kind `flag`, stopping at builtin types and at
/// classes that have it already (CPython's `set_collection_flag_recursive`).
fn set_collection_flag_recursive(child: Value, flag: TypeFlags) {
    let mut todo = vec![child];
    while let Some(c) = todo.pop() {
        let Some(t) = c.downcast::<TypeObject>() else {
            continue;
        };
        let f = t.flags.get();
        if !f.contains(TypeFlags::HEAPTYPE) || collection_flag(c) == Some(flag) {
            continue;
        }
        let both = TypeFlags::SEQUENCE.0 | TypeFlags::MAPPING.0;
        t.flags.set(TypeFlags((f.0 & !both) | flag.0));
        todo.extend(t.subclasses.borrow().iter().copied());
    }
}

fn abc_register(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (cls, subclass) = (a[0], a[1]);
    if !subclass.is::<TypeObject>() {
        return Err(vm.type_error("Can only register classes"));
    }
    if crate::modules::builtins::is_subclass(vm, subclass, cls)? {
        return Ok(subclass);
    }
    // Testing for a cycle after "already a subclass" lets X.register(X) be a no-op.
    if crate::modules::builtins::is_subclass(vm, cls, subclass)? {
        return Err(vm.runtime_error("Refusing to create an inheritance cycle"));
    }
    let imp = get_impl(vm, cls)?;
    WeakSet::add(&imp.registry, vm, subclass)?;
    INVALIDATION_COUNTER.fetch_add(1, Ordering::Relaxed);
    if cls.is::<TypeObject>()
        && let Some(flag) = collection_flag(cls)
    {
        set_collection_flag_recursive(subclass, flag);
    }
    Ok(subclass)
}

fn abc_instancecheck(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (cls, instance) = (a[0], a[1]);
    let imp = get_impl(vm, cls)?;
    let subclass = ops::attr::getattr(vm, instance, vm.names.class)?;
    if imp.cache.borrow().contains(subclass) {
        return Ok(Value::TRUE);
    }
    let subtype = vm.type_of(instance);
    let check = vm.names.subclasscheck;
    if subtype == subclass {
        if imp.negative_cache_version.get() == counter()
            && imp.negative_cache.borrow().contains(subclass)
        {
            return Ok(Value::FALSE);
        }
        return ops::call::call_method(vm, cls, check, &[subclass]);
    }
    let r = ops::call::call_method(vm, cls, check, &[subclass])?;
    if ops::truth::is_true(vm, r)? {
        return Ok(r);
    }
    ops::call::call_method(vm, cls, check, &[subtype])
}

fn abc_subclasscheck(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (cls, subclass) = (a[0], a[1]);
    if !subclass.is::<TypeObject>() {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    }
    let imp = get_impl(vm, cls)?;
    // 1. The cache.
    if imp.cache.borrow().contains(subclass) {
        return Ok(Value::TRUE);
    }
    // 2. The negative cache, emptied first when a registration happened since it was filled.
    let now = counter();
    if imp.negative_cache_version.get() < now {
        imp.negative_cache.borrow_mut().refs.clear();
        imp.negative_cache_version.set(now);
    } else if imp.negative_cache.borrow().contains(subclass) {
        return Ok(Value::FALSE);
    }
    // 3. The subclass hook.
    let hook = vm.intern("__subclasshook__");
    let ok = ops::call::call_method(vm, cls, hook, &[subclass])?;
    if ok == Value::TRUE {
        WeakSet::add(&imp.cache, vm, subclass)?;
        return Ok(Value::TRUE);
    }
    if ok == Value::FALSE {
        WeakSet::add(&imp.negative_cache, vm, subclass)?;
        return Ok(Value::FALSE);
    }
    if ok != Value::NOT_IMPLEMENTED {
        return Err(vm.new_exc(
            vm.exc.assertion_error,
            "__subclasshook__ must return either False, True, or NotImplemented",
        ));
    }
    // 4. A direct subclass.
    let in_mro = typeobj::tobj(subclass).mro.borrow().contains(&cls);
    if in_mro {
        WeakSet::add(&imp.cache, vm, subclass)?;
        return Ok(Value::TRUE);
    }
    // 5. A subclass of a registered class (recursively).
    if imp.registry.borrow().contains(subclass) {
        return Ok(Value::TRUE);
    }
    let registered = imp.registry.borrow().live();
    for r in registered {
        let rcls = wr::referent(r);
        if rcls.is_null() {
            continue;
        }
        if crate::modules::builtins::is_subclass(vm, subclass, rcls)? {
            WeakSet::add(&imp.cache, vm, subclass)?;
            return Ok(Value::TRUE);
        }
    }
    // 6. A subclass of a subclass (recursively).
    let name = vm.intern("__subclasses__");
    let subclasses = ops::call::call_method(vm, cls, name, &[])?;
    let Some(list) = subclasses.downcast::<ListObj>() else {
        return Err(vm.type_error("__subclasses__() must return a list"));
    };
    for scls in list.snapshot() {
        if crate::modules::builtins::is_subclass(vm, subclass, scls)? {
            WeakSet::add(&imp.cache, vm, subclass)?;
            return Ok(Value::TRUE);
        }
    }
    // No dice: remember the answer.
    WeakSet::add(&imp.negative_cache, vm, subclass)?;
    Ok(Value::FALSE)
}

fn reset_registry(vm: &mut Vm, a: &[Value]) -> PyResult {
    let imp = get_impl(vm, a[0])?;
    imp.registry.borrow_mut().refs.clear();
    Ok(Value::NONE)
}

fn reset_caches(vm: &mut Vm, a: &[Value]) -> PyResult {
    let imp = get_impl(vm, a[0])?;
    imp.cache.borrow_mut().refs.clear();
    imp.negative_cache.borrow_mut().refs.clear();
    Ok(Value::NONE)
}

/// `(registry, cache, negative_cache, negative_cache_version)`: fresh sets of the weak
/// references, for `ABCMeta._dump_registry`.
fn get_dump(vm: &mut Vm, a: &[Value]) -> PyResult {
    let imp = get_impl(vm, a[0])?;
    let mut parts = Vec::with_capacity(4);
    for set in [&imp.registry, &imp.cache, &imp.negative_cache] {
        let refs = set.borrow().live();
        let s = crate::types::set::new_set(vm);
        for r in refs {
            crate::types::set::add(vm, s, r)?;
        }
        parts.push(s);
    }
    let version = imp.negative_cache_version.get();
    parts.push(crate::types::int::from_u64(vm, version));
    Ok(crate::types::tuple::new_tuple(vm, parts))
}
