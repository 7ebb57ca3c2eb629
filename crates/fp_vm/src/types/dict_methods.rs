//! Python-visible `dict` behaviour: construction (`dict(mapping or pairs, **kw)`), the mapping
//! protocol (with `__missing__` for subclasses), equality, `|`/`|=`, and the methods. The views
//! and reverse iterators live in `dict_views.rs` (installed from here).
//!
//! Storage is `types::dict`. `get`, `__getitem__`, `__setitem__` and `__contains__` are hot, so
//! they stay thin wrappers over it.

use crate::native::NativeDef;
use crate::ops;
use crate::types::dict::{self, DictObj};
use crate::types::dict_views::{self, ViewKind};
use crate::types::typeobj::{self, TypeObject};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_classmethod, native_staticmethod};

pub fn install(vm: &mut Vm) {
    let t = vm.types.dict;
    typeobj::add_methods(vm, t, DICT_METHODS);
    typeobj::set_type_attr(vm, t, "__hash__", Value::NONE);
    dict_views::install(vm);
}

// `key` is declared optional on get/pop/setdefault only so that a missing key can be reported
// with CPython's wording ("get expected at least 1 argument, got 0").
static DICT_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, *args, **kwargs)", dict_new),
    native!("__init__", "($self, /, *args, **kwargs)", dict_init).gc_clean(),
    native!("__len__", "($self, /)", dict_len),
    native!("__getitem__", "($self, key, /)", dict_getitem).gc_clean(),
    native!("__setitem__", "($self, key, value, /)", dict_setitem),
    native!("__delitem__", "($self, key, /)", dict_delitem),
    native!("__contains__", "($self, key, /)", dict_contains),
    native!("__iter__", "($self, /)", dict_iter),
    native!("__reversed__", "($self, /)", dict_reversed),
    native!("__eq__", "($self, value, /)", dict_eq),
    native!("__ne__", "($self, value, /)", dict_ne),
    native!("__or__", "($self, value, /)", dict_or),
    native!("__ror__", "($self, value, /)", dict_ror),
    native!("__ior__", "($self, value, /)", dict_ior),
    native!("__repr__", "($self, /)", dict_repr),
    native!("__sizeof__", "($self, /)", dict_sizeof),
    native_classmethod!("__class_getitem__", "($type, item, /)", dict_class_getitem),
    native!("clear", "($self, /)", dict_clear),
    native!("copy", "($self, /)", dict_copy),
    native_classmethod!(
        "fromkeys",
        "($type, iterable, value=None, /)",
        dict_fromkeys
    ),
    native!(
        "get",
        "($self, key=<unrepresentable>, default=None, /)",
        dict_get
    ),
    native!("items", "($self, /)", dict_items),
    native!("keys", "($self, /)", dict_keys),
    native!(
        "pop",
        "($self, key=<unrepresentable>, default=<unrepresentable>, /)",
        dict_pop
    ),
    native!("popitem", "($self, /)", dict_popitem),
    native!(
        "setdefault",
        "($self, key=<unrepresentable>, default=None, /)",
        dict_setdefault
    ),
    native!("update", "($self, /, *args, **kwargs)", dict_update).gc_clean(),
    native!("values", "($self, /)", dict_values),
];

// ----- helpers -----

/// Checks that `v` has dict storage (it always has when the descriptor's self check passed; a
/// TypeError instead of a panic otherwise).
#[inline]
fn check(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if v.is::<DictObj>() {
        Ok(v)
    } else {
        Err(vm.type_error(format!(
            "descriptor requires a 'dict' object but received '{}'",
            vm.type_name(v)
        )))
    }
}

fn or_none(v: Value) -> Value {
    if v.is_null() { Value::NONE } else { v }
}

fn tuple_items(v: Value) -> Vec<Value> {
    crate::types::tuple::items(v).unwrap_or(&[]).to_vec()
}

/// Whether `b` is a dict whose iteration is dict's own, so merging may read its entries
/// directly (CPython's test `PyDict_Check(b) && tp_iter == dict_iter`).
fn has_dict_iteration(vm: &mut Vm, b: Value) -> bool {
    if !b.is::<DictObj>() {
        return false;
    }
    let tb = vm.type_of(b);
    if tb == vm.types.dict {
        return true;
    }
    let own = typeobj::lookup(vm, tb, vm.names.iter);
    let base = typeobj::lookup(vm, vm.types.dict, vm.names.iter);
    own == base
}

