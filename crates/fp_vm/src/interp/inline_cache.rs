//! Inline caches of the eval loop: one entry per name of a code object (`CodeObj::caches`,
//! indexed like `co_names`), used by LOAD_GLOBAL, LOAD_ATTR, STORE_ATTR and LOAD_METHOD.
//!
//! An entry records a fact about a *state* that cannot change without the state's key
//! changing:
//! - attributes: (type version tag, instance map). Type versions are unique for the life of
//!   the process and change whenever the namespace of the type or of a base changes; a map
//!   (hidden class) fixes which attribute names an instance has and their slots. So "for type
//!   version V and map M, `obj.name` is instance slot i and the type has no attribute `name`"
//!   stays true for as long as V and M are what the object has.
//! - globals: (globals dict, its version, builtins dict, its version); a dict's version is
//!   bumped by every mutation.
//!
//! Entries are never traced by the collector: each records `Vm::gc_epoch` and is ignored after
//! a collection, so an address freed (and maybe reused) by a collection is never matched, and
//! a cache never keeps an object alive.
//!
//! A miss runs the generic path (`ops::attr`, the dict lookups), then `fill_*` records the
//! state if it is one of the simple cases above; everything else keeps taking the generic path.

use crate::ops::attr::{generic_getattribute_native, generic_setattr_native, is_native};
use crate::types::descriptors::MemberObj;
use crate::types::dict::DictObj;
use crate::types::function::{FunctionObj, NativeFunction};
use crate::types::instance::{AttrStore, MapObj, SlotStore, attr_store_of};
use crate::types::typeobj::{self, TypeFlags, TypeObject};
use crate::value::Value;
use crate::vm::Vm;
use std::cell::Cell;

/// `flags` bits: which instructions the entry answers.
const LOAD: u32 = 1;
const STORE: u32 = 2;
const METHOD: u32 = 4;
const GLOBAL: u32 = 8;
/// LOAD/STORE of a `__slots__` member: `index` is the slot (keyed by the type version only).
const SLOT_LOAD: u32 = 16;
const SLOT_STORE: u32 = 32;

pub struct NameCache {
    /// `Vm::gc_epoch` when filled (0: empty).
    epoch: Cell<u64>,
    flags: Cell<u32>,
    /// Attribute slot index (LOAD/STORE).
    index: Cell<u32>,
    /// Type version (attributes) or the globals dict's version.
    v1: Cell<u64>,
    /// The builtins dict's version (GLOBAL).
    v2: Cell<u64>,
    /// The instance map, NULL for "no attribute storage" (attributes); the globals dict.
    a: Cell<Value>,
    /// The builtins dict (GLOBAL).
    b: Cell<Value>,
    /// The method (METHOD) or the global's value (GLOBAL).
    value: Cell<Value>,
}

impl NameCache {
    fn empty() -> NameCache {
        NameCache {
            epoch: Cell::new(0),
            flags: Cell::new(0),
            index: Cell::new(0),
            v1: Cell::new(0),
            v2: Cell::new(0),
            a: Cell::new(Value::NULL),
            b: Cell::new(Value::NULL),
            value: Cell::new(Value::NULL),
        }
    }
}

/// The cache entries of a code object with `n` names.
pub fn new_caches(n: usize) -> Box<[NameCache]> {
    (0..n).map(|_| NameCache::empty()).collect()
}

#[inline]
fn dict_version(d: Value) -> Option<u64> {
    d.downcast::<DictObj>().map(|x| x.version.get())
}

#[inline]
fn type_version(ty: Value) -> u64 {
    ty.downcast::<TypeObject>()
        .map(|t| t.version.get())
        .unwrap_or(0)
}

/// The object's instance map, NULL when it has no attribute storage yet, None when its
/// attributes are a dict (not cacheable).
#[inline]
fn map_of(obj: Value) -> Option<(Value, Option<&'static AttrStore>)> {
    let Some(h) = obj.header() else {
        return Some((Value::NULL, None));
    };
    let a = h.attrs.get();
    if a.is_null() {
        return Some((Value::NULL, None));
    }
    if a.is::<SlotStore>() && attr_store_of(a).is_none() {
        // Slots only (or a dict): the map is that of "no attribute storage" unless a dict.
        return match a.downcast::<SlotStore>()?.dict.get() {
            d if d.is_null() => Some((Value::NULL, None)),
            _ => None,
        };
    }
    let st = attr_store_of(a)?;
    Some((st.map.get(), Some(st)))
}

