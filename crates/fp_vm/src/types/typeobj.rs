//! `type`: type objects, C3 MRO, attribute lookup along the MRO with a version-tagged method
//! cache, class creation (`type(name, bases, dict)`), and `type.__call__` (instantiation).
//!
//! Every type carries a version tag; changing a type's namespace (or a base's) gives it and all
//! its subclasses new tags, so a cache keyed by (tag, name) never returns a stale result.

use crate::heap::alloc;
use crate::native::{NativeDef, NativeKind};
use crate::object::{ObjKind, Payload, Trace};
use crate::types::dict::{self, DictObj};
use crate::types::str::StrObj;
use crate::types::tuple::TupleObj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::cell::{Cell, RefCell};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct TypeFlags(pub u32);

impl TypeFlags {
    /// Created by a class statement (attributes writable, `__module__` from the dict).
    pub const HEAPTYPE: TypeFlags = TypeFlags(1);
    /// Can be subclassed.
    pub const BASETYPE: TypeFlags = TypeFlags(2);
    /// Instances have a `__dict__` (attribute storage in the header).
    pub const HAS_DICT: TypeFlags = TypeFlags(4);
    /// For `match`: instances are sequences / mappings.
    pub const SEQUENCE: TypeFlags = TypeFlags(8);
    pub const MAPPING: TypeFlags = TypeFlags(16);
    /// Exception classes (fast check for `except`).
    pub const EXCEPTION: TypeFlags = TypeFlags(32);
    /// Instances are not weak-referenceable... (reserved), and abstract-class marker.
    pub const IS_ABSTRACT: TypeFlags = TypeFlags(64);
    /// A class of the MRO defines `__del__`: instances are registered with the collector for
    /// finalization when allocated (`heap::alloc`, `interp/finalize.rs`).
    pub const HAS_FINALIZER: TypeFlags = TypeFlags(128);
    /// Instances of this class (a heap type) can be weakly referenced (`types::slots`).
    pub const HAS_WEAKREF: TypeFlags = TypeFlags(256);
    pub const fn contains(self, other: TypeFlags) -> bool {
        self.0 & other.0 == other.0
    }
    pub const fn union(self, other: TypeFlags) -> TypeFlags {
        TypeFlags(self.0 | other.0)
    }
}

pub struct TypeObject {
    pub name: RefCell<String>,
    pub qualname: RefCell<String>,
    pub bases: Cell<Value>,
    pub base: Cell<Value>,
    pub mro: RefCell<Vec<Value>>,
    pub dict: Cell<Value>,
    pub flags: Cell<TypeFlags>,
    /// The payload kind of instances (inherited from the solid base).
    pub layout: ObjKind,
    pub version: Cell<u64>,
    pub subclasses: RefCell<Vec<Value>>,
    /// The class's own slot names from `__slots__`, mangled and sorted; their values live in
    /// the instance's `SlotStore`, after the slots of the base chain (`types::slots`).
    pub slots: RefCell<Vec<Value>>,
}

impl Trace for TypeObject {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.bases.trace(visit);
        self.base.trace(visit);
        self.mro.trace(visit);
        self.dict.trace(visit);
        // `subclasses` is weak (as CPython's weak references there): pruned after marking
        // (`prune_subclasses`), so a class nothing else uses is freed.
        self.slots.trace(visit);
    }
}

impl Payload for TypeObject {
    const KIND: ObjKind = ObjKind::Type;
}

/// The type payload of a type object. Panics only on a VM bug (a non-type in type position).
#[inline]
pub fn tobj(ty: Value) -> &'static TypeObject {
    match ty.downcast::<TypeObject>() {
        Some(t) => t,
        None => panic!("internal error: {ty:?} is not a type object"),
    }
}

pub fn type_name(ty: Value) -> String {
    match ty.downcast::<TypeObject>() {
        Some(t) => t.name.borrow().clone(),
        None => "?".into(),
    }
}

