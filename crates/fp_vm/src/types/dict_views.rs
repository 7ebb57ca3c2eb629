//! The dict views (`dict_keys`, `dict_values`, `dict_items`) and the reverse dict iterators
//! (`dict_reversekeyiterator` and friends).
//!
//! A view is a `DictViewObj` (its dict); which view it is comes from its type. Keys and items
//! views are set-like: comparisons with sets and other set-like views, and `& | ^ -` with any
//! iterable returning sets, following CPython's `dictobject.c` (which operand is iterated and
//! which is turned into a set decides the result's layout, hence its printed order).

use crate::heap::alloc;
use crate::native;
use crate::native::NativeDef;
use crate::object::{ObjKind, Payload, Trace};
use crate::ops;
use crate::types::dict::{self, DictObj};
use crate::types::iterators::{self, DictIterKind};
use crate::types::set::{self, SetObj};
use crate::types::set_methods;
use crate::types::typeobj::{self, TypeFlags};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use fp_bytecode::CompareOp;
use std::cell::Cell;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ViewKind {
    Keys,
    Values,
    Items,
}

impl ViewKind {
    fn iter_kind(self) -> DictIterKind {
        match self {
            ViewKind::Keys => DictIterKind::Keys,
            ViewKind::Values => DictIterKind::Values,
            ViewKind::Items => DictIterKind::Items,
        }
    }
}

/// A live view of a dict.
pub struct DictViewObj {
    pub dict: Value,
}

impl Trace for DictViewObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.dict.trace(visit)
    }
}

impl Payload for DictViewObj {
    const KIND: ObjKind = ObjKind::DictView;
}

/// A reverse iterator over a dict's entries (newest first).
pub struct DictRevIterObj {
    /// NULL once exhausted.
    dict: Cell<Value>,
    /// Entries below this index are still to be visited.
    pos: Cell<usize>,
    /// The dict's length when created (a change means it was mutated); None after the error,
    /// which stays raised on later calls as in CPython.
    used: Cell<Option<usize>>,
    remaining: Cell<usize>,
    kind: ViewKind,
}

impl Trace for DictRevIterObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.dict.trace(visit)
    }
}

impl Payload for DictRevIterObj {
    const KIND: ObjKind = ObjKind::DictRevIter;
}

pub fn install(vm: &mut Vm) {
    let object = vm.types.object;
    let none = TypeFlags(0);
    vm.types.dict_reversekeyiterator = typeobj::new_static_type(
        vm,
        "dict_reversekeyiterator",
        object,
        ObjKind::DictRevIter,
        none,
    );
    vm.types.dict_reversevalueiterator = typeobj::new_static_type(
        vm,
        "dict_reversevalueiterator",
        object,
        ObjKind::DictRevIter,
        none,
    );
    vm.types.dict_reverseitemiterator = typeobj::new_static_type(
        vm,
        "dict_reverseitemiterator",
        object,
        ObjKind::DictRevIter,
        none,
    );
    for ty in [
        vm.types.dict_reversekeyiterator,
        vm.types.dict_reversevalueiterator,
        vm.types.dict_reverseitemiterator,
    ] {
        typeobj::add_methods(vm, ty, REV_ITER_METHODS);
    }
    for ty in [
        vm.types.dict_keys,
        vm.types.dict_values,
        vm.types.dict_items,
    ] {
        typeobj::add_methods(vm, ty, VIEW_METHODS);
        typeobj::add_getsets(vm, ty, VIEW_GETSETS);
    }
    for ty in [vm.types.dict_keys, vm.types.dict_items] {
        typeobj::add_methods(vm, ty, SETLIKE_METHODS);
        typeobj::set_type_attr(vm, ty, "__hash__", Value::NONE);
    }
}

static VIEW_METHODS: &[NativeDef] = &[
    native!("__len__", "($self, /)", view_len),
    native!("__iter__", "($self, /)", view_iter),
    native!("__reversed__", "($self, /)", view_reversed),
    native!("__repr__", "($self, /)", view_repr),
];

