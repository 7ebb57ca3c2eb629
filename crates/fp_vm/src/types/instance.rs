//! Instance attribute storage with maps (hidden classes).
//!
//! An object's `attrs` header word is NULL (no attributes yet), an `AttrStore` (a map plus a
//! vector of values in the map's order), or a real `dict` once Python code asked for
//! `__dict__` or deleted an attribute ("dict mode"; the dict is then the storage, so
//! `obj.__dict__` and attribute access stay consistent).
//!
//! Maps are shared: objects that got the same attributes in the same order share one map, so
//! an inline cache can check one map pointer and read a slot at a known index.
//! Attribute names here are always interned str values, compared by identity.
//!
//! Instances of classes with `__slots__` keep their slot values apart: once a slot is written,
//! `attrs` becomes a `SlotStore` (the slot values by index, plus the storage above for the
//! `__dict__`, if the class has one). Member descriptors read and write slots by index; every
//! function here that deals with the instance dict looks through the `SlotStore`.

use crate::heap::alloc;
use crate::object::{ObjKind, Payload, Trace};
use crate::types::dict::{self, DictObj};
use crate::value::Value;
use crate::vm::Vm;
use std::cell::{Cell, RefCell};

pub struct MapObj {
    pub names: Vec<Value>,
    transitions: RefCell<Vec<(Value, Value)>>,
}

impl Trace for MapObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.names.trace(visit);
        for (k, v) in self.transitions.borrow().iter() {
            k.trace(visit);
            v.trace(visit);
        }
    }
}

impl Payload for MapObj {
    const KIND: ObjKind = ObjKind::Map;
}

impl MapObj {
    #[inline]
    pub fn index_of(&self, name: Value) -> Option<usize> {
        self.names.iter().position(|n| *n == name)
    }
}

pub fn new_empty_map(vm: &mut Vm) -> Value {
    alloc(
        vm.types.map,
        MapObj {
            names: Vec::new(),
            transitions: RefCell::new(Vec::new()),
        },
    )
}

/// The map reached from `map` by adding `name` (created and remembered on first use).
fn transition(vm: &mut Vm, map: Value, name: Value) -> Value {
    let m = map_of(map);
    if let Some((_, next)) = m.transitions.borrow().iter().find(|(n, _)| *n == name) {
        return *next;
    }
    let mut names = m.names.clone();
    names.push(name);
    let next = alloc(
        vm.types.map,
        MapObj {
            names,
            transitions: RefCell::new(Vec::new()),
        },
    );
    m.transitions.borrow_mut().push((name, next));
    next
}

fn map_of(v: Value) -> &'static MapObj {
    match v.downcast::<MapObj>() {
        Some(m) => m,
        None => panic!("internal error: not a map"),
    }
}

pub struct AttrStore {
    pub map: Cell<Value>,
    pub values: RefCell<Vec<Value>>,
}

impl Trace for AttrStore {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.map.trace(visit);
        self.values.trace(visit);
    }
}

impl Payload for AttrStore {
    const KIND: ObjKind = ObjKind::AttrStore;
}

/// The instance's slot values (by member index) and its dict storage (NULL, an `AttrStore` or
/// a dict, exactly as a header's `attrs`).
pub struct SlotStore {
    pub slots: RefCell<Vec<Value>>,
    pub dict: Cell<Value>,
}

impl Trace for SlotStore {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.slots.trace(visit);
        self.dict.trace(visit);
    }
}

impl Payload for SlotStore {
    const KIND: ObjKind = ObjKind::SlotStore;
}

/// The cell holding `obj`'s dict storage: the header's `attrs`, or the `SlotStore`'s.
#[inline]
fn dict_cell(h: &'static crate::object::ObjHeader) -> &'static Cell<Value> {
    match h.attrs.get().downcast::<SlotStore>() {
        Some(ss) => &ss.dict,
        None => &h.attrs,
    }
}

/// The `AttrStore` of an attribute word (looking through a `SlotStore`), for the inline caches.
#[inline]
pub fn attr_store_of(a: Value) -> Option<&'static AttrStore> {
    match a.downcast::<AttrStore>() {
        Some(st) => Some(st),
        None => a
            .downcast::<SlotStore>()?
            .dict
            .get()
            .downcast::<AttrStore>(),
    }
}

/// Reads slot `ix` of `obj` (None when unset).
#[inline]
pub fn slot_get(obj: Value, ix: usize) -> Option<Value> {
    let ss = obj.header()?.attrs.get().downcast::<SlotStore>()?;
    let v = *ss.slots.borrow().get(ix)?;
    if v.is_null() { None } else { Some(v) }
}

/// Writes slot `ix` of `obj` (NULL clears it); false when `obj` has no header.
pub fn slot_set(vm: &mut Vm, obj: Value, ix: usize, value: Value) -> bool {
    let Some(h) = obj.header() else { return false };
    let a = h.attrs.get();
    let ss = match a.downcast::<SlotStore>() {
        Some(ss) => ss,
        None => {
            if value.is_null() {
                return true;
            }
            let n = crate::types::slots::total_slots(h.ty()).max(ix + 1);
            let st = alloc(
                vm.types.attr_store,
                SlotStore {
                    slots: RefCell::new(vec![Value::NULL; n]),
                    dict: Cell::new(a),
                },
            );
            h.attrs.set(st);
            match st.downcast::<SlotStore>() {
                Some(ss) => ss,
                None => return false,
            }
        }
    };
    let mut slots = ss.slots.borrow_mut();
    if slots.len() <= ix {
        slots.resize(ix + 1, Value::NULL);
    }
    slots[ix] = value;
    true
}