pub fn type_flags(ty: Value) -> TypeFlags {
    ty.downcast::<TypeObject>()
        .map(|t| t.flags.get())
        .unwrap_or_default()
}

/// `issubclass` on type objects (MRO membership).
#[inline]
pub fn is_subtype(sub: Value, sup: Value) -> bool {
    if sub == sup {
        return true;
    }
    match sub.downcast::<TypeObject>() {
        Some(t) => t.mro.borrow().contains(&sup),
        None => false,
    }
}

/// Allocates a builtin type object. Used during bootstrap and for native modules.
pub fn new_static_type(
    vm: &mut Vm,
    name: &str,
    base: Value,
    layout: ObjKind,
    flags: TypeFlags,
) -> Value {
    let meta = vm.types.type_;
    let version = vm.next_version();
    let ty = alloc(
        meta,
        TypeObject {
            name: RefCell::new(name.to_string()),
            qualname: RefCell::new(name.to_string()),
            bases: Cell::new(Value::NULL),
            base: Cell::new(base),
            mro: RefCell::new(Vec::new()),
            dict: Cell::new(Value::NULL),
            flags: Cell::new(flags),
            layout,
            version: Cell::new(version),
            subclasses: RefCell::new(Vec::new()),
            slots: RefCell::new(Vec::new()),
        },
    );
    // During bootstrap the core types (dict, str, tuple) are finished together once all exist.
    if !vm.types.dict.is_null() && !vm.types.str_.is_null() && !vm.types.tuple.is_null() {
        finish_static_type(vm, ty);
    }
    ty
}

/// Gives a static type its dict, bases tuple and MRO (split out for bootstrap ordering).
pub fn finish_static_type(vm: &mut Vm, ty: Value) {
    let t = tobj(ty);
    if t.dict.get().is_null() {
        t.dict.set(dict::new_dict(vm));
    }
    let base = t.base.get();
    let bases = if base.is_null() { vec![] } else { vec![base] };
    t.bases.set(crate::types::tuple::new_tuple(vm, bases));
    let mut mro = vec![ty];
    if !base.is_null() {
        mro.extend(tobj(base).mro.borrow().iter().copied());
        add_subclass(vm, base, ty);
    }
    *t.mro.borrow_mut() = mro;
    if let Some(h) = ty.header() {
        h.ty.set(vm.types.type_);
    }
    // Every type has a `__doc__` (None when undocumented), so `obj.__doc__` always resolves.
    if dict::get_str(t.dict.get(), "__doc__").is_none() {
        let k = vm.intern("__doc__");
        dict::set_item_str(vm, t.dict.get(), k, Value::NONE);
    }
    // No `__module__` entry: as in CPython, a static type's module comes from the type's
    // getter ('builtins' here), so instances (`(1).__module__`) have no such attribute.
}

/// Adds native methods to a type's namespace, wrapping them as CPython does: instance methods
/// become method descriptors, class methods classmethod descriptors, static methods staticmethods.
pub fn add_methods(vm: &mut Vm, ty: Value, defs: &'static [NativeDef]) {
    let d = tobj(ty).dict.get();
    for def in defs {
        let f = crate::types::function::new_native(vm, def, Value::NULL, ty);
        let v = match def.kind {
            NativeKind::Function => f,
            // A classmethod_descriptor binds to the class itself (as CPython stores it).
            NativeKind::ClassMethod => f,
            NativeKind::StaticMethod => crate::types::descriptors::new_staticmethod(vm, f),
        };
        let k = vm.intern(def.name);
        dict::set_item_str(vm, d, k, v);
    }
    bump_version(vm, ty);
}

