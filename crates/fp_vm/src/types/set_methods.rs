//! Python-visible `set` and `frozenset` behaviour: construction, the container protocol,
//! subset comparisons, the operators (`& | ^ -`, reflected and in-place) and the methods.
//!
//! Which operand is iterated, what is copied first and when a temporary replaces a table follow
//! CPython's `setobject.c`, because together with the storage's probing they decide the
//! iteration order programs print. Storage is `types::set`; the set algorithms are `pub` so the
//! dict views can reuse them.

use crate::native::NativeDef;
use crate::ops;
use crate::types::iterators::{self, IterState};
use crate::types::set::{self, SetObj};
use crate::types::typeobj::{self, TypeObject};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_classmethod, native_staticmethod};
use fp_bytecode::CompareOp;

pub fn install(vm: &mut Vm) {
    let (s, fs) = (vm.types.set, vm.types.frozenset);
    typeobj::add_methods(vm, s, COMMON_METHODS);
    typeobj::add_methods(vm, s, SET_METHODS);
    typeobj::set_type_attr(vm, s, "__hash__", Value::NONE);
    typeobj::add_methods(vm, fs, COMMON_METHODS);
    typeobj::add_methods(vm, fs, FROZENSET_METHODS);
}

static COMMON_METHODS: &[NativeDef] = &[
    native!("__len__", "($self, /)", set_len),
    native!("__contains__", "($self, key, /)", set_contains),
    native!("__iter__", "($self, /)", set_iter),
    native!("__reduce__", "($self, /)", set_reduce),
    native!("__repr__", "($self, /)", set_repr),
    native!("__eq__", "($self, value, /)", set_eq),
    native!("__ne__", "($self, value, /)", set_ne),
    native!("__lt__", "($self, value, /)", set_lt),
    native!("__le__", "($self, value, /)", set_le),
    native!("__gt__", "($self, value, /)", set_gt),
    native!("__ge__", "($self, value, /)", set_ge),
    native!("__and__", "($self, value, /)", set_and),
    native!("__rand__", "($self, value, /)", set_rand),
    native!("__or__", "($self, value, /)", set_or),
    native!("__ror__", "($self, value, /)", set_ror),
    native!("__xor__", "($self, value, /)", set_xor),
    native!("__rxor__", "($self, value, /)", set_rxor),
    native!("__sub__", "($self, value, /)", set_sub),
    native!("__rsub__", "($self, value, /)", set_rsub),
    native!("__sizeof__", "($self, /)", set_sizeof),
    native_classmethod!("__class_getitem__", "($type, item, /)", set_class_getitem),
    native!("difference", "($self, /, *others)", set_difference),
    native!("intersection", "($self, /, *others)", set_intersection),
    native!("isdisjoint", "($self, other, /)", set_isdisjoint),
    native!("issubset", "($self, other, /)", set_issubset),
    native!("issuperset", "($self, other, /)", set_issuperset),
    native!(
        "symmetric_difference",
        "($self, other, /)",
        set_symmetric_difference
    ),
    native!("union", "($self, /, *others)", set_union),
];

static SET_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, *args, **kwargs)", set_new),
    native!("__init__", "($self, /, *args, **kwargs)", set_init).gc_clean(),
    native!("__iand__", "($self, value, /)", set_iand),
    native!("__ior__", "($self, value, /)", set_ior),
    native!("__ixor__", "($self, value, /)", set_ixor),
    native!("__isub__", "($self, value, /)", set_isub),
    native!("add", "($self, object, /)", set_add),
    native!("clear", "($self, /)", set_clear),
    native!("copy", "($self, /)", set_copy_native),
    native!(
        "difference_update",
        "($self, /, *others)",
        set_difference_update
    ),
    native!("discard", "($self, object, /)", set_discard),
    native!(
        "intersection_update",
        "($self, /, *others)",
        set_intersection_update
    ),
    native!("pop", "($self, /)", set_pop),
    native!("remove", "($self, object, /)", set_remove),
    native!(
        "symmetric_difference_update",
        "($self, other, /)",
        set_symmetric_difference_update
    ),
    native!("update", "($self, /, *others)", set_update),
];

static FROZENSET_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, *args, **kwargs)", frozenset_new),
    native!("__hash__", "($self, /)", frozenset_hash),
    native!("copy", "($self, /)", frozenset_copy),
];

// ----- helpers -----

fn so(vm: &mut Vm, v: Value) -> PyResult<&'static SetObj> {
    match v.downcast::<SetObj>() {
        Some(s) => Ok(s),
        None => Err(vm.type_error(format!(
            "descriptor requires a 'set' object but received '{}'",
            vm.type_name(v)
        ))),
    }
}

