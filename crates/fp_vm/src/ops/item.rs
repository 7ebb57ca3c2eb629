//! Container protocol: `len`, `a[k]`, `a[k] = v`, `del a[k]`, `x in a`.

use crate::types::dict::DictObj;
use crate::types::list::ListObj;
use crate::types::typeobj::TypeObject;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub fn len(vm: &mut Vm, v: Value) -> PyResult<usize> {
    len_in(vm, v, false)
}

/// `len`, from a clean position when `clean` (see `ops::call::call_kw_in`): `__len__` then
/// runs at a clean level. So do the special methods of `getitem_in` & co below.
pub fn len_in(vm: &mut Vm, v: Value, clean: bool) -> PyResult<usize> {
    let ty = vm.type_of(v);
    if ty == vm.types.list {
        return Ok(v.downcast::<ListObj>().map(|l| l.len()).unwrap_or(0));
    }
    if ty == vm.types.tuple {
        return Ok(crate::types::tuple::items(v).map(|t| t.len()).unwrap_or(0));
    }
    if ty == vm.types.str_ {
        return Ok(v
            .downcast::<crate::types::str::StrObj>()
            .map(|s| s.char_len())
            .unwrap_or(0));
    }
    if ty == vm.types.dict {
        return Ok(crate::types::dict::len(v));
    }
    if (ty == vm.types.set || ty == vm.types.frozenset)
        && let Some(so) = v.downcast::<crate::types::set::SetObj>()
    {
        return Ok(so.len());
    }
    match super::call_special_in(vm, v, vm.names.len, &[], clean)? {
        Some(r) => {
            let n = super::number::len_result(vm, r)?;
            Ok(n as usize)
        }
        None => Err(vm.type_error(format!("object of type '{}' has no len()", vm.type_name(v)))),
    }
}

/// Normalises a sequence index: negative counts from the end; IndexError when out of range.
pub fn seq_index(vm: &mut Vm, i: Value, len: usize, what: &str) -> PyResult<usize> {
    let idx = super::number::index_clamped(vm, i)?;
    let j = if idx < 0 { idx + len as i64 } else { idx };
    if j < 0 || j >= len as i64 {
        return Err(vm.index_error(format!("{what} index out of range")));
    }
    Ok(j as usize)
}

pub fn getitem(vm: &mut Vm, c: Value, k: Value) -> PyResult {
    getitem_in(vm, c, k, false)
}

pub fn getitem_in(vm: &mut Vm, c: Value, k: Value, clean: bool) -> PyResult {
    let ty = vm.type_of(c);
    if ty == vm.types.list
        && let Some(i) = k.as_small_int()
        && let Some(l) = c.downcast::<ListObj>()
    {
        let items = l.items.borrow();
        let j = if i < 0 { i + items.len() as i64 } else { i };
        if j >= 0 && (j as usize) < items.len() {
            return Ok(items[j as usize]);
        }
        drop(items);
        return Err(vm.index_error("list index out of range"));
    }
    if ty == vm.types.tuple
        && let Some(i) = k.as_small_int()
        && let Some(t) = crate::types::tuple::items(c)
    {
        let j = if i < 0 { i + t.len() as i64 } else { i };
        if j >= 0 && (j as usize) < t.len() {
            return Ok(t[j as usize]);
        }
        return Err(vm.index_error("tuple index out of range"));
    }
    if ty == vm.types.str_ {
        return crate::types::str_methods::getitem(vm, c, k);
    }
    if ty == vm.types.dict {
        if let Some(v) = crate::types::dict::get_item(vm, c, k)? {
            return Ok(v);
        }
        return Err(vm.key_error(k));
    }
    if let Some(r) = super::call_special_in(vm, c, vm.names.getitem, &[k], clean)? {
        return Ok(r);
    }
    if c.is::<TypeObject>() {
        if c == vm.types.type_ {
            return crate::types::object::generic_alias(vm, c, k);
        }
        let cg = vm.intern("__class_getitem__");
        if let Some(f) = super::attr::getattr_opt(vm, c, cg)? {
            return super::call::call(vm, f, &[k]);
        }
        return Err(vm.type_error(format!(
            "type '{}' is not subscriptable",
            crate::types::typeobj::type_name(c)
        )));
    }
    Err(vm.type_error(format!("'{}' object is not subscriptable", vm.type_name(c))))
}

pub fn setitem(vm: &mut Vm, c: Value, k: Value, v: Value) -> PyResult<()> {
    setitem_in(vm, c, k, v, false)
}

