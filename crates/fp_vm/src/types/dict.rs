//! `dict` storage: CPython's compact ordered hash table (an index array into an entries array
//! kept in insertion order). The Python-visible methods live in `dict_methods.rs`.
//!
//! Lookups may call Python `__eq__`, which may mutate the dict: the table is never borrowed
//! across such a call, and a lookup restarts if the dict changed meanwhile (as CPython does).

use crate::heap::alloc;
use crate::object::{ObjKind, Payload, Trace};
use crate::types::str::StrObj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::cell::{Cell, RefCell};

const EMPTY: i32 = -1;
const DUMMY: i32 = -2;
const MIN_SIZE: usize = 8;

#[derive(Clone, Copy)]
pub struct Entry {
    pub hash: i64,
    /// NULL for a deleted entry.
    pub key: Value,
    pub value: Value,
}

#[derive(Default)]
pub struct DictTable {
    indices: Vec<i32>,
    pub entries: Vec<Entry>,
    used: usize,
    /// Index slots that are not EMPTY (live or DUMMY). Lookups of absent keys stop only at an
    /// EMPTY slot, so the table grows (rebuilds) before `fill` reaches the usable fraction,
    /// whatever the number of live entries.
    fill: usize,
    /// Whether a key other than an exact str was ever stored (CPython's "general" key kind;
    /// only `__sizeof__` can tell).
    general: bool,
}

pub struct DictObj {
    pub table: RefCell<DictTable>,
    /// Bumped on every mutation: iterators and restarted lookups detect changes with it.
    pub version: Cell<u64>,
}

impl Trace for DictObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        let t = self.table.borrow();
        for e in &t.entries {
            e.key.trace(visit);
            e.value.trace(visit);
        }
    }
}

impl Payload for DictObj {
    const KIND: ObjKind = ObjKind::Dict;
}

impl DictObj {
    pub fn new() -> DictObj {
        DictObj {
            table: RefCell::new(DictTable::default()),
            version: Cell::new(0),
        }
    }
    pub fn len(&self) -> usize {
        self.table.borrow().used
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn touch(&self) {
        self.version.set(self.version.get() + 1);
    }
}

impl Default for DictObj {
    fn default() -> Self {
        Self::new()
    }
}

pub fn new_dict(vm: &mut Vm) -> Value {
    alloc(vm.types.dict, DictObj::new())
}

pub fn new_dict_of_type(ty: Value) -> Value {
    alloc(ty, DictObj::new())
}

#[inline]
fn dobj(d: Value) -> &'static DictObj {
    match d.downcast::<DictObj>() {
        Some(x) => x,
        None => panic!("internal error: expected a dict, got {d:?}"),
    }
}

/// Equality decidable without running Python code: identity, or both exact str / small ints.
#[inline]
fn fast_eq(a: Value, b: Value) -> Option<bool> {
    if a == b {
        return Some(true);
    }
    match (a.downcast::<StrObj>(), b.downcast::<StrObj>()) {
        // A str subclass may define its own `__eq__`: only exact strs compare by text here.
        (Some(_), Some(_)) if is_str_subclass(a) || is_str_subclass(b) => {}
        (Some(x), Some(y)) => return Some(x.as_str() == y.as_str()),
        (Some(_), None) | (None, Some(_)) => {
            if a.is_small_int() || b.is_small_int() || a.is_immediate() || b.is_immediate() {
                return Some(false);
            }
        }
        _ => {}
    }
    if a.is_small_int() && b.is_small_int() {
        return Some(false);
    }
    None
}

/// Whether the str `v` is an instance of a subclass of str (a heap type).
#[inline]
pub(crate) fn is_str_subclass(v: Value) -> bool {
    v.header().is_some_and(|h| {
        crate::types::typeobj::type_flags(h.ty())
            .contains(crate::types::typeobj::TypeFlags::HEAPTYPE)
    })
}

enum Probe {
    Found(usize),
    /// Not found; the index slot where it would go.
    Missing(usize),
}

impl DictTable {
    fn mask(&self) -> usize {
        self.indices.len() - 1
    }

