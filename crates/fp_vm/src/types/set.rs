//! `set` and `frozenset` storage. The table follows CPython's probing (9 linear probes, then
//! perturbation) and resize policy, so iteration order — which programs print — is the same
//! as CPython's for values with deterministic hashes (ints, floats, tuples of them).
//! Methods and operators live in `set_methods.rs`.

use crate::heap::alloc;
use crate::object::{ObjKind, Payload, Trace};
use crate::types::str::StrObj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::cell::{Cell, RefCell};

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
/// Marks a deleted slot (a word no real Value uses: low bits 110).
const DUMMY: Value = Value::SENTINEL;

#[derive(Clone, Copy)]
struct Slot {
    key: Value,
    hash: i64,
}

const UNUSED: Slot = Slot {
    key: Value::NULL,
    hash: 0,
};

#[derive(Clone)]
pub struct SetTable {
    slots: Vec<Slot>,
    fill: usize,
    used: usize,
}

impl Default for SetTable {
    fn default() -> Self {
        SetTable {
            slots: vec![UNUSED; MIN_SIZE],
            fill: 0,
            used: 0,
        }
    }
}

pub struct SetObj {
    pub table: RefCell<SetTable>,
    pub version: Cell<u64>,
    /// Cached hash of a frozenset (-1 = not computed).
    pub hash: Cell<i64>,
    /// Where `pop` resumes its scan (CPython's `finger`; survives `clear` and resizes, as there).
    finger: Cell<usize>,
}

impl Trace for SetObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        for s in self.table.borrow().slots.iter() {
            if s.key != DUMMY {
                s.key.trace(visit);
            }
        }
    }
}

impl Payload for SetObj {
    const KIND: ObjKind = ObjKind::Set;
}

impl SetObj {
    pub fn new() -> SetObj {
        SetObj {
            table: RefCell::new(SetTable::default()),
            version: Cell::new(0),
            hash: Cell::new(-1),
            finger: Cell::new(0),
        }
    }
    pub fn len(&self) -> usize {
        self.table.borrow().used
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The members in table order.
    pub fn items(&self) -> Vec<Value> {
        self.table
            .borrow()
            .slots
            .iter()
            .filter(|s| !s.key.is_null() && s.key != DUMMY)
            .map(|s| s.key)
            .collect()
    }
    pub fn items_hashed(&self) -> Vec<(Value, i64)> {
        self.table
            .borrow()
            .slots
            .iter()
            .filter(|s| !s.key.is_null() && s.key != DUMMY)
            .map(|s| (s.key, s.hash))
            .collect()
    }
    /// Slot-position iteration for set iterators: (next position, key).
    pub fn entry_from(&self, pos: usize) -> Option<(usize, Value)> {
        let t = self.table.borrow();
        let mut p = pos;
        while p < t.slots.len() {
            let s = t.slots[p];
            if !s.key.is_null() && s.key != DUMMY {
                return Some((p + 1, s.key));
            }
            p += 1;
        }
        None
    }
    fn touch(&self) {
        self.version.set(self.version.get() + 1);
    }
}

impl Default for SetObj {
    fn default() -> Self {
        Self::new()
    }
}

pub fn new_set(vm: &mut Vm) -> Value {
    alloc(vm.types.set, SetObj::new())
}

pub fn new_set_of_type(ty: Value) -> Value {
    alloc(ty, SetObj::new())
}

pub fn new_frozenset_from(vm: &mut Vm, items: Vec<Value>) -> PyResult<Value> {
    let s = alloc(vm.types.frozenset, SetObj::new());
    for it in items {
        add(vm, s, it)?;
    }
    Ok(s)
}

/// A frozenset constant of a code object, laid out as CPython's: its compiler builds the
/// frozenset from the elements, then `merge_consts_recursive` rebuilds it from that frozenset's
/// iteration order. Set displays of 3+ constants (`BUILD_SET 0; LOAD_CONST; SET_UPDATE`) and
/// `x in {...}` tests print in the order this layout gives.
pub fn new_frozenset_const(vm: &mut Vm, items: Vec<Value>) -> PyResult<Value> {
    let first = new_frozenset_from(vm, items)?;
    let order = sobj(first).items();
    new_frozenset_from(vm, order)
}

fn sobj(s: Value) -> &'static SetObj {
    match s.downcast::<SetObj>() {
        Some(x) => x,
        None => panic!("internal error: expected a set, got {s:?}"),
    }
}