/// `PyDict_Merge(d, b, override=1)`: `b` is a mapping (entries read directly from a dict,
/// `keys()` + `b[k]` otherwise).
pub fn merge(vm: &mut Vm, d: Value, b: Value) -> PyResult<()> {
    if has_dict_iteration(vm, b) {
        return dict::update_from_dict(vm, d, b);
    }
    let keys_fn = ops::attr::getattr(vm, b, vm.names.keys)?;
    let keys = ops::call::call(vm, keys_fn, &[])?;
    let it = match ops::iter::get_iter(vm, keys) {
        Ok(it) => it,
        Err(e) if vm.exc_matches(e, vm.exc.type_error) => {
            return Err(vm.type_error(format!(
                "{}.keys() returned a non-iterable (type {})",
                vm.type_name(b),
                vm.type_name(keys)
            )));
        }
        Err(e) => return Err(e),
    };
    while let Some(k) = ops::iter::next(vm, it)? {
        let v = ops::item::getitem(vm, b, k)?;
        dict::set_item(vm, d, k, v)?;
    }
    Ok(())
}

/// `PyDict_MergeFromSeq2`: `seq` yields key/value pairs.
/// From a clean position when `clean` (the caller roots `d`): the iterator's Python code then
/// runs at a clean level.
fn merge_from_seq2(vm: &mut Vm, d: Value, seq: Value, clean: bool) -> PyResult<()> {
    let it = ops::iter::get_iter(vm, seq)?;
    let mark = vm.roots_mark();
    vm.root(it);
    let r = merge_from_iter(vm, d, it, clean);
    vm.truncate_roots(mark);
    r
}

fn merge_from_iter(vm: &mut Vm, d: Value, it: Value, clean: bool) -> PyResult<()> {
    let mut i = 0usize;
    while let Some(item) = ops::iter::next_in(vm, it, clean)? {
        let pair = match ops::iter::collect(vm, item) {
            Ok(p) => p,
            Err(e) if vm.exc_matches(e, vm.exc.type_error) => {
                return Err(vm.type_error(format!(
                    "cannot convert dictionary update sequence element #{i} to a sequence"
                )));
            }
            Err(e) => return Err(e),
        };
        if pair.len() != 2 {
            return Err(vm.value_error(format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            )));
        }
        dict::set_item(vm, d, pair[0], pair[1])?;
        i += 1;
    }
    Ok(())
}

/// `dict.update(arg)`'s dispatch: a dict, anything with `keys`, or an iterable of pairs.
pub fn update_arg(vm: &mut Vm, d: Value, arg: Value) -> PyResult<()> {
    update_arg_in(vm, d, arg, false)
}

/// `update_arg`, from a clean position when `clean` (the caller roots `d` and `arg`): an
/// iterable of pairs then runs its Python code at a clean level.
fn update_arg_in(vm: &mut Vm, d: Value, arg: Value, clean: bool) -> PyResult<()> {
    if vm.type_of(arg) == vm.types.dict {
        return dict::update_from_dict(vm, d, arg);
    }
    if ops::attr::getattr_opt(vm, arg, vm.names.keys)?.is_some() {
        return merge(vm, d, arg);
    }
    merge_from_seq2(vm, d, arg, clean)
}

/// `dict(*args, **kwargs)` / `d.update(...)` after construction. Both are audited
/// (`gc_clean`): entered cleanly, an iterable of pairs runs at a clean level (`d` and the
/// arguments are rooted as the native's own).
fn update_common(
    vm: &mut Vm,
    d: Value,
    [args, kwargs]: [Value; 2],
    name: &str,
    clean: bool,
) -> PyResult<()> {
    let args = tuple_items(args);
    if args.len() > 1 {
        return Err(vm.type_error(format!(
            "{name} expected at most 1 argument, got {}",
            args.len()
        )));
    }
    if let Some(&arg) = args.first() {
        update_arg_in(vm, d, arg, clean)?;
    }
    if !kwargs.is_null() {
        dict::update_from_dict(vm, d, kwargs)?;
    }
    Ok(())
}

