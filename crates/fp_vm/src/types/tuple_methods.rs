//! `tuple`'s Python-visible methods and protocol dunders (installed by `seq_methods::install`).
//! Exact tuples also have fast paths in `ops`; these natives serve subclasses, explicit dunder
//! calls and the rest.

use super::{
    SeqKey, check_new_type, index_bounds, norm_index, repeat_count, repeat_items, richcmp_natives,
    seq_count, seq_find, seq_key, seq_richcompare, single_optional_arg, take_slice,
};
use crate::native::NativeDef;
use crate::ops;
use crate::types::iterators::{IterState, new_iter};
use crate::types::range::slice_indices;
use crate::types::tuple::{self, TupleObj, new_tuple, new_tuple_of_type};
use crate::types::typeobj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_classmethod, native_staticmethod};
use fp_bytecode::CompareOp;

pub fn install(vm: &mut Vm) {
    let ty = vm.types.tuple;
    typeobj::add_methods(vm, ty, TUPLE_METHODS);
    typeobj::add_methods(vm, ty, &TUPLE_CMP);
}

static TUPLE_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, *args, **kwargs)", tuple_new).gc_clean(),
    native!("__len__", "($self, /)", tuple_len),
    native!("__getitem__", "($self, key, /)", tuple_getitem),
    native!("__contains__", "($self, key, /)", tuple_contains),
    native!("__iter__", "($self, /)", tuple_iter),
    native!("__add__", "($self, value, /)", tuple_add),
    native!("__mul__", "($self, value, /)", tuple_mul),
    native!("__rmul__", "($self, value, /)", tuple_mul),
    native!("__hash__", "($self, /)", tuple_hash),
    native!("__repr__", "($self, /)", tuple_repr),
    native!("__getnewargs__", "($self, /)", tuple_getnewargs),
    native!("__sizeof__", "($self, /)", tuple_sizeof),
    native_classmethod!(
        "__class_getitem__",
        "($type, item, /)",
        super::class_getitem
    ),
    native!("count", "($self, value, /)", tuple_count),
    native!(
        "index",
        "($self, value, start=0, stop=sys.maxsize, /)",
        tuple_index
    ),
];

static TUPLE_CMP: [NativeDef; 6] = richcmp_natives!(tuple_richcompare);

fn this(vm: &mut Vm, v: Value) -> PyResult<&'static [Value]> {
    match tuple::items(v) {
        Some(t) => Ok(t),
        None => Err(vm.type_error(format!(
            "descriptor requires a 'tuple' object but received a '{}'",
            vm.type_name(v)
        ))),
    }
}

fn get_item(v: Value, i: usize) -> Option<Value> {
    tuple::items(v).and_then(|t| t.get(i).copied())
}

fn tuple_len_of(v: Value) -> usize {
    tuple::items(v).map(|t| t.len()).unwrap_or(0)
}

fn is_exact(vm: &Vm, v: Value) -> bool {
    vm.type_of(v) == vm.types.tuple
}

/// Audited for collection in its callbacks (`gc_clean`).
fn tuple_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let clean = vm.take_clean_entry();
    let ty = a[0];
    check_new_type(vm, ty, vm.types.tuple)?;
    // Keywords are refused unless a subclass's own `__init__` takes them (CPython's rule).
    let own_init = ty != vm.types.tuple
        && typeobj::lookup(vm, ty, vm.names.init)
            != typeobj::lookup(vm, vm.types.tuple, vm.names.init);
    let kwargs = if own_init { Value::NULL } else { a[2] };
    let arg = single_optional_arg(vm, "tuple", a[1], kwargs)?;
    if arg.is_null() {
        if ty == vm.types.tuple {
            return Ok(new_tuple(vm, Vec::new()));
        }
        return Ok(new_tuple_of_type(ty, Vec::new()));
    }
    if ty == vm.types.tuple && is_exact(vm, arg) {
        return Ok(arg);
    }
    let items = ops::iter::collect_in(vm, arg, clean)?;
    if ty == vm.types.tuple {
        return Ok(new_tuple(vm, items));
    }
    Ok(new_tuple_of_type(ty, items))
}