fn len_of(v: Value) -> usize {
    v.downcast::<SetObj>().map(|s| s.len()).unwrap_or(0)
}

/// PyAnySet_Check: a set, a frozenset or an instance of a subclass.
#[inline]
pub fn is_any_set(v: Value) -> bool {
    v.is::<SetObj>()
}

/// PyAnySet_CheckExact.
fn is_any_set_exact(vm: &Vm, v: Value) -> bool {
    let t = vm.type_of(v);
    t == vm.types.set || t == vm.types.frozenset
}

fn tuple_items(v: Value) -> Vec<Value> {
    crate::types::tuple::items(v).unwrap_or(&[]).to_vec()
}

fn kwargs_given(v: Value) -> bool {
    !v.is_null() && crate::types::dict::len(v) != 0
}

/// The type results of operations on `v` get: `set`/`frozenset` themselves, otherwise the
/// builtin base (CPython's `make_new_set_basetype`).
fn base_type(vm: &Vm, v: Value) -> Value {
    let t = vm.type_of(v);
    if t == vm.types.set || t == vm.types.frozenset {
        t
    } else if typeobj::is_subtype(t, vm.types.set) {
        vm.types.set
    } else {
        vm.types.frozenset
    }
}

/// A new set of type `ty` holding the members of `iterable` (if given).
pub fn make_new_set(vm: &mut Vm, ty: Value, iterable: Option<Value>) -> PyResult<Value> {
    let s = set::new_set_of_type(ty);
    if let Some(it) = iterable {
        set::update(vm, s, it)?;
    }
    Ok(s)
}

/// `set(iterable)` as an exact set.
pub fn new_set_from(vm: &mut Vm, iterable: Value) -> PyResult<Value> {
    let t = vm.types.set;
    make_new_set(vm, t, Some(iterable))
}

/// A copy of the set `s` with its builtin base type.
pub fn set_copy(vm: &mut Vm, s: Value) -> PyResult<Value> {
    let ty = base_type(vm, s);
    make_new_set(vm, ty, Some(s))
}

fn contains_key(vm: &mut Vm, s: Value, key: Value) -> PyResult<bool> {
    let h = ops::hash::hash(vm, key)?;
    set::contains_hashed(vm, s, key, h)
}

// ----- the algorithms (CPython's operand and iteration choices) -----

/// `s & other` / `s.intersection(other)`: iterates the smaller set (or the iterable) and keeps
/// the members found in the other.
pub fn intersection(vm: &mut Vm, s: Value, other: Value) -> PyResult<Value> {
    if s == other {
        return set_copy(vm, s);
    }
    let ty = base_type(vm, s);
    let result = set::new_set_of_type(ty);
    if let Some(o) = other.downcast::<SetObj>() {
        let (big, small) = if o.len() > len_of(s) {
            (other, s)
        } else {
            (s, other)
        };
        let items = small.downcast::<SetObj>().map(|x| x.items_hashed());
        for (k, h) in items.unwrap_or_default() {
            if set::contains_hashed(vm, big, k, h)? {
                set::add_hashed(vm, result, k, h)?;
            }
        }
        return Ok(result);
    }
    let it = ops::iter::get_iter(vm, other)?;
    while let Some(k) = ops::iter::next(vm, it)? {
        let h = ops::hash::hash(vm, k)?;
        if set::contains_hashed(vm, s, k, h)? {
            set::add_hashed(vm, result, k, h)?;
        }
    }
    Ok(result)
}

fn intersection_multi(vm: &mut Vm, s: Value, others: &[Value]) -> PyResult<Value> {
    if others.is_empty() {
        return set_copy(vm, s);
    }
    let mut result = s;
    for &o in others {
        result = intersection(vm, result, o)?;
    }
    Ok(result)
}

/// Removes the members of `other` from `s` in place.
pub fn difference_update(vm: &mut Vm, s: Value, other: Value) -> PyResult<()> {
    if s == other {
        set::clear(s);
        return Ok(());
    }
    if let Some(o) = other.downcast::<SetObj>() {
        for (k, h) in o.items_hashed() {
            set::discard_hashed(vm, s, k, h)?;
        }
    } else {
        let it = ops::iter::get_iter(vm, other)?;
        while let Some(k) = ops::iter::next(vm, it)? {
            let h = ops::hash::hash(vm, k)?;
            set::discard_hashed(vm, s, k, h)?;
        }
    }
    set::drop_dummies(s);
    Ok(())
}

fn copy_and_difference(vm: &mut Vm, s: Value, other: Value) -> PyResult<Value> {
    let r = set_copy(vm, s)?;
    difference_update(vm, r, other)?;
    Ok(r)
}