    /// Probes for `key` using only `fast_eq`; returns Err(entry index) when a candidate with the
    /// same hash needs a Python-level comparison, with the probe state to resume from.
    fn probe_fast(
        &self,
        key: Value,
        hash: i64,
        start: (usize, u64),
    ) -> Result<Probe, (usize, usize, u64)> {
        let mask = self.mask();
        let (mut i, mut perturb) = start;
        let mut free: Option<usize> = None;
        loop {
            let ix = self.indices[i];
            if ix == EMPTY {
                return Ok(Probe::Missing(free.unwrap_or(i)));
            }
            if ix == DUMMY {
                free.get_or_insert(i);
            } else {
                let e = &self.entries[ix as usize];
                if e.key == key {
                    return Ok(Probe::Found(ix as usize));
                }
                if e.hash == hash {
                    match fast_eq(e.key, key) {
                        Some(true) => return Ok(Probe::Found(ix as usize)),
                        Some(false) => {}
                        None => return Err((ix as usize, i, perturb)),
                    }
                }
            }
            perturb >>= 5;
            i = (i * 5 + 1 + perturb as usize) & mask;
        }
    }

    fn insert_index(&mut self, hash: i64, entry_ix: usize) {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        while self.indices[i] >= 0 {
            perturb >>= 5;
            i = (i * 5 + 1 + perturb as usize) & mask;
        }
        if self.indices[i] == EMPTY {
            self.fill += 1;
        }
        self.indices[i] = entry_ix as i32;
    }

    /// Rebuilds the index for a table of `size` slots (a power of two), dropping deleted entries.
    fn resize_to(&mut self, size: usize) {
        self.entries.retain(|e| !e.key.is_null());
        self.indices = vec![EMPTY; size];
        self.fill = 0;
        for ix in 0..self.entries.len() {
            let h = self.entries[ix].hash;
            self.insert_index(h, ix);
        }
    }

    /// Makes room for one more entry, growing as CPython 3.11 does (to the smallest power of two
    /// holding `used * 3`; also when the first non-str key arrives), so `__sizeof__` agrees.
    fn ensure_room(&mut self, key_is_str: bool) {
        if self.indices.is_empty() {
            self.general = !key_is_str;
            self.resize_to(MIN_SIZE);
            return;
        }
        let room = usable(self.indices.len());
        let full = self.entries.len() >= room || self.fill >= room;
        if full || (!self.general && !key_is_str) {
            if !key_is_str {
                self.general = true;
            }
            self.resize_to(size_for(self.used * 3));
        }
    }
}

/// CPython's USABLE_FRACTION: entries a table of `size` slots holds before growing.
fn usable(size: usize) -> usize {
    (size << 1) / 3
}

/// CPython's `calculate_log2_keysize` (as a size): the table size used for a resize asked to
/// hold `n` (a power of two above `n`, at least 16 for any non-zero `n` below 8).
fn size_for(n: usize) -> usize {
    let m = ((n | MIN_SIZE) - 1) | (MIN_SIZE - 1);
    1usize << (usize::BITS - m.leading_zeros())
}

/// Finds `key` (hash precomputed). Returns the entry index when present.
fn find(vm: &mut Vm, d: &DictObj, key: Value, hash: i64) -> PyResult<Result<usize, usize>> {
    'restart: loop {
        let version = d.version.get();
        let (mut state, len) = {
            let t = d.table.borrow();
            if t.indices.is_empty() {
                return Ok(Err(0));
            }
            (
                ((hash as u64 as usize) & t.mask(), hash as u64),
                t.indices.len(),
            )
        };
        loop {
            let r = {
                let t = d.table.borrow();
                if t.indices.len() != len {
                    continue 'restart;
                }
                t.probe_fast(key, hash, state)
            };
            match r {
                Ok(Probe::Found(ix)) => return Ok(Ok(ix)),
                Ok(Probe::Missing(slot)) => return Ok(Err(slot)),
                Err((ix, i, perturb)) => {
                    let ekey = d.table.borrow().entries[ix].key;
                    let eq = crate::ops::compare::eq(vm, ekey, key)?;
                    if d.version.get() != version {
                        continue 'restart;
                    }
                    if eq {
                        return Ok(Ok(ix));
                    }
                    let mask = len - 1;
                    let p = perturb >> 5;
                    state = ((i * 5 + 1 + p as usize) & mask, p);
                }
            }
        }
    }
}