/// Reads attribute `name` (interned) from `obj`'s own storage.
#[inline]
pub fn get(obj: Value, name: Value) -> Option<Value> {
    let h = obj.header()?;
    let mut a = h.attrs.get();
    if a.is_null() {
        return None;
    }
    if let Some(st) = a.downcast::<AttrStore>() {
        let ix = map_of(st.map.get()).index_of(name)?;
        let v = st.values.borrow()[ix];
        return if v.is_null() { None } else { Some(v) };
    }
    if let Some(ss) = a.downcast::<SlotStore>() {
        a = ss.dict.get();
        if let Some(st) = a.downcast::<AttrStore>() {
            let ix = map_of(st.map.get()).index_of(name)?;
            let v = st.values.borrow()[ix];
            return if v.is_null() { None } else { Some(v) };
        }
    }
    if a.is::<DictObj>() {
        return dict::get_str_value(a, name);
    }
    None
}

/// Writes attribute `name` (interned). Returns false when `obj` cannot hold attributes.
pub fn set(vm: &mut Vm, obj: Value, name: Value, value: Value) -> bool {
    let Some(h) = obj.header() else { return false };
    let cell = dict_cell(h);
    let a = cell.get();
    if a.is_null() {
        let map = transition(vm, vm.empty_map, name);
        let st = alloc(
            vm.types.attr_store,
            AttrStore {
                map: Cell::new(map),
                values: RefCell::new(vec![value]),
            },
        );
        cell.set(st);
        return true;
    }
    if let Some(st) = a.downcast::<AttrStore>() {
        let map = st.map.get();
        if let Some(ix) = map_of(map).index_of(name) {
            st.values.borrow_mut()[ix] = value;
        } else {
            let next = transition(vm, map, name);
            st.map.set(next);
            st.values.borrow_mut().push(value);
        }
        return true;
    }
    if a.is::<DictObj>() {
        dict::set_item_str(vm, a, name, value);
        return true;
    }
    false
}

/// Deletes attribute `name`; returns whether it existed.
pub fn delete(vm: &mut Vm, obj: Value, name: Value) -> bool {
    if get(obj, name).is_none() {
        return false;
    }
    let d = to_dict(vm, obj);
    dict::del_item_str(vm, d, name)
}

/// Switches `obj` to dict mode (if not already) and returns the dict: `obj.__dict__`.
pub fn to_dict(vm: &mut Vm, obj: Value) -> Value {
    let Some(h) = obj.header() else {
        return dict::new_dict(vm);
    };
    let cell = dict_cell(h);
    let a = cell.get();
    if a.is::<DictObj>() {
        return a;
    }
    let d = dict::new_dict(vm);
    if let Some(st) = a.downcast::<AttrStore>() {
        let names = map_of(st.map.get()).names.clone();
        let values = st.values.borrow().clone();
        for (n, v) in names.into_iter().zip(values) {
            if !v.is_null() {
                dict::set_item_str(vm, d, n, v);
            }
        }
    }
    cell.set(d);
    d
}

/// Whether `obj` has instance dict storage (its `attrs`, or that of its `SlotStore`).
pub fn has_dict_storage(obj: Value) -> bool {
    !dict_storage(obj).is_null()
}

/// `obj`'s dict storage as it is (NULL, an `AttrStore` or a dict), past any `SlotStore`.
pub fn dict_storage(obj: Value) -> Value {
    obj.header()
        .map(|h| dict_cell(h).get())
        .unwrap_or(Value::NULL)
}

/// Whether `obj` has a non-empty instance dict storage (without creating a dict).
pub fn has_attrs(obj: Value) -> bool {
    let Some(h) = obj.header() else { return false };
    let a = dict_cell(h).get();
    if let Some(st) = a.downcast::<AttrStore>() {
        return st.values.borrow().iter().any(|v| !v.is_null());
    }
    a.is::<DictObj>() && dict::len(a) > 0
}

/// Replaces `obj.__dict__` (assignment to `__dict__`).
pub fn set_dict(obj: Value, d: Value) {
    if let Some(h) = obj.header() {
        dict_cell(h).set(d);
    }
}

/// The (name, value) pairs of `obj`'s own attributes, in insertion order.
pub fn items(obj: Value) -> Vec<(Value, Value)> {
    let Some(h) = obj.header() else {
        return Vec::new();
    };
    let a = dict_cell(h).get();
    if let Some(st) = a.downcast::<AttrStore>() {
        let names = map_of(st.map.get()).names.clone();
        let values = st.values.borrow().clone();
        return names
            .into_iter()
            .zip(values)
            .filter(|(_, v)| !v.is_null())
            .collect();
    }
    if a.is::<DictObj>() {
        return dict::items(a);
    }
    Vec::new()
}