/// Adds read-only (or read-write) computed attributes as properties of native getters.
pub fn add_getsets(vm: &mut Vm, ty: Value, defs: &'static [(NativeDef, Option<NativeDef>)]) {
    let d = tobj(ty).dict.get();
    for (get, set) in defs {
        let g = crate::types::function::new_native(vm, get, Value::NULL, ty);
        let s = match set {
            Some(s) => crate::types::function::new_native(vm, s, Value::NULL, ty),
            None => Value::NULL,
        };
        let p = crate::types::descriptors::new_getset(vm, g, s);
        let k = vm.intern(get.name);
        dict::set_item_str(vm, d, k, p);
    }
    bump_version(vm, ty);
}

pub fn set_type_attr(vm: &mut Vm, ty: Value, name: &str, v: Value) {
    let k = vm.intern(name);
    dict::set_item_str(vm, tobj(ty).dict.get(), k, v);
    bump_version(vm, ty);
}

/// Sets `HAS_FINALIZER` on `ty` when a class of its MRO defines `__del__`.
pub fn update_finalizer_flag(vm: &Vm, ty: Value) {
    let t = tobj(ty);
    let del = vm.names.del;
    if del.is_null() {
        return;
    }
    let has = t.mro.borrow().iter().any(|c| {
        c.downcast::<TypeObject>()
            .is_some_and(|c| dict::get_str_value(c.dict.get(), del).is_some())
    });
    let f = t.flags.get();
    t.flags.set(if has {
        f.union(TypeFlags::HAS_FINALIZER)
    } else {
        TypeFlags(f.0 & !TypeFlags::HAS_FINALIZER.0)
    });
}

/// Leaves instances of the native type `ty` unregistered though it inherits a `__del__`.
pub fn clear_finalizer_flag(ty: Value) {
    let t = tobj(ty);
    t.flags
        .set(TypeFlags(t.flags.get().0 & !TypeFlags::HAS_FINALIZER.0));
}

/// Whether objects of type `ty` need registering for finalization (see `HAS_FINALIZER`).
#[inline]
pub fn has_finalizer(ty: Value) -> bool {
    ty.downcast::<TypeObject>()
        .is_some_and(|t| t.flags.get().0 & TypeFlags::HAS_FINALIZER.0 != 0)
}

/// Records `sub` in `base.__subclasses__()`. The list is weak: `base` joins
/// `Vm::types_with_subclasses`, whose lists the collector prunes.
pub fn add_subclass(vm: &mut Vm, base: Value, sub: Value) {
    tobj(base).subclasses.borrow_mut().push(sub);
    vm.types_with_subclasses.insert(base.bits());
}

/// After marking: drops dead classes from the subclass lists of live ones, and dead classes
/// from `Vm::types_with_subclasses`.
pub fn prune_subclasses(set: &mut std::collections::HashSet<u64>, is_live: &dyn Fn(Value) -> bool) {
    set.retain(|&bits| {
        let t = Value::from_bits(bits);
        if !is_live(t) {
            return false;
        }
        if let Some(to) = t.downcast::<TypeObject>() {
            to.subclasses.borrow_mut().retain(|s| is_live(*s));
        }
        true
    });
}

/// Invalidates cached lookups on `ty` and every subclass.
pub fn bump_version(vm: &mut Vm, ty: Value) {
    let mut todo = vec![ty];
    while let Some(t) = todo.pop() {
        let to = tobj(t);
        let v = vm.next_version();
        to.version.set(v);
        update_finalizer_flag(vm, t);
        todo.extend(to.subclasses.borrow().iter().copied());
    }
}

/// Direct-mapped cache of MRO lookups keyed by (type version, interned name).
pub struct MethodCache {
    entries: Vec<(u64, Value, Value)>,
}

const CACHE_SIZE: usize = 4096;

impl MethodCache {
    pub fn new() -> MethodCache {
        MethodCache {
            entries: vec![(0, Value::NULL, Value::NULL); CACHE_SIZE],
        }
    }
}

impl MethodCache {
    pub fn clear(&mut self) {
        self.entries
            .iter_mut()
            .for_each(|e| *e = (0, Value::NULL, Value::NULL));
    }
}

impl Default for MethodCache {
    fn default() -> Self {
        Self::new()
    }
}