// ----- the API used by the rest of the VM -----

pub fn len(d: Value) -> usize {
    dobj(d).len()
}

pub fn get_item(vm: &mut Vm, d: Value, key: Value) -> PyResult<Option<Value>> {
    let hash = crate::ops::hash::hash(vm, key)?;
    get_item_hashed(vm, d, key, hash)
}

pub fn get_item_hashed(vm: &mut Vm, d: Value, key: Value, hash: i64) -> PyResult<Option<Value>> {
    let o = dobj(d);
    match find(vm, o, key, hash)? {
        Ok(ix) => Ok(Some(o.table.borrow().entries[ix].value)),
        Err(_) => Ok(None),
    }
}

pub fn set_item(vm: &mut Vm, d: Value, key: Value, value: Value) -> PyResult<()> {
    let hash = crate::ops::hash::hash(vm, key)?;
    set_item_hashed(vm, d, key, hash, value)
}

pub fn set_item_hashed(vm: &mut Vm, d: Value, key: Value, hash: i64, value: Value) -> PyResult<()> {
    replace_item_hashed(vm, d, key, hash, value).map(|_| ())
}

/// `set_item_hashed` returning the value it replaced (NULL when the key was new).
fn replace_item_hashed(
    vm: &mut Vm,
    d: Value,
    key: Value,
    hash: i64,
    value: Value,
) -> PyResult<Value> {
    let o = dobj(d);
    let mut old = Value::NULL;
    match find(vm, o, key, hash)? {
        Ok(ix) => {
            old = std::mem::replace(&mut o.table.borrow_mut().entries[ix].value, value);
        }
        Err(_) => {
            let is_str = key.is::<StrObj>() && vm.type_of(key) == vm.types.str_;
            let mut t = o.table.borrow_mut();
            t.ensure_room(is_str);
            let ix = t.entries.len();
            t.entries.push(Entry { hash, key, value });
            t.insert_index(hash, ix);
            t.used += 1;
        }
    }
    o.touch();
    Ok(old)
}

/// Removes `key`, returning its value when present.
pub fn del_item(vm: &mut Vm, d: Value, key: Value) -> PyResult<Option<Value>> {
    let hash = crate::ops::hash::hash(vm, key)?;
    let o = dobj(d);
    match find(vm, o, key, hash)? {
        Ok(ix) => Ok(Some(remove_entry(o, ix))),
        Err(_) => Ok(None),
    }
}

/// `del_item` with the key's hash already known (callers that cached it, as `lru_cache`).
pub fn del_item_hashed(vm: &mut Vm, d: Value, key: Value, hash: i64) -> PyResult<Option<Value>> {
    let o = dobj(d);
    match find(vm, o, key, hash)? {
        Ok(ix) => Ok(Some(remove_entry(o, ix))),
        Err(_) => Ok(None),
    }
}

fn remove_entry(o: &DictObj, ix: usize) -> Value {
    let mut t = o.table.borrow_mut();
    let mask = t.mask();
    let e = t.entries[ix];
    // Find the index slot that points at this entry and mark it DUMMY.
    let mut perturb = e.hash as u64;
    let mut i = (e.hash as u64 as usize) & mask;
    loop {
        if t.indices[i] == ix as i32 {
            t.indices[i] = DUMMY;
            break;
        }
        if t.indices[i] == EMPTY {
            break;
        }
        perturb >>= 5;
        i = (i * 5 + 1 + perturb as usize) & mask;
    }
    t.entries[ix].key = Value::NULL;
    t.entries[ix].value = Value::NULL;
    t.used -= 1;
    drop(t);
    o.touch();
    e.value
}

/// Lookup by an interned (or any exact) str key; never runs Python code.
pub fn get_str_value(d: Value, key: Value) -> Option<Value> {
    let s = key.downcast::<StrObj>()?;
    probe_str(d, s.hash(), key, s.as_str())
}