static VIEW_GETSETS: &[(NativeDef, Option<NativeDef>)] =
    &[(native!("mapping", "($self, /)", view_mapping), None)];

static SETLIKE_METHODS: &[NativeDef] = &[
    native!("__contains__", "($self, key, /)", view_contains),
    native!("__eq__", "($self, value, /)", view_eq),
    native!("__ne__", "($self, value, /)", view_ne),
    native!("__lt__", "($self, value, /)", view_lt),
    native!("__le__", "($self, value, /)", view_le),
    native!("__gt__", "($self, value, /)", view_gt),
    native!("__ge__", "($self, value, /)", view_ge),
    native!("__and__", "($self, value, /)", view_and),
    native!("__rand__", "($self, value, /)", view_rand),
    native!("__or__", "($self, value, /)", view_or),
    native!("__ror__", "($self, value, /)", view_ror),
    native!("__xor__", "($self, value, /)", view_xor),
    native!("__rxor__", "($self, value, /)", view_rxor),
    native!("__sub__", "($self, value, /)", view_sub),
    native!("__rsub__", "($self, value, /)", view_rsub),
    native!("isdisjoint", "($self, other, /)", view_isdisjoint),
];

static REV_ITER_METHODS: &[NativeDef] = &[
    native!("__iter__", "($self, /)", rev_iter_self),
    native!("__next__", "($self, /)", rev_iter_next),
    native!("__length_hint__", "($self, /)", rev_iter_length_hint),
    native!("__reduce__", "($self, /)", rev_iter_reduce),
];

// ----- construction -----

pub fn new_view(vm: &mut Vm, d: Value, kind: ViewKind) -> Value {
    let ty = match kind {
        ViewKind::Keys => vm.types.dict_keys,
        ViewKind::Values => vm.types.dict_values,
        ViewKind::Items => vm.types.dict_items,
    };
    alloc(ty, DictViewObj { dict: d })
}

pub fn new_reverse_iter(vm: &mut Vm, d: Value, kind: ViewKind) -> Value {
    let ty = match kind {
        ViewKind::Keys => vm.types.dict_reversekeyiterator,
        ViewKind::Values => vm.types.dict_reversevalueiterator,
        ViewKind::Items => vm.types.dict_reverseitemiterator,
    };
    let n = dict::len(d);
    alloc(
        ty,
        DictRevIterObj {
            dict: Cell::new(d),
            pos: Cell::new(dict::entries_len(d)),
            used: Cell::new(Some(n)),
            remaining: Cell::new(n),
            kind,
        },
    )
}

/// The dict and kind of a view (None when `v` is not one).
pub fn view_parts(vm: &Vm, v: Value) -> Option<(Value, ViewKind)> {
    let view = v.downcast::<DictViewObj>()?;
    let t = vm.type_of(v);
    let kind = if t == vm.types.dict_keys {
        ViewKind::Keys
    } else if t == vm.types.dict_items {
        ViewKind::Items
    } else {
        ViewKind::Values
    };
    Some((view.dict, kind))
}

fn parts(vm: &mut Vm, v: Value) -> PyResult<(Value, ViewKind)> {
    match view_parts(vm, v) {
        Some(p) if p.0.is::<DictObj>() => Ok(p),
        _ => Err(vm.type_error(format!(
            "descriptor requires a dict view but received '{}'",
            vm.type_name(v)
        ))),
    }
}

/// PyDictViewSet_Check: a keys or items view.
fn is_setlike_view(vm: &Vm, v: Value) -> bool {
    matches!(
        view_parts(vm, v),
        Some((_, ViewKind::Keys | ViewKind::Items))
    )
}

// ----- common view protocol -----

fn view_len(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (d, _) = parts(vm, a[0])?;
    Ok(crate::types::int::from_usize(vm, dict::len(d)))
}

fn view_iter(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (d, kind) = parts(vm, a[0])?;
    Ok(iterators::new_dict_iter(vm, d, kind.iter_kind()))
}