fn tuple_len(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = this(vm, a[0])?.len();
    Ok(crate::types::int::from_usize(vm, n))
}

fn tuple_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = this(vm, a[0])?;
    match seq_key(vm, a[1], "tuple")? {
        SeqKey::Index(i) => match norm_index(i, t.len()) {
            Some(j) => Ok(t[j]),
            None => Err(vm.index_error("tuple index out of range")),
        },
        SeqKey::Slice(s) => {
            let (start, _, step, n) = slice_indices(vm, s, t.len() as i64)?;
            if step == 1 && start == 0 && n as usize == t.len() && is_exact(vm, a[0]) {
                return Ok(a[0]);
            }
            let items = take_slice(t, start, step, n);
            Ok(new_tuple(vm, items))
        }
    }
}

fn tuple_contains(vm: &mut Vm, a: &[Value]) -> PyResult {
    this(vm, a[0])?;
    let found = seq_find(vm, a[0], a[1], 0, usize::MAX, get_item)?;
    Ok(Value::from_bool(found.is_some()))
}

fn tuple_iter(vm: &mut Vm, a: &[Value]) -> PyResult {
    this(vm, a[0])?;
    Ok(new_iter(
        vm.types.tuple_iterator,
        IterState::Tuple { seq: a[0], pos: 0 },
    ))
}

fn tuple_add(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = this(vm, a[0])?;
    let Some(o) = a[1].downcast::<TupleObj>() else {
        return Err(vm.type_error(format!(
            "can only concatenate tuple (not \"{}\") to tuple",
            vm.type_name(a[1])
        )));
    };
    if o.items.is_empty() && is_exact(vm, a[0]) {
        return Ok(a[0]);
    }
    if t.is_empty() && is_exact(vm, a[1]) {
        return Ok(a[1]);
    }
    let mut items = t.to_vec();
    items.extend_from_slice(&o.items);
    Ok(new_tuple(vm, items))
}

fn tuple_mul(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = this(vm, a[0])?;
    let Some(n) = repeat_count(vm, a[1])? else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    if n == 1 && is_exact(vm, a[0]) {
        return Ok(a[0]);
    }
    let v = repeat_items(vm, t, n)?;
    Ok(new_tuple(vm, v))
}

fn tuple_hash(vm: &mut Vm, a: &[Value]) -> PyResult {
    this(vm, a[0])?;
    let h = ops::hash::tuple_hash(vm, a[0])?;
    Ok(crate::types::int::from_i64(vm, h))
}

fn tuple_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    this(vm, a[0])?;
    let s = ops::repr::container_repr(vm, a[0])?;
    Ok(vm.new_string(s))
}

fn tuple_getnewargs(vm: &mut Vm, a: &[Value]) -> PyResult {
    let items = this(vm, a[0])?.to_vec();
    let inner = new_tuple(vm, items);
    Ok(new_tuple(vm, vec![inner]))
}

fn tuple_sizeof(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = this(vm, a[0])?.len();
    Ok(crate::types::int::from_usize(vm, 24 + 8 * n))
}

fn tuple_count(vm: &mut Vm, a: &[Value]) -> PyResult {
    this(vm, a[0])?;
    let n = seq_count(vm, a[0], a[1], get_item)?;
    Ok(crate::types::int::from_usize(vm, n))
}

fn tuple_index(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = this(vm, a[0])?;
    let (lo, hi) = index_bounds(vm, a[2], a[3], t.len())?;
    match seq_find(vm, a[0], a[1], lo, hi, get_item)? {
        Some(i) => Ok(crate::types::int::from_usize(vm, i)),
        None => Err(vm.value_error("tuple.index(x): x not in tuple")),
    }
}

fn tuple_richcompare(vm: &mut Vm, a: Value, b: Value, op: CompareOp) -> PyResult {
    if !a.is::<TupleObj>() || !b.is::<TupleObj>() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    seq_richcompare(vm, a, b, op, get_item, tuple_len_of)
}
