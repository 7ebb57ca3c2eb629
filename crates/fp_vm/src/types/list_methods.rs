//! `list`'s Python-visible methods and protocol dunders (installed by `seq_methods::install`).
//!
//! Exact lists also have fast paths in `ops` (indexing, `+`, `*`, comparison); these natives
//! serve subclasses, explicit dunder calls, and everything `ops` does not special-case.
//! The items `RefCell` is never borrowed across a call that can run Python code: values are
//! copied out first and the list is re-read afterwards.

use super::{
    SeqKey, check_new_type, index_bounds, norm_index, repeat_count, repeat_items, richcmp_natives,
    seq_count, seq_find, seq_key, seq_richcompare, single_optional_arg, ssize_arg, take_slice,
};
use crate::native::NativeDef;
use crate::ops;
use crate::types::iterators::{IterState, new_iter};
use crate::types::list::{ListObj, new_list, new_list_of_type};
use crate::types::range::{SliceObj, slice_indices};
use crate::types::typeobj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_classmethod, native_staticmethod};
use fp_bytecode::CompareOp;

pub fn install(vm: &mut Vm) {
    let ty = vm.types.list;
    typeobj::add_methods(vm, ty, LIST_METHODS);
    typeobj::add_methods(vm, ty, &LIST_CMP);
    typeobj::set_type_attr(vm, ty, "__hash__", Value::NONE);
}

static LIST_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, *args, **kwargs)", list_new),
    native!("__init__", "($self, /, *args, **kwargs)", list_init).gc_clean(),
    native!("__len__", "($self, /)", list_len),
    native!("__getitem__", "($self, key, /)", list_getitem),
    native!("__setitem__", "($self, key, value, /)", list_setitem),
    native!("__delitem__", "($self, key, /)", list_delitem),
    native!("__contains__", "($self, key, /)", list_contains),
    native!("__iter__", "($self, /)", list_iter),
    native!("__reversed__", "($self, /)", list_reversed),
    native!("__add__", "($self, value, /)", list_add),
    native!("__iadd__", "($self, value, /)", list_iadd),
    native!("__mul__", "($self, value, /)", list_mul),
    native!("__rmul__", "($self, value, /)", list_mul),
    native!("__imul__", "($self, value, /)", list_imul),
    native!("__repr__", "($self, /)", list_repr),
    native!("__sizeof__", "($self, /)", list_sizeof),
    native_classmethod!(
        "__class_getitem__",
        "($type, item, /)",
        super::class_getitem
    ),
    native!("append", "($self, object, /)", list_append),
    native!("clear", "($self, /)", list_clear),
    native!("copy", "($self, /)", list_copy),
    native!("count", "($self, value, /)", list_count),
    native!("extend", "($self, iterable, /)", list_extend).gc_clean(),
    native!(
        "index",
        "($self, value, start=0, stop=sys.maxsize, /)",
        list_index
    ),
    native!("insert", "($self, index, object, /)", list_insert),
    native!("pop", "($self, index=-1, /)", list_pop),
    native!("remove", "($self, value, /)", list_remove),
    native!("reverse", "($self, /)", list_reverse),
    native!(
        "sort",
        "($self, /, *args, key=None, reverse=False, **kwargs)",
        list_sort
    )
    .gc_clean(),
];

static LIST_CMP: [NativeDef; 6] = richcmp_natives!(list_richcompare);

/// The list payload of `v` (method descriptors already checked the type; this guards against
/// anything else reaching here).
fn this(vm: &mut Vm, v: Value) -> PyResult<&'static ListObj> {
    match v.downcast::<ListObj>() {
        Some(l) => Ok(l),
        None => Err(vm.type_error(format!(
            "descriptor requires a 'list' object but received a '{}'",
            vm.type_name(v)
        ))),
    }
}

fn get_live(v: Value, i: usize) -> Option<Value> {
    v.downcast::<ListObj>().and_then(|l| l.get(i))
}

fn len_live(v: Value) -> usize {
    v.downcast::<ListObj>().map(|l| l.len()).unwrap_or(0)
}

/// The items of any iterable, with list/tuple read directly (a snapshot, so `l.extend(l)` and
/// `l[:] = l` see the old contents).
fn items_of(vm: &mut Vm, v: Value) -> PyResult<Vec<Value>> {
    if let Some(l) = v.downcast::<ListObj>() {
        return Ok(l.snapshot());
    }
    if let Some(t) = crate::types::tuple::items(v) {
        return Ok(t.to_vec());
    }
    ops::iter::collect(vm, v)
}