/// `s - other`: builds the result from the members of `s` not in `other` (or copies `s` and
/// removes when `other` is a general iterable or much smaller).
pub fn difference(vm: &mut Vm, s: Value, other: Value) -> PyResult<Value> {
    let other_is_dict = vm.type_of(other) == vm.types.dict;
    let other_size = if let Some(o) = other.downcast::<SetObj>() {
        o.len()
    } else if other_is_dict {
        crate::types::dict::len(other)
    } else {
        return copy_and_difference(vm, s, other);
    };
    if (len_of(s) >> 2) > other_size {
        return copy_and_difference(vm, s, other);
    }
    let ty = base_type(vm, s);
    let result = set::new_set_of_type(ty);
    let items = so(vm, s)?.items_hashed();
    for (k, h) in items {
        let found = if other_is_dict {
            crate::types::dict::get_item_hashed(vm, other, k, h)?.is_some()
        } else {
            set::contains_hashed(vm, other, k, h)?
        };
        if !found {
            set::add_hashed(vm, result, k, h)?;
        }
    }
    Ok(result)
}

/// Toggles each member of `other` in `s`.
pub fn symmetric_difference_update(vm: &mut Vm, s: Value, other: Value) -> PyResult<()> {
    if s == other {
        set::clear(s);
        return Ok(());
    }
    let pairs = if vm.type_of(other) == vm.types.dict {
        crate::types::dict::keys_hashed(other)
    } else {
        let otherset = if is_any_set(other) {
            other
        } else {
            let ty = base_type(vm, s);
            make_new_set(vm, ty, Some(other))?
        };
        so(vm, otherset)?.items_hashed()
    };
    for (k, h) in pairs {
        if !set::discard_hashed(vm, s, k, h)? {
            set::add_hashed(vm, s, k, h)?;
        }
    }
    Ok(())
}

/// `s ^ other`: a copy of `other` toggled by the members of `s`.
pub fn symmetric_difference(vm: &mut Vm, s: Value, other: Value) -> PyResult<Value> {
    let ty = base_type(vm, s);
    let otherset = make_new_set(vm, ty, Some(other))?;
    symmetric_difference_update(vm, otherset, s)?;
    Ok(otherset)
}

/// `s | other`: a copy of `s` updated with `other`.
fn union(vm: &mut Vm, s: Value, other: Value) -> PyResult<Value> {
    let r = set_copy(vm, s)?;
    if s != other {
        set::update(vm, r, other)?;
    }
    Ok(r)
}

pub fn issubset(vm: &mut Vm, s: Value, other: Value) -> PyResult<bool> {
    if !is_any_set(other) {
        let tmp = intersection(vm, s, other)?;
        return Ok(len_of(tmp) == len_of(s));
    }
    if len_of(s) > len_of(other) {
        return Ok(false);
    }
    let items = so(vm, s)?.items_hashed();
    for (k, h) in items {
        if !set::contains_hashed(vm, other, k, h)? {
            return Ok(false);
        }
    }
    Ok(true)
}