fn view_reversed(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (d, kind) = parts(vm, a[0])?;
    Ok(new_reverse_iter(vm, d, kind))
}

fn view_mapping(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (d, _) = parts(vm, a[0])?;
    Ok(crate::types::module::new_mappingproxy(vm, d))
}

/// `dict_keys(['a', 'b'])`; a view met again while printing itself shows as `...`.
fn view_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let v = a[0];
    parts(vm, v)?;
    if vm.repr_stack.contains(&v) {
        return Ok(vm.new_str("..."));
    }
    vm.repr_stack.push(v);
    let r = (|| -> PyResult<String> {
        let items = ops::iter::collect(vm, v)?;
        let l = crate::types::list::new_list(vm, items);
        ops::repr::repr_string(vm, l)
    })();
    if let Some(p) = vm.repr_stack.iter().rposition(|x| *x == v) {
        vm.repr_stack.remove(p);
    }
    let body = r?;
    let name = vm.type_name(v);
    Ok(vm.new_string(format!("{name}({body})")))
}

// ----- set-like views (keys, items) -----

/// `x in view` for a keys or items view.
fn contains_in(vm: &mut Vm, d: Value, kind: ViewKind, x: Value) -> PyResult<bool> {
    match kind {
        ViewKind::Keys => Ok(dict::get_item(vm, d, x)?.is_some()),
        ViewKind::Items => {
            let Some(pair) = crate::types::tuple::items(x) else {
                return Ok(false);
            };
            if pair.len() != 2 {
                return Ok(false);
            }
            let (k, v) = (pair[0], pair[1]);
            match dict::get_item(vm, d, k)? {
                Some(found) => ops::compare::eq(vm, found, v),
                None => Ok(false),
            }
        }
        ViewKind::Values => ops::item::contains(vm, d, x),
    }
}

fn view_contains(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (d, kind) = parts(vm, a[0])?;
    Ok(Value::from_bool(contains_in(vm, d, kind, a[1])?))
}