// ----- globals -----

#[inline(always)]
pub fn load_global(vm: &Vm, e: &NameCache, globals: Value, builtins: Value) -> Option<Value> {
    if e.epoch.get() == vm.gc_epoch
        && e.flags.get() == GLOBAL
        && e.a.get() == globals
        && e.b.get() == builtins
        && dict_version(globals) == Some(e.v1.get())
        && dict_version(builtins) == Some(e.v2.get())
    {
        return Some(e.value.get());
    }
    None
}

pub fn fill_global(vm: &Vm, e: &NameCache, globals: Value, builtins: Value, value: Value) {
    let (Some(g), Some(b)) = (dict_version(globals), dict_version(builtins)) else {
        return;
    };
    e.epoch.set(vm.gc_epoch);
    e.flags.set(GLOBAL);
    e.a.set(globals);
    e.b.set(builtins);
    e.v1.set(g);
    e.v2.set(b);
    e.value.set(value);
}

// ----- attributes -----

/// LOAD_ATTR hit: the instance slot's value.
#[inline(always)]
pub fn load_attr(vm: &Vm, e: &NameCache, obj: Value) -> Option<Value> {
    if e.epoch.get() != vm.gc_epoch || e.flags.get() & LOAD == 0 {
        if e.epoch.get() == vm.gc_epoch && e.flags.get() & SLOT_LOAD != 0 {
            return load_slot(e, obj);
        }
        return None;
    }
    let h = obj.header()?;
    if type_version(h.ty()) != e.v1.get() {
        return None;
    }
    let st = attr_store_of(h.attrs.get())?;
    if st.map.get() != e.a.get() {
        return None;
    }
    let v = *st.values.borrow().get(e.index.get() as usize)?;
    if v.is_null() { None } else { Some(v) }
}

/// LOAD_ATTR of a `__slots__` member: the slot's value (a miss when unset, so the generic
/// path raises the AttributeError).
#[inline]
fn load_slot(e: &NameCache, obj: Value) -> Option<Value> {
    let h = obj.header()?;
    if type_version(h.ty()) != e.v1.get() {
        return None;
    }
    let ss = h.attrs.get().downcast::<SlotStore>()?;
    let v = *ss.slots.borrow().get(e.index.get() as usize)?;
    if v.is_null() { None } else { Some(v) }
}

/// STORE_ATTR of a `__slots__` member, once the instance has its slot storage.
#[inline]
fn store_slot(e: &NameCache, obj: Value, value: Value) -> bool {
    let Some(h) = obj.header() else {
        return false;
    };
    if type_version(h.ty()) != e.v1.get() {
        return false;
    }
    let Some(ss) = h.attrs.get().downcast::<SlotStore>() else {
        return false;
    };
    match ss.slots.borrow_mut().get_mut(e.index.get() as usize) {
        Some(slot) => {
            *slot = value;
            true
        }
        None => false,
    }
}

/// STORE_ATTR hit: stores into the instance slot; false on a miss.
#[inline(always)]
pub fn store_attr(vm: &Vm, e: &NameCache, obj: Value, value: Value) -> bool {
    if e.epoch.get() != vm.gc_epoch || e.flags.get() & STORE == 0 {
        if e.epoch.get() == vm.gc_epoch && e.flags.get() & SLOT_STORE != 0 {
            return store_slot(e, obj, value);
        }
        return false;
    }
    let Some(h) = obj.header() else {
        return false;
    };
    if type_version(h.ty()) != e.v1.get() {
        return false;
    }
    let Some(st) = attr_store_of(h.attrs.get()) else {
        return false;
    };
    if st.map.get() != e.a.get() {
        return false;
    }
    match st.values.borrow_mut().get_mut(e.index.get() as usize) {
        Some(slot) => {
            *slot = value;
            true
        }
        None => false,
    }
}