pub fn issuperset(vm: &mut Vm, s: Value, other: Value) -> PyResult<bool> {
    if is_any_set(other) {
        return issubset(vm, other, s);
    }
    let it = ops::iter::get_iter(vm, other)?;
    while let Some(k) = ops::iter::next(vm, it)? {
        if !contains_key(vm, s, k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

pub fn isdisjoint(vm: &mut Vm, s: Value, other: Value) -> PyResult<bool> {
    if s == other {
        return Ok(len_of(s) == 0);
    }
    if is_any_set_exact(vm, other) {
        let (big, small) = if len_of(other) > len_of(s) {
            (other, s)
        } else {
            (s, other)
        };
        let items = so(vm, small)?.items_hashed();
        for (k, h) in items {
            if set::contains_hashed(vm, big, k, h)? {
                return Ok(false);
            }
        }
        return Ok(true);
    }
    let it = ops::iter::get_iter(vm, other)?;
    while let Some(k) = ops::iter::next(vm, it)? {
        if contains_key(vm, s, k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Set equality / ordering (subset and superset); NotImplemented unless `w` is a set.
fn richcompare(vm: &mut Vm, v: Value, w: Value, op: CompareOp) -> PyResult {
    if !is_any_set(w) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let (lv, lw) = (len_of(v), len_of(w));
    let r = match op {
        CompareOp::Eq | CompareOp::Ne => {
            let eq = if lv != lw {
                false
            } else {
                let hv = v.downcast::<SetObj>().map(|x| x.hash.get()).unwrap_or(-1);
                let hw = w.downcast::<SetObj>().map(|x| x.hash.get()).unwrap_or(-1);
                if hv != -1 && hw != -1 && hv != hw {
                    false
                } else {
                    issubset(vm, v, w)?
                }
            };
            eq == (op == CompareOp::Eq)
        }
        CompareOp::Le => issubset(vm, v, w)?,
        CompareOp::Ge => issuperset(vm, v, w)?,
        CompareOp::Lt => lv < lw && issubset(vm, v, w)?,
        CompareOp::Gt => lv > lw && issuperset(vm, v, w)?,
    };
    Ok(Value::from_bool(r))
}

// ----- construction -----

fn check_new_type(vm: &mut Vm, ty: Value, base: Value) -> PyResult<()> {
    let bname = typeobj::type_name(base);
    if !ty.is::<TypeObject>() {
        return Err(vm.type_error(format!(
            "{bname}.__new__(X): X is not a type object ({})",
            vm.type_name(ty)
        )));
    }
    if !typeobj::is_subtype(ty, base) {
        let n = typeobj::type_name(ty);
        return Err(vm.type_error(format!(
            "{bname}.__new__({n}): {n} is not a subtype of {bname}"
        )));
    }
    Ok(())
}

fn set_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = a[0];
    let base = vm.types.set;
    check_new_type(vm, ty, base)?;
    if ty == base && kwargs_given(a[2]) {
        return Err(vm.type_error("set() takes no keyword arguments"));
    }
    Ok(set::new_set_of_type(ty))
}

/// Audited for collection in its callbacks (`gc_clean`).
fn set_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let clean = vm.take_clean_entry();
    let s = a[0];
    let o = so(vm, s)?;
    if kwargs_given(a[2]) {
        return Err(vm.type_error("set() takes no keyword arguments"));
    }
    let args = tuple_items(a[1]);
    if args.len() > 1 {
        return Err(vm.type_error(format!(
            "{} expected at most 1 argument, got {}",
            vm.type_name(s),
            args.len()
        )));
    }
    if !o.is_empty() {
        set::clear(s);
    }
    o.hash.set(-1);
    if let Some(&it) = args.first() {
        set::update_in(vm, s, it, clean)?;
    }
    Ok(Value::NONE)
}

fn frozenset_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = a[0];
    let base = vm.types.frozenset;
    check_new_type(vm, ty, base)?;
    if kwargs_given(a[2]) {
        let own_init = typeobj::lookup(vm, ty, vm.names.init);
        let base_init = typeobj::lookup(vm, base, vm.names.init);
        if ty == base || own_init == base_init {
            return Err(vm.type_error("frozenset() takes no keyword arguments"));
        }
    }
    let args = tuple_items(a[1]);
    if args.len() > 1 {
        return Err(vm.type_error(format!(
            "{} expected at most 1 argument, got {}",
            typeobj::type_name(ty),
            args.len()
        )));
    }
    let iterable = args.first().copied();
    if ty == base
        && let Some(it) = iterable
        && vm.type_of(it) == base
    {
        // frozenset(f) is f.
        return Ok(it);
    }
    make_new_set(vm, ty, iterable)
}

// ----- protocol -----

fn set_len(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = so(vm, a[0])?.len();
    Ok(crate::types::int::from_usize(vm, n))
}

fn set_contains(vm: &mut Vm, a: &[Value]) -> PyResult {
    so(vm, a[0])?;
    Ok(Value::from_bool(set::contains(vm, a[0], a[1])?))
}

/// `(type(s), (list(s),), instance dict or None)`, as CPython's `set_reduce`.
fn set_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let items = so(vm, a[0])?.items();
    let ty = vm.type_of(a[0]);
    let l = crate::types::list::new_list(vm, items);
    let args = crate::types::tuple::new_tuple(vm, vec![l]);
    let k = vm.names.dict;
    let state = crate::ops::attr::getattr_opt(vm, a[0], k)?.unwrap_or(Value::NONE);
    let state = if state.is::<crate::types::dict::DictObj>() && crate::types::dict::len(state) == 0
    {
        Value::NONE
    } else {
        state
    };
    Ok(crate::types::tuple::new_tuple(vm, vec![ty, args, state]))
}

fn set_iter(vm: &mut Vm, a: &[Value]) -> PyResult {
    let len = so(vm, a[0])?.len();
    Ok(iterators::new_iter(
        vm.types.set_iterator,
        IterState::Set {
            s: a[0],
            pos: 0,
            len,
        },
    ))
}

fn set_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    so(vm, a[0])?;
    let s = ops::repr::container_repr(vm, a[0])?;
    Ok(vm.new_string(s))
}

fn set_sizeof(vm: &mut Vm, a: &[Value]) -> PyResult {
    let size = set::table_size(so(vm, a[0])?);
    let extra = if size > 8 { size * 16 } else { 0 };
    Ok(crate::types::int::from_usize(vm, 200 + extra))
}

fn set_class_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    crate::modules::builtins::make_generic_alias(vm, a[0], a[1])
}