/// CPython's `dict_equal`: same length and every value of `a` equal to `b`'s for the key.
pub fn dict_equal(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    if dict::len(a) != dict::len(b) {
        return Ok(false);
    }
    for e in dict::entries(a) {
        match dict::get_item_hashed(vm, b, e.key, e.hash)? {
            None => return Ok(false),
            Some(bv) => {
                if !ops::compare::eq(vm, e.value, bv)? {
                    return Ok(false);
                }
            }
        }
    }
    Ok(true)
}

// ----- construction -----

fn dict_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = a[0];
    if !ty.is::<TypeObject>() {
        return Err(vm.type_error(format!(
            "dict.__new__(X): X is not a type object ({})",
            vm.type_name(ty)
        )));
    }
    if !typeobj::is_subtype(ty, vm.types.dict) {
        let n = typeobj::type_name(ty);
        return Err(vm.type_error(format!("dict.__new__({n}): {n} is not a subtype of dict")));
    }
    Ok(dict::new_dict_of_type(ty))
}

fn dict_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let clean = vm.take_clean_entry();
    let d = check(vm, a[0])?;
    update_common(vm, d, [a[1], a[2]], "dict", clean)?;
    Ok(Value::NONE)
}

// ----- mapping protocol -----

fn dict_len(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = check(vm, a[0])?;
    Ok(crate::types::int::from_usize(vm, dict::len(d)))
}

/// Audited (`gc_clean`): a subclass's `__missing__` (a `defaultdict`'s factory) runs at a
/// clean level when this was entered cleanly.
fn dict_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let clean = vm.take_clean_entry();
    let d = check(vm, a[0])?;
    if let Some(v) = dict::get_item(vm, d, a[1])? {
        return Ok(v);
    }
    if vm.type_of(d) != vm.types.dict
        && let Some(r) = ops::call_special_in(vm, d, vm.names.missing, &[a[1]], clean)?
    {
        return Ok(r);
    }
    Err(vm.key_error(a[1]))
}

fn dict_setitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = check(vm, a[0])?;
    dict::set_item(vm, d, a[1], a[2])?;
    Ok(Value::NONE)
}

fn dict_delitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = check(vm, a[0])?;
    match dict::del_item(vm, d, a[1])? {
        Some(_) => Ok(Value::NONE),
        None => Err(vm.key_error(a[1])),
    }
}

fn dict_contains(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = check(vm, a[0])?;
    Ok(Value::from_bool(dict::get_item(vm, d, a[1])?.is_some()))
}

fn dict_iter(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = check(vm, a[0])?;
    Ok(crate::types::iterators::new_dict_iter(
        vm,
        d,
        crate::types::iterators::DictIterKind::Keys,
    ))
}

fn dict_reversed(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = check(vm, a[0])?;
    Ok(dict_views::new_reverse_iter(vm, d, ViewKind::Keys))
}

fn dict_eq(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = check(vm, a[0])?;
    if !a[1].is::<DictObj>() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    Ok(Value::from_bool(dict_equal(vm, d, a[1])?))
}

fn dict_ne(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = check(vm, a[0])?;
    if !a[1].is::<DictObj>() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    Ok(Value::from_bool(!dict_equal(vm, d, a[1])?))
}

/// `a | b` for two dicts: an exact-dict copy of `a` updated with `b`.
fn or_dicts(vm: &mut Vm, x: Value, y: Value) -> PyResult {
    if !x.is::<DictObj>() || !y.is::<DictObj>() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let n = dict::copy(vm, x)?;
    update_arg(vm, n, y)?;
    Ok(n)
}

fn dict_or(vm: &mut Vm, a: &[Value]) -> PyResult {
    or_dicts(vm, a[0], a[1])
}

fn dict_ror(vm: &mut Vm, a: &[Value]) -> PyResult {
    or_dicts(vm, a[1], a[0])
}

fn dict_ior(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = check(vm, a[0])?;
    update_arg(vm, d, a[1])?;
    Ok(d)
}

fn dict_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = check(vm, a[0])?;
    let s = ops::repr::container_repr(vm, d)?;
    Ok(vm.new_string(s))
}