/// `get_str_value` for a dict that may hold other keys than exact strs: one of those whose
/// hash matches can equal `key` through its `__eq__` (a global looked up in a namespace with
/// such a key, as CPython's general lookup finds it). Only a miss of the str probe pays.
pub fn get_str_value_general(vm: &mut Vm, d: Value, key: Value) -> PyResult<Option<Value>> {
    if let Some(v) = get_str_value(d, key) {
        return Ok(Some(v));
    }
    if !dobj(d).table.borrow().general {
        return Ok(None);
    }
    get_item(vm, d, key)
}

/// Lookup by Rust string (hashes it; no allocation).
pub fn get_str(d: Value, key: &str) -> Option<Value> {
    probe_str(
        d,
        crate::types::str::hash_bytes(key.as_bytes()),
        Value::NULL,
        key,
    )
}

/// The probe shared by the str-keyed lookups: an entry matches when it is `key_obj` itself or
/// a str with the same hash and text. Never runs Python code.
fn probe_str(d: Value, hash: i64, key_obj: Value, text: &str) -> Option<Value> {
    let t = dobj(d).table.borrow();
    if t.indices.is_empty() {
        return None;
    }
    let mask = t.mask();
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    loop {
        let ix = t.indices[i];
        if ix == EMPTY {
            return None;
        }
        if ix >= 0 {
            let e = &t.entries[ix as usize];
            if e.key == key_obj
                || e.hash == hash
                    && e.key
                        .downcast::<StrObj>()
                        .is_some_and(|k| k.as_str() == text)
            {
                return Some(e.value);
            }
        }
        perturb >>= 5;
        i = (i * 5 + 1 + perturb as usize) & mask;
    }
}

/// Stores under a str key (never runs Python code: str equality is decidable in Rust).
pub fn set_item_str(vm: &mut Vm, d: Value, key: Value, value: Value) {
    replace_item_str(vm, d, key, value);
}

/// `set_item_str` returning the value it replaced (NULL when the key was new).
pub fn replace_item_str(vm: &mut Vm, d: Value, key: Value, value: Value) -> Value {
    let hash = key.downcast::<StrObj>().map(|s| s.hash()).unwrap_or(0);
    // Cannot fail: str keys hash and compare without Python code.
    match replace_item_hashed(vm, d, key, hash, value) {
        Ok(old) => old,
        Err(_) => {
            debug_assert!(false, "str-keyed dict store failed");
            Value::NULL
        }
    }
}

pub fn del_item_str(vm: &mut Vm, d: Value, key: Value) -> bool {
    matches!(del_item(vm, d, key), Ok(Some(_)))
}

/// A snapshot of the (key, value) pairs in order.
pub fn items(d: Value) -> Vec<(Value, Value)> {
    let t = dobj(d).table.borrow();
    t.entries
        .iter()
        .filter(|e| !e.key.is_null())
        .map(|e| (e.key, e.value))
        .collect()
}

pub fn keys(d: Value) -> Vec<Value> {
    let t = dobj(d).table.borrow();
    t.entries
        .iter()
        .filter(|e| !e.key.is_null())
        .map(|e| e.key)
        .collect()
}

pub fn values(d: Value) -> Vec<Value> {
    let t = dobj(d).table.borrow();
    t.entries
        .iter()
        .filter(|e| !e.key.is_null())
        .map(|e| e.value)
        .collect()
}

/// The entry at or after position `pos` (for iterators): (next position, key, value).
pub fn entry_from(d: Value, pos: usize) -> Option<(usize, Value, Value)> {
    let t = dobj(d).table.borrow();
    let mut p = pos;
    while p < t.entries.len() {
        let e = t.entries[p];
        if !e.key.is_null() {
            return Some((p + 1, e.key, e.value));
        }
        p += 1;
    }
    None
}

pub fn clear(d: Value) {
    let o = dobj(d);
    *o.table.borrow_mut() = DictTable::default();
    o.touch();
}

/// Removes and returns the last inserted pair.
pub fn pop_last(d: Value) -> Option<(Value, Value)> {
    let o = dobj(d);
    let ix = {
        let t = o.table.borrow();
        t.entries.iter().rposition(|e| !e.key.is_null())?
    };
    let key = o.table.borrow().entries[ix].key;
    let value = remove_entry(o, ix);
    // The dead entries from here to the end are dropped, so popitem() stays O(1) amortized
    // (CPython shrinks its entry count the same way). Plain deletions keep theirs: an
    // iterator must not see a key added back at a reused position.
    o.table.borrow_mut().entries.truncate(ix);
    Some((key, value))
}