fn frozenset_hash(vm: &mut Vm, a: &[Value]) -> PyResult {
    let h = set::frozenset_hash(so(vm, a[0])?);
    Ok(crate::types::int::from_i64(vm, h))
}

fn set_eq(vm: &mut Vm, a: &[Value]) -> PyResult {
    richcompare(vm, a[0], a[1], CompareOp::Eq)
}
fn set_ne(vm: &mut Vm, a: &[Value]) -> PyResult {
    richcompare(vm, a[0], a[1], CompareOp::Ne)
}
fn set_lt(vm: &mut Vm, a: &[Value]) -> PyResult {
    richcompare(vm, a[0], a[1], CompareOp::Lt)
}
fn set_le(vm: &mut Vm, a: &[Value]) -> PyResult {
    richcompare(vm, a[0], a[1], CompareOp::Le)
}
fn set_gt(vm: &mut Vm, a: &[Value]) -> PyResult {
    richcompare(vm, a[0], a[1], CompareOp::Gt)
}
fn set_ge(vm: &mut Vm, a: &[Value]) -> PyResult {
    richcompare(vm, a[0], a[1], CompareOp::Ge)
}

// ----- operators: only between sets (NotImplemented otherwise) -----

type SetOp = fn(&mut Vm, Value, Value) -> PyResult<Value>;

fn binop(vm: &mut Vm, x: Value, y: Value, f: SetOp) -> PyResult {
    if !is_any_set(x) || !is_any_set(y) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    f(vm, x, y)
}

fn set_and(vm: &mut Vm, a: &[Value]) -> PyResult {
    binop(vm, a[0], a[1], intersection)
}
fn set_rand(vm: &mut Vm, a: &[Value]) -> PyResult {
    binop(vm, a[1], a[0], intersection)
}
fn set_or(vm: &mut Vm, a: &[Value]) -> PyResult {
    binop(vm, a[0], a[1], union)
}
fn set_ror(vm: &mut Vm, a: &[Value]) -> PyResult {
    binop(vm, a[1], a[0], union)
}
fn set_xor(vm: &mut Vm, a: &[Value]) -> PyResult {
    binop(vm, a[0], a[1], symmetric_difference)
}
fn set_rxor(vm: &mut Vm, a: &[Value]) -> PyResult {
    binop(vm, a[1], a[0], symmetric_difference)
}
fn set_sub(vm: &mut Vm, a: &[Value]) -> PyResult {
    binop(vm, a[0], a[1], difference)
}
fn set_rsub(vm: &mut Vm, a: &[Value]) -> PyResult {
    binop(vm, a[1], a[0], difference)
}

fn set_iand(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !is_any_set(a[1]) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    so(vm, a[0])?;
    let tmp = intersection(vm, a[0], a[1])?;
    set::take_table(a[0], tmp);
    Ok(a[0])
}
fn set_ior(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !is_any_set(a[1]) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    so(vm, a[0])?;
    set::update(vm, a[0], a[1])?;
    Ok(a[0])
}
fn set_ixor(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !is_any_set(a[1]) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    so(vm, a[0])?;
    symmetric_difference_update(vm, a[0], a[1])?;
    Ok(a[0])
}
fn set_isub(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !is_any_set(a[1]) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    so(vm, a[0])?;
    difference_update(vm, a[0], a[1])?;
    Ok(a[0])
}

// ----- methods -----

fn set_add(vm: &mut Vm, a: &[Value]) -> PyResult {
    so(vm, a[0])?;
    set::add(vm, a[0], a[1])?;
    Ok(Value::NONE)
}

fn set_clear(vm: &mut Vm, a: &[Value]) -> PyResult {
    so(vm, a[0])?;
    set::clear(a[0]);
    Ok(Value::NONE)
}

fn set_copy_native(vm: &mut Vm, a: &[Value]) -> PyResult {
    so(vm, a[0])?;
    set_copy(vm, a[0])
}

fn frozenset_copy(vm: &mut Vm, a: &[Value]) -> PyResult {
    so(vm, a[0])?;
    if vm.type_of(a[0]) == vm.types.frozenset {
        return Ok(a[0]);
    }
    set_copy(vm, a[0])
}

fn set_discard(vm: &mut Vm, a: &[Value]) -> PyResult {
    so(vm, a[0])?;
    set::discard(vm, a[0], a[1])?;
    Ok(Value::NONE)
}

fn set_remove(vm: &mut Vm, a: &[Value]) -> PyResult {
    so(vm, a[0])?;
    if !set::discard(vm, a[0], a[1])? {
        return Err(vm.key_error(a[1]));
    }
    Ok(Value::NONE)
}