/// After a generic LOAD_ATTR/STORE_ATTR of `obj.name`: records where the attribute lives when
/// it is a plain instance attribute (the type has nothing named `name`, attribute access is
/// not customised).
pub fn fill_attr(vm: &mut Vm, e: &NameCache, obj: Value, name: Value) {
    let Some(h) = obj.header() else { return };
    let ty = h.ty();
    let Some(t) = ty.downcast::<TypeObject>() else {
        return;
    };
    if fill_slot(vm, e, ty, t, name) {
        return;
    }
    let Some(st) = attr_store_of(h.attrs.get()) else {
        return;
    };
    let map = st.map.get();
    let Some(ix) = map.downcast::<MapObj>().and_then(|m| m.index_of(name)) else {
        return;
    };
    if name == vm.names.dict || name == vm.names.class {
        return;
    }
    if !typeobj::lookup(vm, ty, name).is_null() {
        return;
    }
    let mut flags = 0;
    let ga = typeobj::lookup(vm, ty, vm.names.getattribute);
    if is_native(ga, generic_getattribute_native) {
        flags |= LOAD;
    }
    let sa = typeobj::lookup(vm, ty, vm.names.setattr);
    if (sa.is_null() || is_native(sa, generic_setattr_native))
        && t.flags.get().contains(TypeFlags::HAS_DICT)
    {
        flags |= STORE;
    }
    if flags == 0 {
        return;
    }
    e.epoch.set(vm.gc_epoch);
    e.flags.set(flags);
    e.v1.set(t.version.get());
    e.a.set(map);
    e.index.set(ix as u32);
}

/// Records a `__slots__` member of `ty` (found on the type, attribute access not customised);
/// true when `name` is such a member (filled or not).
fn fill_slot(vm: &mut Vm, e: &NameCache, ty: Value, t: &TypeObject, name: Value) -> bool {
    let descr = typeobj::lookup(vm, ty, name);
    let Some(m) = descr.downcast::<MemberObj>() else {
        return false;
    };
    if !m.getter.is_null() || !typeobj::is_subtype(ty, m.owner) {
        return true;
    }
    let mut flags = 0;
    let ga = typeobj::lookup(vm, ty, vm.names.getattribute);
    if is_native(ga, generic_getattribute_native) {
        flags |= SLOT_LOAD;
    }
    let sa = typeobj::lookup(vm, ty, vm.names.setattr);
    if sa.is_null() || is_native(sa, generic_setattr_native) {
        flags |= SLOT_STORE;
    }
    if flags != 0 {
        e.epoch.set(vm.gc_epoch);
        e.flags.set(flags);
        e.v1.set(t.version.get());
        e.a.set(Value::NULL);
        e.index.set(m.index as u32);
    }
    true
}

// ----- methods -----

/// LOAD_METHOD hit: the plain function found on the type (the instance has no attribute of
/// that name).
#[inline(always)]
pub fn load_method(vm: &Vm, e: &NameCache, obj: Value) -> Option<Value> {
    if e.epoch.get() != vm.gc_epoch || e.flags.get() != METHOD {
        return None;
    }
    if type_version(vm.type_of(obj)) != e.v1.get() {
        return None;
    }
    let (map, _) = map_of(obj)?;
    if map != e.a.get() {
        return None;
    }
    Some(e.value.get())
}

/// After a generic LOAD_METHOD that found `descr` unbound on `obj`'s type: records it for
/// this (type version, map).
pub fn fill_method(vm: &mut Vm, e: &NameCache, obj: Value, name: Value, descr: Value) {
    let ty = vm.type_of(obj);
    let Some(t) = ty.downcast::<TypeObject>() else {
        return;
    };
    let Some((map, _)) = map_of(obj) else { return };
    if !map.is_null()
        && map
            .downcast::<MapObj>()
            .is_none_or(|m| m.index_of(name).is_some())
    {
        return;
    }
    let plain = descr.is::<FunctionObj>()
        || descr.downcast::<NativeFunction>().is_some_and(|n| {
            n.bound.is_null()
                && !n.owner.is_null()
                && n.def.kind == crate::native::NativeKind::Function
        });
    if !plain {
        return;
    }
    let ga = typeobj::lookup(vm, ty, vm.names.getattribute);
    if !is_native(ga, generic_getattribute_native) || typeobj::lookup(vm, ty, name) != descr {
        return;
    }
    e.epoch.set(vm.gc_epoch);
    e.flags.set(METHOD);
    e.v1.set(t.version.get());
    e.a.set(map);
    e.value.set(descr);
}