fn fast_eq(a: Value, b: Value) -> Option<bool> {
    if a == b {
        return Some(true);
    }
    if let (Some(x), Some(y)) = (a.downcast::<StrObj>(), b.downcast::<StrObj>())
        && !crate::types::dict::is_str_subclass(a)
        && !crate::types::dict::is_str_subclass(b)
    {
        return Some(x.as_str() == y.as_str());
    }
    if a.is_small_int() && b.is_small_int() {
        return Some(false);
    }
    None
}

enum Found {
    Active(usize),
    /// Not present: the slot to fill and whether it was unused (vs. a dummy).
    Free(usize, bool),
}

/// Looks `key` up; may run Python `__eq__` (the table is not borrowed during it; on mutation the
/// probe restarts).
fn find(vm: &mut Vm, so: &SetObj, key: Value, hash: i64) -> PyResult<Found> {
    'restart: loop {
        let version = so.version.get();
        let mask = so.table.borrow().slots.len() - 1;
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        let mut freeslot: Option<usize> = None;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            let mut j = i;
            for _ in 0..=probes {
                let slot = so.table.borrow().slots[j];
                if slot.key.is_null() {
                    return Ok(match freeslot {
                        Some(f) => Found::Free(f, false),
                        None => Found::Free(j, true),
                    });
                }
                if slot.key == DUMMY {
                    // CPython 3.11 fills the *last* dummy met on the probe path.
                    freeslot = Some(j);
                } else if slot.hash == hash {
                    match fast_eq(slot.key, key) {
                        Some(true) => return Ok(Found::Active(j)),
                        Some(false) => {}
                        None => {
                            let eq = crate::ops::compare::eq(vm, slot.key, key)?;
                            if so.version.get() != version {
                                continue 'restart;
                            }
                            if eq {
                                return Ok(Found::Active(j));
                            }
                        }
                    }
                }
                j += 1;
            }
            perturb >>= 5;
            i = (i * 5 + 1 + perturb as usize) & mask;
        }
    }
}

fn insert_clean(slots: &mut [Slot], key: Value, hash: i64) {
    let mask = slots.len() - 1;
    let mut i = (hash as u64 as usize) & mask;
    let mut perturb = hash as u64;
    loop {
        if slots[i].key.is_null() {
            slots[i] = Slot { key, hash };
            return;
        }
        if i + LINEAR_PROBES <= mask {
            for j in i + 1..=i + LINEAR_PROBES {
                if slots[j].key.is_null() {
                    slots[j] = Slot { key, hash };
                    return;
                }
            }
        }
        perturb >>= 5;
        i = (i * 5 + 1 + perturb as usize) & mask;
    }
}

fn resize(t: &mut SetTable, minused: usize) {
    let mut size = MIN_SIZE;
    while size <= minused {
        size <<= 1;
    }
    let old = std::mem::replace(&mut t.slots, vec![UNUSED; size]);
    for s in old {
        if !s.key.is_null() && s.key != DUMMY {
            insert_clean(&mut t.slots, s.key, s.hash);
        }
    }
    t.fill = t.used;
}

pub fn add(vm: &mut Vm, s: Value, key: Value) -> PyResult<()> {
    let hash = crate::ops::hash::hash(vm, key)?;
    add_hashed(vm, s, key, hash)
}

pub fn add_hashed(vm: &mut Vm, s: Value, key: Value, hash: i64) -> PyResult<()> {
    let so = sobj(s);
    match find(vm, so, key, hash)? {
        Found::Active(_) => {}
        Found::Free(ix, unused) => {
            let mut t = so.table.borrow_mut();
            t.slots[ix] = Slot { key, hash };
            t.used += 1;
            if unused {
                t.fill += 1;
                let mask = t.slots.len() - 1;
                if t.fill * 5 >= mask * 3 {
                    let n = if t.used > 50000 {
                        t.used * 2
                    } else {
                        t.used * 4
                    };
                    resize(&mut t, n);
                }
            }
            drop(t);
            so.touch();
        }
    }
    Ok(())
}