/// `PySequence_Fast(v, msg)`: the items of an iterable, with `msg` replacing the TypeError of a
/// non-iterable.
fn items_or(vm: &mut Vm, v: Value, msg: &str) -> PyResult<Vec<Value>> {
    if v.is::<ListObj>() || crate::types::tuple::items(v).is_some() {
        return items_of(vm, v);
    }
    let it = match ops::iter::get_iter(vm, v) {
        Ok(it) => it,
        Err(e) if vm.exc_matches(e, vm.exc.type_error) => return Err(vm.type_error(msg)),
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    while let Some(x) = ops::iter::next(vm, it)? {
        out.push(x);
    }
    Ok(out)
}

fn list_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    check_new_type(vm, a[0], vm.types.list)?;
    Ok(new_list_of_type(a[0], Vec::new()))
}

/// Audited for collection in its callbacks (`gc_clean`).
fn list_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let clean = vm.take_clean_entry();
    let l = this(vm, a[0])?;
    // Keywords are refused unless a subclass's own `__new__` takes them (CPython's rule).
    let ty = vm.type_of(a[0]);
    let own_new = ty != vm.types.list
        && typeobj::lookup(vm, ty, vm.names.new)
            != typeobj::lookup(vm, vm.types.list, vm.names.new);
    let kwargs = if own_new { Value::NULL } else { a[2] };
    let arg = single_optional_arg(vm, "list", a[1], kwargs)?;
    l.items.borrow_mut().clear();
    if !arg.is_null() {
        let items = ops::iter::collect_in(vm, arg, clean)?;
        l.items.borrow_mut().extend(items);
    }
    Ok(Value::NONE)
}

fn list_len(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = this(vm, a[0])?.len();
    Ok(crate::types::int::from_usize(vm, n))
}

fn list_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = this(vm, a[0])?;
    match seq_key(vm, a[1], "list")? {
        SeqKey::Index(i) => {
            let items = l.items.borrow();
            if let Some(j) = norm_index(i, items.len()) {
                return Ok(items[j]);
            }
            drop(items);
            Err(vm.index_error("list index out of range"))
        }
        SeqKey::Slice(s) => {
            let (start, _, step, n) = slice_indices(vm, s, l.len() as i64)?;
            let items = take_slice(&l.items.borrow(), start, step, n);
            Ok(new_list(vm, items))
        }
    }
}

fn list_setitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = this(vm, a[0])?;
    match seq_key(vm, a[1], "list")? {
        SeqKey::Index(i) => {
            let mut items = l.items.borrow_mut();
            if let Some(j) = norm_index(i, items.len()) {
                items[j] = a[2];
                return Ok(Value::NONE);
            }
            drop(items);
            Err(vm.index_error("list assignment index out of range"))
        }
        SeqKey::Slice(s) => {
            assign_slice(vm, l, s, Some(a[2]))?;
            Ok(Value::NONE)
        }
    }
}

fn list_delitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = this(vm, a[0])?;
    match seq_key(vm, a[1], "list")? {
        SeqKey::Index(i) => {
            let mut items = l.items.borrow_mut();
            if let Some(j) = norm_index(i, items.len()) {
                items.remove(j);
                return Ok(Value::NONE);
            }
            drop(items);
            Err(vm.index_error("list assignment index out of range"))
        }
        SeqKey::Slice(s) => {
            assign_slice(vm, l, s, None)?;
            Ok(Value::NONE)
        }
    }
}