fn set_pop(vm: &mut Vm, a: &[Value]) -> PyResult {
    so(vm, a[0])?;
    match set::pop(a[0]) {
        Some(v) => Ok(v),
        None => Err(vm.new_exc(vm.exc.key_error, "pop from an empty set")),
    }
}

fn set_union(vm: &mut Vm, a: &[Value]) -> PyResult {
    so(vm, a[0])?;
    let r = set_copy(vm, a[0])?;
    for o in tuple_items(a[1]) {
        if o != a[0] {
            set::update(vm, r, o)?;
        }
    }
    Ok(r)
}

fn set_update(vm: &mut Vm, a: &[Value]) -> PyResult {
    so(vm, a[0])?;
    for o in tuple_items(a[1]) {
        set::update(vm, a[0], o)?;
    }
    Ok(Value::NONE)
}

fn set_intersection(vm: &mut Vm, a: &[Value]) -> PyResult {
    so(vm, a[0])?;
    intersection_multi(vm, a[0], &tuple_items(a[1]))
}

fn set_intersection_update(vm: &mut Vm, a: &[Value]) -> PyResult {
    so(vm, a[0])?;
    let tmp = intersection_multi(vm, a[0], &tuple_items(a[1]))?;
    set::take_table(a[0], tmp);
    Ok(Value::NONE)
}

fn set_difference(vm: &mut Vm, a: &[Value]) -> PyResult {
    so(vm, a[0])?;
    let others = tuple_items(a[1]);
    let Some((&first, rest)) = others.split_first() else {
        return set_copy(vm, a[0]);
    };
    let r = difference(vm, a[0], first)?;
    for &o in rest {
        difference_update(vm, r, o)?;
    }
    Ok(r)
}

fn set_difference_update(vm: &mut Vm, a: &[Value]) -> PyResult {
    so(vm, a[0])?;
    for o in tuple_items(a[1]) {
        difference_update(vm, a[0], o)?;
    }
    Ok(Value::NONE)
}

fn set_symmetric_difference(vm: &mut Vm, a: &[Value]) -> PyResult {
    so(vm, a[0])?;
    symmetric_difference(vm, a[0], a[1])
}

fn set_symmetric_difference_update(vm: &mut Vm, a: &[Value]) -> PyResult {
    so(vm, a[0])?;
    symmetric_difference_update(vm, a[0], a[1])?;
    Ok(Value::NONE)
}

fn set_isdisjoint(vm: &mut Vm, a: &[Value]) -> PyResult {
    so(vm, a[0])?;
    Ok(Value::from_bool(isdisjoint(vm, a[0], a[1])?))
}

fn set_issubset(vm: &mut Vm, a: &[Value]) -> PyResult {
    so(vm, a[0])?;
    Ok(Value::from_bool(issubset(vm, a[0], a[1])?))
}