fn dict_sizeof(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = check(vm, a[0])?;
    Ok(crate::types::int::from_usize(vm, dict::sizeof(d)))
}

fn dict_class_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    crate::modules::builtins::make_generic_alias(vm, a[0], a[1])
}

// ----- methods -----

fn dict_clear(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = check(vm, a[0])?;
    dict::clear(d);
    Ok(Value::NONE)
}

fn dict_copy(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = check(vm, a[0])?;
    if has_dict_iteration(vm, d) {
        return dict::copy(vm, d);
    }
    let n = dict::new_dict(vm);
    merge(vm, n, d)?;
    Ok(n)
}

fn dict_fromkeys(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (cls, iterable, value) = (a[0], a[1], or_none(a[2]));
    let d = ops::call::call(vm, cls, &[])?;
    let exact = vm.type_of(d) == vm.types.dict;
    if exact {
        let it_ty = vm.type_of(iterable);
        let pairs = if it_ty == vm.types.dict {
            Some(dict::keys_hashed(iterable))
        } else if it_ty == vm.types.set || it_ty == vm.types.frozenset {
            iterable
                .downcast::<crate::types::set::SetObj>()
                .map(|s| s.items_hashed())
        } else {
            None
        };
        if let Some(pairs) = pairs {
            for (k, h) in pairs {
                dict::set_item_hashed(vm, d, k, h, value)?;
            }
            return Ok(d);
        }
    }
    let it = ops::iter::get_iter(vm, iterable)?;
    while let Some(k) = ops::iter::next(vm, it)? {
        if exact {
            dict::set_item(vm, d, k, value)?;
        } else {
            ops::item::setitem(vm, d, k, value)?;
        }
    }
    Ok(d)
}

fn dict_get(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = check(vm, a[0])?;
    if a[1].is_null() {
        return Err(vm.type_error("get expected at least 1 argument, got 0"));
    }
    Ok(dict::get_item(vm, d, a[1])?.unwrap_or(or_none(a[2])))
}

fn dict_items(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = check(vm, a[0])?;
    Ok(dict_views::new_view(vm, d, ViewKind::Items))
}

fn dict_keys(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = check(vm, a[0])?;
    Ok(dict_views::new_view(vm, d, ViewKind::Keys))
}

fn dict_values(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = check(vm, a[0])?;
    Ok(dict_views::new_view(vm, d, ViewKind::Values))
}

fn dict_pop(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = check(vm, a[0])?;
    let (key, default) = (a[1], a[2]);
    if key.is_null() {
        return Err(vm.type_error("pop expected at least 1 argument, got 0"));
    }
    // An empty dict answers without hashing the key, as CPython.
    if dict::len(d) != 0
        && let Some(v) = dict::del_item(vm, d, key)?
    {
        return Ok(v);
    }
    if default.is_null() {
        return Err(vm.key_error(key));
    }
    Ok(default)
}

fn dict_popitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = check(vm, a[0])?;
    match dict::pop_last(d) {
        Some((k, v)) => Ok(crate::types::tuple::new_tuple(vm, vec![k, v])),
        None => Err(vm.new_exc(vm.exc.key_error, "popitem(): dictionary is empty")),
    }
}

fn dict_setdefault(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = check(vm, a[0])?;
    let key = a[1];
    if key.is_null() {
        return Err(vm.type_error("setdefault expected at least 1 argument, got 0"));
    }
    let default = or_none(a[2]);
    let h = ops::hash::hash(vm, key)?;
    if let Some(v) = dict::get_item_hashed(vm, d, key, h)? {
        return Ok(v);
    }
    dict::set_item_hashed(vm, d, key, h, default)?;
    Ok(default)
}