/// `l[s] = value` (or `del l[s]` when `value` is None), with CPython's rules: a step-1 slice
/// takes any iterable and may change the length; an extended slice needs exactly as many items.
pub fn assign_slice(vm: &mut Vm, l: &ListObj, s: &SliceObj, value: Option<Value>) -> PyResult<()> {
    let (start, stop, step, n) = slice_indices(vm, s, l.len() as i64)?;
    if step == 1 {
        let new = match value {
            Some(v) => items_or(vm, v, "can only assign an iterable")?,
            None => Vec::new(),
        };
        let mut items = l.items.borrow_mut();
        let len = items.len() as i64;
        let lo = start.clamp(0, len);
        let hi = stop.clamp(lo, len);
        items.splice(lo as usize..hi as usize, new);
        return Ok(());
    }
    let Some(v) = value else {
        // Extended deletion: drop every step-th item of the slice.
        if n <= 0 {
            return Ok(());
        }
        let (lo, st) = if step < 0 {
            (start + step * (n - 1), -step)
        } else {
            (start, step)
        };
        let mut items = l.items.borrow_mut();
        let mut k = 0usize;
        let mut next = lo;
        let mut left = n;
        items.retain(|_| {
            let i = k as i64;
            k += 1;
            if left > 0 && i == next {
                left -= 1;
                next += st;
                false
            } else {
                true
            }
        });
        return Ok(());
    };
    let new = items_or(vm, v, "must assign iterable to extended slice")?;
    if new.len() as i64 != n {
        return Err(vm.value_error(format!(
            "attempt to assign sequence of size {} to extended slice of size {n}",
            new.len()
        )));
    }
    let mut items = l.items.borrow_mut();
    let len = items.len() as i64;
    let mut i = start;
    for x in new {
        // The list may have shrunk while the value was iterated: skip vanished slots.
        if (0..len).contains(&i) {
            items[i as usize] = x;
        }
        i += step;
    }
    Ok(())
}

fn list_contains(vm: &mut Vm, a: &[Value]) -> PyResult {
    this(vm, a[0])?;
    let found = seq_find(vm, a[0], a[1], 0, usize::MAX, get_live)?;
    Ok(Value::from_bool(found.is_some()))
}

fn list_iter(vm: &mut Vm, a: &[Value]) -> PyResult {
    this(vm, a[0])?;
    Ok(new_iter(
        vm.types.list_iterator,
        IterState::List { seq: a[0], pos: 0 },
    ))
}

fn list_reversed(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = this(vm, a[0])?.len() as isize;
    Ok(new_iter(
        vm.types.list_reverseiterator,
        IterState::ListRev {
            seq: a[0],
            pos: n - 1,
        },
    ))
}

fn list_add(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = this(vm, a[0])?;
    let Some(o) = a[1].downcast::<ListObj>() else {
        return Err(vm.type_error(format!(
            "can only concatenate list (not \"{}\") to list",
            vm.type_name(a[1])
        )));
    };
    let mut items = l.snapshot();
    items.extend(o.items.borrow().iter().copied());
    Ok(new_list(vm, items))
}

fn list_iadd(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = this(vm, a[0])?;
    let items = items_of(vm, a[1])?;
    l.items.borrow_mut().extend(items);
    Ok(a[0])
}

fn list_mul(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = this(vm, a[0])?;
    let Some(n) = repeat_count(vm, a[1])? else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let items = l.snapshot();
    let v = repeat_items(vm, &items, n)?;
    Ok(new_list(vm, v))
}

fn list_imul(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = this(vm, a[0])?;
    let Some(n) = repeat_count(vm, a[1])? else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let items = l.snapshot();
    let v = repeat_items(vm, &items, n)?;
    *l.items.borrow_mut() = v;
    Ok(a[0])
}

fn list_richcompare(vm: &mut Vm, a: Value, b: Value, op: CompareOp) -> PyResult {
    if !a.is::<ListObj>() || !b.is::<ListObj>() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    seq_richcompare(vm, a, b, op, get_live, len_live)
}

fn list_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    this(vm, a[0])?;
    let s = ops::repr::container_repr(vm, a[0])?;
    Ok(vm.new_string(s))
}

fn list_sizeof(vm: &mut Vm, a: &[Value]) -> PyResult {
    let cap = this(vm, a[0])?.items.borrow().capacity();
    Ok(crate::types::int::from_usize(vm, 40 + 8 * cap))
}

fn list_append(vm: &mut Vm, a: &[Value]) -> PyResult {
    this(vm, a[0])?.push(a[1]);
    Ok(Value::NONE)
}

fn list_clear(vm: &mut Vm, a: &[Value]) -> PyResult {
    // Take the items out first so nothing observes a half-cleared list.
    let old = std::mem::take(&mut *this(vm, a[0])?.items.borrow_mut());
    drop(old);
    Ok(Value::NONE)
}

fn list_copy(vm: &mut Vm, a: &[Value]) -> PyResult {
    let items = this(vm, a[0])?.snapshot();
    Ok(new_list(vm, items))
}

fn list_count(vm: &mut Vm, a: &[Value]) -> PyResult {
    this(vm, a[0])?;
    let n = seq_count(vm, a[0], a[1], get_live)?;
    Ok(crate::types::int::from_usize(vm, n))
}