fn set_issuperset(vm: &mut Vm, a: &[Value]) -> PyResult {
    so(vm, a[0])?;
    Ok(Value::from_bool(issuperset(vm, a[0], a[1])?))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::vm::Exc;
    use fp_bytecode::BinaryOp;

    pub fn vm() -> Box<Vm> {
        Vm::new(Default::default())
    }
    pub fn int(i: i64) -> Value {
        Value::try_small_int(i).unwrap()
    }
    pub fn list(vm: &mut Vm, xs: &[i64]) -> Value {
        let items = xs.iter().map(|&x| int(x)).collect();
        crate::types::list::new_list(vm, items)
    }
    pub fn call(vm: &mut Vm, f: Value, args: &[Value]) -> PyResult {
        ops::call::call(vm, f, args)
    }
    pub fn method(vm: &mut Vm, obj: Value, name: &str, args: &[Value]) -> PyResult {
        let f = ops::attr::getattr_str(vm, obj, name)?;
        ops::call::call(vm, f, args)
    }
    pub fn repr(vm: &mut Vm, v: Value) -> String {
        ops::repr::repr_string(vm, v).unwrap()
    }
    /// "TypeName: message" of a raised exception.
    pub fn err(vm: &mut Vm, r: PyResult) -> String {
        match r {
            Ok(v) => format!("no error: {}", repr(vm, v)),
            Err(Exc(e)) => {
                let args = ops::attr::getattr_str(vm, e, "args").unwrap();
                let items = crate::types::tuple::items(args).unwrap_or(&[]).to_vec();
                let msg = match items.as_slice() {
                    [one] if one.is::<crate::types::str::StrObj>() => {
                        crate::types::str::as_str(*one).unwrap().to_string()
                    }
                    [one] => repr(vm, *one),
                    _ => String::new(),
                };
                format!("{}: {}", vm.type_name(e), msg)
            }
        }
    }
    pub fn set_of(vm: &mut Vm, xs: &[i64]) -> Value {
        let l = list(vm, xs);
        let t = vm.types.set;
        call(vm, t, &[l]).unwrap()
    }
    fn iter_order(vm: &mut Vm, v: Value) -> String {
        let items = ops::iter::collect(vm, v).unwrap();
        let parts: Vec<String> = items.iter().map(|x| repr(vm, *x)).collect();
        parts.join(" ")
    }
    fn parse(s: &str) -> Vec<i64> {
        s.split_whitespace().map(|x| x.parse().unwrap()).collect()
    }
    fn binop(vm: &mut Vm, a: Value, b: Value, op: BinaryOp, inplace: bool) -> PyResult {
        ops::number::binary_op(vm, a, b, op, inplace)
    }

    /// Runs one generated case (see testdata/gen_set_cases.py) and returns the iteration order.
    fn run_case(vm: &mut Vm, op: &str, a: &[i64], b: &[i64]) -> String {
        let sa = set_of(vm, a);
        let sb = set_of(vm, b);
        let lb = list(vm, b);
        let r = match op {
            "or" => binop(vm, sa, sb, BinaryOp::Or, false),
            "and" => binop(vm, sa, sb, BinaryOp::And, false),
            "sub" => binop(vm, sa, sb, BinaryOp::Sub, false),
            "xor" => binop(vm, sa, sb, BinaryOp::Xor, false),
            "ior" => binop(vm, sa, sb, BinaryOp::Or, true),
            "iand" => binop(vm, sa, sb, BinaryOp::And, true),
            "isub" => binop(vm, sa, sb, BinaryOp::Sub, true),
            "ixor" => binop(vm, sa, sb, BinaryOp::Xor, true),
            "union" | "intersection" | "difference" | "symmetric_difference" => {
                method(vm, sa, op, &[lb])
            }
            "update"
            | "intersection_update"
            | "difference_update"
            | "symmetric_difference_update" => method(vm, sa, op, &[lb]).map(|_| sa),
            "remove_add" => {
                for &x in b {
                    method(vm, sa, "discard", &[int(x)]).unwrap();
                }
                for &x in b.iter().rev() {
                    method(vm, sa, "add", &[int(x)]).unwrap();
                }
                Ok(sa)
            }
            "pop_add" => {
                let mut out = Vec::new();
                for &x in b {
                    if set::sobj_len(sa) > 0 {
                        out.push(method(vm, sa, "pop", &[]).unwrap());
                    }
                    method(vm, sa, "add", &[int(x)]).unwrap();
                }
                out.extend(ops::iter::collect(vm, sa).unwrap());
                Ok(crate::types::list::new_list(vm, out))
            }
            "keys_and" | "keys_or" | "keys_sub" | "keys_xor" => {
                let d = dict::new_dict(vm);
                for &x in a {
                    dict::set_item(vm, d, int(x), int(0)).unwrap();
                }
                let k = method(vm, d, "keys", &[]).unwrap();
                match op {
                    "keys_and" => binop(vm, k, sb, BinaryOp::And, false),
                    "keys_or" => binop(vm, k, lb, BinaryOp::Or, false),
                    "keys_sub" => binop(vm, k, lb, BinaryOp::Sub, false),
                    _ => binop(vm, k, sb, BinaryOp::Xor, false),
                }
            }
            "frozenset_hash" => {
                let la = list(vm, a);
                let t = vm.types.frozenset;
                let fs = call(vm, t, &[la]).unwrap();
                let h = ops::hash::hash(vm, fs).unwrap();
                return h.to_string();
            }
            _ => panic!("unknown op {op}"),
        };
        let r = r.unwrap();
        iter_order(vm, r)
    }

    use crate::types::dict;

    #[test]
    fn iteration_order_matches_cpython() {
        let data = include_str!("testdata/set_cases.txt");
        let mut vm = vm();
        let mut failures = Vec::new();
        for line in data.lines().filter(|l| !l.starts_with('#')) {
            let parts: Vec<&str> = line.split('|').collect();
            let (op, a, b, want) = (parts[0], parse(parts[1]), parse(parts[2]), parts[3]);
            let got = run_case(&mut vm, op, &a, &b);
            if got != want {
                failures.push(format!("{op} {a:?} {b:?}\n  want {want}\n  got  {got}"));
            }
        }
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures[..failures.len().min(5)].join("\n")
        );
    }

    #[test]
    fn reprs_and_types() {
        let mut vm = vm();
        let vm = &mut *vm;
        let s = set_of(vm, &[3, 1, 2]);
        assert_eq!(repr(vm, s), "{1, 2, 3}");
        let e = set_of(vm, &[]);
        assert_eq!(repr(vm, e), "set()");
        let fst = vm.types.frozenset;
        let fs = call(vm, fst, &[s]).unwrap();
        assert_eq!(repr(vm, fs), "frozenset({1, 2, 3})");
        let efs = call(vm, fst, &[]).unwrap();
        assert_eq!(repr(vm, efs), "frozenset()");
        // frozenset(frozenset) is the same object; copy of an exact frozenset too.
        assert_eq!(call(vm, fst, &[fs]).unwrap(), fs);
        assert_eq!(method(vm, fs, "copy", &[]).unwrap(), fs);
        let nine = set_of(vm, &[9]);
        let r = ops::number::binary_op(vm, fs, nine, BinaryOp::Or, false).unwrap();
        assert_eq!(vm.type_name(r), "frozenset");
        let r = ops::number::binary_op(vm, nine, fs, BinaryOp::Or, false).unwrap();
        assert_eq!(vm.type_name(r), "set");
        let l = list(vm, &[1]);
        let r = ops::number::binary_op(vm, s, l, BinaryOp::Or, false);
        assert_eq!(
            err(vm, r),
            "TypeError: unsupported operand type(s) for |: 'set' and 'list'"
        );
        // Comparisons.
        let sub = set_of(vm, &[1, 2]);
        let lt = ops::compare::rich_compare(vm, sub, s, CompareOp::Lt).unwrap();
        assert_eq!(lt, Value::TRUE);
        let eq = ops::compare::rich_compare(vm, fs, s, CompareOp::Eq).unwrap();
        assert_eq!(eq, Value::TRUE);
        let r = ops::compare::rich_compare(vm, s, l, CompareOp::Lt);
        assert_eq!(
            err(vm, r),
            "TypeError: '<' not supported between instances of 'set' and 'list'"
        );
        // Hashing.
        let r = ops::hash::hash(vm, s).map(|_| Value::NONE);
        assert_eq!(err(vm, r), "TypeError: unhashable type: 'set'");
        let h = ops::hash::hash(vm, efs).unwrap();
        assert_eq!(h, 133146708735736);
    }

    #[test]
    fn errors_and_frozenset_lookup() {
        let mut vm = vm();
        let vm = &mut *vm;
        let s = set_of(vm, &[1, 2]);
        let r = method(vm, s, "remove", &[int(5)]);
        assert_eq!(err(vm, r), "KeyError: 5");
        let e = set_of(vm, &[]);
        let r = method(vm, e, "pop", &[]);
        assert_eq!(err(vm, r), "KeyError: pop from an empty set");
        let st = vm.types.set;
        let r = call(vm, st, &[int(1), int(2)]);
        assert_eq!(
            err(vm, r),
            "TypeError: set expected at most 1 argument, got 2"
        );
        let r = call(vm, st, &[int(1)]);
        assert_eq!(err(vm, r), "TypeError: 'int' object is not iterable");
        // A set argument is looked up as a frozenset.
        let fst = vm.types.frozenset;
        let inner = call(vm, fst, &[s]).unwrap();
        let outer = set_of(vm, &[]);
        method(vm, outer, "add", &[inner]).unwrap();
        assert!(ops::item::contains(vm, outer, s).unwrap());
        let r = method(vm, outer, "__contains__", &[s]).unwrap();
        assert_eq!(r, Value::TRUE);
        method(vm, outer, "remove", &[s]).unwrap();
        let r = method(vm, outer, "remove", &[s]);
        assert_eq!(err(vm, r), "KeyError: {1, 2}");
        let d = crate::types::dict::new_dict(vm);
        let r = ops::item::contains(vm, s, d).map(Value::from_bool);
        assert_eq!(err(vm, r), "TypeError: unhashable type: 'dict'");
        // Self-union of an empty set must not trip the storage.
        let r = ops::number::binary_op(vm, e, e, BinaryOp::Or, true).unwrap();
        assert_eq!(repr(vm, r), "set()");
    }
}

#[cfg(test)]
mod const_tests {
    use super::tests::{int, repr, vm};
    use super::*;

    #[test]
    fn frozenset_constants_are_laid_out_as_cpython() {
        let mut vm = vm();
        let vm = &mut *vm;
        for (items, want) in [
            (&[33i64, 1, 65, 97][..], "[65, 97, 1, 33]"),
            (&[0, 21, 63, 64, 128][..], "[0, 64, 128, 21, 63]"),
        ] {
            let v = items.iter().map(|&i| int(i)).collect();
            let fs = set::new_frozenset_const(vm, v).unwrap();
            // What `BUILD_SET 0; LOAD_CONST fs; SET_UPDATE 1` produces.
            let st = vm.types.set;
            let s = make_new_set(vm, st, Some(fs)).unwrap();
            let order = ops::iter::collect(vm, s).unwrap();
            let l = crate::types::list::new_list(vm, order);
            assert_eq!(repr(vm, l), want);
        }
    }
}