/// Whether every item of `a` is in `b` (CPython's `all_contained_in`).
fn all_contained_in(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    let it = ops::iter::get_iter(vm, a)?;
    while let Some(x) = ops::iter::next(vm, it)? {
        if !ops::item::contains(vm, b, x)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn richcompare(vm: &mut Vm, v: Value, w: Value, op: CompareOp) -> PyResult {
    parts(vm, v)?;
    if !w.is::<SetObj>() && !is_setlike_view(vm, w) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let lv = ops::item::len(vm, v)?;
    let lw = ops::item::len(vm, w)?;
    let r = match op {
        CompareOp::Eq => lv == lw && all_contained_in(vm, v, w)?,
        CompareOp::Ne => !(lv == lw && all_contained_in(vm, v, w)?),
        CompareOp::Lt => lv < lw && all_contained_in(vm, v, w)?,
        CompareOp::Le => lv <= lw && all_contained_in(vm, v, w)?,
        CompareOp::Gt => lv > lw && all_contained_in(vm, w, v)?,
        CompareOp::Ge => lv >= lw && all_contained_in(vm, w, v)?,
    };
    Ok(Value::from_bool(r))
}

fn view_eq(vm: &mut Vm, a: &[Value]) -> PyResult {
    richcompare(vm, a[0], a[1], CompareOp::Eq)
}
fn view_ne(vm: &mut Vm, a: &[Value]) -> PyResult {
    richcompare(vm, a[0], a[1], CompareOp::Ne)
}
fn view_lt(vm: &mut Vm, a: &[Value]) -> PyResult {
    richcompare(vm, a[0], a[1], CompareOp::Lt)
}
fn view_le(vm: &mut Vm, a: &[Value]) -> PyResult {
    richcompare(vm, a[0], a[1], CompareOp::Le)
}
fn view_gt(vm: &mut Vm, a: &[Value]) -> PyResult {
    richcompare(vm, a[0], a[1], CompareOp::Gt)
}
fn view_ge(vm: &mut Vm, a: &[Value]) -> PyResult {
    richcompare(vm, a[0], a[1], CompareOp::Ge)
}

/// `set(x)`, reading a keys view's exact dict directly (same result, CPython's fast path).
fn to_set(vm: &mut Vm, x: Value) -> PyResult<Value> {
    let src = match view_parts(vm, x) {
        Some((d, ViewKind::Keys)) if vm.type_of(d) == vm.types.dict => d,
        _ => x,
    };
    set_methods::new_set_from(vm, src)
}

/// `a - b` where either operand is a view (the nb slot gets the operands in source order).
fn views_sub(vm: &mut Vm, a: Value, b: Value) -> PyResult {
    let r = to_set(vm, a)?;
    set_methods::difference_update(vm, r, b)?;
    Ok(r)
}

fn views_or(vm: &mut Vm, a: Value, b: Value) -> PyResult {
    let r = to_set(vm, a)?;
    set::update(vm, r, b)?;
    Ok(r)
}

fn views_xor(vm: &mut Vm, a: Value, b: Value) -> PyResult {
    if let (Some((d1, ViewKind::Items)), Some((d2, ViewKind::Items))) =
        (view_parts(vm, a), view_parts(vm, b))
    {
        return items_xor(vm, d1, d2);
    }
    let r = to_set(vm, a)?;
    set_methods::symmetric_difference_update(vm, r, b)?;
    Ok(r)
}

/// `d1.items() ^ d2.items()`: the pairs of `d2` not equal in `d1` (in `d2`'s order), then the
/// pairs of `d1` left over.
fn items_xor(vm: &mut Vm, d1: Value, d2: Value) -> PyResult {
    let temp = dict::copy(vm, d1)?;
    let result = set::new_set(vm);
    for e in dict::entries(d2) {
        let to_delete = match dict::get_item_hashed(vm, temp, e.key, e.hash)? {
            Some(v1) => ops::compare::eq(vm, v1, e.value)?,
            None => false,
        };
        if to_delete {
            dict::del_item(vm, temp, e.key)?;
        } else {
            let pair = crate::types::tuple::new_tuple(vm, vec![e.key, e.value]);
            set::add(vm, result, pair)?;
        }
    }
    let remaining = new_view(vm, temp, ViewKind::Items);
    set::update(vm, result, remaining)?;
    Ok(result)
}

/// `view & other` (CPython's `_PyDictView_Intersect`; `a` or `b` is a view).
fn views_and(vm: &mut Vm, a: Value, b: Value) -> PyResult {
    let (mut view, mut other) = if is_setlike_view(vm, a) {
        (a, b)
    } else {
        (b, a)
    };
    let len_self = ops::item::len(vm, view)?;
    if vm.type_of(other) == vm.types.set && len_self <= ops::item::len(vm, other)? {
        return set_methods::intersection(vm, other, view);
    }
    if is_setlike_view(vm, other) && ops::item::len(vm, other)? > len_self {
        std::mem::swap(&mut view, &mut other);
    }
    let (d, kind) = parts(vm, view)?;
    let result = set::new_set(vm);
    let it = ops::iter::get_iter(vm, other)?;
    while let Some(k) = ops::iter::next(vm, it)? {
        if contains_in(vm, d, kind, k)? {
            set::add(vm, result, k)?;
        }
    }
    Ok(result)
}

fn view_and(vm: &mut Vm, a: &[Value]) -> PyResult {
    views_and(vm, a[0], a[1])
}
fn view_rand(vm: &mut Vm, a: &[Value]) -> PyResult {
    views_and(vm, a[1], a[0])
}
fn view_or(vm: &mut Vm, a: &[Value]) -> PyResult {
    views_or(vm, a[0], a[1])
}
fn view_ror(vm: &mut Vm, a: &[Value]) -> PyResult {
    views_or(vm, a[1], a[0])
}
fn view_xor(vm: &mut Vm, a: &[Value]) -> PyResult {
    views_xor(vm, a[0], a[1])
}
fn view_rxor(vm: &mut Vm, a: &[Value]) -> PyResult {
    views_xor(vm, a[1], a[0])
}
fn view_sub(vm: &mut Vm, a: &[Value]) -> PyResult {
    views_sub(vm, a[0], a[1])
}
fn view_rsub(vm: &mut Vm, a: &[Value]) -> PyResult {
    views_sub(vm, a[1], a[0])
}

fn view_isdisjoint(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (mut this, mut other) = (a[0], a[1]);
    parts(vm, this)?;
    if this == other {
        return Ok(Value::from_bool(ops::item::len(vm, this)? == 0));
    }
    // Iterate the shorter one when the other side has cheap membership.
    if other.is::<SetObj>() || is_setlike_view(vm, other) {
        let len_self = ops::item::len(vm, this)?;
        let len_other = ops::item::len(vm, other)?;
        if len_other > len_self {
            std::mem::swap(&mut this, &mut other);
        }
    }
    let it = ops::iter::get_iter(vm, other)?;
    while let Some(x) = ops::iter::next(vm, it)? {
        if ops::item::contains(vm, this, x)? {
            return Ok(Value::FALSE);
        }
    }
    Ok(Value::TRUE)
}

// ----- reverse iterators -----

fn rev_iter(vm: &mut Vm, v: Value) -> PyResult<&'static DictRevIterObj> {
    match v.downcast::<DictRevIterObj>() {
        Some(r) => Ok(r),
        None => Err(vm.type_error(format!(
            "descriptor requires a dict reverse iterator but received '{}'",
            vm.type_name(v)
        ))),
    }
}

fn rev_iter_self(vm: &mut Vm, a: &[Value]) -> PyResult {
    rev_iter(vm, a[0])?;
    Ok(a[0])
}

fn rev_iter_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = rev_iter(vm, a[0])?;
    let d = r.dict.get();
    if d.is_null() {
        return Err(vm.stop_iteration(Value::NULL));
    }
    if r.used.get() != Some(dict::len(d)) {
        r.used.set(None);
        return Err(vm.runtime_error("dictionary changed size during iteration"));
    }
    match dict::entry_before(d, r.pos.get()) {
        Some((ix, k, v)) => {
            r.pos.set(ix);
            r.remaining.set(r.remaining.get().saturating_sub(1));
            Ok(match r.kind {
                ViewKind::Keys => k,
                ViewKind::Values => v,
                ViewKind::Items => crate::types::tuple::new_tuple(vm, vec![k, v]),
            })
        }
        None => {
            r.dict.set(Value::NULL);
            Err(vm.stop_iteration(Value::NULL))
        }
    }
}