/// Audited for collection in its callbacks (`gc_clean`).
fn list_extend(vm: &mut Vm, a: &[Value]) -> PyResult {
    let clean = vm.take_clean_entry();
    let l = this(vm, a[0])?;
    let items = ops::iter::collect_in(vm, a[1], clean)?;
    l.items.borrow_mut().extend(items);
    Ok(Value::NONE)
}

fn list_index(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = this(vm, a[0])?;
    let (lo, hi) = index_bounds(vm, a[2], a[3], l.len())?;
    match seq_find(vm, a[0], a[1], lo, hi, get_live)? {
        Some(i) => Ok(crate::types::int::from_usize(vm, i)),
        None => {
            let r = ops::repr::repr_string(vm, a[1])?;
            Err(vm.value_error(format!("{r} is not in list")))
        }
    }
}

fn list_insert(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = this(vm, a[0])?;
    let i = ssize_arg(vm, a[1])?;
    let mut items = l.items.borrow_mut();
    let n = items.len() as i64;
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
    items.insert(j as usize, a[2]);
    Ok(Value::NONE)
}

fn list_pop(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = this(vm, a[0])?;
    let i = if a[1].is_null() {
        -1
    } else {
        ssize_arg(vm, a[1])?
    };
    let mut items = l.items.borrow_mut();
    if items.is_empty() {
        drop(items);
        return Err(vm.index_error("pop from empty list"));
    }
    match norm_index(i, items.len()) {
        Some(j) => Ok(items.remove(j)),
        None => {
            drop(items);
            Err(vm.index_error("pop index out of range"))
        }
    }
}

fn list_remove(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = this(vm, a[0])?;
    if let Some(i) = seq_find(vm, a[0], a[1], 0, usize::MAX, get_live)? {
        let mut items = l.items.borrow_mut();
        if i < items.len() {
            items.remove(i);
        }
        return Ok(Value::NONE);
    }
    Err(vm.value_error("list.remove(x): x not in list"))
}

fn list_reverse(vm: &mut Vm, a: &[Value]) -> PyResult {
    this(vm, a[0])?.items.borrow_mut().reverse();
    Ok(Value::NONE)
}

/// `list.sort(*, key=None, reverse=False)`. The items are moved out while sorting, so the list
/// reads as empty to key functions and comparisons; any mutation in the meantime is detected
/// (the Vec gained capacity) and reported after the sorted items are put back, as CPython.
///
/// Audited (`gc_clean`): the key function and comparisons run at a clean level when this was
/// entered cleanly; `sort_values_in` roots the moved-out items meanwhile.
fn list_sort(vm: &mut Vm, a: &[Value]) -> PyResult {
    let clean = vm.take_clean_entry();
    let l = this(vm, a[0])?;
    // Slots in textual order: self, *args, key, reverse, **kwargs (the last two catch-alls
    // exist only to give CPython's messages).
    if crate::types::tuple::items(a[1]).is_some_and(|t| !t.is_empty()) {
        return Err(vm.type_error("sort() takes no positional arguments"));
    }
    if !a[4].is_null()
        && let Some((k, _)) = crate::types::dict::items(a[4]).into_iter().next()
    {
        let k = crate::types::str::as_str(k).unwrap_or("?").to_string();
        return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for sort()")));
    }
    let key = a[2];
    let reverse = reverse_flag(vm, a[3])?;
    let mut items = std::mem::take(&mut *l.items.borrow_mut());
    let r = super::list_sort::sort_values_in(vm, &mut items, key, reverse, clean);
    let modified = {
        let cur = l.items.borrow();
        cur.capacity() != 0 || !cur.is_empty()
    };
    let old = std::mem::replace(&mut *l.items.borrow_mut(), items);
    drop(old);
    r?;
    if modified {
        return Err(vm.value_error("list modified during sort"));
    }
    Ok(Value::NONE)
}

/// The `reverse=` argument of sort/sorted: an int (`__index__`), as CPython's `int` converter.
pub fn reverse_flag(vm: &mut Vm, v: Value) -> PyResult<bool> {
    if v.is_null() {
        return Ok(false);
    }
    if v.is_bool() {
        return Ok(v == Value::TRUE);
    }
    let i = ops::number::index(vm, v)?;
    Ok(!crate::types::int::int_ref(i).is_some_and(|x| x.is_zero()))
}