/// `key in s` (a `set` key is looked up as a frozenset).
pub fn contains(vm: &mut Vm, s: Value, key: Value) -> PyResult<bool> {
    let (key, hash) = lookup_key(vm, key)?;
    Ok(matches!(find(vm, sobj(s), key, hash)?, Found::Active(_)))
}

pub fn contains_hashed(vm: &mut Vm, s: Value, key: Value, hash: i64) -> PyResult<bool> {
    Ok(matches!(find(vm, sobj(s), key, hash)?, Found::Active(_)))
}

/// Removes `key` (a `set` key is looked up as a frozenset); returns whether it was present.
pub fn discard(vm: &mut Vm, s: Value, key: Value) -> PyResult<bool> {
    let (key, hash) = lookup_key(vm, key)?;
    discard_hashed(vm, s, key, hash)
}

/// Removes and returns an arbitrary member: CPython's `set.pop` scan, which resumes where the
/// previous pop stopped.
pub fn pop(s: Value) -> Option<Value> {
    let so = sobj(s);
    let mut t = so.table.borrow_mut();
    if t.used == 0 {
        return None;
    }
    let mask = t.slots.len() - 1;
    let mut i = so.finger.get() & mask;
    while t.slots[i].key.is_null() || t.slots[i].key == DUMMY {
        i = if i >= mask { 0 } else { i + 1 };
    }
    let k = t.slots[i].key;
    t.slots[i] = Slot {
        key: DUMMY,
        hash: -1,
    };
    t.used -= 1;
    drop(t);
    so.finger.set(i + 1);
    so.touch();
    Some(k)
}

pub fn clear(s: Value) {
    let so = sobj(s);
    *so.table.borrow_mut() = SetTable::default();
    so.touch();
}

/// Adds every element of `iterable` (CPython's `set_update_internal`): sets are merged slot by
/// slot and exact dicts with their stored hashes, with CPython's pre-sizing, so the resulting
/// layout (and iteration order) matches.
pub fn update(vm: &mut Vm, s: Value, iterable: Value) -> PyResult<()> {
    update_in(vm, s, iterable, false)
}

/// `update`, from a clean position when `clean` (see `ops::call::call_kw_in`; the caller roots
/// `s` and `iterable`).
pub fn update_in(vm: &mut Vm, s: Value, iterable: Value, clean: bool) -> PyResult<()> {
    if iterable.is::<SetObj>() {
        return merge(vm, s, iterable);
    }
    if vm.type_of(iterable) == vm.types.dict {
        let keys = crate::types::dict::keys_hashed(iterable);
        presize(sobj(s), keys.len());
        for (k, h) in keys {
            add_hashed(vm, s, k, h)?;
        }
        return Ok(());
    }
    let it = crate::ops::iter::get_iter(vm, iterable)?;
    let mark = vm.roots_mark();
    if clean {
        vm.root(it);
    }
    let r = (|| {
        while let Some(v) = crate::ops::iter::next_in(vm, it, clean)? {
            add(vm, s, v)?;
        }
        Ok(())
    })();
    vm.truncate_roots(mark);
    r
}

/// One big resize before adding `n` probably-new keys.
fn presize(so: &SetObj, n: usize) {
    let mut t = so.table.borrow_mut();
    let mask = t.slots.len() - 1;
    if (t.fill + n) * 5 >= mask * 3 {
        let m = (t.used + n) * 2;
        resize(&mut t, m);
    }
}