/// `(iter, (remaining_items_list,))`, as CPython's pickling of dict iterators.
fn rev_iter_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = rev_iter(vm, a[0])?;
    let d = r.dict.get();
    let mut items = Vec::new();
    if !d.is_null() {
        if r.used.get() != Some(dict::len(d)) {
            return Err(vm.runtime_error("dictionary changed size during iteration"));
        }
        let mut pos = r.pos.get();
        while let Some((ix, k, v)) = dict::entry_before(d, pos) {
            pos = ix;
            items.push(match r.kind {
                ViewKind::Keys => k,
                ViewKind::Values => v,
                ViewKind::Items => crate::types::tuple::new_tuple(vm, vec![k, v]),
            });
        }
    }
    let l = crate::types::list::new_list(vm, items);
    let args = crate::types::tuple::new_tuple(vm, vec![l]);
    let f = crate::types::iterators_pickle::builtin_iter_fn(vm)?;
    Ok(crate::types::tuple::new_tuple(vm, vec![f, args]))
}

fn rev_iter_length_hint(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = rev_iter(vm, a[0])?;
    let d = r.dict.get();
    let n = if !d.is_null() && r.used.get() == Some(dict::len(d)) {
        r.remaining.get()
    } else {
        0
    };
    Ok(crate::types::int::from_usize(vm, n))
}