/// A shallow copy as a new exact dict (sized like CPython's `dict.copy`).
pub fn copy(vm: &mut Vm, d: Value) -> PyResult<Value> {
    let n = new_dict(vm);
    let src = dobj(d).table.borrow();
    if src.used == 0 {
        return Ok(n);
    }
    let mut t = DictTable {
        general: src.general,
        ..DictTable::default()
    };
    t.entries = src
        .entries
        .iter()
        .filter(|e| !e.key.is_null())
        .copied()
        .collect();
    t.used = t.entries.len();
    // A dense table is cloned at its size; a sparse one is rebuilt for its contents.
    let size = if src.used >= src.entries.len() * 2 / 3 {
        src.indices.len()
    } else {
        size_for((t.used * 3).div_ceil(2))
    };
    t.resize_to(size);
    drop(src);
    *dobj(n).table.borrow_mut() = t;
    Ok(n)
}

/// The (key, hash) pairs in order (for set construction, which reuses stored hashes).
pub fn keys_hashed(d: Value) -> Vec<(Value, i64)> {
    let t = dobj(d).table.borrow();
    t.entries
        .iter()
        .filter(|e| !e.key.is_null())
        .map(|e| (e.key, e.hash))
        .collect()
}

/// The (key, value, hash) triples in order.
pub fn entries(d: Value) -> Vec<Entry> {
    let t = dobj(d).table.borrow();
    t.entries
        .iter()
        .filter(|e| !e.key.is_null())
        .copied()
        .collect()
}

/// The entry at index `pos` or the nearest live one below it (for reverse iterators):
/// (its index, key, value).
pub fn entry_before(d: Value, pos: usize) -> Option<(usize, Value, Value)> {
    let t = dobj(d).table.borrow();
    let mut p = pos.min(t.entries.len());
    while p > 0 {
        p -= 1;
        let e = t.entries[p];
        if !e.key.is_null() {
            return Some((p, e.key, e.value));
        }
    }
    None
}

/// The number of entry slots in use, deleted ones included (where reverse iteration starts).
pub fn entries_len(d: Value) -> usize {
    dobj(d).table.borrow().entries.len()
}

/// `dict.__sizeof__()` as CPython 3.11 computes it on 64-bit builds.
pub fn sizeof(d: Value) -> usize {
    let t = dobj(d).table.borrow();
    let size = t.indices.len();
    if size == 0 {
        return 48;
    }
    let index_bytes = if size <= 0x80 {
        1
    } else if size <= 0x8000 {
        2
    } else if size <= 0x8000_0000 {
        4
    } else {
        8
    };
    let entry_size = if t.general { 24 } else { 16 };
    48 + 32 + size * index_bytes + usable(size) * entry_size
}

/// Inserts every pair of `src` (a dict) into `d`, pre-sizing `d` as CPython's `dict_merge`.
pub fn update_from_dict(vm: &mut Vm, d: Value, src: Value) -> PyResult<()> {
    if d == src {
        return Ok(());
    }
    let (entries, src_size, src_dense, src_general) = {
        let t = dobj(src).table.borrow();
        let live: Vec<Entry> = t
            .entries
            .iter()
            .filter(|e| !e.key.is_null())
            .copied()
            .collect();
        let dense = live.len() == t.entries.len();
        (live, t.indices.len(), dense, t.general)
    };
    let n = entries.len();
    if n == 0 {
        return Ok(());
    }
    {
        let mut t = dobj(d).table.borrow_mut();
        if t.used == 0 && src_dense && (src_size == MIN_SIZE || usable(src_size / 2) < n) {
            // CPython clones a clean source's table.
            t.general = src_general;
            t.resize_to(src_size);
        } else if usable(t.indices.len()) < n {
            if t.used == 0 {
                t.general = src_general;
            }
            let size = size_for(((t.used + n) * 3).div_ceil(2));
            t.resize_to(size);
        }
    }
    for e in entries {
        set_item_hashed(vm, d, e.key, e.hash, e.value)?;
    }
    Ok(())
}

pub fn version(d: Value) -> u64 {
    dobj(d).version.get()
}