/// `set_merge`: adds the members of the set `o` to `s`.
fn merge(vm: &mut Vm, s: Value, o: Value) -> PyResult<()> {
    if s == o {
        return Ok(());
    }
    let so = sobj(s);
    let (oslots, ofill, oused) = {
        let t = sobj(o).table.borrow();
        (t.slots.clone(), t.fill, t.used)
    };
    if oused == 0 {
        return Ok(());
    }
    presize(so, oused);
    {
        let mut t = so.table.borrow_mut();
        if t.fill == 0 {
            if t.slots.len() == oslots.len() && ofill == oused {
                // Same size and no dummies: copy the slots as they are.
                t.slots.copy_from_slice(&oslots);
            } else {
                for sl in &oslots {
                    if !sl.key.is_null() && sl.key != DUMMY {
                        insert_clean(&mut t.slots, sl.key, sl.hash);
                    }
                }
            }
            t.fill = oused;
            t.used = oused;
            drop(t);
            so.touch();
            return Ok(());
        }
    }
    for sl in oslots {
        if !sl.key.is_null() && sl.key != DUMMY {
            add_hashed(vm, s, sl.key, sl.hash)?;
        }
    }
    Ok(())
}

/// The key and hash to look up for `__contains__`/`remove`/`discard`: an unhashable `set` is
/// looked up as the equal frozenset, as CPython does.
pub fn lookup_key(vm: &mut Vm, key: Value) -> PyResult<(Value, i64)> {
    match crate::ops::hash::hash(vm, key) {
        Ok(h) => Ok((key, h)),
        Err(e) => {
            let is_set = key.is::<SetObj>()
                && crate::types::typeobj::is_subtype(vm.type_of(key), vm.types.set);
            if !is_set || !vm.exc_matches(e, vm.exc.type_error) {
                return Err(e);
            }
            let fs = alloc(vm.types.frozenset, SetObj::new());
            merge(vm, fs, key)?;
            let h = frozenset_hash(sobj(fs));
            Ok((fs, h))
        }
    }
}

/// Removes `key` (hash precomputed); returns whether it was present.
pub fn discard_hashed(vm: &mut Vm, s: Value, key: Value, hash: i64) -> PyResult<bool> {
    let so = sobj(s);
    match find(vm, so, key, hash)? {
        Found::Active(ix) => {
            let mut t = so.table.borrow_mut();
            t.slots[ix] = Slot {
                key: DUMMY,
                hash: -1,
            };
            t.used -= 1;
            drop(t);
            so.touch();
            Ok(true)
        }
        Found::Free(..) => Ok(false),
    }
}

/// After bulk removals: when more than a quarter of the table is dummies, rebuild it (CPython
/// does this at the end of `difference_update`).
pub fn drop_dummies(s: Value) {
    let so = sobj(s);
    let mut t = so.table.borrow_mut();
    let mask = t.slots.len() - 1;
    if t.fill - t.used <= mask / 4 {
        return;
    }
    let n = if t.used > 50000 {
        t.used * 2
    } else {
        t.used * 4
    };
    resize(&mut t, n);
    drop(t);
    so.touch();
}

/// Gives `dst` the table of `src` (CPython's `set_swap_bodies`, used by `intersection_update`
/// with a temporary result, so the layout is the temporary's).
pub fn take_table(dst: Value, src: Value) {
    if dst == src {
        return;
    }
    let t = sobj(src).table.borrow().clone();
    let d = sobj(dst);
    *d.table.borrow_mut() = t;
    d.hash.set(-1);
    d.touch();
}

/// The number of members of the set `s`.
pub fn sobj_len(s: Value) -> usize {
    sobj(s).len()
}

/// The table size (for `__sizeof__`).
pub fn table_size(so: &SetObj) -> usize {
    so.table.borrow().slots.len()
}

/// `hash(frozenset)`, CPython's order-independent scheme.
pub fn frozenset_hash(so: &SetObj) -> i64 {
    let cached = so.hash.get();
    if cached != -1 {
        return cached;
    }
    fn shuffle(h: u64) -> u64 {
        ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
    }
    let mut hash: u64 = 0;
    for (_, h) in so.items_hashed() {
        hash ^= shuffle(h as u64);
    }
    hash ^= (so.len() as u64 + 1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    let mut r = hash as i64;
    if r == -1 {
        r = 590923713;
    }
    so.hash.set(r);
    r
}