/// Finds `name` along the MRO of `ty` (no descriptor binding). `name` should be interned.
/// Returns NULL when absent.
pub fn lookup(vm: &mut Vm, ty: Value, name: Value) -> Value {
    let t = tobj(ty);
    let version = t.version.get();
    let slot = ((version.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (name.bits() >> 3)) as usize)
        & (CACHE_SIZE - 1);
    let e = vm.method_cache.entries[slot];
    if e.0 == version && e.1 == name {
        return e.2;
    }
    let found = lookup_uncached(ty, name);
    vm.method_cache.entries[slot] = (version, name, found);
    found
}

pub fn lookup_uncached(ty: Value, name: Value) -> Value {
    let t = tobj(ty);
    let mro = t.mro.borrow();
    for &k in mro.iter() {
        if let Some(v) = dict::get_str_value(tobj(k).dict.get(), name) {
            return v;
        }
    }
    Value::NULL
}

pub fn lookup_str(vm: &mut Vm, ty: Value, name: &str) -> Value {
    let n = vm.intern(name);
    lookup(vm, ty, n)
}

// ----- C3 linearisation -----

/// Computes the MRO for a new class with `bases`, raising CPython's TypeError when no
/// consistent order exists.
pub fn compute_mro(vm: &mut Vm, ty: Value, bases: &[Value]) -> PyResult<Vec<Value>> {
    let mut seqs: Vec<Vec<Value>> = bases
        .iter()
        .map(|b| tobj(*b).mro.borrow().clone())
        .collect();
    seqs.push(bases.to_vec());
    let mut out = vec![ty];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let mut chosen = None;
        for s in &seqs {
            let cand = s[0];
            if !seqs.iter().any(|o| o[1..].contains(&cand)) {
                chosen = Some(cand);
                break;
            }
        }
        let Some(c) = chosen else {
            let mut names: Vec<String> = Vec::new();
            for s in &seqs {
                let n = type_name(s[0]);
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            return Err(vm.type_error(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            )));
        };
        out.push(c);
        for s in seqs.iter_mut() {
            if s[0] == c {
                s.remove(0);
            }
        }
    }
}

/// `type.__new__(meta, name, bases, ns)`: creates a class.
pub fn new_class(
    vm: &mut Vm,
    meta: Value,
    name: Value,
    bases: Value,
    ns: Value,
) -> PyResult<Value> {
    new_class_kw(vm, meta, name, bases, ns, &[], &[])
}