pub fn setitem_in(vm: &mut Vm, c: Value, k: Value, v: Value, clean: bool) -> PyResult<()> {
    let ty = vm.type_of(c);
    if ty == vm.types.list
        && let Some(i) = k.as_small_int()
        && let Some(l) = c.downcast::<ListObj>()
    {
        let mut items = l.items.borrow_mut();
        let j = if i < 0 { i + items.len() as i64 } else { i };
        if j >= 0 && (j as usize) < items.len() {
            items[j as usize] = v;
            return Ok(());
        }
        drop(items);
        return Err(vm.index_error("list assignment index out of range"));
    }
    if ty == vm.types.dict && c.is::<DictObj>() {
        return crate::types::dict::set_item(vm, c, k, v);
    }
    match super::call_special_in(vm, c, vm.names.setitem, &[k, v], clean)? {
        Some(_) => Ok(()),
        None => Err(vm.type_error(format!(
            "'{}' object does not support item assignment",
            vm.type_name(c)
        ))),
    }
}

pub fn delitem(vm: &mut Vm, c: Value, k: Value) -> PyResult<()> {
    delitem_in(vm, c, k, false)
}

pub fn delitem_in(vm: &mut Vm, c: Value, k: Value, clean: bool) -> PyResult<()> {
    let ty = vm.type_of(c);
    if ty == vm.types.dict {
        return match crate::types::dict::del_item(vm, c, k)? {
            Some(_) => Ok(()),
            None => Err(vm.key_error(k)),
        };
    }
    match super::call_special_in(vm, c, vm.names.delitem, &[k], clean)? {
        Some(_) => Ok(()),
        None => Err(vm.type_error(format!(
            "'{}' object doesn't support item deletion",
            vm.type_name(c)
        ))),
    }
}

/// Whether `item` equals an item of `seq`, a list or tuple, compared in order as the list is
/// now (a comparison may shrink it, as CPython's `list_contains` allows). From a clean
/// position when `clean`: the first comparison that may run Python code roots `seq` and
/// `item`, and the item being compared (the list may drop it meanwhile); the caller truncates
/// the roots.
fn seq_contains(vm: &mut Vm, seq: Value, item: Value, clean: bool) -> PyResult<bool> {
    let mut slot = None;
    let mut i = 0;
    while let Some(x) = crate::types::seq_methods::live_item(seq, i) {
        i += 1;
        if x == item {
            return Ok(true);
        }
        if let Some(r) = super::compare::fast_compare(vm, x, item, fp_bytecode::CompareOp::Eq) {
            if r {
                return Ok(true);
            }
            continue;
        }
        if clean {
            let s = match slot {
                Some(s) => s,
                None => {
                    vm.root(seq);
                    vm.root(item);
                    *slot.insert(vm.root(Value::NULL))
                }
            };
            vm.set_root(s, x);
        }
        if super::compare::eq_in(vm, x, item, clean)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `item in container`.
pub fn contains(vm: &mut Vm, container: Value, item: Value) -> PyResult<bool> {
    contains_in(vm, container, item, false)
}

pub fn contains_in(vm: &mut Vm, container: Value, item: Value, clean: bool) -> PyResult<bool> {
    let ty = vm.type_of(container);
    if ty == vm.types.dict {
        return Ok(crate::types::dict::get_item(vm, container, item)?.is_some());
    }
    if ty == vm.types.set || ty == vm.types.frozenset {
        return crate::types::set::contains(vm, container, item);
    }
    if ty == vm.types.str_ {
        let (Some(h), Some(n)) = (
            crate::types::str::as_str(container),
            crate::types::str::as_str(item),
        ) else {
            return Err(vm.type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                vm.type_name(item)
            )));
        };
        return Ok(h.contains(n));
    }
    if ty == vm.types.list || ty == vm.types.tuple {
        let mark = vm.roots_mark();
        let r = seq_contains(vm, container, item, clean);
        vm.truncate_roots(mark);
        return r;
    }
    if let Some(r) = super::call_special_in(vm, container, vm.names.contains, &[item], clean)? {
        return super::truth::is_true(vm, r);
    }
    let ty = vm.type_of(container);
    if crate::types::typeobj::lookup(vm, ty, vm.names.contains).is_none() {
        return Err(vm.type_error(format!(
            "'{}' object is not a container",
            vm.type_name(container)
        )));
    }
    // Fall back to iteration.
    let has_iter = !crate::types::typeobj::lookup(vm, ty, vm.names.iter).is_null()
        || !crate::types::typeobj::lookup(vm, ty, vm.names.getitem).is_null();
    if !has_iter {
        return Err(vm.type_error(format!(
            "argument of type '{}' is not iterable",
            vm.type_name(container)
        )));
    }
    let it = match super::iter::get_iter(vm, container) {
        Ok(it) => it,
        Err(e) if vm.exc_matches(e, vm.exc.type_error) => {
            return Err(vm.type_error(format!(
                "argument of type '{}' is not iterable",
                vm.type_name(container)
            )));
        }
        Err(e) => return Err(e),
    };
    while let Some(x) = super::iter::next(vm, it)? {
        if super::compare::eq(vm, x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}