fn dict_update(vm: &mut Vm, a: &[Value]) -> PyResult {
    let clean = vm.take_clean_entry();
    let d = check(vm, a[0])?;
    update_common(vm, d, [a[1], a[2]], "update", clean)?;
    Ok(Value::NONE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::set_methods::tests::{call, err, int, list, method, repr, set_of, vm};
    use fp_bytecode::BinaryOp;

    fn tuple(vm: &mut Vm, xs: &[Value]) -> Value {
        crate::types::tuple::new_tuple(vm, xs.to_vec())
    }

    fn dict_of(vm: &mut Vm, pairs: &[(i64, i64)]) -> Value {
        let d = dict::new_dict(vm);
        for &(k, v) in pairs {
            dict::set_item(vm, d, int(k), int(v)).unwrap();
        }
        d
    }

    fn sizeof(vm: &mut Vm, d: Value) -> String {
        let r = method(vm, d, "__sizeof__", &[]).unwrap();
        repr(vm, r)
    }

    #[test]
    fn construction() {
        let mut vm = vm();
        let vm = &mut *vm;
        let dt = vm.types.dict;
        let p1 = tuple(vm, &[int(1), int(2)]);
        let p2 = list(vm, &[3, 4]);
        let pairs = crate::types::list::new_list(vm, vec![p1, p2]);
        let a = vm.new_str("a");
        let d = ops::call::call_kw(vm, dt, &[pairs, int(5)], &[a]).unwrap();
        assert_eq!(repr(vm, d), "{1: 2, 3: 4, 'a': 5}");
        let cases: [(Value, &str); 3] = [
            (
                list(vm, &[1, 2]),
                "TypeError: cannot convert dictionary update sequence element #0 to a sequence",
            ),
            (int(5), "TypeError: 'int' object is not iterable"),
            (Value::NULL, ""),
        ];
        for (arg, want) in cases.iter().filter(|c| !c.0.is_null()) {
            let r = call(vm, dt, &[*arg]);
            assert_eq!(err(vm, r), *want);
        }
        let t3 = list(vm, &[1, 2, 3]);
        let bad = crate::types::list::new_list(vm, vec![t3]);
        let r = call(vm, dt, &[bad]);
        assert_eq!(
            err(vm, r),
            "ValueError: dictionary update sequence element #0 has length 3; 2 is required"
        );
        let r = call(vm, dt, &[int(1), int(2)]);
        assert_eq!(
            err(vm, r),
            "TypeError: dict expected at most 1 argument, got 2"
        );
        // dict(mapping) copies; fromkeys keeps first-seen order.
        let src = dict_of(vm, &[(2, 1), (1, 2)]);
        let c = call(vm, dt, &[src]).unwrap();
        assert_eq!(repr(vm, c), "{2: 1, 1: 2}");
        let keys = list(vm, &[3, 1, 3]);
        let fk = ops::attr::getattr_str(vm, dt, "fromkeys").unwrap();
        let f = call(vm, fk, &[keys, int(0)]).unwrap();
        assert_eq!(repr(vm, f), "{3: 0, 1: 0}");
    }

    #[test]
    fn methods_and_errors() {
        let mut vm = vm();
        let vm = &mut *vm;
        let d = dict_of(vm, &[(1, 10), (2, 20)]);
        let r = method(vm, d, "get", &[]);
        assert_eq!(
            err(vm, r),
            "TypeError: get expected at least 1 argument, got 0"
        );
        assert_eq!(method(vm, d, "get", &[int(1)]).unwrap(), int(10));
        assert_eq!(method(vm, d, "get", &[int(9)]).unwrap(), Value::NONE);
        assert_eq!(method(vm, d, "get", &[int(9), int(0)]).unwrap(), int(0));
        assert_eq!(
            method(vm, d, "setdefault", &[int(3), int(30)]).unwrap(),
            int(30)
        );
        assert_eq!(
            method(vm, d, "setdefault", &[int(3), int(99)]).unwrap(),
            int(30)
        );
        assert_eq!(method(vm, d, "pop", &[int(1)]).unwrap(), int(10));
        assert_eq!(method(vm, d, "pop", &[int(1), int(7)]).unwrap(), int(7));
        let r = method(vm, d, "pop", &[int(1)]);
        assert_eq!(err(vm, r), "KeyError: 1");
        let r = method(vm, d, "popitem", &[]).unwrap();
        assert_eq!(repr(vm, r), "(3, 30)");
        assert_eq!(repr(vm, d), "{2: 20}");
        let e = dict::new_dict(vm);
        let r = method(vm, e, "popitem", &[]);
        assert_eq!(err(vm, r), "KeyError: popitem(): dictionary is empty");
        // An empty dict answers pop() with the default before hashing the key.
        let unhashable = dict::new_dict(vm);
        assert_eq!(method(vm, e, "pop", &[unhashable, int(5)]).unwrap(), int(5));
        let r = method(vm, d, "setdefault", &[unhashable, int(1)]);
        assert_eq!(err(vm, r), "TypeError: unhashable type: 'dict'");
        let r = method(vm, d, "update", &[int(1)]);
        assert_eq!(err(vm, r), "TypeError: 'int' object is not iterable");
        let r = ops::item::getitem(vm, d, int(42));
        assert_eq!(err(vm, r), "KeyError: 42");
        let r = ops::compare::rich_compare(vm, d, e, fp_bytecode::CompareOp::Lt);
        assert_eq!(
            err(vm, r),
            "TypeError: '<' not supported between instances of 'dict' and 'dict'"
        );
        let r = ops::hash::hash(vm, d).map(|_| Value::NONE);
        assert_eq!(err(vm, r), "TypeError: unhashable type: 'dict'");
    }

    #[test]
    fn equality_and_or() {
        let mut vm = vm();
        let vm = &mut *vm;
        let a = dict_of(vm, &[(1, 2), (3, 4)]);
        let b = dict_of(vm, &[(3, 4), (1, 2)]);
        assert!(ops::compare::eq(vm, a, b).unwrap());
        let c = dict_of(vm, &[(3, 4), (1, 5)]);
        assert!(!ops::compare::eq(vm, a, c).unwrap());
        let m = ops::number::binary_op(vm, a, c, BinaryOp::Or, false).unwrap();
        assert_eq!(repr(vm, m), "{1: 5, 3: 4}");
        let l = list(vm, &[]);
        let r = ops::number::binary_op(vm, a, l, BinaryOp::Or, false);
        assert_eq!(
            err(vm, r),
            "TypeError: unsupported operand type(s) for |: 'dict' and 'list'"
        );
        let p = tuple(vm, &[int(7), int(8)]);
        let pl = crate::types::list::new_list(vm, vec![p]);
        let r = ops::number::binary_op(vm, a, pl, BinaryOp::Or, true).unwrap();
        assert_eq!(r, a);
        assert_eq!(repr(vm, a), "{1: 2, 3: 4, 7: 8}");
        // Recursive repr.
        dict::set_item(vm, a, int(0), a).unwrap();
        assert_eq!(repr(vm, a), "{1: 2, 3: 4, 7: 8, 0: {...}}");
    }

    #[test]
    fn views() {
        let mut vm = vm();
        let vm = &mut *vm;
        let d = dict_of(vm, &[(1, 1), (2, 2), (3, 3)]);
        let k = method(vm, d, "keys", &[]).unwrap();
        let v = method(vm, d, "values", &[]).unwrap();
        let it = method(vm, d, "items", &[]).unwrap();
        assert_eq!(repr(vm, k), "dict_keys([1, 2, 3])");
        assert_eq!(repr(vm, v), "dict_values([1, 2, 3])");
        assert_eq!(repr(vm, it), "dict_items([(1, 1), (2, 2), (3, 3)])");
        let rev = method(vm, d, "__reversed__", &[]).unwrap();
        assert_eq!(vm.type_name(rev), "dict_reversekeyiterator");
        let r = ops::iter::collect(vm, rev).unwrap();
        let r = crate::types::list::new_list(vm, r);
        assert_eq!(repr(vm, r), "[3, 2, 1]");
        let rev = method(vm, it, "__reversed__", &[]).unwrap();
        let r = ops::iter::collect(vm, rev).unwrap();
        let r = crate::types::list::new_list(vm, r);
        assert_eq!(repr(vm, r), "[(3, 3), (2, 2), (1, 1)]");

        let s = set_of(vm, &[2, 3, 9]);
        let r = ops::number::binary_op(vm, k, s, BinaryOp::And, false).unwrap();
        assert_eq!(repr(vm, r), "{2, 3}");
        let l7 = list(vm, &[7]);
        let r = ops::number::binary_op(vm, k, l7, BinaryOp::Or, false).unwrap();
        assert_eq!(repr(vm, r), "{1, 2, 3, 7}");
        let l1 = list(vm, &[1]);
        let r = ops::number::binary_op(vm, k, l1, BinaryOp::Sub, false).unwrap();
        assert_eq!(repr(vm, r), "{2, 3}");
        let s19 = set_of(vm, &[1, 9]);
        let r = ops::number::binary_op(vm, k, s19, BinaryOp::Xor, false).unwrap();
        assert_eq!(repr(vm, r), "{9, 2, 3}");
        let l91 = list(vm, &[9, 1]);
        let r = ops::number::binary_op(vm, l91, k, BinaryOp::Sub, false).unwrap();
        assert_eq!(repr(vm, r), "{9}");
        let e = dict_of(vm, &[(1, 1), (2, 5), (4, 4)]);
        let eit = method(vm, e, "items", &[]).unwrap();
        let r = ops::number::binary_op(vm, it, eit, BinaryOp::Xor, false).unwrap();
        assert_eq!(repr(vm, r), "{(4, 4), (2, 5), (3, 3), (2, 2)}");
        let r = ops::number::binary_op(vm, it, eit, BinaryOp::And, false).unwrap();
        assert_eq!(repr(vm, r), "{(1, 1)}");
        let s123 = set_of(vm, &[1, 2, 3]);
        assert!(ops::compare::eq(vm, k, s123).unwrap());
        assert!(ops::compare::eq(vm, s123, k).unwrap());
        let s1234 = set_of(vm, &[1, 2, 3, 4]);
        let lt = ops::compare::rich_compare(vm, k, s1234, fp_bytecode::CompareOp::Lt).unwrap();
        assert_eq!(lt, Value::TRUE);
        let r = method(vm, k, "isdisjoint", &[l7]).unwrap();
        assert_eq!(r, Value::TRUE);
        let r = ops::number::binary_op(vm, v, s, BinaryOp::And, false);
        assert_eq!(
            err(vm, r),
            "TypeError: unsupported operand type(s) for &: 'dict_values' and 'set'"
        );
        let p = tuple(vm, &[int(2), int(2)]);
        assert!(ops::item::contains(vm, it, p).unwrap());
        let p = tuple(vm, &[int(2), int(3)]);
        assert!(!ops::item::contains(vm, it, p).unwrap());
        assert!(ops::item::contains(vm, v, int(3)).unwrap());
        // Views are live; iterators notice size changes.
        let ki = ops::iter::get_iter(vm, k).unwrap();
        ops::iter::next(vm, ki).unwrap();
        dict::set_item(vm, d, int(10), int(0)).unwrap();
        assert_eq!(repr(vm, k), "dict_keys([1, 2, 3, 10])");
        let r = ops::iter::next(vm, ki).map(|x| x.unwrap_or(Value::NONE));
        assert_eq!(
            err(vm, r),
            "RuntimeError: dictionary changed size during iteration"
        );
    }

    #[test]
    fn sizeof_matches_cpython() {
        let mut vm = vm();
        let vm = &mut *vm;
        let e = dict::new_dict(vm);
        assert_eq!(sizeof(vm, e), "48");
        let d = dict_of(vm, &[(1, 1), (2, 2), (3, 3)]);
        assert_eq!(sizeof(vm, d), "208");
        let c = dict::copy(vm, d).unwrap();
        assert_eq!(sizeof(vm, c), "208");
        let seq: Vec<(i64, i64)> = (0..20).map(|i| (i, 0)).collect();
        let big = dict_of(vm, &seq);
        assert_eq!(sizeof(vm, big), "616");
        let s = dict::new_dict(vm);
        let a = vm.new_str("a");
        dict::set_item(vm, s, a, int(1)).unwrap();
        assert_eq!(sizeof(vm, s), "168");
        dict::set_item(vm, s, int(1), int(2)).unwrap();
        assert_eq!(sizeof(vm, s), "336");
        let seq: Vec<(i64, i64)> = (0..100).map(|i| (i, 0)).collect();
        let x = dict_of(vm, &seq);
        for i in 0..90 {
            dict::del_item(vm, x, int(i)).unwrap();
        }
        assert_eq!(sizeof(vm, x), "4672");
        let c = dict::copy(vm, x).unwrap();
        assert_eq!(sizeof(vm, c), "336");
    }
}