/// `type.__new__` with the class keywords that go to `__init_subclass__`.
pub fn new_class_kw(
    vm: &mut Vm,
    meta: Value,
    name: Value,
    bases: Value,
    ns: Value,
    kwnames: &[Value],
    kwvalues: &[Value],
) -> PyResult<Value> {
    let name_s = match name.downcast::<StrObj>() {
        Some(s) if s.as_str().contains('\0') => {
            return Err(vm.value_error("type name must not contain null characters"));
        }
        Some(s) => s.as_str().to_string(),
        None => {
            return Err(vm.type_error(format!(
                "type.__new__() argument 1 must be str, not {}",
                vm.type_name(name)
            )));
        }
    };
    let Some(bases_t) = bases.downcast::<TupleObj>() else {
        return Err(vm.type_error(format!(
            "type.__new__() argument 2 must be tuple, not {}",
            vm.type_name(bases)
        )));
    };
    if ns.downcast::<DictObj>().is_none() {
        return Err(vm.type_error(format!(
            "type.__new__() argument 3 must be dict, not {}",
            vm.type_name(ns)
        )));
    }
    let mut base_list: Vec<Value> = bases_t.items.to_vec();
    for b in &base_list {
        let Some(bt) = b.downcast::<TypeObject>() else {
            return Err(vm.type_error("bases must be types"));
        };
        if !bt.flags.get().contains(TypeFlags::BASETYPE) {
            // CPython names the type by its tp_name: module-qualified outside builtins.
            let name = bt.name.borrow().clone();
            let module = crate::types::dict::get_str(bt.dict.get(), "__module__")
                .and_then(crate::types::str::as_str)
                .filter(|m| *m != "builtins")
                .map(str::to_string);
            let full = match module {
                Some(m) => format!("{m}.{name}"),
                None => name,
            };
            return Err(vm.type_error(format!("type '{full}' is not an acceptable base type")));
        }
    }
    for (i, b) in base_list.iter().enumerate() {
        if base_list[..i].contains(b) {
            return Err(vm.type_error(format!("duplicate base class {}", type_name(*b))));
        }
    }
    if base_list.is_empty() {
        base_list.push(vm.types.object);
    }
    // Layout: the instance layout comes from the base with the most derived solid base.
    let best_base = crate::types::slots::best_base(vm, &base_list)?;
    let layout = tobj(best_base).layout;
    let mut flags = TypeFlags::HEAPTYPE.union(TypeFlags::BASETYPE);
    for b in &base_list {
        let bf = tobj(*b).flags.get();
        for f in [
            TypeFlags::SEQUENCE,
            TypeFlags::MAPPING,
            TypeFlags::EXCEPTION,
        ] {
            if bf.contains(f) {
                flags = flags.union(f);
            }
        }
    }
    // Copy the namespace: the class owns its dict.
    // A dict subclass that iterates its own way (an OrderedDict moved around) is copied in its
    // iteration order, as CPython's `PyDict_Copy` does through `keys()`.
    let ns_ty = vm.type_of(ns);
    let own_iter = ns_ty != vm.types.dict
        && lookup(vm, ns_ty, vm.names.iter) != lookup(vm, vm.types.dict, vm.names.iter);
    let d = if !own_iter {
        dict::copy(vm, ns)?
    } else {
        let d = dict::new_dict(vm);
        crate::types::dict_methods::update_arg(vm, d, ns)?;
        d
    };
    if dict::get_str(d, "__module__").is_none() {
        // Take __name__ of the calling frame's globals, as CPython does.
        if let Some(m) =
            crate::interp::frame::current_globals(vm).and_then(|g| dict::get_str(g, "__name__"))
        {
            let k = vm.intern("__module__");
            dict::set_item_str(vm, d, k, m);
        }
    }
    let slot_info = crate::types::slots::process(vm, &name_s, best_base, &base_list, d)?;
    let slot_names = slot_info.names.clone();
    flags = flags.union(crate::types::slots::layout_flags(
        vm, &slot_info, &base_list,
    ));
    let version = vm.next_version();
    let ty = alloc(
        meta,
        TypeObject {
            name: RefCell::new(name_s.clone()),
            qualname: RefCell::new(name_s.clone()),
            bases: Cell::new(Value::NULL),
            base: Cell::new(best_base),
            mro: RefCell::new(Vec::new()),
            dict: Cell::new(d),
            flags: Cell::new(flags),
            layout,
            version: Cell::new(version),
            subclasses: RefCell::new(Vec::new()),
            slots: RefCell::new(slot_names.clone()),
        },
    );
    let mro = compute_mro(vm, ty, &base_list)?;
    *tobj(ty).mro.borrow_mut() = mro;
    update_finalizer_flag(vm, ty);
    let bt = crate::types::tuple::new_tuple(vm, base_list.clone());
    tobj(ty).bases.set(bt);
    for b in &base_list {
        add_subclass(vm, *b, ty);
    }
    if let Some(q) = dict::get_str(d, "__qualname__") {
        match q.downcast::<StrObj>() {
            Some(qs) => *tobj(ty).qualname.borrow_mut() = qs.as_str().to_string(),
            None => {
                return Err(vm.type_error(format!(
                    "type __qualname__ must be a str, not {}",
                    vm.type_name(q)
                )));
            }
        }
        let k = vm.intern("__qualname__");
        dict::del_item_str(vm, d, k);
    }
    // __classcell__
    if let Some(cell) = dict::get_str(d, "__classcell__") {
        if let Some(c) = cell.downcast::<crate::types::function::CellObj>() {
            c.set(ty);
        } else {
            return Err(vm.type_error(format!(
                "__classcell__ must be a nonlocal cell, not {}",
                vm.type_name(cell)
            )));
        }
        let k = vm.intern("__classcell__");
        dict::del_item_str(vm, d, k);
    }
    let first = crate::types::slots::total_slots(best_base);
    for (i, s) in slot_names.iter().enumerate() {
        let m = crate::types::descriptors::new_member(vm, *s, ty, first + i);
        dict::set_item_str(vm, d, *s, m);
    }
    // `__dict__` / `__weakref__` descriptors for what this class adds to its base's layout.
    for (get, set) in crate::types::object::INSTANCE_DICT_GETSETS {
        let wanted = if get.name == "__dict__" {
            slot_info.add_dict
        } else {
            slot_info.add_weak
        };
        if wanted {
            if dict::get_str(d, get.name).is_some() {
                continue;
            }
            let g = crate::types::function::new_native(vm, get, Value::NULL, ty);
            let s = match set {
                Some(s) => crate::types::function::new_native(vm, s, Value::NULL, ty),
                None => Value::NULL,
            };
            let del = if get.name == "__dict__" {
                let def = &crate::types::object::INSTANCE_DICT_DELETER;
                crate::types::function::new_native(vm, def, Value::NULL, ty)
            } else {
                Value::NULL
            };
            let p = crate::types::descriptors::new_getset_full(vm, g, s, del);
            let k = vm.intern(get.name);
            dict::set_item_str(vm, d, k, p);
        }
    }
    if dict::get_str(d, "__doc__").is_none() {
        let k = vm.intern("__doc__");
        dict::set_item_str(vm, d, k, Value::NONE);
    }
    // __new__ / __init_subclass__ / __class_getitem__ are implicitly static/class methods.
    for (n, wrap_static) in [
        ("__new__", true),
        ("__init_subclass__", false),
        ("__class_getitem__", false),
    ] {
        if let Some(f) = dict::get_str(d, n)
            && f.is::<crate::types::function::FunctionObj>()
        {
            let w = if wrap_static {
                crate::types::descriptors::new_staticmethod(vm, f)
            } else {
                crate::types::descriptors::new_classmethod(vm, f)
            };
            let k = vm.intern(n);
            dict::set_item_str(vm, d, k, w);
        }
    }
    // __eq__ without __hash__ makes instances unhashable.
    if dict::get_str(d, "__eq__").is_some() && dict::get_str(d, "__hash__").is_none() {
        let k = vm.intern("__hash__");
        dict::set_item_str(vm, d, k, Value::NONE);
    }
    // __set_name__ on attributes (errors wrapped in RuntimeError as 3.11 does), then
    // __init_subclass__ on the parent.
    let items = dict::items(d);
    for (k, v) in items {
        let vt = vm.type_of(v);
        let sn = lookup_str(vm, vt, "__set_name__");
        if sn.is_null() {
            continue;
        }
        if let Err(e) = crate::ops::call::call(vm, sn, &[v, ty, k]) {
            let kr = crate::ops::repr::repr_string(vm, k)?;
            let msg = format!(
                "Error calling __set_name__ on '{}' instance {kr} in '{name_s}'",
                type_name(vt)
            );
            let re = vm.runtime_error(msg);
            if let Some(x) = crate::types::exceptions::exc_obj(re.0) {
                x.cause.set(e.0);
                x.context.set(e.0);
                x.suppress_context.set(true);
            }
            return Err(re);
        }
    }
    let sup = crate::types::descriptors::new_super(vm, ty, ty)?;
    let init_sub = crate::ops::attr::getattr_str(vm, sup, "__init_subclass__")?;
    crate::ops::call::call_kw(vm, init_sub, kwvalues, kwnames)?;
    Ok(ty)
}
